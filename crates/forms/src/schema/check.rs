//! Complete checking of a definition, with a path for every problem.
//!
//! [`check_common`] holds for every widget (the feedback box runs only
//! this); [`check_full`] adds what the form engine's types and rules need.

use super::properties::AUTOCOMPLETE;
use super::{DateBound, Field, FieldKind, Form, Lang, Text};
pub use lokalform_text::Problem;

/// Most fields a form may have, group members included.
pub const MAX_FIELDS: usize = 100;
/// Most options a question may have.
pub const MAX_OPTIONS: usize = 20;
/// Longest accepted comment limit.
pub const MAX_COMMENT_LIMIT: u32 = 2000;
/// Longest accepted limit of a text or textarea.
pub const MAX_TEXT_LIMIT: u32 = 5000;
/// Most items a repeatable group may have.
pub const MAX_ITEMS: usize = 50;

/// Whether `s` is a usable identifier: 1–64 of `[A-Za-z0-9_-]`.
///
/// ```
/// use lokalform_forms::schema::is_identifier;
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

const ID_RULE: &str = "must be 1-64 letters A-Z or a-z, digits, '-' or '_'";

fn check_text(path: &str, text: &Text, out: &mut Vec<Problem>) {
    if text.da.trim().is_empty() {
        out.push(Problem::new(format!("{path}.da"), "must not be empty"));
    }
}

/// Checks ids (unique in `fields`), labels, options and text limits.
fn check_fields(fields: &[Field], path: &dyn Fn(usize) -> String, out: &mut Vec<Problem>) {
    let mut ids: Vec<&str> = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let at = path(i);
        if !is_identifier(&field.id) {
            out.push(Problem::new(format!("{at}.id"), ID_RULE));
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
        check_text(&format!("{at}.label"), &field.label, out);
        if field.kind.has_options() {
            check_options(&at, field, out);
        } else if !field.options.is_empty() {
            out.push(Problem::new(
                format!("{at}.options"),
                "only smiley, choice, multi_choice and likert fields have options",
            ));
        }
        let limit = match field.kind {
            FieldKind::Comment => Some(MAX_COMMENT_LIMIT),
            FieldKind::Text | FieldKind::Textarea => Some(MAX_TEXT_LIMIT),
            _ => None,
        };
        match (field.max_length, limit) {
            (Some(0), Some(_)) => out.push(Problem::new(
                format!("{at}.max_length"),
                "must be 1 or more",
            )),
            (Some(n), Some(limit)) if n > limit => out.push(Problem::new(
                format!("{at}.max_length"),
                format!("must be at most {limit}"),
            )),
            (Some(_), None) => out.push(Problem::new(
                format!("{at}.max_length"),
                "only comment, text and textarea fields have a maximum length",
            )),
            _ => {}
        }
        if field.crisis_line.is_some() && field.kind != FieldKind::Comment {
            out.push(Problem::new(
                format!("{at}.crisis_line"),
                "only a comment field has a crisis line",
            ));
        }
        if field.kind == FieldKind::Comment {
            if field.aggregate {
                out.push(Problem::new(
                    format!("{at}.aggregate"),
                    never_aggregated(field.kind),
                ));
            }
            if field.required {
                out.push(Problem::new(
                    format!("{at}.required"),
                    "a comment must be optional",
                ));
            }
        }
    }
}

/// Why a field of `kind` cannot have `aggregate: true`.
pub(super) fn never_aggregated(kind: FieldKind) -> String {
    format!(
        "a {} field can hold personal data (a CPR number, a name, free text, a signature, a date of birth) and can never be aggregated",
        kind.name()
    )
}

/// What every widget needs of a definition. `FULL` is false for the
/// feedback box's reader (one page, no groups): a constant, so that bundle
/// carries none of the code for steps and groups.
pub(super) fn check_common<const FULL: bool>(form: &Form) -> Vec<Problem> {
    let mut out = Vec::new();
    if !is_identifier(&form.id) {
        out.push(Problem::new("id", ID_RULE));
    }
    if form.version == 0 {
        out.push(Problem::new("version", "must be 1 or more"));
    }
    check_text("title", &form.title, &mut out);
    let stepped = FULL && form.stepped;
    if form.fields.is_empty() && !stepped {
        out.push(Problem::new("fields", "a form needs at least one field"));
    }
    let total = if FULL {
        form.fields.iter().map(|f| 1 + f.fields.len()).sum()
    } else {
        form.fields.len()
    };
    if total > MAX_FIELDS {
        out.push(Problem::new(
            if stepped { "steps" } else { "fields" },
            format!("at most {MAX_FIELDS} fields are allowed"),
        ));
    }
    let path = |i: usize| {
        if stepped {
            form.field_path(i)
        } else {
            format!("fields[{i}]")
        }
    };
    check_fields(&form.fields, &path, &mut out);
    let mut comments = 0;
    for (i, field) in form.fields.iter().enumerate() {
        if field.kind == FieldKind::Comment {
            comments += 1;
            if comments > 1 {
                out.push(Problem::new(
                    format!("{}.type", path(i)),
                    "a form may have only one comment field",
                ));
            }
        }
    }
    out
}

fn check_options(at: &str, field: &Field, out: &mut Vec<Problem>) {
    let n = field.options.len();
    if field.kind == FieldKind::Smiley && n != 5 {
        out.push(Problem::new(
            format!("{at}.options"),
            format!("a smiley scale has exactly 5 options, found {n}"),
        ));
    } else if n < 2 {
        out.push(Problem::new(
            format!("{at}.options"),
            format!("a {} field needs at least 2 options", field.kind.name()),
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
            out.push(Problem::new(format!("{path}.value"), ID_RULE));
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

/// What the form engine needs beyond [`check_common`]: steps, the types'
/// own settings, conditions that point backwards, translations.
pub(super) fn check_full(form: &Form, out: &mut Vec<Problem>) {
    if form.stepped {
        for (s, step) in form.steps.iter().enumerate() {
            if step.start == step.end {
                out.push(Problem::new(
                    format!("steps[{s}].fields"),
                    "a step needs at least one field",
                ));
            }
            match &step.title {
                Some(t) => check_text(&format!("steps[{s}].title"), t, out),
                None if form.steps.len() > 1 => out.push(Problem::new(
                    format!("steps[{s}].title"),
                    "is required when a form has several steps (it names the step in the step indicator)",
                )),
                None => {}
            }
        }
    }
    for (i, field) in form.fields.iter().enumerate() {
        let at = form.field_path(i);
        check_settings(&at, field, out);
        if let Some(c) = &field.visible_if {
            check_condition(form, &form.fields[..i], None, &at, c, out);
        }
        if field.kind == FieldKind::Group {
            if field.fields.is_empty() {
                out.push(Problem::new(
                    format!("{at}.fields"),
                    "a group needs at least one field",
                ));
            }
            check_fields(&field.fields, &|j| format!("{at}.fields[{j}]"), out);
            for (j, member) in field.fields.iter().enumerate() {
                let mat = format!("{at}.fields[{j}]");
                check_settings(&mat, member, out);
                if member.kind == FieldKind::Comment {
                    out.push(Problem::new(
                        format!("{mat}.type"),
                        "a comment cannot be inside a group",
                    ));
                }
                if let Some(c) = &member.visible_if {
                    let earlier = (&form.fields[..i], &field.fields[..j]);
                    check_condition(form, earlier.0, Some(earlier.1), &mat, c, out);
                }
            }
        }
    }
    if form.languages.contains(&Lang::En) {
        check_english(form, out);
    }
}

/// The settings of one field's own type.
fn check_settings(at: &str, field: &Field, out: &mut Vec<Problem>) {
    let bad = |out: &mut Vec<Problem>, member: &str, message: String| {
        out.push(Problem::new(format!("{at}.{member}"), message));
    };
    match field.kind {
        FieldKind::Number => {
            if let (Some(min), Some(max)) = (&field.min, &field.max) {
                if min.value > max.value {
                    bad(
                        out,
                        "max",
                        format!("must not be less than min ({})", min.text),
                    );
                }
            }
            if field.step.as_ref().is_some_and(|s| s.value <= 0.0) {
                bad(out, "step", "must be more than 0".into());
            }
        }
        FieldKind::MultiChoice | FieldKind::Group => {
            let (min, max) = (
                field.min.as_ref().and_then(|n| n.count()),
                field.max.as_ref().and_then(|n| n.count()),
            );
            let limit = if field.kind == FieldKind::Group {
                MAX_ITEMS
            } else {
                field.options.len()
            };
            let what = if field.kind == FieldKind::Group {
                format!("at most {MAX_ITEMS}")
            } else {
                format!("at most the number of options ({limit})")
            };
            if let (Some(min), Some(max)) = (min, max) {
                if min > max {
                    bad(out, "max", format!("must not be less than min ({min})"));
                }
            }
            if max.is_some_and(|m| m > limit || m == 0) {
                bad(out, "max", format!("must be 1 or more and {what}"));
            }
            if min.is_some_and(|m| m > limit) {
                bad(out, "min", format!("must be {what}"));
            }
        }
        FieldKind::Date => {
            if let (Some(DateBound::Fixed(min)), Some(DateBound::Fixed(max))) =
                (field.min_date, field.max_date)
            {
                if min > max {
                    bad(
                        out,
                        "max",
                        format!("must not be before min ({})", min.iso()),
                    );
                }
            }
        }
        FieldKind::Consent => match &field.consent_version {
            None => bad(
                out,
                "consent_version",
                "is required: the answer records which consent text was agreed to".into(),
            ),
            Some(v) if v.trim().is_empty() || v.len() > 64 => {
                bad(out, "consent_version", "must be 1-64 characters".into())
            }
            _ => {}
        },
        _ => {}
    }
    if let Some(a) = &field.autocomplete {
        if !AUTOCOMPLETE.contains(&a.as_str()) {
            bad(
                out,
                "autocomplete",
                format!(
                    "unknown purpose \"{a}\"; expected one of: {}",
                    AUTOCOMPLETE.join(", ")
                ),
            );
        }
    }
}

/// A condition may only ask about fields before it: top-level fields
/// earlier in the form, or (inside a group) earlier fields of the same item.
fn check_condition(
    form: &Form,
    before: &[Field],
    siblings: Option<&[Field]>,
    at: &str,
    condition: &super::Condition,
    out: &mut Vec<Problem>,
) {
    let mut mentions = Vec::new();
    condition.mentions(&format!("{at}.visible_if"), &mut mentions);
    for (path, id, values) in mentions {
        let target = siblings
            .and_then(|s| s.iter().find(|f| f.id == id))
            .or_else(|| before.iter().find(|f| f.id == id));
        let Some(target) = target else {
            let message = if form.field(&id).is_some()
                || form.fields.iter().any(|f| f.member(&id).is_some())
            {
                format!("\"{id}\" must be a field before this one")
            } else {
                format!("no field \"{id}\" in this form")
            };
            out.push(Problem::new(path, message));
            continue;
        };
        if !target.kind.takes_answer() || target.kind == FieldKind::Group {
            out.push(Problem::new(
                path,
                format!("a {} field has no answer to test", target.kind.name()),
            ));
            continue;
        }
        if target.kind.has_options() {
            for v in values {
                if target.option(&v).is_none() {
                    out.push(Problem::new(
                        path.clone(),
                        format!("field \"{id}\" has no option \"{v}\""),
                    ));
                }
            }
        }
    }
}

/// Every text of a form that lists English must have it.
fn check_english(form: &Form, out: &mut Vec<Problem>) {
    fn add<'a>(path: String, t: &'a Option<Text>, texts: &mut Vec<(String, &'a Text)>) {
        if let Some(t) = t {
            texts.push((path, t));
        }
    }
    let mut texts: Vec<(String, &Text)> = vec![("title".into(), &form.title)];
    add("intro".into(), &form.intro, &mut texts);
    add("thanks".into(), &form.thanks, &mut texts);
    if form.stepped {
        for (s, step) in form.steps.iter().enumerate() {
            add(format!("steps[{s}].title"), &step.title, &mut texts);
            add(format!("steps[{s}].intro"), &step.intro, &mut texts);
        }
    }
    fn field_texts<'a>(at: String, f: &'a Field, texts: &mut Vec<(String, &'a Text)>) {
        texts.push((format!("{at}.label"), &f.label));
        for (name, t) in [
            ("help", &f.help),
            ("unit", &f.unit),
            ("min_label", &f.min_label),
            ("max_label", &f.max_label),
            ("required_message", &f.required_message),
            ("crisis_line", &f.crisis_line),
            ("item_label", &f.item_label),
            ("add_label", &f.add_label),
        ] {
            if let Some(t) = t {
                texts.push((format!("{at}.{name}"), t));
            }
        }
        for (j, o) in f.options.iter().enumerate() {
            texts.push((format!("{at}.options[{j}].label"), &o.label));
        }
        for (j, m) in f.fields.iter().enumerate() {
            field_texts(format!("{at}.fields[{j}]"), m, texts);
        }
    }
    for (i, f) in form.fields.iter().enumerate() {
        field_texts(form.field_path(i), f, &mut texts);
    }
    for (path, t) in texts {
        if t.en.as_deref().is_none_or(|e| e.trim().is_empty()) {
            out.push(Problem::new(
                format!("{path}.en"),
                "is missing: the form lists English among its languages",
            ));
        }
    }
}
