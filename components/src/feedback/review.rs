//! "Check what will be sent": the receipt the citizen sees before anything
//! leaves the page. It lists every answer that goes, the comment exactly as
//! it will be sent (after redaction) and, for the curious, the exact JSON.
//!
//! The receipt is fixed once shown, so it is written as escaped HTML (see
//! [`receipt_html`], with [`crate::html`]) rather than through the view macro: the same markup
//! costs about 2 KB less in the bundle that way.

use crate::common::send::Mode;
use crate::html::element;
use crate::i18n::Words;
use leptos::prelude::*;
use lokalform_forms::aggregate::Tally;
use lokalform_forms::schema::{FieldKind, Form, Lang};
use std::sync::Arc;

/// The receipt's markup: each question with the answer that goes (or "not
/// answered"), the comment as sent, and the exact payload. Every text is
/// escaped, the citizen's comment above all.
pub fn receipt_html(form: &Form, tally: &Tally, lang: Lang, words: &Words) -> String {
    let mut html = String::from(r#"<dl class="review-list">"#);
    // Only what is counted: in the feedback box that is every question; a
    // programme form sent by `<lokal-form>` keeps the rest on the device.
    for field in form
        .fields
        .iter()
        .filter(|f| f.aggregate && f.kind != FieldKind::Comment)
    {
        let answer = tally
            .counts
            .get(&field.id)
            .and_then(|row| row.keys().next())
            .and_then(|value| field.option(value))
            .map_or(words.not_answered, |o| o.label.get(lang));
        html.push_str(r#"<div class="review-row">"#);
        element(&mut html, "dt", "", field.label.get(lang));
        element(&mut html, "dd", "", answer);
        html.push_str("</div>");
    }
    html.push_str("</dl>");
    if let Some(comment) = tally.comments.first() {
        html.push_str(r#"<div class="review-comment">"#);
        element(&mut html, "p", "label", words.your_comment);
        element(&mut html, "blockquote", "comment-sent", comment);
        if comment.contains('[') {
            element(&mut html, "p", "help", words.comment_changed);
        }
        html.push_str("</div>");
    }
    html.push_str(r#"<details class="exact">"#);
    element(&mut html, "summary", "", words.exact_data);
    element(&mut html, "pre", "payload", &tally.to_json());
    html.push_str("</details>");
    html
}

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
    let receipt = prepared
        .get_untracked()
        .map(|tally| receipt_html(&form, &tally, lang, words))
        .unwrap_or_default();
    let mut header = String::new();
    super::step_heading(&mut header, words.review_heading);
    let intro = match mode {
        Mode::Web => words.review_intro_web,
        Mode::Kiosk => words.review_intro_kiosk,
    };
    element(&mut header, "p", "", intro);
    view! {
        <div class="review">
            <div inner_html=header></div>
            <div class="notice notice-error" role="alert" class:hidden=move || send_error.get().is_none()>
                <p>{move || send_error.get().unwrap_or_default()}</p>
            </div>
            <div class="receipt" inner_html=receipt></div>
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::words;
    use lokalform_forms::schema::FEEDBACK_FORM_JSON;

    #[test]
    fn a_comment_cannot_inject_markup_into_the_receipt() {
        let form = Form::from_json_for_feedback(FEEDBACK_FORM_JSON).unwrap();
        let answers = vec![("overall".to_string(), "4".to_string())];
        let comment = r#"<img src=x onerror="alert(1)"> & <script>x()</script>"#;
        let tally = Tally::from_response(&form, "0123456789abcdef", &answers, Some(comment));
        let html = receipt_html(&form, &tally, Lang::Da, words(Lang::Da));
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;script&gt;")
        );
        // Every answer is listed: the rating, and "not answered" for the rest.
        assert!(html.contains("<dd>Godt</dd>"));
        assert_eq!(html.matches("<dd>Ikke besvaret</dd>").count(), 4);
    }
}
