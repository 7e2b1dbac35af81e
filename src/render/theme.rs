//! The theme: tera templates, UI strings (`i18n/<lang>.toml`) and static files.
//!
//! A theme is built from layers, later ones overriding earlier ones file by file:
//! 1. the default theme compiled into the binary (the repository's `themes/default/`);
//! 2. the portal's `themes/<name>/` (required when `theme` is not `default`);
//! 3. the portal's own `templates/` folder, for overriding a single template.
//!
//! So a portal can replace one template or one stylesheet without copying the rest.
//! Template problems become diagnostics at the template's file, line and column.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

use jiff::civil::Date;

use crate::diagnostics::{Diagnostic, relative_to};
use crate::settings::Settings;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// Where the bytes of a theme file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileSource {
    /// Compiled into the binary.
    Builtin(&'static [u8]),
    /// A file of the portal (relative to its root).
    Disk(PathBuf),
}

/// A static file of the theme, copied to the output's root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Path below the output root (`style.css`, `fonts/x.woff2`).
    pub output: String,
    /// Its bytes.
    pub source: FileSource,
}

/// The UI strings of one language.
#[derive(Debug, Clone)]
pub struct I18n {
    /// The whole file, for templates (`t`).
    pub value: tera::Value,
    months: Vec<String>,
    tables: BTreeMap<String, BTreeMap<String, String>>,
}

impl I18n {
    /// A hash of every string, for the keys of results made with these labels.
    pub fn digest(&self) -> u64 {
        crate::memo::key((&self.months, &self.tables))
    }

    /// Reads the i18n files of every layer, later ones overriding earlier ones key by key,
    /// so a theme can translate or reword a few strings without copying the whole file.
    fn from_layers(layers: &[(PathBuf, String)], diags: &mut Vec<Diagnostic>) -> Option<I18n> {
        let mut table = toml::Table::new();
        let mut failed = false;
        for (path, text) in layers {
            match toml::from_str::<toml::Table>(text) {
                Ok(layer) => merge(&mut table, layer),
                Err(e) => {
                    let span = e.span().unwrap_or(0..0);
                    diags.push(
                        Diagnostic::error(path, format!("invalid TOML: {}", e.message()))
                            .at(text, span),
                    );
                    failed = true;
                }
            }
        }
        if failed {
            return None;
        }
        let path = layers.last().map_or_else(PathBuf::new, |(p, _)| p.clone());
        let months: Vec<String> = table
            .get("months")
            .and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if months.len() != 12 {
            diags.push(
                Diagnostic::error(path, "`months` must list the 12 month names")
                    .with_help("months = [\"januari\", \"februari\", ...]"),
            );
            return None;
        }
        let tables = table
            .iter()
            .filter_map(|(name, value)| {
                let inner = value.as_table()?;
                let strings = inner
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect();
                Some((name.clone(), strings))
            })
            .collect();
        Some(I18n {
            value: tera::Value::from_serializable(&table),
            months,
            tables,
        })
    }

    /// The label of `key` in table `table` (e.g. `kinds`, `bbl`), or the key itself.
    pub fn label<'a>(&'a self, table: &str, key: &'a str) -> &'a str {
        self.tables
            .get(table)
            .and_then(|t| t.get(key))
            .map_or(key, String::as_str)
    }

    /// "15 januari 2027".
    pub fn format_date(&self, date: Date) -> String {
        let month = self
            .months
            .get(usize::try_from(date.month() - 1).unwrap_or(0))
            .map_or("", String::as_str);
        format!("{} {month} {}", date.day(), date.year())
    }
}

/// Merges `layer` into `base`: tables key by key, any other value replaced.
fn merge(base: &mut toml::Table, layer: toml::Table) {
    for (key, value) in layer {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(over)) => merge(inner, over),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// A loaded theme, ready to render.
pub struct Theme {
    /// The templates; their `vacancy_card()` renders every card afresh (see [`Templates`]
    /// for the build's memoising copy).
    tera: Arc<tera::Tera>,
    /// Where each template came from, for messages: name -> (path, text).
    sources: BTreeMap<String, (PathBuf, String)>,
    /// The UI strings in the portal's language.
    pub i18n: I18n,
    /// Files copied to the output's root.
    pub static_files: Vec<StaticFile>,
    /// A hash of every template and UI string, so a rebuild knows when all pages change.
    fingerprint: u64,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("templates", &self.sources.keys().collect::<Vec<_>>())
            .field("static_files", &self.static_files.len())
            .finish()
    }
}

/// The templates every theme must provide (the default theme's layer provides them all).
pub const TEMPLATES: &[&str] = &[
    "index.html",
    "vacancy.html",
    "vacancies.html",
    "organisations.html",
    "organisation.html",
    "brochure.html",
    "page.html",
    "taxonomy.html",
    "term.html",
    "404.html",
    "feeds.html",
    "agenda.html",
    "event.html",
    "schrijfwijzer.html",
];

/// Lists every file below `dir` (sorted), relative to it, skipping hidden files.
fn files_below(dir: &Path, diags: &mut Vec<Diagnostic>, root: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let relative = relative_to(dir, e.path());
                let name = relative.to_string_lossy().replace('\\', "/");
                if !name.split('/').any(|p| p.starts_with('.')) {
                    out.push((name, e.path().to_path_buf()));
                }
            }
            Ok(_) => {}
            Err(err) => diags.push(Diagnostic::error(
                relative_to(root, err.path().unwrap_or(dir)),
                format!("cannot read the theme: {err}"),
            )),
        }
    }
    out
}

impl Theme {
    /// Loads the theme named in the settings, with the portal's overrides.
    pub fn load(
        root: &Path,
        settings: &Settings,
        today: crate::model::today::Today,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Theme> {
        let errors_before = diags.iter().filter(|d| d.is_error()).count();
        let theme_dir = root.join("themes").join(&settings.theme);
        if settings.theme != "default" && !theme_dir.is_dir() {
            let mut available = vec!["default".to_string()];
            if let Ok(entries) = std::fs::read_dir(root.join("themes")) {
                let mut names: Vec<String> = entries
                    .filter_map(Result::ok)
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n != "default")
                    .collect();
                names.sort();
                available.extend(names);
            }
            diags.push(
                Diagnostic::error(
                    "portal.toml",
                    format!(
                        "unknown theme {:?}: there is no folder themes/{}/",
                        settings.theme, settings.theme
                    ),
                )
                .with_help(format!("available themes: {}", available.join(", "))),
            );
            return None;
        }

        // Layer 1: built in.
        let mut templates: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        let mut i18n_layers: Vec<(PathBuf, String)> = Vec::new();
        let mut statics: BTreeMap<String, FileSource> = BTreeMap::new();
        let i18n_name = format!("i18n/{}.toml", settings.language.code());
        for (name, bytes) in DEFAULT_THEME {
            let shown = PathBuf::from(format!("(built-in default theme) {name}"));
            if let Some(template) = name.strip_prefix("templates/") {
                templates.insert(
                    template.to_string(),
                    (shown, String::from_utf8_lossy(bytes).into_owned()),
                );
            } else if *name == i18n_name {
                i18n_layers.push((shown, String::from_utf8_lossy(bytes).into_owned()));
            } else if let Some(file) = name.strip_prefix("static/") {
                statics.insert(file.to_string(), FileSource::Builtin(bytes));
            }
        }

        // Layers 2 and 3: the portal's theme folder, then its templates/ folder.
        let layers = [(theme_dir.clone(), true), (root.join("templates"), false)];
        for (dir, whole_theme) in layers {
            let files = files_below(&dir, diags, root);
            for (name, path) in files {
                let shown = relative_to(root, &path);
                let (kind, rest) = if whole_theme {
                    match name.split_once('/') {
                        Some((kind, rest)) => (kind, rest.to_string()),
                        None => continue,
                    }
                } else {
                    ("templates", name.clone())
                };
                match kind {
                    "templates" => match std::fs::read_to_string(&path) {
                        Ok(text) => {
                            templates.insert(rest, (shown, text));
                        }
                        Err(e) => diags.push(Diagnostic::error(
                            shown,
                            format!("cannot read this template: {e}"),
                        )),
                    },
                    "static" => {
                        statics.insert(rest, FileSource::Disk(shown));
                    }
                    "i18n" if name.ends_with(&i18n_name) => match std::fs::read_to_string(&path) {
                        Ok(text) => i18n_layers.push((shown, text)),
                        Err(e) => diags.push(Diagnostic::error(
                            shown,
                            format!("cannot read this file: {e}"),
                        )),
                    },
                    _ => {}
                }
            }
        }

        let i18n = if i18n_layers.is_empty() {
            diags.push(Diagnostic::error(
                theme_dir.join(&i18n_name),
                format!(
                    "the theme has no UI strings for language {:?}",
                    settings.language.code()
                ),
            ));
            None
        } else {
            I18n::from_layers(&i18n_layers, diags)
        };

        let mut added = Ok(());
        let tera = Arc::new_cyclic(|this| {
            let mut tera = tera::Tera::new();
            tera.autoescape_on([".html", ".xml"]);
            // tera's own escaper writes every byte through `dyn Write` (an eighth of a build).
            tera.set_escape_fn(super::escape_html_to);
            if let Some(i18n) = &i18n {
                register_filters(&mut tera, i18n, today);
            }
            // Before the templates, which are checked for unknown functions as they are added.
            tera.register_function(CARD_FUNCTION, card_function(this.clone(), None));
            added = tera.add_raw_templates(
                templates
                    .iter()
                    .map(|(name, (_, text))| (name.as_str(), text.as_str())),
            );
            tera
        });
        if let Err(e) = added {
            diags.push(template_diagnostic(&e, &templates));
        }
        for required in TEMPLATES {
            if !templates.contains_key(*required) {
                diags.push(Diagnostic::error(
                    relative_to(root, &theme_dir.join("templates").join(required)),
                    format!("the theme has no template {required}"),
                ));
            }
        }
        let errors_after = diags.iter().filter(|d| d.is_error()).count();
        if errors_after > errors_before {
            return None;
        }
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            for (name, (_, text)) in &templates {
                (name, text).hash(&mut h);
            }
            for (_, text) in &i18n_layers {
                text.hash(&mut h);
            }
            h.finish()
        };
        Some(Theme {
            tera,
            fingerprint,
            sources: templates,
            i18n: i18n?,
            static_files: statics
                .into_iter()
                .map(|(output, source)| StaticFile { output, source })
                .collect(),
        })
    }

    /// A hash of the templates and UI strings.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Renders a template; a failure names the template's file and line.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        render_with(&self.tera, &self.sources, template, context)
    }

    /// The templates for one build, whose `vacancy_card()` renders each card once and keeps
    /// its HTML in `cards` for every other listing that shows it.
    pub fn templates(&self, cards: Cards) -> Templates<'_> {
        let cards = Arc::new(cards);
        let tera = Arc::new_cyclic(|this| {
            let mut tera = tera::Tera::clone(&self.tera);
            tera.register_function(
                CARD_FUNCTION,
                card_function(this.clone(), Some(Arc::clone(&cards))),
            );
            tera
        });
        Templates {
            theme: self,
            tera,
            cards,
        }
    }
}

/// The theme's templates as one build renders them: the same as [`Theme::render`], except
/// that a vacancy card is rendered once per build (per set of arguments), not once per
/// listing it appears in (at 10,000 vacancies that is 10,000 renders instead of 51,000).
pub struct Templates<'t> {
    theme: &'t Theme,
    tera: Arc<tera::Tera>,
    /// The card HTML that `tera`'s `vacancy_card()` keeps.
    cards: Arc<Cards>,
}

impl Templates<'_> {
    /// Drops the card HTML kept so far.
    pub fn forget_cards(&self) {
        if let Ok(mut html) = self.cards.html.lock() {
            *html = HashMap::new();
        }
    }

    /// Renders a template; a failure names the template's file and line.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        render_with(&self.tera, &self.theme.sources, template, context)
    }
}

/// Renders `template`; a failure names the template's file and line (for a failing card, the
/// card template's, not the line of the listing that asked for it).
fn render_with(
    tera: &tera::Tera,
    sources: &BTreeMap<String, (PathBuf, String)>,
    template: &str,
    context: &tera::Context,
) -> Result<String, Diagnostic> {
    CARD_ERROR.with(|e| e.borrow_mut().take());
    tera.render(template, context).map_err(|e| {
        let card = CARD_ERROR.with(|e| e.borrow_mut().take());
        template_diagnostic(card.as_ref().unwrap_or(&e), sources)
    })
}

/// The template function that renders a vacancy card: `{{ vacancy_card(v=v, h=h, grid=grid) }}`.
pub const CARD_FUNCTION: &str = "vacancy_card";

/// The template [`CARD_FUNCTION`] renders.
pub const CARD_TEMPLATE: &str = "partials/vacancy_card.html";

thread_local! {
    /// True while this thread renders a card: a card template that asks for a card would
    /// otherwise recurse until the stack overflows.
    static IN_CARD: Cell<bool> = const { Cell::new(false) };
    /// Why the last card this thread rendered failed. Tera turns a function's error into a
    /// message at the call site; this keeps the card template's own file, line and column.
    static CARD_ERROR: RefCell<Option<tera::Error>> = const { RefCell::new(None) };
}

/// Marks this thread as rendering a card until dropped (also when the render unwinds).
struct InCard;

impl InCard {
    fn enter() -> InCard {
        IN_CARD.set(true);
        InCard
    }
}

impl Drop for InCard {
    fn drop(&mut self) {
        IN_CARD.set(false);
    }
}

/// The HTML of the vacancy cards of one build, by the card's slug and the arguments it was
/// rendered with.
#[derive(Debug)]
pub struct Cards {
    /// The `t` and `portal` every page of the build gets; a card is only kept when the page
    /// asking for it has these (the same values, so the check is a pointer comparison).
    t: tera::Value,
    portal: tera::Value,
    html: Mutex<HashMap<String, Vec<(tera::Map, tera::Value)>>>,
}

impl Cards {
    /// An empty memo for a build whose pages get these `t` and `portal`.
    pub fn new(t: tera::Value, portal: tera::Value) -> Cards {
        Cards {
            t,
            portal,
            html: Mutex::new(HashMap::new()),
        }
    }

    /// The card of `slug` rendered with these arguments, if it was.
    fn get(&self, slug: &str, kwargs: &tera::Kwargs) -> Option<tera::Value> {
        let same = |args: &tera::Map| {
            let mut count = 0;
            kwargs.iter().all(|(k, v)| {
                count += 1;
                args.get(k) == Some(v)
            }) && count == args.len()
        };
        let html = self.html.lock().ok()?;
        html.get(slug)?
            .iter()
            .find(|(args, _)| same(args))
            .map(|(_, h)| h.clone())
    }

    fn keep(&self, slug: &str, args: tera::Map, card: tera::Value) {
        if let Ok(mut html) = self.html.lock() {
            let kept = html.entry(slug.to_string()).or_default();
            if !kept.iter().any(|(a, _)| *a == args) {
                kept.push((args, card));
            }
        }
    }
}

/// `vacancy_card(v=card, ...)`: renders [`CARD_TEMPLATE`] with the given arguments plus the
/// page's `t` and `portal` (and nothing else of the page), as safe HTML. With `cards`, a card
/// is rendered once per build and arguments; `tera` is the instance the function belongs to.
fn card_function(
    tera: Weak<tera::Tera>,
    cards: Option<Arc<Cards>>,
) -> impl Fn(tera::Kwargs, &tera::State) -> tera::TeraResult<tera::Value> + Send + Sync + 'static {
    move |kwargs, state| {
        let t = state.get::<tera::Value>("t")?;
        let portal = state.get::<tera::Value>("portal")?;
        let slug = kwargs
            .get::<&tera::Value>("v")?
            .and_then(tera::Value::as_map)
            .and_then(|v| v.get(&tera::value::Key::Str("slug")))
            .and_then(tera::Value::as_str);
        let memo = cards
            .as_ref()
            .zip(slug)
            .filter(|(c, _)| t.as_ref() == Some(&c.t) && portal.as_ref() == Some(&c.portal));
        if let Some(html) = memo.and_then(|(c, slug)| c.get(slug, &kwargs)) {
            return Ok(html);
        }
        let args: tera::Map = kwargs.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        if IN_CARD.get() {
            return Err(tera::Error::message(format!(
                "{CARD_TEMPLATE} cannot call {CARD_FUNCTION}()"
            )));
        }
        let tera = tera
            .upgrade()
            .ok_or_else(|| tera::Error::message("the templates are no longer loaded"))?;
        let mut context = tera::Context::new();
        for (key, value) in [("t", t), ("portal", portal)] {
            if let Some(value) = value {
                context.insert_value(key, value);
            }
        }
        for (key, value) in &args {
            if let Some(key) = key.as_str() {
                context.insert_value(key.to_string(), value.clone());
            }
        }
        let rendered = {
            let _in_card = InCard::enter();
            tera.render(CARD_TEMPLATE, &context)
        };
        match rendered {
            Ok(html) => {
                let html = tera::Value::safe_string(&html);
                if let Some((c, slug)) = memo {
                    c.keep(slug, args, html.clone());
                }
                Ok(html)
            }
            Err(e) => {
                let message = format!("cannot render {CARD_TEMPLATE}: {e}");
                CARD_ERROR.with(|c| *c.borrow_mut() = Some(e));
                Err(tera::Error::message(message))
            }
        }
    }
}

/// Registers the filters stagebord adds to tera, which need the build's today and the
/// portal's language:
///
/// - `date`: an ISO date (`2027-01-15`, or any `*.iso`) in the portal's language,
///   `{{ vacancy.closes.iso | date }}` -> `15 januari 2027`;
/// - `days_until`: the number of days from the build's today to an ISO date (negative
///   when past), `{{ "2027-01-15" | days_until }}` -> `53`.
fn register_filters(tera: &mut tera::Tera, i18n: &I18n, today: crate::model::today::Today) {
    let i18n = i18n.clone();
    tera.register_filter(
        "date",
        move |value: &str, _: tera::Kwargs, _: &tera::State| {
            let day = value.get(..10).and_then(crate::model::today::parse_date);
            day.map_or_else(|| value.to_string(), |d| i18n.format_date(d))
        },
    );
    tera.register_filter(
        "days_until",
        move |value: &str, _: tera::Kwargs, _: &tera::State| {
            let day = value.get(..10).and_then(crate::model::today::parse_date);
            day.map_or(0, |d| i64::from((d - today.0).get_days()))
        },
    );
}

/// Turns a tera error into a diagnostic at the template's file, line and column.
fn template_diagnostic(
    error: &tera::Error,
    sources: &BTreeMap<String, (PathBuf, String)>,
) -> Diagnostic {
    use std::error::Error as _;
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    if let Some(report) = report {
        let name = report.filename();
        if let Some((path, text)) = sources.get(name) {
            return Diagnostic::error(path, format!("template error: {}", report.message()))
                .at(text, report.span().range.clone());
        }
        return Diagnostic::error(
            format!("templates/{name}"),
            format!("template error: {}", report.message()),
        );
    }
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        message.push_str(&format!(": {c}"));
        cause = c.source();
    }
    Diagnostic::error("templates", format!("template error: {message}"))
}
