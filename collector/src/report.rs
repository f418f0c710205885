//! Reports: the counters as they may be published.
//!
//! Every row of counts passes through [`suppress_row`]: counts from 1 to 4
//! are shown as `<5`, further cells are hidden (`x`) so that no small count
//! can be recovered by subtraction, and a row that cannot be published
//! safely is withheld.
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
//! Reports always cover all weeks together. There is deliberately no
//! per-week or date-range breakdown: two overlapping ranges, each safely
//! suppressed, could be subtracted from each other to reveal the few answers
//! given in the weeks where they differ.

use crate::forms::FormRegistry;
use crate::store::Totals;
use lokalform_forms::aggregate::{suppress_row, Cell, SMALL_CELL};
use lokalform_forms::schema::{Field, FieldKind, Lang};
use serde::Serialize;
use std::collections::HashMap;

/// The option value used for "not answered" in reports and the CSV.
pub const UNANSWERED: &str = "_unanswered";
/// The label of [`UNANSWERED`].
pub const UNANSWERED_LABEL: &str = "Ikke besvaret";

/// All forms' published counts.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Report {
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
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FormReport {
    /// Form id.
    pub form: String,
    /// Form version.
    pub version: u32,
    /// The form's title (Danish).
    pub title: String,
    /// Responses in total.
    pub responses: Published,
    /// One entry per counted question, in the definition's order.
    pub questions: Vec<QuestionReport>,
}

/// One question's row.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
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

/// The published number for a total that stands alone.
fn total_cell(n: u64) -> Cell {
    if n > 0 && n < SMALL_CELL {
        Cell::Small
    } else {
        Cell::Shown(n)
    }
}

/// Builds the suppressed report for the registered forms (optionally only
/// the form `only`) from the stored totals.
pub fn build(registry: &FormRegistry, totals: &Totals, only: Option<&str>) -> Report {
    let responses: HashMap<(&str, u32), u64> = totals
        .responses
        .iter()
        .map(|r| ((r.form.as_str(), r.version), r.responses))
        .collect();
    let counts: HashMap<(&str, u32, &str, &str), u64> = totals
        .options
        .iter()
        .map(|o| {
            (
                (
                    o.form.as_str(),
                    o.version,
                    o.question.as_str(),
                    o.option.as_str(),
                ),
                o.count,
            )
        })
        .collect();
    let forms = registry
        .iter()
        .filter(|form| only.is_none_or(|id| id == form.id))
        .map(|form| {
            let total = responses
                .get(&(form.id.as_str(), form.version))
                .copied()
                .unwrap_or(0);
            let questions = form
                .fields
                .iter()
                .filter(|f| f.aggregate && f.kind.has_options())
                .map(|field| {
                    let row: Vec<u64> = field
                        .options
                        .iter()
                        .map(|o| {
                            counts
                                .get(&(
                                    form.id.as_str(),
                                    form.version,
                                    field.id.as_str(),
                                    o.value.as_str(),
                                ))
                                .copied()
                                .unwrap_or(0)
                        })
                        .collect();
                    if field.kind == FieldKind::MultiChoice {
                        multi_choice_row(field, &row, total)
                    } else {
                        one_choice_row(field, row, total)
                    }
                })
                .collect();
            FormReport {
                form: form.id.clone(),
                version: form.version,
                title: form.title.get(Lang::Da).to_string(),
                responses: total_cell(total).into(),
                questions,
            }
        })
        .collect();
    Report { forms }
}

/// The row of a question with one answer per response: the options, then
/// "not answered" (the responses left), suppressed together.
fn one_choice_row(field: &Field, mut row: Vec<u64>, total: u64) -> QuestionReport {
    let answered: u64 = row.iter().sum();
    row.push(total.saturating_sub(answered));
    let suppressed = suppress_row(&row);
    let labels = field
        .options
        .iter()
        .map(|o| (o.value.clone(), o.label.get(Lang::Da).to_string()))
        .chain([(UNANSWERED.to_string(), UNANSWERED_LABEL.to_string())]);
    QuestionReport {
        question: field.id.clone(),
        label: field.label.get(Lang::Da).to_string(),
        withheld: suppressed.withheld,
        options: labels
            .zip(suppressed.cells)
            .map(|((option, label), cell)| OptionReport {
                option,
                label,
                count: cell.into(),
            })
            .collect(),
    }
}

/// The row of a multiple-choice question: each option chosen once at most
/// per response, so the options do not add up to the responses and "not
/// answered" cannot be told. Each option is published as one half of the
/// pair (chosen, not chosen), suppressed as a row of its own: the responses
/// are published, so "not chosen" is always derivable and must be safe too.
fn multi_choice_row(field: &Field, row: &[u64], total: u64) -> QuestionReport {
    let mut withheld = true;
    let options = field
        .options
        .iter()
        .zip(row)
        .map(|(o, &chosen)| {
            let pair = suppress_row(&[chosen, total.saturating_sub(chosen)]);
            withheld &= pair.withheld;
            OptionReport {
                option: o.value.clone(),
                label: o.label.get(Lang::Da).to_string(),
                count: pair.cells[0].into(),
            }
        })
        .collect();
    QuestionReport {
        question: field.id.clone(),
        label: field.label.get(Lang::Da).to_string(),
        withheld,
        options,
    }
}

/// The report as CSV: `form,version,question,option,label,count`, where
/// count is the published label (`12`, `<5` or `x`). Each form version
/// starts with a `_responses` row for its total. Starts with a byte-order
/// mark so spreadsheet programs read æ, ø and å correctly.
///
/// ```
/// use lokalform_collector::report::{to_csv, Report};
/// let csv = to_csv(&Report { forms: vec![] });
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
    use crate::store::{OptionTotal, ResponseTotal};
    use lokalform_forms::schema::{Form, FEEDBACK_FORM_JSON};

    fn registry() -> FormRegistry {
        let mut r = FormRegistry::default();
        let form = Form::from_json(FEEDBACK_FORM_JSON).expect("shipped form");
        assert!(r.add(form, "feedback.json".into()).is_ok());
        r
    }

    fn option(question: &str, option: &str, count: u64) -> OptionTotal {
        OptionTotal {
            form: "feedback".into(),
            version: 2,
            question: question.into(),
            option: option.into(),
            count,
        }
    }

    #[test]
    fn small_cells_and_unanswered_are_suppressed() {
        let totals = Totals {
            responses: vec![ResponseTotal {
                form: "feedback".into(),
                version: 2,
                responses: 40,
            }],
            options: vec![
                option("overall", "1", 3),
                option("overall", "2", 10),
                option("overall", "3", 12),
                option("overall", "4", 15),
                option("heard", "yes", 38),
            ],
        };
        let report = build(&registry(), &totals, None);
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
        let totals = Totals {
            responses: vec![ResponseTotal {
                form: "feedback".into(),
                version: 2,
                responses: 3,
            }],
            options: vec![option("overall", "4", 3)],
        };
        let report = build(&registry(), &totals, None);
        assert_eq!(report.forms[0].responses.label, "<5");
        assert!(report.forms[0].questions.iter().all(|q| q.withheld));
        assert!(!to_csv(&report).contains(",3\r\n"));
    }

    #[test]
    fn csv_quotes_and_defuses() {
        assert_eq!(lokalform_text::csv::field("a,b"), "\"a,b\"");
        assert_eq!(lokalform_text::csv::field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(lokalform_text::csv::field("<5"), "<5");
    }
}
