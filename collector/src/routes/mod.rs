//! The HTTP routes and the layers around them.
//!
//! | route | job |
//! |---|---|
//! | `POST /api/v1/increments` | one web response ([`submit`]) |
//! | `POST /api/v1/batches` | a kiosk batch from an enrolled tablet ([`submit`], [`devices`]) |
//! | `POST /api/v1/devices` | a tablet's enrollment with a one-time code ([`devices`]) |
//! | `POST /api/v1/cohorts` | a programme round's published before/after figures ([`cohorts`]) |
//! | `GET /admin`, `/admin/report.json`, `/admin/report.csv` | reports behind the admin token ([`admin`]) |
//! | `GET /admin/trend.json`, `/admin/trend.csv` | the report per period (month or quarter), behind the admin token ([`admin`]) |
//! | `GET /admin/cohorts.json`, `/admin/cohorts.csv` | the cohort reports and their combination, behind the admin token ([`admin`]) |
//! | `GET /admin/channels.csv` | how each programme round's participants heard of it, behind the admin token ([`admin`]) |
//! | `POST /admin/devices/codes`, `POST /admin/devices/{id}/revoke`, `GET /admin/devices.json` | enrollment codes, revoking a tablet, the tablets, behind the admin token ([`devices`]) |
//! | `GET /healthz` | `ok`: the process answers |
//! | `GET /health` | whether the database answers ([`health`]) |
//! | `GET /metrics` | counters in the Prometheus text format ([`crate::metrics`]) |
//!
//! Around them: the access log (method, path, status, latency; never an IP
//! address or a body), the request counters of [`crate::metrics`], JSON
//! errors for everything (for requests that never reach the router, see
//! [`crate::parser_errors`]), a caught panic becomes a 500 instead of a
//! dropped connection, bodies over [`MAX_BODY_BYTES`] are refused with 413
//! and a body that does not arrive by its [`BodyDeadline`] with 408. CORS is allowed only on the submit routes, only for
//! the configured origins.

pub mod admin;
pub mod cohorts;
pub mod devices;
pub mod payload;
pub mod submit;

use crate::access_log;
use crate::auth;
use crate::client::{ClientKey, ClientKeys, Peer};
use crate::config::LogLevel;
use crate::error::{self, ApiError};
use crate::forms::FormRegistry;
use crate::metrics::{self, LimitScope, Metrics};
use crate::period::PeriodKind;
use crate::rate_limit::{self, Charge, ClientLimiter, RateLimiter, Refusal};
use crate::store::Store;
use crate::week::Clock;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Router};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;
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
    /// (bucket [`cohorts::RATE_BUCKET`]): the last line.
    pub limiter: RateLimiter,
    /// Submissions per client per minute.
    pub client_limiter: ClientLimiter,
    /// How a client's key is made.
    pub clients: Arc<ClientKeys>,
    /// Counters for `/metrics`.
    pub metrics: Arc<Metrics>,
    /// Today, for the ISO week of a submission and its age.
    pub clock: Clock,
    /// Refuse a tally that does not say the week it was made.
    pub require_week: bool,
    /// The admin token.
    pub admin_token: String,
    /// Smallest kiosk batch (k).
    pub min_batch: u32,
    /// Largest kiosk batch.
    pub max_batch_responses: u32,
    /// Most responses per enrolled tablet per UTC day.
    pub device_daily_responses: u32,
    /// The reporting period of the trend reports.
    pub period: PeriodKind,
}

/// Where a submission came from, for the per-client limit: the client's
/// key, made from the connection's peer (and, from the trusted proxy, its
/// header). `None` without a known peer (only when the router is called
/// without the accept loop).
#[derive(Debug, Clone, Copy)]
pub struct Sender(Option<ClientKey>);

impl FromRequestParts<Arc<AppState>> for Sender {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Sender, Self::Rejection> {
        let peer = parts.extensions.get::<Peer>().copied();
        Ok(Sender(
            peer.map(|p| state.clients.for_request(p.0, &parts.headers)),
        ))
    }
}

impl AppState {
    /// Charges a submission that passed every check to its sender's
    /// bucket and to `bucket` (a form id, or [`cohorts::RATE_BUCKET`]);
    /// 429 when either is empty.
    pub fn charge<'a>(&'a self, sender: &Sender, bucket: &'a str) -> Result<Charge<'a>, ApiError> {
        let client = sender.0;
        rate_limit::charge(&self.client_limiter, &self.limiter, client, bucket).map_err(|refusal| {
            self.metrics.rate_limited(match refusal {
                Refusal::Client(_) => LimitScope::Client,
                Refusal::Form(_) => LimitScope::Form,
            });
            ApiError::rate_limited(refusal.wait())
        })
    }
}

/// When a request's body must have arrived: set by the accept loop
/// ([`crate::server`]) as the head arrives, kept by
/// [`payload::json_body`], which answers 408 after it.
#[derive(Debug, Clone, Copy)]
pub struct BodyDeadline(pub Instant);

/// `GET /health`: 200 `{"status":"ok"}` when the database answers a read,
/// 503 in the JSON error format when it does not.
pub async fn health(State(state): State<Arc<AppState>>) -> Response {
    match state.store.check().await {
        Ok(()) => {
            let mut response = r#"{"status":"ok"}"#.into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(e) => {
            // The error text comes from the database, never from a request.
            eprintln!("health check: storage error: {e}");
            ApiError::storage_unavailable().into_response()
        }
    }
}

/// The whole application.
pub fn router(state: Arc<AppState>, allow_origins: &[String], log: LogLevel) -> Router {
    let mut submit = Router::new()
        .route("/api/v1/increments", post(submit::increments))
        .route("/api/v1/batches", post(submit::batches))
        .route("/api/v1/cohorts", post(cohorts::receive))
        .route("/api/v1/devices", post(devices::enroll));
    let origins: Vec<HeaderValue> = allow_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    if !origins.is_empty() {
        submit = submit.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::POST, Method::OPTIONS])
                .allow_headers([
                    header::CONTENT_TYPE,
                    header::AUTHORIZATION,
                    HeaderName::from_static("lokalform-device-week"),
                ])
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
        .route("/admin/devices.json", get(devices::devices_json))
        .route("/admin/devices/codes", post(devices::issue_code))
        .route("/admin/devices/{id}/revoke", post(devices::revoke))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            auth::require_admin,
        ));
    let metrics = Arc::clone(&state.metrics);
    let store = Arc::clone(&state.store);
    Router::new()
        .merge(submit)
        .merge(admin)
        .route("/healthz", get(|| async { "ok" }))
        .route("/health", get(health))
        .route(
            "/metrics",
            get(move || metrics::serve(Arc::clone(&metrics), Arc::clone(&store))),
        )
        .route_layer(middleware::from_fn(metrics::mark_route))
        .fallback(|| async { ApiError::from_status(StatusCode::NOT_FOUND).into_response() })
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn(error::json_errors))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state.metrics),
            metrics::count_requests,
        ))
        .layer(middleware::from_fn_with_state(log, access_log::log_request))
        .with_state(state)
}
