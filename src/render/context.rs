//! Typed views of the model for templates: what a theme can use, and nothing else.
//!
//! Every view borrows from the model and is `#[derive(Serialize)]`, so a misspelt field
//! is a compile error here rather than an empty spot on a page. The README's "Themes"
//! section lists these views; keep the two in step.
//!
//! Every template receives the keys of [`Common`]; each page kind adds its own keys (see
//! `outputs::pages` and `outputs::listings`).

use serde::Serialize;

use crate::model::Portal;
use crate::model::brochure::Brochure;
use crate::model::contact::Contact;
use crate::model::organisation::{Award, Organisation};
use crate::model::page::Page;
use crate::model::terms::{Level, PlacementKind, Taxonomy, TermRef};
use crate::model::vacancy::{Allowance, Apply, Hours, Vacancy};
use crate::render::markdown::Rendered;
use crate::render::theme::I18n;
use crate::settings::Settings;
use crate::urls::{Route, Urls};
use jiff::civil::Date;

/// What every template gets, whatever the page, besides `portal` (a [`PortalView`]) and
/// `t` (the theme's UI strings for the portal's language: `t.ui.apply`, `t.kinds.bbl` ...),
/// which are made once per build and added to every page's context.
#[derive(Debug, Serialize)]
pub struct Common {
    /// This page's link (root-relative, with the base URL's path).
    pub page_url: String,
    /// This page's absolute URL.
    pub canonical: String,
    /// The document title (`<title>`), without the portal's name.
    pub title: String,
    /// The page's meta description.
    pub description: Option<String>,
    /// This page's own feeds (home: the portal's; organisation and term pages: theirs),
    /// for `<link rel="alternate">` in the head.
    pub feeds: Vec<FeedLink>,
}

/// A feed a page offers.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// "RSS" or "JSON Feed".
    pub title: String,
    /// Link to the feed.
    pub url: String,
    /// `application/rss+xml` or `application/feed+json`.
    pub media_type: &'static str,
}

/// Facts about the portal, the same on every page.
#[derive(Debug, Serialize)]
pub struct PortalView<'a> {
    /// The portal's name.
    pub title: &'a str,
    /// One sentence about the portal.
    pub description: Option<&'a str>,
    /// `nl` or `en`.
    pub language: &'a str,
    /// Absolute base URL without a trailing slash.
    pub base_url: String,
    /// Link to the home page; prefix of every theme file link (`{{ portal.root }}style.css`).
    pub root: String,
    /// The build's today.
    pub today: DateView,
    /// Main navigation: all vacancies, the four listings, organisations.
    pub nav: Vec<Link>,
    /// The list of all open vacancies (`/vacatures/`).
    pub vacancies: Link,
    /// The list of organisations (`/organisaties/`).
    pub organisations: Link,
    /// Free pages, for the footer.
    pub pages: Vec<Link>,
    /// Number of open vacancies.
    pub open_count: usize,
}

/// A titled link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The link text.
    pub title: String,
    /// The target.
    pub url: String,
}

/// A date, in machine and human form.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `2027-01-15`, for `<time datetime>`.
    pub iso: String,
    /// `15 januari 2027`, in the portal's language.
    pub text: String,
    /// Days from the build's today to this date (negative when past).
    pub days_left: i64,
}

/// A term of a closed vocabulary or a listing, with its label and listing link.
#[derive(Debug, Clone, Serialize)]
pub struct Label {
    /// The URL-safe name.
    pub slug: String,
    /// What people read.
    pub label: String,
    /// Its listing page, where it has one.
    pub url: Option<String>,
}

/// The allowance as a template needs it.
#[derive(Debug, Clone, Serialize)]
pub struct AllowanceView {
    /// False when the vacancy does not say.
    pub stated: bool,
    /// Euros per month; 0 means explicitly unpaid.
    pub amount: Option<u32>,
}

/// How to apply.
#[derive(Debug, Clone, Serialize)]
pub struct ApplyView {
    /// The link target (`https://...` or `mailto:...`).
    pub url: String,
    /// The address, when applying is by e-mail.
    pub email: Option<String>,
}

/// A short card for lists of vacancies.
///
/// The parts that many vacancies have in common (organisation, place, kind, levels, fields,
/// hours, allowance, dates) are template values from [`SharedParts`], made once per build
/// and shared by every card that shows them; to a template they are the views named below.
#[derive(Debug, Serialize)]
pub struct VacancyCard<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Title.
    pub title: &'a str,
    /// Link to the vacancy page.
    pub url: String,
    /// Name and link of the organisation (a [`Link`]).
    pub organisation: tera::Value,
    /// Town, with its listing link (a [`Label`]).
    pub location: tera::Value,
    /// Kind of placement (a [`Label`]).
    pub kind: tera::Value,
    /// Education levels ([`Label`]s).
    pub levels: tera::Value,
    /// Fields ([`Label`]s).
    pub fields: tera::Value,
    /// Hours per week (`min == max` for a fixed number), or none.
    pub hours: tera::Value,
    /// Monthly allowance (an [`AllowanceView`]).
    pub allowance: tera::Value,
    /// When it went online (a [`DateView`]).
    pub published: tera::Value,
    /// Application deadline (a [`DateView`]), or none.
    pub closes: tera::Value,
    /// Plain-text summary.
    pub summary: &'a str,
    /// False once the deadline has passed.
    pub is_open: bool,
    /// True for a draft (only built with `--drafts`).
    pub is_draft: bool,
}

/// The template values that vacancy cards have in common, each made on first use and then
/// shared (tera values are reference-counted, so a shared part costs a card a pointer).
///
/// A card made of its own copies was about 5.8 KB, more than half of it these parts: sharing
/// them took 2 GB off the peak of a build of 500,000 vacancies.
#[derive(Debug)]
pub struct SharedParts {
    parts:
        std::sync::Mutex<std::collections::HashMap<Part, tera::Value, foldhash::fast::FixedState>>,
    /// False to make every part afresh, for checking what sharing gives.
    share: bool,
}

impl Default for SharedParts {
    fn default() -> Self {
        SharedParts {
            parts: Default::default(),
            share: true,
        }
    }
}

/// What a shared part is made of: everything its view depends on besides the build's
/// settings, theme and today, which are the same for every card of a build.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Part {
    Organisation(crate::model::slug::Slug),
    Place(TermRef),
    Kind(PlacementKind),
    Levels(Vec<Level>),
    Fields(Vec<TermRef>),
    Hours(Option<Hours>),
    Allowance(Allowance),
    Date(Option<Date>),
}

impl SharedParts {
    /// The value of `part`, made with `make` unless a card made it before.
    fn get<T: Serialize>(&self, part: Part, make: impl FnOnce() -> T) -> tera::Value {
        if !self.share {
            return tera::Value::from_serializable(&make());
        }
        if let Some(value) = self.parts.lock().ok().and_then(|p| p.get(&part).cloned()) {
            return value;
        }
        // Made outside the lock; when two cards race, the first one's value is kept.
        let value = tera::Value::from_serializable(&make());
        match self.parts.lock() {
            Ok(mut parts) => parts.entry(part).or_insert(value).clone(),
            Err(_) => value,
        }
    }

    /// Parts that are never shared: every card makes its own, as before there was sharing.
    #[cfg(test)]
    pub fn unshared() -> SharedParts {
        SharedParts {
            share: false,
            ..SharedParts::default()
        }
    }

    /// Drops every part (cards made later make them again).
    pub fn clear(&self) {
        if let Ok(mut parts) = self.parts.lock() {
            parts.clear();
        }
    }
}

/// The facts of a vacancy that only its page shows. The page's `vacancy` is its
/// [`VacancyCard`] with these added (`Site::vacancy`), so the card's values, made once for the
/// listings, are not made again for the page.
#[derive(Debug, Serialize)]
pub struct VacancyDetails<'a> {
    /// Last material change.
    pub updated: Option<DateView>,
    /// Intended start.
    pub starts: Option<DateView>,
    /// Province or region.
    pub region: Option<&'a str>,
    /// On-site, hybrid or remote.
    pub workplace: Option<Label>,
    /// Length in months.
    pub duration_months: Option<u32>,
    /// How to apply.
    pub apply: ApplyView,
    /// mbo programme codes.
    pub crebo: &'a [String],
    /// Who answers questions.
    pub contact: Option<&'a Contact>,
    /// The rendered body (use `| safe`).
    pub body_html: &'a str,
}

/// An organisation's card, for lists and for the vacancy page.
#[derive(Debug, Serialize)]
pub struct OrganisationCard<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Name.
    pub name: &'a str,
    /// Link to the profile.
    pub url: String,
    /// What kind of body it is.
    pub kind: Option<Label>,
    /// Town or city.
    pub city: Option<&'a str>,
    /// Province or region.
    pub region: Option<&'a str>,
    /// Link to the logo image.
    pub logo: Option<String>,
    /// The central internship address.
    pub email: Option<&'a str>,
    /// Recognised training company (SBB).
    pub sbb_recognised: bool,
    /// Number of open vacancies.
    pub open_count: usize,
}

/// Everything about one organisation, for its profile page.
#[derive(Debug, Serialize)]
pub struct OrganisationView<'a> {
    /// The card's facts.
    #[serde(flatten)]
    pub card: OrganisationCard<'a>,
    /// Website.
    pub website: Option<&'a str>,
    /// Phone.
    pub phone: Option<&'a str>,
    /// Number of employees.
    pub employees: Option<u32>,
    /// Interns per year.
    pub interns_per_year: Option<u32>,
    /// The internship coordinator.
    pub coordinator: Option<&'a Contact>,
    /// Awards, newest first.
    pub awards: &'a [Award],
    /// The rendered profile text (use `| safe`).
    pub body_html: &'a str,
}

/// A brochure, as a link or as a whole page.
#[derive(Debug, Serialize)]
pub struct BrochureView<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Title.
    pub title: &'a str,
    /// Link to the brochure page.
    pub url: String,
    /// Its kind (house rules ...).
    pub kind: Option<Label>,
    /// Last change.
    pub updated: Option<DateView>,
    /// The rendered text (use `| safe`); empty in lists.
    pub body_html: &'a str,
}

/// A free page.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// Title.
    pub title: &'a str,
    /// Meta description.
    pub description: Option<&'a str>,
    /// The rendered text (use `| safe`).
    pub body_html: &'a str,
}

/// A listing term with the number of open vacancies in it.
#[derive(Debug, Clone, Serialize)]
pub struct TermCount {
    /// Slug.
    pub slug: String,
    /// What people read.
    pub name: String,
    /// Its listing page.
    pub url: String,
    /// Open vacancies.
    pub count: usize,
}

/// One of the four listings.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyView {
    /// `level`, `field`, `place` or `kind`.
    pub key: &'static str,
    /// Its title in the portal's language ("Niveau").
    pub title: String,
    /// Its index page.
    pub url: String,
}

/// Links between the pages of a long listing.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// 1-based number of this page.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// The previous page, if any.
    pub prev: Option<String>,
    /// The next page, if any.
    pub next: Option<String>,
    /// Every page ([`PageLink`]s; the links are shared by the listing's pages, see
    /// [`PageLinks`]).
    pub pages: tera::Value,
    /// The pages within three of the current one, and the first and the last: all a compact
    /// pagination shows, so that a template need not walk every page of a long listing on
    /// each of its pages.
    pub window: Vec<PageLink>,
}

/// One page of a listing.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// 1-based number.
    pub number: usize,
    /// Link.
    pub url: String,
    /// True for the page being shown.
    pub current: bool,
}

/// Builds views; holds what every view needs so call sites stay short.
#[derive(Clone, Copy)]
pub struct Views<'a> {
    /// The model.
    pub portal: &'a Portal,
    /// The settings.
    pub settings: &'a Settings,
    /// Links.
    pub urls: &'a Urls,
    /// Labels and month names.
    pub i18n: &'a I18n,
}

impl<'a> Views<'a> {
    /// A date in the portal's language, relative to the build's today.
    pub fn date(&self, date: Date) -> DateView {
        DateView {
            iso: date.to_string(),
            text: self.i18n.format_date(date),
            days_left: i64::from((date - self.portal.today.0).get_days()),
        }
    }

    fn label(&self, table: &str, slug: &str, url: Option<String>) -> Label {
        Label {
            slug: slug.to_string(),
            label: self.i18n.label(table, slug).to_string(),
            url,
        }
    }

    /// A level with its listing link.
    pub fn level(&self, level: Level) -> Label {
        let url = self.urls.href(Route::Term {
            taxonomy: Taxonomy::Level,
            term: level.as_str(),
            page: 1,
        });
        self.label("levels", level.as_str(), Some(url))
    }

    fn term(&self, taxonomy: Taxonomy, term: &TermRef, name: &str) -> Label {
        Label {
            slug: term.slug.to_string(),
            label: name.to_string(),
            url: Some(self.urls.href(Route::Term {
                taxonomy,
                term: term.slug.as_str(),
                page: 1,
            })),
        }
    }

    /// The card of a vacancy, its common parts taken from (or added to) `shared`.
    pub fn vacancy_card(
        &self,
        v: &'a Vacancy,
        body: &'a Rendered,
        shared: &SharedParts,
    ) -> VacancyCard<'a> {
        VacancyCard {
            slug: v.slug.as_str(),
            title: &v.title,
            url: self.urls.href(Route::Vacancy(&v.slug)),
            organisation: shared.get(Part::Organisation(v.organisation.clone()), || Link {
                title: self
                    .portal
                    .organisation(&v.organisation)
                    .map_or_else(|| v.organisation.to_string(), |o| o.name.clone()),
                url: self.urls.href(Route::Organisation(&v.organisation)),
            }),
            location: shared.get(Part::Place(v.location.clone()), || {
                self.term(
                    Taxonomy::Place,
                    &v.location,
                    self.portal.place_name(&v.location),
                )
            }),
            kind: shared.get(Part::Kind(v.kind), || {
                let url = self.urls.href(Route::Term {
                    taxonomy: Taxonomy::Kind,
                    term: v.kind.as_str(),
                    page: 1,
                });
                self.label("kinds", v.kind.as_str(), Some(url))
            }),
            levels: shared.get(Part::Levels(v.levels.clone()), || {
                v.levels.iter().map(|l| self.level(*l)).collect::<Vec<_>>()
            }),
            fields: shared.get(Part::Fields(v.fields.clone()), || {
                v.fields
                    .iter()
                    .map(|f| self.term(Taxonomy::Field, f, self.portal.field_name(f)))
                    .collect::<Vec<_>>()
            }),
            hours: shared.get(Part::Hours(v.hours), || v.hours),
            allowance: shared.get(Part::Allowance(v.allowance), || match v.allowance {
                Allowance::NotStated => AllowanceView {
                    stated: false,
                    amount: None,
                },
                Allowance::Unpaid => AllowanceView {
                    stated: true,
                    amount: Some(0),
                },
                Allowance::Monthly(euros) => AllowanceView {
                    stated: true,
                    amount: Some(euros),
                },
            }),
            published: shared.get(Part::Date(Some(v.published)), || self.date(v.published)),
            closes: shared.get(Part::Date(v.closes), || v.closes.map(|d| self.date(d))),
            summary: v.summary.as_deref().unwrap_or(&body.summary),
            is_open: v.is_open(self.portal.today),
            is_draft: v.draft,
        }
    }

    /// The facts of a vacancy besides its card's, for its page.
    pub fn vacancy_details(&self, v: &'a Vacancy, body: &'a Rendered) -> VacancyDetails<'a> {
        VacancyDetails {
            updated: v.updated.map(|d| self.date(d)),
            starts: v.starts.map(|d| self.date(d)),
            region: v.region.as_deref(),
            workplace: v
                .workplace
                .map(|w| self.label("workplaces", w.as_str(), None)),
            duration_months: v.duration_months,
            apply: ApplyView {
                url: v.apply.href(),
                email: match &v.apply {
                    Apply::Email(e) => Some(e.clone()),
                    Apply::Url(_) => None,
                },
            },
            crebo: &v.crebo,
            contact: v.contact.as_ref(),
            body_html: &body.html,
        }
    }

    /// The card of an organisation.
    pub fn organisation_card(
        &self,
        o: &'a Organisation,
        open_count: usize,
    ) -> OrganisationCard<'a> {
        OrganisationCard {
            slug: o.slug.as_str(),
            name: &o.name,
            url: self.urls.href(Route::Organisation(&o.slug)),
            kind: o
                .kind
                .map(|k| self.label("organisation_kinds", k.as_str(), None)),
            city: o.city.as_deref(),
            region: o.region.as_deref(),
            logo: o
                .logo
                .as_ref()
                .map(|a| self.urls.href_path(&format!("/{}", a.output))),
            email: o.email.as_deref(),
            sbb_recognised: o.sbb_recognised,
            open_count,
        }
    }

    /// Everything about an organisation.
    pub fn organisation(
        &self,
        o: &'a Organisation,
        open_count: usize,
        body: &'a Rendered,
    ) -> OrganisationView<'a> {
        OrganisationView {
            card: self.organisation_card(o, open_count),
            website: o.website.as_deref(),
            phone: o.phone.as_deref(),
            employees: o.employees,
            interns_per_year: o.interns_per_year,
            coordinator: o.coordinator.as_ref(),
            awards: &o.awards,
            body_html: &body.html,
        }
    }

    /// A brochure; pass `None` as body for a link in a list.
    pub fn brochure(&self, b: &'a Brochure, body: Option<&'a Rendered>) -> BrochureView<'a> {
        BrochureView {
            slug: b.slug.as_str(),
            title: &b.title,
            url: self.urls.href(Route::Brochure {
                organisation: &b.organisation,
                brochure: &b.slug,
            }),
            kind: b
                .kind
                .map(|k| self.label("brochure_kinds", k.as_str(), None)),
            updated: b.updated.map(|d| self.date(d)),
            body_html: body.map_or("", |r| r.html.as_str()),
        }
    }

    /// A free page.
    pub fn page(&self, p: &'a Page, body: &'a Rendered) -> PageView<'a> {
        PageView {
            title: &p.title,
            description: p.description.as_deref(),
            body_html: &body.html,
        }
    }

    /// One of the four listings.
    pub fn taxonomy(&self, taxonomy: Taxonomy) -> TaxonomyView {
        TaxonomyView {
            key: taxonomy.key(),
            title: self.i18n.label("taxonomies", taxonomy.key()).to_string(),
            url: self.urls.href(Route::Taxonomy(taxonomy)),
        }
    }

    /// The links between the pages of a listing, for page `current`, from the listing's
    /// `links` (made once per listing, not once per page).
    pub fn pagination(&self, current: usize, links: &PageLinks) -> Pagination {
        let urls = &links.urls;
        let total = urls.len();
        let url = |n: usize| urls.get(n.wrapping_sub(1)).cloned().unwrap_or_default();
        let link = |number: usize| PageLink {
            number,
            url: url(number),
            current: number == current,
        };
        let mut pages = links.values.clone();
        if let Some(slot) = current.checked_sub(1).and_then(|i| pages.get_mut(i)) {
            *slot = tera::Value::from_serializable(&link(current));
        }
        Pagination {
            current,
            total,
            prev: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pages: tera::Value::from(pages),
            window: window(current, total).map(link).collect(),
        }
    }
}

/// The links to every page of a listing, as URLs and as template values that are not the
/// current page: made once per listing and shared by its pages, whose `pages` differ only in
/// the current one. Made afresh on every page, they grew with the square of the listing: at
/// 500,000 vacancies the 9,000 pages of `/vacatures/` would have made 81 million links.
#[derive(Debug)]
pub struct PageLinks {
    /// Page n's link is at n - 1.
    urls: Vec<String>,
    /// The same as [`PageLink`]s with `current` false.
    values: Vec<tera::Value>,
}

impl PageLinks {
    /// The links of a listing whose pages are at `urls` (page n's at n - 1).
    pub fn new(urls: Vec<String>) -> PageLinks {
        let values = urls
            .iter()
            .enumerate()
            .map(|(i, url)| {
                tera::Value::from_serializable(&PageLink {
                    number: i + 1,
                    url: url.clone(),
                    current: false,
                })
            })
            .collect();
        PageLinks { urls, values }
    }
}

/// The numbers of [`Pagination::window`], in order: 1, those within three of `current`, and
/// `total`.
fn window(current: usize, total: usize) -> impl Iterator<Item = usize> {
    let near = current.saturating_sub(3).max(2)..=(current + 3).min(total.saturating_sub(1));
    std::iter::once(1)
        .chain(near)
        .chain((total > 1).then_some(total))
        .filter(move |n| (1..=total).contains(n))
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_window_is_every_page_a_compact_pagination_shows() {
        for total in 1..30_usize {
            for current in 1..=total {
                let expected: Vec<usize> = (1..=total)
                    .filter(|&n| n == 1 || n == total || n.abs_diff(current) <= 3)
                    .collect();
                assert_eq!(
                    window(current, total).collect::<Vec<_>>(),
                    expected,
                    "page {current} of {total}"
                );
            }
        }
    }
}
