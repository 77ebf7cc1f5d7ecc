//! The device's side of sync that touches the database: applying pulled pages, clocks,
//! quarantine, conflicts. (Devices against the real server: `tests/sync`.)

use super::*;
use polku_domain::fidelity::{ActionInput, RateInput, Rating};
use polku_domain::protocol::{Change, Entity, PullResponse, RecordId};
use polku_domain::sync::ConflictResolution;
use polku_domain::{DeviceId, Hlc, SupportContactInput};
use serde_json::{json, Map, Value};

/// Every record's queued creation, as `(entity, record id, fields)`.
fn outbox(f: &Fixture) -> Vec<(Entity, RecordId, Map<String, Value>)> {
    let conn = f.polku.store().read();
    let mut stmt = conn
        .prepare("SELECT entity, record_id, fields FROM outbox WHERE base IS NULL ORDER BY seq")
        .expect("prepare");
    stmt.query_map([], |r| {
        let (entity, id, fields): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        Ok((
            Entity::from_code(&entity).expect("entity"),
            RecordId::parse(&id).expect("record id"),
            serde_json::from_str(&fields).expect("json"),
        ))
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

fn change(cursor: u64, entity: &str, id: &str, hlc: &Hlc, fields: Value) -> Change {
    let Value::Object(fields) = fields else {
        panic!("fields")
    };
    Change {
        cursor,
        entity: Entity::from_code(entity).expect("entity"),
        record_id: RecordId::parse(id).expect("record id"),
        hlc: *hlc,
        fields,
        owner: polku_domain::UserId::new(),
    }
}

/// What `f` would push of `entity`, as the server passes it on: changes filed as `owner`'s.
pub(super) fn passed_on(f: &Fixture, entity: Entity, owner: polku_domain::UserId) -> Vec<Change> {
    f.pushed()
        .mutations
        .into_iter()
        .filter(|m| m.entity == entity)
        .zip(1..)
        .map(|(m, cursor)| Change {
            cursor,
            entity,
            record_id: m.record_id,
            hlc: m.hlc,
            fields: m.fields,
            owner,
        })
        .collect()
}

pub(super) fn page(changes: Vec<Change>) -> PullResponse {
    PullResponse {
        next_cursor: changes.last().map_or(0, |c| c.cursor),
        changes,
        has_more: false,
    }
}

/// A clock stamp from another device, `minutes` after the fixture's "now".
fn remote(minutes: i64) -> Hlc {
    let ms = (now() + chrono::Duration::minutes(minutes))
        .and_utc()
        .timestamp_millis();
    Hlc::next(None, u64::try_from(ms).expect("ms"), DeviceId::new())
}

#[test]
fn every_entity_reads_back_with_the_fields_its_creation_queued() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let e = f.employer("Kesko Oy", "Tampere");
    let mut contact = contact(e.id, now() - chrono::Duration::hours(2));
    contact.client_ids = vec![c.id];
    f.polku.contact_create(contact).expect("contact");
    let j = f
        .polku
        .job_create(crate::support::job(c.id, e.id))
        .expect("job");
    f.polku
        .support_create(SupportContactInput {
            client_id: c.id,
            job_id: Some(j.id),
            occurred_at: now() - chrono::Duration::days(1),
            mode: polku_domain::ContactMode::Phone,
            with_employer: false,
            notes: "Kuulumiset".into(),
        })
        .expect("support");
    let r = crate::reviews::start(&f);
    f.polku
        .review_rate(
            r.id,
            RateInput {
                item: "S1".into(),
                rating: Some(Rating::Count(22.0)),
                suggested: None,
            },
        )
        .expect("rate");
    f.polku
        .review_action_add(
            r.id,
            ActionInput {
                item: "V6".into(),
                what: "Viikkokatselmointi".into(),
                who: "Laura".into(),
                due: None,
            },
        )
        .expect("action");

    let queued = outbox(&f);
    let entities: std::collections::BTreeSet<Entity> = queued.iter().map(|(e, _, _)| *e).collect();
    assert_eq!(entities.len(), 8, "{entities:?}");
    for (entity, id, fields) in &queued {
        let read = f
            .polku
            .sync()
            .synced_fields(*entity, id)
            .expect("read")
            .expect("exists");
        assert_eq!(&read, fields, "{entity}");
    }
}

#[test]
fn a_pulled_record_is_created_and_the_cursor_is_stored_with_it() {
    let f = Fixture::open();
    let id = polku_domain::ClientId::new().to_string();
    let fields = client_fields("Eero from the laptop");
    f.polku
        .sync()
        .apply(&page(vec![change(7, "client", &id, &remote(1), fields)]))
        .expect("apply");
    let c = f.polku.client_get(id.parse().expect("id")).expect("pulled");
    assert_eq!(c.input.name, "Eero from the laptop");
    assert_eq!(f.polku.sync().pull_cursor().expect("cursor"), 7);
    assert_eq!(
        f.polku.sync().unsent_count().expect("pending"),
        0,
        "a pulled record is not sent back"
    );
}

#[test]
fn a_newer_pulled_edit_wins_and_an_older_one_is_ignored() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let id = c.id.to_string();
    f.polku
        .sync()
        .apply(&page(vec![change(
            1,
            "client",
            &id,
            &remote(5),
            json!({"notes": "newer"}),
        )]))
        .expect("apply");
    assert_eq!(f.polku.client_get(c.id).expect("get").input.notes, "newer");
    f.polku
        .sync()
        .apply(&page(vec![change(
            2,
            "client",
            &id,
            &remote(-60),
            json!({"notes": "older"}),
        )]))
        .expect("apply");
    assert_eq!(f.polku.client_get(c.id).expect("get").input.notes, "newer");
    // Untouched fields keep their values.
    assert_eq!(f.polku.client_get(c.id).expect("get").input.name, "Aino K.");
}

#[test]
fn the_device_clock_moves_past_every_clock_it_receives() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let far = remote(24 * 60);
    f.polku
        .sync()
        .apply(&page(vec![change(
            1,
            "client",
            &c.id.to_string(),
            &far,
            json!({"notes": "from the future"}),
        )]))
        .expect("apply");
    let mut input = c.input.clone();
    input.notes = "typed here afterwards".into();
    let edited = f.polku.client_update(c.id, input).expect("edit");
    assert!(
        edited.version > far.to_string(),
        "a later local edit is newer than what was seen"
    );
    assert_eq!(edited.input.notes, "typed here afterwards");
}

#[test]
fn a_change_that_cannot_be_applied_is_quarantined_and_the_rest_go_on() {
    let f = Fixture::open();
    let good = polku_domain::EmployerId::new().to_string();
    let broken = polku_domain::ClientId::new().to_string();
    let changes = vec![
        change(
            1,
            "client",
            &broken,
            &remote(1),
            json!({"name": "no other fields"}),
        ),
        change(
            2,
            "employer",
            &good,
            &remote(2),
            json!({"name": "Kesko Oy", "businessId": null, "sector": "Kauppa", "location": "Tampere"}),
        ),
    ];
    f.polku.sync().apply(&page(changes)).expect("apply");
    assert!(
        f.polku.employer_get(good.parse().expect("id")).is_ok(),
        "the record after it was applied"
    );
    assert_eq!(f.polku.sync().pull_cursor().expect("cursor"), 2);
    let status = f.polku.sync().record().expect("record");
    assert_eq!(status.quarantined, 1);
}

#[test]
fn resolving_a_conflict_with_the_other_value_writes_it_and_queues_both_changes() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let id = c.id.to_string();
    let kept = remote(10);
    let lost = remote(5);
    let record = RecordId::parse(&id).expect("id");
    let conflict_id =
        polku_domain::protocol::conflict_id(Entity::Client, &record, "notes", &lost.to_string());
    f.polku
        .sync()
        .apply(&page(vec![
            change(1, "client", &id, &kept, json!({"notes": "phone"})),
            change(
                2,
                "conflict",
                conflict_id.as_str(),
                &kept,
                json!({
                    "entity": "client", "recordId": id, "field": "notes",
                    "keptValue": "phone", "keptHlc": kept.to_string(),
                    "lostValue": "laptop", "lostHlc": lost.to_string(), "resolvedAt": null
                }),
            ),
        ]))
        .expect("apply");
    let open = f.polku.sync().conflicts_open().expect("conflicts");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].record_label, "Aino K.");
    assert_eq!(open[0].lost.value, json!("laptop"));
    let before = f.polku.sync().unsent_count().expect("pending");
    // A value the field cannot hold is refused by field name and changes nothing.
    let err = f
        .polku
        .conflict_resolve(&conflict_id, ConflictResolution::Edited { value: json!(5) })
        .expect_err("a number is not notes");
    match err {
        polku_core::CoreError::Validation(v) => assert_eq!(v.0[0].field, "notes"),
        other => panic!("expected a validation error, got {other}"),
    }
    assert_eq!(f.polku.sync().unsent_count().expect("pending"), before);
    // So is an edit longer than the client form takes.
    let long = "x".repeat(polku_domain::validation::limits::NOTES + 1);
    let err = f
        .polku
        .conflict_resolve(
            &conflict_id,
            ConflictResolution::Edited { value: json!(long) },
        )
        .expect_err("longer than notes may be");
    match err {
        polku_core::CoreError::Validation(v) => assert!(
            v.has("notes", polku_domain::ValidationCode::TooLong),
            "{v:?}"
        ),
        other => panic!("expected a validation error, got {other}"),
    }
    assert_eq!(f.polku.sync().unsent_count().expect("pending"), before);
    assert_eq!(f.polku.client_get(c.id).expect("get").input.notes, "phone");
    assert_eq!(f.polku.sync().conflicts_open().expect("conflicts").len(), 1);
    f.polku
        .conflict_resolve(&conflict_id, ConflictResolution::Lost)
        .expect("resolve");
    assert_eq!(f.polku.client_get(c.id).expect("get").input.notes, "laptop");
    assert!(f
        .polku
        .sync()
        .conflicts_open()
        .expect("conflicts")
        .is_empty());
    assert_eq!(
        f.polku.sync().unsent_count().expect("pending"),
        before + 2,
        "the field and the resolution sync"
    );
    // Resolving it again changes nothing.
    f.polku
        .conflict_resolve(&conflict_id, ConflictResolution::Kept)
        .expect("again");
    assert_eq!(f.polku.sync().unsent_count().expect("pending"), before + 2);
}

#[test]
fn a_page_of_many_changes_is_applied_whole_in_slices_with_the_pages_cursor_last() {
    let f = Fixture::open();
    // 250 clients from another device: three slices of at most 100.
    let changes: Vec<Change> = (1..=250u64)
        .map(|i| {
            let id = polku_domain::ClientId::new().to_string();
            let mut fields = serde_json::to_value(client(&format!("Asiakas {i}"))).expect("json");
            fields["dischargeDate"] = Value::Null;
            fields["dischargeReason"] = Value::Null;
            change(i * 2, "client", &id, &remote(1), fields)
        })
        .collect();
    let newest = changes.iter().map(|c| c.hlc).max().expect("clocks");
    let page = PullResponse {
        changes,
        // The server left out this device's own changes after the last one sent.
        next_cursor: 777,
        has_more: false,
    };
    f.polku.sync().apply(&page).expect("apply");
    let list = f
        .polku
        .clients_list(&polku_domain::CaseloadQuery::default())
        .expect("list");
    assert_eq!(list.len(), 250, "every slice was written");
    assert_eq!(f.polku.sync().pull_cursor().expect("cursor"), 777);
    let mine = f.client("Oma asiakas");
    assert!(
        mine.version > newest.to_string(),
        "the device's next write is newer than every clock it received"
    );
}

fn enrolment(user: polku_domain::UserId) -> polku_domain::protocol::EnrolResponse {
    polku_domain::protocol::EnrolResponse {
        device_id: DeviceId::new(),
        token: "token".into(),
        user_id: user,
        user_name: "Hanna L.".into(),
        role: polku_domain::protocol::Role::Coach,
        teams: Vec::new(),
    }
}

fn client_record(id: polku_domain::ClientId) -> RecordId {
    RecordId::parse(&id.to_string()).expect("record id")
}

/// A client's fields as the server sends them.
fn client_fields(name: &str) -> Value {
    let mut fields = serde_json::to_value(client(name)).expect("json");
    fields["dischargeDate"] = Value::Null;
    fields["dischargeReason"] = Value::Null;
    fields
}

/// Stores an enrolment as `user`, as the engine does once the server has answered.
pub(super) fn enrol_as(f: &Fixture, user: polku_domain::UserId) {
    f.polku
        .sync()
        .enrolled("http://server", &enrolment(user))
        .expect("enrol");
}

/// The stored `owner_id` column itself (NULL: this installation's own user).
fn stored_owner(f: &Fixture, id: &RecordId) -> Option<String> {
    f.polku
        .store()
        .read()
        .query_row(
            "SELECT owner_id FROM clients WHERE id = ?1",
            [id.as_str()],
            |r| r.get(0),
        )
        .expect("client row")
}

#[test]
fn a_caseload_kept_before_enrolment_becomes_the_enrolled_users() {
    let f = Fixture::open();
    let id = client_record(f.client("Aino K.").id);
    assert_eq!(
        f.polku.sync().owner_of(Entity::Client, &id).expect("owner"),
        None,
        "a local coach's record has no server user yet"
    );
    let user = polku_domain::UserId::new();
    enrol_as(&f, user);
    assert_eq!(
        f.polku.sync().owner_of(Entity::Client, &id).expect("owner"),
        Some(user)
    );
    let later = client_record(f.client("Eero L.").id);
    assert_eq!(
        f.polku
            .sync()
            .owner_of(Entity::Client, &later)
            .expect("owner"),
        Some(user)
    );
}

#[test]
fn a_pulled_record_of_another_user_names_them_and_the_users_own_stays_theirs() {
    let f = Fixture::open();
    let (me, colleague) = (polku_domain::UserId::new(), polku_domain::UserId::new());
    enrol_as(&f, me);
    let theirs = polku_domain::ClientId::new().to_string();
    let mine = polku_domain::ClientId::new().to_string();
    let fields = client_fields;
    let mut a = change(1, "client", &theirs, &remote(1), fields("Aino K."));
    a.owner = colleague;
    let mut b = change(2, "client", &mine, &remote(2), fields("Eero L."));
    b.owner = me;
    f.polku.sync().apply(&page(vec![a, b])).expect("apply");
    let (theirs, mine) = (
        RecordId::parse(&theirs).expect("id"),
        RecordId::parse(&mine).expect("id"),
    );
    let owner = |id: &RecordId| f.polku.sync().owner_of(Entity::Client, id).expect("owner");
    assert_eq!(owner(&theirs), Some(colleague));
    assert_eq!(owner(&mine), Some(me));
    assert_eq!(stored_owner(&f, &theirs), Some(colleague.to_string()));
    assert_eq!(
        stored_owner(&f, &mine),
        None,
        "the user's own records are NULL-owned"
    );
}

#[test]
fn a_pulled_change_of_owner_moves_the_record_even_when_none_of_its_fields_is_newer() {
    let f = Fixture::open();
    let (me, colleague) = (polku_domain::UserId::new(), polku_domain::UserId::new());
    enrol_as(&f, me);
    let id = polku_domain::ClientId::new().to_string();
    let fields = client_fields("Aino K.");
    let mut first = change(1, "client", &id, &remote(2), fields.clone());
    first.owner = colleague;
    f.polku.sync().apply(&page(vec![first])).expect("apply");
    let mut handed_over = change(2, "client", &id, &remote(1), fields);
    handed_over.owner = me;
    f.polku
        .sync()
        .apply(&page(vec![handed_over]))
        .expect("apply");
    let id = RecordId::parse(&id).expect("id");
    assert_eq!(
        f.polku.sync().owner_of(Entity::Client, &id).expect("owner"),
        Some(me)
    );
    assert_eq!(stored_owner(&f, &id), None);
}

#[test]
fn enrolling_as_another_user_leaves_the_first_users_records_named_as_theirs() {
    let f = Fixture::open();
    let (first, second) = (polku_domain::UserId::new(), polku_domain::UserId::new());
    enrol_as(&f, first);
    let before = client_record(f.client("Aino K.").id);
    enrol_as(&f, second);
    let after = client_record(f.client("Eero L.").id);
    let owner = |id: &RecordId| f.polku.sync().owner_of(Entity::Client, id).expect("owner");
    assert_eq!(owner(&before), Some(first));
    assert_eq!(owner(&after), Some(second));
    // And back: the first user's records are "mine" again, the second's named.
    enrol_as(&f, first);
    assert_eq!(owner(&before), Some(first));
    assert_eq!(stored_owner(&f, &before), None);
    assert_eq!(owner(&after), Some(second));
}

/// Every queued change of the user's profile, as `(record id, fields)`.
fn profile_changes(f: &Fixture) -> Vec<(String, Map<String, Value>)> {
    let conn = f.polku.store().read();
    let mut stmt = conn
        .prepare("SELECT record_id, fields FROM outbox WHERE entity = 'profile' ORDER BY seq")
        .expect("prepare");
    stmt.query_map([], |r| {
        let (id, fields): (String, String) = (r.get(0)?, r.get(1)?);
        Ok((id, serde_json::from_str(&fields).expect("json")))
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

fn set_name_and_fte(f: &Fixture, name: &str, fte: f64) {
    let mut s = f.polku.settings_get().expect("settings");
    s.coach_name = name.into();
    s.fte = fte;
    f.polku.settings_update(s).expect("save settings");
}

#[test]
fn the_name_and_fte_set_before_enrolment_become_the_users_profile_that_syncs() {
    let f = Fixture::open();
    set_name_and_fte(&f, "Hanna L.", 0.8);
    assert!(
        profile_changes(&f).is_empty(),
        "no user to sync a profile for yet"
    );
    let user = polku_domain::UserId::new();
    enrol_as(&f, user);
    let queued = profile_changes(&f);
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].0, user.to_string());
    assert_eq!(
        Value::Object(queued[0].1.clone()),
        json!({"reportName": "Hanna L.", "fte": 0.8})
    );
    let s = f.polku.settings_get().expect("settings");
    assert_eq!((s.coach_name.as_str(), s.fte), ("Hanna L.", 0.8));
}

#[test]
fn a_new_device_left_at_the_defaults_queues_no_profile_and_shows_the_one_it_pulls() {
    let f = Fixture::open();
    let user = polku_domain::UserId::new();
    enrol_as(&f, user);
    let mut s = f.polku.settings_get().expect("settings");
    s.last_view = "caseload".into();
    f.polku.settings_update(s).expect("save the last screen");
    assert!(
        profile_changes(&f).is_empty(),
        "defaults saved with the last screen must not overwrite the user's profile"
    );

    let mut pulled = change(
        1,
        "profile",
        &user.to_string(),
        &remote(1),
        json!({"reportName": "Hanna L.", "fte": 0.6}),
    );
    pulled.owner = user;
    f.polku.sync().apply(&page(vec![pulled])).expect("apply");
    let s = f.polku.settings_get().expect("settings");
    assert_eq!((s.coach_name.as_str(), s.fte), ("Hanna L.", 0.6));
    assert_eq!(s.last_view, "caseload", "the device's own settings stay");

    set_name_and_fte(&f, "Hanna L.", 0.5);
    let queued = profile_changes(&f);
    assert_eq!(queued.len(), 1);
    assert_eq!(
        Value::Object(queued[0].1.clone()),
        json!({"fte": 0.5}),
        "only the changed field is sent"
    );
}

#[test]
fn a_profile_outside_the_settings_rules_is_refused_and_nothing_changes() {
    let f = Fixture::open();
    let user = polku_domain::UserId::new();
    enrol_as(&f, user);
    set_name_and_fte(&f, "Hanna L.", 0.8);
    let mut s = f.polku.settings_get().expect("settings");
    s.fte = 1.5;
    assert!(f.polku.settings_update(s).is_err());
    let s = f.polku.settings_get().expect("settings");
    assert_eq!(s.fte, 0.8);
    assert_eq!(profile_changes(&f).len(), 1, "only the first, valid save");
}

#[test]
fn another_users_record_is_read_here_and_a_change_to_it_is_refused_changing_nothing() {
    let f = Fixture::open();
    let (supervisor, coach) = (polku_domain::UserId::new(), polku_domain::UserId::new());
    enrol_as(&f, supervisor);
    let id = polku_domain::ClientId::new();
    let mut imported = change(
        1,
        "client",
        &id.to_string(),
        &remote(1),
        client_fields("Aino K."),
    );
    imported.owner = coach;
    f.polku.sync().apply(&page(vec![imported])).expect("apply");
    let before = f.polku.client_get(id).expect("readable");
    let queued = f.polku.sync().unsent_count().expect("pending");

    let mut edit = before.input.clone();
    edit.notes = "A supervisor's note".into();
    let refused = f
        .polku
        .client_update(id, edit)
        .expect_err("not the supervisor's");
    assert!(
        matches!(refused, polku_core::CoreError::NotYours { ref owner, .. } if *owner == coach.to_string()),
        "{refused:?}"
    );
    assert_eq!(f.polku.client_get(id).expect("readable"), before);
    assert_eq!(f.polku.sync().unsent_count().expect("pending"), queued);
}
