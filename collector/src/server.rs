//! Start-up: load the forms, open the store, bind, serve.

use crate::client::{ClientKey, ClientKeys, Peer};
use crate::config::{Config, ConnectionLimits, Database, TokenSource};
use crate::forms::FormRegistry;
use crate::metrics::Metrics;
use crate::parser_errors::JsonErrorListener;
use crate::rate_limit::{ClientLimiter, RateLimiter};
use crate::routes::{self, AppState, BodyDeadline};
use crate::store::{PgStore, SqliteStore, Store};
use crate::week::Clock;
use axum::body::Body;
use axum::http::Request;
use axum::serve::Listener;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Why the server cannot start. The text says what to fix.
#[derive(Debug)]
pub struct StartError(pub String);

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

/// A server that is bound and ready to serve.
pub struct Prepared {
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    clients: Arc<ClientKeys>,
    metrics: Arc<Metrics>,
    /// The address actually bound (useful with port 0).
    pub addr: SocketAddr,
    /// The banner to print at start.
    pub banner: String,
}

/// Loads forms, opens the database and binds the listener.
pub async fn prepare(config: &Config) -> Result<Prepared, StartError> {
    let registry = FormRegistry::load_dir(&config.forms_dir).map_err(|e| StartError(e.0))?;
    let store: Arc<dyn Store> = match &config.database {
        Database::Sqlite(path) => {
            Arc::new(SqliteStore::open(path, config.sync).map_err(|e| StartError(e.to_string()))?)
        }
        Database::Postgres(url) => Arc::new(
            PgStore::connect(url.expose())
                .await
                .map_err(|e| StartError(e.to_string()))?,
        ),
    };
    let listener = TcpListener::bind(config.listen).await.map_err(|e| {
        StartError(format!(
            "cannot listen on {} ({e}); choose another address with --listen or LOKALFORM_LISTEN",
            config.listen
        ))
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| StartError(format!("cannot read the listening address: {e}")))?;
    let banner = banner(config, &registry, store.as_ref(), addr);
    let limiter = RateLimiter::new(
        config.rate_per_minute,
        config.rate_burst,
        registry
            .iter()
            .map(|f| f.id.as_str())
            .chain([routes::cohorts::RATE_BUCKET, routes::devices::RATE_BUCKET]),
    );
    let clients = Arc::new(ClientKeys::new(
        config.clients.trusted_proxy,
        config.clients.address_header.clone(),
    ));
    let metrics = Arc::new(Metrics::default());
    let state = Arc::new(AppState {
        registry,
        store,
        limiter,
        client_limiter: ClientLimiter::new(
            config.clients.rate_per_minute,
            config.clients.rate_burst,
            CLIENT_BUCKETS,
        ),
        clients: Arc::clone(&clients),
        metrics: Arc::clone(&metrics),
        clock: Clock::system(),
        require_week: config.require_week,
        admin_token: config.admin_token.clone(),
        min_batch: config.min_batch,
        max_batch_responses: config.max_batch_responses,
        device_daily_responses: config.device_daily_responses,
        period: config.period,
    });
    let app = routes::router(state, &config.allow_origins, config.log);
    Ok(Prepared {
        listener,
        app,
        limits: config.connections,
        clients,
        metrics,
        addr,
        banner,
    })
}

/// Most clients with a rate-limit bucket in memory at a time (about 50
/// bytes each).
pub const CLIENT_BUCKETS: usize = 100_000;

/// How long open requests may take to finish at shutdown.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(15);

impl Prepared {
    /// Serves until `shutdown` completes, then finishes open requests.
    ///
    /// The accept loop is the collector's own, so that no client can hold
    /// the server open: at most [`ConnectionLimits::max_connections`]
    /// connections are open at once (more wait in the system's queue, and
    /// never use a file descriptor), at most
    /// [`ConnectionLimits::max_per_client`] of them from one client (more
    /// are closed at once), a request head must arrive within the header
    /// timeout (hyper's `header_read_timeout`, which also closes an idle
    /// keep-alive connection), and its body within the body timeout
    /// ([`routes::BodyDeadline`]).
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let Prepared {
            listener,
            app,
            limits,
            clients,
            metrics,
            ..
        } = self;
        let mut listener = JsonErrorListener(listener);
        let permits = Arc::new(Semaphore::new(limits.max_connections));
        let per_client = Arc::new(PerClient::default());
        let graceful = GracefulShutdown::new();
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout);
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let permit = tokio::select! {
                permit = Arc::clone(&permits).acquire_owned() => match permit {
                    Ok(permit) => permit,
                    Err(_) => break,
                },
                () = &mut shutdown => break,
            };
            let (stream, peer) = tokio::select! {
                accepted = listener.accept() => accepted,
                () = &mut shutdown => break,
            };
            let slot = if clients.is_trusted_proxy(peer.ip()) {
                None
            } else {
                match per_client.enter(clients.key(peer.ip()), limits.max_per_client) {
                    Some(slot) => Some(slot),
                    None => {
                        metrics.refused_client_cap();
                        continue;
                    }
                }
            };
            let open = metrics.connection();
            let app = app.clone();
            let body_timeout = limits.body_timeout;
            let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
                // The head has arrived: the body's time starts now.
                let extensions = request.extensions_mut();
                extensions.insert(Peer(peer));
                extensions.insert(BodyDeadline(tokio::time::Instant::now() + body_timeout));
                let mut app = app.clone();
                async move { tower::Service::call(&mut app, request.map(Body::new)).await }
            });
            let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
            let metrics = Arc::clone(&metrics);
            tokio::spawn(async move {
                if let Err(e) = connection.await {
                    if e.is_timeout() {
                        metrics.header_timeout();
                    }
                }
                drop((permit, slot, open));
            });
        }
        drop(listener);
        let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
        Ok(())
    }
}

/// Open connections per client, for the per-client cap.
#[derive(Debug, Default)]
struct PerClient(Mutex<HashMap<ClientKey, usize>>);

/// One open connection of a client; the count goes down when dropped.
struct ClientSlot {
    clients: Arc<PerClient>,
    key: ClientKey,
}

impl PerClient {
    /// A slot for `key`, unless it has `max` open already.
    fn enter(self: &Arc<PerClient>, key: ClientKey, max: usize) -> Option<ClientSlot> {
        let mut open = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let count = open.entry(key).or_default();
        if *count >= max {
            return None;
        }
        *count += 1;
        Some(ClientSlot {
            clients: Arc::clone(self),
            key,
        })
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut open = self.clients.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(count) = open.get_mut(&self.key) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.key);
            }
        }
    }
}

fn banner(config: &Config, registry: &FormRegistry, store: &dyn Store, addr: SocketAddr) -> String {
    let mut lines = vec![
        format!("lokalform-collector {}", env!("CARGO_PKG_VERSION")),
        format!("listening on http://{addr}"),
        format!("database: {}", store.describe()),
    ];
    for (path, id, version) in registry.sources() {
        lines.push(format!(
            "form loaded: {id} version {version} ({})",
            path.display()
        ));
    }
    lines.push(format!(
        "kiosk batches need at least {} responses",
        config.min_batch
    ));
    lines.push(format!(
        "rate limit: {} submissions per minute per form, and as many cohort submissions (burst {})",
        config.rate_per_minute, config.rate_burst
    ));
    lines.push(format!(
        "reports per {} (set --period; choose it once)",
        config.period.name()
    ));
    lines.push(format!(
        "per client: {} submissions per minute (burst {}), {} connections; {}",
        config.clients.rate_per_minute,
        config.clients.rate_burst,
        config.connections.max_per_client,
        match config.clients.trusted_proxy {
            Some(proxy) => format!(
                "behind the trusted proxy {proxy} (client named in {})",
                config.clients.address_header
            ),
            None => "clients connect directly (no trusted proxy)".to_string(),
        }
    ));
    lines.push(format!(
        "connections: at most {} open; {}s for a request head or an idle keep-alive, {}s for a body",
        config.connections.max_connections,
        config.connections.header_timeout.as_secs_f64(),
        config.connections.body_timeout.as_secs_f64()
    ));
    if config.allow_origins.is_empty() {
        lines.push("CORS: no browser origins allowed (set --allow-origin)".to_string());
    } else {
        lines.push(format!("CORS origins: {}", config.allow_origins.join(", ")));
    }
    if config.token_source == TokenSource::Generated {
        lines.push(format!(
            "admin token (generated for this run; set LOKALFORM_ADMIN_TOKEN to keep one): {}",
            config.admin_token
        ));
    }
    // Last, so a script can wait for this line.
    lines.push(format!("dashboard: http://{addr}/admin"));
    lines.join("\n")
}
