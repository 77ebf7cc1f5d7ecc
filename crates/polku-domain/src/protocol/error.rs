//! Errors of sync: the codes the server answers with, and those the device adds for what
//! happens on its side. One list, used by the server, the device's engine, the app's IPC
//! errors and — generated — the UI, which says each in the coach's language.

use super::RecordId;
use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS, strum::VariantArray,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SyncErrorCode {
    // Answered by the server.
    /// The request could not be read (malformed JSON, a missing header, a bad query).
    BadRequest,
    /// The body is over the server's limit; the device halves its batch.
    TooLarge,
    /// A batch that is not well formed; nothing of it was stored.
    BadBatch,
    /// No device token, or one the server does not know.
    Unauthorized,
    /// An administrator revoked this device; its local data is kept.
    DeviceRevoked,
    /// The enrolment code is unknown, used or expired.
    BadEnrolCode,
    /// The caller's role may not do this (a coach reading a team, another team's supervisor).
    Forbidden,
    /// A mutation touches a record of another caseload.
    RecordForbidden,
    /// A seq the server stored with another payload.
    SeqConflict,
    /// The batch starts past what the server holds; the device rewinds.
    SeqGap,
    /// The device speaks a protocol version this server does not.
    ProtocolUnsupported,
    NotFound,
    /// A request that is well formed but not allowed (a record id reused for another entity).
    Invalid,
    /// The server failed; the device retries later.
    ServerError,
    // Made by the device.
    /// The server could not be reached.
    Offline,
    /// The server answered something the device cannot read.
    BadResponse,
    /// The device's own database failed during a round.
    LocalError,
    /// A code from a newer server that this version does not know; the message says more.
    #[serde(other)]
    Unknown,
}

impl std::fmt::Display for SyncErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.serialize(f)
    }
}

/// Every error the server answers: a stable `code` the app translates, and an English
/// `message` for logs and third-party clients. `seq`/`record_id` name the offending mutation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub code: SyncErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<RecordId>,
    /// For `seq_gap`: the seq the server expects next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_seq: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_this_version_does_not_know_is_read_as_unknown() {
        let e: ApiError =
            serde_json::from_str(r#"{"code":"quota_exceeded","message":"m"}"#).expect("read");
        assert_eq!(e.code, SyncErrorCode::Unknown);
        assert_eq!(
            serde_json::to_value(SyncErrorCode::RecordForbidden).expect("json"),
            "record_forbidden"
        );
    }
}
