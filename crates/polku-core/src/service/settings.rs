//! Settings: language and the last screen stay on this device; the name on reports and the FTE
//! are the user's profile once enrolled (`Entity::Profile`), synced to their other devices.

use super::Polku;
use crate::error::Result;
use crate::store::tables::{meta, profiles, settings};
use crate::write::Write;
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::{Profile, Settings, UserId};
use rusqlite::Connection;

impl Polku {
    /// This device's settings, with the enrolled user's profile in place of the local name and
    /// FTE once there is one.
    pub fn settings_get(&self) -> Result<Settings> {
        let conn = self.store.read();
        let mut s = local_settings(&conn)?;
        if let Some(p) = own_profile(&conn)? {
            s.coach_name = p.report_name;
            s.fte = p.fte;
        }
        Ok(s)
    }

    pub fn settings_update(&self, s: Settings) -> Result<Settings> {
        s.validate()?;
        let json = serde_json::to_string(&s)?;
        self.write(|w| {
            let before = local_settings(w.tx)?;
            settings::save(w.tx, &json)?;
            let Some(user) = meta::user_id(w.tx)? else {
                return Ok(());
            };
            // Without a profile yet, one is made only when the name or FTE changed: a new
            // device's defaults (saved with the last screen) must not overwrite the profile
            // its first pull is about to bring.
            let changed = (before.coach_name != s.coach_name) || (before.fte != s.fte);
            if profiles::get(w.tx, user)?.is_some() || changed {
                save_profile(w, user, &s.coach_name, s.fte)?;
            }
            Ok(())
        })?;
        Ok(s)
    }
}

/// At enrolment: the name or FTE set before becomes the user's profile, unless the user
/// already has one here or left both at their defaults.
pub(crate) fn profile_from_local_settings(w: &mut Write<'_>, user: UserId) -> Result<()> {
    let s = local_settings(w.tx)?;
    let defaults = Settings::default();
    let typed = s.coach_name != defaults.coach_name || s.fte != defaults.fte;
    if typed && profiles::get(w.tx, user)?.is_none() {
        save_profile(w, user, &s.coach_name, s.fte)?;
    }
    Ok(())
}

fn save_profile(w: &mut Write<'_>, user: UserId, report_name: &str, fte: f64) -> Result<()> {
    let id = RecordId::of(user);
    let now = w.timestamp();
    match profiles::get(w.tx, user)? {
        Some(old) => {
            let p = Profile {
                report_name: report_name.to_owned(),
                fte,
                updated_at: now,
                ..old.clone()
            };
            w.edit(Entity::Profile, &id, old, p, profiles::upsert)?;
        }
        None => {
            let mut p = Profile {
                id: user,
                report_name: report_name.to_owned(),
                fte,
                created_at: now.clone(),
                updated_at: now,
                version: String::new(),
            };
            p.version = w.track(Entity::Profile, &id, None, &p)?;
            profiles::insert(w.tx, &p)?;
        }
    }
    Ok(())
}

fn local_settings(conn: &Connection) -> Result<Settings> {
    Ok(match settings::load(conn)? {
        // Unreadable settings must not keep the app from starting: fall back to defaults.
        Some(json) => serde_json::from_str(&json).unwrap_or_else(|e| {
            tracing::warn!("stored settings unreadable, using defaults: {e}");
            Settings::default()
        }),
        None => Settings::default(),
    })
}

fn own_profile(conn: &Connection) -> Result<Option<Profile>> {
    match meta::user_id(conn)? {
        Some(user) => Ok(profiles::get(conn, user)?),
        None => Ok(None),
    }
}
