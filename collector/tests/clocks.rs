//! A device whose clock is wrong: every widget request says its clock's
//! week (`Lokalform-Device-Week`), and the collector counts a tally in the
//! week its answers were given by the collector's own clock, judges its age
//! by that week, and still never counts a late retry twice (the argument is
//! in `collector/src/routes/submit.rs`).
//!
//! The collector runs on the system clock, so weeks are written relative
//! to its current week; time passing is simulated by moving stored
//! receipts back while the collector is stopped (its restart prunes them,
//! as it would after those weeks).

#[macro_use]
mod common;

use common::{assert_refused, key, Db, Server, Workspace};
use lokalform_collector::routes::submit::{MAX_AGE_WEEKS, MAX_CORRECTION_WEEKS};
use lokalform_collector::store::RECEIPT_WEEKS;
use lokalform_collector::week::{Clock, IsoWeek};
use lokalform_collector_support::http1::Response;

const INC: &str = "/api/v1/increments";
const BATCHES: &str = "/api/v1/batches";

/// The collector's week `n` weeks from now (back when negative).
fn week(n: i64) -> String {
    now().plus(n).expect("a week").to_string()
}

fn now() -> IsoWeek {
    Clock::system().week()
}

/// A web response (one `heard` answer and an optional comment) made in
/// device week `made`.
fn web_tally(n: usize, made: &str, comment: Option<&str>) -> String {
    let mut tally = serde_json::json!({
        "form": "feedback", "version": 2, "key": key(n), "responses": 1,
        "counts": { "heard": { "yes": 1 } }, "week": made,
    });
    if let Some(c) = comment {
        tally["comments"] = serde_json::json!([c]);
    }
    tally.to_string()
}

/// Sends `body` to `path` from a device whose clock says `device` (no
/// header when `None`).
async fn send(server: &Server, path: &str, body: &str, device: Option<&str>) -> Response {
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(d) = device {
        headers.push(("Lokalform-Device-Week", d));
    }
    server.send("POST", path, &headers, body.as_bytes()).await
}

/// Responses stored in ISO week `week`.
async fn responses_in(ws: &Workspace, week: &str) -> i64 {
    ws.count(&format!(
        "SELECT SUM(count) FROM responses WHERE iso_week = '{week}'"
    ))
    .await
}

/// Asserts a 200 `received`.
fn assert_received(r: &Response, case: &str) {
    assert_eq!(
        (r.status, r.json()["status"].as_str()),
        (200, Some("received")),
        "{case}: {}",
        r.text()
    );
}

async fn a_clock_weeks_off_counts_the_answers_in_the_week_they_were_given(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(common::NO_LIMITS);
    // Fresh answers from a clock 10 weeks slow and one 10 weeks fast:
    // this week.
    let slow = send(
        &server,
        INC,
        &web_tally(1, &week(-10), None),
        Some(&week(-10)),
    )
    .await;
    assert_received(&slow, "10 weeks slow");
    let fast = send(
        &server,
        INC,
        &web_tally(2, &week(10), None),
        Some(&week(10)),
    )
    .await;
    assert_received(&fast, "10 weeks fast");
    assert_eq!(responses_in(&ws, &week(0)).await, 2);
    // Answers given 3 weeks ago on the slow clock (its week −13): 3 weeks
    // ago here, the comment too.
    let late = web_tally(3, &week(-13), Some("Godt møde."));
    assert_received(&send(&server, INC, &late, Some(&week(-10))).await, "waited");
    assert_eq!(responses_in(&ws, &week(-3)).await, 1);
    assert_eq!(
        ws.count(&format!(
            "SELECT COUNT(*) FROM comments WHERE iso_week = '{}'",
            week(-3)
        ))
        .await,
        1
    );
    // A kiosk batch made 2 weeks ago on the fast clock (its week +8).
    let batch = serde_json::json!({
        "form": "feedback", "version": 2, "key": key(4), "responses": 6,
        "counts": { "overall": { "5": 6 } }, "week": week(8),
    })
    .to_string();
    assert_received(
        &send(&server, BATCHES, &batch, Some(&week(10))).await,
        "batch",
    );
    assert_eq!(responses_in(&ws, &week(-2)).await, 6);
    // Without the header, or with one that is not a week: no correction.
    for (n, device) in [(5, None), (6, Some("2026-49")), (7, Some("W49"))] {
        let r = send(&server, INC, &web_tally(n, &week(-4), None), device).await;
        assert_received(&r, &format!("device week {device:?}"));
    }
    assert_eq!(responses_in(&ws, &week(-4)).await, 3);
    assert_eq!(ws.count("SELECT SUM(count) FROM responses").await, 12);
    // And one from a widget before `week`, then the counts operations see.
    let old = common::web(&key(8), &[("heard", "yes")]);
    assert_received(&send(&server, INC, &old, None).await, "no week");
    let metrics = server.send("GET", "/metrics", &[], b"").await.text();
    for (label, n) in [
        ("missing", 1),
        ("no_device_week", 3),
        ("clock_right", 0),
        ("clock_corrected", 4),
        ("clock_too_far", 0),
    ] {
        let line = format!("lokalform_tally_weeks_total{{week=\"{label}\"}} {n}\n");
        assert!(metrics.contains(&line), "{line} in\n{metrics}");
    }
}

async fn the_age_is_judged_by_the_corrected_week_with_its_boundaries(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(common::NO_LIMITS);
    let mut n = 0;
    let mut received = 0;
    // (device clock's offset in weeks, the tally's week on that clock,
    // the expected error or None for received).
    let age = MAX_AGE_WEEKS;
    let b = MAX_CORRECTION_WEEKS;
    let cases: Vec<(i64, i64, Option<&str>)> = vec![
        // A correct clock: a genuinely old tally is too old.
        (0, -age, None),
        (0, -age - 1, Some("too_old")),
        (0, 1, None),
        (0, 2, Some("week_in_future")),
        // 10 weeks slow: the same boundaries, 10 weeks earlier on its clock.
        (-10, -10 - age, None),
        (-10, -10 - age - 1, Some("too_old")),
        (-10, -9, None),
        (-10, -8, Some("week_in_future")),
        // 10 weeks fast.
        (10, 10 - age, None),
        (10, 10 - age - 1, Some("too_old")),
        (10, 11, None),
        (10, 12, Some("week_in_future")),
        // The largest correction believed, and one week beyond it.
        (-b, -b, None),
        (b, b, None),
        (-b - 1, -b - 1, Some("too_old")),
        (b + 1, b + 1, Some("week_in_future")),
    ];
    for (offset, made, error) in cases {
        n += 1;
        let case = format!("clock {offset:+} weeks, made in its week {made:+}");
        let r = send(
            &server,
            INC,
            &web_tally(n, &week(made), None),
            Some(&week(offset)),
        )
        .await;
        match error {
            None => {
                assert_received(&r, &case);
                received += 1;
            }
            Some(code) => {
                assert_refused(&r, &case, 422, code, Some("week"));
                let json = r.json();
                assert_eq!(json["collector_week"], week(0), "{case}");
                let problem = json["problems"][0]["message"].as_str().unwrap_or("");
                // A corrected week is named as the collector counts it.
                let corrected = offset != 0 && offset.abs() <= b;
                assert_eq!(
                    problem.contains("by the collector's clock"),
                    corrected,
                    "{case}: {problem}"
                );
            }
        }
    }
    assert_eq!(
        ws.count("SELECT SUM(count) FROM responses").await,
        received,
        "a refused tally stores nothing"
    );
}

/// Stored receipts moved `weeks` back, as if that much time had passed.
async fn age_receipts(ws: &Workspace, keys: &[String], weeks: i64) {
    let list: Vec<String> = keys.iter().map(|k| format!("'{k}'")).collect();
    ws.execute(&format!(
        "UPDATE receipts SET iso_week = '{}' WHERE key IN ({})",
        week(-weeks),
        list.join(",")
    ))
    .await;
}

async fn a_late_retry_is_never_counted_twice_whatever_the_device_clock_did(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(common::NO_LIMITS);
    let b = MAX_CORRECTION_WEEKS;
    // Clock offsets at the first send and at the retry, in weeks: constant
    // ones, and a clock changed between the sends as far as a correction
    // reaches, and beyond (no correction).
    let offsets = [-b - 1, -b, -10, -1, 0, 1, 10, b, b + 1];
    // First sends, all fresh (made in the device's current week); a
    // second group whose receipts will survive.
    let mut first: Vec<(usize, i64)> = Vec::new();
    let mut kept: Vec<(usize, i64)> = Vec::new();
    for (group, base) in [(&mut first, 100), (&mut kept, 200)] {
        for (i, offset) in offsets.into_iter().enumerate() {
            let made = week(offset);
            let r = send(&server, INC, &web_tally(base + i, &made, None), Some(&made)).await;
            // Beyond the correction a fresh tally is refused already.
            if offset.abs() <= b {
                assert_received(&r, &format!("first send, clock {offset:+}"));
                group.push((base + i, offset));
            }
        }
    }
    let counted = ws.count("SELECT SUM(count) FROM responses").await;
    assert_eq!(counted, (first.len() + kept.len()) as i64);
    drop(server);
    // The first group: RECEIPT_WEEKS + 1 weeks pass, and the restart prunes
    // its receipts. The second: RECEIPT_WEEKS weeks, the last week a
    // receipt is kept.
    let pruned = RECEIPT_WEEKS + 1;
    let keys = |group: &[(usize, i64)]| group.iter().map(|(n, _)| key(*n)).collect::<Vec<_>>();
    age_receipts(&ws, &keys(&first), pruned).await;
    age_receipts(&ws, &keys(&kept), RECEIPT_WEEKS).await;
    let server = ws.start(common::NO_LIMITS);
    assert_eq!(
        ws.count("SELECT COUNT(*) FROM receipts").await,
        kept.len() as i64,
        "the older receipts are pruned"
    );
    // Every retry, from a clock then anywhere or without the header: its
    // week is the one it was made in, `passed` weeks back on the device.
    let devices: Vec<Option<String>> = offsets
        .into_iter()
        .map(|o| Some(week(o)))
        .chain([None])
        .collect();
    let mut duplicates = 0;
    for (group, passed) in [(&first, pruned), (&kept, RECEIPT_WEEKS)] {
        for (n, offset) in group.iter() {
            let body = web_tally(*n, &week(offset - passed), None);
            for device in &devices {
                let r = send(&server, INC, &body, device.as_deref()).await;
                let case = format!("{passed} weeks on, clock {offset:+} then {device:?}");
                assert_ne!(r.json()["status"], "received", "{case}: counted twice");
                if r.status == 200 {
                    assert_eq!(r.json()["status"], "duplicate", "{case}");
                    duplicates += 1;
                } else {
                    assert_eq!(r.status, 422, "{case}: {}", r.text());
                }
            }
        }
    }
    // The tightest case passes the age check and finds its receipt: a clock
    // 30 weeks fast at the first send and 30 weeks slow at the retry.
    assert_eq!(
        duplicates, 1,
        "exactly the tightest retry reaches its receipt"
    );
    assert_eq!(ws.count("SELECT SUM(count) FROM responses").await, counted);
}

on_both_databases! {
    #[tokio::test] a_clock_weeks_off_counts_the_answers_in_the_week_they_were_given,
    #[tokio::test] the_age_is_judged_by_the_corrected_week_with_its_boundaries,
    #[tokio::test] a_late_retry_is_never_counted_twice_whatever_the_device_clock_did,
}
