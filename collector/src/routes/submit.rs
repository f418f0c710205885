//! The submit endpoints: where widgets send their tallies.
//!
//! - `POST /api/v1/increments`: one citizen's web response (`responses` is
//!   1, each question counted at most once).
//! - `POST /api/v1/batches`: a kiosk batch of at least k responses.
//!
//! Both check the tally against its registered definition, redact comments
//! again (defence in depth: the device already did), stamp the ISO week and
//! hand it to the [`Store`](crate::store::Store). Nothing is written unless
//! every check passes, and nothing of the request but the counters and
//! comments is kept.

use super::AppState;
use crate::error::ApiError;
use crate::forms::Lookup;
use crate::routes::payload::TallyJson;
use crate::store::{Outcome, Submission};
use crate::week::IsoWeek;
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

/// `POST /api/v1/increments`.
pub async fn increments(
    State(state): State<Arc<AppState>>,
    TallyJson(tally): TallyJson,
) -> Response {
    receive(&state, tally, Mode::Web).await
}

/// `POST /api/v1/batches`.
pub async fn batches(State(state): State<Arc<AppState>>, TallyJson(tally): TallyJson) -> Response {
    receive(&state, tally, Mode::Kiosk).await
}

async fn receive(state: &AppState, tally: Tally, mode: Mode) -> Response {
    match check_and_store(state, tally, mode).await {
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

async fn check_and_store(state: &AppState, tally: Tally, mode: Mode) -> Result<Outcome, ApiError> {
    let form = match state.registry.lookup(&tally.form, tally.version) {
        Lookup::Found(form) => form,
        Lookup::UnknownForm => return Err(ApiError::unknown_form(&tally.form)),
        Lookup::UnknownVersion(known) => {
            return Err(ApiError::unknown_version(tally.version, &known))
        }
    };
    state
        .limiter
        .take(&form.id)
        .map_err(ApiError::rate_limited)?;
    let checked = match mode {
        Mode::Web => tally.check_web(form),
        Mode::Kiosk => tally.check_batch(form, state.min_batch),
    };
    checked.map_err(ApiError::invalid_tally)?;
    let submission = to_submission(tally);
    state.store.record(submission).await.map_err(|e| {
        // The error text comes from the database, never from the request.
        eprintln!("storage error: {e}");
        ApiError::storage_unavailable()
    })
}

/// The checked tally as the store takes it: comments redacted again and
/// sorted, the ISO week from the server clock.
fn to_submission(tally: Tally) -> Submission {
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
        week: IsoWeek::now(),
        key: tally.key,
        responses: tally.responses,
        counts,
        comments,
    }
}
