//! The built-in enterprise fields (docs/rules.md), each defined once: its key (in the drafts file, the template,
//! the database column), its Chinese label, its kind, where its value is, and what the form, the checks, import
//! and the next batch do with it. Everything that lists the built-in fields walks `BUILT_IN_FIELDS`; a new one is
//! one entry here, a member of `Enterprise` and a schema migration (docs/architecture.md, "A built-in enterprise
//! field").

use super::draft::{Enterprise, INDUSTRY_SUGGESTIONS, NATURES};
use super::issue::EnterpriseField;

/// What a built-in field holds: how it is checked, edited, printed and imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltInKind {
    /// One line of text.
    Text,
    /// 统一社会信用代码: folded as it is typed, checked by GB 32100, printed folded.
    CreditCode,
    /// A phone number (a warning when it does not look like one).
    Phone,
    /// Free text with suggestions offered beside the box.
    Suggested(&'static [&'static str]),
    /// One of a list, picked from a drop-down.
    Choice(&'static [&'static str]),
    /// A key figure in 亿元 (negative allowed: a loss).
    Money,
    /// A key figure in 人: a whole number, not negative.
    Headcount,
}

impl BuiltInKind {
    /// The 上年度 key figures: a number or nothing, shown in their own group of the form, checked after the
    /// template's own fields, written as numbers in the drafts file and filled in anew each year.
    pub const fn is_key_figure(self) -> bool {
        match self {
            Self::Money | Self::Headcount => true,
            Self::Text | Self::CreditCode | Self::Phone | Self::Suggested(_) | Self::Choice(_) => {
                false
            }
        }
    }

    /// The unit a key figure is kept in, for import's notes: 亿元, 人, or nothing.
    pub fn unit(self) -> &'static str {
        match self {
            Self::Money => "亿元",
            Self::Headcount => "人",
            Self::Text | Self::CreditCode | Self::Phone | Self::Suggested(_) | Self::Choice(_) => {
                ""
            }
        }
    }
}

/// When the 报送前检查 demands a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Always (企业名称, 统一社会信用代码).
    Always,
    /// When the template prints the field somewhere (report or 汇总表).
    WhenPrinted,
    /// Never: an empty value is fine.
    Optional,
}

/// How a field enters the 定稿码's canonical form (docs/finalize.md). The fields of `lingjun-final-1` are there
/// always, empty or not; a field added later is there only when it holds something, so the 定稿码 of drafts
/// made final before it existed stays the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InFinalCode {
    Always,
    WhenFilled,
}

/// One built-in enterprise field.
pub struct BuiltInField {
    pub id: BuiltIn,
    /// The key in the drafts file, in templates (report fields, 汇总表 columns) and the database column.
    pub key: &'static str,
    /// The label in the form, the messages and the documents.
    pub label: &'static str,
    pub kind: BuiltInKind,
    pub need: Need,
    /// The grey hint in the empty box of the form.
    pub hint: &'static str,
    /// Labels other people's files use for it (half-width, no spaces), besides the label itself; import reads
    /// them (docs/import.md).
    pub aliases: &'static [&'static str],
    /// Whether 新建下一年度批次 copies it into the next batch.
    pub next_batch: bool,
    pub in_final_code: InFinalCode,
    pub value: fn(&Enterprise) -> &String,
    pub value_mut: fn(&mut Enterprise) -> &mut String,
}

/// The vocabulary: `BuiltIn` (one variant per field, in the order of the form) and `BUILT_IN_FIELDS` (one entry
/// per variant, in the same order) from one list, so neither can miss a field.
macro_rules! vocabulary {
    ($($(#[$doc:meta])* $id:ident { $($member:ident: $value:expr),+ $(,)? }),+ $(,)?) => {
        /// A built-in enterprise field. The variant's name is part of the key under which an acknowledged
        /// warning about it is stored (`Issue::ack_key`): never rename one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum BuiltIn {
            $($(#[$doc])* $id),+
        }

        /// Every built-in field, in the order of the form.
        pub static BUILT_IN_FIELDS: [BuiltInField; [$(BuiltIn::$id),+].len()] = [
            $(BuiltInField { id: BuiltIn::$id, $($member: $value),+ }),+
        ];
    };
}

vocabulary! {
    /// 企业名称.
    Name {
        key: "name",
        label: "企业名称",
        kind: BuiltInKind::Text,
        need: Need::Always,
        hint: "与营业执照一致",
        aliases: &["企业名称", "单位名称", "企业全称", "公司名称", "申报单位", "申报企业"],
        next_batch: true,
        in_final_code: InFinalCode::Always,
        value: |e| &e.name,
        value_mut: |e| &mut e.name,
    },
    /// 统一社会信用代码.
    CreditCode {
        key: "credit_code",
        label: "统一社会信用代码",
        kind: BuiltInKind::CreditCode,
        need: Need::Always,
        hint: "18 位，如 91330100799655058B",
        aliases: &["统一社会信用代码", "社会信用代码", "信用代码", "统一信用代码"],
        next_batch: true,
        in_final_code: InFinalCode::Always,
        value: |e| &e.credit_code,
        value_mut: |e| &mut e.credit_code,
    },
    /// 所在地区.
    Region {
        key: "region",
        label: "所在地区",
        kind: BuiltInKind::Text,
        need: Need::WhenPrinted,
        hint: "如：杭州市",
        aliases: &["所在地区", "所在地", "地区", "所在城市", "所属地区", "所在市"],
        next_batch: true,
        in_final_code: InFinalCode::Always,
        value: |e| &e.region,
        value_mut: |e| &mut e.region,
    },
    /// 所属行业（领域）.
    Industry {
        key: "industry",
        label: "所属行业（领域）",
        kind: BuiltInKind::Suggested(&INDUSTRY_SUGGESTIONS),
        need: Need::WhenPrinted,
        hint: "可从右侧选择或自行填写",
        aliases: &["所属行业", "行业", "重点领域", "所属领域", "所属行业/重点领域", "行业领域"],
        next_batch: true,
        in_final_code: InFinalCode::Always,
        value: |e| &e.industry,
        value_mut: |e| &mut e.industry,
    },
    /// 主营业务（主导产品）.
    Products {
        key: "products",
        label: "主营业务（主导产品）",
        kind: BuiltInKind::Text,
        need: Need::WhenPrinted,
        hint: "",
        aliases: &["主营业务", "主导产品", "主营产品", "主要产品", "主营业务/主导产品"],
        next_batch: true,
        in_final_code: InFinalCode::Always,
        value: |e| &e.products,
        value_mut: |e| &mut e.products,
    },
    /// 企业性质.
    Nature {
        key: "nature",
        label: "企业性质",
        kind: BuiltInKind::Choice(&NATURES),
        need: Need::WhenPrinted,
        hint: "",
        aliases: &["企业性质", "性质", "所有制性质", "企业类型"],
        next_batch: true,
        in_final_code: InFinalCode::Always,
        value: |e| &e.nature,
        value_mut: |e| &mut e.nature,
    },
    /// 企业联系人.
    Contact {
        key: "contact",
        label: "企业联系人",
        kind: BuiltInKind::Text,
        need: Need::WhenPrinted,
        hint: "",
        aliases: &["企业联系人", "联系人"],
        next_batch: true,
        in_final_code: InFinalCode::Always,
        value: |e| &e.contact,
        value_mut: |e| &mut e.contact,
    },
    /// 企业联系电话.
    Phone {
        key: "phone",
        label: "企业联系电话",
        kind: BuiltInKind::Phone,
        need: Need::WhenPrinted,
        hint: "手机或座机",
        aliases: &["企业联系电话", "联系电话", "电话", "手机", "联系方式"],
        next_batch: true,
        in_final_code: InFinalCode::Always,
        value: |e| &e.phone,
        value_mut: |e| &mut e.phone,
    },
    /// 上年度营业收入（亿元）.
    Revenue {
        key: "revenue_100m",
        label: "上年度营业收入（亿元）",
        kind: BuiltInKind::Money,
        need: Need::Optional,
        hint: "数字，如 125.6",
        aliases: &["上年度营业收入", "营业收入", "主营业务收入", "年营业收入"],
        next_batch: false,
        in_final_code: InFinalCode::Always,
        value: |e| &e.revenue_100m,
        value_mut: |e| &mut e.revenue_100m,
    },
    /// 上年度利润（亿元）.
    Profit {
        key: "profit_100m",
        label: "上年度利润（亿元）",
        kind: BuiltInKind::Money,
        need: Need::Optional,
        hint: "数字，亏损填负数",
        aliases: &["上年度利润", "利润", "利润总额", "净利润"],
        next_batch: false,
        in_final_code: InFinalCode::Always,
        value: |e| &e.profit_100m,
        value_mut: |e| &mut e.profit_100m,
    },
    /// 上年度研发投入（亿元）.
    Rnd {
        key: "rnd_100m",
        label: "上年度研发投入（亿元）",
        kind: BuiltInKind::Money,
        need: Need::Optional,
        hint: "数字",
        aliases: &["上年度研发投入", "研发投入", "研发经费", "研发费用"],
        next_batch: false,
        in_final_code: InFinalCode::Always,
        value: |e| &e.rnd_100m,
        value_mut: |e| &mut e.rnd_100m,
    },
    /// 员工人数.
    Employees {
        key: "employees",
        label: "员工人数",
        kind: BuiltInKind::Headcount,
        need: Need::Optional,
        hint: "整数",
        aliases: &["员工人数", "职工人数", "从业人员", "员工总数", "从业人数"],
        next_batch: false,
        in_final_code: InFinalCode::Always,
        value: |e| &e.employees,
        value_mut: |e| &mut e.employees,
    },
}

/// The keys of the built-in fields, in the order of the form.
pub const BUILT_IN_KEYS: [&str; BUILT_IN_FIELDS.len()] = {
    let mut keys = [""; BUILT_IN_FIELDS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = BUILT_IN_FIELDS[i].key;
        i += 1;
    }
    keys
};

/// How many of the built-in fields are key figures.
const KEY_FIGURE_COUNT: usize = {
    let mut count = 0;
    let mut i = 0;
    while i < BUILT_IN_FIELDS.len() {
        if BUILT_IN_FIELDS[i].kind.is_key_figure() {
            count += 1;
        }
        i += 1;
    }
    count
};

/// The keys of the key figures (`BuiltInKind::is_key_figure`), in the order of the form.
pub const KEY_FIGURE_KEYS: [&str; KEY_FIGURE_COUNT] = {
    let mut keys = [""; KEY_FIGURE_COUNT];
    let (mut i, mut n) = (0, 0);
    while i < BUILT_IN_FIELDS.len() {
        if BUILT_IN_FIELDS[i].kind.is_key_figure() {
            keys[n] = BUILT_IN_FIELDS[i].key;
            n += 1;
        }
        i += 1;
    }
    keys
};

impl BuiltIn {
    /// Every built-in field, in the order of the form.
    pub fn all() -> impl Iterator<Item = Self> {
        BUILT_IN_FIELDS.iter().map(|f| f.id)
    }

    /// This field's entry in the vocabulary.
    pub fn def(self) -> &'static BuiltInField {
        &BUILT_IN_FIELDS[self as usize]
    }

    /// The built-in field with this key (as in the drafts file and templates).
    pub fn by_key(key: &str) -> Option<Self> {
        built_in(key).map(|f| f.id)
    }
}

/// The entry of the built-in field with this key.
pub fn built_in(key: &str) -> Option<&'static BuiltInField> {
    BUILT_IN_FIELDS.iter().find(|f| f.key == key)
}

impl BuiltInField {
    /// Whether the check demands a value, given whether the template prints the field.
    pub fn required(&self, printed: bool) -> bool {
        match self.need {
            Need::Always => true,
            Need::WhenPrinted => printed,
            Need::Optional => false,
        }
    }
}

impl Enterprise {
    /// The text of a built-in field, as typed.
    pub fn built_in(&self, field: BuiltIn) -> &str {
        (field.def().value)(self)
    }

    /// The text of a built-in field, to edit.
    pub fn built_in_mut(&mut self, field: BuiltIn) -> &mut String {
        (field.def().value_mut)(self)
    }

    /// The text of a field that holds one line (built-in or the template's own), as typed; `None` for a
    /// section or an attachment. A custom field without a value reads as empty.
    pub fn field_value(&self, field: &EnterpriseField) -> Option<&str> {
        match field {
            EnterpriseField::BuiltIn(id) => Some(self.built_in(*id)),
            EnterpriseField::Custom(key) => Some(self.fields.get(key).map_or("", String::as_str)),
            EnterpriseField::Section(_) | EnterpriseField::Attachment(_) => None,
        }
    }

    /// The text of a one-line field to edit (a custom field is created empty); `None` for a section or an
    /// attachment.
    pub fn field_value_mut(&mut self, field: &EnterpriseField) -> Option<&mut String> {
        match field {
            EnterpriseField::BuiltIn(id) => Some(self.built_in_mut(*id)),
            EnterpriseField::Custom(key) => Some(self.fields.entry(key.clone()).or_default()),
            EnterpriseField::Section(_) | EnterpriseField::Attachment(_) => None,
        }
    }
}

/// An enterprise with the facts of a complete draft (a 杭州 maker of 数控机床) and no sections: where the tests of
/// the checks and of the 定稿码 start from.
#[cfg(test)]
pub(crate) fn enterprise_with_facts(name: &str, credit_code: &str) -> Enterprise {
    Enterprise {
        name: name.into(),
        credit_code: credit_code.into(),
        region: "杭州市".into(),
        industry: "高端装备".into(),
        products: "数控机床".into(),
        nature: "民营".into(),
        contact: "李华".into(),
        phone: "13812345678".into(),
        ..Enterprise::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_entry_sits_at_its_own_place() {
        for (i, f) in BUILT_IN_FIELDS.iter().enumerate() {
            assert_eq!(f.id as usize, i, "{}", f.key);
            assert_eq!(BuiltIn::by_key(f.key), Some(f.id));
        }
        assert_eq!(BuiltIn::all().count(), BUILT_IN_FIELDS.len());
        assert_eq!(BuiltIn::by_key("sections"), None);
        assert_eq!(BuiltIn::by_key(""), None);
    }

    #[test]
    fn the_key_lists_follow_the_entries() {
        assert_eq!(BUILT_IN_KEYS.len(), BUILT_IN_FIELDS.len());
        assert!(
            BUILT_IN_FIELDS
                .iter()
                .zip(BUILT_IN_KEYS)
                .all(|(f, k)| f.key == k)
        );
        assert_eq!(
            KEY_FIGURE_KEYS,
            ["revenue_100m", "profit_100m", "rnd_100m", "employees"]
        );
    }

    #[test]
    fn keys_labels_and_aliases_are_distinct() {
        let mut keys: Vec<_> = BUILT_IN_FIELDS.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), BUILT_IN_FIELDS.len());
        let mut labels: Vec<_> = BUILT_IN_FIELDS
            .iter()
            .flat_map(|f| f.aliases.iter().copied())
            .collect();
        let count = labels.len();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), count, "an alias names one field only");
        for f in &BUILT_IN_FIELDS {
            assert!(
                f.key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{}: a key is also a column name",
                f.key
            );
        }
    }

    #[test]
    fn the_drafts_file_writes_each_field_under_its_key() {
        let mut e = Enterprise::default();
        for f in &BUILT_IN_FIELDS {
            *e.built_in_mut(f.id) = if f.kind.is_key_figure() {
                "12".to_owned()
            } else {
                format!("值{}", f.key)
            };
        }
        let value = serde_json::to_value(&e).unwrap_or_default();
        for f in &BUILT_IN_FIELDS {
            let expected = if f.kind.is_key_figure() {
                serde_json::json!(12)
            } else {
                serde_json::json!(format!("值{}", f.key))
            };
            assert_eq!(
                value[f.key], expected,
                "{}: a key figure is a number",
                f.key
            );
        }
    }

    #[test]
    fn getters_and_setters_reach_the_same_member() {
        let mut e = Enterprise::default();
        for f in &BUILT_IN_FIELDS {
            *e.built_in_mut(f.id) = format!("值{}", f.key);
        }
        for f in &BUILT_IN_FIELDS {
            assert_eq!(e.built_in(f.id), format!("值{}", f.key));
            assert_eq!(
                e.field_value(&EnterpriseField::BuiltIn(f.id)),
                Some(format!("值{}", f.key).as_str())
            );
        }
        assert_eq!(e.revenue_100m, "值revenue_100m");
        assert_eq!(e.credit_code, "值credit_code");
        let custom = EnterpriseField::Custom("k".into());
        assert_eq!(e.field_value(&custom), Some(""));
        if let Some(v) = e.field_value_mut(&custom) {
            v.push('x');
        }
        assert_eq!(e.fields.get("k").map(String::as_str), Some("x"));
        assert_eq!(e.field_value(&EnterpriseField::Attachment(0)), None);
        assert_eq!(
            e.field_value_mut(&EnterpriseField::Section("a".into())),
            None
        );
    }
}
