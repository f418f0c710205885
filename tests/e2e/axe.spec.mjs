// 7. axe-core finds no WCAG 2.1 A/AA violation on the pages a citizen, a
// web editor or an administrator sees, nor in any state of the widget.
import { test, expect } from "@playwright/test";
import { GALLERY, MUNICIPAL, KIOSK, COLLECTOR, ADMIN_TOKEN } from "./lib/env.mjs";
import { widget, ready, fill, toReview, send, TEXT } from "./lib/widget.mjs";
import { expectNoAxeViolations, axeViolations } from "./lib/axe.mjs";
import { decryptStore } from "./lib/idb.mjs";
import { eventually } from "./lib/collector.mjs";

test("the gallery has no axe violations", async ({ page }) => {
  await page.goto(GALLERY);
  await ready(widget(page, 0));
  await ready(widget(page, 1));
  await expectNoAxeViolations(page, "the gallery");
});

test("the municipal page has no axe violations", async ({ page }) => {
  await page.goto(MUNICIPAL);
  await ready(widget(page));
  await expectNoAxeViolations(page, "the municipal page (widget initial)");
});

test("the kiosk page has no axe violations", async ({ page }) => {
  await page.goto(KIOSK);
  await ready(widget(page));
  await expectNoAxeViolations(page, "the kiosk page (widget initial)");
});

test.describe("the widget in each state has no axe violations", () => {
  // Each state is checked within the widget (host element and shadow
  // root), so a problem of the host page does not hide one of the widget;
  // the pages as a whole are checked above.
  test("initial", async ({ page }) => {
    await page.goto(MUNICIPAL);
    const w = widget(page);
    await ready(w);
    await expectNoAxeViolations(page, "the widget, initial", "lokal-feedback");
  });

  test("initial, English", async ({ page }) => {
    await page.goto(GALLERY);
    const w = widget(page, 1);
    await ready(w);
    await expectNoAxeViolations(page, 'the widget with lang="en", initial', 'lokal-feedback[lang="en"]');
  });

  test("error summary shown", async ({ page }) => {
    await page.goto(MUNICIPAL);
    const w = widget(page);
    await ready(w);
    await w.getByRole("button", { name: TEXT.da.next, exact: true }).click();
    await expect(w.getByRole("heading", { name: TEXT.da.errorSummary })).toBeVisible();
    await expect(w.locator("#q-overall-error")).toBeVisible();
    await expectNoAxeViolations(page, "the widget with the error summary", "lokal-feedback");
  });

  test("review page, with the exact data open", async ({ page }) => {
    await page.goto(MUNICIPAL);
    const w = widget(page);
    await ready(w);
    await fill(w, { overall: "2", heard: "no" }, "Ring til mig på 12 34 56 78");
    await toReview(w);
    await w.getByText("Se de præcise data").click();
    await expect(w.locator("pre.payload")).toBeVisible();
    await expectNoAxeViolations(page, "the review page", "lokal-feedback");
  });

  test("thank-you page", async ({ page }) => {
    await page.goto(MUNICIPAL);
    const w = widget(page);
    await ready(w);
    await fill(w, { overall: "5" });
    await toReview(w);
    await send(w);
    await expectNoAxeViolations(page, "the thank-you page", "lokal-feedback");
  });

  test("draft offered back", async ({ page }) => {
    await page.goto(MUNICIPAL);
    const w = widget(page);
    await ready(w);
    await fill(w, { overall: "3" });
    await eventually(async () => (await decryptStore(page, "drafts"))[0]?.answers?.overall === "3", { message: "the saved draft" });
    await page.reload();
    await ready(w);
    await expect(w.getByText(TEXT.da.draftRestored)).toBeVisible();
    await expectNoAxeViolations(page, "the widget offering a draft back", "lokal-feedback");
  });
});

test("the collector's dashboard has no axe violations", async ({ browser, request }) => {
  // Make sure the comment inbox has an entry, so its markup is checked too.
  const posted = await request.post(`${COLLECTOR}/api/v1/increments`, {
    headers: { "content-type": "application/json" },
    data: JSON.stringify({ form: "feedback", version: 2, key: `e2e-axe-${Date.now()}-dashboard`, responses: 1, counts: { overall: { 4: 1 } }, comments: ["Venlig modtagelse."] }),
  });
  expect(posted.status()).toBe(200);
  // The dashboard runs no scripts under a strict CSP; let axe in anyway.
  const context = await browser.newContext({ httpCredentials: { username: "admin", password: ADMIN_TOKEN }, bypassCSP: true });
  try {
    const page = await context.newPage();
    const response = await page.goto(`${COLLECTOR}/admin`);
    expect(response.status()).toBe(200);
    await expect(page.getByText("Venlig modtagelse.")).toBeVisible();
    await expect(page.locator("svg").first()).toBeVisible();
    await expectNoAxeViolations(page, "the collector dashboard");
  } finally {
    await context.close();
  }
});

test("axe sees inside the widget's shadow root (a check of this test's own set-up)", async ({ page }) => {
  await page.goto(MUNICIPAL);
  const w = widget(page);
  await ready(w);
  // A nameless button planted inside the shadow root must be reported.
  await w.evaluate((host) => {
    const b = document.createElement("button");
    b.id = "e2e-planted";
    host.shadowRoot.querySelector(".box").append(b);
  });
  const violations = await axeViolations(page, "lokal-feedback");
  expect(violations.map((v) => v.id)).toContain("button-name");
});
