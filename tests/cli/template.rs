//! Templates the clerk owns (docs/formats.md): a template that renames, reorders, adds and removes sections, adds a
//! custom field 所属产业链 to the facts and the 汇总表 and sets a quota of 3 — followed by the checks, the PDFs
//! (text read back), the workbook (calamine) and the command line; kept text; hostile template files
//! (tests/cli/template_hostile.rs).

use crate::binary;
use crate::common;

use std::path::Path;

use lingjun::model::template::{ColumnSpec, FieldKind, FieldSpec, SectionSpec, replace_template};
use lingjun::model::{self, Draft, IssueKind, Template, drafts_file, messages};
use lingjun::render;
use lingjun::store::{self, Store};

/// The clerk's own template: 二 renamed, 六 moved first, 五 removed, 数字化转型 added, 所属产业链 added, quota 3.
pub fn custom_template() -> Template {
    let mut t = Template::built_in().clone();
    t.name = "浙江 2025 附件2/附件3".into();
    t.rules.max_enterprises = 3;
    let sections = &mut t.report.sections;
    sections
        .iter_mut()
        .find(|s| s.key == "quality")
        .expect("quality")
        .heading = "二、质量管理水平".into();
    sections.retain(|s| s.key != "experience");
    let opinion = sections.pop().expect("opinion is last");
    sections.insert(0, opinion);
    sections.push(SectionSpec {
        key: "digital".into(),
        heading: "六、数字化转型情况".into(),
        guidance: "企业数字化、智能化改造的做法和成效。".into(),
        recommended_chars: 800,
        required: true,
        aliases: Vec::new(),
    });
    t.fields.push(FieldSpec {
        key: "industry_chain".into(),
        label: "所属产业链".into(),
        kind: FieldKind::Text,
        required: true,
        max_chars: Some(60),
        choices: Vec::new(),
    });
    t.report.facts.push("industry_chain".into());
    t.summary.columns.insert(
        5,
        ColumnSpec {
            field: "industry_chain".into(),
            label: None,
        },
    );
    t
}

/// Three full enterprises on the custom template, each with 数字化转型 text and a 所属产业链.
fn custom_draft() -> Draft {
    let mut draft = common::full_draft(3);
    draft.template = custom_template();
    for (i, e) in draft.enterprises.iter_mut().enumerate() {
        e.sections
            .insert("digital".into(), format!("建成数字化工厂第{}期。", i + 1));
        e.sections
            .insert("quality".into(), "质量管理体系完善。".into());
        e.fields.insert(
            "industry_chain".into(),
            format!("高端数控机床产业链{}", i + 1),
        );
    }
    draft
}

fn pdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages)
        .expect("text extracts")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

use binary::{lingjun, text};

/// The checks follow the template: the custom field is required and limited, the new section required, the
/// removed one no longer demanded, and a fourth enterprise is an error naming the quota of 3.
#[test]
fn checks_follow_the_template() {
    let mut draft = custom_draft();
    let issues = model::validate(&draft, &draft.template);
    let errors: Vec<String> = issues
        .iter()
        .filter(|i| i.severity == model::Severity::Error)
        .map(|i| messages::issue_line(i, &draft, &draft.template))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");

    draft.enterprises[0]
        .fields
        .insert("industry_chain".into(), String::new());
    draft.enterprises[1]
        .fields
        .insert("industry_chain".into(), "链".repeat(61));
    draft.enterprises[2].sections.remove("digital");
    let lines: Vec<String> = model::validate(&draft, &draft.template)
        .iter()
        .map(|i| messages::issue_line(i, &draft, &draft.template))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("企业 1") && l.contains("所属产业链") && l.contains("必填")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("所属产业链") && l.contains("超过上限 60 字")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("六、数字化转型情况") && l.contains("必填")),
        "{lines:?}"
    );

    let mut draft = custom_draft();
    assert!(!draft.can_add_enterprise(), "the quota of 3 is reached");
    assert_eq!(draft.add_enterprise(), None);
    draft.enterprises.push(draft.enterprises[0].clone());
    let issues = model::validate(&draft, &draft.template);
    let quota = issues
        .iter()
        .find(|i| matches!(i.kind, IssueKind::TooManyEnterprises { .. }))
        .expect("a fourth enterprise is an error");
    assert_eq!(quota.severity, model::Severity::Error);
    assert!(
        messages::issue_text(quota).contains("最多推荐 3 家"),
        "{}",
        messages::issue_text(quota)
    );
}

/// The report PDF prints the template's sections in its order, with its headings, and its facts table.
#[test]
fn report_pdf_follows_the_template() {
    let draft = custom_draft();
    let pdf = render::report_pdf(&draft, 0, &draft.template).expect("renders");
    let text = pdf_text(&pdf);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {text}"))
    };
    assert!(
        at("六、推荐意见（省级市场监管部门）") < at("一、企业基本情况"),
        "opinion moved first"
    );
    assert!(
        at("二、质量管理水平") < at("六、数字化转型情况"),
        "renamed, then the new one"
    );
    assert!(
        !text.contains("二、质量水平领先情况"),
        "the old heading is gone"
    );
    assert!(
        !text.contains("五、典型经验做法"),
        "the removed section is not printed"
    );
    assert!(text.contains("建成数字化工厂第1期。"));
    assert!(
        text.contains("所属产业链高端数控机床产业链1"),
        "the custom fact row: {text}"
    );
}

/// The summary PDF and the workbook carry the custom column in its place.
#[test]
fn summary_pdf_and_xlsx_follow_the_template() {
    use calamine::{Reader as _, Xlsx};
    let draft = custom_draft();
    let text = pdf_text(&render::summary_pdf(&draft).expect("renders"));
    assert!(text.contains("所属产业链"), "{text}");
    for i in 1..=3 {
        assert!(text.contains(&format!("高端数控机床产业链{i}")), "{text}");
    }
    assert!(
        text.contains("91330100799655058B"),
        "an 18-character code stays whole: {text}"
    );

    let bytes = render::summary_xlsx(&draft).expect("writes");
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opens");
    let range = workbook.worksheet_range("推荐名单汇总表").expect("sheet");
    let cell = |row: u32, col: u32| {
        range
            .get_value((row, col))
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    let header: Vec<String> = (0..10).map(|c| cell(3, c)).collect();
    assert_eq!(header[5], "所属产业链", "{header:?}");
    assert_eq!(header[9], "备注");
    assert_eq!(cell(4, 5), "高端数控机床产业链1");
    assert_eq!(cell(6, 5), "高端数控机床产业链3");
}

/// Text of a section the template drops is kept in the database and in a backup, and comes back.
#[test]
fn dropped_text_is_kept_and_comes_back() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = common::open_store(&dir.path().join("d.sqlite")).expect("opens");
    let mut draft = common::full_draft(2);
    let typed = draft.enterprises[1].section("experience").to_owned();
    assert!(!typed.is_empty());
    let hidden = replace_template(&mut draft, custom_template(), false).expect_err("asks first");
    assert!(
        hidden
            .iter()
            .any(|k| k.key == "experience" && k.enterprise == 1)
    );
    replace_template(&mut draft, custom_template(), true).expect("forced");
    store.save(&draft).expect("saves");
    let loaded = store.load().expect("loads").expect("a draft");
    assert_eq!(
        loaded.enterprises[1].section("experience"),
        typed,
        "kept in the database"
    );
    let backup = dir.path().join("b.json");
    store::backup_to_file(
        &loaded,
        &lingjun::model::pool::Pool::default(),
        &common::blobs(),
        &backup,
    )
    .expect("backup");
    let read = drafts_file::read_file(&backup, &mut common::blobs()).expect("reads");
    assert_eq!(
        read.draft.enterprises[1].section("experience"),
        typed,
        "kept in the backup"
    );
    assert_eq!(read.draft.template, custom_template());
    let mut back = read.draft;
    replace_template(&mut back, Template::built_in().clone(), false).expect("nothing is hidden");
    assert_eq!(back.enterprises[1].section("experience"), typed);
    let pdf = render::report_pdf(&back, 1, &back.template).expect("renders");
    assert!(pdf_text(&pdf).contains("五、典型经验做法"));
}

/// A version-2 drafts file with a custom template round-trips byte for byte through restore and backup.
#[test]
fn a_version_2_file_round_trips_byte_for_byte() {
    let dir = tempfile::tempdir().expect("dir");
    let first = dir.path().join("1.json");
    let second = dir.path().join("2.json");
    let mut draft = custom_draft();
    draft.enterprises[0]
        .sections
        .insert("experience".into(), "留下的经验".into());
    store::backup_to_file(
        &draft,
        &lingjun::model::pool::Pool::default(),
        &common::blobs(),
        &first,
    )
    .expect("backup");
    let mut store = Store::open(&dir.path().join("d.sqlite")).expect("opens");
    store::restore_from_file(&mut store, &first, None).expect("restores");
    let loaded = store.load().expect("loads").expect("draft");
    store::backup_to_file(
        &loaded,
        &lingjun::model::pool::Pool::default(),
        &store,
        &second,
    )
    .expect("backup again");
    assert_eq!(
        std::fs::read(&first).expect("read"),
        std::fs::read(&second).expect("read"),
        "byte for byte"
    );
}

/// An older database (schema 2, before templates) migrates and gets the built-in template.
#[test]
fn an_older_database_gets_the_built_in_template() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(store::schema::SCHEMA_V1).expect("v1");
        conn.pragma_update(None, "application_id", store::schema::APPLICATION_ID)
            .expect("id");
        conn.pragma_update(None, "user_version", 1).expect("v");
        conn.execute(
            "INSERT INTO batch VALUES (1, 2024, '2024-09-20', 'r', 'a', '100088', '010-1', 3, 1)",
            [],
        )
        .expect("batch");
    }
    let store = Store::open(&path).expect("migrates");
    assert_eq!(
        store.schema_version().expect("v"),
        store::schema::CURRENT_VERSION
    );
    let draft = store.load().expect("loads").expect("draft");
    assert_eq!(&draft.template, Template::built_in());
}

fn write_template(path: &Path, template: &Template) {
    std::fs::write(path, template.to_json()).expect("write");
}

/// `lingjun --db <db> template <args>`.
fn template_cli(db_arg: &str, args: &[&str]) -> std::process::Output {
    lingjun(&[&["--db", db_arg, "template"], args].concat())
}

/// `template export` / `template import [--force]` through the binary, with the exit codes of docs/cli.md.
#[test]
fn cli_exports_and_imports_templates() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.sqlite");
    let db_arg = db.to_str().expect("utf-8");
    common::open_store(&db)
        .expect("opens")
        .save(&common::full_draft(3))
        .expect("saves");
    let exported = dir.path().join("内置模板.json");
    let out = template_cli(db_arg, &["export", exported.to_str().expect("p")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(&exported).expect("read"),
        Template::built_in().to_json()
    );

    let custom = dir.path().join("custom.json");
    write_template(&custom, &custom_template());
    let before = std::fs::read(&db).expect("read");
    let out = template_cli(db_arg, &["import", custom.to_str().expect("p")]);
    assert_eq!(out.status.code(), Some(1), "refused without --force");
    assert!(
        text(&out.stderr).contains("--force"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).contains("章节 experience"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&db).expect("read"),
        before,
        "database untouched"
    );

    let out = template_cli(db_arg, &["import", custom.to_str().expect("p"), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let check = lingjun(&["--db", db_arg, "check"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "所属产业链 and 数字化转型 are empty"
    );
    assert!(
        text(&check.stdout).contains("所属产业链"),
        "{}",
        text(&check.stdout)
    );

    let again = dir.path().join("again.json");
    let out = template_cli(db_arg, &["export", again.to_str().expect("p")]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&again).expect("read"),
        custom_template().to_json()
    );

    // Back to the built-in template: the 典型经验做法 text returns, nothing to force.
    let out = template_cli(db_arg, &["import", exported.to_str().expect("p")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let draft = Store::open(&db)
        .expect("opens")
        .load()
        .expect("loads")
        .expect("draft");
    assert!(
        draft.enterprises[2]
            .section("experience")
            .contains("企业坚持质量第一")
    );

    let out = template_cli(db_arg, &["import"]);
    assert_eq!(out.status.code(), Some(2), "bad arguments");
}

/// The package follows the template and its manifest records the template's name and SHA-256.
#[test]
fn the_manifest_records_the_template() {
    let dir = tempfile::tempdir().expect("dir");
    let draft = custom_draft();
    let outcome = lingjun::package::export(
        &draft,
        &common::blobs(),
        dir.path(),
        &lingjun::package::ExportOptions::default(),
        &|_| {},
        &std::sync::atomic::AtomicBool::new(false),
    )
    .expect("exports");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(outcome.folder.join("manifest.json")).expect("read"),
    )
    .expect("json");
    assert_eq!(manifest["template"]["name"], "浙江 2025 附件2/附件3");
    assert_eq!(
        manifest["template"]["sha256"],
        lingjun::model::draft::sha256_hex(custom_template().to_json().as_bytes())
    );
    let listing = std::fs::read_to_string(outcome.folder.join("文件清单.txt")).expect("read");
    assert!(listing.contains("模板：浙江 2025 附件2/附件3"), "{listing}");
}
