//! Read-only queries for the supervisor's team overview: each figure counted for every coach
//! in one statement, grouped by `owner_id` over the imported records (migration 0008's partial
//! indexes hold exactly those rows).

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use std::collections::HashMap;

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Per coach: (clients open on `today`, of them holding a job that day).
pub fn active_and_working(
    conn: &Connection,
    today: NaiveDate,
) -> rusqlite::Result<HashMap<String, (u32, u32)>> {
    conn.prepare_cached(
        "SELECT c.owner_id, count(*),
                sum(EXISTS (SELECT 1 FROM jobs j WHERE j.client_id = c.id AND j.started = 1
                            AND j.start_date <= ?1
                            AND (j.end_date IS NULL OR j.end_date >= ?1)))
         FROM clients c
         WHERE c.owner_id IS NOT NULL
           AND (c.discharge_date IS NULL OR c.discharge_date > ?1)
           AND coalesce(c.entry_date, c.referral_date, substr(c.created_at, 1, 10)) <= ?1
         GROUP BY c.owner_id",
    )?
    .query_map([day(today)], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
    .collect()
}

/// Per coach: face-to-face employer contacts in each of `weeks` weeks from `first_monday`.
pub fn face_to_face_by_week(
    conn: &Connection,
    first_monday: NaiveDate,
    weeks: usize,
) -> rusqlite::Result<HashMap<String, Vec<u32>>> {
    let end = first_monday + chrono::Duration::weeks(weeks as i64);
    let mut out: HashMap<String, Vec<u32>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        // The date range picks the rows through the visits index; the owner is read per row.
        "SELECT c.owner_id,
                CAST((julianday(substr(c.occurred_at, 1, 10)) - julianday(?1)) / 7 AS INTEGER),
                count(*)
         FROM employer_contacts c
         WHERE c.mode = 'face_to_face' AND c.occurred_at >= ?1 AND c.occurred_at < ?2
           AND c.removed_at IS NULL AND +c.owner_id IS NOT NULL
         GROUP BY 1, 2",
    )?;
    let rows = stmt.query_map(params![day(first_monday), day(end)], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, u32>(2)?,
        ))
    })?;
    for row in rows {
        let (owner, week, n) = row?;
        let slot = out.entry(owner).or_insert_with(|| vec![0; weeks]);
        if let Some(v) = usize::try_from(week).ok().and_then(|w| slot.get_mut(w)) {
            *v = n;
        }
    }
    Ok(out)
}

/// The job figures per coach over the quarter so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JobCounts {
    pub starts_month: u32,
    pub starts_quarter: u32,
    pub ended_quarter: u32,
    pub reached_13_weeks: u32,
    pub kept_13_weeks: u32,
}

/// Per coach: starts this month and quarter, jobs ended this quarter, and jobs whose `kept_days`
/// mark fell in the quarter so far with how many of them lasted it.
pub fn jobs(
    conn: &Connection,
    month_start: NaiveDate,
    quarter_start: NaiveDate,
    today: NaiveDate,
    kept_days: i64,
) -> rusqlite::Result<HashMap<String, JobCounts>> {
    let kept = format!("+{kept_days} days");
    conn.prepare_cached(
        "SELECT j.owner_id,
                sum(j.start_date BETWEEN ?1 AND ?3),
                sum(j.start_date BETWEEN ?2 AND ?3),
                sum(j.end_date BETWEEN ?2 AND ?3),
                sum(date(j.start_date, ?4) BETWEEN ?2 AND ?3),
                sum(date(j.start_date, ?4) BETWEEN ?2 AND ?3
                    AND (j.end_date IS NULL OR j.end_date >= date(j.start_date, ?4)))
         FROM jobs j
         WHERE j.owner_id IS NOT NULL AND j.started = 1
         GROUP BY j.owner_id",
    )?
    .query_map(
        params![day(month_start), day(quarter_start), day(today), kept],
        |r| {
            Ok((
                r.get(0)?,
                JobCounts {
                    starts_month: r.get::<_, Option<u32>>(1)?.unwrap_or(0),
                    starts_quarter: r.get::<_, Option<u32>>(2)?.unwrap_or(0),
                    ended_quarter: r.get::<_, Option<u32>>(3)?.unwrap_or(0),
                    reached_13_weeks: r.get::<_, Option<u32>>(4)?.unwrap_or(0),
                    kept_13_weeks: r.get::<_, Option<u32>>(5)?.unwrap_or(0),
                },
            ))
        },
    )?
    .collect()
}

/// Per coach: clients whose service ended between `from` and `to`.
pub fn left_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<HashMap<String, u32>> {
    conn.prepare_cached(
        "SELECT owner_id, count(*) FROM clients
         WHERE owner_id IS NOT NULL AND discharge_date BETWEEN ?1 AND ?2
         GROUP BY owner_id",
    )?
    .query_map([day(from), day(to)], |r| Ok((r.get(0)?, r.get(1)?)))?
    .collect()
}

/// Per coach, and for the team (key `None`: the user's reviews of the team): the newest review
/// by its period's end.
pub fn latest_reviews(conn: &Connection) -> rusqlite::Result<HashMap<Option<String>, String>> {
    // SQLite takes the bare `id` from the row that holds the max.
    conn.prepare_cached(
        "SELECT owner_id, id, max(period_to || ' ' || created_at) FROM fidelity_reviews
         WHERE owner_id IS NOT NULL OR subject = 'team'
         GROUP BY owner_id",
    )?
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
    .collect()
}

/// Every coach this store holds records or a profile of, with the name on their reports.
pub fn coaches(conn: &Connection) -> rusqlite::Result<Vec<(String, Option<String>, f64)>> {
    conn.prepare_cached(
        "SELECT o.id, p.report_name, coalesce(p.fte, 1.0) FROM
           (SELECT owner_id AS id FROM clients WHERE owner_id IS NOT NULL
            UNION SELECT id FROM profiles WHERE owner_id IS NOT NULL) o
         LEFT JOIN profiles p ON p.id = o.id",
    )?
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
    .collect()
}
