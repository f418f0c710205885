//! Reading a definition from its JSON tree, with the path of every problem.
//!
//! Two readers share the code for the common members: [`Full`] (every field
//! type, steps, conditions) and [`Feedback`] (what the feedback box shows).
//! They are type parameters, not values, so a bundle with only the feedback
//! box does not carry the full decoder.

use super::properties::{self, PropertyType};
use super::{condition, Choice, DateBound, Field, FieldKind, Form, Number, Problem, Step, Text};
use crate::schema::Lang;
use lokalform_text::date::Date;
use lokalform_text::json::decode::{as_string, expected};
use lokalform_text::json::{Fields, Json};

/// How much of the definition format a widget reads.
pub(super) trait Reader {
    /// The members of the form object.
    const FORM_MEMBERS: &'static [&'static str];
    /// Whether `steps` are read (a constant, so a reader without them
    /// carries no code for them).
    const STEPS: bool;
    /// Reads one field at `path`.
    fn field(value: &Json, path: &str, p: &mut Vec<Problem>) -> Option<Field>;
    /// Every semantic problem of a decoded form.
    fn check(form: &Form) -> Vec<Problem>;
}

/// Every field type, steps and conditions: the form engine.
pub(super) struct Full;
/// Smiley, choice and comment fields on one page: the feedback box.
pub(super) struct Feedback;

impl Reader for Full {
    const FORM_MEMBERS: &'static [&'static str] = &[
        "id",
        "version",
        "languages",
        "title",
        "intro",
        "fields",
        "steps",
        "thanks",
    ];
    const STEPS: bool = true;
    fn field(value: &Json, path: &str, p: &mut Vec<Problem>) -> Option<Field> {
        full_field(value, path, p, 0)
    }
    fn check(form: &Form) -> Vec<Problem> {
        let mut out = super::check::check_common::<true>(form);
        super::check::check_full(form, &mut out);
        out
    }
}

impl Reader for Feedback {
    const FORM_MEMBERS: &'static [&'static str] = &[
        "id",
        "version",
        "languages",
        "title",
        "intro",
        "fields",
        "thanks",
    ];
    const STEPS: bool = false;
    fn field(value: &Json, path: &str, p: &mut Vec<Problem>) -> Option<Field> {
        let f = Fields::of(
            value,
            path,
            &[
                "id",
                "type",
                "label",
                "help",
                "required",
                "aggregate",
                "options",
                "max_length",
                "required_message",
                "crisis_line",
            ],
            p,
        )?;
        let mut field = common::<false>(&f, p)?;
        if !matches!(
            field.kind,
            FieldKind::Smiley | FieldKind::Choice | FieldKind::Comment
        ) {
            p.push(Problem::new(
                f.path("type"),
                format!(
                    "the feedback box shows smiley, choice and comment fields; use <lokal-form> for \"{}\"",
                    field.kind.name()
                ),
            ));
            return None;
        }
        field.required = f.flag("required", p);
        field.aggregate = f.flag("aggregate", p);
        field.max_length = f.opt_u32("max_length", p);
        field.required_message = opt_text(&f, "required_message", p);
        field.crisis_line = opt_text(&f, "crisis_line", p);
        field.options = options(&f, p);
        Some(field)
    }
    fn check(form: &Form) -> Vec<Problem> {
        super::check::check_common::<false>(form)
    }
}

/// Decodes a form; every type problem in the whole document is reported.
/// The form is returned whenever it could be built (a wrong member is left
/// out), so its semantic problems can be reported in the same round.
pub(super) fn form<R: Reader>(value: &Json) -> (Option<Form>, Vec<Problem>) {
    let mut p = Vec::new();
    let form = (|| {
        let f = Fields::of(value, "", R::FORM_MEMBERS, &mut p)?;
        let id = f.string("id", &mut p);
        let version = f.u32("version", &mut p);
        // The feedback box shows Danish and English whatever is listed.
        let languages = if R::STEPS {
            languages(&f, &mut p)
        } else {
            vec![Lang::Da, Lang::En]
        };
        let title = f
            .required("title", &mut p)
            .and_then(|t| text(t, &f.path("title"), &mut p));
        let intro = opt_text(&f, "intro", &mut p);
        let thanks = opt_text(&f, "thanks", &mut p);
        let mut fields = Vec::new();
        let mut steps = Vec::new();
        let stepped = R::STEPS && f.get("steps").is_some();
        if stepped && f.get("fields").is_some() {
            p.push(Problem::new(
                "fields",
                "write either \"fields\" (one page) or \"steps\", not both",
            ));
        }
        if stepped {
            for (s, step) in f.array("steps", &mut p).iter().enumerate() {
                let at = format!("steps[{s}]");
                let Some(sf) = Fields::of(step, &at, &["title", "intro", "fields"], &mut p) else {
                    continue;
                };
                let start = fields.len();
                fields.extend(field_list::<R>(
                    sf.required("fields", &mut p),
                    &sf.path("fields"),
                    &mut p,
                ));
                steps.push(Step {
                    title: opt_text(&sf, "title", &mut p),
                    intro: opt_text(&sf, "intro", &mut p),
                    start,
                    end: fields.len(),
                });
            }
            if steps.is_empty() && p.is_empty() {
                p.push(Problem::new("steps", "a form needs at least one step"));
            }
        } else {
            fields = field_list::<R>(f.required("fields", &mut p), "fields", &mut p);
            steps.push(Step {
                title: None,
                intro: None,
                start: 0,
                end: fields.len(),
            });
        }
        Some(Form {
            id: id?,
            version: version?,
            languages,
            title: title?,
            intro,
            fields,
            steps,
            thanks,
            stepped,
        })
    })();
    (form, p)
}

fn field_list<R: Reader>(value: Option<&Json>, path: &str, p: &mut Vec<Problem>) -> Vec<Field> {
    match value {
        Some(Json::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| R::field(item, &format!("{path}[{i}]"), p))
            .collect(),
        Some(other) => {
            p.push(expected(path, "an array", other));
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn languages(f: &Fields, p: &mut Vec<Problem>) -> Vec<Lang> {
    let mut out = vec![Lang::Da];
    for (i, v) in f.array("languages", p).iter().enumerate() {
        match v.as_str() {
            Some("da") => {}
            Some("en") => out.push(Lang::En),
            _ => p.push(Problem::new(
                format!("languages[{i}]"),
                "expected \"da\" or \"en\"",
            )),
        }
    }
    out
}

pub(super) fn text(value: &Json, path: &str, p: &mut Vec<Problem>) -> Option<Text> {
    let f = Fields::of(value, path, &["da", "en"], p)?;
    Some(Text {
        da: f.string("da", p)?,
        en: f.opt_string("en", p),
    })
}

fn opt_text(f: &Fields, name: &str, p: &mut Vec<Problem>) -> Option<Text> {
    f.get(name).and_then(|t| text(t, &f.path(name), p))
}

/// The members every reader knows: id, type, label, help.
fn common<const FULL: bool>(f: &Fields, p: &mut Vec<Problem>) -> Option<Field> {
    let id = f.string("id", p);
    let kind = f.string("type", p).and_then(|name| {
        let found = FieldKind::from_name(&name);
        if found.is_none() {
            // The first three are the feedback box's.
            let known = if FULL {
                &FieldKind::ALL[..]
            } else {
                &FieldKind::ALL[..3]
            };
            let names: Vec<&str> = known.iter().map(|(_, n)| *n).collect();
            p.push(Problem::new(
                f.path("type"),
                format!(
                    "unknown type \"{name}\"; expected one of: {}",
                    names.join(", ")
                ),
            ));
        }
        found
    });
    let label = f
        .required("label", p)
        .and_then(|t| text(t, &f.path("label"), p));
    let help = opt_text(f, "help", p);
    Some(Field {
        id: id?,
        kind: kind?,
        label: label?,
        help,
        ..Field::default()
    })
}

fn options(f: &Fields, p: &mut Vec<Problem>) -> Vec<Choice> {
    f.array("options", p)
        .iter()
        .enumerate()
        .filter_map(|(j, o)| {
            let path = format!("{}[{j}]", f.path("options"));
            let of = Fields::of(o, &path, &["value", "label"], p)?;
            let value = of.string("value", p);
            let label = of
                .required("label", p)
                .and_then(|t| text(t, &of.path("label"), p));
            Some(Choice {
                value: value?,
                label: label?,
            })
        })
        .collect()
}

/// Groups hold fields, but not groups: one level of nesting.
fn full_field(value: &Json, path: &str, p: &mut Vec<Problem>, depth: u8) -> Option<Field> {
    let all = properties::names();
    let f = Fields::of(value, path, &all, p)?;
    let mut field = common::<true>(&f, p)?;
    let kind = field.kind;
    // Members that exist, but not on this type.
    if let Some(members) = value.as_object() {
        for (name, member) in members {
            // `"aggregate": false` says what is true of every such field.
            let harmless = name == "aggregate" && *member == Json::Bool(false);
            if all.contains(&name.as_str()) && properties::lookup(name, kind).is_none() && !harmless
            {
                if name == "aggregate" && kind.may_hold_personal_data() {
                    p.push(Problem::new(
                        f.path(name),
                        super::check::never_aggregated(kind),
                    ));
                    continue;
                }
                p.push(Problem::new(
                    f.path(name),
                    format!(
                        "a {} field has no \"{name}\"; it may have: {}",
                        kind.name(),
                        properties::names_for(kind).join(", ")
                    ),
                ));
            }
        }
    }
    let has = |name: &str| properties::lookup(name, kind).is_some();
    if has("required") {
        field.required = f.flag("required", p);
        field.required_message = opt_text(&f, "required_message", p);
    }
    if has("aggregate") {
        field.aggregate = f.flag("aggregate", p);
    }
    field.visible_if = f
        .get("visible_if")
        .and_then(|c| condition::decode(c, &f.path("visible_if"), p));
    if has("options") {
        field.options = options(&f, p);
    }
    if has("select") {
        field.select = f.flag("select", p);
    }
    if has("max_length") {
        field.max_length = f.opt_u32("max_length", p);
    }
    if has("crisis_line") {
        field.crisis_line = opt_text(&f, "crisis_line", p);
    }
    match properties::lookup("min", kind).map(|r| r.ty) {
        Some(PropertyType::Number) => {
            field.min = number(&f, "min", p);
            field.max = number(&f, "max", p);
            field.step = number(&f, "step", p);
            field.unit = opt_text(&f, "unit", p);
        }
        Some(PropertyType::Count) => {
            field.min = count(&f, "min", p);
            field.max = count(&f, "max", p);
        }
        Some(PropertyType::DateBound) => {
            field.min_date = date_bound(&f, "min", p);
            field.max_date = date_bound(&f, "max", p);
        }
        _ => {}
    }
    if has("min_label") {
        field.min_label = opt_text(&f, "min_label", p);
        field.max_label = opt_text(&f, "max_label", p);
    }
    if has("consent_version") {
        field.consent_version = f.opt_string("consent_version", p);
    }
    if has("autocomplete") {
        field.autocomplete = f.opt_string("autocomplete", p);
    }
    if has("fields") {
        let members = f.required("fields", p);
        if depth > 0 {
            p.push(Problem::new(
                f.path("type"),
                "a group cannot hold another group",
            ));
        } else if let Some(Json::Array(items)) = members {
            field.fields = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    full_field(item, &format!("{}[{i}]", f.path("fields")), p, depth + 1)
                })
                .collect();
        } else if let Some(other) = members {
            p.push(expected(&f.path("fields"), "an array of fields", other));
        }
        field.item_label = opt_text(&f, "item_label", p);
        field.add_label = opt_text(&f, "add_label", p);
    }
    Some(field)
}

fn number(f: &Fields, name: &str, p: &mut Vec<Problem>) -> Option<Number> {
    match f.get(name)? {
        Json::Number(text) => match text.parse::<f64>() {
            Ok(value) if value.is_finite() => Some(Number {
                value,
                text: text.clone(),
            }),
            _ => {
                p.push(Problem::new(f.path(name), "is too large"));
                None
            }
        },
        other => {
            p.push(expected(&f.path(name), "a number", other));
            None
        }
    }
}

fn count(f: &Fields, name: &str, p: &mut Vec<Problem>) -> Option<Number> {
    let n = f.opt_u32(name, p)?;
    Some(Number {
        value: f64::from(n),
        text: n.to_string(),
    })
}

fn date_bound(f: &Fields, name: &str, p: &mut Vec<Problem>) -> Option<DateBound> {
    let path = f.path(name);
    let s = as_string(f.get(name)?, &path, p)?;
    if s == "today" {
        return Some(DateBound::Today);
    }
    match Date::parse_iso(&s) {
        Some(d) => Some(DateBound::Fixed(d)),
        None => {
            p.push(Problem::new(
                path,
                format!("\"{s}\" is not a date; write YYYY-MM-DD or \"today\""),
            ));
            None
        }
    }
}
