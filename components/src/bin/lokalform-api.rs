//! Prints the elements' public API for tools: `manifest` prints
//! `custom-elements.json` (the Custom Elements Manifest), `types` prints
//! `lokalform.d.ts` (TypeScript declarations), `loader` the loader module
//! (`loader.js`), `version` the one version
//! of the crates, the bundles and the package; all from
//! `lokalform_components::api`. `cargo xtask build` writes them into
//! `dist/lokalform/`:
//!
//! ```text
//! cargo run -p lokalform-components --bin lokalform-api -- manifest
//! ```

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use lokalform_components::api::{manifest, types};
        match std::env::args().nth(1).as_deref() {
            Some("manifest") => print!("{}", manifest::custom_elements_json()),
            Some("types") => print!("{}", types::declarations()),
            Some("loader") => print!("{}", lokalform_components::api::loader::source()),
            Some("version") => print!("{}", lokalform_components::api::VERSION),
            other => {
                eprintln!(
                    "lokalform-api: {other:?}: say `manifest`, `types`, `loader` or `version`"
                );
                std::process::exit(2);
            }
        }
    }
}
