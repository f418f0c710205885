//! A web form's answers while they are being filled in, so a reload or a
//! crashed tab loses nothing. Encrypted like everything else; deleted on
//! submit and when the citizen starts over.

use super::vault::{self, Record, Store, StoreError};
use lokalform_text::json::{Json, ObjectWriter};

/// The answers so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    /// Chosen option per question.
    pub answers: Vec<(String, String)>,
    /// The comment as typed (not yet redacted: it never leaves the device
    /// in this form).
    pub comment: String,
}

impl Record for Draft {
    fn to_json(&self) -> String {
        let mut out = String::new();
        let mut o = ObjectWriter::new(&mut out);
        o.raw("answers", |out| {
            let mut answers = ObjectWriter::new(out);
            for (question, option) in &self.answers {
                answers.string(question, option);
            }
            answers.finish();
        });
        o.string("comment", &self.comment);
        o.finish();
        out
    }

    fn from_json(value: &Json) -> Option<Draft> {
        let mut answers = Vec::new();
        for (question, option) in value.get("answers")?.as_object()? {
            answers.push((question.clone(), option.as_str()?.to_string()));
        }
        Some(Draft {
            answers,
            comment: value.get("comment")?.as_str()?.to_string(),
        })
    }
}

impl Draft {
    /// Whether nothing has been answered.
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty() && self.comment.trim().is_empty()
    }
}

/// Saves the draft kept under `draft_id` (a form id, or form id and instance).
pub async fn save(draft_id: &str, draft: &Draft) -> Result<(), StoreError> {
    vault::put(Store::Drafts, draft_id, draft).await
}

/// The draft kept under `draft_id`, if any.
pub async fn load(draft_id: &str) -> Result<Option<Draft>, StoreError> {
    vault::get(Store::Drafts, draft_id).await
}

/// Deletes the draft kept under `draft_id`.
pub async fn discard(draft_id: &str) -> Result<(), StoreError> {
    vault::remove(Store::Drafts, draft_id).await
}
