//! The evaluation consent on a participant (measurements only with it, the
//! cohort and the hard cases only count those who gave it, the backup keeps
//! it) and correcting a participant's details.

use lokalform_forms::aggregate::Cohort;
use lokalform_forms::instruments::Instrument;
use lokalform_forms::schema::Lang;
use lokalform_programme::{
    Contact, Exit, HardCase, Measurement, Participant, ProgrammeError, Reason, Registry, Role,
    Status, When,
};
use lokalform_text::date::Date;

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn lsns(when: When, date: Date, value: i64) -> Measurement {
    let lsns = Instrument::lsns6();
    Measurement {
        instrument: lsns.id.clone(),
        version: lsns.version,
        when,
        date,
        answers: lsns.items.iter().map(|i| (i.id.clone(), value)).collect(),
        note: String::new(),
    }
}

fn exit(date: Date) -> Exit {
    Exit {
        date,
        goal_follow_up: Vec::new(),
        meaning_peer: String::new(),
        meaning_mentor: String::new(),
        next_peer: Vec::new(),
        next_mentor: Vec::new(),
        coffee_card_returned: false,
        participants: String::new(),
        measurement_note: String::new(),
        entered: None,
    }
}

/// Ida (peer) and Ole (mentor), waiting; neither has consented yet.
fn two() -> Registry {
    let mut reg = Registry::default();
    for (id, role, name) in [("p1", Role::Peer, "Ida"), ("m1", Role::Mentor, "Ole")] {
        reg.recruit(Participant::new(id, role, name, d(2026, 8, 1)))
            .unwrap();
        reg.wait_for_match(id, d(2026, 8, 2)).unwrap();
    }
    reg
}

// ------------------------------------------------------------ measurements

#[test]
fn a_measurement_without_consent_is_refused_and_changes_nothing() {
    let mut reg = two();
    let before = reg.clone();
    let err = reg
        .record_measurement("p1", lsns(When::Before, d(2026, 8, 1), 2))
        .unwrap_err();
    assert_eq!(
        err,
        ProgrammeError::NoEvaluationConsent { name: "Ida".into() }
    );
    assert_eq!(
        err.message(Lang::Da),
        "Ida har ikke givet samtykke til, at målingerne bruges i evalueringen. Målingen er ikke gemt."
    );
    assert_eq!(
        err.message(Lang::En),
        "Ida has not agreed that the measurements are used in the evaluation. The measurement is not saved."
    );
    assert_eq!(err.to_string(), err.message(Lang::En));
    assert_eq!(reg, before, "a refused measurement changes nothing");
    // An unknown id is still an unknown id.
    assert_eq!(
        reg.record_measurement("zz", lsns(When::Before, d(2026, 8, 1), 2)),
        Err(ProgrammeError::UnknownParticipant("zz".into()))
    );
}

#[test]
fn a_consent_given_later_allows_recording() {
    let mut reg = two();
    assert!(!reg.participant("p1").unwrap().consent_evaluation);
    reg.set_evaluation_consent("p1", true).unwrap();
    assert!(reg.participant("p1").unwrap().consent_evaluation);
    assert!(!reg.participant("m1").unwrap().consent_evaluation);
    reg.record_measurement("p1", lsns(When::Before, d(2026, 9, 1), 2))
        .unwrap();
    assert_eq!(reg.participant("p1").unwrap().measurements.len(), 1);
    // Only Ida's consent was recorded: Ole's measurement is still refused.
    assert!(matches!(
        reg.record_measurement("m1", lsns(When::Before, d(2026, 9, 1), 2)),
        Err(ProgrammeError::NoEvaluationConsent { .. })
    ));
    // Giving it twice is no change; an unknown id is refused.
    let same = reg.clone();
    reg.set_evaluation_consent("p1", true).unwrap();
    assert_eq!(reg, same);
    assert_eq!(
        reg.set_evaluation_consent("zz", true),
        Err(ProgrammeError::UnknownParticipant("zz".into()))
    );
    assert_eq!(reg, same);
}

// ------------------------------------------------- withdrawal: cohort, hard cases

#[test]
fn a_withdrawn_consent_keeps_the_measurements_but_leaves_the_cohort_and_the_missing_measurements() {
    let lsns6 = Instrument::lsns6();
    let mut reg = two();
    for id in ["p1", "m1"] {
        reg.set_evaluation_consent(id, true).unwrap();
        reg.record_measurement(id, lsns(When::Before, d(2026, 8, 2), 1))
            .unwrap();
    }
    reg.form_pair("pair1", "p1", "m1", d(2026, 8, 31)).unwrap();
    // Ida has her after-measurement; Ole not.
    reg.record_measurement("p1", lsns(When::After, d(2027, 2, 1), 2))
        .unwrap();
    reg.record_exit("pair1", exit(d(2027, 2, 1))).unwrap();
    assert_eq!(
        reg.cohort_pairs(&lsns6),
        [(Some(6.0), Some(12.0)), (Some(6.0), None)]
    );
    assert_eq!(
        reg.hard_cases(d(2027, 3, 1)),
        [HardCase {
            participant: "m1".into(),
            reasons: vec![Reason::NoAfter],
        }]
    );

    // Ole withdraws: his measurement stays, but he is out of the cohort and
    // not missing a measurement any more.
    reg.set_evaluation_consent("m1", false).unwrap();
    let ole = reg.participant("m1").unwrap();
    assert!(!ole.consent_evaluation);
    assert_eq!(ole.measurements.len(), 1);
    let pairs = reg.cohort_pairs(&lsns6);
    assert_eq!(pairs, [(Some(6.0), Some(12.0))]);
    let cohort = Cohort::new(&pairs, |t| lsns6.flags(t));
    assert_eq!(cohort.participants, 1);
    assert_eq!(cohort.with_both, 1);
    assert!(cohort.lacking.is_empty());
    assert!(reg.hard_cases(d(2027, 3, 1)).is_empty());
    // And nothing more is recorded for him.
    assert!(matches!(
        reg.record_measurement("m1", lsns(When::After, d(2027, 3, 2), 3)),
        Err(ProgrammeError::NoEvaluationConsent { .. })
    ));

    // Consenting again brings the kept measurement back.
    reg.set_evaluation_consent("m1", true).unwrap();
    assert_eq!(reg.cohort_pairs(&lsns6).len(), 2);
    assert_eq!(reg.hard_cases(d(2027, 3, 1)).len(), 1);
}

#[test]
fn a_person_who_declined_is_still_a_hard_case_for_everything_but_measurements() {
    let mut reg = two();
    reg.form_pair("pair1", "p1", "m1", d(2026, 8, 31)).unwrap();
    reg.recruit(Participant::new("q1", Role::Peer, "Anna", d(2026, 8, 1)))
        .unwrap();
    reg.recruit(Participant::new("q2", Role::Peer, "Sara", d(2026, 8, 1)))
        .unwrap();
    reg.set_evaluation_consent("q2", true).unwrap();
    let no_exit = Reason::NoExit {
        pair: "pair1".into(),
        due: d(2027, 2, 28),
    };
    assert_eq!(
        reg.hard_cases(d(2027, 3, 1)),
        [
            // Ida and Ole declined: overdue, but no measurement is missing.
            HardCase {
                participant: "p1".into(),
                reasons: vec![no_exit.clone()],
            },
            HardCase {
                participant: "m1".into(),
                reasons: vec![no_exit],
            },
            // Anna declined and is waiting.
            HardCase {
                participant: "q1".into(),
                reasons: vec![Reason::NotMatched],
            },
            // Sara consented: her before-measurement is missing.
            HardCase {
                participant: "q2".into(),
                reasons: vec![Reason::NoBefore, Reason::NotMatched],
            },
        ]
    );
    // Only Sara is in the cohort.
    assert_eq!(
        reg.cohort_pairs(&Instrument::lsns6()),
        [(None, None)],
        "one entry: the participant who consented"
    );
}

// ------------------------------------------------------------------ backup

#[test]
fn the_consent_survives_the_backup_and_old_files_read_as_no_consent() {
    let mut reg = two();
    reg.set_evaluation_consent("m1", true).unwrap();
    reg.record_measurement("m1", lsns(When::Before, d(2026, 8, 2), 3))
        .unwrap();
    let json = reg.to_json();
    assert!(json.contains(r#""wishes":[],"consent_evaluation":false,"measurements":[]"#));
    assert!(json.contains(r#""consent_evaluation":true,"measurements":[{"#));
    let back = Registry::from_json(&json).unwrap();
    assert_eq!(back, reg);
    assert_eq!(back.to_json(), json);

    // A file written before the member existed: no consent, measurements kept.
    let old = json.replace(r#""consent_evaluation":true,"#, "");
    assert!(!old.contains(r#""consent_evaluation":true"#));
    let read = Registry::from_json(&old).unwrap();
    let ole = read.participant("m1").unwrap();
    assert!(!ole.consent_evaluation);
    assert_eq!(ole.measurements.len(), 1);
    assert!(read.cohort_pairs(&Instrument::lsns6()).is_empty());
    let minimal = r#"{"format":"lokalform-registry","version":1,"participants":[
        {"id":"a","role":"peer","name":"A","recruited":"2026-01-01","status":"recruited"}]}"#;
    assert!(!Registry::from_json(minimal).unwrap().participants[0].consent_evaluation);

    // Anything but true or false is a problem with its path.
    let bad = json.replace(
        r#""consent_evaluation":true"#,
        r#""consent_evaluation":"yes""#,
    );
    let problems: Vec<String> = Registry::from_json(&bad)
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        problems,
        ["participants[1].consent_evaluation: expected true or false, found a string"]
    );
}

// ------------------------------------------------------------------ details

#[test]
fn edit_details_trims_and_sets_name_contact_and_cpr_and_nothing_else() {
    let mut reg = two();
    reg.set_evaluation_consent("p1", true).unwrap();
    reg.record_measurement("p1", lsns(When::Before, d(2026, 8, 2), 2))
        .unwrap();
    let before = reg.participant("p1").unwrap().clone();
    reg.edit_details(
        "p1",
        "  Ida Holm ",
        Contact {
            phone: " +45 20 30 40 50 ".into(),
            email: "ida@example.dk\n".into(),
            other: " Via bostøtten\nTirsdage ".into(),
        },
        Some(" 010190-1234 ".into()),
    )
    .unwrap();
    let p = reg.participant("p1").unwrap();
    assert_eq!(p.name, "Ida Holm");
    assert_eq!(
        p.contact,
        Contact {
            phone: "+45 20 30 40 50".into(),
            email: "ida@example.dk".into(),
            other: "Via bostøtten\nTirsdage".into(),
        }
    );
    assert_eq!(p.cpr.as_deref(), Some("010190-1234"));
    // Everything else is as it was.
    assert_eq!(
        Participant {
            name: before.name.clone(),
            contact: before.contact.clone(),
            cpr: before.cpr.clone(),
            ..p.clone()
        },
        before
    );
    assert_eq!(p.status, Status::WaitingForMatch);
    // The model takes the CPR number it is given (the form checks it); a
    // blank one, or none, removes it.
    reg.edit_details(
        "p1",
        "Ida Holm",
        Contact::default(),
        Some("not a cpr".into()),
    )
    .unwrap();
    assert_eq!(
        reg.participant("p1").unwrap().cpr.as_deref(),
        Some("not a cpr")
    );
    reg.edit_details("p1", "Ida Holm", Contact::default(), Some("   ".into()))
        .unwrap();
    assert_eq!(reg.participant("p1").unwrap().cpr, None);
    reg.edit_details("p1", "Ida", Contact::default(), Some("010190-1234".into()))
        .unwrap();
    reg.edit_details("p1", "Ida", Contact::default(), None)
        .unwrap();
    assert_eq!(reg.participant("p1").unwrap().cpr, None);
    // The backup keeps the corrected details.
    assert_eq!(Registry::from_json(&reg.to_json()).unwrap(), reg);
}

#[test]
fn edit_details_refuses_an_empty_name_and_an_unknown_id_changing_nothing() {
    let mut reg = two();
    let before = reg.clone();
    let contact = Contact {
        phone: "12345678".into(),
        ..Contact::default()
    };
    for name in ["", "   ", "\n\t"] {
        assert_eq!(
            reg.edit_details("p1", name, contact.clone(), None),
            Err(ProgrammeError::EmptyName),
            "{name:?}"
        );
    }
    assert_eq!(
        ProgrammeError::EmptyName.message(Lang::Da),
        "Skriv deltagerens navn."
    );
    assert_eq!(
        ProgrammeError::EmptyName.message(Lang::En),
        "Write the participant's name."
    );
    assert_eq!(
        reg.edit_details("zz", "Anna", contact, None),
        Err(ProgrammeError::UnknownParticipant("zz".into()))
    );
    assert_eq!(reg, before, "a refused edit changes nothing");
}
