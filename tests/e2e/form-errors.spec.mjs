// <lokal-form>: DKFDS error handling. "Næste" on a step that needs a change
// shows the error summary (role=alert, gets focus) whose links move focus to
// each field; each field's error is above it with a visually hidden "Fejl:",
// the control has aria-invalid and aria-describedby pointing to the error;
// errors clear as they are fixed; a typo gets its specific message and the
// typed text stays in the box; a CPR number that fails only modulus 11 is a
// warning (going on is allowed); English with lang="en"; the passphrase
// panel's own errors.
import { test, expect } from "@playwright/test";
import { GALLERY } from "./lib/env.mjs";
import {
  PEER, MENTOR, WORDS, MESSAGES, WIDGETS_FORM, ready, focused, expectFocus, expectStep, choosePassphrase, openFixture,
  passInput, passAgainInput,
} from "./lib/form.mjs";

const PEER_STEPS = ["Kontaktoplysninger", "Om dig", "Ønsker til et match", "Hvornår kan du?", "Det aftaler vi", "Samtykke"];
const WIDGET_STEPS = ["Tekst og tal", "Linje og underskrift", "Betingelser og grupper", "Valg"];

/** The control of validation path `path` (an input, textarea, select or the VAS slider). */
function control(host, path) {
  return host.locator(`input[id="lf-${path}"], textarea[id="lf-${path}"], select[id="lf-${path}"], [role="slider"][id="lf-${path}"]`);
}

/**
 * Asserts the DKFDS field error of `path`: the text with its visually
 * hidden prefix, placed above the control, aria-invalid on the control (or
 * on every option), and aria-describedby of the control (or the fieldset)
 * naming the error, so it is read with the field.
 */
async function expectFieldError(host, path, message, { lang = "da", grouped = false } = {}) {
  const error = host.locator(`[id="lf-${path}-error"]`);
  await expect(error, `the error of ${path}`).toHaveText(`${WORDS[lang].errorPrefix} ${message}`);
  await expect(error).toHaveClass(/field-error/);
  const prefix = error.locator(".sr-only");
  await expect(prefix).toHaveText(WORDS[lang].errorPrefix);
  const box = await prefix.boundingBox();
  expect(box === null || (box.width <= 1 && box.height <= 1), `the "${WORDS[lang].errorPrefix}" prefix of ${path} is visually hidden (box ${JSON.stringify(box)})`).toBe(true);
  const controls = grouped ? host.locator(`input[name="lf-${path}"]`) : control(host, path);
  const n = await controls.count();
  expect(n, `controls of ${path}`).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) await expect(controls.nth(i), `aria-invalid on ${path} (${i})`).toHaveAttribute("aria-invalid", "true");
  // A group of options: the fieldset holding them carries the description.
  const described = grouped ? host.locator(`fieldset:has(input[name="lf-${path}"])`).last() : controls.first();
  expect(((await described.getAttribute("aria-describedby")) ?? "").split(/\s+/), `aria-describedby of ${path}`).toContain(`lf-${path}-error`);
  await expect(described).toHaveAccessibleDescription(new RegExp(`${WORDS[lang].errorPrefix}\\s*${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  const above = await host.evaluate((h, path) => {
    const root = h.shadowRoot;
    const e = root.querySelector(`[id="lf-${path}-error"]`);
    const c = root.querySelector(`input[id="lf-${path}"], textarea[id="lf-${path}"], select[id="lf-${path}"], [role="slider"][id="lf-${path}"], input[name="lf-${path}"]`);
    return Boolean(e.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
  }, path);
  expect(above, `the error of ${path} is above the control`).toBe(true);
}

/** Asserts that `path` shows no error (and its control is not marked invalid). */
async function expectNoFieldError(host, path, { grouped = false } = {}) {
  await expect(host.locator(`[id="lf-${path}-error"]`), `no error on ${path}`).toHaveCount(0);
  const controls = grouped ? host.locator(`input[name="lf-${path}"]`) : control(host, path);
  for (let i = 0; i < (await controls.count()); i++) await expect(controls.nth(i)).not.toHaveAttribute("aria-invalid", /.*/);
  // A group of options: the fieldset holding them carries the description.
  const described = grouped ? host.locator(`fieldset:has(input[name="lf-${path}"])`).last() : controls.first();
  expect((await described.getAttribute("aria-describedby")) ?? "").not.toContain(`lf-${path}-error`);
}

/** Presses "Næste" with the keyboard. */
async function next(host, lang = "da") {
  await host.getByRole("button", { name: WORDS[lang].next, exact: true }).press("Enter");
}

function summary(host) {
  return host.locator("#lf-error-summary");
}

/** Asserts the error summary: role=alert, its heading, focus on it, and exactly `lines` as links. */
async function expectSummary(host, lines, lang = "da") {
  const s = summary(host);
  await expect(s).toBeVisible();
  await expect(s).toHaveAttribute("role", "alert");
  await expect(s).toHaveAttribute("tabindex", "-1");
  await expect(s.getByRole("heading", { name: WORDS[lang].errorSummary, exact: true })).toBeVisible();
  await expect(host.getByRole("alert", { name: WORDS[lang].errorSummary })).toHaveCount(1);
  await expect(s.getByRole("link")).toHaveText(lines);
}

test.describe("recruitment-peer, Danish", () => {
  test("Næste on a step that needs changes: the summary gets focus, its links move focus to each field, the errors clear as they are fixed", async ({ page }) => {
    await page.goto(GALLERY);
    const host = page.locator(PEER);
    await ready(host);
    await choosePassphrase(host, "en lang nok kode");
    await expectStep(host, 1, PEER_STEPS);

    // Typos are not reported while typing, only after "Næste".
    await host.locator("input#lf-email").pressSequentially("hanne@");
    await host.locator("input#lf-cpr").pressSequentially("3102901234");
    await host.getByRole("button", { name: "Tilføj en kontaktperson" }).press("Enter");
    await expect(host.locator('input[id="lf-contacts.0.name"]')).toBeFocused();
    await expect(summary(host)).toHaveCount(0);
    await expect(host.locator(".field-error")).toHaveCount(0);
    await expect(host.locator("[aria-invalid]")).toHaveCount(0);

    await next(host);
    const lines = [
      "Navn: Skriv dit navn.",
      `CPR-nummer: ${MESSAGES.da.cprNoSuchDate}`,
      `E-mailadresse: ${MESSAGES.da.emailFormat}`,
      "Kontaktperson 1: Navn: Skriv kontaktpersonens navn, eller fjern kontaktpersonen.",
    ];
    await expectSummary(host, lines);
    await expectFocus(host, "lf-error-summary", "the error summary");
    await expectStep(host, 1, PEER_STEPS);
    // The summary comes before the fields.
    expect(await host.evaluate((h) => Boolean(h.shadowRoot.getElementById("lf-error-summary").compareDocumentPosition(h.shadowRoot.querySelector("input#lf-name")) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);

    await expectFieldError(host, "name", "Skriv dit navn.");
    await expectFieldError(host, "cpr", MESSAGES.da.cprNoSuchDate);
    await expectFieldError(host, "email", MESSAGES.da.emailFormat);
    await expectFieldError(host, "contacts.0.name", "Skriv kontaktpersonens navn, eller fjern kontaktpersonen.");
    await expect(host.locator(".field-error")).toHaveCount(4);
    // Optional, empty fields have no error.
    await expectNoFieldError(host, "phone");
    await expectNoFieldError(host, "contacts.0.place");
    // What was typed stays in the box, exactly (an impossible CPR number is not masked).
    await expect(host.locator("input#lf-email")).toHaveValue("hanne@");
    await expect(host.locator("input#lf-cpr")).toHaveValue("3102901234");

    // Each link, followed with the keyboard, moves focus to its field; the URL does not change.
    const url = page.url();
    const targets = ["lf-name", "lf-cpr", "lf-email", "lf-contacts.0.name"];
    // From the focused summary, Tab reaches the first link.
    await page.keyboard.press("Tab");
    expect((await focused(host))?.text).toBe(lines[0]);
    for (let i = 0; i < lines.length; i++) {
      const link = summary(host).getByRole("link", { name: lines[i], exact: true });
      await expect(link).toHaveAttribute("href", `#${targets[i]}`);
      await link.focus();
      await page.keyboard.press("Enter");
      await expectFocus(host, targets[i], `${targets[i]} after its summary link`);
      expect(page.url()).toBe(url);
    }

    // Fixing a field clears its error at once, and its line in the summary.
    await host.locator("input#lf-name").pressSequentially("Hanne Testesen");
    await expectNoFieldError(host, "name");
    await expectSummary(host, lines.slice(1));
    const email = host.locator("input#lf-email");
    await email.press("End");
    await email.pressSequentially("example.dk");
    await expect(email).toHaveValue("hanne@example.dk");
    await expectNoFieldError(host, "email");
    await expectSummary(host, [lines[1], lines[3]]);

    // A CPR number with a real date that fails modulus 11: a warning, not an error.
    const cpr = host.locator("input#lf-cpr");
    await cpr.press("ControlOrMeta+a");
    await cpr.pressSequentially("0102031234");
    await expectNoFieldError(host, "cpr");
    const warning = host.locator('[id="lf-cpr-warning"]');
    await expect(warning).toHaveText(`${WORDS.da.warningPrefix} ${MESSAGES.da.cprModulus}`);
    await expect(warning).toHaveClass(/field-warning/);
    await expect(warning).not.toHaveAttribute("role", "alert");
    expect((await cpr.getAttribute("aria-describedby")).split(" ")).toContain("lf-cpr-warning");
    await expectSummary(host, [lines[3]]);

    // Removing the empty contact person clears the last error: the summary goes.
    await host.getByRole("button", { name: "Fjern kontaktperson 1" }).press("Enter");
    await expect(summary(host)).toHaveCount(0);
    await expect(host.locator(".field-error")).toHaveCount(0);
    await expect(host.locator("[aria-invalid]")).toHaveCount(0);

    // The warning does not stop "Næste".
    await expect(warning).toBeVisible();
    await next(host);
    await expectStep(host, 2, PEER_STEPS);
    await expect(summary(host)).toHaveCount(0);
  });

  test("a CPR number that fails only modulus 11 shows the warning at once, below the box, and Næste goes on", async ({ page }) => {
    await page.goto(GALLERY);
    const host = page.locator(PEER);
    await ready(host);
    await choosePassphrase(host, "en lang nok kode");
    await host.locator("input#lf-name").pressSequentially("Hanne Testesen");
    const cpr = host.locator("input#lf-cpr");
    await cpr.pressSequentially("0102031234");
    const warning = host.locator('[id="lf-cpr-warning"]');
    await expect(warning).toHaveText(`${WORDS.da.warningPrefix} ${MESSAGES.da.cprModulus}`);
    const below = await host.evaluate((h) => Boolean(h.shadowRoot.querySelector("input#lf-cpr").compareDocumentPosition(h.shadowRoot.getElementById("lf-cpr-warning")) & Node.DOCUMENT_POSITION_FOLLOWING));
    expect(below, "the warning is below the box").toBe(true);
    await expect(cpr).not.toHaveAttribute("aria-invalid", /.*/);
    await expect(cpr).toHaveAccessibleDescription(new RegExp(`Bemærk:\\s*Tjek CPR-nummeret`));
    await expect(summary(host)).toHaveCount(0);
    // A valid number clears the warning.
    await cpr.press("ControlOrMeta+a");
    await cpr.pressSequentially("0102031008");
    await expect(warning).toHaveCount(0);
    await cpr.press("ControlOrMeta+a");
    await cpr.pressSequentially("0102031234");
    await expect(warning).toBeVisible();
    await next(host);
    await expectStep(host, 2, PEER_STEPS);
    // Back: the number is still there, and still only a warning.
    await host.getByRole("button", { name: WORDS.da.back, exact: true }).press("Enter");
    await expectStep(host, 1, PEER_STEPS);
    await cpr.focus();
    await expect(cpr).toHaveValue("0102031234");
    await expect(warning).toBeVisible();
  });

  test("Næste without the required decision on step 5 names it in the summary; choosing clears it", async ({ page }) => {
    await page.goto(GALLERY);
    const host = page.locator(PEER);
    await ready(host);
    await choosePassphrase(host, "en lang nok kode");
    await host.locator("input#lf-name").pressSequentially("Hanne");
    for (let n = 2; n <= 5; n++) {
      await next(host);
      await expectStep(host, n, PEER_STEPS);
    }
    await next(host);
    const label = "Vil du gerne være med i projektet på de vilkår?";
    await expectSummary(host, [`${label}: ${MESSAGES.da.chooseAnswer}`]);
    await expectFocus(host, "lf-error-summary", "the error summary");
    await expectFieldError(host, "decision", MESSAGES.da.chooseAnswer, { grouped: true });
    await expect(host.getByRole("group", { name: label })).toHaveAccessibleDescription(/Fejl:\s*Vælg et svar\./);
    // The link moves focus to the first option.
    await summary(host).getByRole("link").press("Enter");
    await expect.poll(async () => {
      const f = await focused(host);
      return f && `${f.type}:${f.name}=${f.value}`;
    }, { message: "focus on the first option" }).toBe("radio:lf-decision=yes");
    await page.keyboard.press("ArrowDown");
    await expectNoFieldError(host, "decision", { grouped: true });
    await expect(summary(host)).toHaveCount(0);
  });
});

test.describe("typos get their specific message (the widgets fixture, Danish)", () => {
  test("dates, numbers, phone, and the number of picks", async ({ page }) => {
    const host = await openFixture(page, { form: WIDGETS_FORM, protect: "device" });
    await expectStep(host, 1, WIDGET_STEPS);
    const date = host.locator("input#lf-start");
    await date.pressSequentially("31.02.2026");
    const hours = host.locator("input#lf-hours");
    await hours.pressSequentially("abc");
    await host.locator("input#lf-phone").pressSequentially("123");
    await next(host);
    await expectSummary(host, [
      `Timer om ugen: ${MESSAGES.da.notANumber}`,
      `Startdato: ${MESSAGES.da.noSuchDate}`,
      `Telefonnummer: ${MESSAGES.da.phoneFormat}`,
    ]);
    await expectFieldError(host, "start", MESSAGES.da.noSuchDate);
    await expect(date).toHaveValue("31.02.2026");
    await expectFieldError(host, "hours", MESSAGES.da.notANumber);
    await expect(hours).toHaveValue("abc");
    await expectFieldError(host, "phone", MESSAGES.da.phoneFormat);

    // Each change gives the message for what is in the box now.
    const retype = async (locator, text) => {
      await locator.press("ControlOrMeta+a");
      await locator.pressSequentially(text);
      await expect(locator).toHaveValue(text);
    };
    for (const [text, message] of [
      ["07.13.2026", MESSAGES.da.noSuchDate],
      ["7/3 2026", MESSAGES.da.dateFormat],
      ["07.03.26", MESSAGES.da.dateFormat],
      ["31.12.2023", MESSAGES.da.dateTooEarly("01.01.2024")],
      ["01.01.2031", MESSAGES.da.dateTooLate("31.12.2030")],
      ["29.02.2027", MESSAGES.da.noSuchDate],
    ]) {
      await retype(date, text);
      await expectFieldError(host, "start", message);
    }
    await retype(date, "29.02.2028");
    await expectNoFieldError(host, "start");
    for (const [text, message] of [
      ["0", MESSAGES.da.tooSmall("0,5")],
      ["40,5", MESSAGES.da.tooLarge("40")],
      ["2,25", MESSAGES.da.offStep("0,5", "2", "2,5")],
      ["12 kr", MESSAGES.da.notANumber],
    ]) {
      await retype(hours, text);
      await expectFieldError(host, "hours", message);
    }
    await retype(hours, "2,5");
    await expectNoFieldError(host, "hours");
    await retype(host.locator("input#lf-phone"), "12 34 56 78");
    await expectNoFieldError(host, "phone");
    await expect(summary(host)).toHaveCount(0);
    await next(host);
    await expectStep(host, 2, WIDGET_STEPS);

    // On to step 4 (the signature on step 2 is required: a typed name is enough).
    await host.locator("input#lf-signature").pressSequentially("Hanne Testesen");
    await next(host);
    await expectStep(host, 3, WIDGET_STEPS);
    await next(host);
    await expectStep(host, 4, WIDGET_STEPS);
    // One day of "2 or 3", and no consent.
    await host.getByRole("checkbox", { name: "Mandag" }).press("Space");
    await next(host);
    await expectSummary(host, [`Hvilke dage kan du?: ${MESSAGES.da.pickAtLeast(2)}`, `Jeg siger ja til, at svarene bliver gemt.: ${MESSAGES.da.consentRequired}`]);
    await expectFieldError(host, "days", MESSAGES.da.pickAtLeast(2), { grouped: true });
    await expectFieldError(host, "consent", MESSAGES.da.consentRequired);
    for (const day of ["Tirsdag", "Onsdag", "Torsdag"]) await host.getByRole("checkbox", { name: day }).press("Space");
    await expectFieldError(host, "days", MESSAGES.da.pickAtMost(3), { grouped: true });
    await host.getByRole("checkbox", { name: "Onsdag" }).press("Space");
    await expectNoFieldError(host, "days", { grouped: true });
  });
});

test.describe('English with lang="en" (recruitment-mentor)', () => {
  test("the summary, the field errors, the typo messages and the CPR warning are in English", async ({ page }) => {
    await page.goto(GALLERY);
    const host = page.locator(MENTOR);
    await ready(host);
    await choosePassphrase(host, "a long enough passphrase", "en");
    await host.locator("input#lf-email").pressSequentially("morten(at)example.com");
    await host.locator("input#lf-cpr").pressSequentially("310290-1234");
    await next(host, "en");
    await expectSummary(host, [
      "Name: Enter your name.",
      `CPR number: ${MESSAGES.en.cprNoSuchDate}`,
      `E-mail address: ${MESSAGES.en.emailFormat}`,
    ], "en");
    await expectFocus(host, "lf-error-summary", "the error summary");
    await expectFieldError(host, "name", "Enter your name.", { lang: "en" });
    await expectFieldError(host, "cpr", MESSAGES.en.cprNoSuchDate, { lang: "en" });
    await expectFieldError(host, "email", MESSAGES.en.emailFormat, { lang: "en" });
    await expect(host.locator("input#lf-email")).toHaveValue("morten(at)example.com");
    await expect(host).not.toContainText("Fejl");
    await expect(host).not.toContainText("Skriv");

    const cpr = host.locator("input#lf-cpr");
    await cpr.press("ControlOrMeta+a");
    await cpr.pressSequentially("123");
    await expectFieldError(host, "cpr", MESSAGES.en.cprFormat, { lang: "en" });
    await cpr.press("ControlOrMeta+a");
    await cpr.pressSequentially("010203-1234");
    await expectNoFieldError(host, "cpr");
    await expect(host.locator('[id="lf-cpr-warning"]')).toHaveText(`${WORDS.en.warningPrefix} ${MESSAGES.en.cprModulus}`);
    await host.locator("input#lf-name").pressSequentially("Morten");
    const email = host.locator("input#lf-email");
    await email.press("ControlOrMeta+a");
    await email.pressSequentially("morten@example.com");
    await expect(summary(host)).toHaveCount(0);
    await next(host, "en");
    await expect(host.locator('ol.steps li[aria-current="step"]')).toHaveText("About you");
  });
});

test.describe("switching the language live", () => {
  test('setting lang="en" on a form being filled in changes the texts and keeps the step and the answers on screen', async ({ page }) => {
    // The element's attributes are live (components/src/element.rs), as on
    // <lokal-feedback>: a worker switching to English mid-conversation must
    // not be sent back to the passphrase panel.
    await page.goto(GALLERY);
    const host = page.locator(PEER);
    await ready(host);
    await choosePassphrase(host, "en lang nok kode");
    await host.locator("input#lf-name").pressSequentially("Hanne Testesen");
    await next(host);
    await expectStep(host, 2, PEER_STEPS);
    await host.locator("textarea#lf-motivation").pressSequentially("Gåture");
    await host.evaluate((h) => h.setAttribute("lang", "en"));
    await expect(host.locator(".lokal-form")).toHaveAttribute("lang", "en");
    await expect(host.locator("h2#lf-title")).toHaveText("Recruitment conversation for peers");
    await expect(host.locator("#lf-step-heading")).not.toHaveText(WORDS.en.openHeading);
    await expectStep(host, 2, ["Contact details", "About you", "Wishes for a match", "When are you free?", "What we agree on", "Consent"], "en");
    await expect(host.locator("textarea#lf-motivation")).toHaveValue("Gåture");
    await host.getByRole("button", { name: WORDS.en.back, exact: true }).click();
    await expect(host.locator("input#lf-name")).toHaveValue("Hanne Testesen");
  });
});

test.describe("the passphrase panel", () => {
  test("too short and different passphrases are errors above the box, with aria-invalid", async ({ page }) => {
    await page.goto(GALLERY);
    const host = page.locator(PEER);
    await ready(host);
    const pass = passInput(host);
    const error = host.locator("#lf-pass-error");
    await expect(error).toHaveCount(0);
    await expect(pass).toHaveAttribute("aria-describedby", "lf-pass-help");
    await pass.pressSequentially("kort");
    await passAgainInput(host).pressSequentially("kort");
    await passAgainInput(host).press("Enter");
    await expect(error).toHaveText(`${WORDS.da.errorPrefix} ${WORDS.da.tooShort}`);
    await expect(error).toHaveAttribute("role", "alert");
    await expect(pass).toHaveAttribute("aria-invalid", "true");
    await expect(pass).toHaveAttribute("aria-describedby", "lf-pass-help lf-pass-error");
    await expect(pass).toHaveAccessibleDescription(/Mindst 8 tegn.*Fejl:\s*Skriv en adgangskode med mindst 8 tegn\./);
    expect(await host.evaluate((h) => Boolean(h.shadowRoot.getElementById("lf-pass-error").compareDocumentPosition(h.shadowRoot.getElementById("lf-pass")) & Node.DOCUMENT_POSITION_FOLLOWING)), "the error is above the box").toBe(true);
    await expect(host.locator("ol.steps")).toHaveCount(0);
    await expectFocus(host, "lf-pass-again", "the box where Enter was pressed");

    await pass.fill("");
    await pass.pressSequentially("lang nok kode");
    await passAgainInput(host).fill("");
    await passAgainInput(host).pressSequentially("lang nok kod");
    await passAgainInput(host).press("Enter");
    await expect(error).toHaveText(`${WORDS.da.errorPrefix} ${WORDS.da.mismatch}`);
    await expect(host.locator("ol.steps")).toHaveCount(0);

    await passAgainInput(host).press("End");
    await passAgainInput(host).pressSequentially("e");
    await passAgainInput(host).press("Enter");
    await expectStep(host, 1, PEER_STEPS);
  });
});
