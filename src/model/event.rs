//! Events (introduction days, coffee meetings, internship fairs) and application rounds:
//! the parts of a portal that have a time, not only a date.

use jiff::civil::{Date, DateTime};

use super::slug::Slug;
use super::terms::Level;
use super::today::Today;
use super::vacancy::Apply;
use super::{Body, Source};

/// When something starts or ends: a whole day, or a local time in the portal's time zone.
///
/// Moments order by when they happen; a whole day counts from its midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// A whole day (`starts = 2027-03-15`).
    Day(Date),
    /// A local date and time (`starts = 2027-03-15T09:30:00`), in the portal's time zone.
    At(DateTime),
}

impl Ord for Moment {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.local()
            .cmp(&other.local())
            .then_with(|| matches!(self, Moment::At(_)).cmp(&matches!(other, Moment::At(_))))
    }
}

impl PartialOrd for Moment {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Moment {
    /// The local date and time (midnight for a whole day).
    pub fn local(self) -> DateTime {
        match self {
            Moment::Day(d) => d.to_datetime(jiff::civil::Time::midnight()),
            Moment::At(dt) => dt,
        }
    }

    /// The calendar day of the moment.
    pub fn date(self) -> Date {
        match self {
            Moment::Day(d) => d,
            Moment::At(dt) => dt.date(),
        }
    }
}

/// The kind of event.
pub use super::terms::EventKind;

/// A validated event. Built only by `validate`.
#[derive(Debug, Clone)]
pub struct Event {
    /// Unique among events; the URL is `/agenda/<slug>/`.
    pub slug: Slug,
    /// The file it came from.
    pub source: Source,
    /// "Introductiedag nieuwe stagiairs".
    pub title: String,
    /// The organising organisation (checked to exist).
    pub organisation: Slug,
    /// What kind of event.
    pub kind: EventKind,
    /// Start.
    pub starts: Moment,
    /// End (after the start), if stated.
    pub ends: Option<Moment>,
    /// The place, for an event on site.
    pub location: Option<String>,
    /// The https URL of an online event.
    pub online: Option<String>,
    /// Where to register.
    pub register: Option<Apply>,
    /// Who it is for.
    pub levels: Vec<Level>,
    /// Vacancies it belongs to (checked to exist).
    pub vacancies: Vec<Slug>,
    /// Last change, for calendar feeds (the content's own date, never the clock).
    pub updated: Option<Date>,
    /// Built only with `--drafts`.
    pub draft: bool,
    /// The description.
    pub body: Body,
}

impl Event {
    /// The last day of the event (its end, or its start without an end).
    pub fn last_day(&self) -> Date {
        self.ends.unwrap_or(self.starts).date()
    }

    /// Upcoming means: its last day is today or later. A past event keeps its page.
    ///
    /// # Example
    /// ```
    /// # use stagebord::model::event::{Moment, is_upcoming_on};
    /// # use stagebord::model::today::Today;
    /// use jiff::civil::date;
    /// let day = Moment::Day(date(2027, 3, 15));
    /// assert!(is_upcoming_on(day, None, Today(date(2027, 3, 15))));
    /// assert!(!is_upcoming_on(day, None, Today(date(2027, 3, 16))));
    /// ```
    pub fn is_upcoming(&self, today: Today) -> bool {
        is_upcoming_on(self.starts, self.ends, today)
    }
}

/// Whether an event from `starts` to `ends` has not yet passed on `today`.
pub fn is_upcoming_on(starts: Moment, ends: Option<Moment>, today: Today) -> bool {
    ends.unwrap_or(starts).date() >= today.0
}

/// One application round of an organisation (a trainee programme's yearly intake).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// "Traineegroep 2027".
    pub title: String,
    /// When applications open.
    pub opens: Date,
    /// When applications close, if stated.
    pub closes: Option<Date>,
    /// When interviews take place, if stated.
    pub interviews: Option<Date>,
    /// When the programme starts, if stated.
    pub starts: Option<Date>,
}

impl Round {
    /// The dated steps of the round in order: (key, date), for a timeline and a calendar.
    pub fn steps(&self) -> Vec<(&'static str, Date)> {
        let mut steps = vec![("opens", self.opens)];
        steps.extend(self.closes.map(|d| ("closes", d)));
        steps.extend(self.interviews.map(|d| ("interviews", d)));
        steps.extend(self.starts.map(|d| ("starts", d)));
        steps
    }
}
