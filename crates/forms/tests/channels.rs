//! How participants heard of a programme, as published counts: every count
//! from 1 to 4 is `<5`, and the collector's reader refuses anything else.

use lokalform_forms::aggregate::{
    channel_counts, Cell, ChannelCount, Cohort, CohortSubmission, MAX_CHANNELS,
};

fn picks(lists: &[(&str, usize)]) -> Vec<Vec<String>> {
    lists
        .iter()
        .flat_map(|(channel, n)| std::iter::repeat_n(vec![channel.to_string()], *n))
        .collect()
}

fn submission(heard_from: Vec<ChannelCount>) -> CohortSubmission {
    let pairs = vec![(Some(10.0), Some(12.0)); 6];
    CohortSubmission {
        municipality: "Vejle Kommune".into(),
        programme: "Peer-mentorprojektet".into(),
        round: "2026-2".into(),
        reports: vec![Cohort::new(&pairs, |t| t < 12.0).report("lsns6", 1)],
        heard_from,
    }
}

fn problems(text: &str) -> Vec<String> {
    CohortSubmission::from_json_text(text)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn each_count_from_1_to_4_is_suppressed_and_0_is_not_listed() {
    let mut all = picks(&[("press", 5), ("participant", 4), ("cafe_activity", 1)]);
    // One person picks two channels, and one channel twice: counted once.
    all.push(vec!["press".into(), "participant".into(), "press".into()]);
    all.push(vec![]);
    let counts = channel_counts(&all);
    let got: Vec<(&str, Cell)> = counts
        .iter()
        .map(|c| (c.channel.as_str(), c.count))
        .collect();
    assert_eq!(
        got,
        [
            ("cafe_activity", Cell::Small),
            ("participant", Cell::Shown(5)),
            ("press", Cell::Shown(6)),
        ]
    );
    for n in 1..5 {
        let counts = channel_counts(&picks(&[("press", n)]));
        assert_eq!(counts[0].count, Cell::Small, "{n}");
    }
    assert!(channel_counts(&[]).is_empty());
}

#[test]
fn the_counts_travel_in_the_submission_and_read_back_equal() {
    let s = submission(channel_counts(&picks(&[("press", 7), ("friends", 2)])));
    assert_eq!(s.check(), Ok(()));
    let text = s.to_json();
    assert!(
        text.ends_with(r#""heard_from":[{"channel":"friends","count":{"label":"<5","value":null}},{"channel":"press","count":{"label":"7","value":7}}]}"#),
        "{text}"
    );
    assert_eq!(CohortSubmission::from_json_text(&text), Ok(s));
    // Without counts the member is left out, as before it existed.
    let none = submission(vec![]);
    assert!(!none.to_json().contains("heard_from"));
    assert_eq!(CohortSubmission::from_json_text(&none.to_json()), Ok(none));
}

#[test]
fn a_shown_small_count_a_hidden_one_a_bad_id_or_a_channel_twice_is_refused() {
    let text = submission(channel_counts(&picks(&[("press", 7)]))).to_json();
    let small = text.replace(r#"{"label":"7","value":7}"#, r#"{"label":"3","value":3}"#);
    assert!(problems(&small)[0]
        .starts_with("heard_from[0].count.value: cell below 5 must be suppressed"));
    let hidden = text.replace(
        r#"{"label":"7","value":7}"#,
        r#"{"label":"x","value":null}"#,
    );
    assert_eq!(
        problems(&hidden),
        ["heard_from[0].count: must be a number or <5: no channel count is hidden"]
    );
    let name = text.replace(r#""channel":"press""#, r#""channel":"Ida Hansen""#);
    assert!(problems(&name)[0].starts_with("heard_from[0].channel: must be 1 to 64 of"));
    let twice = text.replace(
        r#"[{"channel":"press","count":{"label":"7","value":7}}]"#,
        r#"[{"channel":"press","count":{"label":"7","value":7}},{"channel":"press","count":{"label":"<5","value":null}}]"#,
    );
    assert_eq!(
        problems(&twice),
        ["heard_from[1].channel: \"press\" is counted twice; send each channel once"]
    );
    let extra = text.replace(
        r#""channel":"press","#,
        r#""channel":"press","name":"Ida","#,
    );
    assert!(problems(&extra)[0].starts_with("heard_from[0].name"));
    let many: Vec<(String, usize)> = (0..=MAX_CHANNELS).map(|i| (format!("c{i}"), 5)).collect();
    let many: Vec<(&str, usize)> = many.iter().map(|(c, n)| (c.as_str(), *n)).collect();
    let text = submission(channel_counts(&picks(&many))).to_json();
    assert_eq!(
        problems(&text),
        [format!(
            "heard_from: holds {} channels; send at most {MAX_CHANNELS}",
            MAX_CHANNELS + 1
        )]
    );
}
