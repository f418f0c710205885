//! # lokalform — the core
//!
//! Local-first form components for Danish municipal social psychiatry. This
//! crate is the part that has no DOM: it compiles natively (for the collector
//! and the tests) and to wasm32 (for the widgets), so the browser and the
//! server share one definition of every type that crosses the wire.
//!
//! | module | job |
//! |---|---|
//! | [`schema`] | form definitions (JSON): fields, options, texts in Danish and English, checked on load with the path of every problem |
//! | [`json`] | a small JSON reader and writer with path-aware decoding (browser bundles stay small) |
//! | [`html`] | escaping text for HTML (widgets' fixed markup, the dashboard) |
//! | [`cpr`] | CPR numbers: birth date and century from the 7th digit, modulus 11 only a warning, masking |
//! | [`csv`] | quoting fields for spreadsheets (formula text defused) |
//! | [`date`] | calendar dates: Danish `dd.mm.åååå` and ISO, month arithmetic |
//! | [`contact`] | small checks for e-mail addresses and phone numbers (no regex engine in the bundle) |
//! | [`answers`] | one person's answers, kept as typed; to and from JSON (drafts) |
//! | [`validate`] | checking answers: required, formats, limits, conditions; messages in Danish and English; the result without hidden fields |
//! | [`instruments`] | measurement instruments as definitions: scale, reverse items, subscales, sum or mean, bands; LSNS-6 built in ([`aggregate::Cohort`] gives before/after figures) |
//! | [`programme`] | the peer-support programme's data: participants and statuses, wishes, measurements, pairs, the contract with its SHA-256 content hash, meetings, pauses, exits, hard cases, the backup JSON with imported instruments; the shipped programme forms' answers mapped to it and a measurement step added to a form |
//! | [`aggregate`] | what may leave a device: per-question counts ([`aggregate::Tally`]), their validation against a definition, suppression of small cells, redaction of free text |
//!
//! ## The one rule of data
//! Answers of one person never leave the device. What leaves is a
//! [`aggregate::Tally`]: per-question counts, with no id, no timestamp and no
//! free text except redacted comments on forms that allow them.
//!
//! ```
//! use lokalform::schema::Form;
//! use lokalform::aggregate::Tally;
//!
//! let form = Form::from_json(lokalform::schema::FEEDBACK_FORM_JSON).unwrap();
//! let mut answers = std::collections::BTreeMap::new();
//! answers.insert("overall".to_string(), "4".to_string());
//! let tally = Tally::from_response(&form, "a-random-idempotency-key", &answers, None);
//! assert_eq!(tally.responses, 1);
//! assert!(tally.check_against(&form, 1).is_ok());
//! ```
#![deny(warnings, missing_docs)]
#![forbid(unsafe_code)]

pub mod aggregate;
pub mod answers;
pub mod contact;
pub mod cpr;
pub mod csv;
pub mod date;
pub mod html;
pub mod instruments;
pub mod json;
mod problem;
pub mod programme;
pub mod schema;
pub mod validate;

pub use problem::Problem;
