//! One view per kind of question, with DKFDS error handling: the error
//! above the field with a hidden "Fejl:", `aria-invalid` and
//! `aria-describedby`. An optional question ends with "Vil helst ikke
//! svare" ([`DECLINED`]): a choice can be taken back, and nothing is sent
//! for it.

use super::answers::{choose, Answers, FieldError, DECLINED};
use crate::common::choice::{input_class, option_card};
use crate::common::words::Words;
use leptos::prelude::*;
use lokalform_forms::aggregate::Choices;
use lokalform_forms::schema::{Field, FieldKind, Form, Lang};
use std::sync::Arc;

/// Everything a question view needs.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub answers: Answers,
    pub errors: Memo<Vec<FieldError>>,
    pub lang: Lang,
    pub words: &'static Words,
    /// Whether the required questions are marked rather than the optional
    /// ones ([`lokalform_forms::schema::Form::marks_required`]).
    pub mark_required: bool,
}

impl Ctx {
    /// What the questions of `form` share, with `answers`' problems kept
    /// up to date (the web box and the kiosk alike). Inlined: each bundle
    /// has one caller, and a call cost the feedback bundle 0.1 kB.
    #[inline(always)]
    pub fn new(form: &Arc<Form>, answers: Answers, lang: Lang, words: &'static Words) -> Ctx {
        let errors = {
            let form = form.clone();
            Memo::new(move |_| {
                answers.choices.with(|c| {
                    answers
                        .comment
                        .with(|comment| super::answers::problems(&form, c, comment, lang, words))
                })
            })
        };
        Ctx {
            answers,
            errors,
            lang,
            words,
            mark_required: form.marks_required(),
        }
    }

    /// The message for `field`, once errors are shown.
    pub fn error_of(&self, field: &str) -> Option<String> {
        if !self.answers.show_errors.get() {
            return None;
        }
        self.errors.with(|all| {
            all.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }
}

/// The view of `field`.
pub fn question(field: &Field, ctx: Ctx) -> AnyView {
    // The feedback reader admits only smiley, choice and comment.
    if field.kind == FieldKind::Comment {
        comment(field, ctx)
    } else {
        options(field, ctx)
    }
}

/// The question with its mark: "(skal besvares)" on required questions
/// where those are fewer, else "(valgfrit)" on optional ones (DKFDS: mark
/// the minority).
fn label_text(field: &Field, ctx: Ctx) -> String {
    let label = field.label.get(ctx.lang);
    match (field.required, ctx.mark_required) {
        (true, true) => format!("{label} {}", ctx.words.required),
        (false, false) => format!("{label} {}", ctx.words.optional),
        _ => label.to_string(),
    }
}

/// The field's error above the field, with a hidden "Fejl:" for screen
/// readers; only in the page while there is an error (DKFDS).
fn error_line(id: String, ctx: Ctx, field_id: String) -> impl IntoView {
    move || {
        ctx.error_of(&field_id).map(|message| {
            view! {
                <p class="field-error" id=id.clone()>
                    <span class="sr-only">{ctx.words.error_prefix}</span>
                    {message}
                </p>
            }
        })
    }
}

fn described_by(help: bool, error: bool, id: &str, extra: Option<&str>) -> Option<String> {
    let mut ids = Vec::new();
    if help {
        ids.push(format!("{id}-help"));
    }
    if let Some(extra) = extra {
        ids.push(extra.to_string());
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn options(field: &Field, ctx: Ctx) -> AnyView {
    let id = field.id.clone();
    let smiley = field.kind == FieldKind::Smiley;
    let has_help = field.help.is_some();
    let invalid = {
        let id = id.clone();
        Memo::new(move |_| ctx.error_of(&id).is_some())
    };
    let describe = {
        let id = id.clone();
        move || described_by(has_help, invalid.get(), &format!("q-{id}"), None)
    };
    // The options, and "Vil helst ikke svare" after them on an optional
    // question: a choice of its own, never sent.
    let declined =
        (!field.required).then(|| (DECLINED.to_string(), ctx.words.declined.to_string()));
    let mut choices = field
        .options
        .iter()
        .map(|o| (o.value.clone(), o.label.get(ctx.lang).to_string()))
        .chain(declined)
        .enumerate()
        .map(|(i, (value, text))| {
            let checked = {
                let (id, value) = (id.clone(), value.clone());
                move || {
                    ctx.answers
                        .choices
                        .with(|c| c.chosen(&id) == Some(value.as_str()))
                }
            };
            let choose = {
                let (id, value) = (id.clone(), value.clone());
                move |_| ctx.answers.choices.update(|c| choose(c, &id, &value))
            };
            let face = smiley && i < field.options.len();
            let input = view! {
                <input
                    type="radio"
                    class=input_class(face)
                    name=format!("q-{id}")
                    id=format!("q-{id}-{i}")
                    value=value
                    prop:checked=checked
                    on:change=choose
                    aria-invalid=move || invalid.get().then_some("true")
                />
            };
            option_card(face, i, input, text)
        })
        .collect::<Vec<_>>();
    // On the smiley scale, "Vil helst ikke svare" is a plain choice below
    // the faces.
    let after = if smiley && !field.required {
        choices.pop()
    } else {
        None
    };
    view! {
        <fieldset class="field" aria-describedby=describe>
            <legend class="label">{label_text(field, ctx)}</legend>
            {field.help.as_ref().map(|h| view! { <p class="help" id=format!("q-{id}-help")>{h.get(ctx.lang).to_string()}</p> })}
            {error_line(format!("q-{id}-error"), ctx, id.clone())}
            <div class=if smiley { "faces" } else { "choices" }>{choices}</div>
            {after.map(|card| view! { <div class="choices">{card}</div> })}
        </fieldset>
    }
    .into_any()
}

fn comment(field: &Field, ctx: Ctx) -> AnyView {
    let id = field.id.clone();
    let limit = field.comment_limit();
    let has_help = field.help.is_some();
    let invalid = {
        let id = id.clone();
        Memo::new(move |_| ctx.error_of(&id).is_some())
    };
    let count_id = format!("q-{id}-count");
    // Where to get help now, since nobody answers a comment: read with
    // the count, after the help.
    let crisis_id = format!("q-{id}-crisis");
    let extra = match field.crisis_line {
        Some(_) => format!("{crisis_id} {count_id}"),
        None => count_id.clone(),
    };
    let describe = {
        let id = id.clone();
        move || described_by(has_help, invalid.get(), &format!("q-{id}"), Some(&extra))
    };
    let left = move || {
        let used = ctx.answers.comment.with(|c| c.chars().count());
        (ctx.words.chars_left)(limit.saturating_sub(used))
    };
    view! {
        <div class="field">
            <label class="label" for=format!("q-{id}")>{label_text(field, ctx)}</label>
            {field.help.as_ref().map(|h| view! { <p class="help" id=format!("q-{id}-help")>{h.get(ctx.lang).to_string()}</p> })}
            {field.crisis_line.as_ref().map(|c| view! { <p class="help crisis-line" id=crisis_id>{c.get(ctx.lang).to_string()}</p> })}
            {error_line(format!("q-{id}-error"), ctx, id.clone())}
            <textarea
                id=format!("q-{id}")
                class="textarea"
                rows="4"
                maxlength=limit.to_string()
                prop:value=move || ctx.answers.comment.get()
                on:input=move |ev| ctx.answers.comment.set(event_target_value(&ev))
                aria-invalid=move || invalid.get().then_some("true")
                aria-describedby=describe
            ></textarea>
            <p class="counter" id=count_id>{left}</p>
        </div>
    }
    .into_any()
}
