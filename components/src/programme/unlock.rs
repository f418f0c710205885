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
            problem.set(Some(app.words().backup.passphrase_missing.into()));
            return;
        }
        problem.set(None);
        busy.set(true);
        let id = open_id.clone();
        let programme = app.settings.with_value(|s| s.programme.clone());
        crate::common::task::spawn(async move {
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
                            problem.try_set(Some((app.words().backup.registry_unreadable)(
                                &problem_list(&problems),
                            )));
                            return;
                        }
                    };
                    opened.run((registry, pass, text.is_none()));
                }
                Err(SealError::WrongPassphrase) => {
                    first.try_set(String::new());
                    problem.try_set(Some(app.words().backup.wrong_passphrase.into()));
                    let root = app.root;
                    request_animation_frame(move || {
                        crate::common::focus::focus_id(root, "lp-pass")
                    });
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
        crate::common::task::spawn(async move {
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
    view! {
        <div class="unlock-screen">
            <h2 class="title" id="lp-heading" tabindex="-1">{if existing { app.words().backup.unlock_heading } else { app.words().backup.create_heading }}</h2>
            <p class="intro">{if existing { app.words().backup.unlock_intro } else { app.words().backup.create_intro }}</p>
            <form class="unlock" novalidate on:submit=submit>
                {move || problem.get().map(|p| view! {
                    <p class="field-error" role="alert" id="lp-pass-error"><span class="sr-only">{app.words().frame.error_prefix}</span>{p}</p>
                })}
                <div class="field">
                    <label class="label" for="lp-pass">{app.words().backup.passphrase}</label>
                    {(!existing).then(|| view! { <p class="help" id="lp-pass-help">{app.words().backup.passphrase_help}</p> })}
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
                        <label class="label" for="lp-pass-again">{app.words().backup.repeat_passphrase}</label>
                        <input id="lp-pass-again" class="input" type="password" autocomplete="new-password"
                            prop:value=move || again.get()
                            on:input=move |ev| again.set(event_target_value(&ev)) />
                    </div>
                })}
                <div class="actions">
                    <button type="submit" class="button" disabled=move || busy.get()>
                        {move || if busy.get() { app.words().backup.opening } else if existing { app.words().backup.unlock } else { app.words().backup.create }}
                    </button>
                    {(!existing).then(|| view! {
                        <button type="button" class="button button-secondary" aria-expanded=move || restoring.get().to_string()
                            on:click=move |_| restoring.update(|r| *r = !*r)>
                            {app.words().backup.restore_backup}
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
    app.words().backup.open_elsewhere.to_string()
}

/// What went wrong in the browser's encrypted storage, calmly.
fn seal_problem(app: App, e: &SealError) -> String {
    let why = match e {
        SealError::WrongPassphrase => "wrong-passphrase",
        SealError::Locked => "locked",
        SealError::Store(s) => s.0.as_str(),
    };
    (app.words().backup.browser_failed)(why)
}

/// "Har du glemt adgangskoden?": the registry cannot be opened without it,
/// so the way on is to delete it on this device (after a clear warning)
/// and then restore a backup or start again.
fn forgotten(app: App, deleted: Callback<()>) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let delete = move |_| {
        let programme = app.settings.with_value(|s| s.programme.clone());
        crate::common::task::spawn(async move {
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
            <summary>{app.words().backup.forgotten}</summary>
            <p>{app.words().backup.forgotten_help}</p>
            {super::ui::problem_line(app, problem)}
            {move || if confirming.get() {
                view! {
                    <div class="notice notice-warning" role="alert">
                        <p><strong>{app.words().backup.delete_warning}</strong></p>
                        <button type="button" class="button" on:click=delete>{app.words().backup.yes_delete}</button>
                        <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{app.words().backup.no_keep}</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button-secondary" on:click=move |_| confirming.set(true)>{app.words().backup.delete}</button>
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
