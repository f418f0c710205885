//! A kiosk tablet's own records: its enrollment with the collector, the
//! staff PIN, and what the staff view says about sending. Sealed under the
//! device key in the store `device` (never in localStorage); only the kiosk
//! bundle links this module.
//!
//! - **Enrollment.** A project worker gets a one-time code from the
//!   collector's dashboard and types it into the staff view; [`enroll`]
//!   POSTs it once to `/api/v1/devices` and keeps the device id and token
//!   the collector answers with. Every batch then carries
//!   `Authorization: Bearer <device>.<token>`, read at send time
//!   ([`super::kiosk`]), so batches that waited go with the tablet's new
//!   credential after it is enrolled again. The credential names the
//!   tablet, never a person.
//! - **The PIN.** 4–8 digits chosen at set-up, kept only as a PBKDF2-SHA-256
//!   hash ([`super::kdf`]'s parameters, a random 16-byte salt); after
//!   [`FREE_TRIES`] wrong tries in a row each further try waits longer
//!   ([`wait_after`]), also across reloads.
//! - **The status.** When a batch was last acknowledged, and the last
//!   refusal ([`Refusal`]): a tablet the collector does not know, or one
//!   revoked in the dashboard, holds its batches (kept, not tried again)
//!   until it is enrolled again.

use super::kdf;
use super::vault::{self, Record, Store, StoreError};
use lokalform_text::json::{self, Json, ObjectWriter};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/store/glue.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = pinHash)]
    async fn js_pin_hash(pin: &str, salt: &str, iterations: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = postForText)]
    async fn js_post_for_text(url: &str, body: &str) -> JsValue;
}

const ENROLLMENT: &str = "enrollment";
const PIN: &str = "pin";
const STATUS: &str = "status";

/// Wrong PIN tries allowed in a row before each try has to wait.
pub const FREE_TRIES: u32 = 5;

/// Seconds to wait before the next PIN try after `failures` wrong ones in
/// a row: none for the first [`FREE_TRIES`], then 30 s, doubling, at most
/// 15 minutes.
///
/// ```
/// use lokalform_components::store::device::wait_after;
/// assert_eq!(wait_after(4), 0);
/// assert_eq!(wait_after(5), 30);
/// assert_eq!(wait_after(6), 60);
/// assert_eq!(wait_after(10), 900);
/// assert_eq!(wait_after(u32::MAX), 900);
/// ```
pub fn wait_after(failures: u32) -> u32 {
    match failures.checked_sub(FREE_TRIES) {
        None => 0,
        Some(over) => 30u32.saturating_mul(1 << over.min(5)).min(900),
    }
}

/// Why a new PIN typed twice cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProblem {
    /// Not 4 to 8 digits.
    Digits,
    /// The two boxes differ.
    Mismatch,
}

/// Why a new PIN typed twice cannot be used, if it cannot.
///
/// ```
/// use lokalform_components::store::device::{pin_problem, PinProblem};
/// assert_eq!(pin_problem("123", "123"), Some(PinProblem::Digits));
/// assert_eq!(pin_problem("12a4", "12a4"), Some(PinProblem::Digits));
/// assert_eq!(pin_problem("123456789", "123456789"), Some(PinProblem::Digits));
/// assert_eq!(pin_problem("2468", "2469"), Some(PinProblem::Mismatch));
/// assert_eq!(pin_problem("2468", "2468"), None);
/// assert_eq!(pin_problem("24681357", "24681357"), None);
/// ```
pub fn pin_problem(first: &str, again: &str) -> Option<PinProblem> {
    if !(4..=8).contains(&first.len()) || !first.bytes().all(|b| b.is_ascii_digit()) {
        return Some(PinProblem::Digits);
    }
    (first != again).then_some(PinProblem::Mismatch)
}

/// The tablet's credential at the collector, and its name there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrollment {
    /// The device id the collector gave.
    pub device: String,
    /// The secret that goes with it.
    pub token: String,
    /// The name the dashboard gave the tablet ("Café-tablet 1").
    pub label: String,
}

impl Enrollment {
    /// The `Authorization` header value of this tablet's batches.
    ///
    /// ```
    /// use lokalform_components::store::device::Enrollment;
    /// let e = Enrollment { device: "d1".into(), token: "s3cret".into(), label: "Café".into() };
    /// assert_eq!(e.authorization(), "Bearer d1.s3cret");
    /// ```
    pub fn authorization(&self) -> String {
        format!("Bearer {}.{}", self.device, self.token)
    }

    /// Reads the collector's answer to an enrollment code.
    fn from_answer(value: &Json) -> Option<Enrollment> {
        let text = |name| Some(value.get(name)?.as_str()?.to_string());
        Some(Enrollment {
            device: text("device")?,
            token: text("token")?,
            label: text("label").unwrap_or_default(),
        })
    }
}

impl Record for Enrollment {
    fn to_json(&self) -> String {
        let mut out = String::new();
        let mut o = ObjectWriter::new(&mut out);
        o.string("device", &self.device);
        o.string("token", &self.token);
        o.string("label", &self.label);
        o.finish();
        out
    }

    fn from_json(value: &Json) -> Option<Enrollment> {
        Enrollment::from_answer(value)
    }
}

/// Why the collector last refused the tablet's batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Refusal {
    /// None since the last acknowledgement or enrollment.
    #[default]
    None,
    /// The collector does not know the tablet: it is to be enrolled.
    NotEnrolled,
    /// The tablet was revoked in the dashboard: it needs a new code.
    Revoked,
    /// The tablet reached its daily ceiling: batches wait for tomorrow.
    DailyCeiling,
    /// Refused for another reason (a form the collector does not know).
    Other,
}

impl Refusal {
    const NAMES: [(Refusal, &'static str); 5] = [
        (Refusal::None, ""),
        (Refusal::NotEnrolled, "not_enrolled"),
        (Refusal::Revoked, "revoked"),
        (Refusal::DailyCeiling, "daily_ceiling"),
        (Refusal::Other, "other"),
    ];

    /// Whether batches are held (kept, not tried) until the tablet is
    /// enrolled again.
    pub fn holds(self) -> bool {
        matches!(self, Refusal::NotEnrolled | Refusal::Revoked)
    }
}

/// What the staff view says about sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Status {
    /// When a batch was last acknowledged (Unix seconds; 0: never).
    pub last_sent: u32,
    /// The last refusal.
    pub refusal: Refusal,
}

impl Record for Status {
    fn to_json(&self) -> String {
        let mut out = String::new();
        let mut o = ObjectWriter::new(&mut out);
        o.number("last_sent", self.last_sent);
        let name = Refusal::NAMES.iter().find(|(r, _)| *r == self.refusal);
        o.string("refusal", name.map_or("", |(_, n)| n));
        o.finish();
        out
    }

    fn from_json(value: &Json) -> Option<Status> {
        let refusal = value.get("refusal")?.as_str()?;
        Some(Status {
            last_sent: value.get("last_sent")?.as_u32()?,
            refusal: Refusal::NAMES
                .iter()
                .find(|(_, n)| *n == refusal)
                .map_or(Refusal::Other, |(r, _)| *r),
        })
    }
}

/// The staff PIN's hash, and the wrong tries in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pin {
    iterations: u32,
    salt: String,
    hash: String,
    failures: u32,
    /// No try is checked before this (Unix seconds).
    wait_until: u32,
}

impl Record for Pin {
    fn to_json(&self) -> String {
        let mut out = String::new();
        let mut o = ObjectWriter::new(&mut out);
        o.string("kdf", kdf::KDF);
        o.number("iterations", self.iterations);
        o.string("salt", &self.salt);
        o.string("hash", &self.hash);
        o.number("failures", self.failures);
        o.number("wait_until", self.wait_until);
        o.finish();
        out
    }

    fn from_json(value: &Json) -> Option<Pin> {
        let text = |name| Some(value.get(name)?.as_str()?.to_string());
        let number = |name| value.get(name)?.as_u32();
        let iterations = number("iterations")?;
        kdf::accepted(&text("kdf")?, iterations).then_some(())?;
        Some(Pin {
            iterations,
            salt: text("salt")?,
            hash: text("hash")?,
            failures: number("failures")?,
            wait_until: number("wait_until")?,
        })
    }
}

/// Now, in Unix seconds.
pub fn now() -> u32 {
    (js_sys::Date::now() / 1000.0) as u32
}

/// The tablet's enrollment, if it is enrolled.
pub async fn enrollment() -> Option<Enrollment> {
    vault::get(Store::Device, ENROLLMENT).await.ok().flatten()
}

/// Forgets the tablet's credential ("Afmeld tablet"): its batches keep
/// waiting until it is enrolled again.
pub async fn forget() -> Result<(), StoreError> {
    vault::remove(Store::Device, ENROLLMENT).await
}

/// The sending status (a fresh tablet's when none is stored).
pub async fn status() -> Status {
    vault::get(Store::Device, STATUS)
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Changes the sending status.
pub async fn note(change: impl FnOnce(&mut Status)) {
    let mut status = status().await;
    change(&mut status);
    let _ = vault::put(Store::Device, STATUS, &status).await;
}

/// What became of an enrollment code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Enrolled {
    /// Enrolled: the credential is kept, held batches may go.
    Yes(Enrollment),
    /// The collector does not know the code, or it was used or expired.
    UnknownCode,
    /// The collector could not be reached.
    Unreachable,
    /// Anything else: the HTTP status (or a credential that could not be
    /// kept: 0 with storage failing is [`Enrolled::Unreachable`]).
    Failed(u16),
}

/// The base URL of a `collector` attribute, without a trailing slash.
fn base(collector: &str) -> &str {
    collector.trim().trim_end_matches('/')
}

/// Enrolls the tablet with the one-time `code` from the collector's
/// dashboard: keeps the credential and lifts a hold on its batches.
pub async fn enroll(collector: &str, code: &str) -> Enrolled {
    let mut body = String::new();
    let mut o = ObjectWriter::new(&mut body);
    o.string("code", code.trim());
    o.finish();
    let url = format!("{}/api/v1/devices", base(collector));
    let answer: js_sys::Array = js_post_for_text(&url, &body).await.into();
    let status = answer.get(0).as_f64().unwrap_or(0.0) as u16;
    let text = answer.get(1).as_string().unwrap_or_default();
    let enrollment = json::parse(&text)
        .ok()
        .as_ref()
        .and_then(Enrollment::from_answer);
    match (status, enrollment) {
        (200..=299, Some(enrollment)) => {
            if vault::put(Store::Device, ENROLLMENT, &enrollment)
                .await
                .is_err()
            {
                return Enrolled::Failed(status);
            }
            note(|s| s.refusal = Refusal::None).await;
            Enrolled::Yes(enrollment)
        }
        (0, _) => Enrolled::Unreachable,
        (403, _) => Enrolled::UnknownCode,
        _ => Enrolled::Failed(status),
    }
}

/// The PIN's hash under `salt` (a new salt when empty): `(salt, hash)`.
async fn hash(pin: &str, salt: &str, iterations: u32) -> Result<(String, String), StoreError> {
    let pair: js_sys::Array = js_pin_hash(pin, salt, iterations)
        .await
        .map_err(|e| StoreError(vault::thrown(e).unwrap_or_default()))?
        .into();
    Ok((
        pair.get(0).as_string().unwrap_or_default(),
        pair.get(1).as_string().unwrap_or_default(),
    ))
}

/// Whether a staff PIN has been chosen on this tablet.
pub async fn has_pin() -> Result<bool, StoreError> {
    Ok(vault::get::<Pin>(Store::Device, PIN).await?.is_some())
}

/// Keeps the hash of a new staff PIN (checked with [`pin_problem`]).
pub async fn choose_pin(pin: &str) -> Result<(), StoreError> {
    let (salt, hash) = hash(pin, "", kdf::ITERATIONS).await?;
    let record = Pin {
        iterations: kdf::ITERATIONS,
        salt,
        hash,
        failures: 0,
        wait_until: 0,
    };
    vault::put(Store::Device, PIN, &record).await
}

/// What a typed PIN opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinCheck {
    /// The right PIN.
    Right,
    /// A wrong PIN; another try may follow at once.
    Wrong,
    /// Too many wrong tries: the next is checked after this many seconds.
    Wait(u32),
}

/// Checks a typed staff PIN against the kept hash; wrong tries are
/// counted and, after [`FREE_TRIES`], make the next try wait.
pub async fn check_pin(pin: &str) -> Result<PinCheck, StoreError> {
    let Some(mut record) = vault::get::<Pin>(Store::Device, PIN).await? else {
        return Err(StoreError("no PIN".into()));
    };
    let now = now();
    if now < record.wait_until {
        return Ok(PinCheck::Wait(record.wait_until - now));
    }
    let (_, typed) = hash(pin, &record.salt, record.iterations).await?;
    let right = typed == record.hash;
    record.failures = if right { 0 } else { record.failures + 1 };
    let wait = wait_after(record.failures);
    record.wait_until = now + wait;
    vault::put(Store::Device, PIN, &record).await?;
    Ok(match (right, wait) {
        (true, _) => PinCheck::Right,
        (false, 0) => PinCheck::Wrong,
        (false, seconds) => PinCheck::Wait(seconds),
    })
}
