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

/// The teams each of `users` works in (a user in none is left out).
pub async fn of_users(
    conn: &mut AnyConnection,
    users: &[&str],
) -> sqlx::Result<std::collections::HashMap<String, Vec<String>>> {
    let mut out: std::collections::HashMap<String, Vec<String>> = Default::default();
    for user in users {
        let teams: Vec<String> =
            sqlx::query_scalar("SELECT team_id FROM user_teams WHERE user_id = $1")
                .bind(*user)
                .fetch_all(&mut *conn)
                .await?;
        if !teams.is_empty() {
            out.insert((*user).to_owned(), teams);
        }
    }
    Ok(out)
}
