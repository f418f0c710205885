//! Participants: the list, and one participant with contact, status,
//! history, wishes and measurements (before/after per instrument, as a
//! chart and a table).
//!
//! The recruitment conversation's answers are shown as kept
//! (`answers.rs`); the worker's note on readiness is written here only;
//! withdrawing the data consent deletes the person's data after a
//! confirmation that says what is deleted and what is not.
//!
//! A CPR number is shown masked (`DDMMÅÅ-XXXX`); the worker can show it on
//! purpose for one participant at a time.

use super::answers;
use super::forms::programme_form;
use super::recruit::{current_instruments, has_score};
use super::ui::{correction, form_screen, problem_line, radio};
use super::{chart, name_of, programme_words, role_name, App, Route};
use crate::common::html::set_markup;
use crate::common::today::today;
use leptos::ev;
use leptos::prelude::*;
use lokalform_forms::answers::Answers;
use lokalform_forms::instruments::Instrument;
use lokalform_programme::{
    self as intake, Participant, Place, ProgrammeForm, Registry, Role, Status, When, Wish,
};
use std::sync::Arc;

/// A CPR number as shown: masked when it reads as one, else as typed but
/// with the last four characters hidden.
pub fn masked_cpr(cpr: &str) -> String {
    match lokalform_forms::cpr::parse(cpr) {
        Ok(c) => c.masked(),
        Err(_) => {
            let keep = cpr.chars().count().saturating_sub(4);
            cpr.chars().take(keep).chain("XXXX".chars()).collect()
        }
    }
}

/// The status in the language on screen.
pub fn status_name(app: App, status: Status) -> &'static str {
    status.name(app.lang.get_untracked())
}

/// The latest total of the built-in LSNS-6, `when`, as text ("14", or
/// "mangler").
fn lsns_text(app: App, lsns: &Instrument, p: &Participant, when: When) -> String {
    if !p.consent_evaluation {
        return app.words().participants.no_consent.to_string();
    }
    p.measurement(lsns, when)
        .and_then(|m| m.score(lsns))
        .and_then(|s| s.total)
        .map_or_else(
            || app.words().participants.missing.to_string(),
            |t| format!("{t}"),
        )
}

/// A participant's name, or "Slettet deltager" for the placeholder left
/// when their data was deleted.
fn display_name(app: App, name: &str) -> String {
    if name.is_empty() {
        app.words().recruitment.deleted_name.to_string()
    } else {
        name.to_string()
    }
}

/// Every participant, newest last, with buttons to recruit.
pub fn list(app: App) -> impl IntoView {
    let rows = move || {
        // Read once a listing, not twice a row.
        let lsns = Instrument::lsns6();
        app.registry.with(|r| {
            r.participants
                .iter()
                .map(|p| {
                    let id = p.id.clone();
                    let lang = app.lang.get_untracked();
                    view! {
                        <tr>
                            <th scope="row"><button type="button" class="link" on:click=move |_| app.go(Route::Participant(id.clone()))>{display_name(app, &p.name)}</button></th>
                            <td>{role_name(p.role, lang)}</td>
                            <td>{status_name(app, p.status)}</td>
                            <td>{p.cpr.as_deref().map_or_else(|| "–".to_string(), masked_cpr)}</td>
                            <td>{lsns_text(app, &lsns, p, When::Before)}</td>
                            <td>{lsns_text(app, &lsns, p, When::After)}</td>
                            <td>{p.recruited.danish()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let empty = move || app.registry.with(|r| r.participants.is_empty());
    view! {
        <h2 class="title" id="lp-heading" tabindex="-1">{app.words().participants.heading}</h2>
        <div class="actions">
            <button type="button" class="button" on:click=move |_| app.go(Route::Recruit(Role::Peer))>{app.words().participants.recruit_peer}</button>
            <button type="button" class="button" on:click=move |_| app.go(Route::Recruit(Role::Mentor))>{app.words().participants.recruit_mentor}</button>
        </div>
        {move || if empty() {
            view! { <p class="muted">{app.words().participants.none_yet}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="lp-participants-caption">
                <table class="table">
                    <caption id="lp-participants-caption">{app.words().participants.all_caption}</caption>
                    <thead><tr>
                        <th scope="col">{app.words().participants.name}</th>
                        <th scope="col">{app.words().participants.role}</th>
                        <th scope="col">{app.words().participants.status}</th>
                        <th scope="col">{app.words().participants.cpr}</th>
                        <th scope="col">{app.words().participants.lsns_before}</th>
                        <th scope="col">{app.words().participants.lsns_after}</th>
                        <th scope="col">{app.words().participants.recruited}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                </div>
            }.into_any()
        }}
    }
}

/// One participant.
pub fn detail(app: App, id: String) -> impl IntoView {
    let found = app.registry.with_untracked(|r| r.participant(&id).cloned());
    let Some(p) = found else {
        return view! {
            <h2 class="title" id="lp-heading" tabindex="-1">{app.words().participants.not_found}</h2>
            <button type="button" class="button" on:click=move |_| app.go(Route::Participants)>{app.words().participants.back_to_list}</button>
        }
        .into_any();
    };
    let lang = app.lang.get_untracked();
    if p.name.is_empty() {
        // The placeholder left when the data was deleted: nothing to act on.
        let pair_links = pair_links(app, &p.id);
        return view! {
            <h2 class="title" id="lp-heading" tabindex="-1">{app.words().recruitment.deleted_name}</h2>
            <p class="muted">{format!("{} · {}", role_name(p.role, lang), status_name(app, p.status))}</p>
            <p>{app.words().recruitment.deleted_page}</p>
            <ul class="plain">{pair_links}</ul>
            <div class="actions">
                <button type="button" class="button button-secondary" on:click=move |_| app.go(Route::Participants)>{app.words().participants.back_to_list}</button>
            </div>
        }
        .into_any();
    }
    let show_cpr = RwSignal::new(false);
    let cpr = p.cpr.clone().map(|cpr| {
        let shown = cpr.clone();
        view! {
            <dt>{app.words().participants.cpr}</dt>
            <dd>
                <span>{move || if show_cpr.get() { shown.clone() } else { masked_cpr(&shown) }}</span>" "
                <button type="button" class="link" on:click=move |_| show_cpr.update(|s| *s = !*s)>
                    {move || if show_cpr.get() { app.words().participants.hide_cpr } else { app.words().participants.show_cpr }}
                </button>
            </dd>
        }
    });
    let contact_line = |label: &'static str, value: &str| {
        (!value.trim().is_empty()).then(|| view! { <dt>{label}</dt><dd>{value.to_string()}</dd> })
    };
    // Every change of status, then every other change that concerns them
    // (a new role, corrections with their reasons, an extension agreed):
    // fixed lines, so as escaped HTML.
    let mut history: Vec<String> = p
        .history
        .iter()
        .map(|e| {
            format!(
                "{}: {} → {}",
                e.date.danish(),
                e.from.name(lang),
                e.to.name(lang)
            )
        })
        .collect();
    app.registry.with_untracked(|r| {
        let changes: Vec<&lokalform_programme::Change> =
            r.changes.iter().filter(|c| c.concerns(&p.id)).collect();
        history.extend(super::pair::change_lines(app, &changes));
    });
    let pair_links = pair_links(app, &p.id);
    view! {
        <h2 class="title" id="lp-heading" tabindex="-1">{display_name(app, &p.name)}</h2>
        <p class="muted">{format!("{} · {}", role_name(p.role, lang), status_name(app, p.status))}</p>
        <dl class="facts">
            <dt>{app.words().participants.recruited}</dt><dd>{p.recruited.danish()}</dd>
            {cpr}
            {contact_line(app.words().participants.phone, &p.contact.phone)}
            {contact_line(app.words().participants.email, &p.contact.email)}
            {contact_line(app.words().participants.other_contact, &p.contact.other)}
        </dl>
        {consent(app, &p)}
        {status_actions(app, &p)}
        <ul class="plain">{pair_links}</ul>
        {answers::section(app, p.recruitment.as_ref())}
        {readiness(app, &p)}
        {measurements(app, &p)}
        {wishes(app, &p)}
        <section aria-labelledby="lp-history">
            <h3 class="step-title" id="lp-history">{app.words().participants.history}</h3>
            {if history.is_empty() {
                view! { <p class="muted">{app.words().participants.no_history}</p> }.into_any()
            } else {
                view! { <div use:set_markup=super::ui::list_html(&history)></div> }.into_any()
            }}
        </section>
        {delete_data(app, &p)}
        <div class="actions">
            <button type="button" class="button button-secondary" on:click=move |_| app.go(Route::Participants)>{app.words().participants.back_to_list}</button>
        </div>
    }
    .into_any()
}

/// The worker's note on readiness (manual p. 11): written and kept here
/// only, never on a form the person fills in.
fn readiness(app: App, p: &Participant) -> impl IntoView {
    let note = RwSignal::new(p.readiness_note.clone());
    let problem = RwSignal::new(None::<String>);
    let (id, name) = (p.id.clone(), p.name.clone());
    let save = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let text = (app.words().recruitment.note_saved)(&name);
        match app.change(Some(text), |r| {
            r.set_readiness_note(&id, &note.get_untracked())
        }) {
            Ok(()) => app.go(Route::Participant(id.clone())),
            Err(e) => problem.set(Some(e)),
        }
    };
    view! {
        <form novalidate on:submit=save class="subform">
            {problem_line(app, problem)}
            <div class="field">
                <label class="label" for="lp-readiness">{app.words().recruitment.readiness_label}</label>
                <p class="help" id="lp-readiness-help">{app.words().recruitment.readiness_help}</p>
                <textarea id="lp-readiness" class="input" rows="3" maxlength="2000" aria-describedby="lp-readiness-help"
                    prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </div>
            <div class="actions"><button type="submit" class="button button-secondary">{app.words().recruitment.save_note}</button></div>
        </form>
    }
}

/// Withdrawing the consent to keeping the information: a confirmation
/// that says what is deleted and what cannot be, then
/// [`Registry::delete_participant`]. Not for the placeholder left by an
/// earlier deletion.
fn delete_data(app: App, p: &Participant) -> impl IntoView {
    let confirm = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let (id, name) = (p.id.clone(), p.name.clone());
    let delete = move |_| {
        let text = (app.words().recruitment.deleted_notice)(&name);
        match app.change(Some(text), |r| r.delete_participant(&id)) {
            Ok(()) => app.go(Route::Participants),
            Err(e) => {
                confirm.set(false);
                problem.set(Some(e));
            }
        }
    };
    let question = (app.words().recruitment.confirm_delete)(&p.name);
    (!p.name.is_empty()).then(|| view! {
        {problem_line(app, problem)}
        <div class="actions">
            <button type="button" class="button button-secondary" on:click=move |_| {
                confirm.set(true);
                let root = app.root;
                request_animation_frame(move || crate::common::focus::focus_id(root, "lp-delete-yes"));
            }>{app.words().recruitment.withdraw_data_consent}</button>
        </div>
        {move || confirm.get().then(|| {
            let mut lines = String::new();
            for line in app.words().recruitment.delete_lines {
                crate::common::html::element(&mut lines, "li", "", line);
            }
            view! {
                <div class="notice notice-warning" role="alert">
                    <p>{question.clone()}</p>
                    <ul use:set_markup=lines></ul>
                    <button type="button" class="button" id="lp-delete-yes" on:click=delete.clone()>{app.words().recruitment.yes_delete}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| confirm.set(false)>{app.words().frame.no}</button>
                </div>
            }
        })}
    })
}

/// Links to the pairs a participant is in.
fn pair_links(app: App, id: &str) -> impl IntoView {
    let pairs = app.registry.with_untracked(|r| pairs_of(r, id));
    pairs
        .into_iter()
        .map(|(pair, other)| {
            view! { <li><button type="button" class="link" on:click=move |_| app.go(Route::Pair(pair.clone()))>{(app.words().participants.pair_with)(&other)}</button></li> }
        })
        .collect_view()
}

/// The pairs a participant is in: `(pair id, the other's name)`.
fn pairs_of(r: &Registry, id: &str) -> Vec<(String, String)> {
    r.pairs
        .iter()
        .filter(|pair| pair.peer == id || pair.mentor == id)
        .map(|pair| {
            let other = if pair.peer == id {
                &pair.mentor
            } else {
                &pair.peer
            };
            (pair.id.clone(), name_of(r, other))
        })
        .collect()
}

/// The status changes a worker makes by hand: to the waiting list, and
/// ending, for someone recruited, waiting, or (outside a pair under way)
/// paused or active without a relationship; pairs change the rest.
fn status_actions(app: App, p: &Participant) -> impl IntoView {
    let id = p.id.clone();
    let name = p.name.clone();
    let confirm_end = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let to = move |next: Status| {
        let (id, name) = (id.clone(), name.clone());
        move |_: ev::MouseEvent| {
            let done = match next {
                Status::Ended => (app.words().participants.ended_notice)(&name),
                _ => (app.words().participants.waiting_notice)(&name),
            };
            match app.change(Some(done), |r| r.set_status(&id, next, today())) {
                Ok(()) => app.go(Route::Participant(id.clone())),
                Err(e) => problem.set(Some(e)),
            }
        }
    };
    let in_pair = app.registry.with_untracked(|r| {
        r.pairs
            .iter()
            .any(|pair| pair.exit.is_none() && (pair.peer == p.id || pair.mentor == p.id))
    });
    let can_wait = !in_pair
        && matches!(
            p.status,
            Status::Recruited | Status::Paused | Status::Active
        );
    let can_end = !in_pair
        && matches!(
            p.status,
            Status::Recruited | Status::WaitingForMatch | Status::Paused | Status::Active
        );
    let end = to(Status::Ended);
    let current = app.registry.with_untracked(current_instruments);
    view! {
        {move || problem.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
        <div class="actions">
            {can_wait.then(|| view! { <button type="button" class="button" on:click=to(Status::WaitingForMatch)>{app.words().participants.to_waiting_list}</button> })}
            {can_end.then(|| view! { <button type="button" class="button button-secondary" on:click=move |_| {
                confirm_end.set(true);
                let root = app.root;
                request_animation_frame(move || crate::common::focus::focus_id(root, "lp-end-yes"));
            }>{app.words().participants.end_participation}</button> })}
            {measure_button(app, &current, p, When::Before)}
            {measure_button(app, &current, p, When::After)}
            <button type="button" class="button button-secondary" on:click={
                let id = p.id.clone();
                move |_| app.go(Route::EditParticipant(id.clone()))
            }>{app.words().participants.correct_details}</button>
        </div>
        {move || confirm_end.get().then(|| view! {
            <div class="notice notice-warning" role="alert">
                <p>{app.words().participants.confirm_end}</p>
                <button type="button" class="button" id="lp-end-yes" on:click=end.clone()>{app.words().participants.yes_end}</button>
                <button type="button" class="button button-secondary" on:click=move |_| confirm_end.set(false)>{app.words().frame.no}</button>
            </div>
        })}
    }
}

/// "Registrer en førmåling" while an instrument lacks one; "Registrer en
/// eftermåling" once a pair of theirs had its exit and an instrument lacks
/// one.
fn measure_button(
    app: App,
    current: &[(usize, Instrument)],
    p: &Participant,
    when: When,
) -> Option<impl IntoView> {
    // Every instrument measured already with a score (one imported later
    // may lack it; a note alone is no score).
    let has = current.iter().all(|(_, i)| has_score(p, i, when));
    let due = match when {
        When::Before => true,
        When::After => app.registry.with_untracked(|r| {
            r.pairs
                .iter()
                .any(|pair| (pair.peer == p.id || pair.mentor == p.id) && pair.exit.is_some())
        }),
    };
    let id = p.id.clone();
    let label = if when == When::After {
        app.words().participants.record_after
    } else {
        app.words().participants.record_before
    };
    (p.consent_evaluation && !has && due).then(|| view! {
        <button type="button" class="button button-secondary" on:click=move |_| app.go(Route::Measure(id.clone(), when))>{label}</button>
    })
}

/// Before/after per instrument: a chart and a table, the missing items and
/// the notes.
fn measurements(app: App, p: &Participant) -> impl IntoView {
    let lang = app.lang.get_untracked();
    let instruments = app.registry.with_untracked(Registry::instruments);
    let sections = instruments
        .into_iter()
        .filter(|i| {
            p.measurements
                .iter()
                .any(|m| m.instrument == i.id && m.version == i.version)
        })
        .map(|instrument| chart::before_after(app, p, &instrument, lang))
        .collect_view();
    let none = p.measurements.is_empty();
    view! {
        <section aria-labelledby="lp-measurements">
            <h3 class="step-title" id="lp-measurements">{app.words().participants.measurements}</h3>
            {none.then(|| view! { <p class="muted">{app.words().participants.no_measurements}</p> })}
            {sections}
        </section>
    }
}

/// The wishes about matching, and a form to record one.
fn wishes(app: App, p: &Participant) -> impl IntoView {
    let lang = app.lang.get_untracked();
    let place_name = move |place: Place| {
        let words = &programme_words(lang).participants;
        match place {
            Place::Cafe => words.at_cafe,
            Place::Trip => words.on_trip,
            Place::Other => words.elsewhere,
        }
    };
    // Each wish with a way to remove it, with a reason (one written wrong
    // is removed and noted again).
    let list = app.registry.with_untracked(|r| {
        p.wishes
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let with = w.match_with.as_deref().map(|id| name_of(r, id));
                let (id, name) = (p.id.clone(), p.name.clone());
                let remove = Callback::new(move |reason: String| {
                    let done = (app.words().life.wish_removed)(&name);
                    app.change(Some(done), |r| r.remove_wish(&id, i, &reason, today()))?;
                    app.go(Route::Participant(id.clone()));
                    Ok(())
                });
                let life = &app.words().life;
                view! { <li>{(app.words().participants.wish_line)(&w.date.danish(), place_name(w.place), &w.text, with.as_deref())}
                    {correction(app, format!("remove-wish-{i}"), life.remove_wish, life.remove_wish_help, remove)}</li> }
            })
            .collect_view()
    });
    let others: Vec<(String, String)> = app.registry.with_untracked(|r| {
        r.participants
            .iter()
            .filter(|o| o.role != p.role && o.status != Status::Ended)
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect()
    });
    let text = RwSignal::new(String::new());
    let with = RwSignal::new(String::new());
    let place = RwSignal::new("cafe".to_string());
    let problem = RwSignal::new(None::<String>);
    let id = p.id.clone();
    let name = p.name.clone();
    let add = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let words = text.get_untracked();
        if words.trim().is_empty() {
            problem.set(Some(app.words().participants.wish_required.into()));
            return;
        }
        let wish = Wish {
            text: words.trim().to_string(),
            match_with: Some(with.get_untracked()).filter(|w| !w.is_empty()),
            date: today(),
            place: match place.get_untracked().as_str() {
                "cafe" => Place::Cafe,
                "trip" => Place::Trip,
                _ => Place::Other,
            },
        };
        let done = (app.words().participants.wish_noted)(&name);
        match app.change(Some(done), |r| r.record_wish(&id, wish)) {
            Ok(()) => app.go(Route::Participant(id.clone())),
            Err(e) => problem.set(Some(e)),
        }
    };
    let options = others
        .into_iter()
        .map(|(id, name)| view! { <option value=id>{name}</option> })
        .collect_view();
    view! {
        <section aria-labelledby="lp-wishes">
            <h3 class="step-title" id="lp-wishes">{app.words().participants.wishes_heading}</h3>
            {if p.wishes.is_empty() {
                view! { <p class="muted">{app.words().participants.no_wishes}</p> }.into_any()
            } else {
                view! { <ul>{list}</ul> }.into_any()
            }}
            <form novalidate on:submit=add class="subform">
                {move || problem.get().map(|m| view! { <p class="field-error" role="alert" id="lp-wish-error"><span class="sr-only">{app.words().frame.error_prefix}</span>{m}</p> })}
                <div class="field">
                    <label class="label" for="lp-wish-text">{app.words().participants.new_wish}</label>
                    <p class="help" id="lp-wish-help">{app.words().participants.wish_help}</p>
                    <textarea id="lp-wish-text" class="input" rows="2" aria-describedby=move || if problem.get().is_some() { "lp-wish-help lp-wish-error" } else { "lp-wish-help" }
                        aria-invalid=move || problem.get().map(|_| "true")
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <div class="field">
                    <label class="label" for="lp-wish-with">{app.words().participants.match_with}</label>
                    <select id="lp-wish-with" class="input" on:change=move |ev| with.set(event_target_value(&ev))>
                        <option value="">{app.words().participants.no_one_in_particular}</option>
                        {options}
                    </select>
                </div>
                <fieldset class="field">
                    <legend class="label">{app.words().participants.where_said}</legend>
                    {radio("lp-wish-place", "cafe", app.words().participants.said_at_cafe, place)}
                    {radio("lp-wish-place", "trip", app.words().participants.said_on_trip, place)}
                    {radio("lp-wish-place", "other", app.words().participants.said_elsewhere, place)}
                </fieldset>
                <div class="actions"><button type="submit" class="button button-secondary">{app.words().participants.note_wish}</button></div>
            </form>
        </section>
    }
}

/// Whether the person agreed that their measurements are used in the
/// evaluation, and a way to record a consent given (or withdrawn) later.
fn consent(app: App, p: &Participant) -> impl IntoView {
    let given = p.consent_evaluation;
    let id = p.id.clone();
    let name = p.name.clone();
    let problem = RwSignal::new(None::<String>);
    let toggle = move |_| {
        let done = if given {
            (app.words().participants.consent_withdrawn)(&name)
        } else {
            (app.words().participants.consent_recorded)(&name)
        };
        match app.change(Some(done), |r| r.set_evaluation_consent(&id, !given)) {
            Ok(()) => app.go(Route::Participant(id.clone())),
            Err(e) => problem.set(Some(e)),
        }
    };
    let text = if given {
        app.words().participants.consent_given
    } else {
        app.words().participants.consent_not_given
    };
    view! {
        <div class="consent-line">
            {problem_line(app, problem)}
            <p>{text}</p>
            <button type="button" class="link" on:click=toggle>{if given {
                app.words().participants.withdraw_consent
            } else {
                app.words().participants.record_consent
            }}</button>
        </div>
    }
}

/// Correcting a participant's details: the engine's `participant` form
/// with what is on record filled in.
pub fn edit(app: App, id: String) -> impl IntoView {
    let found = app.registry.with_untracked(|r| r.participant(&id).cloned());
    let initial = found
        .as_ref()
        .map(intake::participant_prefill)
        .unwrap_or_default();
    let heading = found.map(|p| p.name).unwrap_or_default();
    let who = id.clone();
    let done = Callback::new(
        move |(_, a): (Arc<lokalform_forms::schema::Form>, Answers)| {
            let intake::Details { name, cpr, contact } = intake::details_from(&a);
            let text = (app.words().participants.details_corrected)(&name);
            app.change(Some(text), |r| r.edit_details(&who, &name, contact, cpr))?;
            app.go(Route::Participant(who.clone()));
            Ok(())
        },
    );
    let form = programme_form(
        app,
        ProgrammeForm::Participant,
        format!("edit-{id}"),
        Ok,
        Some(initial),
        done,
    );
    let back = app.words().participants.back_keep_draft;
    form_screen(app, heading, form, Route::Participant(id), back)
}
