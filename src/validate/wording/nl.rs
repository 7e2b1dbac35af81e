//! The rules for Dutch texts.
//!
//! Each rule starts at one token and looks at a few tokens around it (same sentence unless
//! said otherwise). Borderline choices are written down at the rule; when in doubt a rule
//! stays silent (precision over recall).

use super::people::{People, Referent, paired};
use super::text::Text;
use super::{Hit, Say};

/// Runs every Dutch rule over the text.
pub(super) fn scan(t: &Text, out: &mut Vec<Hit>) {
    for i in 0..t.tokens.len() {
        age_limit(t, i, out);
        age_word(t, i, out);
        graduate(t, i, out);
        starter(t, i, out);
        pronoun(t, i, out);
        gender_tag(t, i, out);
        gendered_title(t, i, out);
        mother_tongue(t, i, out);
        accent(t, i, out);
        appearance(t, i, out);
        photo(t, i, out);
        health(t, i, out);
        family(t, i, out);
    }
}

fn hit(out: &mut Vec<Hit>, rule: &'static str, first: usize, last: usize, say: &'static Say) {
    out.push(Hit {
        rule,
        first,
        last,
        say,
    });
}

// ---------------------------------------------------------------------------------------
// leeftijd
// ---------------------------------------------------------------------------------------

const AGE_LIMIT: Say = Say {
    hint: "noemt een leeftijdsgrens",
    advice: "vraag naar het opleidingsniveau en de vaardigheden die het werk nodig heeft",
};
const AGE_TEAM: Say = Say {
    hint: "verwijst naar leeftijd",
    advice: "beschrijf liever het werk van het team",
};
const AGE_CANDIDATE: Say = Say {
    hint: "verwijst naar leeftijd",
    advice: "beschrijf liever wat de student gaat doen en wat daarvoor nodig is",
};
const AGE_GRADUATE: Say = Say {
    hint: "verwijst indirect naar leeftijd",
    advice: "noem het opleidingsniveau of de fase van de opleiding die nodig is",
};
const AGE_STARTER: Say = Say {
    hint: "verwijst indirect naar leeftijd",
    advice: "schrijf wat de plek vraagt en biedt, bijvoorbeeld \"werkervaring is niet nodig\"",
};
const AGE_ASK: Say = Say {
    hint: "vraagt naar leeftijd",
    advice: "laat het weg: leeftijd zegt niets over geschiktheid",
};

/// Groups of people the work is for: an age range after them describes them, not the student.
const TARGET_GROUPS: &[&str] = &[
    "jongeren",
    "jongere",
    "kinderen",
    "kind",
    "leerlingen",
    "pupillen",
    "jeugd",
    "jeugdigen",
    "tieners",
    "kids",
    "clienten",
    "bewoners",
    "deelnemers",
    "doelgroep",
    "patienten",
    "ouderen",
    "volwassenen",
    "jongvolwassenen",
    "scholieren",
    "peuters",
    "kleuters",
    "baby",
    "inwoners",
    "mensen",
    "meiden",
    "jongens",
    "meisjes",
    "klanten",
    "senioren",
    "vrouwen",
    "mannen",
    "gezinnen",
    "gasten",
    "bezoekers",
    "cursisten",
    "sporters",
    "leden",
];

/// Words that make the next noun the people the work is for ("je werkt met", "je begeleidt").
const WORK_WITH: &[&str] = &[
    "met",
    "begeleid",
    "begeleidt",
    "begeleiden",
    "help",
    "helpt",
    "helpen",
    "ondersteunt",
    "ondersteunen",
    "coacht",
    "coachen",
    "adviseert",
    "adviseren",
    "bereikt",
    "bereiken",
    "benadert",
    "benaderen",
    "voorlichting",
];

const YEARS: &[&str] = &["jaar", "jr"];
const DASHES: &[&str] = &["-", "–", "—", "/"];
/// After "25 jaar" these make it a duration, not an age ("5-10 jaar ervaring").
const NOT_AGE_AFTER: &[&str] = &[
    "ervaring",
    "werkervaring",
    "relevante",
    "geleden",
    "lang",
    "looptijd",
    "dienstverband",
    "werkzaam",
];
/// Words that make a following number an age ("leeftijd: 18-25").
const AGE_NOUNS: &[&str] = &[
    "leeftijd",
    "leeftijdscategorie",
    "leeftijdsgroep",
    "leeftijdsindicatie",
    "leeftijdsgrens",
    "maximumleeftijd",
    "leeftijdseis",
];
/// Words that state an age limit by themselves.
const AGE_LIMIT_NOUNS: &[&str] = &[
    "leeftijdsgrens",
    "leeftijdsgrenzen",
    "leeftijdseis",
    "leeftijdseisen",
    "leeftijdsindicatie",
    "maximumleeftijd",
];
const UPPER: &[&str] = &["max", "maximaal", "maximum", "hooguit", "hoogstens"];

/// An age as people write it in a vacancy: 14 to 70.
fn age(t: &Text, i: usize) -> Option<u32> {
    t.number(i).filter(|n| (14..=70).contains(n))
}

/// The people the work is for are named just before `i` ("jongeren van 16-23 jaar").
fn target_before(t: &Text, i: usize) -> bool {
    t.any_before(i, 5, TARGET_GROUPS)
}

/// After the number at `n`: the last token of "jaar (oud)", `n` itself when no unit follows,
/// or `None` when the number is a duration ("jaar ervaring").
fn years_end(t: &Text, n: usize) -> Option<(usize, bool)> {
    if !t.is(n + 1, YEARS) {
        return Some((n, false));
    }
    if t.is(n + 2, NOT_AGE_AFTER) {
        return None;
    }
    if t.is(n + 2, &["oud"]) {
        return Some((n + 2, true));
    }
    Some((n + 1, true))
}

/// A range of ages starting at token `i`: "18-25", "18 tot 25", "18 t/m 25", "18 en 25"
/// (after "tussen"). Returns the index of the second number.
fn age_range(t: &Text, i: usize) -> Option<usize> {
    let a = age(t, i)?;
    let two = t.is(i + 1, DASHES)
        || t.is(i + 1, &["a", "tot"]) && !t.is(i + 2, &["en"])
        || t.is(i + 1, &["en"]) && t.any_before(i, 2, &["tussen"]);
    let four = t.is(i + 1, &["tot"]) && t.is(i + 2, &["en"]) && t.is(i + 3, &["met"])
        || t.is(i + 1, &["t"]) && t.is(i + 2, &["/"]) && t.is(i + 3, &["m"]);
    let j = match (two, four) {
        (true, _) => i + 2,
        (_, true) => i + 4,
        _ => return None,
    };
    let b = age(t, j)?;
    (a < b && t.same(i, j)).then_some(j)
}

/// Age limits: "18-25 jaar", "tussen de 18 en 25 jaar", "max. 25 jaar", "maximaal 30 jaar
/// oud", "niet ouder dan 30", "jonger dan 30", "leeftijd: 18-25", "leeftijdsgrens".
///
/// Borderline choices:
/// - A minimum age alone ("minimaal 18 jaar", "vanaf 16 jaar", "18+") is not reported: it is
///   often set by law (youth labour, driving licence, alcohol). An upper limit or a range is.
/// - A number is an age only with "jaar" after it or an age noun before it, and only from 14
///   to 70; "jaar ervaring", "jaar geleden" and "jaar lang" make it a duration.
/// - An age range right after the people the work is for ("jongeren van 16-23 jaar",
///   "kinderen tot 12 jaar") describes them, not the student, and is not reported.
fn age_limit(t: &Text, i: usize, out: &mut Vec<Hit>) {
    // A range starting here.
    if let Some(j) = age_range(t, i) {
        let Some((end, years)) = years_end(t, j) else {
            return;
        };
        let noun = t.find_before(i, 4, AGE_NOUNS);
        if (years || noun.is_some()) && !target_before(t, i) {
            let first = noun
                .or_else(|| t.find_before(i, 2, &["tussen"]))
                .unwrap_or(i);
            hit(out, "leeftijd", first, end, &AGE_LIMIT);
        }
        return;
    }
    // An upper limit: "max. 25 jaar", "maximaal 30 jaar oud".
    if t.is(i, UPPER) {
        let mut n = i + 1;
        if t.is(n, &["."]) {
            n += 1;
        }
        if age(t, n).is_some()
            && t.same(i, n)
            && let Some((end, years)) = years_end(t, n)
            && (years || t.any_before(i, 4, AGE_NOUNS))
            && !target_before(t, i)
        {
            hit(out, "leeftijd", i, end, &AGE_LIMIT);
        }
        return;
    }
    // "jonger dan 30", "niet ouder dan 30", "onder de 30 jaar".
    let comparison = (t.is(i, &["jonger"]) && t.is(i + 1, &["dan"]))
        || (t.is(i, &["ouder"]) && t.is(i + 1, &["dan"]) && t.any_before(i, 1, &["niet"]))
        || (t.is(i, &["onder"]) && t.is(i + 1, &["de"]));
    if comparison && age(t, i + 2).is_some() && t.same(i, i + 2) {
        let Some((end, years)) = years_end(t, i + 2) else {
            return;
        };
        if (years || !t.is(i, &["onder"])) && !target_before(t, i) {
            let first = if t.is(i, &["ouder"]) { i - 1 } else { i };
            hit(out, "leeftijd", first, end, &AGE_LIMIT);
        }
        return;
    }
    // "leeftijd: 25", "leeftijd tot 25 jaar", "leeftijdsgrens", "vermeld je leeftijd".
    if t.is(i, AGE_NOUNS) || t.is(i, AGE_LIMIT_NOUNS) {
        if t.any_before(
            i,
            2,
            &["geen", "zonder", "ongeacht", "elke", "iedere", "alle"],
        ) {
            return;
        }
        if target_before(t, i) {
            return;
        }
        for n in t.after(i, 4) {
            if age(t, n).is_some() {
                let end = age_range(t, n).unwrap_or(n);
                let Some((end, _)) = years_end(t, end) else {
                    return;
                };
                // "een team met een gemiddelde leeftijd van 35" describes the team.
                match t.find_before(i, 1, &["gemiddelde"]) {
                    Some(avg) => hit(out, "leeftijd", avg, end, &AGE_TEAM),
                    None => hit(out, "leeftijd", i, end, &AGE_LIMIT),
                }
                return;
            }
            if !(t.is(
                n,
                &[":", "van", "tot", "tussen", "de", "max", "maximaal", "."],
            )) {
                break;
            }
        }
        if t.is(i, AGE_LIMIT_NOUNS) {
            hit(out, "leeftijd", i, i, &AGE_LIMIT);
        } else if t.is(i, &["leeftijd"])
            && t.any_before(i, 2, &["je", "jouw", "uw"])
            && t.sentence_has_prefix(i, &["vermeld", "noem", "geef", "stuur"])
        {
            let first = t.find_before(i, 2, &["je", "jouw", "uw"]).unwrap_or(i);
            hit(out, "leeftijd", first, i, &AGE_ASK);
        }
        return;
    }
    if t.is(i, &["geboortedatum", "geboortejaar"])
        && t.any_before(i, 2, &["je", "jouw", "uw", "met"])
        && t.sentence_has_prefix(i, &["vermeld", "noem", "cv", "stuur"])
    {
        let first = t.find_before(i, 2, &["je", "jouw", "uw"]).unwrap_or(i);
        hit(out, "leeftijd", first, i, &AGE_ASK);
    }
}

const YOUNG: &[&str] = &["jong", "jonge", "jeugdig", "jeugdige"];
/// People (or the team) whose age "jong" would describe.
const TEAM_NOUNS: &[&str] = &[
    "team",
    "teams",
    "collega",
    "collegas",
    "collegae",
    "club",
    "ploeg",
    "afdeling",
    "stagiair",
    "stagiairs",
    "stagiaire",
    "stagiaires",
    "kandidaat",
    "kandidaten",
    "medewerker",
    "medewerkers",
    "professional",
    "professionals",
    "talent",
    "talenten",
    "starter",
    "starters",
    "afgestudeerde",
    "afgestudeerden",
    "aanpakker",
    "aanpakkers",
    "doener",
    "doeners",
    "werknemer",
    "werknemers",
    "kracht",
    "krachten",
    "enthousiasteling",
    "enthousiastelingen",
    "bloed",
    "trainee",
    "trainees",
];
/// Adjectives that may stand between "jong" and its noun ("jong, gedreven team").
const ADJECTIVES: &[&str] = &[
    "gedreven",
    "enthousiast",
    "fris",
    "hecht",
    "ambitieus",
    "energiek",
    "divers",
    "klein",
    "groot",
    "leuk",
    "flexibel",
    "sportief",
    "open",
    "informeel",
    "gezellig",
    "snel",
    "creatief",
    "slim",
    "tof",
    "fijn",
    "goed",
    "gemotiveerd",
    "betrokken",
    "talentvol",
    "vrolijk",
    "modern",
    "innovatief",
    "internationaal",
    "actief",
];
const NOT_ADJECTIVES: &[&str] = &[
    "de", "het", "een", "je", "jij", "ons", "onze", "die", "dat", "te", "we", "wij", "ze", "zij",
    "deze", "ook", "nog", "niet", "wel",
];
const ADJECTIVE_ENDINGS: &[&str] = &[
    "e", "ig", "isch", "ief", "eus", "end", "baar", "lijk", "zaam", "ant", "ent",
];

fn adjective(t: &Text, i: usize) -> bool {
    t.is_word(i)
        && !t.is(i, NOT_ADJECTIVES)
        && !t.is(i, TEAM_NOUNS)
        && (t.is(i, ADJECTIVES) || t.ends(i, ADJECTIVE_ENDINGS))
}

/// The people or team noun that `young` at `i` describes: "jong (en dynamisch) team",
/// "jonge, enthousiaste collega's". Only "en", commas and adjectives may stand between.
fn young_noun(t: &Text, i: usize) -> Option<usize> {
    for j in t.after(i, 5) {
        if t.is(j, &["hbo", "mbo", "wo"]) {
            // "hbo'er": only as a person, not "jong hbo-onderwijs"
            return (t.is(j + 1, &["'"]) && t.is(j + 2, &["er", "ers"])).then_some(j + 2);
        }
        if t.is(j, TEAM_NOUNS) || t.is(j, &["honden", "hond"]) {
            return Some(j);
        }
        if !(t.is(j, &["en", ",", "&"]) || adjective(t, j)) {
            return None;
        }
    }
    None
}

/// "jong" is said of the student or the team: "ben jij jong", "je bent jong", "wij zijn jong",
/// "het team is jong".
fn young_predicate(t: &Text, i: usize) -> bool {
    let before: Vec<usize> = t.before(i, 4).collect();
    let has = |words: &[&str]| before.iter().any(|&j| t.is(j, words));
    has(&["bent", "ben"])
        || (has(&["zijn"]) && has(&["we", "wij"]))
        || (has(&["is"]) && t.any_before(i, 6, &["team", "afdeling", "club", "ploeg"]))
}

/// Words that hint at an age: "jong en dynamisch team", "jonge collega's", "ben jij jong en
/// ambitieus?", "jonge honden gezocht", "schoolverlater", "digital native", "wij zoeken
/// jongeren".
///
/// Borderline choices:
/// - "jong" is reported only when it describes the student or the team: before a people or
///   team noun (possibly after other adjectives), or after "je bent", "wij zijn", "het team
///   is". "Een jong bedrijf" (the organisation's age) and "jonge kinderen" (the target group)
///   pass.
/// - "Jong Talent" with both capitals is read as a programme's name and passes; "jong talent"
///   is reported.
/// - "jong en oud" means everyone and passes, and so does a mixed team ("jonge en ervaren
///   collega's").
/// - "jonge honden" is reported only when sought ("wij zoeken jonge honden", "jonge honden
///   gezocht"), so an animal shelter's "je verzorgt jonge honden" passes.
/// - Compounds are other words: "jongerenwerker", "jongvolwassenen", "jongeren" as the people
///   the work is for all pass. "Jongeren" is reported only when sought ("wij zoeken
///   jongeren").
/// - "schoolverlater" passes in "voortijdig schoolverlaters" (a target group of youth work)
///   and after "met", "begeleidt" and the like.
fn age_word(t: &Text, i: usize, out: &mut Vec<Hit>) {
    if t.is(i, YOUNG) {
        // "jong en oud" (everyone), "jonge en ervaren collega's" (a mixed team)
        if (t.is(i + 1, &["en", "of"]) && t.is(i + 2, &["oud", "oude", "oudere", "ervaren"]))
            || (t.is(i.wrapping_sub(1), &["en", "of"]) && t.is(i.wrapping_sub(2), &["oud"]))
        {
            return;
        }
        if t.is_name(i + 1) && t.tokens.get(i).is_some_and(|tok| tok.capital) {
            return;
        }
        if let Some(noun) = young_noun(t, i) {
            if t.is(noun, &["honden", "hond"]) {
                let sought = t.any_before(i, 3, &["zoeken", "zoek", "zoekt", "bent", "ben"])
                    || t.is(noun + 1, &["gezocht"]);
                if sought && !t.any_before(i, 3, &["met", "voor"]) {
                    hit(out, "leeftijd", i, noun, &AGE_CANDIDATE);
                }
                return;
            }
            let say = if t.is(noun, &["team", "teams", "club", "ploeg", "afdeling"]) {
                &AGE_TEAM
            } else {
                &AGE_CANDIDATE
            };
            hit(out, "leeftijd", i, noun, say);
            return;
        }
        let predicative = t.is(i, &["jong", "jeugdig"])
            && (!t.is_word(i + 1) || t.is(i + 1, &["en", "van"]) || adjective(t, i + 1));
        if predicative && young_predicate(t, i) {
            let last = if t.is(i + 1, &["van"]) && t.is(i + 2, &["geest", "hart"]) {
                i + 2
            } else {
                i
            };
            hit(out, "leeftijd", i, last, &AGE_CANDIDATE);
        }
        return;
    }
    if t.is(i, &["schoolverlater", "schoolverlaters"]) {
        if !t.any_before(i, 1, &["voortijdig", "voortijdige"]) && !t.any_before(i, 3, WORK_WITH) {
            hit(out, "leeftijd", i, i, &AGE_CANDIDATE);
        }
        return;
    }
    if t.is(i, &["digital"]) && t.is(i + 1, &["native", "natives"]) {
        hit(out, "leeftijd", i, i + 1, &AGE_CANDIDATE);
        return;
    }
    if t.starts(i, &["digital-native"]) {
        hit(out, "leeftijd", i, i, &AGE_CANDIDATE);
        return;
    }
    if t.is(i, &["jongeren", "jongere"]) {
        let sought = t
            .before(i, 3)
            .find(|&j| t.is(j, &["zoeken", "zoek", "zoekt"]));
        let between_ok = sought.is_some_and(|s| {
            (s + 1..i).all(|j| !t.is(j, &["met", "voor", "aan", "onder", "tussen", "bij"]))
        });
        let asked = t.is(i + 1, &["gezocht"])
            || (t.any_before(i, 3, &["ben", "bent"]) && t.is(i.wrapping_sub(1), &["een"]));
        if between_ok || asked {
            hit(out, "leeftijd", i, i, &AGE_CANDIDATE);
        }
    }
}

/// Recency of graduation: "pas afgestudeerd", "net afgestudeerde", "maximaal twee jaar
/// geleden afgestudeerd", "net van school".
///
/// Borderline choice: "afgestudeerd" alone ("je bent afgestudeerd in bestuurskunde") states a
/// diploma and passes; only how recently is reported.
fn graduate(t: &Text, i: usize, out: &mut Vec<Hit>) {
    const RECENT: &[&str] = &[
        "pas",
        "net",
        "recent",
        "onlangs",
        "vers",
        "kersvers",
        "versgebakken",
    ];
    if t.starts(i, &["pasafgestudeerd", "netafgestudeerd"]) {
        hit(out, "leeftijd", i, i, &AGE_GRADUATE);
        return;
    }
    if t.starts(i, &["afgestudeerd"]) {
        let Some(p) = i.checked_sub(1).filter(|&p| t.same(p, i)) else {
            return;
        };
        if t.is(p, RECENT) {
            hit(out, "leeftijd", p, i, &AGE_GRADUATE);
        } else if t.is(p, &["geleden"]) {
            const SPAN: &[&str] = &[
                "kort", "max", "maximaal", ".", "hooguit", "niet", "langer", "dan", "binnen",
                "korter", "een", "twee", "drie", "vier", "vijf", "jaar", "jr", "maanden", "half",
                "halfjaar",
            ];
            let mut first = p;
            for j in t.before(p, 5) {
                if t.is(j, SPAN) || t.number(j).is_some() {
                    first = j;
                } else {
                    break;
                }
            }
            if first < p {
                hit(out, "leeftijd", first, i, &AGE_GRADUATE);
            }
        }
        return;
    }
    if t.is(i, &["net", "vers", "pas"]) && t.is(i + 1, &["van", "uit"]) {
        let school = if t.is(i + 2, &["de"]) { i + 3 } else { i + 2 };
        if t.is(school, &["school", "schoolbanken", "opleiding"]) && t.same(i, school) {
            hit(out, "leeftijd", i, school, &AGE_GRADUATE);
        }
    }
}

/// "starter" as an age word: "wij zoeken een starter", "ideaal voor starters", "starter op
/// de arbeidsmarkt".
///
/// Borderline choices: "starter" is reported only when it describes the student sought (after
/// "zoeken", "ben je", "geschikt/ideaal voor", before "gezocht" or "op de arbeidsmarkt").
/// "Starters op de woningmarkt" (housing policy), "je helpt starters" (starting
/// entrepreneurs) and compounds ("starterswoning", "startersbeurs") pass. "Ook starters zijn
/// welkom" passes: it widens rather than narrows.
fn starter(t: &Text, i: usize, out: &mut Vec<Hit>) {
    if !t.is(i, &["starter", "starters"]) || t.any_before(i, 1, YOUNG) {
        return;
    }
    if t.is(i + 1, &["op"]) && t.is(i + 2, &["de"]) {
        if t.is(i + 3, &["arbeidsmarkt"]) {
            hit(out, "leeftijd", i, i + 3, &AGE_STARTER);
        }
        return;
    }
    if t.any_before(i, 3, WORK_WITH) {
        return;
    }
    let sought = t.any_before(
        i,
        3,
        &[
            "zoeken", "zoek", "zoekt", "ben", "bent", "geschikt", "ideaal", "perfect", "echte",
        ],
    ) || t.is(i + 1, &["gezocht"]);
    if sought {
        hit(out, "leeftijd", i, i, &AGE_STARTER);
    }
}

// ---------------------------------------------------------------------------------------
// gender
// ---------------------------------------------------------------------------------------

const GENDER_PRONOUN: Say = Say {
    hint: "spreekt alleen mannen aan",
    advice: "spreek de student aan met je of jij, of schrijf hij of zij",
};
const GENDER_M: Say = Say {
    hint: "spreekt alleen mannen aan",
    advice: "schrijf (m/v/x) of laat het weg",
};
const GENDER_V: Say = Say {
    hint: "spreekt alleen vrouwen aan",
    advice: "schrijf (m/v/x) of laat het weg",
};
const GENDER_SOUGHT: Say = Say {
    hint: "vraagt om één geslacht",
    advice: "beschrijf het werk en laat het geslacht weg",
};

/// Nouns for the student sought: "hij" after them is about the student.
const CANDIDATES: &[&str] = &[
    "kandidaat",
    "stagiair",
    "student",
    "sollicitant",
    "trainee",
    "afstudeerder",
    "stagiaire",
    "werkstudent",
    "aspirant",
];
/// Other people a vacancy talks about, groups of students (a plural is never "hij"), and
/// things Dutch calls "hij" or "zijn" ("het team met zijn vijf collega's"): a pronoun after
/// them is about them.
const OTHER_REFERENTS: &[&str] = &[
    "kandidaten",
    "stagiairs",
    "stagiaires",
    "studenten",
    "sollicitanten",
    "trainees",
    "afstudeerders",
    "werkstudenten",
    "mentor",
    "collega",
    "leidinggevende",
    "directeur",
    "wethouder",
    "burgemeester",
    "klant",
    "client",
    "bewoner",
    "inwoner",
    "burger",
    "aanvrager",
    "leerling",
    "patient",
    "deelnemer",
    "vrijwilliger",
    "docent",
    "leraar",
    "voorzitter",
    "chef",
    "baas",
    "opdrachtgever",
    "eigenaar",
    "hoofd",
    "vader",
    "broer",
    "zoon",
    "man",
    "jongen",
    "contactpersoon",
    "ambtenaar",
    "minister",
    "secretaris",
    "griffier",
    "onderzoeker",
    "ondernemer",
    "iemand",
    "niemand",
    "cursist",
    "kind",
    "gast",
    "bezoeker",
    "team",
    "project",
    "bedrijf",
    "gemeente",
    "waterschap",
    "provincie",
    "organisatie",
    "afdeling",
    "programma",
    "college",
    "bureau",
    "kantoor",
    "systeem",
    "onderzoek",
    "dorp",
    "district",
];
/// Endings of other people's job titles ("praktijkbegeleider", "teamleider", "beleidsadviseur").
const OTHER_ENDINGS: &[&str] = &[
    "begeleider",
    "coordinator",
    "medewerker",
    "leider",
    "adviseur",
    "manager",
    "specialist",
    "jurist",
    "deskundige",
    "werker",
    "functionaris",
];
/// Headings of the part of a vacancy that describes the student sought.
const PROFILE_HEADINGS: &[&str] = &[
    "profiel",
    "zoeken",
    "vragen",
    "verwachten",
    "eisen",
    "functie-eisen",
    "vereisten",
    "kandidaat",
    "wie",
    "jij",
    "mee",
    "meebrengen",
    "competenties",
];
const PREPOSITIONS: &[&str] = &[
    "met", "van", "in", "op", "voor", "bij", "over", "naast", "tijdens", "vanuit", "door", "aan",
    "uit", "naar", "binnen", "onder", "tegen", "zonder", "via", "na",
];
/// "op zijn minst", "in zijn geheel": idioms in which "zijn" refers to no one.
const ZIJN_IDIOMS: &[&str] = &[
    "minst",
    "best",
    "vroegst",
    "laatst",
    "hoogst",
    "meest",
    "snelst",
    "plaats",
    "tijd",
    "beurt",
    "geheel",
    "algemeenheid",
];

const PEOPLE: People = People {
    candidates: CANDIDATES,
    others: OTHER_REFERENTS,
    other_endings: OTHER_ENDINGS,
    not_names: LANGUAGES,
    new: &["nieuwe"],
};

/// "hij", "hem" and possessive "zijn" for the student: "De stagiair ... Hij is flexibel",
/// "de kandidaat kan zelfstandig werken met zijn laptop".
///
/// Borderline choices:
/// - The nearest person before the pronoun (same or previous sentence) decides: the student
///   sought (kandidaat, stagiair, student, sollicitant, trainee, "nieuwe collega") makes it a
///   finding; anyone else (a begeleider, a coördinator, a name such as "Pieter", a
///   leerling) makes it pass. With nobody before it, the pronoun is reported only under a
///   heading about the student sought ("Wie zoeken wij", "Profiel", "Wat vragen wij").
/// - "zijn" is a possessive only after a preposition ("met zijn ervaring") or after a
///   candidate noun and one verb ("de stagiair ontwikkelt zijn vaardigheden"); everywhere
///   else it is the verb ("de taken zijn divers") and passes. Idioms pass ("op zijn minst").
/// - "hij/zij", "hij of zij", "zijn of haar", "hem/haar" pass; so does "hij" right after
///   "die" or "dat" (a relative clause about someone else).
fn pronoun(t: &Text, i: usize, out: &mut Vec<Hit>) {
    let other: &[&str] = match t.norm(i) {
        "hij" => &["zij", "ze"],
        "hem" => &["haar"],
        "zijn" => &["haar"],
        _ => return,
    };
    if paired(t, i, other) {
        return;
    }
    // "hij helpt je": with the student addressed as je, hij is someone else.
    if t.sentence_has(i, &["je", "jij", "jou", "jouw"]) {
        return;
    }
    if t.is(i, &["zijn"]) && !possessive(t, i) {
        return;
    }
    if t.is(i, &["hij"]) && t.any_before(i, 1, &["die", "dat", "wie", "wat"]) {
        return;
    }
    let flagged = match PEOPLE.referent(t, i) {
        Some(Referent::Candidate) => true,
        Some(Referent::Other) => false,
        None => t.heading_has(i, PROFILE_HEADINGS),
    };
    if flagged {
        hit(out, "gender", i, i, &GENDER_PRONOUN);
    }
}

/// Whether "zijn" at `i` is the possessive ("met zijn ervaring", "de kandidaat gebruikt zijn
/// laptop") rather than the verb ("de taken zijn divers", "de stagiair moet flexibel zijn").
fn possessive(t: &Text, i: usize) -> bool {
    /// Words that follow the verb "zijn", never the possessive.
    const AFTER_VERB: &[&str] = &[
        "er", "de", "het", "een", "niet", "wel", "ook", "nog", "al", "dan", "daar", "hier", "te",
        "om", "en", "of", "maar", "als", "want", "dus", "zo", "erg", "heel", "zeer", "altijd",
        "vaak", "we", "wij", "ze", "zij", "jullie", "welkom", "nodig",
    ];
    /// Words after which "zijn" is the verb ("die zijn", "we zijn", "moeten zijn").
    const BEFORE_VERB: &[&str] = &[
        "we", "wij", "ze", "zij", "jullie", "er", "die", "dat", "te", "kunnen", "moeten", "zullen",
        "willen", "mogen", "zouden", "worden", "hier", "daar", "wat", "welke", "ook",
    ];
    if !t.is_word(i + 1) || t.is(i + 1, AFTER_VERB) || t.is(i + 1, PREPOSITIONS) {
        return false;
    }
    let Some(prev) = i.checked_sub(1).filter(|&p| t.same(p, i)) else {
        // "Zijn taken zijn ...": a sentence that starts with zijn is too rare to guess.
        return false;
    };
    if t.is(prev, PREPOSITIONS) {
        return !t.is(i + 1, ZIJN_IDIOMS);
    }
    // "taken zijn", "blijven zijn": a plural or an infinitive; but "de stagiair en zijn
    // begeleider" is the possessive.
    if t.is(prev, BEFORE_VERB) || t.ends(prev, &["en"]) && !t.is(prev, &["en"]) {
        return false;
    }
    // Otherwise only with the student sought as the subject in this sentence.
    t.sentence(i)
        .take_while(|&j| j < i)
        .any(|j| t.is(j, CANDIDATES))
}

/// "(m)" or "(v)" alone after a job title: "Stagiair techniek (m)".
///
/// Borderline choices: "(m/v)", "(m/v/x)" pass. "(v)" in a list numbered with roman numerals
/// ("(iv) ... (v)") passes, and so does "(m)" after a number (metres).
/// Also "wij zoeken een mannelijke/vrouwelijke stagiair". An invitation such as
/// "vrouwelijke kandidaten worden nadrukkelijk uitgenodigd" is not a demand and passes.
fn gender_tag(t: &Text, i: usize, out: &mut Vec<Hit>) {
    if t.is(i, &["("]) && t.is(i + 2, &[")"]) && t.is_word(i.wrapping_sub(1)) {
        let say = match t.norm(i + 1) {
            "m" | "man" => &GENDER_M,
            "v" | "vrouw" => {
                let roman = t.contains_seq(&["(", "iv", ")"])
                    || t.contains_seq(&["(", "vi", ")"])
                    || t.contains_seq(&["(", "iii", ")"]);
                if roman {
                    return;
                }
                &GENDER_V
            }
            _ => return,
        };
        if t.same(i.wrapping_sub(1), i + 2) {
            hit(out, "gender", i, i + 2, say);
        }
        return;
    }
    if t.is(i, &["mannelijke", "vrouwelijke", "mannelijk", "vrouwelijk"])
        && (t.is(i + 1, CANDIDATES)
            || t.is(
                i + 1,
                &[
                    "collega",
                    "stagiairs",
                    "kandidaten",
                    "studenten",
                    "medewerker",
                ],
            ))
        && (t.any_before(i, 4, &["zoeken", "zoek", "zoekt"]) || t.is(i + 2, &["gezocht"]))
    {
        hit(out, "gender", i, i + 1, &GENDER_SOUGHT);
    }
}

/// A job title in one gender's form, with the forms that make it inclusive when they stand
/// beside it ("stagiair/stagiaire", "gastvrouw/-heer").
struct Form {
    word: &'static str,
    others: &'static [&'static str],
    say: Say,
}

macro_rules! form {
    ($word:literal, [$($other:literal),*], $hint:literal, $advice:literal) => {
        Form { word: $word, others: &[$($other),*], say: Say { hint: $hint, advice: $advice } }
    };
}

const FORMS: &[Form] = &[
    form!(
        "stagiaire",
        ["stagiair", "stagiairs"],
        "is de vrouwelijke vorm",
        "schrijf stagiair of stagiair (m/v/x)"
    ),
    form!(
        "stagiaires",
        ["stagiair", "stagiairs"],
        "is de vrouwelijke vorm",
        "schrijf stagiairs"
    ),
    form!(
        "medewerkster",
        ["medewerker"],
        "is de vrouwelijke vorm",
        "schrijf medewerker"
    ),
    form!(
        "secretaresse",
        ["secretaris"],
        "is de vrouwelijke vorm",
        "schrijf secretarieel medewerker"
    ),
    form!(
        "verpleegster",
        ["verpleger", "verpleegkundige"],
        "is de vrouwelijke vorm",
        "schrijf verpleegkundige"
    ),
    form!(
        "schoonmaakster",
        ["schoonmaker"],
        "is de vrouwelijke vorm",
        "schrijf schoonmaker of medewerker schoonmaak"
    ),
    form!(
        "kapster",
        ["kapper"],
        "is de vrouwelijke vorm",
        "schrijf kapper"
    ),
    form!(
        "gastvrouw",
        ["gastheer", "heer"],
        "is de vrouwelijke vorm",
        "schrijf gastheer/gastvrouw of host"
    ),
    form!(
        "gastheer",
        ["gastvrouw", "vrouw"],
        "is de mannelijke vorm",
        "schrijf gastheer/gastvrouw of host"
    ),
    form!(
        "lerares",
        ["leraar"],
        "is de vrouwelijke vorm",
        "schrijf leraar of docent"
    ),
    form!(
        "verkoopster",
        ["verkoper"],
        "is de vrouwelijke vorm",
        "schrijf verkoper of verkoopmedewerker"
    ),
    form!(
        "receptioniste",
        ["receptionist"],
        "is de vrouwelijke vorm",
        "schrijf receptionist"
    ),
    form!(
        "assistente",
        ["assistent"],
        "is de vrouwelijke vorm",
        "schrijf assistent"
    ),
    form!(
        "telefoniste",
        ["telefonist"],
        "is de vrouwelijke vorm",
        "schrijf telefonist of medewerker klantcontact"
    ),
    form!(
        "redactrice",
        ["redacteur"],
        "is de vrouwelijke vorm",
        "schrijf redacteur"
    ),
    form!(
        "directrice",
        ["directeur"],
        "is de vrouwelijke vorm",
        "schrijf directeur"
    ),
    form!(
        "adviseuse",
        ["adviseur"],
        "is de vrouwelijke vorm",
        "schrijf adviseur"
    ),
    form!(
        "coordinatrice",
        ["coordinator"],
        "is de vrouwelijke vorm",
        "schrijf coördinator"
    ),
    form!(
        "vakman",
        ["vakvrouw"],
        "is de mannelijke vorm",
        "schrijf vakkracht of vakspecialist"
    ),
    form!(
        "brandweerman",
        ["brandweervrouw"],
        "is de mannelijke vorm",
        "schrijf brandweermedewerker"
    ),
];

/// Job titles in one gender's form: "stagiaire", "medewerkster", "gastheer".
///
/// Borderline choices: "stagiair" itself is the common neutral form and passes (as does
/// "medewerker"). A form passes when the other form stands beside it ("stagiair/stagiaire",
/// "stagiair(e)", "gastvrouw/-heer") or "(m/v)" follows.
fn gendered_title(t: &Text, i: usize, out: &mut Vec<Hit>) {
    let Some(form) = FORMS.iter().find(|f| t.is(i, &[f.word])) else {
        return;
    };
    let near = t
        .before(i, 4)
        .chain(t.after(i, 4))
        .any(|j| t.is(j, form.others));
    let tagged = t.is(i + 1, &["("]) && t.is(i + 2, &["m", "v"]) && t.is(i + 3, &["/"]);
    if !near && !tagged {
        hit(out, "gender", i, i, &form.say);
    }
}

// ---------------------------------------------------------------------------------------
// taal
// ---------------------------------------------------------------------------------------

const LANG_ORIGIN: Say = Say {
    hint: "vraagt naar afkomst in plaats van taalvaardigheid",
    advice: "noem het taalniveau dat het werk vraagt, bijvoorbeeld \"goede beheersing van het Nederlands\"",
};
const LANG_ACCENT: Say = Say {
    hint: "sluit mensen met een accent uit",
    advice: "vraag alleen dat je goed te verstaan bent, als het werk dat vraagt",
};

const LANGUAGES: &[&str] = &[
    "nederlands",
    "engels",
    "frans",
    "duits",
    "fries",
    "vlaams",
    "arabisch",
    "turks",
    "pools",
    "spaans",
];

/// "moedertaal", "Nederlands als moedertaal", "moedertaal Nederlands", "moedertaalniveau",
/// "moedertaalspreker", "native speaker".
///
/// Borderline choices: "moedertaal" about other people passes ("kinderen met een andere
/// moedertaal", "voor wie Nederlands niet de moedertaal is", "in hun moedertaal").
/// "near-native" is a level, not an origin, and passes; "non-native speakers welkom" passes.
fn mother_tongue(t: &Text, i: usize, out: &mut Vec<Hit>) {
    const FORMS: &[&str] = &[
        "moedertaal",
        "moedertaalniveau",
        "moedertaalspreker",
        "moedertaalsprekers",
        "moedertaalkennis",
        "moedertaalbeheersing",
    ];
    if t.is(i, FORMS) {
        if t.any_before(
            i,
            3,
            &[
                "andere",
                "ander",
                "hun",
                "wiens",
                "wier",
                "wie",
                "niet",
                "verschillende",
                "diverse",
                "eigen",
            ],
        ) {
            return;
        }
        let mut first = i;
        if t.is(i.wrapping_sub(1), &["als", "op"]) && t.is(i.wrapping_sub(2), LANGUAGES) {
            first = i - 2;
        }
        let mut last = i;
        if t.is(i + 1, LANGUAGES) && t.same(i, i + 1) {
            last = i + 1;
        } else if t.is(i + 1, &[":"]) && t.is(i + 2, LANGUAGES) {
            last = i + 2;
        }
        hit(out, "taal", first, last, &LANG_ORIGIN);
        return;
    }
    // "native speaker", "native Nederlands speaker", "native-speaker"
    if t.is(i, &["native"]) && !t.any_before(i, 1, &["digital"]) {
        let next = if t.is(i + 1, LANGUAGES) { i + 2 } else { i + 1 };
        if t.is(next, &["speaker", "speakers", "niveau", "level"]) {
            hit(out, "taal", i, next, &LANG_ORIGIN);
        }
        return;
    }
    if t.is(i, &["native-speaker", "native-speakers"]) {
        hit(out, "taal", i, i, &LANG_ORIGIN);
    }
}

/// "accentloos Nederlands", "perfect Nederlands zonder accent", "geen accent".
///
/// Borderline choice: "accent" alone is also "emphasis" ("het accent ligt op onderzoek"), so
/// only "zonder/geen (...) accent" and "accentloos/accentvrij" are reported; "met een accent
/// ben je ook welkom" passes.
fn accent(t: &Text, i: usize, out: &mut Vec<Hit>) {
    const PERFECT: &[&str] = &[
        "perfect",
        "perfecte",
        "foutloos",
        "foutloze",
        "vlekkeloos",
        "vlekkeloze",
        "uitstekend",
        "vloeiend",
        "goed",
    ];
    if t.is(
        i,
        &["accentloos", "accentloze", "accentvrij", "accentvrije"],
    ) {
        let last = if t.is(i + 1, LANGUAGES) && t.same(i, i + 1) {
            i + 1
        } else {
            i
        };
        hit(out, "taal", i, last, &LANG_ACCENT);
        return;
    }
    if !t.is(i, &["accent"]) || t.is(i + 1, &["op", "ligt", "gelegd", "leggen"]) {
        return;
    }
    let Some(without) = t.find_before(i, 3, &["zonder", "geen"]) else {
        return;
    };
    let mut first = without;
    if t.is(first.wrapping_sub(1), LANGUAGES) && t.same(first - 1, i) {
        first -= 1;
        if t.is(first.wrapping_sub(1), PERFECT) && t.same(first - 1, i) {
            first -= 1;
        }
    }
    hit(out, "taal", first, i, &LANG_ACCENT);
}

// ---------------------------------------------------------------------------------------
// uiterlijk, foto
// ---------------------------------------------------------------------------------------

const LOOKS: Say = Say {
    hint: "stelt een eis aan het uiterlijk",
    advice: "noem alleen een kledingvoorschrift of gedrag dat het werk echt vraagt",
};
const PHOTO: Say = Say {
    hint: "vraagt om een foto",
    advice: "vraag alleen een cv en een motivatie; een foto zegt niets over geschiktheid",
};

/// "representatief uiterlijk", "verzorgd voorkomen", "je bent representatief", "je ziet er
/// verzorgd uit".
///
/// Borderline choices: "uiterlijk" is also "at the latest" ("reageer uiterlijk 15 januari"),
/// so it is reported only after an adjective about looks. "Representatief" is reported only
/// of the student ("je bent representatief") or of looks, so "een representatieve
/// steekproef" passes. A dress code ("representatieve kleding", "werkkleding") and "een
/// professionele uitstraling" (manner) pass.
fn appearance(t: &Text, i: usize, out: &mut Vec<Hit>) {
    const LOOK_ADJ: &[&str] = &[
        "representatief",
        "representatieve",
        "verzorgd",
        "verzorgde",
        "aantrekkelijk",
        "aantrekkelijke",
        "knap",
        "knappe",
        "goed",
        "goede",
        "net",
        "nette",
        "prettig",
        "prettige",
        "sportief",
        "sportieve",
        "slank",
        "slanke",
        "fris",
        "frisse",
        "westers",
        "westerse",
        "europees",
        "europese",
        "leuk",
        "leuke",
        "keurig",
        "keurige",
    ];
    const STRONG_ADJ: &[&str] = &[
        "representatief",
        "representatieve",
        "verzorgd",
        "verzorgde",
        "aantrekkelijk",
        "aantrekkelijke",
        "knap",
        "knappe",
        "slank",
        "slanke",
        "westers",
        "westerse",
    ];
    if t.is(
        i,
        &["uiterlijk", "voorkomen", "verschijning", "uitstraling"],
    ) {
        // "uiterlijk 15 januari", "uiterlijk op vrijdag": at the latest.
        if t.number(i + 1).is_some() || t.is(i + 1, DEADLINE_WORDS) {
            return;
        }
        let adjectives = if t.is(i, &["uitstraling"]) {
            STRONG_ADJ
        } else {
            LOOK_ADJ
        };
        // Right before the noun an adjective about looks, then more of them joined by "en".
        let mut first = None;
        for j in t.before(i, 4) {
            if t.is(j, adjectives) {
                first = Some(j);
            } else if first.is_none() || !t.is(j, &["en"]) {
                break;
            }
        }
        if let Some(first) = first {
            hit(out, "uiterlijk", first, i, &LOOKS);
        }
        return;
    }
    let predicative = t.is(i, &["representatief", "representatieve"]) && !t.is_word(i + 1)
        || t.is(i, &["representatief"]) && t.is(i + 1, &["en"]);
    if predicative {
        if t.any_before(i, 4, &["bent", "ben"]) {
            hit(out, "uiterlijk", i, i, &LOOKS);
        }
        return;
    }
    // "je ziet er (altijd) verzorgd (en netjes) uit"
    if t.is(i, &["er"]) {
        const ADVERBS: &[&str] = &["altijd", "steeds", "wel", "ook", "graag", "echt"];
        const LOOK: &[&str] = &[
            "verzorgd",
            "representatief",
            "netjes",
            "keurig",
            "goed",
            "aantrekkelijk",
        ];
        let Some(first) = t.find_before(i, 2, &["ziet", "zie", "zien"]) else {
            return;
        };
        let mut j = i + 1;
        while t.is(j, ADVERBS) {
            j += 1;
        }
        let mut seen = false;
        while t.is(j, LOOK) || seen && t.is(j, &["en", ","]) {
            seen |= t.is(j, LOOK);
            j += 1;
        }
        if seen && t.is(j, &["uit"]) && t.same(i, j) {
            hit(out, "uiterlijk", first, j, &LOOKS);
        }
    }
}

/// After "uiterlijk" these make it "at the latest" ("uiterlijk maandag").
const DEADLINE_WORDS: &[&str] = &[
    "op",
    "voor",
    "binnen",
    "morgen",
    "vandaag",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "eind",
    "begin",
    "half",
    "medio",
    "over",
    "een",
    "de",
];

/// A photo with the application: "stuur een foto mee", "cv met foto", "pasfoto".
///
/// Borderline choices: photos as work ("je maakt foto's voor social media") pass, so "foto"
/// is reported only with the application nearby (cv, sollicitatie, motivatie, brief), as the
/// object of an imperative at the start of a sentence ("Stuur een recente foto mee"), or under
/// a heading about applying. "Pasfoto" needs the same context (a pass photo for an access
/// badge after the start is not an application demand). A sentence that says no photo is needed ("geen foto", "zonder
/// foto", "een foto is niet nodig") passes.
fn photo(t: &Text, i: usize, out: &mut Vec<Hit>) {
    const APPLICATION: &[&str] = &[
        "cv",
        "curriculum",
        "sollicitatie",
        "sollicitatiebrief",
        "motivatie",
        "motivatiebrief",
        "brief",
        "sollicitaties",
    ];
    const IMPERATIVE: &[&str] = &["stuur", "voeg", "upload", "mail", "doe", "lever"];
    const ATTACH: &[&str] = &[
        "mee",
        "toe",
        "bij",
        "meesturen",
        "bijvoegen",
        "toevoegen",
        "bijgevoegd",
    ];
    const NEGATION: &[&str] = &["geen", "zonder", "niet", "hoeft", "hoeven", "nooit"];
    let pasfoto = t.is(i, &["pasfoto", "pasfotos"]);
    if !pasfoto && !t.is(i, &["foto", "fotos", "portretfoto"]) {
        return;
    }
    if t.sentence_has(i, NEGATION) {
        return;
    }
    let range = t.sentence(i);
    let imperative = t.is(range.start, IMPERATIVE) && t.any_after(i, 3, ATTACH)
        || t.is(range.start, IMPERATIVE) && t.any_before(i, 4, APPLICATION);
    let application = t
        .before(i, 4)
        .chain(t.after(i, 4))
        .any(|j| t.is(j, APPLICATION));
    let applying_section = t.heading_has(
        i,
        &[
            "solliciteren",
            "reageren",
            "sollicitatie",
            "procedure",
            "interesse",
        ],
    ) && (t.any_after(i, 3, ATTACH)
        || t.any_before(i, 2, &["met", "inclusief"]));
    let imperative = imperative || pasfoto && t.is(range.start, IMPERATIVE);
    if !(imperative || application || applying_section) {
        return;
    }
    let mut first = i;
    while first > range.start
        && t.is(
            first - 1,
            &[
                "een",
                "recente",
                "je",
                "jouw",
                "met",
                "inclusief",
                "plus",
                "goede",
            ],
        )
    {
        first -= 1;
    }
    if first > range.start && t.is(first - 1, IMPERATIVE) {
        first -= 1;
    }
    let last = t.after(i, 2).find(|&j| t.is(j, ATTACH)).unwrap_or(i);
    hit(out, "foto", first, last, &PHOTO);
}

// ---------------------------------------------------------------------------------------
// gezondheid, gezin
// ---------------------------------------------------------------------------------------

const HEALTH: Say = Say {
    hint: "vraagt naar gezondheid",
    advice: "beschrijf de fysieke taken van het werk in plaats van gezondheidseisen",
};
const FAMILY: Say = Say {
    hint: "vraagt naar de gezinssituatie",
    advice: "laat het weg: het zegt niets over geschiktheid voor de stage",
};

/// "je bent gezond", "gezonde kandidaat", "kerngezond", "in goede gezondheid", "geen
/// gezondheidsklachten", "geen lichamelijke beperkingen".
///
/// Borderline choices: "gezond" about anything but the student passes ("een gezonde
/// leefstijl", "gezonde werkdruk", "gezonde financiën"). "Een beperking is geen bezwaar"
/// passes (the "geen" is not about the beperking). A pre-employment medical examination
/// announced in the vacancy ("aanstellingskeuring") is lawful and passes. "Fysiek fit" may be
/// what the work needs and passes.
fn health(t: &Text, i: usize, out: &mut Vec<Hit>) {
    const COMPLAINTS: &[&str] = &[
        "gezondheidsklachten",
        "gezondheidsproblemen",
        "handicap",
        "aandoening",
        "aandoeningen",
        "ziekteverzuim",
        "ziektegeschiedenis",
        "rugklachten",
    ];
    const AMBIGUOUS_COMPLAINTS: &[&str] =
        &["beperking", "beperkingen", "ziekte", "ziektes", "ziekten"];
    const BODY_ADJ: &[&str] = &[
        "medische",
        "lichamelijke",
        "fysieke",
        "psychische",
        "chronische",
        "mentale",
    ];
    if t.is(i, &["gezond", "gezonde", "kerngezond", "kerngezonde"]) {
        let of_student = t.is(i + 1, CANDIDATES)
            || t.is(i + 1, &["kandidaten", "stagiairs", "collega", "medewerker"]);
        let predicate =
            t.any_before(i, 3, &["bent", "ben"]) && (!t.is_word(i + 1) || t.is(i + 1, &["en"]));
        if of_student || predicate {
            let last = if of_student { i + 1 } else { i };
            hit(out, "gezondheid", i, last, &HEALTH);
        }
        return;
    }
    if t.is(i, &["gezondheid"]) && t.is(i.wrapping_sub(1), &["goede"]) {
        let first = i - 1;
        let in_good = t.is(first.wrapping_sub(1), &["in"]);
        let demanded = t.any_after(
            i,
            3,
            &[
                "vereist",
                "vereiste",
                "nodig",
                "voorwaarde",
                "eis",
                "noodzakelijk",
            ],
        ) || (in_good
            && t.any_before(
                first,
                4,
                &["verkeert", "verkeer", "verkeren", "bent", "ben"],
            ));
        if demanded {
            let first = if in_good { first - 1 } else { first };
            hit(out, "gezondheid", first, i, &HEALTH);
        }
        return;
    }
    if t.is(i, &["geen"]) {
        let mut j = i + 1;
        while t.is(j, BODY_ADJ) || t.is(j, &["of", ","]) {
            j += 1;
        }
        let with_adjective = j > i + 1;
        let of_student = t.any_before(i, 4, &["hebt", "heb", "heeft", "je", "jij", "u"]);
        let found = if t.is(j, &["klachten"]) {
            with_adjective
        } else if t.is(j, AMBIGUOUS_COMPLAINTS) {
            // "geen beperkingen" is also "no restrictions" ("geen beperkingen voor thuiswerk")
            with_adjective || of_student
        } else {
            t.is(j, COMPLAINTS)
        };
        if found && t.same(i, j) {
            hit(out, "gezondheid", i, j, &HEALTH);
        }
    }
}

/// "geen kinderwens", "je bent niet zwanger", "vermeld je burgerlijke staat", "je bent
/// ongehuwd", "je hebt geen kinderen".
///
/// Borderline choices: a municipality's work with the civil registry passes ("je verwerkt
/// wijzigingen in de burgerlijke staat van inwoners"): "burgerlijke staat" is reported only
/// when asked of the student (after "je", "jouw", "uw", or with "vermeld", cv or sollicitatie
/// in the sentence) and no inwoners or burgers are in the sentence. "Zwangere vrouwen" as
/// clients (a midwifery placement) pass; "kinderwens" in a leave arrangement ("verlof",
/// "regeling") passes.
fn family(t: &Text, i: usize, out: &mut Vec<Hit>) {
    if t.is(i, &["kinderwens"]) {
        if !t.sentence_has(i, &["verlof", "regeling", "ondersteuning", "ondersteunen"]) {
            let first = t.find_before(i, 2, &["geen", "zonder"]).unwrap_or(i);
            hit(out, "gezin", first, i, &FAMILY);
        }
        return;
    }
    if t.is(i, &["zwanger"]) && t.is(i.wrapping_sub(1), &["niet"]) && t.same(i - 1, i) {
        hit(out, "gezin", i - 1, i, &FAMILY);
        return;
    }
    if t.is(i, &["burgerlijke"]) && t.is(i + 1, &["staat"]) {
        let asked_of_student = t.any_before(i, 2, &["je", "jouw", "uw"])
            || t.sentence_has_prefix(i, &["vermeld", "cv", "sollicitatie", "noem"]);
        let others = t.sentence_has(
            i,
            &[
                "inwoner", "inwoners", "burger", "burgers", "bewoner", "bewoners", "klant",
                "klanten",
            ],
        ) || t.sentence_has_prefix(i, &["registr", "wijziging", "akte"]);
        if asked_of_student && !others {
            let first = t
                .find_before(i, 3, &["vermeld", "vermelden", "je", "jouw", "uw"])
                .unwrap_or(i);
            hit(out, "gezin", first, i + 1, &FAMILY);
        }
        return;
    }
    if t.is(
        i,
        &[
            "ongehuwd",
            "getrouwd",
            "gehuwd",
            "alleenstaand",
            "single",
            "kinderloos",
        ],
    ) && t.any_before(i, 3, &["bent", "ben"])
        && !t.is_word(i + 1)
    {
        hit(out, "gezin", i, i, &FAMILY);
        return;
    }
    if t.is(i, &["geen"])
        && t.is(i + 1, &["kinderen"])
        && t.any_before(i, 3, &["hebt", "heb", "heeft"])
        && t.any_before(i, 4, &["je", "jij", "u"])
    {
        hit(out, "gezin", i, i + 1, &FAMILY);
    }
}
