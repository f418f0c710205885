//! Writing fixed markup as escaped HTML, and putting it on the page.
//!
//! Content that never changes once shown (a receipt, a thank-you text, the
//! faces) is cheaper in wasm as a string than as view-macro markup. Every
//! text goes through [`escape_html`] (from the core crate), so the strings
//! are safe by construction, and [`set_markup`] is the one place that puts
//! them into the page.
//!
//! A host page may require Trusted Types (`require-trusted-types-for
//! 'script'` in its Content-Security-Policy): the browser then refuses a
//! plain string assigned to `innerHTML`. [`set_markup`] goes through a
//! Trusted Types policy named `lokalform` (made once, in
//! `js/lokalform.js`, which the pre-rendered first screen uses too) that
//! accepts only what this module's callers build. A host that also lists
//! allowed policies (`trusted-types …`) adds `lokalform`, and
//! `'allow-duplicates'` when both bundles are on one page.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

pub use lokalform_text::html::escape_html;

#[wasm_bindgen(module = "/js/lokalform.js")]
extern "C" {
    #[wasm_bindgen(js_name = setMarkup, catch)]
    fn set_markup_js(el: &web_sys::Element, html: &str) -> Result<(), JsValue>;
}

/// Sets `el`'s content to `html`, markup made by [`element`] or another
/// function of this crate that escapes every text. Used as a directive:
/// `view! { <div use:set_markup=html></div> }`.
pub fn set_markup(el: web_sys::Element, html: String) {
    let _ = set_markup_js(&el, &html);
}

/// A `<div>` holding fixed `html` (made by [`element`] or another
/// escaping builder): set by [`set_markup`] in the browser, and written
/// into the markup when the view is rendered to HTML at build time (the
/// feedback box's pre-rendered first screen), so both show the same.
#[cfg(target_arch = "wasm32")]
pub fn fixed_div(html: String) -> impl IntoView {
    view! { <div use:set_markup=html></div> }
}

/// A `<div>` holding fixed `html` (see the browser's version).
#[cfg(not(target_arch = "wasm32"))]
pub fn fixed_div(html: String) -> impl IntoView {
    view! { <div inner_html=html></div> }
}

/// A `<span class=class>` holding fixed `html`, as [`fixed_div`].
#[cfg(target_arch = "wasm32")]
pub fn fixed_span(class: &'static str, html: String) -> impl IntoView {
    view! { <span class=class use:set_markup=html></span> }
}

/// A `<span class=class>` holding fixed `html` (see the browser's version).
#[cfg(not(target_arch = "wasm32"))]
pub fn fixed_span(class: &'static str, html: String) -> impl IntoView {
    view! { <span class=class inner_html=html></span> }
}

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

/// Appends ` name="value"`, with `value` escaped.
///
/// ```
/// let mut out = String::from("<p");
/// lokalform_components::common::html::attribute(&mut out, "id", "a\"b");
/// assert_eq!(out, r#"<p id="a&quot;b""#);
/// ```
pub fn attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_html(value, out);
    out.push('"');
}

/// What a button drawn as markup does when pressed: its `data-do`.
#[derive(Clone, Copy)]
pub struct Button<'a> {
    /// The `data-do` a click handler acts on ([`action_of`]).
    pub act: &'a str,
    /// The visible text.
    pub text: &'a str,
    /// A secondary button (`button-secondary`).
    pub secondary: bool,
    /// Disabled (also said to screen readers).
    pub disabled: bool,
    /// The id of a text that describes it, if any.
    pub described_by: Option<&'a str>,
}

impl<'a> Button<'a> {
    /// A primary button that does `act`.
    pub fn new(act: &'a str, text: &'a str) -> Button<'a> {
        Button {
            act,
            text,
            secondary: false,
            disabled: false,
            described_by: None,
        }
    }

    /// Appends the button: one click handler on a container acts on every
    /// button in it by its `data-do` ([`action_of`]).
    ///
    /// ```
    /// use lokalform_components::common::html::Button;
    /// let mut out = String::new();
    /// Button { secondary: true, ..Button::new("back", "Tilbage") }.write(&mut out);
    /// assert_eq!(out, r#"<button type="button" class="button button-secondary" data-do="back">Tilbage</button>"#);
    /// ```
    pub fn write(&self, out: &mut String) {
        out.push_str("<button type=\"button\" class=\"button");
        out.push_str(if self.secondary {
            " button-secondary"
        } else {
            ""
        });
        out.push('"');
        attribute(out, "data-do", self.act);
        if let Some(id) = self.described_by {
            attribute(out, "aria-describedby", id);
        }
        if self.disabled {
            out.push_str(r#" disabled aria-disabled="true""#);
        }
        out.push('>');
        escape_html(self.text, out);
        out.push_str("</button>");
    }
}

/// The `data-do` of the markup button an event came from (see
/// [`Button`]), if any.
pub fn action_of(ev: &web_sys::Event) -> Option<String> {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[data-do]").ok().flatten())
        .and_then(|el| el.get_attribute("data-do"))
}
