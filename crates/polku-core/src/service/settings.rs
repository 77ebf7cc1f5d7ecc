//! Local settings: language, coach profile, the last screen.

use super::Polku;
use crate::error::Result;
use crate::store::tables::settings;
use polku_domain::Settings;

impl Polku {
    pub fn settings_get(&self) -> Result<Settings> {
        match settings::load(&self.store.read())? {
            // Unreadable settings must not keep the app from starting: fall back to defaults.
            Some(json) => Ok(serde_json::from_str(&json).unwrap_or_else(|e| {
                tracing::warn!("stored settings unreadable, using defaults: {e}");
                Settings::default()
            })),
            None => Ok(Settings::default()),
        }
    }

    pub fn settings_update(&self, s: Settings) -> Result<Settings> {
        s.validate()?;
        let json = serde_json::to_string(&s)?;
        self.store.write(|tx| Ok(settings::save(tx, &json)?))?;
        Ok(s)
    }
}
