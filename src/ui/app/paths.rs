//! Paths for backup, restore, attachments, Word and the export page: from the system's file dialog, or from the
//! in-app path box when that dialog cannot open (or the clerk prefers typing, 输入路径…).

use std::path::{Path, PathBuf};

use super::App;
use crate::ui::dialogs::Dialog;
use crate::ui::file_picker::{PathTarget, PickStart, Picked};

impl App {
    /// Shows the system's dialog for `target` (suggesting `file_name` when saving) and uses what was chosen; when
    /// no dialog could open, the path box says so and asks instead. True when the draft changed.
    pub(super) fn pick(
        &mut self,
        target: PathTarget,
        file_name: Option<&str>,
        ctx: &egui::Context,
    ) -> bool {
        let dir = self.last_dir(target);
        let start = PickStart {
            file_name,
            dir: dir.as_deref(),
        };
        match (self.picker)(target, start) {
            Picked::Chosen(paths) => self.use_paths(target, &paths, ctx),
            Picked::Cancelled => false,
            Picked::Unavailable => {
                self.ask_path(target, true);
                false
            }
        }
    }

    /// Opens the path box for `target`; `dialog_failed` adds the note that the system's dialog did not open.
    /// The box starts with the last folder used for `target`, so only a name is left to type.
    pub(super) fn ask_path(&mut self, target: PathTarget, dialog_failed: bool) {
        let text = self
            .last_dir(target)
            .map(|dir| target.start_text(&dir))
            .unwrap_or_default();
        self.dialog = Some(Dialog::PathEntry {
            target,
            text,
            error: None,
            dialog_failed,
        });
    }

    /// The path typed in the path box: used once it passes the checks for `target`; otherwise the box stays with
    /// the reason and nothing changes. True when the draft changed.
    pub(super) fn use_typed_path(
        &mut self,
        target: PathTarget,
        text: &str,
        ctx: &egui::Context,
    ) -> bool {
        match target.check(text) {
            Ok(path) => {
                self.dialog = None;
                self.use_paths(target, &[path], ctx)
            }
            Err(reason) => {
                if let Some(Dialog::PathEntry { error, .. }) = &mut self.dialog {
                    *error = Some(reason);
                }
                false
            }
        }
    }

    /// Does what `target` is for with `paths`. True when the draft changed.
    fn use_paths(&mut self, target: PathTarget, paths: &[PathBuf], ctx: &egui::Context) -> bool {
        let Some(first) = paths.first().cloned() else {
            return false;
        };
        self.remember_dir(target, &first);
        match target {
            PathTarget::Backup => self.backup_to(&first),
            PathTarget::Restore => self.ask_restore(first),
            PathTarget::ExportFolder => {
                self.export_page.out_dir = first.display().to_string();
                self.export_page.remembered_dir = Some(first);
            }
            PathTarget::VerifyFolder | PathTarget::VerifyImage => {
                self.export_page.verify_path = first.display().to_string();
            }
            PathTarget::Attach(enterprise) => return self.attach(enterprise, paths, ctx),
            PathTarget::WordImport(enterprise) => self.plan_import(enterprise, &first),
            PathTarget::WordExport(enterprise) => self.export_word(enterprise, &first),
            PathTarget::TemplateExport => self.export_template_to(&first),
            PathTarget::TemplateImport => self.import_template_from(&first, false),
            PathTarget::PoolImport => {
                return self.apply_pool(crate::ui::command::PoolCommand::ImportFrom(first), ctx);
            }
            PathTarget::PoolExport => {
                return self.apply_pool(crate::ui::command::PoolCommand::ExportTo(first), ctx);
            }
        }
        false
    }

    /// The last folder used for `target`'s purpose, while it still exists.
    fn last_dir(&self, target: PathTarget) -> Option<PathBuf> {
        let dir = match target.purpose() {
            None => self.export_page.remembered_dir.clone(),
            Some(purpose) => self.settings.last_dirs.get(purpose).cloned(),
        };
        dir.filter(|d| d.is_dir())
    }

    /// Remembers the folder of `path` (the folder itself for a folder) for `target`'s purpose; written to the
    /// settings file at the end of the frame.
    fn remember_dir(&mut self, target: PathTarget, path: &Path) {
        let Some(purpose) = target.purpose() else {
            return; // The export folder is remembered as the export page's folder.
        };
        let dir = if path.is_dir() {
            Some(path)
        } else {
            path.parent()
        };
        if let Some(dir) = dir.filter(|d| d.is_absolute()) {
            self.settings
                .last_dirs
                .insert(purpose.to_owned(), dir.to_path_buf());
        }
    }
}
