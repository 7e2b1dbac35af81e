//! `stagebord serve`: the real binary on a free port of 127.0.0.1, driven over real HTTP
//! and Server-Sent Events by a minimal HTTP/1.1 client written here (loopback only).
//!
//! Every test starts its own server on a copy of a portal ([`Serve::start`]) and stops it
//! when it ends (SIGTERM, then a kill: [`Serve`]'s `Drop`). Every network call has a
//! timeout, and every wait for an event has a deadline, so a broken server fails a test
//! instead of hanging the suite.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::{PortalTest, TODAY, tree};

/// How long a single request or a wait for the server may take.
const TIMEOUT: Duration = Duration::from_secs(10);

const VACANCY: &str = "content/vacancies/gemeente-aa/stagiair-ict.md";
const VACANCY_URL: &str = "/vacatures/stagiair-ict/";

/// A running `stagebord serve`.
struct Serve {
    child: Child,
    addr: SocketAddr,
    /// The folder it serves (a temporary folder of its own).
    output: PathBuf,
    stdout: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Serve {
    /// `stagebord serve --root <portal> --port 0 --today TODAY`, once it printed its URL.
    fn start(portal: &PortalTest) -> Serve {
        let root = portal.root.to_str().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_stagebord"))
            .args(["serve", "--root", root, "--port", "0", "--today", TODAY])
            .current_dir(portal.root.parent().unwrap())
            .env_remove("SOURCE_DATE_EPOCH")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, stdout) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().unwrap();
        let collected = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines() {
                let Ok(line) = line else { break };
                let mut all = collected.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let mut serve = Serve {
            child,
            addr: "127.0.0.1:1".parse().unwrap(),
            output: PathBuf::new(),
            stdout,
            stderr,
        };
        let line = serve.line_containing(" at http://");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap();
        serve.addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap();
        assert!(serve.addr.ip().is_loopback(), "{line}");
        let line = serve.line_containing("output: ");
        serve.output = PathBuf::from(
            line.trim_start_matches("output: ")
                .trim_end_matches(" (removed on exit)"),
        );
        serve
    }

    /// The next line of stdout containing `needle` (panics after [`TIMEOUT`]).
    fn line_containing(&self, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => panic!(
                    "no line with {needle:?} on stdout; stderr:\n{}",
                    self.stderr()
                ),
            }
        }
    }

    /// Waits until stderr (read by another thread) holds `needle`.
    fn wait_for_stderr(&self, needle: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while !self.stderr().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "{needle:?} not in:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn request(&self, method: &str, target: &str, headers: &[(&str, &str)]) -> Response {
        http(self.addr, method, target, headers)
            .unwrap_or_else(|e| panic!("{method} {target}: {e}\nstderr:\n{}", self.stderr()))
    }

    fn get(&self, target: &str) -> Response {
        self.request("GET", target, &[])
    }

    fn events(&self) -> Events {
        Events::connect(self.addr)
    }

    /// Stops the server like Ctrl-C would, and returns its exit code.
    #[cfg(unix)]
    fn terminate(&mut self) -> Option<i32> {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        #[cfg(unix)]
        {
            // SIGTERM first, so the server removes its temporary folder.
            let pid = self.child.id().to_string();
            let _ = Command::new("kill").args(["-TERM", &pid]).status();
            let deadline = Instant::now() + Duration::from_secs(3);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP response.
#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn content_type(&self) -> &str {
        self.header("Content-Type").unwrap_or("")
    }
}

/// Sends one request (the target exactly as given, not normalized) and reads the answer.
fn http(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT)?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    let mut request =
        format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let bad =
        |what: &str| std::io::Error::other(format!("{what}: {:?}", String::from_utf8_lossy(&raw)));
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no end of headers"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no status"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("Transfer-Encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked && method != "HEAD" {
        body = dechunk(&body).ok_or_else(|| bad("bad chunks"))?;
    }
    Ok(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let end = data.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&data[..end]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        data = &data[end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

/// A live-reload connection, read like a browser's EventSource.
struct Events {
    reader: BufReader<TcpStream>,
}

/// One SSE message.
#[derive(Debug, Default)]
struct Message {
    id: Option<String>,
    retry: Option<String>,
    data: String,
}

impl Events {
    fn connect(addr: SocketAddr) -> Events {
        let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT).unwrap();
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        stream.set_write_timeout(Some(TIMEOUT)).unwrap();
        write!(
            stream,
            "GET /__stagebord/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push(line.trim_end().to_string());
        }
        assert!(head[0].starts_with("HTTP/1.1 200"), "{head:?}");
        assert!(
            head.iter()
                .any(|h| h.eq_ignore_ascii_case("Content-Type: text/event-stream; charset=utf-8")),
            "{head:?}"
        );
        Events { reader }
    }

    /// The next message, or `None` when none came within `wait`.
    fn next(&mut self, wait: Duration) -> Option<Message> {
        let deadline = Instant::now() + wait;
        let mut message = Message::default();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            self.reader.get_ref().set_read_timeout(Some(left)).unwrap();
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if !message.data.is_empty() {
                    return Some(message);
                }
                continue;
            }
            if line.starts_with(':') {
                continue;
            }
            let (field, value) = line.split_once(": ").unwrap_or((line, ""));
            match field {
                "id" => message.id = Some(value.to_string()),
                "retry" => message.retry = Some(value.to_string()),
                "data" => message.data.push_str(value),
                _ => {}
            }
        }
    }

    /// The next message of `kind` (skipping others), within `wait`.
    fn expect(&mut self, kind: &str, wait: Duration) -> Message {
        let deadline = Instant::now() + wait;
        let needle = format!("\"kind\":\"{kind}\"");
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next(left) {
                Some(m) if m.data.contains(&needle) => return m,
                Some(_) => {}
                None => panic!("no {kind} event within {wait:?}"),
            }
        }
    }
}

/// Rewrites a file of the portal the way an editor does: a temporary file, then a rename.
fn save(portal: &PortalTest, path: &str, text: &str) {
    let target = portal.root.join(path);
    let temp = target.with_file_name(".stagebord-test.swp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, &target).unwrap();
}

fn vacancy(portal: &PortalTest) -> String {
    std::fs::read_to_string(portal.root.join(VACANCY)).unwrap()
}

#[test]
fn serves_the_home_page_and_a_vacancy_with_the_reload_script() {
    let portal = PortalTest::fixture("minimal");
    let serve = Serve::start(&portal);
    for target in ["/", VACANCY_URL] {
        let page = serve.get(target);
        assert_eq!(page.status, 200, "{target}");
        assert_eq!(page.content_type(), "text/html; charset=utf-8");
        let text = page.text();
        assert!(
            text.contains("<script src=\"/__stagebord/livereload.js\" data-build=\""),
            "{text}"
        );
        assert!(
            text.trim_end()
                .ends_with("defer></script>\n</body>\n</html>")
        );
        assert!(!text.contains("stagebord-errors"));
        assert_eq!(page.header("Cache-Control"), Some("no-cache"));
    }
    assert!(serve.get(VACANCY_URL).text().contains("Stagiair ICT"));
    let script = serve.get("/__stagebord/livereload.js");
    assert_eq!(script.status, 200);
    assert_eq!(script.content_type(), "text/javascript; charset=utf-8");
    assert!(
        script
            .text()
            .contains("new EventSource(\"/__stagebord/events\")")
    );
    // The user's public/ is never written.
    assert!(!portal.public().exists());
}

#[test]
fn every_kind_of_file_gets_its_content_type() {
    let portal = PortalTest::fixture("minimal");
    let files = [
        ("a.css", "text/css; charset=utf-8"),
        ("a.js", "text/javascript; charset=utf-8"),
        ("a.json", "application/json"),
        ("a.xml", "application/xml"),
        ("a.svg", "image/svg+xml"),
        ("a.png", "image/png"),
        ("a.jpg", "image/jpeg"),
        ("a.jpeg", "image/jpeg"),
        ("a.webp", "image/webp"),
        ("a.pdf", "application/pdf"),
        ("a.ics", "text/calendar; charset=utf-8"),
        ("a.woff2", "font/woff2"),
        ("a.wasm", "application/wasm"),
        ("a.txt", "text/plain; charset=utf-8"),
    ];
    for (name, _) in files {
        portal.write(&format!("static/types/{name}"), name);
    }
    let serve = Serve::start(&portal);
    for (name, mime) in files {
        let file = serve.get(&format!("/types/{name}"));
        assert_eq!(file.status, 200, "{name}");
        assert_eq!(file.content_type(), mime, "{name}");
        assert_eq!(file.body, name.as_bytes(), "{name}: nothing injected");
    }
    assert_eq!(serve.get("/sitemap.xml").content_type(), "application/xml");
}

#[test]
fn folders_redirect_to_their_slash_and_unknown_paths_get_the_themes_404() {
    let portal = PortalTest::fixture("minimal");
    let serve = Serve::start(&portal);
    let moved = serve.get("/vacatures/stagiair-ict?x=1");
    assert_eq!(moved.status, 301);
    assert_eq!(
        moved.header("Location"),
        Some("/vacatures/stagiair-ict/?x=1")
    );
    // Never a protocol-relative `//host` redirect.
    let moved = serve.get("//vacatures");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("Location"), Some("/vacatures/"));

    let theme_404 = serve.get("/404.html").text();
    let missing = serve.get("/vacatures/bestaat-niet/");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.content_type(), "text/html; charset=utf-8");
    assert_eq!(missing.text(), theme_404);
    assert!(missing.text().contains("/__stagebord/livereload.js"));

    let post = serve.request("POST", "/", &[("Content-Length", "0")]);
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow"), Some("GET, HEAD"));
}

#[test]
fn head_answers_the_headers_without_a_body() {
    let portal = PortalTest::fixture("minimal");
    let serve = Serve::start(&portal);
    for target in ["/", "/style.css", "/nope/"] {
        let get = serve.get(target);
        let head = serve.request("HEAD", target, &[]);
        assert_eq!(head.status, get.status, "{target}");
        assert!(head.body.is_empty(), "{target}");
        assert_eq!(head.content_type(), get.content_type(), "{target}");
        assert_eq!(
            head.header("Content-Length"),
            Some(get.body.len().to_string().as_str()),
            "{target}"
        );
    }
}

#[test]
fn etag_and_last_modified_answer_304() {
    let portal = PortalTest::fixture("minimal");
    let serve = Serve::start(&portal);
    for target in ["/style.css", VACANCY_URL] {
        let first = serve.get(target);
        let etag = first.header("ETag").unwrap().to_string();
        let again = serve.request("GET", target, &[("If-None-Match", &etag)]);
        assert_eq!(again.status, 304, "{target}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("ETag"), Some(etag.as_str()));
        let weak = format!("\"other\", W/{etag}");
        assert_eq!(
            serve
                .request("GET", target, &[("If-None-Match", &weak)])
                .status,
            304
        );
        let other = serve.request("GET", target, &[("If-None-Match", "\"other\"")]);
        assert_eq!(other.status, 200);
        assert_eq!(other.body, first.body);
    }
    let css = serve.get("/style.css");
    let modified = css.header("Last-Modified").unwrap().to_string();
    assert!(modified.ends_with(" GMT"), "{modified}");
    let since = serve.request("GET", "/style.css", &[("If-Modified-Since", &modified)]);
    assert_eq!(since.status, 304);
    let long_ago = "Mon, 01 Jan 2001 00:00:00 GMT";
    let since = serve.request("GET", "/style.css", &[("If-Modified-Since", long_ago)]);
    assert_eq!(since.status, 200);
}

#[test]
fn no_path_escapes_the_served_folder() {
    let portal = PortalTest::fixture("minimal");
    let serve = Serve::start(&portal);
    // A secret beside the served folder, and one beside the portal.
    let beside_output = serve.output.parent().unwrap().join("secret");
    std::fs::write(&beside_output, "SECRET-OUTPUT").unwrap();
    let beside_portal = portal.root.parent().unwrap().join("secret");
    std::fs::write(&beside_portal, "SECRET-PORTAL").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&beside_output, serve.output.join("leak")).unwrap();
        std::os::unix::fs::symlink("/etc", serve.output.join("etc-link")).unwrap();
        std::os::unix::fs::symlink(serve.output.parent().unwrap(), serve.output.join("up"))
            .unwrap();
    }
    for target in [
        "/../secret",
        "/%2e%2e/secret",
        "/%2E%2E/secret",
        "/..%2fsecret",
        "/..%2Fsecret",
        "/..%5csecret",
        "/..\\secret",
        "/vacatures/../../secret",
        "/%2e%2e/%2e%2e/secret",
        "/%2e%2e%2f%2e%2e%2fsecret",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/etc/passwd",
        "/..%00/secret",
        "/index.html%00",
        "/leak",
        "/etc-link/passwd",
        "/up/secret",
        "/%2e%2e/portal/portal.toml",
        "/../../../../../../../../etc/passwd",
    ] {
        let got = http(serve.addr, "GET", target, &[]);
        if let Ok(response) = got {
            assert!(
                matches!(response.status, 400 | 403 | 404),
                "{target}: {}",
                response.status
            );
            let text = response.text();
            assert!(!text.contains("SECRET"), "{target}");
            assert!(!text.contains("root:"), "{target}");
            assert!(!text.contains("base_url"), "{target}");
        }
    }
    // The server is still fine.
    assert_eq!(serve.get("/").status, 200);
}

#[test]
fn an_edit_sends_a_reload_event_to_every_browser_then_the_new_page() {
    let portal = PortalTest::fixture("minimal");
    let serve = Serve::start(&portal);
    let before = serve.get(VACANCY_URL).text();
    let build = before
        .split("data-build=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let mut browsers: Vec<Events> = (0..3).map(|_| serve.events()).collect();
    for events in &mut browsers {
        let hello = events.next(TIMEOUT).unwrap();
        assert_eq!(hello.retry.as_deref(), Some("1000"));
        assert_eq!(hello.id.as_deref(), Some(build.as_str()));
        assert!(
            hello.data.contains(&format!("\"build\":\"{build}\"")),
            "{hello:?}"
        );
        assert!(hello.data.contains("\"errors\":[]"));
    }

    let written = Instant::now();
    save(
        &portal,
        VACANCY,
        &vacancy(&portal).replace("Stagiair ICT", "Stagiair ICT en data"),
    );
    let mut ids = Vec::new();
    for events in &mut browsers {
        let reload = events.expect("reload", TIMEOUT);
        assert!(reload.data.contains("\"ms\":"), "{reload:?}");
        ids.push(reload.id.unwrap());
    }
    let took = written.elapsed();
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert!(ids.iter().all(|id| *id == ids[0] && *id != build));

    let after = serve.get(VACANCY_URL).text();
    assert!(after.contains("<h1>Stagiair ICT en data</h1>"), "{after}");
    assert!(after.contains(&format!("data-build=\"{}\"", ids[0])));
    // A browser that reconnects (EventSource does, after `retry`) learns the new build.
    let hello = serve.events().next(TIMEOUT).unwrap();
    assert_eq!(hello.id.as_deref(), Some(ids[0].as_str()));
    // The listings changed too, and the feeds, which are written just after the reload
    // (a request for one waits until it is).
    assert!(
        serve
            .get("/vacatures/")
            .text()
            .contains("Stagiair ICT en data")
    );
    for feed in ["/feed.xml", "/feed.json"] {
        assert!(
            serve.get(feed).text().contains("Stagiair ICT en data"),
            "{feed}"
        );
    }
}

#[test]
fn an_invalid_edit_keeps_the_last_good_page_and_shows_the_errors_until_fixed() {
    let portal = PortalTest::fixture("minimal");
    let serve = Serve::start(&portal);
    let mut events = serve.events();
    events.expect("hello", TIMEOUT);
    let good = vacancy(&portal);
    save(
        &portal,
        VACANCY,
        &good
            .replace("levels = [\"mbo\"]", "levels = [\"mbo\", \"havo\"]")
            .replace("Stagiair ICT", "Kapotte titel"),
    );
    let errors = events.expect("errors", TIMEOUT);
    assert!(
        errors.data.contains(&format!(
            r#""file":"{VACANCY}","line":5,"column":18,"message":"unknown level \"havo\"""#
        )),
        "{errors:?}"
    );
    let page = serve.get(VACANCY_URL);
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("<h1>Stagiair ICT</h1>"), "the last good page");
    assert!(!text.contains("Kapotte titel"));
    assert!(text.contains("id=\"stagebord-errors\""), "{text}");
    assert!(
        text.contains(&format!(
            "<code>{VACANCY}:5:18</code> unknown level &quot;havo&quot;"
        )),
        "{text}"
    );
    // Every page shows it, the 404 page too.
    assert!(serve.get("/").text().contains("stagebord-errors"));
    assert!(serve.get("/nope/").text().contains("stagebord-errors"));
    serve.wait_for_stderr(&format!("{VACANCY}:5:18: error: unknown level"));

    save(
        &portal,
        VACANCY,
        &good.replace("Stagiair ICT", "Stagiair ICT hersteld"),
    );
    events.expect("reload", TIMEOUT);
    let text = serve.get(VACANCY_URL).text();
    assert!(text.contains("<h1>Stagiair ICT hersteld</h1>"));
    assert!(!text.contains("stagebord-errors"));
}

#[test]
fn after_a_series_of_edits_the_served_folder_equals_a_full_build() {
    let portal = PortalTest::fixture("full");
    let serve = Serve::start(&portal);
    let mut events = serve.events();
    events.expect("hello", TIMEOUT);
    let bbl = "content/vacancies/bbl-vacature.md";
    let text = std::fs::read_to_string(portal.root.join(bbl)).unwrap();
    let mut step = |what: &str, edit: &dyn Fn()| {
        edit();
        let event = events
            .next(TIMEOUT)
            .unwrap_or_else(|| panic!("{what}: no event"));
        assert!(
            event.data.contains("\"kind\":\"reload\""),
            "{what}: {event:?}"
        );
    };
    step("change a vacancy", &|| {
        save(&portal, bbl, &text.replace("Bbl bij", "Leerbaan bij"))
    });
    // Only what the edit touched was written, the feeds after the reload.
    let line = serve.line_containing("rebuilt in ");
    assert!(line.contains(" feed(s) in "), "{line}");
    step("add a vacancy", &|| {
        portal.write(
            "content/vacancies/nieuw.md",
            &text.replace("Bbl bij", "Nieuwe bbl bij"),
        );
    });
    step("rename a vacancy", &|| {
        std::fs::rename(
            portal.root.join("content/vacancies/nieuw.md"),
            portal.root.join("content/vacancies/hernoemd.md"),
        )
        .unwrap();
    });
    step("delete a vacancy", &|| {
        std::fs::remove_file(portal.root.join(bbl)).unwrap();
    });
    step("change an organisation", &|| {
        let org = "content/organisations/gemeente-noord.md";
        let text = std::fs::read_to_string(portal.root.join(org)).unwrap();
        save(
            &portal,
            org,
            &text.replace("Gemeente Noord", "Gemeente Noorderkwartier"),
        );
    });
    // Quiet: no rebuild still to come.
    while events.next(Duration::from_millis(500)).is_some() {}
    let full = portal.root.parent().unwrap().join("full-build");
    let url = format!("http://{}/", serve.addr);
    portal
        .build_with(&["--base-url", &url, "--output-dir", full.to_str().unwrap()])
        .success();
    let served = tree(&serve.output);
    let built = tree(&full);
    assert_eq!(
        served.keys().collect::<Vec<_>>(),
        built.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &built {
        assert!(served[path] == *bytes, "{} differs", path.display());
    }
    assert!(served.contains_key(std::path::Path::new("vacatures/hernoemd/index.html")));
    assert!(!served.contains_key(std::path::Path::new("vacatures/nieuw/index.html")));
}

#[test]
fn a_first_build_that_fails_shows_the_errors_until_fixed() {
    let portal = PortalTest::fixture("minimal");
    let good = vacancy(&portal);
    portal.overlay("unknown_level");
    let serve = Serve::start(&portal);
    let page = serve.get("/");
    assert_eq!(page.status, 503);
    assert!(
        page.text()
            .contains(&format!("<code>{VACANCY}:5:18</code>"))
    );
    assert!(page.text().contains("/__stagebord/livereload.js"));
    let mut events = serve.events();
    let hello = events.expect("hello", TIMEOUT);
    assert!(hello.data.contains("unknown level"), "{hello:?}");
    save(&portal, VACANCY, &good);
    events.expect("reload", TIMEOUT);
    let page = serve.get(VACANCY_URL);
    assert_eq!(page.status, 200);
    assert!(!page.text().contains("stagebord-errors"));
}

#[test]
fn a_stylesheet_change_swaps_stylesheets_without_a_reload() {
    let portal = PortalTest::fixture("minimal");
    portal.write("static/extra.css", "body { color: black }\n");
    let serve = Serve::start(&portal);
    let mut events = serve.events();
    events.expect("hello", TIMEOUT);
    save(&portal, "static/extra.css", "body { color: navy }\n");
    let css = events.next(TIMEOUT).unwrap();
    assert!(css.data.contains("\"kind\":\"css\""), "{css:?}");
    assert_eq!(serve.get("/extra.css").text(), "body { color: navy }\n");
}

#[test]
fn a_burst_of_writes_is_one_rebuild_and_editor_clutter_none() {
    let portal = PortalTest::fixture("minimal");
    let serve = Serve::start(&portal);
    let mut events = serve.events();
    events.expect("hello", TIMEOUT);
    let template = vacancy(&portal);
    for i in 0..30 {
        let path = format!("content/vacancies/gemeente-aa/extra-{i}.md");
        portal.write(
            &path,
            &template.replace("Stagiair ICT", &format!("Extra {i}")),
        );
    }
    events.expect("reload", TIMEOUT);
    assert!(
        events.next(Duration::from_millis(800)).is_none(),
        "one burst, one rebuild"
    );
    assert!(
        serve
            .get("/vacatures/extra-29/")
            .text()
            .contains("Extra 29")
    );

    for clutter in [
        "content/vacancies/.extra-1.md.swp",
        "content/vacancies/extra-1.md~",
        "content/vacancies/extra-1.md.tmp",
        "content/vacancies/4913",
        "content/.hidden/x.md",
    ] {
        portal.write(clutter, "x");
    }
    assert!(
        events.next(Duration::from_millis(800)).is_none(),
        "clutter rebuilt"
    );
}

#[test]
fn two_thousand_requests_from_32_threads_all_succeed() {
    let portal = PortalTest::fixture("full");
    let serve = Serve::start(&portal);
    let targets: Arc<Vec<String>> = Arc::new(
        [
            "/",
            "/vacatures/",
            "/style.css",
            "/organisaties/",
            "/sitemap.xml",
            "/__stagebord/livereload.js",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    let expected: Vec<usize> = targets.iter().map(|t| serve.get(t).body.len()).collect();
    let expected = Arc::new(expected);
    let addr = serve.addr;
    let started = Instant::now();
    let threads: Vec<_> = (0..32)
        .map(|t| {
            let targets = Arc::clone(&targets);
            let expected = Arc::clone(&expected);
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..63 {
                    let n = (t + i) % targets.len();
                    match http(addr, "GET", &targets[n], &[]) {
                        Ok(r) if r.status == 200 && r.body.len() == expected[n] => {}
                        Ok(r) => failures.push(format!("{}: {}", targets[n], r.status)),
                        Err(e) => failures.push(format!("{}: {e}", targets[n])),
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert!(
        failures.is_empty(),
        "{} failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(10)]
    );
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn a_slow_client_does_not_block_the_others() {
    let portal = PortalTest::fixture("minimal");
    let serve = Serve::start(&portal);
    // Clients that send half a request and then nothing, and live-reload streams.
    let _idle: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = TcpStream::connect_timeout(&serve.addr, TIMEOUT).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            s
        })
        .collect();
    let _streams: Vec<Events> = (0..20).map(|_| serve.events()).collect();
    let started = Instant::now();
    for _ in 0..20 {
        assert_eq!(serve.get("/").status, 200);
    }
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[cfg(unix)]
#[test]
fn sigterm_stops_it_cleanly_and_removes_its_folder() {
    let portal = PortalTest::fixture("minimal");
    let mut serve = Serve::start(&portal);
    let mut events = serve.events();
    events.expect("hello", TIMEOUT);
    assert!(serve.output.is_dir());
    assert_eq!(serve.terminate(), Some(0), "{}", serve.stderr());
    assert!(!serve.output.exists());
    assert!(!serve.output.parent().unwrap().exists());
    // The stream ended with the server.
    assert!(events.next(Duration::from_secs(2)).is_none());
}
