//! Walks the content folder and sorts what it finds into content kinds and assets.
//!
//! Files are classified by the folder they are in (`vacancies/`, `organisations/` ...)
//! and read as UTF-8. Nothing here judges what a file means.

use std::path::{Path, PathBuf};

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
    /// The whole file; empty once [`ContentTree::release_texts`] ran.
    pub text: String,
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
            file.text = String::new();
        }
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
    let read: Vec<Result<SourceFile, Diagnostic>> = markdown
        .into_par_iter()
        .map(|(path, kind)| read_file(root, path, kind))
        .collect();
    let mut files = Vec::with_capacity(read.len());
    for result in read {
        match result {
            Ok(file) => files.push(file),
            Err(d) => diags.push(d),
        }
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

fn read_file(root: &Path, path: PathBuf, kind: ContentKind) -> Result<SourceFile, Diagnostic> {
    let bytes = std::fs::read(root.join(&path))
        .map_err(|e| Diagnostic::error(&path, format!("cannot read this file: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile {
            digest: crate::memo::key(&text),
            path,
            kind,
            text,
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
