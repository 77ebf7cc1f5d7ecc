//! The server's one error type. Each variant maps to one HTTP status and one stable `code` the
//! app translates into the coach's language; `message` is plain English for logs and tools.

use axum::http::StatusCode;
use polku_domain::protocol::{ApiError, BatchError, RecordId, SyncErrorCode, PROTOCOL_VERSION};

pub type Result<T, E = ServerError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("{0}")]
    BadRequest(String),
    #[error("the request body is larger than the server accepts ({limit} bytes)")]
    TooLarge { limit: usize },
    #[error("the batch is malformed: {0}")]
    BadBatch(#[from] BatchError),
    #[error("missing or unknown device token")]
    Unauthorized,
    #[error("this device has been revoked by an administrator; its local data is kept")]
    DeviceRevoked,
    #[error("the enrolment code is unknown, used or expired")]
    BadEnrolCode,
    #[error("{0}")]
    Forbidden(String),
    #[error("seq {seq}: record {record_id} belongs to another caseload")]
    RecordForbidden { seq: u64, record_id: RecordId },
    #[error("seq {seq} was stored with a different payload; the batch was not applied")]
    SeqConflict { seq: u64, record_id: RecordId },
    #[error("the batch starts at seq {from}, the server expects {expected}")]
    SeqGap { from: u64, expected: u64 },
    #[error("protocol version {0:?} is not supported; this server speaks {PROTOCOL_VERSION}")]
    Protocol(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl ServerError {
    pub fn status(&self) -> StatusCode {
        use ServerError::*;
        match self {
            BadRequest(_) | BadBatch(_) | Protocol(_) | Invalid(_) => StatusCode::BAD_REQUEST,
            TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Unauthorized | DeviceRevoked | BadEnrolCode => StatusCode::UNAUTHORIZED,
            Forbidden(_) | RecordForbidden { .. } => StatusCode::FORBIDDEN,
            SeqConflict { .. } | SeqGap { .. } => StatusCode::CONFLICT,
            NotFound(_) => StatusCode::NOT_FOUND,
            Db(_) | Migrate(_) | Corrupt(_) | Json(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> SyncErrorCode {
        use ServerError::*;
        match self {
            BadRequest(_) => SyncErrorCode::BadRequest,
            TooLarge { .. } => SyncErrorCode::TooLarge,
            BadBatch(_) => SyncErrorCode::BadBatch,
            Unauthorized => SyncErrorCode::Unauthorized,
            DeviceRevoked => SyncErrorCode::DeviceRevoked,
            BadEnrolCode => SyncErrorCode::BadEnrolCode,
            Forbidden(_) => SyncErrorCode::Forbidden,
            RecordForbidden { .. } => SyncErrorCode::RecordForbidden,
            SeqConflict { .. } => SyncErrorCode::SeqConflict,
            SeqGap { .. } => SyncErrorCode::SeqGap,
            Protocol(_) => SyncErrorCode::ProtocolUnsupported,
            NotFound(_) => SyncErrorCode::NotFound,
            Invalid(_) => SyncErrorCode::Invalid,
            Db(_) | Migrate(_) | Corrupt(_) | Json(_) => SyncErrorCode::ServerError,
        }
    }

    pub fn to_api(&self) -> ApiError {
        let (seq, record_id, expected_seq) = match self {
            ServerError::RecordForbidden { seq, record_id }
            | ServerError::SeqConflict { seq, record_id } => {
                (Some(*seq), Some(record_id.clone()), None)
            }
            ServerError::SeqGap { expected, .. } => (None, None, Some(*expected)),
            ServerError::BadBatch(b) => (b.seq(), None, None),
            _ => (None, None, None),
        };
        let message = match self {
            // Internal details stay in the server's log.
            ServerError::Db(_)
            | ServerError::Migrate(_)
            | ServerError::Corrupt(_)
            | ServerError::Json(_) => {
                "the server could not complete the request; try again later".to_owned()
            }
            other => other.to_string(),
        };
        ApiError {
            code: self.code(),
            message,
            seq,
            record_id,
            expected_seq,
        }
    }
}
