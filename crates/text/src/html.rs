//! Escaping text for HTML, shared by the widgets (fixed markup set with
//! `inner_html`) and the collector's dashboard.

/// Appends `text` to `out`, escaped for HTML text and attribute values.
///
/// ```
/// let mut out = String::new();
/// lokalform_text::html::escape_html("<b>\"Ole\" & 'co'</b>", &mut out);
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
