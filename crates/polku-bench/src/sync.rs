//! Sync benchmarks: a real device (polku-core) and the real server (in process, SQLite file or
//! PostgreSQL from `POLKU_TEST_POSTGRES`) over loopback HTTP.

use crate::store::{client_input, contact, employer_input, open};
use crate::{header, median, percentile, row};
use polku_core::sync::Timing;
use polku_core::{Polku, SyncEngine};
use polku_domain::protocol::{EnrolResponse, Entity, Mutation, PushRequest, RecordId, Role};
use polku_domain::sync::{EnrolInput, SyncState};
use polku_domain::{ContactMode, DeviceId, Hlc, JobInput, SupportContactInput};
use polku_server::service::admin;
use polku_server::testing::{provision, Org, TestDb};
use polku_server::{serve, Db};
use std::io::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) struct Env {
    pub(crate) server: serve::Running,
    pub(crate) org: Org,
    pub(crate) test_db: TestDb,
}

pub(crate) async fn env(test_db: TestDb) -> anyhow::Result<Env> {
    let db = Arc::new(Db::open(&test_db.url).await?);
    let org = provision(&db).await;
    let server = serve::start(db, "127.0.0.1:0".parse()?, 16 << 20).await?;
    Ok(Env {
        server,
        org,
        test_db,
    })
}

async fn device(env: &Env, polku: Polku) -> anyhow::Result<(Arc<Polku>, Arc<SyncEngine>)> {
    device_of(env, &env.org.coach, polku).await
}

pub(crate) async fn device_of(
    env: &Env,
    user: &str,
    polku: Polku,
) -> anyhow::Result<(Arc<Polku>, Arc<SyncEngine>)> {
    let code = admin::issue_code(&env.server.db, &env.org.org, user, 1).await?;
    let polku = Arc::new(polku);
    let engine = SyncEngine::new(polku.sync(), polku.changed(), Timing::default());
    engine
        .enrol(EnrolInput {
            server_url: env.server.url(),
            code,
            device_name: "bench".into(),
        })
        .await?;
    Ok((polku, engine))
}

pub(crate) async fn round(engine: &SyncEngine) -> anyhow::Result<()> {
    let s = engine.sync_now().await?;
    anyhow::ensure!(
        s.state == SyncState::Online,
        "sync failed: {:?}",
        s.last_error
    );
    Ok(())
}

pub fn run(which: &str) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async {
        if which != "sync-many" {
            push_and_pull(TestDb::sqlite()).await?;
        }
        if which == "sync-one" {
            return Ok(());
        }
        for per_coach in [2, 200] {
            many_devices(TestDb::sqlite(), per_coach).await?;
            match TestDb::postgres().await {
                Some(pg) => many_devices(pg, per_coach).await?,
                None => println!("(POLKU_TEST_POSTGRES not set: PostgreSQL skipped)"),
            }
        }
        Ok(())
    })
}

/// Push of 10,000 contacts, first pull of a caseload, a round with nothing to do, bytes/contact.
async fn push_and_pull(test_db: TestDb) -> anyhow::Result<()> {
    let backend = test_db.backend;
    header(&format!("sync, one device, server on {backend}"));
    let env = env(test_db).await?;
    let dir = tempfile::tempdir()?;

    // A coach's caseload: 25 clients, 5,000 contacts, a job and support contacts per client.
    let laptop = open(&dir, "laptop.db")?;
    let e = laptop.employer_create(employer_input(0))?;
    let clients: Vec<_> = (0..25)
        .map(|_| laptop.client_create(client_input()).map(|c| c.id))
        .collect::<Result<_, _>>()?;
    let inputs = (0..5_000)
        .map(|i| contact(e.id, vec![clients[i % 25]], i))
        .collect();
    laptop.contacts_import(inputs)?;
    for (i, c) in clients.iter().enumerate() {
        let job = laptop.job_create(JobInput {
            client_id: *c,
            employer_id: e.id,
            job_type: "Myyjä".into(),
            start_date: chrono::NaiveDate::from_ymd_opt(2026, 9, 1).expect("date"),
            end_date: None,
            hours_per_week: 20.0,
            hourly_wage: Some(12.5),
            permanent: false,
            competitive: true,
            wage_subsidy: false,
            started: true,
            end_reason: None,
        })?;
        for k in 0..4 {
            laptop.support_create(SupportContactInput {
                client_id: *c,
                job_id: Some(job.id),
                occurred_at: chrono::NaiveDate::from_ymd_opt(2026, 10, 1 + (i + k) as u32 % 28)
                    .and_then(|d| d.and_hms_opt(10, 0, 0))
                    .expect("time"),
                mode: ContactMode::Phone,
                with_employer: false,
                notes: "Kuulumiset".into(),
            })?;
        }
    }
    let (laptop, laptop_engine) = device(&env, laptop).await?;
    round(&laptop_engine).await?;

    // First pull on a new device of the same coach.
    let (tablet, tablet_engine) = device(&env, open(&dir, "tablet.db")?).await?;
    let t = Instant::now();
    round(&tablet_engine).await?;
    let first_pull = t.elapsed().as_secs_f64() * 1000.0;
    anyhow::ensure!(
        tablet.contacts_recent(10)?.len() == 10,
        "the tablet has the contacts"
    );
    row(
        "first pull: 25 clients, 5,000 contacts, jobs, support (ms)",
        format!("{first_pull:.0}"),
        "2000".into(),
        first_pull / 2000.0,
        "< 2000 ms",
    );

    // Push of 10,000 contacts recorded on one device (an import, or a long offline stretch),
    // three times, each beside the baseline, alternating, so both medians see the same machine
    // (fsync and scheduling times here drift between runs).
    let (mut pushes, mut stored, mut floors, mut via_driver) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let queued_per_run = 10_000;
    let floor_owner = admin::create_user(
        &env.server.db,
        &env.org.org,
        "Baseline owner",
        Role::Coach,
        std::slice::from_ref(&env.org.team),
    )
    .await?;
    for run in 0..3 {
        // A coach of their own, so the device's first round has nothing to pull.
        let coach = admin::create_user(
            &env.server.db,
            &env.org.org,
            &format!("Field coach {run}"),
            Role::Coach,
            std::slice::from_ref(&env.org.team),
        )
        .await?;
        let (field, field_engine) =
            device_of(&env, &coach, open(&dir, &format!("field{run}.db"))?).await?;
        let fe = field.employer_create(employer_input(1))?;
        round(&field_engine).await?;
        field.contacts_import(
            (0..queued_per_run)
                .map(|i| contact(fe.id, vec![], i))
                .collect(),
        )?;
        let queued = field.sync().unsent_count()?;
        empty_wal(&env.test_db.url)?;
        let t = Instant::now();
        round(&field_engine).await?;
        pushes.push(queued as f64 / t.elapsed().as_secs_f64());
        anyhow::ensure!(
            field.sync().unsent_count()? == 0,
            "the push emptied the outbox"
        );
        // Baselines, on the server's database file right after, each inserting rows for the
        // same number of records: the rows the server stores (record + change, one idempotency
        // row per batch), one row per contact, and that one row through the server's driver.
        empty_wal(&env.test_db.url)?;
        stored.push(stored_rows_floor(
            &env.test_db.url,
            queued as usize,
            &floor_owner,
        )?);
        empty_wal(&env.test_db.url)?;
        floors.push(sqlite_floor(&env.test_db.url, queued as usize)?);
        empty_wal(&env.test_db.url)?;
        via_driver.push(raw_insert_rate(&env, queued as usize).await?);
    }
    let records = median(&mut pushes);
    let (stored_rate, floor, driver) = (
        median(&mut stored),
        median(&mut floors),
        median(&mut via_driver),
    );
    row(
        "push 10,000 contacts, end to end (records/s)",
        format!("{records:.0}"),
        format!("{stored_rate:.0}"),
        records / stored_rate,
        "ratio >= 0.3",
    );
    row(
        "  same, baseline one row per contact",
        format!("{records:.0}"),
        format!("{floor:.0}"),
        records / floor,
        "(context)",
    );
    row(
        "  same, baseline one row each via the driver",
        format!("{records:.0}"),
        format!("{driver:.0}"),
        records / driver,
        "(context)",
    );
    println!(
        "  (runs: push {}; stored rows {}; one row {}; via driver {})",
        list(&pushes),
        list(&stored),
        list(&floors),
        list(&via_driver)
    );

    // A round with nothing to send or receive.
    round(&tablet_engine).await?;
    let mut samples = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        round(&tablet_engine).await?;
        samples.push(t.elapsed());
    }
    let p99 = percentile(&mut samples, 0.99);
    row(
        "sync round with nothing to do, p99 (ms)",
        format!("{p99:.2}"),
        "50".into(),
        p99 / 50.0,
        "< 50 ms",
    );

    // Bytes on the wire per contact: a push batch of 500 contacts, gzip as sent.
    let batch = sample_batch(&laptop, 500)?;
    let json = serde_json::to_vec(&batch)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&json)?;
    let gz = gz.finish()?;
    let per_contact_json = json.len() as f64 / 500.0;
    let per_contact_gz = gz.len() as f64 / 500.0;
    row(
        "bytes on the wire per contact (gzip)",
        format!("{per_contact_gz:.0}"),
        format!("{per_contact_json:.0}"),
        per_contact_gz / per_contact_json,
        "baseline = its JSON",
    );
    env.server.stop().await;
    env.test_db.drop_db().await;
    Ok(())
}

fn list(v: &[f64]) -> String {
    v.iter()
        .map(|x| format!("{x:.0}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// 500 contact mutations as the device would push them (its first contacts, re-read).
fn sample_batch(polku: &Polku, n: usize) -> anyhow::Result<PushRequest> {
    let conn = polku.store().read();
    let mut stmt = conn.prepare(
        "SELECT seq, record_id, hlc, fields FROM outbox WHERE entity = 'employer_contact'
         ORDER BY seq LIMIT ?1",
    )?;
    let mutations = stmt
        .query_map([n as i64], |r| {
            let (id, hlc, fields): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
            Ok((r.get::<_, i64>(0)? as u64, id, hlc, fields))
        })?
        .map(|row| {
            let (seq, id, hlc, fields) = row?;
            Ok(Mutation {
                seq,
                entity: Entity::EmployerContact,
                record_id: RecordId::parse(&id)?,
                hlc: hlc.parse()?,
                fields: serde_json::from_str(&fields)?,
                base: None,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(PushRequest {
        device_id: DeviceId::new(),
        from_seq: mutations.first().map_or(1, |m| m.seq),
        to_seq: mutations.last().map_or(1, |m| m.seq),
        mutations,
    })
}

/// The baselines' transaction size: the device's push batch.
const BATCH: usize = polku_core::sync::PUSH_BATCH as usize;

/// A contact's JSON as the server stores it.
const CONTACT_JSON: &str = r#"{"employerId":"0197a0c0-0000-7000-8000-000000000000","occurredAt":"2026-11-20T10:00:00","coach":"","contactPerson":"Maija Laine","contactRole":"myymäläpäällikkö","mode":"face_to_face","clientPresent":false,"purposes":["learn_needs"],"outcome":null,"nextStep":"","nextStepDue":null,"nextStepDone":false,"notes":"","reviewedAt":null,"removedAt":null,"clientIds":[]}"#;

/// Copies the server file's WAL back and empties it, so every measured write starts alike.
fn empty_wal(url: &str) -> anyhow::Result<()> {
    let conn = floor_conn(url)?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// A rusqlite connection to the server's SQLite file, with the server's pragmas.
fn floor_conn(url: &str) -> anyhow::Result<rusqlite::Connection> {
    let path = url
        .strip_prefix("sqlite://")
        .ok_or_else(|| anyhow::anyhow!("not a SQLite URL: {url}"))?;
    let conn = rusqlite::Connection::open(path)?;
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")?;
    Ok(conn)
}

/// SQLite's own insert rate of `n` rows (id + a contact's JSON) on the server's database file:
/// rusqlite, prepared single-row inserts in transactions of one push batch, the
/// server's pragmas (WAL, `synchronous = FULL`).
fn sqlite_floor(url: &str, n: usize) -> anyhow::Result<f64> {
    let mut conn = floor_conn(url)?;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS bench_floor (record_id TEXT PRIMARY KEY, fields TEXT NOT NULL)",
    )?;
    let t = Instant::now();
    for _ in 0..n / BATCH {
        let tx = conn.transaction()?;
        {
            let mut insert =
                tx.prepare_cached("INSERT INTO bench_floor (record_id, fields) VALUES (?1, ?2)")?;
            for _ in 0..BATCH {
                insert.execute(rusqlite::params![
                    uuid::Uuid::now_v7().to_string(),
                    CONTACT_JSON
                ])?;
            }
        }
        tx.commit()?;
    }
    Ok(n as f64 / t.elapsed().as_secs_f64())
}

/// SQLite's own insert rate of the rows the server stores for `n` records, written into the
/// server's own `records`, `changes` and `applied_batches` tables (so their indexes and
/// constraints are the server's): per record its merged state and its change, per batch one
/// idempotency row; rusqlite as in [`sqlite_floor`]. `owner` is a user of its own, whose
/// caseload no measured device reads.
fn stored_rows_floor(url: &str, n: usize, owner: &str) -> anyhow::Result<f64> {
    let mut conn = floor_conn(url)?;
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    let (team, device) = (
        uuid::Uuid::now_v7().to_string(),
        uuid::Uuid::now_v7().to_string(),
    );
    let hlc = "2026-11-20T10:00:00.000Z-0000-0197a0c0000070008000000000000000";
    let clocks = format!(r#"{{"*":"{hlc}"}}"#);
    let hashes = "0".repeat(64 * BATCH);
    let t = Instant::now();
    let mut cursor: i64 =
        conn.query_row("SELECT coalesce(max(cursor), 0) FROM changes", [], |r| {
            r.get(0)
        })?;
    for b in 0..n / BATCH {
        let tx = conn.transaction()?;
        {
            let mut record = tx.prepare_cached(
                "INSERT INTO records (record_id, entity, owner_id, team_id, fields, clocks,
                    cursor) VALUES (?1, 'employer_contact', ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut change = tx.prepare_cached(
                "INSERT INTO changes (cursor, owner_id, team_id, entity, record_id, hlc,
                    fields, device_id) VALUES (?1, ?2, ?3, 'employer_contact', ?4, ?5, ?6, ?7)",
            )?;
            for _ in 0..BATCH {
                cursor += 1;
                let id = uuid::Uuid::now_v7().to_string();
                record.execute(rusqlite::params![
                    id,
                    owner,
                    team,
                    CONTACT_JSON,
                    clocks,
                    cursor
                ])?;
                change.execute(rusqlite::params![
                    cursor,
                    owner,
                    team,
                    id,
                    hlc,
                    CONTACT_JSON,
                    device
                ])?;
            }
            tx.execute(
                "INSERT INTO applied_batches (device_id, from_seq, to_seq, hashes)
                 VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![device, b * BATCH + 1, b * BATCH + BATCH, hashes],
            )?;
        }
        tx.commit()?;
    }
    Ok(n as f64 / t.elapsed().as_secs_f64())
}

/// The same inserts as [`sqlite_floor`] through the server's own driver (sqlx, whose SQLite
/// connection is a worker thread: every statement is a round trip to it).
async fn raw_insert_rate(env: &Env, n: usize) -> anyhow::Result<f64> {
    let pool = &env.server.db.pool;
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS bench_raw (record_id TEXT PRIMARY KEY, fields TEXT NOT NULL)",
    )
    .execute(pool)
    .await?;
    let t = Instant::now();
    for _ in 0..n / BATCH {
        let mut tx = pool.begin().await?;
        for _ in 0..BATCH {
            sqlx::query("INSERT INTO bench_raw (record_id, fields) VALUES ($1, $2)")
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(CONTACT_JSON)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    }
    Ok(n as f64 / t.elapsed().as_secs_f64())
}

/// 200 devices, 20 changes each, all at once: every request's latency and every error.
/// `per_coach` devices share a coach (and so pull each other's changes): 2 is a region of
/// 100 coaches with a laptop and a second device each; 200 is a stress case where every pull
/// is a full page of the other devices' changes.
async fn many_devices(test_db: TestDb, per_coach: usize) -> anyhow::Result<()> {
    let backend = test_db.backend;
    let env = env(test_db).await?;
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()?;
    let mut teams = Vec::new();
    for t in 0..10 {
        teams.push(admin::create_team(&env.server.db, &env.org.org, &format!("Team {t}")).await?);
    }
    let mut coach = String::new();
    let mut tokens = Vec::new();
    for i in 0..200 {
        if i % per_coach == 0 {
            coach = coach_in_team(&env, &teams[i / 20]).await?;
        }
        let code = admin::issue_code(&env.server.db, &env.org.org, &coach, 1).await?;
        let e: EnrolResponse = http
            .post(format!("{}/v1/enrol", env.server.url()))
            .header("Polku-Protocol", "1")
            .json(&serde_json::json!({"code": code, "deviceName": "bench"}))
            .send()
            .await?
            .json()
            .await?;
        tokens.push(e);
    }
    // The load hits the server binary as its own process (as in production, where the 200
    // devices are other machines); the in-process server above only enrolled them.
    let Env {
        server, test_db, ..
    } = env;
    server.stop().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut child = std::process::Command::new(server_bin()?)
        .args(["serve", "--database", &test_db.url, "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "polku_server=warn")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let mut ready = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(
            child
                .stdout
                .take()
                .ok_or_else(|| anyhow::anyhow!("stdout"))?,
        ),
        &mut ready,
    )?;
    anyhow::ensure!(ready.contains("listening"), "server said {ready:?}");
    let url = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    let tasks: Vec<_> = tokens
        .into_iter()
        .map(|e| {
            let (http, url) = (http.clone(), url.clone());
            tokio::spawn(async move {
                let mut lat: Vec<Duration> = Vec::new();
                let mut errors = 0u32;
                let mutations: Vec<Mutation> = (1..=20u64)
                    .map(|seq| {
                        let mut fields = serde_json::Map::new();
                        fields.insert("name".into(), format!("client {seq}").into());
                        Mutation {
                            seq,
                            entity: Entity::Client,
                            record_id: RecordId::of(uuid::Uuid::now_v7()),
                            hlc: Hlc::next(None, 1_800_000_000_000 + seq, e.device_id),
                            fields,
                            base: None,
                        }
                    })
                    .collect();
                let batch = PushRequest {
                    device_id: e.device_id,
                    from_seq: 1,
                    to_seq: 20,
                    mutations,
                };
                let t = Instant::now();
                let push = http
                    .post(format!("{url}/v1/sync/push"))
                    .header("Polku-Protocol", "1")
                    .bearer_auth(&e.token)
                    .json(&batch)
                    .send()
                    .await;
                lat.push(t.elapsed());
                if !push.is_ok_and(|r| r.status().is_success()) {
                    errors += 1;
                }
                let t = Instant::now();
                let pull = http
                    .get(format!("{url}/v1/sync/pull?after=0&limit=1000"))
                    .header("Polku-Protocol", "1")
                    .bearer_auth(&e.token)
                    .send()
                    .await;
                match pull {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                    }
                    _ => errors += 1,
                }
                lat.push(t.elapsed());
                (lat, errors)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (lat, e) = t.await?;
        all.extend(lat);
        errors += e;
    }
    let wall = start.elapsed().as_secs_f64();
    let p99 = percentile(&mut all, 0.99);
    let (who, goal) = match per_coach {
        200 => ("all of one coach (stress)", "(no goal)"),
        _ => ("100 coaches x 2", "< 500 ms"),
    };
    header(&format!(
        "sync, 200 devices at once, {who}, server on {backend}"
    ));
    row(
        "request latency p99 (ms), 20 changes/device",
        format!("{p99:.0}"),
        "500".into(),
        p99 / 500.0,
        goal,
    );
    row(
        "errors (of 400 requests)",
        format!("{errors}"),
        "0".into(),
        0.0,
        "0",
    );
    println!(
        "  ({} requests in {wall:.2} s, server as its own process)",
        all.len()
    );
    let _ = child.kill();
    let _ = child.wait();
    test_db.drop_db().await;
    Ok(())
}

/// A new coach in team `team` of the benchmark's organisation.
async fn coach_in_team(env: &Env, team: &str) -> anyhow::Result<String> {
    let name = format!("Coach {}", uuid::Uuid::now_v7());
    let teams = [team.to_owned()];
    Ok(admin::create_user(&env.server.db, &env.org.org, &name, Role::Coach, &teams).await?)
}

/// The release server binary beside this benchmark (`cargo xtask bench sync` builds it).
fn server_bin() -> anyhow::Result<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("POLKU_SERVER_BIN") {
        return Ok(p.into());
    }
    let exe = std::env::current_exe()?;
    let bin = exe
        .parent()
        .map(|d| d.join("polku-server"))
        .ok_or_else(|| anyhow::anyhow!("no target dir"))?;
    anyhow::ensure!(
        bin.exists(),
        "build it first: cargo build --release -p polku-server"
    );
    Ok(bin)
}
