//! The 推荐名单汇总表 (附件3): A4 landscape, one row per enterprise in recommendation order, the header row
//! repeated on every page.

use super::display::{A4_LONG_PT, A4_SHORT_PT, FontKind, Layout, mm};
use super::flow::{Align, Flow, Frame, Paragraph, Style};
use super::metrics;
use super::page_marks;
use super::table::{Column, TableStyle, table};
use crate::model::template::printed_value;
use crate::model::{Draft, Template, credit_code};

/// How wide a column is relative to the others, and whether it is centred, by field: 联系人及电话 holds a
/// landline with its area code (0574-87654321) on one line, 企业性质 holds 混合所有制. The credit-code column
/// is not in here: it is sized to its 18 characters so that a code never breaks.
pub fn column_look(field: &str) -> (f32, bool) {
    match field {
        "#" => (0.65, true),
        "name" => (1.7, false),
        "region" => (1.0, true),
        "industry" => (1.1, false),
        "products" => (1.9, false),
        "nature" => (1.2, true),
        "contact_phone" => (1.7, false),
        "note" => (0.6, false),
        _ => (1.1, false),
    }
}

/// The column headers as the template names them.
pub fn summary_headers(template: &Template) -> Vec<String> {
    template
        .summary
        .columns
        .iter()
        .map(|c| template.column_label(c))
        .collect()
}

/// A header with a break before its bracket, so a narrow column does not split 所属行业（领域） mid-bracket.
fn printed_header(label: &str) -> String {
    match label.find('（') {
        Some(at) if at > 0 && label.chars().count() > 5 => {
            format!("{}\n{}", &label[..at], &label[at..])
        }
        _ => label.to_owned(),
    }
}

const TABLE_SIZE_PT: f32 = 12.0;
const PADDING_X_PT: f32 = 5.0;

/// Margins of the landscape page: 20 mm top and bottom (room for the folio), 18 mm at the sides.
pub fn frame() -> Frame {
    Frame {
        width_pt: A4_LONG_PT,
        height_pt: A4_SHORT_PT,
        top_pt: mm(20.0),
        right_pt: mm(18.0),
        bottom_pt: mm(22.0),
        left_pt: mm(18.0),
    }
}

/// The 填报单位 line: `填报单位（盖章）：…　联系人：…　电话：…`.
pub fn unit_line(draft: &Draft) -> String {
    let unit = &draft.unit;
    format!(
        "填报单位（盖章）：{}　　联系人：{}　　电话：{}",
        unit.name.trim(),
        unit.contact.trim(),
        unit.phone.trim()
    )
}

/// The cells of each enterprise's row, in the order of the template's columns.
pub fn summary_rows(draft: &Draft) -> Vec<Vec<String>> {
    let columns = &draft.template.summary.columns;
    draft
        .enterprises
        .iter()
        .enumerate()
        .map(|(i, e)| {
            columns
                .iter()
                .map(|c| printed_value(e, i, &c.field))
                .collect()
        })
        .collect()
}

/// The width of the credit-code column: an 18-character code never breaks, so the column fits the widest code in
/// the table (letters such as M, W and X are much wider than digits) at the table's size, and its header.
fn code_column_width_pt(draft: &Draft, body: &Style, header: &Style) -> f32 {
    let widest_code_pt = draft
        .enterprises
        .iter()
        .map(|e| credit_code::normalize(&e.credit_code))
        .filter(|code| code.chars().count() <= credit_code::CREDIT_CODE_LEN)
        .map(|code| metrics::text_width_pt(body.font, body.size_pt, &code))
        .fold(
            metrics::text_width_pt(body.font, body.size_pt, "91330100799655058B"),
            f32::max,
        );
    let header_pt = metrics::text_width_pt(header.font, header.size_pt, "统一社会信用代码");
    // A little slack over the measured width, so rounding in the line breaker never pushes the last character over.
    widest_code_pt.max(header_pt) + 2.0 * PADDING_X_PT + 4.0
}

/// Lays out the summary table.
pub fn summary_layout(draft: &Draft) -> Layout {
    let frame = frame();
    let mut flow = Flow::new(frame);
    let label = Style {
        font: FontKind::Sans,
        size_pt: 16.0,
        line_pitch_pt: 26.0,
    };
    let template = &draft.template;
    flow.paragraphs(
        &template.summary.attachment_label,
        &Paragraph::new(label, Align::Left),
    );
    let title = Style {
        font: FontKind::SerifBold,
        size_pt: 22.0,
        line_pitch_pt: 36.0,
    };
    flow.paragraphs(
        &template.summary.title,
        &Paragraph::new(title, Align::Center),
    );
    flow.skip_pt(6.0);
    let info = Style {
        font: FontKind::Serif,
        size_pt: 14.0,
        line_pitch_pt: 24.0,
    };
    flow.paragraphs(&unit_line(draft), &Paragraph::new(info, Align::Left));
    flow.skip_pt(6.0);

    let body = Style {
        font: FontKind::Serif,
        size_pt: TABLE_SIZE_PT,
        line_pitch_pt: TABLE_SIZE_PT * 1.5,
    };
    let header = Style {
        font: FontKind::Sans,
        ..body
    };
    let code_width_pt = code_column_width_pt(draft, &body, &header);
    let specs = &template.summary.columns;
    let is_code = |field: &str| field == "credit_code";
    let fixed_pt: f32 = specs
        .iter()
        .filter(|c| is_code(&c.field))
        .map(|_| code_width_pt)
        .sum();
    let shares: f32 = specs
        .iter()
        .filter(|c| !is_code(&c.field))
        .map(|c| column_look(&c.field).0)
        .sum();
    let share_pt = (frame.content_width_pt() - fixed_pt).max(0.0) / shares.max(0.01);
    let columns: Vec<Column> = specs
        .iter()
        .map(|c| {
            let (share, centred) = column_look(&c.field);
            Column {
                header: printed_header(&template.column_label(c)),
                width_pt: if is_code(&c.field) {
                    code_width_pt
                } else {
                    share * share_pt
                },
                align: if centred { Align::Center } else { Align::Left },
                font: FontKind::Serif,
            }
        })
        .collect();
    let style = TableStyle {
        header,
        body,
        padding_x_pt: PADDING_X_PT,
        padding_y_pt: 5.0,
        has_header: true,
    };
    table(&mut flow, &columns, &summary_rows(draft), &style);

    let mut pages = flow.pages;
    page_marks::decorate(&mut pages, &frame, page_marks::Marks::of(draft));
    Layout {
        title: format!("{}（{}）", template.summary.title, draft.unit.name.trim()),
        author: draft.unit.name.trim().to_owned(),
        pages,
        created_unix: super::created_unix(draft),
    }
}
