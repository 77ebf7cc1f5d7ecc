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

    /// SQLite found the open database damaged (a page unreadable since start-up).
    #[error("the database is damaged: {0}")]
    Damaged(String),

    #[error("database error: {0}")]
    Storage(rusqlite::Error),

    #[error("database upgrade failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("stored data could not be read: {0}")]
    Decode(String),

    #[error("the report could not be written: {0}")]
    Export(String),

    /// The demo would mix invented people into a real caseload, where nothing is ever deleted.
    #[error("the demo caseload can only be loaded into an empty database")]
    NotEmpty,

    /// A record of another user's caseload (a supervisor's imported team records): it is read
    /// here, and changed only by its owner — the server would refuse the change.
    #[error("{entity} {id} belongs to user {owner}: only they change it")]
    NotYours {
        entity: polku_domain::protocol::Entity,
        id: String,
        owner: String,
    },

    /// Reviewing a coach's contact log is for the supervisors of the coach's team, on a device
    /// enrolled as one (the server would refuse anyone else).
    #[error("only a supervisor of {coach}'s team reviews their contact log")]
    NotSupervisor { coach: String },

    /// Merging duplicate employers is for a supervisor of the team, on a device enrolled as
    /// one (the server would refuse a coach's merge).
    #[error("only a team's supervisor merges employers")]
    NotTeamLead,

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

/// SQLite's verdict on damage is the database's, not a failed write: the UI says so.
impl From<rusqlite::Error> for CoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                CoreError::Damaged(e.to_string())
            }
            _ => CoreError::Storage(e),
        }
    }
}

impl From<serde_json::Error> for CoreError {
    fn from(e: serde_json::Error) -> Self {
        CoreError::Decode(e.to_string())
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_finding_the_file_damaged_is_damage_and_anything_else_a_storage_error() {
        let sqlite = |code| rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None);
        assert!(matches!(
            CoreError::from(sqlite(rusqlite::ffi::SQLITE_CORRUPT)),
            CoreError::Damaged(_)
        ));
        assert!(matches!(
            CoreError::from(sqlite(rusqlite::ffi::SQLITE_NOTADB)),
            CoreError::Damaged(_)
        ));
        assert!(matches!(
            CoreError::from(sqlite(rusqlite::ffi::SQLITE_FULL)),
            CoreError::Storage(_)
        ));
    }
}
