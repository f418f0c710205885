//! "Check what will be sent": the receipt the citizen sees before anything
//! leaves the page. It lists every answer that goes, the comment exactly as
//! it will be sent (after redaction) and, for the curious, the exact JSON.

use super::submit::Mode;
use crate::i18n::Words;
use leptos::prelude::*;
use lokalform::aggregate::Tally;
use lokalform::schema::{FieldKind, Form, Lang};
use std::sync::Arc;

#[allow(clippy::too_many_arguments)]
pub fn review(
    form: Arc<Form>,
    prepared: RwSignal<Option<Tally>>,
    lang: Lang,
    words: &'static Words,
    mode: Mode,
    sending: bool,
    send_error: RwSignal<Option<&'static str>>,
    send: impl Fn() + 'static,
    change: impl Fn() + 'static,
) -> impl IntoView {
    let tally = prepared.get_untracked().unwrap_or_else(|| Tally {
        form: form.id.clone(),
        version: form.version,
        key: String::new(),
        responses: 0,
        counts: Default::default(),
        comments: Vec::new(),
    });
    let rows = form
        .fields
        .iter()
        .filter(|f| f.kind != FieldKind::Comment)
        .map(|field| {
            let answer = tally
                .counts
                .get(&field.id)
                .and_then(|row| row.keys().next())
                .and_then(|value| field.option(value))
                .map(|o| o.label.get(lang).to_string())
                .unwrap_or_else(|| words.not_answered.to_string());
            view! {
                <div class="review-row">
                    <dt>{field.label.get(lang).to_string()}</dt>
                    <dd>{answer}</dd>
                </div>
            }
        })
        .collect_view();
    let comment = tally.comments.first().cloned();
    let redacted = comment.as_deref().is_some_and(|c| c.contains('['));
    let exact = tally.to_json();
    let intro = match mode {
        Mode::Web => words.review_intro_web,
        Mode::Kiosk => words.review_intro_kiosk,
    };
    view! {
        <div class="review">
            <h2 class="title step-heading" tabindex="-1">{words.review_heading}</h2>
            <p>{intro}</p>
            {move || send_error.get().map(|e| view! {
                <div class="notice notice-error" role="alert"><p>{e}</p></div>
            })}
            <dl class="review-list">{rows}</dl>
            {comment.map(|c| view! {
                <div class="review-comment">
                    <p class="label">{words.your_comment}</p>
                    <blockquote class="comment-sent">{c}</blockquote>
                    {redacted.then(|| view! { <p class="help">{words.comment_changed}</p> })}
                </div>
            })}
            <details class="exact">
                <summary>{words.exact_data}</summary>
                <pre class="payload">{exact}</pre>
            </details>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| send() disabled=sending aria-disabled=sending.then_some("true")>
                    {if sending { words.sending } else if send_error.get_untracked().is_some() { words.try_again } else { words.send }}
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| change() disabled=sending>
                    {words.change}
                </button>
            </div>
        </div>
    }
}
