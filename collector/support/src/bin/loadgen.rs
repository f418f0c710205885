//! `lokalform-loadgen`: a load generator and end-to-end check for the
//! collector.
//!
//! It starts a collector in-process on 127.0.0.1 with a temporary SQLite
//! file and a high rate limit — or, with `--database postgres`, on a
//! throwaway PostgreSQL cluster (Debian's `postgresql` package, with its
//! default durability: every commit synced), optionally as `--instances 2`
//! collectors sharing that database, the connections spread over them as a
//! load balancer would — (or targets one with `--url`), sends a bounded
//! number of varied, valid submissions over a fixed number of keep-alive
//! HTTP/1.1 connections, prints submissions per second and latency
//! percentiles, and then reads the report and checks that every total is
//! exact. It exits non-zero when any request failed or any total is off.
//!
//! ```text
//! cargo run --release -p lokalform-collector-support --bin lokalform-loadgen
//! cargo run --release -p lokalform-collector-support --bin lokalform-loadgen -- --sync normal
//! cargo run --release -p lokalform-collector-support --bin lokalform-loadgen -- --database postgres --instances 2
//! ```
//!
//! Traffic goes only to the given address (by default 127.0.0.1), the
//! number of requests is bounded, and it stops by itself.

use clap::Parser;
use lokalform_collector::config::{Args as ServerArgs, SyncMode};
use lokalform_collector::server;
use lokalform_collector_support::enroll::enroll;
use lokalform_collector_support::http1::{self, Connection};
use lokalform_collector_support::pg_cluster::{Durability, PgCluster};
use lokalform_forms::schema::{Form, FEEDBACK_FORM_JSON};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "lokalform-loadgen",
    about = "Load test and end-to-end check for lokalform-collector"
)]
struct Cli {
    /// Target an already running collector (e.g. http://127.0.0.1:8787)
    /// instead of starting one. Give its admin token with --token, and a
    /// rate limit high enough for the load (and a --device-daily-responses
    /// above the run's kiosk responses: one enrolled tablet sends them all).
    #[arg(long)]
    url: Option<String>,
    /// Admin token of the collector given with --url.
    #[arg(long, env = "LOKALFORM_ADMIN_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 64)]
    connections: usize,
    /// Submissions to send in total (at most 10,000,000).
    #[arg(long, default_value_t = 100_000)]
    submissions: usize,
    /// SQLite durability of the in-process collector.
    #[arg(long, value_enum, default_value_t = SyncMode::Full)]
    sync: SyncMode,
    /// Keep the temporary SQLite database instead of deleting it.
    #[arg(long)]
    keep: bool,
    /// The in-process collector's database.
    #[arg(long, value_enum, default_value_t = Backend::Sqlite)]
    database: Backend,
    /// In-process collector instances sharing the database (PostgreSQL only).
    #[arg(long, default_value_t = 1)]
    instances: usize,
}

/// Which database the in-process collector uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Backend {
    /// A temporary SQLite file.
    Sqlite,
    /// A database in a throwaway PostgreSQL cluster.
    Postgres,
}

const TOKEN: &str = "loadgen-admin-token-not-secret";
const MAX_SUBMISSIONS: usize = 10_000_000;

/// What one connection sent and what the counters must show.
#[derive(Debug, Default)]
struct Expected {
    responses: u64,
    counts: BTreeMap<(String, String), u64>,
    web: u64,
    batches: u64,
    duplicates: u64,
    comments: u64,
    errors: u64,
    first_error: Option<String>,
    latencies_us: Vec<u32>,
}

impl Expected {
    fn merge(&mut self, other: Expected) {
        self.responses += other.responses;
        for (k, v) in other.counts {
            *self.counts.entry(k).or_default() += v;
        }
        self.web += other.web;
        self.batches += other.batches;
        self.duplicates += other.duplicates;
        self.comments += other.comments;
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
        self.latencies_us.extend(other.latencies_us);
    }
}

/// splitmix64: a small deterministic generator, so runs are repeatable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }
}

/// The counted questions of the form and their option values.
fn questions(form: &Form) -> Vec<(String, Vec<String>)> {
    form.fields
        .iter()
        .filter(|f| f.aggregate && f.kind.has_options())
        .map(|f| {
            (
                f.id.clone(),
                f.options.iter().map(|o| o.value.clone()).collect(),
            )
        })
        .collect()
}

/// One submission's body; adds what it counts to `expected`.
fn make_submission(
    run: &str,
    n: usize,
    rng: &mut Rng,
    questions: &[(String, Vec<String>)],
    form: &Form,
    expected: &mut Expected,
) -> (&'static str, String) {
    let kiosk = n % 100 == 50;
    let responses: u64 = if kiosk { 5 + rng.below(16) as u64 } else { 1 };
    let mut counts = serde_json::Map::new();
    for (question, options) in questions {
        let mut row = serde_json::Map::new();
        for _ in 0..responses {
            // About one in seven leaves a question unanswered.
            if rng.below(7) == 0 {
                continue;
            }
            let option = &options[rng.below(options.len())];
            let cell = row
                .entry(option.clone())
                .or_insert(serde_json::Value::from(0u64));
            *cell = serde_json::Value::from(cell.as_u64().unwrap_or(0) + 1);
        }
        for (option, count) in &row {
            *expected
                .counts
                .entry((question.clone(), option.clone()))
                .or_default() += count.as_u64().unwrap_or(0);
        }
        if !row.is_empty() {
            counts.insert(question.clone(), serde_json::Value::Object(row));
        }
    }
    let mut body = serde_json::json!({
        "form": form.id,
        "version": form.version,
        "key": format!("lg-{run}-{n:010}"),
        "responses": responses,
        "counts": counts,
    });
    if !kiosk && n % 200 == 7 {
        body["comments"] = serde_json::json!(["Tak for et godt møde."]);
        expected.comments += 1;
    }
    expected.responses += responses;
    if kiosk {
        expected.batches += 1;
        ("/api/v1/batches", body.to_string())
    } else {
        expected.web += 1;
        ("/api/v1/increments", body.to_string())
    }
}

async fn run_connection(
    run: Arc<str>,
    addr: SocketAddr,
    id: usize,
    next: Arc<AtomicUsize>,
    total: usize,
    form: Arc<Form>,
    tablet: Arc<str>,
) -> Expected {
    let questions = questions(&form);
    let mut expected = Expected::default();
    let mut rng = Rng(0x1234_5678 + id as u64);
    let mut conn: Option<Connection> = None;
    let mut last_body: Option<(&'static str, String)> = None;
    loop {
        let n = next.fetch_add(1, Ordering::Relaxed);
        if n >= total {
            break;
        }
        // Every 50th request resends the previous submission: it must be a
        // duplicate and must not be counted.
        let duplicate = n % 50 == 49 && last_body.is_some();
        let (path, body) = match (&last_body, duplicate) {
            (Some(previous), true) => previous.clone(),
            _ => make_submission(&run, n, &mut rng, &questions, &form, &mut expected),
        };
        let want = if duplicate { "duplicate" } else { "received" };
        let started = Instant::now();
        let result = async {
            if conn.is_none() {
                conn = Some(Connection::connect(addr).await?);
            }
            match conn.as_mut() {
                Some(c) => {
                    // Kiosk batches come from the run's enrolled tablet.
                    let mut headers = vec![("Content-Type", "application/json")];
                    if path == "/api/v1/batches" {
                        headers.push(("Authorization", &tablet));
                    }
                    c.send("POST", path, &headers, body.as_bytes()).await
                }
                None => Err(std::io::Error::other("no connection")),
            }
        }
        .await;
        let micros = u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX);
        expected.latencies_us.push(micros);
        match result {
            Ok(r) if r.status == 200 && r.json()["status"] == want => {
                if duplicate {
                    expected.duplicates += 1;
                }
            }
            Ok(r) => {
                expected.errors += 1;
                expected.first_error.get_or_insert_with(|| {
                    format!("HTTP {} (wanted \"{want}\"): {}", r.status, r.text())
                });
            }
            Err(e) => {
                expected.errors += 1;
                expected.first_error.get_or_insert_with(|| e.to_string());
                conn = None;
            }
        }
        if !duplicate {
            last_body = Some((path, body));
        }
    }
    expected
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[index.min(sorted.len() - 1)]) / 1000.0
}

/// Reads the report of the form and checks it against what was sent.
/// `before` holds the report values before the run (for `--url`).
fn check_report(
    report: &serde_json::Value,
    before: &BTreeMap<String, u64>,
    expected: &Expected,
    form: &Form,
) -> Result<usize, String> {
    let values = report_values(report, form);
    let base = |k: &str| before.get(k).copied().unwrap_or(0);
    let mut checked = 0;
    let responses = values
        .get("_responses")
        .copied()
        .ok_or("the report's total of responses is suppressed")?;
    if responses - base("_responses") != expected.responses {
        return Err(format!(
            "responses: report says {}, expected {}",
            responses - base("_responses"),
            expected.responses
        ));
    }
    checked += 1;
    for (question, options) in questions(form) {
        let mut answered = 0;
        for option in options.iter().map(String::as_str).chain(["_unanswered"]) {
            let key = format!("{question}.{option}");
            let want = if option == "_unanswered" {
                expected.responses - answered
            } else {
                let n = expected
                    .counts
                    .get(&(question.clone(), option.to_string()))
                    .copied()
                    .unwrap_or(0);
                answered += n;
                n
            };
            match values.get(&key) {
                Some(got) if got - base(&key) == want => checked += 1,
                Some(got) => {
                    return Err(format!(
                        "{key}: report says {}, expected {want}",
                        got - base(&key)
                    ))
                }
                None => return Err(format!("{key}: suppressed in the report; cannot check")),
            }
        }
    }
    Ok(checked)
}

/// `question.option` → shown value, plus `_responses`.
fn report_values(report: &serde_json::Value, form: &Form) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    let Some(entry) = report["forms"].as_array().and_then(|forms| {
        forms
            .iter()
            .find(|f| f["form"] == form.id.as_str() && f["version"] == form.version)
    }) else {
        return out;
    };
    if let Some(n) = entry["responses"]["value"].as_u64() {
        out.insert("_responses".to_string(), n);
    }
    for q in entry["questions"].as_array().into_iter().flatten() {
        for o in q["options"].as_array().into_iter().flatten() {
            if let (Some(question), Some(option), Some(n)) = (
                q["question"].as_str(),
                o["option"].as_str(),
                o["count"]["value"].as_u64(),
            ) {
                out.insert(format!("{question}.{option}"), n);
            }
        }
    }
    out
}

async fn fetch_report(
    addr: SocketAddr,
    token: &str,
    form: &str,
) -> Result<serde_json::Value, String> {
    let bearer = format!("Bearer {token}");
    let response = http1::request(
        addr,
        "GET",
        &format!("/admin/report.json?form={form}"),
        &[("Authorization", &bearer)],
        b"",
    )
    .await
    .map_err(|e| format!("cannot read the report: {e}"))?;
    if response.status != 200 {
        return Err(format!(
            "the report answered {}: {}",
            response.status,
            response.text()
        ));
    }
    Ok(response.json())
}

fn parse_url(url: &str) -> Result<SocketAddr, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or("--url must start with http:// (the load generator speaks plain HTTP/1.1)")?;
    let host = rest.split('/').next().unwrap_or(rest);
    let addr: SocketAddr = host.parse().map_err(|_| {
        format!("--url needs an IP address and port, e.g. http://127.0.0.1:8787 (got {host})")
    })?;
    if !addr.ip().is_loopback() {
        return Err("--url must be a loopback address (127.0.0.0/8 or [::1]): this tool only loads this machine".to_string());
    }
    Ok(addr)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("lokalform-loadgen: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lokalform-loadgen: FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let form = Arc::new(Form::from_json(FEEDBACK_FORM_JSON).map_err(|p| format!("{p:?}"))?);
    let total = cli.submissions.min(MAX_SUBMISSIONS);
    let connections = cli.connections.clamp(1, 1024);
    let mut temp: Option<PathBuf> = None;
    // Stopped (and removed) when dropped at the end of the run.
    let mut _cluster: Option<PgCluster> = None;
    let (addrs, token, target) = match &cli.url {
        Some(url) => {
            let token = cli.token.clone().ok_or(
                "--url needs the collector's admin token (--token or LOKALFORM_ADMIN_TOKEN)",
            )?;
            (vec![parse_url(url)?], token, format!("collector at {url}"))
        }
        None => {
            let instances = cli.instances.clamp(1, 8);
            if instances > 1 && cli.database != Backend::Postgres {
                return Err("--instances above 1 needs --database postgres: instances share a PostgreSQL database".to_string());
            }
            let dir = std::env::temp_dir().join(format!(
                "lokalform-loadgen-{}-{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.subsec_nanos())
                    .unwrap_or(0)
            ));
            let forms = dir.join("forms");
            std::fs::create_dir_all(&forms)
                .map_err(|e| format!("cannot create {}: {e}", forms.display()))?;
            std::fs::write(forms.join("feedback.json"), FEEDBACK_FORM_JSON)
                .map_err(|e| format!("cannot write the form: {e}"))?;
            let (database, described) = match cli.database {
                Backend::Sqlite => {
                    let db = dir.join("loadgen.sqlite");
                    let sync = match cli.sync {
                        SyncMode::Full => "full",
                        SyncMode::Normal => "normal",
                    };
                    let described =
                        format!("SQLite {} synchronous={}", db.display(), cli.sync.pragma());
                    (
                        vec![
                            "--db".to_string(),
                            db.display().to_string(),
                            "--sync".to_string(),
                            sync.to_string(),
                        ],
                        described,
                    )
                }
                Backend::Postgres => {
                    let cluster = PgCluster::start(Durability::Durable)?;
                    let url = cluster.create_database()?;
                    let described = format!(
                        "PostgreSQL on 127.0.0.1:{} (throwaway cluster, fsync and synchronous_commit on)",
                        cluster.port()
                    );
                    _cluster = Some(cluster);
                    (vec!["--database-url".to_string(), url], described)
                }
            };
            let mut args = [
                "lokalform-collector",
                "--listen",
                "127.0.0.1:0",
                "--forms",
                &forms.display().to_string(),
                "--admin-token",
                TOKEN,
                "--rate-limit",
                "1000000000",
                "--rate-burst",
                "1000000000",
                "--client-rate-limit",
                "1000000000",
                "--client-rate-burst",
                "1000000000",
                "--max-connections-per-client",
                "100000",
                // One tablet sends every kiosk batch of the run.
                "--device-daily-responses",
                "1000000000",
                "--log",
                "errors",
            ]
            .map(String::from)
            .to_vec();
            args.extend(database);
            let config = ServerArgs::try_parse_from(args)
                .map_err(|e| e.to_string())?
                .into_config()
                .map_err(|e| e.to_string())?;
            let mut addrs = Vec::with_capacity(instances);
            for _ in 0..instances {
                let prepared = server::prepare(&config).await.map_err(|e| e.to_string())?;
                addrs.push(prepared.addr);
                tokio::spawn(prepared.serve(std::future::pending()));
            }
            temp = Some(dir);
            let list: Vec<String> = addrs.iter().map(ToString::to_string).collect();
            (
                addrs,
                TOKEN.to_string(),
                format!(
                    "{} in-process collector{} on {}, {described}",
                    instances,
                    if instances == 1 { "" } else { "s" },
                    list.join(" and ")
                ),
            )
        }
    };
    let addr = addrs[0];
    println!("lokalform-loadgen: {total} requests over {connections} keep-alive connections to the {target}");

    let before = if cli.url.is_some() {
        report_values(&fetch_report(addr, &token, &form.id).await?, &form)
    } else {
        BTreeMap::new()
    };
    // Keys are unique per run, so runs against one collector never collide.
    let mut seed = [0u8; 8];
    getrandom::fill(&mut seed).map_err(|e| format!("no random numbers: {e}"))?;
    let run: Arc<str> = seed
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
        .into();
    // The kiosk batches need an enrolled tablet, as a real one would.
    let tablet: Arc<str> = enroll(addr, &token, "Lastgenerator")
        .await
        .map_err(|e| format!("cannot enroll the load generator's tablet: {e}"))?
        .into();
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|id| {
            tokio::spawn(run_connection(
                Arc::clone(&run),
                // Spread over the instances, as a load balancer would.
                addrs[id % addrs.len()],
                id,
                Arc::clone(&next),
                total,
                Arc::clone(&form),
                Arc::clone(&tablet),
            ))
        })
        .collect();
    let mut expected = Expected::default();
    for task in tasks {
        expected.merge(
            task.await
                .map_err(|e| format!("a connection task failed: {e}"))?,
        );
    }
    let elapsed = started.elapsed();
    let mut latencies = std::mem::take(&mut expected.latencies_us);
    latencies.sort_unstable();
    let rate = total as f64 / elapsed.as_secs_f64().max(1e-9);
    println!(
        "sent: {} web responses, {} kiosk batches, {} duplicates (must not count), {} with a comment; {} errors",
        expected.web, expected.batches, expected.duplicates, expected.comments, expected.errors
    );
    println!(
        "elapsed {:.2} s: {rate:.0} submissions/s",
        elapsed.as_secs_f64()
    );
    println!(
        "latency: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.90),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0)
    );
    if expected.errors > 0 {
        return Err(format!(
            "{} requests failed; first: {}",
            expected.errors,
            expected.first_error.unwrap_or_default()
        ));
    }
    // Give the last acknowledged commits a moment to be visible to readers.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let report = fetch_report(addr, &token, &form.id).await?;
    let checked = check_report(&report, &before, &expected, &form)?;
    println!(
        "report check: {} responses, {checked} totals exact: OK",
        expected.responses
    );
    println!(
        "RESULT {}: {rate:.0} submissions/s, p99 {:.2} ms, totals exact",
        match (&cli.url, cli.database, addrs.len()) {
            (Some(_), _, _) => "given collector".to_string(),
            (None, Backend::Sqlite, _) => "SQLite".to_string(),
            (None, Backend::Postgres, 1) => "PostgreSQL".to_string(),
            (None, Backend::Postgres, n) => format!("PostgreSQL, {n} instances"),
        },
        percentile(&latencies, 0.99)
    );
    if let Some(dir) = temp {
        if cli.keep {
            println!("database kept in {}", dir.display());
        } else {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    Ok(())
}
