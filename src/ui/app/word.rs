//! The enterprise page's Word buttons: 导出 Word… writes that one report for a leader's review; 从 Word 导入…
//! reads a .docx, .doc or .txt, shows the plan (each block's target a choice), applies it after the clerk's
//! confirmation; 从 Word 批量导入… does so for several files, each a new enterprise, one plan after another;
//! 撤销导入 puts back exactly what an import replaced, for as long as it is the enterprise's last change.

use std::path::{Path, PathBuf};

use super::App;
use crate::import;
use crate::render::{self, DocxOptions};
use crate::ui::command::{Screen, WordCommand};
use crate::ui::dialogs::Dialog;
use crate::ui::file_picker::PathTarget;
use crate::ui::import_dialog::ImportInto;
use crate::ui::labels;

/// Whether the enterprise page offers 撤销导入.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ImportUndoState {
    /// No import into this enterprise.
    None,
    /// The import is the enterprise's last change.
    Available,
    /// The enterprise changed after the import: the page says so.
    Gone,
}

impl App {
    /// Carries out a Word command; true when it changed the draft.
    pub(super) fn apply_word(&mut self, command: WordCommand, ctx: &egui::Context) -> bool {
        match command {
            WordCommand::PickImport(enterprise) => {
                return self.pick(PathTarget::WordImport(enterprise), None, ctx);
            }
            WordCommand::ImportFrom { enterprise, path } => self.plan_import(enterprise, &path),
            WordCommand::PickImportNew => {
                if let Some(paths) = super::super::file_picker::pick_word_files() {
                    self.plan_batch(paths);
                }
            }
            WordCommand::ImportNew(paths) => self.plan_batch(paths),
            WordCommand::SetTarget { block, target } => {
                if let Some(Dialog::ImportPlan { plan, .. }) = &mut self.dialog {
                    plan.set_target(block, target);
                }
            }
            WordCommand::Apply { replace_existing } => return self.apply_plan(replace_existing),
            WordCommand::SkipFile => {
                if let Some(Dialog::ImportPlan {
                    into:
                        ImportInto::New {
                            rest,
                            done,
                            problems,
                        },
                    ..
                }) = self.dialog.take()
                {
                    self.next_of_batch(rest, done, problems);
                }
            }
            WordCommand::Undo => {
                let Screen::Enterprise(index) = self.screen else {
                    return false;
                };
                if self.import_undo_state(index) != ImportUndoState::Available {
                    return false;
                }
                let Some(at) = self
                    .imports
                    .iter()
                    .rposition(|(u, _)| u.enterprise == index)
                else {
                    return false;
                };
                let (undo, _) = self.imports.remove(at);
                return import::undo(&undo, &mut self.draft);
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

    /// Whether 撤销导入 is offered on enterprise `index`'s page, or why it is gone.
    pub(super) fn import_undo_state(&self, index: usize) -> ImportUndoState {
        let Some((_, after)) = self
            .imports
            .iter()
            .rev()
            .find(|(u, _)| u.enterprise == index)
        else {
            return ImportUndoState::None;
        };
        // The form keeps an empty entry for a section it has shown: that is no change.
        let content = |e: &crate::model::Enterprise| {
            let mut e = e.clone();
            e.sections.retain(|_, text| !text.is_empty());
            e.fields.retain(|_, value| !value.is_empty());
            e
        };
        if self.draft.enterprises.get(index).map(content) == Some(content(after)) {
            ImportUndoState::Available
        } else {
            ImportUndoState::Gone
        }
    }

    /// The plan shown in the import dialog, if one is (tests read it).
    pub fn dialog_plan(&self) -> Option<&import::ImportPlan> {
        match &self.dialog {
            Some(Dialog::ImportPlan { plan, .. }) => Some(plan),
            _ => None,
        }
    }

    /// The 撤销导入 that is available for enterprise `index`, if any.
    pub fn import_undo_for(&self, index: usize) -> bool {
        self.import_undo_state(index) == ImportUndoState::Available
    }

    /// Applies the plan in the dialog (into its enterprise, or as the next new enterprise of a batch); true when
    /// the draft changed.
    fn apply_plan(&mut self, replace_existing: bool) -> bool {
        let Some(Dialog::ImportPlan {
            into,
            plan,
            save_aliases,
        }) = self.dialog.take()
        else {
            return false;
        };
        let applied = match &into {
            ImportInto::Enterprise(index) => {
                import::apply(&plan, &mut self.draft, *index, replace_existing)
                    .map(|undo| (*index, undo))
            }
            ImportInto::New { .. } => import::apply_new(&plan, &mut self.draft),
        };
        let changed = match applied {
            Ok((index, undo)) => {
                let mut changed = undo.change_count() > 0;
                if save_aliases {
                    changed |= import::learn_aliases(&plan, &mut self.draft.template) > 0;
                }
                if let Some(after) = self.draft.enterprises.get(index) {
                    self.imports.push((undo, after.clone()));
                }
                changed
            }
            Err(e) => {
                self.dialog = Some(Dialog::message(labels::IMPORT_WORD, &e.to_string()));
                return false;
            }
        };
        if let ImportInto::New {
            rest,
            done,
            problems,
        } = into
        {
            self.next_of_batch(rest, done + 1, problems);
        }
        changed
    }

    pub(super) fn plan_import(&mut self, enterprise: usize, path: &Path) {
        self.dialog = Some(
            match import::plan_file(path, &self.draft, enterprise, &self.draft.template) {
                Ok(plan) => Dialog::ImportPlan {
                    into: ImportInto::Enterprise(enterprise),
                    plan,
                    save_aliases: false,
                },
                Err(e) => Dialog::message(
                    labels::IMPORT_WORD,
                    &format!("{e}\n文件：{}", path.display()),
                ),
            },
        );
    }

    /// Starts a batch import: refused beyond the quota, else the first file's plan.
    fn plan_batch(&mut self, paths: Vec<PathBuf>) {
        let room = import::room_for_new(&self.draft);
        if paths.len() > room {
            self.dialog = Some(Dialog::message(
                labels::IMPORT_WORD_BATCH,
                &format!(
                    "名额为 {} 家，本批次还能新增 {room} 家企业，选了 {} 个文件。请少选一些文件后再导入；没有做任何改动。",
                    self.draft.max_enterprises(),
                    paths.len()
                ),
            ));
            return;
        }
        self.next_of_batch(paths, 0, Vec::new());
    }

    /// Shows the plan of the next file of a batch import (a file that cannot be read is named and left out).
    fn next_of_batch(&mut self, mut rest: Vec<PathBuf>, done: usize, mut problems: Vec<String>) {
        while !rest.is_empty() {
            let path = rest.remove(0);
            match import::plan_new_file(&path, &self.draft) {
                Ok(plan) => {
                    self.dialog = Some(Dialog::ImportPlan {
                        into: ImportInto::New {
                            done,
                            rest,
                            problems,
                        },
                        plan,
                        save_aliases: false,
                    });
                    return;
                }
                Err(e) => problems.push(format!("{}：{e}", path.display())),
            }
        }
        self.dialog = (!problems.is_empty() || done > 0).then(|| {
            let mut text = format!("批量导入完成：导入了 {done} 家企业。");
            if !problems.is_empty() {
                text.push_str("\n以下文件未能导入：\n");
                text.push_str(&problems.join("\n"));
            }
            Dialog::message(labels::IMPORT_WORD_BATCH, &text)
        });
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
