//! The batch and the 标杆企业库 (docs/pool.md, "The batch and the pool"): picking entries into the batch (facts
//! copied; the batch enterprise stays linked to its entry by its credit code, or by its name without one), putting
//! a batch enterprise into the pool, recording a 定稿's export on each linked entry, and offering facts edited in
//! the batch back to their entry as a plan, never written silently.

use super::draft::{Draft, Enterprise};
use super::pool::{
    FIGURE_KEYS, Identity, Pool, PoolEntry, Recommendation, Source, SourceKind, built_in_fact_mut,
    facts_of, identity_of,
};

/// Why an entry could not be picked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PickError {
    #[error("草稿已定稿，不能选入企业。请先取消定稿")]
    Final,
    #[error("已达到推荐名额（{quota} 家），不能再选入“{name}”")]
    QuotaReached { quota: usize, name: String },
    #[error("“{name}”已在本批次中（第 {place} 家）")]
    AlreadyIn { name: String, place: usize },
    #[error("标杆企业库中没有“{0}”")]
    NotFound(String),
}

/// The batch enterprise linked to an entry, if any (its place in the batch).
pub fn place_in_batch(draft: &Draft, entry: &PoolEntry) -> Option<usize> {
    let identity = entry.identity();
    if identity == Identity::Name(String::new()) {
        return None;
    }
    draft
        .enterprises
        .iter()
        .position(|e| identity_of(&e.credit_code, &e.name) == identity)
}

/// The pool entry a typed code or name names.
pub fn find_entry(pool: &Pool, code_or_name: &str) -> Option<usize> {
    pool.find(&identity_of(code_or_name, code_or_name))
}

/// A batch enterprise from an entry's facts, the key figures of the year before the batch's when the pool has
/// them.
pub fn enterprise_from(entry: &PoolEntry, batch_year: i32) -> Enterprise {
    let mut e = Enterprise::default();
    for (key, value) in &entry.facts {
        match built_in_fact_mut(&mut e, key) {
            Some(slot) => slot.clone_from(value),
            None => {
                e.fields.insert(key.clone(), value.clone());
            }
        }
    }
    if let Some(figures) = entry.figures.get(&(batch_year - 1)) {
        for key in FIGURE_KEYS {
            if let (Some(value), Some(slot)) = (figures.get(key), built_in_fact_mut(&mut e, key)) {
                slot.clone_from(value);
            }
        }
    }
    e
}

/// Picks an entry into the batch: its facts copied into a new enterprise (or into the batch's one empty
/// enterprise, as a new batch starts with). Returns the enterprise's place.
pub fn pick(draft: &mut Draft, entry: &PoolEntry) -> Result<usize, PickError> {
    if draft.is_final() {
        return Err(PickError::Final);
    }
    if let Some(place) = place_in_batch(draft, entry) {
        return Err(PickError::AlreadyIn {
            name: entry.name().to_owned(),
            place: place + 1,
        });
    }
    let enterprise = enterprise_from(entry, draft.batch.year);
    if let Some(place) = draft
        .enterprises
        .iter()
        .position(|e| *e == Enterprise::default())
    {
        draft.enterprises[place] = enterprise;
        return Ok(place);
    }
    if !draft.can_add_enterprise() {
        return Err(PickError::QuotaReached {
            quota: draft.max_enterprises(),
            name: entry.name().to_owned(),
        });
    }
    draft.enterprises.push(enterprise);
    Ok(draft.enterprises.len() - 1)
}

/// Picks several entries (by code or name) or none: every one must be found and fit the quota.
pub fn pick_all(
    draft: &mut Draft,
    pool: &Pool,
    wanted: &[String],
) -> Result<Vec<usize>, PickError> {
    let mut trial = draft.clone();
    let mut places = Vec::new();
    for word in wanted {
        let index = find_entry(pool, word).ok_or_else(|| PickError::NotFound(word.clone()))?;
        places.push(pick(&mut trial, &pool.entries[index])?);
    }
    *draft = trial;
    Ok(places)
}

/// Puts a batch enterprise into the pool (one click for one added by hand): a new entry with its facts, or
/// `None` when it is in the pool already or has neither name nor code.
pub fn put_into_pool(
    pool: &mut Pool,
    enterprise: &Enterprise,
    year: i32,
    today: &str,
) -> Option<usize> {
    if enterprise.name.trim().is_empty() || pool.find_for(enterprise).is_some() {
        return None;
    }
    pool.entries.push(PoolEntry {
        facts: facts_of(enterprise),
        source: Source {
            kind: SourceKind::Batch,
            detail: format!("{year}年度批次"),
            date: today.to_owned(),
        },
        ..PoolEntry::default()
    });
    Some(pool.entries.len() - 1)
}

/// Records the export of a 定稿 on each linked entry: `YYYY年度推荐` with its 定稿码 (once per year; a new
/// 定稿 of the same year replaces the code, the outcome stays). Returns the names of the entries recorded.
pub fn record_export(pool: &mut Pool, draft: &Draft, today: &str) -> Vec<String> {
    let Some(finalized) = &draft.finalized else {
        return Vec::new();
    };
    let year = draft.batch.year;
    let mut names = Vec::new();
    for enterprise in &draft.enterprises {
        let Some(index) = pool.find_for(enterprise) else {
            continue;
        };
        let entry = &mut pool.entries[index];
        match entry.recommendation_mut(year) {
            Some(r) if r.final_code == finalized.code => continue,
            Some(r) => {
                r.final_code.clone_from(&finalized.code);
                r.date = today.to_owned();
            }
            None => entry.history.push(Recommendation {
                year,
                final_code: finalized.code.clone(),
                date: today.to_owned(),
                ..Recommendation::default()
            }),
        }
        names.push(entry.name().to_owned());
    }
    names
}

/// Starts a batch enterprise from an earlier year's report: each section it has no text in takes that year's
/// text; sections with text are left as they are. Returns how many were filled and how many kept.
pub fn start_from(enterprise: &mut Enterprise, earlier: &Enterprise) -> (usize, usize) {
    let (mut filled, mut kept) = (0, 0);
    for (key, text) in &earlier.sections {
        if text.trim().is_empty() {
            continue;
        }
        let slot = enterprise.sections.entry(key.clone()).or_default();
        if slot.trim().is_empty() {
            slot.clone_from(text);
            filled += 1;
        } else {
            kept += 1;
        }
    }
    (filled, kept)
}

/// One fact the batch has and its entry differs in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactBack {
    pub key: String,
    pub old: String,
    pub new: String,
}

/// Facts edited in the batch that differ from the linked entry, by entry: (entry's place, the changes). Key
/// figures go to the year before the batch's.
pub fn facts_back(pool: &Pool, draft: &Draft) -> Vec<(usize, Vec<FactBack>)> {
    draft
        .enterprises
        .iter()
        .filter_map(|e| {
            let index = pool.find_for(e)?;
            let entry = &pool.entries[index];
            let year = draft.batch.year - 1;
            let changes: Vec<FactBack> = facts_of(e)
                .into_iter()
                .filter_map(|(key, new)| {
                    let old = if FIGURE_KEYS.contains(&key.as_str()) {
                        entry.figures.get(&year).and_then(|m| m.get(&key)).cloned()
                    } else {
                        None
                    }
                    .unwrap_or_else(|| entry.fact(&key).to_owned());
                    (old != new).then_some(FactBack { key, old, new })
                })
                .collect();
            (!changes.is_empty()).then_some((index, changes))
        })
        .collect()
}

/// Takes the offered facts into the entry (key figures under the year before the batch's, and as facts).
pub fn take_back(entry: &mut PoolEntry, changes: &[FactBack], batch_year: i32) {
    for change in changes {
        if FIGURE_KEYS.contains(&change.key.as_str()) {
            entry
                .figures
                .entry(batch_year - 1)
                .or_default()
                .insert(change.key.clone(), change.new.clone());
        }
        entry.set_fact(&change.key, &change.new);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::finalize::Finalized;

    fn entry(name: &str, code: &str) -> PoolEntry {
        let mut e = PoolEntry::default();
        e.set_fact("name", name);
        e.set_fact("credit_code", code);
        e.set_fact("region", "杭州市");
        e.set_fact("industry_chain", "数字安防");
        e.figures
            .entry(2023)
            .or_default()
            .insert("revenue_100m".into(), "12.5".into());
        e
    }

    fn draft() -> Draft {
        Draft::new(chrono::NaiveDate::from_ymd_opt(2024, 5, 1).expect("date"))
    }

    #[test]
    fn picking_copies_facts_and_keeps_the_link() {
        let pool = Pool {
            entries: vec![entry("甲公司", "91330106143208502C"), entry("乙公司", "")],
        };
        let mut d = draft();
        let places = pick_all(
            &mut d,
            &pool,
            &["91330106143208502c".into(), "乙公司".into()],
        )
        .expect("picks");
        assert_eq!(
            places,
            [0, 1],
            "the new batch's empty enterprise is filled first"
        );
        assert_eq!(d.enterprises[0].region, "杭州市");
        assert_eq!(
            d.enterprises[0].revenue_100m, "12.5",
            "2023's figure for 2024"
        );
        assert_eq!(d.enterprises[0].fields["industry_chain"], "数字安防");
        assert_eq!(place_in_batch(&d, &pool.entries[1]), Some(1));
        let again = pick_all(&mut d, &pool, &["乙公司".into()]);
        assert!(matches!(again, Err(PickError::AlreadyIn { place: 2, .. })));
        let missing = pick_all(&mut d, &pool, &["丙公司".into()]);
        assert_eq!(missing, Err(PickError::NotFound("丙公司".into())));
        assert_eq!(d.enterprises.len(), 2, "nothing changed by a refused pick");
    }

    #[test]
    fn an_earlier_report_fills_only_empty_sections() {
        let mut now = Enterprise::default();
        now.sections.insert("basic".into(), "今年写的".into());
        let mut earlier = Enterprise::default();
        earlier.sections.insert("basic".into(), "去年的".into());
        earlier
            .sections
            .insert("quality".into(), "去年的质量".into());
        earlier.sections.insert("chain".into(), "  ".into());
        assert_eq!(start_from(&mut now, &earlier), (1, 1));
        assert_eq!(
            now.sections["basic"], "今年写的",
            "text typed this year is kept"
        );
        assert_eq!(now.sections["quality"], "去年的质量");
        assert!(
            !now.sections.contains_key("chain"),
            "nothing from an empty section"
        );
    }

    #[test]
    fn a_final_export_is_recorded_once_and_facts_are_offered_back() {
        let mut pool = Pool {
            entries: vec![entry("甲公司", "91330106143208502C")],
        };
        let mut d = draft();
        pick(&mut d, &pool.entries[0]).expect("picks");
        d.enterprises[0].revenue_100m = "13".into();
        let back = facts_back(&pool, &d);
        assert_eq!(
            back,
            [(
                0,
                vec![FactBack {
                    key: "revenue_100m".into(),
                    old: "12.5".into(),
                    new: "13".into()
                }]
            )]
        );
        d.finalized = Some(Finalized {
            code: "7K3M-Q9TX".into(),
            at: String::new(),
        });
        assert_eq!(record_export(&mut pool, &d, "2024-09-12"), ["甲公司"]);
        assert!(
            record_export(&mut pool, &d, "2024-09-13").is_empty(),
            "once"
        );
        assert_eq!(pool.entries[0].history[0].label(), "2024年度推荐");
        assert_eq!(pool.entries[0].history[0].final_code, "7K3M-Q9TX");
        take_back(&mut pool.entries[0], &back[0].1, 2024);
        assert!(facts_back(&pool, &d).is_empty());
    }
}
