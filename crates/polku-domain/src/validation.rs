//! Field-level validation results. Rules live next to the input types they check; this module
//! holds the shared vocabulary so the UI can put each message under the right field, in the
//! coach's language, and keep everything else they typed.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a field was rejected. The UI turns the code into a message (`validation.<code>`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
pub enum ValidationCode {
    Required,
    TooLong,
    TooFarInFuture,
    TooFarInPast,
    Negative,
    OutOfRange,
    EndsBeforeStart,
    UnknownEmployer,
    UnknownClient,
    Invalid,
}

/// One rejected field: `field` is the camelCase name the UI uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FieldError {
    pub field: String,
    pub code: ValidationCode,
}

/// Every problem found in one input, collected so the coach sees them all at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn add(&mut self, field: &str, code: ValidationCode) {
        self.0.push(FieldError {
            field: field.to_owned(),
            code,
        });
    }

    pub fn has(&self, field: &str, code: ValidationCode) -> bool {
        self.0.iter().any(|e| e.field == field && e.code == code)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was found.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// A non-empty text of at most `max` characters.
    pub fn required_text(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.add(field, ValidationCode::Required);
        } else {
            self.max_len(field, value, max);
        }
    }

    pub fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.add(field, ValidationCode::TooLong);
        }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {:?}", e.field, e.code))
            .collect();
        write!(f, "invalid input ({})", parts.join(", "))
    }
}

impl std::error::Error for ValidationErrors {}

/// Length limits shared by the forms, generous but finite so a stuck key cannot fill the disk.
pub mod limits {
    pub const NAME: usize = 200;
    pub const SHORT_TEXT: usize = 500;
    pub const NOTES: usize = 10_000;
}
