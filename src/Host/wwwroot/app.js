// Keeps what people type in the browser until the request is submitted.
window.approvalsDraft = {
  save: (key, json) => { try { localStorage.setItem(key, json); } catch (e) { } },
  load: (key) => { try { return localStorage.getItem(key); } catch (e) { return null; } },
  clear: (key) => { try { localStorage.removeItem(key); } catch (e) { } }
};

// The reload / retry links of Blazor's error bar and reconnect dialog (App.razor); no inline script under the CSP.
document.addEventListener('click', (e) => {
  const reload = e.target.closest && e.target.closest('[data-reload]');
  if (reload) { e.preventDefault(); location.reload(); return; }
  const reconnect = e.target.closest && e.target.closest('[data-reconnect]');
  if (reconnect) { e.preventDefault(); if (window.Blazor && Blazor.reconnect) Blazor.reconnect().then(ok => { if (!ok) location.reload(); }); else location.reload(); }
});
