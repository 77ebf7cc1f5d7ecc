//! Simulated devices: real `Polku` stores with their sync engines, enrolled for one coach.

use chrono::{NaiveDate, NaiveDateTime};
use polku_core::sync::Timing;
use polku_core::{FixedClock, Polku, SyncEngine};
use polku_domain::protocol::{EnrolResponse, Entity, PushRequest, RecordId, PROTOCOL_HEADER};
use polku_domain::sync::{EnrolInput, SyncState};
use polku_server::api::DEFAULT_MAX_BODY;
use polku_server::serve::{self, Running};
use polku_server::service::admin;
use polku_server::testing::{provision, Org, TestDb};
use polku_server::Db;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

/// The real server in this process on `url`, listening on `addr` (port 0: any free one).
pub async fn start_server(url: &str, addr: SocketAddr, max_body: usize) -> Running {
    let db = Arc::new(Db::open(url).await.expect("db"));
    serve::start(db, addr, max_body).await.expect("server")
}

/// A fresh server on `test_db` with the test organisation, the default body limit.
pub async fn provisioned_server(test_db: &TestDb) -> (Running, Org) {
    let any = "127.0.0.1:0".parse().expect("addr");
    let server = start_server(&test_db.url, any, DEFAULT_MAX_BODY).await;
    let org = provision(&server.db).await;
    (server, org)
}

/// Enrols a device over HTTP, as a third-party client would: its id and token.
pub async fn enrol_over_http(server_url: &str, code: &str, name: &str) -> EnrolResponse {
    reqwest::Client::new()
        .post(format!("{server_url}/v1/enrol"))
        .header(PROTOCOL_HEADER, "1")
        .json(&serde_json::json!({"code": code, "deviceName": name}))
        .send()
        .await
        .expect("enrol")
        .json()
        .await
        .expect("token")
}

pub fn base_time() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("time")
}

pub struct Device {
    pub name: String,
    pub polku: Arc<Polku>,
    pub engine: Arc<SyncEngine>,
    pub clock: Arc<FixedClock>,
    _dir: tempfile::TempDir,
}

impl Device {
    pub async fn enrol(
        server: &Running,
        org: &Org,
        user: &str,
        name: &str,
        skew_min: i64,
    ) -> Device {
        Device::enrol_at(&server.db, &server.url(), org, user, name, skew_min).await
    }

    /// Enrols through `url` (the server, or a proxy in front of it) with a code from `db`.
    pub async fn enrol_at(
        db: &polku_server::Db,
        url: &str,
        org: &Org,
        user: &str,
        name: &str,
        skew_min: i64,
    ) -> Device {
        let code = admin::issue_code(db, &org.org, user, 1)
            .await
            .expect("code");
        let dir = tempfile::tempdir().expect("dir");
        let clock = Arc::new(FixedClock::new(
            base_time() + chrono::Duration::minutes(skew_min),
        ));
        let polku =
            Arc::new(Polku::open(&dir.path().join("polku.db"), clock.clone()).expect("open"));
        let engine = SyncEngine::new(polku.sync(), polku.changed(), Timing::default());
        let status = engine
            .enrol(EnrolInput {
                server_url: url.to_owned(),
                code,
                device_name: name.into(),
            })
            .await
            .expect("enrol");
        assert_ne!(status.state, SyncState::NotEnrolled);
        Device {
            name: name.into(),
            polku,
            engine,
            clock,
            _dir: dir,
        }
    }

    pub fn clock_now(&self) -> NaiveDateTime {
        use polku_core::Clock;
        self.clock.now_local()
    }

    /// One sync round; returns the state after it.
    pub async fn sync(&self) -> SyncState {
        self.engine.sync_now().await.expect("status").state
    }

    /// The batch the next push would send (captured for replays).
    pub fn next_batch(&self) -> Option<PushRequest> {
        let batch = self.polku.sync().outbox_batch(None, 500).expect("batch")?;
        Some(serde_json::from_slice(&batch.json).expect("a push request"))
    }

    pub fn token(&self) -> String {
        self.polku
            .sync()
            .config()
            .expect("config")
            .expect("enrolled")
            .token
    }

    /// Ids of one entity's records on this device.
    pub fn ids(&self, table: &str) -> Vec<String> {
        let conn = self.polku.store().read();
        let mut stmt = conn
            .prepare(&format!("SELECT id FROM {table} ORDER BY id"))
            .expect("prepare");
        stmt.query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("ids")
    }

    /// How many rows a table of this device's database holds.
    pub fn count(&self, table: &str) -> u64 {
        let conn = self.polku.store().read();
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count")
    }

    /// A record's synced fields as this device holds them now.
    pub fn fields(&self, entity: Entity, id: &RecordId) -> Option<Map<String, Value>> {
        self.polku.sync().synced_fields(entity, id).expect("read")
    }

    /// What this device queued after outbox seq `after`, in order (its outbox, read directly).
    pub fn queued_after(&self, after: i64) -> Vec<Queued> {
        let conn = self.polku.store().read();
        let mut stmt = conn
            .prepare(
                "SELECT seq, entity, record_id, hlc, fields, base FROM outbox
                 WHERE seq > ?1 ORDER BY seq",
            )
            .expect("prepare");
        stmt.query_map([after], |r| {
            let (entity, id): (String, String) = (r.get(1)?, r.get(2)?);
            let fields: String = r.get(4)?;
            let base: Option<String> = r.get(5)?;
            Ok(Queued {
                seq: r.get(0)?,
                entity: Entity::from_code(&entity).expect("entity"),
                record_id: RecordId::parse(&id).expect("record id"),
                hlc: r.get(3)?,
                fields: object(&fields),
                base: base.map(|b| object(&b)),
            })
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("queued")
    }
}

/// One outbox entry: the fields one action changed on one record, and their clock.
#[derive(Clone, Debug)]
pub struct Queued {
    pub seq: i64,
    pub entity: Entity,
    pub record_id: RecordId,
    pub hlc: String,
    pub fields: Map<String, Value>,
    pub base: Option<Map<String, Value>>,
}

pub fn object(s: &str) -> Map<String, Value> {
    match serde_json::from_str(s) {
        Ok(Value::Object(m)) => m,
        _ => panic!("not a JSON object: {s}"),
    }
}

/// The server's records of a user: `(entity, id) → fields`.
pub async fn server_records(
    db: &polku_server::Db,
    owner: &str,
) -> BTreeMap<(Entity, RecordId), Map<String, Value>> {
    let mut conn = db.pool.acquire().await.expect("conn");
    polku_server::db::records::of_owner(&mut conn, owner)
        .await
        .expect("records")
        .into_iter()
        .map(|(e, id, f)| {
            let entity = Entity::from_code(&e).expect("a known entity");
            ((entity, RecordId::parse(&id).expect("a record id")), f)
        })
        .collect()
}

/// Pushes `batch` again with the device's token, as a retry after a lost answer would.
pub async fn replay(server: &Running, token: &str, batch: &PushRequest) {
    let resp = reqwest::Client::new()
        .post(format!("{}/v1/sync/push", server.url()))
        .header(polku_domain::protocol::PROTOCOL_HEADER, "1")
        .bearer_auth(token)
        .json(batch)
        .send()
        .await
        .expect("replay");
    assert_eq!(
        resp.status().as_u16(),
        200,
        "a replay is accepted: {:?}",
        resp.text().await
    );
}
