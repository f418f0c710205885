//! The draft of a form being filled in: saved, encrypted, at every change,
//! so a reload, a crashed tab or a flat battery loses nothing.
//!
//! A form without personal data is sealed with the device key; a form with
//! personal data with a key derived from the worker's passphrase
//! ([`crate::store::sealed`]). Saves go through the ordered save queue
//! ([`crate::common::saver::Saver`]), so an older answer can never overwrite
//! a newer.

use crate::common::saver::Kept;
use crate::store::vault::{self, Record, Store};
use lokalform_forms::answers::Answers;
use lokalform_text::json::{Json, ObjectWriter};

/// What is kept: the step on screen and the answers as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormDraft {
    /// The step on screen, from 0.
    pub step: usize,
    /// The answers as typed (hidden fields' answers too, until saved).
    pub answers: Answers,
}

impl Record for FormDraft {
    fn to_json(&self) -> String {
        let mut out = String::new();
        let mut o = ObjectWriter::new(&mut out);
        o.raw("step", |out| out.push_str(&self.step.to_string()));
        o.raw("answers", |out| out.push_str(&self.answers.to_json()));
        o.finish();
        out
    }

    fn from_json(value: &Json) -> Option<FormDraft> {
        Some(FormDraft {
            step: value.get("step")?.as_u32()? as usize,
            answers: Answers::read(value.get("answers")?)?,
        })
    }
}

impl FormDraft {
    /// Reads a draft from its JSON text.
    pub fn parse(text: &str) -> Option<FormDraft> {
        FormDraft::from_json(&lokalform_text::json::parse(text).ok()?)
    }
}

/// The device-key draft kept under `id`, if any.
pub async fn load_device(id: &str) -> Option<FormDraft> {
    vault::get::<FormDraft>(Store::Drafts, id)
        .await
        .ok()
        .flatten()
}

impl Kept for FormDraft {
    fn is_blank(&self) -> bool {
        self.answers.is_empty()
    }
}
