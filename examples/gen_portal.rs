//! Benchmark corpus generator (issue 10): writes a valid stagebord portal of N vacancies and
//! M organisations, deterministic from `--seed`, and optionally the same corpus as a Hugo
//! site, so that both generators can be timed on identical content.
//!
//! ```sh
//! cargo run --release --example gen_portal -- --vacancies 10000 --organisations 500 \
//!     --out /dev/shm/portal --hugo /dev/shm/portal-hugo
//! ```
//!
//! The portal has `portal.toml`, `content/_index.md`, `content/organisations/<slug>.md`,
//! `content/vacancies/<organisation>/<slug>.md` and `content/brochures/<slug>.md` (one to
//! three per organisation). Vacancy bodies are Dutch-like texts of 300-600 words with `## `
//! headings, bullet lists, absolute links under example.nl and a relative link to one of the
//! organisation's brochures. Vacancies are spread over every kind, every level, 15 fields and
//! 40 places; exactly one in ten closes before `--today` (default 2026-11-23).
//!
//! The Hugo site (`--hugo DIR`) holds the same texts with TOML front matter Hugo understands:
//! levels, fields, places and kinds are Hugo taxonomies (only for open vacancies, as
//! stagebord lists only open ones), every other key is a page parameter, and the brochure
//! link points at the brochure's Hugo URL (Hugo does not resolve `.md` links by itself).
//! Its templates live in `scripts/bench/hugo/` and are compiled into this program.
//!
//! Randomness is a splitmix64 generator seeded per item, so one vacancy's text does not
//! depend on how many others were generated before it.

use std::collections::HashSet;
use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

/// Writes a deterministic benchmark portal (and optionally the same corpus for Hugo).
#[derive(Parser, Debug)]
#[command(name = "gen_portal")]
struct Args {
    /// Number of vacancies.
    #[arg(long, default_value_t = 1000)]
    vacancies: usize,
    /// Number of organisations (default: one per 20 vacancies, at least one).
    #[arg(long)]
    organisations: Option<usize>,
    /// The portal folder to create (must not exist or be empty).
    #[arg(long)]
    out: PathBuf,
    /// Seed of the generator: the same seed gives byte-identical files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also write the same corpus as a Hugo site into this folder (must not exist or be empty).
    #[arg(long)]
    hugo: Option<PathBuf>,
    /// The day against which a tenth of the vacancies is closed (YYYY-MM-DD).
    #[arg(long, default_value = "2026-11-23")]
    today: String,
    /// Upcoming events (open days) per organisation, each naming up to three of its
    /// vacancies. 0 by default, so the corpus stays the one Hugo builds too; set it to see
    /// that the agenda scales (an event per organisation is ordinary for a national portal).
    #[arg(long, default_value_t = 0)]
    events_per_organisation: usize,
}

// ---------------------------------------------------------------------------------------
// Randomness and dates
// ---------------------------------------------------------------------------------------

/// splitmix64: tiny, fast and good enough for text generation.
struct Rng(u64);

impl Rng {
    /// A generator for item `index` of stream `tag`, independent of every other item.
    fn for_item(seed: u64, tag: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ tag.wrapping_mul(0xA076_1D64_78BD_642F));
        r.0 ^= r
            .next()
            .wrapping_add(index.wrapping_mul(0xE703_7ED1_A0B4_28DB));
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1).max(1) as u64) as i64
    }

    /// True with `percent` % probability.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A civil date as days since 1970-01-01 (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Day(i64);

impl Day {
    /// Howard Hinnant's days_from_civil.
    fn from_ymd(y: i64, m: i64, d: i64) -> Day {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    fn parse(text: &str) -> Option<Day> {
        let mut parts = text.split('-').map(|p| p.parse::<i64>().ok());
        let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| Day::from_ymd(y, m, d))
    }

    fn plus(self, days: i64) -> Day {
        Day(self.0 + days)
    }

    /// Howard Hinnant's civil_from_days.
    fn ymd(self) -> (i64, i64, i64) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (
            if m <= 2 {
                yoe + era * 400 + 1
            } else {
                yoe + era * 400
            },
            m,
            d,
        )
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

// ---------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------

/// 40 fictional places; a few with diacritics or an apostrophe, as listing terms must fold.
const PLACES: [&str; 40] = [
    "Ellekoorn",
    "Marrewijde",
    "Lindewoude",
    "Vlieterdam",
    "Bremhorst",
    "Oosterveen",
    "Zandhuizen",
    "Kerkwervel",
    "Haverloo",
    "Wâldsein",
    "Súdermar",
    "Ter Eeken",
    "'s-Gravenwaard",
    "Nieuw-Beekum",
    "Aldebrug",
    "Rietmolen",
    "Westerhaven",
    "Hoogelande",
    "Klaverdijk",
    "Sint-Ariënsdorp",
    "Dijkzicht",
    "Molenbroek",
    "Veldhuizen",
    "Groenestein",
    "Brakelveen",
    "Heidelo",
    "Spijkerwaard",
    "Noordvliet",
    "Essenburg",
    "Lommerzande",
    "Ruisendaal",
    "Oud-Vossem",
    "Kampervoort",
    "Zuiderwold",
    "Beekhoven",
    "Linthout",
    "Eikendonk",
    "Wilgenrode",
    "Hazelaar",
    "Schoorkamp",
];

const REGIONS: [&str; 6] = [
    "Noordervaart",
    "Vechterland",
    "Kempenrand",
    "Westerkwartier-Zuid",
    "Deltaland",
    "Heuvelrug-Oost",
];

/// 15 fields: the listing term, its label in sentences, and topics for titles and texts.
const FIELDS: [(&str, &str, [&str; 3]); 15] = [
    (
        "communicatie",
        "communicatie",
        [
            "communicatie en online media",
            "webredactie",
            "inwonerscommunicatie",
        ],
    ),
    (
        "ict",
        "ICT",
        ["ICT-support", "applicatiebeheer", "informatiebeveiliging"],
    ),
    (
        "juridisch",
        "juridische zaken",
        ["bezwaar en beroep", "omgevingsrecht", "privacy en AVG"],
    ),
    (
        "financien",
        "financiën",
        [
            "financiële administratie",
            "begroting en control",
            "subsidies",
        ],
    ),
    (
        "hr",
        "HR",
        [
            "HR en organisatieontwikkeling",
            "werving en selectie",
            "opleiden en ontwikkelen",
        ],
    ),
    (
        "ruimtelijke-ordening",
        "ruimtelijke ordening",
        ["woningbouw", "gebiedsontwikkeling", "omgevingsvisie"],
    ),
    (
        "water-en-klimaat",
        "water en klimaat",
        ["waterkwaliteit", "dijkversterking", "klimaatadaptatie"],
    ),
    (
        "zorg-en-welzijn",
        "zorg en welzijn",
        ["sociaal wijkteam", "jeugdzorg", "ouderenzorg"],
    ),
    (
        "onderwijs",
        "onderwijs",
        [
            "loopbaanbegeleiding",
            "onderwijsondersteuning",
            "laaggeletterdheid",
        ],
    ),
    (
        "techniek",
        "techniek",
        ["werktuigbouwkunde", "elektrotechniek", "gebouwbeheer"],
    ),
    (
        "facilitair",
        "facilitaire dienstverlening",
        ["facilitaire dienst", "inkoop", "huisvesting"],
    ),
    (
        "data-en-onderzoek",
        "data en onderzoek",
        ["data-analyse", "beleidsonderzoek", "open data"],
    ),
    (
        "bestuur",
        "bestuur en beleid",
        ["bestuursondersteuning", "raadsgriffie", "beleidsadvies"],
    ),
    (
        "groen",
        "groen en natuur",
        ["groenbeheer", "natuurinclusief bouwen", "biodiversiteit"],
    ),
    (
        "mobiliteit",
        "mobiliteit",
        ["verkeersdata", "openbaar vervoer", "fietsbeleid"],
    ),
];

/// Placement kinds: key, title word, the levels it is offered at, and a weight.
const KINDS: [(&str, &str, &[&str], u64); 8] = [
    ("stage", "Stage", &["mbo", "hbo", "wo"], 30),
    ("snuffelstage", "Snuffelstage", &["vmbo", "mbo"], 8),
    ("meewerkstage", "Meewerkstage", &["mbo", "hbo"], 20),
    ("afstudeerstage", "Afstudeerstage", &["hbo", "wo"], 14),
    ("onderzoeksstage", "Onderzoeksstage", &["hbo", "wo"], 8),
    ("bbl", "BBL-plek", &["mbo"], 8),
    ("traineeship", "Traineeship", &["hbo", "wo"], 6),
    (
        "werkervaringsplaats",
        "Werkervaringsplaats",
        &["vmbo", "mbo"],
        6,
    ),
];

const FIRST_NAMES: [&str; 20] = [
    "Sanne", "Daan", "Fatima", "Joris", "Lotte", "Youssef", "Ingrid", "Bram", "Noor", "Ruud",
    "Marieke", "Kees", "Aylin", "Thijs", "Femke", "Mohamed", "Esther", "Pieter", "Lieke", "Ahmed",
];

const LAST_NAMES: [&str; 20] = [
    "de Wit",
    "Jansen",
    "El Amrani",
    "Bosschaart",
    "van Dijk",
    "Verhoeven",
    "Zwanenburg",
    "Bakker",
    "Yilmaz",
    "de Boer",
    "Smit",
    "van der Meer",
    "Mulder",
    "Kok",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Graaf",
];

const ROLES: [&str; 6] = [
    "stagecoördinator",
    "praktijkbegeleider",
    "teamleider",
    "beleidsadviseur",
    "HR-adviseur",
    "projectleider",
];

const WATERS: [&str; 8] = [
    "Vlieterstromen",
    "Aa en Molenbeek",
    "Rivierenland-Noord",
    "De Drie Polders",
    "Brakelstroom",
    "Hollandse Veenweiden",
    "Zuiderzeeland-West",
    "Kempenwater",
];

const TRADES: [&str; 8] = [
    "Installatietechniek",
    "Bouwgroep",
    "Groenvoorziening",
    "Logistiek",
    "Adviesbureau",
    "Metaalbewerking",
    "Automatisering",
    "Ingenieursbureau",
];

// Sentence banks. `{org}`, `{place}`, `{topic}`, `{field}` and `{n}` are filled in.

const INTRO: [&str; 12] = [
    "Bij {org} in {place} werken we elke dag aan {topic}.",
    "Voor het team {topic} zoeken we een stagiair die zin heeft om mee te denken en mee te doen.",
    "{org} is een organisatie waar je snel verantwoordelijkheid krijgt, ook als stagiair.",
    "In deze stage leer je hoe {topic} er in de praktijk uitziet, van het eerste idee tot het resultaat.",
    "De afgelopen jaren is het werk rond {topic} flink veranderd, en dat merk je in alles wat we doen.",
    "Je komt terecht in een team van {n} collega's die graag hun kennis met je delen.",
    "Inwoners en bedrijven in {place} merken direct wat wij doen, en dat maakt het werk zo afwisselend.",
    "Wie bij ons stage loopt, werkt mee aan echte opdrachten en niet aan een oefenproject op de plank.",
    "We zoeken iemand die nieuwsgierig is, vragen durft te stellen en het leuk vindt om dingen uit te zoeken.",
    "Het vakgebied {field} is volop in beweging, en juist een frisse blik van buiten helpt ons verder.",
    "Samen met je begeleider bepaal je welke opdracht het beste past bij jouw opleiding en leerdoelen.",
    "Elke week is er een kort overleg waarin je laat zien waar je staat en waar je hulp bij kunt gebruiken.",
];

const TASKS: [&str; 12] = [
    "je helpt bij het voorbereiden van overleggen over {topic};",
    "je schrijft korte adviezen en notities voor je team;",
    "je verzamelt gegevens en zet ze overzichtelijk op een rij;",
    "je loopt mee met ervaren collega's bij afspraken buiten de deur;",
    "je beantwoordt vragen van inwoners en bedrijven over {topic};",
    "je werkt mee aan een project in {place} dat dit jaar van start gaat;",
    "je houdt de planning bij en bewaakt afspraken met andere afdelingen;",
    "je denkt mee over verbeteringen in de manier waarop we werken;",
    "je maakt een presentatie over je bevindingen voor het managementteam;",
    "je test nieuwe werkwijzen en legt vast wat wel en niet werkt;",
    "je interviewt collega's en partners over hun ervaringen;",
    "je ondersteunt bij de voorbereiding van een informatieavond in {place}.",
];

const ASKS: [&str; 10] = [
    "Je volgt een opleiding die past bij {field}, of je bent daar sterk in geïnteresseerd.",
    "Je bent nieuwsgierig en stelt liever een vraag te veel dan een te weinig.",
    "Je kunt zelfstandig werken en houdt je planning goed in de gaten.",
    "Je schrijft helder en kunt ingewikkelde dingen eenvoudig uitleggen.",
    "Je vindt het leuk om met heel verschillende mensen samen te werken.",
    "Je bent minimaal drie dagen per week beschikbaar.",
    "Je hebt affiniteit met de publieke sector en met {place}.",
    "Je bent handig met de computer en leert snel nieuwe programma's.",
    "Je neemt initiatief en komt zelf met voorstellen.",
    "Je kunt een Verklaring Omtrent het Gedrag overleggen; de kosten vergoeden wij.",
];

const OFFERS: [&str; 10] = [
    "Een vaste praktijkbegeleider die echt tijd voor je vrijmaakt.",
    "Een eigen werkplek en een laptop voor de duur van je stage.",
    "Een reiskostenvergoeding voor woon-werkverkeer.",
    "Toegang tot interne trainingen en de stagiairsmiddagen.",
    "De mogelijkheid om mee te lopen met andere afdelingen.",
    "Flexibele werktijden, in overleg met je team.",
    "Een leuke groep stagiairs met wie je ervaringen deelt.",
    "Een opdracht waar je team echt iets mee doet.",
    "Een goede beoordeling en een referentie voor later.",
    "Ruimte om je eigen ideeën uit te proberen.",
];

const FILLER: [&str; 26] = [
    "Daarbij kijken we niet alleen naar wat je al kunt, maar vooral naar wat je wilt leren.",
    "Je werkt veel samen met collega's van andere afdelingen, zodat je een goed beeld krijgt van de hele organisatie.",
    "Omdat {topic} veel mensen raakt, leer je ook om rekening te houden met heel verschillende belangen.",
    "In {place} zijn de lijnen kort: je spreekt zonder omwegen met de mensen die beslissingen nemen.",
    "Aan het begin van je stage stel je samen met je begeleider een leerplan op, dat je halverwege bijstelt.",
    "We vinden het belangrijk dat je je op je gemak voelt, dus aan vragen is nooit gebrek.",
    "De eerste weken gebruik je vooral om de organisatie te leren kennen en je in te lezen.",
    "Daarna neem je steeds meer taken zelfstandig op je, in je eigen tempo.",
    "Het team bestaat uit ongeveer {n} mensen met uiteenlopende achtergronden en opleidingen.",
    "Regelmatig bespreken we met elkaar wat goed ging en wat beter kan.",
    "Thuiswerken kan in overleg, maar op kantoor leer je het meest van je collega's.",
    "Aan het eind van je stage presenteer je wat je hebt gedaan en wat je hebt geleerd.",
    "Veel van onze oud-stagiairs zijn later bij ons of bij een partnerorganisatie aan de slag gegaan.",
    "We houden contact met je school, zodat de opdracht ook voor je opleiding goed uitpakt.",
    "Je krijgt inzicht in hoe beleid tot stand komt en wat er nodig is om het uit te voeren.",
    "Wat je bij ons leert over {field}, neem je mee naar elke volgende baan.",
    "Er is altijd iemand in de buurt bij wie je terecht kunt met een vraag.",
    "Je leert plannen, prioriteren en rapporteren, vaardigheden die je overal nodig hebt.",
    "We werken met korte lijnen en een open sfeer, waarin iedereen meedenkt.",
    "Ook als iets niet lukt, zien we dat als een kans om ervan te leren.",
    "Halverwege je stage is er een gesprek met je begeleider en je docent van school.",
    "Je krijgt de ruimte om een eigen project op te pakken en af te ronden.",
    "Soms werk je op locatie in {place}, soms op kantoor, afhankelijk van de opdracht.",
    "Wie bij ons begint, krijgt een inwerkprogramma van twee weken.",
    "Bij {org} zijn stagiairs een vast onderdeel van het team, niet een extraatje.",
    "Je ziet van dichtbij hoe een grote organisatie beslissingen neemt over {topic}.",
];

const APPLY: [&str; 5] = [
    "Stuur je cv en een korte motivatie, en vertel ons waarom deze stage bij jou past.",
    "Een uitgewerkt plan is nog niet nodig: dat maken we samen.",
    "Na je sollicitatie nodigen we je binnen twee weken uit voor een kennismakingsgesprek.",
    "Heb je vragen over de stage? Neem dan gerust contact op met de contactpersoon.",
    "We beoordelen sollicitaties op volgorde van binnenkomst, dus wacht niet te lang.",
];

// ---------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------

/// Brochure kinds: key, title prefix, how a sentence names it.
const BROCHURE_KINDS: [(&str, &str, &str); 3] = [
    (
        "huisregels",
        "Huisregels voor stagiairs bij",
        "de huisregels",
    ),
    ("stagereglement", "Stagereglement van", "het stagereglement"),
    ("onthaal", "Welkom bij", "de welkomstgids"),
];

struct Organisation {
    slug: String,
    name: String,
    kind: &'static str,
    place: usize,
    region: &'static str,
    host: String,
    /// Brochure kinds (indices into `BROCHURE_KINDS`).
    brochures: Vec<usize>,
}

impl Organisation {
    fn brochure_slug(&self, b: usize) -> String {
        format!("{}-{}", BROCHURE_KINDS[b].0, self.slug)
    }
}

struct Vacancy {
    index: usize,
    slug: String,
    organisation: usize,
    title: String,
    kind: usize,
    levels: Vec<&'static str>,
    fields: Vec<usize>,
    topic: &'static str,
    place: usize,
    region: &'static str,
    workplace: &'static str,
    hours: (u32, u32),
    duration_months: u32,
    allowance: Option<u32>,
    apply: String,
    crebo: Vec<String>,
    contact: (String, &'static str, String, String),
    summary: Option<String>,
    published: Day,
    updated: Option<Day>,
    closes: Day,
    starts: Day,
    /// Which of the organisation's brochures the body links to.
    brochure: usize,
}

/// Folds a name into a slug the way stagebord does for the names used here.
fn fold(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'Á' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

fn organisations(seed: u64, count: usize) -> Vec<Organisation> {
    const KINDS: [(&str, u64); 9] = [
        ("gemeente", 30),
        ("waterschap", 6),
        ("provincie", 4),
        ("rijksoverheid", 6),
        ("federale-overheid", 3),
        ("onderwijs", 12),
        ("zorg", 12),
        ("bedrijf", 20),
        ("stichting", 7),
    ];
    let total: u64 = KINDS.iter().map(|k| k.1).sum();
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let mut rng = Rng::for_item(seed, 1, i as u64);
        let mut roll = rng.next() % total;
        let mut kind = KINDS[0].0;
        for (k, w) in KINDS {
            if roll < w {
                kind = k;
                break;
            }
            roll -= w;
        }
        let place = rng.below(PLACES.len());
        let region = *rng.pick(&REGIONS);
        let town = PLACES[place];
        let base = match kind {
            "gemeente" => format!("Gemeente {town}"),
            "waterschap" => format!("Waterschap {}", rng.pick(&WATERS)),
            "provincie" => format!("Provincie {region}"),
            "rijksoverheid" => format!("Rijksdienst voor {}", rng.pick(&FIELDS).2[0]),
            "federale-overheid" => format!("FOD {}", capitalise(rng.pick(&FIELDS).1)),
            "onderwijs" => {
                format!(
                    "{} {town}",
                    rng.pick(&["ROC", "Hogeschool", "Lyceum", "Vakcollege"])
                )
            }
            "zorg" => format!(
                "{} {town}",
                rng.pick(&["Zorggroep", "Ziekenhuis", "Thuiszorg", "GGD"])
            ),
            "bedrijf" => capitalise(&format!("{} {}", rng.pick(&LAST_NAMES), rng.pick(&TRADES))),
            _ => format!(
                "Stichting {} {town}",
                rng.pick(&["Welzijn", "Jeugdwerk", "Natuurbehoud", "Cultuur"])
            ),
        };
        let mut name = base.clone();
        let mut n = 2;
        while !seen.insert(fold(&name)) {
            name = format!("{base} {n}");
            n += 1;
        }
        let slug = fold(&name);
        let host = format!("{}.example.nl", slug);
        let count = 1 + rng.below(3);
        let first = rng.below(BROCHURE_KINDS.len());
        let brochures = (0..count)
            .map(|k| (first + k) % BROCHURE_KINDS.len())
            .collect();
        out.push(Organisation {
            slug,
            name,
            kind,
            place,
            region,
            host,
            brochures,
        });
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn vacancy(seed: u64, index: usize, orgs: &[Organisation], today: Day) -> Vacancy {
    let mut rng = Rng::for_item(seed, 2, index as u64);
    let organisation = rng.below(orgs.len());
    let org = &orgs[organisation];
    // Kinds: weighted, but the first eight vacancies take each kind once, so that a small
    // portal still has every kind.
    let kind = if index < KINDS.len() {
        index
    } else {
        let total: u64 = KINDS.iter().map(|k| k.3).sum();
        let mut roll = rng.next() % total;
        let mut chosen = 0;
        for (k, entry) in KINDS.iter().enumerate() {
            if roll < entry.3 {
                chosen = k;
                break;
            }
            roll -= entry.3;
        }
        chosen
    };
    let allowed = KINDS[kind].2;
    let first = rng.below(allowed.len());
    let mut levels = vec![allowed[first]];
    if first + 1 < allowed.len() && rng.chance(40) {
        levels.push(allowed[first + 1]);
    }
    let field = if index < FIELDS.len() {
        index
    } else {
        rng.below(FIELDS.len())
    };
    let mut fields = vec![field];
    if rng.chance(35) {
        let second = rng.below(FIELDS.len());
        if second != field {
            fields.push(second);
        }
    }
    let topic = *rng.pick(&FIELDS[field].2);
    // Most vacancies are where the organisation is; the rest anywhere (every place is used).
    let place = if index < PLACES.len() {
        index
    } else if rng.chance(70) {
        org.place
    } else {
        rng.below(PLACES.len())
    };
    let title = format!("{} {}", KINDS[kind].1, topic);
    let slug = format!("{}-{}-{:06}", KINDS[kind].0, fold(topic), index);
    let workplace = *rng.pick(&["on-site", "hybrid", "hybrid", "remote"]);
    let hours = if rng.chance(40) {
        let lo = 8 * rng.range(2, 4) as u32;
        (lo, lo + 8)
    } else {
        let h = *rng.pick(&[16, 24, 32, 36, 38, 40]);
        (h, h)
    };
    let duration_months = match KINDS[kind].0 {
        "snuffelstage" => 1,
        "bbl" => 24,
        "traineeship" => 18,
        _ => rng.range(3, 10) as u32,
    };
    let allowance = match rng.below(10) {
        0 => None,
        1 => Some(0),
        _ => Some(50 * rng.range(4, 16) as u32),
    };
    let apply = if rng.chance(60) {
        format!("https://www.{}/werken/stages/{}", org.host, slug)
    } else {
        format!("stages@{}", org.host)
    };
    let crebo = if levels.contains(&"mbo") && rng.chance(60) {
        vec![format!("{}", 25_000 + rng.below(900))]
    } else {
        Vec::new()
    };
    let first_name = *rng.pick(&FIRST_NAMES);
    let last_name = *rng.pick(&LAST_NAMES);
    let contact = (
        format!("{first_name} {last_name}"),
        *rng.pick(&ROLES),
        format!(
            "{}.{}@{}",
            first_name.to_lowercase().chars().next().unwrap_or('x'),
            fold(last_name).replace('-', ""),
            org.host
        ),
        format!("0{} 555 {:03}", rng.range(10, 99), rng.below(1000)),
    );
    let summary = rng.chance(50).then(|| {
        format!(
            "Werk mee aan {topic} bij {} in {}, met een eigen opdracht en een vaste begeleider.",
            org.name, PLACES[place]
        )
    });
    // Exactly one in ten is closed: its deadline is 1-90 days before today.
    let closes = if index % 10 == 3 {
        today.plus(-rng.range(1, 90))
    } else {
        today.plus(rng.range(0, 220))
    };
    let published = if closes < today {
        closes.plus(-rng.range(30, 150))
    } else {
        today.plus(-rng.range(0, 150))
    };
    let updated = rng
        .chance(30)
        .then(|| published.plus(rng.range(1, 20)))
        .filter(|u| *u <= today);
    let starts = closes.plus(rng.range(7, 60));
    let brochure = org.brochures[rng.below(org.brochures.len())];
    Vacancy {
        index,
        slug,
        organisation,
        title,
        kind,
        levels,
        fields,
        topic,
        place,
        region: org.region,
        workplace,
        hours,
        duration_months,
        allowance,
        apply,
        crebo,
        contact,
        summary,
        published,
        updated,
        closes,
        starts,
        brochure,
    }
}

// ---------------------------------------------------------------------------------------
// Texts
// ---------------------------------------------------------------------------------------

/// A bank of sentences in a random order, drawn without repeats until it runs out.
struct Deck {
    cards: Vec<&'static str>,
    next: usize,
}

impl Deck {
    fn new(rng: &mut Rng, bank: &[&'static str]) -> Deck {
        let mut cards = bank.to_vec();
        for i in (1..cards.len()).rev() {
            cards.swap(i, rng.below(i + 1));
        }
        Deck { cards, next: 0 }
    }

    fn draw(&mut self) -> &'static str {
        let card = self.cards[self.next % self.cards.len()];
        self.next += 1;
        card
    }
}

/// What the placeholders of a sentence are filled with.
struct Fill<'a> {
    org: &'a str,
    place: &'a str,
    topic: &'a str,
    field: &'a str,
    n: usize,
}

impl Fill<'_> {
    fn sentence(&self, deck: &mut Deck) -> String {
        deck.draw()
            .replace("{org}", self.org)
            .replace("{place}", self.place)
            .replace("{topic}", self.topic)
            .replace("{field}", self.field)
            .replace("{n}", &self.n.to_string())
    }
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The link text of a brochure: "de huisregels van Gemeente Ellekoorn".
fn brochure_label(kind: usize, org: &Organisation) -> String {
    format!("{} van {}", BROCHURE_KINDS[kind].2, org.name)
}

/// A vacancy's Markdown body; `brochure_href` is the link to the organisation's brochure
/// (a relative `.md` path for stagebord, the page URL for Hugo). 300-600 words of text
/// (headings included, list markers and link targets not).
fn vacancy_body(seed: u64, v: &Vacancy, org: &Organisation, brochure_href: &str) -> String {
    let mut rng = Rng::for_item(seed, 3, v.index as u64);
    let fill = Fill {
        org: &org.name,
        place: PLACES[v.place],
        topic: v.topic,
        field: FIELDS[v.fields[0]].1,
        n: rng.range(4, 40) as usize,
    };
    let target = rng.range(300, 580) as usize;
    let mut intro_deck = Deck::new(&mut rng, &INTRO);
    let mut filler = Deck::new(&mut rng, &FILLER);
    let mut task_deck = Deck::new(&mut rng, &TASKS);
    let mut ask_deck = Deck::new(&mut rng, &ASKS);
    let mut offer_deck = Deck::new(&mut rng, &OFFERS);
    let mut apply_deck = Deck::new(&mut rng, &APPLY);

    let mut intro: Vec<String> = (0..3).map(|_| fill.sentence(&mut intro_deck)).collect();
    let mut doing: Vec<String> = (0..2).map(|_| fill.sentence(&mut filler)).collect();
    let tasks: Vec<String> = (0..rng.range(3, 6))
        .map(|_| fill.sentence(&mut task_deck))
        .collect();
    let asks: Vec<String> = (0..rng.range(3, 5))
        .map(|_| fill.sentence(&mut ask_deck))
        .collect();
    let offers: Vec<String> = (0..rng.range(3, 5))
        .map(|_| fill.sentence(&mut offer_deck))
        .collect();
    let rules = format!(
        "Lees voor je begint ook [{}]({brochure_href}): daar staat wat je van ons mag verwachten en wat wij van jou vragen.",
        brochure_label(v.brochure, org)
    );
    let mut about = vec![
        format!(
            "{} heeft veel ervaring met stagiairs. Meer over ons werk lees je op [onze website](https://www.{}/over-ons).",
            org.name, org.host
        ),
        fill.sentence(&mut filler),
    ];
    let apply_link = if v.apply.starts_with("https://") {
        format!("[het sollicitatieformulier]({})", v.apply)
    } else {
        format!("[{}](mailto:{})", v.apply, v.apply)
    };
    let applying = vec![
        format!("Solliciteren doe je via {apply_link}."),
        fill.sentence(&mut apply_deck),
        fill.sentence(&mut apply_deck),
    ];

    // Headings: "Wat ga je doen", "Wat vragen we", "Wat bieden we", "Over <org>", "Solliciteren".
    let headings = 4 + 3 + 3 + 1 + words(&org.name) + 1;
    let count = |parts: &[&Vec<String>]| -> usize {
        parts
            .iter()
            .flat_map(|p| p.iter())
            .map(|s| words(s))
            .sum::<usize>()
            + words(&rules)
            + headings
    };
    // Grow the paragraphs in turn until the body reaches its length.
    let mut turn = 0;
    while count(&[&intro, &doing, &tasks, &asks, &offers, &about, &applying]) < target {
        let s = fill.sentence(&mut filler);
        match turn % 3 {
            0 => doing.push(s),
            1 => intro.push(s),
            _ => about.push(s),
        }
        turn += 1;
    }

    let mut md = String::with_capacity(4096);
    let _ = writeln!(md, "{}\n", intro.join(" "));
    let _ = writeln!(md, "## Wat ga je doen\n\n{}\n", doing.join(" "));
    for t in &tasks {
        let _ = writeln!(md, "- {t}");
    }
    let _ = writeln!(md, "\n## Wat vragen we\n");
    for a in &asks {
        let _ = writeln!(md, "- {a}");
    }
    let _ = writeln!(md, "\n## Wat bieden we\n");
    for o in &offers {
        let _ = writeln!(md, "- {o}");
    }
    let _ = writeln!(md, "\n{rules}\n");
    let _ = writeln!(md, "## Over {}\n\n{}\n", org.name, about.join(" "));
    let _ = writeln!(md, "## Solliciteren\n\n{}", applying.join(" "));
    md
}

/// An organisation's profile; `brochure_href(slug)` spells the link to a brochure.
fn organisation_body(
    seed: u64,
    index: usize,
    org: &Organisation,
    brochure_href: &dyn Fn(&str) -> String,
) -> String {
    let mut rng = Rng::for_item(seed, 4, index as u64);
    let field = &FIELDS[rng.below(FIELDS.len())];
    let n = rng.range(20, 4000) as usize;
    let fill = Fill {
        org: &org.name,
        place: PLACES[org.place],
        topic: field.2[0],
        field: field.1,
        n,
    };
    let mut intro = Deck::new(&mut rng, &INTRO);
    let mut filler = Deck::new(&mut rng, &FILLER);
    let mut offers = Deck::new(&mut rng, &OFFERS);
    let mut md = String::with_capacity(2048);
    let _ = writeln!(
        md,
        "## Over {}\n\n{} werkt met ongeveer {n} mensen vanuit {} voor de regio {}. {} {}\n",
        org.name,
        org.name,
        fill.place,
        org.region,
        fill.sentence(&mut intro),
        fill.sentence(&mut filler)
    );
    let _ = writeln!(
        md,
        "## Stage lopen bij {}\n\n{} {} {}\n",
        org.name,
        fill.sentence(&mut filler),
        fill.sentence(&mut filler),
        fill.sentence(&mut intro)
    );
    for _ in 0..rng.range(3, 5) {
        let _ = writeln!(md, "- {}", fill.sentence(&mut offers));
    }
    let links: Vec<String> = org
        .brochures
        .iter()
        .map(|&b| {
            format!(
                "[{}]({})",
                brochure_label(b, org),
                brochure_href(&org.brochure_slug(b))
            )
        })
        .collect();
    let _ = writeln!(
        md,
        "\nWil je weten wat je van ons mag verwachten? Lees dan {}. Meer over ons werk staat op [onze website](https://www.{}/).",
        links.join(" en "),
        org.host
    );
    md
}

/// A brochure's text, with a list and a table (as real house rules have).
fn brochure_body(seed: u64, index: usize, org: &Organisation, kind: usize) -> String {
    let mut rng = Rng::for_item(seed, 5, index as u64 * 4 + kind as u64);
    let field = &FIELDS[rng.below(FIELDS.len())];
    let fill = Fill {
        org: &org.name,
        place: PLACES[org.place],
        topic: field.2[0],
        field: field.1,
        n: 12,
    };
    let mut filler = Deck::new(&mut rng, &FILLER);
    let mut apply = Deck::new(&mut rng, &APPLY);
    let mut md = String::with_capacity(3072);
    let _ = writeln!(
        md,
        "Welkom bij {}. Deze tekst helpt je om snel je weg te vinden. {} {}\n",
        org.name,
        fill.sentence(&mut filler),
        fill.sentence(&mut filler)
    );
    let _ = writeln!(
        md,
        "## Je eerste dag\n\nJe eerste werkdag begint om 9.00 uur bij de receptie in {}. Op je eerste dag:\n",
        fill.place
    );
    for item in [
        "krijg je je toegangspas, je laptop en je inloggegevens;",
        "maak je kennis met je team en krijg je een rondleiding;",
        "bespreek je met je begeleider je leerdoelen;",
        "teken je de geheimhoudingsverklaring.",
    ] {
        let _ = writeln!(md, "- {item}");
    }
    let _ = writeln!(
        md,
        "\n## Praktische afspraken\n\n| Onderwerp | Afspraak | Contact |\n|---|---|---|\n| Werktijden | Tussen 7.30 en 18.00 uur | Je praktijkbegeleider |\n| Afmelden | Vóór 9.00 uur telefonisch | Je praktijkbegeleider |\n| Stagevergoeding | Rond de 25e van de maand | Stagebureau |\n| Vertrouwenspersoon | Altijd bereikbaar | [vertrouwenspersoon@{}](mailto:vertrouwenspersoon@{}) |\n",
        org.host, org.host
    );
    let _ = writeln!(
        md,
        "## Omgaan met informatie\n\n{} {} {}\n",
        fill.sentence(&mut filler),
        fill.sentence(&mut filler),
        fill.sentence(&mut filler)
    );
    let _ = writeln!(
        md,
        "## Vragen\n\n{} Kijk ook op [de website](https://www.{}/stages).",
        fill.sentence(&mut apply),
        org.host
    );
    md
}

// ---------------------------------------------------------------------------------------
// Writers
// ---------------------------------------------------------------------------------------

/// A TOML basic string.
fn q(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Creates `dir`, refusing to write into a folder that already has files.
fn fresh_dir(dir: &Path) -> Result<(), Box<dyn Error>> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        return Err(format!("{} exists and is not empty; remove it first", dir.display()).into());
    }
    fs::create_dir_all(dir)?;
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), Box<dyn Error>> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()).into())
}

struct Corpus {
    seed: u64,
    today: Day,
    orgs: Vec<Organisation>,
    vacancies: Vec<Vacancy>,
}

fn vacancy_fields(v: &Vacancy) -> Vec<String> {
    v.fields.iter().map(|&f| FIELDS[f].0.to_string()).collect()
}

fn write_stagebord(c: &Corpus, out: &Path) -> Result<(), Box<dyn Error>> {
    fresh_dir(out)?;
    write(
        &out.join("portal.toml"),
        &format!(
            "title = \"Stagebord Benchmark\"\nbase_url = \"https://stages.example.nl\"\ndescription = {}\nlanguage = \"nl\"\ntimezone = \"Europe/Amsterdam\"\npaginate = 50\n",
            q(&format!(
                "Gegenereerd benchmarkportaal: {} vacatures bij {} organisaties (seed {}).",
                c.vacancies.len(),
                c.orgs.len(),
                c.seed
            ))
        ),
    )?;
    let content = out.join("content");
    write(
        &content.join("_index.md"),
        "+++\n+++\nStages, leerwerkplekken en traineeships bij publieke organisaties en bedrijven in het hele land.\n",
    )?;
    for (i, org) in c.orgs.iter().enumerate() {
        let (first, last) = (FIRST_NAMES[i % 20], LAST_NAMES[(i / 20) % 20]);
        let mut fm = String::from("+++\n");
        let _ = writeln!(fm, "name = {}", q(&org.name));
        let _ = writeln!(fm, "kind = {}", q(org.kind));
        let _ = writeln!(fm, "website = \"https://www.{}\"", org.host);
        let _ = writeln!(fm, "email = \"stages@{}\"", org.host);
        let _ = writeln!(fm, "phone = \"0{} 555 010\"", 10 + i % 90);
        let _ = writeln!(fm, "city = {}", q(PLACES[org.place]));
        let _ = writeln!(fm, "region = {}", q(org.region));
        let _ = writeln!(fm, "employees = {}", 20 + (i * 37) % 4000);
        let _ = writeln!(fm, "interns_per_year = {}", 2 + i % 60);
        let _ = writeln!(fm, "sbb_recognised = {}", i % 3 != 0);
        let _ = writeln!(
            fm,
            "coordinator = {{ name = {}, role = \"stagecoördinator\", email = \"stagebureau@{}\" }}",
            q(&format!("{first} {last}")),
            org.host
        );
        if i % 4 == 0 {
            let _ = writeln!(
                fm,
                "awards = [{{ year = {}, title = \"Stagewaardering {}\" }}]",
                2018 + i % 8,
                org.region
            );
        }
        fm.push_str("+++\n");
        fm.push_str(&organisation_body(c.seed, i, org, &|slug| {
            format!("../brochures/{slug}.md")
        }));
        write(
            &content
                .join("organisations")
                .join(format!("{}.md", org.slug)),
            &fm,
        )?;
        for &b in &org.brochures {
            let mut text = String::from("+++\n");
            let _ = writeln!(
                text,
                "title = {}",
                q(&format!("{} {}", BROCHURE_KINDS[b].1, org.name))
            );
            let _ = writeln!(text, "organisation = {}", q(&org.slug));
            let _ = writeln!(text, "kind = {}", q(BROCHURE_KINDS[b].0));
            let _ = writeln!(text, "updated = {}", c.today.plus(-((i % 200) as i64) - 30));
            text.push_str("+++\n");
            text.push_str(&brochure_body(c.seed, i, org, b));
            let path = content
                .join("brochures")
                .join(format!("{}.md", org.brochure_slug(b)));
            write(&path, &text)?;
        }
    }
    for v in &c.vacancies {
        let org = &c.orgs[v.organisation];
        let mut fm = String::from("+++\n");
        let _ = writeln!(fm, "title = {}", q(&v.title));
        let _ = writeln!(fm, "published = {}", v.published);
        if let Some(u) = v.updated {
            let _ = writeln!(fm, "updated = {u}");
        }
        let _ = writeln!(fm, "closes = {}", v.closes);
        let _ = writeln!(fm, "starts = {}", v.starts);
        let _ = writeln!(fm, "kind = {}", q(KINDS[v.kind].0));
        let levels: Vec<String> = v.levels.iter().map(|l| l.to_string()).collect();
        let _ = writeln!(fm, "levels = {}", list(&levels));
        let _ = writeln!(fm, "fields = {}", list(&vacancy_fields(v)));
        let _ = writeln!(fm, "location = {}", q(PLACES[v.place]));
        let _ = writeln!(fm, "region = {}", q(v.region));
        let _ = writeln!(fm, "workplace = {}", q(v.workplace));
        if v.hours.0 == v.hours.1 {
            let _ = writeln!(fm, "hours_per_week = {}", v.hours.0);
        } else {
            let _ = writeln!(fm, "hours_per_week = [{}, {}]", v.hours.0, v.hours.1);
        }
        let _ = writeln!(fm, "duration_months = {}", v.duration_months);
        if let Some(a) = v.allowance {
            let _ = writeln!(fm, "allowance = {a}");
        }
        let _ = writeln!(fm, "apply = {}", q(&v.apply));
        if !v.crebo.is_empty() {
            let _ = writeln!(fm, "crebo = {}", list(&v.crebo));
        }
        let _ = writeln!(
            fm,
            "contact = {{ name = {}, role = {}, email = {}, phone = {} }}",
            q(&v.contact.0),
            q(v.contact.1),
            q(&v.contact.2),
            q(&v.contact.3)
        );
        if let Some(s) = &v.summary {
            let _ = writeln!(fm, "summary = {}", q(s));
        }
        fm.push_str("+++\n");
        let href = format!("../../brochures/{}.md", org.brochure_slug(v.brochure));
        fm.push_str(&vacancy_body(c.seed, v, org, &href));
        let path = content
            .join("vacancies")
            .join(&org.slug)
            .join(format!("{}.md", v.slug));
        write(&path, &fm)?;
    }
    Ok(())
}

/// Writes `per_organisation` upcoming open days for every organisation into
/// `content/events/`, each naming up to three of the organisation's vacancies; returns how
/// many it wrote.
fn write_events(c: &Corpus, out: &Path, per_organisation: usize) -> Result<usize, Box<dyn Error>> {
    if per_organisation == 0 {
        return Ok(0);
    }
    let mut of_organisation: Vec<Vec<&str>> = vec![Vec::new(); c.orgs.len()];
    for v in &c.vacancies {
        if of_organisation[v.organisation].len() < 3 {
            of_organisation[v.organisation].push(&v.slug);
        }
    }
    let mut written = 0;
    for (i, org) in c.orgs.iter().enumerate() {
        for k in 0..per_organisation {
            let starts = c.today.plus(7 + ((i * 13 + k * 29) % 180) as i64);
            let mut text = String::from("+++\n");
            let _ = writeln!(
                text,
                "title = {}",
                q(&format!("Open dag {} ({})", org.name, k + 1))
            );
            let _ = writeln!(text, "organisation = {}", q(&org.slug));
            let _ = writeln!(text, "kind = \"open-dag\"");
            let _ = writeln!(text, "starts = {starts}");
            let _ = writeln!(
                text,
                "location = {}",
                q(&format!("{}, hoofdkantoor", org.name))
            );
            let _ = writeln!(text, "levels = [\"mbo\", \"hbo\"]");
            let named: Vec<String> = of_organisation[i].iter().map(|s| s.to_string()).collect();
            if !named.is_empty() {
                let _ = writeln!(text, "vacancies = {}", list(&named));
            }
            text.push_str("+++\nKom langs, kijk mee op de werkvloer en maak kennis met je toekomstige begeleiders.\n");
            let path = out.join("content").join("events").join(format!(
                "{}-open-dag-{}.md",
                org.slug,
                k + 1
            ));
            write(&path, &text)?;
            written += 1;
        }
    }
    Ok(written)
}

/// The Hugo templates, kept as files in `scripts/bench/hugo/` and compiled in.
const HUGO_FILES: [(&str, &str); 10] = [
    ("hugo.toml", include_str!("../scripts/bench/hugo/hugo.toml")),
    (
        "layouts/_default/baseof.html",
        include_str!("../scripts/bench/hugo/layouts/_default/baseof.html"),
    ),
    (
        "layouts/_default/single.html",
        include_str!("../scripts/bench/hugo/layouts/_default/single.html"),
    ),
    (
        "layouts/_default/list.html",
        include_str!("../scripts/bench/hugo/layouts/_default/list.html"),
    ),
    (
        "layouts/_default/taxonomy.html",
        include_str!("../scripts/bench/hugo/layouts/_default/taxonomy.html"),
    ),
    (
        "layouts/_default/term.html",
        include_str!("../scripts/bench/hugo/layouts/_default/term.html"),
    ),
    (
        "layouts/partials/card.html",
        include_str!("../scripts/bench/hugo/layouts/partials/card.html"),
    ),
    (
        "layouts/vacancies/single.html",
        include_str!("../scripts/bench/hugo/layouts/vacancies/single.html"),
    ),
    (
        "layouts/index.html",
        include_str!("../scripts/bench/hugo/layouts/index.html"),
    ),
    (
        "layouts/404.html",
        include_str!("../scripts/bench/hugo/layouts/404.html"),
    ),
];

fn write_hugo(c: &Corpus, out: &Path) -> Result<(), Box<dyn Error>> {
    fresh_dir(out)?;
    for (path, text) in HUGO_FILES {
        write(&out.join(path), text)?;
    }
    let content = out.join("content");
    write(
        &content.join("_index.md"),
        "+++\ntitle = \"Stagebord Benchmark\"\n+++\nStages, leerwerkplekken en traineeships bij publieke organisaties en bedrijven in het hele land.\n",
    )?;
    let brochure_url = |slug: &str| format!("/brochures/{slug}/");
    for (i, org) in c.orgs.iter().enumerate() {
        let mut fm = String::from("+++\n");
        let _ = writeln!(fm, "title = {}", q(&org.name));
        let _ = writeln!(fm, "organisation_kind = {}", q(org.kind));
        let _ = writeln!(fm, "website = \"https://www.{}\"", org.host);
        let _ = writeln!(fm, "email = \"stages@{}\"", org.host);
        let _ = writeln!(fm, "city = {}", q(PLACES[org.place]));
        let _ = writeln!(fm, "region = {}", q(org.region));
        let slugs: Vec<String> = org
            .brochures
            .iter()
            .map(|&b| org.brochure_slug(b))
            .collect();
        let _ = writeln!(fm, "brochures = {}", list(&slugs));
        fm.push_str("+++\n");
        fm.push_str(&organisation_body(c.seed, i, org, &brochure_url));
        write(
            &content
                .join("organisations")
                .join(format!("{}.md", org.slug)),
            &fm,
        )?;
        for &b in &org.brochures {
            let mut text = String::from("+++\n");
            let _ = writeln!(
                text,
                "title = {}",
                q(&format!("{} {}", BROCHURE_KINDS[b].1, org.name))
            );
            let _ = writeln!(text, "date = {}", c.today.plus(-((i % 200) as i64) - 30));
            let _ = writeln!(text, "organisation = {}", q(&org.slug));
            text.push_str("+++\n");
            text.push_str(&brochure_body(c.seed, i, org, b));
            let path = content
                .join("brochures")
                .join(format!("{}.md", org.brochure_slug(b)));
            write(&path, &text)?;
        }
    }
    for v in &c.vacancies {
        let org = &c.orgs[v.organisation];
        let open = v.closes >= c.today;
        let levels: Vec<String> = v.levels.iter().map(|l| l.to_string()).collect();
        let fields = vacancy_fields(v);
        let mut fm = String::from("+++\n");
        let _ = writeln!(fm, "title = {}", q(&v.title));
        let _ = writeln!(fm, "date = {}", v.published);
        if let Some(u) = v.updated {
            let _ = writeln!(fm, "lastmod = {u}");
        }
        if let Some(s) = &v.summary {
            let _ = writeln!(fm, "description = {}", q(s));
        }
        let _ = writeln!(fm, "organisation = {}", q(&org.slug));
        let slugs: Vec<String> = org
            .brochures
            .iter()
            .map(|&b| org.brochure_slug(b))
            .collect();
        let _ = writeln!(fm, "brochures = {}", list(&slugs));
        // Hugo lists by weight first: the deadline as a day number gives stagebord's
        // "closing soonest first" without a sort in the templates.
        let _ = writeln!(fm, "weight = {}", v.closes.0);
        let _ = writeln!(fm, "closes = \"{}\"", v.closes);
        let _ = writeln!(fm, "starts = \"{}\"", v.starts);
        let _ = writeln!(fm, "closed = {}", !open);
        let _ = writeln!(fm, "placement = {}", q(KINDS[v.kind].0));
        let _ = writeln!(fm, "level_list = {}", list(&levels));
        let _ = writeln!(fm, "field_list = {}", list(&fields));
        let _ = writeln!(fm, "location = {}", q(PLACES[v.place]));
        let _ = writeln!(fm, "region = {}", q(v.region));
        let _ = writeln!(fm, "workplace = {}", q(v.workplace));
        let _ = writeln!(fm, "hours = \"{}-{}\"", v.hours.0, v.hours.1);
        let _ = writeln!(fm, "duration_months = {}", v.duration_months);
        if let Some(a) = v.allowance {
            let _ = writeln!(fm, "allowance = {a}");
        }
        let _ = writeln!(fm, "apply = {}", q(&v.apply));
        let _ = writeln!(fm, "contact_name = {}", q(&v.contact.0));
        let _ = writeln!(fm, "contact_email = {}", q(&v.contact.2));
        // Listings hold only open vacancies: a closed one keeps its page but is in no page
        // collection (no section list, term or feed), as in stagebord.
        if !open {
            let _ = writeln!(fm, "_build = {{ list = \"never\" }}");
        } else {
            let _ = writeln!(fm, "levels = {}", list(&levels));
            let _ = writeln!(fm, "fields = {}", list(&fields));
            let _ = writeln!(fm, "places = {}", list(&[PLACES[v.place].to_string()]));
            let _ = writeln!(fm, "kinds = {}", list(&[KINDS[v.kind].0.to_string()]));
        }
        fm.push_str("+++\n");
        fm.push_str(&vacancy_body(
            c.seed,
            v,
            org,
            &brochure_url(&org.brochure_slug(v.brochure)),
        ));
        let path = content
            .join("vacancies")
            .join(&org.slug)
            .join(format!("{}.md", v.slug));
        write(&path, &fm)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_portal: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let args = Args::parse();
    let today = Day::parse(&args.today)
        .ok_or_else(|| format!("--today {:?} is not YYYY-MM-DD", args.today))?;
    if args.vacancies == 0 {
        return Err("--vacancies must be at least 1".into());
    }
    let org_count = args.organisations.unwrap_or(args.vacancies / 20).max(1);
    let orgs = organisations(args.seed, org_count);
    let vacancies: Vec<Vacancy> = (0..args.vacancies)
        .map(|i| vacancy(args.seed, i, &orgs, today))
        .collect();
    let corpus = Corpus {
        seed: args.seed,
        today,
        orgs,
        vacancies,
    };
    write_stagebord(&corpus, &args.out)?;
    let events = write_events(&corpus, &args.out, args.events_per_organisation)?;
    let brochures: usize = corpus.orgs.iter().map(|o| o.brochures.len()).sum();
    let closed = corpus.vacancies.iter().filter(|v| v.closes < today).count();
    eprintln!(
        "gen_portal: {} vacancies ({closed} closed on {today}), {} organisations, {brochures} brochures, {events} events -> {}",
        corpus.vacancies.len(),
        corpus.orgs.len(),
        args.out.display()
    );
    if let Some(hugo) = &args.hugo {
        write_hugo(&corpus, hugo)?;
        eprintln!(
            "gen_portal: the same corpus as a Hugo site -> {}",
            hugo.display()
        );
    }
    Ok(())
}
