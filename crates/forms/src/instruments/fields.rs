//! An instrument as form fields, and the answers to those fields back as
//! the `(item id, value)` pairs [`Instrument::score`] takes: the one way
//! an instrument is asked, whether in the programme's measurement step or
//! in the `<lokal-instrument>` element of a partner's own form.

use super::Instrument;
use crate::answers::Answers;
use crate::schema::{Choice, Field, FieldKind, Lang, Number, Text, MAX_OPTIONS};

/// The id of item number `index` (0-based, the instrument's order) among
/// fields made under `key`: `{key}_{index + 1}`.
///
/// ```
/// assert_eq!(lokalform_forms::instruments::item_field("before", 0), "before_1");
/// ```
pub fn item_field(key: &str, index: usize) -> String {
    format!("{key}_{}", index + 1)
}

/// `text`, with the Danish copied into a missing English text when the
/// form is in English too: the engine shows Danish where English is
/// missing anyway, and a form's check wants every text in both.
///
/// ```
/// use lokalform_forms::instruments::localise;
/// use lokalform_forms::schema::Text;
/// let t = Text { da: "Ja".into(), en: None };
/// assert_eq!(localise(&t, true).en.as_deref(), Some("Ja"));
/// assert_eq!(localise(&t, false).en, None);
/// ```
pub fn localise(text: &Text, english: bool) -> Text {
    let missing = text.en.as_deref().is_none_or(|e| e.trim().is_empty());
    Text {
        da: text.da.clone(),
        en: if english && missing {
            Some(text.da.clone())
        } else {
            text.en.clone()
        },
    }
}

fn number(value: i64) -> Number {
    Number {
        value: value as f64,
        text: value.to_string(),
    }
}

/// A whole number as typed in a choice, line or number field.
fn whole(text: &str) -> Option<i64> {
    let v = crate::validate::parse_number(text)?;
    (v.fract() == 0.0 && v.abs() <= 1e15).then_some(v as i64)
}

impl Instrument {
    /// The field every item is asked with (id and label left to fill in):
    /// radio buttons with the scale's labels when there are at most
    /// [`MAX_OPTIONS`] options; a visual-analogue line for a 0–100 scale;
    /// otherwise a whole number from the lowest to the highest value.
    fn item_template(&self, english: bool) -> Field {
        let scale = &self.scale;
        let (lo, hi) = self.scale_bounds();
        let label_of = |value: i64| {
            scale
                .iter()
                .find(|o| o.value == value)
                .map(|o| localise(&o.label, english))
        };
        if scale.len() <= MAX_OPTIONS {
            Field {
                kind: FieldKind::Choice,
                options: scale
                    .iter()
                    .map(|o| Choice {
                        value: o.value.to_string(),
                        label: localise(&o.label, english),
                    })
                    .collect(),
                ..Field::default()
            }
        } else if (lo, hi) == (0, 100) && scale.len() == 101 {
            Field {
                kind: FieldKind::Vas,
                min_label: label_of(lo),
                max_label: label_of(hi),
                ..Field::default()
            }
        } else {
            let end = |value: i64, lang: Lang| {
                label_of(value).map_or(String::new(), |t| format!(" ({})", t.get(lang)))
            };
            Field {
                kind: FieldKind::Number,
                min: Some(number(lo)),
                max: Some(number(hi)),
                step: Some(number(1)),
                help: Some(Text {
                    da: format!(
                        "Skriv et helt tal fra {lo}{} til {hi}{}.",
                        end(lo, Lang::Da),
                        end(hi, Lang::Da)
                    ),
                    en: english.then(|| {
                        format!(
                            "Enter a whole number from {lo}{} to {hi}{}.",
                            end(lo, Lang::En),
                            end(hi, Lang::En)
                        )
                    }),
                }),
                ..Field::default()
            }
        }
    }

    /// Whether every item has a subscale and each subscale's items come
    /// one after the other: then a heading can introduce each subscale.
    fn subscales_in_runs(&self) -> bool {
        let mut seen: Vec<&str> = Vec::new();
        let mut previous: Option<&str> = None;
        for item in &self.items {
            let Some(sub) = item.subscale.as_deref() else {
                return false;
            };
            if previous != Some(sub) {
                if seen.contains(&sub) {
                    return false;
                }
                seen.push(sub);
            }
            previous = Some(sub);
        }
        !seen.is_empty()
    }

    /// The items as form fields, ids made from `key`: a heading per
    /// subscale (`{key}_part{n}`, 1-based in the instrument's order, with
    /// the subscale's intro as help) when each subscale's items come
    /// together, and one field per item ([`item_field`]; see
    /// `item_template` for its kind). No field is required. `english`:
    /// the form is in English too (see [`localise`]).
    ///
    /// ```
    /// use lokalform_forms::instruments::Instrument;
    /// use lokalform_forms::schema::FieldKind;
    /// let fields = Instrument::lsns6().item_fields("lsns", true);
    /// let ids: Vec<&str> = fields.iter().map(|f| f.id.as_str()).collect();
    /// assert_eq!(ids, ["lsns_part1", "lsns_1", "lsns_2", "lsns_3", "lsns_part2", "lsns_4", "lsns_5", "lsns_6"]);
    /// assert_eq!(fields[1].kind, FieldKind::Choice);
    /// assert_eq!(fields[1].options.len(), 6);
    /// ```
    pub fn item_fields(&self, key: &str, english: bool) -> Vec<Field> {
        let t = |text: &Text| localise(text, english);
        let headings = self.subscales_in_runs();
        let template = self.item_template(english);
        let mut fields = Vec::new();
        let mut previous: Option<&str> = None;
        for (i, item) in self.items.iter().enumerate() {
            let sub = item.subscale.as_deref();
            if headings && sub != previous {
                if let Some((n, s)) = self
                    .subscales
                    .iter()
                    .enumerate()
                    .find(|(_, s)| Some(s.id.as_str()) == sub)
                {
                    fields.push(Field {
                        id: format!("{key}_part{}", n + 1),
                        kind: FieldKind::Heading,
                        label: t(&s.title),
                        help: s.intro.as_ref().map(t),
                        ..Field::default()
                    });
                }
            }
            previous = sub;
            fields.push(Field {
                id: item_field(key, i),
                label: t(&item.text),
                ..template.clone()
            });
        }
        fields
    }

    /// The answers to the fields of [`Instrument::item_fields`] made under
    /// `key`, as [`Instrument::score`] takes them: each item answered with
    /// a whole number, as `(item id, value)`, in the instrument's order.
    /// An unanswered item (or one answered with something else) is absent.
    ///
    /// ```
    /// use lokalform_forms::answers::{Answers, Value};
    /// use lokalform_forms::instruments::Instrument;
    /// let lsns = Instrument::lsns6();
    /// let mut a = Answers::default();
    /// a.set("lsns_2", Value::Text("3".into()));
    /// a.set("lsns_1", Value::Text("x".into()));
    /// assert_eq!(lsns.answers_in(&a, "lsns"), [("family_talk".to_string(), 3)]);
    /// ```
    pub fn answers_in(&self, answers: &Answers, key: &str) -> Vec<(String, i64)> {
        self.items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                whole(answers.text(&item_field(key, i))).map(|v| (item.id.clone(), v))
            })
            .collect()
    }
}
