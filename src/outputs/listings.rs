//! Which open vacancies appear in which listing, and in what order.
//!
//! Listings (`/vacatures/`, `/niveau/hbo/` ...) hold only open, non-draft vacancies:
//! with `--drafts` a draft gets its page, for review, but is listed nowhere.
//! Orders are total (ties broken on the slug), so output never depends on input order.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use foldhash::fast::FixedState;

use crate::model::Portal;
use crate::model::slug::Slug;
use crate::model::terms::{Level, PlacementKind, Taxonomy};
use crate::model::vacancy::Vacancy;

/// The key of the listings' order: closing soonest first; vacancies without a deadline
/// last; then newest first; then by slug.
pub fn closing_key(
    v: &Vacancy,
) -> (
    bool,
    Option<jiff::civil::Date>,
    Reverse<jiff::civil::Date>,
    &Slug,
) {
    (v.closes.is_none(), v.closes, Reverse(v.published), &v.slug)
}

/// Closing soonest first (see [`closing_key`]).
pub fn closing_soonest(a: &Vacancy, b: &Vacancy) -> std::cmp::Ordering {
    closing_key(a).cmp(&closing_key(b))
}

/// Newest first.
pub fn newest(a: &Vacancy, b: &Vacancy) -> std::cmp::Ordering {
    b.published
        .cmp(&a.published)
        .then_with(|| a.slug.cmp(&b.slug))
}

/// A term of a listing and the open vacancies in it (indices into `portal.vacancies`,
/// closing soonest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermGroup {
    /// The term's slug.
    pub slug: String,
    /// What people read (for levels and kinds, filled in from the theme's labels later).
    pub name: String,
    /// Indices into `portal.vacancies`.
    pub vacancies: Vec<usize>,
}

/// Every listing of the portal, computed once.
#[derive(Debug, Clone, Default)]
pub struct Listings {
    /// All open vacancies, closing soonest first.
    pub open: Vec<usize>,
    /// Terms per taxonomy, sorted by slug (levels and kinds in their own order).
    pub terms: BTreeMap<Taxonomy, Vec<TermGroup>>,
    /// Open vacancies per organisation slug, closing soonest first (hashed: a portal has
    /// thousands of organisations, and every page and fingerprint of one looks it up).
    pub by_organisation: HashMap<Slug, Vec<usize>, FixedState>,
}

impl Listings {
    /// Groups the open vacancies of `portal`.
    pub fn of(portal: &Portal) -> Listings {
        // Sorted on keys gathered first: comparing through the indices reached two
        // scattered vacancies per comparison.
        let mut keyed: Vec<_> = portal
            .vacancies
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_open(portal.today) && !v.draft)
            .map(|(i, v)| (closing_key(v), i))
            .collect();
        keyed.sort_unstable();
        let open: Vec<usize> = keyed.into_iter().map(|(.., i)| i).collect();

        let mut levels: BTreeMap<Level, Vec<usize>> = BTreeMap::new();
        let mut kinds: BTreeMap<PlacementKind, Vec<usize>> = BTreeMap::new();
        // Hashed while gathering (a sorted map compared strings on scattered memory for
        // every vacancy: most of this function at 50,000), sorted by slug afterwards.
        let mut fields: HashMap<&Slug, Vec<usize>, FixedState> = HashMap::default();
        let mut places: HashMap<&Slug, Vec<usize>, FixedState> = HashMap::default();
        let mut by_organisation: HashMap<Slug, Vec<usize>, FixedState> = HashMap::default();
        for &i in &open {
            let v = &portal.vacancies[i];
            for level in &v.levels {
                levels.entry(*level).or_default().push(i);
            }
            kinds.entry(v.kind).or_default().push(i);
            for field in &v.fields {
                fields.entry(&field.slug).or_default().push(i);
            }
            places.entry(&v.location.slug).or_default().push(i);
            match by_organisation.get_mut(&v.organisation) {
                Some(list) => list.push(i),
                None => {
                    by_organisation.insert(v.organisation.clone(), vec![i]);
                }
            }
        }
        let group = |slug: &str, name: &str, vacancies: Vec<usize>| TermGroup {
            slug: slug.to_string(),
            name: name.to_string(),
            vacancies,
        };
        let mut terms = BTreeMap::new();
        terms.insert(
            Taxonomy::Level,
            levels
                .into_iter()
                .map(|(l, v)| group(l.as_str(), l.as_str(), v))
                .collect(),
        );
        terms.insert(
            Taxonomy::Kind,
            kinds
                .into_iter()
                .map(|(k, v)| group(k.as_str(), k.as_str(), v))
                .collect(),
        );
        terms.insert(
            Taxonomy::Field,
            by_slug(fields)
                .into_iter()
                .map(|(s, v)| {
                    group(
                        s.as_str(),
                        portal.field_names.get(s).map_or(s.as_str(), String::as_str),
                        v,
                    )
                })
                .collect(),
        );
        terms.insert(
            Taxonomy::Place,
            by_slug(places)
                .into_iter()
                .map(|(s, v)| {
                    group(
                        s.as_str(),
                        portal.place_names.get(s).map_or(s.as_str(), String::as_str),
                        v,
                    )
                })
                .collect(),
        );
        Listings {
            open,
            terms,
            by_organisation,
        }
    }

    /// The groups of one taxonomy.
    pub fn groups(&self, taxonomy: Taxonomy) -> &[TermGroup] {
        self.terms.get(&taxonomy).map_or(&[], Vec::as_slice)
    }

    /// Open vacancies of one organisation.
    pub fn of_organisation(&self, slug: &Slug) -> &[usize] {
        self.by_organisation.get(slug).map_or(&[], Vec::as_slice)
    }
}

/// The groups of a hashed map, sorted by slug.
fn by_slug(map: HashMap<&Slug, Vec<usize>, FixedState>) -> Vec<(&Slug, Vec<usize>)> {
    let mut groups: Vec<_> = map.into_iter().collect();
    groups.sort_unstable_by(|a, b| a.0.cmp(b.0));
    groups
}

/// Number of pages for `count` items with `per_page` per page (at least one page).
pub fn page_count(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page.max(1)).max(1)
}

/// The items of page `page` (1-based).
pub fn page_items(items: &[usize], page: usize, per_page: usize) -> &[usize] {
    let per_page = per_page.max(1);
    let start = (page - 1) * per_page;
    &items[start.min(items.len())..(start + per_page).min(items.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_covers_every_item_once() {
        let items: Vec<usize> = (0..23).collect();
        assert_eq!(page_count(23, 10), 3);
        assert_eq!(page_count(0, 10), 1);
        let all: Vec<usize> = (1..=3)
            .flat_map(|p| page_items(&items, p, 10).to_vec())
            .collect();
        assert_eq!(all, items);
        assert!(page_items(&items, 4, 10).is_empty());
    }
}
