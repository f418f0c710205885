//! Form definitions: the JSON a municipality edits instead of Rust.
//!
//! A [`Form`] has an id, a version, texts in Danish (and optionally English),
//! one or more [`Step`]s and the [`Field`]s on them. [`Form::from_json`]
//! reads a definition and checks it completely, returning every [`Problem`]
//! with the path of the bad value. The members a definition may use, per
//! field type, are listed once in [`PROPERTIES`]; the decoder and the JSON
//! Schema for editors ([`json_schema`]) are both made from that list.
//!
//! ```
//! use lokalform_forms::schema::Form;
//! let err = Form::from_json(r#"{"id":"x","version":1,"title":{"da":"X"},"fields":[]}"#).unwrap_err();
//! assert_eq!(err[0].to_string(), "fields: a form needs at least one field");
//!
//! let form = Form::from_json(r#"{"id": "x", "version": 1, "title": {"da": "X"},
//!   "steps": [{"title": {"da": "Om dig"}, "fields": [
//!     {"id": "name", "type": "text", "label": {"da": "Navn"}, "required": true},
//!     {"id": "cpr", "type": "cpr", "label": {"da": "CPR-nummer"}}]}]}"#).unwrap();
//! assert!(form.holds_personal_data());
//! assert_eq!(form.step_fields(0).len(), 2);
//! ```

mod check;
mod condition;
mod decode;
mod kind;
mod properties;
mod schema_json;
mod text;

pub use check::{
    is_identifier, Problem, MAX_COMMENT_LIMIT, MAX_FIELDS, MAX_ITEMS, MAX_OPTIONS, MAX_TEXT_LIMIT,
};
pub use condition::Condition;
pub use kind::FieldKind;
pub use properties::{documented_properties, Property, PropertyType, PROPERTIES};
pub use schema_json::json_schema;
pub use text::{Lang, Text};

use lokalform_text::date::Date;

/// The citizen feedback box's default definition: `forms/feedback.json`
/// without its indentation (see `build.rs`).
pub const FEEDBACK_FORM_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/feedback.json"));

/// A form definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// Stable identifier, 1–64 of `[A-Za-z0-9_-]`, e.g. `feedback`.
    pub id: String,
    /// Version; bump it when questions or options change meaning.
    pub version: u32,
    /// The languages every text is written in: Danish always, English when
    /// listed (then every text must have it).
    pub languages: Vec<Lang>,
    /// The form's heading.
    pub title: Text,
    /// A short introduction shown under the heading.
    pub intro: Option<Text>,
    /// Every top-level field, step after step. [`Form::steps`] say where
    /// each step's fields start and end.
    pub fields: Vec<Field>,
    /// The steps; a definition with top-level `fields` has one untitled step.
    pub steps: Vec<Step>,
    /// Shown after a successful submit.
    pub thanks: Option<Text>,
    /// Whether the definition was written with `steps` (for paths in
    /// messages: `steps[1].fields[0]` rather than `fields[4]`).
    pub stepped: bool,
}

/// One page of a multi-step form.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The step's heading, shown in the step indicator.
    pub title: Option<Text>,
    /// A short text under the heading.
    pub intro: Option<Text>,
    /// Index of the step's first field in [`Form::fields`].
    pub start: usize,
    /// Index after the step's last field.
    pub end: usize,
}

/// One question (or a heading, an info block or a repeatable group).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Field {
    /// Stable identifier within the form, 1–64 of `[A-Za-z0-9_-]`.
    pub id: String,
    /// The kind of answer.
    pub kind: FieldKind,
    /// The question as the person reads it (the text of a heading or info
    /// block; the statement agreed to for consent).
    pub label: Text,
    /// Help text under the label.
    pub help: Option<Text>,
    /// Whether an answer is needed before going on.
    pub required: bool,
    /// Whether the answers may be counted and sent as aggregates. Never for
    /// a type that can hold personal data.
    pub aggregate: bool,
    /// Shown only when this holds; a hidden field's answer is left out of
    /// the result.
    pub visible_if: Option<Condition>,
    /// The options of a choice, multiple-choice, Likert or smiley field.
    pub options: Vec<Choice>,
    /// `choice`: show a drop-down list instead of radio buttons.
    pub select: bool,
    /// The longest accepted text, in characters.
    pub max_length: Option<u32>,
    /// `comment`: where to get help now (a local crisis line), shown under
    /// the help, since nobody answers a comment.
    pub crisis_line: Option<Text>,
    /// `number`: the smallest accepted value; `multi_choice`: fewest picks;
    /// `group`: fewest items.
    pub min: Option<Number>,
    /// `number`: the largest accepted value; `multi_choice`: most picks;
    /// `group`: most items.
    pub max: Option<Number>,
    /// `number`: accepted values are `min + k × step`.
    pub step: Option<Number>,
    /// `number`: the unit shown after the box ("timer", "kr.").
    pub unit: Option<Text>,
    /// `date`: the earliest accepted date.
    pub min_date: Option<DateBound>,
    /// `date`: the latest accepted date.
    pub max_date: Option<DateBound>,
    /// `scale`, `vas`: what the lowest end means ("Slet ikke").
    pub min_label: Option<Text>,
    /// `scale`, `vas`: what the highest end means ("Helt enig").
    pub max_label: Option<Text>,
    /// `consent`: the version of the consent text, kept with the answer.
    pub consent_version: Option<String>,
    /// `text`, `email`, `phone`: the HTML `autocomplete` purpose, e.g. `name`
    /// (WCAG 1.3.5: the browser can fill in the person's own details).
    pub autocomplete: Option<String>,
    /// A message to show instead of the type's default when a required
    /// answer is missing ("Skriv dit fornavn").
    pub required_message: Option<Text>,
    /// `group`: the fields of one item.
    pub fields: Vec<Field>,
    /// `group`: the heading of each item, `{n}` is its number ("Mål {n}").
    pub item_label: Option<Text>,
    /// `group`: the text of the button that adds an item ("Tilføj et mål").
    pub add_label: Option<Text>,
}

/// A number from a definition, with its text as written (so messages show
/// `2,5` exactly as the author wrote `2.5`, without float formatting).
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// The value.
    pub value: f64,
    /// The JSON text, e.g. `2.5`.
    pub text: String,
}

impl Number {
    /// The number for a Danish reader: decimal comma.
    ///
    /// ```
    /// use lokalform_forms::schema::{Lang, Number};
    /// let n = Number { value: 2.5, text: "2.5".into() };
    /// assert_eq!(n.show(Lang::Da), "2,5");
    /// assert_eq!(n.show(Lang::En), "2.5");
    /// ```
    pub fn show(&self, lang: Lang) -> String {
        match lang {
            Lang::Da => self.text.replace('.', ","),
            Lang::En => self.text.clone(),
        }
    }

    /// The value as a whole count (picks, items), if it is one.
    pub fn count(&self) -> Option<usize> {
        let v = self.value;
        (v >= 0.0 && v.fract() == 0.0 && v <= 1000.0).then_some(v as usize)
    }
}

/// A limit of a date field: a fixed date or the day the form is filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    /// This date.
    Fixed(Date),
    /// The day of filling in (`"today"` in a definition).
    Today,
}

impl DateBound {
    /// The date, given today's.
    pub fn resolve(self, today: Date) -> Date {
        match self {
            DateBound::Fixed(d) => d,
            DateBound::Today => today,
        }
    }
}

impl Field {
    /// The option with `value`, if the field has it.
    pub fn option(&self, value: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.value == value)
    }

    /// The longest accepted text, in characters.
    pub fn comment_limit(&self) -> usize {
        self.max_length.unwrap_or(self.kind.default_max_length()) as usize
    }

    /// The field with `id` inside this group.
    pub fn member(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }
}

/// The longest accepted comment when the definition does not say.
pub const DEFAULT_COMMENT_LIMIT: u32 = 500;

/// One option of a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The value kept and counted, `[A-Za-z0-9_-]`.
    pub value: String,
    /// What the person reads.
    pub label: Text,
}

impl Form {
    /// Reads and checks a definition, with every field type.
    ///
    /// Every problem is reported with its path, e.g.
    /// `steps[1].fields[3].options[1].value: duplicate value "ja"`; JSON that
    /// cannot be read at all is reported with its line and column.
    pub fn from_json(json: &str) -> Result<Form, Vec<Problem>> {
        Self::read::<decode::Full>(json)
    }

    /// Reads and checks a definition for the feedback box, which shows only
    /// `smiley`, `choice` and `comment` fields on one page. Any other type
    /// or member is reported; the whole engine's decoder is not linked into
    /// the feedback box's bundle.
    pub fn from_json_for_feedback(json: &str) -> Result<Form, Vec<Problem>> {
        Self::read::<decode::Feedback>(json)
    }

    fn read<R: decode::Reader>(json: &str) -> Result<Form, Vec<Problem>> {
        let value =
            lokalform_text::json::parse(json).map_err(|e| vec![Problem::new("", e.to_string())])?;
        match decode::form::<R>(&value) {
            (Some(form), mut problems) => {
                // A check about a part that did not read in full waits
                // until it does: a step whose only field lacks its label
                // is not also reported as a step without fields.
                let unread = problems.len();
                for checked in R::check(&form) {
                    if !problems[..unread]
                        .iter()
                        .any(|p| is_within(&p.path, &checked.path))
                    {
                        problems.push(checked);
                    }
                }
                if R::STEPS {
                    in_document_order(&mut problems);
                }
                if problems.is_empty() {
                    Ok(form)
                } else {
                    Err(problems)
                }
            }
            (None, problems) => Err(problems),
        }
    }

    /// Checks a form built or changed in code (e.g.
    /// [`lokalform_programme::with_measurement`]) the way [`Form::from_json`]
    /// checks a definition after reading it: ids, texts, options, steps,
    /// the types' settings, conditions, translations; every problem with
    /// its path, in document order. What only reading can find (a member a
    /// type does not have, a value of the wrong JSON type) cannot occur in
    /// a built [`Form`] whose fields set only their own type's members.
    ///
    /// ```
    /// use lokalform_forms::schema::Form;
    /// let mut form = Form::from_json(r#"{"id": "x", "version": 1, "title": {"da": "X"},
    ///   "fields": [{"id": "name", "type": "text", "label": {"da": "Navn"}}]}"#).unwrap();
    /// assert!(form.check().is_empty());
    /// form.fields.push(form.fields[0].clone());
    /// form.steps[0].end += 1;
    /// assert_eq!(form.check()[0].to_string(), "fields[1].id: duplicate id \"name\"");
    /// ```
    pub fn check(&self) -> Vec<Problem> {
        let mut problems = <decode::Full as decode::Reader>::check(self);
        in_document_order(&mut problems);
        problems
    }

    /// Whether the required questions are the ones marked, rather than the
    /// optional ones: DKFDS marks the minority, so a form with fewer
    /// required than optional answers marks "(skal besvares)".
    ///
    /// ```
    /// use lokalform_forms::schema::{Form, FEEDBACK_FORM_JSON};
    /// assert!(Form::from_json_for_feedback(FEEDBACK_FORM_JSON).unwrap().marks_required());
    /// ```
    pub fn marks_required(&self) -> bool {
        let answering = self.fields.iter().filter(|f| f.kind.takes_answer());
        let (required, optional) =
            answering.fold(
                (0, 0),
                |(r, o), f| {
                    if f.required {
                        (r + 1, o)
                    } else {
                        (r, o + 1)
                    }
                },
            );
        required < optional
    }

    /// The top-level field with `id`.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The comment field, if the form allows comments.
    pub fn comment_field(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.kind == FieldKind::Comment)
    }

    /// The fields on step `step` (none for a step that does not exist).
    pub fn step_fields(&self, step: usize) -> &[Field] {
        self.steps
            .get(step)
            .and_then(|s| self.fields.get(s.start..s.end))
            .unwrap_or(&[])
    }

    /// The step that holds top-level field number `index`.
    pub fn step_of(&self, index: usize) -> usize {
        self.steps
            .iter()
            .position(|s| (s.start..s.end).contains(&index))
            .unwrap_or(0)
    }

    /// The path of top-level field number `index` as the definition was
    /// written: `steps[1].fields[0]` or `fields[4]`.
    pub fn field_path(&self, index: usize) -> String {
        if self.stepped {
            let step = self.step_of(index);
            let start = self.steps.get(step).map_or(0, |s| s.start);
            format!("steps[{step}].fields[{}]", index - start)
        } else {
            format!("fields[{index}]")
        }
    }

    /// Whether any field can hold personal data (a CPR number, a name, free
    /// text, a signature, a date of birth): then drafts are sealed with the
    /// worker's passphrase rather than the device key.
    pub fn holds_personal_data(&self) -> bool {
        fn any(fields: &[Field]) -> bool {
            fields
                .iter()
                .any(|f| f.kind.collects_personal_data() || any(&f.fields))
        }
        any(&self.fields)
    }
}

/// Sorts problems by where they are (`fields[2]` before `fields[10]`, form
/// members first), keeping the order of problems at the same place.
/// Whether `path` is `outer` or a part of it (`steps[0].fields[1].label`
/// is within `steps[0].fields`, `steps[0].field` is not).
fn is_within(path: &str, outer: &str) -> bool {
    path.strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || outer.is_empty() || rest.starts_with(['.', '[']))
}

fn in_document_order(problems: &mut [Problem]) {
    fn key(path: &str) -> Vec<u32> {
        path.split('[')
            .skip(1)
            .filter_map(|part| part.split(']').next()?.parse().ok())
            .collect()
    }
    lokalform_text::sort::sort_small_by(problems, |a, b| key(&a.path) < key(&b.path));
}
