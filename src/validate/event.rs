//! Reads an event's front matter into an [`Event`], checking every key.

use std::ops::Range;

use jiff::civil::{Date, DateTime};
use toml::de::DeValue;

use crate::load::fields::{At, Fields};
use crate::load::walk::SourceFile;
use crate::model::Body;
use crate::model::event::{Event, EventKind, Moment};
use crate::model::slug::Slug;
use crate::model::terms::Level;
use crate::model::today::parse_date;
use crate::model::vacancy::Apply;
use crate::validate::{is_email, is_web_url, slug_of, source};

/// The keys an event may have.
pub(crate) const KEYS: &[&str] = &[
    "title",
    "slug",
    "organisation",
    "kind",
    "starts",
    "ends",
    "location",
    "online",
    "register",
    "levels",
    "vacancies",
    "updated",
    "draft",
];

/// An event read from its file, before its organisation and vacancies are checked.
#[derive(Clone)]
pub(crate) struct ParsedEvent {
    /// The event; `organisation` holds the candidate from the key or the folder.
    pub event: Event,
    /// Where the `organisation` key is, when there is one.
    pub organisation_key: Option<Range<usize>>,
    /// The first folder under `content/events/`, if any.
    pub folder: Option<String>,
    /// Each vacancy slug as written, with its place.
    pub vacancy_keys: Vec<At<String>>,
}

/// Reads `starts` or `ends`: a TOML date, a local date-time, or either in quotes.
fn moment(f: &mut Fields<'_, '_>, key: &'static str) -> Option<At<Moment>> {
    let at = f.raw(key)?;
    let parsed = match at.value {
        DeValue::Datetime(dt) if dt.offset.is_none() => match (dt.date, dt.time) {
            (Some(d), None) => Date::new(d.year as i16, d.month as i8, d.day as i8)
                .ok()
                .map(Moment::Day),
            (Some(d), Some(t)) => DateTime::new(
                d.year as i16,
                d.month as i8,
                d.day as i8,
                t.hour as i8,
                t.minute as i8,
                t.second.unwrap_or(0) as i8,
                0,
            )
            .ok()
            .map(Moment::At),
            _ => None,
        },
        DeValue::String(s) => {
            let s = s.trim();
            parse_date(s)
                .map(Moment::Day)
                .or_else(|| s.replace(' ', "T").parse::<DateTime>().ok().map(Moment::At))
        }
        _ => None,
    };
    if parsed.is_none() {
        let d = f
            .file()
            .error(at.span.clone(), format!("`{key}` is not a date or a local date and time"))
            .with_help(format!(
                "write {key} = 2027-03-15 for a whole day or {key} = 2027-03-15T09:30:00 for a time in the portal's time zone (without an offset)"
            ));
        f.push(d);
    }
    parsed.map(|value| At {
        value,
        span: at.span,
    })
}

/// Reads an event; `None` when a required part is missing or wrong.
pub(crate) fn parse(file: &SourceFile, f: &mut Fields<'_, '_>, body: Body) -> Option<ParsedEvent> {
    let slug = slug_of(file, f);
    let title = f.required_string("title", "\"Introductiedag nieuwe stagiairs\"");
    let folder = super::vacancy::first_folder_under(file, "events");
    let organisation_key = f.string("organisation", "\"gemeente-lindewoude\"");
    let organisation = match (&organisation_key, &folder) {
        (Some(at), _) => super::organisation_slug(f, at),
        (None, Some(folder)) => Slug::fold(folder),
        (None, None) => {
            f.missing("organisation", "\"gemeente-lindewoude\"");
            None
        }
    };
    let kind = match f.string("kind", "\"introductiedag\"") {
        None => Some(EventKind::Other),
        Some(at) => super::vacancy::one_of(
            f,
            &at,
            "event kind",
            EventKind::parse,
            &EventKind::spellings(),
        ),
    };
    if f.raw("starts").is_none() {
        f.missing("starts", "2027-03-15T09:30:00");
    }
    let starts = moment(f, "starts");
    let ends = moment(f, "ends");
    if let (Some(s), Some(e)) = (&starts, &ends) {
        let end_before_start = match (s.value, e.value) {
            (Moment::At(a), Moment::At(b)) => b <= a,
            (a, b) => b.date() < a.date(),
        };
        if end_before_start {
            let d = f
                .file()
                .error(e.span.clone(), "`ends` must come after `starts`")
                .with_help("check the date and time of both");
            f.push(d);
        }
    }
    let location = f
        .string("location", "\"Stadskantoor Lindewoude\"")
        .map(|a| a.value);
    let online = f
        .string("online", "\"https://meet.example.nl/stagebeurs\"")
        .and_then(|at| {
            if at.value.starts_with("https://") && is_web_url(&at.value) {
                return Some(at.value);
            }
            let d = f
                .file()
                .error(at.span, "`online` must be an https:// address")
                .with_help("the link where students join the online event");
            f.push(d);
            None
        });
    let register = f
        .string("register", "\"https://www.example.nl/aanmelden\"")
        .and_then(|at| {
            let value = at.value.trim();
            if is_web_url(value) && value.starts_with("https://") {
                return Some(Apply::Url(value.to_string()));
            }
            let address = value.strip_prefix("mailto:").unwrap_or(value);
            if is_email(address) {
                return Some(Apply::Email(address.to_string()));
            }
            let d = f
                .file()
                .error(
                    at.span,
                    format!(
                        "`register` {value:?} is neither an https:// address nor an e-mail address"
                    ),
                )
                .with_help("use an https:// link to the registration form, or an e-mail address");
            f.push(d);
            None
        });
    let mut levels = Vec::new();
    for at in f
        .string_list("levels", "[\"mbo\", \"hbo\"]")
        .unwrap_or_default()
    {
        if let Some(level) =
            super::vacancy::one_of(f, &at, "level", Level::parse, &Level::spellings())
        {
            levels.push(level);
        }
    }
    levels.sort();
    levels.dedup();
    let vacancy_keys = f
        .string_list("vacancies", "[\"stagiair-communicatie\"]")
        .unwrap_or_default();
    let updated = f.date("updated").map(|a| a.value);
    let draft = f.bool("draft").is_some_and(|a| a.value);
    if location.is_none()
        && online.is_none()
        && f.raw("location").is_none()
        && f.raw("online").is_none()
    {
        let d = f
            .file()
            .error(
                0..3,
                "an event needs a `location`, an `online` address, or both",
            )
            .with_help("add location = \"Stadskantoor Lindewoude\" or online = \"https://...\"");
        f.push(d);
        return None;
    }
    Some(ParsedEvent {
        event: Event {
            slug: slug?.value,
            source: source(file),
            title: title?.value,
            organisation: organisation?,
            kind: kind?,
            starts: starts?.value,
            ends: ends.map(|a| a.value),
            location,
            online,
            register,
            levels,
            vacancies: Vec::new(),
            updated,
            draft,
            body,
        },
        organisation_key: organisation_key.map(|a| a.span),
        folder,
        vacancy_keys,
    })
}
