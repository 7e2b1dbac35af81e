//! The closed vocabularies (levels, kinds of placement, workplaces, organisation and
//! brochure kinds) and the free listing terms (fields, places).
//!
//! The closed ones are enums whose text form is what people write in front matter and
//! what appears in URLs; their labels for people come from the theme's i18n file.

use super::slug::Slug;

/// Declares a closed vocabulary: an enum, its front-matter spelling and the list of all.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The spelling used in front matter and URLs.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// Reads the front-matter spelling.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// All spellings, for "use one of ..." messages.
            pub fn spellings() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// An education level.
    Level {
        /// Pre-vocational secondary education.
        Vmbo = "vmbo",
        /// Secondary vocational education.
        Mbo = "mbo",
        /// Higher professional education (universities of applied sciences).
        Hbo = "hbo",
        /// University.
        Wo = "wo",
    }
}

vocabulary! {
    /// The kind of placement.
    PlacementKind {
        /// A general internship (the default).
        Stage = "stage",
        /// A short orientation placement.
        Snuffelstage = "snuffelstage",
        /// A placement where the student works along.
        Meewerkstage = "meewerkstage",
        /// A graduation internship.
        Afstudeerstage = "afstudeerstage",
        /// A research internship.
        Onderzoeksstage = "onderzoeksstage",
        /// A work-based learning place (beroepsbegeleidende leerweg).
        Bbl = "bbl",
        /// A traineeship.
        Traineeship = "traineeship",
        /// A work-experience place.
        Werkervaringsplaats = "werkervaringsplaats",
    }
}

vocabulary! {
    /// Where the work happens.
    Workplace {
        /// At the organisation's premises.
        OnSite = "on-site",
        /// Partly at home.
        Hybrid = "hybrid",
        /// From home.
        Remote = "remote",
    }
}

vocabulary! {
    /// What kind of body an organisation is.
    OrganisationKind {
        /// A municipality.
        Gemeente = "gemeente",
        /// A province.
        Provincie = "provincie",
        /// A water board.
        Waterschap = "waterschap",
        /// Central government (NL).
        Rijksoverheid = "rijksoverheid",
        /// Federal government (BE).
        FederaleOverheid = "federale-overheid",
        /// An education institution.
        Onderwijs = "onderwijs",
        /// A care institution.
        Zorg = "zorg",
        /// A company.
        Bedrijf = "bedrijf",
        /// A foundation.
        Stichting = "stichting",
        /// Anything else.
        Other = "other",
    }
}

vocabulary! {
    /// What a brochure is.
    BrochureKind {
        /// House rules for interns.
        Huisregels = "huisregels",
        /// Internship regulations.
        Stagereglement = "stagereglement",
        /// A welcome guide.
        Onthaal = "onthaal",
        /// Anything else.
        Other = "other",
    }
}

vocabulary! {
    /// What kind of event.
    EventKind {
        /// An introduction day for new interns.
        Introductiedag = "introductiedag",
        /// A coffee meeting with candidates.
        Koffiemoment = "koffiemoment",
        /// An internship fair.
        Stagebeurs = "stagebeurs",
        /// An open day.
        OpenDag = "open-dag",
        /// An information meeting.
        Informatiebijeenkomst = "informatiebijeenkomst",
        /// Anything else.
        Other = "other",
    }
}

/// A free listing term (a field or a place) as one vacancy spells it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermRef {
    /// The folded slug: spellings with the same slug are one term.
    pub slug: Slug,
    /// The spelling in this vacancy's front matter.
    pub spelling: String,
}

/// The four listings of the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Taxonomy {
    /// `/niveau/`: education levels.
    Level,
    /// `/vakgebied/`: fields.
    Field,
    /// `/plaats/`: places.
    Place,
    /// `/soort/`: kinds of placement.
    Kind,
}

impl Taxonomy {
    /// All four, in menu order.
    pub const ALL: [Taxonomy; 4] = [
        Taxonomy::Level,
        Taxonomy::Kind,
        Taxonomy::Field,
        Taxonomy::Place,
    ];

    /// The key used in templates and i18n (`level`, `field`, `place`, `kind`).
    pub fn key(self) -> &'static str {
        match self {
            Taxonomy::Level => "level",
            Taxonomy::Field => "field",
            Taxonomy::Place => "place",
            Taxonomy::Kind => "kind",
        }
    }
}
