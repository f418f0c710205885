//! The admin dashboard: one server-rendered HTML page in Danish.
//!
//! For each form version: the number of responses, and for each counted
//! question a horizontal bar chart in inline SVG with a table beside it as
//! its text alternative. All numbers are the suppressed ones from
//! [`crate::report`]: a bar is drawn only for a shown count; `<5` and `x`
//! are written as text. The comment inbox follows, newest week first.
//!
//! No scripts, no external fonts or images: the page works offline and
//! under a strict Content-Security-Policy. Colours follow Det Fælles
//! Designsystem (links #004D99) with the system font stack.

use crate::report::{FormReport, QuestionReport, Report};
use crate::store::StoredComment;
use std::fmt::Write;

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
"#;

/// Escapes text for HTML and SVG.
///
/// ```
/// use lokalform_collector::dashboard::escape;
/// assert_eq!(escape("<5 & \"x\""), "&lt;5 &amp; &quot;x&quot;");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    lokalform::html::escape_html(s, &mut out);
    out
}

/// Renders the dashboard page.
pub fn render(
    report: &Report,
    comments: &[StoredComment],
    has_comment_field: &dyn Fn(&str, u32) -> bool,
) -> String {
    let mut html = String::with_capacity(16 * 1024);
    html.push_str("<!doctype html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<title>Rapport – lokalform</title>\n<style>");
    html.push_str(STYLE);
    html.push_str(
        "</style>\n</head>\n<body>\n<header><p>lokalform · indsamling</p></header>\n<main>\n",
    );
    html.push_str("<h1>Rapport over besvarelser</h1>\n");
    html.push_str(
        "<p class=\"note\">Tallene dækker alle uger samlet. Tal fra 1 til 4 vises som \
         &lt;5, og enkelte andre tal skjules og vises som x, så et lille tal ikke kan \
         regnes ud fra de andre. Der vises ikke tal pr. uge, for så kunne små tal \
         findes ved at trække perioder fra hinanden.</p>\n",
    );
    html.push_str("<p><a href=\"/admin/report.csv\">Hent alle tal som CSV</a> · <a href=\"/admin/report.json\">som JSON</a></p>\n");
    if report.forms.is_empty() {
        html.push_str("<p>Der er ingen skemaer.</p>\n");
    } else {
        html.push_str("<nav aria-label=\"Skemaer\">\n<ul>\n");
        for form in &report.forms {
            let _ = writeln!(
                html,
                "<li><a href=\"#{}\">{} (version {})</a></li>",
                form_anchor(form),
                escape(&form.title),
                form.version
            );
        }
        html.push_str("</ul>\n</nav>\n");
    }
    for form in &report.forms {
        render_form(
            &mut html,
            form,
            comments,
            has_comment_field(&form.form, form.version),
        );
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

fn form_anchor(form: &FormReport) -> String {
    format!("form-{}-v{}", form.form, form.version)
}

fn render_form(
    html: &mut String,
    form: &FormReport,
    comments: &[StoredComment],
    has_comment_field: bool,
) {
    let anchor = form_anchor(form);
    let _ = writeln!(
        html,
        "<section aria-labelledby=\"{anchor}\">\n<h2 id=\"{anchor}\">{} <small>({}, version {})</small></h2>",
        escape(&form.title),
        escape(&form.form),
        form.version
    );
    let _ = writeln!(
        html,
        "<p class=\"total\">Besvarelser i alt: <strong>{}</strong></p>",
        escape(&form.responses.label)
    );
    let _ = writeln!(
        html,
        "<p><a href=\"/admin/report.csv?form={}\">Hent tallene for dette skema som CSV</a></p>",
        escape(&form.form)
    );
    for question in &form.questions {
        render_question(html, &anchor, question);
    }
    if has_comment_field {
        render_comments(html, &anchor, form, comments);
    }
    html.push_str("</section>\n");
}

/// Layout of a chart, in SVG user units.
const LABEL_WIDTH: u32 = 250;
const BAR_MAX: u32 = 300;
const ROW: u32 = 30;
const CHART_WIDTH: u32 = 640;

fn render_question(html: &mut String, form_anchor: &str, q: &QuestionReport) {
    let id = format!("{form_anchor}-{}", q.question);
    let _ = writeln!(html, "<h3 id=\"{id}\">{}</h3>", escape(&q.label));
    if q.withheld {
        html.push_str(
            "<p class=\"note\">Tallene for dette spørgsmål er tilbageholdt: der er for få \
             svar til, at de kan vises uden risiko for at genkende nogen.</p>\n",
        );
    }
    let max = q
        .options
        .iter()
        .filter_map(|o| o.count.value)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW * u32::try_from(q.options.len()).unwrap_or(0) + 10;
    html.push_str("<figure>\n");
    let _ = writeln!(
        html,
        "<svg role=\"img\" aria-labelledby=\"{id}-chart\" viewBox=\"0 0 {CHART_WIDTH} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\" font-family=\"inherit\" font-size=\"14\">\n\
         <title id=\"{id}-chart\">Søjlediagram over svarene på: {}. Tallene står i tabellen under diagrammet.</title>",
        escape(&q.label)
    );
    for (i, option) in q.options.iter().enumerate() {
        let y = ROW * u32::try_from(i).unwrap_or(0) + 5;
        let text_y = y + 19;
        let _ = writeln!(
            html,
            "<text x=\"{}\" y=\"{text_y}\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>",
            LABEL_WIDTH - 10,
            escape(&option.label)
        );
        match option.count.value {
            Some(n) => {
                let width = u64::from(BAR_MAX) * n / max;
                if width > 0 {
                    let _ = writeln!(
                        html,
                        "<rect x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{width}\" height=\"{}\" fill=\"#004D99\"/>",
                        y + 4,
                        ROW - 10
                    );
                }
                let _ = writeln!(
                    html,
                    "<text x=\"{}\" y=\"{text_y}\" fill=\"#1a1a1a\">{n}</text>",
                    u64::from(LABEL_WIDTH) + width + 6
                );
            }
            None => {
                let _ = writeln!(
                    html,
                    "<text x=\"{}\" y=\"{text_y}\" fill=\"#1a1a1a\">{}</text>",
                    LABEL_WIDTH + 6,
                    escape(&option.count.label)
                );
            }
        }
    }
    html.push_str("</svg>\n");
    let _ = writeln!(
        html,
        "<table>\n<caption>Antal svar: {}</caption>\n<thead><tr><th scope=\"col\">Svar</th><th scope=\"col\">Antal</th></tr></thead>\n<tbody>",
        escape(&q.label)
    );
    for option in &q.options {
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\">{}</th><td class=\"count\">{}</td></tr>",
            escape(&option.label),
            escape(&option.count.label)
        );
    }
    html.push_str("</tbody>\n</table>\n</figure>\n");
}

fn render_comments(
    html: &mut String,
    form_anchor: &str,
    form: &FormReport,
    comments: &[StoredComment],
) {
    let mine: Vec<&StoredComment> = comments
        .iter()
        .filter(|c| c.form == form.form && c.version == form.version)
        .collect();
    let _ = writeln!(
        html,
        "<h3 id=\"{form_anchor}-comments\">Kommentarer ({})</h3>",
        mine.len()
    );
    if mine.is_empty() {
        html.push_str("<p>Der er ingen kommentarer endnu.</p>\n");
        return;
    }
    html.push_str(
        "<p>Kommentarerne er renset for CPR-numre, telefonnumre, e-mailadresser og lange tal, \
         før de blev sendt og igen her. Nyeste uge først.</p>\n",
    );
    let mut week: Option<&str> = None;
    for comment in mine {
        if week != Some(comment.week.as_str()) {
            if week.is_some() {
                html.push_str("</ul>\n");
            }
            let _ = writeln!(
                html,
                "<h4>Uge {}</h4>\n<ul class=\"comments\">",
                escape(&comment.week)
            );
            week = Some(comment.week.as_str());
        }
        let _ = writeln!(html, "<li>{}</li>", escape(&comment.text));
    }
    html.push_str("</ul>\n");
}
