//! Small pieces every screen uses: a date field, an error line, a radio
//! button, a new passphrase's check, and the frame around a form.

use super::{App, Route};
use leptos::prelude::*;
use lokalform_text::date::Date;

/// A date typed as dd.mm.åååå: its text, and its error once a reading
/// failed. The error stands above the box (DKFDS), with a hidden "Fejl:",
/// `aria-invalid` and `aria-describedby`, and focus goes to the box.
#[derive(Clone, Copy)]
pub struct DateInput {
    id: &'static str,
    /// The text as typed.
    pub value: RwSignal<String>,
    error: RwSignal<Option<String>>,
}

impl DateInput {
    /// A date box with id `id`, starting with `initial` (e.g. today).
    pub fn new(id: &'static str, initial: String) -> DateInput {
        DateInput {
            id,
            value: RwSignal::new(initial),
            error: RwSignal::new(None),
        }
    }

    /// The field: label, hint, error (if any), box.
    pub fn view(self, app: App, label: &'static str) -> impl IntoView {
        let DateInput { id, value, error } = self;
        let help = format!("{id}-help");
        let error_id = format!("{id}-error");
        let described = {
            let (help, error_id) = (help.clone(), error_id.clone());
            move || match error.get() {
                Some(_) => format!("{help} {error_id}"),
                None => help.clone(),
            }
        };
        view! {
            <div class="field">
                <label class="label" for=id>{label}</label>
                <p class="help" id=help.clone()>{app.words().frame.date_help}</p>
                {move || error.get().map(|m| view! {
                    <p class="field-error" id=error_id.clone()><span class="sr-only">{app.words().frame.error_prefix}</span>{m}</p>
                })}
                <input id=id class="input input-date" type="text" inputmode="numeric" autocomplete="off"
                    aria-describedby=described aria-invalid=move || error.get().map(|_| "true")
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    }

    /// The date, or `None` after showing why not and moving focus there.
    pub fn read(self, app: App) -> Option<Date> {
        match Date::parse_danish(self.value.get_untracked().trim()) {
            Ok(d) => {
                self.error.set(None);
                Some(d)
            }
            Err(_) => {
                self.error
                    .set(Some(app.words().frame.date_error.to_string()));
                let (root, id) = (app.root, self.id);
                request_animation_frame(move || crate::common::focus::focus_id(root, id));
                None
            }
        }
    }
}

/// The problem after a refused action, if any, as an alert.
pub fn problem_line(app: App, problem: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        problem.get().map(|m| {
            view! { <p class="field-error" role="alert"><span class="sr-only">{app.words().frame.error_prefix}</span>{m}</p> }
        })
    }
}

/// The problem with a new passphrase typed twice, if any, in the one
/// wording of the rule ([`crate::common::passphrase`]).
pub fn new_passphrase_problem(app: App, first: &str, again: &str) -> Option<String> {
    crate::common::passphrase::new_passphrase_problem(first, again)
        .map(|p| p.text(app.lang.get_untracked()).to_string())
}

/// One radio button of group `name`; its id is `{name}-{value}`.
pub fn radio(
    name: &'static str,
    value: &'static str,
    label: &'static str,
    selected: RwSignal<String>,
) -> impl IntoView {
    let id = format!("{name}-{value}");
    view! {
        <div class="choice">
            <input type="radio" class="radio" name=name id=id.clone() value=value
                prop:checked=move || selected.get() == value on:change=move |_| selected.set(value.into()) />
            <label for=id>{label}</label>
        </div>
    }
}

/// A programme form on its screen: the heading (what it is for, and for
/// whom), the form (which shows why a save was refused, if it was), and
/// the way back.
pub fn form_screen(
    app: App,
    heading: String,
    form: impl IntoView,
    back: Route,
    back_label: &'static str,
) -> impl IntoView {
    view! {
        <h2 class="page-heading" id="lp-heading" tabindex="-1">{heading}</h2>
        {form}
        <div class="actions no-print">
            <button type="button" class="button button-secondary" on:click=move |_| app.go(back.clone())>{back_label}</button>
        </div>
    }
}

/// [`form_screen`] for a pair's form (contract, exit): back to the pair.
pub fn pair_form_screen(
    app: App,
    pair: String,
    heading: String,
    form: impl IntoView,
) -> impl IntoView {
    let back = app.words().frame.back_to_pair;
    form_screen(app, heading, form, Route::Pair(pair), back)
}

/// Problems with their paths, as one line: `a: …; b: …`.
pub fn problem_list(problems: &[lokalform_forms::schema::Problem]) -> String {
    let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
    list.join("; ")
}

/// A correction or undo that needs a reason ([`lokalform_programme::Change`]):
/// a disclosure (`<details>`, its summary `lp-{key}`) that holds `help`,
/// the reason (`lp-{key}-reason`) and the confirm button, labelled like the
/// summary. `act` gets the
/// reason as typed; a refusal is shown above the reason, and nothing
/// changes. The confirm button's id is `lp-{key}-submit`.
pub fn correction(
    app: App,
    key: String,
    label: &'static str,
    help: &'static str,
    act: Callback<String, Result<(), String>>,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let reason_id = format!("lp-{key}-reason");
    let help_id = format!("{reason_id}-help");
    let submit_id = format!("lp-{key}-submit");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Err(e) = act.run(reason.get_untracked()) {
            problem.set(Some(e));
        }
    };
    let life = &app.words().life;
    let help = if help.is_empty() {
        life.reason_help.to_string()
    } else {
        format!("{help} {}", life.reason_help)
    };
    view! {
        <details class="correction">
            <summary id=format!("lp-{key}")>{label}</summary>
            <form novalidate class="subform" on:submit=submit>
                {problem_line(app, problem)}
                <div class="field">
                    <label class="label" for=reason_id.clone()>{life.reason}</label>
                    <p class="help" id=help_id.clone()>{help}</p>
                    <textarea id=reason_id class="input" rows="2" aria-describedby=help_id
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                </div>
                <div class="actions"><button type="submit" class="button" id=submit_id>{label}</button></div>
            </form>
        </details>
    }
}

/// Fixed lines as escaped HTML (cheaper in wasm than view markup): a
/// `<dl class="facts">` of the `(term, text)` pairs whose text is not
/// empty.
pub fn facts_html(lines: &[(&str, &str)]) -> String {
    let mut out = String::from("<dl class=\"facts\">");
    for (term, text) in lines.iter().filter(|(_, t)| !t.is_empty()) {
        crate::common::html::element(&mut out, "dt", "", term);
        crate::common::html::element(&mut out, "dd", "pre-line", text);
    }
    out.push_str("</dl>");
    out
}

/// Fixed lines as escaped HTML: a `<ul>` of `items`.
pub fn list_html(items: &[String]) -> String {
    let mut out = String::from("<ul>");
    for item in items {
        crate::common::html::element(&mut out, "li", "", item);
    }
    out.push_str("</ul>");
    out
}
