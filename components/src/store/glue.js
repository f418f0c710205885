// lokalform's platform glue: IndexedDB, WebCrypto and fetch, nothing else.
// Policy (what is stored, when it is sent, retries) lives in Rust; this file
// only does the mechanics. Every record is stored encrypted with AES-GCM-256
// under a non-extractable device key: {iv, data} with no readable text.
// Drafts holding personal data are instead sealed with a worker's passphrase
// (see "Passphrase-sealed drafts" below); the two kinds never decrypt each other.
const DB_NAME = "lokalform";
// Version 2 added "device" (a kiosk tablet's enrollment, staff PIN and
// sending status); an upgrade only creates the stores that are missing.
const STORES = ["keys", "outbox", "kiosk", "drafts", "device"];
let opening;

function db() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const r = indexedDB.open(DB_NAME, 2);
      r.onupgradeneeded = () => {
        for (const s of STORES) if (!r.result.objectStoreNames.contains(s)) r.result.createObjectStore(s);
      };
      r.onsuccess = () => {
        // A newer version of the page upgrades the database: let it.
        r.result.onversionchange = () => { r.result.close(); opening = undefined; };
        resolve(r.result);
      };
      r.onerror = () => reject(r.error);
    });
    opening.catch(() => { opening = undefined; });
  }
  return opening;
}
const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
const done = (tx) => new Promise((ok, fail) => { tx.oncomplete = () => ok(); tx.onerror = tx.onabort = () => fail(tx.error || new Error("aborted")); });

async function deviceKey() {
  const d = await db();
  const found = await req(d.transaction("keys").objectStore("keys").get("device"));
  if (found) return found;
  const fresh = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  const tx = d.transaction("keys", "readwrite");
  tx.objectStore("keys").add(fresh, "device");
  try { await done(tx); return fresh; }
  catch { return req(d.transaction("keys").objectStore("keys").get("device")); } // another tab won the race
}

async function seal(text) {
  const key = await deviceKey();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(text));
  return { iv, data };
}

async function unseal(record) {
  if (record.kdf !== undefined) throw new Error("passphrase-sealed"); // see openSealed
  const key = await deviceKey();
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: record.iv }, key, record.data);
  return new TextDecoder().decode(plain);
}

export async function put(store, id, text) {
  const record = await seal(text);
  const tx = (await db()).transaction(store, "readwrite");
  tx.objectStore(store).put(record, id);
  await done(tx);
}

export async function get(store, id) {
  const record = await req((await db()).transaction(store).objectStore(store).get(id));
  return record === undefined ? undefined : unseal(record);
}

export async function remove(store, id) {
  const tx = (await db()).transaction(store, "readwrite");
  tx.objectStore(store).delete(id);
  await done(tx);
}

// All [id, text] pairs. A record that cannot be decrypted (its key is gone)
// is reported as [id, null] so the caller can decide.
export async function entries(store) {
  const s = (await db()).transaction(store).objectStore(store);
  const [ids, records] = await Promise.all([req(s.getAllKeys()), req(s.getAll())]);
  const out = [];
  for (let i = 0; i < ids.length; i++) {
    try { out.push([ids[i], await unseal(records[i])]); } catch { out.push([ids[i], null]); }
  }
  return out;
}

// Atomically: if every id still exists in `from`, delete them all and put
// `text` into `to` under `toId`. Returns false (and changes nothing) when
// another tab already moved any of them.
export async function move(from, ids, to, toId, text) {
  const record = await seal(text);
  const tx = (await db()).transaction([from, to], "readwrite");
  const src = tx.objectStore(from);
  let missing = false;
  let left = ids.length;
  const finish = () => {
    if (missing) { tx.abort(); return; }
    for (const id of ids) src.delete(id);
    tx.objectStore(to).put(record, toId);
  };
  if (left === 0) finish();
  for (const id of ids) {
    src.count(id).onsuccess = (e) => {
      if (e.target.result === 0) missing = true;
      if (--left === 0) finish();
    };
  }
  try { await done(tx); return !missing; } catch { if (missing) return false; throw tx.error; }
}

// Passphrase-sealed drafts, in store "drafts":
//   {kdf: "PBKDF2-SHA256", iterations, salt (16 bytes, per draft), iv (12 bytes,
//   fresh per save), data (AES-GCM-256 ciphertext)}.
// The key is derived once per opening (about half a second), kept only here
// in memory, non-extractable, until the draft is locked or removed. The
// parameters and their accepted range come from Rust (store::kdf).
const sealedKeys = /* @__PURE__ */ new Map(); // id -> {key, kdf, salt, iterations}

async function derive(passphrase, salt, iterations) {
  const material = await crypto.subtle.importKey(
    "raw", new TextEncoder().encode(passphrase.normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations }, material,
    { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

// The ids of every passphrase-sealed record in "drafts".
export async function sealedIds() {
  const s = (await db()).transaction("drafts").objectStore("drafts");
  const [ids, records] = await Promise.all([req(s.getAllKeys()), req(s.getAll())]);
  return ids.filter((id, i) => records[i] && records[i].kdf !== undefined).map(String);
}

export async function hasSealed(id) {
  return (await req((await db()).transaction("drafts").objectStore("drafts").count(id))) > 0;
}

// The plaintext of the draft `id` (null for a new draft) and, on success, its
// key kept for putSealed. Throws "wrong-passphrase" when AES-GCM refuses,
// "device-sealed" for a device-key record, "unsupported-kdf" for parameters
// outside Rust's range (kdf, iterations ..= maxIterations: a new key uses
// `iterations`). A failure changes nothing.
export async function openSealed(id, passphrase, kdf, iterations, maxIterations) {
  const record = await req((await db()).transaction("drafts").objectStore("drafts").get(id));
  if (record === undefined) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    sealedKeys.set(id, { key: await derive(passphrase, salt, iterations), kdf, salt, iterations });
    return null;
  }
  if (record.kdf === undefined) throw new Error("device-sealed");
  if (record.kdf !== kdf || !(record.iterations >= iterations && record.iterations <= maxIterations)) {
    throw new Error("unsupported-kdf");
  }
  const key = await derive(passphrase, record.salt, record.iterations);
  let plain;
  try { plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: record.iv }, key, record.data); }
  catch { throw new Error("wrong-passphrase"); }
  sealedKeys.set(id, { key, kdf, salt: record.salt, iterations: record.iterations });
  return new TextDecoder().decode(plain);
}

export async function putSealed(id, text) {
  const open = sealedKeys.get(id);
  if (!open) throw new Error("locked");
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, open.key, new TextEncoder().encode(text));
  const tx = (await db()).transaction("drafts", "readwrite");
  tx.objectStore("drafts").put({ kdf: open.kdf, iterations: open.iterations, salt: open.salt, iv, data }, id);
  await done(tx);
}

export function lockSealed(id) { sealedKeys.delete(id); }

export async function removeSealed(id) {
  sealedKeys.delete(id);
  await remove("drafts", id);
}

// Backups (store::backup): the registry as one file's content, sealed with a
// passphrase. Only text in, text out; nothing is stored here. The salt, IV
// and ciphertext travel as base64; `header` (the envelope's format, version,
// kdf and iterations, as Rust writes it) is bound as AES-GCM additional data.
// Throws "wrong-passphrase" when AES-GCM refuses and "damaged" for bytes
// that cannot be a backup's (bad base64, wrong lengths).
function toBase64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
function fromBase64(text) {
  let s;
  try { s = atob(text); } catch { throw new Error("damaged"); }
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export async function sealBackup(text, passphrase, iterations, header) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await derive(passphrase, salt, iterations);
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(header) }, key, new TextEncoder().encode(text));
  return [toBase64(salt), toBase64(iv), toBase64(new Uint8Array(data))];
}

export async function openBackup(passphrase, iterations, header, salt, iv, data) {
  const [s, i, d] = [fromBase64(salt), fromBase64(iv), fromBase64(data)];
  if (s.length !== 16 || i.length !== 12 || d.length < 16) throw new Error("damaged");
  const key = await derive(passphrase, s, iterations);
  let plain;
  try {
    plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: i, additionalData: new TextEncoder().encode(header) }, key, d);
  } catch { throw new Error("wrong-passphrase"); }
  return new TextDecoder().decode(plain);
}

// POSTs JSON without cookies, referrer or cache, saying the device clock's
// ISO week (`week`) and, when given, an `authorization`. Returns the HTTP
// status and the `error` code of the collector's JSON answer as one string
// ("422 too_old"), or "0 " when the collector could not be reached.
export async function postJson(url, body, week, authorization) {
  const headers = { "content-type": "application/json", "lokalform-device-week": week };
  if (authorization) headers.authorization = authorization;
  try {
    const r = await fetch(url, {
      method: "POST", body, headers,
      credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer", keepalive: true,
    });
    let error = "";
    if (!r.ok) try { error = String((await r.json()).error ?? ""); } catch {}
    return `${r.status} ${error}`;
  } catch { return "0 "; }
}

// GETs a text resource (a form definition) without cookies.
export async function getText(url) {
  const r = await fetch(url, { credentials: "omit", referrerPolicy: "no-referrer" });
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return r.text();
}

// POSTs JSON as postJson does; [status, the answer's text], [0, ""] when the
// collector could not be reached (a kiosk's enrollment code).
export async function postForText(url, body) {
  try {
    const r = await fetch(url, {
      method: "POST", body, headers: { "content-type": "application/json" },
      credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer",
    });
    return [r.status, await r.text()];
  } catch { return [0, ""]; }
}

// A staff PIN's PBKDF2-SHA-256 hash (256 bits) under `salt` (base64; a new
// random 16-byte salt when empty): [salt, hash] in base64. Only the hash is
// kept; the PIN itself never is.
export async function pinHash(pin, salt, iterations) {
  const s = salt ? fromBase64(salt) : crypto.getRandomValues(new Uint8Array(16));
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(pin), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: s, iterations }, material, 256);
  return [toBase64(s), toBase64(new Uint8Array(bits))];
}

export function randomKey() { return crypto.randomUUID(); }

// Fills `out` (a Uint32Array) with uniformly random words from the browser's CSPRNG.
export function randomWords(out) { crypto.getRandomValues(out); }
