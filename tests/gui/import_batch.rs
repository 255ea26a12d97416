//! 从 Word 批量导入 in the window: five reports of the corpus → each plan in turn, one block retargeted in the
//! first → confirmed → each report is a new enterprise with its text in the right sections → 撤销导入 on the
//! first enterprise still works after visiting the others, and says why it is gone once the clerk typed there.

use crate::common;

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable as _;
use lingjun::import::Target;
use lingjun::ui::{self, Command, Screen, WordCommand};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/corpus")
        .join(name)
}

#[test]
fn batch_import_retarget_confirm_and_undo_later() {
    let mut harness = common::app_harness(common::empty_memory_app());
    harness.run();
    let files: Vec<PathBuf> = [
        "pd_cover_toc.docx",
        "pd_parts_wanyuan.docx",
        "word_toc_field.docx",
        "wps_chapters.docx",
        "lo_odt_merged.docx",
    ]
    .into_iter()
    .map(corpus)
    .collect();
    harness
        .state_mut()
        .queue(Command::Word(WordCommand::ImportNew(files)));
    harness.run();
    assert!(
        harness
            .query_by_label_contains("第 1 个文件（共 5 个）「pd_cover_toc.docx」")
            .is_some(),
        "the first plan is shown"
    );
    assert!(
        harness
            .state()
            .draft
            .enterprises
            .iter()
            .all(|e| e.name.is_empty()),
        "nothing written yet"
    );

    // The clerk sends the 推荐意见 block of the first report nowhere (不导入).
    let opinion_block = match harness.state().dialog_plan() {
        Some(plan) => plan
            .blocks
            .iter()
            .position(|b| b.named.contains(&"opinion".to_owned()))
            .expect("the first report has a 推荐意见 block"),
        None => panic!("no plan shown"),
    };
    harness
        .state_mut()
        .queue(Command::Word(WordCommand::SetTarget {
            block: opinion_block,
            target: Target::Skip,
        }));
    harness.run();
    let plan = harness.state().dialog_plan().expect("still the plan");
    assert!(
        plan.sections.iter().all(|s| s.key != "opinion"),
        "{:?}",
        plan.lines()
    );

    for n in 1..=5 {
        assert!(
            harness
                .query_by_label_contains(&format!("第 {n} 个文件（共 5 个）"))
                .is_some(),
            "plan {n} is shown in turn"
        );
        harness.get_by_label(ui::IMPORT_APPLY).click();
        harness.run();
    }
    assert!(
        harness
            .query_by_label_contains("批量导入完成：导入了 5 家企业")
            .is_some(),
        "the batch says what it did"
    );
    harness.get_by_label(ui::OK).click();
    harness.run();

    let draft = harness.state().draft.clone();
    assert_eq!(draft.enterprises.len(), 5);
    let first = &draft.enterprises[0];
    assert_eq!(
        first.name, "杭州示例电气股份有限公司",
        "named from its facts"
    );
    assert!(
        first.section("basic").contains("主营智能电表"),
        "{:?}",
        first.sections
    );
    assert!(
        first.section("opinion").is_empty(),
        "the retargeted block stayed out"
    );
    assert!(
        !first.section("basic").contains("目"),
        "no 目录 line in a section"
    );
    let merged = &draft.enterprises[4];
    assert!(
        merged.section("region").contains("近三年获得的主要荣誉"),
        "the extra section joined 三"
    );
    assert!(draft.enterprises[1].section("opinion").contains("同意推荐"));

    harness
        .state_mut()
        .queue(Command::Show(Screen::Enterprise(0)));
    harness.run();
    assert!(
        harness.query_by_label(ui::UNDO_IMPORT).is_some(),
        "showing the page is no change"
    );
    // Visiting the others does not take 撤销导入 away from the first.
    for index in [1, 2, 3, 4, 0] {
        harness
            .state_mut()
            .queue(Command::Show(Screen::Enterprise(index)));
        harness.run();
    }
    harness.get_by_label(ui::UNDO_IMPORT).click();
    harness.run();
    let undone = &harness.state().draft.enterprises[0];
    assert!(
        undone.name.is_empty() && undone.section("basic").is_empty(),
        "{undone:?}"
    );
    assert_eq!(
        harness.state().draft.enterprises[1],
        draft.enterprises[1],
        "the others stay"
    );

    // Once the clerk changes an enterprise after its import, its page says why 撤销导入 is gone.
    harness
        .state_mut()
        .queue(Command::Show(Screen::Enterprise(1)));
    harness.run();
    assert!(harness.query_by_label(ui::UNDO_IMPORT).is_some());
    harness.state_mut().draft.enterprises[1].region = "宁波市北仑区".into();
    harness.run();
    assert!(harness.query_by_label(ui::UNDO_IMPORT).is_none());
    assert!(harness.query_by_label(ui::UNDO_IMPORT_GONE).is_some());
}

/// More files than the quota leaves room for are refused before anything is read or written.
#[test]
fn batch_import_beyond_the_quota_is_refused() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(4)));
    harness.run();
    let before = harness.state().draft.clone();
    let files = vec![corpus("pd_bold_colon.docx"), corpus("lo_html.docx")];
    harness
        .state_mut()
        .queue(Command::Word(WordCommand::ImportNew(files)));
    harness.run();
    assert!(
        harness
            .query_by_label_contains("本批次还能新增 1 家企业")
            .is_some()
    );
    assert_eq!(harness.state().draft, before);
}
