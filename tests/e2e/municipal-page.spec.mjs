// 1. The municipal page, end to end: a citizen fills in and sends the
// feedback box (Danish), sees what will be sent, then the thank-you page;
// the counts reach the collector's report and its dashboard.
import { test, expect } from "@playwright/test";
import { MUNICIPAL, COLLECTOR, ADMIN_TOKEN } from "./lib/env.mjs";
import { widget, ready, fill, toReview, send, TEXT, nextOutcome } from "./lib/widget.mjs";
import { numbers, delta, basicAuth, eventually } from "./lib/collector.mjs";

test("a citizen sends feedback from the municipal page and the counts reach the report and the dashboard", async ({ page, browser }) => {
  const before = await numbers();
  await page.goto(MUNICIPAL);
  const w = widget(page);
  await ready(w);
  await expect(w.getByRole("heading", { name: TEXT.da.title })).toBeVisible();

  await fill(w, { overall: "5", heard: "yes", information: "partly", next: "no", meeting: "follow-up" }, "Sagsbehandleren lyttede godt.");
  await toReview(w);
  // The review page lists each answer in words and the comment as it will be sent.
  const review = w.locator(".review");
  await expect(review).toContainText("Hvordan var mødet alt i alt?");
  await expect(review).toContainText("Meget godt");
  await expect(review).toContainText("Opfølgende møde");
  await expect(review.locator("blockquote")).toHaveText("Sagsbehandleren lyttede godt.");

  const outcome = await nextOutcome(w);
  await send(w);
  expect(await outcome()).toBe("sent");
  await expect(w).toContainText("Tak for din feedback. Den hjælper os med at blive bedre.");

  // The report: exactly this one response, counted per question.
  const after = await eventually(async () => {
    const n = await numbers();
    return n.responses > before.responses ? n : null;
  }, { message: "the response in the report" });
  expect(delta(before, after)).toEqual({
    responses: 1,
    counts: {
      overall: { 5: 1 },
      heard: { yes: 1 },
      information: { partly: 1 },
      next: { no: 1 },
      meeting: { "follow-up": 1 },
    },
  });

  // The dashboard (HTTP Basic, any user, the token as password) shows the same numbers.
  const admin = await browser.newContext({ httpCredentials: { username: "redaktør", password: ADMIN_TOKEN } });
  try {
    const dash = await admin.newPage();
    const response = await dash.goto(`${COLLECTOR}/admin`);
    expect(response.status()).toBe(200);
    await expect(dash.getByRole("heading", { level: 1 })).toBeVisible();
    const html = await dash.content();
    expect(html).toContain(String(after.responses));
    expect(html).toContain("Sagsbehandleren lyttede godt.");
    // Each question's table shows the new count of the chosen option.
    const overallTable = dash.locator("table").filter({ hasText: "Meget godt" }).first();
    await expect(overallTable.locator("tr").filter({ hasText: "Meget godt" })).toContainText(String(after.counts.overall["5"]));
  } finally {
    await admin.close();
  }

  // Without the token the dashboard is closed.
  const anonymous = await fetch(`${COLLECTOR}/admin`);
  expect(anonymous.status).toBe(401);
  const withToken = await fetch(`${COLLECTOR}/admin`, { headers: { authorization: basicAuth(ADMIN_TOKEN) } });
  expect(withToken.status).toBe(200);
});
