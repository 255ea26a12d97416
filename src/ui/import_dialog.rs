//! The mapping dialog of 从 Word 导入: what goes where, what would be replaced, what could not be placed; the
//! clerk confirms (replacing non-empty text, or filling only the empty parts) or cancels.

use egui::RichText;

use super::command::{Command, WordCommand};
use super::labels;
use crate::import::ImportPlan;
use crate::model::Draft;

/// Draws the plan of importing into enterprise `enterprise`.
pub fn import_plan_ui(
    ui: &mut egui::Ui,
    draft: &Draft,
    enterprise: usize,
    plan: &ImportPlan,
    commands: &mut Vec<Command>,
) {
    let name = draft
        .enterprises
        .get(enterprise)
        .map_or("", |e| e.display_name());
    ui.heading(labels::IMPORT_WORD.trim_end_matches('…'));
    ui.label(format!(
        "从「{}」导入到企业 {}「{name}」，各部分将放到：",
        plan.source,
        enterprise + 1
    ));
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for line in plan.lines() {
                let text = RichText::new(line.as_str());
                ui.label(if line.contains("替换现有") {
                    text.strong()
                } else if line.starts_with("  ") {
                    text.weak()
                } else {
                    text
                });
            }
        });
    ui.add_space(8.0);
    let apply = |replace_existing| Command::Word(WordCommand::Apply { replace_existing });
    ui.horizontal(|ui| {
        if plan.is_empty() {
            if ui.button(labels::OK).clicked() {
                commands.push(Command::CloseDialog);
            }
            return;
        }
        if plan.replaces_anything() {
            if ui.button(labels::IMPORT_REPLACE).clicked() {
                commands.push(apply(true));
            }
            if ui.button(labels::IMPORT_FILL_ONLY).clicked() {
                commands.push(apply(false));
            }
        } else if ui.button(labels::IMPORT_APPLY).clicked() {
            commands.push(apply(false));
        }
        if ui.button(labels::CANCEL).clicked() {
            commands.push(Command::CloseDialog);
        }
    });
    if !plan.is_empty() {
        ui.label(
            RichText::new("导入后可用页面上方的“撤销导入”恢复原来的内容。")
                .small()
                .weak(),
        );
    }
}
