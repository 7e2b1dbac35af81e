//! Building the `full` fixture: pages, listings, pagination, closed and draft vacancies,
//! assets, term folding and the base URL's path.

use crate::harness::PortalTest;

fn built() -> PortalTest {
    let portal = PortalTest::fixture("full");
    portal.build().success();
    portal
}

#[test]
fn every_kind_of_page_is_written() {
    let p = built();
    for file in [
        "index.html",
        "404.html",
        "vacatures/index.html",
        "vacatures/bbl-vacature/index.html",
        "organisaties/index.html",
        "organisaties/gemeente-noord/index.html",
        "organisaties/gemeente-noord/huisregels-noord/index.html",
        "niveau/index.html",
        "niveau/hbo/index.html",
        "vakgebied/index.html",
        "vakgebied/ict/index.html",
        "plaats/index.html",
        "plaats/s-hertogenbosch/index.html",
        "soort/index.html",
        "soort/werkervaringsplaats/index.html",
        "over/index.html",
        "style.css",
        "robots-extra.txt",
    ] {
        assert!(p.has(file), "missing {file}");
    }
}

#[test]
fn a_vacancy_page_shows_its_facts_body_and_organisation() {
    let p = built();
    let html = p.read("vacatures/bbl-vacature/index.html");
    for fact in [
        "<h1>Bbl bij waterschap-zuid</h1>",
        "href=\"/stages/niveau/mbo/\"",
        "href=\"/stages/soort/bbl/\"",
        "href=\"/stages/plaats/s-hertogenbosch/\"",
        "24–32",
        "550",
        "<time datetime=\"2027-01-15\">15 januari 2027</time>",
        "href=\"https://werken.example.nl/bbl\"",
        "<h2 id=\"wat-ga-je-doen\">Wat ga je doen</h2>",
        "href=\"/stages/organisaties/waterschap-zuid/\"",
        "href=\"/stages/organisaties/waterschap-zuid/reglement-zuid/\"",
        "<link rel=\"canonical\" href=\"https://example.nl/stages/vacatures/bbl-vacature/\">",
    ] {
        assert!(html.contains(fact), "missing {fact:?}");
    }
}

#[test]
fn a_closed_vacancy_keeps_its_page_without_apply_and_leaves_every_listing() {
    let p = built();
    let html = p.read("vacatures/gesloten-vacature/index.html");
    assert!(html.contains("gesloten"), "no closed notice");
    assert!(
        !html.contains("https://werken.example.nl/gesloten"),
        "a closed vacancy has no apply link"
    );
    for listing in [
        "index.html",
        "vacatures/index.html",
        "vacatures/pagina/2/index.html",
        "vacatures/pagina/3/index.html",
        "niveau/hbo/index.html",
        "organisaties/gemeente-noord/index.html",
    ] {
        assert!(
            !p.read(listing).contains("gesloten-vacature"),
            "closed vacancy listed in {listing}"
        );
    }
    assert!(
        !p.has("vakgebied/geheim-veld/index.html"),
        "a term of only closed vacancies has no page"
    );
    assert!(!p.has("plaats/verborgenplaats/index.html"));
}

#[test]
fn closes_today_is_open_and_closes_yesterday_is_closed() {
    let p = built();
    assert!(
        p.read("niveau/wo/index.html").contains("sluit-vandaag")
            || p.read("niveau/wo/pagina/2/index.html")
                .contains("sluit-vandaag")
    );
    assert!(
        p.read("vacatures/sluit-vandaag/index.html")
            .contains("werken.example.nl/vandaag")
    );
    p.build_with(&["--today", "2026-11-24"]).success();
    let wo = p.read("niveau/wo/index.html");
    assert!(!wo.contains("sluit-vandaag"));
    assert!(
        !p.read("vacatures/sluit-vandaag/index.html")
            .contains("werken.example.nl/vandaag")
    );
}

#[test]
fn drafts_are_built_only_with_drafts_and_never_listed() {
    let p = built();
    assert!(!p.has("vacatures/concept-vacature/index.html"));
    let run = p.build_with(&["--drafts"]).success();
    assert!(run.stdout.starts_with("11 vacancies"), "{}", run.stdout);
    assert!(p.has("vacatures/concept-vacature/index.html"));
    for listing in [
        "index.html",
        "vacatures/index.html",
        "niveau/mbo/index.html",
        "organisaties/gemeente-noord/index.html",
    ] {
        assert!(
            !p.read(listing).contains("concept-vacature"),
            "draft listed in {listing}"
        );
    }
    assert!(!p.has("vakgebied/conceptveld/index.html"));
}

#[test]
fn long_listings_are_paginated_with_prev_and_next() {
    let p = built();
    // 9 open vacancies, 3 per page.
    assert!(p.has("vacatures/pagina/3/index.html"));
    assert!(!p.has("vacatures/pagina/4/index.html"));
    let second = p.read("vacatures/pagina/2/index.html");
    assert!(
        second.contains("<link rel=\"prev\" href=\"/stages/vacatures/\">"),
        "{second}"
    );
    assert!(second.contains("<link rel=\"next\" href=\"/stages/vacatures/pagina/3/\">"));
    let first = p.read("vacatures/index.html");
    assert!(!first.contains("rel=\"prev\""));
}

#[test]
fn every_page_of_a_listing_lists_every_page_with_itself_current() {
    let p = PortalTest::fixture("full");
    p.write(
        "templates/partials/pagination.html",
        "<ol class=\"all\">{% for l in pagination.pages %}[{{ l.number }} {{ l.url }} {{ l.current }}]{% endfor %}</ol>",
    );
    p.build().success();
    // 9 open vacancies, 3 per page: the links are shared by the pages, the current one is
    // each page's own.
    let urls = [
        "/stages/vacatures/",
        "/stages/vacatures/pagina/2/",
        "/stages/vacatures/pagina/3/",
    ];
    for (current, page) in [
        "vacatures/index.html",
        "vacatures/pagina/2/index.html",
        "vacatures/pagina/3/index.html",
    ]
    .iter()
    .enumerate()
    {
        let want: String = urls
            .iter()
            .enumerate()
            .map(|(i, url)| format!("[{} {url} {}]", i + 1, i == current))
            .collect();
        let html = p.read(page);
        assert!(
            html.contains(&format!("<ol class=\"all\">{want}</ol>")),
            "{page}: {want}\n{html}"
        );
    }
}

#[test]
fn listings_are_sorted_closing_soonest_first() {
    let p = built();
    let html = p.read("vacatures/index.html");
    let pos = |slug: &str| {
        html.find(&format!("/vacatures/{slug}/"))
            .unwrap_or(usize::MAX)
    };
    // sluit-vandaag closes 2026-11-23, stage-vacature 2027-01-10, meewerkstage 2027-03-12.
    assert!(pos("sluit-vandaag") < pos("stage-vacature"));
    assert!(pos("stage-vacature") < usize::MAX);
}

#[test]
fn spellings_that_fold_alike_are_one_term() {
    let p = built();
    let places = p.read("plaats/index.html");
    assert!(places.contains("Súdwest-Fryslân"));
    assert!(!places.contains("sudwest fryslan"));
    assert!(
        p.has("plaats/sudwest-fryslan/pagina/2/index.html")
            || p.read("plaats/sudwest-fryslan/index.html")
                .contains("onderzoeksstage")
    );
    assert!(p.read("vakgebied/index.html").contains("Financiën"));
    assert!(p.has("plaats/ede-wageningen/index.html"));
}

#[test]
fn co_located_files_are_copied_and_links_resolved() {
    let p = built();
    assert!(p.has("vacatures/stage-vacature/plattegrond.svg"));
    assert!(p.has("organisaties/gemeente-noord/gemeente-noord.svg"));
    let html = p.read("vacatures/stage-vacature/index.html");
    assert!(html.contains("src=\"/stages/vacatures/stage-vacature/plattegrond.svg\""));
    assert!(
        html.contains("href=\"/stages/organisaties/gemeente-noord/huisregels-noord/#werktijden\"")
    );
    assert!(
        p.read("over/index.html")
            .contains("href=\"/stages/organisaties/gemeente-noord/huisregels-noord/\"")
    );
}

#[test]
fn an_organisation_page_has_its_open_vacancies_brochures_and_awards() {
    let p = built();
    let html = p.read("organisaties/gemeente-noord/index.html");
    for part in [
        "Gemeente Noord",
        "stages@noord.example.nl",
        "Anna Jansen",
        "Beste stagebedrijf",
        "2020",
        "huisregels-noord",
        "/vacatures/stage-vacature/",
    ] {
        assert!(html.contains(part), "missing {part:?}");
    }
    assert!(
        html.find("Stagepact-prijs") < html.find("Beste stagebedrijf"),
        "awards newest first"
    );
}

#[test]
fn raw_html_in_a_body_is_escaped_unless_allowed() {
    let p = PortalTest::fixture("minimal");
    p.write(
        "content/pages/over.md",
        "+++\ntitle = \"Over\"\n+++\n<script>alert(1)</script>\n\n[klik](javascript:alert(2))\n",
    );
    let run = p.build().success();
    assert!(
        run.stderr.contains("raw HTML is not allowed"),
        "{}",
        run.stderr
    );
    let html = p.read("over/index.html");
    assert!(!html.contains("<script>alert(1)"));
    assert!(!html.contains("javascript:"));
    p.write(
        "portal.toml",
        "title = \"T\"\nbase_url = \"https://stages.example.nl\"\nallow_raw_html = true\n",
    );
    p.build().success();
    assert!(
        p.read("over/index.html")
            .contains("<script>alert(1)</script>")
    );
}

#[test]
fn text_in_front_matter_is_escaped() {
    let p = PortalTest::fixture("minimal");
    p.write(
        "content/vacancies/gemeente-aa/xss.md",
        "+++\ntitle = \"<script>alert('t')</script> & co\"\npublished = 2026-10-01\nlevels = [\"hbo\"]\nlocation = \"<b>Aa</b>\"\napply = \"https://x.example.nl/?a=1&b=2\"\nsummary = \"<i>kort</i>\"\n+++\nTekst\n",
    );
    p.build().success();
    let html = p.read("vacatures/xss/index.html");
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(!html.contains("<b>Aa</b>"));
    assert!(!html.contains("<i>kort</i>"));
}

#[test]
fn english_portals_get_english_strings_and_dates() {
    let p = PortalTest::fixture("minimal");
    p.write(
        "portal.toml",
        "title = \"T\"\nbase_url = \"https://stages.example.nl\"\nlanguage = \"en\"\n",
    );
    p.build().success();
    let html = p.read("vacatures/stagiair-ict/index.html");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("31 December 2026"), "dates in English");
    let nl = PortalTest::fixture("minimal");
    nl.build().success();
    assert!(
        nl.read("vacatures/stagiair-ict/index.html")
            .contains("31 december 2026")
    );
}

#[test]
fn stagebord_adds_date_filters_to_tera() {
    let p = PortalTest::fixture("minimal");
    p.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>{{ \"2027-01-15\" | date }} / {{ \"2027-01-15\" | days_until }} / {{ portal.today.iso | date }}</p>{% endblock main %}",
    );
    p.build().success();
    assert!(
        p.read("404.html")
            .contains("<p>15 januari 2027 / 53 / 23 november 2026</p>"),
        "{}",
        p.read("404.html")
    );
}

#[test]
fn a_portal_can_override_one_template() {
    let p = PortalTest::fixture("minimal");
    p.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Eigen 404</p>{% endblock main %}",
    );
    p.build().success();
    assert!(p.read("404.html").contains("<p>Eigen 404</p>"));
    assert!(
        p.read("index.html").contains("Minimaal portaal"),
        "other templates still come from the default theme"
    );
}

#[test]
fn an_overridden_card_is_used_in_every_listing() {
    let p = PortalTest::fixture("minimal");
    p.write(
        "templates/partials/vacancy_card.html",
        "<article class=\"eigen\">h{{ h }} {{ grid }} {{ v.title }} · {{ portal.title }} · {{ t.ui.closes }}</article>",
    );
    p.build().success();
    let card = |h: u8, grid: bool| {
        format!(
            "<article class=\"eigen\">h{h} {grid} Stagiair ICT · Minimaal portaal · Reageren tot en met</article>"
        )
    };
    for (page, h, grid) in [
        ("index.html", 3, true),
        ("vacatures/index.html", 2, false),
        ("niveau/mbo/index.html", 2, false),
        ("organisaties/gemeente-aa/index.html", 3, false),
    ] {
        let html = p.read(page);
        assert!(html.contains(&card(h, grid)), "{page}:\n{html}");
    }
}
