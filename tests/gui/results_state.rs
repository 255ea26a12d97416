//! Results belong to the state they were made from: the export and verify shown name the 定稿码 (or 审阅稿) and
//! the place, and say in grey that they are out of date, with the reason, once the drafts change: after
//! 取消定稿, after a template edit. After an export the verify box holds the .iso just written.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lingjun::ui::{self, App, Command, Picked, Screen};

/// The window at 1366×768 on the export page of `draft`, after an export into `out` and a verify of what the
/// verify box then offers.
fn exported_and_verified(
    draft: &lingjun::model::Draft,
    out: &std::path::Path,
) -> Harness<'static, App> {
    let mut app = crate::common::memory_app_exporting_to(draft, out);
    app.picker = |_, _| Picked::Cancelled;
    app.screen = Screen::Export;
    let mut harness = crate::common::app_harness_sized(app, [1366.0, 768.0]);
    harness.run();
    for button in [ui::EXPORT_START, ui::VERIFY_START] {
        // 开始校验 is below the export's result at this size.
        harness.get_by_label(button).scroll_to_me();
        harness.run();
        harness.get_by_label(button).click();
        harness.step();
        harness.state_mut().export_page.wait();
        harness.run();
    }
    assert!(
        harness.query_by_label_contains("校验通过").is_some(),
        "the fresh package verifies"
    );
    assert!(
        harness
            .query_by_label_contains(ui::RESULT_OUT_OF_DATE)
            .is_none(),
        "nothing is out of date yet"
    );
    harness
}

#[test]
fn verify_offers_the_iso_just_written_and_results_name_their_code() {
    let out = tempfile::tempdir().expect("dir");
    let draft = crate::common::as_final(&crate::common::full_draft(1));
    let code = draft.finalized.as_ref().expect("final").code.clone();
    let harness = exported_and_verified(&draft, out.path());
    let page = &harness.state().export_page;
    let iso = page
        .outcome
        .as_ref()
        .expect("exported")
        .iso
        .clone()
        .expect("an image");
    assert_eq!(
        std::path::PathBuf::from(&page.verify_path),
        iso,
        "the verify box offers the .iso just written"
    );
    assert!(
        harness
            .query_by_label(&format!("导出自：定稿码 {code}"))
            .is_some(),
        "the export names its 定稿码"
    );
    assert!(
        harness
            .query_by_label(&format!(
                "校验位置：{}（校验时的草稿：定稿码 {code}）",
                iso.display()
            ))
            .is_some(),
        "the verify names the place and the 定稿码"
    );
}

#[test]
fn results_are_out_of_date_after_unfinalize() {
    let out = tempfile::tempdir().expect("dir");
    let draft = crate::common::as_final(&crate::common::full_draft(1));
    let code = draft.finalized.as_ref().expect("final").code.clone();
    let mut harness = exported_and_verified(&draft, out.path());
    harness
        .state_mut()
        .queue(Command::Unfinalize("改正联系人电话".to_owned()));
    harness.run();
    assert!(!harness.state().draft.is_final(), "取消定稿 done");
    let reason = format!(
        "{}：已取消定稿：这是定稿码 {code} 的结果",
        ui::RESULT_OUT_OF_DATE
    );
    assert_eq!(
        harness.query_all_by_label_contains(&reason).count(),
        2,
        "both the export and the verify say they are old, and why"
    );
    assert!(
        harness.query_by_label(ui::EXPORT_DONE).is_none(),
        "导出完成 is no longer claimed"
    );
    assert!(
        harness.query_by_label(ui::PRINT).is_none(),
        "the old 打印版 is not offered for printing"
    );
    assert!(
        harness.query_by_label_contains("校验通过").is_some(),
        "the old verify stays readable, under the reason"
    );
}

#[test]
fn results_are_out_of_date_after_a_template_edit() {
    let out = tempfile::tempdir().expect("dir");
    // A review copy: its folder is verified (it has no image).
    let draft = crate::common::full_draft(1);
    let mut harness = exported_and_verified(&draft, out.path());
    assert!(
        harness.query_by_label("导出自：审阅稿（未定稿）").is_some(),
        "a review copy says so"
    );
    harness.state_mut().draft.template.report.title = "本省改过的标题".to_owned();
    harness.run();
    let reason = format!("{}：报告模板在此之后有改动", ui::RESULT_OUT_OF_DATE);
    assert_eq!(
        harness.query_all_by_label_contains(&reason).count(),
        2,
        "the export and the verify are old after a template edit"
    );
    harness.state_mut().draft.template.report.title = draft.template.report.title.clone();
    harness.run();
    assert!(
        harness
            .query_by_label_contains(ui::RESULT_OUT_OF_DATE)
            .is_none(),
        "the template as it was: current again"
    );
    assert!(harness.query_by_label(ui::EXPORT_DONE).is_some());
}
