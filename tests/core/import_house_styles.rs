//! Random reports in each house style (docs/import.md): our own .docx export, Word's numbered heading styles with a
//! TOC field, 第X部分 in bold runs after a cover and a typed 目录, 黑体 runs with colon headings; every section has
//! its lines and, at random, tables anchored after some line (docs/import.md, "Tables"). Each is edited as a leader
//! would in Word (a sentence changed as a tracked change, a tracked insertion, a cell changed as a tracked change)
//! and imported: exactly the edited sections and tables come back, with no decision of the clerk.

use crate::common;

use std::io::{Read as _, Write as _};

use lingjun::import;
use lingjun::model::{Enterprise, SectionTable, Template};
use lingjun::render::{self, DocxOptions};
use proptest::prelude::*;

/// Sentences of a report; none starts like a heading, each ends with 。.
fn sentence() -> impl Strategy<Value = String> {
    let subjects = [
        "公司",
        "企业",
        "集团",
        "本单位",
        "技术中心",
        "质量部门",
        "供应商",
        "班组",
    ];
    let verbs = [
        "坚持", "推进", "完善", "建立", "带动", "实施", "优化", "提升",
    ];
    let objects = [
        "质量管理体系",
        "标准化工作",
        "首席质量官制度",
        "全员质量积分制",
        "数字化追溯平台",
        "ISO 9001 认证",
        "产业链协同",
        "卓越绩效模式",
    ];
    (
        proptest::sample::select(subjects.to_vec()),
        proptest::sample::select(verbs.to_vec()),
        proptest::sample::select(objects.to_vec()),
        0_u32..10_000,
    )
        .prop_map(|(s, v, o, n)| format!("{s}{v}{o}，全年完成改进项目{n}项。"))
}

fn section_lines() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(sentence(), 1..5)
}

/// Short cell text: no sentence, no heading, no fact's label, no year.
fn cell() -> impl Strategy<Value = String> {
    "[甲乙丙丁戊己庚辛]{1,3}[0-9]{0,2}(\\.[0-9]%)?"
}

/// A table of 1–3 rows and 2–4 columns, every cell filled (a row with one filled cell is a layout table, read as
/// lines), with a number that picks its anchor.
fn table() -> impl Strategy<Value = (usize, Vec<Vec<String>>)> {
    (2_usize..5, 1_usize..4).prop_flat_map(|(columns, rows)| {
        (
            0_usize..16,
            proptest::collection::vec(proptest::collection::vec(cell(), columns), rows),
        )
    })
}

/// A section as written: its lines, and its tables in anchor order (anchored after 0 to all of its lines).
#[derive(Clone, Debug)]
struct Section {
    lines: Vec<String>,
    tables: Vec<SectionTable>,
}

fn section() -> impl Strategy<Value = Section> {
    (section_lines(), proptest::collection::vec(table(), 0..3)).prop_map(|(lines, tables)| {
        let mut tables: Vec<SectionTable> = tables
            .into_iter()
            .map(|(anchor, rows)| SectionTable {
                after_line: anchor % (lines.len() + 1),
                rows,
            })
            .collect();
        tables.sort_by_key(|t| t.after_line);
        Section { lines, tables }
    })
}

/// The house styles a report arrives in.
#[derive(Clone, Copy, Debug)]
enum Style {
    /// lingjun's own .docx (导出 Word…), sent to a leader and back.
    Ours,
    /// Word: 标题 1 with automatic 一、 numbering, a 目录 made by a TOC field.
    WordNumbered,
    /// A cover page, a typed 目录 with dot leaders, 第X部分 headings as bold runs.
    PartsBold,
    /// Headings in 黑体 runs ending with a colon, no numbers.
    HeitiColon,
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn run(text: &str, rpr: &str) -> String {
    format!(
        r#"<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn para(content: &str, ppr: &str) -> String {
    format!("<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>")
}

/// A .docx of `parts` (name → bytes).
fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    for (name, text) in parts {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("zip entry");
        writer.write_all(text.as_bytes()).expect("zip write");
    }
    writer.finish().expect("zip");
    out.into_inner()
}

/// The heading paragraphs and body of a report in `style` (not `Ours`).
fn house_docx(style: Style, template: &Template, sections: &[Section]) -> Vec<u8> {
    let mut body = String::new();
    let headings: Vec<&str> = template
        .report
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    let words = |h: &str| h.split_once('、').map_or(h, |(_, w)| w).to_owned();
    let parts = ["一", "二", "三", "四", "五", "六"];
    match style {
        Style::WordNumbered => {
            body += &para(&run("质量强国建设领军企业推荐报告", ""), "");
            body += &para(
                &(r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \o "1-3" \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#.to_owned()
                    + &run(&format!("一、{}", words(headings[0])), "")
                    + "<w:r><w:tab/></w:r>"
                    + &run("1", "")),
                r#"<w:pStyle w:val="TOC1"/>"#,
            );
            body += &para(
                &(run(&format!("二、{}", words(headings[1])), "")
                    + "<w:r><w:tab/></w:r>"
                    + &run("2", "")
                    + r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#),
                r#"<w:pStyle w:val="TOC1"/>"#,
            );
        }
        Style::PartsBold => {
            body += &para(&run("企业名称（盖章）：示例有限公司", ""), "");
            body += &para(r#"<w:r><w:br w:type="page"/></w:r>"#, "");
            body += &para(&run("目录", ""), "");
            for (n, h) in headings.iter().enumerate() {
                body += &para(
                    &run(
                        &format!("第{}部分 {}……………{}", parts[n], words(h), n + 1),
                        "",
                    ),
                    "",
                );
            }
        }
        Style::HeitiColon | Style::Ours => {}
    }
    for (n, (heading, section)) in headings.iter().zip(sections).enumerate() {
        body += &match style {
            Style::WordNumbered => para(
                &run(&words(heading), ""),
                r#"<w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>"#,
            ),
            Style::PartsBold => para(
                &run(&format!("第{}部分 {}", parts[n], words(heading)), "<w:b/>"),
                "",
            ),
            Style::HeitiColon | Style::Ours => para(
                &run(
                    &format!("{}：", words(heading)),
                    r#"<w:rFonts w:eastAsia="黑体"/>"#,
                ),
                "",
            ),
        };
        body += &section_body(section);
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    );
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style></w:styles>"#
    );
    zip(&[
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
        ("word/styles.xml", styles),
    ])
}

/// A section's lines and tables as Word writes them; two tables at one place have an empty paragraph between
/// them (Word joins two tables that touch).
fn section_body(section: &Section) -> String {
    let mut body = String::new();
    for at in 0..=section.lines.len() {
        for (i, t) in section
            .tables
            .iter()
            .filter(|t| t.after_line == at)
            .enumerate()
        {
            if i > 0 {
                body += "<w:p><w:pPr/></w:p>";
            }
            body += r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>"#;
            for row in &t.rows {
                body += "<w:tr>";
                for text in row {
                    body += &format!("<w:tc>{}</w:tc>", para(&run(text, ""), ""));
                }
                body += "</w:tr>";
            }
            body += "</w:tbl>";
        }
        if let Some(line) = section.lines.get(at) {
            body += &para(&run(line, ""), "");
        }
    }
    body
}

/// Rewrites `word/document.xml` of a .docx.
fn edit_document(docx: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("our zip");
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").into_owned();
        let mut text = String::new();
        if entry.read_to_string(&mut text).is_err() {
            continue;
        }
        if name == "word/document.xml" {
            text = edit(&text);
        }
        parts.push((name, text));
    }
    let parts: Vec<(&str, String)> = parts.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    zip(&parts)
}

/// A tracked replacement of the whole text of the first (or with `last`, the last) run that reads `old`: `old`
/// deleted, `new` inserted.
fn tracked_replace(xml: &str, old: &str, new: &str, id: u32, last: bool) -> String {
    let pattern = format!(">{}</w:t></w:r>", esc(old));
    let found = if last {
        xml.rfind(&pattern)
    } else {
        xml.find(&pattern)
    };
    let Some(at) = found else {
        return xml.to_owned();
    };
    format!(
        r#"{}></w:t></w:r><w:del w:id="{id}" w:author="领导"><w:r><w:delText>{}</w:delText></w:r></w:del><w:ins w:id="{}" w:author="领导"><w:r><w:t>{}</w:t></w:r></w:ins>{}"#,
        &xml[..at],
        esc(old),
        id + 1,
        esc(new),
        &xml[at + pattern.len()..]
    )
}

/// The report of `sections` in `style`: lingjun's own .docx writer for `Ours`.
fn write_report(style: Style, template: &Template, sections: &[Section]) -> Vec<u8> {
    match style {
        Style::Ours => {
            let mut draft = common::full_draft(1);
            let e = &mut draft.enterprises[0];
            for (spec, section) in template.report.sections.iter().zip(sections) {
                e.sections
                    .insert(spec.key.clone(), section.lines.join("\n"));
                if !section.tables.is_empty() {
                    e.section_tables
                        .insert(spec.key.clone(), section.tables.clone());
                }
            }
            render::docx::report_docx(&draft, 0, template, &DocxOptions::for_draft(&draft))
                .expect("writes")
        }
        other => house_docx(other, template, sections),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Export (and write in each house style) → a leader changes one sentence, inserts a phrase and changes the
    /// last table's last cell with track changes on → import gives exactly the edited sections and tables, in
    /// every style.
    #[test]
    fn edited_reports_come_back_exactly(
        sections in proptest::collection::vec(section(), 6),
        which in 0_usize..6,
        new_sentence in sentence(),
        inserted in "[甲乙丙丁]{1,4}",
        new_cell in "改[子丑寅卯]{1,3}",
    ) {
        let template = Template::built_in();
        // The leader's edit of section `which`: its first sentence replaced (tracked), a phrase inserted into its
        // last one (tracked); and the last cell of the report's last table is changed (tracked): after it come
        // only sentences, headings and the closing, so the last run with its text is that cell.
        let old = sections[which].lines[0].clone();
        let last = sections[which].lines.last().cloned().unwrap_or_default();
        let mut expected = sections.clone();
        expected[which].lines[0] = new_sentence.clone();
        let last_index = expected[which].lines.len() - 1;
        let (head, tail) = last.split_at(last.find('，').unwrap_or(0));
        if last_index > 0 {
            expected[which].lines[last_index] = format!("{head}{inserted}{tail}");
        }
        let last_cell = expected
            .iter_mut()
            .rev()
            .find_map(|s| s.tables.last_mut())
            .and_then(|t| t.rows.last_mut()?.last_mut());
        let old_cell = last_cell.map(|c| std::mem::replace(c, new_cell.clone()));
        for style in [Style::Ours, Style::WordNumbered, Style::PartsBold, Style::HeitiColon] {
            let edited = edit_document(&write_report(style, template, &sections), |xml| {
                let mut xml = tracked_replace(xml, &old, &new_sentence, 1, false);
                if last_index > 0 {
                    xml = xml.replacen(
                        &format!(">{}</w:t></w:r>", esc(&last)),
                        &format!(
                            r#">{}</w:t></w:r><w:ins w:id="3" w:author="领导"><w:r><w:t>{}</w:t></w:r></w:ins><w:r><w:t>{}</w:t></w:r>"#,
                            esc(head), esc(&inserted), esc(tail)
                        ),
                        1,
                    );
                }
                if let Some(old_cell) = &old_cell {
                    xml = tracked_replace(&xml, old_cell, &new_cell, 4, true);
                }
                xml
            });
            let blocks = import::read_docx_bytes(&edited).expect("reads");
            let plan = import::plan(&blocks, template, &Enterprise::default(), "r.docx");
            for (spec, section) in template.report.sections.iter().zip(&expected) {
                let found = plan.sections.iter().find(|s| s.key == spec.key);
                prop_assert_eq!(found.map(|s| s.text.clone()), Some(section.lines.join("\n")), "{:?} section {}: {:?}", style, spec.key, plan.lines());
                prop_assert_eq!(found.map(|s| s.tables.clone()), Some(section.tables.clone()), "{:?} section {} tables", style, spec.key);
            }
        }
    }
}
