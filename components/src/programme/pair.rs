//! One pair: the contract, meetings and cancellations, pause and resume,
//! the extension, and the way to the exit conversation.

use super::matching::pair_state;
use super::ui::{problem_line, radio, DateInput};
use super::{contract, name_of, App, Route};
use crate::common::today::today;
use leptos::ev;
use leptos::prelude::*;
use lokalform_programme::{Meeting, MeetingKind, Pair, Party};

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
        {active.then(|| pause_and_extend(app, &pair))}
        {exit_section(app, &pair)}
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

/// Pause, resume, and the extension by three months.
fn pause_and_extend(app: App, pair: &Pair) -> impl IntoView {
    let paused = pair.is_paused();
    let can_extend = pair.contract.as_ref().is_some_and(|c| !c.extended);
    let date = DateInput::new("lp-pause-date", today().danish());
    let problem = RwSignal::new(None::<String>);
    let id = pair.id.clone();
    let toggle = {
        let id = id.clone();
        move |ev: ev::SubmitEvent| {
            ev.prevent_default();
            let Some(when) = date.read(app) else {
                return;
            };
            let result = if paused {
                app.change(
                    Some((app.words().pairs.resumed_from)(&when.danish())),
                    |r| r.resume(&id, when),
                )
            } else {
                app.change(Some((app.words().pairs.paused_from)(&when.danish())), |r| {
                    r.pause(&id, when)
                })
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
        .and_then(|c| {
            let mut c = c.clone();
            c.extended = true;
            c.end()
        })
        .map(|d| d.danish())
        .unwrap_or_default();
    let ask_extend = move |_| {
        confirm_extend.set(true);
        let root = app.root;
        request_animation_frame(move || crate::common::focus::focus_id(root, "lp-extend-yes"));
    };
    let extend = move |_| match app.change(None, |r| r.extend(&id)) {
        Ok(end) => {
            let end = end.map(|d| d.danish()).unwrap_or_default();
            app.notice.set(Some((app.words().pairs.extended_to)(&end)));
            app.go(Route::Pair(id.clone()));
        }
        Err(e) => problem.set(Some(e)),
    };
    view! {
        <section aria-labelledby="lp-pause" class="no-print">
            <h3 class="step-title" id="lp-pause">{app.words().pairs.pause_heading}</h3>
            <p class="help">{app.words().pairs.pause_help}</p>
            <form novalidate on:submit=toggle class="subform">
                {problem_line(app, problem)}
                {date.view(app, if paused { app.words().pairs.resumes_from } else { app.words().pairs.pause_from })}
                <div class="actions">
                    <button type="submit" class="button button-secondary">{if paused { app.words().pairs.resume } else { app.words().pairs.pause }}</button>
                    {can_extend.then(|| view! {
                        <button type="button" class="button button-secondary" on:click=ask_extend>{app.words().pairs.extend}</button>
                    })}
                </div>
            </form>
            {move || confirm_extend.get().then(|| view! {
                <div class="notice notice-warning" role="alert">
                    <p>{(app.words().pairs.confirm_extend)(&extended_end)}</p>
                    <button type="button" class="button" id="lp-extend-yes" on:click=extend.clone()>{app.words().pairs.yes_extend}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| confirm_extend.set(false)>{app.words().frame.no}</button>
                </div>
            })}
        </section>
    }
}

/// The exit: a button to hold it, or what was agreed.
fn exit_section(app: App, pair: &Pair) -> impl IntoView {
    let id = pair.id.clone();
    let held = pair.exit.as_ref().map(|e| {
        view! { <p>{(app.words().pairs.exit_held)(&e.date.danish())}</p> }
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
