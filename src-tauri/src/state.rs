//! What the app holds while running: the opened core service, or why it could not open.

use crate::error::{ErrorCode, IpcError};
use crate::Options;
use polku_core::sync::Timing;
use polku_core::{Clock, Polku, SyncEngine, SystemClock};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

pub const DB_FILE: &str = "polku.db";

/// The outcome of start-up. A database that cannot be opened is not fatal: the window shows
/// an error screen naming the file, and the file is left as it was.
pub enum Startup {
    Ready(Arc<Polku>, Arc<SyncEngine>),
    Failed(IpcError, PathBuf),
}

pub struct AppState {
    pub data_dir: PathBuf,
    pub startup: Startup,
}

/// Shown by the UI before anything else.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum AppStatus {
    #[serde(rename_all = "camelCase")]
    Ready { data_dir: String },
    #[serde(rename_all = "camelCase")]
    Error {
        code: ErrorCode,
        path: String,
        message: String,
    },
}

impl AppState {
    pub fn start(options: &Options) -> AppState {
        let data_dir = options.data_dir.clone().unwrap_or_else(default_data_dir);
        AppState::open(data_dir, Arc::new(SystemClock), options.demo)
    }

    /// Opens the database in `data_dir` on `clock` (tests and the UI's fixtures pass a fixed
    /// one); `demo` fills an empty database with the demo caseload.
    pub fn open(data_dir: PathBuf, clock: Arc<dyn Clock>, demo: bool) -> AppState {
        let path = data_dir.join(DB_FILE);
        let startup = match std::fs::create_dir_all(&data_dir)
            .map_err(|e| IpcError::new(ErrorCode::Storage, format!("{}: {e}", data_dir.display())))
            .and_then(|()| Polku::open(&path, clock).map_err(IpcError::from))
        {
            Ok(polku) => {
                if demo {
                    load_demo_if_empty(&polku);
                }
                let polku = Arc::new(polku);
                let sync = SyncEngine::new(polku.sync(), polku.changed(), sync_timing());
                Startup::Ready(polku, sync)
            }
            Err(e) => {
                tracing::error!("could not open {}: {}", path.display(), e.message);
                Startup::Failed(e, path)
            }
        };
        AppState { data_dir, startup }
    }

    pub fn polku(&self) -> Result<&Arc<Polku>, IpcError> {
        match &self.startup {
            Startup::Ready(p, _) => Ok(p),
            Startup::Failed(e, _) => Err(IpcError::new(ErrorCode::Unavailable, e.message.clone())),
        }
    }

    pub fn sync(&self) -> Result<&Arc<SyncEngine>, IpcError> {
        match &self.startup {
            Startup::Ready(_, s) => Ok(s),
            Startup::Failed(e, _) => Err(IpcError::new(ErrorCode::Unavailable, e.message.clone())),
        }
    }

    pub fn status(&self) -> AppStatus {
        match &self.startup {
            Startup::Ready(..) => AppStatus::Ready {
                data_dir: self.data_dir.display().to_string(),
            },
            Startup::Failed(e, path) => AppStatus::Error {
                code: e.code,
                path: path.display().to_string(),
                message: e.message.clone(),
            },
        }
    }
}

/// The engine's timer; `POLKU_SYNC_INTERVAL_MS` shortens it (end-to-end tests).
fn sync_timing() -> Timing {
    let mut t = Timing::default();
    if let Some(ms) = std::env::var("POLKU_SYNC_INTERVAL_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        t.interval = std::time::Duration::from_millis(ms);
        t.after_write = std::time::Duration::from_millis(ms.min(t.after_write.as_millis() as u64));
        t.max_backoff = std::time::Duration::from_millis(ms.max(t.min_backoff.as_millis() as u64));
        t.probe = t.probe.min(std::time::Duration::from_millis(ms));
    }
    t
}

/// `--demo` fills an empty database; a database with records is left as it is.
fn load_demo_if_empty(polku: &Polku) {
    match polku.demo_load() {
        Ok(_) | Err(polku_core::CoreError::NotEmpty) => {}
        Err(e) => tracing::error!("demo caseload could not be loaded: {e}"),
    }
}

/// `$XDG_DATA_HOME/polku` (usually `~/.local/share/polku`).
fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("polku")
}
