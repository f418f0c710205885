//! The stylesheets, minified by `build.rs`: the base every element starts
//! from (`common/base.css`: fields, buttons, errors, notices, faces, the
//! receipt) and each widget's own. An element lists the ones it adopts in
//! its [`crate::common::element::Element`]; the bundle's entry module
//! carries them, so none of them is in the wasm.

/// Fields, buttons, errors, notices, faces, the receipt: every element.
pub const BASE: &str = include_str!(concat!(env!("OUT_DIR"), "/base.css"));
/// The form engine's own rules (steps, grids, the sealed-record screens).
pub const FORM: &str = include_str!(concat!(env!("OUT_DIR"), "/form.css"));
/// The programme app's own rules.
pub const PROGRAMME: &str = include_str!(concat!(env!("OUT_DIR"), "/programme.css"));
/// The single fields' own rules (the partner's label is the visible one).
pub const FIELDS: &str = include_str!(concat!(env!("OUT_DIR"), "/fields.css"));
/// The kiosk's own rules (one question a screen, large targets): only
/// in the bundles that carry the kiosk.
pub const KIOSK: &str = include_str!(concat!(env!("OUT_DIR"), "/kiosk.css"));

/// The stylesheets `sheets` for a Leptos app that uses the components
/// directly, in its own DOM rather than in an element's shadow root: the
/// rules for the element itself (`:host`) apply to a `.lokal-app`
/// container instead. Put each component in `<div class="lokal-app"><div
/// class="lokal-root">…</div></div>` (the element's host, and the root its
/// shadow root would hold) and adopt the result as one constructable
/// stylesheet (see `examples/leptos-app`). The app's own CSS reaches the components there:
/// keep its rules off `.lokal-app`.
///
/// ```
/// use lokalform_components::common::style::{light_dom, BASE};
/// let css = light_dom(&[BASE]);
/// assert!(!css.contains(":host"));
/// assert!(css.contains(".lokal-app{") || css.contains(".lokal-app {"));
/// assert!(css.contains(".lokal-app[hidden]"));
/// ```
pub fn light_dom(sheets: &[&str]) -> String {
    sheets
        .concat()
        .replace(":host([hidden])", ".lokal-app[hidden]")
        .replace(":host", ".lokal-app")
}
