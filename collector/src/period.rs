//! Reporting periods: the month or the quarter, chosen in the configuration.
//!
//! The collector stores counters per ISO week. A week belongs to the month
//! of its Thursday (the ISO 8601 rule that also gives a week its year), and
//! to that month's quarter, so every week belongs to exactly one period and
//! the periods never overlap: each period's table adds up to the all-time
//! table, and no two published periods can be subtracted from each other.
//! There is deliberately no way to ask for an arbitrary date range.
//!
//! Changing the setting after reports have been published adds a second
//! set of periods (quarters are sums of months), which a reader could
//! combine with the first: choose it once.

use crate::week::IsoWeek;
use clap::ValueEnum;
use serde::Serialize;
use std::fmt;

/// How long a reporting period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Calendar months (by the Thursday of each ISO week).
    Month,
    /// Calendar quarters (January–March, …).
    Quarter,
}

impl PeriodKind {
    /// The setting's name, as in `--period`.
    pub fn name(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
        }
    }

    /// The kind in the dashboard's Danish, singular: `måned`, `kvartal`.
    pub fn singular_da(self) -> &'static str {
        match self {
            PeriodKind::Month => "måned",
            PeriodKind::Quarter => "kvartal",
        }
    }

    /// "Each period" in Danish: `hver måned`, `hvert kvartal`.
    pub fn each_da(self) -> &'static str {
        match self {
            PeriodKind::Month => "hver måned",
            PeriodKind::Quarter => "hvert kvartal",
        }
    }

    /// A table heading for the period column: `Måned`, `Kvartal`.
    pub fn heading_da(self) -> &'static str {
        match self {
            PeriodKind::Month => "Måned",
            PeriodKind::Quarter => "Kvartal",
        }
    }

    /// The kind in the dashboard's Danish, plural: `måneder`, `kvartaler`.
    pub fn plural_da(self) -> &'static str {
        match self {
            PeriodKind::Month => "måneder",
            PeriodKind::Quarter => "kvartaler",
        }
    }
}

/// One period: a month (1–12) or a quarter (1–4) of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// The calendar year.
    pub year: i32,
    /// The month (1–12) or quarter (1–4).
    pub number: u8,
    /// Month or quarter.
    pub kind: PeriodKind,
}

const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

const MONTHS_SHORT_DA: [&str; 12] = [
    "jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
];

impl Period {
    /// The period an ISO week belongs to: the month of its Thursday, or
    /// that month's quarter.
    ///
    /// ```
    /// use lokalform_collector::period::{Period, PeriodKind};
    /// use lokalform_collector::week::IsoWeek;
    /// // 2026-W05 runs from 26 January to 1 February; its Thursday is 29 January.
    /// let week = IsoWeek::parse("2026-W05").unwrap();
    /// assert_eq!(Period::of_week(week, PeriodKind::Month).id(), "2026-01");
    /// // 2026-W14 runs from 30 March to 5 April; its Thursday is 2 April.
    /// let week = IsoWeek::parse("2026-W14").unwrap();
    /// assert_eq!(Period::of_week(week, PeriodKind::Month).id(), "2026-04");
    /// assert_eq!(Period::of_week(week, PeriodKind::Quarter).id(), "2026-Q2");
    /// ```
    pub fn of_week(week: IsoWeek, kind: PeriodKind) -> Period {
        let (year, month) = week
            .thursday()
            .map_or((week.year, 1), |d| (i32::from(d.year()), d.month()));
        let number = match kind {
            PeriodKind::Month => month,
            PeriodKind::Quarter => (month - 1) / 3 + 1,
        };
        Period { year, number, kind }
    }

    /// Reads an id as [`Period::id`] writes it, for this kind only.
    ///
    /// ```
    /// use lokalform_collector::period::{Period, PeriodKind};
    /// assert_eq!(Period::parse("2026-Q1", PeriodKind::Quarter).map(|p| p.id()), Some("2026-Q1".into()));
    /// assert_eq!(Period::parse("2026-03", PeriodKind::Quarter), None);
    /// assert_eq!(Period::parse("2026-13", PeriodKind::Month), None);
    /// ```
    pub fn parse(id: &str, kind: PeriodKind) -> Option<Period> {
        let (year, rest) = id.split_once('-')?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let (digits, last) = match kind {
            PeriodKind::Month => (rest, 12),
            PeriodKind::Quarter => (rest.strip_prefix('Q')?, 4),
        };
        let want = if kind == PeriodKind::Month { 2 } else { 1 };
        if digits.len() != want || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number: u8 = digits.parse().ok()?;
        (1..=last)
            .contains(&number)
            .then_some(Period { year, number, kind })
    }

    /// The period after this one.
    pub fn next(self) -> Period {
        let last = match self.kind {
            PeriodKind::Month => 12,
            PeriodKind::Quarter => 4,
        };
        if self.number >= last {
            Period {
                year: self.year + 1,
                number: 1,
                ..self
            }
        } else {
            Period {
                number: self.number + 1,
                ..self
            }
        }
    }

    /// Its id in exports and query parameters: `2026-03` or `2026-Q1`.
    pub fn id(self) -> String {
        match self.kind {
            PeriodKind::Month => format!("{:04}-{:02}", self.year, self.number),
            PeriodKind::Quarter => format!("{:04}-Q{}", self.year, self.number),
        }
    }

    /// Its name in Danish: `marts 2026`, `1. kvartal 2026`.
    pub fn label_da(self) -> String {
        match self.kind {
            PeriodKind::Month => format!("{} {}", month_da(self.number, &MONTHS_DA), self.year),
            PeriodKind::Quarter => format!("{}. kvartal {}", self.number, self.year),
        }
    }

    /// A short Danish name for a chart's axis: `mar. 2026`, `1. kvt. 2026`.
    pub fn short_label_da(self) -> String {
        match self.kind {
            PeriodKind::Month => {
                format!("{} {}", month_da(self.number, &MONTHS_SHORT_DA), self.year)
            }
            PeriodKind::Quarter => format!("{}. kvt. {}", self.number, self.year),
        }
    }
}

/// A calendar date in Danish, `8. december 2026`.
///
/// ```
/// use lokalform_collector::period::date_da;
/// use lokalform_text::date::Date;
/// assert_eq!(date_da(Date::new(2026, 12, 8).unwrap()), "8. december 2026");
/// ```
pub fn date_da(date: lokalform_text::date::Date) -> String {
    format!(
        "{}. {} {}",
        date.day(),
        month_da(date.month(), &MONTHS_DA),
        date.year()
    )
}

fn month_da(number: u8, names: &'static [&'static str; 12]) -> &'static str {
    names
        .get(usize::from(number.saturating_sub(1)))
        .copied()
        .unwrap_or("")
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

/// Every period from `first` to `last`, both included, in time order.
pub fn span(first: Period, last: Period) -> Vec<Period> {
    let mut out = Vec::new();
    let mut p = first;
    while p <= last {
        out.push(p);
        p = p.next();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_week_belongs_to_exactly_one_period_and_periods_follow_each_other() {
        for kind in [PeriodKind::Month, PeriodKind::Quarter] {
            let mut last: Option<Period> = None;
            for days in (0..20_000).step_by(7) {
                let p = Period::of_week(IsoWeek::from_unix_days(days), kind);
                if let Some(prev) = last {
                    assert!(p == prev || p == prev.next(), "{prev} then {p}");
                }
                last = Some(p);
            }
        }
    }

    #[test]
    fn weeks_across_a_new_year_go_by_their_thursday() {
        // 2026-W53: Monday 28 December 2026 to Sunday 3 January 2027.
        let w = IsoWeek::parse("2026-W53").expect("week");
        assert_eq!(Period::of_week(w, PeriodKind::Month).id(), "2026-12");
        assert_eq!(Period::of_week(w, PeriodKind::Quarter).id(), "2026-Q4");
        // 2025-W01: Monday 30 December 2024 to Sunday 5 January 2025.
        let w = IsoWeek::parse("2025-W01").expect("week");
        assert_eq!(Period::of_week(w, PeriodKind::Month).id(), "2025-01");
    }

    #[test]
    fn danish_names() {
        let march = Period {
            year: 2026,
            number: 3,
            kind: PeriodKind::Month,
        };
        assert_eq!(march.label_da(), "marts 2026");
        assert_eq!(march.short_label_da(), "mar. 2026");
        let q4 = Period {
            year: 2026,
            number: 4,
            kind: PeriodKind::Quarter,
        };
        assert_eq!(q4.label_da(), "4. kvartal 2026");
        assert_eq!(q4.next().id(), "2027-Q1");
        assert_eq!(span(q4, q4.next().next()).len(), 3);
    }
}
