//! Prints the start of a bundle's entry module: the calls that define its
//! custom elements before the wasm is fetched, with their stylesheets and,
//! for the feedback box in its own bundle, its first screen in Danish and English (rendered
//! here, natively, by the same Leptos code the live widget runs).
//!
//! `cargo xtask build` runs it once per bundle and puts an `import` of
//! `defineElement` (from `js/lokalform.js`) above what it prints:
//!
//! ```text
//! cargo run -p lokalform-components --bin lokalform-entry -- feedback
//! ```

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}

/// Natively only: `clippy --all-targets` also builds this file for the
/// browser, where it has nothing to do.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use lokalform_components::common::element::Element;
    use lokalform_components::{feedback, fields, ELEMENTS};
    use lokalform_forms::schema::Lang;
    use lokalform_text::json::write_string;

    pub fn main() {
        let bundle = std::env::args().nth(1).unwrap_or_default();
        // The first screen is drawn by the citizen's bundle only: the
        // all-widgets bundle serves apps (the worker's programme, the
        // gallery), where the feedback box is not what a page opens with,
        // and it saves that bundle 1.9 kB.
        let (elements, first_screens): (Vec<&Element>, bool) = match bundle.as_str() {
            "feedback" => (vec![&feedback::ELEMENT], true),
            "fields" => (fields::ELEMENTS.to_vec(), false),
            // A kiosk shows no pre-rendered first screen (js/lokalform.js
            // skips it for `mode="kiosk"`).
            "kiosk" => (vec![&feedback::kiosk::ELEMENT], false),
            "all" => (ELEMENTS.iter().collect(), false),
            other => {
                eprintln!(
                    "lokalform-entry: unknown bundle {other:?} (feedback, fields, kiosk or all)"
                );
                std::process::exit(2);
            }
        };
        print!("{}", entry(&elements, first_screens));
    }

    /// The JavaScript: each distinct stylesheet once, then one
    /// `defineElement` call per element (with the feedback box's first
    /// screens when `first_screens`).
    fn entry(elements: &[&Element], first_screens: bool) -> String {
        let mut sheets: Vec<&str> = Vec::new();
        for css in elements.iter().flat_map(|e| e.styles) {
            if !sheets.contains(css) {
                sheets.push(css);
            }
        }
        let mut out = String::new();
        for (i, css) in sheets.iter().enumerate() {
            out.push_str(&format!("const s{i} = {};\n", string(css)));
        }
        for element in elements {
            let attributes: Vec<String> = element.attributes.iter().map(|a| string(a)).collect();
            let styles: Vec<String> = element
                .styles
                .iter()
                .map(|css| format!("s{}", sheets.iter().position(|s| s == css).unwrap_or(0)))
                .collect();
            let first = if first_screens && element.tag == feedback::TAG {
                format!(
                    "{{ da: {}, en: {} }}",
                    string(&without_comments(&feedback::first_screen(Lang::Da))),
                    string(&without_comments(&feedback::first_screen(Lang::En)))
                )
            } else {
                "null".to_string()
            };
            out.push_str(&format!(
                "defineElement({}, [{}], [{}], {first}, {}, {});\n",
                string(element.tag),
                attributes.join(", "),
                styles.join(", "),
                string(lokalform_components::api::VERSION),
                if element.control { "asControl" } else { "null" }
            ));
        }
        out
    }

    /// `html` without its comments: the markers (`<!>`) Leptos leaves where
    /// its live view keeps a dynamic part are of no use to plain HTML. Text
    /// never holds one (every text is escaped: `<` is `&lt;`).
    fn without_comments(html: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = rest.find("<!") {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            let end = if rest.starts_with("<!--") {
                rest.find("-->").map_or(rest.len(), |e| e + 3)
            } else {
                rest.find('>').map_or(rest.len(), |e| e + 1)
            };
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    /// `text` as a JavaScript string literal (JSON's is one).
    fn string(text: &str) -> String {
        let mut out = String::new();
        write_string(&mut out, text);
        out
    }
}
