//! The feedback box on a shared tablet: [`KioskBox`], `<lokal-feedback
//! mode="kiosk">` with the kiosk bundle (`lokalform-kiosk.js`).
//!
//! Made for nervous hands: one question a screen ("Spørgsmål 2 af 6"),
//! large targets, "Tilbage" without losing anything, "Vil helst ikke
//! svare" on every optional question (it also takes back a tapped
//! answer), and a tap on an answer moves on by itself. Before the idle
//! reset "Er du her stadig?" counts down with a button to go on; the
//! reset, and every new person, starts from a new generation of the
//! whole box: its answers, screens and their DOM are dropped, and nothing
//! is put in the page's history. Nothing leads out (no links, no text
//! selection or context menu outside the comment box); the thank-you
//! screen returns to the start by itself. Responses are kept encrypted on
//! the tablet and leave only in batches of at least k
//! ([`crate::common::send::submit_kiosk`]), sent with the tablet's
//! credential once it is enrolled. Staff reach their own view ([`staff`])
//! by holding the start screen's heading for 3 seconds (or
//! Ctrl+Shift+Enter) and a PIN.
//!
//! Only the kiosk bundle links this module: a municipal page's feedback
//! bundle (and the apps' all-widgets bundle) carries none of it, and says
//! which bundle to use when asked for `mode="kiosk"`.
//!
//! ```html
//! <script type="module" src="/lokalform/kiosk/lokalform-kiosk.js"></script>
//! <lokal-feedback mode="kiosk" idle-seconds="60" batch-size="5"></lokal-feedback>
//! ```
//! In a Leptos app:
//! ```no_run
//! use leptos::prelude::*;
//! use lokalform_components::feedback::kiosk::KioskBox;
//! let _view = view! { <KioskBox collector="https://feedback.example.dk" idle_seconds=60u32 /> };
//! ```

mod element;
pub mod offline;
mod screens;
pub mod staff;
pub mod words;

use super::{builtin, is_builtin, load, not_shown_html, Definition, Outcome};
use crate::common::html::set_markup;
use crate::common::idle::Idle;
use crate::common::words::words;
use crate::store::kiosk;
pub use element::{register, ELEMENT};
use leptos::prelude::*;
use lokalform_forms::schema::Lang;

/// Seconds of inactivity before a kiosk starts over, when not configured.
pub const DEFAULT_IDLE_SECONDS: u32 = 60;
/// The shortest accepted idle time.
pub const MIN_IDLE_SECONDS: u32 = 3;
/// Seconds the kiosk's thank-you page stays before it starts over.
pub const KIOSK_THANKS_SECONDS: u32 = 8;

/// The feedback box on a shared tablet.
#[component]
pub fn KioskBox(
    /// URL of a JSON form definition (default: the built-in one).
    #[prop(into, optional)]
    form: MaybeProp<String>,
    /// Base URL of the collector.
    #[prop(into, optional)]
    collector: MaybeProp<String>,
    /// `da` (default) or `en`.
    #[prop(into, optional)]
    lang: MaybeProp<String>,
    /// Seconds of inactivity before the box starts over (default 60, at
    /// least 3).
    #[prop(into, optional)]
    idle_seconds: MaybeProp<u32>,
    /// Responses per batch (k, at least 5).
    #[prop(into, optional)]
    batch_size: MaybeProp<u32>,
    /// Called after each submit with what became of the response.
    #[prop(into, optional)]
    on_submitted: Option<Callback<Outcome>>,
    /// Called when the form definition cannot be used, with the problems.
    #[prop(into, optional)]
    on_error: Option<Callback<String>>,
) -> impl IntoView {
    kiosk::start();
    let lang = Memo::new(move |_| Lang::from_attr(&lang.get().unwrap_or_default()));
    // One generation a person: everything of the last one is disposed of
    // when this changes.
    let person = RwSignal::new(0u32);
    let definition = definition(form, on_error, move || person.update(|n| *n += 1));
    let config = Config {
        collector: Signal::derive(move || collector.get().unwrap_or_default()),
        idle_seconds: Signal::derive(move || {
            idle_seconds
                .get()
                .unwrap_or(DEFAULT_IDLE_SECONDS)
                .max(MIN_IDLE_SECONDS)
        }),
        batch_size: Signal::derive(move || batch_size.get().unwrap_or(5)),
        on_submitted,
        person,
        // The page loaded: a start screen with nobody at it.
        announce: StoredValue::new(true),
        // Nothing in the box had focus yet.
        focus_start: StoredValue::new(false),
    };
    move || {
        person.track();
        // Created in this generation, dropped with it.
        let state = screens::State::new();
        let idle = Idle::watch_with_warning(
            move || idle_limit(config, state),
            move || config.start_over(true),
        );
        move || {
            let lang = lang.get();
            match definition.get() {
                Some(Ok(form)) => screens::kiosk(form, state, idle, lang, config).into_any(),
                None => not_shown(lang, [words(lang).loading, ""]),
                Some(Err(_)) => not_shown(
                    lang,
                    [words(lang).load_failed, words(lang).load_failed_help],
                ),
            }
        }
    }
}

/// The kiosk's settings, and its generations.
#[derive(Clone, Copy)]
struct Config {
    collector: Signal<String>,
    idle_seconds: Signal<u32>,
    batch_size: Signal<u32>,
    on_submitted: Option<Callback<Outcome>>,
    person: RwSignal<u32>,
    /// Whether the next start screen is one nobody is at (the page
    /// loaded, or the box started over by itself): then the box says
    /// `lokal-start-screen`, and a new version may take over.
    announce: StoredValue<bool>,
    /// Whether the next start screen takes focus on its heading: it
    /// replaces a screen (where focus was, which is gone), not a page that
    /// just loaded.
    focus_start: StoredValue<bool>,
}

impl Config {
    /// A new person: a new generation of the box, whose start screen's
    /// heading takes focus. `by_itself`: nobody asked (idle, or the
    /// thank-you page's time ran out).
    fn start_over(self, by_itself: bool) {
        self.announce.try_set_value(by_itself);
        self.focus_start.try_set_value(true);
        self.person.try_update(|n| *n += 1);
    }
}

/// Where the person is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    /// The question at this index of the definition.
    Question(usize),
    Review,
    Sending,
    Done(Outcome),
    /// The staff view ([`staff`]), opened from the untouched start.
    Staff,
}

/// The quiet seconds the kiosk allows now: none while sending or at an
/// untouched start, the idle time while answering, at most
/// [`KIOSK_THANKS_SECONDS`] on the thank-you page.
fn idle_limit(config: Config, state: screens::State) -> Option<u32> {
    let idle = config.idle_seconds.try_get_untracked()?;
    match state.screen.try_get_untracked()? {
        Screen::Sending => None,
        Screen::Done(_) => Some(idle.min(KIOSK_THANKS_SECONDS)),
        Screen::Question(0) if state.answers.is_pristine() => None,
        _ => Some(idle),
    }
}

/// The definition the `form` attribute names: the built-in one at once,
/// another loaded, again whenever the attribute changes; `on_change` runs
/// before a different one loads (its answers would not fit).
fn definition(
    form: MaybeProp<String>,
    on_error: Option<Callback<String>>,
    on_change: impl Fn() + 'static,
) -> RwSignal<Definition> {
    // A plain signal and a task: smaller in wasm than a LocalResource.
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

/// The box without a form ([`super::not_shown_html`]).
fn not_shown(lang: Lang, texts: [&'static str; 2]) -> AnyView {
    let html = not_shown_html(lang, texts);
    view! { <div use:set_markup=html></div> }.into_any()
}
