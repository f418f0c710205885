//! # lokalform-programme — the peer-support programme's model
//!
//! The peer-support programme (Vejle model): participants, wishes,
//! measurements, pairs, contracts, meetings, pauses and exits — the data
//! model only, no UI. The worker's application `<lokal-programme>`
//! (`lokalform-components`) is its only user; the collector does not
//! depend on it (what the programme sends, a cohort report, is a
//! `lokalform_forms::aggregate` type).
//!
//! | module | job |
//! |---|---|
//! | `registry` | the [`Registry`]: participants and their statuses, pairs, meetings, exits; hard cases and cohort pairs |
//! | `contract` | the three-way [`Contract`] with its SHA-256 content hash |
//! | `change` | the log of changes: extensions agreed, roles taken on, corrections with their reasons ([`Change`]) |
//! | `corrections` | correcting or undoing a wish, a pair, an exit and an extension, with a reason |
//! | `intake` | the shipped forms' answers mapped to the model, and measurement steps added to a form |
//! | [`form_ids`] | the one table of the field ids the app reads from its forms, and its check ([`check_programme_form`]) |
//! | `codec` | the registry to and from JSON (the encrypted backup file) |
//! | `words` | every sentence the crate says, in Danish and English |
//!
//! A [`Registry`] holds one programme on the worker's device. Its
//! operations keep participants' [`Status`] in step with their pairs:
//!
//! ```
//! use lokalform_text::date::Date;
//! use lokalform_programme::{Registry, Participant, Role, Status};
//! let d = |m, day| Date::new(2026, m, day).unwrap();
//! let mut reg = Registry::default();
//! reg.recruit(Participant::new("p1", Role::Peer, "Ida", d(8, 1))).unwrap();
//! reg.recruit(Participant::new("m1", Role::Mentor, "Ole", d(8, 2))).unwrap();
//! // Not yet waiting for a match: refused.
//! assert!(reg.form_pair("pair1", "p1", "m1", d(8, 20)).is_err());
//! reg.wait_for_match("p1", d(8, 3)).unwrap();
//! reg.wait_for_match("m1", d(8, 3)).unwrap();
//! reg.form_pair("pair1", "p1", "m1", d(8, 20)).unwrap();
//! assert_eq!(reg.participant("p1").unwrap().status, Status::Matched);
//! ```
//!
//! The shipped forms' answers become this model: [`with_measurement`]
//! adds an instrument's items to a form; [`participant_from_recruitment`],
//! [`contract_from`] and [`exit_from`] read the recruitment, contract and
//! exit forms; [`contract_prefill`] and [`exit_prefill`] start the latter
//! two from the registry. Imported instruments (licensed texts, never
//! shipped) live in the registry ([`Registry::import_instrument`]).
//!
//! The whole registry goes to and from JSON ([`Registry::to_json`],
//! [`Registry::from_json`]) for the encrypted backup file. That file is the
//! only place a CPR number is written; it never appears in
//! [`Registry::hard_cases`], [`Registry::cohort_pairs`] or anything else
//! that is shown or sent.

mod change;
mod codec;
mod contract;
mod corrections;
pub mod form_ids;
mod intake;
mod registry;
mod words;

pub use change::{Change, ChangeKind};
pub use contract::{CoffeeCard, Contract, Frequency, Signed};
pub use form_ids::{check_programme_form, ProgrammeForm};
pub use intake::{
    contract_from, contract_prefill, details_from, exit_from, exit_prefill, exit_with_hopes,
    item_field, measurement_from, note_field, participant_from_recruitment, participant_prefill,
    with_consented_measurement, with_measurement, Details, IntakeError, EVALUATION_CONSENT,
    GOAL_SIGN_SEPARATOR,
};
pub use registry::{HardCase, Reason, Registry, FORMAT, FORMAT_VERSION};

use lokalform_forms::instruments::{Instrument, Score};
use lokalform_forms::schema::Lang;
use lokalform_text::date::Date;
use std::fmt;

/// A participant's role in the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A peer: currently receives support (e.g. §85, a residential facility).
    Peer,
    /// A peer-mentor: lived experience, far in recovery; a volunteer.
    Mentor,
}

/// Where a participant is in the programme.
///
/// The allowed changes ([`Status::can_become`]):
///
/// | from | to |
/// |---|---|
/// | `Recruited` | `WaitingForMatch`, `Ended` |
/// | `WaitingForMatch` | `Matched`, `Paused`, `Ended` |
/// | `Matched` | `Paused`, `WaitingForMatch` (the pair ended, a new match wanted), `Active` (café duty, an activity), `Ended` |
/// | `Paused` | `Matched` (resumed), `WaitingForMatch`, `Active`, `Ended` |
/// | `Active` | `WaitingForMatch`, `Paused`, `Ended` |
/// | `Ended` | nothing: a person who comes back is recruited anew, with a new id |
///
/// A pause is not an exit: a paused participant is still in the
/// programme (manual pp. 17, 20). A former peer who becomes a peer-mentor
/// stays the same participant, with a new role
/// ([`Registry::record_exit`], [`Change::BecameMentor`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Recruited at the coffee conversation.
    Recruited,
    /// Waiting to be matched.
    WaitingForMatch,
    /// In a pair.
    Matched,
    /// On a pause (relapse, new job, internship): still in the programme.
    Paused,
    /// Left the programme.
    Ended,
    /// Takes part without a relationship: café duty, coordinating an
    /// activity, or not decided yet what comes next (after an exit).
    Active,
}

impl Status {
    /// Whether a participant with this status may get `next` (see the
    /// table on [`Status`]); never to the same status.
    ///
    /// ```
    /// use lokalform_programme::Status::*;
    /// assert!(Recruited.can_become(WaitingForMatch));
    /// assert!(!Recruited.can_become(Matched));
    /// assert!(Paused.can_become(Matched));
    /// assert!(!Ended.can_become(WaitingForMatch));
    /// assert!(!Matched.can_become(Matched));
    /// ```
    pub fn can_become(self, next: Status) -> bool {
        use Status::*;
        matches!(
            (self, next),
            (Recruited, WaitingForMatch | Ended)
                | (WaitingForMatch, Matched | Paused | Ended)
                | (Matched, Paused | WaitingForMatch | Active | Ended)
                | (Paused, Matched | WaitingForMatch | Active | Ended)
                | (Active, WaitingForMatch | Paused | Ended)
        )
    }

    /// The name in Danish or English, for messages.
    ///
    /// ```
    /// use lokalform_forms::schema::Lang;
    /// use lokalform_programme::Status;
    /// assert_eq!(Status::WaitingForMatch.name(Lang::Da), "venter på match");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        let words = words::words(lang);
        match self {
            Status::Recruited => words.recruited,
            Status::WaitingForMatch => words.waiting_for_match,
            Status::Matched => words.matched,
            Status::Paused => words.paused,
            Status::Ended => words.ended,
            Status::Active => words.active,
        }
    }
}

/// One change of status, in a participant's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When.
    pub date: Date,
    /// The status before.
    pub from: Status,
    /// The status after.
    pub to: Status,
}

/// How to reach a participant: plain text, as the worker typed it (check
/// with [`lokalform_forms::contact`] in the form).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact {
    /// Phone number.
    pub phone: String,
    /// E-mail address.
    pub email: String,
    /// Anything else ("via the contact person at the residential facility").
    pub other: String,
}

/// Where a wish was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// At the project café.
    Cafe,
    /// On a joint trip.
    Trip,
    /// Elsewhere (the recruitment conversation, a phone call).
    Other,
}

/// A wish about matching, recorded by staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wish {
    /// The wish in the person's words.
    pub text: String,
    /// "Would like to be matched with …": a participant id.
    pub match_with: Option<String>,
    /// When it was recorded.
    pub date: Date,
    /// Where.
    pub place: Place,
}

/// Before or after the relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// The before-measurement (førmåling), at recruitment.
    Before,
    /// The after-measurement (eftermåling), at the exit.
    After,
}

/// One filled-in measurement instrument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    /// The instrument's id (e.g. `lsns6`).
    pub instrument: String,
    /// The instrument's version.
    pub version: u32,
    /// Before or after.
    pub when: When,
    /// When it was filled in.
    pub date: Date,
    /// `(item id, scale value)`; unanswered items are simply absent.
    pub answers: Vec<(String, i64)>,
    /// The qualitative note beside the numbers ("filled in on a bad day").
    pub note: String,
}

impl Measurement {
    /// Scores the answers with `instrument`, or `None` when this
    /// measurement is of another instrument or version. Missing items give
    /// a total only as the definition allows.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_forms::instruments::Instrument;
    /// use lokalform_programme::{Measurement, When};
    /// let lsns = Instrument::lsns6();
    /// let m = Measurement {
    ///     instrument: lsns.id.clone(), version: lsns.version, when: When::Before,
    ///     date: Date::new(2026, 8, 1).unwrap(),
    ///     answers: [("family_see", 2), ("family_talk", 1), ("family_help", 1),
    ///               ("friends_see", 3), ("friends_talk", 2), ("friends_help", 1)]
    ///         .iter().map(|(k, v)| (k.to_string(), *v)).collect(),
    ///     note: "filled in on a bad day".into(),
    /// };
    /// let score = m.score(&lsns).unwrap();
    /// assert_eq!(score.total, Some(10.0));
    /// assert!(score.flagged); // below 12: risk of isolation
    /// ```
    pub fn score<'a>(&self, instrument: &'a Instrument) -> Option<Score<'a>> {
        (self.instrument == instrument.id && self.version == instrument.version)
            .then(|| instrument.score(&self.answers))
    }
}

/// One option picked on a form: its value, to count by, and its Danish
/// label as the form showed it, to read ("Andet: strikning" for an
/// "other" with its text).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pick {
    /// The option's value (`press`, `mon`, `well`).
    pub value: String,
    /// The option's Danish label, as shown when it was picked.
    pub label: String,
}

/// The answer to one of the recruitment form's questions about how the
/// programme fits ("Hvordan passer det til din hverdag …?").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// The question, in Danish as asked.
    pub question: String,
    /// The answer picked.
    pub answer: Pick,
}

/// What the person said at the recruitment conversation, beyond what the
/// rest of [`Participant`] keeps: read from the recruitment form by
/// [`participant_from_recruitment`], shown on the participant's page and
/// in matching, and brought back at the exit ([`exit_prefill`]). An answer
/// not given is empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recruitment {
    /// The form's id (`recruitment-peer`, `recruitment-mentor`).
    pub form: String,
    /// The form's version.
    pub version: u32,
    /// The support the person gets from the municipality.
    pub support: Vec<Pick>,
    /// Where they heard of the programme (counted, suppressed, in the
    /// cohort export).
    pub heard_from: Vec<Pick>,
    /// Why they want to take part, in their words.
    pub motivation: String,
    /// The experience they bring (mentors).
    pub experience: String,
    /// What they hope to get out of the programme, one a line
    /// ("Min trivsel: sove bedre").
    pub hopes: Vec<String>,
    /// What they would like to do together.
    pub interests: Vec<Pick>,
    /// The days they are usually free.
    pub days: Vec<Pick>,
    /// The times of day that suit them.
    pub times: Vec<Pick>,
    /// Hours a week they expect to have (mentors), as typed.
    pub hours: String,
    /// Anything about their time, in their words.
    pub availability_note: String,
    /// How the meetings (and for mentors the teaching and group
    /// supervision) fit their everyday life.
    pub expectations: Vec<Expectation>,
    /// What could make it easier.
    pub expectations_note: String,
    /// Their decision.
    pub decision: Option<Pick>,
    /// What they want to talk more about or think over.
    pub decision_note: String,
    /// The version of the data consent they gave (`consent_data`), or
    /// `None` when the form had none. Withdrawing it deletes the person's
    /// data ([`Registry::delete_participant`]).
    pub consent_data: Option<String>,
}

/// A peer or peer-mentor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// A random id, given by the caller.
    pub id: String,
    /// Peer or mentor.
    pub role: Role,
    /// The name.
    pub name: String,
    /// How to reach them.
    pub contact: Contact,
    /// The CPR number as typed (check it with [`lokalform_forms::cpr::parse`]). Kept
    /// only on the device and in the encrypted backup; never in any export.
    pub cpr: Option<String>,
    /// When recruited.
    pub recruited: Date,
    /// The status now.
    pub status: Status,
    /// Every change of status, oldest first.
    pub history: Vec<Event>,
    /// Wishes about matching.
    pub wishes: Vec<Wish>,
    /// Whether the person agreed that their measurements are used,
    /// anonymised, in the evaluation (the recruitment form's
    /// [`EVALUATION_CONSENT`]). Measurements are recorded only with it
    /// ([`Registry::record_measurement`]); a consent given later, or
    /// withdrawn, is recorded with [`Registry::set_evaluation_consent`].
    /// Without it the person is left out of [`Registry::cohort_pairs`] and
    /// is never a missing measurement in [`Registry::hard_cases`].
    pub consent_evaluation: bool,
    /// Before- and after-measurements.
    pub measurements: Vec<Measurement>,
    /// The recruitment conversation's answers, when recruited with the
    /// form (`None` for one added otherwise, or read from a backup made
    /// before they were kept).
    pub recruitment: Option<Recruitment>,
    /// The worker's note on the person's readiness (manual p. 11): for
    /// the worker only, written on the participant's page, never on a
    /// form the person fills in.
    pub readiness_note: String,
}

impl Participant {
    /// A participant just recruited: status [`Status::Recruited`], no
    /// history, contact, CPR, wishes or measurements, and no consent to the
    /// evaluation yet.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Participant, Role};
    /// let p = Participant::new("p1", Role::Peer, "Ida", Date::new(2026, 8, 1).unwrap());
    /// assert!(!p.consent_evaluation);
    /// ```
    pub fn new(id: &str, role: Role, name: &str, recruited: Date) -> Participant {
        Participant {
            id: id.to_string(),
            role,
            name: name.to_string(),
            contact: Contact::default(),
            cpr: None,
            recruited,
            status: Status::Recruited,
            history: Vec::new(),
            wishes: Vec::new(),
            consent_evaluation: false,
            measurements: Vec::new(),
            recruitment: None,
            readiness_note: String::new(),
        }
    }

    /// Changes the status on `date` and records it in the history; refuses
    /// a change [`Status::can_become`] does not allow (nothing changes).
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Participant, ProgrammeError, Role, Status};
    /// use lokalform_forms::schema::Lang;
    /// let d = Date::new(2026, 8, 1).unwrap();
    /// let mut p = Participant::new("p1", Role::Peer, "Ida", d);
    /// p.set_status(Status::WaitingForMatch, d).unwrap();
    /// let err = p.set_status(Status::Recruited, d).unwrap_err();
    /// assert_eq!(err.message(Lang::En),
    ///     "The status of Ida cannot change from \"waiting for a match\" to \"recruited\".");
    /// assert_eq!(p.history.len(), 1);
    /// ```
    pub fn set_status(&mut self, next: Status, date: Date) -> Result<(), ProgrammeError> {
        if !self.status.can_become(next) {
            return Err(ProgrammeError::Transition {
                name: self.name.clone(),
                from: self.status,
                to: next,
            });
        }
        self.history.push(Event {
            date,
            from: self.status,
            to: next,
        });
        self.status = next;
        Ok(())
    }

    /// The latest measurement of `instrument` (id and version) taken
    /// `when`, by date (the later one in the list on the same date).
    pub fn measurement(&self, instrument: &Instrument, when: When) -> Option<&Measurement> {
        self.measurements
            .iter()
            .filter(|m| {
                m.when == when && m.instrument == instrument.id && m.version == instrument.version
            })
            .max_by_key(|m| m.date)
    }
}

/// Who did something in a pair: cancelled a meeting, or signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Party {
    /// The peer.
    Peer,
    /// The peer-mentor.
    Mentor,
    /// The project leader.
    ProjectLeader,
}

/// Whether a planned meeting took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingKind {
    /// It was held.
    Held,
    /// It was cancelled.
    Cancelled {
        /// By whom.
        by: Party,
    },
}

/// A meeting of a pair, held or cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    /// The date.
    pub date: Date,
    /// Held or cancelled.
    pub kind: MeetingKind,
    /// A note.
    pub note: String,
}

/// How a contract goal went, at the exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Reached.
    Reached,
    /// Partly reached.
    Partly,
    /// Not reached.
    NotReached,
}

/// The follow-up on one contract goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// The goal, as in the contract.
    pub goal: String,
    /// How it went.
    pub outcome: Outcome,
    /// A note.
    pub note: String,
}

/// What comes next for a participant after the exit (manual pp. 15,
/// 21–22).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// A new match.
    NewMatch,
    /// Café duty, without a new match.
    CafeDuty,
    /// Becoming a peer-mentor (former peers often do): the same
    /// participant, with their history and measurements.
    BecomeMentor,
    /// Coordinating an activity (a walking group, a food club).
    Coordinate,
    /// A pause: still in the programme.
    Pause,
    /// Stopping: leaves the programme.
    Stop,
    /// Does not know yet.
    DontKnow,
    /// Something else.
    Other(String),
}

impl Next {
    /// The status a participant gets at the exit with `list` as what
    /// next, the first that applies:
    ///
    /// | the list holds | status |
    /// |---|---|
    /// | a new match, or becoming a peer-mentor | [`Status::WaitingForMatch`] |
    /// | a pause | [`Status::Paused`] |
    /// | café duty, coordinating an activity, don't know yet, something else, or nothing | [`Status::Active`] |
    /// | only stopping | [`Status::Ended`] |
    ///
    /// So only "stopping" takes a person out of the programme.
    ///
    /// ```
    /// use lokalform_programme::{Next, Status};
    /// assert_eq!(Next::status_after(&[Next::CafeDuty, Next::NewMatch]), Status::WaitingForMatch);
    /// assert_eq!(Next::status_after(&[Next::Pause]), Status::Paused);
    /// assert_eq!(Next::status_after(&[Next::DontKnow]), Status::Active);
    /// assert_eq!(Next::status_after(&[]), Status::Active);
    /// assert_eq!(Next::status_after(&[Next::Stop]), Status::Ended);
    /// ```
    pub fn status_after(list: &[Next]) -> Status {
        let has = |n: Next| list.contains(&n);
        if has(Next::NewMatch) || has(Next::BecomeMentor) {
            Status::WaitingForMatch
        } else if has(Next::Pause) {
            Status::Paused
        } else if !list.is_empty() && list.iter().all(|n| *n == Next::Stop) {
            Status::Ended
        } else {
            Status::Active
        }
    }
}

/// The exit conversation (exitsamtale).
///
/// What next is recorded for each of the two, as on the exit form
/// (`what_next_peer`, `what_next_mentor`): [`Registry::record_exit`] gives
/// each participant the status [`Next::status_after`] says, and a peer who
/// becomes a peer-mentor the mentor's role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exit {
    /// The date of the conversation.
    pub date: Date,
    /// The follow-up on each contract goal.
    pub goal_follow_up: Vec<FollowUp>,
    /// What the relationship meant to the peer.
    pub meaning_peer: String,
    /// What the relationship meant to the mentor.
    pub meaning_mentor: String,
    /// What next for the peer.
    pub next_peer: Vec<Next>,
    /// What next for the mentor.
    pub next_mentor: Vec<Next>,
    /// Whether the coffee card was returned.
    pub coffee_card_returned: bool,
    /// Who took part, as written on the form.
    pub participants: String,
    /// The note on the after-measurement ("filled in on a bad day").
    pub measurement_note: String,
    /// When the exit was typed in, when that was another day than
    /// [`Exit::date`] (a conversation recorded afterwards); `None` in
    /// files written before it was kept.
    pub entered: Option<Date>,
}

/// A pair of a peer and a peer-mentor: the relationship (samværsforløb).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// A random id, given by the caller.
    pub id: String,
    /// The peer's participant id.
    pub peer: String,
    /// The mentor's participant id.
    pub mentor: String,
    /// When the pair was formed.
    pub formed: Date,
    /// The contract, once agreed.
    pub contract: Option<Contract>,
    /// Meetings held and cancelled.
    pub meetings: Vec<Meeting>,
    /// Pauses: from, and to (`None` while it lasts).
    pub pauses: Vec<(Date, Option<Date>)>,
    /// The exit, once held.
    pub exit: Option<Exit>,
    /// Days the end date is moved for pauses, when the worker chose so at
    /// a resume ([`Registry::resume_moving_end`]).
    pub end_moved_days: u32,
}

impl Pair {
    /// A new pair: no contract, meetings, pauses or exit.
    pub fn new(id: &str, peer: &str, mentor: &str, formed: Date) -> Pair {
        Pair {
            id: id.to_string(),
            peer: peer.to_string(),
            mentor: mentor.to_string(),
            formed,
            contract: None,
            meetings: Vec::new(),
            pauses: Vec::new(),
            exit: None,
            end_moved_days: 0,
        }
    }

    /// Meetings held.
    pub fn held(&self) -> usize {
        self.meetings
            .iter()
            .filter(|m| m.kind == MeetingKind::Held)
            .count()
    }

    /// Meetings cancelled by `by`, or by anyone when `None`.
    pub fn cancelled(&self, by: Option<Party>) -> usize {
        self.meetings
            .iter()
            .filter(|m| match m.kind {
                MeetingKind::Held => false,
                MeetingKind::Cancelled { by: who } => by.is_none_or(|b| b == who),
            })
            .count()
    }

    /// Whether a pause is going on.
    pub fn is_paused(&self) -> bool {
        self.pauses.last().is_some_and(|(_, to)| to.is_none())
    }

    /// When the relationship is due to end: the contract's end, or six
    /// months after forming while there is no contract yet; in either case
    /// moved by [`Pair::end_moved_days`] for pauses.
    pub fn due(&self) -> Option<Date> {
        let end = match &self.contract {
            Some(c) => c.end(),
            None => self.formed.add_months(contract::MONTHS),
        }?;
        end.add_days(i32::try_from(self.end_moved_days).ok()?)
    }

    /// The days of pause `i` (from its start to its end, or to `today`
    /// while it lasts); 0 for no such pause.
    pub fn pause_days(&self, i: usize, today: Date) -> u32 {
        self.pauses.get(i).map_or(0, |(from, to)| {
            u32::try_from(from.days_until(to.unwrap_or(today))).unwrap_or(0)
        })
    }
}

/// Why an operation on the programme was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgrammeError {
    /// A status change that is not allowed.
    Transition {
        /// The participant's name.
        name: String,
        /// The status now.
        from: Status,
        /// The status asked for.
        to: Status,
    },
    /// No participant with this id.
    UnknownParticipant(String),
    /// No pair with this id.
    UnknownPair(String),
    /// The id is taken already.
    DuplicateId(String),
    /// The participant does not have the role the operation needs.
    WrongRole {
        /// The participant's name.
        name: String,
        /// The role needed.
        expected: Role,
    },
    /// Forming a pair needs both to be waiting for a match.
    NotWaiting {
        /// The participant's name.
        name: String,
        /// Their status.
        status: Status,
    },
    /// The pair has had its exit conversation.
    PairEnded,
    /// The pair is paused already.
    AlreadyPaused,
    /// The pair is not paused.
    NotPaused,
    /// The pair has no contract yet.
    NoContract,
    /// The contract has been extended already (only once).
    AlreadyExtended,
    /// A date before the one it follows (e.g. resuming before the pause).
    DateTooEarly,
    /// A date after one that must come later: after the day it is
    /// entered, or a pair's date after its first meeting or pause.
    DateTooLate,
    /// A measurement of a participant who has not agreed that their
    /// measurements are used in the evaluation
    /// ([`Participant::consent_evaluation`]).
    NoEvaluationConsent {
        /// The participant's name.
        name: String,
    },
    /// A participant's name is empty (or only spaces).
    EmptyName,
    /// Deleting the data of a participant whose pair is still under way:
    /// the exit conversation comes first.
    InActivePair {
        /// The participant's name.
        name: String,
    },
    /// A correction or undo without a reason.
    NoReason,
    /// A wish corrected to nothing.
    EmptyWish,
    /// No wish with that number.
    UnknownWish,
    /// Undoing a pair that has a contract, meetings or an exit.
    PairHasRecords,
    /// The pair has had no exit conversation.
    NoExit,
    /// The contract has not been extended.
    NotExtended,
    /// An exit cannot be undone: a participant has moved on since.
    NotUndoable {
        /// The participant's name.
        name: String,
    },
}

impl ProgrammeError {
    /// A calm sentence saying what is wrong and what to do.
    ///
    /// ```
    /// use lokalform_programme::ProgrammeError;
    /// use lokalform_forms::schema::Lang;
    /// assert_eq!(ProgrammeError::AlreadyExtended.message(Lang::Da),
    ///     "Forløbet er allerede forlænget med tre måneder. Det kan kun forlænges én gang.");
    /// let consent = ProgrammeError::NoEvaluationConsent { name: "Ida".into() };
    /// assert_eq!(consent.message(Lang::Da),
    ///     "Ida har ikke givet samtykke til, at målingerne bruges i evalueringen. Målingen er ikke gemt.");
    /// assert_eq!(ProgrammeError::EmptyName.message(Lang::En), "Write the participant's name.");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        use ProgrammeError::*;
        let words = words::words(lang);
        match self {
            Transition { name, from, to } => {
                (words.transition)(name, from.name(lang), to.name(lang))
            }
            UnknownParticipant(id) => (words.unknown_participant)(id),
            UnknownPair(id) => (words.unknown_pair)(id),
            DuplicateId(id) => (words.duplicate_id)(id),
            WrongRole { name, expected } => match expected {
                Role::Peer => (words.not_a_peer)(name),
                Role::Mentor => (words.not_a_mentor)(name),
            },
            NotWaiting { name, status } => (words.not_waiting)(name, status.name(lang)),
            PairEnded => words.pair_ended.to_string(),
            AlreadyPaused => words.already_paused.to_string(),
            NotPaused => words.not_paused.to_string(),
            NoContract => words.no_contract.to_string(),
            AlreadyExtended => words.already_extended.to_string(),
            DateTooEarly => words.date_too_early.to_string(),
            DateTooLate => words.date_too_late.to_string(),
            NoEvaluationConsent { name } => (words.no_evaluation_consent)(name),
            EmptyName => words.empty_name.to_string(),
            InActivePair { name } => (words.in_active_pair)(name),
            NoReason => words.no_reason.to_string(),
            EmptyWish => words.empty_wish.to_string(),
            UnknownWish => words.unknown_wish.to_string(),
            PairHasRecords => words.pair_has_records.to_string(),
            NoExit => words.no_exit.to_string(),
            NotExtended => words.not_extended.to_string(),
            NotUndoable { name } => (words.not_undoable)(name),
        }
    }
}

impl fmt::Display for ProgrammeError {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ProgrammeError {}
