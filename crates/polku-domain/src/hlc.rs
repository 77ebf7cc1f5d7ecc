//! Hybrid logical clock stamps. Every write stamps the fields it changed; sync merges field by
//! field, last writer wins by this total order. Encoded as a fixed-width string so SQLite and
//! PostgreSQL sort it correctly as text.

use crate::ids::DeviceId;
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    pub wall_ms: u64,
    pub counter: u32,
    pub device: DeviceId,
}

impl Hlc {
    /// The next stamp on this device: never earlier than `last`, so a wall clock that steps
    /// back cannot reorder a device's own writes.
    pub fn next(last: Option<&Hlc>, now_ms: u64, device: DeviceId) -> Hlc {
        match last {
            Some(l) if l.wall_ms >= now_ms => match l.counter.checked_add(1) {
                Some(counter) => Hlc {
                    wall_ms: l.wall_ms,
                    counter,
                    device,
                },
                // Four billion writes in one millisecond: move the wall part on instead.
                None => Hlc {
                    wall_ms: l.wall_ms + 1,
                    counter: 0,
                    device,
                },
            },
            _ => Hlc {
                wall_ms: now_ms,
                counter: 0,
                device,
            },
        }
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:015}-{:010}-{}",
            self.wall_ms, self.counter, self.device
        )
    }
}

#[derive(Debug, thiserror::Error)]
#[error("not a clock stamp: {0}")]
pub struct ParseHlcError(String);

impl FromStr for Hlc {
    type Err = ParseHlcError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ParseHlcError(s.to_owned());
        let mut parts = s.splitn(3, '-');
        let wall_ms = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
        let counter = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
        let device = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
        Ok(Hlc {
            wall_ms,
            counter,
            device,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_round_trip_through_their_text_form() {
        let h = Hlc::next(None, 1_700_000_000_123, DeviceId::new());
        let back: Hlc = h.to_string().parse().expect("parse");
        assert_eq!(back, h);
    }

    #[test]
    fn text_order_equals_clock_order() {
        let d = DeviceId::new();
        let a = Hlc::next(None, 999, d);
        let b = Hlc::next(Some(&a), 1_000, d);
        let c = Hlc::next(Some(&b), 1_000, d);
        assert!(a < b && b < c);
        assert!(a.to_string() < b.to_string() && b.to_string() < c.to_string());
    }

    #[test]
    fn a_wall_clock_stepping_back_still_moves_the_clock_forward() {
        let d = DeviceId::new();
        let a = Hlc::next(None, 5_000, d);
        let b = Hlc::next(Some(&a), 4_000, d);
        assert!(b > a, "a device's own writes must stay ordered");
        assert_eq!(b.wall_ms, 5_000);
        assert_eq!(b.counter, 1);
    }
}
