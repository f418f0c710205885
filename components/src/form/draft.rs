//! The draft of a form being filled in: saved, encrypted, at every change,
//! so a reload, a crashed tab or a flat battery loses nothing.
//!
//! A form without personal data is sealed with the device key; a form with
//! personal data with a key derived from the worker's passphrase
//! ([`crate::store::sealed`]). Saves run one at a time, and only the newest
//! waiting one runs next, so an older answer can never overwrite a newer.

use crate::store::sealed;
use crate::store::vault::{self, Record, Store};
use leptos::prelude::*;
use lokalform::answers::Answers;
use lokalform::json::{Json, ObjectWriter};

/// What is kept: the step on screen and the answers as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormDraft {
    pub step: usize,
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
        FormDraft::from_json(&lokalform::json::parse(text).ok()?)
    }
}

/// How a form's draft is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    /// The non-extractable device key.
    Device,
    /// A key derived from the worker's passphrase.
    Passphrase,
}

/// The device-key draft kept under `id`, if any.
pub async fn load_device(id: &str) -> Option<FormDraft> {
    vault::get::<FormDraft>(Store::Drafts, id)
        .await
        .ok()
        .flatten()
}

/// The next thing to do with the stored draft.
#[derive(Debug, Clone)]
enum Job {
    Save(FormDraft),
    Discard,
    Lock,
}

/// Saves drafts one at a time, newest wins; deleting goes through the same
/// queue, so a save still under way cannot bring a deleted draft back.
#[derive(Clone, Copy)]
pub struct Saver {
    id: StoredValue<String>,
    protection: Protection,
    busy: StoredValue<bool>,
    waiting: StoredValue<Option<Job>>,
    /// Set when the last save failed (shown to the person).
    pub failed: RwSignal<bool>,
}

impl Saver {
    /// A saver for the draft `id`.
    pub fn new(id: String, protection: Protection) -> Saver {
        Saver {
            id: StoredValue::new(id),
            protection,
            busy: StoredValue::new(false),
            waiting: StoredValue::new(None),
            failed: RwSignal::new(false),
        }
    }

    /// Saves `draft` (an empty device-key draft is deleted instead).
    pub fn save(self, draft: FormDraft) {
        self.run(Job::Save(draft));
    }

    /// Deletes the draft (after the form is saved, or when asked to).
    pub fn discard(self) {
        self.run(Job::Discard);
    }

    /// Forgets the passphrase key once the saves under way are done: the
    /// draft stays, and opens again only with the passphrase.
    pub fn lock(self) {
        self.run(Job::Lock);
    }

    fn run(self, job: Job) {
        self.waiting.set_value(Some(job));
        if self.busy.get_value() {
            return; // the running loop picks it up
        }
        self.busy.set_value(true);
        crate::task::spawn(async move {
            while let Some(job) = self.waiting.try_update_value(Option::take).flatten() {
                let id = self.id.get_value();
                let ok = match (job, self.protection) {
                    (Job::Discard, Protection::Device) => {
                        vault::remove(Store::Drafts, &id).await.is_ok()
                    }
                    (Job::Discard, Protection::Passphrase) => sealed::discard(&id).await.is_ok(),
                    (Job::Lock, _) => {
                        sealed::lock(&id);
                        true
                    }
                    (Job::Save(d), Protection::Device) if d.answers.is_empty() => {
                        vault::remove(Store::Drafts, &id).await.is_ok()
                    }
                    (Job::Save(d), Protection::Device) => {
                        vault::put(Store::Drafts, &id, &d).await.is_ok()
                    }
                    (Job::Save(d), Protection::Passphrase) => {
                        sealed::save(&id, &d.to_json()).await.is_ok()
                    }
                };
                self.failed.try_set(!ok);
            }
            self.busy.try_set_value(false);
        });
    }
}
