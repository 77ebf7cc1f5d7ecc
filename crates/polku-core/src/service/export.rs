//! Exporting a review or a quarter's outcomes as PDF or CSV into `<data dir>/exports/`, in the
//! coach's language. The rendering lives in polku-report; this module gathers and localises.

use super::{not_found, Polku};
use crate::error::{CoreError, Result};
use polku_domain::fidelity::{ExportFormat, ItemScore, Scale, YesPartlyNo};
use polku_domain::{Language, Quarter, ReviewId, ReviewKind, ReviewSubject, Whose, BENCHMARKS};
use polku_report::{
    ActionRow, ItemRow, OutcomeReport, OutcomeRow, ReviewReport, SectionRow, TeamOutcomeReport,
    TeamOutcomeRow,
};
use std::path::PathBuf;

fn pick(lang: Language, fi: &str, sv: &str, en: &str) -> String {
    match lang {
        Language::Fi => fi,
        Language::Sv => sv,
        Language::En => en,
    }
    .to_owned()
}

fn points(s: Option<ItemScore>) -> Option<u8> {
    match s {
        Some(ItemScore::Points(p)) => Some(p),
        _ => None,
    }
}

fn percent(lang: Language, v: Option<f64>) -> String {
    match v {
        None => "–".into(),
        Some(v) => {
            let s = format!("{v:.1} %");
            if lang == Language::En {
                s
            } else {
                s.replace('.', ",")
            }
        }
    }
}

impl Polku {
    pub fn review_export(&self, id: ReviewId, format: ExportFormat) -> Result<PathBuf> {
        let settings = self.settings_get()?;
        let lang = settings.language;
        let review = self.review_get(id)?;
        let scale: &Scale = self
            .scales()
            .iter()
            .find(|s| s.id == review.input.scale_id && s.version == review.scale_version)
            .ok_or_else(|| not_found("scale", &review.input.scale_id))?;
        let s = &review.summary;
        let score_of = |code: &str| s.scores.get(code).copied();
        let report = ReviewReport {
            title: pick(
                lang,
                "Laatuarviointi",
                "Kvalitetsbedömning",
                "Fidelity review",
            ),
            scale_name: scale.name.get(lang).to_owned(),
            scale_version: scale.version.clone(),
            kind: match review.input.kind {
                ReviewKind::SelfReview => {
                    pick(lang, "Itsearviointi", "Självbedömning", "Self-assessment")
                }
                ReviewKind::Peer => pick(
                    lang,
                    "Vertaisarviointi",
                    "Kollegial bedömning",
                    "Peer review",
                ),
                ReviewKind::External => pick(
                    lang,
                    "Ulkoinen arviointi",
                    "Extern bedömning",
                    "External review",
                ),
            },
            subject: match review.input.subject {
                ReviewSubject::Own => Some(self.report_name(&settings)?)
                    .filter(|name| !name.is_empty())
                    .unwrap_or_else(|| polku_report::Labels::for_language(lang).unnamed.to_owned()),
                ReviewSubject::Team => {
                    let team = pick(lang, "Tiimi", "Teamet", "Team");
                    let names = team_names(&self.sync().rosters()?).join(", ");
                    if names.is_empty() {
                        team
                    } else {
                        format!("{team} {names}")
                    }
                }
            },
            period_from: review.input.period_from,
            period_to: review.input.period_to,
            raters: review
                .input
                .raters
                .split(',')
                .map(|r| r.trim().to_owned())
                .filter(|r| !r.is_empty())
                .collect(),
            language: lang,
            total: s.complete.then_some(u32::from(s.total)),
            max_total: u32::from(s.max_total),
            band_name: s
                .band
                .as_ref()
                .and_then(|code| scale.bands.iter().find(|b| &b.code == code))
                .map(|b| b.name.get(lang).to_owned()),
            sections: s
                .sections
                .iter()
                .map(|sub| SectionRow {
                    code: sub.section.clone(),
                    name: scale
                        .sections
                        .iter()
                        .find(|x| x.code == sub.section)
                        .map(|x| x.name.get(lang).to_owned())
                        .unwrap_or_default(),
                    subtotal: u32::from(sub.points),
                    max: u32::from(sub.max_points),
                })
                .collect(),
            items: review
                .items
                .iter()
                .map(|i| ItemRow {
                    code: i.item.clone(),
                    name: scale
                        .item(&i.item)
                        .map(|it| it.name.get(lang).to_owned())
                        .unwrap_or_default(),
                    score: points(score_of(&i.item)),
                    answer: match score_of(&i.item) {
                        Some(ItemScore::Answer(a)) => Some(match a {
                            YesPartlyNo::Yes => pick(lang, "Kyllä", "Ja", "Yes"),
                            YesPartlyNo::Partly => pick(lang, "Osittain", "Delvis", "Partly"),
                            YesPartlyNo::No => pick(lang, "Ei", "Nej", "No"),
                        }),
                        _ => None,
                    },
                    suggested: points(
                        i.suggested
                            .as_ref()
                            .and_then(|r| scale.score_item(&i.item, r).ok()),
                    ),
                    evidence_notes: i.notes.clone(),
                    evidence_missing: i.evidence_missing,
                })
                .collect(),
            actions: review
                .actions
                .iter()
                .filter(|a| !a.done)
                .map(|a| ActionRow {
                    item: a.input.item.clone(),
                    what: a.input.what.clone(),
                    who: a.input.who.clone(),
                    due: a.input.due,
                })
                .collect(),
            unverified_note: !scale.unverified().is_empty(),
        };
        // A UUIDv7 starts with its timestamp: the first characters are the same for reviews
        // made weeks apart, so the name takes the random end.
        let simple = id.0.simple().to_string();
        let name = format!(
            "{}{}-{}-{}",
            scale.id,
            match review.input.subject {
                ReviewSubject::Own => "",
                ReviewSubject::Team => "-team",
            },
            review.input.period_to,
            &simple[simple.len() - 8..]
        );
        match format {
            ExportFormat::Pdf => self.write_export(
                &name,
                "pdf",
                &polku_report::pdf::review(&report)
                    .map_err(|e| CoreError::Export(e.to_string()))?,
            ),
            ExportFormat::Csv => {
                self.write_export(&name, "csv", polku_report::csv::review(&report).as_bytes())
            }
        }
    }

    pub fn outcomes_export(&self, quarter: Quarter, format: ExportFormat) -> Result<PathBuf> {
        let settings = self.settings_get()?;
        let lang = settings.language;
        let o = self.quarterly_outcomes(quarter, &polku_domain::Whose::Mine)?;
        let bench = format!(
            "{} / {} / {} %",
            BENCHMARKS[0], BENCHMARKS[1], BENCHMARKS[2]
        );
        let row = |label: String, value: String, benchmark: Option<String>| OutcomeRow {
            label,
            value,
            benchmark,
        };
        let report = OutcomeReport {
            // With no name the report says no name is set (it used to print a blank).
            coach: self.report_name(&settings)?,
            quarter: format!("{} Q{}", quarter.year, quarter.quarter),
            language: lang,
            rows: vec![
                row(
                    pick(
                        lang,
                        "Palveltuja asiakkaita",
                        "Betjänade klienter",
                        "Clients served",
                    ),
                    o.served.to_string(),
                    None,
                ),
                row(
                    pick(
                        lang,
                        "Palkkatyössä avoimilla työmarkkinoilla",
                        "I lönearbete på den öppna arbetsmarknaden",
                        "Working competitively",
                    ),
                    o.worked_competitively.to_string(),
                    None,
                ),
                row(
                    pick(
                        lang,
                        "Työllistymisaste",
                        "Sysselsättningsgrad",
                        "Employment rate",
                    ),
                    percent(lang, o.employment_rate),
                    Some(bench.clone()),
                ),
                row(
                    pick(
                        lang,
                        "Työllistymisaste, työttömänä aloittaneet",
                        "Sysselsättningsgrad, utan arbete vid start",
                        "Employment rate, out of work at entry",
                    ),
                    percent(lang, o.employment_rate_out_of_work_at_entry),
                    Some(bench),
                ),
                row(
                    pick(
                        lang,
                        "Uudet työn aloitukset",
                        "Nya arbetsstarter",
                        "New job starts",
                    ),
                    o.new_job_starts.to_string(),
                    None,
                ),
                row(
                    pick(
                        lang,
                        "Ensimmäiseen työhön",
                        "Till sitt första arbete",
                        "Into a first job",
                    ),
                    o.into_first_job.to_string(),
                    None,
                ),
                row(
                    pick(
                        lang,
                        "Yli 13 viikkoa kestäneet työsuhteet",
                        "Anställningar över 13 veckor",
                        "Jobs kept over 13 weeks",
                    ),
                    format!("{} / {}", o.jobs_kept_13_weeks, o.jobs_old_enough),
                    Some("≥ 65 %".into()),
                ),
                row(
                    pick(
                        lang,
                        "Aktiiviset asiakkaat",
                        "Aktiva klienter",
                        "Active clients",
                    ),
                    o.active_clients.to_string(),
                    None,
                ),
            ],
        };
        let name = format!("tulokset-{}-Q{}", quarter.year, quarter.quarter);
        match format {
            ExportFormat::Pdf => self.write_export(
                &name,
                "pdf",
                &polku_report::pdf::outcomes(&report)
                    .map_err(|e| CoreError::Export(e.to_string()))?,
            ),
            ExportFormat::Csv => self.write_export(
                &name,
                "csv",
                polku_report::csv::outcomes(&report).as_bytes(),
            ),
        }
    }

    /// The team's quarter for leadership: outcomes per coach and for the team against the
    /// benchmarks, with face-to-face contacts and starts, and the team's employment rate over
    /// the last four quarters drawn as a chart (PDF) or listed (CSV).
    pub fn team_outcomes_export(&self, quarter: Quarter, format: ExportFormat) -> Result<PathBuf> {
        let lang = self.settings_get()?.language;
        let Some((from, to)) = quarter.bounds() else {
            let mut e = polku_domain::ValidationErrors::default();
            e.add("quarter", polku_domain::ValidationCode::OutOfRange);
            return Err(e.into());
        };
        let rosters = self.sync().rosters()?;
        let teams = team_names(&rosters);
        let coaches = self.team_coaches(&rosters)?;
        let row = |name: String, whose: &Whose| -> Result<TeamOutcomeRow> {
            let o = self.quarterly_outcomes(quarter, whose)?;
            let conn = self.store.read();
            let f2f = crate::store::tables::employer_contacts::face_to_face_between(
                &conn,
                &crate::store::owners::Owners::resolve(&conn, whose)?,
                &format!("{from}T00:00:00"),
                &format!("{}T00:00:00", to + chrono::Duration::days(1)),
            )?;
            Ok(TeamOutcomeRow {
                name,
                served: o.served.to_string(),
                worked: o.worked_competitively.to_string(),
                employment_rate: percent(lang, o.employment_rate),
                starts: o.new_job_starts.to_string(),
                kept: format!("{} / {}", o.jobs_kept_13_weeks, o.jobs_old_enough),
                face_to_face: f2f.to_string(),
            })
        };
        let unnamed = polku_report::Labels::for_language(lang).unnamed.to_owned();
        let rows = coaches
            .into_iter()
            .map(|c| {
                let name = if c.name.is_empty() {
                    unnamed.clone()
                } else {
                    c.name
                };
                row(name, &Whose::Coach { id: c.id })
            })
            .collect::<Result<Vec<_>>>()?;
        let total = row(pick(lang, "Tiimi", "Teamet", "Team"), &Whose::Team)?;
        let mut quarters = vec![quarter];
        while quarters.len() < 4 {
            let earlier = quarters[0].previous();
            quarters.insert(0, earlier);
        }
        let trend = quarters
            .into_iter()
            .map(|q| {
                let rate = self.quarterly_outcomes(q, &Whose::Team)?.employment_rate;
                Ok((format!("{} Q{}", q.year, q.quarter), rate))
            })
            .collect::<Result<Vec<_>>>()?;
        let report = TeamOutcomeReport {
            team: teams.join(", "),
            quarter: format!("{} Q{}", quarter.year, quarter.quarter),
            language: lang,
            coaches: rows,
            total,
            trend,
            benchmarks: BENCHMARKS,
        };
        let name = format!("tiimin-tulokset-{}-Q{}", quarter.year, quarter.quarter);
        match format {
            ExportFormat::Pdf => self.write_export(
                &name,
                "pdf",
                &polku_report::pdf::team_outcomes(&report)
                    .map_err(|e| CoreError::Export(e.to_string()))?,
            ),
            ExportFormat::Csv => self.write_export(
                &name,
                "csv",
                polku_report::csv::team_outcomes(&report).as_bytes(),
            ),
        }
    }

    /// The user's name on reports: the one typed in Settings, else the one the server knows
    /// the user by; empty when neither is set.
    fn report_name(&self, settings: &polku_domain::Settings) -> Result<String> {
        Ok(match settings.coach_name.trim() {
            "" => self
                .sync()
                .config()?
                .map(|c| c.user_name)
                .unwrap_or_default(),
            name => name.to_owned(),
        })
    }

    fn write_export(&self, name: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf> {
        let dir = self
            .store
            .path()
            .parent()
            .map(|d| d.join("exports"))
            .unwrap_or_else(|| PathBuf::from("exports"));
        std::fs::create_dir_all(&dir).map_err(|e| CoreError::Export(e.to_string()))?;
        let path = dir.join(format!("{name}.{ext}"));
        std::fs::write(&path, bytes).map_err(|e| CoreError::Export(e.to_string()))?;
        Ok(path)
    }
}

/// The names of the teams this user leads, as the last rosters fetched give them.
fn team_names(rosters: &[crate::sync::KeptRoster]) -> Vec<String> {
    let mut teams: Vec<String> = rosters.iter().map(|r| r.roster.team.name.clone()).collect();
    teams.dedup();
    teams
}
