//! A build kept in memory between rebuilds: the incremental path of `serve`.
//!
//! The first rebuild publishes the whole portal atomically. Every later one prepares the
//! portal again, compares each plan entry's fingerprint with the last good build's, and
//! renders only the entries whose inputs changed; paths that left the plan are deleted.
//! Preparing again is cheap where nothing changed: the session's [`Memos`] hand back the
//! text of files whose metadata did not change, and the parsed items, wording findings,
//! rendered bodies, search words (per vacancy and per chunk of rows), search facets, feed
//! items and escaped full texts of unchanged files.
//! Changed entries are made in memory first and written only when all of them succeeded,
//! so a template error never leaves a half-updated preview. A failed rebuild keeps the
//! last good output and its fingerprints.
//!
//! Feeds come last. [`Session::rebuild`] writes them before it returns; `serve` calls
//! [`Session::rebuild_pages`] instead, tells the browsers to reload, and then writes the
//! feeds with [`Session::write_feeds`] (the portal's own carry every full text: tens of
//! megabytes that no page needs), holding requests for them until they are written.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::memo::Memos;
use crate::model::Portal;
use crate::outputs::{self, Content, Job, Site, Written, fingerprint};
use crate::publish::{self, PublishError, Sink};
use crate::render::markdown::Bodies;
use crate::render::theme::Theme;
use crate::settings::Settings;
use crate::urls::Urls;
use crate::{BuildOptions, Failure, Prepared, Report, Summary, prepare, report};

/// Output path -> fingerprint, of one build's plan (hashed: at 50,000 vacancies, a sorted
/// map's string comparisons missed the cache for tens of milliseconds per rebuild).
type Fingerprinted = HashMap<String, u64, foldhash::fast::FixedState>;

/// What one rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    /// Problems and the summary (or why the rebuild failed).
    pub report: Report,
    /// Output paths written.
    pub written: Vec<String>,
    /// Output paths deleted.
    pub removed: Vec<String>,
    /// True when everything was rendered (the first build, or after a theme or settings change).
    pub full: bool,
    /// Feeds left for [`Session::write_feeds`] (only after [`Session::rebuild_pages`]).
    pub pending: Vec<String>,
}

/// The feeds a rebuild left to be written, with everything they are made from.
struct Pending {
    portal: Portal,
    bodies: Bodies,
    theme: Theme,
    settings: Settings,
    urls: Urls,
    plan: outputs::Plan,
    /// Each vacancy's feed item key.
    feed_items: Vec<u64>,
    /// The feeds to write: indices into `plan.entries`.
    entries: Vec<usize>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending")
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

/// A portal kept in memory for incremental rebuilds into `options.output()`.
#[derive(Debug)]
pub struct Session {
    options: BuildOptions,
    /// Output path -> fingerprint of the last good build.
    last: Option<Fingerprinted>,
    /// Wording findings and rendered bodies of the last rebuild, reused when unchanged.
    memos: Arc<Memos>,
    /// Feeds the last rebuild left for [`Session::write_feeds`].
    pending: Option<Pending>,
}

impl Session {
    /// A session that builds `options.root` into `options.output()`.
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            last: None,
            memos: Arc::default(),
            pending: None,
        }
    }

    /// The options the session builds with.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Forgets the last build, so the next rebuild renders everything.
    pub fn invalidate(&mut self) {
        self.last = None;
    }

    /// Rebuilds, writing only what changed since the last good build, feeds included.
    pub fn rebuild(&mut self) -> Rebuilt {
        let mut rebuilt = self.rebuild_pages();
        match self.write_feeds() {
            Ok(feeds) => {
                if let Ok(Summary {
                    written: Some(w), ..
                }) = &mut rebuilt.report.outcome
                {
                    w.files += feeds.len();
                }
                rebuilt.written.extend(feeds);
                rebuilt.pending.clear();
            }
            Err(problems) => {
                let mut diags = std::mem::take(&mut rebuilt.report.diagnostics);
                diags.extend(problems);
                rebuilt = failed(diags, Failure::Content);
            }
        }
        rebuilt
    }

    /// Rebuilds like [`Session::rebuild`], but leaves the feeds that changed (listed in
    /// [`Rebuilt::pending`]) for [`Session::write_feeds`]: everything a page shows is
    /// written when this returns.
    pub fn rebuild_pages(&mut self) -> Rebuilt {
        if self.pending.is_some() {
            // Left over from a rebuild whose caller did not write them: they go first. A
            // failure is not lost: it makes this rebuild a full one.
            let _ = self.write_feeds();
        }
        self.rebuild_with_memos()
    }

    /// The feeds the last rebuild left for [`Session::write_feeds`].
    pub fn pending_feeds(&self) -> Vec<String> {
        self.pending.as_ref().map_or_else(Vec::new, |p| {
            p.entries
                .iter()
                .map(|&i| p.plan.entries[i].path.clone())
                .collect()
        })
    }

    /// Writes the feeds the last rebuild left, and ends the rebuild: what it did not ask
    /// for is forgotten. Returns the paths written, or why a feed could not be written
    /// (the next rebuild then renders everything).
    pub fn write_feeds(&mut self) -> Result<Vec<String>, Vec<Diagnostic>> {
        let written = match self.pending.take() {
            Some(pending) => self.write_pending(&pending),
            None => Ok(Vec::new()),
        };
        self.memos.next_round();
        written
    }

    fn write_pending(&mut self, p: &Pending) -> Result<Vec<String>, Vec<Diagnostic>> {
        let mut site = Site::new(
            &p.portal,
            &p.bodies,
            &p.theme,
            &p.settings,
            &p.urls,
            &p.plan.listings,
        );
        site.feed_items =
            outputs::feeds::Items::kept(Arc::clone(&self.memos), p.feed_items.clone());
        let output = self.options.output();
        let sink = Sink::replacing(output.clone());
        let results: Vec<(&str, std::io::Result<()>)> = p
            .entries
            .par_iter()
            .filter_map(|&i| {
                let e = p.plan.entries.get(i)?;
                match e.job {
                    Job::Feed(scope, format) => Some((
                        e.path.as_str(),
                        sink.write_with(&e.path, |w| {
                            outputs::feeds::write(&site, scope, format, w)
                        }),
                    )),
                    _ => None,
                }
            })
            .collect();
        let mut written = Vec::with_capacity(results.len());
        let mut problems = Vec::new();
        for (path, result) in results {
            match result {
                Ok(()) => written.push(path.to_string()),
                Err(e) => problems.push(Diagnostic::error(
                    output.join(path),
                    format!("cannot write this file: {e}"),
                )),
            }
        }
        if problems.is_empty() {
            Ok(written)
        } else {
            self.last = None; // the output is no longer known: rebuild it whole next time
            Err(problems)
        }
    }

    fn rebuild_with_memos(&mut self) -> Rebuilt {
        let mut diags = Vec::new();
        let mut timings = crate::Timings::default();
        let memos = Some(&self.memos);
        let prepared = match prepare(&self.options, memos, &mut diags, &mut timings) {
            Ok(p) => p,
            Err(failure) => return failed(diags, failure),
        };
        let Prepared {
            settings,
            tree: _,
            portal,
            bodies,
            theme,
            urls,
            plan,
        } = prepared;
        let root = self.options.root.clone();
        let fingerprints = fingerprint::of(
            &plan,
            &portal,
            &theme,
            &settings,
            &root,
            self.options.drafts,
        );
        let now: Fingerprinted = plan
            .entries
            .iter()
            .zip(&fingerprints.entries)
            .map(|(e, f)| (e.path.clone(), *f))
            .collect();
        timings.lap("fingerprints");
        let mut site = Site::new(&portal, &bodies, &theme, &settings, &urls, &plan.listings);
        site.feed_items =
            outputs::feeds::Items::kept(Arc::clone(&self.memos), fingerprints.feed_items.clone());
        let output = self.options.output();

        // Indices into `plan.entries` of the entries whose fingerprint changed.
        let changed: Vec<usize> = match &self.last {
            Some(last) if output.is_dir() => plan
                .entries
                .iter()
                .zip(&fingerprints.entries)
                .enumerate()
                .filter(|(_, (e, f))| last.get(&e.path) != Some(f))
                .map(|(i, _)| i)
                .collect(),
            _ => Vec::new(),
        };
        let incremental =
            self.last.is_some() && output.is_dir() && changed.len() * 2 <= plan.entries.len();

        if !incremental {
            let published = publish::atomically(&root, &output, |sink| {
                outputs::render_all(&plan, &mut site, &root, sink)
            });
            return match published {
                Ok(written) => {
                    self.last = Some(now);
                    Rebuilt {
                        report: report(
                            diags,
                            Ok(Summary {
                                written: Some(written),
                                ..Summary::of(&portal)
                            }),
                        ),
                        written: plan.entries.iter().map(|e| e.path.clone()).collect(),
                        removed: Vec::new(),
                        full: true,
                        pending: Vec::new(),
                    }
                }
                Err(PublishError::Render(problems)) => {
                    diags.extend(problems);
                    failed(diags, Failure::Content)
                }
                Err(e) => failed(diags, Failure::Publish(e)),
            };
        }

        // Make every changed entry first; write only when all of them succeeded. Feeds can
        // only fail to be written: they are left for `write_feeds`.
        let (feeds, others): (Vec<usize>, Vec<usize>) = changed
            .iter()
            .partition(|&&i| matches!(plan.entries[i].job, Job::Feed(..)));
        let made: Vec<Result<(&str, Content), Diagnostic>> = others
            .par_iter()
            .map(|&i| {
                let e = &plan.entries[i];
                outputs::render_entry(e, &plan, &site).map(|c| (e.path.as_str(), c))
            })
            .collect();
        let mut contents = Vec::with_capacity(made.len());
        for result in made {
            match result {
                Ok(content) => contents.push(content),
                Err(d) => {
                    if !diags.contains(&d) {
                        diags.push(d);
                    }
                }
            }
        }
        if diags.iter().any(Diagnostic::is_error) {
            return failed(diags, Failure::Content);
        }
        let sink = Sink::replacing(output.clone());
        let results: Vec<(&str, std::io::Result<()>)> = contents
            .par_iter()
            .map(|(path, content)| (*path, outputs::write(&sink, &root, path, content)))
            .collect();
        let mut written = Vec::with_capacity(results.len());
        for (path, result) in results {
            if let Err(e) = result {
                diags.push(Diagnostic::error(
                    output.join(path),
                    format!("cannot write this file: {e}"),
                ));
                self.last = None; // the output is no longer known: rebuild it whole next time
                return failed(diags, Failure::Content);
            }
            written.push(path.to_string());
        }
        let removed: Vec<String> = self
            .last
            .as_ref()
            .map(|last| {
                let mut gone: Vec<String> = last
                    .keys()
                    .filter(|p| !now.contains_key(*p))
                    .cloned()
                    .collect();
                gone.sort_unstable();
                gone
            })
            .unwrap_or_default();
        for path in &removed {
            remove(&output, path);
        }
        let pages = others
            .iter()
            .filter(|&&i| plan.entries[i].job.is_page())
            .count();
        self.last = Some(now);
        let summary = Summary::of(&portal);
        drop(site);
        if !feeds.is_empty() {
            self.pending = Some(Pending {
                portal,
                bodies,
                theme,
                settings,
                urls,
                plan,
                feed_items: fingerprints.feed_items,
                entries: feeds,
            });
        }
        timings.lap("render and write");
        Rebuilt {
            report: Report {
                timings,
                ..report(
                    diags,
                    Ok(Summary {
                        written: Some(Written {
                            pages,
                            files: written.len() - pages,
                        }),
                        ..summary
                    }),
                )
            },
            written,
            removed,
            full: false,
            pending: self.pending_feeds(),
        }
    }
}

fn failed(diags: Vec<Diagnostic>, failure: Failure) -> Rebuilt {
    Rebuilt {
        report: report(diags, Err(failure)),
        written: Vec::new(),
        removed: Vec::new(),
        full: false,
        pending: Vec::new(),
    }
}

/// Deletes an output file and the folders it leaves empty.
fn remove(output: &Path, path: &str) {
    let file = output.join(path);
    let _ = std::fs::remove_file(&file);
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == output || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
