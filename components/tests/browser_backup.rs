//! Backups (`store::backup`) with the real WebCrypto of headless Chromium.
//! The file is read back from outside `glue.js` (parsed, base64-decoded and
//! decrypted independently), so the format is checked, not assumed. Each
//! key derivation (PBKDF2, 600,000 iterations) takes about half a second,
//! so the tests derive sparingly; header checks derive nothing.
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use lokalform_components::store::backup::{self, BackupError};
use lokalform_components::store::kdf::ITERATIONS as PBKDF2_ITERATIONS;
use lokalform_components::store::kdf::MAX_ITERATIONS;
use lokalform_forms::schema::Lang;
use lokalform_programme::Registry;
use lokalform_text::json::{self, Json};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
export function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
// Decrypts a backup's salt/iv/data the way anyone holding the passphrase
// could, without glue.js, once per additional data in `aads` (null: none).
// Returns the plaintext, or null where AES-GCM refuses.
export async function decryptIndependently(passphrase, iterations, salt, iv, data, aads) {
  const material = await crypto.subtle.importKey(
    "raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  const key = await crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: fromBase64(salt), iterations },
    material, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
  const out = [];
  for (const aad of aads) {
    const params = { name: "AES-GCM", iv: fromBase64(iv) };
    if (aad !== null) params.additionalData = new TextEncoder().encode(aad);
    try { out.push(new TextDecoder().decode(await crypto.subtle.decrypt(params, key, fromBase64(data)))); }
    catch { out.push(null); }
  }
  return out;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = fromBase64)]
    fn js_from_base64(text: &str) -> js_sys::Uint8Array;
    #[wasm_bindgen(catch, js_name = decryptIndependently)]
    async fn js_decrypt_independently(
        passphrase: &str,
        iterations: u32,
        salt: &str,
        iv: &str,
        data: &str,
        aads: js_sys::Array,
    ) -> Result<JsValue, JsValue>;
}

const PASSPHRASE: &str = "korrekt hest blåbær hæfteklamme";

/// A registry with one participant: a name, contact details and a CPR
/// number (as `Registry::to_json` writes it).
const REGISTRY: &str = r#"{"format":"lokalform-registry","version":2,"participants":[{"id":"p1","role":"peer","name":"Hanne Jensen","contact":{"phone":"+45 12 34 56 78","email":"hanne.jensen@example.dk","other":"Bor på Åboulevarden"},"cpr":"0102031234","recruited":"2026-01-15","status":"recruited","history":[],"wishes":[],"consent_evaluation":false,"measurements":[]}],"pairs":[]}"#;

/// Strings of [`REGISTRY`] that must not be readable in a backup file.
const PLAIN: [&str; 9] = [
    "Hanne Jensen",
    "Hanne",
    "Jensen",
    "0102031234",
    "010203",
    "hanne.jensen@example.dk",
    "12 34 56 78",
    "Åboulevarden",
    "lokalform-registry",
];

async fn sealed() -> String {
    backup::seal(REGISTRY, PASSPHRASE).await.expect("seal")
}

fn member<'a>(file: &'a Json, name: &str) -> &'a str {
    file.get(name)
        .and_then(Json::as_str)
        .unwrap_or_else(|| panic!("no string member {name:?} in {file}"))
}

/// `file` with `from` replaced by `to` (which must occur exactly once).
fn tamper(file: &str, from: &str, to: &str) -> String {
    assert_eq!(file.matches(from).count(), 1, "{from:?} once in {file}");
    file.replacen(from, to, 1)
}

/// `file` with one character in the middle of its base64 `data` changed to
/// another base64 character.
fn flip_data_char(file: &str) -> String {
    let at = file.find(r#""data":""#).expect("data member") + r#""data":""#.len() + 10;
    let old = file.as_bytes()[at];
    let new = if old == b'A' { 'B' } else { 'A' };
    format!("{}{}{}", &file[..at], new, &file[at + 1..])
}

#[wasm_bindgen_test]
async fn a_backup_opens_to_the_same_registry() {
    let registry = Registry::from_json(REGISTRY).expect("a valid registry");
    assert_eq!(registry.to_json(), REGISTRY);
    let file = backup::seal(&registry.to_json(), PASSPHRASE)
        .await
        .expect("seal");
    let text = backup::open(&file, PASSPHRASE).await.expect("open");
    assert_eq!(text, REGISTRY);
    assert_eq!(Registry::from_json(&text), Ok(registry));
    // The passphrase is normalised (NFC): "å" typed as "a" + combining ring.
    let nfd = "korrekt hest bla\u{30a}bær hæfteklamme";
    assert_eq!(backup::open(&file, nfd).await.as_deref(), Ok(REGISTRY));
}

#[wasm_bindgen_test]
async fn the_file_is_the_envelope_and_ciphertext_only() {
    let file = sealed().await;
    let parsed = json::parse(&file).expect("the file is JSON");
    let names: Vec<&str> = parsed
        .as_object()
        .expect("an object")
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "format",
            "version",
            "kdf",
            "iterations",
            "salt",
            "iv",
            "data"
        ]
    );
    assert_eq!(member(&parsed, "format"), "lokalform-backup");
    assert_eq!(parsed.get("version").and_then(Json::as_u32), Some(1));
    assert_eq!(member(&parsed, "kdf"), "PBKDF2-SHA256");
    assert_eq!(
        parsed.get("iterations").and_then(Json::as_u32),
        Some(600_000)
    );
    assert_eq!(PBKDF2_ITERATIONS, 600_000);
    let (salt, iv, data) = (
        member(&parsed, "salt"),
        member(&parsed, "iv"),
        member(&parsed, "data"),
    );
    assert_eq!(js_from_base64(salt).length(), 16, "16-byte salt");
    assert_eq!(js_from_base64(iv).length(), 12, "96-bit IV");
    let bytes = js_from_base64(data).to_vec();
    assert_eq!(
        bytes.len(),
        REGISTRY.len() + 16,
        "ciphertext = plaintext + 128-bit tag"
    );

    for needle in PLAIN {
        assert!(!file.contains(needle), "the file holds {needle:?}");
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "the ciphertext holds {needle:?}"
        );
    }

    // Outside glue.js: the passphrase decrypts the data, but only with the
    // header as additional data, exactly as written.
    let header =
        r#"{"format":"lokalform-backup","version":1,"kdf":"PBKDF2-SHA256","iterations":600000}"#;
    assert_eq!(backup::header(600_000), header);
    let aads: js_sys::Array = [
        JsValue::from_str(header),
        JsValue::NULL,
        JsValue::from_str(&header.replace("600000", "600001")),
        JsValue::from_str(&header.replace("\"version\":1", "\"version\":2")),
    ]
    .into_iter()
    .collect();
    let results: js_sys::Array =
        js_decrypt_independently(PASSPHRASE, 600_000, salt, iv, data, aads)
            .await
            .expect("derive")
            .into();
    let results: Vec<Option<String>> = results.iter().map(|r| r.as_string()).collect();
    assert_eq!(
        results,
        [Some(REGISTRY.to_string()), None, None, None],
        "decrypts with the header bound, not without it or with another"
    );
}

#[wasm_bindgen_test]
async fn two_backups_of_the_same_text_differ() {
    let (a, b) = (sealed().await, sealed().await);
    let (a, b) = (json::parse(&a).unwrap(), json::parse(&b).unwrap());
    for name in ["salt", "iv", "data"] {
        assert_ne!(member(&a, name), member(&b, name), "a fresh {name}");
    }
}

#[wasm_bindgen_test]
async fn a_wrong_passphrase_or_a_changed_file_is_refused() {
    let file = sealed().await;
    assert_eq!(
        backup::open(&file, "korrekt hest blåbær").await,
        Err(BackupError::WrongPassphraseOrDamaged)
    );
    assert_eq!(
        backup::open(&flip_data_char(&file), PASSPHRASE).await,
        Err(BackupError::WrongPassphraseOrDamaged),
        "one character of the data changed"
    );
    // A header member still valid on its own, but not the one sealed: more
    // iterations are accepted, and AES-GCM refuses the changed header.
    assert_eq!(
        backup::open(
            &tamper(&file, r#""iterations":600000"#, r#""iterations":600001"#),
            PASSPHRASE
        )
        .await,
        Err(BackupError::WrongPassphraseOrDamaged)
    );
    // Bytes that cannot be a backup's are damaged too (nothing derived).
    let parsed = json::parse(&file).unwrap();
    let data = member(&parsed, "data");
    let iv = member(&parsed, "iv");
    for damaged in [
        tamper(&file, data, "not base64!"),
        tamper(&file, iv, "AAAA"),
    ] {
        assert_eq!(
            backup::open(&damaged, PASSPHRASE).await,
            Err(BackupError::WrongPassphraseOrDamaged)
        );
    }
    assert_eq!(
        backup::open(&file, PASSPHRASE).await.as_deref(),
        Ok(REGISTRY),
        "the untouched file still opens"
    );
}

#[wasm_bindgen_test]
async fn the_header_is_checked_before_anything_is_derived() {
    let file = sealed().await;
    let not_a_backup = [
        String::new(),
        "hello".into(),
        "{".into(),
        "[]".into(),
        "null".into(),
        REGISTRY.into(),
        tamper(
            &file,
            r#""format":"lokalform-backup""#,
            r#""format":"lokalform-Backup""#,
        ),
        tamper(&file, r#""format":"lokalform-backup","#, ""),
        tamper(&file, r#""version":1"#, r#""version":"1""#),
        tamper(&file, r#""data":"#, r#""payload":"#),
    ];
    for text in &not_a_backup {
        assert_eq!(
            backup::open(text, PASSPHRASE).await,
            Err(BackupError::NotABackup),
            "{text:?}"
        );
    }
    for version in ["2", "0", "1.5"] {
        assert_eq!(
            backup::open(
                &tamper(&file, r#""version":1"#, &format!(r#""version":{version}"#)),
                PASSPHRASE
            )
            .await,
            Err(BackupError::UnsupportedVersion),
            "version {version}"
        );
    }
    let above = MAX_ITERATIONS + 1;
    for weak in [
        tamper(&file, r#""iterations":600000"#, r#""iterations":1000"#),
        tamper(&file, r#""iterations":600000"#, r#""iterations":599999"#),
        tamper(
            &file,
            r#""iterations":600000"#,
            &format!(r#""iterations":{above}"#),
        ),
        tamper(&file, r#""iterations":600000"#, r#""iterations":-1"#),
        tamper(&file, r#""iterations":600000,"#, ""),
        tamper(
            &file,
            r#""kdf":"PBKDF2-SHA256""#,
            r#""kdf":"pbkdf2-sha256""#,
        ),
        tamper(&file, r#""kdf":"PBKDF2-SHA256""#, r#""kdf":"PBKDF2-SHA1""#),
    ] {
        assert_eq!(
            backup::open(&weak, PASSPHRASE).await,
            Err(BackupError::WeakParameters),
            "{weak}"
        );
    }
}

#[wasm_bindgen_test]
fn every_error_is_explained_in_danish_and_english() {
    assert_eq!(
        BackupError::WrongPassphraseOrDamaged.message(Lang::Da),
        "Adgangskoden passer ikke, eller filen er beskadiget. Intet er ændret."
    );
    let all = [
        BackupError::NotABackup,
        BackupError::UnsupportedVersion,
        BackupError::WeakParameters,
        BackupError::WrongPassphraseOrDamaged,
        BackupError::Store(lokalform_components::store::vault::StoreError(
            "crypto.subtle is undefined".into(),
        )),
    ];
    for (lang, unchanged) in [
        (Lang::Da, "Intet er ændret."),
        (Lang::En, "Nothing was changed."),
    ] {
        let messages: Vec<String> = all.iter().map(|e| e.message(lang)).collect();
        for m in &messages {
            assert!(m.ends_with(unchanged), "{m}");
        }
        let mut distinct = messages.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), all.len(), "{messages:?}");
    }
}
