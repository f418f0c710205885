//! Reports per period (month or quarter) against a real server: the JSON
//! and CSV endpoints, the dashboard's trends, and that nothing suppressed
//! follows from everything published together.
//!
//! A submission is stamped with the week its answers were given, by the
//! collector's clock, which lies at most 7 weeks back; so earlier weeks
//! are written into the database as the collector stores them (counters
//! per form, version, question, option and ISO week) while it is stopped,
//! and recent weeks come in over HTTP.

#[macro_use]
mod common;

use common::{Db, Workspace, TOKEN};
use serde_json::Value;
use std::collections::HashMap;

/// (ISO week, responses, [(question, option, count)]) for the feedback form.
type Week<'a> = (&'a str, u64, &'a [(&'a str, &'a str, u64)]);

/// Four quarters of 2026. The third has only 3 responses: it must show as
/// `<5`, its counts must be hidden, and another quarter's responses must be
/// hidden too (or 3 = 78 − 20 − 30 − 25).
const YEAR: &[Week<'static>] = &[
    // Thursday 29 January: 1st quarter.
    (
        "2026-W05",
        20,
        &[
            ("overall", "1", 3),
            ("overall", "2", 8),
            ("overall", "3", 9),
            ("heard", "yes", 15),
            ("heard", "no", 5),
        ],
    ),
    // Thursday 14 May: 2nd quarter.
    (
        "2026-W20",
        30,
        &[
            ("overall", "3", 5),
            ("overall", "4", 10),
            ("overall", "5", 15),
            ("heard", "yes", 25),
            ("heard", "partly", 5),
        ],
    ),
    // Thursday 13 August: 3rd quarter.
    ("2026-W33", 3, &[("overall", "5", 3), ("heard", "yes", 3)]),
    // Thursday 1 October: 4th quarter.
    (
        "2026-W40",
        25,
        &[
            ("overall", "4", 10),
            ("overall", "5", 15),
            ("heard", "yes", 20),
            ("heard", "no", 5),
        ],
    ),
];

/// Writes the weeks into a stopped collector's database (either kind).
async fn write_weeks(ws: &Workspace, weeks: &[Week<'_>]) {
    let mut sql = String::new();
    for (week, responses, counts) in weeks {
        sql.push_str(&format!(
            "INSERT INTO responses (form, version, iso_week, count) VALUES ('feedback', 2, '{week}', {responses});\n"
        ));
        for (question, option, count) in counts.iter() {
            sql.push_str(&format!(
                "INSERT INTO counters (form, version, question, option, iso_week, count) \
                 VALUES ('feedback', 2, '{question}', '{option}', '{week}', {count});\n"
            ));
        }
    }
    ws.execute(&sql).await;
}

/// A workspace whose database holds `weeks`, and a server on it.
async fn server_with(db: Db, weeks: &[Week<'_>], extra: &[&str]) -> (Workspace, common::Server) {
    let ws = Workspace::on(db);
    ws.start(&[]).kill();
    write_weeks(&ws, weeks).await;
    let server = ws.start(extra);
    (ws, server)
}

fn labels(options: &Value) -> Vec<String> {
    options
        .as_array()
        .expect("options")
        .iter()
        .map(|o| o["count"]["label"].as_str().expect("label").to_string())
        .collect()
}

fn feedback(report: &Value) -> &Value {
    report["forms"]
        .as_array()
        .expect("forms")
        .iter()
        .find(|f| f["form"] == "feedback")
        .expect("the feedback form")
}

fn question<'a>(questions: &'a Value, id: &str) -> &'a Value {
    questions
        .as_array()
        .expect("questions")
        .iter()
        .find(|q| q["question"] == id)
        .expect("the question")
}

async fn the_report_per_quarter_suppresses_across_quarters(db: Db) {
    let (_ws, server) = server_with(db, YEAR, &[]).await;
    let trend = server.admin("/admin/trend.json").await;
    assert_eq!(trend.status, 200);
    assert_eq!(trend.header("content-type"), Some("application/json"));
    assert_eq!(trend.header("cache-control"), Some("no-store"));
    let trend = trend.json();
    assert_eq!(trend["period"], "quarter");
    let form = feedback(&trend);
    let periods = form["periods"].as_array().expect("periods");
    let ids: Vec<&str> = periods
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    assert_eq!(periods[0]["label"], "1. kvartal 2026");
    let responses: Vec<&str> = periods
        .iter()
        .map(|p| p["responses"]["label"].as_str().unwrap())
        .collect();
    // 3 is small; 20 is hidden with it, the smallest that keeps 3 unknown.
    assert_eq!(responses, ["x", "30", "<5", "25"]);
    // Both quarters are withheld in every question.
    for p in [0, 2] {
        for q in periods[p]["questions"].as_array().expect("questions") {
            assert_eq!(q["withheld"], true, "{q}");
            assert!(labels(&q["options"]).iter().all(|l| l == "x" || l == "0"));
            assert!(q["positive_share"].is_null());
        }
    }
    let overall = question(&periods[1]["questions"], "overall");
    assert_eq!(
        labels(&overall["options"]),
        ["0", "0", "5", "10", "15", "0"]
    );
    assert_eq!(overall["positive_options"], serde_json::json!(["4", "5"]));
    assert_eq!(overall["positive"], 25);
    let share = overall["positive_share"].as_f64().expect("a share");
    assert!((share - 25.0 / 30.0).abs() < 1e-9);
    let meeting = question(&periods[1]["questions"], "meeting");
    assert!(meeting["positive_share"].is_null());
    assert_eq!(meeting["positive_options"], serde_json::json!([]));

    // The all-time report shows the table's all-time row.
    let report = server.admin("/admin/report.json").await.json();
    let all = feedback(&report);
    assert_eq!(all["responses"]["label"], "78");
    let overall_all = question(&all["questions"], "overall");
    assert_eq!(overall_all["options"][0]["count"]["label"], "<5");
    assert!(
        labels(&overall_all["options"]).iter().all(|l| l != "3"),
        "{overall_all}"
    );

    assert_nothing_follows(&report, &trend);
}

async fn the_csv_per_period_matches_the_json(db: Db) {
    let (_ws, server) = server_with(db, YEAR, &[]).await;
    let trend = server.admin("/admin/trend.json").await.json();
    let csv = server.admin("/admin/trend.csv?form=feedback").await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(
        csv.header("content-disposition"),
        Some("attachment; filename=\"lokalform-feedback-perioder.csv\"")
    );
    let text = csv.text();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("\u{feff}form,version,period,period_label,question,option,label,count")
    );
    assert!(text.contains("feedback,2,2026-Q3,3. kvartal 2026,_responses,,Besvarelser,<5\r\n"));
    assert!(text.contains(
        "feedback,2,2026-Q2,2. kvartal 2026,overall,_positive_share,Andel positive svar,0.8333\r\n"
    ));
    assert!(text.contains(
        "feedback,2,2026-Q3,3. kvartal 2026,overall,_positive_share,Andel positive svar,\r\n"
    ));
    // Every cell of the CSV is the JSON's label.
    let form = feedback(&trend);
    let mut json_labels: HashMap<(String, String, String), String> = HashMap::new();
    for p in form["periods"].as_array().expect("periods") {
        let period = p["period"].as_str().unwrap().to_string();
        json_labels.insert(
            (period.clone(), "_responses".into(), String::new()),
            p["responses"]["label"].as_str().unwrap().to_string(),
        );
        for q in p["questions"].as_array().expect("questions") {
            for o in q["options"].as_array().expect("options") {
                json_labels.insert(
                    (
                        period.clone(),
                        q["question"].as_str().unwrap().to_string(),
                        o["option"].as_str().unwrap().to_string(),
                    ),
                    o["count"]["label"].as_str().unwrap().to_string(),
                );
            }
        }
    }
    let mut rows = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), 8, "{line}");
        assert_eq!(cells[0], "feedback");
        if cells[5].starts_with("_positive") {
            continue;
        }
        let key = (
            cells[2].to_string(),
            cells[4].to_string(),
            cells[5].to_string(),
        );
        assert_eq!(
            json_labels.get(&key).map(String::as_str),
            Some(cells[7]),
            "{line}"
        );
        rows += 1;
    }
    assert_eq!(rows, json_labels.len());
    let unknown = server.admin("/admin/trend.json?form=nope").await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.json()["error"], "unknown_form");
}

async fn months_are_chosen_in_the_configuration(db: Db) {
    let (_ws, server) = server_with(db, YEAR, &["--period", "month"]).await;
    let trend = server.admin("/admin/trend.json").await.json();
    assert_eq!(trend["period"], "month");
    let periods = feedback(&trend)["periods"]
        .as_array()
        .expect("periods")
        .clone();
    // January to October, every month in between included.
    assert_eq!(periods.len(), 10);
    assert_eq!(periods[0]["period"], "2026-01");
    assert_eq!(periods[0]["label"], "januar 2026");
    assert_eq!(periods[9]["period"], "2026-10");
    assert_eq!(periods[1]["responses"]["label"], "0");
    let report = server.admin("/admin/report.json").await.json();
    assert_nothing_follows(&report, &trend);
    let html = server.admin("/admin").await.text();
    assert!(html.contains("<th scope=\"col\">Måned</th>"));
    assert!(html.contains("hver måned for sig"));

    // An arbitrary range is not a setting.
    let ws = Workspace::new();
    let output = common::collector_command()
        .args(["--period", "week", "--forms"])
        .arg(ws.forms())
        .output()
        .expect("run");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("month") && stderr.contains("quarter"),
        "{stderr}"
    );
}

async fn a_submission_now_counts_in_the_current_period(db: Db) {
    let (_ws, server) = server_with(db, YEAR, &[]).await;
    let batch = r#"{"form":"feedback","version":2,"key":"trend-batch-key-00001","responses":6,
        "counts":{"overall":{"5":6}}}"#;
    let r = server.post("/api/v1/batches", batch).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let week = lokalform_collector::week::IsoWeek::now();
    let now = lokalform_collector::period::Period::of_week(
        week,
        lokalform_collector::period::PeriodKind::Quarter,
    );
    let trend = server.admin("/admin/trend.json").await.json();
    let periods = feedback(&trend)["periods"]
        .as_array()
        .expect("periods")
        .clone();
    let last = periods.last().expect("a period");
    assert_eq!(last["period"], now.id());
    let report = server.admin("/admin/report.json").await.json();
    assert_eq!(feedback(&report)["responses"]["label"], "84");
    assert_nothing_follows(&report, &trend);
}

/// A batch made 6 weeks ago on a tablet whose clock is 10 weeks slow
/// counts, in every report, in the month its answers were given (6 weeks
/// back: always another month than this week's), not in the month it
/// arrived.
async fn a_skewed_clock_counts_in_the_period_the_answers_were_given(db: Db) {
    use lokalform_collector::period::{Period, PeriodKind};
    let ws = Workspace::on(db);
    let server = ws.start(&["--period", "month"]);
    let now = lokalform_collector::week::Clock::system().week();
    let on_device = |weeks: i64| now.plus(weeks).expect("a week").to_string();
    let batch = |key: &str, made: String| {
        serde_json::json!({"form": "feedback", "version": 2, "key": key, "responses": 6,
            "counts": {"overall": {"5": 6}}, "week": made})
        .to_string()
    };
    for (key, made, device) in [
        ("skewed-batch-key-0001", on_device(-16), on_device(-10)),
        ("current-batch-key-001", on_device(0), on_device(0)),
    ] {
        let r = server
            .send(
                "POST",
                "/api/v1/batches",
                &[
                    ("Content-Type", "application/json"),
                    ("Lokalform-Device-Week", &device),
                ],
                batch(key, made).as_bytes(),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let given = Period::of_week(now.plus(-6).expect("a week"), PeriodKind::Month).id();
    let current = Period::of_week(now, PeriodKind::Month).id();
    assert_ne!(given, current);
    let trend = server.admin("/admin/trend.json").await.json();
    let periods = feedback(&trend)["periods"]
        .as_array()
        .expect("periods")
        .clone();
    let responses = |id: &str| {
        periods
            .iter()
            .find(|p| p["period"] == id)
            .map(|p| p["responses"]["label"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(responses(&given).as_deref(), Some("6"), "{trend}");
    assert_eq!(responses(&current).as_deref(), Some("6"), "{trend}");
    let csv = server.admin("/admin/trend.csv?form=feedback").await.text();
    for id in [&given, &current] {
        assert!(
            csv.lines()
                .any(|l| l.starts_with(&format!("feedback,2,{id},"))
                    && l.ends_with(",_responses,,Besvarelser,6")),
            "{id} in {csv}"
        );
    }
    let report = server.admin("/admin/report.json").await.json();
    assert_eq!(feedback(&report)["responses"]["label"], "12");
    assert_nothing_follows(&report, &trend);
}

async fn the_dashboard_shows_trends_in_danish_with_tables_and_gaps(db: Db) {
    let (_ws, server) = server_with(db, YEAR, &[]).await;
    let response = server.admin("/admin").await;
    assert_eq!(response.status, 200);
    let csp = response
        .header("content-security-policy")
        .expect("a policy")
        .to_string();
    assert!(csp.contains("form-action 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"));
    let html = response.text();
    assert!(!html.contains(" style="), "no style attributes");
    assert!(!html.contains("<script"));
    assert!(html.contains("@media print"));
    // The summary line.
    assert!(html.contains(
        "Svarene fordeler sig på 4 kvartaler (fra 1. kvartal 2026 til 4. kvartal 2026). \
         Seneste: 4. kvartal 2026 med 25 besvarelser. Andel positive svar på „Hvordan var mødet \
         alt i alt?“: 100,0 %."
    ));
    // The chart: a line, points, and dashed gaps for the quarters that are
    // not shown, with a title and description.
    let section = html
        .split("id=\"form-feedback-v2-overall\"")
        .nth(1)
        .and_then(|s| s.split("<h3").next())
        .expect("the overall question");
    assert!(section
        .contains("<svg role=\"img\" aria-labelledby=\"form-feedback-v2-overall-trend-title"));
    assert!(section.contains(
        "<title id=\"form-feedback-v2-overall-trend-title\">Andel positive svar pr. kvartal"
    ));
    assert!(section.contains("Positive svar er Godt og Meget godt."));
    assert_eq!(section.matches("<circle class=\"trend-point\"").count(), 2);
    assert_eq!(section.matches("<line class=\"gap\"").count(), 2);
    // Its table: caption, column and row headers, suppressed cells as such.
    assert!(section.contains("<table class=\"trend\">"));
    assert!(section.contains(
        "<caption id=\"form-feedback-v2-overall-trend-caption\">Svar og andel positive svar (Godt og Meget godt) pr. kvartal: Hvordan var mødet alt i alt?</caption>"
    ));
    assert!(section.contains("<th scope=\"col\">Kvartal</th><th scope=\"col\">Besvarelser</th>"));
    assert!(section.contains(
        "<tr><th scope=\"row\">3. kvartal 2026</th><td class=\"figure\">&lt;5</td><td class=\"figure\">x</td>"
    ));
    assert!(
        section.contains("<tr><th scope=\"row\">1. kvartal 2026</th><td class=\"figure\">x</td>")
    );
    assert!(section.contains(
        "<tr><th scope=\"row\">2. kvartal 2026</th><td class=\"figure\">30</td><td class=\"figure\">0</td><td class=\"figure\">0</td><td class=\"figure\">5</td><td class=\"figure\">10</td><td class=\"figure\">15</td><td class=\"figure\">0</td><td class=\"figure\">83,3 %</td></tr>"
    ));
    assert!(section.contains("<td class=\"figure\">vises ikke</td>"));
    // The filters: a plain GET form with labels.
    assert!(html.contains("<form class=\"filters\" method=\"get\" action=\"/admin\">"));
    assert!(html.contains("<label for=\"filter-form\">Skema</label>"));
    assert!(html.contains("<label for=\"filter-period\">Kvartal</label>"));
    assert!(html.contains("<option value=\"2026-Q2\">2. kvartal 2026</option>"));
    assert!(html.contains("<a href=\"/admin/trend.csv\">"));
    // Nothing small is written anywhere as its number (20 is shown
    // legitimately elsewhere: "Ja" in the 4th quarter).
    assert!(!html.contains(">3</td>") && !html.contains(">3</text>"));
}

async fn the_dashboard_filters_by_form_and_period(db: Db) {
    let (_ws, server) = server_with(db, YEAR, &[]).await;
    let all = server.admin("/admin").await.text();
    let html = server.admin("/admin?form=kiosk-check").await.text();
    assert!(html.contains("<option value=\"kiosk-check\" selected>"));
    assert!(!html.contains("id=\"form-feedback-v2\""));
    assert!(html.contains("id=\"form-kiosk-check-v2\""));
    assert!(!html.contains("Forløb: før- og eftermålinger</h2>"));

    let html = server
        .admin("/admin?form=feedback&period=2026-Q2")
        .await
        .text();
    assert!(html.contains("<option value=\"2026-Q2\" selected>2. kvartal 2026</option>"));
    assert!(html.contains("Søjlerne viser 2. kvartal 2026: 30 besvarelser."));
    assert!(html
        .contains("<caption>Antal svar: Hvordan var mødet alt i alt? (2. kvartal 2026)</caption>"));
    assert!(html.contains("<th scope=\"row\">Meget godt</th><td class=\"count\">15</td>"));
    // A withheld quarter says so.
    let html = server.admin("/admin?period=2026-Q3").await.text();
    assert!(html.contains("Søjlerne viser 3. kvartal 2026: &lt;5 besvarelser."));
    assert!(html.contains("tilbageholdt"));
    // The trend tables are the same whatever the filter.
    let trend_tables = |page: &str| -> Vec<String> {
        page.split("<table class=\"trend\">")
            .skip(1)
            .map(|t| t.split("</table>").next().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(trend_tables(&html), trend_tables(&all));
    // Unknown filters are said, in Danish, and everything is shown.
    let html = server.admin("/admin?form=nope&period=2026-13").await.text();
    assert!(html.contains("Der er intet skema med id „nope“. Alle skemaer vises."));
    assert!(html.contains("„2026-13“ er ikke en af rapportens perioder (kvartaler)."));
    assert!(html.contains("id=\"form-feedback-v2\""));
    // The admin token guards the new endpoints.
    for path in [
        "/admin/trend.json",
        "/admin/trend.csv",
        "/admin?period=2026-Q1",
    ] {
        let none = server.send("GET", path, &[], b"").await;
        assert_eq!(none.status, 401, "{path}");
    }
    let _ = TOKEN;
}

/// What a reader knows of one published label: its smallest and largest
/// value (`None`: no upper bound).
fn domain(label: &str, withheld: bool) -> (i128, Option<i128>) {
    match label {
        "<5" => (1, Some(4)),
        "x" if withheld => (0, None),
        "x" => (5, None),
        n => {
            let n: i128 = n.parse().expect("a number");
            (n, Some(n))
        }
    }
}

/// Checks, from the exports alone, that no cell shown as `<5` or `x` can
/// be worked out from everything published together: the all-time report,
/// and every period's responses and cells. Each question with "not
/// answered" gives the relations period cells = period responses, the
/// periods of an option = its all-time cell, all-time cells = all
/// responses; the responses give periods = all. No relation may have
/// exactly one unknown, and interval arithmetic over all of them together,
/// repeated until nothing changes, may pin no unknown to one value.
fn assert_nothing_follows(report: &Value, trend: &Value) {
    for (all, per) in report["forms"]
        .as_array()
        .expect("forms")
        .iter()
        .zip(trend["forms"].as_array().expect("forms"))
    {
        assert_eq!(all["form"], per["form"]);
        let mut vars: Vec<(i128, i128, bool, String)> = Vec::new();
        let mut add = |label: &str, withheld: bool, name: String| {
            let (lo, hi) = domain(label, withheld);
            vars.push((
                lo,
                hi.unwrap_or(1_000_000),
                !label.chars().all(|c| c.is_ascii_digit()),
                name,
            ));
            vars.len() - 1
        };
        let mut relations: Vec<Vec<(usize, i128)>> = Vec::new();
        let total_label = all["responses"]["label"].as_str().unwrap();
        let total = add(total_label, total_label == "<5", "all responses".into());
        let periods = per["periods"].as_array().expect("periods");
        let responses: Vec<usize> = periods
            .iter()
            .map(|p| {
                add(
                    p["responses"]["label"].as_str().unwrap(),
                    total_label == "<5",
                    format!("{} responses", p["period"]),
                )
            })
            .collect();
        if !periods.is_empty() {
            let mut r: Vec<(usize, i128)> = responses.iter().map(|&v| (v, 1)).collect();
            r.push((total, -1));
            relations.push(r);
        }
        for (qi, q) in all["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .enumerate()
        {
            let has_unanswered = q["options"]
                .as_array()
                .unwrap()
                .iter()
                .any(|o| o["option"] == "_unanswered");
            if !has_unanswered {
                continue;
            }
            let all_cells: Vec<usize> = q["options"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| {
                    add(
                        o["count"]["label"].as_str().unwrap(),
                        q["withheld"] == true,
                        format!("{} {} all", q["question"], o["option"]),
                    )
                })
                .collect();
            let mut r: Vec<(usize, i128)> = all_cells.iter().map(|&v| (v, 1)).collect();
            r.push((total, -1));
            relations.push(r);
            let mut columns: Vec<Vec<(usize, i128)>> =
                all_cells.iter().map(|&v| vec![(v, -1)]).collect();
            for (pi, p) in periods.iter().enumerate() {
                let pq = &p["questions"][qi];
                assert_eq!(pq["question"], q["question"]);
                let mut row: Vec<(usize, i128)> = vec![(responses[pi], -1)];
                for (c, o) in pq["options"].as_array().unwrap().iter().enumerate() {
                    let v = add(
                        o["count"]["label"].as_str().unwrap(),
                        pq["withheld"] == true,
                        format!("{} {} {}", q["question"], o["option"], p["period"]),
                    );
                    row.push((v, 1));
                    columns[c].push((v, 1));
                }
                relations.push(row);
            }
            if !periods.is_empty() {
                relations.extend(columns);
            }
        }
        for r in &relations {
            let unknown: Vec<&str> = r
                .iter()
                .filter(|(v, _)| vars[*v].2)
                .map(|(v, _)| vars[*v].3.as_str())
                .collect();
            assert_ne!(unknown.len(), 1, "{unknown:?} alone unknown in a relation");
        }
        for _ in 0..500 {
            let mut changed = false;
            for r in &relations {
                for &(j, sj) in r {
                    let (mut lo, mut hi) = (0i128, 0i128);
                    for &(i, si) in r {
                        if i != j {
                            let (a, b) = if si > 0 {
                                (-vars[i].1, -vars[i].0)
                            } else {
                                (vars[i].0, vars[i].1)
                            };
                            lo += a;
                            hi += b;
                        }
                    }
                    let (lo, hi) = if sj > 0 { (lo, hi) } else { (-hi, -lo) };
                    if lo > vars[j].0 {
                        vars[j].0 = lo;
                        changed = true;
                    }
                    if hi < vars[j].1 {
                        vars[j].1 = hi;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        for (lo, hi, unknown, name) in &vars {
            assert!(lo <= hi, "{name}: the truth does not fit what is published");
            if *unknown {
                assert!(lo < hi, "{name} follows from what is published: {lo}");
            }
        }
    }
}

on_both_databases! {
    #[tokio::test] the_report_per_quarter_suppresses_across_quarters,
    #[tokio::test] the_csv_per_period_matches_the_json,
    #[tokio::test] months_are_chosen_in_the_configuration,
    #[tokio::test] a_submission_now_counts_in_the_current_period,
    #[tokio::test] a_skewed_clock_counts_in_the_period_the_answers_were_given,
    #[tokio::test] the_dashboard_shows_trends_in_danish_with_tables_and_gaps,
    #[tokio::test] the_dashboard_filters_by_form_and_period,
}
