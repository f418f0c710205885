//! `POST /api/v1/cohorts`: where a programme widget sends the published
//! before/after figures of one round.
//!
//! The body is a [`CohortSubmission`] (its documentation has the format and
//! every check), read with the core's own decoder, so the widget and the
//! collector cannot disagree about what a valid report is. Each report is
//! stored under (municipality, programme, round, instrument, version); a
//! resend replaces, so a corrected report is never counted twice. Only the
//! checked figures are kept, written again by
//! [`CohortReport::to_json`](lokalform_forms::aggregate::CohortReport::to_json),
//! and the ISO week: never the request's own text.
//!
//! ```text
//! 200 {"status":"received","reports":2,"replaced":0}
//! 422 {"error":"invalid_cohort","message":"…","problems":[{"path":"reports[1].with_both.value",
//!      "message":"cell below 5 must be suppressed (send {\"label\":\"<5\",\"value\":null})"}]}
//! ```

use super::payload::{json_body, refuse_duplicate_names};
use super::{AppState, Sender};
use crate::error::ApiError;
use crate::store::{CohortOutcome, CohortRecord};
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use lokalform_forms::aggregate::CohortSubmission;
use lokalform_forms::schema::Problem;
use std::sync::Arc;

/// The rate limiter's bucket for cohort submissions. It holds a `/`, so it
/// can never be the id of a form (`[A-Za-z0-9_-]`), which has a bucket of
/// its own.
pub const RATE_BUCKET: &str = "/api/v1/cohorts";

/// A cohort submission read from a JSON body.
#[derive(Debug)]
pub struct CohortJson(pub CohortSubmission);

impl<S: Send + Sync> FromRequest<S> for CohortJson {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<CohortJson, ApiError> {
        let body = json_body(request, state).await?;
        parse_cohorts(&body).map(CohortJson)
    }
}

/// Parses and checks a cohort submission: 400 for bytes that are not
/// well-formed JSON, 422 with every problem's path for JSON that is not a
/// valid submission. Never panics.
///
/// ```
/// use lokalform_collector::routes::cohorts::parse_cohorts;
/// let err = parse_cohorts(br#"{"municipality":"Vejle Kommune","programme":"P","round":"2026-2","reports":[]}"#).unwrap_err();
/// assert_eq!((err.status().as_u16(), err.code()), (422, "invalid_cohort"));
/// assert_eq!(err.problems()[0].path, "reports");
/// assert_eq!(parse_cohorts(b"{").unwrap_err().code(), "invalid_json");
/// ```
pub fn parse_cohorts(body: &[u8]) -> Result<CohortSubmission, ApiError> {
    refuse_duplicate_names(body)?;
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::invalid_json(Problem::new("", "the body is not UTF-8 text")))?;
    let json = lokalform_text::json::parse(text)
        .map_err(|e| ApiError::invalid_json(Problem::new("", e.to_string())))?;
    CohortSubmission::from_json(&json).map_err(ApiError::invalid_cohort)
}

/// `POST /api/v1/cohorts`. The submission is checked completely (by the
/// extractor) before a token is taken from the client's bucket and the
/// cohort bucket; a failed write gives them back.
pub async fn receive(
    State(state): State<Arc<AppState>>,
    sender: Sender,
    CohortJson(submission): CohortJson,
) -> Result<Response, ApiError> {
    let charge = state.charge(&sender, RATE_BUCKET)?;
    let record = CohortRecord {
        submission,
        week: state.clock.week(),
    };
    let outcome = state.store.record_cohorts(record).await.map_err(|e| {
        charge.refund();
        // The error text comes from the database, never from the request.
        eprintln!("storage error: {e}");
        ApiError::storage_unavailable()
    })?;
    Ok(received(outcome))
}

fn received(outcome: CohortOutcome) -> Response {
    let body = format!(
        r#"{{"status":"received","reports":{},"replaced":{}}}"#,
        outcome.stored, outcome.replaced
    );
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_panics_on_odd_bytes() {
        for body in [
            &b"\xff\xfe"[..],
            b"",
            b"null",
            b"\"x\"",
            b"{\"reports\":[{\"mean_before\":1e400}]}",
            &[b'['; 10_000],
            &[b'{'; 10_000],
        ] {
            assert!(parse_cohorts(body).is_err());
        }
    }
}
