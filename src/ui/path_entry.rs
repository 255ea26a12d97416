//! The in-app path box (文件路径), shown when the system's file dialog could not open or the clerk prefers to type:
//! the path as it will be used, why it cannot be, and the commands 使用此路径 and 取消. Beside `file_picker`, which
//! knows the targets and the system dialogs, so that neither file needs the other's commands.

use egui::RichText;

use super::command::Command;
use super::file_picker::PathTarget;
use super::labels;
use crate::user_path;

/// The in-app path box: the note when the system's dialog could not open, the full path as it will be used, and
/// why a path cannot be used (nothing happens until it can).
pub fn path_entry_ui(
    ui: &mut egui::Ui,
    target: PathTarget,
    text: &mut String,
    error: &mut Option<String>,
    dialog_failed: bool,
    commands: &mut Vec<Command>,
) {
    ui.heading(target.title());
    if dialog_failed {
        ui.label(RichText::new(labels::NO_FILE_DIALOG).color(ui.visuals().warn_fg_color));
    }
    ui.label(target.prompt());
    let response = ui
        .horizontal(|ui| {
            let label = ui.label(labels::PATH_BOX);
            ui.add(egui::TextEdit::singleline(text).desired_width(440.0))
                .labelled_by(label.id)
        })
        .inner;
    // Enter uses the path, Esc closes the box (as 使用此路径 and 取消 do). Asked before the focus comes back
    // below: once it has, the box no longer counts as having lost it.
    let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if ui.memory(|m| m.focused().is_none()) {
        response.request_focus();
    }
    if response.changed() {
        // The reason was about the path before this edit.
        *error = None;
    }
    if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        commands.push(Command::CloseDialog);
    }
    match error {
        Some(error) => ui.label(RichText::new(error.as_str()).color(ui.visuals().error_fg_color)),
        None => match user_path::resolve(text, target.base().as_deref()) {
            Ok(path) if !text.trim().is_empty() => {
                ui.label(RichText::new(format!("完整路径：{}", path.display())).weak())
            }
            _ => ui.label(RichText::new(" ").weak()),
        },
    };
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button(labels::USE_PATH).clicked() || entered {
            commands.push(Command::UsePath {
                target,
                text: text.clone(),
            });
        }
        if ui.button(labels::CANCEL).clicked() {
            commands.push(Command::CloseDialog);
        }
    });
}
