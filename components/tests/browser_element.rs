//! `<lokal-feedback>` as a host page uses it: created in the document, with
//! attributes, read from outside through its open shadow root, and heard
//! through the events that bubble out of it.
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

use support::widget::*;
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

/// The stylesheet as the widget ships it: `base.css` minified by build.rs.
const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/base.css"));

/// The number of rules at the top level of `css` (each ends in a `}` at
/// depth 0); enough for the minified stylesheet, which has no `}` in
/// strings.
fn top_level_rules(css: &str) -> u32 {
    let mut depth = 0i32;
    let mut rules = 0;
    for c in css.chars() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    rules += 1;
                }
            }
            _ => {}
        }
    }
    rules
}
const TITLE_DA: &str = "Hvordan var dit møde med kommunen?";
const TITLE_EN: &str = "How was your meeting with the municipality?";
const LOAD_FAILED_DA: &str = "Spørgeskemaet kan ikke vises lige nu.";

#[wasm_bindgen_test]
async fn the_element_adopts_its_stylesheet_and_mounts_the_form_into_an_open_shadow_root() {
    fresh_page().await;
    let host = mount(&[]);
    form_shown(&host).await;

    assert_eq!(shadow_mode(&host), "open");
    assert_eq!(
        shadow_child_tags(&host),
        ["div"],
        "only the container: no <style> element, which a strict CSP would block"
    );
    assert_eq!(
        adopted_rule_counts(&host),
        [top_level_rules(STYLE)],
        "the widget's own CSS, whole, as one adopted stylesheet"
    );
    assert_eq!(
        computed_style(&host, "", "display"),
        "block",
        ":host {{ display: block }} applies"
    );
    assert_eq!(shadow_all::<HtmlElement>(&host, "div.lokal-root").len(), 1);
    assert_eq!(
        host.child_element_count(),
        0,
        "nothing in the host page's DOM"
    );

    let faces = faces(&host);
    assert_eq!(faces.len(), 5);
    for (i, face) in faces.iter().enumerate() {
        assert_eq!(face.type_(), "radio");
        assert_eq!(face.name(), "q-overall");
        assert_eq!(face.value(), (i + 1).to_string());
        assert!(!face.checked());
    }
    assert_eq!(next_text(&host), "Fortsæt");
    assert_eq!(texts(&host, "h2.title"), [TITLE_DA]);
    assert_eq!(
        shadow_all::<HtmlElement>(&host, ".lokal-feedback")[0]
            .get_attribute("lang")
            .as_deref(),
        Some("da")
    );
    unmount(&host).await;
}

#[wasm_bindgen_test]
async fn lang_en_shows_the_form_in_english() {
    fresh_page().await;
    let host = mount(&[("lang", "en")]);
    form_shown(&host).await;
    assert_eq!(next_text(&host), "Continue");
    assert_eq!(texts(&host, "h2.title"), [TITLE_EN]);
    assert_eq!(
        texts(&host, ".faces .face-label"),
        [
            "Very poor",
            "Poor",
            "Neither good nor poor",
            "Good",
            "Very good"
        ]
    );
    assert!(!shadow_text(&host).contains("Fortsæt"));
    unmount(&host).await;
}

#[wasm_bindgen_test]
async fn changing_the_lang_attribute_switches_the_language() {
    fresh_page().await;
    let host = mount(&[]);
    form_shown(&host).await;
    assert_eq!(next_text(&host), "Fortsæt");

    host.set_attribute("lang", "en").expect("set lang");
    wait_until(
        "English",
        || next_text(&host) == "Continue",
        || shadow_text(&host),
    )
    .await;
    assert_eq!(texts(&host, "h2.title"), [TITLE_EN]);

    host.remove_attribute("lang").expect("remove lang");
    wait_until(
        "Danish again",
        || next_text(&host) == "Fortsæt",
        || shadow_text(&host),
    )
    .await;
    assert_eq!(texts(&host, "h2.title"), [TITLE_DA]);
    unmount(&host).await;
}

#[wasm_bindgen_test]
async fn switching_the_language_keeps_the_checked_face() {
    fresh_page().await;
    let host = mount(&[]);
    form_shown(&host).await;
    faces(&host)[3].click();
    wait_until(
        "face 4 checked",
        || checked(&host)[3],
        || format!("{:?}", checked(&host)),
    )
    .await;
    draft_saved().await;

    host.set_attribute("lang", "en").expect("set lang");
    wait_until(
        "English",
        || next_text(&host) == "Continue",
        || shadow_text(&host),
    )
    .await;
    wait_until(
        "face 4 is still checked after the switch",
        || checked(&host) == [false, false, false, true, false],
        || format!("{:?}", checked(&host)),
    )
    .await;
    unmount(&host).await;
    reset().await;
}

#[wasm_bindgen_test]
async fn removing_and_adding_the_element_again_mounts_it_again_once() {
    fresh_page().await;
    let host = mount(&[]);
    form_shown(&host).await;

    for round in 1..=2 {
        unmount(&host).await;
        assert!(
            shadow_all::<HtmlElement>(&host, "form").is_empty(),
            "round {round}: unmounted when removed"
        );
        add(&host);
        form_shown(&host).await;
        assert_eq!(shadow_child_tags(&host), ["div"], "round {round}");
        assert_eq!(
            adopted_rule_counts(&host).len(),
            1,
            "round {round}: one adopted sheet"
        );
        assert_eq!(
            shadow_all::<HtmlElement>(&host, "div.lokal-root").len(),
            1,
            "round {round}"
        );
        assert_eq!(
            shadow_all::<HtmlElement>(&host, "form").len(),
            1,
            "round {round}"
        );
        assert_eq!(
            shadow_all::<HtmlElement>(&host, "h2.title").len(),
            1,
            "round {round}"
        );
        assert_eq!(faces(&host).len(), 5, "round {round}");
    }
    // The new mount follows its attributes (not the unmounted one's).
    host.set_attribute("lang", "en").expect("set lang");
    wait_until(
        "English",
        || next_text(&host) == "Continue",
        || shadow_text(&host),
    )
    .await;
    assert_eq!(faces(&host).len(), 5);
    unmount(&host).await;
}

#[wasm_bindgen_test]
async fn two_instances_on_one_page_are_independent() {
    fresh_page().await;
    let a = mount(&[]);
    let b = mount(&[]);
    form_shown(&a).await;
    form_shown(&b).await;

    faces(&a)[3].click();
    wait_until(
        "a: face 4 checked",
        || checked(&a)[3],
        || format!("{:?}", checked(&a)),
    )
    .await;
    sleep(50).await;
    assert_eq!(
        checked(&b),
        [false; 5],
        "checking a face in one does not check the other"
    );

    faces(&b)[0].click();
    wait_until(
        "b: face 1 checked",
        || checked(&b)[0],
        || format!("{:?}", checked(&b)),
    )
    .await;
    sleep(50).await;
    assert_eq!(
        checked(&a),
        [false, false, false, true, false],
        "the other keeps its own choice"
    );
    assert_eq!(checked(&b), [true, false, false, false, false]);

    a.set_attribute("lang", "en").expect("set lang");
    wait_until(
        "a in English",
        || next_text(&a) == "Continue",
        || shadow_text(&a),
    )
    .await;
    assert_eq!(
        next_text(&b),
        "Fortsæt",
        "attributes of one do not reach the other"
    );
    draft_saved().await;
    unmount(&a).await;
    unmount(&b).await;
    reset().await;
}

#[wasm_bindgen_test]
async fn a_form_that_cannot_be_loaded_fires_lokal_error_out_of_the_shadow_root() {
    fresh_page().await;
    let events = record_events(&document().into(), "lokal-error");
    let host = mount(&[("form", "/no-such-form.json")]);
    wait_until(
        "lokal-error reached the document",
        || events.length() > 0,
        || shadow_text(&host),
    )
    .await;
    text_shown(&host, LOAD_FAILED_DA).await;
    sleep(50).await;

    assert_eq!(events.length(), 1, "one event");
    let event = events.get(0);
    assert_eq!(
        prop(&event, "target"),
        JsValue::from(host.clone()),
        "seen on the host"
    );
    assert_eq!(prop(&event, "bubbles"), JsValue::TRUE);
    assert_eq!(prop(&event, "composed"), JsValue::TRUE);
    assert_eq!(keys_of(&prop(&event, "detail")), ["message"]);
    let message = prop(&prop(&event, "detail"), "message")
        .as_string()
        .unwrap_or_default();
    assert!(
        message.contains("/no-such-form.json") && message.contains("404"),
        "{message}"
    );
    assert_eq!(
        shadow_all::<HtmlElement>(&host, "[role=alert] .notice-title")
            .iter()
            .map(|e| e.text_content().unwrap_or_default())
            .collect::<Vec<_>>(),
        [LOAD_FAILED_DA]
    );
    assert!(faces(&host).is_empty(), "no form");
    stop(&events);
    unmount(&host).await;
}

#[wasm_bindgen_test]
async fn an_invalid_definition_fires_lokal_error_with_the_problem() {
    fresh_page().await;
    let events = record_events(&document().into(), "lokal-error");
    let host = mount(&[("form", "/tests/fixtures/broken-form.json"), ("lang", "en")]);
    wait_until("lokal-error", || events.length() > 0, || shadow_text(&host)).await;
    let message = prop(&prop(&events.get(0), "detail"), "message")
        .as_string()
        .unwrap_or_default();
    assert!(
        message.contains("fields: a form needs at least one field"),
        "{message}"
    );
    text_shown(&host, "The questionnaire cannot be shown right now.").await;
    stop(&events);
    unmount(&host).await;
}

#[wasm_bindgen_test]
async fn changing_the_form_attribute_loads_the_new_definition() {
    fresh_page().await;
    let host = mount(&[]);
    form_shown(&host).await;
    assert!(
        !shadow_all::<HtmlElement>(&host, "input.radio").is_empty(),
        "the built-in form has choice questions"
    );

    host.set_attribute("form", "/tests/fixtures/short-form.json")
        .expect("set form");
    wait_until(
        "the short form is shown",
        || texts(&host, "h2.title") == ["Kort spørgsmål"] && faces(&host).len() == 5,
        || shadow_text(&host),
    )
    .await;
    assert!(
        shadow_all::<HtmlElement>(&host, "input.radio").is_empty(),
        "only the one smiley question"
    );
    assert_eq!(shadow_all::<HtmlElement>(&host, "fieldset").len(), 1);
    unmount(&host).await;
}

#[wasm_bindgen_test]
async fn a_sent_response_fires_lokal_submitted_without_the_answers() {
    fresh_page().await;
    let events = record_events(&document().into(), "lokal-submitted");
    let collector = acknowledging_collector();
    let host = mount(&[("collector", collector.as_str())]);
    answer_and_send(&host).await;
    wait_until(
        "lokal-submitted",
        || events.length() > 0,
        || shadow_text(&host),
    )
    .await;
    text_shown(&host, "Tak for din feedback").await;

    assert_eq!(outcomes(&events), ["sent"]);
    let event = events.get(0);
    assert_eq!(prop(&event, "target"), JsValue::from(host.clone()));
    assert_eq!(prop(&event, "bubbles"), JsValue::TRUE);
    assert_eq!(prop(&event, "composed"), JsValue::TRUE);
    assert_eq!(
        keys_of(&prop(&event, "detail")),
        ["outcome"],
        "no answers in the event"
    );
    assert_eq!(raw_count("outbox").await, 0, "acknowledged, so forgotten");
    assert_eq!(
        raw_count("drafts").await,
        0,
        "the draft is gone after sending"
    );
    stop(&events);
    unmount(&host).await;
}

#[wasm_bindgen_test]
async fn an_unreachable_collector_queues_the_response_encrypted() {
    fresh_page().await;
    let events = record_events(&document().into(), "lokal-submitted");
    let host = mount(&[("collector", "http://127.0.0.1:9")]);
    answer_and_send(&host).await;
    wait_until(
        "lokal-submitted",
        || events.length() > 0,
        || shadow_text(&host),
    )
    .await;
    assert_eq!(outcomes(&events), ["queued"]);
    text_shown(&host, "Dine svar er gemt krypteret på denne enhed").await;
    let queued = raw_entries("outbox").await;
    assert_eq!(queued.len(), 1);
    assert_eq!(keys_of(&queued[0].1), ["data", "iv"]);
    stop(&events);
    unmount(&host).await;
    reset().await;
}

#[wasm_bindgen_test]
async fn a_refusing_collector_keeps_the_review_and_says_why() {
    fresh_page().await;
    let events = record_events(&document().into(), "lokal-submitted");
    let collector = format!("{}/no-such-collector", origin());
    let host = mount(&[("collector", collector.as_str())]);
    answer_and_send(&host).await;
    wait_until(
        "lokal-submitted",
        || events.length() > 0,
        || shadow_text(&host),
    )
    .await;
    assert_eq!(outcomes(&events), ["rejected"]);
    text_shown(&host, "spørgeskemaet er blevet ændret").await;
    assert_eq!(
        shadow_all::<HtmlElement>(&host, ".review [role=alert]").len(),
        1,
        "shown as an alert on the review"
    );
    stop(&events);
    unmount(&host).await;
    reset().await;
}
