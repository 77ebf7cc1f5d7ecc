//! SIGTERM lets a batch already being received finish and commit before the server exits.

use crate::devices::enrol_over_http;
use crate::faults::ServerProcess;
use polku_domain::protocol::{Entity, Mutation, PushRequest, RecordId, PROTOCOL_HEADER};
use polku_domain::Hlc;
use polku_server::service::admin;
use polku_server::testing::{provision, TestDb};
use polku_server::Db;
use std::io::{Read, Write};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_a_batch_in_flight_commit_before_the_server_exits() {
    let test_db = TestDb::sqlite();
    let db = Db::open(&test_db.url).await.expect("db");
    let org = provision(&db).await;
    let code = admin::issue_code(&db, &org.org, &org.coach, 1)
        .await
        .expect("code");
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port");
    let mut server = ServerProcess::start(&test_db.url, addr);
    let enrolled = enrol_over_http(&format!("http://{addr}"), &code, "laptop").await;
    let mutations: Vec<Mutation> = (1..=200u64)
        .map(|seq| Mutation {
            seq,
            entity: Entity::Client,
            record_id: RecordId::of(uuid::Uuid::now_v7()),
            hlc: Hlc::next(None, 1_800_000_000_000 + seq, enrolled.device_id),
            fields: serde_json::Map::from_iter([("name".into(), format!("client {seq}").into())]),
            base: None,
        })
        .collect();
    let body = serde_json::to_vec(&PushRequest {
        device_id: enrolled.device_id,
        from_seq: 1,
        to_seq: 200,
        mutations,
    })
    .expect("json");

    // Headers and half the body, then SIGTERM, then the rest: the request is in flight.
    let mut conn = std::net::TcpStream::connect(addr).expect("connect");
    let head = format!(
        "POST /v1/sync/push HTTP/1.1\r\nHost: {addr}\r\n{PROTOCOL_HEADER}: 1\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        enrolled.token,
        body.len()
    );
    conn.write_all(head.as_bytes()).expect("head");
    let (first, rest) = body.split_at(body.len() / 2);
    conn.write_all(first).expect("first half");
    std::thread::sleep(Duration::from_millis(200));
    server.terminate();
    std::thread::sleep(Duration::from_millis(300));
    conn.write_all(rest).expect("rest");
    let mut answer = String::new();
    conn.read_to_string(&mut answer).expect("answer");
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "the batch in flight was answered: {answer:.200}"
    );
    assert!(
        server.exits_cleanly(Duration::from_secs(10)),
        "the server exited after it"
    );

    let mut conn = db.pool.acquire().await.expect("conn");
    let stored = polku_server::db::records::of_owner(&mut conn, &org.coach)
        .await
        .expect("records");
    assert_eq!(stored.len(), 200, "the whole batch was committed");
    drop(conn);
    db.close().await;
}
