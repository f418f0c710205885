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
        Party::Peer => app.t("peeren", "the peer"),
        Party::Mentor => app.t("peer-mentoren", "the peer mentor"),
        Party::ProjectLeader => app.t("projektlederen", "the project leader"),
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
            <h2 class="title" id="lp-heading" tabindex="-1">{app.t("Parret findes ikke", "The pair does not exist")}</h2>
            <button type="button" class="button" on:click=move |_| app.go(Route::Matching)>{app.t("Tilbage til match og par", "Back to matching and pairs")}</button>
        }
        .into_any();
    };
    let active = pair.exit.is_none();
    let facts = view! {
        <dl class="facts no-print">
            <dt>{app.t("Peer", "Peer")}</dt><dd>{peer.clone()}</dd>
            <dt>{app.t("Peer-mentor", "Peer mentor")}</dt><dd>{mentor.clone()}</dd>
            <dt>{app.t("Dannet", "Formed")}</dt><dd>{pair.formed.danish()}</dd>
            <dt>{app.t("Slutter", "Ends")}</dt><dd>{pair.due().map(|d| d.danish()).unwrap_or_default()}
                {pair.contract.as_ref().filter(|c| c.extended).map(|_| format!(" ({})", app.t("forlænget med 3 måneder", "extended by 3 months")))}</dd>
            <dt>{app.t("Status", "Status")}</dt><dd>{pair_state(app, &pair)}</dd>
            <dt>{app.t("Møder holdt", "Meetings held")}</dt><dd>{pair.held()}</dd>
            <dt>{app.t("Aflyste møder", "Meetings cancelled")}</dt><dd>{pair.cancelled(None)}</dd>
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
            <button type="button" class="button button-secondary" on:click=move |_| app.go(Route::Matching)>{app.t("Tilbage til match og par", "Back to matching and pairs")}</button>
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
                MeetingKind::Held => app.t("Holdt", "Held").to_string(),
                MeetingKind::Cancelled { by } => format!(
                    "{} {}",
                    app.t("Aflyst af", "Cancelled by"),
                    party_name(app, by)
                ),
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
            MeetingKind::Held => format!(
                "{} {}.",
                app.t("Mødet er registreret:", "The meeting is recorded:"),
                when.danish()
            ),
            MeetingKind::Cancelled { .. } => format!(
                "{} {}.",
                app.t(
                    "Aflysningen er registreret:",
                    "The cancellation is recorded:"
                ),
                when.danish()
            ),
        };
        match app.change(Some(done), |r| r.log_meeting(&id, meeting)) {
            Ok(()) => app.go(Route::Pair(id.clone())),
            Err(e) => problem.set(Some(e)),
        }
    };
    let active = pair.exit.is_none();
    view! {
        <section aria-labelledby="lp-meetings" class="no-print">
            <h3 class="step-title" id="lp-meetings">{app.t("Møder og aflysninger", "Meetings and cancellations")}</h3>
            {if empty {
                view! { <p class="muted">{app.t("Ingen møder registreret endnu.", "No meetings recorded yet.")}</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <caption class="sr-only">{app.t("Møder og aflysninger", "Meetings and cancellations")}</caption>
                        <thead><tr><th scope="col">{app.t("Dato", "Date")}</th><th scope="col">{app.t("Hvad skete der", "What happened")}</th><th scope="col">{app.t("Note", "Note")}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
            {active.then(|| view! {
                <form novalidate on:submit=submit class="subform no-print">
                    {problem_line(app, problem)}
                    {date.view(app, app.t("Dato for mødet", "Date of the meeting"))}
                    <fieldset class="field">
                        <legend class="label">{app.t("Blev mødet holdt?", "Did the meeting take place?")}</legend>
                        {radio("lp-meeting", "held", app.t("Ja, mødet blev holdt", "Yes, it took place"), kind)}
                        {radio("lp-meeting", "peer", app.t("Nej, aflyst af peeren", "No, cancelled by the peer"), kind)}
                        {radio("lp-meeting", "mentor", app.t("Nej, aflyst af peer-mentoren", "No, cancelled by the peer mentor"), kind)}
                        {radio("lp-meeting", "leader", app.t("Nej, aflyst af projektlederen", "No, cancelled by the project leader"), kind)}
                    </fieldset>
                    <div class="field">
                        <label class="label" for="lp-meeting-note">{app.t("Note (valgfri)", "Note (optional)")}</label>
                        <input id="lp-meeting-note" class="input" type="text" autocomplete="off"
                            prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
                    </div>
                    <div class="actions"><button type="submit" class="button button-secondary">{app.t("Registrer", "Record")}</button></div>
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
                    Some(format!(
                        "{} {}.",
                        app.t(
                            "Forløbet er genoptaget fra den",
                            "The relationship is resumed from"
                        ),
                        when.danish()
                    )),
                    |r| r.resume(&id, when),
                )
            } else {
                app.change(
                    Some(format!(
                        "{} {}.",
                        app.t(
                            "Forløbet er sat på pause fra den",
                            "The relationship is paused from"
                        ),
                        when.danish()
                    )),
                    |r| r.pause(&id, when),
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
            app.notice.set(Some(format!(
                "{} {end}.",
                app.t(
                    "Forløbet er forlænget med 3 måneder til",
                    "The relationship is extended by 3 months to"
                )
            )));
            app.go(Route::Pair(id.clone()));
        }
        Err(e) => problem.set(Some(e)),
    };
    view! {
        <section aria-labelledby="lp-pause" class="no-print">
            <h3 class="step-title" id="lp-pause">{app.t("Pause og forlængelse", "Pause and extension")}</h3>
            <p class="help">{app.t(
                "Et forløb kan holde pause, fx ved tilbagefald, nyt job eller praktik. Kontrakten kan forlænges én gang med 3 måneder, hvis begge ønsker det.",
                "A relationship can pause, e.g. after a relapse, a new job or an internship. The contract can be extended once by 3 months if both want it.")}</p>
            <form novalidate on:submit=toggle class="subform">
                {problem_line(app, problem)}
                {date.view(app, if paused { app.t("Genoptages fra", "Resumes from") } else { app.t("Pause fra", "Pause from") })}
                <div class="actions">
                    <button type="submit" class="button button-secondary">{if paused { app.t("Genoptag forløbet", "Resume the relationship") } else { app.t("Sæt forløbet på pause", "Pause the relationship") }}</button>
                    {can_extend.then(|| view! {
                        <button type="button" class="button button-secondary" on:click=ask_extend>{app.t("Forlæng med 3 måneder", "Extend by 3 months")}</button>
                    })}
                </div>
            </form>
            {move || confirm_extend.get().then(|| view! {
                <div class="notice notice-warning" role="alert">
                    <p>{format!("{} {}? {}", app.t("Vil I forlænge forløbet med 3 måneder til", "Do you want to extend the relationship by 3 months to"), extended_end.clone(),
                        app.t("Det kan kun ske én gang og kan ikke fortrydes.", "This can be done only once and cannot be undone."))}</p>
                    <button type="button" class="button" id="lp-extend-yes" on:click=extend.clone()>{app.t("Ja, forlæng", "Yes, extend")}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| confirm_extend.set(false)>{app.t("Nej", "No")}</button>
                </div>
            })}
        </section>
    }
}

/// The exit: a button to hold it, or what was agreed.
fn exit_section(app: App, pair: &Pair) -> impl IntoView {
    let id = pair.id.clone();
    let held = pair.exit.as_ref().map(|e| {
        view! { <p>{format!("{} {}.", app.t("Exitsamtalen blev holdt", "The exit conversation was held on"), e.date.danish())}</p> }
    });
    let can_hold = pair.exit.is_none();
    view! {
        <section aria-labelledby="lp-exit" class="no-print">
            <h3 class="step-title" id="lp-exit">{app.t("Exitsamtale", "Exit conversation")}</h3>
            {held}
            {can_hold.then(|| view! {
                <p class="help">{app.t("Ved exitsamtalen følger I op på målene i kontrakten og tager eftermålingen.", "At the exit conversation you follow up on the goals in the contract and take the after-measurement.")}</p>
                <button type="button" class="button" on:click=move |_| app.go(Route::Exit(id.clone()))>{app.t("Start exitsamtalen", "Start the exit conversation")}</button>
            })}
        </section>
    }
}
