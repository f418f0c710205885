//! The one outbox: how a collector's answer is read, when to try again,
//! and the loop that does it.
//!
//! Two things wait for a collector: the feedback box's tallies (records
//! under the device key, [`crate::store::outbox`]) and the programme's
//! evaluator export (sealed under the registry's passphrase,
//! `crate::programme::outbox`). Both follow the same rules:
//!
//! | the collector's answer | [`Delivery`] | what happens |
//! |---|---|---|
//! | 2xx | [`Delivery::Sent`] | forgotten on the device |
//! | none (0: no connection), 408, 429, 5xx | [`Delivery::Later`] | kept; tried again with [`backoff_ms`] (5 s, 10 s, 20 s … at most 5 minutes, ±50 %), and at once when the browser comes back `online` |
//! | anything else (1xx, 3xx, other 4xx) | [`Delivery::Refused`] | final: not tried again, and the status and the [`Reason`] (from the collector's `error` code) are said |
//!
//! What differs between the two is only where the waiting item is kept and
//! what the screen says: a [`Shelf`]. The rest is here once:
//! [`Delivery::of`] (the classification), [`deliver`] and [`flush`] (send
//! once, classify, settle what got a final answer) and [`Retry`] (when to
//! try again).
//!
//! ```no_run
//! use lokalform_components::common::outbox::Delivery;
//! use lokalform_components::store::vault::post_json;
//! # async fn send() {
//! match Delivery::of(&post_json("https://collector.example.dk/api/v1/increments", "{}", "").await) {
//!     Delivery::Sent => { /* forget it */ }
//!     Delivery::Later => { /* keep it, try again later */ }
//!     Delivery::Refused(refusal) => { /* say so, with refusal.status and refusal.reason */ }
//! }
//! # }
//! ```

use crate::store::vault::{self, Reply, StoreError};
use std::cell::Cell;
use std::future::Future;
use wasm_bindgen::prelude::*;

/// Why the collector refused something, read from the `error` code of its
/// answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The request does not fit the collector's definition of the form (or
    /// any other refusal without a code this device knows).
    Invalid,
    /// `too_old` or `week_in_future`: made too long ago (or too far ahead)
    /// to be counted exactly once.
    TooOld,
    /// `device_not_enrolled`: a kiosk batch from a tablet without a valid
    /// device credential.
    NotEnrolled,
    /// `device_revoked`: the tablet's credential was revoked.
    Revoked,
    /// `batch_too_large`: more responses in one batch than the collector
    /// takes.
    TooLarge,
}

impl Reason {
    /// Reads a collector's `error` code.
    ///
    /// ```
    /// use lokalform_components::common::outbox::Reason;
    /// assert_eq!(Reason::of("too_old"), Reason::TooOld);
    /// assert_eq!(Reason::of("week_in_future"), Reason::TooOld);
    /// assert_eq!(Reason::of("device_revoked"), Reason::Revoked);
    /// assert_eq!(Reason::of("unknown_question"), Reason::Invalid);
    /// ```
    pub fn of(error: &str) -> Reason {
        match error {
            "too_old" | "week_in_future" => Reason::TooOld,
            "device_not_enrolled" => Reason::NotEnrolled,
            "device_revoked" => Reason::Revoked,
            "batch_too_large" => Reason::TooLarge,
            _ => Reason::Invalid,
        }
    }
}

/// A final refusal: the status, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status.
    pub status: u16,
    /// Why, from the collector's `error` code.
    pub reason: Reason,
}

/// What became of one attempt, read from the collector's [`Reply`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// 2xx: the collector took it.
    Sent,
    /// No answer (0), 408, 429 or 5xx: worth another try later.
    Later,
    /// Any other status: refused, and sending it again would be refused
    /// again. Final; the status and the reason are said.
    Refused(Refusal),
}

impl Delivery {
    /// Classifies the collector's reply by its HTTP status; 0 stands for
    /// "no answer at all" (no connection, a refused connection, a CORS
    /// failure).
    ///
    /// ```
    /// use lokalform_components::common::outbox::{Delivery, Reason, Refusal};
    /// use lokalform_components::store::vault::Reply;
    ///
    /// let of = |text| Delivery::of(&Reply::parse(text));
    /// assert_eq!(of("200 "), Delivery::Sent);
    /// assert_eq!(of("204 "), Delivery::Sent);
    /// // Not reached, timed out, too many, or the collector's own trouble:
    /// for text in ["0 ", "408 body_timeout", "429 rate_limited", "500 ", "503 "] {
    ///     assert_eq!(of(text), Delivery::Later);
    /// }
    /// // Everything else is a final refusal that keeps its status and reason:
    /// assert_eq!(of("422 too_old"), Delivery::Refused(Refusal { status: 422, reason: Reason::TooOld }));
    /// assert_eq!(of("400 "), Delivery::Refused(Refusal { status: 400, reason: Reason::Invalid }));
    /// assert_eq!(of("302 "), Delivery::Refused(Refusal { status: 302, reason: Reason::Invalid }));
    /// ```
    pub fn of(reply: &Reply) -> Delivery {
        match reply.status {
            200..=299 => Delivery::Sent,
            0 | 408 | 429 | 500..=599 => Delivery::Later,
            status => Delivery::Refused(Refusal {
                status,
                reason: Reason::of(&reply.error),
            }),
        }
    }
}

/// The first wait before jitter: 5 seconds.
pub const FIRST_WAIT_MS: u32 = 5_000;
/// The longest wait before jitter: 5 minutes.
pub const LONGEST_WAIT_MS: u32 = 300_000;

/// How long to wait after `attempt` failed attempts in a row (0 after the
/// first) before the next: 5 s, doubled each time, at most 5 minutes,
/// spread by ±50 % with `random` (in `[0, 1)`, e.g. `Math.random()`) so
/// that many devices do not retry in step.
///
/// ```
/// use lokalform_components::common::outbox::backoff_ms;
///
/// assert_eq!(backoff_ms(0, 0.5), 5_000); // the middle of 2.5–7.5 s
/// assert_eq!(backoff_ms(0, 0.0), 2_500);
/// assert_eq!(backoff_ms(1, 0.5), 10_000);
/// assert_eq!(backoff_ms(2, 0.5), 20_000);
/// assert_eq!(backoff_ms(9, 0.5), 300_000); // capped at 5 minutes
/// assert_eq!(backoff_ms(9, 0.0), 150_000);
/// ```
pub fn backoff_ms(attempt: u32, random: f64) -> u32 {
    let base = FIRST_WAIT_MS
        .saturating_mul(1 << attempt.min(6))
        .min(LONGEST_WAIT_MS);
    // A random number outside [0, 1) (or NaN) waits the base time.
    let spread = if (0.0..1.0).contains(&random) {
        random
    } else {
        0.5
    };
    (f64::from(base) * (0.5 + spread)) as u32
}

/// Where an outbox keeps what waits, and what is done once an item has a
/// final answer. The item itself is kept before it is handed to [`Retry`].
#[allow(async_fn_in_trait)] // single-threaded wasm: no `Send` bound to name
pub trait Shelf: Clone + 'static {
    /// What waits.
    type Item;
    /// Every item kept, with the id of the record it is kept under.
    fn waiting(&self) -> impl Future<Output = Result<Vec<(String, Self::Item)>, StoreError>>;
    /// Whether `item` is still to be sent (not refused earlier).
    fn waits(_item: &Self::Item) -> bool {
        true
    }
    /// The collector endpoint of `item`.
    fn url(item: &Self::Item) -> &str;
    /// What is sent for `item`, exactly.
    fn body(item: &Self::Item) -> String;
    /// The `Authorization` header of `item`'s POST (none when empty): a
    /// kiosk's batches carry the tablet's credential.
    fn authorization(_item: &Self::Item) -> &str {
        ""
    }
    /// Every reply to an attempt, final or not (a kiosk notes a daily
    /// ceiling for its staff view).
    async fn heard(&self, _reply: &Reply) {}
    /// `item` got a final answer ([`Delivery::Sent`] or
    /// [`Delivery::Refused`], never [`Delivery::Later`]): forget it or mark
    /// it, and tell whoever should know.
    async fn settle(&self, item: &Self::Item, delivery: Delivery);
}

/// Sends `item` once (a JSON POST without cookies or referrer); a final
/// answer settles it on `shelf`, and [`Delivery::Later`] leaves it as it
/// is.
pub async fn deliver<S: Shelf>(shelf: &S, item: &S::Item) -> Delivery {
    let reply = vault::post_json(S::url(item), &S::body(item), S::authorization(item)).await;
    shelf.heard(&reply).await;
    let delivery = Delivery::of(&reply);
    if !matches!(delivery, Delivery::Later) {
        shelf.settle(item, delivery).await;
    }
    delivery
}

/// How a flush went.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Flushed {
    /// Acknowledged now.
    pub sent: u32,
    /// Still waiting for the collector.
    pub waiting: u32,
}

/// Tries every waiting item of `shelf` once.
pub async fn flush<S: Shelf>(shelf: &S) -> Result<Flushed, StoreError> {
    let mut flushed = Flushed::default();
    for (_, item) in shelf.waiting().await? {
        if !S::waits(&item) {
            continue;
        }
        match deliver(shelf, &item).await {
            Delivery::Sent => flushed.sent += 1,
            Delivery::Later => flushed.waiting += 1,
            Delivery::Refused(_) => {}
        }
    }
    Ok(flushed)
}

/// When an outbox tries again: at [`Retry::start`], after [`backoff_ms`]
/// while anything waits, and at once whenever the browser comes back
/// `online`; until [`Retry::stop`]. One attempt runs at a time (a call
/// while one runs is left out: that attempt reads what waits) and at most
/// one is scheduled.
///
/// A loop lives as long as the page (a few bytes, never freed: a `Copy`
/// handle costs the feedback bundle less than reference counting). Stop it
/// when what it sends goes away: the programme does on lock and when it is
/// removed from the page; the feedback box's loop runs for the page's life.
///
/// ```no_run
/// # use lokalform_components::common::outbox::{Retry, Shelf};
/// # fn example<S: Shelf>(shelf: S) {
/// let retry = Retry::default();
/// retry.start(shelf.clone()); // sends what waits, listens for `online`
/// // … an item was kept after an attempt answered `Later`:
/// retry.later(shelf);
/// // … and when the items may no longer be sent (e.g. their key is gone):
/// retry.stop();
/// # }
/// ```
#[derive(Clone, Copy)]
pub struct Retry(&'static Loop);

impl Default for Retry {
    fn default() -> Retry {
        Retry(Box::leak(Box::default()))
    }
}

#[derive(Default)]
struct Loop {
    /// Failed attempts in a row.
    attempt: Cell<u32>,
    flushing: Cell<bool>,
    /// A timer is set.
    scheduled: Cell<bool>,
    /// Started: listening for `online`.
    started: Cell<bool>,
    /// The `online` listener while started.
    online: Cell<Option<Closure<dyn Fn()>>>,
}

impl Retry {
    /// Starts: sends what waits now and again whenever the browser comes
    /// back `online`. Does nothing when already started.
    pub fn start<S: Shelf>(&self, shelf: S) {
        if self.0.started.replace(true) {
            return;
        }
        let (this, again) = (*self, shelf.clone());
        let on_online = Closure::<dyn Fn()>::new(move || {
            this.0.attempt.set(0);
            this.now(again.clone());
        });
        if let Some(window) = web_sys::window() {
            let _ = window
                .add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        }
        // Not started, so there was none to drop.
        std::mem::forget(self.0.online.replace(Some(on_online)));
        self.now(shelf);
    }

    /// Tries everything that waits now, unless an attempt is under way;
    /// schedules the next attempt if anything still waits.
    pub fn now<S: Shelf>(&self, shelf: S) {
        if self.0.flushing.replace(true) {
            return;
        }
        let this = *self;
        crate::common::task::spawn(async move {
            let flushed = flush(&shelf).await;
            this.0.flushing.set(false);
            if matches!(flushed, Ok(f) if f.waiting > 0) {
                this.later(shelf);
            } else {
                this.0.attempt.set(0);
            }
        });
    }

    /// Schedules the next attempt after [`backoff_ms`], unless one is
    /// scheduled already or the loop is stopped.
    pub fn later<S: Shelf>(&self, shelf: S) {
        if self.0.scheduled.get() || !self.0.started.get() {
            return;
        }
        self.0.scheduled.set(true);
        let attempt = self.0.attempt.get();
        self.0.attempt.set(attempt.saturating_add(1));
        let delay = backoff_ms(attempt, js_sys::Math::random());
        let this = *self;
        let retry = Closure::once_into_js(move || {
            this.0.scheduled.set(false);
            // Stopped meanwhile: nothing (a new start tried at once).
            if this.0.started.get() {
                this.now(shelf);
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                retry.unchecked_ref(),
                delay as i32,
            );
        }
    }

    /// Stops: no more attempts, no listening for `online`. What waits
    /// stays where it is kept; [`Retry::start`] picks it up again.
    pub fn stop(&self) {
        self.0.started.set(false);
        self.0.attempt.set(0);
        if let (Some(listener), Some(window)) = (self.0.online.take(), web_sys::window()) {
            let _ = window
                .remove_event_listener_with_callback("online", listener.as_ref().unchecked_ref());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(status: u16) -> Delivery {
        Delivery::of(&Reply {
            status,
            error: String::new(),
        })
    }

    fn refused(status: u16) -> Delivery {
        Delivery::Refused(Refusal {
            status,
            reason: Reason::Invalid,
        })
    }

    #[test]
    fn every_2xx_is_sent() {
        for status in 200..=299 {
            assert_eq!(of(status), Delivery::Sent, "{status}");
        }
    }

    #[test]
    fn no_connection_is_later() {
        assert_eq!(of(0), Delivery::Later);
    }

    #[test]
    fn a_timeout_is_later_not_a_refusal() {
        // Regression: the programme's export took 408 for a final refusal.
        assert_eq!(of(408), Delivery::Later);
    }

    #[test]
    fn too_many_requests_is_later() {
        assert_eq!(of(429), Delivery::Later);
    }

    #[test]
    fn every_5xx_is_later() {
        for status in 500..=599 {
            assert_eq!(of(status), Delivery::Later, "{status}");
        }
    }

    #[test]
    fn every_other_4xx_is_refused_with_its_status() {
        for status in (400..=499).filter(|s| ![408, 429].contains(s)) {
            assert_eq!(of(status), refused(status), "{status}");
        }
    }

    #[test]
    fn informational_redirects_and_unknown_statuses_are_refused() {
        for status in [1, 99, 100, 101, 199, 300, 301, 304, 399, 600, 999, u16::MAX] {
            assert_eq!(of(status), refused(status), "{status}");
        }
    }

    #[test]
    fn the_wait_doubles_from_5_seconds_up_to_5_minutes() {
        let middle: Vec<u32> = (0..9).map(|a| backoff_ms(a, 0.5)).collect();
        assert_eq!(
            middle,
            [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]
        );
        assert_eq!(backoff_ms(u32::MAX, 0.5), 300_000);
    }

    #[test]
    fn the_jitter_spreads_each_wait_by_half_either_way() {
        for attempt in 0..10 {
            let base = backoff_ms(attempt, 0.5);
            assert_eq!(backoff_ms(attempt, 0.0), base / 2, "{attempt}");
            let top = backoff_ms(attempt, 0.999_999);
            assert!(
                top < base + base / 2 && top > base + base / 2 - 2,
                "{attempt}: {top}"
            );
            for r in [0.1, 0.25, 0.75, 0.9] {
                let wait = backoff_ms(attempt, r);
                assert!(
                    (base / 2..base + base / 2).contains(&wait),
                    "{attempt} {r}: {wait}"
                );
            }
        }
    }

    #[test]
    fn a_random_number_out_of_range_waits_the_base_time() {
        for r in [f64::NAN, -0.1, 1.0, 2.0, f64::INFINITY] {
            assert_eq!(backoff_ms(0, r), 5_000, "{r}");
        }
    }
}
