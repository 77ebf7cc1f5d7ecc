//! Test support shared by this crate's tests, the workspace's fault and convergence tests and
//! the benchmarks: fresh databases on both backends and a provisioned organisation.

use crate::service::admin;
use crate::Db;
use polku_domain::protocol::Role;
use sqlx::Connection;

/// Set by `cargo xtask test` (and so in CI): every tool a test needs must be there.
pub const REQUIRE_TOOLS: &str = "POLKU_REQUIRE_TOOLS";

/// The value of `var`, which names a tool a test needs (`what`). Missing under
/// `cargo xtask test` ([`REQUIRE_TOOLS`] set), the test fails saying what is missing; in a
/// plain `cargo test` run by hand it is skipped, and says so.
pub fn tool(var: &str, what: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(v) if !v.is_empty() => Some(v),
        _ if std::env::var_os(REQUIRE_TOOLS).is_some() => panic!(
            "{what} is missing: {var} is not set, and {REQUIRE_TOOLS} says every tool must be \
             there (`cargo xtask test` installs and sets it)"
        ),
        _ => {
            eprintln!("{var} is not set: {what} not tested here (`cargo xtask test` runs it)");
            None
        }
    }
}

/// A database for one test: a SQLite file in a temporary directory, or a fresh PostgreSQL
/// database on the server named by `POLKU_TEST_POSTGRES` (dropped by [`TestDb::drop_db`]).
#[derive(Debug)]
pub struct TestDb {
    pub url: String,
    pub backend: &'static str,
    _dir: Option<tempfile::TempDir>,
    pg_admin: Option<(String, String)>,
}

impl TestDb {
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("server.db").display());
        TestDb {
            url,
            backend: "sqlite",
            _dir: Some(dir),
            pg_admin: None,
        }
    }

    /// `None` when `POLKU_TEST_POSTGRES` is unset in a hand-run `cargo test` (see [`tool`]).
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = tool("POLKU_TEST_POSTGRES", "PostgreSQL")?;
        let name = format!("polku_t_{}", uuid::Uuid::now_v7().simple());
        let mut conn = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("connect to POLKU_TEST_POSTGRES");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create test database");
        let _ = conn.close().await;
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url.as_str(), |(b, _)| b);
        Some(TestDb {
            url: format!("{base}/{name}"),
            backend: "postgres",
            _dir: None,
            pg_admin: Some((admin_url.clone(), name)),
        })
    }

    /// Every backend available: SQLite always, PostgreSQL when configured.
    pub async fn all() -> Vec<TestDb> {
        let mut v = vec![TestDb::sqlite()];
        v.extend(TestDb::postgres().await);
        v
    }

    pub async fn drop_db(self) {
        if let Some((admin_url, name)) = &self.pg_admin {
            if let Ok(mut conn) = sqlx::PgConnection::connect(admin_url).await {
                let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&mut conn)
                .await;
            }
        }
    }
}

/// An organisation with two teams: a coach, a colleague in the same team and their
/// supervisor; and a coach of the other team.
#[derive(Clone, Debug)]
pub struct Org {
    pub org: String,
    pub team: String,
    pub other_team: String,
    pub coach: String,
    /// Another coach of `team` (who takes a client over in a handover).
    pub colleague: String,
    pub other_coach: String,
    pub supervisor: String,
}

pub async fn provision(db: &Db) -> Org {
    let org = admin::create_org(db, "Pirkanmaa").await.expect("org");
    let team = admin::create_team(db, &org, "IPS Tampere")
        .await
        .expect("team");
    let other_team = admin::create_team(db, &org, "IPS Nokia")
        .await
        .expect("team");
    let coach = admin::create_user(
        db,
        &org,
        "Aino Coach",
        Role::Coach,
        std::slice::from_ref(&team),
    )
    .await
    .expect("coach");
    let colleague = admin::create_user(
        db,
        &org,
        "Eeva Coach",
        Role::Coach,
        std::slice::from_ref(&team),
    )
    .await
    .expect("colleague");
    let other_coach = admin::create_user(
        db,
        &org,
        "Olli Coach",
        Role::Coach,
        std::slice::from_ref(&other_team),
    )
    .await
    .expect("coach");
    let supervisor = admin::create_user(
        db,
        &org,
        "Sari Supervisor",
        Role::Supervisor,
        std::slice::from_ref(&team),
    )
    .await
    .expect("supervisor");
    Org {
        org,
        team,
        other_team,
        coach,
        colleague,
        other_coach,
        supervisor,
    }
}

/// Everything the server stores about synced data as text, to prove a request changed nothing.
pub async fn snapshot(db: &Db) -> Vec<String> {
    use sqlx::Row;
    let mut conn = db.pool.acquire().await.expect("conn");
    let mut out = Vec::new();
    for sql in [
        "SELECT entity || '/' || record_id || '/' || owner_id || '/' || COALESCE(team_id, '-')
            || '/' || CAST(cursor AS TEXT) || '/' || fields || '/' || clocks
         FROM records ORDER BY record_id",
        "SELECT CAST(cursor AS TEXT) || '/' || owner_id || '/' || COALESCE(team_id, '-') || '/'
            || COALESCE(record_owner, '-') || '/' || record_id || '/' || hlc || '/' || fields
         FROM changes ORDER BY cursor",
        "SELECT client_id || '/' || from_user || '/' || to_user || '/' || CAST(cursor AS TEXT)
         FROM handovers ORDER BY cursor",
        "SELECT user_id || '/' || team_id FROM user_teams ORDER BY user_id, team_id",
    ] {
        for r in sqlx::query(sql)
            .fetch_all(&mut *conn)
            .await
            .expect("snapshot")
        {
            out.push(r.try_get::<String, _>(0).expect("text"));
        }
    }
    // Per mutation, so a batch stored whole and the same mutations stored in two pushes read
    // the same.
    let runs = crate::db::applied_batches::all(&mut conn)
        .await
        .expect("snapshot");
    for run in &runs {
        out.extend(
            run.each()
                .map(|(seq, hash)| format!("{}/{seq}/{hash}", run.device_id)),
        );
    }
    out
}

/// Devices' changes stored more than once (the same record and clock under two cursors): a
/// replay that was applied twice. Always 0. (A handover writes a record's state again, to its
/// new owner, under the clocks it had: those changes are the server's own, not a device's.)
pub async fn duplicate_changes(db: &Db) -> i64 {
    let mut conn = db.pool.acquire().await.expect("conn");
    sqlx::query_scalar(
        "SELECT count(*) FROM (SELECT record_id, hlc FROM changes WHERE device_id IS NOT NULL
         GROUP BY record_id, hlc HAVING count(*) > 1) d",
    )
    .fetch_one(&mut *conn)
    .await
    .expect("duplicates")
}
