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

/// [`option_card`] as markup, for widgets drawn as markup (the feedback
/// box): the same structure, so a face reads and looks the same in both.
/// The input is a radio button named `name`, with id `id`.
///
/// ```
/// let mut out = String::new();
/// lokalform_components::common::choice::option_card_html(&mut out, false, 0, "q-heard", "q-heard-0", "yes", "Ja");
/// assert_eq!(out, r#"<label class="choice"><input type="radio" class="radio" name="q-heard" id="q-heard-0" value="yes"><span class="choice-text"><span class="face-label">Ja</span></span></label>"#);
/// ```
pub fn option_card_html(
    out: &mut String,
    smiley: bool,
    index: usize,
    name: &str,
    id: &str,
    value: &str,
    text: &str,
) {
    use crate::common::html::attribute;
    out.push_str(if smiley {
        r#"<label class="face"><input type="radio" class="face-input""#
    } else {
        r#"<label class="choice"><input type="radio" class="radio""#
    });
    attribute(out, "name", name);
    attribute(out, "id", id);
    attribute(out, "value", value);
    out.push_str(if smiley {
        r#"><span class="face-card"><span class="face-icon">"#
    } else {
        r#"><span class="choice-text">"#
    });
    if smiley {
        out.push_str(&super::faces::face_svg(index));
        out.push_str("</span>");
    }
    crate::common::html::element(out, "span", "face-label", text);
    out.push_str("</span></label>");
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Each tag with its attributes sorted, and each text: what a browser
    /// makes of markup, whatever order the attributes were written in.
    fn shape(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        for part in html
            .split('<')
            .filter(|p| !p.is_empty() && !p.starts_with("!"))
        {
            let (tag, text) = part.split_once('>').unwrap_or((part, ""));
            let mut words: Vec<&str> = tag.trim_end_matches('/').split(' ').collect();
            words[1..].sort_unstable();
            out.push(words.join(" "));
            if !text.is_empty() {
                out.push(text.to_string());
            }
        }
        out
    }

    #[test]
    fn the_markup_card_and_the_view_card_are_the_same() {
        for (smiley, index) in [(true, 0), (true, 4), (false, 2)] {
            let input = view! {
                <input type="radio" class=input_class(smiley) name="q-x" id="q-x-1" value="b" />
            };
            let view = option_card(smiley, index, input, "Godt & vel".to_string()).to_html();
            let mut markup = String::new();
            option_card_html(
                &mut markup,
                smiley,
                index,
                "q-x",
                "q-x-1",
                "b",
                "Godt & vel",
            );
            assert_eq!(shape(&view), shape(&markup), "{view}\n{markup}");
        }
    }
}
