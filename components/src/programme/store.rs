//! Where the registry is kept: one record sealed with the worker's
//! passphrase (`crate::store::sealed`), saved through the same one-at-a-time
//! queue as form drafts ([`crate::form::draft::Saver`]).

use crate::form::draft::Kept;
use crate::store::vault::Record;
use lokalform::json::Json;
use lokalform::programme::Registry;

/// The sealed record's id for programme `programme`.
pub fn record_id(programme: &str) -> String {
    format!("programme:{programme}")
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
