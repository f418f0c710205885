//! What every field view shares: the answers, the current step's issues,
//! the language; and [`Slot`], where one field's answer lives.

use super::words::FormWords;
use crate::common::words::Words;
use leptos::prelude::*;
use lokalform_forms::answers::{Answers, Value};
use lokalform_forms::schema::{Form, Lang};
use lokalform_forms::validate::{Issue, Severity};
use std::sync::Arc;

/// Where one answer lives: a top-level field, or a field in one item of a
/// repeatable group.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot {
    /// A top-level field.
    Top(String),
    /// Field `id` in item `item` of group `group`.
    Member {
        /// The group's id.
        group: String,
        /// The item's place in the group, from 0.
        item: usize,
        /// The member field's id within the item.
        id: String,
    },
}

impl Slot {
    /// The path used by validation: `name`, `goals.1.text`.
    pub fn path(&self) -> String {
        match self {
            Slot::Top(id) => id.clone(),
            Slot::Member { group, item, id } => format!("{group}.{item}.{id}"),
        }
    }

    /// The answer in `answers`.
    pub fn get<'a>(&self, answers: &'a Answers) -> Option<&'a Value> {
        match self {
            Slot::Top(id) => answers.get(id),
            Slot::Member { group, item, id } => answers
                .get(group)
                .and_then(|g| g.items().get(*item))
                .and_then(|i| i.get(id)),
        }
    }

    /// Sets the answer in `answers`.
    pub fn set(&self, answers: &mut Answers, value: Value) {
        match self {
            Slot::Top(id) => answers.set(id, value),
            Slot::Member { group, item, id } => {
                if let Some(Value::Items(items)) = answers.get_mut(group) {
                    if let Some(i) = items.get_mut(*item) {
                        i.set(id, value);
                    }
                }
            }
        }
    }
}

/// The DOM id of the control for validation path `path`.
///
/// ```
/// assert_eq!(lokalform_components::form::control_id("goals.1.text"), "lf-goals.1.text");
/// ```
pub fn control_id(path: &str) -> String {
    format!("lf-{path}")
}

/// Everything a field view needs; cheap to copy.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub answers: RwSignal<Answers>,
    /// The issues of the step on screen.
    pub issues: Memo<Vec<Issue>>,
    /// Whether the person tried to go on from this step (errors show then).
    pub attempted: RwSignal<bool>,
    pub lang: Lang,
    pub words: &'static FormWords,
    pub common: &'static Words,
    /// The definition.
    pub form: StoredValue<Arc<Form>>,
    /// Which top-level fields are shown.
    pub shown: Memo<Vec<bool>>,
    /// The widget's root, for moving focus.
    pub root: NodeRef<leptos::html::Div>,
}

impl Ctx {
    /// The error message at `path`, once errors are shown.
    pub fn error(&self, path: &str) -> Option<String> {
        if !self.attempted.get() {
            return None;
        }
        self.finding(path, Severity::Error)
    }

    /// A warning at `path` (shown at once: going on is allowed).
    pub fn warning(&self, path: &str) -> Option<String> {
        self.finding(path, Severity::Warning)
    }

    fn finding(&self, path: &str, severity: Severity) -> Option<String> {
        self.issues.with(|all| {
            all.iter()
                .find(|i| i.path == path && i.severity == severity)
                .map(|i| i.message.text(self.lang))
        })
    }

    /// The current answer at `slot` (tracked).
    pub fn value(&self, slot: &Slot) -> Option<Value> {
        self.answers.with(|a| slot.get(a).cloned())
    }

    /// The current text answer at `slot` (tracked).
    pub fn text(&self, slot: &Slot) -> String {
        self.answers.with(|a| {
            slot.get(a)
                .and_then(Value::as_text)
                .unwrap_or("")
                .to_string()
        })
    }

    /// Sets the answer at `slot`.
    pub fn set(&self, slot: &Slot, value: Value) {
        self.answers.update(|a| slot.set(a, value));
    }
}
