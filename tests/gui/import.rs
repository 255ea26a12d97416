//! 从 Word 导入 in the window: import → the mapping is shown → confirm → the text is in the form → 撤销导入 → the
//! old text is back. And 导出 Word… writes the one report.

use crate::common;

use std::path::Path;

use egui_kittest::kittest::Queryable as _;
use lingjun::ui::{self, App, Command, Screen, WordCommand};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// Queues 从 Word 导入 of `path` into enterprise 2 (index 1) and lets the window answer.
fn import_into_second(harness: &mut egui_kittest::Harness<'_, App>, path: std::path::PathBuf) {
    harness
        .state_mut()
        .queue(Command::Word(WordCommand::ImportFrom {
            enterprise: 1,
            path,
        }));
    harness.run();
}

fn app_with_two() -> App {
    let mut store = common::memory_store().expect("memory store");
    store.save(&common::full_draft(2)).expect("saves");
    App::new(store, common::today())
}

/// The whole flow on enterprise 2, whose name and sections are filled: the plan says what it would replace,
/// nothing changes before the click, the form shows the imported text after, and 撤销导入 restores it all.
#[test]
fn import_shows_plan_then_applies_and_undo_restores() {
    let mut harness = common::app_harness(app_with_two());
    harness.run();
    harness
        .get_by_label(&ui::nav_enterprise_text(1, "浙江测试企业2有限公司"))
        .click();
    harness.run();
    assert_eq!(harness.state().screen, Screen::Enterprise(1));
    assert!(
        harness.query_by_label(ui::IMPORT_WORD).is_some(),
        "the button is on the page"
    );
    assert!(
        harness.query_by_label(ui::UNDO_IMPORT).is_none(),
        "nothing to undo yet"
    );
    let before = harness.state().draft.clone();

    import_into_second(&mut harness, fixture("word_style.docx"));
    assert!(
        harness
            .query_by_label_contains("一、企业基本情况 ← 37 字（替换现有")
            .is_some(),
        "the mapping shows the section, its length and that it replaces text"
    );
    assert!(
        harness
            .query_by_label_contains("企业名称 ← 嘉兴示例新材料股份有限公司")
            .is_some()
    );
    assert!(
        harness.query_by_label_contains("备注：无").is_some(),
        "text not placed is listed"
    );
    assert_eq!(
        harness.state().draft,
        before,
        "nothing changes before the confirmation"
    );

    harness.get_by_label(ui::IMPORT_REPLACE).click();
    harness.run();
    assert_eq!(
        harness.state().draft.enterprises[1].name,
        "嘉兴示例新材料股份有限公司"
    );
    assert_eq!(
        harness.get_by_label("企业名称").value().as_deref(),
        Some("嘉兴示例新材料股份有限公司"),
        "the form shows the imported name"
    );
    let opinion = harness
        .get_by_label("六、推荐意见（省级市场监管部门）")
        .value();
    assert_eq!(
        opinion.as_deref(),
        Some("经审核，同意推荐。"),
        "and the imported section"
    );
    assert_eq!(harness.state().draft.enterprises[0], before.enterprises[0]);

    harness.get_by_label(ui::UNDO_IMPORT).click();
    harness.run();
    assert_eq!(
        harness.state().draft,
        before,
        "撤销导入 brings back exactly the old text"
    );
    assert_eq!(
        harness.get_by_label("企业名称").value().as_deref(),
        Some("浙江测试企业2有限公司")
    );
    assert!(harness.query_by_label(ui::UNDO_IMPORT).is_none());
}

/// Filling only the empty parts keeps what the clerk typed; cancelling changes nothing; a .doc gets the
/// save-as-.docx message.
#[test]
fn fill_only_cancel_and_refusal() {
    let mut harness = common::app_harness(app_with_two());
    harness.run();
    harness
        .state_mut()
        .queue(Command::Show(Screen::Enterprise(1)));
    harness.state_mut().draft.enterprises[1].region.clear();
    let before = harness.state().draft.clone();
    import_into_second(&mut harness, fixture("word_style.docx"));
    harness.get_by_label(ui::CANCEL).click();
    harness.run();
    assert_eq!(harness.state().draft, before, "cancel changes nothing");

    import_into_second(&mut harness, fixture("word_style.docx"));
    harness.get_by_label(ui::IMPORT_FILL_ONLY).click();
    harness.run();
    let e = &harness.state().draft.enterprises[1];
    assert_eq!(e.region, "嘉兴市", "the empty field is filled");
    assert_eq!(e.name, before.enterprises[1].name, "the typed name is kept");

    let dir = tempfile::tempdir().expect("dir");
    let doc = dir.path().join("旧.doc");
    std::fs::write(&doc, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).expect("writes");
    import_into_second(&mut harness, doc);
    assert!(
        harness.query_by_label_contains("另存为").is_some(),
        "save as .docx"
    );
}

/// 导出 Word… writes that enterprise's report as a .docx where the clerk chose.
#[test]
fn export_word_writes_one_report() {
    let mut harness = common::app_harness(app_with_two());
    harness.run();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("给领导审阅.docx");
    harness
        .state_mut()
        .queue(Command::Word(WordCommand::ExportTo {
            enterprise: 0,
            path: path.clone(),
        }));
    harness.run();
    let bytes = std::fs::read(&path).expect("written");
    let blocks = lingjun::import::read_docx_bytes(&bytes).expect("a .docx we can read back");
    assert!(!blocks.is_empty());
    assert!(
        harness
            .query_by_label_contains("已导出 Word 版推荐报告")
            .is_some()
    );
}

/// After 定稿 the drafts are frozen: 从 Word 导入 says so and changes nothing; 导出 Word… still works and carries
/// the 定稿码.
#[test]
fn final_drafts_refuse_import() {
    let mut store = common::memory_store().expect("memory store");
    let draft = common::as_final(&common::full_draft(2));
    assert!(draft.is_final());
    store.save(&draft).expect("saves");
    let mut harness = common::app_harness(App::new(store, common::today()));
    harness.run();
    let before = harness.state().draft.clone();
    import_into_second(&mut harness, fixture("word_style.docx"));
    assert!(
        harness.query_by_label_contains("不能修改或替换").is_some(),
        "the frozen message"
    );
    assert!(
        harness.query_by_label(ui::IMPORT_REPLACE).is_none(),
        "no mapping dialog"
    );
    assert_eq!(harness.state().draft, before);

    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("定稿.docx");
    harness
        .state_mut()
        .queue(Command::Word(WordCommand::ExportTo {
            enterprise: 1,
            path: path.clone(),
        }));
    harness.run();
    let bytes = std::fs::read(&path).expect("written");
    let code = &before.finalized.as_ref().expect("final").code;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut footer = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/footer1.xml").expect("footer"),
        &mut footer,
    )
    .expect("reads");
    assert!(footer.contains(code.as_str()), "the 定稿码 in the footer");
    assert!(archive.by_name("word/header1.xml").is_err(), "no 草稿 mark");
}
