//! `POST /v1/handovers`: a client moves, with all their records, from one coach to another —
//! when a coach leaves or is away. A supervisor of both coaches' teams or an administrator
//! asks; the server changes the owner. The new coach's devices receive the records in full;
//! the previous coach's devices receive a notice per record (a change with no fields whose
//! `owner` is the new coach) and drop it from their caseload. The server keeps everything.

use crate::ids::{ClientId, UserId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HandoverRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub client_id: ClientId,
    /// The coach who takes the client over.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub to_user_id: UserId,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HandoverResponse {
    /// Whose the client was.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub from_user_id: UserId,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub to_user_id: UserId,
    /// The records that moved (the client, their jobs, support contacts and open conflicts);
    /// 0 when the client was already the new coach's (a retried request).
    #[ts(type = "number")]
    pub records: u64,
}
