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
