//! Reports: the counters as they may be published.
//!
//! Every table of counts passes through [`suppress_table`] (the responses
//! through [`suppress_responses`]): counts from 1 to 4 are shown as `<5`,
//! further cells are hidden (`x`) so that no small count can be recovered
//! by subtraction, and a row that cannot be published safely is withheld.
//!
//! Each question's row also holds the "not answered" count (responses minus
//! answers). It is derivable from the published total and the options, so
//! it must be suppressed like any other cell.
//!
//! A multiple-choice question counts each chosen option once per response,
//! so its options do not add up to the responses and it has no "not
//! answered" cell; each option is suppressed with its complement (the
//! responses that did not choose it) instead.
//!
//! Reports cover all weeks together and, beside that, each reporting
//! period (month or quarter, see [`crate::period`]); never a week or an
//! arbitrary date range, since two overlapping ranges, each safely
//! suppressed, could be subtracted from each other to reveal the few answers
//! given in the weeks where they differ. Because every period's table and
//! the all-time row are published together, each question is suppressed as
//! one table by [`suppress_table`] (complementary suppression across
//! periods), and the all-time row published here is that table's: the
//! dashboard, the JSON and the CSV exports all show these same cells.

use crate::forms::FormRegistry;
use crate::period::{span, Period, PeriodKind};
use crate::store::WeeklyTotals;
use crate::week::IsoWeek;
use lokalform_forms::aggregate::{
    suppress_responses, suppress_table, Cell, SuppressedRow, SuppressedTable,
};
use lokalform_forms::schema::{Field, FieldKind, Form, Lang};
use serde::Serialize;
use std::collections::HashMap;

/// The option value used for "not answered" in reports and the CSV.
pub const UNANSWERED: &str = "_unanswered";
/// The label of [`UNANSWERED`].
pub const UNANSWERED_LABEL: &str = "Ikke besvaret";

/// All forms' published counts.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    /// The reporting period of [`FormReport::periods`] (not in the
    /// all-time JSON; see [`crate::trend`]).
    #[serde(skip)]
    pub period: PeriodKind,
    /// One entry per registered form version, by id then version.
    pub forms: Vec<FormReport>,
}

/// One published number: its label (`12`, `<5` or `x`) and, only when it is
/// shown, its value.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Published {
    /// What to print.
    pub label: String,
    /// The exact value, when it may be shown.
    pub value: Option<u64>,
}

impl From<Cell> for Published {
    fn from(cell: Cell) -> Published {
        Published {
            label: cell.label(),
            value: cell.shown(),
        }
    }
}

/// One form version.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FormReport {
    /// Form id.
    pub form: String,
    /// Form version.
    pub version: u32,
    /// The form's title (Danish).
    pub title: String,
    /// Responses in total.
    pub responses: Published,
    /// The responses per period, from the first period with responses to
    /// the last, in time order.
    #[serde(skip)]
    pub periods: Vec<PeriodResponses>,
    /// One entry per counted question, in the definition's order.
    pub questions: Vec<QuestionReport>,
}

/// One period's responses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodResponses {
    /// The period.
    pub period: Period,
    /// The published number of responses.
    pub responses: Published,
}

/// One question's row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuestionReport {
    /// Question id.
    pub question: String,
    /// The question (Danish).
    pub label: String,
    /// True when no cell could be published safely.
    pub withheld: bool,
    /// The options in the definition's order, then "not answered" (not for
    /// a multiple-choice question, where it cannot be told).
    pub options: Vec<OptionReport>,
    /// The same cells per period, one entry per [`FormReport::periods`].
    #[serde(skip)]
    pub periods: Vec<PeriodRow>,
    /// The option values counted as positive answers for the trend
    /// ([`positive_options`]); empty when the question has none.
    #[serde(skip)]
    pub positive: Vec<String>,
}

/// One question's cells in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodRow {
    /// True when the period's responses are not shown exactly, so all of
    /// its cells are hidden.
    pub withheld: bool,
    /// The cells, in the order of [`QuestionReport::options`].
    pub options: Vec<OptionReport>,
    /// The share of positive answers among the answers, when it can be
    /// worked out from the published cells alone (a gap otherwise).
    pub positive_share: Option<f64>,
    /// The number of positive answers, when every positive cell is shown.
    pub positive: Option<u64>,
}

/// One cell.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OptionReport {
    /// Option value ([`UNANSWERED`] for "not answered").
    pub option: String,
    /// The option's label (Danish).
    pub label: String,
    /// The published count.
    pub count: Published,
}

/// The option values counted as positive answers in the trend chart: the
/// two happiest faces (`4`, `5`) of a smiley question, and `yes` of a
/// choice or agreement (likert) question that has that option. Other
/// questions (where or how a meeting took place, multiple choice) have no
/// positive answer and get no trend chart, only their counts per period.
///
/// ```
/// use lokalform_collector::report::positive_options;
/// use lokalform_forms::schema::{Form, FEEDBACK_FORM_JSON};
/// let form = Form::from_json(FEEDBACK_FORM_JSON).unwrap();
/// let overall = form.fields.iter().find(|f| f.id == "overall").unwrap();
/// assert_eq!(positive_options(overall), ["4", "5"]);
/// ```
pub fn positive_options(field: &Field) -> Vec<String> {
    let wanted: &[&str] = match field.kind {
        FieldKind::Smiley => &["4", "5"],
        FieldKind::Choice | FieldKind::Likert => &["yes"],
        _ => &[],
    };
    field
        .options
        .iter()
        .filter(|o| wanted.contains(&o.value.as_str()))
        .map(|o| o.value.clone())
        .collect()
}

/// One form version's counts per period, as stored weeks summed.
struct PeriodCounts<'a> {
    periods: Vec<Period>,
    responses: Vec<u64>,
    /// (question, option) → count per period.
    options: HashMap<(&'a str, &'a str), Vec<u64>>,
}

impl<'a> PeriodCounts<'a> {
    fn gather(weekly: &'a WeeklyTotals, form: &Form, kind: PeriodKind) -> PeriodCounts<'a> {
        let mine = |f: &str, v: u32| f == form.id && v == form.version;
        let period_of = |week: &str| IsoWeek::parse(week).map(|w| Period::of_week(w, kind));
        let weeks = weekly
            .responses
            .iter()
            .filter(|r| mine(&r.form, r.version))
            .map(|r| r.week.as_str())
            .chain(
                weekly
                    .options
                    .iter()
                    .filter(|o| mine(&o.form, o.version))
                    .map(|o| o.week.as_str()),
            );
        let mut first: Option<Period> = None;
        let mut last: Option<Period> = None;
        for p in weeks.filter_map(period_of) {
            first = Some(first.map_or(p, |f| f.min(p)));
            last = Some(last.map_or(p, |l| l.max(p)));
        }
        let periods = match (first, last) {
            (Some(f), Some(l)) => span(f, l),
            _ => Vec::new(),
        };
        let index: HashMap<Period, usize> =
            periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
        let slot = |week: &str| period_of(week).and_then(|p| index.get(&p).copied());
        let mut responses = vec![0u64; periods.len()];
        for r in weekly.responses.iter().filter(|r| mine(&r.form, r.version)) {
            if let Some(i) = slot(&r.week) {
                responses[i] += r.responses;
            }
        }
        let mut options: HashMap<(&str, &str), Vec<u64>> = HashMap::new();
        for o in weekly.options.iter().filter(|o| mine(&o.form, o.version)) {
            if let Some(i) = slot(&o.week) {
                options
                    .entry((o.question.as_str(), o.option.as_str()))
                    .or_insert_with(|| vec![0; periods.len()])[i] += o.count;
            }
        }
        PeriodCounts {
            periods,
            responses,
            options,
        }
    }

    fn count(&self, question: &str, option: &str, period: usize) -> u64 {
        self.options
            .get(&(question, option))
            .and_then(|v| v.get(period))
            .copied()
            .unwrap_or(0)
    }
}

/// Builds the suppressed report for the registered forms (optionally only
/// the form `only`) from the stored weekly counters, per period of `kind`
/// and over all weeks.
pub fn build(
    registry: &FormRegistry,
    weekly: &WeeklyTotals,
    kind: PeriodKind,
    only: Option<&str>,
) -> Report {
    let forms = registry
        .iter()
        .filter(|form| only.is_none_or(|id| id == form.id))
        .map(|form| build_form(form, weekly, kind))
        .collect();
    Report {
        period: kind,
        forms,
    }
}

fn build_form(form: &Form, weekly: &WeeklyTotals, kind: PeriodKind) -> FormReport {
    let counts = PeriodCounts::gather(weekly, form, kind);
    let published = suppress_responses(&counts.responses);
    let questions = form
        .fields
        .iter()
        .filter(|f| f.aggregate && f.kind.has_options())
        .map(|field| {
            if field.kind == FieldKind::MultiChoice {
                multi_choice_table(field, &counts, &published)
            } else {
                one_choice_table(field, &counts, &published)
            }
        })
        .collect();
    FormReport {
        form: form.id.clone(),
        version: form.version,
        title: form.title.get(Lang::Da).to_string(),
        responses: published.total.into(),
        periods: counts
            .periods
            .iter()
            .zip(&published.cells)
            .map(|(period, cell)| PeriodResponses {
                period: *period,
                responses: (*cell).into(),
            })
            .collect(),
        questions,
    }
}

/// The value and label of each cell of a question's row.
fn cells(labels: &[(String, String)], row: &[Cell]) -> Vec<OptionReport> {
    labels
        .iter()
        .zip(row)
        .map(|((option, label), cell)| OptionReport {
            option: option.clone(),
            label: label.clone(),
            count: (*cell).into(),
        })
        .collect()
}

/// A question with one answer per response: per period the options, then
/// "not answered" (the period's responses left), suppressed as one table
/// with the all-time row.
fn one_choice_table(
    field: &Field,
    counts: &PeriodCounts<'_>,
    published: &SuppressedRow,
) -> QuestionReport {
    let rows: Vec<Vec<u64>> = (0..counts.periods.len())
        .map(|p| {
            let mut row: Vec<u64> = field
                .options
                .iter()
                .map(|o| counts.count(&field.id, &o.value, p))
                .collect();
            let answered: u64 = row.iter().sum();
            row.push(counts.responses[p].saturating_sub(answered));
            row
        })
        .collect();
    let labels: Vec<(String, String)> = field
        .options
        .iter()
        .map(|o| (o.value.clone(), o.label.get(Lang::Da).to_string()))
        .chain([(UNANSWERED.to_string(), UNANSWERED_LABEL.to_string())])
        .collect();
    let table = table_or_empty(&counts.responses, published, &rows, labels.len());
    let positive = positive_options(field);
    let periods = table
        .periods
        .iter()
        .enumerate()
        .map(|(p, row)| {
            let options = cells(&labels, row);
            let (positive_count, positive_share) =
                positive_share(&options, &positive, published.cells[p]);
            PeriodRow {
                withheld: table.withheld_periods[p],
                options,
                positive_share,
                positive: positive_count,
            }
        })
        .collect();
    QuestionReport {
        question: field.id.clone(),
        label: field.label.get(Lang::Da).to_string(),
        withheld: table.withheld,
        options: cells(&labels, &table.all_time),
        periods,
        positive,
    }
}

/// The table of a form with no periods yet: nothing to suppress.
fn table_or_empty(
    responses: &[u64],
    published: &SuppressedRow,
    rows: &[Vec<u64>],
    columns: usize,
) -> SuppressedTable {
    if rows.is_empty() {
        return SuppressedTable {
            periods: Vec::new(),
            withheld_periods: Vec::new(),
            all_time: vec![Cell::Shown(0); columns],
            withheld: false,
        };
    }
    suppress_table(responses, published, rows)
}

/// The positive answers and their share among the answers of one period,
/// worked out from published numbers only: every positive cell must be
/// shown, and the answers are either the sum of the shown options or the
/// period's shown responses minus the shown "not answered".
fn positive_share(
    options: &[OptionReport],
    positive: &[String],
    responses: Cell,
) -> (Option<u64>, Option<f64>) {
    if positive.is_empty() {
        return (None, None);
    }
    let value = |o: &OptionReport| o.count.value;
    let positives: Option<u64> = options
        .iter()
        .filter(|o| positive.contains(&o.option))
        .map(value)
        .sum();
    let answers: Option<u64> = options
        .iter()
        .filter(|o| o.option != UNANSWERED)
        .map(value)
        .sum::<Option<u64>>()
        .or_else(|| {
            let unanswered = options.iter().find(|o| o.option == UNANSWERED)?;
            responses.shown()?.checked_sub(unanswered.count.value?)
        });
    let share = match (positives, answers) {
        (Some(p), Some(a)) if a > 0 => Some(p as f64 / a as f64),
        _ => None,
    };
    (positives, share)
}

/// A multiple-choice question: each option chosen once at most per
/// response, so the options do not add up to the responses and "not
/// answered" cannot be told. Each option is its own table of (chosen, not
/// chosen) per period: the responses are published, so "not chosen" is
/// always derivable and must be safe too. Only "chosen" is published.
fn multi_choice_table(
    field: &Field,
    counts: &PeriodCounts<'_>,
    published: &SuppressedRow,
) -> QuestionReport {
    let periods = counts.periods.len();
    let tables: Vec<SuppressedTable> = field
        .options
        .iter()
        .map(|o| {
            let rows: Vec<Vec<u64>> = (0..periods)
                .map(|p| {
                    let chosen = counts.count(&field.id, &o.value, p);
                    vec![chosen, counts.responses[p].saturating_sub(chosen)]
                })
                .collect();
            table_or_empty(&counts.responses, published, &rows, 2)
        })
        .collect();
    let labels: Vec<(String, String)> = field
        .options
        .iter()
        .map(|o| (o.value.clone(), o.label.get(Lang::Da).to_string()))
        .collect();
    let chosen = |row: Option<&Vec<Cell>>| row.and_then(|r| r.first()).copied();
    let all_time: Vec<Cell> = tables
        .iter()
        .map(|t| chosen(Some(&t.all_time)).unwrap_or(Cell::Hidden))
        .collect();
    let rows = (0..periods)
        .map(|p| {
            let row: Vec<Cell> = tables
                .iter()
                .map(|t| chosen(t.periods.get(p)).unwrap_or(Cell::Hidden))
                .collect();
            PeriodRow {
                withheld: tables.iter().any(|t| t.withheld_periods[p]),
                options: cells(&labels, &row),
                positive_share: None,
                positive: None,
            }
        })
        .collect();
    QuestionReport {
        question: field.id.clone(),
        label: field.label.get(Lang::Da).to_string(),
        withheld: tables.iter().all(|t| t.withheld),
        options: cells(&labels, &all_time),
        periods: rows,
        positive: Vec::new(),
    }
}

/// The report as CSV: `form,version,question,option,label,count`, where
/// count is the published label (`12`, `<5` or `x`). Each form version
/// starts with a `_responses` row for its total. Starts with a byte-order
/// mark so spreadsheet programs read æ, ø and å correctly.
///
/// ```
/// use lokalform_collector::period::PeriodKind;
/// use lokalform_collector::report::{to_csv, Report};
/// let csv = to_csv(&Report { period: PeriodKind::Quarter, forms: vec![] });
/// assert_eq!(csv, "\u{feff}form,version,question,option,label,count\r\n");
/// ```
pub fn to_csv(report: &Report) -> String {
    let mut out = String::from("\u{feff}form,version,question,option,label,count\r\n");
    let mut line = |fields: [&str; 6]| lokalform_text::csv::row(&mut out, &fields);
    for form in &report.forms {
        let version = form.version.to_string();
        line([
            &form.form,
            &version,
            "_responses",
            "",
            "Besvarelser i alt",
            &form.responses.label,
        ]);
        for q in &form.questions {
            for o in &q.options {
                line([
                    &form.form,
                    &version,
                    &q.question,
                    &o.option,
                    &o.label,
                    &o.count.label,
                ]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{WeekOption, WeekResponses};
    use lokalform_forms::schema::{Form, FEEDBACK_FORM_JSON};

    fn registry() -> FormRegistry {
        let mut r = FormRegistry::default();
        let form = Form::from_json(FEEDBACK_FORM_JSON).expect("shipped form");
        assert!(r.add(form, "feedback.json".into()).is_ok());
        r
    }

    fn option(question: &str, option: &str, count: u64) -> WeekOption {
        WeekOption {
            form: "feedback".into(),
            version: 2,
            question: question.into(),
            option: option.into(),
            week: "2026-W10".into(),
            count,
        }
    }

    fn responses(week: &str, responses: u64) -> WeekResponses {
        WeekResponses {
            form: "feedback".into(),
            version: 2,
            week: week.into(),
            responses,
        }
    }

    #[test]
    fn small_cells_and_unanswered_are_suppressed() {
        let totals = WeeklyTotals {
            responses: vec![responses("2026-W10", 40)],
            options: vec![
                option("overall", "1", 3),
                option("overall", "2", 10),
                option("overall", "3", 12),
                option("overall", "4", 15),
                option("heard", "yes", 38),
            ],
        };
        let report = build(&registry(), &totals, PeriodKind::Quarter, None);
        let form = &report.forms[0];
        assert_eq!(form.responses.label, "40");
        let overall = &form.questions[0];
        let labels: Vec<&str> = overall
            .options
            .iter()
            .map(|o| o.count.label.as_str())
            .collect();
        // 3 is small, "5" is 0, unanswered is 0: 10 must be hidden too.
        assert_eq!(labels, ["<5", "x", "12", "15", "0", "0"]);
        let heard = &form.questions[1];
        assert_eq!(heard.options[3].option, UNANSWERED);
        assert_eq!(heard.options[3].count.label, "<5");
        assert!(heard.options.iter().all(|o| o.count.label != "38"));
    }

    #[test]
    fn small_total_withholds_everything() {
        let totals = WeeklyTotals {
            responses: vec![responses("2026-W10", 3)],
            options: vec![option("overall", "4", 3)],
        };
        let report = build(&registry(), &totals, PeriodKind::Quarter, None);
        assert_eq!(report.forms[0].responses.label, "<5");
        assert!(report.forms[0].questions.iter().all(|q| q.withheld));
        assert!(!to_csv(&report).contains(",3\r\n"));
    }

    fn published(label: &str, value: Option<u64>) -> OptionReport {
        OptionReport {
            option: label.into(),
            label: label.into(),
            count: Published {
                label: value.map_or_else(|| "x".to_string(), |v| v.to_string()),
                value,
            },
        }
    }

    #[test]
    fn the_positive_share_uses_published_cells_only() {
        let positive = vec!["4".to_string(), "5".to_string()];
        // Every cell shown: 6 of 12 answers.
        let row = [
            published("3", Some(6)),
            published("4", Some(2)),
            published("5", Some(4)),
            published(UNANSWERED, Some(0)),
        ];
        assert_eq!(
            positive_share(&row, &positive, Cell::Shown(12)),
            (Some(6), Some(0.5))
        );
        // A negative answer hidden: the answers are the responses minus
        // "not answered".
        let row = [
            published("3", None),
            published("4", Some(5)),
            published("5", Some(5)),
            published(UNANSWERED, Some(2)),
        ];
        assert_eq!(
            positive_share(&row, &positive, Cell::Shown(22)),
            (Some(10), Some(0.5))
        );
        // ... unless the responses are not shown either.
        assert_eq!(
            positive_share(&row, &positive, Cell::Hidden),
            (Some(10), None)
        );
        // A positive cell hidden: a gap.
        let row = [
            published("3", Some(6)),
            published("4", None),
            published("5", Some(6)),
            published(UNANSWERED, Some(0)),
        ];
        assert_eq!(
            positive_share(&row, &positive, Cell::Shown(20)),
            (None, None)
        );
    }

    #[test]
    fn weeks_are_summed_into_quarters_by_their_thursday() {
        let week = |week: &str, question: &str, value: &str, count: u64| WeekOption {
            week: week.into(),
            ..option(question, value, count)
        };
        let totals = WeeklyTotals {
            // 2026-W13 (Thursday 26 March) is the 1st quarter, 2026-W14
            // (Thursday 2 April) the 2nd.
            responses: vec![responses("2026-W13", 12), responses("2026-W14", 10)],
            options: vec![
                week("2026-W13", "overall", "4", 6),
                week("2026-W13", "overall", "5", 6),
                week("2026-W14", "overall", "5", 10),
            ],
        };
        let report = build(&registry(), &totals, PeriodKind::Quarter, None);
        let form = &report.forms[0];
        let ids: Vec<String> = form.periods.iter().map(|p| p.period.id()).collect();
        assert_eq!(ids, ["2026-Q1", "2026-Q2"]);
        assert_eq!(form.responses.label, "22");
        let overall = &form.questions[0];
        assert_eq!(overall.periods[0].positive_share, Some(1.0));
        assert_eq!(overall.periods[1].positive, Some(10));
        let months = build(&registry(), &totals, PeriodKind::Month, None);
        let ids: Vec<String> = months.forms[0]
            .periods
            .iter()
            .map(|p| p.period.id())
            .collect();
        assert_eq!(ids, ["2026-03", "2026-04"]);
    }

    #[test]
    fn csv_quotes_and_defuses() {
        assert_eq!(lokalform_text::csv::field("a,b"), "\"a,b\"");
        assert_eq!(lokalform_text::csv::field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(lokalform_text::csv::field("<5"), "<5");
    }
}
