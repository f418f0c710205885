//! Start-up configuration: flags, environment variables and their checks.
//!
//! Every setting is a flag and an environment variable; flags win. The
//! defaults make `cargo run -p lokalform-collector` work from the repository
//! root with no flags at all. Settings that would weaken the data rule or
//! security (no admin token in production, a wildcard CORS origin, a kiosk
//! threshold below 5) stop start-up with a clear message instead of being
//! silently adjusted.

use crate::period::PeriodKind;
use clap::{Parser, Subcommand, ValueEnum};
use lokalform_forms::aggregate::{MAX_BATCH, MIN_KIOSK_BATCH};
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// The command line, as clap reads it. Turn it into a [`Config`] with
/// [`Args::into_config`].
#[derive(Debug, Clone, Parser)]
#[command(
    name = "lokalform-collector",
    version,
    about = "Receives anonymised aggregates from lokalform widgets; stores only counters."
)]
pub struct Args {
    /// Address and port to listen on.
    #[arg(long, env = "LOKALFORM_LISTEN", default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,

    /// SQLite database file (created on first start).
    #[arg(long, env = "LOKALFORM_DB")]
    pub db: Option<PathBuf>,

    /// Database URL: `postgres://user:password@host:port/db` for PostgreSQL,
    /// or `sqlite://path` / `sqlite:path`; used when --db is not given.
    #[arg(long = "database-url", env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,

    /// Folder with form definitions (every *.json is loaded).
    #[arg(long, env = "LOKALFORM_FORMS", default_value = "./forms")]
    pub forms: PathBuf,

    /// Admin token for the reports (HTTP Basic password or Bearer token).
    #[arg(
        long = "admin-token",
        env = "LOKALFORM_ADMIN_TOKEN",
        hide_env_values = true
    )]
    pub admin_token: Option<String>,

    /// Production mode: refuse to start without an admin token.
    #[arg(
        long,
        env = "LOKALFORM_PRODUCTION",
        action = clap::ArgAction::SetTrue,
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub production: bool,

    /// Origins allowed to submit from a browser (comma-separated), e.g. https://www.kommune.dk
    #[arg(
        long = "allow-origin",
        env = "LOKALFORM_ALLOW_ORIGINS",
        value_delimiter = ','
    )]
    pub allow_origins: Vec<String>,

    /// Smallest kiosk batch (k); 5 or more.
    #[arg(long = "min-batch", env = "LOKALFORM_MIN_BATCH", default_value_t = MIN_KIOSK_BATCH)]
    pub min_batch: u32,

    /// Most responses in one kiosk batch: a larger batch is refused (422
    /// `batch_too_large`). A workshop's tablet sends a batch every k
    /// responses; hundreds at once are not plausible.
    #[arg(
        long = "max-batch-responses",
        env = "LOKALFORM_MAX_BATCH_RESPONSES",
        default_value_t = 200
    )]
    pub max_batch_responses: u32,

    /// Most responses one enrolled tablet may send in one UTC day; more
    /// are refused until midnight UTC (429 `device_daily_ceiling`).
    #[arg(
        long = "device-daily-responses",
        env = "LOKALFORM_DEVICE_DAILY_RESPONSES",
        default_value_t = 1000
    )]
    pub device_daily_responses: u32,

    /// Submissions per minute per form (token bucket).
    #[arg(
        long = "rate-limit",
        env = "LOKALFORM_RATE_LIMIT",
        default_value_t = 600
    )]
    pub rate_limit: u32,

    /// Burst of the rate limit: submissions accepted at once before the
    /// per-minute rate applies (default: a tenth of the rate, at least 10).
    #[arg(long = "rate-burst", env = "LOKALFORM_RATE_BURST")]
    pub rate_burst: Option<u32>,

    /// SQLite durability (PostgreSQL follows its server's settings): `full`
    /// syncs every commit to disk; `normal` may lose the last commits on
    /// power loss (never corrupts).
    #[arg(long, env = "LOKALFORM_SYNC", value_enum, default_value_t = SyncMode::Full)]
    pub sync: SyncMode,

    /// Reporting period of the trend reports: `month` or `quarter` (an ISO
    /// week counts in the month of its Thursday). Choose it once: a second
    /// set of periods could be combined with the first.
    #[arg(long, env = "LOKALFORM_PERIOD", value_enum, default_value_t = PeriodKind::Quarter)]
    pub period: PeriodKind,

    /// Submissions per minute per client (a salted hash of its address,
    /// kept in memory only; see the README's privacy statement).
    #[arg(
        long = "client-rate-limit",
        env = "LOKALFORM_CLIENT_RATE_LIMIT",
        default_value_t = 60
    )]
    pub client_rate_limit: u32,

    /// Burst of the per-client rate limit.
    #[arg(
        long = "client-rate-burst",
        env = "LOKALFORM_CLIENT_RATE_BURST",
        default_value_t = 20
    )]
    pub client_rate_burst: u32,

    /// The reverse proxy's address: requests from it name their client in
    /// --client-address-header. Requests from any other address are keyed
    /// by their own address and the header is ignored.
    #[arg(long = "trusted-proxy", env = "LOKALFORM_TRUSTED_PROXY")]
    pub trusted_proxy: Option<IpAddr>,

    /// The header in which the trusted proxy names the client (its last
    /// address is used).
    #[arg(
        long = "client-address-header",
        env = "LOKALFORM_CLIENT_ADDRESS_HEADER",
        default_value = "x-forwarded-for"
    )]
    pub client_address_header: String,

    /// Seconds a client has to send a request's head (request line and
    /// headers), counted from when it connects or its previous answer was
    /// sent; so also how long an idle keep-alive connection stays open.
    #[arg(
        long = "header-timeout",
        env = "LOKALFORM_HEADER_TIMEOUT",
        default_value_t = 10.0
    )]
    pub header_timeout: f64,

    /// Seconds a client has to send a request's body, after its head.
    #[arg(
        long = "body-timeout",
        env = "LOKALFORM_BODY_TIMEOUT",
        default_value_t = 10.0
    )]
    pub body_timeout: f64,

    /// Most connections open at once; more wait in the system's queue
    /// until one closes (default: the open-file limit less 64, for the
    /// database and the listener).
    #[arg(long = "max-connections", env = "LOKALFORM_MAX_CONNECTIONS")]
    pub max_connections: Option<usize>,

    /// Most connections one client may have open at once; more are closed
    /// at once. Not applied to the trusted proxy.
    #[arg(
        long = "max-connections-per-client",
        env = "LOKALFORM_MAX_CONNECTIONS_PER_CLIENT",
        default_value_t = 32
    )]
    pub max_connections_per_client: usize,

    /// Refuse tallies that do not say the ISO week they were made in
    /// (widgets before December 2026 do not). Without it such a tally is
    /// accepted, and a retry of it after the receipts are gone (8 weeks)
    /// could be counted twice.
    #[arg(
        long = "require-week",
        env = "LOKALFORM_REQUIRE_WEEK",
        action = clap::ArgAction::SetTrue,
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub require_week: bool,

    /// What to log: every request (method, path, status, latency), only
    /// errors, or nothing. Never IP addresses or bodies.
    #[arg(long, env = "LOKALFORM_LOG", value_enum, default_value_t = LogLevel::Requests)]
    pub log: LogLevel,

    /// What to do instead of serving (nothing: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the binary can do besides serving.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Copies the SQLite database into a new file with SQLite's online
    /// backup API, also while a collector is running on it. (PostgreSQL:
    /// use pg_dump; see the README.)
    Backup {
        /// The backup file to create; it must not exist yet.
        to: PathBuf,
    },
}

/// SQLite's `synchronous` setting in WAL mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SyncMode {
    /// Every commit is on disk before the submission is acknowledged.
    Full,
    /// Commits are synced at checkpoints; a power cut may lose the last ones.
    Normal,
}

impl SyncMode {
    /// The value for `PRAGMA synchronous`.
    pub fn pragma(self) -> &'static str {
        match self {
            SyncMode::Full => "FULL",
            SyncMode::Normal => "NORMAL",
        }
    }
}

/// Which requests are logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogLevel {
    /// Every request: method, path, status, latency.
    Requests,
    /// Only requests answered with a 5xx status.
    Errors,
    /// Nothing per request.
    Off,
}

/// Where the counters live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL database, which several instances may share.
    Postgres(PostgresUrl),
}

/// A checked `postgres://` URL. It may hold a password, so it is never
/// printed: `Debug` shows only that it is there.
#[derive(Clone, PartialEq, Eq)]
pub struct PostgresUrl(String);

impl PostgresUrl {
    /// The URL, to connect with.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PostgresUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PostgresUrl(hidden)")
    }
}

/// Where the admin token came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// Given by flag or environment.
    Configured,
    /// Generated at start (development only); printed once.
    Generated,
}

/// The checked configuration the server runs with.
#[derive(Debug, Clone)]
pub struct Config {
    /// Listening address.
    pub listen: SocketAddr,
    /// The database.
    pub database: Database,
    /// Folder of form definitions.
    pub forms_dir: PathBuf,
    /// The admin token.
    pub admin_token: String,
    /// Whether the token was configured or generated.
    pub token_source: TokenSource,
    /// Browser origins allowed to submit.
    pub allow_origins: Vec<String>,
    /// Smallest kiosk batch (k).
    pub min_batch: u32,
    /// Largest kiosk batch.
    pub max_batch_responses: u32,
    /// Most responses per enrolled tablet per UTC day.
    pub device_daily_responses: u32,
    /// Submissions per minute per form.
    pub rate_per_minute: u32,
    /// Burst size of the rate limit.
    pub rate_burst: u32,
    /// SQLite durability.
    pub sync: SyncMode,
    /// Request logging.
    pub log: LogLevel,
    /// Reporting period of the trend reports.
    pub period: PeriodKind,
    /// Refuse tallies without the week they were made.
    pub require_week: bool,
    /// Who a client is, and how fast it may go.
    pub clients: ClientLimits,
    /// How long a connection may take, and how many may be open.
    pub connections: ConnectionLimits,
}

/// Per-client limits and where a client's address comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientLimits {
    /// Submissions per minute per client.
    pub rate_per_minute: u32,
    /// Burst of the per-client limit.
    pub rate_burst: u32,
    /// The reverse proxy whose header names the client.
    pub trusted_proxy: Option<IpAddr>,
    /// That header.
    pub address_header: axum::http::HeaderName,
}

/// Timeouts and connection caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Time to send a request head (and the keep-alive idle time).
    pub header_timeout: Duration,
    /// Time to send a request body.
    pub body_timeout: Duration,
    /// Most connections open at once.
    pub max_connections: usize,
    /// Most connections open at once from one client.
    pub max_per_client: usize,
}

/// File descriptors kept free of connections for the database, the
/// listener and the standard streams.
pub const RESERVED_FILES: usize = 64;

/// Why the configuration cannot be used. The text says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// The shortest admin token accepted in production, so it cannot be
/// guessed. Outside production (a demo on 127.0.0.1) any token is accepted.
pub const MIN_TOKEN_LEN: usize = 16;

impl Args {
    /// Only the database setting, checked (all `backup` needs).
    pub fn database(&self) -> Result<Database, ConfigError> {
        resolve_database(self.db.clone(), self.database_url.as_deref())
    }

    /// Checks the settings and resolves defaults.
    ///
    /// ```
    /// use clap::Parser;
    /// use lokalform_collector::config::Args;
    /// let args = Args::parse_from(["lokalform-collector", "--production"]);
    /// let err = args.into_config().unwrap_err();
    /// assert!(err.to_string().contains("LOKALFORM_ADMIN_TOKEN"));
    /// ```
    pub fn into_config(self) -> Result<Config, ConfigError> {
        let database = resolve_database(self.db, self.database_url.as_deref())?;
        let token = self.admin_token.map(|t| t.trim().to_string());
        let (admin_token, token_source) = match token {
            Some(token) if token.is_empty() => {
                return Err(ConfigError(
                    "The admin token is empty: set LOKALFORM_ADMIN_TOKEN (or --admin-token) \
                     to a long random secret, or leave it unset outside production."
                        .to_string(),
                ))
            }
            // A short token is fine for a demo on 127.0.0.1, never in production.
            Some(token) if self.production && token.len() < MIN_TOKEN_LEN => {
                return Err(ConfigError(format!(
                    "In production the admin token must have at least {MIN_TOKEN_LEN} \
                     characters (LOKALFORM_ADMIN_TOKEN or --admin-token). Refusing to start."
                )))
            }
            Some(token) => (token, TokenSource::Configured),
            None if self.production => {
                return Err(ConfigError(
                    "Production mode needs an admin token: set LOKALFORM_ADMIN_TOKEN \
                     (or --admin-token) to a long random secret. Refusing to start."
                        .to_string(),
                ))
            }
            None => (generate_token()?, TokenSource::Generated),
        };
        let allow_origins = check_origins(&self.allow_origins)?;
        if self.min_batch < MIN_KIOSK_BATCH {
            return Err(ConfigError(format!(
                "--min-batch (LOKALFORM_MIN_BATCH) is {}, but a kiosk batch must hold at least \
                 {MIN_KIOSK_BATCH} responses, or single answers could be recognised.",
                self.min_batch
            )));
        }
        if self.min_batch > MAX_BATCH {
            return Err(ConfigError(format!(
                "--min-batch (LOKALFORM_MIN_BATCH) is {}, more than the largest batch ({MAX_BATCH}).",
                self.min_batch
            )));
        }
        if self.max_batch_responses < self.min_batch || self.max_batch_responses > MAX_BATCH {
            return Err(ConfigError(format!(
                "--max-batch-responses (LOKALFORM_MAX_BATCH_RESPONSES) is {}; give a number from \
                 the smallest batch ({}) to {MAX_BATCH}.",
                self.max_batch_responses, self.min_batch
            )));
        }
        if self.device_daily_responses < self.max_batch_responses {
            return Err(ConfigError(format!(
                "--device-daily-responses (LOKALFORM_DEVICE_DAILY_RESPONSES) is {}, less than one \
                 largest batch ({}); a tablet could never send a full batch.",
                self.device_daily_responses, self.max_batch_responses
            )));
        }
        if self.rate_limit == 0 {
            return Err(ConfigError(
                "--rate-limit (LOKALFORM_RATE_LIMIT) must be 1 or more submissions per minute."
                    .to_string(),
            ));
        }
        let rate_burst = self
            .rate_burst
            .unwrap_or_else(|| (self.rate_limit / 10).max(10));
        if rate_burst == 0 {
            return Err(ConfigError(
                "--rate-burst (LOKALFORM_RATE_BURST) must be 1 or more.".to_string(),
            ));
        }
        let clients = ClientLimits {
            rate_per_minute: positive(self.client_rate_limit, "--client-rate-limit (LOKALFORM_CLIENT_RATE_LIMIT)")?,
            rate_burst: positive(self.client_rate_burst, "--client-rate-burst (LOKALFORM_CLIENT_RATE_BURST)")?,
            trusted_proxy: self.trusted_proxy,
            address_header: self.client_address_header.trim().parse().map_err(|_| {
                ConfigError(format!(
                    "--client-address-header (LOKALFORM_CLIENT_ADDRESS_HEADER): \"{}\" is not a header name.",
                    self.client_address_header
                ))
            })?,
        };
        let max_connections = match self.max_connections {
            Some(n) => n,
            None => default_max_connections(open_file_limit())?,
        };
        let connections = ConnectionLimits {
            header_timeout: seconds(
                self.header_timeout,
                "--header-timeout (LOKALFORM_HEADER_TIMEOUT)",
            )?,
            body_timeout: seconds(self.body_timeout, "--body-timeout (LOKALFORM_BODY_TIMEOUT)")?,
            max_connections: positive(
                max_connections,
                "--max-connections (LOKALFORM_MAX_CONNECTIONS)",
            )?,
            max_per_client: positive(
                self.max_connections_per_client,
                "--max-connections-per-client (LOKALFORM_MAX_CONNECTIONS_PER_CLIENT)",
            )?,
        };
        Ok(Config {
            listen: self.listen,
            database,
            forms_dir: self.forms,
            admin_token,
            token_source,
            allow_origins,
            min_batch: self.min_batch,
            max_batch_responses: self.max_batch_responses,
            device_daily_responses: self.device_daily_responses,
            rate_per_minute: self.rate_limit,
            rate_burst,
            sync: self.sync,
            log: self.log,
            period: self.period,
            require_week: self.require_week,
            clients,
            connections,
        })
    }
}

/// `value`, unless it is 0.
fn positive<T: PartialEq + Default>(value: T, name: &str) -> Result<T, ConfigError> {
    if value == T::default() {
        return Err(ConfigError(format!("{name} must be 1 or more.")));
    }
    Ok(value)
}

/// A timeout in seconds: more than 0, at most an hour.
fn seconds(value: f64, name: &str) -> Result<Duration, ConfigError> {
    if !(value > 0.0 && value <= 3600.0) {
        return Err(ConfigError(format!(
            "{name} is {value}; give a number of seconds above 0 and at most 3600."
        )));
    }
    Ok(Duration::from_secs_f64(value))
}

/// The open-file limit of this process (the soft limit), from
/// `/proc/self/limits`; `None` where that cannot be read.
pub fn open_file_limit() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    parse_open_file_limit(&text)
}

/// The soft "Max open files" of a `/proc/<pid>/limits` text.
///
/// ```
/// use lokalform_collector::config::parse_open_file_limit;
/// let text = "Limit                     Soft Limit           Hard Limit           Units\n\
///             Max open files            1024                 524288               files\n";
/// assert_eq!(parse_open_file_limit(text), Some(1024));
/// ```
pub fn parse_open_file_limit(text: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with("Max open files"))?;
    let soft = line
        .strip_prefix("Max open files")?
        .split_whitespace()
        .next()?;
    match soft {
        "unlimited" => Some(u64::MAX),
        n => n.parse().ok(),
    }
}

/// The connection cap when none is configured: the open-file limit less
/// [`RESERVED_FILES`], at most 16,384; 512 where the limit is unknown.
///
/// ```
/// use lokalform_collector::config::default_max_connections;
/// assert_eq!(default_max_connections(Some(1024)), Ok(960));
/// assert_eq!(default_max_connections(None), Ok(512));
/// assert_eq!(default_max_connections(Some(u64::MAX)), Ok(16_384));
/// assert!(default_max_connections(Some(64)).is_err());
/// ```
pub fn default_max_connections(open_files: Option<u64>) -> Result<usize, ConfigError> {
    let Some(limit) = open_files else {
        return Ok(512);
    };
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    match limit.checked_sub(RESERVED_FILES) {
        Some(n) if n >= 16 => Ok(n.min(16_384)),
        _ => Err(ConfigError(format!(
            "The open-file limit is {limit}, too low to serve: raise it (ulimit -n, or \
             LimitNOFILE= in the systemd unit) or set --max-connections."
        ))),
    }
}

/// `--db` wins over `DATABASE_URL`; without either, the default file.
fn resolve_database(db: Option<PathBuf>, url: Option<&str>) -> Result<Database, ConfigError> {
    if let Some(path) = db {
        return Ok(Database::Sqlite(path));
    }
    let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) else {
        return Ok(Database::Sqlite(PathBuf::from(
            "./lokalform-collector.sqlite",
        )));
    };
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        // Checked here, connected to at start; the message never echoes
        // the URL, which may hold a password.
        crate::store::parse_postgres_url(url).map_err(|e| ConfigError(e.0))?;
        return Ok(Database::Postgres(PostgresUrl(url.to_string())));
    }
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .ok_or_else(|| {
            ConfigError(
                "DATABASE_URL must start with postgres:// (PostgreSQL), or sqlite:// or \
                 sqlite: (a SQLite file)."
                    .to_string(),
            )
        })?;
    let path = path.split('?').next().unwrap_or(path);
    if path.is_empty() || path == ":memory:" {
        return Err(ConfigError(
            "DATABASE_URL must name a SQLite file, e.g. sqlite://./lokalform-collector.sqlite."
                .to_string(),
        ));
    }
    Ok(Database::Sqlite(PathBuf::from(path)))
}

/// Origins must be exact `scheme://host[:port]`; a wildcard would let any
/// site submit in a citizen's name.
fn check_origins(origins: &[String]) -> Result<Vec<String>, ConfigError> {
    let mut out = Vec::new();
    for origin in origins.iter().map(|o| o.trim()).filter(|o| !o.is_empty()) {
        let origin = origin.trim_end_matches('/');
        let rest = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"));
        let valid = rest.is_some_and(|host| {
            !host.is_empty()
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        });
        if origin.contains('*') || !valid {
            return Err(ConfigError(format!(
                "--allow-origin (LOKALFORM_ALLOW_ORIGINS): \"{origin}\" is not an origin. \
                 Give exact origins such as https://www.kommune.dk, separated by commas; \
                 wildcards are not allowed."
            )));
        }
        out.push(origin.to_string());
    }
    Ok(out)
}

/// A random token of 32 hex digits' worth of entropy (128 bits).
fn generate_token() -> Result<String, ConfigError> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).map_err(|e| {
        ConfigError(format!(
            "Could not generate an admin token ({e}); set LOKALFORM_ADMIN_TOKEN."
        ))
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Config, ConfigError> {
        let mut all = vec!["lokalform-collector"];
        all.extend_from_slice(args);
        Args::try_parse_from(all)
            .map_err(|e| ConfigError(e.to_string()))?
            .into_config()
    }

    #[test]
    fn database_url_forms() {
        assert_eq!(
            resolve_database(None, Some("sqlite://data/x.sqlite")),
            Ok(Database::Sqlite(PathBuf::from("data/x.sqlite")))
        );
        assert_eq!(
            resolve_database(None, Some("sqlite:x.sqlite")),
            Ok(Database::Sqlite(PathBuf::from("x.sqlite")))
        );
        assert_eq!(
            resolve_database(Some("a.sqlite".into()), Some("postgres://u:p@h/db")),
            Ok(Database::Sqlite(PathBuf::from("a.sqlite")))
        );
        let pg = resolve_database(None, Some("postgres://user:secret@host/db"));
        assert!(matches!(&pg, Ok(Database::Postgres(url)) if url.expose().contains("secret")));
        assert!(!format!("{pg:?}").contains("secret"));
        let err = resolve_database(None, Some("postgres://user:secret@host:port/db")).unwrap_err();
        assert!(err.0.contains("not a valid PostgreSQL URL"), "{err}");
        assert!(!err.0.contains("secret"), "{err}");
        assert!(resolve_database(None, Some("mysql://x")).is_err());
    }

    #[test]
    fn min_batch_below_five_is_refused() {
        let err = parse(&["--min-batch", "4"]).unwrap_err();
        assert!(err.0.contains("at least 5"), "{err}");
        assert_eq!(parse(&["--min-batch", "8"]).map(|c| c.min_batch), Ok(8));
    }

    #[test]
    fn batch_and_daily_limits_must_fit_each_other() {
        let config = parse(&[]).map(|c| (c.max_batch_responses, c.device_daily_responses));
        assert_eq!(config, Ok((200, 1000)));
        assert!(parse(&["--max-batch-responses", "4"]).is_err());
        assert!(parse(&["--max-batch-responses", "10001"]).is_err());
        let err = parse(&["--device-daily-responses", "100"]).unwrap_err();
        assert!(err.0.contains("LOKALFORM_DEVICE_DAILY_RESPONSES"), "{err}");
        assert!(parse(&[
            "--max-batch-responses",
            "50",
            "--device-daily-responses",
            "100"
        ])
        .is_ok());
    }

    #[test]
    fn origins_are_exact() {
        assert!(parse(&["--allow-origin", "*"]).is_err());
        assert!(parse(&["--allow-origin", "https://*.kommune.dk"]).is_err());
        assert!(parse(&["--allow-origin", "kommune.dk"]).is_err());
        let config = parse(&[
            "--allow-origin",
            "https://www.kommune.dk/,http://localhost:8080",
        ])
        .map(|c| c.allow_origins);
        assert_eq!(
            config,
            Ok(vec![
                "https://www.kommune.dk".to_string(),
                "http://localhost:8080".to_string()
            ])
        );
    }

    #[test]
    fn generated_token_outside_production() {
        let config = parse(&[]).map(|c| (c.token_source, c.admin_token.len()));
        assert_eq!(config, Ok((TokenSource::Generated, 48)));
        assert!(parse(&["--admin-token", "demo"]).is_ok());
        assert!(parse(&["--admin-token", "  "]).is_err());
        assert!(parse(&["--production", "--admin-token", "demo"]).is_err());
        let long = "a-long-random-production-token";
        assert!(parse(&["--production", "--admin-token", long]).is_ok());
    }
}
