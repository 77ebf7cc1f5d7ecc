//! The server's migrations: numbered without gaps, and each upgrade keeps what was stored.

use polku_server::db::{applied_batches, MIGRATOR};
use polku_server::testing::TestDb;
use polku_server::Db;
use sqlx::any::AnyPoolOptions;

#[test]
fn migrations_are_numbered_from_one_without_gaps_and_each_says_what_it_does() {
    let versions: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
    let expected: Vec<i64> = (1..=versions.len() as i64).collect();
    assert_eq!(versions, expected);
    for m in MIGRATOR.iter() {
        assert!(
            !m.description.is_empty(),
            "migration {} has a name",
            m.version
        );
        assert!(
            m.sql.as_str().trim_start().starts_with("--"),
            "migration {} opens with a comment saying why",
            m.version
        );
    }
}

#[tokio::test]
async fn upgrading_to_batch_idempotency_keeps_every_stored_hash_so_old_replays_are_recognised() {
    for test_db in TestDb::all().await {
        let backend = test_db.backend;
        sqlx::any::install_default_drivers();
        let url = match backend {
            "sqlite" => format!("{}?mode=rwc", test_db.url),
            _ => test_db.url.clone(),
        };
        // A server at version 1, with mutations stored one idempotency row each.
        let pool = AnyPoolOptions::new().connect(&url).await.expect("connect");
        MIGRATOR.run_to(1, &pool).await.expect("migrate to 1");
        let hash = |seq: u64| format!("{seq:064x}");
        for (device, seq) in [("d1", 1), ("d1", 2), ("d1", 3), ("d2", 1)] {
            sqlx::query("INSERT INTO applied (device_id, seq, hash) VALUES ($1, $2, $3)")
                .bind(device)
                .bind(seq as i64)
                .bind(hash(seq))
                .execute(&pool)
                .await
                .expect("insert");
        }
        pool.close().await;

        let db = Db::open(&test_db.url).await.expect("open runs the upgrade");
        let mut conn = db.pool.acquire().await.expect("conn");
        let stored: Vec<(u64, String)> = applied_batches::overlapping(&mut conn, "d1", 1, 3)
            .await
            .expect("read")
            .iter()
            .flat_map(|run| {
                run.each()
                    .map(|(s, h)| (s, h.to_owned()))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(
            stored,
            vec![(1, hash(1)), (2, hash(2)), (3, hash(3))],
            "{backend}"
        );
        assert_eq!(
            applied_batches::last_seq(&mut conn, "d1")
                .await
                .expect("d1"),
            3
        );
        assert_eq!(
            applied_batches::last_seq(&mut conn, "d2")
                .await
                .expect("d2"),
            1
        );
        drop(conn);
        db.pool.close().await;
        test_db.drop_db().await;
    }
}
