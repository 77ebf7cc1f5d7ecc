//! The device's side of push: the next batch of unsent mutations, and acknowledging what the
//! server stored. Acknowledging is one write of a sequence number and never moves backwards,
//! so a late or repeated answer cannot resend or lose anything.

use super::Polku;
use crate::error::{CoreError, Result};
use crate::store::tables::{meta, outbox};
use polku_domain::protocol::{Entity, Mutation, PushRequest, RecordId};
use serde_json::value::RawValue;

use super::sync::ACKED;

/// An entry's stored JSON, checked to be an object but not parsed into one.
fn raw_object(text: &str) -> Result<&RawValue> {
    let raw: &RawValue = serde_json::from_str(text)?;
    if !raw.get().starts_with('{') {
        return Err(CoreError::Decode(
            "outbox entry is not a JSON object".into(),
        ));
    }
    Ok(raw)
}

/// A push batch as the bytes to send: the JSON of a [`PushRequest`].
#[derive(Debug)]
pub struct OutgoingBatch {
    pub from_seq: u64,
    pub to_seq: u64,
    pub json: Vec<u8>,
}

/// The outbox entry as the protocol's mutation, its fields and base written as stored.
fn mutation(e: &outbox::Entry) -> Result<Mutation<&RawValue, &RawValue>> {
    let corrupt = |what: &str| CoreError::Decode(format!("outbox entry {}: {what}", e.seq));
    Ok(Mutation {
        seq: seq(e.seq),
        entity: Entity::from_code(&e.entity).ok_or_else(|| corrupt("entity"))?,
        record_id: RecordId::parse(&e.record_id).map_err(|_| corrupt("record id"))?,
        hlc: e.hlc.parse().map_err(|_| corrupt("clock"))?,
        fields: raw_object(&e.fields)?,
        base: e.base.as_deref().map(raw_object).transpose()?,
    })
}

impl Polku {
    /// Up to `max` unsent mutations, oldest first, as the JSON of one `PushRequest`; `None`
    /// when all is sent. Written straight from the outbox: each entry's fields are JSON
    /// already, so they are not parsed and written again (a third of a 1,000-mutation push's
    /// time on the device). `after` a seq reads the batch that follows one still in flight;
    /// `None` starts after what the server acknowledged.
    pub fn outbox_batch(&self, after: Option<u64>, max: u32) -> Result<Option<OutgoingBatch>> {
        let conn = self.store.conn();
        let entries = match after {
            None => outbox::unsent(&conn, max)?,
            Some(seq) => outbox::after(&conn, i64::try_from(seq).unwrap_or(i64::MAX), max)?,
        };
        drop(conn); // sync_config below takes the connection again
        let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
            return Ok(None);
        };
        let (from_seq, to_seq) = (seq(first.seq), seq(last.seq));
        let mutations = entries.iter().map(mutation).collect::<Result<Vec<_>>>()?;
        let device_id = self.sync_config()?.map_or(self.device, |c| c.device_id);
        let json = serde_json::to_vec(&PushRequest {
            device_id,
            from_seq,
            to_seq,
            mutations,
        })?;
        Ok(Some(OutgoingBatch {
            from_seq,
            to_seq,
            json,
        }))
    }

    /// Records that the server stored everything up to `applied_to_seq`.
    pub fn outbox_acknowledge(&self, applied_to_seq: u64) -> Result<()> {
        self.store.write(|tx| {
            // Never past the outbox's end: a server holding more seqs than this device wrote
            // (the device restored from a backup) must not swallow its future writes.
            let applied_to_seq = applied_to_seq.min(seq(outbox::last_seq(tx)?));
            let current: u64 = meta::get(tx, ACKED)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            if applied_to_seq > current {
                meta::set(tx, ACKED, &applied_to_seq.to_string())?;
            }
            Ok(())
        })
    }
}

fn seq(s: i64) -> u64 {
    u64::try_from(s).unwrap_or(0)
}
