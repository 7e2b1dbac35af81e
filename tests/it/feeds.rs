//! The feeds and structured data, read the way aggregators and search engines read them:
//! with third-party parsers (feed-rs, roxmltree, jsonschema, serde_json), never our own code.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::harness::{PortalTest, repo, tree};

fn schema(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("tests/schemas").join(name)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

/// Every feed file of an output folder.
fn feeds(public: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    tree(public)
        .into_iter()
        .filter(|(p, _)| {
            p.file_name()
                .is_some_and(|n| n == "feed.xml" || n == "feed.json")
        })
        .collect()
}

/// The vacancy slugs a parsed feed holds, from the item links.
fn slugs(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|e| {
            let link = &e.links[0].href;
            link.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// The JSON-LD blocks of an HTML page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    let open = "<script type=\"application/ld+json\">";
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        rest = &rest[i + open.len()..];
        let end = rest.find("</script>").unwrap();
        out.push(serde_json::from_str(&rest[..end]).unwrap());
        rest = &rest[end..];
    }
    out
}

#[test]
fn every_feed_of_the_example_parses_and_passes_the_schema() {
    let p = PortalTest::example();
    p.build().success();
    let feed_schema = schema("jsonfeed-1.1.json");
    let vacancy_schema = schema("vacancy-extension.json");
    let all = feeds(&p.public());
    assert!(
        all.len() > 60,
        "feeds of the portal, every organisation and every term: {}",
        all.len()
    );
    for (path, bytes) in &all {
        let parsed = feed_rs::parser::parse(bytes.as_slice())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(parsed.title.is_some(), "{}", path.display());
        if path.extension().unwrap() == "xml" {
            roxmltree::Document::parse(std::str::from_utf8(bytes).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        } else {
            let json: Value = serde_json::from_slice(bytes).unwrap();
            assert_valid(&feed_schema, &json, &path.display().to_string());
            for item in json["items"].as_array().unwrap() {
                assert_valid(
                    &vacancy_schema,
                    &item["_vacancy"],
                    &format!("{} {}", path.display(), item["id"]),
                );
            }
        }
    }
}

#[test]
fn the_main_feeds_hold_exactly_the_open_vacancies_newest_first() {
    let p = PortalTest::example();
    p.build_with(&["--drafts"]).success();
    let json: Value = serde_json::from_str(&p.read("feed.json")).unwrap();
    let items = json["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        27,
        "every open vacancy, no closed one, no draft"
    );
    let ids: BTreeSet<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    for closed_or_draft in [
        "meewerkstage-sociaal-wijkteam",
        "stage-onderwijs-loopbaanbegeleiding",
        "snuffelstage-waterkeringen",
        "meewerkstage-archief-informatiebeheer",
    ] {
        assert!(!ids.iter().any(|id| id.contains(closed_or_draft)));
    }
    let dates: Vec<&str> = items
        .iter()
        .map(|i| i["date_published"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    // A complete _vacancy for a known vacancy.
    let item = items
        .iter()
        .find(|i| i["id"] == "https://stages.example.nl/vacatures/stage-juridische-zaken-bezwaar/")
        .unwrap();
    let v = &item["_vacancy"];
    assert_eq!(v["organisation"]["slug"], "gemeente-marrewijde");
    assert_eq!(v["kind"], "stage");
    assert_eq!(v["levels"], serde_json::json!(["hbo", "wo"]));
    assert_eq!(
        v["hours_per_week"],
        serde_json::json!({"min": 32, "max": 32})
    );
    assert_eq!(
        v["allowance"],
        serde_json::json!({"amount": 500, "currency": "EUR", "unit": "MONTH"})
    );
    assert_eq!(v["closes"], "2027-05-15");
    assert_eq!(v["valid_through"], "2027-05-15T23:59:59+02:00");
    assert_eq!(
        v["apply"]["url"],
        "https://www.marrewijde.example.nl/werken-bij/stages/juridische-zaken"
    );
    assert_eq!(v["location"]["country"], "NL");
    assert_eq!(v["about"], "https://stages.example.nl/feeds/");

    let rss = feed_rs::parser::parse(p.read("feed.xml").as_bytes()).unwrap();
    assert_eq!(rss.entries.len(), 27);
    let entry = rss
        .entries
        .iter()
        .find(|e| e.links[0].href.contains("stage-juridische-zaken-bezwaar"))
        .unwrap();
    assert_eq!(
        entry.published.unwrap().to_rfc3339(),
        "2026-11-02T23:00:00+00:00"
    );
    let categories: BTreeSet<&str> = entry.categories.iter().map(|c| c.term.as_str()).collect();
    assert!(
        categories.contains("hbo") && categories.contains("wo") && categories.contains("juridisch"),
        "{categories:?}"
    );
    assert_eq!(
        entry.authors.first().and_then(|a| a.name.as_deref()),
        Some("Gemeente Marrewijde")
    );
    assert!(
        entry.content.is_some(),
        "the full text is in content:encoded"
    );
}

#[test]
fn organisation_and_term_feeds_hold_their_own_vacancies() {
    let p = PortalTest::fixture("full");
    p.build().success();
    let org =
        feed_rs::parser::parse(p.read("organisaties/waterschap-zuid/feed.xml").as_bytes()).unwrap();
    let mut got = slugs(&org);
    got.sort();
    assert_eq!(
        got,
        [
            "afstudeerstage-vacature",
            "bbl-vacature",
            "sluit-vandaag",
            "snuffelstage-vacature",
            "werkervaringsplaats-vacature"
        ]
    );
    let term = feed_rs::parser::parse(p.read("niveau/vmbo/feed.json").as_bytes()).unwrap();
    let mut got = slugs(&term);
    got.sort();
    assert_eq!(
        got,
        [
            "afstudeerstage-vacature",
            "onderzoeksstage-vacature",
            "stage-vacature"
        ]
    );
    let place =
        feed_rs::parser::parse(p.read("plaats/sudwest-fryslan/feed.xml").as_bytes()).unwrap();
    assert_eq!(
        slugs(&place).len(),
        4,
        "both spellings of Súdwest-Fryslân are one term"
    );
    for page in [
        "index.html",
        "organisaties/waterschap-zuid/index.html",
        "niveau/vmbo/index.html",
    ] {
        let html = p.read(page);
        assert!(
            html.contains("<link rel=\"alternate\" type=\"application/rss+xml\""),
            "{page}"
        );
        assert!(
            html.contains("<link rel=\"alternate\" type=\"application/feed+json\""),
            "{page}"
        );
    }
    assert!(
        p.read("niveau/vmbo/index.html")
            .contains("href=\"/stages/niveau/vmbo/feed.xml\"")
    );
}

#[test]
fn a_vacancy_leaves_every_feed_the_day_after_its_deadline() {
    let p = PortalTest::fixture("full");
    p.build().success();
    let in_feeds = |p: &PortalTest| -> usize {
        feeds(&p.public())
            .iter()
            .filter(|(_, b)| String::from_utf8_lossy(b).contains("/vacatures/sluit-vandaag/"))
            .count()
    };
    assert!(
        in_feeds(&p) >= 6,
        "closes today: still in the portal's, the organisation's and its terms' feeds"
    );
    p.build_with(&["--today", "2026-11-24"]).success();
    assert_eq!(in_feeds(&p), 0);
    assert!(
        json_ld(&p.read("vacatures/sluit-vandaag/index.html")).is_empty(),
        "a closed vacancy has no JobPosting"
    );
}

#[test]
fn every_open_vacancy_page_has_one_complete_job_posting() {
    let p = PortalTest::example();
    p.build().success();
    let json: Value = serde_json::from_str(&p.read("feed.json")).unwrap();
    let mut pages = 0;
    for item in json["items"].as_array().unwrap() {
        let url = item["url"].as_str().unwrap();
        let path = url.trim_start_matches("https://stages.example.nl/");
        let blocks = json_ld(&p.read(&format!("{path}index.html")));
        assert_eq!(blocks.len(), 1, "{url}");
        let posting = &blocks[0];
        assert_eq!(posting["@type"], "JobPosting");
        // Google's required properties.
        for key in ["title", "description", "datePosted", "hiringOrganization"] {
            assert!(
                posting.get(key).is_some_and(|v| !v.is_null()),
                "{url} lacks {key}"
            );
        }
        assert!(posting["hiringOrganization"]["name"].is_string());
        let remote = posting["jobLocationType"] == "TELECOMMUTE";
        if remote {
            assert!(
                posting["applicantLocationRequirements"]["name"].is_string(),
                "{url}"
            );
        } else {
            assert_eq!(
                posting["jobLocation"]["address"]["@type"], "PostalAddress",
                "{url}"
            );
            assert!(posting["jobLocation"]["address"]["addressCountry"].is_string());
        }
        // Recommended ones the content model knows.
        assert!(
            posting["validThrough"].as_str().unwrap().ends_with(":00"),
            "{url}: validThrough with an offset"
        );
        assert!(
            posting["employmentType"]
                .as_array()
                .unwrap()
                .contains(&Value::from("INTERN"))
        );
        assert_eq!(posting["url"], url);
        assert!(posting["identifier"]["value"].is_string());
        assert!(
            !posting["educationRequirements"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert!(
            !posting["description"].as_str().unwrap().contains("=\"/"),
            "{url}: absolute links in the description"
        );
        pages += 1;
    }
    assert_eq!(pages, 27);
    let remote = json_ld(&p.read("vacatures/traineeship-data-informatiemanagement/index.html"));
    assert!(!remote.is_empty());
}

#[test]
fn hostile_text_stays_well_formed_everywhere() {
    let p = PortalTest::fixture("minimal");
    let title = "Stage & <b>\\\"quotes\\\"</b> 🙂 \\u0001 ]]> </script><script>alert(1)</script>";
    p.write(
        "content/vacancies/gemeente-aa/vijandig.md",
        &format!(
            "+++\ntitle = \"{title}\"\npublished = 2026-10-02\ncloses = 2027-01-01\nlevels = [\"hbo\"]\nfields = [\"R&D <x>\"]\nlocation = \"Aa & Bb\"\napply = \"https://aa.example.nl/?a=1&b=2\"\nsummary = \"Kort ]]> & </script>\"\n+++\nTekst met `]]>` en <script>alert(2)</script> en \u{1}.\n"
        ),
    );
    p.build().success();
    for feed in [
        "feed.xml",
        "organisaties/gemeente-aa/feed.xml",
        "vakgebied/r-d-x/feed.xml",
    ] {
        let text = p.read(feed);
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let parsed = feed_rs::parser::parse(text.as_bytes()).unwrap();
        let entry = parsed
            .entries
            .iter()
            .find(|e| e.links[0].href.contains("vijandig"))
            .unwrap();
        let t = entry.title.as_ref().unwrap().content.clone();
        assert!(t.contains("Stage & <b>\"quotes\"</b> 🙂"), "{t}");
    }
    let json: Value = serde_json::from_str(&p.read("feed.json")).unwrap();
    assert_valid(&schema("jsonfeed-1.1.json"), &json, "feed.json");
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"].as_str().unwrap().contains("vijandig"))
        .unwrap();
    assert!(
        item["title"]
            .as_str()
            .unwrap()
            .starts_with("Stage & <b>\"quotes\"</b> 🙂")
    );
    let html = p.read("vacatures/vijandig/index.html");
    assert_eq!(
        html.matches("<script>alert").count(),
        0,
        "no script from content anywhere in the page"
    );
    let blocks = json_ld(&html);
    assert_eq!(blocks.len(), 1);
    assert!(
        blocks[0]["title"]
            .as_str()
            .unwrap()
            .contains("</script><script>alert(1)</script>"),
        "the JSON-LD keeps the title, escaped"
    );
    roxmltree::Document::parse(&p.read("sitemap.xml")).unwrap();
}

#[test]
fn sitemap_and_robots_list_the_pages_with_content_dates() {
    let p = PortalTest::fixture("full");
    p.build().success();
    let text = p.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap())
        .collect();
    assert!(locs.contains(&"https://example.nl/stages/"));
    assert!(locs.contains(&"https://example.nl/stages/vacatures/bbl-vacature/"));
    assert!(
        locs.contains(&"https://example.nl/stages/organisaties/gemeente-noord/huisregels-noord/")
    );
    assert!(!locs.iter().any(|l| l.contains("gesloten-vacature")
        || l.contains("concept-vacature")
        || l.contains("404")));
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.nl/stages/"))
    );
    assert!(text.contains(
        "<loc>https://example.nl/stages/vacatures/bbl-vacature/</loc><lastmod>2026-06-01</lastmod>"
    ));
    assert_eq!(
        p.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.nl/stages/sitemap.xml\n"
    );
}

#[test]
fn feed_limit_caps_every_feed() {
    let p = PortalTest::fixture("full");
    p.write(
        "portal.toml",
        "title = \"T\"\nbase_url = \"https://example.nl/stages/\"\nfeed_limit = 2\n",
    );
    p.build().success();
    let parsed = feed_rs::parser::parse(p.read("feed.json").as_bytes()).unwrap();
    assert_eq!(
        slugs(&parsed),
        ["werkervaringsplaats-vacature", "traineeship-vacature"]
    );
}

#[test]
fn the_feeds_page_documents_the_extension() {
    let p = PortalTest::example();
    p.build().success();
    let html = p.read("feeds/index.html");
    for key in [
        "organisation",
        "hours_per_week",
        "allowance",
        "valid_through",
        "house_rules",
    ] {
        assert!(html.contains(&format!("<code>{key}</code>")), "{key}");
    }
    assert!(
        html.contains("&quot;kind&quot;") || html.contains("\"kind\""),
        "an example item"
    );
}
