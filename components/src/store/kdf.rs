//! The key derivation for everything sealed with a passphrase — form
//! drafts, the programme's registry and its outbox, backup files — and the
//! range of parameters a stored record may have. Defined here once; the JS
//! glue (`glue.js`) receives them with every call and keeps none of its own.
//!
//! - PBKDF2-HMAC-SHA-256 ([`KDF`]) with [`ITERATIONS`] iterations for every
//!   new key (OWASP's recommendation for PBKDF2-SHA-256), a random 16-byte
//!   salt per record, into a non-extractable AES-GCM-256 key;
//! - a stored record (a draft, a backup file) is opened only when its
//!   parameters are [`accepted`]: the same KDF, at least [`ITERATIONS`]
//!   (weaker records are refused, never opened) and at most
//!   [`MAX_ITERATIONS`] (a tampered record must not keep the page deriving
//!   for minutes).
//!
//! ```
//! use lokalform_components::store::kdf::{accepted, ITERATIONS, KDF, MAX_ITERATIONS};
//! assert!(accepted(KDF, ITERATIONS));
//! assert!(accepted(KDF, MAX_ITERATIONS));
//! assert!(!accepted(KDF, ITERATIONS - 1));
//! assert!(!accepted(KDF, MAX_ITERATIONS + 1));
//! assert!(!accepted("scrypt", ITERATIONS));
//! ```

/// The key derivation, by the name stored with every sealed record.
pub const KDF: &str = "PBKDF2-SHA256";
/// PBKDF2-HMAC-SHA-256 iterations of every new key, and the fewest a stored
/// record may have.
pub const ITERATIONS: u32 = 600_000;
/// The most iterations a stored record may have (about 8 s to derive on a
/// cheap tablet): more is refused before anything is derived.
pub const MAX_ITERATIONS: u32 = 10_000_000;

/// Whether a stored record's key parameters may be used to open it.
pub fn accepted(kdf: &str, iterations: u32) -> bool {
    kdf == KDF && (ITERATIONS..=MAX_ITERATIONS).contains(&iterations)
}
