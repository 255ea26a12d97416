//! The window, driven as the clerk would: click, type (also through an input method), read back by label.

use crate::common;

use egui::{Event, ImeEvent};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lingjun::model::validate::{BuiltIn, EnterpriseField, FieldPath};
use lingjun::ui::{self, App, SaveState, Screen};

/// Steps a little more than the autosave delay, so any pending edit is saved.
fn wait_for_autosave(harness: &mut egui_kittest::Harness<'_, App>) {
    harness.run_steps(70);
    // A file database saves on a thread of its own: wait for the save those frames sent (none is started
    // here), then draw what it answered.
    harness.state_mut().finish_pending_save();
    harness.run();
}

/// Adding an enterprise and typing its name shows the name in the navigation.
#[test]
fn added_enterprise_shows_its_name_in_the_navigation() {
    let mut harness = common::app_harness(common::empty_memory_app());
    harness.run();
    harness.get_by_label(ui::ADD_ENTERPRISE).click();
    harness.run();
    assert_eq!(harness.state().screen, Screen::Enterprise(1));
    common::type_into(&mut harness, "企业名称", "杭州测试有限公司");
    harness.run();
    assert_eq!(
        harness.state().draft.enterprises[1].name,
        "杭州测试有限公司"
    );
    assert!(
        harness
            .query_by_label("企业 2 · 杭州测试有限公司")
            .is_some(),
        "the navigation shows the name"
    );
}

/// Text committed by a Chinese input method lands in the field like typed text.
#[test]
fn ime_commit_types_chinese() {
    let mut harness = common::app_harness(common::empty_memory_app());
    harness.get_by_label("企业 1 · 未命名企业").click();
    harness.run();
    harness.get_by_label("企业名称").focus();
    harness.run();
    harness.event(Event::Ime(ImeEvent::Preedit {
        text: "zhejiang".into(),
        active_range_chars: None,
    }));
    harness.run();
    harness.event(Event::Ime(ImeEvent::Commit("浙江领军".into())));
    harness.run();
    assert_eq!(harness.state().draft.enterprises[0].name, "浙江领军");
    assert!(harness.query_by_label("企业 1 · 浙江领军").is_some());
}

/// With five enterprises the add button is disabled and a click adds nothing.
#[test]
fn sixth_enterprise_cannot_be_added() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(5)));
    harness.run();
    let add = harness.get_by_label(ui::ADD_ENTERPRISE);
    assert!(
        add.accesskit_node().is_disabled(),
        "the button is disabled at five"
    );
    add.click();
    harness.run();
    assert_eq!(harness.state().draft.enterprises.len(), 5);
}

/// An empty required field is listed on the check page, and clicking it puts the cursor in the field.
#[test]
fn check_page_lists_an_empty_field_and_clicking_focuses_it() {
    let mut draft = common::full_draft(2);
    draft.enterprises[1].region.clear();
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.run();
    harness.get_by_label("报送前检查（1 个错误）").click();
    harness.run();
    assert_eq!(harness.state().screen, Screen::Check);
    let entry = harness.get_by_label_contains("企业 2「浙江测试企业2有限公司」 · 所在地区：必填");
    entry.click();
    harness.run();
    assert_eq!(harness.state().screen, Screen::Enterprise(1));
    assert!(
        harness.get_by_label("所在地区").is_focused(),
        "the empty field has the cursor"
    );
}

/// An edit is saved within a second, without pressing anything, and the status bar says so.
#[test]
fn edit_autosaves_after_pause() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("drafts.sqlite");
    let mut harness = common::harness_on_file(&path);
    harness.run();
    harness.get_by_label("联系人").focus();
    harness.run();
    harness.get_by_label("联系人").type_text("王晓明");
    harness.step();
    assert!(
        !matches!(harness.state().save_state, SaveState::Saved(_)),
        "not yet: the delay has not passed"
    );
    wait_for_autosave(&mut harness);
    assert!(
        matches!(harness.state().save_state, SaveState::Saved(_)),
        "{:?}",
        harness.state().save_state
    );
    assert!(harness.query_by_label_contains("已自动保存").is_some());
}

/// Closing and reopening on the same database shows what was typed.
#[test]
fn a_new_window_on_the_same_database_shows_what_was_typed() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("drafts.sqlite");
    {
        let mut harness = common::harness_on_file(&path);
        harness.run();
        common::type_into(&mut harness, "联系人", "王晓明");
        harness.get_by_label("企业 1 · 未命名企业").click();
        harness.run();
        common::type_into(&mut harness, "企业名称", "宁波甬江精工有限公司");
        common::type_into(
            &mut harness,
            "二、质量水平领先情况",
            "企业建立了全面质量管理体系。",
        );
        harness.run();
        wait_for_autosave(&mut harness);
    }
    let mut harness = common::harness_on_file(&path);
    harness.run();
    assert_eq!(
        harness.get_by_label("联系人").value().as_deref(),
        Some("王晓明")
    );
    harness
        .get_by_label("企业 1 · 宁波甬江精工有限公司")
        .click();
    harness.run();
    assert_eq!(
        harness.state().draft.enterprises[0].section("quality"),
        "企业建立了全面质量管理体系。"
    );
}

/// Removing an enterprise asks first; cancelling keeps it.
#[test]
fn removing_an_enterprise_asks_for_confirmation() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(3)));
    harness
        .get_by_label("企业 2 · 浙江测试企业2有限公司")
        .click();
    harness.run();
    harness.get_by_label(ui::REMOVE_ENTERPRISE).click();
    harness.run();
    harness.get_by_label(ui::CANCEL).click();
    harness.run();
    assert_eq!(
        harness.state().draft.enterprises.len(),
        3,
        "cancel keeps it"
    );
    harness.get_by_label(ui::REMOVE_ENTERPRISE).click();
    harness.run();
    harness.get_by_label(ui::DELETE).click();
    harness.run();
    let names: Vec<_> = harness
        .state()
        .draft
        .enterprises
        .iter()
        .map(|e| e.name.clone())
        .collect();
    assert_eq!(names, ["浙江测试企业1有限公司", "浙江测试企业3有限公司"]);
}

/// Moving an enterprise up changes the recommendation order.
#[test]
fn moving_up_changes_the_order() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(2)));
    harness
        .get_by_label("企业 2 · 浙江测试企业2有限公司")
        .click();
    harness.run();
    harness.get_by_label(ui::MOVE_UP).click();
    harness.run();
    assert_eq!(
        harness.state().draft.enterprises[0].name,
        "浙江测试企业2有限公司"
    );
    assert_eq!(
        harness.state().screen,
        Screen::Enterprise(0),
        "the page follows the enterprise"
    );
    assert!(
        harness
            .query_by_label("企业 1 · 浙江测试企业2有限公司")
            .is_some()
    );
}

/// A warning is acknowledged on the check page with a written reason, which is stored.
#[test]
fn a_warning_is_acknowledged_with_a_reason() {
    let mut draft = common::full_draft(1);
    draft.enterprises[0].phone = "12345".into();
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.state_mut().screen = Screen::Check;
    harness.run();
    harness.get_by_label(ui::ACKNOWLEDGE).click();
    harness.run();
    common::type_into(&mut harness, ui::ACK_REASON, "企业总机短号，已电话核实");
    harness.run();
    harness.get_by_label(ui::ACK_SAVE).click();
    harness.run();
    let issue = harness.state().issues().iter().find(|i| {
        i.field
            == FieldPath::Enterprise {
                index: 0,
                field: EnterpriseField::BuiltIn(BuiltIn::Phone),
            }
    });
    let issue = issue.expect("the warning is still listed").clone();
    assert_eq!(
        lingjun::model::validate::acknowledgement(&harness.state().draft, &issue),
        Some("企业总机短号，已电话核实")
    );
    assert!(
        harness
            .query_by_label_contains("已确认：企业总机短号")
            .is_some()
    );
}

/// A malformed drafts file is refused with its reason, and the drafts stay as they were.
#[test]
fn restoring_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let bad = dir.path().join("坏文件.json");
    std::fs::write(
        &bad,
        "{\"format\": \"lingjun-drafts\", \"version\": 1, \"unit\": {",
    )
    .expect("write");
    let draft = common::full_draft(2);
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.run();
    harness.state_mut().queue(ui::Command::AskRestoreFrom(bad));
    harness.run();
    assert!(
        harness
            .query_by_label_contains("草稿文件无法恢复")
            .is_some()
    );
    assert_eq!(harness.state().draft, draft);
}

/// The colour the text `text` is painted in this frame: its own colour, or the colour it falls back to.
fn painted_colour(harness: &egui_kittest::Harness<'_, App>, text: &str) -> Option<egui::Color32> {
    fn find(shape: &egui::Shape, text: &str) -> Option<egui::Color32> {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().find_map(|s| find(s, text)),
            egui::Shape::Text(t) if t.galley.text() == text => {
                let own = t.galley.job.sections.first()?.format.color;
                Some(
                    t.override_text_color
                        .unwrap_or(if own == egui::Color32::PLACEHOLDER {
                            t.fallback_color
                        } else {
                            own
                        }),
                )
            }
            _ => None,
        }
    }
    harness
        .output()
        .shapes
        .iter()
        .find_map(|clipped| find(&clipped.shape, text))
}

/// The status bar's count is orange while a warning waits for its reason, and plain once it is confirmed
/// (it once stayed orange after every warning was confirmed).
#[test]
fn the_status_bar_is_no_warning_once_every_warning_is_confirmed() {
    let mut draft = common::full_draft(1);
    draft.enterprises[0].phone = "12345".into();
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.run();
    let count = "0 个错误 · 1 个警告";
    let plain = harness.ctx.global_style().visuals.hyperlink_color;
    let warning = painted_colour(&harness, count).expect("the count is shown");
    assert_ne!(warning, plain, "orange while the warning is unconfirmed");
    harness.state_mut().screen = Screen::Check;
    harness.run();
    harness.get_by_label(ui::ACKNOWLEDGE).click();
    harness.run();
    common::type_into(&mut harness, ui::ACK_REASON, "企业总机短号，已电话核实");
    harness.get_by_label(ui::ACK_SAVE).click();
    harness.run();
    assert!(
        harness.query_by_label(count).is_some(),
        "still counted as a warning"
    );
    assert_eq!(
        painted_colour(&harness, count),
        Some(plain),
        "plain once confirmed"
    );
    // Withdrawn again: orange again.
    harness.get_by_label(ui::ACK_WITHDRAW).click();
    harness.run();
    assert_eq!(painted_colour(&harness, count), Some(warning));
}
