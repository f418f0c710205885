// Driving the kiosk's staff view (components/src/feedback/kiosk/staff.rs):
// the gesture, the PIN, and enrolling the tablet with a one-time code from
// the collector's admin API.
import { expect } from "@playwright/test";
import { COLLECTOR, ADMIN_TOKEN } from "./env.mjs";
import { enrollmentCode, basicAuth } from "./collector.mjs";
import { expectScreen } from "./kiosk.mjs";

/** The staff view's words (components/src/feedback/kiosk/words.rs, `StaffWords`). */
export const STAFF = {
  da: {
    title: "Til personalet",
    pin: "PIN-kode",
    pinAgain: "Skriv PIN-koden igen",
    open: "Åbn",
    savePin: "Gem PIN-kode",
    pinWrong: "Forkert PIN-kode. Prøv igen.",
    pinWait: (n) => `Forkert PIN-kode for mange gange. Vent ${n} sekunder, før du prøver igen.`,
    pinDigits: "Skriv en PIN-kode på 4 til 8 cifre.",
    pinMismatch: "De to PIN-koder er ikke ens. Skriv den samme begge steder.",
    waiting: "Svar, der venter",
    lastSent: "Sidst sendt",
    never: "Endnu ikke",
    enrollment: "Tilmelding",
    worksOffline: "Uden net",
    offlineReady: (version) => `Virker (version ${version})`,
    update: "Ny version",
    updateWaiting: "Hentet. Den tages i brug, når ingen er i gang",
    updateNone: "Ingen venter",
    storage: "Lagring",
    persisted: "Sikret",
    notPersisted: "Ikke sikret: browseren kan slette svar, der ikke er sendt, hvis tabletten mangler plads. Installér siden som app: så giver browseren som regel lov",
    notEnrolled: "Ikke tilmeldt",
    refusedNotEnrolled: "Indsamlingen kender ikke tabletten. Tilmeld den med en kode fra dashboardet. Svarene venter så længe.",
    refusedRevoked: "Tabletten er afmeldt i dashboardet. Bed om en ny kode.",
    code: "Tilmeldingskode",
    codeHelp: "Koden fra indsamlingens dashboard, fx ABCD-EFGH-JKMN.",
    choosePin: "Vælg en PIN-kode på 4 til 8 cifre. Den skal bruges, hver gang visningen åbnes.",
    enroll: "Tilmeld tablet",
    codeEmpty: "Skriv koden fra dashboardet.",
    codeUnknown: "Koden kendes ikke, er brugt eller er udløbet. Bed om en ny kode i dashboardet.",
    sendNow: "Send nu",
    forget: "Afmeld tablet",
    forgetConfirm: "Vil du afmelde tabletten? Svar, der venter, bliver på tabletten og sendes, når den er tilmeldt igen.",
    forgetYes: "Ja, afmeld",
    forgetNo: "Nej",
    back: "Tilbage",
  },
};

/** The PIN the tests choose. */
export const PIN = "2468";

/** How long the start screen's heading is held (3 s in staff.rs), with a margin. */
export const HOLD_MS = 3_300;

/** The staff view's heading. */
export function staffHeading(w) {
  return w.getByRole("heading", { name: STAFF.da.title });
}

/**
 * Opens the staff view from the start screen: `how` is "keyboard"
 * (Ctrl+Shift+Enter), "mouse" (the heading held with the mouse button) or
 * "touch" (held with a finger: raw CDP touch events).
 */
export async function openStaff(page, w, how = "keyboard") {
  await expectScreen(w, 1);
  if (how === "keyboard") {
    await page.keyboard.press("Control+Shift+Enter");
  } else {
    await holdHeading(page, w, how, HOLD_MS);
  }
  await expect(staffHeading(w)).toBeVisible();
  // Focus moves to the PIN box, however the view was opened (a finger
  // lifted from the heading must not take it back).
  await expect.poll(() => focusedId(w)).toBe("kiosk-pin");
}

/** The id of what has focus in the widget's shadow root. */
export function focusedId(w) {
  return w.evaluate((host) => host.shadowRoot.activeElement?.id ?? null);
}

/** Holds the kiosk's heading for `ms` with the mouse or a finger. */
export async function holdHeading(page, w, how, ms) {
  const box = await w.locator("#lokal-title").boundingBox();
  const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  if (how === "mouse") {
    await page.mouse.move(point.x, point.y);
    await page.mouse.down();
    await page.waitForTimeout(ms);
    await page.mouse.up();
    return;
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point] });
  await page.waitForTimeout(ms);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

/** The PIN box. */
export function pinBox(w) {
  return w.getByLabel(STAFF.da.pin, { exact: true });
}

/**
 * Types the staff PIN: chooses it (twice) on a tablet without one, else
 * enters it; then expects the view open.
 */
export async function unlockStaff(w, pin = PIN) {
  await expect(pinBox(w)).toBeVisible();
  const again = w.getByLabel(STAFF.da.pinAgain, { exact: true });
  await pinBox(w).fill(pin);
  if (await again.count()) {
    await again.fill(pin);
    await w.getByRole("button", { name: STAFF.da.savePin }).click();
  } else {
    await w.getByRole("button", { name: STAFF.da.open, exact: true }).click();
  }
  await expect(w.getByRole("button", { name: STAFF.da.sendNow })).toBeVisible();
  // Open: focus on the view's heading.
  await expect.poll(() => focusedId(w)).toBe("kiosk-staff-title");
}

/** The value of the staff view's row `name` ("Svar, der venter", "Tilmelding" …). */
export function staffRow(w, name) {
  const term = w.page().locator("dt").filter({ hasText: new RegExp(`^${name}$`) });
  return w.locator(".kiosk-staff .review-row").filter({ has: term }).locator("dd");
}

/**
 * Enrolls the tablet through the open staff view with a fresh code from
 * `collector`'s admin API; expects the tablet's label shown.
 */
export async function enrollHere(w, { collector = COLLECTOR, token = ADMIN_TOKEN, label = "E2E-tablet" } = {}) {
  const code = await enrollmentCode(collector, token, label);
  // Typed as a person might: lower case, with spaces.
  await w.getByLabel(STAFF.da.code).fill(code.toLowerCase().replaceAll("-", " "));
  await w.getByRole("button", { name: STAFF.da.enroll }).click();
  await expect(staffRow(w, STAFF.da.enrollment)).toHaveText(label);
}

/**
 * For kiosk tests about something else: enrolls this page's tablet
 * through the staff view (PIN chosen, code from the admin API), then back
 * to the start screen.
 */
export async function enrollKiosk(page, w, options = {}) {
  await openStaff(page, w);
  await unlockStaff(w);
  await enrollHere(w, options);
  await w.getByRole("button", { name: STAFF.da.back, exact: true }).click();
  await expectScreen(w, 1);
}

/** Revokes the tablet labelled `label` on `collector` (as the dashboard's button does). */
export async function revoke(label, { collector = COLLECTOR, token = ADMIN_TOKEN } = {}) {
  const list = await fetch(`${collector}/admin/devices.json`, { headers: { authorization: basicAuth(token) } });
  if (!list.ok) throw new Error(`devices.json: HTTP ${list.status}: ${await list.text()}`);
  const body = await list.json();
  const devices = Array.isArray(body) ? body : body.devices;
  const found = devices.filter((d) => d.label === label && !d.revoked);
  if (found.length !== 1) throw new Error(`one active device labelled ${label}: ${JSON.stringify(devices)}`);
  const r = await fetch(`${collector}/admin/devices/${encodeURIComponent(found[0].id ?? found[0].device)}/revoke`, {
    method: "POST",
    headers: { authorization: basicAuth(token), accept: "application/json" },
  });
  if (!r.ok) throw new Error(`revoking ${label}: HTTP ${r.status}: ${await r.text()}`);
}
