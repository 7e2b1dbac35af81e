//! The search index of `/zoeken/`, read back with `stagebord::outputs::search::reader` and
//! checked against what the content files say, read here independently (front matter with
//! `toml`, words by lowercasing and folding): the right vacancies for words and facets, the
//! facet counts, no closed or draft vacancy anywhere in the index, deadlines that pass after
//! the build, stemming and diacritics, English portals, and identical bytes and names for
//! identical input.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::civil::{Date, date};
use stagebord::outputs::search::reader::{Query, Reader, Sort};

use crate::harness::{PortalTest, TODAY, repo, tree};

/// A vacancy as its file says, for computing what a search must find.
#[derive(Debug, Clone)]
struct Vacancy {
    slug: String,
    levels: Vec<String>,
    kind: String,
    fields: Vec<String>,
    place: String,
    closes: Option<Date>,
    draft: bool,
    /// Every word of the title, organisation, fields, place, summary and body, folded.
    words: BTreeSet<String>,
}

impl Vacancy {
    fn open_on(&self, day: Date) -> bool {
        !self.draft && self.closes.is_none_or(|c| c >= day)
    }

    fn link(&self) -> String {
        format!("/vacatures/{}/", self.slug)
    }

    /// Mentions a word starting with `prefix` (as the search's last word does).
    fn mentions(&self, prefix: &str) -> bool {
        self.words.iter().any(|w| w.starts_with(prefix))
    }
}

fn fold_words(text: &str) -> Vec<String> {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn slug(text: &str) -> String {
    fold_words(text).join("-")
}

/// The Markdown files below `dir`, sorted.
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = crate::harness::files(dir);
    out.retain(|path| path.extension().is_some_and(|e| e == "md"));
    out
}

fn front_matter(path: &Path) -> (toml::Table, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut parts = text.splitn(3, "+++");
    parts.next();
    let front: toml::Table = parts.next().unwrap().parse().unwrap();
    (front, parts.next().unwrap_or("").to_string())
}

fn strings(front: &toml::Table, key: &str) -> Vec<String> {
    front
        .get(key)
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The vacancies of the portal at `root`, read from their files.
fn vacancies(root: &Path) -> Vec<Vacancy> {
    let mut organisations = BTreeMap::new();
    for path in markdown_files(&root.join("content/organisations")) {
        let (front, _) = front_matter(&path);
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        organisations.insert(stem, front["name"].as_str().unwrap().to_string());
    }
    let dir = root.join("content/vacancies");
    markdown_files(&dir)
        .into_iter()
        .map(|path| {
            let (front, body) = front_matter(&path);
            let get = |k: &str| front.get(k).and_then(|v| v.as_str()).map(str::to_string);
            let folder = path
                .parent()
                .unwrap()
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .to_string();
            let organisation = get("organisation").unwrap_or(folder);
            let title = get("title").unwrap();
            let fields = strings(&front, "fields");
            let place = get("location").unwrap();
            let mut text = vec![
                title.clone(),
                organisations[&organisation].clone(),
                place.clone(),
                get("summary").unwrap_or_default(),
                body,
            ];
            text.extend(fields.iter().cloned());
            Vacancy {
                slug: get("slug")
                    .unwrap_or_else(|| slug(&path.file_stem().unwrap().to_string_lossy())),
                levels: strings(&front, "levels"),
                kind: get("kind").unwrap_or_else(|| "stage".to_string()),
                fields: fields.iter().map(|f| slug(f)).collect(),
                place: slug(&place),
                closes: front
                    .get("closes")
                    .and_then(|v| v.as_datetime())
                    .map(|d| d.to_string().parse().unwrap()),
                draft: front
                    .get("draft")
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false),
                words: text.iter().flat_map(|t| fold_words(t)).collect(),
            }
        })
        .collect()
}

/// The index folder of a build: `public/zoeken/<version>/`.
fn index_dir(public: &Path) -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(public.join("zoeken"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(dirs.len(), 1, "one index version per build: {dirs:?}");
    dirs.pop().unwrap()
}

fn today() -> Date {
    TODAY.parse().unwrap()
}

fn links(set: impl IntoIterator<Item = String>) -> BTreeSet<String> {
    set.into_iter().collect()
}

#[test]
fn communicatie_at_hbo_finds_exactly_the_open_hbo_vacancies_that_mention_it() {
    let p = PortalTest::example();
    p.build().success();
    let reader = Reader::open(&index_dir(&p.public())).unwrap();
    let all = vacancies(&p.root);
    let answer = reader
        .query(&Query::text("communicatie", today()).with("niveau", "hbo"))
        .unwrap();
    let expected: BTreeSet<String> = all
        .iter()
        .filter(|v| v.open_on(today()) && v.levels.iter().any(|l| l == "hbo"))
        .filter(|v| v.mentions("communicatie"))
        .map(Vacancy::link)
        .collect();
    assert!(
        expected.len() >= 3,
        "the example portal lost its test case: {expected:?}"
    );
    assert_eq!(links(answer.links.clone()), expected);
    // Relevance: the vacancy with "communicatie" in its title comes first.
    assert_eq!(answer.links[0], "/vacatures/communicatie-en-online-media/");

    // Disjunctive counts: each facet counted without its own choice.
    let matching: Vec<&Vacancy> = all
        .iter()
        .filter(|v| v.open_on(today()) && v.mentions("communicatie"))
        .collect();
    for level in ["vmbo", "mbo", "hbo", "wo"] {
        let want = matching
            .iter()
            .filter(|v| v.levels.iter().any(|l| l == level))
            .count();
        assert_eq!(answer.counts["niveau"][level], want, "niveau {level}");
    }
    let hbo: Vec<&&Vacancy> = matching
        .iter()
        .filter(|v| v.levels.iter().any(|l| l == "hbo"))
        .collect();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut fields: BTreeMap<String, usize> = BTreeMap::new();
    let mut places: BTreeMap<String, usize> = BTreeMap::new();
    for v in &hbo {
        *kinds.entry(v.kind.clone()).or_default() += 1;
        *places.entry(v.place.clone()).or_default() += 1;
        for f in &v.fields {
            *fields.entry(f.clone()).or_default() += 1;
        }
    }
    let nonzero = |m: &BTreeMap<String, usize>| -> BTreeMap<String, usize> {
        m.iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| (k.clone(), *n))
            .collect()
    };
    assert_eq!(nonzero(&answer.counts["soort"]), kinds);
    assert_eq!(nonzero(&answer.counts["vakgebied"]), fields);
    assert_eq!(nonzero(&answer.counts["plaats"]), places);
}

#[test]
fn facets_alone_find_what_the_front_matter_says() {
    let p = PortalTest::example();
    p.build().success();
    let reader = Reader::open(&index_dir(&p.public())).unwrap();
    let all = vacancies(&p.root);
    let open: Vec<&Vacancy> = all.iter().filter(|v| v.open_on(today())).collect();
    for (facet, value, keep) in [
        (
            "niveau",
            "mbo",
            Box::new(|v: &Vacancy| v.levels.iter().any(|l| l == "mbo"))
                as Box<dyn Fn(&Vacancy) -> bool>,
        ),
        ("soort", "bbl", Box::new(|v: &Vacancy| v.kind == "bbl")),
        (
            "vakgebied",
            "communicatie",
            Box::new(|v: &Vacancy| v.fields.iter().any(|f| f == "communicatie")),
        ),
        (
            "plaats",
            "ellekoorn",
            Box::new(|v: &Vacancy| v.place == "ellekoorn"),
        ),
    ] {
        let answer = reader
            .query(&Query::text("", today()).with(facet, value))
            .unwrap();
        let want: BTreeSet<String> = open.iter().filter(|v| keep(v)).map(|v| v.link()).collect();
        assert!(
            !want.is_empty(),
            "{facet}={value} finds nothing in the example"
        );
        assert_eq!(links(answer.links.clone()), want, "{facet}={value}");
        // Without words the order is closing soonest.
        assert!(answer.rows.windows(2).all(|w| w[0] < w[1]));
    }
    // Two values of one facet: either; two facets: both.
    let either = reader
        .query(
            &Query::text("", today())
                .with("niveau", "vmbo")
                .with("niveau", "wo"),
        )
        .unwrap();
    let want: BTreeSet<String> = open
        .iter()
        .filter(|v| v.levels.iter().any(|l| l == "vmbo" || l == "wo"))
        .map(|v| v.link())
        .collect();
    assert_eq!(links(either.links), want);
    let both = reader
        .query(
            &Query::text("", today())
                .with("niveau", "mbo")
                .with("soort", "bbl"),
        )
        .unwrap();
    let want: BTreeSet<String> = open
        .iter()
        .filter(|v| v.levels.iter().any(|l| l == "mbo") && v.kind == "bbl")
        .map(|v| v.link())
        .collect();
    assert_eq!(links(both.links), want);
}

#[test]
fn closed_and_draft_vacancies_are_nowhere_in_the_index() {
    let p = PortalTest::example();
    p.build_with(&["--drafts"]).success();
    let dir = index_dir(&p.public());
    let reader = Reader::open(&dir).unwrap();
    let all = vacancies(&p.root);
    assert!(all.iter().any(|v| v.draft), "the example has a draft");
    assert!(
        all.iter().any(|v| !v.open_on(today()) && !v.draft),
        "the example has a closed vacancy"
    );
    let everything = reader.query(&Query::text("", today())).unwrap();
    let open: BTreeSet<String> = all
        .iter()
        .filter(|v| v.open_on(today()))
        .map(Vacancy::link)
        .collect();
    assert_eq!(links(everything.links.clone()), open);
    assert_eq!(
        reader.manifest()["rows"].as_u64().unwrap() as usize,
        open.len()
    );
    // Not even in a card file or the lexicon: no closed or draft title anywhere.
    let text: String = tree(&dir)
        .values()
        .map(|bytes| {
            let mut out = Vec::new();
            let mut d = flate2::read::GzDecoder::new(&bytes[..]);
            std::io::Read::read_to_end(&mut d, &mut out).unwrap();
            String::from_utf8_lossy(&out).into_owned()
        })
        .collect();
    for v in all.iter().filter(|v| !v.open_on(today())) {
        assert!(!text.contains(&v.link()), "{} is in the index", v.slug);
    }
}

#[test]
fn a_deadline_that_passes_after_the_build_drops_the_vacancy() {
    let p = PortalTest::example();
    p.build().success();
    let reader = Reader::open(&index_dir(&p.public())).unwrap();
    let all = vacancies(&p.root);
    let later = date(2026, 12, 1);
    let closing: Vec<&Vacancy> = all
        .iter()
        .filter(|v| v.open_on(today()) && !v.open_on(later))
        .collect();
    assert!(
        !closing.is_empty(),
        "the example has vacancies closing before {later}"
    );
    let on_build_day = links(reader.query(&Query::text("", today())).unwrap().links);
    let after = reader.query(&Query::text("", later)).unwrap();
    for v in &closing {
        assert!(on_build_day.contains(&v.link()));
        assert!(
            !after.links.contains(&v.link()),
            "{} still found on {later}",
            v.slug
        );
    }
    assert_eq!(after.links.len(), on_build_day.len() - closing.len());
    // The deadline facet is relative to the day of the visit.
    let week = reader
        .query(&Query::text("", later).with("sluit", "week"))
        .unwrap();
    for link in &week.links {
        let v = all.iter().find(|v| &v.link() == link).unwrap();
        let left = (v.closes.unwrap() - later).get_days();
        assert!((0..=6).contains(&left), "{link}: {left} days left");
    }
}

#[test]
fn dutch_stemming_and_folding_find_other_forms() {
    let p = PortalTest::example();
    p.write(
        "content/vacancies/gemeente-ellekoorn/stage-financien-test.md",
        "+++\ntitle = \"Stagiair financiën en control\"\npublished = 2026-09-01\ncloses = 2027-03-01\nlevels = [\"hbo\"]\nlocation = \"Ellekoorn\"\napply = \"stages@ellekoorn.example.nl\"\n+++\nJe werkt mee aan de begroting. Er zijn meerdere stages bij dit team, en trainees.\n",
    );
    p.build().success();
    let reader = Reader::open(&index_dir(&p.public())).unwrap();
    let find = |q: &str| reader.query(&Query::text(q, today())).unwrap().links;
    let link = "/vacatures/stage-financien-test/".to_string();
    assert!(find("financien").contains(&link), "folding: financien");
    assert!(find("Financiën").contains(&link), "folding: Financiën");
    assert!(
        find("begrotingen").contains(&link),
        "stemming: begrotingen -> begroting"
    );
    // "stages" and "stage" share a stem when both are in the content.
    let stage = links(find("stage"));
    let stages = links(find("stages"));
    assert!(stages.contains(&link) && stage.contains(&link));
    // The last word also matches longer words: "communicat" finds "communicatie".
    assert!(!find("communicat").is_empty());
    // Every word must match.
    assert!(find("financien waterkwaliteit").is_empty());
}

#[test]
fn sorting_by_newest_and_by_relevance() {
    let p = PortalTest::example();
    p.build().success();
    let reader = Reader::open(&index_dir(&p.public())).unwrap();
    let mut q = Query::text("", today());
    q.sort = Some(Sort::Newest);
    let newest = reader.query(&q).unwrap();
    let published: BTreeMap<String, String> = markdown_files(&p.root.join("content/vacancies"))
        .iter()
        .map(|path| {
            let (front, _) = front_matter(path);
            (
                format!(
                    "/vacatures/{}/",
                    slug(&path.file_stem().unwrap().to_string_lossy())
                ),
                front["published"].as_datetime().unwrap().to_string(),
            )
        })
        .collect();
    let dates: Vec<&String> = newest.links.iter().map(|l| &published[l]).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let relevance = reader.query(&Query::text("water", today())).unwrap();
    let scores: Vec<f64> = relevance.rows.iter().map(|r| relevance.scores[r]).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn a_one_word_query_reads_few_small_files() {
    let p = PortalTest::example();
    p.build().success();
    let dir = index_dir(&p.public());
    let reader = Reader::open(&dir).unwrap();
    let answer = reader.query(&Query::text("communicatie", today())).unwrap();
    let kinds: BTreeSet<&str> = answer
        .files
        .iter()
        .map(|f| f.split('/').next().unwrap())
        .collect();
    assert!(
        kinds.contains("p") && kinds.contains("w") && kinds.contains("c"),
        "{kinds:?}"
    );
    for f in &answer.files {
        let size = std::fs::metadata(dir.join(f)).unwrap().len();
        assert!(size < 20_000, "{f}: {size} bytes");
    }
}

#[test]
fn the_index_is_deterministic_and_named_by_its_contents() {
    let a = PortalTest::example();
    a.build().success();
    let b = PortalTest::example();
    b.build().success();
    let first = index_dir(&a.public());
    assert_eq!(first.file_name(), index_dir(&b.public()).file_name());
    assert_eq!(tree(&first), tree(&index_dir(&b.public())));
    // Another day is other content: another version.
    let c = PortalTest::example();
    c.build_with(&["--today", "2026-12-01"]).success();
    assert_ne!(first.file_name(), index_dir(&c.public()).file_name());
}

#[test]
fn the_search_page_and_the_listing_refine_box() {
    let p = PortalTest::example();
    p.build().success();
    let html = p.read("zoeken/index.html");
    let version = index_dir(&p.public())
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    assert!(html.contains(&format!("/zoeken/{version}/meta.bin")));
    assert!(html.contains("<script src=\"/search.js\" defer></script>"));
    assert!(html.contains("type=\"application/json\" id=\"search-config\""));
    assert!(p.has("search.js"));
    // Only the search page loads the script.
    for page in [
        "index.html",
        "vacatures/index.html",
        "niveau/hbo/index.html",
    ] {
        assert!(
            !p.read(page).contains("search.js"),
            "{page} loads search.js"
        );
        assert!(
            p.read(page).contains("href=\"/zoeken/\""),
            "{page} links to the search page"
        );
    }
    // The refine box: counts of the other listings within hbo, and a GET form.
    let hbo = p.read("niveau/hbo/index.html");
    assert!(hbo.contains("<form class=\"refine__form\" method=\"get\" action=\"/zoeken/\""));
    assert!(hbo.contains("<input type=\"hidden\" name=\"niveau\" value=\"hbo\">"));
    let all = vacancies(&p.root);
    let communicatie = all
        .iter()
        .filter(|v| v.open_on(today()) && v.levels.iter().any(|l| l == "hbo"))
        .filter(|v| v.fields.iter().any(|f| f == "communicatie"))
        .count();
    assert!(
        hbo.contains(&format!(
            "<a href=\"/zoeken/?niveau=hbo&amp;vakgebied=communicatie\">communicatie <span class=\"refine__count\">{communicatie}</span></a>"
        )),
        "no refine link with {communicatie}"
    );
}

#[test]
fn an_english_portal_is_indexed_with_english_stemming() {
    let p = PortalTest::example();
    let toml = std::fs::read_to_string(p.root.join("portal.toml")).unwrap();
    p.write(
        "portal.toml",
        &toml.replace("language = \"nl\"", "language = \"en\""),
    );
    p.write(
        "content/vacancies/gemeente-ellekoorn/english-test.md",
        "+++\ntitle = \"Internship communications\"\npublished = 2026-09-01\ncloses = 2027-03-01\nlevels = [\"wo\"]\nlocation = \"Ellekoorn\"\napply = \"stages@ellekoorn.example.nl\"\n+++\nYou will be organising meetings.\n",
    );
    p.build().success();
    let reader = Reader::open(&index_dir(&p.public())).unwrap();
    assert_eq!(reader.manifest()["language"], "en");
    let found = reader
        .query(&Query::text("organised communication", today()))
        .unwrap();
    assert_eq!(found.links, ["/vacatures/english-test/"]);
    assert!(p.read("zoeken/index.html").contains("Search internships"));
}

#[test]
fn links_in_the_index_carry_the_base_url_path() {
    // The `full` fixture is published below a path.
    let p = PortalTest::fixture("full");
    p.build().success();
    let reader = Reader::open(&index_dir(&p.public())).unwrap();
    let base = std::fs::read_to_string(p.root.join("portal.toml")).unwrap();
    let path = base
        .lines()
        .find_map(|l| l.strip_prefix("base_url = \""))
        .and_then(|u| u.trim_end_matches('"').splitn(4, '/').nth(3))
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    assert!(!path.is_empty());
    let answer = reader.query(&Query::text("", today())).unwrap();
    assert!(!answer.links.is_empty());
    for link in &answer.links {
        assert!(link.starts_with(&format!("/{path}/vacatures/")), "{link}");
    }
    let _ = repo();
}
