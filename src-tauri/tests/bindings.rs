//! The TypeScript types in `ui/src/bindings/` are generated from the Rust types that cross IPC.
//! This test fails when they drift; `cargo xtask bindings` (POLKU_UPDATE_BINDINGS=1) rewrites them.

use polku_app::{AppStatus, ErrorCode, IpcError};
use polku_domain::fidelity::*;
use polku_domain::*;
use std::path::PathBuf;
use ts_rs::TS;

fn bindings_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings")
}

fn check<T: TS + 'static>(drift: &mut Vec<String>) {
    let name = T::ident();
    let expected = T::export_to_string().expect("ts-rs renders the type");
    let rel = T::output_path().unwrap_or_else(|| PathBuf::from(format!("{name}.ts")));
    let path = bindings_dir().join(rel);
    if std::env::var_os("POLKU_UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("bindings dir");
        std::fs::write(&path, &expected).expect("write binding");
        return;
    }
    match std::fs::read_to_string(&path) {
        Ok(actual) if actual == expected => {}
        Ok(_) => drift.push(format!("{name}.ts differs from the Rust type")),
        Err(_) => drift.push(format!("{name}.ts is missing")),
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
        CloseClientInput,
        EmployerInput,
        Employer,
        EmployerSummary,
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
        polku_domain::sync::SyncState,
        polku_domain::sync::SyncError,
        polku_domain::sync::SyncStatus,
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
