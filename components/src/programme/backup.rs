//! Backup and restore: the whole registry as one encrypted file
//! ([`crate::store::backup`]), made and read on the device.
//!
//! Restoring never replaces anything before the worker has seen what the
//! file holds and confirmed it; a wrong passphrase or a damaged file is
//! reported and changes nothing.

use super::files::{download, read_picked};
use super::ui::new_passphrase_problem;
use super::App;
use crate::common::today::today;
use crate::store::backup as sealed_file;
use leptos::ev;
use leptos::prelude::*;
use lokalform_programme::Registry;
use wasm_bindgen::JsCast;

/// "5 deltagere og 2 par".
pub fn summary(app: App, registry: &Registry) -> String {
    let (p, n) = (registry.participants.len(), registry.pairs.len());
    match app.lang.get_untracked() {
        lokalform_forms::schema::Lang::Da => format!(
            "{p} {} og {n} par",
            if p == 1 { "deltager" } else { "deltagere" }
        ),
        lokalform_forms::schema::Lang::En => format!(
            "{p} {} and {n} {}",
            if p == 1 {
                "participant"
            } else {
                "participants"
            },
            if n == 1 { "pair" } else { "pairs" }
        ),
    }
}

/// The backup screen: make a backup file, or restore one.
pub fn backup(app: App) -> impl IntoView {
    let first = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let make = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let pass = first.get_untracked();
        if let Some(p) = new_passphrase_problem(app, &pass, &again.get_untracked()) {
            problem.set(Some(p));
            return;
        }
        problem.set(None);
        busy.set(true);
        let text = app.registry.with_untracked(Registry::to_json);
        let programme = app.settings.with_value(|s| s.programme.clone());
        crate::common::task::spawn(async move {
            let sealed = sealed_file::seal(&text, &pass).await;
            busy.try_set(false);
            match sealed {
                Ok(file) => {
                    let name = format!("lokalform-{programme}-{}.backup.json", today().iso());
                    download(&name, &file, "application/json");
                    first.try_set(String::new());
                    again.try_set(String::new());
                    app.notice.try_set(Some(format!(
                        "{} {name}. {}",
                        app.t(
                            "Sikkerhedskopien er klar som fil:",
                            "The backup is ready as a file:"
                        ),
                        app.t("Gem den et sikkert sted.", "Keep it somewhere safe.")
                    )));
                }
                Err(e) => {
                    problem.try_set(Some(e.message(app.lang.get_untracked())));
                }
            }
        });
    };
    let restored = Callback::new(move |(registry, _pass): (Registry, String)| {
        let what = summary(app, &registry);
        app.replace(registry);
        app.notice.set(Some(format!(
            "{} {what}.",
            app.t(
                "Registret er gendannet fra sikkerhedskopien:",
                "The registry was restored from the backup:"
            )
        )));
    });
    view! {
        <h2 class="title" id="lp-heading" tabindex="-1">{app.t("Sikkerhedskopi", "Backup")}</h2>
        <p class="intro">{app.t(
            "Hele registret kan gemmes som én krypteret fil, fx på et USB-stik, der opbevares forsvarligt. Filen kan kun åbnes med den adgangskode, du vælger her.",
            "The whole registry can be saved as one encrypted file, e.g. on a USB stick that is kept safely. The file opens only with the passphrase you choose here.")}</p>
        <section aria-labelledby="lp-make">
            <h3 class="step-title" id="lp-make">{app.t("Tag en sikkerhedskopi", "Make a backup")}</h3>
            <form novalidate on:submit=make>
                {move || problem.get().map(|p| view! {
                    <p class="field-error" role="alert" id="lp-backup-error"><span class="sr-only">{app.t("Fejl: ", "Error: ")}</span>{p}</p>
                })}
                <div class="field">
                    <label class="label" for="lp-backup-pass">{app.t("Adgangskode til filen", "Passphrase for the file")}</label>
                    <p class="help" id="lp-backup-help">{app.t("Mindst 8 tegn. Den skal bruges, når filen gendannes.", "At least 8 characters. It is needed to restore the file.")}</p>
                    <input id="lp-backup-pass" class="input" type="password" autocomplete="new-password"
                        aria-describedby="lp-backup-help"
                        aria-invalid=move || problem.get().map(|_| "true")
                        prop:value=move || first.get() on:input=move |ev| first.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label class="label" for="lp-backup-again">{app.t("Gentag adgangskoden", "Repeat the passphrase")}</label>
                    <input id="lp-backup-again" class="input" type="password" autocomplete="new-password"
                        prop:value=move || again.get() on:input=move |ev| again.set(event_target_value(&ev)) />
                </div>
                <div class="actions">
                    <button type="submit" class="button" disabled=move || busy.get()>
                        {move || if busy.get() { app.t("Krypterer …", "Encrypting …") } else { app.t("Hent sikkerhedskopien", "Download the backup") }}
                    </button>
                </div>
            </form>
        </section>
        <section aria-labelledby="lp-restore">
            <h3 class="step-title" id="lp-restore">{app.t("Gendan en sikkerhedskopi", "Restore a backup")}</h3>
            {restore_panel(app, true, restored)}
        </section>
    }
}

/// Picks a backup file, opens it with its passphrase, shows what it holds
/// and, once confirmed, hands `(registry, passphrase)` to `restored`.
/// `replaces`: a registry is open and will be replaced (said plainly).
pub fn restore_panel(
    app: App,
    replaces: bool,
    restored: Callback<(Registry, String)>,
) -> impl IntoView {
    let file = NodeRef::<leptos::html::Input>::new();
    let pass = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let found = RwSignal::new(None::<(Registry, String)>);
    let open = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        found.set(None);
        let Some(input) = file.get_untracked() else {
            return;
        };
        let input: web_sys::HtmlInputElement = input.unchecked_into();
        let passphrase = pass.get_untracked();
        busy.set(true);
        problem.set(None);
        crate::common::task::spawn(async move {
            let lang = app.lang.get_untracked();
            let outcome = async {
                let text = match read_picked(&input).await {
                    Ok(Some(text)) => text,
                    Ok(None) => return Err(app.t("Vælg filen med sikkerhedskopien.", "Choose the backup file.").to_string()),
                    Err(_) => return Err(app.t("Filen kunne ikke læses. Vælg en anden fil.", "The file could not be read. Choose another file.").to_string()),
                };
                if passphrase.is_empty() {
                    return Err(app.t("Skriv adgangskoden til sikkerhedskopien.", "Type the backup's passphrase.").to_string());
                }
                let json = sealed_file::open(&text, &passphrase).await.map_err(|e| e.message(lang))?;
                Registry::from_json(&json).map_err(|problems| {
                                        format!("{} ({})", app.t(
                        "Sikkerhedskopien kunne åbnes, men registret i den kan ikke læses. Intet er ændret.",
                        "The backup opened, but the registry in it cannot be read. Nothing was changed."), super::ui::problem_list(&problems))
                })
            }
            .await;
            busy.try_set(false);
            match outcome {
                Ok(registry) => {
                    found.try_set(Some((registry, passphrase)));
                    let root = app.root;
                    request_animation_frame(move || {
                        crate::common::focus::focus_id(root, "lp-restore-found")
                    });
                }
                Err(message) => {
                    pass.try_set(String::new());
                    problem.try_set(Some(message));
                }
            }
        });
    };
    let confirm = move |_| {
        if let Some(both) = found.get_untracked() {
            found.set(None);
            pass.set(String::new());
            restored.run(both);
        }
    };
    view! {
        <form class="restore" novalidate on:submit=open>
            {move || problem.get().map(|p| view! {
                <p class="field-error" role="alert" id="lp-restore-error"><span class="sr-only">{app.t("Fejl: ", "Error: ")}</span>{p}</p>
            })}
            <div class="field">
                <label class="label" for="lp-restore-file">{app.t("Filen med sikkerhedskopien", "The backup file")}</label>
                <input id="lp-restore-file" class="input" type="file" accept=".json,application/json" node_ref=file />
            </div>
            <div class="field">
                <label class="label" for="lp-restore-pass">{app.t("Adgangskoden til sikkerhedskopien", "The backup's passphrase")}</label>
                <input id="lp-restore-pass" class="input" type="password" autocomplete="off"
                    aria-invalid=move || problem.get().map(|_| "true")
                    aria-describedby=move || problem.get().map(|_| "lp-restore-error")
                    prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) />
            </div>
            <div class="actions">
                <button type="submit" class="button button-secondary" disabled=move || busy.get()>
                    {move || if busy.get() { app.t("Åbner …", "Opening …") } else { app.t("Åbn sikkerhedskopien", "Open the backup") }}
                </button>
            </div>
        </form>
        {move || found.get().map(|(registry, _)| {
            let what = summary(app, &registry);
            let current = app.registry.with_untracked(|r| summary(app, r));
            view! {
                <div class="notice notice-warning" id="lp-restore-found" tabindex="-1" role="region" aria-label=app.t("Sikkerhedskopien", "The backup")>
                    <p>{format!("{} {what}.", app.t("Sikkerhedskopien indeholder", "The backup holds"))}</p>
                    {replaces.then(|| view! { <p><strong>{format!("{} ({current}). {}", app.t(
                        "Det nuværende register på enheden bliver erstattet", "The registry now on the device will be replaced"),
                        app.t("Det kan ikke fortrydes.", "This cannot be undone."))}</strong></p> })}
                    <div class="actions">
                        <button type="button" class="button" on:click=confirm>
                            {if replaces { app.t("Ja, erstat registret", "Yes, replace the registry") } else { app.t("Gendan registret", "Restore the registry") }}
                        </button>
                        <button type="button" class="button button-secondary" on:click=move |_| found.set(None)>
                            {if replaces { app.t("Nej, behold det nuværende", "No, keep the current one") } else { app.t("Annuller", "Cancel") }}
                        </button>
                    </div>
                </div>
            }
        })}
    }
}
