//! "Refine" on a listing term page: within the term's vacancies (its slice), how many
//! there are of each value of the other three listings, each a link to the search page
//! with both chosen, and a plain GET form to `/zoeken/` that searches within the slice.
//! Works without JavaScript as far as HTML can (see docs/search-index.md).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::terms::Taxonomy;
use crate::outputs::Site;
use crate::outputs::listings::TermGroup;
use crate::urls::{Route, search_params};

/// Values shown per listing before "more".
pub const VALUES: usize = 10;

/// One value within the slice.
#[derive(Debug, Clone, Serialize)]
pub struct RefineValue {
    /// What people read.
    pub name: String,
    /// Vacancies of the slice with this value.
    pub count: usize,
    /// The search page with the slice and this value chosen.
    pub url: String,
}

/// One other listing within the slice.
#[derive(Debug, Clone, Serialize)]
pub struct RefineFacet {
    /// The URL parameter (`vakgebied`).
    pub key: &'static str,
    /// The listing's name ("Vakgebied").
    pub legend: String,
    /// The most frequent values first.
    pub values: Vec<RefineValue>,
    /// Values not shown.
    pub more: usize,
}

/// The refine box of a term page.
#[derive(Debug, Clone, Serialize)]
pub struct Refine {
    /// The form's action: the search page.
    pub action: String,
    /// The hidden field that keeps the slice: its name ...
    pub param: &'static str,
    /// ... and value.
    pub value: String,
    /// The term's name ("hbo"), for the labels.
    pub term: String,
    /// The other listings' counts within the slice.
    pub facets: Vec<RefineFacet>,
    /// The search page with only the slice chosen.
    pub url: String,
}

/// Calls `each` with every value a vacancy has in one listing: (slug, name).
fn each_value<'s>(
    site: &Site<'s>,
    taxonomy: Taxonomy,
    index: usize,
    mut each: impl FnMut(&'s str, &'s str),
) {
    let portal = site.portal;
    let t = &site.theme.i18n;
    let v = &portal.vacancies[index];
    match taxonomy {
        Taxonomy::Level => {
            for l in &v.levels {
                each(l.as_str(), t.label("levels", l.as_str()));
            }
        }
        Taxonomy::Kind => each(v.kind.as_str(), t.label("kinds", v.kind.as_str())),
        Taxonomy::Field => {
            for f in &v.fields {
                each(f.slug.as_str(), portal.field_name(f));
            }
        }
        Taxonomy::Place => each(v.location.slug.as_str(), portal.place_name(&v.location)),
    }
}

/// The refine box for group `group` of `taxonomy`, whose name is `term`.
pub fn of_group(site: &Site<'_>, taxonomy: Taxonomy, group: &TermGroup, term: &str) -> Refine {
    let param = search_params::of_taxonomy(taxonomy);
    let facets = Taxonomy::ALL
        .iter()
        .filter(|other| **other != taxonomy)
        .map(|&other| {
            // Counted on borrowed names: a term's box reads every vacancy of the term.
            let mut counts: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
            for &i in &group.vacancies {
                each_value(site, other, i, |slug, name| {
                    counts.entry(slug).or_insert((name, 0)).1 += 1;
                });
            }
            let mut list: Vec<(&str, &str, usize)> = counts
                .into_iter()
                .map(|(slug, (name, count))| (slug, name, count))
                .collect();
            list.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(b.1)));
            let key = search_params::of_taxonomy(other);
            let more = list.len().saturating_sub(VALUES);
            RefineFacet {
                key,
                legend: site.theme.i18n.label("taxonomies", other.key()).to_string(),
                values: list
                    .into_iter()
                    .take(VALUES)
                    .map(|(slug, name, count)| RefineValue {
                        url: site.urls.search(&[(param, &group.slug), (key, slug)]),
                        name: name.to_string(),
                        count,
                    })
                    .collect(),
                more,
            }
        })
        .collect();
    Refine {
        action: site.urls.href(Route::Search),
        param,
        value: group.slug.clone(),
        term: term.to_string(),
        facets,
        url: site.urls.search(&[(param, &group.slug)]),
    }
}
