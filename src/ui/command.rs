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
