//! What the window's commands do: `App::apply` carries out each one after the frame is drawn.

use std::path::PathBuf;

use chrono::Local;

use super::{App, SaveState};
use crate::model::validate::{self, FieldPath};
use crate::ui::command::{Command, Purpose, Screen};
use crate::ui::dialogs::Dialog;
use crate::ui::file_picker::PathTarget;
use crate::ui::final_dialogs::BeforeSubmit;
use crate::ui::labels;
use crate::ui::screens::export::ExportCommand;

impl App {
    /// Carries out one command; true when it changed the draft. The command's own rules (`Command::rules`) say
    /// whether it may run now; then each command goes to its handler, here or in its group's file.
    pub(super) fn apply(&mut self, command: Command, ctx: &egui::Context) -> bool {
        if !self.allowed_now(&command) {
            return false;
        }
        match command {
            Command::Word(word) => self.apply_word(word, ctx),
            Command::Template(template) => self.apply_template(template, ctx),
            Command::Batch(batch) => self.apply_batch(batch),
            Command::Pool(pool) => self.apply_pool(pool, ctx),
            Command::Show(screen) => self.unchanged(|app| app.show(screen)),
            Command::FocusField(path) => self.unchanged(|app| app.focus_field(path)),
            Command::AddEnterprise => self.add_enterprise(),
            Command::AskRemoveEnterprise(index) => self.open(Dialog::ConfirmRemove(index)),
            Command::RemoveEnterprise(index) => self.remove_enterprise(index),
            Command::RestoreRemoved(which) => self.restore_removed(which),
            Command::DismissRemovedNotice => self.unchanged(|app| app.removed_notice = false),
            Command::MoveEnterprise { from, to } => self.move_enterprise(from, to),
            Command::AttachFiles(enterprise) => {
                self.pick(PathTarget::Attach(enterprise), None, ctx)
            }
            Command::Pick(target) => self.pick(target, None, ctx),
            Command::AskPath(target) => self.unchanged(|app| app.ask_path(target, false)),
            Command::UsePath { target, text } => self.use_typed_path(target, &text, ctx),
            Command::AttachPaths { enterprise, paths } => self.attach(enterprise, &paths, ctx),
            Command::RemoveAttachment { enterprise, index } => {
                self.remove_attachment(enterprise, index)
            }
            Command::AskAcknowledge(issue) => self.open(Dialog::acknowledge(issue, &self.draft)),
            Command::Acknowledge { issue, reason } => {
                self.dialog = None;
                validate::acknowledge(&mut self.draft, &issue, reason.as_deref())
            }
            Command::Backup => {
                let name = format!("领军草稿备份-{}.json", Local::now().format("%Y%m%d-%H%M"));
                self.pick(PathTarget::Backup, Some(&name), ctx)
            }
            Command::BackupTo(path) => self.unchanged(|app| app.backup_to(&path)),
            Command::AskRestore => self.pick(PathTarget::Restore, None, ctx),
            Command::AskRestoreFrom(path) => self.unchanged(|app| app.ask_restore(path)),
            Command::RestoreFrom(path) => self.unchanged(|app| app.restore_from(&path)),
            Command::ShowAutoBackups => self.unchanged(App::show_auto_backups),
            Command::SetAutoBackupMaxMb(mb) => self.unchanged(|app| app.auto_backup_cap(mb)),
            Command::AskRestoreAutoBackup(path) => {
                self.unchanged(|app| app.ask_restore_auto_backup(&path))
            }
            Command::RestoreAutoBackup(path) => {
                self.unchanged(|app| app.restore_auto_backup(&path))
            }
            Command::CloseDialog => self.unchanged(|app| app.dialog = None),
            Command::Export(ExportCommand::Start { overwrite }) => {
                self.before_submit(Purpose::Export { overwrite }, ctx)
            }
            Command::Export(command) => self.unchanged(|app| app.export_page_apply(command, ctx)),
            Command::AskFinalize => self.unchanged(App::ask_finalize),
            Command::Finalize | Command::Proceed(Purpose::Finalize) => self.finalize(),
            Command::AskUnfinalize => self.open(Dialog::Unfinalize {
                reason: String::new(),
            }),
            Command::Unfinalize(reason) => self.unfinalize(&reason),
            Command::ConfirmWarnings { kind, reason } => self.confirm_warnings(&kind, &reason, ctx),
            Command::Proceed(Purpose::Export { overwrite }) => self.unchanged(|app| {
                app.dialog = None;
                app.export_page_apply(ExportCommand::Start { overwrite }, ctx);
            }),
            Command::ShowAbout => {
                self.open(Dialog::about(self.db_path(), self.graphics.as_deref()))
            }
            Command::ShowHelp => self.open(Dialog::Guide),
            Command::Quit => self.unchanged(|app| app.quit(ctx)),
        }
    }

    /// Whether `command` may run now (its rules against an archived batch and 定稿), saying why not in a dialog;
    /// when it may, ends what it ends (the offer to undo an import, the 撤销删除 notice).
    fn allowed_now(&mut self, command: &Command) -> bool {
        let rules = command.rules();
        if self.archived.is_some() && !rules.allowed_on_archive {
            let reason = self.frozen_reason().unwrap_or_default();
            self.dialog = Some(Dialog::message(labels::MENU_BATCH, &reason));
            return false;
        }
        if !rules.allowed_while_final
            && let Some(reason) = self.frozen_reason()
        {
            self.dialog = Some(Dialog::message(labels::MENU_FINAL, &reason));
            return false;
        }
        // An undo of an import names the enterprise by its place: once places change it would hit another.
        if rules.resets_import_undo {
            self.imports.clear();
        }
        // The notice offers to undo the last removal only until the list of enterprises changes otherwise.
        if rules.hides_removed_notice {
            self.removed_notice = false;
        }
        true
    }

    /// Carries out a handler that never changes the draft; false.
    fn unchanged(&mut self, handler: impl FnOnce(&mut Self)) -> bool {
        handler(self);
        false
    }

    /// Shows `dialog`; the draft does not change (yet): false.
    fn open(&mut self, dialog: Dialog) -> bool {
        self.dialog = Some(dialog);
        false
    }

    /// Shows a page from its top.
    fn show(&mut self, screen: Screen) {
        self.screen = screen;
        self.scroll_to_top = true;
    }

    /// Goes to the page of a field and puts the cursor in it.
    fn focus_field(&mut self, path: FieldPath) {
        self.screen = match &path {
            FieldPath::Enterprise { index, .. } => Screen::Enterprise(*index),
            FieldPath::Enterprises => {
                Screen::Enterprise(self.draft.enterprises.len().saturating_sub(1))
            }
            FieldPath::Batch(_) | FieldPath::Unit(_) => Screen::BatchUnit,
        };
        self.focus = Some(path);
    }

    /// Adds an enterprise and shows its page, or says the quota is full. True when added.
    fn add_enterprise(&mut self) -> bool {
        if let Some(index) = self.draft.add_enterprise() {
            self.screen = Screen::Enterprise(index);
            return true;
        }
        self.open(Dialog::message(
            labels::ADD_ENTERPRISE,
            &crate::model::messages::quota_full(self.draft.max_enterprises()),
        ))
    }

    /// Moves an enterprise in the recommendation order and follows it. True when it moved.
    fn move_enterprise(&mut self, from: usize, to: usize) -> bool {
        if self.draft.move_enterprise(from, to) {
            self.screen = Screen::Enterprise(to);
            return true;
        }
        false
    }

    /// True when there was such an attachment.
    fn remove_attachment(&mut self, enterprise: usize, index: usize) -> bool {
        if let Some(e) = self.draft.enterprises.get_mut(enterprise)
            && index < e.attachments.len()
        {
            e.attachments.remove(index);
            return true;
        }
        false
    }

    /// 从自动备份恢复…: the automatic backups beside the database, and their cap.
    fn show_auto_backups(&mut self) {
        let list = self
            .db_path()
            .map(|db| crate::store::list_auto_backups(&db));
        let cap = crate::ui::auto_backup_dialog::CapField::new(self.auto_backup_max_mb());
        self.dialog = Some(Dialog::AutoBackups {
            list: list.unwrap_or_default(),
            cap,
        });
    }

    /// The automatic backups' cap, remembered, and shown as saved in their dialog.
    fn auto_backup_cap(&mut self, mb: u64) {
        self.set_auto_backup_max_mb(mb);
        if let Some(Dialog::AutoBackups { cap, .. }) = &mut self.dialog {
            *cap = crate::ui::auto_backup_dialog::CapField::saved(mb);
        }
    }

    /// Asks before restoring the automatic backup at `path` (nothing when it is not one of the list).
    fn ask_restore_auto_backup(&mut self, path: &std::path::Path) {
        self.dialog = self
            .db_path()
            .and_then(|db| {
                crate::store::list_auto_backups(&db)
                    .into_iter()
                    .find(|b| b.path == path)
            })
            .map(Dialog::ConfirmRestoreAutoBackup);
    }

    fn restore_auto_backup(&mut self, path: &std::path::Path) {
        self.flush();
        let safety_dir = self.store.path().and_then(crate::store::safety_dir_for);
        let result =
            crate::store::restore_auto_backup(&mut self.store, path, safety_dir.as_deref());
        self.finish_restore(result);
    }

    /// 开始导出 and 定稿 ask about unconfirmed warnings and a past deadline first; with nothing to ask the export
    /// goes on at once. True when the draft changed.
    fn before_submit(&mut self, purpose: Purpose, ctx: &egui::Context) -> bool {
        match BeforeSubmit::new(purpose, &self.draft, self.today) {
            Some(state) => self.open(Dialog::BeforeSubmit(state)),
            None => self.apply(Command::Proceed(purpose), ctx),
        }
    }

    /// Something for the export page, after saving what was typed, so the package matches the saved drafts.
    fn export_page_apply(&mut self, command: ExportCommand, ctx: &egui::Context) {
        self.flush();
        let blobs = self.store.blob_opener();
        self.export_page.apply(command, ctx, &self.draft, &blobs);
    }

    /// 取消定稿 with the clerk's reason. True when the drafts were final.
    fn unfinalize(&mut self, reason: &str) -> bool {
        let now = Local::now().fixed_offset();
        if crate::model::finalize::unfinalize(&mut self.draft, reason, now).is_ok() {
            // The export and verify shown stay, marked out of date with the reason.
            self.dialog = None;
            return true;
        }
        false
    }

    /// Confirms every unconfirmed warning of `kind` with one reason; with nothing left to ask, goes on with what
    /// the clerk started. True when the draft changed.
    fn confirm_warnings(&mut self, kind: &str, reason: &str, ctx: &egui::Context) -> bool {
        let pending = crate::model::pending::unconfirmed(&self.draft, &self.draft.template);
        let confirmed = crate::model::pending::groups(&pending)
            .into_iter()
            .find(|g| g.kind == kind)
            .map_or(0, |g| {
                crate::model::pending::confirm_group(&mut self.draft, &g, reason)
            });
        if let Some(Dialog::BeforeSubmit(state)) = &self.dialog {
            let purpose = state.purpose;
            self.dialog =
                BeforeSubmit::new(purpose, &self.draft, self.today).map(Dialog::BeforeSubmit);
            if self.dialog.is_none() {
                // Nothing left to ask: go on with what the clerk started.
                let changed = confirmed > 0;
                return self.apply(Command::Proceed(purpose), ctx) || changed;
            }
        }
        confirmed > 0
    }

    /// 退出: closes the window, unless an export is still running (then it says so).
    fn quit(&mut self, ctx: &egui::Context) {
        if self.export_page.job.is_some() {
            self.dialog = Some(Dialog::message(
                labels::MENU_QUIT,
                labels::QUIT_WHILE_EXPORTING,
            ));
        } else {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// 定稿…: the errors refuse it (listed); otherwise the before-submit dialog asks and confirms.
    fn ask_finalize(&mut self) {
        let errors: Vec<String> = validate::validate(&self.draft, &self.draft.template)
            .iter()
            .filter(|i| i.severity == validate::Severity::Error)
            .map(|i| crate::model::messages::issue_line(i, &self.draft, &self.draft.template))
            .collect();
        self.dialog = if errors.is_empty() {
            BeforeSubmit::new(Purpose::Finalize, &self.draft, self.today).map(Dialog::BeforeSubmit)
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
            match crate::store::backup_to_file(&self.draft, &self.pool, &self.store, path) {
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
                self.pool = outcome.pool;
                self.pool_page.pool_changed(&self.pool);
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
