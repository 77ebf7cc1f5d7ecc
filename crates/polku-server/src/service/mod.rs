//! The server's use cases, one module each: administration, enrolment, handover, push, pull,
//! status.
//! Handlers in `api` and the admin CLI call these; nothing here knows about HTTP.

pub mod admin;
pub mod enrol;
pub mod handover;
pub mod pull;
pub mod push;

use crate::db::{devices, teams, users, Db};
use crate::error::{Result, ServerError};
use chrono::{DateTime, Utc};
use polku_domain::protocol::{Role, Team};

/// The server's one reading of the wall clock.
#[allow(clippy::disallowed_methods)]
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Who a request comes from: an enrolled, unrevoked device and its user.
#[derive(Clone, Debug, PartialEq)]
pub struct Principal {
    pub device_id: String,
    pub user: users::User,
    pub teams: Vec<Team>,
    /// When the device was last seen pushing (RFC 3339), if ever.
    pub last_seen: Option<String>,
}

impl Principal {
    pub fn is(&self, role: Role) -> bool {
        self.user.role == role
    }

    /// A supervisor or an administrator: someone who leads the teams they are in.
    pub fn leads(&self) -> bool {
        self.is(Role::Supervisor) || self.is(Role::Admin)
    }

    /// The team of theirs `id` names, if they are in it.
    pub fn team(&self, id: &str) -> Option<&Team> {
        let id: polku_domain::TeamId = id.parse().ok()?;
        self.teams.iter().find(|t| t.id == id)
    }
}

/// The device holding `token`, or why it may not sync.
pub async fn authenticate(db: &Db, token: &str) -> Result<Principal> {
    let mut conn = db.pool.acquire().await?;
    let (device, user) = devices::with_user_by_token(&mut conn, &crate::auth::hash(token))
        .await?
        .ok_or(ServerError::Unauthorized)?;
    if device.revoked_at.is_some() {
        return Err(ServerError::DeviceRevoked);
    }
    let teams = teams::of_user(&mut conn, &user.id).await?;
    Ok(Principal {
        device_id: device.id,
        user,
        teams,
        last_seen: device.last_seen,
    })
}
