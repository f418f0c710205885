//! The passphrase panel of a form with personal data: choose a passphrase
//! (a new draft) or open the draft that exists, with "Slet kladden" for a
//! forgotten one. The prompt itself is the shared one
//! ([`crate::common::passphrase`]).

use super::draft::FormDraft;
use super::session::{Session, Stage};
use super::{focus_in, Ctx};
use crate::common::passphrase::{NewPassphraseProblem, Open, Opening, Prompt, PromptWords};
use crate::store::sealed;
use leptos::prelude::*;
use std::sync::Arc;

/// The panel: heading, intro, the prompt, and deleting the draft.
pub(super) fn unlock_panel(existing: bool, ctx: Ctx, s: Session) -> impl IntoView {
    let words = ctx.words;
    let confirm_delete = s.confirm_delete;
    let open: Open = Arc::new(move |pass: String| {
        Box::pin(async move {
            let id = s.draft_id.get_value();
            match sealed::open(&id, &pass).await {
                Ok(text) => {
                    s.opened(text.as_deref().and_then(FormDraft::parse));
                    Opening::Opened
                }
                Err(sealed::SealError::WrongPassphrase) => Opening::Wrong,
                Err(_) => Opening::Failed(words.storage_failed.to_string()),
            }
        })
    });
    let delete = move |_| {
        let id = s.draft_id.get_value();
        crate::common::task::spawn(async move {
            let _ = sealed::discard(&id).await;
            confirm_delete.try_set(false);
            s.stage.try_set(Stage::Locked { existing: false });
            request_animation_frame(move || focus_in(s.root, "lf-pass"));
        });
    };
    let (heading, intro) = if existing {
        (words.open_heading, words.open_intro)
    } else {
        (words.protect_heading, words.protect_intro)
    };
    let prompt = Prompt {
        id: "lf-pass",
        existing,
        rule: crate::common::passphrase::passphrase_rule,
        words: PromptWords {
            passphrase: words.passphrase,
            passphrase_again: words.passphrase_again,
            help: Some(words.passphrase_help),
            submit: if existing { words.open } else { words.start },
            busy: words.opening,
            empty: NewPassphraseProblem::TooShort.text(ctx.lang),
            lang: ctx.lang,
            wrong: words.wrong_passphrase,
            error_prefix: ctx.common.error_prefix,
        },
        open,
    };
    prompt.view(
        view! {
            <h3 class="step-title" id="lf-step-heading" tabindex="-1">{heading}</h3>
            <p>{intro}</p>
        }
        .into_any(),
        existing
            .then(|| view! {
                <button type="button" class="button button-secondary" on:click=move |_| confirm_delete.set(true)>{words.delete_draft}</button>
            })
            .into_any(),
        (move || confirm_delete.get().then(|| view! {
            <div class="notice notice-error" role="alert">
                <p>{words.confirm_delete}</p>
                <button type="button" class="button" on:click=delete>{words.yes_delete}</button>
                <button type="button" class="button button-secondary" on:click=move |_| confirm_delete.set(false)>{words.no_keep}</button>
            </div>
        }))
        .into_any(),
    )
}
