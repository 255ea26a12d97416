//! Reads the text of a .docx: paragraphs and tables of `word/document.xml`, with text in tables, lists, tracked
//! insertions, content controls and text boxes; without tracked deletions, moved-away text, field codes, comments
//! (another part) or the duplicate VML copy Word keeps of each text box. Unpacking is bounded.

use std::io::Read as _;

use quick_xml::events::Event;

use super::numbering::Numbering;
use super::{Block, ImportError, Para};

/// The most `word/document.xml` may unpack to: a 30 000-character report is about 1 MB of XML.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Above this ratio of unpacked to packed size a large part is taken for a zip bomb.
const MAX_RATIO: u64 = 200;
/// Parts smaller than this are never suspect, whatever their ratio (XML compresses well).
const RATIO_FLOOR_BYTES: u64 = 4 * 1024 * 1024;

/// The blocks of the document in `file` (a zip archive).
pub fn read<R: std::io::Read + std::io::Seek>(file: R) -> Result<Vec<Block>, ImportError> {
    let mut archive = zip::ZipArchive::new(file).map_err(|e| damaged_or_encrypted(&e))?;
    if archive.index_for_name("word/document.xml").is_none() {
        if archive.index_for_name("mimetype").is_some() {
            return Err(ImportError::SaveAsDocx {
                kind: " OpenDocument（.odt）",
            });
        }
        return Err(ImportError::NotWord);
    }
    let numbering = match archive.index_for_name("word/numbering.xml") {
        Some(_) => Numbering::parse(&read_part(&mut archive, "word/numbering.xml")?),
        None => Numbering::default(),
    };
    let document = read_part(&mut archive, "word/document.xml")?;
    parse_document(&document, &numbering)
}

fn damaged_or_encrypted(error: &zip::result::ZipError) -> ImportError {
    let reason = error.to_string();
    if reason.contains("assword") || reason.contains("ncrypt") {
        ImportError::Encrypted
    } else {
        ImportError::Damaged { reason }
    }
}

/// One part as text, refusing it when its declared or actual unpacked size is over the limit.
fn read_part<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<String, ImportError> {
    let too_big = || ImportError::Unpacks {
        part: name.to_owned(),
        limit_bytes: MAX_PART_BYTES,
    };
    let entry = archive
        .by_name(name)
        .map_err(|e| damaged_or_encrypted(&e))?;
    if entry.encrypted() {
        return Err(ImportError::Encrypted);
    }
    let declared = entry.size();
    let packed = entry.compressed_size();
    let bomb_like = |unpacked: u64| {
        (unpacked > RATIO_FLOOR_BYTES && unpacked / packed.max(1) > MAX_RATIO).then(|| {
            ImportError::Ratio {
                part: name.to_owned(),
                packed_bytes: packed,
                unpacked_bytes: unpacked,
                ratio_limit: MAX_RATIO,
            }
        })
    };
    if declared > MAX_PART_BYTES {
        return Err(too_big());
    }
    if let Some(error) = bomb_like(declared) {
        return Err(error);
    }
    // The declared size may lie: read at most one byte past the limit and look.
    let mut bytes = Vec::with_capacity(usize::try_from(declared.min(MAX_PART_BYTES)).unwrap_or(0));
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::Damaged {
            reason: e.to_string(),
        })?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(too_big());
    }
    if let Some(error) = bomb_like(bytes.len() as u64) {
        return Err(error);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| ImportError::Damaged {
        reason: format!("{name} 不是 UTF-8"),
    })
}

/// Where paragraphs go while the document is read: the body, or a table cell.
enum Container {
    Body,
    Cell(Vec<String>),
}

/// A table being read.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
}

/// One paragraph being read: its text, outline level and list numbering.
#[derive(Default)]
struct OpenPara {
    text: String,
    outline: Option<u8>,
    num_id: Option<String>,
    level: u8,
}

/// Elements whose content is not part of the visible, current text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "w:del"
            | "w:moveFrom"
            | "mc:Fallback"
            | "w:instrText"
            | "w:delText"
            | "w:rPr"
            | "w:sdtPr"
            | "w:pPrChange"
            | "w:rPrChange"
            | "w:numberingChange"
    )
}

/// Parses `document.xml` into blocks.
pub fn parse_document(xml: &str, numbering: &Numbering) -> Result<Vec<Block>, ImportError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut containers = vec![Container::Body];
    let mut tables: Vec<Table> = Vec::new();
    let mut paras: Vec<OpenPara> = Vec::new();
    let mut counters = numbering.counters();
    let mut skip_depth = 0_u32;
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| ImportError::Damaged {
            reason: format!("word/document.xml：{e}"),
        })?;
        match event {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if skip_depth > 0 || is_skipped(name) {
                    skip_depth += 1;
                    continue;
                }
                match name {
                    "w:p" => paras.push(OpenPara::default()),
                    "w:t" => in_text = true,
                    "w:tbl" => tables.push(Table::default()),
                    "w:tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.row.clear();
                        }
                    }
                    "w:tc" => containers.push(Container::Cell(Vec::new())),
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip_depth > 0 {
                    continue;
                }
                let name = e.name();
                let value = || {
                    e.try_get_attribute("w:val")
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned())
                };
                let Some(para) = paras.last_mut() else {
                    continue;
                };
                match name.as_ref() {
                    "w:tab" | "w:ptab" => para.text.push('\t'),
                    "w:br" | "w:cr" => para.text.push('\n'),
                    "w:noBreakHyphen" => para.text.push('-'),
                    "w:outlineLvl" => para.outline = value().and_then(|v| v.parse().ok()),
                    "w:pStyle" if para.outline.is_none() => {
                        para.outline = value().and_then(|v| style_outline(&v));
                    }
                    "w:numId" => para.num_id = value(),
                    "w:ilvl" => para.level = value().and_then(|v| v.parse().ok()).unwrap_or(0),
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip_depth == 0 => {
                if let Some(para) = paras.last_mut() {
                    para.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if in_text && skip_depth == 0 => {
                if let Some(para) = paras.last_mut() {
                    para.text.push_str(t.as_ref());
                }
            }
            Event::GeneralRef(r) if in_text && skip_depth == 0 => {
                if let Some(para) = paras.last_mut() {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        para.text.push(c);
                    } else {
                        match r.xml10_content().as_ref() {
                            "amp" => para.text.push('&'),
                            "lt" => para.text.push('<'),
                            "gt" => para.text.push('>'),
                            "quot" => para.text.push('"'),
                            "apos" => para.text.push('\''),
                            _ => {}
                        }
                    }
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    "w:t" => in_text = false,
                    "w:p" => {
                        let Some(open) = paras.pop() else { continue };
                        let mut text = open.text;
                        if let Some(num_id) = &open.num_id {
                            text.insert_str(0, &counters.label(num_id, open.level));
                        }
                        match containers.last_mut() {
                            Some(Container::Cell(paragraphs)) => paragraphs.push(text),
                            _ => blocks.push(Block::Para(Para {
                                text,
                                outline: open.outline,
                            })),
                        }
                    }
                    "w:tc" => {
                        if let (Some(Container::Cell(paragraphs)), Some(t)) =
                            (containers.pop(), tables.last_mut())
                        {
                            t.row.push(paragraphs.join("\n"));
                        }
                    }
                    "w:tr" => {
                        if let Some(t) = tables.last_mut() {
                            let row = std::mem::take(&mut t.row);
                            t.rows.push(row);
                        }
                    }
                    "w:tbl" => {
                        let Some(table) = tables.pop() else { continue };
                        match containers.last_mut() {
                            // A table inside a cell: its rows become lines of that cell.
                            Some(Container::Cell(paragraphs)) => {
                                paragraphs.extend(table.rows.iter().map(|r| r.join("\t")));
                            }
                            _ => blocks.push(Block::Table(table.rows)),
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(blocks)
}

/// Outline level of Word's built-in heading styles: `Heading1`…, and `1`… as Chinese Word names 标题 1.
fn style_outline(style: &str) -> Option<u8> {
    let digits = style
        .strip_prefix("Heading")
        .or_else(|| style.strip_prefix("heading"))
        .or_else(|| style.strip_prefix("标题"))
        .unwrap_or(style)
        .trim();
    let level: u8 = digits.parse().ok()?;
    (1..=9).contains(&level).then(|| level - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> Vec<String> {
        let doc =
            format!(r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>{xml}</w:body></w:document>"#);
        parse_document(&doc, &Numbering::default())
            .expect("parses")
            .into_iter()
            .map(|b| match b {
                Block::Para(p) => p.text,
                Block::Table(rows) => format!("{rows:?}"),
            })
            .collect()
    }

    #[test]
    fn insertions_count_and_deletions_do_not() {
        let xml = r#"<w:p><w:r><w:t>质量</w:t></w:r><w:ins><w:r><w:t>强国</w:t></w:r></w:ins><w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom></w:p>"#;
        assert_eq!(texts(xml), ["质量强国"]);
    }

    #[test]
    fn field_codes_are_skipped_and_results_kept() {
        let xml = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> 页&amp;&#x4E00;</w:t></w:r></w:p>"#;
        assert_eq!(texts(xml), ["7 页&一"]);
    }

    #[test]
    fn text_boxes_are_read_once() {
        let xml = r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
        assert_eq!(texts(xml), ["文本框", "正文"]);
    }

    #[test]
    fn tables_keep_rows_and_cells() {
        let xml = r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>企业名称</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
        assert_eq!(texts(xml), [r#"[["企业名称", "甲\n乙"]]"#]);
    }

    #[test]
    fn broken_xml_is_damaged() {
        let result = parse_document("<w:document><w:body><w:p></w:body>", &Numbering::default());
        assert!(
            matches!(result, Err(ImportError::Damaged { .. })),
            "{result:?}"
        );
    }
}
