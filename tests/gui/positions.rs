//! Scroll is the clerk's: a field's place on the screen stays put across what happens around it. A page opened
//! from the sidebar starts at its top; a paste does not move the page; the 撤销删除 notice does not push the page
//! down; a dialog opens at its top, not where the last one was scrolled to.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lingjun::ui::{self, App, Command, Screen, WordCommand};

const NAME: &str = "企业名称";
const CODE: &str = "统一社会信用代码";

/// The window at 1366×768 on `draft`'s first enterprise, with long report sections so the page scrolls.
fn long_page(enterprises: usize) -> Harness<'static, App> {
    let mut draft = crate::common::full_draft(enterprises);
    for e in &mut draft.enterprises {
        for text in e.sections.values_mut() {
            *text = "质量强国建设领军企业。\n".repeat(60);
        }
    }
    let mut app = crate::common::memory_app(&draft);
    app.screen = Screen::Enterprise(0);
    let mut harness = crate::common::app_harness_sized(app, [1366.0, 768.0]);
    harness.run();
    harness
}

/// Scrolls the page under the mouse by `lines` wheel lines.
fn wheel(harness: &mut Harness<'static, App>, at: egui::Pos2, lines: f32) {
    harness.hover_at(at);
    harness.run();
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, -lines),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
}

#[test]
fn a_page_opened_from_the_sidebar_starts_at_its_top() {
    let mut harness = long_page(2);
    let top = harness.get_by_label(NAME).rect();
    wheel(&mut harness, top.center(), 20.0);
    assert_ne!(
        harness.get_by_label(NAME).rect(),
        top,
        "the page was scrolled (the test's premise)"
    );
    harness.get_by_label_contains("企业 2 · ").click();
    harness.run();
    harness.get_by_label_contains("企业 1 · ").click();
    harness.run();
    assert_eq!(
        harness.get_by_label(NAME).rect(),
        top,
        "back from the sidebar, the page starts at its top"
    );
}

#[test]
fn a_paste_does_not_move_the_page() {
    let mut harness = long_page(1);
    let code = harness.get_by_label(CODE).rect();
    harness.get_by_label(NAME).focus();
    harness.run();
    harness.event(egui::Event::Paste(
        "浙江省杭州市某某智能装备制造股份有限公司".repeat(8),
    ));
    harness.run();
    harness.run();
    assert!(
        harness.state().draft.enterprises[0]
            .name
            .starts_with("浙江测试企业1有限公司浙江省"),
        "pasted"
    );
    assert_eq!(
        harness.get_by_label(CODE).rect(),
        code,
        "the field below stays where it was"
    );
}

#[test]
fn the_undo_remove_notice_does_not_push_the_page() {
    let mut harness = long_page(3);
    let name = harness.get_by_label(NAME).rect();
    harness.state_mut().queue(Command::RemoveEnterprise(2));
    harness.run();
    assert!(
        harness.query_by_label(ui::UNDO_REMOVE).is_some(),
        "the notice offering 撤销删除 shows"
    );
    harness
        .state_mut()
        .queue(Command::Show(Screen::Enterprise(0)));
    harness.run();
    assert_eq!(
        harness.get_by_label(NAME).rect(),
        name,
        "the page's first field is where it was before the notice"
    );
}

/// A report of many short paragraphs under each heading, as a .txt file: a plan longer than its dialog.
fn long_report(dir: &std::path::Path) -> std::path::PathBuf {
    // Paragraphs before the first heading belong nowhere: the plan lists each one, so it is longer than its box.
    let mut text: String = (1..=30)
        .map(|i| {
            format!(
                "说明第 {i} 段：本报告依据企业提供的材料整理，数据截至上年末，供推荐审核使用。\n"
            )
        })
        .collect();
    for spec in &lingjun::model::Template::built_in().report.sections {
        text.push_str(&format!("{}\n", spec.heading));
        for i in 0..8 {
            text.push_str(&format!("第 {i} 段：企业坚持质量第一。\n"));
        }
    }
    let path = dir.join("长报告.txt");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn a_dialog_opens_at_its_top() {
    let dir = tempfile::tempdir().expect("dir");
    let path = long_report(dir.path());
    let mut harness = long_page(1);
    let import = || {
        Command::Word(WordCommand::ImportFrom {
            enterprise: 0,
            path: path.clone(),
        })
    };
    harness.state_mut().queue(import());
    harness.run();
    let intro = harness.get_by_label_contains("各部分将放到").rect();
    let first = first_plan_line(&harness, intro);
    wheel(&mut harness, first.center(), 30.0);
    assert!(
        first_plan_line(&harness, intro).top() < first.top(),
        "the plan was scrolled (the test's premise)"
    );
    harness.get_by_label(ui::CANCEL).click();
    harness.run();
    harness.state_mut().queue(import());
    harness.run();
    assert_eq!(
        first_plan_line(&harness, intro),
        first,
        "the next plan opens at its top"
    );
}

/// The rect of the plan's line about the first section: of the labels naming it (the page has one too), the one
/// that starts where the dialog's intro line starts.
fn first_plan_line(harness: &Harness<'static, App>, intro: egui::Rect) -> egui::Rect {
    let heading = &lingjun::model::Template::built_in().report.sections[0].heading;
    harness
        .query_all_by_label_contains(heading)
        .map(|node| node.rect())
        .min_by(|a, b| {
            let off = |r: &egui::Rect| (r.left() - intro.left()).abs();
            off(a).total_cmp(&off(b))
        })
        .expect("the plan names the first section")
}
