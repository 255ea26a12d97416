//! Small things in the window: help, the code normalised as typed, the 5-byte attachment, the delete dialog,
//! the status bar once every warning is confirmed, and a steady (non-blinking) cursor.

use crate::common;

use egui_kittest::kittest::Queryable as _;
use lingjun::model::Attachment;
use lingjun::ui::{self, Screen};

#[test]
fn help_shows_the_clerks_path() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(1)));
    harness.run();
    harness.get_by_label(ui::MENU_HELP).click();
    harness.run();
    harness.get_by_label(ui::MENU_GUIDE).click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("填写 → 检查 → 定稿 → 导出 → 打印 → 刻录 → 校验")
            .is_some()
    );
}

#[test]
fn a_code_typed_full_width_is_stored_normalised_and_the_clerk_is_told() {
    let mut draft = common::full_draft(1);
    draft.enterprises[0].credit_code.clear();
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.state_mut().screen = Screen::Enterprise(0);
    harness.run();
    harness.get_by_label("统一社会信用代码").focus();
    harness.run();
    harness
        .get_by_label("统一社会信用代码")
        .type_text("９１３３ ０１００７９９６５５０５８ｂ");
    harness.run();
    harness.run();
    assert_eq!(
        harness.state().draft.enterprises[0].credit_code,
        "91330100799655058B"
    );
    assert!(harness.query_by_label(ui::CODE_NORMALIZED).is_some());
}

#[test]
fn a_five_byte_attachment_says_five_bytes() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(1)));
    harness.state_mut().draft.enterprises[0].attachments = vec![Attachment {
        name: "小.pdf".to_owned(),
        size_bytes: 5,
        sha256: "0".repeat(64),
    }];
    harness.state_mut().screen = Screen::Enterprise(0);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("小.pdf（5 字节）")
            .is_some()
    );
}

#[test]
fn the_delete_dialog_puts_cancel_first() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(2)));
    harness.state_mut().screen = Screen::Enterprise(0);
    harness.run();
    harness.get_by_label(ui::REMOVE_ENTERPRISE).click();
    harness.run();
    let cancel = harness.get_by_label(ui::CANCEL).rect();
    let delete = harness.get_by_label(ui::DELETE).rect();
    assert!(cancel.left() < delete.left(), "取消 comes first");
    harness.get_by_label(ui::CANCEL).click();
    harness.run();
    assert_eq!(
        harness.state().draft.enterprises.len(),
        2,
        "nothing removed"
    );
}

#[test]
fn the_cursor_does_not_blink() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(1)));
    harness.run();
    for theme in [egui::Theme::Dark, egui::Theme::Light] {
        assert!(!harness.ctx.style_of(theme).visuals.text_cursor.blink);
    }
}

/// A long enterprise name does not wrap in the navigation: 添加企业 stays where it was.
#[test]
fn a_long_name_does_not_push_add_enterprise_down() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(2)));
    harness.run();
    let before = harness.get_by_label(ui::ADD_ENTERPRISE).rect();
    harness.state_mut().draft.enterprises[0].name = "浙江".repeat(40);
    harness.run();
    harness.run();
    let after = harness.get_by_label(ui::ADD_ENTERPRISE).rect();
    assert!(
        (before.top() - after.top()).abs() < 0.5,
        "{before:?} → {after:?}"
    );
}
