//! `team_contacts`: the part of colleagues' employer contacts a team shares (see migration
//! 0010). Written only by a pull.

use polku_domain::protocol::RecordId;
use polku_domain::UserId;
use rusqlite::{params, Connection};
use serde_json::{Map, Value};

/// Each shared field of an employer contact and its column.
const COLUMNS: [(&str, &str); 5] = [
    ("employerId", "employer_id"),
    ("occurredAt", "occurred_at"),
    ("coach", "coach"),
    ("mode", "mode"),
    ("removedAt", "removed_at"),
];

/// Takes the fields of one pulled change of a colleague's contact: a change carries only what
/// it changed, and changes arrive in the server's order, so each field present replaces the
/// one kept.
pub fn apply(
    conn: &Connection,
    id: &RecordId,
    owner: UserId,
    fields: &Map<String, Value>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO team_contacts (id, owner_id) VALUES (?1, ?2)
         ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id",
    )?
    .execute(params![id.as_str(), owner.to_string()])?;
    for (field, column) in COLUMNS {
        let Some(value) = fields.get(field) else {
            continue;
        };
        let text = match value {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        };
        // `column` is one of the constants above.
        conn.prepare_cached(&format!(
            "UPDATE team_contacts SET {column} = ?2 WHERE id = ?1"
        ))?
        .execute(params![id.as_str(), text])?;
    }
    Ok(())
}
