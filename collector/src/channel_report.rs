//! How each programme round's participants heard of it, as an evaluator
//! reads it: the counts the programme published with its cohort reports
//! (`heard_from` of a cohort submission), one CSV line per channel.
//!
//! A count is 5 or more, or `<5`; a channel nobody picked is not listed.
//! Nothing is summed across programmes or channels: a person may pick
//! several channels, so a sum would count people twice, and a `<5` has no
//! value to add.

use crate::store::StoredChannels;

/// The columns of [`to_csv`].
pub const CSV_HEADER: &str = "municipality,programme,round,received_week,channel,count";

/// The stored counts as CSV, one line per (programme round, channel), in
/// the order stored (by municipality, programme, round) and by channel;
/// starts with a byte-order mark so spreadsheet programs read UTF-8.
///
/// ```
/// use lokalform_collector::channel_report::{to_csv, CSV_HEADER};
/// use lokalform_collector::store::StoredChannels;
/// use lokalform_forms::aggregate::channel_counts;
/// let stored = StoredChannels {
///     municipality: "Vejle Kommune".into(), programme: "Peer".into(), round: "2026-2".into(),
///     week: "2026-W48".into(),
///     counts: channel_counts(&[vec!["press".to_string()], vec!["press".to_string()]]),
/// };
/// assert_eq!(to_csv(&[stored]),
///     format!("\u{feff}{CSV_HEADER}\r\nVejle Kommune,Peer,2026-2,2026-W48,press,<5\r\n"));
/// ```
pub fn to_csv(stored: &[StoredChannels]) -> String {
    let mut out = format!("\u{feff}{CSV_HEADER}\r\n");
    for s in stored {
        for c in &s.counts {
            lokalform_text::csv::row(
                &mut out,
                &[
                    s.municipality.clone(),
                    s.programme.clone(),
                    s.round.clone(),
                    s.week.clone(),
                    c.channel.clone(),
                    c.count.label(),
                ],
            );
        }
    }
    out
}
