// Keeps what people type in the browser until the request is submitted.
window.approvalsDraft = {
  save: (key, json) => { try { localStorage.setItem(key, json); } catch (e) { } },
  load: (key) => { try { return localStorage.getItem(key); } catch (e) { return null; } },
  clear: (key) => { try { localStorage.removeItem(key); } catch (e) { } }
};
