//! The admin token guarding the reports.
//!
//! Reports are read with HTTP Basic authentication (any user name, the token
//! as password; browsers ask for it) or `Authorization: Bearer <token>`.
//! No cookies and no sessions: nothing to steal from a browser profile.

use crate::error::ApiError;
use crate::routes::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use std::sync::Arc;

/// Whether the `Authorization` header carries `token`.
///
/// ```
/// use axum::http::{header, HeaderMap, HeaderValue};
/// use lokalform_collector::auth::is_authorized;
/// let mut headers = HeaderMap::new();
/// // "admin:secret-token-1234" in base64
/// headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic YWRtaW46c2VjcmV0LXRva2VuLTEyMzQ="));
/// assert!(is_authorized(&headers, "secret-token-1234"));
/// assert!(!is_authorized(&headers, "another-token-5678"));
/// ```
pub fn is_authorized(headers: &HeaderMap, token: &str) -> bool {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let (scheme, credentials) = value.trim().split_once(' ').unwrap_or((value, ""));
    let credentials = credentials.trim();
    if scheme.eq_ignore_ascii_case("bearer") {
        return same(credentials.as_bytes(), token.as_bytes());
    }
    if scheme.eq_ignore_ascii_case("basic") {
        let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(credentials) else {
            return false;
        };
        let password = match decoded.iter().position(|&b| b == b':') {
            Some(i) => &decoded[i + 1..],
            None => return false,
        };
        return same(password, token.as_bytes());
    }
    false
}

/// Compares in time independent of where the first difference is, so the
/// token cannot be found byte by byte from response times.
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Middleware for the admin routes: 401 with `WWW-Authenticate` unless the
/// token is given.
pub async fn require_admin(
    State(state): State<Arc<AppState>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if is_authorized(request.headers(), &state.admin_token) {
        next.run(request).await
    } else {
        ApiError::unauthorized().into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn bearer_and_basic() {
        let token = "secret-token-1234";
        assert!(is_authorized(&with("Bearer secret-token-1234"), token));
        assert!(!is_authorized(&with("Bearer secret-token-123"), token));
        // ":secret-token-1234" (empty user name)
        assert!(is_authorized(
            &with("Basic OnNlY3JldC10b2tlbi0xMjM0"),
            token
        ));
        assert!(!is_authorized(&with("Basic !!!"), token));
        assert!(!is_authorized(&HeaderMap::new(), token));
        assert!(!is_authorized(&with("Digest x"), token));
    }
}
