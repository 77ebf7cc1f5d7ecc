//! The one error type of polku-core. Variants say what the coach can do about it; the shell
//! turns each into an IPC `{code, message}`.

use polku_domain::ValidationErrors;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{0}")]
    Validation(ValidationErrors),

    #[error("{entity} {id} was not found")]
    NotFound { entity: &'static str, id: String },

    #[error(
        "{path} was written by a newer Polku (schema {found}, this version knows {supported})"
    )]
    DatabaseNewer {
        path: PathBuf,
        found: i64,
        supported: usize,
    },

    #[error("{path} is not a Polku database")]
    NotPolkuDatabase { path: PathBuf },

    #[error("{path} is damaged: {detail}")]
    DatabaseCorrupt { path: PathBuf, detail: String },

    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),

    #[error("database upgrade failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("stored data could not be read: {0}")]
    Decode(String),

    #[error("the report could not be written: {0}")]
    Export(String),

    /// The demo would mix invented people into a real caseload, where nothing is ever deleted.
    #[error("the demo caseload can only be loaded into an empty database")]
    NotEmpty,

    /// The regional server refused or could not be reached; `code` is the server's
    /// (`bad_enrol_code`, `device_revoked`, …) or the device's own (`offline`).
    #[error("sync: {message}")]
    Sync {
        code: polku_domain::protocol::SyncErrorCode,
        message: String,
    },
}

impl From<ValidationErrors> for CoreError {
    fn from(e: ValidationErrors) -> Self {
        CoreError::Validation(e)
    }
}

impl From<serde_json::Error> for CoreError {
    fn from(e: serde_json::Error) -> Self {
        CoreError::Decode(e.to_string())
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
