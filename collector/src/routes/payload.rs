//! Reading a [`Tally`] from a request body, with errors a sender can act on
//! (the cohort route shares [`json_body`]).
//!
//! axum's own `Json` extractor answers bad input with plain text; this one
//! answers in the collector's JSON error format and names the path of the
//! bad value (`counts.heard.yes`), using `serde_path_to_error`. It never
//! panics on any input.
//!
//! A JSON reader keeps one of two members with the same name and drops the
//! other without a word, so a tally such as `{"heard":{"yes":1,"yes":0}}`
//! would be counted as whichever came last. [`refuse_duplicate_names`]
//! refuses such a body on every route, naming the duplicate's path.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, StatusCode};
use lokalform_forms::aggregate::Tally;
use lokalform_forms::schema::Problem;
use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::error::Category;
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

/// A tally read from a JSON body.
#[derive(Debug)]
pub struct TallyJson(pub Tally);

impl<S: Send + Sync> FromRequest<S> for TallyJson {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<TallyJson, ApiError> {
        let body = json_body(request, state).await?;
        parse_tally(&body).map(TallyJson)
    }
}

/// The body of a request that says it is JSON: 415 when it does not say
/// so, 413 over [`MAX_BODY_BYTES`](super::MAX_BODY_BYTES), 400 when it
/// cannot be read completely, 408 when it has not arrived by its
/// [`BodyDeadline`](super::BodyDeadline).
pub async fn json_body<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, ApiError> {
    if !is_json(request.headers()) {
        return Err(ApiError::unsupported_media_type());
    }
    let deadline = request.extensions().get::<super::BodyDeadline>().copied();
    let read = Bytes::from_request(request, state);
    let read = match deadline {
        Some(super::BodyDeadline(at)) => tokio::time::timeout_at(at, read)
            .await
            .map_err(|_| ApiError::body_timeout())?,
        None => read.await,
    };
    read.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::payload_too_large(super::MAX_BODY_BYTES)
        } else {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "unreadable_body",
                "The request body could not be read completely.",
            )
        }
    })
}

/// Whether the request says its body is JSON (`application/json`, with or
/// without parameters such as `charset=utf-8`).
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

/// Parses a tally: 400 for JSON that is not well-formed, 422 with the path
/// for well-formed JSON that is not a tally.
///
/// ```
/// use lokalform_collector::routes::payload::parse_tally;
/// let err = parse_tally(br#"{"form":"feedback","version":"one"}"#).unwrap_err();
/// assert_eq!(err.status().as_u16(), 422);
/// assert_eq!(err.problems()[0].path, "version");
/// ```
pub fn parse_tally(body: &[u8]) -> Result<Tally, ApiError> {
    refuse_duplicate_names(body)?;
    let mut de = serde_json::Deserializer::from_slice(body);
    let tally: Tally = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let inner = e.into_inner();
        let problem = Problem::new(path, inner.to_string());
        match inner.classify() {
            Category::Data => ApiError::invalid_payload(problem),
            Category::Syntax | Category::Eof | Category::Io => ApiError::invalid_json(problem),
        }
    })?;
    de.end()
        .map_err(|e| ApiError::invalid_json(Problem::new("", e.to_string())))?;
    Ok(tally)
}

/// Refuses a body in which one object has the same name twice (400
/// `duplicate_name`), with the path of the second one. Bodies that are not
/// well-formed JSON pass; the parser that follows says what is wrong.
///
/// ```
/// use lokalform_collector::routes::payload::refuse_duplicate_names;
/// let err = refuse_duplicate_names(br#"{"counts":{"heard":{"yes":1,"yes":0}}}"#).unwrap_err();
/// assert_eq!((err.status().as_u16(), err.code()), (400, "duplicate_name"));
/// assert_eq!(err.problems()[0].path, "counts.heard.yes");
/// assert!(refuse_duplicate_names(br#"{"a":{"x":1},"b":{"x":1}}"#).is_ok());
/// ```
pub fn refuse_duplicate_names(body: &[u8]) -> Result<(), ApiError> {
    let mut found = None;
    let mut de = serde_json::Deserializer::from_slice(body);
    let _ = Walk {
        at: &Step::Root,
        found: &mut found,
    }
    .deserialize(&mut de);
    found.map_or(Ok(()), |problem| Err(ApiError::duplicate_name(problem)))
}

/// Where a value is in the body, kept on the stack while the walk is
/// there and written out only for a duplicate (so a good body costs no
/// path strings).
enum Step<'a> {
    Root,
    Name(&'a Step<'a>, &'a str),
    Index(&'a Step<'a>, usize),
}

impl Step<'_> {
    /// The path as the other problems write it: `counts.heard.yes`,
    /// `reports[1].group`.
    fn path(&self) -> String {
        match self {
            Step::Root => String::new(),
            Step::Name(Step::Root, name) => (*name).to_string(),
            Step::Name(parent, name) => format!("{}.{name}", parent.path()),
            Step::Index(parent, i) => format!("{}[{i}]", parent.path()),
        }
    }
}

/// Walks any JSON value and stops at the first name that appears twice in
/// one object.
struct Walk<'s, 'f> {
    at: &'s Step<'s>,
    found: &'f mut Option<Problem>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let found = self.found;
        let mut index = 0usize;
        loop {
            let at = Step::Index(self.at, index);
            let walk = Walk {
                at: &at,
                found: &mut *found,
            };
            if seq.next_element_seed(walk)?.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let found = self.found;
        let mut names: HashSet<Cow<'de, str>> = HashSet::new();
        while let Some(name) = map.next_key_seed(Name)? {
            if names.contains(&name) {
                *found = Some(Problem::new(
                    Step::Name(self.at, &name).path(),
                    "this name appears twice in the same object; send each name once",
                ));
                return Err(A::Error::custom("duplicate name"));
            }
            let at = Step::Name(self.at, &name);
            map.next_value_seed(Walk {
                at: &at,
                found: &mut *found,
            })?;
            names.insert(name);
        }
        Ok(())
    }
}

/// A member's name, borrowed from the body when it has no escapes.
struct Name;

impl<'de> DeserializeSeed<'de> for Name {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Name {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a name")
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(s))
    }

    fn visit_str<E>(self, s: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_errors() {
        assert_eq!(
            parse_tally(b"").map_err(|e| e.status().as_u16()).err(),
            Some(400)
        );
        assert_eq!(
            parse_tally(b"{").map_err(|e| e.status().as_u16()).err(),
            Some(400)
        );
        assert_eq!(
            parse_tally(b"[]").map_err(|e| e.status().as_u16()).err(),
            Some(422)
        );
        let body = br#"{"form":"feedback","version":2,"key":"0123456789abcdef","responses":1,"counts":{"heard":{"yes":-1}}}"#;
        let err = parse_tally(body).unwrap_err();
        assert_eq!(err.status().as_u16(), 422);
        assert_eq!(err.problems()[0].path, "counts.heard.yes");
        let trailing = br#"{"form":"feedback","version":2,"key":"0123456789abcdef","responses":1,"counts":{}} x"#;
        assert_eq!(
            parse_tally(trailing).map_err(|e| e.code()).err(),
            Some("invalid_json")
        );
    }

    #[test]
    fn a_name_twice_is_found_anywhere_with_its_path() {
        let path = |body: &str| {
            refuse_duplicate_names(body.as_bytes())
                .err()
                .map(|e| e.problems()[0].path.clone())
        };
        assert_eq!(path(r#"{"a":1,"a":1}"#).as_deref(), Some("a"));
        assert_eq!(
            path(r#"{"reports":[{"a":1},{"b":{"c":1},"a":2,"a":3}]}"#).as_deref(),
            Some("reports[1].a")
        );
        // The same name written with an escape is the same name.
        assert_eq!(
            path(r#"{"counts":{"heard":{"yes":1,"y\u0065s":1}}}"#).as_deref(),
            Some("counts.heard.yes")
        );
        // The same name in different objects, and bodies that are not
        // JSON (the parser after says what is wrong), pass.
        for body in [
            r#"{"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":1}]}"#,
            "{",
            "",
            "[1,",
        ] {
            assert_eq!(path(body), None, "{body}");
        }
    }

    #[test]
    fn never_panics_on_odd_bytes() {
        for body in [
            &b"\xff\xfe"[..],
            b"null",
            b"\"x\"",
            b"{\"counts\":{\"a\":{\"b\":1e400}}}",
            &[b'['; 10_000],
            &b"{\"a\":".repeat(10_000),
        ] {
            assert!(parse_tally(body).is_err());
            let _ = refuse_duplicate_names(body);
        }
    }
}
