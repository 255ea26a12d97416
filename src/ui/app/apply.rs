//! What the window's commands do: `App::apply` carries out each one after the frame is drawn.

use std::path::PathBuf;

use chrono::Local;

use super::{App, SaveState};
use crate::model::validate::{self, FieldPath};
use crate::ui::command::{Command, Purpose, Screen, WordCommand};
use crate::ui::dialogs::Dialog;
use crate::ui::file_picker::PathTarget;
use crate::ui::final_dialogs::BeforeSubmit;
use crate::ui::labels;
use crate::ui::screens::export::ExportCommand;

impl App {
    /// Carries out one command; true when it changed the draft.
    pub(super) fn apply(&mut self, command: Command, ctx: &egui::Context) -> bool {
        if self.archived.is_some() && !crate::ui::batch::allowed_on_archive(&command) {
            let reason = self.frozen_reason().unwrap_or_default();
            self.dialog = Some(Dialog::message(labels::MENU_BATCH, &reason));
            return false;
        }
        if changes_drafts(&command)
            && let Err(frozen) = crate::model::finalize::ensure_editable(&self.draft)
        {
            self.dialog = Some(Dialog::message(
                labels::MENU_FINAL,
                &crate::model::messages::frozen_text(&frozen),
            ));
            return false;
        }
        // An undo of an import names the enterprise by its place: once places change it would hit another.
        if matches!(
            command,
            Command::MoveEnterprise { .. }
                | Command::RemoveEnterprise(_)
                | Command::RestoreRemoved(_)
                | Command::RestoreFrom(_)
                | Command::RestoreAutoBackup(_)
        ) {
            self.imports.clear();
        }
        // The notice offers to undo the last removal only until the list of enterprises changes otherwise.
        if matches!(
            command,
            Command::AddEnterprise
                | Command::MoveEnterprise { .. }
                | Command::RestoreFrom(_)
                | Command::RestoreAutoBackup(_)
                | Command::Batch(_)
        ) {
            self.removed_notice = false;
        }
        match command {
            Command::Word(word) => return self.apply_word(word, ctx),
            Command::Template(template) => return self.apply_template(template, ctx),
            Command::Batch(batch) => return self.apply_batch(batch),
            Command::Show(screen) => {
                self.screen = screen;
                self.scroll_to_top = true;
            }
            Command::FocusField(path) => {
                self.screen = match &path {
                    FieldPath::Enterprise { index, .. } => Screen::Enterprise(*index),
                    FieldPath::Enterprises => {
                        Screen::Enterprise(self.draft.enterprises.len().saturating_sub(1))
                    }
                    FieldPath::Batch(_) | FieldPath::Unit(_) => Screen::BatchUnit,
                };
                self.focus = Some(path);
            }
            Command::AddEnterprise => {
                if let Some(index) = self.draft.add_enterprise() {
                    self.screen = Screen::Enterprise(index);
                    return true;
                }
                self.dialog = Some(Dialog::message(
                    labels::ADD_ENTERPRISE,
                    &crate::model::messages::quota_full(self.draft.max_enterprises()),
                ));
            }
            Command::AskRemoveEnterprise(index) => self.dialog = Some(Dialog::ConfirmRemove(index)),
            Command::RemoveEnterprise(index) => return self.remove_enterprise(index),
            Command::RestoreRemoved(which) => return self.restore_removed(which),
            Command::DismissRemovedNotice => self.removed_notice = false,
            Command::MoveEnterprise { from, to } => {
                if self.draft.move_enterprise(from, to) {
                    self.screen = Screen::Enterprise(to);
                    return true;
                }
            }
            Command::AttachFiles(enterprise) => {
                return self.pick(PathTarget::Attach(enterprise), None, ctx);
            }
            Command::Pick(target) => return self.pick(target, None, ctx),
            Command::AskPath(target) => self.ask_path(target, false),
            Command::UsePath { target, text } => return self.use_typed_path(target, &text, ctx),
            Command::AttachPaths { enterprise, paths } => {
                return self.attach(enterprise, &paths, ctx);
            }
            Command::RemoveAttachment { enterprise, index } => {
                if let Some(e) = self.draft.enterprises.get_mut(enterprise)
                    && index < e.attachments.len()
                {
                    e.attachments.remove(index);
                    return true;
                }
            }
            Command::AskAcknowledge(issue) => {
                self.dialog = Some(Dialog::acknowledge(issue, &self.draft));
            }
            Command::Acknowledge { issue, reason } => {
                self.dialog = None;
                return validate::acknowledge(&mut self.draft, &issue, reason.as_deref());
            }
            Command::Backup => {
                let name = format!("领军草稿备份-{}.json", Local::now().format("%Y%m%d-%H%M"));
                return self.pick(PathTarget::Backup, Some(&name), ctx);
            }
            Command::BackupTo(path) => self.backup_to(&path),
            Command::AskRestore => return self.pick(PathTarget::Restore, None, ctx),
            Command::AskRestoreFrom(path) => self.ask_restore(path),
            Command::RestoreFrom(path) => self.restore_from(&path),
            Command::ShowAutoBackups => {
                let list = self
                    .db_path()
                    .map(|db| crate::store::list_auto_backups(&db));
                let cap = crate::ui::auto_backup_dialog::CapField::new(self.auto_backup_max_mb());
                self.dialog = Some(Dialog::AutoBackups {
                    list: list.unwrap_or_default(),
                    cap,
                });
            }
            Command::SetAutoBackupMaxMb(mb) => {
                self.set_auto_backup_max_mb(mb);
                if let Some(Dialog::AutoBackups { cap, .. }) = &mut self.dialog {
                    *cap = crate::ui::auto_backup_dialog::CapField::saved(mb);
                }
            }
            Command::AskRestoreAutoBackup(path) => {
                self.dialog = self
                    .db_path()
                    .and_then(|db| {
                        crate::store::list_auto_backups(&db)
                            .into_iter()
                            .find(|b| b.path == path)
                    })
                    .map(Dialog::ConfirmRestoreAutoBackup);
            }
            Command::RestoreAutoBackup(path) => {
                self.flush();
                let safety_dir = self.store.path().and_then(crate::store::safety_dir_for);
                let result = crate::store::restore_auto_backup(
                    &mut self.store,
                    &path,
                    safety_dir.as_deref(),
                );
                self.finish_restore(result);
            }
            Command::CloseDialog => self.dialog = None,
            Command::Export(ExportCommand::Start { overwrite }) => {
                let purpose = Purpose::Export { overwrite };
                match BeforeSubmit::new(purpose, &self.draft, &self.draft.template, self.today) {
                    Some(state) => self.dialog = Some(Dialog::BeforeSubmit(state)),
                    None => return self.apply(Command::Proceed(purpose), ctx),
                }
            }
            Command::Export(command) => {
                // Save what was typed first, so the package matches the saved drafts.
                self.flush();
                let blobs = self.store.blob_opener();
                self.export_page.apply(command, ctx, &self.draft, &blobs);
            }
            Command::AskFinalize => self.ask_finalize(),
            Command::Finalize => return self.finalize(),
            Command::AskUnfinalize => {
                self.dialog = Some(Dialog::Unfinalize {
                    reason: String::new(),
                });
            }
            Command::Unfinalize(reason) => {
                let now = Local::now().fixed_offset();
                if crate::model::finalize::unfinalize(&mut self.draft, &reason, now).is_ok() {
                    // The export and verify shown stay, marked out of date with the reason.
                    self.dialog = None;
                    return true;
                }
            }
            Command::ConfirmWarnings { kind, reason } => {
                let pending = crate::model::pending::unconfirmed(&self.draft, &self.draft.template);
                let confirmed = crate::model::pending::groups(&pending)
                    .into_iter()
                    .find(|g| g.kind == kind)
                    .map_or(0, |g| {
                        crate::model::pending::confirm_group(&mut self.draft, &g, &reason)
                    });
                if let Some(Dialog::BeforeSubmit(state)) = &self.dialog {
                    let purpose = state.purpose;
                    self.dialog =
                        BeforeSubmit::new(purpose, &self.draft, &self.draft.template, self.today)
                            .map(Dialog::BeforeSubmit);
                    if self.dialog.is_none() {
                        // Nothing left to ask: go on with what the clerk started.
                        let changed = confirmed > 0;
                        return self.apply(Command::Proceed(purpose), ctx) || changed;
                    }
                }
                return confirmed > 0;
            }
            Command::Proceed(Purpose::Finalize) => return self.finalize(),
            Command::Proceed(Purpose::Export { overwrite }) => {
                self.dialog = None;
                self.flush();
                let blobs = self.store.blob_opener();
                self.export_page.apply(
                    ExportCommand::Start { overwrite },
                    ctx,
                    &self.draft,
                    &blobs,
                );
            }
            Command::ShowAbout => {
                self.dialog = Some(Dialog::about(self.db_path(), self.graphics.as_deref()));
            }
            Command::ShowHelp => {
                self.dialog = Some(Dialog::Guide);
            }
            Command::Quit => {
                if self.export_page.job.is_some() {
                    self.dialog = Some(Dialog::message(
                        labels::MENU_QUIT,
                        labels::QUIT_WHILE_EXPORTING,
                    ));
                } else {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
        false
    }

    /// 定稿…: the errors refuse it (listed); otherwise the before-submit dialog asks and confirms.
    fn ask_finalize(&mut self) {
        let errors: Vec<String> = validate::validate(&self.draft, &self.draft.template)
            .iter()
            .filter(|i| i.severity == validate::Severity::Error)
            .map(|i| crate::model::messages::issue_line(i, &self.draft, &self.draft.template))
            .collect();
        self.dialog = if errors.is_empty() {
            BeforeSubmit::new(
                Purpose::Finalize,
                &self.draft,
                &self.draft.template,
                self.today,
            )
            .map(Dialog::BeforeSubmit)
        } else {
            Some(Dialog::message(
                labels::FINALIZE_NOW,
                &format!(
                    "草稿中有 {} 个错误，不能定稿。请先改正：\n{}",
                    errors.len(),
                    errors.join("\n")
                ),
            ))
        };
    }

    /// Finalizes and saves at once, so the 定稿 survives a crash right after it.
    fn finalize(&mut self) -> bool {
        let now = Local::now().fixed_offset();
        let template = self.draft.template.clone();
        match crate::model::finalize::finalize(&mut self.draft, &template, now) {
            Ok(_) => {
                self.dialog = None;
                // Written before the frame ends (waiting for the save thread), not after the autosave delay.
                self.autosave.mark_dirty(f64::NEG_INFINITY);
                self.flush();
                true
            }
            Err(_) => {
                self.ask_finalize();
                false
            }
        }
    }

    pub(super) fn attach(
        &mut self,
        enterprise: usize,
        paths: &[PathBuf],
        ctx: &egui::Context,
    ) -> bool {
        if enterprise >= self.draft.enterprises.len() {
            return false;
        }
        if self.attach_job.is_some() {
            self.dialog = Some(Dialog::message(
                labels::ATTACH_FILES,
                "正在添加附件，请等它完成或取消后再添加。",
            ));
            return false;
        }
        // Sizes are checked before anything is read: a file that would overfill the CD is refused at once.
        let mut already = self.draft.attachment_bytes();
        let mut failures = Vec::new();
        let mut files = Vec::new();
        for path in paths {
            match crate::model::Attachment::check_file(path, already) {
                Ok(size) => {
                    already += size;
                    files.push((path.clone(), size));
                }
                Err(message) => failures.push(message),
            }
        }
        if !files.is_empty() {
            match super::super::attach::AttachJob::start(
                ctx,
                self.store.blob_opener(),
                enterprise,
                files,
            ) {
                Ok(job) => self.attach_job = Some(job),
                Err(message) => failures.push(message),
            }
        }
        if !failures.is_empty() {
            self.dialog = Some(Dialog::message(labels::ATTACH_FILES, &failures.join("\n")));
        }
        false
    }

    pub(super) fn backup_to(&mut self, path: &std::path::Path) {
        self.flush();
        self.dialog = Some(
            match crate::store::backup_to_file(&self.draft, &self.store, path) {
                Ok(()) => Dialog::message(
                    labels::MENU_BACKUP,
                    &format!(
                        "已把 {} 家企业的草稿备份到：\n{}",
                        self.draft.enterprises.len(),
                        path.display()
                    ),
                ),
                Err(e) => Dialog::message(labels::MENU_BACKUP, &e.user_text()),
            },
        );
    }

    pub(super) fn ask_restore(&mut self, path: PathBuf) {
        self.dialog = Some(
            match crate::model::drafts_file::read_file(&path, &mut crate::model::blob::DiscardBlobs)
            {
                Ok(read) => Dialog::ConfirmRestore {
                    summary: crate::ui::dialogs::restore_summary(&read.draft, &path),
                    path,
                },
                Err(e) => Dialog::message(
                    labels::MENU_RESTORE,
                    &format!("草稿文件无法恢复，当前草稿没有改动。\n{e}"),
                ),
            },
        );
    }

    fn restore_from(&mut self, path: &std::path::Path) {
        self.flush();
        let safety_dir = self.store.path().and_then(crate::store::safety_dir_for);
        let result = crate::store::restore_from_file(&mut self.store, path, safety_dir.as_deref());
        self.finish_restore(result);
    }

    /// Shows what a restore (from a drafts file or an automatic backup) did, and takes its drafts on success.
    fn finish_restore(
        &mut self,
        result: Result<crate::store::RestoreOutcome, crate::store::TransferError>,
    ) {
        match result {
            Ok(outcome) => {
                let mut text = format!("已恢复 {} 家企业的草稿。", outcome.draft.enterprises.len());
                if let Some(copy) = &outcome.safety_copy {
                    text.push_str(&format!("\n被替换的草稿已另存到：{}", copy.display()));
                }
                for note in &outcome.notes {
                    text.push('\n');
                    text.push_str(note);
                }
                if !outcome.unknown_fields.is_empty() {
                    text.push_str(&format!(
                        "\n文件中本版本不认识的字段已原样保留：{}",
                        outcome.unknown_fields.join("、")
                    ));
                }
                self.draft = outcome.draft;
                self.forget_saved();
                self.screen = Screen::BatchUnit;
                self.issues_fresh = false;
                self.save_state = SaveState::Saved(Local::now());
                self.dialog = Some(Dialog::message(labels::MENU_RESTORE, &text));
            }
            Err(e) => self.dialog = Some(Dialog::message(labels::MENU_RESTORE, &e.user_text())),
        }
    }
}

/// Whether a command changes the drafts (refused while they are final).
fn changes_drafts(command: &Command) -> bool {
    matches!(
        command,
        Command::AddEnterprise
            | Command::AskRemoveEnterprise(_)
            | Command::RemoveEnterprise(_)
            | Command::RestoreRemoved(_)
            | Command::MoveEnterprise { .. }
            | Command::AttachFiles(_)
            | Command::AttachPaths { .. }
            | Command::RemoveAttachment { .. }
            | Command::AskAcknowledge(_)
            | Command::Acknowledge { .. }
            | Command::ConfirmWarnings { .. }
            | Command::AskRestore
            | Command::Pick(
                PathTarget::Restore
                    | PathTarget::Attach(_)
                    | PathTarget::WordImport(_)
                    | PathTarget::TemplateImport
            )
            | Command::AskPath(
                PathTarget::Restore
                    | PathTarget::Attach(_)
                    | PathTarget::WordImport(_)
                    | PathTarget::TemplateImport
            )
            | Command::UsePath {
                target: PathTarget::Restore
                    | PathTarget::Attach(_)
                    | PathTarget::WordImport(_)
                    | PathTarget::TemplateImport,
                ..
            }
            | Command::AskRestoreFrom(_)
            | Command::RestoreFrom(_)
            | Command::AskRestoreAutoBackup(_)
            | Command::RestoreAutoBackup(_)
            | Command::Word(
                WordCommand::PickImport(_)
                    | WordCommand::ImportFrom { .. }
                    | WordCommand::PickImportNew
                    | WordCommand::ImportNew(_)
                    | WordCommand::Apply { .. }
                    | WordCommand::Undo
            )
    )
}
