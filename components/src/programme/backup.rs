//! Backup and restore: the whole registry as one encrypted file
//! ([`crate::store::backup`]), made and read on the device.
//!
//! Restoring never replaces anything before the worker has seen what the
//! file holds and confirmed it; a wrong passphrase or a damaged file is
//! reported and changes nothing.

use super::files::{download, read_picked};
use super::ui::new_passphrase_problem;
use super::{programme_words, App};
use crate::common::today::today;
use crate::store::backup as sealed_file;
use leptos::ev;
use leptos::prelude::*;
use lokalform_programme::Registry;
use wasm_bindgen::JsCast;

/// "5 deltagere og 2 par".
pub fn summary(app: App, registry: &Registry) -> String {
    let words = &programme_words(app.lang.get_untracked()).backup;
    (words.summary)(registry.participants.len(), registry.pairs.len())
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
                    app.notice.try_set(Some((app.words().backup.ready)(&name)));
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
        app.notice.set(Some((app.words().backup.restored)(&what)));
    });
    view! {
        <h2 class="title" id="lp-heading" tabindex="-1">{app.words().backup.heading}</h2>
        <p class="intro">{app.words().backup.intro}</p>
        <section aria-labelledby="lp-make">
            <h3 class="step-title" id="lp-make">{app.words().backup.make_heading}</h3>
            <form novalidate on:submit=make>
                {move || problem.get().map(|p| view! {
                    <p class="field-error" role="alert" id="lp-backup-error"><span class="sr-only">{app.words().frame.error_prefix}</span>{p}</p>
                })}
                <div class="field">
                    <label class="label" for="lp-backup-pass">{app.words().backup.file_passphrase}</label>
                    <p class="help" id="lp-backup-help">{app.words().backup.file_passphrase_help}</p>
                    <input id="lp-backup-pass" class="input" type="password" autocomplete="new-password"
                        aria-describedby="lp-backup-help"
                        aria-invalid=move || problem.get().map(|_| "true")
                        prop:value=move || first.get() on:input=move |ev| first.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label class="label" for="lp-backup-again">{app.words().backup.repeat_passphrase}</label>
                    <input id="lp-backup-again" class="input" type="password" autocomplete="new-password"
                        prop:value=move || again.get() on:input=move |ev| again.set(event_target_value(&ev)) />
                </div>
                <div class="actions">
                    <button type="submit" class="button" disabled=move || busy.get()>
                        {move || if busy.get() { app.words().backup.encrypting } else { app.words().backup.download }}
                    </button>
                </div>
            </form>
        </section>
        <section aria-labelledby="lp-restore">
            <h3 class="step-title" id="lp-restore">{app.words().backup.restore_backup}</h3>
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
                    Ok(None) => return Err(app.words().backup.choose_file.to_string()),
                    Err(_) => return Err(app.words().backup.file_unreadable.to_string()),
                };
                if passphrase.is_empty() {
                    return Err(app.words().backup.backup_passphrase_missing.to_string());
                }
                let json = sealed_file::open(&text, &passphrase)
                    .await
                    .map_err(|e| e.message(lang))?;
                Registry::from_json(&json).map_err(|problems| {
                    (app.words().backup.backup_unreadable)(&super::ui::problem_list(&problems))
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
                <p class="field-error" role="alert" id="lp-restore-error"><span class="sr-only">{app.words().frame.error_prefix}</span>{p}</p>
            })}
            <div class="field">
                <label class="label" for="lp-restore-file">{app.words().backup.backup_file}</label>
                <input id="lp-restore-file" class="input" type="file" accept=".json,application/json" node_ref=file />
            </div>
            <div class="field">
                <label class="label" for="lp-restore-pass">{app.words().backup.backup_passphrase}</label>
                <input id="lp-restore-pass" class="input" type="password" autocomplete="off"
                    aria-invalid=move || problem.get().map(|_| "true")
                    aria-describedby=move || problem.get().map(|_| "lp-restore-error")
                    prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) />
            </div>
            <div class="actions">
                <button type="submit" class="button button-secondary" disabled=move || busy.get()>
                    {move || if busy.get() { app.words().backup.opening } else { app.words().backup.open }}
                </button>
            </div>
        </form>
        {move || found.get().map(|(registry, _)| {
            let what = summary(app, &registry);
            let current = app.registry.with_untracked(|r| summary(app, r));
            view! {
                <div class="notice notice-warning" id="lp-restore-found" tabindex="-1" role="region" aria-label=app.words().backup.found_label>
                    <p>{(app.words().backup.holds)(&what)}</p>
                    {replaces.then(|| view! { <p><strong>{(app.words().backup.replaces)(&current)}</strong></p> })}
                    <div class="actions">
                        <button type="button" class="button" on:click=confirm>
                            {if replaces { app.words().backup.yes_replace } else { app.words().backup.restore }}
                        </button>
                        <button type="button" class="button button-secondary" on:click=move |_| found.set(None)>
                            {if replaces { app.words().backup.no_keep_current } else { app.words().backup.cancel }}
                        </button>
                    </div>
                </div>
            }
        })}
    }
}
