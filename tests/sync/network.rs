//! A returning network starts a round at once: the engine does not sit out its backoff.

use crate::devices::{provisioned_server, start_server, Device};
use polku_core::sync::Timing;
use polku_core::SyncEngine;
use polku_domain::sync::SyncState;
use polku_server::api::DEFAULT_MAX_BODY;
use polku_server::testing::TestDb;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_written_offline_is_sent_as_soon_as_the_server_can_be_reached_again() {
    let test_db = TestDb::sqlite();
    let (server, org) = provisioned_server(&test_db).await;
    let addr = server.addr;
    let d = Device::enrol(&server, &org, &org.coach, "laptop", 0).await;
    server.stop().await;

    // Backoff and interval far longer than the test: only noticing the network can start the
    // round that sends the record.
    let hour = Duration::from_secs(3600);
    let engine = SyncEngine::new(
        d.polku.sync(),
        d.polku.changed(),
        Timing {
            after_write: Duration::from_millis(20),
            interval: hour,
            min_backoff: hour,
            max_backoff: hour,
            probe: Duration::from_millis(100),
        },
    );
    d.polku
        .client_create(polku_tests::client_input("Aino K.".into()))
        .expect("written offline");
    tokio::spawn(engine.clone().run());
    let until = Instant::now() + Duration::from_secs(10);
    while engine.status().expect("status").state != SyncState::Offline {
        assert!(Instant::now() < until, "the engine noticed it is offline");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Past every round the start-up and the write started: the engine now waits its backoff.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(d.polku.sync().unsent_count().expect("pending"), 1);

    // The network returns.
    let server = start_server(&test_db.url, addr, DEFAULT_MAX_BODY).await;
    let back = Instant::now();
    while d.polku.sync().unsent_count().expect("pending") > 0 {
        assert!(
            back.elapsed() < Duration::from_secs(10),
            "the record is sent without waiting out an hour of backoff"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    while engine.status().expect("status").state != SyncState::Online {
        assert!(
            back.elapsed() < Duration::from_secs(10),
            "the round ends online"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.stop().await;
    test_db.drop_db().await;
}
