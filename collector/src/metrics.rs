//! Counters for operations, served at `GET /metrics` in the Prometheus
//! text format.
//!
//! Nothing here is about a respondent: requests are counted by route (the
//! route's pattern, or `other` for any path that is not a route, so a
//! crafted path never becomes a label) and status; connections, timeouts
//! and rate-limit refusals are plain counts. No address, no key, no form
//! content, no timestamp.

use crate::store::Store;
use axum::body::Body;
use axum::extract::{MatchedPath, State};
use axum::http::{header, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The collector's counters and gauges.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Answers by route pattern, then status.
    requests: Mutex<BTreeMap<String, BTreeMap<u16, u64>>>,
    in_flight: AtomicU64,
    connections_open: AtomicU64,
    connections_total: AtomicU64,
    refused_client_cap: AtomicU64,
    header_timeouts: AtomicU64,
    rate_limited_client: AtomicU64,
    rate_limited_form: AtomicU64,
}

/// The route a response came from, set on the response by
/// [`mark_route`] for [`count_requests`] to read.
#[derive(Debug, Clone)]
struct RouteLabel(MatchedPath);

/// Which limit refused a request (for [`Metrics::rate_limited`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitScope {
    /// A client's own bucket.
    Client,
    /// A form's (or the cohort) bucket.
    Form,
}

impl Metrics {
    /// A connection was accepted; the returned guard counts it as open
    /// until dropped.
    pub fn connection(self: &Arc<Metrics>) -> OpenConnection {
        self.connections_total.fetch_add(1, Ordering::Relaxed);
        self.connections_open.fetch_add(1, Ordering::Relaxed);
        OpenConnection(Arc::clone(self))
    }

    /// A connection was closed at once: its client had too many open.
    pub fn refused_client_cap(&self) {
        self.refused_client_cap.fetch_add(1, Ordering::Relaxed);
    }

    /// A connection was closed because its request head did not arrive in
    /// time (this includes an idle keep-alive connection).
    pub fn header_timeout(&self) {
        self.header_timeouts.fetch_add(1, Ordering::Relaxed);
    }

    /// A submission was refused by a rate limit.
    pub fn rate_limited(&self, scope: LimitScope) {
        let counter = match scope {
            LimitScope::Client => &self.rate_limited_client,
            LimitScope::Form => &self.rate_limited_form,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Connections open now.
    pub fn open_connections(&self) -> u64 {
        self.connections_open.load(Ordering::Relaxed)
    }

    fn answered(&self, route: &str, status: u16) {
        let mut requests = self.requests.lock().unwrap_or_else(|p| p.into_inner());
        // A route's name is allocated once, not per request.
        let by_status = match requests.get_mut(route) {
            Some(by_status) => by_status,
            None => requests.entry(route.to_string()).or_default(),
        };
        *by_status.entry(status).or_default() += 1;
    }

    /// The Prometheus text exposition; `queue` is the store's queue depth
    /// when it has one.
    ///
    /// ```
    /// use lokalform_collector::metrics::Metrics;
    /// let text = Metrics::default().render(Some(3), Some(2));
    /// assert!(text.contains("# TYPE lokalform_http_requests_total counter"));
    /// assert!(text.contains("lokalform_store_queue_depth 3\n"));
    /// assert!(text.contains("lokalform_devices_enrolled 2\n"));
    /// ```
    pub fn render(&self, queue: Option<usize>, devices: Option<usize>) -> String {
        let mut out = String::new();
        let mut family = |name: &str, kind: &str, help: &str| {
            let _ = write!(out, "# HELP {name} {help}\n# TYPE {name} {kind}\n");
        };
        family(
            "lokalform_http_requests_total",
            "counter",
            "Requests answered, by route pattern (other: not a route) and status.",
        );
        let requests = self
            .requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        for (route, by_status) in &requests {
            for (status, n) in by_status {
                let _ = writeln!(
                    out,
                    "lokalform_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
                );
            }
        }
        let load = |a: &AtomicU64| a.load(Ordering::Relaxed);
        let single = |out: &mut String, name: &str, kind: &str, help: &str, value: u64| {
            let _ = write!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}\n"
            );
        };
        single(
            &mut out,
            "lokalform_http_requests_in_flight",
            "gauge",
            "Requests being handled now.",
            load(&self.in_flight),
        );
        single(
            &mut out,
            "lokalform_connections_open",
            "gauge",
            "Connections open now.",
            load(&self.connections_open),
        );
        single(
            &mut out,
            "lokalform_connections_total",
            "counter",
            "Connections accepted.",
            load(&self.connections_total),
        );
        single(
            &mut out,
            "lokalform_connections_refused_total",
            "counter",
            "Connections closed at once because their client had the most connections allowed open.",
            load(&self.refused_client_cap),
        );
        single(
            &mut out,
            "lokalform_header_timeouts_total",
            "counter",
            "Connections closed because a request head (or, on an idle connection, the next one) did not arrive in time.",
            load(&self.header_timeouts),
        );
        let _ = write!(
            out,
            "# HELP lokalform_rate_limited_total Submissions refused by a rate limit, by the limit's scope.\n\
             # TYPE lokalform_rate_limited_total counter\n\
             lokalform_rate_limited_total{{scope=\"client\"}} {}\n\
             lokalform_rate_limited_total{{scope=\"form\"}} {}\n",
            load(&self.rate_limited_client),
            load(&self.rate_limited_form),
        );
        if let Some(queue) = queue {
            single(
                &mut out,
                "lokalform_store_queue_depth",
                "gauge",
                "Submissions waiting for the database writer.",
                queue as u64,
            );
        }
        if let Some(devices) = devices {
            single(
                &mut out,
                "lokalform_devices_enrolled",
                "gauge",
                "Tablets enrolled and not revoked.",
                devices as u64,
            );
        }
        out
    }
}

/// Counts a connection as open while it lives.
#[derive(Debug)]
pub struct OpenConnection(Arc<Metrics>);

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.connections_open.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Route layer: labels the response with the route's pattern.
pub async fn mark_route(path: MatchedPath, request: Request<Body>, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.extensions_mut().insert(RouteLabel(path));
    response
}

/// Middleware: counts every answer by route and status, and the requests
/// in flight.
pub async fn count_requests(
    State(metrics): State<Arc<Metrics>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    metrics.in_flight.fetch_add(1, Ordering::Relaxed);
    let response = next.run(request).await;
    metrics.in_flight.fetch_sub(1, Ordering::Relaxed);
    let route = response
        .extensions()
        .get::<RouteLabel>()
        .map_or("other", |r| r.0.as_str());
    metrics.answered(route, response.status().as_u16());
    response
}

/// `GET /metrics`.
pub async fn serve(metrics: Arc<Metrics>, store: Arc<dyn Store>) -> Response {
    // A handful of rows: the tablets of one collector.
    let devices = store
        .devices(String::new())
        .await
        .ok()
        .map(|list| list.iter().filter(|d| !d.revoked).count());
    let mut response = metrics.render(store.queue_depth(), devices).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}
