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
#[error("{0:?} is not a clock stamp (15 digits, '-', 10 digits, '-', a lowercase hyphenated UUID)")]
pub struct ParseHlcError(String);

/// Digits of the wall-clock and counter parts: zero-padded so text order is clock order.
const WALL: usize = 15;
const COUNTER: usize = 10;

impl FromStr for Hlc {
    type Err = ParseHlcError;
    /// Reads only the one form clocks are written in. `9-0-<device>` would sort after every
    /// real clock as text, so a field written with it could never change again.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ParseHlcError(s.to_owned());
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        let (wall, rest) = s.split_at_checked(WALL).ok_or_else(bad)?;
        let rest = rest.strip_prefix('-').ok_or_else(bad)?;
        let (counter, rest) = rest.split_at_checked(COUNTER).ok_or_else(bad)?;
        let device = rest.strip_prefix('-').ok_or_else(bad)?;
        if !digits(wall) || !digits(counter) {
            return Err(bad());
        }
        Ok(Hlc {
            wall_ms: wall.parse().map_err(|_| bad())?,
            counter: counter.parse().map_err(|_| bad())?,
            device: device.parse().map_err(|_| bad())?,
        })
    }
}

impl serde::Serialize for Hlc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Hlc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
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
    fn only_the_zero_padded_form_is_a_clock() {
        let d = DeviceId::new();
        for bad in [
            format!("9-0-{d}"),
            format!("000000000000009-0-{d}"),
            format!("000000000000009-0000000000-{}", d.0.simple()),
            format!(
                "000000000000009-0000000000-{}",
                d.to_string().to_uppercase()
            ),
            format!("00000000000000a-0000000000-{d}"),
            format!("+00000000000009-0000000000-{d}"),
            format!("000000000000009-9999999999-{d}"),
            format!("000000000000009-0000000000-{d}x"),
            "yesterday".to_owned(),
        ] {
            assert!(bad.parse::<Hlc>().is_err(), "{bad} must not be a clock");
        }
        let good = format!("000000000000009-0000000000-{d}");
        assert_eq!(good.parse::<Hlc>().expect("clock").to_string(), good);
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
