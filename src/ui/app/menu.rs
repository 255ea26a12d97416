//! The menu bar: 文件 (backup, restore, 定稿, 退出), 编辑 (撤销删除), 批次 and 帮助.

use super::App;
use crate::ui::command::Command;
use crate::ui::labels;

impl App {
    /// The menu bar; the 批次 menu reads the batches in the database when it opens.
    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(labels::MENU_FILE, |ui| {
                if ui.button(labels::MENU_BACKUP).clicked() {
                    commands.push(Command::Backup);
                }
                if ui.button(labels::MENU_BACKUP_TYPED).clicked() {
                    commands.push(Command::AskPath(crate::ui::file_picker::PathTarget::Backup));
                }
                if ui.button(labels::MENU_RESTORE).clicked() {
                    commands.push(Command::AskRestore);
                }
                if ui.button(labels::MENU_RESTORE_TYPED).clicked() {
                    commands.push(Command::AskPath(
                        crate::ui::file_picker::PathTarget::Restore,
                    ));
                }
                if ui.button(labels::MENU_RESTORE_AUTO).clicked() {
                    commands.push(Command::ShowAutoBackups);
                }
                ui.separator();
                if ui.button(labels::IMPORT_WORD_BATCH).clicked() {
                    commands.push(Command::Word(
                        crate::ui::command::WordCommand::PickImportNew,
                    ));
                }
                if ui.button(labels::POOL_IMPORT).clicked() {
                    commands.push(Command::Pool(crate::ui::command::PoolCommand::PickImport));
                }
                if ui.button(labels::POOL_EXPORT).clicked() {
                    commands.push(Command::Pool(crate::ui::command::PoolCommand::PickExport));
                }
                ui.separator();
                // Not on an archived batch (read-only): disabled, saying why on hover.
                let archived = self.archived_reason();
                let final_button = crate::ui::final_dialogs::final_button_ui;
                if self.draft.is_final() {
                    if final_button(ui, labels::UNFINALIZE, archived.as_deref()) {
                        commands.push(Command::AskUnfinalize);
                    }
                } else if final_button(ui, labels::FINALIZE, archived.as_deref()) {
                    commands.push(Command::AskFinalize);
                }
                ui.separator();
                if ui
                    .add(egui::Button::new(labels::MENU_QUIT).shortcut_text("Ctrl+Q"))
                    .clicked()
                {
                    commands.push(Command::Quit);
                }
            });
            let frozen = self.frozen_reason();
            ui.menu_button(labels::MENU_EDIT, |ui| {
                crate::ui::removed::edit_menu_ui(ui, &self.draft, frozen.as_deref(), commands);
            });
            let store = &self.store;
            let open = ui.menu_button(labels::MENU_BATCH, |ui| {
                let batches = self
                    .batch_menu
                    .get_or_insert_with(|| store.batches().unwrap_or_default());
                crate::ui::batch::batch_menu_ui(
                    ui,
                    batches,
                    self.draft.batch.year,
                    self.archived,
                    commands,
                );
            });
            if open.inner.is_none() {
                self.batch_menu = None;
            }
            ui.menu_button(labels::MENU_HELP, |ui| {
                if ui.button(labels::MENU_GUIDE).clicked() {
                    commands.push(Command::ShowHelp);
                }
                if ui.button(labels::MENU_ABOUT).clicked() {
                    commands.push(Command::ShowAbout);
                }
            });
        });
    }
}
