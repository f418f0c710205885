//! `<lokal-feedback>`: the feedback box as a custom element.
//!
//! | attribute | meaning |
//! |---|---|
//! | `form` | URL of a JSON form definition (default: the built-in one) |
//! | `collector` | base URL of the collector (default: the page's origin) |
//! | `lang` | `da` or `en` (default: the page's `lang`, else Danish) |
//! | `mode` | `web` (default) or `kiosk` (only with the kiosk bundle, see [`super::kiosk`]; the feedback bundle then says which bundle to use) |
//! | `idle-seconds` | kiosk: start over after this many idle seconds (default 60) |
//! | `batch-size` | kiosk: send only batches of at least this many responses (k, at least 5) |
//!
//! Events (bubbling, composed): `lokal-submitted` with
//! `detail.outcome` = `sent` · `queued` · `kept` · `rejected` · `failed`,
//! and `lokal-error` with `detail.message` when the definition is unusable;
//! in kiosk mode `lokal-start-screen` (no detail) when the box shows its
//! empty start screen with nobody at it (loaded, or started over by
//! itself): the moment a page may reload to take a new version (see
//! `components/offline/offline.js`). Events never carry answers.
//!
//! [`register`] wires the web box only (the feedback bundle), without
//! Leptos ([`super::web::WebBox`]); [`super::kiosk::register`] wires the
//! same element with the kiosk too.

use super::web::{Hooks, Settings, WebBox};
use super::{FeedbackBox, Outcome};
use crate::common::element::{define_live, detail, emit, Attributes, Element, Event, Live};
use crate::common::send::Mode;
use crate::common::style;
use leptos::prelude::*;
use lokalform_forms::schema::Lang;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// The element's tag name.
pub const TAG: &str = "lokal-feedback";
const ATTRIBUTES: &[&str] = &[
    "form",
    "collector",
    "lang",
    "mode",
    "idle-seconds",
    "batch-size",
];
/// The element: its tag, observed attributes and stylesheets (see
/// [`Element`]).
pub const ELEMENT: Element = Element {
    tag: TAG,
    attributes: ATTRIBUTES,
    styles: &[style::BASE],
    control: false,
};

/// Wires `<lokal-feedback>` (defined by the bundle's entry module) to its live
/// widget, the web box only.
pub fn register() {
    define_live(TAG, |host, container| {
        let page_lang = page_lang(&host);
        let mut settings = Settings {
            draft_key: instance_key(&host),
            ..Settings::default()
        };
        for name in ATTRIBUTES {
            apply(&mut settings, name, host.get_attribute(name), &page_lang);
        }
        let hooks = Hooks {
            on_submitted: Some(Rc::new(submitted_hook(host.clone()))),
            on_error: Some(Rc::new(error_hook(host))),
        };
        Rc::new(WebElement {
            web_box: WebBox::mount(container.into(), settings, hooks),
            page_lang,
        })
    });
}

/// The web box in a `<lokal-feedback>`.
struct WebElement {
    web_box: WebBox,
    /// The page's language, for when the element's own `lang` goes.
    page_lang: Option<String>,
}

impl Live for WebElement {
    fn changed(&self, name: &str, value: Option<String>) {
        self.web_box
            .update(|s| apply(s, name, value, &self.page_lang));
    }
}

/// What attribute `name` set to `value` means for the web box; without
/// its own `lang` the box speaks `page_lang`. (The kiosk's attributes,
/// `idle-seconds` and `batch-size`, mean nothing here.)
fn apply(settings: &mut Settings, name: &str, value: Option<String>, page_lang: &Option<String>) {
    match name {
        "form" => settings.form = value,
        "collector" => settings.collector = value.unwrap_or_default(),
        "lang" => {
            let lang = value.or_else(|| page_lang.clone());
            settings.lang = Lang::from_attr(lang.as_deref().unwrap_or_default());
        }
        "mode" => settings.kiosk = Mode::from_attr(value.as_deref()) == Mode::Kiosk,
        _ => {}
    }
}

/// The language of the page around `host`, if it says one.
fn page_lang(host: &web_sys::HtmlElement) -> Option<String> {
    host.parent_element()
        .and_then(|p| p.closest("[lang]").ok().flatten())
        .and_then(|e| e.get_attribute("lang"))
}

/// `lokal-submitted` from `host`, with the outcome (never an answer).
fn submitted_hook(host: web_sys::HtmlElement) -> impl Fn(Outcome) {
    move |outcome: Outcome| emit(&host, Event::Submitted, &detail("outcome", outcome.name()))
}

/// `lokal-error` from `host`, with the problems (also on the console).
fn error_hook(host: web_sys::HtmlElement) -> impl Fn(String) {
    move |message: String| {
        web_sys::console::warn_1(&JsValue::from_str(&format!("lokal-feedback: {message}")));
        emit(&host, Event::Error, &detail("message", &message));
    }
}

pub(super) fn number(attrs: &Attributes, name: &str) -> Signal<Option<u32>> {
    let raw = attrs.signal(name);
    Signal::derive(move || raw.get().and_then(|v| v.trim().parse().ok()))
}

/// What tells this element's draft apart from other `<lokal-feedback>`
/// elements: its `id`, else the page path and its place among them.
fn instance_key(host: &web_sys::HtmlElement) -> String {
    let id = host.id();
    if !id.is_empty() {
        return id;
    }
    let path = host
        .owner_document()
        .and_then(|d| d.location())
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    let place = host
        .owner_document()
        .and_then(|d| d.query_selector_all(TAG).ok())
        .and_then(|all| (0..all.length()).find(|&i| all.get(i).as_ref() == Some(host.as_ref())))
        .unwrap_or(0);
    format!("{path}#{place}")
}

/// What both boxes take from the element: its attributes as signals and
/// the callbacks that turn into its events.
#[derive(Clone)]
pub(super) struct Wired {
    pub draft_key: String,
    pub form: Signal<Option<String>>,
    pub collector: Signal<Option<String>>,
    /// Its own `lang`, else the page's.
    pub lang: Signal<Option<String>>,
    pub mode: Signal<Option<String>>,
    pub on_submitted: Callback<Outcome>,
    pub on_error: Callback<String>,
}

impl Wired {
    pub fn new(host: web_sys::HtmlElement, attrs: &Attributes) -> Wired {
        let draft_key = instance_key(&host);
        let page_lang = page_lang(&host);
        let on_submitted = Callback::new(submitted_hook(host.clone()));
        let on_error = Callback::new(error_hook(host));
        let own_lang = attrs.signal("lang");
        Wired {
            draft_key,
            form: attrs.signal("form").into(),
            collector: attrs.signal("collector").into(),
            // Without its own `lang`, the widget speaks the page's language.
            lang: Signal::derive(move || own_lang.get().or_else(|| page_lang.clone())),
            mode: attrs.signal("mode").into(),
            on_submitted,
            on_error,
        }
    }

    /// The web box.
    pub fn web(self) -> AnyView {
        view! {
            <FeedbackBox
                draft_key=self.draft_key
                form=self.form
                collector=self.collector
                lang=self.lang
                mode=self.mode
                on_submitted=self.on_submitted
                on_error=self.on_error
            />
        }
        .into_any()
    }
}
