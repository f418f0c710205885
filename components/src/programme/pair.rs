//! One pair: the contract, meetings and cancellations, pause and resume
//! (moving the end date when the two want it), the extension both agree
//! to, the exit conversation and what came of it, corrections with their
//! reasons, and the pair's history of changes.

use super::matching::pair_state;
use super::ui::{correction, problem_line, radio, DateInput};
use super::{contract, name_of, App, Route};
use crate::common::today::today;
use leptos::ev;
use leptos::prelude::*;
use lokalform_programme::{Change, Exit, Meeting, MeetingKind, Next, Pair, Party};

/// Who cancelled, in words.
pub fn party_name(app: App, party: Party) -> &'static str {
    match party {
        Party::Peer => app.words().pairs.by_peer,
        Party::Mentor => app.words().pairs.by_mentor,
        Party::ProjectLeader => app.words().pairs.by_leader,
    }
}

/// The pair's screen.
pub fn detail(app: App, id: String) -> impl IntoView {
    let found = app.registry.with_untracked(|r| {
        r.pair(&id)
            .cloned()
            .map(|p| (name_of(r, &p.peer), name_of(r, &p.mentor), p))
    });
    let Some((peer, mentor, pair)) = found else {
        return view! {
            <h2 class="title" id="lp-heading" tabindex="-1">{app.words().pairs.not_found}</h2>
            <button type="button" class="button" on:click=move |_| app.go(Route::Matching)>{app.words().pairs.back_to_matching}</button>
        }
        .into_any();
    };
    let active = pair.exit.is_none();
    let facts = view! {
        <dl class="facts no-print">
            <dt>{app.words().frame.peer}</dt><dd>{peer.clone()}</dd>
            <dt>{app.words().frame.peer_mentor}</dt><dd>{mentor.clone()}</dd>
            <dt>{app.words().pairs.formed}</dt><dd>{pair.formed.danish()}</dd>
            <dt>{app.words().pairs.ends}</dt><dd>{pair.due().map(|d| d.danish()).unwrap_or_default()}
                {pair.contract.as_ref().filter(|c| c.extended).map(|_| format!(" ({})", app.words().pairs.extended))}</dd>
            <dt>{app.words().pairs.status}</dt><dd>{pair_state(app, &pair)}</dd>
            <dt>{app.words().pairs.meetings_held}</dt><dd>{pair.held()}</dd>
            <dt>{app.words().pairs.meetings_cancelled}</dt><dd>{pair.cancelled(None)}</dd>
        </dl>
    };
    view! {
        <h2 class="title" id="lp-heading" tabindex="-1">{super::pair_label(app, &peer, &mentor)}</h2>
        {facts}
        {contract::section(app, &pair, &peer, &mentor)}
        {meetings(app, &pair)}
        {active.then(|| pause_and_extend(app, &pair, &peer, &mentor))}
        {exit_section(app, &pair, &peer, &mentor)}
        {active.then(|| corrections(app, &pair, &peer, &mentor))}
        {history(app, &pair)}
        <div class="actions no-print">
            <button type="button" class="button button-secondary" on:click=move |_| app.go(Route::Matching)>{app.words().pairs.back_to_matching}</button>
        </div>
    }
    .into_any()
}

/// The meeting log and a form to add to it.
fn meetings(app: App, pair: &Pair) -> impl IntoView {
    let rows = pair
        .meetings
        .iter()
        .map(|m| {
            let what = match m.kind {
                MeetingKind::Held => app.words().pairs.held.to_string(),
                MeetingKind::Cancelled { by } => {
                    (app.words().pairs.cancelled_by)(party_name(app, by))
                }
            };
            view! { <tr><td>{m.date.danish()}</td><td>{what}</td><td>{m.note.clone()}</td></tr> }
        })
        .collect_view();
    let empty = pair.meetings.is_empty();
    let date = DateInput::new("lp-meeting-date", today().danish());
    let kind = RwSignal::new("held".to_string());
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let id = pair.id.clone();
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let Some(when) = date.read(app) else {
            return;
        };
        let kind = match kind.get_untracked().as_str() {
            "peer" => MeetingKind::Cancelled { by: Party::Peer },
            "mentor" => MeetingKind::Cancelled { by: Party::Mentor },
            "leader" => MeetingKind::Cancelled {
                by: Party::ProjectLeader,
            },
            _ => MeetingKind::Held,
        };
        let meeting = Meeting {
            date: when,
            kind,
            note: note.get_untracked().trim().to_string(),
        };
        let done = match kind {
            MeetingKind::Held => (app.words().pairs.meeting_recorded)(&when.danish()),
            MeetingKind::Cancelled { .. } => {
                (app.words().pairs.cancellation_recorded)(&when.danish())
            }
        };
        match app.change(Some(done), |r| r.log_meeting(&id, meeting)) {
            Ok(()) => app.go(Route::Pair(id.clone())),
            Err(e) => problem.set(Some(e)),
        }
    };
    let active = pair.exit.is_none();
    view! {
        <section aria-labelledby="lp-meetings" class="no-print">
            <h3 class="step-title" id="lp-meetings">{app.words().pairs.meetings_heading}</h3>
            {if empty {
                view! { <p class="muted">{app.words().pairs.no_meetings}</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <caption class="sr-only">{app.words().pairs.meetings_heading}</caption>
                        <thead><tr><th scope="col">{app.words().pairs.date}</th><th scope="col">{app.words().pairs.what_happened}</th><th scope="col">{app.words().pairs.note}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
            {active.then(|| view! {
                <form novalidate on:submit=submit class="subform no-print">
                    {problem_line(app, problem)}
                    {date.view(app, app.words().pairs.meeting_date)}
                    <fieldset class="field">
                        <legend class="label">{app.words().pairs.was_held}</legend>
                        {radio("lp-meeting", "held", app.words().pairs.yes_held, kind)}
                        {radio("lp-meeting", "peer", app.words().pairs.no_peer_cancelled, kind)}
                        {radio("lp-meeting", "mentor", app.words().pairs.no_mentor_cancelled, kind)}
                        {radio("lp-meeting", "leader", app.words().pairs.no_leader_cancelled, kind)}
                    </fieldset>
                    <div class="field">
                        <label class="label" for="lp-meeting-note">{app.words().pairs.meeting_note}</label>
                        <input id="lp-meeting-note" class="input" type="text" autocomplete="off"
                            prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
                    </div>
                    <div class="actions"><button type="submit" class="button button-secondary">{app.words().pairs.record}</button></div>
                </form>
            })}
        </section>
    }
}

/// Pause, resume (moving the end date by the pause's days, when the worker
/// ticks it after asking the two), the extension both agree to, and its
/// undo.
fn pause_and_extend(app: App, pair: &Pair, peer: &str, mentor: &str) -> impl IntoView {
    let paused = pair.is_paused();
    let extended = pair.contract.as_ref().is_some_and(|c| c.extended);
    let can_extend = pair.contract.is_some() && !extended;
    let date = DateInput::new("lp-pause-date", today().danish());
    let problem = RwSignal::new(None::<String>);
    let move_end = RwSignal::new(false);
    let id = pair.id.clone();
    // The pause's days up to the resume date typed (0 while it does not read).
    let pause_from = pair.pauses.last().map(|(from, _)| *from);
    let days = move || {
        let to = lokalform_text::date::Date::parse_danish(date.value.get().trim()).ok();
        match (pause_from, to) {
            (Some(from), Some(to)) => u32::try_from(from.days_until(to)).unwrap_or(0),
            _ => 0,
        }
    };
    let toggle = {
        let id = id.clone();
        move |ev: ev::SubmitEvent| {
            ev.prevent_default();
            let Some(when) = date.read(app) else {
                return;
            };
            let result = if !paused {
                app.change(Some((app.words().pairs.paused_from)(&when.danish())), |r| {
                    r.pause(&id, when)
                })
            } else if move_end.get_untracked() {
                app.change(None, |r| {
                    r.resume_moving_end(&id, when)?;
                    Ok(r.pair(&id).and_then(Pair::due))
                })
                .map(|end| {
                    let end = end.map(|d| d.danish()).unwrap_or_default();
                    let moved = (app.words().life.end_moved)(days(), &end);
                    app.notice.set(Some(format!(
                        "{} {moved}",
                        (app.words().pairs.resumed_from)(&when.danish())
                    )));
                })
            } else {
                app.change(
                    Some((app.words().pairs.resumed_from)(&when.danish())),
                    |r| r.resume(&id, when),
                )
            };
            match result {
                Ok(()) => app.go(Route::Pair(id.clone())),
                Err(e) => problem.set(Some(e)),
            }
        }
    };
    let confirm_extend = RwSignal::new(false);
    let extended_end = pair
        .contract
        .as_ref()
        .and_then(|_| {
            let mut p = pair.clone();
            p.contract.as_mut()?.extended = true;
            p.due()
        })
        .map(|d| d.danish())
        .unwrap_or_default();
    let confirm_text = (app.words().life.confirm_extend)(peer, mentor, &extended_end);
    let ask_extend = move |_| {
        confirm_extend.set(true);
        let root = app.root;
        request_animation_frame(move || crate::common::focus::focus_id(root, "lp-extend-yes"));
    };
    let extend = {
        let id = id.clone();
        move |_| match app.change(None, |r| r.extend(&id, today())) {
            Ok(end) => {
                let end = end.map(|d| d.danish()).unwrap_or_default();
                app.notice.set(Some((app.words().pairs.extended_to)(&end)));
                app.go(Route::Pair(id.clone()));
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    let undo_extension = {
        let id = id.clone();
        Callback::new(move |reason: String| {
            let end = app.change(None, |r| r.undo_extension(&id, &reason, today()))?;
            let end = end.map(|d| d.danish()).unwrap_or_default();
            app.notice
                .set(Some((app.words().life.extension_undone)(&end)));
            app.go(Route::Pair(id.clone()));
            Ok(())
        })
    };
    view! {
        <section aria-labelledby="lp-pause" class="no-print">
            <h3 class="step-title" id="lp-pause">{app.words().pairs.pause_heading}</h3>
            <p class="help">{app.words().pairs.pause_help}</p>
            <form novalidate on:submit=toggle class="subform">
                {problem_line(app, problem)}
                {date.view(app, if paused { app.words().pairs.resumes_from } else { app.words().pairs.pause_from })}
                {paused.then(|| view! {
                    <div class="field">
                        <p class="help" id="lp-move-end-help">{app.words().life.move_end_help}</p>
                        <div class="choice">
                            <input type="checkbox" class="checkbox" id="lp-move-end" aria-describedby="lp-move-end-help"
                                prop:checked=move || move_end.get() on:change=move |ev| move_end.set(event_target_checked(&ev)) />
                            <label for="lp-move-end">{move || (app.words().life.move_end)(days())}</label>
                        </div>
                    </div>
                })}
                <div class="actions">
                    <button type="submit" class="button button-secondary">{if paused { app.words().pairs.resume } else { app.words().pairs.pause }}</button>
                    {can_extend.then(|| view! {
                        <button type="button" class="button button-secondary" on:click=ask_extend>{app.words().pairs.extend}</button>
                    })}
                </div>
            </form>
            {move || confirm_extend.get().then(|| view! {
                <div class="notice notice-warning" role="alert">
                    <p>{confirm_text.clone()}</p>
                    <button type="button" class="button" id="lp-extend-yes" on:click=extend.clone()>{app.words().life.yes_extend}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| confirm_extend.set(false)>{app.words().frame.no}</button>
                </div>
            })}
            {extended.then(|| correction(app, "undo-extension", app.words().life.undo_extension, "", None, undo_extension))}
        </section>
    }
}

/// A "what next" in words.
fn next_name(app: App, next: &Next) -> String {
    let life = &app.words().life;
    match next {
        Next::NewMatch => life.next_new_match.to_string(),
        Next::CafeDuty => life.next_cafe_duty.to_string(),
        Next::BecomeMentor => life.next_become_mentor.to_string(),
        Next::Coordinate => life.next_coordinate.to_string(),
        Next::Pause => life.next_pause.to_string(),
        Next::Stop => life.next_stop.to_string(),
        Next::DontKnow => life.next_dont_know.to_string(),
        Next::Other(text) => text.clone(),
    }
}

/// What came of the exit conversation: its date (and the day it was
/// entered, when later), who took part, what next for each, the note on
/// the after-measurement.
fn exit_facts(app: App, e: &Exit, peer: &str, mentor: &str) -> impl IntoView {
    let life = &app.words().life;
    let nexts = |list: &[Next]| {
        if list.is_empty() {
            life.next_none.to_string()
        } else {
            list.iter()
                .map(|n| next_name(app, n))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let line = |label: String, value: String| {
        (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> })
    };
    view! {
        <p>{(app.words().pairs.exit_held)(&e.date.danish())}" "
            {e.entered.map(|d| (life.entered_on)(&d.danish()))}</p>
        <dl class="facts">
            {line(life.exit_who.to_string(), e.participants.clone())}
            {line((life.next_of)(peer), nexts(&e.next_peer))}
            {line((life.next_of)(mentor), nexts(&e.next_mentor))}
            {line(life.exit_measurement_note.to_string(), e.measurement_note.clone())}
        </dl>
    }
}

/// The exit: a button to hold it, or what came of it and its undo.
fn exit_section(app: App, pair: &Pair, peer: &str, mentor: &str) -> impl IntoView {
    let id = pair.id.clone();
    let held = pair.exit.as_ref().map(|e| {
        let id = id.clone();
        let undo = Callback::new(move |reason: String| {
            let done = app.words().life.exit_undone.to_string();
            app.change(Some(done), |r| r.undo_exit(&id, &reason, today()))?;
            app.go(Route::Pair(id.clone()));
            Ok(())
        });
        view! {
            {exit_facts(app, e, peer, mentor)}
            {correction(app, "undo-exit", app.words().life.undo_exit, app.words().life.undo_exit_help, None, undo)}
        }
    });
    let can_hold = pair.exit.is_none();
    view! {
        <section aria-labelledby="lp-exit" class="no-print">
            <h3 class="step-title" id="lp-exit">{app.words().pairs.exit_heading}</h3>
            {held}
            {can_hold.then(|| view! {
                <p class="help">{app.words().pairs.exit_help}</p>
                <button type="button" class="button" on:click=move |_| app.go(Route::Exit(id.clone()))>{app.words().pairs.start_exit}</button>
            })}
        </section>
    }
}

/// Correcting the date the pair was formed, and undoing a pair formed by
/// mistake (only while it has no contract and no meetings).
fn corrections(app: App, pair: &Pair, peer: &str, mentor: &str) -> impl IntoView {
    let life = &app.words().life;
    let date = DateInput::new("lp-pair-date-new", pair.formed.danish());
    let fix_date = {
        let id = pair.id.clone();
        Callback::new(move |reason: String| {
            let Some(when) = date.read(app) else {
                return Ok(());
            };
            let done = (app.words().life.pair_date_corrected)(&when.danish());
            app.change(Some(done), |r| {
                r.correct_pair_date(&id, when, &reason, today())
            })?;
            app.go(Route::Pair(id.clone()));
            Ok(())
        })
    };
    let undoable = pair.contract.is_none() && pair.meetings.is_empty();
    let undo = {
        let id = pair.id.clone();
        let (peer, mentor) = (peer.to_string(), mentor.to_string());
        Callback::new(move |reason: String| {
            let done = (app.words().life.pair_undone)(&peer, &mentor);
            app.change(Some(done), |r| r.undo_pair(&id, &reason, today()))?;
            app.go(Route::Matching);
            Ok(())
        })
    };
    view! {
        <section aria-labelledby="lp-corrections" class="no-print">
            <h3 class="step-title" id="lp-corrections">{life.corrections}</h3>
            <div class="actions">
                {correction(app, "correct-pair-date", life.correct_pair_date, "", Some((date, life.new_pair_date)), fix_date)}
                {undoable.then(|| correction(app, "undo-pair", life.undo_pair, life.undo_pair_help, None, undo))}
            </div>
        </section>
    }
}

/// Changes as a list: date, what, and the reason.
pub fn change_list(app: App, changes: &[&Change]) -> impl IntoView {
    let life = &app.words().life;
    changes
        .iter()
        .map(|c| {
            let what = life.change(c.kind, &c.before);
            view! { <li>{(life.change_line)(&c.date.danish(), &what, &c.reason)}</li> }
        })
        .collect_view()
}

/// The pair's changes (extension agreed, end moved, corrections), if any.
fn history(app: App, pair: &Pair) -> impl IntoView {
    let changes: Vec<Change> = app.registry.with_untracked(|r| {
        r.changes
            .iter()
            .filter(|c| c.pair.as_deref() == Some(pair.id.as_str()))
            .cloned()
            .collect()
    });
    (!changes.is_empty()).then(|| {
        let refs: Vec<&Change> = changes.iter().collect();
        view! {
            <section aria-labelledby="lp-pair-history" class="no-print">
                <h3 class="step-title" id="lp-pair-history">{app.words().life.pair_history}</h3>
                <ul>{change_list(app, &refs)}</ul>
            </section>
        }
    })
}
