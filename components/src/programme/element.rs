//! `<lokal-programme>`: the project worker's application as a custom
//! element.
//!
//! | attribute | meaning |
//! |---|---|
//! | `programme` | the registry's id on this device (default `programme`) |
//! | `forms` | the folder with the form definitions (default `/forms`) |
//! | `lang` | `da` or `en` (default: the page's `lang`, else Danish) |
//! | `idle-lock` | seconds without input before the registry locks (default 600; 0 never) |
//! | `collector` | a collector's base URL: the evaluator export can be sent there |
//! | `municipality`, `programme-name`, `leader` | the municipality, the programme's name and the project leader, filled in where they are needed (not `title`: that would be a tooltip over the whole element) |
//! | `leader-phone`, `crisis-help` | the project leader's phone, and where to get help out of hours or in a crisis: filled in on new contracts |
//!
//! One event, `lokal-locked` (bubbling, composed, no detail), whenever the
//! registry is locked (also at the start, before it is opened): the moment
//! a page may reload to take a new version (see
//! `components/offline/offline.js`). Nothing about the participants leaves
//! the element.

use super::Programme;
use crate::common::element::{define, Attributes, Element};
use crate::common::style;
use leptos::prelude::*;

/// The element's tag name.
pub const TAG: &str = "lokal-programme";
const ATTRIBUTES: &[&str] = &[
    "programme",
    "forms",
    "lang",
    "idle-lock",
    "collector",
    "municipality",
    "programme-name",
    "leader",
    "leader-phone",
    "crisis-help",
];
/// The element: its tag, observed attributes and stylesheets (see
/// [`Element`]).
pub const ELEMENT: Element = Element {
    tag: TAG,
    attributes: ATTRIBUTES,
    styles: &[style::BASE, style::FORM, style::PROGRAMME],
    control: false,
};

/// Wires `<lokal-programme>` (defined by the bundle's entry module) to its live
/// widget.
pub fn register() {
    define(ELEMENT.tag, ELEMENT.attributes, render);
}

fn render(host: web_sys::HtmlElement, attrs: Attributes) -> AnyView {
    let page_lang = host
        .parent_element()
        .and_then(|p| p.closest("[lang]").ok().flatten())
        .and_then(|e| e.get_attribute("lang"));
    let own_lang = attrs.signal("lang");
    let lang = Signal::derive(move || own_lang.get().or_else(|| page_lang.clone()));
    let idle_raw = attrs.signal("idle-lock");
    let idle_lock =
        Signal::derive(move || idle_raw.get().and_then(|v| v.trim().parse::<u32>().ok()));
    let get = |name: &str| attrs.signal(name).get_untracked();
    view! {
        <Programme programme=get("programme") forms=get("forms") lang=lang idle_lock=idle_lock
            collector=get("collector") municipality=get("municipality") programme_name=get("programme-name") leader=get("leader")
            leader_phone=get("leader-phone") crisis_help=get("crisis-help") />
    }
    .into_any()
}
