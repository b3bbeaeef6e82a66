// sw.js: OrgSim's service worker: keeps the page (index.html, page.css, boot.js), its script and its
// WebAssembly (and the replication workers': pool.js, worker.js, orgsim_worker.js/.wasm) in a cache on
// the first visit and serves them from there (cache first), so the app starts without a network and
// still runs its replications on every core. The build writes its own version below (a hash of the
// site's files): a new build is a new worker, which installs the new files and deletes the old cache.
'use strict';

const VERSION = '@ORGSIM_SW_VERSION@';
const CACHE = 'orgsim-' + VERSION;
const FILES = ['index.html', 'page.css', 'boot.js', 'a11y.js', 'orgsim.js', 'orgsim.wasm', 'pool.js', 'worker.js', 'orgsim_worker.js', 'orgsim_worker.wasm'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // 'reload': skip the HTTP cache, so the cache holds exactly this build's files.
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' }))))
      .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('orgsim-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    // Any page of the app (with ?scenario=... or #w=...) is index.html.
    event.respondWith(caches.open(CACHE).then((cache) =>
      cache.match('index.html').then((hit) => hit || fetch(req))));
    return;
  }
  event.respondWith(caches.open(CACHE).then((cache) =>
    cache.match(req, { ignoreSearch: true }).then((hit) => {
      if (hit) return hit;
      return fetch(req).then((response) => {
        if (response.ok && response.type === 'basic') cache.put(req, response.clone());
        return response;
      });
    })));
});
