//! An example Leptos app that uses `lokalform-components` as a crate, as a
//! partner who writes their own Leptos app would: the citizen feedback box
//! ([`FeedbackBox`]), single fields ([`Field`]) in the app's own `<form>`,
//! and the form engine ([`Form`]) with a definition held in memory.
//!
//! Built by `cargo xtask build` into `dist/examples/leptos-app/` and opened
//! at `/examples/leptos-app/` by `cargo xtask demo`; tested by
//! `tests/e2e/leptos-app.spec.mjs`.
//!
//! Used as components (not as custom elements), the widgets live in the
//! app's own DOM, so the app's CSS reaches them: the app adopts lokalform's
//! stylesheets for the light DOM ([`style::light_dom`]) and keeps its own
//! rules away from the `.lokal-app` containers.

use leptos::prelude::*;
use lokalform_components::common::style;
use lokalform_components::feedback::{FeedbackBox, Outcome};
use lokalform_components::fields::Field;
use lokalform_components::form::Form;
use lokalform_forms::answers::Answers;
use lokalform_forms::schema::{self, FieldKind};
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// A small definition the app holds in memory: no personal data, so the
/// engine keeps its draft under the device key and asks for no passphrase.
const CHECK_IN: &str = r#"{
  "id": "cafe-check-in",
  "version": 1,
  "title": { "da": "Tjek ind til caféen", "en": "Check in at the café" },
  "steps": [{
    "title": { "da": "I dag", "en": "Today" },
    "fields": [
      { "id": "mood", "type": "scale", "required": true,
        "label": { "da": "Hvordan har du det i dag?", "en": "How are you today?" },
        "min_label": { "da": "Meget dårligt", "en": "Very bad" },
        "max_label": { "da": "Rigtig godt", "en": "Very good" } },
      { "id": "first_time", "type": "choice", "required": true,
        "label": { "da": "Er det første gang, du kommer?", "en": "Is this your first time here?" },
        "options": [
          { "value": "yes", "label": { "da": "Ja", "en": "Yes" } },
          { "value": "no", "label": { "da": "Nej", "en": "No" } }
        ] }
    ]
  }]
}"#;

/// Mounts the app on `#app`; the collector's address is read from its
/// `data-collector` attribute (the page names it, so the wasm holds no
/// address).
#[wasm_bindgen(start)]
pub fn start() {
    let Some(root) = document()
        .get_element_by_id("app")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let collector = root.get_attribute("data-collector").unwrap_or_default();
    adopt_styles();
    leptos::mount::mount_to(root, move || view! { <App collector /> }).forget();
}

/// lokalform's stylesheets, adopted by the document (a constructable
/// stylesheet: nothing inline, so a strict CSP holds).
fn adopt_styles() {
    let css = style::light_dom(&[style::BASE, style::FORM]);
    let Ok(sheet) = web_sys::CssStyleSheet::new() else {
        return;
    };
    sheet.replace_sync(&css).ok();
    let sheets = js_sys::Array::of1(&sheet);
    document().set_adopted_style_sheets(&sheets);
}

/// The app: three sections, each with lokalform's components.
#[component]
pub fn App(
    /// The collector's base URL.
    collector: String,
) -> impl IntoView {
    let feedback = RwSignal::new(String::new());
    let checked_in = RwSignal::new(String::new());
    let definition = schema::Form::from_json(CHECK_IN).ok().map(Arc::new);
    view! {
        <h1>"Caféens app (Leptos)"</h1>
        <section aria-labelledby="feedback-heading">
            <h2 id="feedback-heading">"Giv os din mening"</h2>
            <div class="lokal-app">
                <div class="lokal-root">
                    <FeedbackBox
                        collector=collector
                        on_submitted=Callback::new(move |o: Outcome| feedback.set(o.name().to_string()))
                    />
                </div>
            </div>
            <p id="feedback-outcome" role="status">{move || feedback.get()}</p>
        </section>
        <CallBack />
        <section aria-labelledby="check-in-heading">
            <h2 id="check-in-heading">"Tjek ind"</h2>
            <div class="lokal-app">
                <div class="lokal-root">
                    {definition.map(|definition| view! {
                        <Form
                            definition
                            draft_key="leptos-app"
                            on_submit=Callback::new(move |a: Answers| checked_in.set(a.to_json()))
                        />
                    })}
                </div>
            </div>
            <pre id="check-in-answers">{move || checked_in.get()}</pre>
        </section>
    }
}

/// The app's own `<form>` with two single fields: on submit it shows what
/// the form would send (its `FormData`) and what the app's signals hold;
/// nothing is sent anywhere.
#[component]
fn CallBack() -> impl IntoView {
    let (phone, day) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let submitted = RwSignal::new(String::new());
    let thanks = RwSignal::new(String::new());
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        submitted.set(form_data_lines(&form));
        thanks.set(format!(
            "Tak. Vi ringer til {} den {}.",
            phone.get_untracked(),
            day.get_untracked()
        ));
    };
    view! {
        <section aria-labelledby="call-back-heading">
            <h2 id="call-back-heading">"Ring mig op"</h2>
            <p>"En medarbejder fra caféen ringer dig op den dag, du vælger."</p>
            <form on:submit=on_submit>
                <div class="lokal-app">
                    <div class="lokal-root">
                        <Field kind=FieldKind::Phone name="phone" label="Dit telefonnummer" required=true value=phone />
                        <Field kind=FieldKind::Date name="day" label="Hvilken dag må vi ringe?" required=true value=day />
                    </div>
                </div>
                <button type="submit">"Ring mig op"</button>
            </form>
            <p id="call-back-status" role="status">{move || thanks.get()}</p>
            <pre id="call-back-submitted">{move || submitted.get()}</pre>
        </section>
    }
}

/// What `form` would submit, one `name = value` line per entry.
fn form_data_lines(form: &web_sys::HtmlFormElement) -> String {
    let Ok(data) = web_sys::FormData::new_with_form(form) else {
        return String::new();
    };
    let Ok(Some(entries)) = js_sys::try_iter(&data) else {
        return String::new();
    };
    entries
        .flatten()
        .map(|entry| {
            let pair = js_sys::Array::from(&entry);
            format!(
                "{} = {}",
                pair.get(0).as_string().unwrap_or_default(),
                pair.get(1).as_string().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_in_definition_is_valid_and_holds_no_personal_data() {
        let form = schema::Form::from_json(CHECK_IN).expect("valid");
        assert!(!form.holds_personal_data());
    }
}
