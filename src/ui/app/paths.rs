//! Paths for backup, restore, attachments, Word and the export page: from the system's file dialog, or from the
//! in-app path box when that dialog cannot open (or the clerk prefers typing, 输入路径…).

use std::path::PathBuf;

use super::App;
use crate::ui::dialogs::Dialog;
use crate::ui::file_picker::{PathTarget, Picked};

impl App {
    /// Shows the system's dialog for `target` (suggesting `file_name` when saving) and uses what was chosen; when
    /// no dialog could open, the path box says so and asks instead. True when the draft changed.
    pub(super) fn pick(
        &mut self,
        target: PathTarget,
        file_name: Option<&str>,
        ctx: &egui::Context,
    ) -> bool {
        match (self.picker)(target, file_name) {
            Picked::Chosen(paths) => self.use_paths(target, &paths, ctx),
            Picked::Cancelled => false,
            Picked::Unavailable => {
                self.ask_path(target, true);
                false
            }
        }
    }

    /// Opens the path box for `target`; `dialog_failed` adds the note that the system's dialog did not open.
    pub(super) fn ask_path(&mut self, target: PathTarget, dialog_failed: bool) {
        self.dialog = Some(Dialog::PathEntry {
            target,
            text: String::new(),
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
        }
        false
    }
}
