//! Access control in one sweep: every user of the test organisation against every request that
//! reads or writes someone's caseload. Each row says who asks, what, and the answer; every
//! refusal is a 4xx with its error code and leaves the server as it was.
//!
//! The users: Aino (coach, team Tampere), Eeva (coach, Tampere), Olli (coach, team Nokia),
//! Sari (supervisor of Tampere), Anna (administrator, in no team).

use super::*;
use polku_domain::protocol::Role;

struct World {
    aino: Device,
    eeva: Device,
    olli: Device,
    sari: Device,
    anna: Device,
    /// Aino's client, with a support contact.
    client: String,
    support: String,
    /// Olli's client.
    ollis: String,
}

async fn world(env: &Env) -> World {
    let anna = admin::create_user(env.db(), &env.org.org, "Anna Admin", Role::Admin, &[])
        .await
        .expect("admin");
    let mut aino = env.device(&env.org.coach).await;
    let (client, support) = (new_id(), new_id());
    let batch = vec![
        aino.mutation(Entity::Client, &client, json!({"name": "Mira"}), None),
        aino.mutation(
            Entity::SupportContact,
            &support,
            json!({"clientId": client, "notes": "Ensikäynti"}),
            None,
        ),
    ];
    let (status, body) = aino.push(&aino.batch(batch)).await;
    assert_eq!(status, 200, "{body}");
    let mut olli = env.device(&env.org.other_coach).await;
    let ollis = new_id();
    let m = olli.mutation(Entity::Client, &ollis, json!({"name": "Pekka"}), None);
    let (status, body) = olli.push(&olli.batch(vec![m])).await;
    assert_eq!(status, 200, "{body}");
    World {
        aino,
        eeva: env.device(&env.org.colleague).await,
        olli,
        sari: env.device(&env.org.supervisor).await,
        anna: env.device(&anna).await,
        client,
        support,
        ollis,
    }
}

#[tokio::test]
async fn each_user_reads_and_writes_only_what_their_role_and_teams_allow_and_every_refusal_changes_nothing(
) {
    on_each_backend(|env| async move {
        let mut w = world(&env).await;
        let (team, other) = (env.org.team.clone(), env.org.other_team.clone());

        // Reads: a team's pull, head and roster are for its supervisor alone; what it shares,
        // for its members.
        let before = env.snapshot().await;
        let reads: Vec<(&str, &Device, String, u16)> = vec![
            (
                "Sari reads her team",
                &w.sari,
                format!("/v1/teams/{team}/pull"),
                200,
            ),
            (
                "Sari's team's head",
                &w.sari,
                format!("/v1/teams/{team}/head"),
                200,
            ),
            (
                "Sari's team's roster",
                &w.sari,
                format!("/v1/teams/{team}/roster"),
                200,
            ),
            (
                "not the other team",
                &w.sari,
                format!("/v1/teams/{other}/pull"),
                403,
            ),
            (
                "nor its head",
                &w.sari,
                format!("/v1/teams/{other}/head"),
                403,
            ),
            (
                "nor its roster",
                &w.sari,
                format!("/v1/teams/{other}/roster"),
                403,
            ),
            (
                "a coach reads no team",
                &w.aino,
                format!("/v1/teams/{team}/pull"),
                403,
            ),
            (
                "nor a colleague",
                &w.eeva,
                format!("/v1/teams/{team}/roster"),
                403,
            ),
            (
                "nor another team's coach",
                &w.olli,
                format!("/v1/teams/{team}/head"),
                403,
            ),
            (
                "an admin in no team",
                &w.anna,
                format!("/v1/teams/{team}/pull"),
                403,
            ),
            (
                "a team that is not one",
                &w.sari,
                format!("/v1/teams/{}/pull", new_id()),
                403,
            ),
            // What a team shares of its members' records: for its members.
            (
                "a coach reads her team's shared",
                &w.aino,
                format!("/v1/teams/{team}/shared"),
                200,
            ),
            (
                "not another team's",
                &w.aino,
                format!("/v1/teams/{other}/shared"),
                403,
            ),
            (
                "nor does an admin in no team",
                &w.anna,
                format!("/v1/teams/{team}/shared"),
                403,
            ),
        ];
        for (why, device, path, expected) in reads {
            let (status, body) = device.http.get(&path).await;
            assert_eq!(status, expected, "{why}: {body}");
            if expected == 403 {
                assert_eq!(body["code"], "forbidden", "{why}");
            }
        }
        let (status, body) = Http::anonymous(&env.server.url())
            .get("/v1/sync/pull")
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("unauthorized")),
            "no token"
        );

        // A coach's own pull holds their records only: no colleague's, no other team's.
        let pulled = |changes: Vec<polku_domain::protocol::Change>| {
            changes
                .into_iter()
                .map(|c| c.record_id.to_string())
                .collect::<std::collections::BTreeSet<_>>()
        };
        assert!(
            pulled(w.eeva.pull_all("/v1/sync/pull").await).is_empty(),
            "Eeva sees nothing of Aino's"
        );
        assert!(
            pulled(w.sari.pull_all("/v1/sync/pull").await).is_empty(),
            "nor does Sari's own pull"
        );
        let olli_sees = pulled(w.olli.pull_all("/v1/sync/pull").await);
        assert!(!olli_sees.contains(&w.client) && !olli_sees.contains(&w.support));
        // Sari's team pull holds Aino's records, not Olli's.
        let team_pull = pulled(w.sari.pull_all(&format!("/v1/teams/{team}/pull")).await);
        assert!(team_pull.contains(&w.client) && team_pull.contains(&w.support));
        assert!(!team_pull.contains(&w.ollis));
        assert_eq!(env.snapshot().await, before, "reads change nothing");

        // Writes to Aino's records by anyone else are refused: her colleague, another team's
        // coach, her supervisor, an administrator.
        let (client, support) = (w.client.clone(), w.support.clone());
        for who in [&mut w.eeva, &mut w.olli, &mut w.sari, &mut w.anna] {
            for (entity, id) in [
                (Entity::Client, &client),
                (Entity::SupportContact, &support),
            ] {
                let m = who.mutation(entity, id, json!({"notes": "not mine"}), None);
                let (status, body) = who.push(&who.batch(vec![m])).await;
                assert_eq!(
                    (status, body["code"].as_str()),
                    (403, Some("record_forbidden")),
                    "{entity} {body}"
                );
                // Nothing was stored: the device's next batch starts at the same seq again.
                who.seq -= 1;
            }
        }
        // Nor may Aino write Olli's.
        let m = w
            .aino
            .mutation(Entity::Client, &w.ollis, json!({"name": "x"}), None);
        let (status, body) = w.aino.push(&w.aino.batch(vec![m])).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("record_forbidden")),
            "{body}"
        );

        // A handover needs a supervisor of a team of each coach, or an administrator.
        let to = |user: &str| json!({"clientId": client, "toUserId": user});
        let refused: Vec<(&str, &Device, Value)> = vec![
            ("the coach herself", &w.aino, to(&env.org.colleague)),
            ("her colleague", &w.eeva, to(&env.org.colleague)),
            ("another team's coach", &w.olli, to(&env.org.other_coach)),
            (
                "Sari, to a coach of a team she does not lead",
                &w.sari,
                to(&env.org.other_coach),
            ),
        ];
        for (why, device, body) in refused {
            let (status, answer) = device.http.post("/v1/handovers", &body).await;
            assert_eq!(
                (status, answer["code"].as_str()),
                (403, Some("forbidden")),
                "{why}: {answer}"
            );
            assert!(
                !answer["message"].as_str().unwrap_or_default().is_empty(),
                "{why}: a clear error"
            );
        }
        let ollis_client = json!({"clientId": w.ollis, "toUserId": env.org.coach});
        let (status, answer) = w.sari.http.post("/v1/handovers", &ollis_client).await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (403, Some("forbidden")),
            "Olli is not Sari's: {answer}"
        );
        assert_eq!(
            env.snapshot().await,
            before,
            "every refusal changed nothing"
        );

        // And the ones allowed: Sari within her team, Anna across teams.
        let (status, body) = w
            .sari
            .http
            .post("/v1/handovers", &to(&env.org.colleague))
            .await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = w.anna.http.post("/v1/handovers", &ollis_client).await;
        assert_eq!(status, 200, "{body}");
        // Each record is now its new coach's, in that coach's team.
        let mut conn = env.db().pool.acquire().await.expect("conn");
        let ids = [w.client.as_str(), w.support.as_str(), w.ollis.as_str()];
        let mut placed: Vec<(String, String, Option<String>)> =
            polku_server::db::records::get_many(&mut conn, &ids)
                .await
                .expect("records")
                .into_iter()
                .map(|r| (r.record_id, r.owner_id, r.team_id))
                .collect();
        drop(conn);
        placed.sort();
        let mut expected = vec![
            (
                w.client.clone(),
                env.org.colleague.clone(),
                Some(team.clone()),
            ),
            (
                w.support.clone(),
                env.org.colleague.clone(),
                Some(team.clone()),
            ),
            (w.ollis.clone(), env.org.coach.clone(), Some(team.clone())),
        ];
        expected.sort();
        assert_eq!(placed, expected);
        let team_pull = pulled(w.sari.pull_all(&format!("/v1/teams/{team}/pull")).await);
        assert!(
            team_pull.contains(&w.ollis),
            "Olli's former client now reaches Sari"
        );
        env
    })
    .await;
}
