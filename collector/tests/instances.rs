//! Two collector instances behind one address, sharing one PostgreSQL
//! database: exactly-once holds across them, also when one is killed
//! (`kill -9`) while replays are in flight.

#[macro_use]
mod common;

use common::{key, web, Db, Workspace, NO_LIMITS};
use lokalform_collector_support::http1;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

const INC: &str = "/api/v1/increments";
/// Distinct submissions.
const KEYS: usize = 300;
/// How often each is sent: the first send and its replays, all at once.
const COPIES: usize = 3;

/// Sends `body` to `first`; while the answer does not come (the instance
/// was killed), sends it to `other`, as a load balancer's retry would.
/// Returns the status and whether it had to go to the other instance.
async fn send_with_failover(first: SocketAddr, other: SocketAddr, body: &str) -> (String, bool) {
    let mut target = first;
    let mut failed_over = false;
    for _ in 0..50 {
        let answer = http1::request(
            target,
            "POST",
            INC,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        )
        .await;
        match answer {
            Ok(r) if r.status == 200 => {
                let status = r.json()["status"].as_str().unwrap_or("?").to_string();
                return (status, failed_over);
            }
            Ok(r) => panic!("HTTP {}: {}", r.status, r.text()),
            Err(_) => {
                target = other;
                failed_over = true;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }
    panic!("no answer from either instance");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replays_spread_over_two_instances_count_once_across_a_kill_9() {
    let ws = Workspace::on(Db::Postgres);
    let a = ws.start(NO_LIMITS);
    let b = ws.start(NO_LIMITS);
    let (addr_a, addr_b) = (a.addr, b.addr);
    let done = Arc::new(AtomicUsize::new(0));
    let gate = Arc::new(tokio::sync::Semaphore::new(48));
    let options = ["1", "2", "3", "4", "5"];
    let tasks: Vec<_> = (0..KEYS)
        .map(|n| {
            let body = web(&key(n), &[("overall", options[n % 5])]);
            let (done, gate) = (Arc::clone(&done), Arc::clone(&gate));
            tokio::spawn(async move {
                let _permit = gate.acquire_owned().await.expect("semaphore");
                // The copies go to both instances at the same moment.
                let sends: Vec<_> = (0..COPIES)
                    .map(|copy| {
                        let body = body.clone();
                        let (first, other) = if (n + copy) % 2 == 0 {
                            (addr_a, addr_b)
                        } else {
                            (addr_b, addr_a)
                        };
                        tokio::spawn(async move { send_with_failover(first, other, &body).await })
                    })
                    .collect();
                let mut answers = Vec::with_capacity(COPIES);
                for send in sends {
                    answers.push(send.await.expect("send"));
                }
                done.fetch_add(1, Ordering::Relaxed);
                answers
            })
        })
        .collect();

    // Kill instance a (SIGKILL, no graceful shutdown) a third of the way.
    while done.load(Ordering::Relaxed) < KEYS / 3 {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let killed_at = done.load(Ordering::Relaxed);
    a.kill();

    let mut received = 0;
    let mut failed_over = 0;
    for (n, task) in tasks.into_iter().enumerate() {
        let answers = task.await.expect("task");
        let firsts = answers.iter().filter(|(s, _)| s == "received").count();
        assert!(
            firsts <= 1,
            "key {n} was received {firsts} times: {answers:?}"
        );
        assert!(
            answers
                .iter()
                .all(|(s, _)| s == "received" || s == "duplicate"),
            "{answers:?}"
        );
        received += firsts;
        failed_over += answers.iter().filter(|(_, f)| *f).count();
    }
    eprintln!("killed at {killed_at}, failed over {failed_over}, received {received}");
    assert!(killed_at < KEYS, "the kill came after the last submission");
    assert!(
        failed_over > 0,
        "no request had to go to the other instance"
    );
    // A submission whose commit finished just before the kill may have
    // lost its answer; its replays then all say duplicate. Never more.
    assert!(
        (KEYS - 48 * COPIES..=KEYS).contains(&received),
        "{received}"
    );

    // Exactly once each in the shared database, and in the report.
    assert_eq!(ws.count("SELECT COUNT(*) FROM receipts").await, KEYS as i64);
    assert_eq!(
        ws.count("SELECT SUM(count) FROM responses").await,
        KEYS as i64
    );
    for option in options {
        let sql = format!(
            "SELECT SUM(count) FROM counters WHERE question='overall' AND option='{option}'"
        );
        assert_eq!(ws.count(&sql).await, (KEYS / 5) as i64, "overall {option}");
    }
    let report = b.admin("/admin/report.json").await.json();
    assert_eq!(report["forms"][0]["responses"]["value"], KEYS);

    // A restarted instance joins again and sees the same receipts.
    let again = ws.start(NO_LIMITS);
    let replay = again.post(INC, &web(&key(7), &[("overall", "3")])).await;
    assert_eq!(replay.json()["status"], "duplicate");
}
