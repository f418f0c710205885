// The form engine's render and input latency: <lokal-form> with a generated
// definition of 40 fields on 4 steps (tests/e2e/fixtures/form-bench-40.json,
// protect="device", so no passphrase panel), 4x CPU throttling, a fresh
// browser context per run, in the system Chromium. Not a test: it measures
// and reports.
//
// What is measured, in the page (performance.now(); 0 = navigation start):
// - first step rendered: until the first field's box (#lf-s1_name) is in
//   the shadow root with a layout box (found by a MutationObserver on the
//   shadow root; requestAnimationFrame before the root exists);
// - "Næste" with errors → summary: from the keydown of Enter on "Næste"
//   (step 1 empty: two required fields) until the error summary is in the
//   DOM;
// - input → error message: with errors shown, one key press in the
//   required e-mail box changes that field's error line: "x" turns "Skriv
//   en e-mailadresse, fx navn@eksempel.dk." into "Skriv e-mailadressen som
//   navn@eksempel.dk.", Backspace turns it back. From the keydown event's
//   timeStamp (when the page received the key) until the error element's
//   text is the new message (MutationObserver), and until the next
//   animation frame after that (the frame that paints it). 5 of each per run.
//
// The page, the definition and dist/ are served by a small HTTP server in
// this process (the static server serves no fixtures, and Playwright's
// request interception would delay every request). Median, min and max of
// 9 runs after one warm-up run, printed as a table and written to
// target/bench/form-render.json.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { ROOT } from "../lib/env.mjs";
import { stats, watchFor } from "./watch.mjs";

const RUNS = 9;
const KEYS_PER_RUN = 5;
const CPU_SLOWDOWN = 4;
const DEFINITION = "/tests/e2e/fixtures/form-bench-40.json";
const PAGE = `/tests/e2e/fixtures/form-page.html?form=${encodeURIComponent(DEFINITION)}&protect=device&id=bench`;
const FIRST_FIELD = "lf-s1_name";
const EMAIL = "lf-s1_email";
const REQUIRED = "Fejl: Skriv en e-mailadresse, fx navn@eksempel.dk.";
const FORMAT = "Fejl: Skriv e-mailadressen som navn@eksempel.dk.";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json; charset=utf-8" };

/** Serves dist/ and tests/e2e/fixtures/ from the repository on 127.0.0.1 (any free port). */
function serve() {
  const allowed = [path.join(ROOT, "dist") + path.sep, path.join(ROOT, "tests/e2e/fixtures") + path.sep];
  const server = http.createServer((req, res) => {
    const file = path.join(ROOT, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!allowed.some((dir) => file.startsWith(dir)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "content-length": body.length, "cache-control": "no-store", "x-content-type-options": "nosniff" });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) })));
}

/** In the page: times from a keydown in the form to a DOM condition, and to the frame after it. */
function installLatencyProbe() {
  const root = document.querySelector("lokal-form").shadowRoot;
  const probe = (window.__lfProbe = { start: null, until: null, samples: [] });
  root.addEventListener("keydown", (e) => { probe.start = e.timeStamp; }, true);
  new MutationObserver(() => {
    if (probe.until === null || probe.start === null || !probe.until(root)) return;
    const dom = performance.now() - probe.start;
    probe.until = null;
    requestAnimationFrame(() => probe.samples.push({ dom, frame: performance.now() - probe.start }));
  }).observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
}

/**
 * Presses `key` (focus must be in the form) and resolves to `{dom, frame}`
 * once the element with id `until.id` exists (and, with `until.text`, has
 * exactly that text).
 */
async function timeKey(page, key, until) {
  const n = await page.evaluate((until) => {
    const probe = window.__lfProbe;
    probe.start = null;
    probe.until = (root) => {
      const el = root.getElementById(until.id);
      return el !== null && (until.text === undefined || el.textContent === until.text);
    };
    return probe.samples.length;
  }, until);
  await page.keyboard.press(key);
  await page.waitForFunction((n) => window.__lfProbe.samples.length > n, n, { polling: 50, timeout: 60_000 });
  const sample = await page.evaluate(() => window.__lfProbe.samples.at(-1));
  // Let the draft save that followed the change finish before the next key.
  await page.waitForTimeout(150);
  return sample;
}

async function measureOnce(browser, base) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchFor, { tag: "lokal-form", id: FIRST_FIELD, global: "__lfRendered", ready: "laid-out" });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.goto(`${base}${PAGE}`, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__lfRendered !== undefined, null, { timeout: 120_000, polling: 100 });
    const load = await page.evaluate((definition) => {
      const nav = performance.getEntriesByType("navigation")[0];
      const resources = performance.getEntriesByType("resource");
      return {
        renderedMs: window.__lfRendered,
        domContentLoadedMs: nav?.domContentLoadedEventEnd ?? null,
        wasmLoadedMs: resources.find((r) => r.name.endsWith(".wasm"))?.responseEnd ?? null,
        definitionLoadedMs: resources.find((r) => r.name.endsWith(definition))?.responseEnd ?? null,
      };
    }, DEFINITION);
    const fields = await page.evaluate(() => document.querySelector("lokal-form").shadowRoot.querySelectorAll("form .field").length);

    await page.evaluate(installLatencyProbe);
    // "Næste" with the required fields empty: until the error summary is there.
    await page.locator("lokal-form").getByRole("button", { name: "Næste", exact: true }).focus();
    const summary = await timeKey(page, "Enter", { id: "lf-error-summary" });
    const host = page.locator("lokal-form");
    await expect(host.locator(`[id="${EMAIL}-error"]`)).toHaveText(REQUIRED);
    await host.locator(`input#${EMAIL}`).focus();
    const typing = [];
    for (let i = 0; i < KEYS_PER_RUN; i++) {
      typing.push(await timeKey(page, "x", { id: `${EMAIL}-error`, text: FORMAT }));
      typing.push(await timeKey(page, "Backspace", { id: `${EMAIL}-error`, text: REQUIRED }));
    }
    return { ...load, fields, summaryDomMs: summary.dom, summaryFrameMs: summary.frame, typing };
  } finally {
    await context.close();
  }
}

test("form engine: first step rendered and input-to-error latency, 40 fields on 4 steps (4x CPU throttling)", async ({ browser }) => {
  const server = await serve();
  try {
    await measureOnce(browser, server.url); // warm-up: the OS file cache, the browser process
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measureOnce(browser, server.url));
    const summary = {
      renderedMs: stats(runs.map((r) => r.renderedMs)),
      domContentLoadedMs: stats(runs.map((r) => r.domContentLoadedMs)),
      wasmLoadedMs: stats(runs.map((r) => r.wasmLoadedMs)),
      definitionLoadedMs: stats(runs.map((r) => r.definitionLoadedMs)),
      summaryDomMs: stats(runs.map((r) => r.summaryDomMs)),
      summaryFrameMs: stats(runs.map((r) => r.summaryFrameMs)),
      keyToErrorDomMs: stats(runs.flatMap((r) => r.typing.map((t) => t.dom))),
      keyToErrorFrameMs: stats(runs.flatMap((r) => r.typing.map((t) => t.frame))),
    };
    const rows = [
      ["renderedMs", "first step rendered (first field laid out)", "since navigation start"],
      ["domContentLoadedMs", "DOMContentLoaded", "since navigation start"],
      ["wasmLoadedMs", "wasm downloaded", "since navigation start"],
      ["definitionLoadedMs", "definition downloaded", "since navigation start"],
      ["summaryDomMs", "Næste with errors → error summary in the DOM", "from keydown"],
      ["summaryFrameMs", "Næste with errors → next frame", "from keydown"],
      ["keyToErrorDomMs", "key in e-mail box → its error text changed", `from keydown, ${KEYS_PER_RUN * 2} per run`],
      ["keyToErrorFrameMs", "key in e-mail box → next frame", `from keydown, ${KEYS_PER_RUN * 2} per run`],
    ];
    const show = (v) => (v === null || v === undefined ? "–" : v.toFixed(1));
    const lines = [
      `<lokal-form> with ${runs[0].fields} of 40 fields on step 1 of 4 (${DEFINITION}, protect="device"), Chromium headless, ${CPU_SLOWDOWN}x CPU throttling, ${RUNS} runs, fresh context each`,
      "",
      "| measure | median | min | max | unit |",
      "|---|---:|---:|---:|---|",
      ...rows.map(([k, label, note]) => `| ${label} | ${show(summary[k]?.median)} | ${show(summary[k]?.min)} | ${show(summary[k]?.max)} | ms (${note}) |`),
    ];
    console.log(lines.join("\n"));
    const out = path.join(ROOT, "target/bench/form-render.json");
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(
      out,
      JSON.stringify({ page: PAGE, definition: DEFINITION, browser: browser.version(), cpuThrottlingRate: CPU_SLOWDOWN, runs: RUNS, keysPerRun: KEYS_PER_RUN * 2, measuredAt: new Date().toISOString(), summary, samples: runs }, null, 2) + "\n",
    );
    console.log(`\nwritten to ${path.relative(ROOT, out)}`);
    expect(runs).toHaveLength(RUNS);
    expect(runs.every((r) => r.renderedMs > 0 && r.fields === 10)).toBe(true);
    expect(runs.every((r) => r.typing.length === KEYS_PER_RUN * 2 && r.typing.every((t) => t.dom > 0 && t.frame >= t.dom))).toBe(true);
  } finally {
    await server.close();
  }
});
