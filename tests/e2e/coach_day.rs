use crate::harness::{key, App};

#[tokio::test]
async fn a_coach_logs_a_face_to_face_contact_by_keyboard_and_finds_everything_after_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = App::start(dir.path()).await;

    // A new client.
    app.start_new_client("Aino Testinen").await;
    app.click("client-save").await;
    // The save opens the client's page; going on before it does would race that navigation.
    app.find("client-edit").await;
    app.click("nav-caseload").await;
    app.eventually("the new client is listed", || async {
        app.text_of("client-row").await.contains("Aino Testinen")
    })
    .await;

    app.click("nav-today").await;
    app.wait_text("today-week-count", "0").await;

    // The field record, by keyboard alone: Ctrl+K, employer (new), client, Ctrl+Enter.
    app.keys(&format!("{}k", key::CONTROL)).await;
    let employer = app.find("contact-employer").await;
    app.eventually("the employer field has focus", || async {
        app.js("return document.activeElement?.dataset?.testid ?? ''")
            .await
            .as_str()
            == Some("contact-employer")
    })
    .await;
    employer
        .send_keys("Testikauppa Oy")
        .await
        .expect("employer");
    app.keys(key::ENTER).await;
    let clients = app.find("contact-clients").await;
    clients.click().await.expect("focus clients");
    clients.send_keys("Aino").await.expect("client");
    app.keys(key::ENTER).await;
    app.keys(&format!("{}{}", key::CONTROL, key::ENTER)).await;
    app.find("toast").await;
    app.wait_text("today-week-count", "1").await;

    // Everything is still there after a restart.
    app.stop().await;
    let app = App::start(dir.path()).await;
    app.click("nav-today").await;
    app.wait_text("today-week-count", "1").await;
    app.click("nav-employers").await;
    app.eventually("the new employer is in the directory", || async {
        app.js("return document.body.innerText")
            .await
            .as_str()
            .is_some_and(|t| t.contains("Testikauppa Oy"))
    })
    .await;
    app.click("nav-caseload").await;
    app.eventually("the client is still listed", || async {
        app.text_of("client-row").await.contains("Aino Testinen")
    })
    .await;

    // Swedish.
    app.click("nav-settings").await;
    app.find("settings-language")
        .await
        .select_by_value("sv")
        .await
        .expect("choose Swedish");
    app.eventually("the document language is Swedish", || async {
        app.js("return document.documentElement.lang")
            .await
            .as_str()
            == Some("sv")
    })
    .await;
    app.wait_text("nav-today", "I dag").await;
    app.stop().await;
}
