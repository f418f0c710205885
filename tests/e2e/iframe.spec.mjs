// The iframe embed (`dist/lokalform/embed/feedback.html`) on a host page of
// another origin, for CMSs that allow no script tags: the iframe follows the
// widget's height through the documented message, keyboard focus moves from
// the host page into the form and on out of it, the screen reader names hold
// inside the frame, axe finds nothing, and the form sends (the collector
// allows the widget's origin).
import { test, expect } from "@playwright/test";
import { WIDGET_ORIGIN } from "./lib/env.mjs";
import { recordRequests, postsTo } from "./lib/network.mjs";
import { axeViolations } from "./lib/axe.mjs";
import { TEXT, ready } from "./lib/widget.mjs";

const PAGE = "/examples/iframe/";

async function frameHeight(page) {
  return page.locator("#feedback-frame").evaluate((f) => f.getBoundingClientRect().height);
}

test("the iframe follows the widget's height and the form works by keyboard alone", async ({ page }) => {
  const rec = recordRequests(page);
  const heights = [];
  await page.exposeFunction("__height", (h) => heights.push(h));
  await page.addInitScript(() => {
    window.addEventListener("message", (e) => {
      if (e.data && e.data.type === "lokalform:height") window.__height(e.data.height);
    });
  });
  await page.goto(PAGE);
  const frame = page.frameLocator("#feedback-frame");
  const w = frame.locator("lokal-feedback");
  await ready(w);
  expect(new URL(page.frames()[1].url()).origin).toBe(WIDGET_ORIGIN);

  // The fixed 900 px gave way to the form's own height, reported by message.
  await expect.poll(() => heights.length).toBeGreaterThan(0);
  const first = await frameHeight(page);
  expect(first).not.toBe(900);
  expect(Math.abs(first - heights.at(-1))).toBeLessThanOrEqual(1);
  const inner = await frame.locator("html").evaluate((h) => h.scrollHeight);
  expect(Math.abs(first - inner), "no scrolling inside the frame").toBeLessThanOrEqual(2);

  // Keyboard: from the page into the frame, to the first face.
  await page.locator("h1").click();
  let reached = false;
  for (let i = 0; i < 4 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await w.evaluate((host) => host.shadowRoot.activeElement?.id === "q-overall-0").catch(() => false);
  }
  expect(reached, "Tab from the host page reaches the first answer inside the iframe").toBe(true);

  // "Continue" with nothing chosen: the error summary makes the frame taller.
  const before = await frameHeight(page);
  await w.getByRole("button", { name: TEXT.da.next, exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(w.locator(".error-summary")).toBeVisible();
  await expect.poll(() => frameHeight(page), { message: "the frame grows with the error summary" }).toBeGreaterThan(before);
  await expect(w.getByRole("alert").first()).toBeVisible();

  // Answer by keyboard: focus the first face, pick "Godt" with the arrow keys.
  await w.locator("#q-overall-0").focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect(w.locator('input[name="q-overall"][value="4"]')).toBeChecked();
  await w.getByRole("button", { name: TEXT.da.next, exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(w.getByRole("heading", { name: TEXT.da.review })).toBeVisible();
  await w.getByRole("button", { name: TEXT.da.send, exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(w.getByRole("heading", { name: TEXT.da.thanks })).toBeVisible();
  await rec.settled();
  const posts = postsTo(rec.log, "/api/v1/increments");
  expect(posts.map((r) => r.status)).toEqual([200]);
  expect(posts[0].headers.origin).toBe(WIDGET_ORIGIN);
});

test("the iframe embed has no axe violations, in the frame and on the host page", async ({ page }) => {
  await page.goto(PAGE);
  const frame = page.frameLocator("#feedback-frame");
  await ready(frame.locator("lokal-feedback"));
  expect(await axeViolations(page), "host page with the iframe").toEqual([]);
  const inner = page.frames().find((f) => f.url().startsWith(WIDGET_ORIGIN));
  expect(await axeViolations(inner), "the embed page").toEqual([]);
});

test("the embed pages of <lokal-form> and <lokal-programme> take their attributes from the query string", async ({ page }) => {
  await page.goto(`${WIDGET_ORIGIN}/dist/lokalform/embed/form.html?form=/forms/feedback.json&lang=en&unknown=x`);
  const form = page.locator("lokal-form");
  await expect(form.locator("#lf-step-heading")).toBeVisible({ timeout: 30_000 });
  await expect(form).toHaveAttribute("lang", "en");
  await expect(form).not.toHaveAttribute("unknown", /.*/);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
  await expect(form.getByRole("button", { name: "Next" })).toBeVisible();

  await page.goto(`${WIDGET_ORIGIN}/dist/lokalform/embed/programme.html?programme=embed-test&forms=/forms`);
  await expect(page.locator("lokal-programme").getByRole("heading", { name: "Opret et register for programmet" })).toBeVisible({ timeout: 30_000 });
});
