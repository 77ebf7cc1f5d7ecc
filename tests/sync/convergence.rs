//! 2–5 devices of one coach make random edits, closures and syncs in random order, with random
//! replays of earlier batches. After they all sync, every device and the server hold the same
//! records, and every field the test wrote equals what an oracle computes from the writes the
//! test *intended*: the value of the write with the highest clock. Each intended write must be
//! in its device's outbox (or be a no-op, the record already holding it) — only its clock is
//! read from there. No write disappears without a trace: it won, was seen and overwritten by a
//! later edit, or is kept in a conflict record.

use crate::devices::{provisioned_server, replay, server_records, Device, Queued};
use chrono::Duration;
use polku_domain::protocol::{Entity, PushRequest, RecordId};
use polku_domain::sync::{ConflictResolution, SyncState};
use polku_domain::{CloseClientInput, ContactInput, EmployerInput};
use polku_server::testing::TestDb;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};

const NAMES: &[&str] = &["Aino", "Eero", "Saara", "Ville", "Leena", "Äijälä", "Öhman"];

/// A write the test asked for, with the clock its device stamped it with.
#[derive(Clone, Debug)]
struct Intended {
    entity: Entity,
    record: RecordId,
    hlc: String,
    fields: Map<String, Value>,
}

/// A write the test asks for: entity, record, the fields' values, and the record's fields
/// before (`None` for a new record).
type Wanted = (Entity, RecordId, Value, Option<Map<String, Value>>);

/// The writes the test intended, tied to the outbox entries that carry them.
struct Intents {
    /// Per device, the last outbox seq already matched.
    read_up_to: Vec<i64>,
    all: Vec<Intended>,
}

impl Intents {
    /// After device `i` did something meant to write `wanted` (entity, record, field values,
    /// and the record's fields before the action): each must be in one of the entries it
    /// queued since, or have been the record's values already.
    fn after(&mut self, i: usize, d: &Device, wanted: Vec<Wanted>) {
        let queued = d.queued_after(self.read_up_to[i]);
        if let Some(last) = queued.last() {
            self.read_up_to[i] = last.seq;
        }
        for (entity, record, fields, before) in wanted {
            let Value::Object(fields) = fields else {
                panic!("intended fields are an object")
            };
            let carries = |q: &&Queued| {
                q.entity == entity
                    && q.record_id == record
                    && fields.iter().all(|(k, v)| q.fields.get(k) == Some(v))
            };
            match queued.iter().find(carries) {
                Some(q) => self.all.push(Intended {
                    entity,
                    record,
                    hlc: q.hlc.clone(),
                    fields,
                }),
                None => {
                    // Nothing queued: only right if the record held these values already.
                    let held = before.unwrap_or_default();
                    assert!(
                        fields.iter().all(|(k, v)| held.get(k) == Some(v)),
                        "{} did not queue {entity} {record} {fields:?} (queued {queued:?})",
                        d.name
                    );
                }
            }
        }
    }
}

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
    let mut intents = Intents {
        read_up_to: vec![0; n],
        all: Vec::new(),
    };
    let mut sent: Vec<(String, PushRequest)> = Vec::new();
    let (mut replays, mut syncs, mut edits, mut resolved) = (0, 0, 0, 0);
    for _ in 0..rng.random_range(60..120) {
        let i = rng.random_range(0..n);
        let d = &devices[i];
        d.clock
            .set(d.clock_now() + Duration::seconds(rng.random_range(1..90)));
        let clients = d.ids("clients");
        let employers = d.ids("employers");
        let record = |id: &str| RecordId::parse(id).expect("record id");
        match rng.random_range(0..100) {
            0..=14 => {
                let name = NAMES[rng.random_range(0..NAMES.len())].to_owned();
                let input = polku_tests::client_input(name);
                let c = d.polku.client_create(input.clone()).expect("create");
                let fields = serde_json::to_value(&input).expect("json");
                intents.after(
                    i,
                    d,
                    vec![(Entity::Client, RecordId::of(c.id), fields, None)],
                );
                edits += 1;
            }
            15..=39 if !clients.is_empty() => {
                let id = &clients[rng.random_range(0..clients.len())];
                let c = d.polku.client_get(id.parse().expect("id")).expect("get");
                let before = d.fields(Entity::Client, &record(id));
                let mut input = c.input.clone();
                let changed = if rng.random_bool(0.6) {
                    input.notes = format!("{} note {}", d.name, rng.random_range(0..1000));
                    json!({ "notes": input.notes })
                } else {
                    input.name = format!(
                        "{} {}",
                        NAMES[rng.random_range(0..NAMES.len())],
                        rng.random_range(0..9)
                    );
                    json!({ "name": input.name })
                };
                d.polku.client_update(c.id, input).expect("update");
                intents.after(i, d, vec![(Entity::Client, record(id), changed, before)]);
                edits += 1;
            }
            40..=44 if !clients.is_empty() => {
                let id = &clients[rng.random_range(0..clients.len())];
                if !d
                    .polku
                    .client_get(id.parse().expect("id"))
                    .expect("get")
                    .is_closed()
                {
                    let close = CloseClientInput {
                        discharge_date: d.clock_now().date(),
                        discharge_reason: "moved".into(),
                    };
                    let fields = json!({
                        "dischargeDate": close.discharge_date,
                        "dischargeReason": close.discharge_reason,
                    });
                    let before = d.fields(Entity::Client, &record(id));
                    d.polku
                        .client_close(id.parse().expect("id"), close)
                        .expect("close");
                    intents.after(i, d, vec![(Entity::Client, record(id), fields, before)]);
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
                let fields = serde_json::to_value(&e).expect("json");
                let made = d.polku.employer_create(e).expect("employer");
                intents.after(
                    i,
                    d,
                    vec![(Entity::Employer, RecordId::of(made.id), fields, None)],
                );
                edits += 1;
            }
            53..=62 if !employers.is_empty() => {
                let employer: polku_domain::EmployerId = employers
                    [rng.random_range(0..employers.len())]
                .parse()
                .expect("id");
                let client_ids: Vec<polku_domain::ClientId> = clients
                    .iter()
                    .take(1)
                    .map(|c| c.parse().expect("id"))
                    .collect();
                let at = d.clock_now() - Duration::hours(1);
                let c = ContactInput {
                    client_ids: client_ids.clone(),
                    ..polku_tests::contact_input(employer, at, "Maija", "HR")
                };
                let made = d.polku.contact_create(c).expect("contact");
                let fields = json!({
                    "employerId": employer, "contactPerson": "Maija", "contactRole": "HR",
                    "mode": "face_to_face", "purposes": ["learn_needs"], "clientIds": client_ids,
                });
                intents.after(
                    i,
                    d,
                    vec![(Entity::EmployerContact, RecordId::of(made.id), fields, None)],
                );
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
                let open = d.polku.sync().conflicts_open().expect("conflicts");
                if let Some(c) = open.first() {
                    let (choice, wanted) = if rng.random_bool(0.5) {
                        let value = Map::from_iter([(c.field.clone(), c.lost.value.clone())]);
                        let before = d.fields(c.entity, &c.record_id);
                        let wanted =
                            vec![(c.entity, c.record_id.clone(), Value::Object(value), before)];
                        (ConflictResolution::Lost, wanted)
                    } else {
                        (ConflictResolution::Kept, Vec::new())
                    };
                    d.polku.conflict_resolve(&c.id, choice).expect("resolve");
                    intents.after(i, d, wanted);
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

    // The oracle: per field the test wrote, the value of its intended write with the highest
    // clock.
    let mut oracle: HashMap<(Entity, RecordId, String), (String, Value)> = HashMap::new();
    for w in &intents.all {
        for (f, v) in &w.fields {
            let key = (w.entity, w.record.clone(), f.clone());
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
            .get(&(*entity, id.clone()))
            .and_then(|f| f.get(field));
        assert_eq!(
            stored,
            Some(value),
            "seed {seed} {backend}: {entity} {id} {field}"
        );
    }

    // No intended write vanished without a trace. Which clocks a later edit had seen is the
    // devices' knowledge: their outboxes' base clocks.
    let conflicts: Vec<&Map<String, Value>> = server_state
        .iter()
        .filter(|((e, _), _)| *e == Entity::Conflict)
        .map(|(_, f)| f)
        .collect();
    let queued: Vec<Queued> = devices.iter().flat_map(|d| d.queued_after(0)).collect();
    let seen: BTreeMap<(RecordId, String, String), ()> = queued
        .iter()
        .flat_map(|q| {
            q.base.iter().flat_map(move |b| {
                b.iter().filter_map(move |(f, h)| {
                    Some(((q.record_id.clone(), f.clone(), h.as_str()?.to_owned()), ()))
                })
            })
        })
        .collect();
    for w in &intents.all {
        for (f, v) in &w.fields {
            let (win_hlc, _) = &oracle[&(w.entity, w.record.clone(), f.clone())];
            let won = *win_hlc == w.hlc;
            let overwritten_knowingly =
                seen.contains_key(&(w.record.clone(), f.clone(), w.hlc.clone()));
            let kept = conflicts.iter().any(|c| {
                c["recordId"] == w.record.as_str()
                    && c["field"] == f.as_str()
                    && c["lostHlc"] == w.hlc.as_str()
                    && c["lostValue"] == *v
            });
            assert!(
                won || overwritten_knowingly || kept,
                "seed {seed} {backend}: write {} {f}={v} at {} vanished",
                w.record,
                w.hlc
            );
        }
    }
    eprintln!(
        "seed {seed} on {backend}: {n} devices, {edits} edits ({} intended writes), {syncs} syncs, {replays} replays, {} conflicts ({resolved} resolved), {} records converged",
        intents.all.len(),
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
            return;
        };
        run_case(seed, db).await;
    }
}
