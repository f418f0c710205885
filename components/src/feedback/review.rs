//! The feedback box's last steps as markup: the review, "Check what will
//! be sent", with the receipt ([`crate::common::receipt`]) and the send
//! button, and the thank-you step. Their buttons act by their `data-do`
//! ([`crate::common::html::Button`]): `send`, `change` and `again`.

use crate::common::html::{element, Button};
use crate::common::receipt::receipt_html;
use crate::common::send::{Mode, Outcome};
use crate::common::words::Words;
use lokalform_forms::aggregate::Tally;
use lokalform_forms::schema::{Form, Lang};

/// The review step: the receipt of exactly what `tally` sends, the send
/// button (disabled while `sending`), "Ret dine svar", and why the last
/// try failed (`send_error`).
///
/// ```
/// use lokalform_components::common::{send::Mode, words::words};
/// use lokalform_components::feedback::review::review_html;
/// use lokalform_forms::{aggregate::Tally, schema::{Form, Lang, FEEDBACK_FORM_JSON}};
/// let form = Form::from_json_for_feedback(FEEDBACK_FORM_JSON).unwrap();
/// let chosen = vec![("overall".to_string(), "4".to_string())];
/// let tally = Tally::from_response(&form, "0123456789abcdef", &chosen, None);
/// let html = review_html(&form, &tally, Lang::Da, words(Lang::Da), Mode::Web, false, None);
/// assert!(html.contains(r#"data-do="send""#) && html.contains(r#"data-do="change""#));
/// ```
pub fn review_html(
    form: &Form,
    tally: &Tally,
    lang: Lang,
    words: &Words,
    mode: Mode,
    sending: bool,
    send_error: Option<&str>,
) -> String {
    let mut out = String::from(r#"<div class="review">"#);
    super::step_heading(&mut out, words.review_heading);
    let intro = match mode {
        Mode::Web => words.review_intro_web,
        Mode::Kiosk => words.review_intro_kiosk,
    };
    element(&mut out, "p", "", intro);
    out.push_str(r#"<div class="notice notice-error" role="alert""#);
    out.push_str(if send_error.is_none() {
        " hidden>"
    } else {
        ">"
    });
    element(&mut out, "p", "", send_error.unwrap_or_default());
    out.push_str(r#"</div><div class="receipt">"#);
    out.push_str(&receipt_html(form, tally, lang, words));
    out.push_str(r#"</div><div class="actions">"#);
    let send = if sending {
        words.sending
    } else if send_error.is_some() {
        words.try_again
    } else {
        words.send
    };
    Button {
        disabled: sending,
        ..Button::new("send", send)
    }
    .write(&mut out);
    Button {
        disabled: sending,
        secondary: true,
        ..Button::new("change", words.change)
    }
    .write(&mut out);
    out.push_str("</div></div>");
    out
}

/// The thank-you step after `outcome`, with the definition's `thanks`;
/// its button (`again`) starts over.
pub fn done_html(outcome: Outcome, thanks: Option<&str>, words: &Words, mode: Mode) -> String {
    let note = match outcome {
        Outcome::Queued => Some(words.queued),
        Outcome::Kept => Some(words.kept_on_device),
        _ => None,
    };
    let mut out = String::from(r#"<div class="done" role="status">"#);
    super::step_heading(&mut out, words.thanks_heading);
    if let Some(t) = thanks {
        element(&mut out, "p", "", t);
    }
    if let Some(n) = note {
        element(&mut out, "p", "notice", n);
    }
    if mode == Mode::Kiosk {
        element(&mut out, "p", "muted", words.restarting);
    }
    let again = if mode == Mode::Kiosk {
        words.start_over
    } else {
        words.new_feedback
    };
    Button::new("again", again).write(&mut out);
    out.push_str("</div>");
    out
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
