//! What the screens ask for while drawing; `App::apply` carries it out after the frame is laid out.

use std::path::PathBuf;

use crate::model::validate::{FieldPath, Issue};

/// Which page the centre shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Screen {
    BatchUnit,
    Enterprise(usize),
    Check,
    /// 打印预览 of one document.
    Preview(PreviewDoc),
    /// 导出与光盘: the package, the disc label, verify.
    Export,
    /// 报告模板: the batch's template, edited with a live preview.
    Template,
    /// 标杆企业库: the province's benchmark enterprises, beside the batches.
    Pool,
}

/// Which document the print preview shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PreviewDoc {
    /// The 推荐名单汇总表.
    Summary,
    /// The 推荐报告 of the enterprise at this place in the recommendation order.
    Report(usize),
}

/// A request with an effect beyond typing into a field.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Show(Screen),
    /// Go to the page of a field and put the cursor in it.
    FocusField(FieldPath),
    AddEnterprise,
    /// Ask before removing: a removed enterprise takes its report text with it.
    AskRemoveEnterprise(usize),
    /// Remove it, keeping it for 撤销删除 (`model::removed`).
    RemoveEnterprise(usize),
    /// 撤销删除: put the removed enterprise at this place in `Draft::removed` back where it was.
    RestoreRemoved(usize),
    /// Hide the notice that offers 撤销删除 (the 编辑 menu still offers it).
    DismissRemovedNotice,
    MoveEnterprise {
        from: usize,
        to: usize,
    },
    /// Choose a path for `target` in the system's dialog; when none can open, the in-app path box instead.
    Pick(super::file_picker::PathTarget),
    /// The in-app path box for `target` (输入路径…).
    AskPath(super::file_picker::PathTarget),
    /// Use the path typed in the path box once it passes the checks for `target`; until then say why not.
    UsePath {
        target: super::file_picker::PathTarget,
        text: String,
    },
    /// Pick files in a dialog and attach them.
    AttachFiles(usize),
    /// Attach files already chosen (also how tests attach).
    AttachPaths {
        enterprise: usize,
        paths: Vec<PathBuf>,
    },
    RemoveAttachment {
        enterprise: usize,
        index: usize,
    },
    AskAcknowledge(Issue),
    /// Store (Some) or withdraw (None) the reason for a warning.
    Acknowledge {
        issue: Issue,
        reason: Option<String>,
    },
    /// Pick a file in a dialog and back up to it.
    Backup,
    BackupTo(PathBuf),
    /// Pick a file in a dialog, check it, and ask before restoring.
    AskRestore,
    AskRestoreFrom(PathBuf),
    RestoreFrom(PathBuf),
    /// List the automatic backups beside the database (文件 → 从自动备份恢复…).
    ShowAutoBackups,
    /// Keep the automatic backups under this many MB together (from the next start), in the settings file.
    SetAutoBackupMaxMb(u64),
    /// Ask before restoring this automatic backup.
    AskRestoreAutoBackup(PathBuf),
    RestoreAutoBackup(PathBuf),
    CloseDialog,
    /// Something for the export page (export, cancel, verify, pick folders).
    Export(super::screens::export::ExportCommand),
    /// 定稿…: refuse with the errors, or ask about unconfirmed warnings and a past deadline, then confirm.
    AskFinalize,
    Finalize,
    /// 取消定稿…: ask for the reason.
    AskUnfinalize,
    Unfinalize(String),
    /// Confirm every unconfirmed warning of one kind with one reason (from the before-submit dialog).
    ConfirmWarnings {
        kind: String,
        reason: String,
    },
    /// The clerk saw the unconfirmed warnings and goes on with this.
    Proceed(Purpose),
    ShowAbout,
    /// 帮助 → 使用说明: the clerk's path through the program.
    ShowHelp,
    /// 退出 or Ctrl+Q: closes the window, unless an export is still running (then it says so).
    Quit,
    /// Word in and out on an enterprise's page.
    Word(WordCommand),
    /// Something for the 模板 page (remove with text, restore, built-in, template files).
    Template(TemplateCommand),
    /// The 批次 menu: open a batch, start next year's.
    Batch(BatchCommand),
    /// The 标杆企业库 page and the batch's links to it.
    Pool(PoolCommand),
}

/// What the 标杆企业库 asks for (docs/pool.md).
#[derive(Clone, Debug, PartialEq)]
pub enum PoolCommand {
    /// 导入企业名单…: pick the file.
    PickImport,
    /// Plan the import of this file and show the plan.
    ImportFrom(PathBuf),
    /// 确认导入: carry out the plan shown.
    ApplyImport,
    CancelImport,
    /// 导出企业名单…: pick where.
    PickExport,
    /// Write the table as it is filtered to this .xlsx.
    ExportTo(PathBuf),
    /// A new entry, typed.
    Add,
    /// 保存修改: the working copy becomes the entry.
    Save {
        index: usize,
        entry: Box<crate::model::pool::PoolEntry>,
    },
    /// 放弃修改: the working copy goes back to the entry.
    Discard,
    /// 选入本批次.
    Pick(usize),
    /// Put the batch's enterprise at this place into the pool.
    PutIntoPool(usize),
    /// Start the linked batch enterprise's report from this year's archived report text.
    StartFromArchive {
        index: usize,
        year: i32,
    },
    /// Take the facts edited in the batch into the entry.
    TakeBack(usize),
}

/// What the 批次 menu asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum BatchCommand {
    /// Show a batch: the current one, or an archived one read-only.
    Open {
        year: i32,
        current: bool,
    },
    BackToCurrent,
    /// 新建下一年度批次…: the dialog.
    AskNew,
    /// Archive the current batch and start `year`'s with the facts of the enterprises at `copy`.
    New {
        year: String,
        copy: Vec<usize>,
    },
}

/// What the 模板 page asks for beyond typing into its working copy.
#[derive(Clone, Debug, PartialEq)]
pub enum TemplateCommand {
    /// Remove a section; asks first when it holds text (`confirmed` once the clerk said yes).
    RemoveSection {
        key: String,
        confirmed: bool,
    },
    /// Remove a custom field (with its facts row and column); asks first when it holds text.
    RemoveField {
        key: String,
        confirmed: bool,
    },
    /// Bring a kept section or field back into the template.
    Restore {
        kind: crate::model::template::KeptKind,
        key: String,
    },
    /// 恢复内置模板…: ask, then `UseBuiltIn`.
    AskBuiltIn,
    UseBuiltIn,
    /// 导出模板…: pick a file, then `ExportTo`.
    PickExport,
    ExportTo(PathBuf),
    /// 导入模板…: pick a file, then `ImportFrom`.
    PickImport,
    /// Import a template file through the command line's function; `force` once the clerk agreed to hide text.
    ImportFrom {
        path: PathBuf,
        force: bool,
    },
}

/// 从 Word 导入… / 撤销导入 / 导出 Word… on an enterprise's page.
#[derive(Clone, Debug, PartialEq)]
pub enum WordCommand {
    /// Pick a .docx or .txt in a dialog, then plan its import into this enterprise.
    PickImport(usize),
    /// Plan the import of a file already chosen (also how tests import).
    ImportFrom {
        enterprise: usize,
        path: PathBuf,
    },
    /// 从 Word 批量导入…: pick several files, each to become a new enterprise.
    PickImportNew,
    /// Plan the batch import of files already chosen (also how tests import): one plan after another.
    ImportNew(Vec<PathBuf>),
    /// The clerk's choice of where block `block` of the plan in the dialog goes.
    SetTarget {
        block: usize,
        target: crate::import::Target,
    },
    /// Carry out the plan in the dialog; replace non-empty text only when the clerk said so.
    Apply {
        replace_existing: bool,
    },
    /// In a batch import: leave this file out and show the next one's plan.
    SkipFile,
    /// Put back what the import into the enterprise shown replaced.
    Undo,
    /// Pick where to save this enterprise's report as .docx.
    PickExport(usize),
    ExportTo {
        enterprise: usize,
        path: PathBuf,
    },
}

/// What the before-submit dialog leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Finalize,
    Export { overwrite: bool },
}

/// A command's rules: whether it changes the drafts, and whether it may run on an archived batch, while the drafts
/// are final, and what it ends. `Command::rules` gives them for every command, in one place; `App::apply` only
/// reads them (docs/architecture.md, "A command").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// Carrying it out, or the dialog it opens, changes the drafts of the batch shown.
    pub changes_drafts: bool,
    /// It may run while an archived batch is shown read-only: looking, checking, backing up, exporting.
    pub allowed_on_archive: bool,
    /// It may run while the drafts are final (定稿).
    pub allowed_while_final: bool,
    /// It moves enterprises or replaces the drafts: an import's undo names its enterprise by place, so it goes.
    pub resets_import_undo: bool,
    /// The list of enterprises (or the batch) changes otherwise: the notice offering 撤销删除 goes.
    pub hides_removed_notice: bool,
}

impl Rules {
    /// Looking, checking, backing up, exporting: allowed everywhere.
    const LOOK: Self = Self {
        changes_drafts: false,
        allowed_on_archive: true,
        allowed_while_final: true,
        resets_import_undo: false,
        hides_removed_notice: false,
    };
    /// The window's own state (a notice, a dialog's choice, the backups' settings): not on an archived batch.
    const WINDOW: Self = Self {
        allowed_on_archive: false,
        ..Self::LOOK
    };
    /// An edit of the drafts, or the dialog that leads to one: refused while final and on an archived batch.
    const EDIT: Self = Self {
        changes_drafts: true,
        allowed_on_archive: false,
        allowed_while_final: false,
        ..Self::LOOK
    };
    /// 定稿 and 取消定稿 change the drafts, and are what the clerk does with final ones.
    const FINALITY: Self = Self {
        allowed_while_final: true,
        ..Self::EDIT
    };

    fn hiding_removed_notice(self) -> Self {
        Self {
            hides_removed_notice: true,
            ..self
        }
    }

    fn resetting_import_undo(self) -> Self {
        Self {
            resets_import_undo: true,
            ..self
        }
    }
}

impl Command {
    /// The rules of this command (every variant named: a new one is a compiler error here until it has rules).
    pub fn rules(&self) -> Rules {
        match self {
            Self::Show(_)
            | Self::FocusField(_)
            | Self::Backup
            | Self::BackupTo(_)
            | Self::CloseDialog
            | Self::Export(_)
            | Self::Proceed(Purpose::Export { .. })
            | Self::ShowAbout
            | Self::ShowHelp
            | Self::Quit => Rules::LOOK,
            Self::DismissRemovedNotice | Self::ShowAutoBackups | Self::SetAutoBackupMaxMb(_) => {
                Rules::WINDOW
            }
            // Paths for backup, export, verify and Word out look; those for restore, attachments and imports edit.
            Self::Pick(target) | Self::AskPath(target) | Self::UsePath { target, .. } => {
                if target.changes_drafts() {
                    Rules::EDIT
                } else {
                    Rules::LOOK
                }
            }
            Self::AskRemoveEnterprise(_)
            | Self::AttachFiles(_)
            | Self::AttachPaths { .. }
            | Self::RemoveAttachment { .. }
            | Self::AskAcknowledge(_)
            | Self::Acknowledge { .. }
            | Self::ConfirmWarnings { .. }
            | Self::AskRestore
            | Self::AskRestoreFrom(_)
            | Self::AskRestoreAutoBackup(_) => Rules::EDIT,
            Self::AddEnterprise => Rules::EDIT.hiding_removed_notice(),
            Self::RemoveEnterprise(_) | Self::RestoreRemoved(_) => {
                Rules::EDIT.resetting_import_undo()
            }
            Self::MoveEnterprise { .. } | Self::RestoreFrom(_) | Self::RestoreAutoBackup(_) => {
                Rules::EDIT.resetting_import_undo().hiding_removed_notice()
            }
            Self::AskFinalize
            | Self::Finalize
            | Self::Proceed(Purpose::Finalize)
            | Self::AskUnfinalize
            | Self::Unfinalize(_) => Rules::FINALITY,
            Self::Word(word) => word.rules(),
            Self::Template(template) => template.rules(),
            Self::Batch(batch) => batch.rules(),
            Self::Pool(pool) => pool.rules(),
        }
    }

    /// Whether carrying it out (or the dialog it opens) changes the drafts of the batch shown.
    pub fn changes_drafts(&self) -> bool {
        self.rules().changes_drafts
    }

    /// Whether it may run while an archived batch is shown (read-only).
    pub fn allowed_on_archive(&self) -> bool {
        self.rules().allowed_on_archive
    }

    /// Whether it may run while the drafts are final (定稿).
    pub fn allowed_while_final(&self) -> bool {
        self.rules().allowed_while_final
    }

    /// Whether it ends the offer to undo the last Word import (enterprises move, or the drafts are replaced).
    pub fn resets_import_undo(&self) -> bool {
        self.rules().resets_import_undo
    }

    /// Whether it ends the notice offering 撤销删除.
    pub fn hides_removed_notice(&self) -> bool {
        self.rules().hides_removed_notice
    }
}

impl WordCommand {
    fn rules(&self) -> Rules {
        match self {
            Self::PickImport(_)
            | Self::ImportFrom { .. }
            | Self::PickImportNew
            | Self::ImportNew(_)
            | Self::Apply { .. }
            | Self::Undo => Rules::EDIT,
            // A choice in the import dialog, or the next file's plan: nothing changes until 导入.
            Self::SetTarget { .. } | Self::SkipFile => Rules::WINDOW,
            Self::PickExport(_) | Self::ExportTo { .. } => Rules::LOOK,
        }
    }
}

impl TemplateCommand {
    fn rules(&self) -> Rules {
        match self {
            Self::RemoveSection { .. }
            | Self::RemoveField { .. }
            | Self::Restore { .. }
            | Self::AskBuiltIn
            | Self::UseBuiltIn
            | Self::PickImport
            | Self::ImportFrom { .. } => Rules::EDIT,
            Self::PickExport | Self::ExportTo(_) => Rules::LOOK,
        }
    }
}

impl PoolCommand {
    fn rules(&self) -> Rules {
        match self {
            // The pool is beside the batches: its import, export and edits are allowed on an archived batch and
            // while final (an outcome is recorded after the 定稿 was exported).
            Self::PickImport
            | Self::ImportFrom(_)
            | Self::ApplyImport
            | Self::CancelImport
            | Self::PickExport
            | Self::ExportTo(_)
            | Self::Add
            | Self::Save { .. }
            | Self::Discard
            | Self::PutIntoPool(_)
            | Self::TakeBack(_) => Rules::LOOK,
            // What writes into the batch.
            Self::Pick(_) => Rules::EDIT.hiding_removed_notice(),
            Self::StartFromArchive { .. } => Rules::EDIT,
        }
    }
}

impl BatchCommand {
    fn rules(&self) -> Rules {
        match self {
            Self::Open { .. } | Self::BackToCurrent => Rules::LOOK.hiding_removed_notice(),
            // Starting next year's batch archives this one, final or not; never from an archived batch.
            Self::AskNew | Self::New { .. } => Rules {
                allowed_while_final: true,
                ..Rules::EDIT
            }
            .hiding_removed_notice(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::{BatchField, Severity};
    use crate::ui::file_picker::PathTarget;

    /// One command of every kind, with (allowed on an archived batch, allowed while final) as the window has
    /// always had them.
    fn every_command() -> Vec<(Command, bool, bool)> {
        let mut all = top_level();
        all.extend(paths());
        all.extend(word());
        all.extend(template());
        all.extend(batch());
        all.extend(pool());
        all
    }

    /// The 标杆企业库 is beside the batches: only what writes into the batch is refused.
    fn pool() -> Vec<(Command, bool, bool)> {
        let path = PathBuf::from("名单.xlsx");
        let pool = [
            (PoolCommand::PickImport, true, true),
            (PoolCommand::ImportFrom(path.clone()), true, true),
            (PoolCommand::ApplyImport, true, true),
            (PoolCommand::ExportTo(path), true, true),
            (
                PoolCommand::Save {
                    index: 0,
                    entry: Box::default(),
                },
                true,
                true,
            ),
            (PoolCommand::PutIntoPool(0), true, true),
            (PoolCommand::Pick(0), false, false),
            (
                PoolCommand::StartFromArchive {
                    index: 0,
                    year: 2023,
                },
                false,
                false,
            ),
        ];
        pool.into_iter()
            .map(|(p, a, f)| (Command::Pool(p), a, f))
            .collect()
    }

    fn top_level() -> Vec<(Command, bool, bool)> {
        let issue = Issue {
            field: FieldPath::Batch(BatchField::Year),
            severity: Severity::Warning,
            kind: crate::model::IssueKind::Required,
        };
        let path = PathBuf::from("x");
        vec![
            (Command::Show(Screen::Check), true, true),
            (Command::FocusField(issue.field.clone()), true, true),
            (Command::AddEnterprise, false, false),
            (Command::AskRemoveEnterprise(0), false, false),
            (Command::RemoveEnterprise(0), false, false),
            (Command::RestoreRemoved(0), false, false),
            (Command::DismissRemovedNotice, false, true),
            (Command::MoveEnterprise { from: 0, to: 1 }, false, false),
            (Command::AttachFiles(0), false, false),
            (
                Command::AttachPaths {
                    enterprise: 0,
                    paths: vec![],
                },
                false,
                false,
            ),
            (
                Command::RemoveAttachment {
                    enterprise: 0,
                    index: 0,
                },
                false,
                false,
            ),
            (Command::AskAcknowledge(issue.clone()), false, false),
            (
                Command::Acknowledge {
                    issue,
                    reason: None,
                },
                false,
                false,
            ),
            (Command::Backup, true, true),
            (Command::BackupTo(path.clone()), true, true),
            (Command::AskRestore, false, false),
            (Command::AskRestoreFrom(path.clone()), false, false),
            (Command::RestoreFrom(path.clone()), false, false),
            (Command::ShowAutoBackups, false, true),
            (Command::SetAutoBackupMaxMb(1), false, true),
            (Command::AskRestoreAutoBackup(path.clone()), false, false),
            (Command::RestoreAutoBackup(path.clone()), false, false),
            (Command::CloseDialog, true, true),
            (
                Command::Export(super::super::screens::export::ExportCommand::Verify),
                true,
                true,
            ),
            (Command::AskFinalize, false, true),
            (Command::Finalize, false, true),
            (Command::AskUnfinalize, false, true),
            (Command::Unfinalize("理由".into()), false, true),
            (
                Command::ConfirmWarnings {
                    kind: "k".into(),
                    reason: "r".into(),
                },
                false,
                false,
            ),
            (Command::Proceed(Purpose::Finalize), false, true),
            (
                Command::Proceed(Purpose::Export { overwrite: false }),
                true,
                true,
            ),
            (Command::ShowAbout, true, true),
            (Command::ShowHelp, true, true),
            (Command::Quit, true, true),
        ]
    }

    /// Paths for what changes nothing look; the others edit.
    fn paths() -> Vec<(Command, bool, bool)> {
        let mut all = Vec::new();
        let targets = [
            (PathTarget::Backup, true),
            (PathTarget::Restore, false),
            (PathTarget::ExportFolder, true),
            (PathTarget::VerifyFolder, true),
            (PathTarget::VerifyImage, true),
            (PathTarget::Attach(0), false),
            (PathTarget::WordImport(0), false),
            (PathTarget::WordExport(0), true),
            (PathTarget::TemplateExport, true),
            (PathTarget::TemplateImport, false),
        ];
        for (target, looks) in targets {
            all.push((Command::Pick(target), looks, looks));
            all.push((Command::AskPath(target), looks, looks));
            let text = String::new();
            all.push((Command::UsePath { target, text }, looks, looks));
        }
        all
    }

    fn word() -> Vec<(Command, bool, bool)> {
        let path = PathBuf::from("x");
        let word = [
            (WordCommand::PickImport(0), false, false),
            (
                WordCommand::ImportFrom {
                    enterprise: 0,
                    path: path.clone(),
                },
                false,
                false,
            ),
            (WordCommand::PickImportNew, false, false),
            (WordCommand::ImportNew(vec![]), false, false),
            (
                WordCommand::SetTarget {
                    block: 0,
                    target: crate::import::Target::Skip,
                },
                false,
                true,
            ),
            (
                WordCommand::Apply {
                    replace_existing: false,
                },
                false,
                false,
            ),
            (WordCommand::SkipFile, false, true),
            (WordCommand::Undo, false, false),
            (WordCommand::PickExport(0), true, true),
            (
                WordCommand::ExportTo {
                    enterprise: 0,
                    path: path.clone(),
                },
                true,
                true,
            ),
        ];
        word.into_iter()
            .map(|(w, a, f)| (Command::Word(w), a, f))
            .collect()
    }

    fn template() -> Vec<(Command, bool, bool)> {
        let path = PathBuf::from("x");
        let key = String::from("k");
        let kind = crate::model::template::KeptKind::Section;
        let template = [
            (
                TemplateCommand::RemoveSection {
                    key: key.clone(),
                    confirmed: false,
                },
                false,
                false,
            ),
            (
                TemplateCommand::RemoveField {
                    key: key.clone(),
                    confirmed: true,
                },
                false,
                false,
            ),
            (TemplateCommand::Restore { kind, key }, false, false),
            (TemplateCommand::AskBuiltIn, false, false),
            (TemplateCommand::UseBuiltIn, false, false),
            (TemplateCommand::PickExport, true, true),
            (TemplateCommand::ExportTo(path.clone()), true, true),
            (TemplateCommand::PickImport, false, false),
            (
                TemplateCommand::ImportFrom { path, force: false },
                false,
                false,
            ),
        ];
        template
            .into_iter()
            .map(|(t, a, f)| (Command::Template(t), a, f))
            .collect()
    }

    fn batch() -> Vec<(Command, bool, bool)> {
        let batch = [
            (
                BatchCommand::Open {
                    year: 2023,
                    current: false,
                },
                true,
                true,
            ),
            (BatchCommand::BackToCurrent, true, true),
            (BatchCommand::AskNew, false, true),
            (
                BatchCommand::New {
                    year: "2025".into(),
                    copy: vec![],
                },
                false,
                true,
            ),
        ];
        batch
            .into_iter()
            .map(|(b, a, f)| (Command::Batch(b), a, f))
            .collect()
    }

    #[test]
    fn each_command_is_allowed_where_it_always_was() {
        for (command, on_archive, while_final) in every_command() {
            assert_eq!(
                command.allowed_on_archive(),
                on_archive,
                "on an archive: {command:?}"
            );
            assert_eq!(
                command.allowed_while_final(),
                while_final,
                "while final: {command:?}"
            );
        }
    }

    /// What a read-only batch allows changes nothing, and what 定稿 refuses is an edit of the drafts.
    #[test]
    fn the_rules_agree_with_each_other() {
        for (command, ..) in every_command() {
            let rules = command.rules();
            assert!(
                !rules.allowed_on_archive || !rules.changes_drafts,
                "an archived batch only allows what changes nothing: {command:?}"
            );
            assert!(
                rules.allowed_while_final || rules.changes_drafts,
                "only edits are refused while final: {command:?}"
            );
            assert!(
                !rules.resets_import_undo || rules.changes_drafts,
                "only an edit moves enterprises: {command:?}"
            );
        }
    }

    #[test]
    fn moving_removing_and_restoring_end_the_import_undo_and_the_removed_notice() {
        let path = PathBuf::from("备份.json");
        let resets = [
            Command::MoveEnterprise { from: 0, to: 1 },
            Command::RemoveEnterprise(0),
            Command::RestoreRemoved(0),
            Command::RestoreFrom(path.clone()),
            Command::RestoreAutoBackup(path.clone()),
        ];
        for command in &resets {
            assert!(command.resets_import_undo(), "{command:?}");
        }
        let hides = [
            Command::AddEnterprise,
            Command::MoveEnterprise { from: 0, to: 1 },
            Command::RestoreFrom(path.clone()),
            Command::RestoreAutoBackup(path),
            Command::Batch(BatchCommand::BackToCurrent),
            Command::Batch(BatchCommand::AskNew),
            Command::Pool(PoolCommand::Pick(0)),
        ];
        for command in &hides {
            assert!(command.hides_removed_notice(), "{command:?}");
        }
        let (resetting, hiding) = every_command().iter().fold((0, 0), |(r, h), (c, ..)| {
            (
                r + usize::from(c.resets_import_undo()),
                h + usize::from(c.hides_removed_notice()),
            )
        });
        assert_eq!(
            resetting,
            resets.len(),
            "no other command ends the import undo"
        );
        assert_eq!(
            hiding,
            hides.len() + 2,
            "nor the notice (the four 批次 commands)"
        );
    }
}
