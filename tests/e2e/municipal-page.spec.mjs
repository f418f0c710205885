// 1. The municipal page, end to end: a citizen fills in and sends the
// feedback box (Danish), sees what will be sent, then the thank-you page;
// the counts reach the collector's report and its dashboard.
import { test, expect } from "@playwright/test";
import { MUNICIPAL, GALLERY, COLLECTOR, ADMIN_TOKEN } from "./lib/env.mjs";
import { widget, ready, fill, toReview, send, TEXT, nextOutcome } from "./lib/widget.mjs";
import { recordRequests, postsTo } from "./lib/network.mjs";
import { numbers, delta, basicAuth, eventually } from "./lib/collector.mjs";

test("a citizen sends feedback from the municipal page and the counts reach the report and the dashboard", async ({ page, browser }) => {
  const before = await numbers();
  await page.goto(MUNICIPAL);
  const w = widget(page);
  await ready(w);
  await expect(w.getByRole("heading", { name: TEXT.da.title })).toBeVisible();

  await fill(w, { overall: "5", heard: "yes", information: "partly", next: "no", meeting: "network" }, "Sagsbehandleren lyttede godt.");
  await toReview(w);
  // The review page lists each answer in words and the comment as it will be sent.
  const review = w.locator(".review");
  await expect(review).toContainText("Hvordan var mødet alt i alt?");
  await expect(review).toContainText("Meget godt");
  await expect(review).toContainText("Netværksmøde (fx Åben Dialog)");
  await expect(review.locator("blockquote")).toHaveText("Sagsbehandleren lyttede godt.");
  // Nothing was removed, so the receipt does not say so.
  await expect(review).not.toContainText("Vi har fjernet");

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
      meeting: { network: 1 },
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
    // The page says the municipality sees the totals and the comments as
    // written: the dashboard shows exactly that, and nothing of who answered.
    expect(html).toContain("Sagsbehandleren lyttede godt.");
    await expect(page.locator("main")).toContainText("Vi ser kun samlede tal og de kommentarer, der er skrevet – aldrig hvem der har svaret.");
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

test("a municipality may choose the respect definition with the form attribute: its title, questions and crisis line show, and the collector accepts the answers", async ({ page }) => {
  const rec = recordRequests(page);
  await page.goto(GALLERY);
  const w = page.locator("lokal-feedback#gallery-respekt");
  await ready(w);
  await expect(w.getByRole("heading", { name: "Hvordan var dit møde med din rådgiver?" })).toBeVisible();
  for (const name of ["Jeg svarer som", "Blev du mødt med respekt?", "Var der tid nok?"]) {
    await expect(w.getByRole("group", { name, exact: true })).toBeVisible();
  }
  for (const role of ["Borger", "Pårørende", "Bisidder"]) {
    await expect(w.getByRole("group", { name: "Jeg svarer som", exact: true }).getByRole("radio", { name: role, exact: true })).toHaveCount(1);
  }
  // The crisis line from the definition, read with the comment box.
  await expect(w.getByRole("textbox", { name: TEXT.da.comment, exact: true })).toHaveAccessibleDescription(/Vi kan ikke svare på kommentaren\..*Livslinien på 70 201 201\..*Du har 500 tegn tilbage/s);

  await fill(w, { role: "relative", overall: "4", respect: "yes", time: "partly", meeting: "home" });
  await toReview(w);
  await send(w);
  await rec.settled();
  const [post] = postsTo(rec.log, "/api/v1/increments");
  expect(post.status, "the collector accepts the response").toBe(200);
  const body = JSON.parse(post.postData);
  expect(body).toMatchObject({ form: "feedback-respekt", version: 1, responses: 1 });
  expect(body.counts).toEqual({ role: { relative: 1 }, overall: { 4: 1 }, respect: { yes: 1 }, time: { partly: 1 }, meeting: { home: 1 } });
});
