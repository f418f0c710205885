// The gallery's section per element (examples/gallery/elements.js): made
// from custom-elements.json, so each element the build describes has its
// section, its attribute table says exactly the described attributes, and
// each form control has a live demo in a plain <form> that shows what the
// form would submit.
import { test, expect } from "@playwright/test";
import { BASE } from "./lib/env.mjs";
import { expectNoAxeViolations } from "./lib/axe.mjs";

test("the gallery has a section per element, with its snippet, its attributes and, for a form control, a live demo", async ({ page, request }) => {
  const manifest = await (await request.get(`${BASE}/dist/lokalform/custom-elements.json`)).json();
  const declarations = manifest.modules.flatMap((m) => m.declarations).filter((d) => d.customElement);
  expect(declarations.length).toBeGreaterThanOrEqual(9);
  await page.goto(`${BASE}/`);
  const list = page.locator("#elements-list");
  await expect(list).toHaveAttribute("aria-busy", "false");
  for (const d of declarations) {
    const section = list.locator(`section[data-tag="${d.tagName}"]`);
    await expect(section.getByRole("heading", { level: 3 }), d.tagName).toHaveText(`<${d.tagName}>`);
    await expect(section.locator(".snippet"), d.tagName).toContainText(`<${d.tagName}`);
    const names = await section.locator("table.attributes tbody tr td:first-child").allTextContents();
    expect(names, `${d.tagName}: the attribute table`).toEqual(d.attributes.map((a) => a.name));
    const control = d.attributes.some((a) => a.name === "name");
    await expect(section.locator("form.demo"), d.tagName).toHaveCount(control ? 1 : 0);
  }
});

test("the CPR box's demo submits its value with the plain form, is required, and resets", async ({ page }) => {
  await page.goto(`${BASE}/`);
  const section = page.locator('section[data-tag="lokal-cpr"]');
  const out = section.locator("pre.submitted");
  const send = section.getByRole("button", { name: "Send", exact: true });
  // Required and empty: the browser blocks the submit.
  await send.click();
  await expect(out).toHaveText("(intet endnu)");
  // The ordinary <label for> names the control.
  await section.locator('label[for="demo-cpr"]').click();
  await page.keyboard.type("010190-1234");
  await send.click();
  await expect(out).toHaveText("demo-cpr=010190-1234");
  await section.getByRole("button", { name: "Ryd", exact: true }).click();
  await expect(out).toHaveText("(intet endnu)");
  expect(await section.locator("lokal-cpr").evaluate((el) => el.value)).toBe("");
});

test("the gallery's element sections pass axe", async ({ page }) => {
  await page.goto(`${BASE}/`);
  await expect(page.locator("#elements-list")).toHaveAttribute("aria-busy", "false");
  await expectNoAxeViolations(page, "the gallery's element sections", "#elements-list");
});
