//! The content model: plain, validated data about a portal.
//!
//! Types here are built only by `validate` and read by `render` and `outputs`. They do no
//! I/O, know nothing of templates or Markdown rendering, and cannot be deserialized
//! directly: every value went through the checks in `validate`.

pub mod brochure;
pub mod contact;
pub mod event;
pub mod next_change;
pub mod organisation;
pub mod page;
pub mod slug;
pub mod terms;
pub mod today;
pub mod vacancy;

use std::collections::BTreeMap;
use std::path::PathBuf;

use brochure::Brochure;
use organisation::Organisation;
use page::{Home, Page};
use slug::Slug;
use terms::TermRef;
use today::Today;
use vacancy::Vacancy;

/// Where an item came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    /// The file, relative to the portal's root (`content/vacancies/x.md`).
    pub path: PathBuf,
    /// A hash of the file's text (`serve` compares it between rebuilds).
    pub digest: u64,
}

/// A Markdown body, not yet rendered (rendering needs every page's URL).
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The Markdown text after the front matter.
    pub markdown: std::sync::Arc<str>,
    /// The file's line number on which the body starts, for link errors.
    pub first_line: usize,
}

/// A file the output needs a copy of (a logo, an image beside a vacancy).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Asset {
    /// The file, relative to the portal's root.
    pub source: PathBuf,
    /// Where it is published, relative to the output root (`organisaties/x/logo.svg`).
    pub output: String,
}

/// A vacancy that goes online on a later day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    /// Its slug.
    pub slug: Slug,
    /// The day it goes online.
    pub published: jiff::civil::Date,
}

/// A validated portal: everything the renderers see.
///
/// Every list is sorted by slug, so lookups are binary searches and iteration order is
/// deterministic.
#[derive(Debug, Clone)]
pub struct Portal {
    /// The date deadlines are judged against.
    pub today: Today,
    /// Vacancies (drafts only when built with `--drafts`).
    pub vacancies: Vec<Vacancy>,
    /// Organisations.
    pub organisations: Vec<Organisation>,
    /// Brochures.
    pub brochures: Vec<Brochure>,
    /// Indices into `brochures`, ordered by organisation, then slug.
    pub brochures_by_organisation: Vec<usize>,
    /// Free pages.
    pub pages: Vec<Page>,
    /// Events (drafts only when built with `--drafts`), sorted by slug.
    pub events: Vec<event::Event>,
    /// Vacancies whose `published` date is still to come: not built until that day.
    pub scheduled: Vec<Scheduled>,
    /// The home page's intro, from `content/_index.md`.
    pub home: Option<Home>,
    /// The display spelling of each field term (its most frequent spelling).
    pub field_names: BTreeMap<Slug, String>,
    /// The display spelling of each place term.
    pub place_names: BTreeMap<Slug, String>,
}

impl Portal {
    /// Frees the Markdown of every vacancy body. A build calls it once the bodies are
    /// rendered and the search index is made: nothing after that reads Markdown, and at
    /// national scale the texts are a good part of what the build holds.
    pub fn forget_vacancy_markdown(&mut self) {
        for v in &mut self.vacancies {
            v.body.markdown = std::sync::Arc::from("");
        }
    }

    /// A portal with nothing in it (for tests and examples).
    pub fn empty(today: Today) -> Portal {
        Portal {
            today,
            vacancies: Vec::new(),
            organisations: Vec::new(),
            brochures: Vec::new(),
            brochures_by_organisation: Vec::new(),
            pages: Vec::new(),
            events: Vec::new(),
            scheduled: Vec::new(),
            home: None,
            field_names: BTreeMap::new(),
            place_names: BTreeMap::new(),
        }
    }

    /// The organisation with this slug.
    pub fn organisation(&self, slug: &Slug) -> Option<&Organisation> {
        self.organisation_index(slug)
            .map(|i| &self.organisations[i])
    }

    /// Where the organisation with this slug is in `organisations`.
    pub fn organisation_index(&self, slug: &Slug) -> Option<usize> {
        self.organisations
            .binary_search_by(|o| o.slug.cmp(slug))
            .ok()
    }

    /// Vacancies open on the portal's today, in slug order.
    pub fn open_vacancies(&self) -> impl Iterator<Item = &Vacancy> {
        self.vacancies.iter().filter(|v| v.is_open(self.today))
    }

    /// The vacancy with this slug.
    pub fn vacancy(&self, slug: &Slug) -> Option<&Vacancy> {
        self.vacancies
            .binary_search_by(|v| v.slug.cmp(slug))
            .ok()
            .map(|i| &self.vacancies[i])
    }

    /// The brochures of one organisation, in slug order (a binary search: this is asked on
    /// every vacancy page, so a scan would make large portals quadratic).
    pub fn brochures_of<'a>(
        &'a self,
        organisation: &'a Slug,
    ) -> impl Iterator<Item = &'a Brochure> {
        let order = &self.brochures_by_organisation;
        let start = order.partition_point(|&i| &self.brochures[i].organisation < organisation);
        order[start..]
            .iter()
            .map(|&i| &self.brochures[i])
            .take_while(move |b| &b.organisation == organisation)
    }
    /// The display spelling of a field term.
    pub fn field_name<'a>(&'a self, term: &'a TermRef) -> &'a str {
        self.field_names
            .get(&term.slug)
            .map_or(&term.spelling, String::as_str)
    }

    /// The display spelling of a place term.
    pub fn place_name<'a>(&'a self, term: &'a TermRef) -> &'a str {
        self.place_names
            .get(&term.slug)
            .map_or(&term.spelling, String::as_str)
    }
}

/// Picks, per slug, the spelling used most often (ties: the alphabetically first), so that
/// "Financiën" and "financien" show as one term with one name.
pub fn term_names<'a>(terms: impl IntoIterator<Item = &'a TermRef>) -> BTreeMap<Slug, String> {
    let mut counts: BTreeMap<&Slug, BTreeMap<&str, usize>> = BTreeMap::new();
    for term in terms {
        *counts
            .entry(&term.slug)
            .or_default()
            .entry(&term.spelling)
            .or_default() += 1;
    }
    counts
        .into_iter()
        .filter_map(|(slug, spellings)| {
            let best = spellings
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
            Some((slug.clone(), best.0.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(spelling: &str) -> TermRef {
        TermRef {
            slug: Slug::fold(spelling).unwrap(),
            spelling: spelling.to_string(),
        }
    }

    #[test]
    fn most_frequent_spelling_wins_with_a_stable_tie_break() {
        let terms = [
            term("Financiën"),
            term("financien"),
            term("Financiën"),
            term("ICT"),
            term("ict"),
        ];
        let names = term_names(&terms);
        assert_eq!(names[&Slug::fold("financien").unwrap()], "Financiën");
        assert_eq!(names[&Slug::fold("ict").unwrap()], "ICT");
    }
}
