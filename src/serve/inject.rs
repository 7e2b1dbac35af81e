//! What the preview adds to every HTML page it serves, at serve time (never in the build).
//!
//! This file owns the injected markup: the live-reload script tag (an external file, so a
//! strict Content-Security-Policy of the theme still allows it; it carries the id of the
//! build the page came from), the error overlay (every error of a failed rebuild, escaped
//! text, no inline style: the script styles it), and the page shown before the first build
//! succeeded.

use super::Problem;

/// The URL of the live-reload script.
pub const SCRIPT_URL: &str = "/__stagebord/livereload.js";

/// The URL of the event stream.
pub const EVENTS_URL: &str = "/__stagebord/events";

/// The id of the overlay element (the script looks for it).
pub const OVERLAY_ID: &str = "stagebord-errors";

/// The live-reload script, served at [`SCRIPT_URL`].
pub const SCRIPT: &str = include_str!("livereload.js");

/// Escapes text for HTML element content and quoted attribute values.
pub use crate::render::escape_html as escape;

/// The error overlay, or nothing when there are no errors.
pub fn overlay(problems: &[Problem]) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let count = problems.len();
    let mut html = format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" data-stagebord-overlay>\n\
<p><strong>{count} error{} in the portal.</strong> The preview shows the last good build; \
fix the file{} and this page updates by itself.</p>\n<ol>\n",
        if count == 1 { "" } else { "s" },
        if count == 1 { "" } else { "s" },
    );
    for p in problems {
        html.push_str("<li>");
        let place = p.place();
        if !place.is_empty() {
            html.push_str(&format!("<code>{}</code> ", escape(&place)));
        }
        html.push_str(&escape(&p.message));
        if let Some(help) = &p.help {
            html.push_str(&format!("<br><small>help: {}</small>", escape(help)));
        }
        html.push_str("</li>\n");
    }
    html.push_str("</ol>\n</div>\n");
    html
}

/// The overlay (if any) and the script tag, as inserted before `</body>`.
pub fn snippet(build: &str, problems: &[Problem]) -> String {
    format!(
        "{}<script src=\"{SCRIPT_URL}\" data-build=\"{}\" defer></script>\n",
        overlay(problems),
        escape(build)
    )
}

/// Inserts `snippet` before the last `</body>` (any case), or appends it when there is none.
pub fn inject(html: &[u8], snippet: &str) -> Vec<u8> {
    let at = rfind_ignore_case(html, b"</body").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The page served while there is no good build yet (the first build failed or runs).
pub fn placeholder(build: &str, problems: &[Problem]) -> String {
    let message = if problems.is_empty() {
        "The portal is being built; this page reloads when it is ready."
    } else {
        "The portal has errors, so there is nothing to show yet. Fix them and this page reloads by itself."
    };
    let body = format!("<h1>stagebord preview</h1>\n<p>{message}</p>\n</body>");
    let page = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>stagebord preview</title>\n</head>\n<body>\n{body}\n</html>\n"
    );
    String::from_utf8_lossy(&inject(page.as_bytes(), &snippet(build, problems))).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem() -> Problem {
        Problem {
            file: "content/vacancies/a.md".into(),
            line: Some(5),
            column: Some(18),
            message: "unknown level \"<script>\"".into(),
            help: Some("use one of: vmbo, mbo & hbo".into()),
        }
    }

    #[test]
    fn injects_before_the_last_body_end() {
        let html = b"<html><body><p>x</p></BODY>\n</html>";
        let out = String::from_utf8(inject(html, "<s></s>")).unwrap();
        assert_eq!(out, "<html><body><p>x</p><s></s></BODY>\n</html>");
        let out = String::from_utf8(inject(b"<p>no body end", "<s></s>")).unwrap();
        assert_eq!(out, "<p>no body end<s></s>");
        assert_eq!(inject(b"", "x"), b"x");
    }

    #[test]
    fn the_script_is_an_external_file_with_the_build() {
        let s = snippet("abc-1", &[]);
        assert_eq!(
            s,
            "<script src=\"/__stagebord/livereload.js\" data-build=\"abc-1\" defer></script>\n"
        );
    }

    #[test]
    fn the_overlay_escapes_everything() {
        let html = overlay(&[problem()]);
        assert!(html.contains("<code>content/vacancies/a.md:5:18</code>"));
        assert!(html.contains("unknown level &quot;&lt;script&gt;&quot;"));
        assert!(html.contains("help: use one of: vmbo, mbo &amp; hbo"));
        assert!(!html.contains("<script"));
        assert!(html.contains("1 error in the portal"));
        assert_eq!(overlay(&[]), "");
    }

    #[test]
    fn the_placeholder_has_the_script_and_the_errors() {
        let page = placeholder("abc-0", &[problem()]);
        assert!(page.contains(SCRIPT_URL));
        assert!(page.contains(OVERLAY_ID));
        assert!(page.trim_end().ends_with("</body>\n</html>"));
    }
}
