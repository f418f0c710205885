//! Content-hashed copies of each bundle, a manifest and the pinned snippet,
//! so a host can pin exactly the code it reviewed.
//!
//! After [`crate::build`] writes `dist/lokalform/<bundle>/lokalform-<bundle>.js`
//! and its `_bg.wasm` (the stable names, for hosts that want updates),
//! [`pin`] adds beside them:
//!
//! - `lokalform-<bundle>.<hash>.wasm`: the same wasm, named by its SHA-256;
//! - `lokalform-<bundle>.<hash>.js`: the module, loading that wasm with a
//!   `fetch` that carries the wasm's Subresource Integrity hash, so the
//!   browser refuses any other bytes;
//! - `dist/lokalform/manifest.json`: per bundle, both names and the
//!   module's `integrity` value.
//!
//! `<hash>` is the first 16 hex digits of the file's SHA-256; the
//! `integrity` values are `sha256-<base64>`. A hashed file never changes,
//! so it may be cached for a year (`immutable`); the stable names and the
//! manifest should be revalidated (`no-cache`).

use crate::build::Bundle;
use crate::Result;
use lokalform_text::sha256::{hex, sha256};

/// One bundle's pinned files, as the manifest lists them (paths relative
/// to `dist/lokalform/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pinned {
    /// The bundle's short name.
    pub bundle: &'static str,
    /// The hashed module.
    pub module: String,
    /// The hashed wasm.
    pub wasm: String,
    /// The module's Subresource Integrity value.
    pub integrity: String,
    /// The stable (unhashed) module.
    pub stable_module: String,
}

/// `name.<16 hex digits of the SHA-256 of bytes>.ext`.
///
/// ```text
/// hashed_name("lokalform-feedback", "js", b"") == "lokalform-feedback.e3b0c44298fc1c14.js"
/// ```
pub fn hashed_name(stem: &str, ext: &str, bytes: &[u8]) -> String {
    format!("{stem}.{}.{ext}", &hex(&sha256(bytes))[..16])
}

/// The Subresource Integrity value of `bytes`: `sha256-<base64>`.
pub fn integrity(bytes: &[u8]) -> String {
    use base64::Engine;
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(sha256(bytes))
    )
}

/// The module text with its default wasm URL replaced by a fetch of
/// `wasm_name` that carries `wasm_integrity`; `None` when the module does
/// not have exactly one default wasm URL (the glue's format changed).
pub fn module_loading(
    js: &str,
    stable_wasm: &str,
    wasm_name: &str,
    wasm_integrity: &str,
) -> Option<String> {
    let default = format!("new URL(\"{stable_wasm}\",import.meta.url)");
    if js.matches(&default).count() != 1 {
        return None;
    }
    Some(js.replace(
        &default,
        &format!(
            "fetch(new URL(\"{wasm_name}\",import.meta.url),{{integrity:\"{wasm_integrity}\"}})"
        ),
    ))
}

/// Writes the hashed copies of `bundle` beside its stable files.
pub fn pin_bundle(bundle: &Bundle) -> Result<Pinned> {
    let read = |p: &std::path::Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let write = |name: &str, bytes: &[u8]| {
        let path = bundle.out_dir().join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    let stem = format!("lokalform-{}", bundle.name);
    let wasm = read(&bundle.wasm())?;
    let wasm_name = hashed_name(&stem, "wasm", &wasm);
    write(&wasm_name, &wasm)?;
    let js = String::from_utf8(read(&bundle.entry())?).map_err(|e| e.to_string())?;
    let stable_wasm = format!("{stem}_bg.wasm");
    let pinned_js = module_loading(&js, &stable_wasm, &wasm_name, &integrity(&wasm)).ok_or_else(|| {
        format!(
            "{}: expected one `new URL(\"{stable_wasm}\",import.meta.url)`; has esbuild's or wasm-bindgen's output changed?",
            bundle.entry().display()
        )
    })?;
    let module = hashed_name(&stem, "js", pinned_js.as_bytes());
    write(&module, pinned_js.as_bytes())?;
    Ok(Pinned {
        bundle: bundle.name,
        module: format!("{}/{module}", bundle.name),
        wasm: format!("{}/{wasm_name}", bundle.name),
        integrity: integrity(pinned_js.as_bytes()),
        stable_module: format!("{}/{stem}.js", bundle.name),
    })
}

/// `dist/lokalform/manifest.json` for `pinned`.
pub fn manifest(pinned: &[Pinned]) -> String {
    let mut out = String::from("{\n");
    for (i, p) in pinned.iter().enumerate() {
        out.push_str(&format!(
            "  \"{}\": {{\n    \"module\": \"{}\",\n    \"integrity\": \"{}\",\n    \"wasm\": \"{}\",\n    \"stable_module\": \"{}\"\n  }}{}\n",
            p.bundle,
            p.module,
            p.integrity,
            p.wasm,
            p.stable_module,
            if i + 1 < pinned.len() { "," } else { "" }
        ));
    }
    out.push_str("}\n");
    out
}

/// The script line a host pastes to pin `p`, with `base` the URL the
/// `dist/lokalform/` folder is served at.
pub fn snippet(p: &Pinned, base: &str) -> String {
    format!(
        "<script type=\"module\" src=\"{base}/{}\" integrity=\"{}\" crossorigin=\"anonymous\" blocking=\"render\"></script>",
        p.module, p.integrity
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_follows_the_standard() {
        // `echo -n "" | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            integrity(b""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }

    #[test]
    fn a_hashed_name_changes_with_the_content() {
        assert_eq!(
            hashed_name("lokalform-feedback", "js", b""),
            "lokalform-feedback.e3b0c44298fc1c14.js"
        );
        assert_ne!(hashed_name("x", "js", b"a"), hashed_name("x", "js", b"b"));
    }

    #[test]
    fn the_pinned_module_fetches_the_hashed_wasm_with_its_integrity() {
        let js = r#"r===void 0&&(r=new URL("lokalform-feedback_bg.wasm",import.meta.url));"#;
        let pinned = module_loading(
            js,
            "lokalform-feedback_bg.wasm",
            "lokalform-feedback.0123.wasm",
            "sha256-X",
        )
        .unwrap();
        assert_eq!(
            pinned,
            r#"r===void 0&&(r=fetch(new URL("lokalform-feedback.0123.wasm",import.meta.url),{integrity:"sha256-X"}));"#
        );
        assert_eq!(module_loading("no url here", "a_bg.wasm", "b", "c"), None);
    }
}
