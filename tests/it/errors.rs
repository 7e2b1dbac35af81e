//! One test per kind of bad input: the message names the file, line and column, the exit
//! code is 1, and the last good output is left exactly as it was.

use crate::harness::{PortalTest, tree};

/// Builds the minimal portal, breaks it with `case`, and checks that the rebuild fails
/// with every `expected` line in its messages while the output survives byte for byte.
fn broken(case: &str, expected: &[&str]) -> String {
    let portal = PortalTest::fixture("minimal");
    portal.build().success();
    let before = tree(&portal.public());
    assert!(!before.is_empty());
    portal.overlay(case);
    let run = portal.build().failure();
    for line in expected {
        assert!(
            run.stderr.contains(line),
            "{case}: expected {line:?} in:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("error: the portal has errors; nothing was written"),
        "{}",
        run.stderr
    );
    assert_eq!(
        tree(&portal.public()),
        before,
        "{case}: the old output changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(portal.root.as_path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    run.stderr
}

const VACANCY: &str = "content/vacancies/gemeente-aa/stagiair-ict.md";

#[test]
fn invalid_toml() {
    broken(
        "bad_toml",
        &[
            &format!("{VACANCY}:2:9: error: invalid TOML: string values must be quoted"),
            "help: text values need double quotes",
        ],
    );
}

#[test]
fn missing_required_key() {
    broken(
        "missing_key",
        &[
            &format!("{VACANCY}:1:1: error: missing required key `location`"),
            "help: add a line like: location =",
        ],
    );
}

#[test]
fn wrong_type() {
    broken(
        "wrong_type",
        &[
            &format!("{VACANCY}:8:13: error: `allowance` must be a whole number, not a text"),
            "8 | allowance = \"veel\"",
        ],
    );
}

#[test]
fn unknown_organisation_with_a_suggestion() {
    broken(
        "unknown_organisation",
        &[
            "content/vacancies/stagiair-hr.md:3:16: error: unknown organisation \"gemeente-ab\"",
            "help: did you mean \"gemeente-aa\"?",
        ],
    );
}

#[test]
fn invalid_date() {
    broken(
        "invalid_date",
        &[
            &format!(
                "{VACANCY}:4:10: error: invalid TOML: invalid date, expected month between 01 and 12"
            ),
            "YYYY-MM-DD",
        ],
    );
}

#[test]
fn yaml_front_matter() {
    broken(
        "yaml_front_matter",
        &[
            &format!("{VACANCY}:1:1: error: YAML front matter (---) is not supported"),
            "replace both --- lines by +++",
        ],
    );
}

#[test]
fn missing_front_matter() {
    broken(
        "missing_front_matter",
        &[&format!(
            "{VACANCY}:1:1: error: this file has no front matter"
        )],
    );
}

#[test]
fn duplicate_slugs_name_both_files() {
    broken(
        "duplicate_slug",
        &[
            "content/vacancies/stagiair-ict.md: error: two vacancy files have the slug `stagiair-ict`: content/vacancies/gemeente-aa/stagiair-ict.md and content/vacancies/stagiair-ict.md",
        ],
    );
}

#[test]
fn not_utf8() {
    broken(
        "not_utf8",
        &[
            &format!("{VACANCY}:10:17: error: this file is not UTF-8 text"),
            "save it as UTF-8",
        ],
    );
}

#[test]
fn unknown_level() {
    broken(
        "unknown_level",
        &[
            &format!("{VACANCY}:5:18: error: unknown level \"havo\""),
            "use one of: vmbo, mbo, hbo, wo",
        ],
    );
}

#[test]
fn unknown_kind_with_a_suggestion() {
    broken(
        "unknown_kind",
        &[
            &format!("{VACANCY}:8:8: error: unknown kind \"stagee\""),
            "did you mean \"stage\"?",
        ],
    );
}

#[test]
fn apply_is_never_a_script() {
    broken(
        "bad_apply",
        &[&format!(
            "{VACANCY}:8:9: error: `apply` \"javascript:alert(1)\" is neither a web address nor an e-mail address"
        )],
    );
}

#[test]
fn unknown_theme() {
    broken(
        "unknown_theme",
        &[
            "portal.toml: error: unknown theme \"donker\"",
            "available themes: default",
        ],
    );
}

#[test]
fn unknown_setting_with_a_suggestion() {
    broken(
        "unknown_setting",
        &[
            "portal.toml:3:1: error: unknown key `paginat`",
            "did you mean `paginate`?",
        ],
    );
}

#[test]
fn template_error_names_the_template() {
    broken(
        "template_error",
        &["templates/vacancy.html:3:22: error: template error"],
    );
}

#[test]
fn broken_relative_link() {
    broken(
        "broken_link",
        &[&format!(
            "{VACANCY}:12:6: error: this link points to a file that does not exist: ../../brochures/regels.md"
        )],
    );
}

#[test]
fn page_on_a_reserved_path() {
    broken(
        "reserved_page",
        &["content/pages/vacatures.md: error: a page cannot be called \"vacatures\""],
    );
}

#[test]
fn static_file_over_a_generated_page() {
    broken(
        "static_collision",
        &[
            "static/vacatures/index.html: error: static/vacatures/index.html and the generated portal would both be written to vacatures/index.html",
        ],
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let stderr = broken(
        "many_problems",
        &[
            "content/organisations/gemeente-bb.md:1:1: error: missing required key `name`",
            "content/organisations/gemeente-bb.md:2:1: error: unknown key `naam`",
            "did you mean `name`?",
            &format!("{VACANCY}:4:10: error: `closes` is not a valid date"),
            &format!("{VACANCY}:5:18: error: unknown level \"havo\""),
            &format!("{VACANCY}:8:9: error: `apply` \"data:text/html,hoi\" is neither"),
        ],
    );
    assert!(stderr.contains("(5 errors, 0 warnings)"), "{stderr}");
}

#[test]
fn check_reports_the_same_errors_without_writing() {
    let portal = PortalTest::fixture("minimal");
    portal.overlay("many_problems");
    let run = portal.check(&[]).failure();
    assert!(
        run.stderr.contains("unknown level \"havo\""),
        "{}",
        run.stderr
    );
    assert!(!portal.public().exists());
}

#[test]
fn a_card_template_error_names_the_card_template() {
    broken("card_error", &["templates/partials/vacancy_card.html:2:"]);
}

#[test]
fn a_card_template_cannot_render_cards() {
    let portal = crate::harness::PortalTest::fixture("minimal");
    portal.write(
        "templates/partials/vacancy_card.html",
        "<article>{{ vacancy_card(v=v, h=h, grid=grid) }}</article>\n",
    );
    let run = portal.build().failure();
    assert!(
        run.stderr
            .contains("partials/vacancy_card.html cannot call vacancy_card()"),
        "{}",
        run.stderr
    );
}
