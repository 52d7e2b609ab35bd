// The flow designer's browser helpers: file downloads (export) for the admin pages.
window.approvalsDesigner = {
  download: async (fileName, streamRef) => {
    const buffer = await streamRef.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName || 'flow.json';
    document.body.appendChild(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  }
};
