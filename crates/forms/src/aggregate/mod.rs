//! What may leave a device, and how it is protected.
//!
//! - [`Tally`]: the only payload a widget sends. Per-question counts for one
//!   response (web mode) or a batch of at least k responses (kiosk mode),
//!   with a random idempotency key, the ISO week it was made and optionally
//!   redacted comments.
//! - [`suppress_row`]: publishing counts with cells below 5 shown as `<5` and
//!   complementary suppression, so no hidden cell can be derived from totals.
//! - [`suppress_table`]: the same for a question's counts per period (month
//!   or quarter) published together with its all-time counts, with
//!   complementary suppression across periods ([`exposed_cells`] checks it).
//! - [`CohortReport`] and [`CohortSubmission`]: a programme's published
//!   before/after figures, and the payload that carries them to a collector
//!   (read back and checked by [`CohortSubmission::from_json`]), with how
//!   the participants heard of the programme ([`channel_counts`]).
//! - [`redact`]: removes CPR numbers, phone numbers, e-mail addresses and long
//!   digit runs from free text before it leaves the device.

mod channels;
mod cohort;
mod cohort_decode;
mod counts;
mod redact;
mod suppress;
mod table;
mod tally;

pub use channels::{
    channel_counts, channels_csv_rows, channels_from_json_text, channels_to_json, is_channel_id,
    ChannelCount, MAX_CHANNELS, MAX_CHANNEL_ID,
};
pub use cohort::{
    t_975, Cohort, CohortGroup, CohortReport, Lacking, MIN_FOR_INTERVAL, REPORT_CSV_HEADER,
};
pub use cohort_decode::{
    CohortSubmission, MAX_COHORT_NAME, MAX_COHORT_REPORTS, MAX_COHORT_ROUND, MAX_INSTRUMENT_ID,
    MAX_STATISTIC,
};
pub use redact::{redact, was_redacted};
pub use suppress::{feasible_range, suppress_row, Cell, SuppressedRow, SMALL_CELL};
pub use table::{exposed_cells, suppress_responses, suppress_table, SuppressedTable};
pub use tally::{is_idempotency_key, Choices, Counts, Row, Tally, MAX_BATCH, MIN_KIOSK_BATCH};
