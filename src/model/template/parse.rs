//! Reading a template file: every rule of docs/formats.md, each refusal with the line and the reason.

use std::fmt;
use std::path::Path;

use super::fields::{COLUMN_PSEUDO_FIELDS, built_in};
use super::serde_impl::In;
use super::{FORMAT, MAX_QUOTA, Template, VERSION};

/// A template file larger than this is refused before it is read; a real one is a few kilobytes.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;
/// Most sections, custom fields, facts rows and table columns a template may have.
const MAX_SECTIONS: usize = 50;
const MAX_FIELDS: usize = 50;
const MAX_FACTS: usize = 40;
const MAX_COLUMNS: usize = 20;
const MAX_CHOICES: usize = 50;
/// Most other headings (`aliases`) one section may have.
const MAX_ALIASES: usize = 20;
/// Longest heading, title, label and guidance, in characters.
const MAX_HEADING_CHARS: usize = 100;
const MAX_LABEL_CHARS: usize = 60;
const MAX_GUIDANCE_CHARS: usize = 2000;
/// Longest value limit a custom field may set and longest recommended section.
const MAX_FIELD_LIMIT: usize = 2000;
const MAX_RECOMMENDED_CHARS: usize = 50_000;

/// Why a template was refused; `line` is 1-based where the reader knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateFileError {
    pub line: Option<usize>,
    pub reason: String,
}

impl fmt::Display for TemplateFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "第 {line} 行：{}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

impl std::error::Error for TemplateFileError {}

/// A broken rule and where in the file to look for it: the `nth` (0-based) `needle` after `anchor`.
#[derive(Debug)]
pub(super) struct Problem {
    pub reason: String,
    pub(super) anchor: &'static str,
    pub(super) needle: String,
    pub(super) nth: usize,
}

fn problem(reason: String, anchor: &'static str, needle: &str, nth: usize) -> Problem {
    Problem {
        reason,
        anchor,
        needle: needle.to_owned(),
        nth,
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

/// Reads a template file from disk, refusing one too large to be a template.
pub fn read_template_file(path: &Path) -> Result<Template, TemplateFileError> {
    let plain = |reason: String| TemplateFileError { line: None, reason };
    let size = std::fs::metadata(path)
        .map_err(|e| plain(format!("无法读取文件：{e}")))?
        .len();
    if size > MAX_TEMPLATE_BYTES {
        return Err(plain(format!(
            "文件有 {} KB，超过模板文件的上限 {} KB，不是领军模板文件",
            size / 1024,
            MAX_TEMPLATE_BYTES / 1024
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| plain(format!("无法读取文件：{e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| TemplateFileError {
        line: Some(
            e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1,
        ),
        reason: "文件不是 UTF-8 编码的文本".to_owned(),
    })?;
    from_json(&text)
}

pub(super) fn from_json(text: &str) -> Result<Template, TemplateFileError> {
    let text = crate::model::normalize::strip_bom(text);
    if text.trim().is_empty() {
        return Err(TemplateFileError {
            line: None,
            reason: "文件是空的".to_owned(),
        });
    }
    if text.len() as u64 > MAX_TEMPLATE_BYTES {
        return Err(TemplateFileError {
            line: None,
            reason: "内容超过模板文件的上限 1 MB，不是领军模板文件".to_owned(),
        });
    }
    // The header first, so that another kind of file is named as such rather than as a missing field.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text)
        && value.get("format").and_then(|f| f.as_str()) != Some(FORMAT)
    {
        return Err(TemplateFileError {
            line: None,
            reason: format!("不是领军模板文件（缺少 \"format\": \"{FORMAT}\"）"),
        });
    }
    let read: In = serde_json::from_str(text).map_err(|e| TemplateFileError {
        line: (e.line() > 0).then_some(e.line()),
        reason: match e.classify() {
            serde_json::error::Category::Eof => "文件在此处意外结束，可能没有复制完整".to_owned(),
            serde_json::error::Category::Syntax => format!("不是有效的 JSON（{e}）"),
            _ => format!("内容不符合模板格式（{e}）"),
        },
    })?;
    check_header(&read).map_err(|reason| TemplateFileError { line: None, reason })?;
    let template = read.into_template();
    check(&template).map_err(|p| TemplateFileError {
        line: line_of(text, p.anchor, &p.needle, p.nth),
        reason: p.reason,
    })?;
    Ok(template)
}

pub(super) fn check_header(read: &In) -> Result<(), String> {
    if read.format != FORMAT {
        return Err(format!("不是领军模板文件（缺少 \"format\": \"{FORMAT}\"）"));
    }
    match read.version {
        v if (1..=VERSION).contains(&v) => Ok(()),
        v if v > VERSION => Err(format!(
            "这是更新版本的程序写出的模板（版本 {v}），本程序只能读取版本 {VERSION}，请先升级领军"
        )),
        _ => Err("模板缺少有效的版本号（\"version\"）".to_owned()),
    }
}

/// 1-based line of the `nth` occurrence of `needle` after the first `anchor`.
fn line_of(text: &str, anchor: &str, needle: &str, nth: usize) -> Option<usize> {
    let start = if anchor.is_empty() {
        0
    } else {
        text.find(&format!("\"{anchor}\""))?
    };
    let mut at = start;
    for _ in 0..=nth {
        at += text[at..].find(needle)? + 1;
    }
    Some(text[..at].matches('\n').count() + 1)
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn is_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && key.len() <= 32
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn text_limit(
    value: &str,
    what: &str,
    max: usize,
    required: bool,
    anchor: &'static str,
) -> Result<(), Problem> {
    let count = value.chars().count();
    if required && value.trim().is_empty() {
        return Err(problem(format!("{what}不能为空"), anchor, "", 0));
    }
    if count > max {
        return Err(problem(
            format!("{what}有 {count} 字，超过上限 {max} 字"),
            anchor,
            "",
            0,
        ));
    }
    Ok(())
}

/// Every template-file rule that the types alone do not enforce.
pub(super) fn check(t: &Template) -> Result<(), Problem> {
    text_limit(&t.name, "模板名称", MAX_HEADING_CHARS, false, "name")?;
    check_rules(t)?;
    check_fields(t)?;
    check_report(t)?;
    check_summary(t)
}

fn check_rules(t: &Template) -> Result<(), Problem> {
    let r = &t.rules;
    if !(1..=MAX_QUOTA).contains(&r.max_enterprises) {
        return Err(problem(
            format!(
                "每省最多推荐家数（max_enterprises）应在 1 到 {MAX_QUOTA} 之间，现为 {}",
                r.max_enterprises
            ),
            "max_enterprises",
            "",
            0,
        ));
    }
    if chrono::NaiveDate::parse_from_str(&format!("2024-{}", r.deadline.trim()), "%Y-%m-%d")
        .is_err()
        || r.deadline.trim().len() != 5
    {
        return Err(problem(
            format!(
                "截止日期（deadline）应为 月-日，如 09-20，现为「{}」",
                r.deadline
            ),
            "deadline",
            "",
            0,
        ));
    }
    if !(1..=20).contains(&r.paper_copies) {
        return Err(problem(
            format!(
                "纸质份数（paper_copies）应在 1 到 20 之间，现为 {}",
                r.paper_copies
            ),
            "paper_copies",
            "",
            0,
        ));
    }
    text_limit(&r.medium, "报送介质（medium）", 20, true, "medium")
}

fn check_fields(t: &Template) -> Result<(), Problem> {
    if t.fields.len() > MAX_FIELDS {
        return Err(problem(
            format!(
                "自定义字段有 {} 个，超过上限 {MAX_FIELDS} 个",
                t.fields.len()
            ),
            "fields",
            "",
            0,
        ));
    }
    for (i, f) in t.fields.iter().enumerate() {
        let at = |reason: String| problem(reason, "fields", "\"key\"", i);
        if !is_key(&f.key) {
            return Err(at(format!(
                "字段 key「{}」无效：应以小写英文字母开头，只含小写字母、数字和下划线，最多 32 个字符",
                f.key
            )));
        }
        if built_in(&f.key).is_some() || COLUMN_PSEUDO_FIELDS.iter().any(|(k, _)| *k == f.key) {
            return Err(at(format!("自定义字段 key「{}」与内置字段重名", f.key)));
        }
        if t.fields[..i].iter().any(|o| o.key == f.key) {
            return Err(at(format!("字段 key「{}」重复", f.key)));
        }
        text_limit(
            &f.label,
            &format!("字段「{}」的名称", f.key),
            MAX_LABEL_CHARS,
            true,
            "",
        )
        .map_err(|p| at(p.reason))?;
        if let Some(max) = f.max_chars
            && !(1..=MAX_FIELD_LIMIT).contains(&max)
        {
            return Err(at(format!(
                "字段「{}」的字数上限应在 1 到 {MAX_FIELD_LIMIT} 之间，现为 {max}",
                f.key
            )));
        }
        match (f.kind.has_choices(), f.choices.is_empty()) {
            (true, true) => {
                return Err(at(format!(
                    "选项字段「{}」没有列出任何选项（choices）",
                    f.key
                )));
            }
            (false, false) => {
                return Err(at(format!(
                    "只有选项字段可以列出选项（choices），「{}」不是",
                    f.key
                )));
            }
            (true, false) | (false, true) => {}
        }
        if f.choices.len() > MAX_CHOICES
            || f.choices
                .iter()
                .any(|c| c.trim().is_empty() || c.chars().count() > MAX_LABEL_CHARS)
        {
            return Err(at(format!(
                "字段「{}」的选项最多 {MAX_CHOICES} 个，每个不能为空且不超过 {MAX_LABEL_CHARS} 字",
                f.key
            )));
        }
    }
    Ok(())
}

fn check_report(t: &Template) -> Result<(), Problem> {
    let r = &t.report;
    text_limit(&r.attachment_label, "报告的附件标注", 20, false, "report")?;
    text_limit(&r.title, "报告标题", MAX_HEADING_CHARS, true, "report")?;
    text_limit(
        &r.closing,
        "报告的落款",
        MAX_HEADING_CHARS,
        false,
        "closing",
    )?;
    check_facts(t)?;
    if r.sections.is_empty() {
        return Err(problem("模板没有任何章节".to_owned(), "sections", "", 0));
    }
    if r.sections.len() > MAX_SECTIONS {
        return Err(problem(
            format!(
                "模板有 {} 个章节，超过上限 {MAX_SECTIONS} 个",
                r.sections.len()
            ),
            "sections",
            "",
            0,
        ));
    }
    for (i, s) in r.sections.iter().enumerate() {
        let at = |reason: String| problem(reason, "sections", "\"key\"", i);
        if !is_key(&s.key) {
            return Err(at(format!(
                "第 {} 个章节的 key「{}」无效：应以小写英文字母开头，只含小写字母、数字和下划线，最多 32 个字符",
                i + 1,
                s.key
            )));
        }
        if r.sections[..i].iter().any(|o| o.key == s.key) {
            return Err(at(format!("章节 key「{}」重复", s.key)));
        }
        text_limit(
            &s.heading,
            &format!("章节「{}」的标题", s.key),
            MAX_HEADING_CHARS,
            true,
            "",
        )
        .map_err(|p| at(p.reason))?;
        text_limit(
            &s.guidance,
            &format!("章节「{}」的填写说明", s.key),
            MAX_GUIDANCE_CHARS,
            false,
            "",
        )
        .map_err(|p| at(p.reason))?;
        if !(1..=MAX_RECOMMENDED_CHARS).contains(&s.recommended_chars) {
            return Err(at(format!(
                "章节「{}」的建议篇幅应在 1 到 {MAX_RECOMMENDED_CHARS} 字之间，现为 {}",
                s.key, s.recommended_chars
            )));
        }
        if s.aliases.len() > MAX_ALIASES {
            return Err(at(format!(
                "章节「{}」的其他写法最多 {MAX_ALIASES} 个，现有 {} 个",
                s.key,
                s.aliases.len()
            )));
        }
        for alias in &s.aliases {
            text_limit(
                alias,
                &format!("章节「{}」的其他写法", s.key),
                MAX_HEADING_CHARS,
                false,
                "",
            )
            .map_err(|p| at(p.reason))?;
        }
    }
    Ok(())
}

/// The 基本情况表's rows: at most `MAX_FACTS`, each a built-in or custom field, none twice.
fn check_facts(t: &Template) -> Result<(), Problem> {
    let r = &t.report;
    if r.facts.len() > MAX_FACTS {
        return Err(problem(
            format!("基本情况表有 {} 行，超过上限 {MAX_FACTS} 行", r.facts.len()),
            "facts",
            "",
            0,
        ));
    }
    for (i, key) in r.facts.iter().enumerate() {
        let needle = quoted(key);
        if built_in(key).is_none() && t.field(key).is_none() {
            return Err(problem(
                format!("基本情况表中的字段「{key}」不存在（既不是内置字段，也不是自定义字段）"),
                "facts",
                &needle,
                0,
            ));
        }
        if r.facts[..i].contains(key) {
            return Err(problem(
                format!("基本情况表中的字段「{key}」重复"),
                "facts",
                &needle,
                1,
            ));
        }
    }
    Ok(())
}

fn check_summary(t: &Template) -> Result<(), Problem> {
    let s = &t.summary;
    text_limit(
        &s.attachment_label,
        "汇总表的附件标注",
        20,
        false,
        "summary",
    )?;
    text_limit(&s.title, "汇总表标题", MAX_HEADING_CHARS, true, "summary")?;
    if s.columns.is_empty() || s.columns.len() > MAX_COLUMNS {
        return Err(problem(
            format!(
                "汇总表应有 1 到 {MAX_COLUMNS} 列，现为 {} 列",
                s.columns.len()
            ),
            "columns",
            "",
            0,
        ));
    }
    for (i, c) in s.columns.iter().enumerate() {
        let at = |reason: String| problem(reason, "columns", "\"field\"", i);
        let known = built_in(&c.field).is_some()
            || t.field(&c.field).is_some()
            || COLUMN_PSEUDO_FIELDS.iter().any(|(k, _)| *k == c.field);
        if !known {
            return Err(at(format!(
                "汇总表第 {} 列的字段「{}」不存在（既不是内置字段、自定义字段，也不是 #、contact_phone、note）",
                i + 1,
                c.field
            )));
        }
        if s.columns[..i].iter().any(|o| o.field == c.field) {
            return Err(at(format!("汇总表的列「{}」重复", c.field)));
        }
        if let Some(label) = &c.label {
            text_limit(
                label,
                &format!("汇总表第 {} 列的表头", i + 1),
                MAX_LABEL_CHARS,
                false,
                "",
            )
            .map_err(|p| at(p.reason))?;
        }
    }
    Ok(())
}
