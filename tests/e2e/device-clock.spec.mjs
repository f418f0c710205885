// A device whose clock is wrong, against the real collector: the feedback
// box says its clock's week with every POST (`Lokalform-Device-Week`), so a
// clock weeks off still has its answers counted; a clock more than the
// collector corrects (30 weeks) is refused, and the box says the true
// reason, which is not the changed questionnaire; that text stays for a
// refusal of the form itself.
import { test, expect } from "@playwright/test";
import { MUNICIPAL, COLLECTOR } from "./lib/env.mjs";
import { widget, ready, fill, toReview, pressSend, send, nextOutcome } from "./lib/widget.mjs";
import { recordRequests } from "./lib/network.mjs";
import { numbers, delta, eventually } from "./lib/collector.mjs";

const WEEK_MS = 7 * 86_400_000;
const ANSWERS = { overall: "4", heard: "yes", information: "partly", next: "no", meeting: "phone" };
const EXPECTED = { overall: { 4: 1 }, heard: { yes: 1 }, information: { partly: 1 }, next: { no: 1 }, meeting: { phone: 1 } };
/** components/src/common/words.rs: `wrong_clock` and `rejected`. */
const WRONG_CLOCK = "Dine svar blev ikke talt med, fordi datoen på din enhed er forkert. Ret dato og klokkeslæt på enheden, og prøv igen.";
const FORM_CHANGED = "Dine svar kunne ikke modtages, fordi spørgeskemaet er blevet ændret.";

/** The ISO week of `date` in UTC, `2026-W50` (as the widget and the collector count weeks). */
function isoWeek(date) {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  day.setUTCDate(day.getUTCDate() - weekday + 3); // that week's Thursday
  const year = day.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((day - firstThursday) / WEEK_MS);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Opens the municipal page on a device clock `weeks` weeks off, answers, and reaches the review. */
async function answerOnClock(page, weeks) {
  const deviceNow = new Date(Date.now() + weeks * WEEK_MS);
  await page.clock.install({ time: deviceNow });
  await page.goto(MUNICIPAL);
  const w = widget(page);
  await ready(w);
  await fill(w, ANSWERS);
  await toReview(w);
  return { w, deviceWeek: isoWeek(deviceNow) };
}

/** The feedback box's POSTs to the collector in `rec`. */
function posts(rec) {
  return rec.log.filter((r) => r.method === "POST" && r.url.startsWith(COLLECTOR));
}

test("a device clock 10 weeks slow: the answers go with the device's week and are counted", async ({ page }) => {
  const before = await numbers();
  const rec = recordRequests(page);
  const { w, deviceWeek } = await answerOnClock(page, -10);
  const outcome = await nextOutcome(w);
  await send(w);
  expect(await outcome()).toBe("sent");
  await rec.settled();
  const [post] = posts(rec);
  expect(post.headers["lokalform-device-week"]).toBe(deviceWeek);
  expect(JSON.parse(post.postData).week).toBe(deviceWeek);
  const after = await eventually(async () => {
    const n = await numbers();
    return n.responses > before.responses ? n : null;
  }, { message: "the response in the report" });
  expect(delta(before, after)).toEqual({ responses: 1, counts: EXPECTED });
});

for (const [weeks, code] of [[100, "week_in_future"], [-100, "too_old"]]) {
  test(`a device clock ${Math.abs(weeks)} weeks ${weeks > 0 ? "fast" : "slow"}: refused (${code}), the review says the date is wrong, nothing counted`, async ({ page }) => {
    const before = await numbers();
    const rec = recordRequests(page);
    const { w } = await answerOnClock(page, weeks);
    const outcome = await nextOutcome(w);
    await pressSend(w);
    expect(await outcome()).toBe("rejected");
    const alert = w.locator(".review [role=alert]");
    await expect(alert).toHaveText(WRONG_CLOCK);
    await expect(w).not.toContainText("spørgeskemaet er blevet ændret");
    // The answers are still there to send again once the date is right.
    await expect(w.locator(".review")).toContainText("Hvordan var mødet alt i alt?");
    await rec.settled();
    const [post] = posts(rec);
    expect(post.status).toBe(422);
    expect(await numbers()).toEqual(before);
    // What the collector said, for the record.
    const answer = await fetch(post.url, {
      method: "POST",
      headers: { "content-type": "application/json", "lokalform-device-week": post.headers["lokalform-device-week"] },
      body: post.postData,
    });
    expect((await answer.json()).error).toBe(code);
  });
}

test("a refusal of the form itself (a version the collector does not have) keeps the form-changed text", async ({ page, context }) => {
  const before = await numbers();
  // Stands in for a page whose definition the collector no longer has:
  // the tally leaves with a version the collector does not know.
  await context.route(`${COLLECTOR}/api/v1/increments`, async (route) => {
    const tally = JSON.parse(route.request().postData());
    tally.version = 99;
    await route.continue({ postData: JSON.stringify(tally) });
  });
  const { w } = await answerOnClock(page, 0);
  const outcome = await nextOutcome(w);
  await pressSend(w);
  expect(await outcome()).toBe("rejected");
  await expect(w.locator(".review [role=alert]")).toContainText(FORM_CHANGED);
  await expect(w).not.toContainText(WRONG_CLOCK);
  expect(await numbers()).toEqual(before);
});
