//! One live field, as both the field elements ([`super::element`]) and the
//! Leptos component ([`super::Field`]) draw it: a one-field definition
//! built from the field's kind, label, `required` and end labels, its
//! answer, the forms core's issues ([`check_step`]) and the engine's own
//! view of the field ([`field_view`]). Each wrapper only decides where the
//! value and the validity go (the element: the host page's form through
//! `ElementInternals`; the component: the app's signal and `<form>`).

use crate::common::today::today;
use crate::common::words::words;
use crate::form::{control_id, field_view, form_words, Ctx, Slot};
use leptos::html::Div;
use leptos::prelude::*;
use lokalform_forms::answers::{Answers, Value};
use lokalform_forms::schema::{Field, FieldKind, Form, Lang, Step, Text};
use lokalform_forms::validate::{check_step, Issue, Severity};
use std::sync::Arc;

/// The one-field definition: `kind` with id `id`, named `label`,
/// `required` or not, with the scale's or line's end labels.
fn definition(
    kind: FieldKind,
    id: &str,
    label: &str,
    required: bool,
    ends: &(Option<String>, Option<String>),
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
            id: id.into(),
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

/// The answer a field's value text stands for: a signature's JSON
/// ([`Value::to_json`]), or the text itself.
fn answer_of(kind: FieldKind, text: String) -> Value {
    match kind {
        FieldKind::Signature => {
            Value::from_json(&text).unwrap_or(Value::Signature(Default::default()))
        }
        _ => Value::Text(text),
    }
}

/// The text a field submits for `answer` (`None`: nothing).
fn submitted(answer: Option<&Value>) -> Option<String> {
    match answer? {
        Value::Text(t) if !t.is_empty() => Some(t.clone()),
        v @ Value::Signature(_) if v.is_answered() => Some(v.to_json()),
        _ => None,
    }
}

/// What a wrapper reads from a live field (cheap to copy).
#[derive(Clone, Copy)]
pub(super) struct Live {
    answers: RwSignal<Answers>,
    issues: Memo<Vec<Issue>>,
    /// Set when the person tried to submit: the error then shows at the
    /// field, as in the engine.
    pub attempted: RwSignal<bool>,
    root: NodeRef<Div>,
    form: StoredValue<Arc<Form>>,
    lang: Lang,
}

impl Live {
    /// The text the field submits now (`None`: nothing; tracked).
    pub fn text(&self) -> Option<String> {
        let answers = self.answers;
        self.form
            .with_value(|f| answers.with(|a| submitted(a.get(&f.fields[0].id))))
    }

    /// The message that keeps the field from being submitted (the first
    /// error; a warning, such as a CPR number failing modulus 11, does
    /// not), in the field's language (tracked).
    pub fn error(&self) -> Option<String> {
        self.issues.with(|all| {
            all.iter()
                .find(|i| i.severity == Severity::Error)
                .map(|i| i.message.text(self.lang))
        })
    }

    /// The engine's control for the field (its input, first radio button,
    /// slider …), once drawn: where focus and a validation bubble go.
    pub fn control(&self) -> Option<web_sys::Element> {
        let selector = self
            .form
            .with_value(|f| format!("[id=\"{}\"]", control_id(&f.fields[0].id)));
        self.root
            .get()
            .and_then(|r| r.query_selector(&selector).ok().flatten())
    }
}

/// Draws field `kind` with id `id` (its control's DOM id is
/// `control_id(id)`), named `label` (empty: the kind's own name in `lang`),
/// the end labels `ends` (scale, line), `required` while that says so, and
/// the answer `value` gives: the text a wrapper has from its page or app
/// (the element's `value`, the component's signal); a text equal to what
/// the field already submits changes nothing.
pub(super) fn live(
    kind: FieldKind,
    id: &str,
    label: String,
    lang: Lang,
    ends: (Option<String>, Option<String>),
    required: impl Fn() -> bool + Send + Sync + 'static,
    value: impl Fn() -> String + 'static,
) -> (Live, impl IntoView) {
    let label = Some(label)
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| super::field_words(lang).name(kind).to_string());
    let form = StoredValue::new(Arc::new(definition(kind, id, &label, required(), &ends)));
    let answers = RwSignal::new(Answers::default());
    let id = id.to_string();
    let field_id = id.clone();
    Effect::new(move |_| {
        let text = value();
        let current = answers.with_untracked(|a| submitted(a.get(&field_id)));
        if current.unwrap_or_default() != text {
            answers.update(|a| a.set(&field_id, answer_of(kind, text)));
        }
    });
    let today = today();
    let issues = Memo::new(move |_| {
        let form = definition(kind, &id, &label, required(), &ends);
        answers.with(|a| check_step(&form, 0, a, today))
    });
    let ctx = field_ctx(form, answers, issues, lang);
    let field = Live {
        answers,
        issues,
        attempted: ctx.attempted,
        root: ctx.root,
        form,
        lang,
    };
    let spec = form.with_value(|f| f.fields[0].clone());
    let slot = Slot::Top(spec.id.clone());
    let view = view! { <div node_ref=ctx.root>{field_view(&spec, slot, ctx)}</div> };
    (field, view)
}
