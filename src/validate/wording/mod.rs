//! Fair vacancy texts: finds wording that shuts students out of an internship
//! ("stagediscriminatie") — an age hint, a call to one gender, a language demand about
//! origin rather than skill, a photo or appearance demand, questions about health or family.
//!
//! This module owns the rule list ([`rules`]: what each rule checks, why, how to write it
//! instead, and its source) and the rule engine ([`check`]: one text in, findings with byte
//! spans out). It is pure: it reads no files, knows nothing of front matter, settings or
//! diagnostics, and never decides whether a finding is shown. Wiring it into `check`, the
//! switches that turn rules off and the editor's guide page belong to the callers.
//!
//! The engine reads grammar, not substrings: a tokenizer splits the prose (not code, link
//! destinations or URLs) into folded words, and each rule looks at a few words around a
//! match before it reports. So `jongerenwerker` (a job) and `je werkt met jongeren van
//! 16-23 jaar` (the target group) pass, while `jong en dynamisch team` and `max. 25 jaar`
//! are reported. The rules prefer precision over recall: a warning that is often wrong
//! teaches editors to ignore all warnings, so each borderline choice is written down
//! beside its rule in `nl.rs` and `en.rs`.

mod en;
mod nl;
mod people;
mod rules;
mod text;

#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::settings::Language;

pub use rules::{Group, Rule};

/// The rules that [`check`] applies to texts in `language`, in the order of the guide page.
///
/// Every language has the same rule ids; the [`Rule::examples`] are phrases in `language`.
pub fn rules(language: Language) -> &'static [Rule] {
    match language {
        Language::Nl => &rules::NL,
        Language::En => &rules::EN,
    }
}

/// One phrase in a checked text that a rule warns about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The [`Rule::id`] (`leeftijd`, `gender`, ...).
    pub rule: &'static str,
    /// Byte range of the phrase in the checked text.
    pub span: Range<usize>,
    /// The phrase as written, with every run of whitespace shown as one space.
    pub phrase: String,
    /// What is wrong and what to write instead, in the text's language, e.g.
    /// `"jong en dynamisch team" verwijst naar leeftijd; beschrijf liever het werk van het team`.
    pub message: String,
}

/// Finds the phrases in `text` (a Markdown body, or a plain title or summary written in
/// `language`) that one of the [`rules`] warns about.
///
/// Findings are sorted by position; a rule reports overlapping matches once (the longest).
/// Different rules may report overlapping phrases (`jonge stagiaire` is about age and gender).
pub fn check(text: &str, language: Language) -> Vec<Finding> {
    let tokens = text::Tokens::cut(text);
    let parsed = tokens.text();
    let mut hits = Vec::new();
    match language {
        Language::Nl => nl::scan(&parsed, &mut hits),
        Language::En => en::scan(&parsed, &mut hits),
    }
    findings(text, &parsed, hits)
}

/// What a rule says about a match: `"<phrase>" <hint>; <advice>`.
#[derive(Debug)]
struct Say {
    hint: &'static str,
    advice: &'static str,
}

/// A match: the rule and the first and last token of the phrase (inclusive).
#[derive(Debug)]
struct Hit {
    rule: &'static str,
    first: usize,
    last: usize,
    say: &'static Say,
}

/// Turns token matches into findings: spans, phrases, messages, sorted and without overlaps.
fn findings(source: &str, parsed: &text::Text, hits: Vec<Hit>) -> Vec<Finding> {
    let mut spans: Vec<(Range<usize>, &Hit)> = hits
        .iter()
        .filter_map(|h| {
            let first = parsed.tokens.get(h.first)?;
            let last = parsed.tokens.get(h.last)?;
            (first.span.start < last.span.end).then_some((first.span.start..last.span.end, h))
        })
        .collect();
    // Longest first at each position, so that the kept match of a rule is the longest.
    spans.sort_by_key(|(span, h)| (span.start, std::cmp::Reverse(span.end), h.rule));
    let mut out: Vec<Finding> = Vec::new();
    for (span, hit) in spans {
        let overlaps = out
            .iter()
            .any(|f| f.rule == hit.rule && f.span.start < span.end && span.start < f.span.end);
        if overlaps {
            continue;
        }
        let Some(raw) = source.get(span.clone()) else {
            continue;
        };
        let phrase = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let message = format!("\"{phrase}\" {}; {}", hit.say.hint, hit.say.advice);
        out.push(Finding {
            rule: hit.rule,
            span,
            phrase,
            message,
        });
    }
    out.sort_by_key(|f| (f.span.start, f.span.end, f.rule));
    out
}
