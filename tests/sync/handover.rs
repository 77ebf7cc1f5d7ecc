//! Handover between real devices and the real server: a supervisor moves a client from one
//! coach to a colleague while the first coach's laptop is offline and still writing.

use crate::devices::{provisioned_server, server_records, Device};
use polku_domain::protocol::Entity;
use polku_domain::sync::SyncState;
use polku_domain::{ContactMode, SupportContactInput, UserId, Whose};
use polku_server::testing::TestDb;
use std::collections::BTreeSet;

fn user(id: &str) -> UserId {
    id.parse().expect("user id")
}

/// The names in a device's own caseload (what its coach sees by default).
fn own_caseload(device: &Device) -> Vec<String> {
    let list = device
        .polku
        .clients_list(&Default::default())
        .expect("list");
    list.into_iter().map(|c| c.name).collect()
}

async fn handover_while_the_coach_is_offline(test_db: TestDb) {
    let (server, org) = provisioned_server(&test_db).await;
    let laptop = Device::enrol(&server, &org, &org.coach, "laptop", 0).await;
    let kept = laptop
        .polku
        .client_create(polku_tests::client_input("Kalle Kotiin".into()))
        .expect("client");
    let moving = laptop
        .polku
        .client_create(polku_tests::client_input("Mira Muuttaja".into()))
        .expect("client");
    let support = |notes: &str| SupportContactInput {
        client_id: moving.id,
        job_id: None,
        occurred_at: laptop.clock_now(),
        mode: ContactMode::FaceToFace,
        with_employer: false,
        notes: notes.into(),
    };
    let first_visit = laptop
        .polku
        .support_create(support("Ensikäynti"))
        .expect("support");
    // Aino's own job development on Mira's behalf: an employer visit naming her.
    let cafe = laptop
        .polku
        .employer_create(polku_tests::cafe("Kahvila Kulma"))
        .expect("employer");
    let visit_input = |notes: &str| polku_domain::ContactInput {
        client_ids: vec![moving.id],
        notes: notes.into(),
        ..polku_tests::contact_input(cafe.id, laptop.clock_now(), "Leena", "omistaja")
    };
    let visit = laptop
        .polku
        .contact_create(visit_input("Kysyi aamuvuoroista"))
        .expect("visit");
    assert_eq!(laptop.sync().await, SyncState::Online);
    let colleague = Device::enrol(&server, &org, &org.colleague, "colleague", 1).await;
    assert_eq!(colleague.sync().await, SyncState::Online);
    let supervisor = Device::enrol(&server, &org, &org.supervisor, "desk", 2).await;
    assert_eq!(supervisor.sync().await, SyncState::Online);

    // The supervisor moves Mira to Eeva. Aino's laptop has not heard, and keeps writing.
    let done = supervisor
        .engine
        .hand_over(moving.id, user(&org.colleague))
        .await
        .expect("handed over");
    assert_eq!(
        (done.from_user_id, done.to_user_id, done.records),
        (user(&org.coach), user(&org.colleague), 2),
        "the client and her support contact"
    );
    let mut edited = polku_tests::client_input("Mira Muuttaja".into());
    edited.notes = "Haluaa aamuvuoroja".into();
    laptop
        .polku
        .client_update(moving.id, edited)
        .expect("edited offline");
    let late_visit = laptop
        .polku
        .support_create(support("Käynti ennen tietoa siirrosta"))
        .expect("support offline");

    // Aino's laptop syncs: what it wrote is kept, and Mira leaves her caseload.
    assert_eq!(laptop.sync().await, SyncState::Online);
    assert_eq!(own_caseload(&laptop), ["Kalle Kotiin"]);
    assert_eq!(
        laptop.polku.sync().unsent_count().expect("pending"),
        0,
        "nothing of Aino's stayed behind"
    );
    let refused = laptop
        .polku
        .client_update(moving.id, polku_tests::client_input("x".into()));
    assert!(
        matches!(refused, Err(polku_core::CoreError::NotYours { .. })),
        "Mira is Eeva's to change now: {refused:?}"
    );
    // Aino's employer visit stays hers to correct; a new visit on Mira's behalf is not.
    laptop
        .polku
        .contact_update(
            visit.id,
            visit_input("Kysyi aamuvuoroista; soittaa maanantaina"),
        )
        .expect("her own visit, naming a client handed over since");
    let on_behalf = laptop.polku.contact_create(visit_input("Uusi käynti"));
    assert!(
        matches!(on_behalf, Err(polku_core::CoreError::NotYours { .. })),
        "{on_behalf:?}"
    );
    assert_eq!(laptop.sync().await, SyncState::Online);

    // Eeva's device receives Mira with all her history, Aino's late writes included.
    assert_eq!(colleague.sync().await, SyncState::Online);
    let mira = colleague
        .polku
        .client_get(moving.id)
        .expect("Mira is Eeva's");
    assert_eq!(mira.input.notes, "Haluaa aamuvuoroja");
    let visits: BTreeSet<_> = colleague
        .polku
        .support_for_client(moving.id)
        .expect("support")
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(visits, BTreeSet::from([first_visit.id, late_visit.id]));
    assert_eq!(own_caseload(&colleague), ["Mira Muuttaja"]);

    // The supervisor's team view shows Mira as Eeva's.
    assert_eq!(supervisor.sync().await, SyncState::Online);
    let team = supervisor
        .polku
        .clients_list(&polku_domain::CaseloadQuery {
            whose: Whose::Team,
            ..Default::default()
        })
        .expect("team");
    let owner_of = |name: &str| team.iter().find(|c| c.name == name).map(|c| c.owner);
    assert_eq!(owner_of("Mira Muuttaja"), Some(Some(user(&org.colleague))));
    assert_eq!(owner_of("Kalle Kotiin"), Some(Some(user(&org.coach))));

    // On the server: each record once, where it belongs; every replica agrees with it.
    let aino = server_records(&server.db, &org.coach).await;
    let eeva = server_records(&server.db, &org.colleague).await;
    assert!(aino
        .keys()
        .any(|(e, id)| *e == Entity::Client && id.as_str() == kept.id.to_string()));
    assert_eq!(eeva.len(), 3, "Mira and her two support contacts: {eeva:?}");
    for ((entity, id), fields) in &eeva {
        assert_eq!(
            colleague.fields(*entity, id).as_ref(),
            Some(fields),
            "Eeva's {entity} {id}"
        );
        assert!(!aino.contains_key(&(*entity, id.clone())));
    }
    assert_eq!(
        polku_server::testing::duplicate_changes(&server.db).await,
        0
    );

    // Asked again (an answer lost on the way), nothing more moves.
    let again = supervisor
        .engine
        .hand_over(moving.id, user(&org.colleague))
        .await
        .expect("already done");
    assert_eq!(again.records, 0);
    assert_eq!(server_records(&server.db, &org.colleague).await, eeva);
    server.stop().await;
    test_db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_handed_over_while_the_coach_is_offline_reaches_the_colleague_whole_on_sqlite() {
    handover_while_the_coach_is_offline(TestDb::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_handed_over_while_the_coach_is_offline_reaches_the_colleague_whole_on_postgres() {
    if let Some(db) = TestDb::postgres().await {
        handover_while_the_coach_is_offline(db).await;
    }
}
