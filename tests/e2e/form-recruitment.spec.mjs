// <lokal-form>: both recruitment questionnaires filled in with the keyboard
// alone (Tab, Shift+Tab, Space, Enter, arrow keys, typing; no clicks, no
// .fill()): passphrase, every step, required and optional answers of many
// types, a repeatable group item added and removed, a CPR number; the step
// indicator (aria-current="step") and focus on the step heading after each
// step; "Tjek dine svar" with the answers as given (CPR masked), "Ret" back
// to a field and on to the review again, "Gem skemaet", the saved copy.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { GALLERY, FORMS_DIR } from "./lib/env.mjs";
import {
  PEER, MENTOR, DRAFT_ID, WORDS, ready, focused, expectFocus, expectHeadingFocus, tabUntil, tabToId, tabToButton,
  expectStep, reviewAnswers, reviewRows, recordSubmitted, rawDraft, openSealedDraft, waitForDraft,
} from "./lib/form.mjs";

const definition = (name) => JSON.parse(fs.readFileSync(path.join(FORMS_DIR, `${name}.json`), "utf8"));
const PEER_FORM = definition("recruitment-peer");
const MENTOR_FORM = definition("recruitment-mentor");

/** The label of field `id` (top level, or `group.member`) in `lang`, from the definition. */
function label(form, id, lang = "da") {
  const [top, member] = id.split(".");
  const field = form.steps.flatMap((s) => s.fields).find((f) => f.id === top);
  if (!field) throw new Error(`no field ${top} in ${form.id}`);
  const f = member ? field.fields.find((m) => m.id === member) : field;
  return f.label[lang];
}
/** The label of option `value` of field `id`. */
function option(form, id, value, lang = "da") {
  const [top, member] = id.split(".");
  const field = form.steps.flatMap((s) => s.fields).find((f) => f.id === top);
  const f = member ? field.fields.find((m) => m.id === member) : field;
  return f.options.find((o) => o.value === value).label[lang];
}
const stepTitles = (form, lang) => form.steps.map((s) => s.title[lang]);

/** Tabs to the option `value` of the radio or checkbox group `lf-<path>`. */
function tabToOption(page, host, path, value, options) {
  return tabUntil(page, host, (f) => f.name === `lf-${path}` && f.value === value, `option "${value}" of ${path}`, options);
}

async function expectChecked(host, path, value, checked = true) {
  const input = host.locator(`input[name="lf-${path}"][value="${value}"]`);
  if (checked) await expect(input).toBeChecked();
  else await expect(input).not.toBeChecked();
}

/** Presses Enter on "Næste"/"Next" (reached by Tab) and checks the next step: indicator and focus on its heading. */
async function nextStep(page, host, n, titles, lang, maxTabs = 40) {
  await tabToButton(page, host, WORDS[lang].next, { max: maxTabs });
  await page.keyboard.press("Enter");
  await expectHeadingFocus(host, titles[n - 1]);
  await expectStep(host, n, titles, lang);
}

const PASSPHRASE = "kaffe og kage 42";

test.describe("recruitment-peer in Danish", () => {
  const TITLES = stepTitles(PEER_FORM, "da");
  const MOTIVATION = "Jeg vil gerne have én at gå ture med og snakke med om hverdagen.";

  test("keyboard only: passphrase, every step, a group item added and removed, review, Ret, save, the saved copy", async ({ page }) => {
    await page.goto(GALLERY);
    const host = page.locator(PEER);
    await ready(host);
    const submitted = await recordSubmitted(host);

    // From the top of the page, Tab into the passphrase box; choose one.
    await tabToId(page, host, "lf-pass", { max: 80 });
    await page.keyboard.type(PASSPHRASE);
    await tabToId(page, host, "lf-pass-again", { max: 1 });
    await page.keyboard.type(PASSPHRASE);
    await page.keyboard.press("Enter");
    await expectHeadingFocus(host, TITLES[0]);
    await expectStep(host, 1, TITLES);

    // Step 1: contact details.
    await tabToId(page, host, "lf-name", { max: 1 });
    await page.keyboard.type("Hanne Testesen");
    await tabToId(page, host, "lf-cpr", { max: 1 });
    await page.keyboard.type("0703901018");
    await tabToId(page, host, "lf-phone", { max: 1 });
    // Out of the box, the CPR number is masked; Shift+Tab back shows it again.
    const cpr = host.locator("input#lf-cpr");
    await expect(cpr).toHaveValue("070390-XXXX");
    await expect(host.locator("#lf-cpr-masked")).toHaveText(WORDS.da.masked);
    await tabToId(page, host, "lf-cpr", { max: 1, shift: true });
    await expect(cpr).toHaveValue("0703901018");
    await tabToId(page, host, "lf-phone", { max: 1 });
    // Without phone and e-mail, "how else can we reach you" is asked instead of the preference.
    // Most questions are optional here, so the few required ones are marked
    // instead (DKFDS: mark the minority).
    const preference = host.getByRole("group", { name: label(PEER_FORM, "contact_preference"), exact: true });
    await expect(host.locator("input#lf-contact_other")).toBeVisible();
    await expect(preference).toHaveCount(0);
    await page.keyboard.type("12 34 56 78");
    await expect(preference).toBeVisible();
    await expect(host.locator("input#lf-contact_other")).toHaveCount(0);
    await tabToId(page, host, "lf-email", { max: 1 });
    await page.keyboard.type("hanne@example.dk");
    // Into the radio group: the arrow key moves and chooses.
    await tabToOption(page, host, "contact_preference", "call", { max: 1 });
    await page.keyboard.press("ArrowDown");
    await expectChecked(host, "contact_preference", "sms");
    await expectChecked(host, "contact_preference", "call", false);
    await tabToId(page, host, "lf-address", { max: 1 });
    await page.keyboard.type("Nørregade 1");
    await tabToId(page, host, "lf-postal_code", { max: 1 });
    await page.keyboard.type("8000");
    await tabToId(page, host, "lf-city", { max: 1 });
    await page.keyboard.type("Aarhus");

    // The group: add a contact person (focus goes to the new item's first box).
    await tabToId(page, host, "lf-contacts-add", { max: 1 });
    await page.keyboard.press("Enter");
    await expectFocus(host, "lf-contacts.0.name", "the new contact person's name");
    await expect(host.locator("legend.item-heading")).toHaveText(["Kontaktperson 1"]);
    await page.keyboard.type("Birthe Bostøtte");
    await tabToId(page, host, "lf-contacts.0.place", { max: 1 });
    await page.keyboard.type("Bostøtten Vest");
    await tabToOption(page, host, "contacts.0.may_contact", "yes", { max: 1 });
    await expect(host.locator('input[id="lf-contacts.0.phone"]')).toHaveCount(0);
    await page.keyboard.press("Space");
    await expectChecked(host, "contacts.0.may_contact", "yes");
    await tabToId(page, host, "lf-contacts.0.phone", { max: 1 });
    await page.keyboard.type("87 65 43 21");
    // A second one, added with Space and removed again: focus returns to the add button.
    await tabToButton(page, host, "Fjern kontaktperson 1", { max: 1 });
    await tabToId(page, host, "lf-contacts-add", { max: 1 });
    await page.keyboard.press("Space");
    await expectFocus(host, "lf-contacts.1.name", "the second contact person's name");
    await expect(host.locator("legend.item-heading")).toHaveText(["Kontaktperson 1", "Kontaktperson 2"]);
    await page.keyboard.type("Slettes igen");
    await tabToButton(page, host, "Fjern kontaktperson 2", { max: 4 });
    await page.keyboard.press("Enter");
    await expectFocus(host, "lf-contacts-add", "the add button after removing");
    await expect(host.locator("legend.item-heading")).toHaveText(["Kontaktperson 1"]);
    await expect(host.locator('input[id="lf-contacts.0.name"]')).toHaveValue("Birthe Bostøtte");
    await nextStep(page, host, 2, TITLES, "da", 3);

    // Step 2: about you.
    await tabToOption(page, host, "support", "home_support", { max: 1 });
    await page.keyboard.press("Space");
    await expectChecked(host, "support", "home_support");
    await tabToOption(page, host, "heard_from", "press", { max: 1 });
    await page.keyboard.press("Space");
    await tabToOption(page, host, "heard_from", "contact_person", { max: 2 });
    await page.keyboard.press("Space");
    await expectChecked(host, "heard_from", "press");
    await expectChecked(host, "heard_from", "contact_person");
    await expectChecked(host, "heard_from", "info_meeting", false);
    await tabToId(page, host, "lf-motivation", { max: 10 });
    await page.keyboard.type(MOTIVATION);
    await tabToId(page, host, "lf-goals-add", { max: 1 });
    await page.keyboard.press("Enter");
    // The new wish's first control is the first option of "what is it about".
    await expect.poll(async () => {
      const f = await focused(host);
      return f && `${f.name}=${f.value}`;
    }, { message: "focus on the new wish's first control" }).toBe("lf-goals.0.area=network");
    await page.keyboard.press("ArrowDown");
    await expectChecked(host, "goals.0.area", "getting_out");
    await tabToId(page, host, "lf-goals.0.text", { max: 1 });
    await page.keyboard.type("Komme mere ud i naturen");
    await nextStep(page, host, 3, TITLES, "da", 4);

    // Step 3: wishes for a match.
    await tabToOption(page, host, "wish_gender", "woman", { max: 1 });
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expectChecked(host, "wish_gender", "no_preference");
    await tabToOption(page, host, "wish_age", "18-29", { max: 1 });
    await page.keyboard.press("Space");
    await tabToOption(page, host, "interests", "cafe", { max: 1 });
    await page.keyboard.press("Space");
    await tabToOption(page, host, "interests", "walks", { max: 1 });
    await page.keyboard.press("Space");
    await nextStep(page, host, 4, TITLES, "da", 12);

    // Step 4: when are you free.
    await tabToOption(page, host, "days", "mon", { max: 1 });
    await page.keyboard.press("Space");
    await tabToOption(page, host, "days", "wed", { max: 2 });
    await page.keyboard.press("Space");
    await tabToOption(page, host, "times", "evening", { max: 7 });
    await page.keyboard.press("Space");
    await nextStep(page, host, 5, TITLES, "da", 3);

    // Step 5: what we agree on (the decision is required).
    await tabToOption(page, host, "fits_meetings", "well", { max: 1 });
    await page.keyboard.press("Space");
    await tabToOption(page, host, "decision", "yes", { max: 1 });
    await page.keyboard.press("Space");
    await nextStep(page, host, 6, TITLES, "da", 3);

    // Step 6: consent (required), then "Tjek dine svar".
    await tabToId(page, host, "lf-consent_data", { max: 1 });
    await page.keyboard.press("Space");
    await expect(host.locator("input#lf-consent_data")).toBeChecked();
    await tabToButton(page, host, WORDS.da.next, { max: 3 });
    await page.keyboard.press("Enter");
    await expectHeadingFocus(host, WORDS.da.review);
    await expect(host.locator("ol.steps")).toHaveCount(0);

    const L = (id) => label(PEER_FORM, id);
    const O = (id, value) => option(PEER_FORM, id, value);
    const expected = {
      [L("name")]: "Hanne Testesen",
      [L("cpr")]: "070390-XXXX",
      [L("phone")]: "12 34 56 78",
      [L("email")]: "hanne@example.dk",
      [L("contact_preference")]: O("contact_preference", "sms"),
      [L("address")]: "Nørregade 1",
      [L("postal_code")]: "8000",
      [L("city")]: "Aarhus",
      [`Kontaktperson 1: ${L("contacts.name")}`]: "Birthe Bostøtte",
      [`Kontaktperson 1: ${L("contacts.place")}`]: "Bostøtten Vest",
      [`Kontaktperson 1: ${L("contacts.may_contact")}`]: "Ja",
      [`Kontaktperson 1: ${L("contacts.phone")}`]: "87 65 43 21",
      [L("support")]: O("support", "home_support"),
      [L("heard_from")]: `${O("heard_from", "press")}, ${O("heard_from", "contact_person")}`,
      [L("motivation")]: MOTIVATION,
      [`Ønske 1: ${L("goals.area")}`]: O("goals.area", "getting_out"),
      [`Ønske 1: ${L("goals.text")}`]: "Komme mere ud i naturen",
      [L("wish_gender")]: O("wish_gender", "no_preference"),
      [L("wish_age")]: O("wish_age", "18-29"),
      [L("interests")]: `${O("interests", "cafe")}, ${O("interests", "walks")}`,
      [L("match_note")]: WORDS.da.notAnswered,
      [L("days")]: "Mandag, Onsdag",
      [L("times")]: "Aften",
      [L("availability_note")]: WORDS.da.notAnswered,
      [L("fits_meetings")]: O("fits_meetings", "well"),
      [L("decision")]: "Ja",
      [L("consent_data")]: WORDS.da.consentGiven,
      [L("consent_evaluation")]: WORDS.da.notAnswered,
    };
    const answers = await reviewAnswers(host);
    expect(answers).toEqual(expected);
    // Hidden fields and the removed item are not on the page; the CPR number is masked everywhere.
    for (const hidden of ["contact_other", "support_other", "heard_from_other", "interests_other", "fits_note", "decision_note"]) {
      expect(Object.keys(answers), `hidden field ${hidden}`).not.toContain(L(hidden));
    }
    await expect(host).toContainText("070390-XXXX");
    await expect(host).not.toContainText("Slettes igen");
    await expect(host).not.toContainText("0703901018");
    // Every row has its own "Ret" button, named after the question.
    const rows = await reviewRows(host);
    for (const r of rows) expect(r.change, `the change button of "${r.label}"`).toBe(`${WORDS.da.change}: ${r.label}`);

    // "Ret" on the name: back on step 1 with focus in the box; change it; on to the review again.
    await tabToButton(page, host, `${WORDS.da.change}: ${L("name")}`, { max: 3 });
    await page.keyboard.press("Enter");
    await expectFocus(host, "lf-name", "the name box after Ret");
    await expectStep(host, 1, TITLES);
    await expect(host.locator("input#lf-name")).toHaveValue("Hanne Testesen");
    await page.keyboard.press("End");
    await page.keyboard.type("-Berg");
    // Enter in a text box submits the step, like "Næste".
    await page.keyboard.press("Enter");
    await expectHeadingFocus(host, TITLES[1]);
    await expectStep(host, 2, TITLES);
    for (let n = 3; n <= 6; n++) await nextStep(page, host, n, TITLES, "da");
    await tabToButton(page, host, WORDS.da.next, { max: 3 });
    await page.keyboard.press("Enter");
    await expectHeadingFocus(host, WORDS.da.review);
    expect(await reviewAnswers(host)).toEqual({ ...expected, [L("name")]: "Hanne Testesen-Berg" });

    // The draft holds what was typed, sealed with the passphrase.
    await waitForDraft(() => openSealedDraft(page, DRAFT_ID.peer, PASSPHRASE), (d) => d.answers?.name === "Hanne Testesen-Berg", "the changed name in the sealed draft");

    // Save: the saved copy, focus on its heading, the draft deleted, one event without answers.
    await tabToButton(page, host, WORDS.da.save, { max: 60 });
    await page.keyboard.press("Enter");
    await expectHeadingFocus(host, WORDS.da.saved);
    await expect(host.getByText(PEER_FORM.thanks.da)).toBeVisible();
    const saved = await reviewRows(host);
    expect(Object.fromEntries(saved.map((r) => [r.label, r.answer]))).toEqual({ ...expected, [L("name")]: "Hanne Testesen-Berg" });
    expect(saved.every((r) => r.change === null), "the saved copy has no Ret buttons").toBe(true);
    await expect(host.getByRole("button", { name: WORDS.da.print, exact: true })).toBeVisible();
    await expect(host.getByRole("button", { name: WORDS.da.newForm, exact: true })).toBeVisible();
    await expect(host).not.toContainText("0703901018");
    await expect.poll(() => rawDraft(page, DRAFT_ID.peer), { message: "the draft deleted after saving" }).toBeNull();
    expect(await submitted()).toEqual([{ detail: { form: "/forms/recruitment-peer.json" }, bubbles: true, composed: true }]);
  });
});

test.describe("recruitment-mentor in English", () => {
  const TITLES = stepTitles(MENTOR_FORM, "en");

  test("keyboard only: passphrase, every step, number, Back, a wish added and removed, Change, save", async ({ page }) => {
    await page.goto(GALLERY);
    const host = page.locator(MENTOR);
    await ready(host);
    await expect(host.locator("#lf-step-heading")).toHaveText(WORDS.en.protectHeading);
    const submitted = await recordSubmitted(host);
    const L = (id) => label(MENTOR_FORM, id, "en");
    const O = (id, value) => option(MENTOR_FORM, id, value, "en");

    await tabToId(page, host, "lf-pass", { max: 90 });
    await page.keyboard.type(PASSPHRASE);
    await tabToId(page, host, "lf-pass-again", { max: 1 });
    await page.keyboard.type(PASSPHRASE);
    await tabToButton(page, host, WORDS.en.start, { max: 1 });
    await page.keyboard.press("Space");
    await expectHeadingFocus(host, TITLES[0]);
    await expectStep(host, 1, TITLES, "en");
    await expect(host.locator('label[for="lf-cpr"]')).toHaveText(L("cpr"));

    // Step 1.
    await tabToId(page, host, "lf-name", { max: 1 });
    await page.keyboard.type("Morten Mentorsen");
    await tabToId(page, host, "lf-cpr", { max: 1 });
    await page.keyboard.type("150585-1001");
    await tabToId(page, host, "lf-phone", { max: 1 });
    await expect(host.locator("input#lf-cpr")).toHaveValue("150585-XXXX");
    await expect(host.locator("#lf-cpr-masked")).toHaveText(WORDS.en.masked);
    await tabToId(page, host, "lf-email", { max: 1 });
    await page.keyboard.type("morten@example.com");
    await tabToOption(page, host, "contact_preference", "call", { max: 1 });
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expectChecked(host, "contact_preference", "email");
    await nextStep(page, host, 2, TITLES, "en", 6);

    // Step 2: several picks, free text, a wish added, a second added and removed.
    await tabToOption(page, host, "heard_from", "press", { max: 1 });
    await tabToOption(page, host, "heard_from", "friends", { max: 3 });
    await page.keyboard.press("Space");
    await tabToOption(page, host, "heard_from", "other", { max: 7 });
    await page.keyboard.press("Space");
    // "Other" asks where else.
    await tabToId(page, host, "lf-heard_from_other", { max: 1 });
    await page.keyboard.type("At the library");
    await tabToId(page, host, "lf-motivation", { max: 1 });
    await page.keyboard.type("I want to give back what I was given.");
    await tabToId(page, host, "lf-goals-add", { max: 2 });
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(host))?.name, { message: "focus in the new wish" }).toBe("lf-goals.0.area");
    await page.keyboard.press("ArrowDown");
    await expectChecked(host, "goals.0.area", "experience");
    await tabToId(page, host, "lf-goals.0.text", { max: 1 });
    await page.keyboard.type("Use my experience");
    await tabToId(page, host, "lf-goals-add", { max: 2 });
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(host))?.name, { message: "focus in the second wish" }).toBe("lf-goals.1.area");
    await expect(host.locator("legend.item-heading")).toHaveText(["Wish 1", "Wish 2"]);
    await tabToButton(page, host, "Remove wish 2", { max: 3 });
    await page.keyboard.press("Enter");
    await expectFocus(host, "lf-goals-add", "the add button after removing the wish");
    await expect(host.locator("legend.item-heading")).toHaveText(["Wish 1"]);
    await nextStep(page, host, 3, TITLES, "en", 3);

    // Step 3, then "Back" keeps what was typed on step 2.
    await tabToOption(page, host, "wish_gender", "woman", { max: 1 });
    await page.keyboard.press("Space");
    await tabToButton(page, host, WORDS.en.back, { max: 20 });
    await page.keyboard.press("Enter");
    await expectHeadingFocus(host, TITLES[1]);
    await expectStep(host, 2, TITLES, "en");
    await expect(host.locator("textarea#lf-motivation")).toHaveValue("I want to give back what I was given.");
    await expect(host.locator('input[id="lf-goals.0.text"]')).toHaveValue("Use my experience");
    await nextStep(page, host, 3, TITLES, "en");
    await expectChecked(host, "wish_gender", "woman");
    await nextStep(page, host, 4, TITLES, "en", 20);

    // Step 4: days and a number with a unit.
    await tabToOption(page, host, "days", "mon", { max: 1 });
    await tabToOption(page, host, "days", "tue", { max: 1 });
    await page.keyboard.press("Space");
    await tabToOption(page, host, "days", "sat", { max: 4 });
    await page.keyboard.press("Space");
    await tabToId(page, host, "lf-hours", { max: 6 });
    await expect(host.locator("input#lf-hours")).toHaveAccessibleDescription(/hours/);
    await page.keyboard.type("3.5");
    await nextStep(page, host, 5, TITLES, "en", 3);

    // Step 5: three Likert questions; "hard" on one shows the follow-up question.
    await tabToOption(page, host, "fits_meetings", "well", { max: 1 });
    await page.keyboard.press("Space");
    await tabToOption(page, host, "fits_training", "well", { max: 1 });
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expectChecked(host, "fits_training", "hard");
    await tabToOption(page, host, "fits_supervision", "well", { max: 1 });
    await page.keyboard.press("Space");
    await tabToId(page, host, "lf-fits_note", { max: 1 });
    await page.keyboard.type("Training on Fridays would help.");
    await tabToOption(page, host, "decision", "yes", { max: 1 });
    await page.keyboard.press("ArrowDown");
    await expectChecked(host, "decision", "talk");
    await tabToId(page, host, "lf-decision_note", { max: 1 });
    await page.keyboard.type("The training days.");
    await nextStep(page, host, 6, TITLES, "en", 3);

    // Step 6.
    await tabToId(page, host, "lf-consent_data", { max: 1 });
    await page.keyboard.press("Space");
    await tabToId(page, host, "lf-consent_evaluation", { max: 1 });
    await page.keyboard.press("Space");
    await tabToButton(page, host, WORDS.en.next, { max: 2 });
    await page.keyboard.press("Enter");
    await expectHeadingFocus(host, WORDS.en.review);

    const expected = {
      [L("name")]: "Morten Mentorsen",
      [L("cpr")]: "150585-XXXX",
      [L("phone")]: WORDS.en.notAnswered,
      [L("email")]: "morten@example.com",
      [L("contact_preference")]: O("contact_preference", "email"),
      [L("address")]: WORDS.en.notAnswered,
      [L("postal_code")]: WORDS.en.notAnswered,
      [L("city")]: WORDS.en.notAnswered,
      [L("heard_from")]: `${O("heard_from", "friends")}, ${O("heard_from", "other")}`,
      [L("heard_from_other")]: "At the library",
      [L("motivation")]: "I want to give back what I was given.",
      [L("experience")]: WORDS.en.notAnswered,
      [`Wish 1: ${L("goals.area")}`]: O("goals.area", "experience"),
      [`Wish 1: ${L("goals.text")}`]: "Use my experience",
      [L("wish_gender")]: O("wish_gender", "woman"),
      [L("wish_age")]: WORDS.en.notAnswered,
      [L("interests")]: WORDS.en.notAnswered,
      [L("match_note")]: WORDS.en.notAnswered,
      [L("days")]: "Tuesday, Saturday",
      [L("times")]: WORDS.en.notAnswered,
      [L("hours")]: "3.5",
      [L("availability_note")]: WORDS.en.notAnswered,
      [L("fits_meetings")]: O("fits_meetings", "well"),
      [L("fits_training")]: O("fits_training", "hard"),
      [L("fits_supervision")]: O("fits_supervision", "well"),
      [L("fits_note")]: "Training on Fridays would help.",
      [L("decision")]: O("decision", "talk"),
      [L("decision_note")]: "The training days.",
      [L("consent_data")]: WORDS.en.consentGiven,
      [L("consent_evaluation")]: WORDS.en.consentGiven,
    };
    expect(await reviewAnswers(host)).toEqual(expected);
    await expect(host).not.toContainText("1505851001");
    for (const r of await reviewRows(host)) expect(r.change, `the change button of "${r.label}"`).toBe(`${WORDS.en.change}: ${r.label}`);

    // "Change" on the days: focus on the first day, change the picks, Next back to the review.
    await tabToButton(page, host, `${WORDS.en.change}: ${L("days")}`, { max: 40 });
    await page.keyboard.press("Enter");
    await expect.poll(async () => {
      const f = await focused(host);
      return f && `${f.name}=${f.value}`;
    }, { message: "focus on the first day after Change" }).toBe("lf-days=mon");
    await expectStep(host, 4, TITLES, "en");
    await page.keyboard.press("Space");
    await tabToOption(page, host, "days", "tue", { max: 1 });
    await page.keyboard.press("Space");
    await expectChecked(host, "days", "mon");
    await expectChecked(host, "days", "tue", false);
    await nextStep(page, host, 5, TITLES, "en");
    await nextStep(page, host, 6, TITLES, "en");
    await tabToButton(page, host, WORDS.en.next, { max: 3 });
    await page.keyboard.press("Enter");
    await expectHeadingFocus(host, WORDS.en.review);
    const after = await reviewAnswers(host);
    // The picks now: Monday and Saturday (their order in the text is not what is tested here).
    expect(after[L("days")].split(", ").sort()).toEqual(["Monday", "Saturday"]);
    const changed = { ...expected, [L("days")]: after[L("days")] };
    expect(after).toEqual(changed);

    await tabToButton(page, host, WORDS.en.save, { max: 60 });
    await page.keyboard.press("Enter");
    await expectHeadingFocus(host, WORDS.en.saved);
    await expect(host.getByText(MENTOR_FORM.thanks.en)).toBeVisible();
    expect(await reviewAnswers(host)).toEqual(changed);
    await expect.poll(() => rawDraft(page, DRAFT_ID.mentor), { message: "the draft deleted after saving" }).toBeNull();
    expect(await submitted()).toEqual([{ detail: { form: "/forms/recruitment-mentor.json" }, bubbles: true, composed: true }]);
    // The Danish instance on the same page was not touched.
    await expect(page.locator(PEER).locator("#lf-step-heading")).toHaveText(WORDS.da.protectHeading);
  });
});
