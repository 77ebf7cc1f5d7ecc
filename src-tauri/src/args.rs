//! Reading command arguments from the UI. Tauri's own argument parsing answers a bad field
//! with a plain string the UI cannot place; parsing here names the field, so a cleared date
//! or an unknown choice shows an inline message under that field and the form keeps the rest.

use crate::error::{ErrorCode, IpcError};
use polku_domain::{FieldError, ValidationCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;

/// An argument an older UI may leave out: missing or null takes the type's default.
pub fn parse_or_default<T: DeserializeOwned + Default>(
    value: Option<Value>,
) -> Result<T, IpcError> {
    match value {
        None | Some(Value::Null) => Ok(T::default()),
        Some(v) => parse(v),
    }
}

pub fn parse<T: DeserializeOwned>(value: Value) -> Result<T, IpcError> {
    let original = value.clone();
    serde_path_to_error::deserialize(value).map_err(|e| {
        let field = e.path().to_string();
        let at = e
            .path()
            .iter()
            .try_fold(&original, |v, segment| match segment {
                Segment::Seq { index } => v.get(index),
                Segment::Map { key } => v.get(key),
                Segment::Enum { .. } | Segment::Unknown => Some(v),
            });
        // Nothing there, null or blank text means the coach left it empty.
        let code = match at {
            None | Some(Value::Null) => ValidationCode::Required,
            Some(Value::String(s)) if s.trim().is_empty() => ValidationCode::Required,
            Some(_) if e.inner().to_string().starts_with("missing field") => {
                ValidationCode::Required
            }
            Some(_) => ValidationCode::Invalid,
        };
        let field = if e.inner().to_string().starts_with("missing field") {
            missing_name(&e.inner().to_string()).map_or(field.clone(), |name| {
                if field == "." {
                    name
                } else {
                    format!("{field}.{name}")
                }
            })
        } else {
            field
        };
        IpcError {
            code: ErrorCode::Validation,
            message: e.to_string(),
            fields: vec![FieldError { field, code }],
        }
    })
}

/// serde says "missing field `name`": the field it names.
fn missing_name(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(message[start..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use polku_domain::{ContactMode, JobInput};

    fn job() -> Value {
        serde_json::json!({
            "clientId": "0190a0a0-0000-7000-8000-000000000001",
            "employerId": "0190a0a0-0000-7000-8000-000000000002",
            "jobType": "Myyjä", "startDate": "2026-11-02", "endDate": null,
            "hoursPerWeek": 20.0, "hourlyWage": null, "permanent": false,
            "competitive": true, "wageSubsidy": false, "endReason": null
        })
    }

    #[test]
    fn a_complete_job_parses() {
        let j: JobInput = parse(job()).expect("valid");
        assert_eq!(j.hours_per_week, 20.0);
    }

    #[test]
    fn a_cleared_date_is_reported_as_required_under_its_field() {
        let mut v = job();
        v["startDate"] = "".into();
        let e = parse::<JobInput>(v).expect_err("blank date");
        assert_eq!(e.code, ErrorCode::Validation);
        assert_eq!(e.fields[0].field, "startDate");
        assert_eq!(e.fields[0].code, ValidationCode::Required);
    }

    #[test]
    fn hours_that_are_not_a_number_arrive_as_null_and_are_required() {
        let mut v = job();
        v["hoursPerWeek"] = Value::Null;
        let e = parse::<JobInput>(v).expect_err("null hours");
        assert_eq!(
            (e.fields[0].field.as_str(), e.fields[0].code),
            ("hoursPerWeek", ValidationCode::Required)
        );
    }

    #[test]
    fn a_missing_field_is_named() {
        let mut v = job();
        v.as_object_mut().expect("object").remove("jobType");
        let e = parse::<JobInput>(v).expect_err("missing");
        assert_eq!(
            (e.fields[0].field.as_str(), e.fields[0].code),
            ("jobType", ValidationCode::Required)
        );
    }

    #[test]
    fn an_unknown_choice_is_invalid_not_a_crash() {
        let e = parse::<ContactMode>(Value::from("carrier_pigeon")).expect_err("unknown");
        assert_eq!(e.fields[0].code, ValidationCode::Invalid);
    }

    #[test]
    fn an_unreadable_list_element_is_invalid_under_its_index_and_a_blank_one_required() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Modes {
            modes: Vec<ContactMode>,
        }
        let e = parse::<Modes>(serde_json::json!({"modes": ["phone", "carrier_pigeon"]}))
            .expect_err("unknown");
        assert_eq!(
            (e.fields[0].field.as_str(), e.fields[0].code),
            ("modes[1]", ValidationCode::Invalid)
        );
        let e = parse::<Modes>(serde_json::json!({"modes": [""]})).expect_err("blank");
        assert_eq!(e.fields[0].code, ValidationCode::Required);
    }
}
