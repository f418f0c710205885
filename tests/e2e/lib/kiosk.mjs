// Driving the kiosk (<lokal-feedback mode="kiosk"> with the kiosk bundle):
// one question a screen; a tap on an answer moves on by itself.
import { expect } from "@playwright/test";
import { TEXT, radio, commentBox } from "./widget.mjs";

/** The kiosk's own words (components/src/feedback/kiosk/words.rs). */
export const KTEXT = {
  da: {
    progress: (i, n) => `Spørgsmål ${i} af ${n}`,
    back: "Tilbage",
    next: "Næste",
    stillHere: "Er du her stadig?",
    secondsLeft: (n) => (n === 1 ? "1 sekund tilbage" : `${n} sekunder tilbage`),
    carryOn: "Ja, jeg vil gerne fortsætte",
    change: "Ret dine svar",
  },
  en: {
    progress: (i, n) => `Question ${i} of ${n}`,
    back: "Back",
    next: "Next",
    stillHere: "Are you still there?",
    secondsLeft: (n) => (n === 1 ? "1 second left" : `${n} seconds left`),
    carryOn: "Yes, I want to continue",
    change: "Change your answers",
  },
};

/** The built-in definition's questions, one a screen, in order. */
export const SCREENS = ["overall", "heard", "information", "next", "meeting", "comment"];

/** The option card (the label a finger taps) of `question` with `value`. */
export function card(w, question, value) {
  return w.locator(`label:has(input[name="q-${question}"][value="${value}"])`);
}

/** Expects screen `i` (1-based) of the questions to be the one shown. */
export async function expectScreen(w, i, lang = "da") {
  const progress = w.locator(`#kiosk-step-${i - 1}`);
  await expect(progress).toBeVisible();
  await expect(progress).toHaveText(KTEXT[lang].progress(i, SCREENS.length));
  await expect(w.locator(".kiosk-progress:visible")).toHaveCount(1);
}

/** The 1-based number of the question screen shown now (0: none). */
export async function currentScreen(w) {
  return w.evaluate((host) => {
    const shown = [...host.shadowRoot.querySelectorAll(".kiosk-progress")].find((p) => p.checkVisibility());
    return shown ? Number(shown.id.replace("kiosk-step-", "")) + 1 : 0;
  });
}

/** Presses the screen's "Næste" (or, on the last question, "Fortsæt"). */
export async function pressNext(w, lang = "da") {
  const last = (await currentScreen(w)) === SCREENS.length;
  await w.getByRole("button", { name: last ? TEXT[lang].next : KTEXT[lang].next, exact: true }).click();
}

/**
 * Answers `answers` ({question: value}) and `comment` screen by screen from
 * the screen shown now, up to the review: an answer is tapped (`tap`: a
 * touch, else a mouse click) and moves on by itself; a question left out
 * is passed with "Næste".
 */
export async function kioskFill(w, answers = {}, comment, { tap = false, lang = "da" } = {}) {
  for (let i = await currentScreen(w); i >= 1 && i <= SCREENS.length; i += 1) {
    await expectScreen(w, i, lang);
    const question = SCREENS[i - 1];
    if (question === "comment") {
      if (comment !== undefined) await commentBox(w).fill(comment);
      await pressNext(w, lang);
    } else if (answers[question] !== undefined) {
      const target = card(w, question, answers[question]);
      await (tap ? target.tap() : target.click());
      await expect(radio(w, question, answers[question])).toBeChecked();
    } else {
      await pressNext(w, lang);
    }
  }
  await expect(w.getByRole("heading", { name: TEXT[lang].review })).toBeVisible();
}
