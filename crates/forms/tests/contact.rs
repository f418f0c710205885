//! E-mail addresses and phone numbers, checked without a regex engine.

use lokalform_forms::contact::{is_email, normalize_phone};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// E-mail.

#[test]
fn accepted_emails() {
    let long_local = format!("{}@aarhus.dk", "a".repeat(64));
    let limit = format!(
        "{}@{}.{}.{}.dk",
        "a".repeat(61),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(61)
    );
    assert_eq!(limit.len(), 254);
    for s in [
        "ole@aarhus.dk",
        "ole.hansen@aarhus.dk",
        "ole+test@aarhus.dk",
        "o@a.dk",
        "OLE@AARHUS.DK",
        "søren.ørsted@kommune.dk",
        "åse@æblehave.dk",
        "info@bøger.dk",
        "ole_h-2@sub.domain.aarhus.dk",
        "1234@1a.dk",
        "a-b@a-b.dk",
        "!#$%&'*+/=?^_`{|}~-@x.dk",
        "x@123.com",
        "user@xn--bger-toa.dk",
        "müller@beispiel.de",
        long_local.as_str(),
        limit.as_str(),
    ] {
        assert!(is_email(s), "{s:?}");
    }
}

#[test]
fn rejected_emails() {
    let too_long = format!(
        "{}@{}.{}.{}.dk",
        "a".repeat(62),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(61)
    );
    assert_eq!(too_long.len(), 255);
    let long_label = format!("a@{}.dk", "b".repeat(64));
    for s in [
        "",
        "@",
        "ole",
        "ole@",
        "@aarhus.dk",
        "ole@aarhus",
        "ole@localhost",
        "ole@@aarhus.dk",
        "ole@hansen@aarhus.dk",
        ".ole@aarhus.dk",
        "ole.@aarhus.dk",
        "ole..hansen@aarhus.dk",
        "ole@.aarhus.dk",
        "ole@aarhus..dk",
        "ole@aarhus.dk.",
        "ole@-aarhus.dk",
        "ole@aarhus-.dk",
        "ole@aarhus.-dk",
        "ole@aarhus.d",
        "ole@aarhus.d1",
        "ole@aarhus.12",
        "ole@aar_hus.dk",
        "ole@aarhus.dk:25",
        "ole@[127.0.0.1]",
        "ole hansen@aarhus.dk",
        " ole@aarhus.dk",
        "ole@aarhus.dk ",
        "ole@aarhus.dk\n",
        "ole\t@aarhus.dk",
        "ole\u{a0}@aarhus.dk",
        "\"ole\"@aarhus.dk",
        "ole(x)@aarhus.dk",
        "ole,h@aarhus.dk",
        "ole;h@aarhus.dk",
        "ole<h>@aarhus.dk",
        "ole\\h@aarhus.dk",
        "Ole <ole@aarhus.dk>",
        "mailto:ole@aarhus.dk",
        "ole@aarhus.dk,",
        "ole@aarhus.d-k",
        "٠١٢@aarhus.dk", // Arabic-Indic digits are not letters
        "ole@٠١٢.dk",
        "ole@aarhus.١٢",
        "ole😀@aarhus.dk",
        too_long.as_str(),
        long_label.as_str(),
    ] {
        assert!(!is_email(s), "{s:?}");
    }
}

#[test]
fn very_long_email_does_not_panic() {
    assert!(!is_email(&"a".repeat(100_000)));
    assert!(!is_email(&format!("{}@aarhus.dk", "a".repeat(100_000))));
    assert!(!is_email(&"@.".repeat(100_000)));
    assert!(!is_email(&"æ".repeat(100_000)));
}

// ---------------------------------------------------------------------------
// Phone numbers.

#[test]
fn accepted_phones() {
    for (input, out) in [
        ("12345678", "+4512345678"),
        ("12 34 56 78", "+4512345678"),
        ("1234 5678", "+4512345678"),
        ("12-34-56-78", "+4512345678"),
        ("12.34.56.78", "+4512345678"),
        ("1 2 3 4 5 6 7 8", "+4512345678"),
        ("+4512345678", "+4512345678"),
        ("+45 12 34 56 78", "+4512345678"),
        ("+45-1234-5678", "+4512345678"),
        ("+45.12.34.56.78", "+4512345678"),
        ("004512345678", "+4512345678"),
        ("0045 12 34 56 78", "+4512345678"),
        ("00 45 12345678", "+4512345678"),
        ("  12345678\n", "+4512345678"),
        ("+46 70 123 45 67", "+46701234567"),
        ("+49 151 12345678", "+4915112345678"),
        ("+1 202 555 0123", "+12025550123"),
        ("+298 123456", "+298123456"),
        ("+1234567", "+1234567"),
        ("+123456789012345", "+123456789012345"),
    ] {
        assert_eq!(normalize_phone(input).as_deref(), Some(out), "{input:?}");
    }
}

#[test]
fn rejected_phones() {
    for s in [
        "",
        " ",
        "+",
        "+45",
        "0045",
        "1234567",
        "123456789",
        "1234 567",
        "+45 1234567",
        "+45 123456789",
        "0045 1234567",
        "0046 12345678",
        "+123456",
        "+1234567890123456",
        "+0123456789",
        "12 34 56 7a",
        "tlf. 12345678",
        "12345678 (arbejde)",
        "(+45) 12345678",
        "+45 (12) 34 56 78",
        "12  34 56 78",
        "12--34-56-78",
        " -12345678",
        "12345678-",
        "12345678.",
        ".12345678",
        "+ 45 12345678",
        "++4512345678",
        "45+12345678",
        "12/34/56/78",
        "12_34_56_78",
        "12\u{a0}34\u{a0}56\u{a0}78",
        "١٢٣٤٥٦٧٨", // Arabic-Indic digits
        "+٤٥١٢٣٤٥٦٧٨",
        "１２３４５６７８", // fullwidth digits
        "½2345678",
    ] {
        assert_eq!(normalize_phone(s), None, "{s:?}");
    }
}

#[test]
fn very_long_phone_does_not_panic() {
    assert_eq!(normalize_phone(&"1".repeat(100_000)), None);
    assert_eq!(normalize_phone(&format!("+{}", "1 ".repeat(100_000))), None);
    assert_eq!(normalize_phone(&"+".repeat(100_000)), None);
}

// ---------------------------------------------------------------------------
// Properties.

fn whitespace() -> impl Strategy<Value = char> {
    prop::sample::select(vec![
        ' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}',
        '\u{2003}', '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}',
        '\u{3000}',
    ])
}

fn plausible_email() -> impl Strategy<Value = String> {
    (
        "[a-zæøå0-9_+-]{1,10}(\\.[a-zæøå0-9]{1,10}){0,2}",
        "[a-zæøå0-9]{1,12}(\\.[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?)?",
        "[a-z]{2,6}",
    )
        .prop_map(|(local, domain, tld)| format!("{local}@{domain}.{tld}"))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn plausible_emails_are_accepted(s in plausible_email()) {
        prop_assert!(is_email(&s), "{}", s);
    }

    #[test]
    fn whitespace_anywhere_is_not_an_email(s in plausible_email(), ws in whitespace(), at in any::<prop::sample::Index>()) {
        let chars: Vec<char> = s.chars().collect();
        let i = at.index(chars.len() + 1);
        let mut with_ws: String = chars[..i].iter().collect();
        with_ws.push(ws);
        with_ws.extend(&chars[i..]);
        prop_assert!(!is_email(&with_ws), "{:?}", with_ws);
    }

    #[test]
    fn text_with_whitespace_is_never_an_email(s in "\\PC{0,30}", ws in whitespace(), t in "\\PC{0,30}") {
        let text = format!("{s}{ws}{t}");
        prop_assert!(!is_email(&text), "{:?}", text);
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,60}") {
        let _ = is_email(&s);
        if let Some(p) = normalize_phone(&s) {
            prop_assert_eq!(normalize_phone(&p), Some(p));
        }
    }

    // Danish numbers start with 2–9: one starting "00" is an international
    // prefix ("00450000" is +450000), so the generator leaves those out.
    #[test]
    fn danish_numbers_with_separators(digits in "[2-9][0-9]{7}", seps in prop::collection::vec(prop::sample::select(vec!["", " ", "-", "."]), 7), prefix in prop::sample::select(vec!["", "+45", "+45 ", "0045", "0045 ", "+45-"])) {
        let mut s = prefix.to_string();
        for (i, c) in digits.chars().enumerate() {
            s.push(c);
            if let Some(sep) = seps.get(i) {
                s.push_str(sep);
            }
        }
        prop_assert_eq!(normalize_phone(&s), Some(format!("+45{digits}")), "{:?}", s);
    }

    #[test]
    fn normalized_phones_parse_to_themselves(s in "[+]?[0-9 .-]{0,24}") {
        if let Some(p) = normalize_phone(&s) {
            prop_assert!(p.starts_with('+'));
            prop_assert!(p.bytes().skip(1).all(|b| b.is_ascii_digit()));
            prop_assert!((8..=16).contains(&p.len()));
            prop_assert_eq!(normalize_phone(&p), Some(p.clone()));
            let digits: String = s.chars().filter(char::is_ascii_digit).collect();
            prop_assert!(p.ends_with(digits.trim_start_matches("0045").trim_start_matches("45")) || p.ends_with(&digits));
        }
    }

    #[test]
    fn international_numbers(cc in "[1-9][0-9]{0,2}", rest in "[0-9]{4,12}") {
        let digits = format!("{cc}{rest}");
        let s = format!("+{cc} {rest}");
        let expected = if digits.starts_with("45") {
            (digits.len() == 10).then(|| format!("+{digits}"))
        } else {
            (7..=15).contains(&digits.len()).then(|| format!("+{digits}"))
        };
        prop_assert_eq!(normalize_phone(&s), expected);
    }
}
