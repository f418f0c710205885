//! The locked screen: open the registry with the passphrase, or (on a
//! device without one) start a new registry or restore a backup.
//!
//! A wrong passphrase changes nothing: AES-GCM refuses to decrypt, the
//! stored registry stays as it was, and the worker is told so calmly.

use super::ui::{new_passphrase_problem, problem_list};
use super::{backup, store, App};
use crate::store::sealed::{self, SealError};
use leptos::ev;
use leptos::prelude::*;
use lokalform_forms::record_id::RecordId;
use lokalform_programme::Registry;

/// Gets `(registry, passphrase, fresh)` once the registry is open; `fresh`
/// when it is new or restored, so it must be saved at once.
pub type Opened = Callback<(Registry, String, bool)>;

/// The locked screen.
pub fn unlock_screen(
    app: App,
    id: String,
    existing: bool,
    opened: Opened,
    deleted: Callback<()>,
) -> impl IntoView {
    let first = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let restoring = RwSignal::new(false);
    let open_id = id.clone();
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let pass = first.get_untracked();
        if !existing {
            if let Some(p) = new_passphrase_problem(app, &pass, &again.get_untracked()) {
                problem.set(Some(p));
                return;
            }
        } else if pass.is_empty() {
            problem.set(Some(
                app.t("Skriv adgangskoden.", "Type the passphrase.").into(),
            ));
            return;
        }
        problem.set(None);
        busy.set(true);
        let id = open_id.clone();
        let programme = app.settings.with_value(|s| s.programme.clone());
        crate::task::spawn(async move {
            if !store::claim(&programme).await {
                busy.try_set(false);
                problem.try_set(Some(open_elsewhere(app)));
                return;
            }
            let result = sealed::open(&id, &pass).await;
            busy.try_set(false);
            if result.is_err() {
                store::release(&programme);
            }
            match result {
                Ok(text) => {
                    let registry = match text.as_deref().map(Registry::from_json) {
                        None => Registry::default(),
                        Some(Ok(r)) => r,
                        Some(Err(problems)) => {
                            sealed::lock(&id);
                            store::release(&programme);
                            problem.try_set(Some(format!(
                                "{} ({})",
                                app.t(
                                    "Registret kunne ikke læses. Slet det under \"Har du glemt adgangskoden?\", og gendan en sikkerhedskopi.",
                                    "The registry could not be read. Delete it under \"Have you forgotten the passphrase?\" and restore a backup."
                                ),
                                problem_list(&problems)
                            )));
                            return;
                        }
                    };
                    opened.run((registry, pass, text.is_none()));
                }
                Err(SealError::WrongPassphrase) => {
                    first.try_set(String::new());
                    problem.try_set(Some(
                        app.t(
                            "Adgangskoden passer ikke. Prøv igen. Intet er ændret.",
                            "The passphrase does not match. Try again. Nothing was changed.",
                        )
                        .into(),
                    ));
                    let root = app.root;
                    request_animation_frame(move || crate::form::focus_in(root, "lp-pass"));
                }
                Err(e) => {
                    problem.try_set(Some(seal_problem(app, &e)));
                }
            }
        });
    };
    let restored = Callback::new(move |(registry, pass): (Registry, String)| {
        // A restored registry is sealed under the backup's passphrase.
        let id = id.clone();
        let programme = app.settings.with_value(|s| s.programme.clone());
        crate::task::spawn(async move {
            if !store::claim(&programme).await {
                problem.try_set(Some(open_elsewhere(app)));
                return;
            }
            match sealed::open(&id, &pass).await {
                Ok(_) => opened.run((registry, pass, true)),
                Err(e) => {
                    store::release(&programme);
                    problem.try_set(Some(seal_problem(app, &e)));
                }
            }
        });
    });
    let (heading, intro) = if existing {
        (
            ("Lås registret op", "Unlock the registry"),
            ("Registret med deltagerne er krypteret på denne enhed. Skriv adgangskoden for at åbne det.",
             "The registry of participants is encrypted on this device. Type the passphrase to open it."),
        )
    } else {
        (
            ("Opret et register for programmet", "Create a registry for the programme"),
            ("Der er intet register på denne enhed endnu. Vælg en adgangskode til det nye register, eller gendan en sikkerhedskopi. Adgangskoden kan ikke findes igen, hvis den bliver glemt, så gem den et sikkert sted.",
             "There is no registry on this device yet. Choose a passphrase for the new registry, or restore a backup. The passphrase cannot be recovered if it is forgotten, so keep it somewhere safe."),
        )
    };
    view! {
        <div class="unlock-screen">
            <h2 class="title" id="lp-heading" tabindex="-1">{app.t(heading.0, heading.1)}</h2>
            <p class="intro">{app.t(intro.0, intro.1)}</p>
            <form class="unlock" novalidate on:submit=submit>
                {move || problem.get().map(|p| view! {
                    <p class="field-error" role="alert" id="lp-pass-error"><span class="sr-only">{app.t("Fejl: ", "Error: ")}</span>{p}</p>
                })}
                <div class="field">
                    <label class="label" for="lp-pass">{app.t("Adgangskode", "Passphrase")}</label>
                    {(!existing).then(|| view! { <p class="help" id="lp-pass-help">{app.t("Mindst 8 tegn. En sætning er let at huske og svær at gætte.", "At least 8 characters. A sentence is easy to remember and hard to guess.")}</p> })}
                    <input id="lp-pass" class="input" type="password"
                        autocomplete=if existing { "current-password" } else { "new-password" }
                        aria-describedby=move || match (existing, problem.get().is_some()) {
                            (false, true) => Some("lp-pass-help lp-pass-error"),
                            (false, false) => Some("lp-pass-help"),
                            (true, true) => Some("lp-pass-error"),
                            (true, false) => None,
                        }
                        aria-invalid=move || problem.get().map(|_| "true")
                        prop:value=move || first.get()
                        on:input=move |ev| first.set(event_target_value(&ev)) />
                </div>
                {(!existing).then(|| view! {
                    <div class="field">
                        <label class="label" for="lp-pass-again">{app.t("Gentag adgangskoden", "Repeat the passphrase")}</label>
                        <input id="lp-pass-again" class="input" type="password" autocomplete="new-password"
                            prop:value=move || again.get()
                            on:input=move |ev| again.set(event_target_value(&ev)) />
                    </div>
                })}
                <div class="actions">
                    <button type="submit" class="button" disabled=move || busy.get()>
                        {move || if busy.get() { app.t("Åbner …", "Opening …") } else if existing { app.t("Lås op", "Unlock") } else { app.t("Opret registret", "Create the registry") }}
                    </button>
                    {(!existing).then(|| view! {
                        <button type="button" class="button button-secondary" aria-expanded=move || restoring.get().to_string()
                            on:click=move |_| restoring.update(|r| *r = !*r)>
                            {app.t("Gendan en sikkerhedskopi", "Restore a backup")}
                        </button>
                    })}
                </div>
            </form>
            {move || restoring.get().then(|| backup::restore_panel(app, false, restored))}
            {existing.then(|| forgotten(app, deleted))}
        </div>
    }
}

/// Another tab or window has this registry open.
fn open_elsewhere(app: App) -> String {
    app.t(
        "Registret er åbent i et andet vindue eller faneblad. Lås det dér, eller luk det, og prøv igen.",
        "The registry is open in another window or tab. Lock it there, or close it, and try again.",
    )
    .to_string()
}

/// What went wrong in the browser's encrypted storage, calmly.
fn seal_problem(app: App, e: &SealError) -> String {
    let why = match e {
        SealError::WrongPassphrase => "wrong-passphrase",
        SealError::Locked => "locked",
        SealError::Store(s) => s.0.as_str(),
    };
    format!(
        "{} ({why})",
        app.t(
            "Browseren kunne ikke åbne det krypterede register på denne enhed. Prøv igen, eller genstart browseren.",
            "The browser could not open the encrypted registry on this device. Try again, or restart the browser."
        )
    )
}

/// "Har du glemt adgangskoden?": the registry cannot be opened without it,
/// so the way on is to delete it on this device (after a clear warning)
/// and then restore a backup or start again.
fn forgotten(app: App, deleted: Callback<()>) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let delete = move |_| {
        let programme = app.settings.with_value(|s| s.programme.clone());
        crate::task::spawn(async move {
            if !store::claim(&programme).await {
                problem.try_set(Some(open_elsewhere(app)));
                return;
            }
            let result = delete_programme(&programme).await;
            store::release(&programme);
            match result {
                Ok(()) => deleted.run(()),
                Err(e) => {
                    problem.try_set(Some(seal_problem(app, &e)));
                }
            }
        });
    };
    view! {
        <details class="forgotten">
            <summary>{app.t("Har du glemt adgangskoden?", "Have you forgotten the passphrase?")}</summary>
            <p>{app.t(
                "Adgangskoden kan ikke findes igen, og uden den kan ingen åbne registret. Du kan slette registret på denne enhed og derefter gendanne en sikkerhedskopi eller begynde forfra.",
                "The passphrase cannot be recovered, and without it no one can open the registry. You can delete the registry on this device and then restore a backup or start again.")}</p>
            {super::ui::problem_line(app, problem)}
            {move || if confirming.get() {
                view! {
                    <div class="notice notice-warning" role="alert">
                        <p><strong>{app.t(
                            "Alt i registret på denne enhed bliver slettet: deltagere, målinger, kontrakter og kladder. Det kan ikke fortrydes.",
                            "Everything in the registry on this device is deleted: participants, measurements, contracts and drafts. This cannot be undone.")}</strong></p>
                        <button type="button" class="button" on:click=delete>{app.t("Ja, slet registret", "Yes, delete the registry")}</button>
                        <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{app.t("Nej, behold det", "No, keep it")}</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button-secondary" on:click=move |_| confirming.set(true)>{app.t("Slet registret på denne enhed", "Delete the registry on this device")}</button>
                }.into_any()
            }}
        </details>
    }
}

/// Deletes programme `programme`'s registry, its waiting export and its
/// forms' drafts ([`RecordId::belongs_to`]).
async fn delete_programme(programme: &str) -> Result<(), sealed::SealError> {
    for id in sealed::ids().await? {
        if RecordId::parse(&id).is_some_and(|r| r.belongs_to(programme)) {
            sealed::discard(&id).await?;
        }
    }
    Ok(())
}
