//! Enrolled tablets: the routes that make and use enrollment codes, and the
//! device check of the batch route.
//!
//! - `POST /admin/devices/codes` (admin): a one-time code for the tablet
//!   named by the form field `label`; HTML (shown once) or, with
//!   `Accept: application/json`,
//!   `201 {"code":"ABCD-EFGH-JKMN","label":"Café-tablet 1","expires":"2026-12-08T15:20:00Z"}`.
//! - `POST /admin/devices/{id}/revoke` (admin): revokes a device; HTML 303
//!   back to the dashboard, or `200 {"device":"…","revoked":true}`.
//! - `GET /admin/devices.json` (admin): every device.
//! - `POST /api/v1/devices` (public, CORS like the submit routes):
//!   `{"code":"abcd efgh-jkmn"}` → `201 {"device":"…","token":"…","label":"…"}`,
//!   or 403 `enrollment_code_unknown` for an unknown, used or expired code.
//!   Charged to the client's rate-limit bucket and to [`RATE_BUCKET`]
//!   whatever the answer, so codes cannot be guessed at speed.
//!
//! The admin POSTs come from the dashboard's HTML forms, which a browser
//! sends with the admin's Basic credentials from any site: so a request
//! another site made is refused ([`same_site`]).

use super::payload::{is_json, json_body};
use super::{AppState, Sender};
use crate::dashboard;
use crate::devices::{self, check_label, credential, normalize_code, token_matches, CODE_HOURS};
use crate::error::ApiError;
use crate::store::{DeviceCharge, NewCode, NewDevice, StoreError, StoredDevice};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use lokalform_text::date::Date;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

/// The rate limiter's bucket for enrollments (holds a `/`, so never a
/// form id).
pub const RATE_BUCKET: &str = "/api/v1/devices";

/// Logs a storage error (never a request's data) and answers 503.
fn storage_error(e: StoreError) -> ApiError {
    eprintln!("storage error: {e}");
    ApiError::storage_unavailable()
}

/// Whether an admin POST may be served: a browser says where it came from
/// (`Sec-Fetch-Site`, or `Origin`); a request from another site is
/// refused. Scripts with a Bearer token send neither and are served.
///
/// ```
/// use axum::http::{HeaderMap, HeaderValue};
/// use lokalform_collector::routes::devices::same_site;
/// let mut h = HeaderMap::new();
/// h.insert("host", HeaderValue::from_static("collector.kommune.dk"));
/// assert!(same_site(&h));
/// h.insert("origin", HeaderValue::from_static("https://collector.kommune.dk"));
/// assert!(same_site(&h));
/// h.insert("origin", HeaderValue::from_static("https://evil.example"));
/// assert!(!same_site(&h));
/// h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
/// assert!(same_site(&h));
/// h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
/// assert!(!same_site(&h));
/// ```
pub fn same_site(headers: &HeaderMap) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match text("sec-fetch-site") {
        Some("same-origin" | "none") => return true,
        Some(_) => return false,
        None => {}
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = text("host").unwrap_or_default();
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|o| o.split_once("://"))
        .map(|(_, h)| h);
    !host.is_empty() && origin_host == Some(host)
}

/// Whether the client asked for JSON (`Accept: application/json`).
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// A JSON answer with `status`, never cached.
fn json(status: StatusCode, value: &impl Serialize) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Unix seconds as RFC 3339 in UTC: `2026-12-08T15:20:00Z`.
///
/// ```
/// use lokalform_collector::routes::devices::rfc3339;
/// assert_eq!(rfc3339(20_795 * 86_400 + 15 * 3600 + 20 * 60), "2026-12-08T15:20:00Z");
/// ```
pub fn rfc3339(seconds: i64) -> String {
    let date = Date::from_days(seconds.div_euclid(86_400))
        .map(Date::iso)
        .unwrap_or_default();
    let s = seconds.rem_euclid(86_400);
    format!("{date}T{:02}:{:02}:{:02}Z", s / 3600, s % 3600 / 60, s % 60)
}

/// The form (or JSON) of `POST /admin/devices/codes`.
#[derive(Debug, Deserialize)]
struct CodeRequest {
    #[serde(default)]
    label: String,
}

/// The answer to `POST /admin/devices/codes` with `Accept: application/json`.
#[derive(Debug, Serialize)]
pub struct IssuedCode {
    /// The code, `ABCD-EFGH-JKMN`: shown once, stored only as a hash.
    pub code: String,
    /// The tablet's label.
    pub label: String,
    /// When the code stops working, RFC 3339 (UTC).
    pub expires: String,
}

/// `POST /admin/devices/codes`.
pub async fn issue_code(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    if !same_site(&headers) {
        return Err(ApiError::cross_site());
    }
    let request: Option<CodeRequest> = if is_json(&headers) {
        serde_json::from_slice(&body).ok()
    } else {
        serde_urlencoded::from_bytes(&body).ok()
    };
    let label = request
        .and_then(|r| check_label(&r.label))
        .ok_or_else(|| ApiError::invalid_label(devices::MAX_LABEL_CHARS))?;
    let code = devices::new_code().map_err(|_| ApiError::storage_unavailable())?;
    let now = state.clock.seconds();
    let expires = now + CODE_HOURS * 3600;
    state
        .store
        .issue_code(
            NewCode {
                hash: code.hash,
                label: label.clone(),
                expires,
            },
            now,
        )
        .await
        .map_err(storage_error)?;
    let issued = IssuedCode {
        code: code.shown,
        label,
        expires: rfc3339(expires),
    };
    if wants_json(&headers) {
        return Ok(json(StatusCode::CREATED, &issued));
    }
    let html = dashboard::code_page(&issued.code, &issued.label, expires);
    Ok(dashboard::page_response(html, StatusCode::CREATED))
}

/// `POST /admin/devices/{id}/revoke`.
pub async fn revoke(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if !same_site(&headers) {
        return Err(ApiError::cross_site());
    }
    let found = state
        .store
        .revoke_device(id.clone())
        .await
        .map_err(storage_error)?;
    if !found {
        return Err(ApiError::unknown_device());
    }
    if wants_json(&headers) {
        return Ok(json(
            StatusCode::OK,
            &serde_json::json!({ "device": id, "revoked": true }),
        ));
    }
    let mut response = StatusCode::SEE_OTHER.into_response();
    response.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_static("/admin#tabletter"),
    );
    Ok(response)
}

/// One device in `GET /admin/devices.json`.
#[derive(Debug, Serialize)]
struct DeviceJson<'a> {
    id: &'a str,
    label: &'a str,
    enrolled: &'a str,
    last_batch: Option<&'a str>,
    responses_today: u64,
    revoked: bool,
}

/// Every device, with its responses on the collector's current UTC day.
pub async fn list(state: &AppState) -> Result<Vec<StoredDevice>, ApiError> {
    state
        .store
        .devices(state.clock.date())
        .await
        .map_err(storage_error)
}

/// `GET /admin/devices.json`: `{"devices":[{"id","label","enrolled",
/// "last_batch","responses_today","revoked"}]}`.
pub async fn devices_json(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let stored = list(&state).await?;
    let devices: Vec<DeviceJson<'_>> = stored
        .iter()
        .map(|d| DeviceJson {
            id: &d.id,
            label: &d.label,
            enrolled: &d.enrolled,
            last_batch: d.last_batch.as_deref(),
            responses_today: d.responses_today,
            revoked: d.revoked,
        })
        .collect();
    Ok(json(
        StatusCode::OK,
        &serde_json::json!({ "devices": devices }),
    ))
}

/// The body of `POST /api/v1/devices`.
#[derive(Debug, Deserialize)]
struct EnrollRequest {
    code: String,
}

/// The answer to a successful enrollment.
#[derive(Debug, Serialize)]
struct Enrolled {
    device: String,
    token: String,
    label: String,
}

/// `POST /api/v1/devices`.
pub async fn enroll(
    State(state): State<Arc<AppState>>,
    sender: Sender,
    request: axum::extract::Request,
) -> Result<Response, ApiError> {
    let body = json_body(request, &()).await?;
    let request: EnrollRequest = serde_json::from_slice(&body).map_err(|_| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_payload",
            "Send the enrollment code as JSON: {\"code\":\"ABCD-EFGH-JKMN\"}.",
        )
        .with_problems(vec![lokalform_forms::schema::Problem::new(
            "code",
            "missing, or not a string",
        )])
    })?;
    // Every try costs a token, right or wrong: guessing is slow.
    let _charge = state.charge(&sender, RATE_BUCKET)?;
    let Some(code) = normalize_code(&request.code) else {
        return Err(ApiError::enrollment_code_unknown());
    };
    let device = devices::new_device().map_err(|_| ApiError::storage_unavailable())?;
    let label = state
        .store
        .enroll(
            devices::code_hash(&code),
            state.clock.seconds(),
            NewDevice {
                id: device.id.clone(),
                token_hash: device.token_hash,
                enrolled: state.clock.date(),
            },
        )
        .await
        .map_err(storage_error)?
        .ok_or_else(ApiError::enrollment_code_unknown)?;
    Ok(json(
        StatusCode::CREATED,
        &Enrolled {
            device: device.id,
            token: device.token,
            label,
        },
    ))
}

/// The enrolled device a batch comes from: its credential checked against
/// the stored hash. 401 `device_not_enrolled` for a missing, unknown or
/// wrong credential, 403 `device_revoked` for a revoked device.
pub async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<String, ApiError> {
    let (id, token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(credential)
        .ok_or_else(ApiError::device_not_enrolled)?;
    let key = state
        .store
        .device(id.to_string())
        .await
        .map_err(storage_error)?
        .ok_or_else(ApiError::device_not_enrolled)?;
    if !token_matches(token, &key.token_hash) {
        return Err(ApiError::device_not_enrolled());
    }
    if key.revoked {
        return Err(ApiError::device_revoked());
    }
    Ok(id.to_string())
}

/// A batch charged to its device's daily ceiling, to settle once the
/// store has answered.
#[derive(Debug)]
pub struct DeviceDay {
    device: String,
    day: String,
    responses: u32,
}

/// Charges `responses` to `device`'s count for the collector's current UTC
/// day: 429 `device_daily_ceiling` (with `Retry-After` until midnight UTC)
/// when it would pass the ceiling.
pub async fn charge_day(
    state: &AppState,
    device: String,
    responses: u32,
) -> Result<DeviceDay, ApiError> {
    let day = state.clock.date();
    let charged = state
        .store
        .charge_device(
            device.clone(),
            day.clone(),
            responses,
            state.device_daily_responses,
        )
        .await
        .map_err(storage_error)?;
    match charged {
        DeviceCharge::Charged => Ok(DeviceDay {
            device,
            day,
            responses,
        }),
        DeviceCharge::OverCeiling => {
            let wait = state.clock.seconds_to_midnight().max(1).unsigned_abs();
            Err(ApiError::device_daily_ceiling(
                state.device_daily_responses,
                Duration::from_secs(wait),
            ))
        }
        DeviceCharge::Revoked => Err(ApiError::device_revoked()),
        DeviceCharge::Unknown => Err(ApiError::device_not_enrolled()),
    }
}

impl DeviceDay {
    /// `counted`: the batch was added (its day becomes the device's last
    /// batch); otherwise the charge is given back. A failure here is
    /// logged: the batch's own answer stands.
    pub async fn settle(self, state: &AppState, counted: bool) {
        if let Err(e) = state
            .store
            .settle_device(self.device, self.day, self.responses, counted)
            .await
        {
            eprintln!("storage error: {e}");
        }
    }
}

/// The enrolled device a request comes from ([`authenticate`]), as an
/// extractor: it runs before the body is read, so an unenrolled tablet
/// hears 401 whatever it sent.
#[derive(Debug, Clone)]
pub struct Device(pub String);

impl axum::extract::FromRequestParts<Arc<AppState>> for Device {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &Arc<AppState>,
    ) -> Result<Device, ApiError> {
        authenticate(state, &parts.headers).await.map(Device)
    }
}
