// The kiosk's staff view (issue 15 §3): reached by holding the start
// screen's heading (touch, mouse) or Ctrl+Shift+Enter, and a PIN chosen at
// set-up; it shows a count of what waits and never an answer; it enrolls
// the tablet with a one-time code from the real collector's admin API;
// batches of an unenrolled or revoked tablet are refused, held, and sent
// exactly once after enrolling; "Send nu" sends at once; axe in both
// orientations; the idle rule closes it.
import { test, expect } from "@playwright/test";
import { KIOSK, COLLECTOR } from "./lib/env.mjs";
import { widget, ready, send, TEXT, nextOutcome, shadowState } from "./lib/widget.mjs";
import { expectScreen, kioskFill } from "./lib/kiosk.mjs";
import { numbers, delta, eventually, expectedDelta } from "./lib/collector.mjs";
import { recordRequests } from "./lib/network.mjs";
import { countRecords } from "./lib/idb.mjs";
import { expectNoAxeViolations } from "./lib/axe.mjs";
import { STAFF, PIN, openStaff, holdHeading, unlockStaff, enrollHere, enrollKiosk, staffHeading, staffRow, pinBox, revoke, focusedId } from "./lib/staff.mjs";

const FIVE = [
  { overall: "1", heard: "yes" },
  { overall: "2", meeting: "home" },
  { overall: "3", heard: "no", next: "yes" },
  { overall: "4" },
  { overall: "5", information: "partly" },
];

/** One kiosk response from the start screen, kept on the tablet; back at the start. */
async function answer(w, answers, comment) {
  await kioskFill(w, answers, comment);
  const outcome = await nextOutcome(w);
  await send(w);
  expect(await outcome()).toBe("kept");
  await w.getByRole("button", { name: TEXT.da.startOver }).click();
  await expectScreen(w, 1);
}

/** Nothing of the staff view in the widget's DOM. */
async function expectNoStaffView(w) {
  const state = await shadowState(w);
  expect(state.html).not.toContain("kiosk-staff");
  expect(state.text).not.toContain(STAFF.da.title);
}

/** The statuses of the batch POSTs the collector answered. */
function batchPosts(rec) {
  return rec.log
    .filter((e) => e.method === "POST" && e.outcome === "finished" && e.url.startsWith(COLLECTOR) && e.url.endsWith("/api/v1/batches"))
    .map((e) => e.status);
}

test("PIN set-up typed twice, a wrong PIN, slower after five; opened by Ctrl+Shift+Enter; names and focus; leaving leaves nothing in the DOM", async ({ page }) => {
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  // Nothing on the citizens' screen points to the staff view.
  expect((await shadowState(w)).text).not.toContain(STAFF.da.title);

  await openStaff(page, w, "keyboard");
  // What a screen reader says: the view is a region named for staff, the
  // focused box says what to choose.
  await expect(w.getByRole("region", { name: STAFF.da.title })).toBeVisible();
  await expect(pinBox(w)).toBeFocused();
  await expect(pinBox(w)).toHaveAccessibleDescription(STAFF.da.choosePin);
  // The first time: choose a PIN, typed twice, 4–8 digits.
  const again = w.getByLabel(STAFF.da.pinAgain, { exact: true });
  await pinBox(w).fill("12");
  await again.fill("12");
  await w.getByRole("button", { name: STAFF.da.savePin }).click();
  await expect(w.getByRole("alert")).toHaveText(`Fejl: ${STAFF.da.pinDigits}`);
  await expect(pinBox(w)).toHaveAttribute("aria-invalid", "true");
  await pinBox(w).fill(PIN);
  await again.fill("2469");
  await w.getByRole("button", { name: STAFF.da.savePin }).click();
  await expect(w.getByRole("alert")).toHaveText(`Fejl: ${STAFF.da.pinMismatch}`);
  await again.fill(PIN);
  await w.getByRole("button", { name: STAFF.da.savePin }).click();
  await expect(w.getByRole("button", { name: STAFF.da.sendNow })).toBeVisible();
  await expect(staffRow(w, STAFF.da.enrollment)).toHaveText(STAFF.da.notEnrolled);

  // "Tilbage": the start screen, nothing of the view left, focus on its heading.
  await w.getByRole("button", { name: STAFF.da.back, exact: true }).click();
  await expectScreen(w, 1);
  await expectNoStaffView(w);
  await expect.poll(() => focusedId(w)).toBe("lokal-title");

  // The second time: the PIN is asked for; a wrong one is said, and the box emptied.
  await openStaff(page, w, "keyboard");
  await expect(again).toHaveCount(0);
  await pinBox(w).fill("1111");
  await w.getByRole("button", { name: STAFF.da.open, exact: true }).click();
  await expect(w.getByRole("alert")).toHaveText(`Fejl: ${STAFF.da.pinWrong}`);
  await expect(pinBox(w)).toHaveValue("");
  await expect(pinBox(w)).toBeFocused();
  await unlockStaff(w);
  await w.getByRole("button", { name: STAFF.da.back, exact: true }).click();

  // Five wrong tries: the next waits, even with the right PIN; a reload does not help.
  await openStaff(page, w, "keyboard");
  for (let i = 1; i <= 4; i += 1) {
    await pinBox(w).fill(`000${i}`);
    await w.getByRole("button", { name: STAFF.da.open, exact: true }).click();
    await expect(w.getByRole("alert")).toHaveText(`Fejl: ${STAFF.da.pinWrong}`);
    await expect(w.getByRole("button", { name: STAFF.da.open, exact: true })).toBeEnabled();
  }
  await pinBox(w).fill("0005");
  await w.getByRole("button", { name: STAFF.da.open, exact: true }).click();
  await expect(w.getByRole("alert")).toHaveText(`Fejl: ${STAFF.da.pinWait(30)}`);
  await page.reload();
  await ready(w);
  await openStaff(page, w, "keyboard");
  await pinBox(w).fill(PIN);
  await w.getByRole("button", { name: STAFF.da.open, exact: true }).click();
  await expect(w.getByRole("alert")).toContainText("Vent");
  await expect(w.getByRole("button", { name: STAFF.da.sendNow })).toHaveCount(0);
});

test.describe("on a touch screen", () => {
  test.use({ hasTouch: true, viewport: { width: 1024, height: 768 } });

  test("the heading held 3 s by a finger (CDP touch events) opens the staff view; a short tap, or a touched start, does not", async ({ page }) => {
    await page.goto(KIOSK);
    const w = widget(page);
    await ready(w);
    await holdHeading(page, w, "touch", 800);
    await page.waitForTimeout(3_000);
    await expect(staffHeading(w)).toHaveCount(0);
    await openStaff(page, w, "touch");
    // The finger lifted from the heading does not take focus back to it.
    await page.waitForTimeout(500);
    expect(await focusedId(w), "focus stays in the PIN box").toBe("kiosk-pin");
    await unlockStaff(w);
    await w.getByRole("button", { name: STAFF.da.back, exact: true }).tap();
    await expectScreen(w, 1);
    await expect.poll(() => focusedId(w)).toBe("lokal-title");
    // Someone has begun: the heading held does nothing, and nor does the shortcut.
    await w.locator('label:has(input[name="q-overall"][value="4"])').tap();
    await expectScreen(w, 2);
    await w.getByRole("button", { name: "Tilbage", exact: true }).tap();
    await expectScreen(w, 1);
    await holdHeading(page, w, "touch", 3_300);
    await page.keyboard.press("Control+Shift+Enter");
    await expect(staffHeading(w)).toHaveCount(0);
  });

  test("by the mouse too; every staff target is at least 44 px", async ({ page }) => {
    await page.goto(KIOSK);
    const w = widget(page);
    await ready(w);
    await openStaff(page, w, "mouse");
    await page.waitForTimeout(500);
    expect(await focusedId(w), "focus stays in the PIN box").toBe("kiosk-pin");
    await unlockStaff(w);
    const small = await w.evaluate((host) =>
      [...host.shadowRoot.querySelectorAll(".kiosk-staff button, .kiosk-staff input")]
        .filter((el) => el.checkVisibility())
        .map((el) => ({ what: el.textContent.trim() || el.id, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 44 || box.height < 44)
        .map(({ what, box }) => `${what}: ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
    expect(small).toEqual([]);
  });
});

test("enrolled through the staff view with a code from the admin API; five responses, then 'Send nu' sends at once; the view never holds an answer", async ({ page }) => {
  const before = await numbers();
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  await openStaff(page, w);
  await unlockStaff(w);
  // A wrong code is said; the right one enrolls the tablet.
  await w.getByRole("button", { name: STAFF.da.enroll }).click();
  await expect(w.getByRole("alert")).toHaveText(`Fejl: ${STAFF.da.codeEmpty}`);
  await w.getByLabel(STAFF.da.code).fill("AAAA-BBBB-CCCC");
  await w.getByRole("button", { name: STAFF.da.enroll }).click();
  await expect(w.getByRole("alert")).toHaveText(`Fejl: ${STAFF.da.codeUnknown}`);
  // DKFDS: the box keeps what was typed, is marked and described by the error, and has focus.
  const code = w.getByLabel(STAFF.da.code);
  await expect(code).toHaveValue("AAAA-BBBB-CCCC");
  await expect(code).toHaveAttribute("aria-invalid", "true");
  await expect(code).toHaveAccessibleDescription(`${STAFF.da.codeHelp} Fejl: ${STAFF.da.codeUnknown}`);
  await expect(code).toBeFocused();
  await enrollHere(w, { label: "Café-tablet E2E" });
  await expect(w.getByRole("button", { name: STAFF.da.sendNow })).toBeDisabled();
  await w.getByRole("button", { name: STAFF.da.back, exact: true }).click();

  // The collector cannot be reached while five people answer (the line is
  // cut at the browser), so the batch waits; one of them types something
  // only they would.
  const secret = "Min nabo Birthe Skovgaard drikker for meget";
  await page.route(`${COLLECTOR}/api/v1/batches`, (route) => route.abort("internetdisconnected"));
  for (const [i, answers] of FIVE.entries()) await answer(w, answers, i === 2 ? secret : undefined);
  await eventually(async () => (await countRecords(page, "outbox")) === 1, { message: "the batch waiting" });

  await openStaff(page, w);
  await unlockStaff(w);
  await expect(staffRow(w, STAFF.da.waiting)).toHaveText("5");
  await expect(staffRow(w, STAFF.da.lastSent)).toHaveText(STAFF.da.never);
  // A count, never an answer: not in the view's text, not anywhere in the page.
  const staffText = await w.locator(".kiosk-staff").innerText();
  for (const text of [staffText, (await shadowState(w)).html, await page.content()]) {
    expect(text).not.toContain("Birthe");
    expect(text).not.toContain("Skovgaard");
  }

  // The line is back: "Send nu" sends at once, not after the backoff.
  const rec = recordRequests(page);
  await page.unroute(`${COLLECTOR}/api/v1/batches`);
  await w.getByRole("button", { name: STAFF.da.sendNow }).click();
  await expect(staffRow(w, STAFF.da.waiting)).toHaveText("0", { timeout: 5_000 });
  await expect(staffRow(w, STAFF.da.lastSent)).not.toHaveText(STAFF.da.never);
  await expect.poll(() => focusedId(w), "focus on the view's heading after sending").toBe("kiosk-staff-title");
  await rec.settled();
  expect(batchPosts(rec)).toEqual([200]);
  const sent = rec.log.find((e) => e.outcome === "finished" && e.method === "POST" && e.url.endsWith("/api/v1/batches"));
  expect(sent.headers.authorization).toMatch(/^Bearer \S+\.\S+$/);
  expect(delta(before, await numbers())).toEqual(expectedDelta(FIVE));
});

test("an unenrolled tablet's batch is refused and held, the staff view says so, and after enrolling it is sent exactly once", async ({ page }) => {
  const before = await numbers();
  const rec = recordRequests(page);
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  for (const answers of FIVE) await answer(w, answers);
  await eventually(() => batchPosts(rec).length === 1, { message: "the batch tried" });
  await rec.settled();
  expect(batchPosts(rec)).toEqual([401]);
  expect(await countRecords(page, "outbox"), "kept, not lost").toBe(1);
  // Held: not tried again, also after a reload.
  await page.reload();
  await ready(w);
  await page.waitForTimeout(1_500);
  expect(batchPosts(rec)).toEqual([401]);

  await openStaff(page, w);
  await unlockStaff(w);
  await expect(w.locator(".kiosk-staff")).toContainText(STAFF.da.refusedNotEnrolled);
  await expect(staffRow(w, STAFF.da.enrollment)).toHaveText(STAFF.da.notEnrolled);
  await expect(staffRow(w, STAFF.da.waiting)).toHaveText("5");
  await enrollHere(w);
  await eventually(async () => (await countRecords(page, "outbox")) === 0, { message: "the held batch sent" });
  await rec.settled();
  expect(batchPosts(rec)).toEqual([401, 200]);
  expect(delta(before, await numbers())).toEqual(expectedDelta(FIVE));
  await page.reload();
  await ready(w);
  await page.waitForTimeout(1_500);
  expect(batchPosts(rec), "sent exactly once").toEqual([401, 200]);
});

test("a revoked tablet's batch is held with 'Tabletten er afmeldt i dashboardet'; a new code sends it once; 'Afmeld tablet' keeps what waits", async ({ page }) => {
  const before = await numbers();
  const label = `Revoked-${Date.now()}`;
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  await enrollKiosk(page, w, { label });
  await revoke(label);
  const rec = recordRequests(page);
  for (const answers of FIVE) await answer(w, answers);
  await eventually(() => batchPosts(rec).length === 1, { message: "the batch tried" });
  await rec.settled();
  expect(batchPosts(rec)).toEqual([403]);

  await openStaff(page, w);
  await unlockStaff(w);
  await expect(w.locator(".kiosk-staff")).toContainText(STAFF.da.refusedRevoked);
  await expect(staffRow(w, STAFF.da.enrollment)).toHaveText(STAFF.da.notEnrolled);
  await expect(staffRow(w, STAFF.da.waiting)).toHaveText("5");
  await enrollHere(w, { label: `${label}-ny` });
  await eventually(async () => (await countRecords(page, "outbox")) === 0, { message: "the held batch sent" });
  await rec.settled();
  expect(batchPosts(rec)).toEqual([403, 200]);
  expect(delta(before, await numbers())).toEqual(expectedDelta(FIVE));

  // "Afmeld tablet", after a confirmation ("Nej" keeps it): forgotten here;
  // a waiting response stays.
  await w.getByRole("button", { name: STAFF.da.back, exact: true }).click();
  await answer(w, { overall: "3" });
  await openStaff(page, w);
  await unlockStaff(w);
  await w.getByRole("button", { name: STAFF.da.forget }).click();
  await expect(w.getByRole("alert")).toContainText(STAFF.da.forgetConfirm);
  await w.getByRole("button", { name: STAFF.da.forgetNo }).click();
  await expect(staffRow(w, STAFF.da.enrollment)).toHaveText(`${label}-ny`);
  await expect(w.getByRole("button", { name: STAFF.da.forget }), "focus back where it was").toBeFocused();
  await w.getByRole("button", { name: STAFF.da.forget }).click();
  await w.getByRole("button", { name: STAFF.da.forgetYes }).click();
  await expect(staffRow(w, STAFF.da.enrollment)).toHaveText(STAFF.da.notEnrolled);
  await expect(staffRow(w, STAFF.da.waiting)).toHaveText("1");
  expect(await countRecords(page, "kiosk")).toBe(1);
});

test("the staff view closes by the kiosk's idle rule, warning first", async ({ page }) => {
  await page.clock.install();
  await page.goto(KIOSK);
  const w = widget(page);
  await ready(w);
  await openStaff(page, w);
  await unlockStaff(w);
  await page.clock.fastForward(45_000);
  await expect(w.getByRole("heading", { name: "Er du her stadig?" })).toBeVisible();
  await page.clock.fastForward(20_000);
  await expectScreen(w, 1);
  await expectNoStaffView(w);
});

for (const [orientation, viewport] of [
  ["landscape", { width: 1024, height: 768 }],
  ["portrait", { width: 768, height: 1024 }],
]) {
  test(`every staff screen has no axe violations and no sideways scrolling, ${orientation} (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto(KIOSK);
    const w = widget(page);
    await ready(w);
    const check = async (name) => {
      await expectNoAxeViolations(page, `${name}, ${orientation}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name}: no sideways scrolling`).toBe(true);
    };
    await openStaff(page, w);
    await check("choosing the PIN");
    await w.getByRole("button", { name: STAFF.da.savePin }).click();
    await expect(w.getByRole("alert")).toBeVisible();
    await check("choosing the PIN, with its error");
    await unlockStaff(w);
    await check("the staff view, not enrolled");
    await w.getByRole("button", { name: STAFF.da.enroll }).click();
    await expect(w.getByRole("alert")).toBeVisible();
    await check("the enrollment code's error");
    await enrollHere(w);
    await check("the staff view, enrolled");
    await w.getByRole("button", { name: STAFF.da.forget }).click();
    await check("the unenrol confirmation");
    await w.getByRole("button", { name: STAFF.da.forgetNo }).click();
    await w.getByRole("button", { name: STAFF.da.back, exact: true }).click();
    await openStaff(page, w);
    await check("entering the PIN");
    await pinBox(w).fill("0000");
    await w.getByRole("button", { name: STAFF.da.open, exact: true }).click();
    await expect(w.getByRole("alert")).toBeVisible();
    await check("a wrong PIN");
  });
}
