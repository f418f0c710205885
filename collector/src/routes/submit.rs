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
//! ([`counted_week`]), then charge the rate limits (so an invalid tally costs
//! no one a token), redact comments again (defence in depth: the device
//! already did), stamp the ISO week it counts in and hand it to the
//! [`Store`](crate::store::Store). A duplicate, or a submission the store
//! could not take, gets its tokens back. Nothing is written unless every
//! check passes, and nothing of the request but the counters and comments
//! is kept.
//!
//! ## The week a tally counts in
//! A tally carries `week`, the ISO week it was made by the device's clock
//! (M), and the request says the device clock's week as it sends,
//! `Lokalform-Device-Week` ([`DeviceWeek`], D). The device's clock is off
//! by d = C − D whole weeks, C being the collector's week, so the tally
//! was made in week K = M + d by the collector's clock: it is judged and
//! counted in K ([`counted_week`]). A clock 10 weeks slow or fast loses
//! nothing. d is believed only while |d| ≤ [`MAX_CORRECTION_WEEKS`]
//! ([`Correction`]); a device week further off, missing or malformed gives
//! d = 0, and M is judged as it stands (as before the header). A tally without `week`
//! (widgets from before it) counts in C.
//!
//! K must lie between C − [`MAX_AGE_WEEKS`] and C + [`CLOCK_SKEW_WEEKS`];
//! anything earlier is refused for good (422 `too_old`), anything later too
//! (422 `week_in_future`), both saying the collector's week. After
//! correction a tally is too old when it waited on the device more than
//! [`MAX_AGE_WEEKS`] weeks by the device's own clock, or when a device
//! clock more than [`MAX_CORRECTION_WEEKS`] weeks off was not corrected.
//!
//! ## Exactly once, also after the receipts are gone
//! A key's receipt carries the week its tally counted in, K₁, and is
//! pruned once K₁ is more than [`RECEIPT_WEEKS`] weeks before the current
//! week; [`RECEIPT_WEEKS`] = [`MAX_AGE_WEEKS`] + 2 · [`MAX_CORRECTION_WEEKS`]
//! (checked at compile time). Say a tally made in device week M was
//! counted with correction d₁ (K₁ = M + d₁), and a retry with correction
//! d₂ is accepted in week W: then K₂ = M + d₂ ≥ W − [`MAX_AGE_WEEKS`]. Had
//! the receipt been pruned, K₁ < W − [`RECEIPT_WEEKS`], so
//! d₂ − d₁ = K₂ − K₁ > [`RECEIPT_WEEKS`] − [`MAX_AGE_WEEKS`]
//! = 2 · [`MAX_CORRECTION_WEEKS`]. But every correction applied lies within
//! ±[`MAX_CORRECTION_WEEKS`] (an uncorrected send has d = 0), so
//! d₂ − d₁ ≤ 2 · [`MAX_CORRECTION_WEEKS`]: the receipt is still there, and
//! the retry is a duplicate, never counted twice. This holds whatever the
//! device's clock did between the sends:
//!
//! - **A clock off by a constant amount** gives the same d at every send,
//!   give or take one week (a week may turn between the device reading its
//!   clock and the collector reading its own): the retry has the same K,
//!   give or take that week, and its receipt is kept
//!   almost 2 · [`MAX_CORRECTION_WEEKS`] weeks longer than it needs.
//! - **A clock changed between the sends**, by any amount, moves K by at
//!   most 2 · [`MAX_CORRECTION_WEEKS`], which the receipts outlast. The
//!   bound on the correction is what makes this hold; without it a clock
//!   turned back a year after a lost acknowledgement could count a tally
//!   twice.
//! - **A clock changed between making and sending** shifts K by the
//!   change: the tally counts in a week off by that much, or is refused as
//!   too old (moved forward) or in the future (moved back). It is never
//!   counted twice (above); the worst cases are answers counted in a wrong
//!   week, or lost, as they were for any wrong clock before the
//!   correction. (A tablet whose clock is set right by the network only
//!   when it goes online, after answers were given offline on a wrong
//!   clock, is such a case: the correction cannot help it.)
//!
//! [`MAX_CORRECTION_WEEKS`] is 30 weeks because a browser cannot reach an
//! HTTPS collector at all when its clock lies outside the certificate's
//! validity, and publicly trusted certificates live at most 200 days
//! (28.6 weeks) since March 2026: every device that can send is corrected
//! (a collector on plain HTTP has no such bound, and a clock further off is
//! judged uncorrected). The price is receipts kept 67 weeks instead of 8: a
//! random key and a week each, nothing about a person, some 60 bytes with
//! the index.

use super::devices::{self, Device};
use super::{AppState, Sender};
use crate::error::ApiError;
use crate::forms::Lookup;
use crate::routes::payload::TallyJson;
use crate::store::{Outcome, Submission, RECEIPT_WEEKS};
use crate::week::{Clock, IsoWeek};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
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

/// How many weeks after the collector's week a tally may count in: a
/// device clock a little ahead (without correction), or a week turning
/// between the device's reading and the collector's.
pub const CLOCK_SKEW_WEEKS: i64 = 1;

/// The oldest tally accepted counts in the week this many weeks before the
/// current one.
pub const MAX_AGE_WEEKS: i64 = 7;

/// The largest correction of a device's clock believed, in weeks either
/// way (see the module's documentation for why 30).
pub const MAX_CORRECTION_WEEKS: i64 = 30;

// The receipts outlast any retry that could still be accepted.
const _: () = assert!(RECEIPT_WEEKS >= MAX_AGE_WEEKS + 2 * MAX_CORRECTION_WEEKS);

/// The request header in which a widget says its clock's ISO week as it
/// sends, e.g. `Lokalform-Device-Week: 2026-W49`.
pub const DEVICE_WEEK_HEADER: &str = "lokalform-device-week";

/// The device clock's week at send time, from [`DEVICE_WEEK_HEADER`];
/// `None` when the header is missing or not an ISO week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeviceWeek(pub Option<IsoWeek>);

impl<S: Send + Sync> FromRequestParts<S> for DeviceWeek {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<DeviceWeek, Self::Rejection> {
        let week = parts
            .headers
            .get(DEVICE_WEEK_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| IsoWeek::parse(v.trim()));
        Ok(DeviceWeek(week))
    }
}

/// `POST /api/v1/increments`.
pub async fn increments(
    State(state): State<Arc<AppState>>,
    sender: Sender,
    device_week: DeviceWeek,
    TallyJson(tally): TallyJson,
) -> Response {
    receive(&state, &sender, device_week, tally, None).await
}

/// `POST /api/v1/batches`: the device is checked first (by the
/// [`Device`] extractor), then the batch.
pub async fn batches(
    State(state): State<Arc<AppState>>,
    sender: Sender,
    Device(device): Device,
    device_week: DeviceWeek,
    TallyJson(tally): TallyJson,
) -> Response {
    receive(&state, &sender, device_week, tally, Some(device)).await
}

/// How far a device's clock is off, as the collector judges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Correction {
    /// The request does not say the device's week (a widget from before the
    /// header), or not as an ISO week: no correction.
    NoDeviceWeek,
    /// d = the collector's week − the device's week, in whole weeks, within
    /// ±[`MAX_CORRECTION_WEEKS`]: the correction applied (0 for a right
    /// clock).
    Believed(i64),
    /// More than [`MAX_CORRECTION_WEEKS`] weeks off: not believed, no
    /// correction.
    TooFar,
}

impl Correction {
    /// The device clock's skew in whole weeks, d = the collector's week −
    /// the device's week, when it is believed.
    ///
    /// ```
    /// use lokalform_collector::routes::submit::{Correction, DeviceWeek};
    /// use lokalform_collector::week::{Clock, IsoWeek};
    /// let clock = Clock::fixed(20_796); // Wednesday 9 December 2026, week 50
    /// let device = |s| Correction::of(DeviceWeek(IsoWeek::parse(s)), &clock);
    /// assert_eq!(device("2026-W40"), Correction::Believed(10));
    /// assert_eq!(device("2027-W07"), Correction::Believed(-10));
    /// assert_eq!(device("2026-W50"), Correction::Believed(0));
    /// assert_eq!(device("2026-W20"), Correction::Believed(30));
    /// assert_eq!(device("2026-W19"), Correction::TooFar);
    /// assert_eq!(Correction::of(DeviceWeek(None), &clock), Correction::NoDeviceWeek);
    /// ```
    pub fn of(device: DeviceWeek, clock: &Clock) -> Correction {
        match device.0.and_then(|week| clock.week().weeks_since(week)) {
            None => Correction::NoDeviceWeek,
            Some(d) if d.abs() <= MAX_CORRECTION_WEEKS => Correction::Believed(d),
            Some(_) => Correction::TooFar,
        }
    }

    /// The weeks added to a tally's week: d when believed, else 0.
    pub fn weeks(self) -> i64 {
        match self {
            Correction::Believed(d) => d,
            Correction::NoDeviceWeek | Correction::TooFar => 0,
        }
    }
}

/// The week a tally counts in, by the collector's clock: its `week`
/// corrected by the device's clock ([`Correction`]), checked to lie between
/// [`MAX_AGE_WEEKS`] before `clock`'s week and [`CLOCK_SKEW_WEEKS`] after
/// it. A tally without a week counts in `clock`'s week (widgets from
/// before the field), unless `required`.
///
/// ```
/// use lokalform_collector::routes::submit::{counted_week, Correction};
/// use lokalform_collector::week::Clock;
/// let clock = Clock::fixed(20_796); // Wednesday 9 December 2026, week 50
/// let none = Correction::NoDeviceWeek;
/// let week = |made, device| counted_week(Some(made), device, &clock, true).map(|w| w.to_string());
/// assert_eq!(week("2026-W43", none).unwrap(), "2026-W43");
/// assert_eq!(week("2026-W42", none).unwrap_err().code(), "too_old");
/// assert_eq!(week("2026-W51", none).unwrap(), "2026-W51");
/// assert_eq!(week("2026-W52", none).unwrap_err().code(), "week_in_future");
/// // A device clock 10 weeks slow: made in its week 38, counted in 48.
/// let slow = Correction::Believed(10);
/// assert_eq!(week("2026-W38", slow).unwrap(), "2026-W48");
/// assert_eq!(week("2026-W32", slow).unwrap_err().code(), "too_old");
/// assert_eq!(counted_week(None, none, &clock, false).unwrap().to_string(), "2026-W50");
/// assert_eq!(counted_week(None, none, &clock, true).unwrap_err().code(), "invalid_payload");
/// ```
pub fn counted_week(
    week: Option<&str>,
    correction: Correction,
    clock: &Clock,
    required: bool,
) -> Result<IsoWeek, ApiError> {
    let now = clock.week();
    let Some(text) = week else {
        if required {
            return Err(ApiError::invalid_payload(
                lokalform_forms::schema::Problem::new(
                    "week",
                    "missing: the ISO week the answers were given, such as 2026-W49",
                ),
            ));
        }
        return Ok(now);
    };
    let Some(made) = IsoWeek::parse(text) else {
        return Err(ApiError::invalid_payload(
            lokalform_forms::schema::Problem::new("week", "not an ISO week such as 2026-W49"),
        ));
    };
    let counted = made.plus(correction.weeks()).unwrap_or(made);
    let oldest = clock.week_in(-MAX_AGE_WEEKS);
    if counted < oldest {
        return Err(ApiError::too_old(text, counted, oldest, now));
    }
    let latest = clock.week_in(CLOCK_SKEW_WEEKS);
    if counted > latest {
        return Err(ApiError::week_in_future(text, counted, latest, now));
    }
    Ok(counted)
}

/// Checks and stores a web response (`device` is `None`) or a kiosk batch
/// from the enrolled `device`.
async fn receive(
    state: &AppState,
    sender: &Sender,
    device_week: DeviceWeek,
    tally: Tally,
    device: Option<String>,
) -> Response {
    match check_and_store(state, sender, device_week, tally, device).await {
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
    device_week: DeviceWeek,
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
    let correction = Correction::of(device_week, &state.clock);
    state.metrics.tally_week(tally.week.is_some(), correction);
    let week = counted_week(
        tally.week.as_deref(),
        correction,
        &state.clock,
        state.require_week,
    )?;
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
    let submission = to_submission(tally, week);
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
/// sorted, stamped with the week it counts in ([`counted_week`]).
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
