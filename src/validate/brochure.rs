//! Reads a brochure's front matter into a [`Brochure`].

use std::ops::Range;

use crate::load::fields::Fields;
use crate::load::walk::SourceFile;
use crate::model::Body;
use crate::model::brochure::Brochure;
use crate::model::terms::BrochureKind;
use crate::validate::{slug_of, source};

/// The keys a brochure may have.
pub(crate) const KEYS: &[&str] = &["title", "slug", "organisation", "kind", "updated"];

/// A brochure read from its file, before its organisation is checked.
#[derive(Clone)]
pub(crate) struct ParsedBrochure {
    /// The brochure; `organisation` is the key's value, not yet checked.
    pub brochure: Brochure,
    /// Where the `organisation` key is.
    pub organisation_key: Range<usize>,
}

/// Reads a brochure; `None` when a required part is missing or wrong.
pub(crate) fn parse(
    file: &SourceFile,
    f: &mut Fields<'_, '_>,
    body: Body,
) -> Option<ParsedBrochure> {
    let slug = slug_of(file, f);
    let title = f.required_string("title", "\"Huisregels voor stagiairs\"");
    let organisation = f.required_string("organisation", "\"gemeente-lindewoude\"");
    let organisation_slug = organisation
        .as_ref()
        .and_then(|at| super::organisation_slug(f, at));
    let kind = f.string("kind", "\"huisregels\"").and_then(|at| {
        let kind = BrochureKind::parse(&at.value.to_lowercase());
        if kind.is_none() {
            let d = f
                .file()
                .error(at.span, format!("unknown brochure kind {:?}", at.value))
                .with_help(format!(
                    "use one of: {}",
                    BrochureKind::spellings().join(", ")
                ));
            f.push(d);
        }
        kind
    });
    let updated = f.date("updated").map(|a| a.value);
    Some(ParsedBrochure {
        brochure: Brochure {
            slug: slug?.value,
            source: source(file),
            title: title?.value,
            organisation: organisation_slug?,
            kind,
            updated,
            body,
        },
        organisation_key: organisation?.span,
    })
}
