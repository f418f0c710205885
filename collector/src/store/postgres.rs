//! The PostgreSQL store: one writer connection with group commit per
//! collector instance, a few pooled connections for reports and cohorts.
//!
//! Several collector instances may share one database. Exactly-once then
//! rests on the database, not on one process: a submission's receipt is
//! inserted in the same transaction as its counters (`ON CONFLICT DO
//! NOTHING`), so when two instances insert the same key at the same
//! moment, PostgreSQL makes the second wait for the first and then finds
//! the key: a duplicate. A transaction of an instance that is killed is
//! rolled back by the server, so a retry sent elsewhere counts it once.
//!
//! Group commit: the writer takes every submission that is waiting (up to
//! [`MAX_GROUP`]), sums their counters in memory and writes them with one
//! statement per table in one transaction, so a commit (and its sync to
//! disk) serves a whole group, and the hot rows (one form's responses this
//! week) are locked once a group rather than once a submission. Rows are
//! locked in one global order (receipts by key, then responses, then
//! counters, each sorted), so two instances' groups cannot deadlock; a
//! deadlock or serialisation failure reported all the same is retried. If
//! a group fails for any other reason, its submissions are tried one by one
//! so one bad submission cannot take others with it.
//!
//! Every read runs in one `REPEATABLE READ READ ONLY` transaction: one
//! snapshot, so a report's answer counts add up to its responses while
//! other instances write. Text is ordered `COLLATE "C"` (byte order), as
//! SQLite orders it, whatever the database's locale.

use super::{
    CohortOutcome, CohortRecord, DashboardData, DeviceCharge, DeviceKey, NewCode, NewDevice,
    OptionTotal, Outcome, ResponseTotal, StoreError, StoreFuture, StoredChannels, StoredCohort,
    StoredComment, StoredDevice, Submission, Totals, WeekOption, WeekResponses, WeeklyTotals,
    RECEIPT_WEEKS,
};
use crate::week::IsoWeek;
use lokalform_forms::aggregate::{channels_from_json_text, channels_to_json, CohortReport};
use std::collections::{BTreeMap, HashSet};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot, Mutex, MutexGuard};
use tokio_postgres::config::Host;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, Config, IsolationLevel, NoTls, Statement, Transaction};

/// Most submissions committed in one transaction.
pub const MAX_GROUP: usize = 1024;
/// Submissions that may wait for the writer before senders wait too.
const QUEUE: usize = 8192;
/// Pooled connections for reports and cohort submissions.
const POOL: usize = 4;
/// How often old receipts are pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);
/// How often a transaction that lost a deadlock or a serialisation
/// conflict is tried again.
const RETRIES: usize = 5;
/// The advisory lock held while migrating, so instances started together
/// migrate one after the other.
const MIGRATION_LOCK: i64 = 0x6c6f_6b61_6c66;

/// The schema, one migration an entry; `lokalform_schema.version` records
/// how many have run. Add new ones at the end, never edit old ones. The
/// first is SQLite's schema as of December 2026 (PostgreSQL came then).
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE counters (
    form     TEXT    NOT NULL,
    version  BIGINT  NOT NULL,
    question TEXT    NOT NULL,
    option   TEXT    NOT NULL,
    iso_week TEXT    NOT NULL,
    count    BIGINT  NOT NULL,
    PRIMARY KEY (form, version, question, option, iso_week)
);
CREATE TABLE responses (
    form     TEXT    NOT NULL,
    version  BIGINT  NOT NULL,
    iso_week TEXT    NOT NULL,
    count    BIGINT  NOT NULL,
    PRIMARY KEY (form, version, iso_week)
);
CREATE TABLE receipts (
    key      TEXT NOT NULL PRIMARY KEY,
    iso_week TEXT NOT NULL
);
CREATE INDEX receipts_by_week ON receipts (iso_week);
CREATE TABLE comments (
    form     TEXT    NOT NULL,
    version  BIGINT  NOT NULL,
    iso_week TEXT    NOT NULL,
    text     TEXT    NOT NULL
);
CREATE INDEX comments_by_form ON comments (form, version, iso_week);
CREATE TABLE cohort_reports (
    municipality TEXT    NOT NULL,
    programme    TEXT    NOT NULL,
    round        TEXT    NOT NULL,
    instrument   TEXT    NOT NULL,
    version      BIGINT  NOT NULL,
    cohort_group TEXT    NOT NULL,
    iso_week     TEXT    NOT NULL,
    report       TEXT    NOT NULL,
    PRIMARY KEY (municipality, programme, round, instrument, version, cohort_group)
);
CREATE TABLE cohort_channels (
    municipality TEXT    NOT NULL,
    programme    TEXT    NOT NULL,
    round        TEXT    NOT NULL,
    iso_week     TEXT    NOT NULL,
    counts       TEXT    NOT NULL,
    PRIMARY KEY (municipality, programme, round)
);
"#,
    // December 2026: enrolled tablets and their one-time enrollment codes.
    r#"
CREATE TABLE enrollment_codes (
    code_hash TEXT    NOT NULL PRIMARY KEY,
    label     TEXT    NOT NULL,
    expires   BIGINT  NOT NULL
);
CREATE TABLE devices (
    id         TEXT    NOT NULL PRIMARY KEY,
    label      TEXT    NOT NULL,
    token_hash TEXT    NOT NULL,
    enrolled   TEXT    NOT NULL,
    last_batch TEXT,
    revoked    BOOLEAN NOT NULL DEFAULT FALSE,
    day        TEXT    NOT NULL DEFAULT '',
    responses  BIGINT  NOT NULL DEFAULT 0
);
"#,
];

type Reply = oneshot::Sender<Result<Outcome, StoreError>>;

/// Counters in a PostgreSQL database.
pub struct PgStore {
    jobs: mpsc::Sender<(Submission, Reply)>,
    pool: Pool,
    place: String,
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user:password@host:port/db`),
    /// runs the migrations and starts the writer task. Call from within a
    /// Tokio runtime.
    pub async fn connect(url: &str) -> Result<PgStore, StoreError> {
        let config = parse_url(url)?;
        let place = place(&config);
        let mut writer = connect(&config).await.map_err(|e| {
            StoreError(format!(
                "cannot connect to PostgreSQL at {place} ({}); check DATABASE_URL and that the server runs",
                message(&e)
            ))
        })?;
        migrate(&mut writer).await?;
        prune(&writer).await.map_err(|e| pg_error(&e))?;
        let writer = Writer::prepare(writer).await.map_err(|e| pg_error(&e))?;
        let (jobs, rx) = mpsc::channel(QUEUE);
        tokio::spawn(write_loop(config.clone(), writer, rx));
        Ok(PgStore {
            jobs,
            pool: Pool::new(config),
            place,
        })
    }

    /// Runs `f` in one read-only snapshot on a pooled connection (opened
    /// again first if the server had closed it).
    async fn read<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        F: for<'t> FnOnce(&'t Transaction<'t>) -> StoreFuture<'t, T>,
    {
        let mut slot = self.pool.get().await?;
        let tx = slot
            .client()?
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await
            .map_err(|e| pg_error(&e))?;
        let value = f(&tx).await?;
        tx.commit().await.map_err(|e| pg_error(&e))?;
        Ok(value)
    }
}

/// Checks a PostgreSQL URL without connecting. The error never repeats
/// the URL, which may hold a password.
pub fn parse_url(url: &str) -> Result<Config, StoreError> {
    Config::from_str(url).map_err(|e| {
        StoreError(format!(
            "DATABASE_URL is not a valid PostgreSQL URL ({e}); write it as \
             postgres://USER:PASSWORD@HOST:PORT/DATABASE"
        ))
    })
}

/// Host, port and database, for messages: never the user's password.
fn place(config: &Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(host)) => host.clone(),
        Some(Host::Unix(path)) => path.display().to_string(),
        None => "localhost".to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config
        .get_dbname()
        .or(config.get_user())
        .unwrap_or("postgres");
    format!("{host}:{port}/{db}")
}

/// Opens one connection; its I/O runs on a task of its own.
async fn connect(config: &Config) -> Result<Client, tokio_postgres::Error> {
    let (client, connection) = config.connect(NoTls).await?;
    tokio::spawn(async move {
        // It ends when the client is dropped or the server goes away;
        // the next use of the client then reports the error.
        let _ = connection.await;
    });
    Ok(client)
}

/// The server's own message, when it gave one.
fn message(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        None => e.to_string(),
    }
}

fn pg_error(e: &tokio_postgres::Error) -> StoreError {
    StoreError(format!("PostgreSQL: {}", message(e)))
}

/// A deadlock or serialisation failure: the transaction may simply be
/// tried again.
fn is_transient(e: &tokio_postgres::Error) -> bool {
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
    )
}

/// A few connections, each used by one request at a time, opened again
/// when the server closed them.
struct Pool {
    config: Config,
    slots: Vec<Mutex<Option<Client>>>,
    next: AtomicUsize,
}

/// A connection taken from the [`Pool`].
struct Slot<'a>(MutexGuard<'a, Option<Client>>);

impl Slot<'_> {
    fn client(&mut self) -> Result<&mut Client, StoreError> {
        self.0
            .as_mut()
            .ok_or_else(|| StoreError("no PostgreSQL connection".to_string()))
    }
}

impl Pool {
    fn new(config: Config) -> Pool {
        Pool {
            config,
            slots: (0..POOL).map(|_| Mutex::new(None)).collect(),
            next: AtomicUsize::new(0),
        }
    }

    /// The next connection in turn, connected.
    async fn get(&self) -> Result<Slot<'_>, StoreError> {
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.slots.len();
        let mut slot = self.slots[i].lock().await;
        if slot.as_ref().is_none_or(Client::is_closed) {
            *slot = Some(connect(&self.config).await.map_err(|e| pg_error(&e))?);
        }
        Ok(Slot(slot))
    }
}

impl super::Store for PgStore {
    fn record(&self, submission: Submission) -> StoreFuture<'_, Outcome> {
        Box::pin(async move {
            let (reply, answer) = oneshot::channel();
            self.jobs
                .send((submission, reply))
                .await
                .map_err(|_| StoreError("the writer task has stopped".to_string()))?;
            answer
                .await
                .map_err(|_| StoreError("the writer task has stopped".to_string()))?
        })
    }

    fn record_cohorts(&self, record: CohortRecord) -> StoreFuture<'_, CohortOutcome> {
        Box::pin(async move {
            let mut slot = self.pool.get().await?;
            let client = slot.client()?;
            let mut tries = 0;
            loop {
                match apply_cohorts(client, &record).await {
                    Err(e) if tries < RETRIES && is_transient(&e) => tries += 1,
                    other => return other.map_err(|e| pg_error(&e)),
                }
            }
        })
    }

    fn channels(&self) -> StoreFuture<'_, Vec<StoredChannels>> {
        Box::pin(self.read(|tx| Box::pin(read_channels(tx))))
    }

    fn cohorts(&self) -> StoreFuture<'_, Vec<StoredCohort>> {
        Box::pin(self.read(|tx| Box::pin(read_cohorts(tx))))
    }

    fn totals(&self, form: Option<String>) -> StoreFuture<'_, Totals> {
        Box::pin(self.read(move |tx| Box::pin(read_totals(tx, form.clone()))))
    }

    fn queue_depth(&self) -> Option<usize> {
        Some(self.jobs.max_capacity() - self.jobs.capacity())
    }

    fn weekly_totals(&self, form: Option<String>) -> StoreFuture<'_, WeeklyTotals> {
        Box::pin(self.read(move |tx| Box::pin(read_weekly_totals(tx, form.clone()))))
    }

    fn comments(&self, form: Option<String>) -> StoreFuture<'_, Vec<StoredComment>> {
        Box::pin(self.read(move |tx| Box::pin(read_comments(tx, form.clone()))))
    }

    fn dashboard(&self) -> StoreFuture<'_, DashboardData> {
        Box::pin(self.read(|tx| {
            Box::pin(async move {
                Ok(DashboardData {
                    weekly: read_weekly_totals(tx, None).await?,
                    comments: read_comments(tx, None).await?,
                    cohorts: read_cohorts(tx).await?,
                })
            })
        }))
    }

    fn issue_code(&self, code: NewCode, now: i64) -> StoreFuture<'_, ()> {
        Box::pin(async move {
            let mut slot = self.pool.get().await?;
            let client = slot.client()?;
            client
                .execute("DELETE FROM enrollment_codes WHERE expires <= $1", &[&now])
                .await
                .map_err(|e| pg_error(&e))?;
            client
                .execute(
                    "INSERT INTO enrollment_codes (code_hash, label, expires) VALUES ($1, $2, $3)",
                    &[&code.hash, &code.label, &code.expires],
                )
                .await
                .map_err(|e| pg_error(&e))?;
            Ok(())
        })
    }

    fn enroll(
        &self,
        code_hash: String,
        now: i64,
        device: NewDevice,
    ) -> StoreFuture<'_, Option<String>> {
        Box::pin(async move {
            let mut slot = self.pool.get().await?;
            let tx = slot
                .client()?
                .transaction()
                .await
                .map_err(|e| pg_error(&e))?;
            // The row lock makes a second instance deleting the same code
            // wait, then find nothing: exactly one enrollment per code.
            // Deleted whether or not it expired: a code is tried once.
            let found = tx
                .query_opt(
                    "DELETE FROM enrollment_codes WHERE code_hash = $1 RETURNING label, expires",
                    &[&code_hash],
                )
                .await
                .map_err(|e| pg_error(&e))?;
            let label = match found {
                Some(row) if row.get::<_, i64>(1) > now => row.get::<_, String>(0),
                _ => {
                    tx.commit().await.map_err(|e| pg_error(&e))?;
                    return Ok(None);
                }
            };
            tx.execute(
                "INSERT INTO devices (id, label, token_hash, enrolled) VALUES ($1, $2, $3, $4)",
                &[&device.id, &label, &device.token_hash, &device.enrolled],
            )
            .await
            .map_err(|e| pg_error(&e))?;
            tx.commit().await.map_err(|e| pg_error(&e))?;
            Ok(Some(label))
        })
    }

    fn device(&self, id: String) -> StoreFuture<'_, Option<DeviceKey>> {
        Box::pin(async move {
            let mut slot = self.pool.get().await?;
            let row = slot
                .client()?
                .query_opt(
                    "SELECT token_hash, revoked FROM devices WHERE id = $1",
                    &[&id],
                )
                .await
                .map_err(|e| pg_error(&e))?;
            Ok(row.map(|r| DeviceKey {
                token_hash: r.get(0),
                revoked: r.get(1),
            }))
        })
    }

    fn charge_device(
        &self,
        id: String,
        day: String,
        responses: u32,
        ceiling: u32,
    ) -> StoreFuture<'_, DeviceCharge> {
        Box::pin(async move {
            let mut slot = self.pool.get().await?;
            let client = slot.client()?;
            let (n, ceiling) = (i64::from(responses), i64::from(ceiling));
            // One statement: a concurrent charge from another instance
            // waits for the row and is checked against its new count.
            let charged = client
                .execute(
                    "UPDATE devices SET
                         responses = CASE WHEN day = $2 THEN responses ELSE 0 END + $3,
                         day = $2
                     WHERE id = $1 AND NOT revoked
                       AND CASE WHEN day = $2 THEN responses ELSE 0 END + $3 <= $4",
                    &[&id, &day, &n, &ceiling],
                )
                .await
                .map_err(|e| pg_error(&e))?;
            if charged == 1 {
                return Ok(DeviceCharge::Charged);
            }
            let revoked = client
                .query_opt("SELECT revoked FROM devices WHERE id = $1", &[&id])
                .await
                .map_err(|e| pg_error(&e))?
                .map(|r| r.get::<_, bool>(0));
            Ok(match revoked {
                None => DeviceCharge::Unknown,
                Some(false) => DeviceCharge::OverCeiling,
                Some(true) => DeviceCharge::Revoked,
            })
        })
    }

    fn settle_device(
        &self,
        id: String,
        day: String,
        responses: u32,
        counted: bool,
    ) -> StoreFuture<'_, ()> {
        Box::pin(async move {
            let mut slot = self.pool.get().await?;
            let client = slot.client()?;
            let result = if counted {
                client
                    .execute(
                        "UPDATE devices SET last_batch = $2 WHERE id = $1",
                        &[&id, &day],
                    )
                    .await
            } else {
                client
                    .execute(
                        "UPDATE devices SET responses = GREATEST(responses - $3, 0)
                         WHERE id = $1 AND day = $2",
                        &[&id, &day, &i64::from(responses)],
                    )
                    .await
            };
            result.map(|_| ()).map_err(|e| pg_error(&e))
        })
    }

    fn revoke_device(&self, id: String) -> StoreFuture<'_, bool> {
        Box::pin(async move {
            let mut slot = self.pool.get().await?;
            let n = slot
                .client()?
                .execute("UPDATE devices SET revoked = TRUE WHERE id = $1", &[&id])
                .await
                .map_err(|e| pg_error(&e))?;
            Ok(n == 1)
        })
    }

    fn devices(&self, today: String) -> StoreFuture<'_, Vec<StoredDevice>> {
        Box::pin(self.read(move |tx| {
            Box::pin(async move {
                let rows = tx
                    .query(
                        r#"SELECT id, label, enrolled, last_batch,
                                  CASE WHEN day = $1 THEN responses ELSE 0 END, revoked
                           FROM devices
                           ORDER BY enrolled COLLATE "C" DESC, label COLLATE "C", id COLLATE "C""#,
                        &[&today],
                    )
                    .await
                    .map_err(|e| pg_error(&e))?;
                Ok(rows
                    .iter()
                    .map(|r| StoredDevice {
                        id: r.get(0),
                        label: r.get(1),
                        enrolled: r.get(2),
                        last_batch: r.get(3),
                        responses_today: r.get::<_, i64>(4).max(0).unsigned_abs(),
                        revoked: r.get(5),
                    })
                    .collect())
            })
        }))
    }

    fn has_receipt(&self, key: String) -> StoreFuture<'_, bool> {
        Box::pin(async move {
            let mut slot = self.pool.get().await?;
            let row = slot
                .client()?
                .query_opt("SELECT 1 FROM receipts WHERE key = $1", &[&key])
                .await
                .map_err(|e| pg_error(&e))?;
            Ok(row.is_some())
        })
    }

    fn describe(&self) -> String {
        format!(
            "{} (PostgreSQL, group commit, shared by every instance)",
            self.place
        )
    }
}

/// Runs the migrations that have not run, under an advisory lock.
async fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let tx = client.transaction().await.map_err(|e| pg_error(&e))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await
        .map_err(|e| pg_error(&e))?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS lokalform_schema (version INTEGER NOT NULL);
         INSERT INTO lokalform_schema (version)
             SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM lokalform_schema);",
    )
    .await
    .map_err(|e| pg_error(&e))?;
    let done: i32 = tx
        .query_one("SELECT MAX(version) FROM lokalform_schema", &[])
        .await
        .map_err(|e| pg_error(&e))?
        .get(0);
    let done = usize::try_from(done).unwrap_or(0);
    if done > MIGRATIONS.len() {
        return Err(StoreError(format!(
            "the database has schema version {done}, newer than this collector knows ({}); \
             use a newer lokalform-collector",
            MIGRATIONS.len()
        )));
    }
    for sql in &MIGRATIONS[done..] {
        tx.batch_execute(sql).await.map_err(|e| pg_error(&e))?;
    }
    let version = i32::try_from(MIGRATIONS.len()).unwrap_or(i32::MAX);
    tx.execute("UPDATE lokalform_schema SET version = $1", &[&version])
        .await
        .map_err(|e| pg_error(&e))?;
    tx.commit().await.map_err(|e| pg_error(&e))
}

/// Forgets receipts older than [`RECEIPT_WEEKS`].
async fn prune(client: &Client) -> Result<u64, tokio_postgres::Error> {
    let before = IsoWeek::weeks_ago(RECEIPT_WEEKS).to_string();
    client
        .execute("DELETE FROM receipts WHERE iso_week < $1", &[&before])
        .await
}

/// The writer's connection with its statements, prepared once.
struct Writer {
    client: Client,
    receipts: Statement,
    responses: Statement,
    counters: Statement,
    comments: Statement,
}

impl Writer {
    async fn open(config: &Config) -> Result<Writer, tokio_postgres::Error> {
        Writer::prepare(connect(config).await?).await
    }

    async fn prepare(client: Client) -> Result<Writer, tokio_postgres::Error> {
        let (receipts, responses, counters, comments) = tokio::try_join!(
            client.prepare(
                "INSERT INTO receipts (key, iso_week)
                 SELECT * FROM unnest($1::text[], $2::text[])
                 ON CONFLICT (key) DO NOTHING RETURNING key",
            ),
            client.prepare(
                "INSERT INTO responses (form, version, iso_week, count)
                 SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[])
                 ON CONFLICT (form, version, iso_week)
                 DO UPDATE SET count = responses.count + excluded.count",
            ),
            client.prepare(
                "INSERT INTO counters (form, version, question, option, iso_week, count)
                 SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[])
                 ON CONFLICT (form, version, question, option, iso_week)
                 DO UPDATE SET count = counters.count + excluded.count",
            ),
            client.prepare(
                "INSERT INTO comments (form, version, iso_week, text)
                 SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[])",
            ),
        )?;
        Ok(Writer {
            client,
            receipts,
            responses,
            counters,
            comments,
        })
    }

    /// [`Writer::commit_group`], tried again after a deadlock or
    /// serialisation failure.
    async fn commit_retrying(
        &self,
        group: &[&Submission],
    ) -> Result<Vec<Outcome>, tokio_postgres::Error> {
        let mut tries = 0;
        loop {
            match self.commit_group(group).await {
                Err(e) if tries < RETRIES && is_transient(&e) => tries += 1,
                other => return other,
            }
        }
    }

    /// Adds every submission of `group` whose key is new, in one
    /// transaction: receipts first (a key already there, or earlier in the
    /// group, is a duplicate and adds nothing), then the summed responses,
    /// counters and comments. Two round trips: `BEGIN` goes with the
    /// receipts, the rest with `COMMIT` (pipelined on the one connection,
    /// executed in order). A failed statement aborts the transaction, so the
    /// `COMMIT` after it rolls back, and nothing of the group is kept.
    async fn commit_group(
        &self,
        group: &[&Submission],
    ) -> Result<Vec<Outcome>, tokio_postgres::Error> {
        let result = self.pipeline(group).await;
        if result.is_err() && !self.client.is_closed() {
            // Leaves no transaction open, whatever failed (a no-op otherwise).
            let _ = self.client.batch_execute("ROLLBACK").await;
        }
        result
    }

    async fn pipeline(&self, group: &[&Submission]) -> Result<Vec<Outcome>, tokio_postgres::Error> {
        let c = &self.client;
        let weeks: Vec<String> = group.iter().map(|s| s.week.to_string()).collect();
        // The first submission with each key, by key: the order rows are locked in.
        let mut first: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, s) in group.iter().enumerate() {
            first.entry(s.key.as_str()).or_insert(i);
        }
        let keys: Vec<&str> = first.keys().copied().collect();
        let key_weeks: Vec<&str> = first.values().map(|&i| weeks[i].as_str()).collect();
        let receipt_params: [&(dyn ToSql + Sync); 2] = [&keys, &key_weeks];
        let ((), inserted) = tokio::try_join!(
            c.batch_execute("BEGIN"),
            c.query(&self.receipts, &receipt_params)
        )?;
        let new: HashSet<&str> = inserted.iter().map(|r| r.get(0)).collect();

        let mut outcomes = Vec::with_capacity(group.len());
        let mut responses: BTreeMap<(&str, i64, &str), i64> = BTreeMap::new();
        let mut counters: BTreeMap<(&str, i64, &str, &str, &str), i64> = BTreeMap::new();
        let mut comments: Vec<(&str, i64, &str, &str)> = Vec::new();
        for (i, s) in group.iter().enumerate() {
            if first.get(s.key.as_str()) != Some(&i) || !new.contains(s.key.as_str()) {
                outcomes.push(Outcome::Duplicate);
                continue;
            }
            outcomes.push(Outcome::Received);
            let (form, version, week) = (s.form.as_str(), i64::from(s.version), weeks[i].as_str());
            *responses.entry((form, version, week)).or_default() += i64::from(s.responses);
            for (question, option, n) in &s.counts {
                *counters
                    .entry((form, version, question, option, week))
                    .or_default() += i64::from(*n);
            }
            comments.extend(s.comments.iter().map(|t| (form, version, week, t.as_str())));
        }

        // Column arrays for `unnest`, in the maps' (locking) order.
        let r_form: Vec<&str> = responses.keys().map(|k| k.0).collect();
        let r_version: Vec<i64> = responses.keys().map(|k| k.1).collect();
        let r_week: Vec<&str> = responses.keys().map(|k| k.2).collect();
        let r_count: Vec<i64> = responses.values().copied().collect();
        let k_form: Vec<&str> = counters.keys().map(|k| k.0).collect();
        let k_version: Vec<i64> = counters.keys().map(|k| k.1).collect();
        let k_question: Vec<&str> = counters.keys().map(|k| k.2).collect();
        let k_option: Vec<&str> = counters.keys().map(|k| k.3).collect();
        let k_week: Vec<&str> = counters.keys().map(|k| k.4).collect();
        let k_count: Vec<i64> = counters.values().copied().collect();
        let t_form: Vec<&str> = comments.iter().map(|c| c.0).collect();
        let t_version: Vec<i64> = comments.iter().map(|c| c.1).collect();
        let t_week: Vec<&str> = comments.iter().map(|c| c.2).collect();
        let t_text: Vec<&str> = comments.iter().map(|c| c.3).collect();
        let response_params: [&(dyn ToSql + Sync); 4] = [&r_form, &r_version, &r_week, &r_count];
        let counter_params: [&(dyn ToSql + Sync); 6] = [
            &k_form,
            &k_version,
            &k_question,
            &k_option,
            &k_week,
            &k_count,
        ];
        let comment_params: [&(dyn ToSql + Sync); 4] = [&t_form, &t_version, &t_week, &t_text];
        tokio::try_join!(
            c.execute(&self.responses, &response_params),
            c.execute(&self.counters, &counter_params),
            c.execute(&self.comments, &comment_params),
            c.batch_execute("COMMIT"),
        )?;
        Ok(outcomes)
    }
}

/// The writer task: group commit until every sender is gone. It opens its
/// connection again when the server closed it.
async fn write_loop(config: Config, writer: Writer, mut rx: mpsc::Receiver<(Submission, Reply)>) {
    let mut writer = Some(writer);
    let mut last_prune = Instant::now();
    let mut group = Vec::with_capacity(MAX_GROUP);
    while let Some(first) = rx.recv().await {
        group.push(first);
        while group.len() < MAX_GROUP {
            match rx.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        if writer.as_ref().is_none_or(|w| w.client.is_closed()) {
            writer = Writer::open(&config).await.ok();
        }
        let Some(w) = writer.as_ref() else {
            for (_, reply) in group.drain(..) {
                let _ = reply.send(Err(StoreError(
                    "PostgreSQL cannot be reached; try again later".to_string(),
                )));
            }
            continue;
        };
        if last_prune.elapsed() >= PRUNE_EVERY {
            // A failed prune is tried again at the next interval.
            let _ = prune(&w.client).await;
            last_prune = Instant::now();
        }
        let submissions: Vec<&Submission> = group.iter().map(|(s, _)| s).collect();
        match w.commit_retrying(&submissions).await {
            Ok(outcomes) => {
                for ((_, reply), outcome) in group.drain(..).zip(outcomes) {
                    let _ = reply.send(Ok(outcome));
                }
            }
            // One by one, so one failing submission fails alone.
            Err(_) if group.len() > 1 && !w.client.is_closed() => {
                for (submission, reply) in group.drain(..) {
                    let outcome = w
                        .commit_retrying(&[&submission])
                        .await
                        .map(|o| o.first().copied().unwrap_or(Outcome::Duplicate))
                        .map_err(|e| pg_error(&e));
                    let _ = reply.send(outcome);
                }
            }
            Err(e) => {
                let error = pg_error(&e);
                for (_, reply) in group.drain(..) {
                    let _ = reply.send(Err(error.clone()));
                }
            }
        }
    }
}

/// One cohort submission, in one transaction; the same rules as SQLite's
/// (`sqlite::apply_cohorts`): each report replaces the row with its key,
/// a report by role removes the round's report for everyone and the other
/// way round, and only the checked report, written again by
/// `CohortReport::to_json`, is kept.
async fn apply_cohorts(
    client: &mut Client,
    record: &CohortRecord,
) -> Result<CohortOutcome, tokio_postgres::Error> {
    let s = &record.submission;
    let week = record.week.to_string();
    let tx = client.transaction().await?;
    let exists = tx
        .prepare(
            "SELECT COUNT(*) FROM cohort_reports
             WHERE municipality = $1 AND programme = $2 AND round = $3 AND instrument = $4
               AND version = $5 AND cohort_group = $6",
        )
        .await?;
    let other_kind = tx
        .prepare(
            "DELETE FROM cohort_reports
             WHERE municipality = $1 AND programme = $2 AND round = $3 AND instrument = $4
               AND version = $5 AND (cohort_group = 'all') <> ($6::text = 'all')",
        )
        .await?;
    let upsert = tx
        .prepare(
            "INSERT INTO cohort_reports
                 (municipality, programme, round, instrument, version, cohort_group, iso_week, report)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (municipality, programme, round, instrument, version, cohort_group)
             DO UPDATE SET iso_week = excluded.iso_week, report = excluded.report",
        )
        .await?;
    let mut outcome = CohortOutcome {
        stored: 0,
        replaced: 0,
    };
    for report in &s.reports {
        let group = report.group.id();
        let version = i64::from(report.version);
        let key: [&(dyn ToSql + Sync); 6] = [
            &s.municipality,
            &s.programme,
            &s.round,
            &report.instrument,
            &version,
            &group,
        ];
        let found: i64 = tx.query_one(&exists, &key).await?.get(0);
        let removed = tx.execute(&other_kind, &key).await?;
        let json = report.to_json();
        tx.execute(
            &upsert,
            &[
                &s.municipality,
                &s.programme,
                &s.round,
                &report.instrument,
                &version,
                &group,
                &week,
                &json,
            ],
        )
        .await?;
        outcome.stored += 1;
        if found > 0 || removed > 0 {
            outcome.replaced += 1;
        }
    }
    if !s.heard_from.is_empty() {
        tx.execute(
            "INSERT INTO cohort_channels (municipality, programme, round, iso_week, counts)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (municipality, programme, round)
             DO UPDATE SET iso_week = excluded.iso_week, counts = excluded.counts",
            &[
                &s.municipality,
                &s.programme,
                &s.round,
                &week,
                &channels_to_json(&s.heard_from),
            ],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(outcome)
}

/// How each programme round's participants heard of it ([`super::Store::channels`]).
async fn read_channels(tx: &Transaction<'_>) -> Result<Vec<StoredChannels>, StoreError> {
    let rows = tx
        .query(
            r#"SELECT municipality, programme, round, iso_week, counts FROM cohort_channels
               ORDER BY municipality COLLATE "C", programme COLLATE "C", round COLLATE "C""#,
            &[],
        )
        .await
        .map_err(|e| pg_error(&e))?;
    rows.iter()
        .map(|r| {
            let text: &str = r.get(4);
            let counts = channels_from_json_text(text)
                .map_err(|p| invalid_row("stored channel counts are", &p))?;
            Ok(StoredChannels {
                municipality: r.get(0),
                programme: r.get(1),
                round: r.get(2),
                week: r.get(3),
                counts,
            })
        })
        .collect()
}

/// Every stored cohort report ([`super::Store::cohorts`]).
async fn read_cohorts(tx: &Transaction<'_>) -> Result<Vec<StoredCohort>, StoreError> {
    let rows = tx
        .query(
            r#"SELECT municipality, programme, round, iso_week, report FROM cohort_reports
               ORDER BY instrument COLLATE "C", version, cohort_group COLLATE "C",
                        municipality COLLATE "C", programme COLLATE "C", round COLLATE "C""#,
            &[],
        )
        .await
        .map_err(|e| pg_error(&e))?;
    rows.iter()
        .map(|r| {
            let text: &str = r.get(4);
            let report = CohortReport::from_json_text(text)
                .map_err(|p| invalid_row("a stored cohort report is", &p))?;
            Ok(StoredCohort {
                municipality: r.get(0),
                programme: r.get(1),
                round: r.get(2),
                week: r.get(3),
                report,
            })
        })
        .collect()
}

/// Counters summed over all weeks ([`super::Store::totals`]).
async fn read_totals(tx: &Transaction<'_>, form: Option<String>) -> Result<Totals, StoreError> {
    let rows = tx
        .query(
            r#"SELECT form, version, SUM(count)::BIGINT FROM responses
               WHERE $1::text IS NULL OR form = $1
               GROUP BY form, version ORDER BY form COLLATE "C", version"#,
            &[&form],
        )
        .await
        .map_err(|e| pg_error(&e))?;
    let responses = rows
        .iter()
        .map(|r| {
            Ok(ResponseTotal {
                form: r.get(0),
                version: form_version(r.get(1))?,
                responses: r.get::<_, i64>(2).max(0).unsigned_abs(),
            })
        })
        .collect::<Result<_, StoreError>>()?;
    let rows = tx
        .query(
            r#"SELECT form, version, question, option, SUM(count)::BIGINT FROM counters
               WHERE $1::text IS NULL OR form = $1
               GROUP BY form, version, question, option
               ORDER BY form COLLATE "C", version, question COLLATE "C", option COLLATE "C""#,
            &[&form],
        )
        .await
        .map_err(|e| pg_error(&e))?;
    let options = rows
        .iter()
        .map(|r| {
            Ok(OptionTotal {
                form: r.get(0),
                version: form_version(r.get(1))?,
                question: r.get(2),
                option: r.get(3),
                count: r.get::<_, i64>(4).max(0).unsigned_abs(),
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(Totals { responses, options })
}

/// Responses and option counts per form version and ISO week
/// ([`super::Store::weekly_totals`]), in the order SQLite gives them.
async fn read_weekly_totals(
    tx: &Transaction<'_>,
    form: Option<String>,
) -> Result<WeeklyTotals, StoreError> {
    let rows = tx
        .query(
            r#"SELECT form, version, iso_week, SUM(count)::BIGINT FROM responses
               WHERE $1::text IS NULL OR form = $1
               GROUP BY form, version, iso_week
               ORDER BY form COLLATE "C", version, iso_week COLLATE "C""#,
            &[&form],
        )
        .await
        .map_err(|e| pg_error(&e))?;
    let responses = rows
        .iter()
        .map(|r| {
            Ok(WeekResponses {
                form: r.get(0),
                version: form_version(r.get(1))?,
                week: r.get(2),
                responses: r.get::<_, i64>(3).max(0).unsigned_abs(),
            })
        })
        .collect::<Result<_, StoreError>>()?;
    let rows = tx
        .query(
            r#"SELECT form, version, question, option, iso_week, SUM(count)::BIGINT FROM counters
               WHERE $1::text IS NULL OR form = $1
               GROUP BY form, version, question, option, iso_week
               ORDER BY form COLLATE "C", version, question COLLATE "C", option COLLATE "C", iso_week COLLATE "C""#,
            &[&form],
        )
        .await
        .map_err(|e| pg_error(&e))?;
    let options = rows
        .iter()
        .map(|r| {
            Ok(WeekOption {
                form: r.get(0),
                version: form_version(r.get(1))?,
                question: r.get(2),
                option: r.get(3),
                week: r.get(4),
                count: r.get::<_, i64>(5).max(0).unsigned_abs(),
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(WeeklyTotals { responses, options })
}

/// The comment inbox ([`super::Store::comments`]), sorted by text within a
/// week so the order says nothing about when a comment came.
async fn read_comments(
    tx: &Transaction<'_>,
    form: Option<String>,
) -> Result<Vec<StoredComment>, StoreError> {
    let rows = tx
        .query(
            r#"SELECT form, version, iso_week, text FROM comments
               WHERE $1::text IS NULL OR form = $1
               ORDER BY iso_week COLLATE "C" DESC, form COLLATE "C", version, text COLLATE "C""#,
            &[&form],
        )
        .await
        .map_err(|e| pg_error(&e))?;
    rows.iter()
        .map(|r| {
            Ok(StoredComment {
                form: r.get(0),
                version: form_version(r.get(1))?,
                week: r.get(2),
                text: r.get(3),
            })
        })
        .collect()
}

/// A stored form version, which this collector wrote from a `u32`.
fn form_version(stored: i64) -> Result<u32, StoreError> {
    u32::try_from(stored)
        .map_err(|_| StoreError(format!("a stored form version ({stored}) is out of range")))
}

/// A stored JSON text that no longer reads (changed by hand): reported
/// rather than shown wrongly.
fn invalid_row(what: &str, problems: &[lokalform_text::Problem]) -> StoreError {
    let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
    StoreError(format!("{what} not valid: {}", list.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::shared_tests::{self, submission};
    use crate::store::Store;
    use lokalform_collector_support::pg_cluster::PgCluster;

    fn database() -> String {
        PgCluster::shared()
            .create_database()
            .unwrap_or_else(|e| panic!("{e}"))
    }

    async fn client(url: &str) -> Client {
        connect(&parse_url(url).expect("url"))
            .await
            .expect("connect")
    }

    #[tokio::test]
    async fn old_receipts_are_pruned_at_start_and_counters_stay() {
        let url = database();
        {
            let store = PgStore::connect(&url).await.expect("open");
            shared_tests::record_an_old_and_a_recent_receipt(&store).await;
        }
        // Connecting again runs the migrations again (a no-op) and prunes.
        let store = PgStore::connect(&url).await.expect("reopen");
        let keys: Vec<String> = client(&url)
            .await
            .query("SELECT key FROM receipts", &[])
            .await
            .expect("query")
            .iter()
            .map(|r| r.get(0))
            .collect();
        shared_tests::only_the_recent_receipt_is_left(&store, &keys).await;
    }

    #[tokio::test]
    async fn a_key_twice_in_one_group_counts_once() {
        let store = PgStore::connect(&database()).await.expect("open");
        shared_tests::a_key_twice_in_one_group_counts_once(&store).await;
    }

    #[tokio::test]
    async fn weekly_totals_are_per_week_in_order() {
        let store = PgStore::connect(&database()).await.expect("open");
        shared_tests::weekly_totals_are_per_week_in_order(&store).await;
    }

    /// Two instances on one database: started together, both migrate
    /// (one waits for the other), and the same key sent to both at the
    /// same moment, many times over, counts once.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn two_instances_migrate_together_and_count_a_key_once() {
        let url = database();
        let (a, b) = tokio::join!(PgStore::connect(&url), PgStore::connect(&url));
        let (a, b) = (a.expect("a"), b.expect("b"));
        let week = IsoWeek::now();
        let mut received = 0;
        for n in 0..200 {
            let key = format!("shared-key-{n:012}");
            let (x, y) = tokio::join!(
                a.record(submission(&key, week)),
                b.record(submission(&key, week))
            );
            for outcome in [x.expect("a"), y.expect("b")] {
                if outcome == Outcome::Received {
                    received += 1;
                }
            }
        }
        assert_eq!(received, 200);
        let totals = b.totals(None).await.expect("totals");
        assert_eq!(totals.responses[0].responses, 200);
        assert_eq!(totals.options[0].count, 200);
    }

    /// A submission the database refuses (PostgreSQL text cannot hold a
    /// NUL byte) fails alone: the rest of its group is counted.
    #[tokio::test]
    async fn one_failing_submission_does_not_take_its_group_with_it() {
        let store = PgStore::connect(&database()).await.expect("open");
        let week = IsoWeek::now();
        let mut bad = submission("bad-key-0000000000001", week);
        bad.comments = vec!["nul \0 byte".into()];
        let (good, bad, other) = tokio::join!(
            store.record(submission("good-key-000000000001", week)),
            store.record(bad),
            store.record(submission("good-key-000000000002", week)),
        );
        assert_eq!(good, Ok(Outcome::Received));
        assert_eq!(other, Ok(Outcome::Received));
        assert!(bad.is_err(), "{bad:?}");
        let totals = store.totals(None).await.expect("totals");
        assert_eq!(totals.responses[0].responses, 2);
        // Its key was not kept either: a corrected retry counts.
        assert_eq!(
            store
                .record(submission("bad-key-0000000000001", week))
                .await,
            Ok(Outcome::Received)
        );
    }

    /// A restart of PostgreSQL (here: every connection of the store ended
    /// by the server) is survived: the connections are opened again.
    #[tokio::test]
    async fn connections_ended_by_the_server_are_opened_again() {
        let url = database();
        let store = PgStore::connect(&url).await.expect("open");
        let week = IsoWeek::now();
        assert_eq!(
            store
                .record(submission("before-key-0000000001", week))
                .await,
            Ok(Outcome::Received)
        );
        assert_eq!(store.totals(None).await.expect("totals").responses.len(), 1);
        let ended = client(&url)
            .await
            .query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
                &[],
            )
            .await
            .expect("terminate");
        assert!(ended.len() >= 2, "{}", ended.len());
        // Reports straight away, on every pooled connection (the ended one
        // is opened again).
        for _ in 0..POOL {
            let totals = store.totals(None).await.expect("totals at once");
            assert_eq!(totals.responses[0].responses, 1);
        }
        // The writer notices its ended connection before its next group.
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(
            store
                .record(submission("after-key-00000000001", week))
                .await,
            Ok(Outcome::Received)
        );
        for _ in 0..POOL {
            let totals = store.totals(None).await.expect("totals after");
            assert_eq!(totals.responses[0].responses, 2);
        }
    }

    /// The README's socket form of the URL.
    #[tokio::test]
    async fn a_unix_socket_url_connects() {
        let url = database();
        let name = url.rsplit('/').next().expect("name");
        let cluster = PgCluster::shared();
        let (dir, port) = (cluster.socket_dir().display().to_string(), cluster.port());
        let store = PgStore::connect(&format!(
            "postgresql:///{name}?host={dir}&port={port}&user=postgres"
        ))
        .await
        .expect("connect by socket");
        assert!(
            store
                .describe()
                .starts_with(&format!("{dir}:{port}/{name} ")),
            "{}",
            store.describe()
        );
        assert_eq!(
            store
                .record(submission("socket-key-0000000001", IsoWeek::now()))
                .await,
            Ok(Outcome::Received)
        );
    }

    #[tokio::test]
    async fn a_newer_schema_is_refused() {
        let url = database();
        drop(PgStore::connect(&url).await.expect("open"));
        client(&url)
            .await
            .execute("UPDATE lokalform_schema SET version = 99", &[])
            .await
            .expect("update");
        let err = PgStore::connect(&url).await.err().expect("refused");
        assert!(err.0.contains("newer than this collector knows"), "{err}");
    }
}
