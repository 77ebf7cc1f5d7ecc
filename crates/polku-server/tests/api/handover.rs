//! Handover: a client moves with their records to another coach; who may ask; what each
//! coach's pull then carries; the previous coach's late writes.

use super::*;
use polku_domain::protocol::Role;

fn handover(client: &str, to: &str) -> Value {
    json!({"clientId": client, "toUserId": to})
}

#[tokio::test]
async fn only_a_supervisor_of_both_coaches_or_an_administrator_hands_a_client_over_and_a_refusal_changes_nothing(
) {
    on_each_backend(|env| async move {
        let org = env.org.clone();
        let admin_user = admin::create_user(env.db(), &org.org, "Anna Admin", Role::Admin, &[])
            .await
            .expect("admin");
        let mut laptop = env.device(&org.coach).await;
        let (client, support, contact) = (new_id(), new_id(), new_id());
        let batch = vec![
            laptop.mutation(
                Entity::Client,
                &client,
                json!({"name": "Mira", "stage": "engagement"}),
                None,
            ),
            laptop.mutation(
                Entity::SupportContact,
                &support,
                json!({"clientId": client, "notes": "Ensikäynti"}),
                None,
            ),
            laptop.mutation(
                Entity::EmployerContact,
                &contact,
                json!({"clientIds": [client], "notes": "Kahvila"}),
                None,
            ),
        ];
        let (status, body) = laptop.push(&laptop.batch(batch)).await;
        assert_eq!(status, 200, "{body}");

        let supervisor = env.device(&org.supervisor).await;
        let other_coach = env.device(&org.other_coach).await;
        let colleague = env.device(&org.colleague).await;
        let before = env.snapshot().await;
        let refused: [(&Device, Value, u16, &str, &str); 8] = [
            (
                &laptop,
                handover(&client, &org.colleague),
                403,
                "forbidden",
                "a coach hands over no one",
            ),
            (
                &laptop,
                handover(&new_id(), &new_id()),
                403,
                "forbidden",
                "and learns nothing of which clients or users exist",
            ),
            (
                &colleague,
                handover(&client, &org.colleague),
                403,
                "forbidden",
                "nor takes a client",
            ),
            (
                &supervisor,
                handover(&client, &org.other_coach),
                403,
                "forbidden",
                "Olli's team is not Sari's",
            ),
            (
                &supervisor,
                handover(&new_id(), &org.colleague),
                404,
                "not_found",
                "no such client",
            ),
            (
                &supervisor,
                handover(&client, &new_id()),
                404,
                "not_found",
                "no such coach",
            ),
            (
                &supervisor,
                handover(&client, &admin_user),
                400,
                "invalid",
                "an administrator keeps no caseload",
            ),
            (
                &supervisor,
                json!({"clientId": client, "toUserId": org.colleague, "force": true}),
                400,
                "bad_request",
                "unknown fields are refused",
            ),
        ];
        for (device, body, status, code, why) in refused {
            let (got, answer) = device.http.post("/v1/handovers", &body).await;
            assert_eq!(
                (got, answer["code"].as_str()),
                (status, Some(code)),
                "{why}: {answer}"
            );
        }
        let (got, answer) = other_coach
            .http
            .post("/v1/handovers", &json!({"clientId": "x"}))
            .await;
        assert_eq!(
            (got, answer["code"].as_str()),
            (400, Some("bad_request")),
            "{answer}"
        );
        assert_eq!(
            env.snapshot().await,
            before,
            "a refused handover changes nothing"
        );

        let (status, body) = supervisor
            .http
            .post("/v1/handovers", &handover(&client, &org.colleague))
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            body["records"], 2,
            "the client and her support contact: {body}"
        );
        assert_eq!(body["fromUserId"], org.coach.as_str());

        // Eeva's pull carries Mira whole; Aino's a notice per record, naming Eeva.
        let eeva = colleague.pull_all("/v1/sync/pull").await;
        let ids: Vec<&str> = eeva.iter().map(|c| c.record_id.as_str()).collect();
        assert_eq!(ids, [client.as_str(), support.as_str()]);
        assert_eq!(eeva[0].fields["name"], "Mira");
        assert_eq!(eeva[1].fields["notes"], "Ensikäynti");
        assert!(eeva.iter().all(|c| c.owner.to_string() == org.colleague));
        let aino = laptop.pull_all("/v1/sync/pull").await;
        let notices: Vec<_> = aino.iter().filter(|c| c.fields.is_empty()).collect();
        assert_eq!(notices.len(), 2);
        assert!(notices.iter().all(|c| c.owner.to_string() == org.colleague));
        let mut conn = env.db().pool.acquire().await.expect("conn");
        let hers = polku_server::db::records::of_owner(&mut conn, &org.coach)
            .await
            .expect("records");
        drop(conn);
        let hers: Vec<&str> = hers.iter().map(|(_, id, _)| id.as_str()).collect();
        assert_eq!(
            hers,
            [contact.as_str()],
            "her employer contact is her own work and stays hers"
        );

        // A stranger may not write Mira; Aino's writes made before she heard are kept, Eeva's.
        let mut olli = other_coach;
        let forged = olli.mutation(Entity::Client, &client, json!({"notes": "hijacked"}), None);
        let before = env.snapshot().await;
        let (status, body) = olli.push(&olli.batch(vec![forged])).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("record_forbidden")),
            "{body}"
        );
        assert_eq!(env.snapshot().await, before);
        let late = new_id();
        let batch = vec![
            laptop.mutation(
                Entity::Client,
                &client,
                json!({"notes": "Aamuvuorot"}),
                None,
            ),
            laptop.mutation(
                Entity::SupportContact,
                &late,
                json!({"clientId": client, "notes": "Myöhässä"}),
                None,
            ),
        ];
        let (status, body) = laptop.push(&laptop.batch(batch)).await;
        assert_eq!(status, 200, "{body}");
        let after = colleague.pull_all("/v1/sync/pull").await;
        assert!(after.iter().any(|c| c.record_id.as_str() == client
            && c.fields.get("notes") == Some(&json!("Aamuvuorot"))));
        assert!(after
            .iter()
            .any(|c| c.record_id.as_str() == late && c.owner.to_string() == org.colleague));
        let aino = laptop.pull_all("/v1/sync/pull").await;
        assert!(
            aino.iter().any(|c| c.record_id.as_str() == late
                && c.fields.is_empty()
                && c.owner.to_string() == org.colleague),
            "the late record is filed with Mira, and Aino's devices are told"
        );

        // Olli records a job of his own naming Mira: Aino's late-write right does not reach it.
        olli.seq -= 1; // his refused batch stored nothing
        let ollis_job = new_id();
        let m = olli.mutation(Entity::Job, &ollis_job, json!({"clientId": client}), None);
        let (status, body) = olli.push(&olli.batch(vec![m])).await;
        assert_eq!(status, 200, "{body}");
        let m = laptop.mutation(Entity::Job, &ollis_job, json!({"notes": "mine?"}), None);
        let before = env.snapshot().await;
        let (status, body) = laptop.push(&laptop.batch(vec![m])).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("record_forbidden")),
            "{body}"
        );
        assert_eq!(env.snapshot().await, before);

        // An administrator moves her back; the request repeated moves nothing more and still
        // names whom she came from.
        let admin_device = env.device(&admin_user).await;
        for expected in [3, 0] {
            let (status, body) = admin_device
                .http
                .post("/v1/handovers", &handover(&client, &org.coach))
                .await;
            assert_eq!(
                (status, body["records"].as_u64()),
                (200, Some(expected)),
                "{body}"
            );
            assert_eq!(body["fromUserId"], org.colleague.as_str(), "{body}");
        }
        let mut conn = env.db().pool.acquire().await.expect("conn");
        let history = polku_server::db::handovers::of_client(&mut conn, &client)
            .await
            .expect("history");
        let moves: Vec<(&str, &str, Option<&str>)> = history
            .iter()
            .map(|h| {
                (
                    h.from_user.as_str(),
                    h.to_user.as_str(),
                    h.by_user.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            moves,
            [
                (
                    org.coach.as_str(),
                    org.colleague.as_str(),
                    Some(org.supervisor.as_str())
                ),
                (
                    org.colleague.as_str(),
                    org.coach.as_str(),
                    Some(admin_user.as_str())
                ),
            ]
        );
        drop(conn);
        env
    })
    .await;
}

#[tokio::test]
async fn a_supervisor_moves_only_clients_filed_in_a_team_they_lead_and_the_client_keeps_its_team() {
    on_each_backend(|env| async move {
        let org = env.org.clone();
        let db = env.db();
        // Aino works in both teams; her records go to her first team by name, Nokia, which
        // Sari does not lead.
        admin::join_team(db, &org.org, &org.coach, &org.other_team)
            .await
            .expect("joined");
        let mut laptop = env.device(&org.coach).await;
        let client = new_id();
        let m = laptop.mutation(Entity::Client, &client, json!({"name": "Mira"}), None);
        let (status, body) = laptop.push(&laptop.batch(vec![m])).await;
        assert_eq!(status, 200, "{body}");
        let sari = env.device(&org.supervisor).await;
        let before = env.snapshot().await;
        let (status, body) = sari
            .http
            .post("/v1/handovers", &handover(&client, &org.colleague))
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("forbidden")),
            "{body}"
        );
        assert_eq!(env.snapshot().await, before, "refused, nothing changed");

        // Olli works in Nokia: the console moves her to him, and she stays in Nokia.
        admin::hand_over(db, &org.org, &client, &org.other_coach)
            .await
            .expect("handed over");
        let mut conn = db.pool.acquire().await.expect("conn");
        let stored = polku_server::db::records::get_many(&mut conn, &[client.as_str()])
            .await
            .expect("record");
        let placed: Vec<(&str, Option<&str>)> = stored
            .iter()
            .map(|r| (r.owner_id.as_str(), r.team_id.as_deref()))
            .collect();
        assert_eq!(
            placed,
            [(org.other_coach.as_str(), Some(org.other_team.as_str()))]
        );
        drop(conn);

        // Eeva's client Kalle is filed in Tampere. Moved to Aino, whose first team by name is
        // Nokia, he stays in Tampere: she works there too.
        let mut eeva = env.device(&org.colleague).await;
        let kalle = new_id();
        let m = eeva.mutation(Entity::Client, &kalle, json!({"name": "Kalle"}), None);
        let (status, body) = eeva.push(&eeva.batch(vec![m])).await;
        assert_eq!(status, 200, "{body}");
        admin::hand_over(db, &org.org, &kalle, &org.coach)
            .await
            .expect("handed over");
        let mut conn = db.pool.acquire().await.expect("conn");
        let stored = polku_server::db::records::get_many(&mut conn, &[kalle.as_str()])
            .await
            .expect("record");
        assert_eq!(
            stored
                .iter()
                .map(|r| (r.owner_id.as_str(), r.team_id.as_deref()))
                .collect::<Vec<_>>(),
            [(org.coach.as_str(), Some(org.team.as_str()))]
        );
        drop(conn);
        env
    })
    .await;
}

#[tokio::test]
async fn the_console_hands_a_client_over_by_the_coachs_name() {
    on_each_backend(|env| async move {
        let mut laptop = env.device(&env.org.coach).await;
        let client = new_id();
        let m = laptop.mutation(Entity::Client, &client, json!({"name": "Mira"}), None);
        let (status, body) = laptop.push(&laptop.batch(vec![m])).await;
        assert_eq!(status, 200, "{body}");
        let done = admin::hand_over(env.db(), &env.org.org, &client, "Eeva Coach")
            .await
            .expect("handed over");
        assert_eq!(
            (done.records, done.to_user_id.to_string()),
            (1, env.org.colleague.clone())
        );
        let before = env.snapshot().await;
        let unknown = admin::hand_over(env.db(), &env.org.org, &client, "Nobody").await;
        assert!(
            matches!(unknown, Err(polku_server::ServerError::NotFound(_))),
            "{unknown:?}"
        );
        assert_eq!(env.snapshot().await, before);
        env
    })
    .await;
}
