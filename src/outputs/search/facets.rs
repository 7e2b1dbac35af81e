//! The facet table: for every open vacancy (a row, in deadline order) the values it has
//! in each facet, as one small column per facet.
//!
//! A row's values in a facet are a set (a vacancy can be for mbo and hbo), so each column
//! stores a *combination id* per row, and the facet's file lists the combinations; the
//! client counts combinations and then spreads the counts over their values, and filters
//! through a per-combination yes/no table. The deadline is not a column: rows are in
//! deadline order, so the manifest stores it as runs (`[day, rows]`), and the client puts
//! the rows into "this week / this month / later / none" for the day of the visit.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::model::slug::Slug;
use crate::model::terms::{Level, PlacementKind, Workplace};
use crate::model::vacancy::{Allowance, Vacancy};
use crate::urls::search_params as param;

use super::{FastMap, Input};

/// One value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Value {
    /// What the URL carries (`hbo`, `utrecht`, `2027-02`).
    pub slug: String,
    /// What people read.
    pub label: String,
    /// Open vacancies with this value on the day of the build.
    pub count: usize,
}

/// One facet: its values and a combination id per row.
#[derive(Debug, Clone)]
pub struct Facet {
    /// The URL parameter (`niveau`).
    pub key: &'static str,
    /// The fieldset's legend.
    pub legend: String,
    /// Values in display order (value id = position).
    pub values: Vec<Value>,
    /// Combination id -> sorted value ids.
    pub combos: Vec<Vec<u32>>,
    /// Row -> combination id.
    pub rows: Vec<u32>,
    /// Shown folded away, its file loaded only when opened or used.
    pub lazy: bool,
    /// At most one value per row: combination `i` is value `i`, and combination
    /// `values.len()` is "none" (the file then lists no combinations).
    pub single: bool,
}

/// How a facet orders its values.
enum Order {
    /// These values in this order, also those no open vacancy has (shown disabled).
    Fixed(Vec<(String, String)>),
    /// The values open vacancies have, most frequent first (ties: by label).
    ByCount,
}

/// The hours-per-week ranges: (slug, i18n key, lowest, highest).
pub const HOURS: &[(&str, &str, u32, u32)] = &[
    ("tot-16", "hours_upto_16", 0, 16),
    ("17-24", "hours_17_24", 17, 24),
    ("25-32", "hours_25_32", 25, 32),
    ("33-40", "hours_33_40", 33, 40),
    ("meer-dan-40", "hours_over_40", 41, u32::MAX),
];

/// The value of rows that do not state a fact.
pub const NOT_STATED: &str = "onbekend";

/// Deadline groups: (slug, i18n key, first day left, last day left) relative to a day.
pub const DEADLINES: &[(&str, &str, i64, i64)] = &[
    ("week", "deadline_week", 0, 6),
    ("maand", "deadline_month", 7, 30),
    ("later", "deadline_later", 31, i64::MAX),
];

/// The deadline group of a row for `today`: an index into [`DEADLINES`], or
/// `DEADLINES.len()` for "no deadline". `None` when the deadline has passed.
pub fn deadline_group(closes: Option<Date>, today: Date) -> Option<usize> {
    let Some(closes) = closes else {
        return Some(DEADLINES.len());
    };
    let left = i64::from((closes - today).get_days());
    DEADLINES
        .iter()
        .position(|(_, _, from, to)| (*from..=*to).contains(&left))
}

fn make<'a>(
    key: &'static str,
    legend: String,
    lazy: bool,
    order: Order,
    per_row: impl Iterator<Item = impl IntoIterator<Item = Cow<'a, str>>>,
    label: impl Fn(&str) -> String,
) -> Facet {
    let mut temp: FastMap<Cow<'a, str>, u32> = FastMap::default();
    let mut names: Vec<Cow<'a, str>> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    // Each row's set of value ids, one after the other: `ends[row]` is where it ends.
    let mut sets: Vec<u32> = Vec::new();
    let mut ends: Vec<u32> = Vec::new();
    for values in per_row {
        let start = sets.len();
        for v in values {
            let id = match temp.get(&v) {
                Some(&id) => id,
                None => {
                    let id = names.len() as u32;
                    temp.insert(v.clone(), id);
                    names.push(v);
                    counts.push(0);
                    id
                }
            };
            if !sets[start..].contains(&id) {
                sets.push(id);
                counts[id as usize] += 1;
            }
        }
        ends.push(sets.len() as u32);
    }
    let set = |row: usize| {
        let start = if row == 0 { 0 } else { ends[row - 1] as usize };
        &sets[start..ends[row] as usize]
    };
    // Display order -> value ids.
    let mut values: Vec<Value> = Vec::new();
    let mut id_of_temp: Vec<u32> = vec![0; names.len()];
    let count_of = |slug: &str| temp.get(slug).map_or(0, |&t| counts[t as usize]);
    match order {
        Order::Fixed(fixed) => {
            for (slug, label) in fixed {
                if let Some(&t) = temp.get(slug.as_str()) {
                    id_of_temp[t as usize] = values.len() as u32;
                }
                let count = count_of(&slug);
                values.push(Value { slug, label, count });
            }
        }
        Order::ByCount => {
            let mut order: Vec<(usize, String, u32)> = names
                .iter()
                .enumerate()
                .map(|(t, n)| (counts[t], label(n), t as u32))
                .collect();
            order.sort_by(|a, b| {
                b.0.cmp(&a.0)
                    .then_with(|| a.1.cmp(&b.1))
                    .then_with(|| names[a.2 as usize].cmp(&names[b.2 as usize]))
            });
            for (count, label, t) in order {
                id_of_temp[t as usize] = values.len() as u32;
                values.push(Value {
                    slug: names[t as usize].to_string(),
                    label,
                    count,
                });
            }
        }
    }
    let single = (0..ends.len()).all(|row| set(row).len() <= 1);
    let (combos, rows) = if single {
        // One value per row at most: the column holds the value id itself, and the id
        // after the last value for "none"; combinations are implied.
        let none = values.len() as u32;
        let rows = (0..ends.len())
            .map(|row| set(row).first().map_or(none, |&t| id_of_temp[t as usize]))
            .collect();
        let combos = (0..values.len() as u32)
            .map(|v| vec![v])
            .chain([Vec::new()])
            .collect();
        (combos, rows)
    } else {
        let mut combo_ids: FastMap<Vec<u32>, u32> = FastMap::default();
        let mut combos: Vec<Vec<u32>> = Vec::new();
        let mut ids: Vec<u32> = Vec::new();
        let rows = (0..ends.len())
            .map(|row| {
                ids.clear();
                ids.extend(set(row).iter().map(|&t| id_of_temp[t as usize]));
                ids.sort_unstable();
                match combo_ids.get(ids.as_slice()) {
                    Some(&id) => id,
                    None => {
                        let id = combos.len() as u32;
                        combo_ids.insert(ids.clone(), id);
                        combos.push(ids.clone());
                        id
                    }
                }
            })
            .collect();
        (combos, rows)
    };
    Facet {
        key,
        legend,
        values,
        combos,
        rows,
        lazy,
        single,
    }
}

fn hours_buckets(v: &Vacancy) -> Vec<Cow<'static, str>> {
    match v.hours {
        None => vec![Cow::Borrowed(NOT_STATED)],
        Some(h) => HOURS
            .iter()
            .filter(|(_, _, lo, hi)| h.min <= *hi && h.max >= *lo)
            .map(|(slug, ..)| Cow::Borrowed(*slug))
            .collect(),
    }
}

fn allowance_value(v: &Vacancy) -> &'static str {
    match v.allowance {
        Allowance::Monthly(n) if n > 0 => "betaald",
        Allowance::Monthly(_) | Allowance::Unpaid => "onbetaald",
        Allowance::NotStated => NOT_STATED,
    }
}

/// The `YYYY-MM` of a start date.
fn month(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// Everything [`build`] reads, for the key under which a `serve` session keeps the facets:
/// each row's facts in row order, the labels, and the names of terms and organisations.
/// An edit of a vacancy's text leaves it as it was.
pub fn key(input: &Input<'_>) -> u64 {
    let portal = input.portal;
    let mut h = crate::memo::hasher();
    for &i in input.rows {
        let v = &portal.vacancies[i];
        v.fields.len().hash(&mut h);
        for f in &v.fields {
            f.slug.as_str().hash(&mut h);
        }
        (
            &v.levels,
            v.kind,
            v.location.slug.as_str(),
            v.workplace,
            v.hours.map(|h| (h.min, h.max)),
            allowance_value(v),
            v.starts,
            v.region.as_deref(),
            v.organisation.as_str(),
        )
            .hash(&mut h);
    }
    (
        input.i18n.digest(),
        &portal.field_names,
        &portal.place_names,
        portal
            .organisations
            .iter()
            .map(|o| (o.slug.as_str(), o.name.as_str()))
            .collect::<Vec<_>>(),
    )
        .hash(&mut h);
    h.finish()
}

/// Every facet of the index, in the order of the search page.
pub fn build(input: &Input<'_>) -> Vec<Facet> {
    let portal = input.portal;
    let t = input.i18n;
    let s = |key: &str| t.label("search", key).to_string();
    let rows: Vec<&Vacancy> = input.rows.iter().map(|&i| &portal.vacancies[i]).collect();
    let rows = rows.as_slice();
    let fixed = |table: &str, slugs: &[&str]| {
        Order::Fixed(
            slugs
                .iter()
                .map(|slug| {
                    let label = if *slug == NOT_STATED {
                        s("not_stated")
                    } else {
                        t.label(table, slug).to_string()
                    };
                    (slug.to_string(), label)
                })
                .collect(),
        )
    };
    // Each facet is made on its own (they are independent), all of them in parallel.
    let mut facets: Vec<Box<dyn FnOnce() -> Facet + Send + '_>> = Vec::new();
    facets.push(Box::new(move || {
        make(
            param::LEVEL,
            t.label("taxonomies", "level").to_string(),
            false,
            fixed("levels", &Level::spellings()),
            rows.iter()
                .map(|v| v.levels.iter().map(|l| Cow::Borrowed(l.as_str()))),
            |x| x.to_string(),
        )
    }));
    facets.push(Box::new(move || {
        make(
            param::KIND,
            t.label("taxonomies", "kind").to_string(),
            false,
            fixed("kinds", &PlacementKind::spellings()),
            rows.iter().map(|v| [Cow::Borrowed(v.kind.as_str())]),
            |x| x.to_string(),
        )
    }));
    facets.push(Box::new(move || {
        make(
            param::FIELD,
            t.label("taxonomies", "field").to_string(),
            false,
            Order::ByCount,
            rows.iter()
                .map(|v| v.fields.iter().map(|f| Cow::Borrowed(f.slug.as_str()))),
            |slug| {
                portal
                    .field_names
                    .get(slug)
                    .cloned()
                    .unwrap_or_else(|| slug.to_string())
            },
        )
    }));
    facets.push(Box::new(move || {
        make(
            param::PLACE,
            t.label("taxonomies", "place").to_string(),
            false,
            Order::ByCount,
            rows.iter()
                .map(|v| [Cow::Borrowed(v.location.slug.as_str())]),
            |slug| {
                portal
                    .place_names
                    .get(slug)
                    .cloned()
                    .unwrap_or_else(|| slug.to_string())
            },
        )
    }));
    let mut workplaces: Vec<&str> = Workplace::spellings();
    workplaces.push(NOT_STATED);
    facets.push(Box::new(move || {
        make(
            param::WORKPLACE,
            s("facet_workplace"),
            false,
            fixed("workplaces", &workplaces),
            rows.iter().map(|v| {
                [Cow::Borrowed(
                    v.workplace.map_or(NOT_STATED, Workplace::as_str),
                )]
            }),
            |x| x.to_string(),
        )
    }));
    let mut hours: Vec<(String, String)> = HOURS
        .iter()
        .map(|(slug, key, ..)| (slug.to_string(), s(key)))
        .collect();
    hours.push((NOT_STATED.to_string(), s("not_stated")));
    facets.push(Box::new(move || {
        make(
            param::HOURS,
            s("facet_hours"),
            false,
            Order::Fixed(hours),
            rows.iter().map(|v| hours_buckets(v)),
            |x| x.to_string(),
        )
    }));
    facets.push(Box::new(move || {
        make(
            param::ALLOWANCE,
            s("facet_allowance"),
            false,
            Order::Fixed(vec![
                ("betaald".to_string(), s("allowance_paid")),
                ("onbetaald".to_string(), s("allowance_unpaid")),
                (NOT_STATED.to_string(), s("not_stated")),
            ]),
            rows.iter().map(|v| [Cow::Borrowed(allowance_value(v))]),
            |x| x.to_string(),
        )
    }));
    facets.push(Box::new(move || {
        // Start months: chronological, then "not stated".
        let mut months: Vec<(String, String)> = rows
            .iter()
            .filter_map(|v| v.starts)
            .map(|d| (month(d), d.first_of_month()))
            .collect::<BTreeMap<String, Date>>()
            .into_iter()
            .map(|(slug, first)| {
                let text = t.format_date(first);
                let label = text
                    .split_once(' ')
                    .map_or(text.as_str(), |(_, rest)| rest)
                    .to_string();
                (slug, label)
            })
            .collect();
        months.push((NOT_STATED.to_string(), s("not_stated")));
        make(
            param::START,
            s("facet_start"),
            true,
            Order::Fixed(months),
            rows.iter().map(|v| {
                [v.starts
                    .map_or(Cow::Borrowed(NOT_STATED), |d| Cow::Owned(month(d)))]
            }),
            |x| x.to_string(),
        )
    }));
    facets.push(Box::new(move || {
        // Regions: folded like listing terms, shown in their most frequent spelling.
        // Each spelling is folded once (folding is the costly part), then counted per row.
        let mut folded: FastMap<&str, Option<Rc<str>>> = FastMap::default();
        let mut spellings: BTreeMap<Rc<str>, BTreeMap<&str, usize>> = BTreeMap::new();
        let region_slugs: Vec<Option<Rc<str>>> = rows
            .iter()
            .map(|v| {
                let region = v.region.as_deref()?;
                let slug = folded
                    .entry(region)
                    .or_insert_with(|| Slug::fold(region).map(|s| Rc::from(s.as_str())))
                    .clone()?;
                *spellings
                    .entry(Rc::clone(&slug))
                    .or_default()
                    .entry(region)
                    .or_default() += 1;
                Some(slug)
            })
            .collect();
        let region_names: BTreeMap<Rc<str>, String> = spellings
            .into_iter()
            .filter_map(|(slug, counts)| {
                let best = counts
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
                Some((slug, best.0.to_string()))
            })
            .collect();
        make(
            param::REGION,
            s("facet_region"),
            true,
            Order::ByCount,
            region_slugs
                .iter()
                .map(|r| r.iter().map(|s| Cow::Borrowed(&**s))),
            |slug| {
                region_names
                    .get(slug)
                    .cloned()
                    .unwrap_or_else(|| slug.to_string())
            },
        )
    }));
    facets.push(Box::new(move || {
        make(
            param::ORGANISATION,
            s("facet_organisation"),
            true,
            Order::ByCount,
            rows.iter()
                .map(|v| [Cow::Borrowed(v.organisation.as_str())]),
            |slug| {
                Slug::parse(slug)
                    .and_then(|s| portal.organisation(&s).map(|o| o.name.clone()))
                    .unwrap_or_else(|| slug.to_string())
            },
        )
    }));
    facets.into_par_iter().map(|make| make()).collect()
}

/// The deadline facet's values with their counts on the day of the build.
pub fn deadline_values(input: &Input<'_>) -> Vec<Value> {
    let t = input.i18n;
    let mut counts = vec![0usize; DEADLINES.len() + 1];
    for &i in input.rows {
        if let Some(g) = deadline_group(input.portal.vacancies[i].closes, input.today) {
            counts[g] += 1;
        }
    }
    DEADLINES
        .iter()
        .map(|(slug, key, ..)| (*slug, *key))
        .chain([("geen", "deadline_none")])
        .zip(counts)
        .map(|((slug, key), count)| Value {
            slug: slug.to_string(),
            label: t.label("search", key).to_string(),
            count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn deadline_groups_are_relative_to_the_day() {
        let today = date(2026, 11, 23);
        assert_eq!(deadline_group(Some(today), today), Some(0));
        assert_eq!(deadline_group(Some(date(2026, 11, 29)), today), Some(0));
        assert_eq!(deadline_group(Some(date(2026, 11, 30)), today), Some(1));
        assert_eq!(deadline_group(Some(date(2026, 12, 23)), today), Some(1));
        assert_eq!(deadline_group(Some(date(2026, 12, 24)), today), Some(2));
        assert_eq!(deadline_group(None, today), Some(3));
        assert_eq!(deadline_group(Some(date(2026, 11, 22)), today), None);
    }

    #[test]
    fn combinations_are_shared_and_values_ordered_by_count() {
        let rows: Vec<Vec<Cow<'static, str>>> = vec![
            vec!["b".into(), "a".into()],
            vec!["a".into()],
            vec!["a".into(), "b".into()],
            vec![],
        ];
        let f = make(
            "x",
            "X".into(),
            false,
            Order::ByCount,
            rows.into_iter(),
            |s| s.to_uppercase(),
        );
        let slugs: Vec<&str> = f.values.iter().map(|v| v.slug.as_str()).collect();
        assert_eq!(slugs, ["a", "b"]);
        assert_eq!(f.values[0].count, 3);
        assert_eq!(f.values[0].label, "A");
        assert_eq!(f.combos, vec![vec![0, 1], vec![0], vec![]]);
        assert_eq!(f.rows, vec![0, 1, 0, 2]);
    }

    #[test]
    fn fixed_orders_keep_values_nobody_has() {
        let rows: Vec<Vec<Cow<'static, str>>> = vec![vec!["hbo".into()]];
        let f = make(
            "niveau",
            "Niveau".into(),
            false,
            Order::Fixed(vec![
                ("mbo".into(), "mbo".into()),
                ("hbo".into(), "hbo".into()),
            ]),
            rows.into_iter(),
            |s| s.to_string(),
        );
        assert_eq!(f.values[0].count, 0);
        assert_eq!(f.values[1].count, 1);
        assert!(f.single);
        assert_eq!(f.combos, vec![vec![0], vec![1], vec![]]);
        assert_eq!(f.rows, vec![1]);
    }
}
