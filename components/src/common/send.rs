//! Where a finished response goes, by mode. This module and
//! `lokalform_forms::aggregate::Tally` are all a reviewer needs to read to check
//! the data rule for the feedback box.
//!
//! - **web**: the tally (per-question counts for this one response, the
//!   redacted comment) is stored encrypted in the outbox, then sent to the
//!   collector's `/api/v1/increments`; it stays in the outbox until
//!   acknowledged, and is tried again by the rules of
//!   [`common::outbox`](super::outbox) (a 2xx is sent; no connection, 408,
//!   429 or 5xx is tried again later; any other status is a refusal).
//! - **kiosk**: the tally is kept encrypted on the tablet; only when at least
//!   k responses wait are they added up into one batch for
//!   `/api/v1/batches`.

use super::outbox::{Delivery, Reason};
use super::words::Words;
use crate::store::{kiosk, outbox};
use lokalform_forms::aggregate::Tally;

/// Where answers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A municipal web page: each response is sent on its own.
    #[default]
    Web,
    /// A shared tablet: responses stay on the device until a batch of k.
    Kiosk,
}

impl Mode {
    /// Reads the `mode` attribute (`kiosk`, anything else is web).
    ///
    /// ```
    /// use lokalform_components::common::send::Mode;
    /// assert_eq!(Mode::from_attr(Some(" Kiosk ")), Mode::Kiosk);
    /// assert_eq!(Mode::from_attr(Some("web")), Mode::Web);
    /// assert_eq!(Mode::from_attr(None), Mode::Web);
    /// ```
    pub fn from_attr(value: Option<&str>) -> Mode {
        match value.map(str::trim) {
            Some(v) if v.eq_ignore_ascii_case("kiosk") => Mode::Kiosk,
            _ => Mode::Web,
        }
    }
}

/// What became of a submitted response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The collector acknowledged it.
    Sent,
    /// Stored encrypted on the device; it is sent when the collector can be
    /// reached.
    Queued,
    /// Kept on the kiosk until a batch of k can be sent.
    Kept,
    /// The collector refused it as invalid (the form changed).
    Rejected,
    /// The collector refused it as made too long ago or too far ahead
    /// ([`Reason::TooOld`]): for a response made just now, the device's date
    /// is more wrong than the collector corrects.
    TooOld,
    /// Neither sent nor stored; the answers are still on screen.
    Failed,
}

impl Outcome {
    /// The name used in the `lokal-submitted` event's detail.
    ///
    /// ```
    /// use lokalform_components::common::send::Outcome;
    /// assert_eq!(Outcome::Queued.name(), "queued");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Sent => "sent",
            Outcome::Queued => "queued",
            Outcome::Kept => "kept",
            Outcome::Rejected | Outcome::TooOld => "rejected",
            Outcome::Failed => "failed",
        }
    }

    /// What the review says when this outcome left the answers on screen;
    /// `None` when it did not.
    ///
    /// ```
    /// use lokalform_components::common::send::Outcome;
    /// use lokalform_components::common::words::words;
    /// use lokalform_forms::schema::Lang;
    /// let da = words(Lang::Da);
    /// assert_eq!(Outcome::TooOld.problem(da), Some(da.wrong_clock));
    /// assert_eq!(Outcome::Rejected.problem(da), Some(da.rejected));
    /// assert_eq!(Outcome::Sent.problem(da), None);
    /// ```
    pub fn problem(self, words: &'static Words) -> Option<&'static str> {
        match self {
            Outcome::Failed => Some(words.send_failed),
            Outcome::Rejected => Some(words.rejected),
            Outcome::TooOld => Some(words.wrong_clock),
            Outcome::Sent | Outcome::Queued | Outcome::Kept => None,
        }
    }
}

/// The collector endpoint for `mode`, from the `collector` base URL (the
/// page's own origin when empty).
///
/// ```
/// use lokalform_components::common::send::{endpoint, Mode};
/// assert_eq!(endpoint("https://c.example.dk/", Mode::Web), "https://c.example.dk/api/v1/increments");
/// assert_eq!(endpoint("", Mode::Kiosk), "/api/v1/batches");
/// ```
pub fn endpoint(collector: &str, mode: Mode) -> String {
    let base = collector.trim().trim_end_matches('/');
    match mode {
        Mode::Web => format!("{base}/api/v1/increments"),
        Mode::Kiosk => format!("{base}{}", outbox::BATCHES_PATH),
    }
}

/// Submits `tally` according to `mode`; `batch_size` is k for kiosks.
///
/// ```no_run
/// use lokalform_components::common::send::{submit, Mode, Outcome};
/// # async fn example(tally: lokalform_forms::aggregate::Tally) {
/// match submit(Mode::Web, "https://c.example.dk", 5, tally).await {
///     Outcome::Sent | Outcome::Queued | Outcome::Kept => { /* thank the citizen */ }
///     Outcome::Rejected | Outcome::TooOld | Outcome::Failed => { /* keep the answers on screen */ }
/// }
/// # }
/// ```
pub async fn submit(mode: Mode, collector: &str, batch_size: u32, tally: Tally) -> Outcome {
    match mode {
        Mode::Web => submit_web(collector, tally).await,
        Mode::Kiosk => submit_kiosk(collector, batch_size, tally).await,
    }
}

/// Web mode: the response goes to the outbox and is sent on its own. A
/// widget that never runs as a kiosk calls this directly, so its bundle
/// carries none of the kiosk's batching.
pub async fn submit_web(collector: &str, tally: Tally) -> Outcome {
    let pending = outbox::Pending {
        url: endpoint(collector, Mode::Web),
        tally,
        rejected: false,
    };
    // Without encrypted storage here (private mode, no https) it
    // is sent all the same, and the answers stay on screen if that
    // fails: nothing is kept to send later.
    let kept = outbox::enqueue(&pending).await.is_ok();
    match outbox::deliver(&pending).await {
        Delivery::Sent => Outcome::Sent,
        // Made just now, so the device's date is what is wrong.
        Delivery::Refused(r) if r.reason == Reason::TooOld => Outcome::TooOld,
        Delivery::Refused(_) if kept => Outcome::Rejected,
        Delivery::Later if kept => {
            outbox::retry_later();
            Outcome::Queued
        }
        _ => Outcome::Failed,
    }
}

/// Kiosk mode: the response is kept on the tablet; batches of at least
/// `batch_size` (k) are released to the outbox.
pub async fn submit_kiosk(collector: &str, batch_size: u32, tally: Tally) -> Outcome {
    match kiosk::keep(&endpoint(collector, Mode::Kiosk), tally).await {
        Ok(()) => {
            let _ = kiosk::release_batches(batch_size).await;
            Outcome::Kept
        }
        Err(_) => Outcome::Failed,
    }
}
