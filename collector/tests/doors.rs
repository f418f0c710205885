//! No open doors: slow clients are timed out and capped, one client cannot
//! use the rate limits against the others, a tally older than the receipt
//! window is refused, and the operations endpoints say nothing about a
//! respondent.
//!
//! The attack test prints its figures (`cargo test -p lokalform-collector
//! --test doors -- --nocapture`).
//!
//! Every test that reaches the store runs on both databases, the
//! slow-client attack at 1,024 open files too: its citizen reaches the
//! store, and on PostgreSQL the store's own sockets (one writer and a few
//! pooled readers) must come out of the 64 files the default connection
//! cap keeps back (`config::RESERVED_FILES`), not out of the connections
//! under attack; the run on PostgreSQL shows they do. The two other
//! connection-level tests (timeouts, the per-client connection cap) run on
//! SQLite only: what they test is the accept loop (`src/server.rs`), the
//! same code whichever store is behind it, and a timed-out or capped
//! connection never reaches a route.

#[macro_use]
mod common;

use common::{assert_refused, count, key, web, Db, Workspace};
use lokalform_collector::week::Clock;
use lokalform_collector_support::http1::Connection;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const INC: &str = "/api/v1/increments";

/// The loopback address of test client `n` (127.1.x.y), so that clients
/// differ as they would on the internet.
fn client(n: u32) -> IpAddr {
    IpAddr::V4(Ipv4Addr::from(0x7f01_0000 + n))
}

/// The head of a submission whose body of `length` bytes is still to come.
fn head(length: usize) -> String {
    format!(
        "POST {INC} HTTP/1.1\r\nHost: collector\r\nContent-Type: application/json\r\n\
         Content-Length: {length}\r\n\r\n"
    )
}

/// One web submission on a new connection from `from`.
async fn submit_from(
    from: IpAddr,
    addr: SocketAddr,
    body: &str,
) -> std::io::Result<lokalform_collector_support::http1::Response> {
    let mut connection = Connection::connect_from(from, addr).await?;
    connection
        .send(
            "POST",
            INC,
            &[
                ("Content-Type", "application/json"),
                ("Connection", "close"),
            ],
            body.as_bytes(),
        )
        .await
}

#[tokio::test]
async fn half_sent_heads_bodies_and_idle_connections_are_closed_after_their_timeouts() {
    let ws = Workspace::new();
    let server = ws.start(&["--header-timeout", "1", "--body-timeout", "1"]);
    let addr = server.addr;
    let limit = Duration::from_secs(4);

    // A head that never ends.
    let mut half_head = Connection::connect(addr).await.unwrap();
    half_head
        .write(format!("POST {INC} HTTP/1.1\r\nHost: c\r\n").as_bytes())
        .await
        .unwrap();
    let started = Instant::now();
    assert!(half_head.closed_within(limit).await, "half-sent head");
    assert!(started.elapsed() >= Duration::from_millis(800));

    // A head sent one byte at a time, each in time for a per-read timer
    // but never finished.
    let mut trickle = Connection::connect(addr).await.unwrap();
    let started = Instant::now();
    let mut closed = false;
    for byte in head(10).bytes().cycle().take(40) {
        if trickle.write(&[byte]).await.is_err() {
            closed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    closed = closed || trickle.closed_within(limit).await;
    assert!(closed, "trickled head");
    assert!(started.elapsed() < Duration::from_secs(5));

    // A body that never ends: 408 in the JSON format, then closed.
    let mut half_body = Connection::connect(addr).await.unwrap();
    half_body.write(head(200).as_bytes()).await.unwrap();
    half_body.write(br#"{"form":"feedback","#).await.unwrap();
    let started = Instant::now();
    let response = half_body.response().await.unwrap();
    assert_refused(&response, "half-sent body", 408, "body_timeout", None);
    assert_eq!(response.header("connection"), Some("close"));
    assert!(started.elapsed() >= Duration::from_millis(800));
    assert!(half_body.closed_within(limit).await, "half-sent body");

    // A keep-alive connection that goes quiet after one answer.
    let mut idle = Connection::connect(addr).await.unwrap();
    let ok = idle
        .send(
            "POST",
            INC,
            &[("Content-Type", "application/json")],
            web(&key(1), &[("heard", "yes")]).as_bytes(),
        )
        .await
        .unwrap();
    assert_eq!(ok.status, 200, "{}", ok.text());
    let started = Instant::now();
    assert!(idle.closed_within(limit).await, "idle keep-alive");
    assert!(started.elapsed() >= Duration::from_millis(800));

    // Nothing of it was stored but the one finished submission.
    assert_eq!(count(&ws.db(), "SELECT SUM(count) FROM responses"), 1);
    let metrics = server.send("GET", "/metrics", &[], b"").await.text();
    let timeouts = metric(&metrics, "lokalform_header_timeouts_total");
    assert!(timeouts >= 3, "{metrics}");
}

#[tokio::test]
async fn a_client_over_its_connection_cap_is_closed_at_once_and_others_still_connect() {
    let ws = Workspace::new();
    let server = ws.start(&["--max-connections-per-client", "4"]);
    let attacker = client(1);
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut c = Connection::connect_from(attacker, server.addr)
            .await
            .unwrap();
        c.write(b"GET /healthz HTTP/1.1\r\n").await.unwrap();
        held.push(c);
    }
    // Give the server time to accept all four.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut fifth = Connection::connect_from(attacker, server.addr)
        .await
        .unwrap();
    assert!(fifth.closed_within(Duration::from_secs(2)).await);
    // Another client is served.
    let ok = submit_from(client(2), server.addr, &web(&key(1), &[("heard", "yes")]))
        .await
        .unwrap();
    assert_eq!(ok.status, 200, "{}", ok.text());
    let metrics = server.send("GET", "/metrics", &[], b"").await.text();
    assert!(metric(&metrics, "lokalform_connections_refused_total") >= 1);
    drop(held);
}

/// The value of a metric without labels.
fn metric(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name} ")))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {name} in\n{text}"))
}

/// 2,000 slow connections from 200 addresses (10 each, under the
/// per-client cap) against a server limited to 1,024 open files: half send
/// their head a byte a second, half send a head and never finish the
/// body, and each reconnects as soon as it is closed. Meanwhile a citizen
/// submits 30 times; every submission must succeed.
async fn normal_submissions_succeed_during_a_slow_client_attack_at_1024_open_files(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[
        "--header-timeout",
        "3",
        "--body-timeout",
        "3",
        // What the default gives at an open-file limit of 1,024.
        "--max-connections",
        "960",
        "--log",
        "errors",
    ]);
    let limited = std::process::Command::new("prlimit")
        .args(["--pid", &server.pid().to_string(), "--nofile=1024:1024"])
        .status()
        .expect("run prlimit");
    assert!(limited.success());
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", server.pid())).unwrap();
    assert_eq!(
        lokalform_collector::config::parse_open_file_limit(&limits),
        Some(1024)
    );

    let addr = server.addr;
    // The attack lasts until the citizen is done (two minutes at most).
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let attack_for = Duration::from_secs(120);
    let opened = Arc::new(AtomicUsize::new(0));
    let connected_now = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut attackers = Vec::new();
    for n in 0..2_000u32 {
        let (opened, connected_now) = (Arc::clone(&opened), Arc::clone(&connected_now));
        let stop = Arc::clone(&stop);
        attackers.push(tokio::spawn(async move {
            let from = client(100 + n / 10);
            let over = || stop.load(Ordering::Relaxed) || started.elapsed() >= attack_for;
            while !over() {
                let connect = Connection::connect_from(from, addr);
                let Ok(Ok(mut c)) = tokio::time::timeout(Duration::from_secs(5), connect).await
                else {
                    continue;
                };
                opened.fetch_add(1, Ordering::Relaxed);
                connected_now.fetch_add(1, Ordering::Relaxed);
                let prefix = if n % 2 == 0 {
                    String::new()
                } else {
                    head(1000)
                };
                if c.write(prefix.as_bytes()).await.is_ok() {
                    // One byte a second until the server gives up.
                    for _ in 0..60 {
                        if over() || c.write(b"x").await.is_err() {
                            break;
                        }
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                }
                connected_now.fetch_sub(1, Ordering::Relaxed);
            }
        }));
    }
    // Let the attack fill every slot first.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let held_at_start = connected_now.load(Ordering::Relaxed);
    let mut latencies = Vec::new();
    let mut succeeded = 0;
    for n in 0..30 {
        let sent = Instant::now();
        let body = web(&key(n), &[("heard", "yes")]);
        let result =
            tokio::time::timeout(Duration::from_secs(30), submit_from(client(2), addr, &body))
                .await;
        match result {
            Ok(Ok(r)) if r.status == 200 => succeeded += 1,
            other => eprintln!("citizen submission {n} failed: {other:?}"),
        }
        latencies.push(sent.elapsed());
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let citizen_done = started.elapsed();
    let held_at_end = connected_now.load(Ordering::Relaxed);
    stop.store(true, Ordering::Relaxed);
    for attacker in attackers {
        attacker.await.unwrap();
    }
    latencies.sort();
    let metrics = server.send("GET", "/metrics", &[], b"").await.text();
    eprintln!(
        "slow-client attack: 2000 attackers from 200 addresses, {} attack connections opened \
         in {:.0} s ({} held when the citizen started, {} when it was done); citizen: \
         {succeeded}/30 submissions succeeded, median {:.2} s, slowest {:.2} s; server header \
         timeouts {}, open files limit 1024, connection cap 960",
        opened.load(Ordering::Relaxed),
        citizen_done.as_secs_f64(),
        held_at_start,
        held_at_end,
        latencies[latencies.len() / 2].as_secs_f64(),
        latencies[latencies.len() - 1].as_secs_f64(),
        metric(&metrics, "lokalform_header_timeouts_total"),
    );
    assert!(
        citizen_done < attack_for,
        "the citizen finished during the attack"
    );
    assert!(
        held_at_start >= 900 && held_at_end >= 900,
        "the attack held the slots: {held_at_start} at the start, {held_at_end} at the end"
    );
    assert_eq!(succeeded, 30);
    assert_eq!(ws.count("SELECT SUM(count) FROM responses").await, 30);
    // Nothing was lost to a file-descriptor shortage.
    assert!(
        !server.log().contains("Too many open files"),
        "{}",
        server.log()
    );
}

/// One client sends invalid tallies, valid tallies and replays at full
/// speed; a citizen at another address submits 15 times, and every one is
/// counted.
async fn an_abusive_client_cannot_starve_a_citizen(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&["--log", "errors"]);
    let addr = server.addr;
    let abuser = client(1);
    // One accepted submission whose key the replayer sends again.
    let replayed = web(&key(999_999), &[("heard", "yes")]);
    let first = submit_from(abuser, addr, &replayed).await.unwrap();
    assert_eq!(first.status, 200);
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let statuses = Arc::new(std::sync::Mutex::new(std::collections::BTreeMap::new()));
    let mut tasks = Vec::new();
    for worker in 0..6usize {
        let (stop, statuses, replayed) =
            (Arc::clone(&stop), Arc::clone(&statuses), replayed.clone());
        tasks.push(tokio::spawn(async move {
            let mut connection = Connection::connect_from(abuser, addr).await.unwrap();
            let mut n = 0usize;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let body = match worker % 3 {
                    // Invalid: an option the form does not have.
                    0 => web(
                        &key(1_000_000 + worker * 1_000_000 + n),
                        &[("heard", "perhaps")],
                    ),
                    // Valid, and far too many.
                    1 => web(&key(1_000_000 + worker * 1_000_000 + n), &[("heard", "no")]),
                    // A replay.
                    _ => replayed.clone(),
                };
                let response = connection
                    .send(
                        "POST",
                        INC,
                        &[("Content-Type", "application/json")],
                        body.as_bytes(),
                    )
                    .await;
                match response {
                    Ok(r) => {
                        *statuses
                            .lock()
                            .unwrap()
                            .entry((worker % 3, r.status))
                            .or_insert(0u32) += 1;
                    }
                    Err(_) => {
                        connection = Connection::connect_from(abuser, addr).await.unwrap();
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut accepted = 0;
    for n in 0..15 {
        let r = submit_from(client(2), addr, &web(&key(n), &[("heard", "yes")]))
            .await
            .unwrap();
        if r.status == 200 && r.json()["status"] == "received" {
            accepted += 1;
        } else {
            eprintln!("citizen {n}: {} {}", r.status, r.text());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await.unwrap();
    }
    let statuses = statuses.lock().unwrap().clone();
    eprintln!("abuser's answers by (kind 0 invalid / 1 valid / 2 replay, status): {statuses:?}");
    assert_eq!(accepted, 15);
    // The abuser did get refused: its own bucket ran dry.
    assert!(
        statuses.get(&(1, 429)).copied().unwrap_or(0) > 0,
        "{statuses:?}"
    );
    // Replays cost nothing: more replays than the burst, then a full
    // burst of new submissions, from a fresh client, all pass.
    for _ in 0..25 {
        let r = submit_from(client(3), addr, &replayed).await.unwrap();
        assert_eq!(
            (r.status, r.json()["status"].clone()),
            (200, "duplicate".into())
        );
    }
    for n in 0..20 {
        let r = submit_from(client(3), addr, &web(&key(500 + n), &[("heard", "no")]))
            .await
            .unwrap();
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let metrics = server.send("GET", "/metrics", &[], b"").await.text();
    assert!(metrics.contains("lokalform_rate_limited_total{scope=\"client\"}"));
    assert!(!metrics.contains("lokalform_rate_limited_total{scope=\"form\"} 1"));
    assert!(!metrics.contains("127.1."), "{metrics}");
}

async fn a_tally_older_than_the_receipt_window_is_refused_for_good(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    let clock = Clock::system();
    let with_week = |n: usize, weeks: i64| {
        let mut tally: serde_json::Value =
            serde_json::from_str(&web(&key(n), &[("heard", "yes")])).unwrap();
        tally["week"] = clock.week_in(weeks).to_string().into();
        tally.to_string()
    };
    // The last week accepted, then the first refused.
    let last = server.post(INC, &with_week(1, -7)).await;
    assert_eq!(last.status, 200, "{}", last.text());
    let first_refused = server.post(INC, &with_week(2, -8)).await;
    assert_refused(&first_refused, "8 weeks old", 422, "too_old", Some("week"));
    assert!(first_refused.json()["message"]
        .as_str()
        .unwrap()
        .contains("cannot be sent again"));
    // A week ahead is a clock off by a little; two weeks is refused.
    assert_eq!(server.post(INC, &with_week(3, 1)).await.status, 200);
    let ahead = server.post(INC, &with_week(4, 2)).await;
    assert_refused(&ahead, "2 weeks ahead", 422, "week_in_future", Some("week"));
    // Not a week at all.
    let mut bad: serde_json::Value = serde_json::from_str(&with_week(5, 0)).unwrap();
    bad["week"] = "last week".into();
    assert_refused(
        &server.post(INC, &bad.to_string()).await,
        "not a week",
        422,
        "invalid_payload",
        Some("week"),
    );
    assert_eq!(ws.count("SELECT SUM(count) FROM responses").await, 2);
    // Without a device week (no correction) each counts in the week it
    // says (tests/clocks.rs corrects a wrong clock).
    for weeks in [-7, 1] {
        let week = clock.week_in(weeks);
        let sql = format!("SELECT SUM(count) FROM responses WHERE iso_week = '{week}'");
        assert_eq!(ws.count(&sql).await, 1, "{week}");
    }
    assert_eq!(
        first_refused.json()["collector_week"],
        clock.week().to_string()
    );
    drop(server);
    // With --require-week a tally without a week is refused too.
    let strict = ws.start(&["--require-week"]);
    let r = strict.post(INC, &web(&key(6), &[("heard", "yes")])).await;
    assert_refused(&r, "no week", 422, "invalid_payload", Some("week"));
}

async fn health_and_metrics_say_nothing_about_a_respondent(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    let health = server.send("GET", "/health", &[], b"").await;
    assert_eq!(
        (health.status, health.text().as_str()),
        (200, r#"{"status":"ok"}"#)
    );
    let r = server
        .post(INC, &web(&key(1), &[("heard", "yes"), ("overall", "4")]))
        .await;
    assert_eq!(r.status, 200);
    let _ = server.send("GET", "/no/such/path/4711", &[], b"").await;
    let metrics = server.send("GET", "/metrics", &[], b"").await;
    assert_eq!(metrics.status, 200);
    assert!(metrics
        .header("content-type")
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let text = metrics.text();
    assert!(text.contains(
        "lokalform_http_requests_total{route=\"/api/v1/increments\",status=\"200\"} 1\n"
    ));
    assert!(text.contains("lokalform_http_requests_total{route=\"/health\",status=\"200\"} 1\n"));
    assert!(text.contains("lokalform_http_requests_total{route=\"other\",status=\"404\"} 1\n"));
    assert!(text.contains("# TYPE lokalform_store_queue_depth gauge\n"));
    assert!(metric(&text, "lokalform_connections_open") >= 1);
    // No address, no path that is not a route, no answer, no key.
    for secret in ["127.0.0.1", "4711", "heard", "overall", "test-key"] {
        assert!(!text.contains(secret), "{secret} in\n{text}");
    }
}

/// Behind the trusted proxy each client named in its header has its own
/// bucket; from any other address the header is ignored, so a client cannot
/// dodge its limit by writing a new address in it.
async fn only_the_trusted_proxy_may_name_the_client(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[
        "--trusted-proxy",
        "127.1.0.1",
        "--client-rate-limit",
        "1",
        "--client-rate-burst",
        "2",
    ]);
    let send = |from: IpAddr, forwarded: &str, n: usize| {
        let body = web(&key(n), &[("heard", "yes")]);
        let forwarded = forwarded.to_string();
        let addr = server.addr;
        async move {
            let mut c = Connection::connect_from(from, addr).await.unwrap();
            c.send(
                "POST",
                INC,
                &[
                    ("Content-Type", "application/json"),
                    ("X-Forwarded-For", &forwarded),
                ],
                body.as_bytes(),
            )
            .await
            .unwrap()
            .status
        }
    };
    let proxy = client(1);
    // Through the proxy: citizen A has two, then is refused; B is not.
    assert_eq!(send(proxy, "192.0.2.1", 1).await, 200);
    assert_eq!(send(proxy, "198.51.100.7, 192.0.2.1", 2).await, 200);
    assert_eq!(send(proxy, "192.0.2.1", 3).await, 429);
    assert_eq!(send(proxy, "192.0.2.2", 4).await, 200);
    // Directly: a new address in the header each time changes nothing.
    let direct = client(9);
    assert_eq!(send(direct, "203.0.113.1", 5).await, 200);
    assert_eq!(send(direct, "203.0.113.2", 6).await, 200);
    assert_eq!(send(direct, "203.0.113.3", 7).await, 429);
}

on_both_databases! {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)] normal_submissions_succeed_during_a_slow_client_attack_at_1024_open_files,
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)] an_abusive_client_cannot_starve_a_citizen,
    #[tokio::test] a_tally_older_than_the_receipt_window_is_refused_for_good,
    #[tokio::test] health_and_metrics_say_nothing_about_a_respondent,
    #[tokio::test] only_the_trusted_proxy_may_name_the_client,
}
