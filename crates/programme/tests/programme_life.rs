//! The programme as the Vejle manual runs it: a pause is not an exit, what
//! comes after the exit sets each status, a former peer becomes a
//! peer-mentor as the same person, the extension is agreed late by both,
//! a pause can move the end date, corrections and undos keep their reason,
//! back-dated exits and contracts keep the day they were entered, and the
//! registry file keeps all of it (an old file still reads).

use lokalform_forms::instruments::Instrument;
use lokalform_programme::{
    ChangeKind, CoffeeCard, Contract, Exit, Frequency, Measurement, Meeting, MeetingKind, Next,
    Participant, Place, ProgrammeError, Registry, Role, Status, When, Wish,
};
use lokalform_text::date::Date;

fn d(m: u8, day: u8) -> Date {
    Date::new(2026, m, day).unwrap()
}

fn exit(date: Date, next_peer: Vec<Next>, next_mentor: Vec<Next>) -> Exit {
    Exit {
        date,
        goal_follow_up: Vec::new(),
        meaning_peer: String::new(),
        meaning_mentor: String::new(),
        next_peer,
        next_mentor,
        coffee_card_returned: true,
        participants: "Ida, Ole, Mette".into(),
        measurement_note: "Udfyldt på en god dag".into(),
        entered: None,
    }
}

fn lsns(when: When, date: Date, value: i64) -> Measurement {
    let i = Instrument::lsns6();
    Measurement {
        instrument: i.id.clone(),
        version: i.version,
        when,
        date,
        answers: i.items.iter().map(|it| (it.id.clone(), value)).collect(),
        note: String::new(),
    }
}

/// Ida (peer) and Ole (mentor) in pair1 from 1 March, both consented.
fn paired() -> Registry {
    let mut reg = Registry::default();
    for (id, role, name) in [("p1", Role::Peer, "Ida"), ("m1", Role::Mentor, "Ole")] {
        reg.recruit(Participant::new(id, role, name, d(1, 10)))
            .unwrap();
        reg.set_evaluation_consent(id, true).unwrap();
        reg.wait_for_match(id, d(1, 20)).unwrap();
    }
    reg.form_pair("pair1", "p1", "m1", d(3, 1)).unwrap();
    reg
}

fn status(reg: &Registry, id: &str) -> Status {
    reg.participant(id).unwrap().status
}

#[test]
fn a_pause_keeps_both_in_the_programme_and_can_move_the_end_date() {
    let mut reg = paired();
    reg.set_contract("pair1", Contract::new(d(3, 1), Frequency::Weekly))
        .unwrap();
    reg.pause("pair1", d(4, 1)).unwrap();
    assert_eq!(status(&reg, "p1"), Status::Paused);
    // Paused people are still there: not ended, listed as paused.
    let hard = reg.hard_cases(d(4, 2));
    assert!(hard
        .iter()
        .all(|h| h.reasons.contains(&lokalform_programme::Reason::Paused)));
    // Resumed after 30 days, the worker moves the end date by 30 days.
    reg.resume_moving_end("pair1", d(5, 1)).unwrap();
    let pair = reg.pair("pair1").unwrap();
    assert_eq!(pair.end_moved_days, 30);
    assert_eq!(pair.due(), Some(d(9, 1).add_days(30).unwrap()));
    assert_eq!(reg.changes.last().unwrap().kind, ChangeKind::EndMoved);
    assert_eq!(reg.changes.last().unwrap().before, "30");
    // A second pause, resumed without moving: the end stays.
    reg.pause("pair1", d(6, 1)).unwrap();
    reg.resume("pair1", d(6, 10)).unwrap();
    assert_eq!(reg.pair("pair1").unwrap().end_moved_days, 30);
}

#[test]
fn a_pause_at_the_exit_is_not_an_exit() {
    let mut reg = paired();
    reg.record_exit("pair1", exit(d(9, 1), vec![Next::Pause], vec![Next::Stop]))
        .unwrap();
    assert_eq!(status(&reg, "p1"), Status::Paused);
    assert_eq!(status(&reg, "m1"), Status::Ended);
    // Back from the pause: on the waiting list again.
    reg.wait_for_match("p1", d(11, 1)).unwrap();
    assert_eq!(status(&reg, "p1"), Status::WaitingForMatch);
    // Also when the pair was paused at the exit: still paused, no error.
    let mut reg = paired();
    reg.pause("pair1", d(6, 1)).unwrap();
    reg.record_exit("pair1", exit(d(9, 1), vec![Next::Pause], vec![Next::Pause]))
        .unwrap();
    assert_eq!(status(&reg, "p1"), Status::Paused);
    assert_eq!(
        reg.pair("pair1").unwrap().pauses,
        [(d(6, 1), Some(d(9, 1)))]
    );
}

#[test]
fn every_what_next_has_its_effect() {
    use Next::*;
    let cases: Vec<(Vec<Next>, Status)> = vec![
        (vec![NewMatch], Status::WaitingForMatch),
        (vec![CafeDuty], Status::Active),
        (vec![CafeDuty, NewMatch], Status::WaitingForMatch),
        (vec![Coordinate], Status::Active),
        (vec![Pause], Status::Paused),
        (vec![Pause, CafeDuty], Status::Paused),
        (vec![Stop], Status::Ended),
        (vec![DontKnow], Status::Active),
        (vec![Other("Højskole".into())], Status::Active),
        (vec![], Status::Active),
        (vec![Stop, CafeDuty], Status::Active),
    ];
    for (next, expected) in cases {
        let mut reg = paired();
        reg.record_exit("pair1", exit(d(9, 1), vec![Stop], next.clone()))
            .unwrap();
        assert_eq!(status(&reg, "m1"), expected, "{next:?}");
        assert_eq!(status(&reg, "p1"), Status::Ended);
        // A mentor never changes role.
        assert_eq!(reg.participant("m1").unwrap().role, Role::Mentor);
    }
    // Active people can be matched again, paused or ended by hand.
    let mut reg = paired();
    reg.record_exit("pair1", exit(d(9, 1), vec![CafeDuty], vec![Coordinate]))
        .unwrap();
    reg.wait_for_match("p1", d(10, 1)).unwrap();
    reg.set_status("m1", Status::Ended, d(10, 1)).unwrap();
}

#[test]
fn a_former_peer_becomes_a_mentor_as_the_same_person_and_is_matched_again() {
    let mut reg = paired();
    reg.record_measurement("p1", lsns(When::Before, d(1, 10), 1))
        .unwrap();
    reg.record_measurement("p1", lsns(When::After, d(9, 1), 3))
        .unwrap();
    reg.record_exit(
        "pair1",
        exit(d(9, 1), vec![Next::BecomeMentor], vec![Next::NewMatch]),
    )
    .unwrap();
    let ida = reg.participant("p1").unwrap();
    assert_eq!(
        (ida.role, ida.status),
        (Role::Mentor, Status::WaitingForMatch)
    );
    // Her history and measurements are kept.
    assert_eq!(ida.measurements.len(), 2);
    assert_eq!(ida.history.len(), 3);
    assert_eq!(reg.changes[0].kind, ChangeKind::BecameMentor);
    assert_eq!(reg.changes[0].pair.as_deref(), Some("pair1"));
    // Her measurements up to the exit were a peer's; later ones a mentor's.
    assert_eq!(reg.role_at("p1", d(9, 1)), Some(Role::Peer));
    assert_eq!(reg.role_at("p1", d(9, 2)), Some(Role::Mentor));
    // Matched again, now as the mentor of a new peer.
    reg.recruit(Participant::new("p2", Role::Peer, "Bo", d(9, 5)))
        .unwrap();
    reg.wait_for_match("p2", d(9, 5)).unwrap();
    assert!(matches!(
        reg.form_pair("pair2", "p1", "m1", d(10, 1)),
        Err(ProgrammeError::WrongRole { .. })
    ));
    reg.form_pair("pair2", "p2", "p1", d(10, 1)).unwrap();
    assert_eq!(status(&reg, "p1"), Status::Matched);
    let back = Registry::from_json(&reg.to_json()).unwrap();
    assert_eq!(back, reg);
    assert_eq!(back.role_at("p1", d(9, 1)), Some(Role::Peer));
    // The reports by role: her peer-time measurements count with the peers,
    // and as a mentor she has none yet; everyone counts her once.
    let lsns6 = Instrument::lsns6();
    let score = |v: i64| Some((v * 6) as f64);
    assert!(reg
        .cohort_pairs_of(&lsns6, Some(Role::Peer))
        .contains(&(score(1), score(3))));
    assert!(reg
        .cohort_pairs_of(&lsns6, Some(Role::Mentor))
        .contains(&(None, None)));
    assert_eq!(
        reg.cohort_pairs_of(&lsns6, None)
            .iter()
            .filter(|p| **p == (score(1), score(3)))
            .count(),
        1
    );
}

#[test]
fn the_extension_is_agreed_late_and_kept_through_a_new_contract_version() {
    let mut reg = paired();
    let mut c = Contract::new(d(3, 1), Frequency::Weekly);
    c.coffee_card = CoffeeCard::PeerOnly;
    reg.set_contract("pair1", c.clone()).unwrap();
    assert!(
        !reg.pair("pair1")
            .unwrap()
            .contract
            .as_ref()
            .unwrap()
            .extended
    );
    assert_eq!(reg.extend("pair1", d(8, 15)), Ok(Some(d(12, 1))));
    let change = reg.changes.last().unwrap();
    assert_eq!((change.kind, change.date), (ChangeKind::Extended, d(8, 15)));
    assert_eq!(change.participants, ["p1", "m1"]);
    // A new version of the contract (signed anew) stays extended.
    reg.set_contract("pair1", c).unwrap();
    assert_eq!(reg.pair("pair1").unwrap().due(), Some(d(12, 1)));
    // Undone with a reason; extending again is then possible.
    assert_eq!(
        reg.undo_extension("pair1", "", d(8, 16)),
        Err(ProgrammeError::NoReason)
    );
    assert_eq!(
        reg.undo_extension("pair1", "Ole ville ikke alligevel", d(8, 16)),
        Ok(Some(d(9, 1)))
    );
    assert_eq!(
        reg.undo_extension("pair1", "igen", d(8, 16)),
        Err(ProgrammeError::NotExtended)
    );
    let undo = reg.changes.last().unwrap();
    assert_eq!(undo.kind, ChangeKind::ExtensionUndone);
    assert_eq!(undo.reason, "Ole ville ikke alligevel");
}

#[test]
fn wishes_are_corrected_and_removed_with_a_reason() {
    let mut reg = paired();
    let wish = Wish {
        text: "Gå ture".into(),
        match_with: Some("m1".into()),
        date: d(2, 1),
        place: Place::Trip,
    };
    reg.record_wish("p1", wish.clone()).unwrap();
    reg.record_wish("p1", wish).unwrap();
    assert_eq!(
        reg.correct_wish("p1", 0, "  ", "fejl", d(2, 2)),
        Err(ProgrammeError::EmptyWish)
    );
    assert_eq!(
        reg.correct_wish("p1", 5, "x", "fejl", d(2, 2)),
        Err(ProgrammeError::UnknownWish)
    );
    reg.correct_wish("p1", 0, "Gå ture ved fjorden", "Skrevet forkert", d(2, 2))
        .unwrap();
    reg.remove_wish("p1", 1, "Noteret to gange", d(2, 2))
        .unwrap();
    let ida = reg.participant("p1").unwrap();
    assert_eq!(ida.wishes.len(), 1);
    assert_eq!(ida.wishes[0].text, "Gå ture ved fjorden");
    let kinds: Vec<(ChangeKind, &str, &str)> = reg
        .changes
        .iter()
        .map(|c| (c.kind, c.reason.as_str(), c.before.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (ChangeKind::WishCorrected, "Skrevet forkert", "Gå ture"),
            (ChangeKind::WishRemoved, "Noteret to gange", "Gå ture"),
        ]
    );
    assert!(reg
        .changes
        .iter()
        .all(|c| c.concerns("p1") && !c.concerns("m1")));
}

#[test]
fn a_pair_is_corrected_or_undone_with_a_reason() {
    let mut reg = paired();
    // The date: moved back, the match in both histories follows.
    reg.correct_pair_date("pair1", d(2, 25), "Dannet ved caféen", d(3, 2))
        .unwrap();
    assert_eq!(reg.pair("pair1").unwrap().formed, d(2, 25));
    let matched = |reg: &Registry, id: &str| {
        reg.participant(id)
            .unwrap()
            .history
            .iter()
            .find(|e| e.to == Status::Matched)
            .unwrap()
            .date
    };
    assert_eq!(matched(&reg, "p1"), d(2, 25));
    assert_eq!(reg.changes[0].before, "2026-03-01");
    // Undone: both wait again, the pair is gone, the reason stays.
    reg.undo_pair("pair1", "Forkert mentor valgt", d(3, 3))
        .unwrap();
    assert!(reg.pairs.is_empty());
    assert_eq!(status(&reg, "p1"), Status::WaitingForMatch);
    assert_eq!(status(&reg, "m1"), Status::WaitingForMatch);
    let last = reg.changes.last().unwrap();
    assert_eq!(
        (last.kind, last.reason.as_str()),
        (ChangeKind::PairUndone, "Forkert mentor valgt")
    );
    // A pair with a meeting is not undone: it ends with an exit.
    reg.form_pair("pair2", "p1", "m1", d(3, 4)).unwrap();
    reg.log_meeting(
        "pair2",
        Meeting {
            date: d(3, 10),
            kind: MeetingKind::Held,
            note: String::new(),
        },
    )
    .unwrap();
    assert_eq!(
        reg.undo_pair("pair2", "fejl", d(3, 11)),
        Err(ProgrammeError::PairHasRecords)
    );
    assert_eq!(
        reg.correct_pair_date("pair2", d(3, 12), "fejl", d(3, 12)),
        Err(ProgrammeError::DateTooLate)
    );
}

#[test]
fn an_exit_is_undone_or_corrected_with_a_reason() {
    let mut reg = paired();
    reg.pause("pair1", d(6, 1)).unwrap();
    reg.record_exit(
        "pair1",
        exit(d(9, 1), vec![Next::BecomeMentor], vec![Next::Stop]),
    )
    .unwrap();
    assert_eq!(
        reg.undo_exit("pair1", " ", d(9, 2)),
        Err(ProgrammeError::NoReason)
    );
    reg.undo_exit("pair1", "Samtalen var med det forkerte par", d(9, 2))
        .unwrap();
    // Back as before: paused again (the pause ended with the exit), a peer again.
    let pair = reg.pair("pair1").unwrap();
    assert!(pair.exit.is_none() && pair.is_paused());
    let ida = reg.participant("p1").unwrap();
    assert_eq!((ida.role, ida.status), (Role::Peer, Status::Paused));
    assert_eq!(status(&reg, "m1"), Status::Paused);
    assert!(!reg
        .changes
        .iter()
        .any(|c| c.kind == ChangeKind::BecameMentor));
    let last = reg.changes.last().unwrap();
    assert_eq!(last.kind, ChangeKind::ExitUndone);
    assert_eq!(last.reason, "Samtalen var med det forkerte par");
    assert_eq!(
        reg.undo_exit("pair1", "igen", d(9, 2)),
        Err(ProgrammeError::NoExit)
    );
    // Held again, then corrected: the statuses follow the new answers.
    reg.record_exit(
        "pair1",
        exit(d(9, 3), vec![Next::NewMatch], vec![Next::Stop]),
    )
    .unwrap();
    reg.correct_exit(
        "pair1",
        exit(d(9, 3), vec![Next::Pause], vec![Next::CafeDuty]),
        "Ole vil gerne tage cafévagter",
        d(9, 4),
    )
    .unwrap();
    assert_eq!(status(&reg, "p1"), Status::Paused);
    assert_eq!(status(&reg, "m1"), Status::Active);
    assert_eq!(reg.changes.last().unwrap().kind, ChangeKind::ExitCorrected);
    // Someone who moved on: the exit is not undone, nothing changes.
    let mut moved = paired();
    moved
        .record_exit(
            "pair1",
            exit(d(9, 1), vec![Next::NewMatch], vec![Next::NewMatch]),
        )
        .unwrap();
    moved.form_pair("pair2", "p1", "m1", d(10, 1)).unwrap();
    let before = moved.clone();
    assert_eq!(
        moved.undo_exit("pair1", "fejl", d(10, 2)),
        Err(ProgrammeError::NotUndoable { name: "Ida".into() })
    );
    assert_eq!(moved, before);
    // A failed correction changes nothing either.
    let before = reg.clone();
    assert!(reg
        .correct_exit(
            "pair1",
            exit(d(1, 1), vec![], vec![]),
            "for tidligt",
            d(9, 5)
        )
        .is_err());
    assert_eq!(reg, before);
}

#[test]
fn a_back_dated_exit_keeps_the_day_it_was_entered_and_a_future_one_is_refused() {
    let mut reg = paired();
    let mut late = exit(d(9, 1), vec![Next::Stop], vec![Next::Stop]);
    late.entered = Some(d(8, 25));
    assert_eq!(
        reg.record_exit("pair1", late.clone()),
        Err(ProgrammeError::DateTooLate)
    );
    late.entered = Some(d(9, 10));
    reg.record_exit("pair1", late).unwrap();
    let kept = reg.pair("pair1").unwrap().exit.clone().unwrap();
    assert_eq!((kept.date, kept.entered), (d(9, 1), Some(d(9, 10))));
    assert_eq!(kept.measurement_note, "Udfyldt på en god dag");
    assert_eq!(kept.participants, "Ida, Ole, Mette");
    assert_eq!(Registry::from_json(&reg.to_json()).unwrap(), reg);
}

#[test]
fn an_old_registry_file_still_reads() {
    // Written by version 1: no changes, the coffee card as a yes/no, an
    // exit without who took part or its note.
    let old = r#"{"format":"lokalform-registry","version":1,"participants":[
      {"id":"p1","role":"peer","name":"Ida","contact":{"phone":"","email":"","other":""},
       "recruited":"2026-01-10","status":"ended","history":[],"wishes":[],"consent_evaluation":true,"measurements":[]},
      {"id":"m1","role":"mentor","name":"Ole","contact":{"phone":"","email":"","other":""},
       "recruited":"2026-01-10","status":"waiting_for_match","history":[],"wishes":[],"measurements":[]}],
     "pairs":[{"id":"pair1","peer":"p1","mentor":"m1","formed":"2026-03-01",
       "contract":{"start":"2026-03-01","extended":true,"peer_goals":["Gå ture"],"mentor_goals":[],
         "contact_between_meetings":false,"contact_how_often":"","frequency":"weekly",
         "coffee_card_given":true,"signatures":[]},
       "meetings":[],"pauses":[],
       "exit":{"date":"2026-12-01","goal_follow_up":[],"meaning_peer":"","meaning_mentor":"",
         "next_peer":["become_mentor"],"next_mentor":["new_match"],"coffee_card_returned":true}}]}"#;
    let reg = Registry::from_json(old).unwrap();
    let pair = reg.pair("pair1").unwrap();
    let c = pair.contract.as_ref().unwrap();
    assert_eq!(c.coffee_card, CoffeeCard::Both);
    assert!(c.extended && c.crisis_help.is_empty() && c.entered.is_none());
    // The signed text, and so the hash, is what version 1 signed.
    assert!(c.canonical_text("Ida", "Ole").ends_with(
        "coffee card given: yes\npeer goals: 1\npeer goal 1: Gå ture\nmentor goals: 0\n"
    ));
    let e = pair.exit.as_ref().unwrap();
    assert_eq!((e.entered, e.participants.as_str()), (None, ""));
    assert_eq!(pair.end_moved_days, 0);
    assert!(reg.changes.is_empty());
    // Its statuses stay as they were recorded.
    assert_eq!(status(&reg, "p1"), Status::Ended);
    // Written again as version 2, and read back the same.
    let json = reg.to_json();
    assert!(json.contains(r#""version":2"#) && json.contains(r#""coffee_card":"both""#));
    assert_eq!(Registry::from_json(&json).unwrap(), reg);
}

#[test]
fn deleting_a_person_also_deletes_the_corrections_about_them_and_the_exits_notes() {
    let mut reg = paired();
    let wish = Wish {
        text: "Gå ture med Ida".into(),
        match_with: None,
        date: d(2, 1),
        place: Place::Trip,
    };
    reg.record_wish("p1", wish).unwrap();
    reg.correct_wish("p1", 0, "Gå ture", "Navnet skal ikke stå der", d(2, 2))
        .unwrap();
    reg.record_exit(
        "pair1",
        exit(d(9, 1), vec![Next::Stop], vec![Next::NewMatch]),
    )
    .unwrap();
    assert!(reg.changes.iter().any(|c| c.concerns("p1")));
    reg.delete_participant("p1").unwrap();
    assert!(
        !reg.changes.iter().any(|c| c.concerns("p1")),
        "the old text \"Gå ture med Ida\" and the reason are gone"
    );
    let e = reg.pair("pair1").unwrap().exit.as_ref().unwrap();
    assert_eq!(
        (e.participants.as_str(), e.measurement_note.as_str()),
        ("", "")
    );
    assert!(
        !reg.to_json().contains("Ida"),
        "no trace of the name in the registry file"
    );
}
