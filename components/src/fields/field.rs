//! [`Field`]: one field as a Leptos component, for a partner's own Leptos
//! app and its own `<form>`; the same [`live`] field the elements draw.

use super::live::live;
use leptos::html::{Div, Input};
use leptos::prelude::*;
use lokalform_forms::schema::{FieldKind, Lang};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// One field in the app's own `<form>`, drawn by the form engine and
/// checked by the forms core as `<lokal-cpr>`, `<lokal-date>` … are (the
/// CPR box masks after entry and only warns on modulus 11; the messages
/// are the engine's, in Danish or English).
///
/// The value is the app's: `value` is a signal the app owns, which the
/// field writes as the person types (the text as typed; a signature as
/// the JSON `<lokal-signature>` submits) and follows when the app sets
/// it. The field also takes part in the `<form>` around it, like an
/// `<input>` of the app's own:
///
/// - `FormData` has the value under `name` (a hidden input carries it);
/// - while the value is not valid (e.g. `required` and empty, or a CPR
///   number that is not DDMMÅÅ-XXXX), the browser holds the form back: no
///   `submit` event, `form.checkValidity()` is `false`, and the engine's
///   message shows above the field, which takes focus (unless the person
///   is typing in another box);
/// - a form with `novalidate` is not held back: check `checkValidity()`;
/// - `form.reset()` empties the field and the signal, as it empties an
///   `<input>` without a default.
///
/// The field sends nothing anywhere. Its control's DOM id is `lf-<name>`,
/// so the names of the fields (and of a [`crate::form::Form`]'s fields) on
/// one page must differ; a scale's radio buttons also carry the group
/// name `lf-<name>`, which a `FormData` of the form holds beside `name`.
/// Put it, like the other components, in `<div class="lokal-app"><div
/// class="lokal-root">…</div></div>` with lokalform's stylesheets adopted
/// (`common::style::light_dom`).
///
/// ```no_run
/// use leptos::prelude::*;
/// use lokalform_components::fields::Field;
/// use lokalform_forms::schema::FieldKind;
///
/// #[component]
/// fn Intake() -> impl IntoView {
///     let cpr = RwSignal::new(String::new());
///     view! {
///         <form on:submit=move |ev| {
///             ev.prevent_default();
///             // Only a valid form gets here: the CPR number as typed.
///             leptos::logging::log!("{}", cpr.get());
///         }>
///             <div class="lokal-app"><div class="lokal-root">
///                 <Field kind=FieldKind::Cpr name="cpr" label="CPR-nummer" required=true value=cpr />
///             </div></div>
///             <button>"Send"</button>
///         </form>
///     }
/// }
/// ```
#[component]
pub fn Field(
    /// What the field asks for: `Cpr`, `Date`, `Phone`, `Email`, `Scale`
    /// (0–10), `Vas` (the 0–100 line) or `Signature`, as the elements; or
    /// a typed `Text`, `Textarea` or `Number`.
    kind: FieldKind,
    /// The name the value is submitted under (and the field's id).
    #[prop(into)]
    name: String,
    /// The field's value, the app's signal.
    value: RwSignal<String>,
    /// The visible label (default: what the kind is, e.g. "CPR-nummer").
    #[prop(into, optional)]
    label: String,
    /// An answer is needed before the form can be submitted.
    #[prop(into, optional)]
    required: Signal<bool>,
    /// `da` (default) or `en`.
    #[prop(into, optional)]
    lang: MaybeProp<String>,
    /// Scale, line: what the low end means.
    #[prop(into, optional)]
    min_label: Option<String>,
    /// Scale, line: what the high end means.
    #[prop(into, optional)]
    max_label: Option<String>,
) -> impl IntoView {
    let lang = Lang::from_attr(&lang.get_untracked().unwrap_or_default());
    let (field, view) = live(
        kind,
        &name,
        label,
        lang,
        (min_label, max_label),
        move || required.get(),
        move || value.get(),
    );
    // What the person types, to the app's signal.
    Effect::new(move |_| {
        let text = field.text().unwrap_or_default();
        if value.with_untracked(|v| *v != text) {
            value.set(text);
        }
    });
    // The validity, to the form: the hidden input holds the message.
    let carrier = NodeRef::<Input>::new();
    Effect::new(move |_| {
        let message = field.error().unwrap_or_default();
        if let Some(input) = carrier.get() {
            input.set_custom_validity(&message);
        }
    });
    // The form was tried: the message shows at the field, and the field
    // takes focus when it is the form's first invalid control. The
    // browser's own report is cancelled (the hidden input cannot show it,
    // and the engine's e-mail box would add the browser's words).
    let wrapper = NodeRef::<Div>::new();
    let tried = move |ev: web_sys::Event| {
        ev.prevent_default();
        field.attempted.set(true);
        let Some(wrapper) = wrapper.get_untracked() else {
            return;
        };
        let first = wrapper
            .closest("form")
            .ok()
            .flatten()
            .and_then(|f| f.query_selector(":invalid:not(fieldset)").ok().flatten());
        if first.is_some_and(|first| !wrapper.contains(Some(&first))) || typing_elsewhere(&wrapper)
        {
            return;
        }
        if let Some(control) = field
            .control()
            .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = control.focus();
        }
    };
    // form.reset() empties the engine's own controls (they are the form's
    // too): the answer and the app's signal follow.
    Effect::new(move |_| {
        let Some(form) = wrapper.get().and_then(|w| w.closest("form").ok().flatten()) else {
            return;
        };
        let reset = Closure::<dyn Fn()>::new(move || value.set(String::new()));
        let _ = form.add_event_listener_with_callback("reset", reset.as_ref().unchecked_ref());
        let listening = StoredValue::new_local((form, reset));
        on_cleanup(move || {
            listening.with_value(|(form, reset)| {
                let _ = form
                    .remove_event_listener_with_callback("reset", reset.as_ref().unchecked_ref());
            });
            listening.dispose();
        });
    });
    view! {
        <div node_ref=wrapper on:invalid:capture=tried>
            {view}
            <input hidden name=name value=move || field.text() node_ref=carrier />
        </div>
    }
}

/// Whether the person is typing in a box outside `wrapper` (a check of the
/// form's validity while they type must not take their focus).
fn typing_elsewhere(wrapper: &web_sys::HtmlElement) -> bool {
    document()
        .active_element()
        .filter(|a| !wrapper.contains(Some(a)))
        .is_some_and(|a| {
            a.matches("textarea, select, [contenteditable], input:not([type=submit], [type=button], [type=reset], [type=image], [type=radio], [type=checkbox])")
                .unwrap_or(false)
        })
}
