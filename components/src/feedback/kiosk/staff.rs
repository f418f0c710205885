//! The staff view: how the tablet is doing, never what anyone answered.
//!
//! Reached from the kiosk's untouched start screen by holding its heading
//! for [`HOLD_SECONDS`] (a finger, or the mouse button), or with
//! Ctrl+Shift+Enter ([`is_shortcut`]), then the staff PIN (chosen, typed
//! twice, the first time: [`crate::store::device`]). Nothing on the
//! citizens' screens points to it.
//!
//! It shows the responses waiting (a count), the last acknowledged send,
//! the network, whether the page starts without network and whether a new
//! version waits, whether the browser keeps the storage (the last three as
//! the page's `offline.js` published them: [`super::offline`], followed
//! while the view is open), the collector, the version, the enrollment (the
//! tablet's name, or a box for a code) and the last refusal in words staff
//! can act on; "Send nu" (when at least k wait), "Afmeld tablet" (after a
//! confirmation) and "Tilbage". It is a
//! screen of the kiosk's generation ([`super::Screen::Staff`]): the idle
//! rule closes it, and leaving it starts a new generation, so nothing of it
//! stays in the page.
//!
//! Focus: the PIN box once the prompt is drawn (whichever way the view was
//! opened), the view's heading once the PIN was right; leaving it, the new
//! start screen's heading ([`super::Config::start_over`]).

use super::offline::{self, Offline, Storage};
use super::words::{kiosk_words, StaffWords};
use super::Config;
use crate::common::focus::{find, focus_id, focus_selector, Root};
use crate::common::html::{action_of, element, escape_html, fixed_div, Button};
use crate::common::passphrase::{Open, Opening, Prompt, PromptWords};
use crate::common::words::words;
use crate::store::device::{self, Enrolled, PinCheck, PinProblem, Refusal};
use crate::store::kiosk;
use leptos::ev;
use leptos::prelude::*;
use lokalform_forms::schema::Lang;
use std::sync::Arc;
use wasm_bindgen::JsCast;

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
    online: bool,
}

async fn snapshot() -> Snapshot {
    Snapshot {
        waiting: kiosk::waiting().await,
        status: device::status().await,
        label: device::enrollment().await.map(|e| e.label),
        online: web_sys::window().is_some_and(|w| w.navigator().on_line()),
    }
}

/// The status rows (a description list) and the last refusal, as markup.
fn rows(
    s: &Snapshot,
    page: &offline::Status,
    w: &StaffWords,
    lang: Lang,
    collector: &str,
) -> String {
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
    let works_offline = match &page.offline {
        Offline::Ready(version) => [w.offline_ready, " (version ", version, ")"].concat(),
        Offline::Preparing => w.offline_preparing.to_string(),
        Offline::Unsupported => w.offline_unsupported.to_string(),
        Offline::Absent => w.offline_absent.to_string(),
    };
    let items: [(&str, &str); 9] = [
        (w.waiting, &waiting),
        (w.last_sent, &last_sent),
        (w.network, if s.online { w.online } else { w.offline }),
        (w.works_offline, &works_offline),
        (
            w.update,
            if page.update_waiting {
                w.update_waiting
            } else {
                w.update_none
            },
        ),
        (
            w.storage,
            match page.storage {
                Storage::Kept => w.persisted,
                Storage::NotKept => w.not_persisted,
                Storage::Unsupported => w.storage_unsupported,
                Storage::Unknown => w.storage_unknown,
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
        // Drawn by the next frame: the PIN is what is asked.
        request_animation_frame(move || focus_id(root, "kiosk-pin"));
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
                help: (!existing).then_some(w.choose_pin),
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
            ().into_any(),
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

/// The enrollment form as markup: the code box with its help, and the
/// problem of the last try (the box keeps what was typed).
fn enroll_html(w: &StaffWords, error_prefix: &str, problem: Option<&str>, typed: &str) -> String {
    let mut out = String::from(
        "<form class=\"kiosk-enroll\" novalidate><label class=\"label\" for=\"kiosk-code\">",
    );
    escape_html(w.code, &mut out);
    out.push_str("</label><p class=\"help\" id=\"kiosk-code-help\">");
    escape_html(w.code_help, &mut out);
    out.push_str("</p>");
    if let Some(problem) = problem {
        out.push_str("<p class=\"field-error\" role=\"alert\" id=\"kiosk-code-error\"><span class=\"sr-only\">");
        escape_html(error_prefix, &mut out);
        out.push_str("</span>");
        escape_html(problem, &mut out);
        out.push_str("</p>");
    }
    out.push_str("<input id=\"kiosk-code\" class=\"input\" autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" aria-describedby=\"kiosk-code-help");
    out.push_str(if problem.is_some() {
        " kiosk-code-error\" aria-invalid=\"true"
    } else {
        ""
    });
    out.push_str("\" value=\"");
    escape_html(typed, &mut out);
    out.push_str("\"><button type=\"submit\" class=\"button\">");
    escape_html(w.enroll, &mut out);
    out.push_str("</button></form>");
    out
}

/// The view once the PIN was right. Its controls are markup (a view-macro
/// element costs wasm), each block drawn again when what it shows changes;
/// one click and one submit handler act on them by their `data-do`, and
/// focus is moved where a control that was drawn again was.
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
    let problem = RwSignal::new(None::<String>);
    let typed = StoredValue::new(String::new());
    let enrolled = now.label.is_some();
    let can_send = now.waiting >= k;
    // What offline.js says, followed while the view is open.
    let page = RwSignal::new(offline::Status::now());
    let follow = window_event_listener_untyped(offline::EVENT, move |_| {
        page.try_set(offline::Status::now());
    });
    on_cleanup(move || follow.remove());
    let focus_title = move || request_animation_frame(move || focus_id(root, "kiosk-staff-title"));
    let focus_forget = move || {
        request_animation_frame(move || {
            focus_selector(root, "[data-do=forget]");
        })
    };

    let act = move |ev: ev::MouseEvent| match action_of(&ev).as_deref() {
        Some("send") => {
            busy.set(true);
            crate::common::task::spawn(async move {
                kiosk::send_now(k).await;
                busy.try_set(false);
                refresh();
                focus_title();
            });
        }
        Some("forget") => confirm.set(true),
        Some("forget-no") => {
            confirm.set(false);
            focus_forget();
        }
        Some("forget-yes") => {
            crate::common::task::spawn(async move {
                let _ = device::forget().await;
                refresh();
                focus_title();
            });
        }
        Some("back") => config.start_over(true),
        _ => {}
    };
    let enroll = {
        let collector = collector.clone();
        move |ev: ev::SubmitEvent| {
            ev.prevent_default();
            let code = find(root, "#kiosk-code")
                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|input| input.value())
                .unwrap_or_default();
            typed.set_value(code.clone());
            if code.trim().is_empty() {
                problem.set(Some(w.code_empty.to_string()));
                request_animation_frame(move || focus_id(root, "kiosk-code"));
                return;
            }
            // One try at a time: a one-time code is used up by the first.
            if let Some(button) = find(root, ".kiosk-enroll .button") {
                let _ = button.set_attribute("disabled", "");
            }
            let collector = collector.clone();
            crate::common::task::spawn(async move {
                let said = match device::enroll(&collector, &code).await {
                    Enrolled::Yes(_) => {
                        kiosk::retry_now();
                        None
                    }
                    Enrolled::UnknownCode => Some(w.code_unknown.to_string()),
                    Enrolled::Unreachable => Some(w.unreachable.to_string()),
                    Enrolled::Failed(status) => Some((w.enroll_failed)(status)),
                };
                if said.is_some() {
                    problem.try_set(said);
                    request_animation_frame(move || focus_id(root, "kiosk-code"));
                } else {
                    refresh();
                    focus_title();
                }
            });
        }
    };
    view! {
        <div on:click=act on:submit=enroll>
            {move || page.with(|page| fixed_div(rows(&now, page, w, lang, &collector)))}
            {(!enrolled).then_some(move || {
                problem.with(|p| fixed_div(enroll_html(w, error_prefix, p.as_deref(), &typed.get_value())))
            })}
            {move || {
                let mut out = String::from("<div class=\"actions\">");
                Button {
                    disabled: busy.get() || !can_send,
                    described_by: Some("kiosk-send-help"),
                    ..Button::new("send", w.send_now)
                }
                .write(&mut out);
                if enrolled {
                    Button { secondary: true, ..Button::new("forget", w.forget) }.write(&mut out);
                }
                Button { secondary: true, ..Button::new("back", back) }.write(&mut out);
                out.push_str("</div><p class=\"help\" id=\"kiosk-send-help\">");
                escape_html(&(w.send_now_help)(k), &mut out);
                out.push_str("</p>");
                fixed_div(out)
            }}
            {move || confirm.get().then(|| {
                let mut out = String::from("<div class=\"notice notice-error\" role=\"alert\">");
                element(&mut out, "p", "", w.forget_confirm);
                Button::new("forget-yes", w.forget_yes).write(&mut out);
                Button { secondary: true, ..Button::new("forget-no", w.forget_no) }.write(&mut out);
                out.push_str("</div>");
                fixed_div(out)
            })}
        </div>
    }
}
