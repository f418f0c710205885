//! Small pieces every screen uses: a date field and an error line.

use super::App;
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
