//! `visible_if`: when a field is shown.
//!
//! ```json
//! {"field": "heard_from", "equals": "other"}
//! {"field": "heard_from", "any_of": ["press", "social_media"]}
//! {"field": "phone", "answered": true}
//! {"all": [{"field": "role", "equals": "peer"}, {"field": "cpr", "answered": false}]}
//! {"any": [ … ]}
//! ```
//! On a multiple-choice field, `equals` means "is among the picks".

use crate::answers::Value;
use lokalform_text::json::decode::{as_string, expected};
use lokalform_text::json::{Fields, Json};
use lokalform_text::Problem;

/// A condition on earlier answers.
///
/// ```
/// use lokalform_forms::answers::{Answers, Value};
/// use lokalform_forms::schema::Condition;
/// let c = Condition::Equals { field: "role".into(), value: "peer".into() };
/// let mut a = Answers::default();
/// assert!(!c.holds(&|id| a.get(id)));
/// a.set("role", Value::Text("peer".into()));
/// assert!(c.holds(&|id| a.get(id)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// The answer is `value` (or includes it, for multiple choice).
    Equals {
        /// The field asked about.
        field: String,
        /// The option value.
        value: String,
    },
    /// The answer is one of `values`.
    AnyOf {
        /// The field asked about.
        field: String,
        /// The option values.
        values: Vec<String>,
    },
    /// The field has (`true`) or has not (`false`) been answered.
    Answered {
        /// The field asked about.
        field: String,
        /// Whether an answer is wanted.
        answered: bool,
    },
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one condition holds.
    Any(Vec<Condition>),
}

impl Condition {
    /// Whether the condition holds, given a way to look an answer up by
    /// field id.
    pub fn holds<'a>(&self, answer: &dyn Fn(&str) -> Option<&'a Value>) -> bool {
        match self {
            Condition::Equals { field, value } => answer(field).is_some_and(|a| a.includes(value)),
            Condition::AnyOf { field, values } => {
                answer(field).is_some_and(|a| values.iter().any(|v| a.includes(v)))
            }
            Condition::Answered { field, answered } => {
                answer(field).is_some_and(Value::is_answered) == *answered
            }
            Condition::All(all) => all.iter().all(|c| c.holds(answer)),
            Condition::Any(any) => any.iter().any(|c| c.holds(answer)),
        }
    }

    /// Every field the condition asks about, with the path of its mention
    /// (relative to the condition) and the option values it names.
    pub fn mentions(&self, path: &str, out: &mut Vec<(String, String, Vec<String>)>) {
        match self {
            Condition::Equals { field, value } => {
                out.push((format!("{path}.field"), field.clone(), vec![value.clone()]))
            }
            Condition::AnyOf { field, values } => {
                out.push((format!("{path}.field"), field.clone(), values.clone()))
            }
            Condition::Answered { field, .. } => {
                out.push((format!("{path}.field"), field.clone(), Vec::new()))
            }
            Condition::All(list) | Condition::Any(list) => {
                let name = if matches!(self, Condition::All(_)) {
                    "all"
                } else {
                    "any"
                };
                for (i, c) in list.iter().enumerate() {
                    c.mentions(&format!("{path}.{name}[{i}]"), out);
                }
            }
        }
    }
}

/// Reads a condition at `path`.
pub(super) fn decode(value: &Json, path: &str, p: &mut Vec<Problem>) -> Option<Condition> {
    let f = Fields::of(
        value,
        path,
        &["field", "equals", "any_of", "answered", "all", "any"],
        p,
    )?;
    for name in ["all", "any"] {
        if let Some(list) = f.get(name) {
            let Json::Array(items) = list else {
                p.push(expected(&f.path(name), "an array of conditions", list));
                return None;
            };
            if items.is_empty() {
                p.push(Problem::new(f.path(name), "needs at least one condition"));
            }
            let parts: Vec<Condition> = items
                .iter()
                .enumerate()
                .filter_map(|(i, c)| decode(c, &format!("{}[{i}]", f.path(name)), p))
                .collect();
            if f.get("field").is_some() || value.as_object().is_some_and(|m| m.len() > 1) {
                p.push(Problem::new(
                    path,
                    format!("\"{name}\" stands alone: write the other tests inside its list"),
                ));
            }
            return Some(if name == "all" {
                Condition::All(parts)
            } else {
                Condition::Any(parts)
            });
        }
    }
    let field = f.string("field", p)?;
    let tests: Vec<&str> = ["equals", "any_of", "answered"]
        .into_iter()
        .filter(|n| f.get(n).is_some())
        .collect();
    if tests.len() != 1 {
        p.push(Problem::new(
            path,
            "needs exactly one of \"equals\", \"any_of\" or \"answered\"",
        ));
        return None;
    }
    match tests[0] {
        "equals" => Some(Condition::Equals {
            field,
            value: f.string("equals", p)?,
        }),
        "any_of" => {
            let values: Vec<String> = f
                .array("any_of", p)
                .iter()
                .enumerate()
                .filter_map(|(i, v)| as_string(v, &format!("{}[{i}]", f.path("any_of")), p))
                .collect();
            if values.is_empty() {
                p.push(Problem::new(f.path("any_of"), "needs at least one value"));
            }
            Some(Condition::AnyOf { field, values })
        }
        _ => match f.get("answered") {
            Some(Json::Bool(answered)) => Some(Condition::Answered {
                field,
                answered: *answered,
            }),
            Some(other) => {
                p.push(expected(&f.path("answered"), "true or false", other));
                None
            }
            None => None,
        },
    }
}
