//! What each output file depends on, folded into one number per plan entry.
//!
//! An entry's fingerprint hashes everything its bytes are made from: the source text of
//! the items it shows (in the order shown), the organisations named on its cards, the
//! counts it prints, and the portal-wide inputs every page shares (settings, theme, today,
//! the list of free pages in the footer). Two builds whose fingerprints agree for a path
//! write the same bytes there, so `serve` re-renders only the entries whose fingerprint
//! changed, and deletes the paths that disappeared. A test checks that this gives the
//! same output as a full build, byte for byte.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::memo::{KeyHasher, hasher};
use crate::model::Portal;
use crate::model::slug::Slug;
use crate::outputs::listings::{Listings, page_count, page_items};
use crate::outputs::{Job, Plan};
use crate::render::theme::Theme;
use crate::settings::Settings;

/// The inputs every page shares.
fn global(portal: &Portal, theme: &Theme, settings: &Settings, drafts: bool) -> u64 {
    let mut h = hasher();
    format!("{settings:?}").hash(&mut h);
    theme.fingerprint().hash(&mut h);
    portal.today.0.to_string().hash(&mut h);
    drafts.hash(&mut h);
    portal.events.is_empty().hash(&mut h); // the navigation links the agenda when there is one
    for page in &portal.pages {
        (page.slug.as_str(), page.title.as_str()).hash(&mut h);
    }
    // A term is shown in its most frequent spelling, which any vacancy can change.
    portal.field_names.hash(&mut h);
    portal.place_names.hash(&mut h);
    h.finish()
}

/// Size and modification time of a file to copy: enough to notice an edit.
fn file_stamp(root: &Path, path: &PathBuf) -> (u64, Option<std::time::SystemTime>) {
    std::fs::metadata(root.join(path)).map_or((0, None), |m| (m.len(), m.modified().ok()))
}

/// What a build's outputs depend on, as numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprints {
    /// One per plan entry, aligned with `plan.entries`.
    pub entries: Vec<u64>,
    /// One per vacancy: everything its feed items are made of (with the portal-wide
    /// inputs), so `serve` can keep the items of vacancies that did not change.
    pub feed_items: Vec<u64>,
}

/// The fingerprints of every plan entry and of every vacancy's feed items.
pub fn of(
    plan: &Plan,
    portal: &Portal,
    theme: &Theme,
    settings: &Settings,
    root: &Path,
    drafts: bool,
) -> Fingerprints {
    let global = global(portal, theme, settings, drafts);
    let organisation = |slug: &Slug| portal.organisation(slug).map_or(0, |o| o.source.digest);
    let listings: &Listings = &plan.listings;
    // Each vacancy as a card shows it (its text with its organisation's): computed once, in
    // parallel, and read by every entry that shows the vacancy.
    let vacancy_card: Vec<u64> = portal
        .vacancies
        .par_iter()
        .map(|v| {
            let mut h = hasher();
            (
                v.slug.as_str(),
                v.source.digest,
                organisation(&v.organisation),
            )
                .hash(&mut h);
            h.finish()
        })
        .collect();
    let card = |h: &mut KeyHasher, i: usize| vacancy_card[i].hash(h);
    let brochures_digest = |slug: &Slug| {
        let mut h = hasher();
        for b in portal.brochures_of(slug) {
            (b.slug.as_str(), b.source.digest).hash(&mut h);
        }
        h.finish()
    };
    // The brochures of each organisation, digested once: every vacancy page and every
    // feed item names them.
    let brochures_by_organisation: HashMap<&Slug, u64> = portal
        .organisations
        .iter()
        .map(|o| (&o.slug, brochures_digest(&o.slug)))
        .collect();
    let brochures_of = |h: &mut KeyHasher, slug: &Slug| {
        brochures_by_organisation
            .get(slug)
            .copied()
            .unwrap_or_else(|| brochures_digest(slug))
            .hash(h);
    };
    // A feed item shows the card's facts and the organisation's brochures.
    let vacancy_feed: Vec<u64> = portal
        .vacancies
        .par_iter()
        .zip(&vacancy_card)
        .map(|(v, card)| {
            let mut h = hasher();
            card.hash(&mut h);
            brochures_of(&mut h, &v.organisation);
            h.finish()
        })
        .collect();
    let per_page = settings.paginate;
    // Only the facts a term page's refine box counts: an edit of a vacancy's text does not
    // touch the other pages of its terms. One digest per vacancy, then one per term.
    let facts: Vec<u64> = portal
        .vacancies
        .par_iter()
        .map(|v| {
            let mut h = hasher();
            (
                &v.levels,
                v.kind,
                &v.location.slug,
                &v.organisation,
                v.workplace,
            )
                .hash(&mut h);
            for f in &v.fields {
                f.slug.hash(&mut h);
            }
            (v.region.as_deref(), v.hours, v.allowance).hash(&mut h);
            (v.closes, v.starts).hash(&mut h);
            h.finish()
        })
        .collect();
    // What the sitemap, the deadline calendar and next-change.json show of a vacancy: its
    // title and dates, and (for the sitemap's last-modified dates of organisations and
    // terms) its facts; not its text, so an edit of a body does not rewrite them.
    let vacancy_dates: Vec<u64> = portal
        .vacancies
        .par_iter()
        .zip(&facts)
        .map(|(v, facts)| {
            let mut h = hasher();
            (
                v.slug.as_str(),
                v.title.as_str(),
                v.draft,
                v.published,
                v.updated,
                v.closes,
                facts,
            )
                .hash(&mut h);
            h.finish()
        })
        .collect();
    // A term page's refine box counts the facts of every vacancy of the term, on each of
    // its pages: one digest per term, made once.
    let term_digests: BTreeMap<(crate::model::terms::Taxonomy, usize), u64> =
        crate::model::terms::Taxonomy::ALL
            .iter()
            .flat_map(|&t| {
                listings
                    .groups(t)
                    .iter()
                    .enumerate()
                    .map(move |(g, group)| (t, g, group))
            })
            .map(|(t, g, group)| {
                let mut h = hasher();
                for &v in &group.vacancies {
                    facts[v].hash(&mut h);
                }
                ((t, g), h.finish())
            })
            .collect();
    // What every agenda page and calendar shows, digested once: there is an agenda calendar
    // per organisation, and hashing every vacancy for each of them made this quadratic
    // (2,500 organisations and 50,000 vacancies: 125 million hashes, seconds per rebuild).
    let agenda = {
        let mut h = hasher();
        for e in &portal.events {
            e.source.digest.hash(&mut h);
        }
        for o in &portal.organisations {
            o.source.digest.hash(&mut h);
        }
        for v in &portal.vacancies {
            (v.slug.as_str(), v.title.as_str()).hash(&mut h);
        }
        h.finish()
    };
    // The events naming each vacancy and those of each organisation (drafts and past ones
    // too), gathered once instead of going through every event for every page.
    let mut events_of_vacancy: HashMap<&Slug, Vec<u64>> = HashMap::new();
    let mut events_of_organisation: HashMap<&Slug, Vec<u64>> = HashMap::new();
    for e in &portal.events {
        events_of_organisation
            .entry(&e.organisation)
            .or_default()
            .push(e.source.digest);
        for (k, v) in e.vacancies.iter().enumerate() {
            // An event that names a vacancy twice is still one event of it.
            if !e.vacancies[..k].contains(v) {
                events_of_vacancy
                    .entry(v)
                    .or_default()
                    .push(e.source.digest);
            }
        }
    }
    let entries = plan
        .entries
        .par_iter()
        .map(|entry| {
            let mut h = hasher();
            global.hash(&mut h);
            entry.path.hash(&mut h);
            match &entry.job {
                Job::Vacancy(i) => {
                    let v = &portal.vacancies[*i];
                    v.source.digest.hash(&mut h);
                    events_of_vacancy.get(&v.slug).hash(&mut h);
                    organisation(&v.organisation).hash(&mut h);
                    listings.of_organisation(&v.organisation).len().hash(&mut h);
                    brochures_of(&mut h, &v.organisation);
                }
                Job::Organisation(i) => {
                    let o = &portal.organisations[*i];
                    o.source.digest.hash(&mut h);
                    events_of_organisation.get(&o.slug).hash(&mut h);
                    brochures_of(&mut h, &o.slug);
                    for &v in listings.of_organisation(&o.slug) {
                        card(&mut h, v);
                    }
                }
                Job::Organisations => {
                    for o in &portal.organisations {
                        (o.source.digest, listings.of_organisation(&o.slug).len()).hash(&mut h);
                    }
                }
                Job::Brochure(i) => {
                    let b = &portal.brochures[*i];
                    b.source.digest.hash(&mut h);
                    organisation(&b.organisation).hash(&mut h);
                    listings.of_organisation(&b.organisation).len().hash(&mut h);
                }
                Job::Page(i) => portal.pages[*i].source.digest.hash(&mut h),
                Job::Home | Job::FeedDocs => {
                    portal
                        .home
                        .as_ref()
                        .map(|home| home.source.digest)
                        .hash(&mut h);
                    for &v in &listings.open {
                        card(&mut h, v);
                    }
                }
                Job::Sitemap => {
                    // Every page, with the last-modified dates of vacancies, brochures and
                    // events, and whether each vacancy and event is listed.
                    for e in &plan.entries {
                        e.path.hash(&mut h);
                    }
                    for &v in &listings.open {
                        vacancy_dates[v].hash(&mut h);
                    }
                    for b in &portal.brochures {
                        b.source.digest.hash(&mut h);
                    }
                    for e in &portal.events {
                        e.source.digest.hash(&mut h);
                    }
                }
                Job::Vacancies { page } => {
                    // Every page says how many vacancies are open, not only how many pages.
                    listings.open.len().hash(&mut h);
                    page_count(listings.open.len(), per_page).hash(&mut h);
                    for &v in page_items(&listings.open, *page, per_page) {
                        card(&mut h, v);
                    }
                }
                Job::Taxonomy(taxonomy) => {
                    for g in listings.groups(*taxonomy) {
                        (&g.slug, &g.name, g.vacancies.len()).hash(&mut h);
                    }
                }
                Job::Term {
                    taxonomy,
                    group,
                    page,
                } => {
                    let g = &listings.groups(*taxonomy)[*group];
                    (&g.slug, &g.name, page_count(g.vacancies.len(), per_page)).hash(&mut h);
                    for &v in page_items(&g.vacancies, *page, per_page) {
                        card(&mut h, v);
                    }
                    term_digests.get(&(*taxonomy, *group)).hash(&mut h);
                }
                Job::Feed(scope, _) => {
                    let vacancies: &[usize] = match scope {
                        crate::outputs::feeds::Scope::All => &listings.open,
                        crate::outputs::feeds::Scope::Organisation(i) => {
                            let o = &portal.organisations[*i];
                            o.source.digest.hash(&mut h);
                            listings.of_organisation(&o.slug)
                        }
                        crate::outputs::feeds::Scope::Term(taxonomy, group) => {
                            let g = &listings.groups(*taxonomy)[*group];
                            (&g.slug, &g.name).hash(&mut h);
                            &g.vacancies
                        }
                    };
                    for &v in vacancies {
                        vacancy_feed[v].hash(&mut h);
                    }
                }
                Job::NotFound | Job::Robots | Job::WritingGuide => {}
                // Events are few; anything in the agenda re-renders the agenda pages.
                Job::Agenda | Job::Event(_) | Job::EventCalendar(_) | Job::AgendaCalendar(_) => {
                    agenda.hash(&mut h);
                }
                Job::Deadlines | Job::NextChange => {
                    for &v in &listings.open {
                        vacancy_dates[v].hash(&mut h);
                    }
                    for e in &portal.events {
                        e.source.digest.hash(&mut h);
                    }
                    for s in &portal.scheduled {
                        (s.slug.as_str(), s.published.to_string()).hash(&mut h);
                    }
                }
                Job::Copy(path) => (path, file_stamp(root, path)).hash(&mut h),
                Job::Builtin(bytes) => bytes.hash(&mut h),
                // The search page shows the index's version and its counts; an index file's
                // path holds the version, a hash of the whole index.
                Job::Search(page) => page.hash(&mut h),
                Job::SearchFile(i) => plan
                    .search
                    .files
                    .get(*i)
                    .map(|f| f.bytes.len())
                    .hash(&mut h),
            }
            h.finish()
        })
        .collect();
    let feed_items = vacancy_feed
        .iter()
        .map(|f| crate::memo::key((global, f)))
        .collect();
    Fingerprints {
        entries,
        feed_items,
    }
}
