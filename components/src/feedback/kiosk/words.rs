//! The kiosk's own words, in Danish and English (DKFDS style: plain,
//! friendly, calm). A table of its own, beside the feedback box's
//! ([`crate::common::words`]), so the web bundle does not carry them.

use lokalform_forms::schema::Lang;

/// Every fixed text of the kiosk's screens.
// Each field is one text; its documentation is the text itself, in the
// tables below (a field missing from either does not compile).
#[allow(missing_docs)]
pub struct KioskWords {
    pub progress: fn(usize, usize) -> String,
    pub back: &'static str,
    pub next: &'static str,
    pub still_here: &'static str,
    pub still_here_help: &'static str,
    pub seconds_left: fn(u32) -> String,
    pub carry_on: &'static str,
}

const DA: KioskWords = KioskWords {
    progress: |i, n| format!("Spørgsmål {i} af {n}"),
    back: "Tilbage",
    next: "Næste",
    still_here: "Er du her stadig?",
    still_here_help: "Hvis ingen trykker, starter skærmen forfra, og dine svar bliver slettet. Så kan den næste ikke se dem.",
    seconds_left: |n| {
        if n == 1 {
            "1 sekund tilbage".to_string()
        } else {
            format!("{n} sekunder tilbage")
        }
    },
    carry_on: "Ja, jeg vil gerne fortsætte",
};

const EN: KioskWords = KioskWords {
    progress: |i, n| format!("Question {i} of {n}"),
    back: "Back",
    next: "Next",
    still_here: "Are you still there?",
    still_here_help: "If nobody taps, the screen starts over and your answers are deleted, so the next person cannot see them.",
    seconds_left: |n| {
        if n == 1 {
            "1 second left".to_string()
        } else {
            format!("{n} seconds left")
        }
    },
    carry_on: "Yes, I want to continue",
};

/// The kiosk's words in `lang`.
///
/// ```
/// use lokalform_components::feedback::kiosk::words::kiosk_words;
/// use lokalform_forms::schema::Lang;
/// assert_eq!((kiosk_words(Lang::Da).progress)(2, 6), "Spørgsmål 2 af 6");
/// assert_eq!((kiosk_words(Lang::Da).seconds_left)(1), "1 sekund tilbage");
/// assert_eq!((kiosk_words(Lang::En).seconds_left)(12), "12 seconds left");
/// ```
pub fn kiosk_words(lang: Lang) -> &'static KioskWords {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}
