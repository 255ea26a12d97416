//! Undo in the window: Ctrl+Z keeps each field's history across page changes.

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use lingjun::ui;

/// Typing in a field, leaving the page and coming back: Ctrl+Z still takes the typing back.
#[test]
fn ctrl_z_after_leaving_the_page_restores_the_earlier_text() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(2)));
    harness
        .get_by_label("企业 1 · 浙江测试企业1有限公司")
        .click();
    harness.run();
    harness.get_by_label("主营业务（主导产品）").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_label("主营业务（主导产品）")
        .type_text("光刻机");
    harness.run();
    assert_eq!(harness.state().draft.enterprises[0].products, "光刻机");
    harness.get_by_label(ui::NAV_BATCH_UNIT).click();
    harness.run();
    harness
        .get_by_label("企业 1 · 浙江测试企业1有限公司")
        .click();
    harness.run();
    harness.get_by_label("主营业务（主导产品）").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().draft.enterprises[0].products,
        "数控机床、工业机器人",
        "Ctrl+Z brings back the text from before the typing"
    );
}
