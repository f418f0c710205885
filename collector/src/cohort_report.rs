//! The cohort reports as an evaluator reads them: for each instrument
//! version and group (peers, peer-mentors, or everyone as sent before the
//! split by role), one row per (municipality, programme, round) with its
//! published figures, and a combined row ("Samlet"). Peers and
//! peer-mentors are never combined with each other.
//!
//! Everything here is worked out from published figures only: the
//! collector never had more. The combined row:
//!
//! - **n**: the sum of the published numbers with both measurements. A
//!   programme whose number is `<5` published no means, so it cannot be
//!   combined; it is counted in `not_included_under_5` instead. A programme
//!   with 0 adds nothing.
//! - **means** before, after and of the change: weighted by n.
//! - **95% interval of the mean change**: each programme's standard
//!   deviation of the changes is recovered from its interval (half-width =
//!   t(0.975, n−1) · sd / √n, so sd = half-width · √n / t), the variance of
//!   all N changes together is the pooled within-programme sum of squares
//!   plus the between-programme one, Σ(nᵢ−1)·sdᵢ² + Σnᵢ·(mᵢ−M)², over
//!   N − 1, and the interval is M ± t(0.975, N−1) · sd / √N. Published
//!   figures are rounded to two decimals, so the recovered spread, and the
//!   interval, are close to but not exactly what the raw data would give.
//! - **share at risk** (before, after): the sum of the published at-risk
//!   counts over N, but only when every combined programme published its
//!   count; otherwise none, and the dashboard says why.
//!
//! Combined means and interval are rounded to two decimals, shares to
//! three, like a single report's.

use crate::store::StoredCohort;
use lokalform_forms::aggregate::{
    t_975, Cell, CohortGroup, CohortReport, SuppressedRow, SMALL_CELL,
};
use lokalform_forms::instruments::Instrument;
use lokalform_forms::schema::Lang;
use serde::{Serialize, Serializer};

/// Every stored cohort report, by instrument version and group.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CohortOverview {
    /// One entry per instrument version and group, by id, version, then
    /// group (everyone, peers, peer-mentors).
    pub instruments: Vec<InstrumentCohorts>,
}

/// One instrument version's programmes, for one group, and their
/// combination.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InstrumentCohorts {
    /// The instrument's id.
    pub instrument: String,
    /// The instrument's version.
    pub version: u32,
    /// Whose figures: `all`, `peers` or `mentors` (added in December 2026;
    /// before, every report was for everyone).
    #[serde(serialize_with = "group_id")]
    pub group: CohortGroup,
    /// The instrument's name in Danish, when the collector knows it (the
    /// built-in LSNS-6); licensed instruments are known only by id.
    pub title: Option<String>,
    /// What a reader of the figures should know, in Danish, when the
    /// collector knows the instrument (LSNS-6: the population its cut-off
    /// was validated in).
    pub evaluation_note: Option<String>,
    /// One row per (municipality, programme, round), sorted by them.
    pub programmes: Vec<ProgrammeCohort>,
    /// The combined row.
    pub combined: Combined,
}

/// One programme round's published report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProgrammeCohort {
    /// The municipality.
    pub municipality: String,
    /// The programme.
    pub programme: String,
    /// The round.
    pub round: String,
    /// The ISO week the report last arrived.
    pub received_week: String,
    /// The published figures, exactly as
    /// [`CohortReport::to_json`] writes them.
    #[serde(serialize_with = "report_as_json")]
    pub report: CohortReport,
}

/// The combined row of one instrument version.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Combined {
    /// Programmes combined (5 or more with both measurements).
    pub programmes: usize,
    /// Programmes not combined because fewer than 5 have both
    /// measurements (`<5`).
    pub not_included_under_5: usize,
    /// The sum of the combined programmes' numbers with both measurements.
    pub with_both: u64,
    /// Mean before, weighted by n.
    pub mean_before: Option<f64>,
    /// Mean after, weighted by n.
    pub mean_after: Option<f64>,
    /// Mean change, weighted by n.
    pub mean_change: Option<f64>,
    /// Low end of the 95% interval of the mean change.
    pub ci95_low: Option<f64>,
    /// High end of the 95% interval of the mean change.
    pub ci95_high: Option<f64>,
    /// At risk before: the sum of the published counts, when all are.
    pub at_risk_before: Option<u64>,
    /// Share at risk before, when all counts are published.
    pub share_at_risk_before: Option<f64>,
    /// At risk after: the sum of the published counts, when all are.
    pub at_risk_after: Option<u64>,
    /// Share at risk after, when all counts are published.
    pub share_at_risk_after: Option<f64>,
}

fn group_id<S: Serializer>(group: &CohortGroup, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(group.id())
}

fn report_as_json<S: Serializer>(report: &CohortReport, s: S) -> Result<S::Ok, S::Error> {
    let value: serde_json::Value =
        serde_json::from_str(&report.to_json()).map_err(serde::ser::Error::custom)?;
    value.serialize(s)
}

/// Groups the stored reports by instrument version and group (everyone,
/// peers, peer-mentors) and combines each.
pub fn build(stored: &[StoredCohort]) -> CohortOverview {
    let lsns = Instrument::lsns6();
    let mut rows: Vec<&StoredCohort> = stored.iter().collect();
    rows.sort_by(|a, b| {
        (
            &a.report.instrument,
            a.report.version,
            a.report.group,
            &a.municipality,
            &a.programme,
            &a.round,
        )
            .cmp(&(
                &b.report.instrument,
                b.report.version,
                b.report.group,
                &b.municipality,
                &b.programme,
                &b.round,
            ))
    });
    let mut instruments: Vec<InstrumentCohorts> = Vec::new();
    for row in rows {
        let programme = ProgrammeCohort {
            municipality: row.municipality.clone(),
            programme: row.programme.clone(),
            round: row.round.clone(),
            received_week: row.week.clone(),
            report: row.report.clone(),
        };
        match instruments.last_mut() {
            Some(last)
                if last.instrument == row.report.instrument
                    && last.version == row.report.version
                    && last.group == row.report.group =>
            {
                last.programmes.push(programme);
            }
            _ => {
                let (id, version) = (&row.report.instrument, row.report.version);
                let known = *id == lsns.id && version == lsns.version;
                instruments.push(InstrumentCohorts {
                    instrument: id.clone(),
                    version,
                    group: row.report.group,
                    title: known.then(|| lsns.title.get(Lang::Da).to_string()),
                    evaluation_note: lsns
                        .evaluation_note
                        .as_ref()
                        .filter(|_| known)
                        .map(|t| t.get(Lang::Da).to_string()),
                    programmes: vec![programme],
                    combined: combine(&[]),
                });
            }
        }
    }
    for group in &mut instruments {
        let reports: Vec<&CohortReport> = group.programmes.iter().map(|p| &p.report).collect();
        group.combined = combine(&reports);
    }
    CohortOverview { instruments }
}

/// The published figures of one programme that can be combined.
struct Part {
    n: f64,
    before: f64,
    after: f64,
    change: f64,
    /// The standard deviation of the changes, recovered from the interval.
    sd: f64,
}

/// Combines reports of one instrument version (see the module
/// documentation).
///
/// ```
/// use lokalform_forms::aggregate::Cohort;
/// use lokalform_collector::cohort_report::combine;
/// let pairs: Vec<_> = [(10.0, 11.0), (8.0, 10.0), (12.0, 15.0), (5.0, 9.0), (20.0, 25.0)]
///     .iter().map(|&(b, a)| (Some(b), Some(a))).collect();
/// let one = Cohort::new(&pairs, |t| t < 12.0).report("lsns6", 1);
/// let small = Cohort::new(&pairs[..3], |t| t < 12.0).report("lsns6", 1);
/// let combined = combine(&[&one, &small]);
/// // One programme alone: its own figures back.
/// assert_eq!((combined.with_both, combined.not_included_under_5), (5, 1));
/// assert_eq!(combined.mean_change, one.mean_change);
/// assert_eq!((combined.ci95_low, combined.ci95_high), (Some(1.04), Some(4.96)));
/// ```
pub fn combine(reports: &[&CohortReport]) -> Combined {
    let mut parts = Vec::new();
    let mut not_included_under_5 = 0;
    let mut included: Vec<&CohortReport> = Vec::new();
    for report in reports {
        match part(report) {
            Some(p) => {
                parts.push(p);
                included.push(report);
            }
            None if report.with_both == Cell::Small => not_included_under_5 += 1,
            None => {}
        }
    }
    let n_total: f64 = parts.iter().map(|p| p.n).sum();
    let with_both = included
        .iter()
        .filter_map(|r| r.with_both.shown())
        .sum::<u64>();
    let weighted = |value: fn(&Part) -> f64| -> Option<f64> {
        (n_total > 0.0).then(|| parts.iter().map(|p| p.n * value(p)).sum::<f64>() / n_total)
    };
    let mean_change = weighted(|p| p.change);
    let ci95 = mean_change.and_then(|m| {
        let within: f64 = parts.iter().map(|p| (p.n - 1.0) * p.sd * p.sd).sum();
        let between: f64 = parts.iter().map(|p| p.n * (p.change - m).powi(2)).sum();
        let df = usize::try_from(with_both.saturating_sub(1)).ok()?;
        let t = t_975(df)?;
        let sd = ((within + between) / (n_total - 1.0)).sqrt();
        let half = t * sd / n_total.sqrt();
        half.is_finite().then_some((m - half, m + half))
    });
    let at_risk = |row: fn(&CohortReport) -> &SuppressedRow| -> Option<u64> {
        if included.is_empty() {
            return None;
        }
        included
            .iter()
            .map(|r| row(r).cells.first().and_then(|c| c.shown()))
            .sum::<Option<u64>>()
    };
    let at_risk_before = at_risk(|r| &r.at_risk_before);
    let at_risk_after = at_risk(|r| &r.at_risk_after);
    let share = |k: Option<u64>| {
        k.filter(|_| with_both > 0)
            .map(|k| round(k as f64 / with_both as f64, 3))
    };
    Combined {
        programmes: parts.len(),
        not_included_under_5,
        with_both,
        mean_before: weighted(|p| p.before).map(|x| round(x, 2)),
        mean_after: weighted(|p| p.after).map(|x| round(x, 2)),
        mean_change: mean_change.map(|x| round(x, 2)),
        ci95_low: ci95.map(|c| round(c.0, 2)),
        ci95_high: ci95.map(|c| round(c.1, 2)),
        at_risk_before,
        share_at_risk_before: share(at_risk_before),
        at_risk_after,
        share_at_risk_after: share(at_risk_after),
    }
}

/// A report's figures, when it published them (5 or more with both).
fn part(report: &CohortReport) -> Option<Part> {
    let n = report.with_both.shown().filter(|&n| n >= SMALL_CELL)?;
    let (low, high) = report.ci95?;
    let t = t_975(usize::try_from(n - 1).ok()?)?;
    let n = n as f64;
    Some(Part {
        n,
        before: report.mean_before?,
        after: report.mean_after?,
        change: report.mean_change?,
        sd: (high - low) / 2.0 * n.sqrt() / t,
    })
}

/// Rounds to `decimals` places; never `-0`.
pub fn round(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    let r = (x * scale).round() / scale;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// The columns of [`to_csv`].
pub const CSV_HEADER: &str =
    "instrument,version,group,row,municipality,programme,round,received_week,\
with_both,mean_before,mean_after,mean_change,ci95_low,ci95_high,\
at_risk_before,share_at_risk_before,at_risk_after,share_at_risk_after,not_included_under_5";

/// The overview as CSV, one line per programme round (`row` =
/// `programme`) and one combined line per instrument version and group
/// (`row` = `combined`, with the names empty); `group` is `all`, `peers` or
/// `mentors`. Text is quoted and defused ([`lokalform_text::csv::field`]);
/// numbers, negative ones too, are written as they are. Values follow
/// [`CohortReport::to_csv_many`]: a number, `<5`, `x`, or empty when there
/// is nothing to compute; a statistic withheld because fewer than 5 have
/// both is `<5`; a share whose count is not shown has that count's label.
/// On the combined line, an empty at-risk count and share mean that not
/// every programme published its count. Decimal point `.`; starts with a
/// byte-order mark.
///
/// ```
/// use lokalform_collector::cohort_report::{to_csv, CohortOverview, CSV_HEADER};
/// assert_eq!(to_csv(&CohortOverview { instruments: vec![] }), format!("\u{feff}{CSV_HEADER}\r\n"));
/// ```
pub fn to_csv(overview: &CohortOverview) -> String {
    let mut out = format!("\u{feff}{CSV_HEADER}\r\n");
    let mut line = |fields: Vec<String>| lokalform_text::csv::row(&mut out, &fields);
    for group in &overview.instruments {
        let version = group.version.to_string();
        let group_id = group.group.id().to_string();
        for p in &group.programmes {
            let r = &p.report;
            let small = r.with_both == Cell::Small;
            let statistic = |x: Option<f64>| match x {
                Some(v) => number(v),
                None if small => Cell::Small.label(),
                None => String::new(),
            };
            let share = |row: &SuppressedRow, value: Option<f64>| match value {
                Some(s) => number(s),
                None if row.total == Cell::Shown(0) => String::new(),
                None => row.cells.first().map(|c| c.label()).unwrap_or_default(),
            };
            line(vec![
                group.instrument.clone(),
                version.clone(),
                group_id.clone(),
                "programme".into(),
                p.municipality.clone(),
                p.programme.clone(),
                p.round.clone(),
                p.received_week.clone(),
                r.with_both.label(),
                statistic(r.mean_before),
                statistic(r.mean_after),
                statistic(r.mean_change),
                statistic(r.ci95.map(|c| c.0)),
                statistic(r.ci95.map(|c| c.1)),
                first_label(&r.at_risk_before),
                share(&r.at_risk_before, r.share_at_risk_before()),
                first_label(&r.at_risk_after),
                share(&r.at_risk_after, r.share_at_risk_after()),
                String::new(),
            ]);
        }
        let c = &group.combined;
        let opt = |x: Option<f64>| x.map(number).unwrap_or_default();
        let count = |x: Option<u64>| x.map(|k| k.to_string()).unwrap_or_default();
        line(vec![
            group.instrument.clone(),
            version.clone(),
            group_id.clone(),
            "combined".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            c.with_both.to_string(),
            opt(c.mean_before),
            opt(c.mean_after),
            opt(c.mean_change),
            opt(c.ci95_low),
            opt(c.ci95_high),
            count(c.at_risk_before),
            opt(c.share_at_risk_before),
            count(c.at_risk_after),
            opt(c.share_at_risk_after),
            c.not_included_under_5.to_string(),
        ]);
    }
    out
}

fn first_label(row: &SuppressedRow) -> String {
    row.cells.first().map(|c| c.label()).unwrap_or_default()
}

/// A rounded number as its shortest text (`3`, `1.04`, `-0.5`).
fn number(x: f64) -> String {
    format!("{}", if x == 0.0 { 0.0 } else { x })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lokalform_forms::aggregate::Cohort;

    fn pairs(changes: &[f64]) -> Vec<(Option<f64>, Option<f64>)> {
        changes
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let before = 8.0 + i as f64;
                (Some(before), Some(before + c))
            })
            .collect()
    }

    #[test]
    fn the_interval_of_one_programme_is_its_own() {
        let report = Cohort::new(&pairs(&[1.0, 3.0, 2.0, 6.0, 0.0, 4.0, 2.0]), |t| t < 12.0)
            .report("lsns6", 1);
        let c = combine(&[&report]);
        let (lo, hi) = report.ci95.unwrap_or_default();
        assert!(
            (c.ci95_low.unwrap_or_default() - lo).abs() <= 0.011,
            "{c:?}"
        );
        assert!(
            (c.ci95_high.unwrap_or_default() - hi).abs() <= 0.011,
            "{c:?}"
        );
        assert_eq!(c.mean_change, report.mean_change);
    }

    #[test]
    fn combining_raw_data_is_close_to_pooling_it() {
        // Two programmes; the combination of their published figures is
        // within rounding of the figures of all changes pooled.
        let a = pairs(&[1.0, 3.0, 2.0, 6.0, 0.0, 4.0, 2.0, -1.0]);
        let b = pairs(&[5.0, 7.0, 4.0, 6.0, 8.0, 9.0, 3.0, 5.0, 6.0, 7.0, 4.0, 2.0]);
        let at_risk = |t: f64| t < 12.0;
        let ra = Cohort::new(&a, at_risk).report("lsns6", 1);
        let rb = Cohort::new(&b, at_risk).report("lsns6", 1);
        let all: Vec<_> = a.iter().chain(&b).copied().collect();
        let pooled = Cohort::new(&all, at_risk);
        let c = combine(&[&ra, &rb]);
        assert_eq!(c.with_both, 20);
        let (lo, hi) = pooled.ci95.unwrap_or_default();
        assert!(
            (c.ci95_low.unwrap_or_default() - lo).abs() < 0.03,
            "{c:?} vs {lo}"
        );
        assert!(
            (c.ci95_high.unwrap_or_default() - hi).abs() < 0.03,
            "{c:?} vs {hi}"
        );
        assert!(
            (c.mean_change.unwrap_or_default() - pooled.mean_change.unwrap_or_default()).abs()
                < 0.006
        );
    }

    #[test]
    fn nothing_to_combine() {
        let c = combine(&[]);
        assert_eq!(c.with_both, 0);
        assert_eq!(c.mean_change, None);
        assert_eq!(c.ci95_low, None);
        assert_eq!(c.at_risk_before, None);
        assert_eq!(c.share_at_risk_before, None);
    }
}
