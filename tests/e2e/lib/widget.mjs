// Driving <lokal-feedback> through its open shadow root. Playwright's CSS
// and role locators pierce open shadow roots, so these are plain locators.
import { expect } from "@playwright/test";

/** Texts of the widget, per language (from components/src/common/words.rs and forms/feedback.json). */
export const TEXT = {
  da: {
    title: "Hvordan var dit møde med kommunen?",
    next: "Fortsæt",
    review: "Tjek, hvad der bliver sendt",
    send: "Send",
    thanks: "Tak for din feedback",
    errorSummary: "Der er et problem",
    errorPrefix: "Fejl:",
    chooseOne: "Vælg et svar.",
    overallMissing: "Vælg, hvordan mødet var alt i alt.",
    declined: "Vil helst ikke svare",
    required: "(skal besvares)",
    queued: "Vi kunne ikke få forbindelse lige nu",
    draftRestored: "Vi har hentet de svar, du var i gang med.",
    startOver: "Start forfra",
    newFeedback: "Giv ny feedback",
    overall: "Hvordan var mødet alt i alt?",
    comment: "Vil du fortælle os mere?",
    faces: ["Meget dårligt", "Dårligt", "Hverken godt eller dårligt", "Godt", "Meget godt"],
  },
  en: {
    title: "How was your meeting with the municipality?",
    next: "Continue",
    review: "Check what will be sent",
    send: "Send",
    thanks: "Thank you for your feedback",
    errorSummary: "There is a problem",
    errorPrefix: "Error:",
    chooseOne: "Choose an answer.",
    overallMissing: "Choose how the meeting was overall.",
    declined: "I would rather not answer",
    required: "(required)",
    queued: "We could not connect just now",
    draftRestored: "We have brought back the answers you were working on.",
    startOver: "Start over",
    newFeedback: "Give new feedback",
    overall: "Overall, how was the meeting?",
    comment: "Would you like to tell us more?",
    faces: ["Very poor", "Poor", "Neither good nor poor", "Good", "Very good"],
  },
};

/** The questions with options, in the definition's order, and their option values. */
export const QUESTIONS = {
  overall: ["1", "2", "3", "4", "5"],
  heard: ["yes", "partly", "no"],
  information: ["yes", "partly", "no"],
  next: ["yes", "partly", "no"],
  meeting: ["office", "home", "phone", "video", "network", "other"],
};

/** A complete set of answers (option values) used by most tests. */
export const ANSWERS = { overall: "4", heard: "yes", information: "partly", next: "no", meeting: "phone" };

/** The `index`-th widget on the page. */
export function widget(page, index = 0) {
  return page.locator("lokal-feedback").nth(index);
}

/**
 * Waits until the live widget (the wasm's, not the pre-rendered first
 * screen: see first-screen.spec.mjs) has its definition and the first face
 * can be chosen.
 */
export async function ready(w) {
  await expect(w.locator(".lokal-root:not(.lokal-first) #q-overall-0")).toBeEnabled({ timeout: 30_000 });
}

/** The radio of `question` with option `value`. */
export function radio(w, question, value) {
  return w.locator(`input[type="radio"][name="q-${question}"][value="${value}"]`);
}

/** The comment box. */
export function commentBox(w) {
  return w.locator("textarea#q-comment");
}

/** Chooses `answers` ({question: value}) and types `comment` (if given). */
export async function fill(w, answers = ANSWERS, comment) {
  for (const [question, value] of Object.entries(answers)) {
    await radio(w, question, value).check();
    await expect(radio(w, question, value)).toBeChecked();
  }
  if (comment !== undefined) {
    await commentBox(w).fill(comment);
  }
}

/** Presses "continue" and waits for the review page. */
export async function toReview(w, lang = "da") {
  await w.getByRole("button", { name: TEXT[lang].next, exact: true }).click();
  await expect(w.getByRole("heading", { name: TEXT[lang].review })).toBeVisible();
}

/** Presses "send" on the review page. */
export async function pressSend(w, lang = "da") {
  await w.getByRole("button", { name: TEXT[lang].send, exact: true }).click();
}

/** Presses "send" and waits for the thank-you page. */
export async function send(w, lang = "da") {
  await pressSend(w, lang);
  await expect(w.getByRole("heading", { name: TEXT[lang].thanks })).toBeVisible();
}

/** Fills, reviews and sends one response. */
export async function answerAndSend(w, { answers = ANSWERS, comment, lang = "da" } = {}) {
  await ready(w);
  await fill(w, answers, comment);
  await toReview(w, lang);
  await send(w, lang);
}

/**
 * Starts listening for `lokal-submitted` on the widget (before the action
 * that submits, so no event is missed) and returns a function that waits
 * for the next event and resolves to its `detail.outcome`.
 */
export async function nextOutcome(w) {
  await w.evaluate((host) => {
    host.__e2eOutcomes = [];
    if (!host.__e2eListening) {
      host.__e2eListening = true;
      host.addEventListener("lokal-submitted", (e) => host.__e2eOutcomes.push(e.detail?.outcome));
    }
  });
  return async () => {
    await expect.poll(() => w.evaluate((host) => host.__e2eOutcomes.length), { message: "a lokal-submitted event" }).toBeGreaterThan(0);
    return w.evaluate((host) => host.__e2eOutcomes.shift());
  };
}

/**
 * What a user could see or a script could read in the widget's shadow root:
 * `text` (all text, hidden parts too), `visibleText`, `html`, and each
 * input's checked state and value (properties, not attributes).
 */
export async function shadowState(w) {
  return w.evaluate((host) => {
    const root = host.shadowRoot;
    const inputs = [...root.querySelectorAll("input, textarea")].map((el) => ({
      id: el.id,
      checked: el.checked ?? false,
      value: el.type === "radio" ? null : el.value,
    }));
    const container = root.querySelector(".lokal-root") ?? root.firstElementChild;
    return { text: root.textContent, visibleText: container?.innerText ?? "", html: root.innerHTML, inputs };
  });
}

/** Describes the element focused inside the widget (through the shadow root), or null. */
export async function focusedInWidget(w) {
  return w.evaluate((host) => {
    const el = host.shadowRoot.activeElement;
    if (!el) return null;
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      className: el.className?.baseVal ?? el.className,
      type: el.getAttribute("type"),
      text: el.textContent.trim().slice(0, 80),
    };
  });
}
