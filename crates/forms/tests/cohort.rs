//! Cohort before/after figures and the evaluator export: paired means, the
//! 95% interval, shares at risk, who lacks a measurement, and suppression.
//!
//! The recoverability check is the one of crates/forms/tests/suppression.rs: from
//! the published row alone and the reader's knowledge (shown cells exactly,
//! the total, `<5` is 1-4, a hidden cell in a row that is not withheld is 5
//! or more, in a withheld row 0 or more), every value each suppressed cell
//! can take is enumerated, and at least two must remain.

use lokalform_forms::aggregate::{
    t_975, Cell, Cohort, CohortGroup, CohortReport, Lacking, SuppressedRow, MIN_FOR_INTERVAL,
};
use lokalform_forms::instruments::Instrument;
use lokalform_text::json::{parse, Json};
use proptest::prelude::*;

mod common;
use common::consistent_values;

type Pair = (Option<f64>, Option<f64>);

fn lsns_at_risk(total: f64) -> bool {
    total < 12.0
}

// ---------------------------------------------------------------- the reader

/// The row tells no lie, shows nothing from 1 to 4, and pins down no
/// suppressed cell.
fn assert_row_safe(truth: &[u64], row: &SuppressedRow, what: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(row.cells.len(), truth.len(), "{}", what);
    let sum: u64 = truth.iter().sum();
    match row.total {
        Cell::Shown(t) => {
            prop_assert_eq!(t, sum, "{}", what);
            prop_assert!(!(1..5).contains(&t), "{}: total {} shown", what, t);
        }
        Cell::Small => prop_assert!((1..5).contains(&sum), "{}", what),
        Cell::Hidden => prop_assert!(false, "{}: hidden total", what),
    }
    for (&n, &cell) in truth.iter().zip(&row.cells) {
        if let Cell::Shown(shown) = cell {
            prop_assert_eq!(shown, n, "{}", what);
            prop_assert!(!(1..5).contains(&n), "{}: {} shown in {:?}", what, n, row);
        }
    }
    let values = consistent_values(row);
    for (i, ((&n, &cell), set)) in truth.iter().zip(&row.cells).zip(&values).enumerate() {
        prop_assert!(
            set.contains(&n),
            "{}: truth {} of cell {} excluded by {:?}",
            what,
            n,
            i,
            row
        );
        if !matches!(cell, Cell::Shown(_)) {
            prop_assert!(
                set.len() >= 2,
                "{}: cell {} of {:?} recoverable from {:?}: only {:?}",
                what,
                i,
                truth,
                row,
                set
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- strategies

fn lsns_total() -> impl Strategy<Value = f64> {
    (0u32..=30).prop_map(f64::from)
}

fn measurement() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![4 => lsns_total().prop_map(Some), 1 => Just(None)]
}

fn pairs() -> impl Strategy<Value = Vec<Pair>> {
    prop_oneof![
        3 => prop::collection::vec((measurement(), measurement()), 0..=12),
        2 => prop::collection::vec((measurement(), measurement()), 0..=60),
    ]
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1500,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Every member of the JSON export, by name.
fn member<'a>(json: &'a Json, path: &[&str]) -> &'a Json {
    path.iter().fold(json, |j, k| {
        j.get(k).unwrap_or_else(|| panic!("no {k} in {json}"))
    })
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_suppressed_cell_is_recoverable(pairs in pairs()) {
        let cohort = Cohort::new(&pairs, lsns_at_risk);
        let report = cohort.report("lsns6", 1);
        let n = cohort.with_both as u64;

        // The number with both: exact from 5 (or 0), `<5` otherwise.
        match report.with_both {
            Cell::Shown(k) => prop_assert!(k == n && (k == 0 || k >= 5)),
            Cell::Small => prop_assert!((1..5).contains(&n)),
            Cell::Hidden => prop_assert!(false, "with_both hidden"),
        }

        let lacking = [
            cohort.lacking_count(Lacking::Before) as u64,
            cohort.lacking_count(Lacking::After) as u64,
            cohort.lacking_count(Lacking::Both) as u64,
        ];
        assert_row_safe(&lacking, &report.lacking, "lacking")?;
        for (at_risk, row, what) in [
            (cohort.at_risk_before as u64, &report.at_risk_before, "before"),
            (cohort.at_risk_after as u64, &report.at_risk_after, "after"),
        ] {
            assert_row_safe(&[at_risk, n - at_risk], row, what)?;
            // The at-risk rows' totals say no more than `with_both` does.
            prop_assert_eq!(row.total, report.with_both);
            // A share is published only with its count, and then it adds
            // nothing to it.
            match (report_share(&report, what), row.cells[0]) {
                (Some(share), Cell::Shown(k)) => {
                    prop_assert!((share - k as f64 / n as f64).abs() <= 0.0005 + 1e-12);
                }
                (Some(_), cell) => prop_assert!(false, "share published with {:?}", cell),
                (None, _) => {}
            }
        }

        // The participants' total is not published: it would tie the
        // lacking row to with_both.
        let json = parse(&report.to_json()).unwrap();
        prop_assert!(json.get("participants").is_none());
    }

    #[test]
    fn fewer_than_five_never_publishes_a_mean(pairs in pairs()) {
        let cohort = Cohort::new(&pairs, lsns_at_risk);
        let report = cohort.report("lsns6", 1);
        let json = parse(&report.to_json()).unwrap();
        let csv = report.to_csv();
        let measures = ["mean_before", "mean_after", "mean_change", "ci95_low", "ci95_high"];
        if cohort.with_both < 5 {
            prop_assert_eq!(report.mean_before, None);
            prop_assert_eq!(report.mean_after, None);
            prop_assert_eq!(report.mean_change, None);
            prop_assert_eq!(report.ci95, None);
            for m in measures {
                prop_assert_eq!(member(&json, &[m]), &Json::Null);
            }
            prop_assert_eq!(member(&json, &["at_risk_before", "share"]), &Json::Null);
            prop_assert_eq!(member(&json, &["at_risk_after", "share"]), &Json::Null);
            let expected = if cohort.with_both == 0 { "" } else { "<5" };
            for m in ["mean_before", "mean_after", "mean_change", "mean_change_ci95_low", "mean_change_ci95_high"] {
                let line = format!("lsns6,1,all,{m},{expected}\r\n");
                prop_assert!(csv.contains(&line), "{} not in {}", line, csv);
            }
        } else {
            prop_assert!(report.mean_change.is_some());
            prop_assert!(report.ci95.is_some());
            for m in measures {
                prop_assert!(matches!(member(&json, &[m]), Json::Number(_)));
            }
        }
    }

    #[test]
    fn the_interval_holds_the_mean_change(pairs in pairs()) {
        let cohort = Cohort::new(&pairs, lsns_at_risk);
        if let (Some(m), Some((lo, hi))) = (cohort.mean_change, cohort.ci95) {
            prop_assert!(lo <= m && m <= hi, "{} not in [{}, {}]", m, lo, hi);
            let sd = cohort.sd_change.unwrap();
            let n = cohort.with_both as f64;
            let half = t_975(cohort.with_both - 1).unwrap() * sd / n.sqrt();
            prop_assert!((hi - lo - 2.0 * half).abs() < 1e-9);
        } else {
            // Too few to mean anything: no interval below MIN_FOR_INTERVAL.
            prop_assert!(cohort.with_both < MIN_FOR_INTERVAL);
        }
        let report = cohort.report("lsns6", 1);
        if let (Some(m), Some((lo, hi))) = (report.mean_change, report.ci95) {
            prop_assert!(lo <= m && m <= hi, "published {} not in [{}, {}]", m, lo, hi);
        }
    }

    #[test]
    fn figures_match_a_direct_computation(pairs in pairs()) {
        let cohort = Cohort::new(&pairs, lsns_at_risk);
        let both: Vec<(f64, f64)> = pairs.iter().filter_map(|&(b, a)| Some((b?, a?))).collect();
        prop_assert_eq!(cohort.participants, pairs.len());
        prop_assert_eq!(cohort.with_both, both.len());
        prop_assert_eq!(cohort.lacking.len() + both.len(), pairs.len());
        if !both.is_empty() {
            let n = both.len() as f64;
            let mb = both.iter().map(|p| p.0).sum::<f64>() / n;
            let ma = both.iter().map(|p| p.1).sum::<f64>() / n;
            prop_assert!((cohort.mean_before.unwrap() - mb).abs() < 1e-9);
            prop_assert!((cohort.mean_after.unwrap() - ma).abs() < 1e-9);
            prop_assert!((cohort.mean_change.unwrap() - (ma - mb)).abs() < 1e-9);
        }
        prop_assert_eq!(cohort.at_risk_before, both.iter().filter(|p| p.0 < 12.0).count());
        prop_assert_eq!(cohort.at_risk_after, both.iter().filter(|p| p.1 < 12.0).count());
    }
}

fn report_share(report: &CohortReport, what: &str) -> Option<f64> {
    if what == "before" {
        report.share_at_risk_before()
    } else {
        report.share_at_risk_after()
    }
}

// ---------------------------------------------------------------- examples

#[test]
fn t_table_and_beyond() {
    assert_eq!(t_975(0), None);
    assert_eq!(t_975(1), Some(12.7062));
    assert_eq!(t_975(4), Some(2.7764));
    assert_eq!(t_975(10), Some(2.2281));
    assert_eq!(t_975(29), Some(2.0452));
    assert_eq!(t_975(30), Some(2.0423));
    // Exact quantiles (to 7 decimals) beyond the table.
    for (df, exact) in [
        (31, 2.0395134),
        (33, 2.0345153),
        (40, 2.0210754),
        (60, 2.0002978),
        (120, 1.9799304),
        (1000, 1.9623391),
    ] {
        let t = t_975(df).unwrap();
        assert!((t - exact).abs() < 1e-6, "df {df}: {t} vs {exact}");
    }
    // Falls monotonically towards the normal quantile.
    let mut previous = f64::INFINITY;
    for df in 1..500 {
        let t = t_975(df).unwrap();
        assert!(t < previous && t > 1.959963, "df {df}: {t}");
        previous = t;
    }
}

#[test]
fn a_worked_example() {
    // Changes 1, 2, 3, 4, 5: mean 3, sd sqrt(2.5), t(4) = 2.7764.
    let pairs: Vec<Pair> = [
        (10.0, 11.0),
        (8.0, 10.0),
        (12.0, 15.0),
        (5.0, 9.0),
        (20.0, 25.0),
    ]
    .iter()
    .map(|&(b, a)| (Some(b), Some(a)))
    .collect();
    let cohort = Cohort::new(&pairs, lsns_at_risk);
    assert_eq!(cohort.with_both, 5);
    assert_eq!(cohort.mean_before, Some(11.0));
    assert_eq!(cohort.mean_after, Some(14.0));
    assert_eq!(cohort.mean_change, Some(3.0));
    let sd = cohort.sd_change.unwrap();
    assert!((sd - 2.5f64.sqrt()).abs() < 1e-12);
    let half = 2.7764 * 2.5f64.sqrt() / 5f64.sqrt();
    let (lo, hi) = cohort.ci95.unwrap();
    assert!((lo - (3.0 - half)).abs() < 1e-12 && (hi - (3.0 + half)).abs() < 1e-12);
    assert_eq!(cohort.at_risk_before, 3); // 10, 8, 5
    assert_eq!(cohort.at_risk_after, 3); // 11, 10, 9
    assert_eq!(cohort.share_at_risk_before(), Some(0.6));
    assert!(cohort.lacking.is_empty());

    let report = cohort.report("lsns6", 1);
    assert_eq!(report.with_both, Cell::Shown(5));
    assert_eq!(report.mean_change, Some(3.0));
    assert_eq!(report.ci95, Some((1.04, 4.96)));
    // 3 at risk and 2 not, before and after: both `<5`, no share.
    assert_eq!(report.at_risk_before.cells, [Cell::Small, Cell::Small]);
    assert!(!report.at_risk_before.withheld);
    assert_eq!(report.share_at_risk_before(), None);
    assert_eq!(
        report.to_csv(),
        "\u{feff}instrument,version,group,measure,value\r\n\
         lsns6,1,all,with_both,5\r\n\
         lsns6,1,all,lacking_total,0\r\n\
         lsns6,1,all,lacking_before,0\r\n\
         lsns6,1,all,lacking_after,0\r\n\
         lsns6,1,all,lacking_both,0\r\n\
         lsns6,1,all,mean_before,11\r\n\
         lsns6,1,all,mean_after,14\r\n\
         lsns6,1,all,mean_change,3\r\n\
         lsns6,1,all,mean_change_ci95_low,1.04\r\n\
         lsns6,1,all,mean_change_ci95_high,4.96\r\n\
         lsns6,1,all,at_risk_before,<5\r\n\
         lsns6,1,all,not_at_risk_before,<5\r\n\
         lsns6,1,all,share_at_risk_before,<5\r\n\
         lsns6,1,all,at_risk_after,<5\r\n\
         lsns6,1,all,not_at_risk_after,<5\r\n\
         lsns6,1,all,share_at_risk_after,<5\r\n"
    );
}

/// The manual's programme: about 51 participants, 34 with both
/// measurements, 17 hard cases.
fn programme() -> Vec<Pair> {
    let mut pairs = Vec::new();
    for i in 0..34u32 {
        let before = f64::from(6 + i % 12); // 6..=17
        let after = before + f64::from(i % 5) - 1.0; // -1..=+3
        pairs.push((Some(before), Some(after)));
    }
    for i in 0..12u32 {
        pairs.push((Some(f64::from(8 + i)), None)); // no exit / after-measurement
    }
    for _ in 0..3 {
        pairs.push((None, None)); // not yet matched
    }
    pairs.push((None, Some(14.0)));
    pairs.push((Some(9.0), Some(f64::NAN))); // unreadable: lacking
    pairs
}

#[test]
fn the_manuals_programme() {
    let lsns = Instrument::lsns6();
    let cohort = Cohort::new(&programme(), |t| lsns.flags(t));
    assert_eq!(cohort.participants, 51);
    assert_eq!(cohort.with_both, 34);
    assert_eq!(cohort.lacking.len(), 17);
    assert_eq!(cohort.lacking_count(Lacking::After), 13);
    assert_eq!(cohort.lacking_count(Lacking::Both), 3);
    assert_eq!(cohort.lacking_count(Lacking::Before), 1);
    assert_eq!(cohort.lacking[0], (34, Lacking::After));
    assert_eq!(*cohort.lacking.last().unwrap(), (50, Lacking::After));

    let report = cohort.report(&lsns.id, lsns.version);
    assert_eq!(report.with_both, Cell::Shown(34));
    assert!(report.mean_change.unwrap() > 0.0);
    let (lo, hi) = report.ci95.unwrap();
    assert!(lo < report.mean_change.unwrap() && report.mean_change.unwrap() < hi);
    // 1 lacks the before-measurement: `<5`, and with 3 (also `<5`) it
    // cannot be pinned down; 13 is shown.
    assert_eq!(
        report.lacking.cells,
        [Cell::Small, Cell::Shown(13), Cell::Small]
    );
    assert_eq!(report.lacking.total, Cell::Shown(17));

    let json = parse(&report.to_json()).unwrap();
    assert_eq!(member(&json, &["instrument"]).as_str(), Some("lsns6"));
    assert_eq!(member(&json, &["min_cell"]).as_u32(), Some(5));
    assert_eq!(member(&json, &["with_both", "value"]).as_u32(), Some(34));
    assert_eq!(
        member(&json, &["lacking", "before", "label"]).as_str(),
        Some("<5")
    );
    assert_eq!(member(&json, &["lacking", "before", "value"]), &Json::Null);
    assert_eq!(
        member(&json, &["lacking", "after", "value"]).as_u32(),
        Some(13)
    );
    // Nothing that could name a participant.
    let text = report.to_json();
    assert!(!text.contains("\"34,") && !text.contains("index"));
    let serde: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert!(serde["mean_change"].is_f64() || serde["mean_change"].is_i64());
}

#[test]
fn shares_are_published_with_their_counts() {
    // 10 with both: 6 at risk before, 2 after.
    let mut pairs: Vec<Pair> = Vec::new();
    for i in 0..10 {
        let before = if i < 6 { 8.0 } else { 15.0 };
        let after = if i < 2 { 9.0 } else { 16.0 };
        pairs.push((Some(before), Some(after)));
    }
    let report = Cohort::new(&pairs, lsns_at_risk).report("lsns6", 1);
    // 6 at risk, 4 not: the 4 is `<5`, so the 6 is hidden too.
    assert_eq!(report.at_risk_before.cells, [Cell::Hidden, Cell::Small]);
    assert_eq!(report.share_at_risk_before(), None);
    assert_eq!(report.at_risk_after.cells, [Cell::Small, Cell::Hidden]);

    let mut pairs2 = pairs.clone();
    for _ in 0..10 {
        pairs2.push((Some(10.0), Some(13.0)));
    }
    // 16 of 20 at risk before, 4 not: `<5` with a hidden complement.
    let report = Cohort::new(&pairs2, lsns_at_risk).report("lsns6", 1);
    assert_eq!(report.at_risk_before.cells, [Cell::Hidden, Cell::Small]);
    // 2 of 20 at risk after.
    assert_eq!(report.at_risk_after.cells, [Cell::Small, Cell::Hidden]);

    let mut pairs3 = pairs2.clone();
    for _ in 0..5 {
        pairs3.push((Some(20.0), Some(8.0)));
    }
    // Before: 16 at risk, 9 not; after: 7 at risk, 18 not.
    let report = Cohort::new(&pairs3, lsns_at_risk).report("lsns6", 1);
    assert_eq!(
        report.at_risk_before.cells,
        [Cell::Shown(16), Cell::Shown(9)]
    );
    assert_eq!(report.share_at_risk_before(), Some(0.64));
    assert_eq!(
        report.at_risk_after.cells,
        [Cell::Shown(7), Cell::Shown(18)]
    );
    assert_eq!(report.share_at_risk_after(), Some(0.28));
    let json = parse(&report.to_json()).unwrap();
    assert_eq!(
        member(&json, &["at_risk_after", "share"]),
        &Json::Number("0.28".into())
    );
    assert!(report
        .to_csv()
        .contains("lsns6,1,all,share_at_risk_before,0.64\r\n"));
}

#[test]
fn four_with_both_publish_nothing_paired() {
    let pairs: Vec<Pair> = (0..4).map(|i| (Some(f64::from(i)), Some(20.0))).collect();
    let cohort = Cohort::new(&pairs, lsns_at_risk);
    assert_eq!(cohort.mean_change, Some(18.5), "the worker sees it");
    let report = cohort.report("lsns6", 1);
    assert_eq!(report.with_both, Cell::Small);
    assert_eq!(report.mean_before, None);
    assert_eq!(report.ci95, None);
    assert!(report.at_risk_before.withheld);
    assert_eq!(report.at_risk_before.total, Cell::Small);
    let json = report.to_json();
    assert!(
        json.contains(r#""with_both":{"label":"<5","value":null}"#),
        "{json}"
    );
    assert!(json.contains(r#""mean_before":null,"mean_after":null,"mean_change":null,"ci95_low":null,"ci95_high":null"#));
    assert!(!json.contains("18.5"));
    let csv = report.to_csv();
    assert!(csv.contains("lsns6,1,all,with_both,<5\r\n"));
    assert!(csv.contains("lsns6,1,all,mean_change,<5\r\n"));
    assert!(csv.contains("lsns6,1,all,share_at_risk_before,x\r\n"));
    assert!(!csv.contains("18.5"));
}

#[test]
fn no_interval_for_fewer_than_five_even_for_the_worker() {
    // Four with both: the worker sees the means, but no interval (t = 3.18
    // for four people: it would say nothing about the programme).
    let four: Vec<Pair> = [(10.0, 12.0), (8.0, 11.0), (15.0, 15.0), (11.0, 14.0)]
        .iter()
        .map(|&(b, a)| (Some(b), Some(a)))
        .collect();
    let cohort = Cohort::new(&four, lsns_at_risk);
    assert_eq!(cohort.with_both, 4);
    assert_eq!(cohort.mean_change, Some(2.0));
    assert!(cohort.sd_change.is_some());
    assert_eq!(cohort.ci95, None);
    // From five on, there is one.
    let mut five = four.clone();
    five.push((Some(9.0), Some(10.0)));
    assert_eq!(MIN_FOR_INTERVAL, 5);
    assert!(Cohort::new(&five, lsns_at_risk).ci95.is_some());
}

#[test]
fn the_group_is_on_the_wire_only_for_a_role_and_in_every_csv_row() {
    let pairs = programme();
    let all = Cohort::new(&pairs, lsns_at_risk).report("lsns6", 1);
    assert_eq!(all.group, CohortGroup::All);
    assert!(!all.to_json().contains("\"group\""));
    let mentors = Cohort::new(&pairs, lsns_at_risk).report_for("lsns6", 1, CohortGroup::Mentors);
    let json = mentors.to_json();
    assert!(
        json.contains(r#""version":1,"group":"mentors","min_cell""#),
        "{json}"
    );
    assert_eq!(CohortReport::from_json_text(&json), Ok(mentors.clone()));
    let csv = CohortReport::to_csv_many(&[all, mentors]);
    assert_eq!(csv.matches(",all,").count(), 16);
    assert_eq!(csv.matches(",mentors,").count(), 16);
    // An unknown group is refused with its path.
    let bad = json.replace(r#""group":"mentors""#, r#""group":"leaders""#);
    let problems = CohortReport::from_json_text(&bad).unwrap_err();
    assert_eq!(problems[0].path, "group");
}

#[test]
fn several_reports_in_one_csv() {
    let pairs = programme();
    let a = Cohort::new(&pairs, lsns_at_risk).report("lsns6", 1);
    let b = Cohort::new(&pairs[..3], |t| t < 2.0).report("mhrm", 2);
    let csv = CohortReport::to_csv_many(&[a.clone(), b]);
    assert!(csv.starts_with("\u{feff}instrument,version,group,measure,value\r\n"));
    assert_eq!(csv.matches("\r\n").count(), 1 + 2 * 16);
    assert!(csv.contains("mhrm,2,all,with_both,<5\r\n"));
    assert_eq!(a.to_csv().matches("\r\n").count(), 17);
}

#[test]
fn negative_changes_and_numbers_in_csv_are_plain() {
    let pairs: Vec<Pair> = (0..6)
        .map(|i| (Some(20.0 + f64::from(i)), Some(10.0)))
        .collect();
    let report = Cohort::new(&pairs, lsns_at_risk).report("lsns6", 1);
    assert_eq!(report.mean_change, Some(-12.5));
    let csv = report.to_csv();
    assert!(csv.contains("lsns6,1,all,mean_change,-12.5\r\n"), "{csv}");
    assert!(report.to_json().contains(r#""mean_change":-12.5"#));
}
