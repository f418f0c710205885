//! The encrypted stores (`store::vault`, `store::drafts`) against the real
//! IndexedDB and WebCrypto of headless Chromium: what `glue.js` writes is
//! read back from outside it, so "encrypted" is checked, not assumed.
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

use lokalform_components::store::drafts::{self, Draft};
use lokalform_components::store::outbox::Pending;
use lokalform_components::store::vault::{self, Record, Store};
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn secret_pending(key: &str) -> Pending {
    pending(
        UNREACHABLE,
        tally(key, &[("overall", "4"), ("heard", "yes")], &[SECRET]),
    )
}

#[wasm_bindgen_test]
async fn put_then_get_round_trips_a_pending_tally() {
    reset().await;
    let record = secret_pending("roundtrip-pending-0001");
    vault::put(Store::Outbox, "roundtrip-pending-0001", &record)
        .await
        .expect("put");
    let back: Option<Pending> = vault::get(Store::Outbox, "roundtrip-pending-0001")
        .await
        .expect("get");
    assert_eq!(back, Some(record));
}

#[wasm_bindgen_test]
async fn put_then_get_round_trips_a_draft() {
    reset().await;
    let record = draft(&[("overall", "2"), ("meeting", "phone")], SECRET);
    vault::put(Store::Drafts, "feedback", &record)
        .await
        .expect("put");
    let back: Option<Draft> = vault::get(Store::Drafts, "feedback").await.expect("get");
    assert_eq!(back, Some(record));
}

#[wasm_bindgen_test]
async fn get_of_an_unknown_id_is_none() {
    reset().await;
    let back: Option<Draft> = vault::get(Store::Drafts, "never-written")
        .await
        .expect("get");
    assert_eq!(back, None);
}

/// Checks one raw record: exactly `{iv, data}`, a 12-byte IV, ciphertext of
/// the record's JSON plus the 16-byte GCM tag, no plaintext in the bytes,
/// and it decrypts with the device key to the record's JSON.
async fn assert_sealed(store: &str, id: &str, plain_json: &str) {
    let raw = raw_get(store, id).await;
    assert!(!raw.is_undefined(), "no raw record {store}/{id}");
    assert_eq!(class_name(&raw), "[object Object]", "{store}/{id}");
    assert_eq!(
        keys_of(&raw),
        ["data", "iv"],
        "{store}/{id} must be {{iv, data}} only"
    );
    let iv = prop(&raw, "iv");
    let data = prop(&raw, "data");
    assert_eq!(class_name(&iv), "[object Uint8Array]");
    assert_eq!(bytes_of(&iv).len(), 12, "AES-GCM IV of 96 bits");
    let bytes = bytes_of(&data);
    assert_eq!(
        bytes.len(),
        plain_json.len() + 16,
        "ciphertext = plaintext + 128-bit tag"
    );
    for needle in [SECRET, "Ole Hansen", "Hansen", "comment", "overall"] {
        assert!(
            !contains_bytes(&bytes, needle.as_bytes()),
            "{store}/{id} holds {needle:?} in clear text"
        );
    }
    assert!(
        !contains_bytes(&bytes_of(&iv), b"Ole"),
        "nothing readable in the IV either"
    );
    // The same bytes, decrypted with the key from store "keys", are the
    // record: so the test above looked at the real ciphertext.
    let plain = decrypt_with_device_key(&raw)
        .await
        .expect("decrypts with the device key");
    assert_eq!(plain, plain_json);
}

#[wasm_bindgen_test]
async fn a_stored_draft_is_iv_and_ciphertext_without_the_comment() {
    reset().await;
    let record = draft(&[("overall", "1")], SECRET);
    drafts::save("feedback", &record).await.expect("save");
    assert!(
        record.to_json().contains(SECRET),
        "the test needs the secret in the JSON"
    );
    assert_sealed("drafts", "feedback", &record.to_json()).await;
}

#[wasm_bindgen_test]
async fn a_stored_outbox_tally_is_iv_and_ciphertext_without_the_comment() {
    reset().await;
    let record = secret_pending("sealed-outbox-000001");
    vault::put(Store::Outbox, "sealed-outbox-000001", &record)
        .await
        .expect("put");
    assert!(record.to_json().contains(SECRET));
    assert_sealed("outbox", "sealed-outbox-000001", &record.to_json()).await;
}

#[wasm_bindgen_test]
async fn storing_the_same_record_twice_uses_a_fresh_iv() {
    reset().await;
    let record = draft(&[], SECRET);
    vault::put(Store::Drafts, "a", &record)
        .await
        .expect("put a");
    vault::put(Store::Drafts, "b", &record)
        .await
        .expect("put b");
    let (a, b) = (raw_get("drafts", "a").await, raw_get("drafts", "b").await);
    assert_ne!(bytes_of(&prop(&a, "iv")), bytes_of(&prop(&b, "iv")));
    assert_ne!(bytes_of(&prop(&a, "data")), bytes_of(&prop(&b, "data")));
}

#[wasm_bindgen_test]
async fn remove_deletes_the_record() {
    reset().await;
    vault::put(Store::Drafts, "gone-soon", &draft(&[("overall", "3")], ""))
        .await
        .expect("put");
    vault::put(Store::Drafts, "stays", &draft(&[("overall", "5")], ""))
        .await
        .expect("put");
    vault::remove(Store::Drafts, "gone-soon")
        .await
        .expect("remove");
    assert!(raw_get("drafts", "gone-soon").await.is_undefined());
    let back: Option<Draft> = vault::get(Store::Drafts, "gone-soon").await.expect("get");
    assert_eq!(back, None);
    assert_eq!(raw_count("drafts").await, 1, "only the named record goes");
    // Removing what is not there is no error.
    vault::remove(Store::Drafts, "gone-soon")
        .await
        .expect("remove again");
}

#[wasm_bindgen_test]
async fn entries_lists_every_record_with_its_id() {
    reset().await;
    let mut written = Vec::new();
    for (i, option) in ["1", "3", "5"].iter().enumerate() {
        let key = format!("entries-test-key-{i:04}");
        let record = pending(UNREACHABLE, tally(&key, &[("overall", option)], &[]));
        vault::put(Store::Outbox, &key, &record).await.expect("put");
        written.push((key, record));
    }
    let mut listed = vault::entries::<Pending>(Store::Outbox)
        .await
        .expect("entries");
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(listed, written);
    // Other stores are not mixed in.
    assert!(vault::entries::<Pending>(Store::Kiosk)
        .await
        .expect("entries")
        .is_empty());
}

#[wasm_bindgen_test]
async fn entries_leaves_out_and_keeps_a_record_that_no_longer_decrypts() {
    reset().await;
    let good = draft(&[("overall", "4")], "");
    vault::put(Store::Drafts, "good", &good).await.expect("put");
    // A record sealed under a key that is gone: random IV and bytes.
    let stale = js_sys::Object::new();
    js_sys::Reflect::set(&stale, &"iv".into(), &random_bytes(12)).expect("iv");
    js_sys::Reflect::set(&stale, &"data".into(), &random_bytes(48).buffer()).expect("data");
    raw_put("drafts", "stale", &stale.into()).await;

    let listed = vault::entries::<Draft>(Store::Drafts)
        .await
        .expect("entries must not fail on one bad record");
    assert_eq!(listed, vec![("good".to_string(), good)]);
    assert!(
        !raw_get("drafts", "stale").await.is_undefined(),
        "the undecryptable record is left alone"
    );
    assert!(
        vault::get::<Draft>(Store::Drafts, "stale").await.is_err(),
        "get reports a record that does not decrypt"
    );
}

fn kiosk_response(i: usize) -> (String, Pending) {
    let key = format!("kiosk-response-{i:05}");
    let record = pending(
        "http://127.0.0.1:9/api/v1/batches",
        tally(&key, &[("overall", "4")], &[]),
    );
    (key, record)
}

#[wasm_bindgen_test]
async fn move_records_moves_every_id_and_stores_the_value_in_one_step() {
    reset().await;
    let mut ids = Vec::new();
    for i in 0..3 {
        let (key, record) = kiosk_response(i);
        vault::put(Store::Kiosk, &key, &record).await.expect("put");
        ids.push(key);
    }
    let batch = pending(
        "http://127.0.0.1:9/api/v1/batches",
        tally("moved-batch-key-0001", &[("overall", "4")], &[]),
    );
    let moved = vault::move_records(
        Store::Kiosk,
        &ids[..2],
        Store::Outbox,
        "moved-batch-key-0001",
        &batch,
    )
    .await
    .expect("move");
    assert!(moved, "every id was there, so the move happens");
    let left: Vec<String> = raw_entries("kiosk")
        .await
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(left, vec![ids[2].clone()], "only the moved ids leave");
    let target: Option<Pending> = vault::get(Store::Outbox, "moved-batch-key-0001")
        .await
        .expect("get");
    assert_eq!(target, Some(batch.clone()));
    assert_sealed("outbox", "moved-batch-key-0001", &batch.to_json()).await;
}

#[wasm_bindgen_test]
async fn move_records_changes_nothing_when_one_id_is_already_gone() {
    reset().await;
    let mut ids = Vec::new();
    for i in 0..3 {
        let (key, record) = kiosk_response(i);
        vault::put(Store::Kiosk, &key, &record).await.expect("put");
        ids.push(key);
    }
    // Another tab already moved this one.
    vault::remove(Store::Kiosk, &ids[1]).await.expect("remove");
    let batch = pending(UNREACHABLE, tally("never-stored-key-0001", &[], &[]));
    let moved = vault::move_records(
        Store::Kiosk,
        &ids,
        Store::Outbox,
        "never-stored-key-0001",
        &batch,
    )
    .await
    .expect("a missing id is not an error");
    assert!(!moved, "must report that nothing was moved");
    let mut left: Vec<String> = raw_entries("kiosk")
        .await
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    left.sort();
    assert_eq!(
        left,
        vec![ids[0].clone(), ids[2].clone()],
        "nothing deleted"
    );
    assert_eq!(raw_count("outbox").await, 0, "nothing written");
}

#[wasm_bindgen_test]
async fn the_device_key_is_a_non_extractable_aes_gcm_256_crypto_key() {
    reset().await;
    vault::put(Store::Drafts, "x", &draft(&[], SECRET))
        .await
        .expect("put");
    vault::put(Store::Outbox, "y", &secret_pending("device-key-test-0001"))
        .await
        .expect("put");
    let keys = raw_entries("keys").await;
    assert_eq!(
        keys.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
        ["device"],
        "one device key, reused by every put"
    );
    let key = &keys[0].1;
    assert_eq!(class_name(key), "[object CryptoKey]");
    assert_eq!(prop(key, "extractable"), JsValue::FALSE);
    assert_eq!(prop(key, "type").as_string().as_deref(), Some("secret"));
    let algorithm = prop(key, "algorithm");
    assert_eq!(
        prop(&algorithm, "name").as_string().as_deref(),
        Some("AES-GCM")
    );
    assert_eq!(prop(&algorithm, "length").as_f64(), Some(256.0));
    let mut usages: Vec<String> = js_sys::Array::from(&prop(key, "usages"))
        .iter()
        .filter_map(|u| u.as_string())
        .collect();
    usages.sort();
    assert_eq!(usages, ["decrypt", "encrypt"]);
    assert!(
        export_raw(key).await.is_err(),
        "the browser must refuse to export the key"
    );
}

#[wasm_bindgen_test]
async fn drafts_save_load_and_discard() {
    reset().await;
    assert_eq!(drafts::load("feedback").await.expect("load"), None);
    let first = draft(&[("overall", "2")], "");
    drafts::save("feedback", &first).await.expect("save");
    assert_eq!(drafts::load("feedback").await.expect("load"), Some(first));
    let second = draft(&[("overall", "5"), ("heard", "partly")], SECRET);
    drafts::save("feedback", &second).await.expect("save again");
    assert_eq!(
        drafts::load("feedback").await.expect("load"),
        Some(second),
        "a save replaces the draft"
    );
    assert_eq!(raw_count("drafts").await, 1);
    // Drafts of different forms are separate.
    drafts::save("other-form", &draft(&[("x", "1")], ""))
        .await
        .expect("save other");
    drafts::discard("feedback").await.expect("discard");
    assert_eq!(drafts::load("feedback").await.expect("load"), None);
    assert!(raw_get("drafts", "feedback").await.is_undefined());
    assert!(drafts::load("other-form").await.expect("load").is_some());
}

#[wasm_bindgen_test]
fn a_draft_is_empty_only_without_answers_and_without_a_comment() {
    assert!(Draft::default().is_empty());
    assert!(draft(&[], "").is_empty());
    assert!(
        draft(&[], "  \n\t ").is_empty(),
        "blank space is no comment"
    );
    assert!(!draft(&[("overall", "3")], "").is_empty());
    assert!(!draft(&[], "x").is_empty());
    assert!(!draft(&[("overall", "3")], SECRET).is_empty());
}
