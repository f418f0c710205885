//! Where the registry is kept: one record sealed with the worker's
//! passphrase (`crate::store::sealed`), saved through the same one-at-a-time
//! queue as form drafts ([`crate::common::saver::Saver`]).

use crate::common::saver::Kept;
use crate::store::vault::Record;
use lokalform_forms::record_id::{registry_lock, RecordId};
use lokalform_programme::Registry;
use lokalform_text::json::Json;
use wasm_bindgen::prelude::*;

/// The sealed record's id for programme `programme`.
pub fn record_id(programme: &str) -> String {
    RecordId::Registry { programme }.to_string()
}

/// The registry as a stored record: its JSON ([`Registry::to_json`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryRecord(pub Registry);

impl Record for RegistryRecord {
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    fn from_json(value: &Json) -> Option<Self> {
        // Only the text form is ever read back (`Registry::from_json`).
        let _ = value;
        None
    }
}

impl Kept for RegistryRecord {}

#[wasm_bindgen(inline_js = r#"
const held = new Map();
export function holdLock(name) {
  if (!navigator.locks) return Promise.resolve(true);
  if (held.has(name)) return Promise.resolve(true);
  return new Promise((resolve) => {
    navigator.locks.request(name, { ifAvailable: true }, (lock) => {
      if (!lock) { resolve(false); return undefined; }
      resolve(true);
      return new Promise((release) => held.set(name, release));
    }).catch(() => resolve(true));
  });
}
export function releaseLock(name) {
  const release = held.get(name);
  if (release) { held.delete(name); release(); }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = holdLock)]
    async fn hold_lock(name: &str) -> JsValue;
    #[wasm_bindgen(js_name = releaseLock)]
    fn release_lock(name: &str);
}

/// Claims programme `programme` for this tab (a Web Lock), so a second
/// tab cannot open the same registry and overwrite this one's changes
/// with its own older copy. `false` when another tab holds it.
pub async fn claim(programme: &str) -> bool {
    hold_lock(&registry_lock(programme))
        .await
        .as_bool()
        .unwrap_or(true)
}

/// Lets go of the claim (on lock, or when the app goes away).
pub fn release(programme: &str) {
    release_lock(&registry_lock(programme));
}
