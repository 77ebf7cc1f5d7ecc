//! Each synced entity as a map of its wire fields: read a record's fields, write them back.
//! The shapes are the ones the services queue in the outbox (a test holds them equal), so a
//! field pulled from the server lands in the same column a local edit writes.

use crate::error::{CoreError, Result};
use crate::store::tables::{
    clients, conflicts, contact_clients, employer_contacts, employers, fidelity_actions,
    fidelity_item_scores, fidelity_reviews, jobs, log_reviews, profiles, support_contacts,
};
use chrono::NaiveDate;
use polku_domain::fidelity::{ReviewAction, ReviewItem};
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::{
    Client, ClientId, ContactId, Employer, JobInput, LogReview, Profile, ReviewId, ReviewKind,
    ReviewSubject, SupportContact,
};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A record's synced fields with its bookkeeping.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub fields: Map<String, Value>,
    pub created_at: String,
    pub version: String,
}

/// Bookkeeping written with a record.
#[derive(Clone, Debug)]
pub struct Meta<'a> {
    pub created_at: &'a str,
    pub updated_at: &'a str,
    pub version: &'a str,
}

const META_KEYS: [&str; 4] = ["id", "createdAt", "updatedAt", "version"];

fn fields_of<T: Serialize>(v: &T) -> Result<Map<String, Value>> {
    match serde_json::to_value(v)? {
        Value::Object(mut m) => {
            for k in META_KEYS {
                m.remove(k);
            }
            Ok(m)
        }
        _ => Err(CoreError::Decode("a record is not a JSON object".into())),
    }
}

fn with_meta(fields: &Map<String, Value>, id: &RecordId, m: &Meta<'_>) -> Value {
    let mut all = fields.clone();
    all.insert("id".into(), Value::from(id.as_str()));
    all.insert("createdAt".into(), Value::from(m.created_at));
    all.insert("updatedAt".into(), Value::from(m.updated_at));
    all.insert("version".into(), Value::from(m.version));
    Value::Object(all)
}

fn parse<T: From<uuid::Uuid>>(id: &RecordId) -> T {
    T::from(id.uuid())
}

fn from<T: serde::de::DeserializeOwned>(v: Value) -> Result<T> {
    serde_path_to_error::deserialize(v)
        .map_err(|e| CoreError::Decode(format!("{}: {}", e.path(), e.inner())))
}

/// What syncs of a contact: the row and the sorted ids of its clients.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ContactFields {
    #[serde(flatten)]
    row: employer_contacts::ContactRow,
    client_ids: Vec<ClientId>,
}

/// What syncs of a review (its items and actions are records of their own).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReviewFields {
    pub scale_id: String,
    pub scale_version: String,
    pub kind: ReviewKind,
    /// Absent from reviews synced before reviews had a subject: they scored their rater's own.
    #[serde(default)]
    pub subject: ReviewSubject,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub raters: String,
}

impl From<&fidelity_reviews::ReviewRowData> for ReviewFields {
    fn from(r: &fidelity_reviews::ReviewRowData) -> Self {
        ReviewFields {
            scale_id: r.scale_id.clone(),
            scale_version: r.scale_version.clone(),
            kind: r.kind,
            subject: r.subject,
            period_from: r.period_from,
            period_to: r.period_to,
            raters: r.raters.clone(),
        }
    }
}

/// An item score's record id: `<review id>:<item code>`.
fn item_key(id: &RecordId) -> Result<(ReviewId, &str)> {
    let item = id
        .item()
        .ok_or_else(|| CoreError::Decode(format!("item score id {id}")))?;
    Ok((parse(id), item))
}

pub fn load(conn: &Connection, entity: Entity, id: &RecordId) -> Result<Option<Loaded>> {
    match entity {
        Entity::Client => clients::get(conn, parse(id))?.map(|c| {
            Ok::<_, CoreError>(Loaded {
                fields: fields_of(&c)?,
                created_at: c.created_at,
                version: c.version,
            })
        }),
        Entity::Employer => employers::get(conn, parse(id))?.map(|e| {
            Ok(Loaded {
                fields: fields_of(&e)?,
                created_at: e.created_at,
                version: e.version,
            })
        }),
        Entity::EmployerContact => {
            let cid: ContactId = parse(id);
            employer_contacts::get(conn, cid)?.map(|l| {
                let mut client_ids: Vec<ClientId> = contact_clients::of_contact(conn, cid)?
                    .into_iter()
                    .map(|(c, _)| c)
                    .collect();
                client_ids.sort();
                let (created_at, version) = (l.row.created_at.clone(), l.row.version.clone());
                Ok(Loaded {
                    fields: fields_of(&ContactFields {
                        row: l.row,
                        client_ids,
                    })?,
                    created_at,
                    version,
                })
            })
        }
        Entity::Job => jobs::get(conn, parse(id))?.map(|(j, m)| {
            Ok(Loaded {
                fields: fields_of(&j.input)?,
                created_at: m.created_at,
                version: m.version,
            })
        }),
        Entity::SupportContact => support_contacts::get(conn, parse(id))?.map(|(s, created, v)| {
            Ok(Loaded {
                fields: fields_of(&s)?,
                created_at: created,
                version: v,
            })
        }),
        Entity::FidelityReview => fidelity_reviews::get(conn, parse(id))?.map(|r| {
            Ok(Loaded {
                fields: fields_of(&ReviewFields::from(&r))?,
                created_at: r.created_at,
                version: r.version,
            })
        }),
        Entity::FidelityItemScore => {
            let (review, item) = item_key(id)?;
            fidelity_item_scores::get(conn, review, item)?.map(|(i, version)| {
                let mut fields = fields_of(&i)?;
                fields.insert("reviewId".into(), Value::from(review.to_string()));
                Ok(Loaded {
                    fields,
                    created_at: String::new(),
                    version,
                })
            })
        }
        Entity::FidelityAction => fidelity_actions::get(conn, parse(id))?.map(|(a, version)| {
            Ok(Loaded {
                fields: fields_of(&a)?,
                created_at: String::new(),
                version,
            })
        }),
        Entity::Conflict => conflicts::get(conn, id)?.map(|c| {
            Ok(Loaded {
                fields: c.fields(),
                created_at: String::new(),
                version: c.version,
            })
        }),
        Entity::Profile => profiles::get(conn, parse(id))?.map(|p| {
            Ok(Loaded {
                fields: fields_of(&p)?,
                created_at: p.created_at,
                version: p.version,
            })
        }),
        Entity::LogReview => log_reviews::get(conn, parse(id))?.map(|r| {
            Ok(Loaded {
                fields: fields_of(&r)?,
                created_at: r.created_at,
                version: r.version,
            })
        }),
    }
    .transpose()
}

/// Writes a record from its complete synced fields.
pub fn save(
    conn: &Connection,
    entity: Entity,
    id: &RecordId,
    fields: &Map<String, Value>,
    meta: &Meta<'_>,
    is_new: bool,
) -> Result<()> {
    match entity {
        Entity::Client => {
            let c: Client = from(with_meta(fields, id, meta))?;
            if is_new {
                clients::insert(conn, &c)?;
            } else {
                clients::upsert(conn, &c)?;
            }
        }
        Entity::Employer => {
            let e: Employer = from(with_meta(fields, id, meta))?;
            if is_new {
                employers::insert(conn, &e)?;
            } else {
                employers::upsert(conn, &e)?;
            }
        }
        Entity::EmployerContact => {
            let mut c: ContactFields = from(Value::Object(fields.clone()))?;
            c.row.id = parse(id);
            c.row.created_at = meta.created_at.to_owned();
            c.row.updated_at = meta.updated_at.to_owned();
            c.row.version = meta.version.to_owned();
            if is_new {
                employer_contacts::insert(conn, &c.row)?;
            } else {
                employer_contacts::upsert(conn, &c.row)?;
            }
            contact_clients::set(conn, c.row.id, c.row.occurred_at, &c.client_ids, is_new)?;
        }
        Entity::Job => {
            let input: JobInput = from(Value::Object(fields.clone()))?;
            let m = jobs::JobMeta {
                created_at: meta.created_at.to_owned(),
                updated_at: meta.updated_at.to_owned(),
                version: meta.version.to_owned(),
            };
            if is_new {
                jobs::insert(conn, parse(id), &input, &m)?;
            } else {
                jobs::upsert(conn, parse(id), &input, &m)?;
            }
        }
        Entity::SupportContact => {
            let s: SupportContact = from(with_meta(fields, id, meta))?;
            support_contacts::upsert(conn, &s, meta.created_at, meta.updated_at, meta.version)?;
        }
        Entity::FidelityReview => {
            let r: ReviewFields = from(Value::Object(fields.clone()))?;
            fidelity_reviews::upsert(
                conn,
                &fidelity_reviews::ReviewRowData {
                    id: parse(id),
                    scale_id: r.scale_id,
                    scale_version: r.scale_version,
                    kind: r.kind,
                    subject: r.subject,
                    period_from: r.period_from,
                    period_to: r.period_to,
                    raters: r.raters,
                    created_at: meta.created_at.to_owned(),
                    updated_at: meta.updated_at.to_owned(),
                    version: meta.version.to_owned(),
                },
            )?;
        }
        Entity::FidelityItemScore => {
            let (review, _) = item_key(id)?;
            let item: ReviewItem = from(Value::Object(fields.clone()))?;
            fidelity_item_scores::upsert(conn, review, &item, meta.updated_at, meta.version)?;
        }
        Entity::FidelityAction => {
            let a: ReviewAction = from(with_meta(fields, id, meta))?;
            fidelity_actions::upsert(conn, &a, meta.updated_at, meta.version)?;
        }
        Entity::Conflict => {
            let c = conflicts::ConflictRow::from_fields(id, fields, meta.version)
                .ok_or_else(|| CoreError::Decode("conflict record is missing a field".into()))?;
            conflicts::upsert(conn, &c)?;
        }
        Entity::Profile => {
            let p: Profile = from(with_meta(fields, id, meta))?;
            if is_new {
                profiles::insert(conn, &p)?;
            } else {
                profiles::upsert(conn, &p)?;
            }
        }
        Entity::LogReview => {
            let r: LogReview = from(with_meta(fields, id, meta))?;
            if is_new {
                log_reviews::insert(conn, &r)?;
            } else {
                log_reviews::upsert(conn, &r)?;
            }
        }
    }
    Ok(())
}

/// Checks a record's synced fields by the rules its input is checked by when a coach types
/// it (lengths, dates, required fields), as of `now`: a value written into a record any other
/// way than a form (resolving a conflict by editing it) must not slip past them.
pub fn validate(
    entity: Entity,
    id: &RecordId,
    fields: &Map<String, Value>,
    now: chrono::NaiveDateTime,
) -> Result<()> {
    let meta = Meta {
        created_at: "",
        updated_at: "",
        version: "",
    };
    let today = now.date();
    match entity {
        Entity::Client => from::<Client>(with_meta(fields, id, &meta))?
            .input
            .validate(today)?,
        Entity::Employer => from::<Employer>(with_meta(fields, id, &meta))?
            .input
            .validate()?,
        Entity::EmployerContact => {
            let c: ContactFields = from(Value::Object(fields.clone()))?;
            let r = c.row;
            polku_domain::ContactInput {
                employer_id: Some(r.employer_id),
                new_employer: None,
                occurred_at: r.occurred_at,
                contact_person: r.contact_person,
                contact_role: r.contact_role,
                mode: r.mode,
                client_ids: c.client_ids,
                client_present: r.client_present,
                purposes: r.purposes,
                outcome: r.outcome,
                next_step: r.next_step,
                next_step_due: r.next_step_due,
                notes: r.notes,
            }
            .validate(now)?
        }
        Entity::Job => from::<JobInput>(Value::Object(fields.clone()))?.validate(today)?,
        Entity::SupportContact => from::<SupportContact>(with_meta(fields, id, &meta))?
            .input
            .validate(now)?,
        Entity::FidelityReview => {
            let r: ReviewFields = from(Value::Object(fields.clone()))?;
            polku_domain::fidelity::ReviewInput {
                scale_id: r.scale_id,
                kind: r.kind,
                subject: r.subject,
                period_from: r.period_from,
                period_to: r.period_to,
                raters: r.raters,
            }
            .validate(today)?
        }
        Entity::FidelityItemScore => {
            let item: ReviewItem = from(Value::Object(fields.clone()))?;
            polku_domain::fidelity::NoteInput {
                item: item.item,
                notes: item.notes,
                evidence_missing: item.evidence_missing,
            }
            .validate()?
        }
        Entity::FidelityAction => from::<ReviewAction>(with_meta(fields, id, &meta))?
            .input
            .validate()?,
        Entity::Conflict => {}
        Entity::Profile => from::<Profile>(with_meta(fields, id, &meta))?.validate()?,
        Entity::LogReview => from::<LogReview>(with_meta(fields, id, &meta))?.validate()?,
    }
    Ok(())
}

/// Where a record lives: its table and the condition that selects its row (`?1`, `?2`).
struct RowKey {
    table: &'static str,
    filter: &'static str,
    params: Vec<String>,
}

fn row_key(entity: Entity, id: &RecordId) -> Result<RowKey> {
    let table = match entity {
        Entity::Client => "clients",
        Entity::Employer => "employers",
        Entity::EmployerContact => "employer_contacts",
        Entity::Job => "jobs",
        Entity::SupportContact => "support_contacts",
        Entity::FidelityReview => "fidelity_reviews",
        Entity::FidelityAction => "fidelity_actions",
        Entity::Conflict => "conflicts",
        Entity::Profile => "profiles",
        Entity::LogReview => "log_reviews",
        Entity::FidelityItemScore => {
            let (review, item) = item_key(id)?;
            return Ok(RowKey {
                table: "fidelity_item_scores",
                filter: "review_id = ?1 AND item = ?2",
                params: vec![review.to_string(), item.to_owned()],
            });
        }
    };
    Ok(RowKey {
        table,
        filter: "id = ?1",
        params: vec![id.as_str().to_owned()],
    })
}

/// A record's version (its newest clock), without reading the record: merging reads this
/// first and loads the record only when an incoming field wins.
pub fn version(conn: &Connection, entity: Entity, id: &RecordId) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    let k = row_key(entity, id)?;
    Ok(conn
        .prepare_cached(&format!(
            "SELECT version FROM {} WHERE {}",
            k.table, k.filter
        ))?
        .query_row(rusqlite::params_from_iter(&k.params), |r| r.get(0))
        .optional()?)
}

/// The record's stored owner: `Some(None)` for this installation's own user (see migration
/// 0006), `None` when the record is not here.
pub fn owner(conn: &Connection, entity: Entity, id: &RecordId) -> Result<Option<Option<String>>> {
    use rusqlite::OptionalExtension;
    let k = row_key(entity, id)?;
    Ok(conn
        .prepare_cached(&format!(
            "SELECT owner_id FROM {} WHERE {}",
            k.table, k.filter
        ))?
        .query_row(rusqlite::params_from_iter(&k.params), |r| r.get(0))
        .optional()?)
}

/// Stores the record's owner (`None`: this installation's own user); writes only when it
/// changes.
pub fn set_owner(
    conn: &Connection,
    entity: Entity,
    id: &RecordId,
    owner: Option<&str>,
) -> Result<()> {
    let k = row_key(entity, id)?;
    let n = k.params.len() + 1;
    let sql = format!(
        "UPDATE {} SET owner_id = ?{n} WHERE {} AND owner_id IS NOT ?{n}",
        k.table, k.filter
    );
    let mut params: Vec<Option<&str>> = k.params.iter().map(|p| Some(p.as_str())).collect();
    params.push(owner);
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(params))?;
    Ok(())
}
