// The widgets on a host page with a strict Content-Security-Policy
// (`default-src 'none'; script-src <widget origin> 'wasm-unsafe-eval';
// connect-src <collector> <widget origin>; style-src <widget origin>`),
// the widget files on a second origin (another loopback port): they load,
// look as designed (computed styles prove the adopted stylesheet applies),
// hide what is hidden, send, and the browser reports no CSP violation.
// With the stylesheet blocked, the form is still plain, correct and usable.
// The same pages again with Trusted Types required
// (`require-trusted-types-for 'script'`): markup goes through the
// `lokalform` policy, nothing is refused.
import { test, expect } from "@playwright/test";
import { STRICT_CSP, WIDGET_ORIGIN, COLLECTOR, BASE } from "./lib/env.mjs";
import { recordRequests, postsTo } from "./lib/network.mjs";
import { widget, ready, radio, TEXT } from "./lib/widget.mjs";
import { createRegistry } from "./lib/programme.mjs";

/** The strict pages, and the same pages with Trusted Types required. */
const VARIANTS = [
  { name: "strict policy", pages: STRICT_CSP },
  { name: "strict policy with Trusted Types", pages: "/examples/strict-csp-trusted-types/" },
];

/** Collects CSP violations (the DOM event and the console's report) and
 * uncaught errors. */
async function watchViolations(page) {
  const console = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy|Trusted ?Type/i.test(m.text())) console.push(m.text());
  });
  page.on("pageerror", (e) => console.push(`uncaught: ${e.message}`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return async () => [...console, ...(await page.evaluate(() => window.__cspViolations))];
}

/** Makes constructable stylesheets unusable, so the widget falls back to a
 * <style> element, which the policy blocks: the page as it would be when
 * styles cannot be applied. */
async function blockStyles(page) {
  await page.addInitScript(() => {
    CSSStyleSheet.prototype.replaceSync = () => {
      throw new Error("styles blocked by the test");
    };
  });
}

test("the page is served with the strict policy and the widget comes from the second origin", async ({ page }) => {
  const response = await page.goto(STRICT_CSP);
  const policy = response.headers()["content-security-policy"];
  expect(policy).toBe(
    `default-src 'none'; script-src ${WIDGET_ORIGIN} 'wasm-unsafe-eval'; connect-src ${COLLECTOR} ${WIDGET_ORIGIN}; style-src ${WIDGET_ORIGIN}`,
  );
  expect(new URL(WIDGET_ORIGIN).origin).not.toBe(new URL(BASE).origin);
});

for (const { name, pages } of VARIANTS) {
test(`the feedback box under the ${name} looks as designed, hides what is hidden, sends, and violates nothing`, async ({ page }) => {
  const violations = await watchViolations(page);
  const rec = recordRequests(page);
  await page.goto(pages);
  const w = widget(page);
  await ready(w);

  // Loaded from the widget's origin: the module and the wasm.
  const fromWidget = rec.log.filter((r) => r.url.startsWith(WIDGET_ORIGIN)).map((r) => new URL(r.url).pathname);
  expect(fromWidget).toEqual(expect.arrayContaining([
    "/dist/lokalform/feedback/lokalform-feedback.js",
    "/dist/lokalform/feedback/lokalform-feedback_bg.wasm",
  ]));
  // The page preloads the module and the wasm (README, "Fetching early"):
  // each is fetched once, the preload is used.
  for (const file of ["lokalform-feedback.js", "lokalform-feedback_bg.wasm"]) {
    expect(fromWidget.filter((p) => p.endsWith(`/${file}`)), file).toHaveLength(1);
  }

  // The stylesheet applies: the host is a block, the primary button has the
  // accent colour, the radio inputs of the faces are visually hidden behind
  // the drawn faces.
  await expect(w).toHaveCSS("display", "block");
  const next = w.getByRole("button", { name: TEXT.da.next, exact: true });
  await expect(next).toHaveCSS("background-color", "rgb(0, 77, 153)");
  await expect(w.locator(".error-summary")).toBeHidden();
  await expect(w.getByText(TEXT.da.draftRestored)).toBeHidden();

  // Errors show, then the form sends.
  await next.click();
  await expect(w.locator(".error-summary")).toBeVisible();
  await radio(w, "overall", "4").check({ force: true });
  await next.click();
  await expect(w.getByRole("heading", { name: TEXT.da.review })).toBeVisible();
  await w.getByRole("button", { name: TEXT.da.send, exact: true }).click();
  await expect(w.getByRole("heading", { name: TEXT.da.thanks })).toBeVisible();
  await rec.settled();
  expect(postsTo(rec.log, "/api/v1/increments").map((r) => r.status)).toEqual([200]);

  expect(await violations(), "no CSP violation").toEqual([]);
});
}

test("with its stylesheet blocked the feedback box is still a plain, usable form with nothing hidden showing", async ({ page }) => {
  await blockStyles(page);
  const violations = await watchViolations(page);
  const rec = recordRequests(page);
  await page.goto(STRICT_CSP);
  const w = widget(page);
  await ready(w);

  // Unstyled: the fallback <style> was refused by the policy (reported).
  await expect(w.getByRole("button", { name: TEXT.da.next, exact: true })).not.toHaveCSS("background-color", "rgb(0, 77, 153)");
  expect((await violations()).some((v) => v.includes("style-src"))).toBe(true);

  // Nothing that should be hidden shows.
  await expect(w.locator(".error-summary")).toBeHidden();
  await expect(w.getByText(TEXT.da.draftRestored)).toBeHidden();
  await expect(w.getByRole("button", { name: TEXT.da.startOver })).toBeHidden();

  // The native radio buttons work and the form sends.
  await radio(w, "overall", "4").check();
  await w.getByRole("button", { name: TEXT.da.next, exact: true }).click();
  await expect(w.getByRole("heading", { name: TEXT.da.review })).toBeVisible();
  await w.getByRole("button", { name: TEXT.da.send, exact: true }).click();
  await expect(w.getByRole("heading", { name: TEXT.da.thanks })).toBeVisible();
  await rec.settled();
  expect(postsTo(rec.log, "/api/v1/increments").map((r) => r.status)).toEqual([200]);
});

for (const { name, pages } of VARIANTS) {
test(`the form engine under the ${name} loads its definition from the widget's origin, sends, and violates nothing`, async ({ page }) => {
  const violations = await watchViolations(page);
  const rec = recordRequests(page);
  await page.goto(`${pages}form.html`);
  const host = page.locator("lokal-form");
  await expect(host.locator("#lf-step-heading")).toBeVisible({ timeout: 30_000 });
  await expect(host).toHaveCSS("display", "block");
  await expect(host.locator(".error-summary")).toHaveCount(0);

  await host.locator('input[name="lf-overall"][value="4"]').check({ force: true });
  await host.getByRole("button", { name: "Næste" }).click();
  await expect(host.locator("#lf-step-heading")).toHaveText("Tjek dine svar");
  await host.getByRole("button", { name: "Send" }).click();
  await expect(host.locator("#lf-step-heading")).toHaveText("Tak for din feedback");
  await rec.settled();
  expect(rec.log.some((r) => r.url === `${WIDGET_ORIGIN}/forms/feedback.json` && r.status === 200)).toBe(true);
  expect(postsTo(rec.log, "/api/v1/increments").map((r) => r.status)).toEqual([200]);
  expect(await violations(), "no CSP violation").toEqual([]);
});

test(`the field elements under the ${name}: the instrument, the signature and a CPR box are live, styled and join the form, and nothing is violated`, async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto(`${pages}fields.html`);
  const lsns = page.locator("lokal-instrument");
  await expect(lsns.locator('[id="lf-item_6"]')).toBeAttached({ timeout: 30_000 });
  await expect(lsns.locator(".lokal-instrument")).toHaveCSS("border-top-width", "0px");
  await lsns.locator('[id="lf-item_1-2"]').check();
  await page.locator("lokal-signature").locator('[id="lf-value"]').fill("Ida Jensen");
  await page.locator("lokal-cpr").locator('[id="lf-value"]').fill("010190-1234");
  const data = await page.evaluate(() => Object.fromEntries(new FormData(document.querySelector("form"))));
  expect(JSON.parse(data.lsns)).toEqual({ family_see: 2 });
  expect(JSON.parse(data.signature).name).toBe("Ida Jensen");
  expect(data.cpr).toBe("010190-1234");
  expect(await violations(), "no CSP violation").toEqual([]);
});

test(`the worker's app under the ${name} creates its encrypted registry, styled, and violates nothing`, async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto(`${pages}programme.html`);
  const host = page.locator("lokal-programme");
  await expect(host.getByRole("heading", { name: "Opret et register for programmet" })).toBeVisible({ timeout: 30_000 });
  await expect(host).toHaveCSS("display", "block");
  // The encrypted registry (IndexedDB, WebCrypto) works under the policy.
  await createRegistry(host, "en lang nok adgangskode");
  expect(await violations(), "no CSP violation").toEqual([]);
});
}

for (const { name, pages } of VARIANTS) {
test(`under the ${name}, the first screen is drawn before the wasm and the choice survives the take-over`, async ({ page }) => {
  const violations = await watchViolations(page);
  let release;
  const released = new Promise((r) => (release = r));
  await page.route("**/*.wasm", async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(pages);
  const w = widget(page);
  await expect(w.locator(".lokal-first")).toHaveCount(1);
  await expect(w.getByRole("heading", { name: TEXT.da.title })).toBeVisible();
  // Styled by the adopted sheet before any wasm.
  expect(await w.locator("button[type=submit]").evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
  // A face chosen with the mouse: focus is on its radio button, which has
  // no text cursor to carry over.
  await w.getByText("Meget godt", { exact: true }).click();
  release();
  await ready(w);
  await expect(radio(w, "overall", "5")).toBeChecked();
  await expect(radio(w, "overall", "5")).toBeFocused();
  expect(await violations()).toEqual([]);
});
}
