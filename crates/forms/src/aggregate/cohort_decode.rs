//! Reading a [`CohortReport`] back from its JSON, and the payload that
//! carries a programme's reports to the collector: [`CohortSubmission`].
//!
//! The decoder is the inverse of [`CohortReport::to_json`]: every report
//! that `to_json` writes reads back equal, and writes again to the same
//! text. It is also a check. A report is refused, with the path of every
//! problem, when it could not have come from [`Cohort::report`](super::Cohort::report):
//!
//! - a member that is unknown (no member is silently ignored, so a field
//!   added by mistake, such as a participant's name, never passes), missing
//!   or of the wrong type;
//! - a count from 1 to 4 that is published (`"cell below 5 must be
//!   suppressed"`), or a value next to the label `<5` or `x`;
//! - a row whose cells do not add up to its total, or in which a `<5` or
//!   `x` could be worked out from the total and the other cells, or that
//!   is withheld with a cell shown;
//! - means or the interval published while fewer than 5 have both
//!   measurements (or missing while 5 or more have), not rounded to two
//!   decimals, an interval whose low end is above its high end or that does
//!   not hold the mean change, a mean change that is not after − before;
//! - a share that is not the published count's share of the total (or is
//!   published when that count is not), or is outside 0 to 1;
//! - `min_cell` other than 5, an instrument id that is not an identifier
//!   (1–64 of `[A-Za-z0-9_-]`, the rule every instrument definition
//!   follows: [`is_identifier`]), version 0, a `group` other than
//!   `all`, `peers` or `mentors`.
//!
//! `null` and a missing statistic mean the same (not published).

use super::channels::{read_channels, write_channels, ChannelCount};
use super::cohort::{write_csv_rows, CohortGroup, CohortReport, REPORT_CSV_HEADER};
use super::redact::redact;
use super::suppress::{feasible_range, Cell, SuppressedRow, SMALL_CELL};
use crate::schema::{is_identifier, Lang};
use lokalform_text::json::decode::{expected, join};
use lokalform_text::json::{parse, Fields, Json, ObjectWriter};
use lokalform_text::Problem;

/// The most reports in one [`CohortSubmission`].
pub const MAX_COHORT_REPORTS: usize = 20;
/// The longest municipality or programme name, in characters.
pub const MAX_COHORT_NAME: usize = 80;
/// The longest round, in characters.
pub const MAX_COHORT_ROUND: usize = 20;
/// The longest instrument id: the same as any identifier of a form or an
/// instrument definition ([`is_identifier`]), so whatever imports on a
/// device can be sent.
pub const MAX_INSTRUMENT_ID: usize = 64;
/// The largest absolute value of a published mean or interval end: far
/// beyond any instrument's range, so a number this large is a mistake.
pub const MAX_STATISTIC: f64 = 100_000.0;

const REPORT_MEMBERS: &[&str] = &[
    "instrument",
    "version",
    "group",
    "min_cell",
    "with_both",
    "lacking",
    "mean_before",
    "mean_after",
    "mean_change",
    "ci95_low",
    "ci95_high",
    "at_risk_before",
    "at_risk_after",
];

const STATISTICS: [&str; 5] = [
    "mean_before",
    "mean_after",
    "mean_change",
    "ci95_low",
    "ci95_high",
];

/// The rounding a published mean change may differ from mean after −
/// mean before by: each of the three is rounded to two decimals.
const ROUNDING_SLACK: f64 = 0.015 + 1e-9;

impl CohortReport {
    /// Reads a report written by [`CohortReport::to_json`], checking that it
    /// is one [`Cohort::report`](super::Cohort::report) could have made: no
    /// published count from 1 to 4, rows that add up and pin no suppressed
    /// cell down, means only from 5 with both measurements, a consistent
    /// interval and shares, no unknown member. Every problem comes with its
    /// path.
    ///
    /// ```
    /// use lokalform_forms::aggregate::{Cohort, CohortReport};
    /// use lokalform_text::json::parse;
    /// let pairs = vec![(Some(10.0), Some(12.0)); 6];
    /// let report = Cohort::new(&pairs, |t| t < 12.0).report("lsns6", 1);
    /// let json = parse(&report.to_json()).unwrap();
    /// assert_eq!(CohortReport::from_json(&json), Ok(report));
    /// ```
    pub fn from_json(value: &Json) -> Result<CohortReport, Vec<Problem>> {
        let mut problems = Vec::new();
        match decode_report(value, "", &mut problems) {
            Some(report) if problems.is_empty() => Ok(report),
            _ => Err(problems),
        }
    }

    /// [`CohortReport::from_json`] from text; a syntax error is one problem
    /// with an empty path.
    ///
    /// ```
    /// use lokalform_forms::aggregate::{Cohort, CohortReport};
    /// let report = Cohort::new(&[(Some(3.0), Some(4.0))], |t| t < 12.0).report("lsns6", 1);
    /// let text = report.to_json();
    /// assert_eq!(CohortReport::from_json_text(&text).map(|r| r.to_json()), Ok(text.clone()));
    ///
    /// // One participant's count, published: refused.
    /// let leaked = text.replace(r#""with_both":{"label":"<5","value":null}"#,
    ///                           r#""with_both":{"label":"1","value":1}"#);
    /// let problems = CohortReport::from_json_text(&leaked).unwrap_err();
    /// assert_eq!(problems[0].to_string(), "with_both.value: cell below 5 must be suppressed (send {\"label\":\"<5\",\"value\":null})");
    /// ```
    pub fn from_json_text(text: &str) -> Result<CohortReport, Vec<Problem>> {
        let value = parse(text).map_err(|e| vec![Problem::new("", e.to_string())])?;
        CohortReport::from_json(&value)
    }
}

/// What a programme widget sends to a collector's `POST /api/v1/cohorts`:
/// the published cohort reports of one round of one programme, one report
/// per instrument version.
///
/// ```json
/// {"municipality":"Vejle Kommune","programme":"Peer-mentorprojektet","round":"2026-2",
///  "reports":[ <CohortReport::to_json()>, … ]}
/// ```
///
/// The three names say whose figures these are, nothing about a person;
/// the decoder makes sure of what it can:
///
/// - `municipality` and `programme`: 1–80 characters after trimming,
///   `round`: 1–20; no control characters (line breaks, tabs);
/// - none of them may hold what [`redact`](super::redact) removes from
///   comments (a CPR number, a phone number, an e-mail address, a run of
///   six or more digits), except that a round of the form `YYYY`,
///   `YYYY-N` or `YYYY-NN` (`2026-12`) is always accepted;
/// - 1 to [`MAX_COHORT_REPORTS`] reports, each instrument version and
///   group once, each one checked as in [`CohortReport::from_json`] (paths
///   `reports[1].with_both.value`);
/// - for one instrument version, either one report for everyone (`all`,
///   as sent before the split by role) or reports by role (`peers`,
///   `mentors`), never both: the total minus one role would give the other
///   role's figures, and a `<5` could be worked out that way;
/// - unknown members are refused, at every level.
///
/// The collector keeps one row per (municipality, programme, round,
/// instrument, version, group): sending the same round again replaces it.
///
/// The `group` member of a report was added in December 2026 (the split by
/// role); a report without it is for everyone, exactly as before, so older
/// devices' submissions still read.
///
/// ```
/// use lokalform_forms::aggregate::{Cohort, CohortSubmission};
/// let pairs = vec![(Some(10.0), Some(12.0)); 6];
/// let submission = CohortSubmission {
///     municipality: "Vejle Kommune".into(),
///     programme: "Peer-mentorprojektet".into(),
///     round: "2026-2".into(),
///     reports: vec![Cohort::new(&pairs, |t| t < 12.0).report("lsns6", 1)],
///     heard_from: vec![],
/// };
/// assert_eq!(submission.check(), Ok(()));
/// let text = submission.to_json();
/// assert!(text.starts_with(r#"{"municipality":"Vejle Kommune","programme":"Peer-mentorprojektet","round":"2026-2","reports":[{"instrument":"lsns6""#));
/// assert_eq!(CohortSubmission::from_json_text(&text), Ok(submission));
///
/// let bad = text.replace("Vejle Kommune", "010190-1234");
/// let problems = CohortSubmission::from_json_text(&bad).unwrap_err();
/// assert_eq!(problems[0].path, "municipality");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CohortSubmission {
    /// The municipality, e.g. `Vejle Kommune`.
    pub municipality: String,
    /// The programme, e.g. `Peer-mentorprojektet`.
    pub programme: String,
    /// The round, e.g. `2026-2`.
    pub round: String,
    /// One published report per instrument version.
    pub reports: Vec<CohortReport>,
    /// How the participants heard of the programme
    /// ([`channel_counts`](super::channel_counts)); written only when not
    /// empty, and a submission without it reads as empty.
    pub heard_from: Vec<ChannelCount>,
}

impl CohortSubmission {
    /// The body to send: compact JSON, members in the order above.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        let mut o = ObjectWriter::new(&mut out);
        o.string("municipality", &self.municipality);
        o.string("programme", &self.programme);
        o.string("round", &self.round);
        o.raw("reports", |out| {
            out.push('[');
            for (i, report) in self.reports.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&report.to_json());
            }
            out.push(']');
        });
        if !self.heard_from.is_empty() {
            o.raw("heard_from", |out| write_channels(out, &self.heard_from));
        }
        o.finish();
        out
    }

    /// Reads and checks a submission; every problem with its path. Names
    /// are trimmed.
    pub fn from_json(value: &Json) -> Result<CohortSubmission, Vec<Problem>> {
        let mut p = Vec::new();
        let Some(f) = Fields::of(
            value,
            "",
            &[
                "municipality",
                "programme",
                "round",
                "reports",
                "heard_from",
            ],
            &mut p,
        ) else {
            return Err(p);
        };
        let municipality = name(&f, "municipality", MAX_COHORT_NAME, &mut p);
        let programme = name(&f, "programme", MAX_COHORT_NAME, &mut p);
        let round = name(&f, "round", MAX_COHORT_ROUND, &mut p);
        let reports = match f.required("reports", &mut p) {
            None => Vec::new(),
            Some(Json::Array(items)) => {
                if items.is_empty() {
                    p.push(Problem::new("reports", "must hold at least one report"));
                } else if items.len() > MAX_COHORT_REPORTS {
                    p.push(Problem::new(
                        "reports",
                        format!(
                            "holds {} reports; send at most {MAX_COHORT_REPORTS}",
                            items.len()
                        ),
                    ));
                }
                let mut reports: Vec<CohortReport> = Vec::new();
                for (i, item) in items.iter().take(MAX_COHORT_REPORTS).enumerate() {
                    let path = format!("reports[{i}]");
                    let Some(report) = decode_report(item, &path, &mut p) else {
                        continue;
                    };
                    let same_instrument = |r: &&CohortReport| {
                        r.instrument == report.instrument && r.version == report.version
                    };
                    let earlier = reports
                        .iter()
                        .position(|r| same_instrument(&r) && r.group == report.group);
                    let mixed = reports.iter().filter(same_instrument).position(|r| {
                        (r.group == CohortGroup::All) != (report.group == CohortGroup::All)
                    });
                    if let Some(j) = earlier {
                        p.push(Problem::new(
                            path,
                            format!(
                                "instrument \"{}\" version {} for {} is also in reports[{j}]; send each instrument version and group once",
                                report.instrument, report.version, report.group.id()
                            ),
                        ));
                    } else if mixed.is_some() {
                        p.push(Problem::new(
                            join(&path, "group"),
                            format!(
                                "instrument \"{}\" version {} is sent both for everyone and by role; send one or the other, since the total minus one role gives the other",
                                report.instrument, report.version
                            ),
                        ));
                    }
                    reports.push(report);
                }
                reports
            }
            Some(other) => {
                p.push(expected("reports", "an array of reports", other));
                Vec::new()
            }
        };
        let heard_from = f
            .get("heard_from")
            .map(|v| read_channels(v, &f.path("heard_from"), &mut p))
            .unwrap_or_default();
        match (municipality, programme, round) {
            (Some(municipality), Some(programme), Some(round)) if p.is_empty() => {
                Ok(CohortSubmission {
                    municipality,
                    programme,
                    round,
                    reports,
                    heard_from,
                })
            }
            _ => Err(p),
        }
    }

    /// [`CohortSubmission::from_json`] from text; a syntax error is one
    /// problem with an empty path.
    pub fn from_json_text(text: &str) -> Result<CohortSubmission, Vec<Problem>> {
        let value = parse(text).map_err(|e| vec![Problem::new("", e.to_string())])?;
        CohortSubmission::from_json(&value)
    }

    /// The submission as one CSV: `municipality,programme,round,` and then
    /// the columns of [`CohortReport::to_csv_many`]
    /// (`instrument,version,group,measure,value`), one row per figure.
    /// Text is quoted and defused as in [`lokalform_text::csv::field`];
    /// numbers are written as they are. Starts with a byte-order mark.
    ///
    /// ```
    /// use lokalform_forms::aggregate::{Cohort, CohortGroup, CohortSubmission};
    /// let pairs = vec![(Some(10.0), Some(8.0)); 6];
    /// let submission = CohortSubmission {
    ///     municipality: "Vejle Kommune".into(),
    ///     programme: "Peer-mentorprojektet, Vejle".into(),
    ///     round: "2026-2".into(),
    ///     reports: vec![Cohort::new(&pairs, |t| t < 12.0).report_for("lsns6", 1, CohortGroup::Peers)],
    ///     heard_from: vec![],
    /// };
    /// let csv = submission.to_csv();
    /// assert!(csv.starts_with("\u{feff}municipality,programme,round,instrument,version,group,measure,value\r\n"));
    /// assert!(csv.contains("Vejle Kommune,\"Peer-mentorprojektet, Vejle\",2026-2,lsns6,1,peers,mean_change,-2\r\n"));
    /// ```
    pub fn to_csv(&self) -> String {
        let mut out = format!("\u{feff}municipality,programme,round,{REPORT_CSV_HEADER}\r\n");
        let mut prefix = String::new();
        for name in [&self.municipality, &self.programme, &self.round] {
            prefix.push_str(&lokalform_text::csv::field(name));
            prefix.push(',');
        }
        write_csv_rows(&mut out, &self.reports, &prefix);
        out.push_str(&super::channels_csv_rows(&self.heard_from, &prefix));
        out
    }

    /// Whether the collector will accept this submission: the same checks,
    /// run on the body [`CohortSubmission::to_json`] would send, so a
    /// device can show the problems before sending.
    pub fn check(&self) -> Result<(), Vec<Problem>> {
        CohortSubmission::from_json_text(&self.to_json()).map(|_| ())
    }
}

/// A municipality, programme or round: trimmed, 1 to `max` characters, no
/// control characters, nothing [`redact`] would remove.
fn name(f: &Fields, member: &str, max: usize, p: &mut Vec<Problem>) -> Option<String> {
    let raw = f.string(member, p)?;
    let text = raw.trim();
    let path = f.path(member);
    let length = text.chars().count();
    let problem = if text.is_empty() {
        Some("must not be empty".to_string())
    } else if length > max {
        Some(format!(
            "is {length} characters long; at most {max} are allowed"
        ))
    } else if text.chars().any(char::is_control) {
        Some("must not contain control characters such as line breaks or tabs".to_string())
    } else if !(member == "round" && is_year_round(text)) && redact(text, Lang::Da) != text {
        Some(
            "looks like it holds personal data (a CPR number, phone number, e-mail address \
             or a run of six or more digits); send only the name"
                .to_string(),
        )
    } else {
        None
    };
    match problem {
        Some(message) => {
            p.push(Problem::new(path, message));
            None
        }
        None => Some(text.to_string()),
    }
}

/// `YYYY`, `YYYY-N` or `YYYY-NN`.
fn is_year_round(text: &str) -> bool {
    let (year, part) = text.split_once('-').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    year.len() == 4
        && digits(year)
        && (text.len() == 4 || (1..=2).contains(&part.len()) && digits(part))
}

/// One report at `path`; `None` when it has a problem (all are in `p`).
fn decode_report(value: &Json, path: &str, p: &mut Vec<Problem>) -> Option<CohortReport> {
    let start = p.len();
    let f = Fields::of(value, path, REPORT_MEMBERS, p)?;
    let instrument = f.string("instrument", p).filter(|id| {
        let ok = is_identifier(id);
        if !ok {
            p.push(Problem::new(
                f.path("instrument"),
                format!("must be 1 to {MAX_INSTRUMENT_ID} of A-Z, a-z, 0-9, _ and - (the instrument definition's id)"),
            ));
        }
        ok
    });
    let group = match f.get("group") {
        None => Some(CohortGroup::All),
        Some(Json::String(id)) => CohortGroup::from_id(id).or_else(|| {
            p.push(Problem::new(
                f.path("group"),
                format!("is \"{id}\"; expected one of: all, peers, mentors"),
            ));
            None
        }),
        Some(other) => {
            p.push(expected(&f.path("group"), "a string", other));
            None
        }
    };
    let version = f.u32("version", p).filter(|&v| {
        if v == 0 {
            p.push(Problem::new(f.path("version"), "must be 1 or more"));
        }
        v > 0
    });
    match f.u32("min_cell", p) {
        Some(k) if u64::from(k) == SMALL_CELL => {}
        Some(k) => p.push(Problem::new(
            f.path("min_cell"),
            format!("is {k}; this collector takes reports with counts below {SMALL_CELL} suppressed, so it must be {SMALL_CELL}"),
        )),
        None => {}
    }
    let with_both = f
        .required("with_both", p)
        .and_then(|v| cell(v, &f.path("with_both"), p));
    let lacking = f.required("lacking", p).and_then(|v| {
        row(
            v,
            &f.path("lacking"),
            &["before", "after", "both"],
            false,
            p,
        )
    });
    let mut at_risk = [None, None];
    for (slot, member) in at_risk.iter_mut().zip(["at_risk_before", "at_risk_after"]) {
        let row_path = f.path(member);
        *slot = f
            .required(member, p)
            .and_then(|v| row(v, &row_path, &["at_risk", "not_at_risk"], true, p));
        if let (Some(r), Some(n)) = (slot.as_ref(), with_both) {
            if r.total != n {
                p.push(Problem::new(
                    join(&row_path, "total"),
                    "must equal with_both: the at-risk rows count those with both measurements",
                ));
            }
        }
    }
    let statistics: Vec<Option<Option<f64>>> = STATISTICS
        .iter()
        .map(|member| statistic(&f, member, p))
        .collect();
    if let (Some(n), Some(values)) = (
        with_both,
        statistics.iter().copied().collect::<Option<Vec<_>>>(),
    ) {
        check_statistics(&f, n, &values, p);
    }
    let [at_risk_before, at_risk_after] = at_risk;
    if p.len() > start {
        return None;
    }
    let value = |i: usize| statistics.get(i).copied().flatten().flatten();
    let ci95 = value(3).zip(value(4));
    Some(CohortReport {
        instrument: instrument?,
        version: version?,
        group: group?,
        with_both: with_both?,
        lacking: lacking?,
        mean_before: value(0),
        mean_after: value(1),
        mean_change: value(2),
        ci95,
        at_risk_before: at_risk_before?,
        at_risk_after: at_risk_after?,
    })
}

/// A statistic: `Some(None)` for null or missing, `None` for a problem.
fn statistic(f: &Fields, member: &str, p: &mut Vec<Problem>) -> Option<Option<f64>> {
    let Some(value) = f.get(member) else {
        return Some(None);
    };
    let Json::Number(text) = value else {
        p.push(expected(&f.path(member), "a number or null", value));
        return None;
    };
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && x.abs() <= MAX_STATISTIC => {
            if round2(x) != x {
                p.push(Problem::new(
                    f.path(member),
                    "must be rounded to 2 decimals",
                ));
                return None;
            }
            Some(Some(x))
        }
        _ => {
            p.push(Problem::new(
                f.path(member),
                format!("must be from -{MAX_STATISTIC} to {MAX_STATISTIC}"),
            ));
            None
        }
    }
}

/// Means and the interval: published exactly when 5 or more have both,
/// and then consistent with each other.
fn check_statistics(f: &Fields, with_both: Cell, values: &[Option<f64>], p: &mut Vec<Problem>) {
    let published = matches!(with_both, Cell::Shown(n) if n >= SMALL_CELL);
    for (member, value) in STATISTICS.iter().zip(values) {
        match (published, value) {
            (false, Some(_)) => p.push(Problem::new(
                f.path(member),
                format!(
                    "must be null: fewer than {SMALL_CELL} have both measurements (with_both is {})",
                    with_both.label()
                ),
            )),
            (true, None) => p.push(Problem::new(
                f.path(member),
                format!("is required when {SMALL_CELL} or more have both measurements"),
            )),
            _ => {}
        }
    }
    let &[Some(before), Some(after), Some(change), Some(low), Some(high)] = values else {
        return;
    };
    if low > high {
        p.push(Problem::new(
            f.path("ci95_low"),
            format!("is above ci95_high ({low} > {high})"),
        ));
    } else if change < low || change > high {
        p.push(Problem::new(
            f.path("mean_change"),
            "must lie within its 95% interval (ci95_low to ci95_high)",
        ));
    }
    if (change - (after - before)).abs() > ROUNDING_SLACK {
        p.push(Problem::new(
            f.path("mean_change"),
            "must be mean_after - mean_before (up to rounding)",
        ));
    }
}

/// One published count: `{"label":"12","value":12}`,
/// `{"label":"<5","value":null}` or `{"label":"x","value":null}`.
pub(super) fn cell(value: &Json, path: &str, p: &mut Vec<Problem>) -> Option<Cell> {
    let f = Fields::of(value, path, &["label", "value"], p)?;
    let label = f.string("label", p);
    let number = match f.get("value") {
        None => None,
        Some(Json::Number(text)) => match text.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                p.push(Problem::new(
                    f.path("value"),
                    "expected a whole number from 0, or null",
                ));
                return None;
            }
        },
        Some(other) => {
            p.push(expected(&f.path("value"), "a whole number or null", other));
            return None;
        }
    };
    let label = label?;
    let small = Cell::Small.label();
    let hidden = Cell::Hidden.label();
    if label == small || label == hidden {
        if number.is_some() {
            p.push(Problem::new(
                f.path("value"),
                format!(
                    "must be null when the label is \"{label}\": a suppressed count is never sent"
                ),
            ));
            return None;
        }
        return Some(if label == small {
            Cell::Small
        } else {
            Cell::Hidden
        });
    }
    let Some(n) = label.parse::<u64>().ok().filter(|n| n.to_string() == label) else {
        p.push(Problem::new(
            f.path("label"),
            format!("expected a count, \"{small}\" or \"{hidden}\""),
        ));
        return None;
    };
    if number != Some(n) {
        p.push(Problem::new(
            f.path("value"),
            format!("must be {n}, the count of the label"),
        ));
        return None;
    }
    if n > 0 && n < SMALL_CELL {
        p.push(Problem::new(
            f.path("value"),
            format!(
                "cell below {SMALL_CELL} must be suppressed (send {{\"label\":\"{small}\",\"value\":null}})"
            ),
        ));
        return None;
    }
    Some(Cell::Shown(n))
}

/// A suppressed row: `{"withheld", "total", <names…>, ["share"]}`, as
/// [`suppress_row`](super::suppress_row) could have made it.
fn row(
    value: &Json,
    path: &str,
    names: &[&str],
    with_share: bool,
    p: &mut Vec<Problem>,
) -> Option<SuppressedRow> {
    let start = p.len();
    let mut known = vec!["withheld", "total"];
    known.extend_from_slice(names);
    if with_share {
        known.push("share");
    }
    let f = Fields::of(value, path, &known, p)?;
    let withheld = match f.required("withheld", p) {
        Some(Json::Bool(b)) => Some(*b),
        Some(other) => {
            p.push(expected(&f.path("withheld"), "true or false", other));
            None
        }
        None => None,
    };
    let total = f
        .required("total", p)
        .and_then(|v| cell(v, &f.path("total"), p));
    let cells: Vec<Option<Cell>> = names
        .iter()
        .map(|name| f.required(name, p).and_then(|v| cell(v, &f.path(name), p)))
        .collect();
    let share = if with_share {
        statistic_share(&f, p)
    } else {
        Some(None)
    };
    if p.len() > start {
        return None;
    }
    let row = SuppressedRow {
        cells: cells.into_iter().collect::<Option<Vec<Cell>>>()?,
        total: total?,
        withheld: withheld?,
    };
    check_row(&f, names, &row, p);
    if with_share && p.len() == start {
        check_share(&f, &row, share?, p);
    }
    (p.len() == start).then_some(row)
}

fn statistic_share(f: &Fields, p: &mut Vec<Problem>) -> Option<Option<f64>> {
    let Some(value) = f.get("share") else {
        return Some(None);
    };
    match value {
        Json::Number(text) => match text.parse::<f64>() {
            Ok(x) if (0.0..=1.0).contains(&x) => Some(Some(x)),
            _ => {
                p.push(Problem::new(f.path("share"), "must be from 0 to 1"));
                None
            }
        },
        other => {
            p.push(expected(
                &f.path("share"),
                "a number from 0 to 1, or null",
                other,
            ));
            None
        }
    }
}

/// The row adds up, pins no suppressed cell down, and is withheld only as
/// a whole.
fn check_row(f: &Fields, names: &[&str], row: &SuppressedRow, p: &mut Vec<Problem>) {
    let start = p.len();
    if row.total == Cell::Hidden {
        p.push(Problem::new(
            f.path("total"),
            format!(
                "a row's total is never hidden: it is a count or \"{}\"",
                Cell::Small.label()
            ),
        ));
        return;
    }
    if row.withheld {
        for (name, cell) in names.iter().zip(&row.cells) {
            if *cell != Cell::Hidden {
                p.push(Problem::new(
                    f.path(name),
                    format!("must be \"{}\": the row is withheld", Cell::Hidden.label()),
                ));
            }
        }
    } else if row.total == Cell::Small {
        p.push(Problem::new(
            f.path("withheld"),
            format!(
                "must be true: a row whose total is \"{}\" is withheld",
                Cell::Small.label()
            ),
        ));
    }
    if p.len() > start {
        // Already wrong; the arithmetic below would only repeat it.
        return;
    }
    let ranges: Vec<(u64, u64)> = (0..row.cells.len())
        .map(|i| feasible_range(row, i))
        .collect();
    if ranges.iter().any(|(lo, hi)| lo > hi) {
        p.push(Problem::new(
            f.path("total"),
            "the cells do not add up to the total",
        ));
        return;
    }
    for ((name, cell), (lo, hi)) in names.iter().zip(&row.cells).zip(&ranges) {
        if !matches!(cell, Cell::Shown(_)) && lo == hi {
            p.push(Problem::new(
                f.path(name),
                "could be worked out from the total and the other cells; hide a further cell (\"x\")",
            ));
        }
    }
}

/// The share of the first cell: given exactly when that cell and the total
/// are shown (and the total is not 0), and then equal to their ratio
/// rounded to three decimals.
fn check_share(f: &Fields, row: &SuppressedRow, share: Option<f64>, p: &mut Vec<Problem>) {
    let due = match (row.cells.first().copied(), row.total) {
        (Some(Cell::Shown(k)), Cell::Shown(n)) if n > 0 => Some(k as f64 / n as f64),
        _ => None,
    };
    match (share, due) {
        (Some(_), None) => p.push(Problem::new(
            f.path("share"),
            "must be null: it is published only when the at-risk count and the total are shown",
        )),
        (None, Some(_)) => p.push(Problem::new(
            f.path("share"),
            "is required when the at-risk count and the total are shown",
        )),
        (Some(given), Some(exact)) if (given - exact).abs() > 0.0005 + 1e-9 => {
            p.push(Problem::new(
                f.path("share"),
                "must be at_risk / total, rounded to 3 decimals",
            ))
        }
        _ => {}
    }
}

/// Rounds to two decimals, as [`CohortReport`]'s statistics are.
fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}
