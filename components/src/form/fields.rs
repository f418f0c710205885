//! One view per field type, inside one frame with DKFDS error handling:
//! label (or legend), help, the error above the control with a hidden
//! "Fejl:", `aria-invalid` and `aria-describedby`; a warning below.

use super::ctx::{control_id, Ctx, Slot};
use leptos::prelude::*;
use lokalform_forms::answers::Value;
use lokalform_forms::schema::{Field, FieldKind};

/// The view of `field` at `slot`.
pub fn field_view(field: &Field, slot: Slot, ctx: Ctx) -> AnyView {
    match field.kind {
        FieldKind::Heading => {
            view! { <h4 class="block-heading">{field.label.get(ctx.lang).to_string()}</h4> }
                .into_any()
        }
        FieldKind::Info => {
            let help = field
                .help
                .as_ref()
                .map(|h| view! { <p class="help">{h.get(ctx.lang).to_string()}</p> });
            view! { <div class="info"><p>{field.label.get(ctx.lang).to_string()}</p>{help}</div> }
                .into_any()
        }
        FieldKind::Smiley
        | FieldKind::Choice
        | FieldKind::Likert
        | FieldKind::MultiChoice
        | FieldKind::Scale => super::choices::choices(field, slot, ctx),
        FieldKind::Consent => super::choices::consent(field, slot, ctx),
        FieldKind::Vas => super::vas::vas(field, slot, ctx),
        FieldKind::Signature => super::signature::signature(field, slot, ctx),
        FieldKind::Group => super::group::group(field, slot, ctx),
        _ => super::inputs::input(field, slot, ctx),
    }
}

/// The label text with its mark: "(skal besvares)" on required fields
/// where those are fewer in the form, else "(valgfrit)" on optional ones
/// (DKFDS: mark the minority; the same rule as the feedback box,
/// [`lokalform_forms::schema::Form::marks_required`]).
pub fn label_text(field: &Field, ctx: Ctx) -> String {
    let label = field.label.get(ctx.lang);
    if !field.kind.takes_answer() {
        return label.to_string();
    }
    match (field.required, ctx.form.with_value(|f| f.marks_required())) {
        (true, true) => format!("{label} {}", ctx.common.required),
        (false, false) => format!("{label} {}", ctx.common.optional),
        _ => label.to_string(),
    }
}

/// The ids that describe the control at `path`: help, extra hints, the
/// error (while shown), the warning (while there is one).
pub fn described_by(
    field: &Field,
    path: &str,
    extra: &'static [&'static str],
    ctx: Ctx,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
    let id = control_id(path);
    let has_help = field.help.is_some();
    let has_crisis_line = field.crisis_line.is_some();
    let path = path.to_string();
    move || {
        let mut ids: Vec<String> = Vec::new();
        if has_help {
            ids.push(format!("{id}-help"));
        }
        if has_crisis_line {
            ids.push(format!("{id}-crisis"));
        }
        for e in extra {
            ids.push(format!("{id}-{e}"));
        }
        if ctx.error(&path).is_some() {
            ids.push(format!("{id}-error"));
        }
        if ctx.warning(&path).is_some() {
            ids.push(format!("{id}-warning"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// `aria-invalid` for the control at `path`.
pub fn invalid(
    path: &str,
    ctx: Ctx,
) -> impl Fn() -> Option<&'static str> + Send + Sync + Clone + 'static {
    let path = path.to_string();
    move || ctx.error(&path).map(|_| "true")
}

/// The help text (and a comment's crisis line), the error line above the
/// control, the control, and the warning line below it.
pub fn parts(field: &Field, path: &str, ctx: Ctx, control: AnyView) -> impl IntoView {
    let id = control_id(path);
    let help = field.help.as_ref().map(
        |h| view! { <p class="help" id=format!("{id}-help")>{h.get(ctx.lang).to_string()}</p> },
    );
    let crisis_line = field.crisis_line.as_ref().map(
        |c| view! { <p class="help crisis-line" id=format!("{id}-crisis")>{c.get(ctx.lang).to_string()}</p> },
    );
    let (error_path, warning_path) = (path.to_string(), path.to_string());
    let (error_id, warning_id) = (format!("{id}-error"), format!("{id}-warning"));
    view! {
        {help}
        {crisis_line}
        {move || ctx.error(&error_path).map(|m| view! {
            <p class="field-error" id=error_id.clone()>
                <span class="sr-only">{ctx.common.error_prefix}</span>{m}
            </p>
        })}
        {control}
        {move || ctx.warning(&warning_path).map(|m| view! {
            <p class="field-warning" id=warning_id.clone()>
                <span class="sr-only">{ctx.words.warning_prefix}</span>{m}
            </p>
        })}
    }
}

/// A field with one control, labelled by `<label for>`.
pub fn labelled(field: &Field, path: &str, ctx: Ctx, control: AnyView) -> AnyView {
    let id = control_id(path);
    view! {
        <div class="field">
            <label class="label" for=id>{label_text(field, ctx)}</label>
            {parts(field, path, ctx, control)}
        </div>
    }
    .into_any()
}

/// A field with several controls, in a fieldset with a legend.
/// The first control carries the field's id (`lf-<path>`): the error
/// summary's link moves focus there.
pub fn grouped(field: &Field, path: &str, ctx: Ctx, controls: AnyView) -> AnyView {
    view! {
        <fieldset class="field" aria-describedby=described_by(field, path, &[], ctx)>
            <legend class="label">{label_text(field, ctx)}</legend>
            {parts(field, path, ctx, controls)}
        </fieldset>
    }
    .into_any()
}

/// The text answer at `slot`, and a setter.
pub fn text_binding(
    slot: Slot,
    ctx: Ctx,
) -> (
    impl Fn() -> String + Clone + 'static,
    impl Fn(String) + Clone + 'static,
) {
    let read = {
        let slot = slot.clone();
        move || ctx.text(&slot)
    };
    let write = move |text: String| ctx.set(&slot, Value::Text(text));
    (read, write)
}
