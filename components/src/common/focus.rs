//! Moving keyboard focus inside a widget's shadow root: to a step's
//! heading when it opens, to the error summary after a failed "Næste", to a
//! field from the summary's link. The host page's URL never changes (a
//! link into a shadow root cannot be followed), so the widget moves focus
//! itself.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use lokalform_components::common::focus::{focus_id, focus_soon};
//! let root = NodeRef::<leptos::html::Div>::new();
//! focus_soon(root, ".error-summary"); // after the DOM caught up
//! focus_id(root, "lf-pass"); // now
//! ```

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The widget's root element, where focus is looked for.
pub type Root = NodeRef<leptos::html::Div>;

/// Moves focus to the first element matching `selector` inside `root`.
/// Whether something matched.
pub fn focus_selector(root: Root, selector: &str) -> bool {
    focus_found(find(root, selector))
}

/// The first element matching `selector` inside `root`, if any.
pub fn find(root: Root, selector: &str) -> Option<web_sys::Element> {
    // `try_`: the widget may have been removed meanwhile.
    root.try_get_untracked()
        .flatten()
        .and_then(|r| r.query_selector(selector).ok().flatten())
}

/// Moves focus to `found`, if there is one. Whether there was.
pub fn focus_found(found: Option<web_sys::Element>) -> bool {
    let Some(found) = found else {
        return false;
    };
    if let Ok(el) = found.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
    true
}

/// Moves focus to the element with id `id` inside `root` (any id text:
/// it is quoted, not parsed as a selector).
pub fn focus_id(root: Root, id: &str) {
    focus_selector(root, &id_selector(id));
}

/// The selector of the element with id `id`.
///
/// ```
/// use lokalform_components::common::focus::id_selector;
/// assert_eq!(id_selector("lf-pass"), "[id=\"lf-pass\"]");
/// ```
pub fn id_selector(id: &str) -> String {
    format!("[id=\"{id}\"]")
}

/// [`focus_selector`] once the DOM has caught up with the last change (the
/// next animation frame).
pub fn focus_soon(root: Root, selector: &'static str) {
    request_animation_frame(move || {
        focus_selector(root, selector);
    });
}
