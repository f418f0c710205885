// The environment `cargo xtask e2e` provides, and how to launch Chromium.
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const ROOT = path.resolve(here, "../../..");

function need(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the end-to-end tests with \`cargo xtask e2e\``);
  }
  return value.replace(/\/$/, "");
}

/** The static server (gallery, examples, dist, forms). */
export const BASE = need("LOKALFORM_BASE_URL");
/** The second origin serving the same files: the strict-CSP pages load the widget from here. */
export const WIDGET_ORIGIN = need("LOKALFORM_WIDGET_ORIGIN");
/** The shared test collector. */
export const COLLECTOR = need("LOKALFORM_COLLECTOR_URL");
/** The shared collector's admin token. */
export const ADMIN_TOKEN = need("LOKALFORM_ADMIN_TOKEN");
/** The collector binary, for tests that need their own collector. */
export const COLLECTOR_BIN = process.env.LOKALFORM_COLLECTOR_BIN ?? path.join(ROOT, "target/debug/lokalform-collector");
/** The form definitions. */
export const FORMS_DIR = process.env.LOKALFORM_FORMS_DIR ?? path.join(ROOT, "forms");
/** A scratch folder. */
export const DATA_DIR = process.env.LOKALFORM_E2E_DATA ?? path.join(ROOT, "target/e2e");
/** axe-core, injected into pages. */
export const AXE_PATH = path.join(ROOT, "node_modules/axe-core/axe.min.js");

/** The system Chromium; never a downloaded one. */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export const MUNICIPAL = "/examples/municipal-page/";
export const KIOSK = "/examples/kiosk/";
export const GALLERY = "/";
export const STRICT_CSP = "/examples/strict-csp/";
