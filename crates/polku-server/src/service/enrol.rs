//! Enrolment: a one-time code becomes a device and its token.

use crate::auth;
use crate::db::{devices, teams, users, Db};
use crate::error::{Result, ServerError};
use polku_domain::protocol::{EnrolRequest, EnrolResponse};
use polku_domain::DeviceId;

pub async fn enrol(db: &Db, req: &EnrolRequest) -> Result<EnrolResponse> {
    let name = req.device_name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ServerError::Invalid(
            "deviceName must be 1–100 characters".into(),
        ));
    }
    let now = crate::db::timestamp(super::now());
    let mut tx = db.begin().await?;
    let user_id = enrol_codes_redeem(&mut tx, &req.code, &now).await?;
    let device_id = DeviceId::new();
    let token = auth::new_token();
    let device = devices::Device {
        id: device_id.to_string(),
        user_id: user_id.clone(),
        name: name.to_owned(),
        enrolled_at: now.clone(),
        last_seen: Some(now),
        revoked_at: None,
    };
    devices::insert(&mut tx, &device, &auth::hash(&token)).await?;
    let user = users::get(&mut tx, &user_id)
        .await?
        .ok_or(ServerError::BadEnrolCode)?;
    let teams = teams::of_user(&mut tx, &user_id).await?;
    tx.commit().await?;
    tracing::info!(device = %device_id, user = %user_id, "device enrolled");
    Ok(EnrolResponse {
        device_id,
        token,
        user_id: crate::db::parse_text(user_id)?,
        user_name: user.name,
        role: user.role,
        teams,
    })
}

async fn enrol_codes_redeem(
    conn: &mut sqlx::AnyConnection,
    code: &str,
    now: &str,
) -> Result<String> {
    let hash = auth::hash(&auth::normalize_code(code));
    crate::db::enrol_codes::redeem(conn, &hash, now)
        .await?
        .ok_or(ServerError::BadEnrolCode)
}
