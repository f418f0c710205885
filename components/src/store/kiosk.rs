//! A shared tablet's responses, kept encrypted until a batch can be sent.
//!
//! Each response is stored on its own. When at least k responses of one form
//! are waiting, they are added up into one batch tally, which replaces them
//! in one atomic step (so a crash between the two cannot lose or double
//! anything) and goes to the [`outbox`](super::outbox). A batch holds at
//! most [`MAX_BATCH_RESPONSES`] (the collector's default cap): more are
//! split into even batches, each still at least k. The kiosk's own loop
//! ([`Batches`]) sends them by the one outbox's rules
//! ([`crate::common::outbox`]), each with the tablet's credential read at
//! send time ([`super::device`]). A batch refused because the collector
//! does not know the tablet, or revoked it, is held: kept, not tried
//! again, until the tablet is enrolled again. Local copies are deleted
//! only after the collector acknowledges the batch. A batch's
//! comments leave in a random order (a Fisher–Yates shuffle over
//! `crypto.getRandomValues`): in the order people answered, staff who saw
//! who used the tablet when could tell whose comment is whose.

use super::device::{self, Refusal};
use super::outbox::{Pending, Tallies};
use super::vault::{self, Reply, Store, StoreError};
use crate::common::outbox::{self, Delivery, Reason, Retry, Shelf};
use lokalform_forms::aggregate::{Tally, MIN_KIOSK_BATCH};

/// The most responses in one batch: the collector's default cap on a
/// batch (a larger one is refused as `batch_too_large`).
pub const MAX_BATCH_RESPONSES: u32 = 200;

/// k as used: the `batch-size` asked for, at least 5 and at most half of
/// [`MAX_BATCH_RESPONSES`] (so a split batch is never smaller than k).
///
/// ```
/// use lokalform_components::store::kiosk::smallest_batch;
/// assert_eq!(smallest_batch(0), 5);
/// assert_eq!(smallest_batch(12), 12);
/// assert_eq!(smallest_batch(500), 100);
/// ```
pub fn smallest_batch(k: u32) -> u32 {
    k.clamp(MIN_KIOSK_BATCH, MAX_BATCH_RESPONSES / 2)
}

/// The sizes `n` waiting responses leave in: as few batches as the cap
/// allows, as even as can be (so none is smaller than half the cap).
///
/// ```
/// use lokalform_components::store::kiosk::batch_sizes;
/// assert_eq!(batch_sizes(5), [5]);
/// assert_eq!(batch_sizes(200), [200]);
/// assert_eq!(batch_sizes(201), [101, 100]);
/// assert_eq!(batch_sizes(450), [150, 150, 150]);
/// assert_eq!(batch_sizes(401), [134, 134, 133]);
/// ```
pub fn batch_sizes(n: usize) -> Vec<usize> {
    let max = MAX_BATCH_RESPONSES as usize;
    let batches = n.div_ceil(max).max(1);
    (0..batches)
        .map(|i| n / batches + usize::from(i < n % batches))
        .collect()
}

/// Keeps one response on the device.
pub async fn keep(url: &str, tally: Tally) -> Result<(), StoreError> {
    let pending = Pending {
        url: url.to_string(),
        tally,
        rejected: false,
    };
    vault::put(Store::Kiosk, &pending.tally.key, &pending).await
}

/// Moves every group of at least `k` waiting responses (k as
/// [`smallest_batch`]) into the outbox as batches, without sending.
async fn release(k: u32) -> Result<u32, StoreError> {
    let k = smallest_batch(k) as usize;
    let waiting = vault::entries::<Pending>(Store::Kiosk).await?;
    let mut groups: Vec<Vec<(String, Pending)>> = Vec::new();
    for (id, pending) in waiting {
        let same = |group: &&mut Vec<(String, Pending)>| {
            let p = &group[0].1;
            p.url == pending.url
                && p.tally.form == pending.tally.form
                && p.tally.version == pending.tally.version
        };
        match groups.iter_mut().find(same) {
            Some(group) => group.push((id, pending)),
            None => groups.push(vec![(id, pending)]),
        }
    }
    let mut released = 0;
    for group in groups.into_iter().filter(|g| g.len() >= k) {
        let mut left = group.into_iter();
        for size in batch_sizes(left.len()) {
            let mut ids = Vec::with_capacity(size);
            let mut batch: Option<Pending> = None;
            for (id, pending) in left.by_ref().take(size) {
                ids.push(id);
                match batch.as_mut() {
                    Some(b) => b.tally.absorb(&pending.tally),
                    None => batch = Some(pending),
                }
            }
            let Some(mut batch) = batch else { continue };
            // A new key, and the week it was made: the collector refuses a
            // batch older than its receipts, so a late retry never counts twice.
            batch.tally.key = vault::random_key();
            batch.tally.week = Some(crate::common::today::this_week());
            lokalform_text::shuffle::shuffle(&mut batch.tally.comments, vault::random_word);
            if vault::move_records(Store::Kiosk, &ids, Store::Outbox, &batch.tally.key, &batch)
                .await?
            {
                released += 1;
            }
        }
    }
    Ok(released)
}

/// Moves every group of at least `k` waiting responses (k is raised to 5 if
/// lower) into the outbox as batches, then starts sending. Returns the
/// number of batches released.
pub async fn release_batches(k: u32) -> Result<u32, StoreError> {
    let released = release(k).await?;
    if released > 0 {
        retry_now();
    }
    Ok(released)
}

/// The responses waiting on the tablet: kept ones and those in batches not
/// yet acknowledged. A count, nothing of their content.
pub async fn waiting() -> u32 {
    let kept = vault::entries::<Pending>(Store::Kiosk)
        .await
        .unwrap_or_default();
    let batches = vault::entries::<Pending>(Store::Outbox)
        .await
        .unwrap_or_default();
    let in_batches: u32 = batches
        .iter()
        .filter(|(_, p)| p.is_batch() && !p.rejected)
        .map(|(_, p)| p.tally.responses)
        .sum();
    kept.len() as u32 + in_batches
}

/// "Send nu": releases what can go and sends every batch at once, without
/// waiting for the retry's backoff.
pub async fn send_now(k: u32) {
    let _ = release(k).await;
    let _ = outbox::flush(&Batches).await;
}

/// A batch, and the `Authorization` it goes with: the tablet's credential
/// when it is sent, not when it was made.
#[derive(Debug, Clone)]
pub struct Sending {
    /// The batch.
    pub pending: Pending,
    /// `Bearer <device>.<token>`, or empty when the tablet is not enrolled.
    pub authorization: String,
}

/// The kiosk's batches in the outbox: sent by the kiosk's loop with the
/// tablet's credential; held while the last refusal holds them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Batches;

impl Shelf for Batches {
    type Item = Sending;

    async fn waiting(&self) -> Result<Vec<(String, Sending)>, StoreError> {
        if device::status().await.refusal.holds() {
            return Ok(Vec::new());
        }
        let authorization = device::enrollment()
            .await
            .map(|e| e.authorization())
            .unwrap_or_default();
        Ok(vault::entries::<Pending>(Store::Outbox)
            .await?
            .into_iter()
            .filter(|(_, p)| p.is_batch() && !p.rejected)
            .map(|(id, pending)| {
                let authorization = authorization.clone();
                (
                    id,
                    Sending {
                        pending,
                        authorization,
                    },
                )
            })
            .collect())
    }

    fn url(item: &Sending) -> &str {
        &item.pending.url
    }

    fn body(item: &Sending) -> String {
        item.pending.tally.to_json()
    }

    fn authorization(item: &Sending) -> &str {
        &item.authorization
    }

    async fn heard(&self, reply: &Reply) {
        if reply.error == "device_daily_ceiling" {
            device::note(|s| s.refusal = Refusal::DailyCeiling).await;
        }
    }

    async fn settle(&self, item: &Sending, delivery: Delivery) {
        let refusal = match delivery {
            Delivery::Sent => Refusal::None,
            Delivery::Refused(r) if r.reason == Reason::NotEnrolled => Refusal::NotEnrolled,
            Delivery::Refused(r) if r.reason == Reason::Revoked => Refusal::Revoked,
            _ => Refusal::Other,
        };
        if refusal.holds() {
            // The credential is no good: forgotten, and the batch kept as
            // it is until the tablet is enrolled again.
            let _ = device::forget().await;
        } else {
            // Forgotten when sent, marked when refused for good.
            Tallies.settle(&item.pending, delivery).await;
        }
        let sent = matches!(delivery, Delivery::Sent);
        device::note(|s| {
            s.refusal = refusal;
            if sent {
                s.last_sent = device::now();
            }
        })
        .await;
    }
}

thread_local! {
    /// The page's one delivery loop for batches.
    static RETRY: Retry = Retry::default();
}

/// Starts sending the kiosk's batches for this page: now, when the browser
/// comes back online, and after failures with backoff.
pub fn start() {
    RETRY.with(|r| r.start(Batches));
}

/// Sends now (unless a send is under way): after a release, or once the
/// tablet is enrolled again.
pub fn retry_now() {
    RETRY.with(|r| {
        r.start(Batches);
        r.now(Batches);
    });
}
