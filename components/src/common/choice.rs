//! The field renderers the feedback box and the form engine share: one
//! option of a choice question (radio button, checkbox or face) with its
//! visible label. Each widget builds the input itself (its answers live in
//! different places); the card around it is the same everywhere, so a
//! face, a Likert point and a plain choice look and read alike.

use super::faces::face;
use leptos::prelude::*;

/// The class of an option's input: a face's (visually hidden, its card
/// shows the state) or a plain radio button's or checkbox's.
pub fn input_class(smiley: bool) -> &'static str {
    if smiley {
        "face-input"
    } else {
        "radio"
    }
}

/// One option: `input` and, in one label, the face for option `index` (on
/// the smiley scale only) and the option's `text`. One structure for both
/// kinds: one view type is much smaller in wasm than two.
///
/// ```no_run
/// use leptos::prelude::*;
/// use lokalform_components::common::choice::{input_class, option_card};
/// let input = view! { <input type="radio" class=input_class(true) name="q" /> };
/// let _card = option_card(true, 4, input, "Meget godt".to_string());
/// ```
pub fn option_card(
    smiley: bool,
    index: usize,
    input: impl IntoView,
    text: String,
) -> impl IntoView {
    view! {
        <label class=if smiley { "face" } else { "choice" }>
            {input}
            <span class=if smiley { "face-card" } else { "choice-text" }>
                {smiley.then(|| face(index))}
                <span class="face-label">{text}</span>
            </span>
        </label>
    }
}
