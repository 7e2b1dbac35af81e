//! Stage 5: the only code that writes into the output folder.
//!
//! A build renders into a fresh `<output>.tmp-<pid>` folder beside the output and swaps
//! it in only when every file was written. On any error the temporary folder is removed
//! and the last good output stays exactly as it was: a mistake in a vacancy never takes
//! the portal that is online down with it.
//!
//! The swap is two renames (old output aside, new one in place, then the old one is
//! removed), so the window in which no output exists is as short as two system calls.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;

/// Where rendered files go during a build.
#[derive(Debug)]
pub struct Sink {
    dir: PathBuf,
    /// Replace files by rename instead of rewriting them in place (for a folder that is
    /// being served while it is updated).
    replace: bool,
}

impl Sink {
    /// A sink writing below `dir` (which must exist), for a folder nobody reads yet.
    pub fn new(dir: PathBuf) -> Sink {
        Sink {
            dir,
            replace: false,
        }
    }

    /// A sink updating a folder that is read meanwhile (the preview of `serve`): every
    /// file is written beside its target and renamed over it, so a reader sees the old or
    /// the new file, never half of one.
    pub fn replacing(dir: PathBuf) -> Sink {
        Sink { dir, replace: true }
    }

    /// The folder being written.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn target(&self, relative: &str) -> io::Result<PathBuf> {
        if relative
            .split('/')
            .any(|part| part == ".." || part.is_empty())
            || relative.starts_with('/')
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("unsafe output path {relative:?}"),
            ));
        }
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(path)
    }

    /// Writes one file.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.target(relative)?;
        if !self.replace {
            return std::fs::write(target, bytes);
        }
        let temp = Self::beside(&target);
        std::fs::write(&temp, bytes)?;
        std::fs::rename(&temp, &target)
    }

    /// Writes one file through a buffer as `fill` makes it, for files too big to make in
    /// memory first. When replacing, the file is written beside its target and renamed
    /// over it, as with [`Sink::write`]; if `fill` fails, that half-written file is removed.
    pub fn write_with(
        &self,
        relative: &str,
        fill: impl FnOnce(&mut io::BufWriter<std::fs::File>) -> io::Result<()>,
    ) -> io::Result<()> {
        let target = self.target(relative)?;
        let path = if self.replace {
            Self::beside(&target)
        } else {
            target.clone()
        };
        let written = std::fs::File::create(&path).and_then(|file| {
            let mut w = io::BufWriter::with_capacity(1 << 16, file);
            fill(&mut w)?;
            w.into_inner().map_err(io::IntoInnerError::into_error)?;
            Ok(())
        });
        match written {
            Ok(()) if self.replace => std::fs::rename(&path, &target),
            Ok(()) => Ok(()),
            Err(e) => {
                if self.replace {
                    let _ = std::fs::remove_file(&path);
                }
                Err(e)
            }
        }
    }

    /// Copies one file.
    pub fn copy(&self, relative: &str, from: &Path) -> io::Result<()> {
        let target = self.target(relative)?;
        if !self.replace {
            return std::fs::copy(from, target).map(|_| ());
        }
        let temp = Self::beside(&target);
        std::fs::copy(from, &temp)?;
        std::fs::rename(&temp, &target)
    }

    /// A temporary name next to `target`, hidden so that nothing serves it.
    fn beside(target: &Path) -> PathBuf {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        target.with_file_name(format!(".{name}.stagebord-tmp"))
    }
}

/// Why the output could not be published.
#[derive(Debug)]
pub enum PublishError {
    /// The output folder would hold the portal's own sources.
    UnsafeOutput(PathBuf),
    /// The temporary folder could not be made.
    CreateTemp(PathBuf, io::Error),
    /// Rendering failed; the output was left alone.
    Render(Vec<Diagnostic>),
    /// The new output could not be swapped in; the old one was restored where possible.
    Swap(PathBuf, io::Error),
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishError::UnsafeOutput(p) => write!(
                f,
                "refusing to write the output to {}: it holds the portal itself (choose a folder such as public/)",
                p.display()
            ),
            PublishError::CreateTemp(p, e) => write!(f, "cannot create {}: {e}", p.display()),
            PublishError::Render(d) => write!(
                f,
                "{} problem(s) while rendering; the output was left as it was",
                d.len()
            ),
            PublishError::Swap(p, e) => write!(
                f,
                "cannot put the new output in place at {}: {e}",
                p.display()
            ),
        }
    }
}

impl std::error::Error for PublishError {}

/// Absolute form of a path without requiring it to exist.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Renders into a temporary folder beside `output` with `render`, then swaps it in.
pub fn atomically<T>(
    root: &Path,
    output: &Path,
    render: impl FnOnce(&Sink) -> Result<T, Vec<Diagnostic>>,
) -> Result<T, PublishError> {
    let output_abs = absolute(output);
    let root_abs = absolute(root);
    let root_real = root_abs.canonicalize().unwrap_or(root_abs.clone());
    let output_real = output_abs.canonicalize().unwrap_or(output_abs.clone());
    if root_real.starts_with(&output_real)
        || root_abs.starts_with(&output_abs)
        || output_real.starts_with(root_real.join("content"))
    {
        return Err(PublishError::UnsafeOutput(output.to_path_buf()));
    }
    let name = output_abs
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = output_abs
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::create_dir_all(&parent).map_err(|e| PublishError::CreateTemp(parent.clone(), e))?;
    let pid = std::process::id();
    let temp = parent.join(format!("{name}.tmp-{pid}"));
    let old = parent.join(format!("{name}.old-{pid}"));
    let _ = std::fs::remove_dir_all(&temp);
    std::fs::create_dir(&temp).map_err(|e| PublishError::CreateTemp(temp.clone(), e))?;

    let result = render(&Sink::new(temp.clone()));
    let value = match result {
        Ok(value) => value,
        Err(problems) => {
            let _ = std::fs::remove_dir_all(&temp);
            return Err(PublishError::Render(problems));
        }
    };

    let had_output = output_abs.exists();
    if had_output && let Err(e) = std::fs::rename(&output_abs, &old) {
        let _ = std::fs::remove_dir_all(&temp);
        return Err(PublishError::Swap(output_abs, e));
    }
    if let Err(e) = std::fs::rename(&temp, &output_abs) {
        if had_output {
            let _ = std::fs::rename(&old, &output_abs);
        }
        let _ = std::fs::remove_dir_all(&temp);
        return Err(PublishError::Swap(output_abs, e));
    }
    if had_output {
        remove_tree(&old);
    }
    Ok(value)
}

/// Deletes a folder tree, its second level on all cores: an old output holds a folder
/// per vacancy, and deleting them one by one was the longest serial step of a build.
fn remove_tree(dir: &Path) {
    let entries = |d: &Path| -> Vec<std::fs::DirEntry> {
        std::fs::read_dir(d)
            .map(|r| r.flatten().collect())
            .unwrap_or_default()
    };
    // `file_type` does not follow symbolic links, and neither does `remove_dir_all`.
    let is_dir = |e: &std::fs::DirEntry| e.file_type().is_ok_and(|t| t.is_dir());
    let second_level: Vec<(PathBuf, bool)> = entries(dir)
        .into_iter()
        .flat_map(|e| {
            if is_dir(&e) {
                entries(&e.path())
                    .into_iter()
                    .map(|c| (c.path(), is_dir(&c)))
                    .collect()
            } else {
                vec![(e.path(), false)]
            }
        })
        .collect();
    second_level.par_iter().for_each(|(path, dir)| {
        let _ = if *dir {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        };
    });
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_render_leaves_the_old_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        let result = atomically(&dir.path().join("portal"), &out, |sink| {
            sink.write("index.html", b"new").unwrap();
            Err::<(), _>(vec![Diagnostic::error("x", "broken")])
        });
        assert!(matches!(result, Err(PublishError::Render(_))));
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn a_good_render_replaces_the_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("stale.html"), "old").unwrap();
        atomically(&dir.path().join("portal"), &out, |sink| {
            sink.write("a/b/index.html", b"new").map_err(|_| vec![])
        })
        .unwrap();
        assert!(!out.join("stale.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("a/b/index.html")).unwrap(),
            "new"
        );
    }

    #[test]
    fn refuses_to_replace_the_portal_itself() {
        let dir = tempfile::tempdir().unwrap();
        let portal = dir.path().join("portal");
        std::fs::create_dir(&portal).unwrap();
        for output in [
            portal.clone(),
            dir.path().to_path_buf(),
            portal.join("content/x"),
        ] {
            let r = atomically(&portal, &output, |_| Ok::<(), Vec<Diagnostic>>(()));
            assert!(
                matches!(r, Err(PublishError::UnsafeOutput(_))),
                "{output:?}"
            );
        }
    }

    #[test]
    fn a_streamed_file_is_whole_or_not_there() {
        use std::io::Write as _;
        let dir = tempfile::tempdir().unwrap();
        for sink in [
            Sink::new(dir.path().to_path_buf()),
            Sink::replacing(dir.path().to_path_buf()),
        ] {
            sink.write_with("a/feed.xml", |w| w.write_all(b"<rss/>"))
                .unwrap();
            assert_eq!(
                std::fs::read_to_string(dir.path().join("a/feed.xml")).unwrap(),
                "<rss/>"
            );
        }
        let sink = Sink::replacing(dir.path().to_path_buf());
        let failed = sink.write_with("a/feed.xml", |w| {
            w.write_all(b"<rss>")?;
            Err(io::Error::other("broken"))
        });
        assert!(failed.is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a/feed.xml")).unwrap(),
            "<rss/>",
            "the old file stays"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("feed.xml")]);
    }

    #[test]
    fn sink_rejects_paths_that_escape() {
        let dir = tempfile::tempdir().unwrap();
        let sink = Sink::new(dir.path().to_path_buf());
        assert!(sink.write("../x", b"").is_err());
        assert!(sink.write("/etc/x", b"").is_err());
        assert!(sink.write("a//b", b"").is_err());
    }
}
