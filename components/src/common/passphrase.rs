//! Choosing and typing a passphrase: one rule for a new passphrase, and
//! one prompt, wherever a worker types one (a form's draft in
//! `<lokal-form>`, the programme's registry).
//!
//! The prompt follows DKFDS: the error above the box with a hidden
//! "Fejl:", `aria-invalid` and `aria-describedby`; a wrong passphrase
//! clears the box, says so calmly and moves focus back to it; nothing is
//! changed by a failed attempt. What opening means (a draft, a registry)
//! is the caller's: it gets the passphrase and answers with an
//! [`Opening`].

use super::focus::focus_id;
use leptos::ev;
use leptos::prelude::*;
use lokalform_forms::schema::Lang;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// The fewest characters of a new passphrase: a draft's, the programme's
/// registry's, a backup's.
pub const MIN_PASSPHRASE: usize = 8;

/// Why a new passphrase typed twice cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewPassphraseProblem {
    /// Fewer than [`MIN_PASSPHRASE`] characters.
    TooShort,
    /// The two boxes differ.
    Mismatch,
}

/// Why a new passphrase typed twice cannot be used, if it cannot: one rule
/// wherever a passphrase is chosen.
///
/// ```
/// use lokalform_components::common::passphrase::{new_passphrase_problem, NewPassphraseProblem};
/// assert_eq!(new_passphrase_problem("kort", "kort"), Some(NewPassphraseProblem::TooShort));
/// assert_eq!(new_passphrase_problem("lang nok kode", "lang nok"), Some(NewPassphraseProblem::Mismatch));
/// assert_eq!(new_passphrase_problem("lang nok kode", "lang nok kode"), None);
/// // Characters, not bytes: eight Danish letters are enough.
/// assert_eq!(new_passphrase_problem("æøåæøåæø", "æøåæøåæø"), None);
/// ```
pub fn new_passphrase_problem(first: &str, again: &str) -> Option<NewPassphraseProblem> {
    if first.chars().count() < MIN_PASSPHRASE {
        return Some(NewPassphraseProblem::TooShort);
    }
    (first != again).then_some(NewPassphraseProblem::Mismatch)
}

impl NewPassphraseProblem {
    /// What the person reads, in `lang`: one wording wherever a passphrase
    /// is chosen.
    ///
    /// ```
    /// use lokalform_components::common::passphrase::NewPassphraseProblem;
    /// use lokalform_forms::schema::Lang;
    /// assert_eq!(NewPassphraseProblem::TooShort.text(Lang::Da), "Skriv en adgangskode med mindst 8 tegn.");
    /// ```
    pub fn text(self, lang: Lang) -> &'static str {
        let words = match lang {
            Lang::Da => &DA,
            Lang::En => &EN,
        };
        match self {
            NewPassphraseProblem::TooShort => words.too_short,
            NewPassphraseProblem::Mismatch => words.mismatch,
        }
    }
}

/// The rule's texts.
struct RuleWords {
    too_short: &'static str,
    mismatch: &'static str,
}

const DA: RuleWords = RuleWords {
    too_short: "Skriv en adgangskode med mindst 8 tegn.",
    mismatch: "De to adgangskoder er ikke ens. Skriv den samme begge steder.",
};

const EN: RuleWords = RuleWords {
    too_short: "Enter a passphrase of at least 8 characters.",
    mismatch: "The two passphrases differ. Type the same one in both boxes.",
};

/// What became of an attempt to open with a passphrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// Opened: the caller moves on (the prompt goes away).
    Opened,
    /// The passphrase does not open it; nothing was changed.
    Wrong,
    /// Something else went wrong, said in this sentence.
    Failed(String),
}

/// The prompt's texts, in the language on screen.
#[derive(Debug, Clone, Copy)]
pub struct PromptWords {
    /// The box's label ("Adgangskode").
    pub passphrase: &'static str,
    /// The second box's label, when a new passphrase is chosen.
    pub passphrase_again: &'static str,
    /// Help under the label, if any.
    pub help: Option<&'static str>,
    /// The button ("Åbn kladden", "Lås op", "Opret registret").
    pub submit: &'static str,
    /// The button while opening (deriving the key takes a moment).
    pub busy: &'static str,
    /// An empty box when opening.
    pub empty: &'static str,
    /// The language of the new-passphrase rule's texts.
    pub lang: Lang,
    /// A passphrase that does not open it.
    pub wrong: &'static str,
    /// The hidden prefix of an error ("Fejl: ").
    pub error_prefix: &'static str,
}

/// The rule a new secret typed twice must meet: why it cannot be used, in
/// `lang`, if it cannot.
pub type Rule = fn(&str, &str, Lang) -> Option<&'static str>;

/// [`new_passphrase_problem`] as a prompt's [`Rule`].
pub fn passphrase_rule(first: &str, again: &str, lang: Lang) -> Option<&'static str> {
    new_passphrase_problem(first, again).map(|p| p.text(lang))
}

/// Where the prompt is and what it does: `id` names the box (`lf-pass`;
/// the second box is `{id}-again`, the help `{id}-help`, the error
/// `{id}-error`); `existing` opens what is stored, else a new passphrase
/// is chosen (typed twice, checked by `rule`: [`passphrase_rule`], or a
/// kiosk's staff PIN rule).
pub struct Prompt {
    /// The box's id.
    pub id: &'static str,
    /// Whether something stored is opened (else a passphrase is chosen).
    pub existing: bool,
    /// The rule of a new one.
    pub rule: Rule,
    /// The texts.
    pub words: PromptWords,
    /// Tries the passphrase.
    pub open: Open,
}

/// What tries a passphrase: the caller's opening, as one type, so the
/// prompt's view is compiled once for every caller (less wasm).
pub type Open = Arc<dyn Fn(String) -> Pin<Box<dyn Future<Output = Opening>>> + Send + Sync>;

impl Prompt {
    /// The form: `before` at its top (a heading), the problem, the box(es),
    /// the button with `buttons` beside it, and `after` at its end.
    pub fn view(self, before: AnyView, buttons: AnyView, after: AnyView) -> AnyView {
        let Prompt {
            id,
            existing,
            rule,
            words,
            open,
        } = self;
        let (help_id, error_id, again_id) = (
            format!("{id}-help"),
            format!("{id}-error"),
            format!("{id}-again"),
        );
        let first = RwSignal::new(String::new());
        let again = RwSignal::new(String::new());
        let problem = RwSignal::new(None::<String>);
        let busy = RwSignal::new(false);
        let root = NodeRef::<leptos::html::Div>::new();
        let submit = move |ev: ev::SubmitEvent| {
            ev.prevent_default();
            let pass = first.get_untracked();
            let refused = if existing {
                pass.is_empty().then_some(words.empty)
            } else {
                rule(&pass, &again.get_untracked(), words.lang)
            };
            if let Some(why) = refused {
                problem.set(Some(why.to_string()));
                return;
            }
            problem.set(None);
            busy.set(true);
            let opening = open(pass);
            crate::common::task::spawn(async move {
                let opening = opening.await;
                busy.try_set(false);
                match opening {
                    Opening::Opened => {}
                    Opening::Wrong => {
                        first.try_set(String::new());
                        problem.try_set(Some(words.wrong.to_string()));
                        request_animation_frame(move || focus_id(root, id));
                    }
                    Opening::Failed(why) => {
                        problem.try_set(Some(why));
                    }
                }
            });
        };
        let described = {
            let (help_id, error_id) = (help_id.clone(), error_id.clone());
            let help = words.help.is_some();
            move || match (help, problem.with(Option::is_some)) {
                (true, true) => Some(format!("{help_id} {error_id}")),
                (true, false) => Some(help_id.clone()),
                (false, true) => Some(error_id.clone()),
                (false, false) => None,
            }
        };
        view! {
            <div class="passphrase-prompt" node_ref=root>
            <form class="unlock" novalidate on:submit=submit>
                {before}
                {move || problem.get().map(|p| view! {
                    <p class="field-error" role="alert" id=error_id.clone()><span class="sr-only">{words.error_prefix}</span>{p}</p>
                })}
                <div class="field">
                    <label class="label" for=id>{words.passphrase}</label>
                    {words.help.map(|h| view! { <p class="help" id=help_id.clone()>{h}</p> })}
                    <input id=id class="input" type="password"
                        autocomplete=if existing { "current-password" } else { "new-password" }
                        aria-describedby=described
                        aria-invalid=move || problem.with(Option::is_some).then_some("true")
                        prop:value=move || first.get()
                        on:input=move |ev| first.set(event_target_value(&ev)) />
                </div>
                {(!existing).then(|| view! {
                    <div class="field">
                        <label class="label" for=again_id.clone()>{words.passphrase_again}</label>
                        <input id=again_id.clone() class="input" type="password" autocomplete="new-password"
                            prop:value=move || again.get()
                            on:input=move |ev| again.set(event_target_value(&ev)) />
                    </div>
                })}
                <div class="actions">
                    <button type="submit" class="button" disabled=move || busy.get()>
                        {move || if busy.get() { words.busy } else { words.submit }}
                    </button>
                    {buttons}
                </div>
                {after}
            </form>
            </div>
        }
        .into_any()
    }
}
