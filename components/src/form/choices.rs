//! Answers picked from options: one choice (radio buttons or a drop-down
//! list), several choices, Likert, smiley faces, the 0–10 scale; and
//! consent.

use super::ctx::{control_id, Ctx, Slot};
use super::fields::{described_by, grouped, invalid, label_text, labelled, parts};
use crate::common::choice::{input_class, option_card};
use leptos::prelude::*;
use lokalform_forms::answers::Value;
use lokalform_forms::schema::{Field, FieldKind};

/// The options of a field: `(value, label)`; the scale's are 0–10.
fn options(field: &Field, ctx: Ctx) -> Vec<(String, String)> {
    if field.kind == FieldKind::Scale {
        return (0..=10).map(|n| (n.to_string(), n.to_string())).collect();
    }
    field
        .options
        .iter()
        .map(|o| (o.value.clone(), o.label.get(ctx.lang).to_string()))
        .collect()
}

/// Radio buttons, checkboxes, faces or a drop-down list.
pub fn choices(field: &Field, slot: Slot, ctx: Ctx) -> AnyView {
    let path = slot.path();
    let id = control_id(&path);
    if field.select {
        return select(field, slot, ctx);
    }
    let multi = field.kind == FieldKind::MultiChoice;
    let smiley = field.kind == FieldKind::Smiley;
    let invalid = invalid(&path, ctx);
    let items = options(field, ctx)
        .into_iter()
        .enumerate()
        .map(|(i, (value, text))| {
            let checked = {
                let (slot, value) = (slot.clone(), value.clone());
                move || {
                    ctx.answers
                        .with(|a| slot.get(a).is_some_and(|v| v.includes(&value)))
                }
            };
            let toggle = {
                let (slot, value) = (slot.clone(), value.clone());
                move |_| {
                    if multi {
                        let mut picks = match ctx.value(&slot) {
                            Some(Value::List(l)) => l,
                            _ => Vec::new(),
                        };
                        if let Some(at) = picks.iter().position(|p| *p == value) {
                            picks.remove(at);
                        } else {
                            picks.push(value.clone());
                        }
                        ctx.set(&slot, Value::List(picks));
                    } else {
                        ctx.set(&slot, Value::Text(value.clone()));
                    }
                }
            };
            // The first control carries the field's id: the error summary
            // moves focus there.
            let input_id = if i == 0 {
                id.clone()
            } else {
                format!("{id}-{i}")
            };
            let input = view! {
                <input type=if multi { "checkbox" } else { "radio" }
                    class=input_class(smiley)
                    name=id.clone() id=input_id value=value
                    prop:checked=checked on:change=toggle
                    aria-invalid=invalid.clone()
                />
            };
            option_card(smiley, i, input, text)
        })
        .collect_view();
    let layout = match field.kind {
        FieldKind::Smiley => "faces",
        FieldKind::Likert => "choices likert",
        FieldKind::Scale => "choices scale",
        _ => "choices",
    };
    let ends = (field.kind == FieldKind::Scale).then(|| {
        let low = field.min_label.as_ref().map(|t| t.get(ctx.lang).to_string()).unwrap_or_default();
        let high = field.max_label.as_ref().map(|t| t.get(ctx.lang).to_string()).unwrap_or_default();
        view! { <p class="scale-ends" aria-hidden="true"><span>{format!("0: {low}")}</span><span>{format!("10: {high}")}</span></p> }
    });
    let ends_text = match (&field.min_label, &field.max_label) {
        (Some(l), Some(h)) => Some(format!("0 = {}, 10 = {}", l.get(ctx.lang), h.get(ctx.lang))),
        _ => None,
    };
    let ends_sr = ends_text.map(|t| view! { <span class="sr-only">{t}</span> });
    grouped(
        field,
        &path,
        ctx,
        view! { {ends_sr}{ends}<div class=layout>{items}</div> }.into_any(),
    )
}

fn select(field: &Field, slot: Slot, ctx: Ctx) -> AnyView {
    let path = slot.path();
    let id = control_id(&path);
    let read = {
        let slot = slot.clone();
        move || ctx.text(&slot)
    };
    let opts = options(field, ctx)
        .into_iter()
        .map(|(value, text)| {
            let selected = {
                let (read, value) = (read.clone(), value.clone());
                move || read() == value
            };
            view! { <option value=value prop:selected=selected>{text}</option> }
        })
        .collect_view();
    let control = view! {
        <select id=id class="select"
            on:change=move |ev| ctx.set(&slot, Value::Text(event_target_value(&ev)))
            aria-invalid=invalid(&path, ctx)
            aria-describedby=described_by(field, &path, &[], ctx)>
            <option value="" prop:selected=move || read().is_empty()>{ctx.words.choose}</option>
            {opts}
        </select>
    };
    labelled(field, &path, ctx, control.into_any())
}

/// A checkbox agreeing to the label's statement; the answer is the
/// consent text's version, so a later change of the text shows.
pub fn consent(field: &Field, slot: Slot, ctx: Ctx) -> AnyView {
    let path = slot.path();
    let id = control_id(&path);
    let version = field.consent_version.clone().unwrap_or_default();
    let checked = {
        let slot = slot.clone();
        move || ctx.value(&slot).is_some_and(|v| v.is_answered())
    };
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        ctx.set(
            &slot,
            Value::Text(if on { version.clone() } else { String::new() }),
        );
    };
    let control = view! {
        <label class="choice consent">
            <input type="checkbox" class="radio" id=id.clone()
                prop:checked=checked on:change=toggle
                aria-invalid=invalid(&path, ctx)
                aria-describedby=described_by(field, &path, &[], ctx) />
            <span class="choice-text">{label_text(field, ctx)}</span>
        </label>
    };
    view! { <div class="field">{parts(field, &path, ctx, control.into_any())}</div> }.into_any()
}
