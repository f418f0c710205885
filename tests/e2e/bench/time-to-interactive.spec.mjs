// Time from navigation start until a form is usable, measured in the page
// with performance.now() (0 = navigation start); 4x CPU throttling (CDP), a
// fresh browser context per run, median, min and max of 11 runs after one
// warm-up run that is not counted; printed as tables and written to
// target/bench/<name>.json.
//
// - browser.json: the feedback box on the municipal page beside the same
//   questions (forms/feedback.json) as a plain-HTML form and as SurveyJS,
//   each in the municipal page's frame (tests/e2e/bench/pages/, served
//   under /bench/ by the static server, SurveyJS from node_modules). The
//   three pages are measured interleaved (feedback, plain, SurveyJS,
//   feedback, …) so that load on the machine hits them alike. "Usable": the
//   first radio button of the first question exists, has a layout box and
//   is enabled, taken at the start of the animation frame that paints it
//   (see watch.mjs). Then 2 s more for the Cumulative Layout Shift (every
//   layout shift without recent input from navigation until 2 s after
//   usable, summed) and the nodes that moved. Also the feedback box's JS
//   heap and wasm memory, as before.
// - programme.json: the project worker's programme app (the all-widgets
//   bundle): the passphrase box of its first screen exists and is enabled.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { ROOT, MUNICIPAL, BASE } from "../lib/env.mjs";
import { stats, watchFor, watchLayoutShifts } from "./watch.mjs";

/** Runs per page after the warm-up (`LOKALFORM_BENCH_RUNS` for a quick look). */
const RUNS = Number(process.env.LOKALFORM_BENCH_RUNS ?? 11);
const CPU_SLOWDOWN = 4;
/** How long after usable layout shifts still count. */
const SETTLE_MS = 2000;
/** The aim: the feedback box usable within this factor of the plain-HTML page. */
const AIM_OVER_PLAIN = 1.25;
const SURVEYJS_VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/survey-core/package.json"), "utf8")).version;

const FEEDBACK = { key: "feedback", what: "Feedback box (lokalform)", page: MUNICIPAL, watch: { tag: "lokal-feedback", id: "q-overall-0" }, bundle: "/dist/lokalform/feedback/lokalform-feedback.js" };
const FORMS = [
  FEEDBACK,
  { key: "plain", what: "Plain HTML, same questions", page: "/bench/plain/", watch: { id: "q-overall-0" } },
  { key: "surveyjs", what: `SurveyJS ${SURVEYJS_VERSION} (survey-js-ui), same form`, page: "/bench/surveyjs/", watch: { selector: 'input[type="radio"]' } },
];
const PROGRAMME = { key: "programme", what: "Programme app (first screen)", page: "/examples/programme/", watch: { tag: "lokal-programme", id: "lp-pass" }, ready: "enabled", bundle: "/dist/lokalform/all/lokalform-all.js" };

/** One page load in a fresh context; with `settleMs`, also the layout shifts until that long after usable. */
async function measureOnce(browser, target, settleMs = 0) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchFor, { ...target.watch, global: "__lokalUsable", ready: target.ready ?? "usable" });
    await page.addInitScript(watchLayoutShifts);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await cdp.send("Performance.enable");
    await page.goto(target.page, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__lokalUsableFrame !== undefined, null, { timeout: 120_000, polling: 100 });
    if (settleMs > 0) {
      await page.waitForFunction((until) => performance.now() >= until, (await page.evaluate(() => window.__lokalUsableFrame)) + settleMs, { timeout: 120_000, polling: 100 });
    }
    const inPage = await page.evaluate(
      async ({ bundle, settleMs }) => {
        const nav = performance.getEntriesByType("navigation")[0];
        const resources = performance.getEntriesByType("resource");
        const wasm = resources.find((r) => r.name.endsWith(".wasm"));
        const js = bundle && resources.find((r) => r.name.endsWith(bundle));
        const exports = bundle ? await (await import(bundle)).default() : null;
        const usableMs = window.__lokalUsableFrame;
        const shifts = window.__layoutShifts.filter((s) => s.startTime <= usableMs + settleMs);
        return {
          usableMs,
          interactiveMs: window.__lokalUsable,
          domContentLoadedMs: nav?.domContentLoadedEventEnd ?? null,
          jsLoadedMs: js?.responseEnd ?? null,
          wasmLoadedMs: wasm?.responseEnd ?? null,
          wasmBytes: wasm?.encodedBodySize ?? null,
          wasmMemoryBytes: exports?.memory?.buffer?.byteLength ?? null,
          transferBytes: [nav, ...resources].reduce((sum, r) => sum + (r?.encodedBodySize ?? 0), 0),
          ...(settleMs > 0 ? { cls: shifts.reduce((sum, s) => sum + s.value, 0), layoutShifts: shifts } : {}),
        };
      },
      { bundle: target.bundle ?? null, settleMs },
    );
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

const FIELDS = {
  usableMs: ["usable: the watched control painted and enabled", "ms"],
  interactiveMs: ["the watched control found enabled", "ms"],
  domContentLoadedMs: ["DOMContentLoaded", "ms"],
  wasmLoadedMs: ["wasm downloaded", "ms"],
  jsHeapUsedBytes: ["JS heap used after render", "KiB"],
  jsHeapUsedAfterGcBytes: ["JS heap used after GC", "KiB"],
  wasmMemoryBytes: ["wasm linear memory", "KiB"],
};

const show = (v, unit) => (v === null || v === undefined ? "–" : unit === "KiB" ? (v / 1024).toFixed(0) : unit === "" ? v.toFixed(3) : v.toFixed(1));

function summarise(runs, fields) {
  return Object.fromEntries(Object.keys(fields).map((k) => [k, stats(runs.map((r) => r[k]))]));
}

function table(title, summary, fields) {
  return [
    title,
    "",
    "| measure | median | min | max | unit |",
    "|---|---:|---:|---:|---|",
    ...Object.entries(fields).map(([k, [label, unit]]) => {
      const s = summary[k];
      return `| ${label} | ${show(s?.median, unit)} | ${show(s?.min, unit)} | ${show(s?.max, unit)} | ${unit} |`;
    }),
  ].join("\n");
}

function write(name, data) {
  const out = path.join(ROOT, `target/bench/${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(data, null, 2) + "\n");
  console.log(`\nwritten to ${path.relative(ROOT, out)}`);
}

/** The nodes that moved in the runs' layout shifts: how often and how much in all. */
function shiftSources(runs) {
  const byNode = new Map();
  for (const shift of runs.flatMap((r) => r.layoutShifts)) {
    for (const source of shift.sources) {
      const seen = byNode.get(source.node) ?? { node: source.node, shifts: 0, value: 0 };
      seen.shifts += 1;
      seen.value += shift.value / shift.sources.length;
      byNode.set(source.node, seen);
    }
  }
  return [...byNode.values()].sort((a, b) => b.value - a.value);
}

test("time to usable form and CLS: feedback box vs plain HTML vs SurveyJS, interleaved (4x CPU throttling)", async ({ browser }) => {
  for (const target of FORMS) await measureOnce(browser, target, SETTLE_MS); // warm-up: the OS file cache, the browser process
  const runs = Object.fromEntries(FORMS.map((t) => [t.key, []]));
  for (let i = 0; i < RUNS; i++) for (const target of FORMS) runs[target.key].push(await measureOnce(browser, target, SETTLE_MS));

  const fields = { ...FIELDS, cls: ["Cumulative Layout Shift until 2 s after usable", ""], transferBytes: ["bytes transferred until then (uncompressed)", "KiB"] };
  const pages = Object.fromEntries(FORMS.map((t) => [t.key, { what: t.what, page: t.page, summary: summarise(runs[t.key], fields), samples: runs[t.key] }]));
  const usable = (key) => pages[key].summary.usableMs.median;
  // The ratio of the medians; and, less moved by the machine's load
  // drifting during the run, the median of each round's own ratio.
  const perRound = (key) => stats(runs.feedback.map((r, i) => r.usableMs / runs[key][i].usableMs)).median;
  const ratios = {
    feedbackOverPlain: usable("feedback") / usable("plain"),
    feedbackOverSurveyjs: usable("feedback") / usable("surveyjs"),
    perRoundMedian: { feedbackOverPlain: perRound("plain"), feedbackOverSurveyjs: perRound("surveyjs") },
  };
  const sources = shiftSources(runs.feedback);

  const range = (s, unit) => (s ? `${show(s.min, unit)}–${show(s.max, unit)}` : "–");
  console.log(
    [
      `Time to usable form, Chromium headless, ${CPU_SLOWDOWN}x CPU throttling, ${RUNS} runs each (interleaved), fresh context each`,
      "",
      "| page | usable: median | min–max | CLS: median | max | transferred (uncompressed) |",
      "|---|---:|---:|---:|---:|---:|",
      ...FORMS.map(({ key }) => {
        const s = pages[key].summary;
        return `| ${pages[key].what} (${pages[key].page}) | ${show(s.usableMs.median, "ms")} ms | ${range(s.usableMs, "ms")} ms | ${show(s.cls.median, "")} | ${show(s.cls.max, "")} | ${show(s.transferBytes.median, "KiB")} KiB |`;
      }),
      "",
      `feedback / plain HTML: ${ratios.feedbackOverPlain.toFixed(2)}× (aim ≤ ${AIM_OVER_PLAIN}×: ${ratios.feedbackOverPlain <= AIM_OVER_PLAIN ? "met" : "not met"}; median of the rounds' own ratios ${ratios.perRoundMedian.feedbackOverPlain.toFixed(2)}×)`,
      `feedback / SurveyJS:   ${ratios.feedbackOverSurveyjs.toFixed(2)}× (median of the rounds' own ratios ${ratios.perRoundMedian.feedbackOverSurveyjs.toFixed(2)}×)`,
      "",
      sources.length === 0
        ? "Feedback box: no layout shift in any run."
        : ["Feedback box: nodes moved by layout shifts (all runs)", "", "| node | shifts | share of CLS, summed |", "|---|---:|---:|", ...sources.map((s) => `| ${s.node} | ${s.shifts} | ${s.value.toFixed(4)} |`)].join("\n"),
      "",
      table(`${FEEDBACK.what} on ${FEEDBACK.page} (watched: the first face radio, q-overall-0)`, pages.feedback.summary, FIELDS),
    ].join("\n"),
  );
  // The feedback box's fields at the top level, as before; the comparison beside them.
  write("browser", {
    page: FEEDBACK.page,
    base: BASE,
    browser: browser.version(),
    cpuThrottlingRate: CPU_SLOWDOWN,
    runs: RUNS,
    settleMs: SETTLE_MS,
    measuredAt: new Date().toISOString(),
    summary: pages.feedback.summary,
    samples: runs.feedback,
    ratios,
    aimOverPlain: AIM_OVER_PLAIN,
    layoutShiftSources: sources,
    pages,
  });
  for (const { key } of FORMS) {
    expect(runs[key]).toHaveLength(RUNS);
    expect(runs[key].every((r) => r.usableMs > 0 && r.cls >= 0)).toBe(true);
  }
});

test(`time to interactive and JS heap: ${PROGRAMME.what} (4x CPU throttling)`, async ({ browser }) => {
  await measureOnce(browser, PROGRAMME); // warm-up: the OS file cache, the browser process
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measureOnce(browser, PROGRAMME));
  const summary = summarise(runs, FIELDS);
  console.log(table(`${PROGRAMME.what} on ${PROGRAMME.page} (watched: the passphrase box, lp-pass), Chromium headless, ${CPU_SLOWDOWN}x CPU throttling, ${RUNS} runs, fresh context each`, summary, FIELDS));
  write("programme", { page: PROGRAMME.page, base: BASE, browser: browser.version(), cpuThrottlingRate: CPU_SLOWDOWN, runs: RUNS, measuredAt: new Date().toISOString(), summary, samples: runs });
  expect(runs).toHaveLength(RUNS);
  expect(runs.every((r) => r.interactiveMs > 0)).toBe(true);
});
