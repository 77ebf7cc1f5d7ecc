//! 2–5 devices of one coach make random edits, closures and syncs in random order, with random
//! replays of earlier batches. After they all sync, every device and the server hold the same
//! records, and every field equals what an independent oracle computes from the raw writes:
//! the value of the write with the highest clock. No write disappears without a trace: it won,
//! was seen and overwritten by a later edit, or is kept in a conflict record.

use crate::devices::{provisioned_server, replay, server_records, Device, Write};
use chrono::Duration;
use polku_domain::protocol::{Entity, PushRequest, RecordId};
use polku_domain::sync::{ConflictResolution, SyncState};
use polku_domain::{CloseClientInput, ContactInput, ContactMode, ContactPurpose, EmployerInput};
use polku_server::testing::TestDb;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

const NAMES: &[&str] = &["Aino", "Eero", "Saara", "Ville", "Leena", "Äijälä", "Öhman"];

async fn run_case(seed: u64, test_db: TestDb) {
    let mut rng = StdRng::seed_from_u64(seed);
    let backend = test_db.backend;
    let (server, org) = provisioned_server(&test_db).await;
    let n = rng.random_range(2..=5);
    let mut devices = Vec::new();
    for i in 0..n {
        let skew = rng.random_range(-30..30);
        devices.push(Device::enrol(&server, &org, &org.coach, &format!("device {i}"), skew).await);
    }
    let mut sent: Vec<(String, PushRequest)> = Vec::new();
    let (mut replays, mut syncs, mut edits, mut resolved) = (0, 0, 0, 0);
    for _ in 0..rng.random_range(60..120) {
        let d = &devices[rng.random_range(0..n)];
        d.clock
            .set(d.clock_now() + Duration::seconds(rng.random_range(1..90)));
        let clients = d.ids("clients");
        let employers = d.ids("employers");
        match rng.random_range(0..100) {
            0..=14 => {
                let name = NAMES[rng.random_range(0..NAMES.len())].to_owned();
                d.polku
                    .client_create(polku_tests::client_input(name))
                    .expect("create");
                edits += 1;
            }
            15..=39 if !clients.is_empty() => {
                let id = clients[rng.random_range(0..clients.len())]
                    .parse()
                    .expect("id");
                let c = d.polku.client_get(id).expect("get");
                let mut input = c.input.clone();
                if rng.random_bool(0.6) {
                    input.notes = format!("{} note {}", d.name, rng.random_range(0..1000));
                } else {
                    input.name = format!(
                        "{} {}",
                        NAMES[rng.random_range(0..NAMES.len())],
                        rng.random_range(0..9)
                    );
                }
                d.polku.client_update(id, input).expect("update");
                edits += 1;
            }
            40..=44 if !clients.is_empty() => {
                let id = clients[rng.random_range(0..clients.len())]
                    .parse()
                    .expect("id");
                if !d.polku.client_get(id).expect("get").is_closed() {
                    let close = CloseClientInput {
                        discharge_date: d.clock_now().date(),
                        discharge_reason: "moved".into(),
                    };
                    d.polku.client_close(id, close).expect("close");
                    edits += 1;
                }
            }
            45..=52 => {
                let e = EmployerInput {
                    name: format!("Kesko {}", rng.random_range(0..100)),
                    business_id: None,
                    sector: "Kauppa".into(),
                    location: "Tampere".into(),
                };
                d.polku.employer_create(e).expect("employer");
                edits += 1;
            }
            53..=62 if !employers.is_empty() => {
                let employer = employers[rng.random_range(0..employers.len())]
                    .parse()
                    .expect("id");
                let client_ids = clients
                    .iter()
                    .take(1)
                    .map(|c| c.parse().expect("id"))
                    .collect();
                let c = ContactInput {
                    employer_id: Some(employer),
                    new_employer: None,
                    occurred_at: d.clock_now() - Duration::hours(1),
                    contact_person: "Maija".into(),
                    contact_role: "HR".into(),
                    mode: ContactMode::FaceToFace,
                    client_ids,
                    client_present: false,
                    purposes: vec![ContactPurpose::LearnNeeds],
                    outcome: None,
                    next_step: String::new(),
                    next_step_due: None,
                    notes: String::new(),
                };
                d.polku.contact_create(c).expect("contact");
                edits += 1;
            }
            63..=84 => {
                if let Some(b) = d.next_batch() {
                    sent.push((d.token(), b));
                }
                let state = d.sync().await;
                assert_eq!(
                    state,
                    SyncState::Online,
                    "seed {seed} {backend}: {:?}",
                    d.engine.status()
                );
                syncs += 1;
            }
            85..=90 if !sent.is_empty() => {
                let (token, batch) = &sent[rng.random_range(0..sent.len())];
                replay(&server, token, batch).await;
                replays += 1;
            }
            _ => {
                if let Some(c) = d.polku.sync().conflicts_open().expect("conflicts").first() {
                    let choice = if rng.random_bool(0.5) {
                        ConflictResolution::Lost
                    } else {
                        ConflictResolution::Kept
                    };
                    d.polku.conflict_resolve(&c.id, choice).expect("resolve");
                    resolved += 1;
                }
            }
        }
    }
    // Heal: everyone syncs until nothing is left to send or receive.
    for _ in 0..3 {
        for d in &devices {
            assert_eq!(d.sync().await, SyncState::Online);
        }
    }

    let server_state = server_records(&server.db, &org.coach).await;
    // Every device holds exactly the server's records, field for field.
    for d in &devices {
        assert_eq!(
            d.polku.sync().unsent_count().expect("pending"),
            0,
            "{} drained its queue",
            d.name
        );
        for ((entity, id), fields) in &server_state {
            let local = d.polku.sync().synced_fields(*entity, id).expect("read");
            assert_eq!(
                local.as_ref(),
                Some(fields),
                "seed {seed} {backend}: {} {entity} {id}",
                d.name
            );
        }
        let local_count: usize = ["clients", "employers", "employer_contacts", "conflicts"]
            .iter()
            .map(|t| d.ids(t).len())
            .sum();
        assert_eq!(
            local_count,
            server_state.len(),
            "seed {seed}: {} has no extra records",
            d.name
        );
    }

    // The oracle: per field, the value of the write with the highest clock.
    let writes: Vec<Write> = devices.iter().flat_map(|d| d.writes()).collect();
    let mut oracle: HashMap<(String, String, String), (String, Value)> = HashMap::new();
    for w in &writes {
        for (f, v) in &w.fields {
            let key = (w.entity.clone(), w.record_id.clone(), f.clone());
            match oracle.get(&key) {
                Some((h, _)) if *h >= w.hlc => {}
                _ => {
                    oracle.insert(key, (w.hlc.clone(), v.clone()));
                }
            }
        }
    }
    for ((entity, id, field), (_, value)) in &oracle {
        let stored = server_state
            .get(&(
                Entity::from_code(entity).expect("entity"),
                RecordId::parse(id).expect("id"),
            ))
            .and_then(|f| f.get(field));
        assert_eq!(
            stored,
            Some(value),
            "seed {seed} {backend}: {entity} {id} {field}"
        );
    }

    // No write vanished without a trace.
    let conflicts: Vec<&serde_json::Map<String, Value>> = server_state
        .iter()
        .filter(|((e, _), _)| *e == Entity::Conflict)
        .map(|(_, f)| f)
        .collect();
    let seen: BTreeMap<(String, String, String), ()> = writes
        .iter()
        .flat_map(|w| {
            w.base.iter().flat_map(move |b| {
                b.iter().filter_map(move |(f, h)| {
                    Some(((w.record_id.clone(), f.clone(), h.as_str()?.to_owned()), ()))
                })
            })
        })
        .collect();
    for w in &writes {
        for (f, v) in &w.fields {
            let (win_hlc, _) = &oracle[&(w.entity.clone(), w.record_id.clone(), f.clone())];
            let won = *win_hlc == w.hlc;
            let overwritten_knowingly =
                seen.contains_key(&(w.record_id.clone(), f.clone(), w.hlc.clone()));
            let kept = conflicts.iter().any(|c| {
                c["recordId"] == w.record_id.as_str()
                    && c["field"] == f.as_str()
                    && c["lostHlc"] == w.hlc.as_str()
                    && c["lostValue"] == *v
            });
            assert!(
                won || overwritten_knowingly || kept,
                "seed {seed} {backend}: write {} {f}={v} at {} vanished",
                w.record_id,
                w.hlc
            );
        }
    }
    eprintln!(
        "seed {seed} on {backend}: {n} devices, {edits} edits, {syncs} syncs, {replays} replays, {} conflicts ({resolved} resolved), {} records converged",
        conflicts.len(),
        server_state.len()
    );
    server.stop().await;
    test_db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_edits_on_2_to_5_devices_converge_to_the_oracle_on_sqlite() {
    for seed in 0..6 {
        run_case(seed, TestDb::sqlite()).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_edits_on_2_to_5_devices_converge_to_the_oracle_on_postgres() {
    for seed in 100..104 {
        let Some(db) = TestDb::postgres().await else {
            eprintln!("POLKU_TEST_POSTGRES is not set: PostgreSQL not tested");
            return;
        };
        run_case(seed, db).await;
    }
}
