//! Matching: the waiting peers and mentors side by side with their wishes
//! and what they said at recruitment about hopes, interests and
//! availability; forming a pair, and the list of pairs.

use super::answers::{facts, Scope};
use super::ui::{problem_line, DateInput};
use super::{name_of, new_id, App, Route};
use crate::common::today::today;
use leptos::ev;
use leptos::prelude::*;
use lokalform_programme::{Pair, Participant, Registry, Role, Status};

/// The state of a pair, in words.
pub fn pair_state(app: App, pair: &Pair) -> &'static str {
    if pair.exit.is_some() {
        app.words().pairs.state_ended
    } else if pair.is_paused() {
        app.words().pairs.state_paused
    } else if pair.contract.is_none() {
        app.words().pairs.state_no_contract
    } else {
        app.words().pairs.state_under_way
    }
}

fn waiting_card(app: App, r: &Registry, p: &Participant) -> impl IntoView {
    let since = p
        .history
        .iter()
        .rev()
        .find(|e| e.to == Status::WaitingForMatch)
        .map_or(p.recruited, |e| e.date);
    let wishes = p
        .wishes
        .iter()
        .map(|w| {
            let with = w
                .match_with
                .as_deref()
                .map(|id| format!(" → {}", name_of(r, id)))
                .unwrap_or_default();
            view! { <li>{format!("{}{with} ({})", w.text, w.date.danish())}</li> }
        })
        .collect_view();
    let id = p.id.clone();
    view! {
        <li class="card">
            <p class="card-title"><button type="button" class="link" on:click=move |_| app.go(Route::Participant(id.clone()))>{p.name.clone()}</button></p>
            <p class="muted">{(app.words().pairs.waiting_since)(&since.danish())}</p>
            {if p.wishes.is_empty() {
                view! { <p class="muted">{app.words().pairs.no_wishes}</p> }.into_any()
            } else {
                view! { <ul class="wishes">{wishes}</ul> }.into_any()
            }}
            {facts(app, p.recruitment.as_ref(), Scope::Matching)}
        </li>
    }
}

/// The matching overview.
pub fn overview(app: App) -> impl IntoView {
    let column = move |role: Role, id: &'static str, heading: &'static str| {
        let cards = app.registry.with_untracked(|r| {
            r.participants
                .iter()
                .filter(|p| p.role == role && p.status == Status::WaitingForMatch)
                .map(|p| waiting_card(app, r, p))
                .collect_view()
        });
        let none = app.registry.with_untracked(|r| {
            !r.participants
                .iter()
                .any(|p| p.role == role && p.status == Status::WaitingForMatch)
        });
        view! {
            <section class="column" aria-labelledby=id>
                <h3 class="step-title" id=id>{heading}</h3>
                {none.then(|| view! { <p class="muted">{app.words().pairs.no_one_waiting}</p> })}
                <ul class="cards">{cards}</ul>
            </section>
        }
    };
    view! {
        <h2 class="title" id="lp-heading" tabindex="-1">{app.words().pairs.heading}</h2>
        <div class="columns">
            {column(Role::Peer, "lp-waiting-peers", app.words().pairs.peers_waiting)}
            {column(Role::Mentor, "lp-waiting-mentors", app.words().pairs.mentors_waiting)}
        </div>
        {form_pair(app)}
        {pairs(app)}
    }
}

/// Choosing a peer and a mentor, and the date.
fn form_pair(app: App) -> impl IntoView {
    let waiting = move |role: Role| {
        app.registry.with_untracked(|r| {
            r.participants
                .iter()
                .filter(|p| p.role == role && p.status == Status::WaitingForMatch)
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let (peers, mentors) = (waiting(Role::Peer), waiting(Role::Mentor));
    if peers.is_empty() || mentors.is_empty() {
        return view! {
            <p class="muted">{app.words().pairs.pair_needs_both}</p>
        }
        .into_any();
    }
    let peer = RwSignal::new(String::new());
    let mentor = RwSignal::new(String::new());
    let date = DateInput::new("lp-pair-date", today().danish());
    let problem = RwSignal::new(None::<String>);
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let (p, m) = (peer.get_untracked(), mentor.get_untracked());
        if p.is_empty() || m.is_empty() {
            problem.set(Some(app.words().pairs.choose_both.into()));
            return;
        }
        let Some(when) = date.read(app) else {
            return;
        };
        let id = new_id("pair");
        let names = app
            .registry
            .with_untracked(|r| (name_of(r, &p), name_of(r, &m)));
        let done = (app.words().pairs.pair_formed)(&names.0, &names.1);
        match app.change(Some(done), |r| r.form_pair(&id, &p, &m, when)) {
            Ok(()) => app.go(Route::Pair(id)),
            Err(e) => problem.set(Some(e)),
        }
    };
    let options = |list: Vec<(String, String)>| {
        list.into_iter()
            .map(|(id, name)| view! { <option value=id>{name}</option> })
            .collect_view()
    };
    view! {
        <section aria-labelledby="lp-form-pair">
            <h3 class="step-title" id="lp-form-pair">{app.words().pairs.form_pair_heading}</h3>
            <form novalidate on:submit=submit class="subform">
                {problem_line(app, problem)}
                <div class="field">
                    <label class="label" for="lp-pair-peer">{app.words().frame.peer}</label>
                    <select id="lp-pair-peer" class="input" on:change=move |ev| peer.set(event_target_value(&ev))>
                        <option value="">{app.words().pairs.choose}</option>
                        {options(peers)}
                    </select>
                </div>
                <div class="field">
                    <label class="label" for="lp-pair-mentor">{app.words().frame.peer_mentor}</label>
                    <select id="lp-pair-mentor" class="input" on:change=move |ev| mentor.set(event_target_value(&ev))>
                        <option value="">{app.words().pairs.choose}</option>
                        {options(mentors)}
                    </select>
                </div>
                {date.view(app, app.words().pairs.date)}
                <div class="actions"><button type="submit" class="button">{app.words().pairs.form_pair}</button></div>
            </form>
        </section>
    }
    .into_any()
}

/// Every pair, newest last.
fn pairs(app: App) -> impl IntoView {
    let rows = app.registry.with_untracked(|r| {
        r.pairs
            .iter()
            .map(|pair| {
                let id = pair.id.clone();
                let label = super::pair_label(app, &name_of(r, &pair.peer), &name_of(r, &pair.mentor));
                view! {
                    <tr>
                        <th scope="row"><button type="button" class="link" on:click=move |_| app.go(Route::Pair(id.clone()))>{label}</button></th>
                        <td>{pair.formed.danish()}</td>
                        <td>{pair.due().map(|d| d.danish()).unwrap_or_default()}</td>
                        <td>{pair_state(app, pair)}</td>
                        <td>{pair.held()}</td>
                        <td>{pair.cancelled(None)}</td>
                    </tr>
                }
            })
            .collect_view()
    });
    let none = app.registry.with_untracked(|r| r.pairs.is_empty());
    view! {
        <section aria-labelledby="lp-pairs">
            <h3 class="step-title" id="lp-pairs">{app.words().pairs.pairs_heading}</h3>
            {if none {
                view! { <p class="muted">{app.words().pairs.no_pairs}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="lp-pairs">
                    <table class="table">
                        <thead><tr>
                            <th scope="col">{app.words().pairs.pair}</th>
                            <th scope="col">{app.words().pairs.formed}</th>
                            <th scope="col">{app.words().pairs.ends}</th>
                            <th scope="col">{app.words().pairs.status}</th>
                            <th scope="col">{app.words().pairs.meetings_held}</th>
                            <th scope="col">{app.words().pairs.cancelled}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
