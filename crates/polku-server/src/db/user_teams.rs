//! `user_teams`: which teams a coach works in and a supervisor reads.

use sqlx::AnyConnection;

pub async fn insert(conn: &mut AnyConnection, user_id: &str, team_id: &str) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO user_teams (user_id, team_id) VALUES ($1, $2)")
        .bind(user_id)
        .bind(team_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut AnyConnection, user_id: &str, team_id: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM user_teams WHERE user_id = $1 AND team_id = $2")
        .bind(user_id)
        .bind(team_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn is_member(
    conn: &mut AnyConnection,
    user_id: &str,
    team_id: &str,
) -> sqlx::Result<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT count(*) FROM user_teams WHERE user_id = $1 AND team_id = $2")
            .bind(user_id)
            .bind(team_id)
            .fetch_one(conn)
            .await?;
    Ok(n > 0)
}

/// The teams each of `users` works in (a user in none is left out): one query per thousand.
pub async fn of_users(
    conn: &mut AnyConnection,
    users: &[&str],
) -> sqlx::Result<std::collections::HashMap<String, Vec<String>>> {
    use sqlx::Row;
    let mut out: std::collections::HashMap<String, Vec<String>> = Default::default();
    for chunk in users.chunks(super::ROWS_PER_STATEMENT) {
        let sql = format!(
            "SELECT user_id, team_id FROM user_teams WHERE user_id IN ({})",
            super::in_list(conn, chunk.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for user in chunk {
            q = q.bind(*user);
        }
        for r in q.fetch_all(&mut *conn).await? {
            out.entry(r.try_get(0)?).or_default().push(r.try_get(1)?);
        }
    }
    Ok(out)
}
