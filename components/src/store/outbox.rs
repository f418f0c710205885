//! The feedback box's tallies waiting to be sent: the outbox's
//! [`Shelf`] for records under the device key.
//!
//! A tally is stored (encrypted) before the first attempt, so closing the
//! tab mid-send loses nothing. It is deleted only when the collector
//! acknowledges it; its random idempotency key makes a repeated send count
//! once. A refused tally stays on the device, marked, and is not sent
//! again. When and why it is tried again is the one outbox's rule
//! ([`crate::common::outbox`]): with backoff, at the next page load, and
//! when the browser comes back `online`.
//!
//! ```no_run
//! use lokalform_components::store::outbox::{self, Delivery, Pending};
//! # async fn example(tally: lokalform_forms::aggregate::Tally) {
//! let pending = Pending { url: "https://c.example.dk/api/v1/increments".into(), tally, rejected: false };
//! if outbox::enqueue(&pending).await.is_ok() {
//!     if outbox::deliver(&pending).await == Delivery::Later {
//!         outbox::retry_later(); // 5 s ± 50 %, then 10 s …, and on `online`
//!     }
//! }
//! # }
//! ```

use super::vault::{self, Record, Store, StoreError};
use crate::common::outbox::{self, Retry, Shelf};
pub use crate::common::outbox::{Delivery, Flushed};
use lokalform_forms::aggregate::Tally;
use lokalform_text::json::{Json, ObjectWriter};
use std::future::Future;

/// A tally and where it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The collector endpoint.
    pub url: String,
    /// What is sent, exactly.
    pub tally: Tally,
    /// The collector refused it ([`Delivery::Refused`]); kept, not retried.
    pub rejected: bool,
}

/// The path of a kiosk's batches at the collector.
pub const BATCHES_PATH: &str = "/api/v1/batches";

impl Pending {
    /// Whether this is a kiosk's batch: the kiosk's own loop sends it, with
    /// the tablet's credential ([`super::kiosk`]), never the web box's.
    pub fn is_batch(&self) -> bool {
        self.url.ends_with(BATCHES_PATH)
    }
}

impl Record for Pending {
    fn to_json(&self) -> String {
        let mut out = String::new();
        let mut o = ObjectWriter::new(&mut out);
        o.string("url", &self.url);
        o.bool("rejected", self.rejected);
        o.raw("tally", |out| self.tally.write_json(out));
        o.finish();
        out
    }

    fn from_json(value: &Json) -> Option<Pending> {
        let mut problems = Vec::new();
        Some(Pending {
            url: value.get("url")?.as_str()?.to_string(),
            rejected: value
                .get("rejected")
                .and_then(Json::as_bool)
                .unwrap_or(false),
            tally: Tally::from_value(value.get("tally")?, "tally", &mut problems)
                .filter(|_| problems.is_empty())?,
        })
    }
}

/// The outbox store of the device's IndexedDB: where tallies wait.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tallies;

impl Shelf for Tallies {
    type Item = Pending;

    fn waiting(&self) -> impl Future<Output = Result<Vec<(String, Pending)>, StoreError>> {
        vault::entries(Store::Outbox)
    }

    fn waits(item: &Pending) -> bool {
        !item.rejected && !item.is_batch()
    }

    fn url(item: &Pending) -> &str {
        &item.url
    }

    fn body(item: &Pending) -> String {
        item.tally.to_json()
    }

    async fn settle(&self, item: &Pending, delivery: Delivery) {
        let key = &item.tally.key;
        let _ = if matches!(delivery, Delivery::Sent) {
            // Acknowledged: forget it. Should the delete fail, the retry is
            // harmless because the collector answers "duplicate".
            vault::remove(Store::Outbox, key).await
        } else {
            let marked = Pending {
                rejected: true,
                ..item.clone()
            };
            vault::put(Store::Outbox, key, &marked).await
        };
    }
}

/// Stores `pending` in the outbox.
pub async fn enqueue(pending: &Pending) -> Result<(), StoreError> {
    vault::put(Store::Outbox, &pending.tally.key, pending).await
}

/// Sends one pending tally and records the outcome: forgotten when sent,
/// marked when refused, left as it is when it is to wait.
pub async fn deliver(pending: &Pending) -> Delivery {
    outbox::deliver(&Tallies, pending).await
}

/// Tries every waiting tally once.
pub async fn flush() -> Result<Flushed, StoreError> {
    outbox::flush(&Tallies).await
}

thread_local! {
    /// The page's one delivery loop for tallies.
    static RETRY: Retry = Retry::default();
}

/// The page's loop (one place reads the thread-local, so the code that
/// makes it is in the bundle once).
#[inline(never)]
fn page_loop() -> Retry {
    RETRY.with(|r| *r)
}

/// Starts delivery for this page: flushes now, again when the browser comes
/// back online, and after failures with backoff. Calling it again is cheap.
pub fn start() {
    page_loop().start(Tallies);
}

/// Flushes now (unless a flush is under way) and schedules the next
/// attempt if anything is still waiting.
pub fn retry_now() {
    page_loop().now(Tallies);
}

/// Schedules the next flush with backoff (5 s, 10 s, 20 s … capped at 5
/// minutes, ±50 %); starts delivery for this page first if it has not
/// started.
pub fn retry_later() {
    let retry = page_loop();
    retry.start(Tallies);
    retry.later(Tallies);
}
