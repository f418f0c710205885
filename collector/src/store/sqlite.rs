//! The SQLite store: one writer thread with group commit.
//!
//! SQLite allows one writer at a time, and the cost of a commit is the sync
//! to disk, not the rows. So one thread owns the write connection and takes
//! submissions from a channel; it applies every submission that is waiting
//! (up to [`MAX_GROUP`]) in one transaction, each inside its own savepoint
//! so a failing one leaves no trace, commits once, and only then
//! acknowledges each request. In WAL mode readers (the reports) never block
//! the writer.
//!
//! Because one thread applies submissions one after another, two identical
//! submissions sent at the same moment are serialised: the second finds the
//! first's receipt (even inside the same transaction) and is a duplicate.
//! Cohort submissions go through the same writer, in the same groups.
//!
//! Every read (one report, or everything the dashboard shows) runs in one
//! read transaction on the read connection, so it sees one snapshot: the
//! answer counts of a report add up to its responses even while the writer
//! commits between its statements.

use super::{
    CohortOutcome, CohortRecord, DashboardData, DeviceCharge, DeviceKey, NewCode, NewDevice,
    OptionTotal, Outcome, ResponseTotal, StoreError, StoreFuture, StoredChannels, StoredCohort,
    StoredComment, StoredDevice, Submission, Totals, WeekOption, WeekResponses, WeeklyTotals,
    RECEIPT_WEEKS,
};
use crate::config::SyncMode;
use crate::week::IsoWeek;
use lokalform_forms::aggregate::{channels_from_json_text, channels_to_json, CohortReport};
use lokalform_text::Problem;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};
use std::any::Any;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};

/// Most submissions committed in one transaction.
pub const MAX_GROUP: usize = 1024;
/// Submissions that may wait for the writer before senders wait too.
const QUEUE: usize = 8192;
/// How often old receipts are pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// The schema, one migration an entry. `PRAGMA user_version` records how
/// many have run; add new ones at the end, never edit old ones.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE counters (
    form     TEXT    NOT NULL,
    version  INTEGER NOT NULL,
    question TEXT    NOT NULL,
    option   TEXT    NOT NULL,
    iso_week TEXT    NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (form, version, question, option, iso_week)
) WITHOUT ROWID;
CREATE TABLE responses (
    form     TEXT    NOT NULL,
    version  INTEGER NOT NULL,
    iso_week TEXT    NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (form, version, iso_week)
) WITHOUT ROWID;
CREATE TABLE receipts (
    key      TEXT NOT NULL PRIMARY KEY,
    iso_week TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX receipts_by_week ON receipts (iso_week);
CREATE TABLE comments (
    form     TEXT    NOT NULL,
    version  INTEGER NOT NULL,
    iso_week TEXT    NOT NULL,
    text     TEXT    NOT NULL
);
CREATE INDEX comments_by_form ON comments (form, version, iso_week);
"#,
    r#"
CREATE TABLE cohort_reports (
    municipality TEXT    NOT NULL,
    programme    TEXT    NOT NULL,
    round        TEXT    NOT NULL,
    instrument   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    iso_week     TEXT    NOT NULL,
    report       TEXT    NOT NULL,
    PRIMARY KEY (municipality, programme, round, instrument, version)
) WITHOUT ROWID;
"#,
    // December 2026: cohort reports by role. A row's group is its report's
    // (`all`, `peers`, `mentors`); every earlier row was for everyone.
    r#"
CREATE TABLE cohort_reports_by_group (
    municipality TEXT    NOT NULL,
    programme    TEXT    NOT NULL,
    round        TEXT    NOT NULL,
    instrument   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    cohort_group TEXT    NOT NULL,
    iso_week     TEXT    NOT NULL,
    report       TEXT    NOT NULL,
    PRIMARY KEY (municipality, programme, round, instrument, version, cohort_group)
) WITHOUT ROWID;
INSERT INTO cohort_reports_by_group
    SELECT municipality, programme, round, instrument, version, 'all', iso_week, report
    FROM cohort_reports;
DROP TABLE cohort_reports;
ALTER TABLE cohort_reports_by_group RENAME TO cohort_reports;
"#,
    // December 2026: how each round's participants heard of the programme.
    r#"
CREATE TABLE cohort_channels (
    municipality TEXT    NOT NULL,
    programme    TEXT    NOT NULL,
    round        TEXT    NOT NULL,
    iso_week     TEXT    NOT NULL,
    counts       TEXT    NOT NULL,
    PRIMARY KEY (municipality, programme, round)
) WITHOUT ROWID;
"#,
    // December 2026: enrolled tablets and their one-time enrollment codes.
    r#"
CREATE TABLE enrollment_codes (
    code_hash TEXT    NOT NULL PRIMARY KEY,
    label     TEXT    NOT NULL,
    expires   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE devices (
    id         TEXT    NOT NULL PRIMARY KEY,
    label      TEXT    NOT NULL,
    token_hash TEXT    NOT NULL,
    enrolled   TEXT    NOT NULL,
    last_batch TEXT,
    revoked    INTEGER NOT NULL DEFAULT 0,
    day        TEXT    NOT NULL DEFAULT '',
    responses  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
"#,
];

type Reply = oneshot::Sender<Result<Outcome, StoreError>>;
type CohortReply = oneshot::Sender<Result<CohortOutcome, StoreError>>;
/// A small write of its own (the devices'), run by the writer in its
/// group like the others; its value goes back as `Any`.
type Work = Box<dyn Fn(&Connection) -> rusqlite::Result<Box<dyn Any + Send>> + Send>;
type WorkReply = oneshot::Sender<Result<Box<dyn Any + Send>, StoreError>>;

/// One piece of work for the writer thread, with where its answer goes.
enum Job {
    Tally(Submission, Reply),
    Cohorts(CohortRecord, CohortReply),
    Write(Work, WorkReply),
}

/// What applying a job gave.
enum Done {
    Tally(Outcome),
    Cohorts(CohortOutcome),
    Write(Box<dyn Any + Send>),
}

impl Job {
    /// Answers the requester; it may have gone away (the data is stored).
    fn answer(self, result: Result<Done, StoreError>) {
        match self {
            Job::Tally(_, reply) => {
                let _ = reply.send(result.and_then(|done| match done {
                    Done::Tally(outcome) => Ok(outcome),
                    _ => Err(StoreError("mismatched answer".to_string())),
                }));
            }
            Job::Cohorts(_, reply) => {
                let _ = reply.send(result.and_then(|done| match done {
                    Done::Cohorts(outcome) => Ok(outcome),
                    _ => Err(StoreError("mismatched answer".to_string())),
                }));
            }
            Job::Write(_, reply) => {
                let _ = reply.send(result.and_then(|done| match done {
                    Done::Write(value) => Ok(value),
                    _ => Err(StoreError("mismatched answer".to_string())),
                }));
            }
        }
    }
}

/// Counters in a SQLite file.
pub struct SqliteStore {
    jobs: mpsc::Sender<Job>,
    reader: Arc<Mutex<Connection>>,
    path: PathBuf,
    sync: SyncMode,
}

impl SqliteStore {
    /// Opens (or creates) the database at `path`, runs the migrations and
    /// starts the writer thread. Call from within a Tokio runtime.
    pub fn open(path: &Path, sync: SyncMode) -> Result<SqliteStore, StoreError> {
        let mut writer = Connection::open(path).map_err(|e| {
            StoreError(format!(
                "cannot open the SQLite database {} ({e}); check that its folder exists and is writable",
                path.display()
            ))
        })?;
        let mode: String = writer.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError(format!(
                "cannot switch {} to WAL mode (got {mode})",
                path.display()
            )));
        }
        writer.pragma_update(None, "synchronous", sync.pragma())?;
        writer.busy_timeout(Duration::from_secs(5))?;
        migrate(&mut writer)?;
        let tx = writer.transaction()?;
        prune(&tx, IsoWeek::weeks_ago(RECEIPT_WEEKS))?;
        tx.commit()?;

        let reader = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        reader.busy_timeout(Duration::from_secs(5))?;

        let (jobs, rx) = mpsc::channel(QUEUE);
        std::thread::Builder::new()
            .name("lokalform-writer".to_string())
            .spawn(move || write_loop(writer, rx))
            .map_err(|e| StoreError(format!("cannot start the writer thread: {e}")))?;
        Ok(SqliteStore {
            jobs,
            reader: Arc::new(Mutex::new(reader)),
            path: path.to_path_buf(),
            sync,
        })
    }

    /// Runs `f` on the read connection inside one read transaction.
    async fn read<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, rusqlite::Error> + Send + 'static,
    {
        let reader = Arc::clone(&self.reader);
        tokio::task::spawn_blocking(move || {
            let conn = reader
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            // One read transaction: every statement of a report sees the
            // same snapshot, so its counts add up while the writer commits.
            let tx = conn.unchecked_transaction()?;
            let value = f(&tx)?;
            tx.finish()?;
            Ok(value)
        })
        .await
        .map_err(|e| StoreError(format!("the report query stopped: {e}")))?
    }

    /// Runs `f` on the writer thread, in its next group (so it is
    /// serialised with every other write), and returns its value.
    async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: Fn(&Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let work: Work = Box::new(move |conn| f(conn).map(|v| Box::new(v) as Box<dyn Any + Send>));
        self.jobs
            .send(Job::Write(work, reply))
            .await
            .map_err(|_| StoreError("the writer thread has stopped".to_string()))?;
        let value = answer
            .await
            .map_err(|_| StoreError("the writer thread has stopped".to_string()))??;
        value
            .downcast::<T>()
            .map(|v| *v)
            .map_err(|_| StoreError("mismatched answer".to_string()))
    }
}

impl super::Store for SqliteStore {
    fn record(&self, submission: Submission) -> StoreFuture<'_, Outcome> {
        Box::pin(async move {
            let (reply, answer) = oneshot::channel();
            self.jobs
                .send(Job::Tally(submission, reply))
                .await
                .map_err(|_| StoreError("the writer thread has stopped".to_string()))?;
            answer
                .await
                .map_err(|_| StoreError("the writer thread has stopped".to_string()))?
        })
    }

    fn record_cohorts(&self, record: CohortRecord) -> StoreFuture<'_, CohortOutcome> {
        Box::pin(async move {
            let (reply, answer) = oneshot::channel();
            self.jobs
                .send(Job::Cohorts(record, reply))
                .await
                .map_err(|_| StoreError("the writer thread has stopped".to_string()))?;
            answer
                .await
                .map_err(|_| StoreError("the writer thread has stopped".to_string()))?
        })
    }

    fn channels(&self) -> StoreFuture<'_, Vec<StoredChannels>> {
        Box::pin(self.read(read_channels))
    }

    fn cohorts(&self) -> StoreFuture<'_, Vec<StoredCohort>> {
        Box::pin(self.read(read_cohorts))
    }

    fn totals(&self, form: Option<String>) -> StoreFuture<'_, Totals> {
        Box::pin(self.read(move |conn| read_totals(conn, form.as_deref())))
    }

    fn weekly_totals(&self, form: Option<String>) -> StoreFuture<'_, WeeklyTotals> {
        Box::pin(self.read(move |conn| read_weekly_totals(conn, form.as_deref())))
    }

    fn comments(&self, form: Option<String>) -> StoreFuture<'_, Vec<StoredComment>> {
        Box::pin(self.read(move |conn| read_comments(conn, form.as_deref())))
    }

    fn dashboard(&self) -> StoreFuture<'_, DashboardData> {
        Box::pin(self.read(|conn| {
            Ok(DashboardData {
                weekly: read_weekly_totals(conn, None)?,
                comments: read_comments(conn, None)?,
                cohorts: read_cohorts(conn)?,
            })
        }))
    }

    fn queue_depth(&self) -> Option<usize> {
        Some(self.jobs.max_capacity() - self.jobs.capacity())
    }

    fn issue_code(&self, code: NewCode, now: i64) -> StoreFuture<'_, ()> {
        Box::pin(self.write(move |conn| {
            conn.prepare_cached("DELETE FROM enrollment_codes WHERE expires <= ?1")?
                .execute(params![now])?;
            conn.prepare_cached(
                "INSERT INTO enrollment_codes (code_hash, label, expires) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![code.hash, code.label, code.expires])?;
            Ok(())
        }))
    }

    fn enroll(
        &self,
        code_hash: String,
        now: i64,
        device: NewDevice,
    ) -> StoreFuture<'_, Option<String>> {
        Box::pin(self.write(move |conn| {
            // Deleted whether or not it expired: a code is tried once.
            let found: Option<(String, i64)> = conn
                .prepare_cached(
                    "DELETE FROM enrollment_codes WHERE code_hash = ?1 RETURNING label, expires",
                )?
                .query_row(params![code_hash], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let Some((label, _)) = found.filter(|(_, expires)| *expires > now) else {
                return Ok(None);
            };
            conn.prepare_cached(
                "INSERT INTO devices (id, label, token_hash, enrolled) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                device.id,
                label,
                device.token_hash,
                device.enrolled
            ])?;
            Ok(Some(label))
        }))
    }

    fn device(&self, id: String) -> StoreFuture<'_, Option<DeviceKey>> {
        Box::pin(self.read(move |conn| {
            conn.prepare_cached("SELECT token_hash, revoked FROM devices WHERE id = ?1")?
                .query_row(params![id], |r| {
                    Ok(DeviceKey {
                        token_hash: r.get(0)?,
                        revoked: r.get::<_, i64>(1)? != 0,
                    })
                })
                .optional()
        }))
    }

    fn charge_device(
        &self,
        id: String,
        day: String,
        responses: u32,
        ceiling: u32,
    ) -> StoreFuture<'_, DeviceCharge> {
        Box::pin(self.write(move |conn| {
            let charged = conn
                .prepare_cached(
                    "UPDATE devices SET
                         responses = CASE WHEN day = ?2 THEN responses ELSE 0 END + ?3,
                         day = ?2
                     WHERE id = ?1 AND revoked = 0
                       AND CASE WHEN day = ?2 THEN responses ELSE 0 END + ?3 <= ?4",
                )?
                .execute(params![id, day, responses, ceiling])?;
            if charged == 1 {
                return Ok(DeviceCharge::Charged);
            }
            let revoked: Option<i64> = conn
                .prepare_cached("SELECT revoked FROM devices WHERE id = ?1")?
                .query_row(params![id], |r| r.get(0))
                .optional()?;
            Ok(match revoked {
                None => DeviceCharge::Unknown,
                Some(0) => DeviceCharge::OverCeiling,
                Some(_) => DeviceCharge::Revoked,
            })
        }))
    }

    fn settle_device(
        &self,
        id: String,
        day: String,
        responses: u32,
        counted: bool,
    ) -> StoreFuture<'_, ()> {
        Box::pin(self.write(move |conn| {
            if counted {
                conn.prepare_cached("UPDATE devices SET last_batch = ?2 WHERE id = ?1")?
                    .execute(params![id, day])?;
            } else {
                conn.prepare_cached(
                    "UPDATE devices SET responses = MAX(responses - ?3, 0)
                     WHERE id = ?1 AND day = ?2",
                )?
                .execute(params![id, day, responses])?;
            }
            Ok(())
        }))
    }

    fn revoke_device(&self, id: String) -> StoreFuture<'_, bool> {
        Box::pin(self.write(move |conn| {
            let n = conn
                .prepare_cached("UPDATE devices SET revoked = 1 WHERE id = ?1")?
                .execute(params![id])?;
            Ok(n == 1)
        }))
    }

    fn devices(&self, today: String) -> StoreFuture<'_, Vec<StoredDevice>> {
        Box::pin(self.read(move |conn| {
            let mut statement = conn.prepare_cached(
                "SELECT id, label, enrolled, last_batch,
                        CASE WHEN day = ?1 THEN responses ELSE 0 END, revoked
                 FROM devices ORDER BY enrolled DESC, label, id",
            )?;
            let rows = statement
                .query_map(params![today], |r| {
                    Ok(StoredDevice {
                        id: r.get(0)?,
                        label: r.get(1)?,
                        enrolled: r.get(2)?,
                        last_batch: r.get(3)?,
                        responses_today: r.get::<_, i64>(4)?.max(0).unsigned_abs(),
                        revoked: r.get::<_, i64>(5)? != 0,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        }))
    }

    fn has_receipt(&self, key: String) -> StoreFuture<'_, bool> {
        Box::pin(self.read(move |conn| {
            let n: i64 = conn
                .prepare_cached("SELECT COUNT(*) FROM receipts WHERE key = ?1")?
                .query_row(params![key], |r| r.get(0))?;
            Ok(n > 0)
        }))
    }

    fn describe(&self) -> String {
        format!(
            "{} (SQLite, WAL, synchronous={})",
            self.path.display(),
            self.sync.pragma()
        )
    }
}

/// Copies the database at `from` into the new file `to` with SQLite's
/// online backup API: one consistent copy, also while a collector writes
/// to `from` (it holds a read transaction; the writer goes on). The copy
/// is a complete database: restore it by starting a collector on it.
pub fn backup(from: &Path, to: &Path) -> Result<(), StoreError> {
    if !from.is_file() {
        return Err(StoreError(format!(
            "there is no SQLite database at {} to back up",
            from.display()
        )));
    }
    if to.exists() {
        return Err(StoreError(format!(
            "{} exists already; give a new file to back up into",
            to.display()
        )));
    }
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    source.backup(rusqlite::MAIN_DB, to, None).map_err(|e| {
        StoreError(format!(
            "cannot back up {} to {} ({e})",
            from.display(),
            to.display()
        ))
    })
}

/// How each programme round's participants heard of it ([`super::Store::channels`]).
fn read_channels(conn: &Connection) -> rusqlite::Result<Vec<StoredChannels>> {
    let mut statement = conn.prepare(
        "SELECT municipality, programme, round, iso_week, counts FROM cohort_channels
         ORDER BY municipality, programme, round",
    )?;
    let rows = statement
        .query_map([], |r| {
            let text: String = r.get(4)?;
            // Written by this collector from checked counts; a row
            // changed by hand is reported rather than shown wrongly.
            let counts = channels_from_json_text(&text)
                .map_err(|p| invalid_row(4, "stored channel counts are", &p))?;
            Ok(StoredChannels {
                municipality: r.get(0)?,
                programme: r.get(1)?,
                round: r.get(2)?,
                week: r.get(3)?,
                counts,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Every stored cohort report ([`super::Store::cohorts`]).
fn read_cohorts(conn: &Connection) -> rusqlite::Result<Vec<StoredCohort>> {
    let mut statement = conn.prepare(
        "SELECT municipality, programme, round, iso_week, report FROM cohort_reports
         ORDER BY instrument, version, cohort_group, municipality, programme, round",
    )?;
    let rows = statement
        .query_map([], |r| {
            let text: String = r.get(4)?;
            // Written by this collector from a checked report, so
            // it reads back; a row that does not was changed by
            // hand and is reported rather than shown wrongly.
            let report = CohortReport::from_json_text(&text)
                .map_err(|p| invalid_row(4, "a stored cohort report is", &p))?;
            Ok(StoredCohort {
                municipality: r.get(0)?,
                programme: r.get(1)?,
                round: r.get(2)?,
                week: r.get(3)?,
                report,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Counters summed over all weeks ([`super::Store::totals`]).
fn read_totals(conn: &Connection, form: Option<&str>) -> rusqlite::Result<Totals> {
    let mut statement = conn.prepare(
        "SELECT form, version, SUM(count) FROM responses
         WHERE ?1 IS NULL OR form = ?1
         GROUP BY form, version ORDER BY form, version",
    )?;
    let responses = statement
        .query_map(params![form], |r| {
            Ok(ResponseTotal {
                form: r.get(0)?,
                version: r.get(1)?,
                responses: r.get::<_, i64>(2)?.max(0).unsigned_abs(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut statement = conn.prepare(
        "SELECT form, version, question, option, SUM(count) FROM counters
         WHERE ?1 IS NULL OR form = ?1
         GROUP BY form, version, question, option
         ORDER BY form, version, question, option",
    )?;
    let options = statement
        .query_map(params![form], |r| {
            Ok(OptionTotal {
                form: r.get(0)?,
                version: r.get(1)?,
                question: r.get(2)?,
                option: r.get(3)?,
                count: r.get::<_, i64>(4)?.max(0).unsigned_abs(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Totals { responses, options })
}

/// Counters per week ([`super::Store::weekly_totals`]).
fn read_weekly_totals(conn: &Connection, form: Option<&str>) -> rusqlite::Result<WeeklyTotals> {
    let mut statement = conn.prepare(
        "SELECT form, version, iso_week, SUM(count) FROM responses
         WHERE ?1 IS NULL OR form = ?1
         GROUP BY form, version, iso_week ORDER BY form, version, iso_week",
    )?;
    let responses = statement
        .query_map(params![form], |r| {
            Ok(WeekResponses {
                form: r.get(0)?,
                version: r.get(1)?,
                week: r.get(2)?,
                responses: r.get::<_, i64>(3)?.max(0).unsigned_abs(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut statement = conn.prepare(
        "SELECT form, version, question, option, iso_week, SUM(count) FROM counters
         WHERE ?1 IS NULL OR form = ?1
         GROUP BY form, version, question, option, iso_week
         ORDER BY form, version, question, option, iso_week",
    )?;
    let options = statement
        .query_map(params![form], |r| {
            Ok(WeekOption {
                form: r.get(0)?,
                version: r.get(1)?,
                question: r.get(2)?,
                option: r.get(3)?,
                week: r.get(4)?,
                count: r.get::<_, i64>(5)?.max(0).unsigned_abs(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(WeeklyTotals { responses, options })
}

/// The comment inbox ([`super::Store::comments`]).
fn read_comments(conn: &Connection, form: Option<&str>) -> rusqlite::Result<Vec<StoredComment>> {
    // Sorted by text within a week, so the order says nothing about
    // when or in which submission a comment came.
    let mut statement = conn.prepare(
        "SELECT form, version, iso_week, text FROM comments
         WHERE ?1 IS NULL OR form = ?1
         ORDER BY iso_week DESC, form, version, text",
    )?;
    let rows = statement
        .query_map(params![form], |r| {
            Ok(StoredComment {
                form: r.get(0)?,
                version: r.get(1)?,
                week: r.get(2)?,
                text: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let done: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let done = usize::try_from(done).unwrap_or(0);
    if done > MIGRATIONS.len() {
        return Err(StoreError(format!(
            "the database has schema version {done}, newer than this collector knows ({}); \
             use a newer lokalform-collector",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    Ok(())
}

fn prune(tx: &Transaction<'_>, before: IsoWeek) -> Result<usize, rusqlite::Error> {
    tx.prepare_cached("DELETE FROM receipts WHERE iso_week < ?1")?
        .execute(params![before.to_string()])
}

/// The writer thread: group commit until every sender is gone.
fn write_loop(mut conn: Connection, mut rx: mpsc::Receiver<Job>) {
    let mut last_prune = Instant::now();
    let mut group = Vec::with_capacity(MAX_GROUP);
    while let Some(first) = rx.blocking_recv() {
        group.push(first);
        while group.len() < MAX_GROUP {
            match rx.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let prune_now = last_prune.elapsed() >= PRUNE_EVERY;
        match commit_group(&mut conn, &group, prune_now) {
            Ok(outcomes) => {
                for (job, outcome) in group.drain(..).zip(outcomes) {
                    job.answer(outcome);
                }
            }
            Err(e) => {
                for job in group.drain(..) {
                    job.answer(Err(e.clone()));
                }
            }
        }
        if prune_now {
            last_prune = Instant::now();
        }
    }
}

/// A stored JSON text in `column` that no longer reads: `what` ("a stored
/// cohort report is") not valid, with every problem.
fn invalid_row(column: usize, what: &str, problems: &[Problem]) -> rusqlite::Error {
    let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("{what} not valid: {}", list.join("; ")).into(),
    )
}

/// Applies every submission of `group` in one transaction and commits.
/// The outer error means nothing was committed.
fn commit_group(
    conn: &mut Connection,
    group: &[Job],
    prune_now: bool,
) -> Result<Vec<Result<Done, StoreError>>, StoreError> {
    let mut tx = conn.transaction()?;
    if prune_now {
        prune(&tx, IsoWeek::weeks_ago(RECEIPT_WEEKS))?;
    }
    let mut outcomes = Vec::with_capacity(group.len());
    for job in group {
        let mut savepoint = tx.savepoint()?;
        let applied = match job {
            Job::Tally(submission, _) => apply(&savepoint, submission).map(Done::Tally),
            Job::Cohorts(record, _) => apply_cohorts(&savepoint, record).map(Done::Cohorts),
            Job::Write(work, _) => work(&savepoint).map(Done::Write),
        };
        match applied {
            Ok(outcome) => {
                savepoint.commit()?;
                outcomes.push(Ok(outcome));
            }
            Err(e) => {
                savepoint.rollback()?;
                outcomes.push(Err(StoreError::from(e)));
            }
        }
    }
    tx.commit()?;
    Ok(outcomes)
}

/// One submission: receipt first, so a duplicate adds nothing.
fn apply(conn: &Connection, s: &Submission) -> Result<Outcome, rusqlite::Error> {
    let week = s.week.to_string();
    let inserted = conn
        .prepare_cached(
            "INSERT INTO receipts (key, iso_week) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
        )?
        .execute(params![s.key, week])?;
    if inserted == 0 {
        return Ok(Outcome::Duplicate);
    }
    conn.prepare_cached(
        "INSERT INTO responses (form, version, iso_week, count) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (form, version, iso_week) DO UPDATE SET count = count + excluded.count",
    )?
    .execute(params![s.form, s.version, week, s.responses])?;
    let mut add = conn.prepare_cached(
        "INSERT INTO counters (form, version, question, option, iso_week, count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (form, version, question, option, iso_week)
         DO UPDATE SET count = count + excluded.count",
    )?;
    for (question, option, n) in &s.counts {
        add.execute(params![s.form, s.version, question, option, week, n])?;
    }
    let mut comment = conn.prepare_cached(
        "INSERT INTO comments (form, version, iso_week, text) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for text in &s.comments {
        comment.execute(params![s.form, s.version, week, text])?;
    }
    Ok(Outcome::Received)
}

/// One cohort submission: each report replaces the row with its key, and a
/// report by role removes the same round's report for everyone (and the
/// other way round: a device sends one or the other), so no total is kept
/// next to a role's figures. Only the checked report, written again by
/// `CohortReport::to_json`, is kept: never the request's own text.
fn apply_cohorts(
    conn: &Connection,
    record: &CohortRecord,
) -> Result<CohortOutcome, rusqlite::Error> {
    let s = &record.submission;
    let week = record.week.to_string();
    let mut exists = conn.prepare_cached(
        "SELECT COUNT(*) FROM cohort_reports
         WHERE municipality = ?1 AND programme = ?2 AND round = ?3 AND instrument = ?4 AND version = ?5
           AND cohort_group = ?6",
    )?;
    let mut other_kind = conn.prepare_cached(
        "DELETE FROM cohort_reports
         WHERE municipality = ?1 AND programme = ?2 AND round = ?3 AND instrument = ?4 AND version = ?5
           AND (cohort_group = 'all') <> (?6 = 'all')",
    )?;
    let mut upsert = conn.prepare_cached(
        "INSERT INTO cohort_reports (municipality, programme, round, instrument, version, cohort_group, iso_week, report)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (municipality, programme, round, instrument, version, cohort_group)
         DO UPDATE SET iso_week = excluded.iso_week, report = excluded.report",
    )?;
    let mut outcome = CohortOutcome {
        stored: 0,
        replaced: 0,
    };
    for report in &s.reports {
        let group = report.group.id();
        let key = params![
            s.municipality,
            s.programme,
            s.round,
            report.instrument,
            report.version,
            group
        ];
        let found: i64 = exists.query_row(key, |r| r.get(0))?;
        let removed = other_kind.execute(key)?;
        upsert.execute(params![
            s.municipality,
            s.programme,
            s.round,
            report.instrument,
            report.version,
            group,
            week,
            report.to_json()
        ])?;
        outcome.stored += 1;
        if found > 0 || removed > 0 {
            outcome.replaced += 1;
        }
    }
    // How they heard: kept with the round; a submission without counts
    // (an older app) leaves those sent before.
    if !s.heard_from.is_empty() {
        conn.prepare_cached(
            "INSERT INTO cohort_channels (municipality, programme, round, iso_week, counts)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (municipality, programme, round)
             DO UPDATE SET iso_week = excluded.iso_week, counts = excluded.counts",
        )?
        .execute(params![
            s.municipality,
            s.programme,
            s.round,
            week,
            channels_to_json(&s.heard_from)
        ])?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::shared_tests;
    use crate::store::Store;

    #[tokio::test]
    async fn old_receipts_are_pruned_at_start_and_counters_stay() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.sqlite");
        {
            let store = SqliteStore::open(&path, SyncMode::Full).expect("open");
            shared_tests::record_an_old_and_a_recent_receipt(&store).await;
        }
        // Reopening runs the migrations again (a no-op) and prunes.
        let store = SqliteStore::open(&path, SyncMode::Full).expect("reopen");
        let keys: Vec<String> = {
            let conn = Connection::open(&path).expect("db");
            let mut s = conn.prepare("SELECT key FROM receipts").expect("prepare");
            let rows = s.query_map([], |r| r.get(0)).expect("query");
            rows.collect::<Result<_, _>>().expect("rows")
        };
        shared_tests::only_the_recent_receipt_is_left(&store, &keys).await;
    }

    #[tokio::test]
    async fn a_key_twice_in_one_group_counts_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store =
            SqliteStore::open(&dir.path().join("t.sqlite"), SyncMode::Normal).expect("open");
        shared_tests::a_key_twice_in_one_group_counts_once(&store).await;
    }

    #[tokio::test]
    async fn weekly_totals_are_per_week_in_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store =
            SqliteStore::open(&dir.path().join("t.sqlite"), SyncMode::Normal).expect("open");
        shared_tests::weekly_totals_are_per_week_in_order(&store).await;
    }

    fn cohort(group: lokalform_forms::aggregate::CohortGroup) -> CohortRecord {
        let report =
            lokalform_forms::aggregate::Cohort::new(&[(Some(10.0), Some(12.0)); 6], |t| t < 12.0)
                .report_for("lsns6", 1, group);
        CohortRecord {
            submission: lokalform_forms::aggregate::CohortSubmission {
                municipality: "Vejle Kommune".into(),
                programme: "Peer-mentorprojektet".into(),
                round: "2026-2".into(),
                reports: vec![report],
                heard_from: vec![],
            },
            week: IsoWeek::now(),
        }
    }

    #[tokio::test]
    async fn reports_stored_before_the_split_by_role_read_as_everyone_and_give_way_to_roles() {
        use lokalform_forms::aggregate::CohortGroup;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.sqlite");
        // A database of the schema before the split, with one report.
        {
            let conn = Connection::open(&path).expect("db");
            for sql in &MIGRATIONS[..2] {
                conn.execute_batch(sql).expect("old schema");
            }
            conn.pragma_update(None, "user_version", 2).expect("pragma");
            let old = cohort(CohortGroup::All);
            conn.execute(
                "INSERT INTO cohort_reports VALUES ('Vejle Kommune', 'Peer-mentorprojektet', '2026-2', 'lsns6', 1, '2026-W40', ?1)",
                [old.submission.reports[0].to_json()],
            )
            .expect("insert");
        }
        let store = SqliteStore::open(&path, SyncMode::Full).expect("migrate");
        let stored = store.cohorts().await.expect("cohorts");
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].report.group, CohortGroup::All);
        assert_eq!(stored[0].week, "2026-W40");

        // The same round by role: both roles kept, the total removed.
        let peers = store
            .record_cohorts(cohort(CohortGroup::Peers))
            .await
            .expect("peers");
        assert_eq!((peers.stored, peers.replaced), (1, 1));
        let mentors = store
            .record_cohorts(cohort(CohortGroup::Mentors))
            .await
            .expect("mentors");
        assert_eq!((mentors.stored, mentors.replaced), (1, 0));
        let mut groups: Vec<CohortGroup> = store
            .cohorts()
            .await
            .expect("cohorts")
            .iter()
            .map(|c| c.report.group)
            .collect();
        groups.sort();
        assert_eq!(groups, [CohortGroup::Peers, CohortGroup::Mentors]);

        // And a total again (an old device) replaces both roles.
        let all = store
            .record_cohorts(cohort(CohortGroup::All))
            .await
            .expect("all");
        assert_eq!((all.stored, all.replaced), (1, 1));
        let stored = store.cohorts().await.expect("cohorts");
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].report.group, CohortGroup::All);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.sqlite");
        let conn = Connection::open(&path).expect("db");
        conn.pragma_update(None, "user_version", 99)
            .expect("pragma");
        drop(conn);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("rt");
        let _guard = runtime.enter();
        let err = SqliteStore::open(&path, SyncMode::Full)
            .err()
            .expect("refused");
        assert!(err.0.contains("newer than this collector knows"), "{err}");
    }
}
