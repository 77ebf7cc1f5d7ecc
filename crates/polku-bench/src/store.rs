//! The store: durable single saves, bulk inserts, and reads over a million contacts.

use crate::{header, median, percentile, row};
use chrono::{Duration as Days, NaiveDate, NaiveDateTime};
use polku_core::{FixedClock, Polku};
use polku_domain::{
    CaseloadQuery, ClientId, ContactInput, ContactMode, ContactPurpose, EmployerId, EmployerInput,
};
use rusqlite::{params, Connection};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 20)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .expect("time")
}

pub(crate) fn open(dir: &tempfile::TempDir, name: &str) -> anyhow::Result<Polku> {
    Ok(Polku::open(
        &dir.path().join(name),
        Arc::new(FixedClock::new(now())),
    )?)
}

pub(crate) fn contact(employer: EmployerId, clients: Vec<ClientId>, i: usize) -> ContactInput {
    ContactInput {
        employer_id: Some(employer),
        new_employer: None,
        occurred_at: now() - Days::minutes(i as i64),
        contact_person: "Maija Laine".into(),
        contact_role: "myymäläpäällikkö".into(),
        mode: ContactMode::FaceToFace,
        client_ids: clients,
        client_present: false,
        purposes: vec![ContactPurpose::PresentJobSeeker],
        outcome: None,
        next_step: "Soita perjantaina".into(),
        next_step_due: None,
        notes: "Kiinnostunut osa-aikaisesta varastotyöntekijästä.".into(),
    }
}

pub(crate) fn employer_input(i: usize) -> EmployerInput {
    EmployerInput {
        name: format!("Työnantaja {i} Oy"),
        business_id: None,
        sector: "Kauppa".into(),
        location: "Tampere".into(),
    }
}

/// A raw insert of the same contact row into the same table, with the same connection setup.
pub(crate) fn raw_insert(conn: &Connection, employer: &str, i: usize) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO employer_contacts (id, employer_id, occurred_at, contact_person, contact_role,
            mode, client_present, purposes, outcome, next_step, next_step_due, next_step_done,
            notes, reviewed_at, removed_at, created_at, updated_at, version, coach)
         VALUES (?1, ?2, ?3, 'Maija Laine', 'myymäläpäällikkö', 'face_to_face', 0,
            'present_job_seeker', NULL, 'Soita perjantaina', NULL, 0,
            'Kiinnostunut osa-aikaisesta varastotyöntekijästä.', NULL, NULL, ?4, ?4, ?5, '')",
    )?
    .execute(params![
        uuid::Uuid::now_v7().to_string(),
        employer,
        (now() - Days::minutes(i as i64))
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string(),
        "2026-11-20T12:00:00.000Z",
        "000000000000000-000000-x",
    ])?;
    Ok(())
}

pub fn contacts() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    header("Saving employer contacts (durable: WAL + synchronous=FULL)");

    // Single saves: one service call = one transaction with its outbox entry.
    let polku = open(&dir, "single.db")?;
    let e = polku.employer_create(employer_input(0))?;
    let c = polku.client_create(client_input())?;
    let n = 2_000;
    let mut ours = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        polku.contact_create(contact(e.id, vec![c.id], i))?;
        ours.push(t.elapsed());
    }
    let (raw, raw_e) = raw_db_with_employer(&dir, "single-raw.db")?;
    let mut base = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        let tx = raw.unchecked_transaction()?;
        raw_insert(&tx, &raw_e, i)?;
        tx.commit()?;
        base.push(t.elapsed());
    }
    for (label, p) in [("p50", 0.50), ("p99", 0.99)] {
        let (a, b) = (percentile(&mut ours, p), percentile(&mut base, p));
        row(
            &format!("one contact saved via the core service, {label}"),
            format!("{a:.3} ms"),
            format!("{b:.3} ms"),
            a / b,
            if label == "p99" { "p99 < 5 ms" } else { "" },
        );
    }

    bulk()
}

/// Bulk: the import path (one transaction) against raw inserts of the same rows. Each side
/// runs three times, alternating, each into a fresh database; the medians are compared (one
/// run of each swung ±20 % on this machine).
pub fn bulk() -> anyhow::Result<()> {
    const BULK: usize = 100_000;
    const RUNS: usize = 3;
    let dir = tempfile::tempdir()?;
    let (mut ours, mut base, mut base2) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..RUNS {
        let polku = open(&dir, &format!("bulk-{run}.db"))?;
        let e = polku.employer_create(employer_input(0))?;
        let inputs: Vec<ContactInput> = (0..BULK).map(|i| contact(e.id, vec![], i)).collect();
        let t = Instant::now();
        polku.contacts_import(inputs)?;
        ours.push(BULK as f64 / t.elapsed().as_secs_f64());
        // What the store queued for the last contact, for the second baseline below.
        let payload: String = polku.store().read().query_row(
            "SELECT fields FROM outbox ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )?;
        drop(polku);

        let (raw, raw_e) = raw_db_with_employer(&dir, &format!("bulk-raw-{run}.db"))?;
        let t = Instant::now();
        let tx = raw.unchecked_transaction()?;
        for i in 0..BULK {
            raw_insert(&tx, &raw_e, i)?;
        }
        tx.commit()?;
        base.push(BULK as f64 / t.elapsed().as_secs_f64());

        // Second baseline: raw inserts of everything the store writes for a contact — the row
        // and its outbox entry with the same payload — to separate the cost of the store's
        // code from the cost of durable change tracking itself.
        let (raw, raw_e) = raw_db_with_employer(&dir, &format!("bulk-raw2-{run}.db"))?;
        let t = Instant::now();
        let tx = raw.unchecked_transaction()?;
        for i in 0..BULK {
            raw_insert(&tx, &raw_e, i)?;
            tx.prepare_cached(
                "INSERT INTO outbox (entity, record_id, hlc, fields, base)
                 VALUES ('employer_contact', ?1, ?2, ?3, NULL)",
            )?
            .execute(params![
                uuid::Uuid::now_v7().to_string(),
                "001763640000000-0000000000-00000000-0000-0000-0000-000000000000",
                payload,
            ])?;
        }
        tx.commit()?;
        base2.push(BULK as f64 / t.elapsed().as_secs_f64());
    }
    let (ours, base, base2) = (median(&mut ours), median(&mut base), median(&mut base2));
    row(
        "bulk insert of 100,000 contacts (rows/s, median of 3)",
        format!("{ours:.0}"),
        format!("{base:.0}"),
        ours / base,
        "ratio >= 0.5",
    );
    row(
        "  same, baseline = raw row + raw outbox entry",
        format!("{ours:.0}"),
        format!("{base2:.0}"),
        ours / base2,
        "",
    );
    Ok(())
}

pub(crate) fn client_input() -> polku_domain::ClientInput {
    polku_domain::ClientInput {
        name: "Aino K.".into(),
        responsible_professional: "Hanna Lehtonen".into(),
        stage: polku_domain::Stage::RapidJobSearch,
        referral_date: None,
        entry_date: None,
        profile_started_date: None,
        benefits_planning_date: None,
        disclosure_discussed_date: None,
        employed_at_entry: false,
        preferences: String::new(),
        notes: String::new(),
    }
}

/// A Polku schema with one employer, then opened as a plain connection for raw inserts.
fn raw_db_with_employer(
    dir: &tempfile::TempDir,
    name: &str,
) -> anyhow::Result<(Connection, String)> {
    let polku = open(dir, name)?;
    let employer = polku.employer_create(employer_input(0))?.id.to_string();
    drop(polku);
    Ok((raw_conn(&dir.path().join(name))?, employer))
}

pub(crate) fn raw_conn(path: &std::path::Path) -> rusqlite::Result<Connection> {
    let c = Connection::open(path)?;
    c.pragma_update(None, "journal_mode", "WAL")?;
    c.pragma_update(None, "synchronous", "FULL")?;
    c.pragma_update(None, "foreign_keys", "ON")?;
    c.pragma_update(None, "cache_size", -16_384)?; // as Store::open
    Ok(c)
}

pub fn queries() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let polku = open(&dir, "million.db")?;
    let clients: Vec<ClientId> = (0..100)
        .map(|i| {
            polku
                .client_create(polku_domain::ClientInput {
                    name: format!("Asiakas {i:03}"),
                    ..client_input()
                })
                .map(|c| c.id)
        })
        .collect::<Result<_, _>>()?;
    let employers: Vec<EmployerId> = (0..1_000)
        .map(|i| polku.employer_create(employer_input(i)).map(|e| e.id))
        .collect::<Result<_, _>>()?;
    drop(polku);
    // Fill a million contacts with raw SQL: the figure is about reading, not writing.
    let total = 1_000_000;
    {
        let conn = raw_conn(&dir.path().join("million.db"))?;
        conn.pragma_update(None, "synchronous", "OFF")?;
        let tx = conn.unchecked_transaction()?;
        for i in 0..total {
            let id = uuid::Uuid::now_v7().to_string();
            let at = (now() - Days::minutes((i % 500_000) as i64 * 3))
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string();
            tx.prepare_cached(
                "INSERT INTO employer_contacts (id, employer_id, occurred_at, contact_person,
                    contact_role, mode, client_present, purposes, next_step, next_step_done,
                    notes, created_at, updated_at, version, coach)
                 VALUES (?1, ?2, ?3, 'Maija', 'esimies', 'face_to_face', 0, 'learn_needs', '',
                    0, '', 'x', 'x', 'x', '')",
            )?
            .execute(params![id, employers[i % employers.len()].to_string(), at])?;
            tx.prepare_cached(
                "INSERT INTO contact_clients (contact_id, client_id, occurred_at) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, clients[i % clients.len()].to_string(), at])?;
        }
        tx.commit()?;
    }
    let polku = open(&dir, "million.db")?;
    header("Reading with 1,000,000 contacts in the database");
    let runs = 200;
    let mut list = Vec::with_capacity(runs);
    let mut timeline = Vec::with_capacity(runs);
    for i in 0..runs {
        let t = Instant::now();
        let l = polku.clients_list(&CaseloadQuery::default())?;
        list.push(t.elapsed());
        assert_eq!(l.len(), 100);
        let t = Instant::now();
        polku.client_timeline(clients[i % clients.len()])?;
        timeline.push(t.elapsed());
    }
    // Baselines: the bare index reads those views rest on.
    let raw = raw_conn(&dir.path().join("million.db"))?;
    let mut raw_list = Vec::with_capacity(runs);
    let mut raw_timeline = Vec::with_capacity(runs);
    for i in 0..runs {
        let t = Instant::now();
        let mut s = raw.prepare_cached(
            "SELECT c.id, (SELECT max(occurred_at) FROM contact_clients cc WHERE cc.client_id = c.id)
             FROM clients c ORDER BY c.name",
        )?;
        let n = s.query_map([], |r| r.get::<_, String>(0))?.count();
        raw_list.push(t.elapsed());
        assert_eq!(n, 100);
        let t = Instant::now();
        let mut s = raw.prepare_cached(
            "SELECT contact_id FROM contact_clients WHERE client_id = ?1
             ORDER BY occurred_at DESC LIMIT 300",
        )?;
        let _ = s
            .query_map([clients[i % clients.len()].to_string()], |r| {
                r.get::<_, String>(0)
            })?
            .count();
        raw_timeline.push(t.elapsed());
    }
    let report = |name: &str, ours: &mut Vec<Duration>, base: &mut Vec<Duration>| {
        let (a, b) = (percentile(ours, 0.99), percentile(base, 0.99));
        row(
            name,
            format!("{a:.2} ms"),
            format!("{b:.2} ms"),
            a / b,
            "p99 < 20 ms",
        );
    };
    report("caseload list (100 clients), p99", &mut list, &mut raw_list);
    report(
        "client timeline (10,000 contacts), p99",
        &mut timeline,
        &mut raw_timeline,
    );
    Ok(())
}

/// Suggestions for a six-month review over 100,000 contacts and 5,000 jobs.
pub fn suggestions() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let polku = open(&dir, "suggest.db")?;
    let clients: Vec<ClientId> = (0..500)
        .map(|i| {
            polku
                .client_create(polku_domain::ClientInput {
                    name: format!("Asiakas {i:03}"),
                    entry_date: NaiveDate::from_ymd_opt(2026, 1 + (i % 10) as u32, 5),
                    referral_date: NaiveDate::from_ymd_opt(2026, 1 + (i % 10) as u32, 1),
                    ..client_input()
                })
                .map(|c| c.id)
        })
        .collect::<Result<_, _>>()?;
    let employers: Vec<EmployerId> = (0..1_000)
        .map(|i| polku.employer_create(employer_input(i)).map(|e| e.id))
        .collect::<Result<_, _>>()?;
    let contacts: Vec<ContactInput> = (0..100_000)
        .map(|i| {
            let mut c = contact(
                employers[i % employers.len()],
                vec![clients[i % clients.len()]],
                i * 3,
            );
            if i % 3 == 0 {
                c.mode = ContactMode::Phone;
            }
            c
        })
        .collect();
    polku.contacts_import(contacts)?;
    let types = [
        "Myyjä",
        "Varastotyöntekijä",
        "Siivooja",
        "Kokki",
        "Hoiva-avustaja",
    ];
    for i in 0..5_000 {
        polku.job_create(polku_domain::JobInput {
            client_id: clients[i % clients.len()],
            employer_id: employers[(i * 7) % employers.len()],
            job_type: types[i % types.len()].into(),
            start_date: now().date() - Days::days((i % 700) as i64),
            end_date: None,
            hours_per_week: 20.0,
            hourly_wage: Some(12.0),
            permanent: false,
            competitive: i % 5 != 0,
            wage_subsidy: false,
            started: true,
            end_reason: None,
        })?;
    }
    let ips = &ips_25()?;
    let to = now().date();
    let from = to - Days::days(182);
    header("Fidelity suggestions: 500 clients, 100,000 contacts, 5,000 jobs, six-month period");
    let runs = 50;
    let mut ours = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let s = polku.fidelity_suggestions(ips, from, to, &polku_domain::Whose::Mine)?;
        ours.push(t.elapsed());
        assert!(!s.is_empty());
    }
    // Baseline: one pass over the period's contacts, the least any such report must read.
    let raw = raw_conn(&dir.path().join("suggest.db"))?;
    let mut base = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let n = period_face_to_face(&raw, from, to)?;
        base.push(t.elapsed());
        assert!(n > 0);
    }
    let (a, b) = (percentile(&mut ours, 0.99), percentile(&mut base, 0.99));
    row(
        "all suggestions for one review, p99",
        format!("{a:.1} ms"),
        format!("{b:.1} ms"),
        a / b,
        "p99 < 100 ms",
    );
    Ok(())
}

/// The IPS-25 scale Polku ships.
pub(crate) fn ips_25() -> anyhow::Result<polku_domain::fidelity::Scale> {
    let (scales, _) = polku_core::scales::load(None);
    scales
        .into_iter()
        .find(|s| s.id == "ips-25")
        .ok_or_else(|| anyhow::anyhow!("IPS-25 ships"))
}

/// The suggestions' baseline: one count of the period's face-to-face contacts, the least any
/// such report reads.
pub(crate) fn period_face_to_face(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT count(*) FROM employer_contacts WHERE occurred_at >= ?1 AND occurred_at < ?2
           AND mode = 'face_to_face'",
        [format!("{from}T00:00:00"), format!("{to}T23:59:59")],
        |r| r.get(0),
    )
}
