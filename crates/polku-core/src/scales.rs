//! Fidelity scales available to this installation: the ones Polku ships (embedded, so they
//! cannot go missing) plus any a region drops as `*.toml` into the data folder's `fidelity/`
//! directory. A broken regional file is reported and the rest still load.

use polku_domain::fidelity::{load_all, Scale, ScaleError};
use std::path::Path;

const SHIPPED: &[(&str, &str)] = &[
    (
        "ips-25.toml",
        include_str!("../../../assets/fidelity/ips-25.toml"),
    ),
    (
        "laatukriteerit.toml",
        include_str!("../../../assets/fidelity/laatukriteerit.toml"),
    ),
];

/// The shipped scales and those in `regional_dir` (if it exists), in that order.
pub fn load(regional_dir: Option<&Path>) -> (Vec<Scale>, Vec<ScaleError>) {
    let mut files: Vec<(String, String)> = SHIPPED
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    let mut unreadable = Vec::new();
    if let Some(entries) = regional_dir.and_then(|d| std::fs::read_dir(d).ok()) {
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for p in paths {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match std::fs::read_to_string(&p) {
                Ok(text) => files.push((name, text)),
                Err(e) => unreadable.push(ScaleError {
                    file: name,
                    item: None,
                    field: "file".into(),
                    message: e.to_string(),
                }),
            }
        }
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let (scales, mut errors) = load_all(&refs);
    errors.extend(unreadable);
    (scales, errors)
}
