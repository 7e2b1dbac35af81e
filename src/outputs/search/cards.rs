//! Result cards: what the search page shows of a found vacancy, in shards of
//! [`PER_FILE`] consecutive rows, so a page of results loads only the shards its rows are in.

use serde_json::{Value, json};

use crate::model::vacancy::Allowance;

use super::Input;

/// Rows per card file.
pub const PER_FILE: usize = 16;

/// One card as JSON: `[title, slug, organisation, hours min, hours max, allowance]`; hours
/// `null` when not stated, allowance `null` (not stated), `0` (unpaid) or euros per month.
/// The link is the manifest's `vacancy_link` around the slug; place, kind, levels and
/// deadline come from the facet columns and deadline runs the client has already loaded.
fn card(input: &Input<'_>, index: usize) -> Value {
    let portal = input.portal;
    let v = &portal.vacancies[index];
    let organisation = portal
        .organisation(&v.organisation)
        .map_or_else(|| v.organisation.to_string(), |o| o.name.clone());
    let allowance = match v.allowance {
        Allowance::NotStated => Value::Null,
        Allowance::Unpaid => json!(0),
        Allowance::Monthly(n) => json!(n),
    };
    json!([
        v.title,
        v.slug.as_str(),
        organisation,
        v.hours.map(|h| h.min),
        v.hours.map(|h| h.max),
        allowance,
    ])
}

/// The card files' contents (JSON arrays), in row order.
pub fn shards(input: &Input<'_>) -> Vec<Vec<u8>> {
    input
        .rows
        .chunks(PER_FILE)
        .map(|chunk| {
            let cards: Vec<Value> = chunk.iter().map(|&i| card(input, i)).collect();
            Value::Array(cards).to_string().into_bytes()
        })
        .collect()
}
