//! A problem with its path, for definitions and payloads alike.

use std::fmt;

/// One problem in a definition or a payload, with where it is.
///
/// ```
/// use lokalform_text::Problem;
/// let p = Problem::new("fields[0].id", "must not be empty");
/// assert_eq!(p.to_string(), "fields[0].id: must not be empty");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// Where, as `fields[2].options[0].value`; empty for the whole document.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}
