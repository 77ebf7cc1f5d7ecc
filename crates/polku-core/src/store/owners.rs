//! The condition that keeps a read to whose records it asks for ([`Whose`]), on the
//! `owner_id` column every synced table has (migration 0006: NULL is this installation's user).

use polku_domain::Whose;
use rusqlite::Connection;

/// A [`Whose`] resolved against the store, once per read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owners {
    /// No condition: the store holds no one else's records, so "mine" is every row. A coach's
    /// device always reads this way, and its covering indexes stay covering.
    Everyone,
    Own,
    /// One coach, by the hyphenated user id.
    Named(String),
    /// Every record that is not this user's: the imported team.
    Others,
}

impl Owners {
    pub fn resolve(conn: &Connection, whose: &Whose) -> rusqlite::Result<Owners> {
        Ok(match whose {
            Whose::Mine if holds_others(conn)? => Owners::Own,
            Whose::Mine => Owners::Everyone,
            Whose::Coach { id } => Owners::Named(id.to_string()),
            Whose::Team => Owners::Others,
        })
    }

    /// The SQL condition on `{alias}.owner_id`. A named owner is written into the text, not
    /// bound: it is a `UserId`'s hyphenated UUID (hex digits and dashes only), and a literal
    /// lets SQLite use the partial `*_owner` indexes of migration 0008 the same way in every
    /// query, whatever its other parameters are numbered.
    pub fn on(&self, alias: &str) -> String {
        match self {
            Owners::Everyone => "1".into(),
            Owners::Own => format!("{alias}.owner_id IS NULL"),
            Owners::Named(id) => format!("{alias}.owner_id = '{id}'"),
            Owners::Others => format!("{alias}.owner_id IS NOT NULL"),
        }
    }
}

/// Whether the store holds anyone else's records: one probe of each partial owner index, and
/// of the supervisor's reviews of coaches' logs (kept as the coaches'; a supervisor may review
/// a week before any of the team's clients or contacts arrive).
pub fn holds_others(conn: &Connection) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM clients WHERE owner_id IS NOT NULL)
             OR EXISTS (SELECT 1 FROM employer_contacts WHERE owner_id IS NOT NULL)
             OR EXISTS (SELECT 1 FROM log_reviews WHERE owner_id IS NOT NULL)",
    )?
    .query_row([], |r| r.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use polku_domain::UserId;

    #[test]
    fn a_named_owner_is_a_quoted_uuid_and_nothing_else() {
        let id = UserId::new();
        let sql = Owners::resolve(
            &Connection::open_in_memory().expect("db"),
            &Whose::Coach { id },
        )
        .expect("resolve")
        .on("c");
        assert_eq!(sql, format!("c.owner_id = '{id}'"));
        assert!(id
            .to_string()
            .chars()
            .all(|ch| ch.is_ascii_hexdigit() || ch == '-'));
    }
}
