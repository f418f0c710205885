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
//!
//! ```no_run
//! use leptos::prelude::*;
//! use lokalform_components::programme::Programme;
//! let _view = view! { <Programme programme="vejle-2026" forms="/forms" /> };
//! ```

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

pub use element::{register, TAG};

use crate::common::outbox::Retry;
use crate::form::draft::Saver;
use leptos::prelude::*;
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
    /// `da` or `en`, whichever is on screen. Tracked: a view that says
    /// something through `t` is redrawn when the language changes.
    pub fn t(&self, da: &'static str, en: &'static str) -> &'static str {
        match self.lang.get() {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    /// Applies `change` to a copy of the registry; when it succeeds, the
    /// copy replaces the registry and is saved, and `done` (if any) is
    /// announced. A refusal changes nothing and comes back as a sentence.
    pub fn change<T>(
        &self,
        done: Option<String>,
        change: impl FnOnce(&mut Registry) -> Result<T, ProgrammeError>,
    ) -> Result<T, String> {
        let mut next = self.registry.get_untracked();
        let out = change(&mut next).map_err(|e| e.message(self.lang.get_untracked()))?;
        self.replace(next);
        self.notice.set(done);
        Ok(out)
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
        request_animation_frame(move || crate::form::focus_in(root, "lp-heading"));
    }
}

/// Today's date on this device.
pub(crate) use crate::form::today;

/// A fresh random id for a participant or pair.
pub fn new_id(prefix: &str) -> String {
    let key = crate::store::vault::random_key();
    format!("{prefix}-{}", &key[..key.len().min(12)])
}

/// A participant's name by id ("?" when unknown).
pub fn name_of(registry: &Registry, id: &str) -> String {
    registry
        .participant(id)
        .map_or_else(|| "?".to_string(), |p| p.name.clone())
}

/// "Ida og Ole": a pair by its two names.
pub fn pair_label(app: App, peer: &str, mentor: &str) -> String {
    format!("{peer} {} {mentor}", app.t("og", "and"))
}

/// The role's name.
pub fn role_name(role: Role, lang: Lang) -> &'static str {
    match (role, lang) {
        (Role::Peer, _) => "peer",
        (Role::Mentor, Lang::Da) => "peer-mentor",
        (Role::Mentor, Lang::En) => "peer mentor",
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
    /// Seconds without input before the registry locks itself; 0 never.
    /// Default 600.
    #[prop(into, optional)]
    idle_lock: MaybeProp<u32>,
) -> impl IntoView {
    let lang = Memo::new(move |_| Lang::from_attr(&lang.get().unwrap_or_default()));
    // The id names stored records and locks: letters, digits, - and _
    // only (a ':' would let one programme's drafts pass for another's).
    let programme: String = programme
        .get_untracked()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "programme".into())
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
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
    };
    let store_id = store::record_id(&programme);
    let saver = Saver::new(store_id.clone(), crate::form::draft::Protection::Passphrase);
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
    let idle_warning = RwSignal::new(false);
    {
        let id = store_id.clone();
        crate::task::spawn(async move {
            let existing = crate::store::sealed::exists(&id).await.unwrap_or(false);
            stage.try_set(Stage::Locked { existing });
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
            crate::task::spawn(outbox::resume(app));
            let root = app.root;
            request_animation_frame(move || crate::form::focus_in(root, "lp-heading"));
        },
    );
    let deleted = Callback::new(move |()| {
        app.route.set(Route::Participants);
        stage.set(Stage::Locked { existing: false });
        let root = app.root;
        request_animation_frame(move || crate::form::focus_in(root, "lp-heading"));
    });
    // Locking takes the registry out of memory and forgets the key (after
    // the save under way, if any), and lets another tab open it.
    let lock = move || {
        app.saver.lock();
        outbox::lock(app);
        store::release(&app.settings.with_value(|s| s.programme.clone()));
        idle_warning.set(false);
        app.registry.set(Registry::default());
        app.passphrase.set_value(None);
        app.notice.set(None);
        stage.set(Stage::Locked { existing: true });
        let root = app.root;
        request_animation_frame(move || crate::form::focus_in(root, "lp-heading"));
    };
    let last_input = StoredValue::new(js_sys::Date::now());
    let idle = idle_lock
        .get_untracked()
        .unwrap_or(DEFAULT_IDLE_LOCK_SECONDS);
    if idle > 0 {
        let limit = f64::from(idle) * 1000.0;
        // Warned a minute before (a quarter of the time on short locks),
        // as WCAG 2.2.1 asks of a time limit.
        let warn_at = limit - (limit / 4.0).min(60_000.0);
        let tick = move || {
            if stage.get_untracked() != Stage::Open {
                return;
            }
            let quiet = js_sys::Date::now() - last_input.get_value();
            if quiet >= limit {
                lock();
            } else if quiet >= warn_at && !idle_warning.get_untracked() {
                idle_warning.set(true);
            }
        };
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
    }
    {
        let programme = app.settings.with_value(|s| s.programme.clone());
        on_cleanup(move || store::release(&programme));
    }
    let touch = move || {
        last_input.set_value(js_sys::Date::now());
        if idle_warning.get_untracked() {
            idle_warning.set(false);
        }
    };
    let body = move || match stage.get() {
        Stage::Starting => {
            view! { <p class="muted" role="status">{app.t("Indlæser …", "Loading …")}</p> }
                .into_any()
        }
        Stage::Locked { existing } => {
            unlock::unlock_screen(app, store_id.clone(), existing, opened, deleted).into_any()
        }
        Stage::Open => open_view(app, idle, lock, idle_warning, touch).into_any(),
    };
    view! {
        <div class="lokal-programme" lang=move || lang.get().code() node_ref=app.root
            on:input=move |_| touch() on:keydown=move |_| touch() on:pointerdown=move |_| touch()
            on:pointermove=move |_| touch() on:wheel=move |_| touch()>
            {body}
        </div>
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
            request_animation_frame(move || crate::form::focus_in(root, "lp-lock-anyway"));
        } else {
            lock();
        }
    };
    let tab = move |route: Route, da: &'static str, en: &'static str| {
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
                on:click=move |_| { app.notice.set(None); app.go(route.clone()) }>{move || if app.lang.get() == Lang::Da { da } else { en }}</button></li>
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
        let (n, da, en) = match idle {
            60 => (1, "minut", "minute"),
            _ if idle.is_multiple_of(60) => (idle / 60, "minutter", "minutes"),
            _ => (idle, "sekunder", "seconds"),
        };
        match app.lang.get() {
            Lang::Da => format!("Registret låser sig selv efter {n} {da} uden aktivitet."),
            Lang::En => format!("The registry locks itself after {n} {en} without activity."),
        }
    };
    view! {
        <div class="app-header no-print">
            <p class="app-title">{move || {
                let title = app.settings.with_value(|s| s.title.clone());
                if title.is_empty() { app.t("Peer-programmet", "The peer programme").to_string() } else { title }
            }}</p>
            <nav aria-label=move || app.t("Programmet", "The programme")>
                <ul class="nav">
                    {tab(Route::Participants, "Deltagere", "Participants")}
                    {tab(Route::Matching, "Match og par", "Matching and pairs")}
                    {tab(Route::Reports, "Rapporter", "Reports")}
                    {tab(Route::Instruments, "Måleredskaber", "Instruments")}
                    {tab(Route::Backup, "Sikkerhedskopi", "Backup")}
                </ul>
            </nav>
            <div class="lock-row">
                <button type="button" class="button button-secondary" on:click=move |_| ask_lock()>
                    {move || app.t("Lås registret", "Lock the registry")}
                </button>
                {(idle > 0).then(|| view! { <span class="muted">{idle_note}</span> })}
            </div>
            {move || confirm_lock.get().then(|| view! {
                <div class="notice notice-warning" role="alert">
                    <p>{app.t(
                        "Den seneste ændring er ikke gemt på enheden og går tabt, hvis du låser nu. Tag en sikkerhedskopi først.",
                        "The latest change is not saved on the device and is lost if you lock now. Make a backup first.")}</p>
                    <button type="button" class="button" id="lp-lock-anyway" on:click=move |_| { confirm_lock.set(false); lock() }>{app.t("Lås alligevel", "Lock anyway")}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| { confirm_lock.set(false); app.go(Route::Backup) }>{app.t("Tag en sikkerhedskopi", "Make a backup")}</button>
                </div>
            })}
            {move || idle_warning.get().then(|| view! {
                <div class="notice notice-warning" role="alert">
                    <p>{app.t(
                        "Registret låser sig selv om lidt, fordi der ikke er sket noget et stykke tid.",
                        "The registry will lock itself shortly, as nothing has happened for a while.")}</p>
                    <button type="button" class="button" on:click=move |_| stay()>{app.t("Bliv ved", "Keep working")}</button>
                </div>
            })}
        </div>
        {move || app.save_failed.get().then(|| view! {
            <p class="notice notice-error" role="alert">{app.t(
                "Ændringen kunne ikke gemmes på enheden. Tag en sikkerhedskopi, og prøv igen.",
                "The change could not be saved on the device. Make a backup and try again.")}</p>
        })}
        <div class="notice-slot" role="status" aria-live="polite">
            {move || app.notice.get().map(|n| view! { <p class="notice notice-success">{n}</p> })}
        </div>
        <div class="screen">{screen}</div>
    }
}
