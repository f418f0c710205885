//! A kiosk tablet's batches (`store::kiosk`): nothing reaches the outbox
//! before k = 5 responses of one form wait, and then they leave as one
//! summed tally. The collector URL is unreachable, so the delivery that
//! `release_batches` starts in the background leaves the outbox as it is.
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

use lokalform_components::store::kiosk;
use lokalform_components::store::outbox::Pending;
use lokalform_components::store::vault::{self, Store};
use lokalform_forms::aggregate::Counts;
use lokalform_forms::aggregate::{is_idempotency_key, Tally};
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use wasm_bindgen_test::wasm_bindgen_test;

const BATCHES: &str = "http://127.0.0.1:9/api/v1/batches";

/// The answers of five kiosk responses, and a comment on two of them.
const RESPONSES: [(&str, &str, Option<&str>); 5] = [
    ("4", "yes", None),
    ("4", "no", Some("Venlig modtagelse")),
    ("5", "yes", None),
    ("2", "partly", Some("For lang ventetid")),
    ("4", "yes", None),
];

fn response(i: usize) -> Tally {
    let (overall, heard, comment) = RESPONSES[i];
    let comments: Vec<&str> = comment.into_iter().collect();
    tally(
        &format!("kiosk-response-key-{i:03}"),
        &[("overall", overall), ("heard", heard)],
        &comments,
    )
}

fn form_tally(form: &str, version: u32, i: usize) -> Tally {
    Tally {
        form: form.into(),
        version,
        ..tally(
            &format!("{form}-v{version}-response-{i:03}"),
            &[("overall", "3")],
            &[],
        )
    }
}

async fn outbox() -> Vec<(String, Pending)> {
    vault::entries::<Pending>(Store::Outbox)
        .await
        .expect("outbox entries")
}

#[wasm_bindgen_test]
async fn four_responses_release_nothing_and_the_outbox_stays_empty() {
    reset().await;
    for i in 0..4 {
        kiosk::keep(BATCHES, response(i)).await.expect("keep");
    }
    assert_eq!(kiosk::release_batches(5).await.expect("release"), 0);
    assert_eq!(raw_count("outbox").await, 0, "nothing may leave before k");
    assert_eq!(raw_count("kiosk").await, 4, "all four kept");
}

#[wasm_bindgen_test]
async fn the_fifth_response_releases_one_batch_with_the_summed_counts() {
    reset().await;
    for i in 0..4 {
        kiosk::keep(BATCHES, response(i)).await.expect("keep");
    }
    assert_eq!(kiosk::release_batches(5).await.expect("release"), 0);
    kiosk::keep(BATCHES, response(4)).await.expect("keep");
    assert_eq!(kiosk::release_batches(5).await.expect("release"), 1);

    assert_eq!(
        raw_count("kiosk").await,
        0,
        "the responses left the kiosk store"
    );
    let queued = outbox().await;
    assert_eq!(
        queued.len(),
        1,
        "exactly one record in the outbox: {queued:?}"
    );
    let (id, batch) = &queued[0];
    assert_eq!(batch.url, BATCHES);
    assert!(!batch.rejected);
    assert_eq!(&batch.tally.key, id, "stored under its own key");
    assert!(is_idempotency_key(id), "{id} is a valid idempotency key");
    assert!(
        (0..5).all(|i| response(i).key != *id),
        "a fresh key, not one of a single response"
    );
    assert_eq!(batch.tally.form, "feedback");
    assert_eq!(batch.tally.version, 1);
    assert_eq!(batch.tally.responses, 5);
    let expected: Counts = [
        ("overall", vec![("2", 1), ("4", 3), ("5", 1)]),
        ("heard", vec![("no", 1), ("partly", 1), ("yes", 3)]),
    ]
    .into_iter()
    .map(|(q, cells)| {
        (
            q.to_string(),
            cells.into_iter().map(|(o, n)| (o.to_string(), n)).collect(),
        )
    })
    .collect();
    assert_eq!(batch.tally.counts, expected);
    let mut comments = batch.tally.comments.clone();
    comments.sort();
    assert_eq!(
        comments,
        ["For lang ventetid", "Venlig modtagelse"],
        "every comment once (in a random order: see below)"
    );
}

#[wasm_bindgen_test]
async fn a_batch_s_comments_leave_in_a_random_order() {
    // Five comments a batch, twelve batches: with crypto.getRandomValues
    // behind the shuffle, twelve times the same of 120 orders does not
    // happen (the chance is 120^-11).
    const COMMENTS: [&str; 5] = ["a først", "b anden", "c tredje", "d fjerde", "e femte"];
    let mut orders: Vec<Vec<String>> = Vec::new();
    for round in 0..12 {
        reset().await;
        for (i, comment) in COMMENTS.iter().enumerate() {
            let key = format!("shuffle-round-{round:02}-response-{i:03}");
            let one = tally(&key, &[("overall", "3")], &[comment]);
            kiosk::keep(BATCHES, one).await.expect("keep");
        }
        assert_eq!(kiosk::release_batches(5).await.expect("release"), 1);
        let (_, batch) = outbox().await.remove(0);
        let mut sorted = batch.tally.comments.clone();
        sorted.sort();
        assert_eq!(sorted, COMMENTS, "every comment once");
        orders.push(batch.tally.comments);
    }
    orders.sort();
    orders.dedup();
    assert!(orders.len() > 1, "always the same order: {orders:?}");
}

#[wasm_bindgen_test]
async fn a_batch_size_below_five_still_needs_five_responses() {
    reset().await;
    for i in 0..3 {
        kiosk::keep(BATCHES, response(i)).await.expect("keep");
    }
    assert_eq!(
        kiosk::release_batches(3).await.expect("release"),
        0,
        "k = 3 is raised to 5"
    );
    kiosk::keep(BATCHES, response(3)).await.expect("keep");
    for k in [0, 1, 2, 3, 4] {
        assert_eq!(
            kiosk::release_batches(k).await.expect("release"),
            0,
            "k = {k} with 4 waiting"
        );
    }
    assert_eq!(raw_count("outbox").await, 0);
    kiosk::keep(BATCHES, response(4)).await.expect("keep");
    assert_eq!(
        kiosk::release_batches(6).await.expect("release"),
        0,
        "k = 6 waits for a sixth"
    );
    assert_eq!(kiosk::release_batches(3).await.expect("release"), 1);
    let queued = outbox().await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].1.tally.responses, 5);
}

#[wasm_bindgen_test]
async fn responses_of_different_forms_or_versions_are_never_added_up() {
    reset().await;
    for i in 0..3 {
        kiosk::keep(BATCHES, form_tally("feedback", 1, i))
            .await
            .expect("keep");
    }
    kiosk::keep(BATCHES, form_tally("feedback", 2, 0))
        .await
        .expect("keep");
    kiosk::keep(BATCHES, form_tally("exit", 1, 0))
        .await
        .expect("keep");
    assert_eq!(
        kiosk::release_batches(5).await.expect("release"),
        0,
        "3 + 1 + 1 is no batch"
    );
    assert_eq!(raw_count("outbox").await, 0);

    for i in 3..5 {
        kiosk::keep(BATCHES, form_tally("feedback", 1, i))
            .await
            .expect("keep");
    }
    assert_eq!(kiosk::release_batches(5).await.expect("release"), 1);
    let queued = outbox().await;
    assert_eq!(queued.len(), 1);
    assert_eq!(
        (queued[0].1.tally.form.as_str(), queued[0].1.tally.version),
        ("feedback", 1)
    );
    assert_eq!(queued[0].1.tally.responses, 5);
    assert_eq!(
        raw_count("kiosk").await,
        2,
        "the other form's and version's responses wait"
    );
}

#[wasm_bindgen_test]
async fn two_tabs_releasing_at_once_send_the_batch_once() {
    reset().await;
    for i in 0..5 {
        kiosk::keep(BATCHES, response(i)).await.expect("keep");
    }
    let release = || {
        future_to_promise(async {
            let n = kiosk::release_batches(5)
                .await
                .map_err(|e| JsValue::from_str(&e.0))?;
            Ok(JsValue::from(n))
        })
    };
    let both = js_sys::Promise::all(&js_sys::Array::of2(&release(), &release()));
    let results: js_sys::Array = JsFuture::from(both).await.expect("both releases").into();
    let total: f64 = results.iter().filter_map(|n| n.as_f64()).sum();
    assert_eq!(total, 1.0, "one batch between the two: {results:?}");
    let queued = outbox().await;
    assert_eq!(queued.len(), 1, "no batch counted twice");
    assert_eq!(queued[0].1.tally.responses, 5);
    assert_eq!(raw_count("kiosk").await, 0);
}

#[wasm_bindgen_test]
async fn kept_responses_are_encrypted_on_the_tablet() {
    reset().await;
    kiosk::keep(BATCHES, response(1)).await.expect("keep");
    let raw = raw_get("kiosk", &response(1).key).await;
    assert_eq!(keys_of(&raw), ["data", "iv"]);
    assert!(!contains_bytes(
        &bytes_of(&prop(&raw, "data")),
        b"Venlig modtagelse"
    ));
}
