//! iCalendar (RFC 5545) feeds: the agenda, each organisation's agenda, the deadlines of
//! open vacancies, and one file per event ("Zet in je agenda").
//!
//! Students and internship offices subscribe to these, so they must stay valid and stable:
//! UIDs from the slug and the portal's host, DTSTAMP from content dates (never the clock),
//! times in UTC (no VTIMEZONE needed), all-day events as `VALUE=DATE`, text escaped and
//! lines folded at 75 octets with CRLF endings.

use jiff::civil::Date;

use crate::model::event::{Event, Moment, Round};
use crate::model::vacancy::Apply;
use crate::outputs::Site;
use crate::outputs::time::Zone;
use crate::urls::Route;

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
///
/// # Example
/// ```
/// assert_eq!(stagebord::outputs::calendar::escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 character) and ends it with CRLF.
///
/// # Example
/// ```
/// let line = format!("SUMMARY:{}", "é".repeat(40));
/// let folded = stagebord::outputs::calendar::fold(&line);
/// assert!(folded.split("\r\n").all(|l| l.len() <= 75));
/// assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
/// ```
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    fold_into(&mut out, line);
    out
}

/// Appends `line` to `out` as [`fold`] spells it. Most lines are ASCII and shorter than
/// 75 octets: those are copied whole.
fn fold_into(out: &mut String, line: &str) {
    if line.len() <= 75 {
        out.push_str(line);
    } else {
        let mut width = 0;
        for c in line.chars() {
            let len = c.len_utf8();
            if width + len > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += len;
        }
    }
    out.push_str("\r\n");
}

/// A calendar being written.
struct Calendar {
    text: String,
}

impl Calendar {
    fn new(site: &Site<'_>, name: &str) -> Calendar {
        let mut c = Calendar {
            text: String::new(),
        };
        c.line("BEGIN:VCALENDAR");
        c.line("VERSION:2.0");
        c.line(&format!(
            "PRODID:-//stagebord//{}//{}",
            host(site),
            site.settings.language.code().to_uppercase()
        ));
        c.line("CALSCALE:GREGORIAN");
        c.line("METHOD:PUBLISH");
        c.line(&format!("X-WR-CALNAME:{}", escape(name)));
        c.line(&format!("X-WR-TIMEZONE:{}", site.settings.timezone));
        c
    }

    fn line(&mut self, line: &str) {
        fold_into(&mut self.text, line);
    }

    fn finish(mut self) -> String {
        self.line("END:VCALENDAR");
        self.text
    }
}

/// The portal's host, for UIDs that are unique across portals.
fn host<'s>(site: &'s Site<'_>) -> &'s str {
    let origin = site.urls.origin();
    origin.split("://").nth(1).unwrap_or(origin)
}

fn utc(zone: &Zone, moment: Moment) -> Option<String> {
    let zoned = match moment {
        Moment::Day(d) => zone.start_of_day(d)?,
        Moment::At(dt) => zone.at_datetime(dt)?,
    };
    Some(zoned.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string())
}

fn day(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

fn stamp(date: Date) -> String {
    format!("{}T000000Z", day(date))
}

/// Writes one VEVENT of an event.
fn event(c: &mut Calendar, site: &Site<'_>, zone: &Zone, e: &Event) {
    let url = site.urls.absolute(Route::Event(&e.slug));
    c.line("BEGIN:VEVENT");
    c.line(&format!("UID:event-{}@{}", e.slug, host(site)));
    c.line(&format!(
        "DTSTAMP:{}",
        stamp(e.updated.unwrap_or(e.starts.date()))
    ));
    match (e.starts, e.ends) {
        (Moment::Day(start), end) => {
            let last = end.map_or(start, Moment::date);
            c.line(&format!("DTSTART;VALUE=DATE:{}", day(start)));
            if let Ok(after) = last.tomorrow() {
                c.line(&format!("DTEND;VALUE=DATE:{}", day(after)));
            }
        }
        (start @ Moment::At(_), end) => {
            if let Some(s) = utc(zone, start) {
                c.line(&format!("DTSTART:{s}"));
            }
            if let Some(e) = end.and_then(|e| utc(zone, e)) {
                c.line(&format!("DTEND:{e}"));
            }
        }
    }
    c.line(&format!("SUMMARY:{}", escape(&e.title)));
    let organisation = site
        .portal
        .organisation(&e.organisation)
        .map_or(e.organisation.as_str(), |o| o.name.as_str());
    let mut description = format!("{organisation}\n{url}");
    if let Some(register) = &e.register {
        let how = match register {
            Apply::Url(u) => u.clone(),
            Apply::Email(m) => format!("mailto:{m}"),
        };
        description.push_str(&format!(
            "\n{}: {how}",
            site.theme.i18n.label("agenda", "register")
        ));
    }
    c.line(&format!("DESCRIPTION:{}", escape(&description)));
    match (&e.location, &e.online) {
        (Some(place), _) => c.line(&format!("LOCATION:{}", escape(place))),
        (None, Some(online)) => c.line(&format!("LOCATION:{}", escape(online))),
        (None, None) => {}
    }
    c.line(&format!("URL:{url}"));
    c.line(&format!(
        "ORGANIZER;CN={}:{}",
        quote_param(organisation),
        site.urls.absolute(Route::Organisation(&e.organisation))
    ));
    c.line("END:VEVENT");
}

/// A parameter value is quoted when it has characters a parameter cannot hold bare.
fn quote_param(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// Writes one all-day VEVENT per dated step of an application round.
fn round(
    c: &mut Calendar,
    site: &Site<'_>,
    organisation: &crate::model::organisation::Organisation,
    r: &Round,
) {
    let url = site.urls.absolute(Route::Organisation(&organisation.slug));
    let round_slug = crate::model::slug::Slug::fold(&r.title)
        .map_or_else(|| "ronde".to_string(), |s| s.to_string());
    for (step, date) in r.steps() {
        c.line("BEGIN:VEVENT");
        c.line(&format!(
            "UID:round-{}-{round_slug}-{step}@{}",
            organisation.slug,
            host(site)
        ));
        c.line(&format!("DTSTAMP:{}", stamp(r.opens)));
        c.line(&format!("DTSTART;VALUE=DATE:{}", day(date)));
        if let Ok(after) = date.tomorrow() {
            c.line(&format!("DTEND;VALUE=DATE:{}", day(after)));
        }
        let label = site.theme.i18n.label("rounds", step);
        c.line(&format!(
            "SUMMARY:{}",
            escape(&format!("{}: {label} ({})", r.title, organisation.name))
        ));
        c.line(&format!("URL:{url}"));
        c.line("END:VEVENT");
    }
}

/// `/agenda.ics` (no organisation) or `/organisaties/<slug>/agenda.ics`: upcoming events
/// and the steps of application rounds still to come.
pub fn agenda(site: &Site<'_>, organisation: Option<usize>) -> String {
    let zone = Zone::new(&site.settings.timezone);
    let portal = site.portal;
    let org = organisation.map(|i| &portal.organisations[i]);
    let name = match org {
        Some(o) => format!("{} · {}", o.name, site.settings.title),
        None => format!(
            "{} · {}",
            site.theme.i18n.label("agenda", "title"),
            site.settings.title
        ),
    };
    let mut c = Calendar::new(site, &name);
    // An organisation's calendar reads its own events and rounds only (reading everyone's
    // for each of them was quadratic in the number of organisations).
    let upcoming = site.upcoming();
    let events = match org {
        Some(o) => upcoming.of_organisation(&o.slug),
        None => &upcoming.all,
    };
    for &i in events {
        event(&mut c, site, &zone, &portal.events[i]);
    }
    let organisations = match organisation {
        Some(i) => &portal.organisations[i..=i],
        None => &portal.organisations[..],
    };
    for o in organisations {
        for r in &o.rounds {
            if r.steps().iter().any(|(_, d)| *d >= portal.today.0) {
                round(&mut c, site, o, r);
            }
        }
    }
    c.finish()
}

/// `/agenda/<slug>/event.ics`: one event, for "Zet in je agenda".
pub fn single(site: &Site<'_>, index: usize) -> String {
    let zone = Zone::new(&site.settings.timezone);
    let e = &site.portal.events[index];
    let mut c = Calendar::new(site, &e.title);
    event(&mut c, site, &zone, e);
    c.finish()
}

/// `/deadlines.ics`: one all-day event per open vacancy on its deadline.
pub fn deadlines(site: &Site<'_>) -> String {
    let portal = site.portal;
    let label = site.theme.i18n.label("agenda", "deadline");
    let mut c = Calendar::new(
        site,
        &format!(
            "{} · {}",
            site.theme.i18n.label("agenda", "deadlines"),
            site.settings.title
        ),
    );
    for &i in &site.listings.open {
        let v = &portal.vacancies[i];
        let Some(closes) = v.closes else { continue };
        let url = site.urls.absolute(Route::Vacancy(&v.slug));
        c.line("BEGIN:VEVENT");
        c.line(&format!("UID:deadline-{}@{}", v.slug, host(site)));
        c.line(&format!(
            "DTSTAMP:{}",
            stamp(v.updated.unwrap_or(v.published).max(v.published))
        ));
        c.line(&format!("DTSTART;VALUE=DATE:{}", day(closes)));
        if let Ok(after) = closes.tomorrow() {
            c.line(&format!("DTEND;VALUE=DATE:{}", day(after)));
        }
        c.line(&format!(
            "SUMMARY:{}",
            escape(&format!("{label}: {}", v.title))
        ));
        c.line(&format!("URL:{url}"));
        c.line(&format!("DESCRIPTION:{}", escape(&url)));
        c.line("TRANSP:TRANSPARENT");
        c.line("END:VEVENT");
    }
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_characters_whole_and_lines_short() {
        let line = format!("DESCRIPTION:{}", "Oosterzeeë ".repeat(20));
        let folded = fold(&line);
        for l in folded.trim_end_matches("\r\n").split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn parameter_values_are_quoted_when_needed() {
        assert_eq!(quote_param("Gemeente Aa"), "Gemeente Aa");
        assert_eq!(quote_param("Aa, Bb"), "\"Aa, Bb\"");
    }
}
