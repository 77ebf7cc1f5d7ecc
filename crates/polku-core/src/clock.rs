//! Time comes in through this trait so rules about "today" and "this week" are testable.
//! Record ids come from it too: a UUIDv7 is a timestamp plus random bits, so the clock that
//! dates a write also dates the id it makes, and a test clock can make both repeatable.

use chrono::{DateTime, Local, NaiveDateTime, Utc};
use std::sync::Mutex;
use uuid::Uuid;

pub trait Clock: Send + Sync {
    fn now_utc(&self) -> DateTime<Utc>;
    /// The coach's local wall time.
    fn now_local(&self) -> NaiveDateTime;
    /// A new time-ordered record id.
    fn new_uuid(&self) -> Uuid {
        Uuid::now_v7()
    }
}

#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the one place the real clock is read
    fn now_utc(&self) -> DateTime<Utc> {
        Utc::now()
    }

    #[allow(clippy::disallowed_methods)]
    fn now_local(&self) -> NaiveDateTime {
        Local::now().naive_local()
    }
}

/// A clock that stands still until moved; local time equals UTC. Its ids are random like the
/// system clock's (devices in one test must not share ids) unless [`FixedClock::counted_ids`]
/// numbers them, for output that is the same on every run (the UI's fixtures).
#[derive(Debug)]
pub struct FixedClock {
    at: Mutex<NaiveDateTime>,
    /// The last id number handed out, when ids are counted.
    counted: Option<Mutex<u64>>,
}

impl FixedClock {
    pub fn new(at: NaiveDateTime) -> Self {
        FixedClock {
            at: Mutex::new(at),
            counted: None,
        }
    }

    /// Ids from a counter instead of randomness: the same calls make the same ids.
    pub fn counted_ids(mut self) -> Self {
        self.counted = Some(Mutex::new(0));
        self
    }

    pub fn set(&self, at: NaiveDateTime) {
        *self.at.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }
}

impl Clock for FixedClock {
    fn now_utc(&self) -> DateTime<Utc> {
        self.now_local().and_utc()
    }

    fn now_local(&self) -> NaiveDateTime {
        *self.at.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn new_uuid(&self) -> Uuid {
        let Some(counter) = &self.counted else {
            return Uuid::now_v7();
        };
        let mut n = counter.lock().unwrap_or_else(|p| p.into_inner());
        *n += 1;
        let ms = u64::try_from(self.now_utc().timestamp_millis()).unwrap_or(0);
        // The counter fills v7's random bits, so ids made in one millisecond still sort in
        // the order they were made.
        let mut bits = [0u8; 10];
        bits[2..].copy_from_slice(&n.to_be_bytes());
        uuid::Builder::from_unix_timestamp_millis(ms, &bits).into_uuid()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_with_counted_ids_makes_the_same_ordered_ids_every_run() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 18)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("date");
        let ids = |clock: FixedClock| (0..3).map(|_| clock.new_uuid()).collect::<Vec<_>>();
        let first = ids(FixedClock::new(at).counted_ids());
        assert_eq!(first, ids(FixedClock::new(at).counted_ids()));
        assert!(first.windows(2).all(|w| w[0] < w[1]), "{first:?}");
        assert_eq!(first[0].get_version_num(), 7);
    }

    #[test]
    fn a_fixed_clock_without_counted_ids_makes_random_ones() {
        let at = chrono::DateTime::from_timestamp(0, 0)
            .expect("epoch")
            .naive_utc();
        let (a, b) = (FixedClock::new(at), FixedClock::new(at));
        assert_ne!(
            a.new_uuid(),
            b.new_uuid(),
            "two devices must not mint one id"
        );
    }
}
