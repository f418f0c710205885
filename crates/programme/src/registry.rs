//! The registry: one programme's participants and pairs, and the
//! operations that keep them in step.

use super::{
    Change, ChangeKind, Contact, Contract, Exit, Measurement, Meeting, Next, Pair, Participant,
    Party, ProgrammeError, Role, Status, When, Wish,
};
use lokalform_forms::instruments::Instrument;
use lokalform_text::date::Date;
use lokalform_text::Problem;

/// The `format` member of a registry file.
pub const FORMAT: &str = "lokalform-registry";
/// The `version` member of a registry file this code writes. It reads
/// this version and version 1 (written before the log of changes, the
/// status "active" and the exit's and contract's newer members existed).
pub const FORMAT_VERSION: u32 = 2;

/// One programme on the worker's device.
///
/// Every operation checks first and changes nothing when it refuses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Registry {
    /// Peers and mentors, in the order recruited.
    pub participants: Vec<Participant>,
    /// Pairs, in the order formed.
    pub pairs: Vec<Pair>,
    /// Instrument definitions the municipality imported (e.g. a licensed
    /// MHRM or ORS text), as JSON exactly as imported; never shipped. Add
    /// them with [`Registry::import_instrument`], read them with
    /// [`Registry::instruments`].
    pub instruments: Vec<String>,
    /// Extensions agreed, roles taken on, corrections and undos with their
    /// reasons, oldest first ([`Change`]).
    pub changes: Vec<Change>,
}

/// Why someone is on the list of hard cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// No before-measurement at all (only for a participant who consented
    /// to the evaluation).
    NoBefore,
    /// The pair had its exit, but there is no after-measurement (only for a
    /// participant who consented to the evaluation).
    NoAfter,
    /// The pair (its id) is past its end date without an exit conversation.
    NoExit {
        /// The pair's id.
        pair: String,
        /// Its end date.
        due: Date,
    },
    /// On a pause.
    Paused,
    /// Recruited or waiting, not yet matched.
    NotMatched,
}

/// A participant on the list of hard cases, with every reason. For the
/// worker's eyes only: it names people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HardCase {
    /// The participant's id.
    pub participant: String,
    /// Why, in the order of [`Reason`].
    pub reasons: Vec<Reason>,
}

impl Registry {
    /// The participant with id `id`.
    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    /// The pair with id `id`.
    pub fn pair(&self, id: &str) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.id == id)
    }

    pub(crate) fn participant_index(&self, id: &str) -> Result<usize, ProgrammeError> {
        self.participants
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| ProgrammeError::UnknownParticipant(id.to_string()))
    }

    pub(crate) fn pair_index(&self, id: &str) -> Result<usize, ProgrammeError> {
        self.pairs
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| ProgrammeError::UnknownPair(id.to_string()))
    }

    /// An active pair (no exit yet).
    fn active_pair(&mut self, id: &str) -> Result<&mut Pair, ProgrammeError> {
        let i = self.pair_index(id)?;
        let pair = &mut self.pairs[i];
        if pair.exit.is_some() {
            return Err(ProgrammeError::PairEnded);
        }
        Ok(pair)
    }

    /// Sets both of a pair's participants to `to`, or neither; one who
    /// has that status already is left as they are.
    pub(crate) fn set_both(
        &mut self,
        pair: usize,
        to: [Status; 2],
        date: Date,
    ) -> Result<(), ProgrammeError> {
        let (peer, mentor) = (
            self.pairs[pair].peer.clone(),
            self.pairs[pair].mentor.clone(),
        );
        let ids = [
            self.participant_index(&peer)?,
            self.participant_index(&mentor)?,
        ];
        for (&i, &next) in ids.iter().zip(&to) {
            let p = &self.participants[i];
            if p.status != next && !p.status.can_become(next) {
                return Err(ProgrammeError::Transition {
                    name: p.name.clone(),
                    from: p.status,
                    to: next,
                });
            }
        }
        for (&i, &next) in ids.iter().zip(&to) {
            if self.participants[i].status != next {
                self.participants[i].set_status(next, date)?;
            }
        }
        Ok(())
    }

    /// The participant's role on `date`: a peer who became a peer-mentor
    /// ([`ChangeKind::BecameMentor`]) was a peer up to and including the
    /// day of the change (the after-measurement at their exit is a
    /// peer's), a peer-mentor after it. `None` for an unknown id.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Participant, Registry, Role};
    /// let mut reg = Registry::default();
    /// reg.recruit(Participant::new("p1", Role::Peer, "Ida", Date::new(2026, 8, 1).unwrap())).unwrap();
    /// assert_eq!(reg.role_at("p1", Date::new(2026, 9, 1).unwrap()), Some(Role::Peer));
    /// ```
    pub fn role_at(&self, id: &str, date: Date) -> Option<Role> {
        let p = self.participant(id)?;
        let became = self
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::BecameMentor && c.concerns(id))
            .map(|c| c.date)
            .min();
        Some(match became {
            Some(day) if date <= day => Role::Peer,
            _ => p.role,
        })
    }

    /// Adds a recruited participant; refuses an id in use.
    pub fn recruit(&mut self, participant: Participant) -> Result<(), ProgrammeError> {
        if self.participant(&participant.id).is_some() {
            return Err(ProgrammeError::DuplicateId(participant.id));
        }
        self.participants.push(participant);
        Ok(())
    }

    /// Changes a participant's status (see [`Participant::set_status`]).
    pub fn set_status(&mut self, id: &str, next: Status, date: Date) -> Result<(), ProgrammeError> {
        let i = self.participant_index(id)?;
        self.participants[i].set_status(next, date)
    }

    /// Puts a participant on the waiting list for a match.
    pub fn wait_for_match(&mut self, id: &str, date: Date) -> Result<(), ProgrammeError> {
        self.set_status(id, Status::WaitingForMatch, date)
    }

    /// Records a wish about matching.
    pub fn record_wish(&mut self, id: &str, wish: Wish) -> Result<(), ProgrammeError> {
        let i = self.participant_index(id)?;
        self.participants[i].wishes.push(wish);
        Ok(())
    }

    /// Records a before- or after-measurement. Refuses, changing nothing,
    /// when the participant has not agreed that their measurements are used
    /// in the evaluation ([`Participant::consent_evaluation`]): then the
    /// answers are not kept at all.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_forms::instruments::Instrument;
    /// use lokalform_programme::{Measurement, Participant, ProgrammeError, Registry, Role, When};
    /// let d = Date::new(2026, 8, 1).unwrap();
    /// let lsns = Instrument::lsns6();
    /// let m = Measurement {
    ///     instrument: lsns.id.clone(), version: lsns.version, when: When::Before,
    ///     date: d, answers: vec![("family_see".into(), 2)], note: String::new(),
    /// };
    /// let mut reg = Registry::default();
    /// reg.recruit(Participant::new("p1", Role::Peer, "Ida", d)).unwrap();
    /// assert_eq!(reg.record_measurement("p1", m.clone()),
    ///     Err(ProgrammeError::NoEvaluationConsent { name: "Ida".into() }));
    /// assert!(reg.participant("p1").unwrap().measurements.is_empty());
    /// reg.set_evaluation_consent("p1", true).unwrap();
    /// reg.record_measurement("p1", m).unwrap();
    /// assert_eq!(reg.participant("p1").unwrap().measurements.len(), 1);
    /// ```
    pub fn record_measurement(
        &mut self,
        id: &str,
        measurement: Measurement,
    ) -> Result<(), ProgrammeError> {
        let i = self.participant_index(id)?;
        let p = &mut self.participants[i];
        if !p.consent_evaluation {
            return Err(ProgrammeError::NoEvaluationConsent {
                name: p.name.clone(),
            });
        }
        p.measurements.push(measurement);
        Ok(())
    }

    /// Records whether the participant agrees that their measurements are
    /// used in the evaluation ([`Participant::consent_evaluation`]): a
    /// consent given after recruitment, or withdrawn.
    ///
    /// Withdrawing does not delete the measurements already recorded (they
    /// stay with the participant, on the device and in the backup), but
    /// from then on none can be recorded, the participant is left out of
    /// [`Registry::cohort_pairs`] (so of every cohort and evaluation
    /// report), and they are no longer a missing measurement in
    /// [`Registry::hard_cases`]. Giving the consent again brings the kept
    /// measurements back into the cohort.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Participant, ProgrammeError, Registry, Role};
    /// let mut reg = Registry::default();
    /// reg.recruit(Participant::new("p1", Role::Peer, "Ida", Date::new(2026, 8, 1).unwrap()))
    ///     .unwrap();
    /// reg.set_evaluation_consent("p1", true).unwrap();
    /// assert!(reg.participant("p1").unwrap().consent_evaluation);
    /// reg.set_evaluation_consent("p1", false).unwrap();
    /// assert!(!reg.participant("p1").unwrap().consent_evaluation);
    /// assert_eq!(reg.set_evaluation_consent("p9", true),
    ///     Err(ProgrammeError::UnknownParticipant("p9".into())));
    /// ```
    pub fn set_evaluation_consent(
        &mut self,
        id: &str,
        consent: bool,
    ) -> Result<(), ProgrammeError> {
        let i = self.participant_index(id)?;
        self.participants[i].consent_evaluation = consent;
        Ok(())
    }

    /// Corrects a participant's details: name, contact and CPR number, each
    /// trimmed of spaces at the ends; a CPR number that is blank becomes
    /// `None`. Refuses, changing nothing, an empty name
    /// ([`ProgrammeError::EmptyName`]) or an unknown id. The CPR number is
    /// kept as given: check it with [`lokalform_forms::cpr::parse`] in the form.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Contact, Participant, ProgrammeError, Registry, Role};
    /// let mut reg = Registry::default();
    /// reg.recruit(Participant::new("p1", Role::Peer, "Ida", Date::new(2026, 8, 1).unwrap()))
    ///     .unwrap();
    /// let contact = Contact { phone: " 20 30 40 50 ".into(), ..Contact::default() };
    /// assert_eq!(reg.edit_details("p1", "  ", contact.clone(), None),
    ///     Err(ProgrammeError::EmptyName));
    /// reg.edit_details("p1", " Ida Holm ", contact, Some("010190-1234".into())).unwrap();
    /// let p = reg.participant("p1").unwrap();
    /// assert_eq!(p.name, "Ida Holm");
    /// assert_eq!(p.contact.phone, "20 30 40 50");
    /// assert_eq!(p.cpr.as_deref(), Some("010190-1234"));
    /// ```
    pub fn edit_details(
        &mut self,
        id: &str,
        name: &str,
        contact: Contact,
        cpr: Option<String>,
    ) -> Result<(), ProgrammeError> {
        let i = self.participant_index(id)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(ProgrammeError::EmptyName);
        }
        let p = &mut self.participants[i];
        p.name = name.to_string();
        p.contact = Contact {
            phone: contact.phone.trim().to_string(),
            email: contact.email.trim().to_string(),
            other: contact.other.trim().to_string(),
        };
        p.cpr = cpr.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
        Ok(())
    }

    /// Keeps the worker's note on a participant's readiness
    /// ([`Participant::readiness_note`]), trimmed; an empty note removes it.
    pub fn set_readiness_note(&mut self, id: &str, note: &str) -> Result<(), ProgrammeError> {
        let i = self.participant_index(id)?;
        self.participants[i].readiness_note = note.trim().to_string();
        Ok(())
    }

    /// Deletes a participant's data, as the recruitment form's data consent
    /// promises when it is withdrawn. Refuses, changing nothing, while the
    /// person is in a pair that has not had its exit conversation
    /// ([`ProgrammeError::InActivePair`]): the other person's relationship
    /// is ended properly first.
    ///
    /// - Never in a pair: the participant is removed entirely.
    /// - In pairs that have ended: the pairs stay, for the other person's
    ///   history and the programme's counts of meetings, but the person is
    ///   left as an empty placeholder (id, role and recruitment date only;
    ///   no name, contact, CPR number, history, wishes, answers, note,
    ///   consent or measurements; status [`Status::Ended`]), and in those
    ///   pairs their goals, their signature's name and drawing, what the
    ///   relationship meant to them and the follow-up of their goals are
    ///   removed, and the exit's free-text notes ("who takes part", the
    ///   measurement note), which may name them.
    /// - Every entry of the log of changes that concerns them (corrections
    ///   and their reasons, a wish's old text) is removed.
    ///
    /// What cannot be deleted here: figures without names already sent
    /// (a cohort export), and backup files made before.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Participant, Registry, Role};
    /// let mut reg = Registry::default();
    /// reg.recruit(Participant::new("p1", Role::Peer, "Ida", Date::new(2026, 8, 1).unwrap()))
    ///     .unwrap();
    /// reg.delete_participant("p1").unwrap();
    /// assert!(reg.participants.is_empty());
    /// ```
    pub fn delete_participant(&mut self, id: &str) -> Result<(), ProgrammeError> {
        let i = self.participant_index(id)?;
        let theirs = |pair: &Pair| pair.peer == id || pair.mentor == id;
        if self
            .pairs
            .iter()
            .any(|pair| theirs(pair) && pair.exit.is_none())
        {
            return Err(ProgrammeError::InActivePair {
                name: self.participants[i].name.clone(),
            });
        }
        // The log of corrections may hold their words (a wish's old text, a
        // reason naming them): every entry that concerns them goes.
        self.changes.retain(|c| !c.concerns(id));
        if !self.pairs.iter().any(theirs) {
            self.participants.remove(i);
            return Ok(());
        }
        let p = &self.participants[i];
        let mut placeholder = Participant::new(&p.id, p.role, "", p.recruited);
        placeholder.status = Status::Ended;
        let role = p.role;
        self.participants[i] = placeholder;
        let party = match role {
            Role::Peer => Party::Peer,
            Role::Mentor => Party::Mentor,
        };
        for pair in self.pairs.iter_mut().filter(|pair| theirs(pair)) {
            let mut removed_goals = Vec::new();
            if let Some(c) = &mut pair.contract {
                removed_goals = std::mem::take(match role {
                    Role::Peer => &mut c.peer_goals,
                    Role::Mentor => &mut c.mentor_goals,
                });
                for sig in c.signatures.iter_mut().filter(|s| s.who == party) {
                    sig.name.clear();
                    sig.drawing.clear();
                }
            }
            if let Some(e) = &mut pair.exit {
                match role {
                    Role::Peer => e.meaning_peer.clear(),
                    Role::Mentor => e.meaning_mentor.clear(),
                }
                // Free text about the conversation, which may name them.
                e.participants.clear();
                e.measurement_note.clear();
                e.goal_follow_up
                    .retain(|f| !removed_goals.contains(&f.goal));
            }
        }
        Ok(())
    }

    /// Forms pair `id` of a peer and a mentor on `date`: both must have
    /// their role and be waiting for a match; both become
    /// [`Status::Matched`].
    pub fn form_pair(
        &mut self,
        id: &str,
        peer: &str,
        mentor: &str,
        date: Date,
    ) -> Result<(), ProgrammeError> {
        if self.pair(id).is_some() {
            return Err(ProgrammeError::DuplicateId(id.to_string()));
        }
        for (who, role) in [(peer, Role::Peer), (mentor, Role::Mentor)] {
            let p = &self.participants[self.participant_index(who)?];
            if p.role != role {
                return Err(ProgrammeError::WrongRole {
                    name: p.name.clone(),
                    expected: role,
                });
            }
            if p.status != Status::WaitingForMatch {
                return Err(ProgrammeError::NotWaiting {
                    name: p.name.clone(),
                    status: p.status,
                });
            }
        }
        self.pairs.push(Pair::new(id, peer, mentor, date));
        let last = self.pairs.len() - 1;
        let formed = self.set_both(last, [Status::Matched; 2], date);
        if formed.is_err() {
            self.pairs.pop();
        }
        formed
    }

    /// Sets (or replaces) the pair's contract. A new version of a contract
    /// that was extended stays extended: the extension was agreed on its
    /// own ([`Registry::extend`]), not by signing.
    pub fn set_contract(
        &mut self,
        pair: &str,
        mut contract: Contract,
    ) -> Result<(), ProgrammeError> {
        let p = self.active_pair(pair)?;
        contract.extended |= p.contract.as_ref().is_some_and(|c| c.extended);
        p.contract = Some(contract);
        Ok(())
    }

    /// Pauses the relationship from `date`: both become [`Status::Paused`].
    pub fn pause(&mut self, pair: &str, date: Date) -> Result<(), ProgrammeError> {
        let p = self.active_pair(pair)?;
        if p.is_paused() {
            return Err(ProgrammeError::AlreadyPaused);
        }
        if date < p.formed {
            return Err(ProgrammeError::DateTooEarly);
        }
        let i = self.pair_index(pair)?;
        self.set_both(i, [Status::Paused; 2], date)?;
        self.pairs[i].pauses.push((date, None));
        Ok(())
    }

    /// Resumes a paused relationship on `date`: both become
    /// [`Status::Matched`]. The end date stays where it was (see
    /// [`Registry::resume_moving_end`]).
    pub fn resume(&mut self, pair: &str, date: Date) -> Result<(), ProgrammeError> {
        self.resume_with(pair, date, false)
    }

    /// Resumes a paused relationship on `date`, like [`Registry::resume`],
    /// and moves the end date ([`Pair::due`]) later by the pause's days,
    /// as the worker chose after asking the two; the move is logged
    /// ([`ChangeKind::EndMoved`]).
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Participant, Registry, Role, Status};
    /// let d = |m, day| Date::new(2026, m, day).unwrap();
    /// let mut reg = Registry::default();
    /// reg.recruit(Participant::new("p1", Role::Peer, "Ida", d(1, 1))).unwrap();
    /// reg.recruit(Participant::new("m1", Role::Mentor, "Ole", d(1, 1))).unwrap();
    /// reg.wait_for_match("p1", d(1, 2)).unwrap();
    /// reg.wait_for_match("m1", d(1, 2)).unwrap();
    /// reg.form_pair("pair1", "p1", "m1", d(3, 1)).unwrap();
    /// assert_eq!(reg.pair("pair1").unwrap().due(), Some(d(9, 1)));
    /// reg.pause("pair1", d(4, 1)).unwrap();
    /// reg.resume_moving_end("pair1", d(4, 15)).unwrap();
    /// assert_eq!(reg.pair("pair1").unwrap().due(), Some(d(9, 15)));
    /// assert_eq!(reg.participant("p1").unwrap().status, Status::Matched);
    /// ```
    pub fn resume_moving_end(&mut self, pair: &str, date: Date) -> Result<(), ProgrammeError> {
        self.resume_with(pair, date, true)
    }

    fn resume_with(
        &mut self,
        pair: &str,
        date: Date,
        move_end: bool,
    ) -> Result<(), ProgrammeError> {
        let p = self.active_pair(pair)?;
        let Some((from, _)) = p.pauses.last().copied().filter(|(_, to)| to.is_none()) else {
            return Err(ProgrammeError::NotPaused);
        };
        if date < from {
            return Err(ProgrammeError::DateTooEarly);
        }
        let i = self.pair_index(pair)?;
        self.set_both(i, [Status::Matched; 2], date)?;
        let p = &mut self.pairs[i];
        if let Some(last) = p.pauses.last_mut() {
            last.1 = Some(date);
        }
        if move_end {
            let days = u32::try_from(from.days_until(date)).unwrap_or(0);
            p.end_moved_days += days;
            let change = Change {
                date,
                entered: date,
                kind: ChangeKind::EndMoved,
                participants: vec![p.peer.clone(), p.mentor.clone()],
                pair: Some(p.id.clone()),
                reason: String::new(),
                before: days.to_string(),
            };
            self.changes.push(change);
        }
        Ok(())
    }

    /// Logs a meeting, held or cancelled.
    pub fn log_meeting(&mut self, pair: &str, meeting: Meeting) -> Result<(), ProgrammeError> {
        self.active_pair(pair)?.meetings.push(meeting);
        Ok(())
    }

    /// Extends the contract by three months, once, as both agreed on
    /// `agreed` (when the six months near, manual p. 15: not at signing);
    /// logged as [`ChangeKind::Extended`]. Returns the new end
    /// ([`Pair::due`]).
    pub fn extend(&mut self, pair: &str, agreed: Date) -> Result<Option<Date>, ProgrammeError> {
        let p = self.active_pair(pair)?;
        let contract = p.contract.as_mut().ok_or(ProgrammeError::NoContract)?;
        if contract.extended {
            return Err(ProgrammeError::AlreadyExtended);
        }
        contract.extended = true;
        let change = Change {
            date: agreed,
            entered: agreed,
            kind: ChangeKind::Extended,
            participants: vec![p.peer.clone(), p.mentor.clone()],
            pair: Some(p.id.clone()),
            reason: String::new(),
            before: String::new(),
        };
        let due = p.due();
        self.changes.push(change);
        Ok(due)
    }

    /// Records the exit conversation. Each participant gets the status
    /// [`Next::status_after`] says for their "what next": a pause keeps
    /// them in the programme ([`Status::Paused`]), café duty or an activity
    /// too ([`Status::Active`]), and only stopping ends their part. A peer
    /// whose list holds [`Next::BecomeMentor`] becomes a peer-mentor: the
    /// same participant, with their history and measurements, waiting for
    /// a match as a mentor (logged as [`ChangeKind::BecameMentor`]). A
    /// pause going on ends on the exit's date.
    ///
    /// Refuses an exit dated before the pair was formed
    /// ([`ProgrammeError::DateTooEarly`]), or after the day it was entered
    /// ([`Exit::entered`], [`ProgrammeError::DateTooLate`]).
    pub fn record_exit(&mut self, pair: &str, exit: Exit) -> Result<(), ProgrammeError> {
        let p = self.active_pair(pair)?;
        if exit.date < p.formed {
            return Err(ProgrammeError::DateTooEarly);
        }
        if exit.entered.is_some_and(|e| exit.date > e) {
            return Err(ProgrammeError::DateTooLate);
        }
        let to = [
            Next::status_after(&exit.next_peer),
            Next::status_after(&exit.next_mentor),
        ];
        let i = self.pair_index(pair)?;
        self.set_both(i, to, exit.date)?;
        let peer = self.pairs[i].peer.clone();
        if exit.next_peer.contains(&Next::BecomeMentor) {
            let pi = self.participant_index(&peer)?;
            if self.participants[pi].role == Role::Peer {
                self.participants[pi].role = Role::Mentor;
                self.changes.push(Change {
                    date: exit.date,
                    entered: exit.entered.unwrap_or(exit.date),
                    kind: ChangeKind::BecameMentor,
                    participants: vec![peer],
                    pair: Some(pair.to_string()),
                    reason: String::new(),
                    before: String::new(),
                });
            }
        }
        let p = &mut self.pairs[i];
        if let Some(last) = p.pauses.last_mut().filter(|(_, to)| to.is_none()) {
            last.1 = Some(exit.date);
        }
        p.exit = Some(exit);
        Ok(())
    }

    /// The manual's "hard cases" on `today`: who has no before-measurement,
    /// no after-measurement although their pair had its exit, a pair past
    /// its end date ([`Pair::due`]) without an exit conversation, is paused,
    /// or is not yet matched. Participants who ended before being matched
    /// are listed only for a missing before-measurement. In the order of
    /// [`Registry::participants`]; for the worker's eyes only.
    ///
    /// A missing measurement ([`Reason::NoBefore`], [`Reason::NoAfter`])
    /// counts only for a participant who consented to the evaluation
    /// ([`Participant::consent_evaluation`]): a person who declined, or
    /// withdrew, is not missing a measurement (none may be recorded).
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Participant, Reason, Registry, Role};
    /// let d = Date::new(2026, 8, 1).unwrap();
    /// let mut reg = Registry::default();
    /// reg.recruit(Participant::new("p1", Role::Peer, "Ida", d)).unwrap();
    /// assert_eq!(reg.hard_cases(d)[0].reasons, [Reason::NotMatched]);
    /// reg.set_evaluation_consent("p1", true).unwrap();
    /// assert_eq!(reg.hard_cases(d)[0].reasons, [Reason::NoBefore, Reason::NotMatched]);
    /// ```
    pub fn hard_cases(&self, today: Date) -> Vec<HardCase> {
        let mut out = Vec::new();
        for p in &self.participants {
            let mut reasons = Vec::new();
            let has = |when| p.measurements.iter().any(|m| m.when == when);
            if p.consent_evaluation && !has(When::Before) {
                reasons.push(Reason::NoBefore);
            }
            let pairs = self
                .pairs
                .iter()
                .filter(|pair| pair.peer == p.id || pair.mentor == p.id);
            let mut exited = false;
            let mut overdue = Vec::new();
            for pair in pairs {
                match (&pair.exit, pair.due()) {
                    (Some(_), _) => exited = true,
                    (None, Some(due)) if today > due => overdue.push(Reason::NoExit {
                        pair: pair.id.clone(),
                        due,
                    }),
                    (None, _) => {}
                }
            }
            if p.consent_evaluation && exited && !has(When::After) {
                reasons.push(Reason::NoAfter);
            }
            reasons.extend(overdue);
            match p.status {
                Status::Paused => reasons.push(Reason::Paused),
                Status::Recruited | Status::WaitingForMatch => reasons.push(Reason::NotMatched),
                Status::Matched | Status::Ended | Status::Active => {}
            }
            if !reasons.is_empty() {
                out.push(HardCase {
                    participant: p.id.clone(),
                    reasons,
                });
            }
        }
        out
    }

    /// One `(before, after)` total of `instrument` per participant who
    /// consented to the evaluation ([`Participant::consent_evaluation`]),
    /// in the order of [`Registry::participants`], for
    /// [`lokalform_forms::aggregate::Cohort::new`]: the latest measurement of each
    /// kind with the instrument's id and version ([`Participant::measurement`]);
    /// `None` when there is none, or its total cannot be computed (too many
    /// missing items, as the definition says).
    ///
    /// A participant without the consent (never given, or withdrawn with
    /// [`Registry::set_evaluation_consent`]) is left out entirely, even
    /// with measurements kept from before: so the cohort's
    /// `participants` counts those who consented, and entry `i` (an index
    /// in [`lokalform_forms::aggregate::Cohort::lacking`]) is the `i`-th participant
    /// who consented, not `participants[i]`.
    ///
    /// ```
    /// use lokalform_forms::aggregate::Cohort;
    /// use lokalform_text::date::Date;
    /// use lokalform_forms::instruments::Instrument;
    /// use lokalform_programme::{Participant, Registry, Role};
    /// let lsns = Instrument::lsns6();
    /// let d = Date::new(2026, 8, 1).unwrap();
    /// let mut reg = Registry::default();
    /// reg.recruit(Participant::new("p1", Role::Peer, "Ida", d)).unwrap();
    /// reg.recruit(Participant::new("p2", Role::Peer, "Karl", d)).unwrap();
    /// assert_eq!(Cohort::new(&reg.cohort_pairs(&lsns), |t| lsns.flags(t)).participants, 0);
    /// reg.set_evaluation_consent("p2", true).unwrap();
    /// let pairs = reg.cohort_pairs(&lsns);
    /// assert_eq!(pairs, [(None, None)]); // Karl only
    /// let cohort = Cohort::new(&pairs, |t| lsns.flags(t));
    /// assert_eq!(cohort.participants, 1);
    /// ```
    pub fn cohort_pairs(&self, instrument: &Instrument) -> Vec<(Option<f64>, Option<f64>)> {
        self.cohort_pairs_of(instrument, None)
    }

    /// [`Registry::cohort_pairs`] of one role (`Some`), or of everyone
    /// (`None`): the reports split peers and peer-mentors, as the
    /// evaluator compares them.
    ///
    /// A measurement counts in the role the person had the day it was
    /// taken ([`Registry::role_at`]): a former peer who became a
    /// peer-mentor is in the peers' cohort with the measurements of their
    /// time as a peer, and in the peer-mentors' with those taken since
    /// (if any, or as lacking both). Everyone (`None`) counts each person
    /// once, with their latest measurements.
    ///
    /// ```
    /// use lokalform_forms::instruments::Instrument;
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Participant, Registry, Role};
    /// let d = Date::new(2026, 8, 1).unwrap();
    /// let mut reg = Registry::default();
    /// reg.recruit(Participant::new("p1", Role::Peer, "Ida", d)).unwrap();
    /// reg.recruit(Participant::new("m1", Role::Mentor, "Ole", d)).unwrap();
    /// reg.set_evaluation_consent("p1", true).unwrap();
    /// reg.set_evaluation_consent("m1", true).unwrap();
    /// let lsns = Instrument::lsns6();
    /// assert_eq!(reg.cohort_pairs_of(&lsns, Some(Role::Mentor)).len(), 1);
    /// assert_eq!(reg.cohort_pairs_of(&lsns, None).len(), 2);
    /// ```
    pub fn cohort_pairs_of(
        &self,
        instrument: &Instrument,
        role: Option<Role>,
    ) -> Vec<(Option<f64>, Option<f64>)> {
        let in_role = |p: &Participant, m: &Measurement| {
            role.is_none_or(|r| self.role_at(&p.id, m.date) == Some(r))
        };
        let total = |p: &Participant, when| {
            p.measurements
                .iter()
                .filter(|m| {
                    m.when == when
                        && m.instrument == instrument.id
                        && m.version == instrument.version
                        && in_role(p, m)
                })
                .max_by_key(|m| m.date)
                .and_then(|m| m.score(instrument))
                .and_then(|s| s.total)
        };
        let counted = |p: &Participant| {
            role.is_none_or(|r| {
                p.role == r
                    || p.measurements
                        .iter()
                        .any(|m| m.instrument == instrument.id && in_role(p, m))
            })
        };
        self.participants
            .iter()
            .filter(|p| p.consent_evaluation && counted(p))
            .map(|p| (total(p, When::Before), total(p, When::After)))
            .collect()
    }

    /// The channels each participant recruited with the form heard of the
    /// programme through ([`crate::Recruitment::heard_from`], option
    /// values), for [`lokalform_forms::aggregate::channel_counts`]: the
    /// data consent covers these counts ("only counts without name or CPR
    /// number … are passed on"). A deleted participant is no longer here.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Participant, Pick, Recruitment, Registry, Role};
    /// let mut reg = Registry::default();
    /// let mut ida = Participant::new("p1", Role::Peer, "Ida", Date::new(2026, 8, 1).unwrap());
    /// ida.recruitment = Some(Recruitment {
    ///     heard_from: vec![Pick { value: "press".into(), label: "Avis, radio eller tv".into() }],
    ///     ..Recruitment::default()
    /// });
    /// reg.recruit(ida).unwrap();
    /// assert_eq!(reg.heard_from(), [vec!["press".to_string()]]);
    /// ```
    pub fn heard_from(&self) -> Vec<Vec<String>> {
        self.participants
            .iter()
            .filter_map(|p| p.recruitment.as_ref())
            .map(|r| r.heard_from.iter().map(|h| h.value.clone()).collect())
            .collect()
    }

    /// The instruments this programme can measure with: the built-in
    /// LSNS-6 first ([`Instrument::lsns6`]), then each imported definition
    /// in the order imported. An imported text that does not read (e.g. a
    /// backup edited by hand), or whose id and version are already in the
    /// list, is skipped, so the built-in LSNS-6 always wins over an
    /// imported copy of the same version.
    ///
    /// ```
    /// use lokalform_programme::Registry;
    /// let reg = Registry::default();
    /// let ids: Vec<String> = reg.instruments().into_iter().map(|i| i.id).collect();
    /// assert_eq!(ids, ["lsns6"]);
    /// ```
    pub fn instruments(&self) -> Vec<Instrument> {
        let mut out = vec![Instrument::lsns6()];
        for text in &self.instruments {
            if let Ok(instrument) = Instrument::from_json(text) {
                if !out
                    .iter()
                    .any(|i| i.id == instrument.id && i.version == instrument.version)
                {
                    out.push(instrument);
                }
            }
        }
        out
    }

    /// Imports an instrument definition (the text of a licensed instrument
    /// the municipality supplies): keeps `json` as it is in
    /// [`Registry::instruments`] and returns the instrument. Refuses,
    /// changing nothing, a definition that does not read (every problem of
    /// [`Instrument::from_json`]) or whose id and version are already there
    /// (the built-in LSNS-6 included): a changed text needs a new version,
    /// so measurements taken with the old one keep their meaning.
    ///
    /// ```
    /// use lokalform_programme::Registry;
    /// let mut reg = Registry::default();
    /// let ors = r#"{"id": "ors", "version": 1, "title": {"da": "ORS"}, "source": {"da": "Licens"},
    ///   "scale": [{"value": 0, "label": {"da": "Dårligt"}}, {"value": 1, "label": {"da": "Godt"}}],
    ///   "items": [{"id": "me", "text": {"da": "Mig selv"}}], "scoring": {"method": "sum"}}"#;
    /// assert_eq!(reg.import_instrument(ors).unwrap().id, "ors");
    /// let again = reg.import_instrument(ors).unwrap_err();
    /// assert_eq!(again[0].to_string(),
    ///     "id: the instrument \"ors\" version 1 is already imported; give a changed text a new version");
    /// assert_eq!(reg.instruments().len(), 2);
    /// ```
    pub fn import_instrument(&mut self, json: &str) -> Result<Instrument, Vec<Problem>> {
        let instrument = Instrument::from_json(json)?;
        if self
            .instruments()
            .iter()
            .any(|i| i.id == instrument.id && i.version == instrument.version)
        {
            return Err(vec![Problem::new(
                "id",
                format!(
                    "the instrument \"{}\" version {} is already imported; give a changed text a new version",
                    instrument.id, instrument.version
                ),
            )]);
        }
        self.instruments.push(json.to_string());
        Ok(instrument)
    }
}
