//! `team_contacts`: the part of colleagues' employer contacts a team shares (see migration
//! 0010). Written only by a pull.

use polku_domain::protocol::RecordId;
use polku_domain::UserId;
use rusqlite::{params_from_iter, types::Value as Sql, Connection};
use serde_json::{Map, Value};

/// Each field a team shares of an employer contact (`Entity::team_share`) and its column.
const COLUMNS: [(&str, &str); 5] = [
    ("employerId", "employer_id"),
    ("occurredAt", "occurred_at"),
    ("coach", "coach"),
    ("mode", "mode"),
    ("removedAt", "removed_at"),
];

/// Takes the fields of one pulled change of a colleague's contact, in one statement: a change
/// carries only what it changed, and changes arrive in the server's order, so each field
/// present replaces the one kept.
pub fn apply(
    conn: &Connection,
    id: &RecordId,
    owner: UserId,
    fields: &Map<String, Value>,
) -> rusqlite::Result<()> {
    let present: Vec<(&str, Sql)> = COLUMNS
        .iter()
        .filter_map(|(field, column)| {
            let value = match fields.get(*field)? {
                Value::Null => Sql::Null,
                Value::String(s) => Sql::Text(s.clone()),
                other => Sql::Text(other.to_string()),
            };
            Some((*column, value))
        })
        .collect();
    // The columns are the constants above; a few shapes of statement, each prepared once.
    let (mut names, mut slots, mut sets) = (String::new(), String::new(), String::new());
    for (i, (column, _)) in present.iter().enumerate() {
        names.push_str(&format!(", {column}"));
        slots.push_str(&format!(", ?{}", i + 3));
        sets.push_str(&format!(", {column} = excluded.{column}"));
    }
    let sql = format!(
        "INSERT INTO team_contacts (id, owner_id{names}) VALUES (?1, ?2{slots})
         ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id{sets}"
    );
    let values = [
        Sql::Text(id.as_str().to_owned()),
        Sql::Text(owner.to_string()),
    ]
    .into_iter()
    .chain(present.into_iter().map(|(_, v)| v));
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use polku_domain::protocol::{Entity, TeamShare};

    #[test]
    fn every_field_a_team_shares_of_a_contact_has_a_column_and_no_other() {
        let TeamShare::Only(shared) = Entity::EmployerContact.team_share() else {
            panic!("a contact is shared in part");
        };
        let mut kept: Vec<&str> = COLUMNS.iter().map(|(field, _)| *field).collect();
        let mut shared = shared.to_vec();
        kept.sort_unstable();
        shared.sort_unstable();
        assert_eq!(kept, shared);
    }
}
