// 4. Kiosk (a shared tablet, the kiosk bundle): one question a screen for
// nervous hands; responses stay on the device until k = 5, then one batch
// with the summed counts; the screen starts over by itself, warns first
// ("Er du her stadig?"), and leaves nothing of the previous person.
import { test, expect } from "@playwright/test";
import { KIOSK, COLLECTOR } from "./lib/env.mjs";
import { widget, ready, send, TEXT, nextOutcome, radio, commentBox, shadowState } from "./lib/widget.mjs";
import { KTEXT, SCREENS, card, expectScreen, kioskFill, pressNext } from "./lib/kiosk.mjs";
import { numbers, delta, eventually, expectedDelta } from "./lib/collector.mjs";
import { recordRequests } from "./lib/network.mjs";
import { countRecords, dumpStores } from "./lib/idb.mjs";
import { expectNoAxeViolations } from "./lib/axe.mjs";
import { enrollKiosk } from "./lib/staff.mjs";

const PEOPLE = [
  { answers: { overall: "1", heard: "yes", meeting: "office" }, comment: "Ventetiden var lang." },
  { answers: { overall: "2", heard: "no", information: "yes" }, comment: "Kaffen var god." },
  { answers: { overall: "4", heard: "yes", next: "partly", meeting: "phone" } },
  { answers: { overall: "5", information: "no" }, comment: "Tak for hjælpen." },
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

/** Expects the widget to be back at its start: the first question, nothing chosen, nothing typed. */
async function expectFreshStart(w) {
  await expectScreen(w, 1);
  await expect(w.locator("input:checked")).toHaveCount(0);
  await expect(commentBox(w)).toHaveValue("");
}

test("four kiosk responses send nothing; the fifth sends one batch with the summed counts, then the tablet forgets them", async ({ page }) => {
  const before = await numbers();
  const rec = recordRequests(page);
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  // The collector takes batches only from an enrolled tablet.
  await enrollKiosk(page, w);
  await rec.settled();
  rec.log.length = 0;

  for (const [i, person] of PEOPLE.entries()) {
    await kioskFill(w, person.answers, person.comment);
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
  // Every comment once; their order is a crypto-random shuffle (unit-tested
  // in crates/text/src/shuffle.rs), so only the set is checked here.
  expect([...batch.comments].sort()).toEqual(PEOPLE.flatMap((p) => (p.comment ? [p.comment] : [])).sort());

  // After the ack, nothing of the five stays on the tablet.
  await eventually(async () => (await countRecords(page, "kiosk")) === 0 && (await countRecords(page, "outbox")) === 0, {
    message: "empty kiosk and outbox stores after the ack",
  });
  expect(delta(before, await numbers())).toEqual(expectedDelta(PEOPLE.map((p) => p.answers)));
});

test("one question a screen: forward and back keep every answer, and 'Vil helst ikke svare' takes back a tapped answer", async ({ page }) => {
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  await expectScreen(w, 1);
  await expect(w.locator(`fieldset:visible`)).toHaveCount(1);

  // The required first question cannot be passed without an answer.
  await pressNext(w);
  await expect(w.getByText(TEXT.da.overallMissing)).toBeVisible();
  await expectScreen(w, 1);

  // A tap on an answer moves on.
  await card(w, "overall", "4").click();
  await expectScreen(w, 2);
  await expect(w.getByText(TEXT.da.overallMissing)).toBeHidden();
  await card(w, "heard", "yes").click();
  await expectScreen(w, 3);

  // Back, and back again: every answer still chosen.
  await w.getByRole("button", { name: KTEXT.da.back, exact: true }).click();
  await expectScreen(w, 2);
  await expect(radio(w, "heard", "yes")).toBeChecked();
  await w.getByRole("button", { name: KTEXT.da.back, exact: true }).click();
  await expectScreen(w, 1);
  await expect(radio(w, "overall", "4")).toBeChecked();
  await expect(w.getByRole("button", { name: KTEXT.da.back, exact: true })).toHaveCount(0);

  // Forward with "Næste": the answer stays.
  await pressNext(w);
  await expectScreen(w, 2);
  await expect(radio(w, "heard", "yes")).toBeChecked();
  // A tap on the answer already chosen moves on too.
  await card(w, "heard", "yes").click();
  await expectScreen(w, 3);
  await w.getByRole("button", { name: KTEXT.da.back, exact: true }).click();
  await expectScreen(w, 2);
  // The tapped "Ja" taken back, calmly: "Vil helst ikke svare" on every optional question.
  for (const question of SCREENS.slice(1, 5)) {
    await expect(w.locator(`fieldset:has(input[name="q-${question}"]) label`, { hasText: TEXT.da.declined })).toHaveCount(1);
  }
  await w.getByRole("radio", { name: TEXT.da.declined }).click();
  await expectScreen(w, 3);
  await expect(radio(w, "heard", "yes")).not.toBeChecked();

  // The last question's comment, through a screen and back: kept as typed.
  await kioskFill(w, { meeting: "home" }, "Rart at blive lyttet til.");
  await w.getByRole("button", { name: KTEXT.da.change }).click();
  await expectScreen(w, 6);
  await expect(commentBox(w)).toHaveValue("Rart at blive lyttet til.");
  await w.getByRole("button", { name: KTEXT.da.back, exact: true }).click();
  await expectScreen(w, 5);
  await expect(radio(w, "meeting", "home")).toBeChecked();
  await pressNext(w);
  await pressNext(w);
  // The review: "Godt", and the declined question not answered (nothing is sent for it).
  const receipt = w.locator(".receipt");
  await expect(receipt).toContainText("Godt");
  await expect(receipt.locator(".review-row", { hasText: "Følte du dig hørt?" })).toContainText("Ikke besvaret");
  await expect(receipt).toContainText("Rart at blive lyttet til.");
});

test("after a kiosk submission the thank-you page starts over by itself", async ({ page }) => {
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  await kioskFill(w, { overall: "4", heard: "yes" }, "Godt møde.");
  await send(w);
  await expect(w).toContainText("Spørgeskemaet starter forfra om lidt.");
  // The kiosk page keeps 60 idle seconds; the thank-you page stays at most 8.
  await expect(w.getByRole("heading", { name: TEXT.da.thanks })).toBeHidden({ timeout: 15_000 });
  await expectFreshStart(w);
  const state = await shadowState(w);
  expect(state.html).not.toContain("Godt møde.");
  expect(state.visibleText).not.toContain(TEXT.da.thanks);
});

test("a reload on a shared tablet starts at the first question: a half-finished response is kept nowhere for the next person", async ({ page }) => {
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  await card(w, "overall", "4").click();
  await expectScreen(w, 2);
  await card(w, "heard", "partly").click();
  await expectScreen(w, 3);
  await page.reload();
  await ready(w);
  await expectFreshStart(w);
  // Not in the tablet's storage either: the drafts store holds nothing.
  const stores = await dumpStores(page);
  expect(Object.keys(stores), "the widget's database exists").toContain("drafts");
  expect(stores.drafts.map((r) => r.id)).toEqual([]);
});

test("'Er du her stadig?' counts down before the idle reset; the button carries on; the reset leaves nothing of the person (DOM, history)", async ({ page }) => {
  await page.clock.install();
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  const historyBefore = await page.evaluate(() => [history.length, location.href]);
  const secret = "Jeg hedder Karen Hansen og min søn har det svært.";
  await kioskFill(w, { overall: "2", heard: "no" }, secret);
  await w.getByRole("button", { name: KTEXT.da.change }).click();
  await expectScreen(w, 6);
  // A kiosk never keeps a draft.
  expect(await countRecords(page, "drafts")).toBe(0);

  // 60 idle seconds on the kiosk page: the warning 20 s before, counting down.
  const still = w.locator(".kiosk-still-here");
  await page.clock.fastForward(30_000);
  await expect(still).toBeHidden();
  await page.clock.fastForward(14_000);
  await expect(still.getByRole("heading", { name: KTEXT.da.stillHere })).toBeVisible();
  await expect(w.locator(".kiosk-screen:visible")).toHaveCount(0);
  // The clock runs on in real time too: a second or so of slack.
  const left = async () => Number((await still.locator(".kiosk-countdown").textContent()).match(/^(\d+) sekunder tilbage$/)[1]);
  const first = await left();
  expect(first).toBeGreaterThanOrEqual(14);
  expect(first).toBeLessThanOrEqual(16);
  await page.clock.runFor(3_000);
  await expect.poll(left).toBeLessThanOrEqual(first - 2);
  expect(await left()).toBeGreaterThanOrEqual(first - 4);
  // Focus is on the question, for a screen reader.
  expect(await w.evaluate((host) => host.shadowRoot.activeElement?.id)).toBe("kiosk-still-here-title");

  // "Ja, jeg vil gerne fortsætte": back where the person was, nothing lost.
  await carryOn(page, w);
  await expectScreen(w, 6);
  await expect(commentBox(w)).toHaveValue(secret);
  await page.clock.fastForward(30_000);
  await expect(still).toBeHidden();

  // Nobody answers the warning: the reset.
  await page.clock.fastForward(15_000);
  await expect(still).toBeVisible();
  await page.clock.fastForward(21_000);
  await expectFreshStart(w);
  await expect(still).toBeHidden();
  const state = await shadowState(w);
  expect(state.inputs.filter((i) => i.checked), "checked inputs after the reset").toEqual([]);
  expect(state.inputs.filter((i) => i.value), "inputs with a value after the reset").toEqual([]);
  for (const text of [state.text, state.html, state.visibleText]) {
    expect(text).not.toContain("Karen");
  }
  expect(await page.evaluate(() => [history.length, location.href]), "nothing in the history").toEqual(historyBefore);
  expect(await countRecords(page, "kiosk"), "nothing was kept from the abandoned form").toBe(0);
  expect(await countRecords(page, "drafts")).toBe(0);

  // The same when the person walked away on the review page.
  await kioskFill(w, { overall: "1", meeting: "phone" }, secret);
  await expect(w.locator(".review blockquote")).toContainText("Karen Hansen");
  await page.clock.fastForward(61_000);
  await expectFreshStart(w);
  const after = await shadowState(w);
  expect(after.html).not.toContain("Karen");
  expect(after.text).not.toContain("Karen");
  expect(after.inputs.filter((i) => i.checked || i.value)).toEqual([]);
  expect(await countRecords(page, "kiosk")).toBe(0);
});

test("nothing leads out of the kiosk: no links, no selection or context menu outside the comment box", async ({ page }) => {
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  const linksOut = () =>
    page.evaluate(() => {
      const host = document.querySelector("lokal-feedback");
      return [...document.querySelectorAll("a[href]"), ...host.shadowRoot.querySelectorAll("a[href]")].map((a) => a.outerHTML);
    });
  const menuPrevented = (selector) =>
    w.evaluate((host, sel) => {
      const el = host.shadowRoot.querySelector(sel);
      const ev = new MouseEvent("contextmenu", { bubbles: true, composed: true, cancelable: true });
      el.dispatchEvent(ev);
      return ev.defaultPrevented;
    }, selector);
  expect(await linksOut()).toEqual([]);
  expect(await menuPrevented("#kiosk-step-0")).toBe(true);
  expect(await menuPrevented("textarea")).toBe(false);
  expect(await card(w, "overall", "3").evaluate((el) => getComputedStyle(el).userSelect)).toBe("none");
  expect(await commentBox(w).evaluate((el) => getComputedStyle(el).userSelect)).toBe("text");
  await kioskFill(w, { overall: "3" }, "Tekst");
  expect(await linksOut()).toEqual([]);
  await send(w);
  expect(await linksOut()).toEqual([]);
});

test.describe("on a touch screen", () => {
  test.use({ hasTouch: true, viewport: { width: 1024, height: 768 } });

  test("taps (CDP touch events) answer and move on; every target is at least 44 px", async ({ page }) => {
    await page.goto(KIOSK);
    const w = widget(page);
    await ready(w);
    await page.evaluate(() => {
      window.__pointers = [];
      window.addEventListener("pointerdown", (e) => window.__pointers.push(e.pointerType), true);
    });

    /** Every visible target on the screen is at least 44 × 44 px. */
    const expectLargeTargets = async (where) => {
      const small = await w.evaluate((host) =>
        [...host.shadowRoot.querySelectorAll("button, label.choice, .face-card, textarea")]
          .filter((el) => el.checkVisibility())
          .map((el) => ({ what: el.textContent.trim().slice(0, 30) || el.tagName, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.width < 44 || box.height < 44)
          .map(({ what, box }) => `${what}: ${Math.round(box.width)}×${Math.round(box.height)}`),
      );
      expect(small, `targets under 44 px on ${where}`).toEqual([]);
    };

    // One tap by raw CDP touch events, at the middle of the face "Godt"
    // (once the screen takes touches: see `kiosk-settle` in style.css).
    await expectLargeTargets("question 1");
    await settled(w);
    const box = await card(w, "overall", "4").boundingBox();
    const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await cdp.detach();
    await expectScreen(w, 2);
    await expect(radio(w, "overall", "4")).toBeChecked();
    expect(await page.evaluate(() => window.__pointers)).toContain("touch");

    // The rest by Playwright's taps (touch events as well).
    for (let i = 2; i <= 5; i += 1) {
      await expectLargeTargets(`question ${i}`);
      await kioskStep(w, i);
    }
    await expectScreen(w, 6);
    await expectLargeTargets("question 6");
    await w.getByRole("button", { name: TEXT.da.next, exact: true }).tap();
    await expect(w.getByRole("heading", { name: TEXT.da.review })).toBeVisible();
    await expectLargeTargets("the review");
    await w.getByRole("button", { name: TEXT.da.send, exact: true }).tap();
    await expect(w.getByRole("heading", { name: TEXT.da.thanks })).toBeVisible();
    await expectLargeTargets("the thank-you page");
    expect(await page.evaluate(() => window.__pointers.every((t) => t === "touch"))).toBe(true);
  });
});

/**
 * Presses "Ja, jeg vil gerne fortsætte" as a finger or mouse does, without
 * Playwright's retries: the press itself (its pointerdown) is the activity
 * that ends the warning, so the card is gone before the click lands.
 */
async function carryOn(page, w) {
  const button = w.getByRole("button", { name: KTEXT.da.carryOn });
  await expect(button).toBeVisible();
  const box = await button.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(w.locator(".kiosk-still-here")).toBeHidden();
}

/** Waits until the screen shown takes touches (its `kiosk-settle` animation has ended). */
async function settled(w) {
  await w.locator(".kiosk-screen:visible").evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
}

/** Question `i` (2–5) answered by a tap on its second option, or on "Vil helst ikke svare" for question 5. */
async function kioskStep(w, i) {
  await expectScreen(w, i);
  const question = SCREENS[i - 1];
  if (i === 5) await w.locator("label:visible", { hasText: TEXT.da.declined }).tap();
  else await card(w, question, "partly").tap();
  await expectScreen(w, i + 1);
}

for (const [orientation, viewport] of [
  ["landscape", { width: 1024, height: 768 }],
  ["portrait", { width: 768, height: 1024 }],
]) {
  test(`every kiosk screen has no axe violations and no sideways scrolling, ${orientation} (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.clock.install();
    await page.goto(KIOSK);
    const w = widget(page);
    await ready(w);
    const check = async (name) => {
      await expectNoAxeViolations(page, `${name}, ${orientation}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name}: no sideways scrolling`).toBe(true);
    };
    for (let i = 1; i <= SCREENS.length; i += 1) {
      await expectScreen(w, i);
      await check(`question ${i}`);
      if (i === 1) {
        // With the error of the required question.
        await pressNext(w);
        await expect(w.getByText(TEXT.da.overallMissing)).toBeVisible();
        await check("question 1 with its error");
        await card(w, "overall", "5").click();
      } else {
        await pressNext(w);
      }
    }
    await expect(w.getByRole("heading", { name: TEXT.da.review })).toBeVisible();
    await check("the review");
    await page.clock.fastForward(45_000);
    await expect(w.getByRole("heading", { name: KTEXT.da.stillHere })).toBeVisible();
    await check("Er du her stadig?");
    await carryOn(page, w);
    await send(w);
    await check("the thank-you page");
  });
}
