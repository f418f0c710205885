//! Minifies each widget's CSS into `OUT_DIR` (comments and spare
//! whitespace out), so the readable stylesheet in `src/` costs less in the
//! browser bundle. `src/common/base.css` becomes `$OUT_DIR/base.css`.

use std::path::Path;

fn minify(css: &str) -> String {
    // Comments out.
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .split_once("*/")
            .map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    // Runs of whitespace become one space; none around { } ; , at all.
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        let tight = matches!(c, '{' | '}' | ';' | ',');
        let last_tight = out.ends_with(['{', '}', ';', ',']) || out.is_empty();
        if pending_space && !tight && !last_tight {
            out.push(' ');
        }
        pending_space = false;
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        out.push(c);
    }
    out
}

/// The stylesheets minified, each into `$OUT_DIR/<name>.css`: the base
/// every element starts from, and each widget's own.
const STYLESHEETS: &[(&str, &str)] = &[
    ("base", "src/common/base.css"),
    ("form", "src/form/style.css"),
    ("programme", "src/programme/style.css"),
    ("fields", "src/fields/style.css"),
    ("kiosk", "src/feedback/kiosk/style.css"),
];

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for (widget, source) in STYLESHEETS {
        println!("cargo:rerun-if-changed={source}");
        let css = std::fs::read_to_string(source).expect("the stylesheet");
        std::fs::write(
            Path::new(&out_dir).join(format!("{widget}.css")),
            minify(&css),
        )
        .expect("OUT_DIR is writable");
    }
}
