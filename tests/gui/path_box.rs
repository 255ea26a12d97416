//! When no system file dialog can open, 备份, 恢复, 选择文件夹 and 添加附件 say so and offer a
//! path box that does the same; 输入路径… opens it directly. A wrong path is refused with the reason and changes
//! nothing.

use crate::common;

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lingjun::ui::{self, App, Picked, Screen};

/// A harness on `draft` whose file dialogs never open, as on Linux without a portal or zenity.
fn without_dialogs(draft: &lingjun::model::Draft) -> Harness<'static, App> {
    let mut store = common::memory_store().expect("memory store");
    store.save(draft).expect("saves");
    let mut app = App::new(store, common::today());
    app.picker = |_, _| Picked::Unavailable;
    common::app_harness(app)
}

/// Types `path` into the open path box and presses 使用此路径.
fn use_path(harness: &mut Harness<'static, App>, path: &str) {
    harness.get_by_label(ui::PATH_BOX).focus();
    harness.run();
    // Select what an earlier try left, so the typing replaces it.
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness.get_by_label(ui::PATH_BOX).type_text(path);
    harness.run();
    harness.get_by_label(ui::USE_PATH).click();
    harness.run();
}

fn open_file_menu(harness: &mut Harness<'static, App>) {
    harness.get_by_label(ui::MENU_FILE).click();
    harness.run();
}

/// 备份草稿到文件… with no dialog: the note, the path box, and the backup written where typed.
#[test]
fn backup_falls_back_to_the_path_box() {
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = without_dialogs(&common::full_draft(2));
    harness.run();
    open_file_menu(&mut harness);
    harness.get_by_label(ui::MENU_BACKUP).click();
    harness.run();
    assert!(
        harness.query_by_label(ui::NO_FILE_DIALOG).is_some(),
        "says the system dialog did not open"
    );
    let target = dir.path().join("备份一");
    use_path(&mut harness, &target.display().to_string());
    let written = dir.path().join("备份一.json");
    assert!(written.is_file(), "the backup is written, .json added");
    let back =
        lingjun::model::drafts_file::read_file(&written, &mut lingjun::model::blob::DiscardBlobs)
            .expect("a drafts file");
    assert_eq!(back.draft.enterprises.len(), 2);
    assert!(
        harness
            .query_by_label_contains("已把 2 家企业的草稿备份到")
            .is_some()
    );
}

/// Wrong backup paths (empty, a folder, a missing folder, an existing file) are refused and write nothing.
#[test]
fn wrong_backup_paths_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let existing = dir.path().join("旧备份.json");
    std::fs::write(&existing, "旧内容").expect("write");
    let mut harness = without_dialogs(&common::full_draft(1));
    harness.run();
    open_file_menu(&mut harness);
    harness.get_by_label(ui::MENU_BACKUP_TYPED).click();
    harness.run();
    assert!(
        harness.query_by_label(ui::NO_FILE_DIALOG).is_none(),
        "opened on purpose: no note about a failed dialog"
    );
    for (typed, reason) in [
        (String::new(), "请输入路径。"),
        (dir.path().display().to_string(), "这是一个文件夹"),
        (
            dir.path()
                .join("无此文件夹/备份.json")
                .display()
                .to_string(),
            "文件夹不存在",
        ),
        (existing.display().to_string(), "已有同名文件"),
    ] {
        use_path(&mut harness, &typed);
        assert!(
            harness.query_by_label_contains(reason).is_some(),
            "{typed:?}: says {reason}"
        );
        assert!(
            harness.query_by_label(ui::PATH_BOX).is_some(),
            "{typed:?}: the box stays open"
        );
    }
    assert_eq!(std::fs::read_to_string(&existing).expect("read"), "旧内容");
    let names: Vec<_> = std::fs::read_dir(dir.path()).expect("read").collect();
    assert_eq!(names.len(), 1, "nothing new written: {names:?}");
}

/// 从备份文件恢复… with no dialog: a wrong path is refused; a backup file leads to the usual confirmation.
#[test]
fn restore_falls_back_to_the_path_box() {
    let dir = tempfile::tempdir().expect("dir");
    let backup = dir.path().join("备份.json");
    std::fs::write(&backup, common::to_json(&common::full_draft(3))).expect("write");
    let mut harness = without_dialogs(&common::full_draft(1));
    harness.run();
    open_file_menu(&mut harness);
    harness.get_by_label(ui::MENU_RESTORE).click();
    harness.run();
    assert!(harness.query_by_label(ui::NO_FILE_DIALOG).is_some());
    use_path(
        &mut harness,
        &dir.path().join("无.json").display().to_string(),
    );
    assert!(harness.query_by_label_contains("找不到这个文件").is_some());
    use_path(&mut harness, &dir.path().display().to_string());
    assert!(
        harness
            .query_by_label_contains("这是一个文件夹，不是文件")
            .is_some()
    );
    assert_eq!(
        harness.state().draft.enterprises.len(),
        1,
        "nothing restored"
    );
    use_path(&mut harness, &backup.display().to_string());
    assert!(
        harness
            .query_by_label_contains("恢复会替换当前全部草稿")
            .is_some(),
        "the restore confirmation, as after the system dialog"
    );
    harness.get_by_label(ui::CONFIRM).click();
    harness.run();
    assert_eq!(harness.state().draft.enterprises.len(), 3, "restored");
}

/// 输入路径… beside 添加附件…: the typed file is attached; wrong paths are refused and attach nothing.
#[test]
fn an_attachment_is_added_by_typed_path() {
    let dir = tempfile::tempdir().expect("dir");
    let scan = dir.path().join("营业执照.pdf");
    std::fs::write(&scan, b"%PDF-1.4 scan").expect("write");
    let mut harness = without_dialogs(&common::full_draft(1));
    harness.state_mut().screen = Screen::Enterprise(0);
    harness.run();
    // The attachments are at the foot of a long page: press the button as a screen reader would.
    harness.get_by_label(ui::TYPE_PATH).click_accesskit();
    harness.run();
    for (typed, reason) in [
        (String::new(), "请输入路径。"),
        (
            dir.path().join("无.pdf").display().to_string(),
            "找不到这个文件",
        ),
        (dir.path().display().to_string(), "这是一个文件夹，不是文件"),
    ] {
        use_path(&mut harness, &typed);
        assert!(
            harness.query_by_label_contains(reason).is_some(),
            "{typed:?}: says {reason}"
        );
    }
    assert_eq!(harness.state().draft.enterprises[0].attachments.len(), 1);
    use_path(&mut harness, &scan.display().to_string());
    // The file is read into the database on a thread: draw frames until it is in.
    for _ in 0..500 {
        if harness.state().draft.enterprises[0].attachments.len() == 2 {
            break;
        }
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let attachments = &harness.state().draft.enterprises[0].attachments;
    assert_eq!(attachments.len(), 2, "attached");
    assert_eq!(attachments[1].name, "营业执照.pdf");
}

/// 添加附件… when no dialog opens: the note and the same path box.
#[test]
fn attach_falls_back_to_the_path_box() {
    let mut harness = without_dialogs(&common::full_draft(1));
    harness.state_mut().screen = Screen::Enterprise(0);
    harness.run();
    harness.get_by_label(ui::ATTACH_FILES).click_accesskit();
    harness.run();
    assert!(harness.query_by_label(ui::NO_FILE_DIALOG).is_some());
    assert!(harness.query_by_label(ui::PATH_BOX).is_some());
    harness.get_by_label(ui::CANCEL).click();
    harness.run();
    assert!(
        harness.query_by_label(ui::PATH_BOX).is_none(),
        "取消 closes it"
    );
}

/// 选择导出文件夹… and 选择 .iso 文件… when no dialog opens: the path goes into the page's box.
#[test]
fn export_and_verify_pickers_fall_back_to_the_path_box() {
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = without_dialogs(&common::as_final(&common::full_draft(1)));
    harness.state_mut().screen = Screen::Export;
    harness.run();
    harness.get_by_label(ui::EXPORT_PICK_FOLDER).click();
    harness.run();
    assert!(harness.query_by_label(ui::NO_FILE_DIALOG).is_some());
    let out = dir.path().join("新建的导出");
    use_path(&mut harness, &out.display().to_string());
    assert_eq!(Path::new(&harness.state().export_page.out_dir), out);

    harness.get_by_label(ui::VERIFY_PICK_IMAGE).click();
    harness.run();
    use_path(&mut harness, &dir.path().display().to_string());
    assert!(
        harness
            .query_by_label_contains("这是一个文件夹，不是文件")
            .is_some(),
        "an .iso is a file"
    );
    assert_eq!(harness.state().export_page.verify_path, "", "unchanged");
    let iso = dir.path().join("光盘.iso");
    std::fs::write(&iso, "x").expect("write");
    use_path(&mut harness, &iso.display().to_string());
    assert_eq!(Path::new(&harness.state().export_page.verify_path), iso);
}

/// 导出模板… and 导入模板… on the 报告模板 page when no dialog opens: the same path box; the template is written
/// where typed, a wrong or hostile file is refused with the reason and changes nothing, a good one is imported.
#[test]
fn template_files_fall_back_to_the_path_box() {
    let dir = tempfile::tempdir().expect("dir");
    let mut draft = common::full_draft(1);
    draft.template.name = "浙江省模板".into();
    let mut harness = without_dialogs(&draft);
    harness.get_by_label(ui::NAV_TEMPLATE).click();
    harness.run();
    harness.get_by_label(ui::TEMPLATE_EXPORT).click();
    harness.run();
    assert!(
        harness.query_by_label(ui::NO_FILE_DIALOG).is_some(),
        "says the system dialog did not open"
    );
    use_path(&mut harness, &dir.path().display().to_string());
    assert!(
        harness.query_by_label_contains("这是一个文件夹").is_some(),
        "a folder is not a file name"
    );
    use_path(&mut harness, &dir.path().join("模板").display().to_string());
    let written = dir.path().join("模板.json");
    let exported = lingjun::model::template::read_template_file(&written).expect("a template file");
    assert_eq!(
        exported,
        harness.state().draft.template,
        "written, .json added"
    );
    harness.get_by_label(ui::OK).click();
    harness.run();

    let hostile = dir.path().join("坏模板.json");
    std::fs::write(&hostile, "{\"format\": \"lingjun-template\", \"name\": [").expect("write");
    let before = harness.state().draft.clone();
    harness.get_by_label(ui::TEMPLATE_IMPORT).click();
    harness.run();
    assert!(harness.query_by_label(ui::NO_FILE_DIALOG).is_some());
    use_path(
        &mut harness,
        &dir.path().join("无.json").display().to_string(),
    );
    assert!(
        harness.query_by_label_contains("找不到这个文件").is_some(),
        "a missing file is refused in the box"
    );
    use_path(&mut harness, &hostile.display().to_string());
    assert!(
        harness
            .query_by_label_contains("模板文件无法导入，当前模板和草稿没有改动")
            .is_some(),
        "a broken file is refused with the reason"
    );
    assert_eq!(harness.state().draft, before, "nothing changed");
    harness.get_by_label(ui::OK).click();
    harness.run();

    let mut other = exported.clone();
    other.name = "新模板".into();
    std::fs::write(&written, other.to_json()).expect("write");
    harness.get_by_label(ui::TEMPLATE_IMPORT).click();
    harness.run();
    use_path(&mut harness, &written.display().to_string());
    assert!(
        harness
            .query_by_label_contains("已导入模板「新模板」")
            .is_some(),
        "imported"
    );
    assert_eq!(harness.state().draft.template.name, "新模板");
}
