// <lokal-instrument> and <lokal-signature> (fields bundle) inside a
// partner's own plain <form> (examples/fields/): keyboard-only completion,
// the answers and the score in FormData, reset, required blocking the
// submit with the Danish message naming the missing items, the <label for>
// naming each control (axe clean); the instrument scores LSNS-6 exactly as
// the Rust core does (fixtures/lsns6-scores.json, asserted by
// crates/forms/tests/lsns6_scores.rs); lokal-scored never carries the
// answers; a broken definition names the path of its problem; the loader
// loads the fields bundle once for an instrument and a CPR box.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { BASE } from "./lib/env.mjs";
import { recordRequests } from "./lib/network.mjs";
import { expectNoAxeViolations } from "./lib/axe.mjs";

const PAGE = "/examples/fields/";
const CASES = JSON.parse(readFileSync(new URL("./fixtures/lsns6-scores.json", import.meta.url), "utf8")).cases;
const ITEMS = ["family_see", "family_talk", "family_help", "friends_see", "friends_talk", "friends_help"];

const instrument = (page) => page.locator("lokal-instrument");
const signature = (page) => page.locator("lokal-signature");

/** Waits until the instrument and the signature are live. */
async function live(page) {
  await expect(instrument(page).locator('[id="lf-item_6"]')).toBeAttached();
  await expect(signature(page).locator('[id="lf-value"]')).toBeAttached();
}

/** The form's FormData as [name, value] pairs. */
const formData = (page) => page.evaluate(() => [...new FormData(document.getElementById("intake"))]);

/** Every lokal-scored detail the instrument dispatches, collected in the page. */
async function collectScores(page) {
  await page.evaluate(() => {
    window.__scores = [];
    document.getElementById("lsns").addEventListener("lokal-scored", (e) => window.__scores.push(e.detail));
  });
}
const lastScore = (page) => page.evaluate(() => window.__scores.at(-1));

/** Clicks the option with `value` of item `n` (1-based): LSNS-6's values are the options' places. */
async function answer(page, n, value) {
  const id = value === 0 ? `lf-item_${n}` : `lf-item_${n}-${value}`;
  await instrument(page).locator(`[id="${id}"]`).check();
}

test("completed by keyboard alone: the answers, the score and the signature arrive in FormData", async ({ page }) => {
  const { log, settled } = recordRequests(page);
  await page.goto(PAGE);
  await live(page);
  await page.locator("#name").fill("Ida Jensen");
  await page.locator("lokal-cpr").locator('[id="lf-value"]').fill("010190-1234");
  // The page's label moves focus into the instrument's first item.
  await page.locator('label[for="lsns"]').click();
  expect(await instrument(page).evaluate((el) => el.shadowRoot.activeElement?.id)).toBe("lf-item_1");
  // Case 4 of the table: 1, 2, 3, 4, 5, 0. Arrows choose within an item, Tab goes on.
  const values = [1, 2, 3, 4, 5, 0];
  for (const [i, v] of values.entries()) {
    if (i > 0) await page.keyboard.press("Tab");
    if (v === 0) await page.keyboard.press("Space");
    for (let k = 0; k < v; k++) await page.keyboard.press("ArrowDown");
  }
  await expect(instrument(page).locator(".instrument-status")).toHaveText("Du har svaret på alle 6 spørgsmål.");
  // On to the signature's name box (past the disabled "clear" button) and type it.
  await page.keyboard.press("Tab");
  expect(await signature(page).evaluate((el) => el.shadowRoot.activeElement?.id)).toBe("lf-value");
  await page.keyboard.type("Ida Jensen");
  await page.getByRole("button", { name: "Tilmeld" }).click();
  const data = Object.fromEntries(await formData(page));
  expect(JSON.parse(data.lsns)).toEqual(Object.fromEntries(ITEMS.map((id, i) => [id, values[i]])));
  expect(data["lsns.score"]).toBe("15");
  expect(data["lsns.score.family"]).toBe("6");
  expect(data["lsns.score.friends"]).toBe("9");
  expect(JSON.parse(data.signature)).toEqual({ name: "Ida Jensen", drawing: "" });
  await expect(page.locator("#submitted")).toContainText("lsns.score = 15");
  await expect(page.locator("#lsns-score")).toHaveText("Score: 15 af 30.");
  await settled();
  expect(log.filter((r) => !r.url.startsWith(BASE)), "no request but the page's own origin").toEqual([]);
  expect(log.filter((r) => r.method !== "GET"), "the elements send nothing").toEqual([]);
});

test("the instrument scores every LSNS-6 answer set as the Rust core does, and lokal-scored carries no answers", async ({ page }) => {
  await page.goto(PAGE);
  await live(page);
  await collectScores(page);
  for (const c of CASES) {
    await page.getByRole("button", { name: "Ryd formularen" }).click();
    for (const [i, id] of ITEMS.entries()) if (id in c.answers) await answer(page, i + 1, c.answers[id]);
    const count = Object.keys(c.answers).length;
    await expect.poll(async () => (await lastScore(page))?.answered).toBe(count);
    const detail = await lastScore(page);
    expect(detail.total, JSON.stringify(c.answers)).toBe(c.total);
    expect(detail.flagged).toBe(c.flagged);
    expect(detail.missing).toEqual(c.missing);
    const sub = Object.fromEntries(detail.subscales.map((s) => [s.id, s.score]));
    expect(sub).toEqual({ family: c.family, friends: c.friends });
    // The score only: its members, and no answer in it.
    expect(Object.keys(detail).sort()).toEqual(["answered", "band", "flagged", "missing", "subscales", "total"]);
    const text = JSON.stringify(detail);
    for (const id of ITEMS) expect(text).not.toContain(`"${id}":`);
    const data = Object.fromEntries(await formData(page));
    expect(data["lsns.score"] ?? null).toBe(c.total === null ? null : String(c.total));
  }
  // With friends_help missing the line names question 6.
  await expect(instrument(page).locator(".instrument-status")).toHaveText(
    "Du har svaret på 5 af 6 spørgsmål. Der mangler svar på spørgsmål 6.",
  );
});

test("required: the form is not submitted until the instrument can be scored, with a Danish message naming the missing items; reset clears", async ({ page }) => {
  await page.goto(PAGE);
  await live(page);
  await page.locator("#name").fill("Ida Jensen");
  await page.locator("lokal-cpr").locator('[id="lf-value"]').fill("010190-1234");
  await instrument(page).evaluate((el) => (el.required = true));
  await answer(page, 1, 2);
  await answer(page, 3, 1);
  expect(await instrument(page).evaluate((el) => el.checkValidity())).toBe(false);
  expect(await instrument(page).evaluate((el) => el.validationMessage)).toBe("Der mangler svar på spørgsmål 2, 4, 5 og 6.");
  await page.getByRole("button", { name: "Tilmeld" }).click();
  await expect(page.locator("#submitted")).toHaveText("(intet endnu)");
  // Each missing item says so once the form was tried.
  await expect(instrument(page).locator('[id="lf-item_2-error"]')).toBeVisible();
  await expect(instrument(page).locator('[id="lf-item_1-error"]')).toHaveCount(0);
  for (const n of [2, 4, 5, 6]) await answer(page, n, 0);
  expect(await instrument(page).evaluate((el) => el.checkValidity())).toBe(true);
  await page.getByRole("button", { name: "Tilmeld" }).click();
  await expect(page.locator("#submitted")).toContainText("lsns.score = 3");
  // A required signature: the engine's message.
  await signature(page).evaluate((el) => (el.required = true));
  expect(await signature(page).evaluate((el) => el.validationMessage)).toBe("Skriv navnet, eller tegn underskriften.");
  // Reset empties both and leaves nothing to submit.
  await signature(page).locator('[id="lf-value"]').fill("Ida Jensen");
  await page.getByRole("button", { name: "Ryd formularen" }).click();
  await expect(instrument(page).locator('[id="lf-item_1"]')).not.toBeChecked();
  await expect(signature(page).locator('[id="lf-value"]')).toHaveValue("");
  const names = (await formData(page)).map(([k]) => k);
  expect(names.filter((k) => k.startsWith("lsns") || k === "signature")).toEqual([]);
  expect(await instrument(page).evaluate((el) => el.value)).toBe("");
});

test("the value property sets the answers; disabled submits nothing", async ({ page }) => {
  await page.goto(PAGE);
  await live(page);
  await instrument(page).evaluate((el) => (el.value = JSON.stringify({ family_see: 4, friends_help: 1 })));
  await expect(instrument(page).locator('[id="lf-item_1-4"]')).toBeChecked();
  await expect(instrument(page).locator('[id="lf-item_6-1"]')).toBeChecked();
  expect(JSON.parse(await instrument(page).evaluate((el) => el.value))).toEqual({ family_see: 4, friends_help: 1 });
  await instrument(page).evaluate((el) => (el.disabled = true));
  await expect(instrument(page).locator('[id="lf-item_2"]')).toBeDisabled();
  const names = (await formData(page)).map(([k]) => k);
  expect(names).not.toContain("lsns");
});

test("each is named by the page's <label for>, and axe finds nothing, with and without errors", async ({ page }) => {
  await page.goto(PAGE);
  await live(page);
  await expect(page.getByRole("group", { name: "Dit netværk (LSNS-6)" })).toBeVisible();
  await expect(page.getByRole("radiogroup", { name: /^1\. Hvor mange af dine familiemedlemmer/ }).or(page.getByRole("group", { name: /^1\. Hvor mange af dine familiemedlemmer/ }))).toBeVisible();
  await page.locator('label[for="signature"]').click();
  expect(await signature(page).evaluate((el) => el.shadowRoot.activeElement?.id)).toBe("lf-value");
  await expectNoAxeViolations(page, "fields page with instrument and signature");
  await instrument(page).evaluate((el) => (el.required = true));
  await page.locator("#name").fill("Ida Jensen");
  await page.getByRole("button", { name: "Tilmeld" }).click();
  await expectNoAxeViolations(page, "fields page with the instrument's errors");
});

test("a definition with a problem shows a Danish message naming its path, and says so with lokal-error", async ({ page }) => {
  await page.route(`${BASE}/partner/broken.json`, (route) =>
    route.fulfill({
      contentType: "application/json",
      body: JSON.stringify({
        id: "mine", version: 1, title: { da: "Mit skema" }, source: { da: "Egen" },
        scale: [{ value: 0, label: { da: "Nej" } }, { value: 1, label: { da: "Ja" } }],
        items: [{ id: "a", text: { da: "A?" }, subscale: "famliy" }],
        scoring: { method: "sum" },
      }),
    }),
  );
  await page.route(`${BASE}/partner/instrument`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Partner</title>
<script>window.__errors = []; addEventListener("lokal-error", (e) => window.__errors.push(e.detail.message));</script>
<script type="module" src="/dist/lokalform/loader.js"></script></head>
<body><main><h1>Partnerens side</h1><form><label for="mine">Mit skema</label>
<lokal-instrument id="mine" name="mine" src="/partner/broken.json"></lokal-instrument></form></main></body></html>`,
    }),
  );
  await page.goto(`${BASE}/partner/instrument`);
  const alert = instrument(page).getByRole("alert");
  await expect(alert).toContainText("Spørgeskemaet kan ikke vises lige nu.");
  await expect(alert).toContainText("Fejlen er i skemaets definition, /partner/broken.json, ved items[0].subscale.");
  expect((await page.evaluate(() => window.__errors)).join("\n")).toContain("items[0].subscale");
});

test("the loader loads the fields bundle once for an instrument and a CPR box", async ({ page }) => {
  await page.route(`${BASE}/partner/both`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Partner</title>
<script type="module" src="/dist/lokalform/loader.js"></script></head>
<body><main><h1>Partnerens side</h1><form>
<label for="cpr">CPR-nummer</label> <lokal-cpr id="cpr" name="cpr"></lokal-cpr>
<label for="lsns">Dit netværk</label> <lokal-instrument id="lsns" name="lsns"></lokal-instrument>
</form></main></body></html>`,
    }),
  );
  const { log, settled } = recordRequests(page);
  await page.goto(`${BASE}/partner/both`);
  await expect(instrument(page).locator('[id="lf-item_6"]')).toBeAttached();
  await expect(page.locator("lokal-cpr").locator('[id="lf-value"]')).toBeAttached();
  await settled();
  const counts = {};
  for (const r of log) {
    const path = new URL(r.url).pathname;
    if (/\/dist\/lokalform\/\w+\//.test(path)) counts[path] = (counts[path] ?? 0) + 1;
  }
  expect(counts).toEqual({
    "/dist/lokalform/fields/lokalform-fields.js": 1,
    "/dist/lokalform/fields/lokalform-fields_bg.wasm": 1,
  });
});
