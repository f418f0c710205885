//! The feedback answers' rules: choosing, declining, and what is wrong
//! with them (the web box and the kiosk alike).

use crate::common::words::Words;
use lokalform_forms::aggregate::Choices;
use lokalform_forms::schema::{FieldKind, Form, Lang};

/// The answer "Vil helst ikke svare": no option of any definition (an
/// option's value is never empty), so [`lokalform_forms::aggregate::Tally`]
/// leaves the question out, exactly as if it were skipped.
pub const DECLINED: &str = "";

/// Sets the chosen option of `question` in a list of choices (a list, not
/// a map: a map type costs wasm in every widget bundle).
pub fn choose(choices: &mut Vec<(String, String)>, question: &str, option: &str) {
    match choices.iter_mut().find(|(q, _)| q == question) {
        Some((_, chosen)) => *chosen = option.to_string(),
        None => choices.push((question.to_string(), option.to_string())),
    }
}

/// One problem with the answers, in the citizen's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The question's id.
    pub field: String,
    /// The id of the control to focus from the error summary.
    pub target: String,
    /// The question, for the error summary.
    pub label: String,
    /// What to do, e.g. "Vælg et svar".
    pub message: String,
}

/// The id of the control that receives focus for question `field`.
pub fn control_id(form: &Form, field: &str) -> String {
    match form.field(field).map(|f| f.kind) {
        Some(FieldKind::Comment) => format!("q-{field}"),
        _ => format!("q-{field}-0"),
    }
}

/// What is wrong with `answers`: required questions not answered, a comment
/// over its limit. Empty when the answers can be sent.
pub fn problems(
    form: &Form,
    choices: &[(String, String)],
    comment: &str,
    lang: Lang,
    words: &Words,
) -> Vec<FieldError> {
    let mut out = Vec::new();
    for field in &form.fields {
        // The feedback reader admits only smiley, choice and comment.
        let message = if field.kind == FieldKind::Comment {
            (comment.chars().count() > field.comment_limit())
                .then(|| (words.too_long)(field.comment_limit()))
        } else {
            let answered = choices
                .chosen(&field.id)
                .is_some_and(|v| field.option(v).is_some());
            (field.required && !answered).then(|| match &field.required_message {
                Some(message) => message.get(lang).to_string(),
                None => words.choose_one.to_string(),
            })
        };
        if let Some(message) = message {
            out.push(FieldError {
                field: field.id.clone(),
                target: control_id(form, &field.id),
                label: field.label.get(lang).to_string(),
                message,
            });
        }
    }
    out
}
