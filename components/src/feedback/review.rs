//! The feedback box's review step: "Check what will be sent", with the
//! receipt ([`crate::common::receipt`]) and the send button.

use crate::common::html::{element, set_markup};
use crate::common::receipt::receipt_html;
use crate::common::send::Mode;
use crate::common::words::Words;
use leptos::prelude::*;
use lokalform_forms::aggregate::Tally;
use lokalform_forms::schema::{Form, Lang};
use std::sync::Arc;

/// The review step: the receipt of exactly what will be sent, the send
/// button, and "Ret dine svar".
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
            <div use:set_markup=header></div>
            <div class="notice notice-error" role="alert" hidden=move || send_error.get().is_none()>
                <p>{move || send_error.get().unwrap_or_default()}</p>
            </div>
            <div class="receipt" use:set_markup=receipt></div>
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
    use crate::common::words::words;
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
