//! Installing what a fresh Debian machine lacks: apt packages (as root, or through sudo when
//! it works without a password) and tauri-driver. When neither is possible it says exactly
//! which packages are missing and the command that installs them.

use crate::sh;
use anyhow::{bail, Result};
use std::process::{Command, Stdio};

/// What Tauri 2 needs to build and run on Debian 12.
pub const BUILD_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libsoup-3.0-dev",
    "libjavascriptcoregtk-4.1-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "build-essential",
    "pkg-config",
    "libssl-dev",
    "file",
];

/// What the tests need beyond the build: a virtual display, WebKit's WebDriver, Chromium for
/// the UI accessibility sweep, and PostgreSQL for the server's production backend.
pub const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "chromium",
    "poppler-utils",
    "postgresql",
];

fn installed(pkg: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", pkg])
        .stderr(Stdio::null())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn passwordless_sudo() -> bool {
    Command::new("sudo")
        .args(["-n", "true"])
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

pub fn ensure_packages(packages: &[&str]) -> Result<()> {
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let prefix: &[&str] = if is_root() {
        &[]
    } else if passwordless_sudo() {
        &["sudo"]
    } else {
        bail!(
            "these Debian packages are missing: {}\ninstalling them needs root: run\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends {}\nthen run this command again",
            missing.join(" "),
            missing.join(" ")
        );
    };
    eprintln!("installing missing Debian packages: {}", missing.join(" "));
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = prefix.to_vec();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut c = Command::new(all[0]);
        c.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        sh(&mut c)
    };
    apt(&["update", "-qq"])?;
    let mut install = vec!["install", "-y", "-qq", "--no-install-recommends"];
    install.extend_from_slice(&missing);
    apt(&install)
}

/// tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end tests.
pub fn ensure_tauri_driver() -> Result<()> {
    let found = Command::new("tauri-driver")
        .arg("--help")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if found {
        return Ok(());
    }
    let home_bin = std::env::var_os("HOME")
        .map(|h| std::path::PathBuf::from(h).join(".cargo/bin/tauri-driver"));
    if home_bin.as_ref().is_some_and(|p| p.exists()) {
        return Ok(());
    }
    sh(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())).args([
            "install",
            "tauri-driver",
            "--locked",
            "--version",
            "^2",
        ]),
    )
}

/// The schemathesis version the API fuzz test runs (from PyPI, in a virtualenv under the
/// target directory, so nothing is installed system-wide).
const SCHEMATHESIS: &str = "schemathesis==4.32.5";

/// Returns the path of the `st` command, installing it if missing.
pub fn ensure_schemathesis() -> Result<std::path::PathBuf> {
    let venv = crate::target_dir().join("schemathesis-venv");
    let st = venv.join("bin/st");
    if st.exists() {
        return Ok(st);
    }
    let make_venv = || {
        Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success())
    };
    if !make_venv() {
        // Debian's python3 lacks venv until python3-venv is installed.
        ensure_packages(&["python3", "python3-venv"])?;
        if !make_venv() {
            bail!("could not create a Python virtualenv at {}", venv.display());
        }
    }
    sh(Command::new(venv.join("bin/pip")).args(["install", "--quiet", SCHEMATHESIS]))?;
    Ok(st)
}

/// cargo-deny checks what the dependency tree may hold (deny.toml).
pub fn ensure_cargo_deny() -> Result<()> {
    let found = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["deny", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if found {
        return Ok(());
    }
    sh(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())).args([
            "install",
            "cargo-deny",
            "--locked",
            "--version",
            "^0.20",
        ]),
    )
}
