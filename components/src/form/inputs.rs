//! Typed answers: text, textarea, comment, number, date, CPR, e-mail and
//! phone. What is typed is kept exactly as typed; checks only report.

use super::ctx::{control_id, Ctx, Slot};
use super::fields::{described_by, invalid, labelled, text_binding};
use leptos::prelude::*;
use lokalform_forms::schema::{Field, FieldKind};

/// The view of a field answered by typing.
pub fn input(field: &Field, slot: Slot, ctx: Ctx) -> AnyView {
    let path = slot.path();
    let id = control_id(&path);
    let (read, write) = text_binding(slot, ctx);
    let invalid = invalid(&path, ctx);
    let kind = field.kind;
    if matches!(kind, FieldKind::Textarea | FieldKind::Comment) {
        let limit = field.comment_limit();
        let count = {
            let read = read.clone();
            move || {
                let used = read().chars().count();
                if used > limit {
                    (ctx.words.chars_over)(used - limit)
                } else {
                    (ctx.common.chars_left)(limit - used)
                }
            }
        };
        let control = view! {
            <textarea id=id.clone() class="textarea" rows="5"
                prop:value=read
                on:input=move |ev| write(event_target_value(&ev))
                aria-invalid=invalid
                aria-describedby=described_by(field, &path, &["count"], ctx)
            ></textarea>
            <p class="counter" id=format!("{id}-count")>{count}</p>
        };
        return labelled(field, &path, ctx, control.into_any());
    }
    let hint: Option<&'static str> = match kind {
        FieldKind::Date => Some(ctx.words.date_hint),
        FieldKind::Cpr => Some(ctx.words.cpr_hint),
        _ => None,
    };
    let (input_type, mode, autocomplete) = match kind {
        FieldKind::Email => ("email", None, Some("email")),
        FieldKind::Phone => ("tel", None, Some("tel")),
        FieldKind::Number => ("text", Some("decimal"), None),
        FieldKind::Date => ("text", None, None),
        FieldKind::Cpr => ("text", Some("numeric"), Some("off")),
        _ => ("text", None, None),
    };
    let autocomplete = field
        .autocomplete
        .clone()
        .or(autocomplete.map(String::from));
    let width = match kind {
        FieldKind::Number | FieldKind::Date | FieldKind::Cpr => "input input-short",
        _ => "input",
    };
    let max_length = (kind == FieldKind::Text).then(|| field.comment_limit().to_string());
    // A CPR number is shown masked (DDMMYY-XXXX) while the box is not in
    // use, so it cannot be read over a shoulder; the answer is unchanged.
    let focused = RwSignal::new(false);
    let masked = {
        let read = read.clone();
        move || {
            if kind != FieldKind::Cpr || focused.get() {
                return None;
            }
            lokalform_forms::cpr::parse(&read())
                .ok()
                .map(|c| c.masked())
        }
    };
    let shown = {
        let (read, masked) = (read.clone(), masked.clone());
        move || masked().unwrap_or_else(&read)
    };
    let mut extra: &'static [&'static str] = if hint.is_some() { &["hint"] } else { &[] };
    if kind == FieldKind::Cpr {
        extra = &["hint", "masked"];
    }
    if field.unit.is_some() {
        extra = &["unit"];
    }
    let unit = field
        .unit
        .as_ref()
        .map(|u| view! { <span class="unit" id=format!("{id}-unit")>{u.get(ctx.lang).to_string()}</span> });
    let masked_note = (kind == FieldKind::Cpr).then(|| {
        let masked = masked.clone();
        view! {
            <span class="sr-only" id=format!("{id}-masked")>{move || masked().map(|_| ctx.words.masked)}</span>
        }
    });
    let control = view! {
        {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
        <div class="input-row">
            <input id=id.clone() class=width type=input_type
                inputmode=mode
                autocomplete=autocomplete
                maxlength=max_length
                spellcheck=(kind != FieldKind::Text && kind != FieldKind::Textarea).then_some("false")
                prop:value=shown
                on:focus=move |_| focused.set(true)
                on:blur=move |_| focused.set(false)
                on:input=move |ev| write(event_target_value(&ev))
                aria-invalid=invalid
                aria-describedby=described_by(field, &path, extra, ctx)
            />
            {unit}
        </div>
        {masked_note}
    };
    labelled(field, &path, ctx, control.into_any())
}
