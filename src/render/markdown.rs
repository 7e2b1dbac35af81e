//! Markdown bodies -> HTML and a plain-text summary, with links resolved.
//!
//! Rendering waits until the whole portal is validated, because a body may link to any
//! other content file (`../brochures/huisregels.md`) and that link must become the
//! page's URL. Each body is rendered once, here, and reused by the page, the listings
//! and (later) the feeds and the search index.
//!
//! The raw-HTML and link-scheme policy lives here too: raw HTML is shown as text unless
//! `allow_raw_html` is set, and only http, https, mailto and tel links are links.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::model::slug::Slug;
use crate::model::{Asset, Body, Portal, Source};
use crate::render::escape_html;
use crate::urls::{Route, Urls};
use crate::validate::references::normalize;

/// A rendered body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML, safe to insert into a page.
    pub html: String,
    /// The first paragraph as plain text (at most about 300 characters).
    pub summary: String,
}

/// Every body of the portal, aligned with the portal's lists (index `i` of `vacancies`
/// is the body of `portal.vacancies[i]`).
#[derive(Debug, Clone, Default)]
pub struct Bodies {
    /// Vacancy bodies.
    pub vacancies: Vec<Arc<Rendered>>,
    /// Organisation profiles.
    pub organisations: Vec<Arc<Rendered>>,
    /// Brochure texts.
    pub brochures: Vec<Arc<Rendered>>,
    /// Free pages.
    pub pages: Vec<Arc<Rendered>>,
    /// Event descriptions.
    pub events: Vec<Arc<Rendered>>,
    /// The home page's intro.
    pub home: Option<Arc<Rendered>>,
    /// Files the bodies refer to, to copy beside their pages (sorted, unique).
    pub assets: Vec<Asset>,
}

/// What links in a body can point to.
struct Targets<'a> {
    /// Content file -> link to its page.
    pages: HashMap<&'a Path, String>,
    /// Files of `content/` that are not Markdown.
    files: &'a BTreeSet<PathBuf>,
    /// Width and height of the images among them.
    sizes: &'a BTreeMap<PathBuf, crate::load::images::Size>,
    urls: &'a Urls,
    allow_raw_html: bool,
}

/// One body to render: where it came from and where its page is published.
struct Job<'a> {
    body: &'a Body,
    source: &'a Source,
    /// Output folder of the page, relative to the output root, ending in `/` (or empty).
    page_dir: String,
}

/// Renders every body of the portal in parallel; problems (a link to a missing file) go
/// to `diags`.
pub fn bodies(
    portal: &Portal,
    content_files: &BTreeSet<PathBuf>,
    image_sizes: &BTreeMap<PathBuf, crate::load::images::Size>,
    urls: &Urls,
    allow_raw_html: bool,
    memos: Option<&crate::memo::Memos>,
    diags: &mut Vec<Diagnostic>,
) -> Bodies {
    let dir = |route: Route<'_>| route.path().trim_start_matches('/').to_string();
    // Every page a body can link to, in the portal's order. (A BTreeMap of paths cost
    // 14,000 instructions per insert, as paths compare component by component.)
    let mut pages: Vec<(&Path, String)> = Vec::with_capacity(
        portal.vacancies.len() + portal.organisations.len() + portal.brochures.len(),
    );
    for v in &portal.vacancies {
        pages.push((&v.source.path, urls.href(Route::Vacancy(&v.slug))));
    }
    for o in &portal.organisations {
        pages.push((&o.source.path, urls.href(Route::Organisation(&o.slug))));
    }
    for b in &portal.brochures {
        let route = Route::Brochure {
            organisation: &b.organisation,
            brochure: &b.slug,
        };
        pages.push((&b.source.path, urls.href(route)));
    }
    for p in &portal.pages {
        pages.push((&p.source.path, urls.href(Route::Page(&p.slug))));
    }
    for e in &portal.events {
        pages.push((&e.source.path, urls.href(Route::Event(&e.slug))));
    }
    if let Some(h) = &portal.home {
        pages.push((&h.source.path, urls.href(Route::Home)));
    }
    // Everything a body's HTML depends on besides its own text and place: a kept result
    // is reused only when none of it changed.
    let universe = memos.map(|_| {
        crate::memo::key((
            &pages,
            content_files,
            image_sizes,
            urls.base(),
            allow_raw_html,
        ))
    });
    let targets = Targets {
        pages: pages.into_iter().collect(),
        files: content_files,
        sizes: image_sizes,
        urls,
        allow_raw_html,
    };
    let run = |jobs: Vec<Job<'_>>| -> Vec<crate::memo::RenderedBody> {
        jobs.into_par_iter()
            .map(|job| match (memos, universe) {
                (Some(memos), Some(universe)) => {
                    let key = crate::memo::key((
                        universe,
                        // The file's digest covers the Markdown (hashing the text again
                        // was the larger part of a lookup).
                        job.source.digest,
                        job.body.first_line,
                        &job.source.path,
                        &job.page_dir,
                    ));
                    let (rendered, assets, problems) = &*memos.markdown.get_or_make(key, || {
                        let (rendered, assets, problems) = render(&job, &targets);
                        (Arc::new(rendered), assets, problems)
                    });
                    (Arc::clone(rendered), assets.clone(), problems.clone())
                }
                _ => {
                    let (rendered, assets, problems) = render(&job, &targets);
                    (Arc::new(rendered), assets, problems)
                }
            })
            .collect()
    };
    let vacancies = run(portal
        .vacancies
        .iter()
        .map(|v| Job {
            body: &v.body,
            source: &v.source,
            page_dir: dir(Route::Vacancy(&v.slug)),
        })
        .collect());
    let organisations = run(portal
        .organisations
        .iter()
        .map(|o| Job {
            body: &o.body,
            source: &o.source,
            page_dir: dir(Route::Organisation(&o.slug)),
        })
        .collect());
    let brochures = run(portal
        .brochures
        .iter()
        .map(|b| Job {
            body: &b.body,
            source: &b.source,
            page_dir: dir(Route::Brochure {
                organisation: &b.organisation,
                brochure: &b.slug,
            }),
        })
        .collect());
    let pages_rendered = run(portal
        .pages
        .iter()
        .map(|p| Job {
            body: &p.body,
            source: &p.source,
            page_dir: dir(Route::Page(&p.slug)),
        })
        .collect());
    let events = run(portal
        .events
        .iter()
        .map(|e| Job {
            body: &e.body,
            source: &e.source,
            page_dir: dir(Route::Event(&e.slug)),
        })
        .collect());
    let home = run(portal
        .home
        .iter()
        .map(|h| Job {
            body: &h.body,
            source: &h.source,
            page_dir: String::new(),
        })
        .collect());

    let mut assets = BTreeSet::new();
    let mut collect = |results: Vec<crate::memo::RenderedBody>| -> Vec<Arc<Rendered>> {
        results
            .into_iter()
            .map(|(rendered, found, problems)| {
                assets.extend(found);
                diags.extend(problems);
                rendered
            })
            .collect()
    };
    let bodies = Bodies {
        vacancies: collect(vacancies),
        organisations: collect(organisations),
        brochures: collect(brochures),
        pages: collect(pages_rendered),
        events: collect(events),
        home: collect(home).into_iter().next(),
        assets: Vec::new(),
    };
    Bodies {
        assets: assets.into_iter().collect(),
        ..bodies
    }
}

/// The parser options every body gets.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// True when `url` starts with a URI scheme (`javascript:`, `https:` ...).
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| candidate.to_ascii_lowercase())
}

/// Decodes `%20` and friends in a relative path written in Markdown.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(hex) = std::str::from_utf8(&bytes[i + 1..i + 3])
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What a link or image destination turned out to be.
enum Resolved {
    /// Keep it as it is (external, anchor, absolute path).
    Keep,
    /// Rewrite to this URL.
    Rewrite(String),
    /// A file of `content/` copied beside the page: its URL and its path.
    File(String, PathBuf),
    /// Not a link we render: show the text only.
    Drop(String),
    /// A broken relative link.
    Missing(String),
}

fn resolve(dest: &str, job: &Job<'_>, targets: &Targets<'_>, assets: &mut Vec<Asset>) -> Resolved {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") {
        return Resolved::Keep;
    }
    if let Some(scheme) = scheme(dest) {
        return if matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel") {
            Resolved::Keep
        } else {
            Resolved::Drop(scheme)
        };
    }
    if dest.starts_with('/') {
        return Resolved::Rewrite(targets.urls.href_path(dest));
    }
    let (path_part, fragment) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let folder = job.source.path.parent().unwrap_or(Path::new(""));
    let Some(target) = normalize(folder, &percent_decode(path_part)) else {
        return Resolved::Missing(dest.to_string());
    };
    if let Some(url) = targets.pages.get(target.as_path()) {
        return Resolved::Rewrite(format!("{url}{fragment}"));
    }
    if targets.files.contains(&target) {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let output = format!("{}{name}", job.page_dir);
        let href = targets.urls.href_path(&format!("/{output}"));
        assets.push(Asset {
            source: target.clone(),
            output,
        });
        return Resolved::File(format!("{href}{fragment}"), target);
    }
    Resolved::Missing(dest.to_string())
}

/// An image being read: everything but its alt text is known at its start.
struct Image {
    src: String,
    title: String,
    size: Option<crate::load::images::Size>,
    span: Range<usize>,
    alt: String,
}

impl Image {
    /// `<img>` with the size reserved, so the page does not shift while it loads.
    fn html(&self) -> String {
        let mut out = format!(
            "<img src=\"{}\" alt=\"{}\"",
            escape_html(&self.src),
            escape_html(&self.alt)
        );
        if !self.title.is_empty() {
            out.push_str(&format!(" title=\"{}\"", escape_html(&self.title)));
        }
        if let Some((w, h)) = self.size {
            out.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        }
        out.push_str(" loading=\"lazy\">");
        out
    }
}

/// Renders one body.
fn render(job: &Job<'_>, targets: &Targets<'_>) -> (Rendered, Vec<Asset>, Vec<Diagnostic>) {
    let text = &job.body.markdown;
    let path = &job.source.path;
    let first_line = job.body.first_line;
    let mut diags = Vec::new();
    let mut assets = Vec::new();
    let at = |d: Diagnostic, span: Range<usize>| d.at_body(text, span, first_line);

    let mut events: Vec<Event<'_>> = Vec::new();
    // Links we turned into plain text: their End must be dropped too.
    let mut dropped_links: Vec<bool> = Vec::new();
    let mut heading: Option<(HeadingLevel, Vec<Event<'_>>, usize)> = None;
    let mut used_ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut image: Option<Image> = None;
    let mut summary = String::new();
    let mut paragraph_depth = 0usize;
    let mut summary_done = false;

    for (event, span) in Parser::new_ext(text, options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match resolve(&dest_url, job, targets, &mut assets) {
                Resolved::Keep => {
                    dropped_links.push(false);
                    Some(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }))
                }
                Resolved::Rewrite(url) | Resolved::File(url, _) => {
                    dropped_links.push(false);
                    Some(Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(url),
                        title,
                        id,
                    }))
                }
                Resolved::Drop(scheme) => {
                    dropped_links.push(true);
                    diags.push(at(
                        Diagnostic::warning(
                            path,
                            format!("a {scheme}: link is not allowed; it is shown as plain text"),
                        )
                        .with_help("links may use http, https, mailto or tel"),
                        span.clone(),
                    ));
                    None
                }
                Resolved::Missing(dest) => {
                    dropped_links.push(false);
                    diags.push(at(
                        Diagnostic::error(path, format!("this link points to a file that does not exist: {dest}"))
                            .with_help("check the file name and the number of ../ (paths are relative to this Markdown file); a draft is only built with --drafts"),
                        span.clone(),
                    ));
                    Some(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }))
                }
            },
            Event::End(TagEnd::Link) => {
                if dropped_links.pop().unwrap_or(false) {
                    None
                } else {
                    Some(Event::End(TagEnd::Link))
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let (src, size) = match resolve(&dest_url, job, targets, &mut assets) {
                    Resolved::Keep => (dest_url.to_string(), None),
                    Resolved::Rewrite(url) => (url, None),
                    Resolved::File(url, file) => (url, targets.sizes.get(&file).copied()),
                    Resolved::Drop(scheme) => {
                        diags.push(at(
                            Diagnostic::warning(path, format!("an image from a {scheme}: address is not allowed; it is left out"))
                                .with_help("put the image next to the Markdown file and link it by its name"),
                            span.clone(),
                        ));
                        (String::new(), None)
                    }
                    Resolved::Missing(dest) => {
                        diags.push(at(
                            Diagnostic::error(path, format!("this image does not exist: {dest}"))
                                .with_help("put the image next to the Markdown file, and check the spelling of its name"),
                            span.clone(),
                        ));
                        (dest_url.to_string(), None)
                    }
                };
                image = Some(Image {
                    src,
                    title: title.to_string(),
                    size,
                    span: span.clone(),
                    alt: String::new(),
                });
                None
            }
            Event::End(TagEnd::Image) => {
                let Some(img) = image.take() else { continue };
                if img.alt.trim().is_empty() {
                    diags.push(at(
                        Diagnostic::warning(path, "this image has no alt text, so screen readers cannot describe it")
                            .with_help("write what the image shows between the brackets: ![Plattegrond van het gemeentehuis](plattegrond.png)"),
                        img.span.clone(),
                    ));
                }
                Some(Event::InlineHtml(CowStr::from(img.html())))
            }
            // Inside an image, text is its alt text, not content.
            Event::Text(t) | Event::Code(t) if image.is_some() => {
                if let Some(img) = &mut image {
                    img.alt.push_str(&t);
                }
                None
            }
            _ if image.is_some() => None,
            Event::Html(html) | Event::InlineHtml(html) if !targets.allow_raw_html => {
                if !html.trim().is_empty() {
                    diags.push(at(
                        Diagnostic::warning(path, "raw HTML is not allowed in this portal; it is shown as text")
                            .with_help("use Markdown instead, or set allow_raw_html = true in portal.toml for a trusted portal"),
                        span.clone(),
                    ));
                }
                Some(Event::Text(html))
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let level = if level == HeadingLevel::H1 {
                    diags.push(at(
                        Diagnostic::warning(path, "a # heading in the text competes with the page title; it is shown as ##")
                            .with_help("start headings in the text at ##"),
                        span.clone(),
                    ));
                    HeadingLevel::H2
                } else {
                    level
                };
                heading = Some((level, Vec::new(), span.start));
                None
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, inner, _)) = heading.take() {
                    let text: String = inner
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let base =
                        Slug::fold(&text).map_or_else(|| "sectie".to_string(), |s| s.to_string());
                    let count = used_ids.entry(base.clone()).or_insert(0);
                    let id = if *count == 0 {
                        base.clone()
                    } else {
                        format!("{base}-{count}")
                    };
                    *count += 1;
                    events.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    }));
                    events.extend(inner);
                    events.push(Event::End(TagEnd::Heading(level)));
                }
                None
            }
            other => Some(other),
        };
        let Some(event) = event else { continue };

        // The summary: plain text of the first paragraph.
        match &event {
            Event::Start(Tag::Paragraph) if !summary_done => paragraph_depth += 1,
            Event::End(TagEnd::Paragraph) if paragraph_depth > 0 => {
                paragraph_depth -= 1;
                summary_done = !summary.trim().is_empty();
            }
            Event::Text(t) | Event::Code(t)
                if paragraph_depth > 0 && !summary_done && heading.is_none() =>
            {
                summary.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak if paragraph_depth > 0 && !summary_done => {
                summary.push(' ')
            }
            _ => {}
        }
        match &mut heading {
            Some((_, inner, _)) => inner.push(event),
            None => events.push(event),
        }
    }
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // The body is held until the last page and feed that shows it is written, so it is
    // kept without the room reserved above (a third of it unused on average): copied, as
    // the allocator may keep a block that shrinks by less than half where it is.
    let html = html.as_str().to_owned();
    (
        Rendered {
            html,
            summary: shorten(
                summary.split_whitespace().collect::<Vec<_>>().join(" "),
                300,
            ),
        },
        assets,
        diags,
    )
}

/// Cuts text at a word boundary near `max` characters, adding an ellipsis.
fn shorten(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(markdown: &str, allow_raw_html: bool) -> (Rendered, Vec<Asset>, Vec<String>) {
        let files: BTreeSet<PathBuf> = [PathBuf::from("content/vacancies/org/kaart.png")].into();
        let urls = Urls::new("https://stages.example.nl");
        let mut pages = HashMap::new();
        pages.insert(
            Path::new("content/brochures/huisregels.md"),
            "/organisaties/org/huisregels/".to_string(),
        );
        let sizes: BTreeMap<PathBuf, (u32, u32)> =
            [(PathBuf::from("content/vacancies/org/kaart.png"), (640, 480))].into();
        let targets = Targets {
            pages,
            files: &files,
            sizes: &sizes,
            urls: &urls,
            allow_raw_html,
        };
        let body = Body {
            markdown: markdown.into(),
            first_line: 10,
        };
        let source = Source {
            path: PathBuf::from("content/vacancies/org/x.md"),
            digest: 0,
        };
        let job = Job {
            body: &body,
            source: &source,
            page_dir: "vacatures/x/".to_string(),
        };
        let (r, a, d) = render(&job, &targets);
        (r, a, d.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn resolves_content_links_and_copies_images() {
        let (r, assets, d) = run(
            "Lees [de huisregels](../../brochures/huisregels.md#kleding).\n\n![Kaart](kaart.png)\n",
            false,
        );
        assert!(d.is_empty(), "{d:?}");
        assert!(
            r.html
                .contains("href=\"/organisaties/org/huisregels/#kleding\""),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<img src=\"/vacatures/x/kaart.png\" alt=\"Kaart\" width=\"640\" height=\"480\" loading=\"lazy\">"),
            "{}",
            r.html
        );
        assert_eq!(
            assets,
            vec![Asset {
                source: PathBuf::from("content/vacancies/org/kaart.png"),
                output: "vacatures/x/kaart.png".into()
            }]
        );
        assert_eq!(r.summary, "Lees de huisregels.");
    }

    #[test]
    fn a_missing_file_is_an_error_at_its_line() {
        let (_, _, d) = run("Intro\n\nZie [regels](../regels.md).\n", false);
        assert_eq!(d.len(), 1);
        assert!(d[0].starts_with("content/vacancies/org/x.md:12:5: error: this link points to a file that does not exist: ../regels.md"), "{}", d[0]);
    }

    #[test]
    fn javascript_links_become_text_and_raw_html_is_escaped() {
        let (r, _, d) = run(
            "[klik](javascript:alert(1)) <script>alert(1)</script>\n",
            false,
        );
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
        assert!(r.html.contains("klik"));
        assert_eq!(d.len(), 3, "{d:?}");
        let (trusted, _, _) = run("<b>vet</b>\n", true);
        assert!(trusted.html.contains("<b>vet</b>"));
    }

    #[test]
    fn headings_get_unique_anchors_and_h1_is_demoted() {
        let (r, _, d) = run("# Wat ga je doen?\n\n## Wat ga je doen?\n", false);
        assert!(r.html.contains("<h2 id=\"wat-ga-je-doen\">"), "{}", r.html);
        assert!(
            r.html.contains("<h2 id=\"wat-ga-je-doen-1\">"),
            "{}",
            r.html
        );
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn tables_footnotes_and_strikethrough_render() {
        let (r, _, _) = run(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~oud~~ nieuw[^1]\n\n[^1]: noot\n",
            false,
        );
        assert!(r.html.contains("<table>") && r.html.contains("<th>a</th>"));
        assert!(r.html.contains("<del>oud</del>"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn image_without_alt_is_a_warning() {
        let (_, _, d) = run("![](kaart.png)\n", false);
        assert_eq!(d.len(), 1);
        assert!(d[0].contains("no alt text"));
    }

    #[test]
    fn summary_is_cut_at_a_word() {
        let long = "woord ".repeat(100);
        let s = shorten(long.trim().to_string(), 20);
        assert_eq!(s, "woord woord woord…");
    }
}
