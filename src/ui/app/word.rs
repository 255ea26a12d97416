//! The enterprise page's Word buttons: 导出 Word… writes that one report for a leader's review; 从 Word 导入…
//! reads a .docx, .doc or .txt, shows the plan, applies it after the clerk's confirmation; 撤销导入 puts back exactly
//! what the import replaced.

use std::path::Path;

use super::App;
use crate::import;
use crate::render::{self, DocxOptions};
use crate::ui::command::WordCommand;
use crate::ui::dialogs::Dialog;
use crate::ui::file_picker::PathTarget;
use crate::ui::labels;

impl App {
    /// Carries out a Word command; true when it changed the draft.
    pub(super) fn apply_word(&mut self, command: WordCommand, ctx: &egui::Context) -> bool {
        match command {
            WordCommand::PickImport(enterprise) => {
                return self.pick(PathTarget::WordImport(enterprise), None, ctx);
            }
            WordCommand::ImportFrom { enterprise, path } => self.plan_import(enterprise, &path),
            WordCommand::Apply { replace_existing } => {
                let Some(Dialog::ImportPlan { enterprise, plan }) = self.dialog.take() else {
                    return false;
                };
                match import::apply(&plan, &mut self.draft, enterprise, replace_existing) {
                    Ok(undo) => {
                        let changed = undo.change_count() > 0;
                        self.import_undo = Some(undo);
                        return changed;
                    }
                    Err(e) => {
                        self.dialog = Some(Dialog::message(labels::IMPORT_WORD, &e.to_string()));
                    }
                }
            }
            WordCommand::Undo => {
                if let Some(undo) = self.import_undo.take() {
                    return import::undo(&undo, &mut self.draft);
                }
            }
            WordCommand::PickExport(enterprise) => {
                let name = render::report_file_name(&self.draft, enterprise);
                let name = format!("{}.docx", name.trim_end_matches(".pdf"));
                let name = crate::model::file_name::safe_file_name(&name);
                return self.pick(PathTarget::WordExport(enterprise), Some(&name), ctx);
            }
            WordCommand::ExportTo { enterprise, path } => self.export_word(enterprise, &path),
        }
        false
    }

    /// The 撤销导入 that is available for enterprise `index`, if any.
    pub fn import_undo_for(&self, index: usize) -> bool {
        self.import_undo
            .as_ref()
            .is_some_and(|u| u.enterprise == index)
    }

    pub(super) fn plan_import(&mut self, enterprise: usize, path: &Path) {
        self.dialog = Some(
            match import::plan_file(path, &self.draft, enterprise, &self.draft.template) {
                Ok(plan) => Dialog::ImportPlan { enterprise, plan },
                Err(e) => Dialog::message(
                    labels::IMPORT_WORD,
                    &format!("{e}\n文件：{}", path.display()),
                ),
            },
        );
    }

    pub(super) fn export_word(&mut self, enterprise: usize, path: &Path) {
        let options = DocxOptions::for_draft(&self.draft);
        let written =
            render::docx::report_docx(&self.draft, enterprise, &self.draft.template, &options)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    std::fs::write(path, bytes).map_err(|e| crate::user_path::io_reason(&e))
                });
        let text = match written {
            Ok(()) => format!("已导出 Word 版推荐报告：{}", path.display()),
            Err(e) => format!("无法导出 Word 文件（{e}）：{}", path.display()),
        };
        self.dialog = Some(Dialog::message(labels::EXPORT_WORD, &text));
    }
}
