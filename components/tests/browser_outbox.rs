//! The send queue (`store::outbox`) with real fetches: an unreachable
//! collector, one that refuses (404 from the test runner's server) and one
//! that acknowledges (200 for a fixture file). See `support` for why those
//! URLs answer as they do.
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

use lokalform_components::store::outbox::{self, Delivery, Flushed, Pending};
use lokalform_components::store::vault::{self, Store};
use support::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn increments(collector: &str) -> String {
    format!("{collector}/api/v1/increments")
}

async fn stored(key: &str) -> Option<Pending> {
    vault::get(Store::Outbox, key).await.expect("get")
}

/// The test's assumptions about its stand-in collectors; if this fails,
/// the other tests of this file say nothing.
#[wasm_bindgen_test]
async fn the_stand_in_collectors_answer_as_assumed() {
    assert_eq!(vault::post_json(UNREACHABLE, "{}").await, 0, "unreachable");
    assert_eq!(
        vault::post_json(&refusing_url(), "{}").await,
        404,
        "refusing"
    );
    assert_eq!(
        vault::post_json(&increments(&acknowledging_collector()), "{}").await,
        200,
        "acknowledging"
    );
}

#[wasm_bindgen_test]
async fn flush_keeps_a_tally_waiting_while_the_collector_cannot_be_reached() {
    reset().await;
    let record = pending(
        UNREACHABLE,
        tally("waiting-tally-key-0001", &[("overall", "4")], &[SECRET]),
    );
    outbox::enqueue(&record).await.expect("enqueue");
    assert!(
        !raw_get("outbox", "waiting-tally-key-0001")
            .await
            .is_undefined(),
        "stored under its idempotency key before any attempt"
    );

    let flushed = outbox::flush().await.expect("flush");
    assert_eq!(
        flushed,
        Flushed {
            sent: 0,
            waiting: 1
        }
    );
    assert_eq!(
        stored("waiting-tally-key-0001").await,
        Some(record.clone()),
        "still there, not marked"
    );

    // And again at the next attempt: waiting is not a final state.
    assert_eq!(
        outbox::flush().await.expect("flush"),
        Flushed {
            sent: 0,
            waiting: 1
        }
    );
    assert_eq!(stored("waiting-tally-key-0001").await, Some(record));
}

#[wasm_bindgen_test]
async fn deliver_on_a_4xx_marks_the_tally_rejected_and_keeps_it() {
    reset().await;
    let record = pending(
        &refusing_url(),
        tally("rejected-tally-key-0001", &[("overall", "2")], &[]),
    );
    outbox::enqueue(&record).await.expect("enqueue");
    assert_eq!(outbox::deliver(&record).await, Delivery::Rejected);
    let kept = stored("rejected-tally-key-0001")
        .await
        .expect("kept on the device");
    assert!(kept.rejected, "marked rejected");
    assert_eq!(
        Pending {
            rejected: false,
            ..kept
        },
        record,
        "otherwise unchanged"
    );
}

#[wasm_bindgen_test]
async fn a_rejected_tally_is_skipped_by_later_flushes() {
    reset().await;
    // Rejected by a refusing collector, through deliver...
    let refused = pending(
        &refusing_url(),
        tally("rejected-tally-key-0002", &[("overall", "2")], &[]),
    );
    outbox::enqueue(&refused).await.expect("enqueue");
    assert_eq!(
        outbox::flush().await.expect("flush"),
        Flushed {
            sent: 0,
            waiting: 0
        }
    );
    assert!(
        stored("rejected-tally-key-0002")
            .await
            .expect("kept")
            .rejected
    );
    // ...and marked ones whose URL would now wait or be acknowledged: if a
    // flush tried them, it would count one waiting and one sent (deleted).
    for (key, url) in [
        ("rejected-tally-key-0003", UNREACHABLE.to_string()),
        (
            "rejected-tally-key-0004",
            increments(&acknowledging_collector()),
        ),
    ] {
        let marked = Pending {
            rejected: true,
            ..pending(&url, tally(key, &[("overall", "5")], &[]))
        };
        outbox::enqueue(&marked).await.expect("enqueue");
    }
    assert_eq!(
        outbox::flush().await.expect("flush"),
        Flushed {
            sent: 0,
            waiting: 0
        }
    );
    assert_eq!(raw_count("outbox").await, 3, "all three stay on the device");
    for key in [
        "rejected-tally-key-0002",
        "rejected-tally-key-0003",
        "rejected-tally-key-0004",
    ] {
        assert!(
            stored(key).await.expect(key).rejected,
            "{key} still rejected"
        );
    }
}

#[wasm_bindgen_test]
async fn deliver_on_a_2xx_forgets_the_tally() {
    reset().await;
    let record = pending(
        &increments(&acknowledging_collector()),
        tally("sent-tally-key-00001", &[("overall", "5")], &[]),
    );
    outbox::enqueue(&record).await.expect("enqueue");
    assert_eq!(outbox::deliver(&record).await, Delivery::Sent);
    assert!(
        raw_get("outbox", "sent-tally-key-00001")
            .await
            .is_undefined(),
        "forgotten after the acknowledgement"
    );
}

#[wasm_bindgen_test]
async fn deliver_to_an_unreachable_collector_is_waiting_and_changes_nothing() {
    reset().await;
    let record = pending(
        UNREACHABLE,
        tally("waiting-tally-key-0002", &[("overall", "1")], &[]),
    );
    outbox::enqueue(&record).await.expect("enqueue");
    let before = bytes_of(&prop(
        &raw_get("outbox", "waiting-tally-key-0002").await,
        "data",
    ));
    assert_eq!(outbox::deliver(&record).await, Delivery::Waiting);
    let after = bytes_of(&prop(
        &raw_get("outbox", "waiting-tally-key-0002").await,
        "data",
    ));
    assert_eq!(before, after, "not rewritten");
}

#[wasm_bindgen_test]
async fn flush_sends_what_it_can_keeps_what_waits_and_marks_what_is_refused() {
    reset().await;
    let sent = pending(
        &increments(&acknowledging_collector()),
        tally("mixed-sent-key-00001", &[("overall", "5")], &[]),
    );
    let waiting = pending(
        UNREACHABLE,
        tally("mixed-wait-key-00001", &[("overall", "3")], &[]),
    );
    let refused = pending(
        &refusing_url(),
        tally("mixed-refused-key-001", &[("overall", "1")], &[]),
    );
    for p in [&sent, &waiting, &refused] {
        outbox::enqueue(p).await.expect("enqueue");
    }
    assert_eq!(
        outbox::flush().await.expect("flush"),
        Flushed {
            sent: 1,
            waiting: 1
        }
    );
    assert_eq!(stored("mixed-sent-key-00001").await, None);
    assert_eq!(stored("mixed-wait-key-00001").await, Some(waiting));
    assert!(
        stored("mixed-refused-key-001")
            .await
            .expect("kept")
            .rejected
    );
    // Once the reachable one is gone, only the waiting one is tried again.
    assert_eq!(
        outbox::flush().await.expect("flush"),
        Flushed {
            sent: 0,
            waiting: 1
        }
    );
}

#[wasm_bindgen_test]
async fn flush_of_an_empty_outbox_does_nothing() {
    reset().await;
    assert_eq!(outbox::flush().await.expect("flush"), Flushed::default());
}
