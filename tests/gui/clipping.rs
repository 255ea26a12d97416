//! Nothing is clipped at 1366×768 or at 900×600: every page and dialog is walked at both sizes, and no widget's
//! rectangle leaves the window sideways or runs under a scroll bar (the plan's lines, the 批次 page's 日历
//! buttons).

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};
use lingjun::ui::{App, BatchCommand, Command, PreviewDoc, Screen, TemplateCommand, WordCommand};

const SIZES: [[f32; 2]; 2] = [[1366.0, 768.0], [900.0, 600.0]];

/// Roles that are containers, not something the clerk reads or clicks: they may span a scroll bar.
fn is_container(role: Role) -> bool {
    matches!(
        role,
        Role::Window
            | Role::GenericContainer
            | Role::ScrollView
            | Role::ScrollBar
            | Role::Group
            | Role::Pane
            | Role::Unknown
            | Role::Dialog
            | Role::AlertDialog
            | Role::Menu
            | Role::MenuBar
            | Role::List
            | Role::Grid
            | Role::Table
    )
}

/// The widgets (label and rect) that leave the window sideways or run under a vertical scroll bar.
fn clipped(harness: &Harness<'static, App>, size: [f32; 2]) -> Vec<String> {
    let nodes: Vec<_> = harness
        .query_all(by().predicate(|n| n.bounding_box().is_some()))
        .collect();
    // A scroll bar hides only what is in its own layer: the page under a dialog is covered by the dialog anyway.
    let bars: Vec<(egui::Rect, _)> = nodes
        .iter()
        .filter(|n| n.accesskit_node().role() == Role::ScrollBar)
        .map(|n| (n.rect(), layer(n.accesskit_node())))
        .filter(|(r, _)| r.height() > r.width())
        .collect();
    let mut found = Vec::new();
    for node in &nodes {
        let role = node.accesskit_node().role();
        if is_container(role) {
            continue;
        }
        let rect = node.rect();
        let label = node
            .accesskit_node()
            .label()
            .or_else(|| node.accesskit_node().value())
            .unwrap_or_default();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            continue;
        }
        if rect.left() < -0.5 || rect.right() > size[0] + 0.5 {
            found.push(format!("{role:?} {label:?} at {rect:?} leaves the window"));
        }
        let own_layer = layer(node.accesskit_node());
        for (bar, _) in bars.iter().filter(|(_, l)| *l == own_layer) {
            let overlap = rect.intersect(*bar);
            if overlap.width() > 0.5 && overlap.height() > 0.5 && !rect.contains_rect(*bar) {
                found.push(format!(
                    "{role:?} {label:?} at {rect:?} runs under the scroll bar {bar:?}"
                ));
            }
        }
    }
    found
}

/// The top-level node a node belongs to (the window's panels, or an area such as a dialog).
fn layer(node: egui_kittest::kittest::AccessKitNode<'_>) -> String {
    let mut node = node;
    while let Some(parent) = node.parent() {
        if parent.parent().is_none() {
            return format!("{:?}", node.id());
        }
        node = parent;
    }
    format!("{:?}", node.id())
}

/// A report of many paragraphs under each heading, as a .txt file, so the import plan scrolls.
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
        for i in 0..6 {
            text.push_str(&format!(
                "第 {i} 段：企业坚持质量第一，持续提升产品和服务质量，建立健全覆盖全员全过程全方位的质量管理体系。\n"
            ));
        }
    }
    let path = dir.join("长报告.txt");
    std::fs::write(&path, text).expect("write");
    path
}

/// Where the walk goes: a page, or a dialog opened by a command.
enum Stop {
    Page(Screen),
    Dialog(Command),
}

#[test]
fn no_page_or_dialog_is_clipped_at_two_sizes() {
    let dir = tempfile::tempdir().expect("dir");
    let report = long_report(dir.path());
    let mut draft = lingjun::model::Draft::clone(&crate::common::full_draft(5));
    // Long names and text, as real enterprises have.
    draft.enterprises[0].name = "浙江省杭州市西湖区某某某某智能装备制造股份有限公司".to_owned();
    for text in draft.enterprises[0].sections.values_mut() {
        *text = "质量强国建设领军企业。".repeat(200);
    }
    // 定稿 needs drafts that pass the check: the plain fixture.
    let final_draft = crate::common::as_final(&crate::common::full_draft(5));
    let stops = [
        ("批次与填报单位", Stop::Page(Screen::BatchUnit)),
        ("企业 1", Stop::Page(Screen::Enterprise(0))),
        ("报送前检查", Stop::Page(Screen::Check)),
        (
            "汇总表预览",
            Stop::Page(Screen::Preview(PreviewDoc::Summary)),
        ),
        (
            "报告预览",
            Stop::Page(Screen::Preview(PreviewDoc::Report(0))),
        ),
        ("导出与光盘", Stop::Page(Screen::Export)),
        ("报告模板", Stop::Page(Screen::Template)),
        (
            "导入计划",
            Stop::Dialog(Command::Word(WordCommand::ImportFrom {
                enterprise: 0,
                path: report.clone(),
            })),
        ),
        (
            "路径框",
            Stop::Dialog(Command::AskPath(lingjun::ui::PathTarget::ExportFolder)),
        ),
        ("关于", Stop::Dialog(Command::ShowAbout)),
        ("使用说明", Stop::Dialog(Command::ShowHelp)),
        (
            "新建下一年度批次",
            Stop::Dialog(Command::Batch(BatchCommand::AskNew)),
        ),
        ("删除企业", Stop::Dialog(Command::AskRemoveEnterprise(0))),
        (
            "恢复内置模板",
            Stop::Dialog(Command::Template(TemplateCommand::AskBuiltIn)),
        ),
        ("自动备份", Stop::Dialog(Command::ShowAutoBackups)),
        ("定稿", Stop::Dialog(Command::AskFinalize)),
    ];
    let mut problems = Vec::new();
    for size in SIZES {
        for (name, stop) in &stops {
            let mut app = crate::common::memory_app_exporting_to(&draft, dir.path());
            app.screen = Screen::Enterprise(0);
            let mut harness = crate::common::app_harness_sized(app, size);
            harness.run();
            match stop {
                Stop::Page(screen) => harness.state_mut().queue(Command::Show(*screen)),
                Stop::Dialog(command) => harness.state_mut().queue(command.clone()),
            }
            harness.run();
            harness.run();
            for line in clipped(&harness, size) {
                problems.push(format!("{}×{} {name}: {line}", size[0], size[1]));
            }
        }
        // The export page with a result, and 取消定稿's dialog, on the final drafts.
        let out = tempfile::tempdir().expect("dir");
        let mut app = crate::common::memory_app_exporting_to(&final_draft, out.path());
        app.screen = Screen::Export;
        let mut harness = crate::common::app_harness_sized(app, size);
        harness.run();
        harness.get_by_label(lingjun::ui::EXPORT_START).click();
        harness.run();
        harness.state_mut().export_page.wait();
        harness.run();
        assert!(harness.state().export_page.outcome.is_some(), "exported");
        for line in clipped(&harness, size) {
            problems.push(format!("{}×{} 导出结果: {line}", size[0], size[1]));
        }
        harness.state_mut().queue(Command::AskUnfinalize);
        harness.run();
        for line in clipped(&harness, size) {
            problems.push(format!("{}×{} 取消定稿: {line}", size[0], size[1]));
        }
    }
    assert!(problems.is_empty(), "clipped:\n{}", problems.join("\n"));
}
