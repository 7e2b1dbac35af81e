//! Stage 4: which files the portal consists of (the [`Plan`]) and their bytes.
//!
//! The plan is data: every output path with the job that makes it. It is computed before
//! anything is rendered, so that two things claiming one path (a file in `static/` over a
//! generated page) are found up front, and so that `serve` can later re-render only the
//! entries a change touches. Pages are rendered in parallel and handed to the sink one by
//! one, never all held at once.

pub mod agenda;
pub mod calendar;
pub mod feeds;
pub mod fingerprint;
pub mod listings;
pub mod pages;
pub mod search;
pub mod sitemap;
pub mod structured_data;
pub mod time;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::load::walk::ContentTree;
use crate::model::Portal;
use crate::model::terms::Taxonomy;
use crate::publish::Sink;
use crate::render::context::{PageLinks, Pagination, PortalView, SharedParts, Views};
use crate::render::markdown::Bodies;
use crate::render::theme::{Cards, FileSource, Templates, Theme};
use crate::settings::Settings;
use crate::urls::{FeedFormat, FeedScope, Route, Urls};
use listings::{Listings, page_count};

/// What makes one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// `/`
    Home,
    /// `/vacatures/` (page n)
    Vacancies {
        /// 1-based page.
        page: usize,
    },
    /// A vacancy page (index into `portal.vacancies`).
    Vacancy(usize),
    /// `/organisaties/`
    Organisations,
    /// An organisation page (index into `portal.organisations`).
    Organisation(usize),
    /// A brochure page (index into `portal.brochures`).
    Brochure(usize),
    /// A free page (index into `portal.pages`).
    Page(usize),
    /// A listing's index page.
    Taxonomy(Taxonomy),
    /// A term page of a listing.
    Term {
        /// Which listing.
        taxonomy: Taxonomy,
        /// Index into the listing's groups.
        group: usize,
        /// 1-based page.
        page: usize,
    },
    /// `/404.html`
    NotFound,
    /// A feed of open vacancies.
    Feed(feeds::Scope, FeedFormat),
    /// `/feeds/`: documentation of the feeds for aggregators.
    FeedDocs,
    /// `/schrijfwijzer/`: the writing guide.
    WritingGuide,
    /// `/sitemap.xml`
    Sitemap,
    /// `/robots.txt`
    Robots,
    /// `/agenda/`
    Agenda,
    /// An event page (index into `portal.events`).
    Event(usize),
    /// An event's `.ics` file (index into `portal.events`).
    EventCalendar(usize),
    /// `/agenda.ics`, or an organisation's (index into `portal.organisations`).
    AgendaCalendar(Option<usize>),
    /// `/deadlines.ics`
    Deadlines,
    /// `/next-change.json`
    NextChange,
    /// A file of the portal, copied as is (relative to the portal's root).
    Copy(PathBuf),
    /// A file of the built-in theme.
    Builtin(&'static [u8]),
    /// `/zoeken/`: the search page.
    Search(std::sync::Arc<search::SearchPage>),
    /// A file of the search index (index into `plan.search.files`).
    SearchFile(usize),
}

impl Job {
    /// True for jobs whose output is an HTML page rendered from a template.
    pub fn is_page(&self) -> bool {
        !matches!(
            self,
            Job::Copy(_)
                | Job::Builtin(_)
                | Job::Feed(..)
                | Job::Sitemap
                | Job::Robots
                | Job::EventCalendar(_)
                | Job::AgendaCalendar(_)
                | Job::Deadlines
                | Job::NextChange
                | Job::SearchFile(_)
        )
    }
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Path below the output folder (`vacatures/x/index.html`).
    pub path: String,
    /// What makes it.
    pub job: Job,
}

/// Every output file of a build, sorted by path.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The files.
    pub entries: Vec<Entry>,
    /// The listings the pages were planned from.
    pub listings: Listings,
    /// The search index of `/zoeken/`, built while planning (its file names depend on its
    /// contents).
    pub search: std::sync::Arc<search::SearchIndex>,
}

/// Everything rendering needs, borrowed.
pub struct Site<'a> {
    /// The model.
    pub portal: &'a Portal,
    /// Rendered Markdown bodies.
    pub bodies: &'a Bodies,
    /// The theme.
    pub theme: &'a Theme,
    /// Settings.
    pub settings: &'a Settings,
    /// Links.
    pub urls: &'a Urls,
    /// Listings.
    pub listings: &'a Listings,
    /// The portal part of every page's context, built once.
    pub portal_view: PortalView<'a>,
    /// Each vacancy's feed items, made once and shared by the feeds it is in.
    pub feed_items: feeds::Items,
    /// `portal_view` as a template value, made once.
    portal_value: tera::Value,
    /// The theme's templates for this build (each vacancy card's HTML is made once).
    templates: Templates<'a>,
    /// Each vacancy's card as a template value, made on first use and shared by every
    /// listing it appears in and by its own page.
    cards: Vec<std::sync::OnceLock<tera::Value>>,
    /// The parts those cards have in common, made once and shared by them.
    card_parts: SharedParts,
    /// Each organisation's card as a template value, shared by the pages of its vacancies.
    organisation_cards: Vec<std::sync::OnceLock<tera::Value>>,
    /// Each organisation's brochures (links) as a template value, shared likewise.
    brochure_lists: Vec<std::sync::OnceLock<tera::Value>>,
    /// The upcoming events and which of them each organisation and vacancy has, made once.
    upcoming: std::sync::OnceLock<agenda::Upcoming>,
    /// Each term's refine box (counts within the term), made once and shared by its pages.
    refine: BTreeMap<(Taxonomy, usize), std::sync::OnceLock<tera::Value>>,
    /// The links to the pages of each paginated listing, made once and shared by its pages.
    page_links: BTreeMap<Listing, std::sync::OnceLock<PageLinks>>,
}

/// A listing of vacancies that is split into pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Listing {
    /// `/vacatures/`
    Vacancies,
    /// A term page of a listing (index into the listing's groups).
    Term(Taxonomy, usize),
}

impl<'a> Site<'a> {
    /// Gathers what rendering needs.
    pub fn new(
        portal: &'a Portal,
        bodies: &'a Bodies,
        theme: &'a Theme,
        settings: &'a Settings,
        urls: &'a Urls,
        listings: &'a Listings,
    ) -> Site<'a> {
        let views = Views {
            portal,
            settings,
            urls,
            i18n: &theme.i18n,
        };
        let portal_view = pages::portal_view(&views, listings.open.len());
        let portal_value = tera::Value::from_serializable(&portal_view);
        Site {
            portal,
            bodies,
            theme,
            settings,
            urls,
            listings,
            templates: theme.templates(Cards::new(theme.i18n.value.clone(), portal_value.clone())),
            portal_value,
            portal_view,
            feed_items: feeds::Items::new(portal.vacancies.len()),
            cards: (0..portal.vacancies.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            card_parts: SharedParts::default(),
            organisation_cards: (0..portal.organisations.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            brochure_lists: (0..portal.organisations.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            upcoming: std::sync::OnceLock::new(),
            refine: Taxonomy::ALL
                .iter()
                .flat_map(|&t| {
                    (0..listings.groups(t).len()).map(move |g| ((t, g), std::sync::OnceLock::new()))
                })
                .collect(),
            page_links: std::iter::once(Listing::Vacancies)
                .chain(
                    Taxonomy::ALL.iter().flat_map(|&t| {
                        (0..listings.groups(t).len()).map(move |g| Listing::Term(t, g))
                    }),
                )
                .map(|listing| (listing, std::sync::OnceLock::new()))
                .collect(),
        }
    }

    /// The upcoming events, indexed by organisation and vacancy (made on first use).
    pub fn upcoming(&self) -> &agenda::Upcoming {
        self.upcoming
            .get_or_init(|| agenda::Upcoming::of(self.portal))
    }

    /// Drops the vacancy cards made so far (their template values and HTML); they are made
    /// again if a later page asks for them.
    pub fn forget_cards(&mut self) {
        for card in &mut self.cards {
            card.take();
        }
        self.card_parts.clear();
        self.templates.forget_cards();
    }

    /// The refine box of group `group` of `taxonomy` (named `term`) as a template value.
    pub fn refine(&self, taxonomy: Taxonomy, group: usize, term: &str) -> tera::Value {
        let make = || {
            let g = &self.listings.groups(taxonomy)[group];
            tera::Value::from_serializable(&search::refine::of_group(self, taxonomy, g, term))
        };
        self.refine
            .get(&(taxonomy, group))
            .map_or_else(make, |cell| cell.get_or_init(make).clone())
    }

    /// The pagination of page `page` of a paginated listing.
    pub fn pagination(&self, listing: Listing, page: usize) -> Pagination {
        let per_page = self.settings.paginate;
        let make = || -> PageLinks {
            PageLinks::new(match listing {
                Listing::Vacancies => (1..=page_count(self.listings.open.len(), per_page))
                    .map(|page| self.urls.href(Route::Vacancies { page }))
                    .collect(),
                Listing::Term(taxonomy, group) => {
                    let g = &self.listings.groups(taxonomy)[group];
                    (1..=page_count(g.vacancies.len(), per_page))
                        .map(|page| {
                            self.urls.href(Route::Term {
                                taxonomy,
                                term: &g.slug,
                                page,
                            })
                        })
                        .collect()
                }
            })
        };
        match self.page_links.get(&listing) {
            Some(cell) => self.views().pagination(page, cell.get_or_init(make)),
            None => self.views().pagination(page, &make()),
        }
    }

    /// View builders.
    pub fn views(&self) -> Views<'a> {
        Views {
            portal: self.portal,
            settings: self.settings,
            urls: self.urls,
            i18n: &self.theme.i18n,
        }
    }

    /// A template context with the common keys filled in.
    pub fn context(
        &self,
        route: Route<'_>,
        title: String,
        description: Option<String>,
    ) -> Result<tera::Context, Diagnostic> {
        let common = pages::common(self, route, title, description);
        let mut context = tera::Context::from_serialize(&common).map_err(|e| {
            Diagnostic::error(
                "templates",
                format!("cannot build the template context: {e}"),
            )
        })?;
        context.insert_value("portal", self.portal_value.clone());
        context.insert_value("t", self.theme.i18n.value.clone());
        Ok(context)
    }

    /// Renders a template of the theme with this build's memo of card HTML.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.templates.render(template, context)
    }

    /// The card of vacancy `index` as a template value.
    pub fn card(&self, index: usize) -> tera::Value {
        let make = || {
            let views = self.views();
            let card = views.vacancy_card(
                &self.portal.vacancies[index],
                &self.bodies.vacancies[index],
                &self.card_parts,
            );
            tera::Value::from_serializable(&card)
        };
        self.cards
            .get(index)
            .map_or_else(make, |cell| cell.get_or_init(make).clone())
    }

    /// Vacancy `index` for its page: its card with the facts only the page shows added.
    pub fn vacancy(&self, index: usize) -> tera::Value {
        let details = self
            .views()
            .vacancy_details(&self.portal.vacancies[index], &self.bodies.vacancies[index]);
        let mut vacancy = self.card(index).as_map().cloned().unwrap_or_default();
        if let Some(details) = tera::Value::from_serializable(&details).into_map() {
            vacancy.extend(details);
        }
        tera::Value::from(vacancy)
    }

    /// The card of the organisation with this slug (`none` for an unknown one).
    pub fn organisation_card(&self, slug: &crate::model::slug::Slug) -> tera::Value {
        let Some(index) = self.portal.organisation_index(slug) else {
            return tera::Value::none();
        };
        let make = || {
            let o = &self.portal.organisations[index];
            let open = self.listings.of_organisation(&o.slug).len();
            tera::Value::from_serializable(&self.views().organisation_card(o, open))
        };
        self.organisation_cards[index].get_or_init(make).clone()
    }

    /// The brochures of the organisation with this slug, as links.
    pub fn brochure_list(&self, slug: &crate::model::slug::Slug) -> tera::Value {
        let make = || {
            let views = self.views();
            let list: Vec<_> = self
                .portal
                .brochures_of(slug)
                .map(|b| views.brochure(b, None))
                .collect();
            tera::Value::from_serializable(&list)
        };
        match self.portal.organisation_index(slug) {
            Some(index) => self.brochure_lists[index].get_or_init(make).clone(),
            None => make(),
        }
    }
}

/// Plans every output file; two claims on one path are errors in `diags`.
pub fn plan(
    portal: &Portal,
    bodies: &Bodies,
    theme: &Theme,
    tree: &ContentTree,
    settings: &Settings,
    memos: Option<&crate::memo::Memos>,
    diags: &mut Vec<Diagnostic>,
) -> Plan {
    let listings = Listings::of(portal);
    let mut claims: BTreeMap<String, (Job, String)> = BTreeMap::new();
    let mut claim = |route_file: String, job: Job, origin: String, diags: &mut Vec<Diagnostic>| {
        if let Some((_, first)) = claims.get(&route_file) {
            diags.push(
                Diagnostic::error(
                    origin.clone(),
                    format!("{origin} and {first} would both be written to {route_file}"),
                )
                .with_help("rename or remove one of them"),
            );
            return;
        }
        claims.insert(route_file, (job, origin));
    };
    let per_page = settings.paginate;

    // Theme files first: the portal's own static/ may override them (that is what it is for).
    let mut statics: BTreeMap<String, Job> = BTreeMap::new();
    for file in &theme.static_files {
        let job = match &file.source {
            FileSource::Builtin(bytes) => Job::Builtin(bytes),
            FileSource::Disk(path) => Job::Copy(path.clone()),
        };
        statics.insert(file.output.clone(), job);
    }
    for path in &tree.static_files {
        let output = path
            .strip_prefix("static")
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        statics.insert(output, Job::Copy(path.clone()));
    }

    let generated = "the generated portal".to_string();
    claim(Route::Home.file(), Job::Home, generated.clone(), diags);
    claim(
        Route::NotFound.file(),
        Job::NotFound,
        generated.clone(),
        diags,
    );
    for page in 1..=page_count(listings.open.len(), per_page) {
        claim(
            Route::Vacancies { page }.file(),
            Job::Vacancies { page },
            generated.clone(),
            diags,
        );
    }
    for (i, v) in portal.vacancies.iter().enumerate() {
        claim(
            Route::Vacancy(&v.slug).file(),
            Job::Vacancy(i),
            v.source.path.display().to_string(),
            diags,
        );
    }
    claim(
        Route::Organisations.file(),
        Job::Organisations,
        generated.clone(),
        diags,
    );
    for (i, o) in portal.organisations.iter().enumerate() {
        claim(
            Route::Organisation(&o.slug).file(),
            Job::Organisation(i),
            o.source.path.display().to_string(),
            diags,
        );
    }
    for (i, b) in portal.brochures.iter().enumerate() {
        let route = Route::Brochure {
            organisation: &b.organisation,
            brochure: &b.slug,
        };
        claim(
            route.file(),
            Job::Brochure(i),
            b.source.path.display().to_string(),
            diags,
        );
    }
    for (i, p) in portal.pages.iter().enumerate() {
        claim(
            Route::Page(&p.slug).file(),
            Job::Page(i),
            p.source.path.display().to_string(),
            diags,
        );
    }
    for taxonomy in Taxonomy::ALL {
        claim(
            Route::Taxonomy(taxonomy).file(),
            Job::Taxonomy(taxonomy),
            generated.clone(),
            diags,
        );
        for (group, g) in listings.groups(taxonomy).iter().enumerate() {
            for page in 1..=page_count(g.vacancies.len(), per_page) {
                let route = Route::Term {
                    taxonomy,
                    term: &g.slug,
                    page,
                };
                claim(
                    route.file(),
                    Job::Term {
                        taxonomy,
                        group,
                        page,
                    },
                    generated.clone(),
                    diags,
                );
            }
        }
    }
    claim(
        Route::WritingGuide.file(),
        Job::WritingGuide,
        generated.clone(),
        diags,
    );
    claim(
        Route::FeedDocs.file(),
        Job::FeedDocs,
        generated.clone(),
        diags,
    );
    claim(
        Route::Sitemap.file(),
        Job::Sitemap,
        generated.clone(),
        diags,
    );
    claim(Route::Robots.file(), Job::Robots, generated.clone(), diags);
    let urls = Urls::new(&settings.base_url);
    let search = std::sync::Arc::new(search::build(
        portal,
        &listings,
        settings,
        &theme.i18n,
        &urls,
        memos,
    ));
    claim(
        Route::Search.file(),
        Job::Search(search.page.clone()),
        generated.clone(),
        diags,
    );
    for i in 0..search.files.len() {
        claim(search.path(i), Job::SearchFile(i), generated.clone(), diags);
    }
    claim(Route::Agenda.file(), Job::Agenda, generated.clone(), diags);
    claim(
        Route::AgendaCalendar(None).file(),
        Job::AgendaCalendar(None),
        generated.clone(),
        diags,
    );
    claim(
        Route::Deadlines.file(),
        Job::Deadlines,
        generated.clone(),
        diags,
    );
    claim(
        Route::NextChange.file(),
        Job::NextChange,
        generated.clone(),
        diags,
    );
    for (i, e) in portal.events.iter().enumerate() {
        let origin = e.source.path.display().to_string();
        claim(
            Route::Event(&e.slug).file(),
            Job::Event(i),
            origin.clone(),
            diags,
        );
        claim(
            Route::EventCalendar(&e.slug).file(),
            Job::EventCalendar(i),
            origin,
            diags,
        );
    }
    for (i, o) in portal.organisations.iter().enumerate() {
        let route = Route::AgendaCalendar(Some(&o.slug));
        claim(
            route.file(),
            Job::AgendaCalendar(Some(i)),
            generated.clone(),
            diags,
        );
    }
    for format in [FeedFormat::Rss, FeedFormat::Json] {
        let feed = |scope| Route::Feed { scope, format }.file();
        claim(
            feed(FeedScope::All),
            Job::Feed(feeds::Scope::All, format),
            generated.clone(),
            diags,
        );
        for (i, o) in portal.organisations.iter().enumerate() {
            let job = Job::Feed(feeds::Scope::Organisation(i), format);
            claim(
                feed(FeedScope::Organisation(&o.slug)),
                job,
                generated.clone(),
                diags,
            );
        }
        for taxonomy in Taxonomy::ALL {
            for (group, g) in listings.groups(taxonomy).iter().enumerate() {
                let scope = FeedScope::Term {
                    taxonomy,
                    term: &g.slug,
                };
                let job = Job::Feed(feeds::Scope::Term(taxonomy, group), format);
                claim(feed(scope), job, generated.clone(), diags);
            }
        }
    }
    // An image used by several bodies of one page, or a logo also linked in the profile, is
    // one file: the set below keeps it once.
    let mut assets: BTreeMap<String, PathBuf> = BTreeMap::new();
    for asset in bodies
        .assets
        .iter()
        .chain(portal.organisations.iter().filter_map(|o| o.logo.as_ref()))
    {
        if asset.source.starts_with("static") {
            continue; // published by the static/ copy below
        }
        assets.insert(asset.output.clone(), asset.source.clone());
    }
    let mut conflicts: BTreeMap<&String, Vec<&PathBuf>> = BTreeMap::new();
    for asset in bodies
        .assets
        .iter()
        .chain(portal.organisations.iter().filter_map(|o| o.logo.as_ref()))
    {
        if !asset.source.starts_with("static") && assets.get(&asset.output) != Some(&asset.source) {
            conflicts
                .entry(&asset.output)
                .or_default()
                .push(&asset.source);
        }
    }
    for (output, sources) in conflicts {
        for source in sources {
            diags.push(
                Diagnostic::error(
                    source,
                    format!("another file with the same name is already published as {output}"),
                )
                .with_help("give the two images different file names"),
            );
        }
    }
    for (output, source) in assets {
        let origin = source.display().to_string();
        claim(output, Job::Copy(source), origin, diags);
    }
    for (output, job) in statics {
        let origin = match &job {
            Job::Copy(path) => path.display().to_string(),
            _ => format!("the theme's static/{output}"),
        };
        claim(output, job, origin, diags);
    }
    Plan {
        entries: claims
            .into_iter()
            .map(|(path, (job, _))| Entry { path, job })
            .collect(),
        listings,
        search,
    }
}

/// What a build wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// HTML pages.
    pub pages: usize,
    /// Other files.
    pub files: usize,
}

/// The bytes of one output file, or the file to copy there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Rendered or built-in bytes.
    Bytes(Vec<u8>),
    /// A file of the portal to copy (relative to its root).
    CopyOf(PathBuf),
}

/// Makes one entry of the plan. Writes nothing.
pub fn render_entry(entry: &Entry, plan: &Plan, site: &Site<'_>) -> Result<Content, Diagnostic> {
    let text = |s: String| Content::Bytes(s.into_bytes());
    Ok(match &entry.job {
        Job::Copy(path) => Content::CopyOf(path.clone()),
        Job::Builtin(bytes) => Content::Bytes(bytes.to_vec()),
        Job::SearchFile(i) => Content::Bytes(
            plan.search
                .files
                .get(*i)
                .map(|f| f.bytes.clone())
                .unwrap_or_default(),
        ),
        Job::Feed(scope, format) => {
            Content::Bytes(feeds::render(site, *scope, *format).map_err(|e| {
                Diagnostic::error(&entry.path, format!("cannot make this feed: {e}"))
            })?)
        }
        Job::Sitemap => text(sitemap::sitemap(plan, site)),
        Job::Robots => text(sitemap::robots(site)),
        Job::EventCalendar(i) => text(calendar::single(site, *i)),
        Job::AgendaCalendar(organisation) => text(calendar::agenda(site, *organisation)),
        Job::Deadlines => text(calendar::deadlines(site)),
        Job::NextChange => text(next_change_json(site)),
        job => text(pages::render(job, site)?),
    })
}

/// `/next-change.json`: `{"at": RFC 3339 or null, "reasons": [...]}`.
fn next_change_json(site: &Site<'_>) -> String {
    let next = crate::model::next_change::next_change(site.portal);
    let zone = time::Zone::new(&site.settings.timezone);
    let at = next
        .as_ref()
        .and_then(|n| zone.start_of_day(n.day))
        .map(|z| time::rfc3339(&z));
    let reasons: Vec<String> = next
        .iter()
        .flat_map(|n| n.reasons.iter().map(|r| r.describe()))
        .collect();
    let mut text = serde_json::json!({ "at": at, "reasons": reasons }).to_string();
    text.push('\n');
    text
}

/// Hands one made entry to the sink.
pub fn write(
    sink: &Sink,
    root: &std::path::Path,
    path: &str,
    content: &Content,
) -> std::io::Result<()> {
    match content {
        Content::Bytes(bytes) => sink.write(path, bytes),
        Content::CopyOf(source) => sink.copy(path, &root.join(source)),
    }
}

/// Renders every entry of the plan into `sink` in two passes: first everything that shows
/// vacancy cards (pages, listings, the search index), then the feeds. The cards (template
/// values and HTML) are dropped between the passes, and the feed items are only made in
/// the second, so a build never holds both: about a third of what rendering holds per
/// vacancy, which is most of the peak memory of a large portal.
///
/// All problems of both passes are reported together.
pub fn render_all(
    plan: &Plan,
    site: &mut Site<'_>,
    root: &std::path::Path,
    sink: &Sink,
) -> Result<Written, Vec<Diagnostic>> {
    let (feeds, rest): (Vec<&Entry>, Vec<&Entry>) = plan
        .entries
        .iter()
        .partition(|e| matches!(e.job, Job::Feed(..)));
    let first = render_into(plan, rest, site, root, sink);
    site.forget_cards();
    let second = render_into(plan, feeds, site, root, sink);
    match (first, second) {
        (Ok(a), Ok(b)) => Ok(Written {
            pages: a.pages + b.pages,
            files: a.files + b.files,
        }),
        (Err(problems), Ok(_)) | (Ok(_), Err(problems)) => Err(problems),
        (Err(mut a), Err(b)) => {
            a.extend(b);
            Err(a)
        }
    }
}

/// Renders the given entries of the plan in parallel and hands each to `sink` as soon as it
/// is made, so pages are never all held at once.
///
/// Template errors are collected (one per template and message, so a broken template
/// does not print 30,000 times); an I/O error of the sink stops the run.
fn render_into<'e>(
    plan: &Plan,
    entries: impl IntoParallelIterator<Item = &'e Entry>,
    site: &Site<'_>,
    root: &std::path::Path,
    sink: &Sink,
) -> Result<Written, Vec<Diagnostic>> {
    let problems: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
    let push = |d: Diagnostic| {
        if let Ok(mut p) = problems.lock()
            && !p
                .iter()
                .any(|x| x.path == d.path && x.location == d.location && x.message == d.message)
        {
            p.push(d);
        }
    };
    let written = std::sync::atomic::AtomicUsize::new(0);
    let pages = std::sync::atomic::AtomicUsize::new(0);
    entries.into_par_iter().for_each(|entry| {
        let done = match &entry.job {
            // Feeds go to the file as they are made (the portal's own are tens of megabytes)
            // and the search index's files are written from the plan, without a copy.
            Job::Feed(scope, format) => {
                Ok(sink.write_with(&entry.path, |w| feeds::write(site, *scope, *format, w)))
            }
            Job::SearchFile(i) => Ok(sink.write(
                &entry.path,
                plan.search.files.get(*i).map_or(&[][..], |f| &f.bytes[..]),
            )),
            _ => render_entry(entry, plan, site)
                .map(|content| write(sink, root, &entry.path, &content)),
        };
        match done {
            Ok(result) => {
                if let Err(e) = result {
                    push(Diagnostic::error(
                        sink.dir().join(&entry.path),
                        format!("cannot write this file: {e}"),
                    ));
                }
                written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if entry.job.is_page() {
                    pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            }
            Err(d) => push(d),
        }
    });
    let problems = problems.into_inner().unwrap_or_default();
    if !problems.is_empty() {
        return Err(problems);
    }
    let pages = pages.into_inner();
    Ok(Written {
        pages,
        files: written.into_inner() - pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A part shared between cards is the part each card would have made for itself: the
    /// keys of [`SharedParts`] hold everything a part depends on.
    #[test]
    fn shared_card_parts_are_what_each_card_would_make() {
        let p = crate::Prepared::example();
        let site = p.site();
        assert!(p.portal.vacancies.len() > 5, "too few vacancies to share");
        for (i, v) in p.portal.vacancies.iter().enumerate() {
            let alone =
                site.views()
                    .vacancy_card(v, &p.bodies.vacancies[i], &SharedParts::unshared());
            assert_eq!(
                site.card(i),
                tera::Value::from_serializable(&alone),
                "{}",
                v.slug
            );
        }
    }
}
