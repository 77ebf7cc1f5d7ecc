//! The supervisor's weekly review of a coach's contact log (IPS-25 V6), and the coach's view
//! of the reviews their log got.

use super::{contacts, Polku};
use crate::error::{CoreError, Result};
use crate::store::owners::Owners;
use crate::store::tables::{employer_contacts, log_reviews};
use crate::sync::SyncConfig;
use chrono::{Duration, NaiveDate};
use polku_domain::protocol::{Entity, RecordId, Role};
use polku_domain::{
    log_review_id, weekly_face_to_face_target, CoachWeek, LogReview, LogReviewInput, UserId, Whose,
};

/// How many of the newest reviews of a coach's log Today shows.
const ON_TODAY: u32 = 3;

impl Polku {
    /// One coach's week as their supervisor reads it: each contact, the face-to-face count
    /// against the coach's target, and the reviews made so far. A week without contacts is a
    /// week like any other: it can be read and reviewed.
    pub fn coach_week(&self, coach: UserId, week: NaiveDate) -> Result<CoachWeek> {
        let week = polku_domain::monday_of(week);
        let Reviewable { me, coach_name, .. } = self.reviewable(coach)?;
        let next = week + Duration::days(7);
        let fte = self.fte_of(&Whose::Coach { id: coach })?;
        let conn = self.store.read();
        let theirs = Owners::resolve(&conn, &Whose::Coach { id: coach })?;
        let (from, to) = (format!("{week}T00:00:00"), format!("{next}T00:00:00"));
        let contacts: Vec<_> = employer_contacts::between(&conn, &theirs, &from, &to)?
            .into_iter()
            .map(|c| contacts::view(&conn, c))
            .collect::<Result<_>>()?;
        let face_to_face = contacts
            .iter()
            .filter(|c| c.mode == polku_domain::ContactMode::FaceToFace)
            .count();
        let reviews = log_reviews::of_week(&conn, coach, week)?;
        Ok(CoachWeek {
            coach_id: coach,
            coach_name,
            week,
            previous_week: week - Duration::days(7),
            next_week: (next <= self.today()).then_some(next),
            mine: reviews.iter().find(|r| r.reviewer_id == me).cloned(),
            reviews,
            face_to_face: u32::try_from(face_to_face).unwrap_or(u32::MAX),
            target: weekly_face_to_face_target(fte),
            contacts,
        })
    }

    /// Marks a coach's week reviewed by this user today, with an optional comment. Reviewing
    /// the same week again updates the one review (its comment and date). The review syncs to
    /// the coach's devices.
    pub fn log_review_save(&self, input: LogReviewInput) -> Result<LogReview> {
        let input = input.normalized();
        let Reviewable {
            me, reviewer_name, ..
        } = self.reviewable(input.coach_id)?;
        let today = self.today();
        input.validate(today)?;
        let id = log_review_id(input.coach_id, input.week, me);
        let record = RecordId::of(id);
        self.write(|w| {
            let now = w.timestamp();
            let review = match log_reviews::get(w.tx, id)? {
                Some(old) => {
                    let new = LogReview {
                        reviewer_name,
                        reviewed_on: today,
                        comment: input.comment.clone(),
                        updated_at: now,
                        ..old.clone()
                    };
                    w.edit(Entity::LogReview, &record, old, new, log_reviews::upsert)?
                }
                None => {
                    let mut new = LogReview {
                        id,
                        coach_id: input.coach_id,
                        week: input.week,
                        reviewer_id: me,
                        reviewer_name,
                        reviewed_on: today,
                        comment: input.comment.clone(),
                        created_at: now.clone(),
                        updated_at: now,
                        version: String::new(),
                    };
                    new.version = w.track(Entity::LogReview, &record, None, &new)?;
                    log_reviews::insert(w.tx, &new)?;
                    // Kept among the coach's records, as the server keeps it.
                    let coach = input.coach_id.to_string();
                    crate::sync::entities::set_owner(
                        w.tx,
                        Entity::LogReview,
                        &record,
                        Some(&coach),
                    )?;
                    new
                }
            };
            Ok(review)
        })
    }

    /// The newest supervisor reviews of this user's own log, newest week first (Today).
    pub fn my_log_reviews(&self) -> Result<Vec<LogReview>> {
        let conn = self.store.read();
        let mine = Owners::resolve(&conn, &Whose::Mine)?;
        Ok(log_reviews::newest(&conn, &mine, ON_TODAY)?)
    }

    /// Who reviews and whose log, when this device is enrolled as a supervisor (or an
    /// administrator) and `coach` is a coach of the imported team: whose log may be reviewed here.
    fn reviewable(&self, coach: UserId) -> Result<Reviewable> {
        let refused = || CoreError::NotSupervisor {
            coach: coach.to_string(),
        };
        let (me, reviewer_name) = match self.sync().config()? {
            Some(SyncConfig {
                user_id: Some(me),
                user_name,
                role,
                ..
            }) if role != Role::Coach => (me, user_name),
            _ => return Err(refused()),
        };
        // On a roster the server sent, as a coach: the server files a review only in a team
        // its coach works in now, and refuses it (holding up the outbox) for anyone else, such
        // as a coach who has left the team but whose records are still here.
        let rosters = self.sync().rosters()?;
        let on_roster = rosters
            .iter()
            .flat_map(|r| &r.roster.members)
            .any(|m| m.id == coach && m.role == Role::Coach);
        if !on_roster {
            return Err(refused());
        }
        let coach_name = self
            .team_coaches(&rosters)?
            .into_iter()
            .find(|c| c.id == coach)
            .ok_or_else(refused)?
            .name;
        Ok(Reviewable {
            me,
            reviewer_name,
            coach_name,
        })
    }
}

/// A reviewer and the coach whose log they may review.
struct Reviewable {
    me: UserId,
    /// The name the server knows the reviewer by.
    reviewer_name: String,
    coach_name: String,
}
