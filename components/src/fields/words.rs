//! The single fields' own texts: what a field is called when the page gives
//! it no `<label>` (a page should; these keep the control named anyway),
//! and the instrument's line about its missing items.

use lokalform_forms::schema::{FieldKind, Lang};

/// The fallback names, Danish and English.
pub struct FieldWords {
    /// `<lokal-cpr>`.
    pub cpr: &'static str,
    /// `<lokal-date>`.
    pub date: &'static str,
    /// `<lokal-phone>`.
    pub phone: &'static str,
    /// `<lokal-email>`.
    pub email: &'static str,
    /// `<lokal-scale>`.
    pub scale: &'static str,
    /// `<lokal-vas>`.
    pub vas: &'static str,
    /// `<lokal-signature>`.
    pub signature: &'static str,
    /// `<lokal-instrument>`: "answered 4 of 6."
    pub answered: fn(usize, usize) -> String,
    /// `<lokal-instrument>`: every item answered.
    pub all_answered: fn(usize) -> String,
    /// `<lokal-instrument>`: the numbers of the items without an answer
    /// ("2, 5 og 6").
    pub missing: fn(&str) -> String,
    /// `<lokal-instrument>`: a score needs at least this many of the items.
    pub at_least: fn(usize, usize) -> String,
    /// "og" in a list of numbers.
    pub and: &'static str,
    /// `<lokal-instrument>`: where the definition at `src` has a problem.
    pub definition_problem: fn(&str, &str) -> String,
}

const DA: FieldWords = FieldWords {
    cpr: "CPR-nummer",
    date: "Dato",
    phone: "Telefonnummer",
    email: "E-mailadresse",
    scale: "Vælg et tal fra 0 til 10",
    vas: "Sæt en markering på linjen fra 0 til 100",
    signature: "Underskrift",
    answered: |n, of| format!("Du har svaret på {n} af {of} spørgsmål."),
    all_answered: |of| format!("Du har svaret på alle {of} spørgsmål."),
    missing: |list| format!("Der mangler svar på spørgsmål {list}."),
    at_least: |min, of| format!("Svar på mindst {min} af de {of} spørgsmål."),
    and: "og",
    definition_problem: |src, path| {
        if path.is_empty() {
            format!("Fejlen er i skemaets definition, {src}.")
        } else {
            format!("Fejlen er i skemaets definition, {src}, ved {path}.")
        }
    },
};

const EN: FieldWords = FieldWords {
    cpr: "CPR number",
    date: "Date",
    phone: "Phone number",
    email: "Email address",
    scale: "Choose a number from 0 to 10",
    vas: "Mark the line from 0 to 100",
    signature: "Signature",
    answered: |n, of| format!("You have answered {n} of {of} questions."),
    all_answered: |of| format!("You have answered all {of} questions."),
    missing: |list| format!("Not answered yet: question {list}."),
    at_least: |min, of| format!("Answer at least {min} of the {of} questions."),
    and: "and",
    definition_problem: |src, path| {
        if path.is_empty() {
            format!("The problem is in the questionnaire's definition, {src}.")
        } else {
            format!("The problem is in the questionnaire's definition, {src}, at {path}.")
        }
    },
};

impl FieldWords {
    /// The fallback name of a field of `kind`.
    ///
    /// ```
    /// use lokalform_components::fields::field_words;
    /// use lokalform_forms::schema::{FieldKind, Lang};
    /// assert_eq!(field_words(Lang::Da).name(FieldKind::Cpr), "CPR-nummer");
    /// ```
    pub fn name(&self, kind: FieldKind) -> &'static str {
        match kind {
            FieldKind::Cpr => self.cpr,
            FieldKind::Date => self.date,
            FieldKind::Phone => self.phone,
            FieldKind::Email => self.email,
            FieldKind::Scale => self.scale,
            FieldKind::Signature => self.signature,
            _ => self.vas,
        }
    }
}

/// The words in `lang`.
pub fn field_words(lang: Lang) -> &'static FieldWords {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}
