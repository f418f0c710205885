// The kiosk's tap latency: on examples/kiosk/ (the kiosk bundle), 4x CPU
// throttling, a touch screen (`hasTouch`), in the system Chromium. Not a
// test: it measures and reports.
//
// What is measured: a tap on an answer (Playwright's tap, CDP touch
// events) until the next question is shown — from the `pointerdown`
// event's timeStamp (when the page received the touch) until the next
// screen's "Spørgsmål i af 6" is visible (checked at each mutation of the
// shadow root), and until the animation frame after that (the frame that
// paints it). Each run answers questions 1–5 by taps, then goes back with
// "Tilbage" to answer them again: 5 taps a round, 3 rounds a run, 5 runs
// after one warm-up run, each in a fresh context. Median, min and max,
// printed and written to target/bench/kiosk-tap.json.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { ROOT, KIOSK } from "../lib/env.mjs";
import { stats } from "./watch.mjs";

const RUNS = Number(process.env.LOKALFORM_BENCH_RUNS ?? 5);
const ROUNDS = 3;
const CPU_SLOWDOWN = 4;
/** The option tapped on questions 1–5 (the built-in definition). */
const TAPS = [["overall", "4"], ["heard", "yes"], ["information", "partly"], ["next", "no"], ["meeting", "phone"]];

/**
 * In the page: from a pointerdown until the screen `probe.next` is visible
 * (looked for at each mutation of the shadow root), and until the
 * animation frame after that.
 */
function installTapProbe() {
  const root = document.querySelector("lokal-feedback").shadowRoot;
  const probe = (window.__kioskProbe = { start: null, next: null, samples: [] });
  root.addEventListener("pointerdown", (e) => { probe.start = e.timeStamp; }, true);
  const check = () => {
    if (probe.next === null || probe.start === null) return;
    const el = root.getElementById(probe.next);
    if (!el || !el.checkVisibility()) return;
    const dom = performance.now() - probe.start;
    probe.next = null;
    requestAnimationFrame(() => probe.samples.push({ dom, frame: performance.now() - probe.start }));
  };
  new MutationObserver(check).observe(root, { childList: true, subtree: true, attributes: true });
}

async function measureOnce(browser, base) {
  const context = await browser.newContext({ hasTouch: true, viewport: { width: 1024, height: 768 } });
  try {
    const page = await context.newPage();
    await page.goto(`${base}${KIOSK}`);
    const w = page.locator("lokal-feedback");
    await expect(w.locator(".lokal-root #q-overall-0")).toBeEnabled({ timeout: 60_000 });
    await page.evaluate(installTapProbe);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    const samples = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, [question, value]] of TAPS.entries()) {
        const n = await page.evaluate((next) => {
          window.__kioskProbe.next = next;
          window.__kioskProbe.start = null;
          return window.__kioskProbe.samples.length;
        }, `kiosk-step-${i + 1}`);
        // The screen takes touches once its `kiosk-settle` animation has ended.
        await w.locator(`form:has(#kiosk-step-${i})`).evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
        await w.locator(`label:has(input[name="q-${question}"][value="${value}"])`).tap();
        await expect(w.locator(`#kiosk-step-${i + 1}`), `question ${i + 2} after the tap`).toBeVisible();
        await page.waitForFunction((n) => window.__kioskProbe.samples.length > n, n, { polling: 50, timeout: 10_000 });
        samples.push(await page.evaluate(() => window.__kioskProbe.samples.at(-1)));
      }
      // Back to the first question, answers kept, for the next round.
      for (let i = TAPS.length; i > 0; i--) {
        await w.getByRole("button", { name: "Tilbage", exact: true }).tap();
        await expect(w.locator(`#kiosk-step-${i - 1}`)).toBeVisible();
      }
    }
    return samples;
  } finally {
    await context.close();
  }
}

test("kiosk: a tap on an answer until the next question is shown (4x CPU throttling)", async ({ browser, baseURL }) => {
  await measureOnce(browser, baseURL); // warm-up
  const all = [];
  for (let run = 0; run < RUNS; run++) all.push(...(await measureOnce(browser, baseURL)));
  const result = {
    cpuSlowdown: CPU_SLOWDOWN,
    taps: all.length,
    shownMs: stats(all.map((s) => s.dom)),
    paintedMs: stats(all.map((s) => s.frame)),
  };
  console.log(`kiosk tap → next question shown (${all.length} taps, 4x CPU): median ${result.shownMs.median.toFixed(1)} ms (${result.shownMs.min.toFixed(1)}–${result.shownMs.max.toFixed(1)}), painted median ${result.paintedMs.median.toFixed(1)} ms`);
  const out = path.join(ROOT, "target/bench/kiosk-tap.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
});
