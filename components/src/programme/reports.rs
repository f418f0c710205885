//! Reports: the cohort per instrument (for the worker: the figures of this
//! programme), the hard cases (names: for the worker's eyes only), and the
//! evaluator export — cohort aggregates only, cells below 5 suppressed with
//! complementary suppression — as CSV, JSON, or sent to the collector
//! after the worker saw exactly what goes.

use super::chart::number;
use super::files::download;
use super::outbox::{self, PendingExport};
use super::{name_of, App, Route};
use crate::common::outbox::Delivery;
use crate::common::today::today;
use crate::store::vault::post_json;
use leptos::prelude::*;
use lokalform_forms::aggregate::{
    channel_counts, channels_csv_rows, Cohort, CohortReport, CohortSubmission, Lacking,
};
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
            let ci = c.ci95.map_or_else(|| "–".into(), |(lo, hi)| (app.words().reports.ci)(&number((lo * 100.0).round() / 100.0), &number((hi * 100.0).round() / 100.0)));
            let mean = |x: Option<f64>| x.map_or_else(|| "–".into(), |v| number((v * 100.0).round() / 100.0));
            let id = format!("lp-cohort-{}-{}", i.id, i.version);
            view! {
                <section aria-labelledby=id.clone()>
                    <h3 class="step-title" id=id.clone()>{i.title.get(lang).to_string()}</h3>
                    <table class="table">
                        <caption class="sr-only">{(app.words().reports.cohort_caption)(i.title.get(lang))}</caption>
                        <tbody>
                            <tr><th scope="row">{app.words().reports.with_both}</th><td>{c.with_both}</td></tr>
                            <tr><th scope="row">{app.words().reports.mean_before}</th><td>{mean(c.mean_before)}</td></tr>
                            <tr><th scope="row">{app.words().reports.mean_after}</th><td>{mean(c.mean_after)}</td></tr>
                            <tr><th scope="row">{app.words().reports.mean_change}</th><td>{mean(c.mean_change)}</td></tr>
                            <tr><th scope="row">{app.words().reports.ci_label}</th><td>{ci}</td></tr>
                            <tr><th scope="row">{app.words().reports.at_risk_before}</th><td>{share(c.share_at_risk_before())}</td></tr>
                            <tr><th scope="row">{app.words().reports.at_risk_after}</th><td>{share(c.share_at_risk_after())}</td></tr>
                            <tr><th scope="row">{app.words().reports.lacking_before}</th><td>{c.lacking_count(Lacking::Before) + c.lacking_count(Lacking::Both)}</td></tr>
                            <tr><th scope="row">{app.words().reports.lacking_after}</th><td>{c.lacking_count(Lacking::After) + c.lacking_count(Lacking::Both)}</td></tr>
                        </tbody>
                    </table>
                </section>
            }
        })
        .collect_view();
    view! {
        <h2 class="title" id="lp-heading" tabindex="-1">{app.words().reports.heading}</h2>
        <p class="intro">{app.words().reports.intro}</p>
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
                        Reason::NoBefore => app.words().reports.no_before.to_string(),
                        Reason::NoAfter => app.words().reports.no_after.to_string(),
                        Reason::NoExit { due, .. } => (app.words().reports.no_exit)(&due.danish()),
                        Reason::Paused => app.words().reports.paused.to_string(),
                        Reason::NotMatched => app.words().reports.not_matched.to_string(),
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
            <h3 class="step-title" id="lp-hard-cases">{app.words().reports.hard_cases}</h3>
            <p class="help">{app.words().reports.hard_cases_help}</p>
            {if none {
                view! { <p class="muted">{app.words().reports.none_now}</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <caption class="sr-only">{app.words().reports.hard_cases}</caption>
                        <thead><tr><th scope="col">{app.words().reports.name}</th><th scope="col">{app.words().reports.why}</th></tr></thead>
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
            heard_from: app
                .registry
                .with_untracked(|r| channel_counts(&r.heard_from())),
        }
    };
    let file_name = move |ext: &str| {
        let p = app.settings.with_value(|s| s.programme.clone());
        format!("lokalform-{p}-kohorte-{}.{ext}", today().iso())
    };
    let csv = move |_| {
        let (reports, heard_from) = app
            .registry
            .with_untracked(|r| (evaluator_reports(r), channel_counts(&r.heard_from())));
        let text = CohortReport::to_csv_many(&reports) + &channels_csv_rows(&heard_from);
        download(&file_name("csv"), &text, "text/csv;charset=utf-8");
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
        crate::common::task::spawn(async move {
            let export = PendingExport {
                url,
                body: body.to_json(),
            };
            let delivered = Delivery::of(post_json(&export.url, &export.body).await);
            let result = match delivered {
                Delivery::Sent => Ok(app.words().reports.sent.to_string()),
                Delivery::Refused(s) => Err((app.words().reports.refused)(s)),
                Delivery::Later => match outbox::keep(app, export).await {
                    Ok(()) => Ok(app.words().reports.kept.to_string()),
                    Err(_) => Err(app.words().reports.not_kept.to_string()),
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
            <h3 class="step-title" id="lp-export">{app.words().reports.export_heading}</h3>
            <p class="help">{app.words().reports.export_help}</p>
            {text_field("lp-export-municipality", app.words().reports.municipality, municipality)}
            {text_field("lp-export-programme", app.words().reports.programme_name, programme)}
            {text_field("lp-export-round", app.words().reports.round, round)}
            <h4 class="sub-heading">{app.words().reports.included}</h4>
            <pre class="payload" id="lp-export-payload" tabindex="0" aria-label=app.words().reports.export_label>{move || submission().to_json()}</pre>
            <div class="actions">
                <button type="button" class="button button-secondary" on:click=csv>{app.words().reports.download_csv}</button>
                <button type="button" class="button button-secondary" on:click=json>{app.words().reports.download_json}</button>
                {has_collector.then(|| view! {
                    <button type="button" class="button" disabled=move || busy.get() on:click=send.clone()>
                        {move || if busy.get() { app.words().reports.sending } else { app.words().reports.send }}
                    </button>
                })}
            </div>
            {move || app.pending_export.with(Option::is_some).then(|| view! {
                <p class="notice notice-warning">{app.words().reports.waiting}</p>
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
