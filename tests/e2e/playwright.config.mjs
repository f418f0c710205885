// End-to-end tests of lokalform in the system Chromium (headless).
// Run through `cargo xtask e2e [playwright args]`, which starts the static
// server and a collector and passes their addresses in LOKALFORM_* variables.
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./lib/env.mjs";

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.mjs",
  testIgnore: ["bench/**"],
  globalSetup: "./lib/global-setup.mjs",
  // Two cores: one browser at a time, and patience.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "../../target/e2e/test-results",
  use: {
    baseURL: process.env.LOKALFORM_BASE_URL,
    browserName: "chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    locale: "da-DK",
    serviceWorkers: "block",
    trace: "off",
    launchOptions: chromiumLaunchOptions,
  },
});
