//! 撤销删除 in the window: the notice after an enterprise is removed, and the 编辑 menu listing every removed
//! enterprise of the batch. Both only push `Command::RestoreRemoved`; `model::removed` does the work.

use egui::{RichText, Ui};

use super::command::Command;
use super::labels;
use crate::model::Draft;
use crate::model::removed::RemovedEnterprise;

/// The text of a removed enterprise in the 编辑 menu: `撤销删除「名称」（原第 2 家，2024-09-08 10:15 删除）`.
pub fn removed_entry_text(removed: &RemovedEnterprise) -> String {
    format!(
        "{}「{}」（原第 {} 家，{} 删除）",
        labels::UNDO_REMOVE,
        short_name(removed.enterprise.display_name()),
        removed.position + 1,
        removed.removed_at
    )
}

/// A name cut to 20 characters on one line, so a pasted paragraph does not make a menu or a question as large
/// as the screen (and push its buttons out of reach).
pub fn short_name(name: &str) -> String {
    let mut short: String = name.chars().take(20).collect();
    if name.chars().count() > 20 {
        short.push('…');
    }
    // A line break in a name would break the one-line entry.
    short.replace(['\n', '\r'], " ")
}

/// Why 撤销删除 cannot be offered now (`frozen`: final or archived, in the words the other edits use; else the
/// quota), or `None` when it can.
pub fn restore_blocked(draft: &Draft, frozen: Option<&str>) -> Option<String> {
    match frozen {
        Some(reason) => Some(reason.to_owned()),
        None if !draft.can_add_enterprise() => Some(format!(
            "{}，不能撤销删除。请先删除一家企业。",
            crate::model::messages::quota_full(draft.max_enterprises())
        )),
        None => None,
    }
}

/// The 编辑 menu's body: one entry per removed enterprise, newest first, disabled with the reason while none
/// may come back.
pub fn edit_menu_ui(ui: &mut Ui, draft: &Draft, frozen: Option<&str>, commands: &mut Vec<Command>) {
    if draft.removed.is_empty() {
        ui.add_enabled(false, egui::Button::new(labels::REMOVED_NONE));
        return;
    }
    ui.label(RichText::new(labels::REMOVED_LIST).weak());
    let blocked = restore_blocked(draft, frozen);
    for (which, removed) in draft.removed.iter().enumerate().rev() {
        let entry = ui
            .add_enabled(
                blocked.is_none(),
                egui::Button::new(removed_entry_text(removed)),
            )
            .on_disabled_hover_text(blocked.as_deref().unwrap_or_default());
        if entry.clicked() {
            commands.push(Command::RestoreRemoved(which));
            ui.close();
        }
    }
}

/// The notice under the menu after an enterprise was removed: its name, 撤销删除 and 关闭.
pub fn removed_notice_ui(
    ui: &mut Ui,
    draft: &Draft,
    frozen: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let Some(removed) = draft.removed.last() else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "已删除企业「{}」。",
                short_name(removed.enterprise.display_name())
            ))
            .strong(),
        );
        let blocked = restore_blocked(draft, frozen);
        let undo = ui
            .add_enabled(blocked.is_none(), egui::Button::new(labels::UNDO_REMOVE))
            .on_hover_text(format!(
                "把它连同报告正文、附件和已确认的警告放回第 {} 家；也可在“{}”菜单中撤销",
                removed.position + 1,
                labels::MENU_EDIT
            ))
            .on_disabled_hover_text(blocked.as_deref().unwrap_or_default());
        if undo.clicked() {
            commands.push(Command::RestoreRemoved(draft.removed.len() - 1));
        }
        if ui.button(labels::CLOSE_NOTICE).clicked() {
            commands.push(Command::DismissRemovedNotice);
        }
    });
}
