//! Messages beside the button that caused them, in Chinese (打印… with no PDF viewer); path boxes that take
//! Enter and Esc and remember the last folder per purpose; 报送截止日期 and 填报日期 that follow 年度.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lingjun::ui::{self, App, Command, PathTarget, Picked, Screen};

fn no_viewer(_: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::NotFound,
        "No such file or directory (os error 2)",
    ))
}

/// 打印… with no PDF viewer: the cause in Chinese right under the button, with 复制路径 and the folder.
#[test]
fn the_print_error_shows_beside_its_button_in_chinese() {
    let out = tempfile::tempdir().expect("dir");
    let draft = crate::common::as_final(&crate::common::full_draft(1));
    let mut app = crate::common::memory_app_exporting_to(&draft, out.path());
    app.picker = |_, _| Picked::Cancelled;
    app.export_page.opener = no_viewer;
    app.screen = Screen::Export;
    let mut harness = crate::common::app_harness_sized(app, [1366.0, 768.0]);
    harness.run();
    harness.get_by_label(ui::EXPORT_START).click();
    harness.step();
    harness.state_mut().export_page.wait();
    harness.run();
    let print_pdf = harness
        .state()
        .export_page
        .outcome
        .as_ref()
        .expect("exported")
        .print_pdf
        .clone();
    let button = harness.get_by_label(ui::PRINT).rect();
    harness.get_by_label(ui::PRINT).click();
    harness.run();
    let text = format!(
        "未找到可以打开 PDF 的程序：请用 PDF 阅读器打开 {}",
        print_pdf.display()
    );
    let error = harness.get_by_label(&text).rect();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1366.0, 768.0));
    assert!(
        window.contains_rect(button),
        "打印… at {button:?} is in view"
    );
    assert!(
        window.contains_rect(error),
        "the error at {error:?} is in view"
    );
    assert!(
        error.top() >= button.top() && error.top() - button.bottom() < 40.0,
        "the error {error:?} sits right under 打印… {button:?}"
    );
    assert!(
        harness.query_by_label_contains("os error").is_none()
            && harness.query_by_label_contains("No such file").is_none(),
        "no English system text"
    );
    assert!(harness.query_by_label(ui::OPEN_CONTAINING_FOLDER).is_some());
    harness.get_by_label(ui::COPY_PATH).click();
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .any(|c| matches!(c, egui::OutputCommand::CopyText(t) if Path::new(t) == print_pdf));
    assert!(copied, "复制路径 puts the path on the clipboard");
}

/// A harness on a file database (so settings are kept) whose file dialogs never open.
fn on_file(db: &Path) -> Harness<'static, App> {
    let store = crate::common::open_store(db).expect("opens");
    let mut app = App::new(store, crate::common::today());
    app.picker = |_, _| Picked::Unavailable;
    crate::common::app_harness(app)
}

fn type_into_path_box(harness: &mut Harness<'static, App>, text: &str) {
    harness.get_by_label(ui::PATH_BOX).focus();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness.get_by_label(ui::PATH_BOX).type_text(text);
    harness.run();
}

/// Enter in the path box uses the path; Esc closes the box and changes nothing.
#[test]
fn enter_submits_and_escape_cancels_the_path_box() {
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = on_file(&dir.path().join("drafts.sqlite"));
    harness.run();
    let before = harness.state().export_page.out_dir.clone();
    harness
        .state_mut()
        .queue(Command::AskPath(PathTarget::ExportFolder));
    harness.run();
    type_into_path_box(&mut harness, &dir.path().join("不要").display().to_string());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label(ui::PATH_BOX).is_none(),
        "Esc closes the box"
    );
    assert_eq!(
        harness.state().export_page.out_dir,
        before,
        "and changes nothing"
    );

    harness
        .state_mut()
        .queue(Command::AskPath(PathTarget::ExportFolder));
    harness.run();
    let out = dir.path().join("导出到这里");
    type_into_path_box(&mut harness, &out.display().to_string());
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(
        harness.query_by_label(ui::PATH_BOX).is_none(),
        "Enter uses the path"
    );
    assert_eq!(PathBuf::from(&harness.state().export_page.out_dir), out);
}

/// Enter in the export page's verify box starts the verify.
#[test]
fn enter_in_the_verify_box_verifies() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = crate::common::memory_app(&crate::common::full_draft(1));
    app.screen = Screen::Export;
    let mut harness = crate::common::app_harness(app);
    harness.run();
    harness.get_by_label(ui::VERIFY_PATH).focus();
    harness.run();
    harness
        .get_by_label(ui::VERIFY_PATH)
        .type_text(&dir.path().display().to_string());
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.step();
    harness.state_mut().export_page.wait();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("没有找到 manifest.json")
            .is_some(),
        "the verify ran on the folder typed"
    );
}

/// The path box for attachments starts in the folder the last attachment came from, at the next start too (the
/// settings file beside the database); Word and the others keep their own.
#[test]
fn the_path_box_remembers_the_last_folder_per_purpose() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let scans = dir.path().join("扫描件");
    std::fs::create_dir(&scans).expect("mkdir");
    let scan = scans.join("营业执照.pdf");
    std::fs::write(&scan, b"%PDF-1.4 scan").expect("write");
    {
        let mut harness = on_file(&db);
        harness.state_mut().screen = Screen::Enterprise(0);
        harness.run();
        harness.state_mut().queue(Command::AttachFiles(0));
        harness.run();
        type_into_path_box(&mut harness, &scan.display().to_string());
        harness.key_press(egui::Key::Enter);
        for _ in 0..20 {
            harness.run();
            if !harness.state().draft.enterprises[0].attachments.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert_eq!(harness.state().draft.enterprises[0].attachments.len(), 1);
    }
    let mut harness = on_file(&db);
    harness.run();
    harness
        .state_mut()
        .queue(Command::AskPath(PathTarget::Attach(0)));
    harness.run();
    let offered = harness
        .get_by_label(ui::PATH_BOX)
        .value()
        .unwrap_or_default();
    assert_eq!(
        offered,
        format!("{}{}", scans.display(), std::path::MAIN_SEPARATOR),
        "the attachments' folder is offered, only the name is left to type"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness
        .state_mut()
        .queue(Command::AskPath(PathTarget::WordImport(0)));
    harness.run();
    assert_eq!(
        harness
            .get_by_label(ui::PATH_BOX)
            .value()
            .unwrap_or_default(),
        "",
        "Word has no folder of its own yet"
    );
}

/// Changing 年度 moves the deadline (still the default) to the new year and empties 填报日期 for a past or
/// future year; back to the current year, 填报日期 is today again. A deadline the clerk typed stays.
#[test]
fn the_deadline_follows_the_year() {
    let mut app = crate::common::memory_app(&crate::common::full_draft(1));
    app.screen = Screen::BatchUnit;
    let mut harness = crate::common::app_harness(app);
    harness.run();
    assert_eq!(harness.state().draft.batch.deadline, "2024-09-20");
    harness.get_by_label("年度").set_value_accesskit(2026.0);
    harness.run();
    let draft = &harness.state().draft;
    assert_eq!(draft.batch.year, 2026);
    assert_eq!(draft.batch.deadline, "2026-09-20", "the deadline moved");
    assert_eq!(
        draft.unit.date, "",
        "no 填报日期 for a year not being prepared now"
    );
    assert!(
        harness
            .query_by_label_contains("截止日期不在本年度内")
            .is_none(),
        "no warning to fix by hand"
    );
    harness.get_by_label("年度").set_value_accesskit(2024.0);
    harness.run();
    let draft = &harness.state().draft;
    assert_eq!(draft.batch.deadline, "2024-09-20");
    assert_eq!(draft.unit.date, "2024-09-08", "today for the current batch");

    harness.state_mut().draft.batch.deadline = "2024-10-08".to_owned();
    harness.run();
    harness.get_by_label("年度").set_value_accesskit(2025.0);
    harness.run();
    assert_eq!(
        harness.state().draft.batch.deadline,
        "2024-10-08",
        "a deadline the clerk typed is kept (and flagged by the check)"
    );
}
