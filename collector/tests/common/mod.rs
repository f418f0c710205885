//! Test harness: runs the real `lokalform-collector` binary on 127.0.0.1
//! with port 0, on a SQLite file in a temporary folder or on a fresh
//! database in this test binary's throwaway PostgreSQL cluster
//! ([`PgCluster::shared`]), and talks to it with the small HTTP/1.1 client
//! of `lokalform-collector-support`. [`on_both_databases!`] runs a test on
//! each.
#![allow(dead_code, unused_macros)]

use lokalform_collector_support::pg_cluster::PgCluster;

use lokalform_collector_support::http1::{self, Response};
use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

/// The admin token the harness configures.
pub const TOKEN: &str = "test-admin-token-0123456789";

/// A form without a comment field, to test that comments are refused.
pub const NO_COMMENT_FORM: &str = r#"{
  "id": "kiosk-check",
  "version": 2,
  "title": { "da": "Hvordan var dagen?" },
  "fields": [
    { "id": "day", "type": "choice", "label": { "da": "Hvordan var dagen?" }, "aggregate": true,
      "options": [ { "value": "good", "label": { "da": "God" } }, { "value": "bad", "label": { "da": "Dårlig" } } ] }
  ]
}"#;

/// The database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    /// A SQLite file in the workspace's folder.
    Sqlite,
    /// A fresh database in the shared throwaway PostgreSQL cluster.
    Postgres,
}

/// Runs each listed test (an `async fn name(db: Db)` of the file) once on
/// SQLite (`sqlite::name`) and once on PostgreSQL (`postgres::name`), with
/// the test attribute given before its name.
macro_rules! on_both_databases {
    ($( #[$attr:meta] $name:ident ),* $(,)?) => {
        mod sqlite {
            $( #[$attr] async fn $name() { super::$name(crate::common::Db::Sqlite).await } )*
        }
        mod postgres {
            $( #[$attr] async fn $name() { super::$name(crate::common::Db::Postgres).await } )*
        }
    };
}

/// Limits far above what a test sends from its one address (per form and
/// per client).
#[allow(dead_code)]
pub const NO_LIMITS: &[&str] = &[
    "--rate-limit",
    "100000",
    "--rate-burst",
    "10000",
    "--client-rate-limit",
    "100000",
    "--client-rate-burst",
    "10000",
    "--max-connections-per-client",
    "1000",
];

/// A temporary folder with a forms folder holding the shipped feedback
/// form and [`NO_COMMENT_FORM`], and a database.
pub struct Workspace {
    pub dir: tempfile::TempDir,
    /// The PostgreSQL URL, or `None` for the SQLite file [`Workspace::db`].
    postgres: Option<String>,
}

impl Workspace {
    /// A workspace on `db`.
    pub fn on(db: Db) -> Workspace {
        let mut ws = Workspace::new();
        if db == Db::Postgres {
            ws.postgres = Some(
                PgCluster::shared()
                    .create_database()
                    .unwrap_or_else(|e| panic!("{e}")),
            );
        }
        ws
    }

    /// A workspace on SQLite.
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        let forms = dir.path().join("forms");
        std::fs::create_dir(&forms).expect("forms dir");
        std::fs::write(
            forms.join("feedback.json"),
            lokalform_forms::schema::FEEDBACK_FORM_JSON,
        )
        .expect("write form");
        std::fs::write(forms.join("kiosk-check.json"), NO_COMMENT_FORM).expect("write form");
        Workspace {
            dir,
            postgres: None,
        }
    }

    /// The PostgreSQL URL of a PostgreSQL workspace.
    pub fn postgres_url(&self) -> Option<&str> {
        self.postgres.as_deref()
    }

    /// The database this workspace runs on.
    pub fn kind(&self) -> Db {
        if self.postgres.is_some() {
            Db::Postgres
        } else {
            Db::Sqlite
        }
    }

    /// The flags that point the collector at this workspace's database.
    pub fn database_args(&self) -> Vec<String> {
        match &self.postgres {
            Some(url) => vec!["--database-url".into(), url.clone()],
            None => vec!["--db".into(), self.db().display().to_string()],
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("collector.sqlite")
    }

    pub fn forms(&self) -> PathBuf {
        self.dir.path().join("forms")
    }

    /// Starts a server on this workspace's database with extra flags.
    pub fn start(&self, extra: &[&str]) -> Server {
        let forms = self.forms();
        let mut args: Vec<String> = vec!["--listen".into(), "127.0.0.1:0".into()];
        args.extend(self.database_args());
        args.extend(["--forms".into(), forms.display().to_string()]);
        if !extra.contains(&"--admin-token") {
            args.extend(["--admin-token".into(), TOKEN.into()]);
        }
        args.extend(extra.iter().map(|s| s.to_string()));
        Server::spawn(&args, &[])
    }
}

/// A command for the collector binary with a clean environment.
pub fn collector_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lokalform-collector"));
    for (name, _) in std::env::vars() {
        if name.starts_with("LOKALFORM_") || name == "DATABASE_URL" {
            command.env_remove(name);
        }
    }
    command
}

/// The kiosk batch route, which needs an enrolled tablet.
pub const BATCH_ROUTE: &str = "/api/v1/batches";

/// A running collector process; killed on drop.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    pub banner: Arc<Mutex<String>>,
    pub log: Arc<Mutex<String>>,
    /// The harness's own enrolled tablet ([`Server::tablet`]).
    tablet: tokio::sync::OnceCell<String>,
}

impl Server {
    pub fn spawn(args: &[String], envs: &[(&str, &str)]) -> Server {
        let mut command = collector_command();
        command
            .args(args)
            .envs(envs.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("start the collector");
        let stdout = child.stdout.take().expect("stdout");
        let mut stderr = child.stderr.take().expect("stderr");
        let banner = Arc::new(Mutex::new(String::new()));
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        {
            let banner = Arc::clone(&banner);
            std::thread::spawn(move || {
                let mut addr = String::new();
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    if let Some(a) = line.strip_prefix("listening on http://") {
                        addr = a.to_string();
                    }
                    {
                        let mut b = banner.lock().expect("banner");
                        b.push_str(&line);
                        b.push('\n');
                    }
                    // The dashboard line ends the banner.
                    if line.starts_with("dashboard: ") {
                        let _ = tx.send(addr.clone());
                    }
                }
            });
        }
        {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = stderr.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    log.lock()
                        .expect("log")
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        let addr = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(addr) => addr.parse().expect("address"),
            Err(_) => {
                let _ = child.kill();
                std::thread::sleep(Duration::from_millis(200));
                panic!(
                    "the collector did not start; stderr:\n{}",
                    log.lock().expect("log")
                );
            }
        };
        Server {
            child,
            addr,
            banner,
            log,
            tablet: tokio::sync::OnceCell::new(),
        }
    }

    /// Kills the process (as a crash would: no graceful shutdown).
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The process id (to limit its open files with `prlimit`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn log(&self) -> String {
        self.log.lock().expect("log").clone()
    }

    pub fn banner(&self) -> String {
        self.banner.lock().expect("banner").clone()
    }

    pub async fn post(&self, path: &str, body: &str) -> Response {
        self.send(
            "POST",
            path,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        )
        .await
    }

    /// Sends a request; one to the kiosk batch route without an
    /// `Authorization` header carries the harness's enrolled tablet's
    /// ([`Server::tablet`]), as a tablet's would. [`Server::send_raw`]
    /// adds nothing.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        let has_authorization = headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("authorization"));
        if path == BATCH_ROUTE && !has_authorization {
            let tablet = self.tablet().await;
            let mut with: Vec<(&str, &str)> = headers.to_vec();
            with.push(("Authorization", &tablet));
            return self.send_raw(method, path, &with, body).await;
        }
        self.send_raw(method, path, headers, body).await
    }

    /// Sends a request as it is.
    pub async fn send_raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        http1::request(self.addr, method, path, headers, body)
            .await
            .expect("request")
    }

    /// The `Authorization` value of the harness's tablet ("Testtablet"),
    /// enrolled at the first kiosk batch (with the admin token [`TOKEN`]).
    pub async fn tablet(&self) -> String {
        self.tablet
            .get_or_init(|| self.enroll("Testtablet"))
            .await
            .clone()
    }

    /// Enrolls a new tablet named `label`; its `Authorization` value.
    pub async fn enroll(&self, label: &str) -> String {
        lokalform_collector_support::enroll::enroll(self.addr, TOKEN, label)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Posts a kiosk batch with the `Authorization` value `tablet`.
    pub async fn post_batch(&self, tablet: &str, body: &str) -> Response {
        self.send_raw(
            "POST",
            BATCH_ROUTE,
            &[
                ("Content-Type", "application/json"),
                ("Authorization", tablet),
            ],
            body.as_bytes(),
        )
        .await
    }

    pub async fn admin(&self, path: &str) -> Response {
        let bearer = format!("Bearer {TOKEN}");
        self.send("GET", path, &[("Authorization", &bearer)], b"")
            .await
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A unique, valid idempotency key.
pub fn key(n: usize) -> String {
    format!("test-key-{n:016}")
}

/// One web response: `answers` as (question, option).
pub fn web(key: &str, answers: &[(&str, &str)]) -> String {
    let counts: serde_json::Map<String, serde_json::Value> = answers
        .iter()
        .map(|(q, o)| (q.to_string(), serde_json::json!({ *o: 1 })))
        .collect();
    serde_json::json!({
        "form": "feedback", "version": 2, "key": key, "responses": 1, "counts": counts
    })
    .to_string()
}

/// The tables a refused request must leave as they were.
const SNAPSHOT_TABLES: [&str; 5] = [
    "counters",
    "responses",
    "receipts",
    "comments",
    "cohort_reports",
];

impl Workspace {
    /// Every table of the database, as sorted text, to compare before and
    /// after a refused request.
    pub async fn snapshot(&self) -> String {
        let mut out = String::new();
        for table in SNAPSHOT_TABLES {
            let mut rows = match &self.postgres {
                Some(_) => {
                    let sql = format!("SELECT t::text FROM {table} t");
                    self.pg_rows(&sql).await.into_iter().flatten().collect()
                }
                None => sqlite_rows(&self.db(), &format!("SELECT * FROM {table}")),
            };
            rows.sort();
            out.push_str(&format!("[{table}]\n{}\n", rows.join("\n")));
        }
        out
    }

    /// Runs `sql` (statements of the test's own, no parameters) on the
    /// database, e.g. to write a fixture into a stopped collector's tables.
    #[allow(dead_code)]
    pub async fn execute(&self, sql: &str) {
        match &self.postgres {
            Some(_) => {
                let client = self.pg_client().await;
                client
                    .batch_execute(sql)
                    .await
                    .unwrap_or_else(|e| panic!("{sql}: {e}"));
            }
            None => rusqlite::Connection::open(self.db())
                .and_then(|conn| conn.execute_batch(sql))
                .unwrap_or_else(|e| panic!("{sql}: {e}")),
        }
    }

    /// A number from the database (for exact checks that the report would
    /// suppress); NULL reads as 0.
    pub async fn count(&self, sql: &str) -> i64 {
        match &self.postgres {
            Some(_) => {
                let client = self.pg_client().await;
                let row = client
                    .query_one(&format!("SELECT ({sql})::BIGINT"), &[])
                    .await
                    .unwrap_or_else(|e| panic!("{sql}: {e}"));
                row.get::<_, Option<i64>>(0).unwrap_or(0)
            }
            None => count(&self.db(), sql),
        }
    }

    /// The rows of a query whose columns are all text.
    pub async fn text_rows(&self, sql: &str) -> Vec<Vec<String>> {
        match &self.postgres {
            Some(_) => self.pg_rows(sql).await,
            None => {
                let conn = rusqlite::Connection::open(self.db()).expect("db");
                let mut statement = conn.prepare(sql).expect("prepare");
                let columns = statement.column_count();
                statement
                    .query_map([], |row| (0..columns).map(|i| row.get(i)).collect())
                    .expect("query")
                    .collect::<Result<_, _>>()
                    .expect("rows")
            }
        }
    }

    /// The column names of `table`, in order.
    pub async fn columns(&self, table: &str) -> Vec<String> {
        let sql = match &self.postgres {
            Some(_) => format!(
                "SELECT column_name::text FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position"
            ),
            None => format!("SELECT name FROM pragma_table_info('{table}')"),
        };
        self.text_rows(&sql).await.into_iter().flatten().collect()
    }

    /// Every table of the database, by name.
    pub async fn tables(&self) -> Vec<String> {
        let sql = match &self.postgres {
            Some(_) => "SELECT table_name::text FROM information_schema.tables \
                        WHERE table_schema = 'public' ORDER BY table_name"
                .to_string(),
            None => "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name".to_string(),
        };
        self.text_rows(&sql).await.into_iter().flatten().collect()
    }

    async fn pg_client(&self) -> tokio_postgres::Client {
        let url = self.postgres.as_deref().expect("a PostgreSQL workspace");
        let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .expect("connect to the test cluster");
        tokio::spawn(connection);
        client
    }

    async fn pg_rows(&self, sql: &str) -> Vec<Vec<String>> {
        let client = self.pg_client().await;
        let rows = client
            .query(sql, &[])
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        rows.iter()
            .map(|r| (0..r.len()).map(|i| r.get::<_, String>(i)).collect())
            .collect()
    }
}

/// A number from a SQLite file; NULL reads as 0 ([`Workspace::count`]
/// serves both databases).
pub fn count(db: &Path, sql: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open db");
    conn.query_row(sql, [], |r| r.get::<_, Option<i64>>(0))
        .expect("query")
        .unwrap_or(0)
}

/// Every row of a SQLite query, each as its cells' debug text joined by `|`.
fn sqlite_rows(db: &Path, sql: &str) -> Vec<String> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open db");
    let mut statement = conn.prepare(sql).expect("prepare");
    let columns = statement.column_count();
    statement
        .query_map([], |row| {
            let mut cells = Vec::new();
            for i in 0..columns {
                let value: rusqlite::types::Value = row.get(i)?;
                cells.push(format!("{value:?}"));
            }
            Ok(cells.join("|"))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// Asserts that `response` is the collector's JSON error: `status`, code
/// `error`, a full-sentence message, and (when `path` is given) a problem
/// at that path. `case` names the case in failure messages.
pub fn assert_refused(
    response: &Response,
    case: &str,
    status: u16,
    error: &str,
    path: Option<&str>,
) {
    assert_eq!(response.status, status, "{case}: {}", response.text());
    assert_eq!(
        response.header("content-type"),
        Some("application/json"),
        "{case}"
    );
    let json = response.json();
    assert_eq!(json["error"], error, "{case}: {json}");
    let message = json["message"].as_str().unwrap_or("");
    assert!(
        message.ends_with('.') && message.len() > 10,
        "{case}: {message}"
    );
    if let Some(path) = path {
        let problems = json["problems"].as_array().expect("problems");
        assert!(
            problems
                .iter()
                .any(|p| p["path"] == path && p["message"].is_string()),
            "{case}: expected a problem at {path}: {json}"
        );
    }
}
