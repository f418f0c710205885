//! The locked screen: open the registry with the passphrase, or (on a
//! device without one) start a new registry or restore a backup.
//!
//! A wrong passphrase changes nothing: AES-GCM refuses to decrypt, the
//! stored registry stays as it was, and the worker is told so calmly.

use super::ui::problem_list;
use super::{backup, store, App};
use crate::common::passphrase::{Open, Opening, Prompt, PromptWords};
use crate::store::sealed::{self, SealError};
use leptos::prelude::*;
use lokalform_forms::record_id::RecordId;
use lokalform_programme::Registry;
use std::sync::Arc;

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
    let restoring = RwSignal::new(false);
    let restore_problem = RwSignal::new(None::<String>);
    let open_id = id.clone();
    let open: Open = Arc::new(move |pass: String| {
        let id = open_id.clone();
        Box::pin(async move {
            let programme = app.settings.with_value(|s| s.programme.clone());
            if !store::claim(&programme).await {
                return Opening::Failed(open_elsewhere(app));
            }
            let result = sealed::open(&id, &pass).await;
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
                            return Opening::Failed((app.words().backup.registry_unreadable)(
                                &problem_list(&problems),
                            ));
                        }
                    };
                    opened.run((registry, pass, text.is_none()));
                    Opening::Opened
                }
                Err(SealError::WrongPassphrase) => Opening::Wrong,
                Err(e) => Opening::Failed(seal_problem(app, &e)),
            }
        })
    });
    let restored = Callback::new(move |(registry, pass): (Registry, String)| {
        // A restored registry is sealed under the backup's passphrase.
        let id = id.clone();
        let programme = app.settings.with_value(|s| s.programme.clone());
        crate::common::task::spawn(async move {
            if !store::claim(&programme).await {
                restore_problem.try_set(Some(open_elsewhere(app)));
                return;
            }
            match sealed::open(&id, &pass).await {
                Ok(_) => opened.run((registry, pass, true)),
                Err(e) => {
                    store::release(&programme);
                    restore_problem.try_set(Some(seal_problem(app, &e)));
                }
            }
        });
    });
    let words = app.words();
    let prompt = Prompt {
        id: "lp-pass",
        existing,
        rule: crate::common::passphrase::passphrase_rule,
        words: PromptWords {
            passphrase: words.backup.passphrase,
            passphrase_again: words.backup.repeat_passphrase,
            help: (!existing).then_some(words.backup.passphrase_help),
            submit: if existing {
                words.backup.unlock
            } else {
                words.backup.create
            },
            busy: words.backup.opening,
            empty: words.backup.passphrase_missing,
            // One rule and one wording wherever a passphrase is chosen.
            lang: app.lang.get_untracked(),
            wrong: words.backup.wrong_passphrase,
            error_prefix: words.frame.error_prefix,
        },
        open,
    };
    view! {
        <div class="unlock-screen">
            <h2 class="title" id="lp-heading" tabindex="-1">{if existing { words.backup.unlock_heading } else { words.backup.create_heading }}</h2>
            <p class="intro">{if existing { words.backup.unlock_intro } else { words.backup.create_intro }}</p>
            {prompt.view(
                ().into_any(),
                (!existing).then(|| view! {
                    <button type="button" class="button button-secondary" aria-expanded=move || restoring.get().to_string()
                        on:click=move |_| restoring.update(|r| *r = !*r)>
                        {words.backup.restore_backup}
                    </button>
                }).into_any(),
                ().into_any(),
            )}
            {super::ui::problem_line(app, restore_problem)}
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
