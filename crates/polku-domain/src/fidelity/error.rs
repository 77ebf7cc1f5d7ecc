//! Errors in a scale file. Scale files are edited by hand by admins in the regions, so every
//! error says where to look: the file, the item (when the problem is inside one) and the field.

use serde::{Deserialize, Serialize};

/// A scale file that cannot be used. Displays as
/// `ips-25.toml: item V4: scoring.cut_offs: day_bands must have 4 ascending cut-offs`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[error("{file}: {}{field}: {message}", item_prefix(.item))]
pub struct ScaleError {
    /// The file name as given to the loader.
    pub file: String,
    /// The item's code (or `#n` for the n-th item when it has no usable code); `None` for
    /// scale-level fields.
    pub item: Option<String>,
    /// The field inside the item or scale, in the file's own key names, e.g. `name.sv`.
    pub field: String,
    /// What is wrong, in English for the admin.
    pub message: String,
}

fn item_prefix(item: &Option<String>) -> String {
    match item {
        Some(code) => format!("item {code}: "),
        None => String::new(),
    }
}

/// Where in the file a check is running; makes errors without repeating the file and item.
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    pub file: &'a str,
    pub item: Option<&'a str>,
}

impl<'a> At<'a> {
    pub fn scale(file: &'a str) -> Self {
        At { file, item: None }
    }

    pub fn item(self, code: &'a str) -> Self {
        At {
            item: Some(code),
            ..self
        }
    }

    pub fn err(self, field: impl Into<String>, message: impl Into<String>) -> ScaleError {
        ScaleError {
            file: self.file.to_owned(),
            item: self.item.map(str::to_owned),
            field: field.into(),
            message: message.into(),
        }
    }
}
