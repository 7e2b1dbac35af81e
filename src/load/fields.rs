//! Typed reading of a TOML table (front matter or `portal.toml`), one key at a time.
//!
//! # Design
//! A serde struct with `deny_unknown_fields` stops at the first problem of a file. People
//! who write vacancies fix one mistake, rebuild, and meet the next: we want them to see
//! every problem of a file at once, each at its own line and column. So the TOML is
//! parsed into toml's spanned `DeTable`, and [`Fields`] reads it key by key: each reader
//! reports a wrong type or a missing key as a [`Diagnostic`] and returns `None`, and
//! [`Fields::finish`] reports every key nobody asked for, with a "did you mean".
//!
//! The reader checks types only; what a value means (a known level, an existing
//! organisation) is for `validate`.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use jiff::civil::Date;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::model::today::parse_date;

/// A value together with its byte range in the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Its byte range in the file (not only in the TOML part).
    pub span: Range<usize>,
}

/// The text of one file, for pointing diagnostics into it.
#[derive(Debug, Clone, Copy)]
pub struct FileText<'a> {
    /// The path shown in messages (relative to the portal's root).
    pub path: &'a Path,
    /// The whole file.
    pub text: &'a str,
}

impl FileText<'_> {
    /// An error pointing at `span` of this file.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.path, message).at(self.text, span)
    }

    /// A warning pointing at `span` of this file.
    pub fn warning(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.path, message).at(self.text, span)
    }
}

/// Parses TOML that starts at byte `offset` of `file`; syntax errors become diagnostics.
///
/// TOML's own recovery goes on after a syntax error, so several broken lines in one
/// front matter are all reported; the (partial) table is returned only when there were none.
pub fn parse_table<'i>(
    file: FileText<'_>,
    toml: &'i str,
    offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<DeTable<'i>> {
    let (table, errors) = DeTable::parse_recoverable(toml);
    if errors.is_empty() {
        return Some(table.into_inner());
    }
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim().trim_end_matches('.').to_string();
        let help = if message.contains("date") || message.contains("time") {
            "write a date as YYYY-MM-DD, e.g. closes = 2027-01-15: a month from 01 to 12 and a day that exists in that month"
        } else {
            "text values need double quotes (title = \"Stagiair ICT\"), dates are written as 2027-01-15, lists as [\"hbo\", \"wo\"]"
        };
        diags.push(
            file.error(
                offset + span.start..offset + span.end,
                format!("invalid TOML: {message}"),
            )
            .with_help(help),
        );
    }
    None
}

/// Reads the keys of one TOML table and remembers which were read.
pub struct Fields<'t, 'i> {
    file: FileText<'t>,
    table: &'t DeTable<'i>,
    offset: usize,
    /// Prefix for keys in messages, e.g. `contact.` for a nested table.
    prefix: String,
    /// Where a missing key is reported: the table's first line.
    anchor: Range<usize>,
    used: BTreeSet<&'t str>,
    diags: Vec<Diagnostic>,
}

/// What a reader expects, for "must be ..." messages.
fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

impl<'t, 'i> Fields<'t, 'i> {
    /// Starts reading `table`, whose spans are relative to byte `offset` of `file`.
    /// Missing keys are reported at `anchor` (a byte range of the file).
    pub fn new(
        file: FileText<'t>,
        table: &'t DeTable<'i>,
        offset: usize,
        anchor: Range<usize>,
    ) -> Self {
        Self {
            file,
            table,
            offset,
            prefix: String::new(),
            anchor,
            used: BTreeSet::new(),
            diags: Vec::new(),
        }
    }

    /// The file being read.
    pub fn file(&self) -> FileText<'t> {
        self.file
    }

    /// Turns a span relative to the TOML text into one relative to the file.
    pub fn file_span(&self, span: Range<usize>) -> Range<usize> {
        self.offset + span.start..self.offset + span.end
    }

    /// Records a problem found while reading (also used by callers for meaning checks).
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diags.push(diagnostic);
    }

    /// An error at a span of the file.
    pub fn error_at(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.file.error(span, message);
        self.diags.push(d);
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }

    /// The raw value of `key`, marking it as read.
    pub fn raw(&mut self, key: &'t str) -> Option<At<&'t DeValue<'i>>> {
        let (k, v) = self.table.get_key_value(key)?;
        self.used.insert(k.get_ref().as_ref());
        Some(At {
            value: v.get_ref(),
            span: self.file_span(v.span()),
        })
    }

    fn wrong_type(&mut self, key: &str, at: &At<&DeValue<'_>>, expected: &str, example: &str) {
        let message = format!(
            "`{}{key}` must be {expected}, not {}",
            self.prefix,
            type_name(at.value)
        );
        let d = self
            .file
            .error(at.span.clone(), message)
            .with_help(format!("for example: {key} = {example}"));
        self.diags.push(d);
    }

    /// Reports that a required key is absent.
    pub fn missing(&mut self, key: &str, example: &str) {
        let d = self
            .file
            .error(
                self.anchor.clone(),
                format!("missing required key `{}{key}`", self.prefix),
            )
            .with_help(format!("add a line like: {key} = {example}"));
        self.diags.push(d);
    }

    /// A non-empty text value.
    pub fn string(&mut self, key: &'t str, example: &str) -> Option<At<String>> {
        let at = self.raw(key)?;
        match at.value {
            DeValue::String(s) if !s.trim().is_empty() => Some(At {
                value: s.trim().to_string(),
                span: at.span,
            }),
            DeValue::String(_) => {
                let d = self
                    .file
                    .error(at.span.clone(), format!("`{}{key}` is empty", self.prefix))
                    .with_help(format!(
                        "write a value, e.g. {key} = {example}, or leave the line out"
                    ));
                self.diags.push(d);
                None
            }
            _ => {
                self.wrong_type(key, &at, "a text in double quotes", example);
                None
            }
        }
    }

    /// A required non-empty text value.
    pub fn required_string(&mut self, key: &'t str, example: &str) -> Option<At<String>> {
        if self.table.get(key).is_none() {
            self.missing(key, example);
            return None;
        }
        self.string(key, example)
    }

    /// A whole number between `min` and `max`.
    pub fn integer(&mut self, key: &'t str, min: i64, max: i64, example: &str) -> Option<At<i64>> {
        let at = self.raw(key)?;
        self.integer_value(key, at, min, max, example)
    }

    /// Reads a whole number from an already-fetched value (e.g. an array element).
    pub fn integer_value(
        &mut self,
        key: &str,
        at: At<&DeValue<'_>>,
        min: i64,
        max: i64,
        example: &str,
    ) -> Option<At<i64>> {
        let DeValue::Integer(i) = at.value else {
            self.wrong_type(key, &at, "a whole number", example);
            return None;
        };
        match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
            Ok(n) if (min..=max).contains(&n) => Some(At {
                value: n,
                span: at.span,
            }),
            _ => {
                let d = self
                    .file
                    .error(
                        at.span.clone(),
                        format!("`{}{key}` must be between {min} and {max}", self.prefix),
                    )
                    .with_help(format!("for example: {key} = {example}"));
                self.diags.push(d);
                None
            }
        }
    }

    /// true or false.
    pub fn bool(&mut self, key: &'t str) -> Option<At<bool>> {
        let at = self.raw(key)?;
        if let DeValue::Boolean(b) = at.value {
            return Some(At {
                value: *b,
                span: at.span,
            });
        }
        self.wrong_type(key, &at, "true or false (without quotes)", "true");
        None
    }

    /// A calendar date: a TOML date (`2027-01-15`) or the same in quotes.
    pub fn date(&mut self, key: &'t str) -> Option<At<Date>> {
        let at = self.raw(key)?;
        let parsed = match at.value {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
                .date
                .and_then(|d| Date::new(d.year as i16, d.month as i8, d.day as i8).ok()),
            DeValue::String(s) => parse_date(s.trim()),
            _ => None,
        };
        if parsed.is_none() {
            let d = self
                .file
                .error(
                    at.span.clone(),
                    format!(
                        "`{}{key}` is not a valid date: write it as YYYY-MM-DD",
                        self.prefix
                    ),
                )
                .with_help(format!("for example: {key} = 2027-01-15 (no time, a month from 01 to 12, a day that exists in that month)"));
            self.diags.push(d);
        }
        parsed.map(|value| At {
            value,
            span: at.span,
        })
    }

    /// A required date.
    pub fn required_date(&mut self, key: &'t str) -> Option<At<Date>> {
        if self.table.get(key).is_none() {
            self.missing(key, "2027-01-15");
            return None;
        }
        self.date(key)
    }

    /// A list of non-empty texts (a single text is accepted as a list of one).
    pub fn string_list(&mut self, key: &'t str, example: &str) -> Option<Vec<At<String>>> {
        let at = self.raw(key)?;
        let items: Vec<&toml::Spanned<DeValue<'i>>> = match at.value {
            DeValue::Array(items) => items.iter().collect(),
            DeValue::String(s) if !s.trim().is_empty() => {
                return Some(vec![At {
                    value: s.trim().to_string(),
                    span: at.span,
                }]);
            }
            _ => {
                self.wrong_type(key, &at, "a list of texts", example);
                return None;
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let span = self.file_span(item.span());
            match item.get_ref() {
                DeValue::String(s) if !s.trim().is_empty() => out.push(At {
                    value: s.trim().to_string(),
                    span,
                }),
                other => {
                    let what = if matches!(other, DeValue::String(_)) {
                        "an empty text".to_string()
                    } else {
                        type_name(other).to_string()
                    };
                    let d = self
                        .file
                        .error(
                            span,
                            format!(
                                "every item of `{}{key}` must be a text, not {what}",
                                self.prefix
                            ),
                        )
                        .with_help(format!("for example: {key} = {example}"));
                    self.diags.push(d);
                }
            }
        }
        Some(out)
    }

    /// A nested table (`contact = { name = "..." }`), read with its own [`Fields`].
    pub fn table(&mut self, key: &'t str, example: &str) -> Option<Fields<'t, 'i>> {
        let at = self.raw(key)?;
        match at.value {
            DeValue::Table(table) => {
                let mut nested = Fields::new(self.file, table, self.offset, at.span.clone());
                nested.prefix = format!("{}{key}.", self.prefix);
                Some(nested)
            }
            _ => {
                self.wrong_type(key, &at, "a table", example);
                None
            }
        }
    }

    /// A list of tables (`awards = [{ year = 2013, title = "..." }]`).
    pub fn table_list(&mut self, key: &'t str, example: &str) -> Vec<Fields<'t, 'i>> {
        let Some(at) = self.raw(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = at.value else {
            self.wrong_type(key, &at, "a list of tables", example);
            return Vec::new();
        };
        let mut out = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let span = self.file_span(item.span());
            if let DeValue::Table(table) = item.get_ref() {
                let mut nested = Fields::new(self.file, table, self.offset, span);
                nested.prefix = format!("{}{key}[{index}].", self.prefix);
                out.push(nested);
            } else {
                let d = self
                    .file
                    .error(
                        span,
                        format!("every item of `{}{key}` must be a table", self.prefix),
                    )
                    .with_help(format!("for example: {key} = {example}"));
                self.diags.push(d);
            }
        }
        out
    }

    /// Folds a nested reader's problems into this one.
    pub fn absorb(&mut self, nested: Fields<'_, '_>, known: &[&str]) {
        let diags = nested.finish(known);
        self.diags.extend(diags);
    }

    /// Reports every key that was not read (a typo must never be silently ignored) and
    /// returns all problems found.
    pub fn finish(mut self, known: &[&str]) -> Vec<Diagnostic> {
        for key in self.table.keys() {
            let name: &str = key.get_ref().as_ref();
            if self.used.contains(name) || known.contains(&name) {
                continue;
            }
            let span = self.file_span(key.span());
            let mut d = self
                .file
                .error(span, format!("unknown key `{}{name}`", self.prefix));
            d = match did_you_mean(name, known.iter().copied()) {
                Some(suggestion) => d.with_help(format!("did you mean `{suggestion}`?")),
                None => d.with_help(format!("the keys allowed here are: {}", known.join(", "))),
            };
            self.diags.push(d);
        }
        self.diags
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn read(text: &str, run: impl FnOnce(&mut Fields<'_, '_>)) -> Vec<String> {
        let path = PathBuf::from("x.md");
        let file = FileText { path: &path, text };
        let mut diags = Vec::new();
        let Some(table) = parse_table(file, text, 0, &mut diags) else {
            return diags.iter().map(ToString::to_string).collect();
        };
        let mut fields = Fields::new(file, &table, 0, 0..1);
        run(&mut fields);
        fields
            .finish(&["title", "closes", "levels", "hours"])
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn every_problem_of_a_table_is_reported() {
        let text = "titel = \"x\"\ncloses = \"2026-02-30\"\nlevels = [\"hbo\", 3]\n";
        let out = read(text, |f| {
            assert!(f.required_string("title", "\"x\"").is_none());
            assert!(f.date("closes").is_none());
            assert_eq!(f.string_list("levels", "[\"hbo\"]").unwrap().len(), 1);
        });
        assert_eq!(out.len(), 4, "{out:#?}");
        assert!(out[0].starts_with("x.md:1:1: error: missing required key `title`"));
        assert!(out[1].starts_with("x.md:2:10: error: `closes` is not a valid date"));
        assert!(out[2].starts_with("x.md:3:18: error: every item of `levels` must be a text"));
        assert!(out[3].starts_with("x.md:1:1: error: unknown key `titel`"));
        assert!(out[3].contains("did you mean `title`?"));
    }

    #[test]
    fn quoted_dates_are_accepted_and_impossible_ones_are_not() {
        for (text, ok) in [
            ("closes = 2027-01-15", true),
            ("closes = \"2027-01-15\"", true),
            ("closes = \"15-01-2027\"", false),
            ("closes = 2027-01-15T10:00:00", false),
            ("closes = 20270115", false),
        ] {
            let out = read(text, |f| {
                assert_eq!(f.date("closes").is_some(), ok, "{text}")
            });
            assert_eq!(out.is_empty(), ok, "{text}: {out:?}");
        }
    }

    #[test]
    fn an_impossible_unquoted_date_is_a_toml_error_with_date_help() {
        let out = read("closes = 2026-13-45\n", |_| {});
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(
            out[0].starts_with("x.md:1:10: error: invalid TOML"),
            "{out:?}"
        );
        assert!(out[0].contains("YYYY-MM-DD"));
    }

    #[test]
    fn toml_syntax_errors_have_a_location() {
        let out = read("title = \"x\"\nlevels = [hbo]\n", |_| {});
        assert!(!out.is_empty());
        assert!(out[0].starts_with("x.md:2:"), "{out:?}");
        assert!(out[0].contains("invalid TOML"));
    }

    #[test]
    fn integers_are_range_checked() {
        let out = read("hours = 80", |f| {
            assert!(f.integer("hours", 1, 60, "32").is_none())
        });
        assert!(out[0].contains("must be between 1 and 60"), "{out:?}");
    }
}
