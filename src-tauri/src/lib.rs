//! The Polku desktop shell: Tauri wiring only. It finds the data folder, opens the core
//! service once, and exposes each use case as a command of a few lines. Rules, SQL and I/O
//! live in `polku-core`; this crate decides nothing about the domain.

mod args;
mod commands;
mod error;
mod state;

pub use commands::handler;
pub use error::{ErrorCode, IpcError};
pub use state::{AppState, AppStatus, Startup};

use std::path::PathBuf;

/// Command-line options: `--data-dir DIR` and `--demo` (fill an empty database with the demo).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Options {
    pub data_dir: Option<PathBuf>,
    pub demo: bool,
}

impl Options {
    pub fn parse(args: impl IntoIterator<Item = String>) -> Options {
        let mut o = Options::default();
        let mut args = args.into_iter();
        while let Some(a) = args.next() {
            match a.as_str() {
                "--demo" => o.demo = true,
                "--data-dir" => o.data_dir = args.next().map(PathBuf::from),
                other => {
                    if let Some(dir) = other.strip_prefix("--data-dir=") {
                        o.data_dir = Some(PathBuf::from(dir));
                    }
                }
            }
        }
        if o.data_dir.is_none() {
            o.data_dir = std::env::var_os("POLKU_DATA_DIR").map(PathBuf::from);
        }
        o
    }
}

/// When the process started: the UI reports its first render against it (`ui_ready`).
pub(crate) static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The app's compiled-in context: the root tauri.conf.json (via the src-tauri symlink) and
/// the built UI.
pub fn context() -> tauri::Context<tauri::Wry> {
    tauri::generate_context!()
}

pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "polku=info,polku_app=info".into()),
        )
        .init();
    let options = Options::parse(std::env::args().skip(1));
    let state = AppState::start(&options);
    let sync = state.sync().ok().cloned();
    let result = tauri::Builder::default()
        .manage(state)
        .setup(move |_| {
            // Sync runs beside the UI for the app's lifetime; it never blocks a command.
            if let Some(engine) = sync {
                tauri::async_runtime::spawn(engine.run());
            }
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(context());
    if let Err(e) = result {
        tracing::error!("Polku could not start its window: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_dir_and_demo_are_read_from_the_command_line() {
        let o = Options::parse(["--data-dir".into(), "/tmp/x".into(), "--demo".into()]);
        assert_eq!(o.data_dir, Some(PathBuf::from("/tmp/x")));
        assert!(o.demo);
        let o = Options::parse(["--data-dir=/tmp/y".into()]);
        assert_eq!(o.data_dir, Some(PathBuf::from("/tmp/y")));
    }
}
