//! The 推荐报告 (附件2) of one enterprise, laid out in the manner of GB/T 9704-2012: A4 portrait, a 156 × 225 mm
//! text area, 三号 (16 pt) body on a 22-line grid, 二号 (22 pt) title, 黑体-style headings, "— N —" folios.

use super::RenderError;
use super::display::{A4_LONG_PT, A4_SHORT_PT, FontKind, Layout, mm};
use super::flow::{Align, Flow, Frame, Paragraph, Style};
use super::linebreak::Line;
use super::page_marks;
use super::table::{Column, TableStyle, table};
use crate::model::section_table::{self, Piece};
use crate::model::template::printed_value;
use crate::model::{Draft, Enterprise, SectionTable, Template};

/// GB/T 9704-2012 5.2.1: top 37 mm, left 28 mm; the 156 × 225 mm text area leaves 26 mm right and 35 mm bottom.
pub fn frame() -> Frame {
    Frame {
        width_pt: A4_SHORT_PT,
        height_pt: A4_LONG_PT,
        top_pt: mm(37.0),
        right_pt: mm(26.0),
        bottom_pt: mm(35.0),
        left_pt: mm(28.0),
    }
}

/// Lines per page of body text (GB/T 9704-2012 5.2.2).
pub const LINES_PER_PAGE: f32 = 22.0;
/// 三号: the body size.
pub const BODY_SIZE_PT: f32 = 16.0;
/// 二号: the title size.
pub const TITLE_SIZE_PT: f32 = 22.0;
/// 四号: the key-figures table.
const TABLE_SIZE_PT: f32 = 14.0;

/// The body: serif at 16 pt on the 22-line grid (≈ 28.9 pt).
pub fn body_style() -> Style {
    Style {
        font: FontKind::Serif,
        size_pt: BODY_SIZE_PT,
        line_pitch_pt: frame().content_height_pt() / LINES_PER_PAGE,
    }
}

/// Lays out the report of enterprise `index`.
pub fn report_layout(
    draft: &Draft,
    index: usize,
    template: &Template,
) -> Result<Layout, RenderError> {
    let enterprise = draft
        .enterprises
        .get(index)
        .ok_or(RenderError::NoSuchEnterprise {
            index,
            count: draft.enterprises.len(),
        })?;
    let body = body_style();
    let em = BODY_SIZE_PT;
    let heading = Style {
        font: FontKind::Sans,
        ..body
    };
    let mut flow = Flow::new(frame());

    flow.paragraphs(
        &template.report.attachment_label,
        &Paragraph::new(heading, Align::Left),
    );
    flow.skip_pt(body.line_pitch_pt * 0.5);
    let title = Style {
        font: FontKind::SerifBold,
        size_pt: TITLE_SIZE_PT,
        line_pitch_pt: TITLE_SIZE_PT * 1.6,
    };
    flow.paragraphs(
        &template.report.title,
        &Paragraph::new(title, Align::Center),
    );
    flow.skip_pt(body.line_pitch_pt * 0.5);

    cover_block(&mut flow, draft, enterprise, &body);
    key_facts(&mut flow, enterprise, index, template);

    for spec in &template.report.sections {
        flow.skip_pt(body.line_pitch_pt * 0.25);
        // Keep a heading with at least the first line of its section.
        flow.ensure_pt(2.0 * body.line_pitch_pt);
        let mut heading_para = Paragraph::new(heading, Align::Left);
        heading_para.first_indent_pt = 2.0 * em;
        flow.paragraphs(&spec.heading, &heading_para);
        let mut para = Paragraph::new(body, Align::Justify);
        para.first_indent_pt = 2.0 * em;
        let text = enterprise.section(&spec.key);
        for piece in section_table::pieces(text, enterprise.tables(&spec.key)) {
            match piece {
                Piece::Text(text) => {
                    flow.paragraphs(text, &para);
                }
                Piece::Table(t) => section_table_block(&mut flow, t),
            }
        }
    }

    closing_block(&mut flow, draft, &template.report.closing, &body);

    let mut pages = flow.pages;
    page_marks::decorate(&mut pages, &frame(), page_marks::Marks::of(draft));
    Ok(Layout {
        title: format!("{}（{}）", template.report.title, enterprise.display_name()),
        author: draft.unit.name.trim().to_owned(),
        pages,
        created_unix: super::created_unix(draft),
    })
}

/// 企业名称, 推荐单位 and the date, each value wrapping under itself rather than under its label.
fn cover_block(flow: &mut Flow, draft: &Draft, enterprise: &Enterprise, body: &Style) {
    let em = BODY_SIZE_PT;
    let rows = [
        ("企业名称：", enterprise.name.trim().to_owned()),
        ("推荐单位：", draft.unit.name.trim().to_owned()),
        ("推荐日期：", chinese_date(&draft.unit.date)),
    ];
    for (label, value) in rows {
        let label_width_pt = 5.0 * em;
        let mut para = Paragraph::new(*body, Align::Left);
        para.left_indent_pt = 2.0 * em + label_width_pt;
        para.first_indent_pt = -label_width_pt;
        flow.paragraphs(&format!("{label}{value}"), &para);
    }
}

/// The key facts as a two-column table; facts left empty are left out, and so is the table when all are.
fn key_facts(flow: &mut Flow, enterprise: &Enterprise, index: usize, template: &Template) {
    let rows: Vec<Vec<String>> = template
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
        .map(|(label, value)| vec![label, value])
        .collect();
    if rows.is_empty() {
        return;
    }
    let body = table_text_style();
    let width_pt = flow.frame.content_width_pt();
    let columns = [
        Column {
            header: String::new(),
            width_pt: width_pt * 0.38,
            align: Align::Center,
            font: FontKind::Sans,
        },
        Column {
            header: String::new(),
            width_pt: width_pt * 0.62,
            align: Align::Left,
            font: FontKind::Serif,
        },
    ];
    let style = TableStyle {
        header: body,
        body,
        padding_x_pt: 6.0,
        padding_y_pt: 3.0,
        has_header: false,
    };
    flow.skip_pt(body_style().line_pitch_pt * 0.5);
    table(flow, &columns, &rows, &style);
    flow.skip_pt(body_style().line_pitch_pt * 0.5);
}

/// The style of the report's tables: 四号 serif with 1.5 lines' pitch.
fn table_text_style() -> Style {
    Style {
        font: FontKind::Serif,
        size_pt: TABLE_SIZE_PT,
        line_pitch_pt: TABLE_SIZE_PT * 1.5,
    }
}

/// A table inside a section (docs/documents.md): ruled, columns of equal width across the text area, cells
/// centred in the 四号 serif of the facts table, ragged rows filled with empty cells. A table without cells
/// prints nothing.
fn section_table_block(flow: &mut Flow, t: &SectionTable) {
    let count = t.column_count();
    if count == 0 || t.rows.is_empty() {
        return;
    }
    #[expect(clippy::cast_precision_loss, reason = "a table has few columns")]
    let width_pt = flow.frame.content_width_pt() / count as f32;
    let columns = vec![
        Column {
            header: String::new(),
            width_pt,
            align: Align::Center,
            font: FontKind::Serif,
        };
        count
    ];
    let style = TableStyle {
        header: table_text_style(),
        body: table_text_style(),
        padding_x_pt: 4.0,
        padding_y_pt: 3.0,
        has_header: false,
    };
    flow.skip_pt(body_style().line_pitch_pt * 0.25);
    table(flow, &columns, &t.rows, &style);
    flow.skip_pt(body_style().line_pitch_pt * 0.25);
}

/// 推荐单位（盖章） and the date, kept together on one page: the date right-aligned four characters in from the
/// margin (GB/T 9704-2012 7.3.5.1), the signature centred above it.
fn closing_block(flow: &mut Flow, draft: &Draft, closing: &str, body: &Style) {
    let em = BODY_SIZE_PT;
    flow.skip_pt(2.0 * body.line_pitch_pt);
    flow.ensure_pt(2.0 * body.line_pitch_pt);
    let unit = draft.unit.name.trim();
    let signature = match (closing.trim(), unit) {
        ("", unit) => unit.to_owned(),
        (closing, "") => closing.to_owned(),
        (closing, unit) => format!("{closing}：{unit}"),
    };
    let date = chinese_date(&draft.unit.date);
    let width_pt = flow.frame.content_width_pt();
    let measure = |text: &str| super::metrics::text_width_pt(body.font, body.size_pt, text);
    let date_right_pt = 4.0 * em;
    let date_width_pt = measure(&date);
    let signature_width_pt = measure(&signature).min(width_pt);
    let centre_pt = width_pt - date_right_pt - date_width_pt / 2.0;
    let signature_left_pt = (centre_pt - signature_width_pt / 2.0)
        .min(width_pt - signature_width_pt)
        .max(0.0);
    let mut signature_para = Paragraph::new(*body, Align::Left);
    signature_para.left_indent_pt = signature_left_pt;
    flow.paragraphs(&signature, &signature_para);
    let left_pt = flow.frame.left_pt + width_pt - date_right_pt - date_width_pt;
    let line = Line {
        text: date,
        width_pt: date_width_pt,
        ends_paragraph: true,
    };
    flow.line(&line, body, Align::Left, left_pt, date_width_pt);
}

/// `2024-09-10` → `2024年9月10日`; text that is not such a date as typed; nothing → blanks to write the date in.
pub fn chinese_date(iso: &str) -> String {
    use chrono::Datelike as _;
    match crate::model::draft::parse_date(iso) {
        Some(date) => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        None if iso.trim().is_empty() => "　　　　年　　月　　日".to_owned(),
        None => iso.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_has_22_lines_of_about_28_9_points() {
        let pitch = body_style().line_pitch_pt;
        assert!((pitch - 28.99).abs() < 0.05, "{pitch}");
        let frame = frame();
        assert!(
            (frame.content_width_pt() - mm(156.0)).abs() < 0.01,
            "156 mm wide"
        );
        assert!(
            (frame.content_height_pt() - mm(225.0)).abs() < 0.01,
            "225 mm high"
        );
    }

    #[test]
    fn dates_read_as_chinese() {
        assert_eq!(chinese_date("2024-09-10"), "2024年9月10日");
        assert_eq!(chinese_date(" 九月 "), "九月");
        assert!(chinese_date("").ends_with("日"));
    }
}
