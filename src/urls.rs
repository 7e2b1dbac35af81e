//! The portal's URL scheme: the only place a URL of the portal is spelled.
//!
//! Feeds and search engines use these URLs as ids, so changing one is a breaking change
//! for every aggregator that reads the portal. Each [`Route`] has one path (what links
//! use, below the `base_url`'s own path) and one output file.

use crate::model::slug::Slug;
use crate::model::terms::Taxonomy;

/// Paths the portal itself uses at its root: a free page may not take one of these.
pub const RESERVED: &[&str] = &[
    "vacatures",
    "organisaties",
    "niveau",
    "vakgebied",
    "plaats",
    "soort",
    "zoeken",
    "agenda",
    "schrijfwijzer",
    "feed",
    "feeds",
];

/// Every page the portal can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Route<'a> {
    /// `/`
    Home,
    /// `/vacatures/`, then `/vacatures/pagina/2/` ...
    Vacancies {
        /// 1-based page number.
        page: usize,
    },
    /// `/vacatures/<slug>/`
    Vacancy(&'a Slug),
    /// `/organisaties/`
    Organisations,
    /// `/organisaties/<slug>/`
    Organisation(&'a Slug),
    /// `/organisaties/<organisation>/<brochure>/`
    Brochure {
        /// The organisation's slug.
        organisation: &'a Slug,
        /// The brochure's slug.
        brochure: &'a Slug,
    },
    /// `/niveau/`, `/vakgebied/`, `/plaats/`, `/soort/`
    Taxonomy(Taxonomy),
    /// `/niveau/hbo/`, then `/niveau/hbo/pagina/2/` ...
    Term {
        /// Which listing.
        taxonomy: Taxonomy,
        /// The term's slug.
        term: &'a str,
        /// 1-based page number.
        page: usize,
    },
    /// `/<slug>/`
    Page(&'a Slug),
    /// `/404.html`
    NotFound,
    /// `feed.xml` or `feed.json` of the portal, an organisation or a listing term.
    Feed {
        /// Which vacancies.
        scope: FeedScope<'a>,
        /// RSS 2.0 or JSON Feed 1.1.
        format: FeedFormat,
    },
    /// `/feeds/`: the page for aggregators that documents the feeds and `_vacancy`.
    FeedDocs,
    /// `/schrijfwijzer/`: the writing guide for editors, generated from the wording rules.
    WritingGuide,
    /// `/sitemap.xml`
    Sitemap,
    /// `/robots.txt`
    Robots,
    /// `/agenda/`: upcoming events, soonest first.
    Agenda,
    /// `/agenda/<slug>/`: an event.
    Event(&'a Slug),
    /// `/agenda/<slug>/event.ics`: one event for a calendar.
    EventCalendar(&'a Slug),
    /// `/agenda.ics`, or `/organisaties/<slug>/agenda.ics` for one organisation.
    AgendaCalendar(Option<&'a Slug>),
    /// `/deadlines.ics`: the deadlines of open vacancies.
    Deadlines,
    /// `/next-change.json`: when the output must be rebuilt.
    NextChange,
    /// `/zoeken/`: search and filters over the open vacancies.
    Search,
    /// `/zoeken/<version>/<file>`: a file of the search index; the version is a hash of the
    /// whole index, so a browser never mixes files of two builds.
    SearchFile {
        /// The index's content hash.
        version: &'a str,
        /// The file below the version folder (`meta.bin`, `c/3.bin`).
        file: &'a str,
    },
}

/// The query parameters of `/zoeken/`: the state of a search, so it can be bookmarked.
/// The four listings use their own path segment (`niveau`, `vakgebied` ...).
pub mod search_params {
    /// The words typed.
    pub const QUERY: &str = "q";
    /// The order of the results: `relevantie`, `nieuw` or `deadline`.
    pub const SORT: &str = "volgorde";
    /// Education level (as `/niveau/`).
    pub const LEVEL: &str = "niveau";
    /// Kind of placement (as `/soort/`).
    pub const KIND: &str = "soort";
    /// Field (as `/vakgebied/`).
    pub const FIELD: &str = "vakgebied";
    /// Place (as `/plaats/`).
    pub const PLACE: &str = "plaats";
    /// Region.
    pub const REGION: &str = "regio";
    /// Organisation (its slug).
    pub const ORGANISATION: &str = "organisatie";
    /// On-site, hybrid or remote.
    pub const WORKPLACE: &str = "werkplek";
    /// Hours per week range.
    pub const HOURS: &str = "uren";
    /// Paid, unpaid or not stated.
    pub const ALLOWANCE: &str = "vergoeding";
    /// Deadline group relative to the day of the visit.
    pub const DEADLINE: &str = "sluit";
    /// Start month (`2027-02`).
    pub const START: &str = "start";

    /// The parameter of one of the four listings.
    pub fn of_taxonomy(taxonomy: crate::model::terms::Taxonomy) -> &'static str {
        super::taxonomy_segment(taxonomy)
    }
}

/// Which open vacancies a feed holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FeedScope<'a> {
    /// Every open vacancy: `/feed.xml`.
    All,
    /// One organisation's: `/organisaties/<slug>/feed.xml`.
    Organisation(&'a Slug),
    /// One listing term's: `/niveau/hbo/feed.xml`.
    Term {
        /// Which listing.
        taxonomy: Taxonomy,
        /// The term's slug.
        term: &'a str,
    },
}

impl FeedScope<'_> {
    /// The page the feed belongs to.
    pub fn page(&self) -> Route<'_> {
        match *self {
            FeedScope::All => Route::Home,
            FeedScope::Organisation(slug) => Route::Organisation(slug),
            FeedScope::Term { taxonomy, term } => Route::Term {
                taxonomy,
                term,
                page: 1,
            },
        }
    }
}

/// The two feed formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FeedFormat {
    /// RSS 2.0: `feed.xml`.
    Rss,
    /// JSON Feed 1.1: `feed.json`.
    Json,
}

/// The first path segment of a listing.
pub fn taxonomy_segment(taxonomy: Taxonomy) -> &'static str {
    match taxonomy {
        Taxonomy::Level => "niveau",
        Taxonomy::Field => "vakgebied",
        Taxonomy::Place => "plaats",
        Taxonomy::Kind => "soort",
    }
}

fn paged(base: String, page: usize) -> String {
    if page <= 1 {
        base
    } else {
        format!("{base}pagina/{page}/")
    }
}

impl Route<'_> {
    /// The path below the portal's root, always starting and (for pages) ending with `/`.
    ///
    /// # Example
    /// ```
    /// use stagebord::urls::Route;
    /// use stagebord::model::{slug::Slug, terms::Taxonomy};
    /// let hbo = "hbo";
    /// assert_eq!(Route::Term { taxonomy: Taxonomy::Level, term: hbo, page: 2 }.path(), "/niveau/hbo/pagina/2/");
    /// assert_eq!(Route::Vacancy(&Slug::fold("Stagiair ICT").unwrap()).path(), "/vacatures/stagiair-ict/");
    /// ```
    pub fn path(&self) -> String {
        match self {
            Route::Home => "/".to_string(),
            Route::Vacancies { page } => paged("/vacatures/".to_string(), *page),
            Route::Vacancy(slug) => format!("/vacatures/{slug}/"),
            Route::Organisations => "/organisaties/".to_string(),
            Route::Organisation(slug) => format!("/organisaties/{slug}/"),
            Route::Brochure {
                organisation,
                brochure,
            } => format!("/organisaties/{organisation}/{brochure}/"),
            Route::Taxonomy(t) => format!("/{}/", taxonomy_segment(*t)),
            Route::Term {
                taxonomy,
                term,
                page,
            } => paged(format!("/{}/{term}/", taxonomy_segment(*taxonomy)), *page),
            Route::Page(slug) => format!("/{slug}/"),
            Route::NotFound => "/404.html".to_string(),
            Route::Feed { scope, format } => {
                let file = match format {
                    FeedFormat::Rss => "feed.xml",
                    FeedFormat::Json => "feed.json",
                };
                format!("{}{file}", scope.page().path())
            }
            Route::FeedDocs => "/feeds/".to_string(),
            Route::WritingGuide => "/schrijfwijzer/".to_string(),
            Route::Sitemap => "/sitemap.xml".to_string(),
            Route::Robots => "/robots.txt".to_string(),
            Route::Agenda => "/agenda/".to_string(),
            Route::Event(slug) => format!("/agenda/{slug}/"),
            Route::EventCalendar(slug) => format!("/agenda/{slug}/event.ics"),
            Route::AgendaCalendar(None) => "/agenda.ics".to_string(),
            Route::AgendaCalendar(Some(slug)) => format!("/organisaties/{slug}/agenda.ics"),
            Route::Deadlines => "/deadlines.ics".to_string(),
            Route::NextChange => "/next-change.json".to_string(),
            Route::Search => "/zoeken/".to_string(),
            Route::SearchFile { version, file } => format!("/zoeken/{version}/{file}"),
        }
    }

    /// The output file, relative to the output folder (`vacatures/x/index.html`).
    pub fn file(&self) -> String {
        let path = self.path();
        let trimmed = path.trim_start_matches('/');
        if path.ends_with('/') {
            format!("{trimmed}index.html")
        } else {
            trimmed.to_string()
        }
    }
}

/// Turns routes into links, given the portal's `base_url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    /// Scheme and host, e.g. `https://stages.example.nl`.
    origin: String,
    /// The base URL's own path without a trailing slash: `""` or `/stages`.
    prefix: String,
}

impl Urls {
    /// From an absolute `http(s)://host[/path]` URL (checked by `settings`).
    pub fn new(base_url: &str) -> Urls {
        let trimmed = base_url.trim_end_matches('/');
        let after_scheme = trimmed.find("://").map_or(0, |i| i + 3);
        match trimmed[after_scheme..].find('/') {
            Some(i) => Urls {
                origin: trimmed[..after_scheme + i].to_string(),
                prefix: encode_path(&trimmed[after_scheme + i..]),
            },
            None => Urls {
                origin: trimmed.to_string(),
                prefix: String::new(),
            },
        }
    }

    /// The link to a route from within the portal (`/stages/vacatures/x/`).
    pub fn href(&self, route: Route<'_>) -> String {
        self.href_path(&route.path())
    }

    /// The link to any output path (`/style.css`, an asset).
    pub fn href_path(&self, path: &str) -> String {
        format!("{}{}", self.prefix, encode_path(path))
    }

    /// The absolute URL of a route, for feeds, canonical links and structured data.
    pub fn absolute(&self, route: Route<'_>) -> String {
        format!("{}{}", self.origin, self.href(route))
    }

    /// The absolute URL of any output path.
    pub fn absolute_path(&self, path: &str) -> String {
        format!("{}{}", self.origin, self.href_path(path))
    }

    /// A link to `/zoeken/` with a search's state: `/zoeken/?niveau=hbo&q=communicatie`.
    ///
    /// # Example
    /// ```
    /// use stagebord::urls::Urls;
    /// let urls = Urls::new("https://stages.example.nl");
    /// assert_eq!(urls.search(&[("niveau", "hbo"), ("q", "zorg & welzijn")]), "/zoeken/?niveau=hbo&q=zorg+%26+welzijn");
    /// ```
    pub fn search(&self, state: &[(&str, &str)]) -> String {
        let mut out = self.href(Route::Search);
        for (i, (key, value)) in state.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.push_str(&encode_query(key));
            out.push('=');
            out.push_str(&encode_query(value));
        }
        out
    }

    /// The link to a vacancy as what comes before and after its slug, for the search client,
    /// which builds `/vacatures/<slug>/` links itself from these two parts.
    pub fn vacancy_link_parts(&self) -> (String, String) {
        (self.href_path("/vacatures/"), "/".to_string())
    }

    /// Scheme and host, without the base URL's path: `https://stages.example.nl`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The portal's root as an absolute URL without a trailing slash.
    pub fn base(&self) -> String {
        format!("{}{}", self.origin, self.prefix)
    }
}

/// Percent-encodes spaces, quotes, angle brackets and non-ASCII bytes of a URL written by a
/// person (an `apply` link), leaving its structure (`/`, `?`, `&`, `#`, `%`) alone.
///
/// # Example
/// ```
/// assert_eq!(stagebord::urls::encode_url("https://x.nl/sollicitatie formulier?a=é"), "https://x.nl/sollicitatie%20formulier?a=%C3%A9");
/// ```
pub fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        if byte.is_ascii_graphic()
            && !matches!(
                byte,
                b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
            )
        {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Encodes a query-string key or value as a form does (`application/x-www-form-urlencoded`):
/// a space becomes `+`, every byte but `A-Z a-z 0-9 - . _ ~` is percent-encoded.
pub fn encode_query(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Percent-encodes what may not stand in a URL path (spaces, non-ASCII, quotes), leaving
/// `/` and already-safe characters alone.
///
/// # Example
/// ```
/// assert_eq!(stagebord::urls::encode_path("/a b/é.png"), "/a%20b/%C3%A9.png");
/// ```
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b'%' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_map_to_files() {
        let s = Slug::fold("x").unwrap();
        assert_eq!(Route::Home.file(), "index.html");
        assert_eq!(Route::Vacancy(&s).file(), "vacatures/x/index.html");
        assert_eq!(Route::NotFound.file(), "404.html");
        assert_eq!(Route::Search.file(), "zoeken/index.html");
        assert_eq!(
            Route::SearchFile {
                version: "0123abcd",
                file: "c/0.bin"
            }
            .file(),
            "zoeken/0123abcd/c/0.bin"
        );
        assert_eq!(
            Route::Vacancies { page: 3 }.file(),
            "vacatures/pagina/3/index.html"
        );
        assert_eq!(
            Route::Brochure {
                organisation: &s,
                brochure: &s
            }
            .path(),
            "/organisaties/x/x/"
        );
    }

    #[test]
    fn vacancy_link_parts_spell_the_vacancy_route() {
        for base in ["https://stages.example.nl", "https://example.nl/stages/"] {
            let urls = Urls::new(base);
            let slug = Slug::fold("stagiair-ict").unwrap();
            let (before, after) = urls.vacancy_link_parts();
            assert_eq!(
                format!("{before}{slug}{after}"),
                urls.href(Route::Vacancy(&slug))
            );
        }
    }

    #[test]
    fn base_url_with_a_path_prefixes_every_link() {
        let urls = Urls::new("https://example.nl/stages/");
        assert_eq!(urls.href(Route::Home), "/stages/");
        assert_eq!(
            urls.absolute(Route::Organisations),
            "https://example.nl/stages/organisaties/"
        );
        assert_eq!(urls.base(), "https://example.nl/stages");
        let plain = Urls::new("https://stages.example.nl");
        assert_eq!(plain.href(Route::Home), "/");
        assert_eq!(
            plain.absolute_path("/style.css"),
            "https://stages.example.nl/style.css"
        );
    }
}
