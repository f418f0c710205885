//! The form engine: `<lokal-form>` and [`Form`] render any definition
//! (`lokalform_forms::schema`) — the recruitment questionnaires, the contract,
//! the exit form, the feedback form.
//!
//! DKFDS behaviour: a step indicator; "Næste" checks the step and, if
//! something needs a change, shows an error summary whose links move focus
//! to the field, with each field's error above it; "Tilbage" never loses
//! input; a "Tjek dine svar" page with a "Ret" button per answer; a saved
//! copy to print. Every change is saved as an encrypted draft at once (see
//! [`draft`]); a form with personal data asks for a passphrase first.
//!
//! The answers never leave the device: the finished result goes to the
//! `on_submit` callback (a Leptos app, e.g. the programme) and the element
//! only announces `lokal-submitted` with the form's id.
//!
//! ```html
//! <script type="module" src="/lokalform/lokalform-all.js"></script>
//! <lokal-form form="/forms/recruitment-peer.json"></lokal-form>
//! ```
//! ```no_run
//! use leptos::prelude::*;
//! use lokalform_components::form::Form;
//! let _view = view! { <Form form="/forms/recruitment-peer.json" lang="en" /> };
//! ```

mod choices;
mod ctx;
pub mod draft;
mod element;
mod fields;
mod group;
mod inputs;
mod review;
mod signature;
mod vas;
mod words;

pub use ctx::{control_id, Slot};
pub use element::{register, TAG};
pub use words::{form_words, FormWords};

use crate::common::send::{self as submit, Mode, Outcome};
use crate::i18n::words;
use crate::store::{sealed, vault};
use ctx::Ctx;
use draft::{FormDraft, Protection, Saver};
use leptos::ev;
use leptos::prelude::*;
use lokalform_forms::aggregate::Tally;
use lokalform_forms::answers::Answers;
use lokalform_forms::schema::{self, Field, Lang};
use lokalform_forms::validate::{check_step, result, visibility, Severity};
use lokalform_text::date::Date;
use std::sync::Arc;

/// Where the person is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Waiting for the draft to be looked up.
    Starting,
    /// A passphrase is needed: to open the draft that exists, or to start.
    Locked { existing: bool },
    /// Filling in a step.
    Filling,
    /// "Tjek dine svar".
    Review,
    /// Saved; the copy can be printed.
    Saved,
}

/// The form engine.
#[component]
pub fn Form(
    /// URL of a JSON form definition.
    #[prop(into, optional)]
    form: MaybeProp<String>,
    /// A definition already in memory (instead of `form`).
    #[prop(optional)]
    definition: Option<Arc<schema::Form>>,
    /// `da` (default) or `en`.
    #[prop(into, optional)]
    lang: MaybeProp<String>,
    /// Keeps this instance's draft apart from others of the same form.
    #[prop(into, optional)]
    draft_key: MaybeProp<String>,
    /// `passphrase`, `device`, or (default) `auto`: a passphrase when the
    /// form holds personal data.
    #[prop(into, optional)]
    protect: MaybeProp<String>,
    /// Base URL of a collector: when set, saving also sends the counts of
    /// the form's aggregatable questions (and its redacted comment), after
    /// the person saw exactly what goes — as the feedback box does.
    #[prop(into, optional)]
    collector: MaybeProp<String>,
    /// Gets the finished answers (hidden fields left out).
    #[prop(into, optional)]
    on_submit: Option<Callback<Answers>>,
    /// Gets the finished answers and may refuse them with a sentence (the
    /// programme refuses what its registry cannot take): the form then
    /// stays on "Tjek dine svar" with the message, and the draft is kept.
    #[prop(into, optional)]
    on_save: Option<Callback<Answers, Result<(), String>>>,
    /// Gets what became of the counts sent to `collector`.
    #[prop(into, optional)]
    on_sent: Option<Callback<Outcome>>,
    /// Seconds without input before a passphrase-protected form locks
    /// itself (the worker left the table); 0 never. Default 600.
    #[prop(into, optional)]
    idle_lock: MaybeProp<u32>,
    /// Gets the problems when the definition cannot be used.
    #[prop(into, optional)]
    on_error: Option<Callback<String>>,
    /// Answers to start from when there is no draft (e.g. the names of a
    /// pair on their contract).
    #[prop(optional)]
    initial: Option<Answers>,
    /// The passphrase the embedding app was unlocked with (the programme):
    /// the draft opens with it at once instead of asking again. Kept in
    /// memory only, for as long as the app holds it.
    #[prop(default = None, into)]
    passphrase: Option<String>,
) -> impl IntoView {
    let lang = Memo::new(move |_| Lang::from_attr(&lang.get().unwrap_or_default()));
    let loaded = RwSignal::new(None::<Result<Arc<schema::Form>, Arc<str>>>);
    Effect::new(move |_| {
        let url = form.get();
        if let Some(d) = definition.clone() {
            loaded.set(Some(Ok(d)));
            return;
        }
        loaded.set(None);
        crate::task::spawn(async move {
            let result = load(url).await;
            if let (Err(problems), Some(cb)) = (&result, on_error) {
                cb.try_run(problems.to_string());
            }
            loaded.try_set(Some(result));
        });
    });
    // The session (answers, step, draft) depends on the definition only: a
    // change of language redraws the texts and keeps everything else.
    move || {
        let code = move || lang.get().code();
        match loaded.get() {
            Some(Ok(form)) => {
                let key = draft_key.get_untracked().unwrap_or_default();
                let protection = match protect.get_untracked().as_deref() {
                    Some("passphrase") => Protection::Passphrase,
                    Some("device") => Protection::Device,
                    _ if form.holds_personal_data() => Protection::Passphrase,
                    _ => Protection::Device,
                };
                let sending = Sending {
                    collector: collector.get_untracked().filter(|c| !c.trim().is_empty()),
                    on_sent,
                    idle_lock_seconds: idle_lock.get_untracked().unwrap_or(DEFAULT_IDLE_LOCK_SECONDS),
                };
                let start = Start { initial: initial.clone(), passphrase: passphrase.clone(), on_save };
                view! { <div class="lokal-form" lang=code>{session(form, key, protection, lang, on_submit, sending, start)}</div> }.into_any()
            }
            None => view! { <div class="lokal-form" lang=code><p class="muted" role="status">{move || words(lang.get()).loading}</p></div> }.into_any(),
            Some(Err(problems)) => view! {
                <div class="lokal-form" lang=code>
                    <div class="notice notice-error" role="alert">
                        <p class="notice-title">{move || words(lang.get()).load_failed}</p>
                        <p>{move || words(lang.get()).load_failed_help}</p>
                        <details><summary>{move || if lang.get() == Lang::Da { "Tekniske detaljer" } else { "Technical details" }}</summary>
                            <pre class="payload">{problems.to_string()}</pre></details>
                    </div>
                </div>
            }
            .into_any(),
        }
    }
}

/// Reads the definition at `url`.
async fn load(url: Option<String>) -> Result<Arc<schema::Form>, Arc<str>> {
    let Some(url) = url.filter(|u| !u.trim().is_empty()) else {
        return Err(Arc::from("no form definition: set the form attribute"));
    };
    let json = vault::get_text(&url)
        .await
        .map_err(|e| Arc::<str>::from(format!("{url}: {}", e.0)))?;
    schema::Form::from_json(&json)
        .map(Arc::new)
        .map_err(|problems| {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            Arc::from(format!("{url}:\n{}", list.join("\n")))
        })
}

/// Today's date on this device.
pub(crate) fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as u16,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
    .unwrap_or_default()
}

/// The heading of item `n` (1-based) of a group: its `item_label` with
/// `{n}` filled in.
pub(crate) fn group_item_label(field: &Field, n: usize, ctx: Ctx) -> String {
    let pattern = field
        .item_label
        .as_ref()
        .map_or(ctx.words.item, |t| t.get(ctx.lang));
    if pattern.contains("{n}") {
        pattern.replace("{n}", &n.to_string())
    } else {
        format!("{pattern} {n}")
    }
}

/// Where the counts go, if anywhere, and when the form locks itself.
#[derive(Clone)]
struct Sending {
    collector: Option<String>,
    on_sent: Option<Callback<Outcome>>,
    idle_lock_seconds: u32,
}

/// How a session starts: answers to begin with, and the passphrase an
/// embedding app already holds.
#[derive(Clone, Default)]
struct Start {
    initial: Option<Answers>,
    passphrase: Option<String>,
    on_save: Option<Callback<Answers, Result<(), String>>>,
}

/// Seconds without input before a passphrase form locks, by default.
pub const DEFAULT_IDLE_LOCK_SECONDS: u32 = 600;

/// The tally of a finished form: one count per answered, aggregatable
/// single-choice question, and the comment (redacted), with a fresh
/// idempotency key. See `lokalform_forms::aggregate::Tally`: nothing else leaves.
fn tally_of(form: &schema::Form, done: &Answers) -> Tally {
    let choices: Vec<(String, String)> = form
        .fields
        .iter()
        .filter(|f| f.aggregate)
        .filter_map(|f| Some((f.id.clone(), done.get(&f.id)?.as_text()?.to_string())))
        .collect();
    let comment = form.comment_field().map(|f| done.text(&f.id).to_string());
    Tally::from_response(form, &vault::random_key(), &choices, comment.as_deref())
}

/// One filling-in of one definition.
fn session(
    form: Arc<schema::Form>,
    key: String,
    protection: Protection,
    lang: Memo<Lang>,
    on_submit: Option<Callback<Answers>>,
    sending: Sending,
    start: Start,
) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    let draft_id = if key.is_empty() {
        format!("form:{}", form.id)
    } else {
        format!("form:{}:{key}", form.id)
    };
    let answers = RwSignal::new(start.initial.clone().unwrap_or_default());
    let app_unlocked = start.passphrase.is_some();
    let app_passphrase = StoredValue::new(start.passphrase.clone());
    let refusal = RwSignal::new(None::<String>);
    let on_save = start.on_save;
    let step = RwSignal::new(0usize);
    let stage = RwSignal::new(Stage::Starting);
    let attempted = RwSignal::new(false);
    let restored = RwSignal::new(false);
    let confirm_delete = RwSignal::new(false);
    let saver = Saver::new(draft_id.clone(), protection);
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let sends = sending.collector.is_some();
    let today = today();
    let stored_form = StoredValue::new(form.clone());
    let shown = Memo::new(move |_| {
        let form = stored_form.get_value();
        answers.with(|a| visibility(&form.fields, a, None))
    });
    let issues = Memo::new(move |_| {
        let form = stored_form.get_value();
        answers.with(|a| check_step(&form, step.get(), a, today))
    });
    // What the views share, in the language on screen.
    let ctx_in = move |lang: Lang| Ctx {
        answers,
        issues,
        attempted,
        lang,
        words: form_words(lang),
        common: words(lang),
        form: stored_form,
        shown,
        root,
    };

    // Find the draft: a device-key draft is brought back at once; a
    // passphrase draft waits for the passphrase.
    {
        let draft_id = draft_id.clone();
        crate::task::spawn(async move {
            let next = match protection {
                Protection::Device => {
                    if let Some(d) = draft::load_device(&draft_id).await {
                        restore(answers, step, restored, d);
                    }
                    Stage::Filling
                }
                Protection::Passphrase => {
                    let existing = sealed::exists(&draft_id).await.unwrap_or(false);
                    match app_passphrase.get_value() {
                        // The app's passphrase opens (or starts) the draft;
                        // one it does not open is asked for as usual.
                        Some(pass) => match sealed::open(&draft_id, &pass).await {
                            Ok(text) => {
                                if let Some(d) = text.as_deref().and_then(FormDraft::parse) {
                                    restore(answers, step, restored, d);
                                }
                                Stage::Filling
                            }
                            Err(_) => Stage::Locked { existing },
                        },
                        None => Stage::Locked { existing },
                    }
                }
            };
            // The form may have gone while the key was derived: forget it.
            if stage.try_set(next).is_some() {
                sealed::lock(&draft_id);
            }
        });
    }
    // Leaving the form (the app moves elsewhere) forgets the draft's key.
    if protection == Protection::Passphrase {
        on_cleanup(move || saver.lock());
    }
    // Every change is saved at once, once the draft is open.
    Effect::new(move |_| {
        let d = FormDraft {
            step: step.get(),
            answers: answers.get(),
        };
        if matches!(stage.get(), Stage::Filling | Stage::Review) {
            saver.save(d);
        }
    });

    let go_to_step = move |s: usize, focus: Option<String>| {
        attempted.set(false);
        step.set(s);
        stage.set(Stage::Filling);
        let target = focus.unwrap_or_else(|| "lf-step-heading".into());
        request_animation_frame(move || focus_in(root, &target));
    };
    let next = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let blocked =
            issues.with_untracked(|all| all.iter().any(|i| i.severity == Severity::Error));
        if blocked {
            attempted.set(true);
            request_animation_frame(move || focus_in(root, "lf-error-summary"));
            return;
        }
        let last = stored_form.with_value(|f| f.steps.len().saturating_sub(1));
        let current = step.get_untracked();
        if current < last {
            go_to_step(current + 1, None);
        } else {
            attempted.set(false);
            stage.set(Stage::Review);
            request_animation_frame(move || focus_in(root, "lf-step-heading"));
        }
    };
    let go_change = Callback::new(move |(s, id): (usize, String)| go_to_step(s, Some(id)));
    let save = move |_| {
        let form = stored_form.get_value();
        let all =
            answers.with_untracked(|a| lokalform_forms::validate::check_form(&form, a, today));
        if let Some(first) = all.iter().find(|i| i.severity == Severity::Error) {
            // A change elsewhere made an earlier step incomplete.
            let top = first.path.split('.').next().unwrap_or_default().to_string();
            let s = form
                .fields
                .iter()
                .position(|f| f.id == top)
                .map_or(0, |i| form.step_of(i));
            go_to_step(s, None);
            attempted.set(true);
            request_animation_frame(move || focus_in(root, "lf-error-summary"));
            return;
        }
        let done = answers.with_untracked(|a| result(&form, a));
        let Some(collector) = sending.collector.clone() else {
            // Discard first: the app may move elsewhere when it takes them.
            saver.discard();
            let refused = on_save
                .and_then(|cb| cb.try_run(done.clone()))
                .and_then(Result::err);
            if let Some(why) = refused {
                // Nothing was taken: the draft stays, the person reads why.
                saver.save(FormDraft {
                    step: step.get_untracked(),
                    answers: answers.get_untracked(),
                });
                refusal.set(Some(why));
                request_animation_frame(move || focus_in(root, "lf-refusal"));
                return;
            }
            refusal.try_set(None);
            stage.try_set(Stage::Saved);
            if let Some(cb) = on_submit {
                cb.try_run(done);
            }
            request_animation_frame(move || focus_in(root, "lf-step-heading"));
            return;
        };
        // Send the counts; the answers stay on screen until that worked
        // (sent, or queued in the encrypted outbox).
        let tally = tally_of(&form, &done);
        outcome.set(None);
        busy.set(true);
        let on_sent = sending.on_sent;
        crate::task::spawn(async move {
            let result = submit::submit(Mode::Web, &collector, 5, tally).await;
            busy.try_set(false);
            if let Some(cb) = on_sent {
                cb.try_run(result);
            }
            outcome.try_set(Some(result));
            if matches!(result, Outcome::Sent | Outcome::Queued) {
                if let Some(cb) = on_submit {
                    cb.try_run(done);
                }
                saver.discard();
                stage.try_set(Stage::Saved);
            }
            request_animation_frame(move || focus_in(root, "lf-step-heading"));
        });
    };
    let initial = StoredValue::new(start.initial.clone().unwrap_or_default());
    let start_over = move || {
        answers.set(initial.get_value());
        step.set(0);
        attempted.set(false);
        restored.set(false);
        confirm_delete.set(false);
        refusal.set(None);
        if app_unlocked {
            // Keep the app's key: an empty draft replaces the old one.
            saver.save(FormDraft::default());
            stage.set(Stage::Filling);
            request_animation_frame(move || focus_in(root, "lf-step-heading"));
            return;
        }
        saver.discard();
        stage.set(match protection {
            Protection::Device => Stage::Filling,
            Protection::Passphrase => Stage::Locked { existing: false },
        });
        request_animation_frame(move || focus_in(root, "lf-title"));
    };

    // The worker leaves the table: the answers leave the screen and the
    // memory; the draft opens again only with the passphrase.
    let lock = move || {
        stage.set(Stage::Locked { existing: true });
        answers.set(Answers::default());
        restored.set(false);
        saver.lock();
        request_animation_frame(move || focus_in(root, "lf-pass"));
    };
    let last_input = StoredValue::new(js_sys::Date::now());
    if protection == Protection::Passphrase && sending.idle_lock_seconds > 0 {
        let limit = f64::from(sending.idle_lock_seconds) * 1000.0;
        let tick = move || {
            let open = matches!(stage.get_untracked(), Stage::Filling | Stage::Review);
            if open && js_sys::Date::now() - last_input.get_value() >= limit {
                lock();
            }
        };
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
    }
    let touch = move || last_input.set_value(js_sys::Date::now());
    let title = {
        let form = form.clone();
        move || form.title.get(lang.get()).to_string()
    };
    let intro = {
        let form = form.clone();
        move || {
            form.intro
                .as_ref()
                .map(|t| view! { <p class="intro">{t.get(lang.get()).to_string()}</p> })
        }
    };
    let body = move || {
        let lang = lang.get();
        let ctx = ctx_in(lang);
        let (words, common) = (ctx.words, ctx.common);
        match stage.get() {
            Stage::Starting => {
                view! { <p class="muted" role="status">{common.loading}</p> }.into_any()
            }
            Stage::Locked { existing } => unlock_panel(
                existing,
                draft_id.clone(),
                ctx,
                stage,
                step,
                restored,
                confirm_delete,
            )
            .into_any(),
            Stage::Filling => step_view(
                ctx,
                step,
                restored,
                confirm_delete,
                next,
                go_to_step,
                start_over,
                // An app that holds the passphrase locks the whole app.
                (protection == Protection::Passphrase && !app_unlocked).then_some(lock),
            )
            .into_any(),
            Stage::Review => {
                let form = stored_form.get_value();
                let list = answers
                    .with_untracked(|a| review::answers_list(&form, a, ctx, true, go_change));
                let back = form.steps.len().saturating_sub(1);
                // What leaves the device, exactly, before it does.
                let receipt = sends.then(|| {
                    let tally = answers.with_untracked(|a| tally_of(&form, &result(&form, a)));
                    let html = crate::feedback::review::receipt_html(&form, &tally, lang, common);
                    view! {
                        <section class="receipt-section">
                            <h3 class="review-step">{common.review_heading}</h3>
                            <p>{common.review_intro_web}</p>
                            <div class="receipt" inner_html=html></div>
                        </section>
                    }
                });
                let failed = move || match outcome.get() {
                    Some(Outcome::Failed) => Some(common.send_failed),
                    Some(Outcome::Rejected) => Some(common.rejected),
                    _ => None,
                };
                view! {
                <h3 class="step-title" id="lf-step-heading" tabindex="-1">{words.review_heading}</h3>
                <p class="intro">{words.review_intro}</p>
                {move || refusal.get().map(|m| view! { <p class="notice notice-error" role="alert" id="lf-refusal" tabindex="-1">{m}</p> })}
                {move || failed().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                {list}
                {receipt}
                <div class="actions">
                    <button type="button" class="button" on:click=save.clone() disabled=move || busy.get()>
                        {move || if busy.get() { common.sending } else if sends { common.send } else { words.save }}
                    </button>
                    <button type="button" class="button button-secondary" on:click=move |_| go_to_step(back, None)>{words.back}</button>
                </div>
            }
            .into_any()
            }
            Stage::Saved => {
                let form = stored_form.get_value();
                let list = answers
                    .with_untracked(|a| review::answers_list(&form, a, ctx, false, go_change));
                let thanks = form
                    .thanks
                    .as_ref()
                    .map(|t| view! { <p>{t.get(lang).to_string()}</p> });
                view! {
                <div class="notice no-print" role="status">
                    <h3 class="step-title" id="lf-step-heading" tabindex="-1">{if sends { common.thanks_heading } else { words.saved_heading }}</h3>
                    {thanks}
                    <p>{match outcome.get_untracked() {
                        Some(Outcome::Queued) => common.queued,
                        Some(_) => words.sent_text,
                        None => words.saved_text,
                    }}</p>
                </div>
                {list}
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>{words.print}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| start_over()>{words.new_form}</button>
                </div>
            }
            .into_any()
            }
        }
    };
    // A one-page form without a step title has no step heading of its own:
    // while it is filled in, its title is the step heading (focus goes
    // there), rather than an empty heading.
    let untitled = form.steps.len() == 1 && form.steps[0].title.is_none();
    let title_id = move || {
        if untitled && stage.get() == Stage::Filling {
            "lf-step-heading"
        } else {
            "lf-title"
        }
    };
    let storage_failed = move || {
        let text = form_words(lang.get()).storage_failed;
        saver
            .failed
            .get()
            .then(|| view! { <p class="notice notice-error" role="alert">{text}</p> })
    };
    view! {
        <div class="box" node_ref=root on:input=move |_| touch() on:keydown=move |_| touch() on:pointerdown=move |_| touch()>
            <h2 class="title" id=title_id tabindex="-1">{title}</h2>
            {intro}
            {storage_failed}
            {body}
        </div>
    }
}

fn restore(
    answers: RwSignal<Answers>,
    step: RwSignal<usize>,
    restored: RwSignal<bool>,
    d: FormDraft,
) {
    if d.answers.is_empty() {
        return;
    }
    answers.try_set(d.answers);
    step.try_set(d.step);
    restored.try_set(true);
}

/// The fewest characters of a new passphrase: a draft's, the programme's
/// registry's, a backup's.
pub const MIN_PASSPHRASE: usize = 8;

/// Why a new passphrase typed twice cannot be used, if it cannot: too
/// short, or the two differ. One rule and one wording wherever a
/// passphrase is chosen.
///
/// ```
/// use lokalform_forms::schema::Lang;
/// use lokalform_components::form::{form_words, new_passphrase_problem};
/// let words = form_words(Lang::Da);
/// assert_eq!(new_passphrase_problem(words, "kort", "kort"), Some(words.too_short));
/// assert_eq!(new_passphrase_problem(words, "lang nok kode", "lang nok"), Some(words.mismatch));
/// assert_eq!(new_passphrase_problem(words, "lang nok kode", "lang nok kode"), None);
/// ```
pub fn new_passphrase_problem(words: &FormWords, first: &str, again: &str) -> Option<&'static str> {
    if first.chars().count() < MIN_PASSPHRASE {
        return Some(words.too_short);
    }
    (first != again).then_some(words.mismatch)
}

/// The passphrase panel: choose one (new draft) or open the existing draft.
fn unlock_panel(
    existing: bool,
    draft_id: String,
    ctx: Ctx,
    stage: RwSignal<Stage>,
    step: RwSignal<usize>,
    restored: RwSignal<bool>,
    confirm_delete: RwSignal<bool>,
) -> impl IntoView {
    let words = ctx.words;
    let first = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let id_for_open = draft_id.clone();
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let pass = first.get_untracked();
        if !existing {
            if let Some(why) = new_passphrase_problem(words, &pass, &again.get_untracked()) {
                problem.set(Some(why));
                return;
            }
        } else if pass.is_empty() {
            problem.set(Some(words.too_short));
            return;
        }
        problem.set(None);
        busy.set(true);
        let id = id_for_open.clone();
        crate::task::spawn(async move {
            let opened = sealed::open(&id, &pass).await;
            busy.try_set(false);
            match opened {
                Ok(text) => {
                    if let Some(d) = text.as_deref().and_then(FormDraft::parse) {
                        restore(ctx.answers, step, restored, d);
                    }
                    stage.try_set(Stage::Filling);
                    request_animation_frame(move || focus_in(ctx.root, "lf-step-heading"));
                }
                Err(sealed::SealError::WrongPassphrase) => {
                    problem.try_set(Some(words.wrong_passphrase));
                    first.try_set(String::new());
                    request_animation_frame(move || focus_in(ctx.root, "lf-pass"));
                }
                Err(_) => {
                    problem.try_set(Some(words.storage_failed));
                }
            }
        });
    };
    let delete = move |_| {
        let id = draft_id.clone();
        crate::task::spawn(async move {
            let _ = sealed::discard(&id).await;
            confirm_delete.try_set(false);
            stage.try_set(Stage::Locked { existing: false });
            request_animation_frame(move || focus_in(ctx.root, "lf-pass"));
        });
    };
    let (heading, intro) = if existing {
        (words.open_heading, words.open_intro)
    } else {
        (words.protect_heading, words.protect_intro)
    };
    view! {
        <form class="unlock" novalidate on:submit=submit>
            <h3 class="step-title" id="lf-step-heading" tabindex="-1">{heading}</h3>
            <p>{intro}</p>
            {move || problem.get().map(|p| view! {
                <p class="field-error" role="alert" id="lf-pass-error"><span class="sr-only">{ctx.common.error_prefix}</span>{p}</p>
            })}
            <div class="field">
                <label class="label" for="lf-pass">{words.passphrase}</label>
                <p class="help" id="lf-pass-help">{words.passphrase_help}</p>
                <input id="lf-pass" class="input" type="password"
                    autocomplete=if existing { "current-password" } else { "new-password" }
                    aria-describedby=move || if problem.get().is_some() { "lf-pass-help lf-pass-error" } else { "lf-pass-help" }
                    aria-invalid=move || problem.get().map(|_| "true")
                    prop:value=move || first.get()
                    on:input=move |ev| first.set(event_target_value(&ev)) />
            </div>
            {(!existing).then(|| view! {
                <div class="field">
                    <label class="label" for="lf-pass-again">{words.passphrase_again}</label>
                    <input id="lf-pass-again" class="input" type="password" autocomplete="new-password"
                        prop:value=move || again.get()
                        on:input=move |ev| again.set(event_target_value(&ev)) />
                </div>
            })}
            <div class="actions">
                <button type="submit" class="button" disabled=move || busy.get()>
                    {move || if busy.get() { words.opening } else if existing { words.open } else { words.start }}
                </button>
                {existing.then(|| view! {
                    <button type="button" class="button button-secondary" on:click=move |_| confirm_delete.set(true)>{words.delete_draft}</button>
                })}
            </div>
            {move || confirm_delete.get().then(|| view! {
                <div class="notice notice-error" role="alert">
                    <p>{words.confirm_delete}</p>
                    <button type="button" class="button" on:click=delete.clone()>{words.yes_delete}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| confirm_delete.set(false)>{words.no_keep}</button>
                </div>
            })}
        </form>
    }
}

/// The step on screen: indicator, heading, error summary, fields, buttons.
// The session's actions come in as closures; a struct of them would need
// as many type parameters.
#[allow(clippy::too_many_arguments)]
fn step_view(
    ctx: Ctx,
    step: RwSignal<usize>,
    restored: RwSignal<bool>,
    confirm_delete: RwSignal<bool>,
    next: impl Fn(ev::SubmitEvent) + Clone + Send + Sync + 'static,
    go_to_step: impl Fn(usize, Option<String>) + Copy + Send + Sync + 'static,
    start_over: impl Fn() + Copy + Send + Sync + 'static,
    lock: Option<impl Fn() + Copy + Send + Sync + 'static>,
) -> impl IntoView {
    let words = ctx.words;
    let lang = ctx.lang;
    move || {
        let s = step.get();
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
                            <button type="button" class="button" on:click=move |_| start_over()>{words.yes_delete}</button>
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
            <form novalidate on:submit=next.clone()>
                {fields}
                <div class="actions">
                    <button type="submit" class="button">{words.next}</button>
                    {(s > 0).then(|| view! {
                        <button type="button" class="button button-secondary" on:click=move |_| go_to_step(s - 1, None)>{words.back}</button>
                    })}
                    {lock.map(|lock| view! {
                        <button type="button" class="button button-secondary" on:click=move |_| lock()>{words.lock}</button>
                    })}
                </div>
            </form>
        }
    }
}

/// The label of the field at a validation path, for the error summary:
/// `Navn`, or `Mål 2: Hvad vil du opnå?` inside a group.
fn path_label(form: &schema::Form, path: &str, ctx: Ctx) -> String {
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
fn error_summary(ctx: Ctx) -> impl IntoView {
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

/// Moves focus to the element with `id` inside the widget; a fieldset
/// hands focus to its first control.
pub(crate) fn focus_in(root: NodeRef<leptos::html::Div>, id: &str) {
    use wasm_bindgen::JsCast;
    let Some(root) = root.try_get_untracked().flatten() else {
        return;
    };
    let find = |id: &str| {
        root.query_selector(&format!("[id=\"{id}\"]"))
            .ok()
            .flatten()
    };
    // On a one-page form the title is the step heading (see `session`).
    let other = match id {
        "lf-step-heading" => "lf-title",
        "lf-title" => "lf-step-heading",
        _ => id,
    };
    let found = find(id).or_else(|| find(other));
    let Some(found) = found else {
        return;
    };
    let target = if found.tag_name().eq_ignore_ascii_case("fieldset") {
        found
            .query_selector("input, select, textarea, [tabindex=\"0\"]")
            .ok()
            .flatten()
            .unwrap_or(found)
    } else {
        found
    };
    if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}
