//! The rule list: ids, explanations, suggestions and sources, for messages and the
//! editor's guide page. What each rule matches is in `nl.rs` and `en.rs`.

use crate::settings::Language;

/// A family of rules, switched off together by its id (`leeftijd` switches off every age rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Age limits and words that hint at an age.
    Age,
    /// Words that address one gender only.
    Gender,
    /// Language demands about origin rather than skill.
    Language,
    /// Demands about appearance, and photos.
    Appearance,
    /// Questions about health and family.
    Health,
}

impl Group {
    /// Every group, in the order of the guide page.
    pub const ALL: [Group; 5] = [
        Group::Age,
        Group::Gender,
        Group::Language,
        Group::Appearance,
        Group::Health,
    ];

    /// The id used to switch the group off: `leeftijd`, `gender`, `taal`, `uiterlijk`,
    /// `gezondheid` (the id of the group's first rule).
    pub fn id(self) -> &'static str {
        match self {
            Group::Age => "leeftijd",
            Group::Gender => "gender",
            Group::Language => "taal",
            Group::Appearance => "uiterlijk",
            Group::Health => "gezondheid",
        }
    }

    /// The group's name in `language`.
    pub fn name(self, language: Language) -> &'static str {
        match (self, language) {
            (Group::Age, Language::Nl) => "Leeftijd",
            (Group::Age, Language::En) => "Age",
            (Group::Gender, Language::Nl) => "Gender",
            (Group::Gender, Language::En) => "Gender",
            (Group::Language, Language::Nl) => "Taal",
            (Group::Language, Language::En) => "Language",
            (Group::Appearance, Language::Nl) => "Uiterlijk en foto",
            (Group::Appearance, Language::En) => "Appearance and photo",
            (Group::Health, Language::Nl) => "Gezondheid en gezin",
            (Group::Health, Language::En) => "Health and family",
        }
    }
}

/// One rule: what it checks, why, how to write it instead, and where that advice comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, shown in warnings (`warning[leeftijd]`) and used to switch the rule off.
    pub id: &'static str,
    /// The family the rule belongs to.
    pub group: Group,
    /// Short Dutch name, for the guide page.
    pub name_nl: &'static str,
    /// Short English name, for the guide page.
    pub name_en: &'static str,
    /// Why the wording shuts students out (Dutch).
    pub explanation_nl: &'static str,
    /// Why the wording shuts students out (English).
    pub explanation_en: &'static str,
    /// How to write it instead (Dutch).
    pub suggestion_nl: &'static str,
    /// How to write it instead (English).
    pub suggestion_en: &'static str,
    /// Phrases the rule reports, in the language of the texts it checks.
    pub examples: &'static [&'static str],
    /// Phrases of the same kind that the rule deliberately lets pass, in that language.
    pub allowed: &'static [&'static str],
    /// Who says so, e.g. `College voor de Rechten van de Mens, vacaturecheck`.
    pub source: &'static str,
    /// Where to read it.
    pub source_url: &'static str,
}

impl Rule {
    /// [`Rule::name_nl`] or [`Rule::name_en`].
    pub fn name(&self, language: Language) -> &'static str {
        match language {
            Language::Nl => self.name_nl,
            Language::En => self.name_en,
        }
    }

    /// [`Rule::explanation_nl`] or [`Rule::explanation_en`].
    pub fn explanation(&self, language: Language) -> &'static str {
        match language {
            Language::Nl => self.explanation_nl,
            Language::En => self.explanation_en,
        }
    }

    /// [`Rule::suggestion_nl`] or [`Rule::suggestion_en`].
    pub fn suggestion(&self, language: Language) -> &'static str {
        match language {
            Language::Nl => self.suggestion_nl,
            Language::En => self.suggestion_en,
        }
    }
}

const VACATURECHECK: &str = "College voor de Rechten van de Mens, vacaturecheck";
const VACATURECHECK_URL: &str = "https://mensenrechten.nl/nl/vacaturecheck";

const LEEFTIJD: Rule = Rule {
    id: "leeftijd",
    group: Group::Age,
    name_nl: "Leeftijd",
    name_en: "Age",
    explanation_nl: "Een leeftijdsgrens of een woord dat naar leeftijd verwijst (jong, pas afgestudeerd, \
        schoolverlater, starter) schrikt oudere studenten af: wie later een opleiding volgt, na een \
        andere loopbaan of een inburgeringstraject, voelt zich niet bedoeld. De wet verbiedt \
        onderscheid naar leeftijd bij het aanbieden van werk en stages, tenzij het objectief \
        gerechtvaardigd is en die reden in de vacature staat. Een minimumleeftijd die de wet zelf \
        stelt (jeugdarbeid, rijbewijs, alcohol) wordt niet gemeld.",
    explanation_en: "An age limit or a word that hints at an age (young, recent graduate, school leaver, \
        starter) puts off older students: someone who studies after another career or after \
        settling in the country does not feel meant. Dutch law forbids age distinctions when \
        offering work and internships unless they are objectively justified and the reason is \
        stated. A minimum age that the law itself sets (youth labour, driving licence, alcohol) is \
        not reported.",
    suggestion_nl: "Noem het opleidingsniveau en de vaardigheden die het werk vraagt, en beschrijf het \
        team aan de hand van het werk (\"een team dat campagnes maakt\") in plaats van de leeftijd.",
    suggestion_en: "State the level of education and the skills the work needs, and describe the team by \
        its work (\"a team that runs campaigns\") rather than its age.",
    examples: &[],
    allowed: &[],
    source: VACATURECHECK,
    source_url: VACATURECHECK_URL,
};

const GENDER: Rule = Rule {
    id: "gender",
    group: Group::Gender,
    name_nl: "Gender",
    name_en: "Gender",
    explanation_nl: "Een tekst die de kandidaat met hij of zijn aanduidt, of een functienaam alleen in de \
        mannelijke of vrouwelijke vorm (stagiaire, (m)), spreekt maar een deel van de studenten \
        aan. Zonder wettige reden alleen mannen of alleen vrouwen vragen is verboden onderscheid.",
    explanation_en: "A text that refers to the candidate as he or his, or a job title in a male or female \
        form only (hostess, (m)), addresses only some of the students. Asking for men only or women \
        only without a lawful reason is prohibited discrimination.",
    suggestion_nl: "Spreek de student direct aan met je en jij, of schrijf hij of zij; gebruik \
        stagiair of stagiair (m/v/x).",
    suggestion_en: "Address the student directly as you, or write they; use neutral job titles \
        (host, chair, intern).",
    examples: &[],
    allowed: &[],
    source: VACATURECHECK,
    source_url: VACATURECHECK_URL,
};

const TAAL: Rule = Rule {
    id: "taal",
    group: Group::Language,
    name_nl: "Taal",
    name_en: "Language",
    explanation_nl: "Moedertaal, native speaker en accentloos vragen niet hoe goed iemand de taal \
        beheerst, maar waar iemand vandaan komt. Dat treft studenten met een migratieachtergrond \
        die de taal prima spreken. Ook een strengere taaleis dan het werk nodig heeft kan indirect \
        onderscheid naar afkomst zijn (College voor de Rechten van de Mens, oordeel 2022-55).",
    explanation_en: "Mother tongue, native speaker and accent-free do not ask how well someone uses the \
        language but where they come from. That shuts out students with a migration background \
        who speak the language well. A stricter language demand than the work needs can also be \
        indirect discrimination by origin (College voor de Rechten van de Mens, judgment 2022-55).",
    suggestion_nl: "Noem het niveau dat het werk vraagt, bijvoorbeeld \"goede beheersing van het \
        Nederlands\" of \"Nederlands op B2-niveau\", en waarvoor (gesprekken met inwoners, \
        brieven schrijven).",
    suggestion_en: "State the level the work needs, e.g. \"good command of Dutch\" or \"English at C1 \
        level\", and what for (talking to residents, writing letters).",
    examples: &[],
    allowed: &[],
    source: VACATURECHECK,
    source_url: VACATURECHECK_URL,
};

const MEDEWERKERS_WERVEN: &str = "College voor de Rechten van de Mens, medewerkers werven";
const MEDEWERKERS_WERVEN_URL: &str = "https://mensenrechten.nl/nl/subpage/medewerkers-werven";

const UITERLIJK: Rule = Rule {
    id: "uiterlijk",
    group: Group::Appearance,
    name_nl: "Uiterlijk",
    name_en: "Appearance",
    explanation_nl: "Een representatief of verzorgd uiterlijk is vaag: ieder vult het zelf in, en \
        dan vallen studenten met een hoofddoek, een huidskleur of een lichaam dat niet in het \
        beeld past eerder af. Eisen aan uiterlijk en kleding kunnen zo indirect onderscheid zijn.",
    explanation_en: "A presentable or well-groomed appearance is vague: everyone fills it in for \
        themselves, and students with a headscarf, a skin colour or a body that does not fit the \
        picture drop out first. Demands about appearance and clothing can be indirect \
        discrimination.",
    suggestion_nl: "Noem alleen wat het werk echt vraagt: een kledingvoorschrift (werkkleding, \
        veiligheidsschoenen) of gedrag (\"je staat inwoners vriendelijk te woord\").",
    suggestion_en: "State only what the work really needs: a dress code (uniform, safety shoes) or \
        behaviour (\"you talk to residents in a friendly way\").",
    examples: &[],
    allowed: &[],
    source: MEDEWERKERS_WERVEN,
    source_url: MEDEWERKERS_WERVEN_URL,
};

const FOTO: Rule = Rule {
    id: "foto",
    group: Group::Appearance,
    name_nl: "Foto bij de sollicitatie",
    name_en: "Photo with the application",
    explanation_nl: "Een foto zegt niets over geschiktheid, maar toont huidskleur, leeftijd, geslacht \
        en geloof. Wie om een foto vraagt, selecteert daar (bewust of niet) op. Het College raadt \
        aan persoonskenmerken juist weg te laten uit cv's.",
    explanation_en: "A photo says nothing about suitability but shows skin colour, age, gender and \
        religion. Asking for one invites selection on them, knowingly or not. The College advises \
        leaving personal traits out of CVs.",
    suggestion_nl: "Vraag alleen een cv en een motivatie, en schrijf erbij dat een foto niet nodig is.",
    suggestion_en: "Ask only for a CV and a motivation, and say that no photo is needed.",
    examples: &[],
    allowed: &[],
    source: MEDEWERKERS_WERVEN,
    source_url: MEDEWERKERS_WERVEN_URL,
};

const GEZONDHEID: Rule = Rule {
    id: "gezondheid",
    group: Group::Health,
    name_nl: "Gezondheid",
    name_en: "Health",
    explanation_nl: "Een werkgever mag sollicitanten niet naar hun gezondheid of ziekteverzuim vragen \
        (Wet op de medische keuringen); alleen een keuringsarts mag dat, bij een aanstellingskeuring \
        die in de vacature staat. \"Gezond\" of \"geen beperkingen\" sluit studenten met een \
        chronische ziekte of handicap uit die het werk prima kunnen doen.",
    explanation_en: "An employer may not ask applicants about their health or sick leave (Dutch Medical \
        Examinations Act); only an examining doctor may, in a pre-employment examination announced \
        in the vacancy. \"Healthy\" or \"no disabilities\" shuts out students with a chronic \
        illness or disability who can do the work well.",
    suggestion_nl: "Beschrijf de fysieke taken van het werk (\"je tilt dozen tot 15 kg\", \"je werkt \
        buiten, ook bij slecht weer\"), zodat ieder zelf kan inschatten of het past.",
    suggestion_en: "Describe the physical tasks of the work (\"you lift boxes up to 15 kg\", \"you work \
        outdoors in all weathers\") so that everyone can judge for themselves.",
    examples: &[],
    allowed: &[],
    source: "SER, gezondheidsvragen bij sollicitaties (Wet op de medische keuringen)",
    source_url: "https://www.ser.nl/nl/thema/aanstellingskeuringen/gezondheidsvragen",
};

const GEZIN: Rule = Rule {
    id: "gezin",
    group: Group::Health,
    name_nl: "Gezin en burgerlijke staat",
    name_en: "Family and marital status",
    explanation_nl: "Vragen naar een kinderwens, zwangerschap of burgerlijke staat is onderscheid naar \
        geslacht of burgerlijke staat, wat de Algemene wet gelijke behandeling verbiedt. Het zegt \
        niets over of iemand de stage goed kan doen.",
    explanation_en: "Asking about plans for children, pregnancy or marital status is a distinction by \
        sex or marital status, which the Dutch Equal Treatment Act forbids. It says nothing about \
        whether someone can do the internship well.",
    suggestion_nl: "Laat het weg. Zijn er vaste werktijden of reisdagen, noem die dan.",
    suggestion_en: "Leave it out. If the work has fixed hours or travel days, state those.",
    examples: &[],
    allowed: &[],
    source: "Algemene wet gelijke behandeling",
    source_url: "https://wetten.overheid.nl/BWBR0006502/",
};

/// The rules for Dutch texts.
pub(super) static NL: [Rule; 7] = [
    Rule {
        examples: &[
            "18-25 jaar",
            "max. 25 jaar",
            "maximaal 30 jaar oud",
            "jong en dynamisch team",
            "jonge collega's",
            "pas afgestudeerd",
            "schoolverlater",
            "wij zoeken een starter",
            "digital native",
        ],
        allowed: &[
            "student",
            "studenten in het laatste jaar",
            "mbo-niveau 4",
            "junior (als functieniveau)",
            "jongerenwerker",
            "je werkt met jongeren van 16-23 jaar",
            "minimaal 18 jaar (wettelijke minimumleeftijd)",
            "starterswoning",
        ],
        ..LEEFTIJD
    },
    Rule {
        examples: &[
            "De stagiair ... Hij is flexibel",
            "de kandidaat werkt met zijn eigen laptop",
            "stagiaire",
            "Stagiair techniek (m)",
            "Baliemedewerker (v)",
        ],
        allowed: &[
            "hij/zij",
            "zijn of haar",
            "stagiair(e)",
            "(m/v/x)",
            "de taken zijn divers",
            "onze begeleider Pieter, hij ...",
        ],
        ..GENDER
    },
    Rule {
        examples: &[
            "Nederlands als moedertaal",
            "native speaker",
            "accentloos Nederlands",
            "perfect Nederlands zonder accent",
        ],
        allowed: &[
            "goede beheersing van het Nederlands",
            "Nederlands op B2-niveau",
            "kinderen met een andere moedertaal",
        ],
        ..TAAL
    },
    Rule {
        examples: &[
            "representatief uiterlijk",
            "verzorgd uiterlijk",
            "je bent representatief",
        ],
        allowed: &[
            "reageer uiterlijk 15 januari",
            "een representatieve steekproef",
        ],
        ..UITERLIJK
    },
    Rule {
        examples: &[
            "stuur een foto mee",
            "cv met foto",
            "stuur je cv met pasfoto",
        ],
        allowed: &[
            "je maakt foto's voor social media",
            "een foto is niet nodig",
        ],
        ..FOTO
    },
    Rule {
        examples: &[
            "je bent gezond",
            "geen gezondheidsklachten",
            "geen lichamelijke beperkingen",
        ],
        allowed: &["je promoot een gezonde leefstijl", "gezonde werkdruk"],
        ..GEZONDHEID
    },
    Rule {
        examples: &[
            "geen kinderwens",
            "vermeld je burgerlijke staat",
            "je bent niet zwanger",
        ],
        allowed: &["je verwerkt wijzigingen in de burgerlijke staat van inwoners"],
        ..GEZIN
    },
];

/// The rules for English texts.
pub(super) static EN: [Rule; 7] = [
    Rule {
        examples: &[
            "aged 18-25",
            "max. 25 years old",
            "under 30 years of age",
            "young and dynamic team",
            "recent graduate",
            "school leaver",
            "digital native",
        ],
        allowed: &[
            "student",
            "final-year students",
            "junior (as a job level)",
            "youth worker",
            "you work with young people aged 12-18",
            "at least 18 years old (a legal minimum)",
        ],
        ..LEEFTIJD
    },
    Rule {
        examples: &[
            "the intern ... he will",
            "the candidate brings his laptop",
            "Technician (m)",
            "hostess",
        ],
        allowed: &[
            "he or she",
            "his/her",
            "(m/f/x)",
            "our supervisor Tom, he ...",
        ],
        ..GENDER
    },
    Rule {
        examples: &["native speaker", "mother tongue", "accent-free English"],
        allowed: &[
            "good command of Dutch",
            "English at C1 level",
            "near-native",
        ],
        ..TAAL
    },
    Rule {
        examples: &["presentable appearance", "you are well-groomed"],
        allowed: &["a representative sample"],
        ..UITERLIJK
    },
    Rule {
        examples: &["send a photo", "CV with photo", "include a passport photo"],
        allowed: &["you take photos for social media", "no photo needed"],
        ..FOTO
    },
    Rule {
        examples: &[
            "you are in good health",
            "you are healthy",
            "no disabilities",
        ],
        allowed: &["you promote healthy lifestyles"],
        ..GEZONDHEID
    },
    Rule {
        examples: &["state your marital status", "no plans to have children"],
        allowed: &["you register changes in residents' marital status"],
        ..GEZIN
    },
];
