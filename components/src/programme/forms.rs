//! The programme's forms (recruitment, contract, exit, a measurement) run
//! on the form engine: the definition is read from the `forms` folder,
//! checked against the ids the app reads from it
//! ([`check_programme_form`]; a form that fails is not shown, see
//! [`Unshown`]), adapted (a measurement step added), and shown with the
//! registry's passphrase, so its draft is sealed like the registry and
//! opens without asking again.

use super::App;
use crate::form::Form;
use crate::store::vault;
use leptos::prelude::*;
use lokalform_forms::answers::Answers;
use lokalform_forms::record_id::ProgrammeDraftKey;
use lokalform_forms::schema;
use lokalform_programme::{check_programme_form, ProgrammeForm};
use std::sync::Arc;

/// Why a programme form is not shown, with the detail for whoever set the
/// programme up (the URL and each problem with its path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unshown {
    /// The definition could not be fetched, is not a valid definition, or
    /// the measurement steps could not be added: `<url>: <problems>`.
    Unreadable(String),
    /// A valid definition that lacks what the app reads from it
    /// ([`check_programme_form`]): one line per problem,
    /// `<url>: field "start_date" is missing: …`. Shown instead of the
    /// form, so nothing is typed in that would then be read as empty.
    Unfit(String),
}

/// Reads programme form `which` from the programme's `forms` folder
/// (`<forms>/contract.json`, …) and checks it: as a definition, and
/// against the ids the app reads from it.
pub async fn load(app: App, which: ProgrammeForm) -> Result<schema::Form, Unshown> {
    let url = app
        .settings
        .with_value(|s| format!("{}/{}.json", s.forms, which.name()));
    let text = vault::get_text(&url)
        .await
        .map_err(|e| Unshown::Unreadable(format!("{url}: {}", e.0)))?;
    let form = schema::Form::from_json(&text).map_err(|problems| {
        Unshown::Unreadable(format!("{url}: {}", super::ui::problem_list(&problems)))
    })?;
    check_programme_form(which, &form).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|p| format!("{url}: {p}")).collect();
        Unshown::Unfit(lines.join("\n"))
    })?;
    Ok(form)
}

/// Shows programme form `which`, changed by `adapt`, starting from
/// `initial`; `done` gets the definition shown and the finished answers,
/// and may refuse them (the form then keeps them and shows why). `draft` keeps this use's
/// draft apart (e.g. the pair's id); drafts of different programmes on one
/// device never meet (the key starts with the programme's id: a
/// [`ProgrammeDraftKey`]).
pub fn programme_form(
    app: App,
    which: ProgrammeForm,
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
    let loaded = RwSignal::new(None::<Result<Arc<schema::Form>, Unshown>>);
    crate::common::task::spawn(async move {
        let result = load(app, which)
            .await
            .and_then(|form| adapt(form).map_err(Unshown::Unreadable))
            .map(Arc::new);
        loaded.try_set(Some(result));
    });
    move || match loaded.get() {
        None => {
            view! { <p class="muted" role="status">{app.words().frame.form_loading}</p> }.into_any()
        }
        Some(Err(unshown)) => {
            let (sentence, problem) = match unshown {
                Unshown::Unreadable(problem) => (app.words().frame.form_failed, problem),
                Unshown::Unfit(problem) => (app.words().frame.form_unfit, problem),
            };
            view! {
                <div class="notice notice-error" role="alert">
                    <p>{sentence}</p>
                    <pre class="payload">{problem}</pre>
                </div>
            }
            .into_any()
        }
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
