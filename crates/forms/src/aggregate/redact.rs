//! On-device redaction of free text.
//!
//! Free text is the hardest data to anonymise. Before a comment leaves the
//! device, this removes what can be recognised mechanically: CPR numbers,
//! phone numbers, e-mail addresses and any run of six or more digits
//! (account numbers, case numbers, dates of birth). Digits separated by a
//! single space, `-`, `.` or `/` count as one run, so `12 34 56 78` and
//! `010190-1234` are caught. Names cannot be recognised; the widget asks the
//! citizen not to write them and shows the redacted text before sending.

use crate::schema::Lang;

/// What a run of digits was taken to be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Cpr,
    Phone,
    Email,
    Number,
}

/// What stands where something was removed, in one language. Both tables
/// are full struct literals, so a missing English text does not compile.
struct Placeholders {
    cpr: &'static str,
    phone: &'static str,
    email: &'static str,
    number: &'static str,
}

const DA: Placeholders = Placeholders {
    cpr: "[CPR-nummer fjernet]",
    phone: "[telefonnummer fjernet]",
    email: "[e-mail fjernet]",
    number: "[tal fjernet]",
};

const EN: Placeholders = Placeholders {
    cpr: "[CPR number removed]",
    phone: "[phone number removed]",
    email: "[e-mail removed]",
    number: "[number removed]",
};

fn placeholder(kind: Kind, lang: Lang) -> &'static str {
    let words = match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    };
    match kind {
        Kind::Cpr => words.cpr,
        Kind::Phone => words.phone,
        Kind::Email => words.email,
        Kind::Number => words.number,
    }
}

/// Removes CPR numbers, phone numbers, e-mail addresses and digit runs of
/// six or more from `text`, replacing each by a label in `lang`.
///
/// ```
/// use lokalform_forms::aggregate::redact;
/// use lokalform_forms::schema::Lang;
/// assert_eq!(
///     redact("Ring på 12 34 56 78 eller skriv til ole@eksempel.dk", Lang::Da),
///     "Ring på [telefonnummer fjernet] eller skriv til [e-mail fjernet]"
/// );
/// assert_eq!(redact("Mit CPR er 010190-1234.", Lang::Da), "Mit CPR er [CPR-nummer fjernet].");
/// assert_eq!(redact("Mødet varede 45 minutter", Lang::Da), "Mødet varede 45 minutter");
/// ```
pub fn redact(text: &str, lang: Lang) -> String {
    let without_email = redact_emails(text, lang);
    redact_digit_runs(&without_email, lang)
}

/// Whether `sent`, a comment as [`redact`] left it in Danish (as every
/// comment is sent), holds a removal label: then, and only then, the
/// receipt says that something was removed. A citizen's own `[` is no
/// label.
///
/// ```
/// use lokalform_forms::aggregate::{redact, was_redacted};
/// use lokalform_forms::schema::Lang;
/// assert!(was_redacted(&redact("Ring på 12345678", Lang::Da)));
/// assert!(!was_redacted(&redact("Mødet [kl. 10] var fint", Lang::Da)));
/// ```
pub fn was_redacted(sent: &str) -> bool {
    [DA.cpr, DA.phone, DA.email, DA.number]
        .iter()
        .any(|label| sent.contains(label))
}

/// Replaces every e-mail address: around each `@`, the longest run of
/// address characters to the left and of domain characters to the right
/// (so addresses joined by `,` `;` `/` or brackets are each found).
fn redact_emails(text: &str, lang: Lang) -> String {
    let chars: Vec<char> = text.chars().collect();
    let is_local = |c: char| c.is_alphanumeric() || "._%+-'".contains(c);
    let is_domain = |c: char| c.is_alphanumeric() || c == '.' || c == '-';
    let mut out = String::with_capacity(text.len());
    let mut done = 0; // chars[..done] are already in `out`
    let mut at = 0;
    while at < chars.len() {
        if chars[at] != '@' {
            at += 1;
            continue;
        }
        let mut start = at;
        while start > done && is_local(chars[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < chars.len() && is_domain(chars[end]) {
            end += 1;
        }
        // A sentence's full stop after the address is not part of it...
        let whole = end;
        while end > at + 1 && matches!(chars[end - 1], '.' | '-') {
            end -= 1;
        }
        // ...unless without it nothing address-like is left ("a@b.-"):
        // then redact too much rather than too little.
        let looks_like = |to: usize| {
            let domain = &chars[at + 1..to];
            domain.first().is_some_and(|c| *c != '.')
                && domain
                    .windows(2)
                    .any(|w| w[0] == '.' && (w[1].is_alphanumeric() || w[1] == '-'))
        };
        if !looks_like(end) && looks_like(whole) {
            end = whole;
        }
        let is_address = start < at && looks_like(end);
        if is_address {
            out.extend(&chars[done..start]);
            out.push_str(placeholder(Kind::Email, lang));
            done = end;
            at = end;
        } else {
            at += 1;
        }
    }
    out.extend(&chars[done..]);
    out
}

/// Replaces runs of digits (with single separators between them).
fn redact_digit_runs(text: &str, lang: Lang) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let plus = chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !(chars[i].is_ascii_digit() || plus) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // Scan a run: digits, with one separator allowed between digits.
        let start = i;
        if plus {
            i += 1;
        }
        let mut digits = String::new();
        let mut end = i;
        while i < chars.len() {
            if chars[i].is_ascii_digit() {
                digits.push(chars[i]);
                i += 1;
                end = i;
            } else if is_separator(chars[i]) && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                i += 1;
            } else {
                break;
            }
        }
        let run: String = chars[start..end].iter().collect();
        match classify(&run, &digits, plus) {
            Some(kind) => out.push_str(placeholder(kind, lang)),
            None => out.push_str(&run),
        }
        i = end;
    }
    out
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '/' | '\u{a0}')
}

fn classify(run: &str, digits: &str, plus: bool) -> Option<Kind> {
    let n = digits.len();
    if plus || digits.starts_with("00") && n >= 10 {
        return (n >= 6).then_some(Kind::Phone);
    }
    if n == 10 && is_cpr_date(digits.get(..6).unwrap_or("")) && !run.contains(['.', '/']) {
        return Some(Kind::Cpr);
    }
    if n == 8 && !run.contains(['.', '/']) {
        return Some(Kind::Phone);
    }
    (n >= 6).then_some(Kind::Number)
}

/// DDMMYY with a possible day and month (the year is any two digits).
fn is_cpr_date(ddmmyy: &str) -> bool {
    let num = |r: std::ops::Range<usize>| {
        ddmmyy
            .get(r)
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let (day, month) = (num(0..2), num(2..4));
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn da(s: &str) -> String {
        redact(s, Lang::Da)
    }

    #[test]
    fn cpr_with_and_without_dash() {
        assert_eq!(da("0101901234"), "[CPR-nummer fjernet]");
        assert_eq!(da("cpr 010190-1234!"), "cpr [CPR-nummer fjernet]!");
        assert_eq!(da("010190 1234"), "[CPR-nummer fjernet]");
    }

    #[test]
    fn phone_numbers_in_danish_formats() {
        assert_eq!(da("12345678"), "[telefonnummer fjernet]");
        assert_eq!(da("tlf. 12 34 56 78."), "tlf. [telefonnummer fjernet].");
        assert_eq!(da("+45 12 34 56 78"), "[telefonnummer fjernet]");
        assert_eq!(da("004512345678"), "[telefonnummer fjernet]");
    }

    #[test]
    fn emails_keep_surrounding_punctuation() {
        assert_eq!(da("(ole.hansen@kommune.dk),"), "([e-mail fjernet]),");
        assert_eq!(da("a@b"), "a@b");
        assert_eq!(
            da("linje1\nmail@x.dk\nlinje3"),
            "linje1\n[e-mail fjernet]\nlinje3"
        );
    }

    #[test]
    fn long_digit_runs_and_dates_go_short_numbers_stay() {
        assert_eq!(da("sag 2024-123456"), "sag [tal fjernet]");
        assert_eq!(da("født 12.03.1985"), "født [tal fjernet]");
        assert_eq!(
            da("kl. 10.30 i 2 timer, år 2024"),
            "kl. 10.30 i 2 timer, år 2024"
        );
        assert_eq!(da("12345"), "12345");
        assert_eq!(da("123456"), "[tal fjernet]");
    }

    #[test]
    fn english_labels() {
        assert_eq!(redact("12345678", Lang::En), "[phone number removed]");
    }

    #[test]
    fn no_digit_survives_in_runs_of_six() {
        assert_eq!(da("a1b2c3 x 1-2-3-4-5-6 x"), "a1b2c3 x [tal fjernet] x");
        // A single space joins runs: "3 1-2-3-4-5-6" is seven digits.
        assert_eq!(da("c3 1-2-3-4-5-6"), "c[tal fjernet]");
    }
}
