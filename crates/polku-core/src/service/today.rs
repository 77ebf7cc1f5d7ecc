//! The Today view: follow-ups due and this week's face-to-face contacts against the target.

use super::Polku;
use crate::error::Result;
use crate::store::owners::Owners;
use crate::store::tables::employer_contacts;
use chrono::{Datelike, Duration};
use polku_domain::{TodayView, Whose};

impl Polku {
    pub fn today_view(&self) -> Result<TodayView> {
        let settings = self.settings_get()?;
        let today = self.today();
        let week_start = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let week_end = week_start + Duration::days(7);
        let conn = self.store.read();
        // Today is the user's own day: a supervisor's imported team stays out of it.
        let mine = &Owners::resolve(&conn, &Whose::Mine)?;
        let (overdue, due_today) =
            employer_contacts::open_follow_ups(&conn, mine, &today.format("%Y-%m-%d").to_string())?
                .into_iter()
                .partition(|f| f.due < today);
        Ok(TodayView {
            today,
            due_today,
            overdue,
            week_start,
            week_face_to_face: employer_contacts::face_to_face_between(
                &conn,
                mine,
                &format!("{week_start}T00:00:00"),
                &format!("{week_end}T00:00:00"),
            )?,
            week_target: settings.weekly_face_to_face_target(),
            actions: {
                drop(conn);
                self.actions_due()?
            },
            log_reviews: self.my_log_reviews()?,
        })
    }
}
