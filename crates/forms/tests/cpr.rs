//! CPR numbers: shapes, century from the 7th digit, existing birth dates,
//! modulus 11 only as a warning, masking.

use lokalform_forms::cpr::{century, parse, CprError};
use lokalform_text::date::{days_in_month, Date};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn d(year: u16, month: u8, day: u8) -> Date {
    Date::new(year, month, day).expect("test date exists")
}

/// The CPR office's table, written as ranges of full years per 7th digit.
fn oracle_years(seventh: u8) -> [std::ops::RangeInclusive<u16>; 2] {
    match seventh {
        0..=3 => [1900..=1999, 1900..=1999],
        4 | 9 => [2000..=2036, 1937..=1999],
        _ => [2000..=2057, 1858..=1899],
    }
}

/// The 7th digits that give `year`.
fn sevenths_for(year: u16) -> Vec<u8> {
    (0..=9u8)
        .filter(|&s| oracle_years(s).iter().any(|r| r.contains(&year)))
        .collect()
}

/// `DDMMYY` + separator + 7th digit + three more digits, by hand.
fn cpr_text(date: Date, seventh: u8, rest: [u8; 3], sep: &str) -> String {
    format!(
        "{:02}{:02}{:02}{sep}{seventh}{}{}{}",
        date.day(),
        date.month(),
        date.year() % 100,
        rest[0],
        rest[1],
        rest[2]
    )
}

/// Any date 1858-01-01 ..= 2057-12-31 with a 7th digit that gives its
/// century and three more serial digits.
fn date_and_serial() -> impl Strategy<Value = (Date, u8, [u8; 3])> {
    (1858u16..=2057, 1u8..=12)
        .prop_flat_map(|(y, m)| {
            let sevenths = sevenths_for(y);
            (
                Just(y),
                Just(m),
                1..=days_in_month(y, m),
                prop::sample::select(sevenths),
                [0u8..=9, 0u8..=9, 0u8..=9],
            )
        })
        .prop_map(|(y, m, day, s, rest)| (d(y, m, day), s, rest))
}

fn modulus_11_sum(text: &str) -> u32 {
    let weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
    text.bytes()
        .filter(u8::is_ascii_digit)
        .zip(weights)
        .map(|(c, w)| u32::from(c - b'0') * w)
        .sum()
}

// ---------------------------------------------------------------------------
// Century.

#[test]
fn century_matches_the_table() {
    for s in 0..=9u8 {
        for yy in 0..=99u8 {
            let year = century(s, yy).expect("all digits and years are covered");
            assert_eq!(year % 100, u16::from(yy));
            assert!(
                oracle_years(s).iter().any(|r| r.contains(&year)),
                "({s}, {yy}) -> {year}"
            );
        }
    }
    assert_eq!(century(0, 0), Some(1900));
    assert_eq!(century(3, 99), Some(1999));
    assert_eq!(century(4, 0), Some(2000));
    assert_eq!(century(4, 36), Some(2036));
    assert_eq!(century(4, 37), Some(1937));
    assert_eq!(century(9, 36), Some(2036));
    assert_eq!(century(9, 37), Some(1937));
    assert_eq!(century(5, 57), Some(2057));
    assert_eq!(century(5, 58), Some(1858));
    assert_eq!(century(8, 99), Some(1899));
    assert_eq!(century(10, 0), None);
    assert_eq!(century(255, 0), None);
    assert_eq!(century(0, 100), None);
    assert_eq!(century(0, 255), None);
}

#[test]
fn known_numbers() {
    for (text, birth) in [
        ("010158-5000", d(1858, 1, 1)),
        ("311299-8000", d(1899, 12, 31)),
        ("010100-0000", d(1900, 1, 1)),
        ("010100-4000", d(2000, 1, 1)),
        ("010100-5000", d(2000, 1, 1)),
        ("311236-9000", d(2036, 12, 31)),
        ("010137-9000", d(1937, 1, 1)),
        ("311257-6000", d(2057, 12, 31)),
        ("311299-3999", d(1999, 12, 31)),
        ("070761-4285", d(1961, 7, 7)),
        ("290200-4000", d(2000, 2, 29)),
        ("290296-1000", d(1996, 2, 29)),
    ] {
        let c = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!(c.birth_date(), birth, "{text}");
        assert_eq!(c.formatted(), text);
    }
}

// ---------------------------------------------------------------------------
// Shapes.

#[test]
fn accepted_shapes() {
    for s in [
        "070761-4285",
        "0707614285",
        "070761 4285",
        "  070761-4285\n",
        "\t0707614285 ",
    ] {
        let c = parse(s).unwrap_or_else(|e| panic!("{s:?}: {e:?}"));
        assert_eq!(c.formatted(), "070761-4285");
    }
}

#[test]
fn rejected_shapes() {
    for s in [
        "",
        " ",
        "070761",
        "070761-",
        "070761-428",
        "070761-42851",
        "07076142851",
        "070761428",
        "070761--4285",
        "070761  4285",
        "070761_4285",
        "070761/4285",
        "070761.4285",
        "070761–4285", // en dash
        "070761\u{a0}4285",
        "0707-61-4285",
        "07.07.61-4285",
        "-0707614285",
        "0707614285-",
        "07076-14285",
        "07076a-4285",
        "070761-428x",
        "CPR 070761-4285",
        "٠٧٠٧٦١-٤٢٨٥", // Arabic-Indic digits
        "٠٧٠٧٦١٤٢٨٥",
        "０７０７６１-４２８５", // fullwidth digits
        "+070761-4285",
    ] {
        assert_eq!(parse(s), Err(CprError::Format), "{s:?}");
    }
}

#[test]
fn very_long_input_does_not_panic() {
    assert_eq!(parse(&"1".repeat(100_000)), Err(CprError::Format));
    assert_eq!(parse(&"-".repeat(100_000)), Err(CprError::Format));
    assert_eq!(
        parse(&format!("070761-4285{}", "x".repeat(100_000))),
        Err(CprError::Format)
    );
}

#[test]
fn impossible_birth_dates() {
    for s in [
        "310299-1234",
        "290201-1234",
        "290200-1234", // 1900 was not a leap year
        "290200-3999",
        "290258-5000", // 1858 was not a leap year
        "000101-1234",
        "320101-1234",
        "010001-1234",
        "011301-1234",
        "999999-9999",
        "000000-0000",
        "310426-4000",
    ] {
        assert_eq!(parse(s), Err(CprError::NoSuchDate), "{s}");
    }
    // 2000 was a leap year.
    assert_eq!(
        parse("290200-4000").map(|c| c.birth_date()),
        Ok(d(2000, 2, 29))
    );
}

#[test]
fn every_birth_date_and_century_round_trips() {
    let mut x = d(1858, 1, 1);
    let mut count = 0;
    while x <= d(2057, 12, 31) {
        for s in sevenths_for(x.year()) {
            let text = cpr_text(x, s, [1, 2, 3], "-");
            let c = parse(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(c.birth_date(), x, "{text}");
            count += 1;
        }
        x = x.add_days(1).expect("within range");
    }
    assert!(count > 73_000 * 2);
}

#[test]
fn debug_shows_only_the_masked_form() {
    let c = parse("070761-4285").expect("valid");
    assert_eq!(format!("{c:?}"), "Cpr(070761-XXXX)");
    assert_eq!(format!("{c:#?}"), "Cpr(070761-XXXX)");
    assert_eq!(format!("{:?}", Some(c.clone())), "Some(Cpr(070761-XXXX))");
    assert_eq!(format!("{:?}", parse("nope")), "Err(Format)");
    assert_eq!(c.masked(), "070761-XXXX");
}

// ---------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(config())]

    #[test]
    fn date_and_serial_round_trip((date, seventh, rest) in date_and_serial()) {
        for sep in ["-", "", " "] {
            let text = cpr_text(date, seventh, rest, sep);
            let c = parse(&text);
            prop_assert!(c.is_ok(), "{}: {:?}", text, c);
            let c = c.unwrap();
            prop_assert_eq!(c.birth_date(), date);
            prop_assert_eq!(c.formatted(), cpr_text(date, seventh, rest, "-"));
            prop_assert_eq!(parse(&c.formatted()), Ok(c.clone()));
        }
    }

    #[test]
    fn impossible_dates_are_no_such_date(
        kind in 0u8..4,
        n in 0u8..=99,
        yy in 0u8..=99,
        seventh in 0u8..=9,
        rest in [0u8..=9, 0u8..=9, 0u8..=9],
    ) {
        let year = century(seventh, yy).expect("covered");
        let (day, month) = match kind {
            0 => (0, n % 12 + 1),                                   // day 0
            1 => {                                                  // day past month end
                let month = n % 12 + 1;
                let dim = days_in_month(year, month);
                (dim + 1 + n % (99 - dim), month)
            }
            2 => (n % 31 + 1, if n % 2 == 0 { 0 } else { 13 + n % 87 }), // month 0, 13..99
            _ => {                                                  // 29 Feb, non-leap
                prop_assume!(days_in_month(year, 2) == 28);
                (29, 2)
            }
        };
        let text = format!("{day:02}{month:02}{yy:02}-{seventh}{}{}{}", rest[0], rest[1], rest[2]);
        prop_assert_eq!(parse(&text), Err(CprError::NoSuchDate), "{}", text);
    }

    #[test]
    fn modulus_11_is_only_a_warning((date, seventh, rest) in date_and_serial()) {
        let text = cpr_text(date, seventh, rest, "-");
        let prefix = text.get(..10).expect("ascii");
        // The check digit that makes the weighted sum divisible by 11.
        let check = (11 - modulus_11_sum(prefix) % 11) % 11;
        prop_assume!(check < 10);
        let good = format!("{prefix}{check}");
        let c = parse(&good).expect("valid");
        prop_assert!(c.passes_modulus_11());
        for other in (0..10).filter(|&x| x != check) {
            let bad = format!("{prefix}{other}");
            let c = parse(&bad);
            prop_assert!(c.is_ok(), "{}", bad);
            let c = c.unwrap();
            prop_assert!(!c.passes_modulus_11(), "{}", bad);
            prop_assert_eq!(c.birth_date(), date);
        }
    }

    #[test]
    fn masked_never_shows_the_last_four_digits((date, seventh, rest) in date_and_serial()) {
        let c = parse(&cpr_text(date, seventh, rest, "")).expect("valid");
        let formatted = c.formatted();
        let masked = c.masked();
        // The birth date part is shown, the serial part is all X. (A plain
        // "does not contain the serial" check would wrongly fail for e.g.
        // 121212-1212, where the date digits repeat the serial.)
        prop_assert_eq!(masked.get(..7), formatted.get(..7));
        prop_assert_eq!(masked.get(7..), Some("XXXX"));
        prop_assert_eq!(masked.bytes().filter(u8::is_ascii_digit).count(), 6);
        prop_assert_eq!(format!("{c:?}"), format!("Cpr({masked})"));
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,20}") {
        if let Ok(c) = parse(&s) {
            prop_assert_eq!(parse(&c.formatted()), Ok(c));
        }
    }

    #[test]
    fn cpr_like_text_never_panics(s in "[0-9 -]{0,13}") {
        match parse(&s) {
            Ok(c) => {
                let digits: String = s.chars().filter(char::is_ascii_digit).collect();
                prop_assert_eq!(c.formatted().replace('-', ""), digits);
            }
            Err(CprError::Format) => {}
            Err(CprError::NoSuchDate) => {
                prop_assert_eq!(s.trim().bytes().filter(u8::is_ascii_digit).count(), 10);
            }
        }
    }
}
