//! The wire payload: per-question counts.

use crate::schema::{FieldKind, Form, Lang, Problem};
use lokalform_text::json::decode::{as_string, as_u32, expected, join};
use lokalform_text::json::{write_string, Fields, Json, ObjectWriter};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use super::counts::{Counts, Row};

/// The chosen option per question, however the caller keeps them: a map,
/// or (in the browser, where a map type costs wasm) a list of pairs.
///
/// ```
/// use lokalform_forms::aggregate::Choices;
/// let list = vec![("overall".to_string(), "4".to_string())];
/// assert_eq!(list.chosen("overall"), Some("4"));
/// assert_eq!(list.chosen("heard"), None);
/// ```
pub trait Choices {
    /// The option chosen for `question`, if any.
    fn chosen(&self, question: &str) -> Option<&str>;
    /// Every option chosen for `question` (a multiple-choice question's
    /// picks); by default the one of [`Choices::chosen`].
    fn chosen_all(&self, question: &str) -> Vec<&str> {
        self.chosen(question).into_iter().collect()
    }
}

impl Choices for BTreeMap<String, String> {
    fn chosen(&self, question: &str) -> Option<&str> {
        self.get(question).map(String::as_str)
    }
}

impl Choices for [(String, String)] {
    fn chosen(&self, question: &str) -> Option<&str> {
        self.iter()
            .find(|(q, _)| q == question)
            .map(|(_, o)| o.as_str())
    }
    fn chosen_all(&self, question: &str) -> Vec<&str> {
        self.iter()
            .filter(|(q, _)| q == question)
            .map(|(_, o)| o.as_str())
            .collect()
    }
}

impl Choices for Vec<(String, String)> {
    fn chosen(&self, question: &str) -> Option<&str> {
        self.as_slice().chosen(question)
    }
    fn chosen_all(&self, question: &str) -> Vec<&str> {
        self.as_slice().chosen_all(question)
    }
}

/// The smallest kiosk batch that may leave a tablet (k).
pub const MIN_KIOSK_BATCH: u32 = 5;
/// The largest batch accepted in one payload.
pub const MAX_BATCH: u32 = 10_000;

/// Per-question counts for one or more responses: everything a widget sends.
///
/// It holds no id of a person, no time finer than the ISO week it was made
/// (`week`, which the collector corrects by how far the device's clock is
/// off and counts the tally in) and no free text except redacted comments,
/// and only where the form has a comment field. `key` is a random idempotency key so a retried send
/// is never counted twice; the device forgets it after the acknowledgement.
///
/// ```
/// use lokalform_forms::aggregate::Tally;
/// let json = r#"{"form":"feedback","version":1,"key":"0123456789abcdef0123","responses":1,
///                "counts":{"overall":{"4":1}}}"#;
/// let tally: Tally = serde_json::from_str(json).unwrap();
/// assert_eq!(tally.counts["overall"]["4"], 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tally {
    /// The form's id.
    pub form: String,
    /// The form's version.
    pub version: u32,
    /// Random idempotency key, 16–64 of `[A-Za-z0-9_-]`.
    pub key: String,
    /// How many responses the counts cover.
    pub responses: u32,
    /// Counts per question and option.
    pub counts: Counts,
    /// Redacted comments, in no particular order (a kiosk batch's in a
    /// cryptographically random one, so the order says nothing about who
    /// wrote what).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<String>,
    /// The ISO week the tally (and its key) was made, by the device's
    /// clock, as `2026-W49`: no finer than the week the collector stores.
    /// The collector corrects it by the device clock's week at send time
    /// (the `Lokalform-Device-Week` header), counts the tally in the
    /// corrected week, and refuses one older than its receipts allow, so a
    /// late retry can never be counted twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub week: Option<String>,
}

/// Whether `key` is an acceptable idempotency key.
///
/// ```
/// use lokalform_forms::aggregate::is_idempotency_key;
/// assert!(is_idempotency_key("3f9a1c0e-7b2d-4e8f-9a6b-1c2d3e4f5a6b"));
/// assert!(!is_idempotency_key("short"));
/// ```
pub fn is_idempotency_key(key: &str) -> bool {
    (16..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Tally {
    /// The tally of one response: one count for each answered, aggregatable
    /// question (for a multiple-choice question, one for each option chosen,
    /// each once), and the comment (redacted) where the form allows
    /// comments. Answers to unknown questions or options are left out.
    pub fn from_response(
        form: &Form,
        key: &str,
        answers: &(impl Choices + ?Sized),
        comment: Option<&str>,
    ) -> Tally {
        let mut counts = Counts::new();
        for field in form.fields.iter().filter(|f| f.aggregate) {
            // The first pick only, unless several may be chosen; each
            // option once. (No sort: the feedback box's bundle pays for
            // every routine linked.)
            let several = field.kind == FieldKind::MultiChoice;
            let picked = answers.chosen_all(&field.id);
            for (i, value) in picked.iter().enumerate() {
                if i > 0 && !several {
                    break;
                }
                if !picked[..i].contains(value) && field.option(value).is_some() {
                    counts.add(&field.id, value, 1);
                }
            }
        }
        let comments = match (form.comment_field(), comment.map(str::trim)) {
            (Some(field), Some(text)) if !text.is_empty() => {
                let sent = clip(&super::redact(text, Lang::Da), field.comment_limit());
                // A comment that was nothing but a cut label is no comment.
                if sent.is_empty() {
                    Vec::new()
                } else {
                    vec![sent]
                }
            }
            _ => Vec::new(),
        };
        Tally {
            form: form.id.clone(),
            version: form.version,
            key: key.to_string(),
            responses: 1,
            counts,
            comments,
            week: None,
        }
    }

    /// Adds `other` into this tally (kiosk batching). Comments are kept
    /// sorted here; a kiosk shuffles a batch's comments with a
    /// cryptographic random source before it leaves
    /// (`components/src/store/kiosk.rs`).
    pub fn absorb(&mut self, other: &Tally) {
        self.responses = self.responses.saturating_add(other.responses);
        for (question, options) in &other.counts {
            let row = self.counts.row_mut(question);
            for (option, n) in options {
                row.add(option, *n);
            }
        }
        self.comments.extend(other.comments.iter().cloned());
        lokalform_text::sort::sort_small_by(&mut self.comments, |a, b| a < b);
    }

    /// Checks one web response: everything [`Tally::check_against`] checks,
    /// and exactly one response (a batch must go to the kiosk endpoint).
    ///
    /// ```
    /// use lokalform_forms::aggregate::Tally;
    /// use lokalform_forms::schema::{Form, FEEDBACK_FORM_JSON};
    /// let form = Form::from_json(FEEDBACK_FORM_JSON).unwrap();
    /// let no_answers: Vec<(String, String)> = Vec::new();
    /// let mut t = Tally::from_response(&form, "0123456789abcdef", &no_answers, None);
    /// assert!(t.check_web(&form).is_ok());
    /// t.responses = 2;
    /// assert_eq!(t.check_web(&form).unwrap_err()[0].path, "responses");
    /// ```
    pub fn check_web(&self, form: &Form) -> Result<(), Vec<Problem>> {
        let mut problems = self.check_against(form, 1).err().unwrap_or_default();
        if self.responses > 1 {
            problems.push(Problem::new(
                "responses",
                "a web response counts exactly 1 response; send kiosk batches to /api/v1/batches",
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Checks a kiosk batch: everything [`Tally::check_against`] checks,
    /// with at least `k` responses (never fewer than [`MIN_KIOSK_BATCH`]).
    pub fn check_batch(&self, form: &Form, k: u32) -> Result<(), Vec<Problem>> {
        self.check_against(form, k.max(MIN_KIOSK_BATCH))
    }

    /// Checks the tally against its form: known questions and options,
    /// counts that fit the number of responses (one answer per response, or
    /// for a multiple-choice question each option chosen once per response
    /// at most), comments only where allowed
    /// and within the limit, and at least `min_responses` responses.
    ///
    /// Every problem is returned with its path.
    pub fn check_against(&self, form: &Form, min_responses: u32) -> Result<(), Vec<Problem>> {
        let mut out = Vec::new();
        if self.form != form.id {
            out.push(Problem::new("form", format!("expected \"{}\"", form.id)));
        }
        if self.version != form.version {
            out.push(Problem::new(
                "version",
                format!("expected {}", form.version),
            ));
        }
        if !is_idempotency_key(&self.key) {
            out.push(Problem::new(
                "key",
                "must be 16-64 letters, digits, '-' or '_'",
            ));
        }
        if self.responses < min_responses.max(1) {
            out.push(Problem::new(
                "responses",
                format!("must be at least {}", min_responses.max(1)),
            ));
        }
        if self.responses > MAX_BATCH {
            out.push(Problem::new(
                "responses",
                format!("must be at most {MAX_BATCH}"),
            ));
        }
        for (question, options) in &self.counts {
            let at = format!("counts.{question}");
            let Some(field) = form.field(question) else {
                out.push(Problem::new(at, "unknown question"));
                continue;
            };
            if !field.aggregate {
                out.push(Problem::new(at, "this question may not be counted"));
                continue;
            }
            // A multiple-choice question counts each chosen option once per
            // response, so only each option is bounded by the responses; any
            // other question has one answer per response at most.
            let several = field.kind == FieldKind::MultiChoice;
            let mut sum: u64 = 0;
            for (option, n) in options {
                if field.option(option).is_none() {
                    out.push(Problem::new(format!("{at}.{option}"), "unknown option"));
                } else if *n == 0 {
                    out.push(Problem::new(format!("{at}.{option}"), "must be 1 or more"));
                } else if several && *n > self.responses {
                    out.push(Problem::new(
                        format!("{at}.{option}"),
                        format!(
                            "chosen {n} times is more than the {} responses",
                            self.responses
                        ),
                    ));
                }
                sum += u64::from(*n);
            }
            if !several && sum > u64::from(self.responses) {
                out.push(Problem::new(
                    at,
                    format!(
                        "{sum} answers is more than the {} responses",
                        self.responses
                    ),
                ));
            }
        }
        match form.comment_field() {
            None if !self.comments.is_empty() => {
                out.push(Problem::new(
                    "comments",
                    "this form does not allow comments",
                ));
            }
            Some(field) => {
                if self.comments.len() > self.responses as usize {
                    out.push(Problem::new("comments", "more comments than responses"));
                }
                for (i, c) in self.comments.iter().enumerate() {
                    let len = c.chars().count();
                    if len == 0 || len > field.comment_limit() * REDACTION_GROWTH {
                        out.push(Problem::new(
                            format!("comments[{i}]"),
                            format!("must be 1-{} characters", field.comment_limit()),
                        ));
                    }
                }
            }
            None => {}
        }
        if out.is_empty() {
            Ok(())
        } else {
            Err(out)
        }
    }
}

/// Redaction replaces numbers by longer labels ("12345678" becomes
/// "[telefonnummer fjernet]"), so a redacted comment may be longer than the
/// limit the citizen typed against.
const REDACTION_GROWTH: usize = 4;

/// Cuts redacted text to `limit` characters. Redaction comes first: cutting
/// first could split an address or a CPR number into a piece redaction no
/// longer recognises. A redaction label cut in half is dropped whole.
fn clip(redacted: &str, limit: usize) -> String {
    if redacted.chars().count() <= limit {
        return redacted.to_string();
    }
    let mut cut: String = redacted.chars().take(limit).collect();
    if let Some(open) = cut.rfind('[') {
        if !cut.get(open..).is_some_and(|tail| tail.contains(']')) {
            cut.truncate(open);
        }
    }
    cut.trim_end().to_string()
}

impl Tally {
    /// The payload as JSON, exactly as sent. Written by hand (not serde) to
    /// keep browser bundles small; `crates/forms/tests/tally.rs` checks that serde
    /// reads it back to the same tally, so the two cannot drift.
    ///
    /// ```
    /// use lokalform_forms::aggregate::Tally;
    /// let t = Tally { form: "feedback".into(), version: 1, key: "0123456789abcdef".into(),
    ///                 responses: 1, counts: Default::default(), comments: vec![], week: None };
    /// assert_eq!(t.to_json(), r#"{"form":"feedback","version":1,"key":"0123456789abcdef","responses":1,"counts":{}}"#);
    /// ```
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    /// Appends the payload as JSON to `out`.
    pub fn write_json(&self, out: &mut String) {
        let mut o = ObjectWriter::new(out);
        o.string("form", &self.form);
        o.number("version", self.version);
        o.string("key", &self.key);
        o.number("responses", self.responses);
        o.raw("counts", |out| {
            let mut questions = ObjectWriter::new(out);
            for (question, options) in &self.counts {
                questions.raw(question, |out| {
                    let mut row = ObjectWriter::new(out);
                    for (option, n) in options {
                        row.number(option, *n);
                    }
                    row.finish();
                });
            }
            questions.finish();
        });
        if !self.comments.is_empty() {
            o.raw("comments", |out| {
                out.push('[');
                for (i, c) in self.comments.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(out, c);
                }
                out.push(']');
            });
        }
        if let Some(week) = &self.week {
            o.string("week", week);
        }
        o.finish();
    }

    /// Reads a tally from a JSON tree (see [`Tally::to_json`]), reporting
    /// type problems with their paths under `path`.
    pub fn from_value(value: &Json, path: &str, p: &mut Vec<Problem>) -> Option<Tally> {
        let f = Fields::of(
            value,
            path,
            &[
                "form",
                "version",
                "key",
                "responses",
                "counts",
                "comments",
                "week",
            ],
            p,
        )?;
        let form = f.string("form", p);
        let version = f.u32("version", p);
        let key = f.string("key", p);
        let responses = f.u32("responses", p);
        let mut counts = Counts::new();
        match f.required("counts", p) {
            Some(Json::Object(questions)) => {
                for (question, row) in questions {
                    let at = join(&f.path("counts"), question);
                    let Some(cells) = row.as_object() else {
                        p.push(expected(&at, "an object", row));
                        continue;
                    };
                    let entry = counts.row_mut(question);
                    for (option, n) in cells {
                        if let Some(n) = as_u32(n, &join(&at, option), p) {
                            entry.insert(option.clone(), n);
                        }
                    }
                }
            }
            Some(other) => p.push(expected(&f.path("counts"), "an object", other)),
            None => {}
        }
        let comments = f
            .array("comments", p)
            .iter()
            .enumerate()
            .filter_map(|(i, c)| as_string(c, &format!("{}[{i}]", f.path("comments")), p))
            .collect();
        let week = f.opt_string("week", p);
        Some(Tally {
            form: form?,
            version: version?,
            key: key?,
            responses: responses?,
            counts,
            comments,
            week,
        })
    }

    /// Reads a tally from JSON text.
    pub fn from_json(text: &str) -> Result<Tally, Vec<Problem>> {
        let value =
            lokalform_text::json::parse(text).map_err(|e| vec![Problem::new("", e.to_string())])?;
        let mut p = Vec::new();
        match Tally::from_value(&value, "", &mut p) {
            Some(t) if p.is_empty() => Ok(t),
            _ => Err(p),
        }
    }
}
