//! Calendar dates without a time zone: Danish `dd.mm.åååå` and ISO
//! `åååå-mm-dd`, day and month arithmetic, weekdays and ISO weeks.
//!
//! Only the years 1 to 9999 of the (proleptic) Gregorian calendar exist
//! here. Day arithmetic counts days from 1970-01-01 with Howard Hinnant's
//! `days_from_civil` algorithm; nothing in this module panics.
//!
//! ```
//! use lokalform_text::date::Date;
//! let start = Date::parse_danish("31.8.2026").unwrap();
//! assert_eq!(start.add_months(6).unwrap().to_string(), "28.02.2027");
//! assert_eq!(start.iso(), "2026-08-31");
//! ```

use std::fmt;

/// A calendar date between 0001-01-01 and 9999-12-31.
///
/// The derived order is chronological.
///
/// ```
/// use lokalform_text::date::Date;
/// let a = Date::new(2026, 3, 7).unwrap();
/// let b = Date::new(2026, 12, 1).unwrap();
/// assert!(a < b);
/// assert_eq!(a.to_string(), "07.03.2026");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Default for Date {
    /// 1 January 1970, a placeholder where a date is needed before one is
    /// known.
    fn default() -> Date {
        Date {
            year: 1970,
            month: 1,
            day: 1,
        }
    }
}

/// Why [`Date::parse_danish`] refused a text.
///
/// ```
/// use lokalform_text::date::{Date, DateError};
/// assert_eq!(Date::parse_danish("7.3.26"), Err(DateError::Format));
/// assert_eq!(Date::parse_danish("31.02.2026"), Err(DateError::NoSuchDate));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateError {
    /// The text is not in a recognised shape (this includes two-digit years).
    Format,
    /// The shape is fine but the date does not exist, e.g. `31.02.2026` or
    /// month 13.
    NoSuchDate,
}

impl fmt::Display for DateError {
    /// ```
    /// use lokalform_text::date::DateError;
    /// assert_eq!(DateError::NoSuchDate.to_string(), "no such date");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateError::Format => "not a date in the form dd.mm.yyyy",
            DateError::NoSuchDate => "no such date",
        })
    }
}

impl std::error::Error for DateError {}

/// Whether `year` is a Gregorian leap year.
///
/// ```
/// use lokalform_text::date::is_leap_year;
/// assert!(is_leap_year(2024) && is_leap_year(2000));
/// assert!(!is_leap_year(1900) && !is_leap_year(2026));
/// ```
pub fn is_leap_year(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// The number of days in `month` (1–12) of `year`; 0 for any other month.
///
/// ```
/// use lokalform_text::date::days_in_month;
/// assert_eq!(days_in_month(2024, 2), 29);
/// assert_eq!(days_in_month(2026, 2), 28);
/// assert_eq!(days_in_month(2026, 4), 30);
/// assert_eq!(days_in_month(2026, 13), 0);
/// ```
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date `year`-`month`-`day`, if it exists and `year` is 1–9999.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2026, 2, 29).is_none());
    /// assert!(Date::new(0, 1, 1).is_none());
    /// ```
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if (1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month) {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    /// The year, 1–9999.
    ///
    /// ```
    /// assert_eq!(lokalform_text::date::Date::new(2026, 3, 7).unwrap().year(), 2026);
    /// ```
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    ///
    /// ```
    /// assert_eq!(lokalform_text::date::Date::new(2026, 3, 7).unwrap().month(), 3);
    /// ```
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    ///
    /// ```
    /// assert_eq!(lokalform_text::date::Date::new(2026, 3, 7).unwrap().day(), 7);
    /// ```
    pub fn day(self) -> u8 {
        self.day
    }

    /// Reads exactly `YYYY-MM-DD` (ASCII digits, no surrounding space).
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// assert_eq!(Date::parse_iso("2026-03-07"), Date::new(2026, 3, 7));
    /// assert_eq!(Date::parse_iso("2026-3-7"), None);
    /// assert_eq!(Date::parse_iso("2026-02-30"), None);
    /// ```
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let year = number(b.get(0..4)?)?;
        let month = number(b.get(5..7)?)?;
        let day = number(b.get(8..10)?)?;
        Date::from_numbers(year, month, day)
    }

    /// Reads a date as people type it: day, month and a four-digit year
    /// separated by `.`, `-`, `/` or a space (the same separator twice; day
    /// and month with one or two digits), eight digits `DDMMYYYY`, or ISO
    /// `YYYY-MM-DD`. Surrounding whitespace is ignored. Two-digit years are
    /// ambiguous and refused with [`DateError::Format`].
    ///
    /// ```
    /// use lokalform_text::date::{Date, DateError};
    /// let d = Date::new(2026, 3, 7).unwrap();
    /// for s in ["7.3.2026", "07.03.2026", "07-03-2026", "07/03/2026",
    ///           "07 03 2026", "07032026", "2026-03-07", " 7.3.2026\n"] {
    ///     assert_eq!(Date::parse_danish(s), Ok(d));
    /// }
    /// assert_eq!(Date::parse_danish("07.03.26"), Err(DateError::Format));
    /// assert_eq!(Date::parse_danish("07.13.2026"), Err(DateError::NoSuchDate));
    /// ```
    pub fn parse_danish(s: &str) -> Result<Date, DateError> {
        let b = s.trim().as_bytes();
        let (year, month, day) = if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
            let n = |r: std::ops::Range<usize>| b.get(r).and_then(number).unwrap_or(0);
            (n(4..8), n(2..4), n(0..2))
        } else {
            let (groups, sep) = split3(b).ok_or(DateError::Format)?;
            let [g0, g1, g2] = groups;
            let short = |g: &[u8]| (1..=2).contains(&g.len());
            let n = |g: &[u8]| number(g).ok_or(DateError::Format);
            if g0.len() == 4 && sep == b'-' && g1.len() == 2 && g2.len() == 2 {
                (n(g0)?, n(g1)?, n(g2)?)
            } else if short(g0) && short(g1) && g2.len() == 4 {
                (n(g2)?, n(g1)?, n(g0)?)
            } else {
                return Err(DateError::Format);
            }
        };
        Date::from_numbers(year, month, day).ok_or(DateError::NoSuchDate)
    }

    /// ISO 8601: `2026-03-07`.
    ///
    /// ```
    /// assert_eq!(lokalform_text::date::Date::new(26, 3, 7).unwrap().iso(), "0026-03-07");
    /// ```
    pub fn iso(self) -> String {
        let mut s = String::with_capacity(10);
        push_digits(&mut s, self.year.into(), 4);
        s.push('-');
        push_digits(&mut s, self.month.into(), 2);
        s.push('-');
        push_digits(&mut s, self.day.into(), 2);
        s
    }

    /// Danish: `07.03.2026` (also what [`Display`](fmt::Display) writes).
    ///
    /// ```
    /// assert_eq!(lokalform_text::date::Date::new(2026, 3, 7).unwrap().danish(), "07.03.2026");
    /// ```
    pub fn danish(self) -> String {
        let mut s = String::with_capacity(10);
        push_digits(&mut s, self.day.into(), 2);
        s.push('.');
        push_digits(&mut s, self.month.into(), 2);
        s.push('.');
        push_digits(&mut s, self.year.into(), 4);
        s
    }

    /// The date `days` later (earlier if negative); `None` outside the years
    /// 1–9999.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// let d = Date::new(2026, 2, 28).unwrap();
    /// assert_eq!(d.add_days(1), Date::new(2026, 3, 1));
    /// assert_eq!(d.add_days(-59), Date::new(2025, 12, 31));
    /// assert_eq!(Date::new(9999, 12, 31).unwrap().add_days(1), None);
    /// ```
    pub fn add_days(self, days: i32) -> Option<Date> {
        Date::from_days(self.days() + i64::from(days))
    }

    /// The same day number `months` later, clamped to the last day of the
    /// target month; `None` after the year 9999.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// let d = Date::new(2026, 8, 31).unwrap();
    /// assert_eq!(d.add_months(6), Date::new(2027, 2, 28));
    /// assert_eq!(d.add_months(6 + 3), Date::new(2027, 5, 31));
    /// ```
    pub fn add_months(self, months: u32) -> Option<Date> {
        let total = u64::from(self.year) * 12 + u64::from(self.month - 1) + u64::from(months);
        let year = u16::try_from(total / 12).ok()?;
        let month = (total % 12) as u8 + 1;
        let day = self.day.min(days_in_month(year, month));
        Date::new(year, month, day)
    }

    /// The number of days from `self` to `other` (negative if `other` is
    /// earlier).
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// let a = Date::new(2026, 1, 1).unwrap();
    /// let b = Date::new(2027, 1, 1).unwrap();
    /// assert_eq!(a.days_until(b), 365);
    /// assert_eq!(b.days_until(a), -365);
    /// ```
    pub fn days_until(self, other: Date) -> i64 {
        other.days() - self.days()
    }

    /// The day of the week, 0 = Monday … 6 = Sunday.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// assert_eq!(Date::new(2026, 3, 7).unwrap().weekday(), 5); // Saturday
    /// assert_eq!(Date::new(1970, 1, 1).unwrap().weekday(), 3); // Thursday
    /// ```
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        (self.days() + 3).rem_euclid(7) as u8
    }

    /// The ISO 8601 week: (week-year, week number 1–53). Weeks start on
    /// Monday; week 1 is the week with the year's first Thursday.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// assert_eq!(Date::new(2026, 1, 1).unwrap().iso_week(), (2026, 1));
    /// assert_eq!(Date::new(2027, 1, 1).unwrap().iso_week(), (2026, 53));
    /// assert_eq!(Date::new(2024, 12, 30).unwrap().iso_week(), (2025, 1));
    /// ```
    pub fn iso_week(self) -> (u16, u8) {
        let thursday = self.days() - i64::from(self.weekday()) + 3;
        let (year, _, _) = civil_from_days(thursday);
        let ordinal = thursday - days_from_civil(year, 1, 1);
        (year as u16, (ordinal / 7 + 1) as u8)
    }

    /// Days since 1970-01-01 (negative before).
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// let d = Date::new(2026, 11, 23).unwrap();
    /// assert_eq!(Date::from_days(d.days()), Some(d));
    /// assert_eq!(Date::new(1970, 1, 2).unwrap().days(), 1);
    /// ```
    pub fn days(self) -> i64 {
        days_from_civil(self.year.into(), self.month.into(), self.day.into())
    }

    /// The ISO week of this date as text, `2026-W50`: the form the
    /// collector stores and a tally's `week` carries.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// assert_eq!(Date::new(2026, 12, 9).unwrap().iso_week_label(), "2026-W50");
    /// assert_eq!(Date::new(2027, 1, 3).unwrap().iso_week_label(), "2026-W53");
    /// ```
    pub fn iso_week_label(self) -> String {
        let (year, week) = self.iso_week();
        format!("{year:04}-W{week:02}")
    }

    /// The date `days` days after 1970-01-01; `None` outside the years
    /// 1–9999.
    pub fn from_days(days: i64) -> Option<Date> {
        let (y, m, d) = civil_from_days(days);
        Date::new(u16::try_from(y).ok()?, m as u8, d as u8)
    }

    fn from_numbers(year: u32, month: u32, day: u32) -> Option<Date> {
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }
}

impl fmt::Display for Date {
    /// Danish `dd.mm.åååå`.
    ///
    /// ```
    /// assert_eq!(lokalform_text::date::Date::new(2026, 3, 7).unwrap().to_string(), "07.03.2026");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.danish())
    }
}

/// Howard Hinnant's `days_from_civil`: days since 1970-01-01.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's `civil_from_days`: (year, month, day).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The value of 1–4 ASCII digits.
fn number(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 4 {
        return None;
    }
    b.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// Splits `b` into three non-empty groups of ASCII digits separated twice by
/// the same one of `.`, `-`, `/`, space.
fn split3(b: &[u8]) -> Option<([&[u8]; 3], u8)> {
    let mut groups: [&[u8]; 3] = [&[]; 3];
    let mut sep = None;
    let mut start = 0;
    let mut n = 0;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            continue;
        }
        if !matches!(c, b'.' | b'-' | b'/' | b' ') || *sep.get_or_insert(c) != c || n >= 2 {
            return None;
        }
        *groups.get_mut(n)? = b.get(start..i)?;
        n += 1;
        start = i + 1;
    }
    if n != 2 {
        return None;
    }
    groups[2] = b.get(start..)?;
    if groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    Some((groups, sep?))
}

/// Appends `n` with at least `width` digits, zero-padded.
fn push_digits(s: &mut String, n: u32, width: u32) {
    let mut div = 1;
    let mut w = 1;
    while w < width || n / div >= 10 {
        div *= 10;
        w += 1;
    }
    while div > 0 {
        s.push(char::from(b'0' + (n / div % 10) as u8));
        div /= 10;
    }
}
