//! The JSON Schema for editors, made from [`super::PROPERTIES`] and
//! [`FieldKind::ALL`]: an editor that knows JSON Schema (VS Code and
//! others) completes member names and flags a member on the wrong type
//! while a municipality edits a form. `cargo xtask check-form` remains the
//! judge: it also checks what a JSON Schema cannot (duplicate values,
//! conditions that point forwards, English everywhere when listed).

use super::properties::{
    documented_properties, names, names_for, PropertyType, AUTOCOMPLETE, PROPERTIES,
};
use super::FieldKind;
use lokalform_text::json::{object as obj, string as s, Json};

fn strings(items: &[&str]) -> Json {
    Json::Array(items.iter().map(|i| s(i)).collect())
}

fn reference(name: &str) -> Json {
    obj(vec![("$ref", s(&format!("#/$defs/{name}")))])
}

fn array_of(items: Json) -> Json {
    obj(vec![("type", s("array")), ("items", items)])
}

fn type_schema(ty: PropertyType) -> Json {
    match ty {
        PropertyType::Id => reference("id"),
        PropertyType::Kind => {
            let kinds: Vec<&str> = FieldKind::ALL.iter().map(|(_, n)| *n).collect();
            obj(vec![("enum", strings(&kinds))])
        }
        PropertyType::Text => reference("text"),
        PropertyType::Bool => obj(vec![("type", s("boolean"))]),
        PropertyType::Options => array_of(reference("option")),
        PropertyType::Count => obj(vec![
            ("type", s("integer")),
            ("minimum", Json::Number("0".into())),
        ]),
        PropertyType::Number => obj(vec![("type", s("number"))]),
        PropertyType::DateBound => obj(vec![
            ("type", s("string")),
            ("pattern", s("^(today|[0-9]{4}-[0-9]{2}-[0-9]{2})$")),
        ]),
        PropertyType::Condition => reference("condition"),
        PropertyType::Fields => array_of(reference("field")),
        PropertyType::String => obj(vec![("type", s("string"))]),
    }
}

fn with_doc(mut schema: Json, doc: &str) -> Json {
    if let Json::Object(members) = &mut schema {
        members.push(("description".into(), s(doc)));
    }
    schema
}

fn field_schema() -> Json {
    // Base: every member name; a name with one meaning gets its type here,
    // one with several (min, max) gets it per type below.
    let mut properties = Vec::new();
    for name in names() {
        let rows: Vec<_> = documented_properties()
            .filter(|(p, _)| p.name == name)
            .collect();
        let schema = if let [(row, doc)] = rows[..] {
            with_doc(type_schema(row.ty), doc)
        } else {
            obj(Vec::new())
        };
        properties.push((name.to_string(), schema));
    }
    if let Some((_, autocomplete)) = properties.iter_mut().find(|(n, _)| n == "autocomplete") {
        *autocomplete = obj(vec![("enum", strings(AUTOCOMPLETE))]);
    }
    let per_kind: Vec<Json> = FieldKind::ALL
        .iter()
        .map(|(kind, name)| {
            let mut own = Vec::new();
            for (p, doc) in
                documented_properties().filter(|(p, _)| p.applies_to(*kind) && !p.kinds.is_empty())
            {
                if PROPERTIES.iter().filter(|q| q.name == p.name).count() > 1 {
                    own.push((p.name.to_string(), with_doc(type_schema(p.ty), doc)));
                }
            }
            let mut then = vec![(
                "propertyNames",
                obj(vec![("enum", strings(&names_for(*kind)))]),
            )];
            if !own.is_empty() {
                then.push(("properties", Json::Object(own)));
            }
            obj(vec![
                (
                    "if",
                    obj(vec![(
                        "properties",
                        obj(vec![("type", obj(vec![("const", s(name))]))]),
                    )]),
                ),
                ("then", obj(then)),
            ])
        })
        .collect();
    obj(vec![
        ("type", s("object")),
        ("required", strings(&["id", "type", "label"])),
        ("properties", Json::Object(properties)),
        ("allOf", Json::Array(per_kind)),
    ])
}

fn condition_schema() -> Json {
    let list = array_of(reference("condition"));
    let test = |name: &str, schema: Json| {
        obj(vec![
            ("type", s("object")),
            ("required", strings(&["field", name])),
            (
                "properties",
                obj(vec![("field", reference("id")), (name, schema)]),
            ),
            ("additionalProperties", Json::Bool(false)),
        ])
    };
    let combine = |name: &str| {
        obj(vec![
            ("type", s("object")),
            ("required", strings(&[name])),
            ("properties", obj(vec![(name, list.clone())])),
            ("additionalProperties", Json::Bool(false)),
        ])
    };
    obj(vec![(
        "oneOf",
        Json::Array(vec![
            test("equals", obj(vec![("type", s("string"))])),
            test("any_of", array_of(obj(vec![("type", s("string"))]))),
            test("answered", obj(vec![("type", s("boolean"))])),
            combine("all"),
            combine("any"),
        ]),
    )])
}

/// The JSON Schema (draft 2020-12) of a form definition.
///
/// ```
/// let schema = lokalform_forms::schema::json_schema();
/// assert!(schema.to_string().contains("\"multi_choice\""));
/// ```
pub fn json_schema() -> Json {
    let text = obj(vec![
        ("type", s("object")),
        ("required", strings(&["da"])),
        (
            "properties",
            obj(vec![
                (
                    "da",
                    obj(vec![
                        ("type", s("string")),
                        ("minLength", Json::Number("1".into())),
                    ]),
                ),
                ("en", obj(vec![("type", s("string"))])),
            ]),
        ),
        ("additionalProperties", Json::Bool(false)),
    ]);
    let option = obj(vec![
        ("type", s("object")),
        ("required", strings(&["value", "label"])),
        (
            "properties",
            obj(vec![
                ("value", reference("id")),
                ("label", reference("text")),
            ]),
        ),
        ("additionalProperties", Json::Bool(false)),
    ]);
    let step = obj(vec![
        ("type", s("object")),
        ("required", strings(&["fields"])),
        (
            "properties",
            obj(vec![
                ("title", reference("text")),
                ("intro", reference("text")),
                ("fields", array_of(reference("field"))),
            ]),
        ),
        ("additionalProperties", Json::Bool(false)),
    ]);
    obj(vec![
        ("$schema", s("https://json-schema.org/draft/2020-12/schema")),
        ("title", s("lokalform form definition")),
        (
            "description",
            s("A form for lokalform's <lokal-form> (and <lokal-feedback>). Generated by `cargo xtask json-schema` from lokalform_forms::schema::PROPERTIES; do not edit by hand."),
        ),
        ("type", s("object")),
        ("required", strings(&["id", "version", "title"])),
        (
            "properties",
            obj(vec![
                ("id", reference("id")),
                (
                    "version",
                    obj(vec![
                        ("type", s("integer")),
                        ("minimum", Json::Number("1".into())),
                    ]),
                ),
                ("languages", array_of(obj(vec![("enum", strings(&["da", "en"]))]))),
                ("title", reference("text")),
                ("intro", reference("text")),
                ("thanks", reference("text")),
                ("fields", array_of(reference("field"))),
                ("steps", array_of(reference("step"))),
            ]),
        ),
        ("additionalProperties", Json::Bool(false)),
        (
            "oneOf",
            Json::Array(vec![
                obj(vec![("required", strings(&["fields"]))]),
                obj(vec![("required", strings(&["steps"]))]),
            ]),
        ),
        (
            "$defs",
            obj(vec![
                (
                    "id",
                    obj(vec![
                        ("type", s("string")),
                        ("pattern", s("^[A-Za-z0-9_-]{1,64}$")),
                    ]),
                ),
                ("text", text),
                ("option", option),
                ("step", step),
                ("condition", condition_schema()),
                ("field", field_schema()),
            ]),
        ),
    ])
}
