//! Walks the content folder and sorts what it finds into content kinds and assets.
//!
//! Files are classified by the folder they are in (`vacancies/`, `organisations/` ...)
//! and read as UTF-8. Nothing here judges what a file means.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, relative_to};

/// What a Markdown file in `content/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ContentKind {
    /// `content/_index.md`.
    Home,
    /// `content/vacancies/**.md`.
    Vacancy,
    /// `content/organisations/<slug>.md`.
    Organisation,
    /// `content/brochures/<slug>.md`.
    Brochure,
    /// `content/pages/<slug>.md`.
    Page,
    /// `content/events/**.md`.
    Event,
}

/// One Markdown file of the content tree.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the portal's root (`content/vacancies/x.md`).
    pub path: PathBuf,
    /// What kind of content it holds.
    pub kind: ContentKind,
    /// The whole file; empty once [`ContentTree::release_texts`] ran. Shared with a
    /// `serve` session's [`ReadCache`], which hands it back while the file is unchanged.
    pub text: Arc<String>,
    /// A hash of `text`, which outlives it: `serve` compares it between rebuilds.
    pub digest: u64,
}

/// Everything in `content/`.
#[derive(Debug, Clone, Default)]
pub struct ContentTree {
    /// Markdown files, sorted by path.
    pub files: Vec<SourceFile>,
    /// Every other file (images, PDFs), relative to the root, sorted.
    pub assets: Vec<PathBuf>,
    /// Every file in `static/`, relative to the root, sorted.
    pub static_files: Vec<PathBuf>,
    /// Width and height of the images among `assets`.
    pub image_sizes: std::collections::BTreeMap<PathBuf, crate::load::images::Size>,
}

impl ContentTree {
    /// Frees the text of every file. The model holds what it needs once it is validated
    /// (bodies keep their Markdown), so a build lets the sources go before rendering
    /// rather than holding every file twice.
    pub fn release_texts(&mut self) {
        for file in &mut self.files {
            file.text = Arc::default();
        }
    }
}

/// What a file's metadata says about its contents: equal stamps, equal bytes, unless the
/// file was written again within the file system's timestamp resolution (see [`RACY`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// The inode and the change time (unix): an editor that saves by renaming a new file
    /// over the old one gives a new inode.
    #[cfg(unix)]
    inode: (u64, i64, i64),
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: (meta.ino(), meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// A file modified this shortly before it was read may change again without its stamp
/// changing (file systems with one- or two-second timestamps): it is read again.
pub const RACY: Duration = Duration::from_secs(2);

/// One file as the last rebuild read it.
#[derive(Debug, Clone)]
struct Kept {
    stamp: Stamp,
    /// When it was read (by the same clock as the file system's times).
    read_at: SystemTime,
    text: Arc<String>,
    digest: u64,
}

impl Kept {
    /// True when the file still has the bytes that were read: same stamp, and modified
    /// long enough before the read that a later write must have changed the stamp.
    fn still(&self, stamp: &Stamp) -> bool {
        self.stamp == *stamp
            && stamp
                .modified
                .and_then(|m| m.checked_add(RACY))
                .is_some_and(|settled| settled < self.read_at)
    }
}

/// The Markdown files a `serve` session read last time, by path: a file whose metadata
/// did not change is not read again (one `stat` instead of reading and hashing it).
/// Files that left the content folder are forgotten on the next walk.
#[derive(Debug, Default)]
pub struct ReadCache(Mutex<HashMap<PathBuf, Kept>>);

impl ReadCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Kept>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Files that editors and operating systems leave behind, never content.
fn is_clutter(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

/// Classifies a Markdown file by its place under `content/`.
fn classify(relative: &Path) -> Result<ContentKind, String> {
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    match parts.as_slice() {
        ["_index.md"] => Ok(ContentKind::Home),
        ["vacancies", .., _] => Ok(ContentKind::Vacancy),
        ["events", .., _] => Ok(ContentKind::Event),
        ["organisations", _] => Ok(ContentKind::Organisation),
        ["brochures", _] => Ok(ContentKind::Brochure),
        ["pages", _] => Ok(ContentKind::Page),
        [folder @ ("organisations" | "brochures" | "pages"), ..] => Err(format!(
            "{folder} live directly in content/{folder}/, not in a sub-folder"
        )),
        _ => Err(
            "Markdown files belong in content/vacancies/, organisations/, brochures/, pages/ or events/ (or content/_index.md)"
                .to_string(),
        ),
    }
}

/// Walks `root/content`, reading every Markdown file; problems go to `diags`.
pub fn content_tree(root: &Path, diags: &mut Vec<Diagnostic>) -> ContentTree {
    content_tree_with(root, None, diags)
}

/// [`content_tree`], taking the files that did not change from `cache` (and keeping what
/// it reads there).
pub fn content_tree_with(
    root: &Path,
    cache: Option<&ReadCache>,
    diags: &mut Vec<Diagnostic>,
) -> ContentTree {
    let static_files = static_files(root, diags);
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("content", "there is no content/ folder")
                .with_help("create content/vacancies/ and content/organisations/, or start with `stagebord init DIR`"),
        );
        return ContentTree {
            static_files,
            ..ContentTree::default()
        };
    }
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let walker = walkdir::WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_clutter(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| content.clone(), Path::to_path_buf);
                diags.push(Diagnostic::error(
                    relative_to(root, &path),
                    format!("cannot read this part of the content folder: {err}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = relative_to(root, entry.path());
        let under_content = relative_to(&content, entry.path());
        if entry.path().extension().is_some_and(|e| e == "md") {
            match classify(&under_content) {
                Ok(kind) => markdown.push((path, kind)),
                Err(why) => diags.push(Diagnostic::warning(path, format!("ignored: {why}"))),
            }
        } else {
            assets.push(path);
        }
    }
    let last = cache.map(|c| std::mem::take(&mut *c.lock()));
    let read: Vec<Result<(SourceFile, Option<Kept>), Diagnostic>> = markdown
        .into_par_iter()
        .map(|(path, kind)| match &last {
            Some(last) => read_unless_kept(root, path, kind, last),
            None => read_file(root, path, kind).map(|file| (file, None)),
        })
        .collect();
    let mut files = Vec::with_capacity(read.len());
    let mut kept = HashMap::new();
    for result in read {
        match result {
            Ok((file, keep)) => {
                if let Some(keep) = keep {
                    kept.insert(file.path.clone(), keep);
                }
                files.push(file);
            }
            Err(d) => diags.push(d),
        }
    }
    if let Some(cache) = cache {
        *cache.lock() = kept;
    }
    let image_sizes = crate::load::images::sizes(root, &assets);
    ContentTree {
        files,
        assets,
        static_files,
        image_sizes,
    }
}

/// Lists `root/static/`, which is copied as-is to the output's root.
fn static_files(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let dir = root.join("static");
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    let walker = walkdir::WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_clutter(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => out.push(relative_to(root, e.path())),
            Ok(_) => {}
            Err(err) => diags.push(Diagnostic::error(
                relative_to(root, err.path().unwrap_or(&dir)),
                format!("cannot read this part of the static folder: {err}"),
            )),
        }
    }
    out
}

/// The file from `last` when its stamp says it did not change, else read (and kept).
fn read_unless_kept(
    root: &Path,
    path: PathBuf,
    kind: ContentKind,
    last: &HashMap<PathBuf, Kept>,
) -> Result<(SourceFile, Option<Kept>), Diagnostic> {
    let full = root.join(&path);
    let Ok(stamp) = std::fs::metadata(&full).map(|m| Stamp::of(&m)) else {
        // Gone or unreadable since the walk: reading it says why.
        return read_file(root, path, kind).map(|file| (file, None));
    };
    if let Some(kept) = last.get(&path).filter(|k| k.still(&stamp)) {
        let file = SourceFile {
            text: Arc::clone(&kept.text),
            digest: kept.digest,
            path,
            kind,
        };
        return Ok((file, Some(kept.clone())));
    }
    let read_at = SystemTime::now();
    let file = read_file(root, path, kind)?;
    // Stamped before reading, so a write during the read shows as a change next time.
    let kept = Kept {
        stamp,
        read_at,
        text: Arc::clone(&file.text),
        digest: file.digest,
    };
    Ok((file, Some(kept)))
}

fn read_file(root: &Path, path: PathBuf, kind: ContentKind) -> Result<SourceFile, Diagnostic> {
    let bytes = std::fs::read(root.join(&path))
        .map_err(|e| Diagnostic::error(&path, format!("cannot read this file: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile {
            digest: crate::memo::key(&text),
            path,
            kind,
            text: Arc::new(text),
        }),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let mut text = before.clone();
            text.push_str(&String::from_utf8_lossy(&bytes[valid..]));
            Err(Diagnostic::error(&path, "this file is not UTF-8 text")
                .at(&text, before.len()..before.len() + 1)
                .with_help("save it as UTF-8 (in most editors: \"Save with encoding\" > UTF-8)"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_folder() {
        assert_eq!(classify(Path::new("_index.md")), Ok(ContentKind::Home));
        assert_eq!(
            classify(Path::new("vacancies/a/b/x.md")),
            Ok(ContentKind::Vacancy)
        );
        assert_eq!(
            classify(Path::new("organisations/x.md")),
            Ok(ContentKind::Organisation)
        );
        assert!(classify(Path::new("organisations/sub/x.md")).is_err());
        assert!(classify(Path::new("notes.md")).is_err());
    }

    #[test]
    fn a_session_reads_again_only_what_changed_or_may_have() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content/vacancies");
        std::fs::create_dir_all(&c).unwrap();
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        let write = |name: &str, text: &str, modified: Option<SystemTime>| {
            std::fs::write(c.join(name), text).unwrap();
            if let Some(time) = modified {
                let file = std::fs::File::options()
                    .write(true)
                    .open(c.join(name))
                    .unwrap();
                file.set_modified(time).unwrap();
            }
        };
        write("a.md", "+++\ntitle = \"A\"\n+++\n", Some(an_hour_ago));
        write("b.md", "+++\ntitle = \"B\"\n+++\n", Some(an_hour_ago));
        write("new.md", "+++\n+++\n", None);
        let cache = ReadCache::default();
        let walk = || {
            let mut diags = Vec::new();
            let tree = content_tree_with(dir.path(), Some(&cache), &mut diags);
            assert!(diags.is_empty(), "{diags:?}");
            tree
        };
        let text = |tree: &ContentTree, name: &str| {
            let path = PathBuf::from("content/vacancies").join(name);
            let file = tree.files.iter().find(|f| f.path == path).unwrap();
            (Arc::clone(&file.text), file.digest)
        };
        let first = walk();
        let second = walk();
        // Unchanged for an hour: handed back, not read.
        assert!(Arc::ptr_eq(
            &text(&first, "a.md").0,
            &text(&second, "a.md").0
        ));
        // Written just now: read again, as its time stamp cannot yet tell a later write.
        assert!(!Arc::ptr_eq(
            &text(&first, "new.md").0,
            &text(&second, "new.md").0
        ));
        // Same length, time stamp put back: the change time (or the inode) still tells.
        write("b.md", "+++\ntitle = \"C\"\n+++\n", Some(an_hour_ago));
        let third = walk();
        assert_eq!(&**text(&third, "b.md").0, "+++\ntitle = \"C\"\n+++\n");
        assert_ne!(text(&third, "b.md").1, text(&second, "b.md").1);
        // A deleted file is gone, from the tree and from the cache.
        std::fs::remove_file(c.join("a.md")).unwrap();
        let fourth = walk();
        assert_eq!(fourth.files.len(), 2);
        assert!(
            !cache
                .lock()
                .contains_key(Path::new("content/vacancies/a.md"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn follows_symbolic_links_to_folders_and_files() {
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        std::fs::create_dir_all(&shared).unwrap();
        std::fs::write(shared.join("b.md"), "+++\n+++\n").unwrap();
        std::fs::write(dir.path().join("c.md"), "+++\n+++\n").unwrap();
        let c = dir.path().join("content/vacancies");
        std::fs::create_dir_all(&c).unwrap();
        std::fs::write(c.join("a.md"), "+++\n+++\n").unwrap();
        std::os::unix::fs::symlink(&shared, c.join("org")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("c.md"), c.join("c.md")).unwrap();
        let mut diags = Vec::new();
        let tree = content_tree(dir.path(), &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let names: Vec<_> = tree.files.iter().map(|f| f.path.clone()).collect();
        assert_eq!(
            names,
            ["a.md", "c.md", "org/b.md"].map(|n| PathBuf::from("content/vacancies").join(n))
        );
    }

    #[test]
    fn reads_sorted_reports_non_utf8_and_skips_clutter() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content/vacancies");
        std::fs::create_dir_all(&c).unwrap();
        std::fs::write(c.join("b.md"), "+++\n+++\n").unwrap();
        std::fs::write(c.join("a.md"), "+++\n+++\n").unwrap();
        std::fs::write(c.join(".a.md.swp"), "x").unwrap();
        std::fs::write(c.join("bad.md"), b"+++\ntitle = \"caf\xe9\"\n+++\n").unwrap();
        std::fs::write(c.join("logo.png"), b"\x89PNG").unwrap();
        let mut diags = Vec::new();
        let tree = content_tree(dir.path(), &mut diags);
        let names: Vec<_> = tree.files.iter().map(|f| f.path.clone()).collect();
        assert_eq!(
            names,
            vec![
                PathBuf::from("content/vacancies/a.md"),
                PathBuf::from("content/vacancies/b.md")
            ]
        );
        assert_eq!(
            tree.assets,
            vec![PathBuf::from("content/vacancies/logo.png")]
        );
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0]
                .to_string()
                .starts_with("content/vacancies/bad.md:2:13: error: this file is not UTF-8"),
            "{}",
            diags[0]
        );
    }
}
