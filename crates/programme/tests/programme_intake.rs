//! The shipped programme forms mapped to the programme model: the
//! measurement step added to a form (LSNS-6 and a user-supplied instrument
//! with reverse items and subscales), answers to measurements, the
//! recruitment forms to participants, the contract and exit forms to their
//! records and back, and imported instruments in the registry's backup.

use lokalform_forms::answers::{Answers, Signature, Value};
use lokalform_forms::instruments::Instrument;
use lokalform_forms::schema::{Field, FieldKind, Form, Lang, Text};
use lokalform_forms::validate::{check_form, result};
use lokalform_programme::{
    contract_from, contract_prefill, exit_from, exit_prefill, item_field, measurement_from,
    note_field, participant_from_recruitment, with_consented_measurement, with_measurement,
    CoffeeCard, Contract, Frequency, IntakeError, Next, Outcome, Participant, Party, Place,
    Registry, Role, Signed, Status, When, EVALUATION_CONSENT, GOAL_SIGN_SEPARATOR,
};
use lokalform_text::date::Date;
use serde_json::{json, Value as JsonValue};
use std::path::Path;

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn t(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn text(da: &str, en: &str) -> Text {
    Text {
        da: da.into(),
        en: Some(en.into()),
    }
}

fn load(name: &str) -> Form {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../forms")
        .join(name);
    let json = std::fs::read_to_string(path).unwrap();
    Form::from_json(&json).unwrap_or_else(|p| panic!("{name}: {p:?}"))
}

fn before() -> Text {
    text("Førmåling", "Before-measurement")
}

fn jtext(da: &str, en: &str) -> JsonValue {
    json!({"da": da, "en": en})
}

/// A made-up MHRM-like instrument (not the real text): a 1–5 scale, two
/// subscales whose items are interleaved, reverse-scored items, mean
/// scoring that allows one missing item, an item whose id is `note` and
/// one whose id is 64 characters long.
fn recovery_json() -> String {
    let long = "x".repeat(64);
    json!({
        "id": "recovery",
        "version": 2,
        "languages": ["da", "en"],
        "title": jtext("Recovery-skema", "Recovery measure"),
        "intro": jtext("Sæt kryds ved det, der passer bedst.", "Tick what fits best."),
        "source": jtext("Opdigtet til test", "Made up for tests"),
        "scale": [
            {"value": 1, "label": jtext("Helt uenig", "Strongly disagree")},
            {"value": 2, "label": jtext("Uenig", "Disagree")},
            {"value": 3, "label": jtext("Hverken eller", "Neither")},
            {"value": 4, "label": jtext("Enig", "Agree")},
            {"value": 5, "label": jtext("Helt enig", "Strongly agree")}
        ],
        "subscales": [
            {"id": "hope", "title": jtext("Håb", "Hope")},
            {"id": "self", "title": jtext("Mig selv", "Myself")}
        ],
        "items": [
            {"id": "future", "text": jtext("Jeg ser frem", "I look forward"), "subscale": "hope"},
            {"id": "note", "text": jtext("Jeg kender mig selv", "I know myself"), "subscale": "self"},
            {"id": "stuck", "text": jtext("Jeg sidder fast", "I am stuck"), "subscale": "hope", "reverse": true},
            {"id": long, "text": jtext("Jeg tvivler på mig selv", "I doubt myself"), "subscale": "self", "reverse": true}
        ],
        "scoring": {"method": "mean", "min_answered": 3, "subscale_min_answered": 1},
        "bands": [
            {"below": 2.5, "label": jtext("Lav", "Low"), "flag": true},
            {"label": jtext("Ikke lav", "Not low")}
        ]
    })
    .to_string()
}

fn recovery() -> Instrument {
    Instrument::from_json(&recovery_json()).unwrap()
}

/// An instrument in Danish only, on `scale` values with labels `"v{n}"`.
fn danish_only(id: &str, values: impl IntoIterator<Item = i64>) -> Instrument {
    let scale: Vec<JsonValue> = values
        .into_iter()
        .map(|v| json!({"value": v, "label": {"da": format!("v{v}")}}))
        .collect();
    Instrument::from_json(
        &json!({
            "id": id, "version": 1,
            "title": {"da": "Linje"}, "source": {"da": "Egen"},
            "scale": scale,
            "items": [{"id": "me", "text": {"da": "Mig selv"}},
                      {"id": "others", "text": {"da": "Andre"}}],
            "scoring": {"method": "sum"}
        })
        .to_string(),
    )
    .unwrap()
}

fn ids(fields: &[Field]) -> Vec<&str> {
    fields.iter().map(|f| f.id.as_str()).collect()
}

// ------------------------------------------------------- the measurement step

#[test]
fn lsns_goes_before_the_consent_step_of_both_recruitment_forms() {
    let lsns = Instrument::lsns6();
    for name in ["recruitment-peer.json", "recruitment-mentor.json"] {
        let form = load(name);
        let with = with_measurement(&form, &lsns, "before", &before()).unwrap();
        assert!(with.check().is_empty(), "{name}: {:?}", with.check());
        assert_eq!(with.steps.len(), form.steps.len() + 1, "{name}");
        let at = form.steps.len() - 1;
        assert_eq!(with.steps[at].title.as_ref(), Some(&before()), "{name}");
        assert_eq!(
            with.steps[at + 1].title,
            form.steps[at].title,
            "{name}: consent last"
        );
        assert_eq!(
            ids(with.step_fields(at)),
            [
                "before_info",
                "before_part1",
                "before_1",
                "before_2",
                "before_3",
                "before_part2",
                "before_4",
                "before_5",
                "before_6",
                "before_note"
            ],
            "{name}"
        );
        // Every other step is as it was.
        for s in 0..form.steps.len() {
            let moved = if s == at { s + 1 } else { s };
            assert_eq!(form.step_fields(s), with.step_fields(moved), "{name} {s}");
        }
        assert_eq!(with.steps.last().unwrap().end, with.fields.len());
    }
}

#[test]
fn lsns_fields_carry_the_scale_and_the_subscale_intros_but_no_worker_note() {
    let lsns = Instrument::lsns6();
    let with =
        with_measurement(&load("recruitment-peer.json"), &lsns, "before", &before()).unwrap();
    let info = with.field("before_info").unwrap();
    assert_eq!(info.kind, FieldKind::Info);
    assert!(info.label.da.contains(&lsns.title.da));
    // The notes for workers and evaluators are never shown to the person
    // answering: no field of the measurement step carries them.
    assert_eq!(info.help, None);
    let worker_notes = [
        lsns.translation_note.as_ref().unwrap(),
        lsns.evaluation_note.as_ref().unwrap(),
    ];
    for f in &with.fields {
        for text in [Some(&f.label), f.help.as_ref()].into_iter().flatten() {
            for note in worker_notes {
                assert_ne!(text, note, "{}", f.id);
            }
            assert!(!text.da.contains("Kommunen kan erstatte"), "{}", f.id);
        }
    }
    let family = with.field("before_part1").unwrap();
    assert_eq!(family.kind, FieldKind::Heading);
    assert_eq!(family.label, lsns.subscales[0].title);
    assert_eq!(family.help, lsns.subscales[0].intro);
    for (i, item) in lsns.items.iter().enumerate() {
        let f = with.field(&item_field("before", i)).unwrap();
        assert_eq!(f.kind, FieldKind::Choice);
        assert_eq!(f.label, item.text);
        assert!(!f.required && !f.aggregate && !f.select);
        let values: Vec<&str> = f.options.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(values, ["0", "1", "2", "3", "4", "5"]);
        assert_eq!(f.options[3].label.get(Lang::En), "Three or four");
        assert_eq!(f.options[3].label.get(Lang::Da), "Tre eller fire");
    }
    let note = with.field("before_note").unwrap();
    assert_eq!(note.kind, FieldKind::Textarea);
    assert!(!note.required && !note.aggregate);
    assert!(note.help.as_ref().unwrap().da.contains("dårlig dag"));
    // Nothing added is ever counted.
    let added = with.step_fields(with.steps.len() - 2);
    assert!(added.iter().all(|f| !f.aggregate && !f.required));
}

#[test]
fn a_user_supplied_instrument_gets_ids_by_position_and_no_headings_when_subscales_interleave() {
    let rec = recovery();
    let form = load("recruitment-mentor.json");
    let with = with_measurement(&form, &rec, "before_rec", &before()).unwrap();
    assert!(with.check().is_empty());
    let step = with.steps.len() - 2;
    // The item called "note" and the 64-character id do not leak into ids.
    assert_eq!(
        ids(with.step_fields(step)),
        [
            "before_rec_info",
            "before_rec_1",
            "before_rec_2",
            "before_rec_3",
            "before_rec_4",
            "before_rec_note"
        ]
    );
    let info = with.field("before_rec_info").unwrap();
    assert_eq!(info.label, rec.intro.clone().unwrap());
    assert_eq!(info.help, None);
    assert_eq!(
        with.field("before_rec_2").unwrap().label.get(Lang::En),
        "I know myself"
    );
}

#[test]
fn two_instruments_in_one_form_need_two_keys_and_follow_each_other() {
    let form = load("recruitment-peer.json");
    let lsns = Instrument::lsns6();
    let rec = recovery();
    let once = with_measurement(&form, &lsns, "before", &before()).unwrap();
    let twice = with_measurement(
        &once,
        &rec,
        "before_rec",
        &text("Førmåling, recovery", "Before, recovery"),
    )
    .unwrap();
    assert!(twice.check().is_empty());
    let titles: Vec<&str> = twice
        .steps
        .iter()
        .map(|s| s.title.as_ref().unwrap().da.as_str())
        .collect();
    let n = titles.len();
    assert_eq!(
        titles[n - 3..],
        ["Førmåling", "Førmåling, recovery", "Samtykke"]
    );
    // The same key again: every id is taken.
    let again = with_measurement(&once, &rec, "before", &before()).unwrap_err();
    assert!(
        again[0].message.contains("duplicate id \"before_info\""),
        "{again:?}"
    );
    // A key that is no identifier, or too long for the longest id
    // (`{key}_part1` for LSNS-6).
    assert!(with_measurement(&form, &lsns, "før", &before()).is_err());
    assert!(with_measurement(&form, &lsns, &"k".repeat(59), &before()).is_err());
    assert!(with_measurement(&form, &lsns, &"k".repeat(58), &before()).is_ok());
}

#[test]
fn danish_only_instruments_show_danish_in_english_too_and_big_scales_become_lines_or_numbers() {
    let form = load("exit.json");
    // 11 options: still radio buttons.
    let eleven = danish_only("eleven", 0..=10);
    let with = with_measurement(&form, &eleven, "after", &before()).unwrap();
    assert!(with.check().is_empty(), "{:?}", with.check());
    // The exit form has no consent step: the measurement goes last.
    assert_eq!(with.steps.last().unwrap().title.as_ref(), Some(&before()));
    let item = with.field("after_1").unwrap();
    assert_eq!(item.kind, FieldKind::Choice);
    assert_eq!(item.options.len(), 11);
    assert_eq!(item.label.get(Lang::En), "Mig selv");
    assert_eq!(item.options[0].label.en.as_deref(), Some("v0"));

    // Exactly 0-100: a visual-analogue line with the ends' labels.
    let line = danish_only("line", 0..=100);
    let with = with_measurement(&form, &line, "after", &before()).unwrap();
    assert!(with.check().is_empty(), "{:?}", with.check());
    let item = with.field("after_2").unwrap();
    assert_eq!(item.kind, FieldKind::Vas);
    assert_eq!(item.min_label.as_ref().unwrap().da, "v0");
    assert_eq!(item.max_label.as_ref().unwrap().da, "v100");

    // Any other scale over 20 options: a whole number between the ends.
    let wide = danish_only("wide", -10..=20);
    let with = with_measurement(&form, &wide, "after", &before()).unwrap();
    assert!(with.check().is_empty(), "{:?}", with.check());
    let item = with.field("after_1").unwrap();
    assert_eq!(item.kind, FieldKind::Number);
    assert_eq!(item.min.as_ref().unwrap().value, -10.0);
    assert_eq!(item.max.as_ref().unwrap().value, 20.0);
    assert_eq!(
        item.help.as_ref().unwrap().da,
        "Skriv et helt tal fra -10 (v-10) til 20 (v20)."
    );

    // The engine accepts what each kind stores, and it reads back exactly.
    let today = d(2027, 2, 1);
    for (instrument, value) in [(&eleven, "10"), (&line, "73"), (&wide, "-3")] {
        let with = with_measurement(&form, instrument, "after", &before()).unwrap();
        let mut a = Answers::default();
        a.set("after_2", t(value));
        let issues: Vec<_> = check_form(&with, &a, today)
            .into_iter()
            .filter(|i| i.path.starts_with("after"))
            .collect();
        assert!(issues.is_empty(), "{}: {issues:?}", instrument.id);
        let m =
            measurement_from(&result(&with, &a), instrument, "after", When::After, today).unwrap();
        assert_eq!(
            m.answers,
            [("others".to_string(), value.parse::<i64>().unwrap())]
        );
    }
}

#[test]
fn a_one_page_form_gets_steps_named_after_it() {
    let form = Form::from_json(
        r#"{"id": "one", "version": 1, "title": {"da": "Et skema"},
            "fields": [{"id": "ok", "type": "consent", "consent_version": "1", "label": {"da": "Ja"}}]}"#,
    )
    .unwrap();
    let with = with_measurement(
        &form,
        &Instrument::lsns6(),
        "m",
        &Text {
            da: "Måling".into(),
            en: None,
        },
    )
    .unwrap();
    assert!(with.stepped);
    assert!(with.check().is_empty(), "{:?}", with.check());
    assert_eq!(with.steps[0].title.as_ref().unwrap().da, "Et skema");
    // One step only: the measurement follows it, even with a consent.
    assert_eq!(with.steps[1].title.as_ref().unwrap().da, "Måling");
    assert_eq!(with.step_fields(0), form.step_fields(0));
}

#[test]
fn every_shipped_form_passes_the_built_form_check() {
    for name in [
        "recruitment-peer.json",
        "recruitment-mentor.json",
        "contract.json",
        "exit.json",
        "feedback.json",
    ] {
        assert!(load(name).check().is_empty(), "{name}");
    }
}

// ------------------------------------------------------ answers -> measurement

#[test]
fn lsns_answers_become_a_measurement_with_missing_items_and_no_total() {
    let lsns = Instrument::lsns6();
    let form =
        with_measurement(&load("recruitment-peer.json"), &lsns, "before", &before()).unwrap();
    let mut a = Answers::default();
    for (n, v) in [(1, "2"), (2, "1"), (3, "1"), (5, "2")] {
        a.set(&format!("before_{n}"), t(v));
    }
    a.set("before_note", t("  Udfyldt på en dårlig dag "));
    let date = d(2026, 8, 1);
    let m = measurement_from(&result(&form, &a), &lsns, "before", When::Before, date).unwrap();
    assert_eq!(m.instrument, "lsns6");
    assert_eq!(m.version, 1);
    assert_eq!(m.when, When::Before);
    assert_eq!(m.date, date);
    assert_eq!(m.note, "Udfyldt på en dårlig dag");
    let got: Vec<(&str, i64)> = m.answers.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        got,
        [
            ("family_see", 2),
            ("family_talk", 1),
            ("family_help", 1),
            ("friends_talk", 2)
        ]
    );
    let score = m.score(&lsns).unwrap();
    assert_eq!(score.total, None);
    assert_eq!(score.missing, ["friends_see", "friends_help"]);
    assert_eq!(score.subscale("family").unwrap().score, Some(4.0));
    assert_eq!(score.subscale("friends").unwrap().score, None);

    // All six: a total, flagged below 12.
    a.set("before_4", t("0"));
    a.set("before_6", t("3"));
    let m = measurement_from(&a, &lsns, "before", When::Before, date).unwrap();
    let score = m.score(&lsns).unwrap();
    assert_eq!(score.total, Some(9.0));
    assert!(score.flagged);
}

#[test]
fn a_mean_instrument_scores_reverse_items_and_allows_what_its_definition_allows() {
    let rec = recovery();
    let date = d(2026, 8, 1);
    let mut a = Answers::default();
    // future 4, note 5, stuck 2 (reverse: 4); the long item missing.
    a.set(&item_field("k", 0), t("4"));
    a.set(&item_field("k", 1), t("5"));
    a.set(&item_field("k", 2), t("2"));
    let m = measurement_from(&a, &rec, "k", When::Before, date).unwrap();
    assert_eq!(m.answers[1], ("note".to_string(), 5));
    let score = m.score(&rec).unwrap();
    assert_eq!(score.total, Some((4.0 + 5.0 + 4.0) / 3.0));
    assert_eq!(score.missing, ["x".repeat(64).as_str()]);
    assert_eq!(score.subscale("hope").unwrap().score, Some(4.0));
    // Two missing: below min_answered, no total.
    a.remove(&item_field("k", 2));
    let score = measurement_from(&a, &rec, "k", When::Before, date)
        .unwrap()
        .score(&rec)
        .map(|s| s.total);
    assert_eq!(score, Some(None));
    // Another instrument's (or version's) scoring is refused.
    let m = measurement_from(&a, &rec, "k", When::Before, date).unwrap();
    assert!(m.score(&Instrument::lsns6()).is_none());
}

#[test]
fn only_a_note_is_a_measurement_and_nothing_is_none() {
    let lsns = Instrument::lsns6();
    let date = d(2026, 8, 1);
    let mut a = Answers::default();
    a.set("before_1", t("  "));
    a.set("before_note", t("   "));
    assert_eq!(
        measurement_from(&a, &lsns, "before", When::Before, date),
        None
    );
    a.set(&note_field("before"), t("Ville ikke svare"));
    let m = measurement_from(&a, &lsns, "before", When::Before, date).unwrap();
    assert!(m.answers.is_empty());
    assert_eq!(m.note, "Ville ikke svare");
    // Answers under another key are not this measurement.
    assert_eq!(
        measurement_from(&a, &lsns, "after", When::After, date),
        None
    );
}

// --------------------------------------------------- recruitment -> participant

fn peer_answers() -> Answers {
    let mut a = Answers::default();
    a.set("name", t(" Hanne Jensen "));
    a.set("cpr", t("010190-0002"));
    a.set("phone", t("20 30 40 50"));
    a.set("contact_preference", t("sms"));
    a.set("address", t("Vejlevej 1"));
    a.set("postal_code", t("7100"));
    a.set("city", t("Vejle"));
    let mut may = Answers::default();
    may.set("name", t("Bo Berg"));
    may.set("place", t("Bostøtten"));
    may.set("may_contact", t("yes"));
    may.set("phone", t("11223344"));
    let mut may_not = Answers::default();
    may_not.set("name", t("Kim Kold"));
    may_not.set("may_contact", t("no"));
    a.set("contacts", Value::Items(vec![may, may_not]));
    a.set("wish_gender", t("woman"));
    a.set("wish_age", t("no_preference"));
    a.set(
        "interests",
        Value::List(vec!["cafe".into(), "walks".into(), "other".into()]),
    );
    a.set("interests_other", t("strikning"));
    a.set("match_note", t("Gerne en, der også kan lide hunde."));
    a.set("decision", t("yes"));
    a.set("consent_data", t("2026-2"));
    a.set("consent_evaluation", t("2026-1"));
    for n in 1..=6 {
        a.set(&format!("before_{n}"), t("2"));
    }
    a.set("before_note", t("Træt i dag"));
    a
}

#[test]
fn a_recruited_peer_is_waiting_for_a_match_with_contact_wishes_and_a_before_measurement() {
    let lsns = Instrument::lsns6();
    let form =
        with_measurement(&load("recruitment-peer.json"), &lsns, "before", &before()).unwrap();
    let today = d(2026, 8, 1);
    let answers = peer_answers();
    let issues = check_form(&form, &answers, today);
    assert!(issues.is_empty(), "{issues:?}");
    let kept = result(&form, &answers);
    let p =
        participant_from_recruitment(&form, &kept, Role::Peer, "p1", today, &[("before", &lsns)]);
    assert_eq!(p.id, "p1");
    assert_eq!(p.role, Role::Peer);
    assert_eq!(p.name, "Hanne Jensen");
    assert_eq!(p.cpr.as_deref(), Some("010190-0002"));
    assert_eq!(p.recruited, today);
    assert_eq!(p.contact.phone, "20 30 40 50");
    assert_eq!(p.contact.email, "");
    assert_eq!(
        p.contact.other,
        "Adresse: Vejlevej 1, 7100 Vejle\nKontaktperson: Bo Berg (Bostøtten), tlf. 11223344"
    );
    let wishes: Vec<&str> = p.wishes.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(
        wishes,
        [
            "Gerne en, der også kan lide hunde.",
            "Køn: En kvinde. Interesser: Gå på café, Gå ture eller være i naturen, Andet: strikning."
        ]
    );
    assert!(p
        .wishes
        .iter()
        .all(|w| w.place == Place::Other && w.date == today && w.match_with.is_none()));
    assert_eq!(p.status, Status::WaitingForMatch);
    assert_eq!(p.history.len(), 1);
    assert_eq!(p.history[0].from, Status::Recruited);
    assert_eq!(p.history[0].date, today);
    assert!(p.consent_evaluation);
    assert_eq!(p.measurements.len(), 1);
    let m = &p.measurements[0];
    assert_eq!(
        (m.when, m.date, m.note.as_str()),
        (When::Before, today, "Træt i dag")
    );
    assert_eq!(m.score(&lsns).unwrap().total, Some(12.0));
    // It fits the registry, and the backup keeps it.
    let mut reg = Registry::default();
    reg.recruit(p.clone()).unwrap();
    assert_eq!(Registry::from_json(&reg.to_json()).unwrap(), reg);
}

#[test]
fn without_the_evaluation_consent_no_measurement_is_kept() {
    let lsns = Instrument::lsns6();
    let form = load("recruitment-peer.json");
    let mut a = peer_answers();
    a.remove("consent_evaluation");
    let p = participant_from_recruitment(
        &form,
        &a,
        Role::Peer,
        "p1",
        d(2026, 8, 1),
        &[("before", &lsns)],
    );
    assert!(!p.consent_evaluation);
    assert!(p.measurements.is_empty());
    // A blank answer is no consent either.
    a.set("consent_evaluation", t("  "));
    let p = participant_from_recruitment(
        &form,
        &a,
        Role::Peer,
        "p1",
        d(2026, 8, 1),
        &[("before", &lsns)],
    );
    assert!(!p.consent_evaluation);
    assert!(p.measurements.is_empty());
}

#[test]
fn a_mentor_who_wants_to_think_stays_recruited_and_blank_answers_are_left_out() {
    let lsns = Instrument::lsns6();
    let rec = recovery();
    let form = with_measurement(&load("recruitment-mentor.json"), &lsns, "before", &before())
        .and_then(|f| with_measurement(&f, &rec, "before_rec", &before()))
        .unwrap();
    let mut a = Answers::default();
    a.set("name", t("Ole"));
    a.set("cpr", t("   "));
    a.set("contact_other", t("Via botilbuddet"));
    a.set("wish_gender", t("no_preference"));
    a.set("wish_age", t("30-44"));
    a.set("decision", t("think"));
    a.set("consent_evaluation", t("2026-1"));
    a.set("before_rec_3", t("1"));
    let p = participant_from_recruitment(
        &form,
        &a,
        Role::Mentor,
        "m1",
        d(2026, 8, 2),
        &[("before", &lsns), ("before_rec", &rec)],
    );
    assert_eq!(p.role, Role::Mentor);
    assert!(p.consent_evaluation);
    assert_eq!(p.cpr, None);
    assert_eq!(p.contact.other, "Via botilbuddet");
    assert_eq!(p.status, Status::Recruited);
    assert!(p.history.is_empty());
    let wishes: Vec<&str> = p.wishes.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(wishes, ["Alder: 30–44 år."]);
    // Only the instrument with an answer has a measurement.
    assert_eq!(p.measurements.len(), 1);
    assert_eq!(p.measurements[0].instrument, "recovery");
    assert_eq!(p.measurements[0].version, 2);
    assert_eq!(p.measurements[0].answers, [("stuck".to_string(), 1)]);
}

// ------------------------------------------------------------------ contract

fn matched() -> Registry {
    let mut reg = Registry::default();
    let day = d(2026, 8, 1);
    reg.recruit(Participant::new("p1", Role::Peer, "Hanne Jensen", day))
        .unwrap();
    reg.recruit(Participant::new("m1", Role::Mentor, "Lars Holm", day))
        .unwrap();
    reg.wait_for_match("p1", day).unwrap();
    reg.wait_for_match("m1", day).unwrap();
    reg.form_pair("pair1", "p1", "m1", d(2026, 8, 20)).unwrap();
    reg
}

fn goal(text: &str, how: Option<&str>) -> Answers {
    let mut item = Answers::default();
    item.set("text", t(text));
    if let Some(how) = how {
        item.set("how_we_know", t(how));
    }
    item
}

fn signature(name: &str, drawing: &str) -> Value {
    Value::Signature(Signature {
        name: name.into(),
        drawing: drawing.into(),
    })
}

fn contract_answers(reg: &Registry) -> Answers {
    let mut a = contract_prefill(reg, "pair1", " Mette Due ").unwrap();
    a.set(
        "peer_goals",
        Value::Items(vec![
            goal("Komme mere ud", Some("Jeg går en tur hver uge.")),
            goal("Tage bussen alene", None),
        ]),
    );
    a.set(
        "mentor_goals",
        Value::Items(vec![goal("Blive bedre til at lytte", None)]),
    );
    a.set("contact_beyond", t("yes"));
    a.set("contact_how_often", t("En gang om ugen, ikke efter kl. 20"));
    a.set("cancellations_agreed", t("2026-1"));
    a.set("meeting_frequency", t("fortnightly"));
    a.set("meeting_place_agreed", t("2026-1"));
    a.set("start_date", t("31.08.2026"));
    a.set("coffee_card", t("peer_only"));
    a.set("leader_phone", t(" 75 00 00 00 "));
    a.set("crisis_help", t("Psykiatrisk akutmodtagelse, døgnåben"));
    a.set("signature_peer", signature("Hanne J.", "M1 1L2 2"));
    a.set("signature_mentor", signature("", "M3 3L4 4"));
    a.set("signature_leader", signature("  ", "M5 5"));
    a
}

#[test]
fn the_contract_form_becomes_a_contract_with_its_end_and_three_signatures() {
    let reg = matched();
    let form = load("contract.json");
    let a = contract_answers(&reg);
    assert_eq!(a.text("peer_name"), "Hanne Jensen");
    assert_eq!(a.text("mentor_name"), "Lars Holm");
    assert_eq!(a.text("leader_name"), "Mette Due");
    let issues = check_form(&form, &a, d(2026, 8, 25));
    assert!(issues.is_empty(), "{issues:?}");
    let signed_on = d(2026, 8, 25);
    let c = contract_from(&result(&form, &a), signed_on).unwrap();
    assert_eq!(c.start, d(2026, 8, 31));
    // Never extended at signing: that is agreed when the six months near.
    assert!(!c.extended);
    // Six months, clamped to the end of February.
    assert_eq!(c.end(), Some(d(2027, 2, 28)));
    assert_eq!(c.entered, None);
    assert_eq!(
        c.peer_goals,
        [
            format!("Komme mere ud{GOAL_SIGN_SEPARATOR}Jeg går en tur hver uge."),
            "Tage bussen alene".to_string()
        ]
    );
    assert_eq!(c.mentor_goals, ["Blive bedre til at lytte"]);
    assert!(c.contact_between_meetings);
    assert_eq!(c.contact_how_often, "En gang om ugen, ikke efter kl. 20");
    assert_eq!(c.frequency, Frequency::Fortnightly);
    assert_eq!(c.coffee_card, CoffeeCard::PeerOnly);
    assert_eq!(c.leader_phone, "75 00 00 00");
    assert_eq!(c.crisis_help, "Psykiatrisk akutmodtagelse, døgnåben");
    let text = c.canonical_text("Hanne Jensen", "Lars Holm");
    assert!(text.contains("coffee card given: peer only\n"));
    assert!(text.ends_with("project leader phone: 75 00 00 00\nhelp out of hours: Psykiatrisk akutmodtagelse, døgnåben\n"));
    assert_eq!(
        c.signatures,
        [
            Signed {
                who: Party::Peer,
                name: "Hanne J.".into(),
                drawing: "M1 1L2 2".into(),
                date: signed_on
            },
            Signed {
                who: Party::Mentor,
                name: "Lars Holm".into(),
                drawing: "M3 3L4 4".into(),
                date: signed_on
            },
            Signed {
                who: Party::ProjectLeader,
                name: "Mette Due".into(),
                drawing: "M5 5".into(),
                date: signed_on
            },
        ]
    );
    // Signed on paper a week before it was entered: the signatures carry
    // that day, and the day it was entered is kept too.
    let mut paper = a.clone();
    paper.set("signing_date", t("18.08.2026"));
    let cp = contract_from(&paper, signed_on).unwrap();
    assert!(cp.signatures.iter().all(|s| s.date == d(2026, 8, 18)));
    assert_eq!(cp.entered, Some(signed_on));
    // A form from before the card was one each: "yes" is a card for both.
    let mut old = a.clone();
    old.set("coffee_card", t("yes"));
    assert_eq!(
        contract_from(&old, signed_on).unwrap().coffee_card,
        CoffeeCard::Both
    );
    // "No" to contact beyond cancellations: no "how often" either.
    let mut no = a.clone();
    no.set("contact_beyond", t("no"));
    let cn = contract_from(&no, signed_on).unwrap();
    assert!(!cn.contact_between_meetings);
    assert_eq!(cn.contact_how_often, "");
}

#[test]
fn changing_a_goal_changes_the_content_hash_but_signatures_do_not() {
    let reg = matched();
    let a = contract_answers(&reg);
    let signed_on = d(2026, 8, 25);
    let c = contract_from(&a, signed_on).unwrap();
    let hash = c.content_hash(a.text("peer_name"), a.text("mentor_name"));
    let mut changed = a.clone();
    changed.set(
        "mentor_goals",
        Value::Items(vec![goal("Blive bedre til at sige fra", None)]),
    );
    let c2 = contract_from(&changed, signed_on).unwrap();
    assert_ne!(c2.content_hash("Hanne Jensen", "Lars Holm"), hash);
    // How they will know is part of the goal, so part of what is signed.
    let mut how = a.clone();
    how.set(
        "peer_goals",
        Value::Items(vec![
            goal("Komme mere ud", Some("Jeg går to ture hver uge.")),
            goal("Tage bussen alene", None),
        ]),
    );
    let c3 = contract_from(&how, signed_on).unwrap();
    assert_ne!(c3.content_hash("Hanne Jensen", "Lars Holm"), hash);
    // Another drawing or signing date: the same text, the same hash.
    let mut resigned = a.clone();
    resigned.set("signature_peer", signature("Hanne", "M9 9"));
    let c4 = contract_from(&resigned, d(2026, 9, 1)).unwrap();
    assert_eq!(c4.content_hash("Hanne Jensen", "Lars Holm"), hash);
}

#[test]
fn a_contract_without_a_readable_start_or_a_frequency_is_refused_with_the_field() {
    let reg = matched();
    let mut a = contract_answers(&reg);
    a.set("start_date", t("31.02.2026"));
    let err = contract_from(&a, d(2026, 8, 25)).unwrap_err();
    assert_eq!(
        err,
        IntakeError::BadDate {
            field: "start_date",
            text: "31.02.2026".into()
        }
    );
    assert_eq!(err.field(), "start_date");
    assert_eq!(
        err.message(Lang::Da),
        "\"31.02.2026\" er ikke en dato. Skriv datoen som dd.mm.åååå."
    );
    a.remove("start_date");
    assert_eq!(
        contract_from(&a, d(2026, 8, 25)),
        Err(IntakeError::Missing("start_date"))
    );
    a.set("start_date", t("2026-08-31"));
    a.remove("meeting_frequency");
    let err = contract_from(&a, d(2026, 8, 25)).unwrap_err();
    assert_eq!(err.field(), "meeting_frequency");
    assert_eq!(err.to_string(), "Choose how often you will meet.");
    // Unsigned: left out (the form requires the signatures).
    let mut unsigned = contract_answers(&reg);
    unsigned.remove("signature_leader");
    unsigned.set("signature_mentor", signature(" ", ""));
    let c = contract_from(&unsigned, d(2026, 8, 25)).unwrap();
    let who: Vec<Party> = c.signatures.iter().map(|s| s.who).collect();
    assert_eq!(who, [Party::Peer]);
}

#[test]
fn a_contract_redone_starts_from_what_was_agreed_but_not_from_the_signatures() {
    let mut reg = matched();
    let a = contract_answers(&reg);
    let c = contract_from(&a, d(2026, 8, 25)).unwrap();
    reg.set_contract("pair1", c.clone()).unwrap();
    let again = contract_prefill(&reg, "pair1", "Mette Due").unwrap();
    for id in [
        "signature_peer",
        "signature_mentor",
        "signature_leader",
        "cancellations_agreed",
        "meeting_place_agreed",
    ] {
        assert!(again.get(id).is_none(), "{id}");
    }
    assert_eq!(again.text("start_date"), "31.08.2026");
    let goals = again.get("peer_goals").unwrap().items();
    assert_eq!(goals[0].text("text"), "Komme mere ud");
    assert_eq!(goals[0].text("how_we_know"), "Jeg går en tur hver uge.");
    assert!(goals[1].get("how_we_know").is_none());
    // Signed again, it is the same contract.
    let mut signed = again.clone();
    for id in ["signature_peer", "signature_mentor", "signature_leader"] {
        signed.set(id, a.get(id).unwrap().clone());
    }
    assert_eq!(contract_from(&signed, d(2026, 8, 25)), Ok(c));
    // Unknown pair.
    assert!(contract_prefill(&reg, "nope", "Mette").is_err());
}

// ---------------------------------------------------------------------- exit

#[test]
fn the_exit_form_starts_from_the_contract_goals_and_becomes_the_exit() {
    let mut reg = matched();
    let c = contract_from(&contract_answers(&reg), d(2026, 8, 25)).unwrap();
    reg.set_contract("pair1", c.clone()).unwrap();
    let mut a = exit_prefill(&reg, "pair1").unwrap();
    assert_eq!(
        a.text("participants"),
        "Peer: Hanne Jensen, peer-mentor: Lars Holm, projektleder: Mette Due"
    );
    let items = a.get("goal_followup").unwrap().items().to_vec();
    let prefilled: Vec<(&str, &str)> = items
        .iter()
        .map(|i| (i.text("owner"), i.text("text")))
        .collect();
    assert_eq!(
        prefilled,
        [
            ("peer", c.peer_goals[0].as_str()),
            ("peer", "Tage bussen alene"),
            ("mentor", "Blive bedre til at lytte")
        ]
    );
    // Followed up: two with an outcome, one left without.
    let mut followed = items.clone();
    followed[0].set("outcome", t("reached"));
    followed[0].set("note", t(" Gåturene hjalp "));
    followed[2].set("outcome", t("not_reached"));
    a.set("goal_followup", Value::Items(followed));
    a.set("meaning_peer", t("Jeg kom mere ud."));
    a.set("meaning_mentor", t("Jeg lærte at lytte."));
    a.set(
        "what_next_peer",
        Value::List(vec!["become_mentor".into(), "other".into()]),
    );
    a.set("what_next_peer_other", t("Højskole"));
    a.set(
        "what_next_mentor",
        Value::List(vec!["new_match".into(), "cafe_duty".into()]),
    );
    a.set("coffee_card_returned", t("yes"));
    a.set("measurement_note", t(" Udfyldt på en god dag "));
    let form = load("exit.json");
    let today = d(2027, 5, 31);
    let issues = check_form(&form, &a, today);
    assert!(issues.is_empty(), "{issues:?}");
    let exit = exit_from(&result(&form, &a), today);
    assert_eq!(exit.date, today);
    let follow: Vec<(&str, Outcome, &str)> = exit
        .goal_follow_up
        .iter()
        .map(|f| (f.goal.as_str(), f.outcome, f.note.as_str()))
        .collect();
    assert_eq!(
        follow,
        [
            (c.peer_goals[0].as_str(), Outcome::Reached, "Gåturene hjalp"),
            ("Blive bedre til at lytte", Outcome::NotReached, "")
        ]
    );
    assert_eq!(exit.meaning_peer, "Jeg kom mere ud.");
    assert_eq!(exit.meaning_mentor, "Jeg lærte at lytte.");
    assert_eq!(
        exit.next_peer,
        [Next::BecomeMentor, Next::Other("Højskole".into())]
    );
    assert_eq!(exit.next_mentor, [Next::NewMatch, Next::CafeDuty]);
    assert!(exit.coffee_card_returned);
    // Who took part and the note on the after-measurement are kept.
    assert_eq!(
        exit.participants,
        "Peer: Hanne Jensen, peer-mentor: Lars Holm, projektleder: Mette Due"
    );
    assert_eq!(exit.measurement_note, "Udfyldt på en god dag");
    assert_eq!(exit.entered, None);
    // Held a week before it was entered: that date, and the day entered.
    let mut late = result(&form, &a);
    late.set("exit_date", t("24.05.2027"));
    let back_dated = exit_from(&late, today);
    assert_eq!(
        (back_dated.date, back_dated.entered),
        (d(2027, 5, 24), Some(today))
    );
    // The registry takes it: the mentor waits for a new match; the peer
    // becomes a peer-mentor, the same person, and waits for a match too.
    reg.record_exit("pair1", exit).unwrap();
    let p1 = reg.participant("p1").unwrap();
    assert_eq!(
        (p1.status, p1.role),
        (Status::WaitingForMatch, Role::Mentor)
    );
    assert_eq!(
        reg.participant("m1").unwrap().status,
        Status::WaitingForMatch
    );
    assert_eq!(Registry::from_json(&reg.to_json()).unwrap(), reg);
}

#[test]
fn an_exit_without_a_contract_has_no_goals_and_other_without_text_is_kept_empty() {
    let reg = matched();
    let a = exit_prefill(&reg, "pair1").unwrap();
    assert_eq!(
        a.to_json(),
        r#"{"participants":"Peer: Hanne Jensen, peer-mentor: Lars Holm"}"#
    );
    assert!(exit_prefill(&reg, "nope").is_err());
    let mut a = Answers::default();
    a.set(
        "what_next_mentor",
        Value::List(vec!["other".into(), "unknown".into()]),
    );
    let exit = exit_from(&a, d(2027, 1, 1));
    assert!(exit.goal_follow_up.is_empty());
    assert_eq!(exit.next_mentor, [Next::Other(String::new())]);
    assert!(!exit.coffee_card_returned);
}

// --------------------------------------------------- imported instruments

#[test]
fn imported_instruments_follow_lsns_and_survive_the_backup() {
    let mut reg = matched();
    let imported = reg.import_instrument(&recovery_json()).unwrap();
    assert_eq!((imported.id.as_str(), imported.version), ("recovery", 2));
    let listed: Vec<(String, u32)> = reg
        .instruments()
        .into_iter()
        .map(|i| (i.id, i.version))
        .collect();
    assert_eq!(
        listed,
        [("lsns6".to_string(), 1), ("recovery".to_string(), 2)]
    );
    assert_eq!(reg.instruments, [recovery_json()]);
    let json = reg.to_json();
    assert!(json.ends_with(&format!(
        ",\"instruments\":[{}]}}",
        serde_json::to_string(&recovery_json()).unwrap()
    )));
    let back = Registry::from_json(&json).unwrap();
    assert_eq!(back, reg);
    assert_eq!(back.to_json(), json);
    assert_eq!(back.instruments()[1], recovery());
}

#[test]
fn a_registry_without_imports_is_written_as_before_and_old_files_still_read() {
    let reg = matched();
    assert!(!reg.to_json().contains("instruments"));
    let old = r#"{"format":"lokalform-registry","version":1,"participants":[],"pairs":[]}"#;
    assert_eq!(Registry::from_json(old), Ok(Registry::default()));
    let bad = r#"{"format":"lokalform-registry","version":1,"participants":[],"pairs":[],"instruments":[1]}"#;
    let problems: Vec<String> = Registry::from_json(bad)
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        problems,
        ["instruments[0]: expected a string, found a number"]
    );
}

#[test]
fn imports_that_do_not_read_or_repeat_an_id_and_version_are_refused() {
    let mut reg = Registry::default();
    let problems = reg
        .import_instrument(r#"{"id": "x", "version": 1}"#)
        .unwrap_err();
    assert!(problems.iter().any(|p| p.path == "title"), "{problems:?}");
    let again = reg
        .import_instrument(lokalform_forms::instruments::LSNS6_JSON)
        .unwrap_err();
    assert_eq!(again[0].path, "id");
    assert!(again[0].message.contains("\"lsns6\" version 1"));
    reg.import_instrument(&recovery_json()).unwrap();
    assert!(reg.import_instrument(&recovery_json()).is_err());
    // A new version of the same instrument is a new instrument.
    let v3 = recovery_json().replace("\"version\":2", "\"version\":3");
    assert_eq!(reg.import_instrument(&v3).unwrap().version, 3);
    assert_eq!(reg.instruments.len(), 2);
}

#[test]
fn a_backup_edited_by_hand_skips_what_no_longer_reads_and_repeats() {
    let reg = Registry {
        instruments: vec![
            "not an instrument".into(),
            lokalform_forms::instruments::LSNS6_JSON.into(),
            recovery_json(),
            recovery_json(),
        ],
        ..Registry::default()
    };
    let back = Registry::from_json(&reg.to_json()).unwrap();
    assert_eq!(back, reg);
    let ids: Vec<String> = back.instruments().into_iter().map(|i| i.id).collect();
    assert_eq!(ids, ["lsns6", "recovery"]);
    // Measurement forms for every instrument of the programme.
    let mut form = load("recruitment-peer.json");
    for (n, instrument) in back.instruments().iter().enumerate() {
        form = with_measurement(&form, instrument, &format!("before{n}"), &before()).unwrap();
    }
    assert!(form.check().is_empty());
}

#[test]
fn contracts_in_the_model_are_unchanged_by_the_mapping() {
    // A contract built by hand reads back through prefill and signing.
    let mut reg = matched();
    let mut c = Contract::new(d(2026, 9, 1), Frequency::Weekly);
    c.peer_goals.push("Gå i biografen".into());
    c.coffee_card = CoffeeCard::MentorOnly;
    c.crisis_help = "Livslinien".into();
    reg.set_contract("pair1", c.clone()).unwrap();
    let a = contract_prefill(&reg, "pair1", "").unwrap();
    assert!(a.get("leader_name").is_none());
    assert_eq!(a.text("contact_beyond"), "no");
    assert_eq!(a.text("coffee_card"), "mentor_only");
    assert_eq!(a.text("crisis_help"), "Livslinien");
    assert!(a.get("leader_phone").is_none());
    assert_eq!(contract_from(&a, d(2026, 9, 1)), Ok(c));
}

#[test]
fn a_consented_measurement_goes_last_and_is_asked_only_with_the_evaluation_consent() {
    let lsns = Instrument::lsns6();
    let title = Text {
        da: "Førmåling".into(),
        en: Some("Before-measurement".into()),
    };
    for name in ["recruitment-peer.json", "recruitment-mentor.json"] {
        let form = load(name);
        let with =
            with_consented_measurement(&form, &lsns, "before", &title, EVALUATION_CONSENT).unwrap();
        assert_eq!(with.steps.len(), form.steps.len() + 1, "{name}");
        assert_eq!(with.steps.last().unwrap().title.as_ref(), Some(&title));
        // The consent comes first, on the step before.
        let consent_step = with.step_of(
            with.fields
                .iter()
                .position(|f| f.id == EVALUATION_CONSENT)
                .unwrap(),
        );
        assert_eq!(consent_step, with.steps.len() - 2, "{name}");
        let today = Date::new(2026, 11, 23).unwrap();
        let mut a = Answers::default();
        a.set("before_1", Value::Text("3".into()));
        // Without the consent: the item is hidden, so it is not in the result.
        let kept = result(&with, &a);
        assert!(kept.get("before_1").is_none(), "{name}");
        assert!(!check_form(&with, &a, today)
            .iter()
            .any(|i| i.path.starts_with("before_")));
        // With it: kept.
        a.set(EVALUATION_CONSENT, Value::Text("1".into()));
        assert!(result(&with, &a).get("before_1").is_some(), "{name}");
    }
}
