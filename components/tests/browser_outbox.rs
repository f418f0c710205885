//! The outbox with real fetches, for both places where something waits:
//! the feedback box's tallies (`store::outbox`, device-key records) and the
//! programme's evaluator export (`programme::outbox`, sealed under the
//! registry's passphrase). Every class of answer comes from a real server:
//! an unreachable collector (0), the test runner's server (404 for a path
//! that does not exist, 200 for a fixture file; see `support`) and the
//! stand-in collector, which answers any status (`support/stand_in.rs`).
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/stand_in.rs"]
mod stand_in;
mod support;

use leptos::prelude::*;
use lokalform_components::common::outbox::{flush as flush_shelf, Reason, Refusal};
use lokalform_components::programme::outbox::{record_id, Exports, PendingExport};
use lokalform_components::store::outbox::{self, Delivery, Flushed, Pending};
use lokalform_components::store::sealed;
use lokalform_components::store::vault::{self, Store};
use lokalform_forms::schema::Lang;
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
    assert_eq!(
        vault::post_json(UNREACHABLE, "{}", "").await.status,
        0,
        "unreachable"
    );
    assert_eq!(
        vault::post_json(&refusing_url(), "{}", "").await.status,
        404,
        "refusing"
    );
    assert_eq!(
        vault::post_json(&increments(&acknowledging_collector()), "{}", "")
            .await
            .status,
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
    assert_eq!(
        outbox::deliver(&record).await,
        Delivery::Refused(Refusal {
            status: 404,
            reason: Reason::Invalid
        })
    );
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
    assert_eq!(outbox::deliver(&record).await, Delivery::Later);
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

// Every class of answer, from a real server (the stand-in collector).

/// 2xx: sent.
const SENT: [u16; 3] = [200, 201, 204];
/// 408, 429 and 5xx: later (0, no connection at all, is `UNREACHABLE`).
const LATER: [u16; 6] = [408, 429, 500, 502, 503, 504];
/// Everything else: refused, final.
const REFUSED: [u16; 10] = [300, 400, 401, 403, 404, 405, 409, 410, 413, 422];

/// The test's assumptions about the stand-in collector.
#[wasm_bindgen_test]
async fn the_stand_in_collector_answers_each_status_as_asked() {
    for status in SENT.iter().chain(&LATER).chain(&REFUSED) {
        let url = stand_in::increments(&[*status], "assumed");
        assert_eq!(
            vault::post_json(&url, "{}", "").await.status,
            *status,
            "{url}"
        );
        assert_eq!(stand_in::posts_to(&url).await, 1, "{url}");
    }
    let url = stand_in::increments(&[422], "named");
    let reply = vault::post_json(&url, "{}", "Bearer device.token").await;
    assert_eq!(
        reply.error, "status_422",
        "the refusal's `error` code is read"
    );
    let url = stand_in::increments(&[503, 201], "in-turn");
    assert_eq!(vault::post_json(&url, "{}", "").await.status, 503);
    assert_eq!(vault::post_json(&url, "{}", "").await.status, 201);
    assert_eq!(vault::post_json(&url, "{}", "").await.status, 201);
}

/// A tally for `url` under key `class-<name>-key-<status>`, enqueued.
async fn enqueued(url: &str, name: &str, status: u16) -> Pending {
    let record = pending(
        url,
        tally(
            &format!("class-{name}-key-{status}"),
            &[("overall", "4")],
            &[],
        ),
    );
    outbox::enqueue(&record).await.expect("enqueue");
    record
}

#[wasm_bindgen_test]
async fn a_tally_answered_2xx_is_forgotten() {
    reset().await;
    for status in SENT {
        let url = stand_in::increments(&[status], "sent");
        let record = enqueued(&url, "sent", status).await;
        assert_eq!(outbox::deliver(&record).await, Delivery::Sent, "{status}");
        assert_eq!(stored(&record.tally.key).await, None, "{status}: forgotten");
    }
}

#[wasm_bindgen_test]
async fn a_tally_answered_408_429_or_5xx_waits_unchanged_and_is_tried_again() {
    reset().await;
    let mut urls = Vec::new();
    for status in LATER {
        let url = stand_in::increments(&[status], "later");
        let record = enqueued(&url, "later", status).await;
        let before = bytes_of(&prop(&raw_get("outbox", &record.tally.key).await, "data"));
        assert_eq!(outbox::deliver(&record).await, Delivery::Later, "{status}");
        let after = bytes_of(&prop(&raw_get("outbox", &record.tally.key).await, "data"));
        assert_eq!(before, after, "{status}: not rewritten");
        assert_eq!(stored(&record.tally.key).await, Some(record), "{status}");
        urls.push(url);
    }
    // Later is not final: the next flush tries each one again.
    assert_eq!(
        outbox::flush().await.expect("flush"),
        Flushed {
            sent: 0,
            waiting: LATER.len() as u32
        }
    );
    for url in urls {
        assert_eq!(stand_in::posts_to(&url).await, 2, "{url}");
    }
}

#[wasm_bindgen_test]
async fn a_tally_refused_with_any_other_status_is_marked_kept_and_not_sent_again() {
    reset().await;
    let mut urls = Vec::new();
    for status in REFUSED {
        let url = stand_in::increments(&[status], "refused");
        let record = enqueued(&url, "refused", status).await;
        assert_eq!(
            outbox::deliver(&record).await,
            Delivery::Refused(Refusal {
                status,
                reason: Reason::Invalid
            }),
            "{status}"
        );
        let kept = stored(&record.tally.key).await.expect("kept on the device");
        assert!(kept.rejected, "{status}: marked");
        assert_eq!(
            Pending {
                rejected: false,
                ..kept
            },
            record,
            "{status}: otherwise unchanged"
        );
        urls.push(url);
    }
    assert_eq!(outbox::flush().await.expect("flush"), Flushed::default());
    for url in urls {
        assert_eq!(stand_in::posts_to(&url).await, 1, "{url}: not sent again");
    }
}

#[wasm_bindgen_test]
async fn a_tally_answered_408_and_then_200_is_sent_at_the_next_attempt() {
    reset().await;
    let url = stand_in::increments(&[408, 200], "408-then-200");
    let record = enqueued(&url, "timeout", 408).await;
    assert_eq!(
        outbox::flush().await.expect("flush"),
        Flushed {
            sent: 0,
            waiting: 1
        }
    );
    assert_eq!(
        outbox::flush().await.expect("flush"),
        Flushed {
            sent: 1,
            waiting: 0
        }
    );
    assert_eq!(stored(&record.tally.key).await, None);
    assert_eq!(stand_in::posts_to(&url).await, 2);
}

// The programme's evaluator export: the same classes, kept sealed under
// the registry's passphrase instead of the device key.

const PASSPHRASE: &str = "kaffe i caféen 2026";
const EXPORT_BODY: &str = r#"{"municipality":"Testby Kommune","round":"2026"}"#;

struct Programme {
    id: String,
    exports: Exports,
    pending: RwSignal<Option<PendingExport>>,
    notice: RwSignal<Option<String>>,
}

fn programme(name: &str, lang: Lang) -> Programme {
    let pending = RwSignal::new(None);
    let notice = RwSignal::new(None);
    Programme {
        id: record_id(name),
        exports: Exports::new(name, pending, notice, Memo::new(move |_| lang)),
        pending,
        notice,
    }
}

fn export_to(endpoint: &str) -> PendingExport {
    PendingExport {
        url: endpoint.to_string(),
        body: EXPORT_BODY.to_string(),
    }
}

fn cohorts(collector: &str) -> String {
    format!("{collector}/api/v1/cohorts")
}

/// Keeps an export for `endpoint` sealed, flushes once, and returns how.
async fn kept_and_flushed(p: &Programme, endpoint: &str) -> Flushed {
    p.exports
        .keep(export_to(endpoint), PASSPHRASE)
        .await
        .expect("kept sealed");
    assert_eq!(p.pending.get_untracked(), Some(export_to(endpoint)));
    flush_shelf(&p.exports).await.expect("flush")
}

#[wasm_bindgen_test]
async fn a_kept_export_is_sealed_under_the_passphrase_not_the_device_key() {
    reset().await;
    let p = programme("test-sealed", Lang::Da);
    p.exports
        .keep(export_to(UNREACHABLE), PASSPHRASE)
        .await
        .expect("kept");
    let raw = raw_get("drafts", &p.id).await;
    assert_eq!(keys_of(&raw), ["data", "iterations", "iv", "kdf", "salt"]);
    assert!(decrypt_with_device_key(&raw).await.is_err());
    let data = bytes_of(&prop(&raw, "data"));
    assert!(!contains_bytes(&data, b"Testby"), "no readable text");
    assert_eq!(vault::get::<Pending>(Store::Outbox, &p.id).await, Ok(None));
}

#[wasm_bindgen_test]
async fn an_export_answered_2xx_is_removed_and_the_worker_told() {
    reset().await;
    for status in SENT {
        let p = programme(&format!("test-sent-{status}"), Lang::Da);
        let flushed = kept_and_flushed(&p, &cohorts(&stand_in::collector(&[status], "x"))).await;
        assert_eq!(
            flushed,
            Flushed {
                sent: 1,
                waiting: 0
            },
            "{status}"
        );
        assert_eq!(p.pending.get_untracked(), None, "{status}");
        assert!(
            !sealed::exists(&p.id).await.expect("exists"),
            "{status}: removed"
        );
        assert_eq!(
            p.notice.get_untracked().as_deref(),
            Some("Tallene, der ventede, er nu sendt til indsamleren."),
            "{status}"
        );
    }
}

#[wasm_bindgen_test]
async fn an_export_without_connection_or_answered_408_429_or_5xx_stays_sealed_for_later() {
    reset().await;
    let mut endpoints = vec![(0, UNREACHABLE.replace("increments", "cohorts"))];
    // 408 is "later" too: it used to be taken for a final refusal here.
    for status in [408, 429, 500, 503] {
        endpoints.push((status, cohorts(&stand_in::collector(&[status], "x"))));
    }
    for (status, endpoint) in endpoints {
        let p = programme(&format!("test-later-{status}"), Lang::Da);
        let flushed = kept_and_flushed(&p, &endpoint).await;
        assert_eq!(
            flushed,
            Flushed {
                sent: 0,
                waiting: 1
            },
            "{status}"
        );
        assert_eq!(
            p.pending.get_untracked(),
            Some(export_to(&endpoint)),
            "{status}"
        );
        assert!(
            sealed::exists(&p.id).await.expect("exists"),
            "{status}: still sealed"
        );
        assert_eq!(p.notice.get_untracked(), None, "{status}: nothing said yet");
        // It opens again with the passphrase, as after the next unlock.
        sealed::lock(&p.id);
        let reopened = programme(&format!("test-later-{status}"), Lang::Da);
        reopened.exports.load(PASSPHRASE).await;
        assert_eq!(reopened.pending.get_untracked(), Some(export_to(&endpoint)));
    }
}

#[wasm_bindgen_test]
async fn an_export_refused_with_any_other_status_is_dropped_and_the_status_said() {
    reset().await;
    for (status, lang) in [
        (400, Lang::Da),
        (413, Lang::Da),
        (422, Lang::En),
        (300, Lang::Da),
    ] {
        let p = programme(&format!("test-refused-{status}"), lang);
        let endpoint = cohorts(&stand_in::collector(&[status], "x"));
        let flushed = kept_and_flushed(&p, &endpoint).await;
        assert_eq!(flushed, Flushed::default(), "{status}");
        assert_eq!(p.pending.get_untracked(), None, "{status}");
        assert!(
            !sealed::exists(&p.id).await.expect("exists"),
            "{status}: dropped"
        );
        let said = match lang {
            Lang::Da => format!(
                "Indsamleren afviste tallene, der ventede. De sendes ikke igen. (HTTP {status})"
            ),
            Lang::En => format!(
                "The collector refused the figures that were waiting. They are not sent again. (HTTP {status})"
            ),
        };
        assert_eq!(p.notice.get_untracked(), Some(said));
        assert_eq!(stand_in::posts_to(&endpoint).await, 1, "{status}: once");
    }
}

#[wasm_bindgen_test]
async fn a_late_answer_for_a_replaced_export_leaves_the_new_one_waiting() {
    reset().await;
    let p = programme("test-replaced", Lang::Da);
    let old = export_to(&cohorts(&stand_in::collector(&[201], "old")));
    let new = export_to(&UNREACHABLE.replace("increments", "cohorts"));
    p.exports.keep(new.clone(), PASSPHRASE).await.expect("kept");
    // The old export's attempt comes back after the new one was kept.
    assert_eq!(
        lokalform_components::common::outbox::deliver(&p.exports, &old).await,
        Delivery::Sent
    );
    assert_eq!(p.pending.get_untracked(), Some(new));
    assert!(
        sealed::exists(&p.id).await.expect("exists"),
        "the new one stays sealed"
    );
    assert_eq!(p.notice.get_untracked(), None);
}
