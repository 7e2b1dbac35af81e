//! The next moment at which a build's output will be wrong.
//!
//! A static portal stands still while time passes: a vacancy closes at midnight, an event
//! ends, a scheduled vacancy goes online. The build knows all of these, so it can say
//! when it must run again; a cron job or CI schedule then rebuilds exactly then.
//! Everything changes at the start of a day in the portal's time zone, because the model
//! judges deadlines, events and publication by day.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::Portal;

/// Why the output changes at that moment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// This many vacancies close (their deadline was the day before).
    VacanciesClose(usize),
    /// This many events end (their last day was the day before).
    EventsEnd(usize),
    /// This many scheduled vacancies go online.
    VacanciesGoOnline(usize),
}

impl Reason {
    /// "3 vacancies close" (English: the CLI and the JSON are for operators).
    pub fn describe(&self) -> String {
        let say = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        match self {
            Reason::VacanciesClose(n) => say(*n, "vacancy closes", "vacancies close"),
            Reason::EventsEnd(n) => say(*n, "event ends", "events end"),
            Reason::VacanciesGoOnline(n) => say(*n, "vacancy goes online", "vacancies go online"),
        }
    }
}

/// The next change: the day at whose start it happens, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextChange {
    /// The output is wrong from the start (00:00) of this day in the portal's time zone.
    pub day: Date,
    /// What changes then.
    pub reasons: Vec<Reason>,
}

/// The first day after today on which the portal's output changes, if any.
///
/// # Example
/// ```
/// # use stagebord::model::next_change::{Reason, next_change};
/// # use stagebord::model::today::Today;
/// # use jiff::civil::date;
/// # let portal = stagebord::model::Portal::empty(Today(date(2026, 11, 23)));
/// assert_eq!(next_change(&portal), None);
/// ```
pub fn next_change(portal: &Portal) -> Option<NextChange> {
    let today = portal.today.0;
    let mut days: BTreeMap<Date, [usize; 3]> = BTreeMap::new();
    let after = |d: Date| d.tomorrow().ok();
    for v in portal.open_vacancies().filter(|v| !v.draft) {
        if let Some(day) = v.closes.and_then(after) {
            days.entry(day).or_default()[0] += 1;
        }
    }
    for e in portal
        .events
        .iter()
        .filter(|e| !e.draft && e.is_upcoming(portal.today))
    {
        if let Some(day) = after(e.last_day()) {
            days.entry(day).or_default()[1] += 1;
        }
    }
    for s in &portal.scheduled {
        days.entry(s.published).or_default()[2] += 1;
    }
    let (&day, counts) = days.iter().find(|(day, _)| **day > today)?;
    let mut reasons = Vec::new();
    if counts[0] > 0 {
        reasons.push(Reason::VacanciesClose(counts[0]));
    }
    if counts[1] > 0 {
        reasons.push(Reason::EventsEnd(counts[1]));
    }
    if counts[2] > 0 {
        reasons.push(Reason::VacanciesGoOnline(counts[2]));
    }
    Some(NextChange { day, reasons })
}
