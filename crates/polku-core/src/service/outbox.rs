//! The device's side of push: the next batch of unsent mutations, and acknowledging what the
//! server stored. Acknowledging is one write of a sequence number and never moves backwards,
//! so a late or repeated answer cannot resend or lose anything.

use super::Polku;
use crate::error::{CoreError, Result};
use crate::store::tables::{meta, outbox};
use polku_domain::sync::{Mutation, PushRequest};
use serde_json::{Map, Value};

use super::sync::ACKED;

fn object(text: &str) -> Result<Map<String, Value>> {
    match serde_json::from_str(text)? {
        Value::Object(m) => Ok(m),
        _ => Err(CoreError::Decode(
            "outbox entry is not a JSON object".into(),
        )),
    }
}

impl Polku {
    /// Up to `max` unsent mutations, oldest first, as one push request; `None` when all is sent.
    pub fn outbox_batch(&self, max: u32) -> Result<Option<PushRequest>> {
        let entries = outbox::unsent(&self.store.conn(), max)?;
        let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
            return Ok(None);
        };
        let (from_seq, to_seq) = (seq(first.seq), seq(last.seq));
        let mutations = entries
            .iter()
            .map(|e| {
                Ok(Mutation {
                    seq: seq(e.seq),
                    entity: e.entity.clone(),
                    record_id: e.record_id.clone(),
                    hlc: e.hlc.clone(),
                    fields: object(&e.fields)?,
                    base: e.base.as_deref().map(object).transpose()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        // The server knows this device by the id it gave at enrolment.
        let device_id = self.sync_config()?.map_or(self.device, |c| c.device_id);
        Ok(Some(PushRequest {
            device_id,
            from_seq,
            to_seq,
            mutations,
        }))
    }

    /// Records that the server stored everything up to `applied_to_seq`.
    pub fn outbox_acknowledge(&self, applied_to_seq: u64) -> Result<()> {
        self.store.write(|tx| {
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
