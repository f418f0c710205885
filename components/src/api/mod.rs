//! The elements' public API, described once: what a partner's editor,
//! TypeScript and the README read.
//!
//! Each element's attributes, events, its `version` property and the CSS
//! custom properties it reads are described here, next to the code that
//! defines them, and [`manifest`] and [`types`] write the two files a
//! component library ships from this one description:
//! `custom-elements.json` (the Custom Elements Manifest format editors
//! read) and `lokalform.d.ts`. `cargo xtask build` writes both into
//! `dist/lokalform/` (through the `lokalform-api` bin).
//!
//! What keeps the description true to the code: the tests below fail when
//! an element observes an attribute that is not described (or the other
//! way round), when a `--lokal-*` property in an element's stylesheets has
//! no description, or when an event the code dispatches is missing.
//! Attribute names come from each element's [`Element`], event names from
//! [`crate::common::element::Event`], property defaults from the CSS itself.
//!
//! Natively only: none of this is in a browser bundle.
//!
//! ```
//! use lokalform_components::api;
//! let feedback = api::ELEMENTS.iter().find(|e| e.element.tag == "lokal-feedback").unwrap();
//! assert!(feedback.attributes.iter().any(|a| a.name == "collector"));
//! assert!(api::css_properties(feedback.element).iter().any(|(name, _)| name == "--lokal-accent"));
//! ```

mod elements;
pub mod loader;
pub mod manifest;
pub mod types;

use crate::common::element::Element;
pub use elements::{CSS_PROPERTIES, ELEMENTS};

/// The version of the package, the crates and the bundles (one number).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// One element's public API.
pub struct ElementApi {
    /// The element as its bundle defines it (tag, observed attributes, CSS).
    pub element: &'static Element,
    /// The class name the declarations use, e.g. `LokalFeedback`.
    pub class: &'static str,
    /// What the element is, in one or two sentences.
    pub summary: &'static str,
    /// The bundles that define it (`dist/lokalform/<bundle>/`).
    pub bundles: &'static [&'static str],
    /// Its observed attributes, in the element's order.
    pub attributes: &'static [AttributeApi],
    /// The events it dispatches (all bubbling and composed).
    pub events: &'static [EventApi],
}

/// One attribute: its name, its TypeScript type, its default and meaning.
pub struct AttributeApi {
    /// The attribute's name.
    pub name: &'static str,
    /// Its values as a TypeScript type, e.g. `"da" | "en"`.
    pub type_text: &'static str,
    /// What an absent attribute means, if anything.
    pub default: Option<&'static str>,
    /// What it does.
    pub description: &'static str,
}

/// One event: its name, the TypeScript type of its `detail`, its meaning.
pub struct EventApi {
    /// The event's name ([`crate::common::element::Event::name`]).
    pub name: &'static str,
    /// The type of `event.detail`, e.g. `{ message: string }` or `null`.
    pub detail_type: &'static str,
    /// When it is dispatched, and what it never carries.
    pub description: &'static str,
}

/// One CSS custom property a host page may set on the element.
pub struct CssPropertyApi {
    /// The property's name, `--lokal-…`.
    pub name: &'static str,
    /// What it changes.
    pub description: &'static str,
}

/// The property every element has: the version of the code behind it.
pub const VERSION_PROPERTY: &str =
    "The version of lokalform that defined this element (read-only), e.g. for a support question.";

/// The `--lokal-*` custom properties that `element`'s stylesheets read,
/// each once, with the default the CSS gives it (the first `var()` that
/// names it), in the order they first appear.
///
/// ```
/// use lokalform_components::{api, feedback};
/// let props = api::css_properties(&feedback::ELEMENT);
/// assert!(props.contains(&("--lokal-accent".to_string(), "#004d99".to_string())));
/// ```
pub fn css_properties(element: &Element) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    for css in element.styles {
        let mut rest = *css;
        while let Some(at) = rest.find("var(--lokal-") {
            rest = &rest[at + "var(".len()..];
            let (name, default) = var_arguments(rest);
            if !found.iter().any(|(n, _)| n == name) {
                found.push((name.to_string(), default.to_string()));
            }
        }
    }
    found
}

/// The name and the fallback of a `var(` whose arguments start `text`
/// (nested parentheses in the fallback are kept whole).
fn var_arguments(text: &str) -> (&str, &str) {
    let name_end = text.find([',', ')']).unwrap_or(text.len());
    let name = text[..name_end].trim();
    if !text[name_end..].starts_with(',') {
        return (name, "");
    }
    let fallback = &text[name_end + 1..];
    let mut depth = 0usize;
    for (i, c) in fallback.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return (name, fallback[..i].trim()),
            ')' => depth -= 1,
            _ => {}
        }
    }
    (name, fallback.trim())
}

/// The description of CSS custom property `name`.
pub fn css_property_description(name: &str) -> Option<&'static str> {
    CSS_PROPERTIES
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.description)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::element::Event;

    #[test]
    fn every_observed_attribute_is_described_in_the_elements_order() {
        for api in ELEMENTS {
            let described: Vec<&str> = api.attributes.iter().map(|a| a.name).collect();
            assert_eq!(described, api.element.attributes, "{}", api.element.tag);
        }
    }

    #[test]
    fn every_element_of_the_suite_is_described_once() {
        let described: Vec<&str> = ELEMENTS.iter().map(|a| a.element.tag).collect();
        let defined: Vec<&str> = crate::ELEMENTS
            .iter()
            .chain(crate::fields::ELEMENTS)
            .map(|e| e.tag)
            .collect();
        assert_eq!(described, defined);
    }

    #[test]
    fn every_css_property_the_styles_read_is_described_and_no_other() {
        let mut read: Vec<String> = Vec::new();
        for api in ELEMENTS {
            for (name, default) in css_properties(api.element) {
                assert!(
                    css_property_description(&name).is_some(),
                    "{name} (read by {}) has no description",
                    api.element.tag
                );
                assert!(!default.is_empty(), "{name} has no default in the CSS");
                read.push(name);
            }
        }
        for p in CSS_PROPERTIES {
            assert!(
                read.iter().any(|n| n == p.name),
                "{} is described but no stylesheet reads it",
                p.name
            );
        }
    }

    #[test]
    fn every_event_the_code_dispatches_is_described() {
        let described: Vec<&str> = ELEMENTS
            .iter()
            .flat_map(|a| a.events)
            .map(|e| e.name)
            .collect();
        // A new event must be added here, or this does not compile.
        let all = Event::ALL.map(|e| match e {
            Event::Submitted
            | Event::Error
            | Event::StartScreen
            | Event::Locked
            | Event::Scored => e.name(),
        });
        for name in all {
            assert!(
                described.contains(&name),
                "{name} is dispatched but not described"
            );
        }
        for name in &described {
            assert!(
                all.contains(name),
                "{name} is described but never dispatched"
            );
        }
    }

    #[test]
    fn the_readme_documents_every_css_property() {
        let readme = include_str!("../../../README.md");
        for p in CSS_PROPERTIES {
            assert!(
                readme.contains(&format!("| `{}` |", p.name)),
                "README.md: no row for {}",
                p.name
            );
        }
    }

    #[test]
    fn a_fallback_with_parentheses_and_commas_is_read_whole() {
        assert_eq!(
            var_arguments("--lokal-font, system-ui, \"A B\") rest"),
            ("--lokal-font", "system-ui, \"A B\"")
        );
        assert_eq!(
            var_arguments("--lokal-x, calc(1px + 2px)) y"),
            ("--lokal-x", "calc(1px + 2px)")
        );
        assert_eq!(var_arguments("--lokal-y)"), ("--lokal-y", ""));
    }
}
