//! `PortalTest`: a portal copied into a temporary folder, built with the real binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The date every test builds against, unless it says otherwise.
pub(crate) const TODAY: &str = "2026-11-23";

/// The repository root (for the example portal and the fixtures).
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder recursively.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir` with its bytes, keyed by relative path.
pub(crate) fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in files(dir) {
        out.insert(
            entry.strip_prefix(dir).unwrap().to_path_buf(),
            std::fs::read(&entry).unwrap(),
        );
    }
    out
}

/// Every file below `dir`, sorted.
pub(crate) fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path)
            } else {
                out.push(path)
            }
        }
    }
    out.sort();
    out
}

/// What one run of the binary did.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    /// Panics with the output when the run failed.
    pub(crate) fn success(self) -> Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Panics with the output when the run succeeded.
    pub(crate) fn failure(self) -> Run {
        assert_eq!(
            self.code, 1,
            "expected exit code 1\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// A portal in a temporary folder.
pub(crate) struct PortalTest {
    _dir: tempfile::TempDir,
    pub(crate) root: PathBuf,
}

impl PortalTest {
    /// A copy of `tests/fixtures/<name>`.
    pub(crate) fn fixture(name: &str) -> PortalTest {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("portal");
        copy_dir(&repo().join("tests/fixtures").join(name), &root);
        PortalTest { _dir: dir, root }
    }

    /// A copy of the example portal of the repository.
    pub(crate) fn example() -> PortalTest {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("portal");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::copy(repo().join("portal.toml"), root.join("portal.toml")).unwrap();
        copy_dir(&repo().join("content"), &root.join("content"));
        if repo().join("static").is_dir() {
            copy_dir(&repo().join("static"), &root.join("static"));
        }
        PortalTest { _dir: dir, root }
    }

    /// An empty temporary folder (for `init`).
    pub(crate) fn empty() -> PortalTest {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("portal");
        PortalTest { _dir: dir, root }
    }

    /// Copies `tests/fixtures/invalid/<case>` over the portal.
    pub(crate) fn overlay(&self, case: &str) -> &Self {
        copy_dir(
            &repo().join("tests/fixtures/invalid").join(case),
            &self.root,
        );
        self
    }

    /// Writes a file of the portal.
    pub(crate) fn write(&self, path: &str, text: &str) -> &Self {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Runs the binary with `args` in the portal's folder.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_stagebord"))
            .args(args)
            .current_dir(self.root.parent().unwrap())
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// `stagebord build --root <portal> --today TODAY` plus `extra`.
    pub(crate) fn build_with(&self, extra: &[&str]) -> Run {
        let root = self.root.to_str().unwrap();
        let mut args = vec!["build", "--root", root];
        if !extra.contains(&"--today") {
            args.extend(["--today", TODAY]);
        }
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// `stagebord build` for today.
    pub(crate) fn build(&self) -> Run {
        self.build_with(&[])
    }

    /// `stagebord check` for today.
    pub(crate) fn check(&self, extra: &[&str]) -> Run {
        let root = self.root.to_str().unwrap();
        let mut args = vec!["check", "--root", root, "--today", TODAY];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// The default output folder.
    pub(crate) fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// A file of the output as text.
    pub(crate) fn read(&self, path: &str) -> String {
        let full = self.public().join(path);
        std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
    }

    /// True when the output has this file.
    pub(crate) fn has(&self, path: &str) -> bool {
        self.public().join(path).is_file()
    }
}
