//! "Tjek dine svar": every shown answer, step by step, with a link to
//! change it; without the links, the same list is the saved copy that is
//! printed and handed over.

use super::ctx::{control_id, Ctx};
use leptos::prelude::*;
use lokalform_forms::answers::{Answers, Value};
use lokalform_forms::schema::{Field, FieldKind, Form, Lang};
use lokalform_forms::validate::{result, visibility};

/// An answer as text for reading back.
pub fn answer_text(field: &Field, value: Option<&Value>, lang: Lang, ctx: Ctx) -> String {
    let Some(value) = value.filter(|v| v.is_answered()) else {
        return ctx.words.not_answered.to_string();
    };
    let option = |v: &str| {
        field
            .option(v)
            .map_or_else(|| v.to_string(), |o| o.label.get(lang).to_string())
    };
    match (field.kind, value) {
        // In the options' order, not the order they were ticked.
        (FieldKind::MultiChoice, Value::List(picks)) => field
            .options
            .iter()
            .filter(|o| picks.contains(&o.value))
            .map(|o| o.label.get(lang))
            .collect::<Vec<_>>()
            .join(", "),
        (FieldKind::Cpr, Value::Text(t)) => lokalform_forms::cpr::parse(t)
            .map(|c| c.masked())
            .unwrap_or_else(|_| t.clone()),
        (FieldKind::Date, Value::Text(t)) => lokalform_text::date::Date::parse_danish(t)
            .map(|d| d.danish())
            .unwrap_or_else(|_| t.clone()),
        (FieldKind::Vas, Value::Text(t)) => format!("{t} {}", ctx.words.of_100),
        // The consent text's version is kept with the answer, not shown.
        (FieldKind::Consent, Value::Text(_)) => ctx.words.consent_given.to_string(),
        (FieldKind::Signature, Value::Signature(s)) => {
            let mut parts = Vec::new();
            if !s.name.trim().is_empty() {
                parts.push(s.name.trim().to_string());
            }
            if !s.drawing.is_empty() {
                parts.push(ctx.words.signed_drawn.to_string());
            }
            parts.join(" ")
        }
        (_, Value::Text(t)) if field.kind.has_options() => option(t),
        (_, Value::Text(t)) => t.clone(),
        _ => String::new(),
    }
}

/// One row: the question, the answer, and (when `change` is given) a
/// button that goes back to it.
fn row(
    label: String,
    field: &Field,
    value: Option<&Value>,
    ctx: Ctx,
    change: Option<(usize, String)>,
    go_change: Callback<(usize, String)>,
) -> AnyView {
    let text = answer_text(field, value, ctx.lang, ctx);
    let drawing = match value {
        Some(Value::Signature(s)) if !s.drawing.is_empty() => Some(s.drawing.clone()),
        _ => None,
    };
    let drawn = drawing.map(|d| {
        view! {
            <svg class="sign-print" viewBox="0 0 300 100" aria-hidden="true">
                <line class="sign-line" x1="10" y1="85" x2="290" y2="85"></line>
                <path class="sign-ink" d=d></path>
            </svg>
        }
    });
    let button = change.map(|target| {
        // "Ret: Navn" for a screen reader; the visible "Ret" starts it
        // (WCAG 2.5.3, label in name).
        let name = format!("{}: {label}", ctx.words.change);
        view! {
            <dd class="review-change">
                <button type="button" class="link-button" aria-label=name on:click=move |_| go_change.run(target.clone())>
                    {ctx.words.change}
                </button>
            </dd>
        }
    });
    view! {
        <div class="review-row">
            <dt>{label}</dt>
            <dd class="review-answer">{text}{drawn}</dd>
            {button}
        </div>
    }
    .into_any()
}

/// Every shown answer, step by step. With `editable`, each row has a
/// "Ret" button calling `go_change` with the step and the control's id.
pub fn answers_list(
    form: &Form,
    answers: &Answers,
    ctx: Ctx,
    editable: bool,
    go_change: Callback<(usize, String)>,
) -> AnyView {
    let lang = ctx.lang;
    let shown = visibility(&form.fields, answers, None);
    let kept = result(form, answers);
    let steps = (0..form.steps.len())
        .map(|s| {
            let step = &form.steps[s];
            let title = step
                .title
                .as_ref()
                .map(|t| view! { <h3 class="review-step">{t.get(lang).to_string()}</h3> });
            let mut rows = Vec::new();
            for i in step.start..step.end {
                let field = &form.fields[i];
                if !field.kind.takes_answer() || shown.get(i) != Some(&true) {
                    continue;
                }
                let label = field.label.get(lang).to_string();
                if field.kind == FieldKind::Group {
                    let items = kept.get(&field.id).map(Value::items).unwrap_or(&[]);
                    if items.is_empty() {
                        let target = editable.then(|| (s, control_id(&field.id)));
                        rows.push(row(label, field, None, ctx, target, go_change));
                    }
                    for (n, item) in items.iter().enumerate() {
                        let heading = super::group_item_label(field, n + 1, ctx);
                        for member in field.fields.iter().filter(|m| m.kind.takes_answer()) {
                            let Some(value) = item.get(&member.id) else { continue };
                            let path = format!("{}.{n}.{}", field.id, member.id);
                            let target = editable.then(|| (s, control_id(&path)));
                            let label = format!("{heading}: {}", member.label.get(lang));
                            rows.push(row(label, member, Some(value), ctx, target, go_change));
                        }
                    }
                    continue;
                }
                let target = editable.then(|| (s, control_id(&field.id)));
                rows.push(row(label, field, kept.get(&field.id), ctx, target, go_change));
            }
            view! { <section class="review-section">{title}<dl class="review-list">{rows}</dl></section> }
        })
        .collect_view();
    view! { <div class="review">{steps}</div> }.into_any()
}
