//! Polku's regional sync server: devices enrol with a one-time code, push their outbox and pull
//! what changed; supervisors pull their teams' caseloads. Everything the server stores goes
//! through [`db::Db`] (SQLite by default, PostgreSQL in production, one set of migrations);
//! the merge rules it applies are `polku_domain::sync`'s, shared with the app.
//!
//! What belongs here: storage (`db`, one module per table), the use cases (`service`), the
//! HTTP API (`api`) and its OpenAPI document, and the admin commands' logic. The binary
//! (`main.rs`) only parses arguments.

pub mod api;
pub mod auth;
pub mod db;
pub mod error;
pub mod serve;
pub mod service;
#[cfg(feature = "testing")]
pub mod testing;

pub use db::Db;
pub use error::{Result, ServerError};
