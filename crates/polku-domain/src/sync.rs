//! What the app shows of sync: its state at a glance, the last error, and conflicts as the
//! coach reads and resolves them. These cross IPC to the UI, never the network; the wire
//! types are [`crate::protocol`].

use crate::protocol::{Entity, RecordId, SyncErrorCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The app's sync state at a glance (the status bar and Settings show it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// No server set up: everything stays on this device.
    NotEnrolled,
    Syncing,
    /// The last round reached the server.
    Online,
    /// The server could not be reached; retrying with backoff.
    Offline,
    /// The server refused this device's batches; `last_error` says why.
    Stuck,
    /// An administrator revoked this device: sync stopped, local data kept.
    Revoked,
}

/// A sync error for the UI: `code` picks the translated message; `message` is for the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncError {
    pub code: SyncErrorCode,
    pub message: String,
}

impl SyncError {
    pub fn new(code: SyncErrorCode, message: impl Into<String>) -> SyncError {
        SyncError {
            code,
            message: message.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub state: SyncState,
    pub server_url: Option<String>,
    pub user_name: Option<String>,
    /// Records changed here and not yet on the server.
    #[ts(type = "number")]
    pub pending: u64,
    /// RFC 3339 time of the last round that completed.
    pub last_sync_at: Option<String>,
    pub last_error: Option<SyncError>,
    /// Conflicts waiting for the coach.
    #[ts(type = "number")]
    pub conflicts: u64,
    /// Pulled changes this app could not apply (kept aside, reported).
    #[ts(type = "number")]
    pub quarantined: u64,
    /// How far this device has pulled; when it moves, lists on screen may have new records.
    #[ts(type = "number")]
    pub pull_cursor: u64,
    /// A supervisor's import of their teams' caseloads, while one runs.
    pub import: Option<ImportProgress>,
    /// Enrolled as someone who leads a team (a supervisor or an administrator): the app shows
    /// the team overview.
    pub leads_team: bool,
}

/// How far an import of team caseloads has come (the progress bar).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    /// Changes pulled and stored so far in this import.
    #[ts(type = "number")]
    pub done: u64,
    /// Changes the server held for the import when it started.
    #[ts(type = "number")]
    pub total: u64,
    /// Estimated from the pace so far; none until the first page is stored.
    #[ts(type = "number | null")]
    pub seconds_left: Option<u64>,
}

/// `sync_enrol`: what the coach types to connect this device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EnrolInput {
    pub server_url: String,
    pub code: String,
    pub device_name: String,
}

/// One side of a conflict: the value, when it was written and on which device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictSide {
    #[ts(type = "unknown")]
    pub value: Value,
    /// RFC 3339, from the write's clock.
    pub written_at: String,
    /// Whether this device wrote it.
    pub this_device: bool,
}

/// A conflict as the conflicts view shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictView {
    pub id: RecordId,
    pub entity: Entity,
    pub record_id: RecordId,
    /// The record's name as the coach knows it (client or employer name, contact date…).
    pub record_label: String,
    pub field: String,
    /// The value in the record now (the newer write).
    pub kept: ConflictSide,
    /// The value that lost.
    pub lost: ConflictSide,
}

/// How the coach resolves a conflict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum ConflictResolution {
    /// Keep the value the record has.
    Kept,
    /// Put the losing value back.
    Lost,
    /// Write a new value (e.g. both notes combined).
    Edited {
        #[ts(type = "unknown")]
        value: Value,
    },
}
