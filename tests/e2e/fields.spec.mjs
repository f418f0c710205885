// The single field elements (fields bundle) inside a partner's own plain
// <form> (examples/fields/): keyboard-only completion, the values in
// FormData as the form submits them, reset, a required field blocking the
// submit with the engine's Danish message, the <label for> naming each
// control (axe clean), back/forward restoring the values; the element
// itself sends nothing.
import { test, expect } from "@playwright/test";
import { BASE } from "./lib/env.mjs";
import { recordRequests } from "./lib/network.mjs";
import { expectNoAxeViolations } from "./lib/axe.mjs";
import { MESSAGES } from "./lib/form.mjs";

const PAGE = "/examples/fields/";
const TAGS = ["lokal-cpr", "lokal-date", "lokal-phone", "lokal-email", "lokal-scale", "lokal-vas"];

/** Waits until every field element is live (its input drawn by the wasm). */
async function live(page) {
  for (const tag of TAGS) await expect(page.locator(`${tag} [id="lf-value"]`)).toBeAttached();
}

/** What the page says the form would submit. */
const submitted = (page) => page.locator("#submitted");

test("completed by keyboard alone, the form submits each field's value under its name; nothing is sent anywhere", async ({ page }) => {
  const { log, settled } = recordRequests(page);
  await page.goto(PAGE);
  await live(page);
  await page.locator("#name").focus();
  await page.keyboard.type("Ida Jensen");
  // Tab moves from the page's own input into each element's input, in order.
  await page.keyboard.press("Tab");
  await page.keyboard.type("010190-1234");
  await page.keyboard.press("Tab");
  await page.keyboard.type("05.01.2027");
  await page.keyboard.press("Tab");
  await page.keyboard.type("12 34 56 78");
  await page.keyboard.press("Tab");
  await page.keyboard.type("ida@eksempel.dk");
  // The scale: Tab into the radio group, arrows choose.
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Tab");
  // The VAS line: arrows move the point.
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.getByRole("button", { name: "Tilmeld" }).click();
  const text = await submitted(page).textContent();
  expect(text).toContain("name = Ida Jensen");
  expect(text).toContain("cpr = 010190-1234");
  expect(text).toContain("first_day = 05.01.2027");
  expect(text).toContain("phone = 12 34 56 78");
  expect(text).toContain("email = ida@eksempel.dk");
  expect(text).toMatch(/mood = \d+/);
  expect(text).toMatch(/alone = \d+/);
  await settled();
  const elsewhere = log.filter((r) => !r.url.startsWith(BASE));
  expect(elsewhere, "no request to anywhere but the page's own origin").toEqual([]);
  const posts = log.filter((r) => r.method !== "GET");
  expect(posts, "the element itself sends nothing").toEqual([]);
});

test("a required field blocks the submit with the engine's Danish message; an invalid value too, and the message shows at the field", async ({ page }) => {
  await page.goto(PAGE);
  await live(page);
  await page.locator("#name").fill("Ida Jensen");
  const cpr = page.locator("lokal-cpr");
  expect(await cpr.evaluate((el) => el.checkValidity())).toBe(false);
  expect(await cpr.evaluate((el) => el.validationMessage)).toBe("Skriv CPR-nummeret som DDMMÅÅ-XXXX.");
  await page.getByRole("button", { name: "Tilmeld" }).click();
  await expect(submitted(page)).toHaveText("(intet endnu)");
  // The message also shows above the field once the form was tried.
  await expect(cpr.locator(".field-error")).toContainText("Skriv CPR-nummeret som DDMMÅÅ-XXXX.");
  // A typo: kept as typed, still refused, with the specific message.
  await cpr.locator('[id="lf-value"]').fill("0101901234x");
  expect(await cpr.evaluate((el) => el.validationMessage)).toBe(MESSAGES.da.cprFormat);
  await expect(cpr.locator('[id="lf-value"]')).toHaveValue("0101901234x");
  // An e-mail without @ is refused by the engine's rule.
  await cpr.locator('[id="lf-value"]').fill("010190-1234");
  await page.locator("lokal-email").locator('[id="lf-value"]').fill("ida.eksempel.dk");
  expect(await page.locator("lokal-email").evaluate((el) => el.validationMessage)).toBe(MESSAGES.da.emailFormat);
  await page.locator("lokal-email").locator('[id="lf-value"]').fill("");
  await page.getByRole("button", { name: "Tilmeld" }).click();
  await expect(submitted(page)).toContainText("cpr = 010190-1234");
});

test("reset empties every field, and the value property sets one", async ({ page }) => {
  await page.goto(PAGE);
  await live(page);
  await page.locator("lokal-phone").locator('[id="lf-value"]').fill("12345678");
  await page.locator("lokal-date").evaluate((el) => (el.value = "24.12.2026"));
  await expect(page.locator("lokal-date").locator('[id="lf-value"]')).toHaveValue("24.12.2026");
  expect(await page.locator("lokal-phone").evaluate((el) => el.value)).toBe("12345678");
  await page.getByRole("button", { name: "Ryd formularen" }).click();
  await expect(page.locator("lokal-phone").locator('[id="lf-value"]')).toHaveValue("");
  await expect(page.locator("lokal-date").locator('[id="lf-value"]')).toHaveValue("");
  const data = await page.evaluate(() => [...new FormData(document.getElementById("intake"))].map(([k]) => k));
  expect(data).not.toContain("phone");
});

test("each field is named by the page's <label for>, and axe finds nothing", async ({ page }) => {
  await page.goto(PAGE);
  await live(page);
  await expect(page.getByRole("textbox", { name: /^CPR-nummer/ })).toBeVisible();
  await expect(page.getByRole("textbox", { name: /^Telefon/ })).toBeVisible();
  await expect(page.getByRole("radiogroup", { name: /Hvordan har du det i dag/ }).or(page.getByRole("group", { name: /Hvordan har du det i dag/ }))).toBeVisible();
  // Clicking the label puts the caret in the element's input.
  await page.locator('label[for="cpr"]').click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("cpr");
  expect(await page.locator("lokal-cpr").evaluate((el) => el.shadowRoot.activeElement?.id)).toBe("lf-value");
  await expectNoAxeViolations(page, "fields page");
  await page.getByRole("button", { name: "Tilmeld" }).click();
  await expectNoAxeViolations(page, "fields page with errors");
});

test("back and forward bring the typed values back, through formStateRestoreCallback (not the back/forward cache)", async ({ page }) => {
  // Every page load notes whether it came from the back/forward cache: a
  // restored form state must come from a fresh load, where only
  // formStateRestoreCallback can bring the values back.
  await page.addInitScript(() => {
    window.addEventListener("pageshow", (e) => { window.__fromCache = e.persisted; });
  });
  await page.goto(PAGE);
  await live(page);
  await page.locator("lokal-cpr").locator('[id="lf-value"]').fill("010190-1234");
  await page.locator("lokal-email").locator('[id="lf-value"]').fill("ida@eksempel.dk");
  // Item 2 of the instrument, its third option (value 2).
  await expect(page.locator('lokal-instrument [id="lf-item_6"]')).toBeAttached();
  await page.locator("lokal-instrument").locator('[id="lf-item_2-2"]').check();
  const instrumentValue = await page.locator("lokal-instrument").evaluate((el) => el.value);
  expect(JSON.parse(instrumentValue)).toEqual({ family_talk: 2 });
  await page.goto(`${PAGE}?other`);
  await page.goBack();
  await live(page);
  await expect(page.locator('lokal-instrument [id="lf-item_6"]')).toBeAttached();
  expect(await page.evaluate(() => window.__fromCache), "the page was loaded again, not taken from the back/forward cache").toBe(false);
  await expect(page.locator("lokal-email").locator('[id="lf-value"]')).toHaveValue("ida@eksempel.dk");
  expect(await page.locator("lokal-cpr").evaluate((el) => el.value)).toBe("010190-1234");
  expect(await page.locator("lokal-instrument").evaluate((el) => el.value)).toBe(instrumentValue);
  await expect(page.locator("lokal-instrument").locator('[id="lf-item_2-2"]')).toBeChecked();
});
