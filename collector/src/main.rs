//! `lokalform-collector`: see the crate documentation and README.md.

use clap::Parser;
use lokalform_collector::config::{Args, Command, Database};
use lokalform_collector::{server, store};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(Command::Backup { to }) = &args.command {
        return backup(&args, to);
    }
    let config = match args.into_config() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("lokalform-collector: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("lokalform-collector: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let prepared = match server::prepare(&config).await {
            Ok(prepared) => prepared,
            Err(e) => {
                eprintln!("lokalform-collector: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!("{}", prepared.banner);
        match prepared.serve(shutdown_signal()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("lokalform-collector: the server stopped: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

/// `lokalform-collector backup FILE`: SQLite's online backup into a new
/// file; for PostgreSQL, says to use pg_dump.
fn backup(args: &Args, to: &Path) -> ExitCode {
    match args.database() {
        Ok(Database::Sqlite(from)) => match store::backup_sqlite(&from, to) {
            Ok(()) => {
                println!("backed up {} to {}", from.display(), to.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("lokalform-collector: {e}");
                ExitCode::FAILURE
            }
        },
        Ok(Database::Postgres(_)) => {
            eprintln!(
                "lokalform-collector: back up a PostgreSQL database with pg_dump: \
                 pg_dump --format=custom --file=FILE \"$DATABASE_URL\" (see the README)."
            );
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("lokalform-collector: {e}");
            ExitCode::from(2)
        }
    }
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
