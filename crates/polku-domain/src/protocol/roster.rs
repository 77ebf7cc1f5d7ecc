//! `GET /v1/teams/{team}/roster`: who works in a team and how fresh each device's data is, for
//! the supervisor's overview ("as of" each device's last sync, records still waiting on it).

use super::{Role, Team};
use crate::ids::{DeviceId, UserId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TeamRoster {
    pub team: Team,
    /// Everyone in the team (coaches and supervisors), by name.
    pub members: Vec<RosterMember>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RosterMember {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub id: UserId,
    pub name: String,
    pub role: Role,
    /// The member's enrolled devices that are not revoked, oldest first.
    pub devices: Vec<RosterDevice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RosterDevice {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub id: DeviceId,
    pub name: String,
    /// When the device last pulled (RFC 3339 UTC); none before its first sync.
    pub last_sync: Option<String>,
    /// Records the device still had waiting to send at that sync.
    pub waiting: Option<u32>,
}
