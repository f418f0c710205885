//! The feedback box on a web page, drawn as markup: [`WebBox`].
//!
//! A municipal page downloads this box and nothing else, so it is built
//! without the reactive framework the other widgets use (that alone was
//! about a third of the bundle): the state lives here, each step is markup
//! written once (the questions by [`super::questions`], the review and
//! thank-you steps by [`super::review`]), and one listener per kind of
//! event on the box's container acts on what the citizen does. The first
//! screen is the same markup ([`filling_html`]), which is how the bundle's
//! entry module can show it before the wasm arrives.
//!
//! A draft (encrypted) follows every change and is offered back after a
//! reload; answers go with [`crate::common::send::submit_web`], and the
//! citizen sees exactly what will be sent before anything goes.

use super::answers::{choose, problems};
use super::questions::{self, error_summary_html, input_of, question_html, Input, Shown};
use super::review::{done_html, review_html};
use super::{builtin, is_builtin, load, not_shown_html, tally_of, Definition, Outcome, Stage};
use crate::common::html::{action_of, element, set_markup, Button};
use crate::common::send;
use crate::common::words::{words, Words};
use crate::store::{drafts, outbox};
use lokalform_forms::record_id::RecordId;
use lokalform_forms::schema::{Form, Lang};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the page asks of the box: the element's attributes, or the
/// component's props.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// URL of a definition; `None` or blank: the built-in one.
    pub form: Option<String>,
    /// Base URL of the collector (empty: the page's origin).
    pub collector: String,
    /// The language.
    pub lang: Lang,
    /// Asked for `mode="kiosk"`: this box then only says which bundle to use.
    pub kiosk: bool,
    /// Keeps this instance's draft apart from other instances of the form.
    pub draft_key: String,
}

/// What the box tells the page.
#[derive(Clone, Default)]
pub struct Hooks {
    /// After each submit, with what became of the response.
    pub on_submitted: Option<Rc<dyn Fn(Outcome)>>,
    /// When the definition cannot be used, with the problems.
    pub on_error: Option<Rc<dyn Fn(String)>>,
}

/// The first screen of `form` in `lang`: the form with nothing answered.
/// The live box draws exactly this, and the build writes it into the
/// bundle's entry module for the built-in definition
/// ([`super::first_screen`]).
pub fn filling_html(form: &Form, lang: Lang) -> String {
    let words = words(lang);
    let mut out = String::from(r#"<div class="lokal-feedback""#);
    crate::common::html::attribute(&mut out, "lang", lang.code());
    out.push_str(r#"><div class="box"><h2 class="title" id="lokal-title" tabindex="-1">"#);
    crate::common::html::escape_html(form.title.get(lang), &mut out);
    out.push_str(r#"</h2><div class="lokal-filling"><div>"#);
    if let Some(text) = &form.intro {
        element(&mut out, "p", "intro", text.get(lang));
    }
    out.push_str(r#"</div><div class="notice" role="status" hidden>"#);
    element(&mut out, "p", "", words.draft_restored);
    Button {
        secondary: true,
        ..Button::new("start-over", words.start_over)
    }
    .write(&mut out);
    out.push_str("</div>");
    error_summary_html(&mut out, form, words);
    out.push_str("<form novalidate>");
    let mark_required = form.marks_required();
    for field in &form.fields {
        question_html(&mut out, field, lang, words, mark_required);
    }
    out.push_str(r#"<button type="submit" class="button">"#);
    crate::common::html::escape_html(words.next, &mut out);
    out.push_str(r#"</button></form></div><div class="lokal-step"></div></div></div>"#);
    out
}

/// The citizen's answers so far.
#[derive(Default)]
struct Answers {
    choices: Vec<(String, String)>,
    comment: String,
    /// Errors are shown once the citizen has tried to continue.
    show_errors: bool,
}

/// The box's state; the DOM under `root` shows it.
struct Inner {
    root: web_sys::Element,
    settings: Settings,
    hooks: Hooks,
    definition: Definition,
    /// Counts definitions asked for: a load that finishes after another
    /// was asked for is dropped.
    asked: u32,
    answers: Answers,
    stage: Stage,
    prepared: Option<lokalform_forms::aggregate::Tally>,
    send_error: Option<&'static str>,
    /// Where this definition's draft is kept, once it was read.
    draft: Option<String>,
}

/// The feedback box mounted in a container. Dropping it empties the
/// container; work still under way (a send, a draft) finishes without it.
pub struct WebBox {
    inner: Rc<RefCell<Inner>>,
    listener: Closure<dyn Fn(web_sys::Event)>,
}

/// The events the box listens for on its container.
const EVENTS: [&str; 4] = ["click", "change", "input", "submit"];

impl WebBox {
    /// Draws the box into `container` and starts it: the definition, the
    /// draft, and delivery of anything queued by an earlier page.
    pub fn mount(container: web_sys::Element, settings: Settings, hooks: Hooks) -> WebBox {
        outbox::start();
        let inner = Rc::new(RefCell::new(Inner {
            root: container.clone(),
            settings,
            hooks,
            definition: None,
            asked: 0,
            answers: Answers::default(),
            stage: Stage::Filling,
            prepared: None,
            send_error: None,
            draft: None,
        }));
        let weak = Rc::downgrade(&inner);
        let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if let Some(inner) = weak.upgrade() {
                on_event(&inner, &ev);
            }
        });
        for name in EVENTS {
            let _ =
                container.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        }
        let kiosk = inner.borrow().settings.kiosk;
        if kiosk {
            said_kiosk(&inner);
        }
        ask_definition(&inner, true);
        WebBox { inner, listener }
    }

    /// Applies changed settings: another language draws the box again
    /// with the answers kept; another definition starts from empty.
    pub fn update(&self, change: impl FnOnce(&mut Settings)) {
        let (old, new) = {
            let mut me = self.inner.borrow_mut();
            let old = me.settings.clone();
            change(&mut me.settings);
            (old, me.settings.clone())
        };
        if old.form != new.form {
            ask_definition(&self.inner, false);
        } else if old.lang != new.lang || old.kiosk != new.kiosk {
            self.inner.borrow_mut().draw();
        }
        if new.kiosk && !old.kiosk {
            said_kiosk(&self.inner);
        }
    }
}

impl Drop for WebBox {
    fn drop(&mut self) {
        // Removed while the box itself is at work (a host page's handler
        // of a focus event it caused): it stops with that work.
        let Ok(me) = self.inner.try_borrow() else {
            return;
        };
        for name in EVENTS {
            let _ = me
                .root
                .remove_event_listener_with_callback(name, self.listener.as_ref().unchecked_ref());
        }
        me.root.set_text_content(None);
    }
}

/// Tells the page that a kiosk needs the kiosk bundle.
fn said_kiosk(inner: &Rc<RefCell<Inner>>) {
    let (hook, lang) = {
        let me = inner.borrow();
        (me.hooks.on_error.clone(), me.settings.lang)
    };
    if let Some(hook) = hook {
        hook(words(lang).kiosk_bundle.to_string());
    }
}

/// Asks for the definition the settings name: the built-in one at once
/// (so the first draw is the form itself, as the pre-rendered first
/// screen shows it), another loaded. Answers to another definition would
/// not fit: they are cleared, except on the `first` ask.
fn ask_definition(inner: &Rc<RefCell<Inner>>, first: bool) {
    let url = {
        let mut me = inner.borrow_mut();
        me.asked += 1;
        if !first {
            me.forget_answers();
        }
        me.draft = None;
        me.settings.form.clone()
    };
    if is_builtin(url.as_deref()) {
        got_definition(inner, builtin());
        return;
    }
    inner.borrow_mut().definition = None;
    inner.borrow_mut().draw();
    let asked = inner.borrow().asked;
    let weak = Rc::downgrade(inner);
    crate::common::task::spawn(async move {
        let loaded = load(url).await;
        // The box may have been removed, or asked for another definition,
        // while this was loading.
        let Some(inner) = weak.upgrade() else {
            return;
        };
        if inner.borrow().asked == asked {
            got_definition(&inner, loaded);
        }
    });
}

/// Shows `definition`, or says why not; follows the draft of a usable one.
fn got_definition(inner: &Rc<RefCell<Inner>>, definition: Result<Arc<Form>, Arc<str>>) {
    let failed = definition.as_ref().err().map(ToString::to_string);
    let usable = definition.is_ok();
    let hook = {
        let mut me = inner.borrow_mut();
        me.definition = Some(definition);
        me.draw();
        me.hooks.on_error.clone()
    };
    if let (Some(problems), Some(hook)) = (failed, hook) {
        hook(problems);
    }
    if usable {
        follow_draft(inner);
    }
}

/// Offers back the draft of this definition, if one was kept and nothing
/// has been answered yet; from then on every change is kept.
fn follow_draft(inner: &Rc<RefCell<Inner>>) {
    let (id, asked) = {
        let me = inner.borrow();
        let Some(Ok(form)) = &me.definition else {
            return;
        };
        let id = RecordId::FeedbackDraft {
            form: &form.id,
            key: &me.settings.draft_key,
        }
        .to_string();
        (id, me.asked)
    };
    let weak = Rc::downgrade(inner);
    crate::common::task::spawn(async move {
        let found = drafts::load(&id).await;
        let Some(inner) = weak.upgrade() else {
            return; // the element was removed meanwhile
        };
        let mut me = inner.borrow_mut();
        if me.asked != asked {
            return;
        }
        if let Ok(Some(draft)) = found {
            let pristine = me.answers.choices.is_empty() && me.answers.comment.is_empty();
            if !draft.is_empty() && pristine {
                me.answers.choices = draft.answers;
                me.answers.comment = draft.comment;
                me.show_answers();
                me.show_restored(true);
            }
        }
        me.draft = Some(id);
        // Chosen before the draft was read (in the pre-rendered screen):
        // kept now.
        if !me.answers.choices.is_empty() || !me.answers.comment.is_empty() {
            me.keep_draft();
        }
    });
}

/// What the citizen did, wherever in the box.
fn on_event(inner: &Rc<RefCell<Inner>>, ev: &web_sys::Event) {
    // An event the box's own work caused (a control losing focus as
    // another takes it) comes while the box is busy: it is not the
    // citizen's.
    if inner.try_borrow_mut().is_err() {
        return;
    }
    match ev.type_().as_str() {
        "submit" => {
            ev.prevent_default();
            inner.borrow_mut().go_on();
        }
        "click" => {
            if let Some(target) = questions::summary_target(ev) {
                ev.prevent_default();
                inner.borrow().focus(&target);
                return;
            }
            match action_of(ev).as_deref() {
                Some("start-over" | "again") => inner.borrow_mut().start_over(),
                Some("change") => inner.borrow_mut().change(),
                Some("send") => send(inner),
                _ => {}
            }
        }
        _ => {
            if let Some(input) = input_of(ev) {
                inner.borrow_mut().answer(input);
            }
        }
    }
}

/// Sends the prepared response, then shows the thank-you step, or the
/// review again with what went wrong.
fn send(inner: &Rc<RefCell<Inner>>) {
    let (tally, collector) = {
        let mut me = inner.borrow_mut();
        if me.stage != Stage::Review {
            return;
        }
        let Some(tally) = me.prepared.clone() else {
            return;
        };
        me.stage = Stage::Sending;
        me.draw_step();
        (tally, me.settings.collector.clone())
    };
    let weak = Rc::downgrade(inner);
    crate::common::task::spawn(async move {
        let outcome = send::submit_web(&collector, tally).await;
        let Some(inner) = weak.upgrade() else {
            return;
        };
        let hook = inner.borrow().hooks.on_submitted.clone();
        if let Some(hook) = hook {
            hook(outcome); // outside the borrow: the page may act on it
        }
        let sent_draft = {
            let mut me = inner.borrow_mut();
            let words = words(me.settings.lang);
            let sent_draft = match outcome {
                Outcome::Failed | Outcome::Rejected | Outcome::TooOld => {
                    me.send_error = Some(super::send_problem(outcome, words));
                    me.stage = Stage::Review;
                    None
                }
                _ => {
                    me.forget_answers();
                    me.stage = Stage::Done(outcome);
                    me.show_answers();
                    me.draft.clone()
                }
            };
            me.draw_step();
            // Focus to what changed, so keyboard and screen-reader users
            // follow.
            me.focus(".step-heading");
            sent_draft
        };
        if let Some(id) = sent_draft {
            let _ = drafts::discard(&id).await;
        }
    });
}

impl Inner {
    fn words(&self) -> &'static Words {
        words(self.settings.lang)
    }

    fn form(&self) -> Option<Arc<Form>> {
        match &self.definition {
            Some(Ok(form)) => Some(form.clone()),
            _ => None,
        }
    }

    /// Draws the whole box for the settings, definition and stage.
    fn draw(&mut self) {
        let lang = self.settings.lang;
        let words = self.words();
        let notice = if self.settings.kiosk {
            Some([words.load_failed, words.kiosk_bundle])
        } else {
            match &self.definition {
                Some(Ok(_)) => None,
                None => Some([words.loading, ""]),
                Some(Err(_)) => Some([words.load_failed, words.load_failed_help]),
            }
        };
        if let Some(texts) = notice {
            set_markup(self.root.clone(), not_shown_html(lang, texts));
            return;
        }
        let Some(form) = self.form() else {
            return;
        };
        set_markup(self.root.clone(), filling_html(&form, lang));
        self.show_answers();
        self.show_restored(false);
        self.draw_step();
    }

    /// Back to empty questions: the answers, the prepared response and
    /// the last send problem are forgotten.
    fn forget_answers(&mut self) {
        self.answers = Answers::default();
        self.prepared = None;
        self.send_error = None;
        self.stage = Stage::Filling;
    }

    /// Makes the questions show the answers (and, once the citizen tried
    /// to go on, their problems). Whether a problem is shown.
    fn show_answers(&self) -> bool {
        let Some(form) = self.form() else {
            return false;
        };
        let (lang, words) = (self.settings.lang, self.words());
        let a = &self.answers;
        let problems = if a.show_errors {
            problems(&form, &a.choices, &a.comment, lang, words)
        } else {
            Vec::new()
        };
        let shown = Shown {
            choices: &a.choices,
            comment: &a.comment,
            problems: &problems,
        };
        questions::show(&self.root, &form, &shown, lang, words);
        !problems.is_empty()
    }

    /// Shows or hides "Vi har hentet de svar, du var i gang med".
    fn show_restored(&self, shown: bool) {
        if let Some(notice) = self.find(".lokal-filling > .notice") {
            let _ = notice.toggle_attribute_with_force("hidden", !shown);
        }
    }

    /// Draws the step after the questions (review, thank-you), or none;
    /// the questions are hidden, not removed, meanwhile.
    fn draw_step(&self) {
        let Some(form) = self.form() else {
            return;
        };
        let (lang, words) = (self.settings.lang, self.words());
        if let Some(filling) = self.find(".lokal-filling") {
            let _ = filling.toggle_attribute_with_force("hidden", self.stage != Stage::Filling);
        }
        let html = match (self.stage, &self.prepared) {
            (Stage::Review | Stage::Sending, Some(tally)) => review_html(
                &form,
                tally,
                lang,
                words,
                send::Mode::Web,
                self.stage == Stage::Sending,
                self.send_error,
            ),
            (Stage::Done(outcome), _) => {
                let thanks = form.thanks.as_ref().map(|t| t.get(lang));
                done_html(outcome, thanks, words, send::Mode::Web)
            }
            _ => String::new(),
        };
        if let Some(step) = self.find(".lokal-step") {
            set_markup(step, html);
        }
    }

    /// Records what the citizen chose or typed, shows it, and keeps the
    /// draft.
    fn answer(&mut self, input: Input) {
        match input {
            Input::Choice { question, value } => {
                choose(&mut self.answers.choices, &question, &value)
            }
            Input::Comment(text) => self.answers.comment = text,
        }
        self.show_answers();
        self.keep_draft();
    }

    /// "Fortsæt": the review, or the error summary.
    fn go_on(&mut self) {
        let Some(form) = self.form() else {
            return;
        };
        if self.stage != Stage::Filling {
            return;
        }
        self.answers.show_errors = true;
        if self.show_answers() {
            self.focus(".error-summary");
            return;
        }
        let a = &self.answers;
        self.prepared = Some(tally_of(&form, &a.choices, &a.comment));
        self.send_error = None;
        self.stage = Stage::Review;
        self.draw_step();
        self.focus(".step-heading");
    }

    /// "Ret dine svar": back to the questions, as they were.
    fn change(&mut self) {
        if self.stage != Stage::Review {
            return;
        }
        self.stage = Stage::Filling;
        self.draw_step();
        self.focus("#lokal-title");
    }

    /// "Start forfra" and "Giv ny feedback": empty questions, no draft.
    fn start_over(&mut self) {
        self.forget_answers();
        self.show_answers();
        self.show_restored(false);
        self.draw_step();
        self.keep_draft();
        self.focus("#lokal-title");
    }

    /// Keeps the answers as the draft (encrypted), or drops an empty one;
    /// not before the kept draft was read.
    fn keep_draft(&self) {
        let Some(id) = self.draft.clone() else {
            return;
        };
        let draft = drafts::Draft {
            answers: self.answers.choices.clone(),
            comment: self.answers.comment.clone(),
        };
        crate::common::task::spawn(async move {
            let _ = if draft.is_empty() {
                drafts::discard(&id).await
            } else {
                drafts::save(&id, &draft).await
            };
        });
    }

    fn find(&self, selector: &str) -> Option<web_sys::Element> {
        self.root.query_selector(selector).ok().flatten()
    }

    /// Moves focus to `selector`, so keyboard and screen-reader users
    /// follow what changed.
    fn focus(&self, selector: &str) {
        if let Some(el) = self
            .find(selector)
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }
}
