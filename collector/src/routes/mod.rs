//! The HTTP routes and the layers around them.
//!
//! | route | job |
//! |---|---|
//! | `POST /api/v1/increments` | one web response ([`submit`]) |
//! | `POST /api/v1/batches` | a kiosk batch ([`submit`]) |
//! | `POST /api/v1/cohorts` | a programme round's published before/after figures ([`cohorts`]) |
//! | `GET /admin`, `/admin/report.json`, `/admin/report.csv` | reports behind the admin token ([`admin`]) |
//! | `GET /admin/trend.json`, `/admin/trend.csv` | the report per period (month or quarter), behind the admin token ([`admin`]) |
//! | `GET /admin/cohorts.json`, `/admin/cohorts.csv` | the cohort reports and their combination, behind the admin token ([`admin`]) |
//! | `GET /admin/channels.csv` | how each programme round's participants heard of it, behind the admin token ([`admin`]) |
//! | `GET /healthz` | `ok` |
//!
//! Around them: the access log (method, path, status, latency; never an IP
//! address or a body), JSON errors for everything (for requests that never
//! reach the router, see [`crate::parser_errors`]), a caught panic becomes a
//! 500 instead of a dropped connection, and bodies over
//! [`MAX_BODY_BYTES`] are refused with 413. CORS is allowed only on the
//! submit routes, only for the configured origins.

pub mod admin;
pub mod cohorts;
pub mod payload;
pub mod submit;

use crate::access_log;
use crate::auth;
use crate::config::LogLevel;
use crate::error::{self, ApiError};
use crate::forms::FormRegistry;
use crate::period::PeriodKind;
use crate::rate_limit::RateLimiter;
use crate::store::Store;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{middleware, Router};
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;

/// The largest request body accepted (24 KiB): the largest valid cohort
/// submission (20 reports with 64-character instrument ids, a group each,
/// 80-character names and five-digit counts) is about 17 KiB.
pub const MAX_BODY_BYTES: usize = 24 * 1024;

/// What every handler shares.
pub struct AppState {
    /// The registered forms.
    pub registry: FormRegistry,
    /// Where counters go.
    pub store: Arc<dyn Store>,
    /// Submissions per form per minute, and cohort submissions per minute
    /// (bucket [`cohorts::RATE_BUCKET`]).
    pub limiter: RateLimiter,
    /// The admin token.
    pub admin_token: String,
    /// Smallest kiosk batch (k).
    pub min_batch: u32,
    /// The reporting period of the trend reports.
    pub period: PeriodKind,
}

/// The whole application.
pub fn router(state: Arc<AppState>, allow_origins: &[String], log: LogLevel) -> Router {
    let mut submit = Router::new()
        .route("/api/v1/increments", post(submit::increments))
        .route("/api/v1/batches", post(submit::batches))
        .route("/api/v1/cohorts", post(cohorts::receive));
    let origins: Vec<HeaderValue> = allow_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    if !origins.is_empty() {
        submit = submit.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::POST, Method::OPTIONS])
                .allow_headers([header::CONTENT_TYPE])
                .max_age(Duration::from_secs(3600)),
        );
    }
    let admin = Router::new()
        .route("/admin", get(admin::dashboard))
        .route("/admin/", get(admin::dashboard))
        .route("/admin/report.json", get(admin::report_json))
        .route("/admin/report.csv", get(admin::report_csv))
        .route("/admin/trend.json", get(admin::trend_json))
        .route("/admin/trend.csv", get(admin::trend_csv))
        .route("/admin/cohorts.json", get(admin::cohorts_json))
        .route("/admin/cohorts.csv", get(admin::cohorts_csv))
        .route("/admin/channels.csv", get(admin::channels_csv))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            auth::require_admin,
        ));
    Router::new()
        .merge(submit)
        .merge(admin)
        .route("/healthz", get(|| async { "ok" }))
        .fallback(|| async { ApiError::from_status(StatusCode::NOT_FOUND).into_response() })
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn(error::json_errors))
        .layer(middleware::from_fn_with_state(log, access_log::log_request))
        .with_state(state)
}
