//! Writing fixed markup as escaped HTML.
//!
//! Content that never changes once shown (a receipt, a thank-you text) is
//! cheaper in wasm as a string set with `inner_html` than as view-macro
//! markup. Every text goes through [`escape_html`] (from the core crate).

pub use lokalform_text::html::escape_html;

/// Appends `<tag class="class">text</tag>` (no class attribute when
/// `class` is empty), with `text` escaped.
///
/// ```
/// let mut out = String::new();
/// lokalform_components::common::html::element(&mut out, "p", "help", "1 < 2");
/// assert_eq!(out, r#"<p class="help">1 &lt; 2</p>"#);
/// ```
pub fn element(out: &mut String, tag: &str, class: &str, text: &str) {
    out.push('<');
    out.push_str(tag);
    if !class.is_empty() {
        out.push_str(" class=\"");
        out.push_str(class);
        out.push('"');
    }
    out.push('>');
    escape_html(text, out);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}
