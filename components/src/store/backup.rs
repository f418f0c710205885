//! Backups: the whole registry as one passphrase-sealed file.
//!
//! [`seal`] turns the registry's JSON text
//! ([`lokalform_programme::Registry::to_json`]) into the content of one
//! file; [`open`] turns that content back into the text. Neither stores,
//! replaces or deletes anything: asking before a restore replaces the
//! registry is the caller's job.
//!
//! The file is a small JSON envelope, written and read with
//! [`lokalform_text::json`]:
//!
//! ```json
//! {"format":"lokalform-backup","version":1,"kdf":"PBKDF2-SHA256","iterations":600000,
//!  "salt":"<base64, 16 bytes>","iv":"<base64, 12 bytes>","data":"<base64 ciphertext>"}
//! ```
//!
//! - the key: PBKDF2-HMAC-SHA-256 over the passphrase (normalised to NFC, as
//!   for [`super::sealed`]) with `iterations` and a fresh random salt per
//!   backup, derived into a non-extractable AES-GCM-256 key (mechanics in
//!   `glue.js`);
//! - `data`: AES-GCM-256 with a fresh random IV; its 128-bit tag is the
//!   integrity check. The header is bound as additional data, as the exact
//!   text [`header`] writes (`{"format":…,"version":…,"kdf":…,"iterations":…}`),
//!   so a changed header does not decrypt.
//!
//! [`open`] checks the header before deriving anything: a file that is not
//! a backup, a newer version, or key parameters weaker than
//! [`super::kdf::ITERATIONS`] (or above [`super::kdf::MAX_ITERATIONS`],
//! which would take minutes to derive: the range of [`super::kdf::accepted`],
//! the same as for sealed drafts) are each reported as such, never as a
//! wrong passphrase.

use super::kdf::{accepted, ITERATIONS as PBKDF2_ITERATIONS, KDF};
use super::vault::StoreError;
use lokalform_forms::schema::Lang;
use lokalform_text::json::{self, Json, ObjectWriter};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/store/glue.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = sealBackup)]
    async fn js_seal(
        text: &str,
        passphrase: &str,
        iterations: u32,
        header: &str,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = openBackup)]
    async fn js_open(
        passphrase: &str,
        iterations: u32,
        header: &str,
        salt: &str,
        iv: &str,
        data: &str,
    ) -> Result<JsValue, JsValue>;
}

/// The `format` member of a backup file.
pub const FORMAT: &str = "lokalform-backup";
/// The version [`seal`] writes and the only one [`open`] reads.
pub const VERSION: u32 = 1;

/// Why a backup could not be made or opened. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    /// Not JSON, or not a lokalform backup (its `format` member, or a
    /// required member, is missing or different).
    NotABackup,
    /// A backup of another `version` (made by a newer lokalform).
    UnsupportedVersion,
    /// Key derivation other than PBKDF2-SHA256 with 600,000 to
    /// [`super::kdf::MAX_ITERATIONS`] iterations.
    WeakParameters,
    /// AES-GCM refused the file: the passphrase is wrong, or the file (its
    /// data or its header) was changed. The two cannot be told apart.
    WrongPassphraseOrDamaged,
    /// WebCrypto is unavailable (e.g. a page not on https) or failed.
    Store(StoreError),
}

/// The texts of [`BackupError::message`] in one language. Both tables are
/// full struct literals, so a missing English text does not compile.
struct Words {
    not_a_backup: &'static str,
    unsupported_version: &'static str,
    weak_parameters: &'static str,
    wrong_passphrase_or_damaged: &'static str,
    /// Why the browser failed.
    store: fn(&str) -> String,
}

const DA: Words = Words {
    not_a_backup: "Filen er ikke en sikkerhedskopi fra lokalform. Intet er ændret.",
    unsupported_version: "Sikkerhedskopien er lavet af en nyere udgave af lokalform og kan ikke åbnes her. Intet er ændret.",
    weak_parameters: "Sikkerhedskopien er beskyttet med for svage eller ukendte nøgleindstillinger og åbnes ikke. Intet er ændret.",
    wrong_passphrase_or_damaged: "Adgangskoden passer ikke, eller filen er beskadiget. Intet er ændret.",
    store: |why| format!("Browseren kunne ikke kryptere eller dekryptere ({why}). Intet er ændret."),
};

const EN: Words = Words {
    not_a_backup: "The file is not a lokalform backup. Nothing was changed.",
    unsupported_version: "The backup was made by a newer version of lokalform and cannot be opened here. Nothing was changed.",
    weak_parameters: "The backup is protected with key settings that are too weak or unknown, so it is not opened. Nothing was changed.",
    wrong_passphrase_or_damaged: "The passphrase does not match, or the file is damaged. Nothing was changed.",
    store: |why| format!("The browser could not encrypt or decrypt ({why}). Nothing was changed."),
};

impl BackupError {
    /// A calm sentence saying what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        let words = match lang {
            Lang::Da => &DA,
            Lang::En => &EN,
        };
        match self {
            BackupError::NotABackup => words.not_a_backup.to_string(),
            BackupError::UnsupportedVersion => words.unsupported_version.to_string(),
            BackupError::WeakParameters => words.weak_parameters.to_string(),
            BackupError::WrongPassphraseOrDamaged => words.wrong_passphrase_or_damaged.to_string(),
            BackupError::Store(StoreError(why)) => (words.store)(why),
        }
    }
}

fn fail(e: JsValue) -> BackupError {
    let message = super::vault::thrown(e).unwrap_or_default();
    match message.as_str() {
        "wrong-passphrase" | "damaged" => BackupError::WrongPassphraseOrDamaged,
        "" => BackupError::Store(StoreError("WebCrypto failed".into())),
        _ => BackupError::Store(StoreError(message)),
    }
}

/// The header's members, in order: the additional data and the start of
/// the file alike.
fn write_header(o: &mut ObjectWriter, iterations: u32) {
    o.string("format", FORMAT);
    o.number("version", VERSION);
    o.string("kdf", KDF);
    o.number("iterations", iterations);
}

/// The header bound to the ciphertext as AES-GCM additional data.
pub fn header(iterations: u32) -> String {
    let mut out = String::new();
    let mut o = ObjectWriter::new(&mut out);
    write_header(&mut o, iterations);
    o.finish();
    out
}

/// Encrypts `text` (the registry's JSON) under `passphrase` into the
/// content of one backup file; a fresh salt and IV every time.
pub async fn seal(text: &str, passphrase: &str) -> Result<String, BackupError> {
    let iterations = PBKDF2_ITERATIONS;
    let parts: js_sys::Array = js_seal(text, passphrase, iterations, &header(iterations))
        .await
        .map_err(fail)?
        .into();
    let part = |i| parts.get(i).as_string().unwrap_or_default();
    let mut out = String::new();
    let mut o = ObjectWriter::new(&mut out);
    write_header(&mut o, iterations);
    o.string("salt", &part(0));
    o.string("iv", &part(1));
    o.string("data", &part(2));
    o.finish();
    Ok(out)
}

/// Decrypts the content of a backup file made by [`seal`] back into the
/// text. The header is checked first (see [`BackupError`]).
pub async fn open(file_text: &str, passphrase: &str) -> Result<String, BackupError> {
    let file = json::parse(file_text).map_err(|_| BackupError::NotABackup)?;
    let member = |name| file.get(name);
    let text = |name| member(name).and_then(Json::as_str);
    if text("format") != Some(FORMAT) {
        return Err(BackupError::NotABackup);
    }
    match member("version") {
        Some(v @ Json::Number(_)) if v.as_u32() == Some(VERSION) => {}
        Some(Json::Number(_)) => return Err(BackupError::UnsupportedVersion),
        _ => return Err(BackupError::NotABackup),
    }
    let iterations = member("iterations").and_then(Json::as_u32);
    let iterations = match (text("kdf"), iterations) {
        (Some(kdf), Some(n)) if accepted(kdf, n) => n,
        _ => return Err(BackupError::WeakParameters),
    };
    let (Some(salt), Some(iv), Some(data)) = (text("salt"), text("iv"), text("data")) else {
        return Err(BackupError::NotABackup);
    };
    js_open(passphrase, iterations, &header(iterations), salt, iv, data)
        .await
        .map_err(fail)?
        .as_string()
        .ok_or_else(|| BackupError::Store(StoreError("no text".into())))
}
