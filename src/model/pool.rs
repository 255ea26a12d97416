//! 标杆企业库 (docs/pool.md): the province's benchmark enterprises, kept in the drafts database across batches.
//! An entry holds facts by field key, tags, key figures by year, a note, where it came from and each batch it
//! was recommended in. Identity is the normalised credit code; an entry without a valid one is kept and flagged.
//! There is no score, rank or weight anywhere (the notice 四、（三） forbids turning cultivation into 评比).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::credit_code::{self, CreditCodeFinding};
use super::draft::{Enterprise, Extra};

/// The pool: its entries in the order they were added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pool {
    pub entries: Vec<PoolEntry>,
}

/// One enterprise of the pool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PoolEntry {
    /// Facts by field key: the built-in keys (`name`, `credit_code`, `region` for 设区市, …) and custom ones.
    /// Empty values are not kept.
    pub facts: BTreeMap<String, String>,
    /// Free tags (产业链 names, 质量奖, …).
    pub tags: Vec<String>,
    /// Key figures by year: year → field key (`revenue_100m`, …) → the value as typed, in the field's unit.
    pub figures: BTreeMap<i32, BTreeMap<String, String>>,
    /// A note on its 典型经验.
    pub note: String,
    pub source: Source,
    /// Each batch it was recommended in, oldest first.
    pub history: Vec<Recommendation>,
    /// Properties of a drafts file this version does not know, written again.
    #[serde(skip)]
    pub extra: Extra,
}

/// Where an entry came from, and when (`YYYY-MM-DD`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Source {
    pub kind: SourceKind,
    /// The file's name, or the batch's year.
    pub detail: String,
    pub date: String,
}

/// The ways into the pool.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A spreadsheet the bureau keeps.
    File,
    /// A batch's enterprise put into the pool.
    Batch,
    /// Typed by the clerk.
    #[default]
    Typed,
}

/// One recommendation of the entry, and what became of it as the clerk records it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Recommendation {
    /// The batch's year (`2024年度推荐`).
    pub year: i32,
    /// The 定稿码 of the exported 定稿.
    pub final_code: String,
    /// When the 定稿 was exported, `YYYY-MM-DD`.
    pub date: String,
    pub outcome: Outcome,
    pub outcome_date: String,
    pub outcome_note: String,
}

/// What became of a recommendation: recorded by the clerk, never computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Nothing recorded yet.
    #[default]
    Pending,
    /// 入选培育库
    Selected,
    /// 未入选
    NotSelected,
    /// 经验交流
    Exchange,
    /// 其他
    Other,
}

impl Outcome {
    /// Every outcome, in the order the window offers them.
    pub const ALL: [Self; 5] = [
        Self::Pending,
        Self::Selected,
        Self::NotSelected,
        Self::Exchange,
        Self::Other,
    ];

    /// The clerk's word for it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "未记录",
            Self::Selected => "入选培育库",
            Self::NotSelected => "未入选",
            Self::Exchange => "经验交流",
            Self::Other => "其他",
        }
    }
}

impl Recommendation {
    /// `2024年度推荐`.
    pub fn label(&self) -> String {
        format!("{}年度推荐", self.year)
    }
}

/// How an entry is told apart from the others.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Identity {
    /// The normalised credit code, 18 characters of the GB 32100 alphabet.
    Code(String),
    /// No usable code: the name with spaces dropped (flagged in the window).
    Name(String),
}

/// Whether a normalised code can identify an entry: 18 characters of the alphabet (a check digit that does not
/// hold is only flagged, as on the form, since some issued codes fail it).
pub fn code_is_usable(code: &str) -> bool {
    credit_code::check(code).iter().all(|f| match f {
        CreditCodeFinding::CheckDigit { .. } | CreditCodeFinding::OrgCheckDigit { .. } => true,
        CreditCodeFinding::WrongLength { .. } | CreditCodeFinding::InvalidChar { .. } => false,
    }) && !code.is_empty()
}

/// A name as compared: spaces (also full-width) dropped.
pub fn name_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

impl PoolEntry {
    /// A fact, or "" when the entry has none.
    pub fn fact(&self, key: &str) -> &str {
        self.facts.get(key).map_or("", String::as_str)
    }

    /// Sets a fact; an empty value removes it.
    pub fn set_fact(&mut self, key: &str, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            self.facts.remove(key);
        } else {
            self.facts.insert(key.to_owned(), value.to_owned());
        }
    }

    pub fn name(&self) -> &str {
        self.fact("name")
    }

    /// The normalised credit code ("" when none was given).
    pub fn code(&self) -> String {
        credit_code::normalize(self.fact("credit_code"))
    }

    /// Flagged in the window: no code, or one that cannot be a credit code.
    pub fn is_flagged(&self) -> bool {
        !credit_code::check(&self.code()).is_empty()
    }

    pub fn identity(&self) -> Identity {
        identity_of(self.fact("credit_code"), self.name())
    }

    /// Recommended in an earlier batch (any history).
    pub fn was_recommended(&self) -> bool {
        !self.history.is_empty()
    }

    /// The recommendation of `year`, if any.
    pub fn recommendation_mut(&mut self, year: i32) -> Option<&mut Recommendation> {
        self.history.iter_mut().find(|r| r.year == year)
    }
}

/// The identity of an enterprise with this code and name.
pub fn identity_of(code: &str, name: &str) -> Identity {
    let code = credit_code::normalize(code);
    if code_is_usable(&code) {
        Identity::Code(code)
    } else {
        Identity::Name(name_key(name))
    }
}

impl Pool {
    /// The entry with this identity.
    pub fn find(&self, identity: &Identity) -> Option<usize> {
        self.entries.iter().position(|e| &e.identity() == identity)
    }

    /// The entry a batch enterprise is linked to: the same credit code (or, without one, the same name).
    pub fn find_for(&self, enterprise: &Enterprise) -> Option<usize> {
        let identity = identity_of(&enterprise.credit_code, &enterprise.name);
        match &identity {
            Identity::Name(name) if name.is_empty() => None,
            _ => self.find(&identity),
        }
    }
}

/// The built-in keys a pool entry's facts copy into a batch enterprise, with where each goes.
pub fn built_in_fact_mut<'a>(e: &'a mut Enterprise, key: &str) -> Option<&'a mut String> {
    super::field::built_in(key).map(|f| (f.value_mut)(e))
}

/// The fact key of a built-in enterprise field (none for sections, custom fields, attachments).
pub fn key_of(field: &super::validate::EnterpriseField) -> Option<&'static str> {
    use super::validate::EnterpriseField as F;
    match field {
        F::BuiltIn(id) => Some(id.def().key),
        F::Section(_) | F::Custom(_) | F::Attachment(_) => None,
    }
}

/// The label of a fact key in the pool: 设区市 for `region`, else the template's.
pub fn fact_label(key: &str, template: &super::Template) -> String {
    match key {
        "region" => "设区市".to_owned(),
        _ => template.field_label(key),
    }
}

/// The header of a key figure of a year: `2023年营业收入（亿元）` (the form's 上年度 dropped).
pub fn figure_label(year: i32, key: &str, template: &super::Template) -> String {
    let label = template.field_label(key);
    format!("{year}年{}", label.trim_start_matches("上年度"))
}

/// The built-in fact keys in the form's order, and the key figures (kept by year as well as among the facts).
pub use super::field::{BUILT_IN_KEYS, KEY_FIGURE_KEYS as FIGURE_KEYS};

/// The facts of a batch enterprise, as a pool entry keeps them (built-in and custom, empty ones left out).
pub fn facts_of(e: &Enterprise) -> BTreeMap<String, String> {
    let mut copy = e.clone();
    let mut facts = BTreeMap::new();
    for key in BUILT_IN_KEYS {
        if let Some(value) = built_in_fact_mut(&mut copy, key) {
            let value = value.trim();
            if !value.is_empty() {
                facts.insert(key.to_owned(), value.to_owned());
            }
        }
    }
    for (key, value) in &e.fields {
        if !value.trim().is_empty() {
            facts.insert(key.clone(), value.trim().to_owned());
        }
    }
    facts
}

/// Properties of an entry in a drafts file and in the database.
pub const ENTRY_FIELDS: [&str; 6] = ["facts", "tags", "figures", "note", "source", "history"];

/// An entry as JSON, its unknown properties written again.
pub fn entry_to_value(entry: &PoolEntry) -> Value {
    let mut value = serde_json::to_value(entry).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        for (key, extra) in &entry.extra {
            map.entry(key.clone()).or_insert_with(|| extra.clone());
        }
    }
    value
}

/// An entry from JSON, with the names of properties this version does not know (kept in `extra`).
pub fn entry_from_value(value: &Value) -> Result<(PoolEntry, Vec<String>), serde_json::Error> {
    let mut entry: PoolEntry = serde_json::from_value(value.clone())?;
    let mut unknown = Vec::new();
    if let Value::Object(map) = value {
        for (key, extra) in map {
            if !ENTRY_FIELDS.contains(&key.as_str()) {
                unknown.push(key.clone());
                entry.extra.insert(key.clone(), extra.clone());
            }
        }
    }
    Ok((entry, unknown))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, code: &str) -> PoolEntry {
        let mut e = PoolEntry::default();
        e.set_fact("name", name);
        e.set_fact("credit_code", code);
        e
    }

    #[test]
    fn identity_is_the_normalised_code_or_else_the_name() {
        let a = entry("甲 公司", "91330100 7ZZZZZZZZZ");
        assert_eq!(a.identity(), Identity::Name("甲公司".into()), "bad code");
        assert!(a.is_flagged());
        let b = entry("乙公司", "９１３３０１０６１４３２０８５０２Ｃ");
        assert_eq!(
            b.identity(),
            Identity::Code("91330106143208502C".into()),
            "full-width normalised"
        );
        let c = entry("丙公司", "");
        assert!(c.is_flagged(), "no code is flagged");
        assert_eq!(c.identity(), Identity::Name("丙公司".into()));
    }

    #[test]
    fn an_entry_round_trips_with_unknown_properties() {
        let mut e = entry("甲公司", "91330106143208502C");
        e.tags.push("绿色石化".into());
        e.figures
            .entry(2023)
            .or_default()
            .insert("revenue_100m".into(), "12.5".into());
        e.history.push(Recommendation {
            year: 2024,
            final_code: "7K3M-Q9TX".into(),
            outcome: Outcome::Selected,
            ..Recommendation::default()
        });
        let mut value = entry_to_value(&e);
        value["website"] = "https://example.cn".into();
        let (back, unknown) = entry_from_value(&value).expect("reads");
        assert_eq!(unknown, ["website"]);
        assert_eq!(entry_to_value(&back), value, "written again");
        assert_eq!(back.history[0].outcome, Outcome::Selected);
    }

    #[test]
    fn a_batch_enterprise_finds_its_entry() {
        let pool = Pool {
            entries: vec![entry("甲公司", "91330106143208502C"), entry("乙公司", "")],
        };
        let mut e = Enterprise {
            name: "别名".into(),
            credit_code: "91330106143208502c".into(),
            ..Enterprise::default()
        };
        assert_eq!(pool.find_for(&e), Some(0));
        e.credit_code.clear();
        e.name = "乙 公司".into();
        assert_eq!(pool.find_for(&e), Some(1));
        e.name.clear();
        assert_eq!(pool.find_for(&e), None, "an empty enterprise is no entry");
    }
}
