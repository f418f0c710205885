// <lokal-form> drafts. A form with personal data (recruitment-peer) keeps
// its draft sealed with the worker's passphrase: {kdf: "PBKDF2-SHA256",
// iterations ≥ 600 000, salt (16 bytes), iv (12 bytes), data}, nothing
// readable in it or anywhere else on the device, nothing typed in any
// request; after a reload the draft is offered back, a wrong passphrase
// changes nothing, the right one brings the answers back on the same step.
// A form without personal data (feedback.json) keeps a device-key draft
// that comes back by itself and is deleted with "Slet kladden".
import { test, expect } from "@playwright/test";
import { GALLERY, BASE } from "./lib/env.mjs";
import { recordRequests } from "./lib/network.mjs";
import {
  PEER, FEEDBACK, DRAFT_ID, WORDS, ready, choosePassphrase, expectStep, expectFocus, expectHeadingFocus, pressNext,
  rawDraft, draftIds, openSealedDraft, openDeviceDraft, waitForDraft, findStrings, clearTextPlaces, passInput, passAgainInput,
  openFixture,
} from "./lib/form.mjs";

const PEER_STEPS = ["Kontaktoplysninger", "Om dig", "Ønsker til et match", "Hvornår kan du?", "Det aftaler vi", "Samtykke"];
const PASSPHRASE = "Blåbær i Bøgeskoven 7";
const NAME = "Hanne Testesen";
const CPR = "0102031234";
const MOTIVATION = "Jeg vil gerne lære at tage bussen alene til Psykiatrisk Center";
/** What was typed (and parts of it), which must not be readable anywhere but in the widget. */
const TYPED = [NAME, "Hanne", "Testesen", CPR, "010203-1234", MOTIVATION, "bussen alene", "Psykiatrisk", PASSPHRASE, "Bøgeskoven", "Blåbær"];

/** Every byte of a raw record (binary members) and the JSON of the others, for searching. */
function recordBytes(rec) {
  const parts = [];
  for (const f of Object.values(rec.fields)) parts.push(Buffer.from(f.bytes ?? Buffer.from(f.json ?? "", "utf8")));
  return Buffer.concat(parts);
}

/** Asserts that no request in `log` carries any of `strings` (URL, body, headers), and that all went to the static server. */
function expectCleanRequests(log, strings) {
  expect(log.length, "requests were recorded").toBeGreaterThan(0);
  for (const r of log) {
    const text = [r.url, r.postData ?? "", JSON.stringify(r.headers)].join("\n");
    for (const s of strings) {
      expect(text.toLowerCase(), `${r.method} ${r.url} carries "${s}"`).not.toContain(s.toLowerCase());
      expect(text, `${r.method} ${r.url} carries "${s}" (URL-encoded)`).not.toContain(encodeURIComponent(s));
    }
  }
  const elsewhere = log.filter((r) => new URL(r.url).origin !== BASE || r.method !== "GET");
  expect(elsewhere.map((r) => `${r.method} ${r.url}`), "only GETs to the static server").toEqual([]);
}

async function expectNothingReadable(page, context, strings) {
  const places = await clearTextPlaces(page);
  for (const [where, text] of Object.entries(places)) {
    for (const s of strings) expect(text, `${where} contains "${s}"`).not.toContain(s);
  }
  expect(places.localStorage).toBe("");
  expect(places.sessionStorage).toBe("");
  expect(new URL(places.url).pathname + new URL(places.url).search + new URL(places.url).hash).toBe("/");
  expect(await context.cookies()).toEqual([]);
}

test.describe("a passphrase-sealed draft (recruitment-peer)", () => {
  test("is sealed and unreadable; after a reload a wrong passphrase changes nothing and the right one brings the answers back on the same step", async ({ page, context }) => {
    const requests = recordRequests(context);
    await page.goto(GALLERY);
    const host = page.locator(PEER);
    await ready(host);
    await choosePassphrase(host, PASSPHRASE);
    await host.locator("input#lf-name").pressSequentially(NAME);
    await host.locator("input#lf-cpr").pressSequentially(CPR);
    await pressNext(host);
    await expectStep(host, 2, PEER_STEPS);
    await host.locator("textarea#lf-motivation").pressSequentially(MOTIVATION.slice(0, 20));
    await host.locator("textarea#lf-motivation").pressSequentially(MOTIVATION.slice(20));
    await expect(host.locator("textarea#lf-motivation")).toHaveValue(MOTIVATION);

    // The last keystroke's save has landed: the draft opens with the passphrase and holds everything.
    const draft = await waitForDraft(() => openSealedDraft(page, DRAFT_ID.peer, PASSPHRASE), (d) => d.answers?.motivation === MOTIVATION, "the whole draft sealed in IndexedDB");
    expect(draft).toEqual({ step: 1, answers: { name: NAME, cpr: CPR, motivation: MOTIVATION } });

    // The raw record: the sealed shape, and nothing readable in it.
    const rec = await rawDraft(page, DRAFT_ID.peer);
    expect(rec.keys).toEqual(["data", "iterations", "iv", "kdf", "salt"]);
    expect(rec.kdf).toBe("PBKDF2-SHA256");
    expect(rec.iterations).toBeGreaterThanOrEqual(600_000);
    expect(rec.fields.salt.type).toMatch(/^(Uint8Array|ArrayBuffer)$/);
    expect(rec.fields.salt.bytes).toHaveLength(16);
    expect(rec.fields.iv.type).toMatch(/^(Uint8Array|ArrayBuffer)$/);
    expect(rec.fields.iv.bytes).toHaveLength(12);
    expect(rec.fields.data.type).toMatch(/^(ArrayBuffer|Uint8Array)$/);
    // Ciphertext plus the 16-byte tag, at least as long as the JSON it seals.
    expect(rec.fields.data.bytes.length).toBeGreaterThanOrEqual(JSON.stringify(draft).length + 16);
    expect(findStrings(recordBytes(rec), TYPED), "typed text readable in the record (UTF-8 or UTF-16)").toEqual([]);
    // It is the only record, under an id that says nothing about the person.
    expect(await draftIds(page)).toEqual([DRAFT_ID.peer]);
    await expectNothingReadable(page, context, TYPED);

    // Reload: the panel to open the saved draft.
    await page.reload();
    await ready(host);
    await expect(host.locator("#lf-step-heading")).toHaveText(WORDS.da.openHeading);
    await expect(passInput(host)).toHaveAttribute("autocomplete", "current-password");
    await expect(passAgainInput(host)).toHaveCount(0);
    await expect(host.getByRole("button", { name: WORDS.da.open, exact: true })).toBeVisible();
    await expect(host.getByRole("button", { name: WORDS.da.deleteDraft, exact: true })).toBeVisible();
    await expect(host.locator("input#lf-name")).toHaveCount(0);
    await expect(host).not.toContainText(NAME);

    // A wrong passphrase: the Danish message, the box emptied and focused, the draft unchanged.
    await passInput(host).pressSequentially("Blåbær i bøgeskoven 7");
    await passInput(host).press("Enter");
    const error = host.locator("#lf-pass-error");
    await expect(error).toHaveText(`${WORDS.da.errorPrefix} ${WORDS.da.wrongPassphrase}`);
    await expect(error).toHaveAttribute("role", "alert");
    await expect(passInput(host)).toHaveValue("");
    await expect(passInput(host)).toHaveAttribute("aria-invalid", "true");
    await expectFocus(host, "lf-pass", "the passphrase box after a wrong passphrase");
    await expect(host.locator("#lf-step-heading")).toHaveText(WORDS.da.openHeading);
    expect(await rawDraft(page, DRAFT_ID.peer), "the record after a wrong passphrase").toEqual(rec);

    // The right one: back on step 2 with the answers, told that the draft was brought back.
    await page.keyboard.type(PASSPHRASE);
    await page.keyboard.press("Enter");
    await expectHeadingFocus(host, PEER_STEPS[1]);
    await expectStep(host, 2, PEER_STEPS);
    await expect(host.getByRole("status").filter({ hasText: WORDS.da.draftFound })).toBeVisible();
    await expect(host.locator("textarea#lf-motivation")).toHaveValue(MOTIVATION);
    await host.getByRole("button", { name: WORDS.da.back, exact: true }).click();
    await expectStep(host, 1, PEER_STEPS);
    await expect(host.locator("input#lf-name")).toHaveValue(NAME);
    await expect(host.locator("input#lf-cpr")).toHaveValue("010203-XXXX");
    await host.locator("input#lf-cpr").focus();
    await expect(host.locator("input#lf-cpr")).toHaveValue(CPR);

    // Going on keeps saving under the same salt, with a fresh IV.
    await host.locator("input#lf-city").pressSequentially("Aarhus");
    const after = await waitForDraft(() => openSealedDraft(page, DRAFT_ID.peer, PASSPHRASE), (d) => d.answers?.city === "Aarhus", "the next save");
    expect(after.answers).toEqual({ name: NAME, cpr: CPR, motivation: MOTIVATION, city: "Aarhus" });
    const rec2 = await rawDraft(page, DRAFT_ID.peer);
    expect(rec2.fields.salt.bytes).toEqual(rec.fields.salt.bytes);
    expect(rec2.fields.iv.bytes).not.toEqual(rec.fields.iv.bytes);
    expect(findStrings(recordBytes(rec2), [...TYPED, "Aarhus"])).toEqual([]);

    await expectNothingReadable(page, context, [...TYPED, "Aarhus"]);
    await requests.settled();
    expectCleanRequests(requests.log, [...TYPED, "Aarhus"]);
  });

  test('"Slet kladden" on the panel deletes the draft after a confirmation; then a new passphrase is chosen', async ({ page }) => {
    await page.goto(GALLERY);
    const host = page.locator(PEER);
    await ready(host);
    await choosePassphrase(host, PASSPHRASE);
    await host.locator("input#lf-name").pressSequentially(NAME);
    await waitForDraft(() => openSealedDraft(page, DRAFT_ID.peer, PASSPHRASE), (d) => d.answers?.name === NAME, "the draft");
    await page.reload();
    await ready(host);
    await expect(host.locator("#lf-step-heading")).toHaveText(WORDS.da.openHeading);

    await host.getByRole("button", { name: WORDS.da.deleteDraft, exact: true }).click();
    const confirm = host.getByRole("alert").filter({ hasText: WORDS.da.confirmDelete });
    await expect(confirm).toBeVisible();
    // "No" keeps it.
    await confirm.getByRole("button", { name: WORDS.da.noKeep, exact: true }).click();
    await expect(confirm).toHaveCount(0);
    expect(await rawDraft(page, DRAFT_ID.peer)).not.toBeNull();
    await host.getByRole("button", { name: WORDS.da.deleteDraft, exact: true }).click();
    await host.getByRole("button", { name: WORDS.da.yesDelete, exact: true }).click();
    await expect(host.locator("#lf-step-heading")).toHaveText(WORDS.da.protectHeading);
    await expectFocus(host, "lf-pass", "the new passphrase box");
    await expect.poll(() => rawDraft(page, DRAFT_ID.peer), { message: "the draft deleted" }).toBeNull();
    await page.reload();
    await ready(host);
    await expect(host.locator("#lf-step-heading")).toHaveText(WORDS.da.protectHeading);
    await choosePassphrase(host, "en helt ny kode");
    await expect(host.locator("input#lf-name")).toHaveValue("");
    await expect(host.getByText(WORDS.da.draftFound)).toHaveCount(0);
  });
});

test.describe("a device-key draft (feedback.json: no personal data)", () => {
  const COMMENT = "Ventetiden i borgerservice var for lang";

  test("comes back after a reload with a notice; \"Slet kladden\" after a confirmation deletes it for good", async ({ page, context }) => {
    const requests = recordRequests(context);
    await page.goto(GALLERY);
    const host = page.locator(FEEDBACK);
    await ready(host);
    // No passphrase: the form is there at once.
    await expect(host.locator("input#lf-pass")).toHaveCount(0);
    await host.getByRole("radio", { name: "Godt", exact: true }).check();
    await host.getByRole("group", { name: /Følte du dig hørt/ }).getByRole("radio", { name: "Delvist" }).check();
    await host.locator("textarea#lf-comment").pressSequentially(COMMENT);
    const draft = await waitForDraft(() => openDeviceDraft(page, DRAFT_ID.feedback), (d) => d.answers?.comment === COMMENT, "the device-key draft");
    expect(draft).toEqual({ step: 0, answers: { overall: "4", heard: "partly", comment: COMMENT } });
    const rec = await rawDraft(page, DRAFT_ID.feedback);
    expect(rec.keys).toEqual(["data", "iv"]);
    expect(rec.fields.iv.bytes).toHaveLength(12);
    expect(findStrings(recordBytes(rec), [COMMENT, "borgerservice", "partly", "overall", "heard"])).toEqual([]);

    await page.reload();
    await ready(host);
    const notice = host.getByRole("status").filter({ hasText: WORDS.da.draftFound });
    await expect(notice).toBeVisible();
    await expect(host.getByRole("radio", { name: "Godt", exact: true })).toBeChecked();
    await expect(host.getByRole("group", { name: /Følte du dig hørt/ }).getByRole("radio", { name: "Delvist" })).toBeChecked();
    await expect(host.locator("input:checked")).toHaveCount(2);
    await expect(host.locator("textarea#lf-comment")).toHaveValue(COMMENT);

    // "Slet kladden": asked first; "Nej, behold den" keeps everything.
    await notice.getByRole("button", { name: WORDS.da.deleteDraft, exact: true }).click();
    await expect(notice).toContainText(WORDS.da.confirmDelete);
    await notice.getByRole("button", { name: WORDS.da.noKeep, exact: true }).click();
    await expect(notice.getByRole("button", { name: WORDS.da.deleteDraft, exact: true })).toBeVisible();
    await expect(host.locator("textarea#lf-comment")).toHaveValue(COMMENT);
    await notice.getByRole("button", { name: WORDS.da.deleteDraft, exact: true }).click();
    await notice.getByRole("button", { name: WORDS.da.yesDelete, exact: true }).click();
    await expect(host.getByText(WORDS.da.draftFound)).toHaveCount(0);
    await expect(host.locator("input:checked")).toHaveCount(0);
    await expect(host.locator("textarea#lf-comment")).toHaveValue("");
    await expect.poll(() => rawDraft(page, DRAFT_ID.feedback), { message: "the draft deleted" }).toBeNull();

    await page.reload();
    await ready(host);
    await page.waitForLoadState("networkidle");
    await expect(host.getByText(WORDS.da.draftFound)).toHaveCount(0);
    await expect(host.locator("input:checked")).toHaveCount(0);
    await expect(host.locator("textarea#lf-comment")).toHaveValue("");
    expect(await rawDraft(page, DRAFT_ID.feedback)).toBeNull();

    await expectNothingReadable(page, context, [COMMENT, "borgerservice"]);
    await requests.settled();
    expectCleanRequests(requests.log, [COMMENT, "borgerservice", "Ventetiden"]);
  });
});

test.describe("locking (recruitment-peer)", () => {
  test("idle for idle-lock seconds, the form locks itself: the answers leave the screen and come back only with the passphrase", async ({ page }) => {
    const host = await openFixture(page, { form: "/forms/recruitment-peer.json", idleLock: 2, id: "idle" });
    await choosePassphrase(host, PASSPHRASE);
    await host.locator('[id="lf-name"]').fill(NAME);
    await waitForDraft(() => openSealedDraft(page, "form:recruitment-peer:idle", PASSPHRASE), (d) => JSON.stringify(d).includes(NAME), "the name saved in the draft");
    // Nobody touches the tablet.
    await expect(host.locator("#lf-step-heading")).toHaveText(WORDS.da.openHeading, { timeout: 10_000 });
    await expect(host.locator('[id="lf-name"]')).toHaveCount(0);
    expect(await host.evaluate((h) => h.shadowRoot.innerHTML)).not.toContain(NAME);
    await passInput(host).fill(PASSPHRASE);
    await host.getByRole("button", { name: WORDS.da.open, exact: true }).click();
    await expect(host.locator('[id="lf-name"]')).toHaveValue(NAME);
  });

  test("a warning comes before the idle lock, and \"Bliv ved\" keeps the form open (the one idle rule of the programme too)", async ({ page }) => {
    // idle-lock 8 s: the warning shows a quarter of the time before (2 s).
    const host = await openFixture(page, { form: "/forms/recruitment-peer.json", idleLock: 8, id: "warned" });
    await choosePassphrase(host, PASSPHRASE);
    await host.locator('[id="lf-name"]').fill(NAME);
    const warning = host.getByRole("alert").filter({ hasText: "Skemaet låser sig selv om lidt" });
    await expect(warning).toBeVisible({ timeout: 10_000 });
    await expect(host.locator('[id="lf-name"]')).toHaveValue(NAME);
    await warning.getByRole("button", { name: "Bliv ved", exact: true }).click();
    await expect(warning).toHaveCount(0);
    // The clock started again at the click: still open 4 s later.
    await page.waitForTimeout(4_000);
    await expect(host.locator('[id="lf-name"]')).toHaveValue(NAME);
    // Then nobody comes back: it locks.
    await expect(host.locator("#lf-step-heading")).toHaveText(WORDS.da.openHeading, { timeout: 12_000 });
    expect(await host.evaluate((h) => h.shadowRoot.innerHTML)).not.toContain(NAME);
  });

  test('"Lås kladden" locks at once', async ({ page }) => {
    const host = await openFixture(page, { form: "/forms/recruitment-peer.json", id: "manual" });
    await choosePassphrase(host, PASSPHRASE);
    await host.locator('[id="lf-name"]').fill(NAME);
    await host.getByRole("button", { name: "Lås kladden", exact: true }).click();
    await expect(host.locator("#lf-step-heading")).toHaveText(WORDS.da.openHeading);
    await expect(passInput(host)).toBeFocused();
    expect(await host.evaluate((h) => h.shadowRoot.innerHTML)).not.toContain(NAME);
  });
});
