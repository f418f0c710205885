// The npm package a partner installs (dist/package/lokalform-<version>.tgz,
// written by `cargo xtask build`): installed from the tarball into a
// scratch project as `npm install` would, type-checked from a TypeScript
// consumer with the package's own declarations, and an element loaded from
// the installed files in Chromium, showing the package's version.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./lib/env.mjs";
import { widget, ready } from "./lib/widget.mjs";

const version = execFileSync(path.join(ROOT, "target/debug/lokalform-api"), ["version"], { encoding: "utf8" });
const tarball = path.join(ROOT, `dist/package/lokalform-${version}.tgz`);
let project;

test.beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "lokalform-partner-"));
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "partner-intake", private: true, type: "module" }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", tarball], { cwd: project, stdio: "pipe" });
});

test.afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

const installed = (...parts) => path.join(project, "node_modules/lokalform", ...parts);

test("the tarball installs with every bundle, the manifest, the declarations, the README and the changelog", () => {
  const pkg = JSON.parse(fs.readFileSync(installed("package.json"), "utf8"));
  expect(pkg.version).toBe(version);
  expect(pkg.customElements).toBe("custom-elements.json");
  for (const bundle of ["feedback", "kiosk", "fields", "all"]) {
    const entry = pkg.exports[`./${bundle}`].default;
    expect(fs.existsSync(installed(entry)), entry).toBe(true);
    expect(fs.readdirSync(installed(bundle)).some((f) => f.endsWith(".wasm")), `${bundle}'s wasm`).toBe(true);
  }
  for (const file of ["custom-elements.json", "lokalform.d.ts", "README.md", "CHANGELOG.md"]) {
    expect(fs.existsSync(installed(file)), file).toBe(true);
  }
  const manifest = JSON.parse(fs.readFileSync(installed("custom-elements.json"), "utf8"));
  const tags = manifest.modules.flatMap((m) => m.declarations.map((d) => d.tagName));
  expect(tags).toEqual(["lokal-feedback", "lokal-cpr", "lokal-date", "lokal-phone", "lokal-email", "lokal-scale", "lokal-vas", "lokal-signature", "lokal-instrument", "lokal-form", "lokal-programme"]);
  // Nothing of the site's own: no service worker, no embed pages.
  expect(fs.existsSync(installed("sw.js"))).toBe(false);
});

test("a TypeScript consumer type-checks against the package: typed events, a read-only version, no answers in events", () => {
  const consumer = `
import "lokalform/feedback";
const box = document.createElement("lokal-feedback");
const version: string = box.version;
box.addEventListener("lokal-submitted", (e) => {
  const outcome: "sent" | "queued" | "kept" | "rejected" | "failed" = e.detail.outcome;
  // @ts-expect-error an event never carries answers
  console.log(e.detail.answers, outcome, version);
});
// @ts-expect-error the version is read-only
box.version = "9.9.9";
const form = document.querySelector("lokal-form");
form?.addEventListener("lokal-error", (e) => console.log(e.detail.message.length));
const app = document.createElement("lokal-programme");
app.addEventListener("lokal-locked", (e) => console.log(e.detail === null));
import "lokalform/fields";
const cpr = document.createElement("lokal-cpr");
const ok: boolean = cpr.checkValidity();
const data: string = cpr.value;
// @ts-expect-error a field's form is read-only
cpr.form = null;
console.log(ok, data, cpr.validationMessage);
`;
  fs.writeFileSync(path.join(project, "consumer.ts"), consumer);
  const tsc = path.join(ROOT, "node_modules/.bin/tsc");
  const args = ["--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", "--lib", "es2022,dom", "consumer.ts"];
  /** tsc's complaints (it writes them to stdout), or "" when it accepts the file. */
  const check = () => {
    try {
      execFileSync(tsc, args, { cwd: project, encoding: "utf8", stdio: "pipe" });
      return "";
    } catch (e) {
      return `${e.stdout}${e.stderr}`;
    }
  };
  expect(check()).toBe("");
  // The check can fail: a consumer reading a detail the event does not have is refused.
  fs.writeFileSync(path.join(project, "consumer.ts"), `${consumer}\nbox.addEventListener("lokal-submitted", (e) => e.detail.nope);\n`);
  expect(check()).toMatch(/Property 'nope' does not exist/);
});

test("an element loads from the installed package and says its version", async ({ page }) => {
  // The partner's site serves its node_modules folder as it is.
  await page.route("http://partner.test/**", (route) => {
    const url = new URL(route.request().url());
    const file = url.pathname === "/" ? null : path.join(project, decodeURIComponent(url.pathname));
    if (!file) {
      return route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html lang="da"><head><title>Partner</title>
<script type="module" src="/node_modules/lokalform/feedback/lokalform-feedback.js"></script></head>
<body><main><h1>Partner</h1><lokal-feedback collector="http://partner.test"></lokal-feedback></main></body></html>`,
      });
    }
    if (!fs.existsSync(file)) return route.fulfill({ status: 404 });
    const contentType = file.endsWith(".wasm") ? "application/wasm" : file.endsWith(".js") ? "text/javascript" : "application/octet-stream";
    return route.fulfill({ body: fs.readFileSync(file), contentType });
  });
  await page.goto("http://partner.test/");
  const w = widget(page);
  await ready(w);
  expect(await page.evaluate(() => document.querySelector("lokal-feedback").version)).toBe(version);
  await expect(w.getByRole("radio").first()).toBeVisible();
});
