//! `cargo xtask test`: every check and test layer, in the order that fails
//! fastest; and `cargo xtask bench`.

use crate::demo::start_collector;
use crate::serve::{spawn, Site};
use crate::tools::{cargo, npm_bin, npm_ci, root, run, wasm_bindgen_bin};
use crate::Result;
use std::process::Command;

const WASM_PACKAGES: &[&str] = &[
    "lokalform-components",
    "lokalform-bundle-feedback",
    "lokalform-bundle-fields",
    "lokalform-bundle-kiosk",
    "lokalform-bundle-all",
    "lokalform-example-leptos",
];

/// Runs everything. `--skip-e2e` leaves out the browser end-to-end layer.
pub fn test(args: &[String]) -> Result<()> {
    let skip_e2e = args.iter().any(|a| a == "--skip-e2e");
    browsers_present()?;
    crate::tools::ensure_wasm_target()?;
    step("format", || run(cargo().args(["fmt", "--all", "--check"])))?;
    step(
        "form definitions (check-form forms/*.json, json-schema --check)",
        crate::check_form::check_shipped,
    )?;
    step("clippy (native)", || {
        run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    step("clippy (wasm32)", || {
        let mut cmd = cargo();
        // --all-targets: the browser tests are code too, and a type change
        // should fail here rather than minutes later in the wasm test step.
        cmd.args([
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
        ]);
        for p in WASM_PACKAGES {
            cmd.args(["-p", p]);
        }
        run(cmd.args(["--", "-D", "warnings"]))
    })?;
    step("native tests (core, collector, xtask)", || {
        run(cargo().args(["test", "--workspace"]))
    })?;
    step("wasm tests in headless Chromium", || wasm_tests(&[]))?;
    step("build and size budget", || {
        crate::build::build()?;
        crate::size::check_budgets(true)
    })?;
    if !skip_e2e {
        step("end-to-end (Playwright, Chromium, axe-core)", || {
            e2e(E2E_CONFIG, &[])
        })?;
    }
    eprintln!("\nAll checks passed.");
    Ok(())
}

/// The browser layers need Debian's Chromium and ChromeDriver.
fn browsers_present() -> Result<()> {
    for path in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
        if !std::path::Path::new(path).exists() {
            return Err(format!(
                "{path} is missing: install it with `sudo apt-get install chromium chromium-driver` (or run .ci/run)"
            ));
        }
    }
    Ok(())
}

fn step(name: &str, f: impl FnOnce() -> Result<()>) -> Result<()> {
    eprintln!("\n=== {name}");
    let started = std::time::Instant::now();
    let result = f();
    eprintln!(
        "=== {name}: {} in {:.0?}",
        if result.is_ok() { "ok" } else { "FAILED" },
        started.elapsed()
    );
    result.map_err(|e| format!("{name}: {e}"))
}

/// wasm-bindgen-test in headless Chromium through chromedriver, with the
/// stand-in collector the outbox tests send to (`stand_in`). Extra `args`
/// go to `cargo test` (e.g. `--test browser_outbox`).
pub fn wasm_tests(args: &[String]) -> Result<()> {
    let runner = wasm_bindgen_bin("wasm-bindgen-test-runner")?;
    let chromedriver =
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let stand_in = crate::stand_in::spawn()?;
    // ChromeDriver leaves each browser profile (`org.chromium.Chromium.
    // scoped_dir.*`, about 150 MB) in the temporary folder when the test
    // runner stops it: give this run a folder of its own and remove it
    // afterwards, so repeated runs do not fill the disk.
    let scratch = root().join("target/wasm-test-tmp");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let outcome = run(cargo()
        .args([
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "lokalform-components",
        ])
        .args(args)
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner)
        .env("CHROMEDRIVER", chromedriver)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .env("TMPDIR", &scratch)
        .env(crate::stand_in::ENV, format!("http://{stand_in}")));
    let _ = std::fs::remove_dir_all(&scratch);
    outcome
}

/// The Playwright configuration of the end-to-end tests.
pub const E2E_CONFIG: &str = "tests/e2e/playwright.config.mjs";
/// The Playwright configuration of the browser benchmark.
pub const BENCH_CONFIG: &str = "tests/e2e/bench.config.mjs";

/// Playwright with `config` against a real collector and the static
/// server. Extra `args` go to Playwright (e.g. a spec file or `--grep`).
pub fn e2e(config: &str, args: &[String]) -> Result<()> {
    npm_ci()?;
    run(cargo().args(["build", "-p", "lokalform-collector"]))?;
    let bin = root().join("target/debug/lokalform-collector");
    let data = root().join("target/e2e");
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    let collector_port = free_port()?;
    let collector_url = format!("http://127.0.0.1:{collector_port}");
    // The same files on a second origin: the strict-CSP pages load the
    // widget from there, as from a municipality's static host.
    let (widget_addr, _widgets) = spawn(
        0,
        Site {
            collector: collector_url.clone(),
            widget_origin: String::new(),
            deploy: None,
        },
    )?;
    let widget_origin = format!("http://{widget_addr}");
    // The test of updates writes this file to stand for a new build
    // deployed (see `Site::deploy`).
    let deploy = data.join("deploy-id");
    let (addr, _server) = spawn(
        0,
        Site {
            collector: collector_url.clone(),
            widget_origin: widget_origin.clone(),
            deploy: Some(deploy.clone()),
        },
    )?;
    let base = format!("http://{addr}");
    let token = "e2e-admin-token";
    let mut collector = start_collector(
        &bin,
        &format!("127.0.0.1:{collector_port}"),
        &data.join("collector.sqlite"),
        // The pages' origin, and the widget origin for the iframe embeds.
        &format!("{base},{widget_origin}"),
        token,
    )?;
    let result = run(Command::new(npm_bin("playwright"))
        .args(["test", "-c", config])
        .args(args)
        .env("LOKALFORM_BASE_URL", &base)
        .env("LOKALFORM_WIDGET_ORIGIN", &widget_origin)
        .env("LOKALFORM_COLLECTOR_URL", &collector_url)
        .env("LOKALFORM_ADMIN_TOKEN", token)
        .env("LOKALFORM_COLLECTOR_BIN", &bin)
        .env("LOKALFORM_FORMS_DIR", root().join("forms"))
        .env("LOKALFORM_E2E_DATA", &data)
        .env("LOKALFORM_DEPLOY_FILE", &deploy)
        .envs(crate::demo::ONE_ADDRESS_LIMITS.iter().copied()));
    let _ = collector.kill();
    let _ = collector.wait();
    result
}

fn free_port() -> Result<u16> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// `cargo xtask bench`: the browser benchmark (time to interactive with 4x
/// CPU throttling, JS heap) and the collector load test, on SQLite, on
/// PostgreSQL and with two instances on PostgreSQL.
pub fn bench(args: &[String]) -> Result<()> {
    let only = args.first().map(String::as_str);
    if only != Some("collector") {
        crate::build::build()?;
        e2e(BENCH_CONFIG, &[])?;
    }
    if only != Some("browser") {
        // SQLite (the default), PostgreSQL, and two instances sharing one
        // PostgreSQL database; each run checks that every total is exact.
        for database in [
            &[][..],
            &["--database", "postgres"][..],
            &["--database", "postgres", "--instances", "2"][..],
        ] {
            run(cargo()
                .args([
                    "run",
                    "--release",
                    "-p",
                    "lokalform-collector-support",
                    "--bin",
                    "lokalform-loadgen",
                    "--",
                ])
                .args(database))?;
        }
    }
    Ok(())
}
