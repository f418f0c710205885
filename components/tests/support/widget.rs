//! Helpers of the tests of `<lokal-feedback>`: a host page's view of it.

use super::*;
use lokalform_components::feedback::{self, TAG};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};

pub fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

/// A fresh page: no widgets from earlier tests, empty stores (a draft left
/// by an earlier test would be restored into the next form).
pub async fn fresh_page() {
    remove_all(TAG);
    reset().await;
    // What the bundle's entry module does before the wasm starts.
    lokalform_components::common::element::define_without_entry(&feedback::ELEMENT);
    feedback::register();
}

/// Creates `<lokal-feedback>` with `attributes` (not yet in the document).
pub fn create(attributes: &[(&str, &str)]) -> HtmlElement {
    let element = document()
        .create_element(TAG)
        .expect("create element")
        .dyn_into::<HtmlElement>()
        .expect("an HTML element");
    for (name, value) in attributes {
        element.set_attribute(name, value).expect("set attribute");
    }
    element
}

pub fn add(element: &HtmlElement) {
    document()
        .body()
        .expect("body")
        .append_child(element)
        .expect("append");
}

/// Creates `<lokal-feedback>` with `attributes` and adds it to the page.
pub fn mount(attributes: &[(&str, &str)]) -> HtmlElement {
    let element = create(attributes);
    add(&element);
    element
}

pub fn faces(host: &HtmlElement) -> Vec<HtmlInputElement> {
    shadow_all(host, "input.face-input")
}

pub fn checked(host: &HtmlElement) -> Vec<bool> {
    faces(host).iter().map(HtmlInputElement::checked).collect()
}

pub fn texts(host: &HtmlElement, selector: &str) -> Vec<String> {
    shadow_all::<HtmlElement>(host, selector)
        .iter()
        .map(|e| e.text_content().unwrap_or_default().trim().to_string())
        .collect()
}

pub fn next_button(host: &HtmlElement) -> Option<HtmlElement> {
    shadow_all::<HtmlElement>(host, "form button[type=submit]")
        .into_iter()
        .next()
}

pub fn next_text(host: &HtmlElement) -> String {
    next_button(host)
        .and_then(|b| b.text_content())
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Removes `host` once pending animation frames have run (a widget
/// removed before them is what
/// `widget_regressions.rs` is about; the other tests leave it alone).
pub async fn unmount(host: &HtmlElement) {
    sleep(50).await;
    host.remove();
}

pub async fn form_shown(host: &HtmlElement) {
    wait_until(
        "the form is shown",
        || faces(host).len() == 5,
        || shadow_text(host),
    )
    .await;
}

pub async fn text_shown(host: &HtmlElement, text: &str) {
    wait_until(
        &format!("{text:?} is shown"),
        || shadow_text(host).contains(text),
        || shadow_text(host),
    )
    .await;
}

/// Waits until the widget's (asynchronous) draft save has landed, so it
/// cannot land after the next test's [`reset`].
pub async fn draft_saved() {
    let start = js_sys::Date::now();
    while raw_count("drafts").await == 0 {
        assert!(
            js_sys::Date::now() - start < TIMEOUT_MS,
            "no draft was saved within {TIMEOUT_MS} ms"
        );
        sleep(20).await;
    }
}

/// Fills in a face, continues to the review and presses "Send".
pub async fn answer_and_send(host: &HtmlElement) {
    form_shown(host).await;
    faces(host)[4].click();
    wait_until(
        "face 5 checked",
        || checked(host)[4],
        || format!("{:?}", checked(host)),
    )
    .await;
    next_button(host).expect("Fortsæt").click();
    let send = || {
        shadow_all::<HtmlElement>(host, ".review .actions button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().trim() == "Send")
    };
    wait_until(
        "the review with Send",
        || send().is_some(),
        || shadow_text(host),
    )
    .await;
    assert!(
        shadow_text(host).contains("Meget godt"),
        "the review lists the answer"
    );
    send().expect("Send").click();
}

pub fn stop(events: &js_sys::Array) {
    prop(events, "stop")
        .dyn_into::<js_sys::Function>()
        .expect("stop")
        .call0(events)
        .expect("stop listening");
}

pub fn outcomes(events: &js_sys::Array) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            prop(&prop(&e, "detail"), "outcome")
                .as_string()
                .unwrap_or_default()
        })
        .collect()
}
