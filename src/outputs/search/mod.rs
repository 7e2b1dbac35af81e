//! The search index of `/zoeken/`: written by the build from the content model, read by
//! the theme's `search.js`, and split so that a browser loads only what a query needs.
//!
//! One build's index lives in `/zoeken/<version>/`, where the version is a hash of every
//! file of the index: the same content gives the same bytes and names, and a browser can
//! never mix files of two builds. Every file is one gzip member (the browser unpacks it
//! with `DecompressionStream`), and the index has:
//!
//! - `meta.bin`: the manifest (JSON): row count, deadline runs, facets, shard boundaries;
//! - `f/<facet>.bin`: per facet its values and one combination id per row (`facets`);
//! - `n.bin`: the publication days, for "newest first";
//! - `c/<n>.bin`: result cards, [`cards::PER_FILE`] rows each (`cards`);
//! - `p/<n>.bin`, `w/<n>.bin`, `s/<n>.bin`: postings, lexicon and type-ahead lists (`terms`).
//!
//! Rows are the open, non-draft vacancies on the day of the build, closing soonest first
//! (the order of `/vacatures/`); closed and draft vacancies are never in the index, and
//! the client also drops rows whose deadline passed after the build. docs/search-index.md
//! describes every byte; [`reader`] reads an index back and answers queries the way the
//! client does, for the tests.

pub mod cards;
pub mod encode;
pub mod facets;
pub mod reader;
pub mod refine;
pub mod terms;
pub mod text;

use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

use crate::model::Portal;
use crate::outputs::listings::Listings;
use crate::render::theme::I18n;
use crate::settings::Settings;
use crate::urls::{Route, Urls, search_params as param};
use text::Analyzer;

/// The word and facet maps of the index: foldhash with its fixed seed (fast on short
/// words, and the same in every run; nothing is written in map order anyway).
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// The version of the file format (in the manifest).
pub const FORMAT: u32 = 1;
/// Facet values the search page shows before the script has loaded the index.
pub const PAGE_VALUES: usize = 12;
/// The last word of a query also matches at most this many words that start with it.
pub const EXPAND_MAX: usize = terms::SUGGEST_MAX;
/// Relevance: extra weight of a word in the title (a word in the body weighs 1).
pub const WEIGHT_TITLE: f64 = 3.0;
/// Relevance: extra weight of a word in the facts (organisation, fields, place ...).
pub const WEIGHT_META: f64 = 2.0;
/// Relevance: factor for rows found only through a longer word that starts with the query's last word.
pub const WEIGHT_PREFIX: f64 = 0.5;

/// What the index is built from.
pub struct Input<'a> {
    /// The model.
    pub portal: &'a Portal,
    /// The rows: indices into `portal.vacancies`, closing soonest first.
    pub rows: &'a [usize],
    /// Labels.
    pub i18n: &'a I18n,
    /// Links.
    pub urls: &'a Urls,
    /// Stemmer and stop words of the portal's language.
    pub analyzer: Analyzer,
    /// The day of the build.
    pub today: Date,
    /// The words of each vacancy kept from the last rebuild of a `serve` session.
    pub memos: Option<&'a crate::memo::Memos>,
}

/// One file of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    /// Path below the version folder (`c/3.bin`).
    pub name: String,
    /// The gzip member.
    pub bytes: Vec<u8>,
}

/// One facet on the search page before the script runs (and for the template).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct PageFacet {
    /// The URL parameter.
    pub key: &'static str,
    /// The legend.
    pub legend: String,
    /// Folded away until opened.
    pub lazy: bool,
    /// The first values with their counts on the day of the build.
    pub values: Vec<facets::Value>,
    /// How many values are not in `values`.
    pub more: usize,
}

/// What the search page's template needs of the index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct SearchPage {
    /// The index's version (its folder).
    pub version: String,
    /// Link to the manifest.
    pub manifest: String,
    /// Open vacancies in the index.
    pub total: usize,
    /// The facets, in page order.
    pub facets: Vec<PageFacet>,
}

/// Sizes, for the summary and the benchmark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Rows.
    pub rows: usize,
    /// Files written.
    pub files: usize,
    /// Bytes written (gzip).
    pub bytes: usize,
    /// Bytes before gzip.
    pub raw_bytes: usize,
    /// Stems.
    pub stems: usize,
    /// Lexicon words.
    pub words: usize,
}

/// A built index: its files, in name order, and what the search page needs.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// The content hash, also the folder name.
    pub version: String,
    /// The files.
    pub files: Vec<IndexFile>,
    /// For the search page.
    pub page: Arc<SearchPage>,
    /// Sizes.
    pub stats: Stats,
}

impl SearchIndex {
    /// The output path of file `i` (`zoeken/<version>/c/3.bin`).
    pub fn path(&self, i: usize) -> String {
        Route::SearchFile {
            version: &self.version,
            file: &self.files[i].name,
        }
        .file()
    }
}

/// Days since 1970-01-01 (the client counts days the same way).
pub fn day_number(d: Date) -> i64 {
    i64::from((d - Date::constant(1970, 1, 1)).get_days())
}

/// Builds the index of the open vacancies in `listings.open`.
pub fn build(
    portal: &Portal,
    listings: &Listings,
    settings: &Settings,
    i18n: &I18n,
    urls: &Urls,
    memos: Option<&crate::memo::Memos>,
) -> SearchIndex {
    let input = Input {
        portal,
        rows: &listings.open,
        i18n,
        urls,
        analyzer: Analyzer::new(settings.language),
        today: portal.today.0,
        memos,
    };
    let n = input.rows.len();
    let mut raw: Vec<(String, Vec<u8>)> = Vec::new();

    // Facets.
    // In `serve`, kept while no row's facts change (an edit of a text leaves them).
    let facets = match input.memos {
        Some(memos) => memos
            .search_facets
            .get_or_make(facets::key(&input), || facets::build(&input)),
        None => Arc::new(facets::build(&input)),
    };
    let deadline_values = facets::deadline_values(&input);
    let mut facet_meta = Vec::new();
    let mut page_facets = Vec::new();
    for f in facets.iter() {
        let file = format!("f/{}.bin", f.key);
        let w = encode::width(f.combos.len());
        let values: Vec<_> = f.values.iter().map(|v| json!([v.slug, v.label])).collect();
        let header = if f.single {
            json!({"values": values, "single": true, "width": w})
        } else {
            json!({"values": values, "combos": f.combos, "width": w})
        };
        let mut column = Vec::with_capacity(n * w);
        encode::planar(&mut column, &f.rows, w);
        raw.push((file.clone(), encode::with_header(&header, &column)));
        facet_meta.push(json!({"key": f.key, "legend": f.legend, "file": file, "lazy": f.lazy}));
        page_facets.push(page_facet(f.key, &f.legend, f.lazy, &f.values));
        if f.key == param::ALLOWANCE {
            // The deadline facet follows the allowance on the page; it has no file.
            let legend = i18n.label("search", "facet_deadline").to_string();
            facet_meta.push(json!({
                "key": param::DEADLINE,
                "legend": legend,
                "virtual": "deadline",
                "lazy": false,
                "values": deadline_values.iter().map(|v| json!([v.slug, v.label])).collect::<Vec<_>>(),
            }));
            page_facets.push(page_facet(
                param::DEADLINE,
                &legend,
                false,
                &deadline_values,
            ));
        }
    }
    drop(facets);

    // Deadlines as runs, publication days as a column.
    let mut deadlines: Vec<(Option<i64>, usize)> = Vec::new();
    for &i in input.rows {
        let d = portal.vacancies[i].closes.map(day_number);
        match deadlines.last_mut() {
            Some((day, count)) if *day == d => *count += 1,
            _ => deadlines.push((d, 1)),
        }
    }
    let published: Vec<i64> = input
        .rows
        .iter()
        .map(|&i| day_number(portal.vacancies[i].published))
        .collect();
    let base = published.iter().copied().min().unwrap_or(0);
    let offsets: Vec<u32> = published
        .iter()
        .map(|d| u32::try_from(d - base).unwrap_or(0))
        .collect();
    let w = encode::width(offsets.iter().copied().max().map_or(1, |m| m as usize + 1));
    let mut column = Vec::with_capacity(n * w);
    encode::planar(&mut column, &offsets, w);
    raw.push((
        "n.bin".to_string(),
        encode::with_header(&json!({"base": base, "width": w}), &column),
    ));

    // Cards.
    let card_files = cards::shards(&input);
    let card_count = card_files.len();
    for (i, bytes) in card_files.into_iter().enumerate() {
        raw.push((format!("c/{i}.bin"), bytes));
    }

    // Text.
    let terms = terms::build(&input);
    let stats_words = terms.words.len();
    let stats_stems = terms.stems.len();
    let postings = terms::posting_shards(&terms, n as u32);
    let words = terms::word_shards(&terms);
    let word_firsts_for_lists: Vec<String> = words.iter().map(|(f, _)| f.clone()).collect();
    let suggest = terms::suggestion_lists(&terms, &word_firsts_for_lists);
    drop(terms);
    let posting_firsts: Vec<u32> = postings.iter().map(|(first, _)| *first).collect();
    for (i, (_, bytes)) in postings.into_iter().enumerate() {
        raw.push((format!("p/{i}.bin"), bytes));
    }
    let word_firsts: Vec<String> = words.iter().map(|(first, _)| first.clone()).collect();
    for (i, (_, bytes)) in words.into_iter().enumerate() {
        raw.push((format!("w/{i}.bin"), bytes));
    }
    let suggest_prefixes: Vec<String> = suggest.iter().map(|(p, _)| p.clone()).collect();
    for (i, (_, bytes)) in suggest.into_iter().enumerate() {
        raw.push((format!("s/{i}.bin"), bytes));
    }

    let (link_before, link_after) = urls.vacancy_link_parts();
    let manifest = json!({
        "format": FORMAT,
        "language": settings.language.code(),
        "built": portal.today.0.to_string(),
        "timezone": settings.timezone,
        "rows": n,
        "deadlines": deadlines.iter().map(|(d, c)| json!([d, c])).collect::<Vec<_>>(),
        "facets": facet_meta,
        "newest": "n.bin",
        "cards": {"per_file": cards::PER_FILE, "files": card_count},
        "vacancy_link": {"before": link_before, "after": link_after},
        "postings": {"stems": stats_stems, "first": posting_firsts},
        "words": {"first": word_firsts},
        "suggest": suggest_prefixes,
        "stop": input.analyzer.stop_words(),
        "min_word": text::MIN_WORD,
        "expand": EXPAND_MAX,
        "weights": {"title": WEIGHT_TITLE, "meta": WEIGHT_META, "prefix": WEIGHT_PREFIX},
    });
    raw.push(("meta.bin".to_string(), manifest.to_string().into_bytes()));
    raw.sort_by(|a, b| a.0.cmp(&b.0));

    let raw_bytes = raw.iter().map(|(_, b)| b.len()).sum();
    let files: Vec<IndexFile> = raw
        .into_par_iter()
        .map(|(name, bytes)| IndexFile {
            // Level 9 is slow; in `serve`, a file whose bytes did not change keeps its member.
            bytes: match input.memos {
                Some(memos) => memos
                    .gzip
                    .get_or_make(crate::memo::key(&bytes), || encode::gzip(&bytes))
                    .to_vec(),
                None => encode::gzip(&bytes),
            },
            name,
        })
        .collect();
    let mut hash = encode::Fnv::default();
    for f in &files {
        hash.write(f.name.as_bytes());
        hash.write(&[0]);
        hash.write(&(f.bytes.len() as u64).to_le_bytes());
        hash.write(&f.bytes);
    }
    let version = hash.hex();
    let manifest_href = urls.href(Route::SearchFile {
        version: &version,
        file: "meta.bin",
    });
    let stats = Stats {
        rows: n,
        files: files.len(),
        bytes: files.iter().map(|f| f.bytes.len()).sum(),
        raw_bytes,
        stems: stats_stems,
        words: stats_words,
    };
    SearchIndex {
        page: Arc::new(SearchPage {
            version: version.clone(),
            manifest: manifest_href,
            total: n,
            facets: page_facets,
        }),
        version,
        files,
        stats,
    }
}

fn page_facet(key: &'static str, legend: &str, lazy: bool, values: &[facets::Value]) -> PageFacet {
    PageFacet {
        key,
        legend: legend.to_string(),
        lazy,
        values: values.iter().take(PAGE_VALUES).cloned().collect(),
        more: values.len().saturating_sub(PAGE_VALUES),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::Prepared;

    #[test]
    fn the_index_writer_names_files_by_their_contents() {
        let p = Prepared::example();
        let index = &p.plan.search;
        assert_eq!(index.stats.rows, p.plan.listings.open.len());
        let names: Vec<&str> = index.files.iter().map(|f| f.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted, "files are sorted and unique");
        for must in [
            "meta.bin",
            "n.bin",
            "c/0.bin",
            "p/0.bin",
            "w/0.bin",
            "f/niveau.bin",
        ] {
            assert!(names.contains(&must), "{must} missing");
        }
        let mut hash = encode::Fnv::default();
        for f in &index.files {
            assert!(f.bytes.starts_with(&[0x1f, 0x8b]), "{} is not gzip", f.name);
            assert!(encode::gunzip(&f.bytes).is_ok());
            hash.write(f.name.as_bytes());
            hash.write(&[0]);
            hash.write(&(f.bytes.len() as u64).to_le_bytes());
            hash.write(&f.bytes);
        }
        assert_eq!(index.version, hash.hex());
        assert!(
            index
                .path(0)
                .starts_with(&format!("zoeken/{}/", index.version))
        );
        // Every file is in the plan, once.
        for i in 0..index.files.len() {
            assert!(p.plan.entries.iter().any(|e| e.path == index.path(i)));
        }
    }

    #[test]
    fn the_index_writer_is_deterministic() {
        let a = Prepared::example();
        let b = Prepared::example();
        assert_eq!(a.plan.search.files, b.plan.search.files);
        assert_eq!(a.plan.search.page, b.plan.search.page);
    }

    #[test]
    fn the_manifest_describes_the_rows_and_shards() {
        let p = Prepared::example();
        let reader = reader::Reader::new(
            p.plan
                .search
                .files
                .iter()
                .map(|f| (f.name.clone(), f.bytes.clone()))
                .collect(),
        )
        .unwrap();
        let m = reader.manifest();
        assert_eq!(m["format"], FORMAT);
        assert_eq!(m["language"], "nl");
        let runs: u64 = m["deadlines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[1].as_u64().unwrap())
            .sum();
        assert_eq!(runs as usize, p.plan.listings.open.len());
        // Deadline runs are in order, "no deadline" last.
        let days: Vec<Option<i64>> = m["deadlines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[0].as_i64())
            .collect();
        let mut sorted = days.clone();
        sorted.sort_by_key(|d| (d.is_none(), *d));
        assert_eq!(days, sorted);
        let facets: Vec<&str> = m["facets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["key"].as_str().unwrap())
            .collect();
        assert_eq!(
            facets,
            [
                "niveau",
                "soort",
                "vakgebied",
                "plaats",
                "werkplek",
                "uren",
                "vergoeding",
                "sluit",
                "start",
                "regio",
                "organisatie"
            ]
        );
        // The page's facets match, with build-day counts.
        let page = &p.plan.search.page;
        assert_eq!(page.facets.len(), facets.len());
        let levels = &page.facets[0];
        let hbo = levels.values.iter().find(|v| v.slug == "hbo").unwrap();
        let open_hbo = p
            .plan
            .listings
            .groups(crate::model::terms::Taxonomy::Level)
            .iter()
            .find(|g| g.slug == "hbo")
            .unwrap()
            .vacancies
            .len();
        assert_eq!(hbo.count, open_hbo);
    }
}
