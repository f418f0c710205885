//! `cargo xtask demo`: build everything, then serve the gallery, the
//! examples and a local collector on 127.0.0.1.

use crate::serve::{spawn, Site, DEMO_COLLECTOR, DEMO_WIDGET_ORIGIN};
use crate::tools::{cargo, root, run};
use crate::Result;
use std::process::Command;

/// The demo's admin token for the collector dashboard.
pub const DEMO_TOKEN: &str = "demo";

/// Builds the bundles and the collector, then serves until Ctrl-C.
pub fn demo() -> Result<()> {
    crate::build::build()?;
    run(cargo().args(["build", "--release", "-p", "lokalform-collector"]))?;
    let data = root().join("target/demo");
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    // The same files on a second origin, for the strict-CSP examples.
    let (_, _widgets) = spawn(8788, Site::demo())?;
    let (addr, server) = spawn(8080, Site::demo())?;
    let mut collector = start_collector(
        &root().join("target/release/lokalform-collector"),
        "127.0.0.1:8787",
        &data.join("collector.sqlite"),
        // The pages' origin, and the widget origin for the iframe embeds.
        &format!("http://{addr},{DEMO_WIDGET_ORIGIN}"),
        DEMO_TOKEN,
    )?;
    // One enrollment code, so the kiosk page's tablet can be enrolled at once.
    let code = demo_enrollment_code("127.0.0.1:8787")
        .unwrap_or_else(|e| format!("(none: {e}; make one on the dashboard under Tabletter)"));
    println!();
    println!("  Gallery:          http://{addr}/");
    println!("  Municipal page:   http://{addr}/examples/municipal-page/");
    println!("  Kiosk tablet:     http://{addr}/examples/kiosk/");
    println!("  Programme forms:  http://{addr}/examples/forms/");
    println!("  Worker's app:     http://{addr}/examples/programme/");
    println!("  Strict CSP:       http://{addr}/examples/strict-csp/   (widget from {DEMO_WIDGET_ORIGIN})");
    println!("  In an iframe:     http://{addr}/examples/iframe/");
    println!("  Partner's form:   http://{addr}/examples/fields/   (the field elements)");
    println!(
        "  Leptos app:       http://{addr}/examples/leptos-app/   (the components as a crate)"
    );
    println!("  Collector:        {DEMO_COLLECTOR}/");
    println!("  Dashboard:        {DEMO_COLLECTOR}/admin   (user: any, password: {DEMO_TOKEN})");
    println!("  Tablet code:      {code}   (open the kiosk's staff view and type it to enroll the tablet; valid 24 hours, once)");
    println!();
    println!("  Press Ctrl-C to stop.");
    let _ = server.join();
    let _ = collector.kill();
    Ok(())
}

/// A one-time enrollment code for "Demo-tablet" from the collector at
/// `addr` (`POST /admin/devices/codes` with the demo token), waiting up to
/// ten seconds for it to start.
fn demo_enrollment_code(addr: &str) -> Result<String> {
    use std::io::{Read, Write};
    let body = "label=Demo-tablet";
    let request = format!(
        "POST /admin/devices/codes HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {DEMO_TOKEN}\r\n\
         Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = None;
    for _ in 0..100 {
        match std::net::TcpStream::connect(addr) {
            Ok(s) => {
                stream = Some(s);
                break;
            }
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(100)),
        }
    }
    let mut stream = stream.ok_or("the collector did not start")?;
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .map_err(|e| e.to_string())?;
    let json = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    value["code"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("no code in the answer: {json}"))
}

/// Per-client limits for a collector whose every client is on this
/// machine: the demo's and the end-to-end tests' (also for the collectors
/// the tests start themselves, which inherit Playwright's environment).
pub const ONE_ADDRESS_LIMITS: &[(&str, &str)] = &[
    ("LOKALFORM_CLIENT_RATE_LIMIT", "100000"),
    ("LOKALFORM_CLIENT_RATE_BURST", "10000"),
    ("LOKALFORM_MAX_CONNECTIONS_PER_CLIENT", "1000"),
];

/// Starts the collector binary `bin`.
pub fn start_collector(
    bin: &std::path::Path,
    listen: &str,
    db: &std::path::Path,
    origin: &str,
    token: &str,
) -> Result<std::process::Child> {
    Command::new(bin)
        .current_dir(root())
        .env("LOKALFORM_LISTEN", listen)
        .env("LOKALFORM_DB", db)
        .env("LOKALFORM_FORMS", root().join("forms"))
        .env("LOKALFORM_ADMIN_TOKEN", token)
        .env("LOKALFORM_ALLOW_ORIGINS", origin)
        // Every browser here is one client (127.0.0.1); the end-to-end
        // tests submit faster than one citizen would.
        .envs(ONE_ADDRESS_LIMITS.iter().copied())
        .spawn()
        .map_err(|e| format!("cannot start the collector: {e}"))
}
