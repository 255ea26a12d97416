//! Tables inside report sections, imported from a .docx (docs/import.md, "Tables"): a table under a section's
//! heading becomes that section's table and the plan applies and undoes it; a hostile table of 1000 × 50 cells
//! gives a clear plan (imported as lines, with a note saying why) quickly and in little memory, measured in a child
//! process (`VmHWM`), and a cell of 1 MB comes through whole.

use std::io::Write as _;
use std::path::Path;

use lingjun::import;
use lingjun::model::{Draft, Enterprise, SectionTable, Template};

/// Names the child's job and the .docx it reads.
const CHILD_VAR: &str = "LINGJUN_SECTION_TABLE_IMPORT_CHILD";

fn cell_xml(text: &str) -> String {
    format!(r#"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#)
}

/// A .docx of the built-in template's headings, each with a line of text, and `table` under the second heading.
pub(crate) fn docx_with_table(table: &[Vec<String>]) -> Vec<u8> {
    let template = Template::built_in();
    let mut body = String::new();
    for (i, spec) in template.report.sections.iter().enumerate() {
        body.push_str(&format!(
            r#"<w:p><w:r><w:t>{}</w:t></w:r></w:p><w:p><w:r><w:t>{}的正文。</w:t></w:r></w:p>"#,
            spec.heading, spec.key
        ));
        if i == 1 {
            body.push_str("<w:tbl>");
            for row in table {
                body.push_str("<w:tr>");
                for cell in row {
                    body.push_str(&cell_xml(cell));
                }
                body.push_str("</w:tr>");
            }
            body.push_str(r#"</w:tbl><w:p><w:r><w:t>表后的一段。</w:t></w:r></w:p>"#);
        }
    }
    let document = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).expect("entry");
    zip.write_all(document.as_bytes()).expect("writes");
    zip.finish().expect("zip").into_inner()
}

fn key_of_second_section() -> String {
    Template::built_in().report.sections[1].key.clone()
}

fn draft() -> Draft {
    let mut draft = Draft::default();
    draft.batch.year = 2024;
    draft.enterprises.push(Enterprise::default());
    draft
}

/// A data table under a heading becomes that section's table after its line; applying puts it in, undo takes it
/// out again, and the plan's count includes its cells.
#[test]
fn a_table_in_a_section_is_imported_as_a_table() {
    let rows = vec![
        vec![
            "年度".to_owned(),
            "一次交验合格率".to_owned(),
            "顾客满意度".to_owned(),
        ],
        vec!["2022".to_owned(), "99.2%".to_owned(), "93.5".to_owned()],
        vec!["2023".to_owned(), "99.5%".to_owned()],
    ];
    let blocks = import::read_docx_bytes(&docx_with_table(&rows)).expect("reads");
    let mut draft = draft();
    let plan = import::plan(
        &blocks,
        Template::built_in(),
        &draft.enterprises[0],
        "t.docx",
    );
    let key = key_of_second_section();
    let change = plan
        .sections
        .iter()
        .find(|s| s.key == key)
        .expect("section");
    assert_eq!(change.text, format!("{key}的正文。\n表后的一段。"));
    assert_eq!(
        change.tables,
        [SectionTable {
            after_line: 1,
            rows: rows.clone()
        }]
    );
    assert!(
        plan.lines()
            .iter()
            .any(|l| l.contains(&format!("{} 字，含 1 个表格", change.char_count()))),
        "{:?}",
        plan.lines()
    );
    let undo = import::apply(&plan, &mut draft, 0, false).expect("applies");
    assert_eq!(draft.enterprises[0].tables(&key), change.tables.as_slice());
    assert!(import::undo(&undo, &mut draft));
    assert!(draft.enterprises[0].section_tables.is_empty(), "undone");
    assert!(draft.enterprises[0].sections.is_empty(), "undone");
}

/// A table already in the section is replaced only when the clerk confirms.
#[test]
fn a_section_with_other_tables_is_replaced_only_when_confirmed() {
    let rows = vec![vec!["新".to_owned(), "表".to_owned()]];
    let blocks = import::read_docx_bytes(&docx_with_table(&rows)).expect("reads");
    let mut draft = draft();
    let key = key_of_second_section();
    let old = vec![SectionTable::new(0, 1, 1)];
    draft.enterprises[0]
        .section_tables
        .insert(key.clone(), old.clone());
    let plan = import::plan(
        &blocks,
        Template::built_in(),
        &draft.enterprises[0],
        "t.docx",
    );
    assert!(plan.replaces_anything());
    import::apply(&plan, &mut draft, 0, false).expect("applies");
    assert_eq!(draft.enterprises[0].tables(&key), old.as_slice(), "kept");
    let undo = import::apply(&plan, &mut draft, 0, true).expect("applies");
    assert_eq!(draft.enterprises[0].tables(&key)[0].rows, rows, "replaced");
    import::undo(&undo, &mut draft);
    assert_eq!(draft.enterprises[0].tables(&key), old.as_slice(), "back");
}

/// What the child does: read and plan the .docx, apply it; what it says: the time it took, the tables put in and
/// the plan's notes.
fn child(path: &Path) -> String {
    let started = std::time::Instant::now();
    let bytes = std::fs::read(path).expect("reads");
    let blocks = import::read_docx_bytes(&bytes).expect("a clear result");
    let mut draft = draft();
    let plan = import::plan(
        &blocks,
        Template::built_in(),
        &draft.enterprises[0],
        "huge.docx",
    );
    import::apply(&plan, &mut draft, 0, false).expect("applies");
    let millis = started.elapsed().as_millis();
    let key = key_of_second_section();
    format!(
        "millis {millis} tables {} notes {}",
        draft.enterprises[0].tables(&key).len(),
        plan.notes.join("|")
    )
}

/// The child run of `a_huge_table_gives_a_clear_plan_quickly_in_little_memory`.
#[test]
#[ignore = "run only as the child of a_huge_table_gives_a_clear_plan_quickly_in_little_memory"]
fn section_table_import_child() {
    if let Some(path) = std::env::var_os(CHILD_VAR) {
        let said = child(Path::new(&path));
        println!("{said}");
        println!("peak_kb {}", crate::binary::peak_kb());
    }
}

fn run_child(path: &Path) -> String {
    let output = crate::binary::child_test(
        "section_tables_import::section_table_import_child",
        CHILD_VAR,
        path,
    )
    .output()
    .expect("child runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn number_after(text: &str, word: &str) -> u64 {
    text.split(word)
        .nth(1)
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("{word} in {text}"))
}

/// 1000 × 50 cells in a section: more than a section table holds, so the plan imports them as lines and says
/// why, within a second and 100 MB of peak memory for the whole process; a 1 MB cell comes through whole.
#[test]
fn a_huge_table_gives_a_clear_plan_quickly_in_little_memory() {
    let dir = tempfile::tempdir().expect("dir");
    let rows: Vec<Vec<String>> = (0..1000)
        .map(|r| (0..50).map(|c| format!("{r}-{c}")).collect())
        .collect();
    let path = dir.path().join("huge.docx");
    std::fs::write(&path, docx_with_table(&rows)).expect("writes");
    let out = run_child(&path);
    let (millis, peak) = (
        number_after(&out, "millis "),
        number_after(&out, "peak_kb "),
    );
    println!("1000 × 50: {millis} ms, peak {} MB", peak / 1024);
    assert!(out.contains("tables 0"), "not a table: {out}");
    assert!(
        out.contains("有一个表格 1000 行 50 列，超过章节表格的上限（500 行、20 列），按文字导入"),
        "the plan says why: {out}"
    );
    assert!(millis <= 1000, "took {millis} ms");
    assert!(peak <= 100 * 1024, "peak {peak} KB");

    let big = "质".repeat(350_000);
    let rows = vec![
        vec!["说明".to_owned(), big.clone()],
        vec!["2023".to_owned(), "99%".to_owned()],
    ];
    let blocks = import::read_docx_bytes(&docx_with_table(&rows)).expect("reads");
    let plan = import::plan(
        &blocks,
        Template::built_in(),
        &Enterprise::default(),
        "big.docx",
    );
    let key = key_of_second_section();
    let change = plan
        .sections
        .iter()
        .find(|s| s.key == key)
        .expect("section");
    assert_eq!(change.tables.len(), 1);
    assert_eq!(change.tables[0].rows[0][1], big, "a 1 MB cell whole");
}

/// The empty paragraph right after a table is Word's spacer (our own export writes one after every table), not a
/// line of the section: it neither adds a blank line nor moves the tables after it; an empty paragraph elsewhere
/// stays the section's blank line.
#[test]
fn the_empty_paragraph_after_a_table_is_not_a_line() {
    let p = |text: &str| format!(r#"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"#);
    let table = |cell: &str| {
        format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            cell_xml(cell),
            cell_xml("值")
        )
    };
    let template = Template::built_in();
    let mut body = String::new();
    for (i, spec) in template.report.sections.iter().enumerate() {
        body += &p(&spec.heading);
        if i == 1 {
            body += &(p("甲。") + &table("一") + "<w:p></w:p>" + &table("二") + "<w:p></w:p>");
            body += &(p("乙。") + "<w:p></w:p>" + &p("丙。") + &table("三") + "<w:p></w:p>");
        } else {
            body += &p("正文。");
        }
    }
    let document = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .expect("entry");
    zip.write_all(document.as_bytes()).expect("writes");
    let bytes = zip.finish().expect("zip").into_inner();
    let blocks = import::read_docx_bytes(&bytes).expect("reads");
    let plan = import::plan(&blocks, template, &Enterprise::default(), "t.docx");
    let change = plan
        .sections
        .iter()
        .find(|s| s.key == key_of_second_section())
        .expect("section");
    assert_eq!(change.text, "甲。\n乙。\n\n丙。");
    let anchors: Vec<(usize, &str)> = change
        .tables
        .iter()
        .map(|t| (t.after_line, t.rows[0][0].as_str()))
        .collect();
    assert_eq!(anchors, [(1, "一"), (1, "二"), (4, "三")]);
}
