//! Free pages (about, privacy) and the home page's intro.

use super::slug::Slug;
use super::{Body, Source};

/// A free page at `/<slug>/`.
#[derive(Debug, Clone)]
pub struct Page {
    /// Unique among pages, and never a path the portal itself uses.
    pub slug: Slug,
    /// The file it came from.
    pub source: Source,
    /// The page's title.
    pub title: String,
    /// One sentence for search engines.
    pub description: Option<String>,
    /// The text.
    pub body: Body,
}

/// The home page's intro, from `content/_index.md`.
#[derive(Debug, Clone)]
pub struct Home {
    /// The file it came from.
    pub source: Source,
    /// Heading of the home page; the portal's title without it.
    pub title: Option<String>,
    /// One sentence for search engines.
    pub description: Option<String>,
    /// The intro text.
    pub body: Body,
}
