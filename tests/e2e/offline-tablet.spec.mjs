// The offline tablet (issue 15 §1): lokalform's service worker
// (dist/lokalform/sw.js, written by `cargo xtask build`; registered by
// dist/lokalform/offline.js). After one visit with the network on, the kiosk
// page and the worker's app start and work with the network cut
// (`context.setOffline(true)`, then a reload); kiosk responses taken offline
// wait encrypted in IndexedDB and arrive exactly once when the network is
// back; a new build deployed while a batch waits takes over only at the
// kiosk's start screen (or when the registry is locked), and the new version
// reads and sends what the old one stored.
//
// "A new build deployed" is the static server serving a worker whose bytes
// changed: `cargo xtask e2e` passes LOKALFORM_DEPLOY_FILE, and the server
// puts that file's text in front of the worker's version (xtask/src/serve.rs,
// `Site::deploy`). The browser then installs the new worker beside the old
// one, exactly as after a real deployment.
import { test, expect, chromium } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { KIOSK, COLLECTOR, BASE, DATA_DIR, chromiumLaunchOptions } from "./lib/env.mjs";
import { widget, ready, send, TEXT, nextOutcome, radio } from "./lib/widget.mjs";
import { card, expectScreen, kioskFill } from "./lib/kiosk.mjs";
import { numbers, delta, eventually, expectedDelta, startCollector, seed } from "./lib/collector.mjs";
import { countRecords, dumpStores, decryptStore } from "./lib/idb.mjs";
import { PROGRAMME_PAGE, HOST, createRegistry, unlock } from "./lib/programme.mjs";
import { STAFF, enrollKiosk, openStaff, unlockStaff, enrollHere, staffRow } from "./lib/staff.mjs";

// The rest of the suite blocks service workers; these tests are about them.
test.use({ serviceWorkers: "allow" });
// The update tests failed now and then with "the new version took charge
// without the one reload": the tests asked the controlling worker for its
// version, and the new worker answers as soon as it controls the page, a
// moment before offline.js reloads it (session 10: 1 run in 3 of the
// staff-view test). They now wait for the reload before they count. One
// retry stays for the other failure seen once in session 6 (the new
// version not in charge within 30 s), not reproduced since.
test.describe.configure({ retries: 1 });

const DEPLOY_FILE = process.env.LOKALFORM_DEPLOY_FILE;

const PEOPLE = [
  { answers: { overall: "1", heard: "yes", meeting: "office" } },
  { answers: { overall: "2", heard: "no", information: "yes" }, comment: "Kaffen var god." },
  { answers: { overall: "4", heard: "yes", next: "partly", meeting: "phone" } },
  { answers: { overall: "5", information: "no" } },
  { answers: { overall: "5", heard: "partly", next: "yes", meeting: "office" }, comment: "Tak for i dag." },
];

/** Waits until a service worker controls the page. */
async function controlled(page) {
  await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), null, { timeout: 30_000 });
}

/** The version of the worker controlling the page (asked as offline.js asks it). */
async function workerVersion(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (e) => resolve(e.data.version);
        navigator.serviceWorker.controller.postMessage({ type: "lokalform-version" }, [channel.port2]);
      }),
  );
}

/** The version, or null while the page is reloading. */
async function versionNow(page) {
  try {
    return await workerVersion(page);
  } catch {
    return null;
  }
}

/** Whether a new worker is installed and waiting. */
async function waiting(page) {
  return page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));
}

/** The line for staff that offline.js writes (the worker's app only). */
function staffLine(page) {
  return page.locator("[data-lokalform-staff]");
}

/** What offline.js published on the page (data-lokalform-* on <html>). */
function published(page) {
  return page.evaluate(() => ({ ...document.documentElement.dataset }));
}

/** Nothing for staff on the citizens' screen (the widget's shadow root included). */
async function expectNothingForStaff(page) {
  await expect(page.locator("[data-lokalform-staff]")).toHaveCount(0);
  await expect(page.getByText(/Til personalet|uden net|Lagring|ny version/i)).toHaveCount(0);
  const visible = await page.evaluate(() =>
    [document.body.innerText, ...[...document.querySelectorAll("lokal-feedback")].map((h) => h.shadowRoot?.textContent ?? "")].join("\n"),
  );
  expect(visible).not.toContain("Til personalet");
}

/** Whether `url` can be reached from the page right now. */
async function reachable(page, url) {
  return page.evaluate((u) => fetch(u, { cache: "no-store" }).then(() => true, () => false), url);
}

/** One kiosk response, sent from the review page; expects it kept on the tablet. */
async function answer(w, person) {
  await kioskFill(w, person.answers, person.comment);
  const outcome = await nextOutcome(w);
  await send(w);
  expect(await outcome()).toBe("kept");
}

/** Every record in the outbox and kiosk stores is AES-GCM `{iv, data}` with no answer readable in it. */
async function expectSealed(page, secrets) {
  const stores = await dumpStores(page);
  for (const store of ["outbox", "kiosk"]) {
    for (const rec of stores[store] ?? []) {
      expect(rec.keys, `${store} record ${rec.id}`).toEqual(["data", "iv"]);
      for (const secret of secrets) expect(rec.dataText).not.toContain(secret);
    }
  }
}

test("after one online visit the kiosk starts with the network cut; five responses wait encrypted and arrive exactly once when it is back", async ({ page, context }) => {
  const before = await numbers();
  const responses = [];
  page.on("response", (r) =>
    responses.push({
      path: new URL(r.url()).pathname,
      url: r.url(),
      method: r.request().method(),
      status: r.status(),
      fromWorker: r.fromServiceWorker(),
      type: r.headers()["content-type"] ?? "",
    }),
  );

  // One visit with the network on.
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  await controlled(page);
  const version = await workerVersion(page);
  expect(version).toMatch(/^[0-9a-f]{16}$/);
  // Nothing about it on the citizens' screen.
  await expect.poll(() => published(page)).toMatchObject({ lokalformOffline: "ready", lokalformVersion: version });
  await expectNothingForStaff(page);
  // The staff view says it: offline-ready with the version, no new version,
  // and the browser's real answer about persistence. The collector takes
  // batches only from an enrolled tablet: enrolled there too.
  await openStaff(page, w);
  await unlockStaff(w);
  await expect(staffRow(w, STAFF.da.worksOffline)).toHaveText(STAFF.da.offlineReady(version));
  await expect(staffRow(w, STAFF.da.update)).toHaveText(STAFF.da.updateNone);
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  await expect(staffRow(w, STAFF.da.storage)).toHaveText(persisted ? STAFF.da.persisted : STAFF.da.notPersisted);
  await enrollHere(w);
  await w.getByRole("button", { name: STAFF.da.back, exact: true }).click();
  await expectScreen(w, 1);

  // The network is cut, and the page is reloaded.
  await context.setOffline(true);
  expect(await reachable(page, `${COLLECTOR}/healthz`), "the collector cannot be reached").toBe(false);
  responses.length = 0;
  await page.reload();
  await ready(w);
  const served = (path) => responses.find((r) => r.path === path);
  expect(served(KIOSK), "the page").toMatchObject({ status: 200, fromWorker: true });
  const wasm = responses.find((r) => r.path.endsWith(".wasm"));
  expect(wasm, "the wasm, from the worker, still application/wasm").toMatchObject({ status: 200, fromWorker: true, type: "application/wasm" });
  // Only GET is answered from the cache: a POST to a kept page goes to the (cut) network.
  expect(await page.evaluate(() => fetch("/examples/kiosk/", { method: "POST", body: "x" }).then((r) => `HTTP ${r.status}`, () => "network error"))).toBe("network error");

  // Five people answer with the network cut.
  for (const [i, person] of PEOPLE.entries()) {
    await answer(w, person);
    if (i < PEOPLE.length - 1) await w.getByRole("button", { name: TEXT.da.startOver }).click();
  }
  // The batch waits in the outbox, sealed.
  await eventually(async () => (await countRecords(page, "outbox")) === 1 && (await countRecords(page, "kiosk")) === 0, {
    message: "one batch waiting in the outbox",
  });
  await expectSealed(page, ["Kaffen", "Tak for i dag"]);
  expect((await decryptStore(page, "outbox"))[0].tally.responses, "the waiting batch holds the five").toBe(5);

  // A reload with the network still cut: the page starts, the batch still waits.
  await page.reload();
  await ready(w);
  expect(await countRecords(page, "outbox")).toBe(1);
  expect(await numbers(), "nothing counted while the network is cut").toEqual(before);

  // The network comes back: the batch arrives, once.
  await context.setOffline(false);
  await eventually(async () => (await countRecords(page, "outbox")) === 0, { timeout: 30_000, message: "an empty outbox after the ack" });
  const after = await numbers();
  expect(delta(before, after)).toEqual(expectedDelta(PEOPLE.map((p) => p.answers)));
  const posts = responses.filter((r) => r.method === "POST" && r.url.startsWith(COLLECTOR));
  expect(posts.map((p) => `${p.status} ${p.fromWorker}`), "one POST, from the network").toEqual(["200 false"]);

  // Nothing more is sent after another reload.
  await page.reload();
  await ready(w);
  await page.waitForTimeout(1_000);
  expect(await numbers()).toEqual(after);
});

test("a new build deployed while a kiosk batch waits takes over only at the start screen, then reads and sends the batch", async ({ page, context }) => {
  test.skip(!DEPLOY_FILE, "needs LOKALFORM_DEPLOY_FILE (run through `cargo xtask e2e`)");
  const collector = await startCollector();
  let navigations = 0;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  try {
    await seed(collector.url, collector.token);
    const before = await numbers(collector.url, collector.token);
    // The widget's "safe moment" events, as offline.js hears them.
    await page.addInitScript(() => {
      window.__startScreens = [];
      document.addEventListener("lokal-start-screen", (e) => window.__startScreens.push({ target: e.target.tagName, detail: e.detail }));
    });

    await page.goto(KIOSK);
    const w = widget(page);
    await ready(w);
    await controlled(page);
    const oldVersion = await workerVersion(page);
    // This tablet sends to a collector of its own (enrolled there), which goes down.
    await w.evaluate((host, url) => host.setAttribute("collector", url), collector.url);
    await expectScreen(w, 1);
    await enrollKiosk(page, w, { collector: collector.url, token: collector.token });
    await collector.stop({ keep: true });

    // Five responses: the batch cannot be sent and waits.
    for (const person of PEOPLE) {
      await answer(w, person);
      await w.getByRole("button", { name: TEXT.da.startOver }).click();
    }
    await eventually(async () => (await countRecords(page, "outbox")) === 1, { message: "the batch waiting" });
    // Two start screens so far (the page loaded; staff left the staff
    // view), from the element, with no detail: "Start forfra" pressed by a
    // person is no moment to reload.
    const startScreen = { target: "LOKAL-FEEDBACK", detail: null };
    expect(await page.evaluate(() => window.__startScreens)).toEqual([startScreen, startScreen]);

    // A sixth person has begun; meanwhile a new build is deployed, and the
    // tablet finds it when the network comes back (the `online` event).
    await card(w, "overall", "3").click();
    await expectScreen(w, 2);
    fs.writeFileSync(DEPLOY_FILE, "2");
    await context.setOffline(true);
    await context.setOffline(false);
    await expect.poll(() => waiting(page), { timeout: 30_000, message: "the new worker installed and waiting" }).toBe(true);
    expect((await published(page)).lokalformUpdate, "offline.js says a new version waits").toBe("waiting");
    // It waits: no reload under the person's hands, the old version still in charge.
    const navigationsBefore = navigations;
    await page.waitForTimeout(3_000);
    expect(navigations, "no reload while someone is answering").toBe(navigationsBefore);
    await expect(radio(w, "overall", "3")).toBeChecked();
    expect(await workerVersion(page)).toBe(oldVersion);

    // The sixth person finishes; the thank-you page starts over by itself:
    // the start screen, where the new version takes over (one reload).
    await answer(w, { answers: { overall: "3", heard: "yes" } });
    const newVersion = `2-${oldVersion}`;
    // The new worker answers as soon as it controls the page, a moment
    // before offline.js reloads: wait for the reload, then count.
    await expect.poll(() => navigations - navigationsBefore, { timeout: 30_000, message: "the page reloaded" }).toBeGreaterThan(0);
    await expect.poll(() => versionNow(page), { timeout: 30_000, message: "the new version in charge" }).toBe(newVersion);
    expect(navigations, "exactly one reload, at the start screen").toBe(navigationsBefore + 1);
    await ready(w);
    await expect.poll(() => published(page)).toMatchObject({ lokalformOffline: "ready", lokalformVersion: newVersion });
    expect((await published(page)).lokalformUpdate).toBeUndefined();
    expect(await page.evaluate(() => caches.keys()), "the old version's cache is gone").toEqual([`lokalform-${newVersion}`]);

    // The new version reads what the old one stored: the waiting batch and the sixth response.
    expect((await decryptStore(page, "outbox")).map((p) => p.tally.responses)).toEqual([5]);
    expect(await decryptStore(page, "kiosk")).toHaveLength(1);

    // The collector is back: the new version sends the old version's batch, once.
    const restarted = await startCollector({ port: collector.port, db: collector.db });
    try {
      await context.setOffline(true);
      await context.setOffline(false);
      await eventually(async () => (await countRecords(page, "outbox")) === 0, { timeout: 30_000, message: "the batch sent" });
      expect(delta(before, await numbers(restarted.url, restarted.token))).toEqual(expectedDelta(PEOPLE.map((p) => p.answers)));
      expect(await countRecords(page, "kiosk"), "the sixth response waits for four more").toBe(1);
    } finally {
      await restarted.stop();
    }
  } finally {
    fs.rmSync(DEPLOY_FILE, { force: true });
    await collector.stop();
  }
});

test("the staff view shows a new version waiting while it is open; leaving it is the moment the new version takes over", async ({ page, context }) => {
  test.skip(!DEPLOY_FILE, "needs LOKALFORM_DEPLOY_FILE (run through `cargo xtask e2e`)");
  let navigations = 0;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  try {
    await page.goto(KIOSK);
    const w = widget(page);
    await ready(w);
    await controlled(page);
    const oldVersion = await workerVersion(page);
    await expect.poll(() => published(page)).toMatchObject({ lokalformOffline: "ready", lokalformVersion: oldVersion });
    // Staff open their view (a key pressed: not a moment to reload any more).
    await openStaff(page, w);
    await unlockStaff(w);
    await expect(staffRow(w, STAFF.da.worksOffline)).toHaveText(STAFF.da.offlineReady(oldVersion));
    await expect(staffRow(w, STAFF.da.update)).toHaveText(STAFF.da.updateNone);

    // A new build is deployed and found: the open view follows offline.js.
    fs.writeFileSync(DEPLOY_FILE, "4");
    await context.setOffline(true);
    await context.setOffline(false);
    await expect.poll(() => waiting(page), { timeout: 30_000, message: "the new worker waiting" }).toBe(true);
    await expect(staffRow(w, STAFF.da.update)).toHaveText(STAFF.da.updateWaiting);
    await expect(staffRow(w, STAFF.da.worksOffline)).toHaveText(STAFF.da.offlineReady(oldVersion));
    const navigationsBefore = navigations;

    // "Tilbage": the start screen with nobody at it, where the new version takes over.
    await w.getByRole("button", { name: STAFF.da.back, exact: true }).click();
    const newVersion = `4-${oldVersion}`;
    await expect.poll(() => navigations - navigationsBefore, { timeout: 30_000, message: "the page reloaded" }).toBeGreaterThan(0);
    await expect.poll(() => versionNow(page), { timeout: 30_000, message: "the new version in charge" }).toBe(newVersion);
    expect(navigations, "one reload").toBe(navigationsBefore + 1);
    await ready(w);
    await expectNothingForStaff(page);
    await openStaff(page, w);
    await unlockStaff(w);
    await expect(staffRow(w, STAFF.da.worksOffline)).toHaveText(STAFF.da.offlineReady(newVersion));
    await expect(staffRow(w, STAFF.da.update)).toHaveText(STAFF.da.updateNone);
  } finally {
    fs.rmSync(DEPLOY_FILE, { force: true });
  }
});

test("the worker's app starts with the network cut, and a new version takes over only when the registry is locked", async ({ page, context }) => {
  test.skip(!DEPLOY_FILE, "needs LOKALFORM_DEPLOY_FILE (run through `cargo xtask e2e`)");
  const passphrase = "kaffe og kage på torsdag";
  let navigations = 0;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  try {
    await page.goto(PROGRAMME_PAGE);
    const host = page.locator(HOST);
    await createRegistry(host, passphrase);
    await controlled(page);
    const oldVersion = await workerVersion(page);
    await expect(staffLine(page)).toContainText(`Til personalet: Siden virker uden net (version ${oldVersion}).`);

    // The network is cut; the app starts, unlocks, and opens a form (its definition from the cache).
    await context.setOffline(true);
    await page.reload();
    await unlock(host, passphrase);
    await expect(host.getByRole("heading", { name: "Deltagere", level: 2 })).toBeVisible();
    await host.getByRole("button", { name: "Rekrutter en peer", exact: true }).click();
    await expect(host.locator('[id="lf-name"]')).toBeVisible();
    await host.locator('[id="lf-name"]').fill("Testperson Offline");

    // A new build is deployed while the registry is open: it waits.
    fs.writeFileSync(DEPLOY_FILE, "3");
    await context.setOffline(false);
    await expect.poll(() => waiting(page), { timeout: 30_000, message: "the new worker waiting" }).toBe(true);
    // The app's own line for staff (used by staff only) says so.
    await expect(staffLine(page)).toContainText("En ny version er hentet og tages i brug, når ingen er i gang.");
    const navigationsBefore = navigations;
    await page.waitForTimeout(3_000);
    expect(navigations, "no reload while the registry is open").toBe(navigationsBefore);
    await expect(host.locator('[id="lf-name"]')).toHaveValue("Testperson Offline");

    // Locked: the new version takes over, and opens the registry the old one wrote.
    await host.getByRole("button", { name: "Lås registret" }).click();
    const anyway = host.locator("#lp-lock-anyway");
    if (await anyway.isVisible().catch(() => false)) await anyway.click();
    await expect.poll(() => navigations - navigationsBefore, { timeout: 30_000, message: "the page reloaded" }).toBeGreaterThan(0);
    await expect.poll(() => versionNow(page), { timeout: 30_000, message: "the new version in charge" }).toBe(`3-${oldVersion}`);
    expect(navigations).toBe(navigationsBefore + 1);
    await unlock(host, passphrase);
    await expect(host.getByRole("heading", { name: "Deltagere", level: 2 })).toBeVisible();
  } finally {
    fs.rmSync(DEPLOY_FILE, { force: true });
  }
});

test("the worker file is served uncached and lists the build's content-hashed files", async ({ request }) => {
  const sw = await request.get("/dist/lokalform/sw.js");
  expect(sw.ok()).toBe(true);
  expect(sw.headers()["cache-control"]).toBe("no-cache");
  expect(sw.headers()["service-worker-allowed"]).toBe("/");
  const text = await sw.text();
  const build = JSON.parse(text.match(/const BUILD = (\{.*\});/)[1]);
  const files = new Map(build.files);
  const manifest = await (await request.get("/dist/lokalform/manifest.json")).json();
  for (const bundle of Object.values(manifest)) {
    expect(files.has(`dist/lokalform/${bundle.module}`), bundle.module).toBe(true);
    expect(files.get(`dist/lokalform/${bundle.wasm}`), bundle.wasm).toMatch(/^sha256-/);
    expect(build.aliases[`dist/lokalform/${bundle.stable_module}`]).toBe(`dist/lokalform/${bundle.module}`);
  }
  for (const kept of ["", "examples/kiosk/", "examples/programme/", "dist/lokalform/embed/feedback.html", "forms/feedback.json", "examples/kiosk/manifest.webmanifest"]) {
    expect(files.has(kept), kept).toBe(true);
  }
  const wasm = await request.get(`/dist/lokalform/${manifest.feedback.wasm}`);
  expect(wasm.headers()["content-type"]).toBe("application/wasm");

});

test("the kiosk page and the worker's app can be installed as apps that start full screen", async () => {
  // Playwright's usual contexts are incognito, where Chromium installs
  // nothing: a persistent profile of our own, as a tablet's browser has.
  const profile = fs.mkdtempSync(path.join(DATA_DIR, "profile-"));
  const context = await chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions, headless: true, baseURL: BASE, serviceWorkers: "allow" });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    for (const where of [KIOSK, PROGRAMME_PAGE]) {
      await page.goto(where);
      await controlled(page);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
      expect(installabilityErrors, `${where} is installable`).toEqual([]);
      const { url, data, errors } = await cdp.send("Page.getAppManifest");
      expect(errors, url).toEqual([]);
      const manifest = JSON.parse(data);
      expect(manifest.display).toBe("fullscreen");
      expect(manifest.icons.map((i) => i.sizes)).toEqual(["192x192", "512x512", "any"]);
      await cdp.detach();
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
