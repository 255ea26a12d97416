//! Every Chinese sentence about the data that the clerk reads, shared by the window and the command line.

use super::credit_code::CreditCodeFinding;
use super::draft::Draft;
use super::template::Template;
use super::validate::{
    BatchField, EnterpriseField, FieldPath, Issue, IssueKind, Severity, UnitField,
};

/// The division code of registrations made at national level (central institutions, 总局-registered firms).
pub const NATIONAL_DIVISION: &str = "100000";

/// The label of a batch field as the form shows it.
pub fn batch_field_label(field: BatchField) -> &'static str {
    match field {
        BatchField::Year => "年度",
        BatchField::Deadline => "报送截止日期",
        BatchField::Recipient => "寄送单位",
        BatchField::RecipientAddress => "寄送地址",
        BatchField::RecipientPostcode => "邮编",
        BatchField::RecipientPhone => "寄送单位电话",
    }
}

/// The label of a unit field as the form shows it.
pub fn unit_field_label(field: UnitField) -> &'static str {
    match field {
        UnitField::Province => "省份",
        UnitField::Name => "填报单位名称",
        UnitField::Contact => "联系人",
        UnitField::Phone => "联系电话",
        UnitField::Email => "电子邮箱",
        UnitField::Date => "填报日期",
    }
}

/// The label of an enterprise field as the form shows it (a section by its heading).
pub fn enterprise_field_label(field: &EnterpriseField, template: &Template) -> String {
    match field {
        EnterpriseField::BuiltIn(id) => id.def().label.to_owned(),
        EnterpriseField::Section(key) => template
            .section(key)
            .map_or_else(|| format!("章节 {key}"), |s| s.heading.clone()),
        EnterpriseField::Custom(key) => template.field_label(key),
        EnterpriseField::Attachment(i) => format!("附件 {}", i + 1),
    }
}

/// Where an issue is, for a list: `批次与填报单位 · 联系电话` or `企业 2「某某公司」 · 统一社会信用代码`.
pub fn field_place(field: &FieldPath, draft: &Draft, template: &Template) -> String {
    match field {
        FieldPath::Batch(f) => format!("批次与填报单位 · {}", batch_field_label(*f)),
        FieldPath::Unit(f) => format!("批次与填报单位 · {}", unit_field_label(*f)),
        FieldPath::Enterprises => "推荐企业".to_owned(),
        FieldPath::Enterprise { index, field } => {
            let name = draft
                .enterprises
                .get(*index)
                .map_or("", |e| e.display_name());
            format!(
                "企业 {}「{name}」 · {}",
                index + 1,
                enterprise_field_label(field, template)
            )
        }
    }
}

/// Why 添加企业 is refused: the template's quota is reached.
pub fn quota_full(max: usize) -> String {
    format!("本批次模板规定每省最多推荐 {max} 家企业，已达上限")
}

/// Why 撤销删除 of the removed enterprise `name` was refused.
pub fn restore_refused(refusal: &super::removed::RestoreRefusal, name: &str) -> String {
    use super::removed::RestoreRefusal;
    match refusal {
        RestoreRefusal::Frozen(frozen) => frozen_text(frozen),
        RestoreRefusal::QuotaFull { max } => format!(
            "不能撤销删除企业「{name}」：{}。请先删除一家企业，或在“报告模板”中调整名额。",
            quota_full(*max)
        ),
        RestoreRefusal::NotFound => "这家企业已不在“已删除的企业”中，无法撤销删除。".to_owned(),
    }
}

/// What is wrong, in one sentence.
pub fn issue_text(issue: &Issue) -> String {
    match &issue.kind {
        IssueKind::Required => "必填，尚未填写".to_owned(),
        IssueKind::TooLong { count, max } => format!("共 {count} 字，超过上限 {max} 字，请删减"),
        IssueKind::OverRecommended { count, recommended } => {
            format!(
                "共 {count} 字，超过建议篇幅 {recommended} 字（多 {} 字）",
                count - recommended
            )
        }
        IssueKind::CreditCode(finding) => credit_code_text(finding),
        IssueKind::CreditCodeProvince { division, .. } if division == NATIONAL_DIVISION => {
            format!(
                "代码中的登记机关行政区划码为 {division}，属国家级登记（由国家市场监督管理总局等中央机关登记），请核对该企业是否由本省推荐"
            )
        }
        IssueKind::CreditCodeProvince { division, province } => {
            format!("代码中的登记机关行政区划码 {division} 不属于{province}，请核对是否为外省企业")
        }
        IssueKind::DuplicateCreditCode { other } => {
            format!("与企业 {} 的统一社会信用代码相同", other + 1)
        }
        IssueKind::PhoneFormat => {
            "不像有效的手机号或座机号（如 13812345678、0571-87654321）".to_owned()
        }
        IssueKind::EmailFormat => "电子邮箱格式不正确".to_owned(),
        IssueKind::PostcodeFormat => "邮编应为 6 位数字".to_owned(),
        IssueKind::NotANumber => "应为数字（如 12.5），不要带单位".to_owned(),
        IssueKind::Negative => "不能为负数".to_owned(),
        IssueKind::NotWholeNumber => "应为整数".to_owned(),
        IssueKind::BadDate => {
            "日期格式应为 年-月-日，如 2024-09-20（也可写 2024/9/20、2024.9.20 或 2024年9月20日）"
                .to_owned()
        }
        IssueKind::ImpossibleDate => "没有这一天（如 2 月没有 30 日），请核对日期".to_owned(),
        IssueKind::YearOutOfRange => "年度应在 2024 到 2100 之间".to_owned(),
        IssueKind::DeadlineNotInYear => "截止日期不在本年度内".to_owned(),
        IssueKind::UnknownProvince => "不是 31 个省（区、市）或新疆生产建设兵团之一".to_owned(),
        IssueKind::NoEnterprise => "至少需要推荐 1 家企业".to_owned(),
        IssueKind::TooManyEnterprises { count, max } => {
            format!("共 {count} 家企业，本批次模板规定每省最多推荐 {max} 家")
        }
        IssueKind::NotAChoice => "不是模板列出的选项之一，请从下拉列表中选择".to_owned(),
        IssueKind::MissingGlyphs { chars } => {
            let shown: Vec<String> = chars.chars().map(describe_char).collect();
            format!(
                "含有内置字体无法显示的字符：{}，打印时会成为空框，请改用常用字或删除",
                shown.join("、")
            )
        }
        IssueKind::EmptyAttachment => "附件是空文件".to_owned(),
        IssueKind::AttachmentType => "附件通常应为 PDF、JPG 或 PNG 格式".to_owned(),
        IssueKind::TableTooLarge {
            table,
            rows,
            columns,
        } => format!(
            "第 {} 个表格有 {rows} 行 {columns} 列，超过上限（{} 行、{} 列），请拆分或删减，大表可作为附件",
            table + 1,
            super::section_table::MAX_ROWS,
            super::section_table::MAX_COLUMNS
        ),
    }
}

/// `错误` or `警告`.
pub fn severity_text(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
    }
}

/// One line for the command line and logs: `错误　企业 1「…」 · 企业名称：必填，尚未填写`.
pub fn issue_line(issue: &Issue, draft: &Draft, template: &Template) -> String {
    format!(
        "{}　{}：{}",
        severity_text(issue.severity),
        field_place(&issue.field, draft, template),
        issue_text(issue)
    )
}

fn credit_code_text(finding: &CreditCodeFinding) -> String {
    match finding {
        CreditCodeFinding::WrongLength { len } => format!("应为 18 位，现为 {len} 位"),
        CreditCodeFinding::InvalidChar { ch, position } => {
            format!(
                "第 {position} 位的「{}」不是有效字符（不使用 I、O、Z、S、V）",
                describe_char(*ch)
            )
        }
        CreditCodeFinding::CheckDigit { expected, found } => {
            format!("第 18 位校验码按 GB 32100 应为 {expected}，现为 {found}，请核对营业执照")
        }
        CreditCodeFinding::OrgCheckDigit { expected, found } => {
            format!(
                "第 17 位（组织机构代码校验码）按 GB 11714 应为 {expected}，现为 {found}，请核对营业执照"
            )
        }
    }
}

/// A character as the clerk can recognise it: itself, or its code point when it is invisible.
pub fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() || super::normalize::is_format_char(c) {
        format!("U+{:04X}", c as u32)
    } else {
        format!("{c}（U+{:04X}）", c as u32)
    }
}

/// A version-1 drafts file ticked 定稿: it restores as not final.
pub const OLD_FINAL_TICK: &str =
    "文件中勾选了旧版的“定稿”。定稿现在是一个操作：草稿已按未定稿恢复，请检查后重新定稿。";
/// A drafts file whose 定稿码 no longer matches its contents (edited after 定稿).
pub const FINAL_CODE_MISMATCH: &str =
    "文件中的定稿码与内容不符（定稿后被改动过），草稿已按未定稿恢复，请检查后重新定稿。";

/// Why an edit is refused while the drafts are final.
pub fn frozen_text(frozen: &super::finalize::Frozen) -> String {
    format!(
        "草稿已于 {} 定稿（定稿码 {}），不能修改或替换。如需修改，请先“取消定稿”并写明理由。",
        super::finalize::display_time(&frozen.at),
        frozen.code
    )
}

/// The title of a kind of warning in the confirm dialog.
pub fn warning_kind_title(kind: &str) -> &'static str {
    match kind {
        "CheckDigit" | "OrgCheckDigit" => "统一社会信用代码校验位不符",
        "CreditCodeProvince" => "信用代码的登记地不在本省",
        "OverRecommended" => "章节超过建议篇幅",
        "PhoneFormat" => "电话号码格式不常见",
        "EmailFormat" => "电子邮箱格式不常见",
        "PostcodeFormat" => "邮编格式不常见",
        "AttachmentType" => "附件不是 PDF、JPG 或 PNG",
        "EmptyAttachment" => "附件是空文件",
        _ => "其他警告",
    }
}

/// An example reason that fits the kind of warning, shown in the empty reason box.
pub fn reason_example(kind: &str) -> &'static str {
    match kind {
        "CheckDigit" | "OrgCheckDigit" => "例：已与营业执照原件核对，代码无误",
        "CreditCodeProvince" => "例：企业由外省迁入本省，代码仍为原登记地",
        "OverRecommended" => "例：内容经处领导审定，确需保留全文",
        "PhoneFormat" => "例：该号码含分机号，已电话核实可以接通",
        "EmailFormat" => "例：该邮箱为单位内网邮箱，已核实可用",
        "PostcodeFormat" => "例：按收件单位提供的邮编填写",
        "AttachmentType" => "例：该附件按总局要求提供 Word 版",
        "EmptyAttachment" => "例：原件待补，先占位",
        _ => "例：已核实，情况属实",
    }
}

/// Told before export and 定稿 when the deadline is behind.
pub fn deadline_passed_text(deadline: chrono::NaiveDate) -> String {
    format!(
        "报送截止日期 {} 已过，请确认是否仍要继续。",
        deadline.format("%Y年%-m月%-d日")
    )
}

/// One line per kept text: `企业 1「某某公司」 · 章节 chain（1200 字）`.
pub fn kept_text_lines(draft: &Draft, kept: &[super::template::KeptText]) -> Vec<String> {
    kept.iter()
        .map(|k| {
            let name = draft
                .enterprises
                .get(k.enterprise)
                .map_or("", |e| e.display_name());
            let what = match k.kind {
                super::template::KeptKind::Section => "章节",
                super::template::KeptKind::Field => "字段",
            };
            format!(
                "企业 {}「{name}」 · {what} {}（{} 字）",
                k.enterprise + 1,
                k.key,
                k.chars
            )
        })
        .collect()
}
