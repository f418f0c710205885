//! Local storage: every record encrypted on the device.
//!
//! - [`vault`]: typed access to the encrypted IndexedDB stores (mechanics in
//!   `glue.js`: IndexedDB, WebCrypto AES-GCM-256 with a non-extractable
//!   device key, fetch).
//! - [`outbox`]: tallies waiting to be sent, retried by the one outbox's
//!   rules ([`crate::common::outbox`]) until the collector acknowledges
//!   them (then forgotten) or refuses them (then kept, marked).
//! - [`kiosk`]: a shared tablet's responses, kept until a batch of at least k
//!   can be sent.
//! - [`drafts`]: a web form's answers while they are being filled in.
//!
//! No answer is stored in clear text anywhere: not in localStorage, not in
//! IndexedDB, not in the URL.

pub mod backup;
pub mod device;
pub mod drafts;
pub mod kdf;
pub mod kiosk;
pub mod outbox;
pub mod sealed;
pub mod vault;
