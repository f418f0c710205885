// Time from navigation start until a widget is interactive, measured in the
// page with performance.now() (0 = navigation start), and the JS heap after
// render; 4x CPU throttling, a fresh browser context per run. Median, min
// and max of 9 runs (after one warm-up run that is not counted), printed as
// a table and written to target/bench/<name>.json:
// - the feedback box on the municipal page (its own bundle): the first face
//   radio exists and is enabled (browser.json);
// - the project worker's programme app (the all-widgets bundle): the
//   passphrase box of its first screen exists and is enabled
//   (programme.json).
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { ROOT, MUNICIPAL, BASE } from "../lib/env.mjs";
import { watchFor } from "./watch.mjs";

const RUNS = 9;
const CPU_SLOWDOWN = 4;
const TARGETS = [
  { name: "browser", what: "Feedback box", page: MUNICIPAL, tag: "lokal-feedback", id: "q-overall-0", bundle: "/dist/lokalform/feedback/lokalform-feedback.js" },
  { name: "programme", what: "Programme app (first screen)", page: "/examples/programme/", tag: "lokal-programme", id: "lp-pass", bundle: "/dist/lokalform/all/lokalform-all.js" },
];

async function measureOnce(browser, { page: url, tag, id, bundle: BUNDLE }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchFor, { tag, id, global: "__lokalInteractive", ready: "enabled" });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await cdp.send("Performance.enable");
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__lokalInteractive !== undefined, null, { timeout: 120_000, polling: 100 });
    const inPage = await page.evaluate(async (bundle) => {
      const nav = performance.getEntriesByType("navigation")[0];
      const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"));
      const js = performance.getEntriesByType("resource").find((r) => r.name.endsWith(bundle));
      const exports = await (await import(bundle)).default();
      return {
        interactiveMs: window.__lokalInteractive,
        domContentLoadedMs: nav?.domContentLoadedEventEnd ?? null,
        jsLoadedMs: js?.responseEnd ?? null,
        wasmLoadedMs: wasm?.responseEnd ?? null,
        wasmBytes: wasm?.encodedBodySize ?? null,
        wasmMemoryBytes: exports?.memory?.buffer?.byteLength ?? null,
      };
    }, BUNDLE);
    const { metrics } = await cdp.send("Performance.getMetrics");
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? null;
    const heapUsed = metric("JSHeapUsedSize");
    await cdp.send("HeapProfiler.collectGarbage");
    const afterGc = (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? null;
    return { ...inPage, jsHeapUsedBytes: heapUsed, jsHeapUsedAfterGcBytes: afterGc, jsHeapTotalBytes: metric("JSHeapTotalSize") };
  } finally {
    await context.close();
  }
}

function stats(values) {
  const sorted = values.filter((v) => typeof v === "number").sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

for (const target of TARGETS) test(`time to interactive and JS heap: ${target.what} (4x CPU throttling)`, async ({ browser }) => {
  await measureOnce(browser, target); // warm-up: the OS file cache, the browser process
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measureOnce(browser, target));
  const fields = {
    interactiveMs: ["time to interactive", "ms"],
    domContentLoadedMs: ["DOMContentLoaded", "ms"],
    wasmLoadedMs: ["wasm downloaded", "ms"],
    jsHeapUsedBytes: ["JS heap used after render", "KiB"],
    jsHeapUsedAfterGcBytes: ["JS heap used after GC", "KiB"],
    wasmMemoryBytes: ["wasm linear memory", "KiB"],
  };
  const summary = Object.fromEntries(Object.keys(fields).map((k) => [k, stats(runs.map((r) => r[k]))]));
  const show = (v, unit) => (v === null || v === undefined ? "–" : unit === "KiB" ? (v / 1024).toFixed(0) : v.toFixed(1));
  const lines = [
    `${target.what} on ${target.page}, Chromium headless, ${CPU_SLOWDOWN}x CPU throttling, ${RUNS} runs, fresh context each`,
    "",
    "| measure | median | min | max | unit |",
    "|---|---:|---:|---:|---|",
    ...Object.entries(fields).map(([k, [label, unit]]) => {
      const s = summary[k];
      return `| ${label} | ${show(s?.median, unit)} | ${show(s?.min, unit)} | ${show(s?.max, unit)} | ${unit} |`;
    }),
  ];
  console.log(lines.join("\n"));
  const out = path.join(ROOT, `target/bench/${target.name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        page: target.page,
        base: BASE,
        browser: browser.version(),
        cpuThrottlingRate: CPU_SLOWDOWN,
        runs: RUNS,
        measuredAt: new Date().toISOString(),
        summary,
        samples: runs,
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`\nwritten to ${path.relative(ROOT, out)}`);
  expect(runs).toHaveLength(RUNS);
  expect(runs.every((r) => r.interactiveMs > 0)).toBe(true);
});
