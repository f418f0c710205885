//! The field elements: one [`Element`] per kind, and the one render
//! function they share.
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

use crate::common::element::{define, label_of, report_control, Attributes, Element};
use crate::common::style;
use crate::common::today::today;
use crate::common::words::words;
use crate::form::{control_id, field_view, form_words, Ctx, Slot};
use leptos::prelude::*;
use lokalform_forms::answers::{Answers, Value};
use lokalform_forms::schema::{Field, FieldKind, Form, Lang, Step, Text};
use lokalform_forms::validate::{check_step, Issue, Severity};
use std::sync::Arc;
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

/// The one-field definition: `kind`, named `label`, `required` or not.
fn definition(
    kind: FieldKind,
    label: &str,
    required: bool,
    ends: (Option<String>, Option<String>),
) -> Form {
    let text = |t: &str| Text {
        da: t.to_string(),
        en: Some(t.to_string()),
    };
    Form {
        id: "field".into(),
        version: 1,
        languages: vec![Lang::Da, Lang::En],
        title: text(label),
        intro: None,
        fields: vec![Field {
            id: ID.into(),
            kind,
            label: text(label),
            required,
            min_label: ends.0.as_deref().map(text),
            max_label: ends.1.as_deref().map(text),
            ..Field::default()
        }],
        steps: vec![Step {
            title: None,
            intro: None,
            start: 0,
            end: 1,
        }],
        thanks: None,
        stepped: false,
    }
}

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

/// The engine's context for the fields of a one-step definition, all
/// shown: the answers, their issues, the language, and a fresh `attempted`
/// flag and root.
pub(super) fn field_ctx(
    form: StoredValue<Arc<Form>>,
    answers: RwSignal<Answers>,
    issues: Memo<Vec<Issue>>,
    lang: Lang,
) -> Ctx {
    Ctx {
        answers,
        issues,
        attempted: RwSignal::new(false),
        lang,
        words: form_words(lang),
        common: words(lang),
        form,
        shown: Memo::new(move |_| form.with_value(|f| vec![true; f.fields.len()])),
        root: NodeRef::new(),
    }
}

/// The answer a field element's value text stands for: a signature's JSON
/// ([`Value::to_json`]), or the text itself.
fn answer_of(kind: FieldKind, text: String) -> Value {
    match kind {
        FieldKind::Signature => {
            Value::from_json(&text).unwrap_or(Value::Signature(Default::default()))
        }
        _ => Value::Text(text),
    }
}

/// The text a field element submits for `answer` (`None`: nothing).
fn submitted(answer: Option<&Value>) -> Option<String> {
    match answer? {
        Value::Text(t) if !t.is_empty() => Some(t.clone()),
        v @ Value::Signature(_) if v.is_answered() => Some(v.to_json()),
        _ => None,
    }
}

fn render(kind: FieldKind, host: web_sys::HtmlElement, attrs: Attributes) -> AnyView {
    let lang = lang_of(&host, &attrs);
    let label = Some(label_of(&host))
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| super::field_words(lang).name(kind).to_string());
    let (value, required, disabled) = (
        attrs.signal("value"),
        attrs.signal("required"),
        attrs.signal("disabled"),
    );
    let ends = (
        attrs.signal("min-label").get_untracked(),
        attrs.signal("max-label").get_untracked(),
    );
    let form = StoredValue::new(Arc::new(definition(
        kind,
        &label,
        required.get_untracked().is_some(),
        ends.clone(),
    )));
    let answers = RwSignal::new(Answers::default());
    // The page's value (the `value` attribute, the `value` property, a
    // reset or a restore) replaces the answer.
    Effect::new(move |_| {
        let text = value.get().unwrap_or_default();
        answers.update(|a| a.set(ID, answer_of(kind, text)));
    });
    let today = today();
    let issues = Memo::new(move |_| {
        let required = required.get().is_some();
        let (label, ends) = (label.clone(), ends.clone());
        answers.with(|a| check_step(&definition(kind, &label, required, ends), 0, a, today))
    });
    let ctx = field_ctx(form, answers, issues, lang);
    let (attempted, root) = (ctx.attempted, ctx.root);
    on_invalid(&host, attempted);
    // The value and the validity, to the host's form, at every change.
    let reporter = host.clone();
    Effect::new(move |_| {
        let text = answers.with(|a| submitted(a.get(ID)));
        let error = issues.with(|all| {
            all.iter()
                .find(|i| i.severity == Severity::Error)
                .map(|i| i.message.text(lang))
        });
        let anchor = root.get().and_then(|r| {
            r.query_selector(&format!("[id=\"{}\"]", control_id(ID)))
                .ok()
                .flatten()
        });
        report_control(&reporter, text, &[], error, anchor);
    });
    let field = form.with_value(|f| f.fields[0].clone());
    view! {
        <fieldset class="lokal-field" disabled=move || disabled.get().is_some()>
            <div node_ref=root>{field_view(&field, Slot::Top(ID.into()), ctx)}</div>
        </fieldset>
    }
    .into_any()
}
