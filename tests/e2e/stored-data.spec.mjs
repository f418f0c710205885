// 5. Stored data is encrypted: whatever the widget keeps on the device
// (drafts while typing, the outbox while offline, a kiosk's responses) is
// an AES-GCM record {iv, data} in IndexedDB "lokalform", and no readable
// answer is anywhere: not in IndexedDB, Web Storage, cookies or the URL.
import { test, expect } from "@playwright/test";
import { MUNICIPAL, KIOSK, COLLECTOR } from "./lib/env.mjs";
import { widget, ready, fill, toReview, send, TEXT, radio, commentBox, nextOutcome, pressSend } from "./lib/widget.mjs";
import { dumpStores, countRecords, decryptStore } from "./lib/idb.mjs";
import { eventually } from "./lib/collector.mjs";
import { kioskFill } from "./lib/kiosk.mjs";

const DRAFT_COMMENT = "Birthe Sagsbehandlersen glemte vores aftale om bostøtte";
const QUEUED_COMMENT = "Ventetiden i borgerservice var uholdbar";
const KIOSK_COMMENT = "Værkstedet i Nørregade betyder meget for mig";
/** Texts that were typed or chosen, that must not be readable in storage. */
const TYPED = [DRAFT_COMMENT, "Birthe", "Sagsbehandlersen", QUEUED_COMMENT, "uholdbar", KIOSK_COMMENT, "Nørregade", "Norregade", "network", "partly", "phone", "heard", "overall", "meeting"];

/** Everything readable in Web Storage, cookies and the URL of `page`. */
async function clearTextPlaces(page) {
  return page.evaluate(() => {
    const dump = (s) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i))}`).join("\n");
    return { localStorage: dump(localStorage), sessionStorage: dump(sessionStorage), cookie: document.cookie, url: location.href, name: window.name };
  });
}

test("answers are stored only as AES-GCM records, and nothing readable is kept anywhere", async ({ page, context }) => {
  // A kiosk response kept on the device (same origin, so the same database).
  await page.goto(KIOSK);
  let w = widget(page);
  await ready(w);
  await kioskFill(w, { overall: "1", meeting: "phone" }, KIOSK_COMMENT);
  await send(w);
  expect(await countRecords(page, "kiosk")).toBe(1);

  // A web response queued while the collector is unreachable.
  await context.route(`${COLLECTOR}/**`, (route) => route.abort("internetdisconnected"));
  await page.goto(MUNICIPAL);
  w = widget(page);
  await ready(w);
  await fill(w, { overall: "3", information: "partly" }, QUEUED_COMMENT);
  await toReview(w);
  const outcome = await nextOutcome(w);
  await pressSend(w);
  expect(await outcome()).toBe("queued");
  await w.getByRole("button", { name: TEXT.da.newFeedback }).click();

  // A draft being typed.
  await ready(w);
  await fill(w, { overall: "2", heard: "partly", meeting: "network" });
  await commentBox(w).pressSequentially(DRAFT_COMMENT.slice(0, 10));
  await commentBox(w).fill(DRAFT_COMMENT);
  // Wait until the last keystroke's save landed (decrypting with the widget's own key).
  await eventually(async () => (await decryptStore(page, "drafts"))[0]?.comment === DRAFT_COMMENT, { message: "the whole draft in IndexedDB" });
  expect(await decryptStore(page, "drafts")).toEqual([{ answers: { overall: "2", heard: "partly", meeting: "network" }, comment: DRAFT_COMMENT }]);

  const stores = await dumpStores(page);
  for (const name of ["outbox", "kiosk", "drafts"]) {
    expect(stores[name]?.length ?? 0, `records in ${name}`).toBe(1);
  }
  for (const name of ["outbox", "kiosk", "drafts"]) {
    for (const rec of stores[name]) {
      const where = `${name}/${rec.id}`;
      expect(rec.keys, `${where} is {iv, data}`).toEqual(["data", "iv"]);
      expect(rec.ivType, `${where}.iv is binary`).toMatch(/^(Uint8Array|ArrayBuffer)$/);
      expect(rec.ivLength, `${where}.iv is 96 bits`).toBe(12);
      expect(rec.dataType, `${where}.data is binary`).toMatch(/^(ArrayBuffer|Uint8Array)$/);
      expect(rec.dataLength, `${where}.data holds ciphertext and tag`).toBeGreaterThan(16);
      for (const typed of TYPED) expect(rec.dataText, `${where} contains "${typed}" readable`).not.toContain(typed);
      for (const typed of TYPED) expect(rec.id, `${where}: the record's id`).not.toContain(typed);
    }
  }
  // The device key cannot be read out.
  const key = await page.evaluate(async () => {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open("lokalform"); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const all = await new Promise((ok) => { const r = db.transaction("keys").objectStore("keys").getAll(); r.onsuccess = () => ok(r.result); });
    db.close();
    return all.map((k) => ({ type: k?.constructor?.name, extractable: k.extractable, algorithm: k.algorithm }));
  });
  expect(key).toEqual([{ type: "CryptoKey", extractable: false, algorithm: { name: "AES-GCM", length: 256 } }]);
  // No other database holds anything.
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(databases).toEqual(["lokalform"]);

  // Nothing readable in Web Storage, cookies, window.name or the URL.
  const places = await clearTextPlaces(page);
  for (const [where, text] of Object.entries(places)) {
    for (const typed of TYPED) expect(text, `${where} contains "${typed}"`).not.toContain(typed);
  }
  expect(places.localStorage).toBe("");
  expect(places.sessionStorage).toBe("");
  expect(new URL(places.url).pathname + new URL(places.url).search + new URL(places.url).hash).toBe(MUNICIPAL);
  expect(await context.cookies()).toEqual([]);
  expect(await page.evaluate(async () => (await caches.keys()).length)).toBe(0);
});

test("a draft survives a reload, is offered back, and \"Start forfra\" deletes it", async ({ page }) => {
  await page.goto(MUNICIPAL);
  const w = widget(page);
  await ready(w);
  await expect(w.getByText(TEXT.da.draftRestored)).toBeHidden();
  await fill(w, { overall: "4", next: "yes" }, "Jeg nåede ikke at skrive færdig");
  await eventually(async () => (await decryptStore(page, "drafts"))[0]?.comment === "Jeg nåede ikke at skrive færdig", { message: "the draft in IndexedDB" });

  await page.reload();
  await ready(w);
  await expect(w.getByText(TEXT.da.draftRestored)).toBeVisible();
  await expect(radio(w, "overall", "4")).toBeChecked();
  await expect(radio(w, "next", "yes")).toBeChecked();
  await expect(commentBox(w)).toHaveValue("Jeg nåede ikke at skrive færdig");
  await expect(w.locator("input:checked")).toHaveCount(2);

  await w.getByRole("button", { name: TEXT.da.startOver }).click();
  await expect(w.locator("input:checked")).toHaveCount(0);
  await expect(commentBox(w)).toHaveValue("");
  await expect(w.getByText(TEXT.da.draftRestored)).toBeHidden();
  await eventually(async () => (await countRecords(page, "drafts")) === 0, { message: "the draft deleted" });

  await page.reload();
  await ready(w);
  await page.waitForLoadState("networkidle");
  await expect(w.getByText(TEXT.da.draftRestored)).toBeHidden();
  await expect(w.locator("input:checked")).toHaveCount(0);
  await expect(commentBox(w)).toHaveValue("");
  expect(await countRecords(page, "drafts")).toBe(0);
});
