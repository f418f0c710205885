//! Form definitions: the JSON a municipality edits instead of Rust.
//!
//! A [`Form`] has an id, a version, texts in Danish (and optionally English)
//! and a list of [`Field`]s. [`Form::from_json`] reads a definition and checks
//! it completely, returning every [`Problem`] with the path of the bad value.
//!
//! ```
//! use lokalform::schema::Form;
//! let err = Form::from_json(r#"{"id":"x","version":1,"title":{"da":"X"},"fields":[]}"#).unwrap_err();
//! assert_eq!(err[0].to_string(), "fields: a form needs at least one field");
//! ```

mod check;
mod decode;
mod text;

use serde::Serialize;

pub use check::{is_identifier, Problem, MAX_COMMENT_LIMIT, MAX_FIELDS, MAX_OPTIONS};
pub use text::{Lang, Text};

/// The citizen feedback box's default definition: `forms/feedback.json`
/// without its indentation (see `build.rs`).
pub const FEEDBACK_FORM_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/feedback.json"));

/// A form definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Form {
    /// Stable identifier, 1–64 of `[A-Za-z0-9_-]`, e.g. `feedback`.
    pub id: String,
    /// Version; bump it when questions or options change meaning.
    pub version: u32,
    /// The form's heading.
    pub title: Text,
    /// A short introduction shown under the heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    /// The questions, in order.
    pub fields: Vec<Field>,
    /// Shown after a successful submit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thanks: Option<Text>,
}

/// What kind of answer a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// A five-point rating shown as faces with a text label each.
    Smiley,
    /// One choice among the options (radio buttons).
    Choice,
    /// Optional free text. It is redacted on the device and shown to the
    /// citizen before it is sent; it is never counted.
    Comment,
}

impl FieldKind {
    /// Every kind, with its name in definitions.
    pub const ALL: [(FieldKind, &'static str); 3] = [
        (FieldKind::Smiley, "smiley"),
        (FieldKind::Choice, "choice"),
        (FieldKind::Comment, "comment"),
    ];

    /// Whether answers of this kind are one of a fixed set of options, and so
    /// can be counted.
    pub fn has_options(self) -> bool {
        matches!(self, FieldKind::Smiley | FieldKind::Choice)
    }
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Stable identifier within the form, 1–64 of `[A-Za-z0-9_-]`.
    pub id: String,
    /// The kind of answer.
    #[serde(rename = "type")]
    pub kind: FieldKind,
    /// The question as the citizen reads it.
    pub label: Text,
    /// Help text under the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Whether an answer is needed before submitting.
    #[serde(default)]
    pub required: bool,
    /// Whether the answers may be counted and sent as aggregates. Only fields
    /// with options can be; free text never.
    #[serde(default)]
    pub aggregate: bool,
    /// The options of a `smiley` or `choice` field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// The longest accepted comment, in characters (default 500).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
}

impl Field {
    /// The option with `value`, if the field has it.
    pub fn option(&self, value: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.value == value)
    }

    /// The longest accepted comment, in characters.
    pub fn comment_limit(&self) -> usize {
        self.max_length.unwrap_or(DEFAULT_COMMENT_LIMIT) as usize
    }
}

/// The longest accepted comment when the definition does not say.
pub const DEFAULT_COMMENT_LIMIT: u32 = 500;

/// One option of a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    /// The value counted and sent, `[A-Za-z0-9_-]`.
    pub value: String,
    /// What the citizen reads.
    pub label: Text,
}

impl Form {
    /// Reads and checks a definition.
    ///
    /// Every problem is reported with its path, e.g.
    /// `fields[2].options[1].value: duplicate value "ja"`; JSON that cannot
    /// be read at all is reported with its line and column.
    pub fn from_json(json: &str) -> Result<Form, Vec<Problem>> {
        let value = crate::json::parse(json).map_err(|e| vec![Problem::new("", e.to_string())])?;
        let form = decode::form(&value)?;
        let problems = check::check_form(&form);
        if problems.is_empty() {
            Ok(form)
        } else {
            Err(problems)
        }
    }

    /// The field with `id`.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The comment field, if the form allows comments.
    pub fn comment_field(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.kind == FieldKind::Comment)
    }
}
