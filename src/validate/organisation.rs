//! Reads an organisation's front matter into an [`Organisation`].

use std::ops::Range;

use crate::load::fields::Fields;
use crate::load::walk::SourceFile;
use crate::model::Body;
use crate::model::organisation::{Award, Organisation};
use crate::model::terms::OrganisationKind;
use crate::validate::{contact, email, slug_of, source, web_url};

/// The keys an organisation may have.
pub(crate) const KEYS: &[&str] = &[
    "name",
    "slug",
    "kind",
    "website",
    "email",
    "phone",
    "city",
    "region",
    "country",
    "logo",
    "employees",
    "interns_per_year",
    "sbb_recognised",
    "coordinator",
    "awards",
    "rounds",
];

const AWARD_KEYS: &[&str] = &["year", "title"];
const ROUND_KEYS: &[&str] = &["title", "opens", "closes", "interviews", "starts"];

/// An organisation read from its file, before its logo is found.
#[derive(Clone)]
pub(crate) struct ParsedOrganisation {
    /// The organisation, without its logo.
    pub organisation: Organisation,
    /// The `logo` key as written, and where.
    pub logo: Option<(String, Range<usize>)>,
}

/// Reads an organisation; `None` when a required part is missing or wrong.
pub(crate) fn parse(
    file: &SourceFile,
    f: &mut Fields<'_, '_>,
    body: Body,
) -> Option<ParsedOrganisation> {
    let slug = slug_of(file, f);
    let name = f.required_string("name", "\"Gemeente Lindewoude\"");
    let kind = f.string("kind", "\"gemeente\"").and_then(|at| {
        let kind = OrganisationKind::parse(&at.value.to_lowercase());
        if kind.is_none() {
            let d = f
                .file()
                .error(at.span, format!("unknown organisation kind {:?}", at.value))
                .with_help(format!(
                    "use one of: {}",
                    OrganisationKind::spellings().join(", ")
                ));
            f.push(d);
        }
        kind
    });
    let website = web_url(f, "website");
    let email = email(f, "email");
    let phone = f.string("phone", "\"0321 555 000\"").map(|a| a.value);
    let city = f.string("city", "\"Lindewoude\"").map(|a| a.value);
    let region = f.string("region", "\"Vechterland\"").map(|a| a.value);
    let country = f.string("country", "\"BE\"").and_then(|at| {
        if crate::settings::is_country(&at.value) {
            return Some(at.value);
        }
        let d = f
            .file()
            .error(
                at.span,
                format!("`country` {:?} is not a two-letter country code", at.value),
            )
            .with_help("use an ISO 3166-1 code in capitals, e.g. \"NL\" or \"BE\"");
        f.push(d);
        None
    });
    let logo = f.string("logo", "\"logo.svg\"").map(|a| (a.value, a.span));
    let employees = f
        .integer("employees", 0, 10_000_000, "850")
        .map(|a| a.value as u32);
    let interns_per_year = f
        .integer("interns_per_year", 0, 1_000_000, "40")
        .map(|a| a.value as u32);
    let sbb_recognised = f.bool("sbb_recognised").is_some_and(|a| a.value);
    let coordinator = contact(f, "coordinator");
    let mut awards = Vec::new();
    for mut t in f.table_list(
        "awards",
        "[{ year = 2013, title = \"Beste stagebedrijf\" }]",
    ) {
        let year = t.integer("year", 1900, 2200, "2013");
        let title = t.string("title", "\"Beste stagebedrijf\"");
        if year.is_none() && t.raw("year").is_none() {
            t.missing("year", "2013");
        }
        if title.is_none() && t.raw("title").is_none() {
            t.missing("title", "\"Beste stagebedrijf gemeenten en waterschappen\"");
        }
        if let (Some(year), Some(title)) = (year, title) {
            awards.push(Award {
                year: year.value as i32,
                title: title.value,
            });
        }
        f.absorb(t, AWARD_KEYS);
    }
    awards.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.title.cmp(&b.title)));
    let mut rounds = Vec::new();
    for mut t in f.table_list(
        "rounds",
        "[{ title = \"Traineegroep 2027\", opens = 2027-06-01, interviews = 2027-07-08, starts = 2027-10-01 }]",
    ) {
        let title = t.required_string("title", "\"Traineegroep 2027\"");
        let opens = t.required_date("opens");
        let closes = t.date("closes");
        let interviews = t.date("interviews");
        let starts = t.date("starts");
        let mut ordered = true;
        let steps = [&opens, &closes, &interviews, &starts];
        let dated: Vec<_> = steps.iter().filter_map(|s| s.as_ref()).collect();
        for pair in dated.windows(2) {
            if pair[1].value < pair[0].value {
                let d = t
                    .file()
                    .error(pair[1].span.clone(), "the dates of a round must follow each other: opens, closes, interviews, starts")
                    .with_help("check the order of the dates in this round");
                t.push(d);
                ordered = false;
            }
        }
        if let (Some(title), Some(opens), true) = (title, opens, ordered) {
            rounds.push(crate::model::event::Round {
                title: title.value,
                opens: opens.value,
                closes: closes.map(|a| a.value),
                interviews: interviews.map(|a| a.value),
                starts: starts.map(|a| a.value),
            });
        }
        f.absorb(t, ROUND_KEYS);
    }
    rounds.sort_by(|a, b| a.opens.cmp(&b.opens).then_with(|| a.title.cmp(&b.title)));
    Some(ParsedOrganisation {
        organisation: Organisation {
            slug: slug?.value,
            source: source(file),
            name: name?.value,
            kind,
            website,
            email,
            phone,
            city,
            region,
            country,
            logo: None,
            employees,
            interns_per_year,
            sbb_recognised,
            coordinator,
            awards,
            rounds,
            body,
        },
        logo,
    })
}
