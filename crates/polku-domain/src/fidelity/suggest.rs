//! Suggested ratings from the coach's own records. A suggestion carries the figures behind it
//! so the UI can say how it was reached ("14 active clients on 1.0 FTE → 5"); the rater always
//! decides, and the scale file's cut-offs — not code — turn the figures into a score.

use super::{ItemScore, Rating, Scale, Scoring, SuggestMetric, SuggestRule};
use crate::evidence::FidelityEvidence;
use crate::ids::UserId;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub item: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub suggested: Suggested,
    /// On a team's review, the same item from each coach's records, so the supervisor sees
    /// who carries the team's figure (see [`by_coach`]); empty on a review of one's own work.
    pub by_coach: Vec<CoachSuggestion>,
}

/// A suggested rating, its score on the item, and the figures it rests on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Suggested {
    pub rating: Rating,
    pub score: ItemScore,
    pub basis: Basis,
}

/// One coach's side of a team suggestion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CoachSuggestion {
    pub coach: UserId,
    pub name: String,
    /// `None` when the coach's records give nothing to suggest from (no job held for V8, no
    /// client entered for V4…).
    pub suggested: Option<Suggested>,
}

/// A team's suggestions with each coach's beside every item: `coaches` holds each coach's id,
/// name and own suggestions, in the order they are to be shown.
pub fn by_coach(
    team: Vec<Suggestion>,
    coaches: Vec<(UserId, String, Vec<Suggestion>)>,
) -> Vec<Suggestion> {
    let mut coaches: Vec<(UserId, String, HashMap<String, Suggested>)> = coaches
        .into_iter()
        .map(|(coach, name, theirs)| {
            let theirs = theirs.into_iter().map(|t| (t.item, t.suggested)).collect();
            (coach, name, theirs)
        })
        .collect();
    team.into_iter()
        .map(|s| Suggestion {
            by_coach: coaches
                .iter_mut()
                .map(|(coach, name, theirs)| CoachSuggestion {
                    coach: *coach,
                    name: name.clone(),
                    suggested: theirs.remove(&s.item),
                })
                .collect(),
            ..s
        })
        .collect()
}

/// The figures a suggestion rests on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Basis {
    /// S1: active clients on the coach's FTE.
    Caseload {
        active_clients: u32,
        fte: f64,
        per_fte: f64,
    },
    /// V4: mean days from entry to the first face-to-face employer contact.
    RapidSearch {
        clients_entered: u32,
        still_waiting: u32,
        mean_days: f64,
    },
    /// V8, V9, V10: a share of the jobs held in the period.
    JobShare {
        jobs: u32,
        counted: u32,
        percent: f64,
    },
    /// V6: face-to-face contacts per week per FTE against the target, and review weeks.
    ContactsPerWeek {
        face_to_face: u32,
        weeks: f64,
        fte: f64,
        per_week_per_fte: f64,
        job_seekers: u32,
        weekly_target: f64,
        weeks_reviewed: u32,
        /// The supervisors who reviewed the log, by name.
        reviewers: Vec<String>,
        /// The figure compared with the cut-offs (per week per FTE, scaled to the target).
        value: f64,
        /// True when the score was held at 2 because nobody reviewed the log.
        capped_for_review: bool,
    },
    /// V7: employers visited more than once.
    RepeatVisits {
        employers_visited: u32,
        repeated: u32,
        percent: f64,
    },
    /// V12: job starts with support before and soon after the start.
    FollowAlong {
        job_starts: u32,
        supported: u32,
        percent: f64,
    },
}

/// Items whose figures map onto a scale's own cut-offs: S1 (count), V4 (days), V8–V10
/// (percentages). An item is skipped when the scale scores it another way or the records
/// hold nothing to count.
pub fn suggest(scale: &Scale, ev: &FidelityEvidence) -> Vec<Suggestion> {
    let mut out = Vec::new();
    let mut push = |code: &str, rating: Rating, basis: Basis| {
        let Some(item) = scale.item(code) else { return };
        let fits = matches!(
            (&item.scoring, &rating),
            (Scoring::Anchored, Rating::Anchored(_))
                | (Scoring::CountBands { .. }, Rating::Count(_))
                | (Scoring::DayBands { .. }, Rating::Days(_))
                | (Scoring::PercentageBands { .. }, Rating::Percentage(_))
        );
        if !fits {
            return;
        }
        if let Ok(score) = item.score(&rating) {
            out.push(Suggestion {
                item: code.to_owned(),
                suggested: Suggested {
                    rating,
                    score,
                    basis,
                },
                by_coach: Vec::new(),
            });
        }
    };

    push(
        "S1",
        Rating::Count(ev.caseload.per_fte),
        Basis::Caseload {
            active_clients: ev.caseload.active_clients,
            fte: ev.fte,
            per_fte: ev.caseload.per_fte,
        },
    );
    if let Some(mean) = ev.rapid_search.mean_days {
        push(
            "V4",
            // A part-day is a day the client waited.
            Rating::Days(mean.ceil().clamp(0.0, f64::from(u32::MAX)) as u32),
            Basis::RapidSearch {
                clients_entered: ev.rapid_search.clients_entered,
                still_waiting: ev.rapid_search.still_waiting,
                mean_days: mean,
            },
        );
    }
    for item in &scale.items {
        let Some(rule) = &item.suggest else { continue };
        if let Some((score, basis)) = rule_suggestion(rule, ev) {
            push(&item.code, Rating::Anchored(score), basis);
        }
    }
    let j = &ev.jobs;
    for (code, counted, share) in [
        ("V8", j.distinct_job_types, j.job_type_diversity()),
        ("V9", j.distinct_employers, j.employer_diversity()),
        ("V10", j.competitive, j.competitive_share()),
    ] {
        if let Some(percent) = share {
            push(
                code,
                Rating::Percentage(percent),
                Basis::JobShare {
                    jobs: j.jobs,
                    counted,
                    percent,
                },
            );
        }
    }
    out
}

/// Scores a figure with a rule's descending minimums: at or above the first is 5, …, below
/// the last is 1.
fn by_minimums(value: f64, cut_offs: &[f64]) -> u8 {
    cut_offs
        .iter()
        .position(|c| value >= *c)
        .map_or(1, |i| 5u8.saturating_sub(u8::try_from(i).unwrap_or(4)))
}

fn rule_suggestion(rule: &SuggestRule, ev: &FidelityEvidence) -> Option<(u8, Basis)> {
    match rule.metric {
        SuggestMetric::FaceToFacePerWeek => {
            let c = &ev.employer_contact;
            if c.weekly_target <= 0.0 || c.weeks <= 0.0 {
                return None; // nobody is seeking work: V6 cannot be judged from the log
            }
            // Six a week per full-time coach; with fewer than three job seekers the target is
            // 2 × seekers a week for this coach, whatever the FTE, scaled here to six.
            let value = if c.job_seekers < 3 {
                f64::from(c.face_to_face) / c.weeks * 6.0 / c.weekly_target
            } else {
                c.per_week_per_fte
            };
            let mut score = by_minimums(value, &rule.cut_offs);
            let mut capped = false;
            if rule.requires_review {
                // A 5 needs the log reviewed weekly; a 3 or 4 at least monthly; else "untracked".
                let months = (c.weeks / 4.345).ceil();
                if score == 5 && f64::from(c.weeks_reviewed) < c.weeks.floor() {
                    score = 4;
                }
                if score > 2 && f64::from(c.weeks_reviewed) < months {
                    score = 2;
                    capped = true;
                }
            }
            Some((
                score,
                Basis::ContactsPerWeek {
                    face_to_face: c.face_to_face,
                    weeks: c.weeks,
                    fte: ev.fte,
                    per_week_per_fte: c.per_week_per_fte,
                    job_seekers: c.job_seekers,
                    weekly_target: c.weekly_target,
                    weeks_reviewed: c.weeks_reviewed,
                    reviewers: c.reviewers.clone(),
                    value,
                    capped_for_review: capped,
                },
            ))
        }
        SuggestMetric::RepeatVisitShare => {
            let q = &ev.contact_quality;
            let percent =
                crate::evidence::percent(q.employers_visited_repeatedly, q.employers_visited)?;
            Some((
                by_minimums(percent, &rule.cut_offs),
                Basis::RepeatVisits {
                    employers_visited: q.employers_visited,
                    repeated: q.employers_visited_repeatedly,
                    percent,
                },
            ))
        }
        SuggestMetric::FollowAlongShare => {
            let f = &ev.follow_along;
            let supported = f.on_schedule;
            let percent = crate::evidence::percent(supported, f.job_starts)?;
            Some((
                by_minimums(percent, &rule.cut_offs),
                Basis::FollowAlong {
                    job_starts: f.job_starts,
                    supported,
                    percent,
                },
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::*;
    use chrono::NaiveDate;

    fn ips25() -> Scale {
        Scale::from_toml(
            "ips-25.toml",
            include_str!("../../../../assets/fidelity/ips-25.toml"),
        )
        .expect("shipped scale")
    }

    fn evidence(
        active: u32,
        fte: f64,
        mean_days: Option<f64>,
        jobs: JobEvidence,
    ) -> FidelityEvidence {
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
        FidelityEvidence {
            from: day,
            to: day,
            fte,
            caseload: CaseloadEvidence {
                active_clients: active,
                per_fte: f64::from(active) / fte,
            },
            rapid_search: RapidSearchEvidence {
                clients_entered: 4,
                with_contact: 3,
                still_waiting: 1,
                mean_days,
            },
            employer_contact: EmployerContactEvidence {
                face_to_face: 0,
                weeks: 1.0,
                per_week_per_fte: 0.0,
                job_seekers: 0,
                weekly_target: 0.0,
                weeks_reviewed: 0,
                reviewers: Vec::new(),
            },
            contact_quality: ContactQualityEvidence {
                employers_visited: 0,
                employers_visited_repeatedly: 0,
                visits_learning_needs: 0,
                visits_presenting_job_seeker: 0,
                face_to_face: 0,
            },
            jobs,
            follow_along: FollowAlongEvidence {
                job_starts: 0,
                met_week_before: 0,
                met_within_three_days: 0,
                starts_with_full_first_month: 0,
                weekly_in_first_month: 0,
                on_schedule: 0,
            },
        }
    }

    fn no_jobs() -> JobEvidence {
        JobEvidence {
            jobs: 0,
            distinct_job_types: 0,
            distinct_employers: 0,
            competitive: 0,
        }
    }

    fn points(s: &[Suggestion], item: &str) -> Option<u8> {
        s.iter()
            .find(|x| x.item == item)
            .map(|x| match x.suggested.score {
                ItemScore::Points(p) => p,
                ItemScore::Answer(_) => 0,
            })
    }

    #[test]
    fn fourteen_active_clients_on_one_fte_suggest_five_for_caseload_size() {
        let s = suggest(&ips25(), &evidence(14, 1.0, None, no_jobs()));
        assert_eq!(points(&s, "S1"), Some(5));
        let Some(Suggested {
            basis: Basis::Caseload { per_fte, .. },
            ..
        }) = s.iter().find(|x| x.item == "S1").map(|x| &x.suggested)
        else {
            panic!("S1 explains itself with the caseload figures")
        };
        assert_eq!(*per_fte, 14.0);
    }

    #[test]
    fn a_team_suggestion_carries_each_coachs_figure_for_the_same_item_or_none() {
        let scale = ips25();
        let team = suggest(&scale, &evidence(29, 1.5, Some(30.0), no_jobs()));
        let (sari, timo) = (UserId::new(), UserId::new());
        let coaches = vec![
            (
                sari,
                "Sari".to_owned(),
                suggest(&scale, &evidence(22, 0.5, Some(30.0), no_jobs())),
            ),
            (
                timo,
                "Timo".to_owned(),
                suggest(&scale, &evidence(7, 1.0, None, no_jobs())),
            ),
        ];
        let s = by_coach(team, coaches);
        let of = |item: &str| {
            let x = s.iter().find(|x| x.item == item).expect("suggested");
            x.by_coach
                .iter()
                .map(|c| (c.coach, c.suggested.as_ref().map(|s| s.score)))
                .collect::<Vec<_>>()
        };
        assert_eq!(points(&s, "S1"), Some(5), "19 per FTE for the team");
        assert_eq!(
            of("S1"),
            [
                (sari, Some(ItemScore::Points(1))),
                (timo, Some(ItemScore::Points(5)))
            ],
            "Sari's 44 per FTE scores 1 beside Timo's 7"
        );
        assert_eq!(
            of("V4")[1],
            (timo, None),
            "no client of Timo's entered: nothing to suggest"
        );
    }

    #[test]
    fn a_part_time_coach_is_judged_per_full_time_equivalent() {
        // 13 clients on 0.5 FTE is 26 per full-time coach: the 26–30 band.
        let s = suggest(&ips25(), &evidence(13, 0.5, None, no_jobs()));
        assert_eq!(points(&s, "S1"), Some(3));
    }

    #[test]
    fn rapid_search_rounds_part_days_up_before_the_day_bands() {
        let s = suggest(&ips25(), &evidence(10, 1.0, Some(30.2), no_jobs()));
        assert_eq!(
            points(&s, "V4"),
            Some(4),
            "30.2 days is 31 days: past the 30-day target"
        );
        let s = suggest(&ips25(), &evidence(10, 1.0, Some(12.0), no_jobs()));
        assert_eq!(points(&s, "V4"), Some(5));
    }

    #[test]
    fn job_shares_are_suggested_only_when_there_are_jobs() {
        let s = suggest(&ips25(), &evidence(10, 1.0, None, no_jobs()));
        assert!(points(&s, "V10").is_none() && points(&s, "V4").is_none());
        let jobs = JobEvidence {
            jobs: 10,
            distinct_job_types: 9,
            distinct_employers: 10,
            competitive: 10,
        };
        let s = suggest(&ips25(), &evidence(10, 1.0, None, jobs.clone()));
        assert_eq!(points(&s, "V8"), Some(5), "90 % different types");
        assert_eq!(points(&s, "V9"), Some(5));
        assert_eq!(points(&s, "V10"), Some(5));
        let half = JobEvidence {
            competitive: 5,
            ..jobs
        };
        let s = suggest(&ips25(), &evidence(10, 1.0, None, half));
        assert_eq!(
            points(&s, "V10"),
            Some(1),
            "50 % competitive is at most 64 %"
        );
    }

    #[test]
    fn a_checklist_scale_gets_no_point_suggestions() {
        let checklist = Scale::from_toml(
            "laatukriteerit.toml",
            include_str!("../../../../assets/fidelity/laatukriteerit.toml"),
        )
        .expect("shipped checklist");
        assert!(suggest(&checklist, &evidence(14, 1.0, Some(10.0), no_jobs())).is_empty());
    }

    fn with_contacts(per_week: f64, seekers: u32, reviewed: u32) -> FidelityEvidence {
        let mut ev = evidence(10, 1.0, None, no_jobs());
        ev.employer_contact = EmployerContactEvidence {
            face_to_face: (per_week * 4.0) as u32,
            weeks: 4.0,
            per_week_per_fte: per_week,
            job_seekers: seekers,
            weekly_target: weekly_contact_target(seekers),
            weeks_reviewed: reviewed,
            reviewers: Vec::new(),
        };
        ev
    }

    #[test]
    fn six_face_to_face_contacts_a_week_with_review_suggest_five_for_v6() {
        let s = suggest(&ips25(), &with_contacts(6.0, 8, 4));
        assert_eq!(points(&s, "V6"), Some(5));
        let s = suggest(&ips25(), &with_contacts(4.5, 8, 4));
        assert_eq!(
            points(&s, "V6"),
            Some(3),
            "4.5 a week is at least 4, short of 5"
        );
    }

    #[test]
    fn an_unreviewed_contact_log_holds_v6_at_two() {
        let s = suggest(&ips25(), &with_contacts(7.0, 8, 0));
        assert_eq!(points(&s, "V6"), Some(2));
        let Some(Suggested {
            basis: Basis::ContactsPerWeek {
                capped_for_review, ..
            },
            ..
        }) = s.iter().find(|x| x.item == "V6").map(|x| &x.suggested)
        else {
            panic!("V6 explains itself")
        };
        assert!(capped_for_review);
    }

    #[test]
    fn with_two_job_seekers_four_contacts_a_week_meet_the_v6_target() {
        let s = suggest(&ips25(), &with_contacts(4.0, 2, 4));
        assert_eq!(
            points(&s, "V6"),
            Some(5),
            "2 × 2 job seekers is the whole target"
        );
    }

    #[test]
    fn repeat_visits_and_follow_along_are_scored_from_their_shares() {
        let mut ev = evidence(10, 1.0, None, no_jobs());
        ev.contact_quality.employers_visited = 10;
        ev.contact_quality.employers_visited_repeatedly = 6;
        ev.follow_along = FollowAlongEvidence {
            job_starts: 4,
            met_week_before: 4,
            met_within_three_days: 3,
            starts_with_full_first_month: 0,
            weekly_in_first_month: 0,
            on_schedule: 3,
        };
        let s = suggest(&ips25(), &ev);
        assert_eq!(points(&s, "V7"), Some(4), "60 % repeat visits");
        assert_eq!(points(&s, "V12"), Some(4), "3 of 4 starts supported: 75 %");
    }

    #[test]
    fn one_review_in_half_a_year_is_not_monthly_review_and_holds_v6_at_two() {
        let mut ev = with_contacts(7.0, 8, 1);
        ev.employer_contact.weeks = 26.0;
        let s = suggest(&ips25(), &ev);
        assert_eq!(points(&s, "V6"), Some(2));
    }

    #[test]
    fn monthly_review_allows_four_but_not_five() {
        let mut ev = with_contacts(7.0, 8, 6);
        ev.employer_contact.weeks = 26.0;
        let s = suggest(&ips25(), &ev);
        assert_eq!(points(&s, "V6"), Some(4), "a 5 needs weekly review");
    }

    #[test]
    fn only_starts_that_met_the_whole_schedule_count_for_v12() {
        let mut ev = evidence(10, 1.0, None, no_jobs());
        // One start met only the week before, another only the days after: neither counts.
        ev.follow_along = FollowAlongEvidence {
            job_starts: 2,
            met_week_before: 1,
            met_within_three_days: 1,
            starts_with_full_first_month: 0,
            weekly_in_first_month: 0,
            on_schedule: 0,
        };
        assert_eq!(points(&suggest(&ips25(), &ev), "V12"), Some(1));
    }
}
