//! Small builders for WordprocessingML: escaped text, runs, paragraphs and table cells as strings.

use std::fmt::Write as _;

/// Twentieths of a point per point: WordprocessingML measures lengths in twips.
pub const TWIPS_PER_PT: f32 = 20.0;

/// Millimetres to twips, rounded.
pub fn twips_mm(value_mm: f32) -> i32 {
    (value_mm * 72.0 / 25.4 * TWIPS_PER_PT).round() as i32
}

/// Text escaped for XML character data and attributes. Characters XML 1.0 cannot hold (most C0 controls) are
/// dropped: Word refuses a file that contains them.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// One paragraph: its style, extra paragraph properties, run properties and text (tabs become `w:tab`).
#[derive(Clone, Debug, Default)]
pub struct Para<'a> {
    pub style: &'a str,
    /// Raw `w:pPr` children after the style (alignment, indentation, spacing).
    pub ppr: String,
    /// Raw `w:rPr` children for every run of the paragraph.
    pub rpr: &'a str,
    pub text: &'a str,
}

impl Para<'_> {
    /// Appends the paragraph's XML to `out`.
    pub fn write(&self, out: &mut String) {
        out.push_str("<w:p><w:pPr>");
        if !self.style.is_empty() {
            write!(out, r#"<w:pStyle w:val="{}"/>"#, self.style).ok();
        }
        out.push_str(&self.ppr);
        out.push_str("</w:pPr>");
        for (i, piece) in self.text.split('\t').enumerate() {
            if i > 0 {
                run_open(out, self.rpr);
                out.push_str("<w:tab/></w:r>");
            }
            if !piece.is_empty() {
                run_open(out, self.rpr);
                write!(
                    out,
                    r#"<w:t xml:space="preserve">{}</w:t></w:r>"#,
                    esc(piece)
                )
                .ok();
            }
        }
        out.push_str("</w:p>");
    }
}

fn run_open(out: &mut String, rpr: &str) {
    out.push_str("<w:r>");
    if !rpr.is_empty() {
        write!(out, "<w:rPr>{rpr}</w:rPr>").ok();
    }
}

/// Run properties naming one font for every script, East Asian included, so Word and WPS use it for 汉字.
pub fn fonts(east_asian: &str, latin: &str) -> String {
    format!(
        r#"<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asian}" w:cs="{latin}"/>"#
    )
}

/// A table cell of `width` twips holding one paragraph per line of `text`.
pub fn cell(out: &mut String, width_twips: i32, para: &Para<'_>) {
    write!(
        out,
        r#"<w:tc><w:tcPr><w:tcW w:w="{width_twips}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>"#
    )
    .ok();
    let mut lines = para.text.split('\n').peekable();
    if lines.peek().is_none() {
        Para {
            text: "",
            ..para.clone()
        }
        .write(out);
    }
    for line in lines {
        Para {
            text: line,
            ..para.clone()
        }
        .write(out);
    }
    out.push_str("</w:tc>");
}

/// The opening of a bordered table with fixed column widths that add up to the text width.
pub fn table_open(out: &mut String, widths_twips: &[i32]) {
    let total: i32 = widths_twips.iter().sum();
    write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>"#
    )
    .ok();
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        write!(
            out,
            r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        )
        .ok();
    }
    out.push_str(
        r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>"#,
    );
    for width in widths_twips {
        write!(out, r#"<w:gridCol w:w="{width}"/>"#).ok();
    }
    out.push_str("</w:tblGrid>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_controls_dropped() {
        assert_eq!(esc("a<b>&\"c\u{1}\u{7}"), "a&lt;b&gt;&amp;&quot;c");
        assert_eq!(esc("质量\t强国"), "质量\t强国");
    }

    #[test]
    fn tabs_become_tab_elements() {
        let mut out = String::new();
        Para {
            style: "Normal",
            text: "甲\t乙",
            ..Para::default()
        }
        .write(&mut out);
        assert!(out.contains("<w:tab/>"), "{out}");
        assert!(
            out.contains(">甲</w:t>") && out.contains(">乙</w:t>"),
            "{out}"
        );
    }
}
