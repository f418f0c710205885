//! `<lokal-form>`: the form engine as a custom element.
//!
//! | attribute | meaning |
//! |---|---|
//! | `form` | URL of a JSON form definition (required) |
//! | `lang` | `da` or `en` (default: the page's `lang`, else Danish) |
//! | `protect` | `auto` (default: a passphrase when the form holds personal data), `passphrase` or `device` |
//! | `idle-lock` | seconds without input before a passphrase-protected form locks itself (default 600; 0 never) |
//! | `collector` | base URL of a collector: saving also sends the counts of the aggregatable questions (after a receipt of exactly what goes) |
//!
//! Events (bubbling, composed): `lokal-submitted` with `detail.form` (the
//! definition's URL) when the form is saved, and `lokal-error` with
//! `detail.message` when the definition is unusable. Events never carry
//! answers: a page that needs them uses the Leptos component.

use super::Form;
use crate::common::element::{define, detail, emit, Attributes, Element, Event};
use crate::common::style;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The element's tag name.
pub const TAG: &str = "lokal-form";
const ATTRIBUTES: &[&str] = &["form", "lang", "protect", "collector", "idle-lock"];
/// The element: its tag, observed attributes and stylesheets (see
/// [`Element`]).
pub const ELEMENT: Element = Element {
    tag: TAG,
    attributes: ATTRIBUTES,
    styles: &[style::BASE, style::FORM],
    control: false,
};

/// Wires `<lokal-form>` (defined by the bundle's entry module) to its live
/// widget.
pub fn register() {
    define(ELEMENT.tag, ELEMENT.attributes, render);
}

fn render(host: web_sys::HtmlElement, attrs: Attributes) -> AnyView {
    let draft_key = host.id();
    let page_lang = host
        .parent_element()
        .and_then(|p| p.closest("[lang]").ok().flatten())
        .and_then(|e| e.get_attribute("lang"));
    let (form, own_lang, protect, collector) = (
        attrs.signal("form"),
        attrs.signal("lang"),
        attrs.signal("protect"),
        attrs.signal("collector"),
    );
    let lang = Signal::derive(move || own_lang.get().or_else(|| page_lang.clone()));
    let idle_raw = attrs.signal("idle-lock");
    let idle_lock =
        Signal::derive(move || idle_raw.get().and_then(|v| v.trim().parse::<u32>().ok()));
    let submitted_host = host.clone();
    let on_submit = Callback::new(move |_answers: lokalform_forms::answers::Answers| {
        // Only the form's id goes out: the answers stay in the widget.
        let url = form.get_untracked().unwrap_or_default();
        emit(&submitted_host, Event::Submitted, &detail("form", &url));
    });
    let on_error = Callback::new(move |message: String| {
        web_sys::console::warn_1(&JsValue::from_str(&format!("lokal-form: {message}")));
        emit(&host, Event::Error, &detail("message", &message));
    });
    view! {
        <Form form=form lang=lang protect=protect collector=collector idle_lock=idle_lock draft_key=draft_key on_submit=on_submit on_error=on_error />
    }
    .into_any()
}
