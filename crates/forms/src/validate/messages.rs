//! What a person reads when an answer needs a change: specific, calm, in
//! Danish or English (DKFDS: say what to do, not what went wrong).

use crate::schema::{FieldKind, Lang};
use lokalform_text::date::Date;

/// A message about one answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// A required answer is missing (the text depends on the type).
    Required(FieldKind),
    /// The definition's own message for a missing answer.
    Custom(crate::schema::Text),
    /// Text longer than the limit (characters).
    TooLong(usize),
    /// Not a number.
    NotANumber,
    /// Below the minimum (as the definition wrote it).
    TooSmall(String),
    /// Above the maximum.
    TooLarge(String),
    /// Not a multiple of the step.
    OffStep(String),
    /// Fewer picks than needed.
    PickAtLeast(usize),
    /// More picks than allowed.
    PickAtMost(usize),
    /// Not one of the options.
    UnknownOption,
    /// Outside 0–10 or 0–100.
    OutOfRange(u32),
    /// Not a date shape.
    DateFormat,
    /// A date that does not exist.
    NoSuchDate,
    /// Before the earliest date (`None`: today).
    DateTooEarly(Option<Date>),
    /// After the latest date (`None`: today).
    DateTooLate(Option<Date>),
    /// Not a CPR number shape.
    CprFormat,
    /// The first six digits are not a date.
    CprNoSuchDate,
    /// Fails modulus 11 (a warning only).
    CprModulus,
    /// Not an e-mail address.
    EmailFormat,
    /// Not a phone number.
    PhoneFormat,
    /// Agreed to an earlier version of the consent text.
    ConsentOutdated,
    /// Fewer group items than needed.
    ItemsAtLeast(usize),
    /// More group items than allowed.
    ItemsAtMost(usize),
}

fn required(kind: FieldKind, lang: Lang) -> &'static str {
    use FieldKind::*;
    let (da, en) = match kind {
        Smiley | Choice | Likert | Scale => ("Vælg et svar.", "Choose an answer."),
        MultiChoice => ("Vælg mindst én mulighed.", "Choose at least one option."),
        Number => ("Skriv et tal.", "Enter a number."),
        Vas => ("Sæt en markering på linjen.", "Mark a point on the line."),
        Date => (
            "Skriv en dato som dd.mm.åååå, fx 07.03.2026.",
            "Enter a date as dd.mm.yyyy, e.g. 07.03.2026.",
        ),
        Cpr => (
            "Skriv CPR-nummeret som DDMMÅÅ-XXXX.",
            "Enter the CPR number as DDMMYY-XXXX.",
        ),
        Email => (
            "Skriv en e-mailadresse, fx navn@eksempel.dk.",
            "Enter an e-mail address, e.g. name@example.com.",
        ),
        Phone => ("Skriv et telefonnummer.", "Enter a phone number."),
        Consent => (
            "Sæt kryds for at give samtykke.",
            "Tick the box to give your consent.",
        ),
        Signature => (
            "Skriv navnet, eller tegn underskriften.",
            "Type the name, or draw the signature.",
        ),
        Group => ("Tilføj mindst én.", "Add at least one."),
        Comment | Text | Textarea | Heading | Info => ("Skriv et svar.", "Write an answer."),
    };
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}

fn day(date: Option<Date>, lang: Lang) -> String {
    match (date, lang) {
        (Some(d), _) => d.danish(),
        (None, Lang::Da) => "i dag".into(),
        (None, Lang::En) => "today".into(),
    }
}

impl Message {
    /// The message in `lang`.
    ///
    /// ```
    /// use lokalform_forms::schema::Lang;
    /// use lokalform_forms::validate::Message;
    /// assert_eq!(Message::TooLong(200).text(Lang::Da), "Teksten er for lang. Skriv højst 200 tegn.");
    /// assert_eq!(Message::PickAtMost(3).text(Lang::En), "Choose at most 3.");
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        let pick = |a: &str, b: &str| if da { a.to_string() } else { b.to_string() };
        match self {
            Message::Required(kind) => required(*kind, lang).to_string(),
            Message::Custom(t) => t.get(lang).to_string(),
            Message::TooLong(n) => {
                if da {
                    format!("Teksten er for lang. Skriv højst {n} tegn.")
                } else {
                    format!("The text is too long. Write at most {n} characters.")
                }
            }
            Message::NotANumber => pick(
                "Skriv kun tal, fx 12 eller 2,5.",
                "Enter digits only, e.g. 12 or 2.5.",
            ),
            Message::TooSmall(n) => {
                let n = if da { n.replace('.', ",") } else { n.clone() };
                if da {
                    format!("Skriv et tal, der er {n} eller mere.")
                } else {
                    format!("Enter a number that is {n} or more.")
                }
            }
            Message::TooLarge(n) => {
                let n = if da { n.replace('.', ",") } else { n.clone() };
                if da {
                    format!("Skriv et tal, der er {n} eller mindre.")
                } else {
                    format!("Enter a number that is {n} or less.")
                }
            }
            Message::OffStep(n) => {
                let n = if da { n.replace('.', ",") } else { n.clone() };
                if da {
                    format!("Skriv et tal i spring af {n}.")
                } else {
                    format!("Enter a number in steps of {n}.")
                }
            }
            Message::PickAtLeast(n) => {
                if da {
                    format!("Vælg mindst {n}.")
                } else {
                    format!("Choose at least {n}.")
                }
            }
            Message::PickAtMost(n) => {
                if da {
                    format!("Vælg højst {n}.")
                } else {
                    format!("Choose at most {n}.")
                }
            }
            Message::UnknownOption => pick("Vælg en af mulighederne.", "Choose one of the options."),
            Message::OutOfRange(max) => {
                if da {
                    format!("Vælg et tal fra 0 til {max}.")
                } else {
                    format!("Choose a number from 0 to {max}.")
                }
            }
            Message::DateFormat => pick(
                "Skriv datoen som dd.mm.åååå, fx 07.03.2026.",
                "Enter the date as dd.mm.yyyy, e.g. 07.03.2026.",
            ),
            Message::NoSuchDate => pick(
                "Datoen findes ikke. Tjek dag og måned.",
                "That date does not exist. Check the day and month.",
            ),
            Message::DateTooEarly(d) => {
                if da {
                    format!("Datoen skal være {} eller senere.", day(*d, lang))
                } else {
                    format!("The date must be {} or later.", day(*d, lang))
                }
            }
            Message::DateTooLate(d) => {
                if da {
                    format!("Datoen skal være {} eller tidligere.", day(*d, lang))
                } else {
                    format!("The date must be {} or earlier.", day(*d, lang))
                }
            }
            Message::CprFormat => pick(
                "Skriv CPR-nummeret med 10 cifre som DDMMÅÅ-XXXX.",
                "Enter the CPR number with 10 digits as DDMMYY-XXXX.",
            ),
            Message::CprNoSuchDate => pick(
                "De første 6 cifre skal være en fødselsdato (DDMMÅÅ). Tjek dag og måned.",
                "The first 6 digits must be a date of birth (DDMMYY). Check the day and month.",
            ),
            Message::CprModulus => pick(
                "Tjek CPR-nummeret. Det består ikke den gamle kontrolberegning, men det gør nogle gyldige numre heller ikke. Er det rigtigt, kan du gå videre.",
                "Check the CPR number. It fails the old check-digit test, but so do some valid numbers. If it is right, you can go on.",
            ),
            Message::EmailFormat => pick(
                "Skriv e-mailadressen som navn@eksempel.dk.",
                "Enter the e-mail address as name@example.com.",
            ),
            Message::PhoneFormat => pick(
                "Skriv telefonnummeret med 8 cifre, fx 12 34 56 78, eller med landekode, fx +46 8 123 456 78.",
                "Enter the phone number with 8 digits, e.g. 12 34 56 78, or with a country code, e.g. +46 8 123 456 78.",
            ),
            Message::ConsentOutdated => pick(
                "Samtykketeksten er ændret. Læs den, og sæt kryds igen.",
                "The consent text has changed. Read it and tick the box again.",
            ),
            Message::ItemsAtLeast(n) => {
                if da {
                    format!("Tilføj mindst {n}.")
                } else {
                    format!("Add at least {n}.")
                }
            }
            Message::ItemsAtMost(n) => {
                if da {
                    format!("Der kan højst være {n}. Fjern en.")
                } else {
                    format!("There can be at most {n}. Remove one.")
                }
            }
        }
    }
}
