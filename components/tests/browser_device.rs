//! A kiosk tablet's own records (`store::device`) and how its batches go
//! (`store::kiosk::Batches`), against a real HTTP server (the stand-in
//! collector): the credential is kept sealed, never in localStorage, and
//! forgotten on "Afmeld tablet"; a batch refused because the tablet is not
//! enrolled, or was revoked, is held — kept, not tried again — until the
//! tablet is enrolled, then sent once; the daily ceiling is noted and the
//! batch waits; no batch holds more than 200 responses; the staff PIN is
//! kept only as a PBKDF2 hash, and wrong tries make the next one wait.
//!
//! The page's delivery loop is never started here (`send_now` sends once
//! and awaits): every POST a test counts is its own.
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/stand_in.rs"]
mod stand_in;
mod support;

use lokalform_components::store::device::{self, Enrolled, PinCheck, Refusal};
use lokalform_components::store::kdf;
use lokalform_components::store::kiosk;
use lokalform_components::store::outbox::Pending;
use lokalform_components::store::vault::{self, Store};
use support::*;
use wasm_bindgen_test::wasm_bindgen_test;

/// A collector of its own on the stand-in whose `path` answers POSTs with
/// `codes` in turn (a code may carry an error code: `401-device_not_enrolled`).
fn stand_in(codes: &str, name: &str) -> String {
    format!(
        "{}/{codes}/{name}-{}",
        stand_in::base(),
        vault::random_key()
    )
}

/// Keeps `n` kiosk responses for the batches endpoint of `collector`.
async fn keep(collector: &str, n: usize) {
    let url = format!("{collector}/api/v1/batches");
    for i in 0..n {
        let key = format!("device-test-response-{i:04}-{}", vault::random_key());
        kiosk::keep(&url, tally(&key, &[("overall", "4")], &[]))
            .await
            .expect("keep");
    }
}

async fn batches() -> Vec<Pending> {
    vault::entries::<Pending>(Store::Outbox)
        .await
        .expect("outbox")
        .into_iter()
        .map(|(_, p)| p)
        .collect()
}

async fn enroll_ok() {
    let enrolled = device::enroll(&stand_in("201", "enroll"), " abcd-efgh-jkmn ").await;
    assert!(matches!(enrolled, Enrolled::Yes(_)), "{enrolled:?}");
}

#[wasm_bindgen_test]
async fn the_credential_is_kept_sealed_not_in_local_storage_and_forgotten_on_unenrolling() {
    reset().await;
    assert_eq!(device::enrollment().await, None);
    let enrolled = device::enroll(&stand_in("201", "enroll"), "ABCD-EFGH-JKMN").await;
    let Enrolled::Yes(e) = enrolled else {
        panic!("not enrolled: {enrolled:?}");
    };
    assert_eq!(e.label, "Stand-in tablet");
    assert_eq!(e.authorization(), "Bearer stand-in.t0ken");
    assert_eq!(device::enrollment().await, Some(e));

    let raw = raw_get("device", "enrollment").await;
    assert_eq!(keys_of(&raw), ["data", "iv"], "AES-GCM only");
    assert!(!contains_bytes(&bytes_of(&prop(&raw, "data")), b"t0ken"));
    let stored = js_sys::eval("JSON.stringify(Object.entries(localStorage))")
        .expect("localStorage")
        .as_string()
        .unwrap_or_default();
    assert!(
        !stored.contains("t0ken"),
        "nothing in localStorage: {stored}"
    );

    device::forget().await.expect("forget");
    assert_eq!(device::enrollment().await, None);
    assert_eq!(raw_count("device").await, 1, "only the status stays");
}

#[wasm_bindgen_test]
async fn an_unknown_code_or_no_collector_is_said_and_nothing_is_kept() {
    reset().await;
    let unknown = device::enroll(&stand_in("403-enrollment_code_unknown", "code"), "WRONG").await;
    assert_eq!(unknown, Enrolled::UnknownCode);
    assert_eq!(
        device::enroll("http://127.0.0.1:9", "ABCD").await,
        Enrolled::Unreachable
    );
    assert_eq!(
        device::enroll(&stand_in("500", "down"), "ABCD").await,
        Enrolled::Failed(500)
    );
    assert_eq!(device::enrollment().await, None);
}

#[wasm_bindgen_test]
async fn a_batch_refused_as_not_enrolled_is_held_until_the_tablet_is_enrolled_then_sent_once() {
    reset().await;
    let collector = stand_in("401-device_not_enrolled,200", "held");
    let endpoint = format!("{collector}/api/v1/batches");
    keep(&collector, 5).await;
    kiosk::send_now(5).await;
    assert_eq!(stand_in::posts_to(&endpoint).await, 1, "tried once");
    let kept = batches().await;
    assert_eq!(kept.len(), 1, "the batch is kept: {kept:?}");
    assert!(!kept[0].rejected, "held, not refused for good");
    assert_eq!(kept[0].tally.responses, 5);
    assert_eq!(device::status().await.refusal, Refusal::NotEnrolled);
    assert_eq!(kiosk::waiting().await, 5, "the staff view's count");

    // Held: not tried again, however often staff press "Send nu".
    kiosk::send_now(5).await;
    kiosk::send_now(5).await;
    assert_eq!(
        stand_in::posts_to(&endpoint).await,
        1,
        "not tried while held"
    );
    assert_eq!(batches().await.len(), 1);

    // Enrolled: the hold is lifted, and the batch goes once.
    enroll_ok().await;
    assert_eq!(device::status().await.refusal, Refusal::None);
    kiosk::send_now(5).await;
    assert_eq!(stand_in::posts_to(&endpoint).await, 2, "sent once more");
    assert_eq!(batches().await, [], "forgotten after the acknowledgement");
    assert_eq!(kiosk::waiting().await, 0);
    let status = device::status().await;
    assert!(status.last_sent >= device::now() - 60, "{status:?}");
    kiosk::send_now(5).await;
    assert_eq!(stand_in::posts_to(&endpoint).await, 2, "nothing more");
}

#[wasm_bindgen_test]
async fn a_revoked_tablet_forgets_its_credential_and_holds_its_batch() {
    reset().await;
    enroll_ok().await;
    let collector = stand_in("403-device_revoked,200", "revoked");
    let endpoint = format!("{collector}/api/v1/batches");
    keep(&collector, 6).await;
    kiosk::send_now(5).await;
    assert_eq!(stand_in::posts_to(&endpoint).await, 1);
    assert_eq!(device::status().await.refusal, Refusal::Revoked);
    assert_eq!(
        device::enrollment().await,
        None,
        "the revoked credential is forgotten"
    );
    let kept = batches().await;
    assert_eq!(
        (kept.len(), kept[0].rejected, kept[0].tally.responses),
        (1, false, 6)
    );
    kiosk::send_now(5).await;
    assert_eq!(stand_in::posts_to(&endpoint).await, 1, "held");
    enroll_ok().await;
    kiosk::send_now(5).await;
    assert_eq!(stand_in::posts_to(&endpoint).await, 2);
    assert_eq!(batches().await, []);
}

#[wasm_bindgen_test]
async fn the_daily_ceiling_is_noted_and_the_batch_waits_without_a_hold() {
    reset().await;
    let collector = stand_in("429-device_daily_ceiling", "ceiling");
    keep(&collector, 5).await;
    kiosk::send_now(5).await;
    assert_eq!(device::status().await.refusal, Refusal::DailyCeiling);
    assert!(!Refusal::DailyCeiling.holds());
    let kept = batches().await;
    assert_eq!(
        (kept.len(), kept[0].rejected),
        (1, false),
        "waits for another day"
    );
    kiosk::send_now(5).await;
    let endpoint = format!("{collector}/api/v1/batches");
    assert_eq!(
        stand_in::posts_to(&endpoint).await,
        2,
        "tried again, not held"
    );
}

#[wasm_bindgen_test]
async fn no_batch_holds_more_than_200_responses() {
    reset().await;
    keep("http://127.0.0.1:9", 201).await;
    kiosk::send_now(5).await;
    let mut sizes: Vec<u32> = batches().await.iter().map(|p| p.tally.responses).collect();
    sizes.sort_unstable();
    assert_eq!(sizes, [100, 101], "two even batches, each at least k");
    assert_eq!(raw_count("kiosk").await, 0);
    assert_eq!(kiosk::waiting().await, 201);
}

#[wasm_bindgen_test]
async fn the_pin_is_kept_only_as_a_pbkdf2_hash_and_wrong_tries_slow_down() {
    reset().await;
    assert!(!device::has_pin().await.expect("has_pin"));
    device::choose_pin("2468").await.expect("choose");
    assert!(device::has_pin().await.expect("has_pin"));
    let raw = raw_get("device", "pin").await;
    assert_eq!(keys_of(&raw), ["data", "iv"]);
    let record = decrypt_with_device_key(&raw).await.expect("decrypt");
    assert!(!record.contains("2468"), "{record}");
    assert!(
        record.contains(&format!("\"kdf\":\"{}\"", kdf::KDF)),
        "{record}"
    );
    assert!(
        record.contains(&format!("\"iterations\":{}", kdf::ITERATIONS)),
        "{record}"
    );

    assert_eq!(device::check_pin("2468").await, Ok(PinCheck::Right));
    for i in 1..device::FREE_TRIES {
        assert_eq!(
            device::check_pin("1357").await,
            Ok(PinCheck::Wrong),
            "try {i}"
        );
    }
    assert_eq!(
        device::check_pin("1357").await,
        Ok(PinCheck::Wait(30)),
        "the fifth wrong try"
    );
    // Now even the right PIN is not checked until the wait is over.
    assert!(
        matches!(device::check_pin("2468").await, Ok(PinCheck::Wait(s)) if (29..=30).contains(&s))
    );
}
