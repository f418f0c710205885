//! The dashboard's trends: per question a line chart of the share of
//! positive answers per period, in inline SVG, and the table of every
//! published cell per period as its text alternative.
//!
//! Only published numbers are drawn: a period whose share cannot be worked
//! out from the shown cells (a `<5` or `x` among the cells it needs) is a
//! gap in the line, marked by a dashed line, and says "vises ikke" in the
//! table. Styling comes from classes in the dashboard's one stylesheet;
//! there are no style attributes (the page's Content-Security-Policy
//! allows only the stylesheet's hash).

use crate::dashboard::percent;
use crate::html::{fill, Html};
use crate::period::PeriodKind;
use crate::report::{FormReport, QuestionReport};

/// Layout of a trend chart, in SVG user units.
const WIDTH: f64 = 640.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 616.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 174.0;
const HEIGHT: f64 = 214.0;
/// The most period names written under the axis; the table has them all.
const MAX_AXIS_LABELS: usize = 8;

/// What a period's share says when it cannot be shown.
pub const NOT_SHOWN: &str = "vises ikke";

/// An SVG coordinate with one decimal.
fn coord(x: f64) -> String {
    format!("{x:.1}")
}

/// The labels of the options counted as positive, as Danish prose:
/// `Godt og Rigtig godt`.
fn positive_labels(q: &QuestionReport) -> String {
    let labels: Vec<&str> = q
        .options
        .iter()
        .filter(|o| q.positive.contains(&o.option))
        .map(|o| o.label.as_str())
        .collect();
    match labels.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} og {}", rest.join(", "), last),
        None => String::new(),
    }
}

/// The trend of one question: the chart (when the question has positive
/// answers and the form has periods) and the table of its cells per period.
pub fn render(html: &mut Html, id: &str, form: &FormReport, q: &QuestionReport, kind: PeriodKind) {
    if form.periods.is_empty() {
        return;
    }
    let per = kind.singular_da();
    html.markup("<figure class=\"trend\">\n");
    if !q.positive.is_empty() {
        render_chart(html, id, form, q, kind);
    }
    let caption = if q.positive.is_empty() {
        format!("Svar pr. {per}: {}", q.label)
    } else {
        format!(
            "Svar og andel positive svar ({}) pr. {per}: {}",
            positive_labels(q),
            q.label
        )
    };
    fill!(
        html,
        "<div class=\"table-scroll\" role=\"region\" aria-labelledby=\"{}-trend-caption\" tabindex=\"0\">\n\
         <table class=\"trend\">\n<caption id=\"{}-trend-caption\">{}</caption>\n<thead><tr><th scope=\"col\">{}</th>\
         <th scope=\"col\">Besvarelser</th>",
        id,
        id,
        caption,
        kind.heading_da()
    );
    for o in &q.options {
        fill!(html, "<th scope=\"col\">{}</th>", o.label);
    }
    if !q.positive.is_empty() {
        html.markup("<th scope=\"col\">Andel positive svar</th>");
    }
    html.markup("</tr></thead>\n<tbody>\n");
    for (period, row) in form.periods.iter().zip(&q.periods) {
        fill!(
            html,
            "<tr><th scope=\"row\">{}</th><td class=\"figure\">{}</td>",
            period.period.label_da(),
            period.responses.label
        );
        for o in &row.options {
            fill!(html, "<td class=\"figure\">{}</td>", o.count.label);
        }
        if !q.positive.is_empty() {
            let share = row
                .positive_share
                .map_or_else(|| NOT_SHOWN.to_string(), percent);
            fill!(html, "<td class=\"figure\">{}</td>", share);
        }
        html.markup("</tr>\n");
    }
    html.markup("</tbody>\n</table>\n</div>\n</figure>\n");
}

fn render_chart(
    html: &mut Html,
    id: &str,
    form: &FormReport,
    q: &QuestionReport,
    kind: PeriodKind,
) {
    let n = form.periods.len();
    let x = |i: usize| -> f64 {
        if n <= 1 {
            (LEFT + RIGHT) / 2.0
        } else {
            LEFT + 12.0 + (RIGHT - LEFT - 24.0) * i as f64 / (n - 1) as f64
        }
    };
    let y = |share: f64| BOTTOM - (BOTTOM - TOP) * share.clamp(0.0, 1.0);
    fill!(
        html,
        "<svg role=\"img\" aria-labelledby=\"{}-trend-title {}-trend-desc\" viewBox=\"0 0 {} {}\" \
         xmlns=\"http://www.w3.org/2000/svg\" font-family=\"inherit\" font-size=\"13\" class=\"trend\">\n\
         <title id=\"{}-trend-title\">Andel positive svar pr. {}: {}</title>\n\
         <desc id=\"{}-trend-desc\">Positive svar er {}. En stiplet lodret linje i stedet for et punkt \
         er en periode, hvor andelen ikke vises, fordi der er for få svar. Tallene står i tabellen \
         under diagrammet.</desc>\n",
        id,
        id,
        WIDTH,
        HEIGHT,
        id,
        kind.singular_da(),
        q.label,
        id,
        positive_labels(q)
    );
    for step in 0..=4u32 {
        let share = f64::from(step) / 4.0;
        let yy = coord(y(share));
        fill!(
            html,
            "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>\n",
            LEFT,
            yy,
            RIGHT,
            yy,
            LEFT - 8.0,
            coord(y(share) + 4.0),
            format!("{} %", step * 25)
        );
    }
    fill!(
        html,
        "<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
        LEFT,
        BOTTOM,
        RIGHT,
        BOTTOM
    );
    let every = n.div_ceil(MAX_AXIS_LABELS).max(1);
    for (i, period) in form.periods.iter().enumerate() {
        if i % every == 0 || i + 1 == n {
            fill!(
                html,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\" font-size=\"12\">{}</text>\n",
                coord(x(i)),
                BOTTOM + 20.0,
                period.period.short_label_da()
            );
        }
    }
    // The line, broken at every gap; a dashed line marks the gap.
    let mut run: Vec<String> = Vec::new();
    let flush = |html: &mut Html, run: &mut Vec<String>| {
        if run.len() > 1 {
            fill!(
                html,
                "<polyline class=\"trend-line\" points=\"{}\"/>\n",
                run.join(" ")
            );
        }
        run.clear();
    };
    for (i, row) in q.periods.iter().enumerate() {
        match row.positive_share {
            Some(share) => run.push(format!("{},{}", coord(x(i)), coord(y(share)))),
            None => {
                flush(html, &mut run);
                fill!(
                    html,
                    "<line class=\"gap\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
                    coord(x(i)),
                    TOP,
                    coord(x(i)),
                    BOTTOM
                );
            }
        }
    }
    flush(html, &mut run);
    for (i, row) in q.periods.iter().enumerate() {
        if let Some(share) = row.positive_share {
            fill!(
                html,
                "<circle class=\"trend-point\" cx=\"{}\" cy=\"{}\" r=\"4\"/>\n",
                coord(x(i)),
                coord(y(share))
            );
        }
    }
    html.markup("</svg>\n");
}

/// The summary line of a form: how its responses spread over the periods,
/// and the latest share of positive answers to its first question that has
/// them, all from published numbers.
pub fn summary(html: &mut Html, form: &FormReport, kind: PeriodKind) {
    let (Some(first), Some(last)) = (form.periods.first(), form.periods.last()) else {
        html.markup("<p class=\"summary\">Der er ingen besvarelser endnu.</p>\n");
        return;
    };
    let count = form.periods.len();
    let periods = if count == 1 {
        format!("1 {}", kind.singular_da())
    } else {
        format!("{count} {}", kind.plural_da())
    };
    let span = if count == 1 {
        first.period.label_da()
    } else {
        format!(
            "fra {} til {}",
            first.period.label_da(),
            last.period.label_da()
        )
    };
    let latest = form
        .questions
        .iter()
        .find(|q| !q.positive.is_empty())
        .and_then(|q| Some((q, q.periods.last()?)))
        .map(|(q, row)| {
            let share = row
                .positive_share
                .map_or_else(|| NOT_SHOWN.to_string(), percent);
            format!(" Andel positive svar på „{}“: {}.", q.label, share)
        })
        .unwrap_or_default();
    fill!(
        html,
        "<p class=\"summary\">Svarene fordeler sig på {} ({}). Seneste: {} med {} besvarelser.{}</p>\n",
        periods,
        span,
        last.period.label_da(),
        last.responses.label,
        latest
    );
}
