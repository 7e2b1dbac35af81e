//! Warnings for `stagebord check`: things that are allowed but that students or
//! aggregators miss (a deadline that passed, no allowance stated, no fields ...).
//!
//! Advice never stops a build; `check --strict` turns its warnings into a failure for a CI
//! that wants it. A closed vacancy is only a note: it is expected, not a mistake.

use crate::diagnostics::Diagnostic;
use crate::model::Portal;
use crate::model::vacancy::Allowance;

/// Every piece of advice about the portal, one warning each.
pub fn portal(portal: &Portal) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for v in &portal.vacancies {
        let path = &v.source.path;
        if !v.is_open(portal.today) {
            if let Some(closes) = v.closes {
                out.push(
                    Diagnostic::note(path, format!("the deadline ({closes}) has passed: the vacancy is shown as closed and left out of listings, feeds and search"))
                        .with_help("remove the file when the placement is filled, or set a new `closes` date"),
                );
            }
        }
        if v.allowance == Allowance::NotStated {
            out.push(
                Diagnostic::warning(path, "the vacancy does not state an allowance")
                    .with_help("students ask for it first: add allowance = 450 (euros per month), or allowance = 0 when there is none"),
            );
        }
        if v.fields.is_empty() {
            out.push(
                Diagnostic::warning(
                    path,
                    "the vacancy has no fields, so it appears in no field listing",
                )
                .with_help("add e.g. fields = [\"communicatie\"]"),
            );
        }
        if v.hours.is_none() {
            out.push(
                Diagnostic::warning(path, "the vacancy does not state the hours per week")
                    .with_help("add e.g. hours_per_week = 32 or hours_per_week = [24, 32]"),
            );
        }
        if v.closes.is_none() {
            out.push(
                Diagnostic::warning(
                    path,
                    "the vacancy has no application deadline, so it never closes by itself",
                )
                .with_help("add e.g. closes = 2027-01-15"),
            );
        }
        if v.contact.is_none() {
            out.push(
                Diagnostic::warning(path, "the vacancy names no contact for questions")
                    .with_help("add contact = { name = \"...\", email = \"...\" }"),
            );
        }
        if let (Some(closes), true) = (v.closes, v.closes < Some(v.published)) {
            out.push(Diagnostic::warning(
                path,
                format!(
                    "`closes` ({closes}) is before `published` ({})",
                    v.published
                ),
            ));
        }
    }
    out
}
