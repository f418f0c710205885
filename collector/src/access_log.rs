//! The access log: method, path, status and latency, nothing more.
//!
//! No IP address, no query string, no header and no body is ever written:
//! a log line cannot be tied to a citizen. Lines go to standard error.

use crate::config::LogLevel;
use axum::body::Body;
use axum::extract::State;
use axum::http::Request;
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

/// Middleware: writes `POST /api/v1/increments 200 0.4ms`.
pub async fn log_request(
    State(level): State<LogLevel>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if level == LogLevel::Off {
        return next.run(request).await;
    }
    let method = request.method().clone();
    // The path only: a query string could carry anything.
    let path = request.uri().path().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status();
    if level == LogLevel::Requests || status.is_server_error() {
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        eprintln!("{method} {} {} {ms:.1}ms", clip(&path), status.as_u16());
    }
    response
}

/// Paths are clipped and control characters dropped, so a crafted path
/// cannot forge log lines.
fn clip(path: &str) -> String {
    path.chars().filter(|c| !c.is_control()).take(200).collect()
}
