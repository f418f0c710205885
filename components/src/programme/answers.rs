//! What a participant said at the recruitment conversation
//! ([`Recruitment`]), as a list of facts: all of it on their page, and
//! what matters for a match (hopes, interests, availability) on their card
//! in matching, where peers and mentors stand side by side.

use super::App;
use crate::common::html::{element, set_markup};
use leptos::prelude::*;
use lokalform_programme::{Pick, Recruitment};

/// Which of the answers to show.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything kept: the participant's page.
    All,
    /// Hopes, interests and availability: a card in matching.
    Matching,
}

fn labels(picks: &[Pick]) -> String {
    picks
        .iter()
        .map(|p| p.label.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The answers as `(label, text)`, in the form's order, leaving out what
/// was not answered. An expectation is labelled with its question as asked.
fn rows(app: App, r: &Recruitment, scope: Scope) -> Vec<(String, String)> {
    let w = &app.words().recruitment;
    let all = scope == Scope::All;
    let mut rows: Vec<(&str, String)> = Vec::new();
    if all {
        rows.push((w.support, labels(&r.support)));
        rows.push((w.heard_from, labels(&r.heard_from)));
        rows.push((w.motivation, r.motivation.clone()));
        rows.push((w.experience, r.experience.clone()));
    }
    rows.push((w.hopes, r.hopes.join("\n")));
    rows.push((w.interests, labels(&r.interests)));
    rows.push((w.days, labels(&r.days)));
    rows.push((w.times, labels(&r.times)));
    rows.push((w.hours, r.hours.clone()));
    rows.push((w.availability_note, r.availability_note.clone()));
    let mut out: Vec<(String, String)> = rows
        .into_iter()
        .map(|(label, text)| (label.to_string(), text))
        .collect();
    if all {
        out.extend(
            r.expectations
                .iter()
                .map(|e| (e.question.clone(), e.answer.label.clone())),
        );
        let decision = r.decision.as_ref().map(|d| d.label.clone());
        for (label, text) in [
            (w.easier, r.expectations_note.clone()),
            (w.decision, decision.unwrap_or_default()),
            (w.decision_note, r.decision_note.clone()),
        ] {
            out.push((label.to_string(), text));
        }
        let consent = r
            .consent_data
            .as_deref()
            .map_or(w.data_consent_none.to_string(), w.data_consent_given);
        out.push((w.data_consent.to_string(), consent));
        out.push((w.form_label.to_string(), (w.form)(&r.form, r.version)));
    }
    out.retain(|(_, text)| !text.trim().is_empty());
    out
}

/// The answers as a description list (smaller on a card); nothing when
/// none were given. Fixed once shown, so written as escaped HTML.
pub fn facts(app: App, r: Option<&Recruitment>, scope: Scope) -> impl IntoView {
    let rows = r.map(|r| rows(app, r, scope)).unwrap_or_default();
    let class = match scope {
        Scope::All => "answers",
        Scope::Matching => "answers answers-small",
    };
    (!rows.is_empty()).then(|| {
        let mut html = String::new();
        for (label, text) in &rows {
            element(&mut html, "dt", "", label);
            element(&mut html, "dd", "", text);
        }
        view! { <dl class=class use:set_markup=html></dl> }
    })
}

/// The page's section: the heading and every answer, or a line saying
/// there are none.
pub fn section(app: App, r: Option<&Recruitment>) -> impl IntoView {
    let none = r.is_none();
    view! {
        <section aria-labelledby="lp-answers">
            <h3 class="step-title" id="lp-answers">{app.words().recruitment.heading}</h3>
            {none.then(|| view! { <p class="muted">{app.words().recruitment.none}</p> })}
            {facts(app, r, Scope::All)}
        </section>
    }
}
