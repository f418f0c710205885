//! Reports: the cohort per instrument (for the worker: the figures of this
//! programme), the hard cases (names: for the worker's eyes only), and the
//! evaluator export — cohort aggregates only, cells below 5 suppressed with
//! complementary suppression — as CSV, JSON, or sent to the collector
//! after the worker saw exactly what goes.

use super::chart::number;
use super::files::download;
use super::outbox::{self, PendingExport};
use super::{name_of, today, App, Route};
use crate::common::outbox::Delivery;
use crate::store::vault::post_json;
use leptos::prelude::*;
use lokalform_forms::aggregate::{Cohort, CohortReport, CohortSubmission, Lacking};
use lokalform_forms::instruments::Instrument;
use lokalform_programme::{Reason, Registry};

/// The cohort of `instrument` in `registry`.
pub fn cohort(registry: &Registry, instrument: &Instrument) -> Cohort {
    Cohort::new(&registry.cohort_pairs(instrument), |t| instrument.flags(t))
}

/// What may be published: one suppressed report per instrument.
pub fn evaluator_reports(registry: &Registry) -> Vec<CohortReport> {
    registry
        .instruments()
        .iter()
        .map(|i| cohort(registry, i).report(&i.id, i.version))
        .collect()
}

fn share(x: Option<f64>) -> String {
    x.map_or_else(
        || "–".into(),
        |s| format!("{} %", number((s * 1000.0).round() / 10.0)),
    )
}

/// The reports screen.
pub fn reports(app: App) -> impl IntoView {
    let lang = app.lang.get_untracked();
    let instruments = app.registry.with_untracked(Registry::instruments);
    let cohorts = instruments
        .iter()
        .map(|i| {
            let c = app.registry.with_untracked(|r| cohort(r, i));
            let ci = c.ci95.map_or_else(|| "–".into(), |(lo, hi)| format!("{} {} {}", number((lo * 100.0).round() / 100.0), app.t("til", "to"), number((hi * 100.0).round() / 100.0)));
            let mean = |x: Option<f64>| x.map_or_else(|| "–".into(), |v| number((v * 100.0).round() / 100.0));
            let id = format!("lp-cohort-{}-{}", i.id, i.version);
            view! {
                <section aria-labelledby=id.clone()>
                    <h3 class="step-title" id=id.clone()>{i.title.get(lang).to_string()}</h3>
                    <table class="table">
                        <caption class="sr-only">{format!("{}: {}", i.title.get(lang), app.t("kohorten", "the cohort"))}</caption>
                        <tbody>
                            <tr><th scope="row">{app.t("Deltagere med både før- og eftermåling", "Participants with both measurements")}</th><td>{c.with_both}</td></tr>
                            <tr><th scope="row">{app.t("Gennemsnit før", "Mean before")}</th><td>{mean(c.mean_before)}</td></tr>
                            <tr><th scope="row">{app.t("Gennemsnit efter", "Mean after")}</th><td>{mean(c.mean_after)}</td></tr>
                            <tr><th scope="row">{app.t("Gennemsnitlig ændring", "Mean change")}</th><td>{mean(c.mean_change)}</td></tr>
                            <tr><th scope="row">{app.t("95 % konfidensinterval for ændringen", "95% confidence interval of the change")}</th><td>{ci}</td></tr>
                            <tr><th scope="row">{app.t("Andel i risiko før", "Share at risk before")}</th><td>{share(c.share_at_risk_before())}</td></tr>
                            <tr><th scope="row">{app.t("Andel i risiko efter", "Share at risk after")}</th><td>{share(c.share_at_risk_after())}</td></tr>
                            <tr><th scope="row">{app.t("Mangler førmåling", "Lacking the before-measurement")}</th><td>{c.lacking_count(Lacking::Before) + c.lacking_count(Lacking::Both)}</td></tr>
                            <tr><th scope="row">{app.t("Mangler eftermåling", "Lacking the after-measurement")}</th><td>{c.lacking_count(Lacking::After) + c.lacking_count(Lacking::Both)}</td></tr>
                        </tbody>
                    </table>
                </section>
            }
        })
        .collect_view();
    view! {
        <h2 class="title" id="lp-heading" tabindex="-1">{app.t("Rapporter", "Reports")}</h2>
        <p class="intro">{app.t(
            "Tallene herunder er programmets egne og bliver på enheden. Til evalueringen kan du hente eller sende en udgave, hvor små tal er skjult.",
            "The figures below are the programme's own and stay on the device. For the evaluation you can download or send a version in which small numbers are hidden.")}</p>
        {cohorts}
        {hard_cases(app)}
        {export(app)}
    }
}

/// The manual's "hard cases": who lacks a measurement or an exit meeting,
/// is paused or not matched. Names: for the worker's eyes only.
fn hard_cases(app: App) -> impl IntoView {
    let cases = app.registry.with_untracked(|r| r.hard_cases(today()));
    let none = cases.is_empty();
    let rows = app.registry.with_untracked(|r| {
        cases
            .into_iter()
            .map(|case| {
                let reasons: Vec<String> = case
                    .reasons
                    .iter()
                    .map(|reason| match reason {
                        Reason::NoBefore => app.t("mangler førmåling", "no before-measurement").to_string(),
                        Reason::NoAfter => app.t("mangler eftermåling", "no after-measurement").to_string(),
                        Reason::NoExit { due, .. } => format!("{} {})", app.t("mangler exitsamtale (forløbet sluttede", "no exit conversation (the relationship ended"), due.danish()),
                        Reason::Paused => app.t("på pause", "paused").to_string(),
                        Reason::NotMatched => app.t("ikke matchet", "not matched").to_string(),
                    })
                    .collect();
                let id = case.participant.clone();
                let name = name_of(r, &id);
                view! {
                    <tr>
                        <th scope="row"><button type="button" class="link" on:click=move |_| app.go(Route::Participant(id.clone()))>{name}</button></th>
                        <td>{reasons.join(", ")}</td>
                    </tr>
                }
            })
            .collect_view()
    });
    view! {
        <section aria-labelledby="lp-hard-cases">
            <h3 class="step-title" id="lp-hard-cases">{app.t("Svære sager", "Hard cases")}</h3>
            <p class="help">{app.t("Kun til dig: listen viser navne og forlader aldrig enheden.", "For you only: the list shows names and never leaves the device.")}</p>
            {if none {
                view! { <p class="muted">{app.t("Ingen lige nu.", "None right now.")}</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <caption class="sr-only">{app.t("Svære sager", "Hard cases")}</caption>
                        <thead><tr><th scope="col">{app.t("Navn", "Name")}</th><th scope="col">{app.t("Hvorfor", "Why")}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// The evaluator export: the suppressed figures, as files or sent.
fn export(app: App) -> impl IntoView {
    let (municipality, title, collector) = app
        .settings
        .with_value(|s| (s.municipality.clone(), s.title.clone(), s.collector.clone()));
    let municipality = RwSignal::new(municipality);
    let programme = RwSignal::new(title);
    let round = RwSignal::new(today().year().to_string());
    let sent = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let submission = move || {
        let reports = app.registry.with_untracked(evaluator_reports);
        CohortSubmission {
            municipality: municipality.get().trim().to_string(),
            programme: programme.get().trim().to_string(),
            round: round.get().trim().to_string(),
            reports,
        }
    };
    let file_name = move |ext: &str| {
        let p = app.settings.with_value(|s| s.programme.clone());
        format!("lokalform-{p}-kohorte-{}.{ext}", today().iso())
    };
    let csv = move |_| {
        let reports = app.registry.with_untracked(evaluator_reports);
        download(
            &file_name("csv"),
            &CohortReport::to_csv_many(&reports),
            "text/csv;charset=utf-8",
        );
    };
    let json = move |_| {
        download(
            &file_name("json"),
            &submission().to_json(),
            "application/json",
        )
    };
    let has_collector = collector.is_some();
    let send = move |_| {
        let Some(base) = collector.clone() else {
            return;
        };
        let body = submission();
        if let Err(problems) = body.check() {
            sent.set(Some(Err(super::ui::problem_list(&problems))));
            return;
        }
        busy.set(true);
        sent.set(None);
        let url = format!("{}/api/v1/cohorts", base.trim_end_matches('/'));
        crate::task::spawn(async move {
            let export = PendingExport {
                url,
                body: body.to_json(),
            };
            let delivered = Delivery::of(post_json(&export.url, &export.body).await);
            let result = match delivered {
                Delivery::Sent => Ok(app.t("Tallene er sendt til indsamleren.", "The figures were sent to the collector.").to_string()),
                Delivery::Refused(s) => Err(format!("{} (HTTP {s})", app.t("Indsamleren afviste tallene.", "The collector refused the figures."))),
                Delivery::Later => match outbox::keep(app, export).await {
                    Ok(()) => Ok(app.t(
                        "Indsamleren kunne ikke nås lige nu. Tallene er gemt krypteret på enheden og sendes automatisk, når der er forbindelse, mens registret er åbent.",
                        "The collector could not be reached just now. The figures are kept encrypted on the device and sent automatically once there is a connection, while the registry is open.").to_string()),
                    Err(_) => Err(app.t("Indsamleren kunne ikke nås, og tallene kunne ikke gemmes til senere. Prøv igen.", "The collector could not be reached, and the figures could not be kept for later. Try again.").to_string()),
                },
            };
            busy.try_set(false);
            sent.try_set(Some(result));
        });
    };
    let text_field = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label class="label" for=id>{label}</label>
                <input id=id class="input" type="text" autocomplete="off" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    };
    view! {
        <section aria-labelledby="lp-export">
            <h3 class="step-title" id="lp-export">{app.t("Udtræk til evaluering", "Export for the evaluation")}</h3>
            <p class="help">{app.t(
                "Udtrækket indeholder kun samlede tal for kohorten: ingen navne, ingen CPR-numre og ingen enkeltpersoners svar. Tal under 5 vises som \"<5\", og et tal mere skjules (\"x\"), så de små tal ikke kan regnes ud. Send det én gang ved slutningen af en runde.",
                "The export holds only the cohort's totals: no names, no CPR numbers and no one person's answers. Numbers below 5 are shown as \"<5\", and one more number is hidden (\"x\") so the small numbers cannot be worked out. Send it once, at the end of a round.")}</p>
            {text_field("lp-export-municipality", app.t("Kommune", "Municipality"), municipality)}
            {text_field("lp-export-programme", app.t("Programmets navn", "The programme's name"), programme)}
            {text_field("lp-export-round", app.t("Runde, fx 2026 eller 2026-2", "Round, e.g. 2026 or 2026-2"), round)}
            <h4 class="sub-heading">{app.t("Præcis det, der kommer med:", "Exactly what is included:")}</h4>
            <pre class="payload" id="lp-export-payload" tabindex="0" aria-label=app.t("Udtrækket", "The export")>{move || submission().to_json()}</pre>
            <div class="actions">
                <button type="button" class="button button-secondary" on:click=csv>{app.t("Hent som CSV", "Download as CSV")}</button>
                <button type="button" class="button button-secondary" on:click=json>{app.t("Hent som JSON", "Download as JSON")}</button>
                {has_collector.then(|| view! {
                    <button type="button" class="button" disabled=move || busy.get() on:click=send.clone()>
                        {move || if busy.get() { app.t("Sender …", "Sending …") } else { app.t("Send til indsamleren", "Send to the collector") }}
                    </button>
                })}
            </div>
            {move || app.pending_export.with(Option::is_some).then(|| view! {
                <p class="notice notice-warning">{app.t(
                    "Et udtræk venter på at blive sendt til indsamleren. Det prøves igen automatisk, mens registret er åbent.",
                    "An export is waiting to be sent to the collector. It is tried again automatically while the registry is open.")}</p>
            })}
            <div role="status" aria-live="polite">
                {move || sent.get().map(|r| match r {
                    Ok(m) => view! { <p class="notice notice-success">{m}</p> }.into_any(),
                    Err(m) => view! { <p class="notice notice-error">{m}</p> }.into_any(),
                })}
            </div>
        </section>
    }
}
