//! `cargo xtask …`: Polku's own task runner. Two commands set up a fresh Debian machine:
//! `run` (system packages, UI deps, build, launch) and `test` (test-only packages and drivers,
//! then every check: fmt, clippy, Rust tests, UI unit tests, end-to-end in a real window,
//! accessibility). `bench`, `bundle` and `bindings` serve the team.

mod postgres;
mod setup;

use anyhow::{bail, Context, Result};
use std::path::PathBuf;
use std::process::Command;

fn main() -> std::process::ExitCode {
    match dispatch() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn dispatch() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (task, rest) = args
        .split_first()
        .map_or(("help", &[][..]), |(t, r)| (t.as_str(), r));
    let rest: Vec<String> = rest.iter().filter(|a| *a != "--").cloned().collect();
    match task {
        "run" => run(&rest),
        "test" => test(),
        "bench" => bench(&rest),
        "bundle" => bundle(),
        "bindings" => bindings(),
        "deny" => deny(),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\n  run [-- --demo] [--data-dir DIR]  set up, build and launch the app\n  test                              set up test tools and run every test\n  bench [NAME]                      run the benchmarks (contacts | queries | suggestions | bulk | region | sync | startup)\n  bundle                            build an installable .deb with the Tauri CLI\n  bindings                          regenerate ui/src/bindings and the UI mock's fixtures from Rust\n  deny                              every cargo-deny check, advisories included (needs github.com)"
            );
            Ok(())
        }
    }
}

pub fn root() -> PathBuf {
    // `cargo run` sets this at run time; the compile-time value would name whichever clone
    // first built xtask into a shared CARGO_TARGET_DIR (cargo does not rebuild it per clone).
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .expect("xtask lives in the workspace")
        .to_owned()
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// Runs a command, echoing it, and fails with its exit status.
pub fn sh(cmd: &mut Command) -> Result<()> {
    eprintln!("$ {}", describe(cmd));
    let status = cmd
        .status()
        .with_context(|| format!("could not start {}", describe(cmd)))?;
    if !status.success() {
        bail!("{} failed ({status})", describe(cmd));
    }
    Ok(())
}

fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program().to_string_lossy().into_owned())
        .chain(cmd.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

fn npm(args: &[&str]) -> Result<()> {
    sh(Command::new("npm")
        .args(args)
        .current_dir(root().join("ui")))
}

/// Installs UI dependencies when missing or older than the lockfile, then builds the UI that
/// the app embeds at compile time.
fn build_ui() -> Result<()> {
    let ui = root().join("ui");
    let marker = ui.join("node_modules/.package-lock.json");
    let stale = match (marker.metadata(), ui.join("package-lock.json").metadata()) {
        (Ok(m), Ok(l)) => m.modified()? < l.modified()?,
        _ => true,
    };
    if stale {
        npm(&["ci", "--no-audit", "--no-fund"])?;
    }
    npm(&["run", "build"])
}

fn run(args: &[String]) -> Result<()> {
    setup::ensure_packages(setup::BUILD_PACKAGES)?;
    build_ui()?;
    sh(cargo().args(["build", "-p", "polku-app"]))?;
    let app = target_dir().join("debug/polku");
    sh(Command::new(app).args(args))
}

fn test() -> Result<()> {
    // Every test whose tool (PostgreSQL, schemathesis, a browser, a driver) is missing fails
    // instead of skipping (polku_server::testing::tool); children inherit it.
    std::env::set_var("POLKU_REQUIRE_TOOLS", "1");
    setup::ensure_packages(setup::BUILD_PACKAGES)?;
    setup::ensure_packages(setup::TEST_PACKAGES)?;
    setup::ensure_tauri_driver()?;
    setup::ensure_cargo_deny()?;
    build_ui()?;

    sh(cargo().args(["fmt", "--all", "--", "--check"]))?;
    // The dependency direction of the architecture, licences and sources (deny.toml). The
    // advisory database lives on github.com, out of this network's reach: `cargo xtask deny`.
    sh(cargo().args(["deny", "--locked", "check", "bans", "licenses", "sources"]))?;
    sh(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))?;
    npm(&["run", "check"])?;
    npm(&["test"])?;

    // One build of the app; the end-to-end tests drive exactly this binary.
    sh(cargo().args(["build", "-p", "polku-app", "--locked"]))?;
    let app = target_dir().join("debug/polku");
    // The server's suite runs on SQLite and, through this, on PostgreSQL.
    let postgres = postgres::ensure()?;
    sh(cargo()
        .args([
            "test",
            "--workspace",
            "--locked",
            "--exclude",
            "polku-tests",
        ])
        .env("POLKU_TEST_POSTGRES", &postgres))?;
    // The UI mock's fixtures are what the real commands answer today.
    sh(cargo().args([
        "test",
        "-p",
        "polku-tests",
        "--test",
        "fixtures",
        "--locked",
    ]))?;
    // Devices and the real server: convergence, replays, faults with real processes (the
    // server binary and a device process), and schemathesis fuzzing the API.
    let schemathesis = setup::ensure_schemathesis()?;
    sh(cargo().args(["build", "-p", "polku-server", "--locked"]))?;
    sh(cargo()
        .args(["test", "-p", "polku-tests", "--test", "sync", "--locked"])
        .env("POLKU_TEST_POSTGRES", &postgres)
        .env("POLKU_SERVER_BIN", target_dir().join("debug/polku-server"))
        .env("POLKU_SCHEMATHESIS", &schemathesis))?;
    npm(&["run", "test:a11y"])?;
    // Last, so the run closes on the tests that matter most: the real app in a real window.
    sh(Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .arg(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "test",
            "-p",
            "polku-tests",
            "--test",
            "e2e",
            "--locked",
            "--",
            "--test-threads=1",
        ])
        .env("POLKU_APP", &app)
        .env("POLKU_SERVER_BIN", target_dir().join("debug/polku-server"))
        .current_dir(root()))?;
    eprintln!("xtask test: every check passed");
    Ok(())
}

fn bench(args: &[String]) -> Result<()> {
    setup::ensure_packages(setup::BUILD_PACKAGES)?;
    let which = args.first().map(String::as_str).unwrap_or("all");
    if matches!(
        which,
        "all" | "contacts" | "queries" | "suggestions" | "bulk" | "region"
    ) {
        sh(cargo().args(["run", "--release", "-p", "polku-bench", "--", which]))?;
    }
    if which == "all" || which.starts_with("sync") {
        // The 200-device figure is measured on SQLite and on PostgreSQL. `sync-one` and
        // `sync-many` run one half, for profiling.
        let which = if which == "all" { "sync" } else { which };
        let postgres = postgres::ensure()?;
        sh(cargo().args(["build", "--release", "-p", "polku-server"]))?;
        sh(cargo()
            .args(["run", "--release", "-p", "polku-bench", "--", which])
            .env("POLKU_TEST_POSTGRES", postgres))?;
    }
    if matches!(which, "all" | "startup") {
        setup::ensure_packages(setup::TEST_PACKAGES)?;
        build_ui()?;
        // The same features the Tauri CLI builds a release with, so `cargo xtask bundle` and
        // this benchmark share one release build of the app.
        sh(cargo().args([
            "build",
            "--release",
            "-p",
            "polku-app",
            "--features",
            "tauri/custom-protocol",
            "--bin",
            "polku",
            "--example",
            "empty_window",
        ]))?;
        sh(Command::new("xvfb-run")
            .args(["-a", "-s", "-screen 0 1280x800x24"])
            .arg(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["run", "--release", "-p", "polku-bench", "--", "startup"])
            .env("POLKU_APP", target_dir().join("release/polku"))
            .env(
                "POLKU_EMPTY_WINDOW",
                target_dir().join("release/examples/empty_window"),
            )
            .current_dir(root()))?;
    }
    Ok(())
}

/// Builds the .deb with the Tauri CLI. The CLI wants the folder holding tauri.conf.json to be
/// a package, so it runs with TAURI_APP_PATH=src-tauri, where tauri.conf.json is a symlink to
/// the one at the repository root.
fn bundle() -> Result<()> {
    setup::ensure_packages(setup::BUILD_PACKAGES)?;
    build_ui()?;
    sh(Command::new("npx")
        .args(["tauri", "build", "--bundles", "deb"])
        .env("TAURI_APP_PATH", root().join("src-tauri"))
        .env("TAURI_FRONTEND_PATH", root().join("ui"))
        .current_dir(root().join("ui")))?;
    let deb_dir = target_dir().join("release/bundle/deb");
    for entry in std::fs::read_dir(&deb_dir)?.flatten() {
        if entry.path().extension().is_some_and(|e| e == "deb") {
            // Its control fields come from the root tauri.conf.json: shown as proof.
            sh(Command::new("dpkg-deb").arg("--info").arg(entry.path()))?;
        }
    }
    eprintln!("the .deb is in {}", deb_dir.display());
    Ok(())
}

/// Every cargo-deny check, the RustSec advisories included (fetched from github.com).
fn deny() -> Result<()> {
    setup::ensure_cargo_deny()?;
    sh(cargo().args(["deny", "--locked", "check"]))
}

/// Rewrites the UI's generated types and value lists, and the mock backend's fixtures (what the
/// real commands answer; see tests/fixtures).
fn bindings() -> Result<()> {
    sh(cargo()
        .args(["test", "-p", "polku-app", "--test", "bindings"])
        .env("POLKU_UPDATE_BINDINGS", "1"))?;
    sh(cargo()
        .args(["test", "-p", "polku-tests", "--test", "fixtures"])
        .env("POLKU_UPDATE_BINDINGS", "1"))
}
