//! The staff view: how the tablet is doing, never what anyone answered.
//!
//! Reached from the kiosk's untouched start screen by holding its heading
//! for [`HOLD_SECONDS`] (a finger, or the mouse button), or with
//! Ctrl+Shift+Enter ([`is_shortcut`]), then the staff PIN (chosen, typed
//! twice, the first time: [`crate::store::device`]). Nothing on the
//! citizens' screens points to it.
//!
//! It shows the responses waiting (a count), the last acknowledged send,
//! the network, whether the browser keeps the storage, the collector, the
//! version, the enrollment (the tablet's name, or a box for a code) and the
//! last refusal in words staff can act on; "Send nu" (when at least k
//! wait), "Afmeld tablet" (after a confirmation) and "Tilbage". It is a
//! screen of the kiosk's generation ([`super::Screen::Staff`]): the idle
//! rule closes it, and leaving it starts a new generation, so nothing of it
//! stays in the page.

use super::words::{kiosk_words, StaffWords};
use super::Config;
use crate::common::focus::{focus_id, Root};
use crate::common::html::{element, fixed_div};
use crate::common::passphrase::{Open, Opening, Prompt, PromptWords};
use crate::common::words::words;
use crate::store::device::{self, Enrolled, PinCheck, PinProblem, Refusal};
use crate::store::kiosk;
use leptos::ev;
use leptos::prelude::*;
use lokalform_forms::schema::Lang;
use std::sync::Arc;

/// Seconds the start screen's heading is held to open the staff view.
pub const HOLD_SECONDS: u64 = 3;

/// Whether a key press is the staff view's shortcut, Ctrl+Shift+Enter.
pub fn is_shortcut(ev: &ev::KeyboardEvent) -> bool {
    ev.ctrl_key() && ev.shift_key() && !ev.alt_key() && ev.key() == "Enter"
}

/// The PIN rule, in the prompt's form.
fn pin_rule(first: &str, again: &str, lang: Lang) -> Option<&'static str> {
    let w = &kiosk_words(lang).staff;
    device::pin_problem(first, again).map(|p| match p {
        PinProblem::Digits => w.pin_digits,
        PinProblem::Mismatch => w.pin_mismatch,
    })
}

/// What the view shows, read from the device.
#[derive(Debug, Clone, PartialEq, Default)]
struct Snapshot {
    waiting: u32,
    status: device::Status,
    label: Option<String>,
    persisted: bool,
    online: bool,
}

async fn snapshot() -> Snapshot {
    Snapshot {
        waiting: kiosk::waiting().await,
        status: device::status().await,
        label: device::enrollment().await.map(|e| e.label),
        persisted: device::persisted().await,
        online: web_sys::window().is_some_and(|w| w.navigator().on_line()),
    }
}

/// The status rows (a description list) and the last refusal, as markup.
fn rows(s: &Snapshot, w: &StaffWords, lang: Lang, collector: &str) -> String {
    let last_sent = if s.status.last_sent == 0 {
        w.never.to_string()
    } else {
        let at = js_sys::Date::new(&(f64::from(s.status.last_sent) * 1000.0).into());
        at.to_locale_string(lang.code(), &wasm_bindgen::JsValue::UNDEFINED)
            .into()
    };
    let waiting = s.waiting.to_string();
    let collector = if collector.trim().is_empty() {
        w.this_site
    } else {
        collector.trim()
    };
    let label = s.label.as_deref().unwrap_or(w.not_enrolled);
    let items: [(&str, &str); 7] = [
        (w.waiting, &waiting),
        (w.last_sent, &last_sent),
        (w.network, if s.online { w.online } else { w.offline }),
        (
            w.storage,
            if s.persisted {
                w.persisted
            } else {
                w.not_persisted
            },
        ),
        (w.collector, collector),
        (w.version, env!("CARGO_PKG_VERSION")),
        (w.enrollment, label),
    ];
    let mut out = String::from("<dl class=\"review-list\">");
    for (name, value) in items {
        out.push_str("<div class=\"review-row\">");
        element(&mut out, "dt", "", name);
        element(&mut out, "dd", "", value);
        out.push_str("</div>");
    }
    out.push_str("</dl>");
    let refusal = match s.status.refusal {
        Refusal::None => None,
        Refusal::NotEnrolled => Some(w.refused_not_enrolled),
        Refusal::Revoked => Some(w.refused_revoked),
        Refusal::DailyCeiling => Some(w.refused_ceiling),
        Refusal::Other => Some(w.refused_other),
    };
    if let Some(text) = refusal {
        out.push_str("<div class=\"notice notice-error\">");
        element(&mut out, "p", "notice-title", w.last_refusal);
        element(&mut out, "p", "", text);
        out.push_str("</div>");
    }
    out
}

/// The staff view; `root` is the kiosk's, where focus is moved.
pub(super) fn staff_view(lang: Lang, config: Config, root: Root) -> impl IntoView {
    let w = &kiosk_words(lang).staff;
    let back = kiosk_words(lang).back;
    let error_prefix = words(lang).error_prefix;
    // `None` while the PIN is asked for (or being looked up).
    let shown = RwSignal::new(None::<Snapshot>);
    let has_pin = RwSignal::new(None::<bool>);
    let refresh = move || {
        crate::common::task::spawn(async move {
            let now = snapshot().await;
            shown.try_set(Some(now));
        })
    };
    crate::common::task::spawn(async move {
        let found = device::has_pin().await.unwrap_or(false);
        has_pin.try_set(Some(found));
    });

    let prompt = move |existing: bool| {
        let open: Open = Arc::new(move |pin: String| {
            Box::pin(async move {
                let checked = if existing {
                    device::check_pin(&pin).await
                } else {
                    device::choose_pin(&pin).await.map(|()| PinCheck::Right)
                };
                match checked {
                    Ok(PinCheck::Right) => {
                        refresh();
                        request_animation_frame(move || focus_id(root, "kiosk-staff-title"));
                        Opening::Opened
                    }
                    Ok(PinCheck::Wrong) => Opening::Wrong,
                    Ok(PinCheck::Wait(seconds)) => Opening::Failed((w.pin_wait)(seconds)),
                    Err(_) => Opening::Failed(w.storage_failed.to_string()),
                }
            })
        });
        Prompt {
            id: "kiosk-pin",
            existing,
            rule: pin_rule,
            words: PromptWords {
                passphrase: w.pin,
                passphrase_again: w.pin_again,
                help: (!existing).then_some(w.pin_help),
                submit: if existing { w.open } else { w.save_pin },
                busy: w.busy,
                empty: w.pin_empty,
                lang,
                wrong: w.pin_wrong,
                error_prefix,
            },
            open,
        }
        .view(
            (!existing)
                .then(|| view! { <p>{w.choose_pin}</p> })
                .into_any(),
            view! { <button type="button" class="button button-secondary" on:click=move |_| config.start_over(true)>{back}</button> }
                .into_any(),
            ().into_any(),
        )
    };

    view! {
        <section class="kiosk-staff" aria-labelledby="kiosk-staff-title">
            <h3 class="title" id="kiosk-staff-title" tabindex="-1">{w.title}</h3>
            {move || match (shown.get(), has_pin.get()) {
                (Some(now), _) => open_view(now, lang, config, root, refresh).into_any(),
                (None, Some(existing)) => prompt(existing),
                (None, None) => ().into_any(),
            }}
        </section>
    }
}

/// The view once the PIN was right.
fn open_view(
    now: Snapshot,
    lang: Lang,
    config: Config,
    root: Root,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let w = &kiosk_words(lang).staff;
    let back = kiosk_words(lang).back;
    let error_prefix = words(lang).error_prefix;
    let collector = config.collector.get_untracked();
    let k = kiosk::smallest_batch(config.batch_size.get_untracked());
    let busy = RwSignal::new(false);
    let confirm = RwSignal::new(false);
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let enrolled = now.label.is_some();
    let can_send = now.waiting >= k;

    let send_now = move |_| {
        busy.set(true);
        crate::common::task::spawn(async move {
            kiosk::send_now(k).await;
            busy.try_set(false);
            refresh();
        });
    };
    let forget = move |_| {
        crate::common::task::spawn(async move {
            let _ = device::forget().await;
            refresh();
            request_animation_frame(move || focus_id(root, "kiosk-staff-title"));
        });
    };
    let enroll = {
        let collector = collector.clone();
        move |ev: ev::SubmitEvent| {
            ev.prevent_default();
            let typed = code.get_untracked();
            if typed.trim().is_empty() {
                problem.set(Some(w.code_empty.to_string()));
                focus_id(root, "kiosk-code");
                return;
            }
            busy.set(true);
            let collector = collector.clone();
            crate::common::task::spawn(async move {
                let said = match device::enroll(&collector, &typed).await {
                    Enrolled::Yes(_) => {
                        kiosk::retry_now();
                        None
                    }
                    Enrolled::UnknownCode => Some(w.code_unknown.to_string()),
                    Enrolled::Unreachable => Some(w.unreachable.to_string()),
                    Enrolled::Failed(status) => Some((w.enroll_failed)(status)),
                };
                busy.try_set(false);
                let failed = said.is_some();
                problem.try_set(said);
                if failed {
                    request_animation_frame(move || focus_id(root, "kiosk-code"));
                } else {
                    refresh();
                    request_animation_frame(move || focus_id(root, "kiosk-staff-title"));
                }
            });
        }
    };
    view! {
        {fixed_div(rows(&now, w, lang, &collector))}
        {(!enrolled).then(|| view! {
            <form class="kiosk-enroll" novalidate on:submit=enroll>
                <label class="label" for="kiosk-code">{w.code}</label>
                <p class="help" id="kiosk-code-help">{w.code_help}</p>
                {move || problem.get().map(|p| view! {
                    <p class="field-error" role="alert" id="kiosk-code-error"><span class="sr-only">{error_prefix}</span>{p}</p>
                })}
                <input id="kiosk-code" class="input" autocomplete="off" autocapitalize="characters" spellcheck="false"
                    aria-describedby=move || if problem.with(Option::is_some) { "kiosk-code-help kiosk-code-error" } else { "kiosk-code-help" }
                    aria-invalid=move || problem.with(Option::is_some).then_some("true")
                    prop:value=move || code.get()
                    on:input=move |ev| code.set(event_target_value(&ev)) />
                <button type="submit" class="button" disabled=move || busy.get()>{w.enroll}</button>
            </form>
        })}
        <div class="actions">
            <button type="button" class="button" aria-describedby="kiosk-send-help"
                disabled=move || busy.get() || !can_send on:click=send_now>{w.send_now}</button>
            {enrolled.then(|| view! {
                <button type="button" class="button button-secondary" on:click=move |_| confirm.set(true)>{w.forget}</button>
            })}
            <button type="button" class="button button-secondary" on:click=move |_| config.start_over(true)>{back}</button>
        </div>
        <p class="help" id="kiosk-send-help">{(w.send_now_help)(k)}</p>
        {move || confirm.get().then(|| view! {
            <div class="notice notice-error" role="alert">
                <p>{w.forget_confirm}</p>
                <button type="button" class="button" on:click=forget>{w.forget_yes}</button>
                <button type="button" class="button button-secondary" on:click=move |_| confirm.set(false)>{w.forget_no}</button>
            </div>
        })}
    }
}
