//! Enrolled tablets: one-time enrollment codes and device credentials.
//!
//! A kiosk batch is accepted only from a tablet enrolled at this
//! collector. Staff make a one-time code on the dashboard
//! ([`new_code`]: 12 characters from [`ALPHABET`], shown as
//! `XXXX-XXXX-XXXX`, valid [`CODE_HOURS`] hours) and type it into the
//! tablet's staff view, which exchanges it once for a device id and a
//! token ([`new_device`]). From then on every batch carries
//! `Authorization: Bearer <device>.<token>` ([`credential`]).
//!
//! Only SHA-256 hashes of codes and tokens are stored; a token is compared
//! with its stored hash in time independent of where they differ
//! ([`token_matches`]). The device is the tablet, never a person: its id
//! is random, and nothing about who holds it (no address, no user agent)
//! is stored.

use base64::Engine;
use lokalform_text::sha256::{hex, sha256};

/// The characters of an enrollment code: no 0/O, 1/I/L, which are easy to
/// mistake for each other on a screen or a note.
pub const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// Characters in a code.
pub const CODE_LEN: usize = 12;

/// How long a code is valid after it is made.
pub const CODE_HOURS: i64 = 24;

/// The longest label a tablet may be given.
pub const MAX_LABEL_CHARS: usize = 60;

/// A new code: the text shown once (`ABCD-EFGH-JKMN`) and the hash stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The code as staff see it, in three groups of four.
    pub shown: String,
    /// SHA-256 of the code without dashes, hex.
    pub hash: String,
}

/// A new device: its id, its token (given to the tablet once) and the
/// token's hash (stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    /// 16 hex digits, random.
    pub id: String,
    /// 32 random bytes, base64url without padding.
    pub token: String,
    /// SHA-256 of the token, hex.
    pub token_hash: String,
}

/// `n` random bytes from the system's generator.
fn random<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)?;
    Ok(bytes)
}

/// A new one-time enrollment code, drawn uniformly from [`ALPHABET`]
/// (rejection sampling, so no character is likelier than another).
pub fn new_code() -> Result<Code, getrandom::Error> {
    let limit = 256 - 256 % ALPHABET.len();
    let mut code = String::with_capacity(CODE_LEN);
    while code.len() < CODE_LEN {
        for b in random::<32>()? {
            if usize::from(b) < limit && code.len() < CODE_LEN {
                code.push(char::from(ALPHABET[usize::from(b) % ALPHABET.len()]));
            }
        }
    }
    Ok(Code {
        shown: format!("{}-{}-{}", &code[..4], &code[4..8], &code[8..]),
        hash: code_hash(&code),
    })
}

/// The code as typed, with case, spaces and dashes ignored; `None` when it
/// cannot be a code (wrong length, a character not in [`ALPHABET`]).
///
/// ```
/// use lokalform_collector::devices::normalize_code;
/// assert_eq!(normalize_code("abcd efgh-jkmn").as_deref(), Some("ABCDEFGHJKMN"));
/// assert_eq!(normalize_code(" ABCD-EFGH-JKMN "), normalize_code("abcdefghjkmn"));
/// assert_eq!(normalize_code("ABCD-EFGH-JKM0"), None);
/// assert_eq!(normalize_code("ABCD-EFGH"), None);
/// ```
pub fn normalize_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid = code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b));
    valid.then_some(code)
}

/// SHA-256 of a normalised code, hex: what is stored.
pub fn code_hash(normalized: &str) -> String {
    hex(&sha256(normalized.as_bytes()))
}

/// A new device id and token.
pub fn new_device() -> Result<Device, getrandom::Error> {
    let id = hex(&random::<8>()?);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random::<32>()?);
    let token_hash = token_hash(&token);
    Ok(Device {
        id,
        token,
        token_hash,
    })
}

/// SHA-256 of a token, hex.
pub fn token_hash(token: &str) -> String {
    hex(&sha256(token.as_bytes()))
}

/// Whether `token` is the one whose hash is `stored`, compared in time
/// independent of where the hashes differ.
///
/// ```
/// use lokalform_collector::devices::{token_hash, token_matches};
/// let stored = token_hash("a-token");
/// assert!(token_matches("a-token", &stored));
/// assert!(!token_matches("another-token", &stored));
/// ```
pub fn token_matches(token: &str, stored: &str) -> bool {
    crate::auth::same(token_hash(token).as_bytes(), stored.as_bytes())
}

/// The device id and token of an `Authorization: Bearer <device>.<token>`
/// value; `None` for anything else.
///
/// ```
/// use lokalform_collector::devices::credential;
/// assert_eq!(credential("Bearer 0123456789abcdef.c2VjcmV0"), Some(("0123456789abcdef", "c2VjcmV0")));
/// assert_eq!(credential("bearer 0123456789abcdef.c2VjcmV0"), Some(("0123456789abcdef", "c2VjcmV0")));
/// assert_eq!(credential("Bearer 0123456789abcdef"), None);
/// assert_eq!(credential("Basic 0123456789abcdef.c2VjcmV0"), None);
/// ```
pub fn credential(authorization: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = authorization.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let (id, token) = rest.trim().split_once('.')?;
    let is_id = id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit());
    let is_token = !token.is_empty()
        && token.len() <= 64
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (is_id && is_token).then_some((id, token))
}

/// A label for a tablet: trimmed, 1 to [`MAX_LABEL_CHARS`] characters, no
/// control characters; `None` otherwise.
///
/// ```
/// use lokalform_collector::devices::check_label;
/// assert_eq!(check_label("  Café-tablet 1 ").as_deref(), Some("Café-tablet 1"));
/// assert_eq!(check_label(" "), None);
/// assert_eq!(check_label(&"x".repeat(61)), None);
/// ```
pub fn check_label(label: &str) -> Option<String> {
    let label = label.trim();
    let chars = label.chars().count();
    let valid = (1..=MAX_LABEL_CHARS).contains(&chars) && !label.chars().any(char::is_control);
    valid.then(|| label.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_twelve_unambiguous_characters_in_three_groups() {
        for _ in 0..200 {
            let code = new_code().expect("random");
            assert_eq!(code.shown.len(), 14, "{}", code.shown);
            let normalized = normalize_code(&code.shown).expect("valid");
            assert_eq!(code.hash, code_hash(&normalized));
            assert!(!normalized.contains(['0', 'O', '1', 'I', 'L']));
        }
        assert_ne!(new_code().expect("a"), new_code().expect("b"));
    }

    #[test]
    fn a_device_token_is_32_random_bytes_and_only_its_hash_is_kept() {
        let device = new_device().expect("random");
        assert_eq!(device.id.len(), 16);
        assert_eq!(device.token.len(), 43);
        assert!(token_matches(&device.token, &device.token_hash));
        let header = format!("Bearer {}.{}", device.id, device.token);
        assert_eq!(
            credential(&header),
            Some((device.id.as_str(), device.token.as_str()))
        );
        assert_ne!(device.token_hash, device.token);
    }
}
