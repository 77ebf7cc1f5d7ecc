//! Sync with the regional server (`docs/SYNC.md`). [`SyncEngine`] is the background task the
//! shell runs: it pushes the outbox in batches and pulls pages of changes, retrying with
//! backoff and jitter until the server is reachable. What it stores goes through
//! [`SyncStore`], the sync side of the local store; how a pulled field lands in its table is
//! `entities`.

mod engine;
pub(crate) mod entities;
mod local;

pub use engine::{SyncEngine, Timing, PUSH_BATCH};
pub(crate) use local::leads_teams;
pub use local::{KeptRoster, OutgoingBatch, SyncConfig, SyncRecord, SyncStore};
