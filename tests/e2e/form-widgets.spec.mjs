// <lokal-form> field types, on a fixture definition with one of every type
// (tests/e2e/fixtures/form-widgets.json): the VAS line by keyboard and by
// mouse, the signature pad by real touch input (CDP touch events, which
// Chromium turns into pointer events) and by the typed name alone, fields
// shown and hidden by visible_if (a hidden answer stays off the review
// page), group items added and removed with focus following, every type
// read back on "Tjek dine svar", and no horizontal scrolling at 320 px.
import { test, expect } from "@playwright/test";
import {
  WORDS, MESSAGES, WIDGETS_FORM, openFixture, expectStep, expectFocus, expectHeadingFocus, focused, tabToId, pressNext,
  reviewAnswers, duplicateIds,
} from "./lib/form.mjs";

const STEPS = ["Tekst og tal", "Linje og underskrift", "Betingelser og grupper", "Valg"];
const W = WORDS.da;

/** Opens the widgets fixture with the device key (no passphrase panel) on step 1. */
async function open(page, options = {}) {
  const host = await openFixture(page, { form: WIDGETS_FORM, protect: "device", ...options });
  await expectStep(host, 1, STEPS);
  return host;
}

/** The step on screen (1-based), from the step indicator. */
async function currentStep(host) {
  const current = await host.locator("ol.steps li").evaluateAll((items) => items.map((li) => li.getAttribute("aria-current")));
  return current.indexOf("step") + 1;
}

/** On to step `n` with "Næste"; the required signature (step 2) gets a typed name when nothing is drawn. */
async function toStep(host, n) {
  for (let s = await currentStep(host); s < n; s++) {
    if (s === 2 && !(await host.locator("input#lf-signature").inputValue())) {
      const d = await host.locator("svg.sign-pad path.sign-ink").getAttribute("d");
      if (!d) await host.locator("input#lf-signature").fill("Hanne Testesen");
    }
    await pressNext(host);
    await expectStep(host, s + 1, STEPS);
  }
}

/** From the last step to the review page (ticking the consent). */
async function toReview(host) {
  const consent = host.locator("input#lf-consent");
  if (!(await consent.isChecked())) await consent.check();
  await pressNext(host);
  await expectHeadingFocus(host, W.review);
}

test.describe("the VAS line", () => {
  test("by keyboard: no mark at first; the first arrow sets 50; arrows ±1, Page Up/Down ±10, Home 0, End 100; aria-valuenow and aria-valuetext follow", async ({ page }) => {
    const host = await open(page);
    await toStep(host, 2);
    const slider = host.getByRole("slider", { name: "Hvordan har du det i dag?", exact: true });
    await expect(slider).toHaveCount(1);
    await expect(slider).toHaveAttribute("aria-valuemin", "0");
    await expect(slider).toHaveAttribute("aria-valuemax", "100");
    await expect(slider).not.toHaveAttribute("aria-valuenow", /.*/);
    await expect(slider).toHaveAttribute("aria-valuetext", W.vasNone);
    await expect(host.locator(".vas-mark")).toHaveAttribute("hidden", "");
    await expect(slider).toHaveAccessibleDescription(/Klik eller tryk på linjen, eller brug piletasterne\./);

    // The slider is the first stop after the step heading.
    await expectHeadingFocus(host, STEPS[1]);
    await tabToId(page, host, "lf-wellbeing", { max: 1 });
    const expectValue = async (n, end = "") => {
      await expect(slider).toHaveAttribute("aria-valuenow", String(n));
      await expect(slider).toHaveAttribute("aria-valuetext", `${W.vasValue(n)}${end}`);
      await expect(host.locator(".vas-value")).toHaveText(`${W.vasValue(n)}${end}`);
      await expect(host.locator(".vas-mark")).not.toHaveAttribute("hidden");
      expect(await host.locator(".vas-mark").evaluate((m) => m.style.left)).toBe(`${n}%`);
    };
    await page.keyboard.press("ArrowRight");
    await expectValue(50);
    await page.keyboard.press("ArrowRight");
    await expectValue(51);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expectValue(49);
    await page.keyboard.press("ArrowUp");
    await expectValue(50);
    await page.keyboard.press("ArrowDown");
    await expectValue(49);
    await page.keyboard.press("End");
    await expectValue(100, " (Rigtig godt)");
    await page.keyboard.press("PageUp");
    await expectValue(100, " (Rigtig godt)");
    await page.keyboard.press("ArrowRight");
    await expectValue(100, " (Rigtig godt)");
    await page.keyboard.press("Home");
    await expectValue(0, " (Meget dårligt)");
    await page.keyboard.press("ArrowLeft");
    await expectValue(0, " (Meget dårligt)");
    await page.keyboard.press("PageUp");
    await expectValue(10);
    await page.keyboard.press("PageUp");
    await expectValue(20);
    await page.keyboard.press("PageDown");
    await expectValue(10);
    // Other keys change nothing, and focus stayed on the slider all along.
    await page.keyboard.press("a");
    await expectValue(10);
    await expectFocus(host, "lf-wellbeing", "the slider");

    // The answer is read back on the review page.
    await host.locator("input#lf-signature").fill("Hanne Testesen");
    await toStep(host, 4);
    await toReview(host);
    expect((await reviewAnswers(host))["Hvordan har du det i dag?"]).toBe(`10 ${W.of100}`);
  });

  test("by mouse: a click on the line sets the mark there and focuses the slider; dragging moves it", async ({ page }) => {
    const host = await open(page);
    await toStep(host, 2);
    const slider = host.locator('[role="slider"]#lf-wellbeing');
    await slider.scrollIntoViewIfNeeded();
    const box = await slider.boundingBox();
    const y = box.y + box.height / 2;
    await page.mouse.click(box.x + box.width * 0.25, y);
    await expect(slider).toHaveAttribute("aria-valuenow", "25");
    await expect(slider).toHaveAttribute("aria-valuetext", W.vasValue(25));
    await expectFocus(host, "lf-wellbeing", "the slider after a click");
    // The mark is drawn where the click was.
    const mark = await host.locator(".vas-mark").boundingBox();
    expect(Math.abs(mark.x + mark.width / 2 - (box.x + box.width * 0.25))).toBeLessThanOrEqual(2);

    await page.mouse.click(box.x + 1, y);
    await expect(slider).toHaveAttribute("aria-valuenow", "0");
    await page.mouse.click(box.x + box.width - 1, y);
    await expect(slider).toHaveAttribute("aria-valuenow", "100");
    // Drag from 20 % to 80 %; past the end it stays at 100.
    await page.mouse.move(box.x + box.width * 0.2, y);
    await page.mouse.down();
    await expect(slider).toHaveAttribute("aria-valuenow", "20");
    await page.mouse.move(box.x + box.width * 0.5, y, { steps: 4 });
    await page.mouse.move(box.x + box.width * 0.8, y, { steps: 4 });
    await expect(slider).toHaveAttribute("aria-valuenow", "80");
    await page.mouse.up();
    // After the button is up, moving does not change the mark.
    await page.mouse.move(box.x + box.width * 0.1, y, { steps: 3 });
    await expect(slider).toHaveAttribute("aria-valuenow", "80");
    // The keyboard continues from the mark.
    await page.keyboard.press("ArrowRight");
    await expect(slider).toHaveAttribute("aria-valuenow", "81");
  });
});

test.describe("the signature", () => {
  test.use({ hasTouch: true });

  test("drawn with a finger (touch events): the path is drawn, it alone satisfies the required signature, the review shows it", async ({ page }) => {
    const host = await open(page);
    await toStep(host, 2);
    const pad = host.getByRole("img", { name: W.signPad, exact: true });
    await expect(pad).toHaveCount(1);
    const ink = host.locator("svg.sign-pad path.sign-ink");
    expect(await ink.getAttribute("d")).toBeFalsy();
    const clear = host.getByRole("button", { name: W.signClear, exact: true });
    await expect(clear).toBeDisabled();
    // Record the pointer events the pad receives, to prove they come from touch.
    await pad.evaluate((svg) => {
      window.__e2ePointers = [];
      for (const type of ["pointerdown", "pointermove", "pointerup", "pointercancel"]) svg.addEventListener(type, (e) => window.__e2ePointers.push(`${e.type}:${e.pointerType}`));
    });

    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    const at = (fx, fy) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
    const cdp = await page.context().newCDPSession(page);
    const stroke = [at(0.1, 0.5), at(0.2, 0.3), at(0.3, 0.7), at(0.4, 0.3), at(0.5, 0.7), at(0.6, 0.4)];
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [stroke[0]] });
    for (const p of stroke.slice(1)) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [p] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    // A second stroke.
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [at(0.7, 0.6)] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [at(0.9, 0.6)] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await cdp.detach();

    const pointers = await page.evaluate(() => window.__e2ePointers);
    expect(pointers, "pointer events from touch").toContain("pointerdown:touch");
    expect(pointers).toContain("pointermove:touch");
    expect(pointers).not.toContain("pointercancel:touch");
    // The path: two strokes in the pad's 300 × 100 box, where the finger went.
    await expect(ink).toHaveAttribute("d", /^M\d+ \d+(L\d+ \d+)+ M\d+ \d+(L\d+ \d+)+$/);
    const d = await ink.getAttribute("d");
    const first = d.match(/^M(\d+) (\d+)/);
    expect(Math.abs(Number(first[1]) - 30)).toBeLessThanOrEqual(2);
    expect(Math.abs(Number(first[2]) - 50)).toBeLessThanOrEqual(2);
    const second = d.match(/ M(\d+) (\d+)/);
    expect(Math.abs(Number(second[1]) - 210)).toBeLessThanOrEqual(2);
    await expect(clear).toBeEnabled();
    await expect(host.locator(".signature [aria-live]")).toHaveText(W.signedDrawn);

    // No name typed: the drawing alone is enough to go on.
    await expect(host.locator("input#lf-signature")).toHaveValue("");
    await toStep(host, 4);
    await toReview(host);
    expect((await reviewAnswers(host)).Underskrift).toBe(W.signedDrawn);
    // The review shows the same drawing.
    await expect(host.locator(".review svg.sign-print path.sign-ink")).toHaveAttribute("d", d);
  });

  test("a drawing can be cleared", async ({ page }) => {
    const host = await open(page);
    await toStep(host, 2);
    const pad = host.locator("svg.sign-pad");
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: box.x + 20, y: box.y + 20 }] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: box.x + 60, y: box.y + 40 }] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await cdp.detach();
    const ink = host.locator("svg.sign-pad path.sign-ink");
    await expect(ink).toHaveAttribute("d", /^M\d+ \d+L/);
    await host.getByRole("button", { name: W.signClear, exact: true }).click();
    expect(await ink.getAttribute("d")).toBeFalsy();
    await expect(host.getByRole("button", { name: W.signClear, exact: true })).toBeDisabled();
    // Nothing left: the required signature stops "Næste".
    await pressNext(host);
    await expect(host.locator('[id="lf-signature-error"]')).toHaveText(`${W.errorPrefix} ${MESSAGES.da.signatureRequired}`);
    await expectStep(host, 2, STEPS);
  });

  test("the typed name alone satisfies the required signature (the keyboard way)", async ({ page }) => {
    const host = await open(page);
    await toStep(host, 2);
    await pressNext(host);
    const error = host.locator('[id="lf-signature-error"]');
    await expect(error).toHaveText(`${W.errorPrefix} ${MESSAGES.da.signatureRequired}`);
    await expect(host.locator("#lf-error-summary").getByRole("link")).toHaveText([`Underskrift: ${MESSAGES.da.signatureRequired}`]);
    // The summary link leads to the name box.
    await host.locator("#lf-error-summary").getByRole("link").press("Enter");
    await expectFocus(host, "lf-signature", "the name box of the signature");
    const name = host.getByRole("textbox", { name: W.signName, exact: true });
    await expect(name).toBeFocused();
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await page.keyboard.type("Hanne Testesen");
    await expect(error).toHaveCount(0);
    await expect(name).not.toHaveAttribute("aria-invalid", /.*/);
    // Enter in the name box submits the step.
    await page.keyboard.press("Enter");
    await expectStep(host, 3, STEPS);
    await toStep(host, 4);
    await toReview(host);
    expect((await reviewAnswers(host)).Underskrift).toBe("Hanne Testesen");
    await expect(host.locator(".review svg.sign-print")).toHaveCount(0);
  });
});

test.describe("visible_if and groups", () => {
  test("a field shown by an answer appears and disappears; a hidden answer is kept but not shown on the review page", async ({ page }) => {
    const host = await open(page);
    await toStep(host, 3);
    const petName = host.locator("input#lf-pet_name");
    await expect(petName).toHaveCount(0);
    await host.getByRole("radio", { name: "Ja", exact: true }).check();
    await expect(petName).toBeVisible();
    await expect(host.getByRole("textbox", { name: "Hvad hedder dit kæledyr?", exact: true })).toBeVisible();
    await petName.pressSequentially("Fido");
    await host.getByRole("radio", { name: "Nej", exact: true }).check();
    await expect(petName).toHaveCount(0);
    await pressNext(host);
    await expectStep(host, 4, STEPS);
    await toReview(host);
    let answers = await reviewAnswers(host);
    expect(answers["Har du et kæledyr?"]).toBe("Nej");
    expect(Object.keys(answers)).not.toContain("Hvad hedder dit kæledyr?");
    await expect(host).toContainText("Har du et kæledyr?");
    await expect(host).not.toContainText("Fido");

    // Back to the question with "Ret": "Ja" again brings the kept answer back.
    await host.getByRole("button", { name: /^Ret\s*: Har du et kæledyr\?$/ }).click();
    await expectStep(host, 3, STEPS);
    await expect.poll(async () => (await focused(host))?.name, { message: "focus on the question's first option" }).toBe("lf-has_pet");
    await host.getByRole("radio", { name: "Ja", exact: true }).check();
    await expect(petName).toHaveValue("Fido");
    await pressNext(host);
    await toReview(host);
    answers = await reviewAnswers(host);
    expect(answers["Har du et kæledyr?"]).toBe("Ja");
    expect(answers["Hvad hedder dit kæledyr?"]).toBe("Fido");
  });

  test("inside a group item: the condition follows that item's answer; the hidden answer is left out of the review", async ({ page }) => {
    const host = await open(page);
    await toStep(host, 3);
    await host.getByRole("button", { name: "Tilføj et mål" }).click();
    await host.getByRole("button", { name: "Tilføj et mål" }).click();
    const item = (n) => host.locator("fieldset.item").nth(n);
    // Typed once both items are drawn: in one whole run (session 9) the
    // text typed right after the second add was lost (not reproduced in
    // isolation; see the session note).
    await expect(host.locator('input[id="lf-goals.1.text"]')).toBeVisible();
    await host.locator('input[id="lf-goals.0.text"]').fill("Få et arbejde");
    await host.locator('input[id="lf-goals.1.text"]').fill("Se flere venner");
    const other0 = host.locator('input[id="lf-goals.0.kind_other"]');
    const other1 = host.locator('input[id="lf-goals.1.kind_other"]');
    await expect(other0).toHaveCount(0);
    await item(0).getByRole("radio", { name: "Andet" }).check();
    await expect(other0).toBeVisible();
    await expect(other1).toHaveCount(0);
    await other0.fill("Noget helt andet");
    await item(1).getByRole("radio", { name: "Andet" }).check();
    await expect(other1).toBeVisible();
    await item(1).getByRole("radio", { name: "Andre mennesker" }).check();
    await expect(other1).toHaveCount(0);
    await expect(other0).toHaveValue("Noget helt andet");
    await item(0).getByRole("radio", { name: "Arbejde" }).check();
    await expect(other0).toHaveCount(0);
    await pressNext(host);
    await toReview(host);
    const answers = await reviewAnswers(host);
    expect(answers).toMatchObject({
      "Mål 1: Hvad vil du nå?": "Få et arbejde",
      "Mål 1: Hvad handler målet om?": "Arbejde",
      "Mål 2: Hvad vil du nå?": "Se flere venner",
      "Mål 2: Hvad handler målet om?": "Andre mennesker",
    });
    expect(Object.keys(answers).filter((k) => k.includes("Hvad ellers?"))).toEqual([]);
    await expect(host).not.toContainText("Noget helt andet");
  });

  test("adding an item focuses its first box; removing focuses the add button; the other items keep their answers; at most 3", async ({ page }) => {
    const host = await open(page);
    await toStep(host, 3);
    const add = host.getByRole("button", { name: "Tilføj et mål" });
    const headings = host.locator("legend.item-heading");
    for (const [n, text] of [[0, "A"], [1, "B"], [2, "C"]]) {
      await add.press("Enter");
      await expectFocus(host, `lf-goals.${n}.text`, `the first box of goal ${n + 1}`);
      await page.keyboard.type(`Mål ${text}`);
    }
    await expect(headings).toHaveText(["Mål 1", "Mål 2", "Mål 3"]);
    await expect(add).toBeDisabled();
    // Remove the middle one (the add button is disabled until then).
    await host.getByRole("button", { name: "Fjern mål 2", exact: true }).press("Enter");
    await expectFocus(host, "lf-goals-add", "the add button after removing");
    await expect(add).toBeEnabled();
    await expect(headings).toHaveText(["Mål 1", "Mål 2"]);
    await expect(host.locator('input[id="lf-goals.0.text"]')).toHaveValue("Mål A");
    await expect(host.locator('input[id="lf-goals.1.text"]')).toHaveValue("Mål C");
    await expect(host.getByRole("group", { name: "Mål 2" }).getByRole("textbox")).toHaveValue("Mål C");
    await host.getByRole("button", { name: "Fjern mål 1", exact: true }).press("Enter");
    await expectFocus(host, "lf-goals-add", "the add button after removing the first");
    await expect(host.locator('input[id="lf-goals.0.text"]')).toHaveValue("Mål C");
    await host.getByRole("button", { name: "Fjern mål 1", exact: true }).press("Enter");
    await expectFocus(host, "lf-goals-add", "the add button after removing the last");
    await expect(headings).toHaveCount(0);
  });
});

test("every field type is read back on the review page as it was given", async ({ page }) => {
  const host = await open(page);
  await host.locator("input#lf-name").fill("Hanne");
  await host.locator("textarea#lf-story").fill("Første linje\nAnden linje");
  await expect(host.locator('[id="lf-story-count"]')).toHaveText("Du har 276 tegn tilbage");
  await host.locator("input#lf-hours").fill("2,5");
  await host.locator("input#lf-start").fill("7.3.2026");
  await host.locator("input#lf-cpr").fill("070390-1018");
  await host.locator("input#lf-email").fill("hanne@example.dk");
  await host.locator("input#lf-phone").fill("+45 12 34 56 78");
  await pressNext(host);
  await expectStep(host, 2, STEPS);
  await host.locator('[role="slider"]#lf-wellbeing').press("End");
  await host.locator("input#lf-signature").fill("Hanne Testesen");
  await pressNext(host);
  await expectStep(host, 3, STEPS);
  await host.getByRole("radio", { name: "Nej", exact: true }).check();
  await pressNext(host);
  await expectStep(host, 4, STEPS);
  const select = host.getByRole("combobox", { name: "Hvor bor du?", exact: true });
  await expect(select).toHaveValue("");
  await select.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(select).toHaveValue("odense");
  await host.getByRole("checkbox", { name: "Mandag" }).check();
  await host.getByRole("checkbox", { name: "Tirsdag" }).check();
  await host.getByRole("radio", { name: "Enig", exact: true }).check();
  await host.getByRole("group", { name: /Hvor glad er du i dag\?/ }).getByRole("radio", { name: "7", exact: true }).check();
  await host.getByRole("radio", { name: "God", exact: true }).check();
  await toReview(host);
  expect(await reviewAnswers(host)).toEqual({
    "Fornavn": "Hanne",
    "Fortæl lidt om dig selv": "Første linje\nAnden linje",
    "Timer om ugen": "2,5",
    "Startdato": "07.03.2026",
    "CPR-nummer": "070390-XXXX",
    "E-mailadresse": "hanne@example.dk",
    "Telefonnummer": "+45 12 34 56 78",
    "Hvordan har du det i dag?": `100 ${W.of100}`,
    "Underskrift": "Hanne Testesen",
    "Har du et kæledyr?": "Nej",
    "Dine mål": W.notAnswered,
    "Hvor bor du?": "Odense",
    "Hvilke dage kan du?": "Mandag, Tirsdag",
    "Projektet er godt for mig": "Enig",
    "Hvor glad er du i dag?": "7",
    "Hvordan var samtalen?": "God",
    "Jeg siger ja til, at svarene bliver gemt.": W.consentGiven,
  });
  // Headings and info blocks are not answers.
  const labels = Object.keys(await reviewAnswers(host));
  expect(labels).not.toContain("Sådan har du det");
  expect(labels).not.toContain("Sæt en markering på linjen.");
});

test("every id in the form's shadow root is unique, on every step and the review page", async ({ page }) => {
  // Duplicate ids break id references (label for, aria-describedby, the
  // summary links' #targets) and are a WCAG 2.1 SC 4.1.1 failure.
  const host = await open(page);
  const seen = { [STEPS[0]]: await duplicateIds(host) };
  for (let s = 1; s < 4; s++) {
    if (s === 2) await host.locator("input#lf-signature").fill("Hanne Testesen");
    await pressNext(host);
    await expectStep(host, s + 1, STEPS);
    if (s + 1 === 3) {
      await host.getByRole("button", { name: "Tilføj et mål" }).click();
      await host.locator('input[id="lf-goals.0.text"]').fill("Et mål");
    }
    seen[STEPS[s]] = await duplicateIds(host);
  }
  await toReview(host);
  seen.review = await duplicateIds(host);
  expect(seen).toEqual({ [STEPS[0]]: [], [STEPS[1]]: [], [STEPS[2]]: [], [STEPS[3]]: [], review: [] });
});

test.describe("at 320 px wide", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test("no horizontal scrolling inside the widget on any step, the review page or the passphrase panel", async ({ page }) => {
    const overflow = (host) =>
      host.evaluate((h) => {
        const root = h.shadowRoot.querySelector(".lokal-root");
        const right = root.getBoundingClientRect().right;
        const out = [];
        for (const el of h.shadowRoot.querySelectorAll(".lokal-root *")) {
          const r = el.getBoundingClientRect();
          if (r.width > 1 && r.right > right + 0.5) out.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${el.getAttribute("class") ?? ""} (right ${Math.round(r.right)} > ${Math.round(right)})`);
        }
        return {
          root: { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth },
          host: { scrollWidth: h.scrollWidth, clientWidth: h.clientWidth },
          page: { scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth },
          sticksOut: out.slice(0, 10),
        };
      });
    const expectFits = async (host, where) => {
      const o = await overflow(host);
      expect(o.root.scrollWidth, `${where}: the widget root scrolls sideways (${JSON.stringify(o)})`).toBeLessThanOrEqual(o.root.clientWidth);
      expect(o.page.scrollWidth, `${where}: the page scrolls sideways (${JSON.stringify(o)})`).toBeLessThanOrEqual(o.page.clientWidth);
      expect(o.sticksOut, `${where}: elements past the widget's right edge`).toEqual([]);
    };

    // The passphrase panel (auto protection: the fixture holds personal data).
    let host = await openFixture(page, { form: WIDGETS_FORM });
    await expect(host.locator("input#lf-pass")).toBeVisible();
    await expectFits(host, "the passphrase panel");

    host = await open(page);
    await host.locator("input#lf-cpr").fill("0703901018");
    await host.locator("input#lf-start").fill("31.02.2026");
    await pressNext(host);
    await expect(host.locator("#lf-error-summary")).toBeVisible();
    await expectFits(host, "step 1 with errors");
    await host.locator("input#lf-start").fill("");
    await pressNext(host);
    await expectStep(host, 2, STEPS);
    await host.locator('[role="slider"]#lf-wellbeing').press("End");
    await host.locator("input#lf-signature").fill("Hanne Testesen");
    await expectFits(host, "step 2");
    await pressNext(host);
    await host.getByRole("radio", { name: "Ja", exact: true }).check();
    await host.getByRole("button", { name: "Tilføj et mål" }).click();
    await host.locator("fieldset.item").getByRole("radio", { name: "Andet" }).check();
    await host.locator('input[id="lf-goals.0.text"]').fill("Et mål med et meget langt ord: Socialpsykiatriområdetsudviklingsplan");
    await expectFits(host, "step 3");
    await pressNext(host);
    await expectStep(host, 4, STEPS);
    await expectFits(host, "step 4");
    await toReview(host);
    await expectFits(host, "the review page");
  });
});
