//! The rule cases of `tests/wording_cases.toml`, and the promises of [`super::check`]:
//! spans, order, no overlaps, and the rule list.

use serde::Deserialize;

use super::{Finding, check, rules};
use crate::settings::Language;

/// The case file, kept beside the integration tests so that editors can read and extend it.
const CASES: &str = include_str!("../../../tests/wording_cases.toml");

#[derive(Debug, Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    lang: String,
    rule: String,
    text: String,
    phrase: Option<String>,
    #[allow(dead_code)]
    why: Option<String>,
}

fn language(code: &str) -> Language {
    match code {
        "nl" => Language::Nl,
        "en" => Language::En,
        other => panic!("unknown lang {other:?} in wording_cases.toml"),
    }
}

fn cases() -> Vec<Case> {
    toml::from_str::<Cases>(CASES)
        .expect("tests/wording_cases.toml is valid")
        .case
}

fn shown(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("[{}] {:?}", f.rule, f.phrase))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn every_case_of_the_case_file_passes() {
    let cases = cases();
    let mut failures = Vec::new();
    for case in &cases {
        let findings = check(&case.text, language(&case.lang));
        let ok = match &case.phrase {
            Some(phrase) => {
                findings.len() == 1
                    && findings[0].rule == case.rule
                    && &findings[0].phrase == phrase
            }
            None => findings.is_empty(),
        };
        if !ok {
            let expected = case.phrase.as_ref().map_or_else(
                || "nothing".to_string(),
                |p| format!("[{}] {p:?}", case.rule),
            );
            failures.push(format!(
                "{} {:?}\n    expected {expected}\n    got      {}",
                case.lang,
                case.text,
                shown(&findings)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn the_case_file_covers_every_rule_both_ways_in_both_languages() {
    let cases = cases();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    for lang in ["nl", "en"] {
        for rule in rules(language(lang)) {
            let of = |trigger: bool| {
                cases
                    .iter()
                    .filter(|c| c.lang == lang && c.rule == rule.id)
                    .filter(|c| c.phrase.is_some() == trigger)
                    .count()
            };
            assert!(of(true) > 0, "no {lang} case that triggers {}", rule.id);
            assert!(
                of(false) > 0,
                "no {lang} case that must not trigger {}",
                rule.id
            );
        }
    }
}

#[test]
fn every_case_rule_is_a_known_rule() {
    for case in cases() {
        assert!(
            rules(language(&case.lang))
                .iter()
                .any(|r| r.id == case.rule),
            "unknown rule {:?}",
            case.rule
        );
    }
}

#[test]
fn spans_point_at_the_phrase_in_the_original_text() {
    for case in cases() {
        for f in check(&case.text, language(&case.lang)) {
            let raw = &case.text[f.span.clone()];
            let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapsed, f.phrase, "in {:?}", case.text);
            assert_eq!(raw.trim(), raw, "a span starts or ends with space");
        }
    }
}

#[test]
fn spans_after_multibyte_characters() {
    let text =
        "Één coördinator 👩🏽‍💼 in Súdwest-Fryslân zoekt een stagiaire — jong en dynamisch team.";
    let findings = check(text, Language::Nl);
    let phrases: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f.rule, &text[f.span.clone()]))
        .collect();
    assert_eq!(
        phrases,
        [
            ("gender", "stagiaire"),
            ("leeftijd", "jong en dynamisch team")
        ]
    );
    let start = text.find("jong").expect("jong is in the text");
    assert_eq!(
        findings[1].span,
        start..start + "jong en dynamisch team".len()
    );
    assert!(text.is_char_boundary(findings[0].span.start));
}

#[test]
fn spans_in_a_markdown_body_give_the_line_and_column() {
    let body = "## Wie zoeken wij\n\nJe werkt in een café in Ĳsselstein.\n\
                Je spreekt **accentloos Nederlands** en bent max. 25 jaar.\n";
    let findings = check(body, Language::Nl);
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f.rule, &body[f.span.clone()]))
        .collect();
    assert_eq!(
        found,
        [
            ("taal", "accentloos Nederlands"),
            ("leeftijd", "max. 25 jaar")
        ]
    );
    // The caller turns a byte offset into line:column; check that the offset is right.
    let line_start = body[..findings[0].span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    assert_eq!(&body[line_start..findings[0].span.start], "Je spreekt **");
}

#[test]
fn findings_are_sorted_and_a_rule_reports_overlaps_once() {
    let text = "Stagiaire (v) gezocht: je bent tussen de 18 en 25 jaar. Leeftijd: 18-25 jaar. \
                Ben jij een jonge stagiaire?";
    let findings = check(text, Language::Nl);
    let starts: Vec<usize> = findings.iter().map(|f| f.span.start).collect();
    let mut sorted = starts.clone();
    sorted.sort_unstable();
    assert_eq!(starts, sorted);
    for (i, a) in findings.iter().enumerate() {
        for b in &findings[i + 1..] {
            let overlap = a.span.start < b.span.end && b.span.start < a.span.end;
            assert!(!(overlap && a.rule == b.rule), "{a:?} overlaps {b:?}");
        }
    }
    assert_eq!(
        shown(&findings),
        "[gender] \"Stagiaire\", [gender] \"(v)\", [leeftijd] \"tussen de 18 en 25 jaar\", \
         [leeftijd] \"Leeftijd: 18-25 jaar\", [leeftijd] \"jonge stagiaire\", [gender] \"stagiaire\""
    );
}

#[test]
fn messages_name_the_phrase_and_the_way_out_in_the_portal_language() {
    let nl = check("Wij zijn een jong en dynamisch team.", Language::Nl);
    assert_eq!(
        nl[0].message,
        "\"jong en dynamisch team\" verwijst naar leeftijd; beschrijf liever het werk van het team"
    );
    let en = check("We are a young and dynamic team.", Language::En);
    assert_eq!(
        en[0].message,
        "\"young and dynamic team\" hints at an age; describe the team's work instead"
    );
}

#[test]
fn an_english_text_is_not_checked_with_the_dutch_rules() {
    assert!(check("Stuur een foto mee met je cv.", Language::En).is_empty());
    assert!(check("Send a photo with your CV.", Language::Nl).is_empty());
}

#[test]
fn empty_and_odd_texts() {
    for text in [
        "",
        " ",
        "\n\n",
        "(",
        "(m",
        "jong",
        "max.",
        "18-",
        "18-25",
        "*",
        "<b>jong</b>",
    ] {
        let _ = check(text, Language::Nl);
        let _ = check(text, Language::En);
    }
    assert!(check("", Language::Nl).is_empty());
}

#[test]
fn the_rule_lists_match_and_are_complete() {
    let nl = rules(Language::Nl);
    let en = rules(Language::En);
    let ids = |rs: &[super::Rule]| rs.iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(ids(nl), ids(en));
    assert_eq!(
        ids(nl),
        [
            "leeftijd",
            "gender",
            "taal",
            "uiterlijk",
            "foto",
            "gezondheid",
            "gezin"
        ]
    );
    for group in super::Group::ALL {
        assert!(nl.iter().any(|r| r.id == group.id() && r.group == group));
    }
    for r in nl.iter().chain(en) {
        assert!(r.source_url.starts_with("https://"), "{}", r.id);
        assert!(!r.examples.is_empty() && !r.allowed.is_empty(), "{}", r.id);
        for text in [
            r.explanation_nl,
            r.explanation_en,
            r.suggestion_nl,
            r.suggestion_en,
        ] {
            assert!(!text.contains("  "), "{}: a line break in a string", r.id);
        }
    }
}

#[test]
fn every_listed_example_triggers_its_rule_and_every_allowed_phrase_passes() {
    let mut failures = Vec::new();
    for lang in [Language::Nl, Language::En] {
        for r in rules(lang) {
            for example in r.examples {
                let filler = match lang {
                    Language::Nl => "werkt mee.",
                    Language::En => "joins us.",
                };
                let text = example.replace("...", filler);
                if !check(&text, lang).iter().any(|f| f.rule == r.id) {
                    failures.push(format!(
                        "{lang:?} example {example:?} does not trigger {}",
                        r.id
                    ));
                }
            }
            for allowed in r.allowed {
                let found = check(allowed, lang);
                if !found.is_empty() {
                    failures.push(format!(
                        "{lang:?} allowed {allowed:?} gives {}",
                        shown(&found)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
