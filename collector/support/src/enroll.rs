//! Enrolling a tablet at a running collector, as its staff would: a
//! one-time code from the admin API, exchanged for a device credential.
//! Tests, the load generator and `cargo xtask demo` post kiosk batches
//! with the `Authorization` value it returns.

use crate::http1;
use std::io;
use std::net::SocketAddr;

/// Makes a code for `label` with the admin token, enrolls with it, and
/// returns the batch route's `Authorization` value,
/// `Bearer <device>.<token>`.
pub async fn enroll(addr: SocketAddr, admin_token: &str, label: &str) -> io::Result<String> {
    let code = issue_code(addr, admin_token, label).await?;
    let body = serde_json::json!({ "code": code }).to_string();
    let r = http1::request(
        addr,
        "POST",
        "/api/v1/devices",
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    )
    .await?;
    let json = r.json();
    match (r.status, json["device"].as_str(), json["token"].as_str()) {
        (201, Some(device), Some(token)) => Ok(format!("Bearer {device}.{token}")),
        _ => Err(io::Error::other(format!(
            "enrollment refused: HTTP {} {}",
            r.status,
            r.text()
        ))),
    }
}

/// A one-time enrollment code for `label`, `ABCD-EFGH-JKMN`, from
/// `POST /admin/devices/codes`.
pub async fn issue_code(addr: SocketAddr, admin_token: &str, label: &str) -> io::Result<String> {
    let bearer = format!("Bearer {admin_token}");
    let body = serde_json::json!({ "label": label }).to_string();
    let r = http1::request(
        addr,
        "POST",
        "/admin/devices/codes",
        &[
            ("Authorization", &bearer),
            ("Accept", "application/json"),
            ("Content-Type", "application/json"),
        ],
        body.as_bytes(),
    )
    .await?;
    match (r.status, r.json()["code"].as_str()) {
        (201, Some(code)) => Ok(code.to_string()),
        _ => Err(io::Error::other(format!(
            "no enrollment code: HTTP {} {}",
            r.status,
            r.text()
        ))),
    }
}
