//! Test harness: runs the real `lokalform-collector` binary on 127.0.0.1
//! with port 0 and a SQLite file in a temporary folder, and talks to it
//! with the small HTTP/1.1 client of `lokalform-collector-support`.
#![allow(dead_code)]

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

/// A temporary folder with a forms folder holding the shipped feedback
/// form and [`NO_COMMENT_FORM`].
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
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
        Workspace { dir }
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
        let db = self.db();
        let forms = self.forms();
        let mut args: Vec<String> = vec![
            "--listen".into(),
            "127.0.0.1:0".into(),
            "--db".into(),
            db.display().to_string(),
            "--forms".into(),
            forms.display().to_string(),
        ];
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

/// A running collector process; killed on drop.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    pub banner: Arc<Mutex<String>>,
    pub log: Arc<Mutex<String>>,
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

    pub async fn send(
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

/// Every table of the database, as sorted text, to compare before and
/// after a refused request.
pub fn snapshot(db: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open db");
    let mut out = String::new();
    for table in [
        "counters",
        "responses",
        "receipts",
        "comments",
        "cohort_reports",
    ] {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM {table}"))
            .expect("prepare");
        let columns = statement.column_count();
        let mut rows: Vec<String> = statement
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
            .expect("rows");
        rows.sort();
        out.push_str(&format!("[{table}]\n{}\n", rows.join("\n")));
    }
    out
}

/// A number from the database (for exact checks that the report would
/// suppress).
pub fn count(db: &Path, sql: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open db");
    conn.query_row(sql, [], |r| r.get::<_, Option<i64>>(0))
        .expect("query")
        .unwrap_or(0)
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
