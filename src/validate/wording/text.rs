//! The text the wording rules read: Markdown prose as a flat list of tokens.
//!
//! Only prose is tokenized: text inside code spans, code blocks, raw HTML, autolinks and
//! link destinations is left out (pulldown-cmark finds them), and so are bare URLs and
//! e-mail addresses in the prose. Each token keeps the byte range of its source text, so a
//! finding always points into exactly the text that was checked.
//!
//! A token's `norm` is its text lowercased with diacritics folded (`coördinator` ->
//! `coordinator`). Words joined by a hyphen stay one token (`mbo-niveau`, `18-jarige`),
//! except between two numbers (`18-25` is three tokens). Sentences end at `.`, `!`, `?`
//! (not after an abbreviation such as `max.` or an initial) and at the end of every block
//! (paragraph, heading, list item, table cell).

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Letters (and digits), possibly joined by hyphens.
    Word,
    /// Digits only.
    Number,
    /// One other visible character.
    Punct,
}

/// One word, number or punctuation character of the prose.
#[derive(Debug, Clone)]
pub(super) struct Token<'f> {
    /// Byte range in the checked text.
    pub(super) span: Range<usize>,
    /// Lowercased, diacritics folded; a slice of [`Tokens::folded`].
    norm: &'f str,
    pub(super) kind: Kind,
    /// The source text starts with an uppercase letter.
    pub(super) capital: bool,
    /// The source text has two or more letters, all uppercase (`SBB`, `AVG`).
    pub(super) acronym: bool,
    /// Index of the sentence the token belongs to.
    pub(super) sentence: usize,
    /// Index into [`Text::headings`] of the heading above the token (0: none).
    pub(super) section: usize,
}

/// The prose of one text cut into tokens, which own nothing: their folded words are one
/// buffer (a body has hundreds of tokens, and an allocation each was a third of the check).
#[derive(Debug)]
pub(super) struct Tokens {
    /// The tokens, each with the range of its folded word in `folded`.
    cuts: Vec<(Range<usize>, Token<'static>)>,
    /// The folded word of every token, one after the other.
    folded: String,
    /// The folded words of each heading; index 0 is the (empty) part before the first.
    headings: Vec<Vec<String>>,
}

/// The tokenized prose of one text, as the rules read it.
#[derive(Debug)]
pub(super) struct Text<'f> {
    pub(super) tokens: Vec<Token<'f>>,
    /// The folded words of each heading; index 0 is the (empty) part before the first.
    pub(super) headings: &'f [Vec<String>],
}

/// Words after which a `.` does not end the sentence.
const ABBREVIATIONS: &[&str] = &[
    "max", "min", "bijv", "bv", "ca", "incl", "excl", "evt", "mr", "mw", "dhr", "mevr", "drs",
    "ir", "ing", "nr", "tel", "etc", "vs", "ivm", "mbt", "zgn", "resp", "eg", "ie", "approx", "no",
    "st", "jr", "dr", "prof", "mrs", "ms", "wo",
];

impl Tokens {
    /// The tokens as the rules read them.
    pub(super) fn text(&self) -> Text<'_> {
        let tokens = self
            .cuts
            .iter()
            .map(|(norm, token)| Token {
                norm: self.folded.get(norm.clone()).unwrap_or(""),
                ..token.clone()
            })
            .collect();
        Text {
            tokens,
            headings: &self.headings,
        }
    }

    /// Tokenizes the prose of `source` (Markdown, or plain text such as a title).
    pub(super) fn cut(source: &str) -> Tokens {
        let mut b = Builder {
            source,
            text: Tokens {
                // About one token per six bytes of a Dutch body.
                cuts: Vec::with_capacity(source.len() / 6),
                folded: String::with_capacity(source.len()),
                headings: vec![Vec::new()],
            },
            sentence: 0,
            section: 0,
            heading: None,
        };
        let options =
            Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        // Depth of constructs whose text is not prose: code blocks, autolinks, raw HTML blocks.
        let mut hidden = 0usize;
        // For each open link: whether it is an autolink (its text is its address).
        let mut links: Vec<bool> = Vec::new();
        let mut pending: Option<Range<usize>> = None;
        for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
            if let Event::Text(_) = event {
                if hidden == 0 {
                    pending = match pending {
                        Some(p) if p.end == range.start => Some(p.start..range.end),
                        Some(p) => {
                            b.prose(p);
                            Some(range)
                        }
                        None => Some(range),
                    };
                }
                continue;
            }
            if let Some(p) = pending.take() {
                b.prose(p);
            }
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                    hidden += 1;
                }
                Event::Start(Tag::Link { link_type, .. }) => {
                    let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    hidden += usize::from(auto);
                    links.push(auto);
                }
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                    hidden = hidden.saturating_sub(1);
                    b.end_sentence();
                }
                Event::Start(Tag::Heading { .. }) => {
                    b.end_sentence();
                    b.heading = Some(Vec::new());
                    b.section = b.text.headings.len();
                    b.text.headings.push(Vec::new());
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some(words) = b.heading.take()
                        && let Some(slot) = b.text.headings.last_mut()
                    {
                        *slot = words;
                    }
                    b.end_sentence();
                }
                // Closing a link pops it; only an autolink's end shows its address again.
                Event::End(TagEnd::Link) if links.pop() == Some(true) => {
                    hidden = hidden.saturating_sub(1);
                }
                Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::BlockQuote(_))
                | Event::End(
                    TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_),
                )
                | Event::Rule => b.end_sentence(),
                _ => {}
            }
        }
        if let Some(p) = pending.take() {
            b.prose(p);
        }
        b.text
    }
}

struct Builder<'a> {
    source: &'a str,
    text: Tokens,
    sentence: usize,
    section: usize,
    /// The words of the heading being read.
    heading: Option<Vec<String>>,
}

impl Builder<'_> {
    fn end_sentence(&mut self) {
        if self
            .text
            .cuts
            .last()
            .is_some_and(|(_, t)| t.sentence == self.sentence)
        {
            self.sentence += 1;
        }
    }

    /// Tokenizes `source[range]`, a stretch of prose, skipping URLs and e-mail addresses.
    fn prose(&mut self, range: Range<usize>) {
        let Some(chunk) = self.source.get(range.clone()) else {
            return;
        };
        let mut offset = range.start;
        for piece in chunk.split_inclusive(char::is_whitespace) {
            let word = piece.trim_end_matches(char::is_whitespace);
            if !is_address(word) {
                self.words(offset..offset + word.len());
            }
            offset += piece.len();
        }
    }

    /// Tokenizes one whitespace-free stretch.
    fn words(&mut self, range: Range<usize>) {
        let Some(s) = self.source.get(range.clone()) else {
            return;
        };
        // The character at byte `i` of `s` (always a character boundary here); most are ASCII.
        let bytes = s.as_bytes();
        let at = |i: usize| match bytes.get(i) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => s.get(i..).and_then(|rest| rest.chars().next()),
            None => None,
        };
        let mut i = 0;
        while let Some(c) = at(i) {
            let start = i;
            let mut end = i + c.len_utf8();
            if c.is_alphanumeric() {
                let mut last = c;
                loop {
                    while let Some(d) = at(end).filter(|d| d.is_alphanumeric()) {
                        last = d;
                        end += d.len_utf8();
                    }
                    // A hyphen between two alphanumerics joins them, unless both sides are numbers.
                    let joins = at(end) == Some('-')
                        && at(end + 1).is_some_and(|next| {
                            next.is_alphanumeric()
                                && !(last.is_ascii_digit() && next.is_ascii_digit())
                        });
                    if joins {
                        end += 1;
                    } else {
                        break;
                    }
                }
                let raw = &s[start..end];
                let kind = if raw.bytes().all(|b| b.is_ascii_digit()) {
                    Kind::Number
                } else {
                    Kind::Word
                };
                self.push(range.start + start..range.start + end, raw, kind);
            } else {
                self.push(
                    range.start + start..range.start + end,
                    &s[start..end],
                    Kind::Punct,
                );
                if matches!(c, '.' | '!' | '?') && self.ends_sentence(c, at(end)) {
                    self.sentence += 1;
                }
            }
            i = end;
        }
    }

    /// Whether the `.`, `!` or `?` just pushed ends its sentence.
    fn ends_sentence(&self, c: char, next: Option<char>) -> bool {
        if c != '.' {
            return true;
        }
        // "1.80", "o.a." : a character right after the dot.
        if next.is_some_and(char::is_alphanumeric) {
            return false;
        }
        let cuts = &self.text.cuts;
        let before = cuts.len().checked_sub(2).and_then(|i| cuts.get(i));
        match before {
            Some((norm, t)) if t.kind == Kind::Word => {
                let norm = self.text.folded.get(norm.clone()).unwrap_or("");
                norm.chars().count() > 1 && !ABBREVIATIONS.contains(&norm)
            }
            _ => true,
        }
    }

    fn push(&mut self, span: Range<usize>, raw: &str, kind: Kind) {
        let folded = &mut self.text.folded;
        let start = folded.len();
        fold_into(raw, folded);
        let norm = start..folded.len();
        if let Some(words) = self.heading.as_mut()
            && kind != Kind::Punct
        {
            words.push(folded[start..].to_string());
        }
        let mut letters = raw.chars().filter(|c| c.is_alphabetic());
        let acronym = match (letters.next(), letters.next()) {
            (Some(a), Some(b)) => {
                a.is_uppercase() && b.is_uppercase() && letters.all(char::is_uppercase)
            }
            _ => false,
        };
        let token = Token {
            span,
            norm: "",
            kind,
            capital: raw.chars().next().is_some_and(char::is_uppercase),
            acronym,
            sentence: self.sentence,
            section: self.section,
        };
        self.text.cuts.push((norm, token));
    }
}

/// Look-ups the rules use. Every index may be out of range: it then matches nothing.
impl<'f> Text<'f> {
    /// The folded text of token `i`, or `""`.
    pub(super) fn norm(&self, i: usize) -> &'f str {
        self.tokens.get(i).map_or("", |t| t.norm)
    }

    /// Token `i` is one of `words`.
    pub(super) fn is(&self, i: usize, words: &[&str]) -> bool {
        let norm = self.norm(i);
        // Comparing the first byte before the rest skips most candidates without a call
        // into memcmp (the rules ask this for every token, against lists of dozens of words).
        !norm.is_empty()
            && words.iter().any(|w| {
                w.len() == norm.len()
                    && w.as_bytes().first() == norm.as_bytes().first()
                    && *w == norm
            })
    }

    /// Token `i` is a word (not a number or punctuation).
    pub(super) fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    /// Token `i` is a word that starts with one of `prefixes`.
    pub(super) fn starts(&self, i: usize, prefixes: &[&str]) -> bool {
        self.is_word(i) && prefixes.iter().any(|p| self.norm(i).starts_with(p))
    }

    /// Token `i` is a word that ends with one of `suffixes`.
    pub(super) fn ends(&self, i: usize, suffixes: &[&str]) -> bool {
        self.is_word(i) && suffixes.iter().any(|p| self.norm(i).ends_with(p))
    }

    /// The value of token `i` when it is a number.
    pub(super) fn number(&self, i: usize) -> Option<u32> {
        let t = self.tokens.get(i)?;
        if t.kind == Kind::Number {
            t.norm.parse().ok()
        } else {
            None
        }
    }

    /// Tokens `i` and `j` exist and are in the same sentence.
    pub(super) fn same(&self, i: usize, j: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(j)) {
            (Some(a), Some(b)) => a.sentence == b.sentence,
            _ => false,
        }
    }

    /// Token `i` starts with a capital and is not the first of its sentence: a name.
    pub(super) fn is_name(&self, i: usize) -> bool {
        self.is_word(i)
            && self.tokens.get(i).is_some_and(|t| t.capital)
            && i.checked_sub(1).is_some_and(|p| self.same(p, i))
    }

    /// The up to `n` tokens before `i` in its sentence, nearest first.
    pub(super) fn before(&self, i: usize, n: usize) -> impl Iterator<Item = usize> + '_ {
        (i.saturating_sub(n)..i)
            .rev()
            .take_while(move |&j| self.same(j, i))
    }

    /// The up to `n` tokens after `i` in its sentence, nearest first.
    pub(super) fn after(&self, i: usize, n: usize) -> impl Iterator<Item = usize> + '_ {
        (i + 1..=i + n).take_while(move |&j| self.same(j, i))
    }

    /// The nearest of the `n` tokens before `i` (same sentence) that is one of `words`.
    pub(super) fn find_before(&self, i: usize, n: usize, words: &[&str]) -> Option<usize> {
        self.before(i, n).find(|&j| self.is(j, words))
    }

    /// One of the `n` tokens before `i` (same sentence) is one of `words`.
    pub(super) fn any_before(&self, i: usize, n: usize, words: &[&str]) -> bool {
        self.find_before(i, n, words).is_some()
    }

    /// One of the `n` tokens after `i` (same sentence) is one of `words`.
    pub(super) fn any_after(&self, i: usize, n: usize, words: &[&str]) -> bool {
        self.after(i, n).any(|j| self.is(j, words))
    }

    /// The token indices of the sentence of token `i`.
    pub(super) fn sentence(&self, i: usize) -> Range<usize> {
        let Some(s) = self.tokens.get(i).map(|t| t.sentence) else {
            return i..i;
        };
        let mut start = i;
        while start > 0 && self.tokens[start - 1].sentence == s {
            start -= 1;
        }
        let mut end = i + 1;
        while self.tokens.get(end).is_some_and(|t| t.sentence == s) {
            end += 1;
        }
        start..end
    }

    /// The sentence of token `i` has one of `words`.
    pub(super) fn sentence_has(&self, i: usize, words: &[&str]) -> bool {
        self.sentence(i).any(|j| self.is(j, words))
    }

    /// The sentence of token `i` has a word starting with one of `prefixes`.
    pub(super) fn sentence_has_prefix(&self, i: usize, prefixes: &[&str]) -> bool {
        self.sentence(i).any(|j| self.starts(j, prefixes))
    }

    /// The heading above token `i` has one of `words`.
    pub(super) fn heading_has(&self, i: usize, words: &[&str]) -> bool {
        self.tokens
            .get(i)
            .and_then(|t| self.headings.get(t.section))
            .is_some_and(|h| h.iter().any(|w| words.contains(&w.as_str())))
    }

    /// The text has the token sequence `seq` somewhere.
    pub(super) fn contains_seq(&self, seq: &[&str]) -> bool {
        (0..self.tokens.len()).any(|i| {
            seq.iter()
                .enumerate()
                .all(|(k, w)| self.norm(i + k) == *w && self.same(i, i + k))
        })
    }
}

/// Appends `raw` lowercased with diacritics folded to `out`; appends it merely lowercased
/// when folding would leave nothing.
fn fold_into(raw: &str, out: &mut String) {
    if raw.is_ascii() {
        // Most words: nothing to fold.
        let start = out.len();
        out.push_str(raw);
        if let Some(pushed) = out.get_mut(start..) {
            pushed.make_ascii_lowercase();
        }
        return;
    }
    let folded = deunicode::deunicode(raw).to_lowercase();
    if folded.trim().is_empty() {
        out.push_str(&raw.to_lowercase());
    } else {
        out.push_str(&folded);
    }
}

/// A URL, a domain-like word or an e-mail address: not prose.
fn is_address(word: &str) -> bool {
    let w = word.trim_start_matches(['(', '<', '[', '"', '\'']);
    // `://` looked for from each `:` (memchr), not with a string searcher: this runs for
    // every word of every text, and setting up the searcher cost more than the search.
    w.match_indices(':')
        .any(|(i, _)| w[i + 1..].starts_with("//"))
        || w.contains('@')
        || w.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        let tokens = Tokens::cut(text);
        let t = tokens.text();
        (0..t.tokens.len()).map(|i| t.norm(i).to_string()).collect()
    }

    #[test]
    fn words_numbers_and_hyphens() {
        assert_eq!(
            norms("Coördinator mbo-niveau 4, 18-25 jaar; 18-jarige"),
            [
                "coordinator",
                "mbo-niveau",
                "4",
                ",",
                "18",
                "-",
                "25",
                "jaar",
                ";",
                "18-jarige"
            ]
        );
    }

    #[test]
    fn an_address_has_a_scheme_an_at_sign_or_www() {
        for (word, address) in [
            ("https://www.example.nl/x", true),
            ("(http://example.nl)", true),
            (":://", true),
            ("ë://x", true),
            ("stage@example.nl", true),
            ("WWW.example.nl", true),
            ("tijd:", false),
            ("a:/b", false),
            ("a::b//", false),
            ("www", false),
            ("mbo-niveau", false),
        ] {
            assert_eq!(is_address(word), address, "{word}");
            // As with a string search for `://`.
            let w = word.trim_start_matches(['(', '<', '[', '"', '\'']);
            let searched = w.contains("://")
                || w.contains('@')
                || w.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."));
            assert_eq!(is_address(word), searched, "{word}");
        }
    }

    #[test]
    fn code_urls_and_addresses_are_not_prose() {
        let text = "Zie `jong team` en [de site](https://jong.example.nl/jong) of \
                    <https://jong.example.nl>, www.jong.nl en jong@example.nl.\n\n\
                    ```\njong\n```\n";
        assert_eq!(norms(text), ["zie", "en", "de", "site", "of", ",", "en"]);
    }

    #[test]
    fn spans_point_into_the_source() {
        let text = "Één **jong** team";
        let tokens = Tokens::cut(text);
        let t = tokens.text();
        let spans: Vec<&str> = t.tokens.iter().map(|t| &text[t.span.clone()]).collect();
        assert_eq!(spans, ["Één", "jong", "team"]);
        assert_eq!(t.norm(0), "een");
    }

    #[test]
    fn sentences_and_headings() {
        let tokens = Tokens::cut("## Wie zoeken wij\n\nMax. 25 jaar. Hij is o.a. flink! Ja");
        let t = tokens.text();
        let sentences: Vec<usize> = t.tokens.iter().map(|t| t.sentence).collect();
        // heading | max . 25 jaar . | hij is o . a . flink ! | ja
        assert_eq!(
            sentences,
            [0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3]
        );
        assert_eq!(t.headings[1], ["wie", "zoeken", "wij"]);
        assert!(t.tokens.iter().skip(3).all(|t| t.section == 1));
    }
}
