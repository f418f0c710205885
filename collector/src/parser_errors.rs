//! JSON bodies for the answers hyper writes by itself.
//!
//! When a request cannot be parsed at all (a malformed request line or
//! header, an address over 64 KiB, too many or too large headers), hyper
//! answers on its own, before any route or middleware runs, with an empty
//! body: `HTTP/1.1 400 Bad Request`, `connection: close`,
//! `content-length: 0`, `date: …`. The README promises the JSON error
//! format for every error, so [`JsonErrorListener`] hands hyper connections
//! ([`JsonErrorStream`]) that recognise exactly that answer as it is written
//! and write it again with the JSON body of [`ApiError::for_parse_error`].
//!
//! Every other answer passes through unchanged. It cannot be mistaken for
//! one of these: an error answer from the router always has a JSON body
//! (see [`crate::error::json_errors`]), so never `content-length: 0`, and a
//! write must hold hyper's whole answer (a status line and exactly those
//! three headers) and nothing else.

use crate::error::ApiError;
use axum::http::StatusCode;
use axum::serve::Listener;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// A TCP listener whose connections answer parse errors with JSON.
pub struct JsonErrorListener(pub TcpListener);

impl Listener for JsonErrorListener {
    type Io = JsonErrorStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (JsonErrorStream, SocketAddr) {
        // axum's own accept loop, which waits and retries on errors.
        let (inner, addr) = Listener::accept(&mut self.0).await;
        (
            JsonErrorStream {
                inner,
                rewritten: None,
            },
            addr,
        )
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.0.local_addr()
    }
}

/// A connection that writes hyper's bodiless parse-error answers with a
/// JSON body instead.
pub struct JsonErrorStream {
    inner: TcpStream,
    /// An answer being written in place of one of hyper's.
    rewritten: Option<Rewritten>,
}

/// The JSON answer being written, and how many of hyper's bytes it stands
/// for (reported as written once it is all out).
struct Rewritten {
    bytes: Vec<u8>,
    written: usize,
    replaces: usize,
}

/// The answer to write instead of `head`, when `head` is exactly one of
/// hyper's own parse-error answers.
///
/// ```
/// use lokalform_collector::parser_errors::rewrite;
/// let hyper = b"HTTP/1.1 414 URI Too Long\r\nconnection: close\r\ncontent-length: 0\r\ndate: Mon, 07 Dec 2026 06:39:47 GMT\r\n\r\n";
/// let json = String::from_utf8(rewrite(hyper).unwrap()).unwrap();
/// assert!(json.starts_with("HTTP/1.1 414 URI Too Long\r\n"));
/// assert!(json.contains("content-type: application/json\r\n"));
/// assert!(json.ends_with(r#""problems":[]}"#));
/// // An answer with a body, or any other, is left alone.
/// assert!(rewrite(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\ndate: x\r\n\r\nok").is_none());
/// ```
pub fn rewrite(head: &[u8]) -> Option<Vec<u8>> {
    // hyper's answer is about 100 bytes; most writes are ruled out here
    // without reading them.
    if head.len() > 256 || !head.starts_with(b"HTTP/1.") || !head.ends_with(b"\r\n\r\n") {
        return None;
    }
    let text = std::str::from_utf8(head).ok()?;
    let mut lines = text.strip_suffix("\r\n\r\n")?.split("\r\n");
    let status_line = lines.next()?;
    let code = status_line
        .strip_prefix("HTTP/1.1 ")
        .or_else(|| status_line.strip_prefix("HTTP/1.0 "))?;
    let status = StatusCode::from_u16(code.get(..3)?.parse().ok()?).ok()?;
    if !(status.is_client_error() || status.is_server_error()) {
        return None;
    }
    let headers: Vec<&str> = lines.collect();
    let date = headers.iter().find(|h| h.starts_with("date: "))?;
    if headers.len() != 3
        || !headers.contains(&"connection: close")
        || !headers.contains(&"content-length: 0")
    {
        return None;
    }
    let body = ApiError::for_parse_error(status).to_json();
    let mut out = format!(
        "{status_line}\r\nconnection: close\r\ncontent-type: application/json\r\n\
         cache-control: no-store\r\ncontent-length: {}\r\n{date}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    Some(out)
}

impl JsonErrorStream {
    /// Writes the rewritten answer; ready with the count of hyper's bytes
    /// it replaces once all of it is out.
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let Some(r) = self.rewritten.as_mut() else {
            return Poll::Ready(Ok(0));
        };
        while r.written < r.bytes.len() {
            match Pin::new(&mut self.inner).poll_write(cx, &r.bytes[r.written..]) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => r.written += n,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        let replaces = r.replaces;
        self.rewritten = None;
        Poll::Ready(Ok(replaces))
    }
}

impl AsyncRead for JsonErrorStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for JsonErrorStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.rewritten.is_none() {
            match rewrite(buf) {
                Some(bytes) => {
                    self.rewritten = Some(Rewritten {
                        bytes,
                        written: 0,
                        replaces: buf.len(),
                    });
                }
                None => return Pin::new(&mut self.inner).poll_write(cx, buf),
            }
        }
        self.drain(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let mut filled = bufs.iter().filter(|b| !b.is_empty());
        if let (Some(first), None) = (filled.next(), filled.next()) {
            // One slice: maybe one of hyper's own answers.
            return self.poll_write(cx, first);
        }
        if self.rewritten.is_some() {
            return self.drain(cx);
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.rewritten.is_some() {
            if let Poll::Ready(Err(e)) = self.drain(cx) {
                return Poll::Ready(Err(e));
            }
            if self.rewritten.is_some() {
                return Poll::Pending;
            }
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
