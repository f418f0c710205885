//! Recruiting a peer or a mentor: the recruitment questionnaire with the
//! before-measurement added as a step; finishing it creates the
//! participant. Also a measurement on its own, for someone who lacks one.

use super::forms::programme_form;
use super::ui::form_screen;
use super::{name_of, new_id, programme_words, App, Route};
use crate::common::today::today;
use leptos::prelude::*;
use lokalform_forms::answers::Answers;
use lokalform_forms::instruments::Instrument;
use lokalform_forms::schema::{self, Lang, Text};
use lokalform_programme::{
    self as intake, form_ids, Participant, ProgrammeForm, Registry, Role, When,
};
use std::sync::Arc;

/// The key of a measurement step's fields: `before_m1` for the first
/// instrument of [`current_instruments`], or with `whose` (`peer`,
/// `mentor`) `after_peer_m1` ([`form_ids::measurement_key`], whose ids the
/// programme's forms leave free).
pub fn key(when: When, whose: Option<&str>, position: usize) -> String {
    form_ids::measurement_key(when, whose, position)
}

/// The instruments measured from now on, with their places (for
/// [`key`]): each id once, in its newest version, at the place the id
/// first came in ([`Registry::instruments`] order: LSNS-6 first).
pub fn current_instruments(registry: &Registry) -> Vec<(usize, Instrument)> {
    let mut out: Vec<Instrument> = Vec::new();
    for i in registry.instruments() {
        match out.iter_mut().find(|o| o.id == i.id) {
            Some(o) if o.version < i.version => *o = i,
            Some(_) => {}
            None => out.push(i),
        }
    }
    out.into_iter().enumerate().collect()
}

/// Whether `p` has a measurement of `instrument` taken `when` that gives a
/// score (a total, or a subscale score).
pub fn has_score(p: &Participant, instrument: &Instrument, when: When) -> bool {
    p.measurement(instrument, when)
        .and_then(|m| m.score(instrument))
        .is_some_and(|s| s.total.is_some() || s.subscales.iter().any(|x| x.score.is_some()))
}

/// The step title of a measurement: "Førmåling: LSNS-6", or with a name
/// "Eftermåling for Ida: LSNS-6".
pub fn step_title(instrument: &Instrument, when: When, name: Option<&str>) -> Text {
    let title = |lang| {
        let words = &programme_words(lang).participants;
        (words.measurement_title)(when, name, instrument.title.get(lang))
    };
    Text {
        da: title(Lang::Da),
        en: Some(title(Lang::En)),
    }
}

/// `form` with a measurement step per instrument, each `(position in
/// current_instruments, instrument)` (for `whose` with `name`, when there
/// are two people); with `consent`, asked only once that consent field is
/// answered ([`intake::with_consented_measurement`]).
pub fn with_measurements(
    form: schema::Form,
    instruments: &[(usize, Instrument)],
    when: When,
    person: Option<(&str, &str)>,
    consent: Option<&str>,
) -> Result<schema::Form, String> {
    let mut form = form;
    for (position, instrument) in instruments {
        let key = key(when, person.map(|p| p.0), *position);
        let title = step_title(instrument, when, person.map(|p| p.1));
        let added = match consent {
            Some(consent) => {
                intake::with_consented_measurement(&form, instrument, &key, &title, consent)
            }
            None => intake::with_measurement(&form, instrument, &key, &title),
        };
        form = added.map_err(|problems| super::ui::problem_list(&problems))?;
    }
    Ok(form)
}

/// The recruitment questionnaire for `role`.
pub fn recruit(app: App, role: Role) -> impl IntoView {
    let (which, heading) = match role {
        Role::Peer => (
            ProgrammeForm::RecruitmentPeer,
            app.words().participants.recruit_peer,
        ),
        Role::Mentor => (
            ProgrammeForm::RecruitmentMentor,
            app.words().participants.recruit_mentor,
        ),
    };
    let instruments = app.registry.with_untracked(current_instruments);
    let adapt = {
        let instruments = instruments.clone();
        move |form| {
            with_measurements(
                form,
                &instruments,
                When::Before,
                None,
                Some(intake::EVALUATION_CONSENT),
            )
        }
    };
    let done = Callback::new(move |(form, answers): (Arc<schema::Form>, Answers)| {
        let id = new_id(match role {
            Role::Peer => "peer",
            Role::Mentor => "mentor",
        });
        let keys: Vec<String> = instruments
            .iter()
            .map(|(n, _)| key(When::Before, None, *n))
            .collect();
        let taken: Vec<(&str, &Instrument)> = keys
            .iter()
            .map(String::as_str)
            .zip(instruments.iter().map(|(_, i)| i))
            .collect();
        let p = intake::participant_from_recruitment(&form, &answers, role, &id, today(), &taken);
        let text = (app.words().participants.added_notice)(&p.name);
        app.change(Some(text), |r| r.recruit(p))?;
        app.go(Route::Participant(id));
        Ok(())
    });
    let form = programme_form(app, which, String::new(), adapt, None, done);
    let back = app.words().participants.back_to_list_keep_draft;
    form_screen(app, heading.to_string(), form, Route::Participants, back)
}

/// A measurement on its own for participant `id`: before, or after.
pub fn measure(app: App, id: String, when: When) -> impl IntoView {
    let after = when == When::After;
    // Only the instruments this person lacks `when` (or has without a
    // score: a note alone, too many items skipped).
    let instruments: Vec<(usize, Instrument)> = app.registry.with_untracked(|r| {
        let lacks = |(_, i): &(usize, Instrument)| {
            r.participant(&id).is_some_and(|p| !has_score(p, i, when))
        };
        current_instruments(r).into_iter().filter(lacks).collect()
    });
    let who = app.registry.with_untracked(|r| name_of(r, &id));
    let heading = (app.words().participants.measurement_title)(when, None, &who);
    let adapt = {
        let instruments = instruments.clone();
        move |form| with_measurements(form, &instruments, when, None, None)
    };
    let participant = id.clone();
    let done = Callback::new(move |(_, answers): (Arc<schema::Form>, Answers)| {
        let date = today();
        let taken: Vec<_> = instruments
            .iter()
            .filter_map(|(n, i)| {
                intake::measurement_from(&answers, i, &key(when, None, *n), when, date)
            })
            .collect();
        let text = (app.words().participants.measurement_saved)(&who);
        let saved = app.change(Some(text), |r| {
            taken
                .into_iter()
                .try_for_each(|m| r.record_measurement(&participant, m))
        });
        saved?;
        app.go(Route::Participant(participant.clone()));
        Ok(())
    });
    let draft = format!("measure-{id}-{}", if after { "after" } else { "before" });
    let form = programme_form(app, ProgrammeForm::Measurement, draft, adapt, None, done);
    let back = app.words().participants.back_keep_draft;
    form_screen(app, heading, form, Route::Participant(id), back)
}
