// The Leptos example app (examples/leptos-app): a partner's own Leptos app
// that uses lokalform-components as a crate. The feedback box sends to the
// collector, single fields take part in the app's own <form> (its
// validation and FormData) and write the app's signals, the form engine
// hands its answers to the app, lokalform's stylesheets apply in the app's
// own DOM, and axe finds nothing.
import { test, expect } from "@playwright/test";
import { BASE } from "./lib/env.mjs";
import { ready, fill, toReview, send, TEXT } from "./lib/widget.mjs";
import { numbers, delta, eventually } from "./lib/collector.mjs";
import { WORDS, MESSAGES } from "./lib/form.mjs";
import { expectNoAxeViolations } from "./lib/axe.mjs";
import { recordRequests } from "./lib/network.mjs";

const APP = `${BASE}/examples/leptos-app/`;

test("the Leptos app's feedback box sends to the collector, styled, with no console errors", async ({ page }) => {
  const problems = [];
  // Console errors, except the browser's note on the favicon the example
  // page does not have (a 404 is checked by its URL below).
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && problems.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && problems.push(`${r.status()} ${r.url()}`));
  page.on("pageerror", (e) => problems.push(String(e)));
  const before = await numbers();
  await page.goto(APP);
  const box = page.locator("section", { has: page.getByRole("heading", { name: "Giv os din mening" }) });
  await ready(box);
  await expect(box.getByRole("heading", { name: TEXT.da.title })).toBeVisible();
  // lokalform's stylesheet reaches the component in the app's DOM: the
  // container takes the base rules (`:host` became `.lokal-app`).
  const container = box.locator(".lokal-app");
  expect(await container.evaluate((e) => getComputedStyle(e).containerType)).toBe("inline-size");
  expect(await container.evaluate((e) => getComputedStyle(e).getPropertyValue("--_accent").trim())).toBe("#004d99");

  await fill(box, { overall: "4", heard: "yes", information: "partly", next: "no", meeting: "phone" });
  await toReview(box);
  await send(box);
  await expect(page.locator("#feedback-outcome")).toHaveText("sent");
  const after = await eventually(async () => {
    const n = await numbers();
    return n.responses > before.responses ? n : null;
  }, { message: "the app's response in the report" });
  expect(delta(before, after).responses).toBe(1);
  expect(problems).toEqual([]);
});

test("the Leptos app's form engine hands the finished answers to the app", async ({ page }) => {
  await page.goto(APP);
  const form = page.locator("section", { has: page.getByRole("heading", { name: "Tjek ind" }) });
  const mood = form.getByRole("group", { name: /Hvordan har du det i dag/ });
  await mood.getByRole("radio", { name: "7", exact: true }).check();
  await form.getByRole("radio", { name: "Nej", exact: true }).check();
  await form.getByRole("button", { name: WORDS.da.next }).click();
  await form.getByRole("button", { name: WORDS.da.save }).click();
  await expect(page.locator("#check-in-answers")).not.toBeEmpty();
  const answers = JSON.parse(await page.locator("#check-in-answers").textContent());
  expect(answers).toMatchObject({ mood: "7", first_time: "no" });
});

test("the Leptos app's single fields in its own form: keyboard, the Danish message, FormData and the app's signals; nothing sent", async ({ page }) => {
  const { log, settled } = recordRequests(page);
  // The browser's own report is cancelled: no "invalid form control is
  // not focusable" for the hidden input (the favicon's 404 aside).
  const problems = [];
  page.on("console", (m) => ["error", "warning"].includes(m.type()) && !m.text().startsWith("Failed to load resource") && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(APP);
  const section = page.locator("section", { has: page.getByRole("heading", { name: "Ring mig op" }) });
  const phone = section.getByRole("textbox", { name: /^Dit telefonnummer/ });
  const day = section.getByRole("textbox", { name: /^Hvilken dag må vi ringe/ });
  await expect(phone).toBeVisible();
  // By keyboard: a phone number that is too short, a date that does not exist.
  await phone.focus();
  await page.keyboard.type("12 34");
  await page.keyboard.press("Tab");
  await expect(day).toBeFocused();
  await page.keyboard.type("31.02.2027");
  // The app's own form is held back: no submit, the engine's Danish
  // messages at the fields, focus on the first one, the text as typed.
  await section.getByRole("button", { name: "Ring mig op" }).click();
  await expect(section.locator('[id="lf-phone-error"]')).toHaveText(`Fejl: ${MESSAGES.da.phoneFormat}`);
  await expect(section.locator('[id="lf-day-error"]')).toHaveText(`Fejl: ${MESSAGES.da.noSuchDate}`);
  await expect(phone).toBeFocused();
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  await expect(phone).toHaveValue("12 34");
  await expect(day).toHaveValue("31.02.2027");
  await expect(page.locator("#call-back-submitted")).toBeEmpty();
  expect(await section.locator("form").evaluate((f) => f.checkValidity())).toBe(false);
  await expectNoAxeViolations(page, "the Leptos app's own form with its fields' messages", "section:has(#call-back-heading)");
  // Fixed by keyboard, the form submits: FormData has each value under
  // its name, and the app's signals hold the same.
  await page.keyboard.type(" 56 78");
  await day.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("05.01.2027");
  await page.keyboard.press("Enter");
  await expect(page.locator("#call-back-submitted")).toHaveText("phone = 12 34 56 78\nday = 05.01.2027");
  await expect(page.locator("#call-back-status")).toHaveText("Tak. Vi ringer til 12 34 56 78 den 05.01.2027.");
  await expect(section.locator(".field-error")).toHaveCount(0);
  await expectNoAxeViolations(page, "the Leptos app's own form, submitted", "section:has(#call-back-heading)");
  // Nothing carries the values anywhere: no request holds them.
  await settled();
  const carrying = log.filter((r) => [r.url, r.postData ?? ""].some((s) => /12 ?34 ?56 ?78|12%2034|05\.01\.2027/.test(s)));
  expect(carrying, "no request carries a value of the fields").toEqual([]);
  expect(problems).toEqual([]);
});

test("the Leptos app passes axe", async ({ page }) => {
  await page.goto(APP);
  await ready(page.locator("section").first());
  await expectNoAxeViolations(page, "the Leptos example app");
});
