// The feedback box is usable before the wasm arrives (issue 14 §3): the
// entry module shows the first screen as plain HTML made at build time by
// the same Rust code; when the wasm has started it takes over without
// losing what the citizen chose or typed, without moving focus, and
// without moving anything on the page. The wasm response is held back by
// the test, so "before" is certain, not a race.
import { test, expect } from "@playwright/test";
import { MUNICIPAL } from "./lib/env.mjs";
import { widget, ready, radio, commentBox, TEXT } from "./lib/widget.mjs";

/** Holds every .wasm response until the returned function is called. */
async function holdWasm(page) {
  let release;
  const released = new Promise((r) => (release = r));
  await page.route("**/*.wasm", async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Records every layout shift on the page (also those after input). */
async function recordShifts(page) {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__shifts.push({
          value: e.value,
          at: e.startTime,
          hadRecentInput: e.hadRecentInput,
          sources: (e.sources ?? []).map((s) => s.node?.nodeName ?? "?"),
        });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

const preRendered = (w) => w.locator(".lokal-first");
const live = (w) => w.locator(".lokal-root:not(.lokal-first)");

test("the first screen is usable before the wasm, and the take-over keeps the choices, the text, the focus and the layout", async ({ page }) => {
  await recordShifts(page);
  const release = await holdWasm(page);
  await page.goto(MUNICIPAL);
  const w = widget(page);

  // The pre-rendered form: real radio buttons and the comment box, styled.
  await expect(preRendered(w)).toHaveCount(1);
  await expect(live(w)).toHaveCount(0);
  await expect(w.getByRole("heading", { name: TEXT.da.title })).toBeVisible();
  await expect(w.getByRole("radio", { name: "Meget godt" })).toBeEnabled();
  await expect(w.getByRole("button", { name: TEXT.da.next, exact: true })).toBeVisible();
  expect(await w.locator("button[type=submit]").evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
  // What only the live box shows is hidden, not merely unstyled.
  await expect(w.getByText(TEXT.da.draftRestored)).toBeHidden();
  await expect(w.getByText(TEXT.da.errorSummary)).toBeHidden();

  // The citizen answers before the wasm has come.
  await w.getByText("Godt", { exact: true }).click();
  await radio(w, "heard", "partly").check();
  await commentBox(w).click();
  await page.keyboard.type("Rart møde");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  const boxes = await w.locator(".field").evaluateAll((fields) => fields.map((f) => JSON.stringify(f.getBoundingClientRect())));
  const shiftsBefore = await page.evaluate(() => window.__shifts.length);

  release();
  await expect(preRendered(w)).toHaveCount(0, { timeout: 30_000 });
  await expect(live(w)).toHaveCount(1);

  // Nothing lost, focus and caret where they were.
  await expect(radio(w, "overall", "4")).toBeChecked();
  await expect(radio(w, "heard", "partly")).toBeChecked();
  await expect(commentBox(w)).toHaveValue("Rart møde");
  expect(await w.evaluate((host) => host.shadowRoot.activeElement?.id)).toBe("q-comment");
  expect(await commentBox(w).evaluate((t) => [t.selectionStart, t.selectionEnd])).toEqual([7, 7]);
  await page.keyboard.type("t");
  await expect(commentBox(w)).toHaveValue("Rart møtde");
  // The live box has it: its counter and its review.
  await expect(w.locator(".counter")).toHaveText("Du har 490 tegn tilbage");

  // Nothing moved: the same boxes, and no layout shift at the take-over.
  const after = await w.locator(".field").evaluateAll((fields) => fields.map((f) => JSON.stringify(f.getBoundingClientRect())));
  expect(after).toEqual(boxes);
  const shifts = await page.evaluate((n) => window.__shifts.slice(n), shiftsBefore);
  expect(shifts, "layout shifts at the take-over").toEqual([]);

  await w.getByRole("button", { name: TEXT.da.next, exact: true }).click();
  const review = w.locator(".review");
  await expect(review).toContainText("Godt");
  await expect(review).toContainText("Delvist");
  await expect(review.locator("blockquote")).toHaveText("Rart møtde");
});

test("'Fortsæt' pressed before the wasm goes on after the take-over, with the errors or to the review", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto(MUNICIPAL);
  const w = widget(page);
  await expect(preRendered(w)).toHaveCount(1);
  // Nothing chosen: the native form must not submit (the page stays).
  const url = page.url();
  await w.getByRole("button", { name: TEXT.da.next, exact: true }).click();
  expect(page.url()).toBe(url);
  release();
  await expect(preRendered(w)).toHaveCount(0, { timeout: 30_000 });
  // The live box answers the press: the required question is missing.
  await expect(w.getByText(TEXT.da.errorSummary)).toBeVisible();
  await expect(w.getByText(TEXT.da.overallMissing).first()).toBeVisible();
});

test("the page does not shift from its first paint to the live box (CLS 0), on a slow line too", async ({ page }) => {
  await recordShifts(page);
  // A slow line: the module comes 400 ms after the page, the wasm later
  // still. The page is not shown before the module has drawn the first
  // screen (blocking="render" on its script line), so nothing below the
  // box moves when it appears.
  const slow = (ms) => async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  };
  await page.route("**/lokalform-feedback.js", slow(400));
  await page.route("**/*.wasm", slow(800));
  await page.goto(MUNICIPAL);
  await ready(widget(page));
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.__shifts)).toEqual([]);
});

test("English first screen on an English page; no first screen for another definition or a kiosk", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto(MUNICIPAL);
  await page.evaluate(() => {
    const panel = document.querySelector(".feedback-panel");
    for (const [id, attrs] of [
      ["en", { lang: "en" }],
      ["other", { form: "/forms/feedback-respekt.json" }],
      ["kiosk", { mode: "kiosk" }],
    ]) {
      const el = document.createElement("lokal-feedback");
      el.id = id;
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      panel.append(el);
    }
  });
  await expect(page.locator("#en").getByRole("heading", { name: TEXT.en.title })).toBeVisible();
  await expect(page.locator("#en").getByRole("radio", { name: "Very good" })).toBeEnabled();
  await expect(page.locator("#other .lokal-first")).toHaveCount(0);
  await expect(page.locator("#kiosk .lokal-first")).toHaveCount(0);
  release();
  await ready(page.locator("#en"));
  // The feedback bundle has no kiosk: it says which bundle to use.
  await expect(page.locator("#kiosk")).toContainText("Til en tablet skal siden bruge filen lokalform-kiosk.js.");
  await expect(page.locator("#kiosk input")).toHaveCount(0);
  await expect(page.locator("#en").getByRole("heading", { name: TEXT.en.title })).toBeVisible();
});

test("when the wasm cannot be fetched, the first screen gives way to the page's own fallback text", async ({ page }) => {
  // A first screen whose answers could never be sent must not stay.
  await page.route("**/*.wasm", (route) => route.abort("internetdisconnected"));
  await page.goto("/examples/pinned/");
  const w = widget(page);
  await expect(page.getByText("Feedbackboksen kan ikke vises lige nu.")).toBeVisible({ timeout: 30_000 });
  await expect(preRendered(w)).toHaveCount(0);
  await expect(w.getByRole("radio")).toHaveCount(0);
});
