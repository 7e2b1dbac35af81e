//! The benchmark's floor (issue 10): the least work any generator must do for a portal.
//!
//! Reads every Markdown file under `<root>/content/`, converts its body (the text after the
//! `+++` front matter) with pulldown-cmark on all cores, with the options stagebord uses
//! (tables, footnotes, strikethrough), and writes one `index.html` per vacancy into its own
//! folder `<out>/<vacancy slug>/`. No templates, no listings, no validation: a full
//! stagebord build is measured against this (goal: within 2x).
//!
//! ```sh
//! cargo run --release --example floor -- --root /dev/shm/portal --out /dev/shm/floor-out
//! ```

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use pulldown_cmark::{Options, Parser as Markdown, html};
use rayon::prelude::*;

/// Converts every content file's Markdown and writes one page per vacancy.
#[derive(Parser, Debug)]
#[command(name = "floor")]
struct Args {
    /// The portal folder (holding `content/`).
    #[arg(long)]
    root: PathBuf,
    /// Where the pages go (created; must not exist or be empty).
    #[arg(long)]
    out: PathBuf,
}

/// The body of a content file: everything after the closing `+++` line.
fn body(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("+++") else {
        return text;
    };
    match rest.find("\n+++") {
        Some(end) => {
            let after = &rest[end + 4..];
            after.strip_prefix('\n').unwrap_or(after)
        }
        None => text,
    }
}

/// Converts one file; writes its page when it is a vacancy. Returns bytes written.
fn convert(path: &Path, content: &Path, out: &Path) -> Result<u64, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let markdown = body(&text);
    let mut page = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut page, Markdown::new_ext(markdown, options));
    let is_vacancy = path
        .strip_prefix(content)
        .is_ok_and(|p| p.starts_with("vacancies"));
    if !is_vacancy {
        return Ok(0);
    }
    let slug = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = out.join(slug);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = dir.join("index.html");
    fs::write(&file, page.as_bytes()).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(page.len() as u64)
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let args = Args::parse();
    let start = Instant::now();
    let content = args.root.join("content");
    if args.out.exists() && fs::read_dir(&args.out)?.next().is_some() {
        return Err(format!("{} exists and is not empty", args.out.display()).into());
    }
    fs::create_dir_all(&args.out)?;
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            files.push(entry.into_path());
        }
    }
    let written: Vec<u64> = files
        .par_iter()
        .map(|path| convert(path, &content, &args.out))
        .collect::<Result<_, _>>()?;
    let pages = written.iter().filter(|&&b| b > 0).count();
    let bytes: u64 = written.iter().sum();
    eprintln!(
        "floor: {} content files converted, {pages} pages ({bytes} bytes) -> {} in {:.2} s",
        files.len(),
        args.out.display(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
