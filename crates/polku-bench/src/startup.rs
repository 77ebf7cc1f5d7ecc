//! Cold start to first rendered caseload under Xvfb, and memory (PSS over the app and its
//! WebKit processes) beside an empty Tauri window measured the same way in the same run.

use crate::{header, row};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn env_path(name: &str) -> anyhow::Result<PathBuf> {
    std::env::var_os(name)
        .map(PathBuf::from)
        .ok_or_else(|| anyhow::anyhow!("{name} is not set (run through cargo xtask bench startup)"))
}

/// Starts `cmd`, returns the child and the time until a stderr line contains `ready`.
fn start_until(mut cmd: Command, ready: &str) -> anyhow::Result<(Child, Duration)> {
    let t = Instant::now();
    let mut child = cmd.stderr(Stdio::piped()).stdout(Stdio::null()).spawn()?;
    let stderr = child
        .stderr
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stderr"))?;
    let (tx, rx) = mpsc::channel();
    let ready = ready.to_owned();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains(&ready) {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(30))
        .map_err(|_| anyhow::anyhow!("the window never reported ready"))?;
    Ok((child, t.elapsed()))
}

fn children(pid: u32) -> Vec<u32> {
    let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")) else {
        return Vec::new();
    };
    text.split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect()
}

/// PSS in MiB summed over a process and all its descendants.
fn pss_tree_mib(pid: u32) -> f64 {
    let mut total_kib = 0u64;
    let mut stack = vec![pid];
    while let Some(p) = stack.pop() {
        if let Ok(text) = std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")) {
            total_kib += text
                .lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0);
        }
        stack.extend(children(p));
    }
    total_kib as f64 / 1024.0
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn demo_dir() -> anyhow::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    let polku = polku_core::Polku::open(
        &dir.path().join("polku.db"),
        std::sync::Arc::new(polku_core::SystemClock),
    )?;
    polku.demo_load()?;
    let mut s = polku.settings_get()?;
    s.last_view = "caseload".into();
    polku.settings_update(s)?;
    Ok(dir)
}

fn polku_cmd(app: &Path, dir: &Path) -> Command {
    let mut c = Command::new(app);
    c.arg("--data-dir").arg(dir).env("RUST_LOG", "polku=info");
    c
}

pub fn run() -> anyhow::Result<()> {
    let app = env_path("POLKU_APP")?;
    let empty = env_path("POLKU_EMPTY_WINDOW")?;
    let runs = 5;
    let mut polku_times = Vec::new();
    let mut empty_times = Vec::new();
    let mut polku_pss = 0.0;
    let mut empty_pss = 0.0;
    for i in 0..runs {
        let dir = demo_dir()?;
        let (child, t) = start_until(polku_cmd(&app, dir.path()), "ui ready")?;
        polku_times.push(t);
        std::thread::sleep(Duration::from_secs(2));
        if i == runs - 1 {
            polku_pss = pss_tree_mib(child.id());
        }
        stop(child);
        let (child, t) = start_until(Command::new(&empty), "empty window ready")?;
        empty_times.push(t);
        std::thread::sleep(Duration::from_secs(2));
        if i == runs - 1 {
            empty_pss = pss_tree_mib(child.id());
        }
        stop(child);
    }
    header("Start-up under Xvfb (release build, demo caseload)");
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1000.0
    };
    let (a, b) = (median(&mut polku_times), median(&mut empty_times));
    row(
        "cold start to first rendered caseload (median)",
        format!("{a:.0} ms"),
        format!("{b:.0} ms"),
        a / b,
        "< 1500 ms",
    );
    row(
        "memory after start, PSS of app + WebKit",
        format!("{polku_pss:.0} MiB"),
        format!("{empty_pss:.0} MiB"),
        polku_pss / empty_pss,
        "ratio <= 1.3",
    );
    Ok(())
}
