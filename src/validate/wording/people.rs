//! Who a pronoun is about: the student sought, or someone else. Shared by the Dutch and
//! English gender rules.

use super::text::{Kind, Text};

/// The nouns of one language that a pronoun may point back to.
pub(super) struct People {
    /// The student sought ("kandidaat", "intern").
    pub(super) candidates: &'static [&'static str],
    /// Other people, and things the language calls "he" ("begeleider", "team").
    pub(super) others: &'static [&'static str],
    /// Endings of other people's job titles ("praktijkbegeleider", "team manager").
    pub(super) other_endings: &'static [&'static str],
    /// Capitalized words that are not names (language names).
    pub(super) not_names: &'static [&'static str],
    /// Adjectives that make an "other" noun the student ("nieuwe collega", "new colleague").
    pub(super) new: &'static [&'static str],
}

/// What the nearest person before a pronoun is.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Referent {
    /// The student sought.
    Candidate,
    /// Someone (or something) else: a role, a name, the team.
    Other,
}

impl People {
    /// Who the pronoun at token `i` is about, as far as the text shows.
    ///
    /// In the pronoun's own sentence the nearest person before it decides; otherwise the
    /// first person of the sentence before (most often its subject: "De stagiair
    /// ondersteunt het team. Hij ..." is about the stagiair, not the team).
    pub(super) fn referent(&self, t: &Text, i: usize) -> Option<Referent> {
        let own = t.sentence(i);
        if let Some(r) = (own.start..i).rev().find_map(|j| self.person(t, j)) {
            return Some(r);
        }
        let before = t.sentence(own.start.checked_sub(1)?);
        before.into_iter().find_map(|j| self.person(t, j))
    }

    /// What token `j` is, if it is a person (or a thing a pronoun may stand for).
    fn person(&self, t: &Text, j: usize) -> Option<Referent> {
        let tok = t.tokens.get(j)?;
        if tok.kind != Kind::Word {
            return None;
        }
        if t.is(j, self.candidates)
            || t.is(j, &["collega", "colleague"]) && t.any_before(j, 1, self.new)
        {
            return Some(Referent::Candidate);
        }
        let name = t.is_name(j) && !tok.acronym && !t.is(j, self.not_names);
        (t.is(j, self.others) || t.ends(j, self.other_endings) || name).then_some(Referent::Other)
    }
}

/// Token `i` stands beside the other gender's form: "hij/zij", "he or she", "zijn of haar",
/// "(s)he", "s/he".
pub(super) fn paired(t: &Text, i: usize, other: &[&str]) -> bool {
    const LINKS: &[&str] = &["/", "of", "or", "(", ")", "en", "and", "-"];
    let forward = t
        .after(i, 3)
        .take_while(|&j| t.is(j, LINKS) || t.is(j, other))
        .any(|j| t.is(j, other));
    let backward = t
        .before(i, 3)
        .take_while(|&j| t.is(j, LINKS) || t.is(j, other))
        .any(|j| t.is(j, other));
    forward || backward
}
