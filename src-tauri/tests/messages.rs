//! Every error the Rust side can send has a message in every UI language, so a coach never
//! sees a bare code.

use polku_app::ErrorCode;
use polku_domain::protocol::SyncErrorCode;
use polku_domain::ValidationCode;
use std::path::PathBuf;
use strum::VariantArray;

fn messages(lang: &str) -> serde_json::Value {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../ui/src/i18n/{lang}.json"));
    let text = std::fs::read_to_string(&path).expect("message file");
    serde_json::from_str(&text).expect("valid JSON")
}

fn code_of<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .expect("serialize")
        .as_str()
        .expect("a string code")
        .to_owned()
}

#[test]
fn every_error_validation_and_sync_error_code_has_a_message_in_finnish_swedish_and_english() {
    let mut missing = Vec::new();
    for lang in ["fi", "sv", "en"] {
        let m = messages(lang);
        for code in ErrorCode::VARIANTS {
            let c = code_of(code);
            if !m["errors"][&c].is_string() {
                missing.push(format!("{lang}: errors.{c}"));
            }
        }
        for code in ValidationCode::VARIANTS {
            let c = code_of(code);
            if !m["validation"][&c].is_string() {
                missing.push(format!("{lang}: validation.{c}"));
            }
        }
        for code in SyncErrorCode::VARIANTS {
            let c = code_of(code);
            if !m["sync"]["error"][&c].is_string() {
                missing.push(format!("{lang}: sync.error.{c}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing messages:\n{}",
        missing.join("\n")
    );
}
