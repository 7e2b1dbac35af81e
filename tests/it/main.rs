//! The integration tests: one binary, one module per feature. See tests/README.md.

// Test helpers outside #[test] functions may panic: a failing helper is a failing test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod harness;

mod agenda;
mod build;
mod cli;
mod determinism;
mod errors;
mod example;
mod feeds;
mod incremental;
mod rules;
mod search;
mod serve;
mod wording;
