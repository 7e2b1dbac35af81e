//! The agenda: upcoming events in order, their template views, their schema.org `Event`
//! JSON-LD, and the rounds and events shown on organisation and vacancy pages.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::Portal;
use crate::model::event::{Event, Moment};
use crate::model::slug::Slug;
use crate::model::vacancy::Apply;
use crate::outputs::Site;
use crate::outputs::structured_data::script_safe;
use crate::outputs::time::{Zone, rfc3339};
use crate::render::context::{DateView, Label, Link};
use crate::urls::Route;

/// Upcoming, non-draft events, soonest first (ties on the slug).
pub fn upcoming(portal: &Portal) -> Vec<&Event> {
    let mut events: Vec<&Event> = portal
        .events
        .iter()
        .filter(|e| !e.draft && e.is_upcoming(portal.today))
        .collect();
    events.sort_by(|a, b| a.starts.cmp(&b.starts).then_with(|| a.slug.cmp(&b.slug)));
    events
}

/// The upcoming events in agenda order (indices into the portal's events), and which of
/// them each organisation and each vacancy has. Made once per build: looking them up per
/// page was quadratic in a portal with many events (every vacancy page went through every
/// event).
#[derive(Debug, Default)]
pub struct Upcoming {
    /// Every upcoming event, soonest first.
    pub all: Vec<usize>,
    by_organisation: HashMap<Slug, Vec<usize>>,
    by_vacancy: HashMap<Slug, Vec<usize>>,
}

impl Upcoming {
    /// The upcoming events of `portal`, indexed.
    pub fn of(portal: &Portal) -> Upcoming {
        let mut index = Upcoming::default();
        for e in upcoming(portal) {
            let i = index_of(portal, e);
            index.all.push(i);
            index
                .by_organisation
                .entry(e.organisation.clone())
                .or_default()
                .push(i);
            for v in &e.vacancies {
                let of_vacancy = index.by_vacancy.entry(v.clone()).or_default();
                // An event that names a vacancy twice is still one event of it.
                if of_vacancy.last() != Some(&i) {
                    of_vacancy.push(i);
                }
            }
        }
        index
    }

    /// The upcoming events of an organisation, soonest first.
    pub fn of_organisation(&self, organisation: &Slug) -> &[usize] {
        self.by_organisation
            .get(organisation)
            .map_or(&[], Vec::as_slice)
    }

    /// The upcoming events that name a vacancy, soonest first.
    pub fn of_vacancy(&self, vacancy: &Slug) -> &[usize] {
        self.by_vacancy.get(vacancy).map_or(&[], Vec::as_slice)
    }
}

/// A moment as a template shows it.
#[derive(Debug, Clone, Serialize)]
pub struct MomentView {
    /// The day, in machine and human form.
    pub date: DateView,
    /// "09:30", or none for a whole day.
    pub time: Option<String>,
    /// RFC 3339 with the local offset (or the bare date), for `<time datetime>`.
    pub iso: String,
}

/// An event as a template shows it.
#[derive(Debug, Serialize)]
pub struct EventView<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Title.
    pub title: &'a str,
    /// Link to the event page.
    pub url: String,
    /// Link to its `.ics` file ("Zet in je agenda").
    pub calendar_url: String,
    /// Kind of event.
    pub kind: Label,
    /// Organiser.
    pub organisation: Link,
    /// Start.
    pub starts: MomentView,
    /// End, if stated.
    pub ends: Option<MomentView>,
    /// Place.
    pub location: Option<&'a str>,
    /// Online address.
    pub online: Option<&'a str>,
    /// Where to register: the link target.
    pub register_url: Option<String>,
    /// The registration address, when registering is by e-mail.
    pub register_email: Option<&'a str>,
    /// Levels it is for.
    pub levels: Vec<Label>,
    /// The vacancies it belongs to.
    pub vacancies: Vec<Link>,
    /// False once it has passed.
    pub is_upcoming: bool,
    /// The rendered description (use `| safe`); empty in lists.
    pub body_html: &'a str,
}

/// A month of the agenda with its events.
#[derive(Debug, Serialize)]
pub struct Month<'a> {
    /// "maart 2027".
    pub title: String,
    /// `2027-03`, for an anchor.
    pub id: String,
    /// Its events, soonest first.
    pub events: Vec<EventView<'a>>,
}

/// One step of an application round.
#[derive(Debug, Serialize)]
pub struct RoundStep {
    /// `opens`, `closes`, `interviews` or `starts`.
    pub key: &'static str,
    /// Its label in the portal's language.
    pub label: String,
    /// The day.
    pub date: DateView,
    /// True when the day has passed.
    pub past: bool,
}

/// An application round as a short timeline.
#[derive(Debug, Serialize)]
pub struct RoundView {
    /// "Traineegroep 2027".
    pub title: String,
    /// Its steps in order.
    pub steps: Vec<RoundStep>,
}

fn moment(site: &Site<'_>, zone: &Zone, m: Moment) -> MomentView {
    let views = site.views();
    match m {
        Moment::Day(d) => MomentView {
            date: views.date(d),
            time: None,
            iso: d.to_string(),
        },
        Moment::At(dt) => MomentView {
            date: views.date(dt.date()),
            time: Some(format!("{:02}:{:02}", dt.hour(), dt.minute())),
            iso: zone
                .at_datetime(dt)
                .map_or_else(|| dt.to_string(), |z| rfc3339(&z)),
        },
    }
}

/// The view of event `index`; `with_body` for its own page.
pub fn view<'a>(site: &'a Site<'a>, index: usize, with_body: bool) -> EventView<'a> {
    let zone = Zone::new(&site.settings.timezone);
    let views = site.views();
    let e = &site.portal.events[index];
    EventView {
        slug: e.slug.as_str(),
        title: &e.title,
        url: site.urls.href(Route::Event(&e.slug)),
        calendar_url: site.urls.href(Route::EventCalendar(&e.slug)),
        kind: Label {
            slug: e.kind.as_str().to_string(),
            label: site
                .theme
                .i18n
                .label("event_kinds", e.kind.as_str())
                .to_string(),
            url: None,
        },
        organisation: Link {
            title: site
                .portal
                .organisation(&e.organisation)
                .map_or_else(|| e.organisation.to_string(), |o| o.name.clone()),
            url: site.urls.href(Route::Organisation(&e.organisation)),
        },
        starts: moment(site, &zone, e.starts),
        ends: e.ends.map(|m| moment(site, &zone, m)),
        location: e.location.as_deref(),
        online: e.online.as_deref(),
        register_url: e.register.as_ref().map(Apply::href),
        register_email: match &e.register {
            Some(Apply::Email(m)) => Some(m.as_str()),
            _ => None,
        },
        levels: e.levels.iter().map(|l| views.level(*l)).collect(),
        vacancies: e
            .vacancies
            .iter()
            .filter_map(|slug| site.portal.vacancy(slug))
            .map(|v| Link {
                title: v.title.clone(),
                url: site.urls.href(Route::Vacancy(&v.slug)),
            })
            .collect(),
        is_upcoming: e.is_upcoming(site.portal.today),
        body_html: if with_body {
            site.bodies
                .events
                .get(index)
                .map_or("", |r| r.html.as_str())
        } else {
            ""
        },
    }
}

/// Index of an event in `portal.events`.
fn index_of(portal: &Portal, event: &Event) -> usize {
    portal
        .events
        .binary_search_by(|e| e.slug.cmp(&event.slug))
        .unwrap_or(0)
}

/// The upcoming events, grouped by month, for `/agenda/`.
pub fn months<'a>(site: &'a Site<'a>) -> Vec<Month<'a>> {
    let mut months: Vec<Month<'a>> = Vec::new();
    for e in upcoming(site.portal) {
        let d = e.starts.date();
        let id = format!("{:04}-{:02}", d.year(), d.month());
        let view = view(site, index_of(site.portal, e), false);
        match months.last_mut() {
            Some(m) if m.id == id => m.events.push(view),
            _ => {
                let text = site.theme.i18n.format_date(d);
                let title = text
                    .split_once(' ')
                    .map_or(text.clone(), |(_, rest)| rest.to_string());
                months.push(Month {
                    title,
                    id,
                    events: vec![view],
                });
            }
        }
    }
    months
}

/// The upcoming events of an organisation.
pub fn of_organisation<'a>(site: &'a Site<'a>, organisation: &Slug) -> Vec<EventView<'a>> {
    site.upcoming()
        .of_organisation(organisation)
        .iter()
        .map(|&i| view(site, i, false))
        .collect()
}

/// The upcoming events that name a vacancy.
pub fn of_vacancy<'a>(site: &'a Site<'a>, vacancy: &Slug) -> Vec<EventView<'a>> {
    site.upcoming()
        .of_vacancy(vacancy)
        .iter()
        .map(|&i| view(site, i, false))
        .collect()
}

/// The application rounds of an organisation as timelines.
pub fn rounds(
    site: &Site<'_>,
    organisation: &crate::model::organisation::Organisation,
) -> Vec<RoundView> {
    let views = site.views();
    organisation
        .rounds
        .iter()
        .map(|r| RoundView {
            title: r.title.clone(),
            steps: r
                .steps()
                .into_iter()
                .map(|(key, date)| RoundStep {
                    key,
                    label: site.theme.i18n.label("rounds", key).to_string(),
                    date: views.date(date),
                    past: date < site.portal.today.0,
                })
                .collect(),
        })
        .collect()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    start_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    event_attendance_mode: &'static str,
    event_status: &'static str,
    location: Vec<serde_json::Value>,
    organizer: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    url: String,
}

/// The schema.org `Event` JSON-LD of an event page.
pub fn json_ld(site: &Site<'_>, index: usize) -> Option<String> {
    let zone = Zone::new(&site.settings.timezone);
    let e = &site.portal.events[index];
    let organisation = site.portal.organisation(&e.organisation)?;
    let iso = |m: Moment| moment(site, &zone, m).iso;
    let mut location = Vec::new();
    if let Some(place) = &e.location {
        location.push(serde_json::json!({
            "@type": "Place",
            "name": place,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": place,
                "addressCountry": crate::outputs::feeds::country(site, &e.organisation),
            }
        }));
    }
    if let Some(url) = &e.online {
        location.push(serde_json::json!({ "@type": "VirtualLocation", "url": url }));
    }
    let mode = match (&e.location, &e.online) {
        (Some(_), Some(_)) => "https://schema.org/MixedEventAttendanceMode",
        (None, Some(_)) => "https://schema.org/OnlineEventAttendanceMode",
        _ => "https://schema.org/OfflineEventAttendanceMode",
    };
    let summary = site
        .bodies
        .events
        .get(index)
        .map(|r| r.summary.clone())
        .filter(|s| !s.is_empty());
    let ld = EventLd {
        context: "https://schema.org/",
        kind: "Event",
        name: &e.title,
        start_date: iso(e.starts),
        end_date: e.ends.map(iso),
        event_attendance_mode: mode,
        event_status: "https://schema.org/EventScheduled",
        location,
        organizer: serde_json::json!({
            "@type": "Organization",
            "name": organisation.name,
            "url": site.urls.absolute(Route::Organisation(&organisation.slug)),
        }),
        description: summary,
        url: site.urls.absolute(Route::Event(&e.slug)),
    };
    serde_json::to_string(&ld)
        .ok()
        .map(|json| script_safe(&json))
}
