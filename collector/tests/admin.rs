//! Reports, dashboard, admin authentication and CORS against a real server.

#[macro_use]
mod common;

use common::{key, web, Db, Workspace, TOKEN};

const INC: &str = "/api/v1/increments";
const BATCH: &str = "/api/v1/batches";

/// 20 responses: overall 3 × "1", 8 × "2", 9 × "3". The 3 must show as
/// "<5", and 8 must be hidden too, or 3 = 20 − 8 − 9.
async fn seed(server: &common::Server) {
    let batch = r#"{"form":"feedback","version":2,"key":"seed-batch-key-000001","responses":20,
        "counts":{"overall":{"1":3,"2":8,"3":9},"heard":{"yes":20}},"comments":["Godt møde"]}"#;
    let r = server.post(BATCH, batch).await;
    assert_eq!(r.status, 200, "{}", r.text());
}

async fn reports_need_the_admin_token(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    use base64::Engine;
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("anyone:{TOKEN}"))
    );
    let wrong = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode("anyone:not-the-token-at-all")
    );
    let bearer = format!("Bearer {TOKEN}");
    for path in ["/admin", "/admin/report.json", "/admin/report.csv"] {
        let none = server.send("GET", path, &[], b"").await;
        assert_eq!(none.status, 401, "{path}");
        assert_eq!(
            none.header("www-authenticate"),
            Some(r#"Basic realm="lokalform""#)
        );
        assert_eq!(none.json()["error"], "unauthorized");
        let bad = server
            .send("GET", path, &[("Authorization", &wrong)], b"")
            .await;
        assert_eq!(bad.status, 401, "{path}");
        let bad_bearer = server
            .send("GET", path, &[("Authorization", "Bearer nope")], b"")
            .await;
        assert_eq!(bad_bearer.status, 401, "{path}");
        let ok = server
            .send("GET", path, &[("Authorization", &basic)], b"")
            .await;
        assert_eq!(ok.status, 200, "{path}");
        assert_eq!(ok.header("cache-control"), Some("no-store"));
        assert!(ok.header("set-cookie").is_none());
        let ok = server
            .send("GET", path, &[("Authorization", &bearer)], b"")
            .await;
        assert_eq!(ok.status, 200, "{path}");
    }
}

async fn the_report_suppresses_small_cells_and_their_complements(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    seed(&server).await;
    let report = server.admin("/admin/report.json").await.json();
    let form = &report["forms"][0];
    assert_eq!(form["form"], "feedback");
    assert_eq!(form["responses"]["label"], "20");
    let overall = &form["questions"][0];
    assert_eq!(overall["question"], "overall");
    let labels: Vec<&str> = overall["options"]
        .as_array()
        .expect("options")
        .iter()
        .map(|o| o["count"]["label"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(labels, ["<5", "x", "9", "0", "0", "0"]);
    assert!(overall["options"][0]["count"]["value"].is_null());
    assert!(overall["options"][1]["count"]["value"].is_null());
    assert_eq!(overall["options"][0]["label"], "Meget dårligt");

    let csv = server.admin("/admin/report.csv").await;
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    let text = csv.text();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("\u{feff}form,version,question,option,label,count")
    );
    assert!(text.contains("feedback,2,_responses,,Besvarelser i alt,20\r\n"));
    assert!(
        text.contains("feedback,2,overall,1,Meget dårligt,<5\r\n"),
        "{text}"
    );
    assert!(text.contains("feedback,2,overall,2,Dårligt,x\r\n"));
    assert!(text.contains("feedback,2,overall,3,Hverken godt eller dårligt,9\r\n"));
    assert!(!text.contains(",3\r\n") && !text.contains(",8\r\n"));

    // The filter.
    let only = server
        .admin("/admin/report.json?form=kiosk-check")
        .await
        .json();
    assert_eq!(only["forms"].as_array().map(Vec::len), Some(1));
    assert_eq!(only["forms"][0]["form"], "kiosk-check");
    let unknown = server.admin("/admin/report.csv?form=nope").await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.json()["error"], "unknown_form");
}

async fn few_responses_are_withheld_entirely(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    for n in 0..3 {
        let r = server.post(INC, &web(&key(n), &[("overall", "4")])).await;
        assert_eq!(r.status, 200);
    }
    let report = server.admin("/admin/report.json").await.json();
    assert_eq!(report["forms"][0]["responses"]["label"], "<5");
    for q in report["forms"][0]["questions"]
        .as_array()
        .expect("questions")
    {
        assert_eq!(q["withheld"], true);
    }
    let html = server.admin("/admin").await.text();
    assert!(html.contains("tilbageholdt"));
    assert!(!html.contains("<rect"), "no bars for withheld rows");
}

async fn the_dashboard_draws_svg_bars_for_shown_cells_and_writes_small_ones(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    seed(&server).await;
    let response = server.admin("/admin").await;
    assert_eq!(response.status, 200);
    assert_eq!(
        response.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let csp = response
        .header("content-security-policy")
        .expect("a Content-Security-Policy")
        .to_string();
    assert!(
        csp.starts_with("default-src 'none'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    let html = response.text();
    // The one <style> is allowed by its hash, and nothing else is.
    let style = html
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .map(|(css, _)| css)
        .expect("the dashboard's <style>");
    use base64::Engine;
    let hash = base64::engine::general_purpose::STANDARD
        .encode(lokalform_text::sha256::sha256(style.as_bytes()));
    assert!(
        csp.contains(&format!("style-src 'sha256-{hash}';")),
        "{csp}"
    );
    assert_eq!(html.matches("<style").count(), 1);
    assert!(
        !html.contains(" style="),
        "no style attributes: a hash does not allow them"
    );
    assert!(html.starts_with("<!doctype html>\n<html lang=\"da\">"));
    assert!(html.contains("<h1>"));
    assert!(html.contains("<svg role=\"img\""));
    assert!(html.contains("<table>"));
    assert!(html.contains("<th scope=\"row\">Meget dårligt</th><td class=\"count\">&lt;5</td>"));
    assert!(html.contains("<th scope=\"row\">Dårligt</th><td class=\"count\">x</td>"));
    assert!(html.contains("Hverken godt eller dårligt"));
    // Bars only for shown non-zero cells: overall "3" (9), heard "yes" (20)
    // and "not answered" (20) of the three questions the batch left out.
    assert_eq!(html.matches("<rect").count(), 5, "{html}");
    assert!(html.contains(">9</text>") && html.contains(">&lt;5</text>"));
    assert!(html.contains("Godt møde"), "the comment inbox");
    assert!(html.contains("/admin/report.csv"));
    // No external resources and no scripts.
    assert!(!html.contains("https://") && !html.contains("src="));
    assert!(!html.contains("<link") && !html.contains("<script"));
}

async fn cors_only_for_configured_origins(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[
        "--allow-origin",
        "https://kommune.example,https://other.example",
    ]);
    let preflight = |origin: &'static str| {
        let addr = server.addr;
        async move {
            lokalform_collector_support::http1::request(
                addr,
                "OPTIONS",
                INC,
                &[
                    ("Origin", origin),
                    ("Access-Control-Request-Method", "POST"),
                    (
                        "Access-Control-Request-Headers",
                        "authorization,content-type,lokalform-device-week",
                    ),
                ],
                b"",
            )
            .await
            .expect("preflight")
        }
    };
    let allowed = preflight("https://kommune.example").await;
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("https://kommune.example")
    );
    let methods = allowed
        .header("access-control-allow-methods")
        .unwrap_or("")
        .to_ascii_uppercase();
    assert!(methods.contains("POST"), "{methods}");
    // The widget's headers: its JSON, its clock's week, a kiosk's device
    // credential.
    let headers = allowed
        .header("access-control-allow-headers")
        .unwrap_or("")
        .to_ascii_lowercase();
    for name in ["content-type", "lokalform-device-week", "authorization"] {
        assert!(headers.contains(name), "{name} in {headers}");
    }
    let denied = preflight("https://evil.example").await;
    assert!(denied.header("access-control-allow-origin").is_none());

    let body = web(&key(1), &[("heard", "yes")]);
    let post = server
        .send(
            "POST",
            INC,
            &[
                ("Content-Type", "application/json"),
                ("Origin", "https://other.example"),
            ],
            body.as_bytes(),
        )
        .await;
    assert_eq!(post.status, 200);
    assert_eq!(
        post.header("access-control-allow-origin"),
        Some("https://other.example")
    );
    let body = web(&key(2), &[("heard", "yes")]);
    let post = server
        .send(
            "POST",
            INC,
            &[
                ("Content-Type", "application/json"),
                ("Origin", "https://evil.example"),
            ],
            body.as_bytes(),
        )
        .await;
    assert!(post.header("access-control-allow-origin").is_none());
    // No CORS on the reports.
    let report = server
        .send(
            "GET",
            "/admin/report.json",
            &[
                ("Origin", "https://kommune.example"),
                ("Authorization", &format!("Bearer {TOKEN}")),
            ],
            b"",
        )
        .await;
    assert!(report.header("access-control-allow-origin").is_none());
}

async fn without_configured_origins_there_is_no_cors(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    let body = web(&key(1), &[("heard", "yes")]);
    let post = server
        .send(
            "POST",
            INC,
            &[
                ("Content-Type", "application/json"),
                ("Origin", "https://kommune.example"),
            ],
            body.as_bytes(),
        )
        .await;
    assert_eq!(post.status, 200);
    assert!(post.header("access-control-allow-origin").is_none());
}

async fn the_dashboard_escapes_labels_comments_and_names(db: Db) {
    const SCRIPT: &str = "<script>alert(1)</script>";
    const IMG: &str = "\"><img src=x onerror=alert(1)>";
    const SCRIPT_ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;";
    const IMG_ESCAPED: &str = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;";
    let ws = Workspace::on(db);
    // A form whose title, question and option labels carry markup.
    let form = serde_json::json!({
        "id": "hostile", "version": 1,
        "title": { "da": format!("Skema {SCRIPT}") },
        "fields": [
            { "id": "q", "type": "choice", "label": { "da": format!("Spørgsmål {IMG}") },
              "aggregate": true,
              "options": [ { "value": "a", "label": { "da": SCRIPT } },
                           { "value": "b", "label": { "da": IMG } } ] }
        ]
    });
    std::fs::write(ws.forms().join("hostile.json"), form.to_string()).expect("write form");
    let server = ws.start(&[]);
    let batch = serde_json::json!({
        "form": "hostile", "version": 1, "key": "hostile-batch-key-0001", "responses": 10,
        "counts": { "q": { "a": 5, "b": 5 } }
    });
    let r = server.post(BATCH, &batch.to_string()).await;
    assert_eq!(r.status, 200, "{}", r.text());
    // A comment, through the submit route and its redaction.
    let comment = serde_json::json!({
        "form": "feedback", "version": 2, "key": key(1), "responses": 1,
        "counts": { "heard": { "yes": 1 } }, "comments": [format!("{SCRIPT} {IMG}")]
    });
    let r = server.post(INC, &comment.to_string()).await;
    assert_eq!(r.status, 200, "{}", r.text());
    // A programme's municipality and name.
    let cohort = lokalform_forms::aggregate::CohortSubmission {
        municipality: format!("Kommune {IMG}"),
        programme: SCRIPT.to_string(),
        round: "2026-2".to_string(),
        reports: vec![lokalform_forms::aggregate::Cohort::new(
            &[(Some(20.0), Some(25.0)); 6],
            |t| t < 12.0,
        )
        .report("lsns6", 1)],
        heard_from: vec![],
    };
    let r = server.post("/api/v1/cohorts", &cohort.to_json()).await;
    assert_eq!(r.status, 200, "{}", r.text());

    let html = server.admin("/admin").await.text();
    for (what, escaped) in [
        ("form title", format!("Skema {SCRIPT_ESCAPED}")),
        ("question", format!("Spørgsmål {IMG_ESCAPED}")),
        (
            "option a",
            format!("<th scope=\"row\">{SCRIPT_ESCAPED}</th>"),
        ),
        ("option b", format!("<th scope=\"row\">{IMG_ESCAPED}</th>")),
        (
            "comment",
            format!("<li>{SCRIPT_ESCAPED} {IMG_ESCAPED}</li>"),
        ),
        (
            "municipality",
            format!("<th scope=\"row\">Kommune {IMG_ESCAPED}</th>"),
        ),
        ("programme", format!("<td>{SCRIPT_ESCAPED}</td>")),
    ] {
        assert!(html.contains(&escaped), "{what}: {escaped} not in {html}");
    }
    assert!(!html.contains(SCRIPT) && !html.contains(IMG), "{html}");
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "{html}"
    );
}

/// Checks that every question of the feedback form adds up to its
/// responses in a report read: JSON, CSV and the dashboard.
fn assert_adds_up(json: &serde_json::Value, csv: &str, dashboard: &str) {
    let form = &json["forms"][0];
    assert_eq!(form["form"], "feedback");
    let total = form["responses"]["value"].as_u64().expect("total shown");
    for q in form["questions"].as_array().expect("questions") {
        let sum: u64 = q["options"]
            .as_array()
            .expect("options")
            .iter()
            .map(|o| o["count"]["value"].as_u64().expect("cell shown"))
            .sum();
        assert_eq!(sum, total, "JSON {} does not add up: {q}", q["question"]);
    }

    let mut total = None;
    let mut sums: std::collections::BTreeMap<String, u64> = Default::default();
    for line in csv.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        if cells[0] != "feedback" {
            continue;
        }
        let n: u64 = cells[cells.len() - 1].parse().expect("cell shown");
        if cells[2] == "_responses" {
            total = Some(n);
        } else {
            *sums.entry(cells[2].to_string()).or_default() += n;
        }
    }
    let total = total.expect("CSV total");
    assert!(!sums.is_empty());
    for (question, sum) in sums {
        assert_eq!(sum, total, "CSV {question} does not add up:\n{csv}");
    }

    // The dashboard's first section is the feedback form: each question's
    // table adds up to the total above it.
    let section = dashboard.split("</section>").next().expect("section");
    let total: u64 = section
        .split_once("Besvarelser i alt: <strong>")
        .and_then(|(_, rest)| rest.split_once("</strong>"))
        .and_then(|(n, _)| n.parse().ok())
        .expect("dashboard total");
    let tables: Vec<&str> = section.split("<table>").skip(1).collect();
    assert!(!tables.is_empty());
    for table in tables {
        let sum: u64 = table
            .split("<td class=\"count\">")
            .skip(1)
            .map(|cell| {
                cell.split_once("</td>")
                    .and_then(|(n, _)| n.parse::<u64>().ok())
                    .expect("cell shown")
            })
            .sum();
        assert_eq!(sum, total, "a dashboard table does not add up:\n{table}");
    }
}

async fn every_report_adds_up_while_submissions_are_written(db: Db) {
    let ws = Workspace::on(db);
    let server = std::sync::Arc::new(ws.start(&[
        "--rate-limit",
        "1000000",
        "--rate-burst",
        "1000000",
        "--client-rate-limit",
        "1000000",
        "--client-rate-burst",
        "1000000",
    ]));
    // Every cell of "overall" is 5 or more from the start, so every cell of
    // every report is shown and can be added up.
    let batch = r#"{"form":"feedback","version":2,"key":"seed-batch-key-000001","responses":10,
        "counts":{"overall":{"4":5,"5":5}}}"#;
    assert_eq!(server.post(BATCH, batch).await.status, 200);

    const WRITERS: usize = 4;
    const EACH: usize = 150;
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..WRITERS {
        let server = std::sync::Arc::clone(&server);
        writers.push(tokio::spawn(async move {
            for i in 0..EACH {
                let option = if i % 2 == 0 { "4" } else { "5" };
                let body = web(&key(w * EACH + i), &[("overall", option)]);
                let r = server.post(INC, &body).await;
                assert_eq!(r.status, 200, "{}", r.text());
            }
        }));
    }
    let mut readers = Vec::new();
    for _ in 0..2 {
        let server = std::sync::Arc::clone(&server);
        let done = std::sync::Arc::clone(&done);
        readers.push(tokio::spawn(async move {
            let mut reads = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) || reads == 0 {
                let json = server.admin("/admin/report.json").await.json();
                let csv = server.admin("/admin/report.csv").await.text();
                let page = server.admin("/admin").await.text();
                assert_adds_up(&json, &csv, &page);
                reads += 1;
            }
            reads
        }));
    }
    for w in writers {
        w.await.expect("writer");
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    for r in readers {
        assert!(r.await.expect("reader") > 0);
    }
    let json = server.admin("/admin/report.json").await.json();
    let expected = 10 + WRITERS * EACH;
    assert_eq!(
        json["forms"][0]["responses"]["value"].as_u64(),
        Some(expected as u64)
    );
}

on_both_databases! {
    #[tokio::test] reports_need_the_admin_token,
    #[tokio::test] the_report_suppresses_small_cells_and_their_complements,
    #[tokio::test] few_responses_are_withheld_entirely,
    #[tokio::test] the_dashboard_draws_svg_bars_for_shown_cells_and_writes_small_ones,
    #[tokio::test] cors_only_for_configured_origins,
    #[tokio::test] without_configured_origins_there_is_no_cors,
    #[tokio::test] the_dashboard_escapes_labels_comments_and_names,
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)] every_report_adds_up_while_submissions_are_written,
}
