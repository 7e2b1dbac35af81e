//! The example portal of the repository: it builds cleanly, every internal URL in its
//! output resolves to a file, and closed and draft vacancies appear only on their own page.

use std::collections::BTreeSet;
use std::path::Path;

use crate::harness::{PortalTest, tree};

/// Every value of `href="..."` and `src="..."` in an HTML text.
fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attribute) {
            rest = &rest[i + attribute.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(
                std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                16,
            ) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// The output file an internal URL points to.
fn target(public: &Path, url: &str) -> std::path::PathBuf {
    let path = url.split(['#', '?']).next().unwrap();
    let path = percent_decode(path.trim_start_matches('/'));
    if path.is_empty() || path.ends_with('/') {
        public.join(path).join("index.html")
    } else {
        public.join(path)
    }
}

#[test]
fn the_example_portal_builds_and_every_internal_url_resolves() {
    let p = PortalTest::example();
    let run = p.build().success();
    assert!(
        run.stdout.starts_with(
            "30 vacancies (27 open on 2026-11-23), 7 organisations, 4 brochures, 7 events -> "
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.is_empty(),
        "the example portal builds without warnings:\n{}",
        run.stderr
    );
    let public = p.public();
    let files = tree(&public);
    let mut checked = BTreeSet::new();
    for (path, bytes) in &files {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(bytes.clone()).unwrap();
        for url in urls(&html) {
            if url.starts_with("//") || url.contains(':') || url.starts_with('#') {
                continue; // external (https:, mailto:, tel:) or on the same page
            }
            assert!(
                url.starts_with('/'),
                "{}: relative URL {url:?}",
                path.display()
            );
            assert!(
                target(&public, &url).is_file(),
                "{}: {url} does not resolve",
                path.display()
            );
            checked.insert(url);
        }
    }
    assert!(
        checked.len() > 80,
        "only {} internal URLs checked",
        checked.len()
    );
    assert!(
        checked.iter().any(|u| u.ends_with(".svg")),
        "images are checked too"
    );
    assert!(
        checked.iter().any(|u| u.ends_with("style.css")),
        "stylesheets are checked too"
    );
}

#[test]
fn closed_and_draft_vacancies_appear_nowhere_but_on_their_own_page() {
    let p = PortalTest::example();
    p.build_with(&["--drafts"]).success();
    let files = tree(&p.public());
    let closed = [
        "meewerkstage-sociaal-wijkteam",
        "stage-onderwijs-loopbaanbegeleiding",
        "snuffelstage-waterkeringen",
    ];
    let draft = "meewerkstage-archief-informatiebeheer";
    for slug in closed.iter().chain([&draft]) {
        let own = format!("vacatures/{slug}/index.html");
        assert!(files.contains_key(Path::new(&own)), "{own} is built");
        let link = format!("/vacatures/{slug}/");
        for (path, bytes) in &files {
            if path == Path::new(&own) {
                continue;
            }
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains(&link),
                "{slug} appears in {}",
                path.display()
            );
        }
    }
}

#[test]
fn the_example_portal_passes_check_with_only_the_expected_advice() {
    let p = PortalTest::example();
    let run = p.check(&[]).success();
    // The three closed vacancies are the only advice (notes): every other vacancy states its
    // allowance, hours, deadline, fields and contact, and its texts are fair.
    assert_eq!(run.stderr.matches("warning").count(), 0, "{}", run.stderr);
    assert_eq!(run.stderr.matches("note:").count(), 3, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("the deadline").count(),
        3,
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("checked in"), "{}", run.stdout);
}
