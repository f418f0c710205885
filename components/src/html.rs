//! Writing fixed markup as escaped HTML.
//!
//! Content that never changes once shown (a receipt, a thank-you text) is
//! cheaper in wasm as a string set with `inner_html` than as view-macro
//! markup. Every text goes through [`escape_html`].

/// Appends `text` to `out`, escaped for HTML text and attribute values.
///
/// ```
/// let mut out = String::new();
/// lokalform_components::html::escape_html("<b>\"Ole\" & 'co'</b>", &mut out);
/// assert_eq!(out, "&lt;b&gt;&quot;Ole&quot; &amp; &#39;co&#39;&lt;/b&gt;");
/// ```
pub fn escape_html(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Appends `<tag class="class">text</tag>` (no class attribute when
/// `class` is empty), with `text` escaped.
///
/// ```
/// let mut out = String::new();
/// lokalform_components::html::element(&mut out, "p", "help", "1 < 2");
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
