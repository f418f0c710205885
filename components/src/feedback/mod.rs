//! The citizen feedback box: `<lokal-feedback>` and [`FeedbackBox`].
//!
//! A citizen rates a meeting with the municipality (faces with text labels),
//! answers three short questions and where or how the meeting took place,
//! and may leave a comment; every optional question can be declined ("Vil
//! helst ikke svare", sent as skipped). The definition names the meeting
//! and the authority (`forms/feedback.json` built in, or another by URL,
//! e.g. `forms/feedback-respekt.json`). Before anything goes, the citizen
//! sees exactly what will be sent (the comment after redaction). See [`crate::common::send`] for where
//! answers go in the two modes, web and kiosk.
//!
//! [`FeedbackBox`] is the web form (one page, a draft kept): [`web::WebBox`]
//! drawn as markup, without the reactive framework, so the feedback
//! bundle stays small; the component wraps it for Leptos apps. The shared
//! tablet runs [`kiosk::KioskBox`] (one question a screen, batches, the
//! idle reset): only the kiosk bundle (`lokalform-kiosk.js`) carries it,
//! so a municipal page does not download it.
//! `mode="kiosk"` on the feedback bundle says which bundle to use.
//!
//! Embedding on any page:
//! ```html
//! <script type="module" src="/lokalform/lokalform-feedback.js"></script>
//! <lokal-feedback collector="https://feedback.example.dk"></lokal-feedback>
//! ```
//! In a Leptos app:
//! ```no_run
//! use leptos::prelude::*;
//! use lokalform_components::feedback::FeedbackBox;
//! let _view = view! { <FeedbackBox collector="https://feedback.example.dk" lang="en" /> };
//! ```

pub mod answers;
mod element;
pub mod kiosk;
pub mod questions;
pub mod review;
pub mod web;

use crate::common::html::element;
use crate::common::send;
use crate::common::today::this_week;
use crate::store::vault;
pub use element::{register, ELEMENT, TAG};
use leptos::prelude::*;
use lokalform_forms::aggregate::Tally;
use lokalform_forms::schema::{Form, Lang, FEEDBACK_FORM_JSON};
pub use send::{Mode, Outcome};
use std::rc::Rc;
use std::sync::Arc;

/// The citizen feedback box on a web page.
///
/// All props are optional: without `form` the built-in feedback definition
/// is used; without `collector` answers go to the page's own origin. For a
/// shared tablet use [`kiosk::KioskBox`]: with `mode="kiosk"` this box
/// shows only which bundle to use (sending each response on its own would
/// break the kiosk's batch rule).
#[component]
pub fn FeedbackBox(
    /// URL of a JSON form definition.
    #[prop(into, optional)]
    form: MaybeProp<String>,
    /// Base URL of the collector.
    #[prop(into, optional)]
    collector: MaybeProp<String>,
    /// `da` (default) or `en`.
    #[prop(into, optional)]
    lang: MaybeProp<String>,
    /// `web` (default); `kiosk` is [`kiosk::KioskBox`]'s.
    #[prop(into, optional)]
    mode: MaybeProp<String>,
    /// Keeps this instance's draft apart from other instances of the same
    /// form (the element uses its `id`, or its place on the page).
    #[prop(into, optional)]
    draft_key: MaybeProp<String>,
    /// Called after each submit with what became of the response.
    #[prop(into, optional)]
    on_submitted: Option<Callback<Outcome>>,
    /// Called when the form definition cannot be used, with the problems.
    #[prop(into, optional)]
    on_error: Option<Callback<String>>,
) -> impl IntoView {
    let holder = NodeRef::<leptos::html::Div>::new();
    let live = StoredValue::new_local(None::<web::WebBox>);
    let hooks = web::Hooks {
        on_submitted: on_submitted
            .map(|cb| Rc::new(move |o| cb.try_run(o).unwrap_or(())) as Rc<dyn Fn(Outcome)>),
        on_error: on_error
            .map(|cb| Rc::new(move |m| cb.try_run(m).unwrap_or(())) as Rc<dyn Fn(String)>),
    };
    // The props as the box's settings, followed: the box is drawn once
    // its container is in the page, then told what changed.
    Effect::new(move |_| {
        let settings = web::Settings {
            form: form.get(),
            collector: collector.get().unwrap_or_default(),
            lang: Lang::from_attr(&lang.get().unwrap_or_default()),
            kiosk: Mode::from_attr(mode.get().as_deref()) == Mode::Kiosk,
            draft_key: draft_key.get().unwrap_or_default(),
        };
        let Some(container) = holder.get() else {
            return;
        };
        live.update_value(|live| match live {
            Some(web_box) => web_box.update(|s| *s = settings),
            None => {
                *live = Some(web::WebBox::mount(
                    container.into(),
                    settings,
                    hooks.clone(),
                ))
            }
        });
    });
    on_cleanup(move || {
        live.try_update_value(Option::take);
    });
    view! { <div node_ref=holder></div> }
}

/// A definition, or why not (yet): `None` while it loads.
type Definition = Option<Result<Arc<Form>, Arc<str>>>;

/// The box without a form: loading (`texts[1]` empty) or a notice with a
/// title and its help. Loading and failure share one fixed element.
fn not_shown_html(lang: Lang, texts: [&'static str; 2]) -> String {
    let mut html = String::from(r#"<div class="lokal-feedback""#);
    crate::common::html::attribute(&mut html, "lang", lang.code());
    if texts[1].is_empty() {
        html.push_str(r#"><div class="muted" role="status">"#);
        element(&mut html, "p", "", texts[0]);
    } else {
        html.push_str(r#"><div class="notice notice-error" role="alert">"#);
        element(&mut html, "p", "notice-title", texts[0]);
        element(&mut html, "p", "", texts[1]);
    }
    html.push_str("</div></div>");
    html
}

/// The first screen of the built-in definition in `lang`, as HTML: what
/// the live box draws before anything is chosen ([`web::filling_html`]),
/// written at build time into the bundle's entry module by
/// `src/bin/lokalform-entry.rs`, so it can show a usable form before the
/// wasm arrives (see [`crate::common::element`]).
///
/// ```
/// use lokalform_components::feedback::first_screen;
/// use lokalform_forms::schema::Lang;
/// let html = first_screen(Lang::Da);
/// assert!(html.starts_with("<div ") && html.contains(r#"class="lokal-feedback""#));
/// assert!(html.contains("Hvordan var dit møde med kommunen?"));
/// assert!(html.contains(r#"type="radio""#) && html.contains("<textarea"));
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn first_screen(lang: Lang) -> String {
    let form = builtin().expect("the built-in definition is valid (tested)");
    web::filling_html(&form, lang)
}

/// Whether the `form` attribute asks for the built-in definition.
fn is_builtin(url: Option<&str>) -> bool {
    url.is_none_or(|u| u.trim().is_empty())
}

/// The built-in definition (`forms/feedback.json`).
fn builtin() -> Result<Arc<Form>, Arc<str>> {
    read(FEEDBACK_FORM_JSON)
}

/// A feedback definition read from `json`, or its problems, one a line.
fn read(json: &str) -> Result<Arc<Form>, Arc<str>> {
    Form::from_json_for_feedback(json)
        .map(Arc::new)
        .map_err(|problems| {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            Arc::from(list.join("\n"))
        })
}

/// Reads the definition at `url`, or the built-in one.
async fn load(url: Option<String>) -> Result<Arc<Form>, Arc<str>> {
    let Some(url) = url.filter(|u| !is_builtin(Some(u))) else {
        return builtin();
    };
    let json = vault::get_text(&url)
        .await
        .map_err(|e| Arc::<str>::from(format!("{url}: {}", e.0)))?;
    read(&json)
}

/// Where the citizen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Filling,
    Review,
    Sending,
    Done(Outcome),
}

/// The response the answers give, as it will be sent (the comment
/// redacted), under a new random key.
fn tally_of(form: &Form, choices: &[(String, String)], comment: &str) -> Tally {
    let mut tally = Tally::from_response(form, &vault::random_key(), choices, Some(comment));
    tally.week = Some(this_week());
    tally
}

/// What the review says when `outcome` left the answers on screen.
fn send_problem(outcome: Outcome, words: &'static crate::common::words::Words) -> &'static str {
    outcome.problem(words).unwrap_or(words.send_failed)
}

/// Appends the heading of a step (review, thank-you): focus moves there
/// when the step opens, so it takes focus without being in the tab order.
pub(crate) fn step_heading(out: &mut String, text: &str) {
    out.push_str(r#"<h2 class="title step-heading" tabindex="-1">"#);
    crate::common::html::escape_html(text, out);
    out.push_str("</h2>");
}
