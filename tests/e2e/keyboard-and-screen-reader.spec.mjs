// 6. Keyboard and screen reader: the whole form works by keyboard alone;
// the DKFDS error handling (summary with focus, links that focus the field,
// the field's error with a hidden "Fejl:", aria-invalid, aria-describedby);
// every control has an accessible name; English texts with lang="en".
import { test, expect } from "@playwright/test";
import { MUNICIPAL, GALLERY, COLLECTOR } from "./lib/env.mjs";
import { widget, ready, TEXT, radio, commentBox, focusedInWidget, nextOutcome, fill, toReview } from "./lib/widget.mjs";

/** Presses Tab until `predicate(focused)` holds (at most `max` times); returns the focused element. */
async function tabUntil(page, w, predicate, what, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const focused = await focusedInWidget(w);
    if (focused && predicate(focused)) return focused;
  }
  throw new Error(`Tab never reached ${what}`);
}

async function expectFocus(w, id, what) {
  await expect.poll(async () => (await focusedInWidget(w))?.id, { message: `focus on ${what}` }).toBe(id);
}

/** Whether the focused control in the widget shows a focus indicator (outline on it or its face card). */
async function focusIndicator(w) {
  return w.evaluate((host) => {
    const el = host.shadowRoot.activeElement;
    const shown = el.classList.contains("face-input") ? el.nextElementSibling : el;
    const s = getComputedStyle(shown);
    return { outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2, boxShadow: s.boxShadow };
  });
}

const FACES = TEXT.da.faces;
// The one required question is marked (DKFDS: mark the minority); each
// optional one ends with "Vil helst ikke svare".
const DECLINED = TEXT.da.declined;
const GROUPS = {
  "Hvordan var mødet alt i alt? (skal besvares)": FACES,
  "Følte du dig hørt?": ["Ja", "Delvist", "Nej", DECLINED],
  "Fik du klar information?": ["Ja", "Delvist", "Nej", DECLINED],
  "Ved du, hvad der skal ske nu?": ["Ja", "Delvist", "Nej", DECLINED],
  "Hvor eller hvordan foregik mødet?": ["På kontoret", "Hjemme hos mig", "Telefon", "Video", "Netværksmøde (fx Åben Dialog)", "Andet", DECLINED],
};

test("the form can be filled in, reviewed and sent with the keyboard alone", async ({ page }) => {
  const posts = [];
  page.on("request", (r) => r.method() === "POST" && r.url().startsWith(COLLECTOR) && posts.push(r.postData()));
  await page.goto(MUNICIPAL);
  const w = widget(page);
  await ready(w);

  // Tab from the top of the page into the first face.
  await tabUntil(page, w, (f) => f.id === "q-overall-0", "the first face");
  expect((await focusIndicator(w)).outline, "visible focus on the face card").toBe(true);
  // Arrow keys move within the group and choose.
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expectFocus(w, "q-overall-3", "the fourth face");
  await expect(radio(w, "overall", "4")).toBeChecked();
  await page.keyboard.press("ArrowLeft");
  await expect(radio(w, "overall", "3")).toBeChecked();
  await page.keyboard.press("ArrowRight");
  await expect(radio(w, "overall", "4")).toBeChecked();

  // Tab goes to the next group; Space chooses the focused option.
  await page.keyboard.press("Tab");
  await expectFocus(w, "q-heard-0", "the first option of 'heard'");
  await page.keyboard.press("Space");
  await expect(radio(w, "heard", "yes")).toBeChecked();
  await page.keyboard.press("Tab");
  await expectFocus(w, "q-information-0", "'information'");
  await page.keyboard.press("ArrowDown");
  await expect(radio(w, "information", "partly")).toBeChecked();
  await page.keyboard.press("Tab");
  await expectFocus(w, "q-next-0", "'next'");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(radio(w, "next", "no")).toBeChecked();
  await page.keyboard.press("Tab");
  await expectFocus(w, "q-meeting-0", "'meeting'");
  await page.keyboard.press("Space");
  await expect(radio(w, "meeting", "office")).toBeChecked();
  await page.keyboard.press("Tab");
  await expectFocus(w, "q-comment", "the comment");
  await page.keyboard.type("Tak for hjælpen");
  await expect(commentBox(w)).toHaveValue("Tak for hjælpen");

  // Continue with Enter on the button.
  const button = await tabUntil(page, w, (f) => f.tag === "button", "the continue button", 3);
  expect(button.text).toBe(TEXT.da.next);
  expect((await focusIndicator(w)).outline, "visible focus on the button").toBe(true);
  await page.keyboard.press("Enter");
  await expect(w.getByRole("heading", { name: TEXT.da.review })).toBeVisible();
  await expect.poll(async () => (await focusedInWidget(w))?.text, { message: "focus moves to the review heading" }).toBe(TEXT.da.review);

  // Tab to "Send" (past "Se de præcise data") and press Enter.
  await tabUntil(page, w, (f) => f.tag === "button" && f.text === TEXT.da.send, "the send button", 6);
  const outcome = await nextOutcome(w);
  await page.keyboard.press("Enter");
  expect(await outcome()).toBe("sent");
  await expect(w.getByRole("heading", { name: TEXT.da.thanks })).toBeVisible();
  await expect.poll(async () => (await focusedInWidget(w))?.text, { message: "focus moves to the thank-you heading" }).toBe(TEXT.da.thanks);
  expect(posts).toHaveLength(1);
  expect(JSON.parse(posts[0])).toMatchObject({
    counts: { overall: { 4: 1 }, heard: { yes: 1 }, information: { partly: 1 }, next: { no: 1 }, meeting: { office: 1 } },
    comments: ["Tak for hjælpen"],
  });
});

/** Opens the municipal page and presses "Fortsæt" by keyboard without choosing anything. */
async function continueWithoutRating(page) {
  await page.goto(MUNICIPAL);
  const w = widget(page);
  await ready(w);
  const summary = w.locator(".error-summary");
  await expect(summary).toBeHidden();
  await expect(radio(w, "overall", "1")).not.toHaveAttribute("aria-invalid", /.*/);
  await tabUntil(page, w, (f) => f.tag === "button" && f.text === TEXT.da.next, "the continue button");
  await page.keyboard.press("Enter");
  await expect(summary).toBeVisible();
  return { w, summary };
}

test('continuing without the required rating shows the error summary "Der er et problem", and it gets focus', async ({ page }) => {
  const { w, summary } = await continueWithoutRating(page);
  await expect(summary).toHaveAttribute("role", "alert");
  await expect(summary.getByRole("heading", { name: TEXT.da.errorSummary })).toBeVisible();
  await expect(summary.getByRole("link")).toHaveCount(1);
  // The link repeats the field's own message (DKFDS).
  await expect(summary.getByRole("link", { name: TEXT.da.overallMissing, exact: true })).toBeVisible();
  await expect
    .poll(async () => (await focusedInWidget(w))?.className, { message: "focus on the error summary after pressing Fortsæt" })
    .toContain("error-summary");
});

test("the error summary's link moves focus to the first face, without changing the page's URL", async ({ page }) => {
  const { w, summary } = await continueWithoutRating(page);
  const link = summary.getByRole("link", { name: TEXT.da.overallMissing, exact: true });
  // Reach the link by keyboard: from the focused summary it is the next stop.
  // (Should the summary not have received focus, focus the link directly:
  // that failure is the previous test's.)
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  if ((await focusedInWidget(w))?.className?.includes("error-summary")) await page.keyboard.press("Tab");
  if ((await focusedInWidget(w))?.tag !== "a") await link.focus();
  expect((await focusedInWidget(w))?.tag).toBe("a");
  await page.keyboard.press("Enter");
  await expectFocus(w, "q-overall-0", "the first face after following the summary link");
  expect(new URL(page.url()).hash).toBe("");
  expect((await focusIndicator(w)).outline, "visible focus on the first face").toBe(true);

  // Choosing a face clears the error.
  await page.keyboard.press("ArrowRight");
  await expect(radio(w, "overall", "2")).toBeChecked();
  await expect(w.locator("#q-overall-error")).toBeHidden();
  await expect(summary).toBeHidden();
  await expect(radio(w, "overall", "2")).not.toHaveAttribute("aria-invalid", "true");
});

test('the field error is above the faces, has a hidden "Fejl:" prefix, sets aria-invalid and is referenced by aria-describedby', async ({ page }) => {
  const { w } = await continueWithoutRating(page);
  const error = w.locator("#q-overall-error");
  await expect(error).toBeVisible();
  await expect(error).toHaveText(`${TEXT.da.errorPrefix} ${TEXT.da.overallMissing}`);
  const prefix = error.locator(".sr-only");
  await expect(prefix).toHaveText(/^Fejl:\s*$/);
  const box = await prefix.boundingBox();
  expect(box === null || (box.width <= 1 && box.height <= 1), `the "Fejl:" prefix is visually hidden (box ${JSON.stringify(box)})`).toBe(true);
  // aria-invalid on every face; the group points at the error.
  for (const value of ["1", "2", "3", "4", "5"]) await expect(radio(w, "overall", value)).toHaveAttribute("aria-invalid", "true");
  const group = w.getByRole("group", { name: TEXT.da.overall });
  const describedBy = (await group.getAttribute("aria-describedby")) ?? "";
  expect(describedBy.split(/\s+/), "the group's aria-describedby names the error").toContain("q-overall-error");
  await expect(group).toHaveAccessibleDescription(`Fejl: ${TEXT.da.overallMissing}`);
  // Optional questions get no error.
  await expect(w.locator(".field-error")).toHaveCount(1);
  await expect(radio(w, "heard", "yes")).not.toHaveAttribute("aria-invalid", /.*/);
  // The error comes before the faces in reading order.
  const errorFirst = await w.evaluate((host) => {
    const root = host.shadowRoot;
    const e = root.getElementById("q-overall-error");
    const f = root.getElementById("q-overall-0");
    return Boolean(e.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(errorFirst, "the error is above the field").toBe(true);
});

test("every radio button and the comment box have an accessible name", async ({ page }) => {
  await page.goto(MUNICIPAL);
  const w = widget(page);
  await ready(w);
  const total = Object.values(GROUPS).reduce((n, options) => n + options.length, 0);
  await expect(w.locator('input[type="radio"]')).toHaveCount(total);
  await expect(w.getByRole("radio")).toHaveCount(total);
  for (const [legend, options] of Object.entries(GROUPS)) {
    const group = w.getByRole("group", { name: legend, exact: true });
    await expect(group, `group "${legend}"`).toHaveCount(1);
    await expect(group.getByRole("radio")).toHaveCount(options.length);
    for (const option of options) {
      await expect(group.getByRole("radio", { name: option, exact: true }), `radio "${option}" in "${legend}"`).toHaveCount(1);
    }
  }
  // No radio without a name.
  const snapshot = await w.ariaSnapshot();
  const unnamed = snapshot.split("\n").filter((l) => /^\s*- (radio|textbox)\s*$/.test(l) || /^\s*- (radio|textbox) ""/.test(l));
  expect(unnamed, `unnamed controls in\n${snapshot}`).toEqual([]);
  await expect(w.getByRole("textbox", { name: TEXT.da.comment, exact: true })).toHaveCount(1);
  await expect(w.getByRole("textbox", { name: TEXT.da.comment })).toHaveAccessibleDescription(/Skriv ikke navne.*Du har 500 tegn tilbage/s);
  await expect(w.getByRole("button", { name: TEXT.da.next, exact: true })).toHaveCount(1);
  // The faces are decoration: the SVGs are hidden from assistive technology.
  const faces = w.locator("svg.face-svg");
  await expect(faces).toHaveCount(5);
  for (let i = 0; i < 5; i++) await expect(faces.nth(i)).toHaveAttribute("aria-hidden", "true");
});

test('lang="en" shows the English texts, also for errors and the review page', async ({ page }) => {
  await page.goto(GALLERY);
  const en = widget(page, 1);
  await expect(en).toHaveAttribute("lang", "en");
  await ready(en);
  await expect(en.getByRole("heading", { name: TEXT.en.title })).toBeVisible();
  await expect(en.locator(".lokal-feedback")).toHaveAttribute("lang", "en");
  for (const face of TEXT.en.faces) await expect(en.getByRole("radio", { name: face, exact: true })).toHaveCount(1);
  await expect(en.getByRole("group", { name: "Did you feel heard?", exact: true })).toBeVisible();
  await expect(en.getByRole("group", { name: `${TEXT.en.overall} ${TEXT.en.required}`, exact: true })).toBeVisible();
  await expect(en.getByRole("textbox", { name: TEXT.en.comment })).toBeVisible();
  await expect(en).not.toContainText("Hvordan");

  await en.getByRole("button", { name: TEXT.en.next, exact: true }).click();
  await expect(en.getByRole("heading", { name: TEXT.en.errorSummary })).toBeVisible();
  await expect(en.locator("#q-overall-error")).toHaveText(`${TEXT.en.errorPrefix} ${TEXT.en.overallMissing}`);
  await fill(en, { overall: "4" }, "Thanks");
  await toReview(en, "en");
  await expect(en).toContainText("Here you can see every answer we receive.");
  await expect(en.getByRole("button", { name: TEXT.en.send, exact: true })).toBeVisible();

  // The Danish instance stays Danish, and the attribute switches language live.
  const da = widget(page, 0);
  await expect(da.locator(".lokal-feedback")).toHaveAttribute("lang", "da");
  await expect(da.getByRole("heading", { name: TEXT.da.title })).toBeVisible();
  await da.evaluate((host) => host.setAttribute("lang", "en"));
  await expect(da.getByRole("heading", { name: TEXT.en.title })).toBeVisible();
  await expect(da.getByRole("button", { name: TEXT.en.next, exact: true })).toBeVisible();
});
