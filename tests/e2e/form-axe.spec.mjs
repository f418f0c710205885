// <lokal-form>: axe-core finds no WCAG 2.1 A/AA violation (scanning the
// element and its shadow root) on the passphrase panels, on every step of
// both recruitment forms in Danish and in English (with the error summary
// shown, conditional questions revealed and group items added), on "Tjek
// dine svar" and the saved copy, on feedback.json in <lokal-form>, and on
// the widgets fixture with every field type. The gallery's feedback.json
// instance has a collector, so its review shows the receipt and it sends.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { GALLERY, FORMS_DIR } from "./lib/env.mjs";
import { expectNoAxeViolations, axeViolations } from "./lib/axe.mjs";
import {
  PEER, MENTOR, FEEDBACK, DRAFT_ID, WORDS, WIDGETS_FORM, FIXTURES, ready, choosePassphrase, expectStep, openFixture,
  pressNext, passInput, passAgainInput, openDeviceDraft, openSealedDraft, waitForDraft, expectHeadingFocus, focused,
} from "./lib/form.mjs";

const readForm = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const PEER_FORM = readForm(path.join(FORMS_DIR, "recruitment-peer.json"));
const MENTOR_FORM = readForm(path.join(FORMS_DIR, "recruitment-mentor.json"));
const WIDGETS = readForm(path.join(FIXTURES, "form-widgets.json"));

/** A value of the right shape for a typed field. */
const SAMPLE = { text: "Test", textarea: "Test", phone: "12 34 56 78", email: "test@example.dk", cpr: "0703901018", date: "07.03.2026", number: "2", signature: "Test Testesen" };

function byId(host, id) {
  return host.locator(`input[id="${id}"], textarea[id="${id}"], select[id="${id}"]`);
}

/** Makes the condition `cond` hold, inside group item `prefix` ("goals.0.") or at the top (""). */
async function reveal(host, fields, cond, prefix) {
  if (cond.all) for (const c of cond.all) await reveal(host, fields, c, prefix);
  if (cond.any) await reveal(host, fields, cond.any[0], prefix);
  if (!cond.field) return;
  const field = fields.find((f) => f.id === cond.field);
  const local = field ? prefix : "";
  const name = `lf-${local}${cond.field}`;
  const value = cond.equals ?? cond.any_of?.[0];
  if (value !== undefined) {
    await host.locator(`input[name="${name}"][value="${value}"]`).check();
  } else if (cond.answered === true) {
    const type = (field ?? {}).type ?? "text";
    await byId(host, name).fill(SAMPLE[type] ?? "Test");
  }
}

/** Answers what `fields` require and reveals what their conditions hide (items of groups included). */
async function fillStep(host, fields, prefix = "") {
  for (const field of fields) {
    if (field.visible_if) await reveal(host, fields, field.visible_if, prefix);
    const id = `lf-${prefix}${field.id}`;
    if (field.type === "group") {
      await host.locator(`button[id="${id}-add"]`).click();
      await fillStep(host, field.fields, `${prefix}${field.id}.0.`);
      continue;
    }
    if (!field.required) continue;
    if (["choice", "likert", "smiley", "multi_choice", "scale"].includes(field.type)) {
      await host.locator(`input[name="${id}"]`).first().check();
    } else if (field.type === "consent") {
      await byId(host, id).check();
    } else {
      await byId(host, id).fill(SAMPLE[field.type] ?? "Test");
    }
  }
}

/**
 * Goes through every step of `form` in `host`: "Næste" on the first step
 * before anything is answered (the error summary), then each step with its
 * required answers given, its conditional questions shown and an item in
 * each group; on to "Tjek dine svar" and the saved copy. axe at each stop.
 */
async function scanEveryStep(page, host, form, lang, selector, what) {
  const titles = form.steps.map((s) => s.title[lang]);
  const W = WORDS[lang];
  await pressNext(host, lang);
  await expect(host.locator("#lf-error-summary")).toBeVisible();
  await expect(host.locator(".field-error").first()).toBeVisible();
  await expectNoAxeViolations(page, `${what}, step 1 with the error summary`, selector);
  for (let s = 0; s < form.steps.length; s++) {
    await expectStep(host, s + 1, titles, lang);
    await fillStep(host, form.steps[s].fields);
    await expect(host.locator("#lf-error-summary")).toHaveCount(0);
    await expectNoAxeViolations(page, `${what}, step ${s + 1} (${titles[s]})`, selector);
    await pressNext(host, lang);
  }
  await expect(host.locator("#lf-step-heading")).toHaveText(W.review);
  await expectNoAxeViolations(page, `${what}, "${W.review}"`, selector);
  await host.getByRole("button", { name: W.save, exact: true }).click();
  await expect(host.locator("#lf-step-heading")).toHaveText(W.saved);
  await expectNoAxeViolations(page, `${what}, the saved copy`, selector);
}

test("axe sees inside <lokal-form>'s shadow root (a check of this spec's own set-up)", async ({ page }) => {
  await page.goto(GALLERY);
  const host = page.locator(PEER);
  await ready(host);
  await host.evaluate((h) => {
    const b = document.createElement("button");
    b.id = "e2e-planted";
    h.shadowRoot.querySelector(".box").append(b);
  });
  const violations = await axeViolations(page, PEER);
  expect(violations.map((v) => v.id)).toContain("button-name");
});

test("the passphrase panels: choose one, with an error, open the saved draft, the wrong passphrase, confirm deleting", async ({ page }) => {
  await page.goto(GALLERY);
  const host = page.locator(PEER);
  await ready(host);
  await expectNoAxeViolations(page, "the panel to choose a passphrase", PEER);
  await passInput(host).fill("kort");
  await passAgainInput(host).fill("kort");
  await passAgainInput(host).press("Enter");
  await expect(host.locator("#lf-pass-error")).toBeVisible();
  await expectNoAxeViolations(page, "the passphrase panel with an error", PEER);
  await passInput(host).fill("");
  await choosePassphrase(host, "en lang nok kode");
  await host.locator("input#lf-name").fill("Test");
  await waitForDraft(() => openSealedDraft(page, DRAFT_ID.peer, "en lang nok kode"), (d) => d.answers?.name === "Test", "the draft");
  await page.reload();
  await ready(host);
  await expect(host.locator("#lf-step-heading")).toHaveText(WORDS.da.openHeading);
  await expectNoAxeViolations(page, "the panel to open the saved draft", PEER);
  await passInput(host).fill("forkert kode");
  await passInput(host).press("Enter");
  await expect(host.locator("#lf-pass-error")).toHaveText(`${WORDS.da.errorPrefix} ${WORDS.da.wrongPassphrase}`);
  await expectNoAxeViolations(page, "the open panel after a wrong passphrase", PEER);
  await host.getByRole("button", { name: WORDS.da.deleteDraft, exact: true }).click();
  await expect(host.getByText(WORDS.da.confirmDelete)).toBeVisible();
  await expectNoAxeViolations(page, "the open panel asking to confirm deleting", PEER);
  // The English panel.
  const en = page.locator(MENTOR);
  await ready(en);
  await expectNoAxeViolations(page, 'the panel to choose a passphrase, lang="en"', MENTOR);
});

test.describe("every step, the review page and the saved copy", () => {
  test("recruitment-peer in Danish", async ({ page }) => {
    await page.goto(GALLERY);
    const host = page.locator(PEER);
    await ready(host);
    await choosePassphrase(host, "en lang nok kode");
    await scanEveryStep(page, host, PEER_FORM, "da", PEER, "recruitment-peer (da)");
  });

  test("recruitment-peer in English", async ({ page }) => {
    const host = await openFixture(page, { form: "/forms/recruitment-peer.json", lang: "en", id: "peer-en" });
    await choosePassphrase(host, "a long enough passphrase", "en");
    await scanEveryStep(page, host, PEER_FORM, "en", "#peer-en", "recruitment-peer (en)");
  });

  test("recruitment-mentor in English", async ({ page }) => {
    await page.goto(GALLERY);
    const host = page.locator(MENTOR);
    await ready(host);
    await choosePassphrase(host, "a long enough passphrase", "en");
    await scanEveryStep(page, host, MENTOR_FORM, "en", MENTOR, "recruitment-mentor (en)");
  });

  test("recruitment-mentor in Danish", async ({ page }) => {
    const host = await openFixture(page, { form: "/forms/recruitment-mentor.json", id: "mentor-da" });
    await choosePassphrase(host, "en lang nok kode");
    await scanEveryStep(page, host, MENTOR_FORM, "da", "#mentor-da", "recruitment-mentor (da)");
  });

  test("the widgets fixture (every field type, values given, errors shown)", async ({ page }) => {
    const host = await openFixture(page, { form: WIDGETS_FORM, protect: "device", id: "widgets" });
    const W = WORDS.da;
    // Step 1 with a message on every typed field.
    for (const [id, text] of [["hours", "0"], ["start", "31.02.2026"], ["cpr", "3102901234"], ["email", "x@"], ["phone", "1"]]) await host.locator(`input#lf-${id}`).fill(text);
    await pressNext(host);
    await expect(host.locator(".field-error")).toHaveCount(5);
    await expectNoAxeViolations(page, "widgets, step 1 with five errors", "#widgets");
    for (const [id, text] of [["name", "Hanne"], ["story", "Lidt om mig"], ["hours", "2,5"], ["start", "07.03.2026"], ["cpr", "0102031234"], ["email", "x@example.dk"], ["phone", "12345678"]]) {
      await host.locator(`input#lf-${id}, textarea#lf-${id}`).fill(text);
    }
    await expect(host.locator(".field-warning")).toHaveCount(1);
    await expectNoAxeViolations(page, "widgets, step 1 answered, with the CPR warning", "#widgets");
    await pressNext(host);
    // Step 2: the signature error, then a mark on the line and a drawing.
    await pressNext(host);
    await expect(host.locator('[id="lf-signature-error"]')).toBeVisible();
    await expectNoAxeViolations(page, "widgets, step 2 with the signature error", "#widgets");
    await host.locator('[role="slider"]#lf-wellbeing').press("ArrowRight");
    const pad = await host.locator("svg.sign-pad").boundingBox();
    await page.mouse.move(pad.x + 20, pad.y + 30);
    await page.mouse.down();
    await page.mouse.move(pad.x + 80, pad.y + 50, { steps: 5 });
    await page.mouse.up();
    await expect(host.locator("svg.sign-pad path.sign-ink")).toHaveAttribute("d", /^M/);
    await expectNoAxeViolations(page, "widgets, step 2 with a mark and a drawing", "#widgets");
    await pressNext(host);
    // Step 3: the conditional field and two group items, one with an empty required box.
    await fillStep(host, WIDGETS.steps[2].fields);
    await host.getByRole("button", { name: "Tilføj et mål" }).click();
    await pressNext(host);
    await expect(host.locator("#lf-error-summary")).toBeVisible();
    await expectNoAxeViolations(page, "widgets, step 3 with a group item's error", "#widgets");
    await host.locator('input[id="lf-goals.1.text"]').fill("Mål");
    await pressNext(host);
    // Step 4: too many picks, then right.
    for (const day of ["Mandag", "Tirsdag", "Onsdag", "Torsdag"]) await host.getByRole("checkbox", { name: day }).check();
    await pressNext(host);
    await expect(host.locator('[id="lf-days-error"]')).toBeVisible();
    await expectNoAxeViolations(page, "widgets, step 4 with errors", "#widgets");
    await host.getByRole("checkbox", { name: "Torsdag" }).uncheck();
    await host.locator("select#lf-town").selectOption("odense");
    await host.getByRole("radio", { name: "Enig", exact: true }).check();
    await host.getByRole("radio", { name: "God", exact: true }).check();
    await host.locator("input#lf-consent").check();
    await expectNoAxeViolations(page, "widgets, step 4 answered", "#widgets");
    await pressNext(host);
    await expect(host.locator("#lf-step-heading")).toHaveText(W.review);
    await expectNoAxeViolations(page, "widgets, the review page (with a drawn signature)", "#widgets");
    await host.getByRole("button", { name: W.save, exact: true }).click();
    await expect(host.locator("#lf-step-heading")).toHaveText(W.saved);
    await expectNoAxeViolations(page, "widgets, the saved copy", "#widgets");
  });
});

test.describe("feedback.json in <lokal-form> (one step, device key)", () => {
  test("initial, errors, the draft offered back, review with the receipt, sent", async ({ page }) => {
    await page.goto(GALLERY);
    const host = page.locator(FEEDBACK);
    await ready(host);
    await expectNoAxeViolations(page, "feedback in <lokal-form>, initial", FEEDBACK);
    await pressNext(host);
    await expect(host.locator("#lf-error-summary")).toBeVisible();
    await expectNoAxeViolations(page, "feedback in <lokal-form>, with the error summary", FEEDBACK);
    await host.getByRole("radio", { name: "Godt", exact: true }).check();
    await host.locator("textarea#lf-comment").fill("Venlig modtagelse");
    await waitForDraft(() => openDeviceDraft(page, DRAFT_ID.feedback), (d) => d.answers?.comment === "Venlig modtagelse", "the draft");
    await page.reload();
    await ready(host);
    await expect(host.getByText(WORDS.da.draftFound)).toBeVisible();
    await expectNoAxeViolations(page, "feedback in <lokal-form>, the draft offered back", FEEDBACK);
    await host.getByRole("button", { name: WORDS.da.deleteDraft, exact: true }).click();
    await expect(host.getByText(WORDS.da.confirmDelete)).toBeVisible();
    await expectNoAxeViolations(page, "feedback in <lokal-form>, confirm deleting the draft", FEEDBACK);
    await host.getByRole("button", { name: WORDS.da.noKeep, exact: true }).click();
    await pressNext(host);
    await expect(host.locator("#lf-step-heading")).toHaveText(WORDS.da.review);
    // The gallery's instance has a collector: the review shows what is sent, and "Send" sends it.
    await expect(host.locator(".receipt")).toBeVisible();
    await expectNoAxeViolations(page, "feedback in <lokal-form>, the review page with the receipt", FEEDBACK);
    await host.getByRole("button", { name: WORDS.da.send, exact: true }).click();
    await expect(host.locator("#lf-step-heading")).toHaveText(WORDS.da.thanks);
    await expectNoAxeViolations(page, "feedback in <lokal-form>, after sending", FEEDBACK);
  });

  test("no empty heading: the one-step form's heading has text, so focus never lands on an empty heading (Tilbage from the review)", async ({ page }) => {
    // WCAG 2.4.6 and 1.3.1: a heading must say what follows. On a form
    // without steps, #lf-step-heading is rendered empty; "Tilbage" on "Tjek
    // dine svar" then moves focus to it, and a screen reader announces a
    // nameless heading.
    await page.goto(GALLERY);
    const host = page.locator(FEEDBACK);
    await ready(host);
    await host.getByRole("radio", { name: "Godt", exact: true }).check();
    await pressNext(host);
    await expectHeadingFocus(host, WORDS.da.review);
    await host.getByRole("button", { name: WORDS.da.back, exact: true }).click();
    await expect(host.locator("textarea#lf-comment")).toBeVisible();
    await expect.poll(async () => (await focused(host))?.tag ?? null, { message: "focus is in the form after Tilbage" }).not.toBeNull();
    const f = await focused(host);
    expect(/^h[1-6]$/.test(f.tag) && f.text === "", `focus after Tilbage is on an empty heading (${JSON.stringify(f)})`).toBe(false);
    const empty = await host.evaluate((h) => [...h.shadowRoot.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]")].filter((e) => !e.textContent.trim()).map((e) => `${e.tagName.toLowerCase()}#${e.id}`));
    expect(empty, "headings without text").toEqual([]);
  });
});
