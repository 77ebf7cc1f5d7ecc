//! Read-only queries across tables for fidelity evidence. They span clients, contacts, jobs
//! and support, so they live beside the per-table modules rather than in one of them.

//!
//! Each takes the [`Owners`] whose records it counts; the condition goes into the SQL text, so
//! every statement is prepared once per owner and cached.

use super::owners::Owners;
use super::tables::employers::kept_of;
use super::tables::{date_col, datetime_sql, opt_date_col};
use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection};

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Start of the day after `d`, as stored contact times compare.
fn end_of(d: NaiveDate) -> String {
    datetime_sql(
        (d + Duration::days(1))
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default(),
    )
}

fn start_of(d: NaiveDate) -> String {
    datetime_sql(d.and_hms_opt(0, 0, 0).unwrap_or_default())
}

/// Clients open on `at` who had entered (or been referred) by then.
pub fn active_clients(conn: &Connection, o: &Owners, at: NaiveDate) -> rusqlite::Result<u32> {
    conn.prepare_cached(&format!(
        "SELECT count(*) FROM clients c
         WHERE (c.discharge_date IS NULL OR c.discharge_date > ?1)
           AND coalesce(c.entry_date, c.referral_date, substr(c.created_at, 1, 10)) <= ?1
           AND {}",
        o.on("c")
    ))?
    .query_row([day(at)], |r| r.get(0))
}

/// Active clients on `at` without a job running that day.
pub fn job_seekers(conn: &Connection, o: &Owners, at: NaiveDate) -> rusqlite::Result<u32> {
    conn.prepare_cached(&format!(
        "SELECT count(*) FROM clients c
         WHERE (c.discharge_date IS NULL OR c.discharge_date > ?1)
           AND coalesce(c.entry_date, c.referral_date, substr(c.created_at, 1, 10)) <= ?1
           AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.client_id = c.id AND j.started = 1
                           AND j.start_date <= ?1
                           AND (j.end_date IS NULL OR j.end_date >= ?1))
           AND {}",
        o.on("c")
    ))?
    .query_row([day(at)], |r| r.get(0))
}

/// A client's entry date, first face-to-face employer contact and discharge date.
pub type Entry = (NaiveDate, Option<NaiveDate>, Option<NaiveDate>);

/// For clients who entered in the period: entry date and the date of their first
/// face-to-face employer contact on or after it (if any).
pub fn entries_and_first_contacts(
    conn: &Connection,
    o: &Owners,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<Vec<Entry>> {
    conn.prepare_cached(&format!(
        // Walks the client's contacts in time order and stops at the first face-to-face one.
        "SELECT c.entry_date,
                (SELECT substr(cc.occurred_at, 1, 10) FROM contact_clients cc
                   JOIN employer_contacts ec ON ec.id = cc.contact_id
                  WHERE cc.client_id = c.id AND ec.mode = 'face_to_face'
                    AND ec.removed_at IS NULL AND cc.occurred_at >= c.entry_date
                  ORDER BY cc.occurred_at LIMIT 1),
                c.discharge_date
         FROM clients c WHERE c.entry_date BETWEEN ?1 AND ?2 AND {}",
        o.on("c")
    ))?
    .query_map([day(from), day(to)], |r| {
        Ok((date_col(r, 0)?, opt_date_col(r, 1)?, opt_date_col(r, 2)?))
    })?
    .collect()
}

/// Face-to-face visits in the period: (employers visited, of them visited twice or more,
/// visits, visits to learn needs, visits presenting a job seeker). Two passes over the
/// `employer_contacts_visits` index, which holds every column these read.
pub fn visit_quality(
    conn: &Connection,
    o: &Owners,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<(u32, u32, u32, u32, u32)> {
    let range = [start_of(from), end_of(to)];
    let (visits, learning, presenting): (u32, Option<u32>, Option<u32>) = conn
        .prepare_cached(&format!(
            "SELECT count(*),
                    sum(',' || c.purposes || ',' LIKE '%,learn_needs,%'),
                    sum(',' || c.purposes || ',' LIKE '%,present_job_seeker,%')
             FROM employer_contacts c
             WHERE c.mode = 'face_to_face' AND c.occurred_at >= ?1 AND c.occurred_at < ?2
               AND c.removed_at IS NULL AND {}",
            o.on("c")
        ))?
        .query_row(range.clone(), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let (employers, repeated): (u32, Option<u32>) = conn
        .prepare_cached(&format!(
            // Counted per employer named, then per employer kept (a merged duplicate's
            // visits are the kept one's): the lookup runs once per employer, not per visit.
            "SELECT count(*), sum(n >= 2) FROM (
                 SELECT sum(g.n) AS n FROM (
                     SELECT c.employer_id AS id, count(*) AS n FROM employer_contacts c
                     WHERE c.mode = 'face_to_face' AND c.occurred_at >= ?1
                       AND c.occurred_at < ?2 AND c.removed_at IS NULL AND {}
                     GROUP BY c.employer_id) g
                 JOIN employers d ON d.id = g.id
                 GROUP BY {})",
            o.on("c"),
            kept_of!("d")
        ))?
        .query_row(range, |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((
        employers,
        repeated.unwrap_or(0),
        learning.unwrap_or(0),
        presenting.unwrap_or(0),
        visits,
    ))
}

/// The jobs held at any time during the period: (job type, employer id — the employer kept,
/// for a merged duplicate — competitive).
pub fn jobs_held(
    conn: &Connection,
    o: &Owners,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<Vec<(String, String, bool)>> {
    conn.prepare_cached(&format!(
        "SELECT j.job_type, {}, j.competitive
         FROM jobs j JOIN employers d ON d.id = j.employer_id
         WHERE j.started = 1 AND j.start_date <= ?2 AND (j.end_date IS NULL OR j.end_date >= ?1)
           AND {}",
        kept_of!("d"),
        o.on("j")
    ))?
    .query_map([day(from), day(to)], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?
    .collect()
}

/// For each job starting in the period: its start date and the dates of the client's
/// face-to-face support contacts from a week before to four weeks after the start.
pub fn starts_with_support(
    conn: &Connection,
    o: &Owners,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<Vec<(NaiveDate, Vec<NaiveDate>)>> {
    let starts: Vec<(String, NaiveDate)> = conn
        .prepare_cached(&format!(
            "SELECT j.client_id, j.start_date FROM jobs j
             WHERE j.start_date BETWEEN ?1 AND ?2 AND {}",
            o.on("j")
        ))?
        .query_map([day(from), day(to)], |r| Ok((r.get(0)?, date_col(r, 1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut support = conn.prepare_cached(
        "SELECT substr(occurred_at, 1, 10) FROM support_contacts
         WHERE client_id = ?1 AND mode = 'face_to_face'
           AND occurred_at >= ?2 AND occurred_at < ?3 ORDER BY occurred_at",
    )?;
    let mut out = Vec::with_capacity(starts.len());
    for (client, start) in starts {
        let dates = support
            .query_map(
                params![
                    client,
                    start_of(start - Duration::days(7)),
                    start_of(start + Duration::days(28))
                ],
                |r| date_col(r, 0),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push((start, dates));
    }
    Ok(out)
}

/// Per client open during `from..=to`: (employed at entry, held a competitive job in the
/// period, had any contact in the last 28 days of the period).
pub fn served_in(
    conn: &Connection,
    o: &Owners,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<Vec<(bool, bool, bool)>> {
    let recent = to - Duration::days(27);
    conn.prepare_cached(&format!(
        "SELECT c.employed_at_entry,
                EXISTS (SELECT 1 FROM jobs j WHERE j.client_id = c.id AND j.competitive = 1
                        AND j.started = 1
                        AND j.start_date <= ?2 AND (j.end_date IS NULL OR j.end_date >= ?1)),
                EXISTS (SELECT 1 FROM contact_clients cc
                        JOIN employer_contacts ec ON ec.id = cc.contact_id AND ec.removed_at IS NULL
                        WHERE cc.client_id = c.id AND cc.occurred_at >= ?3 AND cc.occurred_at < ?4)
                OR EXISTS (SELECT 1 FROM support_contacts s WHERE s.client_id = c.id
                        AND s.occurred_at >= ?3 AND s.occurred_at < ?4)
         FROM clients c
         WHERE coalesce(c.entry_date, c.referral_date, substr(c.created_at, 1, 10)) <= ?2
           AND (c.discharge_date IS NULL OR c.discharge_date >= ?1) AND {}",
        o.on("c")
    ))?
    .query_map(
        params![day(from), day(to), start_of(recent), end_of(to)],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?
    .collect()
}

/// Every job that has begun (4 paid hours): (client id, start, end).
pub fn all_jobs(
    conn: &Connection,
    o: &Owners,
) -> rusqlite::Result<Vec<(String, NaiveDate, Option<NaiveDate>)>> {
    conn.prepare_cached(&format!(
        "SELECT j.client_id, j.start_date, j.end_date FROM jobs j
         WHERE j.started = 1 AND {} ORDER BY j.start_date",
        o.on("j")
    ))?
    .query_map([], |r| {
        Ok((r.get(0)?, date_col(r, 1)?, opt_date_col(r, 2)?))
    })?
    .collect()
}
