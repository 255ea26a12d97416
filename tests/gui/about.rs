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

/// 帮助 → 使用说明 shows docs/manual.md: its title, every section heading and the last paragraph are in the window.
#[test]
fn the_guide_shows_the_manual_from_docs() {
    use lingjun::ui::manual::{self, Block};
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(1)));
    harness.run();
    harness.get_by_label(ui::MENU_HELP).click();
    harness.run();
    harness.get_by_label(ui::MENU_GUIDE).click();
    harness.run();
    let blocks = manual::blocks(manual::MANUAL);
    let headings: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(_, text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        headings.len() > 10,
        "the manual has its sections: {headings:?}"
    );
    for heading in &headings {
        assert!(
            harness.query_by_label(heading).is_some(),
            "the heading {heading} of docs/manual.md is in the guide"
        );
    }
    let Some(Block::Item(_, last)) = blocks.last() else {
        panic!("the manual ends with a list item: {:?}", blocks.last());
    };
    assert!(
        harness.query_by_label_contains(last).is_some(),
        "the manual's last line is in the guide, past the first screen: {last}"
    );
    harness.get_by_label(ui::OK).click();
    harness.run();
    assert!(
        headings.iter().all(|h| harness.query_by_label(h).is_none()),
        "知道了 closes the guide"
    );
}
