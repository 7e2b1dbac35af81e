//! A brochure: house rules, internship regulations or a welcome guide of one organisation.

use jiff::civil::Date;

use super::slug::Slug;
use super::terms::BrochureKind;
use super::{Body, Source};

/// A validated brochure. Built only by `validate`.
#[derive(Debug, Clone)]
pub struct Brochure {
    /// Unique among brochures; the URL is `/organisaties/<organisation>/<slug>/`.
    pub slug: Slug,
    /// The file it came from.
    pub source: Source,
    /// "Huisregels voor stagiairs".
    pub title: String,
    /// Whose rules these are (checked to exist).
    pub organisation: Slug,
    /// What it is.
    pub kind: Option<BrochureKind>,
    /// Last change.
    pub updated: Option<Date>,
    /// The text.
    pub body: Body,
}
