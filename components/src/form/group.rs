//! A repeatable group: items of the same fields (a list of goals), added
//! and removed with buttons; focus follows so keyboard users stay oriented.

use super::ctx::{control_id, Ctx, Slot};
use super::fields::{field_view, parts};
use leptos::prelude::*;
use lokalform_forms::answers::{Answers, Value};
use lokalform_forms::schema::Field;
use lokalform_forms::validate::visibility;
use std::sync::Arc;

fn items_mut<'a>(answers: &'a mut Answers, id: &str) -> Option<&'a mut Vec<Answers>> {
    if !matches!(answers.get(id), Some(Value::Items(_))) {
        answers.set(id, Value::Items(Vec::new()));
    }
    match answers.get_mut(id) {
        Some(Value::Items(items)) => Some(items),
        _ => None,
    }
}

/// The view of a `group` field.
pub fn group(field: &Field, slot: Slot, ctx: Ctx) -> AnyView {
    let path = slot.path();
    let id = control_id(&path);
    let group_id = field.id.clone();
    let field = Arc::new(field.clone());
    let count = {
        let group_id = group_id.clone();
        Memo::new(move |_| {
            ctx.answers
                .with(|a| a.get(&group_id).map_or(0, |v| v.items().len()))
        })
    };
    let max = field
        .max
        .as_ref()
        .and_then(|m| m.count())
        .unwrap_or(lokalform_forms::schema::MAX_ITEMS);
    let focus_target = RwSignal::new(None::<String>);
    let add = {
        let (group_id, field) = (group_id.clone(), field.clone());
        move |_: leptos::ev::MouseEvent| {
            let n = count.get_untracked();
            ctx.answers.update(|a| {
                if let Some(items) = items_mut(a, &group_id) {
                    items.push(Answers::default());
                }
            });
            // Focus the new item's first control.
            let first = field.fields.iter().find(|f| f.kind.takes_answer());
            if let Some(first) = first {
                focus_target.set(Some(control_id(&format!("{group_id}.{n}.{}", first.id))));
            }
        }
    };
    let items = {
        let (group_id, field, id) = (group_id.clone(), field.clone(), id.clone());
        move || {
            (0..count.get())
                .map(|n| {
                    let (group_id, field) = (group_id.clone(), field.clone());
                    let inner = {
                        let (group_id, field) = (group_id.clone(), field.clone());
                        Memo::new(move |_| {
                            let form = ctx.form.get_value();
                            ctx.answers.with(|a| {
                                let empty = Answers::default();
                                let item = a.get(&group_id).and_then(|g| g.items().get(n)).unwrap_or(&empty);
                                ctx.shown.with(|shown| visibility(&field.fields, item, Some((&form.fields, a, shown))))
                            })
                        })
                    };
                    let members = field
                        .fields
                        .iter()
                        .enumerate()
                        .map(|(j, member)| {
                            let member = member.clone();
                            let slot = Slot::Member { group: group_id.clone(), item: n, id: member.id.clone() };
                            let visible = Memo::new(move |_| inner.with(|v| v.get(j) == Some(&true)));
                            move || visible.get().then(|| field_view(&member, slot.clone(), ctx))
                        })
                        .collect_view();
                    let heading = super::group_item_label(&field, n + 1, ctx);
                    let remove = {
                        let (group_id, add_id) = (group_id.clone(), format!("{id}-add"));
                        move |_| {
                            ctx.answers.update(|a| {
                                if let Some(items) = items_mut(a, &group_id) {
                                    if n < items.len() {
                                        items.remove(n);
                                    }
                                }
                            });
                            focus_target.set(Some(add_id.clone()));
                        }
                    };
                    view! {
                        <fieldset class="item">
                            <legend class="item-heading">{heading.clone()}</legend>
                            {members}
                            <button type="button" class="button button-secondary button-small" on:click=remove>
                                {format!("{} {}", ctx.words.remove, heading.to_lowercase())}
                            </button>
                        </fieldset>
                    }
                })
                .collect_view()
        }
    };
    // Focus moves after the DOM caught up with the change.
    Effect::new(move |_| {
        if let Some(target) = focus_target.get() {
            request_animation_frame(move || super::focus_in(ctx.root, &target));
        }
    });
    let add_text = field.add_label.as_ref().map_or_else(
        || {
            format!(
                "{} {}",
                ctx.words.add,
                super::group_item_label(&field, count.get_untracked() + 1, ctx).to_lowercase()
            )
        },
        |t| t.get(ctx.lang).to_string(),
    );
    let control = view! {
        <div class="items">{items}</div>
        <button type="button" class="button button-secondary" id=format!("{id}-add")
            disabled=move || { count.get() >= max }
            on:click=add>{add_text}</button>
    };
    view! {
        <fieldset class="field group" id=id.clone() tabindex="-1">
            <legend class="label">{super::fields::label_text(&field, ctx)}</legend>
            {parts(&field, &path, ctx, control.into_any())}
        </fieldset>
    }
    .into_any()
}
