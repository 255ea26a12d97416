//! The 标杆企业库 as a table (docs/pool.md, "The page"): search, filters and sorting by a column, shared by the
//! window, `lingjun pool list` and `pool export`. Sorting orders by a column's text; there is no score.

use std::cmp::Ordering;

use super::pool::{Outcome, PoolEntry};

/// The table's columns, in the order shown and exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PoolColumn {
    Name,
    Code,
    Region,
    Industry,
    Tags,
    History,
    Source,
}

impl PoolColumn {
    pub const ALL: [Self; 7] = [
        Self::Name,
        Self::Code,
        Self::Region,
        Self::Industry,
        Self::Tags,
        Self::History,
        Self::Source,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "企业名称",
            Self::Code => "统一社会信用代码",
            Self::Region => "设区市",
            Self::Industry => "所属行业（领域）",
            Self::Tags => "标签",
            Self::History => "推荐记录",
            Self::Source => "来源",
        }
    }

    /// The cell's text for an entry.
    pub fn text(self, entry: &PoolEntry) -> String {
        match self {
            Self::Name => entry.name().to_owned(),
            Self::Code => entry.fact("credit_code").to_owned(),
            Self::Region => entry.fact("region").to_owned(),
            Self::Industry => entry.fact("industry").to_owned(),
            Self::Tags => entry.tags.join("、"),
            Self::History => history_text(entry),
            Self::Source => source_text(entry),
        }
    }
}

/// `2023年度推荐（未入选）、2024年度推荐`: each recommendation with the outcome the clerk recorded.
pub fn history_text(entry: &PoolEntry) -> String {
    entry
        .history
        .iter()
        .map(|r| match r.outcome {
            Outcome::Pending => r.label(),
            other => format!("{}（{}）", r.label(), other.label()),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// `文件 名单.xlsx 2024-09-01`.
pub fn source_text(entry: &PoolEntry) -> String {
    use super::pool::SourceKind;
    let kind = match entry.source.kind {
        SourceKind::File => "文件",
        SourceKind::Batch => "批次",
        SourceKind::Typed => "手工录入",
    };
    [kind, &entry.source.detail, &entry.source.date]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the entry was recommended before.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Recommended {
    #[default]
    Any,
    Before,
    Never,
}

/// The search text and filters; empty means all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PoolFilter {
    /// Words found in the name, the code, the 设区市, a tag or the note (all of them, in any order).
    pub search: String,
    pub region: String,
    pub industry: String,
    pub tag: String,
    pub recommended: Recommended,
    /// An outcome recorded on any of its recommendations.
    pub outcome: Option<Outcome>,
}

impl PoolFilter {
    /// Whether an entry passes.
    pub fn matches(&self, entry: &PoolEntry) -> bool {
        let words = self.search.split_whitespace().map(str::to_lowercase);
        let found = |word: &str| {
            let has = |text: &str| text.to_lowercase().contains(word);
            has(entry.name())
                || has(&entry.code())
                || has(entry.fact("credit_code"))
                || has(entry.fact("region"))
                || entry.tags.iter().any(|t| has(t))
                || has(&entry.note)
        };
        let same = |want: &str, have: &str| want.is_empty() || want == have;
        words.into_iter().all(|w| found(&w))
            && same(&self.region, entry.fact("region"))
            && same(&self.industry, entry.fact("industry"))
            && (self.tag.is_empty() || entry.tags.contains(&self.tag))
            && match self.recommended {
                Recommended::Any => true,
                Recommended::Before => entry.was_recommended(),
                Recommended::Never => !entry.was_recommended(),
            }
            && self
                .outcome
                .is_none_or(|o| entry.history.iter().any(|r| r.outcome == o))
    }
}

/// The places of the entries that pass `filter`, ordered by `sort` (a column, ascending or not); ties keep the
/// pool's order.
pub fn view(
    entries: &[PoolEntry],
    filter: &PoolFilter,
    sort: Option<(PoolColumn, bool)>,
) -> Vec<usize> {
    let mut places: Vec<usize> = (0..entries.len())
        .filter(|&i| filter.matches(&entries[i]))
        .collect();
    if let Some((column, ascending)) = sort {
        let keys: Vec<String> = entries.iter().map(|e| column.text(e)).collect();
        places.sort_by(|&a, &b| {
            let order = keys[a].cmp(&keys[b]);
            let order = if ascending { order } else { order.reverse() };
            if order == Ordering::Equal {
                a.cmp(&b)
            } else {
                order
            }
        });
    }
    places
}

/// The distinct values of a fact among the entries, sorted, for a filter's choices.
pub fn distinct(entries: &[PoolEntry], value: impl Fn(&PoolEntry) -> Vec<String>) -> Vec<String> {
    let mut all: Vec<String> = entries
        .iter()
        .flat_map(value)
        .filter(|v| !v.is_empty())
        .collect();
    all.sort();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pool::Recommendation;

    fn entry(name: &str, region: &str, tags: &[&str]) -> PoolEntry {
        let mut e = PoolEntry::default();
        e.set_fact("name", name);
        e.set_fact("region", region);
        e.tags = tags.iter().map(|t| (*t).to_owned()).collect();
        e
    }

    #[test]
    fn search_filters_and_sorting() {
        let mut entries = vec![
            entry("宁波乙公司", "宁波市", &["绿色石化"]),
            entry("杭州甲公司", "杭州市", &["数字安防"]),
            entry("杭州丙公司", "杭州市", &[]),
        ];
        entries[2].history.push(Recommendation {
            year: 2024,
            outcome: Outcome::NotSelected,
            ..Recommendation::default()
        });
        let all = PoolFilter::default();
        assert_eq!(view(&entries, &all, None), [0, 1, 2]);
        let hangzhou = PoolFilter {
            region: "杭州市".into(),
            ..all.clone()
        };
        assert_eq!(
            view(&entries, &hangzhou, Some((PoolColumn::Name, false))),
            [1, 2]
        );
        let search = PoolFilter {
            search: "杭州 安防".into(),
            ..all.clone()
        };
        assert_eq!(
            view(&entries, &search, None),
            [1],
            "all words, in name and tags"
        );
        let before = PoolFilter {
            recommended: Recommended::Before,
            outcome: Some(Outcome::NotSelected),
            ..all.clone()
        };
        assert_eq!(view(&entries, &before, None), [2]);
        assert_eq!(history_text(&entries[2]), "2024年度推荐（未入选）");
        assert_eq!(
            distinct(&entries, |e| vec![e.fact("region").to_owned()]),
            ["宁波市", "杭州市"]
        );
    }
}
