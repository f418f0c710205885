//! The service worker for the pages lokalform serves itself, and its
//! precache list.
//!
//! After [`crate::pin`] wrote the content-hashed bundle files, [`write`]
//! puts beside them:
//!
//! - `dist/lokalform/offline.js`: the page's script (registers the worker,
//!   asks for persistent storage, takes updates at a safe moment), copied
//!   from `components/offline/offline.js`;
//! - `dist/lokalform/sw.js`: `components/offline/sw.js` with its `BUILD`
//!   filled in: the version, every file kept (its path from the site root
//!   and, for files served byte for byte, their Subresource Integrity
//!   value), and the stable bundle names answered by their hashed copies.
//!
//! The site root is the folder that holds `index.html`, `examples/`,
//! `forms/` and `dist/`, as `cargo xtask serve` serves it. The version is
//! a hash of the list, so any changed file makes a new worker, which the
//! browser installs beside the old one and which waits (see offline.js).

use crate::pin::{integrity, Pinned};
use crate::tools::root;
use crate::Result;
use std::path::Path;

/// Where the worker's template and the page's script are.
const SOURCE: &str = "components/offline";
/// The placeholder in the template that [`worker`] replaces.
const PLACEHOLDER: &str = "\"__LOKALFORM_BUILD__\"";

/// The pages kept: the path a browser asks for, and the file served.
const PAGES: &[(&str, &str)] = &[
    ("", "index.html"),
    ("examples/kiosk/", "examples/kiosk/index.html"),
    ("examples/programme/", "examples/programme/index.html"),
];

/// Folders whose files are kept as they are (not their subfolders), and
/// a file name a kept file must not end with.
const FOLDERS: &[(&str, &str)] = &[
    ("examples/kiosk", "index.html"),
    ("examples/programme", "index.html"),
    ("examples/icons", ""),
    ("examples/gallery", ""),
    ("dist/lokalform/embed", ""),
    ("forms", ".schema.json"),
    ("forms/instruments", ""),
];

/// One kept file: its path from the site root, and the integrity value
/// the worker checks when it fetches it (`None` for HTML, which a server
/// may rewrite, as `cargo xtask serve` does with the demo addresses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// The path from the site root (`examples/kiosk/`, `forms/exit.json`).
    pub path: String,
    /// The bytes' Subresource Integrity value, when checked.
    pub integrity: Option<String>,
    /// The bytes' SHA-256 (hex), for the version.
    pub sha256: String,
}

impl Kept {
    fn of(path: &str, bytes: &[u8]) -> Kept {
        let html = path.is_empty() || path.ends_with('/') || path.ends_with(".html");
        Kept {
            path: path.to_string(),
            integrity: (!html).then(|| integrity(bytes)),
            sha256: sha256_hex(bytes),
        }
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    lokalform_text::sha256::hex(&lokalform_text::sha256::sha256(bytes))
}

/// Writes `dist/lokalform/offline.js` and `dist/lokalform/sw.js` for the
/// bundles `pinned`; returns the worker's version.
pub fn write(pinned: &[Pinned]) -> Result<String> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let dist = root().join("dist/lokalform");
    let script = read(&root().join(SOURCE).join("offline.js"))?;
    let script_path = dist.join("offline.js");
    std::fs::write(&script_path, &script).map_err(|e| format!("{}: {e}", script_path.display()))?;

    let mut kept = vec![Kept::of("dist/lokalform/offline.js", &script)];
    for (path, file) in PAGES {
        kept.push(Kept::of(path, &read(&root().join(file))?));
    }
    for (folder, except) in FOLDERS {
        let dir = root().join(folder);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| except.is_empty() || !n.ends_with(except))
            .collect();
        names.sort();
        for name in names {
            kept.push(Kept::of(
                &format!("{folder}/{name}"),
                &read(&dir.join(&name))?,
            ));
        }
    }
    let mut aliases = Vec::new();
    for p in pinned {
        for hashed in [&p.module, &p.wasm] {
            kept.push(Kept::of(
                &format!("dist/lokalform/{hashed}"),
                &read(&dist.join(hashed))?,
            ));
        }
        let stem = format!("lokalform-{}", p.bundle);
        aliases.push((
            format!("dist/lokalform/{}", p.stable_module),
            format!("dist/lokalform/{}", p.module),
        ));
        aliases.push((
            format!("dist/lokalform/{}/{stem}_bg.wasm", p.bundle),
            format!("dist/lokalform/{}", p.wasm),
        ));
    }
    let template =
        String::from_utf8(read(&root().join(SOURCE).join("sw.js"))?).map_err(|e| e.to_string())?;
    let (text, version) = worker(&template, &kept, &aliases)
        .ok_or_else(|| format!("{SOURCE}/sw.js: expected one {PLACEHOLDER}"))?;
    let sw = dist.join("sw.js");
    std::fs::write(&sw, text).map_err(|e| format!("{}: {e}", sw.display()))?;
    Ok(version)
}

/// The worker: `template` with its placeholder replaced by the build's
/// version, files and aliases; `None` unless the template has exactly one
/// placeholder. The version is the first 16 hex digits of the SHA-256 of
/// every kept path with its content hash.
pub fn worker(
    template: &str,
    kept: &[Kept],
    aliases: &[(String, String)],
) -> Option<(String, String)> {
    if template.matches(PLACEHOLDER).count() != 1 {
        return None;
    }
    let listing: String = kept
        .iter()
        .map(|k| format!("{} {}\n", k.path, k.sha256))
        .collect();
    let version = sha256_hex(listing.as_bytes())[..16].to_string();
    let build = serde_json::json!({
        "version": version,
        "files": kept
            .iter()
            .map(|k| serde_json::json!([k.path, k.integrity.clone().unwrap_or_default()]))
            .collect::<Vec<_>>(),
        "aliases": aliases
            .iter()
            .map(|(from, to)| (from.clone(), serde_json::Value::from(to.as_str())))
            .collect::<serde_json::Map<_, _>>(),
    });
    Some((template.replace(PLACEHOLDER, &build.to_string()), version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_not_checked_and_other_files_are() {
        assert_eq!(Kept::of("examples/kiosk/", b"<p>").integrity, None);
        assert_eq!(
            Kept::of("dist/lokalform/embed/form.html", b"<p>").integrity,
            None
        );
        assert_eq!(
            Kept::of("forms/feedback.json", b"").integrity.as_deref(),
            Some("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        );
    }

    #[test]
    fn the_worker_carries_the_list_and_a_version_that_follows_the_content() {
        let template = "const BUILD = \"__LOKALFORM_BUILD__\";\n";
        let aliases = vec![("a.js".to_string(), "a.0123.js".to_string())];
        let one = [Kept::of("forms/x.json", b"1"), Kept::of("", b"<p>")];
        let (text, version) = worker(template, &one, &aliases).unwrap();
        assert_eq!(version.len(), 16);
        let json = text
            .strip_prefix("const BUILD = ")
            .and_then(|t| t.strip_suffix(";\n"))
            .unwrap();
        let build: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(build["version"], version.as_str());
        assert_eq!(build["files"][0][0], "forms/x.json");
        assert_eq!(build["files"][0][1], integrity(b"1").as_str());
        assert_eq!(build["files"][1], serde_json::json!(["", ""]));
        assert_eq!(build["aliases"]["a.js"], "a.0123.js");

        let changed = [Kept::of("forms/x.json", b"2"), Kept::of("", b"<p>")];
        let (_, other) = worker(template, &changed, &aliases).unwrap();
        assert_ne!(version, other, "a changed file makes a new version");
        assert_eq!(worker("no placeholder", &one, &aliases), None);
    }
}
