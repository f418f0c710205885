//! Every error answer is JSON, also those that no route writes: hyper's
//! own answers to requests it cannot parse, and the router's answers to a
//! wrong method, an unknown address or a body too large. Sent as raw bytes
//! over TCP to a running collector, since a proper HTTP client cannot send
//! most of these requests.

#[macro_use]
mod common;

use common::{Db, Workspace};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One answer read off the wire: status, headers (lower-case names), body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads one answer (head, then as many body bytes as it says) from
/// `stream`, after `already` bytes read before; returns it and what
/// follows it.
async fn read_answer(stream: &mut TcpStream, mut bytes: Vec<u8>) -> (Answer, Vec<u8>) {
    let mut buf = [0u8; 8192];
    loop {
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8(bytes[..end].to_vec()).expect("head is text");
            let mut lines = head.split("\r\n");
            let status: u16 = lines
                .next()
                .and_then(|l| l.split(' ').nth(1))
                .and_then(|s| s.parse().ok())
                .expect("status line");
            let headers: Vec<(String, String)> = lines
                .filter_map(|l| l.split_once(':'))
                .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
                .collect();
            let length: usize = headers
                .iter()
                .find(|(n, _)| n == "content-length")
                .and_then(|(_, v)| v.parse().ok())
                .expect("every answer says its length");
            while bytes.len() < end + 4 + length {
                let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf))
                    .await
                    .expect("body in time")
                    .expect("read");
                assert!(n > 0, "connection closed inside the body");
                bytes.extend_from_slice(&buf[..n]);
            }
            let rest = bytes.split_off(end + 4 + length);
            let body = bytes.split_off(end + 4);
            return (
                Answer {
                    status,
                    headers,
                    body,
                },
                rest,
            );
        }
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf))
            .await
            .expect("answer in time")
            .expect("read");
        assert!(n > 0, "connection closed before an answer: {bytes:?}");
        bytes.extend_from_slice(&buf[..n]);
    }
}

/// Sends `request` on a new connection and reads the first answer.
async fn send(addr: std::net::SocketAddr, request: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request).await.expect("send");
    read_answer(&mut stream, Vec::new()).await.0
}

/// Checks an answer is the JSON error `code` with status `status`.
fn assert_json_error(case: &str, answer: &Answer, status: u16, code: &str) {
    assert_eq!(answer.status, status, "{case}");
    assert_eq!(
        answer.header("content-type"),
        Some("application/json"),
        "{case}"
    );
    let json: serde_json::Value = serde_json::from_slice(&answer.body)
        .unwrap_or_else(|e| panic!("{case}: not JSON ({e}): {:?}", answer.body));
    assert_eq!(json["error"], code, "{case}: {json}");
    let message = json["message"].as_str().unwrap_or("");
    assert!(
        message.ends_with('.') && message.len() > 20,
        "{case}: {message}"
    );
    assert!(json["problems"].is_array(), "{case}: {json}");
}

async fn requests_that_cannot_be_parsed_get_json_errors(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    let long_uri = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(70_000));
    let many_headers = format!(
        "GET /healthz HTTP/1.1\r\nHost: x\r\n{}\r\n",
        (0..200)
            .map(|i| format!("X-{i}: y\r\n"))
            .collect::<String>()
    );
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        (
            "a header without a colon",
            b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".to_vec(),
            400,
            "malformed_request",
        ),
        (
            "bytes that are not HTTP",
            b"\x00\x01 hello\r\n\r\n".to_vec(),
            400,
            "malformed_request",
        ),
        (
            "an unknown HTTP version",
            b"GET /healthz HTTP/3.0\r\nHost: x\r\n\r\n".to_vec(),
            400,
            "malformed_request",
        ),
        (
            "two different lengths",
            b"POST /api/v1/increments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"
                .to_vec(),
            400,
            "malformed_request",
        ),
        ("an address of 70,000 characters", long_uri.into_bytes(), 414, "uri_too_long"),
        ("200 headers", many_headers.into_bytes(), 431, "headers_too_large"),
        (
            "a wrong method",
            b"GET /api/v1/increments HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
            405,
            "method_not_allowed",
        ),
        (
            "an unknown address",
            b"GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
            404,
            "not_found",
        ),
        (
            "a body too large",
            b"POST /api/v1/increments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 30000\r\nConnection: close\r\n\r\n{"
                .to_vec(),
            413,
            "payload_too_large",
        ),
    ];
    for (case, request, status, code) in cases {
        let answer = send(server.addr, &request).await;
        assert_json_error(case, &answer, status, code);
    }
}

async fn a_bad_request_after_a_good_one_on_the_same_connection_gets_json_too(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[]);
    let mut stream = TcpStream::connect(server.addr).await.expect("connect");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
        .await
        .expect("send");
    let (first, rest) = read_answer(&mut stream, Vec::new()).await;
    assert_eq!((first.status, first.body.as_slice()), (200, &b"ok"[..]));
    assert_eq!(
        first.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    let (second, _) = read_answer(&mut stream, rest).await;
    assert_json_error("bad after good", &second, 400, "malformed_request");
}

on_both_databases! {
    #[tokio::test] requests_that_cannot_be_parsed_get_json_errors,
    #[tokio::test] a_bad_request_after_a_good_one_on_the_same_connection_gets_json_too,
}
