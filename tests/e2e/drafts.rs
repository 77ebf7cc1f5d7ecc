use crate::harness::App;
use std::path::Path;

/// Whether the app's database holds a draft with `text`, read from the file beside the app.
fn draft_holds(db: &Path, text: &str) -> bool {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    rusqlite::Connection::open_with_flags(db, flags)
        .and_then(|c| {
            c.query_row(
                "SELECT count(*) FROM drafts WHERE instr(payload, ?1) > 0",
                [text],
                |r| r.get::<_, i64>(0),
            )
        })
        .is_ok_and(|n| n > 0)
}

#[tokio::test]
async fn a_half_typed_client_survives_kill_9_as_a_draft_that_can_be_resumed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = App::start(dir.path()).await;
    app.start_new_client("Keskeneräinen Asiakas").await;
    // The draft is saved a moment after typing stops: the kill comes once it is in the file.
    let db = dir.path().join("polku.db");
    app.eventually("the half-typed client is stored as a draft", || async {
        draft_holds(&db, "Keskeneräinen Asiakas")
    })
    .await;
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
