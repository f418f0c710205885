//! Passphrase-sealed drafts (`store::sealed`) against the real IndexedDB and
//! WebCrypto of headless Chromium. What `glue.js` stores is read back from
//! outside it and decrypted independently, so the format is checked, not
//! assumed. Each key derivation (PBKDF2, 600,000 iterations) takes about
//! half a second, so the tests derive sparingly.
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

use lokalform_components::store::drafts::Draft;
use lokalform_components::store::kdf::{ITERATIONS as PBKDF2_ITERATIONS, MAX_ITERATIONS};
use lokalform_components::store::sealed::{self, SealError};
use lokalform_components::store::vault::{self, Record, Store, StoreError};
use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
// Opens a raw sealed record the way anyone holding the passphrase could,
// without glue.js: PBKDF2-SHA-256 with the record's salt and iterations,
// then AES-GCM-256.
export async function decryptWithPassphrase(record, passphrase) {
  const material = await crypto.subtle.importKey(
    "raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  const key = await crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: record.salt, iterations: record.iterations },
    material, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: record.iv }, key, record.data);
  return new TextDecoder().decode(plain);
}
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = decryptWithPassphrase)]
    async fn js_decrypt_with_passphrase(
        record: &JsValue,
        passphrase: &str,
    ) -> Result<JsValue, JsValue>;
}

const PASSPHRASE: &str = "korrekt hest blåbær hæfteklamme";
/// [`PASSPHRASE`] as some keyboards type it: "å" as "a" and a combining ring.
const PASSPHRASE_NFD: &str = "korrekt hest bla\u{30a}bær hæfteklamme";

/// A recruitment form's answers with a name and a CPR number in them.
const PERSONAL: &str =
    r#"{"name":"Hanne Jensen","cpr":"0102031234","role":"pædagog","signed":true}"#;

/// What a raw sealed record holds, field by field, to compare byte for byte.
#[derive(Debug, PartialEq)]
struct Raw {
    keys: Vec<String>,
    kdf: Option<String>,
    iterations: Option<f64>,
    salt: Vec<u8>,
    iv: Vec<u8>,
    data: Vec<u8>,
}

async fn raw_sealed(id: &str) -> Raw {
    let raw = raw_get("drafts", id).await;
    assert!(!raw.is_undefined(), "no raw record drafts/{id}");
    Raw {
        keys: keys_of(&raw),
        kdf: prop(&raw, "kdf").as_string(),
        iterations: prop(&raw, "iterations").as_f64(),
        salt: bytes_of(&prop(&raw, "salt")),
        iv: bytes_of(&prop(&raw, "iv")),
        data: bytes_of(&prop(&raw, "data")),
    }
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

#[wasm_bindgen_test]
async fn a_sealed_draft_reopens_with_the_same_passphrase() {
    reset().await;
    let id = "form:recruitment-peer";
    assert_eq!(sealed::exists(id).await, Ok(false));
    assert_eq!(sealed::open(id, PASSPHRASE).await, Ok(None), "a new draft");
    assert_eq!(
        sealed::exists(id).await,
        Ok(false),
        "nothing is stored before the first save"
    );
    sealed::save(id, "first").await.expect("save");
    sealed::save(id, PERSONAL).await.expect("save again");
    assert_eq!(sealed::exists(id).await, Ok(true));
    sealed::lock(id);
    assert_eq!(
        sealed::open(id, PASSPHRASE).await,
        Ok(Some(PERSONAL.to_string())),
        "the last save, after locking"
    );
    // Reopened, the draft saves again without another passphrase.
    sealed::save(id, "after reopening").await.expect("save");
    sealed::lock(id);
    assert_ne!(PASSPHRASE, PASSPHRASE_NFD);
    assert_eq!(
        sealed::open(id, PASSPHRASE_NFD).await,
        Ok(Some("after reopening".to_string())),
        "the same passphrase in another Unicode normalisation"
    );
    assert_eq!(raw_count("drafts").await, 1, "one record per draft");
}

#[wasm_bindgen_test]
async fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    reset().await;
    let id = "form:wrong-passphrase";
    sealed::open(id, PASSPHRASE).await.expect("open new");
    sealed::save(id, PERSONAL).await.expect("save");
    sealed::lock(id);
    let before = raw_sealed(id).await;
    assert_eq!(
        sealed::open(id, "korrekt hest blåbær").await,
        Err(SealError::WrongPassphrase)
    );
    assert_eq!(
        raw_sealed(id).await,
        before,
        "the record is unchanged byte for byte"
    );
    assert_eq!(
        sealed::save(id, "overwrite").await,
        Err(SealError::Locked),
        "a wrong passphrase does not unlock"
    );
    assert_eq!(raw_sealed(id).await, before);
    assert_eq!(
        sealed::open(id, PASSPHRASE).await,
        Ok(Some(PERSONAL.to_string())),
        "the right passphrase still opens it"
    );
}

#[wasm_bindgen_test]
async fn the_stored_record_is_pbkdf2_parameters_and_ciphertext_only() {
    reset().await;
    let (a, b) = ("form:sealed-a", "form:sealed-b");
    sealed::open(a, PASSPHRASE).await.expect("open a");
    sealed::open(b, PASSPHRASE).await.expect("open b");
    sealed::save(a, PERSONAL).await.expect("save a");
    let first = raw_sealed(a).await;

    let raw = raw_get("drafts", a).await;
    assert_eq!(class_name(&raw), "[object Object]");
    assert_eq!(first.keys, ["data", "iterations", "iv", "kdf", "salt"]);
    assert_eq!(first.kdf.as_deref(), Some("PBKDF2-SHA256"));
    assert_eq!(first.iterations, Some(f64::from(PBKDF2_ITERATIONS)));
    assert!(first.iterations >= Some(600_000.0));
    assert_eq!(class_name(&prop(&raw, "salt")), "[object Uint8Array]");
    assert_eq!(class_name(&prop(&raw, "iv")), "[object Uint8Array]");
    assert_eq!(class_name(&prop(&raw, "data")), "[object ArrayBuffer]");
    assert_eq!(first.salt.len(), 16, "16-byte salt");
    assert_eq!(first.iv.len(), 12, "AES-GCM IV of 96 bits");
    assert_eq!(
        first.data.len(),
        PERSONAL.len() + 16,
        "ciphertext = plaintext + 128-bit tag"
    );
    // The only text in the record is "PBKDF2-SHA256" (checked above); no
    // part of the draft is in any of its bytes, as UTF-8 or UTF-16.
    let all: Vec<u8> = [&first.salt[..], &first.iv[..], &first.data[..]].concat();
    for needle in [
        "Hanne Jensen",
        "Hanne",
        "Jensen",
        "0102031234",
        "pædagog",
        "cpr",
    ] {
        for encoded in [needle.as_bytes().to_vec(), utf16le(needle)] {
            for (field, bytes) in [
                ("salt", &first.salt),
                ("iv", &first.iv),
                ("data", &first.data),
                ("all", &all),
            ] {
                assert!(
                    !contains_bytes(bytes, &encoded),
                    "{field} holds {needle:?} in clear text"
                );
            }
        }
    }
    // Those bytes are the real ciphertext: the passphrase alone, outside
    // glue.js, decrypts them to the draft.
    let plain = js_decrypt_with_passphrase(&raw, PASSPHRASE)
        .await
        .expect("decrypts with PBKDF2-SHA-256 and AES-GCM-256");
    assert_eq!(plain.as_string().as_deref(), Some(PERSONAL));
    assert!(
        decrypt_with_device_key(&raw).await.is_err(),
        "the device key does not open it"
    );

    // A second save: same salt, fresh IV, different ciphertext.
    sealed::save(a, PERSONAL).await.expect("save a again");
    let second = raw_sealed(a).await;
    assert_eq!(second.salt, first.salt, "the salt belongs to the draft");
    assert_ne!(second.iv, first.iv, "a fresh IV per save");
    assert_ne!(second.data, first.data);

    // Another draft, same passphrase and text: its own salt.
    sealed::save(b, PERSONAL).await.expect("save b");
    let other = raw_sealed(b).await;
    assert_ne!(other.salt, first.salt, "a random salt per draft");
    assert_ne!(other.data, first.data);
}

#[wasm_bindgen_test]
async fn saving_while_locked_is_refused_and_discard_removes_the_draft() {
    reset().await;
    let (id, other) = ("form:locked", "form:still-open");
    assert_eq!(
        sealed::save(id, PERSONAL).await,
        Err(SealError::Locked),
        "never opened"
    );
    assert!(raw_get("drafts", id).await.is_undefined());
    sealed::open(id, PASSPHRASE).await.expect("open");
    sealed::open(other, PASSPHRASE).await.expect("open other");
    sealed::save(id, PERSONAL).await.expect("save");
    sealed::lock(id);
    assert_eq!(sealed::save(id, "more").await, Err(SealError::Locked));
    sealed::save(other, "other")
        .await
        .expect("locking one draft leaves the others open");

    sealed::discard(id).await.expect("discard");
    assert!(raw_get("drafts", id).await.is_undefined());
    assert_eq!(sealed::exists(id).await, Ok(false));
    sealed::discard(other).await.expect("discard an open draft");
    assert_eq!(sealed::exists(other).await, Ok(false));
    assert_eq!(
        sealed::save(other, "again").await,
        Err(SealError::Locked),
        "discard forgets the key"
    );
    assert_eq!(raw_count("drafts").await, 0);
    sealed::discard(id)
        .await
        .expect("discarding what is not there is no error");
}

#[wasm_bindgen_test]
async fn sealed_and_device_key_records_do_not_open_each_other() {
    reset().await;
    let plain = draft(&[("overall", "4")], SECRET);
    vault::put(Store::Drafts, "feedback", &plain)
        .await
        .expect("put");
    let id = "form:cross";
    sealed::open(id, PASSPHRASE).await.expect("open");
    sealed::save(id, &plain.to_json()).await.expect("save");

    // The device-key path refuses a sealed record by name...
    assert_eq!(
        vault::get::<Draft>(Store::Drafts, id).await,
        Err(StoreError("passphrase-sealed".into()))
    );
    // ...and lists only the records it can read.
    assert_eq!(
        vault::entries::<Draft>(Store::Drafts).await,
        Ok(vec![("feedback".to_string(), plain.clone())])
    );

    // The sealed path reports a device-key record as not its kind: no
    // passphrase opens it, so it is no WrongPassphrase.
    let before = raw_get("drafts", "feedback").await;
    assert_eq!(sealed::exists("feedback").await, Ok(true));
    assert_eq!(
        sealed::open("feedback", PASSPHRASE).await,
        Err(SealError::Store(StoreError("device-sealed".into())))
    );
    assert_eq!(
        sealed::save("feedback", "x").await,
        Err(SealError::Locked),
        "the failed open kept no key"
    );
    assert_eq!(
        bytes_of(&prop(&raw_get("drafts", "feedback").await, "data")),
        bytes_of(&prop(&before, "data"))
    );
    assert_eq!(
        vault::get::<Draft>(Store::Drafts, "feedback").await,
        Ok(Some(plain))
    );
}

#[wasm_bindgen_test]
async fn weakened_parameters_are_refused() {
    reset().await;
    let id = "form:weakened";
    sealed::open(id, PASSPHRASE).await.expect("open");
    sealed::save(id, PERSONAL).await.expect("save");
    sealed::lock(id);
    // Someone with write access to IndexedDB lowers the iterations.
    let raw = raw_get("drafts", id).await;
    js_sys::Reflect::set(&raw, &"iterations".into(), &1000.into()).expect("set");
    raw_put("drafts", id, &raw).await;
    assert_eq!(
        sealed::open(id, PASSPHRASE).await,
        Err(SealError::Store(StoreError("unsupported-kdf".into())))
    );
}

#[wasm_bindgen_test]
async fn drafts_accept_the_same_iteration_range_as_backups() {
    reset().await;
    let id = "form:strengthened";
    sealed::open(id, PASSPHRASE).await.expect("open");
    sealed::save(id, PERSONAL).await.expect("save");
    sealed::lock(id);
    // A tampered draft asks for more iterations than any backup may have:
    // refused before anything is derived (it would keep the page busy for
    // minutes), as `store::kdf::accepted` says for backups too.
    let raw = raw_get("drafts", id).await;
    js_sys::Reflect::set(
        &raw,
        &"iterations".into(),
        &f64::from(MAX_ITERATIONS + 1).into(),
    )
    .expect("set");
    raw_put("drafts", id, &raw).await;
    assert!(!lokalform_components::store::kdf::accepted(
        lokalform_components::store::kdf::KDF,
        MAX_ITERATIONS + 1
    ));
    assert_eq!(
        sealed::open(id, PASSPHRASE).await,
        Err(SealError::Store(StoreError("unsupported-kdf".into())))
    );
    // Another key derivation by name: refused too.
    js_sys::Reflect::set(
        &raw,
        &"iterations".into(),
        &f64::from(PBKDF2_ITERATIONS).into(),
    )
    .expect("set");
    js_sys::Reflect::set(&raw, &"kdf".into(), &"scrypt".into()).expect("set");
    raw_put("drafts", id, &raw).await;
    assert_eq!(
        sealed::open(id, PASSPHRASE).await,
        Err(SealError::Store(StoreError("unsupported-kdf".into())))
    );
}

#[wasm_bindgen_test]
async fn an_empty_passphrase_does_not_panic() {
    reset().await;
    // The UI refuses an empty passphrase; here it must only not panic.
    let id = "form:empty-passphrase";
    match sealed::open(id, "").await {
        Ok(None) => {
            sealed::save(id, "x").await.expect("save");
            sealed::lock(id);
            assert_eq!(sealed::open(id, "").await, Ok(Some("x".to_string())));
            assert_eq!(
                sealed::open(id, PASSPHRASE).await,
                Err(SealError::WrongPassphrase)
            );
        }
        other => assert!(
            matches!(other, Err(SealError::Store(_))),
            "unexpected {other:?}"
        ),
    }
}
