//! The admin dashboard: one server-rendered HTML page in Danish.
//!
//! For each form version: the number of responses and a summary line (how
//! the responses spread over the periods, the latest share of positive
//! answers), and for each counted question a horizontal bar chart in inline
//! SVG with a table beside it as its text alternative (all weeks together,
//! or one period chosen with `?period=`), then its trend: the share of
//! positive answers per period as a line chart with gaps where a period's
//! share cannot be shown, and the table of every period's cells
//! ([`crate::trend_chart`]). All numbers are the suppressed ones from
//! [`crate::report`]: a bar or a point is drawn only for shown counts; `<5`
//! and `x` are written as text. The comment inbox follows, newest week
//! first.
//!
//! Filters are GET parameters set by a plain form (no script): `form` (one
//! form id) and `period` (one period's counts in the bar charts). They only
//! choose among the published cells; the suppression is the same.
//!
//! Then the programmes' cohorts (before/after measurements, from
//! [`crate::cohort_report`]): for each instrument version and group
//! (peers, peer-mentors; "alle" for reports sent before the split by role)
//! a chart of the
//! mean change with its 95% interval per programme round and combined
//! ("Samlet"), and a table of every figure beside it as its text
//! alternative.
//!
//! Last, "Tabletter" ([`devices`]): the form that makes a one-time
//! enrollment code for a kiosk tablet, and the enrolled tablets with a
//! "Tilbagekald" button each (plain POST forms; the routes refuse a post
//! from another site).
//!
//! The page is built with [`crate::html::Html`]: every form id, label,
//! option text, comment, programme or municipality name and number goes
//! in escaped; only fixed markup written here (and the stylesheet) goes in
//! as it is.
//!
//! No scripts, no external fonts or images: the page works offline and
//! under a strict Content-Security-Policy; it prints without the filters
//! and links, a form to a page (`@media print`). Colours follow Det Fælles
//! Designsystem (links #004D99) with the system font stack.

mod devices;

pub use devices::code_page;

use crate::cohort_report::{CohortOverview, Combined, InstrumentCohorts, ProgrammeCohort};
use crate::html::{fill, Html};
use crate::period::{Period, PeriodKind};
use crate::report::{FormReport, OptionReport, QuestionReport, Report};
use crate::store::{StoredComment, StoredDevice};
use crate::trend_chart;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use lokalform_forms::aggregate::{Cell, CohortGroup, SuppressedRow};

const STYLE: &str = r#"
:root { color-scheme: light; }
body { margin: 0; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; background: #fff; line-height: 1.5; }
header { background: #f5f5f5; border-bottom: 1px solid #bfbfbf; padding: 0.75rem 1.5rem; }
header p { margin: 0; font-weight: 600; }
main { max-width: 60rem; padding: 1rem 1.5rem 3rem; }
a { color: #004D99; }
a:focus { outline: 3px solid #004D99; outline-offset: 2px; }
h1 { font-size: 1.75rem; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 0.5rem; border-top: 1px solid #bfbfbf; padding-top: 1.5rem; }
h3 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 1rem 0 0.25rem; }
.total { font-size: 1.1rem; }
.note { background: #f5f5f5; border-left: 4px solid #004D99; padding: 0.5rem 0.75rem; }
figure { margin: 0.5rem 0 1rem; }
svg { display: block; width: 100%; max-width: 40rem; height: auto; }
table { border-collapse: collapse; margin-top: 0.5rem; min-width: 20rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
th, td { border-bottom: 1px solid #bfbfbf; padding: 0.25rem 0.75rem 0.25rem 0; text-align: left; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
ul.comments { padding-left: 1.25rem; }
ul.comments li { margin-bottom: 0.5rem; white-space: pre-wrap; }
.table-scroll { overflow-x: auto; max-width: 100%; }
.table-scroll:focus { outline: 3px solid #004D99; outline-offset: 2px; }
tr.combined th, tr.combined td { font-weight: 600; border-top: 2px solid #1a1a1a; }
td.figure { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
form.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: flex-end; background: #f5f5f5; padding: 0.75rem 1rem; margin: 1rem 0; }
form.filters label { display: block; font-weight: 600; }
form.filters select, form.filters button { font: inherit; padding: 0.25rem 0.5rem; }
form.filters button { background: #004D99; color: #fff; border: 1px solid #004D99; border-radius: 3px; }
form.filters select:focus, form.filters button:focus { outline: 3px solid #004D99; outline-offset: 2px; }
.summary { font-size: 1.05rem; }
figure.trend { margin-top: 1.5rem; }
svg .grid { stroke: #d9d9d9; }
svg .axis { stroke: #1a1a1a; }
svg .trend-line { fill: none; stroke: #004D99; stroke-width: 2; }
svg .trend-point { fill: #004D99; }
svg .gap { stroke: #6b6b6b; stroke-dasharray: 4 3; }
form.filters input { font: inherit; padding: 0.25rem 0.5rem; min-width: 16rem; }
form.filters input:focus { outline: 3px solid #004D99; outline-offset: 2px; }
.hint { margin: 0.25rem 0 0; font-size: 0.9rem; }
form.revoke { margin: 0; }
form.revoke button { font: inherit; padding: 0.25rem 0.75rem; min-height: 2.75rem; background: #fff; color: #a30000; border: 1px solid #a30000; border-radius: 3px; }
form.revoke button:focus { outline: 3px solid #004D99; outline-offset: 2px; }
.code { font-size: 2.5rem; font-weight: 700; letter-spacing: 0.1em; font-variant-numeric: tabular-nums; font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; background: #f5f5f5; padding: 0.5rem 1rem; display: inline-block; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  header, nav, form.filters, form.revoke, .downloads { display: none; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  section ~ section { break-before: page; }
  h2 { border-top: none; padding-top: 0; }
  h3, h4 { break-after: avoid; }
  figure, table, .summary { break-inside: avoid; }
  .table-scroll { overflow: visible; }
  a { color: #1a1a1a; text-decoration: none; }
  svg { max-width: 100%; }
}
"#;

/// The dashboard's Content-Security-Policy: nothing may load or run but
/// its own stylesheet, allowed by the SHA-256 hash of its text (no
/// `'unsafe-inline'`); its filter form may only go to the dashboard's own
/// origin.
///
/// ```
/// let csp = lokalform_collector::dashboard::content_security_policy();
/// assert!(csp.starts_with("default-src 'none'; style-src 'sha256-"));
/// assert!(!csp.contains("unsafe-inline"));
/// ```
pub fn content_security_policy() -> &'static str {
    static POLICY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        use base64::Engine;
        let hash = base64::engine::general_purpose::STANDARD
            .encode(lokalform_text::sha256::sha256(STYLE.as_bytes()));
        format!(
            "default-src 'none'; style-src 'sha256-{hash}'; img-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        )
    })
}

/// What the dashboard shows: the filters from its query string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// Only the form with this id (every version).
    pub form: Option<String>,
    /// The bar charts show this period's counts instead of all weeks.
    pub period: Option<String>,
}

/// The start of a dashboard page, up to `<main>`, with the stylesheet the
/// policy allows.
fn open_page(html: &mut Html, title: &'static str) {
    html.markup("<!doctype html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    fill!(html, "<title>{}</title>\n<style>", title);
    html.markup(STYLE);
    html.markup(
        "</style>\n</head>\n<body>\n<header><p>lokalform · indsamleren</p></header>\n<main>\n",
    );
}

/// The end of a dashboard page.
fn close_page(html: &mut Html) {
    html.markup("</main>\n</body>\n</html>\n");
}

/// A dashboard page as an answer: private, never cached, under
/// [`content_security_policy`].
pub fn page_response(html: String, status: StatusCode) -> Response {
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(content_security_policy()),
    );
    response
}

/// Renders the dashboard page.
pub fn render(
    report: &Report,
    comments: &[StoredComment],
    has_comment_field: &dyn Fn(&str, u32) -> bool,
    cohorts: &CohortOverview,
    devices: &[StoredDevice],
    view: &View,
) -> String {
    let kind = report.period;
    let mut html = Html::with_capacity(16 * 1024);
    open_page(&mut html, "Rapport – lokalform");
    html.markup("<h1>Rapport over besvarelser</h1>\n");
    fill!(
        html,
        "<p class=\"note\">Tallene dækker alle uger samlet og {} for sig (en uge hører til \
         den måned, dens torsdag ligger i). Tal fra 1 til 4 vises som &lt;5, og enkelte andre \
         tal skjules og vises som x, så et lille tal ikke kan regnes ud fra de andre – heller \
         ikke ved at lægge perioderne sammen eller trække dem fra det samlede tal. Der vises \
         ikke tal pr. uge eller for selvvalgte datoer, for så kunne små tal findes ved at \
         trække perioder fra hinanden.</p>\n",
        kind.each_da()
    );
    let form_known = view
        .form
        .as_deref()
        .is_none_or(|id| report.forms.iter().any(|f| f.form == id));
    let only = view.form.as_deref().filter(|_| form_known);
    let period = view
        .period
        .as_deref()
        .filter(|id| !id.is_empty())
        .map(|id| (id, Period::parse(id, kind)));
    render_filters(&mut html, report, only, period.and_then(|(_, p)| p));
    if !form_known {
        fill!(
            html,
            "<p class=\"note\">Der er intet skema med id „{}“. Alle skemaer vises.</p>\n",
            view.form.as_deref().unwrap_or_default()
        );
    }
    let period = match period {
        Some((id, None)) => {
            fill!(
                html,
                "<p class=\"note\">„{}“ er ikke en af rapportens perioder ({}). Søjlerne viser alle uger samlet.</p>\n",
                id,
                kind.plural_da()
            );
            None
        }
        Some((_, Some(p))) => Some(p),
        None => None,
    };
    html.markup("<p class=\"downloads\"><a href=\"/admin/report.csv\">Hent alle tal som CSV</a> · <a href=\"/admin/report.json\">som JSON</a> · <a href=\"/admin/trend.csv\">Hent tallene pr. periode som CSV</a> · <a href=\"/admin/trend.json\">som JSON</a></p>\n");
    let shown: Vec<&FormReport> = report
        .forms
        .iter()
        .filter(|f| only.is_none_or(|id| id == f.form))
        .collect();
    if shown.is_empty() {
        html.markup("<p>Der er ingen skemaer.</p>\n");
    } else {
        html.markup("<nav aria-label=\"Skemaer\">\n<ul>\n");
        for form in &shown {
            fill!(
                html,
                "<li><a href=\"#{}\">{} (version {})</a></li>\n",
                form_anchor(form),
                form.title,
                form.version
            );
        }
        if only.is_none() {
            fill!(
                html,
                "<li><a href=\"#{}\">{}</a></li>\n",
                COHORTS_ANCHOR,
                COHORTS_HEADING
            );
            fill!(
                html,
                "<li><a href=\"#{}\">Tabletter</a></li>\n",
                devices::ANCHOR
            );
        }
        html.markup("</ul>\n</nav>\n");
    }
    for form in shown {
        render_form(
            &mut html,
            form,
            comments,
            has_comment_field(&form.form, form.version),
            kind,
            period,
        );
    }
    if only.is_none() {
        render_cohorts(&mut html, cohorts);
        devices::render_section(&mut html, devices);
    }
    close_page(&mut html);
    html.into_string()
}

/// The filter form: a form and a period, sent as GET parameters.
fn render_filters(html: &mut Html, report: &Report, only: Option<&str>, period: Option<Period>) {
    let kind = report.period;
    html.markup(
        "<form class=\"filters\" method=\"get\" action=\"/admin\">\n<div><label for=\"filter-form\">Skema</label>\n<select id=\"filter-form\" name=\"form\">\n<option value=\"\">Alle skemaer</option>\n",
    );
    let mut ids: Vec<(&str, &str)> = Vec::new();
    for f in &report.forms {
        if !ids.iter().any(|(id, _)| *id == f.form) {
            ids.push((&f.form, &f.title));
        }
    }
    for (id, title) in ids {
        if only == Some(id) {
            fill!(
                html,
                "<option value=\"{}\" selected>{}</option>\n",
                id,
                title
            );
        } else {
            fill!(html, "<option value=\"{}\">{}</option>\n", id, title);
        }
    }
    fill!(
        html,
        "</select></div>\n<div><label for=\"filter-period\">{}</label>\n<select id=\"filter-period\" name=\"period\">\n<option value=\"\">Alle uger samlet</option>\n",
        kind.heading_da()
    );
    let mut periods: Vec<Period> = report
        .forms
        .iter()
        .flat_map(|f| f.periods.iter().map(|p| p.period))
        .collect();
    periods.sort_unstable();
    periods.dedup();
    for p in periods.into_iter().rev() {
        if period == Some(p) {
            fill!(
                html,
                "<option value=\"{}\" selected>{}</option>\n",
                p.id(),
                p.label_da()
            );
        } else {
            fill!(
                html,
                "<option value=\"{}\">{}</option>\n",
                p.id(),
                p.label_da()
            );
        }
    }
    html.markup("</select></div>\n<div><button type=\"submit\">Vis</button></div>\n</form>\n");
}

fn form_anchor(form: &FormReport) -> String {
    format!("form-{}-v{}", form.form, form.version)
}

fn render_form(
    html: &mut Html,
    form: &FormReport,
    comments: &[StoredComment],
    has_comment_field: bool,
    kind: PeriodKind,
    period: Option<Period>,
) {
    let anchor = form_anchor(form);
    fill!(
        html,
        "<section aria-labelledby=\"{}\">\n<h2 id=\"{}\">{} <small>({}, version {})</small></h2>\n",
        anchor,
        anchor,
        form.title,
        form.form,
        form.version
    );
    fill!(
        html,
        "<p class=\"total\">Besvarelser i alt: <strong>{}</strong></p>\n",
        form.responses.label
    );
    trend_chart::summary(html, form, kind);
    fill!(
        html,
        "<p class=\"downloads\"><a href=\"/admin/report.csv?form={}\">Hent tallene for dette skema som CSV</a> · \
         <a href=\"/admin/trend.csv?form={}\">pr. periode som CSV</a></p>\n",
        form.form,
        form.form
    );
    // The chosen period's row, when this form has it.
    let index = period.map(|p| (p, form.periods.iter().position(|r| r.period == p)));
    match index {
        Some((p, Some(i))) => fill!(
            html,
            "<p class=\"note\">Søjlerne viser {}: {} besvarelser.</p>\n",
            p.label_da(),
            form.periods[i].responses.label
        ),
        Some((p, None)) => fill!(
            html,
            "<p class=\"note\">Der er ingen besvarelser af dette skema i {}. Søjlerne viser alle uger samlet.</p>\n",
            p.label_da()
        ),
        None => {}
    }
    for question in &form.questions {
        let id = format!("{anchor}-{}", question.question);
        fill!(html, "<h3 id=\"{}\">{}</h3>\n", id, question.label);
        match index {
            Some((p, Some(i))) => {
                let row = &question.periods[i];
                let scope = p.label_da();
                render_counts(
                    html,
                    &id,
                    question,
                    &row.options,
                    row.withheld,
                    Some(&scope),
                );
            }
            _ => render_counts(
                html,
                &id,
                question,
                &question.options,
                question.withheld,
                None,
            ),
        }
        trend_chart::render(html, &id, form, question, kind);
    }
    if has_comment_field {
        render_comments(html, &anchor, form, comments);
    }
    html.markup("</section>\n");
}

/// Layout of a chart, in SVG user units.
const LABEL_WIDTH: u32 = 250;
const BAR_MAX: u32 = 300;
const ROW: u32 = 30;
const CHART_WIDTH: u32 = 640;

/// A question's counts (all weeks, or the period `scope`) as a bar chart
/// and its table.
fn render_counts(
    html: &mut Html,
    id: &str,
    q: &QuestionReport,
    options: &[OptionReport],
    withheld: bool,
    scope: Option<&str>,
) {
    if withheld {
        html.markup(
            "<p class=\"note\">Tallene for dette spørgsmål er tilbageholdt: der er for få \
             svar til, at de kan vises uden risiko for at genkende nogen.</p>\n",
        );
    }
    let max = options
        .iter()
        .filter_map(|o| o.count.value)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW * u32::try_from(options.len()).unwrap_or(0) + 10;
    let title = match scope {
        Some(scope) => format!("{} ({scope})", q.label),
        None => q.label.clone(),
    };
    html.markup("<figure>\n");
    fill!(
        html,
        "<svg role=\"img\" aria-labelledby=\"{}-chart\" viewBox=\"0 0 {} {}\" \
         xmlns=\"http://www.w3.org/2000/svg\" font-family=\"inherit\" font-size=\"14\">\n\
         <title id=\"{}-chart\">Søjlediagram over svarene på: {}. Tallene står i tabellen under diagrammet.</title>\n",
        id,
        CHART_WIDTH,
        height,
        id,
        title
    );
    for (i, option) in options.iter().enumerate() {
        let y = ROW * u32::try_from(i).unwrap_or(0) + 5;
        let text_y = y + 19;
        fill!(
            html,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>\n",
            LABEL_WIDTH - 10,
            text_y,
            option.label
        );
        match option.count.value {
            Some(n) => {
                let width = u64::from(BAR_MAX) * n / max;
                if width > 0 {
                    fill!(
                        html,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#004D99\"/>\n",
                        LABEL_WIDTH,
                        y + 4,
                        width,
                        ROW - 10
                    );
                }
                fill!(
                    html,
                    "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>\n",
                    u64::from(LABEL_WIDTH) + width + 6,
                    text_y,
                    n
                );
            }
            None => {
                fill!(
                    html,
                    "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>\n",
                    LABEL_WIDTH + 6,
                    text_y,
                    option.count.label
                );
            }
        }
    }
    html.markup("</svg>\n");
    fill!(
        html,
        "<table>\n<caption>Antal svar: {}</caption>\n<thead><tr><th scope=\"col\">Svar</th><th scope=\"col\">Antal</th></tr></thead>\n<tbody>\n",
        title
    );
    for option in options {
        fill!(
            html,
            "<tr><th scope=\"row\">{}</th><td class=\"count\">{}</td></tr>\n",
            option.label,
            option.count.label
        );
    }
    html.markup("</tbody>\n</table>\n</figure>\n");
}

fn render_comments(
    html: &mut Html,
    form_anchor: &str,
    form: &FormReport,
    comments: &[StoredComment],
) {
    let mine: Vec<&StoredComment> = comments
        .iter()
        .filter(|c| c.form == form.form && c.version == form.version)
        .collect();
    fill!(
        html,
        "<h3 id=\"{}-comments\">Kommentarer ({})</h3>\n",
        form_anchor,
        mine.len()
    );
    if mine.is_empty() {
        html.markup("<p>Der er ingen kommentarer endnu.</p>\n");
        return;
    }
    html.markup(
        "<p>Kommentarerne er renset for CPR-numre, telefonnumre, e-mailadresser og lange tal, \
         før de blev sendt og igen her. Nyeste uge først.</p>\n",
    );
    let mut week: Option<&str> = None;
    for comment in mine {
        if week != Some(comment.week.as_str()) {
            if week.is_some() {
                html.markup("</ul>\n");
            }
            fill!(
                html,
                "<h4>Uge {}</h4>\n<ul class=\"comments\">\n",
                comment.week
            );
            week = Some(comment.week.as_str());
        }
        fill!(html, "<li>{}</li>\n", comment.text);
    }
    html.markup("</ul>\n");
}

const COHORTS_ANCHOR: &str = "cohorts";
const COHORTS_HEADING: &str = "Forløb: før- og eftermålinger";

/// The programmes' cohorts: one part per instrument version.
fn render_cohorts(html: &mut Html, overview: &CohortOverview) {
    fill!(
        html,
        "<section aria-labelledby=\"{}\">\n<h2 id=\"{}\">{}</h2>\n",
        COHORTS_ANCHOR,
        COHORTS_ANCHOR,
        COHORTS_HEADING
    );
    html.markup(
        "<p class=\"note\">Tallene er de tal, projekterne selv har offentliggjort for en runde. \
         Gennemsnit og ændring gælder deltagere med både en før- og en eftermåling. \
         Antal fra 1 til 4 vises som &lt;5, og så vises der heller ikke gennemsnit for projektet. \
         Et antal, der ellers kunne regne et lille tal ud, vises som x.</p>\n",
    );
    html.markup(
        "<p><a href=\"/admin/cohorts.csv\">Hent forløbstallene som CSV</a> · \
         <a href=\"/admin/cohorts.json\">som JSON</a> · \
         <a href=\"/admin/channels.csv\">Hent, hvor deltagerne har hørt om projekterne, som CSV</a></p>\n",
    );
    if overview.instruments.is_empty() {
        html.markup("<p>Der er ikke modtaget nogen forløbstal endnu.</p>\n</section>\n");
        return;
    }
    for group in &overview.instruments {
        render_instrument(html, group);
    }
    html.markup("</section>\n");
}

fn instrument_name(group: &InstrumentCohorts) -> String {
    group
        .title
        .clone()
        .unwrap_or_else(|| group.instrument.clone())
}

/// Whose figures, in the dashboard's Danish.
fn group_name(group: CohortGroup) -> &'static str {
    match group {
        CohortGroup::Peers => "peers",
        CohortGroup::Mentors => "peer-mentorer",
        CohortGroup::All => "alle deltagere (sendt før opdelingen i peers og peer-mentorer)",
    }
}

fn render_instrument(html: &mut Html, group: &InstrumentCohorts) {
    let id = match group.group {
        CohortGroup::All => format!("cohort-{}-v{}", group.instrument, group.version),
        g => format!("cohort-{}-v{}-{}", group.instrument, group.version, g.id()),
    };
    let name = format!("{}, {}", instrument_name(group), group_name(group.group));
    fill!(
        html,
        "<h3 id=\"{}\">{} <small>({}, version {})</small></h3>\n",
        id,
        name,
        group.instrument,
        group.version
    );
    if let Some(note) = &group.evaluation_note {
        fill!(html, "<p class=\"note\">{}</p>\n", note);
    }
    html.markup("<figure>\n");
    render_chart(html, &id, &name, group);
    fill!(
        html,
        "<div class=\"table-scroll\" role=\"region\" aria-labelledby=\"{}-caption\" tabindex=\"0\">\n<table>\n\
         <caption id=\"{}-caption\">Før- og eftermålinger: {}</caption>\n<thead><tr>\
         <th scope=\"col\">Kommune</th><th scope=\"col\">Projekt</th><th scope=\"col\">Runde</th>\
         <th scope=\"col\">Antal med begge målinger</th><th scope=\"col\">Gennemsnit før</th>\
         <th scope=\"col\">Gennemsnit efter</th>\
         <th scope=\"col\">Gennemsnitlig ændring (95 %-konfidensinterval)</th>\
         <th scope=\"col\">Andel i risiko før</th><th scope=\"col\">Andel i risiko efter</th>\
         </tr></thead>\n<tbody>\n",
        id,
        id,
        name
    );
    for p in &group.programmes {
        programme_row(html, p);
    }
    combined_row(html, &group.combined);
    html.markup("</tbody>\n</table>\n</div>\n</figure>\n");
    combined_notes(html, &group.combined);
}

/// A mean change with its interval: `2,00 (0,00 til 4,00)`.
fn change_with_interval(m: f64, lo: f64, hi: f64) -> String {
    format!(
        "{} ({} til {})",
        decimal(m, 2),
        decimal(lo, 2),
        decimal(hi, 2)
    )
}

fn programme_row(html: &mut Html, p: &ProgrammeCohort) {
    let r = &p.report;
    let withheld = if r.with_both == Cell::Small {
        "<5"
    } else {
        "–"
    };
    let statistic = |x: Option<f64>| x.map_or_else(|| withheld.to_string(), |v| decimal(v, 2));
    let change = match (r.mean_change, r.ci95) {
        (Some(m), Some((lo, hi))) => change_with_interval(m, lo, hi),
        _ => withheld.to_string(),
    };
    fill!(
        html,
        "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"nowrap\">{}</td><td class=\"figure\">{}</td>\
         <td class=\"figure\">{}</td><td class=\"figure\">{}</td><td class=\"figure\">{}</td>\
         <td class=\"figure\">{}</td><td class=\"figure\">{}</td></tr>\n",
        p.municipality,
        p.programme,
        p.round,
        r.with_both.label(),
        statistic(r.mean_before),
        statistic(r.mean_after),
        change,
        share_text(&r.at_risk_before, r.share_at_risk_before()),
        share_text(&r.at_risk_after, r.share_at_risk_after()),
    );
}

/// A programme's share at risk: the percentage, or the label of the count
/// when it is not shown (`<5`, `x`), or a dash when no one has both.
fn share_text(row: &SuppressedRow, share: Option<f64>) -> String {
    match share {
        Some(s) => percent(s),
        None if row.total == Cell::Shown(0) => "–".to_string(),
        None => row.cells.first().map(|c| c.label()).unwrap_or_default(),
    }
}

fn combined_row(html: &mut Html, c: &Combined) {
    let dash = || "–".to_string();
    let statistic = |x: Option<f64>| x.map_or_else(dash, |v| decimal(v, 2));
    let change = match (c.mean_change, c.ci95_low, c.ci95_high) {
        (Some(m), Some(lo), Some(hi)) => change_with_interval(m, lo, hi),
        (Some(m), _, _) => decimal(m, 2),
        _ => dash(),
    };
    let share = |x: Option<f64>| x.map_or_else(dash, percent);
    fill!(
        html,
        "<tr class=\"combined\"><th scope=\"row\" colspan=\"3\">Samlet</th><td class=\"figure\">{}</td>\
         <td class=\"figure\">{}</td><td class=\"figure\">{}</td><td class=\"figure\">{}</td>\
         <td class=\"figure\">{}</td><td class=\"figure\">{}</td></tr>\n",
        c.with_both,
        statistic(c.mean_before),
        statistic(c.mean_after),
        change,
        share(c.share_at_risk_before),
        share(c.share_at_risk_after),
    );
}

fn combined_notes(html: &mut Html, c: &Combined) {
    let mut notes: Vec<String> = Vec::new();
    if c.programmes > 0 {
        notes.push(
            "Samlet: gennemsnittene er vægtet med antallet med begge målinger. \
             Konfidensintervallet bygger på hvert projekts spredning, regnet tilbage fra \
             projektets eget interval, og på forskellen mellem projekterne."
                .to_string(),
        );
    } else {
        notes.push(
            "Samlet kan ikke beregnes: intet projekt har 5 eller flere med begge målinger."
                .to_string(),
        );
    }
    match c.not_included_under_5 {
        0 => {}
        1 => notes.push(
            "1 projekt indgår ikke i Samlet, fordi færre end 5 har begge målinger (under 5)."
                .to_string(),
        ),
        n => notes.push(format!(
            "{n} projekter indgår ikke i Samlet, fordi færre end 5 har begge målinger (under 5)."
        )),
    }
    if c.programmes > 0 {
        let missing: Vec<&str> = [
            ("før", c.share_at_risk_before),
            ("efter", c.share_at_risk_after),
        ]
        .iter()
        .filter(|(_, share)| share.is_none())
        .map(|(when, _)| *when)
        .collect();
        if !missing.is_empty() {
            notes.push(format!(
                "Samlet andel i risiko {} kan ikke beregnes, fordi ikke alle projekter har \
                 offentliggjort antallet i risiko (det er vist som <5 eller x).",
                missing.join(" og ")
            ));
        }
    }
    for note in notes {
        fill!(html, "<p>{}</p>\n", note);
    }
}

/// Layout of the cohort chart, in SVG user units.
const PLOT_LEFT: f64 = 260.0;
const PLOT_RIGHT: f64 = 540.0;
const VALUE_X: f64 = 552.0;
const AXIS_SPACE: u32 = 44;
/// The longest label drawn in the chart; the table has the whole name.
const CHART_LABEL_CHARS: usize = 30;

/// An SVG coordinate with one decimal.
fn coord(x: f64) -> String {
    format!("{x:.1}")
}

/// A forest plot: per programme round the mean change as a square with
/// its 95% interval as a line; the combined change as a diamond spanning
/// its interval; a dashed line at 0.
fn render_chart(html: &mut Html, id: &str, name: &str, group: &InstrumentCohorts) {
    let c = &group.combined;
    let combined_ci = match (c.mean_change, c.ci95_low, c.ci95_high) {
        (Some(m), Some(lo), Some(hi)) => Some((m, lo, hi)),
        _ => None,
    };
    let mut lo = 0.0f64;
    let mut hi = 0.0f64;
    let intervals = group
        .programmes
        .iter()
        .filter_map(|p| Some((p.report.mean_change?, p.report.ci95?)))
        .map(|(m, (l, h))| (m, l, h))
        .chain(combined_ci);
    for (_, l, h) in intervals {
        lo = lo.min(l);
        hi = hi.max(h);
    }
    if hi - lo < 1.0 {
        hi = lo + 1.0;
    }
    let pad = (hi - lo) * 0.05;
    let (lo, hi) = (lo - pad, hi + pad);
    let x = |v: f64| PLOT_LEFT + (v - lo) / (hi - lo) * (PLOT_RIGHT - PLOT_LEFT);
    let rows = u32::try_from(group.programmes.len() + 1).unwrap_or(u32::MAX / 64);
    let plot_bottom = ROW * rows + 5;
    let height = plot_bottom + AXIS_SPACE;
    fill!(
        html,
        "<svg role=\"img\" aria-labelledby=\"{}-chart {}-chart-desc\" viewBox=\"0 0 {} {}\" \
         xmlns=\"http://www.w3.org/2000/svg\" font-family=\"inherit\" font-size=\"14\">\n\
         <title id=\"{}-chart\">Gennemsnitlig ændring med 95 %-konfidensinterval: {}</title>\n\
         <desc id=\"{}-chart-desc\">Hvert projekt og runde er en firkant med en vandret linje for \
         konfidensintervallet; Samlet er en rombe. Den stiplede linje er ingen ændring. \
         Tallene står i tabellen under diagrammet.</desc>\n",
        id,
        id,
        CHART_WIDTH,
        height,
        id,
        name,
        id
    );
    let zero = coord(x(0.0));
    fill!(
        html,
        "<line x1=\"{}\" y1=\"2\" x2=\"{}\" y2=\"{}\" stroke=\"#6b6b6b\" stroke-dasharray=\"4 3\"/>\n",
        zero,
        zero,
        plot_bottom
    );
    for (i, p) in group.programmes.iter().enumerate() {
        let y = ROW * u32::try_from(i).unwrap_or(0) + 5;
        let mid = y + ROW / 2;
        let label = format!("{} · {} · {}", p.municipality, p.programme, p.round);
        fill!(
            html,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>\n",
            LABEL_WIDTH - 10,
            mid + 5,
            clip(&label, CHART_LABEL_CHARS)
        );
        match (p.report.mean_change, p.report.ci95) {
            (Some(m), Some((l, h))) => {
                let (xl, xh) = (coord(x(l)), coord(x(h)));
                fill!(
                    html,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#004D99\" stroke-width=\"2\"/>\n\
                     <line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#004D99\" stroke-width=\"2\"/>\n\
                     <line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#004D99\" stroke-width=\"2\"/>\n\
                     <rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"#004D99\"/>\n\
                     <text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>\n",
                    xl,
                    mid,
                    xh,
                    mid,
                    xl,
                    mid - 6,
                    xl,
                    mid + 6,
                    xh,
                    mid - 6,
                    xh,
                    mid + 6,
                    coord(x(m) - 5.0),
                    mid - 5,
                    VALUE_X,
                    mid + 5,
                    decimal(m, 2)
                );
            }
            _ => {
                let why = if p.report.with_both == Cell::Small {
                    "<5 med begge målinger: vises ikke"
                } else {
                    "ingen med begge målinger"
                };
                fill!(
                    html,
                    "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>\n",
                    PLOT_LEFT + 6.0,
                    mid + 5,
                    why
                );
            }
        }
    }
    let y = ROW * (rows - 1) + 5;
    let mid = y + ROW / 2;
    fill!(
        html,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\" font-weight=\"bold\">Samlet</text>\n",
        LABEL_WIDTH - 10,
        mid + 5
    );
    match combined_ci {
        Some((m, l, h)) => {
            // At least 8 units wide, so an interval of one point still shows.
            let (xm, half) = (x(m), ((x(h) - x(l)) / 2.0).max(4.0));
            let (xl, xh, xm) = (coord(xm - half), coord(xm + half), coord(xm));
            fill!(
                html,
                "<polygon points=\"{},{} {},{} {},{} {},{}\" fill=\"#1a1a1a\"/>\n\
                 <text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\" font-weight=\"bold\">{}</text>\n",
                xl,
                mid,
                xm,
                mid - 8,
                xh,
                mid,
                xm,
                mid + 8,
                VALUE_X,
                mid + 5,
                decimal(m, 2)
            );
        }
        None => {
            fill!(
                html,
                "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">kan ikke beregnes</text>\n",
                PLOT_LEFT + 6.0,
                mid + 5
            );
        }
    }
    // The axis, with ticks at round numbers.
    fill!(
        html,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1a1a1a\"/>\n",
        PLOT_LEFT,
        plot_bottom,
        PLOT_RIGHT,
        plot_bottom
    );
    let (step, decimals) = tick_step(hi - lo);
    let mut k = (lo / step).ceil();
    // The step gives at most about ten ticks; the bound is only a guard.
    for _ in 0..20 {
        if k * step > hi {
            break;
        }
        let v = k * step;
        let tick = coord(x(v));
        fill!(
            html,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1a1a1a\"/>\n\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\" font-size=\"12\">{}</text>\n",
            tick,
            plot_bottom,
            tick,
            plot_bottom + 4,
            tick,
            plot_bottom + 17,
            decimal(v, decimals)
        );
        k += 1.0;
    }
    fill!(
        html,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\" font-size=\"12\">Ændring (efter − før)</text>\n",
        coord((PLOT_LEFT + PLOT_RIGHT) / 2.0),
        plot_bottom + 36
    );
    html.markup("</svg>\n");
}

/// A step of 1, 2 or 5 times a power of ten giving 3 to 8 ticks over
/// `span`, and the decimals its labels need.
fn tick_step(span: f64) -> (f64, usize) {
    let rough = (span / 5.0).max(1e-6);
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    let decimals = if step >= 1.0 {
        0
    } else {
        usize::try_from((-step.log10().floor()) as i64)
            .unwrap_or(2)
            .min(4)
    };
    (step, decimals)
}

/// A number in Danish: decimal comma, a true minus sign, no `-0`.
///
/// ```
/// use lokalform_collector::dashboard::decimal;
/// assert_eq!(decimal(-1.204, 2), "−1,20");
/// assert_eq!(decimal(-0.001, 2), "0,00");
/// assert_eq!(decimal(12.0, 2), "12,00");
/// ```
pub fn decimal(x: f64, decimals: usize) -> String {
    let places = i32::try_from(decimals).unwrap_or(2);
    let r = crate::cohort_report::round(x, places);
    let text = format!("{:.*}", decimals, r.abs()).replace('.', ",");
    if r < 0.0 {
        format!("−{text}")
    } else {
        text
    }
}

/// A share as a Danish percentage with one decimal: `43,3 %`.
pub(crate) fn percent(share: f64) -> String {
    format!("{} %", decimal(share * 100.0, 1))
}

/// At most `max` characters, with `…` when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut cut: String = s.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}
