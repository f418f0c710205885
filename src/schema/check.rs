//! Complete checking of a definition, with a path for every problem.

use super::{FieldKind, Form, Text};
pub use crate::problem::Problem;

/// Most fields a form may have.
pub const MAX_FIELDS: usize = 100;
/// Most options a question may have.
pub const MAX_OPTIONS: usize = 20;
/// Longest accepted comment limit.
pub const MAX_COMMENT_LIMIT: u32 = 2000;

/// Whether `s` is a usable identifier: 1–64 of `[A-Za-z0-9_-]`.
///
/// ```
/// use lokalform::schema::is_identifier;
/// assert!(is_identifier("heard_clearly"));
/// assert!(!is_identifier("hørt"));
/// assert!(!is_identifier(""));
/// ```
pub fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn check_text(path: &str, text: &Text, out: &mut Vec<Problem>) {
    if text.da.trim().is_empty() {
        out.push(Problem::new(format!("{path}.da"), "must not be empty"));
    }
}

pub(super) fn check_form(form: &Form) -> Vec<Problem> {
    let mut out = Vec::new();
    if !is_identifier(&form.id) {
        out.push(Problem::new(
            "id",
            "must be 1-64 letters A-Z or a-z, digits, '-' or '_'",
        ));
    }
    if form.version == 0 {
        out.push(Problem::new("version", "must be 1 or more"));
    }
    check_text("title", &form.title, &mut out);
    if form.fields.is_empty() {
        out.push(Problem::new("fields", "a form needs at least one field"));
    }
    if form.fields.len() > MAX_FIELDS {
        out.push(Problem::new(
            "fields",
            format!("at most {MAX_FIELDS} fields are allowed"),
        ));
    }
    let mut ids: Vec<&str> = Vec::new();
    let mut comments = 0;
    for (i, field) in form.fields.iter().enumerate() {
        let at = format!("fields[{i}]");
        if !is_identifier(&field.id) {
            out.push(Problem::new(
                format!("{at}.id"),
                "must be 1-64 letters A-Z or a-z, digits, '-' or '_'",
            ));
        } else if ids.contains(&field.id.as_str()) {
            out.push(Problem::new(
                format!("{at}.id"),
                format!("duplicate id \"{}\"", field.id),
            ));
        } else {
            // A list, not a set: at most 100 fields, and a set type costs
            // wasm in every widget bundle.
            ids.push(&field.id);
        }
        check_text(&format!("{at}.label"), &field.label, &mut out);
        if field.kind.has_options() {
            check_options(&at, field, &mut out);
        } else if !field.options.is_empty() {
            out.push(Problem::new(
                format!("{at}.options"),
                "only smiley and choice fields have options",
            ));
        }
        if field.kind == FieldKind::Comment {
            comments += 1;
            if comments > 1 {
                out.push(Problem::new(
                    format!("{at}.type"),
                    "a form may have only one comment field",
                ));
            }
            if field.aggregate {
                out.push(Problem::new(
                    format!("{at}.aggregate"),
                    "free text can hold personal data and can never be aggregated",
                ));
            }
            if field.required {
                out.push(Problem::new(
                    format!("{at}.required"),
                    "a comment must be optional",
                ));
            }
            match field.max_length {
                Some(0) => out.push(Problem::new(
                    format!("{at}.max_length"),
                    "must be 1 or more",
                )),
                Some(n) if n > MAX_COMMENT_LIMIT => out.push(Problem::new(
                    format!("{at}.max_length"),
                    format!("must be at most {MAX_COMMENT_LIMIT}"),
                )),
                _ => {}
            }
        } else if field.max_length.is_some() {
            out.push(Problem::new(
                format!("{at}.max_length"),
                "only comment fields have a maximum length",
            ));
        }
    }
    out
}

fn check_options(at: &str, field: &super::Field, out: &mut Vec<Problem>) {
    let n = field.options.len();
    if field.kind == FieldKind::Smiley && n != 5 {
        out.push(Problem::new(
            format!("{at}.options"),
            format!("a smiley scale has exactly 5 options, found {n}"),
        ));
    } else if n < 2 {
        out.push(Problem::new(
            format!("{at}.options"),
            "a choice needs at least 2 options",
        ));
    } else if n > MAX_OPTIONS {
        out.push(Problem::new(
            format!("{at}.options"),
            format!("at most {MAX_OPTIONS} options are allowed"),
        ));
    }
    let mut values: Vec<&str> = Vec::new();
    for (j, option) in field.options.iter().enumerate() {
        let path = format!("{at}.options[{j}]");
        if !is_identifier(&option.value) {
            out.push(Problem::new(
                format!("{path}.value"),
                "must be 1-64 letters, digits, '-' or '_'",
            ));
        } else if values.contains(&option.value.as_str()) {
            out.push(Problem::new(
                format!("{path}.value"),
                format!("duplicate value \"{}\"", option.value),
            ));
        } else {
            values.push(&option.value);
        }
        check_text(&format!("{path}.label"), &option.label, out);
    }
}
