//! `cargo xtask build`: every browser bundle into `dist/lokalform/<bundle>/`.
//!
//! One cargo invocation builds all bundles (they share every dependency);
//! then each goes through wasm-bindgen (`--target web`), the rewrites in
//! [`crate::shrink`] (unused exports and their code dropped, hashed names
//! shortened), `wasm-opt` ([`WASM_OPT_PASSES`]), the JS imports the
//! optimised module no longer uses dropped, and esbuild, which folds the entry
//! ([`write_entry`]: the elements defined with their stylesheets and the
//! feedback box's pre-rendered first screen, then the wasm started), the
//! generated JS and its snippets into one minified module. A page needs only
//! `<script type="module" src=".../lokalform-feedback.js">`: two requests
//! in all (the module and the wasm). Then [`crate::pin`] adds
//! content-hashed copies and `dist/lokalform/manifest.json`, and the build
//! prints the pinned snippets. The iframe embed pages
//! (`components/embed/`) go to `dist/lokalform/embed/`; last,
//! [`crate::offline`] writes the service worker and its precache list, the
//! elements' API for tools is written (`custom-elements.json`,
//! `lokalform.d.ts`) and [`crate::package`] packs the npm package.

use crate::tools::{cargo, ensure_wasm_target, npm_bin, npm_ci, root, run, wasm_bindgen_bin};
use crate::Result;
use std::path::PathBuf;
use std::process::Command;

/// A browser bundle.
pub struct Bundle {
    /// Short name: `feedback`, `all`.
    pub name: &'static str,
    /// The cargo package.
    pub package: &'static str,
    /// The library name (the `.wasm` file's stem).
    pub lib: &'static str,
    /// Budget in bytes, brotli, wasm + JS + CSS: the build fails above it.
    pub budget: u64,
}

/// Every bundle, smallest first.
pub const BUNDLES: &[Bundle] = &[
    Bundle {
        name: "feedback",
        package: "lokalform-bundle-feedback",
        lib: "lokalform_feedback",
        // Issue #3: at most 100 kB (brotli, wasm + JS + CSS); issue 14
        // asked for under 90 and aimed at 80. 96.3 kB until the web box
        // was drawn as markup without Leptos (feedback/web.rs): 56.0 kB
        // measured (December 2026), so 60 kB keeps that gain.
        budget: 60_000,
    },
    Bundle {
        name: "fields",
        package: "lokalform-bundle-fields",
        lib: "lokalform_fields",
        // Issue 17: set from measurement (124 kB brotli when the bundle
        // was made: the engine's field renderers and the forms core's
        // checks, under Leptos; 150.4 kB with <lokal-instrument> (the
        // instrument reader and scoring, LSNS-6 built in) and
        // <lokal-signature>), well under the all-widgets bundle.
        budget: 155_000,
    },
    Bundle {
        name: "kiosk",
        package: "lokalform-bundle-kiosk",
        lib: "lokalform_kiosk",
        // Issue 15: the shared tablet's one-question-a-screen kiosk, in a
        // bundle of its own so the citizen's feedback bundle does not pay
        // for it. Served from the tablet's own cache (service worker).
        // 110 kB until issue 15 §3 added the staff view, enrollment, the
        // PIN and the kiosk's own send loop (134.5 kB measured); 137 kB
        // until the staff view's controls became markup (132.5 kB
        // measured, December 2026); 134 kB until the questions, review
        // and thank-you steps became markup shared with the web box
        // (123.6 kB measured).
        budget: KIOSK_BUDGET,
    },
    Bundle {
        name: "all",
        package: "lokalform-bundle-all",
        lib: "lokalform_all",
        // 400 kB until issue 13 (December 2026), which made the worker's
        // app keep every recruitment answer (+14 kB), run the programme as
        // the Vejle manual does with corrections (+12 kB) and split the
        // reports by role (+6 kB). Raised to 420 kB for that; the citizen's
        // bundle (feedback) keeps its budget. See the README's size notes.
        // 411.1 kB once the feedback box no longer renders through Leptos
        // (December 2026): 415 kB.
        budget: 415_000,
    },
];

/// The kiosk bundle's budget (brotli, wasm + JS): see [`BUNDLES`].
const KIOSK_BUDGET: u64 = 127_000;

/// wasm-opt's passes. Flattening and re-looping the control flow before two
/// rounds of `-Oz` gives smaller code than `-Oz` alone (measured on the
/// brotli download, December 2026: feedback −0.9 kB, all −1.9 kB; a third
/// round, `--converge`, `--gufa` or `-O3` first gained nothing more).
///
/// `--low-memory-unused` lets wasm-opt fold constant pointer offsets into
/// loads and stores (and, with `--optimize-added-constants-propagate`,
/// offsets carried through locals): it assumes no address below 1,024 is
/// used, which holds for Rust's layout (the stack grows down from 1 MiB
/// towards 0, static data and the heap lie above it; a stack that deep
/// would already have overrun). Merging similar functions before `-Oz`
/// lets it share the many near-identical monomorphised closures (feedback
/// −0.7 kB, all −1.7 kB together; `--ignore-implicit-traps` gained 0.1 kB
/// more and was left out, `--traps-never-happen` too: a panic must stay a
/// trap). Propagating the added constants: all −0.2 kB more, feedback the
/// same.
/// A second flatten/re-loop/merge between the `-Oz` rounds gained the
/// feedback box 0.3 kB but cost `all` 0.4 kB.
const WASM_OPT_PASSES: &[&str] = &[
    "--low-memory-unused",
    "--optimize-added-constants-propagate",
    "--flatten",
    "--rereloop",
    "--merge-similar-functions",
    "-Oz",
    "-Oz",
];

/// Features the Rust wasm32 target enables by default; wasm-opt must accept
/// them (it does not read them from the module).
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

impl Bundle {
    /// Where the built bundle goes.
    pub fn out_dir(&self) -> PathBuf {
        root().join("dist/lokalform").join(self.name)
    }

    /// The entry module a page loads.
    pub fn entry(&self) -> PathBuf {
        self.out_dir().join(format!("lokalform-{}.js", self.name))
    }

    /// The optimised wasm.
    pub fn wasm(&self) -> PathBuf {
        self.out_dir()
            .join(format!("lokalform-{}_bg.wasm", self.name))
    }
}

/// `--remap-path-prefix` flags that shorten the source paths a bundle
/// carries in its panic locations: a dependency's
/// `~/.cargo/registry/src/index.crates.io-…/leptos-0.8.23/src/…` becomes
/// `leptos-0.8.23/src/…`, and this workspace's absolute path goes. The
/// locations stay readable in a bug report, the bundles no longer carry
/// the build machine's home folder, and two machines with the same
/// toolchain build the same bytes (what a host pinning a hash needs).
/// About 2 kB less raw wasm; brotli already squeezed the long prefixes, so
/// the download is about the same. Separated by 0x1f, as
/// `CARGO_ENCODED_RUSTFLAGS` wants (paths may hold spaces).
fn short_source_paths() -> String {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".cargo")));
    let mut prefixes: Vec<std::path::PathBuf> = vec![root()];
    if let Some(registry) = cargo_home.map(|h| h.join("registry/src")) {
        // One folder per registry index (`index.crates.io-<hash>`).
        if let Ok(indexes) = std::fs::read_dir(&registry) {
            prefixes.extend(indexes.flatten().map(|e| e.path()));
        }
    }
    prefixes
        .iter()
        .map(|p| format!("--remap-path-prefix={}/=", p.display()))
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// The bundles to build: all of them, or, while working on one bundle's
/// size, only those named in `LOKALFORM_ONLY` (e.g. `feedback`; the others
/// keep their last build in `dist/`).
fn bundles() -> impl Iterator<Item = &'static Bundle> {
    let only = std::env::var("LOKALFORM_ONLY").unwrap_or_default();
    BUNDLES
        .iter()
        .filter(move |b| only.is_empty() || only.split(',').any(|n| n.trim() == b.name))
}

/// Builds every bundle.
pub fn build() -> Result<()> {
    ensure_wasm_target()?;
    npm_ci()?;
    let wasm_bindgen = wasm_bindgen_bin("wasm-bindgen")?;
    let mut cmd = cargo();
    cmd.args([
        "build",
        "--profile",
        "wasm-release",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    for b in bundles() {
        cmd.args(["-p", b.package]);
    }
    cmd.env("CARGO_ENCODED_RUSTFLAGS", short_source_paths());
    run(&mut cmd)?;
    let entry_writer = build_entry_writer()?;
    for b in bundles() {
        let out = b.out_dir();
        let staging = root().join("target/wasm-bindgen").join(b.name);
        for dir in [&out, &staging] {
            let _ = std::fs::remove_dir_all(dir);
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let input = root()
            .join("target/wasm32-unknown-unknown/wasm-release")
            .join(format!("{}.wasm", b.lib));
        let stem = format!("lokalform-{}", b.name);
        run(Command::new(&wasm_bindgen)
            .arg(&input)
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&staging)
            .arg("--out-name")
            .arg(&stem))?;
        let generated = staging.join(format!("{stem}_bg.wasm"));
        let staged_entry = staging.join(format!("{stem}.js"));
        drop_unused_exports(&generated, &staged_entry)?;
        shorten_names(&generated, &staged_entry)?;
        let entry = write_entry(b, &entry_writer, &staging)?;
        run(Command::new(npm_bin("wasm-opt"))
            .args(WASM_OPT_PASSES)
            .args(["--strip-producers", "--strip-target-features"])
            .args(WASM_FEATURES)
            .arg(&generated)
            .arg("-o")
            .arg(b.wasm()))?;
        drop_unused_js_imports(&b.wasm(), &staged_entry)?;
        run(Command::new(npm_bin("esbuild"))
            .arg(&entry)
            .args([
                "--bundle",
                "--minify",
                "--format=esm",
                "--target=es2022",
                "--log-level=warning",
            ])
            .arg(format!("--outfile={}", b.entry().display())))?;
    }
    copy_embed_pages()?;
    let pinned = BUNDLES
        .iter()
        .map(crate::pin::pin_bundle)
        .collect::<Result<Vec<_>>>()?;
    let manifest = root().join("dist/lokalform/manifest.json");
    std::fs::write(&manifest, crate::pin::manifest(&pinned))
        .map_err(|e| format!("{}: {e}", manifest.display()))?;
    let version = crate::offline::write(&pinned)?;
    write_api()?;
    crate::example_app::build()?;
    let package = crate::package::write(&root().join("target/debug/lokalform-api"))?;
    eprintln!("Built {} bundles into dist/lokalform/", BUNDLES.len());
    eprintln!("The elements' API: dist/lokalform/custom-elements.json, lokalform.d.ts; the loader: dist/lokalform/loader.js");
    eprintln!("The npm package: {}", package.display());
    eprintln!("Service worker dist/lokalform/sw.js, version {version} (see xtask/src/offline.rs)");
    eprintln!("Pinned snippets (content-hashed, with Subresource Integrity; see dist/lokalform/manifest.json):");
    for p in &pinned {
        eprintln!(
            "  {}",
            crate::pin::snippet(p, "https://your-static-host/lokalform")
        );
    }
    Ok(())
}

/// Copies the iframe embed pages (`components/embed/`: one page per widget
/// and `embed.js`) to `dist/lokalform/embed/`, beside the bundles they load.
fn copy_embed_pages() -> Result<()> {
    let from = root().join("components/embed");
    let to = root().join("dist/lokalform/embed");
    let _ = std::fs::remove_dir_all(&to);
    std::fs::create_dir_all(&to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(&from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let target = to.join(entry.file_name());
        std::fs::copy(entry.path(), &target).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(())
}

/// See [`crate::shrink`]: removes exports no widget uses and empties the
/// table slots of their closures, so wasm-opt can drop their code, and
/// their class wrappers from the JS.
fn drop_unused_exports(wasm: &std::path::Path, js: &std::path::Path) -> Result<()> {
    let text = std::fs::read_to_string(js).map_err(|e| format!("{}: {e}", js.display()))?;
    let (without, _) = crate::shrink::drop_classes(&text, crate::shrink::UNUSED_EXPORT_PREFIXES)
        .ok_or_else(|| {
            format!(
                "{}: unused classes not removable from wasm-bindgen output; has its format changed?",
                js.display()
            )
        })?;
    std::fs::write(js, without).map_err(|e| format!("{}: {e}", js.display()))?;
    let bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let malformed = || {
        format!(
            "{}: not a wasm module this build understands",
            wasm.display()
        )
    };
    let (stripped, _) = crate::shrink::strip_exports(&bytes, crate::shrink::UNUSED_EXPORT_PREFIXES)
        .ok_or_else(malformed)?;
    let (stripped, _) = crate::shrink::drop_stream_closures(&stripped).ok_or_else(malformed)?;
    std::fs::write(wasm, stripped).map_err(|e| format!("{}: {e}", wasm.display()))
}

/// See [`crate::shrink::drop_js_imports`]: the JS glue keeps only the
/// functions the optimised module imports.
fn drop_unused_js_imports(wasm: &std::path::Path, js: &std::path::Path) -> Result<()> {
    let bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let imported = crate::shrink::glue_imports(&bytes).ok_or_else(|| {
        format!(
            "{}: not a wasm module this build understands",
            wasm.display()
        )
    })?;
    let text = std::fs::read_to_string(js).map_err(|e| format!("{}: {e}", js.display()))?;
    let (kept, _) = crate::shrink::drop_js_imports(&text, &imported);
    std::fs::write(js, kept).map_err(|e| format!("{}: {e}", js.display()))
}

/// See [`crate::shrink::shorten_names`]: short import/export names in the
/// wasm and the JS glue alike.
fn shorten_names(wasm: &std::path::Path, js: &std::path::Path) -> Result<()> {
    let bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let (renamed_wasm, renamed) = crate::shrink::shorten_names(&bytes).ok_or_else(|| {
        format!(
            "{}: not a wasm module this build understands",
            wasm.display()
        )
    })?;
    let text = std::fs::read_to_string(js).map_err(|e| format!("{}: {e}", js.display()))?;
    let renamed_js = crate::shrink::rename_in_js(&text, &renamed).ok_or_else(|| {
        format!(
            "{}: already uses a name like $a; cannot shorten",
            js.display()
        )
    })?;
    std::fs::write(wasm, renamed_wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    std::fs::write(js, renamed_js).map_err(|e| format!("{}: {e}", js.display()))
}

/// Builds `lokalform-entry` and `lokalform-api` (components/src/bin),
/// natively and with the same profile as the tests, so they share their
/// build; returns the entry writer.
fn build_entry_writer() -> Result<PathBuf> {
    run(cargo().args([
        "build",
        "-q",
        "-p",
        "lokalform-components",
        "--bin",
        "lokalform-entry",
        "--bin",
        "lokalform-api",
    ]))?;
    Ok(root().join("target/debug/lokalform-entry"))
}

/// Writes the elements' public API for tools into `dist/lokalform/`: the
/// Custom Elements Manifest (`custom-elements.json`), the TypeScript
/// declarations (`lokalform.d.ts`) and the loader (`loader.js`, minified),
/// all printed by `lokalform-api` from the one description in
/// `components/src/api/`.
fn write_api() -> Result<()> {
    let api = root().join("target/debug/lokalform-api");
    for (what, file) in [
        ("manifest", "custom-elements.json"),
        ("types", "lokalform.d.ts"),
    ] {
        let output = Command::new(&api)
            .arg(what)
            .output()
            .map_err(|e| format!("{}: {e}", api.display()))?;
        if !output.status.success() {
            return Err(format!(
                "lokalform-api {what}: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let path = root().join("dist/lokalform").join(file);
        std::fs::write(&path, output.stdout).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let loader = Command::new(&api)
        .arg("loader")
        .output()
        .map_err(|e| format!("{}: {e}", api.display()))?;
    let staged = root().join("target/wasm-bindgen/loader.js");
    std::fs::write(&staged, loader.stdout).map_err(|e| format!("{}: {e}", staged.display()))?;
    run(Command::new(npm_bin("esbuild"))
        .arg(&staged)
        .args([
            "--minify",
            "--format=esm",
            "--target=es2022",
            "--log-level=warning",
        ])
        .arg(format!(
            "--outfile={}",
            root().join("dist/lokalform/loader.js").display()
        )))
}

/// Writes the bundle's entry module into `staging` and returns its path.
/// In this order, it
/// 1. defines the bundle's custom elements with their stylesheets and the
///    feedback box's pre-rendered first screen (what `lokalform-entry`
///    prints; `defineElement` is from `js/lokalform.js`, the copy
///    wasm-bindgen put in `snippets/`, so the wasm and the entry share one
///    module instance);
/// 2. starts the wasm (`__wbg_init`), which wires the live widgets; if it
///    cannot, the elements show the page's fallback content.
///
/// Its default export stays wasm-bindgen's `__wbg_init`, which resolves to
/// the started wasm's exports (the benchmark reads its memory size).
///
/// A page needs only the one `<script type="module">` tag.
fn write_entry(
    bundle: &Bundle,
    writer: &std::path::Path,
    staging: &std::path::Path,
) -> Result<PathBuf> {
    let output = Command::new(writer)
        .arg(bundle.name)
        .output()
        .map_err(|e| format!("could not start {}: {e}", writer.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} {} failed ({}):\n{}",
            writer.display(),
            bundle.name,
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let definitions =
        String::from_utf8(output.stdout).map_err(|e| format!("lokalform-entry: {e}"))?;
    let shared = snippet(staging, "js/lokalform.js")?;
    let entry = staging.join("entry.js");
    let js = format!(
        "import {{ asControl, defineElement, startFailed }} from \"./{shared}\";\n\
         import __wbg_init from \"./lokalform-{name}.js\";\n\
         {definitions}\
         __wbg_init().catch(startFailed);\n\
         export default __wbg_init;\n",
        name = bundle.name,
    );
    std::fs::write(&entry, js).map_err(|e| format!("{}: {e}", entry.display()))?;
    Ok(entry)
}

/// The path, relative to `staging`, of wasm-bindgen's copy of the
/// components crate's `file` (`snippets/lokalform-components-<hash>/<file>`).
fn snippet(staging: &std::path::Path, file: &str) -> Result<String> {
    let snippets = staging.join("snippets");
    let dirs = std::fs::read_dir(&snippets).map_err(|e| format!("{}: {e}", snippets.display()))?;
    for dir in dirs.flatten() {
        let name = dir.file_name().to_string_lossy().into_owned();
        if name.starts_with("lokalform-components-") && dir.path().join(file).is_file() {
            return Ok(format!("snippets/{name}/{file}"));
        }
    }
    Err(format!(
        "{}: no lokalform-components-*/{file}; has wasm-bindgen's layout changed?",
        snippets.display()
    ))
}
