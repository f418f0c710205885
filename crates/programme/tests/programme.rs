//! The peer-support programme's data model: statuses, pairs, contracts and
//! their hash (with SHA-256 against the FIPS 180-2 vectors), meetings,
//! pauses, exits, hard cases, cohort pairs and the backup JSON.

use lokalform_forms::aggregate::{Cohort, Lacking};
use lokalform_forms::instruments::Instrument;
use lokalform_forms::schema::Lang;
use lokalform_programme::{
    Change, ChangeKind, CoffeeCard, Contact, Contract, Event, Exit, Expectation, FollowUp,
    Frequency, HardCase, Measurement, Meeting, MeetingKind, Next, Outcome, Pair, Participant,
    Party, Pick, Place, ProgrammeError, Reason, Recruitment, Registry, Role, Signed, Status, When,
    Wish,
};
use lokalform_text::date::Date;
use lokalform_text::sha256::{hex, sha256, Sha256};
use proptest::prelude::*;

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

const ALL: [Status; 6] = [
    Status::Recruited,
    Status::WaitingForMatch,
    Status::Matched,
    Status::Paused,
    Status::Ended,
    Status::Active,
];

fn lsns(when: When, date: Date, values: &[(&str, i64)]) -> Measurement {
    let lsns = Instrument::lsns6();
    Measurement {
        instrument: lsns.id.clone(),
        version: lsns.version,
        when,
        date,
        answers: values.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        note: String::new(),
    }
}

fn full(v: [i64; 6]) -> Vec<(&'static str, i64)> {
    [
        "family_see",
        "family_talk",
        "family_help",
        "friends_see",
        "friends_talk",
        "friends_help",
    ]
    .into_iter()
    .zip(v)
    .collect()
}

/// Two peers and two mentors, all waiting and consenting to the evaluation;
/// pair1 = p1 + m1 formed 2026-08-31.
fn programme() -> Registry {
    let mut reg = Registry::default();
    for (id, role, name) in [
        ("p1", Role::Peer, "Ida"),
        ("p2", Role::Peer, "Karl"),
        ("m1", Role::Mentor, "Ole"),
        ("m2", Role::Mentor, "Bente"),
    ] {
        reg.recruit(Participant::new(id, role, name, d(2026, 8, 1)))
            .unwrap();
        reg.set_evaluation_consent(id, true).unwrap();
        reg.wait_for_match(id, d(2026, 8, 2)).unwrap();
    }
    reg.form_pair("pair1", "p1", "m1", d(2026, 8, 31)).unwrap();
    reg
}

fn contract() -> Contract {
    Contract {
        start: d(2026, 8, 31),
        extended: false,
        peer_goals: vec!["Go to the library".into(), "Take the bus alone".into()],
        mentor_goals: vec!["Share my own story".into()],
        contact_between_meetings: true,
        contact_how_often: "A text message once a week".into(),
        frequency: Frequency::Weekly,
        coffee_card: CoffeeCard::Both,
        signatures: vec![Signed {
            who: Party::Peer,
            name: "Ida".into(),
            drawing: "M 0 0 L 10 10".into(),
            date: d(2026, 8, 31),
        }],
        crisis_help: String::new(),
        leader_phone: String::new(),
        entered: None,
    }
}

fn exit(date: Date, next_peer: Vec<Next>, next_mentor: Vec<Next>) -> Exit {
    Exit {
        date,
        goal_follow_up: vec![FollowUp {
            goal: "Go to the library".into(),
            outcome: Outcome::Partly,
            note: "twice".into(),
        }],
        meaning_peer: "Someone to talk to".into(),
        meaning_mentor: "Meaningful".into(),
        next_peer,
        next_mentor,
        coffee_card_returned: true,
        participants: "Ida, Ole".into(),
        measurement_note: "A good day".into(),
        entered: None,
    }
}

// ---------------------------------------------------------------- statuses

#[test]
fn transitions_allowed_and_refused() {
    use Status::*;
    let allowed = [
        (Recruited, WaitingForMatch),
        (Recruited, Ended),
        (WaitingForMatch, Matched),
        (WaitingForMatch, Paused),
        (WaitingForMatch, Ended),
        (Matched, Paused),
        (Matched, WaitingForMatch),
        (Matched, Active),
        (Matched, Ended),
        (Paused, Matched),
        (Paused, WaitingForMatch),
        (Paused, Active),
        (Paused, Ended),
        (Active, WaitingForMatch),
        (Active, Paused),
        (Active, Ended),
    ];
    for from in ALL {
        for to in ALL {
            assert_eq!(
                from.can_become(to),
                allowed.contains(&(from, to)),
                "{from:?} -> {to:?}"
            );
        }
    }
}

#[test]
fn set_status_appends_history_and_refuses_clearly() {
    let mut p = Participant::new("p1", Role::Peer, "Ida", d(2026, 8, 1));
    p.set_status(Status::WaitingForMatch, d(2026, 8, 2))
        .unwrap();
    p.set_status(Status::Ended, d(2026, 9, 1)).unwrap();
    assert_eq!(
        p.history,
        [
            Event {
                date: d(2026, 8, 2),
                from: Status::Recruited,
                to: Status::WaitingForMatch
            },
            Event {
                date: d(2026, 9, 1),
                from: Status::WaitingForMatch,
                to: Status::Ended
            },
        ]
    );
    let err = p
        .set_status(Status::WaitingForMatch, d(2026, 9, 2))
        .unwrap_err();
    assert_eq!(
        err,
        ProgrammeError::Transition {
            name: "Ida".into(),
            from: Status::Ended,
            to: Status::WaitingForMatch
        }
    );
    assert_eq!(
        err.message(Lang::Da),
        "Status for Ida kan ikke skifte fra \"afsluttet\" til \"venter på match\"."
    );
    assert_eq!(p.history.len(), 2);
    assert_eq!(p.status, Status::Ended);
}

#[test]
fn form_pair_only_from_waiting_and_with_the_right_roles() {
    let mut reg = Registry::default();
    reg.recruit(Participant::new("p1", Role::Peer, "Ida", d(2026, 8, 1)))
        .unwrap();
    reg.recruit(Participant::new("m1", Role::Mentor, "Ole", d(2026, 8, 1)))
        .unwrap();
    assert_eq!(
        reg.recruit(Participant::new("m1", Role::Mentor, "X", d(2026, 8, 1))),
        Err(ProgrammeError::DuplicateId("m1".into()))
    );
    let before = reg.clone();
    assert_eq!(
        reg.form_pair("x", "p1", "m1", d(2026, 8, 20)),
        Err(ProgrammeError::NotWaiting {
            name: "Ida".into(),
            status: Status::Recruited
        })
    );
    assert_eq!(reg, before, "a refused pair changes nothing");
    reg.wait_for_match("p1", d(2026, 8, 2)).unwrap();
    assert!(matches!(
        reg.form_pair("x", "p1", "m1", d(2026, 8, 20)),
        Err(ProgrammeError::NotWaiting { .. })
    ));
    reg.wait_for_match("m1", d(2026, 8, 2)).unwrap();
    assert_eq!(
        reg.form_pair("x", "m1", "p1", d(2026, 8, 20)),
        Err(ProgrammeError::WrongRole {
            name: "Ole".into(),
            expected: Role::Peer
        })
    );
    assert_eq!(
        reg.form_pair("x", "p1", "nobody", d(2026, 8, 20)),
        Err(ProgrammeError::UnknownParticipant("nobody".into()))
    );
    reg.form_pair("x", "p1", "m1", d(2026, 8, 20)).unwrap();
    assert_eq!(reg.participant("p1").unwrap().status, Status::Matched);
    assert_eq!(reg.participant("m1").unwrap().status, Status::Matched);
    assert_eq!(reg.pair("x").unwrap().formed, d(2026, 8, 20));
    // Matched: not again, and the id is taken.
    assert!(matches!(
        reg.form_pair("y", "p1", "m1", d(2026, 8, 21)),
        Err(ProgrammeError::NotWaiting { .. })
    ));
    assert_eq!(
        reg.form_pair("x", "p1", "m1", d(2026, 8, 21)),
        Err(ProgrammeError::DuplicateId("x".into()))
    );
}

#[test]
fn wishes_are_recorded() {
    let mut reg = programme();
    let wish = Wish {
        text: "Would like someone who likes fishing".into(),
        match_with: Some("m2".into()),
        date: d(2026, 8, 10),
        place: Place::Cafe,
    };
    reg.record_wish("p2", wish.clone()).unwrap();
    assert_eq!(
        reg.participant("p2").unwrap().wishes,
        std::slice::from_ref(&wish)
    );
    assert!(reg.record_wish("zz", wish).is_err());
}

// ---------------------------------------------------------------- contract

#[test]
fn contract_end_dates_and_one_extension() {
    let mut reg = programme();
    assert_eq!(
        reg.extend("pair1", d(2027, 2, 1)),
        Err(ProgrammeError::NoContract)
    );
    reg.set_contract("pair1", contract()).unwrap();
    let c = reg.pair("pair1").unwrap().contract.clone().unwrap();
    assert_eq!(c.end(), Some(d(2027, 2, 28))); // 31 Aug + 6 months
    assert_eq!(reg.pair("pair1").unwrap().due(), Some(d(2027, 2, 28)));
    assert_eq!(reg.extend("pair1", d(2027, 2, 1)), Ok(Some(d(2027, 5, 31))));
    assert_eq!(
        reg.extend("pair1", d(2027, 2, 1)),
        Err(ProgrammeError::AlreadyExtended)
    );
    assert_eq!(
        reg.pair("pair1").unwrap().contract.as_ref().unwrap().end(),
        Some(d(2027, 5, 31))
    );
    let mut leap = Contract::new(d(2027, 8, 31), Frequency::Fortnightly);
    assert_eq!(leap.end(), Some(d(2028, 2, 29)));
    leap.extended = true;
    assert_eq!(leap.end(), Some(d(2028, 5, 31)));
    assert_eq!(Contract::new(d(9999, 8, 1), Frequency::Weekly).end(), None);
}

#[test]
fn hash_is_stable_and_known() {
    let c = contract();
    let text = c.canonical_text("Ida", "Ole");
    assert_eq!(
        text,
        "lokalform contract 1\n\
         peer: Ida\n\
         mentor: Ole\n\
         start: 2026-08-31\n\
         duration: 6 months, extendable once by 3 months if both want\n\
         frequency: weekly\n\
         meetings: out in the community, not in each other's homes\n\
         cancellations: to both the partner and the project leader\n\
         contact between meetings: yes\n\
         contact how often: A text message once a week\n\
         coffee card given: yes\n\
         peer goals: 2\n\
         peer goal 1: Go to the library\n\
         peer goal 2: Take the bus alone\n\
         mentor goals: 1\n\
         mentor goal 1: Share my own story\n"
    );
    let hash = c.content_hash("Ida", "Ole");
    assert_eq!(hash, hex(&sha256(text.as_bytes())));
    assert_eq!(hash.len(), 64);
    assert!(hash
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    // The same in another run: a fixed value.
    assert_eq!(hash, c.clone().content_hash("Ida", "Ole"));
}

#[test]
fn any_agreed_change_changes_the_hash_and_signatures_do_not() {
    let base = contract();
    let h = base.content_hash("Ida", "Ole");
    type Change = Box<dyn Fn(&mut Contract)>;
    let changes: Vec<Change> = vec![
        Box::new(|c| c.start = d(2026, 9, 1)),
        Box::new(|c| c.peer_goals[0].push('!')),
        Box::new(|c| c.peer_goals.push(String::new())),
        Box::new(|c| c.mentor_goals.clear()),
        Box::new(|c| c.contact_between_meetings = false),
        Box::new(|c| c.contact_how_often.push(' ')),
        Box::new(|c| c.frequency = Frequency::Fortnightly),
        Box::new(|c| c.coffee_card = CoffeeCard::PeerOnly),
        // A goal moved from the peer to the mentor.
        Box::new(|c| {
            let g = c.peer_goals.pop().unwrap();
            c.mentor_goals.insert(0, g);
        }),
        // A line feed cannot forge a second goal.
        Box::new(|c| {
            c.peer_goals = vec!["Go to the library\npeer goal 2: Take the bus alone".into()]
        }),
    ];
    for (i, change) in changes.iter().enumerate() {
        let mut c = base.clone();
        change(&mut c);
        assert_ne!(c.content_hash("Ida", "Ole"), h, "change {i}");
    }
    assert_ne!(base.content_hash("Ida", "Olé"), h);
    assert_ne!(base.content_hash("Ole", "Ida"), h);
    let mut c = base.clone();
    c.signatures.clear();
    c.extended = true;
    assert_eq!(c.content_hash("Ida", "Ole"), h);
}

// ---------------------------------------------------------------- SHA-256

#[test]
fn sha256_fips_180_2_vectors() {
    assert_eq!(
        hex(&sha256(b"")),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        hex(&sha256(b"abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        hex(&sha256(
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        )),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
    let mut h = Sha256::new();
    let chunk = [b'a'; 1000];
    for _ in 0..1000 {
        h.update(&chunk);
    }
    assert_eq!(
        hex(&h.finish()),
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    );
    assert_eq!(
        hex(&sha256(&vec![b'a'; 1_000_000])),
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    );
}

#[test]
fn sha256_padding_boundaries_agree_piecewise() {
    // 55, 56, 63, 64, 65 bytes straddle the padding boundary.
    for len in [55usize, 56, 57, 63, 64, 65, 119, 120, 128] {
        let data: Vec<u8> = (0..len).map(|i| i as u8).collect();
        let mut h = Sha256::new();
        for b in &data {
            h.update(std::slice::from_ref(b));
        }
        assert_eq!(h.finish(), sha256(&data), "{len}");
    }
    // Known: 64 'a's.
    assert_eq!(
        hex(&sha256(&[b'a'; 64])),
        "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"
    );
}

// ---------------------------------------------------------------- during

#[test]
fn meetings_and_cancellations_are_counted() {
    let mut reg = programme();
    let m = |day, kind| Meeting {
        date: d(2026, 9, day),
        kind,
        note: String::new(),
    };
    reg.log_meeting("pair1", m(7, MeetingKind::Held)).unwrap();
    reg.log_meeting("pair1", m(14, MeetingKind::Cancelled { by: Party::Peer }))
        .unwrap();
    reg.log_meeting("pair1", m(21, MeetingKind::Held)).unwrap();
    reg.log_meeting("pair1", m(28, MeetingKind::Cancelled { by: Party::Mentor }))
        .unwrap();
    reg.log_meeting(
        "pair1",
        m(
            29,
            MeetingKind::Cancelled {
                by: Party::ProjectLeader,
            },
        ),
    )
    .unwrap();
    reg.log_meeting("pair1", m(30, MeetingKind::Cancelled { by: Party::Peer }))
        .unwrap();
    let pair = reg.pair("pair1").unwrap();
    assert_eq!(pair.held(), 2);
    assert_eq!(pair.cancelled(None), 4);
    assert_eq!(pair.cancelled(Some(Party::Peer)), 2);
    assert_eq!(pair.cancelled(Some(Party::Mentor)), 1);
    assert_eq!(pair.cancelled(Some(Party::ProjectLeader)), 1);
    assert_eq!(
        reg.log_meeting("nope", m(1, MeetingKind::Held)),
        Err(ProgrammeError::UnknownPair("nope".into()))
    );
}

#[test]
fn pause_and_resume() {
    let mut reg = programme();
    assert_eq!(
        reg.resume("pair1", d(2026, 10, 1)),
        Err(ProgrammeError::NotPaused)
    );
    assert_eq!(
        reg.pause("pair1", d(2026, 8, 1)),
        Err(ProgrammeError::DateTooEarly)
    );
    reg.pause("pair1", d(2026, 10, 1)).unwrap();
    assert!(reg.pair("pair1").unwrap().is_paused());
    assert_eq!(reg.participant("p1").unwrap().status, Status::Paused);
    assert_eq!(reg.participant("m1").unwrap().status, Status::Paused);
    assert_eq!(
        reg.pause("pair1", d(2026, 10, 2)),
        Err(ProgrammeError::AlreadyPaused)
    );
    assert_eq!(
        reg.resume("pair1", d(2026, 9, 30)),
        Err(ProgrammeError::DateTooEarly)
    );
    reg.resume("pair1", d(2026, 11, 1)).unwrap();
    let pair = reg.pair("pair1").unwrap();
    assert!(!pair.is_paused());
    assert_eq!(pair.pauses, [(d(2026, 10, 1), Some(d(2026, 11, 1)))]);
    assert_eq!(reg.participant("p1").unwrap().status, Status::Matched);
    let statuses: Vec<Status> = reg
        .participant("m1")
        .unwrap()
        .history
        .iter()
        .map(|e| e.to)
        .collect();
    assert_eq!(
        statuses,
        [
            Status::WaitingForMatch,
            Status::Matched,
            Status::Paused,
            Status::Matched
        ]
    );
}

#[test]
fn exit_sets_statuses_by_the_rule() {
    let mut reg = programme();
    reg.form_pair("pair2", "p2", "m2", d(2026, 9, 1)).unwrap();
    reg.pause("pair2", d(2026, 12, 1)).unwrap();
    // pair1: the peer wants to become a mentor (the same person, now a
    // mentor waiting for a match), the mentor a new match.
    reg.record_exit(
        "pair1",
        exit(
            d(2027, 2, 28),
            vec![Next::BecomeMentor, Next::CafeDuty],
            vec![Next::NewMatch],
        ),
    )
    .unwrap();
    let p1 = reg.participant("p1").unwrap();
    assert_eq!(
        (p1.status, p1.role),
        (Status::WaitingForMatch, Role::Mentor)
    );
    assert_eq!(
        reg.participant("m1").unwrap().status,
        Status::WaitingForMatch
    );
    // Ended: nothing more happens to the pair.
    assert_eq!(
        reg.record_exit("pair1", exit(d(2027, 3, 1), vec![], vec![])),
        Err(ProgrammeError::PairEnded)
    );
    assert_eq!(
        reg.log_meeting(
            "pair1",
            Meeting {
                date: d(2027, 3, 1),
                kind: MeetingKind::Held,
                note: String::new()
            }
        ),
        Err(ProgrammeError::PairEnded)
    );
    // A paused pair: the pause ends with the exit; a pause at the exit
    // keeps the peer in the programme (still paused), something else
    // keeps the mentor in it too (active, without a relationship).
    reg.record_exit(
        "pair2",
        exit(
            d(2027, 1, 15),
            vec![Next::Pause],
            vec![Next::Other("Moving to Aarhus".into())],
        ),
    )
    .unwrap();
    assert_eq!(reg.participant("p2").unwrap().status, Status::Paused);
    assert_eq!(reg.participant("m2").unwrap().status, Status::Active);
    assert_eq!(
        reg.pair("pair2").unwrap().pauses,
        [(d(2026, 12, 1), Some(d(2027, 1, 15)))]
    );
    // The mentor waiting again can be matched again.
    reg.recruit(Participant::new("p3", Role::Peer, "Sara", d(2027, 3, 1)))
        .unwrap();
    reg.wait_for_match("p3", d(2027, 3, 1)).unwrap();
    reg.form_pair("pair3", "p3", "m1", d(2027, 3, 10)).unwrap();
}

// ---------------------------------------------------------------- hard cases

#[test]
fn hard_cases_one_of_each_kind() {
    let mut reg = programme();
    let before = lsns(When::Before, d(2026, 8, 1), &full([1, 1, 1, 1, 1, 1]));
    let after = lsns(When::After, d(2027, 2, 1), &full([2, 2, 2, 2, 2, 2]));
    for id in ["p1", "m1", "p2", "m2"] {
        reg.record_measurement(id, before.clone()).unwrap();
    }
    // q1: consented, no before-measurement, waiting.
    reg.recruit(Participant::new("q1", Role::Peer, "Anna", d(2026, 8, 1)))
        .unwrap();
    reg.set_evaluation_consent("q1", true).unwrap();
    // pair1 (p1 + m1): contract from 2026-08-31, due 2027-02-28, no exit.
    reg.set_contract("pair1", contract()).unwrap();
    // pair2 (p2 + m2): exit held; p2 has an after-measurement, m2 not.
    reg.form_pair("pair2", "p2", "m2", d(2026, 9, 1)).unwrap();
    reg.record_measurement("p2", after.clone()).unwrap();
    reg.record_exit("pair2", exit(d(2027, 2, 1), vec![], vec![]))
        .unwrap();
    // q2 and r2: a pair on pause, measured, not due.
    for (id, role) in [("q2", Role::Peer), ("r2", Role::Mentor)] {
        reg.recruit(Participant::new(id, role, id, d(2027, 1, 1)))
            .unwrap();
        reg.set_evaluation_consent(id, true).unwrap();
        reg.wait_for_match(id, d(2027, 1, 1)).unwrap();
        reg.record_measurement(id, before.clone()).unwrap();
    }
    reg.form_pair("pair3", "q2", "r2", d(2027, 1, 10)).unwrap();
    reg.pause("pair3", d(2027, 2, 1)).unwrap();

    // On the due day itself nothing is overdue yet.
    let on_due = reg.hard_cases(d(2027, 2, 28));
    assert!(on_due
        .iter()
        .all(|h| !h.reasons.iter().any(|r| matches!(r, Reason::NoExit { .. }))));

    let cases = reg.hard_cases(d(2027, 3, 1));
    let no_exit = Reason::NoExit {
        pair: "pair1".into(),
        due: d(2027, 2, 28),
    };
    let expected = [
        HardCase {
            participant: "p1".into(),
            reasons: vec![no_exit.clone()],
        },
        HardCase {
            participant: "m1".into(),
            reasons: vec![no_exit],
        },
        HardCase {
            participant: "m2".into(),
            reasons: vec![Reason::NoAfter],
        },
        HardCase {
            participant: "q1".into(),
            reasons: vec![Reason::NoBefore, Reason::NotMatched],
        },
        HardCase {
            participant: "q2".into(),
            reasons: vec![Reason::Paused],
        },
        HardCase {
            participant: "r2".into(),
            reasons: vec![Reason::Paused],
        },
    ];
    assert_eq!(cases, expected);
    // Nothing personal beyond the id: no CPR in a hard case.
    assert!(!format!("{cases:?}").contains("cpr"));
}

#[test]
fn a_pair_without_contract_is_due_six_months_after_forming() {
    let reg = programme();
    assert_eq!(reg.pair("pair1").unwrap().due(), Some(d(2027, 2, 28)));
    let cases = reg.hard_cases(d(2027, 3, 1));
    assert!(cases.iter().any(|h| h.participant == "p1"
        && h.reasons.contains(&Reason::NoExit {
            pair: "pair1".into(),
            due: d(2027, 2, 28)
        })));
}

// ---------------------------------------------------------------- cohort

#[test]
fn cohort_pairs_with_lsns6_and_missing_items() {
    let lsns6 = Instrument::lsns6();
    let mut reg = programme();
    // p1: both, complete: 6 -> 12.
    reg.record_measurement("p1", lsns(When::Before, d(2026, 8, 1), &full([1; 6])))
        .unwrap();
    reg.record_measurement("p1", lsns(When::After, d(2027, 2, 1), &full([2; 6])))
        .unwrap();
    // p2: before complete, after with an item missing.
    reg.record_measurement("p2", lsns(When::Before, d(2026, 8, 1), &full([3; 6])))
        .unwrap();
    let mut partial = full([4; 6]);
    partial.pop();
    reg.record_measurement("p2", lsns(When::After, d(2027, 2, 1), &partial))
        .unwrap();
    // m1: only after; an older before of another instrument is ignored.
    let mut other = lsns(When::Before, d(2026, 8, 1), &full([1; 6]));
    other.instrument = "mhrm".into();
    reg.record_measurement("m1", other).unwrap();
    reg.record_measurement("m1", lsns(When::After, d(2027, 2, 1), &full([5; 6])))
        .unwrap();
    // m2: two before-measurements: the latest counts.
    reg.record_measurement("m2", lsns(When::Before, d(2026, 8, 1), &full([0; 6])))
        .unwrap();
    reg.record_measurement("m2", lsns(When::Before, d(2026, 8, 5), &full([1; 6])))
        .unwrap();
    let pairs = reg.cohort_pairs(&lsns6);
    assert_eq!(
        pairs,
        [
            (Some(6.0), Some(12.0)),
            (Some(18.0), None),
            (None, Some(30.0)),
            (Some(6.0), None),
        ]
    );
    let cohort = Cohort::new(&pairs, |t| lsns6.flags(t));
    assert_eq!(cohort.with_both, 1);
    assert_eq!(cohort.mean_change, Some(6.0));
    assert_eq!(
        cohort.lacking,
        [
            (1, Lacking::After),
            (2, Lacking::Before),
            (3, Lacking::After)
        ]
    );
    // The measurement scores itself and shows what is missing.
    let m = &reg.participant("p2").unwrap().measurements[1];
    let score = m.score(&lsns6).unwrap();
    assert_eq!(score.total, None);
    assert_eq!(score.missing, ["friends_help"]);
    assert!(reg.participant("m1").unwrap().measurements[0]
        .score(&lsns6)
        .is_none());
}

// ---------------------------------------------------------------- JSON

fn rich() -> Registry {
    let mut reg = programme();
    {
        let p = &mut reg.participants[0];
        p.cpr = Some("010190-1234".into());
        p.contact = Contact {
            phone: "+45 12 34 56 78".into(),
            email: "ida@example.dk".into(),
            other: "via \"Botilbud Ø\"\n2. sal".into(),
        };
        p.wishes.push(Wish {
            text: "Fiskeri 🎣".into(),
            match_with: Some("m1".into()),
            date: d(2026, 8, 10),
            place: Place::Trip,
        });
        let mut m = lsns(When::Before, d(2026, 8, 1), &full([0, 5, 3, 2, 1, 4]));
        m.answers.push(("unknown".into(), -7));
        m.note = "filled in on a bad day".into();
        p.measurements.push(m);
    }
    // Bente withdrew her consent to the evaluation.
    reg.set_evaluation_consent("m2", false).unwrap();
    reg.set_contract("pair1", contract()).unwrap();
    reg.log_meeting(
        "pair1",
        Meeting {
            date: d(2026, 9, 7),
            kind: MeetingKind::Cancelled {
                by: Party::ProjectLeader,
            },
            note: "sick".into(),
        },
    )
    .unwrap();
    reg.pause("pair1", d(2026, 10, 1)).unwrap();
    reg.resume("pair1", d(2026, 10, 20)).unwrap();
    reg.pause("pair1", d(2026, 11, 1)).unwrap();
    reg.form_pair("pair2", "p2", "m2", d(2026, 9, 1)).unwrap();
    reg.record_exit(
        "pair2",
        exit(
            d(2027, 3, 1),
            vec![Next::Other("Job".into()), Next::NewMatch],
            vec![Next::CafeDuty, Next::BecomeMentor, Next::Pause],
        ),
    )
    .unwrap();
    reg
}

#[test]
fn json_round_trip_of_a_rich_registry() {
    let reg = rich();
    let json = reg.to_json();
    assert!(json.starts_with(r#"{"format":"lokalform-registry","version":2,"#));
    assert!(json.contains(r#""cancelled_by":"project_leader""#));
    assert!(json.contains(r#"{"from":"2026-11-01"}"#));
    assert!(json.contains(r#"{"other":"Job"}"#));
    assert_eq!(json.matches(r#""consent_evaluation":true"#).count(), 3);
    assert_eq!(json.matches(r#""consent_evaluation":false"#).count(), 1);
    let back = Registry::from_json(&json).unwrap();
    assert_eq!(back, reg);
    assert_eq!(back.to_json(), json);
}

#[test]
fn decode_errors_have_paths() {
    let mut v = lokalform_text::json::parse(&rich().to_json()).unwrap();
    let lokalform_text::json::Json::Object(top) = &mut v else {
        panic!()
    };
    top[0].1 = lokalform_text::json::Json::String("something-else".into());
    let text = v
        .to_string()
        .replace(r#""role":"peer""#, r#""role":"pear""#)
        .replace(r#""date":"2026-09-07""#, r#""date":"07.09.2026""#)
        .replace(r#""version":6,"#, r#""version":"6","#)
        .replace(r#""place":"trip""#, r#""place":"trip","colour":"red""#)
        .replace(r#""frequency":"weekly""#, r#""frequency":2"#)
        .replace(r#"{"other":"Job"}"#, r#"{"other":"Job","x":1}"#)
        .replace(r#""mentor":"m2""#, r#""mentor":"m9""#);
    let problems: Vec<String> = Registry::from_json(&text)
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect();
    let expected = [
        "format: expected \"lokalform-registry\", found \"something-else\": this is not a lokalform registry",
        "participants[0].role: unknown value \"pear\"; expected one of: peer, mentor",
        "participants[0].wishes[0].colour: unknown field; expected one of: text, match_with, date, place",
        "participants[1].role: unknown value \"pear\"; expected one of: peer, mentor",
        "pairs[0].contract.frequency: expected a string, found a number",
        "pairs[0].meetings[0].date: \"07.09.2026\" is not a date as YYYY-MM-DD",
        "pairs[1].exit.next_peer[0].x: unknown field; expected one of: other",
    ];
    assert_eq!(problems, expected, "{problems:#?}");
}

#[test]
fn decode_reports_version_ids_and_references() {
    let cases: [(&str, &[&str]); 6] = [
        ("[]", &["expected an object, found an array"]),
        ("{", &["line 1, column 2: expected a name in quotes"]),
        (
            r#"{"format":"lokalform-registry","version":3,"extra":1}"#,
            &[
                "extra: unknown field; expected one of: format, version, participants, pairs, instruments, changes",
                "version: version 3 cannot be read; this version of lokalform reads versions 1 to 2",
            ],
        ),
        (
            r#"{"version":1}"#,
            &["format: is required"],
        ),
        (
            r#"{"format":"lokalform-registry","version":1,"participants":[
                {"id":"a","role":"peer","name":"A","recruited":"2026-01-01","status":"ended"},
                {"id":"a","role":"mentor","name":"B","recruited":"2026-01-01","status":"ended"}],
              "pairs":[{"id":"x","peer":"a","mentor":"b","formed":"2026-01-01"},
                       {"id":"x","peer":"a","mentor":"a","formed":"2026-01-01"}]}"#,
            &[
                "participants[1].id: the id \"a\" is used twice",
                "pairs[0].mentor: no participant has the id \"b\"",
                "pairs[1].id: the id \"x\" is used twice",
            ],
        ),
        (
            r#"{"format":"lokalform-registry","version":1,"participants":[
                {"id":"a","role":"peer","name":"A","recruited":"2026-01-01","status":"ended",
                 "measurements":[{"instrument":"lsns6","version":1,"when":"during","date":"2026-01-01",
                                  "answers":[{"item":"x","value":1.5},{"value":2}]}]}]}"#,
            &[
                "participants[0].measurements[0].when: unknown value \"during\"; expected one of: before, after",
                "participants[0].measurements[0].answers[0].value: expected a whole number, found a number",
                "participants[0].measurements[0].answers[1].item: is required",
            ],
        ),
    ];
    for (text, expected) in cases {
        let problems: Vec<String> = Registry::from_json(text)
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(problems, expected, "{text}");
    }
}

// ------------------------------------------------------- round-trip property

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zæøåÆØÅ 0-9]{1,12}",
        any::<String>().prop_map(|s| s.chars().take(20).collect()),
    ]
}

fn date() -> impl Strategy<Value = Date> {
    (1u16..=9999, 1u8..=12, 1u8..=28).prop_map(|(y, m, day)| d(y, m, day))
}

fn status() -> impl Strategy<Value = Status> {
    proptest::sample::select(ALL.to_vec())
}

fn party() -> impl Strategy<Value = Party> {
    proptest::sample::select(vec![Party::Peer, Party::Mentor, Party::ProjectLeader])
}

fn next() -> impl Strategy<Value = Next> {
    prop_oneof![
        Just(Next::NewMatch),
        Just(Next::CafeDuty),
        Just(Next::BecomeMentor),
        Just(Next::Coordinate),
        Just(Next::Pause),
        Just(Next::Stop),
        Just(Next::DontKnow),
        text().prop_map(Next::Other),
    ]
}

fn measurement() -> impl Strategy<Value = Measurement> {
    (
        text(),
        any::<u32>(),
        any::<bool>(),
        date(),
        proptest::collection::vec((text(), any::<i64>()), 0..4),
        text(),
    )
        .prop_map(
            |(instrument, version, before, date, answers, note)| Measurement {
                instrument,
                version,
                when: if before { When::Before } else { When::After },
                date,
                answers,
                note,
            },
        )
}

fn participant(i: usize) -> impl Strategy<Value = Participant> {
    (
        any::<bool>(),
        text(),
        (text(), text(), text()),
        proptest::option::of(text()),
        date(),
        status(),
        proptest::collection::vec((date(), status(), status()), 0..3),
        proptest::collection::vec(
            (
                text(),
                proptest::option::of(text()),
                date(),
                proptest::sample::select(vec![Place::Cafe, Place::Trip, Place::Other]),
            ),
            0..3,
        ),
        any::<bool>(),
        proptest::collection::vec(measurement(), 0..3),
    )
        .prop_map(
            move |(
                peer,
                name,
                (phone, email, other),
                cpr,
                recruited,
                status,
                history,
                wishes,
                consent_evaluation,
                measurements,
            )| {
                Participant {
                    id: format!("id-{i}"),
                    role: if peer { Role::Peer } else { Role::Mentor },
                    contact: Contact {
                        phone,
                        email,
                        other,
                    },
                    cpr,
                    recruited,
                    status,
                    history: history
                        .into_iter()
                        .map(|(date, from, to)| Event { date, from, to })
                        .collect(),
                    wishes: wishes
                        .into_iter()
                        .map(|(text, match_with, date, place)| Wish {
                            text,
                            match_with,
                            date,
                            place,
                        })
                        .collect(),
                    consent_evaluation,
                    measurements,
                    // Every other one with kept recruitment answers, in
                    // the generated texts (quotes, newlines, non-ASCII).
                    recruitment: i.is_multiple_of(2).then(|| Recruitment {
                        form: "recruitment-peer".into(),
                        version: i as u32,
                        heard_from: vec![Pick {
                            value: "press".into(),
                            label: name.clone(),
                        }],
                        motivation: name.clone(),
                        hopes: vec![name.clone(), String::new()],
                        expectations: vec![Expectation {
                            question: name.clone(),
                            answer: Pick::default(),
                        }],
                        decision: i.is_multiple_of(4).then(Pick::default),
                        consent_data: i.is_multiple_of(4).then(|| "2026-2".into()),
                        ..Recruitment::default()
                    }),
                    readiness_note: if i.is_multiple_of(3) {
                        name.clone()
                    } else {
                        String::new()
                    },
                    name,
                }
            },
        )
}

fn contract_strategy() -> impl Strategy<Value = Contract> {
    (
        date(),
        any::<[bool; 4]>(),
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec(text(), 0..3),
        text(),
        proptest::collection::vec((party(), text(), text(), date()), 0..3),
    )
        .prop_map(
            |(start, flags, peer_goals, mentor_goals, how, sigs)| Contract {
                contact_how_often: how.clone(),
                start,
                extended: flags[0],
                peer_goals,
                mentor_goals,
                contact_between_meetings: flags[1],
                frequency: if flags[2] {
                    Frequency::Weekly
                } else {
                    Frequency::Fortnightly
                },
                coffee_card: if flags[3] {
                    CoffeeCard::Both
                } else {
                    CoffeeCard::MentorOnly
                },
                signatures: sigs
                    .into_iter()
                    .map(|(who, name, drawing, date)| Signed {
                        who,
                        name,
                        drawing,
                        date,
                    })
                    .collect(),
                crisis_help: how.chars().rev().collect(),
                leader_phone: if flags[0] {
                    "75 00 00 00".into()
                } else {
                    String::new()
                },
                entered: flags[1].then_some(start),
            },
        )
}

fn exit_strategy() -> impl Strategy<Value = Exit> {
    (
        date(),
        proptest::collection::vec(
            (
                text(),
                proptest::sample::select(vec![
                    Outcome::Reached,
                    Outcome::Partly,
                    Outcome::NotReached,
                ]),
                text(),
            ),
            0..3,
        ),
        (text(), text()),
        proptest::collection::vec(next(), 0..3),
        proptest::collection::vec(next(), 0..3),
        any::<bool>(),
    )
        .prop_map(
            |(date, goals, (mp, mm), next_peer, next_mentor, returned)| Exit {
                date,
                goal_follow_up: goals
                    .into_iter()
                    .map(|(goal, outcome, note)| FollowUp {
                        goal,
                        outcome,
                        note,
                    })
                    .collect(),
                participants: mp.chars().take(3).collect(),
                measurement_note: mm.chars().rev().collect(),
                meaning_peer: mp,
                meaning_mentor: mm,
                next_peer,
                next_mentor,
                coffee_card_returned: returned,
                entered: returned.then_some(date),
            },
        )
}

fn pair_strategy(i: usize, participants: usize) -> impl Strategy<Value = Pair> {
    (
        0..participants,
        0..participants,
        date(),
        proptest::option::of(contract_strategy()),
        proptest::collection::vec((date(), proptest::option::of(party()), text()), 0..4),
        proptest::collection::vec((date(), proptest::option::of(date())), 0..3),
        proptest::option::of(exit_strategy()),
    )
        .prop_map(
            move |(peer, mentor, formed, contract, meetings, pauses, exit)| Pair {
                id: format!("pair-{i}"),
                peer: format!("id-{peer}"),
                mentor: format!("id-{mentor}"),
                formed,
                contract,
                meetings: meetings
                    .into_iter()
                    .map(|(date, by, note)| Meeting {
                        date,
                        kind: by.map_or(MeetingKind::Held, |by| MeetingKind::Cancelled { by }),
                        note,
                    })
                    .collect(),
                pauses,
                exit,
                end_moved_days: formed.day().into(),
            },
        )
}

fn registry() -> impl Strategy<Value = Registry> {
    (1usize..4, 0usize..3).prop_flat_map(|(n, m)| {
        (
            (0..n).map(participant).collect::<Vec<_>>(),
            (0..m).map(|i| pair_strategy(i, n)).collect::<Vec<_>>(),
            prop::collection::vec(any::<String>(), 0..3),
        )
            .prop_map(|(participants, pairs, instruments)| {
                let changes = pairs
                    .iter()
                    .map(|p: &Pair| Change {
                        date: p.formed,
                        entered: p.formed,
                        kind: ChangeKind::PairDateCorrected,
                        participants: vec![p.peer.clone(), p.mentor.clone()],
                        pair: Some(p.id.clone()),
                        reason: format!("reason {}", p.id),
                        before: String::new(),
                    })
                    .collect();
                Registry {
                    participants,
                    pairs,
                    instruments,
                    changes,
                }
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_round_trips_exactly(reg in registry()) {
        let json = reg.to_json();
        let back = Registry::from_json(&json);
        prop_assert_eq!(back.as_ref(), Ok(&reg));
        prop_assert_eq!(back.unwrap().to_json(), json);
    }

    #[test]
    fn hash_depends_on_every_goal(c in contract_strategy(), extra in text()) {
        let mut changed = c.clone();
        changed.mentor_goals.push(extra);
        prop_assert_ne!(c.content_hash("A", "B"), changed.content_hash("A", "B"));
    }

    #[test]
    fn sha256_piecewise_equals_whole(data in proptest::collection::vec(any::<u8>(), 0..300), cut in 0usize..300) {
        let cut = cut.min(data.len());
        let mut h = Sha256::new();
        h.update(&data[..cut]);
        h.update(&data[cut..]);
        prop_assert_eq!(h.finish(), sha256(&data));
    }
}
