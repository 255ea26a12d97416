//! The 推荐名单汇总表 as WordprocessingML: A4 landscape, the same label, title, unit line and columns as the PDF,
//! fixed column widths that add up to the text width, the header row repeated on every page.

use super::xml::{Para, cell, fonts, table_open, twips_mm};
use crate::model::{Draft, Template};
use crate::render::summary::{column_look, summary_headers, summary_rows, unit_line};

/// The PDF's landscape margins: top, right, bottom, left.
const MARGINS_MM: [f32; 4] = [20.0, 18.0, 22.0, 18.0];
/// 18 characters of 小四 digits and letters plus the cell margins.
const CODE_COLUMN_TWIPS: i32 = 2520;

/// The column widths in twips, filling the 261 mm text width exactly: the PDF's relative widths, the
/// credit-code column the width of its 18 characters instead.
pub fn column_widths(template: &Template) -> Vec<i32> {
    let text_width = twips_mm(297.0 - MARGINS_MM[1] - MARGINS_MM[3]);
    let columns = &template.summary.columns;
    let is_code = |field: &str| field == "credit_code";
    let share = |field: &str| (column_look(field).0 * 100.0).round() as i32;
    let codes = columns.iter().filter(|c| is_code(&c.field)).count() as i32;
    let rest = (text_width - codes * CODE_COLUMN_TWIPS).max(0);
    let shares: i32 = columns
        .iter()
        .filter(|c| !is_code(&c.field))
        .map(|c| share(&c.field))
        .sum::<i32>()
        .max(1);
    let mut widths: Vec<i32> = columns
        .iter()
        .map(|c| {
            if is_code(&c.field) {
                CODE_COLUMN_TWIPS
            } else {
                rest * share(&c.field) / shares
            }
        })
        .collect();
    // Rounding leaves a few twips over: give them to the widest column.
    let over = text_width - widths.iter().sum::<i32>();
    if let Some(widest) = widths.iter_mut().max() {
        *widest += over;
    }
    widths
}

/// The body XML of the summary table and its document title.
pub fn summary_body(draft: &Draft, has_header: bool) -> (String, String) {
    let template = &draft.template;
    let mut out = String::new();
    let auto = r#"<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/>"#;
    Para {
        style: "AttachmentLabel",
        ppr: auto.to_owned(),
        text: &template.summary.attachment_label,
        ..Para::default()
    }
    .write(&mut out);
    Para {
        style: "Title",
        ppr: r#"<w:spacing w:before="120" w:after="120" w:line="240" w:lineRule="auto"/>"#
            .to_owned(),
        text: &template.summary.title,
        ..Para::default()
    }
    .write(&mut out);
    Para {
        style: "TableText",
        ppr: r#"<w:spacing w:after="120"/>"#.to_owned(),
        text: &unit_line(draft),
        ..Para::default()
    }
    .write(&mut out);

    let widths = column_widths(template);
    table_open(&mut out, &widths);
    let small = r#"<w:sz w:val="24"/><w:szCs w:val="24"/>"#;
    let header_rpr = format!(
        "{}{small}",
        fonts(super::HEADING1_FONT.0, super::parts::LATIN_FONT)
    );
    out.push_str(r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"#);
    for (name, width) in summary_headers(template).iter().zip(&widths) {
        let para = Para {
            style: "TableText",
            ppr: r#"<w:jc w:val="center"/>"#.to_owned(),
            rpr: &header_rpr,
            text: name,
        };
        cell(&mut out, *width, &para);
    }
    out.push_str("</w:tr>");
    for row in summary_rows(draft) {
        out.push_str(r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>"#);
        for (i, (text, width)) in row.iter().zip(&widths).enumerate() {
            let centred = template
                .summary
                .columns
                .get(i)
                .is_some_and(|c| column_look(&c.field).1);
            let align = if centred { "center" } else { "left" };
            let para = Para {
                style: "TableText",
                ppr: format!(r#"<w:jc w:val="{align}"/>"#),
                rpr: small,
                text,
            };
            cell(&mut out, *width, &para);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between a table and the section's end.
    Para {
        style: "TableText",
        ..Para::default()
    }
    .write(&mut out);
    super::section_properties(
        &mut out,
        true,
        MARGINS_MM,
        r#"<w:docGrid w:linePitch="312"/>"#,
        has_header,
    );
    let title = format!("{}（{}）", template.summary.title, draft.unit.name.trim());
    (out, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_landscape_text_width() {
        let widths = column_widths(Template::built_in());
        assert_eq!(widths.len(), 9);
        assert_eq!(widths.iter().sum::<i32>(), twips_mm(261.0));
        assert!(widths.iter().all(|w| *w > 500), "{widths:?}");
    }
}
