// Registers Unrolled's service worker (release site only: scripts/build-site.sh adds this
// file to index.html; `scripts/serve.sh` never does, so development always shows fresh
// code) and tells the page when a new build has been downloaded. The app shows the notice
// in its language; this file only sets the hook:
//   <html data-unrolled-update="ready" data-unrolled-version="…">
//   and a `unrolled-update` event on window (detail: { version }).
if ('serviceWorker' in navigator) {
  const container = navigator.serviceWorker;
  container.addEventListener('message', (event) => {
    const { type, version } = event.data ?? {};
    if (typeof version !== 'string') return;
    document.documentElement.dataset.unrolledVersion = version;
    if (type === 'unrolled-updated') {
      document.documentElement.dataset.unrolledUpdate = 'ready';
      window.dispatchEvent(new CustomEvent('unrolled-update', { detail: { version } }));
    }
  });
  container.startMessages();
  container.register('./sw.js', { updateViaCache: 'none' })
    .then(() => container.ready)
    .then((registration) => registration.active?.postMessage({ type: 'unrolled-version' }))
    .catch((error) => console.warn(`Unrolled will not work offline: ${error}`));
}
