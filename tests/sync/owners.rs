//! Who a record belongs to, as devices learn it from the server, and the user's profile (name
//! on reports, FTE) following them from device to device.

use crate::devices::{provisioned_server, Device};
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::sync::SyncState;
use polku_server::testing::TestDb;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_enrolled_before_owners_were_kept_asks_the_server_who_it_is_and_keeps_pulled_records_its_own(
) {
    let test_db = TestDb::sqlite();
    let (server, org) = provisioned_server(&test_db).await;
    let laptop = Device::enrol(&server, &org, &org.coach, "laptop", 0).await;
    let client = laptop
        .polku
        .client_create(polku_tests::client_input("Aino K.".into()))
        .expect("client");
    assert_eq!(laptop.sync().await, SyncState::Online);

    // A phone enrolled by an older Polku: it never stored its user id.
    let phone = Device::enrol(&server, &org, &org.coach, "phone", 1).await;
    phone
        .polku
        .store()
        .write(|tx| Ok(tx.execute("DELETE FROM meta WHERE key = 'sync_user_id'", [])?))
        .expect("forget the user");
    let config = || {
        phone
            .polku
            .sync()
            .config()
            .expect("config")
            .expect("enrolled")
    };
    assert_eq!(config().user_id, None);
    phone
        .polku
        .store()
        .write(|tx| Ok(tx.execute("DELETE FROM clients", [])?))
        .expect("as if not pulled yet");
    phone
        .polku
        .store()
        .write(|tx| Ok(tx.execute("UPDATE meta SET value = '0' WHERE key = 'pull_cursor'", [])?))
        .expect("from the start");

    assert_eq!(phone.sync().await, SyncState::Online);
    let coach = org.coach.parse().expect("user id");
    assert_eq!(config().user_id, Some(coach));
    let id = RecordId::parse(&client.id.to_string()).expect("record id");
    assert_eq!(
        phone
            .polku
            .sync()
            .owner_of(Entity::Client, &id)
            .expect("owner"),
        Some(coach)
    );
    let stored: Option<String> = phone
        .polku
        .store()
        .read()
        .query_row(
            "SELECT owner_id FROM clients WHERE id = ?1",
            [id.as_str()],
            |r| r.get(0),
        )
        .expect("pulled");
    assert_eq!(
        stored, None,
        "the coach's own record is stored as theirs, not as a colleague's"
    );
    server.stop().await;
    test_db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_name_and_fte_set_on_one_device_reach_the_users_next_device() {
    let test_db = TestDb::sqlite();
    let (server, org) = provisioned_server(&test_db).await;
    let laptop = Device::enrol(&server, &org, &org.coach, "laptop", 0).await;
    let mut s = laptop.polku.settings_get().expect("settings");
    s.coach_name = "Hanna L.".into();
    s.fte = 0.8;
    laptop.polku.settings_update(s).expect("save");
    assert_eq!(laptop.sync().await, SyncState::Online);

    let phone = Device::enrol(&server, &org, &org.coach, "phone", 1).await;
    assert_eq!(phone.sync().await, SyncState::Online);
    let s = phone.polku.settings_get().expect("settings");
    assert_eq!((s.coach_name.as_str(), s.fte), ("Hanna L.", 0.8));
    assert_eq!(
        phone.polku.today_view().expect("today").week_target,
        4.8,
        "the weekly face-to-face target follows the synced FTE"
    );
    server.stop().await;
    test_db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisors_review_of_a_coachs_week_reaches_the_coachs_today_and_v6_names_the_reviewer()
{
    let test_db = TestDb::sqlite();
    let (server, org) = provisioned_server(&test_db).await;
    let laptop = Device::enrol(&server, &org, &org.coach, "laptop", 0).await;
    assert_eq!(laptop.sync().await, SyncState::Online);
    let supervisor = Device::enrol(&server, &org, &org.supervisor, "desk", 0).await;
    assert_eq!(
        supervisor.sync().await,
        SyncState::Online,
        "imported the team"
    );

    let coach: polku_domain::UserId = org.coach.parse().expect("user id");
    let week = supervisor.polku.today_view().expect("today").week_start;
    let read = supervisor.polku.coach_week(coach, week).expect("the week");
    assert_eq!(read.coach_name, "Aino Coach");
    assert!(
        read.contacts.is_empty(),
        "a week without contacts is reviewed too"
    );
    supervisor
        .polku
        .log_review_save(polku_domain::LogReviewInput {
            coach_id: coach,
            week,
            comment: "Ei käyntejä: koulutusviikko".into(),
        })
        .expect("reviewed");
    assert_eq!(supervisor.sync().await, SyncState::Online);

    assert_eq!(laptop.sync().await, SyncState::Online);
    let today = laptop.polku.today_view().expect("today");
    assert_eq!(today.log_reviews.len(), 1);
    assert_eq!(
        (
            today.log_reviews[0].week,
            today.log_reviews[0].reviewer_name.as_str()
        ),
        (week, "Sari Supervisor")
    );
    let ev = laptop
        .polku
        .fidelity_evidence(
            week,
            week + chrono::Duration::days(6),
            &polku_domain::Whose::Mine,
        )
        .expect("evidence");
    assert_eq!(ev.employer_contact.weeks_reviewed, 1);
    assert_eq!(ev.employer_contact.reviewers, ["Sari Supervisor"]);

    // The supervisor's other computer finds the review as theirs to change.
    let tablet = Device::enrol(&server, &org, &org.supervisor, "tablet", 1).await;
    assert_eq!(tablet.sync().await, SyncState::Online);
    let mine = tablet.polku.coach_week(coach, week).expect("the week").mine;
    assert_eq!(
        mine.map(|r| r.comment),
        Some("Ei käyntejä: koulutusviikko".to_owned())
    );
    server.stop().await;
    test_db.drop_db().await;
}
