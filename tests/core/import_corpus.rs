//! The import corpus (`tests/fixtures/import/corpus/`, docs/import.md): twelve reports of twelve enterprises in
//! twelve house styles, written by python-docx, LibreOffice and by hand in Word's and WPS's WordprocessingML, each
//! scored against its truth file with no decision of the clerk: at least 95 % of the characters in the right
//! section, nothing from a cover, 目录, header, footer, comment, deletion or the closing in any section, and at
//! least 90 % of the facts in the form's units. A truth file's `tables` (section key → tables, each rows of cells)
//! are tables the section must hold as tables: their characters count as right only when the plan gives the
//! section a table with those cells in those rows.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lingjun::import::{self, ImportPlan};
use lingjun::model::validate::{BuiltIn, EnterpriseField as F};
use lingjun::model::{Draft, Enterprise, Template};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/corpus")
}

/// White space does not count: lines may be joined or split differently.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn field_of(key: &str) -> F {
    match key {
        "name" => F::BuiltIn(BuiltIn::Name),
        "credit_code" => F::BuiltIn(BuiltIn::CreditCode),
        "region" => F::BuiltIn(BuiltIn::Region),
        "nature" => F::BuiltIn(BuiltIn::Nature),
        "revenue_100m" => F::BuiltIn(BuiltIn::Revenue),
        "profit_100m" => F::BuiltIn(BuiltIn::Profit),
        "rnd_100m" => F::BuiltIn(BuiltIn::Rnd),
        "employees" => F::BuiltIn(BuiltIn::Employees),
        other => panic!("truth file names an unknown fact {other}"),
    }
}

/// The plan of `path` for an empty enterprise of the 2024 batch (上年度 = 2023).
fn plan_of(path: &Path) -> ImportPlan {
    let mut draft = Draft::default();
    draft.batch.year = 2024;
    draft.enterprises.push(Enterprise::default());
    import::plan_file(path, &draft, 0, Template::built_in()).expect("reads")
}

/// How one file scored.
struct Score {
    right_chars: usize,
    chars: usize,
    facts_right: usize,
    facts: usize,
    problems: Vec<String>,
}

fn score(truth: &serde_json::Value, plan: &ImportPlan) -> Score {
    let section_text = |key: &str| {
        plan.sections
            .iter()
            .find(|s| s.key == key)
            .map(|s| squeeze(&s.text))
            .unwrap_or_default()
    };
    // A table's cells, squeezed, row by row.
    let squeezed_rows = |rows: &[Vec<String>]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|row| row.iter().map(|c| squeeze(c)).collect())
            .collect()
    };
    let mut score = Score {
        right_chars: 0,
        chars: 0,
        facts_right: 0,
        facts: 0,
        problems: Vec::new(),
    };
    let sections = truth["sections"].as_object().expect("sections");
    for (key, paragraphs) in sections {
        let text = section_text(key);
        for paragraph in paragraphs.as_array().expect("list") {
            let paragraph = squeeze(paragraph.as_str().expect("text"));
            let n = paragraph.chars().count();
            score.chars += n;
            if text.contains(&paragraph) {
                score.right_chars += n;
            } else {
                score.problems.push(format!("{key} lacks 「{paragraph}」"));
            }
        }
    }
    let tables = truth["tables"].as_object().cloned().unwrap_or_default();
    for (key, list) in &tables {
        let section = plan.sections.iter().find(|s| &s.key == key);
        for table in list.as_array().expect("list of tables") {
            let rows: Vec<Vec<String>> = serde_json::from_value(table.clone()).expect("rows");
            let expected = squeezed_rows(&rows);
            let n: usize = expected.iter().flatten().map(|c| c.chars().count()).sum();
            score.chars += n;
            if section.is_some_and(|s| s.tables.iter().any(|t| squeezed_rows(&t.rows) == expected))
            {
                score.right_chars += n;
            } else {
                score
                    .problems
                    .push(format!("{key} lacks the table {expected:?}"));
            }
        }
    }
    for absent in truth["absent"].as_array().expect("absent") {
        let absent = squeeze(absent.as_str().expect("text"));
        for s in &plan.sections {
            let cells: String = s
                .tables
                .iter()
                .flat_map(|t| t.rows.iter().flatten())
                .map(|c| squeeze(c))
                .collect();
            if squeeze(&s.text).contains(&absent) || cells.contains(&absent) {
                score.problems.push(format!("{} holds 「{absent}」", s.key));
                score.right_chars = 0;
            }
        }
    }
    let facts: BTreeMap<String, serde_json::Value> = truth["facts"]
        .as_object()
        .expect("facts")
        .clone()
        .into_iter()
        .collect();
    for (key, value) in facts {
        let expected = value.as_str().expect("text");
        score.facts += 1;
        let field = field_of(&key);
        let found = plan
            .fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.value.as_str());
        let same = found.is_some_and(|found| {
            found == expected
                || matches!((found.parse::<f64>(), expected.parse::<f64>()), (Ok(a), Ok(b)) if (a - b).abs() < 1e-9)
        });
        if same {
            score.facts_right += 1;
        } else {
            score
                .problems
                .push(format!("{key}: {found:?}, expected {expected}"));
        }
    }
    score
}

/// Every file of the corpus, scored: ≥ 95 % of the characters in the right section, nothing that belongs to no
/// section in one, ≥ 90 % of the facts.
#[test]
fn corpus_reports_land_in_their_sections() {
    let mut truths: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .collect();
    truths.sort();
    assert!(
        truths.len() >= 12,
        "the corpus has {} reports",
        truths.len()
    );
    let mut failures = Vec::new();
    let (mut all_right, mut all_chars) = (0, 0);
    for path in &truths {
        let truth: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("reads")).expect("JSON");
        let stem = truth["file"].as_str().expect("file");
        let plan = plan_of(&corpus().join(format!("{stem}.docx")));
        let s = score(&truth, &plan);
        all_right += s.right_chars;
        all_chars += s.chars;
        let chars_ok = s.right_chars * 100 >= s.chars * 95;
        let facts_ok = s.facts_right * 100 >= s.facts * 90;
        println!(
            "{stem}: {}/{} characters, {}/{} facts",
            s.right_chars, s.chars, s.facts_right, s.facts
        );
        if !chars_ok || !facts_ok {
            failures.push(format!(
                "{stem}:\n  {}\n  plan: {:#?}",
                s.problems.join("\n  "),
                plan.lines()
            ));
        }
    }
    println!("corpus: {all_right}/{all_chars} characters in the right section");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A .docx of 10 000 typed 目录 lines (dot leaders and a page number) before the built-in template's headings,
/// each with the line `{key}的正文。`.
pub(crate) fn ten_thousand_toc_docx() -> Vec<u8> {
    use std::io::Write as _;
    let mut body = String::from(r#"<w:p><w:r><w:t>目录</w:t></w:r></w:p>"#);
    for n in 0..10_000 {
        body.push_str(&format!(
            r#"<w:p><w:r><w:t>第{n}条 企业基本情况……………………{n}</w:t></w:r></w:p>"#
        ));
    }
    let template = Template::built_in();
    for spec in &template.report.sections {
        body.push_str(&format!(
            r#"<w:p><w:r><w:t>{}</w:t></w:r></w:p><w:p><w:r><w:t>{}的正文。</w:t></w:r></w:p>"#,
            spec.heading, spec.key
        ));
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
    zip.finish().expect("zip").into_inner()
}

/// A hostile table of contents: 10 000 typed 目录 lines before a short report. The plan is right (the 目录 left
/// out, every section found) and reading it stays quick and small.
#[test]
fn ten_thousand_toc_lines() {
    let template = Template::built_in();
    let bytes = ten_thousand_toc_docx();
    let started = std::time::Instant::now();
    let blocks = import::read_docx_bytes(&bytes).expect("reads");
    let plan = import::plan(&blocks, template, &Enterprise::default(), "toc.docx");
    assert!(
        started.elapsed().as_secs() < 5,
        "no quadratic work on a long 目录"
    );
    for spec in &template.report.sections {
        let text = plan
            .sections
            .iter()
            .find(|s| s.key == spec.key)
            .map(|s| s.text.as_str());
        assert_eq!(text, Some(format!("{}的正文。", spec.key).as_str()));
    }
    assert!(
        plan.notes
            .iter()
            .any(|n| n.contains("目录（10001 行）不导入")),
        "{:?}",
        plan.notes
    );
}
