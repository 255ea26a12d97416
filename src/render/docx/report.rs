//! The 推荐报告 as WordprocessingML: the same blocks as the PDF (附件 label, title, cover block, facts table,
//! sections, closing block), on the GB/T 9704 grid of 22 lines × 28 characters.

use std::fmt::Write as _;

use super::parts::{BODY_HALF_PT, LINE_PITCH_TWIPS};
use super::xml::{Para, cell, table_open, twips_mm};
use crate::model::section_table::{self, Piece};
use crate::model::template::printed_value;
use crate::model::{Draft, Enterprise, SectionTable, Template};
use crate::render::RenderError;
use crate::render::report::chinese_date;

/// GB/T 9704-2012 5.2.1 margins, top, right, bottom, left.
const MARGINS_MM: [f32; 4] = [37.0, 26.0, 35.0, 28.0];
/// Characters per line on the grid (GB/T 9704-2012 5.2.2).
const CHARS_PER_LINE: i32 = 28;
/// One character of 三号, in twips.
const EM_TWIPS: i32 = BODY_HALF_PT * 10;

/// The document grid: 22 lines of 579 twips; 28 characters across 156 mm. Word measures the character pitch as
/// the difference from the default size (三号) in 1/4096 pt.
fn document_grid() -> String {
    let width_twips = twips_mm(210.0 - MARGINS_MM[1] - MARGINS_MM[3]);
    #[expect(clippy::cast_precision_loss, reason = "twips are small integers")]
    let pitch_pt = width_twips as f32 / CHARS_PER_LINE as f32 / 20.0;
    let char_space = ((pitch_pt - 16.0) * 4096.0).round() as i32;
    format!(
        r#"<w:docGrid w:type="linesAndChars" w:linePitch="{LINE_PITCH_TWIPS}" w:charSpace="{char_space}"/>"#
    )
}

/// The body XML of enterprise `index`'s report and its document title.
pub fn report_body(
    draft: &Draft,
    index: usize,
    template: &Template,
    has_header: bool,
) -> Result<(String, String), RenderError> {
    let enterprise = draft
        .enterprises
        .get(index)
        .ok_or(RenderError::NoSuchEnterprise {
            index,
            count: draft.enterprises.len(),
        })?;
    let mut out = String::new();
    Para {
        style: "AttachmentLabel",
        text: &template.report.attachment_label,
        ..Para::default()
    }
    .write(&mut out);
    Para {
        style: "Title",
        text: &template.report.title,
        ..Para::default()
    }
    .write(&mut out);

    let hanging = 5 * EM_TWIPS;
    for (label, value) in [
        ("企业名称：", enterprise.name.trim().to_owned()),
        ("推荐单位：", draft.unit.name.trim().to_owned()),
        ("推荐日期：", chinese_date(&draft.unit.date)),
    ] {
        Para {
            style: "Normal",
            ppr: format!(
                r#"<w:ind w:left="{}" w:hanging="{hanging}"/><w:jc w:val="left"/>"#,
                2 * EM_TWIPS + hanging
            ),
            text: &format!("{label}{value}"),
            ..Para::default()
        }
        .write(&mut out);
    }
    facts_table(&mut out, enterprise, index, template);

    let body_ppr = format!(
        r#"<w:ind w:firstLineChars="200" w:firstLine="{}"/>"#,
        2 * EM_TWIPS
    );
    for spec in &template.report.sections {
        Para {
            style: "Heading1",
            text: &spec.heading,
            ..Para::default()
        }
        .write(&mut out);
        let text = enterprise.section(&spec.key);
        for piece in section_table::pieces(text, enterprise.tables(&spec.key)) {
            match piece {
                Piece::Text(text) => section_text(&mut out, text, &body_ppr),
                Piece::Table(t) => section_table_xml(&mut out, t),
            }
        }
    }
    closing_block(&mut out, draft, &template.report.closing);

    super::section_properties(&mut out, false, MARGINS_MM, &document_grid(), has_header);
    let title = format!("{}（{}）", template.report.title, enterprise.display_name());
    Ok((out, title))
}

/// Lines of a section's text, one paragraph each; `（一）` lines as level-2 headings.
fn section_text(out: &mut String, text: &str, body_ppr: &str) {
    for line in text.lines() {
        let style = if is_level2_heading(line) {
            "Heading2"
        } else {
            "Normal"
        };
        Para {
            style,
            ppr: body_ppr.to_owned(),
            text: line.trim_end(),
            ..Para::default()
        }
        .write(out);
    }
}

/// A table inside a section as a ruled `w:tbl` of equal columns across the text width, as in the PDF: cells
/// centred, ragged rows filled with empty cells; a table without cells writes nothing.
fn section_table_xml(out: &mut String, t: &SectionTable) {
    let count = t.column_count();
    if count == 0 || t.rows.is_empty() {
        return;
    }
    let column_count = i32::try_from(count).unwrap_or(i32::MAX);
    let width = twips_mm(156.0) / column_count;
    table_open(out, &vec![width; count]);
    let ppr = r#"<w:jc w:val="center"/>"#.to_owned();
    for row in t.squared() {
        out.push_str("<w:tr>");
        for text in &row {
            let para = Para {
                style: "TableText",
                ppr: ppr.clone(),
                text,
                ..Para::default()
            };
            cell(out, width, &para);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between a table and what follows; an empty one, as after the facts table.
    half_line(out);
}

/// An empty paragraph of half a line: the air above and below a table, and the paragraph Word needs after one.
fn half_line(out: &mut String) {
    Para {
        style: "Normal",
        ppr: r#"<w:spacing w:line="289" w:lineRule="exact"/>"#.to_owned(),
        ..Para::default()
    }
    .write(out);
}

/// A line of a section that reads as a level-2 heading: `（一）…`, short, not a finished sentence.
pub fn is_level2_heading(line: &str) -> bool {
    let line = line.trim();
    let Some(rest) = line.strip_prefix('（').or_else(|| line.strip_prefix('(')) else {
        return false;
    };
    let numeral_len = rest
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    numeral_len > 0
        && rest[numeral_len * 3..].starts_with(['）', ')'])
        && line.chars().count() <= 40
        && !line.ends_with(['。', '；', '，'])
}

/// The key facts as a two-column table; empty facts are left out, the table too when all are (as in the PDF).
fn facts_table(out: &mut String, enterprise: &Enterprise, index: usize, template: &Template) {
    let rows = fact_rows(enterprise, index, template);
    if rows.is_empty() {
        return;
    }
    let width = twips_mm(156.0);
    let label_width = width * 38 / 100;
    let widths = [label_width, width - label_width];
    // A half-line of air above and below, as in the PDF.
    half_line(out);
    table_open(out, &widths);
    let label_rpr = super::xml::fonts(super::HEADING1_FONT.0, super::parts::LATIN_FONT);
    for (label, value) in &rows {
        out.push_str(r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>"#);
        let label_para = Para {
            style: "TableText",
            ppr: r#"<w:jc w:val="center"/>"#.to_owned(),
            rpr: &label_rpr,
            text: label,
        };
        cell(out, widths[0], &label_para);
        let value_para = Para {
            style: "TableText",
            text: value,
            ..Para::default()
        };
        cell(out, widths[1], &value_para);
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    half_line(out);
}

/// The facts table's rows: label and value of each non-empty key fact, in the PDF's order.
pub fn fact_rows(
    enterprise: &Enterprise,
    index: usize,
    template: &Template,
) -> Vec<(String, String)> {
    template
        .report
        .facts
        .iter()
        .map(|key| {
            (
                template.field_label(key),
                printed_value(enterprise, index, key),
            )
        })
        .filter(|(_, value)| !value.is_empty())
        .collect()
}

/// 推荐单位（盖章） and the date, right-aligned four characters in from the margin (GB/T 9704-2012 7.3.5.1).
fn closing_block(out: &mut String, draft: &Draft, closing: &str) {
    for _ in 0..2 {
        Para {
            style: "Normal",
            ..Para::default()
        }
        .write(out);
    }
    let unit = draft.unit.name.trim();
    let signature = match (closing.trim(), unit) {
        ("", unit) => unit.to_owned(),
        (closing, "") => closing.to_owned(),
        (closing, unit) => format!("{closing}：{unit}"),
    };
    let mut ppr = String::new();
    write!(
        ppr,
        r#"<w:keepNext/><w:ind w:right="{}"/><w:jc w:val="right"/>"#,
        2 * EM_TWIPS
    )
    .ok();
    Para {
        style: "Normal",
        ppr,
        text: &signature,
        ..Para::default()
    }
    .write(out);
    Para {
        style: "Normal",
        ppr: format!(
            r#"<w:ind w:right="{}"/><w:jc w:val="right"/>"#,
            4 * EM_TWIPS
        ),
        text: &chinese_date(&draft.unit.date),
        ..Para::default()
    }
    .write(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_two_headings_are_short_numbered_lines() {
        assert!(is_level2_heading("（一）产品质量"));
        assert!(is_level2_heading("(十二) 标准引领"));
        assert!(!is_level2_heading(
            "（一）产品质量稳步提升，客户满意度达到百分之九十八。"
        ));
        assert!(!is_level2_heading("一、企业基本情况"));
        assert!(!is_level2_heading("（注）说明"));
    }

    #[test]
    fn grid_is_28_characters_of_a_156_mm_line() {
        let grid = document_grid();
        assert!(grid.contains(r#"w:linePitch="579""#), "{grid}");
        assert!(grid.contains(r#"w:charSpace="-84"#), "{grid}");
    }
}
