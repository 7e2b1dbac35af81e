//! RSS 2.0 and JSON Feed 1.1 of the open vacancies: of the whole portal, of each
//! organisation and of each listing term.
//!
//! Feeds are read by machines that drop what does not validate, so: only open, non-draft
//! vacancies, newest first; absolute URLs (the vacancy's URL is its id and never changes);
//! dates from content, never from the clock; XML escaped and stripped of the characters
//! XML 1.0 forbids; JSON written by serde_json. Every JSON Feed item carries a `_vacancy`
//! extension with the vacancy's facts, documented at `/feeds/`.

use std::io::{self, Write};
use std::sync::Arc;

use crate::memo::Memos;

use serde::Serialize;

use crate::model::contact::Contact;
use crate::model::slug::Slug;
use crate::model::terms::Taxonomy;
use crate::model::vacancy::{Allowance, Apply, Vacancy};
use crate::outputs::Site;
use crate::outputs::listings::newest;
use crate::outputs::time::{Zone, rfc822, rfc3339};
use crate::urls::{FeedFormat, FeedScope, Route, encode_url};

/// Which feed a job renders (indices into the portal and the listings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every open vacancy.
    All,
    /// One organisation's (index into `portal.organisations`).
    Organisation(usize),
    /// One listing term's (index into the listing's groups).
    Term(Taxonomy, usize),
}

/// The feed's own facts: title, page and the vacancies in it.
struct Feed<'a> {
    title: String,
    description: String,
    page: String,
    self_url: String,
    vacancies: Vec<&'a Vacancy>,
    indices: Vec<usize>,
}

fn feed<'a>(site: &'a Site<'a>, scope: Scope, format: FeedFormat) -> Feed<'a> {
    let portal = site.portal;
    let listings = site.listings;
    let t = &site.theme.i18n;
    let (title, route_scope, mut indices): (String, FeedScope<'_>, Vec<usize>) = match scope {
        Scope::All => (
            site.settings.title.clone(),
            FeedScope::All,
            listings.open.clone(),
        ),
        Scope::Organisation(i) => {
            let o = &portal.organisations[i];
            (
                format!("{} · {}", o.name, site.settings.title),
                FeedScope::Organisation(&o.slug),
                listings.of_organisation(&o.slug).to_vec(),
            )
        }
        Scope::Term(taxonomy, group) => {
            let g = &listings.groups(taxonomy)[group];
            let name = match taxonomy {
                Taxonomy::Level => t.label("levels", &g.slug).to_string(),
                Taxonomy::Kind => t.label("kinds", &g.slug).to_string(),
                Taxonomy::Field | Taxonomy::Place => g.name.clone(),
            };
            (
                format!(
                    "{}: {name} · {}",
                    t.label("taxonomies", taxonomy.key()),
                    site.settings.title
                ),
                FeedScope::Term {
                    taxonomy,
                    term: &g.slug,
                },
                g.vacancies.clone(),
            )
        }
    };
    indices.sort_by(|&a, &b| newest(&portal.vacancies[a], &portal.vacancies[b]));
    if let Some(limit) = site.settings.feed_limit {
        indices.truncate(limit);
    }
    Feed {
        title,
        description: site
            .settings
            .description
            .clone()
            .unwrap_or_else(|| site.settings.title.clone()),
        page: site.urls.absolute(route_scope.page()),
        self_url: site.urls.absolute(Route::Feed {
            scope: route_scope,
            format,
        }),
        vacancies: indices.iter().map(|&i| &portal.vacancies[i]).collect(),
        indices,
    }
}

/// The latest content date among the items, or today for an empty feed.
fn last_change(site: &Site<'_>, vacancies: &[&Vacancy]) -> jiff::civil::Date {
    vacancies
        .iter()
        .map(|v| v.updated.unwrap_or(v.published).max(v.published))
        .max()
        .unwrap_or(site.portal.today.0)
}

/// Makes root-relative links in rendered HTML absolute, for readers outside the portal.
pub fn absolute_links(html: &str, origin: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0;
    // Every `=` is a candidate, found with memchr: a string search for the three bytes
    // `="/` was 1.8% of a build's instructions (it runs over every full text twice), this
    // is 0.45%.
    for (i, _) in html.match_indices('=') {
        let Some(path) = html[i + 1..].strip_prefix('"') else {
            continue;
        };
        if path.starts_with('/') {
            out.push_str(&html[copied..i + 2]);
            if !path.starts_with("//") {
                out.push_str(origin);
            }
            copied = i + 2;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// Escapes text for XML and drops the characters XML 1.0 does not allow at all.
///
/// # Example
/// ```
/// use stagebord::outputs::feeds::xml_escape;
/// assert_eq!(xml_escape("a & <b> \"c\" ]]>\u{1}"), "a &amp; &lt;b&gt; &quot;c&quot; ]]&gt;");
/// ```
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_xml_escaped(&mut out, text);
    out
}

/// [`xml_escape`] onto the end of `out`.
fn push_xml_escaped(out: &mut String, text: &str) {
    let Ok(()) = xml_escape_with(text, |run| {
        out.push_str(run);
        Ok::<(), std::convert::Infallible>(())
    });
}

/// [`xml_escape`] into a writer.
pub fn xml_escape_to(out: &mut impl Write, text: &str) -> io::Result<()> {
    xml_escape_with(text, |run| out.write_all(run.as_bytes()))
}

/// Hands the escaped text to `emit` in pieces: the runs between special characters whole,
/// and the replacement of each special character.
fn xml_escape_with<E>(text: &str, mut emit: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Every special character is ASCII or a whole three-byte sequence, so the runs
        // between them are whole characters.
        let (skip, replacement) = match bytes[i] {
            b'&' => (1, "&amp;"),
            b'<' => (1, "&lt;"),
            b'>' => (1, "&gt;"),
            b'"' => (1, "&quot;"),
            b'\'' => (1, "&apos;"),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..0x20 => (1, ""),
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not characters in XML either.
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => (3, ""),
            _ => {
                i += 1;
                continue;
            }
        };
        if start < i {
            emit(text.get(start..i).unwrap_or_default())?;
        }
        if !replacement.is_empty() {
            emit(replacement)?;
        }
        i += skip;
        start = i;
    }
    if start < bytes.len() {
        emit(text.get(start..).unwrap_or_default())?;
    }
    Ok(())
}

/// Drops characters XML 1.0 forbids (used for JSON too, so both feeds say the same).
fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    // Control characters are ASCII, so a byte is one exactly when it is such a character.
    let forbidden = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
    if !text.bytes().any(forbidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .filter(|&c| !u8::try_from(c).is_ok_and(forbidden))
        .collect()
}

fn categories<'a>(site: &'a Site<'a>, v: &'a Vacancy) -> Vec<String> {
    let t = &site.theme.i18n;
    let mut out: Vec<String> = v
        .levels
        .iter()
        .map(|l| t.label("levels", l.as_str()).to_string())
        .collect();
    out.extend(
        v.fields
            .iter()
            .map(|f| site.portal.field_name(f).to_string()),
    );
    out.push(t.label("kinds", v.kind.as_str()).to_string());
    out
}

fn summary<'a>(site: &'a Site<'a>, index: usize) -> &'a str {
    let v = &site.portal.vacancies[index];
    v.summary
        .as_deref()
        .unwrap_or(&site.bodies.vacancies[index].summary)
}

/// Renders one feed into memory.
pub fn render(site: &Site<'_>, scope: Scope, format: FeedFormat) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write(site, scope, format, &mut bytes)?;
    Ok(bytes)
}

/// Writes one feed to `out` item by item: the portal's own feeds are tens of megabytes at
/// 10,000 vacancies, too much to build in memory first.
pub fn write(
    site: &Site<'_>,
    scope: Scope,
    format: FeedFormat,
    out: &mut impl Write,
) -> io::Result<()> {
    let feed = feed(site, scope, format);
    // The portal's own feed carries each vacancy's full text; the organisation and term
    // feeds carry the summary and the facts, so a vacancy's text is not published a dozen
    // times over (at 50,000 vacancies that is the difference between 100 MB and 1 GB).
    let full = scope == Scope::All;
    match format {
        FeedFormat::Rss => rss(site, &feed, full, out),
        FeedFormat::Json => json(site, &feed, full, out),
    }
}

fn rss(site: &Site<'_>, feed: &Feed<'_>, full: bool, x: &mut impl Write) -> io::Result<()> {
    let zone = Zone::new(&site.settings.timezone);
    let date = |d| zone.start_of_day(d).map(|z| rfc822(&z)).unwrap_or_default();
    x.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    x.write_all(b"<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n")?;
    writeln!(x, "  <title>{}</title>", xml_escape(&feed.title))?;
    writeln!(x, "  <link>{}</link>", xml_escape(&feed.page))?;
    writeln!(
        x,
        "  <description>{}</description>",
        xml_escape(&feed.description)
    )?;
    writeln!(
        x,
        "  <language>{}</language>",
        site.settings.language.code()
    )?;
    writeln!(
        x,
        "  <lastBuildDate>{}</lastBuildDate>",
        date(last_change(site, &feed.vacancies))
    )?;
    x.write_all(b"  <generator>stagebord</generator>\n")?;
    writeln!(
        x,
        "  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        xml_escape(&feed.self_url)
    )?;
    for &i in &feed.indices {
        let item = site.feed_items.get(site, i);
        x.write_all(item.rss_head.as_bytes())?;
        if full {
            match site.feed_items.full_text(site, i) {
                Some(text) => x.write_all(&text.rss)?,
                None => rss_full_text(x, &full_html(site, i))?,
            }
        }
        x.write_all(item.rss_tail.as_bytes())?;
    }
    x.write_all(b"</channel>\n</rss>\n")
}

/// A vacancy's body with absolute links, as the portal's own feeds carry it.
fn full_html(site: &Site<'_>, i: usize) -> String {
    absolute_links(&site.bodies.vacancies[i].html, site.urls.origin())
}

/// Writes a full text as the RSS item's `content:encoded` element.
fn rss_full_text(out: &mut impl Write, html: &str) -> io::Result<()> {
    out.write_all(b"    <content:encoded>")?;
    xml_escape_to(out, html)?;
    out.write_all(b"</content:encoded>\n")
}

/// Writes a full text as the JSON item's `content_html` member (with its leading comma).
fn json_full_text(out: &mut impl Write, html: &str) -> io::Result<()> {
    out.write_all(b",\"content_html\":")?;
    serde_json::to_writer(&mut *out, &clean(html))?;
    Ok(())
}

/// A vacancy's full text, escaped as each format of the portal's own feeds carries it.
/// Only `serve` keeps these: there every change of an open vacancy rewrites those feeds,
/// and escaping every body again was most of a rebuild's work (a `build` writes each feed
/// once, so it escapes the body while writing and keeps nothing).
#[derive(Debug, Default)]
pub struct FullText {
    /// The `content:encoded` element.
    rss: Vec<u8>,
    /// The `content_html` member.
    json: Vec<u8>,
}

impl FullText {
    fn of(html: &str) -> FullText {
        let mut text = FullText {
            rss: Vec::with_capacity(html.len() + html.len() / 4 + 48),
            json: Vec::with_capacity(html.len() + html.len() / 4 + 24),
        };
        // Writing into a Vec cannot fail.
        let _ = rss_full_text(&mut text.rss, html);
        let _ = json_full_text(&mut text.json, html);
        text
    }
}

/// The parts of a vacancy's feed items, made once and shared by every feed it is in. An
/// item with the full text is these parts around the body, which a build escapes while the
/// portal's own feed is written (it is used once there, so it is not kept; `serve` keeps it
/// as a [`FullText`]).
#[derive(Debug, Default)]
pub struct Item {
    /// `<item>` up to and including `<description>`.
    rss_head: String,
    /// From `<dc:creator>` to `</item>`.
    rss_tail: String,
    /// The JSON object from `{` up to and including `summary` (without the closing brace).
    json_head: Vec<u8>,
    /// `,"content_text":...`, for the summary variant.
    json_text: Vec<u8>,
    /// `,` and the members from `date_published` on, with the closing brace.
    json_tail: Vec<u8>,
}

/// The feed items of every vacancy, each made on first use (a vacancy is in up to a dozen
/// feeds; its item is escaped and serialised once).
#[derive(Debug, Default)]
pub struct Items {
    items: Vec<std::sync::OnceLock<Arc<Item>>>,
    /// In `serve`: the session's memos and each vacancy's item key (from its
    /// fingerprint), so the items of unchanged vacancies are not made again.
    kept: Option<(Arc<Memos>, Vec<u64>)>,
}

impl Items {
    /// Room for the items of `count` vacancies.
    pub fn new(count: usize) -> Items {
        Items {
            items: (0..count).map(|_| std::sync::OnceLock::new()).collect(),
            kept: None,
        }
    }

    /// Room for the items of every vacancy, taken from `memos` when their key (one per
    /// vacancy, covering all an item is made of) is known there.
    pub fn kept(memos: Arc<Memos>, keys: Vec<u64>) -> Items {
        Items {
            items: (0..keys.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            kept: Some((memos, keys)),
        }
    }

    /// In `serve`: the full text of vacancy `index` for the portal's own feeds, escaped
    /// once and kept (by the body's HTML, so a hit is always what escaping would give) for
    /// as long as the body does not change. `None` in a build: write it while streaming.
    fn full_text(&self, site: &Site<'_>, index: usize) -> Option<Arc<FullText>> {
        let (memos, _) = self.kept.as_ref()?;
        let body = site.bodies.vacancies.get(index)?;
        let origin = site.urls.origin();
        let key = crate::memo::key((origin, &body.html));
        Some(
            memos
                .feed_texts
                .get_or_make(key, || FullText::of(&full_html(site, index))),
        )
    }

    /// The items of vacancy `index`, made now if this is the first feed that needs them.
    fn get<'s>(&'s self, site: &Site<'_>, index: usize) -> &'s Item {
        static EMPTY: Item = Item {
            rss_head: String::new(),
            rss_tail: String::new(),
            json_head: Vec::new(),
            json_text: Vec::new(),
            json_tail: Vec::new(),
        };
        let make = || match &self.kept {
            Some((memos, keys)) if index < keys.len() => memos
                .feed_items
                .get_or_make(keys[index], || item(site, index)),
            _ => Arc::new(item(site, index)),
        };
        self.items
            .get(index)
            .map_or(&EMPTY, |cell| cell.get_or_init(make))
    }
}

/// Makes the parts of one vacancy's feed items.
fn item(site: &Site<'_>, i: usize) -> Item {
    let v = &site.portal.vacancies[i];
    let zone = Zone::new(&site.settings.timezone);
    let url = site.urls.absolute(Route::Vacancy(&v.slug));
    let organisation = site
        .portal
        .organisation(&v.organisation)
        .map_or(v.organisation.as_str(), |o| o.name.as_str());
    let categories = categories(site, v);

    let summary_text = summary(site, i);
    let pub_date = zone
        .start_of_day(v.published)
        .map(|z| rfc822(&z))
        .unwrap_or_default();
    let mut head = String::with_capacity(256 + v.title.len() + 2 * url.len() + summary_text.len());
    let element = |out: &mut String, open: &str, close: &str, text: &str| {
        out.push_str(open);
        push_xml_escaped(out, text);
        out.push_str(close);
    };
    head.push_str("  <item>\n");
    element(&mut head, "    <title>", "</title>\n", &v.title);
    element(&mut head, "    <link>", "</link>\n", &url);
    element(
        &mut head,
        "    <guid isPermaLink=\"true\">",
        "</guid>\n",
        &url,
    );
    element(&mut head, "    <pubDate>", "</pubDate>\n", &pub_date);
    element(
        &mut head,
        "    <description>",
        "</description>\n",
        summary_text,
    );
    let mut tail = String::with_capacity(256);
    element(
        &mut tail,
        "    <dc:creator>",
        "</dc:creator>\n",
        organisation,
    );
    for category in &categories {
        element(&mut tail, "    <category>", "</category>\n", category);
    }
    tail.push_str("  </item>\n");

    let moment = |d| {
        zone.start_of_day(d)
            .map(|z| rfc3339(&z))
            .unwrap_or_default()
    };
    // One JSON object in two halves around the content member, which is the only one the
    // two variants differ in: serialised separately, then joined with the braces between
    // them removed, the bytes are those of the whole object.
    let summary_text = clean(summary_text);
    let json_head = JsonHead {
        id: &url,
        url: &url,
        title: clean(&v.title).into_owned(),
        summary: &summary_text,
    };
    let json_tail = JsonTail {
        date_published: moment(v.published),
        date_modified: v.updated.map(moment),
        authors: vec![Author {
            name: organisation.to_string(),
            url: site.urls.absolute(Route::Organisation(&v.organisation)),
        }],
        tags: categories,
        vacancy: extension(site, v),
    };
    let mut json_head = to_json(&json_head, 128 + 2 * url.len() + summary_text.len());
    json_head.pop(); // the closing brace
    let mut json_tail = to_json(&json_tail, 2048);
    if let Some(brace @ b'{') = json_tail.first_mut() {
        *brace = b','; // the opening brace
    }
    let mut json_text = b",\"content_text\":".to_vec();
    json_text.extend_from_slice(&to_json(&summary_text, 16 + summary_text.len()));
    Item {
        rss_head: head,
        rss_tail: tail,
        json_head,
        json_text,
        json_tail,
    }
}

/// `value` as compact JSON, in a buffer made for about `capacity` bytes (empty if it cannot
/// be serialised).
fn to_json(value: &impl Serialize, capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity);
    match serde_json::to_writer(&mut out, value) {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}

/// The members of a JSON Feed item before its content.
#[derive(Serialize)]
struct JsonHead<'a> {
    id: &'a str,
    url: &'a str,
    title: String,
    summary: &'a str,
}

/// The members of a JSON Feed item after its content.
#[derive(Serialize)]
struct JsonTail<'a> {
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    authors: Vec<Author>,
    tags: Vec<String>,
    #[serde(rename = "_vacancy")]
    vacancy: VacancyExtension<'a>,
}

#[derive(Serialize)]
struct Author {
    name: String,
    url: String,
}

/// The `_vacancy` extension: a vacancy's facts, for aggregators. Documented at `/feeds/`.
#[derive(Serialize)]
pub struct VacancyExtension<'a> {
    about: String,
    organisation: OrganisationRef<'a>,
    kind: &'static str,
    levels: Vec<&'static str>,
    fields: Vec<String>,
    location: Location<'a>,
    workplace: Option<&'static str>,
    hours_per_week: Option<crate::model::vacancy::Hours>,
    duration_months: Option<u32>,
    allowance: Option<Money>,
    published: String,
    starts: Option<String>,
    closes: Option<String>,
    valid_through: Option<String>,
    apply: ApplyRef,
    crebo: &'a [String],
    contact: Option<&'a Contact>,
    house_rules: Option<String>,
}

#[derive(Serialize)]
struct OrganisationRef<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct Location<'a> {
    city: String,
    region: Option<&'a str>,
    country: String,
}

#[derive(Serialize)]
struct Money {
    amount: u32,
    currency: &'static str,
    unit: &'static str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ApplyRef {
    Url { url: String },
    Email { email: String },
}

/// The facts of one vacancy as the `_vacancy` extension states them.
pub fn extension<'a>(site: &'a Site<'a>, v: &'a Vacancy) -> VacancyExtension<'a> {
    let zone = Zone::new(&site.settings.timezone);
    let organisation = site.portal.organisation(&v.organisation);
    let house_rules = site
        .portal
        .brochures_of(&v.organisation)
        .find(|b| b.kind == Some(crate::model::terms::BrochureKind::Huisregels))
        .map(|b| {
            site.urls.absolute(Route::Brochure {
                organisation: &b.organisation,
                brochure: &b.slug,
            })
        });
    VacancyExtension {
        about: site.urls.absolute(Route::FeedDocs),
        organisation: OrganisationRef {
            slug: v.organisation.as_str(),
            name: organisation.map_or(v.organisation.as_str(), |o| o.name.as_str()),
            url: site.urls.absolute(Route::Organisation(&v.organisation)),
        },
        kind: v.kind.as_str(),
        levels: v.levels.iter().map(|l| l.as_str()).collect(),
        fields: v
            .fields
            .iter()
            .map(|f| site.portal.field_name(f).to_string())
            .collect(),
        location: Location {
            city: clean(site.portal.place_name(&v.location)).into_owned(),
            region: v.region.as_deref(),
            country: country(site, &v.organisation),
        },
        workplace: v.workplace.map(|w| w.as_str()),
        hours_per_week: v.hours,
        duration_months: v.duration_months,
        allowance: match v.allowance {
            Allowance::NotStated => None,
            Allowance::Unpaid => Some(Money {
                amount: 0,
                currency: "EUR",
                unit: "MONTH",
            }),
            Allowance::Monthly(amount) => Some(Money {
                amount,
                currency: "EUR",
                unit: "MONTH",
            }),
        },
        published: v.published.to_string(),
        starts: v.starts.map(|d| d.to_string()),
        closes: v.closes.map(|d| d.to_string()),
        valid_through: v
            .closes
            .and_then(|d| zone.end_of_day(d))
            .map(|z| rfc3339(&z)),
        apply: match &v.apply {
            Apply::Url(url) => ApplyRef::Url {
                url: encode_url(url),
            },
            Apply::Email(email) => ApplyRef::Email {
                email: email.clone(),
            },
        },
        crebo: &v.crebo,
        contact: v.contact.as_ref(),
        house_rules,
    }
}

/// The country of a vacancy's places: its organisation's, else the portal's.
pub fn country(site: &Site<'_>, organisation: &Slug) -> String {
    site.portal
        .organisation(organisation)
        .and_then(|o| o.country.clone())
        .unwrap_or_else(|| site.settings.country.clone())
}

fn json(site: &Site<'_>, feed: &Feed<'_>, full: bool, out: &mut impl Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Head<'a> {
        version: &'static str,
        title: String,
        home_page_url: &'a str,
        feed_url: &'a str,
        description: String,
        language: &'static str,
    }
    let head = Head {
        version: "https://jsonfeed.org/version/1.1",
        title: clean(&feed.title).into_owned(),
        home_page_url: &feed.page,
        feed_url: &feed.self_url,
        description: clean(&feed.description).into_owned(),
        language: site.settings.language.code(),
    };
    // The head object, reopened to append the items, which are serialised once per vacancy.
    let head = serde_json::to_string(&head).unwrap_or_else(|_| "{}".to_string());
    out.write_all(head.trim_end_matches('}').as_bytes())?;
    out.write_all(b",\"items\":[")?;
    for (n, &i) in feed.indices.iter().enumerate() {
        if n > 0 {
            out.write_all(b",\n")?;
        }
        let item = site.feed_items.get(site, i);
        out.write_all(&item.json_head)?;
        if full {
            match site.feed_items.full_text(site, i) {
                Some(text) => out.write_all(&text.json)?,
                None => json_full_text(out, &full_html(site, i))?,
            }
        } else {
            out.write_all(&item.json_text)?;
        }
        out.write_all(&item.json_tail)?;
    }
    out.write_all(b"]}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_links_is_the_search_for_every_quoted_root_path() {
        // The straightforward search, which the function must agree with.
        fn by_search(html: &str, origin: &str) -> String {
            let mut out = String::new();
            let mut rest = html;
            while let Some(i) = rest.find("=\"/") {
                let (before, after) = rest.split_at(i + 2);
                out.push_str(before);
                if !after.starts_with("//") {
                    out.push_str(origin);
                }
                rest = after;
            }
            out.push_str(rest);
            out
        }
        for html in [
            "",
            "=",
            "=\"",
            "=\"/",
            "=\"//",
            "==\"/a\"",
            "=\"=\"/a",
            "x=\"/a\" y=\"/b\" z=\"//c\" w=\"d\" ===\"/e",
            "<a href=\"/ë/\">ë</a><img src=\"/a.png\" alt=\"=\"/\">",
            "a = \"/not an attribute\"; b =\"/x\"",
        ] {
            assert_eq!(
                absolute_links(html, "https://example.nl"),
                by_search(html, "https://example.nl"),
                "{html}"
            );
        }
    }

    #[test]
    fn root_relative_links_become_absolute() {
        let html = r#"<a href="/stages/x/">x</a> <img src="/stages/a.png"> <a href="//cdn.example.nl/y">y</a> <a href="https://z.nl/">z</a>"#;
        assert_eq!(
            absolute_links(html, "https://example.nl"),
            r#"<a href="https://example.nl/stages/x/">x</a> <img src="https://example.nl/stages/a.png"> <a href="//cdn.example.nl/y">y</a> <a href="https://z.nl/">z</a>"#
        );
    }

    #[test]
    fn xml_escape_is_the_character_by_character_escape() {
        fn by_char(text: &str) -> String {
            let mut out = String::new();
            for c in text.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&apos;"),
                    '\t' | '\n' | '\r' => out.push(c),
                    c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
                    c => out.push(c),
                }
            }
            out
        }
        for text in [
            "",
            "plain",
            "<p class=\"x\">Tom & Jerry's</p>",
            "a\u{0}b\u{1f}c\td\ne\rf\u{7f}",
            "\u{fffe}\u{ffff}\u{fffd}\u{ffbe}\u{efbf}x\u{ffff}",
            "financiën — €450 ✓ 😀 &amp;",
            "ends with <",
        ] {
            assert_eq!(xml_escape(text), by_char(text), "{text:?}");
        }
    }

    #[test]
    fn clean_drops_control_characters() {
        assert_eq!(clean("a\u{0}b\u{1b}c\td\n"), "abc\td\n");
    }
}
