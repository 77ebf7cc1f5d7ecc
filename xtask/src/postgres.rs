//! A PostgreSQL the server's tests can use: the one named by `POLKU_TEST_POSTGRES` if set,
//! else the machine's Debian cluster, started if it is down, with a `polku` role that may
//! create the throw-away databases each test makes.

use anyhow::{bail, Context, Result};
use std::process::{Command, Stdio};

const URL: &str = "postgres://polku:polku@127.0.0.1:5432/postgres";

fn ok(cmd: &mut Command) -> bool {
    cmd.stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Returns the admin URL the tests get as `POLKU_TEST_POSTGRES`.
pub fn ensure() -> Result<String> {
    if let Ok(url) = std::env::var("POLKU_TEST_POSTGRES") {
        return Ok(url);
    }
    if !ok(Command::new("pg_isready").args(["-q", "-h", "127.0.0.1", "-p", "5432"])) {
        start_cluster()?;
    }
    as_postgres(&[
        "psql",
        "-qc",
        "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'polku') THEN \
         CREATE ROLE polku LOGIN CREATEDB PASSWORD 'polku'; END IF; END$$;",
    ])
    .context("creating the polku role in the local PostgreSQL")?;
    Ok(URL.to_owned())
}

fn start_cluster() -> Result<()> {
    let list = Command::new("pg_lsclusters")
        .arg("-h")
        .output()
        .context("pg_lsclusters (package postgresql-common) is missing")?;
    let text = String::from_utf8_lossy(&list.stdout).to_string();
    match text
        .lines()
        .next()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
    {
        Some(cols) if cols.len() >= 2 => {
            eprintln!("starting PostgreSQL cluster {} {}", cols[0], cols[1]);
            run(&["pg_ctlcluster", cols[0], cols[1], "start"])?;
        }
        _ => {
            let version = std::fs::read_dir("/usr/lib/postgresql")
                .context("PostgreSQL is not installed")?
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .max()
                .context("no PostgreSQL version under /usr/lib/postgresql")?;
            eprintln!("creating and starting PostgreSQL cluster {version} main");
            run(&["pg_createcluster", &version, "main", "--start"])?;
        }
    }
    for _ in 0..30 {
        if ok(Command::new("pg_isready").args(["-q", "-h", "127.0.0.1", "-p", "5432"])) {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    bail!("PostgreSQL did not start on 127.0.0.1:5432")
}

fn run(args: &[&str]) -> Result<()> {
    let sudo = !crate::setup::is_root();
    let mut c = if sudo {
        let mut c = Command::new("sudo");
        c.arg("-n").args(args);
        c
    } else {
        let mut c = Command::new(args[0]);
        c.args(&args[1..]);
        c
    };
    crate::sh(&mut c)
}

fn as_postgres(args: &[&str]) -> Result<()> {
    let mut all = vec!["runuser", "-u", "postgres", "--"];
    all.extend_from_slice(args);
    run(&all)
}
