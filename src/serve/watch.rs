//! Watching the portal's sources: `notify` events -> debounced [`Batch`]es of [`ChangeKind`]s.
//!
//! This file owns the file-system watcher and the debounce thread. It watches `content/`,
//! `static/`, `themes/` and `templates/` recursively and the portal's root folder itself
//! (not recursively: for `portal.toml`, which editors replace by renaming, and for one of
//! the watched folders appearing later). Editor clutter (hidden files, `*.swp`, `*~`,
//! `*.tmp`, vim's `4913`, emacs' `#x#`) and pure reads are ignored. A burst of events (an
//! editor writing a temporary file and renaming it, `git checkout` touching 500 files)
//! becomes one [`Batch`] once nothing happened for [`QUIET`], or after [`MAX_WAIT`] at the
//! latest, so a never-ending stream of writes still gets previewed.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long the sources must stay quiet before a burst of changes is rebuilt.
pub const QUIET: Duration = Duration::from_millis(150);

/// The longest a burst is held back, however busy the file system stays.
pub const MAX_WAIT: Duration = Duration::from_secs(2);

/// The folders below the portal's root that are watched recursively.
pub const WATCHED_DIRS: &[&str] = &["content", "static", "themes", "templates"];

/// What changed, by the part of the portal it belongs to.
///
/// Paths are relative to the portal's root. A path may no longer exist (deleted, or renamed
/// away: both names of a rename are reported), and may be a folder: a folder that is
/// renamed, moved or deleted is reported as itself, not file by file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// Files below `content/` (vacancies, organisations, brochures, pages, assets).
    Content(BTreeSet<PathBuf>),
    /// Files below `themes/` or `templates/`.
    Theme(BTreeSet<PathBuf>),
    /// `portal.toml`.
    Settings,
    /// Files below `static/`.
    Static(BTreeSet<PathBuf>),
}

impl ChangeKind {
    /// The changed paths (none for [`ChangeKind::Settings`]).
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        let set = match self {
            ChangeKind::Content(p) | ChangeKind::Theme(p) | ChangeKind::Static(p) => Some(p),
            ChangeKind::Settings => None,
        };
        set.into_iter().flatten().map(PathBuf::as_path)
    }

    /// True when this change touches only stylesheets (so the browser can swap them in
    /// without reloading the page).
    pub fn is_css_only(&self) -> bool {
        match self {
            ChangeKind::Static(paths) | ChangeKind::Theme(paths) => {
                !paths.is_empty()
                    && paths
                        .iter()
                        .all(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("css")))
            }
            ChangeKind::Content(_) | ChangeKind::Settings => false,
        }
    }

    fn rank(&self) -> u8 {
        match self {
            ChangeKind::Settings => 0,
            ChangeKind::Theme(_) => 1,
            ChangeKind::Content(_) => 2,
            ChangeKind::Static(_) => 3,
        }
    }
}

/// Adds `change` to `changes`, keeping one entry per kind (paths merged), settings first.
pub fn merge(changes: &mut Vec<ChangeKind>, change: ChangeKind) {
    let existing = changes.iter_mut().find(|c| c.rank() == change.rank());
    match (existing, change) {
        (Some(ChangeKind::Content(a)), ChangeKind::Content(b))
        | (Some(ChangeKind::Theme(a)), ChangeKind::Theme(b))
        | (Some(ChangeKind::Static(a)), ChangeKind::Static(b)) => a.extend(b),
        (Some(_), _) => {}
        (None, change) => {
            changes.push(change);
            changes.sort_by_key(ChangeKind::rank);
        }
    }
}

/// True when every change of a burst touches only stylesheets.
pub fn css_only(changes: &[ChangeKind]) -> bool {
    !changes.is_empty() && changes.iter().all(ChangeKind::is_css_only)
}

/// One debounced burst of changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// What changed, one entry per kind, `Settings` first.
    pub changes: Vec<ChangeKind>,
    /// When the first event of the burst arrived (for the write-to-reload time).
    pub first_seen: Instant,
}

impl Batch {
    /// Folds a later batch into this one (when batches queued up during a rebuild).
    pub fn absorb(&mut self, later: Batch) {
        for change in later.changes {
            merge(&mut self.changes, change);
        }
        self.first_seen = self.first_seen.min(later.first_seen);
    }
}

/// True for file names that editors and tools write beside the real file.
pub fn is_clutter(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [
            ".swp",
            ".swo",
            ".swx",
            ".tmp",
            ".temp",
            ".kate-swp",
            ".crdownload",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|suffix| lower.ends_with(suffix))
}

/// What a changed path means for the portal, or `None` when it does not matter.
///
/// `path` is absolute (below `root`, which is canonical) or already relative to the root.
pub fn classify(root: &Path, path: &Path) -> Option<ChangeKind> {
    let relative = path.strip_prefix(root).unwrap_or(path);
    if relative.is_absolute() {
        return None;
    }
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if parts.iter().any(|p| is_clutter(p)) {
        return None;
    }
    let relative: PathBuf = parts.iter().collect();
    let one = || BTreeSet::from([relative.clone()]);
    match parts.as_slice() {
        ["portal.toml"] => Some(ChangeKind::Settings),
        ["content", ..] => Some(ChangeKind::Content(one())),
        ["static", ..] => Some(ChangeKind::Static(one())),
        ["themes" | "templates", ..] => Some(ChangeKind::Theme(one())),
        _ => None,
    }
}

/// True for events that cannot change what a build reads (opening, reading, atime).
fn is_read_only(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => false,
        EventKind::Access(_) => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => true,
        _ => false,
    }
}

/// Why the sources could not be watched.
#[derive(Debug)]
pub struct WatchError(pub notify::Error);

impl std::fmt::Display for WatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot watch the portal's files: {}", self.0)
    }
}

impl std::error::Error for WatchError {}

/// The running watcher; dropping it stops the debounce thread.
#[derive(Debug)]
pub struct Watch {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Watch {
    /// Starts watching the portal in `root` (canonical); every debounced burst goes to
    /// `deliver`, which returns false when nobody listens any more (the thread then ends).
    pub fn start(
        root: &Path,
        deliver: impl FnMut(Batch) -> bool + Send + 'static,
    ) -> Result<Watch, WatchError> {
        let (tx, rx) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx).map_err(WatchError)?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(WatchError)?;
        let watched = Arc::new(Mutex::new(BTreeSet::new()));
        for dir in WATCHED_DIRS {
            watch_dir(&mut watcher, &watched, &root.join(dir));
        }
        let stop = Arc::new(AtomicBool::new(false));
        let debounce = Debounce {
            root: root.to_path_buf(),
            watcher,
            watched,
            events: rx,
            deliver: Box::new(deliver),
            stop: Arc::clone(&stop),
        };
        let thread = std::thread::Builder::new()
            .name("stagebord-watch".into())
            .spawn(move || debounce.run())
            .map_err(|e| WatchError(notify::Error::io(e)))?;
        Ok(Watch {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Adds a recursive watch on `dir` when it exists and is not watched yet.
fn watch_dir(watcher: &mut RecommendedWatcher, watched: &Mutex<BTreeSet<PathBuf>>, dir: &Path) {
    let Ok(mut watched) = watched.lock() else {
        return;
    };
    if !dir.is_dir() || watched.contains(dir) {
        return;
    }
    match watcher.watch(dir, RecursiveMode::Recursive) {
        Ok(()) => {
            watched.insert(dir.to_path_buf());
        }
        Err(e) => eprintln!("warning: cannot watch {}: {e}", dir.display()),
    }
}

/// The debounce thread's state.
struct Debounce {
    root: PathBuf,
    watcher: RecommendedWatcher,
    watched: Arc<Mutex<BTreeSet<PathBuf>>>,
    events: Receiver<notify::Result<Event>>,
    deliver: Box<dyn FnMut(Batch) -> bool + Send>,
    stop: Arc<AtomicBool>,
}

/// How often the idle thread looks at the stop flag.
const POLL: Duration = Duration::from_millis(200);

impl Debounce {
    fn run(mut self) {
        while !self.stop.load(Ordering::SeqCst) {
            let first = match self.events.recv_timeout(POLL) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return,
            };
            let mut changes = Vec::new();
            self.absorb(first, &mut changes);
            if changes.is_empty() {
                continue;
            }
            let first_seen = Instant::now();
            loop {
                let left = MAX_WAIT.saturating_sub(first_seen.elapsed());
                if left.is_zero() {
                    break;
                }
                match self.events.recv_timeout(QUIET.min(left)) {
                    Ok(event) => self.absorb(event, &mut changes),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
            let batch = Batch {
                changes,
                first_seen,
            };
            if !(self.deliver)(batch) {
                return;
            }
        }
    }

    /// Classifies one notify event into `changes`; starts watching folders that appear.
    fn absorb(&mut self, event: notify::Result<Event>, changes: &mut Vec<ChangeKind>) {
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                eprintln!("warning: file watcher: {e}");
                return;
            }
        };
        if is_read_only(&event.kind) {
            return;
        }
        for path in &event.paths {
            if path.parent() == Some(self.root.as_path())
                && path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| WATCHED_DIRS.contains(&n))
            {
                watch_dir(&mut self.watcher, &self.watched, path);
            }
            if let Some(change) = classify(&self.root, path) {
                merge(changes, change);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(paths: &[&str]) -> BTreeSet<PathBuf> {
        paths.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn classifies_by_folder() {
        let root = Path::new("/portal");
        let c = |p: &str| classify(root, &root.join(p));
        assert_eq!(
            c("content/vacancies/a.md"),
            Some(ChangeKind::Content(set(&["content/vacancies/a.md"])))
        );
        assert_eq!(c("portal.toml"), Some(ChangeKind::Settings));
        assert_eq!(
            c("static/x.css"),
            Some(ChangeKind::Static(set(&["static/x.css"])))
        );
        assert_eq!(
            c("themes/t/templates/base.html"),
            Some(ChangeKind::Theme(set(&["themes/t/templates/base.html"])))
        );
        assert_eq!(
            c("templates/base.html"),
            Some(ChangeKind::Theme(set(&["templates/base.html"])))
        );
        assert_eq!(c("public/index.html"), None);
        assert_eq!(c("README.md"), None);
        assert_eq!(classify(root, Path::new("/elsewhere/content/a.md")), None);
    }

    #[test]
    fn ignores_editor_clutter() {
        let root = Path::new("/portal");
        for name in [
            "content/.a.md.swp",
            "content/a.md~",
            "content/a.md.tmp",
            "content/4913",
            "content/#a.md#",
            "content/.#a.md",
            "content/.git/index",
            "content/a.md.swx",
            "static/x.css___jb_tmp___",
            ".portal.toml.swp",
        ] {
            assert_eq!(classify(root, &root.join(name)), None, "{name}");
        }
    }

    #[test]
    fn merges_a_burst_into_one_entry_per_kind() {
        let mut changes = Vec::new();
        merge(&mut changes, ChangeKind::Content(set(&["content/a.md"])));
        merge(&mut changes, ChangeKind::Static(set(&["static/x.css"])));
        merge(&mut changes, ChangeKind::Content(set(&["content/b.md"])));
        merge(&mut changes, ChangeKind::Settings);
        merge(&mut changes, ChangeKind::Settings);
        assert_eq!(
            changes,
            vec![
                ChangeKind::Settings,
                ChangeKind::Content(set(&["content/a.md", "content/b.md"])),
                ChangeKind::Static(set(&["static/x.css"])),
            ]
        );
    }

    #[test]
    fn css_only_needs_only_stylesheets() {
        assert!(css_only(&[ChangeKind::Static(set(&["static/a.css"]))]));
        assert!(css_only(&[
            ChangeKind::Static(set(&["static/a.css"])),
            ChangeKind::Theme(set(&["themes/t/static/style.CSS"]))
        ]));
        assert!(!css_only(&[ChangeKind::Static(set(&[
            "static/a.css",
            "static/b.js"
        ]))]));
        assert!(!css_only(&[
            ChangeKind::Static(set(&["static/a.css"])),
            ChangeKind::Settings
        ]));
        assert!(!css_only(&[]));
    }

    #[test]
    fn reads_are_not_changes() {
        assert!(is_read_only(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_read_only(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(!is_read_only(&EventKind::Modify(ModifyKind::Any)));
    }

    #[test]
    fn a_burst_of_writes_is_one_batch() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/vacancies")).unwrap();
        let (tx, rx) = mpsc::channel();
        let _watch = Watch::start(&root, move |b| tx.send(b).is_ok()).unwrap();
        for i in 0..50 {
            let path = root.join(format!("content/vacancies/v{i}.md"));
            std::fs::write(&path, "x").unwrap();
            std::fs::write(root.join(format!("content/vacancies/.v{i}.md.swp")), "x").unwrap();
        }
        let batch = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        let [ChangeKind::Content(paths)] = batch.changes.as_slice() else {
            panic!("{batch:?}");
        };
        assert_eq!(paths.len(), 50, "{paths:?}");
        assert!(rx.recv_timeout(Duration::from_millis(500)).is_err());
    }
}
