//! The LSNS-6 answer sets of `tests/e2e/fixtures/lsns6-scores.json` score
//! as the fixture says: the same table the browser test compares
//! `<lokal-instrument>`'s score with, so the widget and the core agree.

use lokalform_forms::instruments::Instrument;
use lokalform_text::json::{parse, Json};

const CASES: &str = include_str!("../../../tests/e2e/fixtures/lsns6-scores.json");

fn number(case: &Json, name: &str) -> Option<f64> {
    match case.get(name)? {
        Json::Number(n) => n.parse().ok(),
        _ => None,
    }
}

#[test]
fn every_answer_set_in_the_browser_tests_table_scores_as_the_core_does() {
    let lsns = Instrument::lsns6();
    let table = parse(CASES).expect("the fixture is JSON");
    let cases = table.get("cases").and_then(Json::as_array).unwrap();
    assert!(cases.len() >= 6);
    for case in cases {
        let answers: Vec<(String, i64)> = match case.get("answers") {
            Some(Json::Object(members)) => members
                .iter()
                .map(|(id, v)| match v {
                    Json::Number(n) => (id.clone(), n.parse().unwrap()),
                    other => panic!("{other:?}"),
                })
                .collect(),
            other => panic!("{other:?}"),
        };
        let score = lsns.score(&answers);
        assert_eq!(score.total, number(case, "total"), "{answers:?}");
        assert_eq!(
            Some(score.flagged),
            case.get("flagged").and_then(Json::as_bool),
            "{answers:?}"
        );
        for sub in ["family", "friends"] {
            assert_eq!(
                score.subscale(sub).unwrap().score,
                number(case, sub),
                "{sub} {answers:?}"
            );
        }
        let missing: Vec<&str> = case
            .get("missing")
            .and_then(Json::as_array)
            .unwrap()
            .iter()
            .filter_map(Json::as_str)
            .collect();
        assert_eq!(score.missing, missing, "{answers:?}");
    }
}
