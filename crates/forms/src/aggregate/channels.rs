//! How the participants of a programme heard of it (the recruitment
//! form's `heard_from`), as counts that may be published: the manual
//! counts recruitment channels to see which work (p. 18).
//!
//! [`channel_counts`] counts, for each channel (an option value of the
//! question), how many participants picked it; a person who picked a
//! channel twice counts once. Every count from 1 to 4 is `<5`
//! ([`Cell::Small`]), like every other published cell. No total is
//! published: a person may pick several channels, and with a total a
//! hidden count could be worked out where everybody picked one. A channel
//! nobody picked is not listed (its count is 0).

use super::cohort_decode::cell;
use super::suppress::{Cell, SMALL_CELL};
use lokalform_text::json::{Fields, Json, ObjectWriter};
use lokalform_text::Problem;

/// The most channels in one submission.
pub const MAX_CHANNELS: usize = 40;
/// The longest channel id (an option value).
pub const MAX_CHANNEL_ID: usize = 64;

/// One channel and how many heard of the programme through it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelCount {
    /// The channel: the option value of the form (`press`, `cafe_activity`).
    pub channel: String,
    /// How many picked it: 5 or more as they are, 1 to 4 as `<5`.
    pub count: Cell,
}

/// The counts of `picks` (each participant's picked channels), one per
/// channel picked by anyone, sorted by channel.
///
/// ```
/// use lokalform_forms::aggregate::{channel_counts, Cell};
/// let mut picks = vec![vec!["press".to_string()]; 6];
/// picks.push(vec!["participant".into(), "participant".into(), "press".into()]);
/// let counts = channel_counts(&picks);
/// assert_eq!(counts[0].channel, "participant");
/// assert_eq!(counts[0].count, Cell::Small); // one person
/// assert_eq!(counts[1].count, Cell::Shown(7));
/// ```
pub fn channel_counts(picks: &[Vec<String>]) -> Vec<ChannelCount> {
    let mut counts: Vec<(String, u64)> = Vec::new();
    for person in picks {
        for (i, channel) in person.iter().enumerate() {
            if person[..i].contains(channel) {
                continue;
            }
            match counts.iter_mut().find(|(c, _)| c == channel) {
                Some((_, n)) => *n += 1,
                None => counts.push((channel.clone(), 1)),
            }
        }
    }
    lokalform_text::sort::sort_small_by(&mut counts, |a, b| a.0 < b.0);
    counts
        .into_iter()
        .map(|(channel, n)| ChannelCount {
            channel,
            count: if n < SMALL_CELL {
                Cell::Small
            } else {
                Cell::Shown(n)
            },
        })
        .collect()
}

/// Whether `id` may be a channel: 1 to [`MAX_CHANNEL_ID`] of
/// `[A-Za-z0-9_-]` (an option value).
pub fn is_channel_id(id: &str) -> bool {
    (1..=MAX_CHANNEL_ID).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The counts as a JSON array of `{"channel", "count": {"label", "value"}}`.
pub(super) fn write_channels(out: &mut String, counts: &[ChannelCount]) {
    out.push('[');
    for (i, c) in counts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut o = ObjectWriter::new(out);
        o.string("channel", &c.channel);
        o.raw("count", |out| {
            let mut cell = ObjectWriter::new(out);
            cell.string("label", &c.count.label());
            cell.raw("value", |out| match c.count.shown() {
                Some(n) => out.push_str(&n.to_string()),
                None => out.push_str("null"),
            });
            cell.finish();
        });
        o.finish();
    }
    out.push(']');
}

/// Reads the counts at `path`, checking each: a channel id, once; a count
/// from 1 to 4 never shown; `x` (hidden) never used, as no count here is
/// hidden to protect another.
pub(super) fn read_channels(value: &Json, path: &str, p: &mut Vec<Problem>) -> Vec<ChannelCount> {
    let Json::Array(items) = value else {
        p.push(lokalform_text::json::decode::expected(
            path,
            "an array of channel counts",
            value,
        ));
        return Vec::new();
    };
    if items.len() > MAX_CHANNELS {
        p.push(Problem::new(
            path,
            format!(
                "holds {} channels; send at most {MAX_CHANNELS}",
                items.len()
            ),
        ));
        return Vec::new();
    }
    let mut out: Vec<ChannelCount> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("{path}[{i}]");
        let Some(f) = Fields::of(item, &at, &["channel", "count"], p) else {
            continue;
        };
        let channel = f.string("channel", p).filter(|id| {
            let ok = is_channel_id(id);
            if !ok {
                p.push(Problem::new(
                    f.path("channel"),
                    format!("must be 1 to {MAX_CHANNEL_ID} of A-Z, a-z, 0-9, _ and -"),
                ));
            } else if out.iter().any(|c| &c.channel == id) {
                p.push(Problem::new(
                    f.path("channel"),
                    format!("\"{id}\" is counted twice; send each channel once"),
                ));
            }
            ok
        });
        let count = f
            .required("count", p)
            .and_then(|v| cell(v, &f.path("count"), p))
            .filter(|c| {
                let hidden = *c == Cell::Hidden;
                if hidden {
                    p.push(Problem::new(
                        f.path("count"),
                        "must be a number or <5: no channel count is hidden",
                    ));
                }
                !hidden
            });
        if let (Some(channel), Some(count)) = (channel, count) {
            out.push(ChannelCount { channel, count });
        }
    }
    out
}

/// The counts as rows of the cohort CSV, each after `prefix` (CSV fields
/// ending in a comma, or empty), in the columns of
/// [`CohortReport::to_csv_many`](super::CohortReport::to_csv_many)
/// (`instrument,version,group,measure,value`):
/// `heard_from,,all,<channel>,<count>`, so a file with both reads as one
/// table. [`CohortSubmission::to_csv`](super::CohortSubmission::to_csv)
/// writes them after the reports.
///
/// ```
/// use lokalform_forms::aggregate::{channel_counts, channels_csv_rows};
/// let counts = channel_counts(&vec![vec!["press".to_string()]; 5]);
/// assert_eq!(channels_csv_rows(&counts, ""), "heard_from,,all,press,5\r\n");
/// ```
pub fn channels_csv_rows(counts: &[ChannelCount], prefix: &str) -> String {
    counts
        .iter()
        .map(|c| {
            format!(
                "{prefix}heard_from,,all,{},{}\r\n",
                lokalform_text::csv::field(&c.channel),
                c.count.label()
            )
        })
        .collect()
}

/// The counts as a JSON array, as they travel in a
/// [`CohortSubmission`](super::CohortSubmission) (`heard_from`); for a
/// collector that stores them. [`channels_from_json_text`] reads it back.
///
/// ```
/// use lokalform_forms::aggregate::{channel_counts, channels_from_json_text, channels_to_json};
/// let counts = channel_counts(&vec![vec!["press".to_string()]; 2]);
/// let text = channels_to_json(&counts);
/// assert_eq!(text, r#"[{"channel":"press","count":{"label":"<5","value":null}}]"#);
/// assert_eq!(channels_from_json_text(&text), Ok(counts));
/// ```
pub fn channels_to_json(counts: &[ChannelCount]) -> String {
    let mut out = String::new();
    write_channels(&mut out, counts);
    out
}

/// Reads and checks counts written by [`channels_to_json`], with the
/// checks of a submission's `heard_from`; every problem with its path.
pub fn channels_from_json_text(text: &str) -> Result<Vec<ChannelCount>, Vec<Problem>> {
    let value =
        lokalform_text::json::parse(text).map_err(|e| vec![Problem::new("", e.to_string())])?;
    let mut problems = Vec::new();
    let counts = read_channels(&value, "", &mut problems);
    if problems.is_empty() {
        Ok(counts)
    } else {
        Err(problems)
    }
}
