//! The closed vocabularies of the IPS process and the employer contact log
//! (`shared/domain/ips-fidelity.md` §1 and §3). They travel as snake_case strings; an unknown
//! string is rejected by serde at the IPC boundary, never stored.

use serde::{Deserialize, Serialize};

/// Defines a string enum with its stable code, the list of all values, and SQL round-trips.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the database and sent over IPC.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

code_enum!(
    /// The five stages of IPS and quality-criteria supported employment, in order.
    Stage {
        Engagement = "engagement",
        VocationalProfiling = "vocational_profiling",
        RapidJobSearch = "rapid_job_search",
        EmployerEngagement = "employer_engagement",
        Support = "support",
    }
);

code_enum!(
    /// How a contact happened. Only face-to-face counts towards fidelity item V6.
    ContactMode {
        FaceToFace = "face_to_face",
        Phone = "phone",
        Email = "email",
        Video = "video",
    }
);

code_enum!(
    /// Why the coach contacted the employer; a contact may have several.
    ContactPurpose {
        LearnNeeds = "learn_needs",
        PresentService = "present_service",
        PresentJobSeeker = "present_job_seeker",
        AskForHire = "ask_for_hire",
        FollowUpAfterHire = "follow_up_after_hire",
        Accommodation = "accommodation",
    }
);

code_enum!(
    /// What came of a contact.
    ContactOutcome {
        InformationGathered = "information_gathered",
        OpeningFound = "opening_found",
        InterviewArranged = "interview_arranged",
        Hired = "hired",
        NoCurrentNeed = "no_current_need",
        Declined = "declined",
    }
);

code_enum!(
    /// The UI languages Polku ships.
    Language {
        Fi = "fi",
        Sv = "sv",
        En = "en",
    }
);

code_enum!(
    /// Who scores a fidelity review.
    ReviewKind {
        SelfReview = "self",
        Peer = "peer",
        External = "external",
    }
);

code_enum!(
    /// Whose work a fidelity review scores, and so whose records its suggestions come from:
    /// the rater's own, or (a supervisor's review) the whole imported team's. IPS-25 scores a
    /// team.
    ReviewSubject {
        Own = "own",
        Team = "team",
    }
);

/// Reviews synced before a review had a subject were all of the rater's own records.
impl Default for ReviewSubject {
    fn default() -> Self {
        ReviewSubject::Own
    }
}

code_enum!(
    /// Kinds of entries in a client's timeline.
    TimelineKind {
        Milestone = "milestone",
        EmployerContact = "employer_contact",
        JobStart = "job_start",
        JobEnd = "job_end",
        SupportContact = "support_contact",
    }
);

code_enum!(
    /// Dated milestones kept on the client record.
    Milestone {
        Referral = "referral",
        Entry = "entry",
        ProfileStarted = "profile_started",
        BenefitsPlanning = "benefits_planning",
        DisclosureDiscussed = "disclosure_discussed",
        Discharge = "discharge",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_from_code() {
        for s in Stage::ALL {
            assert_eq!(Stage::from_code(s.code()), Some(*s));
        }
        for m in ContactMode::ALL {
            assert_eq!(ContactMode::from_code(m.code()), Some(*m));
        }
        for p in ContactPurpose::ALL {
            assert_eq!(ContactPurpose::from_code(p.code()), Some(*p));
        }
        for o in ContactOutcome::ALL {
            assert_eq!(ContactOutcome::from_code(o.code()), Some(*o));
        }
    }

    #[test]
    fn unknown_enum_values_from_ipc_are_rejected() {
        let err = serde_json::from_str::<ContactMode>("\"carrier_pigeon\"");
        assert!(err.is_err(), "an unknown mode must not deserialize");
        assert!(Stage::from_code("stage_6").is_none());
    }
}
