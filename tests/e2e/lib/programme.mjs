// Driving <lokal-programme> (the project worker's application) through its
// open shadow root, and reading its backup files in Node.
import { expect } from "@playwright/test";
import { webcrypto } from "node:crypto";
import fs from "node:fs";
import { axeViolations, formatViolations } from "./axe.mjs";
import { WORDS } from "./form.mjs";

/** The example page. */
export const PROGRAMME_PAGE = "/examples/programme/";
/** The element on it. */
export const HOST = "lokal-programme";
/** The sealed record of the example's registry (IndexedDB "lokalform"/"drafts"). */
export const RECORD_ID = "programme:vejle-demo";

/** Runs axe-core on the programme (its shadow root included); fails on any violation. */
export async function expectNoAxe(page, where) {
  const violations = await axeViolations(page, HOST);
  expect(violations, `axe on ${where}:\n${formatViolations(violations)}`).toEqual([]);
}

/** Chooses the passphrase of a new registry. */
export async function createRegistry(host, passphrase) {
  await expect(host.getByRole("heading", { name: "Opret et register for programmet" })).toBeVisible();
  await host.locator("#lp-pass").fill(passphrase);
  await host.locator("#lp-pass-again").fill(passphrase);
  await host.getByRole("button", { name: "Opret registret" }).click();
  await expect(host.getByRole("heading", { name: "Deltagere", level: 2 })).toBeVisible();
}

/** Unlocks the registry. */
export async function unlock(host, passphrase) {
  await expect(host.getByRole("heading", { name: "Lås registret op" })).toBeVisible();
  await host.locator("#lp-pass").fill(passphrase);
  await host.getByRole("button", { name: "Lås op" }).click();
}

/** Opens a section from the navigation ("Deltagere", "Match og par", …). */
export async function nav(host, name) {
  await host.getByRole("navigation").getByRole("button", { name, exact: true }).click();
  await expect(host.locator("#lp-heading")).toBeFocused();
}

/** The notice after the last change. */
export function notice(host) {
  return host.locator(".notice-slot");
}

/** Opens a participant from the list. */
export async function openParticipant(host, name) {
  await nav(host, "Deltagere");
  await host.getByRole("button", { name, exact: true }).click();
  await expect(host.getByRole("heading", { name, level: 2 })).toBeVisible();
}

/** Opens a pair from "Match og par". */
export async function openPair(host, peer, mentor) {
  await nav(host, "Match og par");
  await host.getByRole("button", { name: `${peer} og ${mentor}`, exact: true }).click();
  await expect(host.getByRole("heading", { name: `${peer} og ${mentor}`, level: 2 })).toBeVisible();
}

/** Checks the radio or checkbox `value` of field `name` (`lf-<name>`). */
export async function pick(host, name, value) {
  await host.locator(`input[name="lf-${name}"][value="${value}"]`).check();
}

/**
 * Goes through an engine form inside the programme: on each step, `fill`
 * answers what is on screen; then "Næste", until "Tjek dine svar", where the
 * form is saved. `fill(host)` is called once per step.
 */
export async function completeForm(host, fill, { maxSteps = 14, onStep } = {}) {
  const form = host.locator("lokal-form, .lokal-form").first();
  await expect(form.locator(".step-title, #lf-step-heading").first()).toBeVisible();
  for (let i = 0; i < maxSteps; i++) {
    const review = host.getByRole("heading", { name: WORDS.da.review, level: 3 });
    if (await review.isVisible()) {
      if (onStep) await onStep("review");
      await host.getByRole("button", { name: WORDS.da.save, exact: true }).click();
      return;
    }
    await fill(host);
    if (onStep) await onStep(i);
    await host.getByRole("button", { name: WORDS.da.next, exact: true }).click();
    await expect(host.locator("#lf-error-summary")).toHaveCount(0);
  }
  throw new Error("the form did not reach its review step");
}

/** Fills whatever of `answers` ({id: value}) is on the current step: text by id, radios and boxes by name and value (a list: each box), a consent box by `true`. */
export async function fillVisible(host, answers) {
  for (const [id, value] of Object.entries(answers)) {
    if (Array.isArray(value)) {
      for (const v of value) {
        const box = host.locator(`input[name="lf-${id}"][value="${v}"]`);
        if (await box.count() && await box.isVisible()) await box.check();
      }
      continue;
    }
    if (value === true) {
      const box = host.locator(`input[type="checkbox"][id="lf-${id}"]`);
      if (await box.isVisible()) await box.check();
      continue;
    }
    // A radio button, or a box of a multiple choice.
    const radio = host.locator(`input[name="lf-${id}"][value="${value}"]`);
    if (await radio.count() && await radio.isVisible()) {
      await radio.check();
      continue;
    }
    const text = host.locator(`[id="lf-${id}"]`);
    if (await text.count() && await text.isVisible() && !(await text.inputValue())) await text.fill(String(value));
  }
}

/** LSNS-6 answers as the measurement step's fields: key `before_m1` → {before_m1_1: v1, …}. */
export function lsns(key, values, note) {
  const out = {};
  values.forEach((v, i) => { if (v !== null) out[`${key}_${i + 1}`] = String(v); });
  if (note) out[`${key}_note`] = note;
  return out;
}

/** Recruits a peer or mentor through the recruitment questionnaire with its before-measurement; `person.answers` adds more answers ({id: value}), `person.hopes` the hopes for the programme. */
export async function recruit(host, role, person, onStep) {
  await nav(host, "Deltagere");
  await host.getByRole("button", { name: role === "peer" ? "Rekrutter en peer" : "Rekrutter en peer-mentor", exact: true }).click();
  const answers = {
    name: person.name,
    ...(person.cpr ? { cpr: person.cpr } : {}),
    ...(person.phone ? { phone: person.phone } : {}),
    ...(person.matchNote ? { match_note: person.matchNote } : {}),
    decision: "yes",
    consent_data: true,
    ...(person.noEvaluation ? {} : { consent_evaluation: true }),
    ...lsns("before_m1", person.lsns, person.note),
    ...(person.answers ?? {}),
  };
  const hopes = async (h) => {
    const add = h.locator('[id="lf-goals-add"]');
    for (const [i, hope] of (person.hopes ?? []).entries()) {
      if (!(await add.isVisible()) || await h.locator(`[id="lf-goals.${i}.text"]`).count()) continue;
      await add.click();
      await h.locator(`[id="lf-goals.${i}.text"]`).fill(hope);
    }
  };
  await completeForm(host, async (h) => { await hopes(h); await fillVisible(h, answers); }, { onStep });
  await expect(host.getByRole("heading", { name: person.name, level: 2 })).toBeVisible();
  await expect(notice(host)).toContainText(`${person.name} er oprettet som deltager`);
}

/** Draws a short stroke on the signature pad of field `id` with the mouse. */
export async function drawSignature(page, host, id) {
  const pad = host.locator(`[id="lf-${id}"]`).locator("xpath=ancestor::fieldset[1]").locator("svg.sign-pad");
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width * (0.1 + i * 0.08), box.y + box.height * (0.6 - (i % 2) * 0.2));
  await page.mouse.up();
}

const b64 = (s) => Buffer.from(s, "base64");

/** Decrypts a backup file made by the programme (components/src/store/backup.rs) in Node: the registry's JSON text. */
export async function openBackupFile(file, passphrase) {
  const env = JSON.parse(typeof file === "string" && file.trim().startsWith("{") ? file : fs.readFileSync(file, "utf8"));
  const header = JSON.stringify({ format: env.format, version: env.version, kdf: env.kdf, iterations: env.iterations });
  const subtle = webcrypto.subtle;
  const base = await subtle.importKey("raw", new TextEncoder().encode(passphrase.normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
  const key = await subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: b64(env.salt), iterations: env.iterations },
    base, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
  const plain = await subtle.decrypt({ name: "AES-GCM", iv: b64(env.iv), additionalData: new TextEncoder().encode(header) }, key, b64(env.data));
  return new TextDecoder().decode(plain);
}

/** Waits for the download that `action` starts; returns its path and name. */
export async function download(page, action) {
  const [d] = await Promise.all([page.waitForEvent("download"), action()]);
  return { path: await d.path(), name: d.suggestedFilename() };
}
