//! Calendar dates: parsing what people type, Danish and ISO output, day and
//! month arithmetic, weekdays and ISO weeks.

use lokalform_text::date::{days_in_month, is_leap_year, Date, DateError};
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

/// Any valid date 0001-01-01 ..= 9999-12-31.
fn any_date() -> impl Strategy<Value = Date> {
    (1u16..=9999, 1u8..=12)
        .prop_flat_map(|(y, m)| (Just(y), Just(m), 1..=days_in_month(y, m)))
        .prop_map(|(y, m, day)| d(y, m, day))
}

/// The next calendar day by counting, independent of the day arithmetic.
fn next_day(x: Date) -> Option<Date> {
    Date::new(x.year(), x.month(), x.day() + 1)
        .or_else(|| Date::new(x.year(), x.month() + 1, 1))
        .or_else(|| Date::new(x.year().checked_add(1)?, 1, 1))
}

// ---------------------------------------------------------------------------
// Calendar facts.

#[test]
fn leap_years_and_month_lengths() {
    for (year, leap) in [
        (1900, false),
        (2000, true),
        (2024, true),
        (2026, false),
        (2100, false),
        (2400, true),
        (4, true),
        (1, false),
    ] {
        assert_eq!(is_leap_year(year), leap, "{year}");
    }
    for year in 1..=9999u16 {
        let total: u32 = (1..=12).map(|m| u32::from(days_in_month(year, m))).sum();
        assert_eq!(total, if is_leap_year(year) { 366 } else { 365 }, "{year}");
    }
    assert_eq!(days_in_month(2026, 0), 0);
    assert_eq!(days_in_month(2026, 13), 0);
    assert_eq!(days_in_month(2026, 255), 0);
}

#[test]
fn new_checks_range_and_calendar() {
    assert!(Date::new(1, 1, 1).is_some());
    assert!(Date::new(9999, 12, 31).is_some());
    assert!(Date::new(0, 1, 1).is_none());
    assert!(Date::new(10000, 1, 1).is_none());
    assert!(Date::new(u16::MAX, 1, 1).is_none());
    assert!(Date::new(2026, 0, 1).is_none());
    assert!(Date::new(2026, 13, 1).is_none());
    assert!(Date::new(2026, 1, 0).is_none());
    assert!(Date::new(2026, 1, 32).is_none());
    assert!(Date::new(2026, 4, 31).is_none());
    assert!(Date::new(2026, 2, 29).is_none());
    assert!(Date::new(2024, 2, 29).is_some());
    assert!(Date::new(1900, 2, 29).is_none());
    assert!(Date::new(2000, 2, 29).is_some());
    let x = d(2026, 3, 7);
    assert_eq!((x.year(), x.month(), x.day()), (2026, 3, 7));
}

#[test]
fn every_day_is_counted_once() {
    // Walk the whole calendar with the independent next_day and check the
    // day arithmetic, weekday and ISO week step by step.
    let mut x = d(1, 1, 1);
    assert_eq!(
        x.weekday(),
        0,
        "0001-01-01 was a Monday (proleptic Gregorian)"
    );
    assert_eq!(x.iso_week(), (1, 1));
    let mut n = 0i64;
    while let Some(y) = next_day(x) {
        n += 1;
        assert_eq!(x.add_days(1), Some(y), "{x}");
        assert_eq!(y.add_days(-1), Some(x), "{y}");
        assert_eq!(y.weekday(), (x.weekday() + 1) % 7, "{y}");
        let (wy, w) = x.iso_week();
        let (ny, nw) = y.iso_week();
        if y.weekday() == 0 {
            assert!((ny, nw) == (wy, w + 1) || (ny, nw) == (wy + 1, 1), "{y}");
        } else {
            assert_eq!((ny, nw), (wy, w), "{y}");
        }
        assert!((1..=53).contains(&nw));
        x = y;
    }
    assert_eq!(x, d(9999, 12, 31));
    assert_eq!(d(1, 1, 1).days_until(x), n);
    assert_eq!(d(1, 1, 1).add_days(n as i32), Some(x));
    assert_eq!(x.add_days(1), None);
    assert_eq!(d(1, 1, 1).add_days(-1), None);
}

// ---------------------------------------------------------------------------
// Parsing and output.

#[test]
fn danish_shapes_are_accepted() {
    let x = d(2026, 3, 7);
    for s in [
        "7.3.2026",
        "07.03.2026",
        "07-03-2026",
        "07/03/2026",
        "07 03 2026",
        "7-3-2026",
        "7/3/2026",
        "7 3 2026",
        "07.3.2026",
        "7.03.2026",
        "07032026",
        "2026-03-07",
        "  07.03.2026  ",
        "\t7.3.2026\n",
    ] {
        assert_eq!(Date::parse_danish(s), Ok(x), "{s:?}");
    }
    assert_eq!(Date::parse_danish("31.12.9999"), Ok(d(9999, 12, 31)));
    assert_eq!(Date::parse_danish("01.01.0001"), Ok(d(1, 1, 1)));
    assert_eq!(Date::parse_danish("29022024"), Ok(d(2024, 2, 29)));
}

#[test]
fn danish_shape_errors() {
    for s in [
        "",
        "   ",
        "7.3.26",
        "07.03.26",
        "070326",
        "7326",
        "7.3",
        "7.3.",
        ".7.3.2026",
        "7.3.2026.",
        "7..3.2026",
        "7.3-2026",
        "7-3/2026",
        "07  03 2026",
        "2026/03/07",
        "2026.03.07",
        "2026-3-7",
        "2026-03-7",
        "07.03.02026",
        "07.03.202",
        "123.3.2026",
        "7.123.2026",
        "0703202",
        "070320261",
        "+7.3.2026",
        "-7.3.2026",
        "7.3.2026 kl. 12",
        "syv.tre.2026",
        "07,03,2026",
        "07\u{a0}03\u{a0}2026",
        "07–03–2026", // en dash
        "٠٧.٠٣.٢٠٢٦", // Arabic-Indic digits
        "٠٧٠٣٢٠٢٦",
        "０７.０３.２０２６", // fullwidth digits
        "2026-03-07T12:00",
    ] {
        assert_eq!(Date::parse_danish(s), Err(DateError::Format), "{s:?}");
    }
}

#[test]
fn danish_no_such_date() {
    for s in [
        "31.02.2026",
        "29.02.2026",
        "29.02.1900",
        "30.02.2024",
        "31.04.2026",
        "00.03.2026",
        "32.03.2026",
        "07.00.2026",
        "07.13.2026",
        "99.99.2026",
        "01.01.0000",
        "00000000",
        "31022026",
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
    ] {
        assert_eq!(Date::parse_danish(s), Err(DateError::NoSuchDate), "{s:?}");
    }
}

#[test]
fn parse_iso_is_strict() {
    assert_eq!(Date::parse_iso("2026-03-07"), Some(d(2026, 3, 7)));
    assert_eq!(Date::parse_iso("0001-01-01"), Some(d(1, 1, 1)));
    for s in [
        "",
        " 2026-03-07",
        "2026-03-07 ",
        "2026-3-07",
        "2026-03-7",
        "20260307",
        "07.03.2026",
        "2026/03/07",
        "2026-02-29",
        "2026-13-01",
        "2026-00-01",
        "2026-01-00",
        "0000-01-01",
        "+026-03-07",
        "２０２６-03-07",
        "٢٠٢٦-٠٣-٠٧",
        "2026-03-07x",
    ] {
        assert_eq!(Date::parse_iso(s), None, "{s:?}");
    }
}

#[test]
fn output() {
    let x = d(2026, 3, 7);
    assert_eq!(x.iso(), "2026-03-07");
    assert_eq!(x.danish(), "07.03.2026");
    assert_eq!(x.to_string(), "07.03.2026");
    assert_eq!(d(5, 1, 9).iso(), "0005-01-09");
    assert_eq!(d(5, 1, 9).danish(), "09.01.0005");
    assert_eq!(d(9999, 12, 31).iso(), "9999-12-31");
}

#[test]
fn very_long_input_does_not_panic() {
    let long = "1".repeat(100_000);
    assert_eq!(Date::parse_danish(&long), Err(DateError::Format));
    assert_eq!(Date::parse_iso(&long), None);
    let long = format!("7.3.{}", "2".repeat(100_000));
    assert_eq!(Date::parse_danish(&long), Err(DateError::Format));
    let long = ".".repeat(100_000);
    assert_eq!(Date::parse_danish(&long), Err(DateError::Format));
}

// ---------------------------------------------------------------------------
// Arithmetic.

#[test]
fn add_months_clamps_to_month_end() {
    let start = d(2026, 8, 31);
    assert_eq!(start.add_months(6), Some(d(2027, 2, 28)));
    assert_eq!(start.add_months(9), Some(d(2027, 5, 31)));
    assert_eq!(
        start.add_months(6).and_then(|e| e.add_months(3)),
        Some(d(2027, 5, 28))
    );
    assert_eq!(d(2024, 1, 31).add_months(1), Some(d(2024, 2, 29)));
    assert_eq!(d(2023, 8, 31).add_months(6), Some(d(2024, 2, 29)));
    assert_eq!(d(2026, 3, 31).add_months(1), Some(d(2026, 4, 30)));
    assert_eq!(d(2026, 1, 15).add_months(0), Some(d(2026, 1, 15)));
    assert_eq!(d(2026, 12, 15).add_months(1), Some(d(2027, 1, 15)));
    assert_eq!(d(2026, 1, 15).add_months(120), Some(d(2036, 1, 15)));
    assert_eq!(d(9999, 12, 1).add_months(1), None);
    assert_eq!(d(9999, 11, 30).add_months(1), Some(d(9999, 12, 30)));
    assert_eq!(d(1, 1, 1).add_months(u32::MAX), None);
}

#[test]
fn days_until_known_values() {
    assert_eq!(d(2026, 1, 1).days_until(d(2026, 12, 31)), 364);
    assert_eq!(d(2024, 1, 1).days_until(d(2025, 1, 1)), 366);
    assert_eq!(d(1970, 1, 1).days_until(d(2000, 3, 1)), 11_017);
    assert_eq!(d(1, 1, 1).days_until(d(9999, 12, 31)), 3_652_058);
    assert_eq!(d(2026, 3, 7).days_until(d(2026, 3, 7)), 0);
    assert_eq!(d(2026, 3, 7).add_days(i32::MAX), None);
    assert_eq!(d(2026, 3, 7).add_days(i32::MIN), None);
}

#[test]
fn weekdays_and_iso_weeks_known_values() {
    assert_eq!(d(2026, 3, 7).weekday(), 5); // Saturday
    assert_eq!(d(2026, 3, 9).weekday(), 0); // Monday
    assert_eq!(d(2000, 1, 1).weekday(), 5); // Saturday
    assert_eq!(d(1970, 1, 1).weekday(), 3); // Thursday
    for (date, week) in [
        (d(2026, 1, 1), (2026, 1)),
        (d(2027, 1, 1), (2026, 53)),
        (d(2024, 12, 30), (2025, 1)),
        (d(2026, 12, 31), (2026, 53)),
        (d(2027, 1, 4), (2027, 1)),
        (d(2021, 1, 3), (2020, 53)),
        (d(2021, 1, 4), (2021, 1)),
        (d(2025, 12, 28), (2025, 52)),
        (d(2025, 12, 29), (2026, 1)),
        (d(2008, 12, 29), (2009, 1)),
        (d(2010, 1, 3), (2009, 53)),
        (d(2026, 3, 7), (2026, 10)),
        (d(9999, 12, 31), (9999, 52)),
    ] {
        assert_eq!(date.iso_week(), week, "{date}");
    }
}

// ---------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(config())]

    #[test]
    fn danish_and_iso_round_trip(x in any_date()) {
        prop_assert_eq!(Date::parse_danish(&x.danish()), Ok(x));
        prop_assert_eq!(Date::parse_danish(&x.to_string()), Ok(x));
        prop_assert_eq!(Date::parse_iso(&x.iso()), Some(x));
        prop_assert_eq!(Date::parse_danish(&x.iso()), Ok(x));
        let compact = x.danish().replace('.', "");
        prop_assert_eq!(Date::parse_danish(&compact), Ok(x));
        for sep in ['.', '-', '/', ' '] {
            let short = format!("{}{sep}{}{sep}{:04}", x.day(), x.month(), x.year());
            prop_assert_eq!(Date::parse_danish(&short), Ok(x));
        }
    }

    #[test]
    fn impossible_days_and_months_are_no_such_date(
        year in 1u16..=9999,
        month in 0u8..=99,
        day in 0u8..=99,
    ) {
        let s = format!("{day:02}.{month:02}.{year:04}");
        let exists = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        if exists {
            prop_assert_eq!(Date::parse_danish(&s), Ok(d(year, month, day)));
        } else {
            prop_assert_eq!(Date::parse_danish(&s), Err(DateError::NoSuchDate));
            prop_assert_eq!(Date::new(year, month, day), None);
            prop_assert_eq!(Date::parse_iso(&format!("{year:04}-{month:02}-{day:02}")), None);
        }
    }

    #[test]
    fn ordering_is_iso_string_ordering(a in any_date(), b in any_date()) {
        prop_assert_eq!(a.cmp(&b), a.iso().cmp(&b.iso()));
        prop_assert_eq!(a.cmp(&b), 0.cmp(&a.days_until(b)));
    }

    #[test]
    fn add_days_and_days_until_agree(x in any_date(), k in -4_000_000i32..=4_000_000) {
        match x.add_days(k) {
            Some(y) => {
                prop_assert_eq!(x.days_until(y), i64::from(k));
                prop_assert_eq!(y.add_days(-k), Some(x));
                prop_assert_eq!(y.weekday(), ((i64::from(x.weekday()) + i64::from(k)).rem_euclid(7)) as u8);
            }
            None => {
                let to_end = x.days_until(d(9999, 12, 31));
                let from_start = d(1, 1, 1).days_until(x);
                prop_assert!(i64::from(k) > to_end || -i64::from(k) > from_start);
            }
        }
    }

    #[test]
    fn days_until_matches_add_days(a in any_date(), b in any_date()) {
        let n = a.days_until(b);
        prop_assert_eq!(b.days_until(a), -n);
        prop_assert_eq!(a.add_days(n as i32), Some(b));
    }

    #[test]
    fn add_months_is_month_count_with_clamped_day(x in any_date(), k in 0u32..=200_000) {
        let total = u64::from(x.year()) * 12 + u64::from(x.month()) - 1 + u64::from(k);
        let (year, month) = (total / 12, (total % 12 + 1) as u8);
        match x.add_months(k) {
            Some(y) => {
                prop_assert_eq!(u64::from(y.year()), year);
                prop_assert_eq!(y.month(), month);
                prop_assert_eq!(y.day(), x.day().min(days_in_month(y.year(), month)));
                prop_assert!(y >= x);
            }
            None => prop_assert!(year > 9999),
        }
    }

    #[test]
    fn iso_week_matches_january_4th_rule(x in any_date()) {
        let (wy, w) = x.iso_week();
        // Week 1 is the week containing 4 January; its Monday starts it.
        let monday_of_week_1 = |y: u16| {
            let jan4 = d(y, 1, 4);
            jan4.add_days(-i32::from(jan4.weekday()))
        };
        let start = monday_of_week_1(wy);
        prop_assert!(start.is_some_and(|s| s <= x) || wy == 1);
        if let Some(start) = start {
            prop_assert_eq!(start.days_until(x) / 7 + 1, i64::from(w));
        }
        if wy < 9999 {
            if let Some(next) = monday_of_week_1(wy + 1) {
                prop_assert!(x < next);
            }
        }
        prop_assert!(i64::from(wy) - i64::from(x.year()) <= 1 && i64::from(x.year()) - i64::from(wy) <= 1);
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,40}") {
        if let Ok(x) = Date::parse_danish(&s) {
            prop_assert_eq!(Date::parse_danish(&x.danish()), Ok(x));
        }
        if let Some(x) = Date::parse_iso(&s) {
            prop_assert_eq!(x.iso(), s);
        }
    }

    #[test]
    fn date_like_text_never_panics(s in "[0-9. /-]{0,14}") {
        if let Ok(x) = Date::parse_danish(&s) {
            prop_assert_eq!(Date::parse_danish(&x.danish()), Ok(x));
        }
    }
}
