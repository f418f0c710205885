//! The page's delivery loop (`outbox::start`): it sends what waits when the
//! page starts and again when the browser comes back online. In its own
//! test binary, because once started it flushes the outbox in the
//! background for the rest of the page's life.
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

use lokalform_components::store::outbox;
use support::*;
use wasm_bindgen_test::wasm_bindgen_test;

async fn gone(key: &str) {
    let start = js_sys::Date::now();
    while !raw_get("outbox", key).await.is_undefined() {
        assert!(
            js_sys::Date::now() - start < TIMEOUT_MS,
            "{key} was not delivered within {TIMEOUT_MS} ms"
        );
        sleep(20).await;
    }
}

#[wasm_bindgen_test]
async fn start_sends_what_waits_and_online_sends_again() {
    reset().await;
    let url = format!("{}/api/v1/increments", acknowledging_collector());

    // Left over from an earlier page: sent when this page starts delivery.
    let earlier = pending(
        &url,
        tally("left-over-key-000001", &[("overall", "4")], &[]),
    );
    outbox::enqueue(&earlier).await.expect("enqueue");
    outbox::start();
    gone("left-over-key-000001").await;

    // Stored while offline: nothing sends it by itself (nothing was waiting,
    // so no retry is scheduled)...
    let offline = pending(
        &url,
        tally("while-offline-key-001", &[("overall", "2")], &[]),
    );
    outbox::enqueue(&offline).await.expect("enqueue");
    sleep(300).await;
    assert!(
        !raw_get("outbox", "while-offline-key-001")
            .await
            .is_undefined(),
        "not sent before the browser is online again"
    );
    // ...until the browser says it is online again.
    let online = web_sys::Event::new("online").expect("event");
    web_sys::window()
        .expect("window")
        .dispatch_event(&online)
        .expect("dispatch");
    gone("while-offline-key-001").await;
}
