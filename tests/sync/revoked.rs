//! A revoked device stops syncing with a clear state and keeps everything it holds.

use crate::devices::{provisioned_server, Device};
use polku_domain::sync::SyncState;
use polku_server::service::admin;
use polku_server::testing::TestDb;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_device_stops_syncing_says_so_and_keeps_its_data() {
    let test_db = TestDb::sqlite();
    let (server, org) = provisioned_server(&test_db).await;
    let d = Device::enrol(&server, &org, &org.coach, "laptop", 0).await;
    let synced = d
        .polku
        .client_create(polku_tests::client_input("Aino K.".into()))
        .expect("client");
    assert_eq!(d.sync().await, SyncState::Online);

    let device = d
        .polku
        .sync()
        .config()
        .expect("config")
        .expect("enrolled")
        .device_id;
    admin::revoke_device(&server.db, &device.to_string())
        .await
        .expect("revoke");
    let unsent = d
        .polku
        .client_create(polku_tests::client_input("Eero L.".into()))
        .expect("client");
    let status = d.engine.sync_now().await.expect("status");
    assert_eq!(status.state, SyncState::Revoked);
    assert_eq!(
        status.last_error.map(|e| e.code),
        Some(polku_domain::protocol::SyncErrorCode::DeviceRevoked)
    );
    assert_eq!(
        status.pending, 1,
        "the unsent record is still waiting, not dropped"
    );
    // Everything stays readable and writable here.
    assert!(d.polku.client_get(synced.id).is_ok());
    assert!(d.polku.client_get(unsent.id).is_ok());
    // The engine sends nothing while revoked: the next round stays revoked.
    assert_eq!(d.sync().await, SyncState::Revoked);

    // A new code from the administrator connects it again, and what waited is sent.
    let code = admin::issue_code(&server.db, &org.org, &org.coach, 1)
        .await
        .expect("code");
    let status = d
        .engine
        .enrol(polku_domain::sync::EnrolInput {
            server_url: server.url(),
            code,
            device_name: "laptop".into(),
        })
        .await
        .expect("enrol again");
    assert_ne!(status.state, SyncState::Revoked);
    assert_eq!(d.sync().await, SyncState::Online);
    assert_eq!(d.polku.sync().unsent_count().expect("pending"), 0);
    server.stop().await;
    test_db.drop_db().await;
}
