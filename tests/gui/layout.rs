//! The form's steady layout and the preview tabs, as the clerk sees them: the form below a field stays put when its 必填
//! mark goes; long names in the preview tabs end in "…".

use crate::common;

use egui_kittest::kittest::Queryable as _;
use lingjun::ui::Screen;

#[test]
fn the_field_below_does_not_move_when_the_required_mark_goes() {
    let mut draft = common::full_draft(1);
    draft.enterprises[0].name.clear();
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.state_mut().screen = Screen::Enterprise(0);
    harness.run();
    let below = harness.get_by_label("统一社会信用代码").rect();
    harness.get_by_label("企业名称").focus();
    harness.run();
    harness
        .get_by_label("企业名称")
        .type_text("浙江新名字有限公司");
    harness.run();
    harness.run();
    assert_eq!(
        harness.state().draft.enterprises[0].name,
        "浙江新名字有限公司"
    );
    assert_eq!(
        harness.get_by_label("统一社会信用代码").rect(),
        below,
        "the next field keeps its place once 必填 is gone"
    );
}

#[test]
fn long_names_in_the_preview_tabs_end_in_an_ellipsis() {
    let mut draft = common::full_draft(2);
    draft.enterprises[1].name = "浙江省杭州市西湖区某某某某智能装备制造股份有限公司".to_owned();
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.run();
    harness.get_by_label("汇总表预览").click();
    harness.run();
    assert!(
        harness
            .query_by_label("推荐报告 2 · 浙江省杭州市西湖区某某…")
            .is_some(),
        "the tab shows the name cut with …"
    );
    // A short name is shown whole, without "…".
    let first = draft.enterprises[0].name.clone();
    assert!(first.chars().count() <= 12);
    assert!(
        harness
            .query_by_label(&format!("推荐报告 1 · {first}"))
            .is_some()
    );
}

#[test]
fn a_jump_to_a_section_far_down_shows_its_heading() {
    let mut draft = common::full_draft(1);
    let long: String = "质量强国建设领军企业。\n".repeat(300);
    for text in draft.enterprises[0].sections.values_mut() {
        text.clone_from(&long);
    }
    // The section jumped to is empty (必填): no place in its text, so its heading is what must come into view.
    draft.enterprises[0]
        .sections
        .insert("experience".to_owned(), String::new());
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.run();
    harness.state_mut().queue(lingjun::ui::Command::FocusField(
        lingjun::model::validate::FieldPath::Enterprise {
            index: 0,
            field: lingjun::model::validate::EnterpriseField::Section("experience".to_owned()),
        },
    ));
    for _ in 0..4 {
        harness.run();
    }
    assert_eq!(harness.state().screen, Screen::Enterprise(0));
    // The heading is painted text without a node of its own; the guidance line sits right under it, so the
    // guidance on screen with a heading's height free above it means the heading shows.
    let guidance = harness
        .get_by_label_contains("可复制、可推广的质量强企典型经验")
        .rect();
    let heading = egui::Rect::from_min_max(
        egui::pos2(guidance.left(), guidance.top() - 22.0),
        guidance.max,
    );
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 900.0));
    assert!(
        window.contains_rect(heading),
        "the heading is on screen, at {heading:?}"
    );
}

/// A sidebar entry answers a click anywhere on its row, not only on its words: the clerk aims at the row, and
/// 汇总表预览 is much shorter than the sidebar is wide.
#[test]
fn a_click_on_the_empty_right_of_a_sidebar_row_opens_its_page() {
    let draft = common::full_draft(2);
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.run();
    let first_row = lingjun::ui::nav_enterprise_text(0, &draft.enterprises[0].name);
    let enterprise = harness.get_by_label(&first_row);
    let row_right = enterprise.rect().right() - 4.0;
    let preview = harness.get_by_label(lingjun::ui::NAV_PREVIEW).rect();
    assert!(
        preview.right() > row_right - 8.0,
        "the 汇总表预览 row is as wide as the enterprise rows: {preview:?}"
    );
    let point = egui::pos2(row_right, preview.center().y);
    harness.hover_at(point);
    harness.run();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: point,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.run();
    harness.run();
    assert!(
        matches!(harness.state().screen, Screen::Preview(_)),
        "a click at the right end of the row opened {:?}",
        harness.state().screen
    );
}
