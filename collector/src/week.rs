//! The ISO week: the finest time the collector ever stores.
//!
//! A submission carries no timestamp. The collector stamps it with the ISO
//! 8601 week of the server clock (UTC), e.g. `2026-W48`, and nothing finer, so
//! stored counters cannot be matched to the moment one citizen answered.

use lokalform_text::date::Date;
use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// An ISO 8601 week, such as `2026-W48`.
///
/// The text form sorts in time order, so the database compares weeks as
/// text.
///
/// ```
/// use lokalform_collector::week::IsoWeek;
/// // 2026-11-23 is the Monday of week 48.
/// assert_eq!(IsoWeek::from_date(2026, 11, 23).to_string(), "2026-W48");
/// // 3 January 2021 still belongs to the last week of 2020.
/// assert_eq!(IsoWeek::from_date(2021, 1, 3).to_string(), "2020-W53");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    /// The ISO week-numbering year (the year of the week's Thursday).
    pub year: i32,
    /// The week, 1 to 53.
    pub week: u8,
}

/// Days in one week.
const WEEK_DAYS: i64 = 7;

impl IsoWeek {
    /// The current week by the server clock (UTC).
    pub fn now() -> IsoWeek {
        IsoWeek::from_unix_days(unix_days_now())
    }

    /// The week `weeks` weeks before the current one.
    pub fn weeks_ago(weeks: i64) -> IsoWeek {
        IsoWeek::from_unix_days(unix_days_now() - weeks * WEEK_DAYS)
    }

    /// The week holding the calendar date `year-month-day` (1970-W01 for a
    /// date that does not exist).
    pub fn from_date(year: i32, month: u32, day: u32) -> IsoWeek {
        let date = (|| {
            Date::new(
                year.try_into().ok()?,
                month.try_into().ok()?,
                day.try_into().ok()?,
            )
        })();
        IsoWeek::from_unix_days(date.map_or(0, Date::days))
    }

    /// Reads the text form, `2026-W48` (as stored).
    ///
    /// ```
    /// use lokalform_collector::week::IsoWeek;
    /// let week = IsoWeek::parse("2026-W48").unwrap();
    /// assert_eq!((week.year, week.week), (2026, 48));
    /// assert!(IsoWeek::parse("2026-48").is_none());
    /// assert!(IsoWeek::parse("2026-W54").is_none());
    /// assert!(IsoWeek::parse("+026-W48").is_none());
    /// assert_eq!(IsoWeek::parse("2026-W48"), Some(IsoWeek { year: 2026, week: 48 }));
    /// ```
    pub fn parse(text: &str) -> Option<IsoWeek> {
        let (year, week) = text.split_once("-W")?;
        if year.len() != 4 || week.len() != 2 {
            return None;
        }
        if !year.bytes().chain(week.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let week: u8 = week.parse().ok()?;
        (1..=53).contains(&week).then_some(IsoWeek { year, week })
    }

    /// The Thursday of the week, which gives the week its year (and, for
    /// reports by period, its month).
    ///
    /// ```
    /// use lokalform_collector::week::IsoWeek;
    /// // 2026-W01 runs from Monday 29 December 2025 to Sunday 4 January 2026.
    /// assert_eq!(IsoWeek::parse("2026-W01").unwrap().thursday().unwrap().iso(), "2026-01-01");
    /// assert_eq!(IsoWeek::parse("2026-W53").unwrap().thursday().unwrap().iso(), "2026-12-31");
    /// ```
    pub fn thursday(self) -> Option<Date> {
        let january_4 = Date::new(u16::try_from(self.year).ok()?, 1, 4)?;
        let monday = january_4.days() - i64::from(january_4.weekday());
        Date::from_days(monday + WEEK_DAYS * (i64::from(self.week) - 1) + 3)
    }

    /// The week holding the day `days` after 1 January 1970 (calendar
    /// arithmetic from `lokalform_text::date`).
    pub fn from_unix_days(days: i64) -> IsoWeek {
        let (year, week) = Date::from_days(days).unwrap_or_default().iso_week();
        IsoWeek {
            year: i32::from(year),
            week,
        }
    }
}

/// Where "now" comes from: the server clock, or a fixed day in tests.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> i64 + Send + Sync>);

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Clock(day {})", self.today())
    }
}

/// Seconds in one day.
const DAY_SECONDS: i64 = 86_400;

impl Clock {
    /// The server clock (UTC).
    pub fn system() -> Clock {
        Clock(Arc::new(unix_seconds_now))
    }

    /// A clock that says the start of the day `days` after 1 January
    /// 1970, always.
    pub fn fixed(days: i64) -> Clock {
        Clock(Arc::new(move || days * DAY_SECONDS))
    }

    /// Seconds since 1 January 1970 (UTC).
    pub fn seconds(&self) -> i64 {
        (self.0)()
    }

    /// Days since 1 January 1970.
    pub fn today(&self) -> i64 {
        self.seconds().div_euclid(DAY_SECONDS)
    }

    /// The current UTC day as `2026-12-07`.
    ///
    /// ```
    /// use lokalform_collector::week::Clock;
    /// assert_eq!(Clock::fixed(20_794).date(), "2026-12-07");
    /// assert_eq!(Clock::fixed(20_794).seconds_to_midnight(), 86_400);
    /// ```
    pub fn date(&self) -> String {
        Date::from_days(self.today())
            .map(Date::iso)
            .unwrap_or_default()
    }

    /// Seconds until the next UTC midnight (1 to 86,400).
    pub fn seconds_to_midnight(&self) -> i64 {
        DAY_SECONDS - self.seconds().rem_euclid(DAY_SECONDS)
    }

    /// The current week.
    pub fn week(&self) -> IsoWeek {
        IsoWeek::from_unix_days(self.today())
    }

    /// The week `weeks` weeks from the current one (back when negative).
    pub fn week_in(&self, weeks: i64) -> IsoWeek {
        IsoWeek::from_unix_days(self.today() + weeks * WEEK_DAYS)
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

/// Days since 1 January 1970 by the server clock (UTC).
pub fn unix_days_now() -> i64 {
    unix_seconds_now().div_euclid(DAY_SECONDS)
}

/// Seconds since 1 January 1970 by the server clock (UTC).
pub fn unix_seconds_now() -> i64 {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    i64::try_from(seconds).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_weeks() {
        let cases = [
            ((1970, 1, 1), "1970-W01"),
            ((2020, 12, 31), "2020-W53"),
            ((2021, 1, 4), "2021-W01"),
            ((2024, 12, 30), "2025-W01"),
            ((2026, 1, 1), "2026-W01"),
            ((2026, 12, 31), "2026-W53"),
            ((2027, 1, 3), "2026-W53"),
            ((2027, 1, 4), "2027-W01"),
        ];
        for ((y, m, d), want) in cases {
            assert_eq!(IsoWeek::from_date(y, m, d).to_string(), want, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn every_week_has_its_thursday_in_its_own_year() {
        for days in (0..40_000).step_by(7) {
            let week = IsoWeek::from_unix_days(days);
            let parsed = IsoWeek::parse(&week.to_string());
            assert_eq!(parsed, Some(week));
            let thursday = week.thursday().expect("a date");
            assert_eq!(i32::from(thursday.year()), week.year, "{week}");
            assert_eq!(IsoWeek::from_unix_days(thursday.days()), week);
        }
    }

    #[test]
    fn text_sorts_like_time() {
        let mut last = IsoWeek::from_unix_days(0).to_string();
        for days in (7..40_000).step_by(7) {
            let next = IsoWeek::from_unix_days(days).to_string();
            assert!(next > last, "{next} after {last}");
            last = next;
        }
    }
}
