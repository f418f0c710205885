//! The project worker's application: one peer-support programme (the Vejle
//! model) on the worker's laptop or tablet — `<lokal-programme>` and
//! [`Programme`].
//!
//! Everything stays on the device. The registry (participants, CPR numbers,
//! wishes, measurements, pairs, contracts, meetings, exits) is one record
//! sealed with a key derived from the worker's passphrase
//! ([`crate::store::sealed`]); it is saved at every change, and locked
//! again after `idle-lock` seconds without input or when the worker
//! presses "Lås". What may leave the device is the evaluator export:
//! cohort aggregates with small cells suppressed ([`reports`]).
//!
//! | screen | module |
//! |---|---|
//! | unlock, or start / restore a registry | [`unlock`] |
//! | participants, one participant, recruiting | [`participants`], [`recruit`] |
//! | matching and pairs | [`matching`], [`pair`] |
//! | the contract and its print-out | [`contract`] |
//! | the exit conversation | [`exit`] |
//! | cohort report, hard cases, evaluator export | [`reports`] |
//! | imported instruments | [`instruments`] |
//! | backup and restore | [`backup`] |
//! | every fixed text, in Danish and English | [`words`] |
//!
//! ```no_run
//! use leptos::prelude::*;
//! use lokalform_components::programme::Programme;
//! let _view = view! { <Programme programme="vejle-2026" forms="/forms" /> };
//! ```

mod answers;
pub mod backup;
mod chart;
pub mod contract;
mod element;
pub mod exit;
mod files;
pub mod forms;
pub mod instruments;
pub mod matching;
pub mod outbox;
pub mod pair;
pub mod participants;
pub mod recruit;
pub mod reports;
mod store;
mod ui;
pub mod unlock;
pub mod words;

pub use element::{register, ELEMENT, TAG};
pub use words::{programme_words, ProgrammeWords};

use crate::common::element::emit;
use crate::common::idle::Idle;
use crate::common::outbox::Retry;
use crate::common::saver::Saver;
use leptos::prelude::*;
use lokalform_forms::record_id::programme_id;
use lokalform_forms::schema::Lang;
use lokalform_programme::{ProgrammeError, Registry, Role, When};
use store::RegistryRecord;

/// Seconds without input before the registry locks itself, by default.
pub const DEFAULT_IDLE_LOCK_SECONDS: u32 = 600;

/// The screen on show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Every participant.
    Participants,
    /// One participant, by id.
    Participant(String),
    /// Correcting a participant's details, by id.
    EditParticipant(String),
    /// The recruitment questionnaire for a new peer or mentor.
    Recruit(Role),
    /// A measurement for a participant taken after recruitment: id, and
    /// before or after.
    Measure(String, When),
    /// Waiting peers and mentors, and the pairs.
    Matching,
    /// One pair, by id.
    Pair(String),
    /// The contract form of a pair.
    Contract(String),
    /// The exit conversation of a pair.
    Exit(String),
    /// Cohort report, hard cases and the evaluator export.
    Reports,
    /// Measurement instruments.
    Instruments,
    /// Backup and restore.
    Backup,
}

/// The settings given by the embedding page.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The registry's id on this device (`programme` attribute).
    pub programme: String,
    /// Where the form definitions are (`forms` attribute), without a
    /// trailing slash.
    pub forms: String,
    /// A collector's base URL, for the evaluator export.
    pub collector: Option<String>,
    /// The municipality's name, for the evaluator export.
    pub municipality: String,
    /// The programme's name, for the evaluator export.
    pub title: String,
    /// The project leader's name, filled in on contracts.
    pub leader: String,
    /// The project leader's phone, filled in on contracts.
    pub leader_phone: String,
    /// Where to get help out of hours or in a crisis, filled in on
    /// contracts.
    pub crisis_help: String,
}

/// What every screen shares. `Copy`: every part is a handle.
#[derive(Clone, Copy)]
pub struct App {
    /// The language on screen.
    pub lang: Memo<Lang>,
    /// The registry, while unlocked (empty when locked).
    pub registry: RwSignal<Registry>,
    /// The screen on show.
    pub route: RwSignal<Route>,
    /// A short confirmation of the last change ("Ida er oprettet"), read
    /// out by screen readers.
    pub notice: RwSignal<Option<String>>,
    /// The passphrase the registry was opened with, while it is open: the
    /// forms' drafts open with it instead of asking again.
    pub passphrase: StoredValue<Option<String>>,
    /// The embedding page's settings.
    pub settings: StoredValue<Settings>,
    /// The widget's root, for moving focus.
    pub root: NodeRef<leptos::html::Div>,
    saver: Saver<RegistryRecord>,
    /// Whether the last save of the registry failed.
    pub save_failed: RwSignal<bool>,
    /// An evaluator export waiting for the collector ([`outbox`]).
    pub pending_export: RwSignal<Option<outbox::PendingExport>>,
    /// When the waiting export is tried again (while the registry is
    /// open).
    pub export_retry: StoredValue<Retry, LocalStorage>,
}

impl App {
    /// The words in the language on screen ([`words`]). Tracked: a view
    /// that says something through `words` is redrawn when the language
    /// changes.
    pub fn words(&self) -> &'static ProgrammeWords {
        programme_words(self.lang.get())
    }

    /// Applies `change` to a copy of the registry; when it succeeds, the
    /// copy replaces the registry and is saved, and `done` (if any) is
    /// announced. A refusal changes nothing and comes back as a sentence.
    pub fn change<T>(
        &self,
        done: Option<String>,
        change: impl FnOnce(&mut Registry) -> Result<T, ProgrammeError>,
    ) -> Result<T, String> {
        // Only the call is generic; the rest is one copy for every caller
        // (wasm size).
        let mut next = self.draft();
        match change(&mut next) {
            Ok(out) => {
                self.commit(next, done);
                Ok(out)
            }
            Err(e) => Err(self.refusal(&e)),
        }
    }

    /// A copy of the registry to change.
    #[inline(never)]
    fn draft(&self) -> Registry {
        self.registry.get_untracked()
    }

    /// The changed copy replaces the registry; `done` is announced.
    #[inline(never)]
    fn commit(&self, next: Registry, done: Option<String>) {
        self.replace(next);
        self.notice.set(done);
    }

    /// A refusal as a sentence in the language on screen.
    #[inline(never)]
    fn refusal(&self, e: &ProgrammeError) -> String {
        e.message(self.lang.get_untracked())
    }

    /// Replaces the registry (a restore) and saves it.
    pub fn replace(&self, registry: Registry) {
        self.saver.save(RegistryRecord(registry.clone()));
        self.registry.set(registry);
    }

    /// Shows `route` and moves focus to its heading.
    pub fn go(&self, route: Route) {
        self.route.set(route);
        let root = self.root;
        request_animation_frame(move || crate::common::focus::focus_id(root, "lp-heading"));
    }
}

/// A fresh random id for a participant or pair.
pub fn new_id(prefix: &str) -> String {
    let key = crate::store::vault::random_key();
    format!("{prefix}-{}", &key[..key.len().min(12)])
}

/// A participant's name by id ("?" when unknown).
pub fn name_of(registry: &Registry, id: &str) -> String {
    registry
        .participant(id)
        .map_or_else(|| "?".to_string(), |p| shown_name(&p.name))
}

/// A participant's name as shown: `–` for the empty placeholder left when
/// their data was deleted ([`Registry::delete_participant`]).
pub fn shown_name(name: &str) -> String {
    if name.is_empty() {
        "–".to_string()
    } else {
        name.to_string()
    }
}

/// "Ida og Ole": a pair by its two names.
pub fn pair_label(app: App, peer: &str, mentor: &str) -> String {
    (app.words().frame.pair_label)(peer, mentor)
}

/// The role's name.
pub fn role_name(role: Role, lang: Lang) -> &'static str {
    let words = &programme_words(lang).frame;
    match role {
        Role::Peer => words.peer_role,
        Role::Mentor => words.mentor_role,
    }
}

/// Where the worker is: locked, or in the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Looking up whether a registry exists.
    Starting,
    /// The passphrase is needed (or a new registry / a restore).
    Locked { existing: bool },
    /// Unlocked.
    Open,
}

/// The project worker's application for one programme.
#[component]
pub fn Programme(
    /// The registry's id on this device; several programmes can live side
    /// by side. Default `programme`.
    #[prop(into, optional)]
    programme: MaybeProp<String>,
    /// Where the form definitions are (default `/forms`).
    #[prop(into, optional)]
    forms: MaybeProp<String>,
    /// `da` (default) or `en`.
    #[prop(into, optional)]
    lang: MaybeProp<String>,
    /// A collector's base URL: the evaluator export can be sent there.
    #[prop(into, optional)]
    collector: MaybeProp<String>,
    /// The municipality's name, in the evaluator export.
    #[prop(into, optional)]
    municipality: MaybeProp<String>,
    /// The programme's name: the app's heading, and in the evaluator
    /// export.
    #[prop(into, optional)]
    programme_name: MaybeProp<String>,
    /// The project leader's name, filled in on contracts.
    #[prop(into, optional)]
    leader: MaybeProp<String>,
    /// The project leader's phone, filled in on contracts.
    #[prop(into, optional)]
    leader_phone: MaybeProp<String>,
    /// Where to get help out of hours or in a crisis (manual p. 23),
    /// filled in on contracts.
    #[prop(into, optional)]
    crisis_help: MaybeProp<String>,
    /// Seconds without input before the registry locks itself; 0 never.
    /// Default 600.
    #[prop(into, optional)]
    idle_lock: MaybeProp<u32>,
) -> impl IntoView {
    let lang = Memo::new(move |_| Lang::from_attr(&lang.get().unwrap_or_default()));
    // The id names stored records and locks: letters, digits, - and _
    // only (a ':' would let one programme's drafts pass for another's).
    let programme = programme_id(&programme.get_untracked().unwrap_or_default());
    let settings = Settings {
        programme: programme.clone(),
        forms: forms
            .get_untracked()
            .filter(|f| !f.trim().is_empty())
            .unwrap_or_else(|| "/forms".into())
            .trim_end_matches('/')
            .to_string(),
        collector: collector.get_untracked().filter(|c| !c.trim().is_empty()),
        municipality: municipality.get_untracked().unwrap_or_default(),
        title: programme_name.get_untracked().unwrap_or_default(),
        leader: leader.get_untracked().unwrap_or_default(),
        leader_phone: leader_phone.get_untracked().unwrap_or_default(),
        crisis_help: crisis_help.get_untracked().unwrap_or_default(),
    };
    let store_id = store::record_id(&programme);
    let saver = Saver::new(
        store_id.clone(),
        crate::common::saver::Protection::Passphrase,
    );
    let app = App {
        lang,
        registry: RwSignal::new(Registry::default()),
        route: RwSignal::new(Route::Participants),
        notice: RwSignal::new(None),
        passphrase: StoredValue::new(None),
        settings: StoredValue::new(settings),
        root: NodeRef::new(),
        saver,
        save_failed: saver.failed,
        pending_export: RwSignal::new(None),
        export_retry: StoredValue::new_local(Retry::default()),
    };
    on_cleanup(move || outbox::stop(app));
    let stage = RwSignal::new(Stage::Starting);
    {
        let id = store_id.clone();
        crate::common::task::spawn(async move {
            let existing = crate::store::sealed::exists(&id).await.unwrap_or(false);
            stage.try_set(Stage::Locked { existing });
            announce_locked(app);
        });
    }
    let opened = Callback::new(
        move |(registry, passphrase, fresh): (Registry, String, bool)| {
            app.passphrase.set_value(Some(passphrase));
            if fresh {
                app.replace(registry);
            } else {
                app.registry.set(registry);
            }
            // Unlocked again after a lock: back where the worker was (an
            // open form finds its draft again).
            if fresh {
                app.route.set(Route::Participants);
            }
            app.notice.set(None);
            stage.set(Stage::Open);
            crate::common::task::spawn(outbox::resume(app));
            let root = app.root;
            request_animation_frame(move || crate::common::focus::focus_id(root, "lp-heading"));
        },
    );
    let deleted = Callback::new(move |()| {
        app.route.set(Route::Participants);
        stage.set(Stage::Locked { existing: false });
        announce_locked(app);
        let root = app.root;
        request_animation_frame(move || crate::common::focus::focus_id(root, "lp-heading"));
    });
    // Locking takes the registry out of memory and forgets the key (after
    // the save under way, if any), and lets another tab open it.
    let lock = move || {
        app.saver.lock();
        outbox::lock(app);
        store::release(&app.settings.with_value(|s| s.programme.clone()));
        app.registry.set(Registry::default());
        app.passphrase.set_value(None);
        app.notice.set(None);
        stage.set(Stage::Locked { existing: true });
        announce_locked(app);
        let root = app.root;
        request_animation_frame(move || crate::common::focus::focus_id(root, "lp-heading"));
    };
    // The worker leaves the table: warned a minute before (WCAG 2.2.1),
    // then the registry locks itself.
    let idle_seconds = idle_lock
        .get_untracked()
        .unwrap_or(DEFAULT_IDLE_LOCK_SECONDS);
    let idle = Idle::watch_with_warning(
        move || (idle_seconds > 0 && stage.get_untracked() == Stage::Open).then_some(idle_seconds),
        lock,
    );
    {
        let programme = app.settings.with_value(|s| s.programme.clone());
        on_cleanup(move || store::release(&programme));
    }
    let body = move || match stage.get() {
        Stage::Starting => {
            view! { <p class="muted" role="status">{app.words().frame.loading}</p> }.into_any()
        }
        Stage::Locked { existing } => {
            unlock::unlock_screen(app, store_id.clone(), existing, opened, deleted).into_any()
        }
        Stage::Open => {
            open_view(app, idle_seconds, lock, idle.warning, move || idle.touch()).into_any()
        }
    };
    view! {
        <div class="lokal-programme" lang=move || lang.get().code() node_ref=app.root>
            {body}
        </div>
    }
}

/// Locked (also at the start, before it is opened) is when a page may
/// reload, e.g. to take a new version: `lokal-locked` (composed, no detail)
/// says so.
fn announce_locked(app: App) {
    if let Some(div) = app.root.try_get_untracked().flatten() {
        emit(
            &div,
            crate::common::element::Event::Locked,
            &wasm_bindgen::JsValue::UNDEFINED,
        );
    }
}

/// The unlocked application: navigation, the screen, the lock button.
fn open_view(
    app: App,
    idle: u32,
    lock: impl Fn() + Copy + Send + Sync + 'static,
    idle_warning: RwSignal<bool>,
    stay: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    // A manual lock while the last change is not saved asks first.
    let confirm_lock = RwSignal::new(false);
    let ask_lock = move || {
        if app.save_failed.get_untracked() {
            confirm_lock.set(true);
            let root = app.root;
            request_animation_frame(move || crate::common::focus::focus_id(root, "lp-lock-anyway"));
        } else {
            lock();
        }
    };
    let tab = move |route: Route, label: fn(&ProgrammeWords) -> &'static str| {
        let target = route.clone();
        let current = move || {
            let now = app.route.get();
            let section = |r: &Route| match r {
                Route::Participants
                | Route::Participant(_)
                | Route::EditParticipant(_)
                | Route::Recruit(_)
                | Route::Measure(..) => 0,
                Route::Matching | Route::Pair(_) | Route::Contract(_) | Route::Exit(_) => 1,
                Route::Reports => 2,
                Route::Instruments => 3,
                Route::Backup => 4,
            };
            (section(&now) == section(&target)).then_some("page")
        };
        view! {
            <li><button type="button" class="nav-link" aria-current=current
                on:click=move |_| { app.notice.set(None); app.go(route.clone()) }>{move || label(app.words())}</button></li>
        }
    };
    let screen = move || {
        let route = app.route.get();
        match route {
            Route::Participants => participants::list(app).into_any(),
            Route::Participant(id) => participants::detail(app, id).into_any(),
            Route::EditParticipant(id) => participants::edit(app, id).into_any(),
            Route::Recruit(role) => recruit::recruit(app, role).into_any(),
            Route::Measure(id, when) => recruit::measure(app, id, when).into_any(),
            Route::Matching => matching::overview(app).into_any(),
            Route::Pair(id) => pair::detail(app, id).into_any(),
            Route::Contract(id) => contract::contract_form(app, id).into_any(),
            Route::Exit(id) => exit::exit_form(app, id).into_any(),
            Route::Reports => reports::reports(app).into_any(),
            Route::Instruments => instruments::instruments(app).into_any(),
            Route::Backup => backup::backup(app).into_any(),
        }
    };
    let idle_note = move || {
        // Whole minutes are said as minutes; anything else in seconds.
        let words = &app.words().frame;
        let (n, unit) = match idle {
            60 => (1, words.minute),
            _ if idle.is_multiple_of(60) => (idle / 60, words.minutes),
            _ => (idle, words.seconds),
        };
        (words.idle_note)(n, unit)
    };
    view! {
        <div class="app-header no-print">
            <p class="app-title">{move || {
                let title = app.settings.with_value(|s| s.title.clone());
                if title.is_empty() { app.words().frame.default_title.to_string() } else { title }
            }}</p>
            <nav aria-label=move || app.words().frame.nav_label>
                <ul class="nav">
                    {tab(Route::Participants, |w| w.frame.participants_tab)}
                    {tab(Route::Matching, |w| w.frame.matching_tab)}
                    {tab(Route::Reports, |w| w.frame.reports_tab)}
                    {tab(Route::Instruments, |w| w.frame.instruments_tab)}
                    {tab(Route::Backup, |w| w.frame.backup_tab)}
                </ul>
            </nav>
            <div class="lock-row">
                <button type="button" class="button button-secondary" on:click=move |_| ask_lock()>
                    {move || app.words().frame.lock}
                </button>
                {(idle > 0).then(|| view! { <span class="muted">{idle_note}</span> })}
            </div>
            {move || confirm_lock.get().then(|| view! {
                <div class="notice notice-warning" role="alert">
                    <p>{app.words().frame.unsaved_lock_warning}</p>
                    <button type="button" class="button" id="lp-lock-anyway" on:click=move |_| { confirm_lock.set(false); lock() }>{app.words().frame.lock_anyway}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| { confirm_lock.set(false); app.go(Route::Backup) }>{app.words().frame.backup_first}</button>
                </div>
            })}
            {move || idle_warning.get().then(|| view! {
                <div class="notice notice-warning" role="alert">
                    <p>{app.words().frame.idle_warning}</p>
                    <button type="button" class="button" on:click=move |_| stay()>{app.words().frame.keep_working}</button>
                </div>
            })}
        </div>
        {move || app.save_failed.get().then(|| view! {
            <p class="notice notice-error" role="alert">{app.words().frame.save_failed}</p>
        })}
        <div class="notice-slot" role="status" aria-live="polite">
            {move || app.notice.get().map(|n| view! { <p class="notice notice-success">{n}</p> })}
        </div>
        <div class="screen">{screen}</div>
    }
}
