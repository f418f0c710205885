//! `feedback::FeedbackBox`, the Leptos component, in an app's own DOM: it
//! wraps the markup box (`feedback::web::WebBox`) and follows its props —
//! another language draws the box again with the answers kept, another
//! definition starts from empty, `mode="kiosk"` says which bundle to use —
//! and leaves nothing behind when the app drops it. (The example app's
//! Playwright test sends through it.)
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

use leptos::prelude::*;
use lokalform_components::feedback::FeedbackBox;
use support::widget::document;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlElement, HtmlInputElement};

fn find(app: &HtmlElement, selector: &str) -> Option<web_sys::Element> {
    app.query_selector(selector).ok().flatten()
}

fn text(app: &HtmlElement, selector: &str) -> String {
    find(app, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn face(app: &HtmlElement, index: usize) -> HtmlInputElement {
    find(app, &format!("[id=\"q-overall-{index}\"]"))
        .unwrap_or_else(|| panic!("no face {index}: {}", app.inner_html()))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn the_component_follows_its_props_and_leaves_nothing_when_dropped() {
    reset().await;
    let app: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&app).unwrap();
    let lang = RwSignal::new("da".to_string());
    let mode = RwSignal::new("web".to_string());
    let form = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<String>::new());
    let on_error = Callback::new(move |m: String| problems.update(|p| p.push(m)));
    let mounted = leptos::mount::mount_to(app.clone(), move || {
        view! { <FeedbackBox lang mode form on_error draft_key="component-test" /> }
    });
    wait_until(
        "the Danish form",
        || text(&app, "#lokal-title") == "Hvordan var dit møde med kommunen?",
        || app.inner_html(),
    )
    .await;

    // A choice, then the app switches language: the box is drawn again in
    // English with the face still chosen.
    face(&app, 3).click();
    lang.set("en".into());
    wait_until(
        "English",
        || text(&app, "#lokal-title") == "How was your meeting with the municipality?",
        || app.inner_html(),
    )
    .await;
    assert!(face(&app, 3).checked(), "the choice survives the switch");

    // Another definition: its answers would not fit, so none are kept.
    form.set("/tests/fixtures/short-form.json".into());
    let fieldsets = || {
        app.query_selector_all("fieldset")
            .map(|l| l.length())
            .unwrap_or(0)
    };
    wait_until(
        "the short form, one question",
        || fieldsets() == 1,
        || app.inner_html(),
    )
    .await;
    assert!(
        (0..5).all(|i| !face(&app, i).checked()),
        "nothing chosen in the new definition"
    );

    // A kiosk needs the kiosk bundle: said on screen and to the app.
    mode.set("kiosk".into());
    wait_until(
        "the kiosk notice",
        || text(&app, ".notice-error").contains("lokalform-kiosk.js"),
        || app.inner_html(),
    )
    .await;
    assert!(
        problems.with_untracked(|p| p.iter().any(|m| m.contains("lokalform-kiosk.js"))),
        "{:?}",
        problems.get_untracked()
    );

    drop(mounted);
    assert_eq!(app.inner_html(), "", "nothing of the box is left");
    app.remove();
    reset().await;
}
