//! Walking a [`Json`] tree with a path, collecting every problem.

use super::Json;
use crate::problem::Problem;

/// Joins a path and a member name: `fields[2]` + `id` = `fields[2].id`.
pub fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// The members of an object that was checked to hold only known names.
///
/// ```
/// use lokalform_text::json::{parse, Fields};
/// let v = parse(r#"{"id": "x", "colour": 1}"#).unwrap();
/// let mut problems = Vec::new();
/// let fields = Fields::of(&v, "fields[0]", &["id"], &mut problems).unwrap();
/// assert_eq!(fields.string("id", &mut problems).as_deref(), Some("x"));
/// assert_eq!(problems[0].to_string(), "fields[0].colour: unknown field; expected one of: id");
/// ```
pub struct Fields<'a> {
    members: &'a [(String, Json)],
    path: String,
}

impl<'a> Fields<'a> {
    /// Reads `value` as an object; reports a non-object, and every member
    /// whose name is not in `known`.
    pub fn of(
        value: &'a Json,
        path: &str,
        known: &[&str],
        problems: &mut Vec<Problem>,
    ) -> Option<Fields<'a>> {
        let Some(members) = value.as_object() else {
            problems.push(expected(path, "an object", value));
            return None;
        };
        for (name, _) in members {
            if !known.contains(&name.as_str()) {
                problems.push(Problem::new(
                    join(path, name),
                    format!("unknown field; expected one of: {}", known.join(", ")),
                ));
            }
        }
        Some(Fields {
            members,
            path: path.to_string(),
        })
    }

    /// The path of member `name`.
    pub fn path(&self, name: &str) -> String {
        join(&self.path, name)
    }

    /// Member `name`, if present (and not `null`).
    pub fn get(&self, name: &str) -> Option<&'a Json> {
        self.members
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
            .filter(|v| **v != Json::Null)
    }

    /// A member that must be present.
    pub fn required(&self, name: &str, problems: &mut Vec<Problem>) -> Option<&'a Json> {
        let found = self.get(name);
        if found.is_none() {
            problems.push(Problem::new(self.path(name), "is required"));
        }
        found
    }

    /// A required string.
    pub fn string(&self, name: &str, problems: &mut Vec<Problem>) -> Option<String> {
        self.required(name, problems)
            .and_then(|v| as_string(v, &self.path(name), problems))
    }

    /// An optional string.
    pub fn opt_string(&self, name: &str, problems: &mut Vec<Problem>) -> Option<String> {
        self.get(name)
            .and_then(|v| as_string(v, &self.path(name), problems))
    }

    /// A required whole number from 0 to 4294967295.
    pub fn u32(&self, name: &str, problems: &mut Vec<Problem>) -> Option<u32> {
        self.required(name, problems)
            .and_then(|v| as_u32(v, &self.path(name), problems))
    }

    /// An optional whole number.
    pub fn opt_u32(&self, name: &str, problems: &mut Vec<Problem>) -> Option<u32> {
        self.get(name)
            .and_then(|v| as_u32(v, &self.path(name), problems))
    }

    /// An optional boolean, `false` when absent.
    pub fn flag(&self, name: &str, problems: &mut Vec<Problem>) -> bool {
        match self.get(name) {
            None => false,
            Some(Json::Bool(b)) => *b,
            Some(other) => {
                problems.push(expected(&self.path(name), "true or false", other));
                false
            }
        }
    }

    /// An optional array (empty when absent).
    pub fn array(&self, name: &str, problems: &mut Vec<Problem>) -> &'a [Json] {
        match self.get(name) {
            None => &[],
            Some(Json::Array(items)) => items,
            Some(other) => {
                problems.push(expected(&self.path(name), "an array", other));
                &[]
            }
        }
    }
}

/// "expected X, found Y" at `path`.
pub fn expected(path: &str, what: &str, found: &Json) -> Problem {
    Problem::new(path, format!("expected {what}, found {}", found.kind()))
}

/// `value` as a string, or a problem.
pub fn as_string(value: &Json, path: &str, problems: &mut Vec<Problem>) -> Option<String> {
    match value {
        Json::String(s) => Some(s.clone()),
        other => {
            problems.push(expected(path, "a string", other));
            None
        }
    }
}

/// `value` as a `u32`, or a problem.
pub fn as_u32(value: &Json, path: &str, problems: &mut Vec<Problem>) -> Option<u32> {
    let n = value.as_u32();
    if n.is_none() {
        problems.push(expected(path, "a whole number from 0 to 4294967295", value));
    }
    n
}
