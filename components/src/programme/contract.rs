//! The three-way contract of a pair: filled in on the form engine
//! (`forms/contract.json`, three signatures on the same device), then shown
//! as a document to print for all three, with the SHA-256 of the signed
//! text so a later change is visible.

use super::forms::programme_form;
use super::ui::pair_form_screen;
use super::{name_of, today, App, Route};
use leptos::prelude::*;
use lokalform_forms::answers::Answers;
use lokalform_programme::{self as intake, Contract, Frequency, Pair, Party, ProgrammeForm};

/// The contract part of a pair's screen: a button to fill it in, or the
/// document.
pub fn section(app: App, pair: &Pair, peer: &str, mentor: &str) -> impl IntoView {
    let id = pair.id.clone();
    let body = match &pair.contract {
        None if pair.exit.is_none() => view! {
            <p>{app.t("Kontrakten er ikke udfyldt endnu. I udfylder den sammen til trepartssamtalen og skriver alle tre under på denne enhed.",
                "The contract is not filled in yet. You fill it in together at the three-way conversation, and all three sign on this device.")}</p>
            <button type="button" class="button" on:click=move |_| app.go(Route::Contract(id.clone()))>{app.t("Udfyld kontrakten", "Fill in the contract")}</button>
        }
        .into_any(),
        None => view! { <p class="muted">{app.t("Parret fik ingen kontrakt.", "The pair had no contract.")}</p> }.into_any(),
        Some(c) if pair.exit.is_none() => view! {
            {document(app, c, peer, mentor)}
            <p class="help no-print">{app.t(
                "Skal kontrakten ændres, laver I en ny udgave. Den skal underskrives af alle tre igen og får en ny kontrolsum.",
                "If the contract must change, you make a new version. All three sign it again, and it gets a new checksum.")}</p>
            <div class="actions no-print">
                <button type="button" class="button button-secondary" on:click=move |_| app.go(Route::Contract(id.clone()))>{app.t("Lav en ny udgave af kontrakten", "Make a new version of the contract")}</button>
            </div>
        }
        .into_any(),
        Some(c) => document(app, c, peer, mentor).into_any(),
    };
    view! {
        <section aria-labelledby="lp-contract">
            <h3 class="step-title no-print" id="lp-contract">{app.t("Kontrakt", "Contract")}</h3>
            {body}
        </section>
    }
}

/// The contract as a document: what was agreed, the three signatures and
/// the hash of the signed text, with a button to print it.
pub fn document(app: App, c: &Contract, peer: &str, mentor: &str) -> impl IntoView {
    let hash = c.content_hash(peer, mentor);
    let yes_no = |b: bool| {
        if b {
            app.t("Ja", "Yes")
        } else {
            app.t("Nej", "No")
        }
    };
    let goals = |list: &[String]| {
        if list.is_empty() {
            return view! { <p class="muted">{app.t("Ingen mål skrevet.", "No goals written.")}</p> }.into_any();
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
                Party::Peer => app.t("Peer", "Peer"),
                Party::Mentor => app.t("Peer-mentor", "Peer mentor"),
                Party::ProjectLeader => app.t("Projektleder", "Project leader"),
            };
            let signed = c.signatures.iter().find(|s| s.who == who);
            let drawing = signed.filter(|s| !s.drawing.is_empty()).map(|s| {
                view! {
                    <svg class="signature-drawing" viewBox="0 0 300 100" role="img" aria-label=format!("{} {}", app.t("Underskrift af", "Signature of"), s.name)>
                        <path d=s.drawing.clone() />
                    </svg>
                }
            });
            let line = signed.map_or_else(
                || app.t("Ikke underskrevet", "Not signed").to_string(),
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
        Frequency::Weekly => app.t("Hver uge", "Every week"),
        Frequency::Fortnightly => app.t("Hver 14. dag", "Every other week"),
    };
    let end = c.end().map(|d| d.danish()).unwrap_or_default();
    let leader = c
        .signatures
        .iter()
        .find(|s| s.who == Party::ProjectLeader)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    view! {
        <article class="contract-doc" aria-labelledby="lp-contract-title">
            <h3 class="doc-title" id="lp-contract-title">{app.t("Kontrakt for samværsforløbet", "Contract for the peer-support relationship")}</h3>
            <p class="doc-parties">{format!("{}: {peer} · {}: {mentor} · {}: {leader}",
                app.t("Peer", "Peer"), app.t("Peer-mentor", "Peer mentor"), app.t("Projektleder", "Project leader"))}</p>
            <h4 class="sub-heading">{app.t("Peerens mål", "The peer's goals")}</h4>
            {goals(&c.peer_goals)}
            <h4 class="sub-heading">{app.t("Peer-mentorens mål", "The peer mentor's goals")}</h4>
            {goals(&c.mentor_goals)}
            <h4 class="sub-heading">{app.t("Det aftaler vi", "What we agree")}</h4>
            <dl class="facts">
                <dt>{app.t("Start", "Start")}</dt><dd>{c.start.danish()}</dd>
                <dt>{app.t("Varighed", "Duration")}</dt><dd>{if c.extended {
                    format!("{} {end}", app.t("6 måneder, forlænget med 3 måneder. Slutter", "6 months, extended by 3 months. Ends"))
                } else {
                    format!("{} {end}", app.t("6 måneder, som kan forlænges én gang med 3 måneder, hvis begge ønsker det. Slutter", "6 months, which can be extended once by 3 months if both want. Ends"))
                }}</dd>
                <dt>{app.t("Vi mødes", "We meet")}</dt><dd>{format!("{frequency}. {}", app.t("Ude i lokalsamfundet, ikke i hinandens hjem.", "Out in the community, not in each other's homes."))}</dd>
                <dt>{app.t("Aflysninger", "Cancellations")}</dt><dd>{app.t("Går både til makkeren og til projektlederen.", "Go to both the partner and the project leader.")}</dd>
                <dt>{app.t("Kontakt mellem møderne", "Contact between meetings")}</dt><dd>{format!("{}{}", yes_no(c.contact_between_meetings),
                    if c.contact_how_often.trim().is_empty() { String::new() } else { format!(": {}", c.contact_how_often) })}</dd>
                <dt>{app.t("Kaffekort udleveret", "Coffee card handed out")}</dt><dd>{yes_no(c.coffee_card_given)}</dd>
            </dl>
            <div class="signatures">{signatures}</div>
            <p class="doc-hash">{app.t("Kontrolsum (SHA-256) af den underskrevne tekst:", "Checksum (SHA-256) of the signed text:")}" "<code class="hash">{hash}</code></p>
            <p class="help">{app.t("Hvis kontrakten ændres efter underskriften, ændres kontrolsummen også.", "If the contract is changed after signing, the checksum changes too.")}</p>
        </article>
        <div class="actions no-print">
            <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>{app.t("Udskriv kontrakten", "Print the contract")}</button>
        </div>
    }
}

/// The contract form of pair `id`: the names filled in; the result becomes
/// the pair's contract.
pub fn contract_form(app: App, id: String) -> impl IntoView {
    let leader = app.settings.with_value(|s| s.leader.clone());
    let initial = app
        .registry
        .with_untracked(|r| intake::contract_prefill(r, &id, &leader))
        .unwrap_or_default();
    let names = app.registry.with_untracked(|r| {
        r.pair(&id)
            .map(|p| (name_of(r, &p.peer), name_of(r, &p.mentor)))
    });
    let (peer, mentor) = names.unwrap_or_default();
    let heading = format!(
        "{}: {}",
        app.t("Kontrakt", "Contract"),
        super::pair_label(app, &peer, &mentor)
    );
    let pair = id.clone();
    let done = Callback::new(
        move |(_, answers): (std::sync::Arc<lokalform_forms::schema::Form>, Answers)| {
            let contract = intake::contract_from(&answers, today())
                .map_err(|e| e.message(app.lang.get_untracked()))?;
            let text = format!(
                "{} {peer} {} {mentor}.",
                app.t(
                    "Kontrakten er underskrevet for",
                    "The contract is signed for"
                ),
                app.t("og", "and")
            );
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
