//! The wire payload: what a device sends, and what the collector accepts.

use lokalform_forms::aggregate::{is_idempotency_key, Counts, Tally, MAX_BATCH, MIN_KIOSK_BATCH};
use lokalform_forms::schema::{Form, FEEDBACK_FORM_JSON};
use proptest::prelude::*;
use std::collections::BTreeMap;

const KEY: &str = "0123456789abcdef-KEY_";

fn feedback() -> Form {
    Form::from_json(FEEDBACK_FORM_JSON).unwrap()
}

/// The feedback form without its comment field.
fn feedback_without_comments() -> Form {
    let mut v: serde_json::Value = serde_json::from_str(FEEDBACK_FORM_JSON).unwrap();
    v["fields"].as_array_mut().unwrap().pop();
    let form = Form::from_json(&v.to_string()).unwrap();
    assert!(form.comment_field().is_none());
    form
}

fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn counts(rows: &[(&str, &[(&str, u32)])]) -> Counts {
    rows.iter()
        .map(|(q, opts)| {
            (
                q.to_string(),
                opts.iter().map(|(o, n)| (o.to_string(), *n)).collect(),
            )
        })
        .collect()
}

/// A valid batch of `responses` on the feedback form.
fn batch(responses: u32) -> Tally {
    Tally {
        form: "feedback".into(),
        version: 2,
        key: KEY.into(),
        responses,
        counts: counts(&[("overall", &[("4", 1)])]),
        comments: Vec::new(),
        week: None,
    }
}

/// The problems as `path: message` lines.
fn problems(tally: &Tally, form: &Form, min: u32) -> Vec<String> {
    match tally.check_against(form, min) {
        Ok(()) => panic!("accepted {tally:?}"),
        Err(p) => p.iter().map(ToString::to_string).collect(),
    }
}

/// The paths of the problems.
fn paths(tally: &Tally, form: &Form, min: u32) -> Vec<String> {
    match tally.check_against(form, min) {
        Ok(()) => panic!("accepted {tally:?}"),
        Err(p) => p.into_iter().map(|p| p.path).collect(),
    }
}

// ---------------------------------------------------------------------------
// from_response

#[test]
fn one_response_counts_each_answered_aggregatable_question_once() {
    let form = feedback();
    let a = answers(&[
        ("overall", "4"),
        ("heard", "partly"),
        ("meeting", "network"),
    ]);
    let t = Tally::from_response(&form, KEY, &a, None);
    assert_eq!(t.form, "feedback");
    assert_eq!(t.version, 2);
    assert_eq!(t.key, KEY);
    assert_eq!(t.responses, 1);
    assert_eq!(
        t.counts,
        counts(&[
            ("heard", &[("partly", 1)]),
            ("meeting", &[("network", 1)]),
            ("overall", &[("4", 1)]),
        ])
    );
    assert!(t.comments.is_empty());
    t.check_against(&form, 1).unwrap();
}

/// "Vil helst ikke svare" is kept in the feedback box as the empty value,
/// which no option has: the question is left out, exactly as if skipped
/// (the receipt then says "Ikke besvaret").
#[test]
fn a_declined_question_is_sent_as_skipped() {
    let form = feedback();
    let declined = answers(&[("overall", "4"), ("heard", ""), ("meeting", "")]);
    let skipped = answers(&[("overall", "4")]);
    let t = Tally::from_response(&form, KEY, &declined, None);
    assert_eq!(t, Tally::from_response(&form, KEY, &skipped, None));
    assert_eq!(t.counts, counts(&[("overall", &[("4", 1)])]));
}

#[test]
fn unanswered_questions_are_not_counted() {
    let t = Tally::from_response(&feedback(), KEY, &BTreeMap::new(), None);
    assert!(t.counts.is_empty());
    assert_eq!(t.responses, 1);
}

#[test]
fn unknown_questions_and_options_are_left_out() {
    let a = answers(&[
        ("overall", "7"),
        ("heard", "YES"),
        ("cpr", "010190-1234"),
        ("next", "no"),
    ]);
    let t = Tally::from_response(&feedback(), KEY, &a, None);
    assert_eq!(t.counts, counts(&[("next", &[("no", 1)])]));
}

#[test]
fn the_comment_answer_is_never_counted() {
    // Even if a buggy widget puts the comment text in the answers.
    let a = answers(&[("comment", "Jeg hedder Ole"), ("overall", "3")]);
    let t = Tally::from_response(&feedback(), KEY, &a, None);
    assert_eq!(t.counts, counts(&[("overall", &[("3", 1)])]));
    assert!(!serde_json::to_string(&t).unwrap().contains("Ole"));
}

#[test]
fn non_aggregate_choice_is_not_counted() {
    let mut v: serde_json::Value = serde_json::from_str(FEEDBACK_FORM_JSON).unwrap();
    v["fields"][2]["aggregate"] = serde_json::json!(false);
    let form = Form::from_json(&v.to_string()).unwrap();
    let a = answers(&[("information", "yes"), ("heard", "yes")]);
    let t = Tally::from_response(&form, KEY, &a, None);
    assert_eq!(t.counts, counts(&[("heard", &[("yes", 1)])]));
}

#[test]
fn comment_is_trimmed_and_redacted() {
    let t = Tally::from_response(
        &feedback(),
        KEY,
        &BTreeMap::new(),
        Some("  Ring på 12 34 56 78, mit cpr er 010190-1234  "),
    );
    assert_eq!(
        t.comments,
        ["Ring på [telefonnummer fjernet], mit cpr er [CPR-nummer fjernet]"]
    );
    t.check_against(&feedback(), 1).unwrap();
}

#[test]
fn blank_comment_is_dropped() {
    for c in ["", "   ", "\n\t "] {
        let t = Tally::from_response(&feedback(), KEY, &BTreeMap::new(), Some(c));
        assert!(t.comments.is_empty(), "{c:?}");
    }
}

#[test]
fn comment_is_clipped_to_the_limit_in_characters() {
    let text = "æ".repeat(600);
    let t = Tally::from_response(&feedback(), KEY, &BTreeMap::new(), Some(&text));
    assert_eq!(t.comments, ["æ".repeat(500)]);
    t.check_against(&feedback(), 1).unwrap();
}

#[test]
fn comment_on_a_form_without_comment_field_is_dropped() {
    let form = feedback_without_comments();
    let t = Tally::from_response(&form, KEY, &answers(&[("overall", "5")]), Some("Tak"));
    assert!(t.comments.is_empty());
    t.check_against(&form, 1).unwrap();
}

/// Clipping happens before redaction, so an address that straddles the
/// limit is cut into something the redactor no longer recognises.
#[test]
fn clipping_never_leaves_part_of_an_email_address() {
    let address = "ole.hansen@gmail.com";
    let mut leaks = Vec::new();
    for pad in 470..=500 {
        let text = format!("{} {address}", "a".repeat(pad));
        let t = Tally::from_response(&feedback(), KEY, &BTreeMap::new(), Some(&text));
        let comment = &t.comments[0];
        if comment.contains("ole.hansen@") {
            leaks.push(format!(
                "pad {pad}: comment ends {:?}",
                &comment[comment.len() - 25..]
            ));
        }
    }
    assert!(
        leaks.is_empty(),
        "partial address leaks:\n{}",
        leaks.join("\n")
    );
}

/// Same for a CPR number: the date of birth must not survive a clip.
#[test]
fn clipping_never_leaves_a_date_of_birth() {
    let cpr = "010190-1234";
    let mut leaks = Vec::new();
    for pad in 480..=500 {
        let text = format!("{} {cpr}", "a".repeat(pad));
        let t = Tally::from_response(&feedback(), KEY, &BTreeMap::new(), Some(&text));
        let comment = &t.comments[0];
        if comment.contains("0101") {
            leaks.push(format!(
                "pad {pad}: comment ends {:?}",
                &comment[comment.len() - 25..]
            ));
        }
    }
    assert!(leaks.is_empty(), "partial CPR leaks:\n{}", leaks.join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever the citizen writes, what the device builds passes the
    /// collector's check (redaction may lengthen a comment; the check must
    /// allow for that).
    #[test]
    fn any_single_response_passes_the_collectors_check(
        overall in prop::option::of(prop::sample::select(vec!["1", "2", "3", "4", "5", "0"])),
        heard in prop::option::of(prop::sample::select(vec!["yes", "partly", "no", "maybe"])),
        comment in prop::option::of(prop_oneof![
            "[a-zæøå0-9 @.+-]{0,700}",
            prop::collection::vec(prop::sample::select(vec!["+123456", "a@b.c", "123456", " "]), 0..200)
                .prop_map(|v| v.concat()),
        ]),
    ) {
        let form = feedback();
        let mut a = BTreeMap::new();
        if let Some(o) = overall { a.insert("overall".to_string(), o.to_string()); }
        if let Some(h) = heard { a.insert("heard".to_string(), h.to_string()); }
        let t = Tally::from_response(&form, KEY, &a, comment.as_deref());
        prop_assert_eq!(t.check_against(&form, 1), Ok(()));
        prop_assert!(t.comments.len() <= 1);
        for row in t.counts.values() {
            prop_assert_eq!(row.values().sum::<u32>(), 1);
        }
    }

    /// Redaction labels are longer than what they replace ("+123456" becomes
    /// "[telefonnummer fjernet]"); a comment full of them, at any limit, must
    /// still pass the collector's length check.
    #[test]
    fn comments_that_grow_under_redaction_still_pass_the_check(
        limit in prop_oneof![Just(500u32), 1u32..=40, 1u32..=2000],
        pieces in prop::sample::subsequence(
            vec!["+123456", "a@b.c", "123456", "12345678", "0101901234", "x"],
            1..=3,
        )
        .prop_flat_map(|set| prop::collection::vec(prop::sample::select(set), 1..400)),
        sep in prop::sample::select(vec!["", " ", "\n", ", "]),
    ) {
        let mut v: serde_json::Value = serde_json::from_str(FEEDBACK_FORM_JSON).unwrap();
        v["fields"][5]["max_length"] = serde_json::json!(limit);
        let form = Form::from_json(&v.to_string()).unwrap();
        let text = pieces.join(sep);
        let t = Tally::from_response(&form, KEY, &BTreeMap::new(), Some(&text));
        prop_assert_eq!(t.check_against(&form, 1), Ok(()), "limit {} comment {:?}", limit, t.comments);
    }

    /// Absorbing single responses gives per-option sums equal to the number
    /// of responses that chose it, and comments come out sorted.
    #[test]
    fn absorb_sums_counts_and_sorts_comments(
        picks in prop::collection::vec(
            (
                prop::sample::select(vec!["1", "2", "3", "4", "5"]),
                prop::option::of("[a-zæ ]{1,12}"),
            ),
            1..40,
        )
    ) {
        let form = feedback();
        let mut total = Tally::from_response(&form, KEY, &answers(&[("overall", picks[0].0)]), picks[0].1.as_deref());
        for (p, c) in &picks[1..] {
            total.absorb(&Tally::from_response(&form, KEY, &answers(&[("overall", *p)]), c.as_deref()));
        }
        prop_assert_eq!(total.responses as usize, picks.len());
        for value in ["1", "2", "3", "4", "5"] {
            let expected = picks.iter().filter(|(p, _)| *p == value).count() as u32;
            prop_assert_eq!(total.counts["overall"].get(value).copied(), (expected > 0).then_some(expected));
        }
        let mut expected_comments: Vec<String> = picks
            .iter()
            .filter_map(|(_, c)| c.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(String::from))
            .collect();
        expected_comments.sort();
        prop_assert_eq!(&total.comments, &expected_comments);
        let min = MIN_KIOSK_BATCH.min(picks.len() as u32);
        prop_assert_eq!(total.check_against(&form, min), Ok(()));
    }

    #[test]
    fn json_round_trip_preserves_every_tally(
        responses in 1u32..=MAX_BATCH,
        n in 0u32..=50,
        comments in prop::collection::vec("[a-zæøå \"\\\\\n]{1,20}", 0..3),
    ) {
        let mut t = batch(responses);
        t.counts = counts(&[("overall", &[("1", n), ("5", 2)]), ("heard", &[("no", 1)])]);
        t.comments = comments;
        let json = serde_json::to_string(&t).unwrap();
        let back: Tally = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, t);
    }
}

#[test]
fn absorb_merges_new_questions_and_options() {
    let mut a = batch(5);
    a.counts = counts(&[("overall", &[("4", 3)])]);
    a.comments = vec!["b".into()];
    let mut b = batch(6);
    b.counts = counts(&[("overall", &[("4", 2), ("1", 1)]), ("heard", &[("yes", 6)])]);
    b.comments = vec!["c".into(), "a".into()];
    a.absorb(&b);
    assert_eq!(a.responses, 11);
    assert_eq!(
        a.counts,
        counts(&[("heard", &[("yes", 6)]), ("overall", &[("1", 1), ("4", 5)])])
    );
    assert_eq!(a.comments, ["a", "b", "c"]);
    assert_eq!(a.key, KEY, "absorbing keeps the batch's own key");
}

// ---------------------------------------------------------------------------
// check_against: each rejection with its path.

#[test]
fn valid_batches_pass() {
    let form = feedback();
    batch(1).check_against(&form, 1).unwrap();
    batch(MIN_KIOSK_BATCH)
        .check_against(&form, MIN_KIOSK_BATCH)
        .unwrap();
    batch(MAX_BATCH)
        .check_against(&form, MIN_KIOSK_BATCH)
        .unwrap();
}

#[test]
fn wrong_form_id_is_rejected() {
    let mut t = batch(1);
    t.form = "recruitment".into();
    assert_eq!(
        problems(&t, &feedback(), 1),
        [r#"form: expected "feedback""#]
    );
}

#[test]
fn wrong_version_is_rejected() {
    let mut t = batch(1);
    t.version = 1;
    assert_eq!(problems(&t, &feedback(), 1), ["version: expected 2"]);
}

#[test]
fn bad_idempotency_keys_are_rejected() {
    for key in [
        "",
        "short",
        "0123456789abcde",     // 15
        "øøøøøøøøøøøøøøøø",    // 16 characters, 32 bytes, not ASCII
        "æ0123456789abcde",    // 17 bytes, non-ASCII
        "0123456789abcdef 12", // space
        "0123456789abcdef.12", // dot
        &"a".repeat(65),
    ] {
        let mut t = batch(1);
        t.key = key.into();
        assert_eq!(paths(&t, &feedback(), 1), ["key"], "{key:?}");
        assert!(!is_idempotency_key(key), "{key:?}");
    }
    for key in [
        "0123456789abcdef",
        &"a".repeat(64),
        "3f9a1c0e-7b2d-4e8f-9a6b-1c2d3e4f5a6b",
    ] {
        let mut t = batch(1);
        t.key = key.into();
        t.check_against(&feedback(), 1).unwrap();
    }
}

#[test]
fn responses_below_the_minimum_are_rejected() {
    assert_eq!(
        problems(&batch(4), &feedback(), MIN_KIOSK_BATCH),
        ["responses: must be at least 5"]
    );
    let mut empty = batch(0);
    empty.counts.clear();
    assert_eq!(
        problems(&empty, &feedback(), 0),
        ["responses: must be at least 1"]
    );
}

#[test]
fn responses_above_max_batch_are_rejected() {
    assert_eq!(
        problems(&batch(MAX_BATCH + 1), &feedback(), 1),
        [format!("responses: must be at most {MAX_BATCH}")]
    );
}

#[test]
fn unknown_question_is_rejected() {
    let mut t = batch(1);
    t.counts
        .insert("age".into(), [("40".to_string(), 1)].into());
    assert_eq!(
        problems(&t, &feedback(), 1),
        ["counts.age: unknown question"]
    );
}

#[test]
fn counts_for_the_comment_field_are_rejected() {
    let mut t = batch(1);
    t.counts
        .insert("comment".into(), [("Ole".to_string(), 1)].into());
    assert_eq!(
        problems(&t, &feedback(), 1),
        ["counts.comment: this question may not be counted"]
    );
}

#[test]
fn unknown_option_is_rejected() {
    let mut t = batch(5);
    t.counts = counts(&[("overall", &[("6", 1)]), ("heard", &[("yes", 1)])]);
    assert_eq!(
        problems(&t, &feedback(), 1),
        ["counts.overall.6: unknown option"]
    );
}

#[test]
fn zero_count_is_rejected() {
    let mut t = batch(5);
    t.counts = counts(&[("overall", &[("4", 0), ("5", 2)])]);
    assert_eq!(
        problems(&t, &feedback(), 1),
        ["counts.overall.4: must be 1 or more"]
    );
}

#[test]
fn more_answers_than_responses_is_rejected() {
    let mut t = batch(5);
    t.counts = counts(&[("overall", &[("4", 3), ("5", 3)]), ("heard", &[("yes", 5)])]);
    assert_eq!(
        problems(&t, &feedback(), 1),
        ["counts.overall: 6 answers is more than the 5 responses"]
    );
}

#[test]
fn huge_counts_do_not_overflow_the_sum() {
    let mut t = batch(5);
    t.counts = counts(&[("overall", &[("4", u32::MAX), ("5", u32::MAX)])]);
    assert_eq!(paths(&t, &feedback(), 1), ["counts.overall"]);
}

#[test]
fn comments_on_a_form_without_comment_field_are_rejected() {
    let mut t = batch(1);
    t.comments = vec!["Tak".into()];
    assert_eq!(
        problems(&t, &feedback_without_comments(), 1),
        ["comments: this form does not allow comments"]
    );
}

#[test]
fn more_comments_than_responses_are_rejected() {
    let mut t = batch(2);
    t.comments = vec!["a".into(), "b".into(), "c".into()];
    assert_eq!(
        problems(&t, &feedback(), 1),
        ["comments: more comments than responses"]
    );
}

#[test]
fn oversize_and_empty_comments_are_rejected() {
    let mut t = batch(3);
    t.comments = vec!["ok".into(), "x".repeat(500 * 4 + 1), String::new()];
    assert_eq!(paths(&t, &feedback(), 1), ["comments[1]", "comments[2]"]);
    let p = problems(&t, &feedback(), 1);
    assert_eq!(p[0], "comments[1]: must be 1-500 characters");
}

#[test]
fn all_problems_are_reported_together() {
    let t = Tally {
        form: "x".into(),
        version: 9,
        key: "k".into(),
        responses: 0,
        counts: counts(&[("age", &[("1", 1)]), ("overall", &[("9", 1)])]),
        comments: vec![String::new()],
        week: None,
    };
    assert_eq!(
        paths(&t, &feedback(), 1),
        [
            "form",
            "version",
            "key",
            "responses",
            "counts.age",
            "counts.overall.9",
            "counts.overall",
            "comments",
            "comments[0]"
        ]
    );
}

// ---------------------------------------------------------------------------
// JSON

#[test]
fn json_has_no_comments_key_when_there_are_none() {
    let json = serde_json::to_value(batch(1)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "form": "feedback", "version": 2, "key": KEY, "responses": 1,
            "counts": {"overall": {"4": 1}}
        })
    );
}

#[test]
fn unknown_json_fields_are_rejected() {
    for extra in [
        r#""ip":"10.0.0.1""#,
        r#""timestamp":"2024-05-01T10:00:00Z""#,
        r#""user":"ole""#,
    ] {
        let json = format!(
            r#"{{"form":"feedback","version":1,"key":"{KEY}","responses":1,"counts":{{}},{extra}}}"#
        );
        let err = serde_json::from_str::<Tally>(&json).unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{extra}: {err}");
    }
}

#[test]
fn missing_json_fields_are_rejected() {
    let json = r#"{"form":"feedback","version":1,"responses":1,"counts":{}}"#;
    let err = serde_json::from_str::<Tally>(json).unwrap_err();
    assert!(err.to_string().contains("missing field `key`"), "{err}");
}

#[test]
fn negative_counts_do_not_parse() {
    let json = format!(
        r#"{{"form":"feedback","version":1,"key":"{KEY}","responses":1,"counts":{{"overall":{{"4":-1}}}}}}"#
    );
    assert!(serde_json::from_str::<Tally>(&json).is_err());
}

// ---------------------------------------------------------------------------
// The hand-written wire JSON (used in the browser) and serde (used by the
// collector) must agree exactly.

fn any_tally() -> impl Strategy<Value = Tally> {
    (
        "[a-z-]{1,12}",
        any::<u32>(),
        "[A-Za-z0-9_-]{16,64}",
        any::<u32>(),
        prop::collection::btree_map(
            "[a-zA-Z0-9_\"\\\\æ -]{1,8}",
            prop::collection::btree_map("[a-z0-9\n\t\u{1}-]{1,6}", any::<u32>(), 0..4),
            0..5,
        ),
        prop::collection::vec("\\PC{0,40}|[\"\\\\\n\r\t\u{0}-\u{1f}]{0,5}", 0..3),
        prop::option::of("[0-9]{4}-W[0-9]{2}"),
    )
        .prop_map(
            |(form, version, key, responses, counts, comments, week)| Tally {
                form,
                version,
                key,
                responses,
                counts: counts
                    .into_iter()
                    .map(|(q, row)| (q, row.into_iter().collect()))
                    .collect(),
                comments,
                week,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    /// What the widget writes is what the collector reads.
    #[test]
    fn serde_reads_the_hand_written_json_back_exactly(t in any_tally()) {
        let back: Tally = serde_json::from_str(&t.to_json()).unwrap();
        prop_assert_eq!(back, t);
    }

    /// And the browser's reader reads what serde writes.
    #[test]
    fn the_small_reader_reads_serde_json_exactly(t in any_tally()) {
        let text = serde_json::to_string(&t).unwrap();
        prop_assert_eq!(Tally::from_json(&text), Ok(t));
    }

    /// The small JSON parser never panics and agrees with serde_json on
    /// what is valid JSON.
    #[test]
    fn json_parser_agrees_with_serde_json_on_validity(text in "[\\[\\]{}\",:0-9a-z.eE+\\- \\\\u]{0,24}") {
        let ours = lokalform_text::json::parse(&text).is_ok();
        let theirs = serde_json::from_str::<serde_json::Value>(&text).is_ok();
        // serde_json accepts duplicate keys (last wins); we refuse them.
        if !(theirs && !ours && text.contains(':')) {
            prop_assert_eq!(ours, theirs, "{:?}", text);
        }
    }
}

#[test]
fn small_reader_reports_type_problems_with_paths() {
    let err = Tally::from_json(r#"{"form":"f","version":"1","key":"k","responses":1,"counts":{"q":{"a":-1}},"comments":[3]}"#)
        .unwrap_err();
    let got: Vec<String> = err.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        vec![
            "version: expected a whole number from 0 to 4294967295, found a string",
            "counts.q.a: expected a whole number from 0 to 4294967295, found a number",
            "comments[0]: expected a string, found a number",
        ]
    );
}

/// The shipped exit form, whose `what_next_peer` is a multiple-choice
/// question ("choose more than one").
fn exit_form() -> Form {
    let form = Form::from_json(include_str!("../../../forms/exit.json")).unwrap();
    assert_eq!(
        form.field("what_next_peer").map(|f| f.kind),
        Some(lokalform_forms::schema::FieldKind::MultiChoice)
    );
    form
}

fn exit_tally(responses: u32, chosen: &[(&str, u32)]) -> Tally {
    Tally {
        form: "exit".into(),
        version: 1,
        key: KEY.into(),
        responses,
        counts: counts(&[("what_next_peer", chosen)]),
        comments: Vec::new(),
        week: None,
    }
}

#[test]
fn a_multiple_choice_answer_counts_each_chosen_option_once() {
    let form = exit_form();
    // One response choosing two options: each counts once.
    exit_tally(1, &[("new_match", 1), ("cafe_duty", 1)])
        .check_web(&form)
        .unwrap();
    // A batch of 5 in which every option was chosen by up to all 5.
    exit_tally(5, &[("new_match", 5), ("cafe_duty", 5), ("pause", 3)])
        .check_against(&form, 5)
        .unwrap();
    // But no option more often than there are responses.
    assert_eq!(
        problems(&exit_tally(1, &[("new_match", 2)]), &form, 1),
        ["counts.what_next_peer.new_match: chosen 2 times is more than the 1 responses"]
    );
    assert_eq!(
        problems(&exit_tally(5, &[("new_match", 5), ("pause", 6)]), &form, 5),
        ["counts.what_next_peer.pause: chosen 6 times is more than the 5 responses"]
    );
    // A single-choice question still takes one answer per response.
    let mut one_choice = exit_tally(1, &[]);
    one_choice.counts = counts(&[("overall", &[("4", 1), ("5", 1)])]);
    assert_eq!(
        problems(&one_choice, &feedback(), 1),
        [
            "form: expected \"feedback\"",
            "version: expected 2",
            "counts.overall: 2 answers is more than the 1 responses"
        ]
    );
}

#[test]
fn a_response_with_a_multiple_choice_answer_counts_each_pick_once_and_passes_the_check() {
    let form = exit_form();
    let picks: Vec<(String, String)> = [
        ("what_next_peer", "new_match"),
        ("what_next_peer", "cafe_duty"),
        // The same pick twice still counts once.
        ("what_next_peer", "cafe_duty"),
        ("what_next_peer", "no_such_option"),
    ]
    .iter()
    .map(|(q, o)| (q.to_string(), o.to_string()))
    .collect();
    let tally = Tally::from_response(&form, KEY, &picks, None);
    assert_eq!(
        tally.counts,
        counts(&[("what_next_peer", &[("cafe_duty", 1), ("new_match", 1)])])
    );
    tally.check_web(&form).unwrap();
}
