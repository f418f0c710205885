//! Checking answers against a definition: what is shown, what is missing,
//! what needs a change, with a message in Danish or English.
//!
//! Answers are kept exactly as typed; checking never changes them (a typo
//! never clears a field). [`result`] is what a finished form holds: the
//! answers of visible fields only.
//!
//! ```
//! use lokalform_forms::answers::{Answers, Value};
//! use lokalform_text::date::Date;
//! use lokalform_forms::schema::{Form, Lang};
//! use lokalform_forms::validate::{check_step, Severity};
//!
//! let form = Form::from_json(r#"{"id": "x", "version": 1, "title": {"da": "X"}, "fields": [
//!   {"id": "cpr", "type": "cpr", "label": {"da": "CPR-nummer"}, "required": true}]}"#).unwrap();
//! let today = Date::new(2026, 11, 23).unwrap();
//! let mut answers = Answers::default();
//! let issues = check_step(&form, 0, &answers, today);
//! assert_eq!(issues[0].message.text(Lang::Da), "Skriv CPR-nummeret som DDMMÅÅ-XXXX.");
//! answers.set("cpr", Value::Text("3102901234".into()));
//! let issues = check_step(&form, 0, &answers, today);
//! assert_eq!(issues[0].severity, Severity::Error);
//! ```

mod messages;

pub use messages::Message;

use crate::answers::{Answers, Value};
use crate::schema::{Field, FieldKind, Form};
use lokalform_text::date::{Date, DateError};

/// Whether an issue stops the person from going on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Must be changed before going on.
    Error,
    /// Worth a second look; going on is allowed.
    Warning,
}

/// A finding about one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Where: `name`, or `goals.1.text` for the second item of a group.
    pub path: String,
    /// How serious.
    pub severity: Severity,
    /// What to do.
    pub message: Message,
}

fn error(message: Message) -> Option<(Severity, Message)> {
    Some((Severity::Error, message))
}

/// The finding for one visible field's answer, if any.
pub fn check_value(
    field: &Field,
    value: Option<&Value>,
    today: Date,
) -> Option<(Severity, Message)> {
    let answered = value.is_some_and(Value::is_answered);
    if !answered {
        if !field.required || field.kind == FieldKind::Group {
            return check_group_count(field, 0);
        }
        return error(match &field.required_message {
            Some(t) => Message::Custom(t.clone()),
            None => Message::Required(field.kind),
        });
    }
    let value = value?;
    let text = value.as_text().unwrap_or("").trim();
    match field.kind {
        FieldKind::Text | FieldKind::Textarea | FieldKind::Comment => {
            let limit = field.comment_limit();
            (text.chars().count() > limit).then_some((Severity::Error, Message::TooLong(limit)))
        }
        FieldKind::Number => check_number(field, text),
        FieldKind::Smiley | FieldKind::Choice | FieldKind::Likert => field
            .option(text)
            .is_none()
            .then_some((Severity::Error, Message::UnknownOption)),
        FieldKind::MultiChoice => {
            let picks = match value {
                Value::List(l) => l.as_slice(),
                _ => &[],
            };
            if picks.iter().any(|p| field.option(p).is_none()) {
                return error(Message::UnknownOption);
            }
            let n = picks.len();
            match (
                field.min.as_ref().and_then(|m| m.count()),
                field.max.as_ref().and_then(|m| m.count()),
            ) {
                (Some(min), _) if n < min => error(Message::PickAtLeast(min)),
                (_, Some(max)) if n > max => error(Message::PickAtMost(max)),
                _ => None,
            }
        }
        FieldKind::Scale | FieldKind::Vas => {
            let max = if field.kind == FieldKind::Scale {
                10
            } else {
                100
            };
            match text.parse::<u32>() {
                Ok(n) if n <= max => None,
                _ => error(Message::OutOfRange(max)),
            }
        }
        FieldKind::Date => check_date(field, text, today),
        FieldKind::Cpr => match crate::cpr::parse(text) {
            Err(crate::cpr::CprError::Format) => error(Message::CprFormat),
            Err(crate::cpr::CprError::NoSuchDate) => error(Message::CprNoSuchDate),
            Ok(cpr) if !cpr.passes_modulus_11() => Some((Severity::Warning, Message::CprModulus)),
            Ok(_) => None,
        },
        FieldKind::Email => {
            (!crate::contact::is_email(text)).then_some((Severity::Error, Message::EmailFormat))
        }
        FieldKind::Phone => crate::contact::normalize_phone(text)
            .is_none()
            .then_some((Severity::Error, Message::PhoneFormat)),
        FieldKind::Consent => (field.consent_version.as_deref() != Some(text))
            .then_some((Severity::Error, Message::ConsentOutdated)),
        FieldKind::Signature => match value {
            Value::Signature(s) if s.name.chars().count() > 200 => error(Message::TooLong(200)),
            _ => None,
        },
        FieldKind::Group => check_group_count(field, value.items().len()),
        FieldKind::Heading | FieldKind::Info => None,
    }
}

fn check_group_count(field: &Field, n: usize) -> Option<(Severity, Message)> {
    if field.kind != FieldKind::Group {
        return None;
    }
    let min = field
        .min
        .as_ref()
        .and_then(|m| m.count())
        .unwrap_or(usize::from(field.required));
    let max = field.max.as_ref().and_then(|m| m.count());
    if n < min {
        return error(match (&field.required_message, n, min) {
            (Some(t), 0, _) => Message::Custom(t.clone()),
            (None, 0, 1) => Message::Required(FieldKind::Group),
            _ => Message::ItemsAtLeast(min),
        });
    }
    max.filter(|&max| n > max)
        .and_then(|max| error(Message::ItemsAtMost(max)))
}

/// Reads a number as people type it: `12`, `-3`, `2,5` or `2.5`, spaces
/// around.
///
/// ```
/// assert_eq!(lokalform_forms::validate::parse_number(" 2,5 "), Some(2.5));
/// assert_eq!(lokalform_forms::validate::parse_number("1e3"), None);
/// assert_eq!(lokalform_forms::validate::parse_number("12 kr"), None);
/// ```
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let mut seps = 0;
    let ok = !digits.is_empty()
        && digits.bytes().all(|b| {
            if b == b',' || b == b'.' {
                seps += 1;
                true
            } else {
                b.is_ascii_digit()
            }
        })
        && seps <= 1
        && digits.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && digits.bytes().last().is_some_and(|b| b.is_ascii_digit());
    if !ok || digits.len() > 30 {
        return None;
    }
    t.replace(',', ".").parse().ok()
}

fn check_number(field: &Field, text: &str) -> Option<(Severity, Message)> {
    let Some(v) = parse_number(text) else {
        return error(Message::NotANumber);
    };
    if let Some(min) = field.min.as_ref().filter(|m| v < m.value) {
        return error(Message::TooSmall(min.text.clone()));
    }
    if let Some(max) = field.max.as_ref().filter(|m| v > m.value) {
        return error(Message::TooLarge(max.text.clone()));
    }
    if let Some(step) = &field.step {
        let base = field.min.as_ref().map_or(0.0, |m| m.value);
        let k = (v - base) / step.value;
        if (k - k.round()).abs() > 1e-9 {
            let decimals = [Some(&step.text), field.min.as_ref().map(|m| &m.text)]
                .into_iter()
                .flatten()
                .map(|t| t.split_once('.').map_or(0, |(_, d)| d.len()))
                .max()
                .unwrap_or(0);
            let at = |k: f64| plain_number(base + k * step.value, decimals);
            let above = base + k.ceil() * step.value;
            let within = field.max.as_ref().is_none_or(|m| above <= m.value + 1e-9);
            return error(Message::OffStep {
                step: step.text.clone(),
                below: at(k.floor()),
                above: within.then(|| at(k.ceil())),
            });
        }
    }
    None
}

/// `x` with at most `decimals` decimals, without trailing zeros (`1.5`,
/// `2`), `.` as decimal point.
fn plain_number(x: f64, decimals: usize) -> String {
    let text = format!("{x:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    if text == "-0" {
        "0".into()
    } else {
        text
    }
}

fn check_date(field: &Field, text: &str, today: Date) -> Option<(Severity, Message)> {
    let date = match Date::parse_danish(text) {
        Ok(d) => d,
        Err(DateError::Format) => return error(Message::DateFormat),
        Err(DateError::NoSuchDate) => return error(Message::NoSuchDate),
    };
    let shown = |b: crate::schema::DateBound| match b {
        crate::schema::DateBound::Today => None,
        crate::schema::DateBound::Fixed(d) => Some(d),
    };
    if let Some(min) = field.min_date.filter(|b| date < b.resolve(today)) {
        return error(Message::DateTooEarly(shown(min)));
    }
    if let Some(max) = field.max_date.filter(|b| date > b.resolve(today)) {
        return error(Message::DateTooLate(shown(max)));
    }
    None
}

/// Which of `fields` are shown, in order: a field is shown when its
/// condition holds, counting only answers of shown fields (so hiding a
/// field also hides what depends on it). `outer` holds the answers and
/// visibility of the fields around a group.
pub fn visibility(
    fields: &[Field],
    answers: &Answers,
    outer: Option<(&[Field], &Answers, &[bool])>,
) -> Vec<bool> {
    let mut shown: Vec<bool> = Vec::with_capacity(fields.len());
    for field in fields {
        let visible = match &field.visible_if {
            None => true,
            Some(c) => c.holds(&|id: &str| {
                if let Some(i) = fields.iter().position(|f| f.id == id) {
                    return if shown.get(i) == Some(&true) {
                        answers.get(id)
                    } else {
                        None
                    };
                }
                let (ofields, oanswers, oshown) = outer?;
                let i = ofields.iter().position(|f| f.id == id)?;
                if oshown.get(i) == Some(&true) {
                    oanswers.get(id)
                } else {
                    None
                }
            }),
        };
        shown.push(visible);
    }
    shown
}

/// The issues on step `step`, in the order of the fields.
pub fn check_step(form: &Form, step: usize, answers: &Answers, today: Date) -> Vec<Issue> {
    let shown = visibility(&form.fields, answers, None);
    let range = form.steps.get(step).map_or(0..0, |s| s.start..s.end);
    let mut out = Vec::new();
    for i in range {
        if shown.get(i) == Some(&true) {
            if let Some(field) = form.fields.get(i) {
                check_field(form, field, answers, &shown, today, &mut out);
            }
        }
    }
    out
}

/// The issues on every step.
pub fn check_form(form: &Form, answers: &Answers, today: Date) -> Vec<Issue> {
    (0..form.steps.len())
        .flat_map(|s| check_step(form, s, answers, today))
        .collect()
}

fn check_field(
    form: &Form,
    field: &Field,
    answers: &Answers,
    shown: &[bool],
    today: Date,
    out: &mut Vec<Issue>,
) {
    let value = answers.get(&field.id);
    if let Some((severity, message)) = check_value(field, value, today) {
        out.push(Issue {
            path: field.id.clone(),
            severity,
            message,
        });
    }
    if field.kind != FieldKind::Group {
        return;
    }
    for (n, item) in value.map(Value::items).unwrap_or(&[]).iter().enumerate() {
        let inner = visibility(&field.fields, item, Some((&form.fields, answers, shown)));
        for (member, _) in field.fields.iter().zip(&inner).filter(|(_, s)| **s) {
            if let Some((severity, message)) = check_value(member, item.get(&member.id), today) {
                out.push(Issue {
                    path: format!("{}.{n}.{}", field.id, member.id),
                    severity,
                    message,
                });
            }
        }
    }
}

/// What a finished form holds: the answers of shown fields only (inside
/// groups too); headings, info blocks and blank answers are left out.
pub fn result(form: &Form, answers: &Answers) -> Answers {
    let shown = visibility(&form.fields, answers, None);
    let mut out = Answers::default();
    for (field, _) in form.fields.iter().zip(&shown).filter(|(_, s)| **s) {
        let Some(value) = answers.get(&field.id).filter(|v| v.is_answered()) else {
            continue;
        };
        if field.kind == FieldKind::Group {
            let items = value
                .items()
                .iter()
                .map(|item| {
                    let inner =
                        visibility(&field.fields, item, Some((&form.fields, answers, &shown)));
                    let mut kept = Answers::default();
                    for (member, _) in field.fields.iter().zip(&inner).filter(|(_, s)| **s) {
                        if let Some(v) = item.get(&member.id).filter(|v| v.is_answered()) {
                            kept.set(&member.id, v.clone());
                        }
                    }
                    kept
                })
                .collect();
            out.set(&field.id, Value::Items(items));
        } else if field.kind.takes_answer() {
            out.set(&field.id, value.clone());
        }
    }
    out
}
