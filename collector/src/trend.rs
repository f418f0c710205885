//! The report per period (month or quarter): JSON and CSV.
//!
//! Built from the same [`Report`] as the all-time exports and the
//! dashboard, so every export shows the same suppressed cells: each
//! question was suppressed once, as one table of every period and the
//! all-time row ([`lokalform_forms::aggregate::suppress_table`]).
//!
//! A question with positive answers ([`crate::report::positive_options`])
//! also gets, per period, the number of positive answers and their share
//! of the answers, both worked out from the published cells only: when a
//! cell they need is `<5` or `x`, they are `null` (a gap in the chart).

use crate::period::PeriodKind;
use crate::report::{OptionReport, Published, Report};
use serde::Serialize;

/// Every form's counts per period.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TrendReport {
    /// `month` or `quarter`, from the configuration.
    pub period: PeriodKind,
    /// One entry per registered form version, by id then version.
    pub forms: Vec<FormTrend>,
}

/// One form version's periods.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FormTrend {
    /// Form id.
    pub form: String,
    /// Form version.
    pub version: u32,
    /// The form's title (Danish).
    pub title: String,
    /// From the first period with responses to the last, in time order.
    pub periods: Vec<PeriodTrend>,
}

/// One period of one form.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PeriodTrend {
    /// The period's id: `2026-03` or `2026-Q1`.
    pub period: String,
    /// Its Danish name: `marts 2026`, `1. kvartal 2026`.
    pub label: String,
    /// The published number of responses.
    pub responses: Published,
    /// One entry per counted question, in the definition's order.
    pub questions: Vec<QuestionTrend>,
}

/// One question in one period.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuestionTrend {
    /// Question id.
    pub question: String,
    /// The question (Danish).
    pub label: String,
    /// True when the period's responses are not shown exactly, so all of
    /// its cells are hidden.
    pub withheld: bool,
    /// The option values counted as positive answers (empty: none).
    pub positive_options: Vec<String>,
    /// Positive answers, when every positive cell is shown (`null`
    /// otherwise, and for a question without positive answers).
    pub positive: Option<u64>,
    /// Their share of the answers, 0 to 1, when it can be worked out.
    pub positive_share: Option<f64>,
    /// The cells, as in the all-time report.
    pub options: Vec<OptionReport>,
}

/// The per-period view of a report.
pub fn build(report: &Report) -> TrendReport {
    let forms = report
        .forms
        .iter()
        .map(|form| FormTrend {
            form: form.form.clone(),
            version: form.version,
            title: form.title.clone(),
            periods: form
                .periods
                .iter()
                .enumerate()
                .map(|(p, period)| PeriodTrend {
                    period: period.period.id(),
                    label: period.period.label_da(),
                    responses: period.responses.clone(),
                    questions: form
                        .questions
                        .iter()
                        .filter_map(|q| {
                            let row = q.periods.get(p)?;
                            Some(QuestionTrend {
                                question: q.question.clone(),
                                label: q.label.clone(),
                                withheld: row.withheld,
                                positive_options: q.positive.clone(),
                                positive: row.positive,
                                positive_share: row.positive_share,
                                options: row.options.clone(),
                            })
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    TrendReport {
        period: report.period,
        forms,
    }
}

/// The CSV header of [`to_csv`].
pub const CSV_HEADER: &str = "form,version,period,period_label,question,option,label,count";

/// The report per period as CSV: `form,version,period,period_label,question,option,label,count`.
/// Each period starts with a `_responses` row; a question with positive
/// answers ends with `_positive` (their number) and `_positive_share` (0 to
/// 1 with four decimals) rows, empty when they cannot be worked out from
/// the published cells. `count` is the published label (`12`, `<5` or
/// `x`). Starts with a byte-order mark, like the other CSVs.
///
/// ```
/// use lokalform_collector::trend::{to_csv, TrendReport};
/// use lokalform_collector::period::PeriodKind;
/// let csv = to_csv(&TrendReport { period: PeriodKind::Quarter, forms: vec![] });
/// assert_eq!(csv, "\u{feff}form,version,period,period_label,question,option,label,count\r\n");
/// ```
pub fn to_csv(report: &TrendReport) -> String {
    let mut out = format!("\u{feff}{CSV_HEADER}\r\n");
    for form in &report.forms {
        let version = form.version.to_string();
        for period in &form.periods {
            let mut line = |question: &str, option: &str, label: &str, count: &str| {
                lokalform_text::csv::row(
                    &mut out,
                    &[
                        &form.form,
                        &version,
                        &period.period,
                        &period.label,
                        question,
                        option,
                        label,
                        count,
                    ],
                );
            };
            line("_responses", "", "Besvarelser", &period.responses.label);
            for q in &period.questions {
                for o in &q.options {
                    line(&q.question, &o.option, &o.label, &o.count.label);
                }
                if !q.positive_options.is_empty() {
                    let positive = q.positive.map(|n| n.to_string()).unwrap_or_default();
                    let share = q
                        .positive_share
                        .map(|s| format!("{s:.4}"))
                        .unwrap_or_default();
                    line(&q.question, "_positive", "Positive svar", &positive);
                    line(
                        &q.question,
                        "_positive_share",
                        "Andel positive svar",
                        &share,
                    );
                }
            }
        }
    }
    out
}
