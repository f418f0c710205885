//! Backup and restore, with the README's commands, on both databases:
//! write, back up while the collector runs, restore into a fresh
//! database, and the restored collector shows the same reports and still
//! knows every receipt.

#[macro_use]
mod common;

use common::{collector_command, key, web, Db, Workspace, NO_LIMITS};
use lokalform_collector_support::pg_cluster::PgCluster;
use std::process::Command;

const INC: &str = "/api/v1/increments";
const BATCH: &str = "/api/v1/batches";

/// A cohort round as the README's example sends it, with how they heard.
const COHORT: &str = r#"{"municipality":"Vejle Kommune","programme":"Peer-mentorprojektet","round":"2026-2",
  "reports":[{"instrument":"lsns6","version":1,"min_cell":5,
    "with_both":{"label":"10","value":10},
    "lacking":{"withheld":false,"total":{"label":"0","value":0},"before":{"label":"0","value":0},
               "after":{"label":"0","value":0},"both":{"label":"0","value":0}},
    "mean_before":10,"mean_after":12,"mean_change":2,"ci95_low":0,"ci95_high":4,
    "at_risk_before":{"withheld":false,"total":{"label":"10","value":10},
                      "at_risk":{"label":"5","value":5},"not_at_risk":{"label":"5","value":5},"share":0.5},
    "at_risk_after":{"withheld":false,"total":{"label":"10","value":10},
                     "at_risk":{"label":"0","value":0},"not_at_risk":{"label":"10","value":10},"share":0}}],
  "heard_from":[{"channel":"press","count":{"label":"7","value":7}}]}"#;

/// Every report and export the collector publishes.
const REPORTS: [&str; 6] = [
    "/admin/report.json",
    "/admin/report.csv",
    "/admin/cohorts.json",
    "/admin/cohorts.csv",
    "/admin/channels.csv",
    "/admin",
];

fn run(command: &mut Command) {
    let output = command.output().expect("run");
    assert!(
        output.status.success(),
        "{command:?}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

async fn backup_and_restore(db: Db) {
    let ws = Workspace::on(db);
    let server = ws.start(NO_LIMITS);
    for n in 0..30 {
        let answers = [("overall", ["2", "3", "4"][n % 3]), ("heard", "yes")];
        let r = server.post(INC, &web(&key(n), &answers)).await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let batch = r#"{"form":"feedback","version":2,"key":"backup-batch-key-0001","responses":8,
        "counts":{"overall":{"5":8}},"comments":["Godt møde"]}"#;
    assert_eq!(server.post(BATCH, batch).await.status, 200);
    let r = server.post("/api/v1/cohorts", COHORT).await;
    assert_eq!(r.status, 200, "{}", r.text());

    // Back up while the collector runs, as the README says.
    let restored = Workspace::on(db);
    let file = ws.path().join("backup");
    match db {
        Db::Sqlite => {
            run(collector_command()
                .arg("--db")
                .arg(ws.db())
                .arg("backup")
                .arg(&file));
            // Restore: the backup is the database file of the new collector.
            std::fs::copy(&file, restored.db()).expect("copy");
        }
        Db::Postgres => {
            // The collector's own backup is for SQLite; it says what to use.
            let output = collector_command()
                .args(ws.database_args())
                .arg("backup")
                .arg(&file)
                .output()
                .expect("run");
            assert_eq!(output.status.code(), Some(2));
            assert!(String::from_utf8_lossy(&output.stderr).contains("pg_dump --format=custom"));
            let cluster = PgCluster::shared();
            run(cluster
                .client_command("pg_dump")
                .args(["--format=custom", "--file"])
                .arg(&file)
                .arg(ws.postgres_url().expect("url")));
            run(cluster
                .client_command("pg_restore")
                .args(["--no-owner", "--exit-on-error", "--dbname"])
                .arg(restored.postgres_url().expect("url"))
                .arg(&file));
        }
    }
    let again = restored.start(&[]);
    for path in REPORTS {
        let (before, after) = (server.admin(path).await, again.admin(path).await);
        assert_eq!(after.status, 200, "{path}");
        assert_eq!(after.text(), before.text(), "{path}");
    }
    assert!(again.admin("/admin/report.json").await.json()["forms"][0]["responses"]["value"] == 38);
    // The receipts came along: a late retry still counts once.
    let retry = again.post(INC, &web(&key(4), &[("heard", "yes")])).await;
    assert_eq!(retry.json()["status"], "duplicate");
    // The backup command refuses to overwrite a file.
    if db == Db::Sqlite {
        let output = collector_command()
            .arg("--db")
            .arg(ws.db())
            .arg("backup")
            .arg(&file)
            .output()
            .expect("run");
        assert!(!output.status.success());
        assert!(String::from_utf8_lossy(&output.stderr).contains("exists already"));
    }
}

on_both_databases! {
    #[tokio::test] backup_and_restore,
}
