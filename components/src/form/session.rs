//! One filling-in of one definition: the state machine behind
//! `<lokal-form>`, without any rendering ([`super::view`] draws it).
//!
//! ```text
//! Starting ──(device draft, or the app's passphrase opens it)──> Filling
//!    └──(a passphrase is needed)──> Locked ──(opened)──> Filling
//! Filling ──"Næste" on the last step──> Review ──"Gem"/"Send"──> Saved
//!    ^  └──"Lås kladden" / idle──> Locked            │
//!    └──────────────"Udfyld et nyt skema"────────────┘
//! ```
//!
//! Every change while Filling or on Review is saved as a draft at once
//! through the ordered save queue ([`crate::common::saver`]); "Gem" hands
//! the answers to the embedding app (or sends the counts to a collector,
//! after the receipt) and deletes the draft; locking forgets the key.

use super::draft::{self, FormDraft};
use super::words::form_words;
use super::{focus_in, Ctx};
use crate::common::idle::Idle;
use crate::common::saver::{Protection, Saver};
use crate::common::send::{self, Mode, Outcome};
use crate::common::today::{this_week, today};
use crate::common::words::words;
use crate::store::{sealed, vault};
use leptos::prelude::*;
use lokalform_forms::aggregate::Tally;
use lokalform_forms::answers::{Answers, Value};
use lokalform_forms::schema::{self, Lang};
use lokalform_forms::validate::{check_form, check_step, result, visibility, Issue, Severity};
use lokalform_text::date::Date;
use std::sync::Arc;

/// Where the person is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
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

/// Where the counts go, if anywhere, and when the form locks itself.
#[derive(Clone)]
pub(super) struct Sending {
    pub collector: Option<String>,
    pub on_sent: Option<Callback<Outcome>>,
    pub idle_lock_seconds: u32,
}

/// How a session starts: answers to begin with, the passphrase an
/// embedding app already holds, and who takes the finished answers.
#[derive(Clone, Default)]
pub(super) struct Start {
    pub initial: Option<Answers>,
    pub passphrase: Option<String>,
    pub on_submit: Option<Callback<Answers>>,
    pub on_save: Option<Callback<Answers, Result<(), String>>>,
}

/// One filling-in. `Copy`: every part is a handle.
#[derive(Clone, Copy)]
pub(super) struct Session {
    pub form: StoredValue<Arc<schema::Form>>,
    pub draft_id: StoredValue<String>,
    pub protection: Protection,
    pub answers: RwSignal<Answers>,
    pub step: RwSignal<usize>,
    pub stage: RwSignal<Stage>,
    /// Whether the person tried to go on from this step (errors show).
    pub attempted: RwSignal<bool>,
    /// Whether a draft was brought back (the notice says so).
    pub restored: RwSignal<bool>,
    pub confirm_delete: RwSignal<bool>,
    /// Why the embedding app refused the answers, if it did.
    pub refusal: RwSignal<Option<String>>,
    /// What became of the counts sent to the collector.
    pub outcome: RwSignal<Option<Outcome>>,
    /// Sending is under way.
    pub busy: RwSignal<bool>,
    pub saver: Saver<FormDraft>,
    /// Which top-level fields are shown.
    pub shown: Memo<Vec<bool>>,
    /// The issues of the step on screen.
    pub issues: Memo<Vec<Issue>>,
    pub root: NodeRef<leptos::html::Div>,
    /// Watches for the worker leaving the table (passphrase forms only).
    pub idle: Option<Idle>,
    /// The embedding app holds the passphrase: it locks, not the form.
    app_unlocked: bool,
    app_passphrase: StoredValue<Option<String>>,
    collector: StoredValue<Option<String>>,
    initial: StoredValue<Answers>,
    on_submit: Option<Callback<Answers>>,
    on_save: Option<Callback<Answers, Result<(), String>>>,
    on_sent: Option<Callback<Outcome>>,
    today: Date,
}

impl Session {
    /// Starts a session: looks up the draft, saves every change, and
    /// watches for idleness.
    pub fn start(
        form: Arc<schema::Form>,
        draft_id: String,
        protection: Protection,
        sending: Sending,
        start: Start,
    ) -> Session {
        let today = today();
        let form = StoredValue::new(form);
        let answers = RwSignal::new(start.initial.clone().unwrap_or_default());
        let step = RwSignal::new(0usize);
        let shown = Memo::new(move |_| {
            let form = form.get_value();
            answers.with(|a| visibility(&form.fields, a, None))
        });
        let issues = Memo::new(move |_| {
            let form = form.get_value();
            answers.with(|a| check_step(&form, step.get(), a, today))
        });
        let mut session = Session {
            form,
            draft_id: StoredValue::new(draft_id.clone()),
            protection,
            answers,
            step,
            stage: RwSignal::new(Stage::Starting),
            attempted: RwSignal::new(false),
            restored: RwSignal::new(false),
            confirm_delete: RwSignal::new(false),
            refusal: RwSignal::new(None),
            outcome: RwSignal::new(None),
            busy: RwSignal::new(false),
            saver: Saver::new(draft_id, protection),
            shown,
            issues,
            root: NodeRef::new(),
            idle: None,
            app_unlocked: start.passphrase.is_some(),
            app_passphrase: StoredValue::new(start.passphrase),
            collector: StoredValue::new(sending.collector),
            initial: StoredValue::new(start.initial.unwrap_or_default()),
            on_submit: start.on_submit,
            on_save: start.on_save,
            on_sent: sending.on_sent,
            today,
        };
        session.find_draft();
        // Leaving the form (the app moves elsewhere) forgets the draft's key.
        if protection == Protection::Passphrase {
            let saver = session.saver;
            on_cleanup(move || saver.lock());
        }
        // Every change is saved at once, once the draft is open.
        let (stage, saver) = (session.stage, session.saver);
        Effect::new(move |_| {
            let d = FormDraft {
                step: step.get(),
                answers: answers.get(),
            };
            if matches!(stage.get(), Stage::Filling | Stage::Review) {
                saver.save(d);
            }
        });
        // The worker leaves the table: after the quiet time the form locks.
        let seconds = sending.idle_lock_seconds;
        if session.can_lock() && seconds > 0 {
            let s = session;
            let open = move || matches!(stage.get_untracked(), Stage::Filling | Stage::Review);
            let idle =
                Idle::watch_with_warning(move || open().then_some(seconds), move || s.lock());
            session.idle = Some(idle);
        }
        session
    }

    /// A device-key draft is brought back at once; a passphrase draft
    /// waits for the passphrase (or opens with the app's).
    fn find_draft(self) {
        let s = self;
        let draft_id = self.draft_id.get_value();
        crate::common::task::spawn(async move {
            let next = match s.protection {
                Protection::Device => {
                    if let Some(d) = draft::load_device(&draft_id).await {
                        s.restore(d);
                    }
                    Stage::Filling
                }
                Protection::Passphrase => {
                    let existing = sealed::exists(&draft_id).await.unwrap_or(false);
                    match s.app_passphrase.try_get_value().flatten() {
                        // The app's passphrase opens (or starts) the draft;
                        // one it does not open is asked for as usual.
                        Some(pass) => match sealed::open(&draft_id, &pass).await {
                            Ok(text) => {
                                if let Some(d) = text.as_deref().and_then(FormDraft::parse) {
                                    s.restore(d);
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
            if s.stage.try_set(next).is_some() {
                sealed::lock(&draft_id);
            }
        });
    }

    /// Brings a found draft back (an empty one changes nothing).
    pub fn restore(self, d: FormDraft) {
        if d.answers.is_empty() {
            return;
        }
        self.answers.try_set(d.answers);
        self.step.try_set(d.step);
        self.restored.try_set(true);
    }

    /// The draft is open (after the passphrase): bring it back and go on.
    pub fn opened(self, draft: Option<FormDraft>) {
        if let Some(d) = draft {
            self.restore(d);
        }
        self.stage.try_set(Stage::Filling);
        let root = self.root;
        request_animation_frame(move || focus_in(root, "lf-step-heading"));
    }

    /// Whether saving sends counts to a collector.
    pub fn sends(self) -> bool {
        self.collector.with_value(Option::is_some)
    }

    /// Whether the form locks itself (a passphrase form the embedding app
    /// does not hold the passphrase of).
    pub fn can_lock(self) -> bool {
        self.protection == Protection::Passphrase && !self.app_unlocked
    }

    /// What the views share, in `lang`.
    pub fn ctx(self, lang: Lang) -> Ctx {
        Ctx {
            answers: self.answers,
            issues: self.issues,
            attempted: self.attempted,
            lang,
            words: form_words(lang),
            common: words(lang),
            form: self.form,
            shown: self.shown,
            root: self.root,
        }
    }

    /// Shows step `s`, with focus on `focus` (a control's id) or on the
    /// step's heading.
    pub fn go_to_step(self, s: usize, focus: Option<String>) {
        self.attempted.set(false);
        self.step.set(s);
        self.stage.set(Stage::Filling);
        let target = focus.unwrap_or_else(|| "lf-step-heading".into());
        let root = self.root;
        request_animation_frame(move || focus_in(root, &target));
    }

    /// "Næste": the error summary when the step needs a change, else the
    /// next step or "Tjek dine svar".
    pub fn next(self) {
        let root = self.root;
        let blocked = self
            .issues
            .with_untracked(|all| all.iter().any(|i| i.severity == Severity::Error));
        if blocked {
            self.attempted.set(true);
            request_animation_frame(move || focus_in(root, "lf-error-summary"));
            return;
        }
        let last = self.form.with_value(|f| f.steps.len().saturating_sub(1));
        let current = self.step.get_untracked();
        if current < last {
            self.go_to_step(current + 1, None);
        } else {
            self.attempted.set(false);
            self.stage.set(Stage::Review);
            request_animation_frame(move || focus_in(root, "lf-step-heading"));
        }
    }

    /// "Gem skemaet" / "Send": the answers go to the embedding app, or the
    /// counts to the collector; the draft is deleted once they are taken.
    pub fn save(self) {
        let root = self.root;
        let form = self.form.get_value();
        let all = self
            .answers
            .with_untracked(|a| check_form(&form, a, self.today));
        if let Some(first) = all.iter().find(|i| i.severity == Severity::Error) {
            // A change elsewhere made an earlier step incomplete.
            let top = first.path.split('.').next().unwrap_or_default().to_string();
            let s = form
                .fields
                .iter()
                .position(|f| f.id == top)
                .map_or(0, |i| form.step_of(i));
            self.go_to_step(s, None);
            self.attempted.set(true);
            request_animation_frame(move || focus_in(root, "lf-error-summary"));
            return;
        }
        let done = self.answers.with_untracked(|a| result(&form, a));
        let Some(collector) = self.collector.get_value() else {
            // Discard first: the app may move elsewhere when it takes them.
            self.saver.discard();
            let refused = self
                .on_save
                .and_then(|cb| cb.try_run(done.clone()))
                .and_then(Result::err);
            if let Some(why) = refused {
                // Nothing was taken: the draft stays, the person reads why.
                self.saver.save(FormDraft {
                    step: self.step.get_untracked(),
                    answers: self.answers.get_untracked(),
                });
                self.refusal.set(Some(why));
                request_animation_frame(move || focus_in(root, "lf-refusal"));
                return;
            }
            self.refusal.try_set(None);
            self.stage.try_set(Stage::Saved);
            if let Some(cb) = self.on_submit {
                cb.try_run(done);
            }
            request_animation_frame(move || focus_in(root, "lf-step-heading"));
            return;
        };
        // Send the counts; the answers stay on screen until that worked
        // (sent, or queued in the encrypted outbox).
        let tally = tally_of(&form, &done);
        self.outcome.set(None);
        self.busy.set(true);
        let s = self;
        crate::common::task::spawn(async move {
            let result = send::submit(Mode::Web, &collector, 5, tally).await;
            s.busy.try_set(false);
            if let Some(cb) = s.on_sent {
                cb.try_run(result);
            }
            s.outcome.try_set(Some(result));
            if matches!(result, Outcome::Sent | Outcome::Queued) {
                if let Some(cb) = s.on_submit {
                    cb.try_run(done);
                }
                s.saver.discard();
                s.stage.try_set(Stage::Saved);
            }
            request_animation_frame(move || focus_in(root, "lf-step-heading"));
        });
    }

    /// "Udfyld et nyt skema" / "Ja, slet kladden": back to the start with
    /// the initial answers; the old draft goes.
    pub fn start_over(self) {
        let root = self.root;
        self.answers.set(self.initial.get_value());
        self.step.set(0);
        self.attempted.set(false);
        self.restored.set(false);
        self.confirm_delete.set(false);
        self.refusal.set(None);
        if self.app_unlocked {
            // Keep the app's key: an empty draft replaces the old one.
            self.saver.save(FormDraft::default());
            self.stage.set(Stage::Filling);
            request_animation_frame(move || focus_in(root, "lf-step-heading"));
            return;
        }
        self.saver.discard();
        self.stage.set(match self.protection {
            Protection::Device => Stage::Filling,
            Protection::Passphrase => Stage::Locked { existing: false },
        });
        request_animation_frame(move || focus_in(root, "lf-title"));
    }

    /// The worker leaves the table: the answers leave the screen and the
    /// memory; the draft opens again only with the passphrase.
    pub fn lock(self) {
        self.stage.set(Stage::Locked { existing: true });
        self.answers.set(Answers::default());
        self.restored.set(false);
        self.saver.lock();
        let root = self.root;
        request_animation_frame(move || focus_in(root, "lf-pass"));
    }

    /// What leaves the device when this form is sent, for the receipt.
    pub fn tally(self) -> Tally {
        let form = self.form.get_value();
        self.answers
            .with_untracked(|a| tally_of(&form, &result(&form, a)))
    }
}

/// The tally of a finished form: one count per answered, aggregatable
/// single-choice question, and the comment (redacted), with a fresh
/// idempotency key and this week. See `lokalform_forms::aggregate::Tally`: nothing else
/// leaves.
fn tally_of(form: &schema::Form, done: &Answers) -> Tally {
    // A multiple-choice question's picks each become a pair.
    let choices: Vec<(String, String)> = form
        .fields
        .iter()
        .filter(|f| f.aggregate)
        .flat_map(|f| match done.get(&f.id) {
            Some(Value::List(picks)) => picks.iter().map(|p| (f.id.clone(), p.clone())).collect(),
            Some(value) => value
                .as_text()
                .map(|t| vec![(f.id.clone(), t.to_string())])
                .unwrap_or_default(),
            None => Vec::new(),
        })
        .collect();
    let comment = form.comment_field().map(|f| done.text(&f.id).to_string());
    let mut tally = Tally::from_response(form, &vault::random_key(), &choices, comment.as_deref());
    tally.week = Some(this_week());
    tally
}
