//! The TypeScript types in `ui/src/bindings/` are generated from the Rust types that cross IPC.
//! This test fails when they drift; `cargo xtask bindings` (POLKU_UPDATE_BINDINGS=1) rewrites them.

use polku_app::{AppStatus, ErrorCode, IpcError};
use polku_domain::fidelity::*;
use polku_domain::*;
use serde::Serialize;
use std::path::PathBuf;
use strum::VariantArray;
use ts_rs::TS;

fn bindings_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings")
}

fn check<T: TS + 'static>(drift: &mut Vec<String>) {
    let name = T::ident();
    let expected = T::export_to_string().expect("ts-rs renders the type");
    let rel = T::output_path().unwrap_or_else(|| PathBuf::from(format!("{name}.ts")));
    compare(&rel, &expected, drift);
}

/// Writes `expected` to `rel` under the bindings folder when updating, else notes a drift.
fn compare(rel: &std::path::Path, expected: &str, drift: &mut Vec<String>) {
    let name = rel.display();
    let path = bindings_dir().join(rel);
    if std::env::var_os("POLKU_UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("bindings dir");
        std::fs::write(&path, expected).expect("write binding");
        return;
    }
    match std::fs::read_to_string(&path) {
        Ok(actual) if actual == expected => {}
        Ok(_) => drift.push(format!("{name} differs from the Rust type")),
        Err(_) => drift.push(format!("{name} is missing")),
    }
}

#[test]
fn generated_typescript_bindings_match_the_rust_types() {
    let mut drift = Vec::new();
    macro_rules! all {
        ($($t:ty),+ $(,)?) => { $(check::<$t>(&mut drift);)+ };
    }
    all!(
        AppStatus,
        serde_json::Value,
        ClientId,
        UserId,
        EmployerId,
        ContactId,
        JobId,
        SupportContactId,
        ErrorCode,
        IpcError,
        FieldError,
        ValidationCode,
        Stage,
        ContactMode,
        ContactPurpose,
        ContactOutcome,
        Language,
        TimelineKind,
        Milestone,
        ClientInput,
        Client,
        ClientSummary,
        CaseloadQuery,
        Whose,
        CloseClientInput,
        EmployerInput,
        EmployerMerge,
        Employer,
        EmployerSummary,
        ColleagueContact,
        ContactInput,
        ContactView,
        JobInput,
        Job,
        SupportContactInput,
        SupportContact,
        Settings,
        FollowUp,
        TodayView,
        TimelineEntry,
        Draft,
        DemoSummary,
        ReviewId,
        ReviewActionId,
        ReviewKind,
        ReviewSubject,
        Texts,
        ScaleKind,
        Scale,
        ScaleInfo,
        Unverified,
        Section,
        Item,
        Anchor,
        Scoring,
        SuggestRule,
        SuggestMetric,
        Component,
        Band,
        ScaleError,
        YesPartlyNo,
        Rating,
        ItemScore,
        AnswerCounts,
        Subtotal,
        Summary,
        ReviewInput,
        ReviewItem,
        RateInput,
        NoteInput,
        ActionInput,
        ReviewAction,
        Review,
        ReviewRow,
        ActionDue,
        Suggestion,
        CoachSuggestion,
        Suggested,
        Basis,
        FidelityEvidence,
        CaseloadEvidence,
        RapidSearchEvidence,
        EmployerContactEvidence,
        ContactQualityEvidence,
        JobEvidence,
        FollowAlongEvidence,
        Quarter,
        QuarterOutcomes,
        ExportFormat,
        DeviceId,
        LogReviewId,
        LogReview,
        LogReviewInput,
        CoachWeek,
        polku_domain::team::TeamOverview,
        polku_domain::team::CoachName,
        polku_domain::team::CoachOverview,
        polku_domain::team::DeviceFreshness,
        polku_domain::team::Figures,
        polku_domain::team::Rates,
        polku_domain::protocol::Entity,
        polku_domain::protocol::RecordId,
        polku_domain::protocol::HandoverResponse,
        polku_domain::protocol::SyncErrorCode,
        polku_domain::sync::SyncState,
        polku_domain::sync::SyncError,
        polku_domain::sync::SyncStatus,
        polku_domain::sync::ImportProgress,
        polku_domain::sync::EnrolInput,
        polku_domain::sync::ConflictSide,
        polku_domain::sync::ConflictView,
        polku_domain::sync::ConflictResolution,
    );
    assert!(
        drift.is_empty(),
        "UI bindings are out of date (run `cargo xtask bindings`):\n{}",
        drift.join("\n")
    );
}

/// The import of `ty` and `export const NAME = [...] as const satisfies readonly Type[];`
/// with every value of `T`.
fn values<T: Serialize>(name: &str, ty: &str, all: &[T]) -> (String, String) {
    let codes: Vec<String> = all
        .iter()
        .map(|v| serde_json::to_string(v).expect("a code"))
        .collect();
    (
        format!("import type {{ {ty} }} from \"./{ty}\";\n"),
        format!(
            "\n/** Every {ty}, in the order Rust declares them. */\nexport const {name} = [{}] as const satisfies readonly {ty}[];\n",
            codes.join(", ")
        ),
    )
}

#[test]
fn generated_value_lists_hold_every_value_of_the_closed_vocabularies() {
    let mut imports = String::from(
        "// Generated by src-tauri/tests/bindings.rs from the Rust enums (`cargo xtask bindings`).\n// The closed vocabularies' values, for the UI's pickers and its checks of what it receives.\n",
    );
    let mut consts = String::new();
    for (import, list) in [
        values("STAGES", "Stage", Stage::ALL),
        values("CONTACT_MODES", "ContactMode", ContactMode::ALL),
        values("CONTACT_PURPOSES", "ContactPurpose", ContactPurpose::ALL),
        values("CONTACT_OUTCOMES", "ContactOutcome", ContactOutcome::ALL),
        values("LANGUAGES", "Language", Language::ALL),
        values("REVIEW_KINDS", "ReviewKind", ReviewKind::ALL),
        values("REVIEW_SUBJECTS", "ReviewSubject", ReviewSubject::ALL),
        values("MILESTONES", "Milestone", Milestone::ALL),
        values("TIMELINE_KINDS", "TimelineKind", TimelineKind::ALL),
        values("ERROR_CODES", "ErrorCode", ErrorCode::VARIANTS),
        values(
            "VALIDATION_CODES",
            "ValidationCode",
            ValidationCode::VARIANTS,
        ),
        values(
            "SYNC_ERROR_CODES",
            "SyncErrorCode",
            polku_domain::protocol::SyncErrorCode::VARIANTS,
        ),
        values(
            "ENTITIES",
            "Entity",
            polku_domain::protocol::Entity::VARIANTS,
        ),
    ] {
        imports.push_str(&import);
        consts.push_str(&list);
    }
    let mut drift = Vec::new();
    compare(
        std::path::Path::new("values.ts"),
        &(imports + &consts),
        &mut drift,
    );
    assert!(
        drift.is_empty(),
        "UI value lists are out of date (run `cargo xtask bindings`):\n{}",
        drift.join("\n")
    );
}
