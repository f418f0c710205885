// 4. Kiosk (a shared tablet): responses stay on the device until k = 5,
// then one batch with the summed counts; the screen starts over by itself,
// and an abandoned half-filled form is wiped after the idle time.
import { test, expect } from "@playwright/test";
import { KIOSK, COLLECTOR } from "./lib/env.mjs";
import { widget, ready, fill, toReview, send, TEXT, nextOutcome, radio, commentBox, shadowState } from "./lib/widget.mjs";
import { numbers, delta, eventually, expectedDelta } from "./lib/collector.mjs";
import { recordRequests } from "./lib/network.mjs";
import { countRecords } from "./lib/idb.mjs";

const PEOPLE = [
  { answers: { overall: "1", heard: "yes", meeting: "office" } },
  { answers: { overall: "2", heard: "no", information: "yes" }, comment: "Kaffen var god." },
  { answers: { overall: "4", heard: "yes", next: "partly", meeting: "phone" } },
  { answers: { overall: "5", information: "no" } },
  { answers: { overall: "5", heard: "partly", next: "yes", meeting: "office" } },
];

function summed(people) {
  const counts = {};
  for (const { answers } of people) {
    for (const [q, v] of Object.entries(answers)) {
      counts[q] ??= {};
      counts[q][v] = (counts[q][v] ?? 0) + 1;
    }
  }
  return counts;
}

/** Expects the widget to be back at its start: the filling stage, nothing chosen, nothing typed. */
async function expectFreshStart(w) {
  await expect(w.getByRole("button", { name: TEXT.da.next, exact: true })).toBeVisible();
  await expect(w.locator("input:checked")).toHaveCount(0);
  await expect(commentBox(w)).toHaveValue("");
}

test("four kiosk responses send nothing; the fifth sends one batch with the summed counts, then the tablet forgets them", async ({ page }) => {
  const before = await numbers();
  const rec = recordRequests(page);
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);

  for (const [i, person] of PEOPLE.entries()) {
    await fill(w, person.answers, person.comment);
    await toReview(w);
    await expect(w).toContainText("Dine svar gemmes krypteret på denne tablet og sendes først, når mindst 5 personer har svaret.");
    const outcome = await nextOutcome(w);
    await send(w);
    expect(await outcome(), `outcome of response ${i + 1}`).toBe("kept");
    await expect(w).toContainText("Dine svar er gemt krypteret på denne tablet.");
    if (i < 4) {
      await rec.settled();
      expect(rec.log.filter((e) => e.url.startsWith(COLLECTOR)).map((e) => `${e.method} ${e.url}`), `requests to the collector after ${i + 1} responses`).toEqual([]);
      expect(await countRecords(page, "kiosk"), `responses kept on the tablet after ${i + 1}`).toBe(i + 1);
      expect(await countRecords(page, "outbox")).toBe(0);
      // The next person starts over.
      await w.getByRole("button", { name: TEXT.da.startOver }).click();
      await expectFreshStart(w);
    }
  }

  // The fifth response released exactly one batch.
  await eventually(() => rec.log.some((e) => e.method === "POST" && e.url.startsWith(COLLECTOR)), { message: "the batch POST" });
  await rec.settled();
  const toCollector = rec.log.filter((e) => e.url.startsWith(COLLECTOR) && e.method !== "OPTIONS");
  expect(toCollector.map((e) => `${e.method} ${new URL(e.url).pathname}`)).toEqual(["POST /api/v1/batches"]);
  expect(toCollector[0].status).toBe(200);
  const batch = JSON.parse(toCollector[0].postData);
  expect(Object.keys(batch).sort()).toEqual(["comments", "counts", "form", "key", "responses", "version", "week"]);
  // The ISO week it was made (UTC), checked by the collector against its receipt window, never stored.
  expect(batch.week).toMatch(/^\d{4}-W\d{2}$/);
  expect(batch).toMatchObject({ form: "feedback", version: 2, responses: 5 });
  expect(batch.counts).toEqual(summed(PEOPLE));
  expect(batch.comments).toEqual(["Kaffen var god."]);

  // After the ack, nothing of the five stays on the tablet.
  await eventually(async () => (await countRecords(page, "kiosk")) === 0 && (await countRecords(page, "outbox")) === 0, {
    message: "empty kiosk and outbox stores after the ack",
  });
  expect(delta(before, await numbers())).toEqual(expectedDelta(PEOPLE.map((p) => p.answers)));
});

test("after a kiosk submission the thank-you page starts over by itself", async ({ page }) => {
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  await fill(w, { overall: "4", heard: "yes" }, "Godt møde.");
  await toReview(w);
  await send(w);
  await expect(w).toContainText("Spørgeskemaet starter forfra om lidt.");
  // The kiosk page keeps 60 idle seconds; the thank-you page stays at most 8.
  await expect(w.getByRole("heading", { name: TEXT.da.thanks })).toBeHidden({ timeout: 15_000 });
  await expectFreshStart(w);
  const state = await shadowState(w);
  expect(state.html).not.toContain("Godt møde.");
  expect(state.visibleText).not.toContain(TEXT.da.thanks);
});

test("a half-filled kiosk form is wiped after the idle time, leaving nothing of the previous person", async ({ page }) => {
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  await w.evaluate((host) => host.setAttribute("idle-seconds", "3"));
  const secret = "Jeg hedder Karen Hansen og min søn har det svært.";
  await fill(w, { overall: "2", heard: "no" });
  await commentBox(w).fill(secret);
  await expect(radio(w, "overall", "2")).toBeChecked();
  // A kiosk never keeps a draft.
  expect(await countRecords(page, "drafts")).toBe(0);

  // Nobody touches the screen: it starts over within the idle time (3 s, ticks every 0.5 s).
  await expect(commentBox(w)).toHaveValue("", { timeout: 10_000 });
  await expectFreshStart(w);
  const state = await shadowState(w);
  expect(state.inputs.filter((i) => i.checked), "checked inputs after the reset").toEqual([]);
  expect(state.inputs.filter((i) => i.value), "inputs with a value after the reset").toEqual([]);
  expect(state.text).not.toContain("Karen");
  expect(state.html).not.toContain("Karen");
  expect(state.visibleText).not.toContain(TEXT.da.errorSummary);

  // The same when the person walked away on the review page.
  await fill(w, { overall: "1", meeting: "phone" }, secret);
  await toReview(w);
  await expect(w.locator(".review blockquote")).toContainText("Karen Hansen");
  await expect(w.getByRole("heading", { name: TEXT.da.review })).toBeHidden({ timeout: 10_000 });
  await expectFreshStart(w);
  const after = await shadowState(w);
  expect(after.html).not.toContain("Karen");
  expect(after.inputs.filter((i) => i.checked || i.value)).toEqual([]);
  expect(await countRecords(page, "kiosk"), "nothing was kept from the abandoned forms").toBe(0);
  expect(await countRecords(page, "drafts")).toBe(0);
});
