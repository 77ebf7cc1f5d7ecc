use crate::harness::App;

#[tokio::test]
async fn a_foreign_file_in_place_of_the_database_shows_an_error_naming_it_and_stays_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("polku.db");
    std::fs::write(&db, "tämä ei ole tietokanta\n").expect("write");
    let app = App::start(dir.path()).await;
    let screen = app.find("startup-error").await;
    let text = screen.text().await.expect("text");
    assert!(
        text.contains(&db.display().to_string()),
        "the error screen names the file: {text}"
    );
    app.stop().await;
    assert_eq!(
        std::fs::read_to_string(&db).expect("read"),
        "tämä ei ole tietokanta\n",
        "Polku must not overwrite a file it does not recognise"
    );
}
