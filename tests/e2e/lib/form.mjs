// Driving <lokal-form> (the form engine) through its open shadow root, its
// test-only fixture definitions, and reading its drafts in IndexedDB.
// Playwright's CSS and role locators pierce open shadow roots.
import { expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { ROOT, BASE } from "./env.mjs";

/** The three `<lokal-form>` instances of the gallery (index.html). */
export const PEER = "#gallery-peer";
export const MENTOR = "#gallery-mentor";
export const FEEDBACK = "#gallery-feedback";

/** Draft ids in IndexedDB "lokalform"/"drafts": `form:<form id>:<element id>`. */
export const DRAFT_ID = {
  peer: "form:recruitment-peer:gallery-peer",
  mentor: "form:recruitment-mentor:gallery-mentor",
  feedback: "form:feedback:gallery-feedback",
};

/** The engine's fixed texts (components/src/form/words.rs and i18n.rs). */
export const WORDS = {
  da: {
    next: "Næste",
    back: "Tilbage",
    stepOf: (n, m) => `Trin ${n} af ${m}`,
    stepsLabel: "Trin i skemaet",
    review: "Tjek dine svar",
    change: "Ret",
    notAnswered: "Ikke besvaret",
    save: "Gem skemaet",
    saved: "Skemaet er gemt",
    print: "Udskriv",
    newForm: "Udfyld et nyt skema",
    draftFound: "Vi har hentet de svar, du var i gang med. Du kan fortsætte, hvor du slap.",
    deleteDraft: "Slet kladden",
    confirmDelete: "Vil du slette kladden? Svarene kan ikke findes igen.",
    yesDelete: "Ja, slet kladden",
    noKeep: "Nej, behold den",
    protectHeading: "Beskyt svarene med en adgangskode",
    passphrase: "Adgangskode",
    passphraseAgain: "Skriv adgangskoden igen",
    tooShort: "Skriv en adgangskode med mindst 8 tegn.",
    mismatch: "De to adgangskoder er ikke ens. Skriv den samme begge steder.",
    start: "Start",
    openHeading: "Åbn den gemte kladde",
    open: "Åbn kladden",
    wrongPassphrase: "Adgangskoden passer ikke til kladden. Prøv igen. Kladden er ikke ændret.",
    add: "Tilføj",
    remove: "Fjern",
    warningPrefix: "Bemærk:",
    masked: "Nummeret er skjult. Gå til feltet for at se det.",
    vasNone: "Ingen markering endnu",
    vasValue: (n) => `${n} af 100`,
    signPad: "Tegn underskriften med fingeren eller musen",
    signClear: "Ryd tegningen",
    signName: "Skriv det fulde navn",
    signedDrawn: "Underskriften er tegnet.",
    consentGiven: "Ja, aftalt",
    of100: "af 100",
    errorSummary: "Der er et problem",
    errorPrefix: "Fejl:",
    optional: "(valgfrit)",
    send: "Send",
    thanks: "Tak for din feedback",
  },
  en: {
    next: "Next",
    back: "Back",
    stepOf: (n, m) => `Step ${n} of ${m}`,
    stepsLabel: "Steps of the form",
    review: "Check your answers",
    change: "Change",
    notAnswered: "Not answered",
    save: "Save the form",
    saved: "The form is saved",
    print: "Print",
    newForm: "Fill in a new form",
    draftFound: "We have brought back the answers you were working on. You can continue where you left off.",
    deleteDraft: "Delete the draft",
    confirmDelete: "Do you want to delete the draft? The answers cannot be recovered.",
    yesDelete: "Yes, delete the draft",
    noKeep: "No, keep it",
    protectHeading: "Protect the answers with a passphrase",
    passphrase: "Passphrase",
    passphraseAgain: "Type the passphrase again",
    tooShort: "Enter a passphrase of at least 8 characters.",
    mismatch: "The two passphrases differ. Type the same one in both boxes.",
    start: "Start",
    openHeading: "Open the saved draft",
    open: "Open the draft",
    wrongPassphrase: "The passphrase does not match the draft. Please try again. The draft has not been changed.",
    add: "Add",
    remove: "Remove",
    warningPrefix: "Note:",
    masked: "The number is hidden. Go to the box to see it.",
    vasNone: "No mark yet",
    vasValue: (n) => `${n} of 100`,
    signPad: "Draw the signature with a finger or the mouse",
    signClear: "Clear the drawing",
    signName: "Type the full name",
    signedDrawn: "The signature is drawn.",
    consentGiven: "Yes, agreed",
    of100: "of 100",
    errorSummary: "There is a problem",
    errorPrefix: "Error:",
    optional: "(optional)",
    send: "Send",
    thanks: "Thank you for your feedback",
  },
};

/** Validation messages (crates/forms/src/validate/messages.rs). */
export const MESSAGES = {
  da: {
    emailFormat: "Skriv e-mailadressen som navn@eksempel.dk.",
    emailRequired: "Skriv en e-mailadresse, fx navn@eksempel.dk.",
    noSuchDate: "Datoen findes ikke. Tjek dag og måned.",
    dateFormat: "Skriv datoen som dd.mm.åååå, fx 01.09.2026.",
    dateTooEarly: (d) => `Datoen skal være ${d} eller senere.`,
    dateTooLate: (d) => `Datoen skal være ${d} eller tidligere.`,
    cprFormat: "Skriv CPR-nummeret med 10 cifre som DDMMÅÅ-XXXX.",
    cprNoSuchDate: "De første 6 cifre skal være en fødselsdato (DDMMÅÅ). Tjek dag og måned.",
    cprModulus: "Tjek CPR-nummeret. Det består ikke den gamle kontrolberegning, men det gør nogle gyldige numre heller ikke. Er det rigtigt, kan du gå videre.",
    phoneFormat: "Skriv telefonnummeret med 8 cifre, fx 12 34 56 78, eller med landekode, fx +46 8 123 456 78.",
    notANumber: "Skriv kun tal, fx 12 eller 2,5.",
    tooSmall: (n) => `Skriv et tal, der er ${n} eller mere.`,
    tooLarge: (n) => `Skriv et tal, der er ${n} eller mindre.`,
    offStep: (n, below, above) => `Skriv et tal i spring på ${n}, fx ${below} eller ${above}.`,
    pickAtLeast: (n) => `Vælg mindst ${n} svar.`,
    pickAtMost: (n) => `Vælg højst ${n}.`,
    chooseAnswer: "Vælg et svar.",
    signatureRequired: "Skriv navnet, eller tegn underskriften.",
    consentRequired: "Sæt kryds for at give samtykke.",
  },
  en: {
    emailFormat: "Enter the e-mail address as name@example.com.",
    emailRequired: "Enter an e-mail address, e.g. name@example.com.",
    noSuchDate: "That date does not exist. Check the day and month.",
    dateFormat: "Enter the date as dd.mm.yyyy, e.g. 01.09.2026.",
    cprFormat: "Enter the CPR number with 10 digits as DDMMYY-XXXX.",
    cprNoSuchDate: "The first 6 digits must be a date of birth (DDMMYY). Check the day and month.",
    cprModulus: "Check the CPR number. It fails the old check-digit test, but so do some valid numbers. If it is right, you can go on.",
    chooseAnswer: "Choose an answer.",
    signatureRequired: "Type the name, or draw the signature.",
  },
};

// ---------------------------------------------------------------------------
// Fixtures: the static server serves only index.html, dist/, examples/ and
// forms/ (xtask/src/serve.rs), so tests/e2e/fixtures/ is fulfilled from disk
// by Playwright at the same origin (same IndexedDB as the gallery).

/** The fixture folder on disk. */
export const FIXTURES = path.join(ROOT, "tests/e2e/fixtures");
/** The URL path the fixtures are served under. */
export const FIXTURE_PATH = "/tests/e2e/fixtures";
/** The widgets fixture: one of every field type. */
export const WIDGETS_FORM = `${FIXTURE_PATH}/form-widgets.json`;

const TYPES = { ".json": "application/json; charset=utf-8", ".html": "text/html; charset=utf-8" };

/** Serves tests/e2e/fixtures/ at /tests/e2e/fixtures/ for `target` (a Page or BrowserContext). */
export async function serveFixtures(target) {
  await target.route(`${BASE}${FIXTURE_PATH}/**`, async (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.slice(FIXTURE_PATH.length + 1));
    const file = path.join(FIXTURES, name);
    if (!file.startsWith(FIXTURES + path.sep) || !fs.existsSync(file)) {
      return route.fulfill({ status: 404, contentType: "text/plain", body: "Not found" });
    }
    return route.fulfill({
      status: 200,
      contentType: TYPES[path.extname(file)] ?? "application/octet-stream",
      headers: { "cache-control": "no-store" },
      body: fs.readFileSync(file),
    });
  });
}

/**
 * The URL of the fixture page with one `<lokal-form>`: `form` (a URL path),
 * and optionally `lang`, `protect` and the element's `id` (default "e2e-form").
 */
export function fixturePage({ form, lang, protect, id, idleLock } = {}) {
  const q = new URLSearchParams();
  if (form) q.set("form", form);
  if (lang) q.set("lang", lang);
  if (protect) q.set("protect", protect);
  if (idleLock !== undefined) q.set("idle-lock", String(idleLock));
  if (id) q.set("id", id);
  return `${FIXTURE_PATH}/form-page.html?${q}`;
}

/** Serves the fixtures, opens the fixture page with `options` and returns the form's host. */
export async function openFixture(page, options) {
  await serveFixtures(page);
  await page.goto(fixturePage(options));
  const host = page.locator(`lokal-form#${options.id ?? "e2e-form"}`);
  await ready(host);
  return host;
}

// ---------------------------------------------------------------------------
// The widget.

/** Waits until the form has loaded its definition (the passphrase panel or a step is shown). */
export async function ready(host) {
  // The heading exists in both; on a one-step form it is empty, so not "visible".
  await expect(host.locator("#lf-step-heading")).toHaveCount(1, { timeout: 30_000 });
  await expect(host.locator("input#lf-pass, form button[type=submit]").first()).toBeVisible();
}

/** The passphrase inputs. */
export function passInput(host) {
  return host.locator("input#lf-pass");
}
export function passAgainInput(host) {
  return host.locator("input#lf-pass-again");
}

/**
 * Chooses a new passphrase (fill and click: for the tests where the
 * passphrase panel is not what is tested) and waits for the first step.
 */
export async function choosePassphrase(host, passphrase, lang = "da") {
  await expect(host.locator("#lf-step-heading")).toHaveText(WORDS[lang].protectHeading);
  await passInput(host).fill(passphrase);
  await passAgainInput(host).fill(passphrase);
  await host.getByRole("button", { name: WORDS[lang].start, exact: true }).click();
  await expect(host.locator("ol.steps li").first()).toBeVisible({ timeout: 20_000 });
}

/** Describes the element focused inside the form's shadow root (null when focus is elsewhere). */
export async function focused(host) {
  return host.evaluate((h) => {
    if (document.activeElement !== h) return null;
    const el = h.shadowRoot.activeElement;
    if (!el) return null;
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      type: el.getAttribute("type"),
      name: el.getAttribute("name"),
      value: "value" in el ? el.value : null,
      checked: el.checked ?? null,
      role: el.getAttribute("role"),
      // The accessible name where the element sets one ("Ret: Navn").
      text: (el.getAttribute("aria-label") ?? el.textContent).replace(/\s+/g, " ").trim().slice(0, 200),
    };
  });
}

/** Waits until the element with `id` has focus in the form. */
export async function expectFocus(host, id, what = `#${id}`) {
  await expect.poll(async () => (await focused(host))?.id, { message: `focus on ${what}` }).toBe(id);
}

/** Waits until focus is on the step heading (after Next, Back, "Ret", unlocking). */
export async function expectHeadingFocus(host, text) {
  await expect
    .poll(async () => {
      const f = await focused(host);
      return f && f.id === "lf-step-heading" ? f.text : null;
    }, { message: `focus on the step heading "${text}"` })
    .toContain(text);
}

/**
 * Presses Tab (or Shift+Tab) until `predicate(focused)` holds; at most
 * `max` presses. Returns the focused element.
 */
export async function tabUntil(page, host, predicate, what, { max = 40, shift = false } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(shift ? "Shift+Tab" : "Tab");
    const f = await focused(host);
    seen.push(f ? f.id || `${f.tag}:${f.text.slice(0, 30)}` : "(outside)");
    if (f && predicate(f)) return f;
  }
  throw new Error(`${shift ? "Shift+Tab" : "Tab"} never reached ${what}; visited: ${seen.join(" → ")}`);
}

/** Tabs to the control with `id`. */
export function tabToId(page, host, id, options) {
  return tabUntil(page, host, (f) => f.id === id, `#${id}`, options);
}

/** Tabs to the button whose text is exactly `text`. */
export function tabToButton(page, host, text, options) {
  return tabUntil(page, host, (f) => f.tag === "button" && f.text === text, `the button "${text}"`, options);
}

/** The step indicator's items: `[{ text, current, state }]`. */
export async function stepIndicator(host) {
  return host.locator("ol.steps li").evaluateAll((items) =>
    items.map((li) => ({ text: li.textContent.trim(), current: li.getAttribute("aria-current"), state: li.className })),
  );
}

/** Asserts that step `n` (1-based) of `titles` is the current one in the indicator and the heading. */
export async function expectStep(host, n, titles, lang = "da") {
  await expect(host.locator('ol.steps li[aria-current="step"]')).toHaveText(titles[n - 1]);
  await expect(host.locator("ol.steps li[aria-current]")).toHaveCount(1);
  await expect(host.locator("#lf-step-heading")).toHaveText(new RegExp(`^${escapeRegExp(WORDS[lang].stepOf(n, titles.length))}\\s*${escapeRegExp(titles[n - 1])}$`));
  const states = (await stepIndicator(host)).map((s) => s.state);
  expect(states, "steps before are done, steps after are to do").toEqual(titles.map((_, i) => (i < n - 1 ? "done" : i === n - 1 ? "current" : "todo")));
}

/** `text` as a literal in a regular expression. */
export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Presses "Næste"/"Next" (a click; for tests of other things than the keyboard). */
export async function pressNext(host, lang = "da") {
  await host.getByRole("button", { name: WORDS[lang].next, exact: true }).click();
}

/** The rows of the review page or saved copy: `[{ label, answer, change }]` (change: the button's accessible text). */
export async function reviewRows(host) {
  return host.locator(".review-row").evaluateAll((rows) =>
    rows.map((r) => ({
      label: r.querySelector("dt")?.textContent.trim() ?? "",
      answer: r.querySelector("dd.review-answer")?.textContent.trim() ?? "",
      // The accessible name: "Ret: Navn" (aria-label), the visible text is "Ret".
      change: (() => {
        const b = r.querySelector("dd.review-change button");
        return b ? (b.getAttribute("aria-label") ?? b.textContent.trim()) : null;
      })(),
    })),
  );
}

/** `{ label: answer }` of the review rows. */
export async function reviewAnswers(host) {
  return Object.fromEntries((await reviewRows(host)).map((r) => [r.label, r.answer]));
}

/** Every id used more than once in the form's shadow root. */
export async function duplicateIds(host) {
  return host.evaluate((h) => {
    const count = {};
    for (const el of h.shadowRoot.querySelectorAll("[id]")) count[el.id] = (count[el.id] ?? 0) + 1;
    return Object.entries(count).filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n}×)`);
  });
}

/** Starts recording `lokal-submitted` events of the form; returns a getter of the details seen. */
export async function recordSubmitted(host) {
  await host.evaluate((h) => {
    h.__e2eSubmitted = [];
    h.addEventListener("lokal-submitted", (e) => h.__e2eSubmitted.push({ detail: JSON.parse(JSON.stringify(e.detail ?? null)), bubbles: e.bubbles, composed: e.composed }));
  });
  return () => host.evaluate((h) => h.__e2eSubmitted);
}

// ---------------------------------------------------------------------------
// Drafts in IndexedDB "lokalform", store "drafts". Never opens a database
// that does not exist yet (that would create it without its stores).

/**
 * The raw draft record `id`: `null`, or `{ keys, kdf, iterations, fields:
 * {name: {type, bytes (number[])} | {type, json}} }` with every binary
 * member's bytes, so tests can search them.
 */
export async function rawDraft(page, id) {
  return page.evaluate(async (id) => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("lokalform")) return null;
    const db = await new Promise((ok, fail) => { const r = indexedDB.open("lokalform"); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const rec = await new Promise((ok, fail) => { const r = db.transaction("drafts").objectStore("drafts").get(id); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    db.close();
    if (rec === undefined) return null;
    const fields = {};
    for (const [k, v] of Object.entries(rec)) {
      if (v instanceof ArrayBuffer) fields[k] = { type: "ArrayBuffer", bytes: Array.from(new Uint8Array(v)) };
      else if (ArrayBuffer.isView(v)) fields[k] = { type: v.constructor.name, bytes: Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
      else fields[k] = { type: typeof v, json: JSON.stringify(v) };
    }
    return { keys: Object.keys(rec).sort(), kdf: rec.kdf, iterations: rec.iterations, fields };
  }, id);
}

/** The ids of every record in "drafts". */
export async function draftIds(page) {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("lokalform")) return [];
    const db = await new Promise((ok, fail) => { const r = indexedDB.open("lokalform"); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const ids = await new Promise((ok, fail) => { const r = db.transaction("drafts").objectStore("drafts").getAllKeys(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    db.close();
    return ids.map(String);
  }, null);
}

/**
 * Opens the passphrase-sealed draft `id` in the page exactly as a reader
 * with the passphrase would (PBKDF2-SHA-256 with the record's salt and
 * iterations, then AES-GCM): the parsed draft `{step, answers}`, or null
 * when there is no record. Throws when the passphrase does not open it.
 */
export async function openSealedDraft(page, id, passphrase) {
  return page.evaluate(async ([id, passphrase]) => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("lokalform")) return null;
    const db = await new Promise((ok, fail) => { const r = indexedDB.open("lokalform"); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const rec = await new Promise((ok, fail) => { const r = db.transaction("drafts").objectStore("drafts").get(id); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    db.close();
    if (rec === undefined) return null;
    const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase.normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
    const key = await crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: rec.salt, iterations: rec.iterations }, material, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: rec.iv }, key, rec.data);
    return JSON.parse(new TextDecoder().decode(plain));
  }, [id, passphrase]);
}

/** The device-key draft `id`, decrypted with the widget's own (non-extractable) key; null when there is none. */
export async function openDeviceDraft(page, id) {
  return page.evaluate(async (id) => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("lokalform")) return null;
    const db = await new Promise((ok, fail) => { const r = indexedDB.open("lokalform"); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const get = (store, key) => new Promise((ok, fail) => { const r = db.transaction(store).objectStore(store).get(key); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const rec = await get("drafts", id);
    const key = await get("keys", "device");
    db.close();
    if (rec === undefined) return null;
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: rec.iv }, key, rec.data);
    return JSON.parse(new TextDecoder().decode(plain));
  }, id);
}

/** Polls `read()` until `predicate(draft)` holds (a save has landed). */
export async function waitForDraft(read, predicate, message) {
  let last;
  await expect
    .poll(async () => {
      try {
        last = await read();
      } catch (e) {
        last = `error: ${e.message}`;
        return false;
      }
      return Boolean(last && typeof last === "object" && predicate(last));
    }, { message: `${message} (last: ${JSON.stringify(last)?.slice(0, 400)})`, timeout: 20_000, intervals: [100, 250, 500] })
    .toBe(true);
  return last;
}

/**
 * Which of `strings` occur in `bytes` (a Buffer or number[]), encoded as
 * UTF-8, UTF-16LE or UTF-16BE, case-insensitively for ASCII letters.
 */
export function findStrings(bytes, strings) {
  const hay = Buffer.from(bytes);
  const lower = Buffer.from(hay.map((b) => (b >= 65 && b <= 90 ? b + 32 : b)));
  const found = [];
  for (const s of strings) {
    const needle = s.toLowerCase();
    const be = Buffer.from(needle, "utf16le");
    be.swap16();
    for (const [encoding, enc] of [["UTF-8", Buffer.from(needle, "utf8")], ["UTF-16LE", Buffer.from(needle, "utf16le")], ["UTF-16BE", be]]) {
      if (lower.indexOf(enc) !== -1) found.push(`${s} (${encoding})`);
    }
  }
  return found;
}

/** Everything readable in Web Storage, cookies, window.name and the URL of `page`. */
export async function clearTextPlaces(page) {
  return page.evaluate(() => {
    const dump = (s) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i))}`).join("\n");
    return { localStorage: dump(localStorage), sessionStorage: dump(sessionStorage), cookie: document.cookie, url: location.href, name: window.name };
  });
}
