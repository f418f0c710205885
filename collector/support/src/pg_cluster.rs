//! A throwaway PostgreSQL cluster for the collector's tests and benchmark.
//!
//! It uses Debian's `postgresql` package (the binaries in
//! `/usr/lib/postgresql/<version>/bin`, newest version first, or the folder
//! in `LOKALFORM_PG_BIN`): `initdb` into a temporary folder, `pg_ctl start`
//! listening on 127.0.0.1 on a free port (and a socket in the same
//! folder), trust authentication for the `postgres` user. PostgreSQL
//! refuses to run as root, so as root every server command runs as the
//! `postgres` user through `runuser`, and the folder belongs to it.
//!
//! The cluster stops, and its folder is removed, when the [`PgCluster`] is
//! dropped, and also when the process ends any other way (a panic outside a
//! test, `kill -9`): a small guardian shell process waits for the end of a
//! pipe that only this process holds, and stops the cluster when the pipe
//! closes. [`PgCluster::shared`] starts one cluster per process (a test
//! binary), which only the guardian stops.
//!
//! Missing binaries are an error with what to install, never a silent skip.

use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// How the cluster treats durability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// `fsync=off`, `synchronous_commit=off`: fast, for tests (the cluster
    /// is thrown away; a crash of the collector, not of the machine, is what
    /// the tests simulate).
    Fast,
    /// PostgreSQL's defaults: every commit is on disk (for the benchmark).
    Durable,
}

/// A running throwaway cluster.
pub struct PgCluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
    databases: AtomicUsize,
    /// The guardian: stops the cluster when its standard input closes.
    guardian: Mutex<Option<(Child, ChildStdin)>>,
}

/// What to install when the binaries are missing.
const MISSING: &str = "PostgreSQL's server binaries were not found \
     (looked for /usr/lib/postgresql/*/bin/initdb and LOKALFORM_PG_BIN). The collector's \
     tests run against SQLite and PostgreSQL: install Debian's package with \
     `apt-get install postgresql` (.ci/run does), or set LOKALFORM_PG_BIN to the folder \
     holding initdb and pg_ctl.";

impl PgCluster {
    /// The one cluster of this process, started on first use with
    /// [`Durability::Fast`]. Panics with what to install when PostgreSQL is
    /// missing, so a test fails rather than skips.
    pub fn shared() -> &'static PgCluster {
        static SHARED: OnceLock<PgCluster> = OnceLock::new();
        SHARED.get_or_init(|| match PgCluster::start(Durability::Fast) {
            Ok(cluster) => cluster,
            Err(e) => panic!("{e}"),
        })
    }

    /// Starts a new cluster in a temporary folder.
    pub fn start(durability: Durability) -> Result<PgCluster, String> {
        let bin = find_bin()?;
        let as_postgres = running_as_root();
        // As root, in /tmp: the `postgres` user must reach the folder, and a
        // TMPDIR under /root would not let it.
        let base = if as_postgres {
            PathBuf::from("/tmp")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!(
            "lokalform-pg-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0)
        ));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        if as_postgres {
            run(Command::new("chown").arg("postgres:").arg(&dir))?;
        }
        // From here on the guardian removes the folder whatever happens.
        let mut cluster = PgCluster {
            bin,
            dir,
            port: 0,
            as_postgres,
            databases: AtomicUsize::new(0),
            guardian: Mutex::new(None),
        };
        cluster.spawn_guardian()?;
        let data = cluster.data();
        run(cluster
            .server_command("initdb")
            .arg("-D")
            .arg(&data)
            .args(["-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"])
            .arg("--no-sync"))?;
        let mut options = vec![
            "-c listen_addresses=127.0.0.1".to_string(),
            format!("-k {}", cluster.dir.display()),
            "-c max_connections=300".to_string(),
            "-c shared_buffers=128MB".to_string(),
        ];
        if durability == Durability::Fast {
            options.extend(
                [
                    "fsync=off",
                    "synchronous_commit=off",
                    "full_page_writes=off",
                ]
                .map(|o| format!("-c {o}")),
            );
        }
        let mut last_error = String::new();
        for _ in 0..5 {
            let port = free_port()?;
            let started = run(cluster
                .server_command("pg_ctl")
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(cluster.dir.join("server.log"))
                .args(["-w", "-t", "60", "-o"])
                .arg(format!("-p {port} {}", options.join(" ")))
                .arg("start"));
            match started {
                Ok(()) => {
                    cluster.port = port;
                    return Ok(cluster);
                }
                // Most likely the port was taken in the meantime.
                Err(e) => last_error = e,
            }
        }
        let log = std::fs::read_to_string(cluster.dir.join("server.log")).unwrap_or_default();
        Err(format!(
            "cannot start PostgreSQL: {last_error}\nserver log:\n{log}"
        ))
    }

    /// The port it listens on, on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The folder of its Unix socket.
    pub fn socket_dir(&self) -> &Path {
        &self.dir
    }

    /// The URL of database `name`.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// Creates a new, empty database and returns its URL.
    pub fn create_database(&self) -> Result<String, String> {
        let n = self.databases.fetch_add(1, Ordering::Relaxed);
        let name = format!("lokalform_{n}");
        run(Command::new(self.bin.join("createdb"))
            .args(["-h", "127.0.0.1", "-U", "postgres", "-p"])
            .arg(self.port.to_string())
            .arg(&name))?;
        Ok(self.url(&name))
    }

    /// A command for one of the cluster's client programs (`pg_dump`,
    /// `psql`, ...), with the cluster's host, port and user in its
    /// environment.
    pub fn client_command(&self, program: &str) -> Command {
        let mut command = Command::new(self.bin.join(program));
        command
            .env("PGHOST", "127.0.0.1")
            .env("PGPORT", self.port.to_string())
            .env("PGUSER", "postgres");
        command
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// A server program, run as `postgres` when this process is root.
    fn server_command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(path);
            command
        } else {
            Command::new(path)
        }
    }

    /// Starts the shell that stops the cluster and removes its folder once
    /// its standard input reaches its end: when this process drops the
    /// cluster or ends, however it ends.
    fn spawn_guardian(&mut self) -> Result<(), String> {
        let quote = |p: &Path| format!("'{}'", p.display().to_string().replace('\'', r"'\''"));
        let pg_ctl = quote(&self.bin.join("pg_ctl"));
        let as_user = if self.as_postgres {
            "runuser -u postgres -- "
        } else {
            ""
        };
        let script = format!(
            "cat >/dev/null; \
             if [ -f {data}/postmaster.pid ]; then {as_user}{pg_ctl} -D {data} -m immediate -w stop >/dev/null 2>&1; fi; \
             rm -rf {dir}",
            data = quote(&self.data()),
            dir = quote(&self.dir),
        );
        // In a process group of its own, so a Ctrl-C to the tests does not
        // end it before it has stopped the cluster.
        let mut child = Command::new("sh")
            .args(["-c", &script])
            .process_group(0)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the guardian shell: {e}"))?;
        let stdin = child
            .stdin
            .take()
            .ok_or("the guardian shell has no standard input")?;
        self.guardian = Mutex::new(Some((child, stdin)));
        Ok(())
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let taken = self
            .guardian
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        if let Some((mut child, stdin)) = taken {
            drop(stdin);
            let _ = child.wait();
        }
    }
}

/// The folder with `initdb`, `pg_ctl` and `createdb`.
fn find_bin() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("LOKALFORM_PG_BIN") {
        let dir = PathBuf::from(dir);
        return if dir.join("initdb").is_file() {
            Ok(dir)
        } else {
            Err(MISSING.to_string())
        };
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| MISSING.to_string())?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions
        .pop()
        .map(|(_, bin)| bin)
        .ok_or_else(|| MISSING.to_string())
}

/// Whether this process runs as root (`/proc/self` belongs to the
/// process's user).
fn running_as_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

/// Runs a command to its end; its output is the error when it fails.
fn run(command: &mut Command) -> Result<(), String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let mut output = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut output);
    }
    let status = child
        .wait()
        .map_err(|e| format!("cannot wait for {command:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed ({status}): {output}"))
    }
}
