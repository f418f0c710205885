// The feedback form as a definition on the engine: `<lokal-form
// collector=…>` sends the counts of the aggregatable questions, after a
// receipt of exactly what goes — the same data rule as `<lokal-feedback>`,
// checked on the wire and in the collector's report.
import { test, expect } from "@playwright/test";
import { GALLERY, COLLECTOR } from "./lib/env.mjs";
import { recordRequests, postsTo } from "./lib/network.mjs";
import { numbers, delta, allExact, seed } from "./lib/collector.mjs";
import { tabToId, tabToButton } from "./lib/form.mjs";

const HOST = "#gallery-feedback";
const COMMENT = "Ring til mig på 12 34 56 78. Mødet var godt.";

test("the feedback definition on <lokal-form> sends only the counts and the redacted comment, after the receipt", async ({ page }) => {
  if (!allExact(await numbers())) await seed();
  const before = await numbers();
  const rec = recordRequests(page);
  await page.goto(GALLERY);
  const host = page.locator(HOST);
  await expect(host.locator("#lf-step-heading")).toBeVisible({ timeout: 30_000 });

  await host.locator('input[name="lf-overall"][value="4"]').check();
  await host.locator('input[name="lf-heard"][value="yes"]').check();
  await host.locator('input[name="lf-meeting"][value="phone"]').check();
  await host.locator('textarea[id="lf-comment"]').fill(COMMENT);
  await host.getByRole("button", { name: "Næste" }).click();

  // The review shows the answers and, separately, exactly what is sent.
  await expect(host.locator("#lf-step-heading")).toHaveText("Tjek dine svar");
  const receipt = host.locator(".receipt");
  await expect(receipt).toContainText("Godt");
  await expect(receipt.locator("blockquote")).toContainText("[telefonnummer fjernet]");
  await expect(receipt.locator("blockquote")).not.toContainText("12 34 56 78");
  expect(postsTo(rec.log, "/api/v1/increments"), "nothing is sent before the person says so").toEqual([]);

  await host.getByRole("button", { name: "Send" }).click();
  await expect(host.locator("#lf-step-heading")).toHaveText("Tak for din feedback");
  await rec.settled();

  const posts = postsTo(rec.log, "/api/v1/increments");
  expect(posts).toHaveLength(1);
  expect(posts[0].url.startsWith(COLLECTOR)).toBe(true);
  expect(posts[0].status).toBe(200);
  const body = JSON.parse(posts[0].postData);
  expect(Object.keys(body).sort()).toEqual(["comments", "counts", "form", "key", "responses", "version", "week"]);
  // The ISO week it was made (UTC), checked by the collector against its receipt window, never stored.
  expect(body.week).toMatch(/^\d{4}-W\d{2}$/);
  expect(body).toMatchObject({ form: "feedback", version: 2, responses: 1 });
  expect(body.counts).toEqual({ overall: { 4: 1 }, heard: { yes: 1 }, meeting: { phone: 1 } });
  expect(body.comments).toEqual(["Ring til mig på [telefonnummer fjernet]. Mødet var godt."]);
  for (const e of rec.log) {
    expect(e.postData ?? "", `${e.method} ${e.url}`).not.toContain("12 34 56 78");
  }

  const changed = delta(before, await numbers());
  expect(changed.responses).toBe(1);
  expect(changed.counts.overall).toEqual({ 4: 1 });
  expect(changed.counts.heard).toEqual({ yes: 1 });
  expect(changed.counts.meeting).toEqual({ phone: 1 });
});

test("the feedback definition on <lokal-form> can be answered and sent by keyboard alone", async ({ page }) => {
  const rec = recordRequests(page);
  await page.goto(GALLERY);
  const host = page.locator(HOST);
  await expect(host.locator("#lf-step-heading")).toBeVisible({ timeout: 30_000 });
  // Start where a keyboard user would: focus on the element's heading.
  await host.locator("#lf-step-heading").focus();

  // A radio group takes one Tab; Space picks the focused option, arrows move the pick.
  await tabToId(page, host, "lf-overall");
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight"); // "Godt" (4)
  await expect(host.locator('input[name="lf-overall"][value="4"]')).toBeChecked();
  await tabToId(page, host, "lf-heard");
  await page.keyboard.press("Space"); // "Ja"
  await expect(host.locator('input[name="lf-heard"][value="yes"]')).toBeChecked();
  await tabToId(page, host, "lf-comment");
  await page.keyboard.type("Tak for en god samtale.");
  await tabToButton(page, host, "Næste");
  await page.keyboard.press("Enter");

  await expect(host.locator("#lf-step-heading")).toHaveText("Tjek dine svar");
  await expect(host.locator(".receipt")).toContainText("Tak for en god samtale.");
  await tabToButton(page, host, "Send");
  await page.keyboard.press("Enter");
  await expect(host.locator("#lf-step-heading")).toHaveText("Tak for din feedback");
  await rec.settled();
  const [post] = postsTo(rec.log, "/api/v1/increments");
  expect(JSON.parse(post.postData).counts).toEqual({ overall: { 4: 1 }, heard: { yes: 1 } });
});
