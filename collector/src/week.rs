//! The ISO week: the finest time the collector ever stores.
//!
//! A submission carries no timestamp. The collector stamps it with the ISO
//! 8601 week of the server clock (UTC), e.g. `2026-W48`, and nothing finer, so
//! stored counters cannot be matched to the moment one citizen answered.

use std::fmt;
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

    /// The week holding the calendar date `year-month-day`.
    pub fn from_date(year: i32, month: u32, day: u32) -> IsoWeek {
        IsoWeek::from_unix_days(days_from_civil(year, month, day))
    }

    /// The week holding the day `days` after 1 January 1970.
    pub fn from_unix_days(days: i64) -> IsoWeek {
        // 1 January 1970 was a Thursday; with Monday = 0 that is 3.
        let weekday = (days + 3).rem_euclid(WEEK_DAYS);
        // The Thursday of the same ISO week decides the year.
        let thursday = days - weekday + 3;
        let (year, _, _) = civil_from_days(thursday);
        let first_of_year = days_from_civil(year, 1, 1);
        let week = (thursday - first_of_year) / WEEK_DAYS + 1;
        IsoWeek {
            year,
            week: u8::try_from(week).unwrap_or(53),
        }
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

fn unix_days_now() -> i64 {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    i64::try_from(seconds / 86_400).unwrap_or(0)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// algorithm).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day since 1970-01-01.
fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        i32::try_from(year).unwrap_or(i32::MAX),
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in -800_000..800_000 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

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
    fn text_sorts_like_time() {
        let mut last = IsoWeek::from_unix_days(0).to_string();
        for days in (7..40_000).step_by(7) {
            let next = IsoWeek::from_unix_days(days).to_string();
            assert!(next > last, "{next} after {last}");
            last = next;
        }
    }
}
