//! Drafts sealed with a worker's passphrase.
//!
//! Every other record is encrypted under the device key, which any script of
//! the page's origin (and anyone holding the unlocked device) can use. Forms
//! that hold personal data (CPR numbers, names, signatures) need more: their
//! drafts are encrypted under a key derived from the worker's passphrase, so
//! a draft left on a shared device is unreadable without it.
//!
//! Parameters (mechanics in `glue.js`, which receives them from here):
//! - the key derivation of [`super::kdf`]: PBKDF2-HMAC-SHA-256 with
//!   [`super::kdf::ITERATIONS`] iterations and a random 16-byte salt per
//!   draft, into a non-extractable AES-GCM-256 key; a stored draft outside
//!   [`super::kdf::accepted`] is refused (`"unsupported-kdf"`), never opened;
//! - AES-GCM with a fresh random 12-byte IV on every save;
//! - the record, in store "drafts" under the caller's id (e.g.
//!   `form:recruitment-peer`), is
//!   `{kdf: "PBKDF2-SHA256", iterations, salt, iv, data}`: no readable text.
//!
//! Deriving takes about half a second, so it happens once, in [`open`]; the
//! key then stays in the page's memory (never stored) for every [`save`] of
//! that draft until [`lock`] or [`discard`]. A passphrase is normalised to
//! Unicode NFC before deriving, so "å" typed either way opens the draft.
//!
//! Sealed and device-key records never decrypt each other: the device-key
//! path ([`super::vault::get`]) reports a sealed record as
//! `StoreError("passphrase-sealed")` (and [`super::vault::entries`] leaves it
//! out), and [`open`] reports a device-key record under the same id as
//! `SealError::Store(StoreError("device-sealed"))`, not as a wrong passphrase
//! (no passphrase can open it). Keep sealed drafts under their own ids:
//! [`super::drafts::save`] under a sealed draft's id would replace it.

use super::kdf::{ITERATIONS, KDF, MAX_ITERATIONS};
use super::vault::StoreError;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/store/glue.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = sealedIds)]
    async fn js_ids() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = hasSealed)]
    async fn js_has(id: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = openSealed)]
    async fn js_open(
        id: &str,
        passphrase: &str,
        kdf: &str,
        iterations: u32,
        max_iterations: u32,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = putSealed)]
    async fn js_put(id: &str, text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = lockSealed)]
    fn js_lock(id: &str);
    #[wasm_bindgen(catch, js_name = removeSealed)]
    async fn js_remove(id: &str) -> Result<JsValue, JsValue>;
}

/// Why a sealed draft could not be opened or saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealError {
    /// The passphrase does not open the stored draft (AES-GCM refused it).
    /// Nothing was changed.
    WrongPassphrase,
    /// No key for this draft: [`open`] it first (again after [`lock`] or
    /// [`discard`]).
    Locked,
    /// Storage or WebCrypto failed, or the record under this id is not a
    /// passphrase-sealed draft (`"device-sealed"`, `"unsupported-kdf"`).
    Store(StoreError),
}

fn fail(e: JsValue) -> SealError {
    let message = super::vault::thrown(e).unwrap_or_default();
    match message.as_str() {
        "wrong-passphrase" => SealError::WrongPassphrase,
        "locked" => SealError::Locked,
        "" => SealError::Store(StoreError("storage failed".into())),
        _ => SealError::Store(StoreError(message)),
    }
}

/// Whether a draft is stored under `id` (so the worker is asked for the
/// passphrase that opens it, not to choose one).
pub async fn exists(id: &str) -> Result<bool, SealError> {
    js_has(id)
        .await
        .map(|v| v.as_bool().unwrap_or(false))
        .map_err(fail)
}

/// Derives the key of the draft `id` from `passphrase` and keeps it for
/// [`save`]. `Ok(Some(text))`: the stored draft; `Ok(None)`: none is stored
/// yet, so a new draft with a fresh salt starts (stored on the first save).
/// A failed open leaves the stored draft and any key already kept as they
/// were.
pub async fn open(id: &str, passphrase: &str) -> Result<Option<String>, SealError> {
    js_open(id, passphrase, KDF, ITERATIONS, MAX_ITERATIONS)
        .await
        .map(|v| v.as_string())
        .map_err(fail)
}

/// Encrypts `text` under the kept key with a fresh IV and stores it under
/// `id`, replacing the previous save. [`SealError::Locked`] when the draft
/// is not open.
pub async fn save(id: &str, text: &str) -> Result<(), SealError> {
    js_put(id, text).await.map(|_| ()).map_err(fail)
}

/// Forgets the key of the draft `id`; the stored draft stays.
pub fn lock(id: &str) {
    js_lock(id);
}

/// Deletes the draft `id` and forgets its key. No error when there is none.
pub async fn discard(id: &str) -> Result<(), SealError> {
    js_remove(id).await.map(|_| ()).map_err(fail)
}

/// The ids of every passphrase-sealed record on this device (drafts, and
/// the programme's registry).
pub async fn ids() -> Result<Vec<String>, SealError> {
    let list: js_sys::Array = js_ids().await.map_err(fail)?.into();
    Ok(list.iter().filter_map(|v| v.as_string()).collect())
}
