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
//! [`FeedbackBox`] is the web form (one page, a draft kept). The shared
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

mod answers;
mod element;
mod fields;
pub mod kiosk;
pub mod review;

use crate::common::focus::{focus_selector, focus_soon};
use crate::common::html::{element, fixed_div, set_markup};
use crate::common::send;
use crate::common::today::this_week;
use crate::common::words::{words, Words};
use crate::store::{drafts, outbox, vault};
use answers::{control_id, Answers};
pub use element::{register, ELEMENT, TAG};
use fields::{question, Ctx};
use leptos::ev;
use leptos::prelude::*;
use lokalform_forms::aggregate::Tally;
use lokalform_forms::record_id::RecordId;
use lokalform_forms::schema::{FieldKind, Form, Lang, FEEDBACK_FORM_JSON};
pub use send::{Mode, Outcome};
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
    outbox::start();
    let lang = Memo::new(move |_| Lang::from_attr(&lang.get().unwrap_or_default()));
    // The answers outlive a change of language (the form is drawn again in
    // the other language); a different definition starts from empty.
    let answers = Answers::new();
    let definition = definition(form, on_error, move || answers.clear());
    let config = Config {
        collector: Signal::derive(move || collector.get().unwrap_or_default()),
        draft_key: Signal::derive(move || draft_key.get().unwrap_or_default()),
        on_submitted,
    };
    let kiosk = Memo::new(move |_| Mode::from_attr(mode.get().as_deref()) == Mode::Kiosk);
    if let Some(cb) = on_error {
        Effect::new(move |_| {
            if kiosk.get() {
                cb.run(words(lang.get_untracked()).kiosk_bundle.to_string());
            }
        });
    }
    move || {
        let lang = lang.get();
        let words = words(lang);
        if kiosk.get() {
            return not_shown(lang, [words.load_failed, words.kiosk_bundle]);
        }
        match definition.get() {
            Some(Ok(form)) => loaded(form, answers, lang, config).into_any(),
            None => not_shown(lang, [words.loading, ""]),
            Some(Err(_)) => not_shown(lang, [words.load_failed, words.load_failed_help]),
        }
    }
}

/// A definition, or why not (yet): `None` while it loads.
type Definition = Option<Result<Arc<Form>, Arc<str>>>;

/// The definition the `form` attribute names: the built-in one at once,
/// another loaded, again whenever the attribute changes; `on_change` runs
/// before a different one loads (its answers would not fit).
fn definition(
    form: MaybeProp<String>,
    on_error: Option<Callback<String>>,
    on_change: impl Fn() + 'static,
) -> RwSignal<Definition> {
    // A plain signal and a task: smaller in wasm than a LocalResource.
    // The built-in one is there at once, so the first render is the form
    // itself, as the pre-rendered first screen shows it: the take-over has
    // no "loading" step in between, and nothing moves.
    let definition = RwSignal::new(
        form.with_untracked(|url| is_builtin(url.as_deref()))
            .then(builtin),
    );
    Effect::new(move |ran: Option<()>| {
        let url = form.get();
        if ran.is_none() && is_builtin(url.as_deref()) {
            return; // read above
        }
        definition.set(None);
        on_change();
        crate::common::task::spawn(async move {
            let loaded = load(url).await;
            // The element may have been removed while this was loading:
            // everything after an await uses the `try_` forms.
            if let (Err(problems), Some(cb)) = (&loaded, on_error) {
                cb.try_run(problems.to_string());
            }
            definition.try_set(Some(loaded));
        });
    });
    definition
}

/// The box without a form: loading (`texts[1]` empty) or a notice with a
/// title and its help. Loading and failure share one fixed element.
fn not_shown(lang: Lang, texts: [&'static str; 2]) -> AnyView {
    let (class, role) = if texts[1].is_empty() {
        ("muted", "status")
    } else {
        ("notice notice-error", "alert")
    };
    let mut html = String::new();
    if texts[1].is_empty() {
        element(&mut html, "p", "", texts[0]);
    } else {
        element(&mut html, "p", "notice-title", texts[0]);
        element(&mut html, "p", "", texts[1]);
    }
    view! {
        <div class="lokal-feedback" lang=lang.code()>
            <div class=class role=role use:set_markup=html></div>
        </div>
    }
    .into_any()
}

/// The first screen of the built-in definition in `lang`, as HTML: what
/// the live box renders before anything is chosen, made at build time by
/// `src/bin/lokalform-entry.rs`, so the bundle's entry module can show a
/// usable form before the wasm arrives (see [`crate::common::element`]).
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
    /// Effects and tasks need an executor; at build time there is no page
    /// for them to act on, so this one runs nothing.
    struct NoPage;
    impl any_spawner::CustomExecutor for NoPage {
        fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
        fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
        fn poll_local(&self) {}
    }
    // Already set by an earlier call: fine.
    let _ = any_spawner::Executor::init_local_custom_executor(NoPage);
    Owner::new().with(|| {
        let form = builtin().expect("the built-in definition is valid (tested)");
        let config = Config {
            collector: Signal::derive(String::new),
            draft_key: Signal::derive(String::new),
            on_submitted: None,
        };
        loaded(form, Answers::new(), lang, config).to_html()
    })
}

/// The box with a usable definition.
fn loaded(form: Arc<Form>, answers: Answers, lang: Lang, config: Config) -> impl IntoView {
    let form = feedback_form(form, answers, lang, words(lang), config);
    view! { <div class="lokal-feedback" lang=lang.code()>{form}</div> }
}

/// Whether the `form` attribute asks for the built-in definition.
fn is_builtin(url: Option<&str>) -> bool {
    url.is_none_or(|u| u.trim().is_empty())
}

/// The built-in definition (`forms/feedback.json`).
fn builtin() -> Result<Arc<Form>, Arc<str>> {
    Form::from_json_for_feedback(FEEDBACK_FORM_JSON)
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
    Form::from_json_for_feedback(&json)
        .map(Arc::new)
        .map_err(|problems| {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            Arc::from(list.join("\n"))
        })
}

#[derive(Clone, Copy)]
struct Config {
    collector: Signal<String>,
    draft_key: Signal<String>,
    on_submitted: Option<Callback<Outcome>>,
}

/// Where the citizen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Filling,
    Review,
    Sending,
    Done(Outcome),
}

fn feedback_form(
    form: Arc<Form>,
    answers: Answers,
    lang: Lang,
    words: &'static Words,
    config: Config,
) -> impl IntoView {
    let stage = RwSignal::new(Stage::Filling);
    let prepared = RwSignal::new(None::<Tally>);
    let send_error = RwSignal::new(None::<&'static str>);
    let restored = RwSignal::new(false);
    let root = NodeRef::<leptos::html::Div>::new();

    let ctx = Ctx::new(&form, answers, lang, words);
    let errors = ctx.errors;

    // Where this instance's draft is kept.
    let key = config.draft_key.get_untracked();
    let draft_id = RecordId::FeedbackDraft {
        form: &form.id,
        key: &key,
    }
    .to_string();
    drafts_follow(draft_id.clone(), answers, restored);

    let start_over = {
        let draft_id = draft_id.clone();
        move || {
            answers.clear();
            prepared.set(None);
            send_error.set(None);
            restored.set(false);
            stage.set(Stage::Filling);
            let draft_id = draft_id.clone();
            crate::common::task::spawn(async move {
                let _ = drafts::discard(&draft_id).await;
            });
            focus_soon(root, "#lokal-title");
        }
    };

    let go_on = {
        let form = form.clone();
        move |ev: ev::SubmitEvent| {
            ev.prevent_default();
            answers.show_errors.set(true);
            if !errors.with_untracked(Vec::is_empty) {
                focus_soon(root, ".error-summary");
                return;
            }
            prepared.set(Some(tally_of(&form, answers)));
            send_error.set(None);
            stage.set(Stage::Review);
            focus_soon(root, ".step-heading");
        }
    };

    let send_draft_id = StoredValue::new(draft_id.clone());
    let send = move || {
        let Some(tally) = prepared.get_untracked() else {
            return;
        };
        stage.set(Stage::Sending);
        let collector = config.collector.get_untracked();
        let draft_id = send_draft_id.get_value();
        crate::common::task::spawn(async move {
            let outcome = send::submit_web(&collector, tally).await;
            if let Some(cb) = config.on_submitted {
                cb.try_run(outcome);
            }
            match outcome {
                Outcome::Failed | Outcome::Rejected | Outcome::TooOld => {
                    send_error.set(Some(send_problem(outcome, words)));
                    stage.set(Stage::Review);
                }
                _ => {
                    let _ = drafts::discard(&draft_id).await;
                    answers.clear();
                    prepared.set(None);
                    stage.set(Stage::Done(outcome));
                }
            }
            // Move focus to what changed, so keyboard and screen-reader
            // users follow.
            focus_soon(root, ".step-heading");
        });
    };

    let title = form.title.get(lang).to_string();
    let mut intro = String::new();
    if let Some(text) = &form.intro {
        element(&mut intro, "p", "intro", text.get(lang));
    }
    let intro = fixed_div(intro);
    let thanks = form.thanks.as_ref().map(|t| t.get(lang).to_string());
    let fields_view = form.fields.iter().map(|f| question(f, ctx)).collect_view();
    let review_form = form.clone();
    let start_over_draft = start_over.clone();
    let start_over_done = start_over.clone();

    view! {
        <div class="box" node_ref=root>
            <h2 class="title" id="lokal-title" tabindex="-1">{title}</h2>
            <div hidden=move || stage.get() != Stage::Filling>
                {intro}
                <div class="notice" role="status" hidden=move || !restored.get()>
                    <p>{words.draft_restored}</p>
                    <button type="button" class="button button-secondary" on:click=move |_| start_over_draft()>
                        {words.start_over}
                    </button>
                </div>
                {error_summary(&form, ctx, root)}
                <form novalidate on:submit=go_on>
                    {fields_view}
                    <button type="submit" class="button">{words.next}</button>
                </form>
            </div>
            {move || match stage.get() {
                Stage::Filling => ().into_any(),
                Stage::Review | Stage::Sending => review::review(
                    review_form.clone(), prepared, lang, words, Mode::Web,
                    stage.get() == Stage::Sending, send_error,
                    send, move || { stage.set(Stage::Filling); focus_soon(root, "#lokal-title"); },
                ).into_any(),
                Stage::Done(outcome) => {
                    let s = start_over_done.clone();
                    done(outcome, thanks.clone(), words, Mode::Web, s).into_any()
                }
            }}
        </div>
    }
}

/// The DKFDS error summary: shown after a failed "continue", with a link
/// per problem that moves focus to the field. A link repeats the field's
/// message; only the general "Vælg et svar." is preceded by the question.
///
/// Every question has its line, hidden while it has no error: a fixed list
/// is much smaller in wasm than a list rebuilt from the errors.
fn error_summary(form: &Form, ctx: Ctx, root: NodeRef<leptos::html::Div>) -> impl IntoView {
    let visible = move || ctx.answers.show_errors.get() && !ctx.errors.with(Vec::is_empty);
    let lines = form
        .fields
        .iter()
        .map(|field| {
            let id = StoredValue::new(field.id.clone());
            let target = format!("#{}", control_id(form, &field.id));
            let specific = field.required_message.is_some() || field.kind == FieldKind::Comment;
            let label = if specific {
                String::new()
            } else {
                format!("{}: ", field.label.get(ctx.lang))
            };
            let message = move || id.with_value(|id| ctx.error_of(id));
            // The browser cannot follow the link (the target is in the
            // shadow root, and the host page's URL must not change), so the
            // click moves focus itself.
            view! {
                <li hidden=move || message().is_none()>
                    <a href=target.clone() on:click=move |ev: ev::MouseEvent| {
                        ev.prevent_default();
                        focus_selector(root, &target);
                    }>{label}{move || message().unwrap_or_default()}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="error-summary" hidden=move || !visible() tabindex="-1"
            role=move || visible().then_some("alert") aria-labelledby="error-summary-title">
            <h3 class="error-summary-title" id="error-summary-title">{ctx.words.error_summary}</h3>
            <ul>{lines}</ul>
        </div>
    }
}

/// The web box keeps a draft (encrypted) of every change, and offers it
/// back after a reload. A kiosk never does (it has no such code): the
/// next person must see nothing.
fn drafts_follow(draft_id: String, answers: Answers, restored: RwSignal<bool>) {
    let loaded = RwSignal::new(false);
    crate::common::task::spawn({
        let draft_id = draft_id.clone();
        async move {
            let found = drafts::load(&draft_id).await;
            if loaded.is_disposed() {
                return; // the element was removed meanwhile
            }
            if let Ok(Some(draft)) = found {
                if !draft.is_empty() && answers.is_pristine() {
                    answers.choices.set(draft.answers);
                    answers.comment.set(draft.comment);
                    restored.set(true);
                }
            }
            loaded.set(true);
        }
    });
    Effect::new(move |_| {
        let draft = drafts::Draft {
            answers: answers.choices.get(),
            comment: answers.comment.get(),
        };
        if !loaded.get() {
            return;
        }
        let draft_id = draft_id.clone();
        crate::common::task::spawn(async move {
            let _ = if draft.is_empty() {
                drafts::discard(&draft_id).await
            } else {
                drafts::save(&draft_id, &draft).await
            };
        });
    });
}

/// The response `answers` give, as it will be sent (the comment
/// redacted), under a new random key.
fn tally_of(form: &Form, answers: Answers) -> Tally {
    let choices = answers.choices.get_untracked();
    let comment = answers.comment.get_untracked();
    let mut tally = Tally::from_response(form, &vault::random_key(), &choices, Some(&comment));
    tally.week = Some(this_week());
    tally
}

/// What the review says when `outcome` left the answers on screen.
fn send_problem(outcome: Outcome, words: &'static Words) -> &'static str {
    outcome.problem(words).unwrap_or(words.send_failed)
}

/// The thank-you step; `again` starts over.
fn done(
    outcome: Outcome,
    thanks: Option<String>,
    words: &'static Words,
    mode: Mode,
    again: impl Fn() + 'static,
) -> impl IntoView {
    let note = match outcome {
        Outcome::Queued => Some(words.queued),
        Outcome::Kept => Some(words.kept_on_device),
        _ => None,
    };
    // Fixed once shown: written as escaped HTML (see `crate::common::html`).
    let mut texts = String::new();
    step_heading(&mut texts, words.thanks_heading);
    if let Some(t) = &thanks {
        element(&mut texts, "p", "", t);
    }
    if let Some(n) = note {
        element(&mut texts, "p", "notice", n);
    }
    if mode == Mode::Kiosk {
        element(&mut texts, "p", "muted", words.restarting);
    }
    view! {
        <div class="done" role="status">
            <div use:set_markup=texts></div>
            <button type="button" class="button" on:click=move |_| again()>
                {if mode == Mode::Kiosk { words.start_over } else { words.new_feedback }}
            </button>
        </div>
    }
}

/// Appends the heading of a step (review, thank-you): focus moves there
/// when the step opens, so it takes focus without being in the tab order.
pub(crate) fn step_heading(out: &mut String, text: &str) {
    out.push_str(r#"<h2 class="title step-heading" tabindex="-1">"#);
    crate::common::html::escape_html(text, out);
    out.push_str("</h2>");
}
