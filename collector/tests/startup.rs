//! Start-up checks of the real binary: refusals with clear messages, and the
//! defaults that make a first run work. Each runs on both databases, but
//! for the two about what only one of them has (a PostgreSQL URL that
//! cannot be reached or read, and the password in one).

#[macro_use]
mod common;

use common::{collector_command, Db, Server, Workspace};
use lokalform_collector_support::pg_cluster::PgCluster;
use std::process::Output;

fn run(ws: &Workspace, args: &[&str], envs: &[(&str, &str)]) -> Output {
    collector_command()
        .current_dir(ws.path())
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .envs(envs.iter().copied())
        .output()
        .expect("run the collector")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `args` after the workspace's database flags.
fn on_db(ws: &Workspace, args: &[&str]) -> Vec<String> {
    let mut all = ws.database_args();
    all.extend(args.iter().map(|a| a.to_string()));
    all
}

/// Nothing was created: no default SQLite file, no table in the
/// PostgreSQL database.
async fn assert_no_database(ws: &Workspace) {
    assert!(!ws.path().join("lokalform-collector.sqlite").exists());
    assert!(!ws.db().exists());
    if ws.kind() == Db::Postgres {
        assert_eq!(ws.tables().await, Vec::<String>::new());
    }
}

async fn production_without_a_token_refuses_to_start(db: Db) {
    let ws = Workspace::on(db);
    for (args, envs) in [
        (vec!["--production"], vec![]),
        (vec![], vec![("LOKALFORM_PRODUCTION", "1")]),
    ] {
        let args = on_db(&ws, &args);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = run(&ws, &args, &envs);
        assert!(!output.status.success());
        let err = stderr(&output);
        assert!(
            err.contains("Production mode needs an admin token"),
            "{err}"
        );
        assert!(err.contains("LOKALFORM_ADMIN_TOKEN"), "{err}");
    }
    assert_no_database(&ws).await;
}

async fn a_bad_form_definition_stops_start_up_with_file_and_paths(db: Db) {
    let ws = Workspace::on(db);
    std::fs::write(
        ws.forms().join("broken.json"),
        r#"{"id":"broken","version":1,"title":{"da":"X"},"fields":[
            {"id":"q","type":"choice","label":{"da":"Q"},"options":[{"value":"a","label":{"da":"A"}}]},
            {"id":"q","type":"comment","label":{"da":""}}]}"#,
    )
    .expect("write");
    let args = on_db(&ws, &[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&ws, &args, &[]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("broken.json"), "{err}");
    assert!(
        err.contains("fields[0].options: a choice field needs at least 2 options"),
        "{err}"
    );
    assert!(err.contains("fields[1].id: duplicate id"), "{err}");
    assert!(
        err.contains("fields[1].label.da: must not be empty"),
        "{err}"
    );
}

#[test]
fn an_unreachable_or_bad_postgres_url_stops_start_up_without_echoing_the_password() {
    let ws = Workspace::new();
    // Port 1 on the loopback address: nothing listens, the refusal is quick.
    let output = run(
        &ws,
        &[],
        &[(
            "DATABASE_URL",
            "postgres://lokal:hemmelig@127.0.0.1:1/lokal",
        )],
    );
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("cannot connect to PostgreSQL at 127.0.0.1:1/lokal"),
        "{err}"
    );
    assert!(!err.contains("hemmelig"), "{err}");
    let output = run(
        &ws,
        &[],
        &[("DATABASE_URL", "postgres://lokal:hemmelig@db:port/lokal")],
    );
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("not a valid PostgreSQL URL"), "{err}");
    assert!(!err.contains("hemmelig"), "{err}");
    assert!(!ws.path().join("lokalform-collector.sqlite").exists());
}

#[tokio::test]
async fn database_url_selects_postgres_and_the_banner_hides_the_password() {
    let ws = Workspace::new();
    let url = PgCluster::shared()
        .create_database()
        .unwrap_or_else(|e| panic!("{e}"));
    // The cluster trusts local connections; the password is only there to
    // check that it is never printed.
    let url = url.replace("postgres@", "postgres:hemmelig@");
    let server = Server::spawn(
        &[
            "--listen".to_string(),
            "127.0.0.1:0".to_string(),
            "--forms".to_string(),
            ws.forms().display().to_string(),
        ],
        &[("DATABASE_URL", &url)],
    );
    let banner = server.banner();
    assert!(banner.contains("(PostgreSQL, group commit"), "{banner}");
    assert!(!banner.contains("hemmelig"), "{banner}");
    assert!(!ws.path().join("lokalform-collector.sqlite").exists());
    let r = server
        .post(
            "/api/v1/increments",
            &common::web(&common::key(1), &[("heard", "yes")]),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(!server.log().contains("hemmelig"));
}

async fn unsafe_settings_are_refused(db: Db) {
    let ws = Workspace::on(db);
    let args = on_db(&ws, &["--min-batch", "3"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&ws, &args, &[]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("at least 5"));
    let output = run(&ws, &args[..2], &[("LOKALFORM_ALLOW_ORIGINS", "*")]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("wildcards are not allowed"));
    assert_no_database(&ws).await;
}

/// With only the database named (as `DATABASE_URL`, the way an operator
/// sets it), the collector creates its tables and prints a generated token
/// once.
async fn defaults_create_the_database_and_print_a_generated_token_once(db: Db) {
    let ws = Workspace::on(db);
    let args: Vec<String> = ["--listen", "127.0.0.1:0"].map(String::from).to_vec();
    let sqlite = ws.path().join("lokalform-collector.sqlite");
    let url = match ws.postgres_url() {
        Some(url) => url.to_string(),
        None => format!("sqlite://{}", sqlite.display()),
    };
    let server = {
        let mut command_args = args.clone();
        // Run in the workspace folder: ./forms and ./lokalform-collector.sqlite.
        command_args.extend(["--forms".to_string(), ws.forms().display().to_string()]);
        Server::spawn(&command_args, &[("DATABASE_URL", &url)])
    };
    let banner = server.banner();
    assert!(banner.contains("dashboard: http://127.0.0.1:"), "{banner}");
    assert!(
        banner.contains("form loaded: feedback version 2"),
        "{banner}"
    );
    let token = banner
        .lines()
        .find_map(|l| {
            l.rsplit_once("): ")
                .filter(|_| l.starts_with("admin token"))
                .map(|(_, t)| t.to_string())
        })
        .expect("a generated token line");
    assert_eq!(banner.matches(&token).count(), 1);
    match db {
        Db::Sqlite => {
            assert!(banner.contains("synchronous=FULL"), "{banner}");
            assert!(sqlite.exists());
        }
        Db::Postgres => {
            assert!(banner.contains("(PostgreSQL, group commit"), "{banner}");
            assert!(!sqlite.exists());
            assert!(ws.tables().await.contains(&"receipts".to_string()));
        }
    }
    let bearer = format!("Bearer {token}");
    let ok = server
        .send(
            "GET",
            "/admin/report.json",
            &[("Authorization", &bearer)],
            b"",
        )
        .await;
    assert_eq!(ok.status, 200);
    assert!(!server.log().contains(&token));
}

on_both_databases! {
    #[tokio::test] production_without_a_token_refuses_to_start,
    #[tokio::test] a_bad_form_definition_stops_start_up_with_file_and_paths,
    #[tokio::test] unsafe_settings_are_refused,
    #[tokio::test] defaults_create_the_database_and_print_a_generated_token_once,
}
