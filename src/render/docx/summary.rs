//! The 推荐名单汇总表 as WordprocessingML: A4 landscape, the same label, title, unit line and columns as the PDF,
//! fixed column widths that add up to the text width, the header row repeated on every page.

use super::xml::{Para, cell, fonts, table_open, twips_mm};
use crate::model::Draft;
use crate::render::summary::{
    SUMMARY_COLUMNS, SUMMARY_LABEL, SUMMARY_TITLE, summary_rows, unit_line,
};

/// The PDF's landscape margins: top, right, bottom, left.
const MARGINS_MM: [f32; 4] = [20.0, 18.0, 22.0, 18.0];
/// The PDF's relative widths; the credit-code column gets the width of its 18 characters instead.
const WIDTH_SHARES: [i32; 9] = [65, 170, 0, 100, 110, 190, 120, 170, 60];
/// 18 characters of 小四 digits and letters plus the cell margins.
const CODE_COLUMN_TWIPS: i32 = 2520;

/// The column widths in twips, filling the 261 mm text width exactly.
pub fn column_widths() -> Vec<i32> {
    let text_width = twips_mm(297.0 - MARGINS_MM[1] - MARGINS_MM[3]);
    let rest = text_width - CODE_COLUMN_TWIPS;
    let shares: i32 = WIDTH_SHARES.iter().sum();
    let mut widths: Vec<i32> = WIDTH_SHARES
        .iter()
        .map(|share| {
            if *share == 0 {
                CODE_COLUMN_TWIPS
            } else {
                rest * share / shares
            }
        })
        .collect();
    // Rounding leaves a few twips over: give them to the widest column.
    let over = text_width - widths.iter().sum::<i32>();
    widths[5] += over;
    widths
}

/// The body XML of the summary table and its document title.
pub fn summary_body(draft: &Draft, has_header: bool) -> (String, String) {
    let mut out = String::new();
    let auto = r#"<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/>"#;
    Para {
        style: "AttachmentLabel",
        ppr: auto.to_owned(),
        text: SUMMARY_LABEL,
        ..Para::default()
    }
    .write(&mut out);
    Para {
        style: "Title",
        ppr: r#"<w:spacing w:before="120" w:after="120" w:line="240" w:lineRule="auto"/>"#
            .to_owned(),
        text: SUMMARY_TITLE,
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

    let widths = column_widths();
    table_open(&mut out, &widths);
    let small = r#"<w:sz w:val="24"/><w:szCs w:val="24"/>"#;
    let header_rpr = format!(
        "{}{small}",
        fonts(super::HEADING1_FONT.0, super::parts::LATIN_FONT)
    );
    out.push_str(r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"#);
    for (name, width) in SUMMARY_COLUMNS.iter().zip(&widths) {
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
            let align = if matches!(i, 0 | 3 | 6) {
                "center"
            } else {
                "left"
            };
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
    let title = format!("{SUMMARY_TITLE}（{}）", draft.unit.name.trim());
    (out, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_landscape_text_width() {
        let widths = column_widths();
        assert_eq!(widths.len(), SUMMARY_COLUMNS.len());
        assert_eq!(widths.iter().sum::<i32>(), twips_mm(261.0));
        assert!(widths.iter().all(|w| *w > 500), "{widths:?}");
    }
}
