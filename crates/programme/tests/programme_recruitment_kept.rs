//! The recruitment forms keep what they ask (issue 13, part 2): every
//! answer of the shipped peer and mentor forms reaches
//! [`Participant::recruitment`], survives the backup (and an old backup
//! without it still restores), comes back at the exit, and withdrawing the
//! data consent deletes the person's data.

use lokalform_forms::answers::{Answers, Value};
use lokalform_forms::schema::Form;
use lokalform_forms::validate::{check_form, result};
use lokalform_programme::{
    exit_with_hopes, participant_from_recruitment, Contract, Exit, FollowUp, Frequency, Outcome,
    Participant, Party, Pick, ProgrammeError, Registry, Role, Signed, Status,
};
use lokalform_text::date::Date;
use std::path::Path;

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn t(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn list(values: &[&str]) -> Value {
    Value::List(values.iter().map(|v| v.to_string()).collect())
}

fn load(name: &str) -> Form {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../forms")
        .join(name);
    Form::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn pick(value: &str, label: &str) -> Pick {
    Pick {
        value: value.into(),
        label: label.into(),
    }
}

fn hope(area: &str, text: &str) -> Answers {
    let mut item = Answers::default();
    item.set("area", t(area));
    item.set("text", t(text));
    item
}

/// Answers every question the shipped form asks (the mentor form's own
/// questions too).
fn answers(mentor: bool) -> Answers {
    let mut a = Answers::default();
    a.set("name", t("Hanne Jensen"));
    a.set("phone", t("20304050"));
    if !mentor {
        a.set("support", t("other"));
        a.set("support_other", t("Mentor fra jobcentret"));
    }
    a.set(
        "heard_from",
        list(&["cafe_activity", "participant", "other"]),
    );
    a.set("heard_from_other", t("Biblioteket"));
    a.set("motivation", t(" Jeg vil gerne ud blandt andre. "));
    if mentor {
        a.set("experience", t("Jeg har selv været indlagt."));
        a.set("hours", t("3,5"));
        a.set("fits_training", t("mostly"));
        a.set("fits_supervision", t("hard"));
    }
    let area = if mentor { "experience" } else { "well_being" };
    a.set(
        "goals",
        Value::Items(vec![hope(area, "Sove bedre"), hope("other", "Gå til kor")]),
    );
    a.set("interests", list(&["walks", "other"]));
    a.set("interests_other", t("strikning"));
    a.set("days", list(&["mon", "thu"]));
    a.set("times", list(&["afternoon"]));
    a.set("availability_note", t("Praktik om fredagen"));
    a.set("fits_meetings", t(if mentor { "well" } else { "unsure" }));
    a.set("fits_note", t("Gerne sms dagen før"));
    a.set("decision", t("talk"));
    a.set("decision_note", t("Afbud"));
    a.set("consent_data", t("2026-2"));
    a
}

fn recruited(mentor: bool) -> Participant {
    let (file, role) = if mentor {
        ("recruitment-mentor.json", Role::Mentor)
    } else {
        ("recruitment-peer.json", Role::Peer)
    };
    let form = load(file);
    let today = d(2026, 8, 1);
    let a = answers(mentor);
    let issues = check_form(&form, &a, today);
    assert!(issues.is_empty(), "{issues:?}");
    participant_from_recruitment(&form, &result(&form, &a), role, "p1", today, &[])
}

#[test]
fn the_peer_form_keeps_each_answer() {
    let p = recruited(false);
    let r = p.recruitment.expect("the answers are kept");
    assert_eq!((r.form.as_str(), r.version), ("recruitment-peer", 1));
    assert_eq!(
        r.support,
        [pick("other", "Anden støtte: Mentor fra jobcentret")]
    );
    assert_eq!(
        r.heard_from,
        [
            pick("cafe_activity", "Et psykiatri-café- eller aktivitetstilbud"),
            pick("participant", "En deltager i projektet fortalte mig om det"),
            pick("other", "Andet: Biblioteket"),
        ]
    );
    assert_eq!(r.motivation, "Jeg vil gerne ud blandt andre.");
    assert_eq!(r.hopes, ["Min trivsel: Sove bedre", "Andet: Gå til kor"]);
    assert_eq!(
        r.interests,
        [
            pick("walks", "Gå ture eller være i naturen"),
            pick("other", "Andet: strikning")
        ]
    );
    assert_eq!(r.days, [pick("mon", "Mandag"), pick("thu", "Torsdag")]);
    assert_eq!(r.times, [pick("afternoon", "Eftermiddag")]);
    assert_eq!(r.availability_note, "Praktik om fredagen");
    assert_eq!(r.expectations.len(), 1);
    assert!(r.expectations[0]
        .question
        .starts_with("Hvordan passer det til din hverdag"));
    assert_eq!(r.expectations[0].answer, pick("unsure", "Ved ikke endnu"));
    assert_eq!(r.expectations_note, "Gerne sms dagen før");
    assert_eq!(
        r.decision,
        Some(pick(
            "talk",
            "Ja, men jeg vil gerne tale mere om noget af det"
        ))
    );
    assert_eq!(r.decision_note, "Afbud");
    assert_eq!(r.consent_data.as_deref(), Some("2026-2"));
    assert_eq!((r.experience.as_str(), r.hours.as_str()), ("", ""));
    // Not waiting yet: they want to talk more.
    assert_eq!(p.status, Status::Recruited);
}

#[test]
fn the_mentor_form_keeps_experience_hours_and_each_expectation() {
    let r = recruited(true).recruitment.unwrap();
    assert_eq!(r.form, "recruitment-mentor");
    assert_eq!(r.experience, "Jeg har selv været indlagt.");
    assert_eq!(r.hours, "3,5");
    assert!(r.support.is_empty());
    let answers: Vec<(&str, &str)> = r
        .expectations
        .iter()
        .map(|e| (e.question.as_str(), e.answer.value.as_str()))
        .collect();
    assert_eq!(answers.len(), 3);
    assert_eq!(answers[1].1, "mostly");
    assert!(answers[2].0.ends_with("en gang om måneden i seks måneder?"));
    assert_eq!(answers[2].1, "hard");
    assert_eq!(r.hopes[0], "At bruge mine erfaringer: Sove bedre");
    // The note shows (and is kept) because a fit is "hard".
    assert_eq!(r.expectations_note, "Gerne sms dagen før");
}

#[test]
fn the_backup_keeps_the_answers_and_the_note_and_an_old_backup_still_restores() {
    let mut reg = Registry::default();
    reg.recruit(recruited(false)).unwrap();
    reg.set_readiness_note("p1", "  Klar, men skal have ro på.  ")
        .unwrap();
    assert_eq!(
        reg.participant("p1").unwrap().readiness_note,
        "Klar, men skal have ro på."
    );
    let json = reg.to_json();
    assert!(json.contains(r#""heard_from":[{"value":"cafe_activity""#));
    assert!(json.contains(r#""readiness_note":"Klar, men skal have ro på.""#));
    assert_eq!(Registry::from_json(&json).unwrap(), reg);
    // A backup from before the answers were kept.
    let old = r#"{"format":"lokalform-registry","version":1,"participants":[{"id":"p1","role":"peer",
        "name":"Ida","contact":{"phone":"","email":"","other":""},"recruited":"2026-08-01",
        "status":"recruited","history":[],"wishes":[],"consent_evaluation":false,
        "measurements":[]}],"pairs":[]}"#;
    let read = Registry::from_json(old).unwrap();
    let p = read.participant("p1").unwrap();
    assert_eq!(p.recruitment, None);
    assert_eq!(p.readiness_note, "");
    // Written again as before, in today's format version (nothing added
    // for the answers it does not have).
    assert_eq!(
        read.to_json(),
        old.split_whitespace().collect::<Vec<_>>().join("").replace(
            "\"version\":1",
            &format!("\"version\":{}", lokalform_programme::FORMAT_VERSION)
        )
    );
    // A bad answer in a kept recruitment is reported with its path.
    let bad = json.replace(r#""value":"cafe_activity""#, r#""value":7"#);
    let problems = Registry::from_json(&bad).unwrap_err();
    assert_eq!(
        problems[0].to_string().split(':').next(),
        Some("participants[0].recruitment.heard_from[0].value")
    );
}

/// Ida (peer) and Ole (mentor) in pair1, with a contract and, when
/// `ended`, an exit.
fn paired(ended: bool) -> Registry {
    let day = d(2026, 8, 1);
    let mut reg = Registry::default();
    let mut ida = Participant::new("p1", Role::Peer, "Ida", day);
    ida.cpr = Some("010190-0002".into());
    ida.recruitment = recruited(false).recruitment;
    ida.readiness_note = "Klar".into();
    reg.recruit(ida).unwrap();
    reg.recruit(Participant::new("m1", Role::Mentor, "Ole", day))
        .unwrap();
    reg.set_evaluation_consent("p1", true).unwrap();
    reg.wait_for_match("p1", day).unwrap();
    reg.wait_for_match("m1", day).unwrap();
    reg.form_pair("pair1", "p1", "m1", day).unwrap();
    let mut c = Contract::new(day, Frequency::Weekly);
    c.peer_goals.push("Komme ud hver uge".into());
    c.mentor_goals.push("Lytte mere".into());
    for (who, name) in [(Party::Peer, "Ida"), (Party::Mentor, "Ole")] {
        c.signatures.push(Signed {
            who,
            name: name.into(),
            drawing: "M0 0L1 1".into(),
            date: day,
        });
    }
    reg.set_contract("pair1", c).unwrap();
    if ended {
        let goal = |g: &str| FollowUp {
            goal: g.into(),
            outcome: Outcome::Partly,
            note: String::new(),
        };
        reg.record_exit(
            "pair1",
            Exit {
                date: d(2027, 2, 1),
                goal_follow_up: vec![goal("Komme ud hver uge"), goal("Lytte mere")],
                meaning_peer: "Jeg fik en ven".into(),
                meaning_mentor: "Det gav mening".into(),
                next_peer: vec![],
                next_mentor: vec![],
                coffee_card_returned: true,
                participants: String::new(),
                measurement_note: String::new(),
                entered: None,
            },
        )
        .unwrap();
    }
    reg
}

#[test]
fn withdrawing_the_data_consent_deletes_a_person_never_paired() {
    let mut reg = Registry::default();
    reg.recruit(recruited(false)).unwrap();
    reg.recruit(Participant::new("m1", Role::Mentor, "Ole", d(2026, 8, 1)))
        .unwrap();
    reg.delete_participant("p1").unwrap();
    let ids: Vec<&str> = reg.participants.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["m1"]);
    assert!(!reg.to_json().contains("Hanne"));
    assert_eq!(
        reg.delete_participant("p1"),
        Err(ProgrammeError::UnknownParticipant("p1".into()))
    );
}

#[test]
fn withdrawing_the_data_consent_is_refused_while_the_pair_is_under_way() {
    let mut reg = paired(false);
    let before = reg.clone();
    assert_eq!(
        reg.delete_participant("p1"),
        Err(ProgrammeError::InActivePair { name: "Ida".into() })
    );
    assert_eq!(reg, before, "nothing changed");
}

#[test]
fn withdrawing_after_the_exit_leaves_an_empty_placeholder_and_the_partners_part() {
    let mut reg = paired(true);
    reg.delete_participant("p1").unwrap();
    let p = reg.participant("p1").unwrap();
    let mut expected = Participant::new("p1", Role::Peer, "", d(2026, 8, 1));
    expected.status = Status::Ended;
    assert_eq!(p, &expected, "only id, role and recruitment date are left");
    let pair = reg.pair("pair1").unwrap();
    let c = pair.contract.as_ref().unwrap();
    assert!(c.peer_goals.is_empty());
    assert_eq!(c.mentor_goals, ["Lytte mere"]);
    let peer_sig = c.signatures.iter().find(|s| s.who == Party::Peer).unwrap();
    assert_eq!(
        (peer_sig.name.as_str(), peer_sig.drawing.as_str()),
        ("", "")
    );
    let mentor_sig = c
        .signatures
        .iter()
        .find(|s| s.who == Party::Mentor)
        .unwrap();
    assert_eq!(mentor_sig.name, "Ole");
    let exit = pair.exit.as_ref().unwrap();
    assert_eq!(exit.meaning_peer, "");
    assert_eq!(exit.meaning_mentor, "Det gav mening");
    let goals: Vec<&str> = exit
        .goal_follow_up
        .iter()
        .map(|f| f.goal.as_str())
        .collect();
    assert_eq!(goals, ["Lytte mere"]);
    // Ole keeps his record; the backup holds nothing of Ida's.
    assert_eq!(reg.participant("m1").unwrap().name, "Ole");
    let json = reg.to_json();
    for gone in [
        "Ida",
        "010190",
        "Jeg fik en ven",
        "Komme ud",
        "Klar",
        "Sove bedre",
    ] {
        assert!(!json.contains(gone), "{gone} is still in the backup");
    }
    assert_eq!(Registry::from_json(&json).unwrap(), reg);
    assert!(reg
        .cohort_pairs(&lokalform_forms::instruments::Instrument::lsns6())
        .is_empty());
}

#[test]
fn the_exit_form_brings_back_the_hopes() {
    let reg = paired(false);
    let form = exit_with_hopes(&load("exit.json"), &reg, "pair1").unwrap();
    let help = form.field("meaning_peer").unwrap().help.clone().unwrap();
    assert_eq!(
        help.da,
        "Da forløbet begyndte, håbede du på: Min trivsel: Sove bedre; Andet: Gå til kor."
    );
    assert_eq!(
        help.en.as_deref(),
        Some("When the programme started, you hoped for: Min trivsel: Sove bedre; Andet: Gå til kor.")
    );
    // Ole was added without the form: nothing to bring back.
    assert!(form.field("meaning_mentor").unwrap().help.is_none());
    assert!(form.check().is_empty());
    assert!(exit_with_hopes(&form, &reg, "pair9").is_err());
}
