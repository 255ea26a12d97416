//! The system's file dialogs, and the in-app path box for when none can open (Linux without an xdg portal or
//! zenity: rfd then returns at once with nothing, exactly as if the clerk had cancelled).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::labels;
use crate::user_path::{self, PathUse};

/// What a chosen path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathTarget {
    /// 备份草稿到文件.
    Backup,
    /// 从备份文件恢复.
    Restore,
    ExportFolder,
    VerifyFolder,
    VerifyImage,
    /// 添加附件 to the enterprise at this place.
    Attach(usize),
    /// 从 Word 导入 into the enterprise at this place.
    WordImport(usize),
    /// 导出 Word of the enterprise at this place.
    WordExport(usize),
    /// 导出模板… on the 报告模板 page.
    TemplateExport,
    /// 导入模板… on the 报告模板 page.
    TemplateImport,
    /// 导入企业名单… into the 标杆企业库.
    PoolImport,
    /// 导出企业名单… of the 标杆企业库.
    PoolExport,
}

/// How a file dialog ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    Chosen(Vec<PathBuf>),
    Cancelled,
    /// No dialog could be shown.
    Unavailable,
}

/// Shows the system's dialog for `target`, starting as `PickStart` says. Tests put in their own.
pub type Picker = fn(PathTarget, PickStart<'_>) -> Picked;

/// Where a file dialog starts.
#[derive(Clone, Copy, Debug, Default)]
pub struct PickStart<'a> {
    /// The name suggested when saving.
    pub file_name: Option<&'a str>,
    /// The last folder used for the same purpose.
    pub dir: Option<&'a std::path::Path>,
}

/// Nobody closes a file dialog this fast: a dialog that returned with nothing sooner never opened.
const FASTEST_HUMAN_CANCEL: Duration = Duration::from_millis(300);

/// How a dialog that returned `result` after `elapsed` ended.
pub fn classify(result: Option<Vec<PathBuf>>, elapsed: Duration) -> Picked {
    match result {
        Some(paths) if !paths.is_empty() => Picked::Chosen(paths),
        _ if elapsed < FASTEST_HUMAN_CANCEL => Picked::Unavailable,
        _ => Picked::Cancelled,
    }
}

impl PathTarget {
    /// The dialog's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Backup => labels::MENU_BACKUP,
            Self::Restore => labels::MENU_RESTORE,
            Self::ExportFolder => labels::EXPORT_PICK_FOLDER,
            Self::VerifyFolder => labels::VERIFY_PICK_FOLDER,
            Self::VerifyImage => labels::VERIFY_PICK_IMAGE,
            Self::Attach(_) => labels::ATTACH_FILES,
            Self::WordImport(_) => labels::IMPORT_WORD,
            Self::WordExport(_) => labels::EXPORT_WORD,
            Self::TemplateExport => labels::TEMPLATE_EXPORT,
            Self::TemplateImport => labels::TEMPLATE_IMPORT,
            Self::PoolImport => labels::POOL_IMPORT,
            Self::PoolExport => labels::POOL_EXPORT,
        }
    }

    /// What the path must be.
    pub fn usage(self) -> PathUse {
        match self {
            Self::Backup | Self::TemplateExport => PathUse::NewFile { extension: "json" },
            Self::WordExport(_) => PathUse::NewFile { extension: "docx" },
            Self::PoolExport => PathUse::NewFile { extension: "xlsx" },
            Self::Restore
            | Self::VerifyImage
            | Self::Attach(_)
            | Self::WordImport(_)
            | Self::TemplateImport
            | Self::PoolImport => PathUse::ExistingFile,
            Self::ExportFolder => PathUse::OutputFolder,
            Self::VerifyFolder => PathUse::ExistingFolder,
        }
    }

    /// What the path box asks for, with an example.
    pub fn prompt(self) -> &'static str {
        match self {
            Self::Backup => "备份文件的路径（如 D:\\备份\\领军草稿备份.json）",
            Self::Restore => "备份文件的路径（.json）",
            Self::ExportFolder => "导出文件夹的路径（如 D:\\报送材料）",
            Self::VerifyFolder => "光盘盘符或文件夹的路径（如 E:\\）",
            Self::VerifyImage => "光盘映像的路径（.iso）",
            Self::Attach(_) => "附件文件的路径（PDF、JPG、PNG）",
            Self::WordImport(_) => "Word 文档或文本文件的路径（.docx、.doc、.txt）",
            Self::WordExport(_) => "Word 文件的保存路径（.docx）",
            Self::TemplateExport => "模板文件的保存路径（如 D:\\模板\\领军模板.json）",
            Self::TemplateImport => "模板文件的路径（.json）",
            Self::PoolImport => "企业名单的路径（.xlsx、.xls 或 .csv）",
            Self::PoolExport => "企业名单的保存路径（如 D:\\标杆企业库.xlsx）",
        }
    }

    /// Where a relative path is taken from: the export folder for packages, 文档 for the rest.
    pub fn base(self) -> Option<PathBuf> {
        match self {
            Self::ExportFolder | Self::VerifyFolder | Self::VerifyImage => {
                crate::package::default_export_dir()
            }
            _ => user_path::documents_dir(),
        }
    }

    /// The path typed, checked for this use. Err: why not, in Chinese.
    pub fn check(self, text: &str) -> Result<PathBuf, String> {
        user_path::check(text, self.base().as_deref(), self.usage())
    }

    /// The key its last folder is remembered under (`settings::PURPOSES`); none for the export folder, which is
    /// the export page's own.
    pub fn purpose(self) -> Option<&'static str> {
        match self {
            Self::ExportFolder => None,
            Self::VerifyFolder | Self::VerifyImage => Some("verify"),
            Self::Attach(_) => Some("attachments"),
            Self::WordImport(_) | Self::WordExport(_) => Some("word"),
            Self::Backup | Self::Restore => Some("backup"),
            Self::TemplateExport | Self::TemplateImport => Some("template"),
            Self::PoolImport | Self::PoolExport => Some("pool"),
        }
    }

    /// What the path box starts with, given the last folder used: that folder for a folder, the folder and a
    /// separator for a file (only its name is left to type).
    pub fn start_text(self, dir: &std::path::Path) -> String {
        let text = dir.display().to_string();
        match self.usage() {
            PathUse::OutputFolder | PathUse::ExistingFolder => text,
            PathUse::ExistingFile | PathUse::NewFile { .. } => {
                if text.ends_with(std::path::MAIN_SEPARATOR) {
                    text
                } else {
                    format!("{text}{}", std::path::MAIN_SEPARATOR)
                }
            }
        }
    }

    /// Whether using a path changes the drafts (refused while they are final).
    pub fn changes_drafts(self) -> bool {
        matches!(
            self,
            Self::Restore | Self::Attach(_) | Self::WordImport(_) | Self::TemplateImport
        )
    }
}

/// 从 Word 批量导入…: the system's dialog for several .docx or .txt files; `None` when cancelled.
pub fn pick_word_files() -> Option<Vec<PathBuf>> {
    rfd::FileDialog::new()
        .set_title(labels::IMPORT_WORD_BATCH)
        .add_filter("Word 文档或文本文件", &["docx", "txt"])
        .add_filter("所有文件", &["*"])
        .pick_files()
}

/// The system's file dialog for `target`.
pub fn native(target: PathTarget, start: PickStart<'_>) -> Picked {
    let mut dialog = rfd::FileDialog::new().set_title(target.title());
    if let Some(name) = start.file_name {
        dialog = dialog.set_file_name(name);
    }
    if let Some(dir) = start.dir {
        dialog = dialog.set_directory(dir);
    }
    let started = Instant::now();
    let one = |path: Option<PathBuf>| path.map(|p| vec![p]);
    let result = match target {
        PathTarget::Backup => one(dialog.add_filter("领军草稿文件", &["json"]).save_file()),
        PathTarget::Restore => one(dialog.add_filter("领军草稿文件", &["json"]).pick_file()),
        PathTarget::ExportFolder | PathTarget::VerifyFolder => one(dialog.pick_folder()),
        PathTarget::VerifyImage => one(dialog.add_filter("光盘映像", &["iso"]).pick_file()),
        PathTarget::Attach(_) => dialog
            .add_filter("扫描件（PDF、JPG、PNG）", &["pdf", "jpg", "jpeg", "png"])
            .add_filter("所有文件", &["*"])
            .pick_files(),
        PathTarget::WordImport(_) => one(dialog
            .add_filter("Word 文档或文本文件", &["docx", "doc", "txt"])
            .add_filter("所有文件", &["*"])
            .pick_file()),
        PathTarget::WordExport(_) => one(dialog.add_filter("Word 文档", &["docx"]).save_file()),
        PathTarget::TemplateExport => one(dialog.add_filter("领军模板文件", &["json"]).save_file()),
        PathTarget::TemplateImport => one(dialog
            .add_filter("领军模板文件", &["json"])
            .add_filter("所有文件", &["*"])
            .pick_file()),
        PathTarget::PoolImport => one(dialog
            .add_filter("企业名单（Excel、CSV）", &["xlsx", "xls", "csv"])
            .add_filter("所有文件", &["*"])
            .pick_file()),
        PathTarget::PoolExport => one(dialog.add_filter("Excel 工作簿", &["xlsx"]).save_file()),
    };
    classify(result, started.elapsed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dialog_that_returns_nothing_at_once_never_opened() {
        assert_eq!(
            classify(None, Duration::from_millis(5)),
            Picked::Unavailable
        );
        assert_eq!(
            classify(Some(Vec::new()), Duration::from_millis(5)),
            Picked::Unavailable,
            "an empty pick is nothing as well"
        );
        assert_eq!(classify(None, Duration::from_secs(4)), Picked::Cancelled);
        let chosen = vec![PathBuf::from("/tmp/a.pdf")];
        assert_eq!(
            classify(Some(chosen.clone()), Duration::from_millis(1)),
            Picked::Chosen(chosen),
            "a path is a path however fast (a dialog remembering its last choice)"
        );
    }
}
