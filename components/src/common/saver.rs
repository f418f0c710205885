//! The ordered save queue: saves a record (a form's draft, the programme's
//! registry) at every change, one save at a time, newest wins.
//!
//! A form without personal data is sealed with the device key; a form or
//! registry with personal data with a key derived from the worker's
//! passphrase ([`crate::store::sealed`]). Deleting and locking go through
//! the same queue, so a save still under way can never bring a deleted
//! record back, and a lock never replaces a waiting save.

use crate::store::sealed;
use crate::store::vault::{self, Record, Store};
use leptos::prelude::*;
use std::sync::{Arc, Mutex};

/// How a form's draft is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    /// The non-extractable device key.
    Device,
    /// A key derived from the worker's passphrase.
    Passphrase,
}

/// Something a [`Saver`] keeps: a form's draft, or the programme's
/// registry.
pub trait Kept: Record + Clone + Send + Sync + 'static {
    /// Whether there is nothing worth keeping (a blank device-key draft is
    /// deleted rather than stored).
    fn is_blank(&self) -> bool {
        false
    }
}

/// The next thing to do with the stored draft.
#[derive(Debug, Clone)]
enum Job<D> {
    Save(D),
    Discard,
    Lock,
}

/// What a [`Saver`] is doing: whether its loop runs, the newest save or
/// delete waiting, and whether to forget the key after it. Shared with the
/// loop, so a job queued just before the form goes away (saved, then the
/// app moves on) still runs. A lock never replaces a waiting save or
/// delete: it runs after it.
struct Queue<D> {
    busy: bool,
    waiting: Option<Job<D>>,
    lock_after: bool,
}

/// Saves drafts one at a time, newest wins; deleting goes through the same
/// queue, so a save still under way cannot bring a deleted draft back.
pub struct Saver<D: Kept> {
    id: StoredValue<String>,
    protection: Protection,
    queue: StoredValue<Arc<Mutex<Queue<D>>>>,
    /// Set when the last save failed (shown to the person).
    pub failed: RwSignal<bool>,
}

impl<D: Kept> Clone for Saver<D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D: Kept> Copy for Saver<D> {}

impl<D: Kept> Saver<D> {
    /// A saver for the draft `id`.
    pub fn new(id: String, protection: Protection) -> Saver<D> {
        Saver {
            id: StoredValue::new(id),
            protection,
            queue: StoredValue::new(Arc::new(Mutex::new(Queue {
                busy: false,
                waiting: None,
                lock_after: false,
            }))),
            failed: RwSignal::new(false),
        }
    }

    /// Saves `draft` (an empty device-key draft is deleted instead).
    pub fn save(self, draft: D) {
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

    fn run(self, job: Job<D>) {
        let (Some(queue), Some(id)) = (self.queue.try_get_value(), self.id.try_get_value()) else {
            return;
        };
        {
            let Ok(mut q) = queue.lock() else { return };
            match job {
                Job::Lock => q.lock_after = true,
                job => q.waiting = Some(job),
            }
            if q.busy {
                return; // the running loop picks it up
            }
            q.busy = true;
        }
        let (protection, failed) = (self.protection, self.failed);
        crate::common::task::spawn(async move {
            loop {
                let job = match queue.lock() {
                    Ok(mut q) => match q.waiting.take() {
                        Some(job) => job,
                        None if q.lock_after => {
                            q.lock_after = false;
                            Job::Lock
                        }
                        None => {
                            q.busy = false;
                            break;
                        }
                    },
                    Err(_) => break,
                };
                let ok = match (job, protection) {
                    (Job::Discard, Protection::Device) => {
                        vault::remove(Store::Drafts, &id).await.is_ok()
                    }
                    (Job::Discard, Protection::Passphrase) => sealed::discard(&id).await.is_ok(),
                    (Job::Lock, _) => {
                        // Forgetting the key says nothing about the last
                        // save: leave `failed` as it is.
                        sealed::lock(&id);
                        continue;
                    }
                    (Job::Save(d), Protection::Device) if d.is_blank() => {
                        vault::remove(Store::Drafts, &id).await.is_ok()
                    }
                    (Job::Save(d), Protection::Device) => {
                        vault::put(Store::Drafts, &id, &d).await.is_ok()
                    }
                    (Job::Save(d), Protection::Passphrase) => {
                        sealed::save(&id, &d.to_json()).await.is_ok()
                    }
                };
                failed.try_set(!ok);
            }
        });
    }
}
