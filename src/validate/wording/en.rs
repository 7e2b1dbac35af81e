//! The rules for English texts (portals with `language = "en"`).
//!
//! The same rule ids and the same approach as the Dutch rules: each rule starts at one
//! token and looks at a few tokens around it; borderline choices are written down at the
//! rule, and when in doubt a rule stays silent.

use super::people::{People, Referent, paired};
use super::text::Text;
use super::{Hit, Say};

/// Runs every English rule over the text.
pub(super) fn scan(t: &Text, out: &mut Vec<Hit>) {
    for i in 0..t.tokens.len() {
        age_limit(t, i, out);
        age_word(t, i, out);
        pronoun(t, i, out);
        gender_tag(t, i, out);
        gendered_title(t, i, out);
        native(t, i, out);
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

/// A verb that makes the next word say something of its subject ("you are young").
const COPULA: &[&str] = &["are", "be", "re", "am", "look", "looks"];

// ---------------------------------------------------------------------------------------
// leeftijd
// ---------------------------------------------------------------------------------------

const AGE_LIMIT: Say = Say {
    hint: "sets an age limit",
    advice: "ask for the level of education and the skills the work needs",
};
const AGE_TEAM: Say = Say {
    hint: "hints at an age",
    advice: "describe the team's work instead",
};
const AGE_CANDIDATE: Say = Say {
    hint: "hints at an age",
    advice: "describe what the student will do and what that takes instead",
};
const AGE_GRADUATE: Say = Say {
    hint: "hints at an age",
    advice: "state the level of education or the stage of the programme needed",
};

/// People the work is for: an age range after them describes them, not the student.
const TARGET_GROUPS: &[&str] = &[
    "children",
    "child",
    "kids",
    "young",
    "youth",
    "youths",
    "pupils",
    "teenagers",
    "adolescents",
    "clients",
    "residents",
    "participants",
    "patients",
    "people",
    "adults",
    "learners",
    "girls",
    "boys",
    "women",
    "men",
    "seniors",
    "toddlers",
    "babies",
    "families",
    "visitors",
    "members",
    "users",
    "customers",
    "citizens",
];
const WORK_WITH: &[&str] = &[
    "with", "support", "supports", "help", "helps", "coach", "coaches", "guide", "guides", "reach",
    "advise", "advises", "mentor", "teach", "teaches",
];
const YEARS: &[&str] = &["years", "year", "yrs", "yr"];
const DASHES: &[&str] = &["-", "–", "—", "/"];
const NOT_AGE_AFTER: &[&str] = &["experience", "ago", "long", "relevant", "in", "working"];
const AGE_NOUNS: &[&str] = &["age", "ages", "aged"];

fn age(t: &Text, i: usize) -> Option<u32> {
    t.number(i).filter(|n| (14..=70).contains(n))
}

fn target_before(t: &Text, i: usize) -> bool {
    t.any_before(i, 5, TARGET_GROUPS)
}

/// After the number at `n`: the last token of "years (old / of age)" and whether "years"
/// was there, or `None` when the number is a duration ("years of experience").
fn years_end(t: &Text, n: usize) -> Option<(usize, bool)> {
    if !t.is(n + 1, YEARS) {
        return Some((n, false));
    }
    if t.is(n + 2, NOT_AGE_AFTER) || t.is(n + 2, &["of"]) && !t.is(n + 3, &["age"]) {
        return None;
    }
    if t.is(n + 2, &["old"]) {
        return Some((n + 2, true));
    }
    if t.is(n + 2, &["of"]) && t.is(n + 3, &["age"]) {
        return Some((n + 3, true));
    }
    Some((n + 1, true))
}

/// "18-25", "18 to 25", "18 and 25" (after "between"): the index of the second number.
fn age_range(t: &Text, i: usize) -> Option<usize> {
    let a = age(t, i)?;
    let separated = t.is(i + 1, DASHES)
        || t.is(i + 1, &["to"])
        || t.is(i + 1, &["and"]) && t.any_before(i, 2, &["between"]);
    if !separated {
        return None;
    }
    let j = i + 2;
    let b = age(t, j)?;
    (a < b && t.same(i, j)).then_some(j)
}

/// Age limits: "aged 18-25", "18-25 years old", "between 18 and 25 years", "max. 25 years
/// old", "under 30 years of age", "no older than 30", "younger than 30", "age limit".
///
/// Borderline choices (as in Dutch): a minimum age alone ("at least 18 years old", "18+") is
/// often a legal minimum and passes; a number is an age only with "years" after it or "age"
/// before it, from 14 to 70, and not before "experience" or "ago"; an age range right after
/// the people the work is for ("young people aged 12-18") passes.
fn age_limit(t: &Text, i: usize, out: &mut Vec<Hit>) {
    if let Some(j) = age_range(t, i) {
        let Some((end, years)) = years_end(t, j) else {
            return;
        };
        let noun = t.find_before(i, 3, AGE_NOUNS);
        if (years || noun.is_some()) && !target_before(t, i) {
            let first = noun
                .or_else(|| t.find_before(i, 2, &["between"]))
                .unwrap_or(i);
            hit(out, "leeftijd", first, end, &AGE_LIMIT);
        }
        return;
    }
    // "max. 25 years old", "maximum age 25", "under 30 years of age", "up to 25 years old"
    let upper = if t.is(i, &["max", "maximum", "under", "below"]) {
        Some(i + 1)
    } else if t.is(i, &["at"]) && t.is(i + 1, &["most"]) || t.is(i, &["up"]) && t.is(i + 1, &["to"])
    {
        Some(i + 2)
    } else {
        None
    };
    if let Some(mut n) = upper {
        if t.is(n, &["."]) {
            n += 1;
        }
        if t.is(n, &["age"]) {
            n += 1;
            if t.is(n, &["of"]) {
                n += 1;
            }
        }
        if age(t, n).is_some()
            && t.same(i, n)
            && let Some((end, years)) = years_end(t, n)
        {
            let stated_age = t.is(end, &["old", "age"])
                || t.any_before(i, 3, AGE_NOUNS)
                || (years && !t.is(i, &["up"]))
                || t.is(i + 1, &["age"]);
            if stated_age && !target_before(t, i) {
                let first = t.find_before(i, 1, &["aged"]).unwrap_or(i);
                hit(out, "leeftijd", first, end, &AGE_LIMIT);
            }
        }
        return;
    }
    // "younger than 30", "no older than 30", "not older than 30"
    let comparison = t.is(i, &["younger"]) && t.is(i + 1, &["than"])
        || t.is(i, &["older"]) && t.is(i + 1, &["than"]) && t.any_before(i, 1, &["no", "not"]);
    if comparison && age(t, i + 2).is_some() && t.same(i, i + 2) {
        if let Some((end, _)) = years_end(t, i + 2)
            && !target_before(t, i)
        {
            let first = if t.is(i, &["older"]) { i - 1 } else { i };
            hit(out, "leeftijd", first, end, &AGE_LIMIT);
        }
        return;
    }
    if t.is(i, &["age"]) && t.is(i + 1, &["limit", "limits", "requirement", "restriction"]) {
        if !t.any_before(i, 2, &["no", "without", "any"]) {
            // "age limit: 30", "age limit of 30 years"
            let n = i + 3;
            let last = if t.is(i + 2, &[":", "of"]) && age(t, n).is_some() && t.same(i, n) {
                years_end(t, n).map_or(n, |(e, _)| e)
            } else {
                i + 1
            };
            hit(out, "leeftijd", i, last, &AGE_LIMIT);
        }
        return;
    }
    // "aged 25" on its own
    if t.is(i, &["aged"])
        && age(t, i + 1).is_some()
        && age_range(t, i + 1).is_none()
        && !target_before(t, i)
    {
        let end = years_end(t, i + 1).map_or(i + 1, |(e, _)| e);
        hit(out, "leeftijd", i, end, &AGE_LIMIT);
    }
}

const YOUNG: &[&str] = &["young", "youthful"];
const TEAM_NOUNS: &[&str] = &[
    "team",
    "teams",
    "colleagues",
    "colleague",
    "professional",
    "professionals",
    "talent",
    "talents",
    "graduate",
    "graduates",
    "candidate",
    "candidates",
    "intern",
    "interns",
    "staff",
    "crew",
    "blood",
    "person",
    "individual",
    "individuals",
    "workforce",
    "starter",
    "starters",
    "trainee",
    "trainees",
    "go-getter",
    "go-getters",
    "hires",
    "employees",
    "employee",
];
const ADJECTIVES: &[&str] = &[
    "dynamic",
    "energetic",
    "enthusiastic",
    "ambitious",
    "fresh",
    "driven",
    "motivated",
    "creative",
    "eager",
    "international",
    "diverse",
    "fun",
    "vibrant",
    "talented",
    "hungry",
    "passionate",
    "small",
    "friendly",
    "growing",
    "hard-working",
    "hardworking",
    "smart",
    "bright",
];
const ADJECTIVE_ENDINGS: &[&str] = &["ive", "ic", "ful", "ous", "al", "ed", "ing"];
const NOT_ADJECTIVES: &[&str] = &[
    "a", "an", "the", "you", "we", "our", "your", "who", "that", "to", "they", "it", "also",
];

fn adjective(t: &Text, i: usize) -> bool {
    t.is_word(i)
        && !t.is(i, NOT_ADJECTIVES)
        && !t.is(i, TEAM_NOUNS)
        && (t.is(i, ADJECTIVES) || t.ends(i, ADJECTIVE_ENDINGS))
}

fn young_noun(t: &Text, i: usize) -> Option<usize> {
    for j in t.after(i, 5) {
        if t.is(j, TEAM_NOUNS) {
            return Some(j);
        }
        if !(t.is(j, &["and", ",", "&"]) || adjective(t, j)) {
            return None;
        }
    }
    None
}

/// Words that hint at an age: "young and dynamic team", "young professionals", "are you young
/// and ambitious?", "recent graduate", "recently graduated", "school leaver", "digital
/// native", "we are looking for young people".
///
/// Borderline choices (as in Dutch): "young" is reported only of the student or the team (a
/// people or team noun after it, or "you are", "we are", "the team is" before it); "young
/// people" as the people the work is for passes ("you work with young people"), unless they
/// are sought ("looking for young people"); "young and old" passes; "Young Talent" with both
/// capitals is a programme's name and passes. "Graduate" alone (a degree level, a graduate
/// programme) passes; only recency is reported. "Early school leavers" (a target group)
/// passes. "Junior" and "entry-level" are job levels and pass.
fn age_word(t: &Text, i: usize, out: &mut Vec<Hit>) {
    if t.is(i, YOUNG) {
        if t.is(i + 1, &["and", "or"]) && t.is(i + 2, &["old", "older", "experienced"])
            || t.is(i.wrapping_sub(1), &["and", "or"]) && t.is(i.wrapping_sub(2), &["old"])
        {
            return;
        }
        if t.is_name(i + 1) && t.tokens.get(i).is_some_and(|tok| tok.capital) {
            return;
        }
        if let Some(noun) = young_noun(t, i) {
            let say = if t.is(noun, &["team", "teams", "crew", "staff", "workforce"]) {
                &AGE_TEAM
            } else {
                &AGE_CANDIDATE
            };
            hit(out, "leeftijd", i, noun, say);
            return;
        }
        if t.is(i + 1, &["people", "person"])
            && t.any_before(i, 3, &["looking", "seeking", "seek", "want", "recruiting"])
        {
            hit(out, "leeftijd", i, i + 1, &AGE_CANDIDATE);
            return;
        }
        let predicative = !t.is_word(i + 1) || t.is(i + 1, &["and", "at"]) || adjective(t, i + 1);
        let subject = t.any_before(i, 4, COPULA)
            || t.any_before(i, 4, &["is"]) && t.any_before(i, 6, &["team", "department"]);
        if predicative && subject {
            let last = if t.is(i + 1, &["at"]) && t.is(i + 2, &["heart"]) {
                i + 2
            } else {
                i
            };
            hit(out, "leeftijd", i, last, &AGE_CANDIDATE);
        }
        return;
    }
    if t.is(i, &["graduate", "graduates", "graduated"]) {
        if let Some(p) = i.checked_sub(1)
            && t.same(p, i)
            && t.is(p, &["recent", "recently", "newly", "fresh", "freshly"])
        {
            hit(out, "leeftijd", p, i, &AGE_GRADUATE);
            return;
        }
        // "graduated within the last two years", "graduated less than a year ago"
        if t.is(i, &["graduated"]) && t.is(i + 1, &["within", "in", "less", "no"]) {
            if let Some(end) = t
                .after(i, 6)
                .find(|&j| t.is(j, &["years", "year", "ago", "months"]))
            {
                let end = if t.is(end + 1, &["ago"]) {
                    end + 1
                } else {
                    end
                };
                hit(out, "leeftijd", i, end, &AGE_GRADUATE);
            }
        }
        return;
    }
    let leaver = if t.is(i, &["school"]) && t.is(i + 1, &["leaver", "leavers"]) {
        Some(i + 1)
    } else if t.is(i, &["school-leaver", "school-leavers"]) {
        Some(i)
    } else {
        None
    };
    if let Some(last) = leaver {
        if !t.any_before(i, 1, &["early"]) && !t.any_before(i, 3, WORK_WITH) {
            hit(out, "leeftijd", i, last, &AGE_CANDIDATE);
        }
        return;
    }
    if t.is(i, &["digital"]) && t.is(i + 1, &["native", "natives"]) {
        hit(out, "leeftijd", i, i + 1, &AGE_CANDIDATE);
    } else if t.is(i, &["digital-native", "digital-natives"]) {
        hit(out, "leeftijd", i, i, &AGE_CANDIDATE);
    }
}

// ---------------------------------------------------------------------------------------
// gender
// ---------------------------------------------------------------------------------------

const GENDER_PRONOUN: Say = Say {
    hint: "addresses men only",
    advice: "address the student as you, or write they",
};
const GENDER_M: Say = Say {
    hint: "addresses men only",
    advice: "write (m/f/x) or leave it out",
};
const GENDER_F: Say = Say {
    hint: "addresses women only",
    advice: "write (m/f/x) or leave it out",
};
const GENDER_SOUGHT: Say = Say {
    hint: "asks for one gender",
    advice: "describe the work and leave gender out",
};

const CANDIDATES: &[&str] = &[
    "candidate",
    "applicant",
    "intern",
    "trainee",
    "student",
    "graduate",
    "hire",
    "jobholder",
    "incumbent",
    "apprentice",
];
/// Other people, groups of students (a plural is never "he"), and things.
const OTHER_REFERENTS: &[&str] = &[
    "candidates",
    "applicants",
    "interns",
    "trainees",
    "students",
    "graduates",
    "supervisor",
    "mentor",
    "manager",
    "coordinator",
    "colleague",
    "director",
    "mayor",
    "client",
    "customer",
    "resident",
    "teacher",
    "pupil",
    "patient",
    "officer",
    "buddy",
    "boss",
    "lead",
    "advisor",
    "adviser",
    "chair",
    "chairman",
    "head",
    "father",
    "brother",
    "son",
    "man",
    "boy",
    "someone",
    "somebody",
    "nobody",
    "participant",
    "citizen",
    "member",
    "user",
    "visitor",
    "guest",
    "employee",
    "child",
    "team",
    "company",
    "council",
    "municipality",
    "organisation",
    "organization",
    "department",
    "project",
    "programme",
    "program",
];
const OTHER_ENDINGS: &[&str] = &[
    "supervisor",
    "manager",
    "coordinator",
    "officer",
    "advisor",
    "adviser",
    "leader",
    "worker",
    "specialist",
];
const LANGUAGES: &[&str] = &[
    "english", "dutch", "french", "german", "frisian", "flemish", "spanish", "arabic", "turkish",
    "polish",
];
const PEOPLE: People = People {
    candidates: CANDIDATES,
    others: OTHER_REFERENTS,
    other_endings: OTHER_ENDINGS,
    not_names: LANGUAGES,
    new: &["new"],
};
const PROFILE_HEADINGS: &[&str] = &[
    "profile",
    "requirements",
    "looking",
    "you",
    "who",
    "qualifications",
    "skills",
    "bring",
    "expect",
    "candidate",
    "need",
];

/// "he", "him", "his" for the student: "The intern supports the team. He will ...".
///
/// Borderline choices (as in Dutch): the nearest person before the pronoun (same or previous
/// sentence) decides; with nobody before it, the pronoun is reported only under a heading
/// about the student sought ("Who we are looking for", "Requirements"). "he or she",
/// "he/she", "(s)he", "s/he", "his/her", "him or her" pass, and so does "he" right after
/// "who" or "that".
fn pronoun(t: &Text, i: usize, out: &mut Vec<Hit>) {
    let other: &[&str] = match t.norm(i) {
        "he" => &["she", "s"],
        "him" | "his" => &["her", "hers"],
        _ => return,
    };
    if paired(t, i, other) {
        return;
    }
    // "he helps you": with the student addressed as you, he is someone else.
    if t.sentence_has(i, &["you", "your", "yours", "yourself"]) {
        return;
    }
    if t.is(i, &["he"]) && t.any_before(i, 1, &["who", "whom", "that", "which"]) {
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

/// "(m)" or "(f)" alone after a job title, and "we are looking for a male intern".
///
/// Borderline choices: "(m/f)", "(m/f/x)" pass; "(m)" after a number (metres) passes; an
/// invitation ("female candidates are warmly invited") is not a demand and passes.
fn gender_tag(t: &Text, i: usize, out: &mut Vec<Hit>) {
    if t.is(i, &["("]) && t.is(i + 2, &[")"]) && t.is_word(i.wrapping_sub(1)) {
        let say = match t.norm(i + 1) {
            "m" | "male" => &GENDER_M,
            "f" | "female" => &GENDER_F,
            _ => return,
        };
        if t.same(i.wrapping_sub(1), i + 2) {
            hit(out, "gender", i, i + 2, say);
        }
        return;
    }
    if t.is(i, &["male", "female"])
        && (t.is(i + 1, CANDIDATES) || t.is(i + 1, &["candidates", "interns", "colleague"]))
        && t.any_before(i, 4, &["looking", "seeking", "seek", "want", "recruiting"])
    {
        hit(out, "gender", i, i + 1, &GENDER_SOUGHT);
    }
}

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
    form!("chairman", ["chairwoman"], "is a male form", "write chair"),
    form!(
        "salesman",
        ["saleswoman"],
        "is a male form",
        "write salesperson or sales assistant"
    ),
    form!(
        "spokesman",
        ["spokeswoman"],
        "is a male form",
        "write spokesperson"
    ),
    form!(
        "foreman",
        ["forewoman"],
        "is a male form",
        "write supervisor"
    ),
    form!(
        "cameraman",
        ["camerawoman"],
        "is a male form",
        "write camera operator"
    ),
    form!(
        "craftsman",
        ["craftswoman"],
        "is a male form",
        "write craftsperson"
    ),
    form!(
        "policeman",
        ["policewoman"],
        "is a male form",
        "write police officer"
    ),
    form!(
        "fireman",
        ["firewoman"],
        "is a male form",
        "write firefighter"
    ),
    form!(
        "businessman",
        ["businesswoman"],
        "is a male form",
        "write businessperson"
    ),
    form!(
        "headmaster",
        ["headmistress"],
        "is a male form",
        "write head teacher"
    ),
    form!(
        "headmistress",
        ["headmaster"],
        "is a female form",
        "write head teacher"
    ),
    form!(
        "waitress",
        ["waiter"],
        "is a female form",
        "write server or waiting staff"
    ),
    form!("hostess", ["host"], "is a female form", "write host"),
    form!(
        "stewardess",
        ["steward"],
        "is a female form",
        "write flight attendant"
    ),
];

/// Job titles in one gender's form: "chairman", "hostess", "waitress".
///
/// Borderline choice: a form passes when the other form stands beside it ("waiter/waitress",
/// "host or hostess") or "(m/f)" follows.
fn gendered_title(t: &Text, i: usize, out: &mut Vec<Hit>) {
    let Some(form) = FORMS.iter().find(|f| t.is(i, &[f.word])) else {
        return;
    };
    let near = t
        .before(i, 4)
        .chain(t.after(i, 4))
        .any(|j| t.is(j, form.others));
    let tagged = t.is(i + 1, &["("]) && t.is(i + 2, &["m", "f"]) && t.is(i + 3, &["/"]);
    if !near && !tagged {
        hit(out, "gender", i, i, &form.say);
    }
}

// ---------------------------------------------------------------------------------------
// taal
// ---------------------------------------------------------------------------------------

const LANG_ORIGIN: Say = Say {
    hint: "asks about origin instead of language skill",
    advice: "state the level the work needs, e.g. \"good command of Dutch\"",
};
const LANG_ACCENT: Say = Say {
    hint: "shuts out people with an accent",
    advice: "ask only that you are easy to understand, if the work needs it",
};

/// "native speaker", "native Dutch speaker", "native-level English", "mother tongue",
/// "English as a first language".
///
/// Borderline choices: "near-native" and "non-native" are other words and pass ("near-native"
/// is a level, not an origin); "their mother tongue" and "a different mother tongue" are about
/// other people (pupils, clients) and pass.
fn native(t: &Text, i: usize, out: &mut Vec<Hit>) {
    if t.is(i, &["native"]) && !t.any_before(i, 1, &["digital"]) {
        let next = if t.is(i + 1, LANGUAGES) { i + 2 } else { i + 1 };
        if t.is(
            next,
            &[
                "speaker",
                "speakers",
                "level",
                "fluency",
                "proficiency",
                "command",
            ],
        ) {
            hit(out, "taal", i, next, &LANG_ORIGIN);
        }
        return;
    }
    if t.is(i, &["native-speaker", "native-speakers", "native-level"]) {
        let last = if t.is(i + 1, LANGUAGES) { i + 1 } else { i };
        hit(out, "taal", i, last, &LANG_ORIGIN);
        return;
    }
    let tongue = if t.is(i, &["mother"]) && t.is(i + 1, &["tongue"]) {
        Some(i + 1)
    } else if t.is(i, &["mother-tongue"]) {
        Some(i)
    } else {
        None
    };
    if let Some(last) = tongue {
        if !t.any_before(
            i,
            3,
            &["their", "other", "whose", "different", "own", "not"],
        ) {
            let first = if t.is(i.wrapping_sub(1), &["as"]) && t.is(i.wrapping_sub(2), LANGUAGES) {
                i - 2
            } else {
                i
            };
            hit(out, "taal", first, last, &LANG_ORIGIN);
        }
        return;
    }
    // "English as a first language"
    if t.is(i, &["first"]) && t.is(i + 1, &["language"]) {
        let mut as_ = i.wrapping_sub(1);
        if t.is(as_, &["a", "your"]) {
            as_ = as_.wrapping_sub(1);
        }
        if t.is(as_, &["as"]) && t.is(as_.wrapping_sub(1), LANGUAGES) {
            hit(out, "taal", as_ - 1, i + 1, &LANG_ORIGIN);
        }
    }
}

/// "accent-free English", "without an accent", "no accent", "neutral accent".
///
/// Borderline choice: "accent" alone ("with an accent on research") passes; only its absence
/// or neutrality is reported.
fn accent(t: &Text, i: usize, out: &mut Vec<Hit>) {
    if t.is(i, &["accent-free", "accentless", "unaccented"]) {
        let last = if t.is(i + 1, LANGUAGES) { i + 1 } else { i };
        hit(out, "taal", i, last, &LANG_ACCENT);
        return;
    }
    if !t.is(i, &["accent"]) || t.is(i + 1, &["on"]) {
        return;
    }
    if t.is(i.wrapping_sub(1), &["neutral"]) {
        hit(out, "taal", i - 1, i, &LANG_ACCENT);
        return;
    }
    let Some(without) = t.find_before(i, 3, &["without", "no"]) else {
        return;
    };
    let mut first = without;
    if t.is(first.wrapping_sub(1), LANGUAGES) && t.same(first - 1, i) {
        first -= 1;
        if t.is(
            first.wrapping_sub(1),
            &["perfect", "flawless", "fluent", "excellent"],
        ) && t.same(first - 1, i)
        {
            first -= 1;
        }
    }
    hit(out, "taal", first, i, &LANG_ACCENT);
}

// ---------------------------------------------------------------------------------------
// uiterlijk, foto
// ---------------------------------------------------------------------------------------

const LOOKS: Say = Say {
    hint: "makes a demand about appearance",
    advice: "state only a dress code or behaviour the work really needs",
};
const PHOTO: Say = Say {
    hint: "asks for a photo",
    advice: "ask only for a CV and a motivation; a photo says nothing about suitability",
};

/// "presentable appearance", "attractive appearance", "you are presentable", "well-groomed".
///
/// Borderline choices: a dress code ("business attire", "uniform") and "a professional
/// manner" pass; "representative" passes ("a representative sample").
fn appearance(t: &Text, i: usize, out: &mut Vec<Hit>) {
    const LOOK_ADJ: &[&str] = &[
        "presentable",
        "attractive",
        "neat",
        "well-groomed",
        "groomed",
        "pleasant",
        "good",
        "smart",
        "tidy",
        "slim",
        "western",
        "well-kept",
    ];
    if t.is(i, &["appearance", "looks"]) {
        let mut first = None;
        for j in t.before(i, 4) {
            if t.is(j, LOOK_ADJ) {
                first = Some(j);
            } else if first.is_none() || !t.is(j, &["and"]) {
                break;
            }
        }
        if let Some(first) = first {
            hit(out, "uiterlijk", first, i, &LOOKS);
        }
        return;
    }
    if t.is(
        i,
        &["presentable", "well-groomed", "good-looking", "attractive"],
    ) && !t.is(i + 1, &["appearance", "looks"])
    {
        let predicate = t.any_before(i, 3, COPULA) && !t.is_word(i + 1)
            || t.is(i + 1, &["and"]) && t.any_before(i, 3, COPULA);
        let of_student = t.is(i + 1, CANDIDATES) || t.is(i + 1, &["candidates", "interns"]);
        let attractive_offer = t.is(i, &["attractive"]) && !of_student;
        if (predicate || of_student) && !attractive_offer {
            let last = if of_student { i + 1 } else { i };
            hit(out, "uiterlijk", i, last, &LOOKS);
        }
    }
}

/// A photo with the application: "send a photo", "CV with photo", "include a passport photo".
///
/// Borderline choices: photos as work ("you take photos for social media") pass, so a photo
/// is reported only with the application nearby (CV, resume, application, letter), as the
/// object of an imperative at the start of a sentence, or under a heading about applying. A
/// sentence that says no photo is needed passes.
fn photo(t: &Text, i: usize, out: &mut Vec<Hit>) {
    const APPLICATION: &[&str] = &[
        "cv",
        "resume",
        "application",
        "applications",
        "letter",
        "motivation",
    ];
    const IMPERATIVE: &[&str] = &[
        "send", "include", "attach", "add", "upload", "submit", "email", "enclose", "please",
    ];
    const NEGATION: &[&str] = &[
        "no", "without", "not", "don", "doesn", "needn", "never", "nor", "leave",
    ];
    if !t.is(
        i,
        &[
            "photo",
            "photos",
            "photograph",
            "picture",
            "headshot",
            "selfie",
        ],
    ) {
        return;
    }
    if t.sentence_has(i, NEGATION) {
        return;
    }
    let range = t.sentence(i);
    let imperative = t.is(range.start, IMPERATIVE) && i - range.start <= 6;
    let application = t
        .before(i, 4)
        .chain(t.after(i, 4))
        .any(|j| t.is(j, APPLICATION));
    let applying_section = t.heading_has(
        i,
        &[
            "apply",
            "applying",
            "application",
            "procedure",
            "interested",
        ],
    ) && t.any_before(i, 3, &["with", "including", "plus", "a", "your"]);
    if !(imperative || application || applying_section) {
        return;
    }
    let mut first = i;
    while first > range.start
        && t.is(
            first - 1,
            &[
                "a",
                "an",
                "your",
                "recent",
                "passport",
                "passport-size",
                "passport-sized",
                "with",
                "including",
                "plus",
                "us",
            ],
        )
    {
        first -= 1;
    }
    if first > range.start && t.is(first - 1, IMPERATIVE) {
        first -= 1;
    }
    let last = if t.is(i + 1, &["attached"]) { i + 1 } else { i };
    hit(out, "foto", first, last, &PHOTO);
}

// ---------------------------------------------------------------------------------------
// gezondheid, gezin
// ---------------------------------------------------------------------------------------

const HEALTH: Say = Say {
    hint: "asks about health",
    advice: "describe the physical tasks of the work instead of health demands",
};
const FAMILY: Say = Say {
    hint: "asks about family circumstances",
    advice: "leave it out: it says nothing about suitability for the internship",
};

/// "you are healthy", "in good health", "no health problems", "no disabilities".
///
/// Borderline choices: "healthy" about anything but the student passes ("healthy lifestyles",
/// "a healthy workload"); an announced pre-employment medical examination is lawful and
/// passes; "physically fit" may be what the work needs and passes.
fn health(t: &Text, i: usize, out: &mut Vec<Hit>) {
    if t.is(i, &["healthy"]) {
        let of_student = t.is(i + 1, CANDIDATES) || t.is(i + 1, &["candidates", "interns"]);
        let predicate = t.any_before(i, 3, COPULA) && (!t.is_word(i + 1) || t.is(i + 1, &["and"]));
        if of_student || predicate {
            let last = if of_student { i + 1 } else { i };
            hit(out, "gezondheid", i, last, &HEALTH);
        }
        return;
    }
    if t.is(i, &["health"]) && t.is(i.wrapping_sub(1), &["good"]) {
        let good = i - 1;
        let in_good = t.is(good.wrapping_sub(1), &["in"]);
        let demanded = t.any_after(
            i,
            3,
            &["required", "essential", "must", "necessary", "requirement"],
        ) || in_good && t.any_before(good, 4, COPULA);
        if demanded {
            let first = if in_good { good - 1 } else { good };
            hit(out, "gezondheid", first, i, &HEALTH);
        }
        return;
    }
    if t.is(i, &["no"]) {
        let mut j = i + 1;
        while t.is(
            j,
            &[
                "medical", "physical", "mental", "chronic", "health", "or", ",",
            ],
        ) {
            j += 1;
        }
        let with_adjective = j > i + 1;
        let found = if t.is(
            j,
            &["problems", "issues", "complaints", "conditions", "history"],
        ) {
            with_adjective
        } else {
            t.is(
                j,
                &[
                    "disabilities",
                    "disability",
                    "illness",
                    "illnesses",
                    "impairment",
                    "impairments",
                    "handicap",
                    "handicaps",
                ],
            )
        };
        if found && t.same(i, j) {
            hit(out, "gezondheid", i, j, &HEALTH);
        }
    }
}

/// "marital status", "no plans to have children", "not pregnant", "you have no children".
///
/// Borderline choice: "marital status" in work with a civil registry passes ("you register
/// changes in residents' marital status"): it is reported only when asked of the student
/// (after "your", or with "state", CV or application in the sentence) and no residents or
/// citizens are in the sentence.
fn family(t: &Text, i: usize, out: &mut Vec<Hit>) {
    if t.is(i, &["marital"]) && t.is(i + 1, &["status"]) {
        let asked = t.any_before(i, 2, &["your"])
            || t.sentence_has(
                i,
                &["state", "mention", "include", "cv", "resume", "application"],
            );
        let others = t.sentence_has(
            i,
            &[
                "residents",
                "citizens",
                "register",
                "registry",
                "records",
                "customers",
            ],
        );
        if asked && !others {
            let first = t.find_before(i, 2, &["your"]).unwrap_or(i);
            hit(out, "gezin", first, i + 1, &FAMILY);
        }
        return;
    }
    if t.is(i, &["pregnant"]) && t.is(i.wrapping_sub(1), &["not"]) && t.same(i - 1, i) {
        hit(out, "gezin", i - 1, i, &FAMILY);
        return;
    }
    if t.is(i, &["plans", "plan", "wish"])
        && t.is(i + 1, &["to", "for"])
        && t.any_after(i, 3, &["children", "kids", "family"])
    {
        let last = t
            .after(i, 3)
            .find(|&j| t.is(j, &["children", "kids", "family"]))
            .unwrap_or(i);
        let first = t.find_before(i, 2, &["no"]).unwrap_or(i);
        hit(out, "gezin", first, last, &FAMILY);
        return;
    }
    if t.is(i, &["no"])
        && t.is(i + 1, &["children"])
        && t.any_before(i, 3, &["have", "has"])
        && t.any_before(i, 4, &["you"])
    {
        hit(out, "gezin", i, i + 1, &FAMILY);
        return;
    }
    if t.is(i, &["childless"]) && t.any_before(i, 3, COPULA) {
        hit(out, "gezin", i, i, &FAMILY);
    }
}
