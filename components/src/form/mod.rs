//! The form engine: `<lokal-form>` and [`Form`] render any definition
//! (`lokalform_forms::schema`) — the recruitment questionnaires, the contract,
//! the exit form, the feedback form.
//!
//! DKFDS behaviour: a step indicator; "Næste" checks the step and, if
//! something needs a change, shows an error summary whose links move focus
//! to the field, with each field's error above it; "Tilbage" never loses
//! input; a "Tjek dine svar" page with a "Ret" button per answer; a saved
//! copy to print. Every change is saved as an encrypted draft at once (see
//! [`draft`]); a form with personal data asks for a passphrase first.
//!
//! | file | job |
//! |---|---|
//! | `mod.rs` | the [`Form`] component: loads the definition, starts a session |
//! | `session.rs` | the state machine: draft, passphrase, idle lock, validation, saving and sending |
//! | `view.rs` | drawing a session by stage; `steps.rs` the step and the error summary; `unlock.rs` the passphrase panel; `review.rs` the answers list |
//! | `fields.rs` | one frame for every field type; `inputs.rs`, `choices.rs`, `vas.rs`, `signature.rs`, `group.rs` the controls |
//! | `draft.rs` | what a draft holds; `ctx.rs` what the field views share; `words.rs` the engine's texts |
//!
//! The answers never leave the device: the finished result goes to the
//! `on_submit` callback (a Leptos app, e.g. the programme) and the element
//! only announces `lokal-submitted` with the form's id.
//!
//! ```html
//! <script type="module" src="/lokalform/lokalform-all.js"></script>
//! <lokal-form form="/forms/recruitment-peer.json"></lokal-form>
//! ```
//! ```no_run
//! use leptos::prelude::*;
//! use lokalform_components::form::Form;
//! let _view = view! { <Form form="/forms/recruitment-peer.json" lang="en" /> };
//! ```

mod choices;
mod ctx;
pub mod draft;
mod element;
mod fields;
mod group;
mod inputs;
mod review;
mod session;
mod signature;
mod steps;
mod unlock;
mod vas;
mod view;
mod words;

pub use ctx::{control_id, Slot};
// The single field elements draw one field with the engine's renderers.
pub(crate) use ctx::Ctx;
pub use element::{register, ELEMENT, TAG};
pub(crate) use fields::field_view;
pub use words::{form_words, FormWords};

use crate::common::focus::{find, focus_found, id_selector};
use crate::common::saver::Protection;
use crate::common::send::Outcome;
use crate::common::words::words;
use crate::store::vault;
use leptos::prelude::*;
use lokalform_forms::answers::Answers;
use lokalform_forms::record_id::RecordId;
use lokalform_forms::schema::{self, Field, Lang};
use session::{Sending, Session, Start};
use std::sync::Arc;

/// The form engine.
#[component]
pub fn Form(
    /// URL of a JSON form definition.
    #[prop(into, optional)]
    form: MaybeProp<String>,
    /// A definition already in memory (instead of `form`).
    #[prop(optional)]
    definition: Option<Arc<schema::Form>>,
    /// `da` (default) or `en`.
    #[prop(into, optional)]
    lang: MaybeProp<String>,
    /// Keeps this instance's draft apart from others of the same form.
    #[prop(into, optional)]
    draft_key: MaybeProp<String>,
    /// `passphrase`, `device`, or (default) `auto`: a passphrase when the
    /// form holds personal data.
    #[prop(into, optional)]
    protect: MaybeProp<String>,
    /// Base URL of a collector: when set, saving also sends the counts of
    /// the form's aggregatable questions (and its redacted comment), after
    /// the person saw exactly what goes — as the feedback box does.
    #[prop(into, optional)]
    collector: MaybeProp<String>,
    /// Gets the finished answers (hidden fields left out).
    #[prop(into, optional)]
    on_submit: Option<Callback<Answers>>,
    /// Gets the finished answers and may refuse them with a sentence (the
    /// programme refuses what its registry cannot take): the form then
    /// stays on "Tjek dine svar" with the message, and the draft is kept.
    #[prop(into, optional)]
    on_save: Option<Callback<Answers, Result<(), String>>>,
    /// Gets what became of the counts sent to `collector`.
    #[prop(into, optional)]
    on_sent: Option<Callback<Outcome>>,
    /// Seconds without input before a passphrase-protected form locks
    /// itself (the worker left the table); 0 never. Default 600.
    #[prop(into, optional)]
    idle_lock: MaybeProp<u32>,
    /// Gets the problems when the definition cannot be used.
    #[prop(into, optional)]
    on_error: Option<Callback<String>>,
    /// Answers to start from when there is no draft (e.g. the names of a
    /// pair on their contract).
    #[prop(optional)]
    initial: Option<Answers>,
    /// The passphrase the embedding app was unlocked with (the programme):
    /// the draft opens with it at once instead of asking again. Kept in
    /// memory only, for as long as the app holds it.
    #[prop(default = None, into)]
    passphrase: Option<String>,
) -> impl IntoView {
    let lang = Memo::new(move |_| Lang::from_attr(&lang.get().unwrap_or_default()));
    let loaded = RwSignal::new(None::<Result<Arc<schema::Form>, Arc<str>>>);
    Effect::new(move |_| {
        let url = form.get();
        if let Some(d) = definition.clone() {
            loaded.set(Some(Ok(d)));
            return;
        }
        loaded.set(None);
        crate::common::task::spawn(async move {
            let result = load(url).await;
            if let (Err(problems), Some(cb)) = (&result, on_error) {
                cb.try_run(problems.to_string());
            }
            loaded.try_set(Some(result));
        });
    });
    // The session (answers, step, draft) depends on the definition only: a
    // change of language redraws the texts and keeps everything else.
    move || {
        let code = move || lang.get().code();
        match loaded.get() {
            Some(Ok(form)) => {
                let key = draft_key.get_untracked().unwrap_or_default();
                let protection = match protect.get_untracked().as_deref() {
                    Some("passphrase") => Protection::Passphrase,
                    Some("device") => Protection::Device,
                    _ if form.holds_personal_data() => Protection::Passphrase,
                    _ => Protection::Device,
                };
                let sending = Sending {
                    collector: collector.get_untracked().filter(|c| !c.trim().is_empty()),
                    on_sent,
                    idle_lock_seconds: idle_lock.get_untracked().unwrap_or(DEFAULT_IDLE_LOCK_SECONDS),
                };
                let start = Start { initial: initial.clone(), passphrase: passphrase.clone(), on_submit, on_save };
                let draft_id = RecordId::FormDraft { form: &form.id, key: &key }.to_string();
                let session = Session::start(form, draft_id, protection, sending, start);
                view! { <div class="lokal-form" lang=code>{view::session_view(session, lang)}</div> }.into_any()
            }
            None => view! { <div class="lokal-form" lang=code><p class="muted" role="status">{move || words(lang.get()).loading}</p></div> }.into_any(),
            Some(Err(problems)) => view! {
                <div class="lokal-form" lang=code>
                    <div class="notice notice-error" role="alert">
                        <p class="notice-title">{move || words(lang.get()).load_failed}</p>
                        <p>{move || words(lang.get()).load_failed_help}</p>
                        <details><summary>{move || form_words(lang.get()).technical_details}</summary>
                            <pre class="payload">{problems.to_string()}</pre></details>
                    </div>
                </div>
            }
            .into_any(),
        }
    }
}

/// Reads the definition at `url`.
async fn load(url: Option<String>) -> Result<Arc<schema::Form>, Arc<str>> {
    let Some(url) = url.filter(|u| !u.trim().is_empty()) else {
        return Err(Arc::from("no form definition: set the form attribute"));
    };
    let json = vault::get_text(&url)
        .await
        .map_err(|e| Arc::<str>::from(format!("{url}: {}", e.0)))?;
    schema::Form::from_json(&json)
        .map(Arc::new)
        .map_err(|problems| {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            Arc::from(format!("{url}:\n{}", list.join("\n")))
        })
}

/// The heading of item `n` (1-based) of a group: its `item_label` with
/// `{n}` filled in.
pub(crate) fn group_item_label(field: &Field, n: usize, ctx: Ctx) -> String {
    let pattern = field
        .item_label
        .as_ref()
        .map_or(ctx.words.item, |t| t.get(ctx.lang));
    if pattern.contains("{n}") {
        pattern.replace("{n}", &n.to_string())
    } else {
        format!("{pattern} {n}")
    }
}

/// Seconds without input before a passphrase form locks, by default.
pub const DEFAULT_IDLE_LOCK_SECONDS: u32 = 600;

/// Moves focus to the element with `id` inside the widget; a fieldset
/// hands focus to its first control. On a one-page form the title is the
/// step heading (see `view`), so each stands in for the other.
pub(crate) fn focus_in(root: NodeRef<leptos::html::Div>, id: &str) {
    let other = match id {
        "lf-step-heading" => "lf-title",
        "lf-title" => "lf-step-heading",
        _ => id,
    };
    let found = find(root, &id_selector(id)).or_else(|| find(root, &id_selector(other)));
    let target = match found {
        Some(f) if f.tag_name().eq_ignore_ascii_case("fieldset") => f
            .query_selector("input, select, textarea, [tabindex=\"0\"]")
            .ok()
            .flatten()
            .or(Some(f)),
        other => other,
    };
    focus_found(target);
}
