//! # lokalform-text — the small toolbox
//!
//! The pieces every other lokalform crate reads and writes text with. None
//! of them knows about forms or programmes; each is small because it ends up
//! in browser bundles, where every kilobyte is load time on a cheap phone.
//!
//! | module | job |
//! |---|---|
//! | [`json`] | a JSON reader and writer; decoders walk the tree with a path, so every problem says where it is |
//! | [`Problem`] | one problem with its path (`fields[2].options[0].value: expected a string`) |
//! | [`date`] | calendar dates without a time zone: Danish `dd.mm.åååå` and ISO, month arithmetic, ISO weeks |
//! | [`csv`] | quoting a field for spreadsheets, formula text defused |
//! | [`html`] | escaping text for HTML (widgets' fixed markup, the dashboard) |
//! | [`sha256`] | SHA-256 (FIPS 180-4) for a signed contract's content hash, without a crypto crate |
//! | [`shuffle`] | a Fisher–Yates shuffle over a random source the caller gives (a kiosk batch's comments) |
//! | [`sort`] | a stable sort for short lists, without the standard sort's 4 KB of wasm |
//!
//! ## Why not serde_json, chrono, a csv crate?
//! serde_json with derived decoders costs about 25 KB brotli in a widget
//! bundle, chrono brings time zones no form needs, and each of these jobs
//! is a few hundred lines that tests pin down (property tests against
//! serde_json for the JSON reader; the FIPS vectors for SHA-256). The
//! collector, which has no size budget, reads its own payloads with serde.
//!
//! ```
//! use lokalform_text::{date::Date, json};
//!
//! let value = json::parse(r#"{"born": "03.04.1961"}"#).unwrap();
//! let born = Date::parse_danish(value.get("born").unwrap().as_str().unwrap()).unwrap();
//! assert_eq!(born.iso(), "1961-04-03");
//! assert_eq!(born.to_string(), "03.04.1961");
//! ```

pub mod csv;
pub mod date;
pub mod html;
pub mod json;
mod problem;
pub mod sha256;
pub mod shuffle;
pub mod sort;

pub use problem::Problem;
