//! The field types, with their names in definitions and what they allow.

/// What kind of answer a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldKind {
    /// A five-point rating shown as faces with a text label each.
    #[default]
    Smiley,
    /// One choice among the options (radio buttons, or a drop-down list).
    Choice,
    /// Optional free text in the feedback box. It is redacted on the device
    /// and shown to the citizen before it is sent; it is never counted.
    Comment,
    /// A short text on one line (a name, a place).
    Text,
    /// A longer text over several lines. Never leaves the device.
    Textarea,
    /// A number, with optional minimum, maximum and step.
    Number,
    /// Several choices among the options, with optional fewest/most picks.
    MultiChoice,
    /// One point on an agreement scale whose labels come from the options.
    Likert,
    /// A whole number from 0 to 10, with labels for the ends.
    Scale,
    /// A visual-analogue line from 0 to 100, set by mouse, touch or keyboard.
    Vas,
    /// A date, typed as dd.mm.åååå.
    Date,
    /// A Danish CPR number. Never aggregated, never sent; masked after entry.
    Cpr,
    /// An e-mail address.
    Email,
    /// A phone number.
    Phone,
    /// A checkbox agreeing to the label's statement, kept with its version.
    Consent,
    /// A signature: drawn on a pad, or typed as a name.
    Signature,
    /// A heading between questions (no answer).
    Heading,
    /// A paragraph of information between questions (no answer).
    Info,
    /// A repeatable group of fields, e.g. a list of goals.
    Group,
}

impl FieldKind {
    /// Every kind, with its name in definitions.
    pub const ALL: [(FieldKind, &'static str); 19] = [
        (FieldKind::Smiley, "smiley"),
        (FieldKind::Choice, "choice"),
        (FieldKind::Comment, "comment"),
        (FieldKind::Text, "text"),
        (FieldKind::Textarea, "textarea"),
        (FieldKind::Number, "number"),
        (FieldKind::MultiChoice, "multi_choice"),
        (FieldKind::Likert, "likert"),
        (FieldKind::Scale, "scale"),
        (FieldKind::Vas, "vas"),
        (FieldKind::Date, "date"),
        (FieldKind::Cpr, "cpr"),
        (FieldKind::Email, "email"),
        (FieldKind::Phone, "phone"),
        (FieldKind::Consent, "consent"),
        (FieldKind::Signature, "signature"),
        (FieldKind::Heading, "heading"),
        (FieldKind::Info, "info"),
        (FieldKind::Group, "group"),
    ];

    /// The kind's name in definitions.
    ///
    /// ```
    /// use lokalform_forms::schema::FieldKind;
    /// assert_eq!(FieldKind::MultiChoice.name(), "multi_choice");
    /// assert_eq!(FieldKind::from_name("vas"), Some(FieldKind::Vas));
    /// ```
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("", |(_, n)| n)
    }

    /// The kind called `name` in definitions.
    pub fn from_name(name: &str) -> Option<FieldKind> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
    }

    /// Whether answers are one (or several) of a fixed set of options.
    pub fn has_options(self) -> bool {
        matches!(
            self,
            FieldKind::Smiley | FieldKind::Choice | FieldKind::MultiChoice | FieldKind::Likert
        )
    }

    /// Whether the field takes an answer at all (headings and info blocks
    /// do not).
    pub fn takes_answer(self) -> bool {
        !matches!(self, FieldKind::Heading | FieldKind::Info)
    }

    /// Whether a form that has a field of this kind collects personal data
    /// (a name, a CPR number, contact details, a signature, a date of birth,
    /// notes): then its drafts are sealed with a passphrase. The feedback
    /// box's comment is not: it is an anonymous citizen's own text,
    /// redacted before it leaves, and asking a citizen for a passphrase
    /// would be absurd; it can still never be aggregated.
    pub fn collects_personal_data(self) -> bool {
        self != FieldKind::Comment && self.may_hold_personal_data()
    }

    /// Whether an answer of this kind can identify a person or hold
    /// anything at all (free text): such a field can never be aggregated.
    /// A date counts, because it can be a date of birth.
    pub fn may_hold_personal_data(self) -> bool {
        matches!(
            self,
            FieldKind::Comment
                | FieldKind::Text
                | FieldKind::Textarea
                | FieldKind::Date
                | FieldKind::Cpr
                | FieldKind::Email
                | FieldKind::Phone
                | FieldKind::Signature
        )
    }

    /// Whether a field of this kind may be counted (`aggregate: true`):
    /// fixed options or numbers that cannot identify anyone.
    pub fn may_aggregate(self) -> bool {
        matches!(
            self,
            FieldKind::Smiley
                | FieldKind::Choice
                | FieldKind::MultiChoice
                | FieldKind::Likert
                | FieldKind::Scale
                | FieldKind::Vas
                | FieldKind::Number
        )
    }

    /// The longest accepted text when the definition does not say.
    pub fn default_max_length(self) -> u32 {
        match self {
            FieldKind::Comment => super::DEFAULT_COMMENT_LIMIT,
            FieldKind::Textarea => 2000,
            _ => 200,
        }
    }
}
