//! Batches in the window (docs/manual.md, 批次): the 批次 menu lists current and archived batches, opens an archived
//! one read-only (backed up and exported again, never written), and 新建下一年度批次… starts next year's batch
//! with or without the chosen enterprises' facts, as `lingjun new-batch` does.

use crate::common;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lingjun::model::next_batch::next_batch;
use lingjun::store::Store;
use lingjun::ui::{self, App, BatchCommand, Command, Screen};

type H = Harness<'static, App>;

fn shows(harness: &H, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// A database holding 2024 (two enterprises, archived) and 2025 (one enterprise copied, current).
fn two_batches(db: &std::path::Path) {
    let mut store = common::open_store(db).expect("opens");
    let mut old = common::full_draft(2);
    old.template.report.title = "2024 年的报告标题".into();
    store.save(&old).expect("saves");
    let new = next_batch(&old, 2025, &[1], common::today()).expect("next batch");
    store.start_next_batch(&old, &new).expect("archives");
}

/// A temporary folder holding `two_batches` in drafts.sqlite, and a window opened on it (no frame run yet).
fn window_on_two_batches() -> (tempfile::TempDir, std::path::PathBuf, H) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    two_batches(&db);
    let harness = common::harness_on_file(&db);
    (dir, db, harness)
}

fn open_menu(harness: &mut H) {
    harness.get_by_label(ui::MENU_BATCH).click();
    harness.run();
}

/// The menu lists both batches, marked; the archived one opens read-only, can be backed up, refuses edits and
/// is never written; 回到当前批次 brings the current one back.
#[test]
fn archived_batch_opens_read_only() {
    let (dir, db, mut harness) = window_on_two_batches();
    harness.run();
    open_menu(&mut harness);
    assert!(
        harness
            .query_by_label("2025 年度（当前批次，1 家企业）")
            .is_some()
    );
    harness
        .get_by_label("2024 年度（已归档 · 只读，2 家企业）")
        .click();
    harness.run();
    let state = harness.state();
    assert_eq!(state.archived, Some(2024));
    assert_eq!(state.draft.batch.year, 2024);
    assert_eq!(
        state.draft.enterprises.len(),
        2,
        "the archived batch's enterprises"
    );
    assert_eq!(state.draft.template.report.title, "2024 年的报告标题");
    assert!(shows(&harness, "正在查看 2024 年度批次"), "the bar says so");
    let bytes_before = std::fs::read(&db).expect("db");

    harness
        .get_by_label("企业 1 · 浙江测试企业1有限公司")
        .click();
    harness.run();
    assert!(
        harness
            .get_by_label("企业名称")
            .accesskit_node()
            .is_disabled(),
        "the form is read-only"
    );
    assert!(
        harness
            .get_by_label(ui::ADD_ENTERPRISE)
            .accesskit_node()
            .is_disabled(),
        "nothing can be added"
    );
    harness.state_mut().queue(Command::AddEnterprise);
    harness.run();
    assert!(
        shows(&harness, "已归档，只读），不能修改"),
        "refused, saying why"
    );
    harness.get_by_label(ui::OK).click();
    harness.run();
    harness.get_by_label(ui::NAV_TEMPLATE).click();
    harness.run();
    assert!(
        harness
            .get_by_label("报告标题")
            .accesskit_node()
            .is_disabled(),
        "the template too"
    );
    let backup = dir.path().join("2024.json");
    harness.state_mut().queue(Command::BackupTo(backup.clone()));
    harness.run();
    let read =
        lingjun::model::drafts_file::read_file(&backup, &mut lingjun::model::blob::DiscardBlobs)
            .expect("the backup reads");
    assert_eq!(read.draft.batch.year, 2024, "the archived batch backed up");
    assert_eq!(read.draft.enterprises.len(), 2);
    harness.get_by_label(ui::OK).click();
    harness.run_steps(80);
    assert_eq!(
        std::fs::read(&db).expect("db"),
        bytes_before,
        "nothing written while an archived batch is shown"
    );

    harness.get_by_label(ui::BATCH_BACK).click();
    harness.run();
    let state = harness.state();
    assert_eq!(state.archived, None);
    assert_eq!(state.draft.batch.year, 2025);
    assert_eq!(state.draft.enterprises[0].name, "浙江测试企业2有限公司");
}

/// `--batch YEAR` as the window takes it: an unknown year is named with the batches there are.
#[test]
fn unknown_batch_year_lists_the_batches() {
    let (_dir, _db, mut harness) = window_on_two_batches();
    harness.state_mut().open_archived(2019);
    harness.run();
    assert!(shows(
        &harness,
        "数据库中没有 2019 年度批次。现有批次：2025、2024"
    ));
    assert_eq!(harness.state().archived, None);
    harness.state_mut().open_archived(2024);
    harness.run();
    assert_eq!(harness.state().archived, Some(2024));
}

/// 新建下一年度批次… without copying: an empty enterprise, the same template; the old batch archived.
#[test]
fn next_batch_without_copying() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let mut draft = common::full_draft(2);
    draft.template.rules.max_enterprises = 4;
    {
        let mut store = common::open_store(&db).expect("opens");
        store.save(&draft).expect("saves");
    }
    let mut harness = common::harness_on_file(&db);
    harness.run();
    open_menu(&mut harness);
    harness.get_by_label(ui::MENU_NEW_BATCH).click();
    harness.run();
    assert_eq!(
        harness.get_by_label(ui::NEW_BATCH_YEAR).value().as_deref(),
        Some("2025"),
        "next year offered"
    );
    harness.get_by_label(ui::NEW_BATCH_START).click();
    harness.run();
    let state = harness.state();
    assert_eq!(state.draft.batch.year, 2025);
    assert_eq!(state.draft.enterprises.len(), 1);
    assert!(state.draft.enterprises[0].name.is_empty(), "nothing copied");
    assert_eq!(
        state.draft.template.rules.max_enterprises, 4,
        "the template kept"
    );
    assert_eq!(state.screen, Screen::BatchUnit);
    assert!(shows(&harness, "2024 年度批次已归档"));
    harness.get_by_label(ui::OK).click();
    harness.run();
    open_menu(&mut harness);
    assert!(
        harness
            .query_by_label("2025 年度（当前批次，1 家企业）")
            .is_some()
            && harness
                .query_by_label("2024 年度（已归档 · 只读，2 家企业）")
                .is_some(),
        "the menu lists the batches as they are now"
    );
    drop(harness);
    let store = Store::open(&db).expect("opens");
    let years: Vec<(i32, bool)> = store
        .batches()
        .expect("batches")
        .iter()
        .map(|b| (b.year, b.is_current))
        .collect();
    assert_eq!(years, [(2025, true), (2024, false)]);
    assert_eq!(
        store
            .load_archived(2024)
            .expect("loads")
            .expect("archived")
            .enterprises,
        draft.enterprises,
        "the archive is the batch as it was"
    );
}

/// With the second enterprise ticked, only its facts come along (no report text); a year not after the
/// current one and a year that is not a number are refused and change nothing.
#[test]
fn next_batch_copies_the_chosen_enterprises() {
    let mut store = common::memory_store().expect("memory");
    store.save(&common::full_draft(3)).expect("saves");
    let mut harness = common::app_harness(App::new(store, common::today()));
    harness.run();
    for (year, reason) in [("2024", "须晚于当前批次"), ("二〇二五", "不是有效的年份")]
    {
        harness.state_mut().queue(Command::Batch(BatchCommand::New {
            year: year.into(),
            copy: vec![1],
        }));
        harness.run();
        assert!(shows(&harness, reason), "{year}: {reason}");
        assert_eq!(harness.state().draft.batch.year, 2024, "{year}: unchanged");
        harness.get_by_label(ui::OK).click();
        harness.run();
    }
    open_menu(&mut harness);
    harness.get_by_label(ui::MENU_NEW_BATCH).click();
    harness.run();
    harness
        .get_by_label("带入 企业 2 · 浙江测试企业2有限公司")
        .click();
    harness.run();
    harness.get_by_label(ui::NEW_BATCH_START).click();
    harness.run();
    let draft = &harness.state().draft;
    assert_eq!(draft.batch.year, 2025);
    assert_eq!(draft.enterprises.len(), 1);
    assert_eq!(draft.enterprises[0].name, "浙江测试企业2有限公司");
    assert_eq!(draft.enterprises[0].credit_code, "9133000052601815XC");
    assert!(
        draft.enterprises[0].sections.values().all(String::is_empty),
        "no report text"
    );
    assert!(draft.enterprises[0].attachments.is_empty());
}

/// An archived batch is exported again from the window: its own year and enterprises.
#[test]
fn archived_batch_exports_again() {
    let (dir, _db, mut harness) = window_on_two_batches();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("out dir");
    harness.state_mut().open_archived(2024);
    harness.state_mut().export_page.out_dir = out.display().to_string();
    harness.run();
    harness.get_by_label(ui::NAV_EXPORT).click();
    harness.run();
    harness.get_by_label(ui::EXPORT_START).click();
    harness.step();
    harness.state_mut().export_page.wait();
    harness.run();
    assert!(
        harness.state().export_page.outcome.is_some(),
        "exported: {:?}",
        harness.state().export_page.export_error
    );
    let folder = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(Result::ok)
        .find(|e| e.path().is_dir())
        .expect("a package folder")
        .path();
    assert!(
        folder.display().to_string().contains("2024"),
        "the archived year: {}",
        folder.display()
    );
    let reports = std::fs::read_dir(&folder)
        .expect("folder")
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("02_推荐报告_") && name.ends_with(".pdf")
        })
        .count();
    assert_eq!(reports, 2, "both enterprises of 2024");
}

/// On an archived batch 定稿… is not offered (in the bar and in the 文件 menu): disabled, and hovering says why.
#[test]
fn finalize_is_disabled_on_an_archived_batch() {
    let (_dir, _db, mut harness) = window_on_two_batches();
    harness.run();
    assert!(
        !harness
            .get_by_label(ui::FINALIZE)
            .accesskit_node()
            .is_disabled(),
        "offered on the current batch"
    );
    harness
        .state_mut()
        .queue(Command::Batch(BatchCommand::Open {
            year: 2024,
            current: false,
        }));
    harness.run();
    assert_eq!(harness.state().archived, Some(2024));
    let bar = harness.get_by_label(ui::FINALIZE);
    assert!(bar.accesskit_node().is_disabled(), "not in the bar");
    bar.hover();
    harness.run();
    assert!(
        shows(&harness, "（已归档，只读），不能修改"),
        "the hover says why"
    );
    harness.get_by_label(ui::MENU_FILE).click();
    harness.run();
    let in_menu: Vec<_> = harness.query_all_by_label(ui::FINALIZE).collect();
    assert_eq!(in_menu.len(), 2, "the bar's and the menu's");
    assert!(
        in_menu.iter().all(|n| n.accesskit_node().is_disabled()),
        "neither can be clicked"
    );
}
