//! Numbered SQL migrations, applied in order by `rusqlite_migration`. Append new files; never
//! edit one that has shipped.

use rusqlite_migration::{Migrations, M};

const STEPS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_fidelity.sql"),
    include_str!("migrations/0003_sync.sql"),
    include_str!("migrations/0004_visit_order.sql"),
    include_str!("migrations/0005_lean_outbox.sql"),
    include_str!("migrations/0006_owner.sql"),
    include_str!("migrations/0007_profiles.sql"),
    include_str!("migrations/0008_owner_indexes.sql"),
    include_str!("migrations/0009_log_reviews.sql"),
    include_str!("migrations/0010_team_employers.sql"),
    include_str!("migrations/0011_review_subject.sql"),
];

pub fn migrations() -> Migrations<'static> {
    Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version this build writes; a file with a higher `user_version` is newer.
pub fn latest_version() -> usize {
    STEPS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_sql_that_applies_in_order() {
        migrations()
            .validate()
            .expect("every migration applies cleanly");
    }
}
