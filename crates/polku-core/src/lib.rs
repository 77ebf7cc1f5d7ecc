//! Polku's client library: the local SQLite store (migrations, one module per table) and the
//! services the app calls — one method per user action, one transaction per write, each write
//! stamped with clocks and queued in the outbox for sync. Nothing here links Tauri; every use
//! case runs in a plain test with a real database file.

pub mod clock;
pub mod demo;
pub mod error;
pub mod scales;
pub mod service;
pub mod store;
pub mod sync;
mod write;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{CoreError, Result};
pub use service::Polku;
pub use store::Store;
pub use sync::{SyncConfig, SyncEngine, SyncRecord, SyncStore};
