//! A stand-in collector for the browser tests: a real HTTP server that
//! answers with the status a test asks for.
//!
//! The outbox reads nothing but the status of the collector's answer, and
//! the wasm tests need every class of status from a real server: 2xx, 408,
//! 429, 5xx and the other 4xx. The test runner's own server answers only
//! 200 and 404, so `cargo xtask wasm-test` (and the wasm step of `cargo
//! xtask test`) start this one and pass its address to the test build as
//! `LOKALFORM_STAND_IN` (read with `option_env!` in
//! `components/tests/support/stand_in.rs`).
//!
//! - `POST /<codes>/<anything>` answers with the codes in turn: the n-th
//!   POST to the same path gets the n-th code of the comma-separated list,
//!   and the last one repeats. `/503/x` always answers 503; `/503,200/x`
//!   answers 503 once and then 200. The body is read and ignored. A code
//!   may carry the collector's error code after a dash:
//!   `/401-device_not_enrolled/x` answers 401 with
//!   `{"error":"device_not_enrolled"}` (other refusals name themselves
//!   `status_<code>`). A 2xx to a path ending in `/api/v1/devices` answers
//!   with a device credential, as the collector does for an enrollment code.
//! - `GET /<path>` answers with how many POSTs that path has had, so a
//!   test can see that something was (or was not) sent again.
//! - `OPTIONS` (the CORS preflight of a JSON POST) answers 204.
//!
//! Every answer allows any origin and closes the connection: Chromium
//! resends a request once by itself when a reused connection answers 408,
//! which would skip a code of the list.

use crate::serve::{read_head, Head};
use crate::Result;
use std::collections::HashMap;
use std::io::{BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// The environment variable that carries the stand-in's base URL.
pub const ENV: &str = "LOKALFORM_STAND_IN";

type Hits = Arc<Mutex<HashMap<String, u32>>>;

/// Starts the stand-in on a free port of 127.0.0.1 in a thread; returns
/// its address. It stops with the process.
pub fn spawn() -> Result<SocketAddr> {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .map_err(|e| format!("the stand-in collector cannot listen: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let hits: Hits = Arc::default();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let hits = Arc::clone(&hits);
            std::thread::spawn(move || {
                let _ = answer(stream, &hits);
            });
        }
    });
    Ok(addr)
}

/// The code for the `n`-th POST (0-based) to `path`: the n-th of the
/// path's first segment, the last one once the list is used up; 404 when
/// the segment is not a list of codes.
///
/// ```text
/// code_for("/408,200/a", 0) == 408; code_for("/408,200/a", 5) == 200
/// ```
#[cfg(test)]
fn code_for(path: &str, n: u32) -> u16 {
    answer_for(path, n).0
}

/// The code for the `n`-th POST to `path`, and the error code it carries
/// (empty when none).
fn answer_for(path: &str, n: u32) -> (u16, &str) {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let codes: Vec<(u16, &str)> = first
        .split(',')
        .map_while(|c| {
            let (code, error) = c.split_once('-').unwrap_or((c, ""));
            let code: u16 = code.parse().ok().filter(|c| (100..=999).contains(c))?;
            Some((code, error))
        })
        .collect();
    if codes.is_empty() || codes.len() != first.split(',').count() {
        return (404, "");
    }
    codes[(n as usize).min(codes.len() - 1)]
}

fn answer(stream: TcpStream, hits: &Hits) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut stream = stream;
    let Some(Head {
        method,
        path,
        content_length,
    }) = read_head(&mut reader)?
    else {
        return Ok(());
    };
    // Read the whole body first: closing with unread data would reset the
    // connection, and the browser would see no answer at all.
    let mut body = vec![0; content_length.min(1 << 20)];
    reader.read_exact(&mut body)?;
    let (code, text) = {
        let mut hits = hits.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match method.as_str() {
            "POST" => {
                let n = hits.entry(path.clone()).or_insert(0);
                let (code, named) = answer_for(&path, *n);
                *n += 1;
                // A refusal names itself the way the collector's do, so
                // the widget's reading of `error` is tested too.
                let error = if !named.is_empty() {
                    format!("{{\"error\":\"{named}\"}}")
                } else if code >= 400 {
                    format!("{{\"error\":\"status_{code}\"}}")
                } else if (200..300).contains(&code) && path.ends_with("/api/v1/devices") {
                    r#"{"device":"stand-in","token":"t0ken","label":"Stand-in tablet"}"#.to_string()
                } else {
                    String::new()
                };
                (code, error)
            }
            "GET" => (200, hits.get(&path).copied().unwrap_or(0).to_string()),
            "OPTIONS" => (204, String::new()),
            _ => (405, String::new()),
        }
    };
    write!(
        stream,
        "HTTP/1.1 {code} Stand-in\r\n\
         Access-Control-Allow-Origin: *\r\n\
         Access-Control-Allow-Methods: POST, GET\r\n\
         Access-Control-Allow-Headers: content-type, authorization, lokalform-device-week\r\n\
         Cache-Control: no-store\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\n\
         Connection: close\r\n\r\n{text}",
        text.len()
    )?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_answered_in_turn_and_the_last_repeats() {
        assert_eq!(code_for("/503/a", 0), 503);
        assert_eq!(code_for("/503/a", 9), 503);
        assert_eq!(code_for("/408,200/api/v1/cohorts", 0), 408);
        assert_eq!(code_for("/408,200/api/v1/cohorts", 1), 200);
        assert_eq!(code_for("/408,200/api/v1/cohorts", 2), 200);
        assert_eq!(code_for("/422", 0), 422);
    }

    #[test]
    fn a_code_may_carry_the_collector_s_error_code() {
        let path = "/401-device_not_enrolled,200/api/v1/batches";
        assert_eq!(answer_for(path, 0), (401, "device_not_enrolled"));
        assert_eq!(answer_for(path, 1), (200, ""));
        assert_eq!(code_for("/x-y/a", 0), 404);
    }

    #[test]
    fn a_path_that_is_not_a_list_of_codes_is_not_found() {
        assert_eq!(code_for("/", 0), 404);
        assert_eq!(code_for("/api/v1/increments", 0), 404);
        assert_eq!(code_for("/503,x/a", 0), 404);
        assert_eq!(code_for("/42/a", 0), 404);
    }

    #[test]
    fn a_real_request_gets_its_code_and_is_counted() {
        let addr = spawn().expect("listen");
        let ask = |request: &str| {
            let mut s = TcpStream::connect(addr).expect("connect");
            s.write_all(request.as_bytes()).expect("write");
            let mut answer = String::new();
            s.read_to_string(&mut answer).expect("read");
            answer
        };
        let post = "POST /429,201/t HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
        assert!(ask(post).starts_with("HTTP/1.1 429 "));
        assert!(ask(post).starts_with("HTTP/1.1 201 "));
        assert!(ask(post).starts_with("HTTP/1.1 201 "));
        let count = ask("GET /429,201/t HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(count.starts_with("HTTP/1.1 200 "), "{count}");
        assert!(count.ends_with("\r\n\r\n3"), "{count}");
        let preflight = ask("OPTIONS /500/t HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(preflight.starts_with("HTTP/1.1 204 "));
        assert!(preflight.contains("Access-Control-Allow-Origin: *"));
    }
}
