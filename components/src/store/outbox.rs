//! Tallies waiting to be sent, retried until acknowledged.
//!
//! A tally is stored (encrypted) before the first attempt, so closing the
//! tab mid-send loses nothing. It is deleted only when the collector
//! acknowledges it; its random idempotency key makes a repeated send count
//! once. Failed sends are retried with exponential backoff, at the next page
//! load, and when the browser comes back `online`.

use super::vault::{self, Record, Store, StoreError};
use lokalform_forms::aggregate::Tally;
use lokalform_text::json::{Json, ObjectWriter};
use std::cell::Cell;
use wasm_bindgen::prelude::*;

/// A tally and where it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The collector endpoint.
    pub url: String,
    /// What is sent, exactly.
    pub tally: Tally,
    /// The collector refused it as invalid (a 4xx); kept, not retried.
    pub rejected: bool,
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

/// What happened to one send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Acknowledged and forgotten on the device.
    Sent,
    /// Not reachable now; stays in the outbox for a retry.
    Waiting,
    /// Refused as invalid; stays on the device, marked, and is not retried.
    Rejected,
}

/// Stores `pending` in the outbox.
pub async fn enqueue(pending: &Pending) -> Result<(), StoreError> {
    vault::put(Store::Outbox, &pending.tally.key, pending).await
}

/// Sends one pending tally and records the outcome.
pub async fn deliver(pending: &Pending) -> Delivery {
    let body = pending.tally.to_json();
    let status = vault::post_json(&pending.url, &body).await;
    match status {
        200..=299 => {
            // Acknowledged: forget it. Should the delete fail, the retry is
            // harmless because the collector answers "duplicate".
            let _ = vault::remove(Store::Outbox, &pending.tally.key).await;
            Delivery::Sent
        }
        400..=499 if status != 408 && status != 429 => {
            let marked = Pending {
                rejected: true,
                ..pending.clone()
            };
            let _ = vault::put(Store::Outbox, &pending.tally.key, &marked).await;
            Delivery::Rejected
        }
        _ => Delivery::Waiting,
    }
}

/// How a flush went.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Flushed {
    /// Acknowledged now.
    pub sent: u32,
    /// Still waiting for the collector.
    pub waiting: u32,
}

/// Tries every waiting tally once.
pub async fn flush() -> Result<Flushed, StoreError> {
    let mut flushed = Flushed::default();
    for (_, pending) in vault::entries::<Pending>(Store::Outbox).await? {
        if pending.rejected {
            continue;
        }
        match deliver(&pending).await {
            Delivery::Sent => flushed.sent += 1,
            Delivery::Waiting => flushed.waiting += 1,
            Delivery::Rejected => {}
        }
    }
    Ok(flushed)
}

thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
    static FLUSHING: Cell<bool> = const { Cell::new(false) };
    static ATTEMPT: Cell<u32> = const { Cell::new(0) };
}

/// Starts delivery for this page: flushes now, again when the browser comes
/// back online, and after failures with backoff. Calling it again is cheap.
pub fn start() {
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    if let Some(window) = web_sys::window() {
        let on_online = Closure::<dyn Fn()>::new(|| {
            ATTEMPT.with(|a| a.set(0));
            retry_now();
        });
        let _ =
            window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        on_online.forget();
    }
    retry_now();
}

/// Flushes now (unless a flush is already running) and schedules the next
/// attempt if anything is still waiting.
pub fn retry_now() {
    if FLUSHING.with(|f| f.replace(true)) {
        return;
    }
    crate::common::task::spawn(async {
        let outcome = flush().await;
        FLUSHING.with(|f| f.set(false));
        match outcome {
            Ok(Flushed { waiting: 0, .. }) | Err(_) => ATTEMPT.with(|a| a.set(0)),
            Ok(_) => retry_later(),
        }
    });
}

/// Schedules the next flush with backoff: 5 s, 10 s, 20 s … capped at
/// 5 minutes, with ±50 % jitter so many tablets do not retry in step.
pub fn retry_later() {
    let attempt = ATTEMPT.with(|a| {
        let n = a.get();
        a.set(n.saturating_add(1));
        n
    });
    let base = (5_000u32.saturating_mul(1 << attempt.min(6))).min(300_000);
    let jitter = 0.5 + js_sys::Math::random();
    let delay = (f64::from(base) * jitter) as i32;
    let retry = Closure::once_into_js(retry_now);
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(retry.unchecked_ref(), delay);
    }
}
