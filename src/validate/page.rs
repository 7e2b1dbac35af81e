//! Reads free pages and the home page's intro.

use std::ops::Range;

use crate::load::fields::Fields;
use crate::load::walk::SourceFile;
use crate::model::Body;
use crate::model::page::{Home, Page};
use crate::validate::{slug_of, source};

/// The keys a free page may have.
pub(crate) const KEYS: &[&str] = &["title", "slug", "description"];
/// The keys `content/_index.md` may have.
pub(crate) const HOME_KEYS: &[&str] = &["title", "description"];

/// A page read from its file, before its slug is checked against the portal's own paths.
#[derive(Clone)]
pub(crate) struct ParsedPage {
    /// The page.
    pub page: Page,
    /// Where the slug came from (the `slug` key, or nothing for the file name).
    pub slug_span: Range<usize>,
}

/// Reads a free page.
pub(crate) fn parse(file: &SourceFile, f: &mut Fields<'_, '_>, body: Body) -> Option<ParsedPage> {
    let slug = slug_of(file, f);
    let title = f.required_string("title", "\"Over dit portaal\"");
    let description = f.string("description", "\"...\"").map(|a| a.value);
    let slug = slug?;
    Some(ParsedPage {
        page: Page {
            slug: slug.value,
            source: source(file),
            title: title?.value,
            description,
            body,
        },
        slug_span: slug.span,
    })
}

/// Reads `content/_index.md`.
pub(crate) fn parse_home(file: &SourceFile, f: &mut Fields<'_, '_>, body: Body) -> Home {
    Home {
        source: source(file),
        title: f
            .string("title", "\"Stages bij de overheid\"")
            .map(|a| a.value),
        description: f.string("description", "\"...\"").map(|a| a.value),
        body,
    }
}
