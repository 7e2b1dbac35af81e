//! The fair-wording check as people meet it: warnings at the right line and column in
//! `check` and `build`, switched off per portal or per file with a reason, `--strict`, and
//! `--format json` for editors and CI.

use serde_json::Value;

use crate::harness::PortalTest;

#[test]
fn unfair_texts_yield_exactly_the_expected_warnings() {
    let p = PortalTest::fixture("unfair");
    let run = p.check(&["--format", "json"]).success();
    let findings: Value = serde_json::from_str(&run.stdout).unwrap();
    let got: Vec<(String, u64, u64, String, String)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
                f["phrase"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let pers = "content/vacancies/stagiair-pers.md".to_string();
    let want = vec![
        (pers.clone(), 2, 24, "gender".to_string(), "(m)".to_string()),
        (
            pers.clone(),
            13,
            20,
            "leeftijd".to_string(),
            "jong en dynamisch team".to_string(),
        ),
        (
            pers.clone(),
            19,
            11,
            "leeftijd".to_string(),
            "maximaal 25 jaar oud".to_string(),
        ),
        (
            pers.clone(),
            20,
            20,
            "taal".to_string(),
            "moedertaal".to_string(),
        ),
        (
            pers,
            21,
            3,
            "foto".to_string(),
            "Stuur een foto mee".to_string(),
        ),
    ];
    assert_eq!(
        got, want,
        "`gezondheid` is off for the portal, `leeftijd` for the youth-work file"
    );
    assert!(
        findings[1]["message"]
            .as_str()
            .unwrap()
            .contains("College voor de Rechten van de Mens")
    );
}

#[test]
fn text_output_names_the_rule_and_strict_fails() {
    let p = PortalTest::fixture("unfair");
    let run = p.check(&[]).success();
    assert!(
        run.stderr.contains("content/vacancies/stagiair-pers.md:13:20: warning[leeftijd]: \"jong en dynamisch team\" verwijst naar leeftijd"),
        "{}",
        run.stderr
    );
    let strict = p.check(&["--strict"]);
    assert_eq!(strict.code, 1);
    let json = p.check(&["--strict", "--format", "json"]);
    assert_eq!(
        json.code, 1,
        "--strict decides the exit code in JSON mode too"
    );
    let build = p.build().success();
    assert!(
        build.stderr.contains("warning[foto]"),
        "build shows the wording warnings too"
    );
}

#[test]
fn switching_a_rule_off_needs_a_known_rule_and_a_reason() {
    let p = PortalTest::fixture("unfair");
    p.write(
        "portal.toml",
        "title = \"T\"\nbase_url = \"https://x.example.nl\"\n\n[check]\ndisable = [\"leeftyd\"]\n",
    );
    p.write(
        "content/vacancies/stagiair-jongerenwerk.md",
        &std::fs::read_to_string(p.root.join("content/vacancies/stagiair-jongerenwerk.md"))
            .unwrap()
            .replace("check_reason = \"Het jongerenpanel zoekt leden tussen 16 en 23; dat staat in de verordening.\"\n", ""),
    );
    let run = p.check(&[]).failure();
    assert!(
        run.stderr
            .contains("portal.toml:5:12: error: unknown wording rule \"leeftyd\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean \"leeftijd\"?"));
    assert!(
        run.stderr
            .contains("portal.toml:4:1: error: missing required key `check.reason`"),
        "{}",
        run.stderr
    );
    p.write(
        "portal.toml",
        "title = \"T\"\nbase_url = \"https://x.example.nl\"\n",
    );
    let run = p.check(&[]).failure();
    assert!(
        run.stderr
            .contains("stagiair-jongerenwerk.md:1:1: error: missing required key `check_reason`"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_example_portal_passes_check_strict() {
    let p = PortalTest::example();
    let run = p.check(&["--strict"]).success();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("note:").count(),
        3,
        "the three closed vacancies are notes"
    );
}

#[test]
fn the_writing_guide_is_generated_from_the_rules() {
    let p = PortalTest::example();
    p.build().success();
    let html = p.read("schrijfwijzer/index.html");
    for rule in [
        "leeftijd",
        "gender",
        "taal",
        "uiterlijk",
        "foto",
        "gezondheid",
        "gezin",
    ] {
        assert!(html.contains(&format!("id=\"{rule}\"")), "{rule}");
    }
    assert!(html.contains("https://mensenrechten.nl/nl/vacaturecheck"));
    assert!(
        html.contains("jong en dynamisch team"),
        "examples of what a rule reports"
    );
}

#[test]
fn the_home_page_shows_how_many_vacancies_state_their_allowance() {
    let p = PortalTest::fixture("full");
    p.build().success();
    // Nine open vacancies; "sluit-vandaag" does not state an allowance, the unpaid
    // snuffelstage does (allowance = 0).
    assert!(
        p.read("index.html").contains(
            "<strong>88%</strong> van de open vacatures (8 van 9) noemt de stagevergoeding"
        ),
        "{}",
        p.read("index.html")
    );
}
