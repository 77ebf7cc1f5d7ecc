//! The one Tauri config lives at the repository root. The shell compiles it in through the
//! `src-tauri/tauri.conf.json` symlink (what `tauri_build` and `generate_context!` read), and
//! the Tauri CLI reads the same link when `cargo xtask bundle` runs it with
//! TAURI_APP_PATH=src-tauri.

use std::path::PathBuf;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_shell_config_is_a_link_to_the_root_config() {
    let link = crate_dir().join("tauri.conf.json");
    let target = std::fs::read_link(&link).expect("src-tauri/tauri.conf.json is a symlink");
    assert_eq!(target, PathBuf::from("../tauri.conf.json"));
    assert_eq!(
        std::fs::canonicalize(&link).expect("resolves"),
        std::fs::canonicalize(crate_dir().join("../tauri.conf.json")).expect("root config")
    );
}

#[test]
fn the_compiled_app_carries_the_root_configs_identity() {
    let root: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate_dir().join("../tauri.conf.json")).expect("read"),
    )
    .expect("json");
    let ctx = polku_app::context();
    let config = ctx.config();
    assert_eq!(
        Some(config.identifier.as_str()),
        root["identifier"].as_str()
    );
    assert_eq!(config.product_name.as_deref(), root["productName"].as_str());
}
