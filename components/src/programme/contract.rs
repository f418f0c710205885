//! The three-way contract of a pair: filled in on the form engine
//! (`forms/contract.json`, three signatures on the same device), then shown
//! as a document to print for all three, with the SHA-256 of the signed
//! text so a later change is visible.

use super::forms::programme_form;
use super::ui::pair_form_screen;
use super::{name_of, App, Route};
use crate::common::html::set_markup;
use crate::common::today::today;
use leptos::prelude::*;
use lokalform_forms::answers::{Answers, Value};
use lokalform_programme::form_ids::contract as ids;
use lokalform_programme::{
    self as intake, CoffeeCard, Contract, Frequency, Pair, Party, ProgrammeForm,
};

/// The contract part of a pair's screen: a button to fill it in, or the
/// document.
pub fn section(app: App, pair: &Pair, peer: &str, mentor: &str) -> impl IntoView {
    let id = pair.id.clone();
    let body = match &pair.contract {
        None if pair.exit.is_none() => view! {
            <p>{app.words().contract.not_filled}</p>
            <button type="button" class="button" on:click=move |_| app.go(Route::Contract(id.clone()))>{app.words().contract.fill_in}</button>
        }
        .into_any(),
        None => view! { <p class="muted">{app.words().contract.no_contract}</p> }.into_any(),
        Some(c) if pair.exit.is_none() => view! {
            {document(app, pair, c, peer, mentor)}
            <p class="help no-print">{app.words().contract.new_version_help}</p>
            <div class="actions no-print">
                <button type="button" class="button button-secondary" on:click=move |_| app.go(Route::Contract(id.clone()))>{app.words().contract.new_version}</button>
            </div>
        }
        .into_any(),
        Some(c) => document(app, pair, c, peer, mentor).into_any(),
    };
    view! {
        <section aria-labelledby="lp-contract">
            <h3 class="step-title no-print" id="lp-contract">{app.words().contract.heading}</h3>
            {body}
        </section>
    }
}

/// The contract of `pair` as a document: what was agreed (with the end
/// date as it is now, moved for pauses and extended when both agreed),
/// where to get help, the three signatures (and the day the contract was
/// entered, when later) and the hash of the signed text, with a button to
/// print it.
pub fn document(app: App, pair: &Pair, c: &Contract, peer: &str, mentor: &str) -> impl IntoView {
    let hash = c.content_hash(peer, mentor);
    let yes_no = |b: bool| {
        if b {
            app.words().contract.yes
        } else {
            app.words().frame.no
        }
    };
    let goals = |list: &[String]| {
        if list.is_empty() {
            return view! { <p class="muted">{app.words().contract.no_goals}</p> }.into_any();
        }
        let items = list
            .iter()
            .map(|g| view! { <li>{g.clone()}</li> })
            .collect_view();
        view! { <ol>{items}</ol> }.into_any()
    };
    let signatures = [Party::Peer, Party::Mentor, Party::ProjectLeader]
        .into_iter()
        .map(|who| {
            let role = match who {
                Party::Peer => app.words().frame.peer,
                Party::Mentor => app.words().frame.peer_mentor,
                Party::ProjectLeader => app.words().contract.project_leader,
            };
            let signed = c.signatures.iter().find(|s| s.who == who);
            let drawing = signed.filter(|s| !s.drawing.is_empty()).map(|s| {
                view! {
                    <svg class="signature-drawing" viewBox="0 0 300 100" role="img" aria-label=(app.words().contract.signature_of)(&s.name)>
                        <path d=s.drawing.clone() />
                    </svg>
                }
            });
            let line = signed.map_or_else(
                || app.words().contract.not_signed.to_string(),
                |s| format!("{} · {}", s.name, s.date.danish()),
            );
            view! {
                <div class="signature-block">
                    {drawing}
                    <p class="signature-line">{line}</p>
                    <p class="muted">{role}</p>
                </div>
            }
        })
        .collect_view();
    let frequency = match c.frequency {
        Frequency::Weekly => app.words().contract.weekly,
        Frequency::Fortnightly => app.words().contract.fortnightly,
    };
    let end = pair.due().map(|d| d.danish()).unwrap_or_default();
    let life = &app.words().life;
    let coffee = match c.coffee_card {
        CoffeeCard::Both => life.coffee_both,
        CoffeeCard::PeerOnly => life.coffee_peer_only,
        CoffeeCard::MentorOnly => life.coffee_mentor_only,
        CoffeeCard::Neither => life.coffee_neither,
    };
    let moved = if pair.end_moved_days > 0 {
        format!(" {}", (life.end_moved_days)(pair.end_moved_days))
    } else {
        String::new()
    };
    // After the signatures: the day the contract was entered, when later.
    let mut entered = String::new();
    if let Some(d) = c.entered {
        crate::common::html::element(&mut entered, "p", "muted", &(life.entered_on)(&d.danish()));
    }
    let leader = c
        .signatures
        .iter()
        .find(|s| s.who == Party::ProjectLeader)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    // What was agreed: fixed, so as escaped HTML (cheaper in wasm).
    let words = &app.words().contract;
    let duration = if c.extended {
        (words.extended_duration)(&end)
    } else {
        (words.usual_duration)(&end)
    } + &moved;
    let mut contact = yes_no(c.contact_between_meetings).to_string();
    if !c.contact_how_often.trim().is_empty() {
        contact.push_str(&format!(": {}", c.contact_how_often));
    }
    let agreed = super::ui::facts_html(&[
        (words.start, &c.start.danish()),
        (words.duration, &duration),
        (words.we_meet, &(words.meeting_place)(frequency)),
        (words.cancellations, words.cancellations_go),
        (words.contact_between, &contact),
        (life.coffee_card, coffee),
        (life.leader_phone, &c.leader_phone),
        (life.crisis_help, &c.crisis_help),
    ]);
    view! {
        <article class="contract-doc" aria-labelledby="lp-contract-title">
            <h3 class="doc-title" id="lp-contract-title">{app.words().contract.title}</h3>
            <p class="doc-parties">{(app.words().contract.parties)(peer, mentor, &leader)}</p>
            <h4 class="sub-heading">{app.words().contract.peer_goals}</h4>
            {goals(&c.peer_goals)}
            <h4 class="sub-heading">{app.words().contract.mentor_goals}</h4>
            {goals(&c.mentor_goals)}
            <h4 class="sub-heading">{app.words().contract.agreed}</h4>
            <div use:set_markup=agreed></div>
            <div class="signatures">{signatures}</div>
            <div use:set_markup=entered></div>
            <p class="doc-hash">{app.words().contract.checksum}" "<code class="hash">{hash}</code></p>
            <p class="help">{app.words().contract.checksum_help}</p>
        </article>
        <div class="actions no-print">
            <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>{app.words().contract.print}</button>
        </div>
    }
}

/// The contract form of pair `id`: the names filled in; the result becomes
/// the pair's contract.
pub fn contract_form(app: App, id: String) -> impl IntoView {
    let (leader, phone, crisis) = app.settings.with_value(|s| {
        (
            s.leader.clone(),
            s.leader_phone.clone(),
            s.crisis_help.clone(),
        )
    });
    let mut initial = app
        .registry
        .with_untracked(|r| intake::contract_prefill(r, &id, &leader))
        .unwrap_or_default();
    // The signing day is today unless set earlier; the page's phone and
    // crisis line unless a contract before had its own.
    initial.set(ids::SIGNING_DATE, Value::Text(today().danish()));
    for (field, value) in [(ids::LEADER_PHONE, phone), (ids::CRISIS_HELP, crisis)] {
        if initial.get(field).is_none() && !value.trim().is_empty() {
            initial.set(field, Value::Text(value.trim().to_string()));
        }
    }
    let names = app.registry.with_untracked(|r| {
        r.pair(&id)
            .map(|p| (name_of(r, &p.peer), name_of(r, &p.mentor)))
    });
    let (peer, mentor) = names.unwrap_or_default();
    let heading = (app.words().contract.form_heading)(&super::pair_label(app, &peer, &mentor));
    let pair = id.clone();
    let done = Callback::new(
        move |(_, answers): (std::sync::Arc<lokalform_forms::schema::Form>, Answers)| {
            let contract = intake::contract_from(&answers, today())
                .map_err(|e| e.message(app.lang.get_untracked()))?;
            let text = (app.words().contract.signed_notice)(&peer, &mentor);
            app.change(Some(text), |r| r.set_contract(&pair, contract))?;
            app.go(Route::Pair(pair.clone()));
            Ok(())
        },
    );
    let form = programme_form(
        app,
        ProgrammeForm::Contract,
        format!("contract-{id}"),
        Ok,
        Some(initial),
        done,
    );
    pair_form_screen(app, id, heading, form)
}
