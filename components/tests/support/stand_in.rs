//! The stand-in collector: a real HTTP server that answers with the status
//! a test asks for (`xtask/src/stand_in.rs`). `cargo xtask wasm-test` (and
//! the wasm step of `cargo xtask test`) start it and pass its address to
//! this build as `LOKALFORM_STAND_IN`.
//!
//! Only the outbox tests include this module (`#[path]`), so a new address
//! rebuilds only them.

#![allow(dead_code)] // each test binary uses a different part

use lokalform_components::store::vault;

/// The stand-in's base URL.
pub fn base() -> &'static str {
    option_env!("LOKALFORM_STAND_IN").unwrap_or_else(|| {
        panic!(
            "no stand-in collector: run these tests with `cargo xtask wasm-test --test <name>`, \
             which starts one and sets LOKALFORM_STAND_IN"
        )
    })
}

/// A collector base URL of its own (`name` and a random key keep tests
/// apart) whose endpoints answer the POSTs to them with `codes` in turn;
/// the last code repeats.
pub fn collector(codes: &[u16], name: &str) -> String {
    let codes: Vec<String> = codes.iter().map(u16::to_string).collect();
    format!(
        "{}/{}/{name}-{}",
        base(),
        codes.join(","),
        vault::random_key()
    )
}

/// The feedback endpoint of [`collector`]`(codes, name)`.
pub fn increments(codes: &[u16], name: &str) -> String {
    format!("{}/api/v1/increments", collector(codes, name))
}

/// How many POSTs `url` of the stand-in has had.
pub async fn posts_to(url: &str) -> u32 {
    vault::get_text(url)
        .await
        .unwrap_or_else(|e| panic!("asking the stand-in about {url} failed: {e:?}"))
        .trim()
        .parse()
        .unwrap_or_else(|e| panic!("the stand-in's count for {url}: {e}"))
}
