//! schema.org JobPosting as JSON-LD, for the head of every open vacancy page.
//!
//! Google for Jobs drops a posting that misses a required property, so this states every
//! property the content model knows. Closed vacancies get none. The JSON is escaped so
//! that it can never end its `<script>` element, whatever a title contains.

use serde::Serialize;

use crate::model::terms::{Level, Workplace};
use crate::model::vacancy::{Allowance, Vacancy};
use crate::outputs::Site;
use crate::outputs::feeds::{absolute_links, country};
use crate::outputs::time::{Zone, rfc3339};
use crate::urls::Route;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JobPosting<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    title: &'a str,
    description: String,
    date_posted: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_through: Option<String>,
    employment_type: Vec<&'static str>,
    hiring_organization: Organization<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_location: Option<Place<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_location_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    applicant_location_requirements: Option<Country>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_salary: Option<Salary>,
    education_requirements: Vec<Credential>,
    identifier: Identifier<'a>,
    direct_apply: bool,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    work_hours: Option<String>,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<String>,
}

#[derive(Serialize)]
struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    address: Address<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Address<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    address_locality: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_region: Option<&'a str>,
    address_country: String,
}

#[derive(Serialize)]
struct Country {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
}

#[derive(Serialize)]
struct Salary {
    #[serde(rename = "@type")]
    kind: &'static str,
    currency: &'static str,
    value: SalaryValue,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SalaryValue {
    #[serde(rename = "@type")]
    kind: &'static str,
    value: u32,
    unit_text: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Credential {
    #[serde(rename = "@type")]
    kind: &'static str,
    credential_category: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct Identifier<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    value: &'a str,
}

/// The closest schema.org credential category for a Dutch education level.
fn credential(level: Level) -> Credential {
    let (credential_category, name) = match level {
        Level::Vmbo => ("high school", "vmbo"),
        Level::Mbo => ("professional certificate", "mbo"),
        Level::Hbo => ("bachelor degree", "hbo"),
        Level::Wo => ("bachelor degree", "wo"),
    };
    Credential {
        kind: "EducationalOccupationalCredential",
        credential_category,
        name,
    }
}

/// Escapes `<`, `>` and `&` so the JSON cannot close or confuse its script element.
///
/// # Example
/// ```
/// use stagebord::outputs::structured_data::script_safe;
/// assert_eq!(script_safe(r#"{"t":"</script>&"}"#), r#"{"t":"\u003c/script\u003e\u0026"}"#);
/// ```
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The JSON-LD of an open vacancy (`None` for a closed one).
pub fn job_posting(site: &Site<'_>, index: usize) -> Option<String> {
    let v: &Vacancy = &site.portal.vacancies[index];
    if !v.is_open(site.portal.today) {
        return None;
    }
    let zone = Zone::new(&site.settings.timezone);
    let organisation = site.portal.organisation(&v.organisation)?;
    let country = country(site, &v.organisation);
    let remote = v.workplace == Some(Workplace::Remote);
    let mut employment_type = vec!["INTERN"];
    if let Some(hours) = v.hours {
        employment_type.push(if hours.min >= 32 {
            "FULL_TIME"
        } else {
            "PART_TIME"
        });
    }
    let posting = JobPosting {
        context: "https://schema.org/",
        kind: "JobPosting",
        title: &v.title,
        description: absolute_links(&site.bodies.vacancies[index].html, site.urls.origin()),
        date_posted: v.published.to_string(),
        valid_through: v
            .closes
            .and_then(|d| zone.end_of_day(d))
            .map(|z| rfc3339(&z)),
        employment_type,
        hiring_organization: Organization {
            kind: "Organization",
            name: &organisation.name,
            same_as: organisation.website.as_deref(),
            logo: organisation
                .logo
                .as_ref()
                .map(|a| site.urls.absolute_path(&format!("/{}", a.output))),
        },
        job_location: (!remote).then(|| Place {
            kind: "Place",
            address: Address {
                kind: "PostalAddress",
                address_locality: site.portal.place_name(&v.location),
                address_region: v.region.as_deref(),
                address_country: country.clone(),
            },
        }),
        job_location_type: remote.then_some("TELECOMMUTE"),
        applicant_location_requirements: remote.then(|| Country {
            kind: "Country",
            name: country.clone(),
        }),
        base_salary: match v.allowance {
            Allowance::Monthly(value) => Some(Salary {
                kind: "MonetaryAmount",
                currency: "EUR",
                value: SalaryValue {
                    kind: "QuantitativeValue",
                    value,
                    unit_text: "MONTH",
                },
            }),
            Allowance::Unpaid | Allowance::NotStated => None,
        },
        education_requirements: v.levels.iter().map(|l| credential(*l)).collect(),
        identifier: Identifier {
            kind: "PropertyValue",
            name: &organisation.name,
            value: v.slug.as_str(),
        },
        direct_apply: false,
        url: site.urls.absolute(Route::Vacancy(&v.slug)),
        work_hours: v.hours.map(|h| {
            if h.min == h.max {
                format!("{} hours per week", h.min)
            } else {
                format!("{}-{} hours per week", h.min, h.max)
            }
        }),
    };
    serde_json::to_string(&posting)
        .ok()
        .map(|json| script_safe(&json))
}
