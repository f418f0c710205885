//! `cargo xtask size`: what a page downloads, per bundle.
//!
//! wasm, JS (entry module and its snippets) and CSS, each raw, gzip and
//! brotli (quality 11, as a CDN would serve it), in kB of 1,000 bytes. The widgets' CSS is
//! written into the entry module (see `build.rs`), so the CSS column shows it for
//! information; the total counts only files a browser downloads. Fails
//! when a bundle is over its budget.

use crate::build::{build, Bundle, BUNDLES};
use crate::tools::root;
use crate::Result;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Raw, gzip and brotli sizes in bytes.
#[derive(Default, Clone, Copy)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, o: Sizes) {
        self.raw += o.raw;
        self.gzip += o.gzip;
        self.brotli += o.brotli;
    }
}

/// Sizes of `bytes`.
pub fn measure(bytes: &[u8]) -> Sizes {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = gz.write_all(bytes);
    let gzip = gz.finish().map(|v| v.len()).unwrap_or(0) as u64;
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut br, &params);
    Sizes {
        raw: bytes.len() as u64,
        gzip,
        brotli: br.len() as u64,
    }
}

fn files_with_ext(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_with_ext(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

fn sum_files(files: &[PathBuf]) -> Sizes {
    let mut total = Sizes::default();
    for f in files {
        if let Ok(bytes) = std::fs::read(f) {
            total += measure(&bytes);
        }
    }
    total
}

/// The CSS of a bundle's widgets (written into its entry module).
fn css_files(bundle: &Bundle) -> Vec<PathBuf> {
    let mut css = Vec::new();
    files_with_ext(&root().join("components/src"), "css", &mut css);
    let under = |p: &PathBuf, folder: &str| p.components().any(|c| c.as_os_str() == folder);
    match bundle.name {
        // The feedback box has no stylesheet of its own: only the base.
        "feedback" => css.retain(|p| under(p, "common")),
        // The kiosk adds its own.
        "kiosk" => css.retain(|p| under(p, "common") || under(p, "kiosk")),
        // Every widget but the kiosk.
        _ => css.retain(|p| !under(p, "kiosk")),
    }
    css
}

/// Per bundle: (wasm, js, css, downloaded total).
pub fn report() -> Vec<(&'static Bundle, Sizes, Sizes, Sizes, Sizes)> {
    BUNDLES
        .iter()
        .map(|b| {
            let wasm = sum_files(&[b.wasm()]);
            // The stable module; its content-hashed copy (crate::pin) is
            // the same size but for a longer wasm URL.
            let js = sum_files(&[b.entry()]);
            let css = sum_files(&css_files(b));
            let mut total = wasm;
            total += js;
            (b, wasm, js, css, total)
        })
        .collect()
}

/// The loader's budget, brotli: "a few hundred bytes" (issue 17).
const LOADER_BUDGET: u64 = 700;

/// Kilobytes of 1,000 bytes, as browsers' developer tools count them.
fn kb(n: u64) -> String {
    format!("{:.1} kB", n as f64 / 1000.0)
}

/// Builds and prints the table; fails over budget.
pub fn size() -> Result<()> {
    build()?;
    check_budgets(true)
}

/// Prints the table for what is in `dist/` and checks the budgets.
pub fn check_budgets(print: bool) -> Result<()> {
    let mut over = Vec::new();
    if print {
        println!("| bundle | part | raw | gzip | brotli |");
        println!("|---|---|---:|---:|---:|");
    }
    for (b, wasm, js, css, total) in report() {
        if print {
            for (part, s) in [
                ("wasm", wasm),
                ("JS", js),
                ("CSS (inside the JS)", css),
                ("**total download**", total),
            ] {
                println!(
                    "| {} | {part} | {} | {} | {} |",
                    b.name,
                    kb(s.raw),
                    kb(s.gzip),
                    kb(s.brotli)
                );
            }
        }
        if wasm.raw == 0 {
            over.push(format!("{}: not built (run cargo xtask build)", b.name));
        } else if total.brotli > b.budget {
            over.push(format!(
                "{}: {} brotli is over its budget of {}",
                b.name,
                kb(total.brotli),
                kb(b.budget)
            ));
        }
    }
    // The loader (`loader.js`): a partner's one script line, fetched before
    // any bundle, so it is kept tiny.
    let loader = std::fs::read(root().join("dist/lokalform/loader.js")).unwrap_or_default();
    let loader_size = measure(&loader);
    if print {
        println!(
            "| loader | JS | {} | {} | {} |",
            kb(loader_size.raw),
            kb(loader_size.gzip),
            kb(loader_size.brotli)
        );
    }
    if loader.is_empty() {
        over.push("loader: not built (run cargo xtask build)".to_string());
    } else if loader_size.brotli > LOADER_BUDGET {
        over.push(format!(
            "loader: {} brotli is over its budget of {}",
            kb(loader_size.brotli),
            kb(LOADER_BUDGET)
        ));
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(over.join("; "))
    }
}
