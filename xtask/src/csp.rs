//! The Content-Security-Policy a host page needs for a lokalform widget,
//! in one place: the strict example pages are served with it, and the
//! README prints it (a test keeps the two the same).
//!
//! ```text
//! default-src 'none'; script-src https://widgets.example 'wasm-unsafe-eval'; connect-src https://collector.example https://widgets.example
//! ```
//!
//! - `script-src <widget origin>`: the widget's module script.
//!   `'wasm-unsafe-eval'` is the one exception, and WebAssembly needs it:
//!   without it the browser refuses to compile the widget's `.wasm`. It
//!   allows compiling WebAssembly only, not JavaScript `eval`.
//! - `connect-src <collector> <widget origin>`: sending to the collector,
//!   and fetching the `.wasm` (and form definitions) from the widget's
//!   origin.
//! - No `style-src` is needed: the widgets' styles are constructable
//!   stylesheets adopted into their shadow roots, which `style-src` does
//!   not govern. A host may still send `style-src` for its own page.

/// The strictest policy under which the widgets work, for a page that
/// loads them from `widget_origin` and sends to `collector` (origins
/// without a trailing slash). The host adds its own page's needs.
///
/// ```text
/// host_policy("https://w.example", "https://c.example")
///   == "default-src 'none'; script-src https://w.example 'wasm-unsafe-eval'; connect-src https://c.example https://w.example"
/// ```
pub fn host_policy(widget_origin: &str, collector: &str) -> String {
    format!(
        "default-src 'none'; script-src {widget_origin} 'wasm-unsafe-eval'; connect-src {collector} {widget_origin}"
    )
}

/// The policy the issue's strict host sends: [`host_policy`] plus a
/// `style-src` that allows only the widget's origin (no `'unsafe-inline'`),
/// as a security-minded municipality writes it. The example pages under
/// `examples/strict-csp/` are served with this one.
pub fn strict_host_policy(widget_origin: &str, collector: &str) -> String {
    format!(
        "{}; style-src {widget_origin}",
        host_policy(widget_origin, collector)
    )
}

/// The directive that makes the browser refuse strings in DOM sinks that
/// parse HTML or run script (`innerHTML`, `eval` …) unless they come from a
/// Trusted Types policy.
pub const TRUSTED_TYPES: &str = "require-trusted-types-for 'script'";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_both_origins_and_allows_no_inline_code() {
        let p = host_policy("https://w.example", "https://c.example");
        assert_eq!(
            p,
            "default-src 'none'; script-src https://w.example 'wasm-unsafe-eval'; connect-src https://c.example https://w.example"
        );
        assert!(!p.contains("unsafe-inline") && !p.contains("'unsafe-eval'"));
    }

    #[test]
    fn the_readme_and_the_gallery_print_the_policy_the_pages_are_served_with() {
        let line = host_policy("https://widgets.example.dk", "https://feedback.example.dk");
        for file in ["README.md", "index.html"] {
            let text = std::fs::read_to_string(crate::tools::root().join(file)).unwrap();
            assert!(
                text.contains(&line),
                "{file} must print the host policy exactly:\n{line}"
            );
        }
    }
}
