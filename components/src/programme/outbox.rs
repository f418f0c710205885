//! The evaluator export waiting to be sent.
//!
//! When the collector cannot be reached (no connection, or it answers
//! 5xx/429), the export is kept sealed on the device under the registry's
//! passphrase (its own record, `programme-outbox:<programme>`) and sent
//! again every [`RETRY_SECONDS`] while the registry is open, and after the
//! next unlock. A refusal (another 4xx) is final: it is reported and the
//! export is dropped, as sending it again would be refused again.

use super::App;
use crate::store::{sealed, vault};
use leptos::prelude::*;
use lokalform_text::json::{self, Json, ObjectWriter};

/// Seconds between attempts while an export waits.
pub const RETRY_SECONDS: u64 = 15;

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
pub fn record_id(programme: &str) -> String {
    lokalform_forms::record_id::RecordId::ProgrammeOutbox { programme }.to_string()
}

fn id_of(app: App) -> String {
    record_id(&app.settings.with_value(|s| s.programme.clone()))
}

/// What became of one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// The collector took it.
    Sent,
    /// Not reached (or busy): worth another try.
    Later,
    /// Refused, with this HTTP status: final.
    Refused(u16),
}

/// Posts `export` once.
pub async fn deliver(export: &PendingExport) -> Delivery {
    match vault::post_json(&export.url, &export.body).await {
        200..=299 => Delivery::Sent,
        0 | 429 | 500..=599 => Delivery::Later,
        s => Delivery::Refused(s),
    }
}

/// Keeps `export` sealed on the device for later attempts.
pub async fn keep(app: App, export: PendingExport) -> Result<(), sealed::SealError> {
    let id = id_of(app);
    let pass = app
        .passphrase
        .get_value()
        .ok_or(sealed::SealError::Locked)?;
    sealed::open(&id, &pass).await?;
    sealed::save(&id, &export.to_json()).await?;
    app.pending_export.try_set(Some(export));
    Ok(())
}

/// After unlocking: brings a waiting export back into memory.
pub async fn load(app: App) {
    let id = id_of(app);
    if !sealed::exists(&id).await.unwrap_or(false) {
        return;
    }
    let Some(pass) = app.passphrase.get_value() else {
        return;
    };
    if let Ok(Some(text)) = sealed::open(&id, &pass).await {
        app.pending_export.try_set(PendingExport::parse(&text));
    }
}

/// One more attempt at the waiting export, if any: sent or refused, it is
/// removed from the device and the worker is told.
pub async fn retry(app: App) {
    let Some(export) = app.pending_export.get_untracked() else {
        return;
    };
    let delivered = deliver(&export).await;
    let message = match delivered {
        Delivery::Later => return,
        Delivery::Sent => app.words().reports.waiting_sent.to_string(),
        Delivery::Refused(s) => (app.words().reports.waiting_refused)(s),
    };
    let _ = sealed::discard(&id_of(app)).await;
    app.pending_export.try_set(None);
    app.notice.try_set(Some(message));
}

/// On lock: the waiting export leaves memory and its key is forgotten
/// (it stays sealed on the device).
pub fn lock(app: App) {
    sealed::lock(&id_of(app));
    app.pending_export.set(None);
}
