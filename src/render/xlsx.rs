//! The 推荐名单汇总表 as an Excel workbook, for the ministry to compile: the same label, title, unit line and
//! columns as the PDF, set up to print on A4 landscape with the header row repeated.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};

use super::RenderError;
use super::summary::{summary_headers, summary_rows, unit_line};
use crate::model::Draft;

/// Sheet rows (0-based) of the parts of the table.
pub const TITLE_ROW: u32 = 1;
/// The 填报单位 line.
pub const UNIT_ROW: u32 = 2;
/// The column headers; the enterprises follow.
pub const HEADER_ROW: u32 = 3;

/// A column's width in Excel character units and whether it is centred, by field.
fn column_look(field: &str) -> (f64, bool) {
    match field {
        "#" => (6.0, true),
        "name" => (28.0, false),
        "credit_code" => (22.0, false),
        "region" => (12.0, true),
        "industry" => (14.0, false),
        "products" => (30.0, false),
        "nature" => (11.0, true),
        "contact_phone" => (18.0, false),
        "note" => (12.0, false),
        _ => (16.0, false),
    }
}

/// Excel's paper size code for A4.
const PAPER_A4: u8 = 9;

/// The workbook bytes of the summary table.
pub fn summary_xlsx(draft: &Draft) -> Result<Vec<u8>, RenderError> {
    let mut workbook = Workbook::new();
    // Dated by the 定稿 (rust_xlsxwriter would take the clock), so the same 定稿 gives the same bytes.
    let created = chrono::DateTime::from_timestamp(super::created_unix(draft), 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let template = &draft.template;
    let properties = DocProperties::new()
        .set_creation_datetime(&ExcelDateTime::parse_from_str(&created)?)
        .set_title(&template.summary.title)
        .set_author(draft.unit.name.trim())
        .set_comment(format!("lingjun {}", crate::VERSION));
    workbook.set_properties(&properties);
    let sheet = workbook.add_worksheet();
    sheet.set_name("推荐名单汇总表")?;

    let font = |format: Format| format.set_font_name("宋体").set_font_size(11);
    let label = font(Format::new()).set_font_name("黑体").set_font_size(14);
    let title = font(Format::new())
        .set_font_name("黑体")
        .set_font_size(18)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let unit = font(Format::new()).set_align(FormatAlign::VerticalCenter);
    let header = header_format();
    let cell = cell_format();
    let centred = cell.clone().set_align(FormatAlign::Center);

    let fields: Vec<&str> = template
        .summary
        .columns
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    // A one-column table cannot merge a range of one cell.
    let last_col = (fields.len().max(2) - 1) as u16;
    sheet.write_string_with_format(0, 0, &template.summary.attachment_label, &label)?;
    sheet.merge_range(
        TITLE_ROW,
        0,
        TITLE_ROW,
        last_col,
        &template.summary.title,
        &title,
    )?;
    sheet.set_row_height(TITLE_ROW, 32)?;
    sheet.merge_range(UNIT_ROW, 0, UNIT_ROW, last_col, &unit_line(draft), &unit)?;
    sheet.set_row_height(UNIT_ROW, 24)?;
    for (col, (name, field)) in summary_headers(template).iter().zip(&fields).enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(HEADER_ROW, col, name, &header)?;
        sheet.set_column_width(col, column_look(field).0)?;
    }
    sheet.set_row_height(HEADER_ROW, 30)?;
    let rows = summary_rows(draft);
    for (i, row) in rows.iter().enumerate() {
        let sheet_row = HEADER_ROW + 1 + i as u32;
        for (col, text) in row.iter().enumerate() {
            let centred_here = fields.get(col).is_some_and(|f| column_look(f).1);
            let format = if centred_here { &centred } else { &cell };
            sheet.write_string_with_format(sheet_row, col as u16, text, format)?;
        }
    }

    let last_row = HEADER_ROW + rows.len() as u32;
    sheet.set_landscape();
    sheet.set_paper_size(PAPER_A4);
    sheet.set_print_area(0, 0, last_row, last_col)?;
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    // rust_xlsxwriter's zip records the host system and its file attributes; rewritten with fixed ones so the
    // same 定稿 gives the same bytes on Windows and Linux.
    let time = chrono::DateTime::from_timestamp(super::created_unix(draft), 0)
        .unwrap_or_default()
        .naive_utc();
    super::fixed_zip::rewrite(&workbook.save_to_buffer()?, time)
}

/// A table's header cells: 黑体 11 bold on grey, ruled, centred, wrapped (the 汇总表 and the 标杆企业库 list).
pub(super) fn header_format() -> Format {
    Format::new()
        .set_font_name("黑体")
        .set_font_size(11)
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color(0x00E6_E6E6)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

/// A table's body cells: 宋体 11, ruled, wrapped, centred vertically.
pub(super) fn cell_format() -> Format {
    Format::new()
        .set_font_name("宋体")
        .set_font_size(11)
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
}
