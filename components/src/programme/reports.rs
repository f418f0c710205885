//! Reports: the cohort per instrument, split by role (for the worker: the
//! figures of this programme), the participants with missing data (the
//! manual's "hard cases": names, for the worker's eyes only), and the
//! evaluator export — cohort aggregates by role only, cells below 5
//! suppressed with complementary suppression — as CSV, JSON, or sent to
//! the collector after the worker saw exactly what goes, as a table and as
//! the JSON itself.

use super::chart::number;
use super::files::download;
use super::outbox::{self, PendingExport};
use super::{name_of, App, Route};
use crate::common::outbox::Delivery;
use crate::common::today::today;
use crate::store::vault::post_json;
use leptos::prelude::*;
use lokalform_forms::aggregate::{
    channel_counts, Cell, Cohort, CohortGroup, CohortReport, CohortSubmission, Lacking,
    MIN_FOR_INTERVAL,
};
use lokalform_forms::instruments::Instrument;
use lokalform_programme::{Reason, Registry, Role};

/// The roles the export publishes, each with its group on the wire. The
/// figures for everyone together are the worker's only: published next to
/// one role's, they would give the other role's by subtraction.
pub const PUBLISHED_GROUPS: [(CohortGroup, Role); 2] = [
    (CohortGroup::Peers, Role::Peer),
    (CohortGroup::Mentors, Role::Mentor),
];

/// The cohort of `instrument` in `registry`: one role's participants, or
/// everyone's (`None`).
pub fn cohort(registry: &Registry, instrument: &Instrument, role: Option<Role>) -> Cohort {
    Cohort::new(&registry.cohort_pairs_of(instrument, role), |t| {
        instrument.flags(t)
    })
}

/// What may be published: per instrument, one suppressed report for the
/// peers and one for the peer-mentors (see [`PUBLISHED_GROUPS`]).
pub fn evaluator_reports(registry: &Registry) -> Vec<CohortReport> {
    registry
        .instruments()
        .iter()
        .flat_map(|i| {
            PUBLISHED_GROUPS.map(|(group, role)| {
                cohort(registry, i, Some(role)).report_for(&i.id, i.version, group)
            })
        })
        .collect()
}

fn share(x: Option<f64>) -> String {
    x.map_or_else(
        || "–".into(),
        |s| format!("{} %", number((s * 1000.0).round() / 10.0)),
    )
}

/// A published figure (already rounded to two decimals) with a decimal
/// comma.
fn decimal(x: f64) -> String {
    format!("{}", if x == 0.0 { 0.0 } else { x }).replace('.', ",")
}

/// The reports screen.
pub fn reports(app: App) -> impl IntoView {
    let instruments = app.registry.with_untracked(Registry::instruments);
    let cohorts = instruments
        .iter()
        .map(|i| cohort_section(app, i))
        .collect_view();
    view! {
        <h2 class="title" id="lp-heading" tabindex="-1">{app.words().reports.heading}</h2>
        <p class="intro">{app.words().reports.intro}</p>
        {cohorts}
        {hard_cases(app)}
        {export(app)}
    }
}

/// One instrument's cohort: a column each for the peers, the peer-mentors
/// and everyone.
fn cohort_section(app: App, i: &Instrument) -> impl IntoView {
    let lang = app.lang.get_untracked();
    let w = &app.words().reports;
    let columns = [
        (w.group_peers, Some(Role::Peer)),
        (w.group_mentors, Some(Role::Mentor)),
        (w.group_all, None),
    ];
    let cohorts: Vec<Cohort> = columns
        .iter()
        .map(|(_, role)| app.registry.with_untracked(|r| cohort(r, i, *role)))
        .collect();
    let mean =
        |x: Option<f64>| x.map_or_else(|| "–".into(), |v| number((v * 100.0).round() / 100.0));
    let too_few = |c: &Cohort| (1..MIN_FOR_INTERVAL).contains(&c.with_both);
    let ci = |c: &Cohort| match c.ci95 {
        Some((lo, hi)) => (w.ci)(
            &number((lo * 100.0).round() / 100.0),
            &number((hi * 100.0).round() / 100.0),
        ),
        None if too_few(c) => w.ci_too_few.to_string(),
        None => "–".into(),
    };
    let lacking = |c: &Cohort, which: Lacking| {
        (c.lacking_count(which) + c.lacking_count(Lacking::Both)).to_string()
    };
    let rows: Vec<(&'static str, Vec<String>)> = vec![
        (
            w.with_both,
            cohorts.iter().map(|c| c.with_both.to_string()).collect(),
        ),
        (
            w.mean_before,
            cohorts.iter().map(|c| mean(c.mean_before)).collect(),
        ),
        (
            w.mean_after,
            cohorts.iter().map(|c| mean(c.mean_after)).collect(),
        ),
        (
            w.mean_change,
            cohorts.iter().map(|c| mean(c.mean_change)).collect(),
        ),
        (w.ci_label, cohorts.iter().map(ci).collect()),
        (
            w.at_risk_before,
            cohorts
                .iter()
                .map(|c| share(c.share_at_risk_before()))
                .collect(),
        ),
        (
            w.at_risk_after,
            cohorts
                .iter()
                .map(|c| share(c.share_at_risk_after()))
                .collect(),
        ),
        (
            w.lacking_before,
            cohorts
                .iter()
                .map(|c| lacking(c, Lacking::Before))
                .collect(),
        ),
        (
            w.lacking_after,
            cohorts.iter().map(|c| lacking(c, Lacking::After)).collect(),
        ),
    ];
    let why = cohorts.iter().any(too_few).then(|| {
        view! { <p class="help">{(w.ci_why)(MIN_FOR_INTERVAL)}</p> }
    });
    let note = i
        .evaluation_note
        .as_ref()
        .map(|t| view! { <p class="help">{t.get(lang).to_string()}</p> });
    let id = format!("lp-cohort-{}-{}", i.id, i.version);
    let head = columns
        .iter()
        .map(|(label, _)| view! { <th scope="col">{*label}</th> })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|(label, cells)| {
            let cells = cells
                .into_iter()
                .map(|c| view! { <td>{c}</td> })
                .collect_view();
            view! { <tr><th scope="row">{label}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <section aria-labelledby=id.clone()>
            <h3 class="step-title" id=id.clone()>{i.title.get(lang).to_string()}</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby=format!("{id}-caption")>
                <table class="table">
                    <caption class="sr-only" id=format!("{id}-caption")>{(w.cohort_caption)(i.title.get(lang))}</caption>
                    <thead><tr><th scope="col">{w.figure}</th>{head}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            {why}
            {note}
        </section>
    }
}

/// The participants with missing data (the manual's "hard cases"): who
/// lacks a measurement or an exit meeting, is paused or not matched.
/// Names: for the worker's eyes only.
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

/// The published reports as a table a person reads: one row per instrument
/// and group, every figure as it goes (`<5`, `x`, or a dash when there is
/// nothing to compute).
fn export_table(app: App) -> impl IntoView {
    let w = &app.words().reports;
    let lang = app.lang.get_untracked();
    let instruments = app.registry.with_untracked(Registry::instruments);
    let reports = app.registry.with_untracked(evaluator_reports);
    let rows = reports
        .iter()
        .map(|r| {
            let title = instruments
                .iter()
                .find(|i| i.id == r.instrument && i.version == r.version)
                .map_or_else(|| r.instrument.clone(), |i| i.title.get(lang).to_string());
            let group = match r.group {
                CohortGroup::Peers => w.group_peers,
                CohortGroup::Mentors => w.group_mentors,
                CohortGroup::All => w.group_all,
            };
            let withheld = if r.with_both == Cell::Small {
                "<5"
            } else {
                "–"
            };
            let statistic = |x: Option<f64>| x.map_or_else(|| withheld.to_string(), decimal);
            let change = match (r.mean_change, r.ci95) {
                (Some(m), Some((lo, hi))) => {
                    format!("{} ({})", decimal(m), (w.ci)(&decimal(lo), &decimal(hi)))
                }
                (m, _) => statistic(m),
            };
            let at_risk = |row: &lokalform_forms::aggregate::SuppressedRow, share: Option<f64>| {
                let count = row.cells[0].label();
                match share {
                    Some(s) => format!("{count} ({})", self::share(Some(s))),
                    None => count,
                }
            };
            let lacking = r
                .lacking
                .cells
                .iter()
                .map(|c| c.label())
                .collect::<Vec<_>>()
                .join(" / ");
            let cells = [
                group.to_string(),
                r.with_both.label(),
                statistic(r.mean_before),
                statistic(r.mean_after),
                change,
                at_risk(&r.at_risk_before, r.share_at_risk_before()),
                at_risk(&r.at_risk_after, r.share_at_risk_after()),
                lacking,
            ]
            .into_iter()
            .map(|c| view! { <td>{c}</td> })
            .collect_view();
            view! { <tr><th scope="row">{title}</th>{cells}</tr> }
        })
        .collect_view();
    let columns = [
        w.group,
        w.with_both,
        w.mean_before,
        w.mean_after,
        w.change_with_ci,
        w.at_risk_before_count,
        w.at_risk_after_count,
        w.lacking,
    ]
    .into_iter()
    .map(|c| view! { <th scope="col">{c}</th> })
    .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="lp-export-caption">
            <table class="table" id="lp-export-table">
                <caption id="lp-export-caption">{w.export_caption}</caption>
                <thead><tr><th scope="col">{w.instrument}</th>{columns}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
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
        download(
            &file_name("csv"),
            &submission().to_csv(),
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
        crate::common::task::spawn(async move {
            let export = PendingExport {
                url,
                body: body.to_json(),
            };
            let delivered = Delivery::of(&post_json(&export.url, &export.body, "").await);
            let result = match delivered {
                Delivery::Sent => Ok(app.words().reports.sent.to_string()),
                Delivery::Refused(r) => Err((app.words().reports.refused)(r.status)),
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
            <p class="help">{app.words().reports.export_by_role}</p>
            {export_table(app)}
            <details>
                <summary>{app.words().reports.show_json}</summary>
                <pre class="payload" id="lp-export-payload" tabindex="0" aria-label=app.words().reports.export_label>{move || submission().to_json()}</pre>
            </details>
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

#[cfg(test)]
mod tests {
    use super::*;
    use lokalform_programme::Participant;
    use lokalform_text::date::Date;

    #[test]
    fn the_export_holds_one_report_per_instrument_and_role_and_no_total() {
        let d = Date::new(2026, 8, 1).unwrap();
        let mut reg = Registry::default();
        reg.recruit(Participant::new("p1", Role::Peer, "Ida", d))
            .unwrap();
        reg.recruit(Participant::new("m1", Role::Mentor, "Ole", d))
            .unwrap();
        reg.set_evaluation_consent("p1", true).unwrap();
        reg.set_evaluation_consent("m1", true).unwrap();
        let reports = evaluator_reports(&reg);
        let groups: Vec<(&str, CohortGroup)> = reports
            .iter()
            .map(|r| (r.instrument.as_str(), r.group))
            .collect();
        assert_eq!(
            groups,
            [
                ("lsns6", CohortGroup::Peers),
                ("lsns6", CohortGroup::Mentors)
            ]
        );
        let submission = CohortSubmission {
            municipality: "Vejle Kommune".into(),
            programme: "Peer-mentorprojektet".into(),
            round: "2026".into(),
            reports,
            heard_from: lokalform_forms::aggregate::channel_counts(&vec![
                vec!["press".to_string()];
                6
            ]),
        };
        assert_eq!(submission.check(), Ok(()));
        assert!(submission
            .to_csv()
            .contains("Vejle Kommune,Peer-mentorprojektet,2026,lsns6,1,mentors,with_both,0\r\n"));
        assert!(submission
            .to_csv()
            .ends_with("Vejle Kommune,Peer-mentorprojektet,2026,heard_from,,all,press,6\r\n"));
    }
}
