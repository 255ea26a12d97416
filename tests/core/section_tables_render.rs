//! Tables inside report sections in the documents (docs/documents.md): a real ruled table in the PDF, read back by
//! pdftotext with its cells in order, and a `w:tbl` in the .docx that LibreOffice reads back cell by cell. A
//! draft without tables renders as before; hostile tables render without panic.

use crate::common;

use std::path::Path;

use lingjun::model::{Draft, SectionTable, Template};
use lingjun::render;

/// The cells of the test table, row by row.
const CELLS: [[&str; 3]; 3] = [
    ["指标名称", "二〇二二年", "二〇二三年"],
    ["产品一次交验合格率", "百分之九十九点一", "百分之九十九点六"],
    ["顾客满意度指数", "九十二分", "九十四分"],
];

fn tabled_draft() -> Draft {
    let mut draft = common::full_draft(1);
    draft.enterprises[0]
        .sections
        .insert("quality".into(), "表前第一段。\n表后第二段。".into());
    let table = SectionTable {
        after_line: 1,
        rows: CELLS
            .iter()
            .map(|row| row.iter().map(|c| (*c).to_owned()).collect())
            .collect(),
    };
    draft.enterprises[0]
        .section_tables
        .insert("quality".into(), vec![table]);
    draft
}

fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The cells, then the paragraph after the table, in reading order.
fn expected_in_order() -> Vec<&'static str> {
    let mut expected = vec!["表前第一段。"];
    expected.extend(CELLS.iter().flatten());
    expected.push("表后第二段。");
    expected
}

fn assert_in_order(text: &str, expected: &[&str], what: &str) {
    let mut from = 0;
    for piece in expected {
        let Some(at) = text[from..].find(piece) else {
            panic!("{what}: {piece} after byte {from} in {text}");
        };
        from += at + piece.len();
    }
}

/// Line segments drawn on the PDF's pages (`l` operators of the content streams).
fn line_operators(pdf: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    doc.get_pages()
        .values()
        .map(|page| {
            let content = doc.get_and_decode_page_content(*page).expect("content");
            content
                .operations
                .iter()
                .filter(|op| op.operator == "l")
                .count()
        })
        .sum()
}

fn pdftotext(path: &Path) -> Option<String> {
    let output = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The PDF holds the table as ruled cells: pdftotext reads the cells in order between the paragraphs, and the
/// pages draw 4 horizontal and 4 vertical rules per row more than without the table.
#[test]
fn the_pdf_has_a_ruled_table_with_the_cells_in_order() {
    let draft = tabled_draft();
    let pdf = render::report_pdf(&draft, 0, Template::built_in()).expect("renders");
    let mut plain = draft.clone();
    plain.enterprises[0].section_tables.clear();
    let without = render::report_pdf(&plain, 0, Template::built_in()).expect("renders");
    // Each row is a box: top, bottom and one rule at each of the 4 column edges.
    assert_eq!(
        line_operators(&pdf),
        line_operators(&without) + 3 * 6,
        "three ruled rows of three columns"
    );
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf).expect("writes");
    let Some(text) = pdftotext(&path) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install pdftotext"
        );
        return;
    };
    assert_in_order(&squeezed(&text), &expected_in_order(), "pdftotext");
}

/// A draft without tables lays out exactly as before: the same display list as the text alone gives.
#[test]
fn a_section_without_tables_renders_as_its_text() {
    let draft = common::full_draft(1);
    let mut with_empty = draft.clone();
    with_empty.enterprises[0]
        .section_tables
        .insert("quality".into(), vec![SectionTable::default()]);
    let a = render::report::report_layout(&draft, 0, Template::built_in()).expect("lays out");
    let b = render::report::report_layout(&with_empty, 0, Template::built_in()).expect("lays out");
    assert_eq!(a.pages, b.pages, "an empty table prints nothing");
}

/// The .docx holds a `w:tbl` with the cells in order, and LibreOffice reads them back in order.
#[test]
fn the_docx_has_a_table_libreoffice_reads() {
    let draft = tabled_draft();
    let options = render::docx::DocxOptions::for_draft(&draft);
    let bytes =
        render::docx::report_docx(&draft, 0, Template::built_in(), &options).expect("renders");
    let xml = document_xml(&bytes);
    assert_eq!(
        xml.matches("<w:tbl>").count(),
        2,
        "the facts table and ours"
    );
    let ours = &xml[xml.rfind("<w:tbl>").expect("table")..];
    assert_eq!(ours.matches("<w:tr>").count(), 3);
    assert_eq!(ours.matches("<w:tc>").count(), 9);
    let Some(text) = libreoffice_text(&bytes) else {
        return;
    };
    assert_in_order(&squeezed(&text), &expected_in_order(), "LibreOffice");
}

fn document_xml(docx: &[u8]) -> String {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml
}

/// The .docx converted to text by LibreOffice; `None` (outside CI) when soffice is not installed.
fn libreoffice_text(docx: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("report.docx");
    std::fs::write(&input, docx).expect("writes");
    let ran = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&input)
        .output();
    let Ok(output) = ran else {
        assert!(std::env::var_os("CI").is_none(), "CI must install soffice");
        return None;
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(std::fs::read_to_string(dir.path().join("report.txt")).expect("LibreOffice wrote text"))
}

/// Hostile tables render without panic: empty, ragged, 1 MB in one cell, 1000 × 50 cells.
#[test]
fn hostile_tables_render_without_panic() {
    let mut draft = common::full_draft(1);
    let mut huge = SectionTable::new(0, 1000, 50);
    for (r, row) in huge.rows.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            *cell = format!("{r}.{c}");
        }
    }
    let mut big = SectionTable::new(1, 2, 2);
    big.rows[0][1] = "质量".repeat(175_000);
    let ragged = SectionTable {
        after_line: 0,
        rows: vec![
            vec![],
            vec!["甲".into()],
            vec!["甲".into(), "乙".into(), "丙".into()],
        ],
    };
    draft.enterprises[0].section_tables.insert(
        "quality".into(),
        vec![SectionTable::default(), ragged, big, huge],
    );
    let started = std::time::Instant::now();
    let pdf = render::report_pdf(&draft, 0, Template::built_in()).expect("renders");
    let options = render::docx::DocxOptions::for_draft(&draft);
    let docx =
        render::docx::report_docx(&draft, 0, Template::built_in(), &options).expect("renders");
    assert!(pdf.len() > 1000 && docx.len() > 1000);
    eprintln!("hostile tables rendered in {:?}", started.elapsed());
    let xml = document_xml(&docx);
    let ragged_at = xml.find("甲</w:t>").expect("ragged table");
    let ragged_table = &xml[xml[..ragged_at].rfind("<w:tbl>").expect("open")..];
    let ragged_table = &ragged_table[..ragged_table.find("</w:tbl>").expect("close")];
    assert_eq!(
        ragged_table.matches("<w:tc>").count(),
        9,
        "ragged rows filled"
    );
}
