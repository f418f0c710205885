//! Turning one person's answers into a score.

use super::{band_of, Band, Instrument, Method};
use crate::schema::Lang;
use std::fmt;

/// One person's score on an instrument.
///
/// ```
/// use lokalform_forms::instruments::Instrument;
/// let lsns = Instrument::lsns6();
/// let ids: Vec<String> = lsns.items.iter().map(|i| i.id.clone()).collect();
/// let answers: Vec<(String, i64)> = ids.iter().map(|id| (id.clone(), 2)).collect();
/// let score = lsns.score(&answers);
/// assert_eq!(score.total, Some(12.0));
/// assert!(!score.flagged);
/// assert!(score.missing.is_empty());
/// assert_eq!(score.subscale("friends").unwrap().score, Some(6.0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Score<'a> {
    /// The total, when the definition allows one from these answers (a sum
    /// needs every item; a mean needs `min_answered`).
    pub total: Option<f64>,
    /// The band the total falls in.
    pub band: Option<&'a Band>,
    /// Whether that band is flagged (for LSNS-6: at risk of isolation).
    pub flagged: bool,
    /// Every subscale, in the definition's order.
    pub subscales: Vec<SubscaleScore<'a>>,
    /// How many items have a valid answer.
    pub answered: usize,
    /// The items without a valid answer, in the definition's order.
    pub missing: Vec<&'a str>,
    /// Answers that were not counted, and why.
    pub invalid: Vec<InvalidAnswer>,
}

/// One subscale's score.
#[derive(Debug, Clone, PartialEq)]
pub struct SubscaleScore<'a> {
    /// The subscale's id.
    pub id: &'a str,
    /// Its score, when enough of its items are answered.
    pub score: Option<f64>,
    /// The band the score falls in (from `subscale_bands`).
    pub band: Option<&'a Band>,
    /// Whether that band is flagged.
    pub flagged: bool,
    /// How many of its items have a valid answer.
    pub answered: usize,
    /// How many items it has.
    pub items: usize,
}

/// An answer that was not counted.
///
/// ```
/// use lokalform_forms::instruments::{Instrument, Invalid};
/// use lokalform_forms::schema::Lang;
/// let lsns = Instrument::lsns6();
/// let score = lsns.score(&[("family_see", 6), ("pets", 1)]);
/// assert_eq!(score.invalid[0].problem, Invalid::NotOnScale);
/// assert_eq!(score.invalid[1].problem, Invalid::UnknownItem);
/// assert_eq!(score.invalid[0].message(Lang::Da),
///     "Svaret 6 på \"family_see\" findes ikke på svarskalaen. Det tælles ikke med.");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidAnswer {
    /// The item id as given.
    pub item: String,
    /// The value as given.
    pub value: i64,
    /// What is wrong with it.
    pub problem: Invalid,
}

/// Why an answer was not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// The instrument has no item with that id.
    UnknownItem,
    /// The value is not one of the scale's values; the item counts as
    /// missing.
    NotOnScale,
    /// The item was answered more than once; as it is not clear which
    /// answer holds, the item counts as missing.
    Repeated,
}

/// The texts of [`InvalidAnswer::message`] in one language: the item as
/// given, and for `not_on_scale` the value first. Both tables are full
/// struct literals, so a missing English text does not compile.
struct Words {
    unknown_item: fn(&str) -> String,
    not_on_scale: fn(i64, &str) -> String,
    repeated: fn(&str) -> String,
}

const DA: Words = Words {
    unknown_item: |item| {
        format!("Skemaet har ikke spørgsmålet \"{item}\". Svaret tælles ikke med.")
    },
    not_on_scale: |value, item| {
        format!("Svaret {value} på \"{item}\" findes ikke på svarskalaen. Det tælles ikke med.")
    },
    repeated: |item| {
        format!("\"{item}\" er besvaret mere end én gang. Spørgsmålet tælles som ubesvaret.")
    },
};

const EN: Words = Words {
    unknown_item: |item| {
        format!("The instrument has no item \"{item}\". The answer is not counted.")
    },
    not_on_scale: |value, item| {
        format!("The answer {value} to \"{item}\" is not on the response scale. It is not counted.")
    },
    repeated: |item| {
        format!("\"{item}\" was answered more than once. The item counts as unanswered.")
    },
};

impl InvalidAnswer {
    /// A sentence for the worker, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let words = match lang {
            Lang::Da => &DA,
            Lang::En => &EN,
        };
        let (item, value) = (&self.item, self.value);
        match self.problem {
            Invalid::UnknownItem => (words.unknown_item)(item),
            Invalid::NotOnScale => (words.not_on_scale)(value, item),
            Invalid::Repeated => (words.repeated)(item),
        }
    }
}

impl fmt::Display for InvalidAnswer {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl Score<'_> {
    /// The score of subscale `id`.
    pub fn subscale(&self, id: &str) -> Option<&SubscaleScore<'_>> {
        self.subscales.iter().find(|s| s.id == id)
    }

    /// Whether every item has a valid answer and nothing was rejected.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.invalid.is_empty()
    }
}

/// How a slot for one item ends up.
#[derive(Clone, Copy)]
enum Slot {
    Empty,
    Value(i64),
    /// Answered twice, or with a value not on the scale.
    Rejected,
}

pub(super) fn score<'a, S: AsRef<str>>(
    instrument: &'a Instrument,
    answers: &[(S, i64)],
) -> Score<'a> {
    let items = &instrument.items;
    let (lo, hi) = instrument.scale_bounds();
    let mut slots = vec![Slot::Empty; items.len()];
    let mut invalid = Vec::new();
    for (id, value) in answers {
        let (id, value) = (id.as_ref(), *value);
        let reject = |problem| InvalidAnswer {
            item: id.to_string(),
            value,
            problem,
        };
        let Some(i) = items.iter().position(|item| item.id == id) else {
            invalid.push(reject(Invalid::UnknownItem));
            continue;
        };
        if !matches!(slots[i], Slot::Empty) {
            slots[i] = Slot::Rejected;
            invalid.push(reject(Invalid::Repeated));
        } else if instrument.scale.iter().any(|o| o.value == value) {
            slots[i] = Slot::Value(value);
        } else {
            slots[i] = Slot::Rejected;
            invalid.push(reject(Invalid::NotOnScale));
        }
    }
    // Item scores after reversal; values are at most 1000 in size, so the
    // arithmetic cannot overflow and sums are exact in f64.
    let scores: Vec<Option<i64>> = items
        .iter()
        .zip(&slots)
        .map(|(item, slot)| match *slot {
            Slot::Value(v) if item.reverse => Some(hi + lo - v),
            Slot::Value(v) => Some(v),
            _ => None,
        })
        .collect();
    let method = instrument.scoring.method;
    let combine = |picked: &[i64], needed: usize| -> Option<f64> {
        if picked.len() < needed.max(1) {
            return None;
        }
        let sum: i64 = picked.iter().sum();
        Some(match method {
            Method::Sum => sum as f64,
            Method::Mean => sum as f64 / picked.len() as f64,
        })
    };
    let answered: Vec<i64> = scores.iter().flatten().copied().collect();
    let needed = match method {
        // A sum is never prorated (the definition check makes
        // min_answered equal the number of items; this holds it for any
        // hand-built Instrument too).
        Method::Sum => items.len(),
        Method::Mean => instrument.scoring.min_answered,
    };
    let total = combine(&answered, needed);
    let band = total.and_then(|t| instrument.band(t));
    let subscales = instrument
        .subscales
        .iter()
        .map(|sub| {
            let picked: Vec<i64> = items
                .iter()
                .zip(&scores)
                .filter(|(item, _)| item.subscale.as_deref() == Some(sub.id.as_str()))
                .filter_map(|(_, s)| *s)
                .collect();
            let size = instrument.subscale_items(&sub.id).count();
            let needed = match (method, instrument.scoring.subscale_min_answered) {
                (Method::Mean, Some(n)) => n,
                _ => size,
            };
            let score = combine(&picked, needed);
            let band = score.and_then(|s| {
                let (_, bands) = instrument
                    .subscale_bands
                    .iter()
                    .find(|(id, _)| *id == sub.id)?;
                band_of(bands, s)
            });
            SubscaleScore {
                id: &sub.id,
                score,
                band,
                flagged: band.is_some_and(|b| b.flag),
                answered: picked.len(),
                items: size,
            }
        })
        .collect();
    Score {
        total,
        band,
        flagged: band.is_some_and(|b| b.flag),
        subscales,
        answered: answered.len(),
        missing: items
            .iter()
            .zip(&scores)
            .filter(|(_, s)| s.is_none())
            .map(|(item, _)| item.id.as_str())
            .collect(),
        invalid,
    }
}
