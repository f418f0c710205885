//! Recruiting a peer or a mentor: the recruitment questionnaire with the
//! before-measurement added as a step; finishing it creates the
//! participant. Also a measurement on its own, for someone who lacks one.

use super::forms::programme_form;
use super::ui::form_screen;
use super::{name_of, new_id, today, App, Route};
use leptos::prelude::*;
use lokalform::answers::Answers;
use lokalform::instruments::Instrument;
use lokalform::programme::{self as intake, Registry, Role, When};
use lokalform::schema::{self, Lang, Text};
use std::sync::Arc;

/// The key of a measurement step's fields: `before_lsns6`, or with
/// `whose` (`peer`, `mentor`) `after_peer_lsns6`. An instrument id may hold
/// characters a field id may not; they become `_`.
pub fn key(when: When, whose: Option<&str>, instrument: &Instrument) -> String {
    let when = match when {
        When::Before => "before",
        When::After => "after",
    };
    let id: String = instrument
        .id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    match whose {
        Some(w) => format!("{when}_{w}_{id}"),
        None => format!("{when}_{id}"),
    }
}

/// The step title of a measurement: "Førmåling: LSNS-6", or with a name
/// "Eftermåling for Ida: LSNS-6".
pub fn step_title(instrument: &Instrument, when: When, name: Option<&str>) -> Text {
    let (da, en) = match when {
        When::Before => ("Førmåling", "Before-measurement"),
        When::After => ("Eftermåling", "After-measurement"),
    };
    let (title_da, title_en) = (
        instrument.title.get(Lang::Da),
        instrument.title.get(Lang::En),
    );
    match name {
        Some(n) => Text {
            da: format!("{da} for {n}: {title_da}"),
            en: Some(format!("{en} for {n}: {title_en}")),
        },
        None => Text {
            da: format!("{da}: {title_da}"),
            en: Some(format!("{en}: {title_en}")),
        },
    }
}

/// `form` with a measurement step per instrument (for `whose` with `name`,
/// when there are two people); with `consent`, asked only once that
/// consent field is answered ([`intake::with_consented_measurement`]).
pub fn with_measurements(
    form: schema::Form,
    instruments: &[Instrument],
    when: When,
    person: Option<(&str, &str)>,
    consent: Option<&str>,
) -> Result<schema::Form, String> {
    let mut form = form;
    for instrument in instruments {
        let key = key(when, person.map(|p| p.0), instrument);
        let title = step_title(instrument, when, person.map(|p| p.1));
        let added = match consent {
            Some(consent) => {
                intake::with_consented_measurement(&form, instrument, &key, &title, consent)
            }
            None => intake::with_measurement(&form, instrument, &key, &title),
        };
        form = added.map_err(|problems| {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            list.join("; ")
        })?;
    }
    Ok(form)
}

/// The recruitment questionnaire for `role`.
pub fn recruit(app: App, role: Role) -> impl IntoView {
    let (name, heading) = match role {
        Role::Peer => (
            "recruitment-peer",
            app.t("Rekrutter en peer", "Recruit a peer"),
        ),
        Role::Mentor => (
            "recruitment-mentor",
            app.t("Rekrutter en peer-mentor", "Recruit a peer mentor"),
        ),
    };
    let instruments = app.registry.with_untracked(Registry::instruments);
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
    let problem = RwSignal::new(None::<String>);
    let done = Callback::new(move |(form, answers): (Arc<schema::Form>, Answers)| {
        let id = new_id(match role {
            Role::Peer => "peer",
            Role::Mentor => "mentor",
        });
        let keys: Vec<String> = instruments
            .iter()
            .map(|i| key(When::Before, None, i))
            .collect();
        let taken: Vec<(&str, &Instrument)> = keys
            .iter()
            .map(String::as_str)
            .zip(instruments.iter())
            .collect();
        let p = intake::participant_from_recruitment(&form, &answers, role, &id, today(), &taken);
        let text = format!(
            "{} {}.",
            p.name,
            app.t("er oprettet som deltager", "is added as a participant")
        );
        match app.change(Some(text), |r| r.recruit(p)) {
            Ok(()) => app.go(Route::Participant(id)),
            Err(e) => problem.set(Some(e)),
        }
    });
    let form = programme_form(app, name, String::new(), adapt, None, done);
    let back = app.t(
        "Tilbage til deltagerne (kladden gemmes)",
        "Back to the participants (the draft is kept)",
    );
    form_screen(
        app,
        heading.to_string(),
        problem,
        form,
        Route::Participants,
        back,
    )
}

/// A measurement on its own for participant `id`: before, or after.
pub fn measure(app: App, id: String, after: bool) -> impl IntoView {
    let when = if after { When::After } else { When::Before };
    // Only the instruments this person lacks, `when`.
    let instruments: Vec<Instrument> = app.registry.with_untracked(|r| {
        let lacks = |i: &Instrument| {
            r.participant(&id)
                .is_some_and(|p| p.measurement(i, when).is_none())
        };
        r.instruments().into_iter().filter(lacks).collect()
    });
    let who = app.registry.with_untracked(|r| name_of(r, &id));
    let heading = format!(
        "{}: {who}",
        if after {
            app.t("Eftermåling", "After-measurement")
        } else {
            app.t("Førmåling", "Before-measurement")
        }
    );
    let adapt = {
        let instruments = instruments.clone();
        move |form| with_measurements(form, &instruments, when, None, None)
    };
    let participant = id.clone();
    let problem = RwSignal::new(None::<String>);
    let done = Callback::new(move |(_, answers): (Arc<schema::Form>, Answers)| {
        let date = today();
        let taken: Vec<_> = instruments
            .iter()
            .filter_map(|i| intake::measurement_from(&answers, i, &key(when, None, i), when, date))
            .collect();
        let text = format!(
            "{} {who}.",
            app.t("Målingen er gemt for", "The measurement is saved for")
        );
        let saved = app.change(Some(text), |r| {
            taken
                .into_iter()
                .try_for_each(|m| r.record_measurement(&participant, m))
        });
        match saved {
            Ok(()) => app.go(Route::Participant(participant.clone())),
            Err(e) => problem.set(Some(e)),
        }
    });
    let draft = format!("measure-{id}-{}", if after { "after" } else { "before" });
    let form = programme_form(app, "measurement", draft, adapt, None, done);
    let back = app.t("Tilbage (kladden gemmes)", "Back (the draft is kept)");
    form_screen(app, heading, problem, form, Route::Participant(id), back)
}
