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
            // The notes for workers and evaluators: shown here and with the
            // reports, never in the measurement a participant fills in.
            let note = i
                .translation_note
                .as_ref()
                .map(|t| view! { <p><em>{t.get(lang).to_string()}</em></p> });
            let evaluation = i
                .evaluation_note
                .as_ref()
                .map(|t| view! { <p class="help">{t.get(lang).to_string()}</p> });
            let facts = (app.words().instruments.facts)(&i.id, i.version, i.items.len());
            view! {
                <li class="card">
                    <p class="card-title">{i.title.get(lang).to_string()}</p>
                    <p class="muted">{facts}</p>
                    {note}
                    {evaluation}
                    <details>
                        <summary>{app.words().instruments.source_and_terms}</summary>
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
                problem.try_set(Some(app.words().instruments.nothing_chosen.into()));
                return;
            };
            let mut next = app.registry.get_untracked();
            match next.import_instrument(&text) {
                Ok(instrument) => {
                    let id = instrument.title.get(app.lang.get_untracked()).to_string();
                    app.replace(next);
                    app.notice
                        .try_set(Some((app.words().instruments.added)(&id)));
                    pasted.try_set(String::new());
                    problem.try_set(None);
                    app.go(super::Route::Instruments);
                }
                Err(problems) => {
                    problem.try_set(Some((app.words().instruments.unusable)(
                        &super::ui::problem_list(&problems),
                    )));
                }
            }
        });
    };
    view! {
        <h2 class="title" id="lp-heading" tabindex="-1">{app.words().instruments.heading}</h2>
        <p class="intro">{app.words().instruments.intro}</p>
        <ul class="cards" aria-label=app.words().instruments.list_label>{cards}</ul>
        <section aria-labelledby="lp-import">
            <h3 class="step-title" id="lp-import">{app.words().instruments.add_heading}</h3>
            <form novalidate on:submit=import class="subform">
                {problem_line(app, problem)}
                <div class="field">
                    <label class="label" for="lp-import-file">{app.words().instruments.file}</label>
                    <input id="lp-import-file" class="input" type="file" accept=".json,application/json" node_ref=file />
                </div>
                <div class="field">
                    <label class="label" for="lp-import-text">{app.words().instruments.paste}</label>
                    <textarea id="lp-import-text" class="input" rows="4" prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                </div>
                <div class="actions"><button type="submit" class="button button-secondary">{app.words().instruments.add}</button></div>
            </form>
        </section>
    }
}
