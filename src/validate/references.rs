//! Links the items of a portal together: duplicate slugs, each vacancy's and brochure's
//! organisation ("did you mean"), logos, and the paths free pages may not take.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::load::walk::{ContentTree, SourceFile};
use crate::model::slug::Slug;
use crate::model::{Asset, Portal, Scheduled, term_names};
use crate::urls::RESERVED;
use crate::validate::{Item, Options, Parsed, error_in, folder_of};

/// Joins a relative path to a folder and removes `.` and `..`, staying inside the root.
///
/// Returns `None` when the path climbs above the portal's root.
///
/// # Example
/// ```
/// # use stagebord::validate::references::normalize;
/// # use std::path::{Path, PathBuf};
/// assert_eq!(
///     normalize(Path::new("content/vacancies/org"), "../../brochures/huisregels.md"),
///     Some(PathBuf::from("content/brochures/huisregels.md"))
/// );
/// assert_eq!(normalize(Path::new("content"), "../../etc/passwd"), None);
/// ```
pub fn normalize(folder: &Path, relative: &str) -> Option<PathBuf> {
    let mut parts: Vec<String> = folder
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    for part in relative.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other.to_string()),
        }
    }
    Some(parts.iter().collect())
}

/// Reports every slug used by two files of the same kind, naming both; keeps the first.
fn dedup<T>(
    items: &mut Vec<(T, &SourceFile)>,
    slug: impl Fn(&T) -> &Slug,
    kind: &str,
    diags: &mut Vec<Diagnostic>,
) {
    // Sorted through indices: the items are large (a parsed vacancy is over a kilobyte),
    // and a sort that moved them copied each some 16 times (1.2 GB at 50,000 vacancies).
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        slug(&items[a].0)
            .cmp(slug(&items[b].0))
            .then_with(|| items[a].1.path.cmp(&items[b].1.path))
    });
    let mut slots: Vec<Option<(T, &SourceFile)>> = items.drain(..).map(Some).collect();
    let mut kept: Vec<(T, &SourceFile)> = Vec::with_capacity(slots.len());
    for (item, file) in order.into_iter().filter_map(|i| slots[i].take()) {
        if let Some((previous, first)) = kept.last()
            && slug(previous) == slug(&item)
        {
            diags.push(
                Diagnostic::error(
                    &file.path,
                    format!(
                        "two {kind} files have the slug `{}`: {} and {}",
                        slug(&item),
                        first.path.display(),
                        file.path.display()
                    ),
                )
                .with_help("slugs come from file names (or a `slug` key) and must be unique: rename one of the files"),
            );
            continue;
        }
        kept.push((item, file));
    }
    *items = kept;
}

/// Builds the portal from the parsed items.
pub(crate) fn link(
    parsed: Vec<Parsed<'_>>,
    tree: &ContentTree,
    options: Options,
    diags: &mut Vec<Diagnostic>,
) -> Portal {
    let mut vacancies = Vec::new();
    let mut organisations = Vec::new();
    let mut brochures = Vec::new();
    let mut pages = Vec::new();
    let mut events = Vec::new();
    let mut home = None;
    for Parsed { file, item } in parsed {
        match item {
            Item::Vacancy(v) => vacancies.push((v, file)),
            Item::Organisation(o) => organisations.push((o, file)),
            Item::Brochure(b) => brochures.push((b, file)),
            Item::Page(p) => pages.push((p, file)),
            Item::Event(e) => events.push((e, file)),
            Item::Home(h) => home = Some(h),
        }
    }
    dedup(
        &mut organisations,
        |o| &o.organisation.slug,
        "organisation",
        diags,
    );
    dedup(&mut vacancies, |v| &v.vacancy.slug, "vacancy", diags);
    dedup(&mut brochures, |b| &b.brochure.slug, "brochure", diags);
    dedup(&mut pages, |p| &p.page.slug, "page", diags);
    dedup(&mut events, |e| &e.event.slug, "event", diags);

    let known_slugs: Vec<Slug> = organisations
        .iter()
        .map(|(o, _)| o.organisation.slug.clone())
        .collect();
    let known: Vec<&str> = known_slugs.iter().map(Slug::as_str).collect();
    let suggest = |slug: &str| match did_you_mean(slug, known.iter().copied()) {
        Some(s) => format!("did you mean \"{s}\"?"),
        None if known.is_empty() => {
            "there are no organisations yet: add content/organisations/<slug>.md".to_string()
        }
        None => format!("known organisations: {}", known.join(", ")),
    };
    let is_organisation = |slug: &str| known.binary_search(&slug).is_ok();

    let assets: std::collections::BTreeSet<&Path> = tree
        .assets
        .iter()
        .chain(&tree.static_files)
        .map(PathBuf::as_path)
        .collect();

    // Organisations: find logos.
    let mut organisation_list = Vec::with_capacity(organisations.len());
    for (parsed, file) in organisations {
        let mut organisation = parsed.organisation;
        if let Some((logo, span)) = parsed.logo {
            let beside = normalize(&folder_of(&file.path), &logo);
            let in_static = normalize(Path::new("static"), logo.trim_start_matches('/'));
            match (beside, in_static) {
                (Some(path), _) if !logo.starts_with('/') && assets.contains(path.as_path()) => {
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    organisation.logo = Some(Asset {
                        output: format!("organisaties/{}/{name}", organisation.slug),
                        source: path,
                    });
                }
                (_, Some(path)) if assets.contains(path.as_path()) => {
                    let output = path.strip_prefix("static").unwrap_or(&path).to_string_lossy().replace('\\', "/");
                    organisation.logo = Some(Asset { output, source: path });
                }
                _ => diags.push(
                    error_in(file, span, format!("logo {logo:?} does not exist"))
                        .with_help("put the image next to the organisation's file (logo = \"logo.svg\") or in static/ (logo = \"/logos/x.svg\")"),
                ),
            }
        }
        organisation_list.push(organisation);
    }

    // Vacancies: settle the organisation from the key or the folder.
    let settle = |file: &SourceFile,
                  candidate: &Slug,
                  key: &Option<std::ops::Range<usize>>,
                  folder: &Option<String>|
     -> Option<Diagnostic> {
        let folder_org = folder
            .as_deref()
            .and_then(Slug::fold)
            .filter(|f| is_organisation(f.as_str()));
        match (key, &folder_org) {
            (Some(span), _) if !is_organisation(candidate.as_str()) => Some(
                error_in(file, span.clone(), format!("unknown organisation \"{candidate}\""))
                    .with_help(suggest(candidate.as_str())),
            ),
            (Some(span), Some(folder)) if folder != candidate => Some(
                error_in(
                    file,
                    span.clone(),
                    format!("`organisation` says \"{candidate}\" but the file is in the folder of organisation \"{folder}\""),
                )
                .with_help("remove the `organisation` key, or move the file to the right folder"),
            ),
            (None, None) => {
                let folder = folder.as_deref().unwrap_or_default();
                Some(
                    Diagnostic::error(&file.path, "missing required key `organisation`")
                        .at(&file.text, 0..3)
                        .with_help(format!(
                            "the folder {folder:?} is not an organisation's slug: add organisation = \"...\" ({})",
                            suggest(folder)
                        )),
                )
            }
            _ => None,
        }
    };
    let mut vacancy_list = Vec::with_capacity(vacancies.len());
    let mut scheduled = Vec::new();
    for (parsed, file) in vacancies {
        let vacancy = parsed.vacancy;
        if let Some(d) = settle(
            file,
            &vacancy.organisation,
            &parsed.organisation_key,
            &parsed.folder,
        ) {
            diags.push(d);
            continue;
        }
        // Drafts wait for --drafts; a vacancy published in the future waits for its day
        // (`next-change` tells a scheduler when that is).
        if vacancy.draft && !options.drafts {
            continue;
        }
        if vacancy.published > options.today.0 {
            scheduled.push(Scheduled {
                slug: vacancy.slug.clone(),
                published: vacancy.published,
            });
            continue;
        }
        vacancy_list.push(vacancy);
    }

    // Events: the organisation as for vacancies, and the vacancies they belong to.
    let vacancy_slugs: Vec<&str> = vacancy_list.iter().map(|v| v.slug.as_str()).collect();
    let mut event_list = Vec::with_capacity(events.len());
    for (parsed, file) in events {
        let mut event = parsed.event;
        if let Some(d) = settle(
            file,
            &event.organisation,
            &parsed.organisation_key,
            &parsed.folder,
        ) {
            diags.push(d);
            continue;
        }
        let mut ok = true;
        for at in &parsed.vacancy_keys {
            match Slug::parse(&at.value)
                .filter(|s| vacancy_slugs.binary_search(&s.as_str()).is_ok())
            {
                Some(slug) => {
                    if !event.vacancies.contains(&slug) {
                        event.vacancies.push(slug);
                    }
                }
                None => {
                    let help = match did_you_mean(&at.value, vacancy_slugs.iter().copied()) {
                        Some(s) => format!("did you mean \"{s}\"?"),
                        None => {
                            "write the file name of a published vacancy without .md".to_string()
                        }
                    };
                    diags.push(
                        error_in(
                            file,
                            at.span.clone(),
                            format!("unknown vacancy \"{}\"", at.value),
                        )
                        .with_help(help),
                    );
                    ok = false;
                }
            }
        }
        if !ok || (event.draft && !options.drafts) {
            continue;
        }
        event_list.push(event);
    }

    // Brochures: check the organisation.
    let mut brochure_list = Vec::with_capacity(brochures.len());
    for (parsed, file) in brochures {
        if !is_organisation(parsed.brochure.organisation.as_str()) {
            diags.push(
                error_in(
                    file,
                    parsed.organisation_key.clone(),
                    format!("unknown organisation \"{}\"", parsed.brochure.organisation),
                )
                .with_help(suggest(parsed.brochure.organisation.as_str())),
            );
            continue;
        }
        brochure_list.push(parsed.brochure);
    }
    brochure_list.sort_by(|a, b| a.slug.cmp(&b.slug));

    // Pages: never on a path the portal uses itself.
    let mut page_list = Vec::with_capacity(pages.len());
    for (parsed, file) in pages {
        if RESERVED.contains(&parsed.page.slug.as_str()) {
            diags.push(
                error_in(
                    file,
                    parsed.slug_span.clone(),
                    format!(
                        "a page cannot be called \"{}\": the portal uses /{}/ itself",
                        parsed.page.slug, parsed.page.slug
                    ),
                )
                .with_help("rename the file (or set another `slug`), e.g. over-de-vacatures.md"),
            );
            continue;
        }
        page_list.push(parsed.page);
    }

    let field_names = term_names(vacancy_list.iter().flat_map(|v| &v.fields));
    let place_names = term_names(vacancy_list.iter().map(|v| &v.location));
    Portal {
        today: options.today,
        vacancies: vacancy_list,
        organisations: organisation_list,
        brochures_by_organisation: {
            let mut order: Vec<usize> = (0..brochure_list.len()).collect();
            order.sort_by(|&a, &b| {
                (&brochure_list[a].organisation, &brochure_list[a].slug)
                    .cmp(&(&brochure_list[b].organisation, &brochure_list[b].slug))
            });
            order
        },
        brochures: brochure_list,
        pages: page_list,
        events: event_list,
        scheduled,
        home,
        field_names,
        place_names,
    }
}
