//! The evaluator export waiting to be sent: the outbox's [`Shelf`] for a
//! record sealed under the registry's passphrase.
//!
//! The export is sent once when the worker presses "Send til
//! indsamleren". When the answer means "later" (no connection, 408, 429 or
//! 5xx: [`Delivery::Later`]), it is kept sealed on the device under the
//! registry's passphrase (its own record, `programme-outbox:<programme>`)
//! and tried again by the one outbox's rules ([`crate::common::outbox`]):
//! after 5 s, 10 s, 20 s … at most 5 minutes (±50 %), at once when the
//! browser comes back online, and after the next unlock; only while the
//! registry is open, as the key that opens the record is only in memory
//! then. A refusal (any other status) is final: it is said with its status
//! and the export is dropped, as sending it again would be refused again.

use super::App;
use crate::common::outbox::{Delivery, Retry, Shelf};
use crate::store::sealed::{self, SealError};
use crate::store::vault::StoreError;
use leptos::prelude::*;
use lokalform_forms::schema::Lang;
use lokalform_text::json::{self, Json, ObjectWriter};
use std::rc::Rc;

/// An export to send: where, and exactly what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingExport {
    /// The collector's endpoint.
    pub url: String,
    /// The JSON body (a `CohortSubmission`).
    pub body: String,
}

impl PendingExport {
    fn to_json(&self) -> String {
        let mut out = String::new();
        let mut o = ObjectWriter::new(&mut out);
        o.string("url", &self.url);
        o.string("body", &self.body);
        o.finish();
        out
    }

    fn parse(text: &str) -> Option<PendingExport> {
        let value = json::parse(text).ok()?;
        let text = |name| value.get(name).and_then(Json::as_str).map(str::to_string);
        Some(PendingExport {
            url: text("url")?,
            body: text("body")?,
        })
    }
}

/// The sealed record's id for programme `programme`.
///
/// ```
/// use lokalform_components::programme::outbox::record_id;
/// assert_eq!(record_id("vejle-2026"), "programme-outbox:vejle-2026");
/// ```
pub fn record_id(programme: &str) -> String {
    lokalform_forms::record_id::RecordId::ProgrammeOutbox { programme }.to_string()
}

/// Where a programme's evaluator export waits (one at a time, sealed under
/// the registry's passphrase, and in memory while the registry is open),
/// and where the worker is told what became of it.
///
/// ```no_run
/// use leptos::prelude::*;
/// use lokalform_components::common::outbox::Retry;
/// use lokalform_components::programme::outbox::{Exports, PendingExport};
/// use lokalform_forms::schema::Lang;
/// # async fn example() {
/// let notice = RwSignal::new(None);
/// let exports = Exports::new("vejle-2026", RwSignal::new(None), notice, Memo::new(|_| Lang::Da));
/// let export = PendingExport { url: "https://collector.example.dk/api/v1/cohorts".into(), body: "{}".into() };
/// // The first attempt answered `Later`: keep it, and try again with backoff.
/// exports.keep(export, "the registry's passphrase").await.ok();
/// let retry = Retry::default();
/// retry.start(exports.clone());
/// # }
/// ```
#[derive(Clone)]
pub struct Exports {
    id: Rc<str>,
    pending: RwSignal<Option<PendingExport>>,
    notice: RwSignal<Option<String>>,
    lang: Memo<Lang>,
}

impl Exports {
    /// The export of programme `programme` (record
    /// [`record_id`]`(programme)`): `pending` holds it while the registry
    /// is open, `notice` is where the worker is told when it was sent or
    /// refused, in `lang`.
    pub fn new(
        programme: &str,
        pending: RwSignal<Option<PendingExport>>,
        notice: RwSignal<Option<String>>,
        lang: Memo<Lang>,
    ) -> Exports {
        Exports {
            id: record_id(programme).into(),
            pending,
            notice,
            lang,
        }
    }

    /// The export of the app's programme.
    pub fn of(app: App) -> Exports {
        let programme = app.settings.with_value(|s| s.programme.clone());
        Exports::new(&programme, app.pending_export, app.notice, app.lang)
    }

    /// Keeps `export` sealed under `passphrase` for later attempts,
    /// replacing one that waited.
    pub async fn keep(&self, export: PendingExport, passphrase: &str) -> Result<(), SealError> {
        sealed::open(&self.id, passphrase).await?;
        sealed::save(&self.id, &export.to_json()).await?;
        self.pending.try_set(Some(export));
        Ok(())
    }

    /// After unlocking: brings a waiting export back into memory.
    pub async fn load(&self, passphrase: &str) {
        if !sealed::exists(&self.id).await.unwrap_or(false) {
            return;
        }
        if let Ok(Some(text)) = sealed::open(&self.id, passphrase).await {
            self.pending.try_set(PendingExport::parse(&text));
        }
    }

    /// On lock: the waiting export leaves memory and its key is forgotten
    /// (it stays sealed on the device).
    pub fn lock(&self) {
        sealed::lock(&self.id);
        self.pending.try_set(None);
    }
}

impl Shelf for Exports {
    type Item = PendingExport;

    async fn waiting(&self) -> Result<Vec<(String, PendingExport)>, StoreError> {
        let pending = self.pending.try_get_untracked().flatten();
        Ok(pending
            .map(|p| (self.id.to_string(), p))
            .into_iter()
            .collect())
    }

    fn url(item: &PendingExport) -> &str {
        &item.url
    }

    fn body(item: &PendingExport) -> String {
        item.body.clone()
    }

    /// Sent or refused, the export is removed from the device and the
    /// worker is told.
    async fn settle(&self, item: &PendingExport, delivery: Delivery) {
        // Not when the worker has sent a new export meanwhile, which
        // replaced this one. (Locked meanwhile, the answer still counts.)
        let replaced = self
            .pending
            .try_with_untracked(|p| p.as_ref().is_some_and(|p| p != item));
        if replaced == Some(true) {
            return;
        }
        let lang = self.lang.try_get_untracked().unwrap_or(Lang::Da);
        let words = &super::programme_words(lang).reports;
        let message = match delivery {
            Delivery::Later => return,
            Delivery::Sent => words.waiting_sent.to_string(),
            Delivery::Refused(r) => (words.waiting_refused)(r.status),
        };
        self.pending.try_set(None);
        let _ = sealed::discard(&self.id).await;
        self.notice.try_set(Some(message));
    }
}

/// After the first attempt answered [`Delivery::Later`]: keeps `export`
/// sealed under the registry's passphrase and schedules the next attempt.
pub async fn keep(app: App, export: PendingExport) -> Result<(), SealError> {
    let pass = app
        .passphrase
        .try_get_value()
        .flatten()
        .ok_or(SealError::Locked)?;
    let exports = Exports::of(app);
    exports.keep(export, &pass).await?;
    app.export_retry.try_with_value(|r| r.later(exports));
    Ok(())
}

/// After unlocking: brings a waiting export back into memory and tries
/// it now, then by the outbox's rules while the registry is open.
pub async fn resume(app: App) {
    let exports = Exports::of(app);
    let open = || app.passphrase.try_get_value().flatten();
    let Some(pass) = open() else {
        return;
    };
    exports.load(&pass).await;
    if open().is_none() {
        // Locked while loading: the export stays sealed, out of memory.
        exports.lock();
        return;
    }
    app.export_retry.try_with_value(|r| r.start(exports));
}

/// On lock: no more attempts; the waiting export leaves memory and its key
/// is forgotten (it stays sealed on the device).
pub fn lock(app: App) {
    stop(app);
    Exports::of(app).lock();
}

/// No more attempts and no `online` listener (on lock, and when the app
/// leaves the page).
pub fn stop(app: App) {
    app.export_retry.try_with_value(Retry::stop);
}
