// The browser benchmark's reference pages (tests/e2e/bench/pages/, served
// under /bench/) ask exactly the questions of the built-in definition
// forms/feedback.json, in Danish: the same labels and options, "Vil helst
// ikke svare" on the optional choices, the comment with its help. A
// comparison with a different form would measure nothing; this fails when
// the definition changes and the pages do not.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { FORMS_DIR } from "../lib/env.mjs";

const DECLINED = "Vil helst ikke svare";
const definition = JSON.parse(fs.readFileSync(path.join(FORMS_DIR, "feedback.json"), "utf8"));
/** Each question as the pages should show it: label, help and option texts. */
const expected = definition.fields.map((f) => ({
  id: f.id,
  label: f.label.da,
  required: f.required === true,
  help: f.help?.da ?? null,
  options: f.type === "comment" ? [] : [...f.options.map((o) => o.label.da), ...(f.required ? [] : [DECLINED])],
}));

test("the plain-HTML reference page asks forms/feedback.json's questions", async ({ page }) => {
  await page.goto("/bench/plain/");
  await expect(page.locator("h2").first()).toHaveText(definition.title.da);
  await expect(page.locator(".intro")).toHaveText(definition.intro.da);
  const shown = await page.evaluate((ids) =>
    ids.map((id) => {
      const comment = document.getElementById(`q-${id}`);
      if (comment?.localName === "textarea") {
        return { id, label: document.querySelector(`label[for="q-${id}"]`).textContent.trim(), help: document.getElementById(`q-${id}-help`).textContent, options: [] };
      }
      const fieldset = document.getElementById(`q-${id}-0`).closest("fieldset");
      return { id, label: fieldset.querySelector("legend").textContent.trim(), help: null, options: [...fieldset.querySelectorAll("label")].map((l) => l.textContent.trim()) };
    }),
  expected.map((f) => f.id));
  expect(shown).toEqual(expected.map(({ id, label, required, help, options }) => ({ id, label: required ? `${label} (skal besvares)` : label, help, options })));
  await expect(page.getByRole("button", { name: "Fortsæt" })).toBeVisible();
});

test("the SurveyJS reference page asks forms/feedback.json's questions", async ({ page }) => {
  await page.goto("/bench/surveyjs/");
  await page.waitForFunction(() => window.feedbackSurvey !== undefined);
  const survey = await page.evaluate(() => {
    const s = window.feedbackSurvey;
    return {
      title: s.title,
      description: s.description,
      questions: s.getAllQuestions().map((q) => ({
        id: q.name,
        label: q.title,
        required: q.isRequired,
        help: q.description || null,
        options: (q.getType() === "rating" ? q.visibleRateValues : q.visibleChoices ?? []).map((c) => c.text),
      })),
    };
  });
  expect(survey).toEqual({ title: definition.title.da, description: definition.intro.da, questions: expected });
  await expect(page.locator('input[type="radio"]').first()).toBeEnabled();
  await expect(page.getByRole("button", { name: "Fortsæt" })).toBeVisible();
});
