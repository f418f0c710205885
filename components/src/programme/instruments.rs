//! Measurement instruments: LSNS-6 is built in; licensed instruments (MHRM,
//! FIT's ORS/SRS) are imported by the municipality as definition files
//! (`lokalform_forms::instruments`), whose text is never shipped. An imported
//! definition is kept in the registry, so it is in the backup too.

use super::files::read_picked;
use super::ui::problem_line;
use super::App;
use leptos::ev;
use leptos::prelude::*;
use lokalform_programme::Registry;
use wasm_bindgen::JsCast;

/// The instruments screen.
pub fn instruments(app: App) -> impl IntoView {
    let lang = app.lang.get_untracked();
    let cards = app
        .registry
        .with_untracked(Registry::instruments)
        .into_iter()
        .map(|i| {
            let note = i
                .translation_note
                .as_ref()
                .map(|t| view! { <p><em>{t.get(lang).to_string()}</em></p> });
            let facts = format!(
                "{} {} · {} {} · {}",
                app.t("Id", "Id"),
                i.id,
                app.t("version", "version"),
                i.version,
                match lang {
                    lokalform_forms::schema::Lang::Da => format!("{} spørgsmål", i.items.len()),
                    lokalform_forms::schema::Lang::En => format!("{} items", i.items.len()),
                }
            );
            view! {
                <li class="card">
                    <p class="card-title">{i.title.get(lang).to_string()}</p>
                    <p class="muted">{facts}</p>
                    {note}
                    <details>
                        <summary>{app.t("Kilde og vilkår", "Source and terms")}</summary>
                        <p>{i.source.get(lang).to_string()}</p>
                    </details>
                </li>
            }
        })
        .collect_view();
    let file = NodeRef::<leptos::html::Input>::new();
    let pasted = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let import = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let input = file
            .get_untracked()
            .map(|i| i.unchecked_into::<web_sys::HtmlInputElement>());
        let text_in_box = pasted.get_untracked();
        crate::common::task::spawn(async move {
            let picked = match input {
                Some(input) => read_picked(&input).await.ok().flatten(),
                None => None,
            };
            let Some(text) = picked.or_else(|| Some(text_in_box).filter(|t| !t.trim().is_empty()))
            else {
                problem.try_set(Some(
                    app.t(
                        "Vælg en fil med definitionen, eller indsæt teksten.",
                        "Choose a file with the definition, or paste its text.",
                    )
                    .into(),
                ));
                return;
            };
            let mut next = app.registry.get_untracked();
            match next.import_instrument(&text) {
                Ok(instrument) => {
                    let id = instrument.title.get(app.lang.get_untracked()).to_string();
                    app.replace(next);
                    app.notice.try_set(Some(format!(
                        "{} {id}.",
                        app.t("Måleredskabet er tilføjet:", "The instrument is added:")
                    )));
                    pasted.try_set(String::new());
                    problem.try_set(None);
                    app.go(super::Route::Instruments);
                }
                Err(problems) => {
                    problem.try_set(Some(format!(
                        "{} {}",
                        app.t(
                            "Definitionen kan ikke bruges. Ret dette, og prøv igen:",
                            "The definition cannot be used. Correct this and try again:"
                        ),
                        super::ui::problem_list(&problems)
                    )));
                }
            }
        });
    };
    view! {
        <h2 class="title" id="lp-heading" tabindex="-1">{app.t("Måleredskaber", "Measurement instruments")}</h2>
        <p class="intro">{app.t(
            "LSNS-6 er indbygget. Skemaer med licens, fx MHRM eller FIT (ORS/SRS), tilføjer I selv som en definitionsfil med den tekst, I har ret til at bruge. Nye måleredskaber kommer med i førmålingen for nye deltagere og i eftermålingen.",
            "LSNS-6 is built in. Licensed instruments, e.g. MHRM or FIT (ORS/SRS), you add yourselves as a definition file with the text you have the right to use. New instruments are included in the before-measurement of new participants and in the after-measurement.")}</p>
        <ul class="cards" aria-label=app.t("Måleredskaber i registret", "Instruments in the registry")>{cards}</ul>
        <section aria-labelledby="lp-import">
            <h3 class="step-title" id="lp-import">{app.t("Tilføj et måleredskab", "Add an instrument")}</h3>
            <form novalidate on:submit=import class="subform">
                {problem_line(app, problem)}
                <div class="field">
                    <label class="label" for="lp-import-file">{app.t("Fil med definitionen (JSON)", "File with the definition (JSON)")}</label>
                    <input id="lp-import-file" class="input" type="file" accept=".json,application/json" node_ref=file />
                </div>
                <div class="field">
                    <label class="label" for="lp-import-text">{app.t("Eller indsæt definitionen", "Or paste the definition")}</label>
                    <textarea id="lp-import-text" class="input" rows="4" prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                </div>
                <div class="actions"><button type="submit" class="button button-secondary">{app.t("Tilføj måleredskabet", "Add the instrument")}</button></div>
            </form>
        </section>
    }
}
