//! The text side of the index: which rows contain which stems, and the words a student
//! types mapped to those stems.
//!
//! Every open vacancy is cut into words (see `text`) in three classes: the title; the
//! facts (organisation, fields, place, region, kind, levels, crebo codes); and the summary
//! and body. Stop words are left out. Each remaining word is stemmed, and the index keeps:
//!
//! - **postings**, per stem (stems numbered in sorted order): the rows that contain it and
//!   which of those have it in the title or in the facts, as sets (`encode::set`); stems
//!   are packed in order into shards of about [`POSTINGS_TARGET`] bytes;
//! - the **lexicon**: every indexed word, sorted, with its stem's number and text, the
//!   number of rows it is in, and its spelling with diacritics; cut into shards of about
//!   [`WORDS_TARGET`] bytes, so a word's stem is one small file away;
//! - **suggestions**: for every beginning of two letters or more whose words are spread
//!   over more than two lexicon shards, the [`SUGGEST_MAX`] words most rows contain, so
//!   type-ahead and the last word of a query never need more than two lexicon shards.
//!
//! So the browser never stems: it looks the typed word up in the lexicon.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::model::terms::{Level, PlacementKind};
use crate::model::vacancy::Vacancy;

use super::encode;
use super::text::{indexable, words};
use super::{FastMap, Input};

/// Postings shards are closed once they reach this many bytes (before gzip).
pub const POSTINGS_TARGET: usize = 8 * 1024;
/// Lexicon shards are closed once they reach this many bytes (before gzip).
pub const WORDS_TARGET: usize = 16 * 1024;
/// Words per two-letter suggestion list.
pub const SUGGEST_MAX: usize = 32;
/// Rows tokenized together (in parallel) before their words join the vocabulary.
const CHUNK: usize = 1024;

/// The word is in the title.
pub const IN_TITLE: u8 = 1;
/// The word is in the facts: organisation, fields, place, region, kind, levels, crebo.
pub const IN_META: u8 = 2;
/// The word is in the summary or body.
pub const IN_BODY: u8 = 4;

/// One word of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The folded word.
    pub word: String,
    /// Its most frequent spelling with diacritics, when that differs.
    pub display: Option<String>,
    /// Its stem's number.
    pub stem: u32,
    /// Rows it is in.
    pub rows: u32,
}

/// The text index, before it is cut into files.
#[derive(Debug, Default)]
pub struct Terms {
    /// Stems in sorted order (a stem's number is its position).
    pub stems: Vec<String>,
    /// Per stem: packed postings `row << 3 | classes`, by row.
    pub postings: Vec<Vec<u32>>,
    /// Every word, sorted.
    pub words: Vec<Word>,
}

/// Calls `each` with the pieces of a Markdown body that are text people read, in order:
/// everything but link and image targets (`](...)`), reference definitions, HTML tags and
/// autolinks (`<...>`), character references (`&amp;`) and emphasis marks (`*`, `~`),
/// which may sit inside a word. A light scan of the source, not
/// a CommonMark parse: markup characters are never letters, so the words come out the same,
/// several times faster than a full parse (this is most of the index's build time).
pub fn markdown_text(markdown: &str, mut each: impl FnMut(&str)) {
    let bytes = markdown.as_bytes();
    let mut start = 0;
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        let skip_to = match b {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            // `[label]: target` at the start of a line: a reference definition.
            b'[' if line_start => {
                let line_end = bytes[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(bytes.len(), |n| i + n);
                let line = &markdown[i..line_end];
                line.find("]:").and_then(|n| {
                    let label = &line[1..n];
                    (!label.is_empty() && !label.contains(']')).then_some(line_end)
                })
            }
            // `](target)`: the target of a link or image.
            b']' if bytes.get(i + 1) == Some(&b'(') => {
                let mut depth = 0usize;
                let mut j = i + 1;
                let mut end = None;
                while j < bytes.len() && bytes[j] != b'\n' {
                    match bytes[j] {
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                end = Some(j + 1);
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                end
            }
            // `<tag ...>`, `</tag>`, `<!-- -->`, `<https://...>`.
            b'<' if bytes
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!') =>
            {
                bytes[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map(|n| i + n + 1)
            }
            // `&amp;`, `&#233;`, `&#xE9;`.
            b'&' => {
                let rest = &bytes[i + 1..bytes.len().min(i + 34)];
                rest.iter()
                    .position(|&c| c == b';')
                    .filter(|&n| {
                        n > 0
                            && rest[..n]
                                .iter()
                                .all(|c| c.is_ascii_alphanumeric() || *c == b'#')
                    })
                    .map(|n| i + n + 2)
            }
            _ => None,
        };
        if !b.is_ascii_whitespace() {
            line_start = false;
        }
        match skip_to {
            Some(end) => {
                if start < i {
                    each(&markdown[start..i]);
                }
                each(" ");
                start = end;
                i = end;
            }
            // Emphasis and strikethrough marks may sit inside a word (`*nieuws*berichten`).
            None if b == b'*' || b == b'~' => {
                if start < i {
                    each(&markdown[start..i]);
                }
                i += 1;
                start = i;
            }
            None => i += 1,
        }
    }
    if start < bytes.len() {
        each(&markdown[start..]);
    }
}

/// The plain text of a Markdown body, as [`markdown_text`] sees it.
pub fn body_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    markdown_text(markdown, |piece| out.push_str(piece));
    out
}

/// What the build knows of one word.
#[derive(Debug, Default, Clone)]
pub(crate) struct Seen {
    /// Packed postings `row << 3 | classes`, by row.
    postings: Vec<u32>,
    /// Times it was written.
    occurrences: u32,
    /// Times it was written with diacritics, per spelling (lowercased).
    displays: BTreeMap<String, u32>,
}

/// Word -> what is known of it: of a chunk of rows, then of all of them.
pub(crate) type Vocabulary = FastMap<String, Seen>;

/// One word of a vacancy, counted.
#[derive(Debug, Default)]
struct Counted {
    /// The classes it is in (`IN_TITLE | IN_META | IN_BODY`).
    classes: u8,
    /// Times it was written.
    occurrences: u32,
    /// Times it was written with diacritics, per spelling (lowercased).
    displays: Vec<(String, u32)>,
}

/// The indexable words of one vacancy with their counts and classes: what the vacancy adds
/// to the vocabulary. Made from the vacancy alone, so `serve` keeps it between rebuilds.
#[derive(Debug, Default)]
pub struct Bag(Vec<(String, Counted)>);

/// What every vacancy's [`bag`] reads besides the vacancy and its organisation: the
/// language, the names of every field and place (a term is shown in its most frequent
/// spelling) and the labels of kinds and levels. Hashed once per build.
fn bag_context(input: &Input<'_>) -> u64 {
    let t = input.i18n;
    crate::memo::key((
        input.analyzer.language(),
        &input.portal.field_names,
        &input.portal.place_names,
        PlacementKind::ALL
            .iter()
            .map(|k| t.label("kinds", k.as_str()))
            .collect::<Vec<_>>(),
        Level::ALL
            .iter()
            .map(|l| t.label("levels", l.as_str()))
            .collect::<Vec<_>>(),
    ))
}

/// Everything [`bag`] reads, for the key under which a session keeps the bag: the
/// `context`, the vacancy's file and its organisation's name.
fn bag_key(input: &Input<'_>, context: u64, v: &Vacancy) -> u64 {
    crate::memo::key((
        context,
        // The file's digest stands for everything read from it (title, summary, region,
        // crebo codes, body, its fields and place): hashing the body again cost more than
        // the lookup saved.
        v.source.digest,
        input.portal.organisation(&v.organisation).map(|o| &o.name),
    ))
}

/// Cuts one vacancy into words, with the classes each is in.
fn bag(input: &Input<'_>, v: &Vacancy) -> Bag {
    let portal = input.portal;
    let t = input.i18n;
    let mut counted: FastMap<String, Counted> = FastMap::default();
    let mut add = |text: &str, class: u8| {
        words(text, |w, original| {
            if !indexable(w) || input.analyzer.is_stop(w) {
                return;
            }
            let c = match counted.get_mut(w) {
                Some(c) => c,
                None => counted.entry(w.to_string()).or_default(),
            };
            c.classes |= class;
            c.occurrences += 1;
            if let Some(o) = original {
                match c.displays.iter_mut().find(|(d, _)| d == o) {
                    Some((_, n)) => *n += 1,
                    None => c.displays.push((o.to_string(), 1)),
                }
            }
        });
    };
    add(&v.title, IN_TITLE);
    if let Some(o) = portal.organisation(&v.organisation) {
        add(&o.name, IN_META);
    }
    for f in &v.fields {
        add(portal.field_name(f), IN_META);
    }
    add(portal.place_name(&v.location), IN_META);
    if let Some(r) = &v.region {
        add(r, IN_META);
    }
    add(t.label("kinds", v.kind.as_str()), IN_META);
    for l in &v.levels {
        add(t.label("levels", l.as_str()), IN_META);
    }
    for c in &v.crebo {
        add(c, IN_META);
    }
    if let Some(s) = &v.summary {
        add(s, IN_BODY);
    }
    add(&body_text(&v.body.markdown), IN_BODY);
    Bag(counted.into_iter().collect())
}

/// The vocabulary of chunk `k`, whose rows' bags are `bags`, in row order.
fn gather<B: std::borrow::Borrow<Bag>>(k: usize, bags: impl Iterator<Item = B>) -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    for (offset, bag) in bags.enumerate() {
        add_bag(bag.borrow(), (k * CHUNK + offset) as u32, &mut vocabulary);
    }
    vocabulary
}

/// Adds the words of one vacancy (row `row`) to `vocabulary`.
fn add_bag(bag: &Bag, row: u32, vocabulary: &mut Vocabulary) {
    for (word, c) in &bag.0 {
        let seen = match vocabulary.get_mut(word.as_str()) {
            Some(seen) => seen,
            None => vocabulary.entry(word.clone()).or_default(),
        };
        seen.occurrences += c.occurrences;
        for (display, n) in &c.displays {
            match seen.displays.get_mut(display) {
                Some(total) => *total += n,
                None => {
                    seen.displays.insert(display.clone(), *n);
                }
            }
        }
        seen.postings.push(row << 3 | u32::from(c.classes));
    }
}

/// Cuts every row into words and gathers stems, postings and the lexicon.
///
/// Rows are cut in chunks, in parallel, each chunk into a vocabulary of its own; the chunks'
/// vocabularies are then joined in row order, so each word's postings stay sorted by row.
/// A `serve` session keeps each chunk's vocabulary: after an edit, only the chunk that
/// holds the edited vacancy is gathered again.
pub fn build(input: &Input<'_>) -> Terms {
    let context = input.memos.map_or(0, |_| bag_context(input));
    let chunks: Vec<Arc<Vocabulary>> = input
        .rows
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(k, chunk)| match input.memos {
            Some(memos) => {
                let keys: Vec<u64> = chunk
                    .iter()
                    .map(|&i| bag_key(input, context, &input.portal.vacancies[i]))
                    .collect();
                let made = memos
                    .search_chunks
                    .get_or_make(crate::memo::key((k, &keys)), || {
                        let bags = chunk.iter().zip(&keys).map(|(&i, &key)| {
                            let v = &input.portal.vacancies[i];
                            memos.search_words.get_or_make(key, || bag(input, v))
                        });
                        gather(k, bags)
                    });
                // The bags of a kept chunk stay kept: the next edit in it needs them.
                memos.search_words.keep(&keys);
                made
            }
            None => Arc::new(gather(
                k,
                chunk
                    .iter()
                    .map(|&i| bag(input, &input.portal.vacancies[i])),
            )),
        })
        .collect();
    let mut vocabulary = Vocabulary::default();
    for chunk in chunks {
        // A chunk made for this build is moved; a session's kept one is copied.
        for (word, seen) in Arc::unwrap_or_clone(chunk) {
            match vocabulary.get_mut(&word) {
                Some(all) => {
                    all.postings.extend(seen.postings);
                    all.occurrences += seen.occurrences;
                    for (d, n) in seen.displays {
                        *all.displays.entry(d).or_default() += n;
                    }
                }
                None => {
                    vocabulary.insert(word, seen);
                }
            }
        }
    }
    // Stems, now that every word is known.
    let stem_of = |word: &str| -> String {
        if input.analyzer.plural_s()
            && word.chars().count() >= 5
            && let Some(singular) = word.strip_suffix('s')
            && vocabulary.contains_key(singular)
        {
            return input.analyzer.stem(singular).into_owned();
        }
        input.analyzer.stem(word).into_owned()
    };
    let mut by_stem: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for word in vocabulary.keys() {
        by_stem.entry(stem_of(word)).or_default().push(word);
    }
    let stem_ids: BTreeMap<&str, u32> = by_stem
        .keys()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i as u32))
        .collect();
    let mut words: Vec<Word> = by_stem
        .iter()
        .flat_map(|(stem, list)| list.iter().map(move |w| (stem, *w)))
        .filter_map(|(stem, word)| {
            let seen = vocabulary.get(word)?;
            // The spelling with diacritics wins when most occurrences are written so.
            let display = seen
                .displays
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .filter(|(_, n)| **n * 2 > seen.occurrences)
                .map(|(d, _)| d.clone())
                .filter(|d| d != word);
            Some(Word {
                word: word.to_string(),
                display,
                stem: stem_ids.get(stem.as_str()).copied().unwrap_or(0),
                rows: seen.postings.len() as u32,
            })
        })
        .collect();
    words.sort_by(|a, b| a.word.cmp(&b.word));
    drop(stem_ids);
    let mut stems = Vec::with_capacity(by_stem.len());
    let mut postings = Vec::with_capacity(by_stem.len());
    for (stem, list) in &by_stem {
        let merged = if let [only] = list.as_slice() {
            vocabulary
                .get(*only)
                .map(|s| s.postings.clone())
                .unwrap_or_default()
        } else {
            let mut all: Vec<u32> = list
                .iter()
                .filter_map(|w| vocabulary.get(*w))
                .flat_map(|s| s.postings.iter().copied())
                .collect();
            all.sort_unstable();
            let mut merged: Vec<u32> = Vec::with_capacity(all.len());
            for p in all {
                match merged.last_mut() {
                    Some(last) if *last >> 3 == p >> 3 => *last |= p & 7,
                    _ => merged.push(p),
                }
            }
            merged
        };
        stems.push(stem.clone());
        postings.push(merged);
    }
    Terms {
        stems,
        postings,
        words,
    }
}

/// The bytes of one stem's postings: the rows (over `rows`), then which of them (by
/// position) have the stem in the title, then which in the facts.
pub fn posting_record(packed: &[u32], rows: u32) -> Vec<u8> {
    let docs: Vec<u32> = packed.iter().map(|p| p >> 3).collect();
    let with = |class: u32| -> Vec<u32> {
        packed
            .iter()
            .enumerate()
            .filter(|(_, p)| *p & class != 0)
            .map(|(i, _)| i as u32)
            .collect()
    };
    let mut out = Vec::new();
    let n = docs.len() as u32;
    encode::set(&mut out, rows, &docs);
    encode::set(&mut out, n, &with(u32::from(IN_TITLE)));
    encode::set(&mut out, n, &with(u32::from(IN_META)));
    out
}

/// Packs the postings into shards: (first stem number, bytes) each. A shard is the count
/// of stems, then per stem its record's length and the record.
pub fn posting_shards(terms: &Terms, rows: u32) -> Vec<(u32, Vec<u8>)> {
    let records: Vec<Vec<u8>> = terms
        .postings
        .par_iter()
        .map(|p| posting_record(p, rows))
        .collect();
    let mut shards = Vec::new();
    let mut start = 0usize;
    let mut size = 0usize;
    let close = |from: usize, to: usize, shards: &mut Vec<(u32, Vec<u8>)>| {
        let mut out = Vec::new();
        encode::varint(&mut out, (to - from) as u64);
        for r in &records[from..to] {
            encode::varint(&mut out, r.len() as u64);
            out.extend(r);
        }
        shards.push((from as u32, out));
    };
    for (i, r) in records.iter().enumerate() {
        let add = r.len() + encode::varint_len(r.len() as u64);
        // Close before a record that would overflow a shard that already holds something.
        if size > 0 && size + add > POSTINGS_TARGET {
            close(start, i, &mut shards);
            start = i;
            size = 0;
        }
        size += add;
    }
    if start < records.len() || shards.is_empty() {
        close(start, records.len(), &mut shards);
    }
    shards
}

/// One lexicon entry as JSON: `[word, stem number, rows, stem text or "" when it is the
/// word itself, spelling with diacritics or ""]`.
fn word_json(terms: &Terms, w: &Word) -> serde_json::Value {
    let stem = &terms.stems[w.stem as usize];
    serde_json::json!([
        w.word,
        w.stem,
        w.rows,
        if *stem == w.word { "" } else { stem.as_str() },
        w.display.as_deref().unwrap_or(""),
    ])
}

/// Cuts the lexicon into shards of consecutive words: (first word, JSON array bytes) each.
pub fn word_shards(terms: &Terms) -> Vec<(String, Vec<u8>)> {
    let mut shards = Vec::new();
    let mut current: Vec<serde_json::Value> = Vec::new();
    let mut first = String::new();
    let mut size = 0usize;
    for w in &terms.words {
        let entry = word_json(terms, w);
        if current.is_empty() {
            first = w.word.clone();
        }
        size += entry.to_string().len() + 1;
        current.push(entry);
        if size >= WORDS_TARGET {
            shards.push((
                std::mem::take(&mut first),
                serde_json::Value::Array(std::mem::take(&mut current))
                    .to_string()
                    .into_bytes(),
            ));
            size = 0;
        }
    }
    if !current.is_empty() || shards.is_empty() {
        shards.push((
            first,
            serde_json::Value::Array(current).to_string().into_bytes(),
        ));
    }
    shards
}

/// The first two letters of a word (or the word, when shorter).
pub fn two_letters(word: &str) -> &str {
    match word.char_indices().nth(2) {
        Some((i, _)) => &word[..i],
        None => word,
    }
}

/// The number of the last element of `sorted` that is `<= key` (0 when none is): the
/// lexicon or postings shard a word or stem is in.
pub fn shard_of<T: Ord + ?Sized, S: std::borrow::Borrow<T>>(sorted: &[S], key: &T) -> usize {
    sorted
        .partition_point(|x| x.borrow() <= key)
        .saturating_sub(1)
}

/// The lexicon shards that can hold words starting with `prefix`: (first, last).
pub fn prefix_shards<S: std::borrow::Borrow<str>>(firsts: &[S], prefix: &str) -> (usize, usize) {
    let lo = shard_of::<str, S>(firsts, prefix);
    let hi = shard_of::<str, S>(firsts, &format!("{prefix}\u{ffff}"));
    (lo, hi)
}

/// Type-ahead lists for the beginnings (two letters or more) whose words are spread over
/// more than two lexicon shards: the [`SUGGEST_MAX`] words most rows contain, as (beginning,
/// JSON bytes), sorted by beginning. Shorter spreads are read from the lexicon itself.
pub fn suggestion_lists(terms: &Terms, word_firsts: &[String]) -> Vec<(String, Vec<u8>)> {
    let mut lists: BTreeMap<String, Vec<&Word>> = BTreeMap::new();
    let longest = terms
        .words
        .iter()
        .map(|w| w.word.chars().count())
        .max()
        .unwrap_or(0);
    for k in 2..=longest {
        let mut i = 0;
        while i < terms.words.len() {
            let Some((end, _)) = terms.words[i].word.char_indices().nth(k - 1) else {
                i += 1;
                continue;
            };
            let first = &terms.words[i].word;
            let cut = end + first[end..].chars().next().map_or(0, char::len_utf8);
            let prefix = &first[..cut];
            let mut j = i;
            while j < terms.words.len() && terms.words[j].word.starts_with(prefix) {
                j += 1;
            }
            let (lo, hi) = prefix_shards(word_firsts, prefix);
            if hi - lo >= 2 {
                let mut group: Vec<&Word> = terms.words[i..j].iter().collect();
                group.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.word.cmp(&b.word)));
                group.truncate(SUGGEST_MAX);
                lists.insert(prefix.to_string(), group);
            }
            i = j;
        }
    }
    lists
        .into_iter()
        .map(|(prefix, list)| {
            let json: Vec<serde_json::Value> = list.iter().map(|w| word_json(terms, w)).collect();
            (
                prefix,
                serde_json::Value::Array(json).to_string().into_bytes(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_keeps_words_and_drops_markup_and_link_targets() {
        let text = body_text(
            "## Wat ga je doen\n\nJe schrijft *nieuws*berichten voor [de website](https://www.example.nl/x_(y)).\n\n- een\n- twee\n\n![Kaart van de meetpunten](kaart.svg)\n\nZie <https://www.elders.nl> of <span class=\"x\">dit</span> &amp; [dat][r].\n\n[r]: https://www.verwijzing.nl \"Titel\"\n",
        );
        assert!(text.contains("Wat ga je doen"));
        assert!(text.contains("nieuwsberichten"));
        assert!(text.contains("de website"));
        assert!(text.contains("Kaart van de meetpunten"));
        assert!(text.contains("dit") && text.contains("dat"));
        for gone in [
            "example",
            "kaart.svg",
            "elders",
            "span",
            "amp",
            "verwijzing",
            "Titel",
        ] {
            assert!(!text.contains(gone), "{gone} in {text:?}");
        }
        assert!(text.contains("een") && text.contains("twee"));
        // Brackets that are not links stay text.
        assert_eq!(body_text("a [b] c"), "a [b] c");
        assert_eq!(body_text("x < y & z"), "x < y & z");
    }

    #[test]
    fn posting_records_mark_title_and_fact_rows() {
        let packed = vec![
            1 << 3 | u32::from(IN_BODY),
            5 << 3 | u32::from(IN_TITLE | IN_BODY),
            9 << 3 | u32::from(IN_META),
        ];
        let bytes = posting_record(&packed, 10);
        let mut c = encode::Cursor::new(&bytes);
        assert_eq!(c.set(10).unwrap(), vec![1, 5, 9]);
        assert_eq!(c.set(3).unwrap(), vec![1]);
        assert_eq!(c.set(3).unwrap(), vec![2]);
        assert!(c.done());
    }

    #[test]
    fn two_letter_beginnings() {
        assert_eq!(two_letters("stage"), "st");
        assert_eq!(two_letters("ëa"), "ëa");
        assert_eq!(two_letters("x"), "x");
    }
}
