//! Before/after figures for a cohort, and what of them may be published:
//! [`Cohort`] (for the worker) and [`CohortReport`] (for the evaluator).

use super::suppress::{suppress_row, Cell, SuppressedRow, SMALL_CELL};
use lokalform_text::json::ObjectWriter;

/// Whose figures a [`CohortReport`] holds: everyone in the programme, or
/// one role. A programme publishes its peers and its peer-mentors apart
/// (the evaluator compares them; a mentor's recovery is not a peer's), and
/// never a total next to them: a total minus one role's figures would give
/// the other's, and a `<5` in one role could be worked out that way.
/// Reports from before the split carry no group and read as [`All`](CohortGroup::All).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum CohortGroup {
    /// Everyone in the programme (the worker's own view; and every report
    /// sent before the split by role).
    #[default]
    All,
    /// The peers.
    Peers,
    /// The peer-mentors.
    Mentors,
}

impl CohortGroup {
    /// Every group, in the order reports list them.
    pub const EVERY: [CohortGroup; 3] =
        [CohortGroup::All, CohortGroup::Peers, CohortGroup::Mentors];

    /// The name on the wire and in CSV: `all`, `peers`, `mentors`.
    ///
    /// ```
    /// use lokalform_forms::aggregate::CohortGroup;
    /// assert_eq!(CohortGroup::Mentors.id(), "mentors");
    /// assert_eq!(CohortGroup::from_id("peers"), Some(CohortGroup::Peers));
    /// assert_eq!(CohortGroup::from_id("Peers"), None);
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            CohortGroup::All => "all",
            CohortGroup::Peers => "peers",
            CohortGroup::Mentors => "mentors",
        }
    }

    /// The group named `id` (as [`CohortGroup::id`] writes it).
    pub fn from_id(id: &str) -> Option<CohortGroup> {
        CohortGroup::EVERY.into_iter().find(|g| g.id() == id)
    }
}

/// The fewest with both measurements for which a confidence interval of
/// the mean change is worked out at all, on the worker's screen as in a
/// published report. Below it the interval is so wide (t = 12.7 for two
/// people, 4.3 for three) that it says nothing about the programme, and
/// with 1 to 4 people it would be a statement about those few persons.
pub const MIN_FOR_INTERVAL: usize = 5;

/// Which measurement a participant lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lacking {
    /// No before-measurement (there is an after-measurement).
    Before,
    /// No after-measurement (there is a before-measurement).
    After,
    /// Neither.
    Both,
}

/// A cohort's before/after figures, unsuppressed: for the worker. What an
/// evaluator may see is [`Cohort::report`].
///
/// [`Cohort::new`] takes one `(before, after)` pair of an instrument's total
/// per participant and works out, over the participants with both
/// measurements (a paired comparison, so before and after are means over
/// the same people): the mean before and after, the mean change with a 95%
/// confidence interval (from [`MIN_FOR_INTERVAL`] people with both), how
/// many are at risk before and after, and — for
/// the worker's eyes only — which participants lack a measurement.
///
/// The interval is the paired t interval: mean change ± t(0.975, n−1) ·
/// sd / √n, where sd is the sample standard deviation of the changes
/// (divisor n − 1), and t(0.975, df) comes from [`t_975`]: a table for df
/// 1–30 and the Cornish–Fisher expansion beyond.
///
/// ```
/// use lokalform_forms::aggregate::{Cell, Cohort};
/// use lokalform_forms::instruments::Instrument;
/// let lsns = Instrument::lsns6();
/// let pairs = [(Some(10.0), Some(14.0)), (Some(8.0), Some(9.0)), (Some(15.0), Some(15.0)),
///              (Some(11.0), Some(13.0)), (Some(20.0), Some(22.0)), (Some(9.0), None)];
/// let cohort = Cohort::new(&pairs, |total| lsns.flags(total));
/// assert_eq!(cohort.with_both, 5);
/// assert_eq!(cohort.mean_change, Some(1.8));
/// assert_eq!(cohort.at_risk_before, 3);
/// let report = cohort.report(&lsns.id, lsns.version);
/// assert_eq!(report.with_both, Cell::Shown(5));
/// assert_eq!(report.mean_change, Some(1.8));
/// // 3 at risk before and 2 not: both `<5`, and no share.
/// assert_eq!(report.at_risk_before.cells, [Cell::Small, Cell::Small]);
/// assert!(report.to_json().contains(r#""share":null"#));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Cohort {
    /// Every participant given.
    pub participants: usize,
    /// The participants with both measurements: the paired figures are over
    /// them.
    pub with_both: usize,
    /// Mean before, over those with both.
    pub mean_before: Option<f64>,
    /// Mean after, over those with both.
    pub mean_after: Option<f64>,
    /// Mean of (after − before).
    pub mean_change: Option<f64>,
    /// Sample standard deviation of the changes (needs 2 or more).
    pub sd_change: Option<f64>,
    /// 95% confidence interval of the mean change, paired t (needs
    /// [`MIN_FOR_INTERVAL`] or more with both).
    pub ci95: Option<(f64, f64)>,
    /// Of those with both, how many were at risk before.
    pub at_risk_before: usize,
    /// Of those with both, how many were at risk after.
    pub at_risk_after: usize,
    /// The participants (their index in the input) that lack a measurement,
    /// and which: for the worker's list of hard cases, never published.
    pub lacking: Vec<(usize, Lacking)>,
}

/// The two-sided 95% quantile of Student's t with `df` degrees of freedom:
/// t(0.975, df); `None` for 0.
///
/// A table for df 1–30; beyond, the Cornish–Fisher expansion (four terms),
/// within 1e-6 of the exact value for every df over 30.
///
/// ```
/// use lokalform_forms::aggregate::t_975;
/// assert_eq!(t_975(1), Some(12.7062));
/// assert_eq!(t_975(30), Some(2.0423));
/// assert!((t_975(60).unwrap() - 2.000298).abs() < 1e-5);
/// assert!((t_975(100_000).unwrap() - 1.959964).abs() < 1e-4);
/// assert_eq!(t_975(0), None);
/// ```
pub fn t_975(df: usize) -> Option<f64> {
    const TABLE: [f64; 30] = [
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281, 2.2010,
        2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860, 2.0796, 2.0739,
        2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
    ];
    match df {
        0 => None,
        1..=30 => Some(TABLE[df - 1]),
        _ => {
            let z: f64 = 1.959_963_984_540_054;
            let v = df as f64;
            let (z2, z3) = (z * z, z * z * z);
            let (z5, z7, z9) = (z3 * z2, z3 * z2 * z2, z3 * z3 * z3);
            let g1 = (z3 + z) / 4.0;
            let g2 = (5.0 * z5 + 16.0 * z3 + 3.0 * z) / 96.0;
            let g3 = (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / 384.0;
            let g4 = (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z) / 92160.0;
            Some(z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v))
        }
    }
}

impl Cohort {
    /// Works out the figures from `(before, after)` per participant; a
    /// measurement that is `None` (or not a finite number) is lacking.
    /// `at_risk` says whether a total is at risk, e.g.
    /// `|t| lsns.flags(t)`.
    ///
    /// ```
    /// use lokalform_forms::aggregate::{Cohort, Lacking};
    /// let cohort = Cohort::new(&[(Some(10.0), Some(12.0)), (None, Some(3.0)), (None, None)], |t| t < 12.0);
    /// assert_eq!(cohort.with_both, 1);
    /// assert_eq!(cohort.ci95, None); // fewer than 5 with both: no interval
    /// assert_eq!(cohort.lacking, [(1, Lacking::Before), (2, Lacking::Both)]);
    /// ```
    pub fn new(pairs: &[(Option<f64>, Option<f64>)], at_risk: impl Fn(f64) -> bool) -> Cohort {
        let finite = |x: Option<f64>| x.filter(|v| v.is_finite());
        let mut both: Vec<(f64, f64)> = Vec::new();
        let mut lacking = Vec::new();
        for (i, &(before, after)) in pairs.iter().enumerate() {
            match (finite(before), finite(after)) {
                (Some(b), Some(a)) => both.push((b, a)),
                (None, Some(_)) => lacking.push((i, Lacking::Before)),
                (Some(_), None) => lacking.push((i, Lacking::After)),
                (None, None) => lacking.push((i, Lacking::Both)),
            }
        }
        let n = both.len();
        let mean = |values: &mut dyn Iterator<Item = f64>| -> Option<f64> {
            (n > 0).then(|| values.sum::<f64>() / n as f64)
        };
        let mean_before = mean(&mut both.iter().map(|p| p.0));
        let mean_after = mean(&mut both.iter().map(|p| p.1));
        let mean_change = mean(&mut both.iter().map(|p| p.1 - p.0));
        let sd_change = mean_change.filter(|_| n >= 2).map(|m| {
            let ss: f64 = both.iter().map(|p| (p.1 - p.0 - m).powi(2)).sum();
            (ss / (n - 1) as f64).sqrt()
        });
        let ci95 = match (mean_change, sd_change, t_975(n.saturating_sub(1))) {
            (Some(m), Some(sd), Some(t)) if n >= MIN_FOR_INTERVAL => {
                let half = t * sd / (n as f64).sqrt();
                Some((m - half, m + half))
            }
            _ => None,
        };
        Cohort {
            participants: pairs.len(),
            with_both: n,
            mean_before,
            mean_after,
            mean_change,
            sd_change,
            ci95,
            at_risk_before: both.iter().filter(|p| at_risk(p.0)).count(),
            at_risk_after: both.iter().filter(|p| at_risk(p.1)).count(),
            lacking,
        }
    }

    /// How many lack `which` measurement.
    pub fn lacking_count(&self, which: Lacking) -> usize {
        self.lacking.iter().filter(|(_, l)| *l == which).count()
    }

    /// Share at risk before, of those with both.
    pub fn share_at_risk_before(&self) -> Option<f64> {
        share(self.at_risk_before, self.with_both)
    }

    /// Share at risk after, of those with both.
    pub fn share_at_risk_after(&self) -> Option<f64> {
        share(self.at_risk_after, self.with_both)
    }

    /// What may be published for instrument `instrument` (its id and
    /// version), suppressed as described in the module documentation.
    ///
    /// ```
    /// use lokalform_forms::aggregate::{Cell, Cohort};
    /// let pairs = vec![(Some(10.0), Some(12.0)); 4];
    /// let report = Cohort::new(&pairs, |t| t < 12.0).report("lsns6", 1);
    /// assert_eq!(report.with_both, Cell::Small);
    /// assert_eq!(report.mean_change, None);
    /// assert!(report.to_csv().contains("lsns6,1,all,mean_change,<5\r\n"));
    /// ```
    pub fn report(&self, instrument: &str, version: u32) -> CohortReport {
        self.report_for(instrument, version, CohortGroup::All)
    }

    /// [`Cohort::report`] for one group: the cohort must hold only that
    /// group's participants.
    ///
    /// ```
    /// use lokalform_forms::aggregate::{Cohort, CohortGroup};
    /// let peers = Cohort::new(&vec![(Some(10.0), Some(12.0)); 6], |t| t < 12.0);
    /// let report = peers.report_for("lsns6", 1, CohortGroup::Peers);
    /// assert_eq!(report.group, CohortGroup::Peers);
    /// assert!(report.to_json().starts_with(r#"{"instrument":"lsns6","version":1,"group":"peers","#));
    /// ```
    pub fn report_for(&self, instrument: &str, version: u32, group: CohortGroup) -> CohortReport {
        let n = self.with_both;
        let published = n as u64 >= SMALL_CELL;
        let keep = |x: Option<f64>| x.filter(|_| published).map(|v| round(v, 2));
        let risk = |at_risk: usize| suppress_row(&[at_risk as u64, (n - at_risk) as u64]);
        CohortReport {
            instrument: instrument.to_string(),
            version,
            group,
            with_both: count_cell(n as u64),
            lacking: suppress_row(&[
                self.lacking_count(Lacking::Before) as u64,
                self.lacking_count(Lacking::After) as u64,
                self.lacking_count(Lacking::Both) as u64,
            ]),
            mean_before: keep(self.mean_before),
            mean_after: keep(self.mean_after),
            mean_change: keep(self.mean_change),
            ci95: self
                .ci95
                .filter(|_| published)
                .map(|(lo, hi)| (round(lo, 2), round(hi, 2))),
            at_risk_before: risk(self.at_risk_before),
            at_risk_after: risk(self.at_risk_after),
        }
    }
}

fn share(count: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| count as f64 / of as f64)
}

/// A single count as published: 0 and 5 or more as they are, 1–4 as `<5`.
fn count_cell(n: u64) -> Cell {
    if n > 0 && n < SMALL_CELL {
        Cell::Small
    } else {
        Cell::Shown(n)
    }
}

/// Rounds to `decimals` places (monotone, so an interval that holds the
/// mean still holds it after rounding).
fn round(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    let r = (x * scale).round() / scale;
    if r == 0.0 {
        0.0 // no "-0"
    } else {
        r
    }
}

/// A number as JSON/CSV text: at most the decimals it was rounded to.
fn number_text(x: f64) -> String {
    // Rounded values print exactly as their shortest representation.
    let text = format!("{x}");
    if text == "-0" {
        "0".to_string()
    } else {
        text
    }
}

/// What an evaluator may receive about one instrument in one cohort, made
/// by [`Cohort::report`]: no participant, and no count from 1 to 4.
///
/// - The number with both measurements; from 1 to 4 it is `<5`, and then
///   no mean, change, interval or share is published at all (`null` in
///   JSON, `<5` in CSV).
/// - The at-risk counts before and after, each a row `[at risk, not at
///   risk]` over those with both, through [`suppress_row`](super::suppress_row),
///   so a count from 1 to 4 is `<5` and a complement that would give it
///   away is hidden; a share is published only when its count is.
/// - The counts lacking a measurement, `[before, after, both]`, through
///   [`suppress_row`](super::suppress_row). The number of participants is
///   not published: it would tie that row to the number with both, and a
///   hidden cell could be worked out across the two. A reader may add the
///   two where both are shown.
///
/// A 2×2 table of risk before × after is deliberately not published next
/// to those rows: its margins are the rows, and row-by-row suppression
/// does not protect a table whose margins are published too.
///
/// Means and the interval are rounded to two decimals, shares to three.
///
/// Publish a cohort once, at the end of a round, not as a running figure:
/// two reports whose cohorts differ by one or two participants give those
/// participants' scores by subtraction of the means. Combine reports from
/// several programmes from their published figures only.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortReport {
    /// The instrument's id.
    pub instrument: String,
    /// The instrument's version.
    pub version: u32,
    /// Whose figures: everyone, the peers or the peer-mentors.
    pub group: CohortGroup,
    /// The number with both measurements (`<5` when 1 to 4).
    pub with_both: Cell,
    /// Those lacking a measurement: `[before, after, both]`.
    pub lacking: SuppressedRow,
    /// Mean before; `None` when fewer than 5 have both.
    pub mean_before: Option<f64>,
    /// Mean after; `None` when fewer than 5 have both.
    pub mean_after: Option<f64>,
    /// Mean change (after − before); `None` when fewer than 5 have both.
    pub mean_change: Option<f64>,
    /// 95% confidence interval of the mean change; `None` when fewer than 5
    /// have both.
    pub ci95: Option<(f64, f64)>,
    /// At risk before: `[at risk, not at risk]`, total = those with both.
    pub at_risk_before: SuppressedRow,
    /// At risk after: `[at risk, not at risk]`, total = those with both.
    pub at_risk_after: SuppressedRow,
}

impl CohortReport {
    /// Share at risk before, when its count is shown.
    pub fn share_at_risk_before(&self) -> Option<f64> {
        published_share(&self.at_risk_before)
    }

    /// Share at risk after, when its count is shown.
    pub fn share_at_risk_after(&self) -> Option<f64> {
        published_share(&self.at_risk_after)
    }

    /// The report as one JSON object. A count is `{"label": "12", "value":
    /// 12}`, with `"value": null` when it is `<5` or hidden (`x`); a
    /// statistic that may not be published is `null`. `"group"` follows
    /// the version for peers and peer-mentors, and is left out for
    /// [`CohortGroup::All`], so such a report is written as before the
    /// split by role.
    ///
    /// ```
    /// use lokalform_forms::aggregate::Cohort;
    /// let report = Cohort::new(&[], |_| false).report("lsns6", 1);
    /// assert_eq!(report.to_json(), concat!(
    ///     r#"{"instrument":"lsns6","version":1,"min_cell":5,"#,
    ///     r#""with_both":{"label":"0","value":0},"#,
    ///     r#""lacking":{"withheld":false,"total":{"label":"0","value":0},"#,
    ///     r#""before":{"label":"0","value":0},"after":{"label":"0","value":0},"both":{"label":"0","value":0}},"#,
    ///     r#""mean_before":null,"mean_after":null,"mean_change":null,"ci95_low":null,"ci95_high":null,"#,
    ///     r#""at_risk_before":{"withheld":false,"total":{"label":"0","value":0},"#,
    ///     r#""at_risk":{"label":"0","value":0},"not_at_risk":{"label":"0","value":0},"share":null},"#,
    ///     r#""at_risk_after":{"withheld":false,"total":{"label":"0","value":0},"#,
    ///     r#""at_risk":{"label":"0","value":0},"not_at_risk":{"label":"0","value":0},"share":null}}"#));
    /// ```
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        let mut o = ObjectWriter::new(&mut out);
        o.string("instrument", &self.instrument);
        o.number("version", self.version);
        if self.group != CohortGroup::All {
            o.string("group", self.group.id());
        }
        o.raw("min_cell", |out| out.push_str(&SMALL_CELL.to_string()));
        o.raw("with_both", |out| write_cell(out, self.with_both));
        o.raw("lacking", |out| {
            write_row(out, &self.lacking, &["before", "after", "both"], None)
        });
        let (lo, hi) = match self.ci95 {
            Some((lo, hi)) => (Some(lo), Some(hi)),
            None => (None, None),
        };
        for (name, value) in [
            ("mean_before", self.mean_before),
            ("mean_after", self.mean_after),
            ("mean_change", self.mean_change),
            ("ci95_low", lo),
            ("ci95_high", hi),
        ] {
            o.raw(name, |out| write_number(out, value));
        }
        for (name, row) in [
            ("at_risk_before", &self.at_risk_before),
            ("at_risk_after", &self.at_risk_after),
        ] {
            o.raw(name, |out| {
                write_row(
                    out,
                    row,
                    &["at_risk", "not_at_risk"],
                    Some(published_share(row)),
                )
            });
        }
        o.finish();
        out
    }

    /// The report as CSV (see [`CohortReport::to_csv_many`]).
    pub fn to_csv(&self) -> String {
        CohortReport::to_csv_many(std::slice::from_ref(self))
    }

    /// Reports as one CSV: `instrument,version,group,measure,value`, one
    /// row per figure, where group is `all`, `peers` or `mentors` and value is the number, `<5`, `x` (hidden so that a `<5`
    /// cannot be worked out), or empty when there is nothing to compute
    /// (no one with both measurements). A statistic withheld because fewer
    /// than 5 have both is `<5`; a share whose count is not shown has that
    /// count's label. Decimal point `.`; starts with a byte-order mark so
    /// spreadsheet programs read the text as UTF-8.
    ///
    /// ```
    /// use lokalform_forms::aggregate::CohortReport;
    /// assert_eq!(CohortReport::to_csv_many(&[]), "\u{feff}instrument,version,group,measure,value\r\n");
    /// ```
    pub fn to_csv_many(reports: &[CohortReport]) -> String {
        let mut out = format!("\u{feff}{}\r\n", REPORT_CSV_HEADER);
        write_csv_rows(&mut out, reports, "");
        out
    }
}

/// The columns of [`CohortReport::to_csv_many`].
pub const REPORT_CSV_HEADER: &str = "instrument,version,group,measure,value";

/// The rows of [`CohortReport::to_csv_many`], each after `prefix` (CSV
/// fields ending in a comma, or empty).
pub(super) fn write_csv_rows(out: &mut String, reports: &[CohortReport], prefix: &str) {
    for r in reports {
        let instrument = lokalform_text::csv::field(&r.instrument);
        let group = r.group.id();
        let mut line = |measure: &str, value: String| {
            out.push_str(&format!(
                "{prefix}{instrument},{},{group},{measure},{value}\r\n",
                r.version
            ));
        };
        let small = r.with_both == Cell::Small;
        let statistic = |x: Option<f64>| match x {
            Some(v) => number_text(v),
            None if small => Cell::Small.label(),
            None => String::new(),
        };
        line("with_both", r.with_both.label());
        line("lacking_total", r.lacking.total.label());
        for (name, cell) in ["lacking_before", "lacking_after", "lacking_both"]
            .iter()
            .zip(&r.lacking.cells)
        {
            line(name, cell.label());
        }
        line("mean_before", statistic(r.mean_before));
        line("mean_after", statistic(r.mean_after));
        line("mean_change", statistic(r.mean_change));
        line("mean_change_ci95_low", statistic(r.ci95.map(|c| c.0)));
        line("mean_change_ci95_high", statistic(r.ci95.map(|c| c.1)));
        for (when, row) in [("before", &r.at_risk_before), ("after", &r.at_risk_after)] {
            let (at_risk, not) = (row.cells[0], row.cells[1]);
            line(&format!("at_risk_{when}"), at_risk.label());
            line(&format!("not_at_risk_{when}"), not.label());
            let share = match published_share(row) {
                Some(s) => number_text(s),
                None if row.total == Cell::Shown(0) => String::new(),
                None => at_risk.label(),
            };
            line(&format!("share_at_risk_{when}"), share);
        }
    }
}

/// The share of the first cell in the total, when both are shown.
fn published_share(row: &SuppressedRow) -> Option<f64> {
    match (row.cells.first().copied(), row.total) {
        (Some(Cell::Shown(k)), Cell::Shown(n)) if n > 0 => Some(round(k as f64 / n as f64, 3)),
        _ => None,
    }
}

fn write_cell(out: &mut String, cell: Cell) {
    let mut o = ObjectWriter::new(out);
    o.string("label", &cell.label());
    o.raw("value", |out| match cell.shown() {
        Some(n) => out.push_str(&n.to_string()),
        None => out.push_str("null"),
    });
    o.finish();
}

fn write_number(out: &mut String, value: Option<f64>) {
    match value {
        Some(v) => out.push_str(&number_text(v)),
        None => out.push_str("null"),
    }
}

/// A suppressed row as `{"withheld", "total", <names…>, ["share"]}`.
fn write_row(out: &mut String, row: &SuppressedRow, names: &[&str], share: Option<Option<f64>>) {
    let mut o = ObjectWriter::new(out);
    o.bool("withheld", row.withheld);
    o.raw("total", |out| write_cell(out, row.total));
    for (name, cell) in names.iter().zip(&row.cells) {
        o.raw(name, |out| write_cell(out, *cell));
    }
    if let Some(share) = share {
        o.raw("share", |out| write_number(out, share));
    }
    o.finish();
}
