use crate::harness::App;
use std::time::Duration;

#[tokio::test]
async fn a_half_typed_client_survives_kill_9_as_a_draft_that_can_be_resumed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = App::start(dir.path()).await;
    app.start_new_client("Keskeneräinen Asiakas").await;
    // The draft is saved a moment after typing stops.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    app.kill_app_hard().await;

    let app = App::start(dir.path()).await;
    app.find("draft-banner").await;
    app.click("draft-resume").await;
    let name = app.find("client-name").await;
    app.eventually("the typed name is back", || async {
        name.prop("value").await.ok().flatten().as_deref() == Some("Keskeneräinen Asiakas")
    })
    .await;
    app.stop().await;
}
