//! Small pieces every screen uses: a date field, an error line, a radio
//! button, a new passphrase's check, and the frame around a form.

use super::{App, Route};
use leptos::prelude::*;
use lokalform::date::Date;

/// A date typed as dd.mm.åååå, with its hint.
pub fn date_field(
    app: App,
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    let help = format!("{id}-help");
    view! {
        <div class="field">
            <label class="label" for=id>{label}</label>
            <p class="help" id=help.clone()>{app.t("Skriv datoen som dd.mm.åååå, fx 01.09.2026", "Write the date as dd.mm.yyyy, e.g. 01.09.2026")}</p>
            <input id=id class="input input-date" type="text" inputmode="numeric" autocomplete="off" aria-describedby=help
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        </div>
    }
}

/// Reads a date field; the message says how to write it.
pub fn read_date(app: App, value: RwSignal<String>) -> Result<Date, String> {
    Date::parse_danish(value.get_untracked().trim()).map_err(|_| {
        app.t(
            "Skriv datoen som dd.mm.åååå, fx 01.09.2026.",
            "Write the date as dd.mm.yyyy, e.g. 01.09.2026.",
        )
        .to_string()
    })
}

/// The problem after a refused action, if any, as an alert.
pub fn problem_line(app: App, problem: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        problem.get().map(|m| {
            view! { <p class="field-error" role="alert"><span class="sr-only">{app.t("Fejl: ", "Error: ")}</span>{m}</p> }
        })
    }
}

/// The problem with a new passphrase typed twice, if any: too short (under
/// [`super::unlock::MIN_PASSPHRASE`] characters), or the two differ.
pub fn new_passphrase_problem(app: App, first: &str, again: &str) -> Option<String> {
    if first.chars().count() < super::unlock::MIN_PASSPHRASE {
        return Some(
            app.t(
                "Adgangskoden skal være mindst 8 tegn. Vælg en længere.",
                "The passphrase must be at least 8 characters. Choose a longer one.",
            )
            .into(),
        );
    }
    (first != again).then(|| {
        app.t(
            "De to adgangskoder er ikke ens. Skriv den samme adgangskode to gange.",
            "The two passphrases are not the same. Type the same passphrase twice.",
        )
        .into()
    })
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
    let back = app.t(
        "Tilbage til parret (kladden gemmes)",
        "Back to the pair (the draft is kept)",
    );
    form_screen(app, heading, form, Route::Pair(pair), back)
}

/// Problems with their paths, as one line: `a: …; b: …`.
pub fn problem_list(problems: &[lokalform::schema::Problem]) -> String {
    let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
    list.join("; ")
}
