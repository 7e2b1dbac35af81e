//! Stage 2: source files -> the typed model. The only producer of [`Portal`].
//!
//! Every file is read on its own (in parallel) into a typed item, collecting every
//! problem instead of stopping at the first; then `references` links the items together
//! (organisations, duplicates). Reads no files and renders nothing.

pub mod advice;
mod brochure;
mod event;
mod organisation;
mod page;
pub mod references;
pub mod switches;
mod vacancy;
pub mod wording;

use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::load::fields::{At, Fields, FileText, parse_table};
use crate::load::front_matter;
use crate::load::walk::{ContentKind, ContentTree, SourceFile};
use crate::model::contact::Contact;
use crate::model::page::Home;
use crate::model::slug::Slug;
use crate::model::today::Today;
use crate::model::{Body, Portal, Source};

pub(crate) use brochure::ParsedBrochure;
pub(crate) use event::ParsedEvent;
pub(crate) use organisation::ParsedOrganisation;
pub(crate) use page::ParsedPage;
pub(crate) use vacancy::ParsedVacancy;

/// What validation needs besides the files.
#[derive(Debug, Clone)]
pub struct Options {
    /// The date deadlines are judged against.
    pub today: Today,
    /// Keep drafts in the portal (`--drafts`).
    pub drafts: bool,
    /// The language of the texts, for the wording check.
    pub language: crate::settings::Language,
    /// Wording rules switched off for the whole portal (`[check] disable`).
    pub wording_off: Vec<String>,
    /// Results kept from the last rebuild of a `serve` session; `None` for a plain build.
    pub memos: Option<std::sync::Arc<crate::memo::Memos>>,
}

impl Options {
    /// The fair-wording findings of `text`, from the session's memo when it has them.
    pub(crate) fn wording(&self, text: &str) -> std::sync::Arc<Vec<wording::Finding>> {
        let check = || wording::check(text, self.language);
        match &self.memos {
            Some(memos) => memos
                .wording
                .get_or_make(crate::memo::key((text, self.language.code())), check),
            None => std::sync::Arc::new(check()),
        }
    }
}

/// One file, read into its typed form.
pub(crate) struct Parsed<'a> {
    /// The file, for messages about references.
    pub file: &'a SourceFile,
    /// What it holds.
    pub item: Item,
}

/// What one file holds, before the references between files are checked. It depends on
/// the file and the [`Options`] only, so `serve` keeps it for files that did not change.
#[derive(Clone)]
pub(crate) enum Item {
    Vacancy(ParsedVacancy),
    Organisation(ParsedOrganisation),
    Brochure(ParsedBrochure),
    Page(ParsedPage),
    Event(ParsedEvent),
    Home(Home),
}

/// A file's item (`None` when it has an error) and its problems.
pub(crate) type Read = (Option<Item>, Vec<Diagnostic>);

/// Builds the portal from the content tree; every problem goes to `diags`.
///
/// Returns `None` only when a problem makes a portal impossible; otherwise the portal
/// holds every item that could be read, so `check` can report on all of them.
pub fn portal(tree: &ContentTree, options: Options, diags: &mut Vec<Diagnostic>) -> Portal {
    let results: Vec<(Option<Parsed<'_>>, Vec<Diagnostic>)> = tree
        .files
        .par_iter()
        .map(|file| parse_file(file, &options))
        .collect();
    let mut parsed = Vec::with_capacity(results.len());
    for (item, problems) in results {
        diags.extend(problems);
        parsed.extend(item);
    }
    references::link(parsed, tree, options, diags)
}

/// Reads one file into its typed form, or takes it from the session's memo when neither
/// the file nor the options changed since it was read.
fn parse_file<'a>(
    file: &'a SourceFile,
    options: &Options,
) -> (Option<Parsed<'a>>, Vec<Diagnostic>) {
    let (item, diags) = match &options.memos {
        Some(memos) => {
            let key = crate::memo::key((
                file.digest,
                &file.path,
                options.today.0.to_string(),
                options.drafts,
                options.language.code(),
                &options.wording_off,
            ));
            (*memos.parsed.get_or_make(key, || read_file(file, options))).clone()
        }
        None => read_file(file, options),
    };
    (item.map(|item| Parsed { file, item }), diags)
}

/// Reads one file into its typed form.
fn read_file(file: &SourceFile, options: &Options) -> Read {
    let text = FileText {
        path: &file.path,
        text: &file.text,
    };
    let mut diags = Vec::new();
    let split = match front_matter::split(text) {
        Ok(split) => split,
        Err(d) => return (None, vec![d]),
    };
    let Some(table) = parse_table(
        text,
        &file.text[split.toml.clone()],
        split.toml.start,
        &mut diags,
    ) else {
        return (None, diags);
    };
    let mut fields = Fields::new(text, &table, split.toml.start, split.opening.clone());
    let body = Body {
        markdown: std::sync::Arc::from(&file.text[split.body.clone()]),
        first_line: split.body_first_line,
    };
    let parsed = match file.kind {
        ContentKind::Vacancy => vacancy::parse(file, &mut fields, body, options).map(Item::Vacancy),
        ContentKind::Organisation => {
            organisation::parse(file, &mut fields, body).map(Item::Organisation)
        }
        ContentKind::Brochure => brochure::parse(file, &mut fields, body).map(Item::Brochure),
        ContentKind::Page => page::parse(file, &mut fields, body).map(Item::Page),
        ContentKind::Event => event::parse(file, &mut fields, body).map(Item::Event),
        ContentKind::Home => Some(Item::Home(page::parse_home(file, &mut fields, body))),
    };
    let known = match file.kind {
        ContentKind::Vacancy => vacancy::KEYS,
        ContentKind::Organisation => organisation::KEYS,
        ContentKind::Brochure => brochure::KEYS,
        ContentKind::Page => page::KEYS,
        ContentKind::Event => event::KEYS,
        ContentKind::Home => page::HOME_KEYS,
    };
    let problems = fields.finish(known);
    let failed = problems.iter().any(Diagnostic::is_error);
    diags.extend(problems);
    // A file with an error does not enter the portal, so nothing downstream trips over it.
    (if failed { None } else { parsed }, diags)
}

/// The slug of a file: its `slug` key (which must already be a slug), else its folded stem.
pub(crate) fn slug_of(file: &SourceFile, fields: &mut Fields<'_, '_>) -> Option<At<Slug>> {
    if let Some(at) = fields.string("slug", "\"stagiair-communicatie\"") {
        return match Slug::parse(&at.value) {
            Some(slug) => Some(At {
                value: slug,
                span: at.span,
            }),
            None => {
                let suggestion =
                    Slug::fold(&at.value).map_or_else(String::new, |s| format!(": \"{s}\""));
                let d = fields
                    .file()
                    .error(
                        at.span,
                        format!("`slug` {:?} is not a valid slug", at.value),
                    )
                    .with_help(format!(
                        "use only lowercase a-z, 0-9 and single dashes{suggestion}"
                    ));
                fields.push(d);
                None
            }
        };
    }
    let stem = file
        .path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    match Slug::fold(&stem) {
        Some(slug) => Some(At {
            value: slug,
            span: 0..0,
        }),
        None => {
            fields.push(
                Diagnostic::error(&file.path, format!("the file name {stem:?} gives no usable slug"))
                    .with_help("rename the file using letters and digits, e.g. stagiair-communicatie.md, or add a `slug` key"),
            );
            None
        }
    }
}

/// The value of an `organisation` key, which must already be an organisation's slug.
pub(crate) fn organisation_slug(fields: &mut Fields<'_, '_>, at: &At<String>) -> Option<Slug> {
    let slug = Slug::parse(&at.value);
    if slug.is_none() {
        let hint =
            Slug::fold(&at.value).map_or_else(String::new, |s| format!(" (perhaps \"{s}\")"));
        let d = fields
            .file()
            .error(
                at.span.clone(),
                format!(
                    "`organisation` {:?} is not an organisation's slug",
                    at.value
                ),
            )
            .with_help(format!(
                "write the file name of the organisation without .md{hint}"
            ));
        fields.push(d);
    }
    slug
}

/// True for something that looks like one e-mail address.
///
/// # Example
/// ```
/// # use stagebord::validate::is_email;
/// assert!(is_email("stages@lindewoude.example.nl"));
/// assert!(!is_email("stages at example.nl"));
/// assert!(!is_email("a@b"));
/// ```
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.contains(|c: char| {
            c.is_whitespace() || matches!(c, '<' | '>' | '"' | ',' | ';' | ':' | '/')
        })
}

/// True for an absolute http(s) URL with a host and no spaces.
pub fn is_web_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty()
            && host.contains('.')
            && !r.contains(char::is_whitespace)
            && !r.contains(['<', '>', '"'])
    })
}

/// An optional http(s) URL key.
pub(crate) fn web_url(fields: &mut Fields<'_, '_>, key: &'static str) -> Option<String> {
    let at = fields.string(key, "\"https://www.example.nl\"")?;
    if is_web_url(&at.value) {
        return Some(at.value);
    }
    let d = fields
        .file()
        .error(
            at.span,
            format!("`{key}` must be an http:// or https:// address"),
        )
        .with_help(format!(
            "for example: {key} = \"https://www.lindewoude.example.nl\""
        ));
    fields.push(d);
    None
}

/// An optional e-mail key.
pub(crate) fn email(fields: &mut Fields<'_, '_>, key: &'static str) -> Option<String> {
    let at = fields.string(key, "\"stages@example.nl\"")?;
    let address = at
        .value
        .strip_prefix("mailto:")
        .unwrap_or(&at.value)
        .to_string();
    if is_email(&address) {
        return Some(address);
    }
    let d = fields
        .file()
        .error(
            at.span,
            format!("`{key}` {:?} is not an e-mail address", at.value),
        )
        .with_help(format!(
            "for example: {key} = \"stages@lindewoude.example.nl\""
        ));
    fields.push(d);
    None
}

/// The keys of a contact or coordinator table.
const CONTACT_KEYS: &[&str] = &["name", "role", "email", "phone"];

/// A `{name, role, email, phone}` table.
pub(crate) fn contact(fields: &mut Fields<'_, '_>, key: &'static str) -> Option<Contact> {
    let example =
        "{ name = \"Sanne de Wit\", role = \"stagecoördinator\", email = \"s.dewit@example.nl\" }";
    let mut t = fields.table(key, example)?;
    let contact = Contact {
        name: t.string("name", "\"Sanne de Wit\"").map(|a| a.value),
        role: t.string("role", "\"stagecoördinator\"").map(|a| a.value),
        email: email(&mut t, "email"),
        phone: t.string("phone", "\"0321 555 010\"").map(|a| a.value),
    };
    fields.absorb(t, CONTACT_KEYS);
    (contact.name.is_some() || contact.email.is_some() || contact.phone.is_some())
        .then_some(contact)
}

/// The source record of a file.
pub(crate) fn source(file: &SourceFile) -> Source {
    Source {
        path: file.path.clone(),
        digest: file.digest,
    }
}

/// A diagnostic at a span of a parsed file (used after parsing, when `Fields` is gone).
pub(crate) fn error_in(
    file: &SourceFile,
    span: Range<usize>,
    message: impl Into<String>,
) -> Diagnostic {
    let text = FileText {
        path: &file.path,
        text: &file.text,
    };
    if span.is_empty() && span.start == 0 {
        Diagnostic::error(&file.path, message)
    } else {
        text.error(span, message)
    }
}

/// The folder of a content file (`content/vacancies/org`), for resolving relative paths.
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}
