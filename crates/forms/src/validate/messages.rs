//! What a person reads when an answer needs a change: specific, calm, in
//! Danish or English (DKFDS: say what to do, not what went wrong).
//! Every text is in the two tables below, Danish and English side by side.

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
    /// Not a multiple of the step (counted from the minimum): the step and
    /// the nearest allowed numbers, below and (when within the maximum)
    /// above, as the definition would write them (`.` as decimal point).
    OffStep {
        /// The step.
        step: String,
        /// The nearest allowed number below.
        below: String,
        /// The nearest allowed number above, unless that is over the maximum.
        above: Option<String>,
    },
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

/// Every text of the messages in one language. Both tables are full
/// struct literals, so a missing English text does not compile; texts
/// with a number or a date in them are functions.
struct Words {
    /// The decimal mark a number from the definition is shown with.
    decimal_mark: &'static str,
    /// A missing answer to a smiley, choice, Likert or 0–10 scale.
    choose_an_answer: &'static str,
    choose_at_least_one: &'static str,
    enter_a_number: &'static str,
    mark_the_line: &'static str,
    enter_a_date: &'static str,
    enter_the_cpr: &'static str,
    enter_an_email: &'static str,
    enter_a_phone: &'static str,
    tick_to_consent: &'static str,
    sign: &'static str,
    add_at_least_one: &'static str,
    write_an_answer: &'static str,
    too_long: fn(usize) -> String,
    not_a_number: &'static str,
    too_small: fn(&str) -> String,
    too_large: fn(&str) -> String,
    off_step: fn(&str, &str, Option<&str>) -> String,
    pick_at_least: fn(usize) -> String,
    pick_at_most: fn(usize) -> String,
    unknown_option: &'static str,
    out_of_range: fn(u32) -> String,
    date_format: &'static str,
    no_such_date: &'static str,
    /// A date limit that is the day the form is filled in.
    today: &'static str,
    date_too_early: fn(&str) -> String,
    date_too_late: fn(&str) -> String,
    cpr_format: &'static str,
    cpr_no_such_date: &'static str,
    cpr_modulus: &'static str,
    email_format: &'static str,
    phone_format: &'static str,
    consent_outdated: &'static str,
    items_at_least: fn(usize) -> String,
    items_at_most: fn(usize) -> String,
}

const DA: Words = Words {
    decimal_mark: ",",
    choose_an_answer: "Vælg et svar.",
    choose_at_least_one: "Vælg mindst én mulighed.",
    enter_a_number: "Skriv et tal.",
    mark_the_line: "Sæt en markering på linjen.",
    enter_a_date: "Skriv en dato som dd.mm.åååå, fx 01.09.2026.",
    enter_the_cpr: "Skriv CPR-nummeret som DDMMÅÅ-XXXX.",
    enter_an_email: "Skriv en e-mailadresse, fx navn@eksempel.dk.",
    enter_a_phone: "Skriv et telefonnummer.",
    tick_to_consent: "Sæt kryds for at give samtykke.",
    sign: "Skriv navnet, eller tegn underskriften.",
    add_at_least_one: "Tilføj mindst én.",
    write_an_answer: "Skriv et svar.",
    too_long: |n| format!("Teksten er for lang. Skriv højst {n} tegn."),
    not_a_number: "Skriv kun tal, fx 12 eller 2,5.",
    too_small: |n| format!("Skriv et tal, der er {n} eller mere."),
    too_large: |n| format!("Skriv et tal, der er {n} eller mindre."),
    off_step: |n, below, above| match above {
        Some(above) => format!("Skriv et tal i spring på {n}, fx {below} eller {above}."),
        None => format!("Skriv et tal i spring på {n}, fx {below}."),
    },
    pick_at_least: |n| format!("Vælg mindst {n} svar."),
    pick_at_most: |n| format!("Vælg højst {n}."),
    unknown_option: "Vælg en af mulighederne.",
    out_of_range: |max| format!("Vælg et tal fra 0 til {max}."),
    date_format: "Skriv datoen som dd.mm.åååå, fx 01.09.2026.",
    no_such_date: "Datoen findes ikke. Tjek dag og måned.",
    today: "i dag",
    date_too_early: |day| format!("Datoen skal være {day} eller senere."),
    date_too_late: |day| format!("Datoen skal være {day} eller tidligere."),
    cpr_format: "Skriv CPR-nummeret med 10 cifre som DDMMÅÅ-XXXX.",
    cpr_no_such_date: "De første 6 cifre skal være en fødselsdato (DDMMÅÅ). Tjek dag og måned.",
    cpr_modulus: "Tjek CPR-nummeret. Det består ikke den gamle kontrolberegning, men det gør nogle gyldige numre heller ikke. Er det rigtigt, kan du gå videre.",
    email_format: "Skriv e-mailadressen som navn@eksempel.dk.",
    phone_format: "Skriv telefonnummeret med 8 cifre, fx 12 34 56 78, eller med landekode, fx +46 8 123 456 78.",
    consent_outdated: "Samtykketeksten er ændret. Læs den, og sæt kryds igen.",
    items_at_least: |n| format!("Tilføj mindst {n}."),
    items_at_most: |n| format!("Der kan højst være {n}. Fjern én."),
};

const EN: Words = Words {
    decimal_mark: ".",
    choose_an_answer: "Choose an answer.",
    choose_at_least_one: "Choose at least one option.",
    enter_a_number: "Enter a number.",
    mark_the_line: "Mark a point on the line.",
    enter_a_date: "Enter a date as dd.mm.yyyy, e.g. 01.09.2026.",
    enter_the_cpr: "Enter the CPR number as DDMMYY-XXXX.",
    enter_an_email: "Enter an e-mail address, e.g. name@example.com.",
    enter_a_phone: "Enter a phone number.",
    tick_to_consent: "Tick the box to give your consent.",
    sign: "Type the name, or draw the signature.",
    add_at_least_one: "Add at least one.",
    write_an_answer: "Write an answer.",
    too_long: |n| format!("The text is too long. Write at most {n} characters."),
    not_a_number: "Enter digits only, e.g. 12 or 2.5.",
    too_small: |n| format!("Enter a number that is {n} or more."),
    too_large: |n| format!("Enter a number that is {n} or less."),
    off_step: |n, below, above| match above {
        Some(above) => format!("Enter a number in steps of {n}, e.g. {below} or {above}."),
        None => format!("Enter a number in steps of {n}, e.g. {below}."),
    },
    pick_at_least: |n| format!("Choose at least {n} answers."),
    pick_at_most: |n| format!("Choose at most {n}."),
    unknown_option: "Choose one of the options.",
    out_of_range: |max| format!("Choose a number from 0 to {max}."),
    date_format: "Enter the date as dd.mm.yyyy, e.g. 01.09.2026.",
    no_such_date: "That date does not exist. Check the day and month.",
    today: "today",
    date_too_early: |day| format!("The date must be {day} or later."),
    date_too_late: |day| format!("The date must be {day} or earlier."),
    cpr_format: "Enter the CPR number with 10 digits as DDMMYY-XXXX.",
    cpr_no_such_date: "The first 6 digits must be a date of birth (DDMMYY). Check the day and month.",
    cpr_modulus: "Check the CPR number. It fails the old check-digit test, but so do some valid numbers. If it is right, you can go on.",
    email_format: "Enter the e-mail address as name@example.com.",
    phone_format: "Enter the phone number with 8 digits, e.g. 12 34 56 78, or with a country code, e.g. +46 8 123 456 78.",
    consent_outdated: "The consent text has changed. Read it and tick the box again.",
    items_at_least: |n| format!("Add at least {n}."),
    items_at_most: |n| format!("There can be at most {n}. Remove one."),
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

fn required(kind: FieldKind, words: &Words) -> &'static str {
    use FieldKind::*;
    match kind {
        Smiley | Choice | Likert | Scale => words.choose_an_answer,
        MultiChoice => words.choose_at_least_one,
        Number => words.enter_a_number,
        Vas => words.mark_the_line,
        Date => words.enter_a_date,
        Cpr => words.enter_the_cpr,
        Email => words.enter_an_email,
        Phone => words.enter_a_phone,
        Consent => words.tick_to_consent,
        Signature => words.sign,
        Group => words.add_at_least_one,
        Comment | Text | Textarea | Heading | Info => words.write_an_answer,
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
        let words = words(lang);
        let number = |n: &String| n.replace('.', words.decimal_mark);
        let day = |d: &Option<Date>| d.map_or_else(|| words.today.to_string(), |d| d.danish());
        match self {
            Message::Required(kind) => required(*kind, words).to_string(),
            Message::Custom(t) => t.get(lang).to_string(),
            Message::TooLong(n) => (words.too_long)(*n),
            Message::NotANumber => words.not_a_number.to_string(),
            Message::TooSmall(n) => (words.too_small)(&number(n)),
            Message::TooLarge(n) => (words.too_large)(&number(n)),
            Message::OffStep { step, below, above } => (words.off_step)(
                &number(step),
                &number(below),
                above.as_ref().map(number).as_deref(),
            ),
            Message::PickAtLeast(n) => (words.pick_at_least)(*n),
            Message::PickAtMost(n) => (words.pick_at_most)(*n),
            Message::UnknownOption => words.unknown_option.to_string(),
            Message::OutOfRange(max) => (words.out_of_range)(*max),
            Message::DateFormat => words.date_format.to_string(),
            Message::NoSuchDate => words.no_such_date.to_string(),
            Message::DateTooEarly(d) => (words.date_too_early)(&day(d)),
            Message::DateTooLate(d) => (words.date_too_late)(&day(d)),
            Message::CprFormat => words.cpr_format.to_string(),
            Message::CprNoSuchDate => words.cpr_no_such_date.to_string(),
            Message::CprModulus => words.cpr_modulus.to_string(),
            Message::EmailFormat => words.email_format.to_string(),
            Message::PhoneFormat => words.phone_format.to_string(),
            Message::ConsentOutdated => words.consent_outdated.to_string(),
            Message::ItemsAtLeast(n) => (words.items_at_least)(*n),
            Message::ItemsAtMost(n) => (words.items_at_most)(*n),
        }
    }
}
