//! The npm package a partner installs: `dist/package/lokalform-<version>.tgz`.
//!
//! `cargo xtask build` writes it last, from what it has just built: each
//! bundle's module and its wasm (stable names), the elements' API (`custom-elements.json`, `lokalform.d.ts`),
//! the partner README (`components/package/README.md`), the CHANGELOG and
//! a `package.json` whose `exports` name each bundle:
//!
//! ```text
//! npm install ./lokalform-0.1.0.tgz
//! import "lokalform/feedback";   // defines <lokal-feedback>
//! ```
//!
//! The version is the workspace's (one number for the crates, the bundles
//! and the package; `lokalform-api version` prints it). `npm pack` makes
//! the tarball, so it is exactly what `npm publish` would upload.
//! `tests/e2e/package.spec.mjs` installs it into a scratch project, type-checks
//! a consumer against it and loads an element from it.

use crate::build::BUNDLES;
use crate::tools::{root, run};
use crate::Result;
use std::path::Path;
use std::process::Command;

/// Writes the package folder `dist/package/lokalform/` and packs it into
/// `dist/package/lokalform-<version>.tgz`; returns the tarball's path.
pub fn write(api: &Path) -> Result<std::path::PathBuf> {
    let version = String::from_utf8(
        Command::new(api)
            .arg("version")
            .output()
            .map_err(|e| format!("{}: {e}", api.display()))?
            .stdout,
    )
    .map_err(|e| format!("lokalform-api version: {e}"))?;
    let out = root().join("dist/package");
    let _ = std::fs::remove_dir_all(&out);
    let folder = out.join("lokalform");
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let dist = root().join("dist/lokalform");
    // The stable names only: a bundler gives the files its own hashed
    // names, and the pinned copies are for hosts serving `dist/` directly.
    for bundle in BUNDLES {
        let to = folder.join(bundle.name);
        std::fs::create_dir_all(&to).map_err(|e| format!("{}: {e}", to.display()))?;
        for from in [bundle.entry(), bundle.wasm()] {
            let name = from.file_name().unwrap_or_default();
            std::fs::copy(&from, to.join(name)).map_err(|e| format!("{}: {e}", from.display()))?;
        }
    }
    for (from, to) in [
        (dist.join("custom-elements.json"), "custom-elements.json"),
        (dist.join("lokalform.d.ts"), "lokalform.d.ts"),
        (dist.join("loader.js"), "loader.js"),
        (root().join("components/package/README.md"), "README.md"),
        (root().join("CHANGELOG.md"), "CHANGELOG.md"),
    ] {
        std::fs::copy(&from, folder.join(to)).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    let manifest = package_json(
        &version,
        &BUNDLES.iter().map(|b| b.name).collect::<Vec<_>>(),
    );
    std::fs::write(folder.join("package.json"), manifest)
        .map_err(|e| format!("package.json: {e}"))?;
    // `run` works from the repository's root: name the folder.
    run(Command::new("npm")
        .args(["pack", "--loglevel=error", "--pack-destination"])
        .arg(&out)
        .arg(&folder))?;
    let tarball = out.join(format!("lokalform-{version}.tgz"));
    if !tarball.exists() {
        return Err(format!("npm pack wrote no {}", tarball.display()));
    }
    Ok(tarball)
}

/// The package's `package.json`: one export per bundle (its stable entry
/// module, typed by `lokalform.d.ts`), the manifest, and the fields editors
/// read (`customElements`, `types`).
///
/// ```text
/// "exports": { "./feedback": { "types": "./lokalform.d.ts", "default": "./feedback/lokalform-feedback.js" }, … }
/// ```
fn package_json(version: &str, bundles: &[&str]) -> String {
    let exports: Vec<String> = bundles
        .iter()
        .map(|b| {
            format!(
                "    \"./{b}\": {{ \"types\": \"./lokalform.d.ts\", \"default\": \"./{b}/lokalform-{b}.js\" }}"
            )
        })
        .collect();
    let files: Vec<String> = bundles.iter().map(|b| format!("\"{b}/\"")).collect();
    format!(
        r#"{{
  "name": "lokalform",
  "version": "{version}",
  "description": "Form components for Danish municipal social psychiatry: the citizen feedback box, the form engine and the peer-support programme app, as custom elements (Rust and WebAssembly). Personal data stays on the device.",
  "license": "EUPL-1.2",
  "type": "module",
  "exports": {{
{},
    "./loader": {{ "types": "./lokalform.d.ts", "default": "./loader.js" }},
    "./custom-elements.json": "./custom-elements.json",
    "./package.json": "./package.json"
  }},
  "types": "./lokalform.d.ts",
  "customElements": "custom-elements.json",
  "sideEffects": true,
  "files": [{}, "loader.js", "custom-elements.json", "lokalform.d.ts", "CHANGELOG.md"]
}}
"#,
        exports.join(",\n"),
        files.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_json_exports_each_bundle_with_its_types() {
        let text = package_json("1.2.3", &["feedback", "all"]);
        assert!(text.contains(r#""version": "1.2.3""#));
        assert!(text.contains(
            r#""./feedback": { "types": "./lokalform.d.ts", "default": "./feedback/lokalform-feedback.js" }"#
        ));
        assert!(
            text.contains(r#""files": ["feedback/", "all/", "loader.js", "custom-elements.json""#)
        );
    }
}
