//! Regressions of `<lokal-feedback>` that take the page down with them:
//! kept in their own test binary (a wasm trap can leave the module in a bad
//! state for the tests after it) and last in cargo's order, so a failure
//! here does not stop the other browser tests from running.
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

use support::widget::*;
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// Regression: the widget moves focus on the next animation frame after a
/// step change (`focus_soon`), through a `NodeRef` of the form. When the
/// host page removes the widget before that frame (navigation in a single
/// page app, a closed dialog), the frame reads the disposed `NodeRef`: a
/// Rust panic, which in wasm traps and takes every widget on the page with
/// it.
#[wasm_bindgen_test]
async fn a_widget_removed_right_after_a_step_change_does_not_crash_the_page() {
    fresh_page().await;
    let window: JsValue = web_sys::window().expect("window").into();
    let errors = record_events(&window, "error");
    let host = mount(&[]);
    form_shown(&host).await;
    faces(&host)[2].click();
    wait_until(
        "face 3 checked",
        || checked(&host)[2],
        || format!("{:?}", checked(&host)),
    )
    .await;
    next_button(&host).expect("Fortsæt").click(); // to the review; focus follows next frame
    host.remove(); // before that frame
    sleep(200).await;
    let messages: Vec<String> = errors
        .iter()
        .map(|e| prop(&e, "message").as_string().unwrap_or_default())
        .collect();
    stop(&errors);
    assert!(
        messages.is_empty(),
        "uncaught errors on the page: {messages:?}"
    );

    // And the page's widgets still work.
    let again = mount(&[]);
    form_shown(&again).await;
    unmount(&again).await;
    reset().await;
}
