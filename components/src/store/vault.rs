//! Typed access to the encrypted stores.

use lokalform_text::json::{self, Json};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/store/glue.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = put)]
    async fn js_put(store: &str, id: &str, text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = get)]
    async fn js_get(store: &str, id: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = remove)]
    async fn js_remove(store: &str, id: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = entries)]
    async fn js_entries(store: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = move)]
    async fn js_move(
        from: &str,
        ids: js_sys::Array,
        to: &str,
        to_id: &str,
        text: &str,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = postJson)]
    async fn js_post_json(url: &str, body: &str, week: &str, authorization: &str) -> JsValue;
    #[wasm_bindgen(catch, js_name = getText)]
    async fn js_get_text(url: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = randomKey)]
    fn js_random_key() -> String;
    // A slice, not a returned u32: a function wasm-bindgen could import
    // without a JS shim would escape `xtask/src/shrink.rs`'s renaming.
    #[wasm_bindgen(js_name = randomWords)]
    fn js_random_words(out: &mut [u32]);
}

/// One of the encrypted stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// Tallies waiting to be sent.
    Outbox,
    /// Kiosk responses waiting for a batch.
    Kiosk,
    /// Answers being filled in.
    Drafts,
    /// A kiosk tablet's enrollment, staff PIN and sending status
    /// ([`super::device`]).
    Device,
}

impl Store {
    fn name(self) -> &'static str {
        match self {
            Store::Outbox => "outbox",
            Store::Kiosk => "kiosk",
            Store::Drafts => "drafts",
            Store::Device => "device",
        }
    }
}

/// Why storage failed: IndexedDB or WebCrypto unavailable (private mode, a
/// page not on https) or a record that no longer decrypts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

/// The message the glue threw: a string, or an `Error`'s message.
pub(crate) fn thrown(e: JsValue) -> Option<String> {
    e.as_string()
        .or_else(|| js_sys::Error::from(e).message().as_string())
}

fn err(e: JsValue) -> StoreError {
    StoreError(thrown(e).unwrap_or_else(|| "storage failed".into()))
}

/// Something kept in a store: written as JSON, read back from JSON.
pub trait Record: Sized {
    /// The record as JSON text.
    fn to_json(&self) -> String;
    /// The record from its JSON tree; `None` if it is not one.
    fn from_json(value: &Json) -> Option<Self>;
}

fn decode<T: Record>(text: &str) -> Option<T> {
    json::parse(text).ok().as_ref().and_then(T::from_json)
}

/// Encrypts and stores `value` under `id`.
pub async fn put<T: Record>(store: Store, id: &str, value: &T) -> Result<(), StoreError> {
    js_put(store.name(), id, &value.to_json())
        .await
        .map(|_| ())
        .map_err(err)
}

/// Reads and decrypts the record `id`, if there is one.
pub async fn get<T: Record>(store: Store, id: &str) -> Result<Option<T>, StoreError> {
    let value = js_get(store.name(), id).await.map_err(err)?;
    Ok(value.as_string().and_then(|text| decode(&text)))
}

/// Deletes the record `id`.
pub async fn remove(store: Store, id: &str) -> Result<(), StoreError> {
    js_remove(store.name(), id).await.map(|_| ()).map_err(err)
}

/// Every record of `store` that decrypts and parses, with its id. Records
/// that do not (a key lost with cleared site data) are left alone.
pub async fn entries<T: Record>(store: Store) -> Result<Vec<(String, T)>, StoreError> {
    let list: js_sys::Array = js_entries(store.name()).await.map_err(err)?.into();
    let mut out = Vec::new();
    for pair in list.iter() {
        let pair: js_sys::Array = pair.into();
        let (Some(id), Some(text)) = (pair.get(0).as_string(), pair.get(1).as_string()) else {
            continue;
        };
        if let Some(value) = decode(&text) {
            out.push((id, value));
        }
    }
    Ok(out)
}

/// Atomically deletes `ids` from `from` and stores `value` in `to` under
/// `to_id`; `Ok(false)` (nothing changed) when any id was already gone.
pub async fn move_records<T: Record>(
    from: Store,
    ids: &[String],
    to: Store,
    to_id: &str,
    value: &T,
) -> Result<bool, StoreError> {
    let text = value.to_json();
    let ids: js_sys::Array = ids.iter().map(|i| JsValue::from_str(i)).collect();
    js_move(from.name(), ids, to.name(), to_id, &text)
        .await
        .map(|v| v.as_bool().unwrap_or(false))
        .map_err(err)
}

/// The collector's answer to a POST.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    /// The HTTP status; 0 when the collector could not be reached.
    pub status: u16,
    /// The `error` code of the collector's JSON answer to a refusal
    /// (`too_old`, `device_not_enrolled` …); empty when there is none.
    pub error: String,
}

impl Reply {
    /// Reads the glue's `"<status> <error>"`.
    ///
    /// ```
    /// use lokalform_components::store::vault::Reply;
    /// assert_eq!(Reply::parse("422 too_old"), Reply { status: 422, error: "too_old".into() });
    /// assert_eq!(Reply::parse("201 "), Reply { status: 201, error: String::new() });
    /// assert_eq!(Reply::parse("nonsense"), Reply::default());
    /// ```
    pub fn parse(text: &str) -> Reply {
        let (status, error) = text.split_once(' ').unwrap_or((text, ""));
        Reply {
            status: status.parse().unwrap_or(0),
            error: error.to_owned(),
        }
    }
}

/// POSTs `body` as JSON (no cookies, no referrer), with `authorization`
/// unless it is empty, and the device clock's ISO week in
/// `Lokalform-Device-Week` (the collector corrects a tally's `week` by how
/// far the device's clock is off); the collector's [`Reply`].
pub async fn post_json(url: &str, body: &str, authorization: &str) -> Reply {
    let week = crate::common::today::this_week();
    Reply::parse(
        &js_post_json(url, body, &week, authorization)
            .await
            .as_string()
            .unwrap_or_default(),
    )
}

/// Fetches a text resource without cookies.
pub async fn get_text(url: &str) -> Result<String, StoreError> {
    js_get_text(url)
        .await
        .map(|v| v.as_string().unwrap_or_default())
        .map_err(err)
}

/// A random idempotency key (a v4 UUID).
pub fn random_key() -> String {
    js_random_key()
}

/// A uniformly random 32-bit word from `crypto.getRandomValues`.
pub fn random_word() -> u32 {
    let mut word = [0u32];
    js_random_words(&mut word);
    word[0]
}
