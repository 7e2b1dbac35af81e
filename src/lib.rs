//! stagebord: a static site generator for internship ("stage") vacancy portals.
//!
//! The modules are the stages of the pipeline, in the order data flows through them:
//!
//! 1. [`load`]: `content/` on disk -> source files (front matter split, UTF-8 checked);
//! 2. [`validate`]: source files -> the typed [`model`] (every problem collected);
//! 3. [`render`]: Markdown bodies -> HTML; the theme's templates and typed views;
//! 4. [`outputs`]: the plan of every output file, rendered in parallel;
//! 5. [`publish`]: into a temporary folder, swapped in only when all went well.
//!
//! [`settings`] reads `portal.toml`, [`urls`] spells every URL, [`diagnostics`] carries
//! problems to the person who can fix them, [`session`] keeps a build in memory so that a
//! rebuild writes only what changed (with [`memo`] keeping the results of pure steps, such
//! as the wording check of an unchanged text), and [`scaffold`] writes new portals and files.

pub mod diagnostics;
pub mod load;
pub mod memo;
pub mod model;
pub mod outputs;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod session;
pub mod settings;
pub mod urls;
pub mod validate;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use diagnostics::Diagnostic;
use load::walk::ContentTree;
use model::Portal;
use model::today::{Today, TodayError};
use outputs::{Plan, Site, Written};
use publish::PublishError;
use render::markdown::Bodies;
use render::theme::Theme;
use settings::Settings;
use urls::Urls;

/// What a build or check is asked to do (from the command line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOptions {
    /// The portal folder (holding `portal.toml`).
    pub root: PathBuf,
    /// Where the output goes; `<root>/public` by default.
    pub output_dir: Option<PathBuf>,
    /// `--today YYYY-MM-DD`.
    pub today: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Overrides `base_url` of `portal.toml`.
    pub base_url: Option<String>,
}

impl BuildOptions {
    /// Options for the portal in `root`, with every default.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output_dir: None,
            today: None,
            drafts: false,
            base_url: None,
        }
    }

    /// The output folder.
    pub fn output(&self) -> PathBuf {
        self.output_dir
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// Counts for the one-line summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Vacancies built (drafts only with `--drafts`).
    pub vacancies: usize,
    /// Of which open.
    pub open: usize,
    /// Organisations.
    pub organisations: usize,
    /// Brochures.
    pub brochures: usize,
    /// Events (past ones included).
    pub events: usize,
    /// When the output must be rebuilt (RFC 3339, in the portal's time zone), and why.
    pub next_change: Option<(String, Vec<String>)>,
    /// The date deadlines were judged against.
    pub today: Today,
    /// Files written (only for `build`).
    pub written: Option<Written>,
}

impl Summary {
    /// The summary with the next change filled in.
    pub(crate) fn with_next_change(mut self, portal: &Portal, timezone: &str) -> Summary {
        let zone = outputs::time::Zone::new(timezone);
        self.next_change = model::next_change::next_change(portal).and_then(|n| {
            let at = zone
                .start_of_day(n.day)
                .map(|z| outputs::time::rfc3339(&z))?;
            Some((at, n.reasons.iter().map(|r| r.describe()).collect()))
        });
        self
    }

    pub(crate) fn of(portal: &Portal) -> Summary {
        Summary {
            vacancies: portal.vacancies.len(),
            open: portal.open_vacancies().count(),
            organisations: portal.organisations.len(),
            brochures: portal.brochures.len(),
            events: portal.events.len(),
            next_change: None,
            today: portal.today,
            written: None,
        }
    }
}

/// Why a build or check did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// The content or theme has errors (all of them are in the diagnostics).
    Content,
    /// "Today" could not be settled.
    Today(TodayError),
    /// Writing the output failed; the last good output is untouched.
    Publish(PublishError),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Content => write!(f, "the portal has errors; nothing was written"),
            Failure::Today(e) => write!(f, "{e}"),
            Failure::Publish(e) => write!(f, "{e}"),
        }
    }
}

/// The result of a run: every problem found, and the summary or the failure.
#[derive(Debug)]
pub struct Report {
    /// Errors and warnings, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// How long each stage took.
    pub timings: Timings,
    /// What was built or checked, or why not.
    pub outcome: Result<Summary, Failure>,
}

/// How long each stage of a run took, and the memory the process held after it, for
/// `build --timings` (printed, never written).
#[derive(Debug, Clone)]
pub struct Timings {
    started: std::time::Instant,
    last: std::time::Instant,
    /// Each stage in the order they ran.
    pub stages: Vec<Stage>,
}

/// One stage of [`Timings`].
#[derive(Debug, Clone, Copy)]
pub struct Stage {
    /// What the stage did: `load`, `validate`, ...
    pub name: &'static str,
    /// How long it took.
    pub took: std::time::Duration,
    /// Bytes resident at its end and the most resident so far (Linux only: read from
    /// `/proc/self/status`; `None` elsewhere).
    pub memory: Option<Memory>,
}

/// Resident memory of the process, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Memory {
    /// Resident now (`VmRSS`).
    pub resident: u64,
    /// The most resident since the process started (`VmHWM`).
    pub peak: u64,
}

impl Memory {
    /// The process's resident memory now, where the system tells it.
    pub fn now() -> Option<Memory> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse::<u64>()
                .ok()
                .map(|kb| kb * 1024)
        };
        Some(Memory {
            resident: field("VmRSS:")?,
            peak: field("VmHWM:")?,
        })
    }
}

impl Default for Timings {
    fn default() -> Self {
        let now = std::time::Instant::now();
        Timings {
            started: now,
            last: now,
            stages: Vec::new(),
        }
    }
}

impl Timings {
    /// Records the time since the previous lap, and the memory held now, as `stage`.
    pub fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.stages.push(Stage {
            name,
            took: now - self.last,
            memory: Memory::now(),
        });
        self.last = now;
    }

    /// Time since the run started.
    pub fn total(&self) -> std::time::Duration {
        self.last - self.started
    }
}

/// Everything up to rendering: settings, theme, model, bodies and the plan.
pub(crate) struct Prepared {
    pub(crate) settings: Settings,
    pub(crate) tree: ContentTree,
    pub(crate) portal: Portal,
    pub(crate) bodies: Bodies,
    pub(crate) theme: Theme,
    pub(crate) urls: Urls,
    pub(crate) plan: Plan,
}

impl Prepared {
    /// A site to render the prepared portal with.
    pub(crate) fn site(&self) -> Site<'_> {
        Site::new(
            &self.portal,
            &self.bodies,
            &self.theme,
            &self.settings,
            &self.urls,
            &self.plan.listings,
        )
    }

    /// The repository's example portal, prepared as `stagebord build` does (for unit tests).
    #[cfg(test)]
    pub(crate) fn example() -> Prepared {
        let mut opts = BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
        opts.today = Some("2026-11-23".to_string());
        let mut diags = Vec::new();
        match prepare(&opts, None, &mut diags, &mut Timings::default()) {
            Ok(p) => p,
            Err(e) => panic!("the example portal does not build: {e} {diags:?}"),
        }
    }
}

/// Loads, validates and plans the portal; every problem goes to `diags`.
pub(crate) fn prepare(
    opts: &BuildOptions,
    memos: Option<&std::sync::Arc<memo::Memos>>,
    diags: &mut Vec<Diagnostic>,
    timings: &mut Timings,
) -> Result<Prepared, Failure> {
    let settings = Settings::load(&opts.root, opts.base_url.as_deref(), diags);
    let mut tree = load::walk::content_tree_with(&opts.root, memos.map(|m| &m.files), diags);
    timings.lap("load");
    let Some(settings) = settings else {
        return Err(Failure::Content);
    };
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let (today, _) = Today::resolve(opts.today.as_deref(), epoch.as_deref(), &settings.timezone)
        .map_err(Failure::Today)?;
    let theme = Theme::load(&opts.root, &settings, today, diags);
    timings.lap("theme");
    let options = validate::Options {
        today,
        drafts: opts.drafts,
        language: settings.language,
        wording_off: settings.wording_off.clone(),
        memos: memos.cloned(),
    };
    let portal = validate::portal(&tree, options, diags);
    tree.release_texts();
    timings.lap("validate");
    let urls = Urls::new(&settings.base_url);
    let content_files: BTreeSet<PathBuf> = tree.assets.iter().cloned().collect();
    let bodies = render::markdown::bodies(
        &portal,
        &content_files,
        &tree.image_sizes,
        &urls,
        settings.allow_raw_html,
        memos.map(|m| &**m),
        diags,
    );
    timings.lap("markdown");
    let Some(theme) = theme else {
        return Err(Failure::Content);
    };
    let plan = outputs::plan(
        &portal,
        &bodies,
        &theme,
        &tree,
        &settings,
        memos.map(|m| &**m),
        diags,
    );
    timings.lap("plan");
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Failure::Content);
    }
    Ok(Prepared {
        settings,
        tree,
        portal,
        bodies,
        theme,
        urls,
        plan,
    })
}

pub(crate) fn report(mut diags: Vec<Diagnostic>, outcome: Result<Summary, Failure>) -> Report {
    let mut all = diagnostics::Diagnostics::new();
    all.extend(diags.drain(..));
    Report {
        diagnostics: all.sorted().into_iter().cloned().collect(),
        timings: Timings::default(),
        outcome,
    }
}

/// `stagebord build`: renders the portal and publishes it atomically.
pub fn build(opts: &BuildOptions) -> Report {
    let mut diags = Vec::new();
    let mut timings = Timings::default();
    let prepared = match prepare(opts, None, &mut diags, &mut timings) {
        Ok(p) => p,
        Err(failure) => return report(diags, Err(failure)),
    };
    let Prepared {
        settings,
        tree,
        mut portal,
        bodies,
        theme,
        urls,
        plan,
    } = prepared;
    // Rendering reads the model, the rendered bodies and the plan, never the sources.
    drop(tree);
    portal.forget_vacancy_markdown();
    let mut site = Site::new(&portal, &bodies, &theme, &settings, &urls, &plan.listings);
    let published = publish::atomically(&opts.root, &opts.output(), |sink| {
        outputs::render_all(&plan, &mut site, &opts.root, sink)
    });
    timings.lap("render and write");
    let outcome = match published {
        Ok(written) => Ok(Summary {
            written: Some(written),
            ..Summary::of(&portal)
        }
        .with_next_change(&portal, &settings.timezone)),
        Err(PublishError::Render(problems)) => {
            diags.extend(problems);
            Err(Failure::Content)
        }
        Err(e) => Err(Failure::Publish(e)),
    };
    Report {
        timings,
        ..report(diags, outcome)
    }
}

/// `stagebord check`: everything `build` checks, plus advice, without writing anything.
///
/// Templates are rendered too (into memory), so a template error is found here as well.
pub fn check(opts: &BuildOptions) -> Report {
    let mut diags = Vec::new();
    let prepared = match prepare(opts, None, &mut diags, &mut Timings::default()) {
        Ok(p) => p,
        Err(failure) => return report(diags, Err(failure)),
    };
    diags.extend(validate::advice::portal(&prepared.portal));
    let site = prepared.site();
    use rayon::prelude::*;
    let rendered: Vec<Diagnostic> = prepared
        .plan
        .entries
        .par_iter()
        .filter(|e| e.job.is_page())
        .filter_map(|entry| outputs::pages::render(&entry.job, &site).err())
        .collect();
    let mut template_errors: Vec<Diagnostic> = Vec::new();
    for d in rendered {
        if !template_errors.contains(&d) {
            template_errors.push(d);
        }
    }
    let failed = !template_errors.is_empty();
    diags.extend(template_errors);
    let outcome = if failed {
        Err(Failure::Content)
    } else {
        Ok(Summary::of(&prepared.portal))
    };
    report(diags, outcome)
}

/// `stagebord next-change`: the RFC 3339 moment from which the output is out of date, in
/// the portal's time zone, or `None` when nothing will change by itself.
pub fn next_change(opts: &BuildOptions) -> Result<Option<String>, Box<Report>> {
    let mut diags = Vec::new();
    let prepared = match prepare(opts, None, &mut diags, &mut Timings::default()) {
        Ok(p) => p,
        Err(failure) => return Err(Box::new(report(diags, Err(failure)))),
    };
    let summary = Summary::of(&prepared.portal)
        .with_next_change(&prepared.portal, &prepared.settings.timezone);
    Ok(summary.next_change.map(|(at, _)| at))
}

/// Shows `path` relative to the current folder when it is inside it, for the summary.
pub fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = diagnostics::relative_to(&cwd, path);
    let clean: PathBuf = shown
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    let text = clean.display().to_string();
    if text.is_empty() {
        ".".to_string()
    } else {
        text
    }
}
