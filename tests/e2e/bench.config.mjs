// The browser benchmark (`cargo xtask bench browser`): time to interactive
// and JS heap of the feedback box on the municipal page, with 4x CPU
// throttling, in the system Chromium. Not a test: it measures and reports.
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./lib/env.mjs";

export default defineConfig({
  testDir: "./bench",
  testMatch: "*.spec.mjs",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 600_000,
  reporter: [["list"]],
  outputDir: "../../target/bench/test-results",
  use: {
    baseURL: process.env.LOKALFORM_BASE_URL,
    browserName: "chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: "da-DK",
    serviceWorkers: "block",
    trace: "off",
    launchOptions: chromiumLaunchOptions,
  },
});
