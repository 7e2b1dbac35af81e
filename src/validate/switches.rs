//! Switching wording rules off: `[check] disable` in `portal.toml` and `check_ignore` in a
//! file's front matter, each with a required reason, so that a switched-off rule is always
//! a decision someone wrote down.

use crate::diagnostics::did_you_mean;
use crate::load::fields::Fields;
use crate::settings::Language;
use crate::validate::wording::{self, Group};

/// Every id that can be switched off: the rules' ids and the groups' ids.
pub fn ids() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = wording::rules(Language::Nl).iter().map(|r| r.id).collect();
    ids.extend(Group::ALL.iter().map(|g| g.id()));
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// True when `rule` (and its group) is not switched off by `off`.
pub fn is_on(rule: &str, off: &[String]) -> bool {
    let group = wording::rules(Language::Nl)
        .iter()
        .find(|r| r.id == rule)
        .map(|r| r.group.id());
    !off.iter()
        .any(|id| id == rule || Some(id.as_str()) == group)
}

/// Reads a list of rule ids (`list_key`) and its reason (`reason_key`); unknown ids and a
/// missing reason are errors at their place.
pub(crate) fn read(
    f: &mut Fields<'_, '_>,
    list_key: &'static str,
    reason_key: &'static str,
) -> Vec<String> {
    let known = ids();
    let items = f
        .string_list(list_key, "[\"leeftijd\"]")
        .unwrap_or_default();
    let reason = f.string(reason_key, "\"De vacature is voor het jongerenpanel.\"");
    let mut out = Vec::new();
    for at in &items {
        if known.contains(&at.value.as_str()) {
            out.push(at.value.clone());
        } else {
            let help = match did_you_mean(&at.value, known.iter().copied()) {
                Some(s) => format!("did you mean \"{s}\"?"),
                None => format!("the rules are: {}", known.join(", ")),
            };
            let d = f
                .file()
                .error(
                    at.span.clone(),
                    format!("unknown wording rule \"{}\"", at.value),
                )
                .with_help(help);
            f.push(d);
        }
    }
    if !items.is_empty() && reason.is_none() {
        f.missing(reason_key, "\"why this rule does not apply here\"");
    }
    out
}
