//! Storage of counters, behind the [`Store`] trait.
//!
//! What is stored is exactly what the data rule allows:
//!
//! - counters: (form, version, question, option, ISO week) → count;
//! - responses: (form, version, ISO week) → count;
//! - receipts: idempotency key → ISO week, so a retried send is counted once
//!   (pruned after [`RECEIPT_WEEKS`] weeks);
//! - a comment inbox: (form, version, ISO week, redacted text), with no link
//!   to the counters;
//! - cohort reports: (municipality, programme, round, instrument, version,
//!   group) → the report's published figures and the ISO week it last
//!   arrived; a resend of the same key replaces the row, and reports by
//!   role replace one for everyone of the same round (and the other way
//!   round), so a total is never kept next to a role's figures;
//! - how a programme round's participants heard of it: (municipality,
//!   programme, round) → the published counts per channel and the ISO week
//!   they last arrived;
//! - enrolled tablets ([`crate::devices`]): a random id, the label staff
//!   gave it, the SHA-256 of its token, the day it was enrolled, the day of
//!   its last counted batch, whether it is revoked, and one counter: the
//!   responses it sent on the current UTC day (for the daily ceiling);
//!   one-time enrollment codes as their SHA-256 with a label and an expiry.
//!   A device is a tablet, never a person: no address, no user agent, and
//!   its id is never stored with the counters.
//!
//! No row for a person, no timestamp finer than the week, no IP address.
//! [`SqliteStore`] keeps them in one file (the default, no set-up);
//! [`PgStore`] in a PostgreSQL database that several collector instances
//! may share. Both implement the same trait and pass the same tests.

mod postgres;
mod sqlite;

pub use postgres::{parse_url as parse_postgres_url, PgStore};
pub use sqlite::{backup as backup_sqlite, SqliteStore};

use crate::week::IsoWeek;
use lokalform_forms::aggregate::{ChannelCount, CohortReport, CohortSubmission};
use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// How long receipts (idempotency keys) are kept. A device retries within
/// hours or days; after eight weeks a key is forgotten, and the submit
/// routes refuse any tally made before that window
/// ([`crate::routes::submit::check_week`]), so a late retry cannot be
/// counted twice.
pub const RECEIPT_WEEKS: i64 = 8;

/// A future returned by a [`Store`].
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// One checked submission, ready to be added to the counters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// The form's id.
    pub form: String,
    /// The form's version.
    pub version: u32,
    /// The week the collector received it.
    pub week: IsoWeek,
    /// The idempotency key.
    pub key: String,
    /// How many responses it covers.
    pub responses: u32,
    /// (question, option, count), every count 1 or more.
    pub counts: Vec<(String, String, u32)>,
    /// Redacted comments.
    pub comments: Vec<String>,
}

/// What happened to a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Added to the counters.
    Received,
    /// The key was seen before; nothing was added.
    Duplicate,
}

/// Responses of one form version, over all weeks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseTotal {
    /// Form id.
    pub form: String,
    /// Form version.
    pub version: u32,
    /// Responses.
    pub responses: u64,
}

/// The count of one option, over all weeks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionTotal {
    /// Form id.
    pub form: String,
    /// Form version.
    pub version: u32,
    /// Question id.
    pub question: String,
    /// Option value.
    pub option: String,
    /// Count.
    pub count: u64,
}

/// All counters summed over all weeks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// Responses per form version.
    pub responses: Vec<ResponseTotal>,
    /// Counts per option.
    pub options: Vec<OptionTotal>,
}

/// Responses of one form version in one ISO week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekResponses {
    /// Form id.
    pub form: String,
    /// Form version.
    pub version: u32,
    /// The week, as `2026-W48`.
    pub week: String,
    /// Responses.
    pub responses: u64,
}

/// The count of one option in one ISO week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekOption {
    /// Form id.
    pub form: String,
    /// Form version.
    pub version: u32,
    /// Question id.
    pub question: String,
    /// Option value.
    pub option: String,
    /// The week, as `2026-W48`.
    pub week: String,
    /// Count.
    pub count: u64,
}

/// The counters per ISO week, as stored: the reports sum them into periods
/// (see [`crate::period`]) and all weeks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeeklyTotals {
    /// Responses per form version and week.
    pub responses: Vec<WeekResponses>,
    /// Counts per option and week.
    pub options: Vec<WeekOption>,
}

/// One comment in the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredComment {
    /// Form id.
    pub form: String,
    /// Form version.
    pub version: u32,
    /// The week it arrived, as `2026-W48`.
    pub week: String,
    /// The redacted text.
    pub text: String,
}

/// A checked cohort submission, ready to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortRecord {
    /// The submission, checked by [`CohortSubmission::from_json`].
    pub submission: CohortSubmission,
    /// The week the collector received it.
    pub week: IsoWeek,
}

/// What happened to a cohort submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CohortOutcome {
    /// Reports stored (new and replaced).
    pub stored: usize,
    /// Of those, how many replaced a report with the same municipality,
    /// programme, round, instrument and version.
    pub replaced: usize,
}

/// One stored cohort report.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredCohort {
    /// The municipality.
    pub municipality: String,
    /// The programme.
    pub programme: String,
    /// The round.
    pub round: String,
    /// The week it last arrived, as `2026-W48`.
    pub week: String,
    /// The published figures.
    pub report: CohortReport,
}

/// How one programme round's participants heard of it, as published
/// (each count 5 or more, or `<5`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredChannels {
    /// The municipality.
    pub municipality: String,
    /// The programme.
    pub programme: String,
    /// The round.
    pub round: String,
    /// The week it last arrived, as `2026-W48`.
    pub week: String,
    /// The counts, by channel.
    pub counts: Vec<ChannelCount>,
}

/// Everything the dashboard shows, read from one snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardData {
    /// Counters per week, every form.
    pub weekly: WeeklyTotals,
    /// The comment inbox, every form.
    pub comments: Vec<StoredComment>,
    /// Every stored cohort report.
    pub cohorts: Vec<StoredCohort>,
}

/// A new one-time enrollment code, as stored: only its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCode {
    /// SHA-256 of the normalised code, hex.
    pub hash: String,
    /// The label staff gave the tablet.
    pub label: String,
    /// Unix seconds after which the code is no longer accepted.
    pub expires: i64,
}

/// A tablet being enrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    /// The device's random id.
    pub id: String,
    /// SHA-256 of its token, hex.
    pub token_hash: String,
    /// The day it was enrolled, `2026-12-07`.
    pub enrolled: String,
}

/// What a batch's credential is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceKey {
    /// SHA-256 of the device's token, hex.
    pub token_hash: String,
    /// Revoked from the dashboard.
    pub revoked: bool,
}

/// What charging a batch to its device's daily ceiling gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceCharge {
    /// Charged: the day's responses stay within the ceiling.
    Charged,
    /// The batch would take the device over its daily ceiling; nothing charged.
    OverCeiling,
    /// The device was revoked.
    Revoked,
    /// No such device.
    Unknown,
}

/// One enrolled tablet, for the dashboard and `GET /admin/devices.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDevice {
    /// The device's id.
    pub id: String,
    /// The label staff gave it.
    pub label: String,
    /// The day it was enrolled, `2026-12-07`.
    pub enrolled: String,
    /// The day of its last counted batch.
    pub last_batch: Option<String>,
    /// Responses it sent on the day asked for.
    pub responses_today: u64,
    /// Revoked from the dashboard.
    pub revoked: bool,
}

/// The database failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError(e.to_string())
    }
}

/// Where counters are kept.
///
/// `record` must be atomic (all counters of a submission or none) and must
/// count a key only once, even when the same key arrives twice at the same
/// moment. `record_cohorts` must be atomic too. Each read method reads one
/// consistent snapshot (one read transaction), so a report's counts always
/// add up to its responses while submissions are being written.
pub trait Store: Send + Sync + 'static {
    /// Adds a submission to the counters, unless its key was seen before.
    fn record(&self, submission: Submission) -> StoreFuture<'_, Outcome>;
    /// Counters summed over all weeks, optionally for one form id.
    fn totals(&self, form: Option<String>) -> StoreFuture<'_, Totals>;
    /// Counters per form version and ISO week (one row per week that has
    /// counts), optionally for one form id; the reports sum them into
    /// periods and all weeks.
    fn weekly_totals(&self, form: Option<String>) -> StoreFuture<'_, WeeklyTotals>;
    /// The comment inbox, newest week first, optionally for one form id.
    fn comments(&self, form: Option<String>) -> StoreFuture<'_, Vec<StoredComment>>;
    /// Stores every report of a cohort submission, atomically, each
    /// replacing the one with the same (municipality, programme, round,
    /// instrument, version).
    fn record_cohorts(&self, record: CohortRecord) -> StoreFuture<'_, CohortOutcome>;
    /// Every stored cohort report, by instrument, version, municipality,
    /// programme and round.
    fn cohorts(&self) -> StoreFuture<'_, Vec<StoredCohort>>;
    /// How each programme round's participants heard of it
    /// ([`CohortSubmission::heard_from`], stored with its reports; a later
    /// submission with counts replaces them), by municipality, programme
    /// and round.
    fn channels(&self) -> StoreFuture<'_, Vec<StoredChannels>>;
    /// Weekly totals, comments and cohort reports for the dashboard, all from the
    /// same snapshot.
    fn dashboard(&self) -> StoreFuture<'_, DashboardData>;
    /// Stores a new enrollment code (and forgets codes expired by `now`,
    /// unix seconds).
    fn issue_code(&self, code: NewCode, now: i64) -> StoreFuture<'_, ()>;
    /// Consumes the code with this hash, atomically (of two requests for
    /// one code, across instances, exactly one gets it), if it has not
    /// expired by `now`, and enrolls `device` with its label; `None` for
    /// an unknown, used or expired code.
    fn enroll(
        &self,
        code_hash: String,
        now: i64,
        device: NewDevice,
    ) -> StoreFuture<'_, Option<String>>;
    /// The token hash of device `id` and whether it is revoked.
    fn device(&self, id: String) -> StoreFuture<'_, Option<DeviceKey>>;
    /// Adds `responses` to device `id`'s count for `day` (`2026-12-07`)
    /// if it stays within `ceiling`: one atomic conditional update, so
    /// instances sharing a database cannot together pass the ceiling.
    fn charge_device(
        &self,
        id: String,
        day: String,
        responses: u32,
        ceiling: u32,
    ) -> StoreFuture<'_, DeviceCharge>;
    /// After a charged batch was written: `counted` sets the device's last
    /// batch to `day`; otherwise (a duplicate, a failed write) the charge
    /// is given back.
    fn settle_device(
        &self,
        id: String,
        day: String,
        responses: u32,
        counted: bool,
    ) -> StoreFuture<'_, ()>;
    /// Revokes device `id`; `false` when there is no such device.
    fn revoke_device(&self, id: String) -> StoreFuture<'_, bool>;
    /// Every enrolled device, newest first, with its responses on `today`.
    fn devices(&self, today: String) -> StoreFuture<'_, Vec<StoredDevice>>;
    /// Whether a submission with this idempotency key was counted (its
    /// receipt is kept).
    fn has_receipt(&self, key: String) -> StoreFuture<'_, bool>;
    /// A one-line description for the start-up message.
    fn describe(&self) -> String;
    /// Whether the database answers: one read (`GET /health`). The
    /// default reads the totals of a form id that cannot exist.
    fn check(&self) -> StoreFuture<'_, ()> {
        Box::pin(async move { self.totals(Some(String::new())).await.map(|_| ()) })
    }
    /// Submissions waiting to be written, for `GET /metrics`; `None` when
    /// the store has no queue of its own.
    fn queue_depth(&self) -> Option<usize> {
        None
    }
}

/// Checks both stores run, so SQLite and PostgreSQL keep the same rules.
#[cfg(test)]
mod shared_tests {
    use super::{Outcome, Store, Submission};
    use crate::week::IsoWeek;

    /// One web response to `feedback` version 1 with `key`, in `week`.
    pub(super) fn submission(key: &str, week: IsoWeek) -> Submission {
        Submission {
            form: "feedback".into(),
            version: 1,
            week,
            key: key.into(),
            responses: 1,
            counts: vec![("heard".into(), "yes".into(), 1)],
            comments: vec![],
        }
    }

    /// The same key twice at the same moment (one group): counted once,
    /// and a report for another form is empty.
    pub(super) async fn a_key_twice_in_one_group_counts_once(store: &dyn Store) {
        let week = IsoWeek::now();
        let (a, b) = tokio::join!(
            store.record(submission("same-key-0000000000001", week)),
            store.record(submission("same-key-0000000000001", week))
        );
        let mut outcomes = vec![a.expect("a"), b.expect("b")];
        outcomes.sort_by_key(|o| *o == Outcome::Duplicate);
        assert_eq!(outcomes, [Outcome::Received, Outcome::Duplicate]);
        let totals = store.totals(Some("feedback".into())).await.expect("totals");
        assert_eq!(totals.responses[0].responses, 1);
        assert!(store
            .totals(Some("other".into()))
            .await
            .expect("totals")
            .responses
            .is_empty());
    }

    /// Two weeks of submissions: per week, per form version, per option,
    /// in week order, and only the asked form.
    pub(super) async fn weekly_totals_are_per_week_in_order(store: &dyn Store) {
        let (early, late) = (
            IsoWeek {
                year: 2026,
                week: 9,
            },
            IsoWeek {
                year: 2026,
                week: 10,
            },
        );
        for (i, week) in [late, early, late].into_iter().enumerate() {
            let outcome = store
                .record(submission(&format!("weekly-key-00000000000{i}"), week))
                .await
                .expect("record");
            assert_eq!(outcome, Outcome::Received);
        }
        let weekly = store
            .weekly_totals(Some("feedback".into()))
            .await
            .expect("weekly");
        let responses: Vec<(&str, u64)> = weekly
            .responses
            .iter()
            .map(|r| (r.week.as_str(), r.responses))
            .collect();
        assert_eq!(responses, [("2026-W09", 1), ("2026-W10", 2)]);
        let options: Vec<(&str, &str, u64)> = weekly
            .options
            .iter()
            .map(|o| (o.option.as_str(), o.week.as_str(), o.count))
            .collect();
        assert_eq!(options, [("yes", "2026-W09", 1), ("yes", "2026-W10", 2)]);
        let other = store
            .weekly_totals(Some("other".into()))
            .await
            .expect("weekly");
        assert!(other.responses.is_empty() && other.options.is_empty());
    }

    /// An old and a recent receipt recorded, then the store opened again
    /// (which prunes): the counters of both stay.
    pub(super) async fn record_an_old_and_a_recent_receipt(store: &dyn Store) {
        let old = IsoWeek::weeks_ago(super::RECEIPT_WEEKS + 2);
        let recent = IsoWeek::weeks_ago(1);
        assert_eq!(
            store.record(submission("old-key-000000000001", old)).await,
            Ok(Outcome::Received)
        );
        assert_eq!(
            store
                .record(submission("new-key-000000000001", recent))
                .await,
            Ok(Outcome::Received)
        );
    }

    /// After [`record_an_old_and_a_recent_receipt`] and a reopen: only the
    /// recent key is left (`keys`), and both submissions are counted.
    pub(super) async fn only_the_recent_receipt_is_left(store: &dyn Store, keys: &[String]) {
        assert_eq!(keys, ["new-key-000000000001"]);
        let totals = store.totals(None).await.expect("totals");
        assert_eq!(totals.responses[0].responses, 2);
        assert_eq!(totals.options[0].count, 2);
    }
}
