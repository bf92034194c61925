// The installed app's service worker: the site's static files from a cache, and an offline page when
// the network is gone. It never keeps a page, a form or an answer of the APIs: only GETs of static
// files (which hold nothing personal) and the offline page, fetched without cookies.
const lang = new URL(self.location.href).searchParams.get('lang') === 'en' ? 'en' : 'nl';
const cacheName = 'buurt-static-1';
const offlinePage = `/offline?lang=${lang}`;
const staticFile = /^\/(css|js|lib|icons|_framework)\/|^\/theme\.css$/;

self.addEventListener('install', event => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    const response = await fetch(offlinePage, { credentials: 'omit' });
    if (!response.ok) {
      throw new Error(`The offline page answered ${response.status}`);
    }
    const html = await response.clone().text();
    await cache.put(offlinePage, response);
    // The offline page's style sheets and scripts, so that it looks like the rest of the site.
    const files = [...html.matchAll(/(?:href|src)="\/?((?:css|js|lib|icons|_framework)\/[^"]+|theme\.css(?:\?v=[0-9a-f]+)?)"/g)]
      .map(match => `/${match[1]}`);
    await cache.addAll([...new Set(files)]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== cacheName) {
        await caches.delete(key);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === 'navigate') {
    // Pages always from the network; only when there is none, the offline page.
    event.respondWith(fetch(request).catch(async () => (await caches.match(offlinePage)) ?? Response.error()));
    return;
  }
  if (staticFile.test(url.pathname)) {
    // From the cache at once, refreshed from the network behind it (the file names carry their hash).
    event.respondWith((async () => {
      const cache = await caches.open(cacheName);
      const cached = await cache.match(request);
      const fresh = fetch(request).then(response => {
        if (response.ok) {
          cache.put(request, response.clone());
        }
        return response;
      });
      if (cached) {
        event.waitUntil(fresh.catch(() => undefined));
        return cached;
      }
      return fresh;
    })());
  }
});
