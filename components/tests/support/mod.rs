//! Shared helpers of the browser tests: a look at the real IndexedDB from
//! outside `glue.js`, small async waits, records to store, and the test
//! runner's own web server as a stand-in collector.
//!
//! The runner serves the test page from 127.0.0.1 (so WebCrypto and
//! IndexedDB are available) and, for any other path, the files of the crate
//! directory, whatever the HTTP method. So a POST to
//! `/tests/fixtures/collector/api/v1/increments` answers 200 (an
//! acknowledging collector), a POST to a path that does not exist answers
//! 404 (a collector that refuses), and 127.0.0.1:9 (nothing listens; Chromium
//! also refuses the port) cannot be reached at all. Any other status comes
//! from the stand-in collector (`stand_in.rs`, included by the outbox tests
//! only).

#![allow(dead_code)] // each test binary uses a different part

pub mod widget;

use lokalform_components::store::drafts::Draft;
use lokalform_components::store::outbox::Pending;
use lokalform_forms::aggregate::{Counts, Tally};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(inline_js = r#"
const DB = "lokalform";

// Opens the database only if glue.js already created it: creating it here
// (at version 1, without stores) would hide a bug in glue.js's set-up.
async function withDb(use) {
  const list = await indexedDB.databases();
  if (!list.some((d) => d.name === DB)) return undefined;
  const d = await new Promise((ok, fail) => {
    const r = indexedDB.open(DB);
    r.onupgradeneeded = () => r.transaction.abort();
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  d.onversionchange = () => d.close();
  try { return await use(d); } finally { d.close(); }
}
const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
const done = (tx) => new Promise((ok, fail) => { tx.oncomplete = () => ok(); tx.onerror = tx.onabort = () => fail(tx.error || new Error("aborted")); });

export function rawGet(store, id) {
  return withDb((d) => req(d.transaction(store).objectStore(store).get(id)));
}
export async function rawEntries(store) {
  const found = await withDb(async (d) => {
    const s = d.transaction(store).objectStore(store);
    const [ids, values] = await Promise.all([req(s.getAllKeys()), req(s.getAll())]);
    return ids.map((id, i) => [id, values[i]]);
  });
  return found || [];
}
export async function rawCount(store) {
  const n = await withDb((d) => req(d.transaction(store).objectStore(store).count()));
  return n || 0;
}
export async function rawPut(store, id, value) {
  const ok = await withDb(async (d) => {
    const tx = d.transaction(store, "readwrite");
    tx.objectStore(store).put(value, id);
    await done(tx);
    return true;
  });
  if (!ok) throw new Error("the database does not exist yet");
}
export async function clearStores(stores) {
  await withDb(async (d) => {
    const tx = d.transaction(stores, "readwrite");
    for (const s of stores) tx.objectStore(s).clear();
    await done(tx);
  });
}
export async function decryptWithDeviceKey(record) {
  const key = await rawGet("keys", "device");
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: record.iv }, key, record.data);
  return new TextDecoder().decode(plain);
}
export async function exportRaw(key) { return crypto.subtle.exportKey("raw", key); }
export function className(x) { return Object.prototype.toString.call(x); }
export function keysOf(x) { return Object.keys(x).sort(); }
export function bytesOf(x) {
  if (x instanceof ArrayBuffer) return new Uint8Array(x.slice(0));
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength));
  throw new Error("not bytes: " + Object.prototype.toString.call(x));
}
export function randomBytes(n) { return crypto.getRandomValues(new Uint8Array(n)); }
export function sleep(ms) { return new Promise((ok) => setTimeout(ok, ms)); }
export function origin() { return location.origin; }

export function shadowAll(host, selector) {
  return host.shadowRoot ? Array.from(host.shadowRoot.querySelectorAll(selector)) : [];
}
// The widget's text.
export function shadowText(host) {
  const root = host.shadowRoot && host.shadowRoot.querySelector(".lokal-root");
  return root ? root.textContent.replace(/\s+/g, " ") : "";
}
export function shadowMode(host) { return host.shadowRoot ? host.shadowRoot.mode : "none"; }
export function shadowChildTags(host) {
  return host.shadowRoot ? Array.from(host.shadowRoot.children).map((c) => c.localName) : [];
}
// The rules of the stylesheets adopted into the shadow root, one entry per
// sheet (the rule count).
export function adoptedRuleCounts(host) {
  return host.shadowRoot ? host.shadowRoot.adoptedStyleSheets.map((s) => s.cssRules.length) : [];
}
// One computed style property of the first element matching `selector` in
// the shadow root ("" for the host itself).
export function computedStyle(host, selector, property) {
  const el = selector === "" ? host : host.shadowRoot.querySelector(selector);
  return el ? getComputedStyle(el).getPropertyValue(property) : "";
}

// Records every `name` event that reaches `target`, with what a host page
// would see of it.
export function recordEvents(target, name) {
  const log = [];
  const listener = (e) => log.push({
    target: e.target, bubbles: e.bubbles, composed: e.composed,
    detail: e.detail, detailKeys: e.detail ? Object.keys(e.detail).sort() : [],
    message: e.message === undefined ? null : String(e.message),
  });
  target.addEventListener(name, listener);
  log.stop = () => target.removeEventListener(name, listener);
  return log;
}
export function removeAll(selector) { for (const e of document.querySelectorAll(selector)) e.remove(); }
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = rawGet)]
    async fn js_raw_get(store: &str, id: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = rawEntries)]
    async fn js_raw_entries(store: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = rawCount)]
    async fn js_raw_count(store: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = rawPut)]
    async fn js_raw_put(store: &str, id: &str, value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = clearStores)]
    async fn js_clear_stores(stores: js_sys::Array) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = decryptWithDeviceKey)]
    async fn js_decrypt_with_device_key(record: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = exportRaw)]
    async fn js_export_raw(key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = className)]
    pub fn class_name(x: &JsValue) -> String;
    #[wasm_bindgen(js_name = keysOf)]
    fn js_keys_of(x: &JsValue) -> js_sys::Array;
    #[wasm_bindgen(catch, js_name = bytesOf)]
    fn js_bytes_of(x: &JsValue) -> Result<js_sys::Uint8Array, JsValue>;
    #[wasm_bindgen(js_name = randomBytes)]
    pub fn random_bytes(n: u32) -> js_sys::Uint8Array;
    #[wasm_bindgen(js_name = sleep)]
    async fn js_sleep(ms: u32);
    #[wasm_bindgen(js_name = origin)]
    pub fn origin() -> String;
    #[wasm_bindgen(js_name = shadowAll)]
    fn js_shadow_all(host: &web_sys::HtmlElement, selector: &str) -> js_sys::Array;
    #[wasm_bindgen(js_name = shadowText)]
    pub fn shadow_text(host: &web_sys::HtmlElement) -> String;
    #[wasm_bindgen(js_name = shadowMode)]
    pub fn shadow_mode(host: &web_sys::HtmlElement) -> String;
    #[wasm_bindgen(js_name = shadowChildTags)]
    fn js_shadow_child_tags(host: &web_sys::HtmlElement) -> js_sys::Array;
    #[wasm_bindgen(js_name = adoptedRuleCounts)]
    fn js_adopted_rule_counts(host: &web_sys::HtmlElement) -> js_sys::Array;
    /// One computed style property of the first element matching
    /// `selector` in the shadow root (`""`: the host itself).
    #[wasm_bindgen(js_name = computedStyle)]
    pub fn computed_style(host: &web_sys::HtmlElement, selector: &str, property: &str) -> String;
    #[wasm_bindgen(js_name = recordEvents)]
    pub fn record_events(target: &JsValue, name: &str) -> js_sys::Array;
    #[wasm_bindgen(js_name = removeAll)]
    pub fn remove_all(selector: &str);
}

/// How long a wait may take before the test fails.
pub const TIMEOUT_MS: f64 = 3_000.0;

/// Sleeps `ms` milliseconds (a Promise resolved by `setTimeout`).
pub async fn sleep(ms: u32) {
    js_sleep(ms).await;
}

/// Polls `ok` every 20 ms until it holds; fails the test after
/// [`TIMEOUT_MS`] with `what` and the last `state` seen.
pub async fn wait_until(what: &str, mut ok: impl FnMut() -> bool, state: impl Fn() -> String) {
    let start = js_sys::Date::now();
    loop {
        if ok() {
            return;
        }
        if js_sys::Date::now() - start > TIMEOUT_MS {
            panic!(
                "timed out after {TIMEOUT_MS} ms waiting until {what}; now: {}",
                state()
            );
        }
        sleep(20).await;
    }
}

/// The stores tests write to (the device key in "keys" stays; "device" is
/// the kiosk tablet's enrollment, PIN and status).
pub const DATA_STORES: [&str; 4] = ["outbox", "kiosk", "drafts", "device"];

/// Empties the outbox, kiosk, drafts and device stores, so tests do not depend on
/// each other's order.
pub async fn reset() {
    let stores: js_sys::Array = DATA_STORES.iter().map(|s| JsValue::from_str(s)).collect();
    js_clear_stores(stores)
        .await
        .unwrap_or_else(|e| panic!("clearing the stores failed: {e:?}"));
}

/// The record `id` of `store` as IndexedDB holds it (undefined when absent).
pub async fn raw_get(store: &str, id: &str) -> JsValue {
    js_raw_get(store, id)
        .await
        .unwrap_or_else(|e| panic!("reading {store}/{id} failed: {e:?}"))
}

/// Every `(id, raw record)` of `store`.
pub async fn raw_entries(store: &str) -> Vec<(String, JsValue)> {
    let list: js_sys::Array = js_raw_entries(store)
        .await
        .unwrap_or_else(|e| panic!("listing {store} failed: {e:?}"))
        .unchecked_into();
    list.iter()
        .map(|pair| {
            let pair: js_sys::Array = pair.unchecked_into();
            (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
        })
        .collect()
}

/// How many records `store` holds.
pub async fn raw_count(store: &str) -> u32 {
    js_raw_count(store)
        .await
        .unwrap_or_else(|e| panic!("counting {store} failed: {e:?}"))
        .as_f64()
        .unwrap_or(-1.0) as u32
}

/// Writes `value` as it is (not encrypted) under `id`.
pub async fn raw_put(store: &str, id: &str, value: &JsValue) {
    js_raw_put(store, id, value)
        .await
        .unwrap_or_else(|e| panic!("writing {store}/{id} failed: {e:?}"));
}

/// Decrypts a raw `{iv, data}` record with the device key found in store
/// "keys" (as an attacker with the key, not through the crate's code).
pub async fn decrypt_with_device_key(record: &JsValue) -> Result<String, JsValue> {
    js_decrypt_with_device_key(record)
        .await
        .map(|v| v.as_string().unwrap_or_default())
}

/// `crypto.subtle.exportKey("raw", key)`.
pub async fn export_raw(key: &JsValue) -> Result<JsValue, JsValue> {
    js_export_raw(key).await
}

/// The own property names of `x`, sorted.
pub fn keys_of(x: &JsValue) -> Vec<String> {
    js_keys_of(x).iter().filter_map(|k| k.as_string()).collect()
}

/// The bytes of an ArrayBuffer or typed array.
pub fn bytes_of(x: &JsValue) -> Vec<u8> {
    js_bytes_of(x).unwrap_or_else(|e| panic!("{e:?}")).to_vec()
}

/// Property `name` of `x`.
pub fn prop(x: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(x, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Whether `needle` occurs in `haystack`.
pub fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A comment a citizen must never find in storage in clear text.
pub const SECRET: &str = "Mit navn er Ole Hansen";

/// A tally of the built-in feedback form with idempotency key `key`.
pub fn tally(key: &str, counts: &[(&str, &str)], comments: &[&str]) -> Tally {
    let mut all = Counts::new();
    for (question, option) in counts {
        all.add(question, option, 1);
    }
    Tally {
        form: "feedback".into(),
        version: 1,
        key: key.into(),
        responses: 1,
        counts: all,
        comments: comments.iter().map(|c| c.to_string()).collect(),
        week: None,
    }
}

/// A pending tally for `url`.
pub fn pending(url: &str, tally: Tally) -> Pending {
    Pending {
        url: url.into(),
        tally,
        rejected: false,
    }
}

/// A draft with `answers` and `comment`.
pub fn draft(answers: &[(&str, &str)], comment: &str) -> Draft {
    Draft {
        answers: answers
            .iter()
            .map(|(q, o)| (q.to_string(), o.to_string()))
            .collect(),
        comment: comment.into(),
    }
}

/// A collector that cannot be reached (nothing listens on port 9).
pub const UNREACHABLE: &str = "http://127.0.0.1:9/api/v1/increments";

/// An endpoint on the runner's server that answers POSTs with 404.
pub fn refusing_url() -> String {
    format!("{}/no-such-collector/api/v1/increments", origin())
}

/// A collector base URL on the runner's server that answers 200 to POSTs
/// on its endpoints (fixture files `tests/fixtures/collector/api/v1/*`).
pub fn acknowledging_collector() -> String {
    format!("{}/tests/fixtures/collector", origin())
}

/// Elements of the shadow root of `host` matching `selector`.
pub fn shadow_all<T: JsCast>(host: &web_sys::HtmlElement, selector: &str) -> Vec<T> {
    js_shadow_all(host, selector)
        .iter()
        .map(|e| e.unchecked_into::<T>())
        .collect()
}

/// The number of rules in each stylesheet adopted into the shadow root.
pub fn adopted_rule_counts(host: &web_sys::HtmlElement) -> Vec<u32> {
    js_adopted_rule_counts(host)
        .iter()
        .filter_map(|n| n.as_f64())
        .map(|n| n as u32)
        .collect()
}

/// The tag names of the shadow root's children.
pub fn shadow_child_tags(host: &web_sys::HtmlElement) -> Vec<String> {
    js_shadow_child_tags(host)
        .iter()
        .filter_map(|t| t.as_string())
        .collect()
}
