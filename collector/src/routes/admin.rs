//! The reports, behind the admin token (see [`crate::auth`]).
//!
//! - `GET /admin`: the dashboard page.
//! - `GET /admin/report.json`: the suppressed counts as JSON.
//! - `GET /admin/report.csv`: the same as CSV.
//! - `GET /admin/trend.json`: the suppressed counts per period (month or
//!   quarter, from the configuration), with the share of positive answers
//!   ([`crate::trend`]).
//! - `GET /admin/trend.csv`: the same as CSV.
//! - `GET /admin/cohorts.json`: the programmes' cohort reports and their
//!   combination per instrument version ([`crate::cohort_report`]).
//! - `GET /admin/cohorts.csv`: the same as CSV.
//! - `GET /admin/channels.csv`: how each programme round's participants
//!   heard of it ([`crate::channel_report`]).
//! - the tablets' routes under `/admin/devices`: see [`super::devices`].
//!
//! Each answer is read from one snapshot of the database (one read
//! transaction), so its counts add up while submissions are written.
//!
//! The report and trend exports take `?form=<id>` to report one form only;
//! the dashboard takes `?form=<id>` and `?period=<id>` (see
//! [`crate::dashboard`]). They cover every week together and each period:
//! see [`crate::report`] for why there is no per-week or date-range
//! breakdown. A filter only selects among the published cells; it never
//! changes them.

use super::AppState;
use crate::channel_report;
use crate::cohort_report::{self, CohortOverview};
use crate::dashboard;
use crate::error::ApiError;
use crate::report::{self, Report};
use crate::store::StoreError;
use crate::trend;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use lokalform_forms::schema::FieldKind;
use serde::Deserialize;
use std::sync::Arc;

/// The query of the report endpoints.
#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    /// Only this form id.
    pub form: Option<String>,
}

async fn build_report(state: &AppState, form: Option<String>) -> Result<Report, ApiError> {
    let form = form.filter(|f| !f.is_empty());
    if let Some(id) = &form {
        if !state.registry.has_id(id) {
            return Err(ApiError::unknown_form(id));
        }
    }
    let weekly = state
        .store
        .weekly_totals(form.clone())
        .await
        .map_err(storage_error)?;
    Ok(report::build(
        &state.registry,
        &weekly,
        state.period,
        form.as_deref(),
    ))
}

/// Logs a storage error (never a request's data) and answers 503.
fn storage_error(e: StoreError) -> ApiError {
    eprintln!("storage error: {e}");
    ApiError::storage_unavailable()
}

fn private(mut response: Response, content_type: &'static str) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// A JSON answer, private.
fn json_response(value: &impl serde::Serialize) -> Result<Response, ApiError> {
    let body = serde_json::to_vec(value)
        .map_err(|_| ApiError::from_status(axum::http::StatusCode::INTERNAL_SERVER_ERROR))?;
    Ok(private(body.into_response(), "application/json"))
}

/// A CSV download named `lokalform-{name}.csv`, or `lokalform-{form}{suffix}.csv`
/// for one form.
fn csv_download(csv: String, form: Option<&str>, name: &str, suffix: &str) -> Response {
    let file = match form {
        Some(id) if !id.is_empty() => format!("lokalform-{id}{suffix}.csv"),
        _ => format!("lokalform-{name}.csv"),
    };
    let mut response = private(csv.into_response(), "text/csv; charset=utf-8");
    // The id is an identifier ([A-Za-z0-9_-]), so it is safe in a header.
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /admin/report.json`.
pub async fn report_json(
    State(state): State<Arc<AppState>>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, ApiError> {
    json_response(&build_report(&state, query.form).await?)
}

/// `GET /admin/report.csv`.
pub async fn report_csv(
    State(state): State<Arc<AppState>>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, ApiError> {
    let report = build_report(&state, query.form.clone()).await?;
    let csv = report::to_csv(&report);
    Ok(csv_download(csv, query.form.as_deref(), "rapport", ""))
}

/// `GET /admin/trend.json`.
pub async fn trend_json(
    State(state): State<Arc<AppState>>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, ApiError> {
    json_response(&trend::build(&build_report(&state, query.form).await?))
}

/// `GET /admin/trend.csv`.
pub async fn trend_csv(
    State(state): State<Arc<AppState>>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, ApiError> {
    let report = build_report(&state, query.form.clone()).await?;
    let csv = trend::to_csv(&trend::build(&report));
    Ok(csv_download(
        csv,
        query.form.as_deref(),
        "perioder",
        "-perioder",
    ))
}

async fn build_cohorts(state: &AppState) -> Result<CohortOverview, ApiError> {
    let stored = state.store.cohorts().await.map_err(storage_error)?;
    Ok(cohort_report::build(&stored))
}

/// `GET /admin/cohorts.json`.
pub async fn cohorts_json(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let overview = build_cohorts(&state).await?;
    let body = serde_json::to_vec(&overview)
        .map_err(|_| ApiError::from_status(axum::http::StatusCode::INTERNAL_SERVER_ERROR))?;
    Ok(private(body.into_response(), "application/json"))
}

/// `GET /admin/cohorts.csv`.
pub async fn cohorts_csv(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let overview = build_cohorts(&state).await?;
    let mut response = private(
        cohort_report::to_csv(&overview).into_response(),
        "text/csv; charset=utf-8",
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"lokalform-forloeb.csv\""),
    );
    Ok(response)
}

/// `GET /admin/channels.csv`.
pub async fn channels_csv(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let stored = state.store.channels().await.map_err(storage_error)?;
    let mut response = private(
        channel_report::to_csv(&stored).into_response(),
        "text/csv; charset=utf-8",
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"lokalform-kanaler.csv\""),
    );
    Ok(response)
}

/// The query of the dashboard: its filters.
#[derive(Debug, Default, Deserialize)]
pub struct DashboardQuery {
    /// Only this form id.
    pub form: Option<String>,
    /// The bar charts show this period (`2026-03`, `2026-Q1`).
    pub period: Option<String>,
}

/// `GET /admin`.
pub async fn dashboard(
    State(state): State<Arc<AppState>>,
    Query(query): Query<DashboardQuery>,
) -> Result<Response, ApiError> {
    // One snapshot for the whole page, so its figures agree with each other.
    let data = state.store.dashboard().await.map_err(storage_error)?;
    // Every form is suppressed on its own, so a filter chooses among the
    // same published cells.
    let report = report::build(&state.registry, &data.weekly, state.period, None);
    let view = dashboard::View {
        form: query.form.filter(|f| !f.is_empty()),
        period: query.period.filter(|p| !p.is_empty()),
    };
    let has_comment_field = |id: &str, version: u32| {
        matches!(
            state.registry.lookup(id, version),
            crate::forms::Lookup::Found(form) if form.fields.iter().any(|f| f.kind == FieldKind::Comment)
        )
    };
    let cohorts = cohort_report::build(&data.cohorts);
    let devices = super::devices::list(&state).await?;
    let html = dashboard::render(
        &report,
        &data.comments,
        &has_comment_field,
        &cohorts,
        &devices,
        &view,
    );
    Ok(dashboard::page_response(html, axum::http::StatusCode::OK))
}
