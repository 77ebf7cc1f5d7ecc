//! Pull: changes after a cursor, in cursor order, in pages. The device applies a page and
//! stores `next_cursor` in the same transaction; it keeps asking while `has_more`.

use super::{Entity, Fields, RecordId};
use crate::hlc::Hlc;
use crate::ids::UserId;
use serde::{Deserialize, Serialize};

/// Page size when the query names none.
pub const DEFAULT_PAGE: u32 = 500;
/// The largest page a pull may ask for; the smallest is 1.
pub const MAX_PAGE: u32 = 2000;

/// `GET /v1/sync/pull?after=<cursor>&limit=N` (and a team's pull).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PullQuery {
    /// The cursor of the last change already applied (0 for everything).
    pub after: Option<u64>,
    /// Page size, 1–2000 (default 500); another size is refused.
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 2000))]
    pub limit: Option<u32>,
    /// Records the asking device still has waiting to send (a round's first page reports it,
    /// and the team roster shows it with the time of the pull).
    pub waiting: Option<u32>,
}

impl PullQuery {
    /// The page size asked for, or why it is not one the server serves.
    pub fn page_size(&self) -> Result<u32, String> {
        match self.limit {
            None => Ok(DEFAULT_PAGE),
            Some(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
            Some(n) => Err(format!("limit {n} is outside 1–{MAX_PAGE}")),
        }
    }
}

/// One accepted mutation, in the server's cursor order: the fields of `record_id` that won the
/// merge, all stamped `hlc`. A device applies each field whose clock is newer than its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub cursor: u64,
    pub entity: Entity,
    pub record_id: RecordId,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub hlc: Hlc,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub fields: Fields,
    /// The user whose caseload the record belongs to (what a supervisor's import groups by).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub owner: UserId,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PullResponse {
    pub changes: Vec<Change>,
    pub next_cursor: u64,
    pub has_more: bool,
}

/// `GET /v1/teams/{team}/head?after=<cursor>`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct HeadQuery {
    /// The cursor the import has reached (0 for everything).
    pub after: Option<u64>,
}

/// The answer to a [`HeadQuery`]: how much of a scope lies after a cursor, so an
/// import can show its progress and time left before it pulls.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ScopeHead {
    /// The newest cursor in the scope (0 when it is empty).
    pub cursor: u64,
    /// Changes in the scope after the asked cursor, up to `cursor`.
    pub remaining: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_size_outside_1_to_2000_is_refused_and_none_means_500() {
        let q = |limit| PullQuery {
            limit,
            ..PullQuery::default()
        };
        assert_eq!(q(None).page_size(), Ok(DEFAULT_PAGE));
        assert_eq!(q(Some(1)).page_size(), Ok(1));
        assert_eq!(q(Some(2000)).page_size(), Ok(2000));
        assert!(q(Some(0)).page_size().is_err());
        assert!(q(Some(2001)).page_size().is_err());
    }
}
