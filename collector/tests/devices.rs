//! Enrolled tablets: one-time enrollment codes from the dashboard, the
//! device credential every kiosk batch needs, revoking, the largest batch
//! and the daily ceiling per tablet, on SQLite and on PostgreSQL.

#[macro_use]
mod common;

use common::{assert_refused, key, Db, Workspace, BATCH_ROUTE, NO_LIMITS, TOKEN};
use lokalform_collector_support::enroll::issue_code;
use lokalform_collector_support::http1;

const DEVICES: &str = "/api/v1/devices";

/// A kiosk batch of `n` responses to the feedback form, all "yes".
fn batch(key: &str, n: u32) -> String {
    serde_json::json!({
        "form": "feedback", "version": 2, "key": key, "responses": n,
        "counts": { "heard": { "yes": n } }
    })
    .to_string()
}

/// Exchanges `code` for a device credential.
async fn redeem(server: &common::Server, code: &str) -> http1::Response {
    let body = serde_json::json!({ "code": code }).to_string();
    server.post(DEVICES, &body).await
}

/// Responses counted, over every week and form.
async fn counted(ws: &Workspace) -> i64 {
    ws.count("SELECT SUM(count) FROM responses").await
}

/// `GET /admin/devices.json`'s list.
async fn devices(server: &common::Server) -> Vec<serde_json::Value> {
    let r = server.admin("/admin/devices.json").await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["devices"].as_array().expect("devices").clone()
}

/// The collector's UTC day, as the tests' clock says it.
fn today() -> String {
    lokalform_collector::week::Clock::system().date()
}

async fn a_code_enrolls_one_tablet_once_and_its_batches_count(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(NO_LIMITS);
    let bearer = format!("Bearer {TOKEN}");
    let r = server
        .send_raw(
            "POST",
            "/admin/devices/codes",
            &[
                ("Authorization", &bearer),
                ("Accept", "application/json"),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            "label=Caf%C3%A9-tablet+1".as_bytes(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let issued = r.json();
    let code = issued["code"].as_str().expect("code").to_string();
    assert_eq!(issued["label"], "Café-tablet 1");
    let groups: Vec<&str> = code.split('-').collect();
    assert!(
        groups.len() == 3
            && groups.iter().all(|g| g.len() == 4
                && g.bytes()
                    .all(|b| b"ABCDEFGHJKMNPQRSTUVWXYZ23456789".contains(&b))),
        "{code}"
    );
    let expires = issued["expires"].as_str().expect("expires");
    assert!(expires.ends_with('Z') && expires.len() == 20, "{expires}");
    // Only the hash is stored.
    let stored = ws
        .text_rows("SELECT code_hash, label FROM enrollment_codes")
        .await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0][0].len(), 64);
    assert!(!stored[0][0].contains(&code.replace('-', "")));

    // Typed in lower case with a space: case, spaces and dashes do not matter.
    let typed = format!("{} {}", groups[0].to_lowercase(), &code[5..]);
    let r = redeem(&server, &typed).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let enrolled = r.json();
    let device = enrolled["device"].as_str().expect("device").to_string();
    let token = enrolled["token"].as_str().expect("token").to_string();
    assert_eq!(enrolled["label"], "Café-tablet 1");
    assert!(device.len() == 16 && device.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(token.len(), 43, "32 bytes in base64url");
    // The code is gone; the token is stored only as its hash.
    assert_eq!(ws.count("SELECT COUNT(*) FROM enrollment_codes").await, 0);
    let rows = ws
        .text_rows("SELECT id, label, token_hash FROM devices")
        .await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0], device);
    assert_eq!(rows[0][2].len(), 64);
    assert_ne!(rows[0][2], token);

    // The same code again: refused, with the one answer for every bad code.
    let again = redeem(&server, &code).await;
    assert_refused(&again, "code twice", 403, "enrollment_code_unknown", None);
    let unknown = redeem(&server, "ABCD-EFGH-JKMN").await;
    assert_eq!(unknown.json(), again.json());
    let malformed = redeem(&server, "0000").await;
    assert_eq!(malformed.json(), again.json());
    let r = server.post(DEVICES, "{}").await;
    assert_refused(&r, "no code", 422, "invalid_payload", Some("code"));
    assert_eq!(ws.count("SELECT COUNT(*) FROM devices").await, 1);

    // Its batches count, and the dashboard's list says so.
    let credential = format!("Bearer {device}.{token}");
    let r = server.post_batch(&credential, &batch(&key(1), 6)).await;
    assert_eq!(r.json()["status"], "received", "{}", r.text());
    assert_eq!(counted(&ws).await, 6);
    let list = devices(&server).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], device.as_str());
    assert_eq!(list[0]["label"], "Café-tablet 1");
    assert_eq!(list[0]["enrolled"], today().as_str());
    assert_eq!(list[0]["last_batch"], today().as_str());
    assert_eq!(list[0]["responses_today"], 6);
    assert_eq!(list[0]["revoked"], false);
}

async fn an_expired_code_is_refused(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(NO_LIMITS);
    let code = issue_code(server.addr, TOKEN, "Værksted")
        .await
        .expect("code");
    ws.execute("UPDATE enrollment_codes SET expires = expires - 86401")
        .await;
    let r = redeem(&server, &code).await;
    assert_refused(&r, "expired", 403, "enrollment_code_unknown", None);
    assert_eq!(ws.count("SELECT COUNT(*) FROM devices").await, 0);
    // A code one second from its end still works.
    let code = issue_code(server.addr, TOKEN, "Værksted")
        .await
        .expect("code");
    ws.execute("UPDATE enrollment_codes SET expires = expires - 86390")
        .await;
    assert_eq!(redeem(&server, &code).await.status, 201);
}

async fn a_batch_without_a_valid_device_credential_is_refused_and_nothing_counted(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(NO_LIMITS);
    let tablet = server.enroll("Café-tablet 1").await;
    let (device, token) = tablet
        .strip_prefix("Bearer ")
        .and_then(|c| c.split_once('.'))
        .expect("credential");
    let before = ws.snapshot().await;
    let wrong_token = format!("Bearer {device}.{}", "A".repeat(43));
    let unknown_device = format!("Bearer 0123456789abcdef.{token}");
    let admin = format!("Bearer {TOKEN}");
    for (case, authorization) in [
        ("no credential", None),
        ("a wrong token", Some(wrong_token.as_str())),
        ("an unknown device", Some(unknown_device.as_str())),
        ("the admin token", Some(admin.as_str())),
        ("a device id alone", Some(&tablet[..23])),
    ] {
        let mut headers = vec![("Content-Type", "application/json")];
        if let Some(a) = authorization {
            headers.push(("Authorization", a));
        }
        let r = server
            .send_raw("POST", BATCH_ROUTE, &headers, batch(&key(1), 5).as_bytes())
            .await;
        assert_refused(&r, case, 401, "device_not_enrolled", None);
        assert!(
            r.json()["message"]
                .as_str()
                .unwrap_or_default()
                .contains("tilmeldingskode"),
            "{case}: {}",
            r.text()
        );
        assert_eq!(
            r.header("www-authenticate"),
            Some(r#"Bearer realm="lokalform-devices""#),
            "{case}"
        );
    }
    // Even a body that is not JSON hears that the tablet is not enrolled.
    let r = server
        .send_raw(
            "POST",
            BATCH_ROUTE,
            &[("Content-Type", "application/json")],
            b"{",
        )
        .await;
    assert_refused(&r, "not JSON", 401, "device_not_enrolled", None);
    assert_eq!(ws.snapshot().await, before);
    assert_eq!(devices(&server).await[0]["responses_today"], 0);
    // Web responses need no credential, as before.
    let web = common::web(&key(2), &[("heard", "yes")]);
    assert_eq!(server.post("/api/v1/increments", &web).await.status, 200);
}

async fn a_revoked_tablet_is_refused_and_its_next_batch_not_counted(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(NO_LIMITS);
    let tablet = server.enroll("Café-tablet 1").await;
    let other = server.enroll("Værksted 2").await;
    assert_eq!(
        server.post_batch(&tablet, &batch(&key(1), 5)).await.status,
        200
    );
    let id = devices(&server)
        .await
        .iter()
        .find(|d| d["label"] == "Café-tablet 1")
        .map(|d| d["id"].as_str().unwrap_or_default().to_string())
        .expect("device");
    // The dashboard's button: a form POST, answered 303 back to the list.
    let basic = basic();
    let r = server
        .send_raw(
            "POST",
            &format!("/admin/devices/{id}/revoke"),
            &[
                ("Authorization", &basic),
                ("Sec-Fetch-Site", "same-origin"),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            b"",
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), Some("/admin#tabletter"));

    let before = ws.snapshot().await;
    let r = server.post_batch(&tablet, &batch(&key(2), 5)).await;
    assert_refused(&r, "revoked", 403, "device_revoked", None);
    assert_eq!(ws.snapshot().await, before);
    assert_eq!(counted(&ws).await, 5);
    let list = devices(&server).await;
    let revoked = list
        .iter()
        .find(|d| d["id"] == id.as_str())
        .expect("listed");
    assert_eq!(revoked["revoked"], true);
    assert_eq!(revoked["responses_today"], 5);
    // The other tablet goes on.
    assert_eq!(
        server.post_batch(&other, &batch(&key(3), 5)).await.status,
        200
    );
    // Revoking by script (JSON); an unknown id is 404.
    let bearer = format!("Bearer {TOKEN}");
    let json_headers = [
        ("Authorization", bearer.as_str()),
        ("Accept", "application/json"),
    ];
    let r = server
        .send_raw(
            "POST",
            &format!("/admin/devices/{id}/revoke"),
            &json_headers,
            b"",
        )
        .await;
    assert_eq!(r.json()["revoked"], true, "{}", r.text());
    let r = server
        .send_raw(
            "POST",
            "/admin/devices/0000000000000000/revoke",
            &json_headers,
            b"",
        )
        .await;
    assert_refused(&r, "unknown device", 404, "unknown_device", None);
    // Without the admin token nothing is revoked.
    let r = server
        .send_raw("POST", &format!("/admin/devices/{id}/revoke"), &[], b"")
        .await;
    assert_eq!(r.status, 401);
}

async fn a_batch_over_the_largest_is_refused(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&[NO_LIMITS, &["--max-batch-responses", "10"]].concat());
    let tablet = server.enroll("Café-tablet 1").await;
    assert_eq!(
        server.post_batch(&tablet, &batch(&key(1), 10)).await.status,
        200
    );
    let before = ws.snapshot().await;
    let r = server.post_batch(&tablet, &batch(&key(2), 11)).await;
    assert_refused(&r, "11 of 10", 422, "batch_too_large", Some("responses"));
    assert_eq!(ws.snapshot().await, before);
    assert_eq!(devices(&server).await[0]["responses_today"], 10);
}

async fn the_daily_ceiling_refuses_until_midnight_and_a_replay_is_never_charged(db: Db) {
    let ws = Workspace::on(db);
    let limits = [
        "--max-batch-responses",
        "10",
        "--device-daily-responses",
        "12",
    ];
    let server = ws.start(&[NO_LIMITS, &limits[..]].concat());
    let tablet = server.enroll("Café-tablet 1").await;
    let other = server.enroll("Værksted 2").await;
    let first = batch(&key(1), 6);
    assert_eq!(
        server.post_batch(&tablet, &first).await.json()["status"],
        "received"
    );
    // A replay is answered as before and not charged.
    assert_eq!(
        server.post_batch(&tablet, &first).await.json()["status"],
        "duplicate"
    );
    let today = |list: Vec<serde_json::Value>, label: &str| {
        list.iter()
            .find(|d| d["label"] == label)
            .map(|d| d["responses_today"].as_u64().unwrap_or(99))
    };
    assert_eq!(today(devices(&server).await, "Café-tablet 1"), Some(6));
    assert_eq!(
        server.post_batch(&tablet, &batch(&key(2), 6)).await.status,
        200
    );
    assert_eq!(today(devices(&server).await, "Café-tablet 1"), Some(12));

    let before = ws.snapshot().await;
    let r = server.post_batch(&tablet, &batch(&key(3), 5)).await;
    assert_refused(&r, "over the ceiling", 429, "device_daily_ceiling", None);
    let wait: i64 = r
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    let clock = lokalform_collector::week::Clock::system();
    assert!(
        (1..=86_400).contains(&wait) && (wait - clock.seconds_to_midnight()).abs() <= 2,
        "{wait}"
    );
    assert_eq!(ws.snapshot().await, before);
    assert_eq!(counted(&ws).await, 12);
    // A replay of a counted batch is still a duplicate at the ceiling.
    assert_eq!(
        server.post_batch(&tablet, &first).await.json()["status"],
        "duplicate"
    );
    assert_eq!(today(devices(&server).await, "Café-tablet 1"), Some(12));
    // The ceiling is per tablet.
    assert_eq!(
        server.post_batch(&other, &batch(&key(4), 5)).await.status,
        200
    );
    assert_eq!(counted(&ws).await, 17);
}

async fn the_dashboard_makes_codes_lists_tablets_and_refuses_other_sites(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(NO_LIMITS);
    let basic = basic();
    let form = [
        ("Authorization", basic.as_str()),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    // The client sends `Host: <its address>`; the dashboard's own origin.
    let own_origin = format!("http://{}", server.addr);
    let body = b"label=%3Cb%3ECaf%C3%A9%3C%2Fb%3E";
    // From another site: refused, whether the browser says so with
    // Sec-Fetch-Site or only with Origin.
    for (case, header) in [
        ("cross-site", ("Sec-Fetch-Site", "cross-site")),
        ("same-site", ("Sec-Fetch-Site", "same-site")),
        ("another origin", ("Origin", "https://evil.example")),
    ] {
        let mut headers = form.to_vec();
        headers.push(header);
        let r = server
            .send_raw("POST", "/admin/devices/codes", &headers, body)
            .await;
        assert_refused(&r, case, 403, "cross_site", None);
    }
    assert_eq!(ws.count("SELECT COUNT(*) FROM enrollment_codes").await, 0);
    // From the dashboard itself: the code, shown once, large.
    for header in [
        ("Sec-Fetch-Site", "same-origin"),
        ("Origin", own_origin.as_str()),
    ] {
        let mut headers = form.to_vec();
        headers.push(header);
        let r = server
            .send_raw("POST", "/admin/devices/codes", &headers, body)
            .await;
        assert_eq!(r.status, 201, "{header:?}: {}", r.text());
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert!(r
            .header("content-security-policy")
            .is_some_and(|p| p.starts_with("default-src 'none'")));
        let page = r.text();
        assert!(page.contains("<p class=\"code\""), "{page}");
        assert!(
            page.contains("Åbn personalevisningen på tabletten og skriv koden"),
            "{page}"
        );
        assert!(page.contains("&lt;b&gt;Café&lt;/b&gt;"), "{page}");
        assert!(!page.contains("<b>Café"), "{page}");
        assert!(!page.contains("<script"), "{page}");
    }
    // An empty or too long label is refused.
    for label in ["label=", "label=++", &format!("label={}", "x".repeat(61))] {
        let r = server
            .send_raw("POST", "/admin/devices/codes", &form, label.as_bytes())
            .await;
        assert_refused(&r, label, 422, "invalid_label", Some("label"));
    }
    // The section on the dashboard: the form, and the table with a
    // button per active tablet.
    let tablet = server.enroll("Værksted 2").await;
    let revoked = server.enroll("Gammel tablet").await;
    let id = revoked[7..23].to_string();
    let bearer = format!("Bearer {TOKEN}");
    let r = server
        .send_raw(
            "POST",
            &format!("/admin/devices/{id}/revoke"),
            &[("Authorization", &bearer)],
            b"",
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        server.post_batch(&tablet, &batch(&key(1), 5)).await.status,
        200
    );
    let page = server.admin("/admin").await;
    assert!(page
        .header("content-security-policy")
        .is_some_and(|p| !p.contains("unsafe-inline")));
    let html = page.text();
    let section = &html[html
        .find("<h2 id=\"tabletter\">Tabletter</h2>")
        .expect("section")..];
    assert!(section.contains("<label for=\"device-label\">Tablettens navn</label>"));
    assert!(section.contains("aldrig en persons navn"));
    assert!(section.contains("<th scope=\"col\">Svar i dag (UTC)</th>"));
    assert!(section.contains("<th scope=\"row\">Værksted 2</th>"));
    assert!(section.contains("aria-label=\"Tilbagekald Værksted 2\""));
    assert!(!section.contains("aria-label=\"Tilbagekald Gammel tablet\""));
    assert!(section.contains("Tilbagekaldt"));
    assert!(!html.contains("<script") && !html.contains(" style="));
}

async fn enrollment_is_charged_to_the_rate_limit(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&["--client-rate-limit", "60", "--client-rate-burst", "3"]);
    for n in 0..3 {
        let r = redeem(&server, "ABCD-EFGH-JKMN").await;
        assert_eq!(r.status, 403, "try {n}");
    }
    let r = redeem(&server, "ABCD-EFGH-JKMN").await;
    assert_refused(&r, "fourth guess", 429, "rate_limited", None);
}

async fn the_preflight_allows_the_device_headers(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(&["--allow-origin", "https://kommune.example"]);
    for path in [BATCH_ROUTE, DEVICES] {
        let r = server
            .send_raw(
                "OPTIONS",
                path,
                &[
                    ("Origin", "https://kommune.example"),
                    ("Access-Control-Request-Method", "POST"),
                    (
                        "Access-Control-Request-Headers",
                        "authorization,content-type,lokalform-device-week",
                    ),
                ],
                b"",
            )
            .await;
        assert_eq!(r.status, 200, "{path}");
        let allowed = r
            .header("access-control-allow-headers")
            .unwrap_or_default()
            .to_lowercase();
        for header in ["authorization", "content-type", "lokalform-device-week"] {
            assert!(allowed.contains(header), "{path}: {allowed}");
        }
    }
}

on_both_databases!(
    #[tokio::test]
    a_code_enrolls_one_tablet_once_and_its_batches_count,
    #[tokio::test]
    an_expired_code_is_refused,
    #[tokio::test]
    a_batch_without_a_valid_device_credential_is_refused_and_nothing_counted,
    #[tokio::test]
    a_revoked_tablet_is_refused_and_its_next_batch_not_counted,
    #[tokio::test]
    a_batch_over_the_largest_is_refused,
    #[tokio::test]
    the_daily_ceiling_refuses_until_midnight_and_a_replay_is_never_charged,
    #[tokio::test]
    the_dashboard_makes_codes_lists_tablets_and_refuses_other_sites,
    #[tokio::test]
    enrollment_is_charged_to_the_rate_limit,
    #[tokio::test]
    the_preflight_allows_the_device_headers,
);

/// Two instances on one PostgreSQL database: of two requests for one
/// code, one to each at the same moment, exactly one enrolls; and the
/// daily ceiling holds across both.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_race_for_one_code_and_share_the_ceiling() {
    let ws = Workspace::on(Db::Postgres);
    let limits = [
        "--max-batch-responses",
        "10",
        "--device-daily-responses",
        "50",
    ];
    let a = ws.start(&[NO_LIMITS, &limits[..]].concat());
    let b = ws.start(&[NO_LIMITS, &limits[..]].concat());
    for round in 0..20 {
        let code = issue_code(a.addr, TOKEN, "Café-tablet 1")
            .await
            .expect("code");
        let (x, y) = tokio::join!(redeem(&a, &code), redeem(&b, &code));
        let mut statuses = [x.status, y.status];
        statuses.sort_unstable();
        assert_eq!(statuses, [201, 403], "round {round}");
    }
    assert_eq!(ws.count("SELECT COUNT(*) FROM devices").await, 20);

    // 20 batches of 5 from one tablet, spread over both at once: 10 fit.
    let tablet = a.enroll("Værksted 2").await;
    let sends: Vec<_> = (0..20)
        .map(|n| {
            let (addr, tablet) = (if n % 2 == 0 { a.addr } else { b.addr }, tablet.clone());
            tokio::spawn(async move {
                let body = batch(&key(n), 5);
                http1::request(
                    addr,
                    "POST",
                    BATCH_ROUTE,
                    &[
                        ("Content-Type", "application/json"),
                        ("Authorization", &tablet),
                    ],
                    body.as_bytes(),
                )
                .await
                .expect("request")
                .status
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for send in sends {
        statuses.push(send.await.expect("task"));
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        10,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        10,
        "{statuses:?}"
    );
    assert_eq!(counted(&ws).await, 50);
}

/// The admin's HTTP Basic header, as a browser sends it.
fn basic() -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("admin:{TOKEN}"))
    )
}
