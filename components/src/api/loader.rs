//! `loader.js`: the few hundred bytes that let a partner write one script
//! line whatever `lokal-*` elements a page uses. The logic is
//! `components/js/loader.js`; this writes the table above it (each
//! bundle's entry module and its tags, smallest bundle first) from the same
//! description as the manifest. `cargo xtask build` minifies it into
//! `dist/lokalform/loader.js`.

use super::manifest::{entry, BUNDLES};
use super::ELEMENTS;
use lokalform_text::json::write_string;

/// The loader module's source.
///
/// ```
/// let js = lokalform_components::api::loader::source();
/// assert!(js.starts_with(r#"const BUNDLES = [{ src: "feedback/lokalform-feedback.js", tags: ["lokal-feedback"] }"#));
/// ```
pub fn source() -> String {
    let bundles: Vec<String> = BUNDLES
        .iter()
        .map(|bundle| {
            let tags: Vec<String> = ELEMENTS
                .iter()
                .filter(|api| api.bundles.contains(bundle))
                .map(|api| string(api.element.tag))
                .collect();
            format!(
                "{{ src: {}, tags: [{}] }}",
                string(&entry(bundle)),
                tags.join(", ")
            )
        })
        .collect();
    format!(
        "const BUNDLES = [{}];\n{}",
        bundles.join(", "),
        include_str!("../../js/loader.js")
    )
}

fn string(text: &str) -> String {
    let mut out = String::new();
    write_string(&mut out, text);
    out
}
