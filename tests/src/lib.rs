//! Test-only package. The end-to-end tests live in `e2e/`: they drive the built Polku app in a
//! real WebKit window through tauri-driver and WebKitWebDriver (run them with
//! `cargo xtask test`, which builds the app, installs the drivers and provides a display).
