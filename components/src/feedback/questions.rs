//! The feedback questions as markup, and keeping that markup in step with
//! the answers: one implementation for the web box (and its pre-rendered
//! first screen, made at build time by the same functions) and the kiosk.
//!
//! The markup is written once ([`question_html`], [`error_summary_html`])
//! and changed in place by [`show`], which makes it show the answers and,
//! once the citizen tried to go on, their problems, with DKFDS error
//! handling: the error above the field with a hidden "Fejl:",
//! `aria-invalid` and `aria-describedby`, and the error summary. What the
//! citizen does reaches the widget as an [`Input`] ([`input_of`]). An
//! optional question ends with "Vil helst ikke svare" ([`DECLINED`]): a
//! choice can be taken back, and nothing is sent for it.
//!
//! ```
//! use lokalform_components::common::words::words;
//! use lokalform_components::feedback::questions::question_html;
//! use lokalform_forms::schema::{Form, Lang, FEEDBACK_FORM_JSON};
//! let form = Form::from_json_for_feedback(FEEDBACK_FORM_JSON).unwrap();
//! let mut html = String::new();
//! question_html(&mut html, &form.fields[1], Lang::Da, words(Lang::Da), form.marks_required());
//! assert!(html.starts_with(r#"<fieldset class="field"><legend class="label">Følte du dig hørt?</legend>"#));
//! assert!(html.contains(r#"value="">"#)); // "Vil helst ikke svare"
//! ```

use super::answers::{FieldError, DECLINED};
use crate::common::choice::option_card_html;
use crate::common::focus::id_selector;
use crate::common::html::{attribute, element, escape_html};
use crate::common::words::Words;
use lokalform_forms::aggregate::Choices;
use lokalform_forms::schema::{Field, FieldKind, Form, Lang};
use wasm_bindgen::JsCast;

/// The question with its mark: "(skal besvares)" on required questions
/// where those are fewer, else "(valgfrit)" on optional ones (DKFDS: mark
/// the minority).
fn label_text(field: &Field, lang: Lang, words: &Words, mark_required: bool) -> String {
    let label = field.label.get(lang);
    match (field.required, mark_required) {
        (true, true) => format!("{label} {}", words.required),
        (false, false) => format!("{label} {}", words.optional),
        _ => label.to_string(),
    }
}

/// The ids that describe `field`'s control: its help, the comment's crisis
/// line and counter, and its error while it has one.
fn described_by(field: &Field, error: bool) -> Option<String> {
    let id = &field.id;
    let mut ids = Vec::new();
    if field.help.is_some() {
        ids.push(format!("q-{id}-help"));
    }
    if field.kind == FieldKind::Comment {
        if field.crisis_line.is_some() {
            ids.push(format!("q-{id}-crisis"));
        }
        ids.push(format!("q-{id}-count"));
    }
    if error {
        ids.push(format!("q-{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Appends the markup of `field` with nothing answered and no error.
pub fn question_html(
    out: &mut String,
    field: &Field,
    lang: Lang,
    words: &Words,
    mark_required: bool,
) {
    // The feedback reader admits only smiley, choice and comment.
    let id = &field.id;
    let label = label_text(field, lang, words, mark_required);
    let help = |out: &mut String| {
        if let Some(help) = &field.help {
            out.push_str("<p class=\"help\"");
            attribute(out, "id", &format!("q-{id}-help"));
            out.push('>');
            escape_html(help.get(lang), out);
            out.push_str("</p>");
        }
    };
    if field.kind == FieldKind::Comment {
        let limit = field.comment_limit();
        out.push_str(r#"<div class="field"><label class="label""#);
        attribute(out, "for", &format!("q-{id}"));
        out.push('>');
        escape_html(&label, out);
        out.push_str("</label>");
        help(out);
        if let Some(crisis) = &field.crisis_line {
            out.push_str(r#"<p class="help crisis-line""#);
            attribute(out, "id", &format!("q-{id}-crisis"));
            out.push('>');
            escape_html(crisis.get(lang), out);
            out.push_str("</p>");
        }
        out.push_str(r#"<textarea class="textarea" rows="4""#);
        attribute(out, "id", &format!("q-{id}"));
        attribute(out, "maxlength", &limit.to_string());
        if let Some(ids) = described_by(field, false) {
            attribute(out, "aria-describedby", &ids);
        }
        out.push_str("></textarea><p class=\"counter\"");
        attribute(out, "id", &format!("q-{id}-count"));
        out.push('>');
        escape_html(&(words.chars_left)(limit), out);
        out.push_str("</p></div>");
        return;
    }
    let smiley = field.kind == FieldKind::Smiley;
    out.push_str(r#"<fieldset class="field""#);
    if let Some(ids) = described_by(field, false) {
        attribute(out, "aria-describedby", &ids);
    }
    out.push('>');
    element(out, "legend", "label", &label);
    help(out);
    out.push_str(if smiley {
        r#"<div class="faces">"#
    } else {
        r#"<div class="choices">"#
    });
    let name = format!("q-{id}");
    for (i, option) in field.options.iter().enumerate() {
        let input = format!("q-{id}-{i}");
        option_card_html(
            out,
            smiley,
            i,
            &name,
            &input,
            &option.value,
            option.label.get(lang),
        );
    }
    // "Vil helst ikke svare" after the options of an optional question: a
    // choice of its own, never sent; below the faces on the smiley scale.
    if !field.required {
        if smiley {
            out.push_str(r#"</div><div class="choices">"#);
        }
        let input = format!("q-{id}-{}", field.options.len());
        option_card_html(out, false, 0, &name, &input, DECLINED, words.declined);
    }
    out.push_str("</div></fieldset>");
}

/// Appends the DKFDS error summary of `form`: a line per question, each
/// hidden until [`show`] gives it a problem, with a link that moves focus
/// to the question (the click is the widget's: see [`summary_target`]).
pub fn error_summary_html(out: &mut String, form: &Form, words: &Words) {
    out.push_str(r#"<div class="error-summary" hidden tabindex="-1" aria-labelledby="error-summary-title"><h3 class="error-summary-title" id="error-summary-title">"#);
    escape_html(words.error_summary, out);
    out.push_str("</h3><ul>");
    for field in &form.fields {
        out.push_str("<li hidden><a");
        attribute(
            out,
            "href",
            &format!("#{}", super::answers::control_id(form, &field.id)),
        );
        out.push_str("></a></li>");
    }
    out.push_str("</ul></div>");
}

/// A summary line: the field's message, preceded by the question when the
/// message is the general "Vælg et svar.".
fn summary_line(field: &Field, lang: Lang, message: &str) -> String {
    let specific = field.required_message.is_some() || field.kind == FieldKind::Comment;
    if specific {
        message.to_string()
    } else {
        format!("{}: {message}", field.label.get(lang))
    }
}

/// The answers as the questions show them.
pub struct Shown<'a> {
    /// Chosen option value per question id.
    pub choices: &'a [(String, String)],
    /// The comment.
    pub comment: &'a str,
    /// The problems to show: empty until the citizen tried to go on.
    pub problems: &'a [FieldError],
}

/// Makes the questions of `form` under `root` (those drawn there: a kiosk
/// screen has one) and its error summary, if drawn, show `shown`.
pub fn show(root: &web_sys::Element, form: &Form, shown: &Shown, lang: Lang, words: &Words) {
    let find = |selector: &str| root.query_selector(selector).ok().flatten();
    for (i, field) in form.fields.iter().enumerate() {
        let id = &field.id;
        let problem = shown.problems.iter().find(|p| &p.field == id);
        let described = described_by(field, problem.is_some());
        let (controls, place) = if field.kind == FieldKind::Comment {
            let Some(area) = find(&id_selector(&format!("q-{id}"))) else {
                continue;
            };
            if let Some(area) = area.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                if area.value() != shown.comment {
                    area.set_value(shown.comment);
                }
            }
            let used = shown.comment.chars().count();
            if let Some(counter) = find(&id_selector(&format!("q-{id}-count"))) {
                let left = (words.chars_left)(field.comment_limit().saturating_sub(used));
                if counter.text_content().as_deref() != Some(left.as_str()) {
                    counter.set_text_content(Some(&left));
                }
            }
            set_or_remove(&area, "aria-describedby", described.as_deref());
            (vec![area.clone()], area)
        } else {
            let Ok(list) = root.query_selector_all(&format!("input[name=\"q-{id}\"]")) else {
                continue;
            };
            let chosen = shown.choices.chosen(id);
            let mut inputs = Vec::new();
            for n in 0..list.length() {
                if let Some(input) = list
                    .get(n)
                    .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    input.set_checked(chosen == Some(input.value().as_str()));
                    inputs.push(web_sys::Element::from(input));
                }
            }
            let Some(fieldset) = inputs
                .first()
                .and_then(|i| i.closest("fieldset").ok().flatten())
            else {
                continue;
            };
            set_or_remove(&fieldset, "aria-describedby", described.as_deref());
            let Some(place) = fieldset.query_selector(".faces, .choices").ok().flatten() else {
                continue;
            };
            (inputs, place)
        };
        for control in &controls {
            set_or_remove(control, "aria-invalid", problem.map(|_| "true"));
        }
        show_error_line(
            &place,
            &format!("q-{id}-error"),
            problem.map(|p| p.message.as_str()),
            words,
        );
        if let Some(line) = find(&format!(".error-summary li:nth-child({})", i + 1)) {
            let _ = line.toggle_attribute_with_force("hidden", problem.is_none());
            if let (Some(link), Some(problem)) = (line.first_element_child(), problem) {
                link.set_text_content(Some(&summary_line(field, lang, &problem.message)));
            }
        }
    }
    if let Some(summary) = find(".error-summary") {
        let visible = !shown.problems.is_empty();
        let _ = summary.toggle_attribute_with_force("hidden", !visible);
        set_or_remove(&summary, "role", visible.then_some("alert"));
    }
}

/// Sets attribute `name` to `value`, or removes it when `None`.
fn set_or_remove(el: &web_sys::Element, name: &str, value: Option<&str>) {
    let _ = match value {
        Some(value) if el.get_attribute(name).as_deref() != Some(value) => {
            el.set_attribute(name, value)
        }
        Some(_) => Ok(()),
        None => el.remove_attribute(name),
    };
}

/// The field's error line (`id`) just before `place` while there is a
/// `message`; not in the page without one (DKFDS).
fn show_error_line(place: &web_sys::Element, id: &str, message: Option<&str>, words: &Words) {
    let Some(parent) = place.parent_element() else {
        return;
    };
    let existing = parent.query_selector(&id_selector(id)).ok().flatten();
    let Some(message) = message else {
        if let Some(line) = existing {
            line.remove();
        }
        return;
    };
    let document = place.owner_document();
    let line = match (existing, &document) {
        (Some(line), _) => line,
        (None, Some(document)) => {
            let Ok(line) = document.create_element("p") else {
                return;
            };
            line.set_class_name("field-error");
            line.set_id(id);
            let _ = parent.insert_before(&line, Some(place));
            line
        }
        (None, None) => return,
    };
    // "Fejl:" for screen readers, then the message.
    let mut html = String::from(r#"<span class="sr-only">"#);
    escape_html(words.error_prefix, &mut html);
    html.push_str("</span>");
    escape_html(message, &mut html);
    if line.inner_html() != html {
        crate::common::html::set_markup(line, html);
    }
}

/// What the citizen did to a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Chose an option (possibly [`DECLINED`]).
    Choice {
        /// The question's id.
        question: String,
        /// The option's value.
        value: String,
    },
    /// Typed: the comment is now this.
    Comment(String),
}

/// The [`Input`] an event inside the questions is, if it is one: a
/// radio button's `change` (not also its `input`, which the browser fires
/// as well) or the comment's `input`.
pub fn input_of(ev: &web_sys::Event) -> Option<Input> {
    let target = ev.target()?;
    let change = ev.type_() == "change";
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        let question = input.name().strip_prefix("q-")?.to_string();
        return (change && input.type_() == "radio" && input.checked()).then(|| Input::Choice {
            question,
            value: input.value(),
        });
    }
    let area = target.dyn_ref::<web_sys::HtmlTextAreaElement>()?;
    (!change).then(|| Input::Comment(area.value()))
}

/// The selector of what a click on an error summary link should focus:
/// the link's target. The browser cannot follow the link itself (the
/// target is in the shadow root, and the host page's URL must not change),
/// so the widget moves focus.
pub fn summary_target(ev: &web_sys::Event) -> Option<String> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(".error-summary a")
        .ok()??
        .get_attribute("href")
}
