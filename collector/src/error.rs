//! The one error format of the HTTP API.
//!
//! Every error the collector answers with, from a bad payload to a wrong
//! admin token and a request hyper cannot parse ([`crate::parser_errors`]),
//! is JSON of one shape:
//!
//! ```json
//! {"error":"invalid_tally","message":"The tally does not match the form.",
//!  "problems":[{"path":"counts.heard.maybe","message":"unknown option"}]}
//! ```
//!
//! `error` is a stable code for programs, `message` a clear sentence for
//! people, and `problems` lists each bad value with its path in the
//! payload (empty when the request as a whole is wrong). The messages are
//! English, except those a tablet's staff view shows a project worker
//! (enrollment and the device errors of the batch route), which are plain
//! Danish and say what to do.

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use lokalform_forms::schema::Problem;
use serde::Serialize;
use std::time::Duration;

/// An error answer: status, code, sentence and problems.
///
/// ```
/// use lokalform_collector::error::ApiError;
/// use axum::http::StatusCode;
/// let e = ApiError::unknown_form("feedbak");
/// assert_eq!(e.status(), StatusCode::NOT_FOUND);
/// assert_eq!(e.code(), "unknown_form");
/// ```
#[derive(Debug, Clone, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    status: StatusCode,
    error: &'static str,
    message: String,
    problems: Vec<Problem>,
    #[serde(skip)]
    retry_after: Option<u64>,
}

impl ApiError {
    /// An error with no problem list.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            error: code,
            message: message.into(),
            problems: Vec::new(),
            retry_after: None,
        }
    }

    /// Adds the bad values, each with its path.
    pub fn with_problems(mut self, problems: Vec<Problem>) -> ApiError {
        self.problems = problems;
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The stable error code.
    pub fn code(&self) -> &'static str {
        self.error
    }

    /// The bad values.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// 415: the body is not declared as JSON.
    pub fn unsupported_media_type() -> ApiError {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the body as JSON with the header Content-Type: application/json.",
        )
    }

    /// 413: the body is larger than the collector accepts.
    pub fn payload_too_large(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!(
                "The request body is larger than {} KiB, the most the collector accepts.",
                limit / 1024
            ),
        )
    }

    /// 400: the body is not well-formed JSON.
    pub fn invalid_json(problem: Problem) -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            "The request body is not valid JSON.",
        )
        .with_problems(vec![problem])
    }

    /// 400: an object in the body has the same name twice (which a JSON
    /// reader would silently resolve by keeping one of them).
    pub fn duplicate_name(problem: Problem) -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "duplicate_name",
            "An object in the request body has the same name twice; nothing was stored.",
        )
        .with_problems(vec![problem])
    }

    /// 422: well-formed JSON, but not a tally (a wrong type, a missing or
    /// unknown field).
    pub fn invalid_payload(problem: Problem) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_payload",
            "The JSON is not a tally: a field is missing, unknown or of the wrong type.",
        )
        .with_problems(vec![problem])
    }

    /// 404: no form with this id is registered.
    pub fn unknown_form(id: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_form",
            "No form with this id is registered at this collector.",
        )
        .with_problems(vec![Problem::new(
            "form",
            format!("unknown form \"{}\"", clip(id, 64)),
        )])
    }

    /// 422: the form is known but not in this version.
    pub fn unknown_version(version: u32, known: &[u32]) -> ApiError {
        let known: Vec<String> = known.iter().map(u32::to_string).collect();
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_version",
            "The form is registered, but not in this version.",
        )
        .with_problems(vec![Problem::new(
            "version",
            format!(
                "unknown version {version}; registered: {}",
                known.join(", ")
            ),
        )])
    }

    /// 422: the tally does not fit its form (unknown question or option,
    /// counts that do not add up, too few responses, a bad key …).
    pub fn invalid_tally(problems: Vec<Problem>) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_tally",
            "The tally does not match the form; nothing was stored.",
        )
        .with_problems(problems)
    }

    /// 422: the cohort submission is not one a programme widget could have
    /// sent (a published count below 5, means with fewer than 5, rows that
    /// do not add up, personal-looking text in a name, unknown members …).
    pub fn invalid_cohort(problems: Vec<Problem>) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_cohort",
            "The cohort reports are not valid published figures; nothing was stored.",
        )
        .with_problems(problems)
    }

    /// 429: too many submissions from this client, or for this form,
    /// right now.
    pub fn rate_limited(retry_after: Duration) -> ApiError {
        let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
        let seconds = seconds.max(1);
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!(
                "Too many submissions right now; nothing was stored. Try again in {seconds} seconds."
            ),
        );
        e.retry_after = Some(seconds);
        e
    }

    /// 408: the body did not arrive within the body timeout. The
    /// connection is closed; nothing was stored, and sending again is
    /// safe.
    pub fn body_timeout() -> ApiError {
        ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "body_timeout",
            "The request body did not arrive in time; nothing was stored. Please send it again.",
        )
    }

    /// 422 `too_old`: the tally was made in `made`, before `oldest`, the
    /// oldest week still accepted. Final: its receipt may be gone, so the
    /// collector could not tell whether it was counted already.
    pub fn too_old(made: &str, oldest: &str) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "too_old",
            format!(
                "These answers were given in week {made}, and the collector accepts answers given \
                 in week {oldest} or later. They may already have been counted, and the collector \
                 can no longer tell, so they were not stored. They cannot be sent again."
            ),
        )
        .with_problems(vec![Problem::new(
            "week",
            format!("{made} is before {oldest}, the oldest week accepted"),
        )])
    }

    /// 422 `week_in_future`: the tally says it was made after `latest`
    /// (the device's clock is wrong).
    pub fn week_in_future(made: &str, latest: &str) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "week_in_future",
            format!(
                "These answers say they were given in week {made}, but it is not yet later than \
                 week {latest} at the collector: the device's clock is wrong. Nothing was stored."
            ),
        )
        .with_problems(vec![Problem::new(
            "week",
            format!("{made} is after {latest}, the latest week accepted"),
        )])
    }

    /// 401: the admin token is missing or wrong.
    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "The reports need the admin token, as the password of HTTP Basic authentication or as a Bearer token.",
        )
    }

    /// 401 `device_not_enrolled`: a kiosk batch without a valid device
    /// credential (missing, unknown device or wrong token).
    pub fn device_not_enrolled() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "device_not_enrolled",
            "Tabletten er ikke tilmeldt. Bed om en tilmeldingskode i dashboardet, og skriv den i \
             personalevisningen.",
        )
    }

    /// 403 `device_revoked`: the tablet was revoked on the dashboard.
    pub fn device_revoked() -> ApiError {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "device_revoked",
            "Tabletten er afmeldt i dashboardet, så svarene blev ikke modtaget. Tilmeld den igen \
             med en ny tilmeldingskode fra dashboardet.",
        )
    }

    /// 422 `batch_too_large`: more responses in one batch than the
    /// collector accepts (`max`).
    pub fn batch_too_large(responses: u32, max: u32) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "batch_too_large",
            format!(
                "Pakken har {responses} svar, men indsamleren modtager højst {max} svar ad gangen. \
                 Intet blev gemt. Kontakt den, der driver indsamleren."
            ),
        )
        .with_problems(vec![Problem::new(
            "responses",
            format!("{responses} is more than {max}, the largest batch accepted"),
        )])
    }

    /// 429 `device_daily_ceiling`: the tablet has sent as many responses
    /// today (UTC) as one tablet may; `retry_after` is the time to
    /// midnight UTC.
    pub fn device_daily_ceiling(ceiling: u32, retry_after: Duration) -> ApiError {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "device_daily_ceiling",
            format!(
                "Tabletten har sendt {ceiling} svar i dag, det højeste antal for én tablet. \
                 Svarene venter på tabletten og sendes igen efter midnat."
            ),
        );
        e.retry_after = Some(retry_after.as_secs().max(1));
        e
    }

    /// 403 `enrollment_code_unknown`: the code is unknown, used or
    /// expired (one answer for all three).
    pub fn enrollment_code_unknown() -> ApiError {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "enrollment_code_unknown",
            "Koden passer ikke. Den kan være skrevet forkert, brugt før eller udløbet (en kode \
             gælder i 24 timer). Lav en ny kode i dashboardet under Tabletter.",
        )
    }

    /// 422 `invalid_label`: a tablet's label is empty or too long.
    pub fn invalid_label(max: usize) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_label",
            format!(
                "Giv tabletten et navn på 1 til {max} tegn, fx stedet den står, aldrig en persons navn."
            ),
        )
        .with_problems(vec![Problem::new(
            "label",
            format!("must be 1 to {max} characters"),
        )])
    }

    /// 404 `unknown_device`: no enrolled device has this id.
    pub fn unknown_device() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_device",
            "No tablet with this id is enrolled at this collector.",
        )
    }

    /// 403 `cross_site`: a dashboard form was posted from another site.
    pub fn cross_site() -> ApiError {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "cross_site",
            "This request came from another site; the dashboard's forms only work from the dashboard itself.",
        )
    }

    /// 503: the database could not store or read the data.
    pub fn storage_unavailable() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "storage_unavailable",
            "The collector could not reach its database; nothing was stored. Please try again later.",
        )
    }

    /// An error for one of the answers hyper writes itself when it cannot
    /// parse a request ([`crate::parser_errors`]): 400 for a malformed
    /// request line or header, 414 for an address too long, 431 for too
    /// many or too large headers.
    pub fn for_parse_error(status: StatusCode) -> ApiError {
        match status {
            StatusCode::BAD_REQUEST => ApiError::new(
                status,
                "malformed_request",
                "The request is not valid HTTP/1.1: its request line or a header is malformed. Nothing was stored.",
            ),
            _ => ApiError::from_status(status),
        }
    }

    /// The body of the answer: this error as JSON.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_else(|_| {
            br#"{"error":"internal","message":"Something went wrong.","problems":[]}"#.to_vec()
        })
    }

    /// An error for a bare status code from the framework or a middleware
    /// (404 for an unknown path, 405 for a wrong method, …).
    pub fn from_status(status: StatusCode) -> ApiError {
        let (code, message) = match status {
            StatusCode::NOT_FOUND => ("not_found", "There is nothing at this address."),
            StatusCode::METHOD_NOT_ALLOWED => (
                "method_not_allowed",
                "This address does not accept this HTTP method.",
            ),
            StatusCode::PAYLOAD_TOO_LARGE => {
                return ApiError::payload_too_large(crate::routes::MAX_BODY_BYTES)
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => return ApiError::unsupported_media_type(),
            StatusCode::URI_TOO_LONG => (
                "uri_too_long",
                "The address of the request is too long; nothing was stored.",
            ),
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => (
                "headers_too_large",
                "The request has too many headers, or headers that are too large; nothing was stored.",
            ),
            s if s.is_server_error() => (
                "internal",
                "Something went wrong in the collector; nothing was stored.",
            ),
            _ => ("bad_request", "The request could not be handled."),
        };
        ApiError::new(status, code, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.to_json();
        let mut response = (self.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if self.status == StatusCode::REQUEST_TIMEOUT {
            // The rest of the body may still come; do not read it as a
            // next request.
            headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        if self.error == "device_not_enrolled" {
            // A device credential, not the admin's: no browser login box.
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(r#"Bearer realm="lokalform-devices""#),
            );
        } else if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(r#"Basic realm="lokalform""#),
            );
        }
        response
    }
}

/// Middleware: turns any error answer that is not JSON yet (the router's
/// 404 and 405, the body limit's 413, a caught panic's 500) into the JSON
/// error format, so a client never has to handle two shapes.
pub async fn json_errors(request: Request<Body>, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        let (parts, _) = response.into_parts();
        let mut fixed = ApiError::from_status(status).into_response();
        // Keep headers such as Allow (405) or CORS.
        for (name, value) in parts.headers.iter() {
            if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                fixed.headers_mut().insert(name.clone(), value.clone());
            }
        }
        return fixed;
    }
    response
}

/// At most `max` characters of `s`, so an error never echoes a long input.
fn clip(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}
