// The loader (dist/lokalform/loader.js): a partner's one script line for
// any lokal-* element. Each tag is defined on first sight by importing the
// bundle that holds it, once per bundle: two feedback boxes load the
// feedback bundle once; a page that also has the form engine loads only the
// all-widgets bundle; an element added later is loaded then. The same on a
// host page with the strict policy and the loader on the second origin
// (examples/strict-csp/loader.html).
import { test, expect } from "@playwright/test";
import { BASE, COLLECTOR, STRICT_CSP, WIDGET_ORIGIN } from "./lib/env.mjs";
import { recordRequests } from "./lib/network.mjs";
import { widget, ready } from "./lib/widget.mjs";

/** Serves `body` as a partner's page at `/partner/<name>` with the loader's one script line. */
async function partnerPage(page, name, body) {
  const url = `${BASE}/partner/${name}`;
  await page.route(url, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Partner</title>
<script type="module" src="/dist/lokalform/loader.js"></script></head>
<body><main><h1>Partnerens side</h1>${body}</main></body></html>`,
    }),
  );
  return url;
}

/** The bundle files (module and wasm) a page fetched, by path, with their counts. */
function bundleFetches(log) {
  const counts = {};
  for (const r of log) {
    const path = new URL(r.url).pathname;
    if (/\/dist\/lokalform\/(feedback|all)\//.test(path)) counts[path] = (counts[path] ?? 0) + 1;
  }
  return counts;
}

/** Two feedback boxes on `url`: the feedback bundle (module and wasm) fetched once, nothing else. */
async function twoBoxesLoadOnce(page, url) {
  const problems = [];
  page.on("console", (m) => /Content Security Policy|CORS/i.test(m.text()) && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  const { log, settled } = recordRequests(page);
  await page.goto(url);
  await ready(widget(page, 0));
  await ready(widget(page, 1));
  await settled();
  expect(bundleFetches(log)).toEqual({
    "/dist/lokalform/feedback/lokalform-feedback.js": 1,
    "/dist/lokalform/feedback/lokalform-feedback_bg.wasm": 1,
  });
  await expect(widget(page, 1).getByText("How was your meeting", { exact: false }).first()).toBeVisible();
  expect(problems).toEqual([]);
}

test("two feedback boxes load the feedback bundle once", async ({ page }) => {
  await twoBoxesLoadOnce(
    page,
    await partnerPage(
      page,
      "two",
      `<lokal-feedback id="a" collector="${COLLECTOR}"></lokal-feedback><lokal-feedback id="b" lang="en" collector="${COLLECTOR}"></lokal-feedback>`,
    ),
  );
});

test("under the strict policy, the loader and the bundle on the second origin, two boxes load it once", async ({ page }) => {
  const response = await page.request.get(`${STRICT_CSP}loader.html`);
  expect(response.headers()["content-security-policy"]).toContain(`script-src ${WIDGET_ORIGIN} 'wasm-unsafe-eval'`);
  await twoBoxesLoadOnce(page, `${STRICT_CSP}loader.html`);
});

test("a page with the feedback box and the form engine loads only the all-widgets bundle", async ({ page }) => {
  const { log, settled } = recordRequests(page);
  await page.goto(
    await partnerPage(page, "both", `<lokal-feedback collector="${COLLECTOR}"></lokal-feedback><lokal-form form="/forms/feedback.json" protect="device"></lokal-form>`),
  );
  await ready(widget(page, 0));
  await expect(page.locator("lokal-form").locator(".lokal-root")).toBeAttached();
  await settled();
  expect(bundleFetches(log)).toEqual({
    "/dist/lokalform/all/lokalform-all.js": 1,
    "/dist/lokalform/all/lokalform-all_bg.wasm": 1,
  });
});

test("an element added later is loaded when it appears, and nothing before", async ({ page }) => {
  const { log, settled } = recordRequests(page);
  await page.goto(await partnerPage(page, "later", `<div id="slot"></div>`));
  await page.waitForTimeout(500);
  await settled();
  expect(bundleFetches(log), "no element, no bundle").toEqual({});
  await page.evaluate((collector) => {
    const box = document.createElement("lokal-feedback");
    box.setAttribute("collector", collector);
    document.getElementById("slot").append(box);
  }, COLLECTOR);
  await ready(widget(page, 0));
  await settled();
  expect(Object.keys(bundleFetches(log))).toEqual([
    "/dist/lokalform/feedback/lokalform-feedback.js",
    "/dist/lokalform/feedback/lokalform-feedback_bg.wasm",
  ]);
});
