//! Reads the text of a .docx: paragraphs and tables of `word/document.xml`, with text in tables, lists, tracked
//! insertions, content controls and text boxes; without tracked deletions, moved-away text, field codes, comments
//! (another part) or the duplicate VML copy Word keeps of each text box. Headers and footers are other parts and
//! are not read. Each paragraph carries the signals of a heading: style, outline level, bold, size, 黑体, and
//! whether it belongs to a table of contents. Unpacking is bounded.

use std::io::Read as _;

use quick_xml::events::Event;

use super::numbering::{Counters, Numbering};
use super::styles::{Resolved, Styles, is_toc_style, on_off};
use super::text::join_breaks;
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
    let styles = match archive.index_for_name("word/styles.xml") {
        Some(_) => Styles::parse(&read_part(&mut archive, "word/styles.xml")?),
        None => Styles::default(),
    };
    let document = read_part(&mut archive, "word/document.xml")?;
    parse_document(&document, &numbering, &styles)
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

/// One paragraph being read: its text, style, list numbering and what its visible characters look like.
#[derive(Default)]
struct OpenPara {
    text: String,
    outline: Option<u8>,
    style: Resolved,
    num_id: Option<String>,
    level: u8,
    in_ppr: bool,
    /// Visible characters, and how many of them are bold / in a 黑体-like font.
    chars: usize,
    bold_chars: usize,
    heiti_chars: usize,
    size: u16,
    toc: bool,
}

/// A run's own formatting (`w:rPr`), before the paragraph style fills the gaps.
#[derive(Default, Clone)]
struct RunProps {
    bold: Option<bool>,
    size: Option<u16>,
    font: Option<String>,
    style: Option<Resolved>,
}

/// Whether an East Asian font is a heavy sans one, as Chinese reports use for headings.
fn is_heiti(font: &str) -> bool {
    font.contains('黑') || font.contains("Hei")
}

/// Elements whose content is not part of the visible, current text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "w:del"
            | "w:moveFrom"
            | "mc:Fallback"
            | "w:delText"
            | "w:delInstrText"
            | "w:pPrChange"
            | "w:rPrChange"
            | "w:numberingChange"
            | "w:placeholder"
    )
}

/// Parses `document.xml` into blocks, with the paragraph styles of `styles.xml`.
pub fn parse_document(
    xml: &str,
    numbering: &Numbering,
    styles: &Styles,
) -> Result<Vec<Block>, ImportError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut doc = DocumentReader::new(numbering, styles);
    loop {
        let event = reader.read_event().map_err(|e| ImportError::Damaged {
            reason: format!("word/document.xml：{e}"),
        })?;
        match event {
            Event::Start(e) => doc.start(&e),
            Event::Empty(e) => doc.empty(&e),
            Event::Text(t) if doc.skip_depth == 0 && (doc.in_text || doc.in_instr) => {
                doc.text(&t.xml10_content());
            }
            Event::CData(t) if doc.in_text && doc.skip_depth == 0 => doc.add_text(t.as_ref()),
            Event::GeneralRef(r) if doc.in_text && doc.skip_depth == 0 => {
                let c = if let Ok(Some(c)) = r.resolve_char_ref() {
                    Some(c)
                } else {
                    match r.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    }
                };
                if let Some(c) = c {
                    doc.add_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::End(e) => doc.end(e.name().as_ref()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(doc.blocks)
}

/// `document.xml` being read: the blocks so far and what is open (tables, cells, paragraphs, runs, fields).
struct DocumentReader<'a> {
    styles: &'a Styles,
    counters: Counters<'a>,
    blocks: Vec<Block>,
    containers: Vec<Container>,
    tables: Vec<Table>,
    paras: Vec<OpenPara>,
    runs: Vec<RunProps>,
    /// Depth inside an element whose content is not read (`is_skipped`).
    skip_depth: u32,
    in_text: bool,
    in_instr: bool,
    /// Open fields and content controls: whether each is a table of contents.
    fields: Vec<bool>,
    controls: Vec<bool>,
}

impl<'a> DocumentReader<'a> {
    fn new(numbering: &'a Numbering, styles: &'a Styles) -> Self {
        Self {
            styles,
            counters: numbering.counters(),
            blocks: Vec::new(),
            containers: vec![Container::Body],
            tables: Vec::new(),
            paras: Vec::new(),
            runs: Vec::new(),
            skip_depth: 0,
            in_text: false,
            in_instr: false,
            fields: Vec::new(),
            controls: Vec::new(),
        }
    }

    /// Whether the text read now belongs to a table of contents (a TOC field or content control is open).
    fn in_toc(&self) -> bool {
        self.fields.iter().chain(&self.controls).any(|t| *t)
    }

    fn add_text(&mut self, text: &str) {
        let in_toc = self.in_toc();
        if let Some(para) = self.paras.last_mut() {
            add_text(para, self.runs.last(), text, in_toc);
        }
    }

    /// Text of a `w:t` (the paragraph's) or of a `w:instrText` (a field's instruction).
    fn text(&mut self, text: &str) {
        if self.in_instr {
            if let Some(top) = self.fields.last_mut() {
                *top |= is_toc_instruction(text);
            }
        } else {
            self.add_text(text);
        }
    }

    fn start(&mut self, e: &quick_xml::events::BytesStart<'_>) {
        let name = e.name();
        let name = name.as_ref();
        if self.skip_depth > 0 || is_skipped(name) {
            self.skip_depth += 1;
            return;
        }
        match name {
            "w:p" => self.paras.push(OpenPara {
                style: self.styles.paragraph(None),
                ..OpenPara::default()
            }),
            "w:pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.in_ppr = true;
                }
            }
            "w:r" => self.runs.push(RunProps::default()),
            "w:t" => self.in_text = true,
            "w:instrText" => self.in_instr = true,
            "w:tbl" => self.tables.push(Table::default()),
            "w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                }
            }
            "w:tc" => self.containers.push(Container::Cell(Vec::new())),
            "w:sdt" => self.controls.push(false),
            "w:fldSimple" => self
                .fields
                .push(is_toc_instruction(&attribute(e, "w:instr"))),
            _ => {}
        }
    }

    /// An element without content: field marks, a control's gallery, breaks, and paragraph and run properties.
    fn empty(&mut self, e: &quick_xml::events::BytesStart<'_>) {
        if self.skip_depth > 0 {
            return;
        }
        let name = e.name();
        let value = || attribute(e, "w:val");
        match name.as_ref() {
            "w:fldChar" => {
                match attribute(e, "w:fldCharType").as_str() {
                    "begin" => self.fields.push(false),
                    "end" => {
                        self.fields.pop();
                    }
                    _ => {}
                }
                return;
            }
            "w:docPartGallery" => {
                let gallery = value();
                if let Some(top) = self.controls.last_mut() {
                    *top |= gallery.contains("Table of Contents") || gallery.contains("目录");
                }
                return;
            }
            _ => {}
        }
        let Some(para) = self.paras.last_mut() else {
            return;
        };
        let in_run = !para.in_ppr && !self.runs.is_empty();
        match name.as_ref() {
            "w:tab" | "w:ptab" => para.text.push('\t'),
            // A page or column break is layout, not a line of text.
            "w:br" | "w:cr" if !matches!(attribute(e, "w:type").as_str(), "page" | "column") => {
                para.text.push('\n');
            }
            "w:noBreakHyphen" => para.text.push('-'),
            "w:outlineLvl" if para.in_ppr => para.outline = value().parse().ok(),
            "w:pStyle" => para.style = self.styles.paragraph(Some(&value())),
            "w:numId" => para.num_id = Some(value()),
            "w:ilvl" => para.level = value().parse().unwrap_or(0),
            "w:b" | "w:sz" | "w:rFonts" | "w:rStyle" if in_run => {
                if let Some(run) = self.runs.last_mut() {
                    run_property(run, name.as_ref(), e, self.styles);
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return;
        }
        match name {
            "w:t" => self.in_text = false,
            "w:instrText" => self.in_instr = false,
            "w:pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.in_ppr = false;
                }
            }
            "w:r" => {
                self.runs.pop();
            }
            "w:sdt" => {
                self.controls.pop();
            }
            "w:fldSimple" => {
                self.fields.pop();
            }
            "w:p" => self.end_paragraph(),
            "w:tc" => {
                if let (Some(Container::Cell(paragraphs)), Some(t)) =
                    (self.containers.pop(), self.tables.last_mut())
                {
                    t.row.push(paragraphs.join("\n"));
                }
            }
            "w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            "w:tbl" => self.end_table(),
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let Some(open) = self.paras.pop() else {
            return;
        };
        let para = finish(open, &mut self.counters);
        match self.containers.last_mut() {
            Some(Container::Cell(paragraphs)) => paragraphs.push(para.text),
            _ => self.blocks.push(Block::Para(para)),
        }
    }

    fn end_table(&mut self) {
        let Some(table) = self.tables.pop() else {
            return;
        };
        match self.containers.last_mut() {
            // A table inside a cell: its rows become lines of that cell.
            Some(Container::Cell(paragraphs)) => {
                paragraphs.extend(table.rows.iter().map(|r| r.join("\t")));
            }
            _ => self.blocks.push(Block::Table(table.rows)),
        }
    }
}

/// A run's bold, size, East Asian font or character style.
fn run_property(
    run: &mut RunProps,
    name: &str,
    e: &quick_xml::events::BytesStart<'_>,
    styles: &Styles,
) {
    let value = || attribute(e, "w:val");
    match name {
        "w:b" => {
            let v = value();
            run.bold = Some(on_off((!v.is_empty()).then_some(v.as_str())));
        }
        "w:sz" => run.size = value().parse().ok(),
        "w:rFonts" => {
            let font = attribute(e, "w:eastAsia");
            if !font.is_empty() {
                run.font = Some(font);
            }
        }
        "w:rStyle" => run.style = Some(styles.character(&value())),
        _ => {}
    }
}

/// An attribute's value, or "".
fn attribute(e: &quick_xml::events::BytesStart<'_>, key: &str) -> String {
    e.try_get_attribute(key)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
        .unwrap_or_default()
}

/// A field instruction that builds a table of contents: `TOC \o "1-3" \h`.
fn is_toc_instruction(instruction: &str) -> bool {
    instruction.trim_start().starts_with("TOC")
}

/// Adds text of the innermost run to the paragraph and counts how it looks.
fn add_text(para: &mut OpenPara, run: Option<&RunProps>, text: &str, in_toc: bool) {
    para.text.push_str(text);
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    if visible == 0 {
        return;
    }
    para.toc |= in_toc;
    let run = run.cloned().unwrap_or_default();
    let character = run.style.unwrap_or_default();
    let bold = run
        .bold
        .or(character.bold)
        .or(para.style.bold)
        .unwrap_or(false);
    let size = run.size.or(character.size).or(para.style.size).unwrap_or(0);
    let font = run
        .font
        .or(character.font)
        .or_else(|| para.style.font.clone())
        .unwrap_or_default();
    para.chars += visible;
    if bold {
        para.bold_chars += visible;
    }
    if is_heiti(&font) {
        para.heiti_chars += visible;
    }
    para.size = para.size.max(size);
}

/// The paragraph as the structure finder reads it.
fn finish(open: OpenPara, counters: &mut Counters<'_>) -> Para {
    let list_label = open
        .num_id
        .as_ref()
        .map(|id| counters.label(id, open.level))
        .unwrap_or_default();
    let text = join_breaks(&format!("{list_label}{}", open.text));
    let all = |n: usize| open.chars > 0 && n == open.chars;
    Para {
        text,
        outline: open.outline.or(open.style.outline),
        toc: open.toc || is_toc_style(&open.style.name),
        style: open.style.name,
        list_label,
        bold: all(open.bold_chars),
        heiti: all(open.heiti_chars),
        size: open.size,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> Vec<String> {
        let doc =
            format!(r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>{xml}</w:body></w:document>"#);
        parse_document(&doc, &Numbering::default(), &Styles::default())
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
        let result = parse_document(
            "<w:document><w:body><w:p></w:body>",
            &Numbering::default(),
            &Styles::default(),
        );
        assert!(
            matches!(result, Err(ImportError::Damaged { .. })),
            "{result:?}"
        );
    }
}
