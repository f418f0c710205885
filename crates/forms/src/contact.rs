//! Small checks for e-mail addresses and phone numbers, written by hand so
//! the browser bundle carries no regex engine.
//!
//! ```
//! use lokalform_forms::contact::{is_email, normalize_phone};
//! assert!(is_email("søren.ørsted@kommune.dk"));
//! assert_eq!(normalize_phone("12 34 56 78").as_deref(), Some("+4512345678"));
//! ```

/// The longest address accepted, in bytes (the SMTP path limit).
const MAX_EMAIL_LEN: usize = 254;

/// Whether `s` looks like an e-mail address, pragmatically:
///
/// - at most 254 bytes, exactly one `@`, no whitespace;
/// - a non-empty local part of letters (also non-ASCII letters such as
///   `æøå`), ASCII digits and ``!#$%&'*+/=?^_`{|}~.-``, not starting or
///   ending with a dot and without two dots in a row;
/// - a domain of at least two dot-separated labels, each 1–63 characters of
///   letters, ASCII digits and `-`, not starting or ending with `-`; the last
///   label (the top-level domain) is at least two letters.
///
/// Surrounding whitespace is not trimmed: the caller trims.
///
/// ```
/// use lokalform_forms::contact::is_email;
/// assert!(is_email("ole+test@aarhus.dk"));
/// assert!(is_email("info@bøger.dk"));
/// assert!(!is_email("ole@localhost"));
/// assert!(!is_email("ole..hansen@aarhus.dk"));
/// assert!(!is_email(" ole@aarhus.dk"));
/// ```
pub fn is_email(s: &str) -> bool {
    if s.len() > MAX_EMAIL_LEN {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphabetic() || c.is_ascii_digit() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let mut labels = 0;
    let labels_ok = domain.split('.').all(|label| {
        labels += 1;
        let len = label.chars().count();
        (1..=63).contains(&len)
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .chars()
                .all(|c| c.is_alphabetic() || c.is_ascii_digit() || c == '-')
    });
    let tld_ok = domain
        .rsplit('.')
        .next()
        .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    local_ok && labels_ok && labels >= 2 && tld_ok
}

/// A phone number in canonical form `+<digits>`, or `None`.
///
/// - Danish: eight digits, optionally after `+45` or `0045`, gives
///   `+45` and the eight digits. A number after `+45` must have exactly
///   eight digits.
/// - International: `+` and 7–15 digits (the first not `0`) gives `+` and
///   the digits.
///
/// A single space, hyphen or dot may stand between two digits; surrounding
/// whitespace is ignored. Anything else (letters, brackets, non-ASCII
/// digits, too few or too many digits) gives `None`.
///
/// ```
/// use lokalform_forms::contact::normalize_phone;
/// assert_eq!(normalize_phone("12-34-56-78").as_deref(), Some("+4512345678"));
/// assert_eq!(normalize_phone("+45 1234 5678").as_deref(), Some("+4512345678"));
/// assert_eq!(normalize_phone("0045 12345678").as_deref(), Some("+4512345678"));
/// assert_eq!(normalize_phone("+46 70 123 45 67").as_deref(), Some("+46701234567"));
/// assert_eq!(normalize_phone("1234567"), None);
/// assert_eq!(normalize_phone("ring 12345678"), None);
/// ```
pub fn normalize_phone(s: &str) -> Option<String> {
    let s = s.trim();
    let (plus, rest) = match s.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    // At most 15 digits are ever accepted; one more means "too many".
    let mut digits = [0u8; 16];
    let mut n = 0;
    let mut after_separator = true; // nothing may come before the first digit
    for c in rest.bytes() {
        if c.is_ascii_digit() {
            *digits.get_mut(n)? = c;
            n += 1;
            after_separator = false;
        } else if matches!(c, b' ' | b'-' | b'.') && !after_separator {
            after_separator = true;
        } else {
            return None;
        }
    }
    if after_separator {
        return None; // empty, or ends with a separator
    }
    let digits = digits.get(..n)?;
    let national = match (plus, digits) {
        (true, [b'4', b'5', national @ ..]) | (false, [b'0', b'0', b'4', b'5', national @ ..]) => {
            national
        }
        (true, [first, ..]) if *first != b'0' && (7..=15).contains(&n) => {
            return Some(canonical("+", digits));
        }
        (true, _) => return None,
        (false, national) => national,
    };
    (national.len() == 8).then(|| canonical("+45", national))
}

fn canonical(prefix: &str, digits: &[u8]) -> String {
    let mut s = String::with_capacity(prefix.len() + digits.len());
    s.push_str(prefix);
    s.extend(digits.iter().map(|&d| char::from(d)));
    s
}
