//! What a team shares (`Entity::team_share`): every coach of a team sees the team's employers
//! and may correct them, and of a colleague's employer contact sees only when, how and by
//! whom — never the client, the person met or the notes. Clients stay with their coach.

use super::*;
use polku_domain::protocol::{Change, Role};
use std::collections::BTreeMap;

/// Each record a pull carried, with the fields it carried (later changes over earlier ones).
fn seen(changes: Vec<Change>) -> BTreeMap<String, Map<String, Value>> {
    let mut out: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for c in changes {
        out.entry(c.record_id.to_string())
            .or_default()
            .extend(c.fields);
    }
    out
}

/// Pushes one write `who` may not make: `403 record_forbidden`, and the device's next batch
/// starts at the same seq again (nothing was stored).
async fn refused(who: &mut Device, entity: Entity, id: &str, fields: Value) {
    let m = who.mutation(entity, id, fields, None);
    let (status, body) = who.push(&who.batch(vec![m])).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("record_forbidden")),
        "{entity} {body}"
    );
    who.seq -= 1;
}

#[tokio::test]
async fn a_coach_sees_the_teams_employers_and_of_a_colleagues_contact_only_when_how_and_by_whom() {
    on_each_backend(|env| async move {
        let team = env.org.team.clone();
        let mut aino = env.device(&env.org.coach).await;
        let (client, employer, contact) = (new_id(), new_id(), new_id());
        let batch = vec![
            aino.mutation(Entity::Client, &client, json!({"name": "Mira"}), None),
            aino.mutation(
                Entity::Employer,
                &employer,
                json!({"name": "Kahvila Aalto", "location": "Tampere"}),
                None,
            ),
            aino.mutation(
                Entity::EmployerContact,
                &contact,
                json!({
                    "employerId": employer, "occurredAt": "2026-11-20T10:00:00",
                    "coach": "", "mode": "face_to_face", "clientIds": [client],
                    "contactPerson": "Pirjo", "notes": "Mira kävi esittäytymässä",
                }),
                None,
            ),
        ];
        let (status, body) = aino.push(&aino.batch(batch)).await;
        assert_eq!(status, 200, "{body}");
        // Removed later: a colleague hears of that too.
        let m = aino.mutation(
            Entity::EmployerContact,
            &contact,
            json!({"removedAt": "2026-11-21T08:00:00Z", "notes": "väärä päivä"}),
            None,
        );
        let (status, body) = aino.push(&aino.batch(vec![m])).await;
        assert_eq!(status, 200, "{body}");

        let eeva = env.device(&env.org.colleague).await;
        let shared = format!("/v1/teams/{team}/shared");
        let eeva_sees = seen(eeva.pull_all(&shared).await);
        assert_eq!(
            eeva_sees.keys().cloned().collect::<Vec<_>>(),
            {
                let mut ids = vec![employer.clone(), contact.clone()];
                ids.sort();
                ids
            },
            "the employer and the contact, not the client"
        );
        assert_eq!(eeva_sees[&employer]["name"], "Kahvila Aalto");
        let c = &eeva_sees[&contact];
        let mut names: Vec<&str> = c.keys().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            ["coach", "employerId", "mode", "occurredAt", "removedAt"],
            "when, how and by whom, and its removal: {c:?}"
        );
        assert_eq!(
            c["coach"], "Aino Coach",
            "by whom as the server knows her (her contact left it blank)"
        );
        // Nothing private anywhere in the answer.
        let raw = eeva
            .http
            .get(&format!("{shared}?after=0"))
            .await
            .1
            .to_string();
        for private in ["Mira", "Pirjo", "esittäytymässä", "väärä", &client] {
            assert!(!raw.contains(private), "{private} stays with Aino: {raw}");
        }
        // Eeva's own pull still holds nothing of Aino's; Aino's shared pull nothing of her own.
        assert!(eeva.pull_all("/v1/sync/pull").await.is_empty());
        // Not through another of her devices either (her own device's changes are left out
        // of any pull; the shared scope leaves out all of hers).
        let tablet = env.device(&env.org.coach).await;
        assert!(tablet.pull_all(&shared).await.is_empty());

        // Who may ask: a coach of the team and its supervisor; not another team's coach, not
        // an administrator in no team, not a team that is not one.
        let olli = env.device(&env.org.other_coach).await;
        let sari = env.device(&env.org.supervisor).await;
        let anna_id = admin::create_user(env.db(), &env.org.org, "Anna Admin", Role::Admin, &[])
            .await
            .expect("admin");
        let anna = env.device(&anna_id).await;
        let before = env.snapshot().await;
        assert_eq!(sari.http.get(&shared).await.0, 200);
        for (why, device, path) in [
            ("another team's coach", &olli, shared.clone()),
            ("an administrator in no team", &anna, shared.clone()),
            (
                "no such team",
                &eeva,
                format!("/v1/teams/{}/shared", new_id()),
            ),
        ] {
            let (status, body) = device.http.get(&path).await;
            assert_eq!(
                (status, body["code"].as_str()),
                (403, Some("forbidden")),
                "{why}: {body}"
            );
        }
        let other = format!("/v1/teams/{}/shared", env.org.other_team);
        assert!(
            olli.pull_all(&other).await.is_empty(),
            "Olli's team sees nothing of Tampere's"
        );
        assert_eq!(env.snapshot().await, before, "reads change nothing");
        env
    })
    .await;
}

#[tokio::test]
async fn a_colleague_corrects_a_team_employer_only_its_supervisor_merges_it_and_every_refusal_changes_nothing(
) {
    on_each_backend(|env| async move {
        let team = env.org.team.clone();
        let mut aino = env.device(&env.org.coach).await;
        let (employer, contact, kept) = (new_id(), new_id(), new_id());
        let batch = vec![
            aino.mutation(
                Entity::Employer,
                &kept,
                json!({"name": "Kahvila Aalto Oy", "location": "Tampere"}),
                None,
            ),
            aino.mutation(
                Entity::Employer,
                &employer,
                json!({"name": "Kahvila Alto", "location": "Tampere"}),
                None,
            ),
            aino.mutation(
                Entity::EmployerContact,
                &contact,
                json!({"employerId": employer, "notes": "soitto"}),
                None,
            ),
        ];
        let (status, body) = aino.push(&aino.batch(batch)).await;
        assert_eq!(status, 200, "{body}");
        let created = aino.seq - 1;
        let hlc = Hlc::next(None, 1_800_000_000_000 + created * 1000, aino.id).to_string();

        // Refused, one at a time: another team's coach, an administrator in no team, and a
        // colleague reaching for Aino's contact (only its employer is the team's).
        let mut olli = env.device(&env.org.other_coach).await;
        let anna_id = admin::create_user(env.db(), &env.org.org, "Anna Admin", Role::Admin, &[])
            .await
            .expect("admin");
        let mut anna = env.device(&anna_id).await;
        let mut eeva = env.device(&env.org.colleague).await;
        // Olli's employer, in the other team.
        let ollis = new_id();
        let m = olli.mutation(Entity::Employer, &ollis, json!({"name": "Kahvila"}), None);
        let (status, body) = olli.push(&olli.batch(vec![m])).await;
        assert_eq!(status, 200, "{body}");
        let mut sari = env.device(&env.org.supervisor).await;
        let before = env.snapshot().await;
        refused(&mut olli, Entity::Employer, &employer, json!({"name": "x"})).await;
        refused(&mut anna, Entity::Employer, &employer, json!({"name": "x"})).await;
        refused(
            &mut eeva,
            Entity::EmployerContact,
            &contact,
            json!({"notes": "x"}),
        )
        .await;
        // Merging duplicates is the supervisor's: not a coach's, not even the owner's.
        refused(
            &mut eeva,
            Entity::Employer,
            &employer,
            json!({"mergedInto": kept}),
        )
        .await;
        refused(
            &mut aino,
            Entity::Employer,
            &employer,
            json!({"mergedInto": kept}),
        )
        .await;
        // Nor does a supervisor merge into an employer that is not there, into another
        // team's, or into itself.
        for target in [new_id(), ollis.clone(), employer.clone()] {
            refused(
                &mut sari,
                Entity::Employer,
                &employer,
                json!({"mergedInto": target}),
            )
            .await;
        }
        assert_eq!(
            env.snapshot().await,
            before,
            "every refusal changed nothing"
        );

        // Eeva corrects the name: the employer stays Aino's, and the correction reaches her.
        let mut m = eeva.mutation(
            Entity::Employer,
            &employer,
            json!({"name": "Kahvila Aalto"}),
            Some(json!({"name": hlc})),
        );
        // Made after Aino's, as Eeva's device would stamp it having pulled the employer.
        m.hlc = Hlc::next(None, 1_900_000_000_000, eeva.id);
        let (status, body) = eeva.push(&eeva.batch(vec![m])).await;
        assert_eq!(status, 200, "{body}");
        let aino_sees = seen(aino.pull_all("/v1/sync/pull").await);
        assert_eq!(aino_sees[&employer]["name"], "Kahvila Aalto");
        let team_sees = seen(sari.pull_all(&format!("/v1/teams/{team}/pull")).await);
        assert_eq!(team_sees[&employer]["name"], "Kahvila Aalto");
        // The team's supervisor merges it into another; the merge reaches its coach.
        let m = sari.mutation(
            Entity::Employer,
            &employer,
            json!({"mergedInto": kept}),
            None,
        );
        let (status, body) = sari.push(&sari.batch(vec![m])).await;
        assert_eq!(status, 200, "{body}");
        let aino_sees = seen(aino.pull_all("/v1/sync/pull").await);
        assert_eq!(aino_sees[&employer]["mergedInto"], json!(kept));
        // Nothing is merged into a merged employer (one hop): the kept one into it, refused.
        let before = env.snapshot().await;
        refused(
            &mut sari,
            Entity::Employer,
            &kept,
            json!({"mergedInto": employer}),
        )
        .await;
        assert_eq!(env.snapshot().await, before);
        let mut conn = env.db().pool.acquire().await.expect("conn");
        let stored = polku_server::db::records::get_many(&mut conn, &[employer.as_str()])
            .await
            .expect("records");
        assert_eq!(stored[0].owner_id, env.org.coach, "still Aino's employer");
        drop(conn);
        env
    })
    .await;
}

/// Pushes `batch` expecting `status` and `code`; the device's next batch starts at the same
/// seq again (nothing was stored).
async fn refused_batch(who: &mut Device, batch: Vec<Mutation>, status: u16, code: &str) {
    let n = batch.len() as u64;
    let (got, body) = who.push(&who.batch(batch)).await;
    assert_eq!((got, body["code"].as_str()), (status, Some(code)), "{body}");
    who.seq -= n;
}

#[tokio::test]
async fn a_merge_stays_one_hop_within_a_batch_and_a_malformed_or_mislabelled_one_changes_nothing() {
    on_each_backend(|env| async move {
        let mut aino = env.device(&env.org.coach).await;
        let (a, b, c, contact) = (new_id(), new_id(), new_id(), new_id());
        let mut batch: Vec<Mutation> = [&a, &b, &c]
            .into_iter()
            .map(|id| aino.mutation(Entity::Employer, id, json!({"name": "Kahvila"}), None))
            .collect();
        batch.push(aino.mutation(
            Entity::EmployerContact,
            &contact,
            json!({"employerId": a, "notes": "soitto"}),
            None,
        ));
        let (status, body) = aino.push(&aino.batch(batch)).await;
        assert_eq!(status, 200, "{body}");
        let mut sari = env.device(&env.org.supervisor).await;
        let mut eeva = env.device(&env.org.colleague).await;
        let merge = |who: &mut Device, from: &str, into: Value| {
            who.mutation(Entity::Employer, from, json!({ "mergedInto": into }), None)
        };

        let before = env.snapshot().await;
        // A chain (A into B, then B into C) and a cycle (A into B, B into A) in one batch.
        let chain = vec![
            merge(&mut sari, &a, json!(b)),
            merge(&mut sari, &b, json!(c)),
        ];
        refused_batch(&mut sari, chain, 403, "record_forbidden").await;
        let cycle = vec![
            merge(&mut sari, &a, json!(b)),
            merge(&mut sari, &b, json!(a)),
        ];
        refused_batch(&mut sari, cycle, 403, "record_forbidden").await;
        // Into something that is not an employer's id.
        for into in [json!(5), json!({"id": b})] {
            let m = vec![merge(&mut sari, &a, into)];
            refused_batch(&mut sari, m, 400, "invalid").await;
        }
        // A coach's new employer that comes merged already.
        let fresh = new_id();
        let m = vec![merge(&mut eeva, &fresh, json!(a))];
        refused_batch(&mut eeva, m, 403, "record_forbidden").await;
        // Aino's contact sent as an employer of the team: the stored kind decides.
        let m = vec![eeva.mutation(Entity::Employer, &contact, json!({"name": "x"}), None)];
        refused_batch(&mut eeva, m, 403, "record_forbidden").await;
        assert_eq!(
            env.snapshot().await,
            before,
            "every refusal changed nothing"
        );

        // Into an employer the same batch creates, then another into the same one: one hop.
        let kept = new_id();
        let batch = vec![
            sari.mutation(Entity::Employer, &kept, json!({"name": "Kahvila Oy"}), None),
            merge(&mut sari, &a, json!(kept)),
            merge(&mut sari, &b, json!(kept)),
        ];
        let (status, body) = sari.push(&sari.batch(batch)).await;
        assert_eq!(status, 200, "{body}");
        let merged = seen(aino.pull_all("/v1/sync/pull").await);
        assert_eq!(
            [&merged[&a]["mergedInto"], &merged[&b]["mergedInto"]],
            [&json!(kept), &json!(kept)]
        );
        env
    })
    .await;
}
