//! The documents as Word files (.docx, docs/documents.md): the same content as the PDFs, in the fonts a Chinese office
//! has (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, each with its fall-back), A4 with the GB/T 9704 margins
//! and the 22 × 28 document grid, real heading styles, "— N —" folios, the 草稿 mark before 定稿.
//!
//! WordprocessingML is written by hand and zipped with `zip`: the bytes must be reproducible (fixed part order,
//! fixed times, no random revision ids), and the details GB/T 9704 needs (w:docGrid's character pitch, w:altName in
//! the font table, East Asian font attributes, a repeating header row) are a few lines of XML each.

mod parts;
mod report;
mod summary;
pub mod xml;

use chrono::{Datelike as _, NaiveDateTime};

use super::RenderError;
use crate::model::{Draft, Template};

pub use parts::{BODY_FONT, HEADING1_FONT, HEADING2_FONT, TITLE_FONT};
pub use report::is_level2_heading;

/// How to write a .docx. Identical options and drafts give identical bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocxOptions {
    /// Put the light 草稿 mark behind every page (before 定稿).
    pub draft_mark: bool,
    /// The 定稿码, printed in the footer of every page when given.
    pub footer_code: Option<String>,
    /// The time written as created/modified and as every zip entry's time (UTC).
    pub timestamp: NaiveDateTime,
}

impl DocxOptions {
    /// The options for a draft as it stands: the mark until 定稿; once final the 定稿码 in the footer and the
    /// 定稿 time; before, the 填报日期 (or 2000-01-01) as the time, so that exporting the same drafts twice gives
    /// the same bytes.
    pub fn for_draft(draft: &Draft) -> Self {
        if let (Some(finalized), Some(at)) =
            (&draft.finalized, crate::model::finalize::final_time(draft))
        {
            return Self {
                draft_mark: false,
                footer_code: Some(finalized.code.clone()),
                timestamp: at.naive_utc(),
            };
        }
        let day = crate::model::draft::parse_date(&draft.unit.date)
            .filter(|d| (1980..=2107).contains(&d.year()))
            .or_else(|| chrono::NaiveDate::from_ymd_opt(2000, 1, 1))
            .unwrap_or_default();
        Self {
            draft_mark: true,
            footer_code: None,
            timestamp: day.and_time(chrono::NaiveTime::MIN),
        }
    }
}

/// The 推荐报告 of enterprise `index` (0-based) as a .docx.
pub fn report_docx(
    draft: &Draft,
    index: usize,
    template: &Template,
    options: &DocxOptions,
) -> Result<Vec<u8>, RenderError> {
    let (body, title) = report::report_body(draft, index, template, options.draft_mark)?;
    package(&body, &title, draft.unit.name.trim(), options)
}

/// The 推荐名单汇总表 as a .docx (A4 landscape, header row repeated on every page).
pub fn summary_docx(draft: &Draft, options: &DocxOptions) -> Result<Vec<u8>, RenderError> {
    let (body, title) = summary::summary_body(draft, options.draft_mark);
    package(&body, &title, draft.unit.name.trim(), options)
}

/// Zips the parts in a fixed order with fixed times and fixed attributes.
fn package(
    body: &str,
    title: &str,
    author: &str,
    options: &DocxOptions,
) -> Result<Vec<u8>, RenderError> {
    let has_header = options.draft_mark;
    let document = format!(
        r#"{}<w:document xmlns:w="{}" xmlns:r="{}"><w:body>{body}</w:body></w:document>"#,
        parts::DECLARATION,
        parts::W_NS,
        parts::R_NS
    );
    let time = options.timestamp;
    let time_w3c = time.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut entries: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", parts::content_types(has_header)),
        ("_rels/.rels", parts::package_rels()),
        (
            "docProps/core.xml",
            parts::core_properties(title, author, &time_w3c),
        ),
        ("docProps/app.xml", parts::app_properties()),
        ("word/document.xml", document),
        (
            "word/_rels/document.xml.rels",
            parts::document_rels(has_header),
        ),
        ("word/styles.xml", parts::styles()),
        ("word/settings.xml", parts::settings()),
        ("word/fontTable.xml", parts::font_table()),
        (
            "word/footer1.xml",
            parts::footer(options.footer_code.as_deref()),
        ),
    ];
    if has_header {
        entries.push(("word/header1.xml", parts::draft_mark_header()));
    }

    // Dos as the system, a fixed level and time: the same bytes on Windows and Linux.
    super::fixed_zip::write(
        entries.iter().map(|(name, text)| (*name, text.as_bytes())),
        time,
    )
}

/// The section properties: A4 portrait or landscape, margins, footer (and header) and the document grid.
fn section_properties(
    out: &mut String,
    landscape: bool,
    margins_mm: [f32; 4],
    grid: &str,
    has_header: bool,
) {
    use std::fmt::Write as _;
    let [top, right, bottom, left] = margins_mm.map(xml::twips_mm);
    let (width, height, orient) = if landscape {
        (16838, 11906, r#" w:orient="landscape""#)
    } else {
        (11906, 16838, "")
    };
    out.push_str("<w:sectPr>");
    if has_header {
        write!(
            out,
            r#"<w:headerReference w:type="default" r:id="{}"/>"#,
            parts::HEADER_RID
        )
        .ok();
    }
    // The folio sits 7 mm below the text area (GB/T 9704-2012 7.5); the footer distance is measured from the
    // bottom edge to the folio's foot, about one 四号 line lower.
    let footer = (bottom - xml::twips_mm(7.0) - 320).max(567);
    write!(
        out,
        r#"<w:footerReference w:type="default" r:id="{}"/><w:pgSz w:w="{width}" w:h="{height}"{orient}/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="851" w:footer="{footer}" w:gutter="0"/><w:pgNumType w:start="1"/><w:cols w:space="425"/>{grid}</w:sectPr>"#,
        parts::FOOTER_RID
    )
    .ok();
}
