//! The submit endpoints: where widgets send their tallies.
//!
//! - `POST /api/v1/increments`: one citizen's web response (`responses` is
//!   1, each question counted at most once).
//! - `POST /api/v1/batches`: a kiosk batch of at least k responses, from
//!   an enrolled tablet (`Authorization: Bearer <device>.<token>`, see
//!   [`super::devices`]): at most `--max-batch-responses` responses
//!   (422 `batch_too_large`), and at most `--device-daily-responses` from
//!   one tablet in the collector's UTC day (429 `device_daily_ceiling`).
//!   The device's id is never stored with the counters.
//!
//! Both check the tally against its registered definition and its age
//! ([`check_week`]), then charge the rate limits (so an invalid tally costs
//! no one a token), redact comments again (defence in depth: the device
//! already did), stamp the ISO week and hand it to the
//! [`Store`](crate::store::Store). A duplicate, or a submission the store
//! could not take, gets its tokens back. Nothing is written unless every
//! check passes, and nothing of the request but the counters and comments
//! is kept.
//!
//! ## Exactly once, also after the receipts are gone
//! A key's receipt is kept [`RECEIPT_WEEKS`] weeks (counted from the week
//! it arrived). A tally carries the week it was made (`week`); one made
//! more than [`MAX_AGE_WEEKS`] weeks before the current week is refused
//! for good (422 `too_old`), and one made more than [`CLOCK_SKEW_WEEKS`]
//! after it too (422 `week_in_future`). So when a key was first counted in
//! week R, its week M was at most R + `CLOCK_SKEW_WEEKS`; a retry accepted
//! in week W has M ≥ W − `MAX_AGE_WEEKS`, so W ≤ R + `RECEIPT_WEEKS`, and
//! the receipt, kept until R is more than `RECEIPT_WEEKS` weeks back, is
//! still there: the retry is a duplicate, never counted twice.

use super::devices::{self, Device};
use super::{AppState, Sender};
use crate::error::ApiError;
use crate::forms::Lookup;
use crate::routes::payload::TallyJson;
use crate::store::{Outcome, Submission, RECEIPT_WEEKS};
use crate::week::{Clock, IsoWeek};
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use lokalform_forms::aggregate::{redact, Tally};
use lokalform_forms::schema::Lang;
use std::sync::Arc;

/// How a tally was collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One response from a web page.
    Web,
    /// A batch from a kiosk tablet.
    Kiosk,
}

/// How many weeks a device's clock may be ahead of the collector's.
pub const CLOCK_SKEW_WEEKS: i64 = 1;

/// The oldest tally accepted was made this many weeks before the current
/// week.
pub const MAX_AGE_WEEKS: i64 = RECEIPT_WEEKS - CLOCK_SKEW_WEEKS;

/// `POST /api/v1/increments`.
pub async fn increments(
    State(state): State<Arc<AppState>>,
    sender: Sender,
    TallyJson(tally): TallyJson,
) -> Response {
    receive(&state, &sender, tally, None).await
}

/// `POST /api/v1/batches`: the device is checked first (by the
/// [`Device`] extractor), then the batch.
pub async fn batches(
    State(state): State<Arc<AppState>>,
    sender: Sender,
    Device(device): Device,
    TallyJson(tally): TallyJson,
) -> Response {
    receive(&state, &sender, tally, Some(device)).await
}

/// Checks the week a tally was made against the receipt window: at most
/// [`MAX_AGE_WEEKS`] before `clock`'s week and at most
/// [`CLOCK_SKEW_WEEKS`] after it. A tally without a week passes (widgets
/// from before the field), unless `required`.
///
/// ```
/// use lokalform_collector::routes::submit::check_week;
/// use lokalform_collector::week::{Clock, IsoWeek};
/// // Wednesday 9 December 2026, week 50.
/// let clock = Clock::fixed(20_796);
/// assert_eq!(clock.week().to_string(), "2026-W50");
/// assert!(check_week(Some("2026-W43"), &clock, true).is_ok());
/// assert_eq!(check_week(Some("2026-W42"), &clock, true).unwrap_err().code(), "too_old");
/// assert!(check_week(Some("2026-W51"), &clock, true).is_ok());
/// assert_eq!(check_week(Some("2026-W52"), &clock, true).unwrap_err().code(), "week_in_future");
/// assert!(check_week(None, &clock, false).is_ok());
/// assert_eq!(check_week(None, &clock, true).unwrap_err().code(), "invalid_payload");
/// ```
pub fn check_week(week: Option<&str>, clock: &Clock, required: bool) -> Result<(), ApiError> {
    let Some(text) = week else {
        if required {
            return Err(ApiError::invalid_payload(
                lokalform_forms::schema::Problem::new(
                    "week",
                    "missing: the ISO week the answers were given, such as 2026-W49",
                ),
            ));
        }
        return Ok(());
    };
    let Some(made) = IsoWeek::parse(text) else {
        return Err(ApiError::invalid_payload(
            lokalform_forms::schema::Problem::new("week", "not an ISO week such as 2026-W49"),
        ));
    };
    let oldest = clock.week_in(-MAX_AGE_WEEKS);
    if made < oldest {
        return Err(ApiError::too_old(&made.to_string(), &oldest.to_string()));
    }
    let latest = clock.week_in(CLOCK_SKEW_WEEKS);
    if made > latest {
        return Err(ApiError::week_in_future(
            &made.to_string(),
            &latest.to_string(),
        ));
    }
    Ok(())
}

/// Checks and stores a web response (`device` is `None`) or a kiosk batch
/// from the enrolled `device`.
async fn receive(
    state: &AppState,
    sender: &Sender,
    tally: Tally,
    device: Option<String>,
) -> Response {
    match check_and_store(state, sender, tally, device).await {
        Ok(Outcome::Received) => status("received"),
        Ok(Outcome::Duplicate) => status("duplicate"),
        Err(e) => e.into_response(),
    }
}

fn status(word: &'static str) -> Response {
    let body = match word {
        "duplicate" => r#"{"status":"duplicate"}"#,
        _ => r#"{"status":"received"}"#,
    };
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

async fn check_and_store(
    state: &AppState,
    sender: &Sender,
    tally: Tally,
    device: Option<String>,
) -> Result<Outcome, ApiError> {
    let mode = if device.is_some() {
        Mode::Kiosk
    } else {
        Mode::Web
    };
    if mode == Mode::Kiosk && tally.responses > state.max_batch_responses {
        return Err(ApiError::batch_too_large(
            tally.responses,
            state.max_batch_responses,
        ));
    }
    let form = match state.registry.lookup(&tally.form, tally.version) {
        Lookup::Found(form) => form,
        Lookup::UnknownForm => return Err(ApiError::unknown_form(&tally.form)),
        Lookup::UnknownVersion(known) => {
            return Err(ApiError::unknown_version(tally.version, &known))
        }
    };
    let checked = match mode {
        Mode::Web => tally.check_web(form),
        Mode::Kiosk => tally.check_batch(form, state.min_batch),
    };
    checked.map_err(ApiError::invalid_tally)?;
    check_week(tally.week.as_deref(), &state.clock, state.require_week)?;
    // Only now, with nothing left to refuse, is a token taken.
    let charge = state.charge(sender, &form.id)?;
    let day = match device {
        None => None,
        Some(id) => match devices::charge_day(state, id, tally.responses).await {
            Ok(day) => Some(day),
            Err(refused) => {
                charge.refund();
                // A replay of a batch already counted is answered as one,
                // also at the ceiling.
                if refused.code() == "device_daily_ceiling"
                    && state.store.has_receipt(tally.key.clone()).await == Ok(true)
                {
                    return Ok(Outcome::Duplicate);
                }
                return Err(refused);
            }
        },
    };
    let submission = to_submission(tally, state.clock.week());
    let recorded = state.store.record(submission).await;
    if let Some(day) = day {
        day.settle(state, recorded == Ok(Outcome::Received)).await;
    }
    match recorded {
        Ok(Outcome::Received) => Ok(Outcome::Received),
        Ok(Outcome::Duplicate) => {
            // A replay costs nothing.
            charge.refund();
            Ok(Outcome::Duplicate)
        }
        Err(e) => {
            charge.refund();
            // The error text comes from the database, never from the request.
            eprintln!("storage error: {e}");
            Err(ApiError::storage_unavailable())
        }
    }
}

/// The checked tally as the store takes it: comments redacted again and
/// sorted, the ISO week from the server clock (the week the tally was made
/// is only checked, never stored).
fn to_submission(tally: Tally, week: IsoWeek) -> Submission {
    let mut comments: Vec<String> = tally
        .comments
        .iter()
        .map(|c| redact(c.trim(), Lang::Da))
        .filter(|c| !c.trim().is_empty())
        .collect();
    comments.sort();
    let counts = tally
        .counts
        .into_iter()
        .flat_map(|(question, options)| {
            options
                .into_iter()
                .map(move |(option, n)| (question.clone(), option, n))
        })
        .filter(|(_, _, n)| *n > 0)
        .collect();
    Submission {
        form: tally.form,
        version: tally.version,
        week,
        key: tally.key,
        responses: tally.responses,
        counts,
        comments,
    }
}
