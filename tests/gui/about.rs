//! 帮助 → 关于领军 names the graphics the window draws with (the renderer that opened it, see `ui::graphics`).

use crate::common;

use egui_kittest::kittest::Queryable as _;
use lingjun::store::Store;
use lingjun::ui::{self, App};

#[test]
fn about_names_the_graphics_in_use() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = App::new(
        Store::open(&dir.path().join("drafts.sqlite")).expect("opens"),
        common::today(),
    );
    app.graphics = Some("wgpu · Direct3D 12（Intel(R) UHD Graphics 620，IntegratedGpu）".into());
    let mut harness = common::app_harness(app);
    harness.run();
    harness.get_by_label(ui::MENU_HELP).click();
    harness.run();
    harness.get_by_label(ui::MENU_ABOUT).click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("图形方式：wgpu · Direct3D 12（Intel(R) UHD Graphics 620")
            .is_some(),
        "关于 names the renderer and the adapter"
    );
}

#[test]
fn about_outside_a_window_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = common::harness_on_file(&dir.path().join("drafts.sqlite"));
    harness.run();
    harness.get_by_label(ui::MENU_HELP).click();
    harness.run();
    harness.get_by_label(ui::MENU_ABOUT).click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("图形方式：（不在窗口中运行）")
            .is_some()
    );
}
