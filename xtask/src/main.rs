//! `cargo xtask` — lokalform's developer commands.
//!
//! | command | does |
//! |---|---|
//! | `build` | release wasm32 build of every bundle, wasm-bindgen, `wasm-opt -Oz`, into `dist/` |
//! | `size` | builds, then a table of wasm/JS/CSS raw, gzip and brotli per bundle; fails over budget |
//! | `demo` | builds, then serves the gallery, examples and a local collector on 127.0.0.1 |
//! | `serve` | serves the static files only (gallery, examples, dist) |
//! | `test` | every check and test layer (what CI runs) |
//! | `wasm-test` | only the wasm tests in headless Chromium, with the stand-in collector (extra arguments go to `cargo test`, e.g. `--test browser_outbox`) |
//! | `e2e` | only the Playwright layer (extra arguments go to Playwright) |
//! | `bench` | the benchmarks: browser time-to-interactive and the collector load test |
//! | `check-form FILE...` | checks form definitions as the widgets read them (a programme form also against the ids `<lokal-programme>` reads); one line per file, or one per problem with its path |
//! | `json-schema [--check]` | writes `forms/form.schema.json` for editors (`--check`: fails if the committed file differs) |
//!
//! Tools come from crates.io and npm only: wasm-bindgen-cli is installed at
//! the exact version of the `wasm-bindgen` crate into `target/tools`, and
//! wasm-opt comes from the npm package `binaryen` (`npm ci`).

mod build;
mod check_form;
mod csp;
mod demo;
mod example_app;
mod offline;
mod package;
mod pin;
mod serve;
mod shrink;
mod size;
mod stand_in;
mod test;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build::build().map(|_| ()),
        Some("size") => size::size(),
        Some("demo") => demo::demo(),
        Some("serve") => serve::serve_forever(port_arg(&args, 8080)),
        Some("test") => test::test(&args[1..]),
        Some("wasm-test") => test::wasm_tests(&args[1..]),
        Some("e2e") => test::e2e(test::E2E_CONFIG, &args[1..]),
        Some("bench") => test::bench(&args[1..]),
        Some("check-form") => check_form::check_form(&args[1..]),
        Some("json-schema") => check_form::json_schema_command(&args[1..]),
        _ => {
            eprintln!("usage: cargo xtask <build|size|demo|serve [--port N]|test [--skip-e2e]|wasm-test [cargo test args]|e2e [playwright args]|bench [browser|collector]|check-form FILE...|json-schema [--check]>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn port_arg(args: &[String], default: u16) -> u16 {
    args.windows(2)
        .find(|w| w[0] == "--port")
        .and_then(|w| w[1].parse().ok())
        .unwrap_or(default)
}

/// An error message for the user.
pub type Result<T> = std::result::Result<T, String>;
