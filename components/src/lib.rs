//! # lokalform-components
//!
//! lokalform's widgets as Leptos 0.8 components and as custom elements with
//! their own Shadow DOM, so a municipal web page can embed one with two lines
//! of HTML and its CSS cannot break the widget.
//!
//! | widget | component | element |
//! |---|---|---|
//! | citizen feedback box | [`feedback::FeedbackBox`] | `<lokal-feedback>` |
//! | form engine (any definition) | [`form::Form`] | `<lokal-form>` |
//! | the project worker's programme application | [`programme::Programme`] | `<lokal-programme>` |
//!
//! [`element`] holds the custom-element recipe, [`store`] the encrypted
//! on-device storage, [`common`] what more than one widget uses (among it
//! the one outbox). Personal data never leaves the device: see
//! `common::send` for what does.
#![deny(warnings)]

pub mod common;
pub mod element;
pub mod feedback;
pub mod form;
pub mod html;
pub mod i18n;
pub mod programme;
pub mod store;
pub mod task;

/// Defines every widget's custom element.
pub fn register_all() {
    feedback::register();
    form::register();
    programme::register();
}
