//! One person's answers to a form: while it is filled in (kept exactly as
//! typed, so a typo never loses anything) and as the result.
//!
//! ```
//! use lokalform_forms::answers::{Answers, Value};
//! let mut a = Answers::default();
//! a.set("name", Value::Text("Hanne".into()));
//! a.set("interests", Value::List(vec!["walks".into(), "music".into()]));
//! let json = a.to_json();
//! assert_eq!(json, r#"{"name":"Hanne","interests":["walks","music"]}"#);
//! assert_eq!(Answers::from_json(&json), Some(a));
//! ```

use lokalform_text::json::{self, write_string, Json, ObjectWriter};

/// The answer to one field.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text as typed, or the chosen option's value, or a number as typed,
    /// or the agreed consent version.
    Text(String),
    /// The picks of a multiple-choice field.
    List(Vec<String>),
    /// A signature.
    Signature(Signature),
    /// The items of a repeatable group.
    Items(Vec<Answers>),
}

/// A signature: drawn, typed, or both.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Signature {
    /// The name as typed (the keyboard and screen-reader way to sign).
    pub name: String,
    /// The drawing as SVG path data in a 300 × 100 box (`M10 50L12 51…`).
    pub drawing: String,
}

impl Value {
    /// Whether there is an answer at all (blank text is none).
    pub fn is_answered(&self) -> bool {
        match self {
            Value::Text(t) => !t.trim().is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Signature(s) => !s.name.trim().is_empty() || !s.drawing.is_empty(),
            Value::Items(items) => !items.is_empty(),
        }
    }

    /// Whether the answer is `value`, or (for several picks) holds it.
    pub fn includes(&self, value: &str) -> bool {
        match self {
            Value::Text(t) => t == value,
            Value::List(l) => l.iter().any(|v| v == value),
            _ => false,
        }
    }

    /// The text, if this is one.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The items of a group (none if this is not a group's answer).
    pub fn items(&self) -> &[Answers] {
        match self {
            Value::Items(items) => items,
            _ => &[],
        }
    }

    /// The answer as compact JSON, as [`Answers::to_json`] writes it (a
    /// signature as `{"name":…,"drawing":…}`).
    ///
    /// ```
    /// use lokalform_forms::answers::{Signature, Value};
    /// let s = Value::Signature(Signature { name: "Ida".into(), drawing: "M1 2L3 4".into() });
    /// assert_eq!(s.to_json(), r#"{"name":"Ida","drawing":"M1 2L3 4"}"#);
    /// assert_eq!(Value::from_json(&s.to_json()), Some(s));
    /// ```
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    /// Reads an answer written by [`Value::to_json`].
    pub fn from_json(text: &str) -> Option<Value> {
        Value::read(&json::parse(text).ok()?)
    }

    fn write(&self, out: &mut String) {
        match self {
            Value::Text(t) => write_string(out, t),
            Value::List(l) => {
                out.push('[');
                for (i, v) in l.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(out, v);
                }
                out.push(']');
            }
            Value::Signature(s) => {
                let mut o = ObjectWriter::new(out);
                o.string("name", &s.name);
                o.string("drawing", &s.drawing);
                o.finish();
            }
            Value::Items(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
        }
    }

    fn read(value: &Json) -> Option<Value> {
        Some(match value {
            Json::String(s) => Value::Text(s.clone()),
            Json::Array(items) if items.iter().all(|i| matches!(i, Json::String(_))) => {
                Value::List(
                    items
                        .iter()
                        .filter_map(|i| i.as_str().map(String::from))
                        .collect(),
                )
            }
            Json::Array(items) => Value::Items(
                items
                    .iter()
                    .map(Answers::read)
                    .collect::<Option<Vec<_>>>()?,
            ),
            Json::Object(_) => Value::Signature(Signature {
                name: value.get("name")?.as_str()?.to_string(),
                drawing: value.get("drawing")?.as_str()?.to_string(),
            }),
            _ => return None,
        })
    }
}

/// Answers by field id, in the order they were first given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answers {
    entries: Vec<(String, Value)>,
}

impl Answers {
    /// The answer to field `id`.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }

    /// The answer to field `id`, to change in place.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == id)
            .map(|(_, v)| v)
    }

    /// The text answer to `id`, or `""`.
    pub fn text(&self, id: &str) -> &str {
        self.get(id).and_then(Value::as_text).unwrap_or("")
    }

    /// Sets the answer to `id`.
    pub fn set(&mut self, id: &str, value: Value) {
        match self.get_mut(id) {
            Some(v) => *v = value,
            None => self.entries.push((id.to_string(), value)),
        }
    }

    /// Removes the answer to `id`.
    pub fn remove(&mut self, id: &str) {
        self.entries.retain(|(k, _)| k != id);
    }

    /// Every answer, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Whether nothing at all has been answered.
    pub fn is_empty(&self) -> bool {
        !self.entries.iter().any(|(_, v)| v.is_answered())
    }

    /// The answers as compact JSON.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        out.push('{');
        for (i, (k, v)) in self.entries.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_string(out, k);
            out.push(':');
            v.write(out);
        }
        out.push('}');
    }

    /// Reads answers written by [`Answers::to_json`].
    pub fn from_json(text: &str) -> Option<Answers> {
        Answers::read(&json::parse(text).ok()?)
    }

    /// Reads answers from a parsed JSON object.
    pub fn read(value: &Json) -> Option<Answers> {
        let mut entries = Vec::new();
        for (k, v) in value.as_object()? {
            entries.push((k.clone(), Value::read(v)?));
        }
        Some(Answers { entries })
    }
}
