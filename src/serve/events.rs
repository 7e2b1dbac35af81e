//! Live reload over Server-Sent Events: the messages, the subscribers, one stream each.
//!
//! This file owns the wire format of `/__stagebord/events` and the list of connected
//! browsers. Every message is one SSE event with an `id:` (the build id, so a browser that
//! reconnects after a restart sees a new build and reloads) and a JSON `data:` line:
//!
//! - `{"kind":"hello","build":"…","errors":[…]}`: first, on every (re)connection;
//! - `{"kind":"reload","build":"…","ms":12,"since_change_ms":170}`: a rebuild succeeded;
//! - `{"kind":"css",…}`: the same, but only stylesheets changed;
//! - `{"kind":"errors","build":"…","errors":[{"file","line","column","message","help"}],…}`:
//!   a rebuild failed, the last good build is still served.
//!
//! `ms` is the rebuild's duration and `since_change_ms` the time from the first file-system
//! event of the burst to this message (the benchmark's write-to-reload time, less the
//! watcher's own latency). Each browser gets its own thread and channel ([`stream`]), so a
//! slow or vanished browser never holds up a rebuild or another browser.

use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use super::Problem;

/// How long a browser waits before reconnecting after the connection dropped.
pub const RETRY_MS: u64 = 1000;

/// How often an idle stream sends a comment, to notice browsers that went away.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The most browsers connected at once (each holds a thread).
pub const MAX_SUBSCRIBERS: usize = 256;

/// One live-reload message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event<'a> {
    /// The first message of a connection: which build is served, and its errors.
    Hello {
        /// The errors of the last failed rebuild (empty when it succeeded).
        problems: &'a [Problem],
    },
    /// A rebuild succeeded: reload the page.
    Reload {
        /// The rebuild took this long.
        ms: u128,
        /// From the first change of the burst to now.
        since_change_ms: u128,
    },
    /// A rebuild succeeded and only stylesheets changed: reload them in place.
    Css {
        /// The rebuild took this long.
        ms: u128,
        /// From the first change of the burst to now.
        since_change_ms: u128,
    },
    /// A rebuild failed: show the errors over the (last good) page.
    Errors {
        /// Every error.
        problems: &'a [Problem],
        /// The rebuild took this long.
        ms: u128,
        /// From the first change of the burst to now.
        since_change_ms: u128,
    },
}

impl Event<'_> {
    /// The JSON `data` of the event.
    pub fn json(&self, build: &str) -> String {
        let build = json_string(build);
        match self {
            Event::Hello { problems } => format!(
                r#"{{"kind":"hello","build":{build},"errors":{}}}"#,
                problems_json(problems)
            ),
            Event::Reload {
                ms,
                since_change_ms,
            } => format!(
                r#"{{"kind":"reload","build":{build},"ms":{ms},"since_change_ms":{since_change_ms}}}"#
            ),
            Event::Css {
                ms,
                since_change_ms,
            } => format!(
                r#"{{"kind":"css","build":{build},"ms":{ms},"since_change_ms":{since_change_ms}}}"#
            ),
            Event::Errors {
                problems,
                ms,
                since_change_ms,
            } => format!(
                r#"{{"kind":"errors","build":{build},"errors":{},"ms":{ms},"since_change_ms":{since_change_ms}}}"#,
                problems_json(problems)
            ),
        }
    }

    /// The event as SSE text (`retry:` first when `first`), ending with a blank line.
    pub fn to_sse(&self, build: &str, first: bool) -> String {
        let retry = if first {
            format!("retry: {RETRY_MS}\n")
        } else {
            String::new()
        };
        format!("{retry}id: {build}\ndata: {}\n\n", self.json(build))
    }
}

fn problems_json(problems: &[Problem]) -> String {
    let items: Vec<String> = problems
        .iter()
        .map(|p| {
            let number = |n: Option<usize>| n.map_or_else(|| "null".to_string(), |n| n.to_string());
            let help = p
                .help
                .as_deref()
                .map_or_else(|| "null".to_string(), json_string);
            format!(
                r#"{{"file":{},"line":{},"column":{},"message":{},"help":{help}}}"#,
                json_string(&p.file),
                number(p.line),
                number(p.column),
                json_string(&p.message),
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

/// `text` as a JSON string literal (safe on one SSE `data:` line: no raw line breaks).
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The connected browsers: one channel each, read by the browser's own thread.
#[derive(Debug, Default)]
pub struct Hub {
    subscribers: Vec<Sender<Arc<str>>>,
}

impl Hub {
    /// Adds a subscriber whose first message is `hello`; `None` when the hub is full.
    pub fn subscribe(&mut self, hello: Arc<str>) -> Option<Receiver<Arc<str>>> {
        if self.subscribers.len() >= MAX_SUBSCRIBERS {
            self.subscribers
                .retain(|s| s.send(Arc::from(": ping\n\n")).is_ok());
            if self.subscribers.len() >= MAX_SUBSCRIBERS {
                return None;
            }
        }
        let (tx, rx) = mpsc::channel();
        tx.send(hello).ok()?;
        self.subscribers.push(tx);
        Some(rx)
    }

    /// Sends `message` to every subscriber; forgets those whose stream has ended.
    pub fn broadcast(&mut self, message: Arc<str>) {
        self.subscribers
            .retain(|s| s.send(Arc::clone(&message)).is_ok());
    }

    /// How many browsers are connected.
    pub fn len(&self) -> usize {
        self.subscribers.len()
    }

    /// True when no browser is connected.
    pub fn is_empty(&self) -> bool {
        self.subscribers.is_empty()
    }

    /// Drops every subscriber, which ends their streams.
    pub fn close(&mut self) {
        self.subscribers.clear();
    }
}

/// The response head of the event stream (the body is delimited by closing the
/// connection, which is what an event stream does anyway).
pub const HEAD: &str = "HTTP/1.1 200 OK\r\n\
Content-Type: text/event-stream; charset=utf-8\r\n\
Cache-Control: no-cache, no-store\r\n\
X-Content-Type-Options: nosniff\r\n\
Connection: close\r\n\
Server: stagebord\r\n\r\n";

/// Writes the stream to one browser until it goes away or the hub drops its channel.
pub fn stream(mut out: impl Write, messages: Receiver<Arc<str>>) {
    if out
        .write_all(HEAD.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match messages.recv_timeout(KEEP_ALIVE) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => Arc::from(": keep-alive\n\n"),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem() -> Problem {
        Problem {
            file: "content/vacancies/a.md".into(),
            line: Some(5),
            column: Some(18),
            message: "unknown level \"havo\"\n<b>".into(),
            help: None,
        }
    }

    #[test]
    fn json_escapes_quotes_breaks_and_tags() {
        assert_eq!(
            json_string("a\"b\\c\nd</script>\u{1}"),
            r#""a\"b\\c\nd\u003c/script>\u0001""#
        );
    }

    #[test]
    fn events_are_one_data_line_with_an_id() {
        let problems = [problem()];
        let sse = Event::Errors {
            problems: &problems,
            ms: 12,
            since_change_ms: 170,
        }
        .to_sse("abc-3", false);
        assert_eq!(sse.lines().filter(|l| !l.is_empty()).count(), 2, "{sse}");
        assert!(sse.starts_with("id: abc-3\ndata: {\"kind\":\"errors\""));
        assert!(sse.contains(r#""file":"content/vacancies/a.md","line":5,"column":18"#));
        assert!(sse.contains(r#""ms":12"#));
        assert!(sse.ends_with("}\n\n"));
        let hello = Event::Hello { problems: &[] }.to_sse("abc-3", true);
        assert!(hello.starts_with("retry: 1000\nid: abc-3\n"), "{hello}");
        assert!(hello.contains(r#""errors":[]"#));
    }

    #[test]
    fn hub_forgets_ended_streams() {
        let mut hub = Hub::default();
        let a = hub.subscribe("hello".into()).unwrap();
        let b = hub.subscribe("hello".into()).unwrap();
        drop(b);
        hub.broadcast("x".into());
        assert_eq!(hub.len(), 1);
        assert_eq!(&*a.recv().unwrap(), "hello");
        assert_eq!(&*a.recv().unwrap(), "x");
        hub.close();
        assert!(a.recv().is_err());
    }

    #[test]
    fn stream_writes_head_then_messages_and_ends_with_the_hub() {
        let (tx, rx) = mpsc::channel();
        tx.send(Arc::from("data: 1\n\n")).unwrap();
        drop(tx);
        let mut out = Vec::new();
        stream(&mut out, rx);
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(text.contains("Content-Type: text/event-stream"));
        assert!(text.ends_with("\r\n\r\ndata: 1\n\n"));
    }
}
