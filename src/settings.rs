//! `portal.toml`: the portal's settings. Knows nothing of content.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::load::fields::{Fields, FileText, parse_table};

/// The language of the portal's UI and of its search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Dutch (the default).
    Nl,
    /// English.
    En,
}

impl Language {
    /// `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }
}

/// Validated settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The portal's name.
    pub title: String,
    /// Absolute http(s) URL the portal is published at, without a trailing slash.
    pub base_url: String,
    /// One sentence about the portal.
    pub description: Option<String>,
    /// UI language.
    pub language: Language,
    /// The theme's name (`default` is built in).
    pub theme: String,
    /// IANA time zone for "today" and for deadlines.
    pub timezone: String,
    /// Pass raw HTML in Markdown bodies through (only for trusted portals).
    pub allow_raw_html: bool,
    /// Vacancies per listing page.
    pub paginate: usize,
    /// Items per feed; `None` means every open vacancy.
    pub feed_limit: Option<usize>,
    /// ISO 3166-1 alpha-2 country of the portal's places, unless an organisation says otherwise.
    pub country: String,
    /// Wording rules switched off for the whole portal (`[check] disable`).
    pub wording_off: Vec<String>,
}

/// The keys `portal.toml` may have.
pub const KEYS: &[&str] = &[
    "title",
    "base_url",
    "description",
    "language",
    "theme",
    "timezone",
    "allow_raw_html",
    "paginate",
    "feed_limit",
    "country",
    "check",
];

/// Checks an ISO 3166-1 alpha-2 country code (two capital letters).
///
/// # Example
/// ```
/// assert!(stagebord::settings::is_country("BE"));
/// assert!(!stagebord::settings::is_country("Belgium"));
/// ```
pub fn is_country(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Checks that a base URL is an absolute http(s) URL with a host; returns it without a
/// trailing slash.
///
/// # Example
/// ```
/// use stagebord::settings::check_base_url;
/// assert_eq!(check_base_url("https://stages.example.nl/").unwrap(), "https://stages.example.nl");
/// assert!(check_base_url("stages.example.nl").is_err());
/// ```
pub fn check_base_url(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("{url:?} is not an absolute http(s) URL"))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || rest.contains(char::is_whitespace) || rest.contains(['?', '#']) {
        return Err(format!(
            "{url:?} is not an absolute http(s) URL with a host"
        ));
    }
    Ok(url.trim_end_matches('/').to_string())
}

impl Settings {
    /// Reads `root/portal.toml`; `base_url` (from `--base-url`) overrides the file's.
    pub fn load(
        root: &Path,
        base_url: Option<&str>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Settings> {
        let path = PathBuf::from("portal.toml");
        let text = match std::fs::read_to_string(root.join(&path)) {
            Ok(text) => text,
            Err(e) => {
                diags.push(
                    Diagnostic::error(&path, format!("cannot read the portal's settings: {e}"))
                        .with_help(format!(
                            "run stagebord in a portal folder (one with portal.toml), pass --root DIR, or create one with `stagebord init DIR`; looked in {}",
                            root.display()
                        )),
                );
                return None;
            }
        };
        Self::parse(&path, &text, base_url, diags)
    }

    /// Parses the text of `portal.toml`.
    pub fn parse(
        path: &Path,
        text: &str,
        base_url: Option<&str>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Settings> {
        let file = FileText { path, text };
        let table = parse_table(file, text, 0, diags)?;
        let mut f = Fields::new(file, &table, 0, 0..0);
        let title = f.required_string("title", "\"Stagebord Regio Vechterland\"");
        let base_url = match base_url {
            Some(url) => match check_base_url(url) {
                Ok(url) => Some(url),
                Err(why) => {
                    f.push(Diagnostic::error("--base-url", why));
                    None
                }
            },
            None => f
                .required_string("base_url", "\"https://stages.example.nl\"")
                .and_then(|at| match check_base_url(&at.value) {
                    Ok(url) => Some(url),
                    Err(why) => {
                        f.error_at(at.span, why);
                        None
                    }
                }),
        };
        let description = f.string("description", "\"...\"").map(|a| a.value);
        let language = match f.string("language", "\"nl\"") {
            None => Some(Language::Nl),
            Some(at) => match at.value.as_str() {
                "nl" => Some(Language::Nl),
                "en" => Some(Language::En),
                other => {
                    let d = file
                        .error(at.span, format!("unknown language {other:?}"))
                        .with_help("use \"nl\" or \"en\"");
                    f.push(d);
                    None
                }
            },
        };
        let theme = f
            .string("theme", "\"default\"")
            .map_or_else(|| "default".to_string(), |a| a.value);
        let timezone = match f.string("timezone", "\"Europe/Amsterdam\"") {
            None => Some("Europe/Amsterdam".to_string()),
            Some(at) => {
                if jiff::tz::TimeZone::get(&at.value).is_ok() {
                    Some(at.value)
                } else {
                    let d = file
                        .error(at.span, format!("unknown time zone {:?}", at.value))
                        .with_help(
                            "use an IANA name such as \"Europe/Amsterdam\" or \"Europe/Brussels\"",
                        );
                    f.push(d);
                    None
                }
            }
        };
        let allow_raw_html = f.bool("allow_raw_html").is_some_and(|a| a.value);
        let paginate = f
            .integer("paginate", 1, 10_000, "50")
            .map_or(50, |a| a.value as usize);
        let feed_limit = f
            .integer("feed_limit", 1, 1_000_000, "100")
            .map(|a| a.value as usize);
        let country = match f.string("country", "\"NL\"") {
            None => "NL".to_string(),
            Some(at) if is_country(&at.value) => at.value,
            Some(at) => {
                let d = file
                    .error(
                        at.span,
                        format!("`country` {:?} is not a two-letter country code", at.value),
                    )
                    .with_help("use an ISO 3166-1 code in capitals, e.g. \"NL\" or \"BE\"");
                f.push(d);
                "NL".to_string()
            }
        };
        let mut wording_off = Vec::new();
        if let Some(mut check) = f.table("check", "{ disable = [\"leeftijd\"], reason = \"...\" }")
        {
            wording_off = crate::validate::switches::read(&mut check, "disable", "reason");
            f.absorb(check, &["disable", "reason"]);
        }
        let problems = f.finish(KEYS);
        let failed = problems.iter().any(Diagnostic::is_error);
        diags.extend(problems);
        if failed {
            return None;
        }
        Some(Settings {
            title: title?.value,
            base_url: base_url?,
            description,
            language: language?,
            theme,
            timezone: timezone?,
            allow_raw_html,
            paginate,
            feed_limit,
            country,
            wording_off,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Settings>, Vec<String>) {
        let mut diags = Vec::new();
        let s = Settings::parse(Path::new("portal.toml"), text, None, &mut diags);
        (s, diags.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn defaults_are_filled_in() {
        let (s, d) = parse("title = \"T\"\nbase_url = \"https://x.example.nl/\"\n");
        assert!(d.is_empty(), "{d:?}");
        let s = s.unwrap();
        assert_eq!(s.base_url, "https://x.example.nl");
        assert_eq!(s.language, Language::Nl);
        assert_eq!(s.theme, "default");
        assert_eq!(s.timezone, "Europe/Amsterdam");
        assert_eq!(s.paginate, 50);
        assert!(!s.allow_raw_html);
    }

    #[test]
    fn a_typo_in_a_setting_is_an_error_with_a_suggestion() {
        let (s, d) = parse("title = \"T\"\nbase_url = \"https://x.example.nl\"\npaginat = 10\n");
        assert!(s.is_none());
        assert!(
            d[0].starts_with("portal.toml:3:1: error: unknown key `paginat`"),
            "{d:?}"
        );
        assert!(d[0].contains("did you mean `paginate`?"));
    }

    #[test]
    fn every_bad_setting_is_reported() {
        let (s, d) = parse(
            "base_url = \"stages.example.nl\"\nlanguage = \"de\"\ntimezone = \"Europe/Lindewoude\"\n",
        );
        assert!(s.is_none());
        assert_eq!(d.len(), 4, "{d:#?}");
        assert!(d.iter().any(|m| m.contains("missing required key `title`")));
        assert!(d.iter().any(|m| m.contains("not an absolute http(s) URL")));
        assert!(d.iter().any(|m| m.contains("unknown language")));
        assert!(d.iter().any(|m| m.contains("unknown time zone")));
    }
}
