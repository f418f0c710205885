//! The submit endpoints against a real server and a real SQLite file.

#[macro_use]
mod common;

use common::{assert_refused, key, web, Db, Workspace, NO_LIMITS};
use lokalform_collector::routes::MAX_BODY_BYTES;
use lokalform_collector_support::http1::Connection;

/// One bad request: what is sent and what must come back.
struct Case {
    name: &'static str,
    path: &'static str,
    content_type: Option<&'static str>,
    body: String,
    status: u16,
    error: &'static str,
    problem_path: Option<&'static str>,
}

fn case(
    name: &'static str,
    path: &'static str,
    body: &str,
    status: u16,
    error: &'static str,
    problem_path: Option<&'static str>,
) -> Case {
    Case {
        name,
        path,
        content_type: Some("application/json"),
        body: body.to_string(),
        status,
        error,
        problem_path,
    }
}

const INC: &str = "/api/v1/increments";
const BATCH: &str = "/api/v1/batches";
const KEY: &str = "0123456789abcdef-new";

fn bad_cases() -> Vec<Case> {
    let tally =
        |fields: &str| format!(r#"{{"form":"feedback","version":2,"key":"{KEY}",{fields}}}"#);
    let mut cases = vec![
        case(
            "unknown form",
            INC,
            &format!(
                r#"{{"form":"feedbak","version":1,"key":"{KEY}","responses":1,"counts":{{}}}}"#
            ),
            404,
            "unknown_form",
            Some("form"),
        ),
        case(
            "unknown version",
            INC,
            &format!(
                r#"{{"form":"feedback","version":7,"key":"{KEY}","responses":1,"counts":{{}}}}"#
            ),
            422,
            "unknown_version",
            Some("version"),
        ),
        case(
            "unknown question",
            INC,
            &tally(r#""responses":1,"counts":{"mood":{"yes":1}}"#),
            422,
            "invalid_tally",
            Some("counts.mood"),
        ),
        case(
            "unknown option",
            INC,
            &tally(r#""responses":1,"counts":{"heard":{"maybe":1}}"#),
            422,
            "invalid_tally",
            Some("counts.heard.maybe"),
        ),
        case(
            "zero count",
            INC,
            &tally(r#""responses":1,"counts":{"heard":{"yes":0}}"#),
            422,
            "invalid_tally",
            Some("counts.heard.yes"),
        ),
        case(
            "comment field counted",
            INC,
            &tally(r#""responses":1,"counts":{"comment":{"x":1}}"#),
            422,
            "invalid_tally",
            Some("counts.comment"),
        ),
        case(
            "version as text",
            INC,
            &format!(
                r#"{{"form":"feedback","version":"1","key":"{KEY}","responses":1,"counts":{{}}}}"#
            ),
            422,
            "invalid_payload",
            Some("version"),
        ),
        case(
            "negative count",
            INC,
            &tally(r#""responses":1,"counts":{"heard":{"yes":-1}}"#),
            422,
            "invalid_payload",
            Some("counts.heard.yes"),
        ),
        case(
            "counts not an object",
            INC,
            &tally(r#""responses":1,"counts":[1]"#),
            422,
            "invalid_payload",
            Some("counts"),
        ),
        case(
            "missing counts",
            INC,
            &tally(r#""responses":1"#),
            422,
            "invalid_payload",
            None,
        ),
        case(
            "unknown field",
            INC,
            &tally(r#""responses":1,"counts":{},"ip":"10.0.0.1""#),
            422,
            "invalid_payload",
            None,
        ),
        case(
            "not JSON",
            INC,
            "form=feedback&version=1",
            400,
            "invalid_json",
            None,
        ),
        case(
            "truncated JSON",
            INC,
            r#"{"form":"feedback","#,
            400,
            "invalid_json",
            None,
        ),
        case("empty body", INC, "", 400, "invalid_json", None),
        case(
            "trailing garbage",
            INC,
            &format!("{} {{}}", tally(r#""responses":1,"counts":{}"#)),
            400,
            "invalid_json",
            None,
        ),
        case(
            "deeply nested",
            INC,
            &"[".repeat(5000),
            422,
            "invalid_payload",
            None,
        ),
        case(
            "bad key",
            INC,
            r#"{"form":"feedback","version":2,"key":"short","responses":1,"counts":{"heard":{"yes":1}}}"#,
            422,
            "invalid_tally",
            Some("key"),
        ),
        case(
            "key with odd characters",
            INC,
            r#"{"form":"feedback","version":2,"key":"0123456789abcdef/../x","responses":1,"counts":{}}"#,
            422,
            "invalid_tally",
            Some("key"),
        ),
        case(
            "web with responses 2",
            INC,
            &tally(r#""responses":2,"counts":{"heard":{"yes":2}}"#),
            422,
            "invalid_tally",
            Some("responses"),
        ),
        case(
            "web with responses 0",
            INC,
            &tally(r#""responses":0,"counts":{}"#),
            422,
            "invalid_tally",
            Some("responses"),
        ),
        case(
            "web with two answers to one question",
            INC,
            &tally(r#""responses":1,"counts":{"overall":{"4":1,"5":1}}"#),
            422,
            "invalid_tally",
            Some("counts.overall"),
        ),
        case(
            "an option twice (a JSON reader would keep the last)",
            BATCH,
            &tally(r#""responses":5,"counts":{"heard":{"yes":5,"no":0,"yes":1}}"#),
            400,
            "duplicate_name",
            Some("counts.heard.yes"),
        ),
        case(
            "a question twice",
            INC,
            &tally(r#""responses":1,"counts":{"heard":{"yes":1},"heard":{"no":1}}"#),
            400,
            "duplicate_name",
            Some("counts.heard"),
        ),
        case(
            "a field twice, with the same value",
            INC,
            &tally(r#""responses":1,"responses":1,"counts":{}"#),
            400,
            "duplicate_name",
            Some("responses"),
        ),
        case(
            "batch below k",
            BATCH,
            &tally(r#""responses":4,"counts":{"heard":{"yes":4}}"#),
            422,
            "invalid_tally",
            Some("responses"),
        ),
        case(
            "batch over the largest batch (--max-batch-responses, 200)",
            BATCH,
            &tally(r#""responses":10001,"counts":{}"#),
            422,
            "batch_too_large",
            Some("responses"),
        ),
        case(
            "batch with more answers than responses",
            BATCH,
            &tally(r#""responses":5,"counts":{"heard":{"yes":4,"no":2}}"#),
            422,
            "invalid_tally",
            Some("counts.heard"),
        ),
        case(
            "comments on a form without comment field",
            BATCH,
            &format!(
                r#"{{"form":"kiosk-check","version":2,"key":"{KEY}","responses":5,"counts":{{"day":{{"good":5}}}},"comments":["fin dag"]}}"#
            ),
            422,
            "invalid_tally",
            Some("comments"),
        ),
        case(
            "empty comment",
            INC,
            &tally(r#""responses":1,"counts":{},"comments":[""]"#),
            422,
            "invalid_tally",
            Some("comments[0]"),
        ),
        case(
            "more comments than responses",
            INC,
            &tally(r#""responses":1,"counts":{},"comments":["a","b"]"#),
            422,
            "invalid_tally",
            Some("comments"),
        ),
        case(
            "oversize body",
            INC,
            &tally(&format!(
                r#""responses":1,"counts":{{}},"comments":["{}"]"#,
                "a".repeat(MAX_BODY_BYTES + 1024)
            )),
            413,
            "payload_too_large",
            None,
        ),
    ];
    cases.push(Case {
        content_type: Some("text/plain"),
        ..case(
            "text content type",
            INC,
            &tally(r#""responses":1,"counts":{}"#),
            415,
            "unsupported_media_type",
            None,
        )
    });
    cases.push(Case {
        content_type: Some("application/x-www-form-urlencoded"),
        ..case(
            "form content type",
            INC,
            "form=feedback",
            415,
            "unsupported_media_type",
            None,
        )
    });
    cases.push(Case {
        content_type: None,
        ..case(
            "no content type",
            BATCH,
            &tally(r#""responses":5,"counts":{}"#),
            415,
            "unsupported_media_type",
            None,
        )
    });
    cases
}

async fn every_bad_input_is_refused_with_a_json_error_and_changes_nothing(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    // Some data first, so "unchanged" means something.
    let ok = server
        .post(INC, &web(&key(1), &[("overall", "4"), ("heard", "yes")]))
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    let before = ws.snapshot().await;
    assert!(before.contains("overall"));

    for c in bad_cases() {
        let mut headers = Vec::new();
        if let Some(ct) = c.content_type {
            headers.push(("Content-Type", ct));
        }
        let response = server
            .send("POST", c.path, &headers, c.body.as_bytes())
            .await;
        assert_refused(&response, c.name, c.status, c.error, c.problem_path);
        assert!(
            response.json()["problems"].is_array(),
            "{}: problems",
            c.name
        );
        assert_eq!(
            ws.snapshot().await,
            before,
            "{} changed the database",
            c.name
        );
    }
}

async fn oversize_chunked_body_and_wrong_methods_get_json_errors(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    let before = ws.snapshot().await;
    let mut conn = Connection::connect(server.addr).await.expect("connect");
    let chunk = "a".repeat(8 * 1024);
    let mut raw = format!(
        "POST {INC} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    for _ in 0..(MAX_BODY_BYTES / chunk.len() + 1) {
        raw.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    raw.push_str("0\r\n\r\n");
    let response = conn.send_raw(raw.as_bytes()).await.expect("response");
    assert_eq!(response.status, 413);
    assert_eq!(response.json()["error"], "payload_too_large");

    let response = server.send("GET", INC, &[], b"").await;
    assert_eq!(response.status, 405);
    assert_eq!(response.json()["error"], "method_not_allowed");
    let response = server.send("GET", "/nowhere", &[], b"").await;
    assert_eq!(response.status, 404);
    assert_eq!(response.json()["error"], "not_found");
    let response = server.send("GET", "/healthz", &[], b"").await;
    assert_eq!((response.status, response.text().as_str()), (200, "ok"));
    assert_eq!(ws.snapshot().await, before);
}

async fn too_many_requests_get_429_with_retry_after_and_are_not_stored(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&["--rate-limit", "60", "--rate-burst", "3"]);
    for n in 0..3 {
        let r = server.post(INC, &web(&key(n), &[("heard", "yes")])).await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let before = ws.snapshot().await;
    let r = server.post(INC, &web(&key(99), &[("heard", "no")])).await;
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(r.json()["error"], "rate_limited");
    let retry: u64 = r
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(ws.snapshot().await, before);
    // Another form has its own bucket.
    let other = r#"{"form":"kiosk-check","version":2,"key":"kiosk-key-0000000001","responses":5,"counts":{"day":{"good":5}}}"#;
    assert_eq!(server.post(BATCH, other).await.status, 200);
    assert_eq!(
        ws.count("SELECT SUM(count) FROM responses WHERE form='feedback'")
            .await,
        3
    );
}

async fn a_duplicate_is_counted_once_also_when_sent_concurrently(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(NO_LIMITS);
    let body = web(&key(1), &[("overall", "5")]);
    let first = server.post(INC, &body).await;
    assert_eq!(first.json(), serde_json::json!({"status":"received"}));
    let again = server.post(INC, &body).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json(), serde_json::json!({"status":"duplicate"}));

    // 50 identical kiosk batches at the same moment.
    let batch = r#"{"form":"feedback","version":2,"key":"concurrent-batch-key-1","responses":6,"counts":{"heard":{"yes":6}}}"#;
    let tablet = server.tablet().await;
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let addr = server.addr;
            let tablet = tablet.clone();
            tokio::spawn(async move {
                lokalform_collector_support::http1::request(
                    addr,
                    "POST",
                    BATCH,
                    &[
                        ("Content-Type", "application/json"),
                        ("Authorization", &tablet),
                    ],
                    batch.as_bytes(),
                )
                .await
                .map(|r| r.json()["status"].as_str().unwrap_or("?").to_string())
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task").expect("request"));
    }
    assert_eq!(
        statuses.iter().filter(|s| *s == "received").count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(statuses.iter().filter(|s| *s == "duplicate").count(), 49);
    assert_eq!(ws.count("SELECT SUM(count) FROM responses").await, 7);
    assert_eq!(
        ws.count("SELECT SUM(count) FROM counters WHERE question='heard'")
            .await,
        6
    );
}

async fn two_hundred_concurrent_submissions_add_up_exactly(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(NO_LIMITS);
    let options = ["1", "2", "3", "4", "5"];
    let heard = ["yes", "partly", "no"];
    let tasks: Vec<_> = (0..200)
        .map(|n| {
            let addr = server.addr;
            let mut answers = vec![("overall", options[n % 5])];
            if n % 4 != 0 {
                answers.push(("heard", heard[n % 3]));
            }
            let body = web(&key(n), &answers);
            tokio::spawn(async move {
                lokalform_collector_support::http1::request(
                    addr,
                    "POST",
                    INC,
                    &[("Content-Type", "application/json")],
                    body.as_bytes(),
                )
                .await
                .map(|r| r.status)
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.expect("task").expect("request"), 200);
    }
    assert_eq!(ws.count("SELECT SUM(count) FROM responses").await, 200);
    for option in options {
        let sql = format!(
            "SELECT SUM(count) FROM counters WHERE question='overall' AND option='{option}'"
        );
        assert_eq!(ws.count(&sql).await, 40, "overall {option}");
    }
    let heard_total = (0..200).filter(|n| n % 4 != 0).count() as i64;
    assert_eq!(
        ws.count("SELECT SUM(count) FROM counters WHERE question='heard'")
            .await,
        heard_total
    );
    let yes = (0..200).filter(|n| n % 4 != 0 && n % 3 == 0).count() as i64;
    assert_eq!(
        ws.count("SELECT SUM(count) FROM counters WHERE question='heard' AND option='yes'")
            .await,
        yes
    );
    // The report shows the same exact numbers (all are 5 or more).
    let report = server.admin("/admin/report.json").await.json();
    assert_eq!(report["forms"][0]["responses"]["value"], 200);
    assert_eq!(
        report["forms"][0]["questions"][0]["options"][0]["count"]["value"],
        40
    );
}

async fn a_restart_on_the_same_file_keeps_counters_and_receipts(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    for n in 0..7 {
        let r = server.post(INC, &web(&key(n), &[("overall", "3")])).await;
        assert_eq!(r.status, 200);
    }
    server.kill();
    let server = ws.start(&[]);
    let again = server.post(INC, &web(&key(3), &[("overall", "3")])).await;
    assert_eq!(again.json()["status"], "duplicate");
    let new = server.post(INC, &web(&key(8), &[("overall", "3")])).await;
    assert_eq!(new.json()["status"], "received");
    let report = server.admin("/admin/report.json").await.json();
    assert_eq!(report["forms"][0]["responses"]["value"], 8);
}

async fn comments_are_redacted_again_and_stored_apart_with_only_the_week(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    let body = r#"{"form":"feedback","version":2,"key":"comment-key-000000001","responses":1,
        "counts":{"overall":{"2":1}},"comments":["Ring til mig på 12 34 56 78 eller ole@eksempel.dk"]}"#;
    let r = server.post(INC, body).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let rows = ws.text_rows("SELECT iso_week, text FROM comments").await;
    let [week, text] = &rows[0][..] else {
        panic!("{rows:?}")
    };
    assert_eq!(
        text,
        "Ring til mig på [telefonnummer fjernet] eller [e-mail fjernet]"
    );
    assert_eq!(*week, lokalform_collector::week::IsoWeek::now().to_string());
    // The comment table has no column that could link it to counters.
    assert_eq!(
        ws.columns("comments").await,
        ["form", "version", "iso_week", "text"]
    );
    assert_eq!(ws.columns("receipts").await, ["key", "iso_week"]);
}

/// The feedback box tells the citizen: "Vi gemmer ikke dit navn eller din
/// IP-adresse – kun hvilken uge svarene kom ind." Every column of every
/// table in the collector's file is listed here: no name, no address, no
/// time but the ISO week.
async fn the_stored_columns_hold_no_name_no_address_and_no_time_but_the_week(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    let body = r#"{"form":"feedback","version":2,"key":"columns-key-000000001","responses":1,
        "counts":{"overall":{"4":1}},"comments":["Fint møde"]}"#;
    assert_eq!(server.post(INC, body).await.status, 200);
    let tables = ws.tables().await;
    assert!(tables.contains(&"comments".to_string()), "{tables:?}");
    // The enrolled tablets are devices, not people, and hold no answer:
    // exactly these columns, none that links a tablet to the counters
    // (no form, key or week). `day` and `responses` are one counter per
    // tablet for its daily ceiling, the current UTC day's only.
    assert_eq!(
        ws.columns("devices").await,
        [
            "id",
            "label",
            "token_hash",
            "enrolled",
            "last_batch",
            "revoked",
            "day",
            "responses"
        ]
    );
    assert_eq!(
        ws.columns("enrollment_codes").await,
        ["code_hash", "label", "expires"]
    );
    for table in tables.iter().filter(|t| *t != "devices") {
        for column in ws.columns(table).await {
            let c = column.to_lowercase();
            let forbidden = [
                "ip", "addr", "host", "agent", "cookie", "name", "time", "date", "day", "at",
            ];
            let words: Vec<&str> = c.split('_').collect();
            assert!(
                !words.iter().any(|w| forbidden.contains(w)) || c == "iso_week",
                "{table}.{column} could hold an address, a name or a time"
            );
            if c.contains("week") {
                assert_eq!(c, "iso_week", "{table}.{column}");
            }
        }
    }
}

async fn the_log_has_method_path_status_and_no_ip_address(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    assert_eq!(
        server
            .post(INC, &web(&key(1), &[("heard", "yes")]))
            .await
            .status,
        200
    );
    assert_eq!(server.post(INC, "{").await.status, 400);
    let _ = server
        .send(
            "GET",
            "/healthz",
            &[("X-Forwarded-For", "203.0.113.7")],
            b"",
        )
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let log = server.log();
    assert!(log.contains("POST /api/v1/increments 200"), "{log}");
    assert!(log.contains("POST /api/v1/increments 400"), "{log}");
    assert!(!log.contains("127.0.0.1"), "{log}");
    assert!(!log.contains("203.0.113.7"), "{log}");
    assert!(!log.contains(&key(1)), "{log}");
}

/// A form with one multiple-choice question, as the programme's exit form
/// has (`exit.what_next_peer`, "choose more than one").
const MULTI_CHOICE_FORM: &str = r#"{
  "id": "next-step",
  "version": 1,
  "title": { "da": "Hvad nu?" },
  "fields": [
    { "id": "what_next", "type": "multi_choice", "label": { "da": "Hvad vil du nu?" }, "aggregate": true,
      "options": [ { "value": "match", "label": { "da": "Et nyt match" } },
                   { "value": "cafe", "label": { "da": "Cafévagter" } },
                   { "value": "pause", "label": { "da": "En pause" } } ] }
  ]
}"#;

async fn a_multiple_choice_answer_counts_each_chosen_option_once(db: Db) {
    let ws = Workspace::on(db);
    std::fs::write(ws.forms().join("next-step.json"), MULTI_CHOICE_FORM).expect("write form");
    let server = ws.start(&[]);
    let response = |n: usize, chosen: &str| {
        format!(
            r#"{{"form":"next-step","version":1,"key":"{}","responses":1,"counts":{{"what_next":{{{chosen}}}}}}}"#,
            key(n)
        )
    };
    // Ten responses: all chose a new match, six of them café duty as well.
    for n in 0..10 {
        let chosen = if n < 6 {
            r#""match":1,"cafe":1"#
        } else {
            r#""match":1"#
        };
        let r = server.post(INC, &response(n, chosen)).await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    // An option chosen twice in one response is refused, with its path.
    let before = ws.snapshot().await;
    let r = server.post(INC, &response(99, r#""match":2"#)).await;
    assert_refused(
        &r,
        "an option twice",
        422,
        "invalid_tally",
        Some("counts.what_next.match"),
    );
    assert_eq!(ws.snapshot().await, before);

    let report = server
        .admin("/admin/report.json?form=next-step")
        .await
        .json();
    let form = &report["forms"][0];
    assert_eq!(form["responses"]["label"], "10");
    let question = &form["questions"][0];
    let cells: Vec<(&str, &str)> = question["options"]
        .as_array()
        .expect("options")
        .iter()
        .map(|o| {
            (
                o["option"].as_str().unwrap_or("?"),
                o["count"]["label"].as_str().unwrap_or("?"),
            )
        })
        .collect();
    // No "not answered" cell (it cannot be told from the counts), and café
    // duty (6) is hidden: shown, it would tell that 4 did not choose it.
    assert_eq!(cells, [("match", "10"), ("cafe", "x"), ("pause", "0")]);
}

on_both_databases! {
    #[tokio::test] every_bad_input_is_refused_with_a_json_error_and_changes_nothing,
    #[tokio::test] oversize_chunked_body_and_wrong_methods_get_json_errors,
    #[tokio::test] too_many_requests_get_429_with_retry_after_and_are_not_stored,
    #[tokio::test] a_duplicate_is_counted_once_also_when_sent_concurrently,
    #[tokio::test] two_hundred_concurrent_submissions_add_up_exactly,
    #[tokio::test] a_restart_on_the_same_file_keeps_counters_and_receipts,
    #[tokio::test] comments_are_redacted_again_and_stored_apart_with_only_the_week,
    #[tokio::test] the_stored_columns_hold_no_name_no_address_and_no_time_but_the_week,
    #[tokio::test] the_log_has_method_path_status_and_no_ip_address,
    #[tokio::test] a_multiple_choice_answer_counts_each_chosen_option_once,
}
