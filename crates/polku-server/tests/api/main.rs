//! The server's API over real HTTP on loopback, against SQLite and PostgreSQL.

mod access;
mod bad_input;
mod handover;
mod migrations;
mod shared;
mod sync;
mod tls;

use polku_domain::protocol::{EnrolResponse, Entity, Mutation, PushRequest, PROTOCOL_HEADER};
use polku_domain::{DeviceId, Hlc};
use polku_server::serve::{self, Running};
use polku_server::service::admin;
use polku_server::testing::{provision, Org, TestDb};
use polku_server::Db;
use serde_json::{json, Map, Value};
use std::sync::Arc;

pub struct Env {
    pub server: Running,
    pub org: Org,
    pub backend: &'static str,
    test_db: TestDb,
}

impl Env {
    pub async fn start(test_db: TestDb) -> Env {
        Env::start_with_limit(test_db, polku_server::api::DEFAULT_MAX_BODY).await
    }

    pub async fn start_with_limit(test_db: TestDb, max_body: usize) -> Env {
        let _ = tracing_subscriber::fmt()
            .with_env_filter("polku_server=info")
            .with_test_writer()
            .try_init();
        let db = Arc::new(Db::open(&test_db.url).await.expect("open db"));
        let org = provision(&db).await;
        let server = serve::start(db, "127.0.0.1:0".parse().expect("addr"), max_body)
            .await
            .expect("start server");
        Env {
            server,
            org,
            backend: test_db.backend,
            test_db,
        }
    }

    pub async fn stop(self) {
        self.server.stop().await;
        self.test_db.drop_db().await;
    }

    pub fn db(&self) -> &Db {
        &self.server.db
    }

    /// A device enrolled for `user` through the API.
    pub async fn device(&self, user: &str) -> Device {
        let code = admin::issue_code(self.db(), &self.org.org, user, 1)
            .await
            .expect("code");
        let (status, body) = Http::anonymous(&self.server.url())
            .post("/v1/enrol", &json!({"code": code, "deviceName": "laptop"}))
            .await;
        assert_eq!(status, 200, "{body}");
        let e: EnrolResponse = serde_json::from_value(body).expect("enrol response");
        Device {
            http: Http {
                base: self.server.url(),
                token: Some(e.token.clone()),
                client: reqwest::Client::new(),
            },
            id: e.device_id,
            seq: 0,
            enrolled: e,
        }
    }

    /// Everything the server stores about synced data, to prove a request changed nothing.
    pub async fn snapshot(&self) -> Vec<String> {
        polku_server::testing::snapshot(self.db()).await
    }
}

/// Runs `scenario` once per backend.
pub async fn on_each_backend<F, Fut>(scenario: F)
where
    F: Fn(Env) -> Fut,
    Fut: std::future::Future<Output = Env>,
{
    for db in TestDb::all().await {
        let backend = db.backend;
        eprintln!("— on {backend}");
        let env = scenario(Env::start(db).await).await;
        env.stop().await;
    }
}

#[derive(Clone)]
pub struct Http {
    pub base: String,
    pub token: Option<String>,
    pub client: reqwest::Client,
}

impl Http {
    pub fn anonymous(base: &str) -> Http {
        Http {
            base: base.to_owned(),
            token: None,
            client: reqwest::Client::new(),
        }
    }

    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut r = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header(PROTOCOL_HEADER, "1");
        if let Some(t) = &self.token {
            r = r.bearer_auth(t);
        }
        r
    }

    pub async fn send(r: reqwest::RequestBuilder) -> (u16, Value) {
        let resp = r.send().await.expect("request");
        let status = resp.status().as_u16();
        let text = resp.text().await.expect("body");
        let body = serde_json::from_str(&text)
            .unwrap_or_else(|_| panic!("status {status}: body is not JSON: {text:.200}"));
        (status, body)
    }

    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        Http::send(self.request(reqwest::Method::POST, path).json(body)).await
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        Http::send(self.request(reqwest::Method::GET, path)).await
    }
}

/// A simulated device: numbers its mutations like an outbox does.
pub struct Device {
    pub http: Http,
    pub id: DeviceId,
    pub seq: u64,
    pub enrolled: polku_domain::protocol::EnrolResponse,
}

impl Device {
    /// A mutation of `record` with `fields`, stamped now-ish with a fresh clock.
    pub fn mutation(
        &mut self,
        entity: Entity,
        record: &str,
        fields: Value,
        base: Option<Value>,
    ) -> Mutation {
        self.seq += 1;
        let hlc = Hlc::next(None, 1_800_000_000_000 + self.seq * 1000, self.id);
        Mutation {
            seq: self.seq,
            entity,
            record_id: record.parse().expect("a record id"),
            hlc,
            fields: object(fields),
            base: base.map(|b| serde_json::from_value(b).expect("clocks")),
        }
    }

    pub fn batch(&self, mutations: Vec<Mutation>) -> PushRequest {
        PushRequest {
            device_id: self.id,
            from_seq: mutations.first().map_or(1, |m| m.seq),
            to_seq: mutations.last().map_or(1, |m| m.seq),
            mutations,
        }
    }

    pub async fn push(&self, batch: &PushRequest) -> (u16, Value) {
        self.http
            .post("/v1/sync/push", &serde_json::to_value(batch).expect("json"))
            .await
    }

    pub async fn pull_all(&self, path: &str) -> Vec<polku_domain::protocol::Change> {
        let mut after = 0;
        let mut out = Vec::new();
        loop {
            let (status, body) = self
                .http
                .get(&format!("{path}?after={after}&limit=7"))
                .await;
            assert_eq!(status, 200, "{body}");
            let page: polku_domain::protocol::PullResponse =
                serde_json::from_value(body).expect("pull response");
            out.extend(page.changes);
            after = page.next_cursor;
            if !page.has_more {
                return out;
            }
        }
    }
}

pub fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => panic!("not an object"),
    }
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
