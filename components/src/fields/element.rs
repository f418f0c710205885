//! The field elements: one [`Element`] per kind, and the one render
//! function they share (a [`live`] field whose value and validity go to
//! the host page's form).
//!
//! | attribute | meaning |
//! |---|---|
//! | `name` | the name its value is submitted under |
//! | `value` | the default value (what `form.reset()` goes back to) |
//! | `required` | an answer is needed before the form can be submitted |
//! | `disabled` | not editable, and not submitted |
//! | `lang` | `da` or `en` (default: the page's `lang`, else Danish) |
//! | `min-label`, `max-label` | `<lokal-scale>`, `<lokal-vas>`: what the ends mean |
//!
//! A field submits its text as typed; `<lokal-signature>` submits its
//! answer as JSON, `{"name":"Ida Jensen","drawing":"M10 50L12 51"}` (the
//! typed name, and the drawing as SVG path data in a 300 × 100 box, empty
//! when only the name was typed). `<lokal-instrument>` is in
//! [`super::instrument`].

use super::live::live;
use crate::common::element::{define, label_of, report_control, Attributes, Element};
use crate::common::style;
use leptos::prelude::*;
use lokalform_forms::schema::{FieldKind, Lang};
use wasm_bindgen::JsCast;

const TYPED: &[&str] = &["name", "value", "required", "disabled", "lang"];
const RATED: &[&str] = &[
    "name",
    "value",
    "required",
    "disabled",
    "lang",
    "min-label",
    "max-label",
];
const STYLES: &[&str] = &[style::BASE, style::FORM, style::FIELDS];

const fn control(tag: &'static str, attributes: &'static [&'static str]) -> Element {
    Element {
        tag,
        attributes,
        styles: STYLES,
        control: true,
    }
}

/// `<lokal-cpr>`: a CPR number (masked after entry; modulus 11 only warns).
pub const CPR: Element = control("lokal-cpr", TYPED);
/// `<lokal-date>`: a date typed as dd.mm.åååå.
pub const DATE: Element = control("lokal-date", TYPED);
/// `<lokal-phone>`: a phone number.
pub const PHONE: Element = control("lokal-phone", TYPED);
/// `<lokal-email>`: an e-mail address.
pub const EMAIL: Element = control("lokal-email", TYPED);
/// `<lokal-scale>`: a whole number from 0 to 10.
pub const SCALE: Element = control("lokal-scale", RATED);
/// `<lokal-vas>`: a point on the line from 0 to 100.
pub const VAS: Element = control("lokal-vas", RATED);
/// `<lokal-signature>`: a signature drawn on a pad, or typed as the name.
pub const SIGNATURE: Element = control("lokal-signature", TYPED);

/// Every element of the fields bundle.
pub const ELEMENTS: [&Element; 8] = [
    &CPR,
    &DATE,
    &PHONE,
    &EMAIL,
    &SCALE,
    &VAS,
    &SIGNATURE,
    &super::instrument::INSTRUMENT,
];

/// Wires every field element (defined by the bundle's entry module) to its
/// live field.
pub fn register() {
    define(CPR.tag, CPR.attributes, |h, a| render(FieldKind::Cpr, h, a));
    define(DATE.tag, DATE.attributes, |h, a| {
        render(FieldKind::Date, h, a)
    });
    define(PHONE.tag, PHONE.attributes, |h, a| {
        render(FieldKind::Phone, h, a)
    });
    define(EMAIL.tag, EMAIL.attributes, |h, a| {
        render(FieldKind::Email, h, a)
    });
    define(SCALE.tag, SCALE.attributes, |h, a| {
        render(FieldKind::Scale, h, a)
    });
    define(VAS.tag, VAS.attributes, |h, a| render(FieldKind::Vas, h, a));
    define(SIGNATURE.tag, SIGNATURE.attributes, |h, a| {
        render(FieldKind::Signature, h, a)
    });
    super::instrument::register();
}

/// The id of the one field in the definition an element builds.
const ID: &str = "value";

/// The language of the element: its `lang`, else the page's around it,
/// else Danish.
pub(super) fn lang_of(host: &web_sys::HtmlElement, attrs: &Attributes) -> Lang {
    let page_lang = host
        .parent_element()
        .and_then(|p| p.closest("[lang]").ok().flatten())
        .and_then(|e| e.get_attribute("lang"));
    Lang::from_attr(
        &attrs
            .signal("lang")
            .get_untracked()
            .or(page_lang)
            .unwrap_or_default(),
    )
}

/// Sets `attempted` when the host's form was tried (submit,
/// `checkValidity()`): the messages then show at the fields too.
pub(super) fn on_invalid(host: &web_sys::HtmlElement, attempted: RwSignal<bool>) {
    let on_invalid = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || attempted.set(true));
    let _ = host.add_event_listener_with_callback("invalid", on_invalid.as_ref().unchecked_ref());
    on_invalid.forget();
}

fn render(kind: FieldKind, host: web_sys::HtmlElement, attrs: Attributes) -> AnyView {
    let lang = lang_of(&host, &attrs);
    let (value, required, disabled) = (
        attrs.signal("value"),
        attrs.signal("required"),
        attrs.signal("disabled"),
    );
    let ends = (
        attrs.signal("min-label").get_untracked(),
        attrs.signal("max-label").get_untracked(),
    );
    // The page's value (the `value` attribute, the `value` property, a
    // reset or a restore) replaces the answer.
    let (field, view) = live(
        kind,
        ID,
        label_of(&host),
        lang,
        ends,
        move || required.get().is_some(),
        move || value.get().unwrap_or_default(),
    );
    on_invalid(&host, field.attempted);
    // The value and the validity, to the host's form, at every change.
    Effect::new(move |_| report_control(&host, field.text(), &[], field.error(), field.control()));
    view! {
        <fieldset class="lokal-field" disabled=move || disabled.get().is_some()>{view}</fieldset>
    }
    .into_any()
}
