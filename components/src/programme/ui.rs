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
/// a button (`lp-{key}`) that opens a small form with `help`, a date
/// box when the correction needs one, the reason (`lp-{key}-reason`), the
/// confirm button and "Annuller". `act` gets the reason as typed; a
/// refusal is shown above the form, and nothing changes.
pub fn correction(
    app: App,
    key: &'static str,
    open_label: &'static str,
    help: &'static str,
    date: Option<(DateInput, &'static str)>,
    act: Callback<String, Result<(), String>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let reason_id = format!("lp-{key}-reason");
    let opener = format!("lp-{key}");
    let show = {
        let reason_id = reason_id.clone();
        move |_| {
            open.set(true);
            let (root, id) = (app.root, reason_id.clone());
            request_animation_frame(move || crate::common::focus::focus_id(root, &id));
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Err(e) = act.run(reason.get_untracked()) {
            problem.set(Some(e));
        }
    };
    move || {
        let life = &app.words().life;
        if !open.get() {
            return view! {
                <button type="button" class="button button-secondary" id=opener.clone() on:click=show.clone()>{open_label}</button>
            }
            .into_any();
        }
        let help_id = format!("{reason_id}-help");
        view! {
            <form novalidate class="subform" on:submit=submit>
                {(!help.is_empty()).then(|| view! { <p class="help">{help}</p> })}
                {problem_line(app, problem)}
                {date.map(|(d, label)| d.view(app, label))}
                <div class="field">
                    <label class="label" for=reason_id.clone()>{life.reason}</label>
                    <p class="help" id=help_id.clone()>{life.reason_help}</p>
                    <textarea id=reason_id.clone() class="input" rows="2" aria-describedby=help_id
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                </div>
                <div class="actions">
                    <button type="submit" class="button">{open_label}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| { problem.set(None); open.set(false) }>{life.cancel}</button>
                </div>
            </form>
        }
        .into_any()
    }
}
