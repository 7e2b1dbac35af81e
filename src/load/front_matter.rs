//! Splits a content file into its TOML front matter and its Markdown body.
//!
//! Only `+++` fences are accepted. YAML (`---`) and a missing front matter are reported
//! with how to fix them. The body keeps its byte offset and first line, so that later
//! stages can point at a line of the original file.

use std::ops::Range;

use crate::diagnostics::Diagnostic;
use crate::load::fields::FileText;

/// Where the parts of a content file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The TOML between the fences (byte range of the file).
    pub toml: Range<usize>,
    /// The opening `+++` line, where file-level problems (a missing key) are shown.
    pub opening: Range<usize>,
    /// The Markdown after the closing fence.
    pub body: Range<usize>,
    /// The 1-based line on which the body starts.
    pub body_first_line: usize,
}

const EXAMPLE: &str =
    "start the file with a line +++, then the keys (title = \"...\"), then a line +++ and the text";

/// Finds the front matter of `file`, or explains why there is none.
pub fn split(file: FileText<'_>) -> Result<Split, Diagnostic> {
    let text = file.text;
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut lines = LineIter { text, pos: start };
    let first = lines.next();
    let first_trimmed = first.as_ref().map(|l| text[l.clone()].trim_end());
    match first_trimmed {
        Some("+++") => {}
        Some("---") => {
            let range = first.unwrap_or(0..0);
            return Err(file
                .error(range, "YAML front matter (---) is not supported")
                .with_help("stagebord reads TOML between two +++ lines: replace both --- lines by +++ and write keys as title = \"...\""));
        }
        _ => {
            return Err(file
                .error(start..start, "this file has no front matter")
                .with_help(EXAMPLE));
        }
    }
    let opening = first.unwrap_or(0..0);
    let toml_start = line_end_with_break(text, opening.end);
    let mut line_number = 1;
    for line in lines {
        line_number += 1;
        if text[line.clone()].trim_end() == "+++" {
            let body_start = line_end_with_break(text, line.end);
            return Ok(Split {
                toml: toml_start..line.start,
                opening,
                body: body_start..text.len(),
                body_first_line: line_number + 1,
            });
        }
    }
    Err(file
        .error(opening, "the front matter is never closed")
        .with_help("add a line with only +++ after the last key, before the text"))
}

/// Skips the line break that ends a line at `end`.
fn line_end_with_break(text: &str, end: usize) -> usize {
    if text[end..].starts_with("\r\n") {
        end + 2
    } else if text[end..].starts_with('\n') {
        end + 1
    } else {
        end
    }
}

/// Byte ranges of lines, without their line breaks.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for LineIter<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        self.pos = end + 1;
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn run(text: &str) -> Result<Split, Diagnostic> {
        split(FileText {
            path: Path::new("x.md"),
            text,
        })
    }

    #[test]
    fn splits_toml_and_body_with_offsets() {
        let text = "+++\ntitle = \"a\"\n+++\n\nHallo\n";
        let s = run(text).unwrap();
        assert_eq!(&text[s.toml.clone()], "title = \"a\"\n");
        assert_eq!(&text[s.body.clone()], "\nHallo\n");
        assert_eq!(s.body_first_line, 4);
    }

    #[test]
    fn handles_crlf_bom_and_trailing_spaces() {
        let text = "\u{feff}+++ \r\ntitle = \"a\"\r\n+++\r\nbody";
        let s = run(text).unwrap();
        assert_eq!(&text[s.toml.clone()], "title = \"a\"\r\n");
        assert_eq!(&text[s.body.clone()], "body");
    }

    #[test]
    fn explains_yaml_missing_and_unclosed() {
        let yaml = run("---\ntitle: a\n---\n").unwrap_err();
        assert!(yaml.message.contains("YAML"));
        assert_eq!(yaml.location.unwrap().line, 1);
        let none = run("# Title\n").unwrap_err();
        assert!(none.message.contains("no front matter"));
        let open = run("+++\ntitle = \"a\"\n").unwrap_err();
        assert!(open.message.contains("never closed"));
        assert!(run("").is_err());
    }

    #[test]
    fn never_panics_and_body_offset_points_into_the_text() {
        let samples = [
            "+++",
            "+++\n",
            "+++\n+++",
            "+++\r\n+++\r\n",
            "\u{feff}",
            "+++\n+++\né",
            "é+++\n+++\n",
            "+++\n\n+++\n\n+++\n",
            "\r\n\r\n",
            "+++\r",
            "+++\r\n+++",
        ];
        for text in samples {
            if let Ok(s) = run(text) {
                assert!(s.body.start <= text.len() && text.is_char_boundary(s.body.start));
                assert!(s.toml.start <= s.toml.end && text.is_char_boundary(s.toml.end));
            }
        }
    }
}
