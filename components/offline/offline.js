// lokalform offline: registers the service worker (sw.js, beside this file)
// for a page lokalform serves itself, asks the browser to keep the page's
// storage (navigator.storage.persist()), and takes a new version only at a
// safe moment. A page loads it before the widget:
//
//   <script type="module" src="/dist/lokalform/offline.js"></script>
//
// An external module, so a strict Content-Security-Policy (no inline
// script) keeps working; the worker needs `worker-src 'self'` (or a
// script-src that allows the page's origin).
//
// Updates never surprise: a new version installs in the background and
// waits. It takes over (this page tells the waiting worker to skipWaiting,
// then reloads) only when the widget says nobody is in the middle of
// something: `lokal-start-screen` from a kiosk <lokal-feedback> back at its
// empty first screen, or `lokal-locked` from <lokal-programme>. A tap, a key
// or any input after that makes the moment unsafe again. A page with no such
// widget keeps its version until it is closed. A page whose worker was
// replaced from another tab reloads at its own next safe moment.
//
// The page's state for staff is kept here only, and published as data
// attributes on <html> (readable at any time: a staff view opens long after
// the state changed), each change followed by a `lokalform-offline` event on
// window (no detail; read the attributes), so an open view can follow it.
// Never an answer, only the page's state:
//
//   data-lokalform-offline  "preparing" | "ready" (a service worker
//                           controls the page: it starts without network)
//                           | "unsupported" (this browser cannot)
//   data-lokalform-version  the controlling worker's version (when ready)
//   data-lokalform-update   "waiting" while a new version waits (absent
//                           otherwise)
//   data-lokalform-storage  "kept" | "not-kept" (the browser may delete
//                           unsent data) | "unsupported" (absent until known)
//
// The kiosk's staff view shows them (components/src/feedback/kiosk/
// offline.rs reads them); a citizen at the tablet sees none of it. A page
// used only by staff (the worker's app) may give an element
// `data-lokalform-staff`, which gets the same state as one line of text.

/** Every text this script shows, Danish and English. */
const WORDS = {
  da: {
    preparing: "Til personalet: Siden gøres klar til at virke uden net.",
    ready: (version) => `Til personalet: Siden virker uden net (version ${version}).`,
    unsupported: "Til personalet: Denne browser kan ikke starte siden uden net.",
    persisted: "Lagringen er sikret: browseren sletter ikke gemte data for at få plads.",
    notPersisted:
      "Lagringen er ikke sikret: browseren kan slette gemte data, der ikke er sendt, hvis enheden mangler plads. Installér siden som app: så giver browseren som regel lov.",
    cannotPersist: "Browseren kan ikke sikre lagringen: gemte data, der ikke er sendt, kan blive slettet, hvis enheden mangler plads.",
    waiting: "En ny version er hentet og tages i brug, når ingen er i gang.",
  },
  en: {
    preparing: "For staff: the page is being made ready to work without network.",
    ready: (version) => `For staff: the page works without network (version ${version}).`,
    unsupported: "For staff: this browser cannot start the page without network.",
    persisted: "Storage is kept: the browser does not delete stored data to free space.",
    notPersisted:
      "Storage is not kept: the browser may delete stored data that has not been sent if the device runs short of space. Install the page as an app: browsers usually agree then.",
    cannotPersist: "The browser cannot keep the storage: stored data that has not been sent may be deleted if the device runs short of space.",
    waiting: "A new version has been downloaded and will be used when nobody is busy.",
  },
};

const words = WORDS[document.documentElement.lang?.slice(0, 2) === "en" ? "en" : "da"];
/** The page's state, as published (see the header). */
const status = { offline: "preparing", version: "", update: false, storage: "" };

/** Publishes `status`: the attributes, the event, and any staff line. */
function show() {
  const root = document.documentElement.dataset;
  root.lokalformOffline = status.offline;
  if (status.version) root.lokalformVersion = status.version;
  else delete root.lokalformVersion;
  if (status.update) root.lokalformUpdate = "waiting";
  else delete root.lokalformUpdate;
  if (status.storage) root.lokalformStorage = status.storage;
  dispatchEvent(new Event("lokalform-offline"));
  const lines = document.querySelectorAll("[data-lokalform-staff]");
  if (!lines.length) return;
  const offline = status.offline === "ready" ? words.ready(status.version) : words[status.offline];
  const storage = { kept: words.persisted, "not-kept": words.notPersisted, unsupported: words.cannotPersist }[status.storage];
  const line = [offline, storage, status.update && words.waiting].filter(Boolean).join(" ");
  for (const el of lines) el.textContent = line;
}

/** Whether the page may reload now: a widget said so, and nobody touched anything since. */
let safe = false;
/** A newer worker controls this page: reload at the next safe moment. */
let reloadWhenSafe = false;
/** This page's service worker registration, once registered. */
let registration = null;

/** Tells a waiting worker to take over, if this is a safe moment. */
function takeOverIfSafe() {
  if (safe && registration?.waiting && navigator.serviceWorker.controller) {
    registration.waiting.postMessage({ type: "lokalform-take-over" });
  }
}

function onSafe() {
  safe = true;
  if (reloadWhenSafe) location.reload();
  else takeOverIfSafe();
}

async function storage() {
  if (!navigator.storage?.persist) {
    status.storage = "unsupported";
  } else {
    const kept = (await navigator.storage.persisted()) || (await navigator.storage.persist());
    status.storage = kept ? "kept" : "not-kept";
  }
  show();
}

/** The version of the worker controlling this page. */
function version(worker) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data?.version ?? "?");
    worker.postMessage({ type: "lokalform-version" }, [channel.port2]);
  });
}

async function showVersion() {
  const controller = navigator.serviceWorker.controller;
  if (controller) {
    status.version = await version(controller);
    status.offline = "ready";
  }
  show();
}

async function start() {
  if (!("serviceWorker" in navigator)) {
    status.offline = "unsupported";
    show();
    return;
  }
  const container = navigator.serviceWorker;
  let controlled = Boolean(container.controller);
  container.addEventListener("controllerchange", () => {
    // The first worker taking control of this page is no new version.
    if (!controlled) {
      controlled = true;
      showVersion();
      return;
    }
    reloadWhenSafe = true;
    if (safe) location.reload();
  });
  registration = await container.register(new URL("sw.js", import.meta.url), {
    scope: new URL("../../", import.meta.url).pathname,
    updateViaCache: "none",
  });
  // A browser (or a test harness) that refuses workers without an error.
  if (!registration) {
    status.offline = "unsupported";
    show();
    return;
  }
  const noteWaiting = () => {
    status.update = Boolean(registration.waiting && container.controller);
    show();
    takeOverIfSafe();
  };
  const follow = (worker) => worker?.addEventListener("statechange", noteWaiting);
  follow(registration.installing);
  registration.addEventListener("updatefound", () => follow(registration.installing));
  noteWaiting();
  // Look for a new version when the network comes back and every half hour
  // (a kiosk may run all day without a reload).
  const check = () => registration.update().catch(() => {});
  addEventListener("online", check);
  setInterval(check, 30 * 60 * 1000);
  await container.ready;
  await showVersion();
}

// The widgets' safe moments; anyone touching the page makes the moment
// unsafe again (composed events reach the document from inside the
// widgets' shadow roots).
document.addEventListener("lokal-start-screen", onSafe);
document.addEventListener("lokal-locked", onSafe);
for (const type of ["pointerdown", "keydown", "input"]) {
  addEventListener(type, () => (safe = false), { capture: true, passive: true });
}
show();
storage();
start().catch((error) => console.warn("lokalform offline:", error));
