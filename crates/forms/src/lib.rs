//! # lokalform-forms — the forms core
//!
//! Local-first form components for Danish municipal social psychiatry. This
//! crate is what every form shares and has no DOM: it compiles natively (for
//! the collector and the tests) and to wasm32 (for the widgets), so the
//! browser and the server share one definition of every type that crosses
//! the wire.
//!
//! Where it sits: it reads and writes text with [`lokalform_text`]; the
//! peer-support programme's model (`lokalform-programme`) builds on it; the
//! widgets (`lokalform-components`) and the collector (`lokalform-collector`)
//! use it. It uses none of them.
//!
//! | module | job |
//! |---|---|
//! | [`schema`] | form definitions (JSON): fields, options, texts in Danish and English, checked on load with the path of every problem |
//! | [`cpr`] | CPR numbers: birth date and century from the 7th digit, modulus 11 only a warning, masking |
//! | [`contact`] | small checks for e-mail addresses and phone numbers (no regex engine in the bundle) |
//! | [`answers`] | one person's answers, kept as typed; to and from JSON (drafts) |
//! | [`validate`] | checking answers: required, formats, limits, conditions; messages in Danish and English; the result without hidden fields |
//! | [`instruments`] | measurement instruments as definitions: scale, reverse items, subscales, sum or mean, bands; LSNS-6 built in ([`aggregate::Cohort`] gives before/after figures) |
//! | [`record_id`] | the ids of the records the widgets keep on the device (drafts, a programme's registry and waiting export), built and read in one place |
//! | [`aggregate`] | what may leave a device: per-question counts ([`aggregate::Tally`]), their validation against a definition, suppression of small cells, redaction of free text |
//!
//! ## The one rule of data
//! Answers of one person never leave the device. What leaves is a
//! [`aggregate::Tally`]: per-question counts, with no id, no timestamp and no
//! free text except redacted comments on forms that allow them.
//!
//! ```
//! use lokalform_forms::schema::Form;
//! use lokalform_forms::aggregate::Tally;
//!
//! let form = Form::from_json(lokalform_forms::schema::FEEDBACK_FORM_JSON).unwrap();
//! let mut answers = std::collections::BTreeMap::new();
//! answers.insert("overall".to_string(), "4".to_string());
//! let tally = Tally::from_response(&form, "a-random-idempotency-key", &answers, None);
//! assert_eq!(tally.responses, 1);
//! assert!(tally.check_against(&form, 1).is_ok());
//! ```

pub mod aggregate;
pub mod answers;
pub mod contact;
pub mod cpr;
pub mod instruments;
pub mod record_id;
pub mod schema;
pub mod validate;

pub use lokalform_text::Problem;
