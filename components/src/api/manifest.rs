//! `custom-elements.json`: the elements in the Custom Elements Manifest
//! format (schema 2.1) that editors and documentation tools read.
//!
//! One module per bundle entry (`<bundle>/lokalform-<bundle>.js`, the
//! stable name); an element is declared in the first bundle that holds it
//! and exported as a custom-element definition by each.

use super::{
    css_properties, css_property_description, ElementApi, ELEMENTS, VERSION, VERSION_PROPERTY,
};
use lokalform_text::json::{object, string, Json};

/// The bundles, in the order the manifest lists them.
pub const BUNDLES: &[&str] = &["feedback", "kiosk", "fields", "all"];

/// The stable entry module of `bundle`, relative to `dist/lokalform/`.
///
/// ```
/// assert_eq!(lokalform_components::api::manifest::entry("feedback"), "feedback/lokalform-feedback.js");
/// ```
pub fn entry(bundle: &str) -> String {
    format!("{bundle}/lokalform-{bundle}.js")
}

/// The whole manifest, as JSON text.
///
/// ```
/// let text = lokalform_components::api::manifest::custom_elements_json();
/// assert!(text.contains(r#""tagName":"lokal-feedback""#));
/// ```
pub fn custom_elements_json() -> String {
    let modules = BUNDLES.iter().map(|bundle| module(bundle)).collect();
    object(vec![
        ("schemaVersion", string("2.1.0")),
        ("readme", string("README.md")),
        ("modules", Json::Array(modules)),
    ])
    .to_string()
}

fn module(bundle: &str) -> Json {
    let path = entry(bundle);
    let in_bundle = || ELEMENTS.iter().filter(|api| api.bundles.contains(&bundle));
    let declarations = in_bundle()
        .filter(|api| api.bundles.first() == Some(&bundle))
        .map(declaration)
        .collect();
    let exports = in_bundle()
        .map(|api| {
            object(vec![
                ("kind", string("custom-element-definition")),
                ("name", string(api.element.tag)),
                (
                    "declaration",
                    object(vec![
                        ("name", string(api.class)),
                        ("module", string(&entry(api.bundles[0]))),
                    ]),
                ),
            ])
        })
        .collect();
    object(vec![
        ("kind", string("javascript-module")),
        ("path", string(&path)),
        ("declarations", Json::Array(declarations)),
        ("exports", Json::Array(exports)),
    ])
}

fn declaration(api: &ElementApi) -> Json {
    let attributes = api
        .attributes
        .iter()
        .map(|a| {
            let mut members = vec![
                ("name", string(a.name)),
                ("type", object(vec![("text", string(a.type_text))])),
                ("description", string(a.description)),
            ];
            if let Some(default) = a.default {
                members.push(("default", string(default)));
            }
            object(members)
        })
        .collect();
    let events = api
        .events
        .iter()
        .map(|e| {
            object(vec![
                ("name", string(e.name)),
                (
                    "type",
                    object(vec![(
                        "text",
                        string(&format!("CustomEvent<{}>", e.detail_type)),
                    )]),
                ),
                ("description", string(e.description)),
            ])
        })
        .collect();
    let css = css_properties(api.element)
        .into_iter()
        .map(|(name, default)| {
            object(vec![
                ("name", string(&name)),
                ("default", string(&default)),
                (
                    "description",
                    string(css_property_description(&name).unwrap_or_default()),
                ),
            ])
        })
        .collect();
    object(vec![
        ("kind", string("class")),
        ("name", string(api.class)),
        ("tagName", string(api.element.tag)),
        ("customElement", Json::Bool(true)),
        ("description", string(api.summary)),
        (
            "superclass",
            object(vec![
                ("name", string("HTMLElement")),
                ("package", string("global:")),
            ]),
        ),
        ("attributes", Json::Array(attributes)),
        ("members", Json::Array(members(api))),
        ("events", Json::Array(events)),
        ("cssProperties", Json::Array(css)),
        ("cssParts", Json::Array(Vec::new())),
    ])
}

/// The `version` property, and a form control's own members.
fn members(api: &ElementApi) -> Vec<Json> {
    let field = |name: &str, type_text: &str, readonly: bool, description: &str| {
        object(vec![
            ("kind", string("field")),
            ("name", string(name)),
            ("type", object(vec![("text", string(type_text))])),
            ("readonly", Json::Bool(readonly)),
            ("description", string(description)),
        ])
    };
    let mut all = vec![object(vec![
        ("kind", string("field")),
        ("name", string("version")),
        ("type", object(vec![("text", string("string"))])),
        ("readonly", Json::Bool(true)),
        ("default", string(&format!("\"{VERSION}\""))),
        ("description", string(VERSION_PROPERTY)),
    ])];
    if api.element.control {
        for (name, type_text, readonly, description) in super::types::CONTROL_MEMBERS {
            all.push(field(name, type_text, *readonly, description));
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use lokalform_text::json::parse;

    #[test]
    fn the_manifest_is_json_with_every_element_declared_once_and_exported_by_each_bundle() {
        let manifest = parse(&custom_elements_json()).expect("valid JSON");
        let modules = manifest.get("modules").and_then(Json::as_array).unwrap();
        let mut declared = Vec::new();
        let mut exported = Vec::new();
        for module in modules {
            let path = module.get("path").and_then(Json::as_str).unwrap();
            for d in module.get("declarations").and_then(Json::as_array).unwrap() {
                declared.push(d.get("tagName").and_then(Json::as_str).unwrap().to_string());
            }
            for e in module.get("exports").and_then(Json::as_array).unwrap() {
                exported.push(format!(
                    "{path} {}",
                    e.get("name").and_then(Json::as_str).unwrap()
                ));
            }
        }
        assert_eq!(
            declared,
            [
                "lokal-feedback",
                "lokal-cpr",
                "lokal-date",
                "lokal-phone",
                "lokal-email",
                "lokal-scale",
                "lokal-vas",
                "lokal-signature",
                "lokal-instrument",
                "lokal-form",
                "lokal-programme"
            ]
        );
        assert_eq!(
            exported[..3],
            [
                "feedback/lokalform-feedback.js lokal-feedback",
                "kiosk/lokalform-kiosk.js lokal-feedback",
                "fields/lokalform-fields.js lokal-cpr",
            ]
        );
        assert_eq!(
            exported[exported.len() - 3..],
            [
                "all/lokalform-all.js lokal-feedback",
                "all/lokalform-all.js lokal-form",
                "all/lokalform-all.js lokal-programme",
            ]
        );
    }

    #[test]
    fn css_properties_carry_the_stylesheets_defaults() {
        let text = custom_elements_json();
        assert!(
            text.contains(r##"{"name":"--lokal-accent","default":"#004d99""##),
            "{text}"
        );
    }
}
