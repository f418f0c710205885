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
