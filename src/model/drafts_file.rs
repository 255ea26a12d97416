//! The drafts file (docs/formats.md): the whole draft as one UTF-8 JSON file, for backup and moving laptops.
//! Unknown fields are kept and written again; a malformed file is refused with its line and the reason.

use std::fmt;
use std::io::{self, BufRead, Seek, Write};
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use super::blob::{BlobSink, BlobSource, CHUNK_BYTES, DiscardBlobs};
use super::draft::{Batch, Draft, Enterprise, Extra, Unit};
use super::field::BUILT_IN_FIELDS;
use super::finalize::{self, Finalized, LogAction, LogEntry};
use super::pool::{ENTRY_FIELDS, Pool, PoolEntry, entry_to_value};
use super::template::{MAX_QUOTA, Template};

/// The `format` value that marks a lingjun drafts file.
pub const FORMAT: &str = "lingjun-drafts";
/// The newest drafts-file version this program reads and the one it writes. Version 2 (docs/formats.md) adds the
/// template and custom field values; version 1 files restore with the built-in template. Version 3 adds tables
/// inside report sections (`section_tables`, optional: a version 2 file restores with none) and the 标杆企业库
/// (`pool`, optional: an older file restores with an empty pool).
pub const VERSION: u64 = 3;
/// More pool entries than this refuse the file: a province's list is tens to hundreds.
pub const MAX_POOL_ENTRIES: usize = 100_000;
/// A drafts file larger than this is refused before it is read: five enterprises with CD-sized attachments in
/// base64 stay below it.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// Why a drafts file was refused; `line` and `column` are 1-based where the reader knows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftsFileError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub reason: String,
}

impl fmt::Display for DraftsFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "第 {line} 行第 {column} 列：{}", self.reason),
            (Some(line), None) => write!(f, "第 {line} 行：{}", self.reason),
            _ => f.write_str(&self.reason),
        }
    }
}

impl std::error::Error for DraftsFileError {}

impl DraftsFileError {
    pub(super) fn plain(reason: impl Into<String>) -> Self {
        Self {
            line: None,
            column: None,
            reason: reason.into(),
        }
    }

    fn from_json(e: &serde_json::Error, what: &str) -> Self {
        let line = (e.line() > 0).then_some(e.line());
        let column = (e.column() > 0).then_some(e.column());
        let reason = match e.classify() {
            serde_json::error::Category::Eof => "文件在此处意外结束，可能没有复制完整".to_owned(),
            serde_json::error::Category::Syntax => format!("不是有效的 JSON（{e}）"),
            serde_json::error::Category::Data => format!("{what}的内容类型不对（{e}）"),
            serde_json::error::Category::Io => format!("读取失败（{e}）"),
        };
        Self {
            line,
            column,
            reason,
        }
    }
}

/// A successfully read drafts file and what the reader noticed.
#[derive(Debug)]
pub struct ReadDrafts {
    pub draft: Draft,
    /// The 标杆企业库 the file carries (empty for a version 1 or 2 file).
    pub pool: Pool,
    /// Fields this version does not know, by path (`enterprises[0].website`); they are kept.
    pub unknown_fields: Vec<String>,
    /// What the reader changed about the 定稿 state, for the clerk (an old 定稿 tick, a 定稿 that no longer
    /// matches the drafts).
    pub notes: Vec<String>,
}

/// The typed view of a file, without `#[serde(flatten)]` so that type errors keep their line numbers.
#[derive(Deserialize)]
struct Document {
    #[serde(default)]
    batch: Batch,
    #[serde(default)]
    unit: Unit,
    #[serde(default)]
    enterprises: Vec<Enterprise>,
    #[serde(default)]
    acknowledged: std::collections::BTreeMap<String, String>,
    /// Drafts-file version 1's 定稿 tick; 定稿 is an action now, so a ticked file restores as not final.
    #[serde(default)]
    is_final: bool,
    #[serde(default)]
    finalized: Option<Finalized>,
    #[serde(default)]
    final_log: Vec<LogEntry>,
    #[serde(default)]
    template: Option<Template>,
    #[serde(default)]
    pool: Vec<PoolEntry>,
}

const TOP_FIELDS: [&str; 11] = [
    "format",
    "version",
    "batch",
    "unit",
    "enterprises",
    "acknowledged",
    "is_final",
    "finalized",
    "final_log",
    "template",
    "pool",
];
const BATCH_FIELDS: [&str; 8] = [
    "year",
    "deadline",
    "recipient",
    "recipient_address",
    "recipient_postcode",
    "recipient_phone",
    "paper_copies",
    "discs",
];
const UNIT_FIELDS: [&str; 6] = ["province", "name", "contact", "phone", "email", "date"];
/// An enterprise's members besides its built-in fields (`model::field`, each under its key).
const ENTERPRISE_PARTS: [&str; 5] = [
    "sections",
    "section_tables",
    "fields",
    "attachments",
    "acknowledged",
];

/// Writes the draft and the pool as a drafts file (pretty JSON, LF, no BOM: JSON readers reject a BOM),
/// streaming each attachment's contents from `blobs` as base64, so memory does not grow with the attachments.
pub fn write_with_pool(
    draft: &Draft,
    pool: &Pool,
    blobs: &dyn BlobSource,
    out: &mut dyn Write,
) -> io::Result<()> {
    super::drafts_stream::write_value(&to_value(draft, pool), blobs, out)
}

/// Writes the draft with an empty pool (tests, and documents that carry no pool).
pub fn write(draft: &Draft, blobs: &dyn BlobSource, out: &mut dyn Write) -> io::Result<()> {
    write_with_pool(draft, &Pool::default(), blobs, out)
}

/// The drafts file as text, for tests and small drafts.
pub fn to_json(draft: &Draft, blobs: &dyn BlobSource) -> io::Result<String> {
    to_json_with_pool(draft, &Pool::default(), blobs)
}

/// The drafts file with a pool as text, for tests.
pub fn to_json_with_pool(draft: &Draft, pool: &Pool, blobs: &dyn BlobSource) -> io::Result<String> {
    let mut out = Vec::new();
    write_with_pool(draft, pool, blobs, &mut out)?;
    String::from_utf8(out).map_err(io::Error::other)
}

/// The file as a JSON value, each attachment as `{"name", "data_base64"}` with its digest standing in for the
/// contents until they are streamed.
fn to_value(draft: &Draft, pool: &Pool) -> Value {
    let mut top = Extra::new();
    top.insert("format".into(), FORMAT.into());
    top.insert("version".into(), VERSION.into());
    // Serialising plain structs of strings and numbers cannot fail.
    let Ok(Value::Object(body)) = serde_json::to_value(draft) else {
        unreachable!("a struct serialises to an object")
    };
    top.extend(body);
    merge_extra(top.get_mut("batch"), &draft.batch.extra);
    merge_extra(top.get_mut("unit"), &draft.unit.extra);
    if let Some(Value::Array(list)) = top.get_mut("enterprises") {
        for (value, enterprise) in list.iter_mut().zip(&draft.enterprises) {
            merge_extra(Some(&mut *value), &enterprise.extra);
            if let Value::Object(map) = value {
                let attachments = enterprise
                    .attachments
                    .iter()
                    .map(|a| serde_json::json!({"name": a.name, "data_base64": a.sha256}))
                    .collect();
                map.insert("attachments".into(), Value::Array(attachments));
            }
        }
    }
    // Optional, as the section tables: written when the pool has entries, so a file without one is as before.
    if !pool.entries.is_empty() {
        top.insert(
            "pool".into(),
            Value::Array(pool.entries.iter().map(entry_to_value).collect()),
        );
    }
    for (key, value) in &draft.extra {
        top.entry(key.clone()).or_insert_with(|| value.clone());
    }
    Value::Object(top)
}

/// Reads a drafts file from text, keeping no attachment contents (they are checked and hashed only).
pub fn from_json(text: &str) -> Result<ReadDrafts, DraftsFileError> {
    from_json_with(text, &mut DiscardBlobs)
}

/// Reads a drafts file from text, storing attachment contents in `sink`.
pub fn from_json_with(text: &str, sink: &mut dyn BlobSink) -> Result<ReadDrafts, DraftsFileError> {
    read(&mut io::Cursor::new(text.as_bytes()), sink)
}

/// Reads a drafts file, decoding attachment contents straight into `sink` a chunk at a time. The current drafts
/// are not touched: the caller decides what to do with it.
pub fn read<R: BufRead + Seek>(
    input: &mut R,
    sink: &mut dyn BlobSink,
) -> Result<ReadDrafts, DraftsFileError> {
    let (bytes, stored) = super::drafts_stream::reduce(input, sink)?;
    let text = utf8(bytes)?;
    let read = from_reduced(&text)?;
    for (i, enterprise) in read.draft.enterprises.iter().enumerate() {
        for attachment in &enterprise.attachments {
            if !stored.contains(&attachment.sha256) {
                return Err(DraftsFileError::plain(format!(
                    "第 {} 家企业的附件“{}”没有内容（缺少 data_base64），文件可能已损坏",
                    i + 1,
                    attachment.name
                )));
            }
        }
    }
    Ok(read)
}

/// Reads the text of a drafts file whose attachment contents have been replaced by their digests.
fn from_reduced(text: &str) -> Result<ReadDrafts, DraftsFileError> {
    let text = super::normalize::strip_bom(text);
    if text.trim().is_empty() {
        return Err(DraftsFileError::plain("文件是空的"));
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| DraftsFileError::from_json(&e, "文件"))?;
    let Value::Object(top) = &value else {
        return Err(DraftsFileError::plain(
            "文件内容不是一个 JSON 对象，不是领军草稿文件",
        ));
    };
    match top.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        _ => {
            return Err(DraftsFileError::plain(format!(
                "不是领军草稿文件（缺少 \"format\": \"{FORMAT}\"）"
            )));
        }
    }
    let version = match top.get("version").and_then(Value::as_u64) {
        Some(v) if (1..=VERSION).contains(&v) => v,
        Some(v) if v > VERSION => {
            return Err(DraftsFileError::plain(format!(
                "这是更新版本的程序写出的草稿文件（版本 {v}），本程序只能读取版本 {VERSION}，请先升级领军"
            )));
        }
        _ => {
            return Err(DraftsFileError::plain(
                "草稿文件缺少有效的版本号（\"version\"）",
            ));
        }
    };
    // Version 1 knew only the built-in quota; a version 2 template may allow up to 20 (more then shows as
    // an error on the check page, so that a backup always restores).
    let max = if version == 1 {
        Template::built_in().rules.max_enterprises
    } else {
        MAX_QUOTA
    };
    if let Some(Value::Array(list)) = top.get("pool")
        && list.len() > MAX_POOL_ENTRIES
    {
        return Err(DraftsFileError::plain(format!(
            "文件中的标杆企业库有 {} 条，超过上限 {MAX_POOL_ENTRIES} 条，不是领军草稿文件",
            list.len()
        )));
    }
    if let Some(Value::Array(list)) = top.get("enterprises")
        && list.len() > max
    {
        return Err(DraftsFileError::plain(format!(
            "文件中有 {} 家企业，每省最多推荐 {max} 家，请先在原电脑上删减",
            list.len()
        )));
    }
    let doc: Document =
        serde_json::from_str(text).map_err(|e| DraftsFileError::from_json(&e, "某个字段"))?;
    let mut draft = Draft {
        batch: doc.batch,
        unit: doc.unit,
        enterprises: doc.enterprises,
        acknowledged: doc.acknowledged,
        finalized: doc.finalized,
        final_log: doc.final_log,
        template: doc.template.unwrap_or_default(),
        removed: Vec::new(),
        extra: Extra::new(),
    };
    let notes = final_state_notes(&mut draft, doc.is_final);
    let mut pool = Pool { entries: doc.pool };
    let unknown_fields = keep_unknown(top, &mut draft, &mut pool);
    Ok(ReadDrafts {
        draft,
        pool,
        unknown_fields,
        notes,
    })
}

/// Keeps the properties this version does not know (at the top, in the batch, the unit, each enterprise and each
/// pool entry) for the next backup, and names them for the clerk.
fn keep_unknown(top: &Extra, draft: &mut Draft, pool: &mut Pool) -> Vec<String> {
    let mut unknown_fields = Vec::new();
    draft.extra = unknown_of(top, &TOP_FIELDS, "", &mut unknown_fields);
    if let Some(Value::Object(batch)) = top.get("batch") {
        draft.batch.extra = unknown_of(batch, &BATCH_FIELDS, "batch.", &mut unknown_fields);
    }
    if let Some(Value::Object(unit)) = top.get("unit") {
        draft.unit.extra = unknown_of(unit, &UNIT_FIELDS, "unit.", &mut unknown_fields);
    }
    if let Some(Value::Array(list)) = top.get("enterprises") {
        let known: Vec<&str> = BUILT_IN_FIELDS
            .iter()
            .map(|f| f.key)
            .chain(ENTERPRISE_PARTS)
            .collect();
        for (i, (value, enterprise)) in list.iter().zip(&mut draft.enterprises).enumerate() {
            if let Value::Object(map) = value {
                enterprise.extra = unknown_of(
                    map,
                    &known,
                    &format!("enterprises[{i}]."),
                    &mut unknown_fields,
                );
            }
        }
    }
    if let Some(Value::Array(list)) = top.get("pool") {
        for (i, (value, entry)) in list.iter().zip(&mut pool.entries).enumerate() {
            if let Value::Object(map) = value {
                entry.extra = unknown_of(
                    map,
                    &ENTRY_FIELDS,
                    &format!("pool[{i}]."),
                    &mut unknown_fields,
                );
            }
        }
    }
    unknown_fields
}

/// A file's 定稿 is kept only when its code still matches the drafts; version 1's tick never makes a 定稿.
fn final_state_notes(draft: &mut Draft, old_tick: bool) -> Vec<String> {
    let mut notes = Vec::new();
    let now = finalize::time_text(chrono::Local::now().fixed_offset());
    let mut note = |draft: &mut Draft, text: &str| {
        draft.final_log.push(LogEntry {
            action: LogAction::Note,
            at: now.clone(),
            code: String::new(),
            reason: text.to_owned(),
        });
        notes.push(text.to_owned());
    };
    if old_tick && draft.finalized.is_none() {
        note(draft, super::messages::OLD_FINAL_TICK);
    }
    // The code covers the batch's own template, which travels in the file.
    if !finalize::is_consistent(draft, &draft.template) {
        draft.finalized = None;
        note(draft, super::messages::FINAL_CODE_MISMATCH);
    }
    notes
}

/// Reads a drafts file from disk, refusing a file too large to be one; attachment contents go to `sink`.
pub fn read_file(path: &Path, sink: &mut dyn BlobSink) -> Result<ReadDrafts, DraftsFileError> {
    let io_error = |e: std::io::Error| DraftsFileError::plain(format!("无法读取文件：{e}"));
    let size = std::fs::metadata(path).map_err(io_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(DraftsFileError::plain(format!(
            "文件有 {} MB，超过草稿文件的上限 {} MB，不是领军草稿文件",
            size / 1_048_576,
            MAX_FILE_BYTES / 1_048_576
        )));
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    read(&mut io::BufReader::with_capacity(CHUNK_BYTES, file), sink)
}

fn utf8(bytes: Vec<u8>) -> Result<String, DraftsFileError> {
    String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        // An incomplete character at the very end: the file was cut off, not saved in another encoding.
        let reason = if e.utf8_error().error_len().is_none() {
            "文件在此处意外结束，可能没有复制完整"
        } else {
            "文件不是 UTF-8 编码的文本（可能被其他软件另存为 GBK 或已损坏）"
        };
        DraftsFileError {
            line: Some(line),
            column: None,
            reason: reason.to_owned(),
        }
    })
}

fn merge_extra(target: Option<&mut Value>, extra: &Extra) {
    if let Some(Value::Object(map)) = target.map(|t| &mut *t) {
        for (key, value) in extra {
            map.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
}

fn unknown_of(map: &Extra, known: &[&str], prefix: &str, found: &mut Vec<String>) -> Extra {
    map.iter()
        .filter(|(key, _)| !known.contains(&key.as_str()))
        .map(|(key, value)| {
            found.push(format!("{prefix}{key}"));
            (key.clone(), value.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::blob::MemoryBlobs;

    fn blobs() -> MemoryBlobs {
        let mut blobs = MemoryBlobs::default();
        blobs.attach("盖章页.pdf", vec![0, 159, 146, 150]);
        blobs
    }

    fn to_json(draft: &Draft) -> String {
        super::to_json(draft, &blobs()).expect("writes")
    }

    fn sample() -> Draft {
        let mut draft = Draft::new(chrono::NaiveDate::from_ymd_opt(2024, 9, 1).expect("date"));
        draft.set_province("浙江省");
        draft.enterprises[0].name = "浙江某某有限公司".into();
        draft.enterprises[0].revenue_100m = "125.6".into();
        draft.enterprises[0].employees = "5210".into();
        draft.enterprises[0]
            .sections
            .insert("basic".into(), "第一段\n第二段".into());
        draft.enterprises[0]
            .attachments
            .push(blobs().attach("盖章页.pdf", vec![0, 159, 146, 150]));
        draft
    }

    #[test]
    fn the_file_looks_like_spec_section_7() {
        let json = to_json(&sample());
        let value: Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(value["format"], "lingjun-drafts");
        assert_eq!(value["version"], 3);
        assert!(
            value["enterprises"][0].get("section_tables").is_none(),
            "no tables, no property"
        );
        assert!(value.get("pool").is_none(), "an empty pool, no property");
        assert_eq!(value["template"]["format"], "lingjun-template");
        assert_eq!(value["enterprises"][0]["fields"], serde_json::json!({}));
        assert_eq!(value["unit"]["province"], "浙江省");
        assert_eq!(
            value["enterprises"][0]["revenue_100m"], 125.6,
            "a number, not text"
        );
        assert_eq!(value["enterprises"][0]["employees"], 5210);
        assert_eq!(
            value["enterprises"][0]["profit_100m"],
            Value::Null,
            "empty is null"
        );
        assert_eq!(
            value["enterprises"][0]["attachments"][0]["data_base64"],
            "AJ+Slg=="
        );
        assert!(
            json.starts_with("{\n  \"format\": \"lingjun-drafts\""),
            "format comes first"
        );
    }

    #[test]
    fn a_file_round_trips() {
        let draft = sample();
        let mut stored = MemoryBlobs::default();
        let read = from_json_with(&to_json(&draft), &mut stored).expect("reads back");
        assert_eq!(read.draft, draft);
        assert_eq!(stored, blobs(), "the contents arrive byte for byte");
        assert!(read.unknown_fields.is_empty());
    }

    #[test]
    fn a_version_1_file_restores_with_the_built_in_template() {
        let mut value: Value = serde_json::from_str(&to_json(&sample())).expect("json");
        value["version"] = 1.into();
        let map = value.as_object_mut().expect("object");
        map.remove("template");
        map["enterprises"][0]
            .as_object_mut()
            .expect("enterprise")
            .remove("fields");
        let read = from_json(&value.to_string()).expect("reads");
        assert_eq!(&read.draft.template, Template::built_in());
        assert!(read.unknown_fields.is_empty());
        assert_eq!(read.draft.enterprises[0].section("basic"), "第一段\n第二段");
    }

    #[test]
    fn a_version_2_file_carries_template_fields_and_kept_text() {
        let mut draft = sample();
        draft.template.name = "浙江 2025".into();
        draft.template.report.sections.retain(|s| s.key != "basic");
        draft.enterprises[0]
            .fields
            .insert("cluster".into(), "绿色石化".into());
        let text = to_json(&draft);
        let read = from_json(&text).expect("reads");
        assert_eq!(read.draft, draft);
        assert_eq!(to_json(&read.draft), text, "byte for byte");
        assert_eq!(
            read.draft.enterprises[0].section("basic"),
            "第一段\n第二段",
            "kept text"
        );
    }

    fn with_tables() -> Draft {
        let mut draft = sample();
        let tables = vec![
            crate::model::SectionTable {
                after_line: 1,
                rows: vec![
                    vec!["指标".into(), "2022年".into(), "2023年".into()],
                    vec!["产品合格率".into(), "99.1%".into()],
                    vec![],
                ],
            },
            crate::model::SectionTable::default(),
        ];
        draft.enterprises[0]
            .section_tables
            .insert("basic".into(), tables);
        draft.enterprises[0].section_tables.insert(
            "gone".into(),
            vec![crate::model::SectionTable::new(0, 1, 1)],
        );
        draft
    }

    #[test]
    fn a_version_3_file_with_section_tables_round_trips_byte_for_byte() {
        let draft = with_tables();
        let text = to_json(&draft);
        let value: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(value["version"], 3);
        assert_eq!(
            value["enterprises"][0]["section_tables"]["basic"][0]["rows"][1],
            serde_json::json!(["产品合格率", "99.1%"]),
            "ragged rows as typed"
        );
        let read = from_json(&text).expect("reads");
        assert!(read.unknown_fields.is_empty(), "{:?}", read.unknown_fields);
        assert_eq!(read.draft, draft);
        assert_eq!(to_json(&read.draft), text, "byte for byte");
    }

    #[test]
    fn a_version_2_file_restores_without_tables() {
        let mut value: Value = serde_json::from_str(&to_json(&sample())).expect("json");
        value["version"] = 2.into();
        let read = from_json(&value.to_string()).expect("reads");
        assert!(read.draft.enterprises[0].section_tables.is_empty());
        assert_eq!(read.draft, sample());
    }

    #[test]
    fn malformed_section_tables_are_refused_with_the_line() {
        for (from, to) in [
            ("\"99.1%\"", "99.1"),
            ("\"after_line\": 1", "\"after_line\": -1"),
        ] {
            let text = to_json(&with_tables()).replacen(from, to, 1);
            let error = from_json(&text).expect_err("refused");
            assert!(
                error.line.is_some() && error.reason.contains("类型不对"),
                "{to}: {error}"
            );
        }
    }

    #[test]
    fn a_bad_template_inside_a_drafts_file_is_refused() {
        let mut value: Value = serde_json::from_str(&to_json(&sample())).expect("json");
        value["template"]["report"]["sections"] = serde_json::json!([]);
        let error = from_json(&value.to_string()).expect_err("refused");
        assert!(error.reason.contains("没有任何章节"), "{error}");
    }

    #[test]
    fn unknown_fields_are_kept_and_written_again() {
        let mut value: Value = serde_json::from_str(&to_json(&sample())).expect("json");
        value["signed_by"] = "处长".into();
        value["unit"]["fax"] = "0571-1".into();
        value["enterprises"][0]["website"] = "https://example.cn".into();
        let read = from_json(&value.to_string()).expect("reads");
        assert_eq!(
            read.unknown_fields,
            ["signed_by", "unit.fax", "enterprises[0].website"]
        );
        let again: Value = serde_json::from_str(&to_json(&read.draft)).expect("json");
        assert_eq!(again["signed_by"], "处长");
        assert_eq!(again["unit"]["fax"], "0571-1");
        assert_eq!(again["enterprises"][0]["website"], "https://example.cn");
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let text = format!("\u{FEFF}{}", to_json(&sample()));
        assert!(from_json(&text).is_ok());
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let text = to_json(&sample()).replacen("\"unit\": {", "\"unit\": {,", 1);
        let error = from_json(&text).expect_err("refused");
        let line = text
            .lines()
            .position(|l| l.contains("\"unit\": {,"))
            .expect("line")
            + 1;
        assert_eq!(error.line, Some(line));
        assert!(
            error.to_string().starts_with(&format!("第 {line} 行")),
            "{error}"
        );
    }

    #[test]
    fn wrong_types_name_the_line() {
        let text =
            to_json(&sample()).replacen("\"paper_copies\": 3", "\"paper_copies\": \"三份\"", 1);
        let error = from_json(&text).expect_err("refused");
        let line = text.lines().position(|l| l.contains("三份")).expect("line") + 1;
        assert_eq!(error.line, Some(line), "{error}");
        assert!(error.reason.contains("类型不对"), "{error}");
    }

    #[test]
    fn hostile_files_are_refused_with_a_reason() {
        let cases = [
            ("", "空的"),
            ("[1, 2]", "不是一个 JSON 对象"),
            (
                "{\"format\": \"other\", \"version\": 1}",
                "不是领军草稿文件",
            ),
            (
                "{\"format\": \"lingjun-drafts\", \"version\": 99}",
                "更新版本",
            ),
            ("{\"format\": \"lingjun-drafts\"}", "版本号"),
            (
                "{\"format\": \"lingjun-drafts\", \"version\": 1, \"enterprises\": [{\"attachments\": [{\"name\": \"a\", \"data_base64\": \"!!\"}]}]}",
                "base64",
            ),
            (
                "{\"format\": \"lingjun-drafts\", \"version\": 1, \"enterprises\": [{}, {}, {}, {}, {}, {}]}",
                "最多推荐 5 家",
            ),
            (
                "{\"format\": \"lingjun-drafts\", \"version\": 1, \"unit\": {\"name\": 12}}",
                "类型不对",
            ),
            (
                "{\"format\": \"lingjun-drafts\", \"version\": 1, \"enterprises\": [{\"employees\": true}]}",
                "类型不对",
            ),
        ];
        for (text, expected) in cases {
            let error = from_json(text).expect_err(text);
            assert!(error.to_string().contains(expected), "{text}: {error}");
        }
    }

    #[test]
    fn large_contents_stream_in_and_out_byte_for_byte() {
        let mut blobs = MemoryBlobs::default();
        let big: Vec<u8> = (0..700_001u32).map(|i| (i * 7 % 256) as u8).collect();
        let mut draft = sample();
        draft.enterprises[0].attachments = vec![
            blobs.attach("大.pdf", big.clone()),
            blobs.attach("空.pdf", Vec::new()),
            blobs.attach("一.pdf", vec![1]),
        ];
        let text = super::to_json(&draft, &blobs).expect("writes");
        let mut stored = MemoryBlobs::default();
        let read = from_json_with(&text, &mut stored).expect("reads");
        assert_eq!(read.draft, draft);
        assert_eq!(stored, blobs);
        let escaped = text.replacen('/', "\\/", 3);
        assert!(
            from_json(&escaped).is_ok(),
            "escaped slashes are base64 too"
        );
    }

    #[test]
    fn an_attachment_without_contents_is_refused() {
        let text = "{\"format\": \"lingjun-drafts\", \"version\": 1, \"enterprises\": [{\"attachments\": [{\"name\": \"a\", \"sha256\": \"00\", \"size_bytes\": 1}]}]}";
        let error = from_json(text).expect_err("refused");
        assert!(error.reason.contains("没有内容"), "{error}");
        let short = "{\"format\": \"lingjun-drafts\", \"version\": 1, \"enterprises\": [{\"attachments\": [{\"name\": \"a\", \"data_base64\": \"AAA\"}]}]}";
        assert!(
            from_json(short)
                .expect_err("refused")
                .reason
                .contains("base64")
        );
        let cut = "{\"format\": \"lingjun-drafts\", \"version\": 1, \"enterprises\": [{\"attachments\": [{\"name\": \"a\", \"data_base64\": \"AAAA";
        assert!(from_json(cut).is_err());
    }

    #[test]
    fn a_gbk_file_is_refused_with_the_line() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("gbk.json");
        // "{\n\"unit\": \"浙江\"}" with 浙江 in GBK bytes.
        std::fs::write(
            &path,
            [
                b'{', b'\n', b'"', b'u', b'"', b':', b'"', 0xD5, 0xE3, b'"', b'}',
            ],
        )
        .expect("write");
        let error = read_file(&path, &mut DiscardBlobs).expect_err("refused");
        assert_eq!(error.line, Some(2));
        assert!(error.reason.contains("UTF-8"), "{error}");
    }

    #[test]
    fn a_missing_file_is_refused() {
        let error =
            read_file(Path::new("/nonexistent/领军.json"), &mut DiscardBlobs).expect_err("refused");
        assert!(error.reason.contains("无法读取"), "{error}");
    }
}
