//! Resolving a conflict: the coach's choice between two values of one field, written as a
//! normal edit that syncs, and the conflict marked resolved on every device.

use super::{not_found, Polku};
use crate::error::{CoreError, Result};
use crate::store::tables::conflicts;
use crate::sync::entities::{self, Meta};
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::sync::ConflictResolution;

impl Polku {
    /// Resolves a conflict: writes the chosen value to the record (a normal edit that syncs)
    /// and marks the conflict resolved on every device.
    pub fn conflict_resolve(&self, id: &RecordId, choice: ConflictResolution) -> Result<()> {
        self.write(|w| {
            let c = conflicts::get(w.tx, id)?.ok_or_else(|| not_found("conflict", id))?;
            if c.resolved_at.is_some() {
                return Ok(());
            }
            let value = match choice {
                ConflictResolution::Kept => None,
                ConflictResolution::Lost => Some(c.lost_value.clone()),
                ConflictResolution::Edited { value } => Some(value),
            };
            if let Some(value) = value {
                let old = entities::load(w.tx, c.entity, &c.record_id)?
                    .ok_or_else(|| not_found("record", &c.record_id))?;
                let mut new = old.fields.clone();
                new.insert(c.field.clone(), value);
                // Held to the rules a form is held to; a value of the wrong type is refused
                // by field name too.
                entities::validate(c.entity, &c.record_id, &new, self.clock.now_local())
                    .map_err(|e| invalid_value(&c.field, e))?;
                let version = w.track(
                    c.entity,
                    &c.record_id,
                    Some((&old.fields, &old.version)),
                    &new,
                )?;
                let at = w.timestamp();
                let meta = Meta {
                    created_at: &old.created_at,
                    updated_at: &at,
                    version: &version,
                };
                entities::save(w.tx, c.entity, &c.record_id, &new, &meta, false)
                    .map_err(|e| invalid_value(&c.field, e))?;
            }
            let mut resolved = c.clone();
            resolved.resolved_at = Some(w.timestamp());
            resolved.version = w.track(
                Entity::Conflict,
                id,
                Some((&c.fields(), &c.version)),
                &resolved.fields(),
            )?;
            conflicts::upsert(w.tx, &resolved)?;
            Ok(())
        })
    }
}

/// A value the record cannot hold (wrong type for the field) is the coach's input error.
fn invalid_value(field: &str, e: CoreError) -> CoreError {
    match e {
        CoreError::Decode(_) => {
            let mut v = polku_domain::ValidationErrors::default();
            v.add(field, polku_domain::ValidationCode::Invalid);
            v.into()
        }
        other => other,
    }
}
