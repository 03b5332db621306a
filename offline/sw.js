// Unrolled's service worker (release site only; scripts/write-sw.sh fills in the version
// and the file list). It keeps every file of one build in one cache, so the page works
// offline after one visit, and swaps in the next build's cache as soon as that build has
// been downloaded completely.
//
// - The page itself (a navigation) is fetched from the network first and from the cache
//   when the network fails or takes longer than NAVIGATION_TIMEOUT_MS: a fresh page when
//   online, the cached one in a classroom with bad Wi-Fi.
// - Every file of the build is answered from the cache.
// - Anything else goes to the network untouched.
const VERSION = '__UNROLLED_VERSION__';
const FILES = __UNROLLED_FILES__;
const CACHE = `unrolled-${VERSION}`;
const NAVIGATION_TIMEOUT_MS = 2500;

const scoped = (path) => new URL(path, self.registration.scope).href;
const PRECACHED = new Set(FILES.map(scoped));
const SHELL = scoped('index.html');

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // `reload`: past the HTTP cache, so the cache holds exactly this build's files.
    await cache.addAll(FILES.map((path) => new Request(scoped(path), { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const old = (await caches.keys()).filter((key) => key.startsWith('unrolled-') && key !== CACHE);
    await Promise.all(old.map((key) => caches.delete(key)));
    await self.clients.claim();
    if (old.length > 0) {
      // An earlier build was running: the open pages say that the next load is the new one.
      const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const page of pages) page.postMessage({ type: 'unrolled-updated', version: VERSION });
    }
  })());
});

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  return cache.match(request, { ignoreSearch: true });
}

async function navigation(request) {
  const network = fetch(request);
  network.catch(() => {}); // a late failure after the timeout is not an error
  const timeout = new Promise((resolve) => { setTimeout(resolve, NAVIGATION_TIMEOUT_MS, null); });
  try {
    const response = await Promise.race([network, timeout]);
    if (response) return response;
  } catch {
    // Offline: the cached page below.
  }
  const cached = await fromCache(SHELL);
  return cached ?? network;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate' && request.url.startsWith(self.registration.scope)) {
    event.respondWith(navigation(request));
    return;
  }
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  if (PRECACHED.has(url.href)) {
    event.respondWith((async () => (await fromCache(request)) ?? fetch(request))());
  }
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'unrolled-version') event.source?.postMessage({ type: 'unrolled-version', version: VERSION });
});
