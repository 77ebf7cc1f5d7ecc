//! Polku's pure domain: the records a job coach keeps (clients, employers, employer contacts,
//! jobs, in-work support), their ids, the enums of the IPS contact log, validation rules,
//! fidelity scales and scoring, the hybrid logical clock, and the sync protocol's wire types
//! (`protocol`) shared by the app and the server. Nothing here does I/O or reads the wall clock:
//! callers pass "now" and "today" in, so every rule is testable as a pure function.

pub mod client;
pub mod contact;
pub mod employer;
pub mod enums;
pub mod evidence;
pub mod fidelity;
pub mod hlc;
pub mod ids;
pub mod job;
pub mod log_review;
pub mod outcomes;
pub mod protocol;
pub mod settings;
pub mod support;
pub mod sync;
pub mod team;
pub mod validation;
pub mod whose;

pub use client::*;
pub use contact::*;
pub use employer::*;
pub use enums::*;
pub use evidence::*;
pub use hlc::Hlc;
pub use ids::*;
pub use job::*;
pub use log_review::*;
pub use outcomes::*;
pub use settings::*;
pub use support::*;
pub use validation::{FieldError, ValidationCode, ValidationErrors};
pub use whose::Whose;
