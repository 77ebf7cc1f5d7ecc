//! Push, pull, replays, conflicts and cursors.

use super::*;
use polku_domain::protocol::{Change, PushResponse};

#[tokio::test]
async fn a_pushed_record_comes_back_on_the_coach_s_other_device_and_to_the_supervisor() {
    on_each_backend(|env| async move {
        let mut laptop = env.device(&env.org.coach).await;
        let phone = env.device(&env.org.coach).await;
        let client = new_id();
        let m = laptop.mutation(
            Entity::Client,
            &client,
            json!({"name": "Aino K.", "stage": "engagement"}),
            None,
        );
        let (status, body) = laptop.push(&laptop.batch(vec![m])).await;
        assert_eq!(status, 200, "{body}");
        let resp: PushResponse = serde_json::from_value(body).expect("response");
        assert_eq!(resp.applied_to_seq, 1);

        let on_phone = phone.pull_all("/v1/sync/pull").await;
        assert_eq!(on_phone.len(), 1);
        assert_eq!(on_phone[0].record_id.as_str(), client);
        assert_eq!(on_phone[0].fields["name"], "Aino K.");

        let supervisor = env.device(&env.org.supervisor).await;
        let team = supervisor
            .pull_all(&format!("/v1/teams/{}/pull", env.org.team))
            .await;
        assert_eq!(team.len(), 1);
        assert_eq!(team[0].owner.to_string(), env.org.coach);
        // The other team's coach sees nothing of it.
        let other = env.device(&env.org.other_coach).await;
        assert!(other.pull_all("/v1/sync/pull").await.is_empty());
        env
    })
    .await;
}

#[tokio::test]
async fn a_batch_replayed_many_times_leaves_the_server_as_one_delivery_did() {
    on_each_backend(|env| async move {
        let mut d = env.device(&env.org.coach).await;
        let (a, b) = (new_id(), new_id());
        let first = vec![
            d.mutation(Entity::Client, &a, json!({"name": "A"}), None),
            d.mutation(Entity::Employer, &b, json!({"name": "Kesko Oy"}), None),
        ];
        let first = d.batch(first);
        let base = first.mutations[0].hlc;
        let second = d.mutation(
            Entity::Client,
            &a,
            json!({"name": "A. K."}),
            Some(json!({"name": base})),
        );
        let second = d.batch(vec![second]);
        assert_eq!(d.push(&first).await.0, 200);
        assert_eq!(d.push(&second).await.0, 200);
        let once = env.snapshot().await;
        // Replays in any order, including an older batch after a newer one.
        for batch in [&second, &first, &first, &second, &first] {
            let (status, body) = d.push(batch).await;
            assert_eq!(status, 200, "{body}");
            assert_eq!(
                body["appliedToSeq"], 3,
                "a replay acknowledges everything stored"
            );
        }
        assert_eq!(env.snapshot().await, once);
        env
    })
    .await;
}

#[tokio::test]
async fn the_same_seq_with_another_payload_is_refused_and_changes_nothing() {
    on_each_backend(|env| async move {
        let mut d = env.device(&env.org.coach).await;
        let id = new_id();
        let m = d.mutation(Entity::Client, &id, json!({"name": "A"}), None);
        assert_eq!(d.push(&d.batch(vec![m.clone()])).await.0, 200);
        let before = env.snapshot().await;
        let mut forged = m;
        forged.fields.insert("name".into(), json!("B"));
        let (status, body) = d.push(&d.batch(vec![forged])).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["code"], "seq_conflict");
        assert_eq!(body["seq"], 1);
        assert_eq!(body["recordId"], id.as_str());
        assert_eq!(env.snapshot().await, before);
        env
    })
    .await;
}

#[tokio::test]
async fn concurrent_edits_of_one_field_keep_the_newer_value_and_the_loser_as_a_conflict() {
    on_each_backend(|env| async move {
        let mut laptop = env.device(&env.org.coach).await;
        let mut phone = env.device(&env.org.coach).await;
        let id = new_id();
        let created = laptop.mutation(Entity::Client, &id, json!({"notes": "start"}), None);
        let base = created.hlc;
        assert_eq!(laptop.push(&laptop.batch(vec![created])).await.0, 200);
        // Both edit "notes" from the same base, offline; the phone's clock is later.
        phone.seq = 0;
        let from_laptop = laptop.mutation(
            Entity::Client,
            &id,
            json!({"notes": "laptop"}),
            Some(json!({"notes": base})),
        );
        let mut from_phone = phone.mutation(
            Entity::Client,
            &id,
            json!({"notes": "phone"}),
            Some(json!({"notes": base})),
        );
        from_phone.hlc = Hlc::next(None, 1_900_000_000_000, phone.id);
        assert_eq!(
            phone.push(&phone.batch(vec![from_phone.clone()])).await.0,
            200
        );
        assert_eq!(
            laptop
                .push(&laptop.batch(vec![from_laptop.clone()]))
                .await
                .0,
            200
        );

        // A third device of the coach sees everything; the laptop is not sent its own writes.
        let desktop = env.device(&env.org.coach).await;
        let changes = desktop.pull_all("/v1/sync/pull").await;
        let on_laptop = laptop.pull_all("/v1/sync/pull").await;
        assert!(
            on_laptop
                .iter()
                .all(|c| c.fields.get("notes") != Some(&json!("laptop"))),
            "a device is not sent its own changes back"
        );
        let conflicts: Vec<&Change> = changes
            .iter()
            .filter(|c| c.entity == Entity::Conflict)
            .collect();
        assert_eq!(conflicts.len(), 1, "{changes:#?}");
        let c = &conflicts[0].fields;
        assert_eq!(c["recordId"], id.as_str());
        assert_eq!(c["field"], "notes");
        assert_eq!(c["keptValue"], "phone");
        assert_eq!(c["lostValue"], "laptop");
        assert_eq!(c["lostHlc"], from_laptop.hlc.to_string());
        // The laptop's late edit did not overwrite the newer value.
        let notes: Vec<&Value> = changes
            .iter()
            .filter(|ch| ch.record_id.as_str() == id)
            .filter_map(|ch| ch.fields.get("notes"))
            .collect();
        assert_eq!(notes, vec![&json!("start"), &json!("phone")]);
        env
    })
    .await;
}

#[tokio::test]
async fn a_reader_polling_during_concurrent_pushes_never_misses_a_change() {
    on_each_backend(|env| async move {
        let supervisor = env.device(&env.org.supervisor).await;
        let mut writers = Vec::new();
        for _ in 0..4 {
            let mut d = env.device(&env.org.coach).await;
            writers.push(tokio::spawn(async move {
                for _ in 0..25 {
                    let ms = vec![
                        d.mutation(Entity::Client, &new_id(), json!({"name": "x"}), None),
                        d.mutation(Entity::Client, &new_id(), json!({"name": "y"}), None),
                    ];
                    let (status, body) = d.push(&d.batch(ms)).await;
                    assert_eq!(status, 200, "{body}");
                }
            }));
        }
        let path = format!("/v1/teams/{}/pull", env.org.team);
        let mut seen: Vec<u64> = Vec::new();
        let mut after = 0;
        let mut done = false;
        while !done {
            done = writers.iter().all(|w| w.is_finished());
            loop {
                let (status, body) = supervisor
                    .http
                    .get(&format!("{path}?after={after}&limit=13"))
                    .await;
                assert_eq!(status, 200, "{body}");
                let page: polku_domain::protocol::PullResponse =
                    serde_json::from_value(body).expect("page");
                seen.extend(page.changes.iter().map(|c| c.cursor));
                after = page.next_cursor;
                if !page.has_more {
                    break;
                }
            }
        }
        for w in writers {
            w.await.expect("writer");
        }
        // Everything written was seen, once each, in cursor order, with no gaps.
        assert_eq!(seen.len(), 200);
        assert_eq!(seen, (1..=200).collect::<Vec<u64>>());
        env
    })
    .await;
}

#[tokio::test]
async fn status_reports_what_the_server_holds_of_the_device() {
    on_each_backend(|env| async move {
        let mut d = env.device(&env.org.coach).await;
        let ms = vec![d.mutation(Entity::Client, &new_id(), json!({"name": "x"}), None)];
        assert_eq!(d.push(&d.batch(ms)).await.0, 200);
        let (status, body) = d.http.get("/v1/sync/status").await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["appliedToSeq"], 1);
        assert_eq!(body["cursor"], 1);
        assert_eq!(body["role"], "coach");
        assert_eq!(body["userName"], "Aino Coach");
        env
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint() {
    on_each_backend(|env| async move {
        let (status, doc) = Http::anonymous(&env.server.url())
            .get("/v1/openapi.json")
            .await;
        assert_eq!(status, 200);
        for path in [
            "/v1/enrol",
            "/v1/sync/push",
            "/v1/sync/pull",
            "/v1/sync/status",
            "/v1/teams/{team}/pull",
            "/v1/teams/{team}/head",
            "/v1/teams/{team}/roster",
            "/v1/teams/{team}/shared",
            "/v1/handovers",
        ] {
            assert!(doc["paths"][path].is_object(), "{path} missing");
        }
        assert!(doc["components"]["schemas"]["PushRequest"].is_object());
        env
    })
    .await;
}

#[tokio::test]
async fn a_refused_batch_fails_alone_among_batches_that_commit_together() {
    on_each_backend(|env| async move {
        let mut aino = env.device(&env.org.coach).await;
        let record = new_id();
        let m = aino.mutation(
            Entity::Client,
            &record,
            json!({"name": "Aino's client"}),
            None,
        );
        assert_eq!(aino.push(&aino.batch(vec![m])).await.0, 200);
        let mut olli = env.device(&env.org.other_coach).await;
        let forged = olli.mutation(Entity::Client, &record, json!({"name": "hijacked"}), None);
        let forged = olli.batch(vec![forged]);
        let mut tasks = Vec::new();
        for _ in 0..12 {
            let mut d = env.device(&env.org.coach).await;
            let m = d.mutation(Entity::Client, &new_id(), json!({"name": "x"}), None);
            let batch = d.batch(vec![m]);
            tasks.push(tokio::spawn(async move { d.push(&batch).await.0 }));
        }
        let refused = tokio::spawn(async move { olli.push(&forged).await });
        for t in tasks {
            assert_eq!(t.await.expect("push"), 200);
        }
        let (status, body) = refused.await.expect("push");
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("record_forbidden"))
        );
        let desktop = env.device(&env.org.coach).await;
        let all = desktop.pull_all("/v1/sync/pull").await;
        assert_eq!(all.len(), 13, "Aino's record and the 12 others");
        assert!(all
            .iter()
            .all(|c| c.fields.get("name") != Some(&json!("hijacked"))));
        env
    })
    .await;
}

#[tokio::test]
async fn a_profile_reaches_its_users_other_devices_and_no_one_else_may_write_it() {
    on_each_backend(|env| async move {
        let mut laptop = env.device(&env.org.coach).await;
        let phone = env.device(&env.org.coach).await;
        let fields = json!({"reportName": "Hanna L.", "fte": 0.8});
        let m = laptop.mutation(Entity::Profile, &env.org.coach, fields.clone(), None);
        let (status, body) = laptop.push(&laptop.batch(vec![m])).await;
        assert_eq!(status, 200, "{body}");
        let on_phone = phone.pull_all("/v1/sync/pull").await;
        assert_eq!(on_phone.len(), 1);
        assert_eq!(on_phone[0].record_id.as_str(), env.org.coach);
        assert_eq!(on_phone[0].fields["fte"], 0.8);

        // A colleague may not write it, nor claim another user's id as their own profile.
        for id in [env.org.coach.clone(), env.org.supervisor.clone()] {
            let mut colleague = env.device(&env.org.other_coach).await;
            let forged = colleague.mutation(Entity::Profile, &id, json!({"fte": 0.1}), None);
            let (status, body) = colleague.push(&colleague.batch(vec![forged])).await;
            assert_eq!(
                (status, body["code"].as_str()),
                (403, Some("record_forbidden")),
                "{body}"
            );
        }
        let supervisor = env.device(&env.org.supervisor).await;
        assert!(
            supervisor.pull_all("/v1/sync/pull").await.is_empty(),
            "nothing was stored under the supervisor's id"
        );
        let again = phone.pull_all("/v1/sync/pull").await;
        assert_eq!(again.len(), 1, "the profile is unchanged");
        assert_eq!(again[0].fields["fte"], 0.8);
        env
    })
    .await;
}

#[tokio::test]
async fn a_teams_head_counts_what_an_import_has_left_and_only_its_supervisor_may_ask() {
    on_each_backend(|env| async move {
        let mut laptop = env.device(&env.org.coach).await;
        let mutations = (0..3)
            .map(|i| {
                laptop.mutation(
                    Entity::Client,
                    &new_id(),
                    json!({"name": format!("C{i}")}),
                    None,
                )
            })
            .collect();
        let (status, body) = laptop.push(&laptop.batch(mutations)).await;
        assert_eq!(status, 200, "{body}");
        let supervisor = env.device(&env.org.supervisor).await;
        let head = |after: u64| format!("/v1/teams/{}/head?after={after}", env.org.team);
        let (status, body) = supervisor.http.get(&head(0)).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["remaining"], 3);
        let top = body["cursor"].as_u64().expect("cursor");
        let (_, body) = supervisor.http.get(&head(top)).await;
        assert_eq!(
            (body["remaining"].as_u64(), body["cursor"].as_u64()),
            (Some(0), Some(top))
        );
        let (status, body) = laptop.http.get(&head(0)).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("forbidden")),
            "{body}"
        );
        let other = format!("/v1/teams/{}/head?after=0", env.org.other_team);
        let (status, _) = supervisor.http.get(&other).await;
        assert_eq!(status, 403, "not this supervisor's team");
        env
    })
    .await;
}

#[tokio::test]
async fn a_teams_roster_shows_each_devices_last_sync_and_waiting_records_to_its_supervisor_only() {
    on_each_backend(|env| async move {
        let laptop = env.device(&env.org.coach).await;
        let tablet = env.device(&env.org.coach).await;
        let (status, body) = laptop.http.get("/v1/sync/pull?after=0&waiting=7").await;
        assert_eq!(status, 200, "{body}");
        let supervisor = env.device(&env.org.supervisor).await;
        let roster = format!("/v1/teams/{}/roster", env.org.team);
        let (status, body) = supervisor.http.get(&roster).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["team"]["name"], "IPS Tampere");
        let members = body["members"].as_array().expect("members");
        let names: Vec<&str> = members.iter().filter_map(|m| m["name"].as_str()).collect();
        assert_eq!(
            names,
            ["Aino Coach", "Eeva Coach", "Sari Supervisor"],
            "Olli is in another team"
        );
        let aino = &members[0];
        assert_eq!(aino["id"], env.org.coach.as_str());
        assert_eq!(aino["role"], "coach");
        let devices = aino["devices"].as_array().expect("devices");
        assert_eq!(devices.len(), 2);
        let reported = devices
            .iter()
            .find(|d| d["id"] == laptop.id.to_string().as_str())
            .expect("the laptop");
        assert_eq!(reported["waiting"], 7);
        assert!(
            reported["lastSync"]
                .as_str()
                .is_some_and(|t| t.ends_with('Z')),
            "{reported}"
        );
        let silent = devices
            .iter()
            .find(|d| d["id"] == tablet.id.to_string().as_str())
            .expect("the tablet");
        assert!(
            silent["lastSync"].is_null() && silent["waiting"].is_null(),
            "{silent}"
        );

        let before = env.snapshot().await;
        let (status, body) = laptop.http.get(&roster).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("forbidden")),
            "{body}"
        );
        let other = format!("/v1/teams/{}/roster", env.org.other_team);
        let (status, _) = supervisor.http.get(&other).await;
        assert_eq!(status, 403, "not this supervisor's team");
        assert_eq!(
            env.snapshot().await,
            before,
            "a refused read changes nothing"
        );
        env
    })
    .await;
}

/// A review of `coach`'s week 16 November by `reviewer`, as a supervisor's device sends it.
fn log_review(
    d: &mut Device,
    coach: &str,
    reviewer: &str,
    id: &str,
) -> polku_domain::protocol::Mutation {
    d.mutation(
        Entity::LogReview,
        id,
        json!({"coachId": coach, "week": "2026-11-16", "reviewerId": reviewer,
               "reviewerName": "Sari Supervisor", "reviewedOn": "2026-11-20", "comment": "Hyvä viikko"}),
        None,
    )
}

#[tokio::test]
async fn a_supervisors_review_of_a_coachs_week_reaches_the_coach_and_stays_the_supervisors_to_change(
) {
    on_each_backend(|env| async move {
        let mut supervisor = env.device(&env.org.supervisor).await;
        let id = new_id();
        let m = log_review(&mut supervisor, &env.org.coach, &env.org.supervisor, &id);
        let (status, body) = supervisor.push(&supervisor.batch(vec![m])).await;
        assert_eq!(status, 200, "{body}");

        let coach = env.device(&env.org.coach).await;
        let on_coach = coach.pull_all("/v1/sync/pull").await;
        assert_eq!(on_coach.len(), 1, "kept among the coach's records");
        assert_eq!(on_coach[0].owner.to_string(), env.org.coach);
        assert_eq!(on_coach[0].fields["comment"], "Hyvä viikko");
        let on_team = env
            .device(&env.org.supervisor)
            .await
            .pull_all(&format!("/v1/teams/{}/pull", env.org.team))
            .await;
        assert_eq!(on_team.len(), 1, "and in the team the supervisor reads");

        // The supervisor changes their comment; the coach may not, nor take it over.
        let edit = supervisor.mutation(Entity::LogReview, &id, json!({"comment": "Hyvä!"}), None);
        let (status, body) = supervisor.push(&supervisor.batch(vec![edit])).await;
        assert_eq!(status, 200, "{body}");
        let before = env.snapshot().await;
        for fields in [
            json!({"comment": "Kehuttu"}),
            json!({"reviewerId": env.org.coach}),
        ] {
            let mut coach_device = env.device(&env.org.coach).await;
            let forged = coach_device.mutation(Entity::LogReview, &id, fields, None);
            let (status, body) = coach_device.push(&coach_device.batch(vec![forged])).await;
            assert_eq!(
                (status, body["code"].as_str()),
                (403, Some("record_forbidden")),
                "{body}"
            );
        }
        // Nor may the supervisor move it to another coach's records.
        let moved = supervisor.mutation(
            Entity::LogReview,
            &id,
            json!({"coachId": env.org.other_coach}),
            None,
        );
        let (status, _) = supervisor.push(&supervisor.batch(vec![moved])).await;
        assert_eq!(status, 403);
        assert_eq!(env.snapshot().await, before, "the refusals changed nothing");
        let again = coach.pull_all("/v1/sync/pull").await;
        assert_eq!(
            again.last().map(|c| &c.fields["comment"]),
            Some(&json!("Hyvä!"))
        );
        env
    })
    .await;
}

#[tokio::test]
async fn only_a_supervisor_of_the_coachs_team_may_review_their_log_as_themselves() {
    on_each_backend(|env| async move {
        let before = env.snapshot().await;
        let org = env.org.clone();
        // (writer, coach reviewed, reviewer named): a coach reviewing a colleague; a coach
        // reviewing themselves; a supervisor reviewing a coach of another team; a supervisor
        // naming someone else as the reviewer; a supervisor reviewing themselves.
        let cases = [
            (&org.other_coach, &org.coach, &org.other_coach),
            (&org.coach, &org.coach, &org.coach),
            (&org.supervisor, &org.other_coach, &org.supervisor),
            (&org.supervisor, &org.coach, &org.coach),
            (&org.supervisor, &org.supervisor, &org.supervisor),
        ];
        for (writer, coach, reviewer) in cases {
            let mut d = env.device(writer).await;
            let m = log_review(&mut d, coach, reviewer, &new_id());
            let (status, body) = d.push(&d.batch(vec![m])).await;
            assert_eq!(
                (status, body["code"].as_str()),
                (403, Some("record_forbidden")),
                "{writer} reviewing {coach} as {reviewer}: {body}"
            );
        }
        assert_eq!(env.snapshot().await, before, "nothing was stored");
        env
    })
    .await;
}

#[tokio::test]
async fn team_membership_changes_only_for_a_user_and_team_of_the_organisation() {
    on_each_backend(|env| async move {
        let db = env.db();
        let before = env.snapshot().await;
        let (org, team) = (env.org.org.clone(), env.org.team.clone());
        let unknown = new_id();
        for (user, team) in [(&unknown, &team), (&env.org.coach, &unknown)] {
            let e = admin::join_team(db, &org, user, team)
                .await
                .expect_err("refused");
            assert!(
                matches!(e, polku_server::error::ServerError::NotFound(_)),
                "{e}"
            );
            assert!(admin::leave_team(db, &org, user, team).await.is_err());
        }
        assert_eq!(env.snapshot().await, before, "nothing changed");
        // Joining twice is one membership; leaving takes it away.
        for _ in 0..2 {
            admin::join_team(db, &org, &env.org.supervisor, &env.org.other_team)
                .await
                .expect("join");
        }
        let other = format!("/v1/teams/{}/head", env.org.other_team);
        let device = env.device(&env.org.supervisor).await;
        assert_eq!(
            device.http.get(&other).await.0,
            200,
            "the supervisor reads it"
        );
        admin::leave_team(db, &org, &env.org.supervisor, &env.org.other_team)
            .await
            .expect("leave");
        assert_eq!(device.http.get(&other).await.0, 403, "and then no longer");
        env
    })
    .await;
}
