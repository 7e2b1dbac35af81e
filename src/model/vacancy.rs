//! A vacancy: one placement offered by one organisation.

use jiff::civil::Date;

use super::contact::Contact;
use super::slug::Slug;
use super::terms::{Level, PlacementKind, TermRef, Workplace};
use super::today::Today;
use super::{Body, Source};

/// A validated vacancy. Built only by `validate`.
#[derive(Debug, Clone)]
pub struct Vacancy {
    /// Unique among vacancies; the URL is `/vacatures/<slug>/`.
    pub slug: Slug,
    /// The file it came from.
    pub source: Source,
    /// "Stagiair communicatie".
    pub title: String,
    /// The offering organisation (checked to exist).
    pub organisation: Slug,
    /// When it went online.
    pub published: Date,
    /// Last material change.
    pub updated: Option<Date>,
    /// Application deadline: the vacancy is open up to and including this day.
    pub closes: Option<Date>,
    /// Intended start.
    pub starts: Option<Date>,
    /// Kind of placement.
    pub kind: PlacementKind,
    /// Education levels, sorted, without repeats, never empty.
    pub levels: Vec<Level>,
    /// Fields, in the order written, without repeats.
    pub fields: Vec<TermRef>,
    /// Town or city.
    pub location: TermRef,
    /// Province or region.
    pub region: Option<String>,
    /// On-site, hybrid or remote.
    pub workplace: Option<Workplace>,
    /// Hours per week.
    pub hours: Option<Hours>,
    /// Length of the placement in months.
    pub duration_months: Option<u32>,
    /// Monthly allowance.
    pub allowance: Allowance,
    /// How to apply.
    pub apply: Apply,
    /// mbo programme codes (five digits).
    pub crebo: Vec<String>,
    /// Who answers questions.
    pub contact: Option<Contact>,
    /// The `summary` key, plain text; the body's first paragraph is used without it.
    pub summary: Option<String>,
    /// Built only with `--drafts`.
    pub draft: bool,
    /// The Markdown body.
    pub body: Body,
}

impl Vacancy {
    /// Open means: not past its deadline. A vacancy whose `closes` is today is still open.
    ///
    /// # Example
    /// ```
    /// # use stagebord::model::vacancy::is_open_on;
    /// # use stagebord::model::today::Today;
    /// use jiff::civil::date;
    /// let closes = Some(date(2027, 1, 15));
    /// assert!(is_open_on(closes, Today(date(2027, 1, 15))));
    /// assert!(!is_open_on(closes, Today(date(2027, 1, 16))));
    /// assert!(is_open_on(None, Today(date(2099, 1, 1))));
    /// ```
    pub fn is_open(&self, today: Today) -> bool {
        is_open_on(self.closes, today)
    }
}

/// Whether a deadline has not passed on `today`.
pub fn is_open_on(closes: Option<Date>, today: Today) -> bool {
    closes.is_none_or(|c| c >= today.0)
}

/// Hours per week: a fixed number (`min == max`) or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Hours {
    /// Fewest hours.
    pub min: u32,
    /// Most hours.
    pub max: u32,
}

/// The monthly internship allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Allowance {
    /// The vacancy does not say.
    NotStated,
    /// Explicitly no allowance (`allowance = 0`).
    Unpaid,
    /// Euros per month.
    Monthly(u32),
}

/// Where to apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Apply {
    /// An http(s) URL.
    Url(String),
    /// An e-mail address (from a bare address or a `mailto:` URL).
    Email(String),
}

impl Apply {
    /// The link target: the URL, or `mailto:` plus the address.
    pub fn href(&self) -> String {
        match self {
            Apply::Url(url) => url.clone(),
            Apply::Email(email) => format!("mailto:{email}"),
        }
    }
}
