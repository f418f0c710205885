//! A shared tablet's responses, kept encrypted until a batch can be sent.
//!
//! Each response is stored on its own. When at least k responses of one form
//! are waiting, they are added up into one batch tally, which replaces them
//! in one atomic step (so a crash between the two cannot lose or double
//! anything) and goes to the [`outbox`](super::outbox), which sends it by
//! the one outbox's rules ([`crate::common::outbox`]). Local copies are
//! deleted only after the collector acknowledges the batch. A batch's
//! comments leave in a random order (a Fisher–Yates shuffle over
//! `crypto.getRandomValues`): in the order people answered, staff who saw
//! who used the tablet when could tell whose comment is whose.

use super::outbox::{self, Pending};
use super::vault::{self, Store, StoreError};
use lokalform_forms::aggregate::{Tally, MIN_KIOSK_BATCH};

/// Keeps one response on the device.
pub async fn keep(url: &str, tally: Tally) -> Result<(), StoreError> {
    let pending = Pending {
        url: url.to_string(),
        tally,
        rejected: false,
    };
    vault::put(Store::Kiosk, &pending.tally.key, &pending).await
}

/// Moves every group of at least `k` waiting responses (k is raised to 5 if
/// lower) into the outbox as one batch each, then starts sending. Returns
/// the number of batches released.
pub async fn release_batches(k: u32) -> Result<u32, StoreError> {
    let k = k.max(MIN_KIOSK_BATCH) as usize;
    let waiting = vault::entries::<Pending>(Store::Kiosk).await?;
    let mut groups: Vec<(Vec<String>, Pending)> = Vec::new();
    for (id, pending) in waiting {
        let same = |(_, p): &&mut (Vec<String>, Pending)| {
            p.url == pending.url
                && p.tally.form == pending.tally.form
                && p.tally.version == pending.tally.version
        };
        match groups.iter_mut().find(|g| same(g)) {
            Some((ids, batch)) => {
                ids.push(id);
                batch.tally.absorb(&pending.tally);
            }
            None => groups.push((vec![id], pending)),
        }
    }
    let mut released = 0;
    for (ids, mut batch) in groups.into_iter().filter(|(ids, _)| ids.len() >= k) {
        // A new key, and the week it was made: the collector refuses a
        // batch older than its receipts, so a late retry never counts twice.
        batch.tally.key = vault::random_key();
        batch.tally.week = Some(crate::common::today::this_week());
        lokalform_text::shuffle::shuffle(&mut batch.tally.comments, vault::random_word);
        if vault::move_records(Store::Kiosk, &ids, Store::Outbox, &batch.tally.key, &batch).await? {
            released += 1;
        }
    }
    if released > 0 {
        outbox::retry_now();
    }
    Ok(released)
}
