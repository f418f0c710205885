//! Reading a definition from its JSON tree, with the path of every problem.

use super::{Choice, Field, FieldKind, Form, Problem, Text};
use crate::json::{decode::expected, Fields, Json};

/// Decodes a form; every type problem in the whole document is reported.
pub(super) fn form(value: &Json) -> Result<Form, Vec<Problem>> {
    let mut p = Vec::new();
    let form = (|| {
        let f = Fields::of(
            value,
            "",
            &["id", "version", "title", "intro", "fields", "thanks"],
            &mut p,
        )?;
        let id = f.string("id", &mut p);
        let version = f.u32("version", &mut p);
        let title = f
            .required("title", &mut p)
            .and_then(|t| text(t, &f.path("title"), &mut p));
        let intro = f
            .get("intro")
            .and_then(|t| text(t, &f.path("intro"), &mut p));
        let thanks = f
            .get("thanks")
            .and_then(|t| text(t, &f.path("thanks"), &mut p));
        let fields = match f.required("fields", &mut p) {
            Some(Json::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| field(item, &format!("fields[{i}]"), &mut p))
                .collect(),
            Some(other) => {
                p.push(expected("fields", "an array", other));
                Vec::new()
            }
            None => Vec::new(),
        };
        Some(Form {
            id: id?,
            version: version?,
            title: title?,
            intro,
            fields,
            thanks,
        })
    })();
    match form {
        Some(form) if p.is_empty() => Ok(form),
        _ => Err(p),
    }
}

fn text(value: &Json, path: &str, p: &mut Vec<Problem>) -> Option<Text> {
    let f = Fields::of(value, path, &["da", "en"], p)?;
    Some(Text {
        da: f.string("da", p)?,
        en: f.opt_string("en", p),
    })
}

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
        ],
        p,
    )?;
    let id = f.string("id", p);
    let kind = f.string("type", p).and_then(|name| {
        let found = FieldKind::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(k, _)| *k);
        if found.is_none() {
            let names: Vec<&str> = FieldKind::ALL.iter().map(|(_, n)| *n).collect();
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
    let help = f.get("help").and_then(|t| text(t, &f.path("help"), p));
    let required = f.flag("required", p);
    let aggregate = f.flag("aggregate", p);
    let max_length = f.opt_u32("max_length", p);
    let options = f
        .array("options", p)
        .iter()
        .enumerate()
        .filter_map(|(j, o)| choice(o, &format!("{path}.options[{j}]"), p))
        .collect();
    Some(Field {
        id: id?,
        kind: kind?,
        label: label?,
        help,
        required,
        aggregate,
        options,
        max_length,
    })
}

fn choice(value: &Json, path: &str, p: &mut Vec<Problem>) -> Option<Choice> {
    let f = Fields::of(value, path, &["value", "label"], p)?;
    let value = f.string("value", p);
    let label = f
        .required("label", p)
        .and_then(|t| text(t, &f.path("label"), p));
    Some(Choice {
        value: value?,
        label: label?,
    })
}
