//! `stagebord serve`: a live-reloading preview of the portal for the people who write it.
//!
//! This file owns the loop and the only long-lived state of the preview:
//!
//! - [`run`] builds the portal into a temporary folder of its own (never `public/`),
//!   serves it with [`http`], watches the sources with [`watch`] and rebuilds on every
//!   debounced burst of changes, until Ctrl-C (or SIGTERM), then removes the folder.
//! - [`Rebuild`] is how a burst becomes a new build; [`rebuilder`] picks the one used:
//!   [`IncrementalRebuild`] (through [`crate::session`]: only what a change touches is
//!   rendered again), or [`FullRebuild`] ([`crate::build`] for every change).
//! - [`Live`] is what the HTTP threads read: the current build's id, the errors of the
//!   last failed rebuild, and the live-reload subscribers ([`events`]). After every
//!   rebuild the loop publishes one event: `reload`, `css` (only stylesheets changed) or
//!   `errors` (the last good build stays served, and every page shows the errors).
//!
//! Threads: the main thread runs the loop (and every rebuild); `notify` has its own thread
//! and [`watch`] one for the debounce; [`http`] runs a small pool of workers reading from
//! `tiny_http`, and every live-reload connection gets a thread of its own so it never
//! holds a worker.

pub mod events;
pub mod http;
pub mod inject;
pub mod watch;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Severity};
use crate::session::Session;
use crate::{BuildOptions, Report, Summary};

pub use watch::ChangeKind;

use events::{Event, Hub};
use watch::{Batch, Watch};

/// The longest a request waits for a file that a rebuild writes after the reload.
pub const HOLD_MAX: Duration = Duration::from_secs(30);

/// How many threads answer HTTP requests (live-reload connections have their own).
pub const WORKERS: usize = 8;

/// What `stagebord serve` is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeOptions {
    /// The portal and how to build it. `output_dir` and `base_url` are ignored: the
    /// preview builds into a temporary folder, for the URL it is served at.
    pub build: BuildOptions,
    /// The address to listen on (127.0.0.1 unless asked otherwise).
    pub interface: IpAddr,
    /// The port; 0 picks a free one (the URL printed says which).
    pub port: u16,
    /// Open the preview in the default browser once it is served.
    pub open: bool,
}

/// How a burst of changes becomes a new build in the preview's folder.
///
/// Every method builds into the folder the preview serves and leaves the last good build
/// there when it fails. The server opens files by path on every request, so an
/// implementation should replace files (or the whole folder, as [`crate::build`] does)
/// rather than rewrite them where they are. The returned [`Report`] says what happened; its
/// error diagnostics become the overlay. Rebuilds run on the serve loop's thread, one at a
/// time.
pub trait Rebuild {
    /// Builds everything (at start-up).
    fn full(&mut self) -> Report;
    /// Brings the output up to date after one debounced burst of `changes` (one entry per
    /// kind, `Settings` first, paths relative to the portal's root). Every page is up to
    /// date when it returns; files no page needs (feeds) may be left for [`Rebuild::finish`].
    fn changed(&mut self, changes: &[ChangeKind]) -> Report;
    /// Output paths the last rebuild left for [`Rebuild::finish`] (relative to the output):
    /// the server holds requests for them until they are written.
    fn pending(&self) -> Vec<String> {
        Vec::new()
    }
    /// Writes what the last rebuild left; returns why something could not be written.
    fn finish(&mut self) -> Vec<Diagnostic> {
        Vec::new()
    }
}

/// The simplest [`Rebuild`]: a full [`crate::build`] for every change.
#[derive(Debug, Clone)]
pub struct FullRebuild {
    options: BuildOptions,
}

impl FullRebuild {
    /// Rebuilds with `options` (whose `output_dir` is the preview's folder).
    pub fn new(options: BuildOptions) -> FullRebuild {
        FullRebuild { options }
    }
}

impl Rebuild for FullRebuild {
    fn full(&mut self) -> Report {
        crate::build(&self.options)
    }

    fn changed(&mut self, _changes: &[ChangeKind]) -> Report {
        crate::build(&self.options)
    }
}

/// The incremental [`Rebuild`]: a [`Session`] keeps the last good build's fingerprints and
/// re-renders only the outputs whose inputs changed (it decides that itself from the
/// sources, so `changes` is not needed; a theme or settings change renders everything).
#[derive(Debug)]
pub struct IncrementalRebuild {
    session: Session,
}

impl IncrementalRebuild {
    /// Rebuilds with `options` (whose `output_dir` is the preview's folder).
    pub fn new(options: BuildOptions) -> IncrementalRebuild {
        IncrementalRebuild {
            session: Session::new(options),
        }
    }
}

impl Rebuild for IncrementalRebuild {
    fn full(&mut self) -> Report {
        self.session.invalidate();
        self.session.rebuild().report
    }

    fn changed(&mut self, _changes: &[ChangeKind]) -> Report {
        self.session.rebuild_pages().report
    }

    fn pending(&self) -> Vec<String> {
        self.session.pending_feeds()
    }

    fn finish(&mut self) -> Vec<Diagnostic> {
        self.session.write_feeds().err().unwrap_or_default()
    }
}

/// The one place that picks how the preview rebuilds.
///
/// `options.output_dir` is the folder the preview serves; `options.base_url` its URL.
pub fn rebuilder(options: BuildOptions) -> Box<dyn Rebuild> {
    Box::new(IncrementalRebuild::new(options))
}

/// One error of a failed rebuild, as the browser overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, relative to the portal's root where possible (empty when not about a file).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Problem {
    /// `file:line:column`, as far as it is known.
    pub fn place(&self) -> String {
        let mut place = self.file.clone();
        if let Some(line) = self.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = self.column {
                place.push_str(&format!(":{column}"));
            }
        }
        place
    }

    fn of(d: &Diagnostic) -> Problem {
        Problem {
            file: d.path.display().to_string(),
            line: d.location.map(|l| l.line),
            column: d.location.map(|l| l.column),
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }
}

/// Every error of a report; a failure without error diagnostics becomes one problem.
pub fn problems(report: &Report) -> Vec<Problem> {
    let mut out: Vec<Problem> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(Problem::of)
        .collect();
    if let Err(failure) = &report.outcome
        && out.is_empty()
    {
        out.push(Problem {
            file: String::new(),
            line: None,
            column: None,
            message: failure.to_string(),
            help: None,
        });
    }
    out
}

/// What the preview serves right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// How many builds succeeded (the served folder's generation; 0: none yet).
    pub generation: u64,
    /// Bumped on every rebuild, good or bad (part of the HTML pages' ETag, whose overlay
    /// changes without the build changing).
    pub version: u64,
    /// The errors of the last rebuild when it failed (the last good build is served).
    pub problems: Arc<Vec<Problem>>,
}

impl Status {
    /// True once a build succeeded, so the preview's folder exists.
    pub fn has_site(&self) -> bool {
        self.generation > 0
    }
}

/// The state the HTTP threads share with the loop.
#[derive(Debug)]
pub struct Live {
    instance: String,
    site: PathBuf,
    status: RwLock<Status>,
    hub: Mutex<Hub>,
    /// Output paths a rebuild is still writing after the reload (its feeds).
    held: Mutex<BTreeSet<String>>,
    /// Signalled when the held paths are written.
    released: Condvar,
}

impl Live {
    /// The state of a preview serving `site`, before its first build.
    pub fn new(site: PathBuf) -> Live {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Live {
            instance: format!("{:x}{:x}", std::process::id(), nanos & 0xffff_ffff_ffff),
            site,
            status: RwLock::new(Status {
                generation: 0,
                version: 0,
                problems: Arc::new(Vec::new()),
            }),
            hub: Mutex::new(Hub::default()),
            held: Mutex::new(BTreeSet::new()),
            released: Condvar::new(),
        }
    }

    /// The folder being served.
    pub fn site(&self) -> &Path {
        &self.site
    }

    /// The current status.
    pub fn status(&self) -> Status {
        self.status
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The id of a build: unique across restarts of the server, so that a browser that
    /// reconnects to a new server reloads.
    pub fn build_id(&self, status: &Status) -> String {
        format!("{}-{}", self.instance, status.generation)
    }

    fn hub(&self) -> MutexGuard<'_, Hub> {
        self.hub.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new live-reload subscriber: its first message says which build is served and
    /// its errors. `None` when there are too many subscribers.
    pub fn subscribe(&self) -> Option<Receiver<Arc<str>>> {
        let mut hub = self.hub();
        let status = self.status();
        let hello = Event::Hello {
            problems: &status.problems,
        }
        .to_sse(&self.build_id(&status), true);
        hub.subscribe(hello.into())
    }

    /// Installs a new status and tells every subscriber (under the hub's lock, so that a
    /// subscriber sees either the old status and the event, or only the new status).
    fn publish(&self, status: Status, event: &Event<'_>) {
        let mut hub = self.hub();
        let id = self.build_id(&status);
        *self.status.write().unwrap_or_else(PoisonError::into_inner) = status;
        hub.broadcast(event.to_sse(&id, false).into());
    }

    /// Holds requests for `paths` (relative to the output) until [`Live::release`].
    pub fn hold(&self, paths: &[String]) {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        held.extend(paths.iter().cloned());
    }

    /// The held paths are written: the requests waiting for them go on.
    pub fn release(&self) {
        self.held
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.released.notify_all();
    }

    /// Waits while the file of a request's `path` (`/feed.xml`) is being written, at most
    /// [`HOLD_MAX`]: a feed opened right after the reload shows the edit too.
    pub fn wait_until_written(&self, path: &str) {
        let key = path.trim_start_matches('/');
        let deadline = Instant::now() + HOLD_MAX;
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        while held.contains(key) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            held = self
                .released
                .wait_timeout(held, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Ends every live-reload connection.
    pub fn close(&self) {
        self.hub().close();
    }
}

/// Why the preview could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The portal folder is not there, or holds no `portal.toml`.
    NotAPortal(PathBuf),
    /// The address could not be listened on.
    Bind(SocketAddr, String),
    /// The temporary folder could not be made.
    TempFolder(std::io::Error),
    /// The sources could not be watched.
    Watch(watch::WatchError),
    /// A thread could not be started.
    Thread(std::io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::NotAPortal(root) => write!(
                f,
                "{} holds no portal.toml: pass the portal's folder with --root, or make one with `stagebord init`",
                root.display()
            ),
            ServeError::Bind(addr, e) => write!(
                f,
                "cannot listen on {addr}: {e} (is another server using the port? try --port 0 for a free one)"
            ),
            ServeError::TempFolder(e) => write!(f, "cannot create a folder for the preview: {e}"),
            ServeError::Watch(e) => write!(f, "{e}"),
            ServeError::Thread(e) => write!(f, "cannot start a thread: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// A folder of the system's temporary folder (in memory, `/dev/shm`, where there is one and
/// `TMPDIR` does not say otherwise: the preview is rewritten on every edit), removed when
/// dropped.
#[derive(Debug)]
struct TempFolder {
    path: PathBuf,
}

impl TempFolder {
    fn create() -> std::io::Result<TempFolder> {
        let shm = Path::new("/dev/shm");
        let base = if std::env::var_os("TMPDIR").is_none() && shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let mut attempt = 0u32;
        loop {
            let path = base.join(format!(
                "stagebord-serve-{}-{:x}",
                std::process::id(),
                nanos.wrapping_add(attempt)
            ));
            match std::fs::create_dir(&path) {
                Ok(()) => {
                    let path = path.canonicalize().unwrap_or(path);
                    return Ok(TempFolder { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// What the loop waits for.
enum Msg {
    /// A debounced burst of changes.
    Changes(Batch),
    /// Ctrl-C or SIGTERM.
    Stop,
}

/// The address this machine reaches a server listening on `addr` at (loopback for an
/// unspecified address such as 0.0.0.0).
fn reachable(addr: SocketAddr) -> SocketAddr {
    let ip = match addr.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => IpAddr::from([127, 0, 0, 1]),
        ip if ip.is_unspecified() => IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]),
        ip => ip,
    };
    SocketAddr::new(ip, addr.port())
}

/// The URL a browser on this machine reaches `addr` at.
fn local_url(addr: SocketAddr) -> String {
    let addr = reachable(addr);
    match addr.ip() {
        IpAddr::V4(v4) => format!("http://{v4}:{}/", addr.port()),
        IpAddr::V6(v6) => format!("http://[{v6}]:{}/", addr.port()),
    }
}

/// `stagebord serve`: builds, serves and rebuilds until Ctrl-C or SIGTERM.
///
/// Prints the URL on stdout once the first build is done (`serving at http://...`), a line
/// per rebuild, and every problem on stderr. Installs the process's Ctrl-C handler.
pub fn run(options: ServeOptions) -> Result<(), ServeError> {
    let root = options
        .build
        .root
        .canonicalize()
        .map_err(|_| ServeError::NotAPortal(options.build.root.clone()))?;
    if !root.join("portal.toml").is_file() {
        return Err(ServeError::NotAPortal(options.build.root.clone()));
    }
    let wanted = SocketAddr::new(options.interface, options.port);
    let server =
        tiny_http::Server::http(wanted).map_err(|e| ServeError::Bind(wanted, e.to_string()))?;
    let server = Arc::new(server);
    let addr = server.server_addr().to_ip().unwrap_or(wanted);
    let url = local_url(addr);
    if !options.interface.is_loopback() {
        eprintln!(
            "warning: serving on {} makes the preview (drafts included) reachable from other machines",
            options.interface
        );
    }

    let folder = TempFolder::create().map_err(ServeError::TempFolder)?;
    let site = folder.path.join("site");
    let build = BuildOptions {
        root: root.clone(),
        output_dir: Some(site.clone()),
        base_url: Some(url.clone()),
        ..options.build.clone()
    };

    let (tx, rx) = mpsc::channel();
    install_stop_handler(tx.clone(), folder.path.clone());
    let watch = Watch::start(&root, move |batch| tx.send(Msg::Changes(batch)).is_ok())
        .map_err(ServeError::Watch)?;

    let live = Arc::new(Live::new(site.clone()));
    let mut rebuild = rebuilder(build);
    let mut terminal = Terminal {
        root: root.clone(),
        ..Terminal::default()
    };
    let started = Instant::now();
    let report = rebuild.full();
    if let Some(line) = record(
        &live,
        &report,
        &[],
        started,
        started.elapsed(),
        &mut terminal,
    ) {
        println!("{line}");
    }

    let pool = http::Pool::start(
        Arc::clone(&server),
        Arc::clone(&live),
        WORKERS,
        reachable(addr),
    )
    .map_err(ServeError::Thread)?;
    println!(
        "serving {} at {url} (press Ctrl-C to stop)",
        crate::display_path(&options.build.root)
    );
    println!("output: {} (removed on exit)", site.display());
    if options.open {
        open_browser(&url);
    }

    serve_loop(&rx, &live, rebuild.as_mut(), &mut terminal);

    drop(watch);
    live.close();
    pool.stop();
    drop(server);
    drop(folder);
    println!("stopped");
    Ok(())
}

/// Waits for bursts of changes and rebuilds, until told to stop.
fn serve_loop(rx: &Receiver<Msg>, live: &Live, rebuild: &mut dyn Rebuild, terminal: &mut Terminal) {
    while let Ok(Msg::Changes(mut batch)) = rx.recv() {
        // Bursts that queued up during the last rebuild become one rebuild.
        let mut stop = false;
        while let Ok(msg) = rx.try_recv() {
            match msg {
                Msg::Changes(more) => batch.absorb(more),
                Msg::Stop => stop = true,
            }
        }
        if stop {
            return;
        }
        let started = Instant::now();
        let report = rebuild.changed(&batch.changes);
        // The feeds follow the reload: a request for one waits until it is written.
        let pending = rebuild.pending();
        live.hold(&pending);
        let line = record(
            live,
            &report,
            &batch.changes,
            batch.first_seen,
            started.elapsed(),
            terminal,
        );
        let feeds_started = Instant::now();
        let problems = rebuild.finish();
        live.release();
        for d in &problems {
            eprintln!("{d}\n");
        }
        if let Some(mut line) = line {
            if !pending.is_empty() && problems.is_empty() {
                line.push_str(&format!(
                    ", then {} feed(s) in {} ms",
                    pending.len(),
                    feeds_started.elapsed().as_millis()
                ));
            }
            println!("{line}");
        }
        if !problems.is_empty() {
            eprintln!(
                "error: the feeds above could not be written; the next change rebuilds everything"
            );
        }
    }
}

/// What the terminal was told: diagnostics already shown (a warning is shown once, not on
/// every rebuild), and whether the first build was reported.
#[derive(Debug, Default)]
struct Terminal {
    root: PathBuf,
    shown: BTreeSet<String>,
    built_once: bool,
}

/// Turns a rebuild's report into the new status, tells the browsers, and prints its
/// problems; returns the line that reports a good build, for the caller to complete.
fn record(
    live: &Live,
    report: &Report,
    changes: &[ChangeKind],
    first_seen: Instant,
    took: Duration,
    terminal: &mut Terminal,
) -> Option<String> {
    let old = live.status();
    let ms = took.as_millis();
    let since_change_ms = first_seen.elapsed().as_millis();
    let mut shown = BTreeSet::new();
    for d in &report.diagnostics {
        let text = d.to_string();
        if d.is_error() || !terminal.shown.contains(&text) {
            eprintln!("{text}\n");
        }
        shown.insert(text);
    }
    terminal.shown = shown;
    let problems = Arc::new(problems(report));
    let mut status = Status {
        generation: old.generation,
        version: old.version + 1,
        problems: Arc::clone(&problems),
    };
    let mut line = None;
    let event = match &report.outcome {
        Ok(summary) => {
            status.generation += 1;
            line = Some(if terminal.built_once {
                let written = summary.written.as_ref().map_or_else(String::new, |w| {
                    format!(
                        ", {} page(s) and {} other file(s) written",
                        w.pages, w.files
                    )
                });
                format!(
                    "rebuilt in {ms} ms{}{written}",
                    describe(&terminal.root, changes)
                )
            } else {
                format!("built {} in {:.2} s", counts(summary), took.as_secs_f64())
            });
            if watch::css_only(changes) && old.has_site() && old.problems.is_empty() {
                Event::Css {
                    ms,
                    since_change_ms,
                }
            } else {
                Event::Reload {
                    ms,
                    since_change_ms,
                }
            }
        }
        Err(failure) => {
            let errors = problems.len();
            let still = if old.has_site() {
                "; still serving the last good build"
            } else {
                ""
            };
            eprintln!(
                "error: {failure} ({errors} error{}){still}; the browser shows the errors",
                if errors == 1 { "" } else { "s" }
            );
            Event::Errors {
                problems: &problems,
                ms,
                since_change_ms,
            }
        }
    };
    terminal.built_once = true;
    live.publish(status, &event);
    line
}

/// " (content/vacancies/a.md and 2 more)" for the rebuild line: a file that still exists
/// first (not the temporary file an editor or sed wrote and renamed away).
fn describe(root: &Path, changes: &[ChangeKind]) -> String {
    let mut paths: Vec<PathBuf> = changes
        .iter()
        .flat_map(|c| match c {
            ChangeKind::Settings => vec![PathBuf::from("portal.toml")],
            other => other.paths().map(Path::to_path_buf).collect(),
        })
        .collect();
    paths.sort_by_key(|p| !root.join(p).is_file());
    match paths.as_slice() {
        [] => String::new(),
        [one] => format!(" ({})", one.display()),
        [first, rest @ ..] => format!(" ({} and {} more)", first.display(), rest.len()),
    }
}

/// "31 vacancies (27 open on 2026-11-23), 7 organisations, 4 brochures".
fn counts(s: &Summary) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} ({} open on {}), {}, {}",
        plural(s.vacancies, "vacancy", "vacancies"),
        s.open,
        s.today.0,
        plural(s.organisations, "organisation", "organisations"),
        plural(s.brochures, "brochure", "brochures"),
    )
}

/// Ctrl-C (and SIGTERM) stop the loop. Another one more than a second later (the loop did
/// not stop: a rebuild hangs) removes the preview's folder and exits at once; signals in
/// between are the same request again (`timeout` sends SIGTERM to the process and its group).
fn install_stop_handler(tx: Sender<Msg>, folder: PathBuf) {
    let first: Mutex<Option<Instant>> = Mutex::new(None);
    let tx = Mutex::new(tx);
    let installed = ctrlc::set_handler(move || {
        let mut first = first.lock().unwrap_or_else(PoisonError::into_inner);
        match *first {
            None => {
                *first = Some(Instant::now());
                if let Ok(tx) = tx.lock() {
                    let _ = tx.send(Msg::Stop);
                }
            }
            Some(at) if at.elapsed() > Duration::from_secs(1) => {
                let _ = std::fs::remove_dir_all(&folder);
                std::process::exit(130);
            }
            Some(_) => {}
        }
    });
    if let Err(e) = installed {
        eprintln!("warning: cannot handle Ctrl-C ({e}); the preview's folder may be left behind");
    }
}

/// Opens `url` in the default browser, without waiting for it.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => eprintln!("warning: cannot open a browser ({e}); open {url} yourself"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    #[test]
    fn local_url_of_an_unspecified_address_is_loopback() {
        assert_eq!(
            local_url("0.0.0.0:1111".parse().unwrap()),
            "http://127.0.0.1:1111/"
        );
        assert_eq!(local_url("[::]:80".parse().unwrap()), "http://[::1]:80/");
        assert_eq!(
            local_url("192.168.1.2:8".parse().unwrap()),
            "http://192.168.1.2:8/"
        );
    }

    #[test]
    fn problems_are_the_errors_with_their_place() {
        let report = Report {
            diagnostics: vec![
                Diagnostic::error("content/a.md", "broken").at("x = 1\ny = 2\n", 6..7),
                Diagnostic::warning("content/b.md", "meh"),
            ],
            timings: crate::Timings::default(),
            outcome: Err(crate::Failure::Content),
        };
        let problems = problems(&report);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].place(), "content/a.md:2:1");
        assert_eq!(problems[0].message, "broken");
    }

    /// A successful report: `check` of the minimal fixture (writes nothing).
    fn good() -> Report {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        let mut options = BuildOptions::new(root);
        options.today = Some("2026-11-23".into());
        let report = crate::check(&options);
        assert!(report.outcome.is_ok(), "{:?}", report.diagnostics);
        report
    }

    fn bad() -> Report {
        Report {
            diagnostics: vec![Diagnostic::error("content/a.md", "broken").at("x\n", 0..1)],
            timings: crate::Timings::default(),
            outcome: Err(crate::Failure::Content),
        }
    }

    #[test]
    fn every_rebuild_publishes_one_event() {
        let dir = tempfile::tempdir().unwrap();
        let live = Live::new(dir.path().join("site"));
        let rx = live.subscribe().unwrap();
        let hello = rx.recv().unwrap();
        assert!(hello.starts_with("retry: 1000\nid: "), "{hello}");
        assert!(hello.contains(r#""kind":"hello""#), "{hello}");
        let mut terminal = Terminal::default();
        let mut rebuild = |report: Report, changes: &[ChangeKind]| {
            record(
                &live,
                &report,
                changes,
                Instant::now(),
                Duration::ZERO,
                &mut terminal,
            );
            rx.recv().unwrap()
        };
        let css = [ChangeKind::Static(BTreeSet::from([PathBuf::from(
            "static/a.css",
        )]))];
        // A failed first build: errors, and nothing to serve yet.
        assert!(rebuild(bad(), &[]).contains(r#""kind":"errors""#));
        assert!(!live.status().has_site());
        // Fixed, even by a CSS change: the page must reload.
        assert!(rebuild(good(), &css).contains(r#""kind":"reload""#));
        assert!(live.status().has_site());
        assert!(live.status().problems.is_empty());
        // Only CSS after a good build: swap stylesheets.
        let event = rebuild(good(), &css);
        assert!(event.contains(r#""kind":"css""#), "{event}");
        assert!(event.contains(r#""ms":0"#), "{event}");
        // Broken again: the generation stays, the version moves on.
        let before = live.status();
        let event = rebuild(bad(), &[ChangeKind::Settings]);
        assert!(
            event.contains(r#""file":"content/a.md","line":1"#),
            "{event}"
        );
        let after = live.status();
        assert_eq!(after.generation, before.generation);
        assert_eq!(after.version, before.version + 1);
        assert_eq!(after.problems.len(), 1);
        // A new subscriber is told about the errors at once.
        let late = live.subscribe().unwrap().recv().unwrap();
        assert!(late.contains(r#""message":"broken""#), "{late}");
    }

    #[test]
    fn a_held_file_is_served_once_it_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let live = Arc::new(Live::new(dir.path().join("site")));
        live.hold(&["feed.xml".to_string()]);
        // Other files are not held.
        let started = Instant::now();
        live.wait_until_written("/index.html");
        assert!(started.elapsed() < Duration::from_secs(1));
        let (tx, rx) = mpsc::channel();
        let waiting = {
            let live = Arc::clone(&live);
            std::thread::spawn(move || {
                live.wait_until_written("/feed.xml");
                tx.send(()).unwrap();
            })
        };
        assert!(
            rx.recv_timeout(Duration::from_millis(200)).is_err(),
            "the request went on while the feed was held"
        );
        live.release();
        rx.recv_timeout(Duration::from_secs(5)).unwrap();
        waiting.join().unwrap();
    }

    #[test]
    fn describes_changes_by_an_existing_file_first() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/b.md"), "").unwrap();
        let changes = [ChangeKind::Content(BTreeSet::from([
            PathBuf::from("content/a.tmpfile"),
            PathBuf::from("content/b.md"),
        ]))];
        assert_eq!(describe(dir.path(), &changes), " (content/b.md and 1 more)");
        assert_eq!(
            describe(dir.path(), &[ChangeKind::Settings]),
            " (portal.toml)"
        );
        assert_eq!(describe(dir.path(), &[]), "");
    }

    #[test]
    fn temp_folder_is_removed_on_drop() {
        let folder = TempFolder::create().unwrap();
        let path = folder.path.clone();
        std::fs::write(path.join("x"), "y").unwrap();
        drop(folder);
        assert!(!path.exists());
    }
}
