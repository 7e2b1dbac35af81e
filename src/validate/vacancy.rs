//! Reads a vacancy's front matter into a [`Vacancy`], checking every key.

use std::ops::Range;

use crate::diagnostics::did_you_mean;
use crate::load::fields::{At, Fields};
use crate::load::walk::SourceFile;
use crate::model::Body;
use crate::model::slug::Slug;
use crate::model::terms::{Level, PlacementKind, TermRef, Workplace};
use crate::model::vacancy::{Allowance, Apply, Hours, Vacancy};
use crate::validate::{contact, is_email, is_web_url, slug_of, source};

/// The keys a vacancy may have.
pub(crate) const KEYS: &[&str] = &[
    "title",
    "slug",
    "organisation",
    "published",
    "updated",
    "closes",
    "starts",
    "kind",
    "levels",
    "fields",
    "location",
    "region",
    "workplace",
    "hours_per_week",
    "duration_months",
    "allowance",
    "apply",
    "crebo",
    "contact",
    "summary",
    "draft",
    "check_ignore",
    "check_reason",
];

/// A vacancy read from its file, before its organisation is checked.
#[derive(Clone)]
pub(crate) struct ParsedVacancy {
    /// The vacancy; `organisation` holds the candidate from the key or the folder.
    pub vacancy: Vacancy,
    /// Where the `organisation` key is, when there is one.
    pub organisation_key: Option<Range<usize>>,
    /// The first folder under `content/vacancies/`, if any.
    pub folder: Option<String>,
}

/// Reads the first folder below `content/vacancies/`.
fn first_folder(file: &SourceFile) -> Option<String> {
    first_folder_under(file, "vacancies")
}

/// Reads the first folder below `content/<kind>/` (where a file's folder may name its
/// organisation).
pub(crate) fn first_folder_under(file: &SourceFile, kind: &str) -> Option<String> {
    let mut parts = file.path.iter().skip_while(|p| *p != kind).skip(1);
    let first = parts.next()?;
    parts.next().map(|_| first.to_string_lossy().into_owned())
}

/// A closed-vocabulary value, with "did you mean" on a typo.
pub(crate) fn one_of<T: Copy>(
    fields: &mut Fields<'_, '_>,
    at: &At<String>,
    what: &str,
    parse: fn(&str) -> Option<T>,
    spellings: &[&'static str],
) -> Option<T> {
    let value = at.value.to_lowercase();
    if let Some(v) = parse(&value) {
        return Some(v);
    }
    let help = match did_you_mean(&value, spellings.iter().copied()) {
        Some(s) => format!(
            "did you mean {s:?}? ({what} is one of: {})",
            spellings.join(", ")
        ),
        None => format!("use one of: {}", spellings.join(", ")),
    };
    let d = fields
        .file()
        .error(at.span.clone(), format!("unknown {what} {:?}", at.value))
        .with_help(help);
    fields.push(d);
    None
}

fn term(at: &At<String>) -> Option<TermRef> {
    Slug::fold(&at.value).map(|slug| TermRef {
        slug,
        spelling: at.value.clone(),
    })
}

/// Reads a vacancy; `None` when a required part is missing or wrong (problems are in `fields`).
pub(crate) fn parse(
    file: &SourceFile,
    f: &mut Fields<'_, '_>,
    body: Body,
    options: &super::Options,
) -> Option<ParsedVacancy> {
    let slug = slug_of(file, f);
    let title = f.required_string("title", "\"Stagiair communicatie\"");
    let folder = first_folder(file);
    let organisation_key = f.string("organisation", "\"gemeente-lindewoude\"");
    let organisation = match (&organisation_key, &folder) {
        (Some(at), _) => super::organisation_slug(f, at),
        (None, Some(folder)) => Slug::fold(folder),
        (None, None) => {
            f.missing("organisation", "\"gemeente-lindewoude\"");
            None
        }
    };
    let published = f.required_date("published");
    let updated = f.date("updated");
    let closes = f.date("closes");
    let starts = f.date("starts");
    let kind = match f.string("kind", "\"meewerkstage\"") {
        None => Some(PlacementKind::Stage),
        Some(at) => one_of(
            f,
            &at,
            "kind",
            PlacementKind::parse,
            &PlacementKind::spellings(),
        ),
    };
    let levels = levels(f);
    let fields = f
        .string_list("fields", "[\"communicatie\", \"ict\"]")
        .unwrap_or_default();
    let mut field_terms: Vec<TermRef> = Vec::new();
    for at in &fields {
        match term(at) {
            Some(t) if !field_terms.iter().any(|x| x.slug == t.slug) => field_terms.push(t),
            Some(_) => {}
            None => {
                let d = f.file().error(
                    at.span.clone(),
                    format!("field {:?} has no letters or digits", at.value),
                );
                f.push(d);
            }
        }
    }
    let location = f
        .required_string("location", "\"Lindewoude\"")
        .and_then(|at| {
            let t = term(&at);
            if t.is_none() {
                let d = f
                    .file()
                    .error(at.span.clone(), "`location` needs letters or digits");
                f.push(d);
            }
            t
        });
    let region = f.string("region", "\"Vechterland\"").map(|a| a.value);
    let workplace = f.string("workplace", "\"hybrid\"").and_then(|at| {
        one_of(
            f,
            &at,
            "workplace",
            Workplace::parse,
            &Workplace::spellings(),
        )
    });
    let hours = hours(f);
    let duration_months = f
        .integer("duration_months", 1, 60, "6")
        .map(|a| a.value as u32);
    let allowance = match f.integer("allowance", 0, 100_000, "450") {
        None => Allowance::NotStated,
        Some(at) if at.value == 0 => Allowance::Unpaid,
        Some(at) => Allowance::Monthly(at.value as u32),
    };
    let apply = apply(f);
    let crebo = crebo(f);
    let contact = contact(f, "contact");
    let summary_at = f.string("summary", "\"Een of twee zinnen over de stage.\"");
    let draft = f.bool("draft").is_some_and(|a| a.value);
    let ignored = super::switches::read(f, "check_ignore", "check_reason");
    let mut off = options.wording_off.clone();
    off.extend(ignored);
    wording(f, title.as_ref(), summary_at.as_ref(), &body, options, &off);
    let summary = summary_at.map(|a| a.value);

    if let (Some(p), Some(u)) = (&published, &updated)
        && u.value < p.value
    {
        let d = f
            .file()
            .error(u.span.clone(), "`updated` is before `published`")
            .with_help(
                "a vacancy cannot change before it went online; correct one of the two dates",
            );
        f.push(d);
    }

    Some(ParsedVacancy {
        vacancy: Vacancy {
            slug: slug?.value,
            source: source(file),
            title: title?.value,
            organisation: organisation?,
            published: published?.value,
            updated: updated.map(|a| a.value),
            closes: closes.map(|a| a.value),
            starts: starts.map(|a| a.value),
            kind: kind?,
            levels: levels?,
            fields: field_terms,
            location: location?,
            region,
            workplace,
            hours,
            duration_months,
            allowance,
            apply: apply?,
            crebo,
            contact,
            summary,
            draft,
            body,
        },
        organisation_key: organisation_key.map(|a| a.span),
        folder,
    })
}

/// Runs the fair-wording rules over the title, the summary and the body; each finding is
/// a warning at its place in the file.
fn wording(
    f: &mut Fields<'_, '_>,
    title: Option<&At<String>>,
    summary: Option<&At<String>>,
    body: &Body,
    options: &super::Options,
    off: &[String],
) {
    use super::wording::rules;
    let language = options.language;
    let check = |text: &str| options.wording(text);
    let source = |rule: &str| {
        rules(language)
            .iter()
            .find(|r| r.id == rule)
            .map_or("", |r| r.source)
    };
    let text = f.file().text;
    for at in [title, summary].into_iter().flatten() {
        // The value's first character in the file, when the string has no escapes.
        let quoted = &text[at.span.clone()];
        let exact = quoted.len() == at.value.len() + 2
            && quoted.get(1..quoted.len() - 1) == Some(at.value.as_str());
        for finding in check(&at.value)
            .iter()
            .filter(|x| super::switches::is_on(x.rule, off))
        {
            let span = if exact {
                at.span.start + 1 + finding.span.start..at.span.start + 1 + finding.span.end
            } else {
                at.span.clone()
            };
            let d = f
                .file()
                .warning(
                    span,
                    format!("{} ({})", finding.message, source(finding.rule)),
                )
                .with_help(guide(finding.rule))
                .with_code(finding.rule, finding.phrase.clone());
            f.push(d);
        }
    }
    for finding in check(&body.markdown)
        .iter()
        .filter(|x| super::switches::is_on(x.rule, off))
    {
        let d = crate::diagnostics::Diagnostic::warning(
            f.file().path,
            format!("{} ({})", finding.message, source(finding.rule)),
        )
        .at_body(&body.markdown, finding.span.clone(), body.first_line)
        .with_help(guide(finding.rule))
        .with_code(finding.rule, finding.phrase.clone());
        f.push(d);
    }
}

/// Where an editor learns more about a rule.
fn guide(rule: &str) -> String {
    format!(
        "see /schrijfwijzer/#{rule} on the portal; if the work really needs it, add check_ignore = [\"{rule}\"] and a check_reason"
    )
}

fn levels(f: &mut Fields<'_, '_>) -> Option<Vec<Level>> {
    if f.raw("levels").is_none() {
        f.missing("levels", "[\"mbo\", \"hbo\"]");
        return None;
    }
    let items = f.string_list("levels", "[\"mbo\", \"hbo\"]")?;
    let mut levels = Vec::new();
    let mut ok = true;
    for at in &items {
        match one_of(f, at, "level", Level::parse, &Level::spellings()) {
            Some(level) => levels.push(level),
            None => ok = false,
        }
    }
    if items.is_empty() {
        f.missing("levels", "[\"mbo\", \"hbo\"] (at least one level)");
        return None;
    }
    levels.sort();
    levels.dedup();
    ok.then_some(levels)
}

fn hours(f: &mut Fields<'_, '_>) -> Option<Hours> {
    let at = f.raw("hours_per_week")?;
    let example = "32 or [24, 36]";
    match at.value {
        toml::de::DeValue::Array(items) if items.len() == 2 => {
            let mut values = Vec::new();
            for item in items.iter() {
                // Array items carry spans relative to the TOML text, not to the file.
                let item_at = At {
                    value: item.get_ref(),
                    span: f.file_span(item.span()),
                };
                values.push(f.integer_value("hours_per_week", item_at, 1, 60, example)?);
            }
            let (min, max) = (values[0].value as u32, values[1].value as u32);
            if min > max {
                let d = f
                    .file()
                    .error(
                        at.span,
                        "`hours_per_week` must be written as [min, max], with min at most max",
                    )
                    .with_help(format!("write [{max}, {min}]"));
                f.push(d);
                return None;
            }
            Some(Hours { min, max })
        }
        toml::de::DeValue::Integer(_) => {
            let n = f.integer_value("hours_per_week", at, 1, 60, example)?.value as u32;
            Some(Hours { min: n, max: n })
        }
        _ => {
            let d = f
                .file()
                .error(
                    at.span,
                    "`hours_per_week` must be a whole number or [min, max]",
                )
                .with_help("for example: hours_per_week = 32, or hours_per_week = [24, 36]");
            f.push(d);
            None
        }
    }
}

fn apply(f: &mut Fields<'_, '_>) -> Option<Apply> {
    let at = f.required_string("apply", "\"https://www.example.nl/solliciteren\"")?;
    let value = at.value.trim();
    if is_web_url(value) {
        return Some(Apply::Url(value.to_string()));
    }
    let address = value.strip_prefix("mailto:").unwrap_or(value);
    if is_email(address) {
        return Some(Apply::Email(address.to_string()));
    }
    let d = f
        .file()
        .error(at.span, format!("`apply` {value:?} is neither a web address nor an e-mail address"))
        .with_help("use an https:// link to the application form, or the e-mail address to apply to, e.g. apply = \"stages@lindewoude.example.nl\"");
    f.push(d);
    None
}

fn crebo(f: &mut Fields<'_, '_>) -> Vec<String> {
    let items = f.string_list("crebo", "[\"25187\"]").unwrap_or_default();
    let mut out = Vec::new();
    for at in items {
        if at.value.len() == 5 && at.value.bytes().all(|b| b.is_ascii_digit()) {
            if !out.contains(&at.value) {
                out.push(at.value);
            }
        } else {
            let d = f
                .file()
                .error(
                    at.span,
                    format!("crebo code {:?} must be five digits", at.value),
                )
                .with_help("crebo codes are the five-digit mbo programme codes, e.g. \"25187\"");
            f.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn first_folder_is_only_a_folder() {
        let file = |p: &str| SourceFile {
            path: PathBuf::from(p),
            kind: crate::load::walk::ContentKind::Vacancy,
            text: std::sync::Arc::default(),
            digest: 0,
        };
        assert_eq!(first_folder(&file("content/vacancies/x.md")), None);
        assert_eq!(
            first_folder(&file("content/vacancies/org/x.md")).as_deref(),
            Some("org")
        );
        assert_eq!(
            first_folder(&file("content/vacancies/org/sub/x.md")).as_deref(),
            Some("org")
        );
    }
}
