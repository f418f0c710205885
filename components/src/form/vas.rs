//! The visual-analogue line: a mark anywhere from 0 to 100, set with the
//! mouse, a finger (pointer events) or the keyboard (arrows ±1, Page
//! Up/Down ±10, Home/End). Unlike a native range input it starts with no
//! mark, so nobody is nudged toward the middle.

use super::ctx::{control_id, Ctx, Slot};
use super::fields::{described_by, invalid, parts};
use leptos::ev;
use leptos::prelude::*;
use lokalform_forms::answers::Value;
use lokalform_forms::schema::Field;
use wasm_bindgen::JsCast;

/// The value 0–100 under the pointer on the track.
fn at_pointer(ev: &ev::PointerEvent) -> Option<u32> {
    let track = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
    let rect = track.get_bounding_client_rect();
    if rect.width() <= 0.0 {
        return None;
    }
    let x = (f64::from(ev.client_x()) - rect.left()) / rect.width();
    Some((x.clamp(0.0, 1.0) * 100.0).round() as u32)
}

/// The view of a `vas` field.
pub fn vas(field: &Field, slot: Slot, ctx: Ctx) -> AnyView {
    let path = slot.path();
    let id = control_id(&path);
    let value = {
        let slot = slot.clone();
        Memo::new(move |_| {
            ctx.text(&slot)
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|v| *v <= 100)
        })
    };
    let set = {
        let slot = slot.clone();
        move |v: u32| ctx.set(&slot, Value::Text(v.min(100).to_string()))
    };
    let dragging = RwSignal::new(false);
    let key = {
        let set = set.clone();
        move |ev: ev::KeyboardEvent| {
            let now = value.get_untracked();
            let base = now.unwrap_or(50) as i64;
            let next = match ev.key().as_str() {
                "ArrowRight" | "ArrowUp" => base + i64::from(now.is_some()),
                "ArrowLeft" | "ArrowDown" => base - i64::from(now.is_some()),
                "PageUp" => base + 10,
                "PageDown" => base - 10,
                "Home" => 0,
                "End" => 100,
                _ => return,
            };
            ev.prevent_default();
            set(next.clamp(0, 100) as u32);
        }
    };
    let down = {
        let set = set.clone();
        move |ev: ev::PointerEvent| {
            if let Some(v) = at_pointer(&ev) {
                set(v);
            }
            dragging.set(true);
            if let Some(t) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = t.set_pointer_capture(ev.pointer_id());
                if let Ok(el) = t.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    };
    let moved = move |ev: ev::PointerEvent| {
        if dragging.get_untracked() {
            if let Some(v) = at_pointer(&ev) {
                set(v);
            }
        }
    };
    let low = field
        .min_label
        .as_ref()
        .map(|t| t.get(ctx.lang).to_string())
        .unwrap_or_default();
    let high = field
        .max_label
        .as_ref()
        .map(|t| t.get(ctx.lang).to_string())
        .unwrap_or_default();
    let label_id = format!("{id}-label");
    let value_text = {
        let (low, high) = (low.clone(), high.clone());
        move || match value.get() {
            None => ctx.words.vas_none.to_string(),
            Some(v) => {
                let end = match v {
                    0 => format!(" ({low})"),
                    100 => format!(" ({high})"),
                    _ => String::new(),
                };
                format!("{}{end}", (ctx.words.vas_value)(v))
            }
        }
    };
    let control = view! {
        <p class="hint" id=format!("{id}-hint")>{ctx.words.vas_help}</p>
        <div class="vas">
            <div class="vas-ends" aria-hidden="true"><span>{low}</span><span>{high}</span></div>
            <div class="vas-track" id=id.clone() role="slider" tabindex="0"
                aria-labelledby=label_id.clone()
                aria-valuemin="0" aria-valuemax="100"
                aria-valuenow=move || value.get().map(|v| v.to_string())
                aria-valuetext=value_text.clone()
                aria-invalid=invalid(&path, ctx)
                aria-describedby=described_by(field, &path, &["hint"], ctx)
                on:keydown=key
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=move |_| dragging.set(false)
                on:pointercancel=move |_| dragging.set(false)>
                <div class="vas-line"></div>
                <div class="vas-mark" hidden=move || value.get().is_none()
                    style:left=move || format!("{}%", value.get().unwrap_or(0))></div>
            </div>
            <p class="vas-value" aria-hidden="true">{value_text}</p>
        </div>
    };
    view! {
        <div class="field">
            <p class="label" id=label_id>{super::fields::label_text(field, ctx)}</p>
            {parts(field, &path, ctx, control.into_any())}
        </div>
    }
    .into_any()
}
