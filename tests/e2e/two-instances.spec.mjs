// 9. Two instances on one page (the gallery has a Danish and an English
// one) work independently: answers, errors, stages, submissions, drafts.
import { test, expect } from "@playwright/test";
import { GALLERY, COLLECTOR } from "./lib/env.mjs";
import { widget, ready, fill, toReview, send, TEXT, radio, commentBox } from "./lib/widget.mjs";
import { numbers, delta, eventually, expectedDelta } from "./lib/collector.mjs";
import { decryptStore } from "./lib/idb.mjs";

test("the Danish and the English instance are filled in and sent independently", async ({ page }) => {
  const before = await numbers();
  const posts = [];
  page.on("request", (r) => r.method() === "POST" && r.url().startsWith(COLLECTOR) && posts.push(JSON.parse(r.postData())));
  await page.goto(GALLERY);
  const da = widget(page, 0);
  const en = widget(page, 1);
  await ready(da);
  await ready(en);
  await expect(da.getByRole("heading", { name: TEXT.da.title })).toBeVisible();
  await expect(en.getByRole("heading", { name: TEXT.en.title })).toBeVisible();

  // Same radio names in both shadow roots, yet each keeps its own choice.
  await fill(da, { overall: "4", heard: "yes" }, "Dansk kommentar");
  await fill(en, { overall: "2", heard: "no", meeting: "phone" }, "English comment");
  await expect(radio(da, "overall", "4")).toBeChecked();
  await expect(radio(en, "overall", "2")).toBeChecked();
  await expect(radio(da, "overall", "2")).not.toBeChecked();
  await expect(radio(en, "overall", "4")).not.toBeChecked();
  await expect(commentBox(da)).toHaveValue("Dansk kommentar");
  await expect(commentBox(en)).toHaveValue("English comment");

  // One goes to its review page; the other stays where it was.
  await toReview(da);
  await expect(en.getByRole("button", { name: TEXT.en.next, exact: true })).toBeVisible();
  await expect(en.getByRole("heading", { name: TEXT.en.review })).toHaveCount(0);
  await toReview(en, "en");
  await expect(da.locator(".review blockquote")).toHaveText("Dansk kommentar");
  await expect(en.locator(".review blockquote")).toHaveText("English comment");

  await send(da);
  await expect(en.getByRole("heading", { name: TEXT.en.review })).toBeVisible();
  await expect(en.getByRole("heading", { name: TEXT.en.thanks })).toHaveCount(0);
  await send(en, "en");
  await expect(da.getByRole("heading", { name: TEXT.da.thanks })).toBeVisible();

  await eventually(() => posts.length === 2, { message: "two submissions" });
  const [first, second] = posts;
  expect(first.counts).toEqual({ overall: { 4: 1 }, heard: { yes: 1 } });
  expect(first.comments).toEqual(["Dansk kommentar"]);
  expect(second.counts).toEqual({ overall: { 2: 1 }, heard: { no: 1 }, meeting: { phone: 1 } });
  expect(second.comments).toEqual(["English comment"]);
  expect(first.key).not.toBe(second.key);
  await eventually(async () => (await numbers()).responses === before.responses + 2, { message: "both in the report" });
  expect(delta(before, await numbers())).toEqual(
    expectedDelta([{ overall: "4", heard: "yes" }, { overall: "2", heard: "no", meeting: "phone" }]),
  );
});

test("an error in one instance shows only there", async ({ page }) => {
  await page.goto(GALLERY);
  const da = widget(page, 0);
  const en = widget(page, 1);
  await ready(da);
  await ready(en);
  await en.getByRole("button", { name: TEXT.en.next, exact: true }).click();
  await expect(en.getByRole("heading", { name: TEXT.en.errorSummary })).toBeVisible();
  await expect(da.locator(".error-summary")).toBeHidden();
  await expect(da.locator("#q-overall-error")).toHaveCount(0);
  await expect(radio(da, "overall", "1")).not.toHaveAttribute("aria-invalid", /.*/);
  // The English summary link focuses the English widget's first face.
  await en.getByRole("link", { name: TEXT.en.overallMissing, exact: true }).click();
  expect(await en.evaluate((h) => h.shadowRoot.activeElement?.id)).toBe("q-overall-0");
  expect(await da.evaluate((h) => h.shadowRoot.activeElement?.id ?? null)).toBe(null);
});

test("each instance gets its own draft back after a reload", async ({ page }) => {
  await page.goto(GALLERY);
  const da = widget(page, 0);
  const en = widget(page, 1);
  await ready(da);
  await ready(en);
  await fill(da, { overall: "1", next: "no" }, "Dansk kladde");
  await fill(en, { overall: "5", information: "yes" }, "English draft");
  // Wait until the English instance's last change was saved.
  await eventually(async () => (await decryptStore(page, "drafts")).some((d) => d.comment === "English draft"), { message: "the English draft saved" });

  await page.reload();
  await ready(da);
  await ready(en);
  await page.waitForLoadState("networkidle");
  await expect(commentBox(en)).toHaveValue("English draft");
  await expect(radio(en, "overall", "5")).toBeChecked();
  await expect(commentBox(da), "the Danish instance's own draft, not the English one").toHaveValue("Dansk kladde");
  await expect(radio(da, "overall", "1")).toBeChecked();
  await expect(radio(da, "next", "no")).toBeChecked();
  await expect(radio(da, "overall", "5")).not.toBeChecked();
});
