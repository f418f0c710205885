//! Corrections and undos: a wish, a pair, an exit and an extension can be
//! corrected or undone, each with the worker's reason, which is kept in
//! the log of changes ([`crate::Change`]) and shown in the history of the
//! people and the pair it concerns. A status put back is a status change
//! in the participant's history like any other, dated the day of the
//! correction.

use super::{Change, ChangeKind, Event, Exit, Next, ProgrammeError, Registry, Role, Status};
use lokalform_text::date::Date;

impl Registry {
    /// Logs a correction of `kind` made on `today`, after checking the
    /// reason; the reason is trimmed.
    fn log_correction(
        &mut self,
        kind: ChangeKind,
        today: Date,
        participants: Vec<String>,
        pair: Option<&str>,
        reason: &str,
        before: String,
    ) {
        self.changes.push(Change {
            date: today,
            entered: today,
            kind,
            participants,
            pair: pair.map(str::to_string),
            reason: reason.trim().to_string(),
            before,
        });
    }

    /// Sets participant `i` to `to` as a correction: recorded in the
    /// history like any change, but without [`Status::can_become`] (an undo
    /// goes back where the person was).
    fn put_back(&mut self, i: usize, to: Status, today: Date) {
        let p = &mut self.participants[i];
        if p.status != to {
            p.history.push(Event {
                date: today,
                from: p.status,
                to,
            });
            p.status = to;
        }
    }

    /// Corrects the text of wish number `index` (0-based) of participant
    /// `id`; the old text and the reason are logged
    /// ([`ChangeKind::WishCorrected`]). Refuses an empty reason or text.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Participant, Place, ProgrammeError, Registry, Role, Wish};
    /// let d = Date::new(2026, 8, 1).unwrap();
    /// let mut reg = Registry::default();
    /// reg.recruit(Participant::new("p1", Role::Peer, "Ida", d)).unwrap();
    /// reg.record_wish("p1", Wish { text: "Gå ture".into(), match_with: None, date: d, place: Place::Cafe }).unwrap();
    /// assert_eq!(reg.correct_wish("p1", 0, "Gå ture ved fjorden", " ", d), Err(ProgrammeError::NoReason));
    /// reg.correct_wish("p1", 0, "Gå ture ved fjorden", "Skrevet forkert", d).unwrap();
    /// assert_eq!(reg.participant("p1").unwrap().wishes[0].text, "Gå ture ved fjorden");
    /// assert_eq!(reg.changes[0].before, "Gå ture");
    /// ```
    pub fn correct_wish(
        &mut self,
        id: &str,
        index: usize,
        text: &str,
        reason: &str,
        today: Date,
    ) -> Result<(), ProgrammeError> {
        need_reason(reason)?;
        let i = self.participant_index(id)?;
        let text = text.trim();
        if text.is_empty() {
            return Err(ProgrammeError::EmptyWish);
        }
        let wish = self.participants[i]
            .wishes
            .get_mut(index)
            .ok_or(ProgrammeError::UnknownWish)?;
        let before = std::mem::replace(&mut wish.text, text.to_string());
        self.log_correction(
            ChangeKind::WishCorrected,
            today,
            vec![id.to_string()],
            None,
            reason,
            before,
        );
        Ok(())
    }

    /// Removes wish number `index` (0-based) of participant `id`; its text
    /// and the reason are logged ([`ChangeKind::WishRemoved`]).
    pub fn remove_wish(
        &mut self,
        id: &str,
        index: usize,
        reason: &str,
        today: Date,
    ) -> Result<(), ProgrammeError> {
        need_reason(reason)?;
        let i = self.participant_index(id)?;
        if index >= self.participants[i].wishes.len() {
            return Err(ProgrammeError::UnknownWish);
        }
        let wish = self.participants[i].wishes.remove(index);
        self.log_correction(
            ChangeKind::WishRemoved,
            today,
            vec![id.to_string()],
            None,
            reason,
            wish.text,
        );
        Ok(())
    }

    /// Corrects the date pair `pair` was formed (and the date both were
    /// matched, in their histories); the old date and the reason are logged
    /// ([`ChangeKind::PairDateCorrected`]). Refuses a date after the
    /// pair's first meeting or pause, or after `today`.
    pub fn correct_pair_date(
        &mut self,
        pair: &str,
        formed: Date,
        reason: &str,
        today: Date,
    ) -> Result<(), ProgrammeError> {
        need_reason(reason)?;
        let i = self.pair_index(pair)?;
        let p = &self.pairs[i];
        let first = p
            .meetings
            .iter()
            .map(|m| m.date)
            .chain(p.pauses.iter().map(|(from, _)| *from))
            .min();
        if first.is_some_and(|f| formed > f) || formed > today {
            return Err(ProgrammeError::DateTooLate);
        }
        let old = p.formed;
        let people = vec![p.peer.clone(), p.mentor.clone()];
        self.pairs[i].formed = formed;
        for id in &people {
            let pi = self.participant_index(id)?;
            let history = &mut self.participants[pi].history;
            if let Some(e) = history
                .iter_mut()
                .rev()
                .find(|e| e.to == Status::Matched && e.date == old)
            {
                e.date = formed;
            }
        }
        self.log_correction(
            ChangeKind::PairDateCorrected,
            today,
            people,
            Some(pair),
            reason,
            old.iso(),
        );
        Ok(())
    }

    /// Undoes pair `pair`, formed by mistake: the pair is removed and both
    /// wait for a match again; the reason is logged
    /// ([`ChangeKind::PairUndone`]). Refuses a pair with a contract,
    /// meetings or an exit: those are kept, and the pair ends with an exit
    /// conversation instead ([`ProgrammeError::PairHasRecords`]).
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{ChangeKind, Participant, Registry, Role, Status};
    /// let d = Date::new(2026, 8, 1).unwrap();
    /// let mut reg = Registry::default();
    /// reg.recruit(Participant::new("p1", Role::Peer, "Ida", d)).unwrap();
    /// reg.recruit(Participant::new("m1", Role::Mentor, "Ole", d)).unwrap();
    /// reg.wait_for_match("p1", d).unwrap();
    /// reg.wait_for_match("m1", d).unwrap();
    /// reg.form_pair("pair1", "p1", "m1", d).unwrap();
    /// reg.undo_pair("pair1", "Forkert peer valgt", d).unwrap();
    /// assert!(reg.pairs.is_empty());
    /// assert_eq!(reg.participant("p1").unwrap().status, Status::WaitingForMatch);
    /// assert_eq!(reg.changes[0].kind, ChangeKind::PairUndone);
    /// assert_eq!(reg.changes[0].reason, "Forkert peer valgt");
    /// ```
    pub fn undo_pair(
        &mut self,
        pair: &str,
        reason: &str,
        today: Date,
    ) -> Result<(), ProgrammeError> {
        need_reason(reason)?;
        let i = self.pair_index(pair)?;
        let p = &self.pairs[i];
        if p.contract.is_some() || !p.meetings.is_empty() || p.exit.is_some() {
            return Err(ProgrammeError::PairHasRecords);
        }
        let people = vec![p.peer.clone(), p.mentor.clone()];
        let idx = [
            self.participant_index(&people[0])?,
            self.participant_index(&people[1])?,
        ];
        for pi in idx {
            self.put_back(pi, Status::WaitingForMatch, today);
        }
        self.pairs.remove(i);
        self.log_correction(
            ChangeKind::PairUndone,
            today,
            people,
            Some(pair),
            reason,
            String::new(),
        );
        Ok(())
    }

    /// Undoes the extension of pair `pair`'s contract; the reason is
    /// logged ([`ChangeKind::ExtensionUndone`]). Returns the end date
    /// again.
    pub fn undo_extension(
        &mut self,
        pair: &str,
        reason: &str,
        today: Date,
    ) -> Result<Option<Date>, ProgrammeError> {
        need_reason(reason)?;
        let i = self.pair_index(pair)?;
        let p = &mut self.pairs[i];
        if p.exit.is_some() {
            return Err(ProgrammeError::PairEnded);
        }
        let c = p.contract.as_mut().ok_or(ProgrammeError::NoContract)?;
        if !c.extended {
            return Err(ProgrammeError::NotExtended);
        }
        c.extended = false;
        let people = vec![p.peer.clone(), p.mentor.clone()];
        let due = p.due();
        self.log_correction(
            ChangeKind::ExtensionUndone,
            today,
            people,
            Some(pair),
            reason,
            String::new(),
        );
        Ok(due)
    }

    /// Undoes pair `pair`'s exit conversation, recorded by mistake: the
    /// pair is under way again (paused again when a pause ended with the
    /// exit), both get their status back ([`Status::Matched`] or
    /// [`Status::Paused`]), and a peer who became a peer-mentor at the
    /// exit is a peer again. Measurements are kept. The reason is logged
    /// ([`ChangeKind::ExitUndone`]).
    ///
    /// Refuses when someone has moved on since (e.g. is in a new pair):
    /// [`ProgrammeError::NotUndoable`].
    pub fn undo_exit(
        &mut self,
        pair: &str,
        reason: &str,
        today: Date,
    ) -> Result<(), ProgrammeError> {
        self.take_back_exit(pair, reason, today, ChangeKind::ExitUndone)
            .map(|_| ())
    }

    /// Corrects pair `pair`'s exit conversation: records `exit` in its
    /// place, as [`Registry::record_exit`] would (statuses follow the new
    /// "what next"), in one step; the reason is logged
    /// ([`ChangeKind::ExitCorrected`]). Changes nothing when refused.
    pub fn correct_exit(
        &mut self,
        pair: &str,
        exit: Exit,
        reason: &str,
        today: Date,
    ) -> Result<(), ProgrammeError> {
        let mut next = self.clone();
        next.take_back_exit(pair, reason, today, ChangeKind::ExitCorrected)?;
        next.record_exit(pair, exit)?;
        *self = next;
        Ok(())
    }

    fn take_back_exit(
        &mut self,
        pair: &str,
        reason: &str,
        today: Date,
        kind: ChangeKind,
    ) -> Result<Exit, ProgrammeError> {
        need_reason(reason)?;
        let i = self.pair_index(pair)?;
        let p = &self.pairs[i];
        let exit = p.exit.clone().ok_or(ProgrammeError::NoExit)?;
        let paused_again = p
            .pauses
            .last()
            .is_some_and(|(_, to)| *to == Some(exit.date));
        let back = if paused_again {
            Status::Paused
        } else {
            Status::Matched
        };
        let people = [p.peer.clone(), p.mentor.clone()];
        let gave = [
            Next::status_after(&exit.next_peer),
            Next::status_after(&exit.next_mentor),
        ];
        let mut idx = [0; 2];
        for (k, id) in people.iter().enumerate() {
            idx[k] = self.participant_index(id)?;
            let q = &self.participants[idx[k]];
            let elsewhere = self.pairs.iter().any(|other| {
                other.id != pair
                    && other.exit.is_none()
                    && (other.peer == *id || other.mentor == *id)
            });
            if q.status != gave[k] || elsewhere {
                return Err(ProgrammeError::NotUndoable {
                    name: q.name.clone(),
                });
            }
        }
        for pi in idx {
            self.put_back(pi, back, today);
        }
        let became = self
            .changes
            .iter()
            .position(|c| c.kind == ChangeKind::BecameMentor && c.pair.as_deref() == Some(pair));
        if let Some(at) = became {
            self.changes.remove(at);
            self.participants[idx[0]].role = Role::Peer;
        }
        let p = &mut self.pairs[i];
        if paused_again {
            if let Some(last) = p.pauses.last_mut() {
                last.1 = None;
            }
        }
        p.exit = None;
        self.log_correction(
            kind,
            today,
            people.to_vec(),
            Some(pair),
            reason,
            exit.date.iso(),
        );
        Ok(exit)
    }
}

/// A correction needs a reason.
fn need_reason(reason: &str) -> Result<(), ProgrammeError> {
    if reason.trim().is_empty() {
        Err(ProgrammeError::NoReason)
    } else {
        Ok(())
    }
}
