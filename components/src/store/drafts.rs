//! A web form's answers while they are being filled in, so a reload or a
//! crashed tab loses nothing. Encrypted like everything else; deleted on
//! submit and when the citizen starts over.

use super::vault::{self, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The answers so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Chosen option per question.
    pub answers: BTreeMap<String, String>,
    /// The comment as typed (not yet redacted: it never leaves the device
    /// in this form).
    pub comment: String,
}

impl Draft {
    /// Whether nothing has been answered.
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty() && self.comment.trim().is_empty()
    }
}

/// Saves the draft of form `form_id`.
pub async fn save(form_id: &str, draft: &Draft) -> Result<(), StoreError> {
    vault::put(Store::Drafts, form_id, draft).await
}

/// The saved draft of form `form_id`, if any.
pub async fn load(form_id: &str) -> Result<Option<Draft>, StoreError> {
    vault::get(Store::Drafts, form_id).await
}

/// Deletes the draft of form `form_id`.
pub async fn discard(form_id: &str) -> Result<(), StoreError> {
    vault::remove(Store::Drafts, form_id).await
}
