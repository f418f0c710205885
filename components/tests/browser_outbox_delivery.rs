//! The delivery loop (`common::outbox::Retry`): it sends what waits when
//! it starts, again after the backoff (5 s ±50 % after the first failed
//! attempt) and at once when the browser comes back online; a refusal is
//! not tried again, and a stopped loop (a locked registry) sends nothing.
//! For the page's tallies (`store::outbox::start`) and for a programme's
//! sealed export. In its own test binary, because once started the page's
//! loop flushes the outbox in the background for the rest of the page's
//! life.
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/stand_in.rs"]
mod stand_in;
mod support;

use leptos::prelude::*;
use lokalform_components::common::outbox::Retry;
use lokalform_components::programme::outbox::{record_id, Exports, PendingExport};
use lokalform_components::store::{outbox, sealed, vault, vault::Store};
use lokalform_forms::schema::Lang;
use support::*;
use wasm_bindgen_test::wasm_bindgen_test;

/// Longer than the first wait of the backoff can be (7.5 s) and the
/// attempt itself.
const BACKOFF_TIMEOUT_MS: f64 = 9_000.0;

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

fn go_online() {
    let online = web_sys::Event::new("online").expect("event");
    web_sys::window()
        .expect("window")
        .dispatch_event(&online)
        .expect("dispatch");
}

/// Polls `check` every 50 ms for up to `ms`; fails with `what`.
async fn within(ms: f64, what: &str, mut check: impl AsyncFnMut() -> bool) {
    let start = js_sys::Date::now();
    while !check().await {
        assert!(
            js_sys::Date::now() - start < ms,
            "{what}: not within {ms} ms"
        );
        sleep(50).await;
    }
}

/// A tally for a stand-in endpoint answering `codes` in turn, under
/// `key`, handed to the page's loop (running, with its backoff back at the
/// first wait: the `online` flush of an empty outbox resets it) once it has
/// been tried once. Returns the endpoint.
async fn a_tally_tried_once_by_the_loop(codes: &[u16], key: &str) -> String {
    reset().await;
    outbox::start();
    go_online();
    sleep(300).await;
    let url = stand_in::increments(codes, key);
    let record = pending(&url, tally(key, &[("overall", "3")], &[]));
    outbox::enqueue(&record).await.expect("enqueue");
    outbox::retry_now();
    within(TIMEOUT_MS, "the first attempt", async || {
        stand_in::posts_to(&url).await == 1
    })
    .await;
    url
}

#[wasm_bindgen_test]
async fn a_tally_answered_408_is_sent_again_after_the_backoff_not_before() {
    let key = "loop-408-key-0000001";
    let url = a_tally_tried_once_by_the_loop(&[408, 200], key).await;
    // The first wait is at least 2.5 s.
    sleep(1_500).await;
    assert_eq!(stand_in::posts_to(&url).await, 1, "no second attempt yet");
    assert!(!raw_get("outbox", key).await.is_undefined());
    within(BACKOFF_TIMEOUT_MS, "sent by the retry", async || {
        raw_get("outbox", key).await.is_undefined()
    })
    .await;
    assert_eq!(stand_in::posts_to(&url).await, 2);
}

#[wasm_bindgen_test]
async fn a_refused_tally_is_not_tried_again_by_the_loop() {
    let key = "loop-422-key-0000001";
    let url = a_tally_tried_once_by_the_loop(&[422, 200], key).await;
    within(TIMEOUT_MS, "marked rejected", async || {
        vault::get::<outbox::Pending>(Store::Outbox, key)
            .await
            .ok()
            .flatten()
            .is_some_and(|p| p.rejected)
    })
    .await;
    go_online();
    outbox::retry_now();
    sleep(500).await;
    assert_eq!(stand_in::posts_to(&url).await, 1, "sent once only");
}

const PASSPHRASE: &str = "kaffe i caféen 2026";

/// A programme's export for a stand-in endpoint answering `codes` in turn,
/// kept sealed and handed to a loop of its own, which has tried it once.
struct Started {
    exports: Exports,
    retry: Retry,
    url: String,
    pending: RwSignal<Option<PendingExport>>,
    notice: RwSignal<Option<String>>,
}

async fn an_export_tried_once_by_a_loop(programme: &str, codes: &[u16]) -> Started {
    reset().await;
    let pending = RwSignal::new(None);
    let notice = RwSignal::new(None);
    let exports = Exports::new(programme, pending, notice, Memo::new(|_| Lang::Da));
    let url = format!("{}/api/v1/cohorts", stand_in::collector(codes, programme));
    let export = PendingExport {
        url: url.clone(),
        body: "{}".into(),
    };
    exports.keep(export, PASSPHRASE).await.expect("kept sealed");
    let retry = Retry::default();
    retry.start(exports.clone());
    within(TIMEOUT_MS, "the attempt at the start", async || {
        stand_in::posts_to(&url).await == 1
    })
    .await;
    Started {
        exports,
        retry,
        url,
        pending,
        notice,
    }
}

#[wasm_bindgen_test]
async fn an_export_answered_503_is_sent_by_the_backoff_and_the_worker_told() {
    let s = an_export_tried_once_by_a_loop("loop-export", &[503, 201]).await;
    assert!(s.pending.get_untracked().is_some(), "still waiting");
    within(BACKOFF_TIMEOUT_MS, "sent by the retry", async || {
        s.notice.get_untracked().is_some()
    })
    .await;
    assert_eq!(
        s.notice.get_untracked().as_deref(),
        Some("Tallene, der ventede, er nu sendt til indsamleren.")
    );
    assert_eq!(s.pending.get_untracked(), None);
    assert!(!sealed::exists(&record_id("loop-export"))
        .await
        .expect("exists"));
    assert_eq!(stand_in::posts_to(&s.url).await, 2);
}

#[wasm_bindgen_test]
async fn a_stopped_loop_sends_nothing_until_it_is_started_again() {
    let s = an_export_tried_once_by_a_loop("loop-locked", &[408]).await;
    sleep(200).await;
    // Locked: neither the backoff nor the browser coming online sends it.
    s.retry.stop();
    go_online();
    sleep(8_000).await;
    assert_eq!(stand_in::posts_to(&s.url).await, 1, "nothing while stopped");
    assert!(s.pending.get_untracked().is_some());
    // Unlocked again: tried at once.
    s.retry.start(s.exports.clone());
    within(TIMEOUT_MS, "the attempt after starting again", async || {
        stand_in::posts_to(&s.url).await == 2
    })
    .await;
    s.retry.stop();
}
