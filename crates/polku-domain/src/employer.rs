//! Employers in the coach's directory.

use crate::ids::EmployerId;
use crate::validation::{limits, ValidationCode, ValidationErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EmployerInput {
    pub name: String,
    /// Finnish business ID (Y-tunnus), optional.
    pub business_id: Option<String>,
    pub sector: String,
    pub location: String,
}

impl EmployerInput {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        e.required_text("name", &self.name, limits::NAME);
        e.max_len("sector", &self.sector, limits::NAME);
        e.max_len("location", &self.location, limits::NAME);
        if let Some(id) = self.business_id.as_deref().filter(|s| !s.trim().is_empty()) {
            if !is_business_id(id.trim()) {
                e.add("businessId", ValidationCode::Invalid);
            }
        }
        e.into_result()
    }

    /// Blank optional text becomes `None`, so "no business ID" has one representation.
    pub fn normalized(mut self) -> Self {
        self.name = self.name.trim().to_owned();
        self.sector = self.sector.trim().to_owned();
        self.location = self.location.trim().to_owned();
        self.business_id = self
            .business_id
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty());
        self
    }
}

/// A Finnish business ID: seven digits, a hyphen and a check digit (modulo 11).
pub fn is_business_id(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.len() != 9 || bytes[7] != b'-' || !s[..7].bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Some(check) = (bytes[8] as char).to_digit(10) else {
        return false;
    };
    const WEIGHTS: [u32; 7] = [7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = s[..7]
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    match sum % 11 {
        0 => check == 0,
        1 => false,
        r => check == 11 - r,
    }
}

/// A key that makes "Kesko Oy", "KESKO OY " and "Kesko" compare equal when looking for
/// duplicates: lower case, company-form suffixes and punctuation dropped.
pub fn employer_match_key(name: &str) -> String {
    const FORMS: [&str; 8] = ["oy", "oyj", "ab", "ky", "tmi", "ry", "ltd", "abp"];
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !FORMS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Employer {
    pub id: EmployerId,
    #[serde(flatten)]
    #[ts(flatten)]
    pub input: EmployerInput,
    /// Set when a supervisor merged this employer, a duplicate, into another: every contact
    /// and job naming it counts as that one's, and it leaves the directory. Written only by a
    /// supervisor of the team (`Entity::led_fields`); one hop, never to a merged employer.
    #[serde(default)]
    pub merged_into: Option<EmployerId>,
    pub created_at: String,
    pub updated_at: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EmployerSummary {
    pub id: EmployerId,
    pub name: String,
    pub sector: String,
    pub location: String,
    pub contact_count: u32,
    pub last_contact_date: Option<NaiveDate>,
    /// The latest contact a colleague of the team made with this employer (on a coach's
    /// device; a supervisor's holds the team's contacts themselves).
    pub colleague_contact: Option<ColleagueContact>,
}

/// A supervisor's merge of two duplicate employers: `duplicate` becomes part of `keep`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EmployerMerge {
    pub keep: EmployerId,
    pub duplicate: EmployerId,
}

/// When, how and by whom a colleague last met an employer: what a team shares of a coach's
/// employer contact, so two coaches do not call on one employer unaware of each other.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ColleagueContact {
    pub on: NaiveDate,
    /// The coach's name as their contact records it.
    pub coach: String,
    pub mode: Option<crate::ContactMode>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str) -> EmployerInput {
        EmployerInput {
            name: name.into(),
            business_id: None,
            sector: "Kauppa".into(),
            location: "Tampere".into(),
        }
    }

    #[test]
    fn an_empty_employer_name_is_rejected() {
        let err = input(" ").validate().expect_err("empty name");
        assert!(err.has("name", ValidationCode::Required));
    }

    #[test]
    fn business_ids_are_checked_with_their_check_digit() {
        assert!(is_business_id("0737546-2"), "a real Y-tunnus passes");
        assert!(!is_business_id("0737546-3"), "a wrong check digit fails");
        assert!(!is_business_id("737546-2"));
        let bad = EmployerInput {
            business_id: Some("1234".into()),
            ..input("Kesko Oy")
        };
        assert!(bad
            .validate()
            .expect_err("bad id")
            .has("businessId", ValidationCode::Invalid));
    }

    #[test]
    fn company_forms_and_case_do_not_hide_a_duplicate() {
        assert_eq!(
            employer_match_key("Kesko Oy"),
            employer_match_key(" KESKO ")
        );
        assert_eq!(employer_match_key("Fazer Oyj."), "fazer");
        assert_ne!(
            employer_match_key("K-Market"),
            employer_match_key("S-Market")
        );
    }

    #[test]
    fn a_blank_business_id_is_stored_as_none() {
        let e = EmployerInput {
            business_id: Some("  ".into()),
            ..input(" Kesko Oy ")
        }
        .normalized();
        assert_eq!(e.business_id, None);
        assert_eq!(e.name, "Kesko Oy");
    }
}
