//! The ids of the records the widgets keep on the device, built and read
//! in one place.
//!
//! Drafts, the programme's registry and its waiting export share one
//! IndexedDB store (`lokalform` / `drafts`), so their ids must never meet:
//!
//! | record | id | kept by |
//! |---|---|---|
//! | a `<lokal-feedback>` draft | `<form>` or `<form>:<key>` | the feedback box (device key) |
//! | a `<lokal-form>` draft | `form:<form>` or `form:<form>:<key>` | the form engine (device key, or sealed with a passphrase) |
//! | a draft of a programme's form | `form:<form>:<programme>` or `form:<form>:<programme>:<use>` | the form engine inside `<lokal-programme>`: the key is a [`ProgrammeDraftKey`] |
//! | a programme's registry | `programme:<programme>` | `<lokal-programme>` (sealed) |
//! | a programme's waiting evaluator export | `programme-outbox:<programme>` | `<lokal-programme>` (sealed) |
//!
//! `<form>` is a form definition's id (an identifier: `A-Z a-z 0-9 - _`,
//! so it never holds a `:`); `<key>` tells instances of one form apart
//! (an element's id, a page path, a programme's key) and may hold
//! anything. `<programme>` is a [`programme_id`]: letters, digits, `-` and
//! `_`, never a `:`, so one programme's drafts can never pass for
//! another's ([`RecordId::belongs_to`]).
//!
//! These ids are in users' browsers: they never change. The tests assert
//! each one as a string.
//!
//! Not here: the other stores are keyed by a tally's random idempotency
//! key (`outbox`, `kiosk`) or hold the device key (`keys`, `device`).
//!
//! ```
//! use lokalform_forms::record_id::{programme_id, ProgrammeDraftKey, RecordId};
//! let programme = programme_id("vejle 2026");
//! assert_eq!(programme, "vejle_2026");
//! let key = ProgrammeDraftKey { programme: &programme, use_: "contract-pair-1" }.to_string();
//! let draft = RecordId::FormDraft { form: "contract", key: &key }.to_string();
//! assert_eq!(draft, "form:contract:vejle_2026:contract-pair-1");
//! assert!(RecordId::parse(&draft).is_some_and(|id| id.belongs_to(&programme)));
//! assert!(!RecordId::parse(&draft).is_some_and(|id| id.belongs_to("vejle")));
//! ```

use crate::schema::is_identifier;
use std::fmt;

/// The id of one record in the `drafts` store (see the module's table).
///
/// [`fmt::Display`] writes it; [`RecordId::parse`] reads it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordId<'a> {
    /// `<form>` or, with a key, `<form>:<key>`: a feedback box's draft.
    FeedbackDraft {
        /// The definition's id.
        form: &'a str,
        /// The instance (the element's id, or the page path and its place);
        /// empty for none.
        key: &'a str,
    },
    /// `form:<form>` or, with a key, `form:<form>:<key>`: a form engine's
    /// draft. Inside a programme the key is a [`ProgrammeDraftKey`].
    FormDraft {
        /// The definition's id.
        form: &'a str,
        /// The instance (the element's id, or a programme's key); empty
        /// for none.
        key: &'a str,
    },
    /// `programme:<programme>`: a programme's sealed registry.
    Registry {
        /// The programme's id ([`programme_id`]).
        programme: &'a str,
    },
    /// `programme-outbox:<programme>`: a programme's evaluator export
    /// waiting to be sent.
    ProgrammeOutbox {
        /// The programme's id ([`programme_id`]).
        programme: &'a str,
    },
}

const FORM_DRAFT: &str = "form:";
const REGISTRY: &str = "programme:";
const PROGRAMME_OUTBOX: &str = "programme-outbox:";

/// The programme id of a `<lokal-programme>` without one.
pub const DEFAULT_PROGRAMME: &str = "programme";

impl fmt::Display for RecordId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (prefix, form, key) = match *self {
            RecordId::FeedbackDraft { form, key } => ("", form, key),
            RecordId::FormDraft { form, key } => (FORM_DRAFT, form, key),
            RecordId::Registry { programme } => (REGISTRY, programme, ""),
            RecordId::ProgrammeOutbox { programme } => (PROGRAMME_OUTBOX, programme, ""),
        };
        f.write_str(prefix)?;
        f.write_str(form)?;
        if !key.is_empty() {
            f.write_str(":")?;
            f.write_str(key)?;
        }
        Ok(())
    }
}

impl<'a> RecordId<'a> {
    /// The record `id` names; `None` for an id none of the widgets makes.
    ///
    /// The prefixes `form:`, `programme:` and `programme-outbox:` win: a
    /// feedback definition whose id is `form`, `programme` or
    /// `programme-outbox` would have drafts that read as another kind (no
    /// shipped definition has such an id).
    ///
    /// ```
    /// use lokalform_forms::record_id::RecordId;
    /// assert_eq!(RecordId::parse("form:contract:vejle:contract-pair-1"),
    ///     Some(RecordId::FormDraft { form: "contract", key: "vejle:contract-pair-1" }));
    /// assert_eq!(RecordId::parse("feedback:/kommune/#0"),
    ///     Some(RecordId::FeedbackDraft { form: "feedback", key: "/kommune/#0" }));
    /// assert_eq!(RecordId::parse("programme:vejle"), Some(RecordId::Registry { programme: "vejle" }));
    /// assert_eq!(RecordId::parse("programme:a:b"), None);
    /// assert_eq!(RecordId::parse("hørt"), None);
    /// ```
    pub fn parse(id: &'a str) -> Option<RecordId<'a>> {
        if let Some(programme) = id.strip_prefix(PROGRAMME_OUTBOX) {
            return is_programme_id(programme).then_some(RecordId::ProgrammeOutbox { programme });
        }
        if let Some(programme) = id.strip_prefix(REGISTRY) {
            return is_programme_id(programme).then_some(RecordId::Registry { programme });
        }
        if let Some(rest) = id.strip_prefix(FORM_DRAFT) {
            let (form, key) = form_and_key(rest)?;
            return Some(RecordId::FormDraft { form, key });
        }
        let (form, key) = form_and_key(id)?;
        Some(RecordId::FeedbackDraft { form, key })
    }

    /// Whether this record belongs to programme `programme`: its registry,
    /// its waiting export, or a draft of one of its forms (a form engine
    /// draft whose key is a [`ProgrammeDraftKey`] of `programme`). What
    /// "Slet registret på denne enhed" deletes.
    ///
    /// ```
    /// use lokalform_forms::record_id::RecordId;
    /// let of = |id: &str, programme: &str| RecordId::parse(id).is_some_and(|r| r.belongs_to(programme));
    /// assert!(of("form:recruitment-peer:vejle", "vejle"));
    /// assert!(of("form:contract:vejle:contract-pair-1", "vejle"));
    /// assert!(of("programme-outbox:vejle", "vejle"));
    /// assert!(!of("form:contract:vejle2:contract-pair-1", "vejle"));
    /// assert!(!of("programme:vejle2", "vejle"));
    /// assert!(!of("vejle", "vejle")); // a feedback draft of a form called "vejle"
    /// ```
    pub fn belongs_to(&self, programme: &str) -> bool {
        match *self {
            RecordId::Registry { programme: p } | RecordId::ProgrammeOutbox { programme: p } => {
                p == programme
            }
            RecordId::FormDraft { key, .. } => {
                key == programme
                    || key
                        .strip_prefix(programme)
                        .is_some_and(|rest| rest.starts_with(':'))
            }
            RecordId::FeedbackDraft { .. } => false,
        }
    }
}

/// `<form>` or `<form>:<key>` with a definition's id and a key that is not
/// empty.
fn form_and_key(text: &str) -> Option<(&str, &str)> {
    let (form, key) = match text.split_once(':') {
        Some((_, "")) => return None,
        Some(pair) => pair,
        None => (text, ""),
    };
    is_identifier(form).then_some((form, key))
}

/// The draft key a programme gives the form engine for one use of one of
/// its forms: `<programme>`, or `<programme>:<use>` (`contract-<pair id>`,
/// `edit-<participant id>`, …). With the form's id it makes a
/// [`RecordId::FormDraft`].
///
/// ```
/// use lokalform_forms::record_id::ProgrammeDraftKey;
/// assert_eq!(ProgrammeDraftKey { programme: "vejle", use_: "" }.to_string(), "vejle");
/// assert_eq!(ProgrammeDraftKey { programme: "vejle", use_: "exit-pair-1" }.to_string(), "vejle:exit-pair-1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgrammeDraftKey<'a> {
    /// The programme's id ([`programme_id`]).
    pub programme: &'a str,
    /// Which use of the form (empty: the form's only use, e.g. recruiting).
    pub use_: &'a str,
}

impl fmt::Display for ProgrammeDraftKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.programme)?;
        if !self.use_.is_empty() {
            f.write_str(":")?;
            f.write_str(self.use_)?;
        }
        Ok(())
    }
}

/// The programme id of a `<lokal-programme programme="…">` attribute: the
/// attribute trimmed, each character other than a letter, a digit or `-`
/// replaced by `_`; [`DEFAULT_PROGRAMME`] when blank. It names stored
/// records and locks, so it never holds a `:`: otherwise programme `a:b`'s
/// drafts (`form:<form>:a:b`) would pass for drafts of programme `a`.
///
/// ```
/// use lokalform_forms::record_id::programme_id;
/// assert_eq!(programme_id(" vejle-2026 "), "vejle-2026");
/// assert_eq!(programme_id("a:b"), "a_b");
/// assert_eq!(programme_id("Århus 2"), "Århus_2");
/// assert_eq!(programme_id("  "), "programme");
/// ```
pub fn programme_id(attribute: &str) -> String {
    let trimmed = attribute.trim();
    if trimmed.is_empty() {
        return DEFAULT_PROGRAMME.to_string();
    }
    trimmed
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Whether `id` could be a [`programme_id`]: not empty, only letters,
/// digits, `-` and `_`.
///
/// ```
/// use lokalform_forms::record_id::is_programme_id;
/// assert!(is_programme_id("vejle_2026"));
/// assert!(!is_programme_id("a:b"));
/// assert!(!is_programme_id(""));
/// ```
pub fn is_programme_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// The name of the Web Lock that keeps programme `programme`'s registry
/// open in one tab only: `lokalform:programme:<programme>`.
///
/// ```
/// assert_eq!(lokalform_forms::record_id::registry_lock("vejle"), "lokalform:programme:vejle");
/// ```
pub fn registry_lock(programme: &str) -> String {
    format!("lokalform:{}", RecordId::Registry { programme })
}
