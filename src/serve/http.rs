//! The preview's HTTP server: `tiny_http`, a small pool of worker threads, static files.
//!
//! This file owns everything between a request and the bytes of its answer:
//!
//! - [`Pool`]: `WORKERS` threads calling `recv()`; `tiny_http` reads requests on its own
//!   threads, so a slow client cannot hold a worker while it dawdles over its headers, and
//!   an event stream is handed to a thread of its own ([`super::events::stream`]). A
//!   `nudge` thread works around a race in `tiny_http`'s connection pool (see there).
//! - [`resolve`]: a URL path to a file of the served folder. The path is percent-decoded
//!   once, then any `..`, `.`, backslash, NUL, drive or root component is refused (403)
//!   before touching the disk, and the file found is canonicalized and must lie inside the
//!   canonical served folder (symlinks pointing outside: 403). `/x` where x is a folder
//!   redirects (301) to `/x/`, built from the decoded segments so it can never become a
//!   `//host` URL; a folder is served by its `index.html`.
//! - Files are opened by path on every request, so the build's swap of the whole folder
//!   is invisible (a request landing in the two-rename window waits for the new folder).
//! - Answers: the Content-Type by extension, `ETag` (length, mtime, and for HTML the
//!   preview's status version since the injected overlay depends on it) with
//!   `If-None-Match` -> 304, `Last-Modified`/`If-Modified-Since` for non-HTML files,
//!   `HEAD` (headers, no body), the theme's `404.html` with status 404, and
//!   `Cache-Control: no-cache` so a browser always revalidates.

use std::fs::File;
use std::io::{self, Read};
use std::net::{SocketAddr, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::Live;
use super::events;
use super::inject::{self, EVENTS_URL, SCRIPT, SCRIPT_URL};

/// The worker threads answering requests.
pub struct Pool {
    server: Arc<Server>,
    stopping: Arc<AtomicBool>,
    done: mpsc::Receiver<()>,
    workers: usize,
}

impl Pool {
    /// Starts `size` workers answering the requests of `server` from `live`'s folder, and
    /// the `nudge` thread, which connects to `addr` (the server's own address).
    pub fn start(
        server: Arc<Server>,
        live: Arc<Live>,
        size: usize,
        addr: SocketAddr,
    ) -> io::Result<Pool> {
        let stopping = Arc::new(AtomicBool::new(false));
        let (done_tx, done) = mpsc::channel();
        let mut workers = 0;
        for n in 0..size.max(1) {
            let server = Arc::clone(&server);
            let live = Arc::clone(&live);
            let stopping = Arc::clone(&stopping);
            let done_tx = done_tx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("stagebord-http-{n}"))
                .spawn(move || {
                    loop {
                        match server.recv() {
                            Ok(request) => handle(request, &live),
                            Err(_) if stopping.load(Ordering::SeqCst) => break,
                            Err(e) => {
                                eprintln!("warning: HTTP server: {e}");
                                std::thread::sleep(Duration::from_millis(50));
                            }
                        }
                    }
                    let _ = done_tx.send(());
                });
            match spawned {
                Ok(_) => workers += 1,
                Err(e) if workers == 0 => return Err(e),
                Err(_) => break,
            }
        }
        let nudging = Arc::clone(&stopping);
        std::thread::Builder::new()
            .name("stagebord-nudge".into())
            .spawn(move || nudge(addr, &nudging))?;
        Ok(Pool {
            server,
            stopping,
            done,
            workers,
        })
    }

    /// Stops the workers: each is unblocked once; a worker still busy with a slow client
    /// is waited for up to a second, then left to the process's exit.
    pub fn stop(self) {
        self.stopping.store(true, Ordering::SeqCst);
        for _ in 0..self.workers {
            self.server.unblock();
        }
        let deadline = Instant::now() + Duration::from_secs(1);
        for _ in 0..self.workers {
            let left = deadline.saturating_duration_since(Instant::now());
            if self.done.recv_timeout(left).is_err() {
                break;
            }
        }
    }
}

/// How often the nudge thread connects (see `nudge`).
pub const NUDGE_EVERY: Duration = Duration::from_millis(100);

/// Works around a race in `tiny_http` 0.12's connection pool, until upstream fixes it.
///
/// `tiny_http` reads each connection on a thread of its own pool. When a burst of
/// connections arrives while a few pool threads wait, every one of them is queued for the
/// waiting threads (which have not woken up yet to lower the "waiting" count); those take
/// one each, and a connection they take that stays open (an idle keep-alive connection,
/// a live-reload stream) leaves the rest queued until some other connection ends. A
/// browser's request can then hang. A connection that opens and closes at once ends
/// immediately, and the pool thread that handled it takes the next queued one; so this
/// opens one on loopback every [`NUDGE_EVERY`], bounding any such wait by that.
fn nudge(addr: SocketAddr, stopping: &AtomicBool) {
    while !stopping.load(Ordering::SeqCst) {
        std::thread::sleep(NUDGE_EVERY);
        drop(TcpStream::connect_timeout(&addr, Duration::from_secs(1)));
    }
}

/// Where a request's path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A file inside the served folder (canonical path).
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect here.
    Redirect(String),
    /// Nothing there.
    NotFound,
    /// The path tries to leave the served folder.
    Forbidden,
    /// Not a path (does not start with `/`, bad percent-encoding, not UTF-8).
    BadRequest,
    /// The served folder does not exist (no good build yet, or in the middle of a swap).
    NoSite,
}

/// Splits a request target into its path and its query (with the `?`, or empty).
pub fn split_target(target: &str) -> (&str, &str) {
    let target = target.split('#').next().unwrap_or("");
    match target.find('?') {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    }
}

/// Decodes `%XX` escapes; `None` for a malformed escape.
pub fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Encodes one path segment for a `Location` header.
fn percent_encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for &b in segment.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The decoded, checked segments of a URL path, and whether it ended with a slash.
fn segments(path: &str) -> Result<(Vec<String>, bool), Resolved> {
    if !path.starts_with('/') {
        return Err(Resolved::BadRequest);
    }
    let decoded = percent_decode(path).ok_or(Resolved::BadRequest)?;
    if decoded.iter().any(|&b| b == 0 || b == b'\\') {
        return Err(Resolved::Forbidden);
    }
    let decoded = String::from_utf8(decoded).map_err(|_| Resolved::BadRequest)?;
    let trailing = decoded.ends_with('/');
    let mut out = Vec::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        let mut components = Path::new(segment).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(c)), None) if c == segment => out.push(segment.to_string()),
            _ => return Err(Resolved::Forbidden),
        }
    }
    Ok((out, trailing))
}

/// Finds what `path` (the request target's path, still percent-encoded) names in `site`.
pub fn resolve(site: &Path, path: &str, query: &str) -> Resolved {
    let (segments, trailing) = match segments(path) {
        Ok(s) => s,
        Err(resolved) => return resolved,
    };
    let Ok(site_real) = site.canonicalize() else {
        return Resolved::NoSite;
    };
    let candidate: PathBuf = segments.iter().fold(site.to_path_buf(), |p, s| p.join(s));
    let real = match candidate.canonicalize() {
        Ok(real) => real,
        Err(_) if !site.is_dir() => return Resolved::NoSite,
        Err(_) => return Resolved::NotFound,
    };
    if !real.starts_with(&site_real) {
        return Resolved::Forbidden;
    }
    if real.is_dir() {
        if !trailing && !segments.is_empty() {
            let encoded: Vec<String> = segments.iter().map(|s| percent_encode_segment(s)).collect();
            return Resolved::Redirect(format!("/{}/{query}", encoded.join("/")));
        }
        let index = match real.join("index.html").canonicalize() {
            Ok(index) => index,
            Err(_) => return Resolved::NotFound,
        };
        if !index.starts_with(&site_real) {
            return Resolved::Forbidden;
        }
        return if index.is_file() {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if real.is_file() && !trailing {
        Resolved::File(real)
    } else {
        Resolved::NotFound
    }
}

/// [`resolve`], waiting out the short moment in which a rebuild swaps the folder.
fn resolve_waiting(live: &Live, has_site: bool, path: &str, query: &str) -> Resolved {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let resolved = resolve(live.site(), path, query);
        if resolved != Resolved::NoSite || !has_site || Instant::now() >= deadline {
            return resolved;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The Content-Type of a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "rss" => "application/rss+xml",
        "atom" => "application/atom+xml",
        "xsl" => "application/xslt+xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "ics" => "text/calendar; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// True when the `If-None-Match` value lists `etag` (weak comparison) or is `*`.
pub fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    let strip = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let etag = strip(etag);
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || strip(t) == etag)
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn request_header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

/// FNV-1a, for the script's ETag (it changes only with the binary).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A response with the headers every answer of the preview carries.
fn respond<R: Read>(request: Request, mut response: Response<R>, extra: &[(&str, &str)]) {
    let common = [
        ("Server", "stagebord"),
        ("Cache-Control", "no-cache"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    for (name, value) in common.iter().chain(extra) {
        if let Some(h) = header(name, value) {
            response.add_header(h);
        }
    }
    // Always a Content-Length (HEAD reports the real one), never chunked.
    let response = response.with_chunked_threshold(usize::MAX);
    let _ = request.respond(response);
}

fn text(request: Request, code: u16, body: &str) {
    let response = Response::from_string(body).with_status_code(StatusCode(code));
    respond(
        request,
        response,
        &[("Content-Type", "text/plain; charset=utf-8")],
    );
}

/// Answers one request.
pub fn handle(request: Request, live: &Live) {
    let method = request.method().clone();
    if !matches!(method, Method::Get | Method::Head) {
        let response = Response::from_string("only GET and HEAD\n").with_status_code(405);
        respond(
            request,
            response,
            &[
                ("Allow", "GET, HEAD"),
                ("Content-Type", "text/plain; charset=utf-8"),
            ],
        );
        return;
    }
    let target = request.url().to_string();
    let (path, query) = split_target(&target);
    match path {
        SCRIPT_URL => {
            let etag = format!("\"js-{:016x}\"", fnv1a(SCRIPT.as_bytes()));
            if request_header(&request, "If-None-Match").is_some_and(|v| etag_matches(v, &etag)) {
                respond(request, Response::empty(304), &[("ETag", &etag)]);
            } else {
                respond(
                    request,
                    Response::from_string(SCRIPT),
                    &[
                        ("Content-Type", "text/javascript; charset=utf-8"),
                        ("ETag", &etag),
                    ],
                );
            }
        }
        EVENTS_URL if method == Method::Head => respond(
            request,
            Response::empty(200),
            &[("Content-Type", "text/event-stream; charset=utf-8")],
        ),
        EVENTS_URL => match live.subscribe() {
            Some(messages) => {
                let out = request.into_writer();
                let spawned = std::thread::Builder::new()
                    .name("stagebord-sse".into())
                    .spawn(move || events::stream(out, messages));
                if let Err(e) = spawned {
                    eprintln!("warning: cannot start a live-reload stream: {e}");
                }
            }
            None => text(request, 503, "too many live-reload connections\n"),
        },
        p if p.starts_with("/__stagebord/") => text(request, 404, "not found\n"),
        _ => serve_site(request, live, path, query),
    }
}

fn serve_site(request: Request, live: &Live, path: &str, query: &str) {
    live.wait_until_written(path);
    // The status is read before the file, so a page is never tagged with a build newer
    // than its bytes (at worst older, which makes the browser reload once more).
    let status = live.status();
    let build = live.build_id(&status);
    let snippet = inject::snippet(&build, &status.problems);
    match resolve_waiting(live, status.has_site(), path, query) {
        Resolved::File(file) => {
            if let Err((request, _)) = serve_file(request, &file, 200, status.version, &snippet) {
                text(request, 500, "cannot read the file\n");
            }
        }
        Resolved::Redirect(location) => {
            let response = Response::from_string(format!("moved to {location}\n"))
                .with_status_code(StatusCode(301));
            respond(
                request,
                response,
                &[
                    ("Location", &location),
                    ("Content-Type", "text/plain; charset=utf-8"),
                ],
            );
        }
        Resolved::NotFound => not_found(request, live, status.version, &snippet),
        Resolved::Forbidden => text(request, 403, "forbidden\n"),
        Resolved::BadRequest => text(request, 400, "bad request\n"),
        Resolved::NoSite => {
            let page = inject::placeholder(&build, &status.problems);
            let response = Response::from_string(page).with_status_code(StatusCode(503));
            respond(
                request,
                response,
                &[
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Retry-After", "1"),
                ],
            );
        }
    }
}

/// The theme's `404.html` with status 404 (or a plain one when the build has none).
fn not_found(request: Request, live: &Live, version: u64, snippet: &str) {
    let page = live.site().join("404.html");
    let request = if page.is_file() {
        match serve_file(request, &page, 404, version, snippet) {
            Ok(()) => return,
            Err((request, _)) => request,
        }
    } else {
        request
    };
    let html = "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Not found</title></head>\n\
<body>\n<h1>Not found</h1>\n</body>\n</html>\n";
    let body = inject::inject(html.as_bytes(), snippet);
    let response = Response::from_data(body).with_status_code(StatusCode(404));
    respond(
        request,
        response,
        &[("Content-Type", "text/html; charset=utf-8")],
    );
}

fn http_date(time: SystemTime) -> Option<String> {
    let ts = jiff::Timestamp::try_from(time).ok()?;
    jiff::fmt::rfc2822::DateTimePrinter::new()
        .timestamp_to_rfc9110_string(&ts)
        .ok()
}

fn not_modified_since(request: &Request, modified: SystemTime) -> bool {
    let Some(since) = request_header(request, "If-Modified-Since") else {
        return false;
    };
    let Ok(since) = jiff::fmt::rfc2822::DateTimeParser::new().parse_timestamp(since) else {
        return false;
    };
    jiff::Timestamp::try_from(modified).is_ok_and(|m| m.as_second() <= since.as_second())
}

/// Sends one file with status `code`; HTML gets `snippet` injected. On a read error the
/// request comes back, so the caller can still answer it.
fn serve_file(
    request: Request,
    path: &Path,
    code: u16,
    version: u64,
    snippet: &str,
) -> Result<(), (Request, io::Error)> {
    let opened = File::open(path).and_then(|f| f.metadata().map(|m| (f, m)));
    let (mut file, meta) = match opened {
        Ok(x) => x,
        Err(e) => return Err((request, e)),
    };
    let mime = content_type(path);
    let html = mime.starts_with("text/html");
    let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
    let mtime = modified
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let etag = if html {
        format!("\"{:x}-{mtime:x}-{version:x}\"", meta.len())
    } else {
        format!("\"{:x}-{mtime:x}\"", meta.len())
    };
    let last_modified = if html { None } else { http_date(modified) };
    let mut headers: Vec<(&str, &str)> = vec![("Content-Type", mime)];
    if code == 200 {
        headers.push(("ETag", &etag));
        if let Some(date) = &last_modified {
            headers.push(("Last-Modified", date));
        }
        let unchanged = match request_header(&request, "If-None-Match") {
            Some(value) => etag_matches(value, &etag),
            None => !html && not_modified_since(&request, modified),
        };
        if unchanged {
            headers.retain(|(name, _)| *name != "Content-Type");
            respond(request, Response::empty(304), &headers);
            return Ok(());
        }
    }
    if html {
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        if let Err(e) = file.read_to_end(&mut bytes) {
            return Err((request, e));
        }
        let body = inject::inject(&bytes, snippet);
        let response = Response::from_data(body).with_status_code(StatusCode(code));
        respond(request, response, &headers);
    } else {
        let response = Response::from_file(file).with_status_code(StatusCode(code));
        respond(request, response, &headers);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Site {
        _dir: tempfile::TempDir,
        site: PathBuf,
        outside: PathBuf,
    }

    fn site() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        let site = base.join("site");
        std::fs::create_dir_all(site.join("vacatures/a b")).unwrap();
        std::fs::write(site.join("index.html"), "home").unwrap();
        std::fs::write(site.join("vacatures/index.html"), "list").unwrap();
        std::fs::write(site.join("vacatures/a b/index.html"), "a b").unwrap();
        std::fs::create_dir_all(site.join("empty")).unwrap();
        std::fs::write(site.join("style.css"), "x").unwrap();
        std::fs::write(base.join("secret"), "SECRET").unwrap();
        Site {
            _dir: dir,
            site,
            outside: base,
        }
    }

    #[test]
    fn resolves_files_folders_and_redirects() {
        let s = site();
        let r = |p: &str| resolve(&s.site, p, "");
        assert_eq!(r("/"), Resolved::File(s.site.join("index.html")));
        assert_eq!(r("/style.css"), Resolved::File(s.site.join("style.css")));
        assert_eq!(
            r("/vacatures/"),
            Resolved::File(s.site.join("vacatures/index.html"))
        );
        assert_eq!(r("/vacatures"), Resolved::Redirect("/vacatures/".into()));
        assert_eq!(
            resolve(&s.site, "/vacatures", "?a=1"),
            Resolved::Redirect("/vacatures/?a=1".into())
        );
        assert_eq!(
            r("/vacatures/a%20b"),
            Resolved::Redirect("/vacatures/a%20b/".into())
        );
        assert_eq!(
            r("/vacatures/a%20b/"),
            Resolved::File(s.site.join("vacatures/a b/index.html"))
        );
        assert_eq!(r("//vacatures"), Resolved::Redirect("/vacatures/".into()));
        assert_eq!(r("/empty/"), Resolved::NotFound);
        assert_eq!(r("/nope"), Resolved::NotFound);
        assert_eq!(r("/style.css/"), Resolved::NotFound);
        assert_eq!(r("style.css"), Resolved::BadRequest);
        assert_eq!(r("/%zz"), Resolved::BadRequest);
        assert_eq!(r("/%ff"), Resolved::BadRequest);
    }

    #[test]
    fn never_leaves_the_folder() {
        let s = site();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(s.outside.join("secret"), s.site.join("leak")).unwrap();
            std::os::unix::fs::symlink(&s.outside, s.site.join("up")).unwrap();
        }
        for path in [
            "/../secret",
            "/%2e%2e/secret",
            "/%2E%2E/secret",
            "/..%2fsecret",
            "/..%2Fsecret",
            "/..%5csecret",
            "/..\\secret",
            "/vacatures/../../secret",
            "/./index.html",
            "/%00",
            "/index.html%00.css",
            "/leak",
            "/up/secret",
        ] {
            let got = resolve(&s.site, path, "");
            assert!(
                matches!(got, Resolved::Forbidden | Resolved::NotFound),
                "{path}: {got:?}"
            );
        }
        for path in ["//etc/passwd", "/etc/passwd", "/%2fetc/passwd"] {
            assert_eq!(resolve(&s.site, path, ""), Resolved::NotFound, "{path}");
        }
    }

    #[test]
    fn no_folder_means_no_site() {
        let s = site();
        assert_eq!(resolve(&s.site.join("missing"), "/", ""), Resolved::NoSite);
    }

    #[test]
    fn content_types() {
        for (name, mime) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.json", "application/json"),
            ("a.xml", "application/xml"),
            ("a.svg", "image/svg+xml"),
            ("a.png", "image/png"),
            ("a.JPG", "image/jpeg"),
            ("a.jpeg", "image/jpeg"),
            ("a.webp", "image/webp"),
            ("a.pdf", "application/pdf"),
            ("a.ics", "text/calendar; charset=utf-8"),
            ("a.woff2", "font/woff2"),
            ("a.wasm", "application/wasm"),
            ("a.txt", "text/plain; charset=utf-8"),
            ("a", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), mime, "{name}");
        }
    }

    #[test]
    fn etags_compare_weakly() {
        assert!(etag_matches("\"a\"", "\"a\""));
        assert!(etag_matches("W/\"a\"", "\"a\""));
        assert!(etag_matches("\"b\", \"a\"", "\"a\""));
        assert!(etag_matches("*", "\"a\""));
        assert!(!etag_matches("\"b\"", "\"a\""));
    }

    #[test]
    fn splits_targets() {
        assert_eq!(split_target("/a?b=1#c"), ("/a", "?b=1"));
        assert_eq!(split_target("/a#c?d"), ("/a", ""));
        assert_eq!(split_target("/a"), ("/a", ""));
    }
}
