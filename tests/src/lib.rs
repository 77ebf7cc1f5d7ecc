//! Test-only package: see tests/e2e.
