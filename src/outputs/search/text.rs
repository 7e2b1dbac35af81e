//! Words of the search index: folding, splitting, stop words and stemming.
//!
//! The browser must cut a query into the same words as the index, so folding is defined
//! in terms any JavaScript engine has: Unicode NFKD, combining marks dropped, lowercase,
//! and a short table for the letters NFKD leaves alone (`ß` -> `ss`, `æ` -> `ae` ...).
//! A word is a run of letters and digits. `search.js` does the same with
//! `normalize("NFKD")`, `/\p{M}/gu` and `/[\p{L}\p{N}]+/gu`; docs/search-index.md spells
//! it out. Stemming (Snowball, Dutch or English) happens only here, at build time: the
//! index stores each word with its stem, so the client never stems (see the lexicon in
//! `terms`).

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use crate::settings::Language;

/// Words shorter than this are not indexed (a stray "s" of "'s-Hertogenbosch").
pub const MIN_WORD: usize = 2;
/// Words longer than this are not indexed (pasted URLs, codes).
pub const MAX_WORD: usize = 40;

/// Stop words of Dutch (Snowball's list, folded, plus a few pronouns vacancy texts are full of).
pub const STOP_NL: &[&str] = &[
    "aan", "al", "alles", "als", "altijd", "andere", "ben", "bent", "bij", "daar", "dan", "dat",
    "de", "der", "deze", "die", "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er",
    "ge", "geen", "geweest", "haar", "had", "heb", "hebben", "heeft", "hem", "het", "hier", "hij",
    "hoe", "hun", "iemand", "iets", "ik", "in", "is", "ja", "je", "jij", "jou", "jouw", "kan",
    "kon", "kunnen", "kunt", "maar", "me", "men", "met", "mij", "mijn", "moet", "na", "naar",
    "niet", "niets", "nog", "nu", "of", "om", "omdat", "onder", "ons", "onze", "ook", "op", "over",
    "reeds", "te", "tegen", "toch", "toen", "tot", "u", "uit", "uw", "van", "veel", "voor", "want",
    "waren", "was", "wat", "we", "werd", "wezen", "wie", "wij", "wil", "worden", "wordt", "zal",
    "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder", "zou",
];

/// Stop words of English (Snowball's list, without contractions).
pub const STOP_EN: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Appends the folded form of one character (already free of combining marks) to `out`.
fn push_folded(out: &mut String, c: char) {
    for l in c.to_lowercase() {
        match l {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'ø' => out.push('o'),
            'œ' => out.push_str("oe"),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'þ' => out.push_str("th"),
            'ı' => out.push('i'),
            'ς' => out.push('σ'),
            other => out.push(other),
        }
    }
}

/// Calls `each` with every character of `c`'s compatibility decomposition that is not a
/// combining mark.
fn decomposed(c: char, mut each: impl FnMut(char)) {
    if c.is_ascii() {
        each(c);
    } else {
        decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                each(d);
            }
        });
    }
}

/// Folds text for comparison: NFKD, no combining marks, lowercase, the special letters
/// spelled out. Keeps every other character.
///
/// # Example
/// ```
/// use stagebord::outputs::search::text::fold;
/// assert_eq!(fold("Financiën & Straße"), "financien & strasse");
/// assert_eq!(fold("Ĳsselmonde"), "ijsselmonde");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        decomposed(c, |d| push_folded(&mut out, d));
    }
    out
}

/// Hands a finished word to `each` (with its original spelling lowercased, when that had
/// other characters than ASCII) and starts the next one.
fn flush(
    each: &mut impl FnMut(&str, Option<&str>),
    word: &mut String,
    special: &mut bool,
    source: &str,
    original: &mut String,
) {
    if !word.is_empty() {
        if *special {
            original.clear();
            original.extend(source.chars().flat_map(char::to_lowercase));
            each(word, Some(original.as_str()));
        } else {
            each(word, None);
        }
    }
    word.clear();
    *special = false;
}

/// Calls `each` with every folded word of `text` (runs of letters and digits), whatever
/// its length; `each` gets the word and, when the original had other characters than
/// ASCII, the original spelling lowercased (for showing "financiën" rather than "financien").
pub fn words(text: &str, mut each: impl FnMut(&str, Option<&str>)) {
    let bytes = text.as_bytes();
    let mut word = String::new();
    let mut original = String::new();
    let mut special = false;
    let mut start = 0;
    let mut parts: Vec<char> = Vec::with_capacity(4);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                if word.is_empty() {
                    start = i;
                }
                word.push(char::from(b.to_ascii_lowercase()));
            } else if !word.is_empty() {
                flush(
                    &mut each,
                    &mut word,
                    &mut special,
                    &text[start..i],
                    &mut original,
                );
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let end = i + c.len_utf8();
        parts.clear();
        decomposed(c, |d| parts.push(d));
        for &d in &parts {
            if d.is_alphanumeric() {
                if word.is_empty() {
                    start = i;
                }
                push_folded(&mut word, d);
                special = true;
            } else if !word.is_empty() {
                flush(
                    &mut each,
                    &mut word,
                    &mut special,
                    &text[start..end],
                    &mut original,
                );
            }
        }
        i = end;
    }
    if !word.is_empty() {
        flush(
            &mut each,
            &mut word,
            &mut special,
            &text[start..],
            &mut original,
        );
    }
}

/// Whether a folded word is worth indexing: not too short or long.
pub fn indexable(word: &str) -> bool {
    let n = word.chars().count();
    (MIN_WORD..=MAX_WORD).contains(&n)
}

/// A word of at most 16 bytes as one number (for a quick stop-word look-up).
fn pack(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 16 {
        return None;
    }
    let mut out = [0u8; 16];
    out[..bytes.len()].copy_from_slice(bytes);
    Some(u128::from_le_bytes(out))
}

/// Stems and stop words of the portal's language.
pub struct Analyzer {
    stemmer: Stemmer,
    stop: &'static [&'static str],
    /// The stop words packed into numbers (at most 16 bytes each), for a hashed look-up:
    /// every word of every vacancy is looked up (a binary search was 2% of a build).
    packed_stop: std::collections::HashSet<u128, foldhash::fast::FixedState>,
    plural_s: bool,
    language: Language,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("stop", &self.stop.len())
            .finish()
    }
}

impl Analyzer {
    /// The analyzer for a portal language: Dutch or English Snowball.
    pub fn new(language: Language) -> Analyzer {
        let mut analyzer = match language {
            Language::En => Analyzer {
                stemmer: Stemmer::create(Algorithm::English),
                stop: STOP_EN,
                packed_stop: Default::default(),
                plural_s: false,
                language,
            },
            Language::Nl => Analyzer {
                stemmer: Stemmer::create(Algorithm::Dutch),
                stop: STOP_NL,
                packed_stop: Default::default(),
                plural_s: true,
                language,
            },
        };
        analyzer.packed_stop = analyzer.stop.iter().filter_map(|w| pack(w)).collect();
        analyzer
    }

    /// The language whose words it cuts.
    pub fn language(&self) -> &'static str {
        self.language.code()
    }

    /// True when a word ending in `-s` whose singular is also indexed takes the singular's
    /// stem: Dutch plurals after a vowel (`stages`, `trainees`, `auto's`), which Snowball
    /// leaves alone.
    pub fn plural_s(&self) -> bool {
        self.plural_s
    }

    /// The stop words, sorted, for the manifest.
    pub fn stop_words(&self) -> Vec<&'static str> {
        let mut out = self.stop.to_vec();
        out.sort_unstable();
        out
    }

    /// True for a folded word that is never indexed or searched for.
    pub fn is_stop(&self, word: &str) -> bool {
        pack(word).is_some_and(|p| self.packed_stop.contains(&p))
    }

    /// The stem of a folded word.
    ///
    /// # Example
    /// ```
    /// use stagebord::outputs::search::text::Analyzer;
    /// use stagebord::settings::Language;
    /// let nl = Analyzer::new(Language::Nl);
    /// assert_eq!(nl.stem("opleidingen"), nl.stem("opleiding"));
    /// ```
    pub fn stem<'w>(&self, word: &'w str) -> Cow<'w, str> {
        if word.bytes().any(|b| b.is_ascii_digit()) {
            return Cow::Borrowed(word);
        }
        self.stemmer.stem(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_words(text: &str) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        words(text, |w, o| {
            out.push((w.to_string(), o.map(str::to_string)))
        });
        out
    }

    #[test]
    fn folding_removes_diacritics_and_spells_out_special_letters() {
        assert_eq!(fold("Financiën"), "financien");
        assert_eq!(fold("Súdwest-Fryslân"), "sudwest-fryslan");
        assert_eq!(fold("Ĳssel"), "ijssel");
        assert_eq!(fold("Æbleø Straße"), "aebleo strasse");
        assert_eq!(fold("café"), fold("cafe\u{301}"));
        assert_eq!(fold("ﬁets"), "fiets");
    }

    #[test]
    fn words_split_on_everything_but_letters_and_digits() {
        let w: Vec<String> = all_words("ICT-support, 's-Hertogenbosch: 24–32 uur (hbo/wo)!")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(
            w,
            [
                "ict",
                "support",
                "s",
                "hertogenbosch",
                "24",
                "32",
                "uur",
                "hbo",
                "wo"
            ]
        );
    }

    #[test]
    fn words_keep_the_original_spelling_of_words_with_diacritics() {
        let w = all_words("Financiën en Ĳssel café");
        assert_eq!(
            w,
            [
                ("financien".to_string(), Some("financiën".to_string())),
                ("en".to_string(), None),
                ("ijssel".to_string(), Some("ĳssel".to_string())),
                ("cafe".to_string(), Some("café".to_string())),
            ]
        );
    }

    #[test]
    fn words_and_fold_agree() {
        let text = "Überstunden, Ærø, façade, naïef, coöperatie, ΟΔΟΣ";
        let mut joined = Vec::new();
        words(text, |w, _| joined.push(w.to_string()));
        let folded = fold(text);
        let again: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|s| !s.is_empty())
            .collect();
        // Final sigma: folding per character and per string must agree.
        let again: Vec<String> = again.iter().map(|s| s.replace('ς', "σ")).collect();
        assert_eq!(joined, again);
    }

    #[test]
    fn dutch_stemming_folds_inflections() {
        let nl = Analyzer::new(Language::Nl);
        assert_eq!(nl.stem("stagiairs"), nl.stem("stagiair"));
        assert_eq!(nl.stem("gemeenten"), nl.stem("gemeente"));
        assert_eq!(nl.stem("opleidingen"), nl.stem("opleiding"));
        // Snowball keeps the -s after a vowel; `terms` folds such plurals when the singular
        // is in the content too.
        assert_ne!(nl.stem("stages"), nl.stem("stage"));
        assert!(nl.plural_s());
        assert_eq!(nl.stem("financien"), nl.stem("financien"));
        assert_eq!(nl.stem("communicatie"), "communicatie");
        assert_eq!(nl.stem("25193"), "25193");
        assert!(nl.is_stop("de") && nl.is_stop("het") && !nl.is_stop("stage"));
    }

    #[test]
    fn english_stemming_for_english_portals() {
        let en = Analyzer::new(Language::En);
        assert_eq!(en.stem("internships"), en.stem("internship"));
        assert_eq!(en.stem("communications"), en.stem("communication"));
        assert!(en.is_stop("the") && !en.is_stop("de"));
    }

    #[test]
    fn stop_lists_are_folded_and_unique() {
        for list in [STOP_NL, STOP_EN] {
            let mut seen = std::collections::BTreeSet::new();
            for w in list {
                assert_eq!(fold(w), *w);
                assert!(seen.insert(*w), "{w} twice");
            }
        }
    }
}
