//! A small static file server for the gallery, the examples and `dist/`.
//!
//! Serves only `index.html`, `dist/`, `docs/`, `examples/` and `forms/` from the
//! repository, on 127.0.0.1, and the browser benchmark's reference pages
//! under `/bench/` (see [`ROUTES`]). In HTML it replaces the demo collector address
//! `http://127.0.0.1:8787` and the demo widget origin `http://127.0.0.1:8788`
//! by the configured ones, so the examples' snippets stay exactly what a web
//! editor would paste while tests can run on any port.
//!
//! As a widget host would: `dist/` and `forms/` are served with
//! `Access-Control-Allow-Origin: *`, so a page on another origin can load
//! the module, its `.wasm` and the definitions. Pages under
//! `examples/strict-csp/` are served with the strict host policy of
//! [`crate::csp::strict_host_policy`], the widget on another origin; the
//! same pages under `examples/strict-csp-trusted-types/` also require
//! Trusted Types. The service worker (`dist/lokalform/sw.js`) is served
//! `no-cache` with `Service-Worker-Allowed: /`, so it can keep the whole
//! site's pages (see [`crate::offline`]).

use crate::tools::root;
use crate::Result;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

/// The collector address written in the examples.
pub const DEMO_COLLECTOR: &str = "http://127.0.0.1:8787";

/// The second origin the strict-CSP examples load the widget from.
pub const DEMO_WIDGET_ORIGIN: &str = "http://127.0.0.1:8788";

/// What the served pages are told: where the collector and the widget
/// origin are.
#[derive(Clone, Debug)]
pub struct Site {
    /// The collector's origin, e.g. `http://127.0.0.1:8787`.
    pub collector: String,
    /// The origin the strict-CSP examples load the widget from.
    pub widget_origin: String,
    /// Tests only: a file whose text, when it exists, is put in front of
    /// the service worker's version as it is served, so the worker's bytes
    /// change as they do when a new build is deployed (the end-to-end test
    /// of updates writes it). `None` serves the worker as built.
    pub deploy: Option<PathBuf>,
}

impl Site {
    /// The demo's addresses (as written in the examples).
    pub fn demo() -> Site {
        Site {
            collector: DEMO_COLLECTOR.to_string(),
            widget_origin: DEMO_WIDGET_ORIGIN.to_string(),
            deploy: None,
        }
    }
}

/// Serves on `port` (and the widget origin on 8788) until killed.
pub fn serve_forever(port: u16) -> Result<()> {
    let (_, _widgets) = spawn(8788, Site::demo())?;
    let (addr, handle) = spawn(port, Site::demo())?;
    println!("Serving the gallery on http://{addr}/ (widget origin {DEMO_WIDGET_ORIGIN})");
    handle
        .join()
        .map_err(|_| "server thread failed".to_string())
}

/// Starts serving on `port` (0 = any free port) in a thread; returns the
/// address and the thread.
pub fn spawn(port: u16, site: Site) -> Result<(std::net::SocketAddr, std::thread::JoinHandle<()>)> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let handle = std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let site = site.clone();
            std::thread::spawn(move || {
                let _ = handle(stream, &site);
            });
        }
    });
    Ok((addr, handle))
}

/// The service worker (see [`crate::offline`]), from the site root.
pub const WORKER: &str = "dist/lokalform/sw.js";

/// How long a browser may keep a file: a content-hashed bundle file
/// (`name.<16 hex>.js|wasm`, see [`crate::pin`]) never changes, so a year
/// and `immutable`; the service worker is asked for again each time
/// (`no-cache`), so a new build is found; anything else is the development
/// tree and is not kept.
fn cache_control(path: &str) -> &'static str {
    if path.trim_start_matches('/') == WORKER {
        return "no-cache";
    }
    let name = path.rsplit('/').next().unwrap_or("");
    let mut parts = name.rsplit('.');
    let (ext, hash) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let hashed = matches!(ext, "js" | "wasm")
        && hash.len() == 16
        && hash.bytes().all(|b| b.is_ascii_hexdigit());
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-store"
    }
}

/// The strict-CSP example pages again, with Trusted Types required too.
const TRUSTED_TYPES_PAGES: &str = "examples/strict-csp-trusted-types/";

/// The headers a file gets besides its type and length.
fn extra_headers(path: &str, site: &Site) -> String {
    let rel = path.trim_start_matches('/');
    let mut out = String::new();
    if rel.starts_with("dist/") || rel.starts_with("forms/") {
        out.push_str("Access-Control-Allow-Origin: *\r\n");
    }
    if rel == WORKER {
        // The worker sits in dist/lokalform/ but keeps the pages of the
        // whole site (the gallery, examples/): it may control from the root.
        out.push_str("Service-Worker-Allowed: /\r\n");
    }
    let trusted_types = rel.starts_with(TRUSTED_TYPES_PAGES);
    if trusted_types || rel.starts_with("examples/strict-csp/") {
        let mut policy = crate::csp::strict_host_policy(&site.widget_origin, &site.collector);
        if trusted_types {
            policy.push_str("; ");
            policy.push_str(crate::csp::TRUSTED_TYPES);
        }
        out.push_str(&format!("Content-Security-Policy: {policy}\r\n"));
    }
    out
}

/// The worker as served: with [`Site::deploy`]'s text, if any, in front of
/// its version.
fn deployed(worker: Vec<u8>, site: &Site) -> Vec<u8> {
    let id = site
        .deploy
        .as_ref()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .map(|id| id.trim().to_string())
        .unwrap_or_default();
    if id.is_empty() {
        return worker;
    }
    String::from_utf8_lossy(&worker)
        .replacen("\"version\":\"", &format!("\"version\":\"{id}-"), 1)
        .into_bytes()
}

fn handle(stream: TcpStream, site: &Site) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut stream = stream;
    loop {
        let Some(Head { method, path, .. }) = read_head(&mut reader)? else {
            return Ok(());
        };
        let method = method.as_str();
        let (status, kind, body) = match (method, resolve(&path)) {
            ("GET" | "HEAD", Some(file)) => match std::fs::read(&file) {
                Ok(bytes) => {
                    let kind = content_type(&file);
                    let bytes = if kind.starts_with("text/html") {
                        String::from_utf8_lossy(&bytes)
                            .replace(DEMO_COLLECTOR, &site.collector)
                            .replace(DEMO_WIDGET_ORIGIN, &site.widget_origin)
                            .into_bytes()
                    } else if path.trim_start_matches('/') == WORKER {
                        deployed(bytes, site)
                    } else {
                        bytes
                    };
                    ("200 OK", kind, bytes)
                }
                Err(_) => (
                    "404 Not Found",
                    "text/plain; charset=utf-8",
                    b"Not found".to_vec(),
                ),
            },
            ("GET" | "HEAD", None) => (
                "404 Not Found",
                "text/plain; charset=utf-8",
                b"Not found".to_vec(),
            ),
            _ => (
                "405 Method Not Allowed",
                "text/plain; charset=utf-8",
                b"Method not allowed".to_vec(),
            ),
        };
        write!(
            stream,
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: {}\r\nX-Content-Type-Options: nosniff\r\n{}\r\n",
            body.len(),
            cache_control(&path),
            extra_headers(&path, site)
        )?;
        if method != "HEAD" {
            stream.write_all(&body)?;
        }
        stream.flush()?;
    }
}

/// The head of an HTTP/1.1 request, as the test servers of xtask need it.
pub struct Head {
    /// `GET`, `POST` …
    pub method: String,
    /// The target without query or fragment.
    pub path: String,
    /// The body's length (`Content-Length`, 0 when absent or unreadable).
    pub content_length: usize,
}

/// Reads a request line and its headers from `reader`; `None` when the
/// connection closed before a request.
pub fn read_head(reader: &mut impl BufRead) -> std::io::Result<Option<Head>> {
    let mut request_line = String::new();
    if reader.read_line(&mut request_line)? == 0 {
        return Ok(None);
    }
    let mut content_length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                content_length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    Ok(Some(Head {
        method: method.to_string(),
        path: path.to_string(),
        content_length,
    }))
}

/// URL prefixes served from other folders of the repository: the browser
/// benchmark's reference pages (`cargo xtask bench browser`: the same
/// questions as plain HTML and as SurveyJS, in the municipal page's frame)
/// and the SurveyJS packages they load, straight from `node_modules/` (dev
/// dependencies, pinned in package-lock.json). First match wins.
const ROUTES: &[(&str, &str)] = &[
    ("bench/vendor/survey-core/", "node_modules/survey-core/"),
    ("bench/vendor/survey-js-ui/", "node_modules/survey-js-ui/"),
    ("bench/", "tests/e2e/bench/pages/"),
];

/// Maps a URL path to a file under the allowed folders.
fn resolve(path: &str) -> Option<PathBuf> {
    let rel = path.trim_start_matches('/');
    let trusted_types = rel
        .strip_prefix(TRUSTED_TYPES_PAGES)
        .map(|page| format!("examples/strict-csp/{page}"));
    let rel = trusted_types.as_deref().unwrap_or(rel);
    let rel = if rel.is_empty() { "index.html" } else { rel };
    if Path::new(rel)
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let routed = ROUTES.iter().find_map(|(prefix, folder)| {
        rel.strip_prefix(prefix)
            .map(|rest| format!("{folder}{rest}"))
    });
    let allowed = routed.is_some()
        || rel == "index.html"
        || ["dist", "docs", "examples", "forms"]
            .iter()
            .any(|d| Path::new(rel).starts_with(d));
    if !allowed {
        return None;
    }
    let rel_path = Path::new(routed.as_deref().unwrap_or(rel));
    let full = root().join(rel_path);
    if full.is_dir() {
        Some(full.join("index.html"))
    } else {
        Some(full)
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_pages_and_surveyjs_are_routed_and_nothing_else_of_node_modules() {
        let pages = root().join("tests/e2e/bench/pages");
        assert_eq!(
            resolve("/bench/plain/"),
            Some(pages.join("plain").join("index.html"))
        );
        assert_eq!(resolve("/bench/host.css"), Some(pages.join("host.css")));
        assert_eq!(
            resolve("/bench/vendor/survey-core/survey.core.min.js"),
            Some(root().join("node_modules/survey-core/survey.core.min.js"))
        );
        // Any other package is looked for among the pages, where it is not.
        assert_eq!(
            resolve("/bench/vendor/esbuild/bin/esbuild"),
            Some(pages.join("vendor/esbuild/bin/esbuild"))
        );
        assert_eq!(resolve("/bench/../../README.md"), None);
        assert_eq!(resolve("/node_modules/survey-core/package.json"), None);
        assert_eq!(resolve("/tests/e2e/bench/pages/host.css"), None);
        assert_eq!(
            resolve("/examples/municipal-page/"),
            Some(root().join("examples/municipal-page/index.html"))
        );
    }
}
