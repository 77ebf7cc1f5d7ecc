//! A push whose answer was lost, retried in smaller batches: the server answers with more than
//! the retry sent, and the device goes on from that answer — nothing sent twice into the
//! record, nothing skipped after it.

use crate::devices::{provisioned_server, start_server, Device};
use polku_domain::protocol::PROTOCOL_HEADER;
use polku_domain::sync::SyncState;
use polku_server::testing::{duplicate_changes, snapshot, TestDb};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_cut_smaller_after_a_lost_answer_goes_on_from_the_servers_answer() {
    let test_db = TestDb::sqlite();
    let (server, org) = provisioned_server(&test_db).await;
    let addr = server.addr;
    let d = Device::enrol(&server, &org, &org.coach, "laptop", 0).await;
    for i in 0..40 {
        d.polku
            .client_create(polku_tests::client_input(format!("Asiakas {i}")))
            .expect("client");
    }

    // The whole outbox reaches the server, but its answer never reaches the device.
    let batch = d
        .polku
        .sync()
        .outbox_batch(None, 1000)
        .expect("batch")
        .expect("40 to send");
    assert_eq!((batch.from_seq, batch.to_seq), (1, 40));
    let answer = reqwest::Client::new()
        .post(format!("{}/v1/sync/push", server.url()))
        .header(PROTOCOL_HEADER, "1")
        .header("content-type", "application/json")
        .bearer_auth(d.token())
        .body(batch.json.clone())
        .send()
        .await
        .expect("push");
    assert!(answer.status().is_success());
    let stored = snapshot(&server.db).await;
    server.stop().await;

    // The server comes back with a body limit that refuses the 40 but takes 31 (the engine
    // halves 1000 → … → 31): the retry of 1..=31 is answered "stored to 40".
    let limit = batch.json.len() * 9 / 10;
    let server = start_server(&test_db.url, addr, limit).await;
    assert_eq!(d.sync().await, SyncState::Online);
    assert_eq!(d.polku.sync().unsent_count().expect("pending"), 0);
    assert_eq!(
        snapshot(&server.db).await,
        stored,
        "the retry changed nothing on the server"
    );

    // The next write is sent as seq 41: nothing was skipped or double-counted.
    let after = d
        .polku
        .client_create(polku_tests::client_input("Uusi".into()))
        .expect("client");
    assert_eq!(d.sync().await, SyncState::Online);
    assert_eq!(d.polku.sync().unsent_count().expect("pending"), 0);
    let mut conn = server.db.pool.acquire().await.expect("conn");
    let owned = polku_server::db::records::of_owner(&mut conn, &org.coach)
        .await
        .expect("records");
    drop(conn);
    assert_eq!(owned.len(), 41);
    assert!(owned.iter().any(|(_, id, _)| *id == after.id.to_string()));
    assert_eq!(duplicate_changes(&server.db).await, 0);
    server.stop().await;
    test_db.drop_db().await;
}
