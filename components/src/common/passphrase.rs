//! Choosing and typing a passphrase: one rule and one wording for a new
//! passphrase wherever one is chosen (a form's draft, the programme's
//! registry, a backup file).

use crate::form::FormWords;

/// The fewest characters of a new passphrase: a draft's, the programme's
/// registry's, a backup's.
pub const MIN_PASSPHRASE: usize = 8;

/// Why a new passphrase typed twice cannot be used, if it cannot: too
/// short, or the two differ. One rule and one wording wherever a
/// passphrase is chosen.
///
/// ```
/// use lokalform_forms::schema::Lang;
/// use lokalform_components::common::passphrase::new_passphrase_problem;
/// use lokalform_components::form::form_words;
/// let words = form_words(Lang::Da);
/// assert_eq!(new_passphrase_problem(words, "kort", "kort"), Some(words.too_short));
/// assert_eq!(new_passphrase_problem(words, "lang nok kode", "lang nok"), Some(words.mismatch));
/// assert_eq!(new_passphrase_problem(words, "lang nok kode", "lang nok kode"), None);
/// ```
pub fn new_passphrase_problem(words: &FormWords, first: &str, again: &str) -> Option<&'static str> {
    if first.chars().count() < MIN_PASSPHRASE {
        return Some(words.too_short);
    }
    (first != again).then_some(words.mismatch)
}
