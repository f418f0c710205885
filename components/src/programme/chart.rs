//! A participant's before/after on one instrument: an SVG chart (total
//! before and after on the instrument's range, with the flagged band
//! shaded) and the same figures as a table, which is also the chart's
//! text alternative.

use super::App;
use leptos::prelude::*;
use lokalform_forms::instruments::{Instrument, Score};
use lokalform_forms::schema::Lang;
use lokalform_programme::{Measurement, Participant, When};

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 180.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 150.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 300.0;

/// A number as shown: no decimals when whole, else one.
pub fn number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.1}").replace('.', ",")
    }
}

/// The section for `instrument`.
pub fn before_after(
    app: App,
    p: &Participant,
    instrument: &Instrument,
    lang: Lang,
) -> impl IntoView {
    let before = p.measurement(instrument, When::Before);
    let after = p.measurement(instrument, When::After);
    let score = |m: Option<&Measurement>| m.and_then(|m| m.score(instrument));
    let (sb, sa) = (score(before), score(after));
    let total = |s: &Option<Score>| s.as_ref().and_then(|s| s.total);
    let (tb, ta) = (total(&sb), total(&sa));
    let title = instrument.title.get(lang).to_string();
    let key = format!("lp-chart-{}-{}-{}", instrument.id, instrument.version, p.id);
    let (title_id, desc_id) = (format!("{key}-title"), format!("{key}-desc"));
    let show =
        |t: Option<f64>| t.map_or_else(|| app.words().participants.no_total.to_string(), number);
    let desc = (app.words().participants.chart_description)(&show(tb), &show(ta));
    let chart = instrument.range(None).map(|(lo, hi)| {
        let span = if hi > lo { hi - lo } else { 1.0 };
        let y = move |v: f64| BOTTOM - (v - lo) / span * (BOTTOM - TOP);
        let xs = [LEFT + 60.0, RIGHT - 60.0];
        let flagged = instrument
            .bands
            .iter()
            .find(|b| b.flag)
            .and_then(|b| b.below)
            .map(|below| {
                let top = y(below.min(hi));
                view! {
                    <rect x=LEFT y=top width=RIGHT - LEFT height=BOTTOM - top class="band-flag" />
                    <text x=RIGHT - 4.0 y=BOTTOM - 6.0 text-anchor="end" class="band-label">{app.words().participants.at_risk}</text>
                }
            });
        let points: Vec<(f64, f64)> = [tb, ta]
            .iter()
            .zip(xs)
            .filter_map(|(t, x)| t.map(|t| (x, y(t))))
            .collect();
        let line = (points.len() == 2).then(|| {
            view! { <line x1=points[0].0 y1=points[0].1 x2=points[1].0 y2=points[1].1 class="change-line" /> }
        });
        let dots = [tb, ta]
            .iter()
            .zip(xs)
            .filter_map(|(t, x)| t.map(|t| (x, t)))
            .map(|(x, t)| {
                view! {
                    <circle cx=x cy=y(t) r="5" class="dot" />
                    <text x=x + 9.0 y=y(t) + 4.0 class="dot-label">{number(t)}</text>
                }
            })
            .collect_view();
        view! {
            <svg class="chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
                aria-labelledby=format!("{title_id} {desc_id}")>
                <title id=title_id.clone()>{title.clone()}</title>
                <desc id=desc_id.clone()>{desc.clone()}</desc>
                {flagged}
                <line x1=LEFT y1=TOP x2=LEFT y2=BOTTOM class="axis" />
                <line x1=LEFT y1=BOTTOM x2=RIGHT y2=BOTTOM class="axis" />
                <text x=LEFT - 6.0 y=TOP + 4.0 text-anchor="end" class="tick">{number(hi)}</text>
                <text x=LEFT - 6.0 y=BOTTOM + 4.0 text-anchor="end" class="tick">{number(lo)}</text>
                <text x=xs[0] y=BOTTOM + 20.0 text-anchor="middle" class="tick">{app.words().participants.before}</text>
                <text x=xs[1] y=BOTTOM + 20.0 text-anchor="middle" class="tick">{app.words().participants.after}</text>
                {line}
                {dots}
            </svg>
        }
    });
    let cell = |t: Option<f64>| t.map_or_else(|| "–".to_string(), number);
    let change = match (tb, ta) {
        (Some(b), Some(a)) => {
            let d = a - b;
            format!("{}{}", if d > 0.0 { "+" } else { "" }, number(d))
        }
        _ => "–".to_string(),
    };
    let band = |s: &Option<Score>| {
        s.as_ref()
            .and_then(|s| s.band)
            .map(|b| format!(" ({})", b.label.get(lang)))
            .unwrap_or_default()
    };
    let subscale_rows = instrument
        .subscales
        .iter()
        .map(|sub| {
            let of = |s: &Option<Score>| s.as_ref().and_then(|s| s.subscale(&sub.id)).and_then(|x| x.score);
            let (b, a) = (of(&sb), of(&sa));
            let d = match (b, a) {
                (Some(b), Some(a)) => number(a - b),
                _ => "–".into(),
            };
            view! { <tr><th scope="row">{sub.title.get(lang).to_string()}</th><td>{cell(b)}</td><td>{cell(a)}</td><td>{d}</td></tr> }
        })
        .collect_view();
    let date = |m: Option<&Measurement>| {
        m.map(|m| format!(" {}", m.date.danish()))
            .unwrap_or_default()
    };
    let missing = |label: &'static str, s: &Option<Score>| {
        let s = s.as_ref()?;
        if s.missing.is_empty() {
            return None;
        }
        let texts: Vec<String> = s
            .missing
            .iter()
            .map(|id| {
                instrument
                    .item(id)
                    .map_or(id.to_string(), |i| i.text.get(lang).to_string())
            })
            .collect();
        Some(view! { <p class="help">{format!("{label} {}", texts.join(" · "))}</p> })
    };
    let note = |label: &'static str, m: Option<&Measurement>| {
        m.filter(|m| !m.note.trim().is_empty())
            .map(|m| view! { <p class="note"><strong>{label}</strong>" "{m.note.clone()}</p> })
    };
    view! {
        <div class="measure">
            <h4 class="sub-heading">{title.clone()}</h4>
            {chart}
            <table class="table">
                <caption class="sr-only">{(app.words().participants.chart_caption)(&title)}</caption>
                <thead><tr>
                    <th scope="col"><span class="sr-only">{app.words().participants.score}</span></th>
                    <th scope="col">{format!("{}{}", app.words().participants.before, date(before))}</th>
                    <th scope="col">{format!("{}{}", app.words().participants.after, date(after))}</th>
                    <th scope="col">{app.words().participants.change}</th>
                </tr></thead>
                <tbody>
                    <tr><th scope="row">{app.words().participants.total}</th>
                        <td>{format!("{}{}", cell(tb), band(&sb))}</td>
                        <td>{format!("{}{}", cell(ta), band(&sa))}</td>
                        <td>{change}</td></tr>
                    {subscale_rows}
                </tbody>
            </table>
            {missing(app.words().participants.unanswered_before, &sb)}
            {missing(app.words().participants.unanswered_after, &sa)}
            {note(app.words().participants.note_before, before)}
            {note(app.words().participants.note_after, after)}
        </div>
    }
}
