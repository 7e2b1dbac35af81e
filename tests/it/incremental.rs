//! Incremental rebuilds (the `serve` path) give exactly the bytes of a full build, after
//! every kind of edit, while writing only what the edit touched.

use std::path::Path;

use stagebord::BuildOptions;
use stagebord::session::Session;

use crate::harness::{PortalTest, TODAY, tree};

fn options(root: &Path, output: &str) -> BuildOptions {
    BuildOptions {
        output_dir: Some(root.parent().unwrap().join(output)),
        today: Some(TODAY.to_string()),
        ..BuildOptions::new(root)
    }
}

/// Rebuilds incrementally, builds in full elsewhere, and compares the two outputs.
fn step(p: &PortalTest, session: &mut Session, what: &str) -> (usize, bool) {
    let rebuilt = session.rebuild();
    assert!(
        rebuilt.report.outcome.is_ok(),
        "{what}: {:#?}",
        rebuilt.report.diagnostics
    );
    let full = stagebord::build(&options(&p.root, "full"));
    assert!(full.outcome.is_ok(), "{what}: {:#?}", full.diagnostics);
    // Results kept from earlier rebuilds (wording findings, rendered bodies) must report
    // exactly what a fresh build reports.
    assert_eq!(
        rebuilt.report.diagnostics, full.diagnostics,
        "{what}: the rebuild's problems differ from a full build's"
    );
    let incremental = tree(&p.root.parent().unwrap().join("incremental"));
    let whole = tree(&p.root.parent().unwrap().join("full"));
    let only_in = |a: &std::collections::BTreeMap<_, _>,
                   b: &std::collections::BTreeMap<_, _>|
     -> Vec<String> {
        a.keys()
            .filter(|k| !b.contains_key(*k))
            .map(|k: &std::path::PathBuf| k.display().to_string())
            .collect()
    };
    assert!(
        only_in(&incremental, &whole).is_empty(),
        "{what}: stale files {:?}",
        only_in(&incremental, &whole)
    );
    assert!(
        only_in(&whole, &incremental).is_empty(),
        "{what}: missing files {:?}",
        only_in(&whole, &incremental)
    );
    for (path, bytes) in &whole {
        assert!(
            incremental[path] == *bytes,
            "{what}: {} differs from a full build",
            path.display()
        );
    }
    (rebuilt.written.len(), rebuilt.full)
}

#[test]
fn a_scripted_series_of_edits_matches_full_builds() {
    let p = PortalTest::fixture("full");
    let mut session = Session::new(options(&p.root, "incremental"));
    let (_, full) = step(&p, &mut session, "first build");
    assert!(full);
    let total = tree(&p.root.parent().unwrap().join("full")).len();
    let vacancy = "content/vacancies/bbl-vacature.md";
    let text = std::fs::read_to_string(p.root.join(vacancy)).unwrap();

    let edit = |path: &str, from: &str, to: &str| {
        let file = p.root.join(path);
        let old = std::fs::read_to_string(&file).unwrap();
        assert!(old.contains(from), "{path} lacks {from:?}");
        std::fs::write(&file, old.replacen(from, to, 1)).unwrap();
    };

    edit(
        vacancy,
        "Eerste alinea over de bbl.",
        "Een nieuwe eerste alinea.",
    );
    let (written, full) = step(&p, &mut session, "change a vacancy's text");
    assert!(!full);
    assert!(
        written < total / 2,
        "a text change rewrote {written} of {total} files"
    );

    edit(
        vacancy,
        "Een nieuwe eerste alinea.",
        "Een nieuwe eerste alinea voor ons jonge en dynamische team.",
    );
    step(
        &p,
        &mut session,
        "write a phrase the wording check warns about",
    );
    let again = session.rebuild();
    assert!(
        again
            .report
            .diagnostics
            .iter()
            .any(|d| d.path.ends_with("bbl-vacature.md") && d.message.contains("leeftijd")),
        "a rebuild without changes still reports the kept finding: {:#?}",
        again.report.diagnostics
    );
    step(&p, &mut session, "rebuild without changes");

    edit(
        vacancy,
        "title = \"Bbl bij waterschap-zuid\"",
        "title = \"BBL-plaats monteur\"",
    );
    step(&p, &mut session, "change a vacancy's title");

    p.write(
        "content/vacancies/waterschap-zuid/nieuw.md",
        &text
            .replace("organisation = \"waterschap-zuid\"\n", "")
            .replace("Bbl bij", "Nieuw bij"),
    );
    step(&p, &mut session, "add a vacancy");

    std::fs::rename(
        p.root.join("content/vacancies/waterschap-zuid/nieuw.md"),
        p.root.join("content/vacancies/waterschap-zuid/hernoemd.md"),
    )
    .unwrap();
    step(&p, &mut session, "rename a vacancy");

    std::fs::remove_file(p.root.join("content/vacancies/traineeship-vacature.md")).unwrap();
    step(&p, &mut session, "delete a vacancy");

    // The deadline calendar, next-change.json and the sitemap show dates, not texts.
    edit(vacancy, "closes = 2027-01-15", "closes = 2027-03-15");
    step(&p, &mut session, "move a deadline");
    edit(
        vacancy,
        "closes = 2027-03-15",
        "closes = 2027-03-15\nupdated = 2026-11-20",
    );
    step(&p, &mut session, "say when a vacancy was updated");

    edit(vacancy, "closes = 2027-03-15", "closes = 2026-11-01");
    step(&p, &mut session, "close a vacancy");

    edit(
        vacancy,
        "fields = [\"financien\", \"ICT\"]",
        "fields = [\"Financiën\", \"ict\", \"Data\"]",
    );
    step(&p, &mut session, "change a vacancy's fields");

    edit(
        "content/organisations/waterschap-zuid.md",
        "name = \"Waterschap Zuid\"",
        "name = \"Waterschap Zuiderland\"",
    );
    step(&p, &mut session, "rename an organisation");

    p.write("content/brochures/onthaal-zuid.md", "+++\ntitle = \"Welkom\"\norganisation = \"waterschap-zuid\"\nkind = \"onthaal\"\n+++\nWelkom.\n");
    step(&p, &mut session, "add a brochure");

    std::fs::remove_file(p.root.join("content/brochures/reglement-zuid.md")).unwrap();
    step(&p, &mut session, "delete a brochure");

    edit(
        "content/pages/over.md",
        "title = \"Over ons\"",
        "title = \"Over dit portaal\"",
    );
    step(&p, &mut session, "retitle a page (in every footer)");

    std::fs::write(p.root.join("static/robots-extra.txt"), "changed\n").unwrap();
    step(&p, &mut session, "change a static file");

    edit("portal.toml", "paginate = 3", "paginate = 2");
    let (_, full) = step(&p, &mut session, "change the settings");
    assert!(full, "a settings change rebuilds everything");
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_output() {
    let p = PortalTest::fixture("minimal");
    let mut session = Session::new(options(&p.root, "incremental"));
    assert!(session.rebuild().report.outcome.is_ok());
    let out = p.root.parent().unwrap().join("incremental");
    let before = tree(&out);
    p.write(
        "content/vacancies/gemeente-aa/stagiair-ict.md",
        "+++\ntitle = \n+++\n",
    );
    let failed = session.rebuild();
    assert!(failed.report.outcome.is_err());
    assert!(
        failed
            .report
            .diagnostics
            .iter()
            .any(|d| d.to_string().contains("stagiair-ict.md:2:"))
    );
    assert_eq!(tree(&out), before);
    p.write("content/vacancies/gemeente-aa/stagiair-ict.md", "+++\ntitle = \"Weer goed\"\npublished = 2026-10-01\nlevels = [\"mbo\"]\nlocation = \"Aa\"\napply = \"stages@aa.example.nl\"\n+++\nTekst.\n");
    let fixed = session.rebuild();
    assert!(fixed.report.outcome.is_ok());
    assert!(
        std::fs::read_to_string(out.join("vacatures/stagiair-ict/index.html"))
            .unwrap()
            .contains("Weer goed")
    );
}

/// A session keeps the search index's words per chunk of 1,024 rows: edits in either chunk,
/// and a deadline that moves a vacancy from one chunk to the other, give a full build's index.
#[test]
fn edits_across_the_chunks_of_the_search_index_match_full_builds() {
    let p = PortalTest::fixture("minimal");
    let vacancy = |n: usize, closes: &str, words: &str| {
        format!(
            "+++\ntitle = \"Stage {n}\"\npublished = 2026-10-01\ncloses = {closes}\nlevels = [\"mbo\"]\nfields = [\"ICT\"]\nlocation = \"Aa\"\napply = \"stages@aa.example.nl\"\n+++\nJe werkt aan project{n} met team{} en {words}.\n",
            n % 7
        )
    };
    let closes = |n: usize| format!("2027-{:02}-{:02}", 1 + n % 12, 1 + n % 28);
    let path = |n: usize| format!("content/vacancies/gemeente-aa/stage-{n:04}.md");
    for n in 0..1100 {
        p.write(&path(n), &vacancy(n, &closes(n), "koffie"));
    }
    let mut session = Session::new(options(&p.root, "incremental"));
    step(&p, &mut session, "first build");
    let total = tree(&p.root.parent().unwrap().join("full")).len();
    // Rows are in deadline order: stage 0 (January 1st) is in the first chunk, stage 1091
    // (December 28th) in the second.
    p.write(
        &path(1091),
        &vacancy(1091, &closes(1091), "thee en zeilboten"),
    );
    let (written, full) = step(&p, &mut session, "a new word in the second chunk");
    assert!(
        !full && written * 10 < total,
        "{written} of {total} files written"
    );
    p.write(&path(0), &vacancy(0, &closes(0), "zeilboten"));
    step(&p, &mut session, "the same word in the first chunk");
    p.write(
        &path(1091),
        &vacancy(1091, "2027-01-01", "thee en zeilboten"),
    );
    step(
        &p,
        &mut session,
        "a deadline that moves a row to the first chunk",
    );
}

/// `serve` writes the pages first and the feeds after the reload: `rebuild_pages` leaves
/// the changed feeds as they were, and `write_feeds` brings them up to date.
#[test]
fn feeds_follow_the_pages_when_asked_to() {
    let p = PortalTest::fixture("full");
    let mut session = Session::new(options(&p.root, "incremental"));
    assert!(session.rebuild().pending.is_empty());
    let out = p.root.parent().unwrap().join("incremental");
    let vacancy = "content/vacancies/bbl-vacature.md";
    let text = std::fs::read_to_string(p.root.join(vacancy)).unwrap();
    p.write(
        vacancy,
        &text.replace("Veel leuke dingen.", "Veel zeilboten."),
    );
    let rebuilt = session.rebuild_pages();
    assert!(rebuilt.report.outcome.is_ok());
    assert!(!rebuilt.full);
    assert!(rebuilt.pending.contains(&"feed.xml".to_string()));
    assert!(rebuilt.pending.iter().all(|p| !rebuilt.written.contains(p)));
    let page = std::fs::read_to_string(out.join("vacatures/bbl-vacature/index.html")).unwrap();
    assert!(page.contains("Veel zeilboten."));
    let feed = || std::fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(!feed().contains("zeilboten"), "the feed waits");
    let feeds = session.write_feeds().unwrap();
    assert_eq!(feeds, rebuilt.pending);
    assert!(feed().contains("zeilboten"));
    // Nothing is left: the next rebuild of an unchanged portal writes nothing.
    assert!(session.write_feeds().unwrap().is_empty());
    let again = session.rebuild();
    assert!(again.written.is_empty(), "{:?}", again.written);
    step(&p, &mut session, "after the feeds");
}
