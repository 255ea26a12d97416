//! The export page: export with progress, the result and the disc label, overwrite only when asked, verify.

use crate::common;

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lingjun::ui::{self, App, Screen};

/// Waits until the background job is over, then runs frames to show its result. (While a job runs the page
/// keeps repainting for its progress bar, so clicks that start one are followed by `step`, not `run`.)
fn finish_job(harness: &mut egui_kittest::Harness<'_, App>) {
    harness.state_mut().export_page.wait();
    harness.run();
}

/// Export from the window: the package and image appear, the page shows where and the disc label; verify passes.
#[test]
fn export_and_verify_from_the_window() {
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = common::app_harness(common::memory_app_exporting_to(
        &common::as_final(&common::full_draft(2)),
        dir.path(),
    ));
    harness.run();
    harness.get_by_label(ui::NAV_EXPORT).click();
    harness.run();
    assert_eq!(harness.state().screen, Screen::Export);
    harness.get_by_label(ui::EXPORT_START).click();
    harness.step();
    finish_job(&mut harness);
    assert!(
        harness.query_by_label(ui::EXPORT_DONE).is_some(),
        "the page says the export is done"
    );
    let folder = dir
        .path()
        .join("浙江省质量强国建设领军企业推荐材料（2024）");
    assert!(folder.join("manifest.json").is_file());
    assert!(
        dir.path()
            .join("浙江省质量强国建设领军企业推荐材料（2024）.iso")
            .is_file()
    );
    assert!(harness.query_by_label(ui::OPEN_FOLDER).is_some());
    let label = harness
        .state()
        .export_page
        .outcome
        .as_ref()
        .expect("outcome")
        .disc_label
        .clone();
    assert!(
        label.contains("浙江省市场监督管理局") && label.contains("2024年度"),
        "{label}"
    );

    // The verify path is filled with the .iso just written.
    assert_eq!(
        std::path::PathBuf::from(&harness.state().export_page.verify_path),
        dir.path()
            .join("浙江省质量强国建设领军企业推荐材料（2024）.iso")
    );
    harness.get_by_label(ui::VERIFY_START).click();
    harness.step();
    finish_job(&mut harness);
    assert!(harness.query_by_label_contains("校验通过").is_some());

    // The folder, with a file added.
    std::fs::write(folder.join("附件/多余.txt"), "x").expect("add a file");
    harness.state_mut().export_page.verify_path = folder.display().to_string();
    harness.get_by_label(ui::VERIFY_START).click();
    harness.step();
    finish_job(&mut harness);
    assert!(
        harness
            .query_by_label_contains("多出　附件/多余.txt")
            .is_some()
    );
}

/// Exporting again over an existing package asks first; only the explicit choice replaces it.
#[test]
fn an_existing_package_is_replaced_only_when_the_clerk_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = common::app_harness(common::memory_app_exporting_to(
        &common::as_final(&common::full_draft(1)),
        dir.path(),
    ));
    harness.state_mut().screen = Screen::Export;
    harness.run();
    harness.get_by_label(ui::EXPORT_START).click();
    harness.step();
    finish_job(&mut harness);
    let listing = dir
        .path()
        .join("浙江省质量强国建设领军企业推荐材料（2024）/文件清单.txt");
    let first = std::fs::read(&listing).expect("read");

    harness.get_by_label(ui::EXPORT_START).click();
    harness.run();
    assert!(harness.state().export_page.job.is_none(), "nothing started");
    assert!(
        harness
            .query_by_label_contains("已有同名的报送材料")
            .is_some()
    );
    assert_eq!(
        std::fs::read(&listing).expect("read"),
        first,
        "untouched until the clerk agrees"
    );

    harness.get_by_label(ui::EXPORT_OVERWRITE).click();
    harness.step();
    finish_job(&mut harness);
    assert!(
        harness.state().export_page.outcome.is_some(),
        "{:?}",
        harness.state().export_page.export_error
    );
    assert!(
        lingjun::package::verify(dir.path())
            .expect("verifies")
            .is_clean()
    );
}

/// With errors in the drafts the export button is disabled and the page points to the check page.
#[test]
fn export_is_disabled_while_there_are_errors() {
    let dir = tempfile::tempdir().expect("dir");
    let mut draft = common::full_draft(1);
    draft.unit.contact.clear();
    let mut harness = common::app_harness(common::memory_app_exporting_to(
        &common::as_final(&draft),
        dir.path(),
    ));
    harness.state_mut().screen = Screen::Export;
    harness.run();
    assert!(
        harness
            .get_by_label(ui::EXPORT_START)
            .accesskit_node()
            .is_disabled()
    );
    assert!(harness.query_by_label_contains("还有 1 个错误").is_some());
    assert!(
        std::fs::read_dir(dir.path())
            .expect("read")
            .next()
            .is_none(),
        "nothing written"
    );
}

/// A verify of a place with no package says so in Chinese.
#[test]
fn verifying_a_folder_without_a_package_explains_it() {
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = common::app_harness(common::memory_app_exporting_to(
        &common::as_final(&common::full_draft(1)),
        dir.path(),
    ));
    harness.state_mut().screen = Screen::Export;
    harness.state_mut().export_page.verify_path = dir.path().display().to_string();
    harness.run();
    harness.get_by_label(ui::VERIFY_START).click();
    harness.step();
    finish_job(&mut harness);
    assert!(
        harness
            .query_by_label_contains("没有找到 manifest.json")
            .is_some()
    );
}
