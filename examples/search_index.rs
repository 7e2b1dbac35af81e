//! Search benchmark helper (issue 5): builds only the search index of a portal and prints,
//! as one JSON object, how long that took and how much memory it needed, with the index's
//! size. `scripts/bench/search.sh` sets it beside the wall time of a whole `stagebord build`.
//!
//! ```sh
//! cargo run --release --example search_index -- --root /dev/shm/p50k --today 2026-11-23
//! ```
//!
//! Memory is the resident set (Linux `/proc/self/status`): the peak is reset just before the
//! index build starts (`/proc/self/clear_refs`), so `peak_extra_bytes` is how far the build
//! of the index raised the resident set above the loaded portal, and `retained_bytes` how much
//! more is resident after it. The portal is loaded and validated the way `stagebord build`
//! does it (the same public functions, the same allocator), on all cores.

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use stagebord::load::walk::content_tree;
use stagebord::model::today::Today;
use stagebord::outputs::listings::Listings;
use stagebord::outputs::search;
use stagebord::render::theme::Theme;
use stagebord::settings::Settings;
use stagebord::urls::Urls;
use stagebord::validate;

// The allocator of `stagebord build`, so memory behaves as in a real build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A field of /proc/self/status in bytes (Linux), e.g. `VmRSS` or `VmHWM`.
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Builds the search index of a portal and reports time, memory and size.
#[derive(Parser, Debug)]
#[command(name = "search_index")]
struct Args {
    /// The portal folder.
    #[arg(long)]
    root: PathBuf,
    /// The build's today (YYYY-MM-DD).
    #[arg(long, default_value = "2026-11-23")]
    today: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let mut diags = Vec::new();
    let settings = Settings::load(&args.root, None, &mut diags).ok_or("portal.toml has errors")?;
    let (today, _) = Today::resolve(Some(&args.today), None, &settings.timezone)?;
    let tree = content_tree(&args.root, &mut diags);
    let theme =
        Theme::load(&args.root, &settings, today, &mut diags).ok_or("the theme has errors")?;
    let portal = validate::portal(
        &tree,
        validate::Options {
            today,
            drafts: false,
            language: settings.language,
            wording_off: settings.wording_off.clone(),
            memos: None,
        },
        &mut diags,
    );
    let listings = Listings::of(&portal);
    let urls = Urls::new(&settings.base_url);

    let before = status_bytes("VmRSS").unwrap_or(0);
    // Resets the peak resident set to the current one (Linux 4.0 and later).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let started = Instant::now();
    let index = search::build(&portal, &listings, &settings, &theme.i18n, &urls, None);
    let seconds = started.elapsed().as_secs_f64();
    let peak = status_bytes("VmHWM").unwrap_or(0).saturating_sub(before);
    let retained = status_bytes("VmRSS").unwrap_or(0).saturating_sub(before);
    let stats = index.stats;
    println!(
        "{}",
        serde_json::json!({
            "vacancies": portal.vacancies.len(),
            "rows": stats.rows,
            "seconds": seconds,
            "peak_extra_bytes": peak,
            "peak_reset": reset,
            "retained_bytes": retained,
            "files": stats.files,
            "bytes": stats.bytes,
            "raw_bytes": stats.raw_bytes,
            "stems": stats.stems,
            "words": stats.words,
            "version": index.version,
        })
    );
    Ok(())
}
