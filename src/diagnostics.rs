//! Problems found in a portal's files, reported together at the end of a run.
//!
//! Content problems never stop a stage: each stage pushes what it finds into a
//! [`Diagnostics`] value it is handed (no global state) and goes on with the next file,
//! so a person sees every mistake of a build at once. The pipeline stops after validation
//! when [`Diagnostics::has_errors`] is true. Infrastructure failures (a disk that will not
//! take the output) are not diagnostics: they are the error types of `publish`.
//!
//! This module knows no domain type; it only knows files, positions and messages.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build stops; the last good output stays online.
    Error,
    /// Worth fixing; the build goes on (and `check --strict` refuses it).
    Warning,
    /// Worth knowing, nothing to fix (a closed vacancy); even `--strict` lets it pass.
    Note,
}

/// A 1-based line and column (in characters) inside a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// One problem, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the portal's root where possible.
    pub path: PathBuf,
    /// Line and column, where they can be known.
    pub location: Option<Location>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The offending source line and the width of the part to underline.
    pub snippet: Option<Snippet>,
    /// How to fix it.
    pub help: Option<String>,
    /// The id of the rule that found it (`leeftijd`), shown as `warning[leeftijd]`.
    pub code: Option<String>,
    /// The words it is about, for tools (`check --format json`).
    pub phrase: Option<String>,
}

/// The source line a diagnostic points into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The whole line, without its line break.
    pub line: String,
    /// How many characters from the location on to underline (at least 1).
    pub width: usize,
}

impl Diagnostic {
    /// An error about a whole file (no position known).
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, message)
    }

    /// A warning about a whole file (no position known).
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, message)
    }

    fn new(severity: Severity, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity,
            path: path.into(),
            location: None,
            message: message.into(),
            snippet: None,
            help: None,
            code: None,
            phrase: None,
        }
    }

    /// Names the rule that found the problem.
    pub fn with_code(mut self, code: impl Into<String>, phrase: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self.phrase = Some(phrase.into());
        self
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Points the diagnostic at a byte range of `text`, the full contents of its file.
    pub fn at(mut self, text: &str, span: std::ops::Range<usize>) -> Self {
        let (location, snippet) = locate(text, span);
        self.location = Some(location);
        self.snippet = Some(snippet);
        self
    }

    /// Points the diagnostic at a byte range of a Markdown body that starts on line
    /// `first_line` of its file.
    pub fn at_body(mut self, body: &str, span: std::ops::Range<usize>, first_line: usize) -> Self {
        let (mut location, snippet) = locate(body, span);
        location.line += first_line.saturating_sub(1);
        self.location = Some(location);
        self.snippet = Some(snippet);
        self
    }

    /// A note about a whole file.
    pub fn note(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, path, message)
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Turns a byte range of `text` into a line, a column and the source line.
///
/// Offsets past the end or inside a character are clamped, so a position computed by
/// another parser can never make this panic.
///
/// # Example
/// ```
/// use stagebord::diagnostics::locate;
/// let (loc, snippet) = locate("a = 1\nb = é2\n", 10..12);
/// assert_eq!((loc.line, loc.column), (2, 5));
/// assert_eq!(snippet.line, "b = é2");
/// ```
pub fn locate(text: &str, span: std::ops::Range<usize>) -> (Location, Snippet) {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[..start].matches('\n').count() + 1;
    let column = text[line_start..start].chars().count() + 1;
    let underline_end = end.min(line_end);
    let width = text[start..underline_end].chars().count().max(1);
    let source_line = text[line_start..line_end]
        .trim_end_matches('\r')
        .to_string();
    (
        Location { line, column },
        Snippet {
            line: source_line,
            width,
        },
    )
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

impl fmt::Display for Diagnostic {
    /// `path:line:column: error: message`, the source line with a caret, and the help.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{}", self.path.display())?;
        if let Some(loc) = self.location {
            write!(f, ":{}:{}", loc.line, loc.column)?;
        }
        match &self.code {
            Some(code) => write!(f, ": {label}[{code}]: {}", self.message)?,
            None => write!(f, ": {label}: {}", self.message)?,
        }
        if let (Some(loc), Some(snippet)) = (self.location, &self.snippet) {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            let indent: String = snippet
                .line
                .chars()
                .take(loc.column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n{pad} |\n{number} | {}\n{pad} | {indent}{}",
                snippet.line,
                "^".repeat(snippet.width)
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem of one run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records the problems another stage collected (e.g. one file's, from a parallel loop).
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// True when at least one error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// How many errors were recorded.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// How many warnings were recorded.
    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// The problems sorted by file, position, severity and message, so that output never
    /// depends on the order in which parallel work finished.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (&a.path, a.location, a.severity, &a.message)
                .cmp(&(&b.path, b.location, b.severity, &b.message))
        });
        items.dedup();
        items
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Removes and returns everything recorded so far.
    pub fn take(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.items)
    }
}

/// Every diagnostic as JSON, for editors and CI annotations (`check --format json`): an
/// array of `{file, line, column, severity, rule, phrase, message, help}`, line and column
/// 1-based or null.
pub fn to_json(diagnostics: &[Diagnostic]) -> String {
    #[derive(serde::Serialize)]
    struct Finding<'a> {
        file: String,
        line: Option<usize>,
        column: Option<usize>,
        severity: &'static str,
        rule: Option<&'a str>,
        phrase: Option<&'a str>,
        message: &'a str,
        help: Option<&'a str>,
    }
    let findings: Vec<Finding<'_>> = diagnostics
        .iter()
        .map(|d| Finding {
            file: d.path.display().to_string(),
            line: d.location.map(|l| l.line),
            column: d.location.map(|l| l.column),
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            },
            rule: d.code.as_deref(),
            phrase: d.phrase.as_deref(),
            message: &d.message,
            help: d.help.as_deref(),
        })
        .collect();
    serde_json::to_string_pretty(&findings).unwrap_or_else(|_| "[]".to_string())
}

/// Shows a path relative to `root` when it lies inside it, for short messages.
pub fn relative_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
///
/// # Example
/// ```
/// use stagebord::diagnostics::did_you_mean;
/// assert_eq!(did_you_mean("titel", ["title", "levels"]), Some("title"));
/// assert_eq!(did_you_mean("zzz", ["title", "levels"]), None);
/// ```
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_characters() {
        let text = "+++\ntitle = \"Één\"\nlevels = [\"x\"]\n";
        let start = text.find("[\"x\"]").unwrap();
        let (loc, snip) = locate(text, start..start + 5);
        assert_eq!(
            loc,
            Location {
                line: 3,
                column: 10
            }
        );
        assert_eq!(snip.line, "levels = [\"x\"]");
        assert_eq!(snip.width, 5);
    }

    #[test]
    fn locate_never_panics_on_bad_offsets() {
        let text = "é\n";
        let (loc, _) = locate(text, 1..99);
        assert_eq!(loc.line, 1);
        let (loc, snip) = locate(text, 99..100);
        assert_eq!(loc.line, 2);
        assert_eq!(snip.width, 1);
    }

    #[test]
    fn display_has_path_line_column_caret_and_help() {
        let text = "a = 1\nkind = \"stagee\"\n";
        let d = Diagnostic::error("content/vacancies/x.md", "unknown kind \"stagee\"")
            .at(text, 13..21)
            .with_help("use one of stage, bbl");
        let shown = d.to_string();
        assert_eq!(
            shown,
            "content/vacancies/x.md:2:8: error: unknown kind \"stagee\"\n  |\n2 | kind = \"stagee\"\n  |        ^^^^^^^^\n  = help: use one of stage, bbl"
        );
    }

    #[test]
    fn sorted_is_independent_of_push_order() {
        let a = Diagnostic::error("b.md", "x");
        let b = Diagnostic::warning("a.md", "y");
        let mut one = Diagnostics::new();
        one.push(a.clone());
        one.push(b.clone());
        let mut two = Diagnostics::new();
        two.push(b);
        two.push(a);
        assert_eq!(one.sorted(), two.sorted());
        assert_eq!(one.error_count(), 1);
        assert_eq!(one.warning_count(), 1);
    }
}
