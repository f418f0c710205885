//! The programme's forms (recruitment, contract, exit, a measurement) run
//! on the form engine: the definition is read from the `forms` folder,
//! adapted (a measurement step added), and shown with the registry's
//! passphrase, so its draft is sealed like the registry and opens without
//! asking again.

use super::App;
use crate::form::Form;
use crate::store::vault;
use leptos::prelude::*;
use lokalform_forms::answers::Answers;
use lokalform_forms::record_id::ProgrammeDraftKey;
use lokalform_forms::schema;
use std::sync::Arc;

/// Reads the shipped definition `name` (e.g. `contract`) from the
/// programme's `forms` folder.
pub async fn load(app: App, name: &str) -> Result<schema::Form, String> {
    let url = app
        .settings
        .with_value(|s| format!("{}/{name}.json", s.forms));
    let text = vault::get_text(&url)
        .await
        .map_err(|e| format!("{url}: {}", e.0))?;
    schema::Form::from_json(&text)
        .map_err(|problems| format!("{url}: {}", super::ui::problem_list(&problems)))
}

/// Shows the definition `name`, changed by `adapt`, starting from
/// `initial`; `done` gets the definition shown and the finished answers,
/// and may refuse them (the form then keeps them and shows why). `draft` keeps this use's
/// draft apart (e.g. the pair's id); drafts of different programmes on one
/// device never meet (the key starts with the programme's id: a
/// [`ProgrammeDraftKey`]).
pub fn programme_form(
    app: App,
    name: &'static str,
    draft: String,
    adapt: impl Fn(schema::Form) -> Result<schema::Form, String> + 'static,
    initial: Option<Answers>,
    done: Callback<(Arc<schema::Form>, Answers), Result<(), String>>,
) -> impl IntoView {
    let draft = app.settings.with_value(|s| {
        ProgrammeDraftKey {
            programme: &s.programme,
            use_: &draft,
        }
        .to_string()
    });
    let loaded = RwSignal::new(None::<Result<Arc<schema::Form>, String>>);
    crate::task::spawn(async move {
        let result = load(app, name).await.and_then(adapt).map(Arc::new);
        loaded.try_set(Some(result));
    });
    move || {
        match loaded.get() {
        None => view! { <p class="muted" role="status">{app.t("Indlæser skemaet …", "Loading the form …")}</p> }.into_any(),
        Some(Err(problem)) => view! {
            <div class="notice notice-error" role="alert">
                <p>{app.t("Skemaet kunne ikke indlæses. Kontakt den, der har sat programmet op.", "The form could not be loaded. Contact whoever set up the programme.")}</p>
                <pre class="payload">{problem}</pre>
            </div>
        }
        .into_any(),
        Some(Ok(form)) => {
            let lang = Signal::derive(move || Some(app.lang.get().code().to_string()));
            let passphrase = app.passphrase.get_value();
            let shown = form.clone();
            let on_save = Callback::new(move |answers: Answers| done.run((shown.clone(), answers)));
            view! {
                <Form definition=form lang=lang draft_key=draft.clone() protect="passphrase"
                    idle_lock=0u32 passphrase=passphrase initial=initial.clone().unwrap_or_default()
                    on_save=on_save />
            }
            .into_any()
        }
    }
    }
}
