//! Builds `examples/leptos-app`, the Leptos app that uses
//! `lokalform-components` as a crate, into `dist/examples/leptos-app/`
//! (wasm-bindgen `--target web`), where its page
//! (`examples/leptos-app/index.html`) loads it.
//!
//! A debug build: the example shows how a partner's app uses the crate, it
//! is not a bundle to measure (`cargo xtask size` measures the bundles).

use crate::tools::{cargo, root, run, wasm_bindgen_bin};
use crate::Result;
use std::process::Command;

/// The example's package and the name of its wasm file.
const PACKAGE: &str = "lokalform-example-leptos";
const LIB: &str = "lokalform_example_leptos";

/// Builds the example app; its files go to `dist/examples/leptos-app/`.
pub fn build() -> Result<()> {
    run(cargo().args([
        "build",
        "-p",
        PACKAGE,
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    let out = root().join("dist/examples/leptos-app");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let input = root()
        .join("target/wasm32-unknown-unknown/debug")
        .join(format!("{LIB}.wasm"));
    run(Command::new(wasm_bindgen_bin("wasm-bindgen")?)
        .arg(&input)
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&out)
        .args(["--out-name", "app"]))?;
    eprintln!("Built the Leptos example app into dist/examples/leptos-app/");
    Ok(())
}
