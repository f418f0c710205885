//! Reading cohort reports back (`CohortReport::from_json`) and the payload
//! to the collector (`CohortSubmission`): every report `to_json` writes
//! reads back equal and writes again to the same text; inconsistent or
//! leaking input is refused with the path of the problem; nothing panics.

use lokalform_forms::aggregate::{
    channel_counts, Cohort, CohortGroup, CohortReport, CohortSubmission, MAX_COHORT_REPORTS,
};
use proptest::prelude::*;

type Pair = (Option<f64>, Option<f64>);

fn at_risk(total: f64) -> bool {
    total < 12.0
}

// ---------------------------------------------------------------- strategies

fn measurement() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        4 => (0u32..=30).prop_map(|t| Some(f64::from(t))),
        1 => (-500i32..=500).prop_map(|t| Some(f64::from(t) / 7.0)),
        1 => Just(None),
    ]
}

fn pairs() -> impl Strategy<Value = Vec<Pair>> {
    prop_oneof![
        3 => prop::collection::vec((measurement(), measurement()), 0..=12),
        2 => prop::collection::vec((measurement(), measurement()), 0..=80),
    ]
}

fn instrument_id() -> impl Strategy<Value = String> {
    "[a-z0-9_-]{1,40}"
}

fn report() -> impl Strategy<Value = CohortReport> {
    (pairs(), instrument_id(), 1u32..=u32::MAX)
        .prop_map(|(pairs, id, version)| Cohort::new(&pairs, at_risk).report(&id, version))
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn problems(text: &str) -> Vec<String> {
    match CohortReport::from_json_text(text) {
        Ok(report) => panic!("accepted: {report:?}"),
        Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
    }
}

fn submission_problems(text: &str) -> Vec<String> {
    match CohortSubmission::from_json_text(text) {
        Ok(s) => panic!("accepted: {s:?}"),
        Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
    }
}

/// Whether one of `problems` starts with `prefix` (path and the start of
/// the message).
fn has(problems: &[String], prefix: &str) -> bool {
    problems.iter().any(|p| p.starts_with(prefix))
}

// ---------------------------------------------------------------- round trip

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_report_reads_back_equal_and_writes_the_same_text(report in report()) {
        let text = report.to_json();
        let read = CohortReport::from_json_text(&text);
        prop_assert_eq!(read.as_ref(), Ok(&report), "{}", text);
        prop_assert_eq!(read.map(|r| r.to_json()), Ok(text));
    }

    #[test]
    fn every_submission_reads_back_equal(
        reports in prop::collection::vec(report(), 1..=4),
        municipality in "[A-Za-zæøåÆØÅ][A-Za-zæøåÆØÅ .-]{0,40}[a-zæøå]",
        round in "(20[0-9]{2}(-[1-9][0-9]?)?|Forår 20[0-9]{2}|Hold [1-9])",
        // At most 5 + 25 = 30 channel ids: under the limit of 40.
        picks in prop::collection::vec(prop::collection::vec("[a-e]{1,2}", 0..3), 0..30),
    ) {
        let mut seen = std::collections::BTreeSet::new();
        let reports: Vec<CohortReport> = reports
            .into_iter()
            .filter(|r| seen.insert((r.instrument.clone(), r.version)))
            .collect();
        let submission = CohortSubmission {
            municipality,
            programme: "Peer-mentorprojektet".into(),
            round,
            reports,
            heard_from: channel_counts(&picks),
        };
        prop_assert_eq!(submission.check(), Ok(()));
        let text = submission.to_json();
        let read = CohortSubmission::from_json_text(&text);
        prop_assert_eq!(read.as_ref(), Ok(&submission));
        prop_assert_eq!(read.map(|s| s.to_json()), Ok(text));
    }

    /// Any text at all, and any one-character change of a valid report:
    /// an answer, never a panic; and whatever is accepted is stable.
    #[test]
    fn no_input_panics(
        report in report(),
        at in any::<prop::sample::Index>(),
        with in prop::sample::select(vec!["0", "1", "9", "-", ".", "e", "\"", "{", "}", "[", "]", ",", ":", "x", "<", "null", "true", " "]),
        noise in ".{0,200}",
    ) {
        let _ = CohortReport::from_json_text(&noise);
        let _ = CohortSubmission::from_json_text(&noise);
        let text = report.to_json();
        let chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len());
        let mut changed: String = chars[..i].iter().collect();
        changed.push_str(with);
        changed.extend(&chars[i + 1..]);
        if let Ok(read) = CohortReport::from_json_text(&changed) {
            let again = read.to_json();
            prop_assert_eq!(CohortReport::from_json_text(&again), Ok(read));
        }
    }
}

// ---------------------------------------------------------------- examples

/// 10 with both; 6 at risk before (4 not: `<5`, so 6 is hidden too), 5
/// after and 5 not.
fn ten() -> CohortReport {
    let mut pairs: Vec<Pair> = Vec::new();
    for i in 0..10 {
        let before = if i < 6 { 8.0 } else { 15.0 };
        let after = if i < 5 { 9.0 } else { 16.0 + f64::from(i) };
        pairs.push((Some(before), Some(after)));
    }
    pairs.push((Some(3.0), None));
    Cohort::new(&pairs, at_risk).report("lsns6", 1)
}

#[test]
fn the_example_reads_back() {
    let report = ten();
    let text = report.to_json();
    assert!(text.contains(r#""share":0.5"#), "{text}");
    assert_eq!(CohortReport::from_json_text(&text), Ok(report));
}

#[test]
fn a_published_count_from_1_to_4_is_refused() {
    let text = ten().to_json();
    // The withheld lacking row (total 1) with its count shown.
    let leaked = text.replace(
        r#""lacking":{"withheld":true,"total":{"label":"<5","value":null}"#,
        r#""lacking":{"withheld":true,"total":{"label":"1","value":1}"#,
    );
    assert_ne!(leaked, text);
    assert!(has(
        &problems(&leaked),
        "lacking.total.value: cell below 5 must be suppressed"
    ));
    // A value next to "<5".
    let with_value = text.replace(
        r#""not_at_risk":{"label":"<5","value":null}"#,
        r#""not_at_risk":{"label":"<5","value":4}"#,
    );
    assert_ne!(with_value, text);
    assert!(has(
        &problems(&with_value),
        "at_risk_before.not_at_risk.value: must be null when the label is \"<5\""
    ));
    // A label and a value that disagree.
    let disagree = text.replace(
        r#""with_both":{"label":"10","value":10}"#,
        r#""with_both":{"label":"10","value":11}"#,
    );
    assert!(has(&problems(&disagree), "with_both.value: must be 10"));
}

#[test]
fn means_with_fewer_than_5_are_refused() {
    let pairs = vec![(Some(10.0), Some(12.0)); 4];
    let text = Cohort::new(&pairs, at_risk).report("lsns6", 1).to_json();
    let with_mean = text.replace(r#""mean_before":null"#, r#""mean_before":10"#);
    assert_ne!(with_mean, text);
    assert_eq!(
        problems(&with_mean),
        ["mean_before: must be null: fewer than 5 have both measurements (with_both is <5)"]
    );
    // And missing when 5 or more have both.
    let mut missing = ten();
    missing.mean_after = None;
    assert_eq!(
        problems(&missing.to_json()),
        ["mean_after: is required when 5 or more have both measurements"]
    );
}

#[test]
fn an_inconsistent_interval_is_refused() {
    let report = ten();
    let (lo, hi) = report.ci95.unwrap();
    let mut swapped = report.clone();
    swapped.ci95 = Some((hi, lo));
    assert!(has(
        &problems(&swapped.to_json()),
        "ci95_low: is above ci95_high"
    ));
    // Before 10.8, after 16, change 5.2 with an interval narrower than 20.
    assert_eq!(
        (report.mean_before, report.mean_after, report.mean_change),
        (Some(10.8), Some(16.0), Some(5.2))
    );
    assert!(hi < 20.0);
    let mut outside = report.clone();
    outside.mean_change = Some(20.0);
    outside.mean_after = Some(30.8);
    assert_eq!(
        problems(&outside.to_json()),
        ["mean_change: must lie within its 95% interval (ci95_low to ci95_high)"]
    );
    let mut not_a_difference = report.clone();
    not_a_difference.mean_after = Some(report.mean_after.unwrap() + 0.5);
    assert_eq!(
        problems(&not_a_difference.to_json()),
        ["mean_change: must be mean_after - mean_before (up to rounding)"]
    );
    let mut precise = report;
    precise.mean_before = Some(precise.mean_before.unwrap() + 0.001);
    assert!(has(
        &problems(&precise.to_json()),
        "mean_before: must be rounded to 2 decimals"
    ));
}

#[test]
fn shares_must_match_their_counts_and_lie_in_0_to_1() {
    let text = ten().to_json();
    let wrong = text.replace(r#""share":0.5"#, r#""share":0.6"#);
    assert_eq!(
        problems(&wrong),
        ["at_risk_after.share: must be at_risk / total, rounded to 3 decimals"]
    );
    let outside = text.replace(r#""share":0.5"#, r#""share":1.5"#);
    assert_eq!(
        problems(&outside),
        ["at_risk_after.share: must be from 0 to 1"]
    );
    let negative = text.replace(r#""share":0.5"#, r#""share":-0.5"#);
    assert_eq!(
        problems(&negative),
        ["at_risk_after.share: must be from 0 to 1"]
    );
    // A share next to a hidden count.
    let hidden = text.replacen(r#""share":null"#, r#""share":0.6"#, 1);
    assert_ne!(hidden, text);
    assert!(has(
        &problems(&hidden),
        "at_risk_before.share: must be null"
    ));
}

#[test]
fn rows_must_add_up_and_hide_enough() {
    let text = ten().to_json();
    // at_risk_after is 5 and 5 of 10: make it 5 and 6.
    let wrong_sum = text.replace(
        r#""not_at_risk":{"label":"5","value":5}"#,
        r#""not_at_risk":{"label":"6","value":6}"#,
    );
    assert_ne!(wrong_sum, text);
    assert!(has(
        &problems(&wrong_sum),
        "at_risk_after.total: the cells do not add up to the total"
    ));
    // Un-hide the 6 next to the `<5`: the 4 follows from 10 - 6.
    let exposed = text.replace(
        r#""at_risk":{"label":"x","value":null}"#,
        r#""at_risk":{"label":"6","value":6}"#,
    );
    assert_ne!(exposed, text);
    assert!(has(
        &problems(&exposed),
        "at_risk_before.not_at_risk: could be worked out"
    ));
    // A withheld row with a cell shown.
    let pairs = vec![(Some(10.0), Some(12.0)); 3];
    let small = Cohort::new(&pairs, at_risk).report("lsns6", 1).to_json();
    let shown = small.replacen(
        r#""at_risk":{"label":"x","value":null}"#,
        r#""at_risk":{"label":"0","value":0}"#,
        1,
    );
    assert_ne!(shown, small);
    assert!(has(
        &problems(&shown),
        "at_risk_before.at_risk: must be \"x\": the row is withheld"
    ));
    // The at-risk rows count those with both.
    let other_total = text.replace(
        r#""with_both":{"label":"10","value":10}"#,
        r#""with_both":{"label":"11","value":11}"#,
    );
    assert!(has(
        &problems(&other_total),
        "at_risk_before.total: must equal with_both"
    ));
}

#[test]
fn wrong_types_unknown_members_and_bad_ids_are_refused_with_paths() {
    let text = ten().to_json();
    let cases = [
        (
            text.replace(r#""version":1"#, r#""version":"1""#),
            "version: expected a whole number",
        ),
        (
            text.replace(r#""version":1"#, r#""version":0"#),
            "version: must be 1 or more",
        ),
        (
            text.replace(r#""min_cell":5"#, r#""min_cell":3"#),
            "min_cell: is 3",
        ),
        (
            text.replace(r#""instrument":"lsns6""#, r#""instrument":"LSNS 6""#),
            "instrument: must be 1 to 64",
        ),
        (
            text.replace(
                r#""instrument":"lsns6""#,
                &format!(r#""instrument":"{}""#, "a".repeat(65)),
            ),
            "instrument: must be 1 to 64",
        ),
        (
            text.replace(r#""version":1"#, r#""version":1,"group":7"#),
            "group: expected a string",
        ),
        (
            text.replace(r#""withheld":false"#, r#""withheld":"no""#),
            "at_risk_before.withheld: expected true or false",
        ),
        (
            text.replace(r#""mean_before":"#, r#""mean_before":"8","y":"#),
            "mean_before: expected a number or null",
        ),
        (
            text.replace(r#""mean_before":"#, r#""participant":"Ida","mean_before":"#),
            "participant: unknown field",
        ),
        (
            text.replace(r#""label":"10""#, r#""label":"010""#),
            "with_both.label: expected a count",
        ),
        (
            text.replace(r#""mean_before":"#, r#""mean_before":1e400,"z":"#),
            "mean_before: must be from -100000 to 100000",
        ),
        ("[]".to_string(), "expected an object, found an array"),
        ("{".to_string(), "line 1, column 2"),
    ];
    for (input, want) in cases {
        let p = problems(&input);
        assert!(has(&p, want), "{want}: {p:?}");
    }
}

#[test]
fn instrument_ids_follow_the_definition_rule() {
    // The rule of every instrument definition (and form): 1-64 of
    // A-Z a-z 0-9 _ -. An imported instrument with capitals or a long id
    // can be sent, as it can be imported.
    let id = format!("MHRM_{}", "x".repeat(59));
    assert_eq!(id.len(), 64);
    assert!(lokalform_forms::schema::is_identifier(&id));
    let mut report = ten();
    report.instrument = id.clone();
    let mut s = submission();
    s.reports = vec![report];
    assert_eq!(s.check(), Ok(()));
    assert_eq!(lokalform_forms::aggregate::MAX_INSTRUMENT_ID, 64);
    let definition =
        lokalform_forms::instruments::LSNS6_JSON.replacen("\"lsns6\"", &format!("\"{id}\""), 1);
    let imported = lokalform_forms::instruments::Instrument::from_json(&definition).unwrap();
    assert_eq!(imported.id, id);
    for bad in ["", "ørsted", "a b", &"a".repeat(65)] {
        let mut report = ten();
        report.instrument = bad.to_string();
        let mut s = submission();
        s.reports = vec![report];
        assert!(s.check().is_err(), "{bad}");
        assert!(!lokalform_forms::schema::is_identifier(bad), "{bad}");
    }
}

fn submission() -> CohortSubmission {
    CohortSubmission {
        municipality: "Vejle Kommune".into(),
        programme: "Peer-mentorprojektet".into(),
        round: "2026-2".into(),
        reports: vec![ten()],
        heard_from: vec![],
    }
}

#[test]
fn submission_names_are_trimmed_and_checked() {
    let text = submission().to_json();
    let padded = text.replace("\"Vejle Kommune\"", "\"  Vejle Kommune \"");
    assert_eq!(CohortSubmission::from_json_text(&padded), Ok(submission()));
    let cases = [
        (
            "\"Vejle Kommune\"",
            "\"010190-1234\"",
            "municipality: looks like it holds personal data",
        ),
        (
            "\"Vejle Kommune\"",
            "\"Vejle 12345678\"",
            "municipality: looks like it holds personal data",
        ),
        (
            "\"Vejle Kommune\"",
            "\"ida@vejle.dk\"",
            "municipality: looks like it holds personal data",
        ),
        (
            "\"Vejle Kommune\"",
            "\"   \"",
            "municipality: must not be empty",
        ),
        (
            "\"Vejle Kommune\"",
            "\"Vejle\\nKommune\"",
            "municipality: must not contain control characters",
        ),
        ("\"Vejle Kommune\"", "17", "municipality: expected a string"),
        (
            "\"Peer-mentorprojektet\"",
            &format!("\"{}\"", "p".repeat(81)),
            "programme: is 81 characters long",
        ),
        (
            "\"2026-2\"",
            "\"Runde 2 i foråret 2026\"",
            "round: is 22 characters long",
        ),
        (
            "\"2026-2\"",
            "\"0101901234\"",
            "round: looks like it holds personal data",
        ),
    ];
    for (from, to, want) in cases {
        let p = submission_problems(&text.replace(from, to));
        assert!(has(&p, want), "{want}: {p:?}");
    }
    for round in ["2026", "2026-2", "2026-12", "Forår 2026", "Hold 3"] {
        let ok = text.replace("\"2026-2\"", &format!("\"{round}\""));
        assert!(CohortSubmission::from_json_text(&ok).is_ok(), "{round}");
    }
}

#[test]
fn submission_reports_are_checked_with_their_paths() {
    let mut two = submission();
    let second = Cohort::new(&[(Some(10.0), Some(12.0)); 4], at_risk).report("mhrm", 2);
    two.reports.push(second);
    let text = two.to_json();
    let leaked = text.replacen(
        r#""with_both":{"label":"<5","value":null}"#,
        r#""with_both":{"label":"4","value":4}"#,
        1,
    );
    assert_ne!(leaked, text);
    let p = submission_problems(&leaked);
    assert!(
        has(
            &p,
            "reports[1].with_both.value: cell below 5 must be suppressed"
        ),
        "{p:?}"
    );

    let mut twice = submission();
    twice.reports.push(ten());
    assert_eq!(
        twice.check().map_err(|p| p[0].to_string()),
        Err("reports[1]: instrument \"lsns6\" version 1 for all is also in reports[0]; send each instrument version and group once".to_string())
    );

    // By role, each role once; and never a total next to a role.
    let by_role = |group| {
        let mut r = ten();
        r.group = group;
        r
    };
    let mut roles = submission();
    roles.reports = vec![by_role(CohortGroup::Peers), by_role(CohortGroup::Mentors)];
    assert_eq!(roles.check(), Ok(()));
    roles.reports.push(ten());
    assert_eq!(
        roles.check().map_err(|p| p[0].to_string()),
        Err("reports[2].group: instrument \"lsns6\" version 1 is sent both for everyone and by role; send one or the other, since the total minus one role gives the other".to_string())
    );

    let mut none = submission();
    none.reports.clear();
    assert!(has(
        &submission_problems(&none.to_json()),
        "reports: must hold at least one report"
    ));
    let mut many = submission();
    many.reports = (0..=MAX_COHORT_REPORTS)
        .map(|i| Cohort::new(&[], at_risk).report(&format!("i{i}"), 1))
        .collect();
    assert!(has(
        &submission_problems(&many.to_json()),
        "reports: holds 21 reports; send at most 20"
    ));
    assert!(has(
        &submission_problems(&text.replace("\"round\"", "\"cpr\":\"x\",\"round\"")),
        "cpr: unknown field"
    ));
    assert!(has(
        &submission_problems(r#"{"municipality":"A","programme":"B","round":"C"}"#),
        "reports: is required"
    ));
}
