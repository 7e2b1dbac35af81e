//! The rules that settle the edge cases of the content model (issue "The portal builder",
//! "Rules that settle the edge cases"), one test each.

use crate::harness::PortalTest;

const ORG: &str = "+++\nname = \"Gemeente Bb\"\n+++\n";

fn vacancy(extra: &str) -> String {
    format!(
        "+++\ntitle = \"Stagiair\"\npublished = 2026-10-01\nlevels = [\"hbo\"]\nlocation = \"Bb\"\napply = \"https://bb.example.nl/solliciteer\"\n{extra}+++\nTekst.\n"
    )
}

#[test]
fn value_rules_are_all_reported_at_their_lines() {
    let p = PortalTest::fixture("minimal");
    p.write(
        "content/vacancies/gemeente-aa/regels.md",
        &vacancy("hours_per_week = [36, 24]\ncrebo = [\"1234\", \"25187\"]\nallowance = -5\nslug = \"Bad Slug\"\nupdated = 2026-09-01\nworkplace = \"thuis\"\nduration_months = 0\n"),
    );
    let run = p.build().failure();
    let file = "content/vacancies/gemeente-aa/regels.md";
    for expected in [
        format!(
            "{file}:7:18: error: `hours_per_week` must be written as [min, max], with min at most max"
        ),
        format!("{file}:8:10: error: crebo code \"1234\" must be five digits"),
        format!("{file}:9:13: error: `allowance` must be between 0 and 100000"),
        format!("{file}:10:8: error: `slug` \"Bad Slug\" is not a valid slug"),
        "use only lowercase a-z, 0-9 and single dashes: \"bad-slug\"".to_string(),
        format!("{file}:11:11: error: `updated` is before `published`"),
        format!("{file}:12:13: error: unknown workplace \"thuis\""),
        format!("{file}:13:19: error: `duration_months` must be between 1 and 60"),
    ] {
        assert!(
            run.stderr.contains(&expected),
            "missing {expected:?} in\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("(7 errors, 0 warnings)"),
        "{}",
        run.stderr
    );
}

#[test]
fn hours_out_of_range_in_a_list() {
    let p = PortalTest::fixture("minimal");
    p.write(
        "content/vacancies/gemeente-aa/uren.md",
        &vacancy("hours_per_week = [0, 80]\n"),
    );
    let run = p.build().failure();
    assert!(
        run.stderr
            .contains("uren.md:7:19: error: `hours_per_week` must be between 1 and 60"),
        "{}",
        run.stderr
    );
}

#[test]
fn apply_accepts_urls_mailto_and_bare_addresses() {
    let p = PortalTest::fixture("minimal");
    p.write(
        "content/vacancies/gemeente-aa/a.md",
        &vacancy("").replace(
            "https://bb.example.nl/solliciteer",
            "mailto:stages@aa.example.nl",
        ),
    );
    p.write(
        "content/vacancies/gemeente-aa/b.md",
        &vacancy("").replace(
            "https://bb.example.nl/solliciteer",
            "http://aa.example.nl/form",
        ),
    );
    p.build().success();
    assert!(
        p.read("vacatures/a/index.html")
            .contains("href=\"mailto:stages@aa.example.nl\"")
    );
    assert!(
        p.read("vacatures/b/index.html")
            .contains("href=\"http://aa.example.nl/form\"")
    );
    for bad in [
        "data:text/html,x",
        "ftp://aa.example.nl/x",
        "www.aa.example.nl",
        "stages at aa",
    ] {
        p.write(
            "content/vacancies/gemeente-aa/c.md",
            &vacancy("").replace("https://bb.example.nl/solliciteer", bad),
        );
        let run = p.build().failure();
        assert!(
            run.stderr
                .contains("is neither a web address nor an e-mail address"),
            "{bad}: {}",
            run.stderr
        );
    }
}

#[test]
fn the_organisation_comes_from_the_key_or_the_first_folder() {
    let p = PortalTest::fixture("minimal");
    p.write("content/organisations/gemeente-bb.md", ORG);
    // A folder that is not an organisation's slug is just a folder.
    p.write(
        "content/vacancies/2026/najaar/met-sleutel.md",
        &vacancy("organisation = \"gemeente-bb\"\n"),
    );
    p.write("content/vacancies/gemeente-bb/in-map.md", &vacancy(""));
    p.write("content/vacancies/gemeente-bb/sub/dieper.md", &vacancy(""));
    p.build().success();
    for slug in ["met-sleutel", "in-map", "dieper"] {
        assert!(
            p.read(&format!("vacatures/{slug}/index.html"))
                .contains("/organisaties/gemeente-bb/"),
            "{slug}"
        );
    }
    // Key and folder disagree.
    p.write(
        "content/vacancies/gemeente-bb/strijdig.md",
        &vacancy("organisation = \"gemeente-aa\"\n"),
    );
    let run = p.build().failure();
    assert!(run.stderr.contains("strijdig.md:7:16: error: `organisation` says \"gemeente-aa\" but the file is in the folder of organisation \"gemeente-bb\""), "{}", run.stderr);
    std::fs::remove_file(p.root.join("content/vacancies/gemeente-bb/strijdig.md")).unwrap();
    // Neither key nor organisation folder.
    p.write("content/vacancies/2026/zonder.md", &vacancy(""));
    let run = p.build().failure();
    assert!(
        run.stderr
            .contains("zonder.md:1:1: error: missing required key `organisation`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_logo_can_live_in_static() {
    let p = PortalTest::fixture("minimal");
    p.write(
        "static/logos/bb.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    p.write(
        "content/organisations/gemeente-bb.md",
        "+++\nname = \"Gemeente Bb\"\nlogo = \"/logos/bb.svg\"\n+++\n",
    );
    p.build().success();
    assert!(p.has("logos/bb.svg"));
    assert!(
        p.read("organisaties/gemeente-bb/index.html")
            .contains("src=\"/logos/bb.svg\"")
    );
    p.write(
        "content/organisations/gemeente-bb.md",
        "+++\nname = \"Gemeente Bb\"\nlogo = \"bb.png\"\n+++\n",
    );
    let run = p.build().failure();
    assert!(
        run.stderr
            .contains("gemeente-bb.md:3:8: error: logo \"bb.png\" does not exist"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_named_theme_overrides_the_default_file_by_file() {
    let p = PortalTest::fixture("minimal");
    p.write("portal.toml", "title = \"Minimaal portaal\"\nbase_url = \"https://stages.example.nl\"\ntheme = \"donker\"\n");
    p.write(
        "themes/donker/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Donker 404</p>{% endblock main %}",
    );
    p.write("themes/donker/static/style.css", "body{background:#000}");
    p.write("themes/donker/i18n/nl.toml", "months = [\"jan\", \"feb\", \"mrt\", \"apr\", \"mei\", \"jun\", \"jul\", \"aug\", \"sep\", \"okt\", \"nov\", \"dec\"]\n[nav]\nvacancies = \"Plekken\"\n");
    p.build().success();
    assert!(p.read("404.html").contains("<p>Donker 404</p>"));
    assert_eq!(p.read("style.css"), "body{background:#000}");
    assert!(
        p.read("vacatures/stagiair-ict/index.html")
            .contains("31 dec 2026")
    );
    assert!(p.read("index.html").contains("Plekken"));
}

#[test]
fn ignored_and_stray_files_are_reported() {
    let p = PortalTest::fixture("minimal");
    p.write("content/notities.md", "+++\ntitle = \"x\"\n+++\n");
    p.write("content/organisations/sub/x.md", "+++\nname = \"x\"\n+++\n");
    let run = p.build().success();
    assert!(
        run.stderr.contains(
            "content/notities.md: warning: ignored: Markdown files belong in content/vacancies/"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/organisations/sub/x.md: warning: ignored: organisations live directly in content/organisations/"), "{}", run.stderr);
}
