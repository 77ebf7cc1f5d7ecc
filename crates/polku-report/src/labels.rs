//! The fixed texts the renderers print themselves, and dates in each language's format.
//! Everything else in a report arrives already localized by the caller.

use chrono::NaiveDate;
use polku_domain::Language;

/// The headings and words a report prints around the caller's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Labels {
    pub total: &'static str,
    pub band: &'static str,
    pub item: &'static str,
    pub name: &'static str,
    pub score: &'static str,
    pub suggested: &'static str,
    pub evidence: &'static str,
    pub evidence_missing: &'static str,
    pub action_plan: &'static str,
    pub action: &'static str,
    pub who: &'static str,
    pub due: &'static str,
    pub scale: &'static str,
    pub review_kind: &'static str,
    pub period: &'static str,
    pub raters: &'static str,
    /// Whose work a review scores: a coach's own, or a team's.
    pub subject: &'static str,
    pub sections: &'static str,
    pub unverified_note: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub page: &'static str,
    pub outcomes_title: &'static str,
    pub coach: &'static str,
    pub quarter: &'static str,
    pub measure: &'static str,
    pub value: &'static str,
    pub benchmark: &'static str,
    /// Where a report's person has no name set.
    pub unnamed: &'static str,
    pub team_outcomes_title: &'static str,
    pub team: &'static str,
    pub served: &'static str,
    pub worked: &'static str,
    pub employment_rate: &'static str,
    pub starts: &'static str,
    pub kept: &'static str,
    pub contacts: &'static str,
    pub trend: &'static str,
    pub benchmarks_note: &'static str,
}

const FI: Labels = Labels {
    total: "Yhteensä",
    band: "Taso",
    item: "Kohta",
    name: "Nimi",
    score: "Pisteet",
    suggested: "Ehdotus",
    evidence: "Näyttö",
    evidence_missing: "Näyttö puuttuu",
    action_plan: "Kehittämissuunnitelma",
    action: "Toimenpide",
    who: "Kuka",
    due: "Määräaika",
    scale: "Asteikko",
    review_kind: "Arvioinnin tyyppi",
    period: "Arviointijakso",
    raters: "Arvioijat",
    subject: "Arvioitava",
    sections: "Osa-alueet",
    unverified_note: "Osa asteikon arvoista on Polkun työversioita, joita ei ole vielä \
                      tarkistettu virallista tekstiä vasten.",
    yes: "kyllä",
    no: "ei",
    page: "Sivu",
    outcomes_title: "Neljännesvuoden tulokset",
    coach: "Työhönvalmentaja",
    quarter: "Neljännes",
    measure: "Mittari",
    value: "Arvo",
    benchmark: "Vertailuarvo",
    unnamed: "(nimeä ei ole asetettu)",
    team_outcomes_title: "Tiimin neljännesvuoden tulokset",
    team: "Tiimi",
    served: "Asiakkaita",
    worked: "Töissä",
    employment_rate: "Työllistymisaste",
    starts: "Aloitukset",
    kept: "Yli 13 vk",
    contacts: "Kasvokkaiset",
    trend: "Tiimin työllistymisaste neljänneksittäin",
    benchmarks_note: "Vertailuarvot 31 / 41 / 50 % (alin / keskitaso / paras neljännes).",
};

const SV: Labels = Labels {
    total: "Totalt",
    band: "Nivå",
    item: "Punkt",
    name: "Namn",
    score: "Poäng",
    suggested: "Förslag",
    evidence: "Belägg",
    evidence_missing: "Belägg saknas",
    action_plan: "Utvecklingsplan",
    action: "Åtgärd",
    who: "Vem",
    due: "Senast",
    scale: "Skala",
    review_kind: "Typ av bedömning",
    period: "Bedömningsperiod",
    raters: "Bedömare",
    subject: "Bedömningen gäller",
    sections: "Delområden",
    unverified_note: "Vissa värden i skalan är Polkus arbetsversioner som ännu inte har \
                      kontrollerats mot den officiella texten.",
    yes: "ja",
    no: "nej",
    page: "Sida",
    outcomes_title: "Kvartalets resultat",
    coach: "Arbetscoach",
    quarter: "Kvartal",
    measure: "Mått",
    value: "Värde",
    benchmark: "Jämförelsevärde",
    unnamed: "(inget namn angivet)",
    team_outcomes_title: "Teamets kvartalsresultat",
    team: "Teamet",
    served: "Klienter",
    worked: "I arbete",
    employment_rate: "Sysselsättningsgrad",
    starts: "Starter",
    kept: "Över 13 v",
    contacts: "Ansikte mot ansikte",
    trend: "Teamets sysselsättningsgrad per kvartal",
    benchmarks_note: "Jämförelsevärden 31 / 41 / 50 % (lägsta / mellersta / bästa kvartilen).",
};

const EN: Labels = Labels {
    total: "Total",
    band: "Band",
    item: "Item",
    name: "Name",
    score: "Score",
    suggested: "Suggested",
    evidence: "Evidence",
    evidence_missing: "Evidence missing",
    action_plan: "Action plan",
    action: "Action",
    who: "Who",
    due: "Due",
    scale: "Scale",
    review_kind: "Review type",
    period: "Review period",
    raters: "Raters",
    subject: "Review of",
    sections: "Sections",
    unverified_note: "Some values of this scale are Polku's working versions, not yet \
                      checked against the official text.",
    yes: "yes",
    no: "no",
    page: "Page",
    outcomes_title: "Quarterly outcomes",
    coach: "Job coach",
    quarter: "Quarter",
    measure: "Measure",
    value: "Value",
    benchmark: "Benchmark",
    unnamed: "(no name set)",
    team_outcomes_title: "Team outcomes for the quarter",
    team: "Team",
    served: "Served",
    worked: "Working",
    employment_rate: "Employment rate",
    starts: "Starts",
    kept: "Kept 13 wk",
    contacts: "Face to face",
    trend: "The team's employment rate by quarter",
    benchmarks_note: "Benchmarks 31 / 41 / 50 % (lowest / middle / top quartile).",
};

impl Labels {
    /// The team report's column headings, in [`crate::TeamOutcomeRow`]'s order.
    pub fn team_columns(&self) -> [&'static str; 7] {
        [
            self.coach,
            self.served,
            self.worked,
            self.employment_rate,
            self.starts,
            self.kept,
            self.contacts,
        ]
    }

    pub fn for_language(language: Language) -> &'static Labels {
        match language {
            Language::Fi => &FI,
            Language::Sv => &SV,
            Language::En => &EN,
        }
    }
}

/// A date as readers of the language write it: `22.11.2026` in Finnish and in Finland
/// Swedish (day and month without leading zeros, `1.2.2026`, as the Finnish style guides
/// write it), `22 Nov 2026` in English (unambiguous for British and American readers alike).
pub fn format_date(date: NaiveDate, language: Language) -> String {
    match language {
        Language::Fi | Language::Sv => date.format("%-d.%-m.%Y").to_string(),
        Language::En => date.format("%-d %b %Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn dates_follow_the_language() {
        assert_eq!(format_date(d(2026, 11, 22), Language::Fi), "22.11.2026");
        assert_eq!(format_date(d(2026, 11, 22), Language::Sv), "22.11.2026");
        assert_eq!(format_date(d(2026, 11, 22), Language::En), "22 Nov 2026");
        assert_eq!(format_date(d(2026, 2, 1), Language::Fi), "1.2.2026");
        assert_eq!(format_date(d(2026, 2, 1), Language::En), "1 Feb 2026");
    }

    #[test]
    fn the_given_headings_are_used() {
        let fi = Labels::for_language(Language::Fi);
        assert_eq!(
            [
                fi.total,
                fi.band,
                fi.item,
                fi.score,
                fi.suggested,
                fi.evidence
            ],
            ["Yhteensä", "Taso", "Kohta", "Pisteet", "Ehdotus", "Näyttö"]
        );
        let sv = Labels::for_language(Language::Sv);
        assert_eq!(
            [sv.action_plan, sv.who, sv.due, sv.evidence_missing],
            ["Utvecklingsplan", "Vem", "Senast", "Belägg saknas"]
        );
    }
}
