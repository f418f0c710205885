//! The members a field may have, per type: one list that the decoder
//! enforces and the JSON Schema for editors is made from, so the two cannot
//! drift apart.

use super::FieldKind::{self, *};

/// What a member holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropertyType {
    /// An identifier, `[A-Za-z0-9_-]{1,64}`.
    Id,
    /// A field type name.
    Kind,
    /// A translatable text: `{"da": "…", "en": "…"}`.
    Text,
    /// `true` or `false`.
    Bool,
    /// A list of `{"value", "label"}` options.
    Options,
    /// A whole number from 0.
    Count,
    /// Any number.
    Number,
    /// A date `YYYY-MM-DD` or `"today"`.
    DateBound,
    /// A visibility condition.
    Condition,
    /// A list of fields (a group's).
    Fields,
    /// A short string.
    String,
}

/// One member of a field definition.
#[derive(Debug, Clone, Copy)]
pub struct Property {
    /// The member's name.
    pub name: &'static str,
    /// What it holds.
    pub ty: PropertyType,
    /// The types it belongs to; empty means every type.
    pub kinds: &'static [FieldKind],
}

impl Property {
    /// Whether a field of `kind` may have this member.
    pub fn applies_to(&self, kind: FieldKind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }
}

const ANSWERING: &[FieldKind] = &[
    Smiley,
    Choice,
    Comment,
    Text,
    Textarea,
    Number,
    MultiChoice,
    Likert,
    Scale,
    Vas,
    Date,
    Cpr,
    Email,
    Phone,
    Consent,
    Signature,
    Group,
];

/// One list makes both tables: [`PROPERTIES`] (what the decoder needs, in
/// every build) and [`DOCS`] (what each member means, for the JSON Schema
/// only). Kept apart so the browser bundles, which never call
/// [`documented_properties`], carry no editor documentation.
macro_rules! properties {
    ($(($name:expr, $ty:expr, $kinds:expr, $doc:expr $(,)?)),* $(,)?) => {
        /// Every member of a field definition. A name may appear twice when it
        /// means different things for different types (`min` is a number for
        /// `number`, a count of picks for `multi_choice`, a date for `date`).
        pub const PROPERTIES: &[Property] = &[$(Property { name: $name, ty: $ty, kinds: $kinds }),*];
        /// What each row of [`PROPERTIES`] means, for editors, in the same order.
        const DOCS: &[&str] = &[$($doc),*];
    };
}

properties! {
    ("id", PropertyType::Id, &[], "Stable identifier within the form (or group)."),
    ("type", PropertyType::Kind, &[], "The field type."),
    ("label", PropertyType::Text, &[], "The question; the text of a heading or info block; the statement agreed to for consent."),
    ("help", PropertyType::Text, &[], "Help text under the label."),
    ("visible_if", PropertyType::Condition, &[], "Show the field only when this holds; a hidden field's answer is left out."),
    ("required", PropertyType::Bool, ANSWERING, "An answer is needed before going on."),
    ("required_message", PropertyType::Text, ANSWERING, "The message when a required answer is missing, instead of the type's default."),
    ("aggregate", PropertyType::Bool, &[Smiley, Choice, MultiChoice, Likert, Scale, Vas, Number], "The answers may be counted and leave the device as aggregates. Never for types that can hold personal data."),
    ("options", PropertyType::Options, &[Smiley, Choice, MultiChoice, Likert], "The options, in order."),
    ("select", PropertyType::Bool, &[Choice], "Show a drop-down list instead of radio buttons (long lists)."),
    ("max_length", PropertyType::Count, &[Comment, Text, Textarea], "The longest accepted text, in characters."),
    ("crisis_line", PropertyType::Text, &[Comment], "Where to get help now (e.g. the municipality's crisis line), shown under the comment's help: the comment itself is never answered."),
    ("min", PropertyType::Number, &[Number], "The smallest accepted value."),
    ("max", PropertyType::Number, &[Number], "The largest accepted value."),
    ("step", PropertyType::Number, &[Number], "Accepted values are min + k × step (e.g. 0.5)."),
    ("unit", PropertyType::Text, &[Number], "The unit shown after the box."),
    ("min", PropertyType::Count, &[MultiChoice], "The fewest picks."),
    ("max", PropertyType::Count, &[MultiChoice], "The most picks."),
    ("min", PropertyType::Count, &[Group], "The fewest items."),
    ("max", PropertyType::Count, &[Group], "The most items."),
    ("min", PropertyType::DateBound, &[Date], "The earliest accepted date: YYYY-MM-DD or \"today\"."),
    ("max", PropertyType::DateBound, &[Date], "The latest accepted date: YYYY-MM-DD or \"today\"."),
    ("min_label", PropertyType::Text, &[Scale, Vas], "What the lowest end means."),
    ("max_label", PropertyType::Text, &[Scale, Vas], "What the highest end means."),
    ("consent_version", PropertyType::String, &[Consent], "The version of the consent text, kept with the answer."),
    ("autocomplete", PropertyType::String, &[Text, Email, Phone], "The HTML autocomplete purpose (name, given-name, family-name, email, tel, street-address, postal-code, address-level2)."),
    ("fields", PropertyType::Fields, &[Group], "The fields of one item."),
    ("item_label", PropertyType::Text, &[Group], "The heading of each item; {n} is its number."),
    ("add_label", PropertyType::Text, &[Group], "The text of the button that adds an item."),
}

/// The `autocomplete` purposes a definition may use.
pub const AUTOCOMPLETE: &[&str] = &[
    "name",
    "given-name",
    "family-name",
    "email",
    "tel",
    "street-address",
    "postal-code",
    "address-level2",
    "organization",
];

/// Every row of [`PROPERTIES`] with what it means, for the JSON Schema.
///
/// ```
/// use lokalform_forms::schema::documented_properties;
/// let (id, doc) = documented_properties().next().unwrap();
/// assert_eq!((id.name, doc), ("id", "Stable identifier within the form (or group)."));
/// ```
pub fn documented_properties() -> impl Iterator<Item = (&'static Property, &'static str)> {
    PROPERTIES.iter().zip(DOCS.iter().copied())
}

/// The names of every member, without repeats, in table order.
pub(super) fn names() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for p in PROPERTIES {
        if !out.contains(&p.name) {
            out.push(p.name);
        }
    }
    out
}

/// The row for member `name` on a field of `kind`.
pub(super) fn lookup(name: &str, kind: FieldKind) -> Option<&'static Property> {
    PROPERTIES
        .iter()
        .find(|p| p.name == name && p.applies_to(kind))
}

/// The members a field of `kind` may have, for messages.
pub(super) fn names_for(kind: FieldKind) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for p in PROPERTIES.iter().filter(|p| p.applies_to(kind)) {
        if !out.contains(&p.name) {
            out.push(p.name);
        }
    }
    out
}
