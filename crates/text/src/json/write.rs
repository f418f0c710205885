//! The writer: compact JSON, strings escaped.

use super::Json;

/// Appends `s` as a JSON string literal.
///
/// ```
/// let mut out = String::new();
/// lokalform_text::json::write_string(&mut out, "tab\there \"quoted\"");
/// assert_eq!(out, r#""tab\there \"quoted\"""#);
/// ```
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

pub(super) fn write_value(out: &mut String, value: &Json) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(n),
        Json::String(s) => write_string(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Json::Object(members) => {
            let mut object = ObjectWriter::new(out);
            for (k, v) in members {
                object.key(k);
                write_value(object.out, v);
            }
            object.finish();
        }
    }
}

/// Writes a JSON object member by member.
///
/// ```
/// use lokalform_text::json::ObjectWriter;
/// let mut out = String::new();
/// let mut o = ObjectWriter::new(&mut out);
/// o.string("form", "feedback");
/// o.number("version", 1);
/// o.finish();
/// assert_eq!(out, r#"{"form":"feedback","version":1}"#);
/// ```
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> ObjectWriter<'a> {
    /// Opens an object.
    pub fn new(out: &'a mut String) -> ObjectWriter<'a> {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    /// Writes a member's name; the value must follow (see [`Self::raw`]).
    pub fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_string(self.out, key);
        self.out.push(':');
    }

    /// A string member.
    pub fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        write_string(self.out, value);
    }

    /// A whole-number member.
    pub fn number(&mut self, key: &str, value: u32) {
        self.key(key);
        self.out.push_str(&value.to_string());
    }

    /// A boolean member.
    pub fn bool(&mut self, key: &str, value: bool) {
        self.key(key);
        self.out.push_str(if value { "true" } else { "false" });
    }

    /// A member whose value is already JSON text, written by `write`.
    pub fn raw(&mut self, key: &str, write: impl FnOnce(&mut String)) {
        self.key(key);
        write(self.out);
    }

    /// Closes the object.
    pub fn finish(self) {
        self.out.push('}');
    }
}
