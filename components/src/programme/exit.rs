//! The exit conversation of a pair: `forms/exit.json` with the contract's
//! goals filled in, what each hoped for at recruitment beside what the
//! relationship meant to them, and an after-measurement step for the peer
//! and one for the mentor. The conversation's date is today unless set
//! earlier (then the day it was entered is kept too). Finishing it records
//! the exit and the measurements, dated the conversation's day; each
//! participant's status follows what comes next for them.

use super::forms::programme_form;
use super::recruit::{current_instruments, key, with_measurements};
use super::ui::pair_form_screen;
use super::{name_of, App, Route};
use crate::common::today::today;
use leptos::prelude::*;
use lokalform_forms::answers::Answers;
use lokalform_forms::schema;
use lokalform_programme::{self as intake, ProgrammeForm, When};
use std::sync::Arc;

/// The exit form of pair `id`.
pub fn exit_form(app: App, id: String) -> impl IntoView {
    let instruments = app.registry.with_untracked(current_instruments);
    let found = app.registry.with_untracked(|r| {
        r.pair(&id).map(|p| {
            (
                p.peer.clone(),
                p.mentor.clone(),
                name_of(r, &p.peer),
                name_of(r, &p.mentor),
            )
        })
    });
    let Some((peer_id, mentor_id, peer, mentor)) = found else {
        return view! { <p class="notice notice-error" role="alert">{app.words().contract.pair_not_found}</p> }.into_any();
    };
    let mut initial = app
        .registry
        .with_untracked(|r| intake::exit_prefill(r, &id))
        .unwrap_or_default();
    initial.set(
        lokalform_programme::form_ids::exit::EXIT_DATE,
        lokalform_forms::answers::Value::Text(today().danish()),
    );
    // An after-measurement step for each of the two who agreed to the
    // evaluation (no one else is measured).
    let consents = |id: &str| {
        app.registry
            .with_untracked(|r| r.participant(id).is_some_and(|p| p.consent_evaluation))
    };
    // (whose, participant id, name)
    let measured: Vec<(&'static str, String, String)> =
        [("peer", &peer_id, &peer), ("mentor", &mentor_id, &mentor)]
            .into_iter()
            .filter(|(_, id, _)| consents(id))
            .map(|(who, id, name)| (who, id.clone(), name.clone()))
            .collect();
    let adapt = {
        let (instruments, measured) = (instruments.clone(), measured.clone());
        let pair = id.clone();
        move |form: schema::Form| {
            // What each hoped for when they started, beside "what has it
            // meant to you".
            let form = app
                .registry
                .with_untracked(|r| intake::exit_with_hopes(&form, r, &pair))
                .unwrap_or(form);
            measured.iter().try_fold(form, |form, (who, _, name)| {
                with_measurements(form, &instruments, When::After, Some((who, name)), None)
            })
        }
    };
    let heading = (app.words().contract.exit_heading)(&super::pair_label(app, &peer, &mentor));
    let pair = id.clone();
    let done = Callback::new(move |(_, answers): (Arc<schema::Form>, Answers)| {
        let exit = intake::exit_from(&answers, today());
        let date = exit.date;
        let mut taken = Vec::new();
        for (who, participant, _) in &measured {
            for (n, i) in &instruments {
                if let Some(m) = intake::measurement_from(
                    &answers,
                    i,
                    &key(When::After, Some(who), *n),
                    When::After,
                    date,
                ) {
                    taken.push((participant.clone(), m));
                }
            }
        }
        let text = (app.words().contract.exit_saved)(&peer, &mentor);
        let result = app.change(Some(text), |r| {
            for (participant, m) in taken {
                r.record_measurement(&participant, m)?;
            }
            r.record_exit(&pair, exit)
        });
        result?;
        app.go(Route::Pair(pair.clone()));
        Ok(())
    });
    let form = programme_form(
        app,
        ProgrammeForm::Exit,
        format!("exit-{id}"),
        adapt,
        Some(initial),
        done,
    );
    pair_form_screen(app, id, heading, form).into_any()
}
