//! Time comes in through this trait so rules about "today" and "this week" are testable.

use chrono::{DateTime, Local, NaiveDateTime, Utc};
use std::sync::Mutex;

pub trait Clock: Send + Sync {
    fn now_utc(&self) -> DateTime<Utc>;
    /// The coach's local wall time.
    fn now_local(&self) -> NaiveDateTime;
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

/// A clock that stands still until moved; local time equals UTC.
#[derive(Debug)]
pub struct FixedClock(Mutex<NaiveDateTime>);

impl FixedClock {
    pub fn new(at: NaiveDateTime) -> Self {
        FixedClock(Mutex::new(at))
    }

    pub fn set(&self, at: NaiveDateTime) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }
}

impl Clock for FixedClock {
    fn now_utc(&self) -> DateTime<Utc> {
        self.now_local().and_utc()
    }

    fn now_local(&self) -> NaiveDateTime {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}
