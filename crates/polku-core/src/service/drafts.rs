//! Drafts: half-filled forms saved as the coach types, so a closed window or a crash loses
//! nothing. Local only; never synced.

use super::Polku;
use crate::error::Result;
use crate::store::tables::drafts;
use polku_domain::{Draft, ValidationCode, ValidationErrors};

/// A draft is a form's state, not a document; this bounds a runaway payload.
const MAX_PAYLOAD_BYTES: usize = 256 * 1024;

impl Polku {
    pub fn draft_save(&self, key: &str, form: &str, payload: serde_json::Value) -> Result<()> {
        let mut e = ValidationErrors::default();
        e.required_text("key", key, 200);
        e.required_text("form", form, 100);
        if payload.to_string().len() > MAX_PAYLOAD_BYTES {
            e.add("payload", ValidationCode::TooLong);
        }
        e.into_result()?;
        let draft = Draft {
            key: key.to_owned(),
            form: form.to_owned(),
            payload,
            updated_at: self
                .clock
                .now_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        };
        self.store.write(|tx| Ok(drafts::upsert(tx, &draft)?))
    }

    pub fn draft_discard(&self, key: &str) -> Result<()> {
        self.store.write(|tx| Ok(drafts::delete(tx, key)?))
    }

    pub fn drafts_list(&self) -> Result<Vec<Draft>> {
        drafts::list(&self.store.read())?
            .into_iter()
            .map(|(key, form, payload, updated_at)| {
                Ok(Draft {
                    key,
                    form,
                    payload: serde_json::from_str(&payload)?,
                    updated_at,
                })
            })
            .collect()
    }
}
