//! The 推荐名单汇总表 (附件3): A4 landscape, one row per enterprise in recommendation order, the header row
//! repeated on every page.

use super::display::{A4_LONG_PT, A4_SHORT_PT, FontKind, Layout, mm};
use super::flow::{Align, Flow, Frame, Paragraph, Style};
use super::metrics;
use super::page_marks;
use super::table::{Column, TableStyle, table};
use crate::model::Draft;

/// The title of the table, as 附件3 of the notice names it.
pub const SUMMARY_TITLE: &str = "质量强国建设领军企业推荐名单汇总表";
/// The label above the title.
pub const SUMMARY_LABEL: &str = "附件3";

/// The columns of 附件3, in order.
pub const SUMMARY_COLUMNS: [&str; 9] = [
    "序号",
    "企业名称",
    "统一社会信用代码",
    "所在地区",
    "所属行业（领域）",
    "主营业务（主导产品）",
    "企业性质",
    "联系人及电话",
    "备注",
];

/// The same headers with a break where a narrow column would otherwise split a bracket.
const PRINTED_HEADERS: [&str; 9] = [
    "序号",
    "企业名称",
    "统一社会信用代码",
    "所在地区",
    "所属行业\n（领域）",
    "主营业务\n（主导产品）",
    "企业性质",
    "联系人及电话",
    "备注",
];

/// Relative widths of the columns; the credit-code column is sized to its 18 characters instead.
// 联系人及电话 holds a landline with its area code (0574-87654321) on one line, 企业性质 holds 混合所有制.
const WIDTH_SHARES: [f32; 9] = [0.65, 1.7, 0.0, 1.0, 1.1, 1.9, 1.2, 1.7, 0.6];

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

/// The cells of each enterprise's row, in the order of `SUMMARY_COLUMNS`.
pub fn summary_rows(draft: &Draft) -> Vec<Vec<String>> {
    draft
        .enterprises
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let contact = [e.contact.trim(), e.phone.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            vec![
                (i + 1).to_string(),
                e.name.trim().to_owned(),
                e.credit_code.trim().to_owned(),
                e.region.trim().to_owned(),
                e.industry.trim().to_owned(),
                e.products.trim().to_owned(),
                e.nature.trim().to_owned(),
                contact,
                String::new(),
            ]
        })
        .collect()
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
    flow.paragraphs(SUMMARY_LABEL, &Paragraph::new(label, Align::Left));
    let title = Style {
        font: FontKind::SerifBold,
        size_pt: 22.0,
        line_pitch_pt: 36.0,
    };
    flow.paragraphs(SUMMARY_TITLE, &Paragraph::new(title, Align::Center));
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
    let code_width_pt = metrics::text_width_pt(body.font, body.size_pt, "91330100799655058B").max(
        metrics::text_width_pt(header.font, header.size_pt, "统一社会信用代码"),
    ) + 2.0 * PADDING_X_PT
        + 4.0;
    let share_pt = (frame.content_width_pt() - code_width_pt) / WIDTH_SHARES.iter().sum::<f32>();
    let columns: Vec<Column> = PRINTED_HEADERS
        .iter()
        .zip(WIDTH_SHARES)
        .enumerate()
        .map(|(i, (header, share))| Column {
            header: (*header).to_owned(),
            width_pt: if i == 2 {
                code_width_pt
            } else {
                share * share_pt
            },
            align: if matches!(i, 0 | 3 | 6) {
                Align::Center
            } else {
                Align::Left
            },
            font: FontKind::Serif,
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
        title: format!("{SUMMARY_TITLE}（{}）", draft.unit.name.trim()),
        author: draft.unit.name.trim().to_owned(),
        pages,
        created_unix: super::created_unix(draft),
    }
}
