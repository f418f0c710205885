// The Leptos example app (examples/leptos-app): a partner's own Leptos app
// that uses lokalform-components as a crate. The feedback box sends to the
// collector, the form engine hands its answers to the app, lokalform's
// stylesheets apply in the app's own DOM, and axe finds nothing.
import { test, expect } from "@playwright/test";
import { BASE } from "./lib/env.mjs";
import { ready, fill, toReview, send, TEXT } from "./lib/widget.mjs";
import { numbers, delta, eventually } from "./lib/collector.mjs";
import { WORDS } from "./lib/form.mjs";
import { expectNoAxeViolations } from "./lib/axe.mjs";

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

test("the Leptos app passes axe", async ({ page }) => {
  await page.goto(APP);
  await ready(page.locator("section").first());
  await expectNoAxeViolations(page, "the Leptos example app");
});
