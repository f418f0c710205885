//! On-device redaction of free text: CPR numbers, phone numbers, e-mail
//! addresses and long digit runs must never leave the device; ordinary text
//! and short numbers must survive untouched.

use lokalform_forms::aggregate::redact;
use lokalform_forms::schema::Lang;
use proptest::prelude::*;

const CPR_DA: &str = "[CPR-nummer fjernet]";
const CPR_EN: &str = "[CPR number removed]";
const PHONE_DA: &str = "[telefonnummer fjernet]";
const EMAIL_DA: &str = "[e-mail fjernet]";
const NUMBER_DA: &str = "[tal fjernet]";

fn da(s: &str) -> String {
    redact(s, Lang::Da)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Oracles, written independently of the redactor.

fn is_digit_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '/' | '\u{a0}')
}

/// The longest run of ASCII digits in `s`, where a single space, dash, dot,
/// slash or no-break space between two digits does not end the run.
fn longest_digit_run(s: &str) -> usize {
    let chars: Vec<char> = s.chars().collect();
    let mut best = 0;
    let mut run = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            run += 1;
            best = best.max(run);
        } else if run > 0
            && is_digit_separator(c)
            && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
        {
            // the run goes on
        } else {
            run = 0;
        }
        i += 1;
    }
    best
}

fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn is_domain_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// A substring that looks like an e-mail address: `x@y.z`, i.e. a local
/// character, `@`, one or more domain characters, a dot and one more domain
/// character.
fn email_like(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    for (at, &c) in chars.iter().enumerate() {
        if c != '@' || at == 0 || !is_local_char(chars[at - 1]) {
            continue;
        }
        let mut j = at + 1;
        let mut labels = 0;
        loop {
            let start = j;
            while j < chars.len() && is_domain_char(chars[j]) {
                j += 1;
            }
            if j == start {
                break;
            }
            labels += 1;
            if labels >= 2 {
                let mut from = at;
                while from > 0 && is_local_char(chars[from - 1]) {
                    from -= 1;
                }
                return Some(chars[from..j].iter().collect());
            }
            if j < chars.len() && chars[j] == '.' {
                j += 1;
            } else {
                break;
            }
        }
    }
    None
}

#[test]
fn oracles_recognise_what_they_should() {
    assert_eq!(longest_digit_run("12 34 56"), 6);
    assert_eq!(longest_digit_run("12  34 56"), 4);
    assert_eq!(longest_digit_run("1-2.3/4 5\u{a0}6"), 6);
    assert_eq!(longest_digit_run("kl. 10.30"), 4);
    assert_eq!(email_like("skriv til ole@x.dk!"), Some("ole@x.dk".into()));
    assert_eq!(email_like("a@b.c"), Some("a@b.c".into()));
    assert_eq!(email_like("a@b"), None);
    assert_eq!(email_like("a@b."), None);
    assert_eq!(email_like("@b.dk"), None);
    assert_eq!(email_like(EMAIL_DA), None);
}

// ---------------------------------------------------------------------------
// Generators.

/// A Danish-looking word, with æ, ø and å.
fn word() -> impl Strategy<Value = String> {
    "[a-zæøåA-ZÆØÅ]{1,10}"
}

/// Danish text without digits or '@', words joined by spaces, with some
/// punctuation.
fn danish_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            word(),
            prop::sample::select(vec!["", ",", ".", "!", "?", ":"]),
        ),
        0..8,
    )
    .prop_map(|words| {
        words
            .into_iter()
            .map(|(w, p)| format!("{w}{p}"))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn days_in_month(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A CPR number with a real date (DDMMYY), any serial (so mod-11 fails as
/// often as it holds), written without separator, with a dash or a space.
fn cpr() -> impl Strategy<Value = String> {
    (1u32..=12)
        .prop_flat_map(|m| (1..=days_in_month(m), Just(m)))
        .prop_flat_map(|(d, m)| {
            (
                Just(d),
                Just(m),
                0u32..=99,
                0u32..=9999,
                prop::sample::select(vec!["", "-", " "]),
            )
        })
        .prop_map(|(d, m, y, s, sep)| format!("{d:02}{m:02}{y:02}{sep}{s:04}"))
}

/// A Danish phone number: eight digits, plain, in 2-2-2-2 or 4-4 groups,
/// with or without +45 / 0045.
fn phone() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(0u8..=9, 8),
        prop::sample::select(vec!["plain", "pairs", "dashes", "quads"]),
        prop::sample::select(vec!["", "+45 ", "+45", "0045 ", "0045"]),
    )
        .prop_map(|(d, style, prefix)| {
            let d: Vec<String> = d.iter().map(u8::to_string).collect();
            let body = match style {
                "plain" => d.concat(),
                "pairs" => d
                    .chunks(2)
                    .map(|c| c.concat())
                    .collect::<Vec<_>>()
                    .join(" "),
                "dashes" => d
                    .chunks(2)
                    .map(|c| c.concat())
                    .collect::<Vec<_>>()
                    .join("-"),
                _ => d
                    .chunks(4)
                    .map(|c| c.concat())
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            format!("{prefix}{body}")
        })
}

/// Where a sensitive token sits in the text: what comes before and after it.
fn before_after() -> impl Strategy<Value = (&'static str, &'static str)> {
    (
        prop::sample::select(vec![" ", " (", " cpr: ", " nr. ", "\n", " tlf.: ", " «"]),
        prop::sample::select(vec![" ", ".", ")", ",", "!", "\n", "»", " og "]),
    )
}

fn email() -> impl Strategy<Value = String> {
    (
        "[a-zA-Z0-9æøå][a-zA-Z0-9æøå._%+-]{0,12}",
        "[a-z0-9æøå][a-z0-9æøå-]{0,10}",
        prop::collection::vec("[a-z]{2,6}", 1..3),
    )
        .prop_map(|(local, host, tlds)| format!("{local}@{host}.{}", tlds.join(".")))
}

// ---------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_run_of_six_digits_survives_even_with_single_separators(
        pieces in prop::collection::vec(
            prop_oneof![
                4 => "[0-9]{1,4}",
                3 => "[ ./\u{a0}-]",
                1 => "[a-zæ+@]{1,3}",
                1 => "[ ./-]{2}",
            ],
            0..12,
        )
    ) {
        let s = pieces.concat();
        let out = da(&s);
        prop_assert!(longest_digit_run(&out) < 6, "{:?} -> {:?}", s, out);
    }

    #[test]
    fn no_run_of_six_digits_survives_in_random_characters(
        s in "[0-9 ./+@a-zæ\u{a0}-]{0,40}"
    ) {
        let out = da(&s);
        prop_assert!(longest_digit_run(&out) < 6, "{:?} -> {:?}", s, out);
    }

    #[test]
    fn no_run_of_six_digits_survives_in_arbitrary_text(s in any::<String>()) {
        let out = da(&s);
        prop_assert!(longest_digit_run(&out) < 6, "{:?} -> {:?}", s, out);
        let out = redact(&s, Lang::En);
        prop_assert!(longest_digit_run(&out) < 6, "{:?} -> {:?}", s, out);
    }

    #[test]
    fn text_without_digits_or_at_sign_is_unchanged(s in any::<String>()) {
        prop_assume!(!s.contains('@') && !s.chars().any(|c| c.is_ascii_digit()));
        prop_assert_eq!(da(&s), s.clone());
        prop_assert_eq!(redact(&s, Lang::En), s);
    }

    #[test]
    fn danish_text_without_digits_or_at_sign_is_unchanged(
        s in "[a-zæøåA-ZÆØÅ .,!?:;()\"'«»\n\t\u{a0}+/-]{0,80}"
    ) {
        prop_assert_eq!(da(&s), s);
    }

    #[test]
    fn cpr_numbers_in_danish_text_are_always_removed(
        head in danish_text(),
        number in cpr(),
        (before, after) in before_after(),
        tail in danish_text(),
    ) {
        let text = format!("{head}{before}{number}{after}{tail}");
        let out = da(&text);
        prop_assert_eq!(&out, &format!("{head}{before}{CPR_DA}{after}{tail}"), "input {:?}", text);
        prop_assert!(!out.chars().any(|c| c.is_ascii_digit()));
        let out = redact(&text, Lang::En);
        prop_assert_eq!(out, format!("{head}{before}{CPR_EN}{after}{tail}"));
    }

    #[test]
    fn danish_phone_numbers_in_text_are_always_removed(
        head in danish_text(),
        number in phone(),
        (before, after) in before_after(),
        tail in danish_text(),
    ) {
        let text = format!("{head}{before}{number}{after}{tail}");
        let out = da(&text);
        prop_assert_eq!(&out, &format!("{head}{before}{PHONE_DA}{after}{tail}"), "input {:?}", text);
    }

    #[test]
    fn emails_between_words_or_in_punctuation_are_removed(
        parts in prop::collection::vec(
            (
                prop_oneof![word(), email().prop_map(|e| format!("\u{1}{e}"))],
                prop::sample::select(vec!["", "(", "<", "\"", "'", "mailto:"]),
                prop::sample::select(vec!["", ")", ">", ".", ",", "!", "?", "\"", ":", ";", ")."]),
                prop::sample::select(vec![" ", "\n", "\t", "  ", "\u{a0}", " \n"]),
            ),
            1..8,
        )
    ) {
        let mut text = String::new();
        let mut emails = 0;
        for (piece, open, close, space) in &parts {
            let piece = match piece.strip_prefix('\u{1}') {
                Some(e) => {
                    emails += 1;
                    format!("{open}{e}{close}")
                }
                None => piece.clone(),
            };
            text.push_str(&piece);
            text.push_str(space);
        }
        let out = da(&text);
        prop_assert_eq!(email_like(&out), None, "{:?} -> {:?}", text, out);
        prop_assert_eq!(out.matches(EMAIL_DA).count(), emails, "{:?} -> {:?}", text, out);
    }

    /// Any text over an alphabet dense in '@' and '.', so that address-like
    /// strings turn up next to every kind of punctuation.
    #[test]
    fn no_email_like_substring_survives_in_random_characters(
        s in "[a-cæ0-9@.,;:/()<>!?&|=*#~^' \n_%+-]{0,30}"
    ) {
        let out = da(&s);
        prop_assert_eq!(email_like(&out), None, "{:?} -> {:?}", s, out);
    }

    /// Addresses, words, digits and single punctuation characters glued
    /// together in any order, with or without spaces.
    #[test]
    fn no_email_like_substring_survives_in_any_text(
        pieces in prop::collection::vec(
            prop_oneof![
                3 => email(),
                2 => word(),
                1 => "[0-9]{1,3}",
                3 => "[ ,;:/()<>!?&|=*#'\"\n._%+@-]",
            ],
            1..8,
        )
    ) {
        let s = pieces.concat();
        let out = da(&s);
        prop_assert_eq!(email_like(&out), None, "{:?} -> {:?}", s, out);
    }

    #[test]
    fn short_numbers_between_words_are_kept(
        parts in prop::collection::vec(
            (
                word(),
                prop_oneof![
                    "[0-9]{1,5}",
                    "[0-9]{1,2}[.:][0-9]{2}",
                    "[0-9]{1,2}/[0-9]{1,2}",
                    "[0-9]{1,2}-[0-9]{1,2}",
                ],
            ),
            1..6,
        )
    ) {
        let text = parts
            .iter()
            .map(|(w, n)| format!("{w} {n}"))
            .collect::<Vec<_>>()
            .join(" ");
        prop_assert_eq!(da(&text), text);
    }

    #[test]
    fn redaction_is_idempotent(s in "[0-9 ./+@a-zæ\u{a0}-]{0,40}") {
        let once = da(&s);
        prop_assert_eq!(da(&once), once.clone());
    }
}

// ---------------------------------------------------------------------------
// Examples.

#[test]
fn cpr_numbers_in_the_three_common_spellings_are_removed() {
    assert_eq!(
        da("Mit cpr er 010190-1234."),
        format!("Mit cpr er {CPR_DA}.")
    );
    assert_eq!(da("cpr 0101901234"), format!("cpr {CPR_DA}"));
    assert_eq!(da("cpr 010190 1234"), format!("cpr {CPR_DA}"));
    // A number failing modulus 11 (valid since 2007) is still a CPR number.
    assert_eq!(da("311299-9999 er mit nr"), format!("{CPR_DA} er mit nr"));
    assert_eq!(
        da("Søren Ærø, født 290260-0000, bor i Åbyhøj"),
        format!("Søren Ærø, født {CPR_DA}, bor i Åbyhøj")
    );
}

#[test]
fn cpr_number_with_dotted_date_is_still_removed() {
    let out = da("født 01.01.90-1234");
    assert!(!out.chars().any(|c| c.is_ascii_digit()), "{out}");
}

#[test]
fn danish_phone_formats_are_removed() {
    for phone in [
        "12345678",
        "12 34 56 78",
        "1234 5678",
        "12-34-56-78",
        "+45 12 34 56 78",
        "+4512345678",
        "+45 1234 5678",
        "0045 12 34 56 78",
        "004512345678",
    ] {
        assert_eq!(
            da(&format!("ring på {phone} i dag")),
            format!("ring på {PHONE_DA} i dag"),
            "{phone}"
        );
    }
    assert_eq!(
        redact("call 12 34 56 78", Lang::En),
        "call [phone number removed]"
    );
}

#[test]
fn phone_number_with_prefix_in_parentheses_is_removed() {
    let out = da("tlf. (+45) 12 34 56 78");
    assert!(!out.contains("12 34"), "{out}");
    assert!(out.contains(PHONE_DA), "{out}");
}

#[test]
fn short_numbers_are_kept() {
    for text in [
        "kl. 10",
        "2 gange",
        "år 2024",
        "kl. 10.30 i 2 timer",
        "mødet d. 12/3 varede 45 min",
        "§85 støtte og 3-4 besøg",
        "12345",
        "+45",
        "i 2024 og 2025",
    ] {
        assert_eq!(da(text), text);
    }
}

#[test]
fn long_digit_runs_become_number_labels() {
    assert_eq!(da("sagsnr. 123456"), format!("sagsnr. {NUMBER_DA}"));
    assert_eq!(da("konto 1234-567890"), format!("konto {NUMBER_DA}"));
    assert_eq!(da("født 12.03.1985"), format!("født {NUMBER_DA}"));
    assert_eq!(da("1 2 3 4 5 6"), NUMBER_DA);
    assert_eq!(redact("123456", Lang::En), "[number removed]");
}

#[test]
fn single_email_addresses_are_removed_keeping_punctuation() {
    assert_eq!(
        da("skriv til ole@kommune.dk."),
        format!("skriv til {EMAIL_DA}.")
    );
    assert_eq!(da("(søren.ærø@kommune.dk)"), format!("({EMAIL_DA})"));
    assert_eq!(da("<ole+x@a.b.dk>,"), format!("<{EMAIL_DA}>,"));
    assert_eq!(
        da("mail:\nole@x.dk\tslut"),
        format!("mail:\n{EMAIL_DA}\tslut")
    );
    assert_eq!(redact("ole@x.dk", Lang::En), "[e-mail removed]");
}

/// Two addresses written as a list without a space between them. Found by
/// `no_email_like_substring_survives_in_any_text`; kept as a named case.
/// Regression: a whitespace-delimited token holding two '@' was never
/// treated as an address, so both addresses were sent verbatim.
#[test]
fn email_addresses_joined_by_punctuation_are_removed() {
    let mut leaks = Vec::new();
    for text in [
        "skriv til ole@kommune.dk,per@kommune.dk",
        "ole@kommune.dk;per@kommune.dk",
        "ole@kommune.dk/per@kommune.dk",
        "ole@kommune.dk(arbejde)",
    ] {
        let out = da(text);
        if let Some(email) = email_like(&out) {
            leaks.push(format!("{text:?} -> {out:?} (leaks {email:?})"));
        }
    }
    assert!(
        leaks.is_empty(),
        "e-mail addresses leak:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn at_signs_that_are_not_addresses_are_kept() {
    assert_eq!(da("mød mig @ caféen"), "mød mig @ caféen");
    assert_eq!(da("a@b"), "a@b");
    assert_eq!(da("@kommune"), "@kommune");
}

/// Regression: `a@a.-` kept its address: trimming the trailing `-` and `.`
/// left a domain without a dot, so nothing was redacted. Every string of up
/// to five characters from the address alphabet is now checked.
#[test]
fn every_short_address_shaped_string_is_redacted() {
    assert_eq!(da("a@a.-"), "[e-mail fjernet]");
    let alphabet: Vec<char> = "ab0@.-_'".chars().collect();
    let n = alphabet.len();
    for len in 1..=5u32 {
        for mut k in 0..n.pow(len) {
            let mut s = String::new();
            for _ in 0..len {
                s.push(alphabet[k % n]);
                k /= n;
            }
            let out = da(&s);
            assert_eq!(email_like(&out), None, "{s:?} -> {out:?}");
        }
    }
}
