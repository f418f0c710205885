//! `<lokal-instrument>`: a whole measurement instrument (LSNS-6 built in,
//! or any definition of `lokalform_forms::instruments` a partner serves) as
//! one form control of the host page's `<form>`.
//!
//! | attribute | meaning |
//! |---|---|
//! | `name` | the name its answers (and, beside them, the score) are submitted under |
//! | `value` | the default answers, as JSON (what `form.reset()` goes back to) |
//! | `required` | the form is not submitted until the instrument can be scored |
//! | `disabled` | not editable, and not submitted |
//! | `lang` | `da` or `en` (default: the page's `lang`, else Danish) |
//! | `src` | URL of an instrument definition (default: the built-in LSNS-6) |
//!
//! The items are drawn by the form engine's renderers, from the fields
//! [`Instrument::item_fields`] makes (the same fields the programme's
//! measurement step asks), and checked by the forms core's validation;
//! [`Instrument::answers_in`] reads them back and [`Instrument::score`]
//! scores them, exactly as the core does everywhere else. Below the items a
//! line says how many are answered and which are missing.
//!
//! What the host's form submits (`FormData`), under `name` (e.g. `lsns`):
//!
//! | entry | value |
//! |---|---|
//! | `lsns` | the answers as JSON, item id to scale value: `{"family_see":2,"family_talk":1,…}` (answered items only) |
//! | `lsns.score` | the total, e.g. `12`, when the definition allows one from these answers (a sum needs every item) |
//! | `lsns.score.family` | each subscale's score, when it has one |
//!
//! The element's `value` property is the answers' JSON. At the start and
//! at every change it dispatches `lokal-scored`, whose `detail` is the
//! score (`total`, `band`, `flagged`, `answered`, `missing` item ids,
//! `subscales`), never the answers. The element sends nothing anywhere: the
//! definition is fetched without cookies, and the answers go to the host's
//! form only.

use super::element::{lang_of, on_invalid};
use super::field_words;
use super::live::field_ctx;
use crate::common::element::{define, emit, label_of, report_control, Attributes, Element, Event};
use crate::common::style;
use crate::common::today::today;
use crate::common::words::words;
use crate::form::{control_id, field_view, form_words, Slot};
use crate::store::vault;
use leptos::prelude::*;
use lokalform_forms::answers::{Answers, Value};
use lokalform_forms::instruments::{item_field, localise, Instrument, LSNS6_JSON};
use lokalform_forms::schema::{Form, Lang, Step};
use lokalform_forms::validate::{check_step, Severity};
use lokalform_text::json::{parse, write_string, Json};
use std::sync::Arc;
use wasm_bindgen::JsValue;

/// `<lokal-instrument>`.
pub const INSTRUMENT: Element = Element {
    tag: "lokal-instrument",
    attributes: &["name", "value", "required", "disabled", "lang", "src"],
    styles: &[style::BASE, style::FORM, style::FIELDS],
    control: true,
};

/// Wires `<lokal-instrument>` to its live widget.
pub fn register() {
    define(INSTRUMENT.tag, INSTRUMENT.attributes, render);
}

/// The key the item fields' ids are made from (`item_1`, `item_2`, …).
const KEY: &str = "item";

/// A definition that could not be used: where it is, and its problems.
#[derive(Clone)]
struct Unusable {
    src: String,
    /// The first problem's path (empty: the whole document, or the fetch).
    path: String,
    /// Every problem, one a line.
    problems: String,
}

async fn load(src: Option<String>) -> Result<Arc<Instrument>, Unusable> {
    let Some(src) = src.filter(|s| !s.trim().is_empty()) else {
        return Instrument::from_json(LSNS6_JSON)
            .map(Arc::new)
            .map_err(|_| Unusable {
                src: "lsns6".into(),
                path: String::new(),
                problems: String::new(),
            });
    };
    let json = vault::get_text(&src).await.map_err(|e| Unusable {
        src: src.clone(),
        path: String::new(),
        problems: e.0.clone(),
    })?;
    Instrument::from_json(&json).map(Arc::new).map_err(|p| {
        let lines: Vec<String> = p.iter().map(ToString::to_string).collect();
        Unusable {
            src,
            path: p.first().map(|p| p.path.clone()).unwrap_or_default(),
            problems: lines.join("\n"),
        }
    })
}

/// The attributes the live instrument reads.
#[derive(Clone, Copy)]
struct Signals {
    value: RwSignal<Option<String>>,
    required: RwSignal<Option<String>>,
    disabled: RwSignal<Option<String>>,
    name: RwSignal<Option<String>>,
}

fn render(host: web_sys::HtmlElement, attrs: Attributes) -> AnyView {
    let lang = lang_of(&host, &attrs);
    let signals = Signals {
        value: attrs.signal("value"),
        required: attrs.signal("required"),
        disabled: attrs.signal("disabled"),
        name: attrs.signal("name"),
    };
    let live_host = StoredValue::new_local(host.clone());
    let src = attrs.signal("src");
    let loaded = RwSignal::new(None::<Result<Arc<Instrument>, Unusable>>);
    let error_host = host.clone();
    Effect::new(move |_| {
        let src = src.get();
        let host = error_host.clone();
        crate::common::task::spawn(async move {
            let result = load(src).await;
            if let Err(e) = &result {
                let message = format!("{}: {}", e.src, e.problems);
                emit(
                    &host,
                    Event::Error,
                    &crate::common::element::detail("message", &message),
                );
            }
            loaded.try_set(Some(result));
        });
    });
    (move || match loaded.get() {
        None => view! { <p class="muted" role="status">{words(lang).loading}</p> }.into_any(),
        Some(Err(e)) => view! {
            <div class="notice notice-error" role="alert">
                <p class="notice-title">{words(lang).load_failed}</p>
                <p>{(field_words(lang).definition_problem)(&e.src, &e.path)}</p>
                <details><summary>{form_words(lang).technical_details}</summary>
                    <pre class="payload">{e.problems.clone()}</pre></details>
            </div>
        }
        .into_any(),
        Some(Ok(instrument)) => live(instrument, live_host.get_value(), signals, lang),
    })
    .into_any()
}

/// The items as a one-step definition; each item required when
/// `required` and the score needs every item.
fn definition(instrument: &Instrument, required: bool) -> Form {
    let english = instrument.languages.contains(&Lang::En);
    let every_item = instrument.scoring.min_answered >= instrument.items.len();
    let mut n = 0;
    let fields: Vec<_> = instrument
        .item_fields(KEY, english)
        .into_iter()
        .map(|mut f| {
            if f.kind.takes_answer() {
                n += 1;
                f.required = required && every_item;
                // Numbered, so the line about missing items can name them.
                f.label.da = format!("{n}. {}", f.label.da);
                f.label.en = f.label.en.map(|en| format!("{n}. {en}"));
            }
            f
        })
        .collect();
    let end = fields.len();
    Form {
        id: instrument.id.clone(),
        version: instrument.version,
        languages: instrument.languages.clone(),
        title: localise(&instrument.title, english),
        intro: None,
        fields,
        steps: vec![Step {
            title: None,
            intro: None,
            start: 0,
            end,
        }],
        thanks: None,
        stepped: false,
    }
}

/// The answers of a `value` text (JSON, item id to scale value) as the
/// item fields' answers; anything else is no answer.
fn answers_of(instrument: &Instrument, text: &str) -> Answers {
    let mut answers = Answers::default();
    if let Ok(json) = parse(text) {
        for (i, item) in instrument.items.iter().enumerate() {
            if let Some(Json::Number(n)) = json.get(&item.id) {
                answers.set(&item_field(KEY, i), Value::Text(n.clone()));
            }
        }
    }
    answers
}

/// What the score says, owned (for the event and the form's entries).
#[derive(Clone, PartialEq)]
struct Scored {
    /// The answers as the form's value, JSON; `None` with no answer.
    value: Option<String>,
    total: Option<f64>,
    band: Option<String>,
    flagged: bool,
    answered: usize,
    /// Item ids.
    missing: Vec<String>,
    /// Item numbers (1-based).
    missing_numbers: Vec<usize>,
    /// Id, score, band, flagged.
    subscales: Vec<(String, Option<f64>, Option<String>, bool)>,
}

fn scored(instrument: &Instrument, answers: &Answers, lang: Lang) -> Scored {
    let pairs = instrument.answers_in(answers, KEY);
    let value = (!pairs.is_empty()).then(|| {
        let mut out = String::from("{");
        for (i, (id, v)) in pairs.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_string(&mut out, id);
            out.push(':');
            out.push_str(&v.to_string());
        }
        out.push('}');
        out
    });
    let score = instrument.score(&pairs);
    let label =
        |b: Option<&lokalform_forms::instruments::Band>| b.map(|b| b.label.get(lang).to_string());
    Scored {
        value,
        total: score.total,
        band: label(score.band),
        flagged: score.flagged,
        answered: score.answered,
        missing_numbers: score
            .missing
            .iter()
            .filter_map(|id| instrument.items.iter().position(|i| i.id == *id))
            .map(|i| i + 1)
            .collect(),
        missing: score.missing.iter().map(|s| s.to_string()).collect(),
        subscales: score
            .subscales
            .iter()
            .map(|s| (s.id.to_string(), s.score, label(s.band), s.flagged))
            .collect(),
    }
}

/// "2, 5 og 6".
fn listed(numbers: &[usize], and: &str) -> String {
    let texts: Vec<String> = numbers.iter().map(ToString::to_string).collect();
    match texts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {and} {last}", rest.join(", ")),
        _ => texts.join(""),
    }
}

/// The `lokal-scored` detail: the score, never the answers.
fn detail(s: &Scored) -> JsValue {
    let set = |o: &js_sys::Object, k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(o, &JsValue::from_str(k), &v);
    };
    let number = |n: Option<f64>| n.map_or(JsValue::NULL, JsValue::from_f64);
    let text = |t: &Option<String>| t.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    let o = js_sys::Object::new();
    set(&o, "total", number(s.total));
    set(&o, "band", text(&s.band));
    set(&o, "flagged", JsValue::from_bool(s.flagged));
    set(&o, "answered", JsValue::from_f64(s.answered as f64));
    let missing: js_sys::Array = s.missing.iter().map(|m| JsValue::from_str(m)).collect();
    set(&o, "missing", missing.into());
    let subscales = js_sys::Array::new();
    for (id, score, band, flagged) in &s.subscales {
        let sub = js_sys::Object::new();
        set(&sub, "id", JsValue::from_str(id));
        set(&sub, "score", number(*score));
        set(&sub, "band", text(band));
        set(&sub, "flagged", JsValue::from_bool(*flagged));
        subscales.push(&sub);
    }
    set(&o, "subscales", subscales.into());
    o.into()
}

fn live(
    instrument: Arc<Instrument>,
    host: web_sys::HtmlElement,
    signals: Signals,
    lang: Lang,
) -> AnyView {
    // The page's `<label for>` names it (the title stays for screen
    // readers); without one, the instrument's title is shown.
    let labelled = label_of(&host);
    let (legend, legend_class) = if labelled.is_empty() {
        (instrument.title.get(lang).to_string(), "label")
    } else {
        (labelled, "sr-only")
    };
    let Signals {
        value,
        required,
        disabled,
        name,
    } = signals;
    let form = StoredValue::new(Arc::new(definition(
        &instrument,
        required.get_untracked().is_some(),
    )));
    let answers = RwSignal::new(Answers::default());
    // The page's value (the `value` attribute, the `value` property, a
    // reset or a restore) replaces the answers.
    let from_value = instrument.clone();
    Effect::new(move |_| {
        let text = value.get().unwrap_or_default();
        answers.set(answers_of(&from_value, &text));
    });
    let today = today();
    let checked = instrument.clone();
    let issues = Memo::new(move |_| {
        let form = definition(&checked, required.get().is_some());
        answers.with(|a| check_step(&form, 0, a, today))
    });
    let scoring = instrument.clone();
    let score = Memo::new(move |_| answers.with(|a| scored(&scoring, a, lang)));
    let ctx = field_ctx(form, answers, issues, lang);
    let (attempted, root) = (ctx.attempted, ctx.root);
    on_invalid(&host, attempted);
    let fw = field_words(lang);
    let (min, items) = (instrument.scoring.min_answered, instrument.items.len());
    // The message of a form that cannot be submitted yet: too few answers
    // for a score (when required), else the first item's problem.
    let message = move || -> Option<(String, Option<usize>)> {
        let s = score.get();
        if required.get().is_some() && s.total.is_none() {
            let mut text = String::new();
            if min < items {
                text.push_str(&(fw.at_least)(min, items));
                text.push(' ');
            }
            text.push_str(&(fw.missing)(&listed(&s.missing_numbers, fw.and)));
            let first = s.missing_numbers.first().map(|n| n - 1);
            return Some((text, first));
        }
        issues.with(|all| {
            all.iter().find(|i| i.severity == Severity::Error).map(|i| {
                let at = (1..=items).find(|n| item_field(KEY, n - 1) == i.path);
                (i.message.text(lang), at.map(|n| n - 1))
            })
        })
    };
    // The answers, the score and the validity, to the host's form.
    let reporter = host.clone();
    Effect::new(move |_| {
        let s = score.get();
        let name = name.get().unwrap_or_default();
        let mut extra = Vec::new();
        if let Some(total) = s.total {
            extra.push((format!("{name}.score"), total.to_string()));
        }
        for (id, sub, _, _) in &s.subscales {
            if let Some(sub) = sub {
                extra.push((format!("{name}.score.{id}"), sub.to_string()));
            }
        }
        let invalid = message();
        let anchor = invalid.as_ref().and_then(|(_, at)| {
            let id = control_id(&item_field(KEY, (*at)?));
            root.get()?
                .query_selector(&format!("[id=\"{id}\"]"))
                .ok()
                .flatten()
        });
        report_control(&reporter, s.value, &extra, invalid.map(|(m, _)| m), anchor);
    });
    // The score, for a page that shows it.
    Effect::new(move |_| {
        let s = score.get();
        emit(&host, Event::Scored, &detail(&s));
    });
    let status = move || {
        let s = score.get();
        if s.missing.is_empty() {
            (fw.all_answered)(items)
        } else {
            format!(
                "{} {}",
                (fw.answered)(s.answered, items),
                (fw.missing)(&listed(&s.missing_numbers, fw.and))
            )
        }
    };
    let intro = instrument
        .intro
        .as_ref()
        .map(|t| view! { <p class="help">{t.get(lang).to_string()}</p> });
    let fields = form.with_value(|f| {
        f.fields
            .iter()
            .map(|field| field_view(field, Slot::Top(field.id.clone()), ctx))
            .collect_view()
    });
    view! {
        <fieldset class="lokal-instrument" disabled=move || disabled.get().is_some()>
            <legend class=legend_class>{legend}</legend>
            <div node_ref=root>
                {intro}
                {fields}
                <p class="instrument-status" id="lf-instrument-status">{status}</p>
            </div>
        </fieldset>
    }
    .into_any()
}
