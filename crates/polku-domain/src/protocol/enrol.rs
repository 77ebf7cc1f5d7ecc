//! Enrolment and a device's status: who the device is, as whom it syncs.

use crate::ids::{DeviceId, TeamId, UserId};
use serde::{Deserialize, Serialize};

/// A user's role on the regional server.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, strum::VariantArray,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Coach,
    Supervisor,
    Admin,
}

impl Role {
    pub const fn code(self) -> &'static str {
        match self {
            Role::Coach => "coach",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(s: &str) -> Option<Role> {
        use strum::VariantArray;
        Role::VARIANTS.iter().copied().find(|r| r.code() == s)
    }
}

/// `POST /v1/enrol`: a one-time code from the administrator, exchanged for a device token.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct EnrolRequest {
    pub code: String,
    /// Shown to administrators when they list or revoke devices.
    pub device_name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Team {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub id: TeamId,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct EnrolResponse {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub device_id: DeviceId,
    /// Sent as `Authorization: Bearer <token>`; the server keeps only its hash.
    pub token: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub user_id: UserId,
    pub user_name: String,
    pub role: Role,
    pub teams: Vec<Team>,
}

/// `GET /v1/sync/status`: who this device is and what the server holds of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct StatusResponse {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub device_id: DeviceId,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub user_id: UserId,
    pub user_name: String,
    pub role: Role,
    pub teams: Vec<Team>,
    /// The device's mutations up to this seq are stored.
    pub applied_to_seq: u64,
    /// The newest cursor in this device's scope.
    pub cursor: u64,
}
