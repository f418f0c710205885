//! Per-question, per-option counts as sorted lists.
//!
//! A `BTreeMap` of `BTreeMap`s said the same, but its node code cost about
//! 2 KB (brotli) in every widget bundle; a tally holds a handful of
//! questions with a handful of options each, where a sorted list with a
//! binary search is just as quick. On the wire (serde, and the hand-written
//! JSON in [`super::Tally::to_json`]) it is still an object of objects in
//! ascending key order.
//!
//! ```
//! use lokalform_forms::aggregate::Counts;
//! let mut c = Counts::new();
//! c.add("overall", "4", 1);
//! c.add("overall", "2", 1);
//! c.add("overall", "4", 2);
//! assert_eq!(c["overall"]["4"], 3);
//! let options: Vec<&String> = c["overall"].keys().collect();
//! assert_eq!(options, ["2", "4"]);
//! ```

use std::collections::BTreeMap;
use std::ops::Index;

/// The counts of one question: option value → count, by value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row(Vec<(String, u32)>);

/// Counts per question, then per option value, both by key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts(Vec<(String, Row)>);

/// Where `key` is in a list sorted by key: found, or where it would go.
fn place<T>(list: &[(String, T)], key: &str) -> Result<usize, usize> {
    list.binary_search_by(|(k, _)| k.as_str().cmp(key))
}

impl Row {
    /// The count of `option`.
    pub fn get(&self, option: &str) -> Option<&u32> {
        place(&self.0, option).ok().map(|i| &self.0[i].1)
    }

    /// Sets the count of `option`, returning the one it replaces.
    pub fn insert(&mut self, option: String, n: u32) -> Option<u32> {
        match place(&self.0, &option) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, n)),
            Err(i) => {
                self.0.insert(i, (option, n));
                None
            }
        }
    }

    /// Adds `n` to the count of `option` (saturating).
    pub fn add(&mut self, option: &str, n: u32) {
        match place(&self.0, option) {
            Ok(i) => self.0[i].1 = self.0[i].1.saturating_add(n),
            Err(i) => self.0.insert(i, (option.to_string(), n)),
        }
    }

    /// Option values and counts, by value.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &u32)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Option values, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// Counts, by option value.
    pub fn values(&self) -> impl Iterator<Item = &u32> {
        self.0.iter().map(|(_, v)| v)
    }

    /// How many options have a count.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no option has a count.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Counts {
    /// No counts.
    pub fn new() -> Counts {
        Counts::default()
    }

    /// The counts of `question`.
    pub fn get(&self, question: &str) -> Option<&Row> {
        place(&self.0, question).ok().map(|i| &self.0[i].1)
    }

    /// The counts of `question`, made empty if it has none yet.
    pub fn row_mut(&mut self, question: &str) -> &mut Row {
        let i = match place(&self.0, question) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (question.to_string(), Row::default()));
                i
            }
        };
        &mut self.0[i].1
    }

    /// Sets the counts of `question`, returning the ones it replaces.
    pub fn insert(&mut self, question: String, row: Row) -> Option<Row> {
        match place(&self.0, &question) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, row)),
            Err(i) => {
                self.0.insert(i, (question, row));
                None
            }
        }
    }

    /// Adds `n` to `option` of `question` (saturating).
    pub fn add(&mut self, question: &str, option: &str, n: u32) {
        self.row_mut(question).add(option, n);
    }

    /// Questions and their counts, by question.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Row)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The rows, by question.
    pub fn values(&self) -> impl Iterator<Item = &Row> {
        self.0.iter().map(|(_, v)| v)
    }

    /// How many questions have counts.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no counts.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Removes every count.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl Index<&str> for Row {
    type Output = u32;
    /// The count of an option that has one (panics otherwise, like a map).
    fn index(&self, option: &str) -> &u32 {
        self.get(option).expect("no count for this option")
    }
}

impl Index<&str> for Counts {
    type Output = Row;
    /// The row of a question that has one (panics otherwise, like a map).
    fn index(&self, question: &str) -> &Row {
        self.get(question).expect("no counts for this question")
    }
}

impl<'a> IntoIterator for &'a Row {
    type Item = (&'a String, &'a u32);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, u32)>,
        fn(&'a (String, u32)) -> (&'a String, &'a u32),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<'a> IntoIterator for &'a Counts {
    type Item = (&'a String, &'a Row);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Row)>,
        fn(&'a (String, Row)) -> (&'a String, &'a Row),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl IntoIterator for Row {
    type Item = (String, u32);
    type IntoIter = std::vec::IntoIter<(String, u32)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl IntoIterator for Counts {
    type Item = (String, Row);
    type IntoIter = std::vec::IntoIter<(String, Row)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<(String, u32)> for Row {
    /// Later pairs win over earlier ones with the same option, as in a map.
    fn from_iter<I: IntoIterator<Item = (String, u32)>>(pairs: I) -> Row {
        let mut row = Row::default();
        for (k, v) in pairs {
            row.insert(k, v);
        }
        row
    }
}

impl FromIterator<(String, Row)> for Counts {
    /// Later pairs win over earlier ones with the same question, as in a map.
    fn from_iter<I: IntoIterator<Item = (String, Row)>>(pairs: I) -> Counts {
        let mut counts = Counts::default();
        for (k, v) in pairs {
            counts.insert(k, v);
        }
        counts
    }
}

impl<const N: usize> From<[(String, u32); N]> for Row {
    fn from(pairs: [(String, u32); N]) -> Row {
        pairs.into_iter().collect()
    }
}

impl serde::Serialize for Row {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl serde::Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> serde::Deserialize<'de> for Row {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Row, D::Error> {
        Ok(BTreeMap::<String, u32>::deserialize(d)?
            .into_iter()
            .collect())
    }
}

impl<'de> serde::Deserialize<'de> for Counts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Counts, D::Error> {
        Ok(BTreeMap::<String, Row>::deserialize(d)?
            .into_iter()
            .collect())
    }
}
