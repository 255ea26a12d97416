//! The print preview in the window: reached from the navigation and from an enterprise's page, drawn from the
//! same layout as the PDF, and laid out again when the drafts change.

use crate::common;

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lingjun::ui::{self, App, Screen};

/// The page count the preview states, read from its note.
fn stated_pages(harness: &egui_kittest::Harness<'_, App>) -> usize {
    let node = harness.get_by_label_contains("与导出的 PDF 版式相同");
    // A label keeps its text as the accessibility value.
    let label = node.accesskit_node().value().unwrap_or_default();
    let count: String = label
        .trim_start_matches("共 ")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    count.parse().expect("the note starts with the page count")
}

/// The navigation's 汇总表预览 shows the summary table on one landscape page.
#[test]
fn navigation_opens_the_summary_preview() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(2)));
    harness.run();
    harness.get_by_label(ui::NAV_PREVIEW).click();
    harness.run();
    assert!(matches!(harness.state().screen, Screen::Preview(_)));
    assert!(
        harness.query_by_label_contains("A4 横向").is_some(),
        "the summary is landscape"
    );
    assert_eq!(stated_pages(&harness), 1);
    assert!(
        harness
            .query_by_label_contains("每页带“草稿”水印")
            .is_some(),
        "a draft says it carries the mark"
    );
}

/// 打印预览 on an enterprise's page opens its report; the selector switches to the summary table.
#[test]
fn enterprise_page_opens_its_report_preview() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(2)));
    harness.run();
    harness
        .get_by_label("企业 2 · 浙江测试企业2有限公司")
        .click();
    harness.run();
    harness.get_by_label(ui::PRINT_PREVIEW).click();
    harness.run();
    assert!(
        harness.query_by_label_contains("A4 纵向").is_some(),
        "a report is portrait"
    );
    let expected = lingjun::render::report_layout(
        &harness.state().draft,
        1,
        lingjun::model::Template::built_in(),
    )
    .expect("lays out")
    .pages
    .len();
    assert_eq!(
        stated_pages(&harness),
        expected,
        "the preview is the PDF layout"
    );
    harness.get_by_label(ui::PREVIEW_SUMMARY).click();
    harness.run();
    assert!(harness.query_by_label_contains("A4 横向").is_some());
}

/// Text typed on the enterprise page shows in the preview: the layout follows the drafts.
#[test]
fn preview_follows_edits() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(1)));
    harness.run();
    harness
        .get_by_label("企业 1 · 浙江测试企业1有限公司")
        .click();
    harness.run();
    harness.get_by_label("企业名称").focus();
    harness.run();
    harness.get_by_label("企业名称").type_text("新");
    harness.run();
    harness.get_by_label(ui::PRINT_PREVIEW).click();
    harness.run();
    assert!(
        harness
            .query_by_label("推荐报告 1 · 浙江测试企业1有限公司新")
            .is_some(),
        "the selector shows the typed name"
    );
    let before = stated_pages(&harness);
    harness.state_mut().draft.enterprises[0]
        .sections
        .insert("basic".into(), "质量第一，".repeat(2000));
    harness.run();
    assert!(
        stated_pages(&harness) > before + 5,
        "a long section adds pages at once"
    );
}
