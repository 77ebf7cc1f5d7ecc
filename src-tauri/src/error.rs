//! Errors as the UI receives them: `{code, message, fields}`. The UI shows
//! `errors.<code>` (and `validation.<field code>` under each field) in the coach's language;
//! `message` is the English detail for logs and support.

use polku_core::CoreError;
use polku_domain::protocol::SyncErrorCode;
use polku_domain::FieldError;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    NotFound,
    DatabaseNewer,
    NotAPolkuDatabase,
    DatabaseCorrupt,
    Storage,
    Unavailable,
    NotEmpty,
    /// Another coach's record, which a supervisor reads but does not change.
    ReadOnly,
    /// Reviewing a coach's contact log is for a supervisor of their team.
    NotSupervisor,
    /// Merging duplicate employers is for a supervisor of the team.
    NotTeamLead,
    /// The regional server could not be reached.
    SyncOffline,
    /// The server did not allow the request for this user's role or teams (a handover by
    /// someone who does not supervise both coaches).
    SyncForbidden,
    /// The enrolment code is unknown, used or expired.
    SyncBadCode,
    /// The server no longer accepts this device.
    SyncRevoked,
    /// The server refused the request for another reason (the message says which).
    SyncRefused,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }
}

impl From<CoreError> for IpcError {
    fn from(e: CoreError) -> Self {
        let message = e.to_string();
        let code = match e {
            CoreError::Validation(v) => {
                return IpcError {
                    code: ErrorCode::Validation,
                    message,
                    fields: v.0,
                }
            }
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::NotEmpty => ErrorCode::NotEmpty,
            CoreError::NotYours { .. } => ErrorCode::ReadOnly,
            CoreError::NotSupervisor { .. } => ErrorCode::NotSupervisor,
            CoreError::NotTeamLead => ErrorCode::NotTeamLead,
            CoreError::Sync { code, .. } => match code {
                SyncErrorCode::Offline | SyncErrorCode::ServerError => ErrorCode::SyncOffline,
                SyncErrorCode::BadEnrolCode => ErrorCode::SyncBadCode,
                SyncErrorCode::DeviceRevoked | SyncErrorCode::Unauthorized => {
                    ErrorCode::SyncRevoked
                }
                SyncErrorCode::Forbidden => ErrorCode::SyncForbidden,
                SyncErrorCode::NotFound => ErrorCode::NotFound,
                SyncErrorCode::BadRequest
                | SyncErrorCode::TooLarge
                | SyncErrorCode::BadBatch
                | SyncErrorCode::RecordForbidden
                | SyncErrorCode::SeqConflict
                | SyncErrorCode::SeqGap
                | SyncErrorCode::ProtocolUnsupported
                | SyncErrorCode::Invalid
                | SyncErrorCode::BadResponse
                | SyncErrorCode::LocalError
                | SyncErrorCode::Unknown => ErrorCode::SyncRefused,
            },
            // Damage found after start-up is damage, not a failed write.
            CoreError::Damaged(_) => ErrorCode::DatabaseCorrupt,
            CoreError::DatabaseNewer { .. } => ErrorCode::DatabaseNewer,
            CoreError::NotPolkuDatabase { .. } => ErrorCode::NotAPolkuDatabase,
            CoreError::DatabaseCorrupt { .. } => ErrorCode::DatabaseCorrupt,
            CoreError::Storage(_)
            | CoreError::Migration(_)
            | CoreError::Decode(_)
            | CoreError::Export(_) => {
                tracing::error!("storage error: {message}");
                ErrorCode::Storage
            }
        };
        IpcError::new(code, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use polku_domain::{ValidationCode, ValidationErrors};

    #[test]
    fn a_validation_error_crosses_ipc_as_code_message_and_fields() {
        let mut v = ValidationErrors::default();
        v.add("name", ValidationCode::Required);
        let json = serde_json::to_value(IpcError::from(CoreError::Validation(v))).expect("json");
        assert_eq!(json["code"], "validation");
        assert_eq!(json["fields"][0]["field"], "name");
        assert_eq!(json["fields"][0]["code"], "required");
        assert!(json["message"].as_str().is_some_and(|m| m.contains("name")));
    }

    #[test]
    fn a_foreign_file_is_reported_with_its_own_code() {
        let e = IpcError::from(CoreError::NotPolkuDatabase {
            path: "/tmp/x.db".into(),
        });
        assert_eq!(
            serde_json::to_value(e.code).expect("json"),
            "not_a_polku_database"
        );
        assert!(e.message.contains("/tmp/x.db"));
    }
}
