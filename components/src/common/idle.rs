//! The idle watcher: one rule for every screen that must not stay open
//! when the person has gone — the kiosk starting over for the next
//! citizen, a passphrase form locking itself, the programme's registry
//! locking itself.
//!
//! - Someone is there while the page sees input: any of
//!   [`ACTIVITY_EVENTS`] calls [`Idle::touch`].
//! - Every half second the watcher asks the widget how many quiet seconds
//!   are allowed *now* (`None`: nothing to watch, e.g. already locked, or a
//!   kiosk with nothing typed); after that many, the widget's action runs
//!   once.
//! - With a warning (WCAG 2.2.1 asks for one before a time limit),
//!   [`Idle::warning`] is set [`warning_lead`] before the limit — a minute,
//!   or a quarter of the time on short limits but at least 20 seconds
//!   (WCAG 2.2.1's time to respond) unless that is over half the limit —
//!   and any input clears it; [`Idle::seconds_left`] counts down meanwhile.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use lokalform_components::common::idle::Idle;
//! let locked = RwSignal::new(false);
//! let idle = Idle::watch_with_warning(move || (!locked.get_untracked()).then_some(600), move || locked.set(true));
//! let _view = view! {
//!     <div>{move || idle.warning.get().then(|| "Registret låser sig selv om lidt.")}</div>
//! };
//! ```

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The events that count as someone being there: typing,
/// a tap or click, scrolling. A mouse merely moving does not count: a
/// mouse nudged on the table must not keep a registry open, and moving
/// towards "Bliv ved" must not make the warning vanish under the pointer.
pub const ACTIVITY_EVENTS: &[&str] = &["input", "keydown", "pointerdown", "wheel"];

/// How often the watcher looks at the clock.
const TICK_MS: u64 = 500;

/// How long before a limit of `limit_ms` the warning shows: a minute, or a
/// quarter of the time when the limit is under four minutes, but at least
/// the 20 seconds WCAG 2.2.1 gives a person to answer a warning (at most
/// half of a very short limit).
///
/// ```
/// use lokalform_components::common::idle::warning_lead;
/// assert_eq!(warning_lead(600_000.0), 60_000.0);
/// assert_eq!(warning_lead(120_000.0), 30_000.0);
/// assert_eq!(warning_lead(60_000.0), 20_000.0);
/// assert_eq!(warning_lead(10_000.0), 5_000.0);
/// ```
pub fn warning_lead(limit_ms: f64) -> f64 {
    (limit_ms / 4.0)
        .max(20_000.0_f64.min(limit_ms / 2.0))
        .min(60_000.0)
}

/// What the watcher should do after `quiet_ms` without input, with a limit
/// of `limit_ms` and a warning or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Nothing yet.
    Nothing,
    /// Show the warning.
    Warn,
    /// The time is up: run the action.
    Act,
}

impl Due {
    /// The rule, on its own (no clock, no DOM).
    ///
    /// ```
    /// use lokalform_components::common::idle::Due;
    /// assert_eq!(Due::after(10_000.0, 600_000.0, true), Due::Nothing);
    /// assert_eq!(Due::after(540_000.0, 600_000.0, true), Due::Warn);
    /// assert_eq!(Due::after(540_000.0, 600_000.0, false), Due::Nothing);
    /// assert_eq!(Due::after(600_000.0, 600_000.0, true), Due::Act);
    /// ```
    pub fn after(quiet_ms: f64, limit_ms: f64, warn: bool) -> Due {
        if quiet_ms >= limit_ms {
            Due::Act
        } else if warn && quiet_ms >= limit_ms - warning_lead(limit_ms) {
            Due::Warn
        } else {
            Due::Nothing
        }
    }
}

/// A running idle watcher; `WARN` when it warns before the limit.
/// `Copy`: every part is a handle.
#[derive(Clone, Copy)]
pub struct Idle<const WARN: bool = true> {
    last_input: StoredValue<f64>,
    /// Set while the warning should show ([`Idle::watch_with_warning`]
    /// only); cleared by any input.
    pub warning: RwSignal<bool>,
    /// While the warning shows: the whole seconds left before the action
    /// runs (rounded up), for a visible countdown.
    pub seconds_left: RwSignal<u32>,
}

impl Idle<false> {
    /// Starts watching until the calling component goes away, without a
    /// warning (the kiosk: nothing to lose but a half-filled form). `limit`
    /// gives the quiet seconds allowed now (`None`: nothing to watch);
    /// `on_idle` runs once when they have passed, and the clock starts
    /// again.
    pub fn watch(
        limit: impl Fn() -> Option<u32> + 'static,
        on_idle: impl Fn() + 'static,
    ) -> Idle<false> {
        Idle::start(limit, on_idle)
    }
}

impl Idle<true> {
    /// As [`Idle::watch`], with [`Idle::warning`] set [`warning_lead`]
    /// before the limit (a lock the person must be warned of).
    pub fn watch_with_warning(
        limit: impl Fn() -> Option<u32> + 'static,
        on_idle: impl Fn() + 'static,
    ) -> Idle<true> {
        Idle::start(limit, on_idle)
    }
}

impl<const WARN: bool> Idle<WARN> {
    fn start(limit: impl Fn() -> Option<u32> + 'static, on_idle: impl Fn() + 'static) -> Self {
        // Rendered natively (the feedback box's first screen, at build
        // time) there is no page and no clock to watch.
        if cfg!(not(target_arch = "wasm32")) {
            return Idle {
                last_input: StoredValue::new(0.0),
                warning: RwSignal::new(false),
                seconds_left: RwSignal::new(0),
            };
        }
        let idle = Idle {
            last_input: StoredValue::new(js_sys::Date::now()),
            warning: RwSignal::new(false),
            seconds_left: RwSignal::new(0),
        };
        let tick = move || {
            let Some(seconds) = limit() else {
                if WARN {
                    idle.warning.set(false);
                }
                return;
            };
            let quiet = js_sys::Date::now() - idle.last_input.get_value();
            let limit_ms = f64::from(seconds) * 1000.0;
            match Due::after(quiet, limit_ms, WARN) {
                Due::Act => {
                    idle.touch();
                    on_idle();
                }
                Due::Warn => {
                    let left = ((limit_ms - quiet) / 1000.0).ceil() as u32;
                    if idle.seconds_left.get_untracked() != left {
                        idle.seconds_left.set(left);
                    }
                    if !idle.warning.get_untracked() {
                        idle.warning.set(true);
                    }
                }
                Due::Nothing => {}
            }
        };
        if let Ok(handle) =
            set_interval_with_handle(tick, std::time::Duration::from_millis(TICK_MS))
        {
            on_cleanup(move || handle.clear());
        }
        idle.listen();
        idle
    }

    /// Someone is there: the clock starts again and the warning goes.
    pub fn touch(self) {
        self.last_input.set_value(js_sys::Date::now());
        // A watcher without a warning never reads it (less wasm).
        if WARN && self.warning.get_untracked() {
            self.warning.set(false);
        }
    }

    /// Counts every one of [`ACTIVITY_EVENTS`] anywhere on the page as
    /// input (the person is at the device), for as long as the calling
    /// component lives. One listener function on the window, in the
    /// capture phase (the events come out of the shadow root): no DOM node
    /// to wait for, and cheaper in wasm than a handler each in the view.
    fn listen(self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let touch = Closure::<dyn Fn()>::new(move || self.touch());
        let handler: js_sys::Function = touch.as_ref().unchecked_ref::<js_sys::Function>().clone();
        for name in ACTIVITY_EVENTS {
            let _ = window.add_event_listener_with_callback_and_bool(name, &handler, true);
        }
        // Kept alive with the component; the listeners go first.
        let kept = StoredValue::new_local(Some(touch));
        on_cleanup(move || {
            for name in ACTIVITY_EVENTS {
                let _ = window.remove_event_listener_with_callback_and_bool(name, &handler, true);
            }
            kept.try_set_value(None);
        });
    }
}
