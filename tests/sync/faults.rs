//! Faults with real processes: the server binary SIGKILLed and restarted at random moments
//! during pushes and pulls, connections cut mid-request and responses dropped after commit by a
//! TCP proxy, and a device process SIGKILLed mid-sync; meanwhile clients are handed over from
//! the coach to a colleague (as `polku-server admin handover` does) and the coach's devices go
//! on writing them. After healing: no record lost, none duplicated, every replica identical,
//! every queue drained within 30 s, every handed-over client the colleague's alone.

use crate::devices::{server_records, Device};
use crate::proxy::Proxy;
use polku_core::sync::Timing;
use polku_core::{Polku, SyncEngine, SystemClock};
use polku_domain::protocol::Entity;
use polku_domain::{ContactMode, EmployerId};
use polku_server::service::admin;
use polku_server::testing::{provision, TestDb};
use polku_server::Db;
use rand::Rng;
use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The server binary (`cargo xtask test` builds it and sets `POLKU_SERVER_BIN`).
pub(crate) fn server_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("POLKU_SERVER_BIN") {
        return p.into();
    }
    // target/debug/deps/sync-… → target/debug/polku-server
    let exe = std::env::current_exe().expect("exe");
    let bin = exe
        .parent()
        .and_then(|d| d.parent())
        .map(|d| d.join("polku-server"))
        .expect("target dir");
    assert!(
        bin.exists(),
        "build the server first: cargo build -p polku-server"
    );
    bin
}

pub(crate) struct ServerProcess {
    child: Child,
}

impl ServerProcess {
    pub(crate) fn start(database: &str, addr: SocketAddr) -> ServerProcess {
        let mut child = Command::new(server_bin())
            .args([
                "serve",
                "--database",
                database,
                "--listen",
                &addr.to_string(),
            ])
            .env("RUST_LOG", "polku_server=warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start server");
        // Ready when it prints the address it listens on.
        let mut out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        std::io::BufRead::read_line(&mut out, &mut line).expect("read");
        assert!(line.contains("listening on"), "server said {line:?}");
        ServerProcess { child }
    }

    fn kill(self) {
        drop(self); // SIGKILL: no graceful anything
    }

    /// SIGTERM: the graceful way out.
    pub(crate) fn terminate(&mut self) {
        let _ = Command::new("kill")
            .args(["-s", "TERM", "--", &self.child.id().to_string()])
            .status();
    }

    /// Whether the process ends with success within `limit`.
    pub(crate) fn exits_cleanly(&mut self, limit: Duration) -> bool {
        let until = Instant::now() + limit;
        while Instant::now() < until {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for ServerProcess {
    /// Also when a test fails: no server outlives its test.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A child process killed when dropped, so a failing test leaves nothing running.
struct Reaped(Child);

impl std::ops::Deref for Reaped {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for Reaped {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn device_process(db: &std::path::Path, server: &str, code: &str, writes: usize) -> Reaped {
    Reaped(
        Command::new(env!("CARGO_BIN_EXE_sync-device"))
            .args([
                "--db",
                &db.display().to_string(),
                "--server",
                server,
                "--code",
                code,
            ])
            .args(["--prefix", "process", "--writes", &writes.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("device process"),
    )
}

/// Records the device process writes across its restarts.
const PROCESS_WRITES: usize = 300;

/// `n` distinct free ports: each listener is held until all are picked.
fn free_ports(n: usize) -> Vec<SocketAddr> {
    let held: Vec<std::net::TcpListener> = (0..n)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0").expect("port"))
        .collect();
    held.iter().map(|l| l.local_addr().expect("addr")).collect()
}

/// Merges each (kept, duplicate) pair the supervisor's device holds both of, moving it from
/// `waiting` to `merged`.
fn merge_held(
    sari: &Device,
    waiting: &mut Vec<(EmployerId, EmployerId)>,
    merged: &mut Vec<(EmployerId, EmployerId)>,
) {
    waiting.retain(|&(keep, duplicate)| {
        let held =
            sari.polku.employer_get(keep).is_ok() && sari.polku.employer_get(duplicate).is_ok();
        if held {
            sari.polku
                .employers_merge(polku_domain::EmployerMerge { keep, duplicate })
                .expect("merge");
            merged.push((keep, duplicate));
        }
        !held
    });
}

/// The fault run against `servers` server processes on one database, the devices' connections
/// taking turns between them (scale-out: every process serves every device).
async fn chaos(test_db: TestDb, servers: usize) {
    let backend = test_db.backend;
    let db = Db::open(&test_db.url).await.expect("db");
    let org = provision(&db).await;
    let addrs = free_ports(servers);
    let mut running: Vec<Option<ServerProcess>> = addrs
        .iter()
        .map(|a| Some(ServerProcess::start(&test_db.url, *a)))
        .collect();
    let proxy = Proxy::start(addrs.clone(), 0.35).await;

    // Two devices in this process, their engines running as in the app, but impatient.
    let timing = Timing {
        after_write: Duration::from_millis(20),
        interval: Duration::from_millis(150),
        min_backoff: Duration::from_millis(30),
        max_backoff: Duration::from_millis(400),
        probe: Duration::from_millis(100),
    };
    let mut devices = Vec::new();
    for name in ["laptop", "tablet"] {
        let d = Device::enrol_at(&db, &proxy.url(), &org, &org.coach, name, 0).await;
        let engine = SyncEngine::new(d.polku.sync(), d.polku.changed(), timing);
        tokio::spawn(engine.clone().run());
        devices.push((d, engine));
    }
    // The colleague who takes clients over.
    let eeva = Device::enrol_at(&db, &proxy.url(), &org, &org.colleague, "eeva", 0).await;
    let eeva_engine = SyncEngine::new(eeva.polku.sync(), eeva.polku.changed(), timing);
    tokio::spawn(eeva_engine.clone().run());
    // Their supervisor, who merges the duplicate employers the laptop types.
    let sari = Device::enrol_at(&db, &proxy.url(), &org, &org.supervisor, "sari", 0).await;
    let sari_engine = SyncEngine::new(sari.polku.sync(), sari.polku.changed(), timing);
    tokio::spawn(sari_engine.clone().run());
    // And one as its own process.
    let dir = tempfile::tempdir().expect("dir");
    let process_db = dir.path().join("process.db");
    let code = admin::issue_code(&db, &org.org, &org.coach, 1)
        .await
        .expect("code");
    // Enrolled before the faults start: a code is used once, and an enrolment whose answer is
    // lost needs a new code from the administrator (that path is an API test).
    let enrolled = device_process(&process_db, &proxy.url(), &code, 0)
        .wait()
        .expect("enrol");
    assert!(enrolled.success(), "the device process enrolled");
    let mut process = Some(device_process(
        &process_db,
        &proxy.url(),
        &code,
        PROCESS_WRITES,
    ));

    proxy
        .enabled
        .store(true, std::sync::atomic::Ordering::Relaxed);
    let (mut server_kills, mut process_kills) = (0u64, 0u64);
    let mut created: BTreeSet<String> = BTreeSet::new();
    let mut handed: BTreeSet<String> = BTreeSet::new();
    let mut edited_late: BTreeSet<String> = BTreeSet::new();
    // (kept, duplicate) employers: typed twice by the laptop, merged by the supervisor.
    let mut typed_twice: Vec<(EmployerId, EmployerId)> = Vec::new();
    // The kept employer of each pair → the day its visits were made.
    let mut visited_on: HashMap<EmployerId, chrono::NaiveDate> = HashMap::new();
    let mut merged: Vec<(EmployerId, EmployerId)> = Vec::new();
    let started = Instant::now();
    let mut next_server_kill = Instant::now() + Duration::from_millis(800);
    let mut next_process_kill = Instant::now() + Duration::from_millis(600);
    let mut i = 0;
    // Until the faults have accumulated and enough handovers and merges happened among them:
    // a handover waits for a laptop client on the server and a merge for both employers on
    // Sari's device, which the faults may hold up for a while (a run that stopped on time
    // alone once made only two handovers).
    while started.elapsed() < Duration::from_secs(14)
        || proxy.faults() < 220
        || handed.len() < 3
        || merged.len() < 2
    {
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "faults did not accumulate: {} faults, {} handovers, {} merges",
            proxy.faults(),
            handed.len(),
            merged.len()
        );
        for (d, _) in &devices {
            let c = d
                .polku
                .client_create(polku_tests::client_input(format!("{} {i}", d.name)))
                .expect("write");
            created.insert(c.id.to_string());
        }
        i += 1;
        // Every so often the laptop types an employer twice, a visit at each; once the
        // supervisor's device holds both, she merges them (one push, under the faults).
        if i % 25 == 5 {
            let (laptop, _) = &devices[0];
            let at = laptop.clock_now();
            let pair: Vec<EmployerId> = [format!("Kahvila {i}"), format!("KAHVILA {i} OY")]
                .into_iter()
                .map(|name| {
                    let e = laptop
                        .polku
                        .employer_create(polku_tests::cafe(&name))
                        .expect("employer");
                    laptop
                        .polku
                        .contact_create(polku_tests::contact_input(e.id, at, "Pirjo", "omistaja"))
                        .expect("visit");
                    e.id
                })
                .collect();
            visited_on.insert(pair[0], at.date());
            typed_twice.push((pair[0], pair[1]));
        }
        merge_held(&sari, &mut typed_twice, &mut merged);
        // Every so often a client the laptop wrote a while ago is handed over to Eeva, and
        // the laptop edits it at once (its engine may not yet have heard of the move).
        if i % 25 == 0 {
            // The laptop's earliest client already on the server: whether a push was cut must
            // not decide whether a handover happens at all.
            let (laptop, _) = &devices[0];
            let on_server = server_records(&db, &org.coach).await;
            let client = on_server
                .iter()
                .filter(|((entity, _), _)| *entity == Entity::Client)
                .filter_map(|((_, id), fields)| {
                    let name = fields.get("name")?.as_str()?;
                    let n: u32 = name.strip_prefix("laptop ")?.parse().ok()?;
                    Some((n, id.to_string(), name.to_owned()))
                })
                .filter(|(_, id, _)| !handed.contains(id))
                .min();
            if let Some((_, id, name)) = client {
                admin::hand_over(&db, &org.org, &id, &org.colleague)
                    .await
                    .expect("handover");
                handed.insert(id.clone());
                let mut edit = polku_tests::client_input(name);
                edit.notes = "edited as it was handed over".into();
                // Refused when the laptop already heard of the move; kept otherwise.
                let client = id.parse().expect("client id");
                if laptop.polku.client_update(client, edit).is_ok() {
                    edited_late.insert(id);
                }
            }
        }
        if Instant::now() >= next_server_kill {
            // One of the servers at a time: the others go on serving.
            let which = rand::rng().random_range(0..servers);
            if let Some(s) = running[which].take() {
                s.kill();
                server_kills += 1;
            }
            tokio::time::sleep(Duration::from_millis(rand::rng().random_range(50..300))).await;
            running[which] = Some(ServerProcess::start(&test_db.url, addrs[which]));
            next_server_kill =
                Instant::now() + Duration::from_millis(rand::rng().random_range(700..2000));
        }
        if Instant::now() >= next_process_kill {
            if let Some(mut p) = process.take() {
                if p.try_wait().ok().flatten().is_none() {
                    let _ = p.kill();
                    process_kills += 1;
                }
                let _ = p.wait();
            }
            process = Some(device_process(
                &process_db,
                &proxy.url(),
                &code,
                PROCESS_WRITES,
            ));
            next_process_kill =
                Instant::now() + Duration::from_millis(rand::rng().random_range(300..1200));
        }
        tokio::time::sleep(Duration::from_millis(60)).await;
    }

    // Heal: no more faults. Every queue must drain within 30 s without any new write.
    proxy
        .enabled
        .store(false, std::sync::atomic::Ordering::Relaxed);
    if let Some(mut p) = process.take() {
        let _ = p.kill();
        let _ = p.wait();
    }
    let healed = Instant::now();
    let mut p = device_process(&process_db, &proxy.url(), &code, PROCESS_WRITES);
    loop {
        // Pairs the supervisor's device had not received while the faults ran are merged as
        // soon as it has.
        merge_held(&sari, &mut typed_twice, &mut merged);
        let in_process_done = typed_twice.is_empty()
            && devices
                .iter()
                .all(|(d, _)| d.polku.sync().unsent_count().expect("pending") == 0)
            && eeva.polku.sync().unsent_count().expect("pending") == 0
            && sari.polku.sync().unsent_count().expect("pending") == 0;
        let process_done = p.try_wait().expect("wait").is_some();
        if in_process_done && process_done {
            break;
        }
        if healed.elapsed() >= Duration::from_secs(30) {
            let statuses: Vec<String> = devices
                .iter()
                .map(|(d, e)| format!("{}: {:?}", d.name, e.status()))
                .collect();
            panic!("queues did not drain within 30 s; process done: {process_done}; {statuses:#?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let drained_in = healed.elapsed();
    assert!(
        p.wait().expect("exit").success(),
        "the device process drained and exited"
    );
    for _ in 0..2 {
        for (d, engine) in devices
            .iter()
            .map(|(d, e)| (d, e))
            .chain([(&eeva, &eeva_engine), (&sari, &sari_engine)])
        {
            let s = engine.sync_now().await.expect("final round");
            assert_eq!(
                s.state,
                polku_domain::sync::SyncState::Online,
                "{}: {s:?}",
                d.name
            );
        }
    }

    // And the process once more, to pull what the others pushed after it drained.
    let last = device_process(&process_db, &proxy.url(), &code, PROCESS_WRITES)
        .wait()
        .expect("last run");
    assert!(last.success());

    // Verify against the server's database.
    let records = server_records(&db, &org.coach).await;
    let eevas = server_records(&db, &org.colleague).await;
    let process_polku = Polku::open(&process_db, Arc::new(SystemClock)).expect("open process db");
    let process_created: BTreeSet<String> = process_polku
        .clients_list(&Default::default())
        .expect("list")
        .into_iter()
        .filter(|c| c.name.starts_with("process"))
        .map(|c| c.id.to_string())
        .collect();
    assert_eq!(
        process_created.len(),
        PROCESS_WRITES,
        "the process wrote all its records across restarts"
    );
    let all: BTreeSet<String> = created.union(&process_created).cloned().collect();
    let clients =
        |of: &std::collections::BTreeMap<(Entity, polku_domain::protocol::RecordId), _>| {
            of.keys()
                .filter(|(e, _)| *e == Entity::Client)
                .map(|(_, id)| id.to_string())
                .collect::<BTreeSet<String>>()
        };
    let on_server: BTreeSet<String> = clients(&records).union(&clients(&eevas)).cloned().collect();
    assert!(
        handed.len() >= 3,
        "clients were handed over: {}",
        handed.len()
    );
    assert_eq!(
        clients(&eevas),
        handed,
        "the colleague has every client handed over, and no other"
    );
    let mine = |polku: &Polku| -> BTreeSet<String> {
        let list = polku.clients_list(&Default::default()).expect("list");
        list.into_iter().map(|c| c.id.to_string()).collect()
    };
    for (d, _) in &devices {
        assert!(
            mine(&d.polku).is_disjoint(&handed),
            "handed-over clients left the {}'s caseload",
            d.name
        );
    }
    assert!(
        mine(&process_polku).is_disjoint(&handed),
        "and the device process's"
    );
    // The laptop's edits made as the clients moved are Eeva's now, not lost.
    for id in &edited_late {
        let id = polku_domain::protocol::RecordId::parse(id).expect("id");
        let notes = eevas
            .get(&(Entity::Client, id.clone()))
            .and_then(|f| f.get("notes"))
            .and_then(serde_json::Value::as_str);
        assert_eq!(notes, Some("edited as it was handed over"), "client {id}");
    }
    for ((entity, id), fields) in &eevas {
        assert_eq!(
            eeva.fields(*entity, id).as_ref(),
            Some(fields),
            "eeva {entity} {id}"
        );
    }
    // Every merge reached every device whole: the duplicate left each directory, and its
    // visit counts as the kept employer's (the laptop's, the tablet's), or shows as a
    // colleague's visit there (Eeva's).
    assert!(merged.len() >= 2, "employers were merged: {}", merged.len());
    for &(keep, duplicate) in &merged {
        let id = polku_domain::protocol::RecordId::of(duplicate);
        assert_eq!(
            records
                .get(&(Entity::Employer, id))
                .and_then(|f| f.get("mergedInto")),
            Some(&serde_json::json!(keep.to_string())),
            "the server holds the merge of {duplicate}"
        );
        for (name, polku) in [
            ("laptop", &devices[0].0.polku),
            ("tablet", &devices[1].0.polku),
            ("eeva", &eeva.polku),
            ("sari", &sari.polku),
        ] {
            let listed = polku.employers_list("kahvila").expect("employers");
            assert!(
                listed.iter().all(|e| e.id != duplicate),
                "{name} still lists {duplicate}"
            );
            let kept = listed.iter().find(|e| e.id == keep).expect("the kept one");
            if name == "eeva" {
                // Aino's latest visit, at the kept one or the duplicate, and none of Eeva's.
                let seen = kept
                    .colleague_contact
                    .as_ref()
                    .map(|c| (c.coach.as_str(), c.on, c.mode));
                assert_eq!(
                    (seen, kept.contact_count),
                    (
                        Some((
                            "Aino Coach",
                            visited_on[&keep],
                            Some(ContactMode::FaceToFace)
                        )),
                        0
                    ),
                    "{name}: {kept:?}"
                );
            } else {
                assert_eq!(kept.contact_count, 2, "{name}: both visits at {keep}");
            }
        }
    }
    let lost = all.difference(&on_server).count();
    let extra = on_server.difference(&all).count();
    let duplicates = polku_server::testing::duplicate_changes(&db).await;
    for (d, _) in &devices {
        for ((entity, id), fields) in &records {
            assert_eq!(
                d.fields(*entity, id).as_ref(),
                Some(fields),
                "{} {entity} {id}",
                d.name
            );
        }
    }
    for ((entity, id), fields) in &records {
        assert_eq!(
            process_polku
                .sync()
                .synced_fields(*entity, id)
                .expect("read")
                .as_ref(),
            Some(fields),
            "process {entity} {id}"
        );
    }
    let faults = proxy.faults() + server_kills + process_kills;
    println!(
        "faults on {backend} with {servers} server process(es): {faults} injected ({} requests cut, {} responses dropped after commit, {server_kills} server SIGKILLs, {process_kills} device-process SIGKILLs); {} records, {} handed over ({} edited by the laptop as they moved), {} employers merged, {lost} lost, {duplicates} duplicated, {extra} unexpected; queues drained {:.1} s after healing",
        proxy.counts.cut_requests.load(std::sync::atomic::Ordering::Relaxed),
        proxy.counts.dropped_responses.load(std::sync::atomic::Ordering::Relaxed),
        all.len(),
        handed.len(),
        edited_late.len(),
        merged.len(),
        drained_in.as_secs_f64(),
    );
    assert!(faults >= 200, "at least 200 faults injected, got {faults}");
    assert_eq!((lost, duplicates, extra), (0, 0, 0));
    for (i, n) in proxy.counts.per_upstream.iter().enumerate() {
        let n = n.load(std::sync::atomic::Ordering::Relaxed);
        assert!(n >= 20, "server {i} of {servers} served {n} connections");
    }
    for s in running.into_iter().flatten() {
        s.kill();
    }
    db.close().await;
    test_db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn nothing_is_lost_or_duplicated_under_200_faults_on_sqlite() {
    chaos(TestDb::sqlite(), 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn nothing_is_lost_or_duplicated_under_200_faults_on_postgres() {
    if let Some(db) = TestDb::postgres().await {
        chaos(db, 1).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn nothing_is_lost_or_duplicated_under_200_faults_with_two_server_processes_on_one_postgres()
{
    if let Some(db) = TestDb::postgres().await {
        chaos(db, 2).await;
    }
}
