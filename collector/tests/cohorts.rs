//! `POST /api/v1/cohorts` and the cohort reports against a real server and
//! a real SQLite file: accepted, replaced on resend, refused with a path,
//! combined correctly, exported, guarded by the admin token.

#[macro_use]
mod common;

use common::{assert_refused, Db, Workspace, TOKEN};
use lokalform_collector::routes::MAX_BODY_BYTES;
use lokalform_collector::week::IsoWeek;
use lokalform_forms::aggregate::{
    channel_counts, Cell, Cohort, CohortGroup, CohortReport, CohortSubmission, SuppressedRow,
};

const COHORTS: &str = "/api/v1/cohorts";

fn row(cells: &[Cell], total: Cell) -> SuppressedRow {
    SuppressedRow {
        cells: cells.to_vec(),
        total,
        withheld: false,
    }
}

fn withheld(len: usize, total: Cell) -> SuppressedRow {
    SuppressedRow {
        cells: vec![Cell::Hidden; len],
        total,
        withheld: true,
    }
}

fn none_lacking() -> SuppressedRow {
    row(&[Cell::Shown(0); 3], Cell::Shown(0))
}

/// Programme A: 10 with both; before 10, after 12, change 2 (0 to 4);
/// 5 of 10 at risk before, 0 after.
fn report_a() -> CohortReport {
    CohortReport {
        instrument: "lsns6".into(),
        version: 1,
        group: CohortGroup::All,
        with_both: Cell::Shown(10),
        lacking: none_lacking(),
        mean_before: Some(10.0),
        mean_after: Some(12.0),
        mean_change: Some(2.0),
        ci95: Some((0.0, 4.0)),
        at_risk_before: row(&[Cell::Shown(5), Cell::Shown(5)], Cell::Shown(10)),
        at_risk_after: row(&[Cell::Shown(0), Cell::Shown(10)], Cell::Shown(10)),
    }
}

/// Programme B: 20 with both; before 14, after 15, change 1 (0 to 2);
/// 8 of 20 at risk before, `<5` after.
fn report_b() -> CohortReport {
    CohortReport {
        instrument: "lsns6".into(),
        version: 1,
        group: CohortGroup::All,
        with_both: Cell::Shown(20),
        lacking: row(
            &[Cell::Shown(0), Cell::Shown(6), Cell::Shown(0)],
            Cell::Shown(6),
        ),
        mean_before: Some(14.0),
        mean_after: Some(15.0),
        mean_change: Some(1.0),
        ci95: Some((0.0, 2.0)),
        at_risk_before: row(&[Cell::Shown(8), Cell::Shown(12)], Cell::Shown(20)),
        at_risk_after: row(&[Cell::Small, Cell::Hidden], Cell::Shown(20)),
    }
}

/// Programme C: fewer than 5 with both: nothing but `<5`.
fn report_c() -> CohortReport {
    CohortReport {
        instrument: "lsns6".into(),
        version: 1,
        group: CohortGroup::All,
        with_both: Cell::Small,
        lacking: none_lacking(),
        mean_before: None,
        mean_after: None,
        mean_change: None,
        ci95: None,
        at_risk_before: withheld(2, Cell::Small),
        at_risk_after: withheld(2, Cell::Small),
    }
}

fn submission(municipality: &str, programme: &str, reports: Vec<CohortReport>) -> String {
    CohortSubmission {
        municipality: municipality.into(),
        programme: programme.into(),
        round: "2026-2".into(),
        reports,
        heard_from: vec![],
    }
    .to_json()
}

async fn send_abc(server: &common::Server) {
    let mhrm = Cohort::new(&[(Some(20.0), Some(25.0)); 6], |t| t < 12.0).report("mhrm", 2);
    for (body, reports) in [
        (
            submission(
                "Vejle Kommune",
                "Peer-mentorprojektet",
                vec![report_a(), mhrm],
            ),
            2,
        ),
        (
            submission("Kolding Kommune", "Venneprojektet", vec![report_b()]),
            1,
        ),
        (
            submission(
                "Fredericia Kommune",
                "Peer-mentorprojektet",
                vec![report_c()],
            ),
            1,
        ),
    ] {
        let r = server.post(COHORTS, &body).await;
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(
            r.json(),
            serde_json::json!({"status":"received","reports":reports,"replaced":0})
        );
    }
}

async fn a_round_is_stored_and_a_resend_replaces_it(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    let body = submission("Vejle Kommune", "Peer-mentorprojektet", vec![report_a()]);
    let r = server.post(COHORTS, &body).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.json(),
        serde_json::json!({"status":"received","reports":1,"replaced":0})
    );

    // The same round again, corrected: replaced, not added.
    let mut corrected = report_a();
    corrected.mean_after = Some(12.5);
    corrected.mean_change = Some(2.5);
    corrected.ci95 = Some((0.5, 4.5));
    let again = submission(
        "Vejle Kommune",
        "Peer-mentorprojektet",
        vec![corrected.clone()],
    );
    for _ in 0..2 {
        let r = server.post(COHORTS, &again).await;
        assert_eq!(
            r.json(),
            serde_json::json!({"status":"received","reports":1,"replaced":1})
        );
    }
    assert_eq!(ws.count("SELECT COUNT(*) FROM cohort_reports").await, 1);

    // Another round is another row.
    let next = body.replace("\"2026-2\"", "\"2027-1\"");
    assert_eq!(server.post(COHORTS, &next).await.status, 200);
    assert_eq!(ws.count("SELECT COUNT(*) FROM cohort_reports").await, 2);

    // Stored: the key, the week, the report as the collector writes it.
    let columns = ws.columns("cohort_reports").await;
    assert_eq!(
        columns,
        [
            "municipality",
            "programme",
            "round",
            "instrument",
            "version",
            "cohort_group",
            "iso_week",
            "report"
        ]
    );
    let rows = ws
        .text_rows("SELECT iso_week, report FROM cohort_reports WHERE round = '2026-2'")
        .await;
    let [week, report] = &rows[0][..] else {
        panic!("{rows:?}")
    };
    assert_eq!(*week, IsoWeek::now().to_string());
    assert_eq!(*report, corrected.to_json());

    let json = server.admin("/admin/cohorts.json").await.json();
    let programmes = &json["instruments"][0]["programmes"];
    assert_eq!(programmes.as_array().map(Vec::len), Some(2));
    assert_eq!(programmes[0]["round"], "2026-2");
    assert_eq!(programmes[0]["report"]["mean_change"], 2.5);
    assert_eq!(programmes[0]["received_week"], IsoWeek::now().to_string());
    // Names are trimmed: the same key.
    let padded = again.replace("\"Vejle Kommune\"", "\"  Vejle Kommune \"");
    assert_eq!(server.post(COHORTS, &padded).await.json()["replaced"], 1);
    assert_eq!(ws.count("SELECT COUNT(*) FROM cohort_reports").await, 2);
}

/// One bad request and where its problem is.
struct Bad {
    name: &'static str,
    content_type: &'static str,
    body: String,
    status: u16,
    error: &'static str,
    path: Option<&'static str>,
}

fn bad_cases() -> Vec<Bad> {
    let good = submission(
        "Vejle Kommune",
        "Peer-mentorprojektet",
        vec![report_a(), report_c()],
    );
    let bad = |name, body: String, status, error, path| Bad {
        name,
        content_type: "application/json",
        body,
        status,
        error,
        path,
    };
    let mut cases = vec![
        bad(
            "a count below 5 published",
            good.replacen(
                r#""with_both":{"label":"<5","value":null}"#,
                r#""with_both":{"label":"3","value":3}"#,
                1,
            ),
            422,
            "invalid_cohort",
            Some("reports[1].with_both.value"),
        ),
        bad(
            "a value next to <5",
            good.replacen(
                r#""with_both":{"label":"<5","value":null}"#,
                r#""with_both":{"label":"<5","value":3}"#,
                1,
            ),
            422,
            "invalid_cohort",
            Some("reports[1].with_both.value"),
        ),
        bad(
            "means with fewer than 5",
            good.replacen(r#""mean_before":null"#, r#""mean_before":11.5"#, 1),
            422,
            "invalid_cohort",
            Some("reports[1].mean_before"),
        ),
        bad(
            "an interval upside down",
            good.replacen(r#""ci95_low":0"#, r#""ci95_low":5"#, 1),
            422,
            "invalid_cohort",
            Some("reports[0].ci95_low"),
        ),
        bad(
            "a share above 1",
            good.replacen(r#""share":0.5"#, r#""share":5"#, 1),
            422,
            "invalid_cohort",
            Some("reports[0].at_risk_before.share"),
        ),
        bad(
            "a CPR number as municipality",
            good.replace("Vejle Kommune", "010190-1234"),
            422,
            "invalid_cohort",
            Some("municipality"),
        ),
        bad(
            "a digit run in the programme",
            good.replace("Peer-mentorprojektet", "Sag 2024123456"),
            422,
            "invalid_cohort",
            Some("programme"),
        ),
        bad(
            "an e-mail address as municipality",
            good.replace("Vejle Kommune", "ida@vejle.dk"),
            422,
            "invalid_cohort",
            Some("municipality"),
        ),
        bad(
            "an unknown member",
            good.replacen("\"round\"", "\"participants\":[\"Ida\"],\"round\"", 1),
            422,
            "invalid_cohort",
            Some("participants"),
        ),
        bad(
            "version as text",
            good.replacen(r#""version":1"#, r#""version":"1""#, 1),
            422,
            "invalid_cohort",
            Some("reports[0].version"),
        ),
        bad(
            "no reports",
            submission("Vejle Kommune", "Peer-mentorprojektet", vec![]),
            422,
            "invalid_cohort",
            Some("reports"),
        ),
        bad(
            "an instrument twice",
            submission(
                "Vejle Kommune",
                "Peer-mentorprojektet",
                vec![report_a(), report_a()],
            ),
            422,
            "invalid_cohort",
            Some("reports[1]"),
        ),
        bad(
            "a name twice",
            good.replacen("\"round\":", "\"round\":\"2026-3\",\"round\":", 1),
            400,
            "duplicate_name",
            Some("round"),
        ),
        bad(
            "not JSON",
            "municipality=Vejle".into(),
            400,
            "invalid_json",
            None,
        ),
        bad(
            "truncated",
            good[..good.len() / 2].to_string(),
            400,
            "invalid_json",
            None,
        ),
        bad("an array", "[]".into(), 422, "invalid_cohort", Some("")),
        bad(
            "oversize",
            good.replace("Vejle Kommune", &"V".repeat(MAX_BODY_BYTES)),
            413,
            "payload_too_large",
            None,
        ),
    ];
    cases.push(Bad {
        content_type: "text/plain",
        ..bad(
            "text content type",
            good,
            415,
            "unsupported_media_type",
            None,
        )
    });
    cases
}

async fn bad_cohorts_are_refused_with_a_path_and_change_nothing(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    send_abc(&server).await;
    let before = ws.snapshot().await;
    assert!(before.contains("Kolding Kommune"));
    for c in bad_cases() {
        let response = server
            .send(
                "POST",
                COHORTS,
                &[("Content-Type", c.content_type)],
                c.body.as_bytes(),
            )
            .await;
        assert_refused(&response, c.name, c.status, c.error, c.path);
        assert_eq!(
            ws.snapshot().await,
            before,
            "{} changed the database",
            c.name
        );
    }
    // Raw invalid UTF-8 bytes too.
    let response = server
        .send(
            "POST",
            COHORTS,
            &[("Content-Type", "application/json")],
            b"{\"a\":\"\xff\"}",
        )
        .await;
    assert_eq!(response.status, 400);
    // Nothing of a refused body reaches the log.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let log = server.log();
    assert!(log.contains("POST /api/v1/cohorts 422"), "{log}");
    assert!(!log.contains("010190") && !log.contains("ida@"), "{log}");
}

async fn the_combined_row_is_worked_out_from_the_published_figures(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    send_abc(&server).await;
    let json = server.admin("/admin/cohorts.json").await.json();
    let instruments = json["instruments"].as_array().expect("instruments");
    assert_eq!(instruments.len(), 2);
    let lsns = &instruments[0];
    assert_eq!(
        (lsns["instrument"].as_str(), lsns["version"].as_u64()),
        (Some("lsns6"), Some(1))
    );
    assert_eq!(lsns["title"], "Lubbens sociale netværksskala (LSNS-6)");
    let names: Vec<&str> = lsns["programmes"]
        .as_array()
        .expect("programmes")
        .iter()
        .map(|p| p["municipality"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(
        names,
        ["Fredericia Kommune", "Kolding Kommune", "Vejle Kommune"]
    );
    assert_eq!(
        lsns["programmes"][1]["report"],
        serde_json::from_str::<serde_json::Value>(&report_b().to_json()).expect("json")
    );

    // By hand: A (n 10, change 2, interval 0 to 4) and B (n 20, change 1,
    // interval 0 to 2); C is <5 and not combined.
    //   N = 30; before (10·10 + 20·14)/30 = 12.67; after (10·12 + 20·15)/30 = 14;
    //   change M = (10·2 + 20·1)/30 = 1.333.
    //   sd_A = 2·√10/t(9) = 2·3.1623/2.2622 = 2.7958, sd_B = 1·√20/t(19) = 4.4721/2.0930 = 2.1367.
    //   within = 9·2.7958² + 19·2.1367² = 70.346 + 86.745 = 157.091;
    //   between = 10·(2 − 1.333)² + 20·(1 − 1.333)² = 4.444 + 2.222 = 6.667;
    //   sd = √(163.758/29) = 2.3763; half = t(29)·sd/√30 = 2.0452·0.43385 = 0.8873;
    //   interval 1.333 ± 0.887 = 0.45 to 2.22.
    //   At risk before: (5 + 8)/30 = 0.433; after: B's is <5, so none.
    let c = &lsns["combined"];
    assert_eq!(
        *c,
        serde_json::json!({
            "programmes": 2, "not_included_under_5": 1, "with_both": 30,
            "mean_before": 12.67, "mean_after": 14.0, "mean_change": 1.33,
            "ci95_low": 0.45, "ci95_high": 2.22,
            "at_risk_before": 13, "share_at_risk_before": 0.433,
            "at_risk_after": null, "share_at_risk_after": null
        })
    );
    // One programme alone combines to itself.
    let mhrm = &instruments[1];
    assert_eq!(mhrm["instrument"], "mhrm");
    assert!(mhrm["title"].is_null());
    assert_eq!(mhrm["combined"]["with_both"], 6);
    assert_eq!(mhrm["combined"]["mean_change"], 5.0);
    assert_eq!(mhrm["combined"]["ci95_low"], 5.0);

    let csv = server.admin("/admin/cohorts.csv").await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(
        csv.header("content-disposition"),
        Some("attachment; filename=\"lokalform-forloeb.csv\"")
    );
    let text = csv.text();
    let week = IsoWeek::now().to_string();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        format!("\u{feff}{}", lokalform_collector::cohort_report::CSV_HEADER)
    );
    assert_eq!(
        &lines[1..5],
        [
            format!("lsns6,1,all,programme,Fredericia Kommune,Peer-mentorprojektet,2026-2,{week},<5,<5,<5,<5,<5,<5,x,x,x,x,"),
            format!("lsns6,1,all,programme,Kolding Kommune,Venneprojektet,2026-2,{week},20,14,15,1,0,2,8,0.4,<5,<5,"),
            format!("lsns6,1,all,programme,Vejle Kommune,Peer-mentorprojektet,2026-2,{week},10,10,12,2,0,4,5,0.5,0,0,"),
            "lsns6,1,all,combined,,,,,30,12.67,14,1.33,0.45,2.22,13,0.433,,,1".to_string(),
        ]
    );
    assert!(lines[6].starts_with("mhrm,2,all,combined,,,,,6,"), "{text}");

    let html = server.admin("/admin").await.text();
    assert!(html.contains("<h2 id=\"cohorts\">Forløb: før- og eftermålinger</h2>"));
    assert!(html.contains("<a href=\"#cohorts\">"));
    assert!(
        html.contains("Lubbens sociale netværksskala (LSNS-6), alle deltagere (sendt før opdelingen i peers og peer-mentorer) <small>(lsns6, version 1)</small>")
    );
    // The evaluator's note on the cut-off, under the instrument's heading.
    assert!(html.contains("LSNS-6 er valideret med personer på 65 år og derover."));
    assert!(
        html.contains("<th scope=\"row\" colspan=\"3\">Samlet</th><td class=\"figure\">30</td>"),
        "{html}"
    );
    assert!(html.contains("<td class=\"figure\">12,67</td><td class=\"figure\">14,00</td><td class=\"figure\">1,33 (0,45 til 2,22)</td><td class=\"figure\">43,3 %</td><td class=\"figure\">–</td>"), "{html}");
    assert!(html.contains("<td class=\"figure\">2,00 (0,00 til 4,00)</td><td class=\"figure\">50,0 %</td><td class=\"figure\">0,0 %</td>"));
    assert!(html.contains("<th scope=\"row\">Fredericia Kommune</th><td>Peer-mentorprojektet</td><td class=\"nowrap\">2026-2</td><td class=\"figure\">&lt;5</td>"));
    assert!(html.contains(
        "1 projekt indgår ikke i Samlet, fordi færre end 5 har begge målinger (under 5)."
    ));
    assert!(html.contains("Samlet andel i risiko efter kan ikke beregnes"));
    // The chart: labelled, described, one square per shown programme and
    // a diamond per instrument.
    assert!(html.contains("aria-labelledby=\"cohort-lsns6-v1-chart cohort-lsns6-v1-chart-desc\""));
    assert!(html.contains("<title id=\"cohort-lsns6-v1-chart\">"));
    assert!(html.contains("<desc id=\"cohort-lsns6-v1-chart-desc\">"));
    assert_eq!(html.matches("<polygon").count(), 2);
    assert_eq!(html.matches("<rect").count(), 3, "A, B and mhrm");
    assert!(html.contains("&lt;5 med begge målinger: vises ikke"));
    assert!(!html.contains("<script") && !html.contains("https://"));
}

async fn the_dashboard_says_when_there_are_no_cohorts(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    let html = server.admin("/admin").await.text();
    assert!(html.contains("Der er ikke modtaget nogen forløbstal endnu."));
    let json = server.admin("/admin/cohorts.json").await.json();
    assert_eq!(json, serde_json::json!({"instruments": []}));
    let csv = server.admin("/admin/cohorts.csv").await.text();
    assert_eq!(csv.lines().count(), 1);
}

async fn the_cohort_reports_need_the_admin_token(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    send_abc(&server).await;
    for path in ["/admin/cohorts.json", "/admin/cohorts.csv"] {
        let none = server.send("GET", path, &[], b"").await;
        assert_eq!(none.status, 401, "{path}");
        assert_eq!(none.json()["error"], "unauthorized");
        assert!(!none.text().contains("Vejle"));
        let wrong = server
            .send(
                "GET",
                path,
                &[("Authorization", "Bearer not-the-token-at-all")],
                b"",
            )
            .await;
        assert_eq!(wrong.status, 401, "{path}");
        let ok = server
            .send(
                "GET",
                path,
                &[("Authorization", &format!("Bearer {TOKEN}"))],
                b"",
            )
            .await;
        assert_eq!(ok.status, 200, "{path}");
        assert_eq!(ok.header("cache-control"), Some("no-store"));
    }
}

async fn cors_and_the_rate_limit_apply_as_on_the_other_submit_routes(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[
        "--allow-origin",
        "https://kommune.example",
        "--rate-limit",
        "60",
        "--rate-burst",
        "2",
    ]);
    let preflight = server
        .send(
            "OPTIONS",
            COHORTS,
            &[
                ("Origin", "https://kommune.example"),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ],
            b"",
        )
        .await;
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("https://kommune.example")
    );
    let body = submission("Vejle Kommune", "Peer-mentorprojektet", vec![report_a()]);
    for _ in 0..2 {
        let r = server
            .send(
                "POST",
                COHORTS,
                &[
                    ("Content-Type", "application/json"),
                    ("Origin", "https://kommune.example"),
                ],
                body.as_bytes(),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(
            r.header("access-control-allow-origin"),
            Some("https://kommune.example")
        );
    }
    let limited = server.post(COHORTS, &body).await;
    assert_eq!(limited.status, 429, "{}", limited.text());
    assert_eq!(limited.json()["error"], "rate_limited");
    assert!(limited.header("retry-after").is_some());
    // The forms keep their own buckets.
    let tally = r#"{"form":"feedback","version":2,"key":"after-cohorts-key-001","responses":1,"counts":{"heard":{"yes":1}}}"#;
    assert_eq!(server.post("/api/v1/increments", tally).await.status, 200);
}

async fn the_largest_submission_fits_the_body_limit(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    let big = |i: usize| CohortReport {
        // The longest id (64) and the longest group name.
        instrument: format!("{i:0>64}"),
        version: u32::MAX,
        group: CohortGroup::Mentors,
        with_both: Cell::Shown(99_999),
        lacking: row(
            &[
                Cell::Shown(11_111),
                Cell::Shown(22_222),
                Cell::Shown(33_333),
            ],
            Cell::Shown(66_666),
        ),
        mean_before: Some(12_345.67),
        mean_after: Some(-12_345.68),
        mean_change: Some(-24_691.35),
        ci95: Some((-24_691.36, -24_691.34)),
        at_risk_before: row(
            &[Cell::Shown(44_444), Cell::Shown(55_555)],
            Cell::Shown(99_999),
        ),
        at_risk_after: row(
            &[Cell::Shown(55_555), Cell::Shown(44_444)],
            Cell::Shown(99_999),
        ),
    };
    let submission = CohortSubmission {
        municipality: "M".repeat(80),
        programme: "P".repeat(80),
        round: "R".repeat(20),
        reports: (0..lokalform_forms::aggregate::MAX_COHORT_REPORTS)
            .map(big)
            .collect(),
        heard_from: vec![],
    };
    assert_eq!(submission.check(), Ok(()));
    let body = submission.to_json();
    assert!(body.len() < MAX_BODY_BYTES, "{} bytes", body.len());
    let r = server.post(COHORTS, &body).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["reports"], 20);
    assert_eq!(ws.count("SELECT COUNT(*) FROM cohort_reports").await, 20);
}

async fn reports_by_role_are_kept_apart_and_negative_numbers_are_plain_in_the_csv(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    // Peers got worse by 2 on average; mentors better by 1.
    let peers: Vec<(Option<f64>, Option<f64>)> = (0..6)
        .map(|i| (Some(12.0 + f64::from(i)), Some(10.0 + f64::from(i))))
        .collect();
    let mentors: Vec<(Option<f64>, Option<f64>)> = (0..5)
        .map(|i| {
            (
                Some(8.0 + f64::from(i)),
                Some(9.0 + f64::from(i) + f64::from(i % 2)),
            )
        })
        .collect();
    let reports = vec![
        Cohort::new(&peers, |t| t < 12.0).report_for("lsns6", 1, CohortGroup::Peers),
        Cohort::new(&mentors, |t| t < 12.0).report_for("lsns6", 1, CohortGroup::Mentors),
    ];
    let body = submission("Vejle Kommune", "=Peer-mentorprojektet", reports);
    let r = server.post(COHORTS, &body).await;
    assert_eq!(r.status, 200, "{}", r.text());

    let json = server.admin("/admin/cohorts.json").await.json();
    let groups: Vec<&str> = json["instruments"]
        .as_array()
        .expect("instruments")
        .iter()
        .map(|g| g["group"].as_str().expect("group"))
        .collect();
    assert_eq!(groups, ["peers", "mentors"]);

    let csv = server.admin("/admin/cohorts.csv").await.text();
    let week = IsoWeek::now().to_string();
    assert!(
        csv.contains(&format!(
            "lsns6,1,peers,programme,Vejle Kommune,'=Peer-mentorprojektet,2026-2,{week},6,14.5,12.5,-2,-2,-2,"
        )),
        "{csv}"
    );
    assert!(
        csv.contains("lsns6,1,peers,combined,,,,,6,14.5,12.5,-2,-2,-2,"),
        "{csv}"
    );
    assert!(csv.contains("lsns6,1,mentors,combined,,,,,5,"), "{csv}");
    // Only the text cells are guarded (the name, on each programme row);
    // no number is.
    assert_eq!(csv.matches("'").count(), 2, "{csv}");
    assert!(!csv.contains("'-"), "{csv}");

    let html = server.admin("/admin").await.text();
    assert!(html.contains("Lubbens sociale netværksskala (LSNS-6), peers <small>"));
    assert!(html.contains("Lubbens sociale netværksskala (LSNS-6), peer-mentorer <small>"));
    assert!(html.contains("id=\"cohort-lsns6-v1-mentors\""));
}

/// `picks` people picked `channel`, for each `(channel, picks)`.
fn heard(lists: &[(&str, usize)]) -> Vec<Vec<String>> {
    lists
        .iter()
        .flat_map(|(channel, n)| std::iter::repeat_n(vec![channel.to_string()], *n))
        .collect()
}

async fn how_they_heard_is_stored_with_the_round_suppressed_and_exported(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    let with = |lists: &[(&str, usize)]| {
        CohortSubmission {
            municipality: "Vejle Kommune".into(),
            programme: "Peer-mentorprojektet".into(),
            round: "2026-2".into(),
            reports: vec![report_a()],
            heard_from: channel_counts(&heard(lists)),
        }
        .to_json()
    };
    let body = with(&[("press", 7), ("participant", 2), ("cafe_activity", 5)]);
    assert!(body.contains(r#"{"channel":"participant","count":{"label":"<5","value":null}}"#));
    let r = server.post(COHORTS, &body).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let csv = server.admin("/admin/channels.csv").await;
    assert_eq!(csv.status, 200, "{}", csv.text());
    assert_eq!(
        csv.text(),
        "\u{feff}municipality,programme,round,received_week,channel,count\r\n\
         Vejle Kommune,Peer-mentorprojektet,2026-2,WEEK,cafe_activity,5\r\n\
         Vejle Kommune,Peer-mentorprojektet,2026-2,WEEK,participant,<5\r\n\
         Vejle Kommune,Peer-mentorprojektet,2026-2,WEEK,press,7\r\n"
            .replace("WEEK", &IsoWeek::now().to_string())
    );
    // A resend replaces the counts; one without counts keeps them.
    let r = server.post(COHORTS, &with(&[("press", 8)])).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = server.post(COHORTS, &with(&[])).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let csv = server.admin("/admin/channels.csv").await.text();
    assert!(csv.ends_with(",press,8\r\n"), "{csv}");
    assert_eq!(ws.count("SELECT COUNT(*) FROM cohort_channels").await, 1);
    // A small count sent as a number is refused, and nothing is stored.
    let shown = body.replace(
        r#"{"channel":"participant","count":{"label":"<5","value":null}}"#,
        r#"{"channel":"participant","count":{"label":"2","value":2}}"#,
    );
    let r = server.post(COHORTS, &shown).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(
        r.text().contains("heard_from[1].count.value"),
        "{}",
        r.text()
    );
    let csv = server.admin("/admin/channels.csv").await.text();
    assert!(csv.ends_with(",press,8\r\n"), "{csv}");
    // Behind the admin token.
    let r = server.send("GET", "/admin/channels.csv", &[], b"").await;
    assert_eq!(r.status, 401);
    assert!(!r.text().contains("Vejle"));
}

on_both_databases! {
    #[tokio::test] a_round_is_stored_and_a_resend_replaces_it,
    #[tokio::test] bad_cohorts_are_refused_with_a_path_and_change_nothing,
    #[tokio::test] the_combined_row_is_worked_out_from_the_published_figures,
    #[tokio::test] the_dashboard_says_when_there_are_no_cohorts,
    #[tokio::test] the_cohort_reports_need_the_admin_token,
    #[tokio::test] cors_and_the_rate_limit_apply_as_on_the_other_submit_routes,
    #[tokio::test] the_largest_submission_fits_the_body_limit,
    #[tokio::test] reports_by_role_are_kept_apart_and_negative_numbers_are_plain_in_the_csv,
    #[tokio::test] how_they_heard_is_stored_with_the_round_suppressed_and_exported,
}
