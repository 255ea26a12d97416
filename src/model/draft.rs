//! The drafts: batch, recommending unit and up to five enterprises, exactly what the clerk typed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::finalize::{Finalized, LogEntry};
use super::key_figure;
use super::provinces;
use super::section_table::{self, SectionTable};
use super::template::Template;

/// A 700 MB CD-R holds 737 280 000 bytes (360 000 sectors of 2 048 bytes): no attachment, and no package, may be
/// larger (`package::CD_BYTES` is this one).
pub const CD_BYTES: u64 = 737_280_000;

/// Unknown JSON fields found in a drafts file, kept so that a later backup writes them again.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// Everything the clerk prepares for one year's recommendation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub batch: Batch,
    pub unit: Unit,
    pub enterprises: Vec<Enterprise>,
    /// Acknowledged warnings about the batch or the unit: issue key → the clerk's reason.
    pub acknowledged: BTreeMap<String, String>,
    /// 定稿: set while the drafts are final (frozen, documents carry the 定稿码 and no 草稿 mark).
    pub finalized: Option<Finalized>,
    /// 定稿记录: every 定稿 and 取消定稿 with its time (and reason).
    pub final_log: Vec<LogEntry>,
    /// The batch's template (docs/formats.md, "Template file"): a plain value, so a new batch can copy it.
    pub template: Template,
    /// Enterprises removed from this batch, oldest first, for 撤销删除 (`model::removed`). Saved in the
    /// database; not part of a drafts file, an archived batch or the 定稿码.
    #[serde(skip)]
    pub removed: Vec<super::removed::RemovedEnterprise>,
    #[serde(skip)]
    pub extra: Extra,
}

/// 年度批次: the year, the deadline and where the paper and the disc go.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Batch {
    pub year: i32,
    /// ISO date `YYYY-MM-DD`, kept as typed so a half-typed date is never lost.
    pub deadline: String,
    pub recipient: String,
    pub recipient_address: String,
    pub recipient_postcode: String,
    pub recipient_phone: String,
    pub paper_copies: u32,
    pub discs: u32,
    #[serde(skip)]
    pub extra: Extra,
}

/// 填报单位: the provincial bureau that recommends.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Unit {
    pub province: String,
    pub name: String,
    pub contact: String,
    pub phone: String,
    pub email: String,
    /// 填报日期, ISO date `YYYY-MM-DD`.
    pub date: String,
    #[serde(skip)]
    pub extra: Extra,
}

/// One recommended enterprise with its report sections and attachments.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Enterprise {
    pub name: String,
    pub credit_code: String,
    pub region: String,
    pub industry: String,
    pub products: String,
    pub nature: String,
    pub contact: String,
    pub phone: String,
    /// 上年度营业收入（亿元）, as typed; JSON carries it as a number or null.
    #[serde(with = "key_figure")]
    pub revenue_100m: String,
    #[serde(with = "key_figure")]
    pub profit_100m: String,
    #[serde(with = "key_figure")]
    pub rnd_100m: String,
    #[serde(with = "key_figure")]
    pub employees: String,
    /// Report sections by template key (`basic`, `quality`, …). Keys the template does not know are kept.
    pub sections: BTreeMap<String, String>,
    /// Tables inside report sections by section key, in order (`model::section_table`, docs/formats.md); kept
    /// by key like the text. Left out of the JSON while no section has one, so such drafts keep their bytes.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub section_tables: BTreeMap<String, Vec<SectionTable>>,
    /// Custom field values by template key; like sections, keys the template dropped are kept.
    pub fields: BTreeMap<String, String>,
    pub attachments: Vec<Attachment>,
    /// Acknowledged warnings about this enterprise: issue key → the clerk's reason.
    pub acknowledged: BTreeMap<String, String>,
    #[serde(skip)]
    pub extra: Extra,
}

/// A scan that goes on the disc beside the reports (the sealed signature page, say). Only its metadata lives in
/// the draft: the bytes are in the drafts database under `sha256` (hashed once, when the file was added) and are
/// streamed from there when exported, previewed or backed up (`model::blob`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Attachment {
    pub name: String,
    pub size_bytes: u64,
    /// Lower-case hex SHA-256 of the contents: the key of the bytes in the store.
    pub sha256: String,
}

impl Attachment {
    /// Checks a file the clerk picked before anything is read: refuses one that is unreadable, or that would
    /// take the package past a CD (`already_bytes` are the attachments there already), naming the sizes.
    pub fn check_file(path: &std::path::Path, already_bytes: u64) -> Result<u64, String> {
        let size = std::fs::metadata(path)
            .map_err(|e| format!("无法读取附件（{e}）：{}", path.display()))?
            .len();
        if size > CD_BYTES || already_bytes + size > CD_BYTES {
            return Err(format!(
                "附件有 {:.1} MB，加上已有附件 {:.1} MB 共 {:.1} MB，超过一张光盘的容量 {:.0} MB：{}",
                mib(size),
                mib(already_bytes),
                mib(already_bytes + size),
                mib(CD_BYTES),
                path.display()
            ));
        }
        Ok(size)
    }

    /// The file name of a path the clerk picked, as the attachment's name.
    pub fn name_of(path: &std::path::Path) -> String {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

impl Draft {
    /// The bytes of every attachment of every enterprise: what the package adds beyond the documents.
    pub fn attachment_bytes(&self) -> u64 {
        self.enterprises
            .iter()
            .flat_map(|e| &e.attachments)
            .map(|a| a.size_bytes)
            .sum()
    }
}

#[expect(clippy::cast_precision_loss, reason = "sizes shown to the clerk in MB")]
fn mib(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest as _;
    lower_hex(&sha2::Sha256::digest(data))
}

/// Bytes as lower-case hex, as manifests print digests.
pub fn lower_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 企业性质 choices offered in the form; other text is allowed.
pub const NATURES: [&str; 5] = ["国有", "民营", "外资", "混合所有制", "其他"];

/// 所属行业/重点领域 suggestions offered in the form; free text is allowed.
pub const INDUSTRY_SUGGESTIONS: [&str; 12] = [
    "信息通信",
    "工程机械",
    "新能源汽车",
    "高端装备",
    "新材料",
    "生物医药",
    "集成电路",
    "航空航天",
    "轨道交通",
    "电力装备",
    "消费品",
    "食品",
];

impl Default for Batch {
    fn default() -> Self {
        Self::for_year(2024)
    }
}

impl Batch {
    /// The batch of a year with the notice's defaults: deadline 9月20日, 质量发展局 as recipient, 3 copies, 1 disc.
    pub fn for_year(year: i32) -> Self {
        Self {
            year,
            deadline: format!("{year:04}-09-20"),
            recipient: "市场监管总局质量发展局".to_owned(),
            recipient_address: "北京市海淀区马甸东路9号".to_owned(),
            recipient_postcode: "100088".to_owned(),
            recipient_phone: "010-82261744".to_owned(),
            paper_copies: 3,
            discs: 1,
            extra: Extra::new(),
        }
    }

    /// The deadline as a date, when it is a valid `YYYY-MM-DD`.
    pub fn deadline_date(&self) -> Option<NaiveDate> {
        parse_date(&self.deadline)
    }
}

impl Draft {
    /// A fresh draft for the next batch as of `today` (after 9月20日 that is next year's), with one empty
    /// enterprise to start from.
    pub fn new(today: NaiveDate) -> Self {
        let template = Template::built_in().clone();
        let year = super::batch_year::batch_year_for(today, &template);
        let mut batch = Batch::for_year(year);
        if let Some(deadline) = super::batch_year::default_deadline(year, &template) {
            batch.deadline = deadline;
        }
        batch.paper_copies = template.rules.paper_copies;
        let unit = Unit {
            date: super::batch_year::default_fill_date(year, today, &template),
            ..Unit::default()
        };
        Self {
            batch,
            template,
            unit,
            enterprises: vec![Enterprise::default()],
            ..Self::default()
        }
    }

    /// Whether the drafts are final (定稿), hence frozen.
    pub fn is_final(&self) -> bool {
        self.finalized.is_some()
    }

    /// Whether another enterprise may be added.
    pub fn can_add_enterprise(&self) -> bool {
        self.enterprises.len() < self.max_enterprises()
    }

    /// The template's quota: the most enterprises a province may recommend.
    pub fn max_enterprises(&self) -> usize {
        self.template.rules.max_enterprises
    }

    /// Adds an empty enterprise at the end; `None` when the quota is reached.
    pub fn add_enterprise(&mut self) -> Option<usize> {
        if !self.can_add_enterprise() {
            return None;
        }
        self.enterprises.push(Enterprise::default());
        Some(self.enterprises.len() - 1)
    }

    /// Removes the enterprise at `index`, if there is one.
    pub fn remove_enterprise(&mut self, index: usize) -> Option<Enterprise> {
        (index < self.enterprises.len()).then(|| self.enterprises.remove(index))
    }

    /// Moves an enterprise to another place in the recommendation order; false when either index is out of range.
    pub fn move_enterprise(&mut self, from: usize, to: usize) -> bool {
        let len = self.enterprises.len();
        if from >= len || to >= len {
            return false;
        }
        self.follow_move(from, to);
        let enterprise = self.enterprises.remove(from);
        self.enterprises.insert(to, enterprise);
        true
    }

    /// Sets the province and, when the unit name is empty or still another province's default, the default name.
    pub fn set_province(&mut self, province: &str) {
        let old_default = provinces::default_unit_name(&self.unit.province);
        if self.unit.name.trim().is_empty() || self.unit.name == old_default {
            self.unit.name = provinces::default_unit_name(province);
        }
        province.clone_into(&mut self.unit.province);
    }
}

impl Enterprise {
    /// The text of a section, empty when it has none yet.
    pub fn section(&self, key: &str) -> &str {
        self.sections.get(key).map_or("", String::as_str)
    }

    /// The tables of a section, in order; none when it has none.
    pub fn tables(&self, key: &str) -> &[SectionTable] {
        self.section_tables.get(key).map_or(&[], Vec::as_slice)
    }

    /// The 字 of a section as its limits count them: its text and the text of its tables' cells.
    pub fn section_chars(&self, key: &str) -> usize {
        section_table::section_chars(self.section(key), self.tables(key))
    }

    /// The name to show in lists: the enterprise's name, or 未命名企业 while it has none.
    pub fn display_name(&self) -> &str {
        let name = self.name.trim();
        if name.is_empty() {
            "未命名企业"
        } else {
            name
        }
    }
}

/// Parses a date as a clerk types it: `2024-09-10`, `2024-9-10`, `2024/9/10`, `2024.9.10` or `2024年9月10日`
/// (full-width digits and surrounding spaces allowed). `None` for anything else and for a day that does not exist.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let (year, month, day) = date_parts(text)?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The date in the one form the documents and the database use, `2024-09-10`; `None` when it is not a date.
pub fn normalize_date(text: &str) -> Option<String> {
    parse_date(text).map(|d| d.format("%Y-%m-%d").to_string())
}

/// Written like a date (year, month, day) but no such day exists: `2026-02-30`, `2024-13-01`.
pub fn is_impossible_date(text: &str) -> bool {
    date_parts(text).is_some() && parse_date(text).is_none()
}

/// Year, month and day of a date in one of the accepted forms, without checking that the day exists.
fn date_parts(text: &str) -> Option<(i32, u32, u32)> {
    let text = super::normalize::half_width(text.trim());
    let text = text.strip_suffix('日').unwrap_or(&text);
    let parts: Vec<&str> = if text.contains('年') {
        text.split(['年', '月']).collect()
    } else {
        let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
        text.split(separator).collect()
    };
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let number = |part: &str, max_len: usize| {
        (!part.is_empty() && part.len() <= max_len && part.chars().all(|c| c.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    if year.len() != 4 {
        return None;
    }
    let year = i32::try_from(number(year, 4)?).ok()?;
    Some((year, number(month, 2)?, number(day, 2)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn new_draft_uses_the_notice_defaults() {
        let draft = Draft::new(day(2025, 7, 1));
        assert_eq!(draft.batch.year, 2025);
        assert_eq!(
            draft.batch.deadline, "2025-09-20",
            "deadline defaults to 9月20日"
        );
        assert_eq!(draft.batch.paper_copies, 3);
        assert_eq!(draft.batch.discs, 1);
        assert_eq!(draft.unit.date, "2025-07-01");
        assert_eq!(
            draft.enterprises.len(),
            1,
            "one empty enterprise to start from"
        );
    }

    #[test]
    fn after_the_deadline_a_new_draft_is_for_next_year() {
        assert_eq!(
            Draft::new(day(2026, 9, 20)).batch.year,
            2026,
            "the deadline day itself still counts"
        );
        let draft = Draft::new(day(2026, 11, 27));
        assert_eq!(draft.batch.year, 2027);
        assert_eq!(draft.batch.deadline, "2027-09-20");
        assert_eq!(draft.unit.date, "2026-11-27", "the filling date is today");
    }

    #[test]
    fn sixth_enterprise_cannot_be_added() {
        let mut draft = Draft::new(day(2024, 8, 1));
        while draft.add_enterprise().is_some() {}
        assert_eq!(draft.enterprises.len(), 5, "the built-in quota");
        assert!(!draft.can_add_enterprise());
        assert_eq!(draft.add_enterprise(), None, "the sixth is refused");
    }

    #[test]
    fn the_quota_follows_the_template() {
        let mut draft = Draft::new(day(2024, 8, 1));
        draft.template.rules.max_enterprises = 3;
        while draft.add_enterprise().is_some() {}
        assert_eq!(
            draft.enterprises.len(),
            3,
            "a fourth is refused with quota 3"
        );
    }

    #[test]
    fn move_and_remove_keep_the_others() {
        let mut draft = Draft::new(day(2024, 8, 1));
        draft.enterprises[0].name = "甲".into();
        draft.add_enterprise();
        draft.enterprises[1].name = "乙".into();
        draft.add_enterprise();
        draft.enterprises[2].name = "丙".into();
        assert!(draft.move_enterprise(2, 0));
        let names: Vec<_> = draft.enterprises.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["丙", "甲", "乙"]);
        assert!(!draft.move_enterprise(0, 3), "out of range is refused");
        assert_eq!(
            draft.remove_enterprise(1).map(|e| e.name),
            Some("甲".into())
        );
        assert_eq!(draft.remove_enterprise(7), None);
        assert_eq!(draft.enterprises.len(), 2);
    }

    #[test]
    fn province_sets_default_unit_name_but_keeps_a_typed_one() {
        let mut draft = Draft::new(day(2024, 8, 1));
        draft.set_province("浙江省");
        assert_eq!(draft.unit.name, "浙江省市场监督管理局");
        draft.set_province("江苏省");
        assert_eq!(
            draft.unit.name, "江苏省市场监督管理局",
            "a default follows the province"
        );
        draft.unit.name = "江苏省市场监管局质量发展处".into();
        draft.set_province("安徽省");
        assert_eq!(
            draft.unit.name, "江苏省市场监管局质量发展处",
            "a typed name is kept"
        );
    }
}
