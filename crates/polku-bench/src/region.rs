//! A region's supervisor: 50 coaches' caseloads (500,000 records) pushed by their devices to
//! the real server (in process, SQLite file) and imported into a supervisor's store over
//! loopback HTTP, beside a raw insert of the same rows into the same schema; then the team
//! overview and the team's fidelity suggestions over everything imported.

use crate::store::{
    client_input, contact, employer_input, ips_25, now, open, period_face_to_face, raw_conn,
};
use crate::sync::{device_of, env, round};
use crate::{header, percentile, row};
use polku_domain::fidelity::ReviewInput;
use polku_domain::protocol::Role;
use polku_domain::{ReviewKind, ReviewSubject};
use polku_server::service::admin;
use polku_server::testing::TestDb;
use rusqlite::params;
use std::time::Instant;

const COACHES: usize = 50;
const CLIENTS: usize = 20;
/// Per coach: one employer, the clients, and contacts up to 10,000 records.
const CONTACTS: usize = 10_000 - CLIENTS - 1;
/// Minutes between a coach's contacts.
const SPACING: usize = 200;

pub fn run() -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(region())
}

async fn region() -> anyhow::Result<()> {
    let env = env(TestDb::sqlite()).await?;
    let dir = tempfile::tempdir()?;
    // Each coach's device records a caseload and pushes it (not timed).
    for c in 0..COACHES {
        let coach = admin::create_user(
            &env.server.db,
            &env.org.org,
            &format!("Valmentaja {c:02}"),
            Role::Coach,
            std::slice::from_ref(&env.org.team),
        )
        .await?;
        let polku = open(&dir, &format!("coach{c}.db"))?;
        let e = polku.employer_create(employer_input(c))?;
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| polku.client_create(client_input()).map(|c| c.id))
            .collect::<Result<_, _>>()?;
        // A contact every 200 minutes back from now: nearly four years of a coach's log, about
        // 45 contacts a week (a coach's six face-to-face visits a week and their calls and
        // mails, over years of history).
        polku.contacts_import(
            (0..CONTACTS)
                .map(|i| contact(e.id, vec![clients[i % CLIENTS]], i * SPACING))
                .collect(),
        )?;
        let (_, engine) = device_of(&env, &coach, polku).await?;
        round(&engine).await?;
    }
    let records = COACHES * (CONTACTS + CLIENTS + 1);

    header(&format!(
        "region import: {COACHES} coaches, {records} records, server on SQLite"
    ));
    let (supervisor, engine) =
        device_of(&env, &env.org.supervisor, open(&dir, "supervisor.db")?).await?;
    let t = Instant::now();
    round(&engine).await?;
    let import = t.elapsed().as_secs_f64();
    let contacts: i64 = supervisor.store().read().query_row(
        "SELECT count(*) FROM employer_contacts WHERE owner_id IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    anyhow::ensure!(
        contacts as usize == COACHES * CONTACTS,
        "the import brought every contact ({contacts})"
    );
    let raw = raw_rows(&dir, COACHES * CONTACTS)?;
    row(
        "import of the region's caseloads (s)",
        format!("{import:.1}"),
        format!("{raw:.1}"),
        import / raw,
        "<= 30 s; baseline = raw insert of its rows",
    );
    println!(
        "  ({:.0} records/s imported; baseline {:.0} rows/s, the contacts with their client links)",
        records as f64 / import,
        (COACHES * CONTACTS) as f64 / raw
    );

    // The supervisor's home screen, and a team review's suggestions, over the import.
    let conn = raw_conn(&dir.path().join("supervisor.db"))?;
    let twelve_weeks = format!("{}", (now() - chrono::Duration::weeks(12)).date());
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for _ in 0..30 {
        let t = Instant::now();
        let o = supervisor.team_overview()?;
        ours.push(t.elapsed());
        // The team's own coach and colleague from `provision` are on the roster too, with no
        // records.
        anyhow::ensure!(
            o.coaches.len() == COACHES + 2,
            "every coach is on the overview"
        );
        // Baseline: one grouped pass over the team's contacts of the 12 weeks.
        let t = Instant::now();
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM (SELECT owner_id, count(*) FROM employer_contacts
               WHERE owner_id IS NOT NULL AND occurred_at >= ?1 GROUP BY owner_id)",
            [&twelve_weeks],
            |r| r.get(0),
        )?;
        base.push(t.elapsed());
        anyhow::ensure!(n as usize == COACHES, "{n} coaches' contacts");
    }
    let (a, b) = (percentile(&mut ours, 0.99), percentile(&mut base, 0.99));
    row(
        "team overview of 50 coaches, p99",
        format!("{a:.1} ms"),
        format!("{b:.1} ms"),
        a / b,
        "p99 < 100 ms",
    );

    // A review of the team: the team's suggestions with each of the 50 coaches' beside every
    // item, as the review screen asks for them.
    let to = now().date();
    let from = to - chrono::Duration::days(182);
    let review = supervisor.review_start(ReviewInput {
        scale_id: ips_25()?.id,
        kind: ReviewKind::SelfReview,
        subject: ReviewSubject::Team,
        period_from: from,
        period_to: to,
        raters: String::new(),
    })?;
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        let t = Instant::now();
        let s = supervisor.review_suggestions(review.id)?;
        ours.push(t.elapsed());
        anyhow::ensure!(
            !s.is_empty() && s.iter().all(|s| s.by_coach.len() == COACHES + 2),
            "every suggestion has every coach beside it"
        );
        let t = Instant::now();
        let n = period_face_to_face(&conn, from, to)?;
        base.push(t.elapsed());
        anyhow::ensure!(n > 0);
    }
    let (a, b) = (percentile(&mut ours, 0.99), percentile(&mut base, 0.99));
    row(
        "team fidelity suggestions over 50 coaches, each coach's beside, p99",
        format!("{a:.1} ms"),
        format!("{b:.1} ms"),
        a / b,
        "p99 < 500 ms",
    );
    env.server.stop().await;
    env.test_db.drop_db().await;
    Ok(())
}

/// Seconds for a raw insert of `n` contact rows with their client links and owners into the
/// same schema, a page (1,000 rows) per transaction as the import commits them, and as
/// durable as its pulled pages (`synchronous=NORMAL`: they can be fetched again).
fn raw_rows(dir: &tempfile::TempDir, n: usize) -> anyhow::Result<f64> {
    let polku = open(dir, "raw.db")?;
    let e = polku.employer_create(employer_input(0))?.id.to_string();
    let clients: Vec<String> = (0..CLIENTS)
        .map(|_| {
            polku
                .client_create(client_input())
                .map(|c| c.id.to_string())
        })
        .collect::<Result<_, _>>()?;
    drop(polku);
    let conn = raw_conn(&dir.path().join("raw.db"))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let t = Instant::now();
    for page in 0..n.div_ceil(1000) {
        let tx = conn.unchecked_transaction()?;
        for i in page * 1000..((page + 1) * 1000).min(n) {
            let id = uuid::Uuid::now_v7().to_string();
            let at = (now() - chrono::Duration::minutes(((i % CONTACTS) * SPACING) as i64))
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string();
            tx.prepare_cached(
                "INSERT INTO employer_contacts (id, employer_id, occurred_at, contact_person,
                    contact_role, mode, client_present, purposes, outcome, next_step,
                    next_step_due, next_step_done, notes, reviewed_at, removed_at, created_at,
                    updated_at, version, coach, owner_id)
                 VALUES (?1, ?2, ?3, 'Maija Laine', 'myymäläpäällikkö', 'face_to_face', 0,
                    'present_job_seeker', NULL, 'Soita perjantaina', NULL, 0,
                    'Kiinnostunut osa-aikaisesta varastotyöntekijästä.', NULL, NULL, ?4, ?4, ?5,
                    '', ?6)",
            )?
            .execute(params![
                id,
                e,
                at,
                "2026-11-20T12:00:00.000Z",
                "000000000000000-000000-x",
                format!("coach-{}", i / CONTACTS)
            ])?;
            tx.prepare_cached(
                "INSERT INTO contact_clients (contact_id, client_id, occurred_at)
                 VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, clients[i % CLIENTS], at])?;
        }
        tx.commit()?;
    }
    Ok(t.elapsed().as_secs_f64())
}
