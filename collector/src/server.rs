//! Start-up: load the forms, open the store, bind, serve.

use crate::config::{Config, Database, TokenSource};
use crate::forms::FormRegistry;
use crate::parser_errors::JsonErrorListener;
use crate::rate_limit::RateLimiter;
use crate::routes::{self, AppState};
use crate::store::{PgStore, SqliteStore, Store};
use axum::Router;
use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

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
            .chain([routes::cohorts::RATE_BUCKET]),
    );
    let state = Arc::new(AppState {
        registry,
        store,
        limiter,
        admin_token: config.admin_token.clone(),
        min_batch: config.min_batch,
    });
    let app = routes::router(state, &config.allow_origins, config.log);
    Ok(Prepared {
        listener,
        app,
        addr,
        banner,
    })
}

impl Prepared {
    /// Serves until `shutdown` completes, then finishes open requests.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(JsonErrorListener(self.listener), self.app)
            .with_graceful_shutdown(shutdown)
            .await
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
