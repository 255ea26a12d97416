//! The export page: absolute folders, errors in their own place, results that say when
//! they are old, buttons that stay where they are and in reach at 900×600, and what the page remembers.

use crate::common;

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lingjun::ui::{self, App, Picked, Screen};

/// An app on `draft` (saved as it is: not final unless it says so), exporting into `out`, with relative folders
/// taken inside `base`.
fn app_on(draft: &lingjun::model::Draft, out: &Path, base: &Path) -> App {
    let mut store = common::memory_store().expect("memory store");
    store.save(draft).expect("saves");
    let mut app = App::new(store, common::today());
    app.export_page.out_dir = out.display().to_string();
    app.export_page.base_dir = Some(base.to_owned());
    app.picker = |_, _| Picked::Cancelled;
    app.screen = Screen::Export;
    app
}

fn harness_of_size(app: App, size: [f32; 2]) -> Harness<'static, App> {
    common::app_harness_sized(app, size)
}

/// Waits for the running job, then draws its result.
fn finish_job(harness: &mut Harness<'_, App>) {
    harness.state_mut().export_page.wait();
    harness.run();
}

fn click_and_finish(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_label(label).click();
    harness.step();
    finish_job(harness);
}

const PACKAGE: &str = "浙江省质量强国建设领军企业推荐材料（2024）";

/// A folder typed without its place is a folder inside the default export folder, shown and used in full.
#[test]
fn a_relative_folder_is_taken_inside_the_default_export_folder() {
    let base = tempfile::tempdir().expect("dir");
    let draft = common::as_final(&common::full_draft(1));
    let mut harness = common::app_harness(app_on(&draft, Path::new("随便写写"), base.path()));
    harness.run();
    let full = base.path().join("随便写写");
    assert!(
        harness
            .query_by_label(&format!("完整路径：{}", full.display()))
            .is_some(),
        "the page shows where the export will go"
    );
    click_and_finish(&mut harness, ui::EXPORT_START);
    assert!(
        full.join(PACKAGE).join("manifest.json").is_file(),
        "exported inside the default folder, not the working directory"
    );
    assert!(
        !Path::new("随便写写").exists(),
        "nothing in the working directory"
    );
    let page = &harness.state().export_page;
    assert_eq!(
        PathBuf::from(&page.out_dir),
        full,
        "the box now holds the full path"
    );
    let outcome = page.outcome.as_ref().expect("exported");
    assert!(outcome.folder.is_absolute() && outcome.print_pdf.is_absolute());
    assert!(
        harness
            .query_by_label(&format!("光盘文件夹：{}", full.join(PACKAGE).display()))
            .is_some(),
        "the result names the full path"
    );
    assert_eq!(
        PathBuf::from(&page.verify_path),
        full.join(format!("{PACKAGE}.iso")),
        "the verify box is filled with the full path of the .iso just written"
    );
}

/// A file where the folder should be, or nothing at all, is refused before anything is written.
#[test]
fn an_unusable_export_folder_is_refused_with_the_reason() {
    let base = tempfile::tempdir().expect("dir");
    let file = base.path().join("一个文件.txt");
    std::fs::write(&file, "x").expect("write");
    let draft = common::as_final(&common::full_draft(1));
    let mut harness = common::app_harness(app_on(&draft, &file, base.path()));
    harness.run();
    harness.get_by_label(ui::EXPORT_START).click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("导出文件夹不能用：这是一个文件，不是文件夹")
            .is_some(),
        "the page says why"
    );
    assert!(harness.state().export_page.job.is_none(), "nothing started");

    harness.state_mut().export_page.out_dir = "   ".to_owned();
    harness.run();
    harness.get_by_label(ui::EXPORT_START).click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("导出文件夹不能用：请输入路径")
            .is_some()
    );
    let names: Vec<_> = std::fs::read_dir(base.path()).expect("read").collect();
    assert_eq!(names.len(), 1, "only the file that was there: {names:?}");
}

/// Export errors show in the box under 开始导出, which keeps its height: 开始校验 does not move.
#[test]
fn an_export_error_does_not_move_the_verify_button() {
    let base = tempfile::tempdir().expect("dir");
    let file = base.path().join("文件");
    std::fs::write(&file, "x").expect("write");
    // A folder inside a file: accepted by the page, refused by the system while exporting.
    let out = file.join("导出");
    let draft = common::as_final(&common::full_draft(1));
    let mut harness = common::app_harness(app_on(&draft, &out, base.path()));
    harness.state_mut().export_page.verify_path = base.path().display().to_string();
    harness.run();
    let before = harness.get_by_label(ui::VERIFY_START).rect();
    click_and_finish(&mut harness, ui::EXPORT_START);
    let error = harness
        .state()
        .export_page
        .export_error
        .clone()
        .expect("the export failed");
    let shown = harness.get_by_label(&error).rect();
    assert!(
        shown.top() < before.top(),
        "the export error is above the verify box"
    );
    assert_eq!(
        harness.get_by_label(ui::VERIFY_START).rect(),
        before,
        "开始校验 stays where it was"
    );

    // A long error (several lines) does not move it either.
    harness.state_mut().export_page.export_error = Some("很长的错误说明。".repeat(60));
    harness.run();
    assert_eq!(harness.get_by_label(ui::VERIFY_START).rect(), before);
}

/// A verify error shows under 开始校验, not under 开始导出.
#[test]
fn verify_errors_show_under_the_verify_button() {
    let base = tempfile::tempdir().expect("dir");
    let draft = common::as_final(&common::full_draft(1));
    let mut harness = common::app_harness(app_on(&draft, base.path(), base.path()));
    harness.state_mut().export_page.verify_path = base.path().display().to_string();
    harness.run();
    let export_button = harness.get_by_label(ui::EXPORT_START).rect();
    click_and_finish(&mut harness, ui::VERIFY_START);
    let verify_button = harness.get_by_label(ui::VERIFY_START).rect();
    let error = harness
        .get_by_label_contains("没有找到 manifest.json")
        .rect();
    assert!(
        error.top() >= verify_button.bottom(),
        "under 开始校验: {error:?} vs {verify_button:?}"
    );
    assert!(
        harness.state().export_page.export_error.is_none(),
        "not an export error"
    );
    assert!(
        harness.query_by_label("尚未导出。").is_some(),
        "the export box still says nothing was exported"
    );
    assert_eq!(harness.get_by_label(ui::EXPORT_START).rect(), export_button);
}

/// Once the drafts change after an export, the page says the export is old instead of 导出完成; a report on
/// another place than the verify box names says so; a removed package folder is old as well.
#[test]
fn old_results_say_they_are_old() {
    let base = tempfile::tempdir().expect("dir");
    // A review copy: not final, so the drafts can still be edited after the export.
    let draft = common::full_draft(1);
    let mut harness = common::app_harness(app_on(&draft, base.path(), base.path()));
    harness.run();
    click_and_finish(&mut harness, ui::EXPORT_START);
    assert!(harness.query_by_label(ui::EXPORT_DONE).is_some());
    click_and_finish(&mut harness, ui::VERIFY_START);
    assert!(harness.query_by_label_contains("校验通过").is_some());
    assert!(harness.query_by_label_contains("已不是最新").is_none());

    harness.state_mut().draft.unit.contact = "李四".to_owned();
    harness.run();
    assert!(
        harness.query_by_label(ui::EXPORT_DONE).is_none(),
        "导出完成 is gone once the drafts changed"
    );
    assert!(harness.query_by_label_contains("已不是最新").is_some());
    assert!(harness.query_by_label(ui::OPEN_FOLDER).is_none());
    assert!(
        harness
            .query_by_label_contains("校验结果对应的是旧的材料")
            .is_some(),
        "the verify report says it is about the old package"
    );

    harness.state_mut().draft.unit.contact = "王晓明".to_owned();
    harness.run();
    assert!(
        harness.query_by_label(ui::EXPORT_DONE).is_some(),
        "the same drafts again: the export matches them"
    );

    harness.state_mut().export_page.verify_path = "别处".to_owned();
    harness.run();
    assert!(harness.query_by_label_contains("校验位置已改动").is_some());

    let folder = harness
        .state()
        .export_page
        .outcome
        .as_ref()
        .expect("outcome")
        .folder
        .clone();
    std::fs::remove_dir_all(&folder).expect("remove");
    harness.run();
    assert!(
        harness
            .query_by_label_contains("上次导出的文件夹已不存在")
            .is_some()
    );
    assert!(harness.query_by_label(ui::EXPORT_DONE).is_none());
}

/// At 900×600 (the smallest window) every 选择… button is inside the window and does its job when clicked.
#[test]
fn the_pick_buttons_are_in_reach_at_900_by_600() {
    let base = tempfile::tempdir().expect("dir");
    let draft = common::as_final(&common::full_draft(1));
    let mut app = app_on(&draft, base.path(), base.path());
    app.picker = |target, _| match target {
        ui::PathTarget::VerifyImage => Picked::Chosen(vec![std::env::temp_dir().join("a.iso")]),
        _ => Picked::Chosen(vec![std::env::temp_dir()]),
    };
    let mut harness = harness_of_size(app, [900.0, 600.0]);
    harness.run();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(900.0, 600.0));
    for label in [
        ui::EXPORT_PICK_FOLDER,
        ui::VERIFY_PICK_FOLDER,
        ui::VERIFY_PICK_IMAGE,
        ui::EXPORT_START,
        ui::VERIFY_START,
    ] {
        let rect = harness.get_by_label(label).rect();
        assert!(
            window.contains_rect(rect),
            "{label} at {rect:?} is inside the window"
        );
    }
    harness.get_by_label(ui::EXPORT_PICK_FOLDER).click();
    harness.run();
    assert_eq!(
        PathBuf::from(&harness.state().export_page.out_dir),
        std::env::temp_dir()
    );
    harness.get_by_label(ui::VERIFY_PICK_IMAGE).click();
    harness.run();
    assert_eq!(
        PathBuf::from(&harness.state().export_page.verify_path),
        std::env::temp_dir().join("a.iso")
    );
    harness.get_by_label(ui::VERIFY_PICK_FOLDER).click();
    harness.run();
    assert_eq!(
        PathBuf::from(&harness.state().export_page.verify_path),
        std::env::temp_dir()
    );
}

/// The folder exported to and the Word choice come back at the next start on the same database; another
/// database (another `--db`) has settings of its own.
#[test]
fn the_export_folder_and_word_choice_are_remembered_per_database() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let out = dir.path().join("我的导出");
    {
        let mut store = common::open_store(&db).expect("opens");
        store
            .save(&common::as_final(&common::full_draft(1)))
            .expect("saves");
    }
    let mut harness = common::harness_on_file(&db);
    harness.state_mut().screen = Screen::Export;
    harness.state_mut().export_page.out_dir = out.display().to_string();
    harness.run();
    harness.get_by_label(ui::EXPORT_WORD_SETTING).click();
    harness.run();
    assert!(!harness.state().export_page.options.word, "Word turned off");
    click_and_finish(&mut harness, ui::EXPORT_START);
    assert!(harness.state().export_page.outcome.is_some());
    drop(harness);
    assert!(
        lingjun::settings::path_for(&db).is_file(),
        "settings written beside the database"
    );

    let again = common::harness_on_file(&db);
    let page = &again.state().export_page;
    assert_eq!(
        PathBuf::from(&page.out_dir),
        out,
        "the folder is remembered"
    );
    assert!(!page.options.word, "the Word choice is remembered");
    assert_eq!(page.note, None, "nothing to say about good settings");

    let other = common::harness_on_file(&dir.path().join("另一个.sqlite"));
    assert_ne!(
        PathBuf::from(&other.state().export_page.out_dir),
        out,
        "another database does not share the settings"
    );
    assert!(other.state().export_page.options.word);
}

/// A corrupt settings file never stops the window: the defaults are used and the export page says so.
#[test]
fn a_corrupt_settings_file_is_ignored_with_a_note() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    std::fs::write(lingjun::settings::path_for(&db), "{\"export_dir\": ").expect("write");
    let mut harness = common::harness_on_file(&db);
    harness.state_mut().screen = Screen::Export;
    harness.run();
    assert!(
        harness
            .query_by_label_contains("设置文件内容已损坏")
            .is_some()
    );
    assert!(harness.state().export_page.options.word, "the default");

    let gone = dir.path().join("已拔出的U盘");
    std::fs::write(
        lingjun::settings::path_for(&db),
        format!("{{\"export_dir\": {:?}}}", gone.display().to_string()),
    )
    .expect("write");
    drop(harness);
    let mut harness = common::harness_on_file(&db);
    harness.state_mut().screen = Screen::Export;
    harness.run();
    assert!(
        harness
            .query_by_label_contains("上次的导出文件夹已不存在")
            .is_some()
    );
    assert_ne!(PathBuf::from(&harness.state().export_page.out_dir), gone);
}
