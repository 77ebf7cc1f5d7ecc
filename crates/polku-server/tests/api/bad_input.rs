//! Bad input of every kind gets the right 4xx with a JSON error, and changes nothing.

use super::*;

/// Runs `request`, asserts its status and error code, and that the stored data is unchanged.
async fn refused(env: &Env, what: &str, r: reqwest::RequestBuilder, status: u16, code: &str) {
    let before = env.snapshot().await;
    let (got, body) = Http::send(r).await;
    assert_eq!(got, status, "{what} on {}: {body}", env.backend);
    assert_eq!(body["code"], code, "{what}: {body}");
    assert!(
        body["message"].as_str().is_some_and(|m| m.len() > 10),
        "{what}: a message a person can read: {body}"
    );
    assert_eq!(
        env.snapshot().await,
        before,
        "{what} changed the stored data"
    );
}

#[tokio::test]
async fn malformed_requests_get_400_and_change_nothing() {
    on_each_backend(|env| async move {
        let mut d = env.device(&env.org.coach).await;
        let client_id = new_id();
        let ok = d.mutation(Entity::Client, &client_id, json!({"name": "A"}), None);
        assert_eq!(d.push(&d.batch(vec![ok])).await.0, 200);
        let http = d.http.clone();
        let push = |body: String| {
            http.request(reqwest::Method::POST, "/v1/sync/push")
                .header("content-type", "application/json")
                .body(body)
        };
        refused(
            &env,
            "malformed JSON",
            push("{\"deviceId\": ".into()),
            400,
            "bad_request",
        )
        .await;
        let wrong_type = json!({"deviceId": d.id, "fromSeq": "two", "toSeq": 2, "mutations": []});
        refused(
            &env,
            "wrong type",
            push(wrong_type.to_string()),
            400,
            "bad_request",
        )
        .await;
        let missing = json!({"deviceId": d.id, "fromSeq": 2, "toSeq": 2});
        refused(
            &env,
            "missing field",
            push(missing.to_string()),
            400,
            "bad_request",
        )
        .await;

        // A well-formed batch whose second mutation is bad: nothing of it is stored.
        let good = d.mutation(Entity::Client, &new_id(), json!({"name": "B"}), None);
        let bad = d.mutation(Entity::Client, &new_id(), json!({"name": "C"}), None);
        let mut batch = serde_json::to_value(d.batch(vec![good, bad])).expect("json");
        batch["mutations"][1]["hlc"] = "yesterday".into();
        refused(&env, "bad clock", push(batch.to_string()), 400, "bad_batch").await;
        batch["mutations"][1]["hlc"] = batch["mutations"][0]["hlc"].clone();
        batch["mutations"][1]["entity"] = "drafts".into();
        refused(
            &env,
            "unknown entity",
            push(batch.to_string()),
            400,
            "bad_batch",
        )
        .await;
        d.seq = 1;
        // A stored client's id reused for an employer.
        let other = d.mutation(Entity::Employer, &client_id, json!({"name": "Kesko"}), None);
        let batch = serde_json::to_string(&d.batch(vec![other])).expect("json");
        refused(&env, "an id of another entity", push(batch), 400, "invalid").await;

        // A batch the server would store, but not sent as JSON, or with trailing bytes.
        d.seq = 1;
        let fine = d.mutation(Entity::Client, &new_id(), json!({"name": "D"}), None);
        let fine = serde_json::to_string(&d.batch(vec![fine])).expect("json");
        for content_type in [
            "text/plain",
            "application/json; charset",
            "application/jsonx",
        ] {
            let r = http
                .request(reqwest::Method::POST, "/v1/sync/push")
                .header("content-type", content_type)
                .body(fine.clone());
            refused(&env, content_type, r, 400, "bad_request").await;
        }
        refused(
            &env,
            "trailing bytes",
            push(format!("{fine} x")),
            400,
            "bad_request",
        )
        .await;
        assert_eq!(
            Http::send(push(fine)).await.0,
            200,
            "the same batch as JSON is stored: the refusals above were for the wrapping"
        );

        let (s, body) = d.http.get("/v1/sync/pull?after=-3").await;
        assert_eq!(
            (s, body["code"].as_str()),
            (400, Some("bad_request")),
            "{body}"
        );
        env
    })
    .await;
}

/// Pushes `batch` as JSON text and expects a 400 `bad_batch` naming seq `seq`, with nothing
/// stored.
async fn refused_at_the_door(env: &Env, d: &Device, what: &str, batch: &Value, seq: u64) {
    let r = d
        .http
        .request(reqwest::Method::POST, "/v1/sync/push")
        .header("content-type", "application/json")
        .body(batch.to_string());
    let before = env.snapshot().await;
    let (status, body) = Http::send(r).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("bad_batch")),
        "{what} on {}: {body}",
        env.backend
    );
    assert_eq!(
        body["seq"], seq,
        "{what}: the error names the mutation: {body}"
    );
    assert_eq!(
        env.snapshot().await,
        before,
        "{what} changed the stored data"
    );
}

#[tokio::test]
async fn clocks_and_ids_not_in_their_one_written_form_are_refused_at_the_door() {
    on_each_backend(|env| async move {
        let mut d = env.device(&env.org.coach).await;
        let first = d.mutation(Entity::Client, &new_id(), json!({"name": "A"}), None);
        let id = new_id();
        let second = d.mutation(Entity::Client, &id, json!({"name": "B"}), None);
        let batch = serde_json::to_value(d.batch(vec![first, second])).expect("json");
        let tampered = |field: &str, value: Value| {
            let mut b = batch.clone();
            b["mutations"][1][field] = value;
            b
        };
        let hyphenless = id.replace('-', "");
        for (what, b) in [
            // Sorts after every real clock as text: the field could never change again.
            (
                "a clock without zero padding",
                tampered("hlc", format!("9-0-{}", d.id).into()),
            ),
            (
                "a path as a client id",
                tampered("recordId", format!("{id}:../../x").into()),
            ),
            (
                "an item score's key as a client id",
                tampered("recordId", format!("{id}:V4").into()),
            ),
            (
                "an UPPER-case id",
                tampered("recordId", id.to_uppercase().into()),
            ),
            (
                "a {braced} id",
                tampered("recordId", format!("{{{id}}}").into()),
            ),
            (
                "an unhyphenated id",
                tampered("recordId", hyphenless.into()),
            ),
            (
                "the creation clock as a field",
                tampered("fields", json!({"*": "x"})),
            ),
        ] {
            refused_at_the_door(&env, &d, what, &b, 2).await;
        }
        // The same UUID in its one spelling is stored: the refusals were about the spelling,
        // and the server holds one client, not four.
        let (status, body) = d.push(&serde_json::from_value(batch).expect("batch")).await;
        assert_eq!(status, 200, "{body}");
        // (A device is not sent its own changes: the coach's other device reads them.)
        let other = env.device(&env.org.coach).await;
        let clients = other.pull_all("/v1/sync/pull").await;
        assert_eq!(
            clients
                .iter()
                .filter(|c| c.record_id.as_str() == id)
                .count(),
            1
        );
        env
    })
    .await;
}

#[tokio::test]
async fn batches_over_1000_mutations_and_pages_outside_1_to_2000_are_refused() {
    on_each_backend(|env| async move {
        let mut d = env.device(&env.org.coach).await;
        let mutations: Vec<Mutation> = (0..=polku_domain::protocol::MAX_BATCH)
            .map(|i| d.mutation(Entity::Client, &new_id(), json!({"name": i}), None))
            .collect();
        let before = env.snapshot().await;
        let (status, body) = d.push(&d.batch(mutations.clone())).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (400, Some("bad_batch")),
            "{body}"
        );
        assert_eq!(
            env.snapshot().await,
            before,
            "nothing of the batch is stored"
        );
        let (status, body) = d.push(&d.batch(mutations[..1000].to_vec())).await;
        assert_eq!(status, 200, "1,000 are accepted: {body}");

        let other = env.device(&env.org.coach).await;
        for limit in [0, 2001] {
            let (status, body) = other
                .http
                .get(&format!("/v1/sync/pull?limit={limit}"))
                .await;
            assert_eq!(
                (status, body["code"].as_str()),
                (400, Some("bad_request")),
                "limit {limit}: {body}"
            );
        }
        let (status, body) = other.http.get("/v1/sync/pull?limit=2000").await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["changes"].as_array().map(Vec::len), Some(1000));
        env
    })
    .await;
}

#[tokio::test]
async fn an_oversized_body_gets_413_and_changes_nothing() {
    for db in TestDb::all().await {
        let env = Env::start_with_limit(db, 64 * 1024).await;
        let mut d = env.device(&env.org.coach).await;
        let huge = "x".repeat(100 * 1024);
        let m = d.mutation(Entity::Client, &new_id(), json!({"notes": huge}), None);
        let r = d
            .http
            .request(reqwest::Method::POST, "/v1/sync/push")
            .json(&d.batch(vec![m]));
        refused(&env, "oversized body", r, 413, "too_large").await;
        env.stop().await;
    }
}

#[tokio::test]
async fn protocol_versions_other_than_1_are_refused_by_name() {
    on_each_backend(|env| async move {
        let d = env.device(&env.org.coach).await;
        let url = format!("{}/v1/sync/status", env.server.url());
        let client = reqwest::Client::new();
        let token = d.http.token.clone().expect("token");
        let r = client
            .get(&url)
            .bearer_auth(&token)
            .header(PROTOCOL_HEADER, "2");
        refused(&env, "protocol 2", r, 400, "protocol_unsupported").await;
        let r = client.get(&url).bearer_auth(&token);
        refused(&env, "no protocol header", r, 400, "bad_request").await;
        env
    })
    .await;
}

#[tokio::test]
async fn wrong_missing_and_revoked_tokens_get_401() {
    on_each_backend(|env| async move {
        let mut d = env.device(&env.org.coach).await;
        let m = d.mutation(Entity::Client, &new_id(), json!({"name": "A"}), None);
        let batch = d.batch(vec![m]);
        let mut anon = d.http.clone();
        anon.token = None;
        refused(
            &env,
            "no token",
            anon.request(reqwest::Method::POST, "/v1/sync/push")
                .json(&batch),
            401,
            "unauthorized",
        )
        .await;
        anon.token = Some("not-a-token".into());
        refused(
            &env,
            "wrong token",
            anon.request(reqwest::Method::POST, "/v1/sync/push")
                .json(&batch),
            401,
            "unauthorized",
        )
        .await;
        admin::revoke_device(env.db(), &d.id.to_string())
            .await
            .expect("revoke");
        refused(
            &env,
            "revoked device",
            d.http
                .request(reqwest::Method::POST, "/v1/sync/push")
                .json(&batch),
            401,
            "device_revoked",
        )
        .await;
        refused(
            &env,
            "revoked device pulls",
            d.http.request(reqwest::Method::GET, "/v1/sync/pull"),
            401,
            "device_revoked",
        )
        .await;
        env
    })
    .await;
}

#[tokio::test]
async fn an_enrolment_code_works_once() {
    on_each_backend(|env| async move {
        let code = admin::issue_code(env.db(), &env.org.org, &env.org.coach, 1)
            .await
            .expect("code");
        let http = Http::anonymous(&env.server.url());
        let body = json!({"code": code.to_lowercase(), "deviceName": "laptop"});
        assert_eq!(http.post("/v1/enrol", &body).await.0, 200);
        let r = http.request(reqwest::Method::POST, "/v1/enrol").json(&body);
        refused(&env, "a used code", r, 401, "bad_enrol_code").await;
        let r = http
            .request(reqwest::Method::POST, "/v1/enrol")
            .json(&json!({"code": "AAAA-BBBB-CCCC", "deviceName": "x"}));
        refused(&env, "an unknown code", r, 401, "bad_enrol_code").await;
        env
    })
    .await;
}

#[tokio::test]
async fn nobody_reads_or_writes_another_caseload() {
    on_each_backend(|env| async move {
        let mut aino = env.device(&env.org.coach).await;
        let mut olli = env.device(&env.org.other_coach).await;
        let record = new_id();
        let m = aino.mutation(
            Entity::Client,
            &record,
            json!({"name": "Aino's client"}),
            None,
        );
        assert_eq!(aino.push(&aino.batch(vec![m])).await.0, 200);

        // Olli writes to Aino's record: refused by name, nothing stored.
        let m = olli.mutation(Entity::Client, &record, json!({"name": "hijacked"}), None);
        let r = olli
            .http
            .request(reqwest::Method::POST, "/v1/sync/push")
            .json(&olli.batch(vec![m]));
        refused(
            &env,
            "writing another coach's record",
            r,
            403,
            "record_forbidden",
        )
        .await;
        // A coach cannot use the supervisors' team pull, even for their own team.
        let path = format!("/v1/teams/{}/pull", env.org.team);
        refused(
            &env,
            "coach team pull",
            aino.http.request(reqwest::Method::GET, &path),
            403,
            "forbidden",
        )
        .await;
        // A supervisor cannot read another team.
        let sari = env.device(&env.org.supervisor).await;
        let path = format!("/v1/teams/{}/pull", env.org.other_team);
        refused(
            &env,
            "supervisor of another team",
            sari.http.request(reqwest::Method::GET, &path),
            403,
            "forbidden",
        )
        .await;
        // A batch naming another device than the token's.
        let m = aino.mutation(Entity::Client, &new_id(), json!({"name": "x"}), None);
        let mut forged = aino.batch(vec![m]);
        forged.device_id = olli.id;
        let r = aino
            .http
            .request(reqwest::Method::POST, "/v1/sync/push")
            .json(&forged);
        refused(&env, "a batch for another device", r, 403, "forbidden").await;
        env
    })
    .await;
}

#[tokio::test]
async fn a_batch_that_skips_ahead_of_what_the_server_has_is_refused_with_the_expected_seq() {
    on_each_backend(|env| async move {
        let mut d = env.device(&env.org.coach).await;
        d.seq = 4;
        let m = d.mutation(Entity::Client, &new_id(), json!({"name": "x"}), None);
        let r = d
            .http
            .request(reqwest::Method::POST, "/v1/sync/push")
            .json(&d.batch(vec![m]));
        refused(&env, "a gap", r, 409, "seq_gap").await;
        env
    })
    .await;
}
