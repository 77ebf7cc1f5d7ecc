use super::*;
use polku_core::CoreError;
use polku_domain::{CaseloadQuery, CloseClientInput, Settings, ValidationCode};

#[test]
fn a_created_client_appears_in_the_caseload_and_search_finds_it() {
    let f = Fixture::open();
    f.client("Aino K.");
    f.client("Eetu L.");
    let all = f
        .polku
        .clients_list(&CaseloadQuery::default())
        .expect("list");
    assert_eq!(all.len(), 2);
    let found = f
        .polku
        .clients_list(&CaseloadQuery {
            search: "eet".into(),
            ..CaseloadQuery::default()
        })
        .expect("search");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, "Eetu L.");
}

#[test]
fn the_stage_filter_shows_only_that_stage() {
    let f = Fixture::open();
    f.client("Aino K.");
    f.polku
        .client_create(ClientInput {
            stage: Stage::Support,
            ..client("Eetu L.")
        })
        .expect("create");
    let support = f
        .polku
        .clients_list(&CaseloadQuery {
            stage: Some(Stage::Support),
            ..CaseloadQuery::default()
        })
        .expect("filter");
    assert_eq!(
        support.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Eetu L."]
    );
}

#[test]
fn a_search_with_like_wildcards_matches_them_literally() {
    let f = Fixture::open();
    f.client("Aino K.");
    let found = f
        .polku
        .clients_list(&CaseloadQuery {
            search: "%".into(),
            ..CaseloadQuery::default()
        })
        .expect("search");
    assert!(found.is_empty(), "'%' is text, not a wildcard");
}

#[test]
fn closing_a_client_keeps_the_record_and_hides_it_from_the_active_caseload() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    f.polku
        .client_close(
            c.id,
            CloseClientInput {
                discharge_date: now().date(),
                discharge_reason: "Muutti toiselle paikkakunnalle".into(),
            },
        )
        .expect("close");
    assert!(f
        .polku
        .clients_list(&CaseloadQuery::default())
        .expect("list")
        .is_empty());
    let with_closed = f
        .polku
        .clients_list(&CaseloadQuery {
            include_closed: true,
            ..CaseloadQuery::default()
        })
        .expect("list");
    assert_eq!(with_closed.len(), 1);
    assert!(with_closed[0].closed);
    let kept = f.polku.client_get(c.id).expect("record kept");
    assert_eq!(kept.input.name, "Aino K.");
    assert_eq!(
        kept.discharge_reason.as_deref(),
        Some("Muutti toiselle paikkakunnalle")
    );
}

#[test]
fn an_invalid_edit_is_rejected_and_the_stored_client_is_unchanged() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let err = f
        .polku
        .client_update(
            c.id,
            ClientInput {
                name: String::new(),
                ..client("ignored")
            },
        )
        .expect_err("blank name");
    let CoreError::Validation(v) = err else {
        panic!("expected a validation error, got {err}")
    };
    assert!(v.has("name", ValidationCode::Required));
    assert_eq!(f.polku.client_get(c.id).expect("get"), c, "nothing changed");
    assert_eq!(
        f.polku.sync().unsent_count().expect("outbox"),
        1,
        "no outbox entry for a rejected edit"
    );
}

#[test]
fn an_edit_queues_only_the_changed_fields_with_the_clock_they_replaced() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    f.clock.set(now() + chrono::Duration::minutes(5));
    let edited = f
        .polku
        .client_update(
            c.id,
            ClientInput {
                stage: Stage::EmployerEngagement,
                ..c.input.clone()
            },
        )
        .expect("edit");
    assert!(
        edited.version > c.version,
        "a later write has a later clock"
    );
    let conn = f.polku.store().read();
    let (hlc, fields, base): (String, String, String) = conn
        .query_row(
            "SELECT hlc, fields, base FROM outbox ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("outbox");
    assert_eq!(hlc, edited.version, "the entry carries the edit's clock");
    let fields: serde_json::Value = serde_json::from_str(&fields).expect("json");
    let obj = fields.as_object().expect("object");
    assert_eq!(
        obj.keys().collect::<Vec<_>>(),
        ["stage"],
        "only the changed field is sent"
    );
    assert_eq!(obj["stage"], "employer_engagement");
    let base: serde_json::Value = serde_json::from_str(&base).expect("json");
    assert_eq!(
        base["stage"],
        c.version.as_str(),
        "base is what the writer saw"
    );
}

#[test]
fn saving_an_unchanged_client_queues_nothing() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let same = f.polku.client_update(c.id, c.input.clone()).expect("save");
    assert_eq!(same.version, c.version);
    assert_eq!(f.polku.sync().unsent_count().expect("outbox"), 1);
}

#[test]
fn settings_persist_and_an_out_of_range_fte_is_rejected() {
    let f = Fixture::open();
    assert_eq!(
        f.polku.settings_get().expect("defaults"),
        Settings::default()
    );
    let s = Settings {
        language: polku_domain::Language::Sv,
        fte: 0.8,
        last_view: "caseload".into(),
        coach_name: "Laura".into(),
    };
    f.polku.settings_update(s.clone()).expect("save");
    let err = f
        .polku
        .settings_update(Settings {
            fte: 3.0,
            ..s.clone()
        })
        .expect_err("fte 3");
    assert!(matches!(err, CoreError::Validation(_)));
    let f = f.reopen();
    assert_eq!(f.polku.settings_get().expect("load"), s);
}

#[test]
fn drafts_are_kept_until_discarded() {
    let f = Fixture::open();
    f.polku
        .draft_save("client-new", "client", serde_json::json!({"name": "Ai"}))
        .expect("save");
    f.polku
        .draft_save("client-new", "client", serde_json::json!({"name": "Aino"}))
        .expect("overwrite");
    let f = f.reopen();
    let drafts = f.polku.drafts_list().expect("list");
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].payload["name"], "Aino");
    f.polku.draft_discard("client-new").expect("discard");
    assert!(f.polku.drafts_list().expect("list").is_empty());
}

#[test]
fn the_demo_caseload_is_realistic_in_size_and_spread() {
    let f = Fixture::open();
    let s = f.polku.demo_load().expect("demo");
    assert_eq!(s.clients, 20);
    assert_eq!(s.employers, 60);
    assert_eq!(s.contacts, 400);
    assert!(s.jobs >= 4 && s.support_contacts > 10, "{s:?}");
    // The summary is what the store holds, read back through the screens' own queries.
    let everyone = f
        .polku
        .clients_list(&CaseloadQuery {
            include_closed: true,
            ..CaseloadQuery::default()
        })
        .expect("list");
    assert_eq!(everyone.len(), s.clients as usize);
    let contacts = f.polku.contacts_recent(500).expect("contacts");
    assert_eq!(contacts.len(), s.contacts as usize);
    let list = f
        .polku
        .clients_list(&CaseloadQuery::default())
        .expect("list");
    for stage in Stage::ALL {
        assert!(
            list.iter().any(|c| c.stage == *stage),
            "no client in {stage:?}"
        );
    }
    assert!(list.iter().any(|c| c.working), "someone is working");
    let today = f.polku.today_view().expect("today");
    assert!(!today.overdue.is_empty() || !today.due_today.is_empty());
}

#[test]
fn search_folds_finnish_letters_the_way_a_coach_types_them() {
    let f = Fixture::open();
    f.client("Äijälä Öhman");
    for typed in ["äij", "ÄIJ", "öhm"] {
        let found = f
            .polku
            .clients_list(&CaseloadQuery {
                search: typed.into(),
                ..CaseloadQuery::default()
            })
            .expect("search");
        assert_eq!(found.len(), 1, "{typed:?} finds Äijälä Öhman");
    }
}

#[test]
fn the_demo_is_refused_once_the_database_holds_records() {
    let f = Fixture::open();
    f.client("Oikea asiakas");
    let err = f.polku.demo_load().expect_err("must refuse");
    assert!(matches!(err, CoreError::NotEmpty), "{err}");
    assert_eq!(
        f.polku
            .clients_list(&CaseloadQuery::default())
            .expect("list")
            .len(),
        1,
        "no demo records mixed into the real caseload"
    );
}

#[test]
fn a_discharge_before_the_referral_is_rejected_and_the_client_stays_open() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let err = f
        .polku
        .client_close(
            c.id,
            CloseClientInput {
                discharge_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
                discharge_reason: "Muutti".into(),
            },
        )
        .expect_err("before referral");
    let CoreError::Validation(v) = err else {
        panic!("{err}")
    };
    assert!(v.has("dischargeDate", ValidationCode::EndsBeforeStart));
    assert!(!f.polku.client_get(c.id).expect("get").is_closed());
}

#[test]
fn editing_a_client_with_contacts_and_jobs_keeps_their_links() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let e = f.employer("Kesko Oy", "Tampere");
    f.polku
        .contact_create(ContactInput {
            client_ids: vec![c.id],
            ..contact(e.id, now())
        })
        .expect("contact");
    f.polku
        .client_update(
            c.id,
            ClientInput {
                stage: Stage::Support,
                ..c.input.clone()
            },
        )
        .expect("edit");
    let timeline = f.polku.client_timeline(c.id).expect("timeline");
    assert!(timeline
        .iter()
        .any(|t| t.kind == polku_domain::TimelineKind::EmployerContact));
}
