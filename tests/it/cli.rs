//! The commands besides `build`: init, new, check, and the summary line.

use crate::harness::PortalTest;

#[test]
fn init_then_build_works_with_no_other_step() {
    let p = PortalTest::empty();
    let dir = p.root.to_str().unwrap();
    let run = p.run(&["init", dir]).success();
    assert!(
        run.stdout.contains("created a new portal"),
        "{}",
        run.stdout
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stagebord"))
        .arg("build")
        .current_dir(&p.root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stderr.is_empty(),
        "a new portal builds without warnings: {stderr}"
    );
    assert!(stdout.contains("1 vacancy"), "{stdout}");
    assert!(stdout.contains("-> public/ in "), "{stdout}");
    assert!(p.has("vacatures/stagiair-communicatie/index.html"));
    assert!(p.has("organisaties/gemeente-voorbeeld/huisregels/index.html"));
    assert!(p.has("over/index.html"));
}

#[test]
fn init_refuses_a_folder_with_files() {
    let p = PortalTest::fixture("minimal");
    let run = p.run(&["init", p.root.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
}

#[test]
fn new_writes_files_that_build() {
    let p = PortalTest::fixture("minimal");
    let root = p.root.to_str().unwrap();
    p.run(&["new", "organisation", "gemeente-bb", "--root", root])
        .success();
    p.run(&[
        "new",
        "vacancy",
        "stagiair-hr",
        "--organisation",
        "gemeente-bb",
        "--root",
        root,
    ])
    .success();
    p.run(&[
        "new",
        "brochure",
        "huisregels-bb",
        "--organisation",
        "gemeente-bb",
        "--root",
        root,
    ])
    .success();
    let text = std::fs::read_to_string(p.root.join("content/vacancies/stagiair-hr.md")).unwrap();
    for key in [
        "title",
        "organisation",
        "published",
        "closes",
        "kind",
        "levels",
        "fields",
        "location",
        "hours_per_week",
        "allowance",
        "apply",
        "crebo",
        "contact",
        "summary",
        "draft",
    ] {
        assert!(
            text.contains(&format!("{key} =")),
            "new vacancy lacks {key}"
        );
    }
    p.build().success();
    assert!(p.has("vacatures/stagiair-hr/index.html"));
    assert!(p.has("organisaties/gemeente-bb/huisregels-bb/index.html"));
    let again = p.run(&["new", "vacancy", "stagiair-hr", "--root", root]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists"));
    let bad = p.run(&["new", "vacancy", "Stagiair HR", "--root", root]);
    assert!(bad.stderr.contains("\"stagiair-hr\""), "{}", bad.stderr);
}

#[test]
fn check_lists_advice_and_strict_fails_on_it() {
    let p = PortalTest::fixture("full");
    let run = p.check(&[]).success();
    assert!(
        run.stderr.contains(
            "content/vacancies/gesloten-vacature.md: note: the deadline (2026-11-22) has passed"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning: the vacancy does not state an allowance")
    );
    assert!(run.stderr.contains("warning: the vacancy has no fields"));
    assert!(!p.public().exists(), "check writes nothing");
    let strict = p.check(&["--strict"]);
    assert_eq!(strict.code, 1);
    assert!(strict.stderr.contains("failed because of --strict"));
}

#[test]
fn summary_line_counts_what_was_built() {
    let p = PortalTest::fixture("full");
    let run = p.build().success();
    let line = run.stdout.trim();
    assert!(
        line.starts_with("10 vacancies (9 open on 2026-11-23), 2 organisations, 2 brochures -> "),
        "{line}"
    );
    assert!(
        line.contains(" s; next change 2026-11-24T00:00:00+01:00: 1 vacancy closes"),
        "{line}"
    );
}

#[test]
fn a_bad_today_flag_is_an_error() {
    let p = PortalTest::fixture("minimal");
    let run = p.build_with(&["--today", "2026-02-30"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("--today \"2026-02-30\" is not a date"),
        "{}",
        run.stderr
    );
}

#[test]
fn output_dir_outside_the_portal_and_a_missing_portal() {
    let p = PortalTest::fixture("minimal");
    let out = p.root.parent().unwrap().join("elders");
    p.build_with(&["--output-dir", out.to_str().unwrap()])
        .success();
    assert!(out.join("index.html").is_file());
    let refuse = p.build_with(&["--output-dir", p.root.to_str().unwrap()]);
    assert_eq!(refuse.code, 1);
    assert!(
        refuse.stderr.contains("refusing to write the output"),
        "{}",
        refuse.stderr
    );
    let none = p.run(&["build", "--root", "/nonexistent-portal"]);
    assert_eq!(none.code, 1);
    assert!(
        none.stderr
            .contains("portal.toml: error: cannot read the portal's settings"),
        "{}",
        none.stderr
    );
}

#[test]
fn timings_name_every_stage_with_its_time_and_memory() {
    let p = PortalTest::fixture("minimal");
    let run = p.build_with(&["--timings"]).success();
    let stages: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|l| l.split_once(':').map(|(name, _)| name.trim()))
        .collect();
    assert_eq!(
        stages,
        [
            "load",
            "theme",
            "validate",
            "markdown",
            "plan",
            "render and write"
        ],
        "{}",
        run.stderr
    );
    for line in run.stderr.lines() {
        let (_, figures) = line.split_once(':').unwrap();
        let ms: f64 = figures.split_whitespace().next().unwrap().parse().unwrap();
        assert!(ms >= 0.0, "{line}");
        if cfg!(target_os = "linux") {
            // "   12.3 ms       60 MB resident,     61 MB at most"
            let numbers: Vec<f64> = figures
                .split_whitespace()
                .filter_map(|w| w.trim_end_matches(',').parse().ok())
                .collect();
            assert_eq!(numbers.len(), 3, "{line}");
            assert!(numbers[1] > 0.0 && numbers[2] >= numbers[1], "{line}");
        }
    }
}
