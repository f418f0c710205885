//! A small JSON reader and writer for the browser.
//!
//! serde_json with serde's derived decoders costs about 25 KB (brotli) in a
//! widget bundle — a quarter of the feedback box's budget — mostly in error
//! formatting. This module parses into a [`Json`] tree, and decoders walk
//! that tree with a path, so every problem is reported where it is
//! (`fields[2].options[0].value: expected a string`). Numbers are kept as
//! their text and converted only when read, so no float parser is linked in
//! unless used.
//!
//! ```
//! use lokalform_text::json::{parse, Json};
//! let value = parse(r#"{"a": [1, "to", true, null]}"#).unwrap();
//! assert_eq!(value.get("a").and_then(|a| a.as_array()).map(|a| a.len()), Some(4));
//! assert_eq!(value.to_string(), r#"{"a":[1,"to",true,null]}"#);
//! ```

pub mod decode;
mod parse;
mod write;

pub use decode::Fields;
pub use parse::{parse, ParseError, MAX_DEPTH};
pub use write::{write_string, ObjectWriter};

/// A parsed JSON value. Objects keep their members in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written (validated JSON number syntax).
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object's members in document order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The number as a `u32`, if it is a whole number in range.
    pub fn as_u32(&self) -> Option<u32> {
        match self {
            Json::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// What kind of value this is, for messages ("a string", "an array").
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// A string value, for building trees by hand.
pub fn string(text: &str) -> Json {
    Json::String(text.to_string())
}

/// An object value with `members` in this order, for building trees by hand.
///
/// ```
/// use lokalform_text::json::{object, string};
/// let v = object(vec![("id", string("lsns6")), ("items", object(vec![]))]);
/// assert_eq!(v.to_string(), r#"{"id":"lsns6","items":{}}"#);
/// ```
pub fn object(members: Vec<(&str, Json)>) -> Json {
    Json::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

impl std::fmt::Display for Json {
    /// Compact JSON.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::new();
        write::write_value(&mut out, self);
        f.write_str(&out)
    }
}
