//! Reads a written index back and answers queries the way `search.js` does: the same
//! words, stems, prefix rule, scores, disjunctive counts and orders. The tests use it to
//! check the index against the content without a browser, and docs/search-index.md
//! points here as the reference for the client's algorithm.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use jiff::civil::Date;
use serde_json::Value;

use super::day_number;
use super::encode::{self, Cursor, Malformed};
use super::facets::DEADLINES;
use super::terms::{prefix_shards, shard_of};
use super::text::words;

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (the default when there are words).
    Relevance,
    /// Most recently published first.
    Newest,
    /// Closing soonest first (the default without words).
    Deadline,
}

/// A search: words, chosen facet values, order and the day of the visit.
#[derive(Debug, Clone)]
pub struct Query {
    /// What was typed.
    pub text: String,
    /// Facet key -> chosen value slugs.
    pub filters: BTreeMap<String, BTreeSet<String>>,
    /// The order; `None` for the default.
    pub sort: Option<Sort>,
    /// The visitor's day: rows whose deadline is before it are left out.
    pub today: Date,
}

impl Query {
    /// Words only, on `today`.
    pub fn text(text: &str, today: Date) -> Query {
        Query {
            text: text.to_string(),
            filters: BTreeMap::new(),
            sort: None,
            today,
        }
    }

    /// Adds a chosen facet value.
    pub fn with(mut self, facet: &str, value: &str) -> Query {
        self.filters
            .entry(facet.to_string())
            .or_default()
            .insert(value.to_string());
        self
    }
}

/// What a query found.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    /// Rows, in result order.
    pub rows: Vec<u32>,
    /// The results' links (`/vacatures/<slug>/`), in result order.
    pub links: Vec<String>,
    /// Facet -> value -> results there would be with that value chosen instead of the
    /// facet's current choice (disjunctive counts).
    pub counts: BTreeMap<String, BTreeMap<String, usize>>,
    /// Relevance per row (0 without words).
    pub scores: BTreeMap<u32, f64>,
    /// The index files the query read.
    pub files: BTreeSet<String>,
}

/// A lexicon entry.
#[derive(Debug, Clone)]
struct Entry {
    word: String,
    stem_id: u32,
    rows: u64,
    stem: String,
}

fn entries(json: &Value) -> Result<Vec<Entry>, Malformed> {
    let list = json.as_array().ok_or(Malformed("lexicon is not a list"))?;
    list.iter()
        .map(|e| {
            let word = e[0].as_str().ok_or(Malformed("lexicon word"))?.to_string();
            let stem = e[3].as_str().unwrap_or("");
            Ok(Entry {
                stem: if stem.is_empty() {
                    word.clone()
                } else {
                    stem.to_string()
                },
                word,
                stem_id: e[1].as_u64().ok_or(Malformed("lexicon stem"))? as u32,
                rows: e[2].as_u64().unwrap_or(0),
            })
        })
        .collect()
}

/// An index on disk or in memory.
#[derive(Debug)]
pub struct Reader {
    files: BTreeMap<String, Vec<u8>>,
    manifest: Value,
    read: RefCell<BTreeSet<String>>,
}

impl Reader {
    /// An index from its files (name below the version folder -> bytes as written).
    pub fn new(files: BTreeMap<String, Vec<u8>>) -> Result<Reader, Malformed> {
        let meta = files.get("meta.bin").ok_or(Malformed("no meta.bin"))?;
        let manifest = serde_json::from_slice(&encode::gunzip(meta)?)
            .map_err(|_| Malformed("meta.bin is not JSON"))?;
        Ok(Reader {
            files,
            manifest,
            read: RefCell::new(BTreeSet::new()),
        })
    }

    /// The index in a version folder (`public/zoeken/<version>/`).
    pub fn open(dir: &Path) -> std::io::Result<Reader> {
        let mut files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(std::io::Error::other)?;
            if entry.file_type().is_file() {
                let name = entry
                    .path()
                    .strip_prefix(dir)
                    .map_err(std::io::Error::other)?
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(name, std::fs::read(entry.path())?);
            }
        }
        Reader::new(files).map_err(std::io::Error::other)
    }

    /// The manifest.
    pub fn manifest(&self) -> &Value {
        &self.manifest
    }

    fn file(&self, name: &str) -> Result<Vec<u8>, Malformed> {
        self.read.borrow_mut().insert(name.to_string());
        encode::gunzip(self.files.get(name).ok_or(Malformed("a file is missing"))?)
    }

    fn json(&self, name: &str) -> Result<Value, Malformed> {
        serde_json::from_slice(&self.file(name)?).map_err(|_| Malformed("not JSON"))
    }

    fn rows(&self) -> usize {
        self.manifest["rows"].as_u64().unwrap_or(0) as usize
    }

    fn number(&self, path: &[&str]) -> f64 {
        let mut v = &self.manifest;
        for p in path {
            v = &v[*p];
        }
        v.as_f64().unwrap_or(0.0)
    }

    /// Per row, the deadline as a day number (`None`: no deadline).
    fn deadlines(&self) -> Vec<Option<i64>> {
        let mut out = Vec::with_capacity(self.rows());
        for run in self.manifest["deadlines"].as_array().into_iter().flatten() {
            let day = run[0].as_i64();
            for _ in 0..run[1].as_u64().unwrap_or(0) {
                out.push(day);
            }
        }
        out
    }

    fn word_shard(&self, i: usize) -> Result<Vec<Entry>, Malformed> {
        entries(&self.json(&format!("w/{i}.bin"))?)
    }

    fn word_firsts(&self) -> Vec<String> {
        strings(&self.manifest["words"]["first"])
    }

    /// The stem of a whole word: from the lexicon, else the stem of the entry whose word or
    /// stem is the longest beginning of the word that leaves at most four letters (an
    /// inflection the content lacks: "begrotingen" takes the stem of "begroting").
    fn stem_of(&self, word: &str) -> Result<Option<u32>, Malformed> {
        let firsts = self.word_firsts();
        if firsts.is_empty() {
            return Ok(None);
        }
        let shard = self.word_shard(shard_of::<str, String>(&firsts, word))?;
        if let Some(e) = shard.iter().find(|e| e.word == word) {
            return Ok(Some(e.stem_id));
        }
        let len = word.chars().count();
        // How much of `word` an entry explains: its word or its stem, when `word` starts
        // with it, it has three letters or more and at most four letters are left over.
        let reach = |e: &Entry| -> usize {
            [&e.word, &e.stem]
                .into_iter()
                .filter(|p| word.starts_with(p.as_str()))
                .map(|p| p.chars().count())
                .filter(|&n| n >= 3 && len - n <= 4)
                .max()
                .unwrap_or(0)
        };
        Ok(shard
            .iter()
            .map(|e| (reach(e), e))
            .filter(|(n, _)| *n > 0)
            .max_by(|(n, a), (m, b)| n.cmp(m).then_with(|| b.stem_id.cmp(&a.stem_id)))
            .map(|(_, e)| e.stem_id))
    }

    /// Words that start with `prefix`: all of them (most frequent first) when they are in at
    /// most two lexicon shards, else the prefix's suggestion list; at most `expand`.
    fn completions(&self, prefix: &str) -> Result<Vec<Entry>, Malformed> {
        let firsts = self.word_firsts();
        if firsts.is_empty() {
            return Ok(Vec::new());
        }
        let (lo, hi) = prefix_shards(&firsts, prefix);
        let mut found: Vec<Entry> = if hi - lo < 2 {
            let mut all = Vec::new();
            for i in lo..=hi {
                all.extend(self.word_shard(i)?);
            }
            all
        } else {
            let prefixes = strings(&self.manifest["suggest"]);
            match prefixes.binary_search(&prefix.to_string()) {
                Ok(i) => entries(&self.json(&format!("s/{i}.bin"))?)?,
                Err(_) => Vec::new(),
            }
        };
        found.retain(|e| e.word.starts_with(prefix));
        found.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.word.cmp(&b.word)));
        found.truncate(self.number(&["expand"]) as usize);
        Ok(found)
    }

    /// One stem's postings: rows with their weight (1 + title + facts).
    fn postings(&self, stem: u32) -> Result<Vec<(u32, f64)>, Malformed> {
        let firsts: Vec<u32> = self.manifest["postings"]["first"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_u64().map(|x| x as u32))
            .collect();
        let shard = shard_of::<u32, u32>(&firsts, &stem);
        let bytes = self.file(&format!("p/{shard}.bin"))?;
        let mut c = Cursor::new(&bytes);
        let count = c.varint()?;
        let skip = stem - firsts.get(shard).copied().unwrap_or(0);
        if u64::from(skip) >= count {
            return Err(Malformed("stem not in its shard"));
        }
        for _ in 0..skip {
            let len = c.varint()? as usize;
            c.take(len)?;
        }
        let len = c.varint()? as usize;
        let mut r = Cursor::new(c.take(len)?);
        let rows = r.set(self.rows() as u32)?;
        let n = rows.len() as u32;
        let title: BTreeSet<u32> = r.set(n)?.into_iter().collect();
        let meta: BTreeSet<u32> = r.set(n)?.into_iter().collect();
        let wt = self.number(&["weights", "title"]);
        let wm = self.number(&["weights", "meta"]);
        Ok(rows
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                let i = i as u32;
                let w = 1.0
                    + if title.contains(&i) { wt } else { 0.0 }
                    + if meta.contains(&i) { wm } else { 0.0 };
                (row, w)
            })
            .collect())
    }

    /// Row -> score for the typed words (every word must match); `None` without words.
    fn text_scores(&self, text: &str) -> Result<Option<BTreeMap<u32, f64>>, Malformed> {
        let stop: BTreeSet<String> = strings(&self.manifest["stop"]).into_iter().collect();
        let min = self.number(&["min_word"]) as usize;
        let mut query: Vec<String> = Vec::new();
        words(text, |w, _| {
            if w.chars().count() >= min && !stop.contains(w) && !query.iter().any(|q| q == w) {
                query.push(w.to_string());
            }
        });
        if query.is_empty() {
            return Ok(None);
        }
        let n = self.rows() as f64;
        let prefix_weight = self.number(&["weights", "prefix"]);
        let mut total: Option<BTreeMap<u32, f64>> = None;
        for (i, w) in query.iter().enumerate() {
            let mut stems: BTreeMap<u32, f64> = BTreeMap::new();
            if let Some(s) = self.stem_of(w)? {
                stems.insert(s, 1.0);
            }
            if i + 1 == query.len() {
                for e in self.completions(w)? {
                    stems.entry(e.stem_id).or_insert(prefix_weight);
                }
            }
            let mut word_scores: BTreeMap<u32, f64> = BTreeMap::new();
            for (stem, factor) in stems {
                let postings = self.postings(stem)?;
                let idf = (1.0 + n / postings.len().max(1) as f64).ln();
                for (row, w) in postings {
                    let s = idf * w * factor;
                    let e = word_scores.entry(row).or_insert(0.0);
                    if s > *e {
                        *e = s;
                    }
                }
            }
            total = Some(match total {
                None => word_scores,
                Some(before) => before
                    .into_iter()
                    .filter_map(|(row, s)| word_scores.get(&row).map(|w| (row, s + w)))
                    .collect(),
            });
        }
        Ok(total)
    }

    /// Answers a query.
    pub fn query(&self, q: &Query) -> Result<Answer, Malformed> {
        self.read.borrow_mut().clear();
        let n = self.rows();
        let today = day_number(q.today);
        let deadlines = self.deadlines();
        let scores = self.text_scores(&q.text)?;
        let candidates: Vec<u32> = (0..n as u32)
            .filter(|&r| {
                deadlines
                    .get(r as usize)
                    .copied()
                    .flatten()
                    .is_none_or(|d| d >= today)
            })
            .filter(|r| scores.as_ref().is_none_or(|s| s.contains_key(r)))
            .collect();

        // Per facet: values, and per row the value ids it has.
        struct Column {
            key: String,
            values: Vec<String>,
            row_values: Vec<Vec<u32>>,
            chosen: BTreeSet<u32>,
        }
        let mut columns: Vec<Column> = Vec::new();
        for f in self.manifest["facets"].as_array().into_iter().flatten() {
            let key = f["key"].as_str().unwrap_or("").to_string();
            let (values, row_values): (Vec<String>, Vec<Vec<u32>>) =
                if f["virtual"].as_str() == Some("deadline") {
                    let values = f["values"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v[0].as_str().map(str::to_string))
                        .collect();
                    let rows = deadlines
                        .iter()
                        .map(|d| match d {
                            None => vec![DEADLINES.len() as u32],
                            Some(d) => {
                                let left = d - today;
                                DEADLINES
                                    .iter()
                                    .position(|(_, _, lo, hi)| (*lo..=*hi).contains(&left))
                                    .map(|g| vec![g as u32])
                                    .unwrap_or_default()
                            }
                        })
                        .collect();
                    (values, rows)
                } else {
                    let file = f["file"].as_str().unwrap_or("");
                    let bytes = self.file(file)?;
                    let (header, column) = encode::split_header(&bytes)?;
                    let values: Vec<String> = header["values"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v[0].as_str().map(str::to_string))
                        .collect();
                    let combos: Vec<Vec<u32>> = if header["single"].as_bool() == Some(true) {
                        (0..values.len() as u32)
                            .map(|v| vec![v])
                            .chain([Vec::new()])
                            .collect()
                    } else {
                        header["combos"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .map(|c| {
                                c.as_array()
                                    .into_iter()
                                    .flatten()
                                    .filter_map(|v| v.as_u64().map(|x| x as u32))
                                    .collect()
                            })
                            .collect()
                    };
                    let width = header["width"].as_u64().unwrap_or(1) as usize;
                    let ids = encode::unplanar(column, n, width)?;
                    let rows = ids
                        .into_iter()
                        .map(|c| combos.get(c as usize).cloned().unwrap_or_default())
                        .collect();
                    (values, rows)
                };
            let chosen = q.filters.get(&key).map_or_else(BTreeSet::new, |set| {
                set.iter()
                    .filter_map(|s| values.iter().position(|v| v == s).map(|p| p as u32))
                    .collect()
            });
            columns.push(Column {
                key,
                values,
                row_values,
                chosen,
            });
        }

        let mut counts: Vec<Vec<usize>> = columns.iter().map(|c| vec![0; c.values.len()]).collect();
        let mut results: Vec<u32> = Vec::new();
        for &r in &candidates {
            let failing: Vec<usize> = columns
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    !c.chosen.is_empty()
                        && !c.row_values[r as usize]
                            .iter()
                            .any(|v| c.chosen.contains(v))
                })
                .map(|(i, _)| i)
                .collect();
            match failing.as_slice() {
                [] => {
                    results.push(r);
                    for (i, c) in columns.iter().enumerate() {
                        for &v in &c.row_values[r as usize] {
                            counts[i][v as usize] += 1;
                        }
                    }
                }
                [only] => {
                    for &v in &columns[*only].row_values[r as usize] {
                        counts[*only][v as usize] += 1;
                    }
                }
                _ => {}
            }
        }

        let sort = q.sort.unwrap_or(if scores.is_some() {
            Sort::Relevance
        } else {
            Sort::Deadline
        });
        match (sort, &scores) {
            (Sort::Relevance, Some(s)) => results.sort_by(|a, b| {
                s[b].partial_cmp(&s[a])
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| a.cmp(b))
            }),
            (Sort::Newest, _) => {
                let bytes = self.file("n.bin")?;
                let (header, column) = encode::split_header(&bytes)?;
                let width = header["width"].as_u64().unwrap_or(1) as usize;
                let published = encode::unplanar(column, n, width)?;
                results.sort_by(|a, b| {
                    published[*b as usize]
                        .cmp(&published[*a as usize])
                        .then_with(|| a.cmp(b))
                });
            }
            _ => {}
        }
        let per_file = (self.number(&["cards", "per_file"]) as usize).max(1);
        let mut links = Vec::with_capacity(results.len());
        let mut shards: BTreeMap<usize, Value> = BTreeMap::new();
        for &r in &results {
            let shard = r as usize / per_file;
            if let std::collections::btree_map::Entry::Vacant(e) = shards.entry(shard) {
                e.insert(self.json(&format!("c/{shard}.bin"))?);
            }
            let slug = shards[&shard][r as usize % per_file][1]
                .as_str()
                .unwrap_or("")
                .to_string();
            links.push(format!(
                "{}{slug}{}",
                self.manifest["vacancy_link"]["before"]
                    .as_str()
                    .unwrap_or(""),
                self.manifest["vacancy_link"]["after"]
                    .as_str()
                    .unwrap_or("")
            ));
        }
        let counts = columns
            .iter()
            .zip(counts)
            .map(|(c, n)| {
                (
                    c.key.clone(),
                    c.values.iter().cloned().zip(n).collect::<BTreeMap<_, _>>(),
                )
            })
            .collect();
        Ok(Answer {
            links,
            counts,
            scores: scores
                .map(|s| results.iter().map(|r| (*r, s[r])).collect())
                .unwrap_or_default(),
            rows: results,
            files: self.read.borrow().clone(),
        })
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect()
}
