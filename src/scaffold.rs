//! `stagebord init` and `stagebord new`: write example files, nothing else.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::slug::Slug;

/// Why a file could not be written.
#[derive(Debug)]
pub enum ScaffoldError {
    /// `init` into a folder that already has files.
    NotEmpty(PathBuf),
    /// `new` over a file that exists.
    Exists(PathBuf),
    /// The slug is not a slug.
    BadSlug(String),
    /// Writing failed.
    Io(PathBuf, io::Error),
}

impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaffoldError::NotEmpty(p) => {
                write!(f, "{} is not empty; choose a new folder", p.display())
            }
            ScaffoldError::Exists(p) => {
                write!(f, "{} already exists; choose another slug", p.display())
            }
            ScaffoldError::BadSlug(s) => match Slug::fold(s) {
                Some(good) => write!(
                    f,
                    "{s:?} is not a slug; use lowercase a-z, 0-9 and dashes, e.g. {good:?}"
                ),
                None => write!(f, "{s:?} is not a slug; use lowercase a-z, 0-9 and dashes"),
            },
            ScaffoldError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for ScaffoldError {}

const PORTAL_TOML: &str = r#"# The settings of this portal. Every key is explained in the README.
title = "Mijn stageportaal"
# The address the portal will be published at (used in feeds and canonical links).
base_url = "https://stages.example.nl"
description = "Stages en traineeships bij onze organisatie."
language = "nl"          # "nl" or "en"
timezone = "Europe/Amsterdam"
paginate = 50            # vacancies per listing page
"#;

const HOME: &str = r#"+++
title = "Stages bij Gemeente Voorbeeld"
description = "Alle stages, BBL-plaatsen en traineeships op één plek."
+++
Welkom op ons stageportaal. Hier vind je alle stageplaatsen, van snuffelstage tot afstudeeropdracht.
"#;

const PAGE: &str = r#"+++
title = "Over dit portaal"
description = "Wie dit portaal maakt en hoe je ons bereikt."
+++
Dit portaal wordt beheerd door het stagebureau. Vragen? Mail naar stages@voorbeeld.example.nl.

Dit portaal gebruikt geen cookies en geen trackers.
"#;

/// A new organisation file with every key.
fn organisation_file(slug: &str) -> String {
    format!(
        r#"+++
name = "Gemeente Voorbeeld"                  # required
kind = "gemeente"                            # gemeente, provincie, waterschap, rijksoverheid, federale-overheid, onderwijs, zorg, bedrijf, stichting, other
website = "https://www.voorbeeld.example.nl"
email = "stages@voorbeeld.example.nl"        # the one central internship address
phone = "0321 555 000"
city = "Voorbeeld"
region = "Flevoland"
# logo = "{slug}.svg"                        # an image next to this file, or "/logos/x.svg" in static/
employees = 850
interns_per_year = 40
sbb_recognised = true                        # erkend leerbedrijf (SBB)
coordinator = {{ name = "Sanne de Wit", role = "stagecoördinator", email = "s.dewit@voorbeeld.example.nl", phone = "0321 555 010" }}
# awards = [{{ year = 2013, title = "Beste stagebedrijf gemeenten en waterschappen" }}]
+++
## Over ons

Schrijf hier wie jullie zijn en wat een stagiair bij jullie leert.
"#
    )
}

/// A new vacancy file with every key.
fn vacancy_file(organisation: Option<&str>) -> String {
    let org_line = match organisation {
        Some(org) => format!("organisation = \"{org}\"            # the organisation's file name without .md"),
        None => "organisation = \"gemeente-voorbeeld\"  # the organisation's file name without .md (leave out when the file is in content/vacancies/<organisation>/)".to_string(),
    };
    format!(
        r#"+++
title = "Stagiair communicatie"            # required
{org_line}
published = 2026-11-23                     # required: when it goes online
# updated = 2026-12-01                     # last material change
closes = 2027-01-15                        # application deadline; the vacancy closes after this day
starts = 2027-02-01                        # intended start
kind = "meewerkstage"                      # stage, snuffelstage, meewerkstage, afstudeerstage, onderzoeksstage, bbl, traineeship, werkervaringsplaats
levels = ["mbo", "hbo"]                    # required: vmbo, mbo, hbo, wo
fields = ["communicatie"]                  # free terms for the listings
location = "Voorbeeld"                     # required: town or city
region = "Flevoland"
workplace = "hybrid"                       # on-site, hybrid or remote
hours_per_week = [24, 32]                  # or one number: 32
duration_months = 5
allowance = 450                            # euros per month; 0 = no allowance
apply = "stages@voorbeeld.example.nl"      # required: an https:// link or an e-mail address
# crebo = ["25193"]                        # mbo programme codes (five digits)
contact = {{ name = "Sanne de Wit", role = "stagecoördinator", email = "s.dewit@voorbeeld.example.nl", phone = "0321 555 010" }}
# summary = "One or two sentences; by default the first paragraph below."
# draft = true                             # only built with --drafts
+++
Je helpt ons team communicatie met nieuwsberichten, social media en de website.

## Wat ga je doen

- berichten schrijven voor de website
- meedenken over campagnes

## Wat vragen we

Je volgt een opleiding communicatie op mbo- of hbo-niveau.

## Wat bieden we

Een stagevergoeding van € 450 per maand en een vaste begeleider.
"#
    )
}

/// A new brochure file with every key.
fn brochure_file(organisation: Option<&str>) -> String {
    format!(
        r#"+++
title = "Huisregels voor stagiairs"        # required
organisation = "{}"                        # required: the organisation's file name without .md
kind = "huisregels"                        # huisregels, stagereglement, onthaal, other
updated = 2026-11-23
+++
## Werktijden

Je werkt in overleg tussen 8.00 en 18.00 uur.

## Ziek melden

Meld je vóór 9.00 uur ziek bij je begeleider.
"#,
        organisation.unwrap_or("gemeente-voorbeeld")
    )
}

fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    if path.exists() {
        return Err(ScaffoldError::Exists(path.to_path_buf()));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| ScaffoldError::Io(parent.to_path_buf(), e))?;
    }
    std::fs::write(path, text).map_err(|e| ScaffoldError::Io(path.to_path_buf(), e))
}

/// Creates a new portal in `dir`; returns the number of files written.
pub fn init(dir: &Path) -> Result<usize, ScaffoldError> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| ScaffoldError::Io(dir.to_path_buf(), e))?;
        if entries.next().is_some() {
            return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
        }
    }
    let org = "gemeente-voorbeeld";
    let files: [(&str, String); 6] = [
        ("portal.toml", PORTAL_TOML.to_string()),
        ("content/_index.md", HOME.to_string()),
        ("content/organisations/gemeente-voorbeeld.md", organisation_file(org)),
        ("content/vacancies/gemeente-voorbeeld/stagiair-communicatie.md", vacancy_file(None).replace(
            "organisation = \"gemeente-voorbeeld\"  # the organisation's file name without .md (leave out when the file is in content/vacancies/<organisation>/)\n",
            "",
        )),
        ("content/brochures/huisregels.md", brochure_file(Some(org))),
        ("content/pages/over.md", PAGE.to_string()),
    ];
    for (path, text) in &files {
        write_new(&dir.join(path), text)?;
    }
    write_new(&dir.join(".gitignore"), "/public\n")?;
    Ok(files.len() + 1)
}

/// What `new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// A vacancy.
    Vacancy,
    /// An organisation.
    Organisation,
    /// A brochure.
    Brochure,
}

/// Writes a new content file; returns its path.
pub fn new_file(
    root: &Path,
    kind: NewKind,
    slug: &str,
    organisation: Option<&str>,
) -> Result<PathBuf, ScaffoldError> {
    let slug = Slug::parse(slug).ok_or_else(|| ScaffoldError::BadSlug(slug.to_string()))?;
    if let Some(org) = organisation
        && Slug::parse(org).is_none()
    {
        return Err(ScaffoldError::BadSlug(org.to_string()));
    }
    let (path, text) = match kind {
        NewKind::Vacancy => (
            root.join(format!("content/vacancies/{slug}.md")),
            vacancy_file(organisation),
        ),
        NewKind::Organisation => (
            root.join(format!("content/organisations/{slug}.md")),
            organisation_file(slug.as_str()),
        ),
        NewKind::Brochure => (
            root.join(format!("content/brochures/{slug}.md")),
            brochure_file(organisation),
        ),
    };
    write_new(&path, &text)?;
    Ok(path)
}
