//! The 标杆企业库's import from the bureau's spreadsheets (docs/pool.md): fixtures written by other programs
//! (openpyxl, LibreOffice; `tests/fixtures/pool/make_fixtures.py`, with `truth.json` from the same script)
//! import exactly as their truth says or are refused row by row with the reason; importing twice changes nothing
//! the second time; hostile files are refused quickly, within bounded memory, the database byte-identical.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use lingjun::import::pool_plan::{self, PoolImportError, PoolPlan};
use lingjun::model::Template;
use lingjun::model::pool::Pool;
use lingjun::model::template::{FieldKind, FieldSpec};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pool")
        .join(name)
}

fn truth() -> Value {
    let text = std::fs::read_to_string(fixture("truth.json")).expect("truth.json");
    serde_json::from_str(&text).expect("truth is JSON")
}

/// The built-in template with a date field labelled 入库日期, as a province might add.
fn template() -> Template {
    let mut template = Template::built_in().clone();
    template.fields.push(FieldSpec {
        key: "listed_on".into(),
        label: "入库日期".into(),
        kind: FieldKind::Date,
        required: false,
        max_chars: None,
        choices: Vec::new(),
    });
    template
}

fn plan(name: &str, pool: &Pool) -> PoolPlan {
    pool_plan::plan_file(&fixture(name), pool, &template()).expect("the fixture is read")
}

#[test]
fn every_fixture_imports_exactly_as_its_truth_says() {
    let truth = truth();
    for name in [
        "名单_表头一.xlsx",
        "名单_表头二.xls",
        "名单_表头三_utf8.csv",
        "名单_表头三_gb18030.csv",
    ] {
        let want = &truth[name];
        let plan = plan(name, &Pool::default());
        assert_eq!(
            plan.header_row as u64,
            want["header_row"].as_u64().expect("row"),
            "{name}: the header below the title rows"
        );
        let entries = want["entries"].as_array().expect("entries");
        for expected in entries {
            let found = plan
                .new_entries
                .iter()
                .find(|n| n.entry.name() == expected["name"])
                .unwrap_or_else(|| panic!("{name}: {} imported", expected["name"]));
            let e = &found.entry;
            for key in ["credit_code", "region", "industry", "products", "listed_on"] {
                assert_eq!(e.fact(key), expected[key], "{name}: {key} of {}", e.name());
            }
            assert_eq!(
                e.figures[&2023]["revenue_100m"], expected["revenue_2023"],
                "{name}: 2023's revenue in 亿元"
            );
            let tags: Vec<&str> = e.tags.iter().map(String::as_str).collect();
            assert_eq!(serde_json::json!(tags), expected["tags"], "{name}: tags");
            assert_eq!(e.note, expected["note"], "{name}: note");
            assert!(found.notes.is_empty(), "{name}: {:?}", found.notes);
        }
        let refused = want["refused"].as_object().expect("refused");
        for (row, reason) in refused {
            let r = plan
                .refused
                .iter()
                .find(|r| r.row.to_string() == *row)
                .unwrap_or_else(|| panic!("{name}: row {row} refused; {:?}", plan.refused));
            assert!(
                r.reason.contains(reason.as_str().expect("text")),
                "{name}: row {row}: {}",
                r.reason
            );
        }
        let flagged = want["flagged"].as_object().map_or(0, serde_json::Map::len);
        assert_eq!(
            plan.new_entries.len(),
            entries.len() + flagged,
            "{name}: every row imported or refused, nothing else"
        );
        assert_eq!(
            plan.refused.len(),
            refused.len(),
            "{name}: {:?}",
            plan.refused
        );
        let ignored: Vec<&str> = want["ignored"]
            .as_array()
            .expect("ignored")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(plan.ignored_columns(), ignored, "{name}: columns ignored");
    }
}

#[test]
fn a_code_excel_made_a_number_is_named_never_guessed_and_a_missing_one_is_flagged() {
    let plan = plan("名单_表头一.xlsx", &Pool::default());
    let lost = plan.refused.iter().find(|r| r.row == 16).expect("row 16");
    assert!(
        lost.reason.contains("9.13301E+17") && lost.reason.contains("无法还原"),
        "{}",
        lost.reason
    );
    assert!(
        !plan
            .new_entries
            .iter()
            .any(|n| n.entry.fact("credit_code").starts_with("9133010079965")),
        "no guessed code"
    );
    let flagged = plan
        .new_entries
        .iter()
        .find(|n| n.entry.name() == "浙江无码有限公司")
        .expect("imported");
    assert!(flagged.entry.is_flagged());
    assert_eq!(
        flagged.entry.figures[&2023]["revenue_100m"], "1.2",
        "a formula's value"
    );
    assert!(
        flagged.notes[0].contains("没有统一社会信用代码"),
        "{:?}",
        flagged.notes
    );
}

#[test]
fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    let mut pool = Pool::default();
    let first = plan("名单_表头一.xlsx", &pool);
    pool_plan::apply(&mut pool, &first, lingjun_today());
    assert_eq!(pool.entries.len(), 11);
    assert_eq!(pool.entries[0].source.detail, "名单_表头一.xlsx");
    let before = pool.clone();
    let second = plan("名单_表头一.xlsx", &pool);
    assert!(!second.changes_anything(), "{:?}", second.updates);
    assert_eq!(second.unchanged.len(), 11);
    pool_plan::apply(&mut pool, &second, lingjun_today());
    assert_eq!(pool, before);
    // The same enterprises worded another way (亿元, .xls) are the same entries: nothing new, nothing changed.
    let other = plan("名单_表头二.xls", &pool);
    assert!(other.new_entries.is_empty());
    assert!(!other.changes_anything(), "{:?}", other.updates);
}

#[test]
fn an_update_is_shown_field_by_field_old_to_new() {
    let mut pool = Pool::default();
    let first = plan("名单_表头一.xlsx", &pool);
    pool_plan::apply(&mut pool, &first, lingjun_today());
    pool.entries[0].set_fact("region", "湖州市");
    pool.entries[0].tags.clear();
    let plan = plan("名单_表头一.xlsx", &pool);
    assert_eq!(plan.updates.len(), 1);
    let update = &plan.updates[0];
    assert_eq!(update.row, 5);
    let region = update
        .changes
        .iter()
        .find(|c| c.what == "设区市")
        .expect("设区市 changes");
    assert_eq!(
        (region.old.as_str(), region.new.as_str()),
        ("湖州市", "杭州市")
    );
    assert!(
        update
            .changes
            .iter()
            .any(|c| c.what == "标签" && c.old.is_empty())
    );
    let lines = pool_plan::plan_lines(&plan).join("\n");
    assert!(lines.contains("设区市：湖州市 → 杭州市"), "{lines}");
    assert!(lines.contains("未导入 第 16 行"), "{lines}");
    assert!(lines.contains("未使用的列：序号、联系人手机"), "{lines}");
}

#[test]
fn five_thousand_rows_are_planned_promptly() {
    let start = Instant::now();
    let plan = plan("名单_5000行.xlsx", &Pool::default());
    let took = start.elapsed();
    eprintln!("5 000 rows planned in {took:?}");
    assert_eq!(
        plan.new_entries.len(),
        truth()["名单_5000行.xlsx"]["count"].as_u64().expect("n") as usize
    );
    assert!(plan.refused.is_empty());
    // The benchmark (BENCHMARKS.md) measures 2 000 rows optimised; a debug build gets more room.
    assert!(took < Duration::from_secs(10), "{took:?}");
}

fn lingjun_today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2024, 9, 8).expect("date")
}

/// A minimal .xlsx around a sheet's XML (and shared strings), written with the zip crate.
fn xlsx_with(sheet_xml: &[u8]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let parts: [(&str, &[u8]); 5] = [
        ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#),
        ("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ];
    for (name, data) in parts {
        zip.start_file(name, options).expect("part");
        zip.write_all(data).expect("written");
    }
    zip.finish().expect("zip");
    out.into_inner()
}

fn sheet(rows: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    )
    .into_bytes()
}

fn inline(cell: &str, text: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// The hostile files, each with the words its refusal must contain.
fn hostile_files(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let header = format!(
        r#"<row r="1">{}{}</row>"#,
        inline("A1", "企业名称"),
        inline("B1", "统一社会信用代码")
    );
    let mut files = Vec::new();
    let mut put = |name: &str, bytes: Vec<u8>, words: &'static str| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("written");
        files.push((path, words));
    };
    // 200 MB of one repeated row: a few hundred KB packed.
    let filler = format!(r#"<row r="2">{}</row>"#, inline("A2", "甲")).repeat(1_500_000);
    put(
        "炸弹.xlsx",
        xlsx_with(&sheet(&format!("{header}{filler}"))),
        "解压后超过",
    );
    put(
        "最后一行.xlsx",
        xlsx_with(&sheet(&format!(
            r#"{header}<row r="1048576">{}</row>"#,
            inline("A1048576", "甲")
        ))),
        "行",
    );
    put(
        "最后一列.xlsx",
        xlsx_with(&sheet(&format!(
            r#"<row r="1">{}</row>"#,
            inline("XFD1", "甲")
        ))),
        "16384 列",
    );
    put(
        "大格子.xlsx",
        xlsx_with(&sheet(&format!(
            r#"{header}<row r="2">{}</row>"#,
            inline("A2", &"字".repeat(350_000))
        ))),
        "超过一格的上限",
    );
    put("密码.xlsx", encrypted_package(), "密码");
    put("其实是Word.xlsx", docx(), "Word 文档");
    let big = dir.join("一百兆.xlsx");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(100 * 1024 * 1024))
        .expect("100 MB");
    files.push((big, "超过企业名单的上限"));
    files
}

/// What Excel writes for a workbook with a password: an OLE file holding EncryptionInfo and EncryptedPackage.
fn encrypted_package() -> Vec<u8> {
    let mut ole = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("ole");
    ole.create_stream("/EncryptionInfo")
        .and_then(|mut s| s.write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0]))
        .expect("info");
    ole.create_stream("/EncryptedPackage")
        .and_then(|mut s| s.write_all(&[0x55; 4096]))
        .expect("package");
    ole.flush().expect("flush");
    ole.into_inner().into_inner()
}

fn docx() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .expect("part");
    zip.write_all(b"<w:document/>").expect("written");
    zip.finish().expect("zip");
    out.into_inner()
}

#[test]
fn hostile_files_are_refused_quickly_and_the_database_stays_byte_identical() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let out = crate::binary::lingjun_db(
        &db,
        &[
            "pool",
            "import",
            &fixture("名单_表头一.xlsx").to_string_lossy(),
            "--apply",
        ],
    );
    assert!(out.status.success(), "{}", crate::binary::all_text(&out));
    let before = std::fs::read(&db).expect("db");
    for (path, words) in hostile_files(dir.path()) {
        let start = Instant::now();
        let refused = pool_plan::plan_file(&path, &Pool::default(), &template());
        let took = start.elapsed();
        let message = match refused {
            Err(PoolImportError::Sheet(e)) => e.to_string(),
            other => panic!("{}: refused, not {other:?}", path.display()),
        };
        assert!(message.contains(words), "{}: {message}", path.display());
        assert!(
            took < Duration::from_secs(2),
            "{}: {took:?}",
            path.display()
        );
        let out =
            crate::binary::lingjun_db(&db, &["pool", "import", &path.to_string_lossy(), "--apply"]);
        assert_eq!(out.status.code(), Some(1), "{}", path.display());
        assert!(crate::binary::all_text(&out).contains(words));
        assert_eq!(
            std::fs::read(&db).expect("db"),
            before,
            "{}: untouched",
            path.display()
        );
    }
}

const CHILD_VAR: &str = "LINGJUN_POOL_HOSTILE_CHILD";

/// The child: plans one hostile file and prints its peak memory.
#[test]
#[ignore = "run by hostile_files_stay_within_200_mb as a child process"]
fn pool_hostile_child() {
    let Ok(path) = std::env::var(CHILD_VAR) else {
        return;
    };
    let result = pool_plan::plan_file(Path::new(&path), &Pool::default(), &template());
    assert!(result.is_err());
    println!("PEAK_KB={}", crate::binary::peak_kb());
}

#[test]
fn hostile_files_stay_within_200_mb() {
    if !Path::new("/proc/self/status").exists() {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    for (path, _) in hostile_files(dir.path()) {
        let out = crate::binary::child_test("pool_import::pool_hostile_child", CHILD_VAR, &path)
            .output()
            .expect("child runs");
        let text = String::from_utf8_lossy(&out.stdout);
        let peak: u64 = text
            .lines()
            // With one test thread the harness prints the child's name on the same line, before it.
            .find_map(|l| l.split_once("PEAK_KB=").map(|(_, kb)| kb.trim()))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{}: {text}", path.display()));
        assert!(peak < 200 * 1024, "{}: {peak} KB", path.display());
    }
}
