//! Measurement instruments as definitions: items, a response scale,
//! reverse-scored items, subscales, scoring and interpretation bands.
//!
//! An instrument is JSON, like a form definition, read and checked
//! completely by [`Instrument::from_json`]: every problem is reported with
//! its path (`items[3].subscale: unknown subscale "famliy"; expected one of:
//! family, friends`). [`Instrument::score`] turns one person's answers into
//! a [`Score`]: the total, each subscale, the interpretation band, and which
//! items are missing or were answered with something that is not on the
//! scale.
//!
//! ```json
//! { "id": "lsns6", "version": 1, "languages": ["da", "en"],
//!   "title": {"da": "…", "en": "…"},
//!   "source": {"da": "…", "en": "…"},
//!   "translation_note": {"da": "…", "en": "…"},
//!   "evaluation_note": {"da": "…", "en": "…"},
//!   "scale": [{"value": 0, "label": {"da": "Ingen", "en": "None"}}, …],
//!   "subscales": [{"id": "family", "title": {…}, "intro": {…}}, …],
//!   "items": [{"id": "family_see", "text": {…}, "subscale": "family", "reverse": false}, …],
//!   "scoring": {"method": "sum", "min_answered": 6, "subscale_min_answered": 3},
//!   "bands": [{"below": 12, "label": {…}, "flag": true}, {"label": {…}}],
//!   "subscale_bands": {"family": [{"below": 6, "label": {…}, "flag": true}, {"label": {…}}]} }
//! ```
//!
//! | member | meaning |
//! |---|---|
//! | `id`, `version` | as for forms: `[A-Za-z0-9_-]{1,64}`, version 1 or more |
//! | `languages` | optional; `["da", "en"]` means every text must have English too |
//! | `title`, `source` | required texts; `source` is the citation and the terms of use |
//! | `intro`, `translation_note` | optional texts; the note says when a translation is not validated (for workers: never shown to the person answering) |
//! | `evaluation_note` | optional text for whoever reads the figures, e.g. the population a cut-off was validated in (shown with the reports, never to the person answering) |
//! | `scale` | at least 2 response options with distinct whole-number values from -1000 to 1000, listed in the order they are shown |
//! | `items` | at least one; `subscale` and `reverse` are optional |
//! | `subscales` | optional; every subscale needs at least one item |
//! | `scoring` | `method` `"sum"` or `"mean"`; `min_answered` (default: every item); `subscale_min_answered` (default: every item of the subscale) |
//! | `bands`, `subscale_bands` | optional; in rising order, a band holds the scores below its `below` and not in an earlier band; only the last band may leave `below` out (it holds the rest) |
//!
//! ## Reverse-scored items and missing items
//! A reverse-scored item counts `(largest scale value + smallest scale
//! value) − answer`: on a 1–5 scale an answer of 1 counts 5.
//!
//! A **sum is never prorated**. A sum over fewer items is not on the same
//! scale as a sum over all of them, and filling in the missing items with
//! the person's average hides that something is missing. So a `sum` needs
//! every item (`min_answered` must equal the number of items, and
//! `subscale_min_answered` the size of each subscale); with an item missing
//! the total is not computed, and [`Score::missing`] says which items to go
//! back to. This is what LSNS-6 needs: its cut-off (below 12) is defined on
//! the sum of all six items.
//!
//! A **mean** is the mean of the answered items, computed when at least
//! `min_answered` items are answered. An instrument whose manual allows
//! missing items (e.g. "a score if at least 27 of 30 items are answered")
//! is written with `"method": "mean"`; multiply by the number of items where
//! the manual asks for a prorated sum.
//!
//! ## What is shipped
//! Only [`LSNS6_JSON`], the Lubben Social Network Scale with six items
//! ([`Instrument::lsns6`]): English item text as published by Lubben et al.
//! (2006), and a Danish working translation marked as such in
//! `translation_note`, which a municipality can replace with a validated
//! text. Licensed instruments — the Mental Health Recovery Measure (MHRM,
//! 30 items) and FIT's Outcome and Session Rating Scales (0–10 lines) — are
//! not shipped: a licensed user writes their text into a definition of this
//! format and imports it.

mod decode;
mod fields;
mod score;

pub use fields::{item_field, localise};
pub use score::{Invalid, InvalidAnswer, Score, SubscaleScore};

use crate::schema::{Lang, Text};
use crate::Problem;

/// The built-in LSNS-6 definition (`forms/instruments/lsns6.json`).
///
/// ```
/// let lsns = lokalform_forms::instruments::Instrument::from_json(lokalform_forms::instruments::LSNS6_JSON).unwrap();
/// assert_eq!(lsns.items.len(), 6);
/// ```
pub const LSNS6_JSON: &str = include_str!("../../../../forms/instruments/lsns6.json");

/// The most items an instrument may have.
pub const MAX_ITEMS: usize = 200;
/// The most response options a scale may have.
pub const MAX_SCALE: usize = 101;
/// Scale values are whole numbers from `-MAX_VALUE` to `MAX_VALUE`.
pub const MAX_VALUE: i64 = 1000;

/// A measurement instrument: its texts, response scale, items, subscales,
/// scoring and bands. See the [module documentation](self) for the format.
///
/// ```
/// use lokalform_forms::instruments::Instrument;
/// use lokalform_forms::schema::Lang;
/// let lsns = Instrument::lsns6();
/// assert_eq!(lsns.id, "lsns6");
/// assert_eq!(lsns.range(None), Some((0.0, 30.0)));
/// assert_eq!(lsns.band(11.0).unwrap().label.get(Lang::En), "At risk of social isolation");
/// assert!(lsns.flags(11.0));
/// assert!(!lsns.flags(12.0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Instrument {
    /// Stable identifier, e.g. `lsns6`.
    pub id: String,
    /// Version; bump it when items, the scale or the scoring change.
    pub version: u32,
    /// The languages every text is written in: Danish always, English when
    /// listed.
    pub languages: Vec<Lang>,
    /// The instrument's name.
    pub title: Text,
    /// Instructions shown before the items.
    pub intro: Option<Text>,
    /// Citation, and the terms under which the text is used.
    pub source: Text,
    /// Says when a text is a translation that has not been validated: for
    /// workers, never shown to the person answering.
    pub translation_note: Option<Text>,
    /// What a reader of the figures should know, e.g. the population a
    /// cut-off was validated in: shown with the reports, never to the
    /// person answering.
    pub evaluation_note: Option<Text>,
    /// The response options, in the order they are shown.
    pub scale: Vec<ScaleOption>,
    /// The items, in the order they are asked.
    pub items: Vec<Item>,
    /// The subscales, in the order they are reported.
    pub subscales: Vec<Subscale>,
    /// How answers become a score.
    pub scoring: Scoring,
    /// Interpretation of the total, in rising order.
    pub bands: Vec<Band>,
    /// Interpretation of subscale scores: subscale id and its bands.
    pub subscale_bands: Vec<(String, Vec<Band>)>,
}

/// One response option of the scale.
///
/// ```
/// use lokalform_forms::instruments::Instrument;
/// use lokalform_forms::schema::Lang;
/// let lsns = Instrument::lsns6();
/// assert_eq!(lsns.scale[3].value, 3);
/// assert_eq!(lsns.scale[3].label.get(Lang::En), "Three or four");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleOption {
    /// The value an answer records and scores.
    pub value: i64,
    /// What the person sees.
    pub label: Text,
}

/// One item (question).
///
/// ```
/// use lokalform_forms::instruments::Instrument;
/// let lsns = Instrument::lsns6();
/// let item = lsns.item("friends_help").unwrap();
/// assert_eq!(item.subscale.as_deref(), Some("friends"));
/// assert!(!item.reverse);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Identifier, unique in the instrument; answers refer to it.
    pub id: String,
    /// The question.
    pub text: Text,
    /// The subscale the item belongs to, if any.
    pub subscale: Option<String>,
    /// Whether the item is reverse-scored: it counts
    /// `(largest + smallest scale value) − answer`.
    pub reverse: bool,
}

/// A subscale: a named group of items scored on its own.
///
/// ```
/// use lokalform_forms::instruments::Instrument;
/// use lokalform_forms::schema::Lang;
/// let lsns = Instrument::lsns6();
/// assert_eq!(lsns.subscales[1].title.get(Lang::En), "Friendships");
/// assert_eq!(lsns.subscale_items("friends").count(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscale {
    /// Identifier, unique among the subscales; items refer to it.
    pub id: String,
    /// Its heading.
    pub title: Text,
    /// A lead-in shown before its items.
    pub intro: Option<Text>,
}

/// How the item scores are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The sum of the item scores. Never prorated: needs every item.
    Sum,
    /// The mean of the answered item scores.
    Mean,
}

/// How answers become a score.
///
/// ```
/// use lokalform_forms::instruments::{Instrument, Method};
/// let lsns = Instrument::lsns6();
/// assert_eq!(lsns.scoring.method, Method::Sum);
/// assert_eq!(lsns.scoring.min_answered, 6);
/// assert_eq!(lsns.scoring.subscale_min_answered, Some(3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scoring {
    /// Sum or mean.
    pub method: Method,
    /// The fewest answered items for a total (every item for a sum).
    pub min_answered: usize,
    /// The fewest answered items of a subscale for its score; `None` means
    /// all of the subscale's items.
    pub subscale_min_answered: Option<usize>,
}

/// An interpretation band: the scores below `below` that are not in an
/// earlier band.
///
/// ```
/// use lokalform_forms::instruments::Instrument;
/// use lokalform_forms::schema::Lang;
/// let lsns = Instrument::lsns6();
/// let risk = &lsns.bands[0];
/// assert_eq!(risk.below, Some(12.0));
/// assert!(risk.flag);
/// assert_eq!(risk.label.get(Lang::Da), "Risiko for social isolation");
/// assert_eq!(lsns.bands[1].below, None);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// The upper bound (exclusive); `None` on a last band that holds the
    /// rest.
    pub below: Option<f64>,
    /// What a score in the band means.
    pub label: Text,
    /// Whether a score in the band calls for attention (e.g. risk of
    /// isolation).
    pub flag: bool,
}

impl Instrument {
    /// Reads and checks a definition; every problem is reported with its
    /// path, and JSON that cannot be read at all with its line and column.
    ///
    /// ```
    /// use lokalform_forms::instruments::Instrument;
    /// let err = Instrument::from_json(r#"{"id": "x", "version": 1,
    ///   "title": {"da": "X"}, "source": {"da": "Egen"},
    ///   "scale": [{"value": 1, "label": {"da": "Nej"}}, {"value": 1, "label": {"da": "Ja"}}],
    ///   "items": [{"id": "a", "text": {"da": "A?"}, "reverse": "yes"}],
    ///   "scoring": {"method": "sum"}}"#).unwrap_err();
    /// let messages: Vec<String> = err.iter().map(|p| p.to_string()).collect();
    /// assert_eq!(messages, [
    ///     "scale[1].value: duplicate value 1",
    ///     "items[0].reverse: expected true or false, found a string",
    /// ]);
    /// ```
    pub fn from_json(json: &str) -> Result<Instrument, Vec<Problem>> {
        decode::instrument(json)
    }

    /// The built-in LSNS-6 ([`LSNS6_JSON`]; checked by the tests, so this
    /// never panics).
    pub fn lsns6() -> Instrument {
        match Instrument::from_json(LSNS6_JSON) {
            Ok(instrument) => instrument,
            Err(problems) => panic!("forms/instruments/lsns6.json: {problems:?}"),
        }
    }

    /// The item with `id`.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The subscale with `id`.
    pub fn subscale(&self, id: &str) -> Option<&Subscale> {
        self.subscales.iter().find(|s| s.id == id)
    }

    /// The items of subscale `id`, in order.
    pub fn subscale_items<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items
            .iter()
            .filter(move |i| i.subscale.as_deref() == Some(id))
    }

    /// The smallest and largest scale value.
    pub fn scale_bounds(&self) -> (i64, i64) {
        bounds(&self.scale)
    }

    /// The lowest and highest possible score of the total (`None`) or of a
    /// subscale; `None` for a subscale that does not exist.
    ///
    /// ```
    /// let lsns = lokalform_forms::instruments::Instrument::lsns6();
    /// assert_eq!(lsns.range(Some("family")), Some((0.0, 15.0)));
    /// assert_eq!(lsns.range(Some("colleagues")), None);
    /// ```
    pub fn range(&self, subscale: Option<&str>) -> Option<(f64, f64)> {
        let items = match subscale {
            None => self.items.len(),
            Some(id) => {
                self.subscale(id)?;
                self.subscale_items(id).count()
            }
        };
        Some(range(&self.scale, self.scoring.method, items))
    }

    /// The band of a total.
    pub fn band(&self, total: f64) -> Option<&Band> {
        band_of(&self.bands, total)
    }

    /// The band of a score on subscale `id`.
    ///
    /// ```
    /// use lokalform_forms::schema::Lang;
    /// let lsns = lokalform_forms::instruments::Instrument::lsns6();
    /// let band = lsns.subscale_band("friends", 5.0).unwrap();
    /// assert_eq!(band.label.get(Lang::En), "Limited network of friends");
    /// ```
    pub fn subscale_band(&self, id: &str, score: f64) -> Option<&Band> {
        let (_, bands) = self.subscale_bands.iter().find(|(s, _)| s == id)?;
        band_of(bands, score)
    }

    /// Whether a total falls in a flagged band (for LSNS-6: below 12, at
    /// risk of social isolation). Use it as the cohort's at-risk test.
    pub fn flags(&self, total: f64) -> bool {
        self.band(total).is_some_and(|b| b.flag)
    }

    /// Scores one person's answers: `(item id, scale value)` pairs. An
    /// answer to an unknown item, a value that is not on the scale, or a
    /// second answer to the same item is reported in [`Score::invalid`] and
    /// not counted (the item counts as missing); nothing panics.
    ///
    /// ```
    /// use lokalform_forms::instruments::{Instrument, Invalid};
    /// let lsns = Instrument::lsns6();
    /// let score = lsns.score(&[("family_see", 2), ("family_talk", 1), ("family_help", 1),
    ///     ("friends_see", 3), ("friends_talk", 2), ("friends_help", 9)]);
    /// assert_eq!(score.total, None);
    /// assert_eq!(score.missing, ["friends_help"]);
    /// assert_eq!(score.invalid[0].problem, Invalid::NotOnScale);
    /// assert_eq!(score.subscale("family").unwrap().score, Some(4.0));
    /// assert_eq!(score.subscale("friends").unwrap().score, None);
    /// ```
    pub fn score<S: AsRef<str>>(&self, answers: &[(S, i64)]) -> Score<'_> {
        score::score(self, answers)
    }
}

fn bounds(scale: &[ScaleOption]) -> (i64, i64) {
    let lo = scale.iter().map(|o| o.value).min().unwrap_or(0);
    let hi = scale.iter().map(|o| o.value).max().unwrap_or(0);
    (lo, hi)
}

fn range(scale: &[ScaleOption], method: Method, items: usize) -> (f64, f64) {
    let (lo, hi) = bounds(scale);
    match method {
        Method::Sum => (lo as f64 * items as f64, hi as f64 * items as f64),
        Method::Mean => (lo as f64, hi as f64),
    }
}

fn band_of(bands: &[Band], score: f64) -> Option<&Band> {
    bands
        .iter()
        .find(|b| b.below.is_none_or(|below| score < below))
}
