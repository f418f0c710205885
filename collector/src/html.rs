//! HTML that escapes by construction, for the [`crate::dashboard`].
//!
//! An [`Html`] page grows in two ways only:
//!
//! - [`Html::markup`] appends fixed markup (tags, attribute names, fixed
//!   Danish sentences and the stylesheet) as it is. It takes a
//!   `&'static str`, so it is for text written in the source: a `String`
//!   made at run time (a form's label, a comment, a name) does not fit
//!   (only `Box::leak` could make one fit, and nothing here does that).
//! - [`Html::fill`], or the `fill!` macro, which also checks when
//!   compiling that the template is a literal with one value per hole,
//!   appends a `&'static str` template whose every `{}` hole is replaced
//!   by a value, escaped. Escaping works on the value's `Display` output,
//!   so numbers go through it too (it leaves digits, `,`, `.`, `−` and `%`
//!   as they are).
//!
//! There is no third way: no method takes a `String` and writes it as it
//! is, so dynamic text reaches the page only escaped, as HTML text or as
//! an attribute value (every attribute in the templates is double-quoted,
//! and `"` and `'` are escaped too). `grep -n 'markup(' src/` lists every
//! unescaped insertion.
//!
//! Why not a template crate such as maud (whose `html!` escapes every
//! value too): the page is fixed markup with a few dozen holes, and a
//! builder of some sixty lines gives the same guarantee without a
//! procedural macro in the production server's build (compile time on a
//! small machine), keeps the page byte for byte as it was (maud writes no
//! line breaks, and the doctype line as the page has it would need maud's
//! `PreEscaped`, a second unescaped way in), and uses the one escaping
//! function the widgets use, [`lokalform_text::html::escape_html`].

use std::fmt::{self, Display, Write};

/// An HTML page under construction; see the [module](self) for the rules.
///
/// ```
/// use lokalform_collector::html::Html;
/// let mut html = Html::with_capacity(64);
/// html.markup("<p class=\"note\">");
/// html.fill("{} svar: {}", &[&"<b>\"Ja\"</b>", &12]);
/// html.markup("</p>\n");
/// assert_eq!(
///     html.into_string(),
///     "<p class=\"note\">&lt;b&gt;&quot;Ja&quot;&lt;/b&gt; svar: 12</p>\n"
/// );
/// ```
#[derive(Debug, Default)]
pub struct Html {
    out: String,
}

impl Html {
    /// An empty page with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Html {
        Html {
            out: String::with_capacity(capacity),
        }
    }

    /// Appends fixed markup as it is. The only unescaped way in: it takes
    /// text written in the source (`&'static str`), never a value made at
    /// run time.
    pub fn markup(&mut self, literal: &'static str) {
        self.out.push_str(literal);
    }

    /// Appends `template` with each `{}` replaced by the next of `values`,
    /// escaped. A hole without a value stays empty and a value without a
    /// hole is left out; the `fill!` macro refuses both when compiling.
    pub fn fill(&mut self, template: &'static str, values: &[&dyn Display]) {
        let mut values = values.iter();
        let mut parts = template.split("{}");
        if let Some(first) = parts.next() {
            self.out.push_str(first);
        }
        for part in parts {
            if let Some(value) = values.next() {
                // Writing to a String cannot fail.
                let _ = write!(Escaped(&mut self.out), "{value}");
            }
            self.out.push_str(part);
        }
    }

    /// The finished page.
    pub fn into_string(self) -> String {
        self.out
    }
}

/// Escapes everything written to it into the string it wraps.
struct Escaped<'a>(&'a mut String);

impl Write for Escaped<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        lokalform_text::html::escape_html(s, self.0);
        Ok(())
    }
}

/// The number of `{}` holes in `template`, for `fill!`.
pub(crate) const fn holes(template: &str) -> usize {
    let bytes = template.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' && bytes[i + 1] == b'}' {
            count += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    count
}

/// `fill!(html, "template {}", value)`: [`Html::fill`] with a template
/// that must be a string literal and as many values as it has `{}` holes,
/// both checked when compiling.
macro_rules! fill {
    ($html:expr, $template:literal $(, $value:expr)* $(,)?) => {{
        const _: () = assert!(
            $crate::html::holes($template) == <[&str]>::len(&[$(stringify!($value)),*]),
            "fill!: the template's holes and the values differ in number"
        );
        $html.fill($template, &[$(&$value as &dyn ::std::fmt::Display),*]);
    }};
}
pub(crate) use fill;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_and_markup_is_not() {
        let mut html = Html::default();
        fill!(
            html,
            "<a href=\"{}\" title=\"{}\">{}</a>",
            "\"><img src=x onerror=alert(1)>",
            "'x'",
            "<script>alert(1)</script> & co"
        );
        assert_eq!(
            html.into_string(),
            "<a href=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\" title=\"&#39;x&#39;\">\
             &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</a>"
        );
    }

    #[test]
    fn holes_are_counted() {
        assert_eq!(holes(""), 0);
        assert_eq!(holes("{}"), 1);
        assert_eq!(holes("a {} b {}{} c { } }{"), 3);
        let mut html = Html::default();
        html.fill("[{}|{}]", &[&1]);
        html.fill("({})", &[&2, &3]);
        assert_eq!(html.into_string(), "[1|](2)");
    }
}
