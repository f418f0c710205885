//! A signature: drawn with a finger, pen or mouse on a pad (pointer
//! events), or typed as the full name — the way for keyboard and
//! screen-reader users, and the printed name under a drawing. The drawing
//! is SVG path data in a 300 × 100 box: small, printable, and shown again
//! on the review page and the print-out.

use super::ctx::{control_id, Ctx, Slot};
use super::fields::{described_by, invalid, parts};
use leptos::ev;
use leptos::prelude::*;
use lokalform_forms::answers::{Signature, Value};
use lokalform_forms::schema::Field;
use wasm_bindgen::JsCast;

/// The pad's coordinates of the pointer: the box is 300 × 100.
fn point(ev: &ev::PointerEvent) -> Option<(u32, u32)> {
    let pad = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
    let r = pad.get_bounding_client_rect();
    if r.width() <= 0.0 || r.height() <= 0.0 {
        return None;
    }
    let x = ((f64::from(ev.client_x()) - r.left()) / r.width() * 300.0).clamp(0.0, 300.0);
    let y = ((f64::from(ev.client_y()) - r.top()) / r.height() * 100.0).clamp(0.0, 100.0);
    Some((x.round() as u32, y.round() as u32))
}

/// The view of a `signature` field.
pub fn signature(field: &Field, slot: Slot, ctx: Ctx) -> AnyView {
    let path = slot.path();
    let id = control_id(&path);
    let current = {
        let slot = slot.clone();
        Memo::new(move |_| match ctx.value(&slot) {
            Some(Value::Signature(s)) => s,
            _ => Signature::default(),
        })
    };
    let store = {
        let slot = slot.clone();
        move |s: Signature| ctx.set(&slot, Value::Signature(s))
    };
    let drawing = RwSignal::new(false);
    let down = {
        let store = store.clone();
        move |ev: ev::PointerEvent| {
            let Some((x, y)) = point(&ev) else { return };
            ev.prevent_default();
            drawing.set(true);
            if let Some(t) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = t.set_pointer_capture(ev.pointer_id());
            }
            let mut s = current.get_untracked();
            if !s.drawing.is_empty() {
                s.drawing.push(' ');
            }
            s.drawing.push_str(&format!("M{x} {y}"));
            store(s);
        }
    };
    let moved = {
        let store = store.clone();
        move |ev: ev::PointerEvent| {
            if !drawing.get_untracked() {
                return;
            }
            let Some((x, y)) = point(&ev) else { return };
            let mut s = current.get_untracked();
            // A signature rarely needs more than a few thousand points.
            if s.drawing.len() < 60_000 {
                s.drawing.push_str(&format!("L{x} {y}"));
                store(s);
            }
        }
    };
    let clear = {
        let store = store.clone();
        move |_| {
            let mut s = current.get_untracked();
            s.drawing.clear();
            store(s);
        }
    };
    let typed = move |ev: ev::Event| {
        let mut s = current.get_untracked();
        s.name = event_target_value(&ev);
        store(s);
    };
    let name_id = format!("{id}-name");
    let label = super::fields::label_text(field, ctx);
    // One attribute from a variable: an all-static SVG element would be
    // made from markup (`innerHTML`), which a page that requires Trusted
    // Types refuses.
    let line_end = "290";
    let control = view! {
        <div class="signature">
            <svg class="sign-pad" viewBox="0 0 300 100" role="img" aria-label=ctx.words.sign_pad
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=move |_| drawing.set(false)
                on:pointercancel=move |_| drawing.set(false)>
                <line class="sign-line" x1="10" y1="85" x2=line_end y2="85"></line>
                <path class="sign-ink" d=move || current.with(|s| s.drawing.clone())></path>
            </svg>
            <p class="sr-only" aria-live="polite">{move || current.with(|s| (!s.drawing.is_empty()).then_some(ctx.words.signed_drawn))}</p>
            <button type="button" class="button button-secondary button-small"
                disabled=move || current.with(|s| s.drawing.is_empty())
                on:click=clear>{ctx.words.sign_clear}</button>
            <label class="sub-label" for=id.clone()>{ctx.words.sign_name}</label>
            <input id=id.clone() class="input" type="text" autocomplete="name"
                prop:value=move || current.with(|s| s.name.clone())
                on:input=typed
                aria-invalid=invalid(&path, ctx)
                aria-describedby=described_by(field, &path, &[], ctx) />
        </div>
    };
    view! {
        <fieldset class="field" id=name_id>
            <legend class="label">{label}</legend>
            {parts(field, &path, ctx, control.into_any())}
        </fieldset>
    }
    .into_any()
}
