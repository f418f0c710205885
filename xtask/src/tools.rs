//! Finding the repository, running commands, and the pinned tools.

use crate::Result;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The wasm-bindgen version; must equal the `wasm-bindgen` crate's (`=` pin
/// in the root Cargo.toml).
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Runs `cmd`, failing with its description when it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    eprintln!("$ {}", shown.replace('"', ""));
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// `cargo` as invoked by the user.
pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// The wasm-bindgen CLI at the pinned version, installed into
/// `target/tools` on first use (a few minutes, once). Not `--locked`: its
/// lock file pins a webpki-roots release the registry here lacks.
pub fn wasm_bindgen_bin(name: &str) -> Result<PathBuf> {
    let dir = root().join("target/tools");
    let bin = dir.join("bin").join(name);
    let version_ok = Command::new(dir.join("bin/wasm-bindgen"))
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains(WASM_BINDGEN_VERSION))
        .unwrap_or(false);
    if !version_ok {
        eprintln!("Installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} into target/tools (once; takes a few minutes) …");
        run(cargo()
            .args(["install", "--quiet", "wasm-bindgen-cli", "--version"])
            .arg(format!("={WASM_BINDGEN_VERSION}"))
            .arg("--root")
            .arg(&dir))?;
    }
    Ok(bin)
}

/// Makes sure `node_modules` matches `package-lock.json` (`npm ci`).
pub fn npm_ci() -> Result<()> {
    let root = root();
    let stamp = root.join("node_modules/.package-lock.json");
    let lock = root.join("package-lock.json");
    let fresh = match (std::fs::metadata(&stamp), std::fs::metadata(&lock)) {
        (Ok(s), Ok(l)) => s.modified().ok() >= l.modified().ok(),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))
}

/// A program from `node_modules/.bin`.
pub fn npm_bin(name: &str) -> PathBuf {
    root().join("node_modules/.bin").join(name)
}

/// Adds the wasm32 target with rustup when it is missing (a fresh machine).
pub fn ensure_wasm_target() -> Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"))
        .unwrap_or(false);
    if installed {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}
