//! Importing: hostile files are refused with a reason and change nothing; our own .docx comes back as it went
//! out (property test); `lingjun import` plans and, with --apply, imports.

use crate::binary::lingjun_db;
use crate::common;

use std::io::Write as _;
use std::path::Path;

use lingjun::import::{self, ImportError};
use lingjun::model::validate::{BuiltIn, EnterpriseField as F};
use lingjun::model::{Draft, Enterprise, Template};
use lingjun::render::{self, DocxOptions};
use proptest::prelude::*;

const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("writes");
    path
}

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, options).expect("entry");
        writer.write_all(bytes).expect("writes");
    }
    writer.finish().expect("zip").into_inner()
}

fn docx_options() -> DocxOptions {
    DocxOptions {
        draft_mark: true,
        footer_code: Some("ABCD-EFGH".into()),
        timestamp: chrono::NaiveDate::from_ymd_opt(2024, 9, 10)
            .expect("date")
            .and_time(chrono::NaiveTime::MIN),
    }
}

/// Every hostile file is refused with its own reason, quickly and without reading it all.
#[test]
fn hostile_files_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    let mut ole = OLE.to_vec();
    ole.resize(8192, 0);
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    encrypted.resize(16384, 0);
    let good = render::docx::report_docx(
        &common::full_draft(1),
        0,
        Template::built_in(),
        &docx_options(),
    )
    .expect("writes");
    let xlsx = render::summary_xlsx(&common::full_draft(1)).expect("writes");
    // 10 MB of the same byte packs into a few KB: a zip bomb by its ratio.
    let bomb = zip_with(&[("word/document.xml", &vec![b' '; 10 * 1024 * 1024])]);
    assert!(bomb.len() < 100_000, "{}", bomb.len());

    let cases: Vec<(std::path::PathBuf, &str)> = vec![
        (write(d, "旧报告.doc", &ole), "Word 97-2003"),
        (write(d, "改了扩展名.docx", &ole), "Word 97-2003"),
        (write(d, "报告.wps", &ole), "WPS"),
        (write(d, "加密.docx", &encrypted), "密码"),
        (
            write(d, "报告.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
            "PDF",
        ),
        (write(d, "报告.rtf", b"{\\rtf1\\ansi"), "RTF"),
        (write(d, "截断.docx", &good[..good.len() / 2]), "损坏"),
        (write(d, "乱码.docx", &[0x13; 4000]), "损坏"),
        (write(d, "空.docx", b""), "损坏"),
        (write(d, "表格.docx", &xlsx), "不是 Word 文档"),
        (write(d, "炸弹.docx", &bomb), "压缩比"),
        (write(d, "二进制.txt", b"abc\x00\x01\x02\xff\xfe"), "编码"),
        (write(d, "表格.xls", &[0x42; 100]), "只能导入"),
        (
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/import/hostile_opendocument.odt"),
            "OpenDocument",
        ),
    ];
    for (path, reason) in cases {
        let error = import::read_file(&path).expect_err("refused");
        let text = error.to_string();
        assert!(text.contains(reason), "{}: {text}", path.display());
        if reason != "压缩比"
            && reason != "损坏"
            && reason != "编码"
            && reason != "只能导入"
            && reason != "不是 Word 文档"
        {
            assert!(
                text.contains("另存为") || text.contains("取消密码"),
                "{text}"
            );
        }
    }
}

/// A declared size that lies (small in the header, large inside) is caught by the bounded reader or the XML
/// reader; a 100 MB file is refused before a byte is read.
#[test]
fn lying_sizes_and_huge_files_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let xml = format!(
        "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
        "质".repeat(100_000)
    );
    let mut bytes = zip_with(&[("word/document.xml", xml.as_bytes())]);
    // Patch the uncompressed size (offset 22 in the local header, 24 in the central one) to 100 bytes.
    let real = u32::try_from(xml.len()).expect("fits").to_le_bytes();
    for i in 0..bytes.len() - 4 {
        if bytes[i..i + 4] == real {
            bytes[i..i + 4].copy_from_slice(&100_u32.to_le_bytes());
        }
    }
    let path = write(dir.path(), "谎报.docx", &bytes);
    let result = import::read_file(&path);
    assert!(
        matches!(result, Err(ImportError::Damaged { .. }))
            || result.as_ref().is_ok_and(|b| b.len() <= 1),
        "{result:?}"
    );

    let huge = dir.path().join("巨大.docx");
    let file = std::fs::File::create(&huge).expect("creates");
    file.set_len(import::MAX_FILE_BYTES).expect("sparse file");
    let started = std::time::Instant::now();
    assert!(matches!(
        import::read_file(&huge),
        Err(ImportError::TooLarge { .. })
    ));
    assert!(started.elapsed().as_secs() < 5, "refused without reading");
    let missing = import::read_file(&dir.path().join("不存在.docx"));
    assert!(matches!(missing, Err(ImportError::Io { .. })));
}

/// Characters for random section texts: rare 汉字 (outside the common set, some outside the BMP), common ones
/// without the numerals that start headings, Latin letters, digits and punctuation; no white space at the ends.
fn line() -> impl Strategy<Value = String> {
    let pool: Vec<char> = "龘𠀀𪚥䶮㐀鿏質量强國建设领军企业推荐报告质量水平提升产业链区域发展典型经验做法abcXYZ0123456789，。；：？！“”《》（）、-.,;:!?&<>\"'%　\t"
        .chars()
        .collect();
    proptest::collection::vec(proptest::sample::select(pool), 0..60).prop_map(|chars| {
        let text: String = chars.into_iter().collect();
        text.trim_matches(|c: char| c.is_whitespace()).to_owned()
    })
}

fn section_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(line(), 0..8)
        .prop_map(|lines| lines.join("\n").trim_matches('\n').to_owned())
}

fn fact() -> impl Strategy<Value = String> {
    "[A-Za-z0-9龘质量强国（）、-]{0,20}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Export → import gives the same sections and facts back.
    #[test]
    fn docx_round_trip(
        texts in proptest::collection::vec(section_text(), 6),
        name in "[A-Za-z0-9龘质量强国（）有限公司]{1,20}",
        code in "[0-9A-HJ-NPQRTUWXY]{18}",
        region in fact(),
        industry in fact(),
        products in fact(),
        revenue in "([0-9]{1,4}(\\.[0-9]{1,2})?)?",
        employees in "[0-9]{0,6}",
    ) {
        let template = Template::built_in();
        let mut draft = common::full_draft(1);
        let e = &mut draft.enterprises[0];
        e.name = name;
        e.credit_code = code;
        e.region = region;
        e.industry = industry;
        e.products = products;
        e.nature = "混合所有制".into();
        e.revenue_100m = revenue;
        e.profit_100m.clear();
        e.rnd_100m = "8".into();
        e.employees = employees;
        for (spec, text) in template.report.sections.iter().zip(&texts) {
            e.sections.insert(spec.key.clone(), text.clone());
        }
        let exported = draft.enterprises[0].clone();
        let bytes = render::docx::report_docx(&draft, 0, template, &docx_options()).expect("writes");
        let blocks = import::read_docx_bytes(&bytes).expect("reads our own file");
        let plan = import::plan(&blocks, template, &Enterprise::default(), "r.docx");
        for (spec, text) in template.report.sections.iter().zip(&texts) {
            let found = plan.sections.iter().find(|s| s.key == spec.key).map(|s| s.text.as_str());
            prop_assert_eq!(found, Some(text.as_str()), "section {}", spec.key);
        }
        let mut expected = vec![(F::BuiltIn(BuiltIn::Name), exported.name.clone())];
        for (field, value) in [
            (F::BuiltIn(BuiltIn::CreditCode), &exported.credit_code), (F::BuiltIn(BuiltIn::Region), &exported.region),
            (F::BuiltIn(BuiltIn::Industry), &exported.industry), (F::BuiltIn(BuiltIn::Products), &exported.products),
            (F::BuiltIn(BuiltIn::Nature), &exported.nature), (F::BuiltIn(BuiltIn::Revenue), &exported.revenue_100m),
            (F::BuiltIn(BuiltIn::Rnd), &exported.rnd_100m), (F::BuiltIn(BuiltIn::Employees), &exported.employees),
        ] {
            if !value.is_empty() {
                expected.push((field, value.clone()));
            }
        }
        let found: Vec<(F, String)> = plan.fields.iter().map(|f| (f.field.clone(), f.value.clone())).collect();
        prop_assert_eq!(found, expected);
    }
}

/// `lingjun import FILE --enterprise N` prints the plan and changes nothing; `--apply` imports after keeping a copy.
#[test]
fn cli_import_plans_then_applies() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let before = common::full_draft(2);
    common::open_store(&db)
        .expect("opens")
        .save(&before)
        .expect("saves");
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/word_style.docx");
    let file = file.to_str().expect("UTF-8 path");

    let plan = lingjun_db(&db, &["import", file, "--enterprise", "2"]);
    let stdout = String::from_utf8_lossy(&plan.stdout);
    assert_eq!(
        plan.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&plan.stderr)
    );
    assert!(
        stdout.contains("一、企业基本情况 ← 37 字（替换现有"),
        "{stdout}"
    );
    assert!(
        stdout.contains("企业名称 ← 嘉兴示例新材料股份有限公司"),
        "{stdout}"
    );
    assert!(stdout.contains("未做任何改动"), "{stdout}");
    let stored = lingjun::store::Store::open(&db)
        .expect("opens")
        .load()
        .expect("loads");
    assert_eq!(
        stored.as_ref(),
        Some(&before),
        "nothing changed without --apply"
    );

    let applied = lingjun_db(&db, &["import", file, "--enterprise=2", "--apply"]);
    assert_eq!(
        applied.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    let stored: Draft = lingjun::store::Store::open(&db)
        .expect("opens")
        .load()
        .expect("loads")
        .expect("draft");
    assert_eq!(stored.enterprises[1].name, "嘉兴示例新材料股份有限公司");
    assert_eq!(stored.enterprises[0], before.enterprises[0]);
    assert!(String::from_utf8_lossy(&applied.stdout).contains("导入前的草稿已另存到"));

    assert_eq!(
        lingjun_db(&db, &["import", file, "--enterprise", "0"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(lingjun_db(&db, &["import", file]).status.code(), Some(2));
    assert_eq!(
        lingjun_db(&db, &["check", "--apply"]).status.code(),
        Some(2)
    );
    let missing = lingjun_db(&db, &["import", file, "--enterprise", "9"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("没有第 9 家企业"));
    let doc = write(dir.path(), "旧.doc", &OLE);
    let refused = lingjun_db(
        &db,
        &[
            "import",
            doc.to_str().expect("path"),
            "--enterprise",
            "1",
            "--apply",
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("另存为"));
}

/// Names what the measured child runs: the arguments of `lingjun`, one per line.
const MEASURED_CHILD_VAR: &str = "LINGJUN_IMPORT_MEASURED_CHILD";

/// The child run of [`import_measured`]: `lingjun`'s own `main` (the same function the program's `main` calls)
/// on the arguments it is given, timed, and the process's peak memory afterwards.
#[test]
#[ignore = "run only as the child of import_measured"]
fn import_measured_child() {
    if let Ok(args) = std::env::var(MEASURED_CHILD_VAR) {
        let args: Vec<String> = args.lines().map(str::to_owned).collect();
        let started = std::time::Instant::now();
        let code = lingjun::cli::main_with(args, |_| 99);
        let millis = started.elapsed().as_millis();
        println!(
            "exit {code} millis {millis} peak_kb {}",
            crate::binary::peak_kb()
        );
    }
}

/// What a measured `lingjun import` said and cost.
pub struct Measured {
    pub code: i32,
    pub millis: u64,
    pub peak_kb: u64,
    /// Its standard output and standard error.
    pub said: String,
}

fn number_after(text: &str, word: &str) -> u64 {
    text.split(word)
        .nth(1)
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("{word} in {text}"))
}

/// Runs `lingjun --db DB ARGS…` in a child process of its own (this test binary re-run on
/// [`import_measured_child`]), so that its time and peak memory are its own.
pub fn import_measured(db: &Path, args: &[&str]) -> Measured {
    let mut all = vec![
        "--db".to_owned(),
        db.to_str().expect("UTF-8 path").to_owned(),
    ];
    all.extend(args.iter().map(|a| (*a).to_owned()));
    let output = crate::binary::child_test(
        "import_hostile::import_measured_child",
        MEASURED_CHILD_VAR,
        all.join("\n"),
    )
    .output()
    .expect("child runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{said}");
    let code = number_after(&said, "exit ");
    Measured {
        code: i32::try_from(code).expect("exit code"),
        millis: number_after(&said, "millis "),
        peak_kb: number_after(&said, "peak_kb "),
        said,
    }
}

/// Within the limits of a hostile import: a second and 100 MB of peak memory for the whole child process. What
/// it cost, to print.
pub fn assert_within_limits(what: &str, m: &Measured) -> String {
    assert!(m.millis <= 1000, "{what}: took {} ms", m.millis);
    assert!(m.peak_kb <= 100 * 1024, "{what}: peak {} KB", m.peak_kb);
    format!("{what}: {} ms, peak {} MB", m.millis, m.peak_kb / 1024)
}

/// A table of contents of 10 000 lines and a section table of 1000 × 50 cells through `lingjun import`: the plan
/// is clear (the 目录 left out; the table imported as lines, and why) and the database byte-identical; with
/// `--apply` the import is what the plan said. Each run within a second and 100 MB.
#[test]
fn huge_toc_and_huge_table_through_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    common::open_store(&db)
        .expect("opens")
        .save(&common::full_draft(1))
        .expect("saves");
    let rows: Vec<Vec<String>> = (0..1000)
        .map(|r| (0..50).map(|c| format!("{r}-{c}")).collect())
        .collect();
    let template = Template::built_in();
    let cases = [
        (
            write(
                dir.path(),
                "目录一万行.docx",
                &crate::import_corpus::ten_thousand_toc_docx(),
            ),
            "目录（10001 行）不导入",
            format!("{}的正文。", template.report.sections[0].key),
        ),
        (
            write(
                dir.path(),
                "大表格.docx",
                &crate::section_tables_import::docx_with_table(&rows),
            ),
            "有一个表格 1000 行 50 列，超过章节表格的上限（500 行、20 列），按文字导入",
            "999-0\t999-1\t".to_owned(),
        ),
    ];
    for (path, plan_says, imported) in cases {
        let file = path.to_str().expect("UTF-8 path");
        let before = std::fs::read(&db).expect("reads");
        let planned = import_measured(&db, &["import", file, "--enterprise", "1"]);
        assert_eq!(planned.code, 0, "{}", planned.said);
        assert!(planned.said.contains(plan_says), "{}", planned.said);
        assert!(planned.said.contains("未做任何改动"), "{}", planned.said);
        assert!(
            std::fs::read(&db).expect("reads") == before,
            "{file}: the plan changed the database"
        );
        println!(
            "{}",
            assert_within_limits(&format!("{file} (plan)"), &planned)
        );

        let applied = import_measured(&db, &["import", file, "--enterprise", "1", "--apply"]);
        assert_eq!(applied.code, 0, "{}", applied.said);
        println!(
            "{}",
            assert_within_limits(&format!("{file} (--apply)"), &applied)
        );
        let stored: Draft = lingjun::store::Store::open(&db)
            .expect("opens")
            .load()
            .expect("loads")
            .expect("draft");
        assert!(
            stored.enterprises[0]
                .sections
                .values()
                .any(|t| t.contains(&imported)),
            "{file}: {:?}",
            stored.enterprises[0].sections.keys()
        );
        assert!(
            stored.enterprises[0].section_tables.is_empty(),
            "{file}: no table kept"
        );
    }
}
