//! What more than one widget uses. A widget folder (`feedback/`, `form/`,
//! `programme/`) holds only that widget; anything a second widget needs
//! moves here, so there is one implementation of each job.
//!
//! | module | job | used by |
//! |---|---|---|
//! | [`element`] | the custom-element recipe: the element defined by the entry module (`js/lokalform.js`), the live widget wired to it, attributes → signals, events out | every element |
//! | [`style`] | the stylesheets (`base.css`: fields, buttons, errors, notices, faces, the receipt; minified by `build.rs`), carried by the entry module, not the wasm | every element |
//! | [`words`] | the texts every widget shares (errors, sending, the receipt), in Danish and English | feedback box, engine |
//! | [`choice`] | one option of a choice question (input, face, label): the field renderer the feedback box and the engine share | feedback box, engine |
//! | [`faces`] | the faces of the smiley scale | feedback box, engine |
//! | [`outbox`] | the one outbox: how a collector's answer is read ([`outbox::Delivery`]), when to try again ([`outbox::backoff_ms`], [`outbox::Retry`]) | feedback box (tallies), programme (the evaluator export) |
//! | [`send`] | where a finished response goes, by mode (web or kiosk) | feedback box, engine |
//! | [`receipt`] | "what will be sent": the exact payload shown before it goes | feedback box, engine |
//! | [`saver`] | the ordered save queue: a record saved at every change, newest wins | engine (drafts), programme (registry) |
//! | [`passphrase`] | the rule for a new passphrase, and the passphrase prompt | engine, programme |
//! | [`idle`] | the idle watcher: one rule for the kiosk's reset and the idle locks, with a warning before | feedback box (kiosk), engine, programme |
//! | [`focus`] | moving focus inside the shadow root | every widget |
//! | [`html`] | fixed markup as escaped HTML (cheaper than view-macro markup) | feedback box, engine |
//! | [`task`] | spawning a future on the page | every widget |
//! | [`today`] | today's date on this device | engine, programme |
//!
//! Encrypted storage on the device is [`crate::store`].

pub mod choice;
pub mod element;
pub mod faces;
pub mod focus;
pub mod html;
pub mod idle;
pub mod outbox;
pub mod passphrase;
pub mod receipt;
pub mod saver;
pub mod send;
pub mod style;
pub mod task;
pub mod today;
pub mod words;
