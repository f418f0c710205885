//! `<lokal-feedback>`: the feedback box as a custom element.
//!
//! | attribute | meaning |
//! |---|---|
//! | `form` | URL of a JSON form definition (default: the built-in one) |
//! | `collector` | base URL of the collector (default: the page's origin) |
//! | `lang` | `da` or `en` (default: the page's `lang`, else Danish) |
//! | `mode` | `web` (default) or `kiosk` |
//! | `idle-seconds` | kiosk: start over after this many idle seconds (default 60) |
//! | `batch-size` | kiosk: send only batches of at least this many responses (k, at least 5) |
//!
//! Events (bubbling, composed): `lokal-submitted` with
//! `detail.outcome` = `sent` · `queued` · `kept` · `rejected` · `failed`,
//! and `lokal-error` with `detail.message` when the definition is unusable;
//! in kiosk mode `lokal-start-screen` (no detail) when the box shows its
//! empty start screen with nobody at it (loaded, or started over by
//! itself): the moment a page may reload to take a new version (see
//! `components/offline/offline.js`). Events never carry answers.

use super::{FeedbackBox, Outcome};
use crate::common::element::{define, detail, emit, Attributes, Element, Event};
use crate::common::style;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The element's tag name.
pub const TAG: &str = "lokal-feedback";
const ATTRIBUTES: &[&str] = &[
    "form",
    "collector",
    "lang",
    "mode",
    "idle-seconds",
    "batch-size",
];
/// The element: its tag, observed attributes and stylesheets (see
/// [`Element`]).
pub const ELEMENT: Element = Element {
    tag: TAG,
    attributes: ATTRIBUTES,
    styles: &[style::BASE],
    control: false,
};

/// Wires `<lokal-feedback>` (defined by the bundle's entry module) to its live
/// widget.
pub fn register() {
    define(ELEMENT.tag, ELEMENT.attributes, render);
}

fn number(attrs: &Attributes, name: &str) -> Signal<Option<u32>> {
    let raw = attrs.signal(name);
    Signal::derive(move || raw.get().and_then(|v| v.trim().parse().ok()))
}

/// What tells this element's draft apart from other `<lokal-feedback>`
/// elements: its `id`, else the page path and its place among them.
fn instance_key(host: &web_sys::HtmlElement) -> String {
    let id = host.id();
    if !id.is_empty() {
        return id;
    }
    let path = window().location().pathname().unwrap_or_default();
    let place = document()
        .query_selector_all(TAG)
        .ok()
        .and_then(|all| (0..all.length()).find(|&i| all.get(i).as_ref() == Some(host.as_ref())))
        .unwrap_or(0);
    format!("{path}#{place}")
}

fn render(host: web_sys::HtmlElement, attrs: Attributes) -> AnyView {
    let draft_key = instance_key(&host);
    let page_lang = host
        .parent_element()
        .and_then(|p| p.closest("[lang]").ok().flatten())
        .and_then(|e| e.get_attribute("lang"));
    let submitted_host = host.clone();
    let on_submitted = Callback::new(move |outcome: Outcome| {
        emit(
            &submitted_host,
            Event::Submitted,
            &detail("outcome", outcome.name()),
        );
    });
    let on_error = Callback::new(move |message: String| {
        web_sys::console::warn_1(&JsValue::from_str(&format!("lokal-feedback: {message}")));
        emit(&host, Event::Error, &detail("message", &message));
    });
    let (form, collector, own_lang, mode) = (
        attrs.signal("form"),
        attrs.signal("collector"),
        attrs.signal("lang"),
        attrs.signal("mode"),
    );
    // Without its own `lang`, the widget speaks the page's language.
    let lang = Signal::derive(move || own_lang.get().or_else(|| page_lang.clone()));

    view! {
        <FeedbackBox
            draft_key=draft_key
            form=form
            collector=collector
            lang=lang
            mode=mode
            idle_seconds=number(&attrs, "idle-seconds")
            batch_size=number(&attrs, "batch-size")
            on_submitted=on_submitted
            on_error=on_error
        />
    }
    .into_any()
}
