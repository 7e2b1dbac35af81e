//! The HTML pages: one function per kind of page, each building its typed context and
//! rendering its template. Returns bytes; writes nothing.

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::model::terms::Taxonomy;
use crate::outputs::listings::{TermGroup, newest, page_count, page_items};
use crate::outputs::{Job, Listing, Site, agenda};
use crate::render::context::{Common, FeedLink, Link, PortalView, TermCount, Views};
use crate::urls::{FeedFormat, FeedScope, Route};

/// Renders one page job to HTML.
pub fn render(job: &Job, site: &Site<'_>) -> Result<String, Diagnostic> {
    let views = site.views();
    let portal = site.portal;
    let bodies = site.bodies;
    let t = &site.theme.i18n;
    // Cards are made once per vacancy and shared (tera values are reference-counted).
    let cards = |indices: &mut dyn Iterator<Item = usize>| -> tera::Value {
        tera::Value::from(indices.map(|i| site.card(i)).collect::<Vec<_>>())
    };
    match job {
        Job::Home => {
            // The six newest: selected, then only those sorted (sorting every open vacancy
            // was most of the home page at 50,000).
            let by_newest =
                |a: &usize, b: &usize| newest(&portal.vacancies[*a], &portal.vacancies[*b]);
            let mut newest_open: Vec<usize> = site.listings.open.clone();
            if newest_open.len() > HOME_NEWEST {
                newest_open.select_nth_unstable_by(HOME_NEWEST - 1, by_newest);
                newest_open.truncate(HOME_NEWEST);
            }
            newest_open.sort_by(by_newest);
            let home = portal.home.as_ref().map(|h| HomeView {
                title: h.title.as_deref(),
                description: h.description.as_deref(),
                body_html: bodies.home.as_ref().map_or("", |r| r.html.as_str()),
            });
            let title = home
                .as_ref()
                .and_then(|h| h.title)
                .unwrap_or(&site.settings.title)
                .to_string();
            let description = home
                .as_ref()
                .and_then(|h| h.description)
                .or(site.settings.description.as_deref())
                .map(str::to_string);
            let mut ctx = site.context(Route::Home, title, description)?;
            ctx.insert("home", &home);
            ctx.insert_value("newest", cards(&mut newest_open.into_iter()));
            ctx.insert("transparency", &transparency(site));
            ctx.insert("level_counts", &term_counts(site, Taxonomy::Level));
            ctx.insert("field_counts", &term_counts(site, Taxonomy::Field));
            let taxonomies: Vec<_> = Taxonomy::ALL.iter().map(|t| views.taxonomy(*t)).collect();
            ctx.insert("taxonomies", &taxonomies);
            site.render("index.html", &ctx)
        }
        Job::Vacancies { page } => {
            let route = |n| Route::Vacancies { page: n };
            let total_pages = page_count(site.listings.open.len(), site.settings.paginate);
            let items = page_items(&site.listings.open, *page, site.settings.paginate);
            let title = paged_title(t.label("nav", "vacancies"), *page, total_pages);
            let mut ctx = site.context(route(*page), title, None)?;
            ctx.insert_value("vacancies", cards(&mut items.iter().copied()));
            ctx.insert("pagination", &site.pagination(Listing::Vacancies, *page));
            ctx.insert("total", &site.listings.open.len());
            site.render("vacancies.html", &ctx)
        }
        Job::Vacancy(i) => {
            let v = &portal.vacancies[*i];
            let json_ld = crate::outputs::structured_data::job_posting(site, *i);
            // The card's summary.
            let summary = v
                .summary
                .as_deref()
                .unwrap_or(&bodies.vacancies[*i].summary);
            let description = Some(summary.to_string()).filter(|s| !s.is_empty());
            let mut ctx = site.context(Route::Vacancy(&v.slug), v.title.clone(), description)?;
            ctx.insert_value("vacancy", site.vacancy(*i));
            ctx.insert("events", &agenda::of_vacancy(site, &v.slug));
            ctx.insert("json_ld", &json_ld);
            ctx.insert_value("organisation", site.organisation_card(&v.organisation));
            ctx.insert_value("brochures", site.brochure_list(&v.organisation));
            site.render("vacancy.html", &ctx)
        }
        Job::Organisations => {
            let cards: Vec<_> = portal
                .organisations
                .iter()
                .map(|o| site.organisation_card(&o.slug))
                .collect();
            let mut ctx = site.context(
                Route::Organisations,
                t.label("nav", "organisations").to_string(),
                None,
            )?;
            ctx.insert_value("organisations", tera::Value::from(cards));
            site.render("organisations.html", &ctx)
        }
        Job::Organisation(i) => {
            let o = &portal.organisations[*i];
            let open = site.listings.of_organisation(&o.slug);
            let view = views.organisation(o, open.len(), &bodies.organisations[*i]);
            let mut ctx = site.context(Route::Organisation(&o.slug), o.name.clone(), None)?;
            ctx.insert("organisation", &view);
            ctx.insert_value("vacancies", cards(&mut open.iter().copied()));
            ctx.insert_value("brochures", site.brochure_list(&o.slug));
            ctx.insert("events", &agenda::of_organisation(site, &o.slug));
            ctx.insert("rounds", &agenda::rounds(site, o));
            ctx.insert(
                "calendar_url",
                &site.urls.href(Route::AgendaCalendar(Some(&o.slug))),
            );
            site.render("organisation.html", &ctx)
        }
        Job::Brochure(i) => {
            let b = &portal.brochures[*i];
            let route = Route::Brochure {
                organisation: &b.organisation,
                brochure: &b.slug,
            };
            let mut ctx = site.context(route, b.title.clone(), None)?;
            ctx.insert("brochure", &views.brochure(b, Some(&bodies.brochures[*i])));
            ctx.insert_value("organisation", site.organisation_card(&b.organisation));
            site.render("brochure.html", &ctx)
        }
        Job::Page(i) => {
            let p = &portal.pages[*i];
            let mut ctx =
                site.context(Route::Page(&p.slug), p.title.clone(), p.description.clone())?;
            ctx.insert("page", &views.page(p, &bodies.pages[*i]));
            site.render("page.html", &ctx)
        }
        Job::Taxonomy(taxonomy) => {
            let view = views.taxonomy(*taxonomy);
            let mut ctx = site.context(Route::Taxonomy(*taxonomy), view.title.clone(), None)?;
            ctx.insert("taxonomy", &view);
            ctx.insert("terms", &term_counts(site, *taxonomy));
            site.render("taxonomy.html", &ctx)
        }
        Job::Term {
            taxonomy,
            group,
            page,
        } => {
            let g = &site.listings.groups(*taxonomy)[*group];
            let route = |n| Route::Term {
                taxonomy: *taxonomy,
                term: &g.slug,
                page: n,
            };
            let view = views.taxonomy(*taxonomy);
            let count = term_count(site, *taxonomy, g);
            let total_pages = page_count(g.vacancies.len(), site.settings.paginate);
            let title = paged_title(
                &format!("{}: {}", view.title, count.name),
                *page,
                total_pages,
            );
            let mut ctx = site.context(route(*page), title, None)?;
            let items = page_items(&g.vacancies, *page, site.settings.paginate);
            ctx.insert("taxonomy", &view);
            ctx.insert("term", &count);
            ctx.insert_value("vacancies", cards(&mut items.iter().copied()));
            let listing = Listing::Term(*taxonomy, *group);
            ctx.insert("pagination", &site.pagination(listing, *page));
            ctx.insert_value("refine", site.refine(*taxonomy, *group, &count.name));
            site.render("term.html", &ctx)
        }
        Job::NotFound => {
            let ctx = site.context(
                Route::NotFound,
                t.label("titles", "not_found").to_string(),
                None,
            )?;
            site.render("404.html", &ctx)
        }
        Job::WritingGuide => {
            let language = site.settings.language;
            let rules: Vec<GuideRule<'_>> = crate::validate::wording::rules(language)
                .iter()
                .map(|r| GuideRule {
                    id: r.id,
                    name: r.name(language),
                    explanation: r.explanation(language),
                    suggestion: r.suggestion(language),
                    examples: r.examples,
                    allowed: r.allowed,
                    source: r.source,
                    source_url: r.source_url,
                    off: !crate::validate::switches::is_on(r.id, &site.settings.wording_off),
                })
                .collect();
            let title = t.label("guide", "title").to_string();
            let mut ctx = site.context(Route::WritingGuide, title, None)?;
            ctx.insert("rules", &rules);
            site.render("schrijfwijzer.html", &ctx)
        }
        Job::FeedDocs => {
            let mut ctx = site.context(Route::FeedDocs, "Feeds".to_string(), None)?;
            let example = site
                .listings
                .open
                .first()
                .map(|&i| crate::outputs::feeds::extension(site, &portal.vacancies[i]))
                .and_then(|e| serde_json::to_string_pretty(&e).ok());
            ctx.insert("example", &example);
            ctx.insert(
                "feed_rss",
                &site.urls.absolute(Route::Feed {
                    scope: FeedScope::All,
                    format: FeedFormat::Rss,
                }),
            );
            ctx.insert(
                "feed_json",
                &site.urls.absolute(Route::Feed {
                    scope: FeedScope::All,
                    format: FeedFormat::Json,
                }),
            );
            site.render("feeds.html", &ctx)
        }
        Job::Agenda => {
            let title = t.label("agenda", "title").to_string();
            let mut ctx = site.context(Route::Agenda, title, None)?;
            ctx.insert("months", &agenda::months(site));
            ctx.insert("calendar_url", &site.urls.href(Route::AgendaCalendar(None)));
            ctx.insert("deadlines_url", &site.urls.href(Route::Deadlines));
            site.render("agenda.html", &ctx)
        }
        Job::Event(i) => {
            let e = &portal.events[*i];
            let view = agenda::view(site, *i, true);
            let description = bodies
                .events
                .get(*i)
                .map(|r| r.summary.clone())
                .filter(|s| !s.is_empty());
            let mut ctx = site.context(Route::Event(&e.slug), e.title.clone(), description)?;
            ctx.insert("event", &view);
            ctx.insert("agenda_url", &site.urls.href(Route::Agenda));
            ctx.insert("json_ld", &agenda::json_ld(site, *i));
            site.render("event.html", &ctx)
        }
        Job::Search(page) => {
            let title = t.label("search", "title").to_string();
            let description = Some(t.label("search", "description").to_string());
            let mut ctx = site.context(Route::Search, title, description)?;
            ctx.insert("search", &search_view(site, page));
            site.render("search.html", &ctx)
        }
        Job::Copy(_)
        | Job::Builtin(_)
        | Job::Feed(..)
        | Job::Sitemap
        | Job::Robots
        | Job::EventCalendar(_)
        | Job::AgendaCalendar(_)
        | Job::Deadlines
        | Job::NextChange
        | Job::SearchFile(_) => Ok(String::new()),
    }
}

/// The UI strings of the `[search]` table that `search.js` reads (from the page's JSON
/// configuration block), besides the `[ui]` strings in [`SCRIPT_UI`].
pub const SCRIPT_STRINGS: &[&str] = &[
    "found_zero",
    "found_one",
    "found_other",
    "loading",
    "error",
    "unsupported",
    "more_results",
    "show_all",
    "show_fewer",
    "suggestions",
    "suggestion_word",
    "clear",
];

/// The `[ui]` strings `search.js` uses for result cards.
pub const SCRIPT_UI: &[&str] = &[
    "closes",
    "no_deadline",
    "days_left_today",
    "days_left_one",
    "days_left_other",
    "hours_range",
    "hours_fixed",
    "allowance_amount",
    "allowance_unpaid",
    "allowance_not_stated",
    "fact_allowance",
    "thousands_separator",
];

/// An order the results can be shown in.
#[derive(Serialize)]
struct SortOption {
    /// The `volgorde` value.
    value: &'static str,
    /// What people read.
    label: String,
}

/// What `search.html` gets as `search`.
#[derive(Serialize)]
struct SearchView<'a> {
    /// The index: manifest link, facets with counts on the day of the build.
    #[serde(flatten)]
    page: &'a crate::outputs::search::SearchPage,
    /// Link to the script.
    script: String,
    /// The script's configuration as JSON, safe inside `<script type="application/json">`.
    config: String,
    /// The order options.
    sorts: Vec<SortOption>,
}

fn search_view<'a>(
    site: &Site<'_>,
    page: &'a crate::outputs::search::SearchPage,
) -> SearchView<'a> {
    let t = &site.theme.i18n;
    let strings: serde_json::Map<String, serde_json::Value> = SCRIPT_STRINGS
        .iter()
        .map(|k| (k.to_string(), t.label("search", k).into()))
        .collect();
    let ui: serde_json::Map<String, serde_json::Value> = SCRIPT_UI
        .iter()
        .map(|k| (k.to_string(), t.label("ui", k).into()))
        .collect();
    let months: Vec<String> = (1..=12)
        .map(|m| {
            let text = t.format_date(jiff::civil::Date::constant(2000, m, 1));
            text.split(' ').nth(1).unwrap_or("").to_string()
        })
        .collect();
    let config = serde_json::json!({
        "manifest": page.manifest,
        "built": site.portal.today.0.to_string(),
        "timezone": site.settings.timezone,
        "language": site.settings.language.code(),
        "strings": strings,
        "ui": ui,
        "months": months,
    });
    SearchView {
        page,
        script: site.urls.href_path("/search.js"),
        // `<` never appears raw, so the JSON cannot close its script element.
        config: config.to_string().replace('<', "\\u003c"),
        sorts: [
            ("relevantie", "sort_relevance"),
            ("deadline", "sort_deadline"),
            ("nieuw", "sort_newest"),
        ]
        .into_iter()
        .map(|(value, key)| SortOption {
            value,
            label: t.label("search", key).to_string(),
        })
        .collect(),
    }
}

/// One wording rule, for the writing guide.
#[derive(Serialize)]
struct GuideRule<'a> {
    id: &'a str,
    name: &'a str,
    explanation: &'a str,
    suggestion: &'a str,
    examples: &'a [&'a str],
    allowed: &'a [&'a str],
    source: &'a str,
    source_url: &'a str,
    /// Switched off for this portal (`[check] disable`).
    off: bool,
}

/// The home page's intro.
#[derive(Serialize)]
struct HomeView<'a> {
    title: Option<&'a str>,
    description: Option<&'a str>,
    body_html: &'a str,
}

/// How many open vacancies state their allowance (0 counts: "none" is stated too).
#[derive(Serialize)]
struct Transparency {
    /// Open vacancies that state it.
    stated: usize,
    /// Open vacancies.
    total: usize,
    /// The share, rounded down to a whole percent.
    percent: usize,
}

/// How many of the newest vacancies the home page shows.
const HOME_NEWEST: usize = 6;

/// The portal-wide transparency figure of the home page: people who publish vacancies
/// respond to such a number.
fn transparency(site: &Site<'_>) -> Transparency {
    let open = &site.listings.open;
    let stated = open
        .iter()
        .filter(|&&i| {
            site.portal.vacancies[i].allowance != crate::model::vacancy::Allowance::NotStated
        })
        .count();
    Transparency {
        stated,
        total: open.len(),
        percent: (stated * 100).checked_div(open.len()).unwrap_or(0),
    }
}

/// "Vacatures (2/3)" on later pages, so every page has its own title.
fn paged_title(title: &str, page: usize, total: usize) -> String {
    if page > 1 {
        format!("{title} ({page}/{total})")
    } else {
        title.to_string()
    }
}

fn term_count(site: &Site<'_>, taxonomy: Taxonomy, g: &TermGroup) -> TermCount {
    let table = match taxonomy {
        Taxonomy::Level => Some("levels"),
        Taxonomy::Kind => Some("kinds"),
        Taxonomy::Field | Taxonomy::Place => None,
    };
    TermCount {
        slug: g.slug.clone(),
        name: table.map_or_else(
            || g.name.clone(),
            |t| site.theme.i18n.label(t, &g.slug).to_string(),
        ),
        url: site.urls.href(Route::Term {
            taxonomy,
            term: &g.slug,
            page: 1,
        }),
        count: g.vacancies.len(),
    }
}

fn term_counts(site: &Site<'_>, taxonomy: Taxonomy) -> Vec<TermCount> {
    site.listings
        .groups(taxonomy)
        .iter()
        .map(|g| term_count(site, taxonomy, g))
        .collect()
}

/// The portal-wide part of every page's context.
pub fn portal_view<'a>(views: &Views<'a>, open_count: usize) -> PortalView<'a> {
    let t = views.i18n;
    let urls = views.urls;
    let settings = views.settings;
    let vacancies = Link {
        title: t.label("nav", "vacancies").to_string(),
        url: urls.href(Route::Vacancies { page: 1 }),
    };
    let organisations = Link {
        title: t.label("nav", "organisations").to_string(),
        url: urls.href(Route::Organisations),
    };
    let mut nav = vec![vacancies.clone()];
    for taxonomy in Taxonomy::ALL {
        let v = views.taxonomy(taxonomy);
        nav.push(Link {
            title: v.title,
            url: v.url,
        });
    }
    nav.push(organisations.clone());
    if !views.portal.events.is_empty() {
        nav.push(Link {
            title: t.label("agenda", "title").to_string(),
            url: urls.href(Route::Agenda),
        });
    }
    nav.push(Link {
        title: t.label("search", "nav").to_string(),
        url: urls.href(Route::Search),
    });
    PortalView {
        title: &settings.title,
        description: settings.description.as_deref(),
        language: settings.language.code(),
        base_url: urls.base(),
        root: urls.href(Route::Home),
        today: views.date(views.portal.today.0),
        nav,
        vacancies,
        organisations,
        pages: views
            .portal
            .pages
            .iter()
            .map(|p| Link {
                title: p.title.clone(),
                url: urls.href(Route::Page(&p.slug)),
            })
            .collect(),
        open_count,
    }
}

/// The feeds that belong to a page, for `<link rel="alternate">`.
fn feed_links(site: &Site<'_>, route: Route<'_>) -> Vec<FeedLink> {
    let scope = match route {
        Route::Home => FeedScope::All,
        Route::Organisation(slug) => FeedScope::Organisation(slug),
        Route::Term { taxonomy, term, .. } => FeedScope::Term { taxonomy, term },
        _ => return Vec::new(),
    };
    [
        (FeedFormat::Rss, "application/rss+xml", "RSS"),
        (FeedFormat::Json, "application/feed+json", "JSON Feed"),
    ]
    .into_iter()
    .map(|(format, media_type, name)| FeedLink {
        title: name.to_string(),
        url: site.urls.href(Route::Feed { scope, format }),
        media_type,
    })
    .collect()
}

/// The keys every template gets.
pub fn common(
    site: &Site<'_>,
    route: Route<'_>,
    title: String,
    description: Option<String>,
) -> Common {
    Common {
        page_url: site.urls.href(route),
        canonical: site.urls.absolute(route),
        title,
        description,
        feeds: feed_links(site, route),
    }
}
