// Pinning the reviewed code: the content-hashed module from
// dist/lokalform/manifest.json with its Subresource Integrity value runs
// the widget, loading the hashed wasm with its own integrity; one wrong
// byte in the hash and the browser refuses the module, and the host page
// keeps its fallback text (nothing half-drawn, nothing broken).
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { ROOT, WIDGET_ORIGIN } from "./lib/env.mjs";
import { recordRequests } from "./lib/network.mjs";
import { widget, ready } from "./lib/widget.mjs";

const PAGE = "/examples/pinned/";
const FALLBACK = "Feedbackboksen kan ikke vises lige nu.";
const manifest = () => JSON.parse(fs.readFileSync(path.join(ROOT, "dist/lokalform/manifest.json"), "utf8"));

/** Adds the pinned script line, as a host would paste it. */
async function addPinnedScript(page, src, integrity) {
  await page.evaluate(([src, integrity]) => {
    const s = document.createElement("script");
    s.type = "module";
    s.src = src;
    s.integrity = integrity;
    s.crossOrigin = "anonymous";
    document.head.append(s);
  }, [src, integrity]);
}

test("the pinned module runs the widget and loads the hashed wasm, each file immutable", async ({ page }) => {
  const pinned = manifest().feedback;
  expect(pinned.module).toMatch(/^feedback\/lokalform-feedback\.[0-9a-f]{16}\.js$/);
  expect(pinned.integrity).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
  const rec = recordRequests(page);
  await page.goto(PAGE);
  await expect(page.getByText(FALLBACK)).toBeVisible();
  await addPinnedScript(page, `${WIDGET_ORIGIN}/dist/lokalform/${pinned.module}`, pinned.integrity);
  const w = widget(page);
  await ready(w);
  await expect(page.getByText(FALLBACK), "the fallback text goes when the widget runs").toBeHidden();
  await rec.settled();
  const loaded = rec.log.filter((r) => r.url.startsWith(WIDGET_ORIGIN));
  expect(loaded.map((r) => new URL(r.url).pathname).sort()).toEqual(
    [`/dist/lokalform/${pinned.module}`, `/dist/lokalform/${pinned.wasm}`].sort(),
  );
  for (const r of loaded) expect(r.status).toBe(200);
  const head = await page.request.get(`${WIDGET_ORIGIN}/dist/lokalform/${pinned.wasm}`);
  expect(head.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
});

test("a wrong integrity value refuses the module and the page keeps its fallback text", async ({ page }) => {
  const pinned = manifest().feedback;
  const errors = [];
  page.on("console", (m) => errors.push(m.text()));
  const rec = recordRequests(page);
  await page.goto(PAGE);
  const wrong = `sha256-${"A".repeat(43)}=`;
  await addPinnedScript(page, `${WIDGET_ORIGIN}/dist/lokalform/${pinned.module}`, wrong);
  await expect.poll(() => errors.some((e) => /integrity/i.test(e)), { message: "the browser reports the integrity mismatch" }).toBe(true);
  await rec.settled();
  expect(rec.log.some((r) => r.url.endsWith(".wasm")), "the wasm is never fetched").toBe(false);
  expect(await page.locator("lokal-feedback").evaluate((el) => el.shadowRoot === null)).toBe(true);
  await expect(page.getByText(FALLBACK)).toBeVisible();
});

test("a wasm that does not match the pinned module's hash is refused", async ({ page }) => {
  // The pinned module is changed to expect another wasm hash: the browser
  // fetches the wasm, compares, and refuses it; the fallback text stays.
  const pinned = manifest().feedback;
  const js = fs.readFileSync(path.join(ROOT, "dist/lokalform", pinned.module), "utf8");
  const m = js.match(/integrity:"(sha256-[^"]+)"/);
  expect(m, "the pinned module carries the wasm's integrity").not.toBeNull();
  const errors = [];
  page.on("console", (msg) => errors.push(msg.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(PAGE);
  await page.evaluate((code) => {
    const s = document.createElement("script");
    s.type = "module";
    s.textContent = code;
    document.head.append(s);
  }, js.replace(m[1], `sha256-${"B".repeat(43)}=`).replaceAll('import.meta.url', JSON.stringify(`${WIDGET_ORIGIN}/dist/lokalform/feedback/`)));
  await expect.poll(() => errors.some((e) => /integrity|digest/i.test(e)), { message: "the wasm's integrity mismatch is reported" }).toBe(true);
  await expect(page.getByText(FALLBACK)).toBeVisible();
});
