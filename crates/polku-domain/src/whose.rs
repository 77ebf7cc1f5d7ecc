//! Whose records a list or a figure covers. A coach's device holds only their own; a
//! supervisor's also holds the imported caseloads of their teams, which never mix with the
//! supervisor's own unless asked for.

use crate::ids::UserId;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Whose {
    /// This installation's user's own records.
    #[default]
    Mine,
    /// One coach's imported records.
    Coach { id: UserId },
    /// Every imported coach's records together (the supervisor's own left out).
    Team,
}
