//! One pair: the contract, meetings and cancellations, pause and resume
//! (moving the end date when the two want it), the extension both agree
//! to, the exit conversation and what came of it, corrections with their
//! reasons, and the pair's history of changes.

use super::matching::pair_state;
use super::ui::{correction, facts_html, list_html, problem_line, radio, DateInput};
use super::{contract, name_of, App, Route};
use crate::common::html::set_markup;
use crate::common::today::today;
use leptos::ev;
use leptos::prelude::*;
use lokalform_programme::{Change, Exit, Meeting, MeetingKind, Pair, Party};

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
    // Fixed facts, so as escaped HTML (cheaper in wasm than view markup).
    let words = &app.words().pairs;
    let mut ends = pair.due().map(|d| d.danish()).unwrap_or_default();
    if pair.contract.as_ref().is_some_and(|c| c.extended) {
        ends.push_str(&format!(" ({})", words.extended));
    }
    let facts = facts_html(&[
        (app.words().frame.peer, &peer),
        (app.words().frame.peer_mentor, &mentor),
        (words.formed, &pair.formed.danish()),
        (words.ends, &ends),
        (words.status, pair_state(app, &pair)),
        (words.meetings_held, &pair.held().to_string()),
        (words.meetings_cancelled, &pair.cancelled(None).to_string()),
    ]);
    view! {
        <h2 class="title" id="lp-heading" tabindex="-1">{super::pair_label(app, &peer, &mentor)}</h2>
        <div class="no-print" use:set_markup=facts></div>
        {contract::section(app, &pair, &peer, &mentor)}
        {meetings(app, &pair)}
        {active.then(|| pause_and_extend(app, &pair, &peer, &mentor))}
        {exit_section(app, &pair)}
        {changes(app, &pair, &peer, &mentor)}
        <div class="actions no-print">
            <button type="button" class="button button-secondary" on:click=move |_| app.go(Route::Matching)>{app.words().pairs.back_to_matching}</button>
        </div>
    }
    .into_any()
}

/// The meeting log and a form to add to it.
fn meetings(app: App, pair: &Pair) -> impl IntoView {
    // Fixed rows, so as escaped HTML (cheaper in wasm than view markup).
    let mut rows = String::new();
    for m in &pair.meetings {
        let what = match m.kind {
            MeetingKind::Held => app.words().pairs.held.to_string(),
            MeetingKind::Cancelled { by } => (app.words().pairs.cancelled_by)(party_name(app, by)),
        };
        rows.push_str("<tr>");
        for cell in [m.date.danish(), what, m.note.clone()] {
            crate::common::html::element(&mut rows, "td", "", &cell);
        }
        rows.push_str("</tr>");
    }
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
                        <tbody use:set_markup=rows></tbody>
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
    let due = pair.due();
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
                let days = days();
                let end = due
                    .and_then(|d| d.add_days(i32::try_from(days).ok()?))
                    .map(|d| d.danish())
                    .unwrap_or_default();
                let done = (app.words().life.end_moved)(days, &end);
                app.change(Some(done), |r| r.resume_moving_end(&id, when))
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
                            <label for="lp-move-end">{app.words().life.move_end}</label>
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
            {extended.then(|| correction(app, "undo-extension".into(), app.words().life.undo_extension, "", undo_extension))}
        </section>
    }
}

/// What came of the exit conversation: its date (and the day it was
/// entered, when later), who took part and the note on the
/// after-measurement (what next shows in each person's status); fixed, so
/// as escaped HTML.
fn exit_facts(app: App, e: &Exit) -> String {
    let life = &app.words().life;
    let mut held = (app.words().pairs.exit_held)(&e.date.danish());
    if let Some(d) = e.entered {
        held.push(' ');
        held.push_str(&(life.entered_on)(&d.danish()));
    }
    let mut out = String::new();
    crate::common::html::element(&mut out, "p", "", &held);
    out.push_str(&facts_html(&[
        (life.exit_who, &e.participants),
        (life.exit_measurement_note, &e.measurement_note),
    ]));
    out
}

/// The exit: a button to hold it, or what came of it and its undo.
fn exit_section(app: App, pair: &Pair) -> impl IntoView {
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
            <div use:set_markup=exit_facts(app, e)></div>
            {correction(app, "undo-exit".into(), app.words().life.undo_exit, app.words().life.undo_exit_help, undo)}
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

/// Changes as lines: date, what, and the reason.
pub fn change_lines(app: App, changes: &[&Change]) -> Vec<String> {
    let life = &app.words().life;
    changes
        .iter()
        .map(|c| (life.change_line)(&c.date.danish(), &life.change(c.kind, &c.before), &c.reason))
        .collect()
}

/// The pair's changes (extension agreed, end moved, corrections) and,
/// while the pair has no contract and no meetings, undoing a pair formed
/// by mistake (both wait for a match again).
fn changes(app: App, pair: &Pair, peer: &str, mentor: &str) -> impl IntoView {
    let lines = app.registry.with_untracked(|r| {
        let changes: Vec<&Change> = r
            .changes
            .iter()
            .filter(|c| c.pair.as_deref() == Some(pair.id.as_str()))
            .collect();
        change_lines(app, &changes)
    });
    let undoable = pair.exit.is_none() && pair.contract.is_none() && pair.meetings.is_empty();
    let undo = undoable.then(|| {
        let id = pair.id.clone();
        let (peer, mentor) = (peer.to_string(), mentor.to_string());
        let act = Callback::new(move |reason: String| {
            let done = (app.words().life.pair_undone)(&peer, &mentor);
            app.change(Some(done), |r| r.undo_pair(&id, &reason, today()))?;
            app.go(Route::Matching);
            Ok(())
        });
        let life = &app.words().life;
        correction(
            app,
            "undo-pair".into(),
            life.undo_pair,
            life.undo_pair_help,
            act,
        )
    });
    (undoable || !lines.is_empty()).then(|| {
        view! {
            <section aria-labelledby="lp-pair-history" class="no-print">
                <h3 class="step-title" id="lp-pair-history">{app.words().life.pair_history}</h3>
                <div use:set_markup=list_html(&lines)></div>
                {undo}
            </section>
        }
    })
}
