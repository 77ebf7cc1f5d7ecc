//! Each batch a real device sent, replayed 1–100 times in random order, leaves the server
//! exactly as a single delivery did.

use crate::devices::{provisioned_server, replay, Device};
use polku_server::testing::{snapshot, TestDb};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

async fn replays_change_nothing(test_db: TestDb) {
    let mut rng = StdRng::seed_from_u64(7);
    let (server, org) = provisioned_server(&test_db).await;
    let d = Device::enrol(&server, &org, &org.coach, "laptop", 0).await;
    let mut batches = Vec::new();
    for round in 0..12 {
        for i in 0..rng.random_range(1..6) {
            let c = d
                .polku
                .client_create(polku_tests::client_input(format!("Client {round}.{i}")))
                .expect("client");
            if rng.random_bool(0.5) {
                let mut input = c.input.clone();
                input.notes = format!("edited in round {round}");
                d.polku.client_update(c.id, input).expect("edit");
            }
        }
        batches.push(d.next_batch().expect("a batch"));
        d.sync().await;
    }
    let once = snapshot(&server.db).await;
    let mut deliveries: Vec<usize> = batches
        .iter()
        .enumerate()
        .flat_map(|(i, _)| std::iter::repeat_n(i, rng.random_range(1..=100)))
        .collect();
    deliveries.shuffle(&mut rng);
    let token = d.token();
    for i in &deliveries {
        replay(&server, &token, &batches[*i]).await;
    }
    assert_eq!(
        snapshot(&server.db).await,
        once,
        "{} replays on {}",
        deliveries.len(),
        test_db.backend
    );
    eprintln!(
        "{}: {} batches replayed {} times in random order: state unchanged",
        test_db.backend,
        batches.len(),
        deliveries.len()
    );
    server.stop().await;
    test_db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_batch_replayed_1_to_100_times_in_random_order_changes_nothing() {
    for db in TestDb::all().await {
        replays_change_nothing(db).await;
    }
}
