//! The registry as JSON, for the encrypted backup file.
//!
//! ```json
//! {"format": "lokalform-registry", "version": 2,
//!  "participants": [{"id", "role", "name", "contact": {"phone", "email", "other"},
//!                    "cpr"?, "recruited", "status", "history": [{"date", "from", "to"}],
//!                    "wishes": [{"text", "match_with"?, "date", "place"}],
//!                    "consent_evaluation"?: true/false,
//!                    "measurements": [{"instrument", "version", "when", "date",
//!                                      "answers": [{"item", "value"}], "note"}],
//!                    "recruitment"?: {"form", "version", "support", "heard_from", "motivation",
//!                                     "experience", "hopes", "interests", "days", "times", "hours",
//!                                     "availability_note", "expectations": [{"question", "answer"}],
//!                                     "expectations_note", "decision"?, "decision_note",
//!                                     "consent_data"?},
//!                    "readiness_note"?}],
//!  "pairs": [{"id", "peer", "mentor", "formed", "contract"?, "meetings": [{"date", "cancelled_by"?, "note"}],
//!             "pauses": [{"from", "to"?}], "exit"?, "end_moved_days"?}],
//!  "instruments"?: ["<an imported instrument definition, as imported>"],
//!  "changes"?: [{"date", "entered", "kind", "participants": [id], "pair"?, "reason"?, "before"?}]}
//! ```
//!
//! Version 2 added the status `active`, the "what next" names
//! `coordinate`, `stop` and `dont_know`, the log of `changes`, a pair's
//! `end_moved_days`, the exit's `participants`, `measurement_note` and
//! `entered`, and the contract's `coffee_card` (`both`, `peer_only`,
//! `mentor_only`, `neither`), `crisis_help`, `leader_phone` and `entered`.
//! Each new member is optional, so a version 1 file (a backup made before)
//! reads as it was: its `coffee_card_given` true is a card for both.
//!
//! `consent_evaluation` ([`Participant::consent_evaluation`]) is always
//! written; a file without it (written before it existed) reads as no
//! consent, so such a participant's measurements are kept but stay out of
//! the cohort until the consent is recorded
//! ([`Registry::set_evaluation_consent`]).
//!
//! `recruitment` ([`Participant::recruitment`]; each pick is `{"value",
//! "label"}`) and `readiness_note` are written only when there is
//! something to write; a file without them (written before they were
//! kept) reads as a participant recruited without the form's other
//! answers and with no note.
//!
//! `instruments` is written only when something was imported, so a
//! registry without imports is written exactly as before it existed, and
//! files without it read as having none. Its texts are kept as they are:
//! [`Registry::instruments`] reads them, and skips one that no longer
//! reads, rather than refusing the whole backup.
//!
//! Dates are `YYYY-MM-DD`; names of kinds are snake case (`waiting_for_match`,
//! `project_leader`); "what next" is a name or `{"other": text}`.

use super::{
    Change, ChangeKind, CoffeeCard, Contact, Contract, Event, Exit, Expectation, FollowUp,
    Frequency, Measurement, Meeting, MeetingKind, Next, Outcome, Pair, Participant, Party, Pick,
    Place, Recruitment, Registry, Role, Signed, Status, When, Wish, FORMAT, FORMAT_VERSION,
};
use lokalform_text::date::Date;
use lokalform_text::json::decode::{as_string, expected};
use lokalform_text::json::{object as obj, parse, string as s, Fields, Json};
use lokalform_text::Problem;

const ROLES: &[(&str, Role)] = &[("peer", Role::Peer), ("mentor", Role::Mentor)];
const STATUSES: &[(&str, Status)] = &[
    ("recruited", Status::Recruited),
    ("waiting_for_match", Status::WaitingForMatch),
    ("matched", Status::Matched),
    ("paused", Status::Paused),
    ("ended", Status::Ended),
    ("active", Status::Active),
];
const PLACES: &[(&str, Place)] = &[
    ("cafe", Place::Cafe),
    ("trip", Place::Trip),
    ("other", Place::Other),
];
const WHENS: &[(&str, When)] = &[("before", When::Before), ("after", When::After)];
const PARTIES: &[(&str, Party)] = &[
    ("peer", Party::Peer),
    ("mentor", Party::Mentor),
    ("project_leader", Party::ProjectLeader),
];
const FREQUENCIES: &[(&str, Frequency)] = &[
    ("weekly", Frequency::Weekly),
    ("fortnightly", Frequency::Fortnightly),
];
const OUTCOMES: &[(&str, Outcome)] = &[
    ("reached", Outcome::Reached),
    ("partly", Outcome::Partly),
    ("not_reached", Outcome::NotReached),
];
const NEXTS: &[(&str, Next)] = &[
    ("new_match", Next::NewMatch),
    ("cafe_duty", Next::CafeDuty),
    ("become_mentor", Next::BecomeMentor),
    ("coordinate", Next::Coordinate),
    ("pause", Next::Pause),
    ("stop", Next::Stop),
    ("dont_know", Next::DontKnow),
];
const COFFEE_CARDS: &[(&str, CoffeeCard)] = &[
    ("both", CoffeeCard::Both),
    ("peer_only", CoffeeCard::PeerOnly),
    ("mentor_only", CoffeeCard::MentorOnly),
    ("neither", CoffeeCard::Neither),
];
const CHANGES: &[(&str, ChangeKind)] = &[
    ("extended", ChangeKind::Extended),
    ("extension_undone", ChangeKind::ExtensionUndone),
    ("end_moved", ChangeKind::EndMoved),
    ("became_mentor", ChangeKind::BecameMentor),
    ("pair_date_corrected", ChangeKind::PairDateCorrected),
    ("pair_undone", ChangeKind::PairUndone),
    ("exit_undone", ChangeKind::ExitUndone),
    ("exit_corrected", ChangeKind::ExitCorrected),
    ("wish_corrected", ChangeKind::WishCorrected),
    ("wish_removed", ChangeKind::WishRemoved),
];

fn name_of<T: PartialEq>(table: &[(&'static str, T)], value: &T) -> &'static str {
    table
        .iter()
        .find(|(_, v)| v == value)
        .map_or("", |(n, _)| n)
}

// ------------------------------------------------------------------ writing

fn date(d: Date) -> Json {
    s(&d.iso())
}

fn list<T>(items: &[T], f: impl Fn(&T) -> Json) -> Json {
    Json::Array(items.iter().map(f).collect())
}

fn participant(p: &Participant) -> Json {
    let mut m = vec![
        ("id", s(&p.id)),
        ("role", s(name_of(ROLES, &p.role))),
        ("name", s(&p.name)),
        (
            "contact",
            obj(vec![
                ("phone", s(&p.contact.phone)),
                ("email", s(&p.contact.email)),
                ("other", s(&p.contact.other)),
            ]),
        ),
    ];
    if let Some(cpr) = &p.cpr {
        m.push(("cpr", s(cpr)));
    }
    m.extend([
        ("recruited", date(p.recruited)),
        ("status", s(name_of(STATUSES, &p.status))),
        (
            "history",
            list(&p.history, |e| {
                obj(vec![
                    ("date", date(e.date)),
                    ("from", s(name_of(STATUSES, &e.from))),
                    ("to", s(name_of(STATUSES, &e.to))),
                ])
            }),
        ),
        (
            "wishes",
            list(&p.wishes, |w| {
                let mut m = vec![("text", s(&w.text))];
                if let Some(id) = &w.match_with {
                    m.push(("match_with", s(id)));
                }
                m.push(("date", date(w.date)));
                m.push(("place", s(name_of(PLACES, &w.place))));
                obj(m)
            }),
        ),
        ("consent_evaluation", Json::Bool(p.consent_evaluation)),
        (
            "measurements",
            list(&p.measurements, |m| {
                obj(vec![
                    ("instrument", s(&m.instrument)),
                    ("version", Json::Number(m.version.to_string())),
                    ("when", s(name_of(WHENS, &m.when))),
                    ("date", date(m.date)),
                    (
                        "answers",
                        list(&m.answers, |(item, value)| {
                            obj(vec![
                                ("item", s(item)),
                                ("value", Json::Number(value.to_string())),
                            ])
                        }),
                    ),
                    ("note", s(&m.note)),
                ])
            }),
        ),
    ]);
    if let Some(r) = &p.recruitment {
        m.push(("recruitment", recruitment(r)));
    }
    if !p.readiness_note.is_empty() {
        m.push(("readiness_note", s(&p.readiness_note)));
    }
    obj(m)
}

fn pick(p: &Pick) -> Json {
    obj(vec![("value", s(&p.value)), ("label", s(&p.label))])
}

fn recruitment(r: &Recruitment) -> Json {
    let strings = |v: &[String]| list(v, |x| s(x));
    let mut m = vec![
        ("form", s(&r.form)),
        ("version", Json::Number(r.version.to_string())),
        ("support", list(&r.support, pick)),
        ("heard_from", list(&r.heard_from, pick)),
        ("motivation", s(&r.motivation)),
        ("experience", s(&r.experience)),
        ("hopes", strings(&r.hopes)),
        ("interests", list(&r.interests, pick)),
        ("days", list(&r.days, pick)),
        ("times", list(&r.times, pick)),
        ("hours", s(&r.hours)),
        ("availability_note", s(&r.availability_note)),
        (
            "expectations",
            list(&r.expectations, |e| {
                obj(vec![
                    ("question", s(&e.question)),
                    ("answer", pick(&e.answer)),
                ])
            }),
        ),
        ("expectations_note", s(&r.expectations_note)),
    ];
    if let Some(d) = &r.decision {
        m.push(("decision", pick(d)));
    }
    m.push(("decision_note", s(&r.decision_note)));
    if let Some(v) = &r.consent_data {
        m.push(("consent_data", s(v)));
    }
    obj(m)
}

/// Adds `name` with `text` to `m` when `text` is not empty.
fn push_text<'a>(m: &mut Vec<(&'a str, Json)>, name: &'a str, text: &str) {
    if !text.is_empty() {
        m.push((name, s(text)));
    }
}

fn contract(c: &Contract) -> Json {
    let strings = |v: &[String]| list(v, |x| s(x));
    let mut m = vec![
        ("start", date(c.start)),
        ("extended", Json::Bool(c.extended)),
        ("peer_goals", strings(&c.peer_goals)),
        ("mentor_goals", strings(&c.mentor_goals)),
        (
            "contact_between_meetings",
            Json::Bool(c.contact_between_meetings),
        ),
        ("contact_how_often", s(&c.contact_how_often)),
        ("frequency", s(name_of(FREQUENCIES, &c.frequency))),
        ("coffee_card", s(name_of(COFFEE_CARDS, &c.coffee_card))),
        (
            "signatures",
            list(&c.signatures, |sig| {
                obj(vec![
                    ("who", s(name_of(PARTIES, &sig.who))),
                    ("name", s(&sig.name)),
                    ("drawing", s(&sig.drawing)),
                    ("date", date(sig.date)),
                ])
            }),
        ),
    ];
    push_text(&mut m, "crisis_help", &c.crisis_help);
    push_text(&mut m, "leader_phone", &c.leader_phone);
    if let Some(d) = c.entered {
        m.push(("entered", date(d)));
    }
    obj(m)
}

fn next(n: &Next) -> Json {
    match n {
        Next::Other(text) => obj(vec![("other", s(text))]),
        fixed => s(name_of(NEXTS, fixed)),
    }
}

fn exit(e: &Exit) -> Json {
    let mut m = vec![
        ("date", date(e.date)),
        (
            "goal_follow_up",
            list(&e.goal_follow_up, |f| {
                obj(vec![
                    ("goal", s(&f.goal)),
                    ("outcome", s(name_of(OUTCOMES, &f.outcome))),
                    ("note", s(&f.note)),
                ])
            }),
        ),
        ("meaning_peer", s(&e.meaning_peer)),
        ("meaning_mentor", s(&e.meaning_mentor)),
        ("next_peer", list(&e.next_peer, next)),
        ("next_mentor", list(&e.next_mentor, next)),
        ("coffee_card_returned", Json::Bool(e.coffee_card_returned)),
    ];
    push_text(&mut m, "participants", &e.participants);
    push_text(&mut m, "measurement_note", &e.measurement_note);
    if let Some(d) = e.entered {
        m.push(("entered", date(d)));
    }
    obj(m)
}

fn change(c: &Change) -> Json {
    let mut m = vec![
        ("date", date(c.date)),
        ("entered", date(c.entered)),
        ("kind", s(name_of(CHANGES, &c.kind))),
        ("participants", list(&c.participants, |x| s(x))),
    ];
    if let Some(pair) = &c.pair {
        m.push(("pair", s(pair)));
    }
    push_text(&mut m, "reason", &c.reason);
    push_text(&mut m, "before", &c.before);
    obj(m)
}

fn pair(p: &Pair) -> Json {
    let mut m = vec![
        ("id", s(&p.id)),
        ("peer", s(&p.peer)),
        ("mentor", s(&p.mentor)),
        ("formed", date(p.formed)),
    ];
    if let Some(c) = &p.contract {
        m.push(("contract", contract(c)));
    }
    m.push((
        "meetings",
        list(&p.meetings, |meeting| {
            let mut m = vec![("date", date(meeting.date))];
            if let MeetingKind::Cancelled { by } = meeting.kind {
                m.push(("cancelled_by", s(name_of(PARTIES, &by))));
            }
            m.push(("note", s(&meeting.note)));
            obj(m)
        }),
    ));
    m.push((
        "pauses",
        list(&p.pauses, |(from, to)| {
            let mut m = vec![("from", date(*from))];
            if let Some(to) = to {
                m.push(("to", date(*to)));
            }
            obj(m)
        }),
    ));
    if let Some(e) = &p.exit {
        m.push(("exit", exit(e)));
    }
    if p.end_moved_days > 0 {
        m.push(("end_moved_days", Json::Number(p.end_moved_days.to_string())));
    }
    obj(m)
}

pub(super) fn to_json(r: &Registry) -> String {
    let mut m = vec![
        ("format", s(FORMAT)),
        ("version", Json::Number(FORMAT_VERSION.to_string())),
        ("participants", list(&r.participants, participant)),
        ("pairs", list(&r.pairs, pair)),
    ];
    if !r.instruments.is_empty() {
        m.push(("instruments", list(&r.instruments, |t| s(t))));
    }
    if !r.changes.is_empty() {
        m.push(("changes", list(&r.changes, change)));
    }
    obj(m).to_string()
}

// ------------------------------------------------------------------ reading

type Problems = Vec<Problem>;

fn choice<T: Clone>(
    f: &Fields,
    name: &str,
    table: &[(&str, T)],
    problems: &mut Problems,
) -> Option<T> {
    let text = f.string(name, problems)?;
    let found = table
        .iter()
        .find(|(n, _)| *n == text)
        .map(|(_, v)| v.clone());
    if found.is_none() {
        let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
        problems.push(Problem::new(
            f.path(name),
            format!(
                "unknown value \"{text}\"; expected one of: {}",
                names.join(", ")
            ),
        ));
    }
    found
}

fn read_date(value: &Json, path: &str, problems: &mut Problems) -> Option<Date> {
    let text = as_string(value, path, problems)?;
    let d = Date::parse_iso(&text);
    if d.is_none() {
        problems.push(Problem::new(
            path,
            format!("\"{text}\" is not a date as YYYY-MM-DD"),
        ));
    }
    d
}

fn get_date(f: &Fields, name: &str, problems: &mut Problems) -> Option<Date> {
    f.required(name, problems)
        .and_then(|v| read_date(v, &f.path(name), problems))
}

fn opt_date(f: &Fields, name: &str, problems: &mut Problems) -> Option<Option<Date>> {
    match f.get(name) {
        None => Some(None),
        Some(v) => read_date(v, &f.path(name), problems).map(Some),
    }
}

fn get_i64(f: &Fields, name: &str, problems: &mut Problems) -> Option<i64> {
    let v = f.required(name, problems)?;
    let n = match v {
        Json::Number(n) => n.parse::<i64>().ok(),
        _ => None,
    };
    if n.is_none() {
        problems.push(expected(&f.path(name), "a whole number", v));
    }
    n
}

/// Reads every element of array `name`; `None` if any failed.
fn items<T>(
    f: &Fields,
    name: &str,
    problems: &mut Problems,
    read: impl Fn(&Json, &str, &mut Problems) -> Option<T>,
) -> Option<Vec<T>> {
    let path = f.path(name);
    let mut out = Vec::new();
    let mut ok = true;
    for (i, v) in f.array(name, problems).iter().enumerate() {
        match read(v, &format!("{path}[{i}]"), problems) {
            Some(x) => out.push(x),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn text(f: &Fields, name: &str, problems: &mut Problems) -> String {
    f.opt_string(name, problems).unwrap_or_default()
}

fn read_participant(v: &Json, path: &str, problems: &mut Problems) -> Option<Participant> {
    const KNOWN: &[&str] = &[
        "id",
        "role",
        "name",
        "contact",
        "cpr",
        "recruited",
        "status",
        "history",
        "wishes",
        "consent_evaluation",
        "measurements",
        "recruitment",
        "readiness_note",
    ];
    let f = Fields::of(v, path, KNOWN, problems)?;
    let id = f.string("id", problems);
    let role = choice(&f, "role", ROLES, problems);
    let name = f.string("name", problems);
    let contact = match f.get("contact") {
        None => Some(Contact::default()),
        Some(c) => Fields::of(
            c,
            &f.path("contact"),
            &["phone", "email", "other"],
            problems,
        )
        .map(|c| Contact {
            phone: text(&c, "phone", problems),
            email: text(&c, "email", problems),
            other: text(&c, "other", problems),
        }),
    };
    let cpr = f.opt_string("cpr", problems);
    let recruited = get_date(&f, "recruited", problems);
    let status = choice(&f, "status", STATUSES, problems);
    let history = items(&f, "history", problems, |v, path, problems| {
        let e = Fields::of(v, path, &["date", "from", "to"], problems)?;
        let date = get_date(&e, "date", problems);
        let from = choice(&e, "from", STATUSES, problems);
        let to = choice(&e, "to", STATUSES, problems);
        Some(Event {
            date: date?,
            from: from?,
            to: to?,
        })
    });
    let wishes = items(&f, "wishes", problems, |v, path, problems| {
        let w = Fields::of(v, path, &["text", "match_with", "date", "place"], problems)?;
        let text = text(&w, "text", problems);
        let match_with = w.opt_string("match_with", problems);
        let date = get_date(&w, "date", problems);
        let place = choice(&w, "place", PLACES, problems);
        Some(Wish {
            text,
            match_with,
            date: date?,
            place: place?,
        })
    });
    let consent_evaluation = f.flag("consent_evaluation", problems);
    let measurements = items(&f, "measurements", problems, read_measurement);
    let recruitment = match f.get("recruitment") {
        None => Some(None),
        Some(r) => read_recruitment(r, &f.path("recruitment"), problems).map(Some),
    };
    let readiness_note = text(&f, "readiness_note", problems);
    Some(Participant {
        id: id?,
        role: role?,
        name: name?,
        contact: contact?,
        cpr,
        recruited: recruited?,
        status: status?,
        history: history?,
        wishes: wishes?,
        consent_evaluation,
        measurements: measurements?,
        recruitment: recruitment?,
        readiness_note,
    })
}

fn read_pick(v: &Json, path: &str, problems: &mut Problems) -> Option<Pick> {
    let p = Fields::of(v, path, &["value", "label"], problems)?;
    let value = p.string("value", problems);
    let label = text(&p, "label", problems);
    Some(Pick {
        value: value?,
        label,
    })
}

fn picks(f: &Fields, name: &str, problems: &mut Problems) -> Option<Vec<Pick>> {
    items(f, name, problems, read_pick)
}

fn read_recruitment(v: &Json, path: &str, problems: &mut Problems) -> Option<Recruitment> {
    const KNOWN: &[&str] = &[
        "form",
        "version",
        "support",
        "heard_from",
        "motivation",
        "experience",
        "hopes",
        "interests",
        "days",
        "times",
        "hours",
        "availability_note",
        "expectations",
        "expectations_note",
        "decision",
        "decision_note",
        "consent_data",
    ];
    let r = Fields::of(v, path, KNOWN, problems)?;
    let form = text(&r, "form", problems);
    let version = r.u32("version", problems);
    let support = picks(&r, "support", problems);
    let heard_from = picks(&r, "heard_from", problems);
    let hopes = strings(&r, "hopes", problems);
    let interests = picks(&r, "interests", problems);
    let days = picks(&r, "days", problems);
    let times = picks(&r, "times", problems);
    let expectations = items(&r, "expectations", problems, |v, path, problems| {
        let e = Fields::of(v, path, &["question", "answer"], problems)?;
        let question = text(&e, "question", problems);
        let answer = read_pick(e.required("answer", problems)?, &e.path("answer"), problems);
        Some(Expectation {
            question,
            answer: answer?,
        })
    });
    let decision = match r.get("decision") {
        None => Some(None),
        Some(d) => read_pick(d, &r.path("decision"), problems).map(Some),
    };
    Some(Recruitment {
        form,
        version: version?,
        support: support?,
        heard_from: heard_from?,
        motivation: text(&r, "motivation", problems),
        experience: text(&r, "experience", problems),
        hopes: hopes?,
        interests: interests?,
        days: days?,
        times: times?,
        hours: text(&r, "hours", problems),
        availability_note: text(&r, "availability_note", problems),
        expectations: expectations?,
        expectations_note: text(&r, "expectations_note", problems),
        decision: decision?,
        decision_note: text(&r, "decision_note", problems),
        consent_data: r.opt_string("consent_data", problems),
    })
}

fn read_measurement(v: &Json, path: &str, problems: &mut Problems) -> Option<Measurement> {
    const KNOWN: &[&str] = &["instrument", "version", "when", "date", "answers", "note"];
    let m = Fields::of(v, path, KNOWN, problems)?;
    let instrument = m.string("instrument", problems);
    let version = m.u32("version", problems);
    let when = choice(&m, "when", WHENS, problems);
    let date = get_date(&m, "date", problems);
    let answers = items(&m, "answers", problems, |v, path, problems| {
        let a = Fields::of(v, path, &["item", "value"], problems)?;
        let item = a.string("item", problems);
        let value = get_i64(&a, "value", problems);
        Some((item?, value?))
    });
    let note = text(&m, "note", problems);
    Some(Measurement {
        instrument: instrument?,
        version: version?,
        when: when?,
        date: date?,
        answers: answers?,
        note,
    })
}

fn strings(f: &Fields, name: &str, problems: &mut Problems) -> Option<Vec<String>> {
    items(f, name, problems, |v, path, problems| {
        as_string(v, path, problems)
    })
}

fn read_contract(v: &Json, path: &str, problems: &mut Problems) -> Option<Contract> {
    const KNOWN: &[&str] = &[
        "start",
        "extended",
        "peer_goals",
        "mentor_goals",
        "contact_between_meetings",
        "contact_how_often",
        "frequency",
        "coffee_card",
        "coffee_card_given",
        "signatures",
        "crisis_help",
        "leader_phone",
        "entered",
    ];
    let c = Fields::of(v, path, KNOWN, problems)?;
    let start = get_date(&c, "start", problems);
    let extended = c.flag("extended", problems);
    let peer_goals = strings(&c, "peer_goals", problems);
    let mentor_goals = strings(&c, "mentor_goals", problems);
    let contact_between_meetings = c.flag("contact_between_meetings", problems);
    let contact_how_often = text(&c, "contact_how_often", problems);
    let frequency = choice(&c, "frequency", FREQUENCIES, problems);
    // Written before the card was one each: `coffee_card_given` (both or
    // neither).
    let coffee_card = match c.get("coffee_card") {
        Some(_) => choice(&c, "coffee_card", COFFEE_CARDS, problems),
        None if c.flag("coffee_card_given", problems) => Some(CoffeeCard::Both),
        None => Some(CoffeeCard::Neither),
    };
    let crisis_help = text(&c, "crisis_help", problems);
    let leader_phone = text(&c, "leader_phone", problems);
    let entered = opt_date(&c, "entered", problems);
    let signatures = items(&c, "signatures", problems, |v, path, problems| {
        let s = Fields::of(v, path, &["who", "name", "drawing", "date"], problems)?;
        let who = choice(&s, "who", PARTIES, problems);
        let name = text(&s, "name", problems);
        let drawing = text(&s, "drawing", problems);
        let date = get_date(&s, "date", problems);
        Some(Signed {
            who: who?,
            name,
            drawing,
            date: date?,
        })
    });
    Some(Contract {
        start: start?,
        extended,
        peer_goals: peer_goals?,
        mentor_goals: mentor_goals?,
        contact_between_meetings,
        contact_how_often,
        frequency: frequency?,
        coffee_card: coffee_card?,
        signatures: signatures?,
        crisis_help,
        leader_phone,
        entered: entered?,
    })
}

fn read_next(v: &Json, path: &str, problems: &mut Problems) -> Option<Next> {
    match v {
        Json::String(name) => {
            let found = NEXTS
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, x)| x.clone());
            if found.is_none() {
                problems.push(Problem::new(
                    path,
                    format!(
                        "unknown value \"{name}\"; expected one of: {}, or {{\"other\": text}}",
                        NEXTS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
            found
        }
        Json::Object(_) => {
            let f = Fields::of(v, path, &["other"], problems)?;
            f.string("other", problems).map(Next::Other)
        }
        other => {
            problems.push(expected(path, "a string or an object", other));
            None
        }
    }
}

fn read_exit(v: &Json, path: &str, problems: &mut Problems) -> Option<Exit> {
    const KNOWN: &[&str] = &[
        "date",
        "goal_follow_up",
        "meaning_peer",
        "meaning_mentor",
        "next_peer",
        "next_mentor",
        "coffee_card_returned",
        "participants",
        "measurement_note",
        "entered",
    ];
    let e = Fields::of(v, path, KNOWN, problems)?;
    let date = get_date(&e, "date", problems);
    let goal_follow_up = items(&e, "goal_follow_up", problems, |v, path, problems| {
        let g = Fields::of(v, path, &["goal", "outcome", "note"], problems)?;
        let goal = text(&g, "goal", problems);
        let outcome = choice(&g, "outcome", OUTCOMES, problems);
        let note = text(&g, "note", problems);
        Some(FollowUp {
            goal,
            outcome: outcome?,
            note,
        })
    });
    let meaning_peer = text(&e, "meaning_peer", problems);
    let meaning_mentor = text(&e, "meaning_mentor", problems);
    let next_peer = items(&e, "next_peer", problems, read_next);
    let next_mentor = items(&e, "next_mentor", problems, read_next);
    let coffee_card_returned = e.flag("coffee_card_returned", problems);
    let participants = text(&e, "participants", problems);
    let measurement_note = text(&e, "measurement_note", problems);
    let entered = opt_date(&e, "entered", problems);
    Some(Exit {
        date: date?,
        goal_follow_up: goal_follow_up?,
        meaning_peer,
        meaning_mentor,
        next_peer: next_peer?,
        next_mentor: next_mentor?,
        coffee_card_returned,
        participants,
        measurement_note,
        entered: entered?,
    })
}

fn read_change(v: &Json, path: &str, problems: &mut Problems) -> Option<Change> {
    const KNOWN: &[&str] = &[
        "date",
        "entered",
        "kind",
        "participants",
        "pair",
        "reason",
        "before",
    ];
    let f = Fields::of(v, path, KNOWN, problems)?;
    let date = get_date(&f, "date", problems);
    let entered = get_date(&f, "entered", problems);
    let kind = choice(&f, "kind", CHANGES, problems);
    let participants = strings(&f, "participants", problems);
    let pair = f.opt_string("pair", problems);
    let reason = text(&f, "reason", problems);
    let before = text(&f, "before", problems);
    Some(Change {
        date: date?,
        entered: entered?,
        kind: kind?,
        participants: participants?,
        pair,
        reason,
        before,
    })
}

fn read_pair(v: &Json, path: &str, problems: &mut Problems) -> Option<Pair> {
    const KNOWN: &[&str] = &[
        "id",
        "peer",
        "mentor",
        "formed",
        "contract",
        "meetings",
        "pauses",
        "exit",
        "end_moved_days",
    ];
    let f = Fields::of(v, path, KNOWN, problems)?;
    let id = f.string("id", problems);
    let peer = f.string("peer", problems);
    let mentor = f.string("mentor", problems);
    let formed = get_date(&f, "formed", problems);
    let contract = match f.get("contract") {
        None => Some(None),
        Some(c) => read_contract(c, &f.path("contract"), problems).map(Some),
    };
    let meetings = items(&f, "meetings", problems, |v, path, problems| {
        let m = Fields::of(v, path, &["date", "cancelled_by", "note"], problems)?;
        let date = get_date(&m, "date", problems);
        let kind = match m.get("cancelled_by") {
            None => Some(MeetingKind::Held),
            Some(_) => choice(&m, "cancelled_by", PARTIES, problems)
                .map(|by| MeetingKind::Cancelled { by }),
        };
        let note = text(&m, "note", problems);
        Some(Meeting {
            date: date?,
            kind: kind?,
            note,
        })
    });
    let pauses = items(&f, "pauses", problems, |v, path, problems| {
        let p = Fields::of(v, path, &["from", "to"], problems)?;
        let from = get_date(&p, "from", problems);
        let to = opt_date(&p, "to", problems);
        Some((from?, to?))
    });
    let exit = match f.get("exit") {
        None => Some(None),
        Some(e) => read_exit(e, &f.path("exit"), problems).map(Some),
    };
    let end_moved_days = match f.get("end_moved_days") {
        None => Some(0),
        Some(_) => f.u32("end_moved_days", problems),
    };
    Some(Pair {
        id: id?,
        peer: peer?,
        mentor: mentor?,
        formed: formed?,
        contract: contract?,
        meetings: meetings?,
        pauses: pauses?,
        exit: exit?,
        end_moved_days: end_moved_days?,
    })
}

pub(super) fn from_json(text: &str) -> Result<Registry, Vec<Problem>> {
    let value = parse(text).map_err(|e| vec![Problem::new("", e.to_string())])?;
    let mut problems = Vec::new();
    let Some(f) = Fields::of(
        &value,
        "",
        &[
            "format",
            "version",
            "participants",
            "pairs",
            "instruments",
            "changes",
        ],
        &mut problems,
    ) else {
        return Err(problems);
    };
    if let Some(format) = f.string("format", &mut problems) {
        if format != FORMAT {
            problems.push(Problem::new(
                "format",
                format!(
                    "expected \"{FORMAT}\", found \"{format}\": this is not a lokalform registry"
                ),
            ));
        }
    }
    if let Some(version) = f.u32("version", &mut problems) {
        if !(1..=FORMAT_VERSION).contains(&version) {
            problems.push(Problem::new(
                "version",
                format!("version {version} cannot be read; this version of lokalform reads versions 1 to {FORMAT_VERSION}"),
            ));
        }
    }
    let participants = items(&f, "participants", &mut problems, read_participant);
    let pairs = items(&f, "pairs", &mut problems, read_pair);
    let instruments = strings(&f, "instruments", &mut problems);
    let changes = items(&f, "changes", &mut problems, read_change);
    let (Some(participants), Some(pairs), Some(instruments), Some(changes)) =
        (participants, pairs, instruments, changes)
    else {
        return Err(problems);
    };
    for (i, p) in participants.iter().enumerate() {
        if participants[..i].iter().any(|q| q.id == p.id) {
            problems.push(Problem::new(
                format!("participants[{i}].id"),
                format!("the id \"{}\" is used twice", p.id),
            ));
        }
    }
    for (i, pair) in pairs.iter().enumerate() {
        if pairs[..i].iter().any(|q| q.id == pair.id) {
            problems.push(Problem::new(
                format!("pairs[{i}].id"),
                format!("the id \"{}\" is used twice", pair.id),
            ));
        }
        for (member, id) in [("peer", &pair.peer), ("mentor", &pair.mentor)] {
            if !participants.iter().any(|p| &p.id == id) {
                problems.push(Problem::new(
                    format!("pairs[{i}].{member}"),
                    format!("no participant has the id \"{id}\""),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(Registry {
            participants,
            pairs,
            instruments,
            changes,
        })
    } else {
        Err(problems)
    }
}

impl Registry {
    /// The whole registry as compact JSON, for the encrypted backup file
    /// (the only place CPR numbers are written). [`Registry::from_json`]
    /// reads it back to an equal registry.
    ///
    /// ```
    /// use lokalform_programme::Registry;
    /// let json = Registry::default().to_json();
    /// assert_eq!(json, r#"{"format":"lokalform-registry","version":2,"participants":[],"pairs":[]}"#);
    /// assert_eq!(Registry::from_json(&json), Ok(Registry::default()));
    ///
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Participant, Role};
    /// let mut reg = Registry::default();
    /// reg.recruit(Participant::new("p1", Role::Peer, "Ida", Date::new(2026, 8, 1).unwrap()))
    ///     .unwrap();
    /// reg.set_evaluation_consent("p1", true).unwrap();
    /// let json = reg.to_json();
    /// assert_eq!(json, concat!(
    ///     r#"{"format":"lokalform-registry","version":2,"participants":[{"id":"p1","role":"peer","#,
    ///     r#""name":"Ida","contact":{"phone":"","email":"","other":""},"recruited":"2026-08-01","#,
    ///     r#""status":"recruited","history":[],"wishes":[],"consent_evaluation":true,"#,
    ///     r#""measurements":[]}],"pairs":[]}"#));
    /// assert_eq!(Registry::from_json(&json), Ok(reg));
    /// ```
    pub fn to_json(&self) -> String {
        to_json(self)
    }

    /// Reads a registry written by [`Registry::to_json`]; every problem
    /// with its path (unknown members, missing ones, bad dates, unknown
    /// kinds, ids used twice, pairs naming no participant).
    ///
    /// ```
    /// use lokalform_programme::Registry;
    /// let problems = Registry::from_json(
    ///     r#"{"format":"lokalform-registry","version":2,"participants":[
    ///         {"id":"p1","role":"peer","name":"Ida","recruited":"2026-02-30","status":"resting"}]}"#,
    /// ).unwrap_err();
    /// let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    /// assert_eq!(text, [
    ///     "participants[0].recruited: \"2026-02-30\" is not a date as YYYY-MM-DD",
    ///     "participants[0].status: unknown value \"resting\"; expected one of: recruited, waiting_for_match, matched, paused, ended, active",
    /// ]);
    /// ```
    pub fn from_json(text: &str) -> Result<Registry, Vec<Problem>> {
        from_json(text)
    }
}
