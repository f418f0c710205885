//! # lokalform-components
//!
//! lokalform's widgets as Leptos 0.8 components and as custom elements with
//! their own Shadow DOM, so a municipal web page can embed one with two lines
//! of HTML and its CSS cannot break the widget.
//!
//! | widget | component | element |
//! |---|---|---|
//! | citizen feedback box | [`feedback::FeedbackBox`] | `<lokal-feedback>` |
//! | the feedback box on a shared tablet | [`feedback::kiosk::KioskBox`] | `<lokal-feedback mode="kiosk">` |
//! | form engine (any definition) | [`form::Form`] | `<lokal-form>` |
//! | the project worker's programme application | [`programme::Programme`] | `<lokal-programme>` |
//! | one field in a partner's own form | [`fields::Field`] | `<lokal-cpr>`, `<lokal-date>`, `<lokal-phone>`, `<lokal-email>`, `<lokal-scale>`, `<lokal-vas>`, `<lokal-signature>` |
//!
//! Where things are: one folder a widget (its component, custom element,
//! words and `style.css`); [`common`] holds what more than one widget uses
//! (the custom-element recipe, base CSS, the receipt, the save queue …);
//! [`store`] the encrypted on-device storage. Personal data never leaves the
//! device: see `common::send` for what does. The map of the whole
//! project is `docs/architecture.md`.

#[cfg(not(target_arch = "wasm32"))]
pub mod api;
pub mod common;
pub mod feedback;
pub mod fields;
pub mod form;
pub mod programme;
pub mod store;

/// Every widget's custom element, as a bundle's entry module defines it
/// before the wasm arrives (`src/bin/lokalform-entry.rs` writes them into
/// the entry; [`register_all`] wires the same ones). The kiosk is not
/// among them: only the kiosk bundle carries it (`feedback::kiosk`).
pub const ELEMENTS: &[common::element::Element] =
    &[feedback::ELEMENT, form::ELEMENT, programme::ELEMENT];

/// Wires every widget's custom element to its live widget (the feedback
/// box on the web; the kiosk bundle wires `feedback::kiosk`).
pub fn register_all() {
    feedback::register();
    form::register();
    programme::register();
}
