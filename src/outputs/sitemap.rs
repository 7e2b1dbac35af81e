//! `/sitemap.xml` and `/robots.txt`, for search engines.
//!
//! The sitemap lists every page a search engine should know, with `lastmod` from content
//! dates (never the clock). Closed and draft vacancies are left out: their pages stay for
//! people who have the link, but search engines should let them go.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::model::Portal;
use crate::model::terms::Taxonomy;
use crate::outputs::feeds::xml_escape;
use crate::outputs::{Job, Plan, Site};
use crate::urls::Route;

/// The date a vacancy last changed.
fn vacancy_date(portal: &Portal, i: usize) -> Date {
    let v = &portal.vacancies[i];
    v.updated.unwrap_or(v.published).max(v.published)
}

/// The latest change among `indices`.
fn latest(portal: &Portal, indices: &[usize]) -> Option<Date> {
    indices.iter().map(|&i| vacancy_date(portal, i)).max()
}

/// The latest content date of the pages a job shows, where it has one. Every page of a
/// listing has its listing's date, so those are worked out once (`open`, and `terms` as
/// they are asked for): per page it was quadratic, 2,250 pages of `/vacatures/` at 50,000
/// vacancies each reading every vacancy.
fn lastmod(
    job: &Job,
    site: &Site<'_>,
    open: Option<Date>,
    terms: &mut BTreeMap<(Taxonomy, usize), Option<Date>>,
) -> Option<Date> {
    let portal = site.portal;
    match job {
        Job::Vacancy(i) => Some(vacancy_date(portal, *i)),
        Job::Brochure(i) => portal.brochures[*i].updated,
        Job::Event(i) => portal.events[*i].updated,
        Job::Organisation(i) => latest(
            portal,
            site.listings
                .of_organisation(&portal.organisations[*i].slug),
        ),
        Job::Home | Job::Vacancies { .. } | Job::Taxonomy(_) => open,
        Job::Term {
            taxonomy, group, ..
        } => *terms
            .entry((*taxonomy, *group))
            .or_insert_with(|| latest(portal, &site.listings.groups(*taxonomy)[*group].vacancies)),
        _ => None,
    }
}

/// Whether a page belongs in the sitemap.
fn listed(job: &Job, site: &Site<'_>) -> bool {
    match job {
        Job::Vacancy(i) => {
            let v = &site.portal.vacancies[*i];
            v.is_open(site.portal.today) && !v.draft
        }
        Job::Event(i) => {
            let e = &site.portal.events[*i];
            e.is_upcoming(site.portal.today) && !e.draft
        }
        Job::NotFound => false,
        job => job.is_page(),
    }
}

/// The sitemap of the planned pages.
pub fn sitemap(plan: &Plan, site: &Site<'_>) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let open = latest(site.portal, &site.listings.open);
    let mut terms = BTreeMap::new();
    for entry in plan.entries.iter().filter(|e| listed(&e.job, site)) {
        let path = entry.path.strip_suffix("index.html").unwrap_or(&entry.path);
        x.push_str("  <url><loc>");
        x.push_str(&xml_escape(&site.urls.absolute_path(&format!("/{path}"))));
        x.push_str("</loc>");
        if let Some(date) = lastmod(&entry.job, site, open, &mut terms) {
            x.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// `robots.txt`: everything may be crawled; here is the sitemap.
pub fn robots(site: &Site<'_>) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.urls.absolute(Route::Sitemap)
    )
}
