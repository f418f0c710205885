// lokalform's service worker: after one visit with the network on, the
// pages lokalform serves itself (the gallery, the kiosk page, the worker's
// app, the iframe embed pages) start and work with no network.
//
// `cargo xtask build` writes this file to dist/lokalform/sw.js with BUILD
// filled in (xtask/src/offline.rs): the version, every file kept (its path
// from the site root and, for files served byte for byte, its Subresource
// Integrity value) and the stable bundle names answered with their
// content-hashed copies. Hand-written, no library; what it does:
//
// - install: fetches every file into the cache `lokalform-<version>`,
//   past the HTTP cache and checked against its integrity, so the cache
//   holds one whole build. It does not call skipWaiting: a new version
//   waits (see offline.js for when it takes over).
// - fetch: answers a GET for a kept file from that cache. Everything else
//   (every POST, so the collector's submissions; other origins; other
//   files) is left to the network, untouched.
// - message "lokalform-take-over" (a page at a safe moment): skipWaiting.
// - message "lokalform-version": answers with the version on the port sent.
// - activate: deletes older versions' caches and controls the open pages.
//
// Nothing of the stored answers or the registry passes through here: they
// live in IndexedDB, which a new version reads as the old one wrote it.

const BUILD = "__LOKALFORM_BUILD__";

const CACHE = `lokalform-${BUILD.version}`;
/** The site root: this file is at <root>/dist/lokalform/sw.js. */
const ROOT = new URL("../../", self.location.href);
/** path → integrity ("" when the file is not checked, e.g. an HTML page). */
const FILES = new Map(BUILD.files);

/** The kept path a request for `href` is answered from, or null. */
function kept(href) {
  const url = new URL(href);
  if (url.origin !== ROOT.origin || !url.pathname.startsWith(ROOT.pathname)) return null;
  let path = decodeURIComponent(url.pathname.slice(ROOT.pathname.length));
  if (path === "index.html" || path.endsWith("/index.html")) path = path.slice(0, -"index.html".length);
  path = BUILD.aliases[path] ?? path;
  return FILES.has(path) ? path : null;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(
        [...FILES].map(async ([path, integrity]) => {
          const url = new URL(path, ROOT);
          const init = { cache: "no-cache", credentials: "omit", redirect: "error" };
          if (integrity) init.integrity = integrity;
          const response = await fetch(url, init);
          if (!response.ok) throw new Error(`lokalform: ${url}: HTTP ${response.status}`);
          await cache.put(url, response);
        }),
      );
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("lokalform-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // Only GET: a POST (a response sent to the collector) always goes to the network.
  if (request.method !== "GET") return;
  const path = kept(request.url);
  if (path === null) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      return (await cache.match(new URL(path, ROOT))) ?? fetch(request);
    })(),
  );
});

self.addEventListener("message", (event) => {
  const type = event.data?.type;
  if (type === "lokalform-take-over") self.skipWaiting();
  if (type === "lokalform-version") event.ports[0]?.postMessage({ version: BUILD.version });
});
