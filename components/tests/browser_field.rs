//! `fields::Field`, the Leptos component, in an app's own `<form>`: the
//! app's signal and the field follow each other, the hidden input carries
//! the value and the validity to the form, and a tried form shows the
//! engine's message at the field, which takes focus. (The example app's
//! Playwright test types into it by keyboard.)
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

use leptos::prelude::*;
use lokalform_components::fields::Field;
use lokalform_forms::schema::FieldKind;
use support::widget::document;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlElement, HtmlInputElement};

const REQUIRED: &str = "Skriv CPR-nummeret som DDMMÅÅ-XXXX.";
const FORMAT: &str = "Skriv CPR-nummeret med 10 cifre som DDMMÅÅ-XXXX.";

/// The browser's validation message of `input`.
fn message(input: &HtmlInputElement) -> String {
    input.validation_message().unwrap_or_default()
}

/// Waits until `form` holds an element matching `selector`.
async fn shown(form: &HtmlElement, selector: &str) {
    wait_until(
        &format!("{selector} shows"),
        || form.query_selector(selector).ok().flatten().is_some(),
        || form.inner_html(),
    )
    .await;
}

fn input(form: &HtmlElement, selector: &str) -> HtmlInputElement {
    form.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn the_apps_signal_and_the_field_follow_each_other_and_the_form_gets_value_and_validity() {
    let form: HtmlElement = document().create_element("form").unwrap().unchecked_into();
    document().body().unwrap().append_child(&form).unwrap();
    let value = RwSignal::new(String::new());
    let _mounted = leptos::mount::mount_to(form.clone(), move || {
        view! { <Field kind=FieldKind::Cpr name="cpr" label="CPR-nummer" required=true value /> }
    });
    shown(&form, "[id=\"lf-cpr\"]").await;
    let (carrier, control) = (
        input(&form, "input[name=cpr]"),
        input(&form, "[id=\"lf-cpr\"]"),
    );

    // Required and empty: the form is held back with the engine's message,
    // shown at the field only once the form was tried.
    wait_until(
        "the hidden input is invalid",
        || message(&carrier) == REQUIRED,
        || message(&carrier),
    )
    .await;
    assert!(form.query_selector(".field-error").unwrap().is_none());

    // The app sets its signal: the field and the form follow; the CPR
    // box shows the number masked while not in use.
    value.set("010190-1234".into());
    wait_until(
        "the form has the app's value",
        || carrier.value() == "010190-1234",
        || carrier.value(),
    )
    .await;
    assert!(carrier.check_validity());
    assert_eq!(control.value(), "010190-XXXX");

    // Typing (an input event on the engine's box): the app's signal gets
    // the text as typed, and the form the engine's message.
    control.focus().unwrap();
    control.set_value("0101901234x");
    control
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    wait_until(
        "the signal has the typed text",
        || value.get_untracked() == "0101901234x",
        || value.get_untracked(),
    )
    .await;
    assert_eq!(carrier.value(), "0101901234x");
    assert_eq!(message(&carrier), FORMAT);
    assert_eq!(control.value(), "0101901234x", "kept as typed");

    // The form tried (as a submit tries it): the message at the field, and
    // focus on the field, moved there from elsewhere.
    control.blur().unwrap();
    let checked: bool = js_sys::Reflect::get(&form, &"reportValidity".into())
        .unwrap()
        .unchecked_into::<js_sys::Function>()
        .call0(&form)
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(!checked);
    wait_until(
        "the message shows at the field",
        || {
            form.query_selector(".field-error")
                .ok()
                .flatten()
                .and_then(|e| e.text_content())
                .is_some_and(|t| t.ends_with(FORMAT))
        },
        || form.inner_html(),
    )
    .await;
    assert_eq!(
        control.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        document().active_element().map(|e| e.id()).as_deref(),
        Some("lf-cpr")
    );

    // Modulus 11 only warns: the form takes the number.
    value.set("070761-4286".into());
    wait_until(
        "the form has the new value",
        || carrier.value() == "070761-4286",
        || carrier.value(),
    )
    .await;
    assert!(carrier.check_validity(), "{}", message(&carrier));
    shown(&form, ".field-warning").await;
    assert!(form.query_selector(".field-error").unwrap().is_none());

    // form.reset() empties the field, its answer and the app's signal.
    js_sys::Reflect::get(&form, &"reset".into())
        .unwrap()
        .unchecked_into::<js_sys::Function>()
        .call0(&form)
        .unwrap();
    wait_until(
        "the signal is emptied",
        || value.get_untracked().is_empty(),
        || value.get_untracked(),
    )
    .await;
    wait_until(
        "the form is back at required",
        || message(&carrier) == REQUIRED,
        || message(&carrier),
    )
    .await;
    assert_eq!(control.value(), "");
    assert_eq!(carrier.value(), "");
    form.remove();
}
