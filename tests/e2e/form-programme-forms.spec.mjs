// The programme's contract and exit forms on the examples page: they load,
// ask for a passphrase (they hold personal data), show the DKFDS error
// summary on an empty step, and pass axe-core on every step, in Danish and
// English. Switching the form on the page switches the draft.
import { test, expect } from "@playwright/test";
import { expectNoAxeViolations } from "./lib/axe.mjs";
import { choosePassphrase, WORDS } from "./lib/form.mjs";

const PAGE = "/examples/forms/";
const HOST = "lokal-form#programme-form";
const PASSPHRASE = "Kaffe på caféen 42";

for (const form of ["contract", "exit"]) {
  for (const lang of ["da", "en"]) {
    test(`${form}.json in ${lang === "da" ? "Danish" : "English"}: passphrase, errors, every step without axe violations`, async ({ page }) => {
      await page.goto(`${PAGE}?form=/forms/${form}.json&lang=${lang}`);
      const host = page.locator(HOST);
      await expect(host.locator("#lf-step-heading")).toBeVisible({ timeout: 30_000 });
      await expectNoAxeViolations(page, `${form} (${lang}), passphrase panel`);
      await choosePassphrase(host, PASSPHRASE, lang);
      const steps = await host.locator("ol.steps li").count();
      expect(steps).toBeGreaterThanOrEqual(4);

      // An empty first step: the summary names what is missing and has focus.
      await host.getByRole("button", { name: WORDS[lang].next, exact: true }).click();
      const summary = host.locator("#lf-error-summary");
      if (await summary.count()) {
        await expect(summary).toBeFocused();
        await expect(summary.locator("li").first()).toBeVisible();
        await expectNoAxeViolations(page, `${form} (${lang}), step 1 with errors`);
      }
      // Every step until the review: axe, then answer what is needed and go on.
      const review = lang === "da" ? "Tjek dine svar" : "Check your answers";
      for (let guard = 0; guard < steps * 3; guard++) {
        if ((await host.locator("#lf-step-heading").textContent()).includes(review)) break;
        await expectNoAxeViolations(page, `${form} (${lang}), ${await host.locator("#lf-step-heading").textContent()}`);
        await answerVisible(host);
        await host.getByRole("button", { name: WORDS[lang].next, exact: true }).click();
        // A required group needs an item: add one; it is answered next round.
        if (await host.locator("#lf-error-summary").count()) {
          for (const add of await host.locator('button[id$="-add"]').all()) await add.click();
        }
      }
      await expect(host.locator("#lf-step-heading")).toHaveText(WORDS[lang].reviewHeading ?? /Tjek dine svar|Check your answers/);
      await expectNoAxeViolations(page, `${form} (${lang}), review`);
    });
  }
}

/** Gives every visible, unanswered control on the step a plausible answer. */
async function answerVisible(host) {
  for (const box of await host.locator('input.input[type="text"], input.input[type="email"], textarea').all()) {
    if (!(await box.inputValue())) await box.fill("Kim");
  }
  for (const box of await host.locator('input.input[type="tel"]').all()) {
    if (!(await box.inputValue())) await box.fill("12 34 56 78");
  }
  for (const group of await host.locator("fieldset.field").all()) {
    const radio = group.locator('input[type="radio"]').first();
    if ((await radio.count()) && !(await group.locator('input[type="radio"]:checked').count())) await radio.check();
  }
  for (const box of await host.locator('input[type="checkbox"]').all()) {
    if (!(await box.isChecked())) await box.check();
  }
  for (const date of await host.locator('input.input-short').all()) {
    const id = await date.getAttribute("id");
    if (id && /date/.test(id)) await date.fill("01.12.2026");
  }
}
