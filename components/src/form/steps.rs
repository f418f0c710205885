//! The step on screen: the step indicator, its heading and intro, the
//! notice that a draft was brought back, the DKFDS error summary, the
//! fields, and "Næste" / "Tilbage" / "Lås kladden".

use super::ctx::{control_id, Ctx, Slot};
use super::session::Session;
use super::{fields, focus_in, group_item_label};
use leptos::ev;
use leptos::prelude::*;
use lokalform_forms::schema;
use lokalform_forms::validate::Severity;

/// The step on screen: indicator, heading, error summary, fields, buttons.
pub(super) fn step_view(ctx: Ctx, session: Session) -> impl IntoView {
    let words = ctx.words;
    let lang = ctx.lang;
    let (restored, confirm_delete) = (session.restored, session.confirm_delete);
    // An app that holds the passphrase locks the whole app.
    let can_lock = session.can_lock();
    move || {
        let s = session.step.get();
        let form = ctx.form.get_value();
        let total = form.steps.len();
        let indicator = (total > 1).then(|| {
            let items = form
                .steps
                .iter()
                .enumerate()
                .map(|(i, st)| {
                    let name = st
                        .title
                        .as_ref()
                        .map(|t| t.get(lang).to_string())
                        .unwrap_or_default();
                    let state = if i < s {
                        "done"
                    } else if i == s {
                        "current"
                    } else {
                        "todo"
                    };
                    view! { <li class=state aria-current=(i == s).then_some("step")>{name}</li> }
                })
                .collect_view();
            view! { <ol class="steps" aria-label=words.steps_label>{items}</ol> }
        });
        let st = form.steps.get(s).cloned();
        let heading = st
            .as_ref()
            .and_then(|st| st.title.as_ref())
            .map(|t| t.get(lang).to_string());
        let counter = (total > 1).then(|| (words.step_of)(s + 1, total));
        let step_intro = st
            .as_ref()
            .and_then(|st| st.intro.as_ref())
            .map(|t| view! { <p class="intro">{t.get(lang).to_string()}</p> });
        let fields = form
            .step_fields(s)
            .iter()
            .enumerate()
            .map(|(j, field)| {
                let index = st.as_ref().map_or(0, |st| st.start) + j;
                let field = field.clone();
                let visible = Memo::new(move |_| ctx.shown.with(|v| v.get(index) == Some(&true)));
                move || {
                    visible
                        .get()
                        .then(|| fields::field_view(&field, Slot::Top(field.id.clone()), ctx))
                }
            })
            .collect_view();
        let restored_notice = move || {
            restored.get().then(|| view! {
                <div class="notice" role="status">
                    <p>{words.draft_found}</p>
                    {move || if confirm_delete.get() {
                        view! {
                            <p>{words.confirm_delete}</p>
                            <button type="button" class="button" on:click=move |_| session.start_over()>{words.yes_delete}</button>
                            <button type="button" class="button button-secondary" on:click=move |_| confirm_delete.set(false)>{words.no_keep}</button>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class="button button-secondary" on:click=move |_| confirm_delete.set(true)>{words.delete_draft}</button>
                        }.into_any()
                    }}
                </div>
            })
        };
        // A one-page form without a step title has no step heading here (an
        // empty heading says nothing to a screen reader): the form's title
        // takes its id (see `session`).
        let step_heading = (counter.is_some() || heading.is_some()).then(|| {
            view! {
                <h3 class="step-title" id="lf-step-heading" tabindex="-1">
                    {counter.map(|c| view! { <span class="step-count">{c}</span> })}
                    {heading}
                </h3>
            }
        });
        view! {
            {indicator}
            {step_heading}
            {step_intro}
            {restored_notice}
            {error_summary(ctx)}
            <form novalidate on:submit=move |ev: ev::SubmitEvent| { ev.prevent_default(); session.next() }>
                {fields}
                <div class="actions">
                    <button type="submit" class="button">{words.next}</button>
                    {(s > 0).then(|| view! {
                        <button type="button" class="button button-secondary" on:click=move |_| session.go_to_step(s - 1, None)>{words.back}</button>
                    })}
                    {can_lock.then(|| view! {
                        <button type="button" class="button button-secondary" on:click=move |_| session.lock()>{words.lock}</button>
                    })}
                </div>
            </form>
        }
    }
}

/// The label of the field at a validation path, for the error summary:
/// `Navn`, or `Mål 2: Hvad vil du opnå?` inside a group.
pub(super) fn path_label(form: &schema::Form, path: &str, ctx: Ctx) -> String {
    let mut parts = path.split('.');
    let top = parts.next().unwrap_or_default();
    let Some(field) = form.field(top) else {
        return path.to_string();
    };
    match (
        parts.next().and_then(|n| n.parse::<usize>().ok()),
        parts.next(),
    ) {
        (Some(n), Some(member)) => {
            let label = field
                .member(member)
                .map_or(member, |m| m.label.get(ctx.lang));
            format!("{}: {label}", group_item_label(field, n + 1, ctx))
        }
        _ => field.label.get(ctx.lang).to_string(),
    }
}

/// The DKFDS error summary: after a failed "Næste", a link per problem
/// that moves focus to the field.
pub(super) fn error_summary(ctx: Ctx) -> impl IntoView {
    move || {
        if !ctx.attempted.get() {
            return None;
        }
        let form = ctx.form.get_value();
        let lines: Vec<_> = ctx.issues.with(|all| {
            all.iter()
                .filter(|i| i.severity == Severity::Error)
                .map(|i| {
                    (
                        control_id(&i.path),
                        path_label(&form, &i.path, ctx),
                        i.message.text(ctx.lang),
                    )
                })
                .collect()
        });
        if lines.is_empty() {
            return None;
        }
        let items = lines
            .into_iter()
            .map(|(target, label, message)| {
                let href = format!("#{target}");
                view! {
                    <li><a href=href on:click=move |ev: ev::MouseEvent| {
                        ev.prevent_default();
                        focus_in(ctx.root, &target);
                    }>{format!("{label}: {message}")}</a></li>
                }
            })
            .collect_view();
        Some(view! {
            <div class="error-summary" id="lf-error-summary" tabindex="-1" role="alert" aria-labelledby="lf-error-summary-title">
                <h3 class="error-summary-title" id="lf-error-summary-title">{ctx.common.error_summary}</h3>
                <ul>{items}</ul>
            </div>
        })
    }
}
