//! Benchmarks for `cargo xtask bench`. Each prints its figure beside a baseline measured in the
//! same run (raw rusqlite on the same schema, or an empty Tauri window) and the ratio, so a
//! slower machine moves both numbers together. Results are recorded in docs/BENCHMARKS.md.

mod region;
mod startup;
mod store;
mod sync;

use std::time::Duration;

fn main() -> anyhow::Result<()> {
    let which = std::env::args().nth(1).unwrap_or_else(|| "all".into());
    if matches!(which.as_str(), "all" | "contacts") {
        store::contacts()?;
    }
    if matches!(which.as_str(), "all" | "suggestions") {
        store::suggestions()?;
    }
    if which == "bulk" {
        store::bulk()?;
    }
    if matches!(which.as_str(), "all" | "queries") {
        store::queries()?;
    }
    if matches!(which.as_str(), "all" | "region") {
        region::run()?;
    }
    if which.starts_with("sync") {
        // `sync-one` and `sync-many` run one half, for profiling.
        sync::run(&which)?;
    }
    if which == "startup" {
        startup::run()?;
    }
    Ok(())
}

/// p-th percentile of the samples, in milliseconds.
pub fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let idx = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[idx.min(samples.len() - 1)].as_secs_f64() * 1_000.0
}

/// The middle of the samples (of runs alternated with their baseline's).
pub fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

pub fn row(name: &str, value: String, baseline: String, ratio: f64, goal: &str) {
    println!("{name:<48} {value:>14} {baseline:>14} {ratio:>8.2}  {goal}");
}

pub fn header(title: &str) {
    println!("\n## {title}");
    println!(
        "{:<48} {:>14} {:>14} {:>8}  goal",
        "figure", "polku", "baseline", "ratio"
    );
}
